// bytecode layer: the immutable in-memory form of a .hl file (spec/bytecode.md §2).
// Plain data: indices stay indices; the linker turns them into runtime structures.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bytecode/opcodes.h"

namespace hlffi::bc {

// Numbering of spec/bytecode.md §2.4; HPACKED and HGUID are read but never written by Haxe 4.2.5.
enum class TypeKind : uint8_t {
    Void, UI8, UI16, I32, I64, F32, F64, Bool, Bytes, Dyn, Fun, Obj, Array, Type, Ref,
    Virtual, DynObj, Abstract, Enum, Null, Method, Struct, Packed, Guid,
};
inline constexpr int kTypeKindCount = 24;

const char* type_kind_name(TypeKind k);

struct FieldDecl {
    int32_t name;  // string index ("" for interface slots)
    int32_t type;  // type index
};

struct ProtoDecl {
    int32_t name;    // string index
    int32_t findex;  // implementing function
    int32_t pindex;  // virtual-table slot, or -1
};

struct BindingDecl {
    int32_t field;   // global field index (parents included)
    int32_t findex;  // function stored into the field at allocation
};

struct ConstructDecl {
    int32_t name;                 // string index
    std::vector<int32_t> params;  // type indices
};

// One entry of the types table; which members are meaningful depends on `kind`.
struct TypeDecl {
    TypeKind kind = TypeKind::Void;
    std::vector<int32_t> args;  // Fun/Method: argument types
    int32_t ret = -1;           // Fun/Method: return type
    int32_t name = -1;          // Obj/Struct/Abstract/Enum: string index
    int32_t super = -1;         // Obj/Struct: parent type or -1
    int32_t global = -1;        // Obj/Struct/Enum: global holding the class/enum object, or -1
    int32_t param = -1;         // Ref/Null/Packed: referenced type
    std::vector<FieldDecl> fields;  // Obj/Struct: own fields; Virtual: all fields
    std::vector<ProtoDecl> protos;
    std::vector<BindingDecl> bindings;
    std::vector<ConstructDecl> constructs;  // Enum
};

struct NativeDecl {
    int32_t lib;     // string index ('?' prefix = optional library)
    int32_t name;    // string index
    int32_t type;    // HFUN type index
    int32_t findex;  // function index it occupies
};

// A decoded instruction. Fixed-shape ops use p[0..3] in operand order. Call-shaped ops keep
// p[0] = dst and p[1] = callee (function, method slot, closure register or constructor), with
// their argument registers in Function::extra. Switch keeps p[0] = reg, p[1] = end offset and
// its jump offsets in extra.
struct Op {
    Opcode code = Opcode::Nop;
    int32_t p[4] = {0, 0, 0, 0};
    uint32_t extra_begin = 0;
    uint32_t extra_count = 0;
};

struct DebugPos {
    int32_t file;  // debug file index, -1 before any file was set
    int32_t line;
};

struct Assign {
    int32_t name;  // string index
    int32_t pos;
};

struct Function {
    int32_t type = -1;    // HFUN/HMETHOD type index
    int32_t findex = -1;  // index in the shared function/native space
    std::vector<int32_t> regs;  // register types
    std::vector<Op> ops;
    std::vector<int32_t> extra;  // call arguments and switch offsets, see Op
    std::vector<DebugPos> debug;  // one per op when the file has debug info, else empty
    std::vector<Assign> assigns;

    const int32_t* args_of(const Op& op) const { return extra.data() + op.extra_begin; }
};

struct ConstantDecl {
    int32_t global;
    std::vector<int32_t> fields;
};

// Where a function index points: into `functions` or into `natives`.
struct FunctionSlot {
    bool is_native = false;
    int32_t index = -1;  // position in Module::functions or Module::natives; -1 = unused
};

struct Module {
    int version = 0;
    uint32_t flags = 0;
    std::vector<int32_t> ints;
    std::vector<double> floats;
    std::vector<std::string> strings;  // UTF-8
    std::vector<uint8_t> bytes_data;   // version >= 5
    std::vector<int32_t> bytes_pos;
    std::vector<std::string> debug_files;
    std::vector<TypeDecl> types;
    std::vector<int32_t> globals;  // type index per global
    std::vector<NativeDecl> natives;
    std::vector<Function> functions;
    std::vector<ConstantDecl> constants;
    int32_t entrypoint = -1;
    size_t file_size = 0;

    // Derived by the reader: function index -> definition.
    std::vector<FunctionSlot> function_slots;

    bool has_debug() const { return (flags & 1) != 0; }
    const std::string& str(int32_t i) const { return strings[static_cast<size_t>(i)]; }
    const TypeDecl& type(int32_t i) const { return types[static_cast<size_t>(i)]; }

    // The function record at function index `findex`, or nullptr (out of range or a native).
    const Function* function_at(int32_t findex) const;
    const NativeDecl* native_at(int32_t findex) const;
    // Signature (HFUN type index) of function index `findex`, or -1.
    int32_t signature_of(int32_t findex) const;
};

}  // namespace hlffi::bc
