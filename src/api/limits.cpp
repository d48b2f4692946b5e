// api layer: interrupting a VM and bounding what a call may use (memory, instructions): the
// Limits section of include/hlffi.h.
#include "api/api_internal.h"

using namespace hlffi;

extern "C" {

hlffi_error_code hlffi_interrupt(hlffi_vm* vm) {
    if (vm == nullptr) return HLFFI_ERROR_NULL_VM;
    vm->vm.request_interrupt();  // atomics and a notification only: safe from any thread
    return HLFFI_OK;
}

hlffi_error_code hlffi_set_memory_limit(hlffi_vm* vm, size_t bytes) {
    if (vm == nullptr) return HLFFI_ERROR_NULL_VM;
    vm::HostEntry e(vm->vm);  // the heap is not touched while another thread allocates
    vm->vm.memory_limit = bytes;
    if (vm->vm.loaded()) vm->vm.heap().set_memory_limit(bytes);
    api::succeed(vm);
    return HLFFI_OK;
}

size_t hlffi_get_memory_limit(hlffi_vm* vm) { return vm == nullptr ? 0 : vm->vm.memory_limit; }

hlffi_error_code hlffi_set_fuel(hlffi_vm* vm, int64_t safepoints) {
    if (vm == nullptr) return HLFFI_ERROR_NULL_VM;
    vm::HostEntry e(vm->vm);
    vm->vm.set_fuel(safepoints < 0 ? -1 : safepoints);
    api::succeed(vm);
    return HLFFI_OK;
}

int64_t hlffi_get_fuel(hlffi_vm* vm) {
    if (vm == nullptr) return -1;
    vm::HostEntry e(vm->vm);
    return vm->vm.fuel;
}

}  // extern "C"
