// vm layer: how host code enters a VM: the calling thread's current context (the one
// thread_local of the library), the VM lock, and calls into Haxe whose outcome is reported to the
// host instead of printed.
#pragma once

#include <mutex>

#include "interp/interp.h"
#include "vm/vm.h"

namespace hlffi::vm {

// The context of the VM whose code runs on this thread, or nullptr. Set while Haxe code runs
// (entry point, Haxe threads, host calls), so that a host callback called from Haxe that calls
// back into the API nests on the same context instead of waiting for a lock it already holds.
rt::Ctx* current_ctx();

// Makes `c` the current context of this thread for its lifetime, then restores the previous one.
class CurrentCtx {
public:
    explicit CurrentCtx(rt::Ctx* c);
    ~CurrentCtx();
    CurrentCtx(const CurrentCtx&) = delete;
    CurrentCtx& operator=(const CurrentCtx&) = delete;

private:
    rt::Ctx* saved_;
};

// Lowest usable C stack address of this thread, computed once per thread (pthread_getattr_np is
// slow on the main thread: it reads /proc/self/maps).
const char* cached_c_stack_limit();

// The host entering VM `vm` on the calling thread. Nested inside Haxe code of the same VM (a
// callback) it reuses that thread's context; otherwise it takes the VM lock and uses the VM's
// main context. ok() is false when the main context is busy on another thread (the caller then
// reports HLFFI_ERROR_WRONG_THREAD).
class HostEntry {
public:
    explicit HostEntry(Vm& vm);
    ~HostEntry();
    HostEntry(const HostEntry&) = delete;
    HostEntry& operator=(const HostEntry&) = delete;

    bool ok() const { return ctx_ != nullptr; }
    bool nested() const { return nested_; }
    rt::Ctx& ctx() { return *ctx_; }
    Vm& vm() { return vm_; }

private:
    Vm& vm_;
    rt::Ctx* ctx_ = nullptr;
    bool nested_ = false;
    std::unique_lock<std::mutex> hold_;
    std::unique_lock<std::mutex>* saved_lock_ = nullptr;
    rt::Ctx* saved_current_ = nullptr;
    const char* saved_limit_ = nullptr;
};

enum class CallOutcome {
    Ok,
    Exception,    // uncaught Haxe exception: Vm::exception_message / exception_stack hold it
    Interrupted,  // hlffi_interrupt (or the VM stopping) ended the call
    Exit,         // the program called Sys.exit
    OutOfFuel,    // the instruction budget (hlffi_set_fuel) is spent
};

// After any other host-made operation that may raise (a conversion, an allocation): the same
// bookkeeping for whatever is pending on the context.
CallOutcome settle(HostEntry& e, bool ok);

// Calls `f` from the host. A pending exception is turned into the VM's recorded exception
// (message and stack, not printed) and cleared, so the VM stays usable. Inline: the cached-call
// path; only an outcome other than Ok goes through settle.
inline CallOutcome call_from_host(HostEntry& e, rt::FunctionCode* f, const rt::Slot* args, int nargs, rt::Slot* ret) {
    rt::Ctx& c = e.ctx();
    e.vm().has_exception = false;
    bool ok = rt::invoke(c, f, args, nargs, ret);
    if (ok && !c.exception) return CallOutcome::Ok;
    return settle(e, ok);
}
// The same for a closure value.
CallOutcome call_closure_from_host(HostEntry& e, rt::VClosure* cl, const rt::Slot* args, int nargs, rt::Slot* ret);

}  // namespace hlffi::vm
