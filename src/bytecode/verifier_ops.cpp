// bytecode layer: the typing rule of every opcode (spec/bytecode.md §4), applied after the
// operand ranges were checked (verifier.cpp). "Store" means TypeRelations::storable.
//
// The rules exist for memory safety only: they are what the linker and the interpreter trust
// without checking at run time. Haxe 4.2.5 output must always pass, so nothing else is ruled.
// What is trusted:
//  (T1) a register, field, global, argument, result or enum parameter of a pointer kind holds null
//       or a value that fits its static type (the layout, type header or native object its users
//       dereference). Every write into such a place is a Store.
//  (T2) an op that dereferences a register by its static type (fields, methods, closures, arrays,
//       enums, dynamic access, type descriptors) finds that kind in it.
//  (T3) plain values (ui8..f64, bool) are bits in 8-byte slots: reading any register's bits as a
//       number is harmless, so operands that are only read as numbers are not ruled, and an op
//       that produces a number only needs a destination that is not a pointer.
//  (T4) calls pass exactly as many arguments as the callee reads.
// What the interpreter checks itself instead: null receivers, array bounds, element widths and
// element types, the constructor of an enum value before EnumField, the runtime type behind
// UnsafeCast, a class's __compare being called with a dynamic value, trap nesting.
#include <span>

#include "bytecode/verifier_internal.h"

