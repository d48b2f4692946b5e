// api layer: the Types and reflection section of include/hlffi.h: types by dotted name, their kind
// and name, the program's type list, and a class's superclass, own fields and own methods.
//
// What counts as a class's own members (docs/api.md, "Types and reflection"):
//  - fields: the instance fields the class itself declares (ObjInfo::fields from own_field_begin,
//    without HashLink's unnamed interface slots), in declaration order; inherited ones belong to
//    the superclass.
//  - methods: the instance methods the class declares, overrides included (ObjInfo::protos, in
//    declaration order). Constructors and static functions are not instance methods: they are
//    fields of the class object, whose type is "pkg.$Name" (also found by hlffi_find_type).
//  - interfaces have no instance type in HashLink (only their "pkg.$Name" class object).
#include "api/api_internal.h"
#include "std/dynamic.h"

using namespace hlffi;

namespace {

bool is_class(const rt::HType* t) {
    return (t->kind == rt::TypeKind::Obj || t->kind == rt::TypeKind::Struct) && t->obj != nullptr;
}

// The class behind a type handle, or nullptr after recording why.
rt::HType* class_of(hlffi_type* type, hlffi_vm** vm_out) {
    hlffi_vm* vm = nullptr;
    if (!api::check_type(vm, type)) return nullptr;
    *vm_out = vm;
    if (!is_class(type->t)) {
        api::fail(vm, HLFFI_ERROR_INVALID_TYPE, "'" + type->name + "' is not a class");
        return nullptr;
    }
    return type->t;
}

// The fields a class declares, in order. The unnamed slots HashLink adds to a class for each
// interface it implements are not Haxe fields.
std::vector<const rt::ObjField*> own_fields(const rt::ObjInfo& o) {
    std::vector<const rt::ObjField*> out;
    for (size_t i = static_cast<size_t>(o.own_field_begin); i < o.fields.size(); i++)
        if (!o.fields[i].name.empty()) out.push_back(&o.fields[i]);
    return out;
}

// Fills the UTF-8 member names of a class handle once (they are handed out as const char*).
void list_members(hlffi_type* h) {
    if (h->members_listed) return;
    for (const rt::ObjField* f : own_fields(*h->t->obj)) h->field_names.push_back(api::utf8(f->name));
    for (const rt::ObjProto& p : h->t->obj->protos) h->method_names.push_back(api::utf8(p.name));
    h->members_listed = true;
}

// The own field `index` of a class handle, or nullptr after recording.
const rt::ObjField* own_field(hlffi_type* type, int index, hlffi_vm** vm_out) {
    hlffi_vm* vm = nullptr;
    rt::HType* cls = class_of(type, &vm);
    if (cls == nullptr) return nullptr;
    *vm_out = vm;
    std::vector<const rt::ObjField*> fields = own_fields(*cls->obj);
    if (index < 0 || static_cast<size_t>(index) >= fields.size()) {
        api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT,
                  "field index " + std::to_string(index) + " out of range: '" + type->name + "' has " +
                      std::to_string(fields.size()) + " own field(s)");
        return nullptr;
    }
    return fields[static_cast<size_t>(index)];
}

}  // namespace

extern "C" {

hlffi_type* hlffi_find_type(hlffi_vm* vm, const char* name) {
    if (vm == nullptr || !api::check_loaded(vm) || !api::check_name(vm, name, "name")) return nullptr;
    rt::HType* t = api::find_type(vm, name);
    if (t == nullptr) {
        api::fail(vm, HLFFI_ERROR_TYPE_NOT_FOUND, std::string("no type named '") + name + "' in the program" + api::haxe_abstract_hint(vm, name));
        return nullptr;
    }
    hlffi_type* h = api::type_handle(vm, t);
    api::succeed(vm);
    return h;
}

hlffi_type_kind hlffi_type_get_kind(hlffi_type* type) {
    hlffi_vm* vm = nullptr;
    if (!api::check_type(vm, type)) return HLFFI_TYPE_VOID;
    return static_cast<hlffi_type_kind>(type->t->kind);
}

const char* hlffi_type_get_name(hlffi_type* type) {
    hlffi_vm* vm = nullptr;
    if (!api::check_type(vm, type)) return nullptr;
    return type->name.c_str();
}

hlffi_error_code hlffi_list_types(hlffi_vm* vm, hlffi_type_callback callback, void* userdata) {
    if (vm == nullptr) return HLFFI_ERROR_NULL_VM;
    if (!api::check_loaded(vm)) return vm->last_code;
    if (callback == nullptr) return api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, "hlffi_list_types: callback is NULL");
    uint64_t generation = vm->vm.generation;
    size_t count = vm->vm.program()->types.size();
    for (size_t i = 0; i < count; i++) {
        // The callback may call anything, hlffi_close included: stop when the program went away.
        if (!vm->vm.loaded() || vm->vm.generation != generation)
            return api::fail(vm, HLFFI_ERROR_STALE_HANDLE, "hlffi_list_types: the program was closed by the callback");
        callback(api::type_handle(vm, &vm->vm.program()->types[i]), userdata);
    }
    if (!vm->vm.loaded() || vm->vm.generation != generation)
        return api::fail(vm, HLFFI_ERROR_STALE_HANDLE, "hlffi_list_types: the program was closed by the callback");
    api::succeed(vm);
    return HLFFI_OK;
}

hlffi_type* hlffi_class_get_super(hlffi_type* type) {
    hlffi_vm* vm = nullptr;
    rt::HType* cls = class_of(type, &vm);
    if (cls == nullptr) return nullptr;
    api::succeed(vm);
    return api::type_handle(vm, cls->obj->super);
}

int hlffi_class_get_field_count(hlffi_type* type) {
    hlffi_vm* vm = nullptr;
    rt::HType* cls = class_of(type, &vm);
    if (cls == nullptr) return -1;
    api::succeed(vm);
    return static_cast<int>(own_fields(*cls->obj).size());
}

const char* hlffi_class_get_field_name(hlffi_type* type, int index) {
    hlffi_vm* vm = nullptr;
    if (own_field(type, index, &vm) == nullptr) return nullptr;
    list_members(type);
    api::succeed(vm);
    return type->field_names[static_cast<size_t>(index)].c_str();
}

hlffi_type* hlffi_class_get_field_type(hlffi_type* type, int index) {
    hlffi_vm* vm = nullptr;
    const rt::ObjField* f = own_field(type, index, &vm);
    if (f == nullptr) return nullptr;
    api::succeed(vm);
    return api::type_handle(vm, f->type);
}

int hlffi_class_get_method_count(hlffi_type* type) {
    hlffi_vm* vm = nullptr;
    rt::HType* cls = class_of(type, &vm);
    if (cls == nullptr) return -1;
    api::succeed(vm);
    return static_cast<int>(cls->obj->protos.size());
}

const char* hlffi_class_get_method_name(hlffi_type* type, int index) {
    hlffi_vm* vm = nullptr;
    rt::HType* cls = class_of(type, &vm);
    if (cls == nullptr) return nullptr;
    int count = static_cast<int>(cls->obj->protos.size());
    if (index < 0 || index >= count) {
        api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT,
                  "method index " + std::to_string(index) + " out of range: '" + type->name + "' has " + std::to_string(count) +
                      " own method(s)");
        return nullptr;
    }
    list_members(type);
    api::succeed(vm);
    return type->method_names[static_cast<size_t>(index)].c_str();
}

}  // extern "C"
