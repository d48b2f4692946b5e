// interp layer: slow paths of the main loop (allocation, dynamic rules, rare type cases).
#include "interp/slow_paths.h"

#include <cmath>
#include <cstring>
#include <vector>

#include "bytecode/opcodes.h"
#include "interp/interp.h"
#include "std/dynamic.h"

namespace hlffi::rt::slow {

namespace {

using bc::Opcode;

HType* reg_type(const Frame& fr, int32_t r) { return fr.fn->regs[static_cast<size_t>(r)]; }

void load_width(void* from, HType* t, Slot* to) {
    Slot v = 0;
    std::memcpy(&v, from, static_cast<size_t>(storage_size(t)));
    *to = v;
}
void store_width(void* to, HType* t, const Slot* from) { std::memcpy(to, from, static_cast<size_t>(storage_size(t))); }

// Integer value of a register of a numeric kind, for the rare conversions.
int64_t int_value(const Slot* s, TypeKind k) {
    switch (k) {
    case TypeKind::UI8: case TypeKind::Bool: return static_cast<uint8_t>(*s);
    case TypeKind::UI16: return static_cast<uint16_t>(*s);
    case TypeKind::I32: return slot_get<int32_t>(*s);
    case TypeKind::I64: return slot_get<int64_t>(*s);
    case TypeKind::F32: return slot_get<float>(*s);
    case TypeKind::F64: return static_cast<int64_t>(slot_get<double>(*s));
    default: return static_cast<int64_t>(*s);
    }
}
double float_value(const Slot* s, TypeKind k) {
    switch (k) {
    case TypeKind::F32: return slot_get<float>(*s);
    case TypeKind::F64: return slot_get<double>(*s);
    case TypeKind::I64: return static_cast<double>(slot_get<int64_t>(*s));
    default: return static_cast<double>(int_value(s, k));
    }
}

bool null_access(Ctx& c) {
    raise_message(c, "Null access");
    return false;
}

bool call_virtual_method(Ctx& c, Slot* regs, const Instr& in, HType* dst) {
    const int32_t* args = in.x.regs;
    auto* v = reinterpret_cast<VVirtual*>(regs[args[0]]);
    if (v == nullptr) return null_access(c);
    auto m = static_cast<size_t>(in.y.i);
    const VirtualField& field = v->t->virt->fields[m];
    void* slot = v->slots()[m];
    std::vector<Slot> rest;
    for (int32_t i = 1; i < in.c; i++) rest.push_back(regs[args[i]]);
    Slot r = 0;
    bool ok;
    if (slot != nullptr && field.type->kind == TypeKind::Method) {
        std::vector<Slot> full;
        full.push_back(reinterpret_cast<Slot>(v->value));
        full.insert(full.end(), rest.begin(), rest.end());
        ok = invoke(c, static_cast<FunctionCode*>(slot), full.data(), static_cast<int>(full.size()), &r);
    } else if (slot != nullptr && field.type->kind == TypeKind::Fun) {
        ok = invoke_closure(c, *static_cast<VClosure**>(slot), rest.data(), static_cast<int>(rest.size()), &r);
    } else {
        ok = dyn_call_method(c, virtual_value(v), field.hash, field.type, rest.data(), static_cast<int>(rest.size()), &r);
    }
    if (ok && dst->kind != TypeKind::Void) regs[in.a] = r;
    return ok;
}

// OSafeCast: hl_dyn_cast* by destination kind (bytecode.md §4.7).
void safe_cast(Ctx& c, Slot* regs, const Instr& in) {
    auto* from = static_cast<HType*>(in.x.p);
    auto* to = static_cast<HType*>(in.y.p);
    const Slot* src = &regs[in.b];
    Slot out = 0;
    switch (to->kind) {
    case TypeKind::UI8: case TypeKind::UI16: case TypeKind::I32: case TypeKind::Bool:
        out = slot_of<int32_t>(dyn_casti(c, src, from, to));
        break;
    case TypeKind::I64: out = slot_of<int64_t>(dyn_casti64(c, src, from)); break;
    case TypeKind::F32: out = slot_of<float>(dyn_castf(c, src, from)); break;
    case TypeKind::F64: out = slot_of<double>(dyn_castd(c, src, from)); break;
    default: out = reinterpret_cast<Slot>(dyn_castp(c, src, from, to)); break;
    }
    if (!has_exception(c)) regs[in.a] = out;
}

bool new_value(Ctx& c, Slot* regs, const Instr& in) {
    auto* t = static_cast<HType*>(in.x.p);
    void* v = nullptr;
    switch (t->kind) {
    case TypeKind::Obj: case TypeKind::Struct: v = alloc_object(c, t); break;
    case TypeKind::DynObj: v = alloc_dynobj(c); break;
    case TypeKind::Virtual: v = alloc_virtual(c, t); break;
    default: raise_message(c, "Invalid type for new: " + type_name(t)); return false;
    }
    if (v == nullptr) return false;
    regs[in.a] = reinterpret_cast<Slot>(v);
    return true;
}

bool make_enum(Ctx& c, Slot* regs, const Instr& in) {
    auto* t = static_cast<HType*>(in.y.p);
    VEnum* e = alloc_enum(c, t, in.b);
    if (e == nullptr) return false;
    const EnumConstruct& ec = t->enm->constructs[static_cast<size_t>(in.b)];
    if (in.op == IOp::make_enum) {
        for (int32_t i = 0; i < in.c && static_cast<size_t>(i) < ec.params.size(); i++)
            store_width(field_addr(e, ec.offsets[static_cast<size_t>(i)]), ec.params[static_cast<size_t>(i)], &regs[in.x.regs[i]]);
    }
    regs[in.a] = reinterpret_cast<Slot>(e);
    return true;
}

void convert_number(Slot* regs, const Instr& in) {
    auto dst = static_cast<TypeKind>(in.y.i);
    const Slot* s = &regs[in.b];
    Slot out = 0;
    if (in.op == IOp::to_float_slow) {
        double d = in.kind == 0xFFFF ? static_cast<double>(static_cast<uint32_t>(*s)) : float_value(s, static_cast<TypeKind>(in.kind));
        out = dst == TypeKind::F32 ? slot_of<float>(static_cast<float>(d)) : slot_of<double>(d);
    } else {
        auto src = static_cast<TypeKind>(in.kind);
        int64_t v;
        if (src == TypeKind::F64 || src == TypeKind::F32) {
            double d = float_value(s, src);
            v = (d > -2147483649.0 && d < 2147483648.0) ? static_cast<int32_t>(d) : INT32_MIN;
        } else {
            v = int_value(s, src);
        }
        switch (dst) {
        case TypeKind::UI8: case TypeKind::Bool: out = static_cast<uint8_t>(v); break;
        case TypeKind::UI16: out = static_cast<uint16_t>(v); break;
        case TypeKind::I32: out = slot_of<int32_t>(static_cast<int32_t>(v)); break;
        default: out = static_cast<Slot>(v); break;
        }
    }
    regs[in.a] = out;
}

bool is_numeric(TypeKind k) {
    switch (k) {
    case TypeKind::UI8: case TypeKind::UI16: case TypeKind::I32: case TypeKind::I64: case TypeKind::F32: case TypeKind::F64: case TypeKind::Bool:
        return true;
    default: return false;
    }
}

// Result of an ordering/equality op given a three-way compare result (signed-int semantics of
// §4.6 rule 1 for dynamic comparisons, INVALID only excluded from > and >=).
int by_compare(Opcode op, int32_t r) {
    switch (op) {
    case Opcode::JSLt: case Opcode::JULt: return r < 0;
    case Opcode::JSLte: return r <= 0;
    case Opcode::JSGt: return r != kInvalidComparison && r > 0;
    case Opcode::JSGte: case Opcode::JUGte: return r != kInvalidComparison && r >= 0;
    case Opcode::JNotLt: return !(r < 0);
    case Opcode::JNotGte: return !(r != kInvalidComparison && r >= 0);
    case Opcode::JEq: return r == 0;
    case Opcode::JNotEq: return r != 0;
    default: return 0;
    }
}

// Equality of two null<T> boxes (rule 3).
bool boxes_equal(VDynamic* a, VDynamic* b, HType* inner) {
    if (a == b) return true;
    if (a == nullptr || b == nullptr) return false;
    switch (inner->kind) {
    case TypeKind::UI8: case TypeKind::Bool: return a->v.b == b->v.b;
    case TypeKind::UI16: return a->v.ui16 == b->v.ui16;
    case TypeKind::I32: return a->v.i == b->v.i;
    case TypeKind::F32: {
        uint32_t x, y;
        std::memcpy(&x, &a->v.f, 4);
        std::memcpy(&y, &b->v.f, 4);
        return x == y;
    }
    case TypeKind::F64: return a->v.d == b->v.d || (std::isnan(a->v.d) && std::isnan(b->v.d));
    default: return a->v.i64 == b->v.i64;
    }
}

// "A value of type t may be used where `to` is expected" as far as memory safety goes: the
// runtime's safe_cast (spec/runtime.md §2.3), except that plain values of any kind fit any
// plain place (they are bits in a slot), also inside function types.
// Classes are related by their descriptors, not by name (as safe_cast also allows): two
// classes of one name in a hand-made module may have different layouts.
bool fits(const HType* t, const HType* to, int depth = 0) {
    if (t == to) return true;
    if (!is_pointer(to)) return !is_pointer(t);
    if (is_pointer(t) != is_pointer(to) || depth > 16) return false;
    if ((to->kind == TypeKind::Obj || to->kind == TypeKind::Struct) && t->kind == to->kind) {
        for (const HType* cur = t; cur != nullptr; cur = cur->obj->super)
            if (cur->obj == to->obj) return true;
        return false;
    }
    if (safe_cast(t, to)) return true;
    bool fn = (t->kind == TypeKind::Fun || t->kind == TypeKind::Method) && t->kind == to->kind;
    if (!fn || t->fun->args.size() != to->fun->args.size() || !fits(t->fun->ret, to->fun->ret, depth + 1)) return false;
    for (size_t i = 0; i < t->fun->args.size(); i++)
        if (!fits(to->fun->args[i], t->fun->args[i], depth + 1)) return false;
    return true;
}

// A non-null pointer `v` of static type `from` may be used as `to` (OUnsafeCast, array elements):
// the static types prove it, or its runtime type (from its header; a value without a header
// cannot be checked and is refused) has what `to` promises.
bool value_fits(VDynamic* v, HType* from, HType* to) {
    if (fits(from, to)) return true;
    if (!is_dynamic(from)) return false;
    HType* t = v->t;
    switch (to->kind) {
    case TypeKind::Dyn: return true;
    // A box whose payload is read as the inner type: plain payloads are 8 bytes, any plain
    // inner type reads them harmlessly; a pointer payload must be of that type.
    case TypeKind::Null: return is_pointer(to->param) ? same_type(t, to->param) : !is_pointer(t);
    case TypeKind::Obj: case TypeKind::Enum: case TypeKind::Virtual: case TypeKind::Array:
    case TypeKind::DynObj: case TypeKind::Fun:
        return fits(t, to);
    default: return false;
    }
}

// Plain values of the compare ops the linker did not specialise: ui8/ui16/bool (the JIT compares
// the 8- and 16-bit patterns as signed numbers, or unsigned for JULt/JUGte) and pairs of
// different kinds, each operand read by its own kind.
int compare_numbers(Opcode op, Slot a, TypeKind ka, Slot b, TypeKind kb) {
    const bool is_unsigned = op == Opcode::JULt || op == Opcode::JUGte;
    auto as_int = [&](Slot s, TypeKind k) -> int64_t {
        switch (k) {
        case TypeKind::UI8: case TypeKind::Bool: return is_unsigned ? static_cast<uint8_t>(s) : static_cast<int8_t>(s);
        case TypeKind::UI16: return is_unsigned ? static_cast<uint16_t>(s) : static_cast<int16_t>(s);
        case TypeKind::I32: return is_unsigned ? static_cast<uint32_t>(s) : slot_get<int32_t>(s);
        default: return static_cast<int64_t>(s);
        }
    };
    auto as_float = [&](Slot s, TypeKind k) -> double {
        if (k == TypeKind::F64) return slot_get<double>(s);
        if (k == TypeKind::F32) return slot_get<float>(s);
        return static_cast<double>(as_int(s, k));
    };
    if (ka == TypeKind::F64 || ka == TypeKind::F32 || kb == TypeKind::F64 || kb == TypeKind::F32) {
        double x = as_float(a, ka), y = as_float(b, kb);
        switch (op) {
        case Opcode::JSLt: case Opcode::JULt: return x < y;
        case Opcode::JSGte: case Opcode::JUGte: return x >= y;
        case Opcode::JSGt: return x > y;
        case Opcode::JSLte: return x <= y;
        case Opcode::JNotLt: return !(x < y);
        case Opcode::JNotGte: return !(x >= y);
        case Opcode::JEq: return x == y;
        case Opcode::JNotEq: return x != y;
        default: return 0;
        }
    }
    int64_t x = as_int(a, ka), y = as_int(b, kb);
    if (is_unsigned && ka == TypeKind::I64) return op == Opcode::JULt ? a < b : a >= b;
    switch (op) {
    case Opcode::JSLt: case Opcode::JULt: return x < y;
    case Opcode::JSGte: case Opcode::JUGte: return x >= y;
    case Opcode::JSGt: return x > y;
    case Opcode::JSLte: return x <= y;
    case Opcode::JNotLt: return !(x < y);
    case Opcode::JNotGte: return !(x >= y);
    case Opcode::JEq: return x == y;
    case Opcode::JNotEq: return x != y;
    default: return 0;
    }
}

}  // namespace

void interrupt(Ctx& c) {
    c.interrupted = true;
    raise_message(c, "Interrupted");
}

void arith_small(Slot* regs, const Instr& in) {
    auto mask = static_cast<uint32_t>(in.y.i);
    uint32_t x = static_cast<uint32_t>(regs[in.b]) & mask, y = static_cast<uint32_t>(regs[in.c]) & mask, r = 0;
    switch (static_cast<Opcode>(in.x.i)) {
    case Opcode::Add: r = x + y; break;
    case Opcode::Sub: r = x - y; break;
    case Opcode::Mul: r = x * y; break;
    case Opcode::SDiv: case Opcode::UDiv: r = y == 0 ? 0 : x / y; break;
    case Opcode::SMod: case Opcode::UMod: r = y == 0 ? 0 : x % y; break;
    case Opcode::Shl: r = x << (y & 31); break;
    case Opcode::SShr: case Opcode::UShr: r = x >> (y & 31); break;
    case Opcode::And: r = x & y; break;
    case Opcode::Or: r = x | y; break;
    case Opcode::Xor: r = x ^ y; break;
    case Opcode::Neg: r = 0u - x; break;
    default: break;
    }
    regs[in.a] = r & mask;
}

FunctionCode* vtable_entry(VObj* obj, int32_t slot) {
    const ObjInfo* o = obj->t->obj;
    if (o == nullptr || slot < 0 || static_cast<size_t>(slot) >= o->vtable.size()) return nullptr;
    return o->vtable[static_cast<size_t>(slot)];
}

bool call(Ctx& c, Slot* regs, const Instr& in) {
    Frame& fr = *c.top;
    HType* dst = reg_type(fr, in.a);
    if (static_cast<Opcode>(in.kind) == Opcode::CallMethod) return call_virtual_method(c, regs, in, dst);
    // CallClosure on a dynamic value (bytecode.md §4.3, runtime.md §10.3).
    auto* cl = reinterpret_cast<VDynamic*>(regs[in.b]);
    if (cl == nullptr) return null_access(c);
    if (cl->t->kind != TypeKind::Fun) {
        // HashLink reads the value as a closure whose "has a bound value" word is non-zero for
        // the objects a program can call this way (a String, a class instance), and refuses with
        // this message; values for which it crashes instead get the same refusal.
        raise_message(c, "Can't call closure with value");
        return false;
    }
    std::vector<VDynamic*> args;
    for (int32_t i = 0; i < in.c; i++) args.push_back(reinterpret_cast<VDynamic*>(regs[in.x.regs[i]]));
    VDynamic* r = dyn_call(c, reinterpret_cast<VClosure*>(cl), args.data(), in.c);
    if (has_exception(c)) return false;
    if (dst->kind == TypeKind::Void) return true;
    Instr cast{};
    cast.op = IOp::safe_cast;
    cast.a = in.a;
    cast.b = in.a;
    cast.x.p = builtin_type(c, TypeKind::Dyn);
    cast.y.p = dst;
    regs[in.a] = reinterpret_cast<Slot>(r);
    RootGuard keep(c, &r);
    safe_cast(c, regs, cast);
    return !has_exception(c);
}

bool make_closure(Ctx& c, Slot* regs, const Instr& in) {
    VClosure* cl = nullptr;
    switch (in.op) {
    case IOp::static_closure: cl = alloc_closure(c, static_cast<FunctionCode*>(in.y.p), nullptr, false); break;
    case IOp::instance_closure:
        cl = alloc_closure(c, static_cast<FunctionCode*>(in.y.p), reinterpret_cast<void*>(regs[in.c]), true);
        break;
    default: {
        auto* obj = reinterpret_cast<VObj*>(regs[in.b]);
        if (obj == nullptr) return null_access(c);
        FunctionCode* f = vtable_entry(obj, static_cast<int32_t>(in.y.i));
        if (f == nullptr) {
            raise_message(c, "Invalid method");
            return false;
        }
        cl = alloc_closure(c, f, obj, true);
        if (cl != nullptr && in.x.p != nullptr) cl->t = static_cast<HType*>(in.x.p);
        break;
    }
    }
    if (cl == nullptr) return false;
    regs[in.a] = reinterpret_cast<Slot>(cl);
    return true;
}

bool op(Ctx& c, Frame& fr, Slot* regs, const Instr& in) {
    switch (in.op) {
    case IOp::field_slow: {
        auto* v = reinterpret_cast<VVirtual*>(regs[in.b]);
        if (v == nullptr) return null_access(c);
        auto m = static_cast<size_t>(in.y.i);
        const VirtualField& f = v->t->virt->fields[m];
        void* slot = v->slots()[m];
        if (slot != nullptr && f.type->kind != TypeKind::Method) load_width(slot, f.type, &regs[in.a]);
        else dyn_get(c, reinterpret_cast<VDynamic*>(v), f.hash, reg_type(fr, in.a), &regs[in.a]);
        break;
    }
    case IOp::set_field_slow: {
        auto* v = reinterpret_cast<VVirtual*>(regs[in.a]);
        if (v == nullptr) return null_access(c);
        auto m = static_cast<size_t>(in.y.i);
        const VirtualField& f = v->t->virt->fields[m];
        void* slot = v->slots()[m];
        if (slot != nullptr && f.type->kind != TypeKind::Method) store_width(slot, f.type, &regs[in.c]);
        else dyn_set(c, reinterpret_cast<VDynamic*>(v), f.hash, reg_type(fr, in.c), &regs[in.c]);
        break;
    }
    case IOp::dyn_get: {
        auto* o = reinterpret_cast<VDynamic*>(regs[in.b]);
        if (o == nullptr) return null_access(c);
        dyn_get(c, o, static_cast<int32_t>(in.y.i), reg_type(fr, in.a), &regs[in.a]);
        break;
    }
    case IOp::dyn_set: {
        auto* o = reinterpret_cast<VDynamic*>(regs[in.a]);
        if (o == nullptr) return null_access(c);
        dyn_set(c, o, static_cast<int32_t>(in.y.i), reg_type(fr, in.c), &regs[in.c]);
        break;
    }
    case IOp::to_dyn: {
        VDynamic* d = make_dyn(c, &regs[in.b], static_cast<HType*>(in.x.p));
        if (has_exception(c)) return false;
        regs[in.a] = reinterpret_cast<Slot>(d);
        break;
    }
    case IOp::safe_cast: safe_cast(c, regs, in); break;
    case IOp::to_virtual: {
        VVirtual* v = to_virtual(c, static_cast<HType*>(in.x.p), reinterpret_cast<VDynamic*>(regs[in.b]));
        if (has_exception(c)) return false;
        regs[in.a] = reinterpret_cast<Slot>(v);
        break;
    }
    case IOp::unsafe_cast_check: {
        Slot v = regs[in.b];
        auto* to = static_cast<HType*>(in.x.p);
        if (v != 0 && !value_fits(reinterpret_cast<VDynamic*>(v), reg_type(fr, in.b), to)) {
            raise_message(c, "Can't cast " + type_name(is_dynamic(reg_type(fr, in.b)) ? reinterpret_cast<VDynamic*>(v)->t : reg_type(fr, in.b)) +
                                 " to " + type_name(to));
            return false;
        }
        regs[in.a] = v;
        break;
    }
    case IOp::to_float_slow:
    case IOp::trunc_small: convert_number(regs, in); break;
    case IOp::new_: return new_value(c, regs, in);
    case IOp::make_enum:
    case IOp::enum_alloc: return make_enum(c, regs, in);
    case IOp::get_type: {
        auto* v = reinterpret_cast<VDynamic*>(regs[in.b]);
        regs[in.a] = reinterpret_cast<Slot>(v == nullptr ? builtin_type(c, TypeKind::Void) : v->t);
        break;
    }
    case IOp::assert_: raise_message(c, "assert"); return false;
    default: raise_message(c, "internal error: unexpected slow op"); return false;
    }
    return !has_exception(c);
}

int compare_jump(Ctx& c, Frame& fr, Slot* regs, const Instr& in) {
    auto op = static_cast<Opcode>(in.y.i);
    HType* ta = reg_type(fr, in.a);
    HType* tb = reg_type(fr, in.b);
    Slot a = regs[in.a], b = regs[in.b];
    TypeKind ka = ta->kind, kb = tb->kind;
    if (ka == TypeKind::Dyn || kb == TypeKind::Dyn || ka == TypeKind::Fun || kb == TypeKind::Fun) {
        int32_t r = dyn_compare(c, reinterpret_cast<VDynamic*>(a), reinterpret_cast<VDynamic*>(b));
        if (has_exception(c)) return -1;
        return by_compare(op, r);
    }
    if (ka == TypeKind::Type) {
        bool same = same_type(reinterpret_cast<HType*>(a), reinterpret_cast<HType*>(b));
        return op == Opcode::JEq ? same : (op == Opcode::JNotEq ? !same : 0);
    }
    if (ka == TypeKind::Null && kb == TypeKind::Null) {
        bool eq = boxes_equal(reinterpret_cast<VDynamic*>(a), reinterpret_cast<VDynamic*>(b), ta->param);
        return op == Opcode::JEq ? eq : (op == Opcode::JNotEq ? !eq : 0);
    }
    if (ka == TypeKind::Virtual || kb == TypeKind::Virtual) {
        auto value = [](TypeKind k, Slot s) -> Slot {
            if (k != TypeKind::Virtual || s == 0) return s;
            return reinterpret_cast<Slot>(reinterpret_cast<VVirtual*>(s)->value);
        };
        bool eq;
        if (ka == TypeKind::Virtual && kb == TypeKind::Virtual) {
            Slot va = value(ka, a), vb = value(kb, b);
            eq = a == b || (a != 0 && b != 0 && va != 0 && va == vb);
        } else {
            Slot va = value(ka, a), vb = value(kb, b);
            eq = (a == 0 || b == 0) ? a == b : va == vb;
        }
        return op == Opcode::JEq ? eq : (op == Opcode::JNotEq ? !eq : 0);
    }
    // HashLink calls the static class's __compare(this, other:Dynamic). The verifier lets any
    // two pointers be compared, so the other operand is only handed over as a Dynamic when it
    // carries a type header; otherwise the two are simply different objects.
    if ((ka == TypeKind::Obj || ka == TypeKind::Struct) && ta->obj->compare != nullptr && is_dynamic(tb)) {
        if (op == Opcode::JEq && a == b) return 1;
        if (op == Opcode::JNotEq && a == b) return 0;
        if (a == 0 || b == 0) return op == Opcode::JNotEq ? 1 : 0;
        Slot args[2] = {a, b};
        Slot r = 0;
        if (!invoke(c, ta->obj->compare, args, 2, &r)) return -1;
        return by_compare(op, slot_get<int32_t>(r));
    }
    if (is_numeric(ka) && is_numeric(kb)) return compare_numbers(op, a, ka, b, kb);
    switch (op) {
    case Opcode::JEq: return a == b;
    case Opcode::JNotEq: return a != b;
    case Opcode::JSLt: case Opcode::JULt: return a < b;
    case Opcode::JSGte: case Opcode::JUGte: return a >= b;
    case Opcode::JSGt: return a > b;
    case Opcode::JSLte: return a <= b;
    case Opcode::JNotLt: return !(a < b);
    case Opcode::JNotGte: return !(a >= b);
    default: return 0;
    }
}

bool call_wrapper(Ctx& c, VClosure* wrapper, const Slot* args, int nargs, Slot* ret) {
    return call_as(c, static_cast<VClosure*>(wrapper->value), wrapper->t, args, nargs, ret);
}

// Native array access that the fast path did not take: null, bounds and element width errors,
// and pointers whose static type differs from the array's element type. A pointer read from
// or written to an array must fit the other side's type (value_fits): otherwise a plain value or
// an object of another layout would reach a typed register or a typed array.
bool array_access(Ctx& c, Slot* regs, const Instr& in) {
    const bool get = in.op == IOp::array_get;
    auto* arr = reinterpret_cast<VArray*>(regs[get ? in.b : in.a]);
    if (arr == nullptr) return null_access(c);
    auto idx = slot_get<int32_t>(regs[get ? in.c : in.b]);
    if (static_cast<uint32_t>(idx) >= static_cast<uint32_t>(arr->size)) {
        raise_message(c, "Out of bounds");
        return false;
    }
    const int32_t w = in.kind;
    if (storage_size(arr->at) != w) {
        raise_message(c, "Invalid array access");
        return false;
    }
    char* at = arr->data<char>() + static_cast<size_t>(idx) * static_cast<size_t>(w);
    auto* reg_t = static_cast<HType*>(in.x.p);
    // Elements of a pointer type: the value must fit the place it goes to.
    HType* from = get ? arr->at : reg_t;
    HType* to = get ? reg_t : arr->at;
    if (is_pointer(to)) {
        Slot v = 0;
        if (get) std::memcpy(&v, at, sizeof v);
        else v = regs[in.c];
        if (v != 0 && !value_fits(reinterpret_cast<VDynamic*>(v), from, to)) {
            raise_message(c, "Invalid array access");
            return false;
        }
    }
    if (get) {
        Slot v = 0;
        std::memcpy(&v, at, static_cast<size_t>(w));
        regs[in.a] = v;
    } else {
        std::memcpy(at, &regs[in.c], static_cast<size_t>(w));
    }
    return true;
}

}  // namespace hlffi::rt::slow
