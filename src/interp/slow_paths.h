// interp layer: out-of-line handlers for the ops that allocate, convert dynamically or follow
// runtime rules. Each returns false (or -1) when an exception is propagating.
#pragma once

#include "vm/thread_context.h"

namespace hlffi::rt::slow {

void interrupt(Ctx& c);
void yield_lock(Ctx& c);  // let threads waiting for the VM lock run (vm/threads.cpp)
// At a safepoint with Ctx::attention set or threads waiting for the lock (vm/safepoints.cpp):
// false when the code must unwind (interrupt, instruction budget spent). Loop heads also serve
// queued host calls and yield the VM lock; calls only stop.
bool attend(Ctx& c, bool loop_head);
void arith_small(Slot* regs, const Instr& in);
FunctionCode* vtable_entry(VObj* obj, int32_t slot);
bool call(Ctx& c, Slot* regs, const Instr& in);           // call_slow
bool make_closure(Ctx& c, Slot* regs, const Instr& in);   // static/instance/virtual closures
bool op(Ctx& c, Frame& fr, Slot* regs, const Instr& in);  // the other allocating/dynamic ops
int compare_jump(Ctx& c, Frame& fr, Slot* regs, const Instr& in);  // 1 jump, 0 not, -1 exception
bool call_wrapper(Ctx& c, VClosure* wrapper, const Slot* args, int nargs, Slot* ret);
bool array_access(Ctx& c, Slot* regs, const Instr& in);  // array_get/array_set off the fast path

}  // namespace hlffi::rt::slow
