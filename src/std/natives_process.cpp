// std layer: natives of process_* (sys.io.Process). (Table still empty: filled in as the natives are written.)
#include "std/std_natives.h"

namespace hlffi::rt {

std::span<const NativeDef> natives_process() { return {}; }

}  // namespace hlffi::rt
