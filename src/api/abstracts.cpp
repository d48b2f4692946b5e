// api layer: the Abstracts section of include/hlffi.h: HashLink's abstract (opaque native) types.
//
// Two things share the word. A HashLink abstract, hl.Abstract<"name">, is a run-time type: an
// opaque pointer owned by native code (a mutex "hl_mutex", a regular expression "ereg", a file
// "hl_fdesc"); it is found by that name and values of it report it. A Haxe `abstract` type
// (`abstract UserId(Int)`) is compiled away: at run time its values are values of the underlying
// type, so there is nothing to find; hlffi_abstract_find says so in its error message when the
// program kept the abstract's implementation class.
#include "api/api_internal.h"
#include "std/dynamic.h"

using namespace hlffi;

namespace {

bool is_abstract(const rt::HType* t) { return t != nullptr && t->kind == rt::TypeKind::Abstract; }

// The run-time type of a non-null value, or nullptr (null, or after recording a bad handle).
rt::HType* value_type(hlffi_value* v, hlffi_vm** vm_out) {
    hlffi_vm* vm = nullptr;
    if (!api::check_value(vm, v)) return nullptr;
    *vm_out = vm;
    api::succeed(vm);
    if (rt::is_pointer(v->type) && v->slot == 0) return nullptr;  // null has no run-time type
    return api::runtime_type(v);
}

}  // namespace

extern "C" {

bool hlffi_is_abstract(hlffi_type* type) {
    hlffi_vm* vm = nullptr;
    if (!api::check_type(vm, type)) return false;
    api::succeed(vm);
    return is_abstract(type->t);
}

char* hlffi_abstract_get_name(hlffi_type* type) {
    hlffi_vm* vm = nullptr;
    if (!api::check_type(vm, type)) return nullptr;
    if (!is_abstract(type->t)) {
        api::fail(vm, HLFFI_ERROR_INVALID_TYPE, "'" + type->name + "' is not an abstract type");
        return nullptr;
    }
    api::succeed(vm);
    return api::malloc_copy(api::utf8(type->t->abstract_name));
}

hlffi_type* hlffi_abstract_find(hlffi_vm* vm, const char* name) {
    if (vm == nullptr || !api::check_loaded(vm) || !api::check_name(vm, name, "name")) return nullptr;
    rt::HType* t = api::find_type(vm, name);
    if (!is_abstract(t)) {
        std::string why = std::string("no abstract type named '") + name + "' in the program";
        if (t != nullptr) why += " ('" + std::string(name) + "' is a " + rt::type_name(t) + ")";
        else why += api::haxe_abstract_hint(vm, name);
        api::fail(vm, HLFFI_ERROR_TYPE_NOT_FOUND, why);
        return nullptr;
    }
    hlffi_type* h = api::type_handle(vm, t);
    api::succeed(vm);
    return h;
}

bool hlffi_value_is_abstract(hlffi_value* value) {
    hlffi_vm* vm = nullptr;
    return is_abstract(value_type(value, &vm));
}

char* hlffi_value_get_abstract_name(hlffi_value* value) {
    hlffi_vm* vm = nullptr;
    rt::HType* t = value_type(value, &vm);
    if (vm == nullptr) return nullptr;
    if (!is_abstract(t)) {
        api::fail(vm, HLFFI_ERROR_INVALID_TYPE,
                  t == nullptr ? std::string("the value is null") : "the value is not of an abstract type (" + rt::type_name(t) + ")");
        return nullptr;
    }
    return api::malloc_copy(api::utf8(t->abstract_name));
}

}  // extern "C"
