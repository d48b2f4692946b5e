// bytecode layer: the typing rule of every opcode (spec/bytecode.md §4), applied after the
// operand ranges were checked (verifier.cpp). "Store" means TypeRelations::storable.
#include <span>

#include "bytecode/verifier_internal.h"

namespace hlffi::bc::verifier_detail {

namespace {

std::string num(int64_t v) { return std::to_string(v); }

bool is_numeric(TypeKind k) { return is_integer_kind(k) || is_float_kind(k); }

}  // namespace

std::string FunctionChecker::reg_desc(int32_t r) const {
    return "register " + num(r) + " (" + tr_.describe(rt(r)) + ")";
}

Status FunctionChecker::expect(int32_t r, bool ok, const char* what) const {
    if (!ok) return fail(reg_desc(r) + " should be " + what);
    return {};
}

Status FunctionChecker::expect_kind(int32_t r, TypeKind k) const {
    if (rk(r) != k) return fail(reg_desc(r) + " should be " + type_kind_name(k));
    return {};
}

Status FunctionChecker::store(int32_t value_type, int32_t place_type, const std::string& what) const {
    if (!tr_.storable(value_type, place_type))
        return fail("cannot store " + tr_.describe(value_type) + " into " + what + " of type " + tr_.describe(place_type));
    return {};
}

// The type of field `field` of register `obj_reg`'s static type (spec/bytecode.md §4.5).
Status FunctionChecker::field_type(int32_t obj_reg, int32_t field, int32_t& out) const {
    int32_t t = rt(obj_reg);
    const TypeDecl& d = m_.type(t);
    if (d.kind == TypeKind::Obj || d.kind == TypeKind::Struct) {
        const FieldDecl* fd = tr_.object_field(t, field);
        if (fd == nullptr)
            return fail("field " + num(field) + " out of range for " + reg_desc(obj_reg) + ", which has " +
                        num(tr_.field_count(t)) + " fields");
        out = fd->type;
        return {};
    }
    if (d.kind == TypeKind::Virtual) {
        if (field < 0 || static_cast<size_t>(field) >= d.fields.size())
            return fail("field " + num(field) + " out of range for " + reg_desc(obj_reg) + ", which has " +
                        num(static_cast<int64_t>(d.fields.size())) + " fields");
        out = d.fields[static_cast<size_t>(field)].type;
        return {};
    }
    return fail(reg_desc(obj_reg) + " has no fields");
}

// The function type of virtual slot `slot` of class `obj_type` (spec/bytecode.md §4.3, §4.4).
Status FunctionChecker::method_type(int32_t obj_type, int32_t slot, int32_t& out) const {
    const ProtoDecl* p = tr_.proto_in_slot(obj_type, slot);
    if (p == nullptr) return fail("no method in virtual slot " + num(slot) + " of " + tr_.describe(obj_type));
    out = m_.signature_of(p->findex);
    if (out < 0 || m_.type(out).args.empty())
        return fail("method in slot " + num(slot) + " of " + tr_.describe(obj_type) + " has no receiver argument");
    return {};
}

Status FunctionChecker::check_args(const int32_t* regs, size_t n, const std::vector<int32_t>& params, size_t first) {
    if (params.size() < first || params.size() - first != n)
        return fail(num(static_cast<int64_t>(n)) + " arguments given, callee takes " +
                    num(static_cast<int64_t>(params.size() - std::min(first, params.size()))));
    for (size_t i = 0; i < n; i++)
        HLFFI_VERIFY_TRY(store(rt(regs[i]), params[first + i], "argument " + num(static_cast<int64_t>(i))));
    return {};
}

Status FunctionChecker::check_fun_result(int32_t ret, int32_t dst) {
    return store(ret, rt(dst), "result register " + num(dst));
}

Status FunctionChecker::check_arith(const Op& op) {
    const int32_t dst = op.p[0];
    const TypeKind k = rk(dst);
    const bool unary = op.code == Opcode::Neg;
    bool int_only = false;
    switch (op.code) {
    case Opcode::UDiv: case Opcode::UMod: case Opcode::Shl: case Opcode::SShr: case Opcode::UShr:
    case Opcode::And: case Opcode::Or: case Opcode::Xor: int_only = true; break;
    default: break;
    }
    HLFFI_VERIFY_TRY(expect(dst, int_only ? is_integer_kind(k) : is_numeric(k), int_only ? "an integer" : "numeric"));
    for (int i = 1; i <= (unary ? 1 : 2); i++)
        if (rk(op.p[i]) != k) return fail(reg_desc(op.p[i]) + " should be " + type_kind_name(k) + " like " + reg_desc(dst));
    return {};
}

// spec/bytecode.md §4.6: which pairs of static types each comparison accepts.
Status FunctionChecker::check_compare(const Op& op) {
    const int32_t a = op.p[0], b = op.p[1];
    const TypeKind ka = rk(a), kb = rk(b);
    const bool equality = op.code == Opcode::JEq || op.code == Opcode::JNotEq;
    auto mismatch = [&]() { return fail("cannot compare " + reg_desc(a) + " with " + reg_desc(b)); };
    auto dynlike = [](TypeKind k) { return k == TypeKind::Dyn || k == TypeKind::Fun; };
    if (dynlike(ka) || dynlike(kb)) {
        // hl_dyn_compare: both sides must be values with a type header.
        if (!is_dynamic_kind(ka) || !is_dynamic_kind(kb)) return mismatch();
        return {};
    }
    if (op.code == Opcode::JNotLt || op.code == Opcode::JNotGte) {
        if (!is_float_kind(ka) || ka != kb) return fail("JNotLt/JNotGte need two float registers, not " + reg_desc(a) + " and " + reg_desc(b));
        return {};
    }
    if (equality && (ka == TypeKind::Obj || ka == TypeKind::Virtual) && (kb == TypeKind::Obj || kb == TypeKind::Virtual)) {
        if (ka == TypeKind::Obj && kb == TypeKind::Obj && !tr_.storable(rt(a), rt(b)) && !tr_.storable(rt(b), rt(a)))
            return mismatch();  // a class's __compare receives the other operand
        return {};
    }
    if (ka != kb) return mismatch();
    switch (ka) {
    case TypeKind::Obj: case TypeKind::Struct:
        if (!tr_.storable(rt(a), rt(b)) && !tr_.storable(rt(b), rt(a))) return mismatch();
        return {};
    case TypeKind::Null:
        // Boxed payloads are compared with the inner type's width.
        if (!tr_.same_type(rt(a), rt(b))) return mismatch();
        return {};
    case TypeKind::Void: return mismatch();
    default: return {};
    }
}

Status FunctionChecker::check_direct_call(const Op& op) {
    const TypeDecl& sig = m_.type(m_.signature_of(op.p[1]));
    HLFFI_VERIFY_TRY(check_args(f_.args_of(op), op.extra_count, sig.args, 0));
    return check_fun_result(sig.ret, op.p[0]);
}

Status FunctionChecker::check_method_call(const Op& op) {
    const int32_t* args = f_.args_of(op);
    const size_t n = op.extra_count;
    const int32_t slot = op.p[1];
    if (op.code == Opcode::CallThis) {
        if (f_.regs.empty()) return fail("CallThis in a function without registers");
        HLFFI_VERIFY_TRY(expect_kind(0, TypeKind::Obj));
        int32_t sig = -1;
        HLFFI_VERIFY_TRY(method_type(rt(0), slot, sig));
        const TypeDecl& st = m_.type(sig);
        HLFFI_VERIFY_TRY(store(rt(0), st.args[0], "the receiver"));
        HLFFI_VERIFY_TRY(check_args(args, n, st.args, 1));
        return check_fun_result(st.ret, op.p[0]);
    }
    const int32_t obj = args[0];
    const TypeDecl& ot = m_.type(rt(obj));
    if (ot.kind == TypeKind::Obj) {
        int32_t sig = -1;
        HLFFI_VERIFY_TRY(method_type(rt(obj), slot, sig));
        const TypeDecl& st = m_.type(sig);
        HLFFI_VERIFY_TRY(check_args(args, n, st.args, 0));
        return check_fun_result(st.ret, op.p[0]);
    }
    if (ot.kind == TypeKind::Virtual) {
        // The slot is a field of the virtual; its method type excludes the receiver.
        if (slot < 0 || static_cast<size_t>(slot) >= ot.fields.size())
            return fail("method field " + num(slot) + " out of range for " + reg_desc(obj) + ", which has " +
                        num(static_cast<int64_t>(ot.fields.size())) + " fields");
        int32_t ft = ot.fields[static_cast<size_t>(slot)].type;
        const TypeDecl& st = m_.type(ft);
        if (st.kind != TypeKind::Method && st.kind != TypeKind::Fun)
            return fail("field " + num(slot) + " of " + reg_desc(obj) + " is not a method");
        HLFFI_VERIFY_TRY(check_args(args + 1, n - 1, st.args, 0));
        return check_fun_result(st.ret, op.p[0]);
    }
    return fail(reg_desc(obj) + " has no methods");
}

Status FunctionChecker::check_closure_call(const Op& op) {
    const int32_t cl = op.p[1];
    const int32_t* args = f_.args_of(op);
    if (rk(cl) == TypeKind::Fun) {
        const TypeDecl& st = m_.type(rt(cl));
        HLFFI_VERIFY_TRY(check_args(args, op.extra_count, st.args, 0));
        return check_fun_result(st.ret, op.p[0]);
    }
    if (rk(cl) == TypeKind::Dyn) {
        // hl_dyn_call: arguments are passed as dynamic values; the result is cast to dst's type.
        for (uint32_t i = 0; i < op.extra_count; i++)
            HLFFI_VERIFY_TRY(expect(args[i], is_dynamic_kind(rk(args[i])), "of a dynamic kind (dynamic call argument)"));
        return {};
    }
    return fail(reg_desc(cl) + " is not callable");
}

Status FunctionChecker::check_field(const Op& op) {
    int32_t t = -1;
    switch (op.code) {
    case Opcode::Field:
        HLFFI_VERIFY_TRY(field_type(op.p[1], op.p[2], t));
        return store(t, rt(op.p[0]), "register " + num(op.p[0]));
    case Opcode::SetField:
        HLFFI_VERIFY_TRY(field_type(op.p[0], op.p[1], t));
        return store(rt(op.p[2]), t, "field " + num(op.p[1]));
    case Opcode::GetThis:
    case Opcode::SetThis: {
        if (f_.regs.empty()) return fail("GetThis/SetThis in a function without registers");
        HLFFI_VERIFY_TRY(expect(0, rk(0) == TypeKind::Obj || rk(0) == TypeKind::Struct, "an object (this)"));
        bool get = op.code == Opcode::GetThis;
        HLFFI_VERIFY_TRY(field_type(0, get ? op.p[1] : op.p[0], t));
        return get ? store(t, rt(op.p[0]), "register " + num(op.p[0])) : store(rt(op.p[1]), t, "field " + num(op.p[0]));
    }
    default: return {};
    }
}

// spec/bytecode.md §4.12. Constructor indices refer to the enum register's static type.
Status FunctionChecker::check_enum(const Op& op) {
    const int32_t e = op.code == Opcode::SetEnumField ? op.p[0] : op.code == Opcode::EnumField ? op.p[1] : op.p[0];
    if (op.code == Opcode::EnumIndex) {
        HLFFI_VERIFY_TRY(expect_kind(op.p[0], TypeKind::I32));
        // Type.enumIndex applies it to a dynamic: the interpreter must check the runtime kind.
        return expect(op.p[1], rk(op.p[1]) == TypeKind::Enum || rk(op.p[1]) == TypeKind::Dyn, "an enum or dynamic");
    }
    HLFFI_VERIFY_TRY(expect_kind(e, TypeKind::Enum));
    const auto& ctors = m_.type(rt(e)).constructs;
    const int32_t c = op.code == Opcode::SetEnumField ? 0 : op.code == Opcode::EnumField ? op.p[2] : op.p[1];
    if (c < 0 || static_cast<size_t>(c) >= ctors.size())
        return fail("constructor " + num(c) + " out of range for " + reg_desc(e) + ", which has " +
                    num(static_cast<int64_t>(ctors.size())));
    const auto& params = ctors[static_cast<size_t>(c)].params;
    auto param = [&](int32_t i) -> Status {
        if (i < 0 || static_cast<size_t>(i) >= params.size())
            return fail("parameter " + num(i) + " out of range for constructor " + num(c) + " of " + tr_.describe(rt(e)) +
                        ", which has " + num(static_cast<int64_t>(params.size())));
        return {};
    };
    switch (op.code) {
    case Opcode::MakeEnum: {
        const int32_t* args = f_.args_of(op);
        if (op.extra_count != params.size())
            return fail(num(op.extra_count) + " values given, constructor " + num(c) + " takes " +
                        num(static_cast<int64_t>(params.size())));
        for (uint32_t i = 0; i < op.extra_count; i++)
            HLFFI_VERIFY_TRY(store(rt(args[i]), params[i], "constructor parameter " + num(i)));
        return {};
    }
    case Opcode::EnumField:
        HLFFI_VERIFY_TRY(param(op.p[3]));
        return store(params[static_cast<size_t>(op.p[3])], rt(op.p[0]), "register " + num(op.p[0]));
    case Opcode::SetEnumField:
        HLFFI_VERIFY_TRY(param(op.p[1]));
        return store(rt(op.p[2]), params[static_cast<size_t>(op.p[1])], "constructor parameter " + num(op.p[1]));
    default: return {};  // EnumAlloc: the constructor index was all
    }
}

// spec/bytecode.md §4.9: byte buffers with i32 offsets, native arrays with i32 indices.
Status FunctionChecker::check_memory(const Op& op) {
    auto mem_kind = [](TypeKind k) {
        return k == TypeKind::I32 || k == TypeKind::I64 || k == TypeKind::F32 || k == TypeKind::F64;
    };
    switch (op.code) {
    case Opcode::GetI8: case Opcode::GetI16:
        HLFFI_VERIFY_TRY(expect_kind(op.p[0], TypeKind::I32));
        HLFFI_VERIFY_TRY(expect_kind(op.p[1], TypeKind::Bytes));
        return expect_kind(op.p[2], TypeKind::I32);
    case Opcode::GetMem:
        HLFFI_VERIFY_TRY(expect(op.p[0], mem_kind(rk(op.p[0])), "i32, i64, f32 or f64"));
        HLFFI_VERIFY_TRY(expect_kind(op.p[1], TypeKind::Bytes));
        return expect_kind(op.p[2], TypeKind::I32);
    case Opcode::SetI8: case Opcode::SetI16: case Opcode::SetMem:
        HLFFI_VERIFY_TRY(expect_kind(op.p[0], TypeKind::Bytes));
        HLFFI_VERIFY_TRY(expect_kind(op.p[1], TypeKind::I32));
        if (op.code == Opcode::SetMem) return expect(op.p[2], mem_kind(rk(op.p[2])), "i32, i64, f32 or f64");
        return expect_kind(op.p[2], TypeKind::I32);
    case Opcode::GetArray:
        HLFFI_VERIFY_TRY(expect(op.p[0], rk(op.p[0]) != TypeKind::Void, "a value (array element)"));
        HLFFI_VERIFY_TRY(expect_kind(op.p[1], TypeKind::Array));
        return expect_kind(op.p[2], TypeKind::I32);
    case Opcode::SetArray:
        HLFFI_VERIFY_TRY(expect_kind(op.p[0], TypeKind::Array));
        HLFFI_VERIFY_TRY(expect_kind(op.p[1], TypeKind::I32));
        return expect(op.p[2], rk(op.p[2]) != TypeKind::Void, "a value (array element)");
    case Opcode::ArraySize:
        HLFFI_VERIFY_TRY(expect_kind(op.p[0], TypeKind::I32));
        return expect_kind(op.p[1], TypeKind::Array);
    default: return {};
    }
}

// spec/bytecode.md §4.11: a ref<T> always points at storage of exactly T.
Status FunctionChecker::check_ref(const Op& op) {
    auto ref_param = [&](int32_t r, int32_t& out) -> Status {
        HLFFI_VERIFY_TRY(expect_kind(r, TypeKind::Ref));
        out = m_.type(rt(r)).param;
        return {};
    };
    int32_t t = -1;
    switch (op.code) {
    case Opcode::Ref:
        HLFFI_VERIFY_TRY(ref_param(op.p[0], t));
        if (!tr_.same_type(t, rt(op.p[1])))
            return fail(reg_desc(op.p[0]) + " cannot point at " + reg_desc(op.p[1]));
        return {};
    case Opcode::Unref:
        HLFFI_VERIFY_TRY(ref_param(op.p[1], t));
        return store(t, rt(op.p[0]), "register " + num(op.p[0]));
    case Opcode::Setref:
        HLFFI_VERIFY_TRY(ref_param(op.p[0], t));
        return store(rt(op.p[1]), t, "the referenced value");
    case Opcode::RefData:
        HLFFI_VERIFY_TRY(ref_param(op.p[0], t));
        return expect_kind(op.p[1], TypeKind::Array);
    case Opcode::RefOffset:
        HLFFI_VERIFY_TRY(ref_param(op.p[0], t));
        if (!tr_.same_type(rt(op.p[0]), rt(op.p[1]))) return fail(reg_desc(op.p[1]) + " should be " + tr_.describe(rt(op.p[0])));
        return expect_kind(op.p[2], TypeKind::I32);
    default: return {};
    }
}

Status FunctionChecker::check_types(const Op& op) {
    const int32_t* p = op.p;
    auto is_ptr = [&](int32_t r) { return is_pointer_kind(rk(r)); };
    switch (op.code) {
    case Opcode::Mov: return store(rt(p[1]), rt(p[0]), "register " + num(p[0]));
    case Opcode::Int: return expect(p[0], is_integer_kind(rk(p[0])), "an integer");
    case Opcode::Float: return expect(p[0], is_float_kind(rk(p[0])), "a float");
    case Opcode::Bool: return expect_kind(p[0], TypeKind::Bool);
    case Opcode::Bytes: case Opcode::String: return expect_kind(p[0], TypeKind::Bytes);
    case Opcode::Null: return expect(p[0], is_ptr(p[0]), "nullable");
    case Opcode::Add: case Opcode::Sub: case Opcode::Mul: case Opcode::SDiv: case Opcode::UDiv:
    case Opcode::SMod: case Opcode::UMod: case Opcode::Shl: case Opcode::SShr: case Opcode::UShr:
    case Opcode::And: case Opcode::Or: case Opcode::Xor: case Opcode::Neg:
        return check_arith(op);
    case Opcode::Not:
        HLFFI_VERIFY_TRY(expect_kind(p[0], TypeKind::Bool));
        return expect_kind(p[1], TypeKind::Bool);
    case Opcode::Incr: case Opcode::Decr: return expect(p[0], is_integer_kind(rk(p[0])), "an integer");
    case Opcode::Call0: case Opcode::Call1: case Opcode::Call2: case Opcode::Call3: case Opcode::Call4:
    case Opcode::CallN:
        return check_direct_call(op);
    case Opcode::CallMethod: case Opcode::CallThis: return check_method_call(op);
    case Opcode::CallClosure: return check_closure_call(op);
    case Opcode::StaticClosure: return store(m_.signature_of(p[1]), rt(p[0]), "register " + num(p[0]));
    case Opcode::InstanceClosure: {
        const TypeDecl& st = m_.type(m_.signature_of(p[1]));
        if (st.args.empty()) return fail("function " + num(p[1]) + " takes no argument to bind");
        // A closure's bound value is one pointer (spec/runtime.md §8.1).
        if (!is_pointer_kind(m_.type(st.args[0]).kind))
            return fail("function " + num(p[1]) + " has a first argument of type " + tr_.describe(st.args[0]) +
                        ", which cannot be bound");
        HLFFI_VERIFY_TRY(store(rt(p[2]), st.args[0], "the bound argument"));
        if (!tr_.fun_storable(std::span(st.args).subspan(1), st.ret, rt(p[0])))
            return fail("the closure of function " + num(p[1]) + " does not fit " + reg_desc(p[0]));
        return {};
    }
    case Opcode::VirtualClosure: {
        HLFFI_VERIFY_TRY(expect_kind(p[1], TypeKind::Obj));
        int32_t sig = -1;
        HLFFI_VERIFY_TRY(method_type(rt(p[1]), p[2], sig));
        const TypeDecl& st = m_.type(sig);
        if (!tr_.fun_storable(std::span(st.args).subspan(1), st.ret, rt(p[0])))
            return fail("the closure of slot " + num(p[2]) + " does not fit " + reg_desc(p[0]));
        return {};
    }
    case Opcode::GetGlobal: return store(m_.globals[static_cast<size_t>(p[1])], rt(p[0]), "register " + num(p[0]));
    case Opcode::SetGlobal: return store(rt(p[1]), m_.globals[static_cast<size_t>(p[0])], "global " + num(p[0]));
    case Opcode::Field: case Opcode::SetField: case Opcode::GetThis: case Opcode::SetThis: return check_field(op);
    case Opcode::DynGet: case Opcode::DynSet: {
        int32_t obj = op.code == Opcode::DynGet ? p[1] : p[0];
        int32_t val = op.code == Opcode::DynGet ? p[0] : p[2];
        HLFFI_VERIFY_TRY(expect(val, rk(val) != TypeKind::Void, "a value"));
        TypeKind k = rk(obj);
        return expect(obj, k == TypeKind::Obj || k == TypeKind::Dyn || k == TypeKind::DynObj || k == TypeKind::Virtual,
                      "an object, dynobj, virtual or dynamic");
    }
    case Opcode::JTrue: case Opcode::JFalse: return expect_kind(p[0], TypeKind::Bool);
    case Opcode::JNull: case Opcode::JNotNull: return expect(p[0], is_ptr(p[0]), "nullable");
    case Opcode::JSLt: case Opcode::JSGte: case Opcode::JSGt: case Opcode::JSLte: case Opcode::JULt:
    case Opcode::JUGte: case Opcode::JNotLt: case Opcode::JNotGte: case Opcode::JEq: case Opcode::JNotEq:
        return check_compare(op);
    case Opcode::ToDyn: {
        TypeKind k = rk(p[1]);
        HLFFI_VERIFY_TRY(expect(p[1], k != TypeKind::Void && !is_dynamic_kind(k), "a value that needs boxing"));
        if (rk(p[0]) == TypeKind::Dyn) return {};
        if (rk(p[0]) != TypeKind::Null || !tr_.same_type(m_.type(rt(p[0])).param, rt(p[1])))
            return fail(reg_desc(p[0]) + " cannot hold a box of " + reg_desc(p[1]));
        return {};
    }
    case Opcode::ToSFloat: case Opcode::ToUFloat:
        HLFFI_VERIFY_TRY(expect(p[0], is_float_kind(rk(p[0])), "a float"));
        return expect(p[1], is_numeric(rk(p[1])), "numeric");
    case Opcode::ToInt:
        HLFFI_VERIFY_TRY(expect(p[0], is_integer_kind(rk(p[0])), "an integer"));
        return expect(p[1], is_numeric(rk(p[1])), "numeric");
    case Opcode::SafeCast:
        // Checked at run time (hl_dyn_cast*); a void register has no value to convert.
        HLFFI_VERIFY_TRY(expect(p[0], rk(p[0]) != TypeKind::Void, "a value"));
        return expect(p[1], rk(p[1]) != TypeKind::Void, "a value");
    case Opcode::UnsafeCast:
        // A bit copy: never between a pointer and a plain value, nor between value widths.
        if (is_ptr(p[0]) != is_ptr(p[1]) || (!is_ptr(p[0]) && rk(p[0]) != rk(p[1])))
            return fail("cannot reinterpret " + reg_desc(p[1]) + " as " + reg_desc(p[0]));
        return {};
    case Opcode::ToVirtual: {
        HLFFI_VERIFY_TRY(expect_kind(p[0], TypeKind::Virtual));
        TypeKind k = rk(p[1]);
        return expect(p[1], k == TypeKind::Obj || k == TypeKind::DynObj || k == TypeKind::Dyn || k == TypeKind::Virtual,
                      "an object, dynobj, virtual or dynamic");
    }
    case Opcode::Ret:
        if (m_.type(ftype_.ret).kind == TypeKind::Void) return {};
        return store(rt(p[0]), ftype_.ret, "the return value");
    case Opcode::Throw: case Opcode::Rethrow: return expect(p[0], is_dynamic_kind(rk(p[0])), "of a dynamic kind");
    case Opcode::Switch: return expect_kind(p[0], TypeKind::I32);
    case Opcode::NullCheck: return expect(p[0], is_ptr(p[0]), "nullable");
    case Opcode::Trap: return expect_kind(p[0], TypeKind::Dyn);  // receives the exception value
    case Opcode::GetI8: case Opcode::GetI16: case Opcode::GetMem: case Opcode::GetArray: case Opcode::SetI8:
    case Opcode::SetI16: case Opcode::SetMem: case Opcode::SetArray: case Opcode::ArraySize:
        return check_memory(op);
    case Opcode::New: {
        TypeKind k = rk(p[0]);
        return expect(p[0], k == TypeKind::Obj || k == TypeKind::Struct || k == TypeKind::DynObj || k == TypeKind::Virtual,
                      "an object, struct, dynobj or virtual");
    }
    case Opcode::Type: return expect_kind(p[0], TypeKind::Type);
    case Opcode::GetType:
        HLFFI_VERIFY_TRY(expect_kind(p[0], TypeKind::Type));
        return expect(p[1], is_dynamic_kind(rk(p[1])), "of a dynamic kind");
    case Opcode::GetTID:
        HLFFI_VERIFY_TRY(expect_kind(p[0], TypeKind::I32));
        return expect_kind(p[1], TypeKind::Type);
    case Opcode::Ref: case Opcode::Unref: case Opcode::Setref: case Opcode::RefData: case Opcode::RefOffset:
        return check_ref(op);
    case Opcode::MakeEnum: case Opcode::EnumAlloc: case Opcode::EnumIndex: case Opcode::EnumField:
    case Opcode::SetEnumField:
        return check_enum(op);
    case Opcode::Prefetch:
        if (p[1] > 0) {
            int32_t t = -1;
            return field_type(p[0], p[1] - 1, t);
        }
        return {};
    default: return {};  // Label, JAlways, EndTrap, Assert, Nop, Catch: nothing typed
    }
}

}  // namespace hlffi::bc::verifier_detail