namespace hlffi::bc::verifier_detail {

namespace {

std::string num(int64_t v) { return std::to_string(v); }

// Kinds whose registers hold a pointer (to a layout, a header, a native object).
bool holds_pointer(TypeKind k) { return is_pointer_kind(k); }

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

// (T1/T3) The op writes a plain number into `r`: a pointer register would later be dereferenced.
Status FunctionChecker::expect_number_dst(int32_t r) const {
    if (holds_pointer(rk(r))) return fail(reg_desc(r) + " holds a pointer and cannot receive a plain value");
    return {};
}

Status FunctionChecker::store(int32_t value_type, int32_t place_type, const char* what, int64_t n) const {
    if (!tr_.storable(value_type, place_type)) [[unlikely]]
        return fail("cannot store " + tr_.describe(value_type) + " into " + what + (n >= 0 ? " " + num(n) : "") + " of type " +
                    tr_.describe(place_type));
    return {};
}

// The type of field `field` of register `obj_reg`'s static type (spec/bytecode.md §4.5).
// (T2) The linker resolves the field to an offset of that layout (objects, structs) or a slot of
// that virtual: a register of another kind has no such layout, an index past the fields would
// read outside the object.
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
// (T2) The slot indexes the class's virtual table; the receiver is passed as the first argument.
Status FunctionChecker::method_type(int32_t obj_type, int32_t slot, int32_t& out) const {
    const ProtoDecl* p = tr_.proto_in_slot(obj_type, slot);
    if (p == nullptr) return fail("no method in virtual slot " + num(slot) + " of " + tr_.describe(obj_type));
    out = m_.signature_of(p->findex);
    if (out < 0 || m_.type(out).args.empty())
        return fail("method in slot " + num(slot) + " of " + tr_.describe(obj_type) + " has no receiver argument");
    return {};
}

// (T4) The callee reads its declared arguments (a native dereferences its pointer arguments), and
// the interpreter copies exactly the given count into the callee's registers. (T1) each argument.
Status FunctionChecker::check_args(const int32_t* regs, size_t n, const std::vector<int32_t>& params, size_t first) {
    if (params.size() < first || params.size() - first != n)
        return fail(num(static_cast<int64_t>(n)) + " arguments given, callee takes " +
                    num(static_cast<int64_t>(params.size() - std::min(first, params.size()))));
    for (size_t i = 0; i < n; i++)
        HLFFI_VERIFY_TRY(store(rt(regs[i]), params[first + i], "argument", static_cast<int64_t>(i)));
    return {};
}

// (T1) The callee's result lands in dst.
Status FunctionChecker::check_fun_result(int32_t ret, int32_t dst) {
    return store(ret, rt(dst), "result register", dst);
}

// spec/bytecode.md §4.6. Only the two comparisons that dereference their operands by a static
// promise are ruled; every other pair is compared without trusting more than the slots
// (interp/slow_paths.cpp compare_jump): pointers by identity or address, null<T> boxes by their
// 8-byte payload, plain values as numbers, and a class's __compare is called only when the other
// operand carries a type header (checked there at run time). Objects of unrelated classes are
// therefore simply different.
Status FunctionChecker::check_compare(const Op& op) {
    const int32_t a = op.p[0], b = op.p[1];
    const TypeKind ka = rk(a), kb = rk(b);
    auto mismatch = [&]() { return fail("cannot compare " + reg_desc(a) + " with " + reg_desc(b)); };
    auto dynlike = [](TypeKind k) { return k == TypeKind::Dyn || k == TypeKind::Fun; };
    // hl_dyn_compare reads both operands' type headers: a plain value or a raw pointer (bytes,
    // abstract, type...) would be dereferenced as a dynamic value.
    if ((dynlike(ka) || dynlike(kb)) && (!is_dynamic_kind(ka) || !is_dynamic_kind(kb))) return mismatch();
    // Type registers are compared as type descriptors (hl_same_type reads both): the other side
    // must be a type descriptor too.
    if ((ka == TypeKind::Type) != (kb == TypeKind::Type)) return mismatch();
    return {};
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
        // (T2) register 0's class supplies the virtual table.
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
        // (T2) the receiver's class supplies the virtual table; an override accepts what its
        // parent's signature accepts (checked with the class, verifier.cpp).
        int32_t sig = -1;
        HLFFI_VERIFY_TRY(method_type(rt(obj), slot, sig));
        const TypeDecl& st = m_.type(sig);
        HLFFI_VERIFY_TRY(check_args(args, n, st.args, 0));
        return check_fun_result(st.ret, op.p[0]);
    }
    if (ot.kind == TypeKind::Virtual) {
        // (T2) The slot is a field of the virtual (its table of slots); the method type excludes
        // the receiver.
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
    // (T2) Any other receiver would be read as a virtual.
    return fail(reg_desc(obj) + " has no methods");
}

Status FunctionChecker::check_closure_call(const Op& op) {
    const int32_t cl = op.p[1];
    const int32_t* args = f_.args_of(op);
    if (rk(cl) == TypeKind::Fun) {
        // (T2) read as a closure; (T1, T4) its function receives the arguments its type declares.
        const TypeDecl& st = m_.type(rt(cl));
        HLFFI_VERIFY_TRY(check_args(args, op.extra_count, st.args, 0));
        return check_fun_result(st.ret, op.p[0]);
    }
    if (rk(cl) == TypeKind::Dyn) {
        // hl_dyn_call: the value's header is checked at run time and the result is converted to
        // dst's type; the arguments are handed over as dynamic values, so each must carry a
        // type header (a plain value would be dereferenced).
        for (uint32_t i = 0; i < op.extra_count; i++)
            HLFFI_VERIFY_TRY(expect(args[i], is_dynamic_kind(rk(args[i])), "of a dynamic kind (dynamic call argument)"));
        return {};
    }
    // (T2) Anything else would be read as a closure.
    return fail(reg_desc(cl) + " is not callable");
}

Status FunctionChecker::check_field(const Op& op) {
    int32_t t = -1;
    switch (op.code) {
    case Opcode::Field:
        HLFFI_VERIFY_TRY(field_type(op.p[1], op.p[2], t));
        return store(t, rt(op.p[0]), "register", op.p[0]);
    case Opcode::SetField:
        HLFFI_VERIFY_TRY(field_type(op.p[0], op.p[1], t));
        return store(rt(op.p[2]), t, "field", op.p[1]);
    case Opcode::GetThis:
    case Opcode::SetThis: {
        if (f_.regs.empty()) return fail("GetThis/SetThis in a function without registers");
        HLFFI_VERIFY_TRY(expect(0, rk(0) == TypeKind::Obj || rk(0) == TypeKind::Struct, "an object (this)"));
        bool get = op.code == Opcode::GetThis;
        HLFFI_VERIFY_TRY(field_type(0, get ? op.p[1] : op.p[0], t));
        return get ? store(t, rt(op.p[0]), "register", op.p[0]) : store(rt(op.p[1]), t, "field", op.p[0]);
    }
    default: return {};
    }
}

// spec/bytecode.md §4.12. Constructor indices refer to the enum register's static type.
Status FunctionChecker::check_enum(const Op& op) {
    const int32_t e = op.code == Opcode::SetEnumField ? op.p[0] : op.code == Opcode::EnumField ? op.p[1] : op.p[0];
    if (op.code == Opcode::EnumIndex) {
        HLFFI_VERIFY_TRY(expect_number_dst(op.p[0]));
        // Type.enumIndex applies it to a dynamic value: the interpreter checks the header of
        // anything not statically an enum, which needs a value with a header.
        return expect(op.p[1], is_dynamic_kind(rk(op.p[1])), "an enum or of a dynamic kind");
    }
    // (T2) The constructor tables (layouts) come from the register's enum type; indices past
    // them would read outside those tables. Which constructor a value actually has is checked
    // at run time by EnumField/SetEnumField.
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
        // (T1) each value lands in a parameter of the constructor's layout. The interpreter
        // stores min(given, declared) values (the rest stay null/0), but a count mismatch is
        // refused so that every given value is checked against a parameter.
        const int32_t* args = f_.args_of(op);
        if (op.extra_count != params.size())
            return fail(num(op.extra_count) + " values given, constructor " + num(c) + " takes " +
                        num(static_cast<int64_t>(params.size())));
        for (uint32_t i = 0; i < op.extra_count; i++)
            HLFFI_VERIFY_TRY(store(rt(args[i]), params[i], "constructor parameter", i));
        return {};
    }
    case Opcode::EnumField:
        HLFFI_VERIFY_TRY(param(op.p[3]));
        return store(params[static_cast<size_t>(op.p[3])], rt(op.p[0]), "register", op.p[0]);
    case Opcode::SetEnumField:
        HLFFI_VERIFY_TRY(param(op.p[1]));
        return store(rt(op.p[2]), params[static_cast<size_t>(op.p[1])], "constructor parameter", op.p[1]);
    default: return {};  // EnumAlloc: the constructor index was all
    }
}

