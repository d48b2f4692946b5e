// std layer: virtual views (spec/runtime.md §4): creating a view of an object, dynobj or virtual
// (to_virtual), and materialising a stand-alone virtual into a dynobj (§4.4).
#include <optional>
#include <utility>
#include <vector>

#include "std/dyn_internal.h"

namespace hlffi::rt {

namespace {

// A view: header, value, next, one slot per field (no inline storage).
VVirtual* alloc_view(Ctx& c, HType* vt, VDynamic* value) {
    size_t n = vt->virt->fields.size();
    auto* w = static_cast<VVirtual*>(alloc_scan(c, 24 + 8 * n));
    if (w == nullptr) return nullptr;
    w->t = vt;
    w->value = value;
    w->next = nullptr;
    return w;
}

// The interface slot of an object for virtual type vt (§3.5). Like HashLink, the search goes up
// to the root class and the last match (the root-most class) wins.
void** interface_slot(VDynamic* v, const HType* vt) {
    void** found = nullptr;
    for (const HType* r = v->t; r != nullptr; r = r->obj->super) {
        const ObjInfo& o = *r->obj;
        for (size_t k = static_cast<size_t>(o.own_field_begin); k < o.fields.size(); k++) {
            const ObjField& f = o.fields[k];
            if (f.name.empty() && f.type == vt) {
                found = reinterpret_cast<void**>(field_addr(v, f.offset));
                break;
            }
        }
    }
    return found;
}

// Method of type (this, args...) -> ret usable as a virtual field of type `want`.
bool method_fits(const HType* mt, const HType* want) {
    if (mt->fun == nullptr || mt->fun->args.empty()) return false;
    FunInfo tf;
    tf.args.assign(mt->fun->args.begin() + 1, mt->fun->args.end());
    tf.ret = mt->fun->ret;
    HType tmp;
    tmp.kind = TypeKind::Method;
    tmp.fun = &tf;
    return safe_cast(&tmp, want);
}

VVirtual* view_object(Ctx& c, HType* vt, VDynamic* v) {
    void** iface = interface_slot(v, vt);
    if (iface != nullptr && *iface != nullptr) return static_cast<VVirtual*>(*iface);
    VVirtual* w = alloc_view(c, vt, v);
    if (w == nullptr) return nullptr;
    const auto& vf = vt->virt->fields;
    for (size_t i = 0; i < vf.size(); i++) {
        const ObjLookup* l = dyn::obj_resolve(v->t, vf[i].hash);
        void* slot = nullptr;
        if (l != nullptr && l->field < 0) {
            if (method_fits(l->type, vf[i].type)) slot = dyn::obj_method(c, v->t, l);
        } else if (l != nullptr && same_type(l->type, vf[i].type)) {
            slot = field_addr(v, dyn::obj_field_offset(v->t, l));
        }
        w->slots()[i] = slot;
    }
    if (iface != nullptr) *iface = w;
    return w;
}

// HashLink rewrites such fields in place when a dynobj gets its first view (§4.2).
bool should_recast(const HType* t, const HType* vt) {
    if (vt->kind == TypeKind::F64 && t->kind == TypeKind::I32) return true;
    if (vt->kind == TypeKind::Null && vt->param->kind == t->kind) return true;
    if (vt->kind == TypeKind::Null && vt->param->kind == TypeKind::F64 && t->kind == TypeKind::I32) return true;
    if (vt->kind == TypeKind::Virtual && t->kind == TypeKind::DynObj) return true;
    if (vt->kind == TypeKind::Obj && t->kind == TypeKind::Obj && vt->obj->cast != nullptr) return true;
    return false;
}

VVirtual* view_dynobj(Ctx& c, HType* vt, VDynamic* v) {
    auto* o = reinterpret_cast<VDynObj*>(v);
    for (VVirtual* w = o->views; w != nullptr; w = w->next)
        if (w->t->virt == vt->virt) return w;
    VVirtual* w = alloc_view(c, vt, v);
    if (w == nullptr) return nullptr;
    const auto& vf = vt->virt->fields;
    std::vector<bool> recast(vf.size(), false);
    bool first_view = o->views == nullptr;
    for (size_t i = 0; i < vf.size(); i++) {
        int32_t k = dyn::dynobj_find(o, vf[i].hash);
        void* slot = nullptr;
        if (k >= 0) {
            DynField& f = o->fields[k];
            if (same_type(f.type, vf[i].type) && vf[i].type->kind != TypeKind::Method) slot = &f.value;
            else if (first_view && should_recast(f.type, vf[i].type)) recast[i] = true;
        }
        w->slots()[i] = slot;
    }
    w->next = o->views;
    o->views = w;
    for (size_t i = 0; i < vf.size(); i++) {
        if (!recast[i]) continue;
        HType* ft = vf[i].type;
        if (!is_pointer(ft) && ft->kind != TypeKind::F64) continue;  // as HashLink: pointers and f64 only
        Slot s = 0;
        dyn_get(c, v, vf[i].hash, ft, &s);
        if (has_exception(c)) return nullptr;
        std::optional<RootGuard> keep;
        if (is_pointer(ft)) keep.emplace(c, &s);  // a new box or view, until stored
        dyn_set(c, v, vf[i].hash, ft, &s);
        if (has_exception(c)) return nullptr;
    }
    return w;
}

}  // namespace

VVirtual* to_virtual(Ctx& c, HType* vt, VDynamic* v) {
    if (v == nullptr) return nullptr;
    switch (v->t->kind) {
    case TypeKind::Obj: return view_object(c, vt, v);
    case TypeKind::DynObj: return view_dynobj(c, vt, v);
    case TypeKind::Virtual: {
        if (safe_cast(v->t, vt)) return reinterpret_cast<VVirtual*>(v);
        VDynamic* value = dyn::materialize(c, reinterpret_cast<VVirtual*>(v));
        if (value == nullptr) return nullptr;
        return to_virtual(c, vt, value);
    }
    default:
        dyn::raise_cant_cast(c, v->t, vt);
        return nullptr;
    }
}

VDynamic* virtual_value(VVirtual* v) {
    if (v == nullptr) return nullptr;
    return v->value != nullptr ? v->value : reinterpret_cast<VDynamic*>(v);
}

namespace dyn {

int32_t virtual_find(const HType* vt, int32_t hash) {
    const VirtualInfo& vi = *vt->virt;
    if (vi.by_hash.size() != vi.fields.size()) {
        for (size_t i = 0; i < vi.fields.size(); i++)
            if (vi.fields[i].hash == hash) return static_cast<int32_t>(i);
        return -1;
    }
    size_t lo = 0, hi = vi.by_hash.size();
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int32_t idx = vi.by_hash[mid];
        int32_t h = vi.fields[static_cast<size_t>(idx)].hash;
        if (h < hash) lo = mid + 1;
        else if (h > hash) hi = mid;
        else return idx;
    }
    return -1;
}

VDynamic* materialize(Ctx& c, VVirtual* v) {
    if (v->value != nullptr) return v->value;
    const VirtualInfo& vi = *v->t->virt;
    size_t n = vi.fields.size();
    VDynObj* o = alloc_dynobj(c);
    if (o == nullptr) return nullptr;
    RootGuard g(c, &o);
    auto* arr = static_cast<DynField*>(alloc_scan(c, sizeof(DynField) * (n == 0 ? 1 : n)));
    if (arr == nullptr) return nullptr;
    // The dynobj's creation order is the virtual's hash order (§5.1).
    for (size_t k = 0; k < n; k++) {
        size_t i = vi.by_hash.size() == n ? static_cast<size_t>(vi.by_hash[k]) : k;
        const VirtualField& f = vi.fields[i];
        DynField& d = arr[k];
        d.hash = f.hash;
        d.pad_ = 0;
        d.type = f.type;
        d.value = load_typed(v->slots()[i], f.type);
    }
    if (vi.by_hash.size() != n) {
        // No hash order from the linker: sort here (stable, signed hashes).
        for (size_t a = 1; a < n; a++)
            for (size_t b = a; b > 0 && arr[b - 1].hash > arr[b].hash; b--) std::swap(arr[b - 1], arr[b]);
    }
    for (size_t i = 0; i < n; i++) std::memset(v->slots()[i], 0, static_cast<size_t>(storage_size(vi.fields[i].type)));
    o->fields = arr;
    o->count = static_cast<int32_t>(n);
    o->capacity = static_cast<int32_t>(n == 0 ? 1 : n);
    v->value = reinterpret_cast<VDynamic*>(o);
    v->next = o->views;
    o->views = v;
    dynobj_remap_views(o);
    return v->value;
}

}  // namespace dyn
}  // namespace hlffi::rt
