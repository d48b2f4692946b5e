// tests/bytecode: what the verifier deliberately lets through is checked by the interpreter when
// it runs (verifier_ops.cpp, "What the interpreter checks itself"). Each case is a hand-made
// module (verifier_mini.h) that verifies, is encoded to .hl bytes, and runs in a real VM: the
// unsafe use must end in a Haxe exception, the safe use must give the right value.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "bytecode/verifier.h"
#include "verifier_mini.h"
#include "vm/vm.h"

namespace hlffi::bc {
namespace {

using namespace verifier_test;

// ---- A .hl encoder for the hand-made modules (version 4, no debug information) ----------------
class Encoder {
public:
    std::vector<uint8_t> run(const Module& m) {
        out_ = {'H', 'L', 'B', static_cast<uint8_t>(m.version)};
        idx(0);  // flags: no debug information
        idx(static_cast<int32_t>(m.ints.size()));
        idx(static_cast<int32_t>(m.floats.size()));
        idx(static_cast<int32_t>(m.strings.size()));
        idx(static_cast<int32_t>(m.types.size()));
        idx(static_cast<int32_t>(m.globals.size()));
        idx(static_cast<int32_t>(m.natives.size()));
        idx(static_cast<int32_t>(m.functions.size()));
        idx(static_cast<int32_t>(m.constants.size()));
        idx(m.entrypoint);
        for (int32_t v : m.ints) i32(v);
        for (double d : m.floats) {
            uint64_t bits;
            std::memcpy(&bits, &d, 8);
            for (int k = 0; k < 8; k++) out_.push_back(static_cast<uint8_t>(bits >> (8 * k)));
        }
        std::string block;
        for (const auto& s : m.strings) block += s + '\0';
        i32(static_cast<int32_t>(block.size()));
        out_.insert(out_.end(), block.begin(), block.end());
        for (const auto& s : m.strings) idx(static_cast<int32_t>(s.size()));
        for (const TypeDecl& t : m.types) type(t);
        for (int32_t g : m.globals) idx(g);
        for (const NativeDecl& n : m.natives) {
            idx(n.lib);
            idx(n.name);
            idx(n.type);
            idx(n.findex);
        }
        for (const Function& f : m.functions) function(f);
        for (const ConstantDecl& k : m.constants) {
            idx(k.global);
            idx(static_cast<int32_t>(k.fields.size()));
            for (int32_t v : k.fields) idx(v);
        }
        return out_;
    }

private:
    void i32(int32_t v) {
        for (int k = 0; k < 4; k++) out_.push_back(static_cast<uint8_t>(static_cast<uint32_t>(v) >> (8 * k)));
    }
    // spec/bytecode.md §1.1: 1, 2 or 4 bytes, sign in bit 5 of the first byte of the longer forms.
    void idx(int32_t v) {
        uint32_t m = static_cast<uint32_t>(v < 0 ? -static_cast<int64_t>(v) : v);
        uint8_t sign = v < 0 ? 0x20 : 0;
        if (v >= 0 && v < 0x80) {
            out_.push_back(static_cast<uint8_t>(v));
        } else if (m < 0x2000) {
            out_.push_back(static_cast<uint8_t>(0x80 | sign | (m >> 8)));
            out_.push_back(static_cast<uint8_t>(m));
        } else {
            out_.push_back(static_cast<uint8_t>(0xC0 | sign | (m >> 24)));
            out_.push_back(static_cast<uint8_t>(m >> 16));
            out_.push_back(static_cast<uint8_t>(m >> 8));
            out_.push_back(static_cast<uint8_t>(m));
        }
    }
    void type(const TypeDecl& t) {
        out_.push_back(static_cast<uint8_t>(t.kind));
        switch (t.kind) {
        case TypeKind::Fun: case TypeKind::Method:
            out_.push_back(static_cast<uint8_t>(t.args.size()));
            for (int32_t a : t.args) idx(a);
            idx(t.ret);
            break;
        case TypeKind::Obj: case TypeKind::Struct:
            idx(t.name);
            idx(t.super);
            idx(t.global + 1);
            idx(static_cast<int32_t>(t.fields.size()));
            idx(static_cast<int32_t>(t.protos.size()));
            idx(static_cast<int32_t>(t.bindings.size()));
            for (const auto& f : t.fields) {
                idx(f.name);
                idx(f.type);
            }
            for (const auto& p : t.protos) {
                idx(p.name);
                idx(p.findex);
                idx(p.pindex);
            }
            for (const auto& b : t.bindings) {
                idx(b.field);
                idx(b.findex);
            }
            break;
        case TypeKind::Ref: case TypeKind::Null: case TypeKind::Packed: idx(t.param); break;
        case TypeKind::Virtual:
            idx(static_cast<int32_t>(t.fields.size()));
            for (const auto& f : t.fields) {
                idx(f.name);
                idx(f.type);
            }
            break;
        case TypeKind::Abstract: idx(t.name); break;
        case TypeKind::Enum:
            idx(t.name);
            idx(t.global + 1);
            idx(static_cast<int32_t>(t.constructs.size()));
            for (const auto& c : t.constructs) {
                idx(c.name);
                idx(static_cast<int32_t>(c.params.size()));
                for (int32_t p : c.params) idx(p);
            }
            break;
        default: break;
        }
    }
    void function(const Function& f) {
        idx(f.type);
        idx(f.findex);
        idx(static_cast<int32_t>(f.regs.size()));
        idx(static_cast<int32_t>(f.ops.size()));
        for (int32_t r : f.regs) idx(r);
        for (const Op& o : f.ops) {
            out_.push_back(static_cast<uint8_t>(o.code));
            const OpInfo& info = op_info(o.code);
            const int32_t* extra = f.args_of(o);
            switch (info.shape) {
            case OpShape::Fixed:
                for (int k = 0; k < 4; k++)
                    if (info.roles[k] != OperandRole::None) idx(o.p[k]);
                break;
            case OpShape::Switch:
                idx(o.p[0]);
                idx(static_cast<int32_t>(o.extra_count));
                for (uint32_t k = 0; k < o.extra_count; k++) idx(extra[k]);
                idx(o.p[1]);
                break;
            default:
                idx(o.p[0]);
                idx(o.p[1]);
                if (info.shape == OpShape::CallVar) out_.push_back(static_cast<uint8_t>(o.extra_count));
                for (uint32_t k = 0; k < o.extra_count; k++) idx(extra[k]);
                break;
            }
        }
    }