// spec/bytecode.md §4.9. Raw memory (bytes + offset) is not bounds-checked, as in HashLink:
// Haxe's Bytes checks its indices itself; what is ruled is that the base is a bytes pointer and
// that a number is not written into a pointer register. Native arrays are checked at run time
// (bounds, element width, element type).
Status FunctionChecker::check_memory(const Op& op) {
    switch (op.code) {
    case Opcode::GetI8: case Opcode::GetI16: case Opcode::GetMem:
        HLFFI_VERIFY_TRY(expect_number_dst(op.p[0]));
        return expect_kind(op.p[1], TypeKind::Bytes);
    case Opcode::SetI8: case Opcode::SetI16: case Opcode::SetMem:
        return expect_kind(op.p[0], TypeKind::Bytes);
    case Opcode::GetArray:
        // (T2) read as an array header. The element's width and type are checked against the
        // array's element type when it runs (interp.cpp array_get, slow_paths.cpp).
        return expect_kind(op.p[1], TypeKind::Array);
    case Opcode::SetArray:
        return expect_kind(op.p[0], TypeKind::Array);
    case Opcode::ArraySize:
        HLFFI_VERIFY_TRY(expect_number_dst(op.p[0]));
        return expect_kind(op.p[1], TypeKind::Array);
    default: return {};
    }
}

