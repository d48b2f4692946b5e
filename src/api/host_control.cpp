// api layer: host control of include/hlffi.h: heap statistics and collections, HLFFI's GC
// stack helpers, worker registration and blocking sections.
//
// HLFFI's process-wide forms (no VM argument) act on the VM whose code runs on the calling thread,
// found through the thread's current context (vm::current_ctx): set while Haxe code runs there,
// so inside a callback or native called from Haxe. Elsewhere they do nothing.
#include "api/api_internal.h"

using namespace hlffi;

extern "C" {

hlffi_error_code hlffi_get_memory_stats(hlffi_vm* vm, hlffi_memory_stats* stats) {
    if (vm == nullptr) return HLFFI_ERROR_NULL_VM;
    if (stats == nullptr) return api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, "hlffi_get_memory_stats: stats is NULL");
    *stats = hlffi_memory_stats{};
    stats->memory_limit = vm->vm.memory_limit;
    if (vm->vm.loaded()) {
        // Under the VM lock (Haxe threads of the program allocate and collect concurrently),
        // unless this thread already runs the VM's code (called from a callback). Only the lock:
        // no context is needed, so this works while the VM is in the middle of a call.
        std::unique_lock<std::mutex> hold(vm->vm.lock, std::defer_lock);
        rt::Ctx* cur = vm::current_ctx();
        if (cur == nullptr || cur->vm != &vm->vm) hold.lock();
        gc::HeapStats s = vm->vm.heap().stats();
        stats->heap_bytes_in_use = s.bytes_in_use;
        stats->heap_objects = s.objects;
        stats->collections = s.collections;
        stats->peak_bytes = s.peak_bytes;
        stats->heap_reserved = s.heap_reserved;
    }
    api::succeed(vm);
    return HLFFI_OK;
}

hlffi_error_code hlffi_gc_collect(hlffi_vm* vm) {
    if (vm == nullptr) return HLFFI_ERROR_NULL_VM;
    if (!api::check_loaded(vm)) return vm->last_code;
    vm::HostEntry e(vm->vm);
    if (!api::entered(e, vm)) return vm->last_code;
    vm::collect(e.ctx());
    api::succeed(vm);
    return HLFFI_OK;
}

// Roots are found precisely (frames, globals, handles): nothing on the C stack needs scanning
// and a collection never runs in the middle of host code, so these have nothing to do.
void hlffi_update_stack_top(void* stack_marker) { static_cast<void>(stack_marker); }
void hlffi_gc_block(void) {}
void hlffi_gc_unblock(void) {}

// HashLink needs every thread that touches its heap registered with its collector. Here any host
// thread may call into a VM at any time: the API takes the VM lock itself. Nothing to register.
void hlffi_worker_register(void) {}
void hlffi_worker_unregister(void) {}

// Gives up the VM lock of the thread's running VM while the host blocks (a long wait inside a
// callback), so the program's other threads run meanwhile; the calling thread's Haxe frames are
// saved (it is inside a call), so they may collect. Only the lock's state is consulted: an
// unbalanced or nested begin/end never unlocks twice or locks twice.
void hlffi_blocking_begin(void) {
    rt::Ctx* c = vm::current_ctx();
    if (c == nullptr || c->vm_lock == nullptr || !c->vm_lock->owns_lock()) return;
    c->vm_lock->unlock();
}

void hlffi_blocking_end(void) {
    rt::Ctx* c = vm::current_ctx();
    if (c == nullptr || c->vm_lock == nullptr || c->vm_lock->owns_lock()) return;
    // Counted as a waiter, so a thread running a long loop yields the lock at its next loop head.
    c->vm->lock_wait_begin();
    c->vm_lock->lock();
    c->vm->lock_wait_end();
}

}  // extern "C"
