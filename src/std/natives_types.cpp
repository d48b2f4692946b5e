// std layer: type and enum reflection natives (natives.md §3): type_*, alloc_obj, alloc_enum_dyn,
// enum_parameters. Names handed out are the types' own UTF-16 strings (NUL-terminated, owned by
// the program), as HashLink hands out its type strings.
#include <string>

#include "std/dynamic.h"
#include "std/std_natives.h"

namespace hlffi::rt {
namespace {

char16_t* name_bytes(const std::u16string& s) { return const_cast<char16_t*>(s.c_str()); }

bool is_class(const HType* t) { return t->kind == TypeKind::Obj || t->kind == TypeKind::Struct; }

// Global slot holding the class or enum object of `t`, or nullptr.
void** type_global(Ctx& c, HType* t) {
    int32_t g = -1;
    if (is_class(t)) g = t->obj->global;
    else if (t->kind == TypeKind::Enum) g = t->enm->global;
    return g < 0 ? nullptr : global_slot(c, g);
}

char16_t* type_name_native(Ctx&, HType* t) {
    switch (t->kind) {
    case TypeKind::Obj:
    case TypeKind::Struct: return name_bytes(t->obj->name);
    case TypeKind::Enum: return name_bytes(t->enm->name);
    case TypeKind::Abstract: return name_bytes(t->abstract_name);
    default: return nullptr;
    }
}

char16_t* type_str(Ctx& c, HType* t) {
    VString* s = alloc_string_utf8(c, type_name(t));
    return s ? s->bytes : nullptr;
}

HType* type_super(Ctx& c, HType* t) {
    if (is_class(t) && t->obj->super) return t->obj->super;
    return builtin_type(c, TypeKind::Void);
}

int32_t type_args_count(Ctx&, HType* t) {
    if (t->kind == TypeKind::Fun || t->kind == TypeKind::Method) return static_cast<int32_t>(t->fun->args.size());
    return 0;
}

VDynamic* type_get_global(Ctx& c, HType* t) {
    void** slot = type_global(c, t);
    return slot ? static_cast<VDynamic*>(*slot) : nullptr;
}

bool type_set_global(Ctx& c, HType* t, VDynamic* v) {
    void** slot = type_global(c, t);
    if (!slot) return false;
    *slot = v;
    return true;
}

bool type_safe_cast(Ctx&, HType* t, HType* to) { return safe_cast(t, to); }

// Type.getInstanceFields order (runtime.md §16.6): from the class up to the root, the methods
// that are final or open a new virtual slot (proto order), then the own fields including the
// unnamed interface slots. The array is sized as HashLink sizes it (final methods of the whole
// chain + virtual slots + all fields); any unused tail stays null.
VArray* type_instance_fields(Ctx& c, HType* t) {
    HType* bytes = builtin_type(c, TypeKind::Bytes);
    if (t->kind == TypeKind::Virtual) {
        VArray* a = alloc_array(c, bytes, static_cast<int32_t>(t->virt->fields.size()));
        if (!a) return nullptr;
        char16_t** names = a->data<char16_t*>();
        for (const VirtualField& f : t->virt->fields) *names++ = name_bytes(f.name);
        return a;
    }
    if (!is_class(t)) return nullptr;
    size_t final_methods = 0;
    for (HType* o = t; o; o = o->obj->super) {
        for (const ObjProto& p : o->obj->protos) final_methods += p.pindex < 0 ? 1 : 0;
    }
    size_t size = final_methods + t->obj->vtable.size() + t->obj->fields.size();
    VArray* a = alloc_array(c, bytes, static_cast<int32_t>(size));
    if (!a) return nullptr;
    char16_t** names = a->data<char16_t*>();
    size_t out = 0;
    for (HType* o = t; o; o = o->obj->super) {
        const ObjInfo& info = *o->obj;
        int32_t parent_slots = info.super ? static_cast<int32_t>(info.super->obj->vtable.size()) : 0;
        for (const ObjProto& p : info.protos) {
            if ((p.pindex < 0 || p.pindex >= parent_slots) && out < size) names[out++] = name_bytes(p.name);
        }
        for (size_t i = static_cast<size_t>(info.own_field_begin); i < info.fields.size() && out < size; i++)
            names[out++] = name_bytes(info.fields[i].name);
    }
    return a;
}

VDynamic* alloc_obj(Ctx& c, HType* t) {
    if (!is_class(t)) return nullptr;
    return reinterpret_cast<VDynamic*>(alloc_object(c, t));
}

// ---- Enums (runtime.md §7)

VArray* type_enum_fields(Ctx& c, HType* t) {
    const auto& cs = t->enm->constructs;
    VArray* a = alloc_array(c, builtin_type(c, TypeKind::Bytes), static_cast<int32_t>(cs.size()));
    if (!a) return nullptr;
    char16_t** names = a->data<char16_t*>();
    for (const EnumConstruct& k : cs) *names++ = name_bytes(k.name);
    return a;
}

// One new value per constructor without parameters (they become the singletons), null otherwise.
VArray* type_enum_values(Ctx& c, HType* t) {
    const auto& cs = t->enm->constructs;
    VArray* a = alloc_array(c, builtin_type(c, TypeKind::Dyn), static_cast<int32_t>(cs.size()));
    if (!a) return nullptr;
    RootGuard g(c, &a);
    for (size_t i = 0; i < cs.size(); i++) {
        if (!cs[i].params.empty()) continue;
        VEnum* v = alloc_enum(c, t, static_cast<int32_t>(i));
        if (!v) return nullptr;
        a->data<VEnum*>()[i] = v;
    }
    return a;
}

bool type_enum_eq(Ctx& c, VDynamic* a, VDynamic* b) {
    if (a == b) return true;
    if (!a || !b || a->t->kind != TypeKind::Enum || b->t->kind != TypeKind::Enum) return false;
    return enum_equals(c, reinterpret_cast<VEnum*>(a), reinterpret_cast<VEnum*>(b));
}

// Type.createEnum: null when the arguments do not fit the constructor (natives.md §3).
VDynamic* alloc_enum_dyn(Ctx& c, HType* t, int32_t index, VArray* args, int32_t nargs) {
    if (t->kind != TypeKind::Enum || index < 0 || static_cast<size_t>(index) >= t->enm->constructs.size()) return nullptr;
    const EnumConstruct& k = t->enm->constructs[static_cast<size_t>(index)];
    int32_t nparams = static_cast<int32_t>(k.params.size());
    int32_t given = args ? args->size : 0;
    if (nparams < nargs || given < nargs) return nullptr;
    for (int32_t i = nargs; i < nparams; i++) {
        if (!is_pointer(k.params[static_cast<size_t>(i)])) return nullptr;  // only null-able params may be missing
    }
    RootGuard ga(c, &args);
    VEnum* e = alloc_enum(c, t, index);
    if (!e) return nullptr;
    RootGuard ge(c, &e);
    for (int32_t i = 0; i < nargs; i++) {
        size_t p = static_cast<size_t>(i);
        write_dyn(c, field_addr(e, k.offsets[p]), k.params[p], args->data<VDynamic*>()[i]);
        if (has_exception(c)) return nullptr;
    }
    return reinterpret_cast<VDynamic*>(e);
}

// Type.enumParameters: each parameter boxed per its declared type.
VArray* enum_parameters(Ctx& c, VDynamic* v) {
    if (!v || v->t->kind != TypeKind::Enum) return nullptr;
    VEnum* e = reinterpret_cast<VEnum*>(v);
    const EnumConstruct& k = e->t->enm->constructs[static_cast<size_t>(e->index)];
    RootGuard ge(c, &e);
    VArray* a = alloc_array(c, builtin_type(c, TypeKind::Dyn), static_cast<int32_t>(k.params.size()));
    if (!a) return nullptr;
    RootGuard ga(c, &a);
    for (size_t i = 0; i < k.params.size(); i++) {
        VDynamic* d = make_dyn(c, field_addr(e, k.offsets[i]), k.params[i]);
        if (has_exception(c)) return nullptr;
        a->data<VDynamic*>()[i] = d;
    }
    return a;
}

constexpr NativeDef kNatives[] = {
    HLFFI_NATIVE("type_name", type_name_native),
    HLFFI_NATIVE("type_str", type_str),
    HLFFI_NATIVE("type_super", type_super),
    HLFFI_NATIVE("type_args_count", type_args_count),
    HLFFI_NATIVE("type_get_global", type_get_global),
    HLFFI_NATIVE("type_set_global", type_set_global),
    HLFFI_NATIVE("type_safe_cast", type_safe_cast),
    HLFFI_NATIVE("type_instance_fields", type_instance_fields),
    HLFFI_NATIVE("type_enum_fields", type_enum_fields),
    HLFFI_NATIVE("type_enum_values", type_enum_values),
    HLFFI_NATIVE("type_enum_eq", type_enum_eq),
    HLFFI_NATIVE("alloc_obj", alloc_obj),
    HLFFI_NATIVE("alloc_enum_dyn", alloc_enum_dyn),
    HLFFI_NATIVE("enum_parameters", enum_parameters),
};

}  // namespace

std::span<const NativeDef> natives_types() { return kNatives; }

}  // namespace hlffi::rt
