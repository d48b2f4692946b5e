// std layer: natives of socket_*, host_* (sys.net.Socket, sys.net.Host). (Table still empty: filled in as the natives are written.)
#include "std/std_natives.h"

namespace hlffi::rt {

std::span<const NativeDef> natives_socket() { return {}; }

}  // namespace hlffi::rt
