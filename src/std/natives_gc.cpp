// std layer: natives of gc_* (hl.Gc) and track_* profiling hooks. (Table still empty: filled in as the natives are written.)
#include "std/std_natives.h"

namespace hlffi::rt {

std::span<const NativeDef> natives_gc() { return {}; }

}  // namespace hlffi::rt
