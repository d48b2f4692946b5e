// link layer: pre-decoding. Each bytecode op becomes one Instr with operands resolved (field
// offsets, callee pointers, jump targets as instruction indices) and specialised by the static
// register types, so the interpreter's loop does no lookups.
#include "link/link_code.h"

#include <cstring>

namespace hlffi::rt {

namespace {

using bc::Opcode;

int32_t width_of(const HType* t) { return storage_size(t); }

// Width 0 (a void field or parameter) has no storage: nothing to move.
IOp get_by_width(int32_t w) {
    switch (w) {
    case 0: return IOp::nop;
    case 1: return IOp::get_u8;
    case 2: return IOp::get_u16;
    case 4: return IOp::get_32;
    default: return IOp::get_64;
    }
}
IOp set_by_width(int32_t w) {
    switch (w) {
    case 0: return IOp::nop;
    case 1: return IOp::set_8;
    case 2: return IOp::set_16;
    case 4: return IOp::set_32;
    default: return IOp::set_64;
    }
}

class CodeBuilder {
public:
    CodeBuilder(Program& p, FunctionCode& fc, const std::vector<std::string>& short_names)
        : p_(p), m_(*p.module), fc_(fc), f_(*fc.src), short_names_(short_names) {}

    void run() {
        fc_.code.resize(f_.ops.size());
        has_reg_list_.assign(f_.ops.size(), false);
        for (size_t i = 0; i < f_.ops.size(); i++) translate(static_cast<int32_t>(i), f_.ops[i], fc_.code[i]);
        fuse();
        // Argument lists are final now: turn their offsets into pointers.
        for (size_t i = 0; i < fc_.code.size(); i++) {
            if (has_reg_list_[i]) fc_.code[i].x.regs = fc_.arg_regs.data() + fc_.code[i].x.i;
        }
    }

private:
    HType* rt(int32_t r) { return fc_.regs[static_cast<size_t>(r)]; }

    // Superinstructions for the commonest pairs (see iops.def). Op i takes over the work of op
    // i+1 too; op i+1 stays as it was, for jumps that land on it.
    void fuse() {
        auto& code = fc_.code;
        for (size_t i = 0; i + 1 < code.size(); i++) {
            Instr& a = code[i];
            const Instr& b = code[i + 1];
            if (a.op == IOp::null_check && is_field_get(b.op) && b.b == a.a) {
                const void* msg = a.y.p;
                a = b;
                a.op = static_cast<IOp>(static_cast<int>(IOp::nc_get_u8) + (static_cast<int>(b.op) - static_cast<int>(IOp::get_u8)));
                a.y.p = const_cast<void*>(msg);
            } else if (a.op == IOp::null_check && is_field_set(b.op) && b.a == a.a) {
                const void* msg = a.y.p;
                a = b;
                a.op = static_cast<IOp>(static_cast<int>(IOp::nc_set_8) + (static_cast<int>(b.op) - static_cast<int>(IOp::set_8)));
                a.y.p = const_cast<void*>(msg);
            } else if (a.op == IOp::get_64 && b.op == IOp::null_check && b.a == a.a && is_pointer(rt(a.a))) {
                a.op = IOp::get_64_nc;
                a.y.p = b.y.p;
            }
        }
    }
    static bool is_field_get(IOp op) { return op >= IOp::get_u8 && op <= IOp::get_64; }
    static bool is_field_set(IOp op) { return op >= IOp::set_8 && op <= IOp::set_64; }
    TypeKind rk(int32_t r) { return rt(r)->kind; }

    int32_t add_regs(const int32_t* regs, uint32_t n) {
        auto off = static_cast<int32_t>(fc_.arg_regs.size());
        fc_.arg_regs.insert(fc_.arg_regs.end(), regs, regs + n);
        return off;
    }

    void reg_list(Instr& in, int32_t offset) {
        in.x.i = offset;
        has_reg_list_[static_cast<size_t>(&in - fc_.code.data())] = true;
    }

    int32_t field_offset(HType* t, int32_t field) { return t->obj->fields[static_cast<size_t>(field)].offset; }
    HType* field_type(HType* t, int32_t field) { return t->obj->fields[static_cast<size_t>(field)].type; }

