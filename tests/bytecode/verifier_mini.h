// tests/bytecode: a minimal hand-made module for verifier tests, and the expectation macros.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bytecode/module.h"
#include "bytecode/verifier.h"

namespace hlffi::bc::verifier_test {

// ---- A small module made by hand ------------------------------------------------------------
// Type indices of the minimal module.
enum T : int32_t {
    tVoid, tI32, tF64, tBool, tBytes, tDyn, tFunVoid, tFunI32I32, tBase, tSub, tEnum, tVirt, tArray,
    tType, tRefI32, tNullI32, tMethodBase, tI64, tUI8, tF32, tFunBaseI32, tOther, tRefF64, tVirt2,
    tFunDynVoid, tMethodVirt, tCount
};
// Function indices: 0 = entry (the function under test), 1 = i32 -> i32, 2 = Base.get (slot 0),
// 3 = Sub.get (overrides slot 0), 4 = native (dynamic) -> void.
constexpr int32_t kEntry = 0, kFunI32 = 1, kBaseGet = 2, kSubGet = 3, kNative = 4;

struct Mini {
    Module m;

    Mini() {
        m.version = 4;
        m.strings = {"String", "Base", "Sub", "a", "b", "get", "E", "A", "B", "x", "y", "Other", "std", "trace", "m"};
        m.ints = {0, 1, 42};
        m.floats = {1.5};
        m.types.resize(tCount);
        auto kind = [&](int32_t t, TypeKind k) -> TypeDecl& { m.types[t].kind = k; return m.types[t]; };
        kind(tVoid, TypeKind::Void);
        kind(tI32, TypeKind::I32);
        kind(tF64, TypeKind::F64);
        kind(tBool, TypeKind::Bool);
        kind(tBytes, TypeKind::Bytes);
        kind(tDyn, TypeKind::Dyn);
        kind(tFunVoid, TypeKind::Fun).ret = tVoid;
        auto& fi = kind(tFunI32I32, TypeKind::Fun);
        fi.args = {tI32};
        fi.ret = tI32;
        auto& base = kind(tBase, TypeKind::Obj);
        base.name = 1;
        base.fields = {{3, tI32}};
        base.protos = {{5, kBaseGet, 0}};
        auto& sub = kind(tSub, TypeKind::Obj);
        sub.name = 2;
        sub.super = tBase;
        sub.fields = {{4, tF64}};
        sub.protos = {{5, kSubGet, 0}};
        auto& e = kind(tEnum, TypeKind::Enum);
        e.name = 6;
        e.constructs = {{7, {}}, {8, {tI32}}};
        kind(tVirt, TypeKind::Virtual).fields = {{9, tI32}, {14, tMethodVirt}};
        kind(tArray, TypeKind::Array);
        kind(tType, TypeKind::Type);
        kind(tRefI32, TypeKind::Ref).param = tI32;
        kind(tNullI32, TypeKind::Null).param = tI32;
        auto& mb = kind(tMethodBase, TypeKind::Fun);
        mb.args = {tBase};
        mb.ret = tI32;
        kind(tI64, TypeKind::I64);
        kind(tUI8, TypeKind::UI8);
        kind(tF32, TypeKind::F32);
        auto& ms = kind(tFunBaseI32, TypeKind::Fun);
        ms.args = {tSub};
        ms.ret = tI32;
        auto& other = kind(tOther, TypeKind::Obj);
        other.name = 11;
        other.fields = {{3, tBytes}, {10, tI32}};
        kind(tRefF64, TypeKind::Ref).param = tF64;
        kind(tVirt2, TypeKind::Virtual).fields = {{9, tI32}};
        auto& fd = kind(tFunDynVoid, TypeKind::Fun);
        fd.args = {tDyn};
        fd.ret = tVoid;
        auto& mv = kind(tMethodVirt, TypeKind::Method);
        mv.args = {tI32};
        mv.ret = tI32;

        m.globals = {tBase, tI32};
        m.natives = {{12, 13, tFunDynVoid, kNative}};
        m.functions.resize(4);
        fn(0, kEntry, tFunVoid, {tVoid}, {{Opcode::Ret, {0}}});
        fn(1, kFunI32, tFunI32I32, {tI32}, {{Opcode::Ret, {0}}});
        fn(2, kBaseGet, tMethodBase, {tBase, tI32}, {{Opcode::Field, {1, 0, 0}}, {Opcode::Ret, {1}}});
        fn(3, kSubGet, tFunBaseI32, {tSub, tI32}, {{Opcode::Field, {1, 0, 0}}, {Opcode::Ret, {1}}});
        m.function_slots = {{false, 0}, {false, 1}, {false, 2}, {false, 3}, {true, 0}};
        m.entrypoint = kEntry;
    }

    struct OpSpec {
        Opcode code;
        std::vector<int32_t> p;
        std::vector<int32_t> extra = {};
    };

    void fn(size_t pos, int32_t findex, int32_t type, std::vector<int32_t> regs, std::vector<OpSpec> ops) {
        Function& f = m.functions[pos];
        f.findex = findex;
        f.type = type;
        f.regs = std::move(regs);
        f.ops.clear();
        f.extra.clear();
        for (const OpSpec& s : ops) {
            Op op;
            op.code = s.code;
            for (size_t k = 0; k < s.p.size() && k < 4; k++) op.p[k] = s.p[k];
            op.extra_begin = static_cast<uint32_t>(f.extra.size());
            op.extra_count = static_cast<uint32_t>(s.extra.size());
            f.extra.insert(f.extra.end(), s.extra.begin(), s.extra.end());
            f.ops.push_back(op);
        }
    }

    // Replaces the entry function's registers and code.
    Mini& entry(std::vector<int32_t> regs, std::vector<OpSpec> ops) {
        fn(0, kEntry, tFunVoid, std::move(regs), std::move(ops));
        return *this;
    }
};

// Registers used by most entry functions: r0 void, r1 i32, r2 f64, r3 bool, r4 bytes, r5 dyn,
// r6 Base, r7 Sub, r8 enum, r9 virtual, r10 array, r11 type, r12 ref<i32>, r13 null<i32>,
// r14 i64, r15 ui8, r16 f32, r17 Other, r18 fun(i32)->i32, r19 i32, r20 ref<f64>, r21 virt2.
inline std::vector<int32_t> std_regs() {
    return {tVoid, tI32, tF64, tBool, tBytes, tDyn, tBase, tSub, tEnum, tVirt, tArray,
            tType, tRefI32, tNullI32, tI64, tUI8, tF32, tOther, tFunI32I32, tI32, tRefF64, tVirt2};
}

using Ops = std::vector<Mini::OpSpec>;

inline Status verify_entry(Ops ops) {
    ops.push_back({Opcode::Ret, {0}});
    Mini mini;
    mini.entry(std_regs(), std::move(ops));
    return verify_module(mini.m);
}

#define EXPECT_VERIFIES(expr)                                   \
    do {                                                        \
        Status s_ = (expr);                                     \
        EXPECT_TRUE(s_.ok()) << s_.error().message;             \
    } while (0)

// The error must contain `text` (messages name function, op and reason).
#define EXPECT_REJECTED(expr, text)                                              \
    do {                                                                         \
        Status s_ = (expr);                                                      \
        ASSERT_FALSE(s_.ok()) << "expected an error containing: " << (text);     \
        EXPECT_NE(s_.error().message.find(text), std::string::npos) << s_.error().message; \
    } while (0)

}  // namespace hlffi::bc::verifier_test
