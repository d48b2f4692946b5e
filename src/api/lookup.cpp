// api layer: finding types, classes, statics, methods and fields by name (api_internal.h). The
// name index is a hash map built once per loaded program, on first use.
#include "api/api_internal.h"
#include "std/dynamic.h"
#include "util/utf.h"

namespace hlffi::api {

namespace {

using rt::HType;
using rt::TypeKind;

void build_index(hlffi_vm* vm, TypeIndex& ix) {
    rt::Program& p = *vm->vm.program();
    ix.by_name.clear();
    ix.handles.clear();
    ix.handle_of.clear();
    for (size_t i = 0; i < p.types.size(); i++) {
        HType* t = &p.types[i];
        std::string name;
        if ((t->kind == TypeKind::Obj || t->kind == TypeKind::Struct) && t->obj != nullptr) name = utf8(t->obj->name);
        else if (t->kind == TypeKind::Enum && t->enm != nullptr) name = utf8(t->enm->name);
        else if (t->kind == TypeKind::Abstract) name = utf8(t->abstract_name);
        if (!name.empty()) ix.by_name.emplace(std::move(name), t);
    }
    struct Basic {
        const char* haxe;
        const char* hl;
        TypeKind kind;
    };
    constexpr Basic kBasics[] = {
        {"Int", "i32", TypeKind::I32},    {"Float", "f64", TypeKind::F64},   {"Single", "f32", TypeKind::F32},
        {"Bool", "bool", TypeKind::Bool}, {"Dynamic", "dyn", TypeKind::Dyn}, {"bytes", "hl.Bytes", TypeKind::Bytes},
        {"i64", "Int64", TypeKind::I64},  {"ui8", "UI8", TypeKind::UI8},     {"ui16", "UI16", TypeKind::UI16},
        {"void", "Void", TypeKind::Void},
    };
    for (const Basic& b : kBasics) {
        HType* t = p.builtin[static_cast<int>(b.kind)];
        if (t == nullptr) continue;
        ix.by_name.emplace(b.haxe, t);
        ix.by_name.emplace(b.hl, t);
    }
    ix.generation = vm->vm.generation;
}

}  // namespace

int32_t name_hash(std::string_view name) { return field_hash(utf8_to_utf16(name)); }
std::string utf8(std::u16string_view s) { return utf16_to_utf8(s); }

TypeIndex& type_index(hlffi_vm* vm) {
    if (vm->types.generation != vm->vm.generation) build_index(vm, vm->types);
    return vm->types;
}

HType* find_type(hlffi_vm* vm, std::string_view name) {
    TypeIndex& ix = type_index(vm);
    auto it = ix.by_name.find(std::string(name));
    return it == ix.by_name.end() ? nullptr : it->second;
}

hlffi_type* type_handle(hlffi_vm* vm, HType* t) {
    if (t == nullptr) return nullptr;
    TypeIndex& ix = type_index(vm);
    auto it = ix.handle_of.find(t);
    if (it != ix.handle_of.end()) return it->second;
    hlffi_type& h = ix.handles.emplace_back();
    h.t = t;
    h.vm = vm;
    if ((t->kind == TypeKind::Obj || t->kind == TypeKind::Struct) && t->obj != nullptr) h.name = utf8(t->obj->name);
    else if (t->kind == TypeKind::Enum && t->enm != nullptr) h.name = utf8(t->enm->name);
    else if (t->kind == TypeKind::Abstract) h.name = utf8(t->abstract_name);
    else h.name = rt::type_name(t);
    ix.handle_of.emplace(t, &h);
    return &h;
}

HType* find_class(hlffi_vm* vm, const char* name) {
    HType* t = find_type(vm, name);
    if (t == nullptr || (t->kind != TypeKind::Obj && t->kind != TypeKind::Struct)) {
        fail(vm, HLFFI_ERROR_TYPE_NOT_FOUND, std::string("no class named '") + name + "' in the program");
        return nullptr;
    }
    return t;
}

rt::VObj* class_object(hlffi_vm* vm, HType* cls) {
    rt::Program& p = *vm->vm.program();
    int32_t g = cls->obj->global;
    if (g < 0 || static_cast<size_t>(g) >= p.globals.size()) {
        fail(vm, HLFFI_ERROR_TYPE_NOT_FOUND, "class '" + utf8(cls->obj->name) + "' has no statics in the program");
        return nullptr;
    }
    auto* obj = reinterpret_cast<rt::VObj*>(p.globals[static_cast<size_t>(g)]);
    if (obj == nullptr) {
        fail(vm, HLFFI_ERROR_ENTRY_NOT_CALLED,
             "the statics of '" + utf8(cls->obj->name) + "' are not initialised (call hlffi_call_entry first)");
        return nullptr;
    }
    return obj;
}

rt::FunctionCode* find_static_method(hlffi_vm* vm, HType* cls, const char* name) {
    rt::Program& p = *vm->vm.program();
    int32_t g = cls->obj->global;
    HType* statics = g >= 0 && static_cast<size_t>(g) < p.global_types.size() ? p.global_types[static_cast<size_t>(g)] : nullptr;
    if (statics != nullptr && statics->obj != nullptr) {
        int32_t field = find_field(statics, name_hash(name));
        for (const auto& [f, findex] : statics->obj->all_bindings)
            if (f == field) return p.function(findex);
    }
    fail(vm, HLFFI_ERROR_METHOD_NOT_FOUND, "class '" + utf8(cls->obj->name) + "' has no static function '" + name + "'");
    return nullptr;
}

rt::FunctionCode* find_method(hlffi_vm* vm, HType* cls, int32_t hash) {
    if (cls == nullptr || cls->obj == nullptr) return nullptr;
    for (const rt::ObjInfo::Method& m : cls->obj->methods)
        if (m.hash == hash) return vm->vm.program()->function(m.findex);
    return nullptr;
}

int32_t find_field(HType* cls, int32_t hash) {
    if (cls == nullptr || cls->obj == nullptr) return -1;
    const auto& fields = cls->obj->fields;
    for (size_t i = fields.size(); i-- > 0;)
        if (fields[i].hash == hash) return static_cast<int32_t>(i);
    return -1;
}

}  // namespace hlffi::api