    void arith(Instr& in, const bc::Op& o) {
        TypeKind k = rk(o.p[0]);
        in.a = o.p[0];
        in.b = o.p[1];
        in.c = o.p[2];
        auto pick = [&](IOp i32, IOp i64, IOp f64, IOp f32) {
            switch (k) {
            case TypeKind::I32: in.op = i32; return;
            case TypeKind::I64: in.op = i64; return;
            case TypeKind::F64: in.op = f64; return;
            case TypeKind::F32: in.op = f32; return;
            default:
                in.op = IOp::arith_small;
                in.x.i = static_cast<int64_t>(o.code);
                in.y.i = k == TypeKind::UI16 ? 0xFFFF : 0xFF;
            }
        };
        switch (o.code) {
        case Opcode::Add: pick(IOp::add_i32, IOp::add_i64, IOp::add_f64, IOp::add_f32); break;
        case Opcode::Sub: pick(IOp::sub_i32, IOp::sub_i64, IOp::sub_f64, IOp::sub_f32); break;
        case Opcode::Mul: pick(IOp::mul_i32, IOp::mul_i64, IOp::mul_f64, IOp::mul_f32); break;
        case Opcode::SDiv: pick(IOp::sdiv_i32, IOp::sdiv_i64, IOp::div_f64, IOp::div_f32); break;
        case Opcode::UDiv: pick(IOp::udiv_i32, IOp::udiv_i64, IOp::div_f64, IOp::div_f32); break;
        case Opcode::SMod: pick(IOp::smod_i32, IOp::smod_i64, IOp::mod_f64, IOp::mod_f32); break;
        case Opcode::UMod: pick(IOp::umod_i32, IOp::umod_i64, IOp::mod_f64, IOp::mod_f32); break;
        case Opcode::Shl: pick(IOp::shl_i32, IOp::shl_i64, IOp::nop, IOp::nop); break;
        case Opcode::SShr: pick(IOp::sshr_i32, IOp::sshr_i64, IOp::nop, IOp::nop); break;
        case Opcode::UShr: pick(IOp::ushr_i32, IOp::ushr_i64, IOp::nop, IOp::nop); break;
        case Opcode::And: pick(IOp::and_i32, IOp::and_i64, IOp::nop, IOp::nop); break;
        case Opcode::Or: pick(IOp::or_i32, IOp::or_i64, IOp::nop, IOp::nop); break;
        case Opcode::Xor: pick(IOp::xor_i32, IOp::xor_i64, IOp::nop, IOp::nop); break;
        default: break;
        }
    }

    // spec/bytecode.md §4.6: which comparison rule applies to these static types.
    void compare_jump(Instr& in, const bc::Op& o, int32_t target) {
        in.a = o.p[0];
        in.b = o.p[1];
        in.x.i = target;
        in.y.i = static_cast<int64_t>(o.code);
        TypeKind ka = rk(o.p[0]), kb = rk(o.p[1]);
        auto pick = [&](IOp lt, IOp ge, IOp gt, IOp le, IOp ult, IOp uge, IOp nlt, IOp nge, IOp eq, IOp ne) {
            switch (o.code) {
            case Opcode::JSLt: in.op = lt; break;
            case Opcode::JSGte: in.op = ge; break;
            case Opcode::JSGt: in.op = gt; break;
            case Opcode::JSLte: in.op = le; break;
            case Opcode::JULt: in.op = ult; break;
            case Opcode::JUGte: in.op = uge; break;
            case Opcode::JNotLt: in.op = nlt; break;
            case Opcode::JNotGte: in.op = nge; break;
            case Opcode::JEq: in.op = eq; break;
            case Opcode::JNotEq: in.op = ne; break;
            default: in.op = IOp::jcmp_slow;
            }
        };
        const IOp slow = IOp::jcmp_slow;
        if (ka == TypeKind::I32 && kb == TypeKind::I32) {
            pick(IOp::jlt_i32, IOp::jge_i32, IOp::jgt_i32, IOp::jle_i32, IOp::jult_i32, IOp::juge_i32, slow, slow, IOp::jeq_i32, IOp::jne_i32);
        } else if (ka == TypeKind::I64 && kb == TypeKind::I64) {
            pick(IOp::jlt_i64, IOp::jge_i64, IOp::jgt_i64, IOp::jle_i64, IOp::jult_i64, IOp::juge_i64, slow, slow, IOp::jeq_i64, IOp::jne_i64);
        } else if (ka == TypeKind::F64 && kb == TypeKind::F64) {
            pick(IOp::jlt_f64, IOp::jge_f64, IOp::jgt_f64, IOp::jle_f64, slow, slow, IOp::jnlt_f64, IOp::jnge_f64, IOp::jeq_f64, IOp::jne_f64);
        } else if (ka == TypeKind::F32 && kb == TypeKind::F32) {
            pick(IOp::jlt_f32, IOp::jge_f32, IOp::jgt_f32, IOp::jle_f32, slow, slow, IOp::jnlt_f32, IOp::jnge_f32, IOp::jeq_f32, IOp::jne_f32);
        } else if (plain_pointer_compare(rt(o.p[0]), rt(o.p[1])) && (o.code == Opcode::JEq || o.code == Opcode::JNotEq)) {
            in.op = o.code == Opcode::JEq ? IOp::jeq_ptr : IOp::jne_ptr;
        } else {
            in.op = slow;
            in.kind = 0;
        }
    }

