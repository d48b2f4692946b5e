// api layer: compiled modules (hlffi_module_load_file/_memory, hlffi_load_module,
// hlffi_module_free). A module handle is one reference to a shared vm::Module; each VM that
// loads it takes another, so freeing the handle never pulls a program from under a VM.
#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>
#include <new>
#include <vector>

#include "api/api_internal.h"

struct hlffi_module {
    std::shared_ptr<const hlffi::vm::Module> module;
    std::string path;  // Sys.programPath of the VMs that load it ("" from memory)
};

namespace {

hlffi_module* refuse(hlffi_module_error* err, hlffi_error_code code, const std::string& why) {
    if (err != nullptr) {
        err->code = code;
        size_t n = std::min(why.size(), sizeof err->message - 1);
        std::memcpy(err->message, why.data(), n);
        err->message[n] = '\0';
    }
    return nullptr;
}

hlffi_module* compile(const uint8_t* data, size_t size, std::string path, hlffi_module_error* err) {
    auto compiled = hlffi::vm::compile_module(data, size);
    if (!compiled) return refuse(err, hlffi::api::load_error_code(compiled.error().message), compiled.error().message);
    auto* m = new (std::nothrow) hlffi_module{compiled.take(), std::move(path)};
    if (m == nullptr) return refuse(err, HLFFI_ERROR_OUT_OF_MEMORY, "out of memory");
    if (err != nullptr) refuse(err, HLFFI_OK, "");
    return m;
}

}  // namespace

extern "C" {

hlffi_module* hlffi_module_load_file(const char* path, hlffi_module_error* err) {
    if (path == nullptr) return refuse(err, HLFFI_ERROR_INVALID_ARGUMENT, "path is NULL");
    std::ifstream in(path, std::ios::binary);
    if (!in) return refuse(err, HLFFI_ERROR_FILE_NOT_FOUND, std::string("cannot open ") + path);
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return compile(bytes.data(), bytes.size(), path, err);
}

hlffi_module* hlffi_module_load_memory(const void* data, size_t size, hlffi_module_error* err) {
    if (data == nullptr) return refuse(err, HLFFI_ERROR_INVALID_ARGUMENT, "data is NULL");
    return compile(static_cast<const uint8_t*>(data), size, "", err);
}

hlffi_error_code hlffi_load_module(hlffi_vm* vm, hlffi_module* module) {
    if (hlffi_error_code e = hlffi::api::check_loadable(vm); e != HLFFI_OK) return e;
    if (module == nullptr) return hlffi::api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, "module is NULL");
    vm->vm.program_path = module->path;
    return hlffi::api::finish_load(vm, vm->vm.load_module(module->module));
}

void hlffi_module_free(hlffi_module* module) { delete module; }

}  // extern "C"
