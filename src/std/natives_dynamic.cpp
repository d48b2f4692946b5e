// std layer: lib "std" natives over objects, closures and dynamic values (natives.md §1 dyn_op,
// §3 obj_*/value_cast/dyn_compare/ptr_compare/get_virtual_value, §4 closures and calls). Thin
// shells over std/dynamic.h.
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "std/dyn_internal.h"
#include "std/std_natives.h"

namespace hlffi::rt {

namespace {

VClosure* as_closure(VDynamic* f) {
    return f != nullptr && f->t->kind == TypeKind::Fun ? reinterpret_cast<VClosure*>(f) : nullptr;
}

// ---- Objects (natives.md §3)

VDynamic* obj_get_field(Ctx& c, VDynamic* obj, int32_t hash) {
    if (obj == nullptr) return nullptr;
    switch (obj->t->kind) {
    case TypeKind::Obj: case TypeKind::Virtual: case TypeKind::DynObj: case TypeKind::Struct: {
        Slot s = 0;
        dyn_get(c, obj, hash, dyn::dyn_type(c), &s);
        return reinterpret_cast<VDynamic*>(static_cast<uintptr_t>(s));
    }
    default: return nullptr;
    }
}

void obj_set_field(Ctx& c, VDynamic* obj, int32_t hash, VDynamic* v) { dyn::set_field_dynamic(c, obj, hash, v); }

bool obj_has_field(Ctx& c, VDynamic* obj, int32_t hash) { return dyn_has_field(c, obj, hash); }

bool obj_delete_field(Ctx& c, VDynamic* obj, int32_t hash) { return dyn_delete_field(c, obj, hash); }

VArray* obj_fields(Ctx& c, VDynamic* obj) { return dyn_fields(c, obj); }

// Reflect.copy: a dynobj's fields (no views), or a stand-alone virtual's storage.
VDynamic* obj_copy(Ctx& c, VDynamic* obj) {
    if (obj == nullptr) return nullptr;
    if (obj->t->kind == TypeKind::DynObj) {
        auto* o = reinterpret_cast<VDynObj*>(obj);
        VDynObj* n = alloc_dynobj(c);
        if (n == nullptr) return nullptr;
        RootGuard g(c, &n);
        int32_t cap = o->count > 0 ? o->count : 1;
        auto* arr = static_cast<DynField*>(alloc_scan(c, sizeof(DynField) * static_cast<size_t>(cap)));
        if (arr == nullptr) return nullptr;
        if (o->count > 0) std::memcpy(arr, o->fields, sizeof(DynField) * static_cast<size_t>(o->count));
        n->fields = arr;
        n->count = o->count;
        n->capacity = cap;
        n->views = nullptr;
        return reinterpret_cast<VDynamic*>(n);
    }
    if (obj->t->kind == TypeKind::Virtual) {
        auto* v = reinterpret_cast<VVirtual*>(obj);
        if (v->value != nullptr) return obj_copy(c, v->value);
        VVirtual* n = alloc_virtual(c, v->t);
        if (n == nullptr) return nullptr;
        const auto& vf = v->t->virt->fields;
        for (size_t i = 0; i < vf.size(); i++)
            std::memcpy(n->slots()[i], v->slots()[i], static_cast<size_t>(storage_size(vf[i].type)));
        return reinterpret_cast<VDynamic*>(n);
    }
    return nullptr;
}

VDynamic* get_virtual_value(Ctx&, VDynamic* v) {
    if (v == nullptr || v->t->kind != TypeKind::Virtual) return nullptr;
    return reinterpret_cast<VVirtual*>(v)->value;
}

VDynamic* value_cast_native(Ctx& c, VDynamic* v, HType* t) { return value_cast(c, v, t); }

int32_t dyn_compare_native(Ctx& c, VDynamic* a, VDynamic* b) { return dyn_compare(c, a, b); }

int32_t ptr_compare(Ctx&, VDynamic* a, VDynamic* b) {
    if (a == b) return 0;
    return reinterpret_cast<uintptr_t>(a) > reinterpret_cast<uintptr_t>(b) ? 1 : -1;
}

// ---- Dynamic arithmetic (runtime.md §12)

constexpr const char* kOpNames[] = {"+", "-", "*", "%", "/", "<<", ">>", ">>>", "&", "|", "^"};
enum : int32_t { kAdd, kSub, kMul, kMod, kDiv, kShl, kShr, kUShr, kAnd, kOr, kXor };

bool is_number(const VDynamic* v) {
    if (v == nullptr) return true;  // null counts as 0
    switch (v->t->kind) {
    case TypeKind::UI8: case TypeKind::UI16: case TypeKind::I32: case TypeKind::I64:
    case TypeKind::F32: case TypeKind::F64: case TypeKind::Bool:
        return true;
    default: return false;
    }
}

VDynamic* box_f64(Ctx& c, double d) {
    VDynamic* b = alloc_box(c, builtin_type(c, TypeKind::F64));
    if (b != nullptr) b->v.d = d;
    return b;
}

VDynamic* box_i32(Ctx& c, int32_t i) {
    VDynamic* b = alloc_box(c, builtin_type(c, TypeKind::I32));
    if (b != nullptr) b->v.i = i;
    return b;
}

VDynamic* dyn_op(Ctx& c, int32_t op, VDynamic* a, VDynamic* b) {
    if (op < 0 || op > kXor) {
        raise_message(c, "Invalid op " + std::to_string(op));
        return nullptr;
    }
    if (a == nullptr && b == nullptr)
        return op == kDiv || op == kMod ? box_f64(c, std::numeric_limits<double>::quiet_NaN()) : nullptr;
    if (!is_number(a) || !is_number(b)) {
        // HashLink dereferences a null side here (crash); name it "null".
        std::string ta = a != nullptr ? type_name(a->t) : "null";
        std::string tb = b != nullptr ? type_name(b->t) : "null";
        raise_message(c, "Can't perform dyn op " + ta + " " + kOpNames[op] + " " + tb);
        return nullptr;
    }
    HType* d = dyn::dyn_type(c);
    if (op <= kDiv) {
        double x = dyn_castd(c, &a, d);
        double y = dyn_castd(c, &b, d);
        switch (op) {
        case kAdd: return box_f64(c, x + y);
        case kSub: return box_f64(c, x - y);
        case kMul: return box_f64(c, x * y);
        case kMod: return box_f64(c, std::fmod(x, y));
        default: return box_f64(c, x / y);
        }
    }
    HType* i32 = builtin_type(c, TypeKind::I32);
    int32_t x = dyn_casti(c, &a, d, i32);
    int32_t y = dyn_casti(c, &b, d, i32);
    auto ux = static_cast<uint32_t>(x);
    uint32_t sh = static_cast<uint32_t>(y) & 31;  // x86 masks shift counts
    switch (op) {
    case kShl: return box_i32(c, static_cast<int32_t>(ux << sh));
    case kShr: return box_i32(c, x >> sh);
    case kUShr: return box_i32(c, static_cast<int32_t>(ux >> sh));
    case kAnd: return box_i32(c, x & y);
    case kOr: return box_i32(c, x | y);
    default: return box_i32(c, x ^ y);
    }
}

// ---- Closures and calls (natives.md §4)

VDynamic* call_method(Ctx& c, VDynamic* f, VArray* args) {
    if (f == nullptr) {
        raise_message(c, "Null access");
        return nullptr;
    }
    int32_t n = args != nullptr ? args->size : 0;
    VDynamic** a = args != nullptr ? args->data<VDynamic*>() : nullptr;
    return dyn::call_method_impl(c, reinterpret_cast<VClosure*>(f), a, n, args);
}

VDynamic* get_closure_value(Ctx& c, VDynamic* f) {
    VClosure* cl = as_closure(f);
    if (cl == nullptr || cl->has_value == 0) return nullptr;
    if (cl->has_value == 2) {
        if (dyn::is_var_args(cl)) return nullptr;
        return get_closure_value(c, static_cast<VDynamic*>(cl->value));
    }
    HType* full = dyn::closure_parent(cl);
    if (full == nullptr || full->fun->args.empty()) return static_cast<VDynamic*>(cl->value);
    return make_dyn(c, &cl->value, full->fun->args[0]);
}

VDynamic* no_closure(Ctx& c, VDynamic* f) {
    VClosure* cl = as_closure(f);
    if (cl == nullptr || cl->has_value == 0) return f;
    if (cl->has_value == 2) {
        if (dyn::is_var_args(cl)) return f;
        return no_closure(c, static_cast<VDynamic*>(cl->value));
    }
    VClosure* n = alloc_closure(c, cl->fun, nullptr, false);
    if (n == nullptr) return nullptr;
    if (HType* full = dyn::closure_parent(cl)) n->t = full;
    return reinterpret_cast<VDynamic*>(n);
}

VDynamic* make_closure(Ctx& c, VDynamic* f, VDynamic* v) {
    VClosure* cl = as_closure(f);
    if (cl == nullptr) return nullptr;
    if (cl->has_value == 2) {
        if (dyn::is_var_args(cl)) return nullptr;
        return make_closure(c, static_cast<VDynamic*>(cl->value), v);
    }
    HType* t = cl->has_value != 0 ? dyn::closure_parent(cl) : cl->t;
    if (t == nullptr || t->fun == nullptr || t->fun->args.empty() || v == nullptr || !safe_cast(v->t, t->fun->args[0]))
        return nullptr;
    VClosure* n = alloc_closure(c, cl->fun, v, true);
    if (n == nullptr) return nullptr;
    if (t->fun->closure_type != nullptr) n->t = t->fun->closure_type;
    return reinterpret_cast<VDynamic*>(n);
}

VDynamic* make_var_args(Ctx& c, VClosure* g) { return reinterpret_cast<VDynamic*>(dyn::make_var_args(c, g)); }

bool fun_compare(Ctx&, VDynamic* a, VDynamic* b) {
    if (a == b) return true;
    if (a == nullptr || b == nullptr) return false;
    if (a->t->kind != TypeKind::Fun || b->t->kind != TypeKind::Fun) return false;
    auto* ca = reinterpret_cast<VClosure*>(a);
    auto* cb = reinterpret_cast<VClosure*>(b);
    if (ca->fun != cb->fun) return false;
    if (ca->has_value != 0 && ca->value != cb->value) return false;
    return true;
}

constexpr NativeDef kNatives[] = {
    HLFFI_NATIVE("obj_get_field", obj_get_field),
    HLFFI_NATIVE("obj_set_field", obj_set_field),
    HLFFI_NATIVE("obj_has_field", obj_has_field),
    HLFFI_NATIVE("obj_delete_field", obj_delete_field),
    HLFFI_NATIVE("obj_fields", obj_fields),
    HLFFI_NATIVE("obj_copy", obj_copy),
    HLFFI_NATIVE("get_virtual_value", get_virtual_value),
    HLFFI_NATIVE("value_cast", value_cast_native),
    HLFFI_NATIVE("dyn_compare", dyn_compare_native),
    HLFFI_NATIVE("ptr_compare", ptr_compare),
    HLFFI_NATIVE("dyn_op", dyn_op),
    HLFFI_NATIVE("call_method", call_method),
    HLFFI_NATIVE("get_closure_value", get_closure_value),
    HLFFI_NATIVE("no_closure", no_closure),
    HLFFI_NATIVE("make_closure", make_closure),
    HLFFI_NATIVE("make_var_args", make_var_args),
    HLFFI_NATIVE("fun_compare", fun_compare),
};

}  // namespace

std::span<const NativeDef> natives_dynamic() { return kNatives; }

}  // namespace hlffi::rt
