// link layer: building runtime type descriptors (internal to the linker).
#pragma once

#include "link/program.h"

namespace hlffi::rt {

// Creates every module type's descriptor, the built-ins and the closure types; object layouts
// wait for build_objects, which needs the functions (vtables point at them).
void build_types(Program& p);
void build_objects(Program& p);

}  // namespace hlffi::rt
