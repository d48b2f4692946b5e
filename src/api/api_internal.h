// api layer: what every src/api/*.cpp shares: the handle structs behind include/hlffi.h's opaque
// types, error recording, handle checks, value conversion by Haxe's rules, name lookups.
#pragma once

#include <cstdint>
#include <atomic>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "hlffi.h"
#include "vm/host_entry.h"
#include "vm/vm.h"

namespace hlffi::api {

constexpr uint32_t kLiveValue = 0x484C5621u;   // "HLV!": handed out
constexpr uint32_t kFreedValue = 0x66726565u;  // "free": back in the pool

// A host callback registered with hlffi_register_callback(_typed) (src/api/callbacks.cpp). Haxe
// calls it as a closure (has_value 0) over `code`, a native FunctionCode whose native_data is this
// record: the trampoline finds the record through Ctx::native_callee. Records have stable
// addresses (owned by unique_ptr) and outlive every closure made from them: an unregistered or
// replaced record is kept (retired) until the program whose closures may use it is closed.
struct Callback {
    hlffi_vm* vm = nullptr;
    std::string name;
    std::string label;                      // "callback NAME", for messages
    hlffi_native_func fn = nullptr;
    int nargs = 0;
    std::vector<hlffi_arg_type> arg_types;  // typed form: one per argument
    hlffi_arg_type return_type = HLFFI_ARG_DYNAMIC;
    bool typed = false;
    bool unregistered = false;
    // The native function Haxe calls; its type belongs to the program of `generation` (0: none
    // built yet) and is rebuilt on the first hlffi_get_callback after each load.
    uint64_t generation = 0;
    std::unique_ptr<rt::FunctionCode> code;
};

// A native registered with hlffi_register_native (src/api/natives.cpp); it is the native_data of
// the FunctionCode bound to lib@name (stable address: hlffi_vm::natives is a deque).
struct HostNativeReg {
    hlffi_vm* vm = nullptr;
    std::string lib, name, signature;   // signature "" when none was given
    hlffi_native_func fn = nullptr;
    std::string label;                  // "lib@name", for messages
};

// Calls a host function from Haxe (the trampolines of callbacks and host natives,
// src/api/host_calls.cpp): args are the slots of function type `ft`'s parameters; each reaches fn
// as a value handle of its type, freed afterwards; fn's result is converted to ft's result type
// and freed. An error raises a Haxe exception (`label` names the function in its message); an
// exception that a nested call left uncaught inside fn is rethrown unless the host cleared it.
rt::Slot call_host_function(rt::Ctx& c, hlffi_vm* vm, hlffi_native_func fn, const rt::HType* ft, const rt::Slot* args,
                            std::string_view label);

// The values a VM handed out: allocated in chunks, recycled through a free list, linked while
// live so that every collection marks them.
class ValuePool {
public:
    ValuePool() = default;
    ValuePool(const ValuePool&) = delete;
    ValuePool& operator=(const ValuePool&) = delete;
    // Inline (end of this file): every call and callback makes and releases handles.
    inline hlffi_value* make(hlffi_vm* vm, rt::HType* t, rt::Slot s);  // nullptr when memory is exhausted
    inline void release(hlffi_value* v);
    // Argument handles of a host function called from Haxe (call_host_function): lent for that
    // call, outside the live list (two stores each way instead of linking), and given back when
    // it returns, whether or not the host freed them meanwhile (release only marks them freed).
    // Their memory stays the pool's, so a handle the host kept reads as freed, never dangles.
    inline hlffi_value* borrow(hlffi_vm* vm, rt::HType* t, rt::Slot s);
    inline void give_back(hlffi_value* v);
    void mark(gc::Marker& m) const;
    void invalidate_all();   // the program is closed: every live value becomes stale
    size_t live_count() const { return live_; }

private:
    bool grow();  // a new chunk onto the free list; false when memory is exhausted
    bool grow_lent();  // the same for the argument handles
    std::vector<std::unique_ptr<hlffi_value[]>> chunks_;
    std::vector<std::unique_ptr<hlffi_value[]>> lent_chunks_;  // handles with borrowed == true
    hlffi_value* lent_free_ = nullptr;
    hlffi_value* free_ = nullptr;
    hlffi_value* head_ = nullptr;  // live list
    size_t live_ = 0;
};

// Name index and type handles of the loaded program, built on first use.
struct TypeIndex {
    uint64_t generation = 0;                               // program it describes (0: none yet)
    std::unordered_map<std::string, rt::HType*> by_name;   // dotted class/enum names, abstracts, basic types
    // Haxe `abstract`s are compiled away; those with methods leave an `_Impl_` class behind. Their
    // dotted names map to that class, only to tell the host why the abstract has no type.
    std::unordered_map<std::string, rt::HType*> haxe_abstracts;
    // Stable addresses. Handles of an earlier program stay allocated (emptied, t == nullptr) so
    // that the host's leftovers are detected as stale instead of dangling.
    std::deque<hlffi_type> handles;
    std::unordered_map<const rt::HType*, hlffi_type*> handle_of;
};

}  // namespace hlffi::api

