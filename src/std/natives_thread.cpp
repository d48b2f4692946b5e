// std layer: natives of sys.thread (natives.md §9.5): threads, recursive mutexes, deques, Tls.
// All of them run with the VM lock held (one Haxe thread at a time), so their data needs no
// locks of its own; waiting goes through wait_until, which lets the other threads run.
#include "std/std_natives.h"

namespace hlffi::rt {

namespace {

// A recursive mutex of Haxe code: owner thread handle and hold count (heap, no pointers to scan
// but the owner handle, which is not a heap value).
struct HaxeMutex {
    void* owner;
    int32_t count;
};

struct DequeNode {
    DequeNode* next;
    void* value;
};

struct Deque {
    DequeNode* head;
    DequeNode* tail;
};

struct TlsKey {
    int32_t key;
};

void* thread_create(Ctx& c, VClosure* fn) {
    if (fn == nullptr) {
        raise_message(c, "Null access");
        return nullptr;
    }
    return start_thread(c, fn);
}

void* thread_current(Ctx& c) { return current_thread(c); }

HaxeMutex* mutex_alloc(Ctx& c, bool) { return static_cast<HaxeMutex*>(alloc_noscan(c, sizeof(HaxeMutex))); }

bool mutex_free_for(void* data) {
    auto* pair = static_cast<std::pair<HaxeMutex*, void*>*>(data);
    return pair->first->owner == nullptr || pair->first->owner == pair->second;
}

void mutex_acquire(Ctx& c, HaxeMutex* m) {
    if (m == nullptr) return (void)raise_message(c, "Null access");
    void* me = current_thread(c);
    RootGuard keep(c, &m);
    std::pair<HaxeMutex*, void*> probe{m, me};
    if (!mutex_free_for(&probe) && !wait_until(c, mutex_free_for, &probe)) return;
    m->owner = me;
    m->count++;
}

bool mutex_try_acquire(Ctx& c, HaxeMutex* m) {
    if (m == nullptr) return raise_message(c, "Null access"), false;
    void* me = current_thread(c);
    if (m->owner != nullptr && m->owner != me) return false;
    m->owner = me;
    m->count++;
    return true;
}

void mutex_release(Ctx& c, HaxeMutex* m) {
    if (m == nullptr) return (void)raise_message(c, "Null access");
    if (m->owner != current_thread(c) || m->count <= 0) return;
    if (--m->count == 0) {
        m->owner = nullptr;
        notify_waiters(c);
    }
}

Deque* deque_alloc(Ctx& c) { return static_cast<Deque*>(alloc_scan(c, sizeof(Deque))); }

DequeNode* new_node(Ctx& c, Deque*& d, VDynamic*& value) {
    RootGuard k1(c, &d);
    RootGuard k2(c, &value);
    auto* n = static_cast<DequeNode*>(alloc_scan(c, sizeof(DequeNode)));
    if (n != nullptr) n->value = value;
    return n;
}

void deque_add(Ctx& c, Deque* d, VDynamic* v) {
    if (d == nullptr) return (void)raise_message(c, "Null access");
    DequeNode* n = new_node(c, d, v);
    if (n == nullptr) return;
    if (d->tail != nullptr) d->tail->next = n;
    else d->head = n;
    d->tail = n;
    notify_waiters(c);
}

void deque_push(Ctx& c, Deque* d, VDynamic* v) {
    if (d == nullptr) return (void)raise_message(c, "Null access");
    DequeNode* n = new_node(c, d, v);
    if (n == nullptr) return;
    n->next = d->head;
    d->head = n;
    if (d->tail == nullptr) d->tail = n;
    notify_waiters(c);
}

bool deque_not_empty(void* data) { return static_cast<Deque*>(data)->head != nullptr; }

VDynamic* deque_pop(Ctx& c, Deque* d, bool block) {
    if (d == nullptr) return raise_message(c, "Null access"), nullptr;
    if (d->head == nullptr) {
        if (!block) return nullptr;
        RootGuard keep(c, &d);
        if (!wait_until(c, deque_not_empty, d)) return nullptr;
    }
    DequeNode* n = d->head;
    d->head = n->next;
    if (d->head == nullptr) d->tail = nullptr;
    return static_cast<VDynamic*>(n->value);
}

TlsKey* tls_alloc(Ctx& c, bool) {
    auto* k = static_cast<TlsKey*>(alloc_noscan(c, sizeof(TlsKey)));
    if (k != nullptr) k->key = new_tls_key(c);
    return k;
}

VDynamic* tls_get(Ctx& c, TlsKey* k) {
    if (k == nullptr) return raise_message(c, "Null access"), nullptr;
    return static_cast<VDynamic*>(*tls_slot(c, k->key));
}

void tls_set(Ctx& c, TlsKey* k, VDynamic* v) {
    if (k == nullptr) return (void)raise_message(c, "Null access");
    *tls_slot(c, k->key) = v;
}

constexpr NativeDef kThreadNatives[] = {
    HLFFI_NATIVE("thread_create", thread_create),
    HLFFI_NATIVE("thread_current", thread_current),
    HLFFI_NATIVE("mutex_alloc", mutex_alloc),
    HLFFI_NATIVE("mutex_acquire", mutex_acquire),
    HLFFI_NATIVE("mutex_try_acquire", mutex_try_acquire),
    HLFFI_NATIVE("mutex_release", mutex_release),
    HLFFI_NATIVE("deque_alloc", deque_alloc),
    HLFFI_NATIVE("deque_add", deque_add),
    HLFFI_NATIVE("deque_push", deque_push),
    HLFFI_NATIVE("deque_pop", deque_pop),
    HLFFI_NATIVE("tls_alloc", tls_alloc),
    HLFFI_NATIVE("tls_get", tls_get),
    HLFFI_NATIVE("tls_set", tls_set),
};

}  // namespace

std::span<const NativeDef> natives_thread() { return kThreadNatives; }

}  // namespace hlffi::rt
