// api layer: the integration mode and the VM thread of include/hlffi.h (HLFFI_MODE_THREADED):
// main() runs on a thread the VM owns, host calls are queued to it and served in order at its
// blocking points and safepoints while main() runs, and by its idle loop afterwards.
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "api/api_internal.h"

using namespace hlffi;

namespace {

bool on_vm_thread(hlffi_vm* vm) { return vm->thread.running && std::this_thread::get_id() == vm->vm.vm_thread.load(); }

// After main(): serve queued calls until hlffi_thread_stop, holding the VM lock except while
// waiting, with the main context current so the calls nest on it.
void serve_until_stopped(hlffi_vm* vm) {
    vm::Vm& v = vm->vm;
    std::unique_lock<std::mutex> hold(v.lock);
    rt::Ctx& c = v.ctx();
    c.vm_lock = &hold;
    vm::CurrentCtx current(&c);
    while (!vm->thread.stop.load()) {
        if (!v.serve_tasks()) v.wake.wait_for(hold, std::chrono::milliseconds(5));
    }
    {
        std::lock_guard<std::mutex> g(v.tasks_lock);
        v.accepting_tasks = false;
    }
    v.serve_tasks();  // whatever was queued before the gate closed
    c.vm_lock = nullptr;
}

void vm_thread_main(hlffi_vm* vm) {
    vm->vm.vm_thread = std::this_thread::get_id();
    vm->entry_called = true;
    if (vm->vm.run_entry()) {
        vm->thread.entry_result = HLFFI_OK;
    } else {
        vm->thread.entry_result = vm->vm.has_exception ? HLFFI_ERROR_EXCEPTION_THROWN
                                  : vm->vm.entry_out_of_fuel ? HLFFI_ERROR_FUEL_EXHAUSTED
                                                             : HLFFI_ERROR_INTERRUPTED;
    }
    vm->thread.main_done = true;
    serve_until_stopped(vm);
}

struct SyncCall {
    hlffi_vm* vm;
    hlffi_thread_func func;
    void* userdata;
    std::mutex m;
    std::condition_variable cv;
    bool done = false;
};

void run_sync(void* data) {
    auto* call = static_cast<SyncCall*>(data);
    call->func(call->vm, call->userdata);
    std::lock_guard<std::mutex> g(call->m);
    call->done = true;
    call->cv.notify_all();
}

struct AsyncCall {
    hlffi_vm* vm;
    hlffi_thread_func func;
    hlffi_thread_async_callback callback;
    void* userdata;
};

void run_async(void* data) {
    auto* call = static_cast<AsyncCall*>(data);
    call->func(call->vm, call->userdata);
    if (call->callback != nullptr) call->callback(call->vm, call->userdata, call->userdata);
    delete call;
}

hlffi_error_code check_queue(hlffi_vm* vm, hlffi_thread_func func) {
    if (vm == nullptr) return HLFFI_ERROR_NULL_VM;
    if (func == nullptr) return api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, "func is NULL");
    if (!vm->thread.running || vm->thread.stop) return api::fail(vm, HLFFI_ERROR_THREAD_NOT_STARTED, "the VM thread is not running");
    return HLFFI_OK;
}

// Why Vm::post_task refused a call.
hlffi_error_code refused(hlffi_vm* vm) {
    if (vm->thread.stop || !vm->thread.running) return api::fail(vm, HLFFI_ERROR_THREAD_NOT_STARTED, "the VM thread is stopping");
    return api::fail(vm, HLFFI_ERROR_QUEUE_FULL, "the VM thread's call queue is full (hlffi_set_queue_limit)");
}

}  // namespace

