// std layer: helpers shared by the dyn_*.cpp files that implement std/dynamic.h (class lookups,
// dynobj storage, virtual views, var-args closures). Private to those files and natives_dynamic.cpp.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>

#include "std/dynamic.h"

namespace hlffi::rt::dyn {

// HashLink's fixed limit on dynamic call arguments (hl_dyn_call / hl_call_method).
inline constexpr int kMaxDynArgs = 9;

// ---- Typed load/store of a value of type t at addr into / from an 8-byte slot (low bytes).
inline Slot load_typed(const void* addr, const HType* t) {
    Slot s = 0;
    std::memcpy(&s, addr, static_cast<size_t>(storage_size(t)));
    return s;
}
inline void store_typed(void* addr, const HType* t, Slot v) {
    std::memcpy(addr, &v, static_cast<size_t>(storage_size(t)));
}
inline void* load_ptr(const void* addr) {
    void* p;
    std::memcpy(&p, addr, sizeof(p));
    return p;
}

// ---- Messages.
std::string utf8(const std::u16string& s);
std::string field_name(Ctx& c, int32_t hash);  // registered name, or "???" like hl_field_name
void raise_cant_cast(Ctx& c, const HType* from, const HType* to);

// ---- Classes (spec/runtime.md §3.2): name lookup in the class then its ancestors.
const ObjLookup* obj_resolve(const HType* t, int32_t hash);
// The runtime function of a method lookup entry, for an instance of runtime class rt.
FunctionCode* obj_method(Ctx& c, const HType* rt, const ObjLookup* l);
inline int32_t obj_field_offset(const HType* rt, const ObjLookup* l) {
    return rt->obj->fields[static_cast<size_t>(l->field)].offset;
}
// Base address of a class value's fields: the object, or the boxed pointer for a struct.
inline char* obj_base(VDynamic* d) {
    return d->t->kind == TypeKind::Struct ? static_cast<char*>(d->v.ptr) : reinterpret_cast<char*>(d);
}

// ---- Anonymous objects (spec/runtime.md §5.1): fields in creation order.
int32_t dynobj_find(const VDynObj* o, int32_t hash);
// Appends a zeroed field of type t; nullptr if allocation failed (exception pending).
DynField* dynobj_add(Ctx& c, VDynObj* o, int32_t hash, HType* t);
void dynobj_remove(VDynObj* o, int32_t index);
// Re-point every view's slots at the dynobj's current storage (emptied on a type mismatch).
void dynobj_remap_views(VDynObj* o);
// Field `hash` ready to receive a value of type t (created or retyped per §5.1); its type to *ft.
void* dynobj_lookup_set(Ctx& c, VDynObj* o, int32_t hash, HType* t, HType** ft);

// obj_set_field native (§10.2): store dynamic v into field `hash`, typed by v's runtime type.
void set_field_dynamic(Ctx& c, VDynamic* obj, int32_t hash, VDynamic* v);

// ---- Virtuals (spec/runtime.md §4).
int32_t virtual_find(const HType* vt, int32_t hash);  // declared field index, or -1
// §4.4: turn a stand-alone virtual into a view of a new dynobj; returns that dynobj.
VDynamic* materialize(Ctx& c, VVirtual* v);

// ---- Closures (spec/runtime.md §8). A var-args closure (make_var_args) is a wrapper (has_value
// 2, extra 1) whose `value` is the callback taking the native array of arguments; its type is a
// private fun type `(void ())` allocated with it and marked by `fun->parent == itself`.
inline bool is_var_args(const VClosure* cl) { return cl->has_value == 2 && cl->extra == 1; }
inline bool is_var_args_type(const HType* t) {
    return t->kind == TypeKind::Fun && t->fun != nullptr && t->fun->parent == t;
}
// The full (unbound) function type of a bound closure, or nullptr.
inline HType* closure_parent(const VClosure* cl) {
    return cl->t->fun != nullptr ? cl->t->fun->parent : nullptr;
}
// hl_call_method on already gathered arguments; `original` is the caller's array if any.
VDynamic* call_method_impl(Ctx& c, VClosure* cl, VDynamic** args, int nargs, VArray* original);
VClosure* make_var_args(Ctx& c, VClosure* callback);

// ---- Casts.
void write_dyn_impl(Ctx& c, void* addr, HType* t, VDynamic* v, bool is_tmp);
VDynamic* box_result(Ctx& c, HType* t, Slot value);  // §10.3 step 4
Slot convert_slot(Ctx& c, const void* data, HType* t, HType* to);  // §8.3 argument conversion
inline HType* dyn_type(Ctx& c) { return builtin_type(c, TypeKind::Dyn); }

}  // namespace hlffi::rt::dyn
