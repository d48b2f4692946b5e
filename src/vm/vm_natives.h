// vm layer: natives that need the VM's internals (exception stacks), and the resolver that binds
// a module's natives against the std tables and the host's registrations.
#pragma once

#include <span>

#include "link/program.h"

namespace hlffi::vm {
class Vm;
}

namespace hlffi::rt {

std::span<const NativeDef> natives_vm();

// lib@name -> implementation: the host's natives first, then lib "std".
NativeResolver make_native_resolver(const vm::Vm& vm);

}  // namespace hlffi::rt
