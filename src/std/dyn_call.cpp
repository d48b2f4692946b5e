// std layer: dynamic calls (spec/runtime.md §8.3, §8.4, §10.3, §10.4): hl_dyn_call/hl_call_method,
// function wrappers and their conversions, var-args closures, method calls through a virtual.
#include <memory>
#include <new>
#include <optional>
#include <string>

#include "std/dyn_internal.h"

namespace hlffi::rt {

namespace {

// Roots the pointer-typed entries of a slot array while more allocations happen (LIFO guards).
class SlotRoots {
public:
    explicit SlotRoots(size_t n) : guards_(new std::optional<RootGuard>[n == 0 ? 1 : n]) {}
    void add(Ctx& c, Slot* s) { guards_[used_++].emplace(c, s); }

private:
    std::unique_ptr<std::optional<RootGuard>[]> guards_;
    size_t used_ = 0;
};

size_t arg_count(const HType* t) { return t->fun != nullptr ? t->fun->args.size() : 0; }

// The other natives' view of a field name in messages.
std::string name(Ctx& c, int32_t hash) { return dyn::field_name(c, hash); }

// A new closure of `fn` bound to `self`, typed as `ft` minus its first argument.
VClosure* bound_method(Ctx& c, FunctionCode* fn, VDynamic* self, const HType* ft) {
    VClosure* cl = alloc_closure(c, fn, self, true);
    if (cl != nullptr && ft->fun != nullptr && ft->fun->closure_type != nullptr) cl->t = ft->fun->closure_type;
    return cl;
}

const ObjLookup* own_lookup(const ObjInfo& o, int32_t hash) {
    for (const auto& l : o.lookup)
        if (l.hash == hash) return &l;
    return nullptr;
}

}  // namespace

namespace dyn {

VDynamic* call_method_impl(Ctx& c, VClosure* cl, VDynamic** args, int nargs, VArray* original) {
    if (nargs > kMaxDynArgs) {
        raise_message(c, "Too many arguments");
        return nullptr;
    }
    if (cl->has_value != 0) {
        VClosure* w = cl;
        if (w->has_value == 2 && !is_var_args(w)) w = static_cast<VClosure*>(w->value);
        if (w != nullptr && is_var_args(w)) {
            auto* g = static_cast<VClosure*>(w->value);
            VArray* arr = original;
            if (arr == nullptr) {
                arr = alloc_array(c, dyn_type(c), nargs);
                if (arr == nullptr) return nullptr;
                for (int i = 0; i < nargs; i++) arr->data<VDynamic*>()[i] = args[i];
            }
            Slot a = reinterpret_cast<uintptr_t>(arr);
            Slot r = 0;
            if (!call_closure(c, g, &a, 1, &r)) return nullptr;
            return reinterpret_cast<VDynamic*>(static_cast<uintptr_t>(r));
        }
        raise_message(c, "Can't call closure with value");
        return nullptr;
    }
    HType* ft = cl->t;
    int n = static_cast<int>(arg_count(ft));
    if (nargs < n) {
        raise_message(c, "Missing arguments : " + std::to_string(n) + " expected but " + std::to_string(nargs) + " passed");
        return nullptr;
    }
    Slot conv[kMaxDynArgs] = {};
    SlotRoots roots(static_cast<size_t>(n));
    HType* d = dyn_type(c);
    for (int i = 0; i < n; i++) {
        HType* pt = ft->fun->args[static_cast<size_t>(i)];
        conv[i] = convert_slot(c, &args[i], d, pt);
        if (has_exception(c)) return nullptr;
        if (is_pointer(pt)) roots.add(c, &conv[i]);
    }
    Slot r = 0;
    if (!call_closure(c, cl, conv, n, &r)) return nullptr;
    return box_result(c, ft->fun->ret, r);
}

VClosure* make_var_args(Ctx& c, VClosure* callback) {
    // The closure carries its own `(void ())` type (HashLink's arity -1 var-args type), laid out
    // after it in the same block so that the type lives exactly as long as the closure.
    constexpr size_t kTypeAt = (sizeof(VClosure) + alignof(HType) - 1) / alignof(HType) * alignof(HType);
    constexpr size_t kFunAt = (kTypeAt + sizeof(HType) + alignof(FunInfo) - 1) / alignof(FunInfo) * alignof(FunInfo);
    auto* mem = static_cast<char*>(alloc_scan(c, kFunAt + sizeof(FunInfo)));
    if (mem == nullptr) return nullptr;
    auto* t = new (mem + kTypeAt) HType();
    auto* f = new (mem + kFunAt) FunInfo();
    f->ret = builtin_type(c, TypeKind::Void);
    f->parent = t;  // the var-args mark (dyn::is_var_args_type)
    t->kind = TypeKind::Fun;
    t->fun = f;
    auto* cl = new (mem) VClosure();
    cl->t = t;
    cl->fun = callback != nullptr ? callback->fun : nullptr;
    cl->has_value = 2;
    cl->extra = 1;
    cl->value = callback;
    return cl;
}

}  // namespace dyn

VDynamic* dyn_call(Ctx& c, VClosure* cl, VDynamic** args, int nargs) {
    if (cl == nullptr) {
        raise_message(c, "Null access");
        return nullptr;
    }
    if (nargs > dyn::kMaxDynArgs) {
        raise_message(c, "Too many arguments");
        return nullptr;
    }
    HType* full = cl->has_value == 1 ? dyn::closure_parent(cl) : nullptr;
    if (full == nullptr || arg_count(full) == 0) return dyn::call_method_impl(c, cl, args, nargs, nullptr);
    // A bound closure: call its function unbound, the bound value boxed as the first argument.
    VDynamic* all[dyn::kMaxDynArgs + 1] = {};
    all[0] = make_dyn(c, &cl->value, full->fun->args[0]);
    if (has_exception(c)) return nullptr;
    RootGuard g0(c, &all[0]);
    for (int i = 0; i < nargs; i++) all[i + 1] = args[i];
    VClosure* tmp = alloc_closure(c, cl->fun, nullptr, false);
    if (tmp == nullptr) return nullptr;
    tmp->t = full;
    RootGuard g1(c, &tmp);
    return dyn::call_method_impl(c, tmp, all, nargs + 1, nullptr);
}

bool call_as(Ctx& c, VClosure* cl, HType* ft, const Slot* args, int nargs, Slot* ret) {
    Slot dummy = 0;
    if (ret == nullptr) ret = &dummy;
    *ret = 0;
    if (cl == nullptr) {
        raise_message(c, "Null access");
        return false;
    }
    if (dyn::is_var_args_type(ft)) {
        raise_message(c, "Variable fun args was not cast to typed function");
        return false;
    }
    int fn = static_cast<int>(arg_count(ft));
    Slot r = 0;
    HType* wret = nullptr;
    if (dyn::is_var_args(cl)) {
        // Box every argument by the caller's types and pass them as one native array (§8.4).
        auto* g = static_cast<VClosure*>(cl->value);
        int n = fn < nargs ? fn : nargs;
        VArray* arr = alloc_array(c, dyn::dyn_type(c), n);
        if (arr == nullptr) return false;
        RootGuard ga(c, &arr);
        for (int i = 0; i < n; i++) {
            VDynamic* b = make_dyn(c, &args[i], ft->fun->args[static_cast<size_t>(i)]);
            if (has_exception(c)) return false;
            arr->data<VDynamic*>()[i] = b;
        }
        Slot a = reinterpret_cast<uintptr_t>(arr);
        if (!call_closure(c, g, &a, 1, &r)) return false;
        wret = g->t->fun != nullptr ? g->t->fun->ret : dyn::dyn_type(c);
    } else {
        HType* wt = cl->t;
        int wn = static_cast<int>(arg_count(wt));
        auto conv = std::make_unique<Slot[]>(static_cast<size_t>(wn == 0 ? 1 : wn));
        SlotRoots roots(static_cast<size_t>(wn));
        for (int i = 0; i < wn; i++) {
            HType* to = wt->fun->args[static_cast<size_t>(i)];
            if (i < fn && i < nargs) {
                conv[static_cast<size_t>(i)] = dyn::convert_slot(c, &args[i], ft->fun->args[static_cast<size_t>(i)], to);
                if (has_exception(c)) return false;
            }
            if (is_pointer(to)) roots.add(c, &conv[static_cast<size_t>(i)]);
        }
        if (!call_closure(c, cl, conv.get(), wn, &r)) return false;
        wret = wt->fun != nullptr ? wt->fun->ret : builtin_type(c, TypeKind::Void);
    }
    HType* tret = ft->fun != nullptr ? ft->fun->ret : nullptr;
    if (tret == nullptr || tret->kind == TypeKind::Void) return true;
    RootGuard gr(c, &r);
    Slot out = dyn::convert_slot(c, &r, wret, tret);
    if (has_exception(c)) return false;
    *ret = out;
    return true;
}

bool dyn_call_method(Ctx& c, VDynamic* value, int32_t hash, HType* ft, const Slot* args, int nargs, Slot* ret) {
    if (value == nullptr) {
        raise_message(c, "Null access");
        return false;
    }
    switch (value->t->kind) {
    case TypeKind::DynObj: {
        auto* o = reinterpret_cast<VDynObj*>(value);
        int32_t k = dyn::dynobj_find(o, hash);
        if (k >= 0) {
            HType* t = o->fields[k].type;
            // A materialised stand-alone virtual may hold its closures in `method` fields.
            if (t->kind != TypeKind::Fun && t->kind != TypeKind::Method) {
                raise_message(c, "Field " + name(c, hash) + " is of type " + type_name(t) + " and cannot be called");
                return false;
            }
            auto* cl = static_cast<VClosure*>(dyn::load_ptr(&o->fields[k].value));
            if (cl != nullptr) return call_as(c, cl, ft, args, nargs, ret);
        }
        raise_message(c, type_name(value->t) + " has no method " + name(c, hash));
        return false;
    }
    case TypeKind::Obj: {
        for (const HType* r = value->t; r != nullptr; r = r->obj->super) {
            const ObjLookup* l = own_lookup(*r->obj, hash);
            if (l == nullptr) continue;
            if (l->type->kind != TypeKind::Fun) {
                raise_message(c, "Field " + name(c, hash) + " is of type " + type_name(l->type) + " and cannot be called");
                return false;
            }
            VClosure* cl = nullptr;
            if (l->field < 0) {
                FunctionCode* fn = dyn::obj_method(c, value->t, l);
                if (fn == nullptr) break;
                cl = bound_method(c, fn, value, l->type);
                if (cl == nullptr) return false;
            } else {
                cl = static_cast<VClosure*>(dyn::load_ptr(field_addr(value, dyn::obj_field_offset(value->t, l))));
                if (cl == nullptr) break;
            }
            RootGuard g(c, &cl);
            return call_as(c, cl, ft, args, nargs, ret);
        }
        raise_message(c, dyn::utf8(value->t->obj->name) + " has no method " + name(c, hash));
        return false;
    }
    default:
        raise_message(c, "Invalid field access");
        return false;
    }
}

VClosure* make_wrapper(Ctx& c, VClosure* cl, HType* to) {
    if (!dyn::is_var_args(cl) && (dyn::is_var_args_type(cl->t) || arg_count(cl->t) != arg_count(to))) return nullptr;
    // Allocated directly: a var-args closure over a null callback has no function to type it by.
    RootGuard keep(c, &cl);
    auto* w = static_cast<VClosure*>(alloc_scan(c, sizeof(VClosure)));
    if (w == nullptr) return nullptr;
    w->fun = cl->fun;
    w->t = to;
    w->has_value = 2;
    w->extra = 0;
    w->value = cl;
    return w;
}

}  // namespace hlffi::rt
