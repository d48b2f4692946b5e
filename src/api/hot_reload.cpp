// api layer: the hot-reload functions of include/hlffi.h. Replacing function bodies in a running
// program is not built yet: the switch and the callback are kept, and a reload attempt answers
// HLFFI_ERROR_RELOAD_NOT_SUPPORTED (and tells the reload callback it failed) without touching the
// running program.
#include "api/api_internal.h"

using namespace hlffi;

namespace {

hlffi_error_code refuse_reload(hlffi_vm* vm) {
    if (vm == nullptr) return HLFFI_ERROR_NULL_VM;
    if (!api::check_loaded(vm)) return vm->last_code;
    if (!vm->hot_reload) return api::fail(vm, HLFFI_ERROR_RELOAD_NOT_ENABLED, "hot reload is not enabled (hlffi_enable_hot_reload)");
    api::fail(vm, HLFFI_ERROR_RELOAD_NOT_SUPPORTED, "hot reload is not implemented in this version of hlffi; the running program is unchanged");
    if (vm->reload_callback != nullptr) vm->reload_callback(vm, false, vm->reload_userdata);
    return HLFFI_ERROR_RELOAD_NOT_SUPPORTED;
}

}  // namespace

extern "C" {

hlffi_error_code hlffi_enable_hot_reload(hlffi_vm* vm, bool enable) {
    if (vm == nullptr) return HLFFI_ERROR_NULL_VM;
    vm->hot_reload = enable;
    api::succeed(vm);
    return HLFFI_OK;
}

bool hlffi_is_hot_reload_enabled(hlffi_vm* vm) { return vm != nullptr && vm->hot_reload; }

hlffi_error_code hlffi_reload_module(hlffi_vm* vm, const char* path) {
    if (vm != nullptr && path == nullptr) return api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, "path is NULL");
    return refuse_reload(vm);
}

hlffi_error_code hlffi_reload_module_memory(hlffi_vm* vm, const void* data, size_t size) {
    (void)size;
    if (vm != nullptr && data == nullptr) return api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, "data is NULL");
    return refuse_reload(vm);
}

void hlffi_set_reload_callback(hlffi_vm* vm, hlffi_reload_callback callback, void* userdata) {
    if (vm == nullptr) return;
    vm->reload_callback = callback;
    vm->reload_userdata = userdata;
}

bool hlffi_check_reload(hlffi_vm* vm) {
    (void)vm;  // nothing can be reloaded yet, so nothing fires
    return false;
}

}  // extern "C"
