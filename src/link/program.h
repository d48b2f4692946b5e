// link layer: a runnable Program, the linker's output. Owns the runtime types, the pre-decoded
// code of every function, the built-in natives and the string constants. Immutable once linked:
// every VM loaded from the same module reads one Program at the same time, so what a run changes
// (globals, constant objects, host natives, names met at run time) lives in the VM.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <forward_list>
#include <functional>
#include <memory>
#include <mutex>
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

// Set once a function's code is translated. An atomic flag that std::vector can hold (the
// vector of functions only grows while the linker builds it, before any thread reads it).
struct CodeBuiltFlag {
    std::atomic<bool> value{false};
    CodeBuiltFlag() = default;
    CodeBuiltFlag(const CodeBuiltFlag& o) : value(o.value.load(std::memory_order_relaxed)) {}
    CodeBuiltFlag& operator=(const CodeBuiltFlag& o) {
        value.store(o.value.load(std::memory_order_relaxed), std::memory_order_relaxed);
        return *this;
    }
    bool load(std::memory_order m) const { return value.load(m); }
    void store(bool v, std::memory_order m) { value.store(v, m); }
};

struct FunctionCode {
    int32_t findex = -1;
    HType* type = nullptr;            // the function's HFUN type
    std::string name;                 // stack-trace name ("$Main.main", ".init", "std@itos")
    // natives
    NativeFn native = nullptr;
    void* native_data = nullptr;      // the resolver's data for this native (Ctx::native_callee)
    bool is_native = false;
    std::string missing_native;       // non-empty: calling it raises (optional library absent)
    // A native outside the built-in libraries: bound by each VM to its host's registration. The
    // call goes to the VM's own FunctionCode at this index (Ctx::host_natives), never to this one.
    int32_t host_native = -1;
    // bytecode functions
    const bc::Function* src = nullptr;
    // Translated on first entry (code_of): a restart runs a small part of a program's
    // functions, and translating all at load was a fifth of a restart's time.
    CodeBuiltFlag code_built;
    std::vector<Instr> code;
    std::vector<HType*> regs;         // register types
    std::vector<int32_t> arg_regs;    // call argument lists and switch tables referenced by code
    std::vector<int32_t> pointer_regs;  // registers the GC must scan
    // "Null access .x" texts of this function's NullChecks (stable addresses; an empty list,
    // unlike a deque, allocates nothing, which matters to a load's time).
    std::forward_list<std::string> null_messages;
    int32_t nregs = 0;
    int32_t nargs = 0;
};

// field-name hash -> name (spec/runtime.md §9).
class NameTable {
public:
    // `below`: a table whose entries count as taken (a VM's names over its program's).
    int32_t intern(const char16_t* name, int32_t len, const NameTable* below = nullptr);
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
    // Natives no built-in library has, in FunctionCode::host_native order.
    struct HostNativeDecl {
        int32_t findex;
        std::string lib, name;
        bool optional;                       // declared "?lib": absent means "missing", no error
    };
    std::vector<HostNativeDecl> host_natives;
    std::vector<HType*> global_types;        // each VM keeps its own values of the globals
    std::vector<int32_t> pointer_globals;    // globals the GC must scan
    std::vector<std::unique_ptr<uint8_t[]>> immortal;   // string constants (not GC'd)
    std::vector<char16_t*> utf16_strings;    // per string index, all made by the linker
    uint8_t* strings_cursor = nullptr;       // free space of the last chunk of utf16 strings
    size_t strings_left = 0;                 // bytes left at strings_cursor
    NameTable names;                         // names in the program; a VM adds those met at run time
    std::vector<std::string> short_names;    // per function: the name in "Null access .name"
    std::mutex code_lock;                    // taken while translating a function (code_of)
    std::vector<std::shared_ptr<const bc::Module>> retired_modules;  // replaced by hot reloads

    HType* type_at(int32_t i) { return &types[static_cast<size_t>(i)]; }
    FunctionCode* function(int32_t findex) { return &functions[static_cast<size_t>(findex)]; }
    // NUL-terminated UTF-16 form of string `index`. The linker converts them all, so after
    // linking this only reads.
    char16_t* utf16(int32_t index, int32_t* len = nullptr);
};

// Translates fc (a bytecode function of p) under p.code_lock; a no-op once done.
void build_code(Program& p, FunctionCode& fc);

// The translated code of bytecode function fc, translating it on first use. Any thread.
inline const Instr* code_of(Program& p, FunctionCode& fc) {
    if (!fc.code_built.load(std::memory_order_acquire)) [[unlikely]]
        build_code(p, fc);
    return fc.code.data();
}

// The built-in native for lib@name (nullptr when there is none; nargs < 0 accepts any arity).
using NativeResolver = std::function<const NativeDef*(const std::string& lib, const std::string& name)>;

// Module (already verified) -> Program. Natives the resolver lacks become host natives, bound
// per VM. Errors: a built-in native declared with another arity, a malformed constant.
Result<std::unique_ptr<Program>> link_program(std::shared_ptr<const bc::Module> module, const NativeResolver& resolve);

// The name "Null access .name" uses for a function of trace name `full` ("" for none).
std::string short_function_name(const std::string& full);

// Hot reload of a program no other VM shares and no thread runs: `next` (verified) must have the
// same types, globals, natives and function signatures (else the failure says what differs);
// the functions then take their bodies from it, translated again on their next entry. True when
// any code or constant changed.
Result<bool> patch_program(Program& p, std::shared_ptr<const bc::Module> next);

// A run's own globals: zeroes, and each constant (bytecode.md §2.8) as a fresh object in a
// block kept in `blocks` (outside the GC heap, like HashLink's module memory).
void init_globals(const Program& p, std::vector<Slot>& globals, std::vector<std::unique_ptr<uint8_t[]>>& blocks);
// The constants' objects alone, added to `blocks` (a hot reload keeps the old ones: values of the
// run may still point at them).
void make_constants(const Program& p, std::vector<Slot>& globals, std::vector<std::unique_ptr<uint8_t[]>>& blocks);

// Instance layout helpers used by the linker and natives.
int32_t align_to(int32_t offset, int32_t align);

}  // namespace hlffi::rt