    // Rule 6 of §4.6 for pointers: identity, unless a runtime rule applies.
    static bool plain_pointer_compare(HType* a, HType* b) {
        auto special = [](HType* t) {
            switch (t->kind) {
            case TypeKind::Dyn: case TypeKind::Fun: case TypeKind::Type: case TypeKind::Null: case TypeKind::Virtual:
                return true;
            case TypeKind::Obj: case TypeKind::Struct: return t->obj->compare != nullptr;
            default: return !is_pointer(t);
            }
        };
        return !special(a) && !special(b);
    }

    // A cast into a kind whose values are read through a layout or a type header is checked at
    // run time (slow_paths.cpp value_fits), unless the static types already prove it. The
    // verifier only lets plain values into plain registers and, between other pointer kinds,
    // the same type.
    static bool needs_cast_check(HType* from, HType* to) {
        if (from == to) return false;
        switch (to->kind) {
        case TypeKind::Dyn: return !is_dynamic(from);
        case TypeKind::Obj: case TypeKind::Enum: case TypeKind::Virtual: case TypeKind::Array:
        case TypeKind::DynObj: case TypeKind::Fun: case TypeKind::Null:
            return !(from->kind == to->kind && to->kind == TypeKind::Obj && is_ancestor(to, from));
        default: return false;
        }
    }
    // The array ops' fast-path class of the register (interp.cpp ARRAY_GET_FAST/ARRAY_SET_FAST):
    // 0 plain (plain elements of its width fit), 2 a dynamic register reading (any element with a
    // header fits) or a value with a header written (into a dynamic array), 1 other pointers
    // (only elements of exactly its type take the fast path).
    static int64_t array_class(HType* t, bool get) {
        if (!is_pointer(t)) return 0;
        if (get ? t->kind == TypeKind::Dyn : is_dynamic(t)) return 2;
        return 1;
    }
    static bool is_ancestor(HType* parent, HType* t) {
        for (HType* cur = t; cur != nullptr; cur = cur->obj->super)
            if (cur == parent) return true;
        return false;
    }

    void call(Instr& in, const bc::Op& o) {
        const int32_t* args = f_.args_of(o);
        uint32_t n = o.extra_count;
        in.a = o.p[0];
        in.c = static_cast<int32_t>(n);
        in.kind = static_cast<uint16_t>(o.code);
        reg_list(in, add_regs(args, n));
        switch (o.code) {
        case Opcode::CallMethod:
            if (n > 0 && (rk(args[0]) == TypeKind::Obj || rk(args[0]) == TypeKind::Struct)) {
                in.op = IOp::call_method;
            } else {
                in.op = IOp::call_slow;
            }
            in.y.i = o.p[1];
            break;
        case Opcode::CallThis:
            in.op = IOp::call_this;
            in.y.i = o.p[1];
            break;
        case Opcode::CallClosure:
            in.op = rk(o.p[1]) == TypeKind::Fun ? IOp::call_closure : IOp::call_slow;
            in.b = o.p[1];
            break;
        default: {
            FunctionCode* callee = p_.function(o.p[1]);
            in.op = callee->is_native ? IOp::call_native : IOp::call;
            in.y.p = callee;
            break;
        }
        }
    }