// spec/bytecode.md §4.11. A ref<T> points at storage of T: a register (ORef), an array's
// elements (ORefData) or past them (ORefOffset). What it points at beyond a register is raw
// memory, not checked (as bytes are); what is ruled keeps registers and the values moved through
// refs within (T1).
Status FunctionChecker::check_ref(const Op& op) {
    auto ref_param = [&](int32_t r, int32_t& out) -> Status {
        HLFFI_VERIFY_TRY(expect_kind(r, TypeKind::Ref));
        out = m_.type(rt(r)).param;
        return {};
    };
    int32_t t = -1;
    switch (op.code) {
    case Opcode::Ref: {
        // Setref through the ref writes a T into the register, Unref reads the register as a T:
        // for pointers both directions need the same type. Plain registers are 8-byte slots, so
        // any plain T fits any plain register.
        HLFFI_VERIFY_TRY(ref_param(op.p[0], t));
        bool plain = !holds_pointer(m_.type(t).kind) && !holds_pointer(rk(op.p[1]));
        if (!plain && !tr_.same_type(t, rt(op.p[1])))
            return fail(reg_desc(op.p[0]) + " cannot point at " + reg_desc(op.p[1]));
        return {};
    }
    case Opcode::Unref:
        HLFFI_VERIFY_TRY(ref_param(op.p[1], t));
        return store(t, rt(op.p[0]), "register", op.p[0]);
    case Opcode::Setref:
        HLFFI_VERIFY_TRY(ref_param(op.p[0], t));
        return store(rt(op.p[1]), t, "the referenced value");
    case Opcode::RefData:
        HLFFI_VERIFY_TRY(ref_param(op.p[0], t));
        return expect_kind(op.p[1], TypeKind::Array);  // (T2) read as an array header
    case Opcode::RefOffset:
        // The result points into the same storage as its source, so it has the source's type.
        HLFFI_VERIFY_TRY(ref_param(op.p[0], t));
        if (!tr_.same_type(rt(op.p[0]), rt(op.p[1]))) return fail(reg_desc(op.p[1]) + " should be " + tr_.describe(rt(op.p[0])));
        return {};
    default: return {};
    }
}

