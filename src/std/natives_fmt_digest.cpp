// std layer: natives of lib fmt digests. (Table still empty: filled in as the natives are written.)
#include "std/std_natives.h"

namespace hlffi::rt {

std::span<const NativeDef> natives_fmt_digest() { return {}; }

}  // namespace hlffi::rt
