// tests/bytecode: the verifier. Every compiled program must verify; every structural and table
// rule has a negative case (typing rules: verifier_rules_test.cpp), built either from the small
// hand-made module of verifier_mini.h or by damaging a compiled program.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "bytecode/function_names.h"
#include "bytecode/reader.h"
#include "bytecode/verifier.h"
#include "verifier_mini.h"

namespace hlffi::bc {
namespace {

using namespace verifier_test;

TEST(VerifierMini, BaseModuleVerifies) {
    Mini mini;
    EXPECT_VERIFIES(verify_module(mini.m));
    EXPECT_VERIFIES(verify_entry({}));
}

// ---- Structure and operand ranges -------------------------------------------------------------

TEST(VerifierMini, RegisterOutOfRange) {
    EXPECT_REJECTED(verify_entry({{Opcode::Mov, {1, 22}}}),
                    "function 0 (.init), op 0: register 22 out of range (function has 22)");
    EXPECT_REJECTED(verify_entry({{Opcode::Incr, {-1}}}), "op 0: register -1 out of range");
    EXPECT_REJECTED(verify_entry({{Opcode::Call1, {1, kFunI32}, {40}}}), "op 0: register 40 out of range");
}

TEST(VerifierMini, ConstantIndicesOutOfRange) {
    EXPECT_REJECTED(verify_entry({{Opcode::Int, {1, 3}}}), "op 0: int index 3 out of range (3 ints)");
    EXPECT_REJECTED(verify_entry({{Opcode::Float, {2, 1}}}), "op 0: float index 1 out of range (1 floats)");
    EXPECT_REJECTED(verify_entry({{Opcode::String, {4, 99}}}), "op 0: string index 99 out of range");
    EXPECT_REJECTED(verify_entry({{Opcode::GetGlobal, {6, 2}}}), "op 0: global index 2 out of range (2 globals)");
    EXPECT_REJECTED(verify_entry({{Opcode::Type, {11, tCount}}}), "op 0: type index");
    EXPECT_REJECTED(verify_entry({{Opcode::DynGet, {5, 5, 99}}}), "op 0: string index 99 out of range");
    EXPECT_REJECTED(verify_entry({{Opcode::Catch, {7}}}), "op 0: global index 7 out of range");
}

TEST(VerifierMini, BytesIndexDependsOnVersion) {
    // Before version 5 OBytes names a string; from 5 on an entry of the bytes table.
    EXPECT_VERIFIES(verify_entry({{Opcode::Bytes, {4, 3}}}));
    Mini mini;
    mini.m.version = 5;
    mini.entry(std_regs(), {{Opcode::Bytes, {4, 3}}, {Opcode::Ret, {0}}});
    EXPECT_REJECTED(verify_module(mini.m), "op 0: bytes index 3 out of range (0 bytes entries)");
}

TEST(VerifierMini, FunctionIndexMustBeDefined) {
    EXPECT_REJECTED(verify_entry({{Opcode::Call0, {0, 9}}}), "op 0: function index 9 is not defined");
    EXPECT_REJECTED(verify_entry({{Opcode::StaticClosure, {18, -1}}}), "op 0: function index -1 is not defined");
}

TEST(VerifierMini, JumpTargets) {
    EXPECT_VERIFIES(verify_entry({{Opcode::Label, {}}, {Opcode::JTrue, {3, -2}}}));
    EXPECT_REJECTED(verify_entry({{Opcode::JAlways, {5}}}), "op 0: jump target 6 outside the function (2 ops)");
    EXPECT_REJECTED(verify_entry({{Opcode::JFalse, {3, -2}}}), "op 0: jump target -1 outside");
    EXPECT_REJECTED(verify_entry({{Opcode::Trap, {5, 7}}}), "op 0: jump target 8 outside");
    // Switch: cases as jumps; the end offset may designate the end of the function.
    EXPECT_VERIFIES(verify_entry({{Opcode::Switch, {1, 1}, {0}}}));
    EXPECT_REJECTED(verify_entry({{Opcode::Switch, {1, 0}, {0, 1}}}), "op 0: jump target 2 outside");
    EXPECT_REJECTED(verify_entry({{Opcode::Switch, {1, 2}, {0}}}), "op 0: jump target 3 outside");
}

TEST(VerifierMini, FallingOffTheEnd) {
    Mini mini;
    mini.entry(std_regs(), {{Opcode::Int, {1, 0}}});
    EXPECT_REJECTED(verify_module(mini.m), "function 0 (.init), op 0: Int ends the function: execution can fall off its end");
    mini.entry(std_regs(), {{Opcode::JTrue, {3, -1}}});
    EXPECT_REJECTED(verify_module(mini.m), "op 0: JTrue ends the function");
    mini.entry(std_regs(), {});
    EXPECT_REJECTED(verify_module(mini.m), "function 0 (.init): has no ops");
    // Throw and a backward JAlways are fine endings.
    mini.entry(std_regs(), {{Opcode::Throw, {5}}});
    EXPECT_VERIFIES(verify_module(mini.m));
    mini.entry(std_regs(), {{Opcode::Label, {}}, {Opcode::JAlways, {-2}}});
    EXPECT_VERIFIES(verify_module(mini.m));
}

TEST(VerifierMini, AsmIsRejected) {
    EXPECT_REJECTED(verify_entry({{Opcode::Asm, {0, 0, 0}}}), "op 0: Asm (inline machine code)");
}

TEST(VerifierMini, TrapNestingIsLeftToTheInterpreter) {
    // try { } catch: Trap r5 @handler; EndTrap; JAlways @end; handler: ...; end.
    EXPECT_VERIFIES(verify_entry({{Opcode::Trap, {5, 2}}, {Opcode::EndTrap, {1}}, {Opcode::JAlways, {0}}}));
    // Unbalanced traps are harmless at run time (EndTrap only removes its own frame's traps, a
    // returning frame drops the rest), so they are not refused.
    EXPECT_VERIFIES(verify_entry({{Opcode::EndTrap, {1}}}));
    EXPECT_VERIFIES(verify_entry({{Opcode::Trap, {5, 2}}, {Opcode::JTrue, {3, 1}}, {Opcode::EndTrap, {1}}}));
    // The handler's register receives the exception value (T1).
    EXPECT_REJECTED(verify_entry({{Opcode::Trap, {1, 0}}, {Opcode::EndTrap, {1}}}),
                    "op 0: register 1 (i32) should be dynamic");
}

// ---- Tables: object types and constants ---------------------------------------------------------

TEST(VerifierMini, Bindings) {
    Mini mini;
    mini.m.types[tOther].fields.push_back({14, tFunI32I32});
    mini.m.types[tOther].bindings = {{2, kFunI32}};
    EXPECT_VERIFIES(verify_module(mini.m));
    mini.m.types[tOther].bindings = {{3, kFunI32}};
    EXPECT_REJECTED(verify_module(mini.m), "type 21 (obj Other): binding field 3 out of range (3 fields)");
    mini.m.types[tOther].bindings = {{1, kFunI32}};
    EXPECT_REJECTED(verify_module(mini.m), "binding of function 1 does not fit field 1 (i32)");
    mini.m.types[tOther].bindings = {{2, 77}};
    EXPECT_REJECTED(verify_module(mini.m), "binding refers to undefined function 77");
}

TEST(VerifierMini, Protos) {
    Mini mini;
    mini.m.types[tBase].protos[0].findex = 55;
    EXPECT_REJECTED(verify_module(mini.m), "type 8 (obj Base): method get refers to undefined function 55");
    Mini big;
    big.m.types[tBase].protos[0].pindex = 1000000;
    EXPECT_REJECTED(verify_module(big.m), "method get has virtual slot 1000000 beyond the 1 methods");
    Mini recv;
    recv.m.types[tBase].protos[0].findex = kFunI32;
    EXPECT_REJECTED(verify_module(recv.m), "method get (function 1) does not take its class as first argument");
    // An override must accept what callers checked against the parent's signature.
    Mini over;
    over.m.types[tFunBaseI32].ret = tDyn;
    over.fn(3, kSubGet, tFunBaseI32, {tSub, tDyn}, {{Opcode::Ret, {1}}});
    EXPECT_REJECTED(verify_module(over.m), "type 9 (obj Sub): method get (function 3) overrides slot 0 with an incompatible signature");
}

TEST(VerifierMini, Constants) {
    Mini mini;
    mini.m.types[tOther].fields = {{3, tBytes}, {10, tI32}};
    mini.m.globals.push_back(tOther);  // global 2
    mini.m.constants = {{2, {0, 2}}};
    EXPECT_VERIFIES(verify_module(mini.m));
    mini.m.constants = {{2, {0, 3}}};
    EXPECT_REJECTED(verify_module(mini.m), "constant 0 (global 2): field 1: int index 3 out of range (3 ints)");
    mini.m.constants = {{2, {40, 0}}};
    EXPECT_REJECTED(verify_module(mini.m), "field 0: string index 40 out of range");
    mini.m.constants = {{2, {0, 0, 0}}};
    EXPECT_REJECTED(verify_module(mini.m), "constant 0 (global 2): 3 values for 2 fields");
    mini.m.constants = {{1, {}}};
    EXPECT_REJECTED(verify_module(mini.m), "constant 0 (global 1): global type i32 is not a class");
    mini.m.globals.push_back(tSub);  // global 3
    mini.m.constants = {{3, {}}};
    EXPECT_REJECTED(verify_module(mini.m), "class obj Sub has a parent");
    mini.m.types[tOther].fields[1].type = tBase;  // other kinds name a global holding the value
    mini.m.constants = {{2, {0, 1}}};
    EXPECT_REJECTED(verify_module(mini.m), "global 1 (i32) does not fit the field type obj Base");
}

TEST(VerifierMini, RecursiveTypesTerminate) {
    // fun types whose argument is the type itself, through two distinct but equal descriptors.
    Mini mini;
    auto& a = mini.m.types.emplace_back();
    a.kind = TypeKind::Fun;
    a.args = {static_cast<int32_t>(tCount + 1)};
    a.ret = tCount;
    auto& b = mini.m.types.emplace_back();
    b.kind = TypeKind::Fun;
    b.args = {static_cast<int32_t>(tCount)};
    b.ret = tCount + 1;
    auto& v1 = mini.m.types.emplace_back();
    v1.kind = TypeKind::Virtual;
    v1.fields = {{9, static_cast<int32_t>(tCount + 3)}};
    auto& v2 = mini.m.types.emplace_back();
    v2.kind = TypeKind::Virtual;
    v2.fields = {{9, static_cast<int32_t>(tCount + 2)}};
    mini.entry({tCount, tCount + 1, tCount + 2, tCount + 3, tVoid},
               {{Opcode::Mov, {0, 1}}, {Opcode::Mov, {2, 3}}, {Opcode::Ret, {4}}});
    EXPECT_VERIFIES(verify_module(mini.m));
}

TEST(VerifierMini, CyclicClassChainDoesNotHang) {
    // The reader rejects this; the verifier must still not loop or read out of range.
    Mini mini;
    mini.m.types[tBase].super = tSub;
    mini.entry(std_regs(), {{Opcode::Field, {1, 7, 5}}, {Opcode::CallMethod, {1, 3}, {7}}, {Opcode::Mov, {6, 7}},
                            {Opcode::Ret, {0}}});
    Status s = verify_module(mini.m);
    EXPECT_FALSE(s.ok());
}

TEST(VerifierMini, DeepClassHierarchyIsRejected) {
    Mini mini;
    int32_t parent = tBase;
    for (int i = 0; i < 300; i++) {
        auto& t = mini.m.types.emplace_back();
        t.kind = TypeKind::Obj;
        t.name = 1;
        t.super = parent;
        parent = static_cast<int32_t>(mini.m.types.size()) - 1;
    }
    EXPECT_REJECTED(verify_module(mini.m), "class hierarchy deeper than 256 classes");
}

TEST(VerifierMini, HostileRecursiveTypesAreBounded) {
    // Two distinct but equal towers of wide virtual types: comparing them naively takes
    // exponential time. Many comparisons of the tops must still finish quickly.
    Mini mini;
    auto tower = [&](int levels, int width) {
        int32_t below = tI32;
        for (int l = 0; l < levels; l++) {
            auto& v = mini.m.types.emplace_back();
            v.kind = TypeKind::Virtual;
            for (int k = 0; k < width; k++) v.fields.push_back({9, below});
            below = static_cast<int32_t>(mini.m.types.size()) - 1;
        }
        return below;
    };
    int32_t a = tower(40, 64), b = tower(40, 64);
    std::vector<int32_t> regs = {tVoid};
    Ops ops;
    for (int i = 0; i < 200; i++) {
        auto r = static_cast<int32_t>(regs.size());
        regs.push_back(a);
        regs.push_back(b);
        ops.push_back({Opcode::Mov, {r, r + 1}});
    }
    ops.push_back({Opcode::Ret, {0}});
    mini.entry(regs, ops);
    auto start = std::chrono::steady_clock::now();
    (void)verify_module(mini.m);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

// ---- Compiled programs ------------------------------------------------------------------------------

std::vector<std::filesystem::path> hl_files() {
    std::vector<std::filesystem::path> out;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(HLFFI_HL_DIR, ec))
        if (e.path().extension() == ".hl") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

Module load(const std::string& name) {
    auto r = read_module_file(std::string(HLFFI_HL_DIR) + "/" + name);
    EXPECT_TRUE(r.ok()) << name << ": " << (r.ok() ? "" : r.error().message);
    return r.ok() ? r.take() : Module{};
}

TEST(VerifierPrograms, EveryCompiledProgramVerifies) {
    auto files = hl_files();
    ASSERT_GE(files.size(), 60u) << "expected the conformance and bench programs in " << HLFFI_HL_DIR;
    for (const auto& p : files) {
        auto r = read_module_file(p.string());
        ASSERT_TRUE(r.ok()) << p << ": " << r.error().message;
        Status s = verify_module(*r);
        EXPECT_TRUE(s.ok()) << p.filename() << ": " << s.error().message;
    }
}

// Damages the first op of `code` found in a compiled program and expects `reason` in the error,
// after the label "function N (name), op K: ".
struct Damage {
    Module m;
    Function* f = nullptr;
    Op* op = nullptr;
    std::string where;

    Damage(const std::string& file, Opcode code) : m(load(file)) {
        auto names = compute_function_names(m);
        for (Function& fn : m.functions)
            for (size_t i = 0; i < fn.ops.size(); i++)
                if (fn.ops[i].code == code) {
                    f = &fn;
                    op = &fn.ops[i];
                    where = "function " + std::to_string(fn.findex) + " (" + names[static_cast<size_t>(fn.findex)] +
                            "), op " + std::to_string(i) + ": ";
                    return;
                }
    }
};

TEST(VerifierPrograms, DamagedRegister) {
    Damage d("01_int_arith.hl", Opcode::Add);
    ASSERT_NE(d.op, nullptr);
    int32_t n = static_cast<int32_t>(d.f->regs.size());
    d.op->p[2] = n;
    EXPECT_REJECTED(verify_module(d.m), d.where + "register " + std::to_string(n) + " out of range (function has " +
                                            std::to_string(n) + ")");
}

TEST(VerifierPrograms, DamagedJump) {
    Damage d("30_control_flow.hl", Opcode::JAlways);
    ASSERT_NE(d.op, nullptr);
    d.op->p[0] = 1 << 20;
    EXPECT_REJECTED(verify_module(d.m), d.where + "jump target");
}

TEST(VerifierPrograms, DamagedGlobal) {
    Damage d("04_string_basic.hl", Opcode::GetGlobal);
    ASSERT_NE(d.op, nullptr);
    d.op->p[1] = static_cast<int32_t>(d.m.globals.size());
    EXPECT_REJECTED(verify_module(d.m), d.where + "global index " + std::to_string(d.m.globals.size()) + " out of range");
}

TEST(VerifierPrograms, DamagedField) {
    Damage d("15_class_inherit.hl", Opcode::Field);
    ASSERT_NE(d.op, nullptr);
    d.op->p[2] = 100000;
    EXPECT_REJECTED(verify_module(d.m), d.where + "field 100000 out of range");
}

TEST(VerifierPrograms, DamagedCallArity) {
    Damage d("01_int_arith.hl", Opcode::Call2);
    ASSERT_NE(d.op, nullptr);
    d.op->code = Opcode::Call1;
    d.op->extra_count = 1;
    EXPECT_REJECTED(verify_module(d.m), d.where + "1 arguments given, callee takes 2");
}

TEST(VerifierPrograms, DamagedEnding) {
    Damage d("19_enum_basic.hl", Opcode::Ret);
    ASSERT_NE(d.op, nullptr);
    Op& last = d.f->ops.back();
    last.code = Opcode::Nop;
    std::string label = d.where.substr(0, d.where.find(", op"));
    EXPECT_REJECTED(verify_module(d.m), label + ", op " + std::to_string(d.f->ops.size() - 1) +
                                            ": Nop ends the function: execution can fall off its end");
}

TEST(VerifierPrograms, DamagedMethodSlot) {
    Damage d("15_class_inherit.hl", Opcode::CallMethod);
    ASSERT_NE(d.op, nullptr);
    d.op->p[1] = 5000;
    EXPECT_REJECTED(verify_module(d.m), d.where);
}

}  // namespace
}  // namespace hlffi::bc
