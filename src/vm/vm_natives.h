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

// lib@name -> the built-in implementation of lib "std" or "fmt" (host natives are bound per VM).
NativeResolver builtin_native_resolver();

}  // namespace hlffi::rt
