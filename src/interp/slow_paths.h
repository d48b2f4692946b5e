// interp layer: out-of-line handlers for the ops that allocate, convert dynamically or follow
// runtime rules. Each returns false (or -1) when an exception is propagating.
#pragma once

#include "vm/thread_context.h"

namespace hlffi::rt::slow {

void interrupt(Ctx& c);
void yield_lock(Ctx& c);  // let threads waiting for the VM lock run (vm/threads.cpp)
void arith_small(Slot* regs, const Instr& in);
FunctionCode* vtable_entry(VObj* obj, int32_t slot);
bool call(Ctx& c, Slot* regs, const Instr& in);           // call_slow
bool make_closure(Ctx& c, Slot* regs, const Instr& in);   // static/instance/virtual closures
bool op(Ctx& c, Frame& fr, Slot* regs, const Instr& in);  // the other allocating/dynamic ops
int compare_jump(Ctx& c, Frame& fr, Slot* regs, const Instr& in);  // 1 jump, 0 not, -1 exception
bool call_wrapper(Ctx& c, VClosure* wrapper, const Slot* args, int nargs, Slot* ret);

}  // namespace hlffi::rt::slow
