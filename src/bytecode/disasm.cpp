// bytecode layer (dump): the disassembler. Operands are printed from their roles in
// opcodes.def; only call, switch and enum-field shapes have a layout of their own.
#include "bytecode/dump_context.h"
#include "bytecode/dump_format.h"
#include "bytecode/function_names.h"

namespace hlffi::bc {

DumpContext::DumpContext(const Module& m) : m_(m), names_(compute_function_names(m)), all_fields_(m.types.size()) {
    // The reader guarantees parent chains end, so filling parents first terminates.
    std::vector<bool> done(m.types.size(), false);
    for (size_t i = 0; i < m.types.size(); i++) {
        if (m.types[i].kind != TypeKind::Obj && m.types[i].kind != TypeKind::Struct) continue;
        std::vector<int32_t> chain;
        for (int32_t cur = static_cast<int32_t>(i); cur >= 0 && !done[static_cast<size_t>(cur)]; cur = m.type(cur).super)
            chain.push_back(cur);
        for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
            const TypeDecl& t = m.type(*it);
            auto& all = all_fields_[static_cast<size_t>(*it)];
            if (t.super >= 0) all = all_fields_[static_cast<size_t>(t.super)];
            all.insert(all.end(), t.fields.begin(), t.fields.end());
            done[static_cast<size_t>(*it)] = true;
        }
    }
}

std::string DumpContext::fun_name(int32_t findex) const {
    if (findex >= 0 && static_cast<size_t>(findex) < names_.size() &&
        (m_.function_at(findex) != nullptr || m_.native_at(findex) != nullptr))
        return dumpfmt::text(names_[static_cast<size_t>(findex)]);
    return "?" + std::to_string(findex);
}

std::string DumpContext::str(int32_t s) const { return dumpfmt::text(m_.str(s)); }

std::string DumpContext::type_str(int32_t ti, int depth) const {
    if (depth > 3) return "...";
    const TypeDecl& t = m_.type(ti);
    switch (t.kind) {
    case TypeKind::Fun:
    case TypeKind::Method: {
        std::string s = "(";
        for (size_t i = 0; i < t.args.size(); i++) s += (i ? ", " : "") + type_str(t.args[i], depth + 1);
        s += ") -> " + type_str(t.ret, depth + 1);
        return t.kind == TypeKind::Fun ? s : "method " + s;
    }
    case TypeKind::Obj: return str(t.name);
    case TypeKind::Struct: return "@" + str(t.name);
    case TypeKind::Enum: return "enum<" + str(t.name) + ">";
    case TypeKind::Abstract: return "abstract<" + str(t.name) + ">";
    case TypeKind::Virtual: {
        std::string s = "virtual<";
        for (size_t i = 0; i < t.fields.size(); i++)
            s += (i ? "," : "") + str(t.fields[i].name) + ":" + type_str(t.fields[i].type, depth + 1);
        return s + ">";
    }
    case TypeKind::Ref: return "ref<" + type_str(t.param, depth + 1) + ">";
    case TypeKind::Null: return "null<" + type_str(t.param, depth + 1) + ">";
    case TypeKind::Packed: return "packed<" + type_str(t.param, depth + 1) + ">";
    default: return type_kind_name(t.kind);
    }
}

const std::vector<FieldDecl>& DumpContext::all_fields(int32_t t) const { return all_fields_[static_cast<size_t>(t)]; }

const TypeDecl* DumpContext::reg_type(const Function& f, int32_t reg) const {
    if (reg < 0 || static_cast<size_t>(reg) >= f.regs.size()) return nullptr;
    return &m_.type(f.regs[static_cast<size_t>(reg)]);
}

namespace {
std::string unknown(int32_t i) { return "#" + std::to_string(i); }
bool valid(int32_t i, size_t n) { return i >= 0 && static_cast<size_t>(i) < n; }
}  // namespace

std::string DumpContext::field_name(const Function& f, int32_t reg, int32_t fid) const {
    const TypeDecl* t = reg_type(f, reg);
    if (t == nullptr) return unknown(fid);
    if (t->kind == TypeKind::Obj || t->kind == TypeKind::Struct) {
        const auto& all = all_fields(f.regs[static_cast<size_t>(reg)]);
        if (valid(fid, all.size())) {
            std::string n = str(all[static_cast<size_t>(fid)].name);
            return n.empty() ? unknown(fid) : n;
        }
    } else if (t->kind == TypeKind::Virtual && valid(fid, t->fields.size())) {
        return str(t->fields[static_cast<size_t>(fid)].name);
    }
    return unknown(fid);
}

std::string DumpContext::proto_name(const Function& f, int32_t reg, int32_t pid) const {
    const TypeDecl* t = reg_type(f, reg);
    if (t == nullptr) return unknown(pid);
    if (t->kind == TypeKind::Virtual)
        return valid(pid, t->fields.size()) ? str(t->fields[static_cast<size_t>(pid)].name) : unknown(pid);
    while (t != nullptr && (t->kind == TypeKind::Obj || t->kind == TypeKind::Struct)) {
        for (const ProtoDecl& p : t->protos)
            if (p.pindex == pid) return str(p.name);
        t = t->super >= 0 ? &m_.type(t->super) : nullptr;
    }
    return unknown(pid);
}

std::string DumpContext::construct_name(const Function& f, int32_t reg, int32_t cid) const {
    const TypeDecl* t = reg_type(f, reg);
    if (t != nullptr && t->kind == TypeKind::Enum && valid(cid, t->constructs.size()))
        return str(t->constructs[static_cast<size_t>(cid)].name);
    return unknown(cid);
}

