// bytecode layer: opcode enum, operand roles and shapes, generated from opcodes.def.
#pragma once

#include <cstdint>
#include <string_view>

namespace hlffi::bc {

enum class Opcode : uint8_t {
#define HL_OPCODE(name, shape, r1, r2, r3, r4) name,
#include "bytecode/opcodes.def"
#undef HL_OPCODE
};

inline constexpr int kOpcodeCount = 0
#define HL_OPCODE(name, shape, r1, r2, r3, r4) +1
#include "bytecode/opcodes.def"
#undef HL_OPCODE
    ;

// Opcodes 99..101 exist only in HashLink >= 1.14/1.16; Haxe 4.2.5 never writes them.
inline constexpr int kOpcodeCountHaxe425 = 99;

enum class OperandRole : uint8_t { None, Reg, Int, Float, String, Bytes, Imm, Fun, Global, Field, Method, Ctor, Jump, Type };

enum class OpShape : uint8_t { Fixed, Call0, Call1, Call2, Call3, Call4, CallVar, Switch };

struct OpInfo {
    std::string_view name;
    OpShape shape;
    OperandRole roles[4];
};

inline constexpr OpInfo kOpInfo[] = {
#define HL_OPCODE(name, shape, r1, r2, r3, r4) \
    {#name, OpShape::shape, {OperandRole::r1, OperandRole::r2, OperandRole::r3, OperandRole::r4}},
#include "bytecode/opcodes.def"
#undef HL_OPCODE
};

constexpr const OpInfo& op_info(Opcode op) { return kOpInfo[static_cast<int>(op)]; }

constexpr bool is_call_shape(OpShape s) { return s != OpShape::Fixed && s != OpShape::Switch; }

// Number of argument registers a fixed-count call shape carries (-1: variable / not a call).
constexpr int fixed_call_args(OpShape s) {
    switch (s) {
    case OpShape::Call0: return 0;
    case OpShape::Call1: return 1;
    case OpShape::Call2: return 2;
    case OpShape::Call3: return 3;
    case OpShape::Call4: return 4;
    default: return -1;
    }
}

}  // namespace hlffi::bc
