// std layer: natives of sys.thread's waiting primitives (HashLink 1.16 thread.c): lock_*
// (sys.thread.Lock with -D hl-ver>=1.11), semaphore_*, condition_* (a recursive mutex with a
// condition), mutex_free and atomic_*. Like natives_thread.cpp they run with the VM lock held,
// so their state is plain data in a heap block; every wait goes through wait_until, which lets
// the other Haxe threads run.
#include <algorithm>
#include <climits>
#include <cmath>

#include "std/std_natives.h"

namespace hlffi::rt {

namespace {

// Longest wait honoured (a year); keeps huge timeouts from overflowing the clock arithmetic.
constexpr double kMaxWait = 86400.0 * 365;

// A timeout in seconds for wait_until: a negative or NaN one means "do not wait" (as pthread's
// timed waits with a past deadline).
double seconds_limit(double s) { return std::isnan(s) || s < 0 ? 0 : std::min(s, kMaxWait); }

// A timeout given as Null<Float>: nullptr means "no limit" (-1 for wait_until).
double wait_limit(const VDynamic* timeout) { return timeout == nullptr ? -1 : seconds_limit(timeout->v.d); }

bool null_access(Ctx& c) {
    raise_message(c, "Null access");
    return false;
}

// ---- Lock: a counter of releases; wait takes one, blocking until there is one or the timeout.
struct HaxeLock {
    int32_t releases;
};

bool lock_available(void* data) { return static_cast<HaxeLock*>(data)->releases > 0; }

HaxeLock* lock_create(Ctx& c) { return static_cast<HaxeLock*>(alloc_noscan(c, sizeof(HaxeLock))); }

void lock_release(Ctx& c, HaxeLock* l) {
    if (l == nullptr) return (void)null_access(c);
    l->releases++;
    notify_waiters(c);
}

// Takes one release; false when none came within the timeout (or the VM is stopping).
bool take_when_available(Ctx& c, int32_t* counter, bool (*ready)(void*), void* data, double limit) {
    if (*counter <= 0 && limit != 0 && !wait_until(c, ready, data, limit)) return false;
    if (*counter <= 0) return false;
    (*counter)--;
    return true;
}

bool lock_wait(Ctx& c, HaxeLock* l, VDynamic* timeout) {
    if (l == nullptr) return null_access(c);
    RootGuard keep(c, &l);
    return take_when_available(c, &l->releases, lock_available, l, wait_limit(timeout));
}

// ---- Semaphore: a counter, initially `value`.
struct HaxeSemaphore {
    int32_t value;
};

bool semaphore_available(void* data) { return static_cast<HaxeSemaphore*>(data)->value > 0; }

HaxeSemaphore* semaphore_alloc(Ctx& c, int32_t value) {
    auto* s = static_cast<HaxeSemaphore*>(alloc_noscan(c, sizeof(HaxeSemaphore)));
    if (s != nullptr) s->value = std::max(value, 0);
    return s;
}

void semaphore_acquire(Ctx& c, HaxeSemaphore* s) {
    if (s == nullptr) return (void)null_access(c);
    RootGuard keep(c, &s);
    take_when_available(c, &s->value, semaphore_available, s, -1);
}

// Without a timeout it does not wait at all (sem_trywait).
bool semaphore_try_acquire(Ctx& c, HaxeSemaphore* s, VDynamic* timeout) {
    if (s == nullptr) return null_access(c);
    RootGuard keep(c, &s);
    double limit = timeout == nullptr ? 0 : seconds_limit(timeout->v.d);
    return take_when_available(c, &s->value, semaphore_available, s, limit);
}

void semaphore_release(Ctx& c, HaxeSemaphore* s) {
    if (s == nullptr) return (void)null_access(c);
    if (s->value < INT32_MAX) s->value++;
    notify_waiters(c);
}

// Memory belongs to the collector: freeing is a no-op, the object stays usable.
void primitive_free(Ctx&, void*) {}

// ---- Condition: a recursive mutex plus a FIFO of waiting threads. A waiter's node lives on its
// own C stack for as long as it waits; the queue is touched only with the VM lock held.
struct Waiter {
    Waiter* next;
    bool signaled;
};

struct HaxeCondition {
    void* owner;      // thread handle holding the mutex, or nullptr
    int32_t count;    // recursion depth
    Waiter* head;
    Waiter* tail;
};

struct ConditionProbe {
    HaxeCondition* cond;
    void* me;
    Waiter* waiter;   // nullptr: only waiting for the mutex
};

bool mutex_free_for(void* data) {
    auto* p = static_cast<ConditionProbe*>(data);
    return p->cond->owner == nullptr || p->cond->owner == p->me;
}

bool signaled_and_free(void* data) {
    auto* p = static_cast<ConditionProbe*>(data);
    return p->waiter->signaled && mutex_free_for(data);
}

HaxeCondition* condition_alloc(Ctx& c) { return static_cast<HaxeCondition*>(alloc_noscan(c, sizeof(HaxeCondition))); }

// Takes the mutex once more (waiting for it); false when the VM is stopping.
bool take_mutex(Ctx& c, HaxeCondition*& cond, int32_t depth) {
    ConditionProbe probe{cond, current_thread(c), nullptr};
    if (!mutex_free_for(&probe) && !wait_until(c, mutex_free_for, &probe)) return false;
    cond->owner = probe.me;
    cond->count += depth;
    return true;
}

void condition_acquire(Ctx& c, HaxeCondition* cond) {
    if (cond == nullptr) return (void)null_access(c);
    RootGuard keep(c, &cond);
    take_mutex(c, cond, 1);
}

bool condition_try_acquire(Ctx& c, HaxeCondition* cond) {
    if (cond == nullptr) return null_access(c);
    void* me = current_thread(c);
    if (cond->owner != nullptr && cond->owner != me) return false;
    cond->owner = me;
    cond->count++;
    return true;
}

// Releasing a mutex the thread does not hold does nothing (pthread answers EPERM).
void condition_release(Ctx& c, HaxeCondition* cond) {
    if (cond == nullptr) return (void)null_access(c);
    if (cond->owner != current_thread(c) || cond->count <= 0) return;
    if (--cond->count == 0) {
        cond->owner = nullptr;
        notify_waiters(c);
    }
}

void unlink_waiter(HaxeCondition* cond, Waiter* w) {
    Waiter* prev = nullptr;
    for (Waiter* it = cond->head; it != nullptr; prev = it, it = it->next) {
        if (it != w) continue;
        (prev != nullptr ? prev->next : cond->head) = it->next;
        if (cond->tail == it) cond->tail = prev;
        return;
    }
}

// Releases the mutex entirely, waits for a signal (or the timeout), takes the mutex back at its
// old depth. True when signaled. A thread that does not hold the mutex returns at once.
bool wait_signal(Ctx& c, HaxeCondition* cond, double limit) {
    void* me = current_thread(c);
    if (cond->owner != me || cond->count <= 0) return false;
    RootGuard keep(c, &cond);
    int32_t depth = cond->count;
    Waiter w{nullptr, false};
    (cond->tail != nullptr ? cond->tail->next : cond->head) = &w;
    cond->tail = &w;
    cond->owner = nullptr;
    cond->count = 0;
    notify_waiters(c);
    ConditionProbe probe{cond, me, &w};
    bool running = limit == 0 || wait_until(c, signaled_and_free, &probe, limit);
    if (!w.signaled) unlink_waiter(cond, &w);
    if (!running) return false;  // the VM is stopping: the node is unlinked, return at once
    take_mutex(c, cond, depth);
    return w.signaled;
}

void condition_wait(Ctx& c, HaxeCondition* cond) {
    if (cond == nullptr) return (void)null_access(c);
    wait_signal(c, cond, -1);
}

bool condition_timed_wait(Ctx& c, HaxeCondition* cond, double timeout) {
    if (cond == nullptr) return null_access(c);
    return wait_signal(c, cond, seconds_limit(timeout));
}

void condition_signal(Ctx& c, HaxeCondition* cond) {
    if (cond == nullptr) return (void)null_access(c);
    Waiter* w = cond->head;
    if (w == nullptr) return;
    cond->head = w->next;
    if (cond->head == nullptr) cond->tail = nullptr;
    w->signaled = true;
    notify_waiters(c);
}

void condition_broadcast(Ctx& c, HaxeCondition* cond) {
    if (cond == nullptr) return (void)null_access(c);
    for (Waiter* w = cond->head; w != nullptr; w = w->next) w->signaled = true;
    cond->head = cond->tail = nullptr;
    notify_waiters(c);
}

// ---- Atomics on a ref<i32> or ref<dynamic> (haxe.atomic in Haxe 4.3): each returns what
// HashLink's does (the old value, except store, which returns the value stored). Haxe code runs
// under the VM lock, but the operations are atomic anyway for memory a host may share.
template <typename T>
bool has_ref(Ctx& c, T* ref) {
    return ref != nullptr || null_access(c);
}

int32_t atomic_add32(Ctx& c, int32_t* a, int32_t b) { return has_ref(c, a) ? __atomic_fetch_add(a, b, __ATOMIC_SEQ_CST) : 0; }
int32_t atomic_sub32(Ctx& c, int32_t* a, int32_t b) { return has_ref(c, a) ? __atomic_fetch_sub(a, b, __ATOMIC_SEQ_CST) : 0; }
int32_t atomic_and32(Ctx& c, int32_t* a, int32_t b) { return has_ref(c, a) ? __atomic_fetch_and(a, b, __ATOMIC_SEQ_CST) : 0; }
int32_t atomic_or32(Ctx& c, int32_t* a, int32_t b) { return has_ref(c, a) ? __atomic_fetch_or(a, b, __ATOMIC_SEQ_CST) : 0; }
int32_t atomic_xor32(Ctx& c, int32_t* a, int32_t b) { return has_ref(c, a) ? __atomic_fetch_xor(a, b, __ATOMIC_SEQ_CST) : 0; }

int32_t atomic_compare_exchange32(Ctx& c, int32_t* a, int32_t expected, int32_t replacement) {
    if (!has_ref(c, a)) return 0;
    __atomic_compare_exchange_n(a, &expected, replacement, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return expected;
}

void* atomic_compare_exchange_ptr(Ctx& c, void** a, void* expected, void* replacement) {
    if (!has_ref(c, a)) return nullptr;
    __atomic_compare_exchange_n(a, &expected, replacement, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return expected;
}

int32_t atomic_exchange32(Ctx& c, int32_t* a, int32_t v) { return has_ref(c, a) ? __atomic_exchange_n(a, v, __ATOMIC_SEQ_CST) : 0; }
void* atomic_exchange_ptr(Ctx& c, void** a, void* v) { return has_ref(c, a) ? __atomic_exchange_n(a, v, __ATOMIC_SEQ_CST) : nullptr; }
int32_t atomic_load32(Ctx& c, int32_t* a) { return has_ref(c, a) ? __atomic_load_n(a, __ATOMIC_SEQ_CST) : 0; }
void* atomic_load_ptr(Ctx& c, void** a) { return has_ref(c, a) ? __atomic_load_n(a, __ATOMIC_SEQ_CST) : nullptr; }

int32_t atomic_store32(Ctx& c, int32_t* a, int32_t v) {
    if (has_ref(c, a)) __atomic_store_n(a, v, __ATOMIC_SEQ_CST);
    return v;
}

void* atomic_store_ptr(Ctx& c, void** a, void* v) {
    if (has_ref(c, a)) __atomic_store_n(a, v, __ATOMIC_SEQ_CST);
    return v;
}

constexpr NativeDef kLockNatives[] = {
    HLFFI_NATIVE("lock_create", lock_create),
    HLFFI_NATIVE("lock_release", lock_release),
    HLFFI_NATIVE("lock_wait", lock_wait),
    HLFFI_NATIVE("semaphore_alloc", semaphore_alloc),
    HLFFI_NATIVE("semaphore_acquire", semaphore_acquire),
    HLFFI_NATIVE("semaphore_try_acquire", semaphore_try_acquire),
    HLFFI_NATIVE("semaphore_release", semaphore_release),
    HLFFI_NATIVE("semaphore_free", primitive_free),
    HLFFI_NATIVE("mutex_free", primitive_free),
    HLFFI_NATIVE("condition_alloc", condition_alloc),
    HLFFI_NATIVE("condition_acquire", condition_acquire),
    HLFFI_NATIVE("condition_try_acquire", condition_try_acquire),
    HLFFI_NATIVE("condition_release", condition_release),
    HLFFI_NATIVE("condition_wait", condition_wait),
    HLFFI_NATIVE("condition_timed_wait", condition_timed_wait),
    HLFFI_NATIVE("condition_signal", condition_signal),
    HLFFI_NATIVE("condition_broadcast", condition_broadcast),
    HLFFI_NATIVE("atomic_add32", atomic_add32),
    HLFFI_NATIVE("atomic_sub32", atomic_sub32),
    HLFFI_NATIVE("atomic_and32", atomic_and32),
    HLFFI_NATIVE("atomic_or32", atomic_or32),
    HLFFI_NATIVE("atomic_xor32", atomic_xor32),
    HLFFI_NATIVE("atomic_compare_exchange32", atomic_compare_exchange32),
    HLFFI_NATIVE("atomic_compare_exchange_ptr", atomic_compare_exchange_ptr),
    HLFFI_NATIVE("atomic_exchange32", atomic_exchange32),
    HLFFI_NATIVE("atomic_exchange_ptr", atomic_exchange_ptr),
    HLFFI_NATIVE("atomic_load32", atomic_load32),
    HLFFI_NATIVE("atomic_load_ptr", atomic_load_ptr),
    HLFFI_NATIVE("atomic_store32", atomic_store32),
    HLFFI_NATIVE("atomic_store_ptr", atomic_store_ptr),
};

}  // namespace

std::span<const NativeDef> natives_lock() { return kLockNatives; }

}  // namespace hlffi::rt