struct hlffi_type {
    hlffi::rt::HType* t = nullptr;
    hlffi_vm* vm = nullptr;
    std::string name;                      // UTF-8, see hlffi_type_get_name
    std::vector<std::string> field_names;  // own fields (UTF-8), filled on first use
    std::vector<std::string> method_names; // own methods (UTF-8), filled on first use
    bool members_listed = false;
};

struct hlffi_value {
    uint32_t magic = 0;                  // kLiveValue / kFreedValue
    bool borrowed = false;               // an argument handle of a host call (ValuePool::borrow)
    hlffi_vm* vm = nullptr;
    uint64_t generation = 0;             // Vm::generation when made
    hlffi::rt::HType* type = nullptr;    // static type of `slot`
    hlffi::rt::Slot slot = 0;            // the value; pointer kinds: the pointer
    hlffi_value* prev = nullptr;         // live list / free list
    hlffi_value* next = nullptr;
};

struct hlffi_cached_call {
    hlffi_vm* vm = nullptr;
    uint64_t generation = 0;
    hlffi::rt::FunctionCode* fn = nullptr;   // static: the function; method: the class's resolution
    hlffi::rt::HType* cls = nullptr;         // method: the class resolved against
    int32_t method_hash = 0;                 // method: name hash, for virtual dispatch
    bool is_method = false;
    std::string label;                       // "Class.method", for messages
};

namespace hlffi::api {

// The VM thread of HLFFI_MODE_THREADED (src/api/threads.cpp).
struct VmThread {
    std::thread thread;
    std::atomic<bool> running{false};   // started and not yet joined
    std::atomic<bool> stop{false};      // hlffi_thread_stop asked the idle loop to end
    std::atomic<bool> main_done{false}; // main() returned (or failed)
    hlffi_error_code entry_result = HLFFI_OK;
    double stop_timeout = 1.0;          // seconds hlffi_thread_stop waits for main() before interrupting
};

// Stops and joins the VM thread if it runs (hlffi_close, hlffi_destroy, hlffi_thread_stop).
hlffi_error_code stop_vm_thread(hlffi_vm* vm);

}  // namespace hlffi::api

