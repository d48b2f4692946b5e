// std layer: natives of lib fmt zlib streams. (Table still empty: filled in as the natives are written.)
#include "std/std_natives.h"

namespace hlffi::rt {

std::span<const NativeDef> natives_fmt_zip() { return {}; }

}  // namespace hlffi::rt
