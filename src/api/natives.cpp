// api layer: host natives: hlffi_register_native (a program's @:hlNative("lib", "name") functions
// bound to host functions when it loads) and hlffi_set_lazy_natives. The bound FunctionCode's
// native_data is the registration (HostNativeReg); its declared type says how to pass arguments.
#include <string>
#include <string_view>

#include "api/api_internal.h"
#include "std/dynamic.h"
#include "std/native.h"

using namespace hlffi;

namespace {

constexpr std::string_view kArgLetters = "idfbsBoD";
constexpr std::string_view kResultLetters = "vidfbsBoD";

rt::Slot native_trampoline(rt::Ctx& c, const rt::Slot* args) {
    rt::FunctionCode* f = c.native_callee;
    auto* reg = static_cast<api::HostNativeReg*>(f->native_data);
    return api::call_host_function(c, reg->vm, reg->fn, f->type, args, reg->label);
}

// Splits "ii>i" into its argument letters ("v" alone: none) and result letter; false when malformed.
bool split_signature(std::string_view sig, std::string_view* args, char* result) {
    size_t gt = sig.find('>');
    if (gt == std::string_view::npos || gt + 2 != sig.size()) return false;
    *args = sig.substr(0, gt);
    if (*args == "v") *args = {};
    *result = sig[gt + 1];
    for (char l : *args)
        if (kArgLetters.find(l) == std::string_view::npos) return false;
    return kResultLetters.find(*result) != std::string_view::npos;
}

bool is_class(const rt::HType* t, std::u16string_view name) {
    return t->kind == rt::TypeKind::Obj && t->obj != nullptr && t->obj->name == name;
}

bool fits(char letter, const rt::HType* t) {
    switch (letter) {
    case 'v': return t->kind == rt::TypeKind::Void;
    case 'i': return t->kind == rt::TypeKind::I32;
    case 'd': return t->kind == rt::TypeKind::F64;
    case 'f': return t->kind == rt::TypeKind::F32;
    case 'b': return t->kind == rt::TypeKind::Bool;
    case 's': return is_class(t, u"String");
    case 'B': return is_class(t, u"haxe.io.Bytes");
    case 'o': return t->kind == rt::TypeKind::Obj || t->kind == rt::TypeKind::Struct;
    case 'D': return t->kind == rt::TypeKind::Dyn;
    }
    return false;
}

std::string describe(const rt::HType* ft) {
    std::string s = "(";
    for (size_t i = 0; i < ft->fun->args.size(); i++) s += (i ? ", " : "") + rt::type_name(ft->fun->args[i]);
    return s + ") -> " + rt::type_name(ft->fun->ret);
}

// Vm::HostNative::check: the program's declaration against the registered signature.
std::string check_declaration(const void* data, const rt::HType* declared) {
    const auto* reg = static_cast<const api::HostNativeReg*>(data);
    if (declared == nullptr || declared->fun == nullptr) return reg->label + " is not declared as a function";
    if (reg->signature.empty()) return "";
    std::string_view args;
    char result = 0;
    (void)split_signature(reg->signature, &args, &result);  // checked at registration
    const auto& params = declared->fun->args;
    bool ok = params.size() == args.size() && fits(result, declared->fun->ret);
    for (size_t i = 0; ok && i < params.size(); i++) ok = fits(args[i], params[i]);
    if (ok) return "";
    return reg->label + " is registered as \"" + reg->signature + "\" but the program declares " + describe(declared);
}

}  // namespace

extern "C" {

hlffi_error_code hlffi_register_native(hlffi_vm* vm, const char* lib, const char* name, hlffi_native_func func,
                                       const char* signature) {
    if (vm == nullptr) return HLFFI_ERROR_NULL_VM;
    if (lib == nullptr || name == nullptr || func == nullptr)
        return api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT,
                         std::string("hlffi_register_native: ") + (lib == nullptr ? "lib" : name == nullptr ? "name" : "func") + " is NULL");
    std::string label = std::string(lib) + "@" + name;
    if (*name == '\0') return api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, "hlffi_register_native: the name is empty");
    if (vm->vm.loaded())
        return api::fail(vm, HLFFI_ERROR_ALREADY_LOADED, "native " + label + ": natives are bound at load; register them before loading");
    std::string_view args;
    char result = 0;
    if (signature != nullptr && !split_signature(signature, &args, &result))
        return api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT,
                         "native " + label + ": bad signature \"" + signature +
                             "\" (argument letters from i d f b s B o D, '>', one result letter from v i d f b s B o D)");
    for (api::HostNativeReg& r : vm->natives)
        if (r.lib == lib && r.name == name) {  // registering again replaces
            r.fn = func;
            r.signature = signature != nullptr ? signature : "";
            api::succeed(vm);
            return HLFFI_OK;
        }
    api::HostNativeReg& r = vm->natives.emplace_back();
    r.vm = vm;
    r.lib = lib;
    r.name = name;
    r.signature = signature != nullptr ? signature : "";
    r.fn = func;
    r.label = label;
    vm::Vm::HostNative h;
    h.lib = r.lib;
    h.name = r.name;
    h.def = rt::NativeDef{r.name, &native_trampoline, -1};
    h.data = &r;
    h.check = &check_declaration;
    vm->vm.host_natives.push_back(std::move(h));
    api::succeed(vm);
    return HLFFI_OK;
}

hlffi_error_code hlffi_set_lazy_natives(hlffi_vm* vm, bool lazy) {
    if (vm == nullptr) return HLFFI_ERROR_NULL_VM;
    if (vm->vm.loaded()) return api::fail(vm, HLFFI_ERROR_ALREADY_LOADED, "hlffi_set_lazy_natives: natives are bound at load; call it before loading");
    vm->vm.lazy_natives = lazy;
    api::succeed(vm);
    return HLFFI_OK;
}

}  // extern "C"
