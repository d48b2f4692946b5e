// std layer: the one narrow header through which natives see the runtime (allocation, errors,
// calls back into Haxe, built-in types, names, output). Implemented by the vm layer; natives
// never include interpreter or VM internals.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "link/types.h"
#include "link/values.h"

struct pollfd;  // <poll.h>, for wait_fds

namespace hlffi::rt {

struct Ctx;  // per-thread execution context (opaque to natives)

// Uniform native calling convention: raw 8-byte argument slots in, one slot out.
using NativeFn = Slot (*)(Ctx& ctx, const Slot* args);

// ---- Allocation: zeroed memory from the VM's heap. On out-of-memory (or the VM's memory limit)
// they raise a Haxe exception and return nullptr: callers must check and return at once.
void* alloc_noscan(Ctx& c, size_t size);   // raw bytes, never scanned (text, numbers)
void* alloc_scan(Ctx& c, size_t size);     // may hold pointers to heap values
VDynamic* alloc_box(Ctx& c, HType* t);     // a box of type t, payload zero
VObj* alloc_object(Ctx& c, HType* t);      // class instance with its bound fields set
VArray* alloc_array(Ctx& c, HType* elem, int32_t size);
VEnum* alloc_enum(Ctx& c, HType* t, int32_t construct);
VClosure* alloc_closure(Ctx& c, FunctionCode* f, void* bound, bool has_value);
VDynObj* alloc_dynobj(Ctx& c);
VVirtual* alloc_virtual(Ctx& c, HType* vt);  // stand-alone virtual with zeroed storage
// A String object holding a copy of `len` UTF-16 units.
VString* alloc_string(Ctx& c, const char16_t* text, int32_t len);
// A String object holding the UTF-16 form of UTF-8 `text`.
VString* alloc_string_utf8(Ctx& c, std::string_view text);
// A NUL-terminated UTF-16 copy in a no-scan block; its length in units goes to *len if non-null.
char16_t* alloc_utf16(Ctx& c, const char16_t* text, int32_t len);
// Finalizer of a heap block for what it owns outside the heap (a C library's objects): fn(data)
// runs once, after the collection that frees `block` or when the VM unloads. The block is gone
// by then, so data must not be in the heap; fn must not call into the VM.
void register_finalizer(Ctx& c, void* block, void (*fn)(void*), void* data);

// ---- Errors (spec/runtime.md §14.1). After raising, return at once; the value returned is
// ignored by the caller.
void raise_value(Ctx& c, void* value);              // throw any value (hl_throw)
void raise_message(Ctx& c, std::string_view utf8);  // throw a `bytes` box with the text (hl_error)
bool has_exception(const Ctx& c);

// ---- Calls back into Haxe. Return false when the callee threw (the exception stays pending).
bool call_closure(Ctx& c, VClosure* cl, const Slot* args, int nargs, Slot* ret);
bool call_function(Ctx& c, FunctionCode* f, const Slot* args, int nargs, Slot* ret);
// Signature of a closure as seen by its callers (its type, wrappers unwrapped to the target).
HType* closure_type(const VClosure* cl);

// ---- Types and names.
HType* builtin_type(Ctx& c, TypeKind k);   // the built-in descriptor of a basic kind
HType* string_type(Ctx& c);                // the program's String class
HType* bytes_class_type(Ctx& c);           // haxe.io.Bytes, or nullptr if the program has none
HType* module_type(Ctx& c, int32_t index); // a type of the module's table, or nullptr
int32_t module_type_count(Ctx& c);
void** global_slot(Ctx& c, int32_t global); // address of a global, or nullptr if out of range
FunctionCode* function_by_index(Ctx& c, int32_t findex);
// Field-name hash of spec/runtime.md §9; the name is remembered for name_of_hash.
int32_t hash_name(Ctx& c, const char16_t* name, int32_t len);
int32_t hash_name_utf8(Ctx& c, std::string_view name);
const char16_t* name_of_hash(Ctx& c, int32_t hash);  // nullptr when never registered
int32_t hash_utf16(const char16_t* name, int32_t len);  // pure hash, registers nothing

// ---- Host interaction.
void write_output(Ctx& c, std::string_view utf8);   // stdout or the host's print handler
void write_error_output(Ctx& c, std::string_view utf8);
void set_exit_code(Ctx& c, int code);
// Sys.exit: end the whole run with `code` (no further Haxe code runs, not even handlers). The
// native returns at once afterwards; the VM unwinds every frame instead of calling exit().
void request_exit(Ctx& c, int code);
// Sys.args: a new native array of `bytes` (NUL-terminated UTF-8) holding the program arguments
// given by the host (those after the .hl file on the command line); nullptr after raising.
VArray* program_args(Ctx& c);

// ---- Threads. One thread at a time runs Haxe code in a VM: it holds the VM lock. A native
// that waits must wait through these, which let the other threads run meanwhile.
// Waits until `ready()` is true (checked with the VM lock held) or the VM stops; false when the
// VM is stopping (the caller must then return at once: the thread is being ended).
bool wait_until(Ctx& c, bool (*ready)(void* data), void* data, double timeout_seconds = -1);
// Wakes the threads blocked in wait_until so they test their condition again.
void notify_waiters(Ctx& c);
// Sleeps without holding the VM lock; false when the VM is stopping.
bool sleep_unlocked(Ctx& c, double seconds);
// Starts a thread running `fn` (a () -> void closure); returns its handle, or nullptr after raising.
void* start_thread(Ctx& c, VClosure* fn);
// A stable handle of the calling thread (compared by identity by Haxe code).
void* current_thread(Ctx& c);
// Per-thread storage: slot `key` of the calling thread (keys from new_tls_key), a GC root.
void** tls_slot(Ctx& c, int32_t key);
int32_t new_tls_key(Ctx& c);

// ---- Blocking system calls (vm/blocking.cpp). A native that waits in the kernel (sockets,
// pipes, child processes, name lookups) does it through these, without the VM lock, so the other
// Haxe threads run and collect meanwhile. While unlocked it must not touch the heap or call any
// other service: it works on C data only (copied out of the heap before, back in after).
// Waits like poll(2) until one of `fds` is ready, `timeout_seconds` pass (< 0: no limit), or the
// VM is interrupted or stopping. Returns poll's count (0: timed out; revents are filled in), or
// -1 after raising "Interrupted" (the caller must then return at once: the thread is being ended).
int wait_fds(Ctx& c, pollfd* fds, int nfds, double timeout_seconds);
// Runs fn(data) without the VM lock, for a call that cannot be polled (a name lookup). It is not
// interruptible, so fn must end by itself.
void run_unlocked(Ctx& c, void (*fn)(void* data), void* data);

// ---- Program and collector (vm/sys_services.cpp), for Sys.programPath and hl.Gc.
std::string_view program_path(Ctx& c);   // the .hl file as the host named it; "" if unknown
void collect_now(Ctx& c);                // a full collection now
struct GcStats {
    double total_allocated;   // bytes allocated by the program so far
    double allocation_count;  // blocks allocated so far
    double current_memory;    // bytes the heap holds from the OS now
    double live_bytes;        // bytes of live blocks (after the last collection)
    double live_blocks;
    double collections;
};
GcStats gc_statistics(Ctx& c);
void set_collection_enabled(Ctx& c, bool on);  // off: no collection unless memory runs out
// hl.Gc flags (Profile 1, DumpMem 2, NoThreads 4, ForceMajor 8): stored as given; ForceMajor
// makes every allocation collect, as HLFFI_GC_STRESS does.
int32_t gc_flag_bits(Ctx& c);
void set_gc_flag_bits(Ctx& c, int32_t flags);
// hl.Profile's tracking bits (global, or the thread's: kept per VM), remembered as set; hlffi
// tracks nothing whatever they say.
int32_t track_bits(Ctx& c, bool thread);
void set_track_bits(Ctx& c, int32_t bits, bool thread);

// ---- GC roots for natives that allocate more than once while holding a new value: the
// pointed-to local is a root until the guard goes out of scope. Guards nest (LIFO).
class RootGuard {
public:
    RootGuard(Ctx& c, void* local_address);
    ~RootGuard();
    RootGuard(const RootGuard&) = delete;
    RootGuard& operator=(const RootGuard&) = delete;

private:
    Ctx& c_;
};

// ---- Typed adapters: write a native as a plain function taking Ctx& and typed arguments
// (int32_t, int64_t, double, float, bool, pointers); NATIVE(name, fn) makes its table entry.
struct NativeDef {
    std::string_view name;
    NativeFn fn;
    int nargs;
};

namespace detail {
template <typename T>
T from_slot(Slot s) {
    if constexpr (std::is_same_v<T, bool>) return (s & 0xFF) != 0;
    else if constexpr (std::is_pointer_v<T>) return reinterpret_cast<T>(static_cast<uintptr_t>(s));
    else return slot_get<T>(s);
}
template <typename T>
Slot to_slot(T v) {
    if constexpr (std::is_same_v<T, bool>) return v ? 1 : 0;
    else if constexpr (std::is_pointer_v<T>) return static_cast<Slot>(reinterpret_cast<uintptr_t>(v));
    else return slot_of<T>(v);
}
template <auto F>
struct Thunk;
template <typename R, typename... A, R (*F)(Ctx&, A...)>
struct Thunk<F> {
    static constexpr int nargs = sizeof...(A);
    template <size_t... I>
    static Slot call(Ctx& c, const Slot* args, std::index_sequence<I...>) {
        if constexpr (std::is_void_v<R>) {
            F(c, from_slot<A>(args[I])...);
            return 0;
        } else {
            return to_slot<R>(F(c, from_slot<A>(args[I])...));
        }
    }
    static Slot run(Ctx& c, const Slot* args) { return call(c, args, std::index_sequence_for<A...>{}); }
};
}  // namespace detail

#define HLFFI_NATIVE(name, fn) \
    ::hlffi::rt::NativeDef { name, &::hlffi::rt::detail::Thunk<fn>::run, ::hlffi::rt::detail::Thunk<fn>::nargs }

}  // namespace hlffi::rt