hlffi_error_code api::stop_vm_thread(hlffi_vm* vm) {
    api::VmThread& t = vm->thread;
    if (!t.running) return HLFFI_OK;
    if (std::this_thread::get_id() == vm->vm.vm_thread.load())
        return fail(vm, HLFFI_ERROR_WRONG_THREAD, "hlffi_thread_stop cannot be called on the VM thread");
    // main() gets the grace period to end by itself (queued calls keep being served), then is
    // interrupted at its next safepoint.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(t.stop_timeout);
    while (!t.main_done && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (!t.main_done) vm->vm.request_interrupt();
    t.stop = true;
    vm->vm.wake.notify_all();
    t.thread.join();
    t.running = false;
    t.stop = false;
    vm->vm.clear_interrupt();
    vm->vm.vm_thread = std::thread::id();
    return HLFFI_OK;
}

extern "C" {

hlffi_error_code hlffi_set_integration_mode(hlffi_vm* vm, hlffi_integration_mode mode) {
    if (vm == nullptr) return HLFFI_ERROR_NULL_VM;
    if (mode != HLFFI_MODE_NON_THREADED && mode != HLFFI_MODE_THREADED)
        return api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, "unknown integration mode " + std::to_string(static_cast<int>(mode)));
    if (vm->thread.running) return api::fail(vm, HLFFI_ERROR_THREAD_ALREADY_RUNNING, "the VM thread is running");
    if (vm->entry_called) return api::fail(vm, HLFFI_ERROR_ENTRY_ALREADY_CALLED, "the mode is chosen before the entry point runs");
    vm->mode = mode;
    api::succeed(vm);
    return HLFFI_OK;
}

hlffi_integration_mode hlffi_get_integration_mode(hlffi_vm* vm) { return vm == nullptr ? HLFFI_MODE_NON_THREADED : vm->mode; }

hlffi_error_code hlffi_thread_start(hlffi_vm* vm) {
    if (vm == nullptr) return HLFFI_ERROR_NULL_VM;
    if (vm->thread.running) return api::fail(vm, HLFFI_ERROR_THREAD_ALREADY_RUNNING, "the VM thread is already running");
    if (!api::check_loaded(vm)) return vm->last_code;
    if (vm->mode != HLFFI_MODE_THREADED)
        return api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, "hlffi_thread_start needs HLFFI_MODE_THREADED (hlffi_set_integration_mode)");
    if (vm->entry_called) return api::fail(vm, HLFFI_ERROR_ENTRY_ALREADY_CALLED, "the entry point has already run");
    api::VmThread& t = vm->thread;
    t.main_done = false;
    t.stop = false;
    t.entry_result = HLFFI_OK;
    t.running = true;
    {
        std::lock_guard<std::mutex> g(vm->vm.tasks_lock);
        vm->vm.accepting_tasks = true;
    }
    try {
        t.thread = std::thread(vm_thread_main, vm);
    } catch (...) {
        t.running = false;
        return api::fail(vm, HLFFI_ERROR_THREAD_START_FAILED, "the VM thread could not be started");
    }
    // Calls queued before the thread records its id must still find it.
    while (vm->vm.vm_thread.load() != t.thread.get_id()) std::this_thread::yield();
    api::succeed(vm);
    return HLFFI_OK;
}

hlffi_error_code hlffi_thread_stop(hlffi_vm* vm) {
    if (vm == nullptr) return HLFFI_ERROR_NULL_VM;
    if (!vm->thread.running) return api::fail(vm, HLFFI_ERROR_THREAD_NOT_STARTED, "the VM thread is not running");
    hlffi_error_code e = api::stop_vm_thread(vm);
    if (e == HLFFI_OK) api::succeed(vm);
    return e;
}

bool hlffi_thread_is_running(hlffi_vm* vm) { return vm != nullptr && vm->thread.running && !vm->thread.stop; }

hlffi_error_code hlffi_thread_call_sync(hlffi_vm* vm, hlffi_thread_func func, void* userdata) {
    if (hlffi_error_code e = check_queue(vm, func); e != HLFFI_OK) return e;
    if (on_vm_thread(vm)) {
        func(vm, userdata);
        return HLFFI_OK;
    }
    SyncCall call{vm, func, userdata, {}, {}, false};
    if (!vm->vm.post_task({run_sync, &call})) return refused(vm);
    std::unique_lock<std::mutex> g(call.m);
    call.cv.wait(g, [&] { return call.done; });
    return HLFFI_OK;
}

hlffi_error_code hlffi_thread_call_async(hlffi_vm* vm, hlffi_thread_func func, hlffi_thread_async_callback callback,
                                         void* userdata) {
    if (hlffi_error_code e = check_queue(vm, func); e != HLFFI_OK) return e;
    auto* call = new (std::nothrow) AsyncCall{vm, func, callback, userdata};
    if (call == nullptr) return api::fail(vm, HLFFI_ERROR_OUT_OF_MEMORY, "out of memory for a queued call");
    if (!vm->vm.post_task({run_async, call})) {
        delete call;
        return refused(vm);
    }
    return HLFFI_OK;
}

hlffi_error_code hlffi_set_stop_timeout(hlffi_vm* vm, double seconds) {
    if (vm == nullptr) return HLFFI_ERROR_NULL_VM;
    if (!(seconds >= 0)) return api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, "the stop timeout must be >= 0 seconds");
    vm->thread.stop_timeout = seconds;
    api::succeed(vm);
    return HLFFI_OK;
}

hlffi_error_code hlffi_set_queue_limit(hlffi_vm* vm, size_t max_pending) {
    if (vm == nullptr) return HLFFI_ERROR_NULL_VM;
    std::lock_guard<std::mutex> g(vm->vm.tasks_lock);
    vm->vm.task_limit = max_pending;
    api::succeed(vm);
    return HLFFI_OK;
}

}  // extern "C"
