// vm layer: Ctx, the state of one thread executing Haxe code in a VM. Natives receive it but
// see it only through std/native.h.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "gc/heap.h"
#include "link/program.h"

namespace hlffi::vm {
class Vm;
}

namespace hlffi::rt {

// One activation of a bytecode function, linked innermost-first; the GC scans its registers and
// stack traces read its saved instruction.
struct Frame {
    FunctionCode* fn;
    Slot* regs;
    const Instr* pc;   // instruction in progress (saved before anything that can call or throw)
    Frame* parent;
    int32_t ret_reg;   // caller's register receiving the result (frames called from Haxe code)
    int32_t trap_base; // Ctx::ntraps when this frame was entered: its traps are above
};

// An active OTrap: where to resume, and which frame's register gets the exception.
struct Trap {
    Frame* frame;
    int32_t target;
    int32_t reg;
};

// An exception a nested host call left uncaught inside a host callback (api layer), kept so the
// callback can rethrow it into the Haxe code that called it. The callback roots `value`.
struct HeldException {
    bool held = false;
    void* value = nullptr;
    std::vector<std::pair<FunctionCode*, int32_t>> stack;
};

// Why running code must stop at its next safepoint (loop head, call): bits of Vm::attention.
inline constexpr uint32_t kAttendInterrupt = 1;  // hlffi_interrupt, or the VM stopping
inline constexpr uint32_t kAttendFuel = 2;       // an instruction budget is set: count it
inline constexpr uint32_t kAttendHostCalls = 4;  // host calls wait for the VM thread
inline constexpr uint32_t kAttendLockWaiters = 8;  // a thread waits for the VM lock: yield it

struct Ctx {
    vm::Vm* vm = nullptr;                 // owning VM
    Program* program = nullptr;           // the loaded program (shared, read-only)
    Slot* globals = nullptr;              // this VM's values of the program's globals
    FunctionCode* host_natives = nullptr; // this VM's bindings of Program::host_natives
    gc::Heap* heap = nullptr;             // the VM's heap
    Frame* top = nullptr;                 // innermost active frame
    std::unique_ptr<Slot[]> stack;        // register stack for all frames of this thread
    Slot* stack_end = nullptr;            // one past the last usable slot
    Slot* sp = nullptr;                   // first free slot
    std::unique_ptr<Frame[]> frames;      // activation records, innermost at `top`
    Frame* frames_end = nullptr;          // one past the last usable record
    std::unique_ptr<Trap[]> traps;        // active exception handlers of all frames, innermost last
    int32_t ntraps = 0;
    int32_t max_traps = 0;
    const char* c_stack_limit = nullptr;  // below this address of the C stack: "Stack overflow"
    bool exception = false;               // an exception is propagating
    void* exception_value = nullptr;      // the thrown value
    std::vector<std::pair<FunctionCode*, int32_t>> exception_stack;  // (function, op) innermost first
    std::vector<void*> roots;             // addresses of native locals guarded by RootGuard
    bool exit_requested = false;          // Sys.exit: unwind everything, not catchable
    std::atomic<bool>* interrupt = nullptr;  // set by another thread to stop this one
    std::atomic<uint32_t>* attention = nullptr;  // kAttend* bits: work for the next safepoint
    std::atomic<int>* lock_waiters = nullptr;  // threads waiting for the VM lock (yield at loop heads)
    std::unique_lock<std::mutex>* vm_lock = nullptr;  // this thread's hold on the VM lock
    std::vector<void*> tls;               // Tls values of this thread (GC roots)
    bool interrupted = false;             // unwinding because of an interrupt (not catchable)
    bool out_of_fuel = false;             // ... because the VM's instruction budget is spent
    // The native being called (set before every native call): a native bound with data (host
    // natives and callbacks of the embedding API) reads its FunctionCode::native_data here, since
    // the native calling convention carries no userdata.
    FunctionCode* native_callee = nullptr;
    HeldException* held_exception = nullptr;  // set while a host callback runs on this thread
};

}  // namespace hlffi::rt
