// interp layer: executes pre-decoded functions.
#pragma once

#include "vm/thread_context.h"

namespace hlffi::rt {

// Calls function `f` (bytecode or native) with `nargs` argument slots; the result goes to *ret
// (may be null for void). False when an exception (or an uncatchable stop) is propagating.
bool invoke(Ctx& c, FunctionCode* f, const Slot* args, int nargs, Slot* ret);

// Calls a closure value with typed arguments (bound value, wrapper conversions handled).
bool invoke_closure(Ctx& c, VClosure* cl, const Slot* args, int nargs, Slot* ret);

// Raises with the current frames recorded as the exception stack (OThrow, natives' errors).
void throw_value(Ctx& c, void* value);

}  // namespace hlffi::rt
