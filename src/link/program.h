// link layer: a runnable Program, the linker's output. Owns the runtime types, the pre-decoded
// code of every function, the bound natives, the globals and the immortal constants.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "bytecode/module.h"
#include "link/types.h"
#include "link/values.h"
#include "std/native.h"
#include "util/result.h"

namespace hlffi::rt {

enum class IOp : uint16_t {
#define IOP(name) name,
#include "link/iops.def"
#undef IOP
};

union InstrWord {
    int64_t i;
    double f;
    void* p;
    const int32_t* regs;
};

// One pre-decoded instruction (32 bytes). Index in FunctionCode::code = bytecode op index.
struct Instr {
    IOp op;
    uint16_t kind;  // op-specific small parameter (type kind, width ...)
    int32_t a, b, c;
    InstrWord x, y;
};
static_assert(sizeof(Instr) == 32);

struct FunctionCode {
    int32_t findex = -1;
    HType* type = nullptr;            // the function's HFUN type
    std::string name;                 // stack-trace name ("$Main.main", ".init", "std@itos")
    // natives
    NativeFn native = nullptr;
    void* native_data = nullptr;      // the resolver's data for this native (Ctx::native_callee)
    bool is_native = false;
    std::string missing_native;       // non-empty: calling it raises (optional library absent)
    // bytecode functions
    const bc::Function* src = nullptr;
    std::vector<Instr> code;
    std::vector<HType*> regs;         // register types
    std::vector<int32_t> arg_regs;    // call argument lists and switch tables referenced by code
    std::vector<int32_t> pointer_regs;  // registers the GC must scan
    std::deque<std::string> null_messages;  // "Null access .x" texts of this function's NullChecks
    int32_t nregs = 0;
    int32_t nargs = 0;
};

// field-name hash -> name (spec/runtime.md §9), per VM.
class NameTable {
public:
    int32_t intern(const char16_t* name, int32_t len);
    const char16_t* find(int32_t hash) const;

private:
    std::unordered_map<int32_t, std::u16string> names_;
};

struct Program {
    std::shared_ptr<const bc::Module> module;
    std::deque<HType> types;                 // module types (index i = module type i)
    std::deque<HType> extra_types;           // built-ins, closure types, ...
    std::deque<FunInfo> fun_infos;
    std::deque<ObjInfo> obj_infos;
    std::deque<EnumInfo> enum_infos;
    std::deque<VirtualInfo> virtual_infos;
    HType* builtin[bc::kTypeKindCount] = {};  // built-in descriptor per basic kind
    HType* string_type = nullptr;            // class String
    HType* bytes_class = nullptr;            // haxe.io.Bytes (may be absent)

    std::vector<FunctionCode> functions;     // by function index
    std::vector<Slot> globals;
    std::vector<HType*> global_types;
    std::vector<int32_t> pointer_globals;    // globals the GC must scan
    std::vector<std::unique_ptr<uint8_t[]>> immortal;   // constants built at load (not GC'd)
    std::vector<char16_t*> utf16_strings;    // per string index, made on first use (immortal)
    uint8_t* strings_cursor = nullptr;       // free space of the last chunk of utf16 strings
    size_t strings_left = 0;                 // bytes left at strings_cursor
    NameTable names;

    HType* type_at(int32_t i) { return &types[static_cast<size_t>(i)]; }
    FunctionCode* function(int32_t findex) { return &functions[static_cast<size_t>(findex)]; }
    // NUL-terminated UTF-16 form of string `index`, converted once and kept.
    char16_t* utf16(int32_t index, int32_t* len = nullptr);
};

// What a resolver found for lib@name: the native (nullptr when there is none; nargs < 0 accepts
// any arity), the data it reads from FunctionCode::native_data, and, when the program's
// declaration (`declared`, the native's function type) does not fit it, why.
struct NativeBinding {
    const NativeDef* def = nullptr;
    void* data = nullptr;
    std::string mismatch;
};
using NativeResolver = std::function<NativeBinding(const std::string& lib, const std::string& name, const HType* declared)>;

struct LinkOptions {
    bool lazy_missing_natives = false;  // bind missing natives to a thrower instead of failing
};

// Module (already verified) -> Program. Errors: unresolved natives, all of them in one message
// ("missing natives: mylib@a, std@b"), after declarations that do not fit a native
// ("native signature mismatch: ...").
Result<std::unique_ptr<Program>> link_program(std::shared_ptr<const bc::Module> module, const NativeResolver& resolve,
                                              const LinkOptions& opts = {});

// Instance layout helpers used by the linker and natives.
int32_t align_to(int32_t offset, int32_t align);

}  // namespace hlffi::rt
