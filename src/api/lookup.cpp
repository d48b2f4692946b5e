// api layer: finding types, classes, statics, methods and fields by name (api_internal.h). The
// name index is a hash map built once per loaded program, on first use.
#include "api/api_internal.h"
#include "std/dynamic.h"
#include "util/utf.h"

namespace hlffi::api {

namespace {

using rt::HType;
using rt::TypeKind;

// A compiled-away Haxe abstract leaves its methods in class "pkg._Module.Name_Impl_": records
// "pkg.Name" and "pkg.Module.Name" for it.
void note_haxe_abstract(TypeIndex& ix, const std::string& cls, HType* t) {
    constexpr std::string_view kImpl = "_Impl_";
    size_t dot = cls.rfind('.');
    if (dot == std::string::npos || dot == 0) return;
    std::string_view last = std::string_view(cls).substr(dot + 1);
    if (last.size() <= kImpl.size() || !last.ends_with(kImpl) || last[0] == '$') return;
    std::string_view name = last.substr(0, last.size() - kImpl.size());
    size_t mod_dot = cls.rfind('.', dot - 1);
    size_t mod_begin = mod_dot == std::string::npos ? 0 : mod_dot + 1;
    std::string_view module = std::string_view(cls).substr(mod_begin, dot - mod_begin);
    if (module.size() < 2 || module[0] != '_') return;
    std::string package(cls.substr(0, mod_begin));  // "" or "pkg."
    ix.haxe_abstracts.emplace(package + std::string(name), t);
    ix.haxe_abstracts.emplace(package + std::string(module.substr(1)) + "." + std::string(name), t);
}

void build_index(hlffi_vm* vm, TypeIndex& ix) {
    rt::Program& p = *vm->vm.program();
    ix.by_name.clear();
    ix.haxe_abstracts.clear();
    ix.handle_of.clear();
    // Handles given out for an earlier program become stale; their memory stays so that using
    // one is detected (check_type) rather than a use after free.
    for (hlffi_type& h : ix.handles) {
        h.t = nullptr;
        h.name = std::string();
        h.field_names = {};
        h.method_names = {};
        h.members_listed = false;
    }
    for (size_t i = 0; i < p.types.size(); i++) {
        HType* t = &p.types[i];
        std::string name;
        if ((t->kind == TypeKind::Obj || t->kind == TypeKind::Struct) && t->obj != nullptr) name = utf8(t->obj->name);
        else if (t->kind == TypeKind::Enum && t->enm != nullptr) name = utf8(t->enm->name);
        else if (t->kind == TypeKind::Abstract) name = utf8(t->abstract_name);
        if (name.empty()) continue;
        if (t->kind == TypeKind::Obj) note_haxe_abstract(ix, name, t);
        ix.by_name.emplace(std::move(name), t);
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

bool check_type(hlffi_vm*& vm, hlffi_type* t, const char* what) {
    if (t == nullptr) {
        fail(vm, HLFFI_ERROR_NULL_VALUE, std::string(what) + " is NULL");
        return false;
    }
    if (vm != nullptr && t->vm != vm) {
        fail(vm, HLFFI_ERROR_WRONG_VM, std::string(what) + " belongs to another VM");
        return false;
    }
    hlffi_vm* owner = t->vm;
    // The index is rebuilt (and old handles emptied) on the first lookup after a new load.
    if (owner == nullptr || t->t == nullptr || !owner->vm.loaded() || owner->types.generation != owner->vm.generation) {
        fail(owner, HLFFI_ERROR_STALE_HANDLE, std::string(what) + " belongs to a program that was closed");
        return false;
    }
    vm = owner;
    return true;
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
    else if (t->kind == TypeKind::UI8) h.name = "ui8";    // HLFFI's names (HashLink prints i8/i16)
    else if (t->kind == TypeKind::UI16) h.name = "ui16";
    else h.name = rt::type_name(t);
    ix.handle_of.emplace(t, &h);
    return &h;
}

std::string haxe_abstract_hint(hlffi_vm* vm, const char* name) {
    if (type_index(vm).haxe_abstracts.count(name) == 0) return "";
    return " ('" + std::string(name) + "' is a Haxe abstract: compiled away, its values have its underlying type)";
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
    const std::vector<rt::Slot>& globals = vm->vm.globals;
    int32_t g = cls->obj->global;
    if (g < 0 || static_cast<size_t>(g) >= globals.size()) {
        fail(vm, HLFFI_ERROR_TYPE_NOT_FOUND, "class '" + utf8(cls->obj->name) + "' has no statics in the program");
        return nullptr;
    }
    auto* obj = reinterpret_cast<rt::VObj*>(globals[static_cast<size_t>(g)]);
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
