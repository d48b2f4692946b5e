// api layer: the Exceptions section of include/hlffi.h: calls that tell exceptions from other
// errors, and the recorded uncaught exception.
#include "api/api_internal.h"

using namespace hlffi;

namespace {

hlffi_call_result classify(hlffi_vm* vm, hlffi_value* result, hlffi_value** out_result, const char** out_error) {
    hlffi_error_code code = vm == nullptr ? HLFFI_ERROR_NULL_VM : vm->last_code;
    if (out_result != nullptr) *out_result = code == HLFFI_OK ? result : nullptr;
    else if (result != nullptr) hlffi_value_free(result);
    if (code == HLFFI_OK) {
        if (out_error != nullptr) *out_error = nullptr;
        return HLFFI_CALL_OK;
    }
    bool exception = code == HLFFI_ERROR_EXCEPTION_THROWN;
    if (out_error != nullptr) {
        if (vm == nullptr) *out_error = "the VM handle is NULL";
        else if (exception) *out_error = vm->vm.exception_message.c_str();
        else *out_error = vm->vm.last_error.c_str();
    }
    return exception ? HLFFI_CALL_EXCEPTION : HLFFI_CALL_ERROR;
}

}  // namespace

extern "C" {

hlffi_call_result hlffi_try_call_static(hlffi_vm* vm, const char* class_name, const char* method_name, int argc,
                                        hlffi_value** argv, hlffi_value** out_result, const char** out_error) {
    hlffi_value* r = hlffi_call_static(vm, class_name, method_name, argc, argv);
    return classify(vm, r, out_result, out_error);
}

hlffi_call_result hlffi_try_call_method(hlffi_value* obj, const char* method_name, int argc, hlffi_value** argv,
                                        hlffi_value** out_result, const char** out_error) {
    hlffi_vm* vm = nullptr;
    if (!api::check_value(vm, obj, "obj")) {
        if (out_result != nullptr) *out_result = nullptr;
        if (out_error != nullptr) *out_error = vm != nullptr ? vm->vm.last_error.c_str() : "the object handle is NULL or unusable";
        return HLFFI_CALL_ERROR;
    }
    hlffi_value* r = hlffi_call_method(obj, method_name, argc, argv);
    return classify(vm, r, out_result, out_error);
}

bool hlffi_has_exception(hlffi_vm* vm) { return vm != nullptr && vm->vm.has_exception; }

const char* hlffi_get_exception_message(hlffi_vm* vm) {
    if (vm == nullptr || !vm->vm.has_exception) return "";
    return vm->vm.exception_message.c_str();
}

const char* hlffi_get_exception_stack(hlffi_vm* vm) {
    if (vm == nullptr || !vm->vm.has_exception) return "";
    return vm->vm.exception_stack.c_str();
}

void hlffi_clear_exception(hlffi_vm* vm) {
    if (vm == nullptr) return;
    vm->vm.has_exception = false;
    vm->vm.exception_message.clear();
    vm->vm.exception_stack.clear();
}

}  // extern "C"