struct hlffi_vm {
    hlffi_vm();
    ~hlffi_vm();
    hlffi::vm::Vm vm;
    bool initialized = false;
    bool entry_called = false;
    hlffi_integration_mode mode = HLFFI_MODE_NON_THREADED;
    hlffi_error_code last_code = HLFFI_OK;
    std::string error;                       // last message (see hlffi_get_error)
    std::string scratch;                     // strings handed out until the next call
    hlffi::api::ValuePool values;
    hlffi::api::TypeIndex types;
    std::unordered_map<std::string, std::unique_ptr<hlffi::api::Callback>> callbacks;
    std::vector<std::unique_ptr<hlffi::api::Callback>> retired_callbacks;  // unregistered/replaced
    std::deque<hlffi::api::HostNativeReg> natives;
    std::vector<hlffi_cached_call*> cached;  // freed with the VM
    hlffi::api::VmThread thread;
    bool hot_reload = false;                 // hlffi_enable_hot_reload
    hlffi_reload_callback reload_callback = nullptr;
    void* reload_userdata = nullptr;
    std::string reload_path;                 // the file hlffi_check_reload watches ("" = none)
    int64_t reload_stamp_ns = 0;             // its modification time and size when last loaded
    int64_t reload_stamp_size = -1;
    void* user_data = nullptr;               // hlffi_set_user_data (src/api/user_data.cpp)
};

namespace hlffi::api {

// ---- Errors: every failure is recorded on its VM (code + message).
hlffi_error_code fail(hlffi_vm* vm, hlffi_error_code code, std::string message);
inline void succeed(hlffi_vm* vm);

// ---- Loading (lifecycle.cpp): shared by files, memory and compiled modules.
hlffi_error_code check_loadable(hlffi_vm* vm);          // NULL_VM, NOT_INITIALIZED, ALREADY_LOADED
hlffi_error_code load_error_code(const std::string& why);  // a load failure's code, from its message
hlffi_error_code finish_load(hlffi_vm* vm, bool loaded);  // records the outcome of Vm::load*
void watch_loaded_file(hlffi_vm* vm, const std::string& path);  // hot_reload.cpp; "" = none
// Maps a host call's outcome to an error (recorded); HLFFI_OK for CallOutcome::Ok.
hlffi_error_code outcome_error(hlffi_vm* vm, vm::CallOutcome o, std::string_view what);

// ---- Handle checks. Each records the failure where it can and returns false. The passing case
// is inline (end of this file, no call on the hot paths); the *_failed functions record why not.
// The VM has a loaded program (and, with need_entry, static init has run).
inline bool check_loaded(hlffi_vm* vm, bool need_entry = false);
bool check_loaded_failed(hlffi_vm* vm, bool need_entry);
// `v` is a live value of `vm` (vm may be nullptr: then v's own VM is checked and returned).
inline bool check_value(hlffi_vm*& vm, hlffi_value* v, const char* what = "value");
bool check_value_failed(hlffi_vm*& vm, hlffi_value* v, const char* what);
bool check_name(hlffi_vm* vm, const char* name, const char* what);
// `t` is a type handle of the program loaded in its VM (vm may be nullptr: then t's own VM is
// checked and returned; else WRONG_VM when t belongs to another VM). NULL_VALUE / STALE_HANDLE.
bool check_type(hlffi_vm*& vm, hlffi_type* t, const char* what = "type");
// The entry succeeded (else WRONG_THREAD is recorded: the VM's context is busy on another thread).
inline bool entered(vm::HostEntry& e, hlffi_vm* vm);
bool entered_failed(hlffi_vm* vm);

// ---- Values
inline hlffi_value* make_value(hlffi_vm* vm, rt::HType* t, rt::Slot s);  // records OUT_OF_MEMORY
hlffi_value* out_of_handles(hlffi_vm* vm);  // records OUT_OF_MEMORY, returns nullptr
// The dynamic-kind pointer in v, or nullptr when v is null or not a dynamic kind.
rt::VDynamic* dynamic_of(const hlffi_value* v);
// The type Haxe sees at run time: the header of a dynamic value, else the static type.
rt::HType* runtime_type(const hlffi_value* v);
rt::HType* basic_type(hlffi_vm* vm, rt::TypeKind k);
// Converts v to a value of type `to` by Haxe's rules (Int -> Float, boxing into Dynamic/Null<T>,
// unboxing, casts to a superclass/interface); TYPE_MISMATCH recorded otherwise.
bool to_slot(vm::HostEntry& e, hlffi_vm* vm, const hlffi_value* v, rt::HType* to, rt::Slot* out, std::string_view what);
// Converts argc values to the parameter types of function type `ft` starting at parameter
// `first` (1 for methods: the receiver comes first). WRONG_ARITY / TYPE_MISMATCH recorded.
bool convert_args(vm::HostEntry& e, hlffi_vm* vm, rt::HType* ft, int first, int argc, hlffi_value** argv,
                  rt::Slot* out, std::string_view what);
// convert_args' common case, inline and recording nothing: the right count of live values of this
// VM, each already of its parameter's type. False sends the caller to convert_args.
inline bool args_as_is(const hlffi_vm* vm, const rt::HType* ft, int first, int argc, hlffi_value* const* argv,
                       rt::Slot* out);
// UTF-8 text of any value (Std.string rules); false after recording an error.
bool value_text(vm::HostEntry& e, hlffi_vm* vm, const hlffi_value* v, std::string* out);
char* malloc_copy(std::string_view s);  // NUL-terminated copy for the caller to free()

// ---- Calls: runs f with converted args and wraps the result (nullptr for Void, recorded errors).
// Inline (end of this file): the cached-call path.
inline hlffi_value* call_and_wrap(vm::HostEntry& e, hlffi_vm* vm, rt::FunctionCode* f, const rt::Slot* args, int nargs,
                                  std::string_view what);

// ---- Names
TypeIndex& type_index(hlffi_vm* vm);                 // built for the loaded program on first use
rt::HType* find_type(hlffi_vm* vm, std::string_view name);  // nullptr: not found (nothing recorded)
hlffi_type* type_handle(hlffi_vm* vm, rt::HType* t);  // the stable handle of t (nullptr for nullptr)
// " ('name' is a Haxe abstract: ...)" when `name` is a Haxe abstract the compiler removed, else "".
std::string haxe_abstract_hint(hlffi_vm* vm, const char* name);
// The class (instance type) named `name`; TYPE_NOT_FOUND recorded when absent.
rt::HType* find_class(hlffi_vm* vm, const char* name);
// The class object holding the statics of class `cls` (null before static init: ENTRY_NOT_CALLED).
rt::VObj* class_object(hlffi_vm* vm, rt::HType* cls);
// The function bound to static `name` of `cls`, or nullptr (METHOD_NOT_FOUND recorded).
rt::FunctionCode* find_static_method(hlffi_vm* vm, rt::HType* cls, const char* name);
// The method `name` of class `cls` as resolved for an instance of that exact class, or nullptr.
rt::FunctionCode* find_method(hlffi_vm* vm, rt::HType* cls, int32_t hash);
// Field `name` (by hash) of class `cls`: its index in ObjInfo::fields, or -1.
int32_t find_field(rt::HType* cls, int32_t hash);
int32_t name_hash(std::string_view utf8);
std::string utf8(std::u16string_view s);

}  // namespace hlffi::api

