// bytecode layer: the verifier's driver, table checks (types, constants) and per-function
// structure: operand ranges by role (opcodes.def), jump targets, fall-through. The typing rule
// of each opcode is in verifier_ops.cpp, which also says what the rules protect (T1-T4).
#include "bytecode/verifier.h"

#include <vector>

#include "bytecode/function_names.h"
#include "bytecode/verifier_internal.h"

namespace hlffi::bc {

using verifier_detail::fail;
using verifier_detail::FunctionChecker;

namespace {

std::string num(int64_t v) { return std::to_string(v); }

Status index_in(int32_t i, size_t n, const char* what, const char* plural) {
    if (i < 0 || static_cast<size_t>(i) >= n)
        return fail(std::string(what) + " index " + num(i) + " out of range (" + num(static_cast<int64_t>(n)) + " " + plural + ")");
    return {};
}

bool is_terminator(Opcode op) {
    return op == Opcode::Ret || op == Opcode::Throw || op == Opcode::Rethrow || op == Opcode::JAlways;
}

// Object types: bindings and virtual-method slots (spec/bytecode.md §2.4, runtime.md §3.3-3.4).
// The linker writes each binding's closure into its field of every new instance and fills the
// virtual tables from the protos; calls then trust both.
Status check_object_type(const Module& m, const TypeRelations& tr, int32_t t) {
    const TypeDecl& d = m.type(t);
    for (const BindingDecl& b : d.bindings) {
        // A field past the layout would be written outside the object.
        const FieldDecl* fd = tr.object_field(t, b.field);
        if (fd == nullptr)
            return fail("binding field " + num(b.field) + " out of range (" + num(tr.field_count(t)) + " fields)");
        int32_t sig = m.signature_of(b.findex);
        if (sig < 0) return fail("binding refers to undefined function " + num(b.findex));
        const TypeDecl& ft = m.type(sig);
        TypeKind fk = m.type(fd->type).kind;
        // (T1) The closure lands in a field that callers call by the field's type.
        // Same arity: an unbound closure. Otherwise the closure is bound to the new instance.
        // A dynamic field (`__constructor__` of class objects) holds a constructor bound to the
        // class object, not to an instance of the constructor's class; Haxe unbinds it
        // (no_closure) before calling, so only its arity is checked here.
        bool unbound = fk == TypeKind::Fun && m.type(fd->type).args.size() == ft.args.size();
        bool ok = unbound ? tr.storable(sig, fd->type)
                  : fk == TypeKind::Dyn ? !ft.args.empty()
                                        : !ft.args.empty() && tr.storable(t, ft.args[0]) &&
                                              tr.fun_storable(std::span(ft.args).subspan(1), ft.ret, fd->type);
        if (!ok)
            return fail("binding of function " + num(b.findex) + " does not fit field " + num(b.field) + " (" +
                        tr.describe(fd->type) + ")");
    }
    for (const ProtoDecl& p : d.protos) {
        std::string what = "method " + m.str(p.name);
        int32_t sig = m.signature_of(p.findex);
        if (sig < 0) return fail(what + " refers to undefined function " + num(p.findex));
        const TypeDecl& ft = m.type(sig);
        if (p.pindex < -1) return fail(what + " has virtual slot " + num(p.pindex));
        if (p.pindex < 0) continue;
        // The slot indexes the virtual table the linker allocates: slots are dense in Haxe
        // output, and this bound keeps the tables in proportion to the file.
        if (p.pindex >= tr.proto_count(t))
            return fail(what + " has virtual slot " + num(p.pindex) + " beyond the " + num(tr.proto_count(t)) +
                        " methods of its class chain");
        // A dispatched call passes the receiver as the first argument, which the method reads
        // with its declared class's layout.
        if (ft.args.empty() || !tr.storable(t, ft.args[0]))
            return fail(what + " (function " + num(p.findex) + ") does not take its class as first argument");
        // A dispatched override receives the arguments checked against the parent's signature.
        const ProtoDecl* parent = d.super >= 0 ? tr.proto_in_slot(d.super, p.pindex) : nullptr;
        if (parent == nullptr) continue;
        int32_t psig = m.signature_of(parent->findex);
        const TypeDecl& pt = m.type(psig);
        bool ok = pt.args.size() == ft.args.size() && tr.storable(ft.ret, pt.ret);
        for (size_t i = 1; ok && i < ft.args.size(); i++) ok = tr.storable(pt.args[i], ft.args[i]);
        if (!ok)
            return fail(what + " (function " + num(p.findex) + ") overrides slot " + num(p.pindex) +
                        " with an incompatible signature");
    }
    return {};
}

// spec/bytecode.md §2.8. The linker builds each constant object from these indices (a bad one
// would read outside a table) and stores the values into the class's fields (T1).
Status check_constant(const Module& m, const TypeRelations& tr, const ConstantDecl& k) {
    HLFFI_VERIFY_TRY(index_in(k.global, m.globals.size(), "global", "globals"));
    int32_t t = m.globals[static_cast<size_t>(k.global)];
    const TypeDecl& d = m.type(t);
    if (d.kind != TypeKind::Obj && d.kind != TypeKind::Struct)
        return fail("global type " + tr.describe(t) + " is not a class");
    if (d.super >= 0) return fail("class " + tr.describe(t) + " has a parent (constants need a root class)");
    if (static_cast<int64_t>(k.fields.size()) > tr.field_count(t))
        return fail(num(static_cast<int64_t>(k.fields.size())) + " values for " + num(tr.field_count(t)) + " fields");
    for (size_t i = 0; i < k.fields.size(); i++) {
        int32_t v = k.fields[i];
        int32_t ftype = d.fields[i].type;
        Status s;
        switch (m.type(ftype).kind) {
        case TypeKind::I32: s = index_in(v, m.ints.size(), "int", "ints"); break;
        case TypeKind::Bool: break;
        case TypeKind::F64: s = index_in(v, m.floats.size(), "float", "floats"); break;
        case TypeKind::Bytes: s = index_in(v, m.strings.size(), "string", "strings"); break;
        case TypeKind::Type: s = index_in(v, m.types.size(), "type", "types"); break;
        default:
            s = index_in(v, m.globals.size(), "global", "globals");
            if (s && !tr.storable(m.globals[static_cast<size_t>(v)], ftype))
                s = fail("global " + num(v) + " (" + tr.describe(m.globals[static_cast<size_t>(v)]) +
                         ") does not fit the field type " + tr.describe(ftype));
            break;
        }
        if (!s) return fail("field " + num(static_cast<int64_t>(i)) + ": " + s.error().message);
    }
    return {};
}

// Indices the reader guarantees; checked again so hand-built modules cannot make us read out of
// range. Cheap: one pass over the tables.
Status check_table_indices(const Module& m, const TypeRelations& tr) {
    auto ty = [&](int32_t t) { return tr.valid(t); };
    for (size_t i = 0; i < m.types.size(); i++) {
        const TypeDecl& d = m.types[i];
        bool ok = true;
        for (int32_t a : d.args) ok = ok && ty(a);
        if (d.kind == TypeKind::Fun || d.kind == TypeKind::Method) ok = ok && ty(d.ret);
        if (d.kind == TypeKind::Ref || d.kind == TypeKind::Null || d.kind == TypeKind::Packed) ok = ok && ty(d.param);
        if ((d.kind == TypeKind::Obj || d.kind == TypeKind::Struct) && d.super >= 0) ok = ok && ty(d.super);
        for (const auto& f : d.fields) ok = ok && ty(f.type) && f.name >= 0 && static_cast<size_t>(f.name) < m.strings.size();
        for (const auto& c : d.constructs)
            for (int32_t p : c.params) ok = ok && ty(p);
        for (const auto& p : d.protos) ok = ok && p.name >= 0 && static_cast<size_t>(p.name) < m.strings.size();
        if (d.name >= static_cast<int32_t>(m.strings.size())) ok = false;
        if (!ok) return fail("type " + num(static_cast<int64_t>(i)) + " refers to an invalid index");
    }
    for (int32_t g : m.globals)
        if (!ty(g)) return fail("a global has an invalid type");
    for (const NativeDecl& n : m.natives)
        if (!ty(n.type) || (m.type(n.type).kind != TypeKind::Fun && m.type(n.type).kind != TypeKind::Method))
            return fail("a native has an invalid type");
    for (const Function& f : m.functions) {
        bool ok = ty(f.type) && (m.type(f.type).kind == TypeKind::Fun || m.type(f.type).kind == TypeKind::Method);
        for (int32_t r : f.regs) ok = ok && ty(r);
        if (!ok || m.function_at(f.findex) != &f) return fail("function " + num(f.findex) + " has an invalid table entry");
    }
    return {};
}

}  // namespace

namespace verifier_detail {

Status FunctionChecker::reg_in_range(int32_t r) const {
    if (r < 0 || static_cast<size_t>(r) >= f_.regs.size())
        return fail("register " + num(r) + " out of range (function has " + num(static_cast<int64_t>(f_.regs.size())) + ")");
    return {};
}

Status FunctionChecker::check_ranges(const Op& op) {
    const OpInfo& info = op_info(op.code);
    const int64_t nops = static_cast<int64_t>(f_.ops.size());
    auto jump = [&](int32_t off, bool allow_end) -> Status {
        int64_t t = jump_target(off);
        if (t < 0 || t > nops || (t == nops && !allow_end))
            return fail("jump target " + num(t) + " outside the function (" + num(nops) + " ops)");
        return {};
    };
    auto role = [&](OperandRole r, int32_t v) -> Status {
        switch (r) {
        case OperandRole::Reg: return reg_in_range(v);
        case OperandRole::Int: return index_in(v, m_.ints.size(), "int", "ints");
        case OperandRole::Float: return index_in(v, m_.floats.size(), "float", "floats");
        case OperandRole::String: return index_in(v, m_.strings.size(), "string", "strings");
        case OperandRole::Bytes:
            // Before version 5 OBytes names a string (spec/bytecode.md §4.1).
            return m_.version >= 5 ? index_in(v, m_.bytes_pos.size(), "bytes", "bytes entries")
                                   : index_in(v, m_.strings.size(), "string", "strings");
        case OperandRole::Global: return index_in(v, m_.globals.size(), "global", "globals");
        case OperandRole::Type: return index_in(v, m_.types.size(), "type", "types");
        case OperandRole::Fun:
            if (m_.signature_of(v) < 0) return fail("function index " + num(v) + " is not defined");
            return {};
        case OperandRole::Jump: return jump(v, false);
        default: return {};  // Field, Method, Ctor, Imm: checked against types in verifier_ops.cpp
        }
    };

    // Every index an op names is used by the linker to read a table (registers, constants,
    // globals, types, functions) or by the interpreter to jump: each must be inside its table.
    if (op.code == Opcode::Asm) return fail("Asm (inline machine code) cannot be run by an interpreter");
    if (op.extra_count > f_.extra.size() || op.extra_begin > f_.extra.size() - op.extra_count)
        return fail("operand list out of range");
    // The common case without building a Status per operand; role() says what is wrong.
    auto fits = [&](OperandRole r, int32_t v) -> bool {
        auto below = [v](size_t n) { return v >= 0 && static_cast<size_t>(v) < n; };
        switch (r) {
        case OperandRole::Reg: return below(f_.regs.size());
        case OperandRole::Int: return below(m_.ints.size());
        case OperandRole::Float: return below(m_.floats.size());
        case OperandRole::String: return below(m_.strings.size());
        case OperandRole::Bytes: return below(m_.version >= 5 ? m_.bytes_pos.size() : m_.strings.size());
        case OperandRole::Global: return below(m_.globals.size());
        case OperandRole::Type: return below(m_.types.size());
        case OperandRole::Fun: return m_.signature_of(v) >= 0;
        case OperandRole::Jump: {
            int64_t t = jump_target(v);
            return t >= 0 && t < nops;
        }
        default: return true;
        }
    };
    switch (info.shape) {
    case OpShape::Fixed:
        for (int k = 0; k < 4; k++)
            if (!fits(info.roles[k], op.p[k])) [[unlikely]]
                return role(info.roles[k], op.p[k]);
        return {};
    case OpShape::Switch: {
        HLFFI_VERIFY_TRY(reg_in_range(op.p[0]));
        const int32_t* offs = f_.args_of(op);
        for (uint32_t k = 0; k < op.extra_count; k++) HLFFI_VERIFY_TRY(jump(offs[k], false));
        return jump(op.p[1], true);  // the end offset is informational and may designate the end
    }
    default: {
        if (!fits(OperandRole::Reg, op.p[0])) [[unlikely]]
            return reg_in_range(op.p[0]);
        if (!fits(info.roles[1], op.p[1])) [[unlikely]]
            return role(info.roles[1], op.p[1]);
        const int32_t* args = f_.args_of(op);
        for (uint32_t k = 0; k < op.extra_count; k++)
            if (!fits(OperandRole::Reg, args[k])) [[unlikely]]
                return reg_in_range(args[k]);
        if (op.code == Opcode::CallMethod && op.extra_count == 0) return fail("CallMethod without a receiver");
        return {};
    }
    }
}

Status FunctionChecker::run() {
    op_index_ = -1;
    if (f_.ops.empty()) return fail("has no ops");
    // (T1) Callers store the arguments by the function type; the body reads them by the
    // registers' types.
    for (size_t i = 0; i < ftype_.args.size(); i++) {
        int32_t r = static_cast<int32_t>(i);
        if (!tr_.storable(ftype_.args[i], rt(r)))
            return fail("register " + num(r) + " (" + tr_.describe(rt(r)) + ") cannot hold argument " + num(r) + " (" +
                        tr_.describe(ftype_.args[i]) + ")");
    }
    for (size_t i = 0; i < f_.ops.size(); i++) {
        op_index_ = static_cast<int64_t>(i);
        HLFFI_VERIFY_TRY(check_ranges(f_.ops[i]));
        HLFFI_VERIFY_TRY(check_types(f_.ops[i]));
    }
    // The interpreter runs op after op without a bound check: the last op must not fall
    // through past the code (jumps cannot reach the end either, check_ranges).
    op_index_ = static_cast<int64_t>(f_.ops.size()) - 1;
    if (!is_terminator(f_.ops.back().code))
        return fail(std::string(op_info(f_.ops.back().code).name) + " ends the function: execution can fall off its end");
    // Trap nesting is not checked: the interpreter keeps it safe by itself (EndTrap only removes
    // traps of its own frame, a returning frame drops the ones it left, the table is bounded).
    return {};
}

}  // namespace verifier_detail

Status verify_module(const Module& m) {
    TypeRelations tr(m);
    HLFFI_VERIFY_TRY(check_table_indices(m, tr));
    // Every walk up a class chain costs its length; Haxe output stays far below this.
    constexpr int32_t kMaxClassDepth = 256;
    if (tr.max_class_depth() > kMaxClassDepth)
        return fail("class hierarchy deeper than " + num(kMaxClassDepth) + " classes");
    // Object types first: the per-op rules read virtual slots and fields through them.
    for (size_t i = 0; i < m.types.size(); i++) {
        auto t = static_cast<int32_t>(i);
        TypeKind k = m.types[i].kind;
        if (k != TypeKind::Obj && k != TypeKind::Struct) continue;
        if (auto s = check_object_type(m, tr, t); !s)
            return fail("type " + num(t) + " (" + tr.describe(t) + "): " + s.error().message);
    }
    for (size_t i = 0; i < m.constants.size(); i++)
        if (auto s = check_constant(m, tr, m.constants[i]); !s)
            return fail("constant " + num(static_cast<int64_t>(i)) + " (global " + num(m.constants[i].global) +
                        "): " + s.error().message);
    for (const Function& f : m.functions) {
        FunctionChecker c(m, tr, f);
        if (auto s = c.run(); !s) {
            // Names are only needed for the message: computed on failure.
            std::vector<std::string> names = compute_function_names(m);
            std::string label = "function " + num(f.findex) + " (" +
                                (static_cast<size_t>(f.findex) < names.size() ? names[static_cast<size_t>(f.findex)] : "?") + ")";
            if (c.failing_op() >= 0) label += ", op " + num(c.failing_op());
            return fail(label + ": " + s.error().message);
        }
    }
    return {};
}

}  // namespace hlffi::bc