    std::string* null_message(int32_t at, int32_t reg) {
        std::string name;
        size_t i = static_cast<size_t>(at) + 1;
        while (i + 1 < f_.ops.size()) {
            auto c = static_cast<int>(f_.ops[i].code);
            if (c >= static_cast<int>(Opcode::Int) && c <= static_cast<int>(Opcode::Decr)) i++;
            else break;
        }
        if (i < f_.ops.size()) {
            const bc::Op& n = f_.ops[i];
            if (n.code == Opcode::Field && n.p[1] == reg) name = field_name(reg, n.p[2]);
            else if (n.code == Opcode::SetField && n.p[0] == reg) name = field_name(reg, n.p[1]);
            else if (n.code >= Opcode::Call1 && n.code <= Opcode::Call4 && n.extra_count > 0 && f_.args_of(n)[0] == reg)
                name = short_names_[static_cast<size_t>(n.p[1])];
            else if (n.code == Opcode::CallN && static_cast<int32_t>(n.extra_count) == reg)
                name = short_names_[static_cast<size_t>(n.p[1])];
        }
        fc_.null_messages.push_front(name.empty() ? "Null access" : "Null access ." + name);
        return &fc_.null_messages.front();
    }

    std::string field_name(int32_t reg, int32_t field) {
        HType* t = rt(reg);
        std::u16string n;
        if (t->obj != nullptr && field >= 0 && static_cast<size_t>(field) < t->obj->fields.size()) n = t->obj->fields[static_cast<size_t>(field)].name;
        else if (t->virt != nullptr && field >= 0 && static_cast<size_t>(field) < t->virt->fields.size()) n = t->virt->fields[static_cast<size_t>(field)].name;
        return std::string(n.begin(), n.end());
    }

    void translate(int32_t at, const bc::Op& o, Instr& in);

