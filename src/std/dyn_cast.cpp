// std layer: boxing and dynamic conversions (spec/runtime.md §5.2, §6): make_dyn, dyn_cast*,
// write_dyn, value_cast, and the argument/result conversions used by dynamic calls.
#include <cmath>
#include <limits>

#include "std/dyn_internal.h"

namespace hlffi::rt {

namespace {

// C's (int)double on x86-64: NaN and out-of-range values give INT_MIN (cvttsd2si).
int32_t double_to_i32(double d) {
    if (d > -2147483649.0 && d < 2147483648.0) return static_cast<int32_t>(d);
    return std::numeric_limits<int32_t>::min();
}
int64_t double_to_i64(double d) {
    if (d >= -9223372036854775808.0 && d < 9223372036854775808.0) return static_cast<int64_t>(d);
    return std::numeric_limits<int64_t>::min();
}

template <typename T>
T load(const void* data) {
    T v;
    std::memcpy(&v, data, sizeof(T));
    return v;
}

// A `dynamic` source: null stays null; otherwise continue with the runtime type and, for a box,
// its payload. Returns false when the value is null.
bool unwrap_dynamic(const void*& data, HType*& t) {
    auto* v = static_cast<VDynamic*>(dyn::load_ptr(data));
    if (v == nullptr) return false;
    t = v->t;
    if (!is_dynamic(t)) data = &v->v;
    return true;
}

}  // namespace

VDynamic* make_dyn(Ctx& c, const void* data, HType* t) {
    switch (t->kind) {
    case TypeKind::Void: return nullptr;
    case TypeKind::UI8: case TypeKind::UI16: case TypeKind::I32: case TypeKind::I64:
    case TypeKind::Guid: case TypeKind::F32: case TypeKind::F64: case TypeKind::Bool: {
        // HashLink shares the two bool boxes and small i32 boxes; identity is not observable (§5.2).
        Slot payload = dyn::load_typed(data, t);
        VDynamic* b = alloc_box(c, t);
        if (b == nullptr) return nullptr;
        std::memcpy(&b->v, &payload, sizeof(payload));
        return b;
    }
    case TypeKind::Bytes: case TypeKind::Type: case TypeKind::Ref: case TypeKind::Abstract: {
        void* p = dyn::load_ptr(data);
        if (p == nullptr) return nullptr;
        VDynamic* b = alloc_box(c, t);
        if (b == nullptr) return nullptr;
        b->v.ptr = p;
        return b;
    }
    default:
        return static_cast<VDynamic*>(dyn::load_ptr(data));
    }
}

int32_t dyn_casti(Ctx& c, const void* data, HType* t, HType* to) {
    if (t->kind == TypeKind::Dyn && !unwrap_dynamic(data, t)) return 0;
    switch (t->kind) {
    case TypeKind::UI8: return load<uint8_t>(data);
    case TypeKind::UI16: return load<uint16_t>(data);
    case TypeKind::I32: return load<int32_t>(data);
    case TypeKind::I64: case TypeKind::Guid: return static_cast<int32_t>(load<int64_t>(data));
    case TypeKind::F32: return double_to_i32(load<float>(data));
    case TypeKind::F64: return double_to_i32(load<double>(data));
    case TypeKind::Bool: return load<uint8_t>(data);  // the raw byte, not normalised (§6.1)
    case TypeKind::Null: {
        auto* v = static_cast<VDynamic*>(dyn::load_ptr(data));
        if (v == nullptr) return 0;
        return dyn_casti(c, &v->v, t->param, to);
    }
    default: break;
    }
    dyn::raise_cant_cast(c, t, to);
    return 0;
}

int64_t dyn_casti64(Ctx& c, const void* data, HType* t) {
    if (t->kind == TypeKind::Dyn && !unwrap_dynamic(data, t)) return 0;
    switch (t->kind) {
    case TypeKind::UI8: return load<uint8_t>(data);
    case TypeKind::UI16: return load<uint16_t>(data);
    case TypeKind::I32: return load<int32_t>(data);
    case TypeKind::I64: case TypeKind::Guid: return load<int64_t>(data);
    case TypeKind::F32: return double_to_i64(load<float>(data));
    case TypeKind::F64: return double_to_i64(load<double>(data));
    case TypeKind::Bool: return load<uint8_t>(data);
    case TypeKind::Null: {
        auto* v = static_cast<VDynamic*>(dyn::load_ptr(data));
        if (v == nullptr) return 0;
        return dyn_casti64(c, &v->v, t->param);
    }
    default: break;
    }
    dyn::raise_cant_cast(c, t, builtin_type(c, TypeKind::I64));
    return 0;
}

double dyn_castd(Ctx& c, const void* data, HType* t) {
    if (t->kind == TypeKind::Dyn && !unwrap_dynamic(data, t)) return 0.0;
    switch (t->kind) {
    case TypeKind::F32: return load<float>(data);
    case TypeKind::F64: return load<double>(data);
    case TypeKind::UI8: return load<uint8_t>(data);
    case TypeKind::UI16: return load<uint16_t>(data);
    case TypeKind::I32: return load<int32_t>(data);
    case TypeKind::I64: return static_cast<double>(load<int64_t>(data));
    case TypeKind::Bool: return load<uint8_t>(data);
    case TypeKind::Null: {
        auto* v = static_cast<VDynamic*>(dyn::load_ptr(data));
        if (v == nullptr) return 0.0;
        return dyn_castd(c, &v->v, t->param);
    }
    default: break;
    }
    dyn::raise_cant_cast(c, t, builtin_type(c, TypeKind::F64));
    return 0.0;
}

float dyn_castf(Ctx& c, const void* data, HType* t) {
    if (t->kind == TypeKind::Dyn && !unwrap_dynamic(data, t)) return 0.0f;
    switch (t->kind) {
    case TypeKind::F32: return load<float>(data);
    case TypeKind::F64: return static_cast<float>(load<double>(data));
    case TypeKind::UI8: return load<uint8_t>(data);
    case TypeKind::UI16: return load<uint16_t>(data);
    case TypeKind::I32: return static_cast<float>(load<int32_t>(data));
    case TypeKind::I64: return static_cast<float>(load<int64_t>(data));
    case TypeKind::Bool: return load<uint8_t>(data);
    case TypeKind::Null: {
        auto* v = static_cast<VDynamic*>(dyn::load_ptr(data));
        if (v == nullptr) return 0.0f;
        return dyn_castf(c, &v->v, t->param);
    }
    default: break;
    }
    dyn::raise_cant_cast(c, t, builtin_type(c, TypeKind::F32));
    return 0.0f;
}

namespace {

bool is_obj_ancestor(const HType* t, const HType* to) {
    for (const HType* o = t; o != nullptr; o = o->obj->super)
        if (o->obj == to->obj || o->obj->name == to->obj->name) return true;
    return false;
}

// A new cell of type `to->param` holding the converted value (`ref<X>` targets).
void* cast_to_ref(Ctx& c, const void* data, HType* t, HType* to) {
    HType* x = to->param;
    Slot s = 0;
    bool ptr = is_pointer(x);
    if (ptr) s = reinterpret_cast<uintptr_t>(dyn_castp(c, data, t, x));
    else s = dyn::convert_slot(c, data, t, x);
    if (has_exception(c)) return nullptr;
    void* keep = ptr ? reinterpret_cast<void*>(static_cast<uintptr_t>(s)) : nullptr;
    RootGuard g(c, &keep);
    void* cell = ptr ? alloc_scan(c, 8) : alloc_noscan(c, 8);
    if (cell == nullptr) return nullptr;
    dyn::store_typed(cell, x, s);
    return cell;
}

}  // namespace

void* dyn_castp(Ctx& c, const void* data, HType* t, HType* to) {
    if (to->kind == TypeKind::Dyn && is_dynamic(t)) return dyn::load_ptr(data);
    if (t->kind == TypeKind::Dyn || t->kind == TypeKind::Null) {
        auto* v = static_cast<VDynamic*>(dyn::load_ptr(data));
        if (v == nullptr) return nullptr;
        if (to->kind == TypeKind::Null && v->t == to->param) return v;  // reuse the box
        t = v->t;
        if (!is_dynamic(t)) data = &v->v;
    } else if (is_dynamic(t)) {
        auto* v = static_cast<VDynamic*>(dyn::load_ptr(data));
        if (v == nullptr) return nullptr;
        t = v->t;
    }
    if (t == to || safe_cast(t, to)) return dyn::load_ptr(data);
    TypeKind tk = t->kind, k = to->kind;
    if ((tk == TypeKind::Obj && k == TypeKind::Obj) || (tk == TypeKind::Struct && k == TypeKind::Struct)) {
        void* p = dyn::load_ptr(data);
        if (is_obj_ancestor(t, to)) return p;
        if (t->obj->cast != nullptr) {
            Slot args[2] = {reinterpret_cast<uintptr_t>(p), reinterpret_cast<uintptr_t>(to)};
            Slot r = 0;
            if (!call_function(c, t->obj->cast, args, 2, &r)) return nullptr;
            if (r != 0) return reinterpret_cast<void*>(static_cast<uintptr_t>(r));
        }
    } else if (tk == TypeKind::Fun && k == TypeKind::Fun) {
        auto* cl = static_cast<VClosure*>(dyn::load_ptr(data));
        if (cl == nullptr) return nullptr;
        VClosure* w = make_wrapper(c, cl, to);
        if (w != nullptr || has_exception(c)) return w;
    } else if (k == TypeKind::Virtual && (tk == TypeKind::Obj || tk == TypeKind::DynObj || tk == TypeKind::Virtual)) {
        return to_virtual(c, to, static_cast<VDynamic*>(dyn::load_ptr(data)));
    } else if (tk == TypeKind::Virtual && k == TypeKind::Obj) {
        auto* vv = static_cast<VVirtual*>(dyn::load_ptr(data));
        if (vv->value != nullptr) return dyn_castp(c, &vv->value, vv->value->t, to);
    } else if (k == TypeKind::Dyn && (tk == TypeKind::Obj || tk == TypeKind::DynObj || tk == TypeKind::Fun ||
                                      tk == TypeKind::Null || tk == TypeKind::Array)) {
        return dyn::load_ptr(data);
    }
    if (k == TypeKind::Dyn) return make_dyn(c, data, t);
    if (k == TypeKind::Null) {
        HType* x = to->param;
        if (x->kind == t->kind) return make_dyn(c, data, t);
        switch (x->kind) {
        case TypeKind::UI8: case TypeKind::UI16: case TypeKind::I32: case TypeKind::Bool:
        case TypeKind::I64: case TypeKind::Guid: case TypeKind::F32: case TypeKind::F64: {
            Slot s = dyn::convert_slot(c, data, t, x);
            if (has_exception(c)) return nullptr;
            return make_dyn(c, &s, x);
        }
        default: break;
        }
    }
    if (k == TypeKind::Ref) return cast_to_ref(c, data, t, to);
    dyn::raise_cant_cast(c, t, to);
    return nullptr;
}

namespace dyn {

Slot convert_slot(Ctx& c, const void* data, HType* t, HType* to) {
    switch (to->kind) {
    case TypeKind::Void: return 0;
    case TypeKind::UI8: case TypeKind::UI16: case TypeKind::I32: case TypeKind::Bool:
        return slot_of<int32_t>(dyn_casti(c, data, t, to));
    case TypeKind::I64: case TypeKind::Guid: return slot_of<int64_t>(dyn_casti64(c, data, t));
    case TypeKind::F32: return slot_of<float>(dyn_castf(c, data, t));
    case TypeKind::F64: return slot_of<double>(dyn_castd(c, data, t));
    default: return reinterpret_cast<uintptr_t>(dyn_castp(c, data, t, to));
    }
}

void write_dyn_impl(Ctx& c, void* addr, HType* t, VDynamic* v, bool is_tmp) {
    HType* d = dyn_type(c);
    switch (t->kind) {
    case TypeKind::UI8: case TypeKind::UI16: case TypeKind::I32: {
        int32_t i = dyn_casti(c, &v, d, t);
        if (!has_exception(c)) store_typed(addr, t, slot_of<int32_t>(i));
        return;
    }
    case TypeKind::Bool: {
        int32_t i = dyn_casti(c, &v, d, t);
        if (!has_exception(c)) *static_cast<uint8_t*>(addr) = i != 0 ? 1 : 0;
        return;
    }
    case TypeKind::I64: case TypeKind::Guid: {
        int64_t i = dyn_casti64(c, &v, d);
        if (!has_exception(c)) store_typed(addr, t, slot_of<int64_t>(i));
        return;
    }
    case TypeKind::F32: {
        float f = dyn_castf(c, &v, d);
        if (!has_exception(c)) store_typed(addr, t, slot_of<float>(f));
        return;
    }
    case TypeKind::F64: {
        double f = dyn_castd(c, &v, d);
        if (!has_exception(c)) store_typed(addr, t, slot_of<double>(f));
        return;
    }
    default: break;
    }
    void* ret = (v != nullptr && same_type(t, v->t)) ? v : dyn_castp(c, &v, d, t);
    if (has_exception(c)) return;
    if (is_tmp && ret == v && v != nullptr) {
        // `v` is a temporary box on the native stack: store a heap copy instead.
        VDynamic* copy = alloc_box(c, v->t);
        if (copy == nullptr) return;
        copy->v = v->v;
        ret = copy;
    }
    std::memcpy(addr, &ret, sizeof(ret));
}

VDynamic* box_result(Ctx& c, HType* t, Slot value) {
    if (!is_pointer(t)) {
        if (t->kind == TypeKind::Void) return nullptr;
        return make_dyn(c, &value, t);
    }
    void* p = reinterpret_cast<void*>(static_cast<uintptr_t>(value));
    if (p == nullptr || is_dynamic(t)) return static_cast<VDynamic*>(p);
    VDynamic* b = alloc_box(c, t);
    if (b == nullptr) return nullptr;
    b->v.ptr = p;
    return b;
}

}  // namespace dyn

void write_dyn(Ctx& c, void* addr, HType* t, VDynamic* v) { dyn::write_dyn_impl(c, addr, t, v, false); }

VDynamic* value_cast(Ctx& c, VDynamic* v, HType* t) {
    if (t->kind == TypeKind::Dyn || v == nullptr || safe_cast(v->t, t)) return v;
    dyn::raise_cant_cast(c, v->t, t);
    return nullptr;
}

}  // namespace hlffi::rt