    std::vector<uint8_t> out_;
};

void quiet(void*, const char*, size_t, void*) {}

// Runs `mini` (which must verify) in a fresh VM. Returns the uncaught exception's message, or ""
// when the entry returned; `global1` receives the i32 global 1 afterwards.
std::string run(Mini& mini, int32_t* global1 = nullptr) {
    Status s = verify_module(mini.m);
    EXPECT_TRUE(s.ok()) << s.error().message;
    std::vector<uint8_t> bytes = Encoder().run(mini.m);
    vm::Vm vm;
    vm.lazy_natives = true;
    vm.set_print_handler(&quiet, nullptr, nullptr);
    if (!vm.load(bytes.data(), bytes.size())) return "load failed: " + vm.last_error;
    bool ok = vm.run_entry();
    if (ok && global1 != nullptr) *global1 = static_cast<int32_t>(vm.globals[1]);
    return ok ? std::string() : vm.exception_message;
}

// The mini module with natives to allocate arrays (std@alloc_array) and a type to name.
struct RunMini : Mini {
    static constexpr int32_t kAllocArray = 5;
    int32_t tFunAlloc = -1;
    RunMini() {
        m.strings.push_back("alloc_array");  // 15
        tFunAlloc = static_cast<int32_t>(m.types.size());
        TypeDecl& f = m.types.emplace_back();
        f.kind = TypeKind::Fun;
        f.args = {tType, tI32};
        f.ret = tArray;
        m.natives.push_back({12, 15, tFunAlloc, kAllocArray});
        m.function_slots.push_back({true, 1});
    }
    // r0 void, ... as std_regs(), then the entry code.
    void code(Ops ops) {
        ops.push_back({Opcode::Ret, {0}});
        entry(std_regs(), std::move(ops));
    }
};

TEST(VerifierRuntime, EncodedMiniModuleRuns) {
    RunMini mini;
    int32_t g = 0;
    mini.code({{Opcode::Int, {1, 2}}, {Opcode::SetGlobal, {1, 1}}});
    EXPECT_EQ(run(mini, &g), "");
    EXPECT_EQ(g, 42);
}

TEST(VerifierRuntime, EnumFieldChecksTheConstructor) {
    // E.A has no parameters: reading B's parameter from it would read past the value.
    RunMini mini;
    mini.code({{Opcode::MakeEnum, {8, 0}, {}}, {Opcode::EnumField, {1, 8, 1, 0}}});
    EXPECT_EQ(run(mini), "Invalid enum field");
    int32_t g = 0;
    mini.code({{Opcode::Int, {19, 2}}, {Opcode::MakeEnum, {8, 1}, {19}}, {Opcode::EnumField, {1, 8, 1, 0}}, {Opcode::SetGlobal, {1, 1}}});
    EXPECT_EQ(run(mini, &g), "");
    EXPECT_EQ(g, 42);
}

TEST(VerifierRuntime, SetEnumFieldChecksConstructorZero) {
    RunMini mini;
    mini.m.types[tEnum].constructs = {{7, {tI32}}, {8, {}}};
    mini.code({{Opcode::EnumAlloc, {8, 1}}, {Opcode::SetEnumField, {8, 0, 19}}});
    EXPECT_EQ(run(mini), "Invalid enum field");
    mini.code({{Opcode::EnumAlloc, {8, 0}}, {Opcode::SetEnumField, {8, 0, 19}}});
    EXPECT_EQ(run(mini), "");
}

TEST(VerifierRuntime, EnumIndexOfADynamicChecksTheHeader) {
    RunMini mini;
    mini.code({{Opcode::ToDyn, {5, 1}}, {Opcode::EnumIndex, {1, 5}}});
    EXPECT_EQ(run(mini), "Invalid enum value");
    int32_t g = 0;
    mini.code({{Opcode::Int, {19, 2}}, {Opcode::MakeEnum, {8, 1}, {19}}, {Opcode::Mov, {5, 8}}, {Opcode::EnumIndex, {1, 5}},
               {Opcode::SetGlobal, {1, 1}}});
    EXPECT_EQ(run(mini, &g), "");
    EXPECT_EQ(g, 1);
}

// r10 = a new array of one element of type `elem` (Type r11, elem; Int r19, 1; alloc).
Ops new_array(int32_t elem) {
    return {{Opcode::Type, {11, elem}}, {Opcode::Int, {19, 1}}, {Opcode::Call2, {10, RunMini::kAllocArray}, {11, 19}}};
}

TEST(VerifierRuntime, ArrayElementsMustFitTheRegister) {
    RunMini mini;
    // An i64 element (8 bytes, like a pointer) never becomes an object (null, 0, would be fine).
    Ops ops = new_array(tI64);
    ops.push_back({Opcode::Int, {1, 0}});
    ops.push_back({Opcode::Int, {14, 2}});
    ops.push_back({Opcode::SetArray, {10, 1, 14}});
    ops.push_back({Opcode::GetArray, {6, 10, 1}});
    mini.code(ops);
    EXPECT_EQ(run(mini), "Invalid array access");
    // An object of another class is refused on the way in, a subclass is fine both ways.
    ops = new_array(tBase);
    ops.push_back({Opcode::Int, {1, 0}});
    ops.push_back({Opcode::New, {17}});
    ops.push_back({Opcode::SetArray, {10, 1, 17}});
    mini.code(ops);
    EXPECT_EQ(run(mini), "Invalid array access");
    ops = new_array(tBase);
    ops.push_back({Opcode::Int, {1, 0}});
    ops.push_back({Opcode::New, {7}});
    ops.push_back({Opcode::SetArray, {10, 1, 7}});
    ops.push_back({Opcode::GetArray, {7, 10, 1}});
    ops.push_back({Opcode::GetArray, {6, 10, 1}});
    mini.code(ops);
    EXPECT_EQ(run(mini), "");
    // A Base read into a Sub register is refused: its layout is shorter.
    ops = new_array(tBase);
    ops.push_back({Opcode::Int, {1, 0}});
    ops.push_back({Opcode::New, {6}});
    ops.push_back({Opcode::SetArray, {10, 1, 6}});
    ops.push_back({Opcode::GetArray, {7, 10, 1}});
    mini.code(ops);
    EXPECT_EQ(run(mini), "Invalid array access");
    // Dynamic elements are checked by their header: a boxed int is no object.
    ops = new_array(tDyn);
    ops.push_back({Opcode::Int, {1, 0}});
    ops.push_back({Opcode::ToDyn, {5, 1}});
    ops.push_back({Opcode::SetArray, {10, 1, 5}});
    ops.push_back({Opcode::GetArray, {6, 10, 1}});
    mini.code(ops);
    EXPECT_EQ(run(mini), "Invalid array access");
}

TEST(VerifierRuntime, UnsafeCastChecksWhatHasAHeader) {
    RunMini mini;
    // Bytes have no header: they cannot become a dynamic value.
    mini.code({{Opcode::String, {4, 0}}, {Opcode::UnsafeCast, {5, 4}}});
    EXPECT_NE(run(mini).find("Can't cast"), std::string::npos);
    // A boxed int is no Base; a Sub is.
    mini.code({{Opcode::ToDyn, {5, 1}}, {Opcode::UnsafeCast, {6, 5}}});
    EXPECT_NE(run(mini).find("Can't cast"), std::string::npos);
    mini.code({{Opcode::New, {7}}, {Opcode::Mov, {5, 7}}, {Opcode::UnsafeCast, {6, 5}}, {Opcode::Field, {1, 6, 0}}});
    EXPECT_EQ(run(mini), "");
    // null<i32> from a boxed float is a plain payload (harmless); from an object it is refused.
    mini.code({{Opcode::Float, {2, 0}}, {Opcode::ToDyn, {5, 2}}, {Opcode::UnsafeCast, {13, 5}}});
    EXPECT_EQ(run(mini), "");
    mini.code({{Opcode::New, {6}}, {Opcode::Mov, {5, 6}}, {Opcode::UnsafeCast, {13, 5}}});
    EXPECT_NE(run(mini).find("Can't cast"), std::string::npos);
}

TEST(VerifierRuntime, ComparisonsTheVerifierDoesNotRule) {
    // Mixed plain kinds compare as numbers: 1 < 1.5, and 42 == 42.0.
    RunMini mini;
    int32_t g = 0;
    mini.code({{Opcode::Int, {1, 1}}, {Opcode::Float, {2, 0}}, {Opcode::Int, {19, 0}}, {Opcode::JSLt, {1, 2, 1}},
               {Opcode::JAlways, {1}}, {Opcode::Int, {19, 2}}, {Opcode::SetGlobal, {1, 19}}});
    EXPECT_EQ(run(mini, &g), "");
    EXPECT_EQ(g, 42);
    // Objects of unrelated classes are different (and not null-equal).
    mini.code({{Opcode::New, {6}}, {Opcode::New, {17}}, {Opcode::Int, {19, 0}}, {Opcode::JEq, {6, 17, 1}},
               {Opcode::Int, {19, 2}}, {Opcode::SetGlobal, {1, 19}}});
    EXPECT_EQ(run(mini, &g), "");
    EXPECT_EQ(g, 42);
}

TEST(VerifierRuntime, VirtualClosureInADynamicRegisterStaysCallable) {
    // Base.get as a closure kept in a dynamic register, then called dynamically.
    RunMini mini;
    int32_t g = 0;
    mini.code({{Opcode::New, {6}}, {Opcode::Int, {1, 2}}, {Opcode::SetField, {6, 0, 1}}, {Opcode::VirtualClosure, {5, 6, 0}},
               {Opcode::CallClosure, {19, 5}, {}}, {Opcode::SetGlobal, {1, 19}}});
    EXPECT_EQ(run(mini, &g), "");
    EXPECT_EQ(g, 42);
}

}  // namespace
}  // namespace hlffi::bc