namespace {

std::string reg(int32_t r) { return "r" + std::to_string(r); }

// The register whose static type resolves a Field / Method / Ctor operand of a fixed-shape op
// (register 0 is `this` for GetThis / SetThis).
int32_t receiver_of(const Op& op) {
    switch (op.code) {
    case Opcode::Field:
    case Opcode::VirtualClosure: return op.p[1];
    case Opcode::SetField:
    case Opcode::EnumAlloc: return op.p[0];
    default: return 0;
    }
}

std::string bytes_operand(const DumpContext& ctx, int32_t a) {
    const Module& m = ctx.module();
    if (m.version < 5) {
        // Before version 5, Bytes takes a string index.
        return "bytes " + (valid(a, m.strings.size()) ? dumpfmt::shorten_repr(dumpfmt::repr_str(m.str(a)))
                                                      : "?" + std::to_string(a));
    }
    if (!valid(a, m.bytes_pos.size())) return "bytes?" + std::to_string(a);
    auto i = static_cast<size_t>(a);
    size_t start = static_cast<size_t>(m.bytes_pos[i]);
    size_t end = i + 1 < m.bytes_pos.size() ? static_cast<size_t>(m.bytes_pos[i + 1]) : m.bytes_data.size();
    size_t len = end > start ? end - start : 0;
    return "bytes#" + std::to_string(a) + " " + dumpfmt::shorten_repr(dumpfmt::repr_bytes(m.bytes_data.data() + start, len));
}

std::string operand(const DumpContext& ctx, const Function& f, size_t pos, const Op& op, OperandRole role, int32_t a) {
    const Module& m = ctx.module();
    switch (role) {
    case OperandRole::Reg: return reg(a);
    case OperandRole::Int: return valid(a, m.ints.size()) ? std::to_string(m.ints[static_cast<size_t>(a)]) : "int?" + std::to_string(a);
    case OperandRole::Float:
        return valid(a, m.floats.size()) ? dumpfmt::repr_float(m.floats[static_cast<size_t>(a)]) : "float?" + std::to_string(a);
    case OperandRole::String:
        return valid(a, m.strings.size()) ? dumpfmt::shorten_repr(dumpfmt::repr_str(m.str(a))) : "str?" + std::to_string(a);
    case OperandRole::Bytes: return bytes_operand(ctx, a);
    case OperandRole::Imm:
        if (op.code == Opcode::Bool) return a ? "true" : "false";
        return std::to_string(a);
    case OperandRole::Fun: return ctx.fun_name(a);
    case OperandRole::Global: return "global" + std::to_string(a);
    case OperandRole::Jump: return "@" + std::to_string(static_cast<int64_t>(pos) + 1 + a);
    case OperandRole::Type: return valid(a, m.types.size()) ? ctx.type_str(a) : "type?" + std::to_string(a);
    case OperandRole::Field: return "." + ctx.field_name(f, receiver_of(op), a);
    case OperandRole::Method: return "." + ctx.proto_name(f, receiver_of(op), a);
    case OperandRole::Ctor: return ctx.construct_name(f, receiver_of(op), a);
    case OperandRole::None: break;
    }
    return {};
}

// CallN, CallMethod, CallThis, CallClosure, MakeEnum: "Op rD, callee(rA,rB)".
std::string variable_call(const DumpContext& ctx, const Function& f, const Op& op) {
    const OpInfo& info = op_info(op.code);
    const int32_t* args = f.args_of(op);
    std::string list;
    for (uint32_t k = 0; k < op.extra_count; k++) list += (k ? "," : "") + reg(args[k]);
    int32_t x = op.p[1];
    std::string callee;
    switch (info.roles[1]) {
    case OperandRole::Fun: callee = ctx.fun_name(x); break;
    case OperandRole::Reg: callee = reg(x); break;
    case OperandRole::Ctor: callee = ctx.construct_name(f, op.p[0], x); break;
    default:  // Method: the receiver is `this` or the first argument
        if (op.code == Opcode::CallThis) {
            callee = "this." + ctx.proto_name(f, 0, x);
        } else {
            int32_t obj = op.extra_count > 0 ? args[0] : -1;
            callee = reg(obj) + "." + ctx.proto_name(f, obj, x);
        }
        break;
    }
    return std::string(info.name) + " " + reg(op.p[0]) + ", " + callee + "(" + list + ")";
}

}  // namespace

std::string disassemble_op(const DumpContext& ctx, const Function& f, size_t pos) {
    const Op& op = f.ops[pos];
    const OpInfo& info = op_info(op.code);
    std::string text(info.name);
    if (info.shape == OpShape::CallVar) return variable_call(ctx, f, op);
    if (info.shape == OpShape::Switch) {
        const int32_t* offs = f.args_of(op);
        text += " " + reg(op.p[0]) + ", [";
        for (uint32_t k = 0; k < op.extra_count; k++)
            text += (k ? "," : "") + std::to_string(static_cast<int64_t>(pos) + 1 + offs[k]);
        return text + "], end=" + std::to_string(static_cast<int64_t>(pos) + 1 + op.p[1]);
    }
    if (op.code == Opcode::EnumField)
        return text + " " + reg(op.p[0]) + ", " + reg(op.p[1]) + "." + ctx.construct_name(f, op.p[1], op.p[2]) + "[" +
               std::to_string(op.p[3]) + "]";
    std::string sep = " ";
    for (int k = 0; k < 4 && info.roles[k] != OperandRole::None; k++) {
        text += sep + operand(ctx, f, pos, op, info.roles[k], op.p[k]);
        sep = ", ";
    }
    // Call0..Call4 list their arguments as plain register operands.
    const int32_t* args = f.args_of(op);
    if (is_call_shape(info.shape))
        for (uint32_t k = 0; k < op.extra_count; k++) text += ", " + reg(args[k]);
    return text;
}

}  // namespace hlffi::bc
