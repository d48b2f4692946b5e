// api layer: the Statics section of include/hlffi.h: static variables and static functions.
#include <vector>

#include "api/api_internal.h"
#include "std/dynamic.h"

using namespace hlffi;

namespace {

constexpr int kMaxArgs = 64;

// Resolves Class.field to the class object and the field's index; nullptr after recording.
rt::VObj* static_field(hlffi_vm* vm, const char* class_name, const char* field_name, const rt::ObjField** field) {
    if (vm == nullptr || !api::check_loaded(vm) || !api::check_name(vm, class_name, "class_name") ||
        !api::check_name(vm, field_name, "field_name"))
        return nullptr;
    rt::HType* cls = api::find_class(vm, class_name);
    if (cls == nullptr) return nullptr;
    rt::VObj* obj = api::class_object(vm, cls);
    if (obj == nullptr) return nullptr;
    int32_t i = api::find_field(obj->t, api::name_hash(field_name));
    if (i < 0) {
        api::fail(vm, HLFFI_ERROR_FIELD_NOT_FOUND, std::string("class '") + class_name + "' has no static '" + field_name + "'");
        return nullptr;
    }
    *field = &obj->t->obj->fields[static_cast<size_t>(i)];
    return obj;
}

}  // namespace

extern "C" {

hlffi_value* hlffi_get_static_field(hlffi_vm* vm, const char* class_name, const char* field_name) {
    const rt::ObjField* f = nullptr;
    rt::VObj* obj = static_field(vm, class_name, field_name, &f);
    if (obj == nullptr) return nullptr;
    rt::Slot s = 0;
    std::memcpy(&s, rt::field_addr(obj, f->offset), static_cast<size_t>(rt::storage_size(f->type)));
    hlffi_value* v = api::make_value(vm, f->type, s);
    if (v != nullptr) api::succeed(vm);
    return v;
}

hlffi_error_code hlffi_set_static_field(hlffi_vm* vm, const char* class_name, const char* field_name, hlffi_value* value) {
    if (vm == nullptr) return HLFFI_ERROR_NULL_VM;
    const rt::ObjField* f = nullptr;
    rt::VObj* obj = static_field(vm, class_name, field_name, &f);
    if (obj == nullptr) return vm->last_code;
    hlffi_vm* owner = vm;
    if (!api::check_value(owner, value)) return vm->last_code;
    vm::HostEntry e(vm->vm);
    if (!api::entered(e, vm)) return vm->last_code;
    rt::Slot s = 0;
    if (!api::to_slot(e, vm, value, f->type, &s, std::string(class_name) + "." + field_name)) return vm->last_code;
    std::memcpy(rt::field_addr(obj, f->offset), &s, static_cast<size_t>(rt::storage_size(f->type)));
    api::succeed(vm);
    return HLFFI_OK;
}

hlffi_value* hlffi_call_static(hlffi_vm* vm, const char* class_name, const char* method_name, int argc, hlffi_value** argv) {
    if (vm == nullptr || !api::check_loaded(vm, true) || !api::check_name(vm, class_name, "class_name") ||
        !api::check_name(vm, method_name, "method_name"))
        return nullptr;
    rt::HType* cls = api::find_class(vm, class_name);
    if (cls == nullptr) return nullptr;
    rt::FunctionCode* f = api::find_static_method(vm, cls, method_name);
    if (f == nullptr) return nullptr;
    std::string what = std::string(class_name) + "." + method_name;
    if (argc < 0 || argc > kMaxArgs) {
        api::fail(vm, HLFFI_ERROR_WRONG_ARITY, what + ": argc out of range");
        return nullptr;
    }
    vm::HostEntry e(vm->vm);
    if (!api::entered(e, vm)) return nullptr;
    rt::Slot args[kMaxArgs];
    if (!api::convert_args(e, vm, f->type, 0, argc, argv, args, what)) return nullptr;
    return api::call_and_wrap(e, vm, f, args, argc, what);
}

}  // extern "C"
