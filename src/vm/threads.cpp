// vm layer: Haxe threads. One thread at a time runs Haxe code in a VM, holding Vm::lock;
// blocking natives wait on Vm::wake (which releases the lock), and a thread running a long loop
// yields at loop heads when others wait. The heap therefore needs no locking, and a collection
// sees every other thread stopped at a call or a wait with its frames saved.
#include <algorithm>
#include <chrono>

#include "interp/interp.h"
#include "vm/host_entry.h"
#include "vm/vm.h"

namespace hlffi::rt {

namespace {

// Takes the VM lock, counting this thread as a waiter so the holder yields at its next loop head.
void acquire(vm::Vm& v, std::unique_lock<std::mutex>& hold) {
    v.lock_wait_begin();
    hold.lock();
    v.lock_wait_end();
}

void thread_main(vm::Vm* v, Ctx* c, VClosure* fn, std::list<vm::Vm::HaxeThread>::iterator self) {
    std::unique_lock<std::mutex> hold(v->lock, std::defer_lock);
    acquire(*v, hold);
    c->vm_lock = &hold;
    c->c_stack_limit = vm::cached_c_stack_limit();
    vm::CurrentCtx running(c);
    if (!v->stopping) {
        bool ok = invoke_closure(*c, fn, nullptr, 0, nullptr);
        if (!ok && !c->exit_requested && !c->interrupted) v->report_uncaught(*c);
    }
    c->exception = false;
    c->vm_lock = nullptr;
    self->finished = true;
    v->wake.notify_all();
}

}  // namespace

// Called with the VM lock held by the caller.
void* start_thread(Ctx& c, VClosure* fn) {
    vm::Vm& v = *c.vm;
    if (v.stopping) {
        raise_message(c, "the VM is stopping");
        return nullptr;
    }
    auto& rec = v.threads.emplace_back();
    rec.ctx = v.make_ctx();
    auto self = std::prev(v.threads.end());
    Ctx* tc = rec.ctx.get();
    tc->tls.push_back(fn);  // tls slot 0 keeps the closure alive until the thread has run it
    rec.thread = std::thread(thread_main, &v, tc, fn, self);
    return tc;
}

void* current_thread(Ctx& c) { return &c; }

namespace {

// Longest a wait sleeps before it looks again: a notification that races with a waiter going to
// sleep (notifiers do not take the VM lock) is at most this late.
constexpr auto kWaitSlice = std::chrono::milliseconds(5);

// Waits on Vm::wake, the VM lock released meanwhile, until done() or the deadline. Meanwhile the
// VM thread runs the host calls queued for it. False (with "Interrupted" raised, not catchable)
// when the VM is stopping or hlffi_interrupt was called.
template <typename Done>
bool wait_sliced(Ctx& c, Done done, double timeout_seconds) {
    vm::Vm& v = *c.vm;
    using Clock = std::chrono::steady_clock;
    auto deadline = timeout_seconds < 0
                        ? Clock::time_point::max()
                        : Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(timeout_seconds));
    for (;;) {
        if (v.stopping || v.interrupt_flag.load(std::memory_order_relaxed)) {
            c.interrupted = true;
            raise_message(c, "Interrupted");
            return false;
        }
        if (v.tasks_pending_here() && v.may_serve_tasks(c)) {
            v.serve_tasks();
            if (c.exception) return false;
            continue;
        }
        if (done()) return true;
        auto now = Clock::now();
        if (now >= deadline) return true;
        v.wake.wait_for(*c.vm_lock, std::min<Clock::duration>(deadline - now, kWaitSlice));
    }
}

}  // namespace

bool wait_until(Ctx& c, bool (*ready)(void* data), void* data, double timeout_seconds) {
    if (c.vm_lock == nullptr) return ready(data);
    return wait_sliced(c, [&] { return ready(data); }, timeout_seconds);
}

void notify_waiters(Ctx& c) { c.vm->wake.notify_all(); }

bool sleep_unlocked(Ctx& c, double seconds) {
    if (c.vm_lock == nullptr) {
        std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
        return true;
    }
    return wait_sliced(c, [] { return false; }, seconds);
}

void** tls_slot(Ctx& c, int32_t key) {
    if (key < 0) return nullptr;
    if (c.tls.size() <= static_cast<size_t>(key) + 1) c.tls.resize(static_cast<size_t>(key) + 2, nullptr);
    return &c.tls[static_cast<size_t>(key) + 1];  // slot 0 keeps a starting thread's closure
}

int32_t new_tls_key(Ctx& c) { return c.vm->next_tls_key++; }

namespace slow {

// At a loop head when other threads wait for the VM lock: let one of them run.
void yield_lock(Ctx& c) {
    if (c.vm_lock == nullptr || !c.vm_lock->owns_lock()) return;
    vm::Vm& v = *c.vm;
    c.vm_lock->unlock();
    std::this_thread::yield();
    acquire(v, *c.vm_lock);
}

}  // namespace slow

}  // namespace hlffi::rt

namespace hlffi::vm {

void Vm::stop_threads() {
    if (threads.empty()) return;
    {
        std::lock_guard<std::mutex> g(lock);
        stopping = true;
        interrupt_flag = true;
        attention.fetch_or(rt::kAttendInterrupt);
    }
    wake.notify_all();
    for (HaxeThread& t : threads)
        if (t.thread.joinable()) t.thread.join();
    threads.clear();
    stopping = false;
    clear_interrupt();
}

}  // namespace hlffi::vm
