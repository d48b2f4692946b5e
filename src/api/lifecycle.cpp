// api layer: the C lifecycle functions of include/hlffi.h. Every check returns an error code;
// nothing here throws or aborts.
#include <fstream>
#include <iterator>
#include <new>
#include <vector>

#include "api/api_internal.h"

using hlffi::api::fail;

namespace hlffi::api {

hlffi_error_code check_loadable(hlffi_vm* vm) {
    if (vm == nullptr) return HLFFI_ERROR_NULL_VM;
    if (!vm->initialized) return fail(vm, HLFFI_ERROR_NOT_INITIALIZED, "hlffi_init has not been called");
    if (vm->vm.loaded()) return fail(vm, HLFFI_ERROR_ALREADY_LOADED, "a program is already loaded (call hlffi_close first)");
    return HLFFI_OK;
}

hlffi_error_code load_error_code(const std::string& why) {
    if (why.rfind("missing native", 0) == 0) return HLFFI_ERROR_NATIVE_NOT_FOUND;
    if (why.rfind("native signature mismatch", 0) == 0) return HLFFI_ERROR_TYPE_MISMATCH;
    if (why.rfind("host native", 0) == 0) return HLFFI_ERROR_INVALID_ARGUMENT;
    return HLFFI_ERROR_INVALID_BYTECODE;
}

hlffi_error_code finish_load(hlffi_vm* vm, bool loaded) {
    if (!loaded) return fail(vm, load_error_code(vm->vm.last_error), vm->vm.last_error);
    vm->entry_called = false;
    succeed(vm);
    return HLFFI_OK;
}

}  // namespace hlffi::api

using hlffi::api::check_loadable;
using hlffi::api::finish_load;

extern "C" {

hlffi_vm* hlffi_create(void) { return new (std::nothrow) hlffi_vm(); }

hlffi_error_code hlffi_init(hlffi_vm* vm, int argc, char** argv) {
    if (vm == nullptr) return HLFFI_ERROR_NULL_VM;
    if (vm->initialized) return fail(vm, HLFFI_ERROR_ALREADY_INITIALIZED, "hlffi_init was already called");
    if (argc < 0 || (argc > 0 && argv == nullptr)) return fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, "argv is NULL but argc is not 0");
    vm->vm.args.clear();
    for (int i = 0; i < argc; i++) vm->vm.args.emplace_back(argv[i] != nullptr ? argv[i] : "");
    vm->initialized = true;
    hlffi::api::succeed(vm);
    return HLFFI_OK;
}

hlffi_error_code hlffi_load_file(hlffi_vm* vm, const char* path) {
    if (hlffi_error_code e = check_loadable(vm); e != HLFFI_OK) return e;
    if (path == nullptr) return fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, "path is NULL");
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(vm, HLFFI_ERROR_FILE_NOT_FOUND, std::string("cannot open ") + path);
    vm->vm.program_path = path;  // Sys.programPath
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    hlffi_error_code e = finish_load(vm, vm->vm.load(bytes.data(), bytes.size()));
    hlffi::api::watch_loaded_file(vm, e == HLFFI_OK ? path : "");
    return e;
}

hlffi_error_code hlffi_load_memory(hlffi_vm* vm, const void* data, size_t size) {
    if (hlffi_error_code e = check_loadable(vm); e != HLFFI_OK) return e;
    if (data == nullptr) return fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, "data is NULL");
    hlffi::api::watch_loaded_file(vm, "");
    return finish_load(vm, vm->vm.load(static_cast<const uint8_t*>(data), size));
}

hlffi_error_code hlffi_call_entry(hlffi_vm* vm) {
    if (vm == nullptr) return HLFFI_ERROR_NULL_VM;
    if (!vm->vm.loaded()) return fail(vm, HLFFI_ERROR_NOT_LOADED, "no program is loaded");
    if (vm->entry_called) return fail(vm, HLFFI_ERROR_ENTRY_ALREADY_CALLED, "the entry point has already run");
    vm->entry_called = true;
    if (vm->vm.run_entry()) {
        hlffi::api::succeed(vm);
        return HLFFI_OK;
    }
    if (vm->vm.has_exception) return fail(vm, HLFFI_ERROR_EXCEPTION_THROWN, "uncaught exception: " + vm->vm.exception_message);
    return fail(vm, vm->vm.entry_out_of_fuel ? HLFFI_ERROR_FUEL_EXHAUSTED : HLFFI_ERROR_INTERRUPTED, vm->vm.last_error);
}

hlffi_error_code hlffi_close(hlffi_vm* vm) {
    if (vm == nullptr) return HLFFI_ERROR_NULL_VM;
    hlffi::api::stop_vm_thread(vm);
    vm->vm.unload();
    vm->values.invalidate_all();
    vm->entry_called = false;
    hlffi::api::succeed(vm);
    return HLFFI_OK;
}

void hlffi_destroy(hlffi_vm* vm) { delete vm; }

const char* hlffi_get_error(hlffi_vm* vm) {
    if (vm == nullptr) return "the VM handle is NULL";
    vm->error = vm->vm.last_error;
    return vm->error.c_str();
}

hlffi_error_code hlffi_get_last_error(hlffi_vm* vm) { return vm == nullptr ? HLFFI_ERROR_NULL_VM : vm->last_code; }

const char* hlffi_get_error_string(hlffi_error_code code) {
    switch (code) {
#define HLFFI_ERROR_TEXT(name, value, text) \
    case name: return text;
        HLFFI_ERRORS(HLFFI_ERROR_TEXT)
#undef HLFFI_ERROR_TEXT
    }
    return "unknown error code";
}

const char* hlffi_get_version(void) { return HLFFI_VERSION_STRING; }

const char* hlffi_get_hl_version(void) { return "1.16.0"; }

bool hlffi_is_jit_mode(void) { return false; }

bool hlffi_is_restartable(void) { return true; }

hlffi_error_code hlffi_set_print_handler(hlffi_vm* vm, hlffi_print_func fn, void* userdata) {
    if (vm == nullptr) return HLFFI_ERROR_NULL_VM;
    vm->vm.set_print_handler(reinterpret_cast<hlffi::vm::PrintFn>(fn), vm, userdata);
    return HLFFI_OK;
}

int hlffi_get_exit_code(hlffi_vm* vm) { return vm == nullptr ? 0 : vm->vm.exit_code; }

}  // extern "C"
