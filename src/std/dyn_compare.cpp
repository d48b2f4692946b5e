// std layer: comparison of dynamic values (spec/runtime.md §11.1) and structural enum equality
// (§11.2, Type.enumEq).
#include <cmath>

#include "std/dyn_internal.h"

namespace hlffi::rt {

namespace {

template <typename F>
int32_t fcompare(F a, F b) {
    F d = a - b;
    if (d != d) return a == b ? 0 : kInvalidComparison;  // +inf == +inf
    return d == 0 ? 0 : (d > 0 ? 1 : -1);
}

template <typename I>
int32_t icompare(I a, I b) { return a == b ? 0 : (a > b ? 1 : -1); }

int32_t address_order(const void* a, const void* b) {
    return reinterpret_cast<uintptr_t>(a) > reinterpret_cast<uintptr_t>(b) ? 1 : -1;
}

constexpr int pair(TypeKind a, TypeKind b) { return static_cast<int>(a) | (static_cast<int>(b) << 5); }

}  // namespace

int32_t dyn_compare(Ctx& c, VDynamic* a, VDynamic* b) {
    if (a == b) return 0;
    if (a == nullptr) return -1;
    if (b == nullptr) return 1;
    using K = TypeKind;
    switch (pair(a->t->kind, b->t->kind)) {
    case pair(K::UI8, K::UI8): return static_cast<int32_t>(a->v.b) - static_cast<int32_t>(b->v.b);
    case pair(K::UI16, K::UI16): return static_cast<int32_t>(a->v.ui16) - static_cast<int32_t>(b->v.ui16);
    case pair(K::I32, K::I32): return icompare(a->v.i, b->v.i);
    case pair(K::I64, K::I64): return icompare(a->v.i64, b->v.i64);
    case pair(K::F32, K::F32): return fcompare(a->v.f, b->v.f);
    case pair(K::F64, K::F64): return fcompare(a->v.d, b->v.d);
    case pair(K::Bool, K::Bool): return static_cast<int32_t>(a->v.b) - static_cast<int32_t>(b->v.b);
    case pair(K::F64, K::I32): return fcompare(a->v.d, static_cast<double>(b->v.i));
    case pair(K::I32, K::F64): return fcompare(static_cast<double>(a->v.i), b->v.d);
    case pair(K::F64, K::F32): return fcompare(a->v.d, static_cast<double>(b->v.f));
    case pair(K::F32, K::F64): return fcompare(static_cast<double>(a->v.f), b->v.d);
    case pair(K::Obj, K::Obj): case pair(K::Struct, K::Struct):
        if (FunctionCode* cmp = a->t->obj->compare) {
            Slot args[2] = {reinterpret_cast<uintptr_t>(a), reinterpret_cast<uintptr_t>(b)};
            Slot r = 0;
            if (!call_function(c, cmp, args, 2, &r)) return 0;
            return slot_get<int32_t>(r);
        }
        return address_order(a, b);
    case pair(K::Enum, K::Enum): return address_order(a, b);
    case pair(K::Type, K::Type): case pair(K::Bytes, K::Bytes): return a->v.ptr != b->v.ptr ? 1 : 0;
    case pair(K::Obj, K::Virtual): case pair(K::DynObj, K::Virtual):
        return dyn_compare(c, a, reinterpret_cast<VVirtual*>(b)->value);
    case pair(K::Virtual, K::Obj): case pair(K::Virtual, K::DynObj):
        return dyn_compare(c, reinterpret_cast<VVirtual*>(a)->value, b);
    case pair(K::Fun, K::Fun): {
        auto* ca = reinterpret_cast<VClosure*>(a);
        auto* cb = reinterpret_cast<VClosure*>(b);
        if (ca->has_value == 2) return dyn_compare(c, static_cast<VDynamic*>(ca->value), b);
        if (cb->has_value == 2) return dyn_compare(c, a, static_cast<VDynamic*>(cb->value));
        if (ca->fun != cb->fun) return kInvalidComparison;
        return dyn_compare(c, static_cast<VDynamic*>(ca->value), static_cast<VDynamic*>(cb->value));
    }
    case pair(K::Virtual, K::Virtual): {
        VDynamic* va = reinterpret_cast<VVirtual*>(a)->value;
        VDynamic* vb = reinterpret_cast<VVirtual*>(b)->value;
        if (va != nullptr && vb != nullptr) return dyn_compare(c, va, vb);
        return kInvalidComparison;
    }
    default: return kInvalidComparison;
    }
}

bool enum_equals(Ctx& c, VEnum* a, VEnum* b) {
    if (a == b) return true;
    if (a == nullptr || b == nullptr || a->t != b->t || a->index != b->index) return false;
    const EnumConstruct& k = a->t->enm->constructs[static_cast<size_t>(a->index)];
    for (size_t i = 0; i < k.params.size(); i++) {
        HType* t = k.params[i];
        void* fa = field_addr(a, k.offsets[i]);
        void* fb = field_addr(b, k.offsets[i]);
        if (t->kind == TypeKind::Enum) {
            if (!enum_equals(c, static_cast<VEnum*>(dyn::load_ptr(fa)), static_cast<VEnum*>(dyn::load_ptr(fb)))) return false;
            continue;
        }
        VDynamic* pa = make_dyn(c, fa, t);
        RootGuard ga(c, &pa);
        VDynamic* pb = make_dyn(c, fb, t);
        RootGuard gb(c, &pb);
        if (has_exception(c)) return false;
        if (pa != nullptr && pb != nullptr && pa->t->kind == TypeKind::Enum && pb->t->kind == TypeKind::Enum) {
            if (!enum_equals(c, reinterpret_cast<VEnum*>(pa), reinterpret_cast<VEnum*>(pb))) return false;
            continue;
        }
        if (dyn_compare(c, pa, pb) != 0) return false;
    }
    return true;
}

}  // namespace hlffi::rt
