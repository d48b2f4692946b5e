// vm layer: what running code does at a safepoint (loop heads and calls): stop for an interrupt
// or a spent instruction budget; at loop heads also run the host calls queued for the VM thread
// and let other threads take the VM lock. With nothing to do the interpreter pays one relaxed
// load and a branch.
#include <thread>

#include "interp/slow_paths.h"
#include "std/native.h"
#include "vm/vm.h"

namespace hlffi::vm {

void Vm::request_interrupt() {
    interrupt_flag.store(true);
    attention.fetch_or(rt::kAttendInterrupt);
    // Waits re-check their condition at least every few milliseconds (threads.cpp), so a
    // notification that races with a waiter going to sleep is late, never lost.
    wake.notify_all();
}

void Vm::lock_wait_begin() {
    if (lock_waiters.fetch_add(1) == 0) attention.fetch_or(rt::kAttendLockWaiters);
}

void Vm::lock_wait_end() {
    if (lock_waiters.fetch_sub(1) != 1) return;
    attention.fetch_and(~rt::kAttendLockWaiters);
    // A waiter that arrived between the count and the clear set the bit first: set it again, or
    // a spinning loop would never yield to it.
    if (lock_waiters.load() != 0) attention.fetch_or(rt::kAttendLockWaiters);
}

void Vm::clear_interrupt() {
    interrupt_flag.store(false);
    attention.fetch_and(~rt::kAttendInterrupt);
}

void Vm::set_fuel(int64_t safepoints) {
    fuel = safepoints;
    if (safepoints >= 0) attention.fetch_or(rt::kAttendFuel);
    else attention.fetch_and(~rt::kAttendFuel);
}

bool Vm::post_task(HostTask t) {
    {
        std::lock_guard<std::mutex> g(tasks_lock);
        if (!accepting_tasks || (task_limit != 0 && tasks.size() >= task_limit)) return false;
        tasks.push_back(t);
        attention.fetch_or(rt::kAttendHostCalls);
    }
    wake.notify_all();
    return true;
}

bool Vm::tasks_pending_here() const {
    return (attention.load(std::memory_order_relaxed) & rt::kAttendHostCalls) != 0 && std::this_thread::get_id() == vm_thread.load();
}

bool Vm::may_serve_tasks(const rt::Ctx& c) const {
    if (c.top == nullptr || main_fn == nullptr) return true;
    for (const rt::Frame* f = c.top; f != nullptr; f = f->parent)
        if (f->fn == main_fn) return true;
    return false;
}

bool Vm::serve_tasks() {
    if (serving_tasks || std::this_thread::get_id() != vm_thread.load()) return false;
    serving_tasks = true;
    bool ran = false;
    for (;;) {
        HostTask t;
        {
            std::lock_guard<std::mutex> g(tasks_lock);
            if (tasks.empty()) {
                attention.fetch_and(~rt::kAttendHostCalls);
                break;
            }
            t = tasks.front();
            tasks.pop_front();
        }
        t.run(t.data);
        ran = true;
    }
    serving_tasks = false;
    return ran;
}

}  // namespace hlffi::vm

namespace hlffi::rt::slow {

bool attend(Ctx& c, bool loop_head) {
    vm::Vm& v = *c.vm;
    uint32_t a = c.attention->load(std::memory_order_relaxed);
    if ((a & kAttendInterrupt) != 0 && c.interrupt->load(std::memory_order_relaxed)) {
        interrupt(c);
        return false;
    }
    if ((a & kAttendFuel) != 0 && v.fuel >= 0 && v.fuel-- == 0) {
        c.interrupted = true;
        c.out_of_fuel = true;
        raise_message(c, "Out of fuel");
        return false;
    }
    // Host calls and other threads get their turn at loop heads only: a call boundary is not a
    // point where the program expects the world to change.
    if (!loop_head) return true;
    if ((a & kAttendHostCalls) != 0 && v.may_serve_tasks(c)) v.serve_tasks();
    if (c.lock_waiters->load(std::memory_order_relaxed) != 0) yield_lock(c);
    return !c.exception;
}

}  // namespace hlffi::rt::slow