    Program& p_;
    const bc::Module& m_;
    FunctionCode& fc_;
    const bc::Function& f_;
    const std::vector<std::string>& short_names_;
    std::vector<bool> has_reg_list_;
};

void CodeBuilder::translate(int32_t at, const bc::Op& o, Instr& in) {
    in = Instr{};
    in.op = IOp::nop;
    const int32_t next = at + 1;
    switch (o.code) {
    case Opcode::Mov:
        in.op = IOp::mov; in.a = o.p[0]; in.b = o.p[1]; break;
    case Opcode::UnsafeCast:
        // Haxe only reinterprets values whose runtime type fits; checking that here keeps a
        // hostile module from reading an object through another class's layout.
        in.op = needs_cast_check(rt(o.p[1]), rt(o.p[0])) ? IOp::unsafe_cast_check : IOp::mov;
        in.a = o.p[0]; in.b = o.p[1]; in.x.p = rt(o.p[0]);
        in.kind = is_dynamic(rt(o.p[1])) ? 1 : 0;  // only then may the fast path read a type header
        break;
    case Opcode::Int: {
        in.op = IOp::const64; in.a = o.p[0];
        int64_t v = m_.ints[static_cast<size_t>(o.p[1])];
        if (rk(o.p[0]) == TypeKind::UI8) v &= 0xFF;
        if (rk(o.p[0]) == TypeKind::UI16) v &= 0xFFFF;
        in.x.i = v;
        break;
    }
    case Opcode::Float: {
        in.op = IOp::const64; in.a = o.p[0];
        double d = m_.floats[static_cast<size_t>(o.p[1])];
        if (d == 0) d = 0.0;  // HashLink loads both zeros as +0.0 (bytecode.md §4.1)
        if (rk(o.p[0]) == TypeKind::F32) {
            float f = static_cast<float>(d);
            in.x.i = 0;
            std::memcpy(&in.x.i, &f, sizeof f);
        } else {
            in.x.f = d;
        }
        break;
    }
    case Opcode::Bool: in.op = IOp::const64; in.a = o.p[0]; in.x.i = o.p[1] != 0; break;
    case Opcode::Bytes:
        in.op = IOp::const64; in.a = o.p[0];
        if (m_.version >= 5) in.x.p = const_cast<uint8_t*>(m_.bytes_data.data()) + m_.bytes_pos[static_cast<size_t>(o.p[1])];
        else in.x.p = const_cast<char*>(m_.str(o.p[1]).c_str());
        break;
    case Opcode::String: in.op = IOp::const64; in.a = o.p[0]; in.x.p = p_.utf16(o.p[1]); break;
    case Opcode::Null: in.op = IOp::const64; in.a = o.p[0]; in.x.i = 0; break;
    case Opcode::Add: case Opcode::Sub: case Opcode::Mul: case Opcode::SDiv: case Opcode::UDiv:
    case Opcode::SMod: case Opcode::UMod: case Opcode::Shl: case Opcode::SShr: case Opcode::UShr:
    case Opcode::And: case Opcode::Or: case Opcode::Xor:
        arith(in, o); break;
    case Opcode::Neg: {
        in.a = o.p[0]; in.b = o.p[1];
        switch (rk(o.p[0])) {
        case TypeKind::I32: in.op = IOp::neg_i32; break;
        case TypeKind::I64: in.op = IOp::neg_i64; break;
        case TypeKind::F64: in.op = IOp::neg_f64; break;
        case TypeKind::F32: in.op = IOp::neg_f32; break;
        default:
            in.op = IOp::arith_small; in.x.i = static_cast<int64_t>(o.code);
            in.y.i = rk(o.p[0]) == TypeKind::UI16 ? 0xFFFF : 0xFF;
        }
        break;
    }
    case Opcode::Not: in.op = IOp::not_bool; in.a = o.p[0]; in.b = o.p[1]; break;
    case Opcode::Incr:
    case Opcode::Decr: {
        bool inc = o.code == Opcode::Incr;
        in.a = o.p[0];
        switch (rk(o.p[0])) {
        case TypeKind::I32: in.op = inc ? IOp::incr_i32 : IOp::decr_i32; break;
        case TypeKind::I64: in.op = inc ? IOp::incr_i64 : IOp::decr_i64; break;
        default: in.op = inc ? IOp::incr_small : IOp::decr_small; in.y.i = rk(o.p[0]) == TypeKind::UI16 ? 0xFFFF : 0xFF;
        }
        break;
    }
    case Opcode::Call0: case Opcode::Call1: case Opcode::Call2: case Opcode::Call3: case Opcode::Call4:
    case Opcode::CallN: case Opcode::CallMethod: case Opcode::CallThis: case Opcode::CallClosure:
        call(in, o); break;
    case Opcode::StaticClosure:
        in.op = IOp::static_closure; in.a = o.p[0]; in.y.p = p_.function(o.p[1]); break;
    case Opcode::InstanceClosure:
        in.op = IOp::instance_closure; in.a = o.p[0]; in.c = o.p[2]; in.y.p = p_.function(o.p[1]); break;
    case Opcode::VirtualClosure:
        // HashLink types the closure by its register; a dynamic register keeps the method's own
        // closure type (alloc_closure), so the value stays a callable closure.
        in.op = IOp::virtual_closure; in.a = o.p[0]; in.b = o.p[1]; in.y.i = o.p[2];
        in.x.p = rk(o.p[0]) == TypeKind::Fun ? rt(o.p[0]) : nullptr;
        break;
    case Opcode::GetGlobal: in.op = IOp::get_global; in.a = o.p[0]; in.x.i = o.p[1]; break;  // index into Ctx::globals
    case Opcode::SetGlobal: in.op = IOp::set_global; in.b = o.p[1]; in.x.i = o.p[0]; break;
    case Opcode::Field:
    case Opcode::GetThis: {
        int32_t obj = o.code == Opcode::Field ? o.p[1] : 0;
        int32_t fid = o.code == Opcode::Field ? o.p[2] : o.p[1];
        in.a = o.p[0]; in.b = obj;
        HType* t = rt(obj);
        if (t->obj != nullptr) {
            in.op = get_by_width(width_of(field_type(t, fid)));
            in.x.i = field_offset(t, fid);
        } else {
            in.op = IOp::field_slow; in.y.i = fid;
        }
        break;
    }
    case Opcode::SetField:
    case Opcode::SetThis: {
        int32_t obj = o.code == Opcode::SetField ? o.p[0] : 0;
        int32_t fid = o.code == Opcode::SetField ? o.p[1] : o.p[0];
        int32_t val = o.code == Opcode::SetField ? o.p[2] : o.p[1];
        in.a = obj; in.c = val;
        HType* t = rt(obj);
        if (t->obj != nullptr) {
            in.op = set_by_width(width_of(field_type(t, fid)));
            in.x.i = field_offset(t, fid);
        } else {
            in.op = IOp::set_field_slow; in.y.i = fid;
        }
        break;
    }
    case Opcode::DynGet:
        in.op = IOp::dyn_get; in.a = o.p[0]; in.b = o.p[1];
        in.y.i = p_.names.intern(p_.utf16(o.p[2]), static_cast<int32_t>(std::char_traits<char16_t>::length(p_.utf16(o.p[2]))));
        break;
    case Opcode::DynSet:
        in.op = IOp::dyn_set; in.a = o.p[0]; in.c = o.p[2];
        in.y.i = p_.names.intern(p_.utf16(o.p[1]), static_cast<int32_t>(std::char_traits<char16_t>::length(p_.utf16(o.p[1]))));
        break;
    case Opcode::JTrue: in.op = IOp::jtrue; in.a = o.p[0]; in.x.i = next + o.p[1]; break;
    case Opcode::JFalse: in.op = IOp::jfalse; in.a = o.p[0]; in.x.i = next + o.p[1]; break;
    case Opcode::JNull: in.op = IOp::jnull; in.a = o.p[0]; in.x.i = next + o.p[1]; break;
    case Opcode::JNotNull: in.op = IOp::jnotnull; in.a = o.p[0]; in.x.i = next + o.p[1]; break;
    case Opcode::JSLt: case Opcode::JSGte: case Opcode::JSGt: case Opcode::JSLte: case Opcode::JULt:
    case Opcode::JUGte: case Opcode::JNotLt: case Opcode::JNotGte: case Opcode::JEq: case Opcode::JNotEq:
        compare_jump(in, o, next + o.p[2]); break;
    case Opcode::JAlways: in.op = IOp::jalways; in.x.i = next + o.p[0]; break;
    case Opcode::ToDyn: in.op = IOp::to_dyn; in.a = o.p[0]; in.b = o.p[1]; in.x.p = rt(o.p[1]); break;
    case Opcode::ToSFloat: {
        in.a = o.p[0]; in.b = o.p[1];
        TypeKind d = rk(o.p[0]), s = rk(o.p[1]);
        if (o.p[0] == o.p[1]) in.op = IOp::nop;
        else if (s == TypeKind::I32 && d == TypeKind::F64) in.op = IOp::i32_to_f64;
        else if (s == TypeKind::I32 && d == TypeKind::F32) in.op = IOp::i32_to_f32;
        else if (s == TypeKind::I64 && d == TypeKind::F64) in.op = IOp::i64_to_f64;
        else if (s == TypeKind::F32 && d == TypeKind::F64) in.op = IOp::f32_to_f64;
        else if (s == TypeKind::F64 && d == TypeKind::F32) in.op = IOp::f64_to_f32;
        else { in.op = IOp::to_float_slow; in.kind = static_cast<uint16_t>(s); in.y.i = static_cast<int64_t>(d); }
        break;
    }
    case Opcode::ToUFloat:
        in.a = o.p[0]; in.b = o.p[1];
        if (rk(o.p[0]) == TypeKind::F64) in.op = IOp::u32_to_f64;
        else { in.op = IOp::to_float_slow; in.kind = 0xFFFF; in.y.i = static_cast<int64_t>(rk(o.p[0])); }
        break;
    case Opcode::ToInt: {
        in.a = o.p[0]; in.b = o.p[1];
        TypeKind d = rk(o.p[0]), s = rk(o.p[1]);
        if (o.p[0] == o.p[1]) in.op = IOp::nop;
        else if (s == TypeKind::F64 && d == TypeKind::I32) in.op = IOp::f64_to_i32;
        else if (s == TypeKind::F32 && d == TypeKind::I32) in.op = IOp::f32_to_i32;
        else if (s == TypeKind::I32 && d == TypeKind::I64) in.op = IOp::i32_to_i64;
        else if ((s == TypeKind::F64 || s == TypeKind::F32) && d == TypeKind::I64) { in.op = IOp::f64_to_i64z; in.kind = static_cast<uint16_t>(s); }
        else { in.op = IOp::trunc_small; in.kind = static_cast<uint16_t>(s); in.y.i = static_cast<int64_t>(d); }
        break;
    }
    case Opcode::SafeCast: in.op = IOp::safe_cast; in.a = o.p[0]; in.b = o.p[1]; in.x.p = rt(o.p[1]); in.y.p = rt(o.p[0]); break;
    case Opcode::ToVirtual: in.op = IOp::to_virtual; in.a = o.p[0]; in.b = o.p[1]; in.x.p = rt(o.p[0]); break;
    case Opcode::Label: in.op = IOp::label; break;
    case Opcode::Ret:
        in.a = o.p[0];
        in.op = fc_.type->fun->ret->kind == TypeKind::Void ? IOp::ret_void : IOp::ret;
        break;
    case Opcode::Throw: in.op = IOp::throw_; in.a = o.p[0]; break;
    case Opcode::Rethrow: in.op = IOp::rethrow; in.a = o.p[0]; break;
    case Opcode::Switch: {
        in.op = IOp::switch_; in.a = o.p[0]; in.c = static_cast<int32_t>(o.extra_count);
        std::vector<int32_t> targets;
        for (uint32_t k = 0; k < o.extra_count; k++) targets.push_back(next + f_.args_of(o)[k]);
        reg_list(in, add_regs(targets.data(), o.extra_count));
        break;
    }
    case Opcode::NullCheck: in.op = IOp::null_check; in.a = o.p[0]; in.y.p = null_message(at, o.p[0]); break;
    case Opcode::Trap: in.op = IOp::trap; in.a = o.p[0]; in.x.i = next + o.p[1]; break;
    case Opcode::EndTrap: in.op = IOp::end_trap; break;
    case Opcode::GetI8: in.op = IOp::mem_get_u8; in.a = o.p[0]; in.b = o.p[1]; in.c = o.p[2]; break;
    case Opcode::GetI16: in.op = IOp::mem_get_u16; in.a = o.p[0]; in.b = o.p[1]; in.c = o.p[2]; break;
    case Opcode::GetMem:
        in.op = width_of(rt(o.p[0])) == 8 ? IOp::mem_get_64 : IOp::mem_get_32; in.a = o.p[0]; in.b = o.p[1]; in.c = o.p[2]; break;
    case Opcode::SetI8: in.op = IOp::mem_set_8; in.a = o.p[0]; in.b = o.p[1]; in.c = o.p[2]; break;
    case Opcode::SetI16: in.op = IOp::mem_set_16; in.a = o.p[0]; in.b = o.p[1]; in.c = o.p[2]; break;
    case Opcode::SetMem:
        in.op = width_of(rt(o.p[2])) == 8 ? IOp::mem_set_64 : IOp::mem_set_32; in.a = o.p[0]; in.b = o.p[1]; in.c = o.p[2]; break;
    // Arrays carry their element type: the interpreter checks the width, and when the element
    // or the register holds a pointer and the types differ, that the value fits (x.p = the
    // register's type, y.i = what the fast path may take without looking: see array_class).
    case Opcode::GetArray:
        in.op = IOp::array_get; in.a = o.p[0]; in.b = o.p[1]; in.c = o.p[2]; in.kind = static_cast<uint16_t>(width_of(rt(o.p[0])));
        in.x.p = rt(o.p[0]); in.y.i = array_class(rt(o.p[0]), true);
        break;
    case Opcode::SetArray:
        in.op = IOp::array_set; in.a = o.p[0]; in.b = o.p[1]; in.c = o.p[2]; in.kind = static_cast<uint16_t>(width_of(rt(o.p[2])));
        in.x.p = rt(o.p[2]); in.y.i = array_class(rt(o.p[2]), false);
        break;
    case Opcode::New: in.op = IOp::new_; in.a = o.p[0]; in.x.p = rt(o.p[0]); break;
    case Opcode::ArraySize: in.op = IOp::array_size; in.a = o.p[0]; in.b = o.p[1]; break;
    case Opcode::Type: in.op = IOp::const64; in.a = o.p[0]; in.x.p = p_.type_at(o.p[1]); break;
    case Opcode::GetType: in.op = IOp::get_type; in.a = o.p[0]; in.b = o.p[1]; break;
    case Opcode::GetTID: in.op = IOp::get_tid; in.a = o.p[0]; in.b = o.p[1]; break;
    case Opcode::Ref: in.op = IOp::ref; in.a = o.p[0]; in.b = o.p[1]; break;
    // The referenced storage has the ref's element width (the register may be another plain kind).
    case Opcode::Unref: in.op = get_by_width(width_of(rt(o.p[1])->param)); in.a = o.p[0]; in.b = o.p[1]; in.x.i = 0; break;
    case Opcode::Setref: in.op = set_by_width(width_of(rt(o.p[0])->param)); in.a = o.p[0]; in.c = o.p[1]; in.x.i = 0; break;
    case Opcode::MakeEnum:
        in.op = IOp::make_enum; in.a = o.p[0]; in.b = o.p[1]; in.c = static_cast<int32_t>(o.extra_count); in.y.p = rt(o.p[0]);
        reg_list(in, add_regs(f_.args_of(o), o.extra_count));
        break;
    case Opcode::EnumAlloc: in.op = IOp::enum_alloc; in.a = o.p[0]; in.b = o.p[1]; in.y.p = rt(o.p[0]); break;
    // A value not statically an enum has its header checked (Type.enumIndex on a dynamic).
    case Opcode::EnumIndex:
        in.op = rk(o.p[1]) == TypeKind::Enum ? IOp::enum_index : IOp::enum_index_checked; in.a = o.p[0]; in.b = o.p[1];
        break;
    // The parameter layout is the named constructor's: the value's constructor is checked when
    // it runs (y.i), so a value of a smaller constructor is never read past its end.
    case Opcode::EnumField: {
        const EnumConstruct& c = rt(o.p[1])->enm->constructs[static_cast<size_t>(o.p[2])];
        in.op = IOp::enum_field; in.kind = static_cast<uint16_t>(width_of(c.params[static_cast<size_t>(o.p[3])]));
        in.a = o.p[0]; in.b = o.p[1]; in.x.i = c.offsets[static_cast<size_t>(o.p[3])]; in.y.i = o.p[2];
        break;
    }
    case Opcode::SetEnumField: {
        const EnumConstruct& c = rt(o.p[0])->enm->constructs[0];
        in.op = IOp::set_enum_field; in.kind = static_cast<uint16_t>(width_of(c.params[static_cast<size_t>(o.p[1])]));
        in.a = o.p[0]; in.c = o.p[2]; in.x.i = c.offsets[static_cast<size_t>(o.p[1])]; in.y.i = 0;
        break;
    }
    case Opcode::Assert: in.op = IOp::assert_; break;
    case Opcode::RefData: in.op = IOp::ref_data; in.a = o.p[0]; in.b = o.p[1]; break;
    case Opcode::RefOffset:
        in.op = IOp::ref_offset; in.a = o.p[0]; in.b = o.p[1]; in.c = o.p[2];
        in.y.i = storage_size(rt(o.p[0])->param != nullptr ? rt(o.p[0])->param->kind : TypeKind::I64);
        break;
    case Opcode::Nop: case Opcode::Prefetch: case Opcode::Catch: case Opcode::Asm:
        in.op = IOp::nop; break;
    }
}

}  // namespace

void describe_frame(Program& p, FunctionCode& fc) {
    const bc::Function& f = *fc.src;
    fc.nregs = static_cast<int32_t>(f.regs.size());
    fc.regs.reserve(f.regs.size());
    for (int32_t r : f.regs) fc.regs.push_back(p.type_at(r));
    for (int32_t r = 0; r < fc.nregs; r++)
        if (is_pointer(fc.regs[static_cast<size_t>(r)])) fc.pointer_regs.push_back(r);
    fc.nargs = static_cast<int32_t>(fc.type->fun->args.size());
}

void meet_code_names(Program& p) {
    auto intern = [&p](int32_t s) {
        int32_t len = 0;
        char16_t* text = p.utf16(s, &len);
        p.names.intern(text, len);
    };
    for (const FunctionCode& fc : p.functions) {
        if (fc.src == nullptr) continue;
        for (const bc::Op& o : fc.src->ops) {
            if (o.code == Opcode::String) p.utf16(o.p[1]);
            else if (o.code == Opcode::DynGet) intern(o.p[2]);
            else if (o.code == Opcode::DynSet) intern(o.p[1]);
        }
    }
    for (size_t i = 0; i < p.module->strings.size(); i++) p.utf16(static_cast<int32_t>(i));
}

void build_code(Program& p, FunctionCode& fc) {
    std::lock_guard<std::mutex> hold(p.code_lock);
    if (fc.code_built.load(std::memory_order_relaxed)) return;  // another thread was first
    CodeBuilder(p, fc, p.short_names).run();
    fc.code_built.store(true, std::memory_order_release);
}

}  // namespace hlffi::rt
