// api layer: error recording, handle checks and the pool of value handles (api_internal.h).
#include <cstdlib>
#include <cstring>

#include "api/api_internal.h"

namespace hlffi::api {

namespace {

constexpr size_t kChunkValues = 256;

void mark_values(void* data, gc::Marker& m) { static_cast<const ValuePool*>(data)->mark(m); }

}  // namespace

hlffi_error_code fail(hlffi_vm* vm, hlffi_error_code code, std::string message) {
    if (vm != nullptr) {
        vm->last_code = code;
        vm->vm.last_error = std::move(message);
    }
    return code;
}

hlffi_error_code outcome_error(hlffi_vm* vm, vm::CallOutcome o, std::string_view what) {
    switch (o) {
    case vm::CallOutcome::Ok: return HLFFI_OK;
    case vm::CallOutcome::Exception:
        return fail(vm, HLFFI_ERROR_EXCEPTION_THROWN, std::string(what) + ": uncaught exception: " + vm->vm.exception_message);
    case vm::CallOutcome::Interrupted: return fail(vm, HLFFI_ERROR_INTERRUPTED, std::string(what) + ": the VM was interrupted");
    case vm::CallOutcome::OutOfFuel:
        return fail(vm, HLFFI_ERROR_FUEL_EXHAUSTED, std::string(what) + ": the VM's instruction budget is spent");
    case vm::CallOutcome::Exit:
        return fail(vm, HLFFI_ERROR_EXIT_REQUESTED,
                    std::string(what) + ": the program called Sys.exit(" + std::to_string(vm->vm.exit_code) + ")");
    }
    return fail(vm, HLFFI_ERROR_INTERNAL, "unknown call outcome");
}

bool check_loaded_failed(hlffi_vm* vm, bool need_entry) {
    if (vm == nullptr) return false;
    if (!vm->vm.loaded()) {
        fail(vm, HLFFI_ERROR_NOT_LOADED, "no program is loaded (call hlffi_load_file first)");
        return false;
    }
    if (need_entry && !vm->entry_called) {
        fail(vm, HLFFI_ERROR_ENTRY_NOT_CALLED, "the program's statics are not initialised yet (call hlffi_call_entry first)");
        return false;
    }
    return true;
}

bool check_value_failed(hlffi_vm*& vm, hlffi_value* v, const char* what) {
    if (v == nullptr) {
        fail(vm, HLFFI_ERROR_NULL_VALUE, std::string(what) + " is NULL");
        return false;
    }
    if (v->magic == kFreedValue) {
        fail(vm != nullptr ? vm : v->vm, HLFFI_ERROR_STALE_HANDLE, std::string(what) + " was already freed");
        return false;
    }
    if (v->magic != kLiveValue) {
        fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, std::string(what) + " is not a value handle");
        return false;
    }
    if (vm != nullptr && v->vm != vm) {
        fail(vm, HLFFI_ERROR_WRONG_VM, std::string(what) + " belongs to another VM");
        return false;
    }
    vm = v->vm;
    if (v->type == nullptr || v->generation != vm->vm.generation || !vm->vm.loaded()) {
        fail(vm, HLFFI_ERROR_STALE_HANDLE, std::string(what) + " belongs to a program that was closed");
        return false;
    }
    return true;
}

bool check_name(hlffi_vm* vm, const char* name, const char* what) {
    if (name != nullptr) return true;
    fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, std::string(what) + " is NULL");
    return false;
}

bool entered_failed(hlffi_vm* vm) {
    fail(vm, HLFFI_ERROR_WRONG_THREAD, "the VM is running a call on another thread");
    return false;
}

bool ValuePool::grow() {
    std::unique_ptr<hlffi_value[]> chunk(new (std::nothrow) hlffi_value[kChunkValues]);
    if (chunk == nullptr) return false;
    for (size_t i = 0; i < kChunkValues; i++) {
        chunk[i].magic = kFreedValue;
        chunk[i].next = free_;
        free_ = &chunk[i];
    }
    chunks_.push_back(std::move(chunk));
    return true;
}

bool ValuePool::grow_lent() {
    std::unique_ptr<hlffi_value[]> chunk(new (std::nothrow) hlffi_value[kChunkValues]);
    if (chunk == nullptr) return false;
    for (size_t i = 0; i < kChunkValues; i++) {
        chunk[i].magic = kFreedValue;
        chunk[i].borrowed = true;
        chunk[i].next = lent_free_;
        lent_free_ = &chunk[i];
    }
    lent_chunks_.push_back(std::move(chunk));
    return true;
}

void ValuePool::mark(gc::Marker& m) const {
    for (const hlffi_value* v = head_; v != nullptr; v = v->next)
        if (rt::is_pointer(v->type)) m.mark(reinterpret_cast<void*>(v->slot));
    // Arguments lent to host calls in progress (few chunks: one per 256 nested arguments).
    for (const auto& chunk : lent_chunks_)
        for (size_t i = 0; i < kChunkValues; i++) {
            const hlffi_value& v = chunk[i];
            if (v.magic == kLiveValue && v.type != nullptr && rt::is_pointer(v.type)) m.mark(reinterpret_cast<void*>(v.slot));
        }
}

void ValuePool::invalidate_all() {
    for (hlffi_value* v = head_; v != nullptr;) {
        hlffi_value* next = v->next;
        v->type = nullptr;
        v->slot = 0;
        v->prev = v->next = nullptr;
        v = next;
    }
    head_ = nullptr;
    live_ = 0;
}

hlffi_value* out_of_handles(hlffi_vm* vm) {
    fail(vm, HLFFI_ERROR_OUT_OF_MEMORY, "out of memory for a value handle");
    return nullptr;
}

char* malloc_copy(std::string_view s) {
    auto* out = static_cast<char*>(std::malloc(s.size() + 1));
    if (out == nullptr) return nullptr;
    if (!s.empty()) std::memcpy(out, s.data(), s.size());
    out[s.size()] = '\0';
    return out;
}

}  // namespace hlffi::api

hlffi_vm::hlffi_vm() {
    vm.host_roots = &hlffi::api::mark_values;
    vm.host_roots_data = &values;
}

hlffi_vm::~hlffi_vm() {
    hlffi::api::stop_vm_thread(this);
    vm.unload();
    for (hlffi_cached_call* c : cached) delete c;
}
