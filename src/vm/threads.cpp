// vm layer: Haxe threads. One thread at a time runs Haxe code in a VM, holding Vm::lock;
// blocking natives wait on Vm::wake (which releases the lock), and a thread running a long loop
// yields at loop heads when others wait. The heap therefore needs no locking, and a collection
// sees every other thread stopped at a call or a wait with its frames saved.
#include <chrono>

#include "interp/interp.h"
#include "vm/host_entry.h"
#include "vm/vm.h"

namespace hlffi::rt {

namespace {

// Takes the VM lock, counting this thread as a waiter so the holder yields at its next loop head.
void acquire(vm::Vm& v, std::unique_lock<std::mutex>& hold) {
    v.lock_waiters.fetch_add(1, std::memory_order_relaxed);
    hold.lock();
    v.lock_waiters.fetch_sub(1, std::memory_order_relaxed);
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

bool wait_until(Ctx& c, bool (*ready)(void* data), void* data, double timeout_seconds) {
    vm::Vm& v = *c.vm;
    if (c.vm_lock == nullptr) return ready(data);
    auto done = [&] { return v.stopping || ready(data); };
    if (timeout_seconds < 0) {
        v.wake.wait(*c.vm_lock, done);
    } else {
        v.wake.wait_for(*c.vm_lock, std::chrono::duration<double>(timeout_seconds), done);
    }
    if (v.stopping) {
        c.interrupted = true;
        raise_message(c, "Interrupted");
        return false;
    }
    return true;
}

void notify_waiters(Ctx& c) { c.vm->wake.notify_all(); }

bool sleep_unlocked(Ctx& c, double seconds) {
    vm::Vm& v = *c.vm;
    if (c.vm_lock == nullptr) {
        std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
        return true;
    }
    v.wake.wait_for(*c.vm_lock, std::chrono::duration<double>(seconds), [&] { return v.stopping; });
    if (v.stopping) {
        c.interrupted = true;
        raise_message(c, "Interrupted");
        return false;
    }
    return true;
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
    }
    wake.notify_all();
    for (HaxeThread& t : threads)
        if (t.thread.joinable()) t.thread.join();
    threads.clear();
    stopping = false;
    interrupt_flag = false;
}

}  // namespace hlffi::vm
