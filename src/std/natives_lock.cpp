// std layer: natives of lock_* (sys.thread.Lock), semaphores, conditions. (Table still empty: filled in as the natives are written.)
#include "std/std_natives.h"

namespace hlffi::rt {

std::span<const NativeDef> natives_lock() { return {}; }

}  // namespace hlffi::rt
