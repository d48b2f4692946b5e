// std layer: dynamic field access by name hash (spec/runtime.md §10.1, §10.2) and the storage of
// anonymous objects (§5.1: creation order, retyping, views kept pointing at the current storage).
#include <cstring>

#include "std/dyn_internal.h"

namespace hlffi::rt {

namespace dyn {

int32_t dynobj_find(const VDynObj* o, int32_t hash) {
    for (int32_t i = 0; i < o->count; i++)
        if (o->fields[i].hash == hash) return i;
    return -1;
}

void dynobj_remap_views(VDynObj* o) {
    for (VVirtual* w = o->views; w != nullptr; w = w->next) {
        const auto& vf = w->t->virt->fields;
        for (size_t i = 0; i < vf.size(); i++) {
            int32_t k = dynobj_find(o, vf[i].hash);
            // Method slots hold functions (spec note in dyn_internal.h): a dynobj field never binds one.
            bool bind = k >= 0 && vf[i].type->kind != TypeKind::Method && same_type(o->fields[k].type, vf[i].type);
            w->slots()[i] = bind ? static_cast<void*>(&o->fields[k].value) : nullptr;
        }
    }
}

DynField* dynobj_add(Ctx& c, VDynObj* o, int32_t hash, HType* t) {
    if (o->fields == nullptr || o->count >= o->capacity) {
        int32_t cap = o->fields == nullptr || o->capacity < 4 ? 4 : o->capacity * 2;
        if (cap <= o->count) cap = o->count + 4;
        auto* arr = static_cast<DynField*>(alloc_scan(c, sizeof(DynField) * static_cast<size_t>(cap)));
        if (arr == nullptr) return nullptr;
        if (o->count > 0) std::memcpy(arr, o->fields, sizeof(DynField) * static_cast<size_t>(o->count));
        o->fields = arr;
        o->capacity = cap;
    }
    DynField& f = o->fields[o->count++];
    f.hash = hash;
    f.pad_ = 0;
    f.type = t;
    f.value = 0;
    dynobj_remap_views(o);
    return &f;
}

void dynobj_remove(VDynObj* o, int32_t index) {
    size_t tail = static_cast<size_t>(o->count - index - 1);
    if (tail > 0) std::memmove(&o->fields[index], &o->fields[index + 1], sizeof(DynField) * tail);
    o->count--;
    std::memset(&o->fields[o->count], 0, sizeof(DynField));
    dynobj_remap_views(o);
}

void* dynobj_lookup_set(Ctx& c, VDynObj* o, int32_t hash, HType* t, HType** ft) {
    int32_t k = dynobj_find(o, hash);
    DynField* f = nullptr;
    if (k < 0) {
        f = dynobj_add(c, o, hash, t);
    } else if (!same_type(t, o->fields[k].type)) {
        HType* old = o->fields[k].type;
        if (is_pointer(t) != is_pointer(old) || storage_size(t) != storage_size(old)) {
            // Incompatible storage: delete and re-add, which moves the field to the end (§5.1).
            dynobj_remove(o, k);
            f = dynobj_add(c, o, hash, t);
        } else {
            f = &o->fields[k];
            f->type = t;
            dynobj_remap_views(o);
        }
    } else {
        f = &o->fields[k];
    }
    if (f == nullptr) return nullptr;
    *ft = f->type;
    return &f->value;
}

}  // namespace dyn

namespace {

// hl_obj_lookup: storage of data field `hash`, or nullptr.
void* lookup_get(Ctx& c, VDynamic* d, int32_t hash, HType** ft) {
    switch (d->t->kind) {
    case TypeKind::DynObj: {
        auto* o = reinterpret_cast<VDynObj*>(d);
        int32_t k = dyn::dynobj_find(o, hash);
        if (k < 0) return nullptr;
        *ft = o->fields[k].type;
        return &o->fields[k].value;
    }
    case TypeKind::Obj: case TypeKind::Struct: {
        const ObjLookup* l = dyn::obj_resolve(d->t, hash);
        if (l == nullptr || l->field < 0) return nullptr;
        *ft = l->type;
        return dyn::obj_base(d) + dyn::obj_field_offset(d->t, l);
    }
    case TypeKind::Virtual: {
        auto* v = reinterpret_cast<VVirtual*>(d);
        if (v->value != nullptr) return lookup_get(c, v->value, hash, ft);
        int32_t i = dyn::virtual_find(v->t, hash);
        if (i < 0) return nullptr;
        *ft = v->t->virt->fields[static_cast<size_t>(i)].type;
        return v->slots()[i];
    }
    default:
        raise_message(c, "Invalid field access");
        return nullptr;
    }
}

// hl_obj_lookup_extra: a method closure bound to the object, or the class's __get_field answer.
VDynamic* lookup_extra(Ctx& c, VDynamic* d, int32_t hash) {
    switch (d->t->kind) {
    case TypeKind::Obj: case TypeKind::Struct: {
        const ObjLookup* l = dyn::obj_resolve(d->t, hash);
        if (l != nullptr && l->field < 0) {
            FunctionCode* fn = dyn::obj_method(c, d->t, l);
            if (fn == nullptr) return nullptr;
            VClosure* cl = alloc_closure(c, fn, d, true);
            if (cl == nullptr) return nullptr;
            if (l->type->fun != nullptr && l->type->fun->closure_type != nullptr) cl->t = l->type->fun->closure_type;
            return reinterpret_cast<VDynamic*>(cl);
        }
        if (l == nullptr && d->t->obj->get_field != nullptr) {
            Slot args[2] = {reinterpret_cast<uintptr_t>(d), slot_of<int32_t>(hash)};
            Slot r = 0;
            if (!call_function(c, d->t->obj->get_field, args, 2, &r)) return nullptr;
            return reinterpret_cast<VDynamic*>(static_cast<uintptr_t>(r));
        }
        return nullptr;
    }
    case TypeKind::Virtual: {
        auto* v = reinterpret_cast<VVirtual*>(d);
        return v->value != nullptr ? lookup_extra(c, v->value, hash) : nullptr;
    }
    default: return nullptr;
    }
}

// hl_obj_lookup_set: storage ready to receive a value of type t; its type to *ft.
void* lookup_set(Ctx& c, VDynamic* d, int32_t hash, HType* t, HType** ft) {
    switch (d->t->kind) {
    case TypeKind::DynObj: return dyn::dynobj_lookup_set(c, reinterpret_cast<VDynObj*>(d), hash, t, ft);
    case TypeKind::Obj: case TypeKind::Struct: {
        const ObjLookup* l = dyn::obj_resolve(d->t, hash);
        if (l == nullptr || l->field < 0) {
            raise_message(c, dyn::utf8(d->t->obj->name) + " does not have field " + dyn::field_name(c, hash));
            return nullptr;
        }
        *ft = l->type;
        return dyn::obj_base(d) + dyn::obj_field_offset(d->t, l);
    }
    case TypeKind::Virtual: {
        auto* v = reinterpret_cast<VVirtual*>(d);
        if (v->value != nullptr) return lookup_set(c, v->value, hash, t, ft);
        int32_t i = dyn::virtual_find(v->t, hash);
        if (i < 0 || !safe_cast(t, v->t->virt->fields[static_cast<size_t>(i)].type)) {
            VDynamic* o = dyn::materialize(c, v);
            if (o == nullptr) return nullptr;
            return lookup_set(c, o, hash, t, ft);
        }
        *ft = v->t->virt->fields[static_cast<size_t>(i)].type;
        return v->slots()[i];
    }
    default:
        raise_message(c, "Invalid field access");
        return nullptr;
    }
}

// Store an integer (hl_dyn_seti / seti64) into storage of type ft.
void store_int(Ctx& c, void* addr, HType* ft, HType* t, int64_t v) {
    switch (ft->kind) {
    case TypeKind::UI8: *static_cast<uint8_t*>(addr) = static_cast<uint8_t>(v); return;
    case TypeKind::UI16: dyn::store_typed(addr, ft, slot_of<uint16_t>(static_cast<uint16_t>(v))); return;
    case TypeKind::I32: dyn::store_typed(addr, ft, slot_of<int32_t>(static_cast<int32_t>(v))); return;
    case TypeKind::I64: case TypeKind::Guid: dyn::store_typed(addr, ft, slot_of<int64_t>(v)); return;
    case TypeKind::Bool: *static_cast<uint8_t*>(addr) = v != 0 ? 1 : 0; return;
    case TypeKind::F32: dyn::store_typed(addr, ft, slot_of<float>(static_cast<float>(v))); return;
    case TypeKind::F64: dyn::store_typed(addr, ft, slot_of<double>(static_cast<double>(v))); return;
    default: {
        VDynamic tmp{};
        tmp.t = t;
        if (t->kind == TypeKind::I64 || t->kind == TypeKind::Guid) tmp.v.i64 = v;
        else tmp.v.i = static_cast<int32_t>(v);
        dyn::write_dyn_impl(c, addr, ft, &tmp, true);
        return;
    }
    }
}

}  // namespace

void dyn_get(Ctx& c, VDynamic* obj, int32_t hash, HType* t, Slot* out) {
    *out = 0;
    if (obj == nullptr) {
        raise_message(c, "Null access");
        return;
    }
    HType* ft = nullptr;
    void* addr = lookup_get(c, obj, hash, &ft);
    if (has_exception(c)) return;
    if (addr == nullptr) {
        VDynamic* e = lookup_extra(c, obj, hash);
        if (e == nullptr || has_exception(c)) return;
        RootGuard g(c, &e);
        Slot r = dyn::convert_slot(c, &e, dyn::dyn_type(c), t);
        if (!has_exception(c)) *out = r;
        return;
    }
    Slot r = 0;
    if (is_pointer(t) && same_type(t, ft)) r = reinterpret_cast<uintptr_t>(dyn::load_ptr(addr));
    else r = dyn::convert_slot(c, addr, ft, t);
    if (!has_exception(c)) *out = r;
}

void dyn_set(Ctx& c, VDynamic* obj, int32_t hash, HType* t, const Slot* value) {
    if (obj == nullptr) {
        raise_message(c, "Null access");
        return;
    }
    HType* ft = nullptr;
    switch (t->kind) {
    case TypeKind::Void: return;
    case TypeKind::UI8: case TypeKind::UI16: case TypeKind::I32: case TypeKind::Bool: {
        int32_t v = static_cast<int32_t>(dyn::load_typed(value, t));
        void* addr = lookup_set(c, obj, hash, t, &ft);
        if (addr != nullptr) store_int(c, addr, ft, t, v);
        return;
    }
    case TypeKind::I64: case TypeKind::Guid: {
        int64_t v = slot_get<int64_t>(*value);
        void* addr = lookup_set(c, obj, hash, t, &ft);
        if (addr != nullptr) store_int(c, addr, ft, t, v);
        return;
    }
    case TypeKind::F32: case TypeKind::F64: {
        void* addr = lookup_set(c, obj, hash, t, &ft);
        if (addr == nullptr) return;
        if (ft->kind == t->kind) {
            dyn::store_typed(addr, t, *value);
        } else {
            VDynamic tmp{};
            tmp.t = t;
            std::memcpy(&tmp.v, value, static_cast<size_t>(storage_size(t)));
            dyn::write_dyn_impl(c, addr, ft, &tmp, true);
        }
        return;
    }
    default: break;
    }
    void* p = reinterpret_cast<void*>(static_cast<uintptr_t>(*value));
    void* addr = lookup_set(c, obj, hash, t, &ft);
    if (addr == nullptr) return;
    if (same_type(t, ft) || (is_pointer(ft) && p == nullptr)) {
        std::memcpy(addr, &p, sizeof(p));
    } else if (is_dynamic(t)) {
        dyn::write_dyn_impl(c, addr, ft, static_cast<VDynamic*>(p), false);
    } else {
        VDynamic tmp{};
        tmp.t = t;
        tmp.v.ptr = p;
        dyn::write_dyn_impl(c, addr, ft, &tmp, true);
    }
}

namespace dyn {

void set_field_dynamic(Ctx& c, VDynamic* obj, int32_t hash, VDynamic* v) {
    if (obj == nullptr) {
        raise_message(c, "Null access");
        return;
    }
    if (v == nullptr) {
        Slot z = 0;
        dyn_set(c, obj, hash, dyn_type(c), &z);
        return;
    }
    HType* ft = nullptr;
    void* addr = lookup_set(c, obj, hash, v->t, &ft);
    if (addr != nullptr) write_dyn_impl(c, addr, ft, v, false);
}

}  // namespace dyn

void* dyn_field_address(Ctx& c, VDynamic* obj, int32_t hash, HType** type) {
    if (obj == nullptr) return nullptr;
    HType* ft = nullptr;
    void* addr = lookup_get(c, obj, hash, &ft);
    if (addr != nullptr && type != nullptr) *type = ft;
    return addr;
}

bool dyn_has_field(Ctx& c, VDynamic* obj, int32_t hash) {
    if (obj == nullptr) return false;
    switch (obj->t->kind) {
    case TypeKind::Obj: case TypeKind::Struct: {
        const ObjLookup* l = dyn::obj_resolve(obj->t, hash);
        return l != nullptr && l->field >= 0;
    }
    case TypeKind::DynObj: return dyn::dynobj_find(reinterpret_cast<VDynObj*>(obj), hash) >= 0;
    case TypeKind::Virtual: {
        auto* v = reinterpret_cast<VVirtual*>(obj);
        if (v->value != nullptr) return dyn_has_field(c, v->value, hash);
        return dyn::virtual_find(v->t, hash) >= 0;
    }
    default: return false;
    }
}

bool dyn_delete_field(Ctx& c, VDynamic* obj, int32_t hash) {
    if (obj == nullptr) return false;
    switch (obj->t->kind) {
    case TypeKind::DynObj: {
        auto* o = reinterpret_cast<VDynObj*>(obj);
        int32_t k = dyn::dynobj_find(o, hash);
        if (k < 0) return false;
        dyn::dynobj_remove(o, k);
        return true;
    }
    case TypeKind::Virtual: {
        auto* v = reinterpret_cast<VVirtual*>(obj);
        if (v->value != nullptr) return dyn_delete_field(c, v->value, hash);
        if (dyn::virtual_find(v->t, hash) < 0) return false;
        VDynamic* o = dyn::materialize(c, v);
        return o != nullptr && dyn_delete_field(c, o, hash);
    }
    default: return false;
    }
}

VArray* dyn_fields(Ctx& c, VDynamic* obj) {
    if (obj == nullptr) return nullptr;
    HType* bytes = builtin_type(c, TypeKind::Bytes);
    switch (obj->t->kind) {
    case TypeKind::DynObj: {
        auto* o = reinterpret_cast<VDynObj*>(obj);
        VArray* a = alloc_array(c, bytes, o->count);
        if (a == nullptr) return nullptr;
        for (int32_t i = 0; i < o->count; i++) {
            const char16_t* n = name_of_hash(c, o->fields[i].hash);
            a->data<const char16_t*>()[i] = n != nullptr ? n : u"???";
        }
        return a;
    }
    case TypeKind::Obj: case TypeKind::Struct: {
        // The runtime class's own fields, then its parent's, up to the root (§16.6).
        int32_t n = 0;
        for (const HType* r = obj->t; r != nullptr; r = r->obj->super)
            for (size_t k = static_cast<size_t>(r->obj->own_field_begin); k < r->obj->fields.size(); k++)
                if (!r->obj->fields[k].name.empty()) n++;
        VArray* a = alloc_array(c, bytes, n);
        if (a == nullptr) return nullptr;
        int32_t p = 0;
        for (const HType* r = obj->t; r != nullptr; r = r->obj->super)
            for (size_t k = static_cast<size_t>(r->obj->own_field_begin); k < r->obj->fields.size(); k++)
                if (!r->obj->fields[k].name.empty()) a->data<const char16_t*>()[p++] = r->obj->fields[k].name.c_str();
        return a;
    }
    case TypeKind::Virtual: {
        auto* v = reinterpret_cast<VVirtual*>(obj);
        if (v->value != nullptr) return dyn_fields(c, v->value);
        const auto& vf = v->t->virt->fields;
        VArray* a = alloc_array(c, bytes, static_cast<int32_t>(vf.size()));
        if (a == nullptr) return nullptr;
        for (size_t i = 0; i < vf.size(); i++) a->data<const char16_t*>()[i] = vf[i].name.c_str();
        return a;
    }
    default: return nullptr;
    }
}

}  // namespace hlffi::rt