Status FunctionChecker::check_types(const Op& op) {
    const int32_t* p = op.p;
    switch (op.code) {
    // (T1) Every move of a value into a register.
    case Opcode::Mov: return store(rt(p[1]), rt(p[0]), "register", p[0]);
    // (T3) Constants that are numbers.
    case Opcode::Int: case Opcode::Float: case Opcode::Bool: return expect_number_dst(p[0]);
    // (T1) A raw byte pointer: in a register of another pointer kind it would be read as that
    // kind's layout or header.
    case Opcode::Bytes: case Opcode::String: return expect_kind(p[0], TypeKind::Bytes);
    // Null (all bits 0) is a valid content of every register: no rule.
    case Opcode::Null: return {};
    // (T3) The linker picks the arithmetic by the destination's kind and writes a number there;
    // the operands are only read as bits.
    case Opcode::Add: case Opcode::Sub: case Opcode::Mul: case Opcode::SDiv: case Opcode::UDiv:
    case Opcode::SMod: case Opcode::UMod: case Opcode::Shl: case Opcode::SShr: case Opcode::UShr:
    case Opcode::And: case Opcode::Or: case Opcode::Xor: case Opcode::Neg: case Opcode::Not:
    case Opcode::Incr: case Opcode::Decr:
        return expect_number_dst(p[0]);
    case Opcode::Call0: case Opcode::Call1: case Opcode::Call2: case Opcode::Call3: case Opcode::Call4:
    case Opcode::CallN:
        return check_direct_call(op);
    case Opcode::CallMethod: case Opcode::CallThis: return check_method_call(op);
    case Opcode::CallClosure: return check_closure_call(op);
    // (T1) A closure value: its callers pass arguments by the register's fun type.
    case Opcode::StaticClosure: return store(m_.signature_of(p[1]), rt(p[0]), "register", p[0]);
    case Opcode::InstanceClosure: {
        const TypeDecl& st = m_.type(m_.signature_of(p[1]));
        if (st.args.empty()) return fail("function " + num(p[1]) + " takes no argument to bind");
        // A closure's bound value is one pointer (spec/runtime.md §8.1), kept as the function's
        // first argument: it must fit that argument (T1).
        if (!is_pointer_kind(m_.type(st.args[0]).kind))
            return fail("function " + num(p[1]) + " has a first argument of type " + tr_.describe(st.args[0]) +
                        ", which cannot be bound");
        HLFFI_VERIFY_TRY(store(rt(p[2]), st.args[0], "the bound argument"));
        if (!tr_.fun_storable(std::span(st.args).subspan(1), st.ret, rt(p[0])))
            return fail("the closure of function " + num(p[1]) + " does not fit " + reg_desc(p[0]));
        return {};
    }
    case Opcode::VirtualClosure: {
        // (T2) the object's virtual table supplies the method; (T1) the closure's type.
        HLFFI_VERIFY_TRY(expect_kind(p[1], TypeKind::Obj));
        int32_t sig = -1;
        HLFFI_VERIFY_TRY(method_type(rt(p[1]), p[2], sig));
        const TypeDecl& st = m_.type(sig);
        if (!tr_.fun_storable(std::span(st.args).subspan(1), st.ret, rt(p[0])))
            return fail("the closure of slot " + num(p[2]) + " does not fit " + reg_desc(p[0]));
        return {};
    }
    // (T1) Globals are places like registers.
    case Opcode::GetGlobal: return store(m_.globals[static_cast<size_t>(p[1])], rt(p[0]), "register", p[0]);
    case Opcode::SetGlobal: return store(rt(p[1]), m_.globals[static_cast<size_t>(p[0])], "global", p[0]);
    case Opcode::Field: case Opcode::SetField: case Opcode::GetThis: case Opcode::SetThis: return check_field(op);
    case Opcode::DynGet: case Opcode::DynSet: {
        // (T2) hl_dyn_get/set read the object's type header. The value is converted to or from
        // its register's static type at run time, which covers every kind.
        int32_t obj = op.code == Opcode::DynGet ? p[1] : p[0];
        TypeKind k = rk(obj);
        return expect(obj, k == TypeKind::Obj || k == TypeKind::Dyn || k == TypeKind::DynObj || k == TypeKind::Virtual,
                      "an object, dynobj, virtual or dynamic");
    }
    // Tests of a register's bits (JTrue/JFalse/JNull/JNotNull) and jumps: no rule.
    case Opcode::JTrue: case Opcode::JFalse: case Opcode::JNull: case Opcode::JNotNull: return {};
    case Opcode::JSLt: case Opcode::JSGte: case Opcode::JSGt: case Opcode::JSLte: case Opcode::JULt:
    case Opcode::JUGte: case Opcode::JNotLt: case Opcode::JNotGte: case Opcode::JEq: case Opcode::JNotEq:
        return check_compare(op);
    case Opcode::ToDyn: {
        // The source is boxed by its static type (or, if it already has a header, passed as is).
        // (T1) A dynamic destination takes any of those. A null<T> destination promises a box
        // whose payload is a T to the code that unboxes it: a pointer T needs exactly that
        // type; plain payloads are 8 bytes and any plain T reads them harmlessly.
        const TypeKind k = rk(p[1]);
        // make_dyn boxes plain values and the raw pointers it knows (bytes, type, ref,
        // abstract) and passes values with a header through; a struct, method or packed pointer
        // has neither, and would reach the dynamic register unboxed.
        const bool boxable = !holds_pointer(k) || is_dynamic_kind(k) || k == TypeKind::Bytes || k == TypeKind::Type ||
                             k == TypeKind::Ref || k == TypeKind::Abstract;
        HLFFI_VERIFY_TRY(expect(p[1], boxable, "a value that can be boxed"));
        if (rk(p[0]) == TypeKind::Dyn) return {};
        if (rk(p[0]) == TypeKind::Null) {
            int32_t inner = m_.type(rt(p[0])).param;
            bool plain = !holds_pointer(m_.type(inner).kind) && !holds_pointer(rk(p[1])) && rk(p[1]) != TypeKind::Void;
            if (plain || (tr_.same_type(inner, rt(p[1])) && !is_dynamic_kind(rk(p[1])))) return {};
        }
        return fail(reg_desc(p[0]) + " cannot hold a box of " + reg_desc(p[1]));
    }
    // (T3) Numeric conversions write numbers; their sources are read as bits.
    case Opcode::ToSFloat: case Opcode::ToUFloat: case Opcode::ToInt: return expect_number_dst(p[0]);
    // Checked at run time (hl_dyn_cast*: every pair of kinds is converted or refused there).
    case Opcode::SafeCast: return {};
    case Opcode::UnsafeCast: {
        // A bit copy. (T1) A plain value never becomes a pointer, nor a pointer a number (not
        // unsafe, but never meaningful). Into a kind with a header (objects, enums, virtuals,
        // arrays, closures, dynamic, null<T>) the value's runtime type is checked when it runs
        // (link_code.cpp needs_cast_check). Into a raw pointer kind (bytes, type, ref,
        // abstract, struct...) there is no header to check: only the same type is accepted.
        // Haxe only emits it between kinds with a header (genhl's hl-check rule).
        const bool pd = holds_pointer(rk(p[0])), ps = holds_pointer(rk(p[1]));
        if (pd != ps) return fail("cannot reinterpret " + reg_desc(p[1]) + " as " + reg_desc(p[0]));
        if (pd && !is_dynamic_kind(rk(p[0])) && !tr_.same_type(rt(p[0]), rt(p[1])))
            return fail("cannot reinterpret " + reg_desc(p[1]) + " as " + reg_desc(p[0]) + " (no type header to check)");
        return {};
    }
    case Opcode::ToVirtual: {
        // (T1) the result is a virtual built for dst's type; (T2) the source is read through
        // its type header (objects, dynobjs, virtuals).
        HLFFI_VERIFY_TRY(expect_kind(p[0], TypeKind::Virtual));
        TypeKind k = rk(p[1]);
        return expect(p[1], k == TypeKind::Obj || k == TypeKind::DynObj || k == TypeKind::Dyn || k == TypeKind::Virtual,
                      "an object, dynobj, virtual or dynamic");
    }
    // (T1) The result lands in the caller's register of the function's return type.
    case Opcode::Ret:
        if (m_.type(ftype_.ret).kind == TypeKind::Void) return {};
        return store(rt(p[0]), ftype_.ret, "the return value");
    // (T1) The exception value reaches a trap's dynamic register and the uncaught-exception report,
    // which read its type header.
    case Opcode::Throw: case Opcode::Rethrow: return expect(p[0], is_dynamic_kind(rk(p[0])), "of a dynamic kind");
    // The index is read as a 32-bit number and bounds-checked; NullCheck reads bits: no rule.
    case Opcode::Switch: case Opcode::NullCheck: return {};
    // (T1) The handler's register receives the exception value, whatever its type.
    case Opcode::Trap: return expect_kind(p[0], TypeKind::Dyn);
    case Opcode::GetI8: case Opcode::GetI16: case Opcode::GetMem: case Opcode::GetArray: case Opcode::SetI8:
    case Opcode::SetI16: case Opcode::SetMem: case Opcode::SetArray: case Opcode::ArraySize:
        return check_memory(op);
    // The interpreter allocates by the register type's kind and refuses other kinds at run time.
    case Opcode::New: return {};
    // (T1) The register receives a type descriptor, which is no dynamic value.
    case Opcode::Type: return expect_kind(p[0], TypeKind::Type);
    case Opcode::GetType:
        // (T1) a descriptor into a type register; (T2) the value's header is read.
        HLFFI_VERIFY_TRY(expect_kind(p[0], TypeKind::Type));
        return expect(p[1], is_dynamic_kind(rk(p[1])), "of a dynamic kind");
    case Opcode::GetTID:
        // (T3) a number; (T2) the descriptor is read (null gives 0).
        HLFFI_VERIFY_TRY(expect_number_dst(p[0]));
        return expect_kind(p[1], TypeKind::Type);
    case Opcode::Ref: case Opcode::Unref: case Opcode::Setref: case Opcode::RefData: case Opcode::RefOffset:
        return check_ref(op);
    case Opcode::MakeEnum: case Opcode::EnumAlloc: case Opcode::EnumIndex: case Opcode::EnumField:
    case Opcode::SetEnumField:
        return check_enum(op);
    // Prefetch is a no-op here; Label, JAlways, EndTrap, Assert, Nop, Catch have no operand to
    // type (the interpreter keeps trap nesting within each frame itself).
    default: return {};
    }
}

}  // namespace hlffi::bc::verifier_detail
