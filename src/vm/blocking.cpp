// vm layer: blocking system calls without the VM lock (std/native.h: wait_fds, run_unlocked).
// The thread gives the lock up around the call, so other Haxe threads run and may collect: its
// frames are already saved (natives are entered at a call), and the native touches no heap memory
// until the lock is back. poll(2) is cut into short slices so that a wait notices hlffi_interrupt
// and the VM's unloading (stop_threads sets interrupt_flag too) within one slice.
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>

#include "vm/vm.h"

namespace hlffi::rt {

namespace {

constexpr int kSliceMs = 50;

// Releases the VM lock for its lifetime if this thread holds it, then takes it back counted in
// lock_waiters, so that a thread running a long loop yields it at its next loop head.
class Unlocked {
public:
    explicit Unlocked(Ctx& c) : c_(c), held_(c.vm_lock != nullptr && c.vm_lock->owns_lock()) {
        if (held_) c_.vm_lock->unlock();
    }
    ~Unlocked() {
        if (!held_) return;
        c_.vm->lock_wait_begin();
        c_.vm_lock->lock();
        c_.vm->lock_wait_end();
    }
    Unlocked(const Unlocked&) = delete;
    Unlocked& operator=(const Unlocked&) = delete;

private:
    Ctx& c_;
    bool held_;
};

bool interrupt_requested(const Ctx& c) { return c.interrupt != nullptr && c.interrupt->load(std::memory_order_relaxed); }

}  // namespace

int wait_fds(Ctx& c, pollfd* fds, int nfds, double timeout_seconds) {
    using Clock = std::chrono::steady_clock;
    bool limited = timeout_seconds >= 0;
    Clock::time_point deadline{};
    if (limited) {
        // Beyond a day the limit makes no difference to a poll loop; it also keeps the
        // conversion below in range for huge or infinite timeouts.
        double capped = std::min(timeout_seconds, 86400.0 * 365);
        deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(capped));
    }
    bool interrupted = false;
    int result = 0;
    {
        Unlocked unlocked(c);
        for (;;) {
            if (interrupt_requested(c)) {
                interrupted = true;
                break;
            }
            int slice = kSliceMs;
            if (limited) {
                auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
                slice = static_cast<int>(std::clamp<long long>(left, 0, kSliceMs));
            }
            int r = poll(fds, static_cast<nfds_t>(nfds), slice);
            if (r > 0) {
                result = r;
                break;
            }
            if (r < 0 && errno != EINTR) {
                // Let the caller's own system call report the problem: every entry looks ready.
                for (int i = 0; i < nfds; i++) fds[i].revents = POLLERR;
                result = nfds;
                break;
            }
            if (limited && Clock::now() >= deadline) break;
        }
    }
    if (interrupted) {
        c.interrupted = true;
        raise_message(c, "Interrupted");
        return -1;
    }
    return result;
}

void run_unlocked(Ctx& c, void (*fn)(void* data), void* data) {
    Unlocked unlocked(c);
    fn(data);
}

}  // namespace hlffi::rt
