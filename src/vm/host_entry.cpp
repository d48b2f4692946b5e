// vm layer: the host entering a VM (see host_entry.h).
#include "vm/host_entry.h"

#include "interp/interp.h"

namespace hlffi::vm {

namespace {

// The library's one piece of per-thread state: which VM context runs on this thread, and this
// thread's C stack limit once known.
struct ThreadState {
    rt::Ctx* current = nullptr;
    const char* c_stack_limit = nullptr;
    bool limit_known = false;
};
thread_local ThreadState this_thread;

}  // namespace

rt::Ctx* current_ctx() { return this_thread.current; }

CurrentCtx::CurrentCtx(rt::Ctx* c) : saved_(this_thread.current) { this_thread.current = c; }
CurrentCtx::~CurrentCtx() { this_thread.current = saved_; }

const char* cached_c_stack_limit() {
    if (!this_thread.limit_known) {
        this_thread.c_stack_limit = current_c_stack_limit();
        this_thread.limit_known = true;
    }
    return this_thread.c_stack_limit;
}

HostEntry::HostEntry(Vm& vm) : vm_(vm), hold_(vm.lock, std::defer_lock) {
    rt::Ctx* cur = this_thread.current;
    if (cur != nullptr && cur->vm == &vm) {
        ctx_ = cur;
        nested_ = true;
        return;
    }
    if (!hold_.try_lock()) {
        // Counted as a waiter, so that a thread running a long loop yields at its next loop head.
        vm.lock_wait_begin();
        hold_.lock();
        vm.lock_wait_end();
    }
    if (!vm.loaded()) return;  // nothing to enter; the callers check loaded() first
    rt::Ctx& c = vm.ctx();
    // The main context is in use by a call of another thread that is waiting or yielding.
    if (c.top != nullptr) return;
    ctx_ = &c;
    // An interrupt stops the code running when it is asked for; one asked for while no code ran
    // must not kill this new call. Nothing pending is the common case: two loads instead of
    // clear_interrupt's two locked writes (a quarter of a cached call's time). A request racing
    // with this check is one made just after it, as it could be just after a clear.
    if (!vm.stopping && (vm.interrupt_flag.load(std::memory_order_acquire) ||
                         (vm.attention.load(std::memory_order_acquire) & rt::kAttendInterrupt) != 0))
        vm.clear_interrupt();
    saved_lock_ = c.vm_lock;
    c.vm_lock = &hold_;
    saved_limit_ = c.c_stack_limit;
    c.c_stack_limit = cached_c_stack_limit();
    saved_current_ = this_thread.current;
    this_thread.current = &c;
}

HostEntry::~HostEntry() {
    if (ctx_ == nullptr || nested_) return;
    ctx_->vm_lock = saved_lock_;
    ctx_->c_stack_limit = saved_limit_;
    this_thread.current = saved_current_;
}

CallOutcome settle(HostEntry& e, bool ok) {
    rt::Ctx& c = e.ctx();
    if (ok && !c.exception) return CallOutcome::Ok;
    if (c.exit_requested) {
        // Sys.exit inside a nested call must still unwind the Haxe frames around it.
        if (e.nested()) return CallOutcome::Exit;
        c.exit_requested = false;
        c.exception = false;
        return CallOutcome::Exit;
    }
    if (c.interrupted) {
        CallOutcome o = c.out_of_fuel ? CallOutcome::OutOfFuel : CallOutcome::Interrupted;
        if (e.nested()) return o;
        c.interrupted = false;
        c.out_of_fuel = false;
        c.exception = false;
        c.exception_value = nullptr;
        e.vm().clear_interrupt();
        return o;
    }
    if (e.nested() && c.held_exception != nullptr) {
        // Inside a host callback: keep the thrown value so the callback can rethrow it to the
        // Haxe code that called it (the host may also clear it: hlffi_clear_exception).
        c.held_exception->held = true;
        c.held_exception->value = c.exception_value;
        c.held_exception->stack = c.exception_stack;
    }
    e.vm().capture_uncaught(c);
    return CallOutcome::Exception;
}

CallOutcome call_closure_from_host(HostEntry& e, rt::VClosure* cl, const rt::Slot* args, int nargs, rt::Slot* ret) {
    rt::Ctx& c = e.ctx();
    e.vm().has_exception = false;
    bool ok = rt::invoke_closure(c, cl, args, nargs, ret);
    if (ok && !c.exception) return CallOutcome::Ok;
    return settle(e, ok);
}

}  // namespace hlffi::vm
