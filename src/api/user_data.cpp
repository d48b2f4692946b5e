// api layer: hlffi_set_user_data / hlffi_get_user_data: one host pointer per VM (hlffi.hpp's
// hlffi::Vm keeps its callback table there, since host callbacks receive only the VM).
#include "api/api_internal.h"

extern "C" {

hlffi_error_code hlffi_set_user_data(hlffi_vm* vm, void* data) {
    if (vm == nullptr) return HLFFI_ERROR_NULL_VM;
    vm->user_data = data;
    hlffi::api::succeed(vm);
    return HLFFI_OK;
}

void* hlffi_get_user_data(hlffi_vm* vm) { return vm == nullptr ? nullptr : vm->user_data; }

}  // extern "C"