// ---- Inline hot paths declared above (they need the complete hlffi_vm).
namespace hlffi::api {

inline void succeed(hlffi_vm* vm) {
    vm->last_code = HLFFI_OK;
    if (!vm->vm.last_error.empty()) vm->vm.last_error.clear();  // usually already empty: no store
}

inline bool entered(vm::HostEntry& e, hlffi_vm* vm) { return e.ok() || entered_failed(vm); }

inline hlffi_value* call_and_wrap(vm::HostEntry& e, hlffi_vm* vm, rt::FunctionCode* f, const rt::Slot* args, int nargs,
                                  std::string_view what) {
    rt::Slot r = 0;
    vm::CallOutcome o = vm::call_from_host(e, f, args, nargs, &r);
    if (o != vm::CallOutcome::Ok) {
        outcome_error(vm, o, what);
        return nullptr;
    }
    succeed(vm);
    rt::HType* ret = f->type->fun->ret;
    if (ret == nullptr || ret->kind == rt::TypeKind::Void) return nullptr;
    return make_value(vm, ret, r);
}

inline bool check_loaded(hlffi_vm* vm, bool need_entry) {
    if (vm != nullptr && vm->vm.loaded() && (!need_entry || vm->entry_called)) return true;
    return check_loaded_failed(vm, need_entry);
}

// A live value of its own VM's loaded program (check_value's passing case, vm not given).
inline bool is_live(const hlffi_value* v) {
    return v != nullptr && v->magic == kLiveValue && v->type != nullptr && v->generation == v->vm->vm.generation &&
           v->vm->vm.loaded();
}

inline bool check_value(hlffi_vm*& vm, hlffi_value* v, const char* what) {
    if (is_live(v) && (vm == nullptr || v->vm == vm)) {
        vm = v->vm;
        return true;
    }
    return check_value_failed(vm, v, what);
}

// What every handle holds once live, pooled or lent.
inline void set_live(hlffi_value* v, hlffi_vm* vm, rt::HType* t, rt::Slot s) {
    v->magic = kLiveValue;
    v->vm = vm;
    v->generation = vm->vm.generation;
    v->type = t;
    v->slot = s;
}

inline hlffi_value* ValuePool::make(hlffi_vm* vm, rt::HType* t, rt::Slot s) {
    if (free_ == nullptr && !grow()) return nullptr;
    hlffi_value* v = free_;
    free_ = v->next;
    set_live(v, vm, t, s);
    v->prev = nullptr;
    v->next = head_;
    if (head_ != nullptr) head_->prev = v;
    head_ = v;
    live_++;
    return v;
}

inline void ValuePool::release(hlffi_value* v) {
    if (v->borrowed) {  // the host freed an argument: stale from now on; give_back recycles it
        v->magic = kFreedValue;
        v->type = nullptr;
        v->slot = 0;
        return;
    }
    if (v->type != nullptr) {  // still in the live list (stale ones were unlinked)
        if (v->prev != nullptr) v->prev->next = v->next;
        else head_ = v->next;
        if (v->next != nullptr) v->next->prev = v->prev;
        live_--;
    }
    v->magic = kFreedValue;
    v->type = nullptr;
    v->slot = 0;
    v->prev = nullptr;
    v->next = free_;
    free_ = v;
}

inline hlffi_value* ValuePool::borrow(hlffi_vm* vm, rt::HType* t, rt::Slot s) {
    if (lent_free_ == nullptr && !grow_lent()) return nullptr;
    hlffi_value* v = lent_free_;
    lent_free_ = v->next;
    set_live(v, vm, t, s);
    return v;
}

inline void ValuePool::give_back(hlffi_value* v) {
    v->magic = kFreedValue;
    v->type = nullptr;
    v->slot = 0;
    v->next = lent_free_;
    lent_free_ = v;
}

inline hlffi_value* make_value(hlffi_vm* vm, rt::HType* t, rt::Slot s) {
    hlffi_value* v = vm->values.make(vm, t, s);
    return v != nullptr ? v : out_of_handles(vm);
}

inline bool args_as_is(const hlffi_vm* vm, const rt::HType* ft, int first, int argc, hlffi_value* const* argv,
                       rt::Slot* out) {
    const auto& params = ft->fun->args;
    if (argc != static_cast<int>(params.size()) - first || (argc > 0 && argv == nullptr)) return false;
    // Read once: the stores to `out` (uint64_t slots) could alias them for the compiler.
    const uint64_t generation = vm->vm.generation;
    rt::HType* const* types = params.data() + first;
    for (int i = 0; i < argc; i++) {
        const hlffi_value* v = argv[i];
        const rt::HType* t = types[i];
        if (v == nullptr || v->magic != kLiveValue || v->vm != vm || v->type == nullptr || v->generation != generation)
            return false;
        // The same type, or a scalar of the same kind (no conversion either way).
        if (v->type != t && (rt::is_pointer(t) || t->kind == rt::TypeKind::Void || v->type->kind != t->kind)) return false;
        out[first + i] = v->slot;
    }
    return true;
}

}  // namespace hlffi::api
