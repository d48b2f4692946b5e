// api layer: the hot-reload functions of include/hlffi.h over Vm::reload: a newer build of the
// running program replaces its function bodies, keeping heap and statics. Only when no Haxe code
// runs (the host's own turn, not from inside a callback) and the program is the VM's own.
#include <sys/stat.h>

#include <fstream>
#include <iterator>
#include <vector>

#include "api/api_internal.h"
#include "vm/host_entry.h"

using namespace hlffi;

namespace {

bool file_stamp(const std::string& path, int64_t& ns, int64_t& size) {
    struct stat st {};
    if (path.empty() || stat(path.c_str(), &st) != 0) return false;
    ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    size = static_cast<int64_t>(st.st_size);
    return true;
}

hlffi_error_code reload_bytes(hlffi_vm* vm, const uint8_t* data, size_t size) {
    bool changed = false, ok = false;
    {
        vm::HostEntry e(vm->vm);
        if (!api::entered(e, vm)) return vm->last_code;
        if (e.nested() || e.ctx().top != nullptr)
            return api::fail(vm, HLFFI_ERROR_RELOAD_FAILED, "Haxe code is running (a reload cannot run inside a callback)");
        ok = vm->vm.reload(data, size, &changed);
    }
    hlffi_error_code code = HLFFI_OK;
    if (!ok) {
        const std::string& why = vm->vm.last_error;
        code = why.rfind("the program was loaded from a shared module", 0) == 0 ? HLFFI_ERROR_RELOAD_NOT_SUPPORTED
                                                                                 : HLFFI_ERROR_RELOAD_FAILED;
        api::fail(vm, code, why);
    } else {
        api::succeed(vm);
    }
    if (vm->reload_callback != nullptr) vm->reload_callback(vm, ok, vm->reload_userdata);
    if (ok) api::succeed(vm);  // the callback may have made calls of its own
    return code;
}

hlffi_error_code check_reloadable(hlffi_vm* vm) {
    if (vm == nullptr) return HLFFI_ERROR_NULL_VM;
    if (!api::check_loaded(vm)) return vm->last_code;
    if (!vm->hot_reload) return api::fail(vm, HLFFI_ERROR_RELOAD_NOT_ENABLED, "hot reload is not enabled (hlffi_enable_hot_reload)");
    return HLFFI_OK;
}

}  // namespace

namespace hlffi::api {

void watch_loaded_file(hlffi_vm* vm, const std::string& path) {
    vm->reload_path = path;
    if (!file_stamp(path, vm->reload_stamp_ns, vm->reload_stamp_size)) vm->reload_path.clear();
}

}  // namespace hlffi::api

extern "C" {

hlffi_error_code hlffi_enable_hot_reload(hlffi_vm* vm, bool enable) {
    if (vm == nullptr) return HLFFI_ERROR_NULL_VM;
    vm->hot_reload = enable;
    api::succeed(vm);
    return HLFFI_OK;
}

bool hlffi_is_hot_reload_enabled(hlffi_vm* vm) { return vm != nullptr && vm->hot_reload; }

hlffi_error_code hlffi_reload_module(hlffi_vm* vm, const char* path) {
    if (hlffi_error_code e = check_reloadable(vm); e != HLFFI_OK) return e;
    std::string file = path != nullptr ? path : vm->reload_path;
    if (file.empty()) return api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, "path is NULL and the program was not loaded from a file");
    std::ifstream in(file, std::ios::binary);
    if (!in) return api::fail(vm, HLFFI_ERROR_FILE_NOT_FOUND, "cannot open " + file);
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    hlffi_error_code e = reload_bytes(vm, bytes.data(), bytes.size());
    if (e == HLFFI_OK && file == vm->reload_path) api::watch_loaded_file(vm, file);
    return e;
}

hlffi_error_code hlffi_reload_module_memory(hlffi_vm* vm, const void* data, size_t size) {
    if (hlffi_error_code e = check_reloadable(vm); e != HLFFI_OK) return e;
    if (data == nullptr) return api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, "data is NULL");
    return reload_bytes(vm, static_cast<const uint8_t*>(data), size);
}

void hlffi_set_reload_callback(hlffi_vm* vm, hlffi_reload_callback callback, void* userdata) {
    if (vm == nullptr) return;
    vm->reload_callback = callback;
    vm->reload_userdata = userdata;
}

bool hlffi_check_reload(hlffi_vm* vm) {
    if (vm == nullptr || !vm->hot_reload || !vm->vm.loaded() || vm->reload_path.empty()) return false;
    int64_t ns = 0, size = 0;
    if (!file_stamp(vm->reload_path, ns, size)) return false;  // being rewritten: try next time
    if (ns == vm->reload_stamp_ns && size == vm->reload_stamp_size) return false;
    // Stamped before reading: a write that lands during the reload is seen next time.
    vm->reload_stamp_ns = ns;
    vm->reload_stamp_size = size;
    return hlffi_reload_module(vm, vm->reload_path.c_str()) == HLFFI_OK;
}

}  // extern "C"
