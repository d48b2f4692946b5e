/* hlffi - embed Haxe programs compiled to HashLink bytecode (.hl) in C and C++ hosts.
 *
 * Public C API, source-compatible with HLFFI 3.0 (every function, type and constant of its header,
 * same names, parameter lists, return types and numeric values), plus functions of our own.
 * Every piece of state belongs to one hlffi_vm: several VMs may exist at once, and a VM may be
 * created and destroyed any number of times in one process.
 *
 * Conventions:
 *  - Functions returning hlffi_error_code give HLFFI_OK (0) on success. Every failure, whatever
 *    the function returns, is recorded on its VM: hlffi_get_error(vm) tells it in words and
 *    hlffi_get_last_error(vm) gives its code.
 *  - Every function accepts NULL arguments and answers them with an error (NULL, false, -1 or the
 *    fallback it was given), never a crash. So do handles of another VM, freed value handles
 *    (detected while their VM lives) and handles left over from a program that was closed.
 *  - Strings go in and out as UTF-8. A returned `char*` is the caller's: free it with free().
 *    A returned `const char*` belongs to the VM; the comment says how long it stays valid.
 *  - A returned hlffi_value* is the caller's: it keeps its Haxe value alive (a GC root) until
 *    hlffi_value_free. All values of a VM are released by hlffi_destroy (and made unusable by
 *    hlffi_close); never use one after its VM is destroyed.
 *  - Threads: in HLFFI_MODE_NON_THREADED (the default) a VM may be used from any one host thread
 *    at a time (the Haxe threads of the program itself are fine). In HLFFI_MODE_THREADED, hlffi_*
 *    calls on the VM's values are made inside functions run by hlffi_thread_call_sync/_async.
 *    Functions marked "Any thread" may be called from any thread at any time.
 */
#ifndef HLFFI_H
#define HLFFI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The library is compiled with hidden symbols: these declarations are what it exports. */
#if defined(__GNUC__)
#pragma GCC visibility push(default)
#endif

#define HLFFI_VERSION_MAJOR 3
#define HLFFI_VERSION_MINOR 0
#define HLFFI_VERSION_PATCH 0
#define HLFFI_VERSION_STRING "3.0.0"

/* ---- Handles -------------------------------------------------------------------------- */

/* A VM: one loaded program with its heap, globals, threads and error state. */
typedef struct hlffi_vm hlffi_vm;
/* A Haxe type of the loaded program (or a basic type such as Int). Valid until the program is
 * closed; owned by the VM. */
typedef struct hlffi_type hlffi_type;
/* HLFFI spells some type parameters `hl_type*`; here they are the same handle as hlffi_type. */
typedef struct hlffi_type hl_type;
/* A Haxe value held by the host. Owned by the caller; free it with hlffi_value_free. */
typedef struct hlffi_value hlffi_value;

/* ---- Error codes ---------------------------------------------------------------------- */

/* One list drives both the enum and hlffi_get_error_string, so they cannot disagree. HLFFI's
 * codes keep their values (0..32); ours follow. */
#define HLFFI_ERRORS(X)                                                                          \
    X(HLFFI_OK, 0, "no error")                                                                   \
    X(HLFFI_ERROR_NULL_VM, 1, "the VM handle is NULL")                                           \
    X(HLFFI_ERROR_ALREADY_INITIALIZED, 2, "the VM is already initialised")                       \
    X(HLFFI_ERROR_NOT_INITIALIZED, 3, "the VM is not initialised (call hlffi_init)")             \
    X(HLFFI_ERROR_INIT_FAILED, 4, "initialisation failed")                                       \
    X(HLFFI_ERROR_DESTROY_FAILED, 5, "destruction failed")                                       \
    X(HLFFI_ERROR_FILE_NOT_FOUND, 6, "the file cannot be read")                                  \
    X(HLFFI_ERROR_INVALID_BYTECODE, 7, "the bytecode is malformed or fails verification")        \
    X(HLFFI_ERROR_MODULE_LOAD_FAILED, 8, "the module could not be loaded")                       \
    X(HLFFI_ERROR_MODULE_INIT_FAILED, 9, "the module's initialisation failed")                   \
    X(HLFFI_ERROR_ENTRY_POINT_NOT_FOUND, 10, "the program has no entry point")                   \
    X(HLFFI_ERROR_TYPE_NOT_FOUND, 11, "no such type")                                            \
    X(HLFFI_ERROR_METHOD_NOT_FOUND, 12, "no such method")                                        \
    X(HLFFI_ERROR_FIELD_NOT_FOUND, 13, "no such field")                                          \
    X(HLFFI_ERROR_CALL_FAILED, 14, "the call failed")                                            \
    X(HLFFI_ERROR_EXCEPTION_THROWN, 15, "the Haxe code threw an exception")                      \
    X(HLFFI_ERROR_INVALID_TYPE, 16, "the type cannot be used here")                              \
    X(HLFFI_ERROR_TYPE_MISMATCH, 17, "a value has the wrong type")                               \
    X(HLFFI_ERROR_NULL_VALUE, 18, "a value handle is NULL")                                      \
    X(HLFFI_ERROR_RELOAD_NOT_SUPPORTED, 19, "hot reload is not supported for this program")      \
    X(HLFFI_ERROR_RELOAD_NOT_ENABLED, 20, "hot reload is not enabled")                           \
    X(HLFFI_ERROR_RELOAD_FAILED, 21, "the reload failed")                                        \
    X(HLFFI_ERROR_THREAD_NOT_STARTED, 22, "the VM thread is not running")                        \
    X(HLFFI_ERROR_THREAD_ALREADY_RUNNING, 23, "the VM thread is already running")                \
    X(HLFFI_ERROR_THREAD_START_FAILED, 24, "the VM thread could not be started")                 \
    X(HLFFI_ERROR_THREAD_STOP_FAILED, 25, "the VM thread could not be stopped")                  \
    X(HLFFI_ERROR_WRONG_THREAD, 26, "called from the wrong thread")                              \
    X(HLFFI_ERROR_EVENTLOOP_NOT_FOUND, 27, "the program has no such event loop")                 \
    X(HLFFI_ERROR_EVENTLOOP_FAILED, 28, "running the event loop failed")                         \
    X(HLFFI_ERROR_OUT_OF_MEMORY, 29, "the VM ran out of memory or hit its memory limit")         \
    X(HLFFI_ERROR_INVALID_ARGUMENT, 30, "an argument is invalid")                                \
    X(HLFFI_ERROR_NOT_IMPLEMENTED, 31, "not implemented")                                        \
    X(HLFFI_ERROR_UNKNOWN, 32, "unknown error")                                                  \
    X(HLFFI_ERROR_NOT_LOADED, 33, "no program is loaded")                                        \
    X(HLFFI_ERROR_ALREADY_LOADED, 34, "a program is already loaded")                             \
    X(HLFFI_ERROR_NATIVE_NOT_FOUND, 35, "a native function the program needs is missing")        \
    X(HLFFI_ERROR_INTERRUPTED, 36, "the VM was interrupted")                                     \
    X(HLFFI_ERROR_ENTRY_ALREADY_CALLED, 37, "the entry point has already run")                   \
    X(HLFFI_ERROR_INTERNAL, 38, "internal error")                                                \
    X(HLFFI_ERROR_WRONG_VM, 39, "a handle belongs to another VM")                                \
    X(HLFFI_ERROR_STALE_HANDLE, 40, "a handle was freed or belongs to a closed program")         \
    X(HLFFI_ERROR_ENTRY_NOT_CALLED, 41, "the program's statics are not initialised (call hlffi_call_entry)") \
    X(HLFFI_ERROR_WRONG_ARITY, 42, "wrong number of arguments")                                  \
    X(HLFFI_ERROR_EXIT_REQUESTED, 43, "the program called Sys.exit")                             \
    X(HLFFI_ERROR_FUEL_EXHAUSTED, 44, "the VM's instruction budget is spent")                    \
    X(HLFFI_ERROR_QUEUE_FULL, 45, "the VM thread's call queue is full")

typedef enum hlffi_error_code {
#define HLFFI_ERROR_ENUM_ITEM(name, value, text) name = value,
    HLFFI_ERRORS(HLFFI_ERROR_ENUM_ITEM)
#undef HLFFI_ERROR_ENUM_ITEM
} hlffi_error_code;

/* ---- Enums and callback types --------------------------------------------------------- */

/* How the host drives the VM: from its own loop (NON_THREADED) or through a VM-owned thread. */
typedef enum {
    HLFFI_MODE_NON_THREADED = 0,
    HLFFI_MODE_THREADED = 1
} hlffi_integration_mode;

/* Which events hlffi_process_events runs. This VM has no libuv loop: UV does nothing. HAXE and
 * ALL run both the sys.thread.EventLoop events (TIMERS: haxe.Timer, EventLoop.run*) and the
 * haxe.MainLoop callbacks (MAINLOOP). */
typedef enum {
    HLFFI_EVENTLOOP_UV = 0,
    HLFFI_EVENTLOOP_HAXE = 1,
    HLFFI_EVENTLOOP_ALL = 2,
    HLFFI_EVENTLOOP_TIMERS = 3,
    HLFFI_EVENTLOOP_MAINLOOP = 4
} hlffi_eventloop_type;

/* Called after each hot-reload attempt. */
typedef void (*hlffi_reload_callback)(hlffi_vm* vm, bool success, void* userdata);
/* A host function run on the VM thread by hlffi_thread_call_sync/_async. */
typedef void (*hlffi_thread_func)(hlffi_vm* vm, void* userdata);
/* Completion of hlffi_thread_call_async, called on the VM thread after func returned. result is
 * the userdata given to hlffi_thread_call_async (func stores its result there). */
typedef void (*hlffi_thread_async_callback)(hlffi_vm* vm, void* result, void* userdata);

/* ---- Lifecycle ------------------------------------------------------------------------ */

/* A new, empty VM, or NULL when memory is exhausted. Free it with hlffi_destroy. Any thread. */
hlffi_vm* hlffi_create(void);

/* Prepares the VM. argv (may be NULL when argc is 0) becomes Sys.args(); it is copied.
 * Errors: NULL_VM, ALREADY_INITIALIZED, INVALID_ARGUMENT (argc < 0, or argv NULL with argc > 0). */
hlffi_error_code hlffi_init(hlffi_vm* vm, int argc, char** argv);

/* Reads, verifies and links a .hl file (nothing runs yet). Errors: NOT_INITIALIZED,
 * ALREADY_LOADED (hlffi_close first), FILE_NOT_FOUND, INVALID_BYTECODE (the message names the
 * function and op at fault), NATIVE_NOT_FOUND (the message lists every missing lib@name). */
hlffi_error_code hlffi_load_file(hlffi_vm* vm, const char* path);

/* Same as hlffi_load_file, from memory. data is copied; the caller keeps ownership. */
hlffi_error_code hlffi_load_memory(hlffi_vm* vm, const void* data, size_t size);

/* ---- Compiled modules (hlffi's own): compile a program once, load it into many VMs.
 * A module is a program read, verified and linked, immutable and reference-counted: any number
 * of VMs, on any threads, may load it at the same time, and each gets its own heap, globals
 * (statics), host natives, callbacks and state. Loading a module into a VM costs only that
 * VM's own setup, so restarts and extra VMs skip the read, verify and link work. */
typedef struct hlffi_module hlffi_module;

/* Why hlffi_module_load_file / _memory failed. */
typedef struct hlffi_module_error {
    hlffi_error_code code;  /* FILE_NOT_FOUND, INVALID_BYTECODE, INVALID_ARGUMENT, OUT_OF_MEMORY */
    char message[1024];     /* in words, NUL-terminated (cut short if longer) */
} hlffi_module_error;

/* Reads, verifies and links a .hl file. Natives of the built-in libraries (std, fmt) are bound
 * here; any other native is bound by each VM when it loads the module, to the host natives
 * registered on that VM (hlffi_register_native), so a missing one is reported by
 * hlffi_load_module. Returns NULL on failure, with the reason in *err (err may be NULL).
 * The caller owns the module: hlffi_module_free. Any thread. */
hlffi_module* hlffi_module_load_file(const char* path, hlffi_module_error* err);

/* Same from memory. data is copied; the caller keeps ownership. */
hlffi_module* hlffi_module_load_memory(const void* data, size_t size, hlffi_module_error* err);

/* Loads a compiled module into an initialised VM, as hlffi_load_file would load its file
 * (Sys.programPath is the module's file, if it came from one). The VM holds its own reference
 * until hlffi_close/hlffi_destroy. Errors: NULL_VM, NOT_INITIALIZED, ALREADY_LOADED,
 * INVALID_ARGUMENT (module NULL), NATIVE_NOT_FOUND (every missing lib@name), TYPE_MISMATCH (a
 * host native unfit for its declaration). Call from the thread that owns the VM. */
hlffi_error_code hlffi_load_module(hlffi_vm* vm, hlffi_module* module);

/* Drops the caller's reference. VMs that loaded the module keep it alive until they close; the
 * last reference frees it. NULL is ignored. Any thread. */
void hlffi_module_free(hlffi_module* module);

/* Runs the program's static initialisation and main(). An uncaught Haxe exception prints
 * HashLink's report through the print handler and gives EXCEPTION_THROWN; its message and stack
 * are then available from hlffi_get_exception_message / _stack. Errors: NOT_LOADED,
 * ENTRY_ALREADY_CALLED, EXCEPTION_THROWN, INTERRUPTED, FUEL_EXHAUSTED. Sys.exit(n) ends main()
 * normally (HLFFI_OK) with n in hlffi_get_exit_code. In THREADED mode use hlffi_thread_start. */
hlffi_error_code hlffi_call_entry(hlffi_vm* vm);

/* Stops the program's threads, releases the program, its heap and every value handle of it;
 * the VM keeps its settings and registrations and may load again. Errors: NULL_VM. */
hlffi_error_code hlffi_close(hlffi_vm* vm);

/* Closes and frees the VM and everything it allocated (values, types, cached calls,
 * callbacks). NULL is ignored. */
void hlffi_destroy(hlffi_vm* vm);

/* The last error message of this VM, in words; "" when the last call succeeded or nothing
 * failed yet. Valid until the next call on the VM. Never NULL. */
const char* hlffi_get_error(hlffi_vm* vm);

/* The code of the VM's last error (HLFFI_OK when none). NULL_VM for a NULL vm. */
hlffi_error_code hlffi_get_last_error(hlffi_vm* vm);

/* A fixed description of an error code. Never NULL. Any thread. */
const char* hlffi_get_error_string(hlffi_error_code code);

/* HLFFI's GC stack-scanning helpers. This VM finds its roots precisely (no C stack scanning),
 * so these do nothing; they exist so that HLFFI host code compiles unchanged. Any thread. */
void hlffi_update_stack_top(void* stack_marker);
#define HLFFI_ENTER_SCOPE()       \
    int _hlffi_stack_marker_ = 0; \
    hlffi_update_stack_top(&_hlffi_stack_marker_)
void hlffi_gc_block(void);
void hlffi_gc_unblock(void);

/* ---- Integration mode, event loop, VM thread ------------------------------------------ */

/* Chooses how the host drives the VM; before hlffi_call_entry / hlffi_thread_start.
 * Errors: NULL_VM, INVALID_ARGUMENT (unknown mode), ENTRY_ALREADY_CALLED, THREAD_ALREADY_RUNNING. */
hlffi_error_code hlffi_set_integration_mode(hlffi_vm* vm, hlffi_integration_mode mode);
/* The current mode (NON_THREADED for a NULL vm). */
hlffi_integration_mode hlffi_get_integration_mode(hlffi_vm* vm);

/* One frame of the host's loop: runs the due haxe.Timer / EventLoop events and MainLoop
 * callbacks (HLFFI_EVENTLOOP_ALL). delta_time is informative (Haxe reads its own clock).
 * Errors: NULL_VM, NOT_LOADED, EXCEPTION_THROWN (an event threw; message and stack kept). */
hlffi_error_code hlffi_update(hlffi_vm* vm, float delta_time);
/* True when events or MainLoop callbacks are waiting to run. */
bool hlffi_has_pending_work(hlffi_vm* vm);
/* Runs the due events of one kind (see hlffi_eventloop_type). Errors as hlffi_update. */
hlffi_error_code hlffi_process_events(hlffi_vm* vm, hlffi_eventloop_type type);
/* True when events of that kind are waiting. */
bool hlffi_has_pending_events(hlffi_vm* vm, hlffi_eventloop_type type);

/* THREADED mode: starts the VM thread, which runs static init and main(), then serves queued
 * calls until hlffi_thread_stop. Calls queued while a blocking main() runs are served at its
 * blocking points (Sys.sleep, lock and deque waits) and at safepoints (loop heads, calls).
 * Errors: NULL_VM, NOT_LOADED, INVALID_ARGUMENT (not in THREADED mode),
 * THREAD_ALREADY_RUNNING, ENTRY_ALREADY_CALLED, THREAD_START_FAILED. */
hlffi_error_code hlffi_thread_start(hlffi_vm* vm);
/* Stops the VM thread: serves the calls already queued, asks main() to end, interrupts it after
 * the stop timeout (hlffi_set_stop_timeout, default 1 s), and joins it. Errors: NULL_VM,
 * THREAD_NOT_STARTED, WRONG_THREAD (called on the VM thread). Any host thread. */
hlffi_error_code hlffi_thread_stop(hlffi_vm* vm);
/* True while the VM thread runs. Any thread. */
bool hlffi_thread_is_running(hlffi_vm* vm);
/* Runs func(vm, userdata) on the VM thread and waits for it. Calls run in the order queued.
 * On the VM thread itself it runs at once. Errors: NULL_VM, INVALID_ARGUMENT (func NULL),
 * THREAD_NOT_STARTED, QUEUE_FULL. Any thread. */
hlffi_error_code hlffi_thread_call_sync(hlffi_vm* vm, hlffi_thread_func func, void* userdata);
/* Queues func(vm, userdata) and returns at once; after it ran, callback(vm, userdata, userdata)
 * runs on the VM thread (callback may be NULL). Errors as hlffi_thread_call_sync. Any thread. */
hlffi_error_code hlffi_thread_call_async(hlffi_vm* vm, hlffi_thread_func func, hlffi_thread_async_callback callback,
                                         void* userdata);

/* ---- Hot reload ------------------------------------------------------------------------ */

/* Allows hlffi_reload_module* and hlffi_check_reload; before or after load. Errors: NULL_VM. */
hlffi_error_code hlffi_enable_hot_reload(hlffi_vm* vm, bool enable);
/* True when enabled. */
bool hlffi_is_hot_reload_enabled(hlffi_vm* vm);
/* Replaces the function bodies of the running program with those of a newer build of it, keeping
 * the heap and the statics (static initialisation does not run again); functions take their new
 * code at their next call. The new build must have the same classes, fields, enums, statics,
 * natives and function signatures, and no function added or removed (else RELOAD_FAILED says what
 * changed: restart instead). path NULL reloads the file the program was loaded from. Call it from
 * the host's own turn, not from inside a callback, with no Haxe thread of the program running.
 * The reload callback then hears whether it worked. Errors: NULL_VM, NOT_LOADED,
 * RELOAD_NOT_ENABLED, INVALID_ARGUMENT, FILE_NOT_FOUND, RELOAD_FAILED (also for invalid bytecode,
 * the program unchanged), RELOAD_NOT_SUPPORTED (loaded with hlffi_load_module: a shared module is
 * never patched). */
hlffi_error_code hlffi_reload_module(hlffi_vm* vm, const char* path);
/* Same from memory (copied). */
hlffi_error_code hlffi_reload_module_memory(hlffi_vm* vm, const void* data, size_t size);
/* Called after every reload attempt with its success (NULL to remove). */
void hlffi_set_reload_callback(hlffi_vm* vm, hlffi_reload_callback callback, void* userdata);
/* Call once per frame: when hot reload is enabled and the file given to hlffi_load_file changed
 * (modification time or size) since it was loaded or last reloaded, reloads it. True when a
 * reload happened and succeeded (a failure is reported as by hlffi_reload_module). */
bool hlffi_check_reload(hlffi_vm* vm);

/* ---- Worker threads and blocking sections --------------------------------------------- */

/* HLFFI's process-wide helpers. They act on the VM whose code is running on the calling thread
 * (inside a callback or native called from Haxe) and do nothing elsewhere. Any thread.
 * worker_register/_unregister do nothing: any host thread may call into a VM without
 * registering (the API takes the VM lock itself). blocking_begin gives the VM lock up while the
 * host blocks, so the program's other threads run (and may collect) meanwhile; blocking_end takes
 * it back. Balanced begin/end pairs; between them no hlffi_* call may touch the VM. A nested or
 * unbalanced call never unlocks or locks twice. */
void hlffi_worker_register(void);
void hlffi_worker_unregister(void);
void hlffi_blocking_begin(void);
void hlffi_blocking_end(void);

/* ---- Utilities ------------------------------------------------------------------------ */

/* "3.0.0" (the HLFFI API level this library implements). Any thread. */
const char* hlffi_get_version(void);
/* The HashLink version whose bytecode and behaviour this VM follows ("1.16.0"). Any thread. */
const char* hlffi_get_hl_version(void);
/* False: bytecode is interpreted (no JIT yet). Any thread. */
bool hlffi_is_jit_mode(void);
/* True: create/load/run/destroy may repeat any number of times in one process. Any thread. */
bool hlffi_is_restartable(void);

/* ---- Types and reflection ------------------------------------------------------------- */

/* The kind of a type; values follow HashLink's type kinds. */
typedef enum {
    HLFFI_TYPE_VOID = 0,
    HLFFI_TYPE_UI8,
    HLFFI_TYPE_UI16,
    HLFFI_TYPE_I32,
    HLFFI_TYPE_I64,
    HLFFI_TYPE_F32,
    HLFFI_TYPE_F64,
    HLFFI_TYPE_BOOL,
    HLFFI_TYPE_BYTES,
    HLFFI_TYPE_DYN,
    HLFFI_TYPE_FUN,
    HLFFI_TYPE_OBJ,
    HLFFI_TYPE_ARRAY,
    HLFFI_TYPE_TYPE,
    HLFFI_TYPE_REF,
    HLFFI_TYPE_VIRTUAL,
    HLFFI_TYPE_DYNOBJ,
    HLFFI_TYPE_ABSTRACT,
    HLFFI_TYPE_ENUM,
    HLFFI_TYPE_NULL,
    HLFFI_TYPE_METHOD,
    HLFFI_TYPE_STRUCT,
    HLFFI_TYPE_PACKED
} hlffi_type_kind;

/* Called once per type by hlffi_list_types. */
typedef void (*hlffi_type_callback)(hlffi_type* type, void* userdata);

/* A type by name: a class or enum by its full dotted Haxe path ("game.Player",
 * "haxe.ds.StringMap"), a class's statics object ("game.$Player"), a HashLink abstract by its
 * name ("hl_mutex"), or a basic type: "Int"/"i32", "Float"/"f64", "Single"/"f32", "Bool"/"bool",
 * "String", "Dynamic"/"dyn", "bytes", "i64", "ui8", "ui16", "void". Interfaces have no instance
 * type in HashLink (only "pkg.$Name"); Haxe `abstract`s are compiled away (see Abstracts). A hash
 * lookup (no scan). NULL with TYPE_NOT_FOUND / NOT_LOADED / NULL_VM / INVALID_ARGUMENT (name NULL).
 * Functions taking a type give STALE_HANDLE for a handle of a closed program. */
hlffi_type* hlffi_find_type(hlffi_vm* vm, const char* name);
/* The type's kind (HLFFI_TYPE_VOID for NULL). */
hlffi_type_kind hlffi_type_get_kind(hlffi_type* type);
/* The type's name: the dotted path of a class/enum/abstract, the kind name of a basic type
 * ("i32", "f64", ...). Owned by the VM, valid while the program is loaded. NULL for NULL. */
const char* hlffi_type_get_name(hlffi_type* type);
/* Calls callback for every type of the program, in the module's order. Errors: NULL_VM,
 * NOT_LOADED, INVALID_ARGUMENT (callback NULL). */
hlffi_error_code hlffi_list_types(hlffi_vm* vm, hlffi_type_callback callback, void* userdata);
/* The superclass of a class type, or NULL (root class, not a class, NULL). */
hlffi_type* hlffi_class_get_super(hlffi_type* type);
/* Number of the class's own instance fields, in declaration order (inherited ones and HashLink's
 * unnamed interface slots excluded), -1 if not a class (INVALID_TYPE). The statics of a class are
 * the fields of its "pkg.$Name" type. */
int hlffi_class_get_field_count(hlffi_type* type);
/* Name of own field `index` (owned by the VM, valid while loaded), or NULL when out of range
 * (INVALID_ARGUMENT). */
const char* hlffi_class_get_field_name(hlffi_type* type, int index);
/* Type of own field `index`, or NULL when out of range. */
hlffi_type* hlffi_class_get_field_type(hlffi_type* type, int index);
/* Number of the class's own instance methods, in declaration order (overrides count, inherited
 * ones not; the constructor and static functions are fields of "pkg.$Name"), -1 if not a class. */
int hlffi_class_get_method_count(hlffi_type* type);
/* Name of own method `index` (owned by the VM, valid while loaded), or NULL when out of range. */
const char* hlffi_class_get_method_name(hlffi_type* type, int index);

/* ---- Values --------------------------------------------------------------------------- */

/* New values made by the host: Int, Float, Single, Bool, String (UTF-8, copied), null. Each is
 * the caller's until hlffi_value_free. NULL on error (NULL_VM, NOT_LOADED, OUT_OF_MEMORY; for
 * hlffi_value_string also NULL_VALUE when str is NULL). */
hlffi_value* hlffi_value_int(hlffi_vm* vm, int value);
hlffi_value* hlffi_value_float(hlffi_vm* vm, double value);
hlffi_value* hlffi_value_f32(hlffi_vm* vm, float value);
hlffi_value* hlffi_value_bool(hlffi_vm* vm, bool value);
hlffi_value* hlffi_value_string(hlffi_vm* vm, const char* str);
hlffi_value* hlffi_value_null(hlffi_vm* vm);
/* Releases a value handle (its Haxe value may then be collected). NULL is ignored; a second
 * free of the same handle is detected while its VM lives (STALE_HANDLE, nothing happens). */
void hlffi_value_free(hlffi_value* value);

/* Reads a value as a C type, by Haxe's rules: Int, Float, Single, Bool and their Null<> and
 * Dynamic forms convert between each other (Float to Int truncates toward zero); anything else
 * (null, objects, strings, freed handles) gives the fallback. */
int hlffi_value_as_int(hlffi_value* value, int fallback);
double hlffi_value_as_float(hlffi_value* value, double fallback);
float hlffi_value_as_f32(hlffi_value* value, float fallback);
bool hlffi_value_as_bool(hlffi_value* value, bool fallback);
/* The value as text: a String's UTF-8 bytes, or Std.string of any other value. NULL for a
 * null value or on error. The caller frees it with free(). */
char* hlffi_value_as_string(hlffi_value* value);
/* True for a null value, and for NULL or unusable handles. */
bool hlffi_value_is_null(hlffi_value* value);
/* The kind of the value as Haxe sees it at run time (an Int in a Dynamic gives
 * HLFFI_TYPE_I32, a null gives HLFFI_TYPE_VOID). */
hlffi_type_kind hlffi_value_get_kind(hlffi_value* value);
/* The value's run-time type (a class instance gives its class), or NULL for null. */
hlffi_type* hlffi_value_get_type(hlffi_value* value);
/* A second handle to the same Haxe value (freed separately), or NULL on error. */
hlffi_value* hlffi_value_copy(hlffi_value* value);

/* ---- Arrays --------------------------------------------------------------------------- */

/* A new Haxe Array of `length` default elements (0, false, null): element_type Int (i32)
 * gives Array<Int>, Float gives Array<Float>, Single Array<Single>, Bool Array<Bool>,
 * any object/String/Dynamic type an Array of that type. The program must contain the matching
 * hl.types.ArrayXxx class (else TYPE_NOT_FOUND). Errors: NULL_VM, NOT_LOADED, INVALID_ARGUMENT
 * (length < 0), INVALID_TYPE, OUT_OF_MEMORY. */
hlffi_value* hlffi_array_new(hlffi_vm* vm, hl_type* element_type, int length);
/* Length of a Haxe Array or native array, -1 if not an array. */
int hlffi_array_length(hlffi_value* arr);
/* Element `index` (a new value), or NULL on error (out of bounds: INVALID_ARGUMENT). */
hlffi_value* hlffi_array_get(hlffi_vm* vm, hlffi_value* arr, int index);
/* Stores value at `index` (converted to the element type; TYPE_MISMATCH if it cannot be). A
 * Haxe Array grows when index >= length, as in Haxe; a native array is bounds-checked. */
bool hlffi_array_set(hlffi_vm* vm, hlffi_value* arr, int index, hlffi_value* value);
/* Appends value to a Haxe Array (not a native array). */
bool hlffi_array_push(hlffi_vm* vm, hlffi_value* arr, hlffi_value* value);
/* A new native array (hl.NativeArray) of `length` zeroed elements of element_type. */
hlffi_value* hlffi_native_array_new(hlffi_vm* vm, hl_type* element_type, int length);
/* Address of a native array's first element (elements are laid out at their storage size:
 * i32 4 bytes, f64 8, pointers 8), or of a Haxe Array<Int/Float/Single/Bool>'s storage. Valid
 * until the array is resized or collected. NULL on error. */
void* hlffi_native_array_get_ptr(hlffi_value* arr);
/* A Haxe Array of `length` new instances of a struct type (a class marked @:struct). */
hlffi_value* hlffi_array_new_struct(hlffi_vm* vm, hlffi_type* struct_type, int length);
/* Address of element `index`'s struct data, or NULL. Valid while the element is in place. */
void* hlffi_array_get_struct(hlffi_value* arr, int index);
/* Copies struct_size bytes (must equal the struct's size) into element `index`. */
bool hlffi_array_set_struct(hlffi_vm* vm, hlffi_value* arr, int index, void* struct_ptr, int struct_size);
/* A native array of `length` structs stored inline (hl.NativeArray of a @:struct class). */
hlffi_value* hlffi_native_array_new_struct(hlffi_vm* vm, hlffi_type* struct_type, int length);
/* Address of the first struct of such an array, or NULL. */
void* hlffi_native_array_get_struct_ptr(hlffi_value* arr);

/* ---- Maps ----------------------------------------------------------------------------- */

/* A new empty Haxe Map: key type Int gives haxe.ds.IntMap, String haxe.ds.StringMap, any object
 * type (or Dynamic) haxe.ds.ObjectMap. value_type is the declared value type (Dynamic accepts
 * all). The program must contain that map class (else TYPE_NOT_FOUND). */
hlffi_value* hlffi_map_new(hlffi_vm* vm, hl_type* key_type, hl_type* value_type);
/* map[key] = value. False on error (TYPE_MISMATCH for a key of the wrong kind). */
bool hlffi_map_set(hlffi_vm* vm, hlffi_value* map, hlffi_value* key, hlffi_value* value);
/* map[key] as a new value; a missing key gives a null value (not NULL). NULL on error. */
hlffi_value* hlffi_map_get(hlffi_vm* vm, hlffi_value* map, hlffi_value* key);
/* True when the key is present. */
bool hlffi_map_exists(hlffi_vm* vm, hlffi_value* map, hlffi_value* key);
/* Removes the key; true when it was present. */
bool hlffi_map_remove(hlffi_vm* vm, hlffi_value* map, hlffi_value* key);
/* The keys / values as a new Haxe Array (iteration order of the map). NULL on error. */
hlffi_value* hlffi_map_keys(hlffi_vm* vm, hlffi_value* map);
hlffi_value* hlffi_map_values(hlffi_vm* vm, hlffi_value* map);
/* Number of entries, -1 if not a map. */
int hlffi_map_size(hlffi_value* map);
/* Removes every entry. */
bool hlffi_map_clear(hlffi_value* map);

/* ---- Bytes ---------------------------------------------------------------------------- */

/* A new haxe.io.Bytes of `size` zero bytes. */
hlffi_value* hlffi_bytes_new(hlffi_vm* vm, int size);
/* A new haxe.io.Bytes holding a copy of data[0..size). */
hlffi_value* hlffi_bytes_from_data(hlffi_vm* vm, const void* data, int size);
/* A new haxe.io.Bytes holding the UTF-8 bytes of str (no terminator). */
hlffi_value* hlffi_bytes_from_string(hlffi_vm* vm, const char* str);
/* Address of the bytes' data (valid while the value is held), or NULL. */
void* hlffi_bytes_get_ptr(hlffi_value* bytes);
/* Length in bytes, -1 if not Bytes. */
int hlffi_bytes_get_length(hlffi_value* bytes);
/* Copies len bytes from src[src_pos] to dst[dst_pos] (overlap allowed); false when out of range. */
bool hlffi_bytes_blit(hlffi_value* dst, int dst_pos, hlffi_value* src, int src_pos, int len);
/* memcmp-like comparison of two ranges: <0, 0, >0; 0 also on error (see hlffi_get_error). */
int hlffi_bytes_compare(hlffi_value* a, int a_pos, hlffi_value* b, int b_pos, int len);
/* The first `length` bytes (-1: all) as a NUL-terminated string; the caller frees it. */
char* hlffi_bytes_to_string(hlffi_value* bytes, int length);
/* Byte `index` (0..255), or -1 when out of range. */
int hlffi_bytes_get(hlffi_value* bytes, int index);
/* Sets byte `index` to value & 0xFF; false when out of range. */
bool hlffi_bytes_set(hlffi_value* bytes, int index, int value);
/* Sets bytes [pos, pos+len) to value & 0xFF; false when out of range. */
bool hlffi_bytes_fill(hlffi_value* bytes, int pos, int len, int value);

/* ---- Enums ---------------------------------------------------------------------------- */

/* Number of constructors of an enum (by dotted name), -1 on error. */
int hlffi_enum_get_construct_count(hlffi_vm* vm, const char* type_name);
/* Name of constructor `index`; the caller frees it. NULL on error. */
char* hlffi_enum_get_construct_name(hlffi_vm* vm, const char* type_name, int index);
/* Constructor index of an enum value, -1 if not an enum. */
int hlffi_enum_get_index(hlffi_value* value);
/* Constructor name of an enum value; the caller frees it. NULL if not an enum. */
char* hlffi_enum_get_name(hlffi_value* value);
/* Number of parameters of the value's constructor, -1 if not an enum. */
int hlffi_enum_get_param_count(hlffi_value* value);
/* Parameter `param_index` as a new value, NULL on error. */
hlffi_value* hlffi_enum_get_param(hlffi_value* value, int param_index);
/* A value of a constructor without parameters: the program's one shared value of it, the same
 * that `Color.Red` is in Haxe (where == compares such values by identity), so it exists after
 * hlffi_call_entry (else ENTRY_NOT_CALLED). NULL on error (INVALID_ARGUMENT if it has some). */
hlffi_value* hlffi_enum_alloc_simple(hlffi_vm* vm, const char* type_name, int index);
/* A value of constructor `index` with nparam parameters, each converted to its declared type by
 * Haxe's rules (TYPE_MISMATCH otherwise; WRONG_ARITY when nparam differs). A new value, as
 * `Rgb(1, 2, 3)` in Haxe; with no parameters, the shared value of hlffi_enum_alloc_simple. */
hlffi_value* hlffi_enum_alloc(hlffi_vm* vm, const char* type_name, int index, int nparam, hlffi_value** params);
/* True when the value is an enum value of constructor `index` / named `name`. */
bool hlffi_enum_is(hlffi_value* value, int index);
bool hlffi_enum_is_named(hlffi_value* value, const char* name);

/* ---- Abstracts ------------------------------------------------------------------------ */

/* HashLink abstracts are run-time types of opaque native pointers, hl.Abstract<"name"> (a mutex
 * "hl_mutex", a regular expression "ereg"), named by that name. A Haxe `abstract X(T)` type is
 * not one: it is compiled away and its values are T's at run time (use T's functions); asked for
 * by name it gives TYPE_NOT_FOUND, with a message saying so when the program kept its methods. */

/* True for an abstract (opaque native) type, such as hl.Abstract<"name">. */
bool hlffi_is_abstract(hlffi_type* type);
/* The abstract's name; the caller frees it. NULL if not an abstract (INVALID_TYPE). */
char* hlffi_abstract_get_name(hlffi_type* type);
/* The abstract type of that name, or NULL (TYPE_NOT_FOUND). */
hlffi_type* hlffi_abstract_find(hlffi_vm* vm, const char* name);
/* True when the value's run-time type is an abstract (false for null). */
bool hlffi_value_is_abstract(hlffi_value* value);
/* The value's abstract name (caller frees), or NULL (INVALID_TYPE when not an abstract). */
char* hlffi_value_get_abstract_name(hlffi_value* value);

/* ---- Statics -------------------------------------------------------------------------- */

/* A static variable of a class (dotted path), as a new value. Needs hlffi_call_entry first
 * (statics are set by static initialisation): else ENTRY_NOT_CALLED. Errors: NULL_VM,
 * NOT_LOADED, TYPE_NOT_FOUND, FIELD_NOT_FOUND. */
hlffi_value* hlffi_get_static_field(hlffi_vm* vm, const char* class_name, const char* field_name);
/* Stores value (converted to the field's type; TYPE_MISMATCH if it cannot be) in a static. */
hlffi_error_code hlffi_set_static_field(hlffi_vm* vm, const char* class_name, const char* field_name, hlffi_value* value);
/* Calls a static function with argc arguments, each converted to the parameter's type by Haxe's
 * rules. Returns the result as a new value; NULL for a Void function and on error: then
 * hlffi_get_last_error tells which (HLFFI_OK for Void). Errors: NULL_VM, NOT_LOADED,
 * ENTRY_NOT_CALLED, TYPE_NOT_FOUND, METHOD_NOT_FOUND, WRONG_ARITY, TYPE_MISMATCH,
 * EXCEPTION_THROWN (message and Haxe stack kept, see Exceptions), INTERRUPTED, EXIT_REQUESTED. */
hlffi_value* hlffi_call_static(hlffi_vm* vm, const char* class_name, const char* method_name, int argc, hlffi_value** argv);

/* ---- Instances ------------------------------------------------------------------------ */

/* A new instance: `new ClassName(args...)`. Errors as hlffi_call_static. */
hlffi_value* hlffi_new(hlffi_vm* vm, const char* class_name, int argc, hlffi_value** argv);
/* A field of an object (class instance, anonymous object, virtual) as a new value. A class
 * method gives a bound closure. Errors: NULL_VALUE, TYPE_MISMATCH (not an object),
 * FIELD_NOT_FOUND. */
hlffi_value* hlffi_get_field(hlffi_value* obj, const char* field_name);
/* Stores value in a field (converted to its type). An anonymous object gains the field. */
bool hlffi_set_field(hlffi_value* obj, const char* field_name, hlffi_value* value);
/* Typed field reads: the field converted as hlffi_value_as_*; the fallback on any error.
 * hlffi_get_field_string returns a malloc'd UTF-8 copy (caller frees) or NULL. */
int hlffi_get_field_int(hlffi_value* obj, const char* field_name, int fallback);
float hlffi_get_field_float(hlffi_value* obj, const char* field_name, float fallback);
bool hlffi_get_field_bool(hlffi_value* obj, const char* field_name, bool fallback);
char* hlffi_get_field_string(hlffi_value* obj, const char* field_name);
/* Typed field writes. vm must be obj's VM (else WRONG_VM). */
bool hlffi_set_field_int(hlffi_vm* vm, hlffi_value* obj, const char* field_name, int value);
bool hlffi_set_field_float(hlffi_vm* vm, hlffi_value* obj, const char* field_name, float value);
bool hlffi_set_field_bool(hlffi_vm* vm, hlffi_value* obj, const char* field_name, bool value);
bool hlffi_set_field_string(hlffi_vm* vm, hlffi_value* obj, const char* field_name, const char* value);
/* Calls a method on an object (virtual dispatch, as obj.method(args) in Haxe); a closure
 * stored in a field is called too. Result and errors as hlffi_call_static. */
hlffi_value* hlffi_call_method(hlffi_value* obj, const char* method_name, int argc, hlffi_value** argv);
/* The same, for a method whose result is ignored: true on success. */
bool hlffi_call_method_void(hlffi_value* obj, const char* method_name, int argc, hlffi_value** argv);
/* The same, with the result converted as hlffi_value_as_*; the fallback on any error.
 * hlffi_call_method_string returns a malloc'd UTF-8 copy (caller frees) or NULL. */
int hlffi_call_method_int(hlffi_value* obj, const char* method_name, int argc, hlffi_value** argv, int fallback);
float hlffi_call_method_float(hlffi_value* obj, const char* method_name, int argc, hlffi_value** argv, float fallback);
bool hlffi_call_method_bool(hlffi_value* obj, const char* method_name, int argc, hlffi_value** argv, bool fallback);
char* hlffi_call_method_string(hlffi_value* obj, const char* method_name, int argc, hlffi_value** argv);
/* True when obj is an instance of the class (or a subclass, or implements the interface). */
bool hlffi_is_instance_of(hlffi_value* obj, const char* class_name);

/* ---- Host functions called from Haxe -------------------------------------------------- */

/* Argument and result types of typed callbacks. */
typedef enum {
    HLFFI_ARG_VOID = 0,
    HLFFI_ARG_INT,
    HLFFI_ARG_FLOAT,
    HLFFI_ARG_BOOL,
    HLFFI_ARG_STRING,
    HLFFI_ARG_DYNAMIC
} hlffi_arg_type;

/* A host function called from Haxe. argv holds argc values owned by the VM for the duration
 * of the call (do not free them). Return a new value (the VM takes and frees it), or NULL for
 * Void/null. The function may call back into the VM (hlffi_call_static, ...). */
typedef hlffi_value* (*hlffi_native_func)(hlffi_vm* vm, int argc, hlffi_value** argv);

/* Registers func under `name` as a Haxe function of nargs Dynamic arguments returning Dynamic
 * (0 <= nargs <= 16). Fetch it with hlffi_get_callback and store it in a Dynamic or
 * function-typed Haxe field; Haxe then calls it like any function. Registering a name again
 * replaces it. Works before or after load. False on error (NULL_VM, NULL_VALUE, INVALID_ARGUMENT). */
bool hlffi_register_callback(hlffi_vm* vm, const char* name, hlffi_native_func func, int nargs);
/* The same with typed arguments and result: Haxe sees a function of those types
 * (e.g. (Int, Float) -> Bool), and arguments arrive as values of those types. */
bool hlffi_register_callback_typed(hlffi_vm* vm, const char* name, hlffi_native_func func, int nargs,
                                   const hlffi_arg_type* arg_types, hlffi_arg_type return_type);
/* The registered callback as a Haxe function value (new handle), or NULL (not found: the error
 * says so; NOT_LOADED before load). */
hlffi_value* hlffi_get_callback(hlffi_vm* vm, const char* name);
/* Removes a callback; true when it existed. Haxe code still holding it gets an exception when
 * calling it ("callback NAME was unregistered"), never a crash. */
bool hlffi_unregister_callback(hlffi_vm* vm, const char* name);

/* Provides the native `@:hlNative("lib", "name")` functions of the program. Call before load:
 * natives are bound when the program is loaded. signature describes the Haxe declaration,
 * checked at load (mismatch: load fails with TYPE_MISMATCH naming lib@name); NULL accepts the
 * declaration as it is. Letters: v Void, i Int, d Float, f Single, b Bool, s String,
 * B haxe.io.Bytes, o object (any class instance), D Dynamic; arguments, then '>', then the
 * result: "ii>i" is (Int, Int) -> Int. Arguments reach fn as values of the declared types.
 * Errors: NULL_VM, INVALID_ARGUMENT (bad signature, NULL names/func), ALREADY_LOADED. */
hlffi_error_code hlffi_register_native(hlffi_vm* vm, const char* lib, const char* name, hlffi_native_func func,
                                       const char* signature);
/* When on (before load), natives that nobody provides no longer fail the load: calling one
 * throws a Haxe exception naming lib@name. Errors: NULL_VM, ALREADY_LOADED. */
hlffi_error_code hlffi_set_lazy_natives(hlffi_vm* vm, bool lazy);

/* ---- Exceptions ----------------------------------------------------------------------- */

typedef enum {
    HLFFI_CALL_OK = 0,
    HLFFI_CALL_EXCEPTION = 1,
    HLFFI_CALL_ERROR = 2
} hlffi_call_result;

/* hlffi_call_static that tells an exception (HLFFI_CALL_EXCEPTION: *out_error is the exception's
 * message) from another failure (HLFFI_CALL_ERROR: *out_error is the error message). On
 * HLFFI_CALL_OK *out_result is the result (NULL for Void) and *out_error NULL. Either out
 * pointer may be NULL. Strings are owned by the VM, valid until the next call on it. */
hlffi_call_result hlffi_try_call_static(hlffi_vm* vm, const char* class_name, const char* method_name, int argc,
                                        hlffi_value** argv, hlffi_value** out_result, const char** out_error);
/* The same for hlffi_call_method. */
hlffi_call_result hlffi_try_call_method(hlffi_value* obj, const char* method_name, int argc, hlffi_value** argv,
                                        hlffi_value** out_result, const char** out_error);
/* The message (Std.string of the thrown value) of the last uncaught exception of any call on
 * this VM; "" when none. Owned by the VM, valid until the next call that throws or clears. */
const char* hlffi_get_exception_message(hlffi_vm* vm);
/* Its Haxe stack: "Called from Class.method (File.hx line N)"-style lines, one frame per line,
 * innermost first, as HashLink prints them; "" when none. Owned by the VM. */
const char* hlffi_get_exception_stack(hlffi_vm* vm);
/* True while an uncaught exception is recorded (until hlffi_clear_exception or the next
 * successful call). */
bool hlffi_has_exception(hlffi_vm* vm);
/* Forgets the recorded exception. The VM stays usable. */
void hlffi_clear_exception(hlffi_vm* vm);

/* ---- Cached calls --------------------------------------------------------------------- */

/* A resolved function for repeated calls without name lookups. Owned by the caller
 * (hlffi_cached_call_free); released with its VM; unusable after hlffi_close. */
typedef struct hlffi_cached_call hlffi_cached_call;

/* Resolves a static function once. NULL on error (as hlffi_call_static's lookups). */
hlffi_cached_call* hlffi_cache_static_method(hlffi_vm* vm, const char* class_name, const char* method_name);
/* Calls it: result and errors as hlffi_call_static (WRONG_ARITY when argc differs). */
hlffi_value* hlffi_call_cached(hlffi_cached_call* cached, int argc, hlffi_value** args);
/* Frees a cached call. NULL is ignored. */
void hlffi_cached_call_free(hlffi_cached_call* cached);
/* Resolves an instance method of a class once (needs no instance). NULL on error. */
hlffi_cached_call* hlffi_cache_instance_method(hlffi_vm* vm, const char* class_name, const char* method_name);
/* Calls it on instance (which must be of that class or a subclass: TYPE_MISMATCH otherwise),
 * with virtual dispatch to the instance's override. */
hlffi_value* hlffi_call_cached_method(hlffi_cached_call* cached, hlffi_value* instance, int argc, hlffi_value** args);

/* ---- Threads, interrupts and limits (hlffi's own) -------------------------------------- */

/* Seconds hlffi_thread_stop lets a running main() end by itself before interrupting it
 * (default 1). Errors: NULL_VM, INVALID_ARGUMENT (negative or NaN). */
hlffi_error_code hlffi_set_stop_timeout(hlffi_vm* vm, double seconds);
/* Bounds the VM thread's queue of pending calls (0, the default: unbounded). A call queued
 * beyond it is refused with QUEUE_FULL, never dropped silently. */
hlffi_error_code hlffi_set_queue_limit(hlffi_vm* vm, size_t max_pending);

/* Stops the Haxe code running in the VM (any of its threads) at its next safepoint: loop heads,
 * calls, and blocking waits (Sys.sleep, locks, deques). The interrupted call returns
 * HLFFI_ERROR_INTERRUPTED; Haxe's try/catch cannot swallow it, finally-less unwinding only. The
 * VM stays usable: the next call runs normally (an interrupt asked for while no code runs is
 * dropped when the next call starts). Any thread, any time. Errors: NULL_VM. */
hlffi_error_code hlffi_interrupt(hlffi_vm* vm);

/* Caps the VM's heap at `bytes` (0: no cap). An allocation beyond it raises a Haxe exception
 * ("Out of memory") in that VM after a collection failed to make room; the host and other VMs
 * are unaffected. Before or after load. Errors: NULL_VM. */
hlffi_error_code hlffi_set_memory_limit(hlffi_vm* vm, size_t bytes);
/* The cap set (0: none). */
size_t hlffi_get_memory_limit(hlffi_vm* vm);

/* An instruction budget: the VM may pass `safepoints` more safepoints (loop iterations and
 * calls), then the running call ends with HLFFI_ERROR_FUEL_EXHAUSTED (not catchable in Haxe).
 * Deterministic: the same program stops at the same place every run. -1 removes the budget
 * (the default). The budget is not refilled by itself. Errors: NULL_VM. */
hlffi_error_code hlffi_set_fuel(hlffi_vm* vm, int64_t safepoints);
/* Safepoints left, or -1 when no budget is set. */
int64_t hlffi_get_fuel(hlffi_vm* vm);

/* ---- Host control (hlffi's own) ------------------------------------------------------- */

/* Receives everything the program prints (trace, Sys.print, Sys.println, uncaught-exception
 * reports). text is UTF-8 and not NUL-terminated. NULL restores the default (stdout). */
typedef void (*hlffi_print_func)(hlffi_vm* vm, const char* text, size_t length, void* userdata);
hlffi_error_code hlffi_set_print_handler(hlffi_vm* vm, hlffi_print_func fn, void* userdata);

/* Exit code the program asked for with Sys.exit (0 when it did not). */
int hlffi_get_exit_code(hlffi_vm* vm);

/* Heap statistics of a VM. */
typedef struct hlffi_memory_stats {
    size_t heap_bytes_in_use;  /* bytes of live heap blocks */
    size_t heap_objects;       /* live heap blocks */
    size_t collections;        /* completed collections */
    size_t peak_bytes;         /* largest heap_bytes_in_use seen */
    size_t heap_reserved;      /* bytes the heap holds from the OS */
    size_t memory_limit;       /* the limit set, 0 for none */
} hlffi_memory_stats;
/* Fills *stats (the heap figures are zero before load). Errors: NULL_VM, INVALID_ARGUMENT
 * (stats NULL). */
hlffi_error_code hlffi_get_memory_stats(hlffi_vm* vm, hlffi_memory_stats* stats);
/* Runs a full collection now. Errors: NULL_VM, NOT_LOADED, WRONG_THREAD. */
hlffi_error_code hlffi_gc_collect(hlffi_vm* vm);

/* ---- Signatures, host data, errors from callbacks (hlffi's own; hlffi.hpp uses them) ------ */

/* Number of arguments a caller passes to a cached call (a method's receiver not counted), -1 on
 * error (NULL: nothing recorded; STALE_HANDLE after hlffi_close). */
int hlffi_cached_call_get_arg_count(hlffi_cached_call* cached);
/* Declared type of argument `index` (0-based, receiver not counted), or NULL (INVALID_ARGUMENT
 * when out of range). Valid while the program is loaded. */
hlffi_type* hlffi_cached_call_get_arg_type(hlffi_cached_call* cached, int index);
/* Declared result type (the Void type for a Void function), or NULL on error. */
hlffi_type* hlffi_cached_call_get_return_type(hlffi_cached_call* cached);
/* The T of a Null<T> type, or NULL for any other type. */
hlffi_type* hlffi_type_get_null_param(hlffi_type* type);

/* One pointer the host may attach to a VM (NULL at creation; kept across hlffi_close). hlffi.hpp's
 * hlffi::Vm uses it for its own state: do not set it on a VM owned by a hlffi::Vm. */
hlffi_error_code hlffi_set_user_data(hlffi_vm* vm, void* data);
/* The pointer set with hlffi_set_user_data (NULL for a NULL vm). */
void* hlffi_get_user_data(hlffi_vm* vm);

/* Inside a host callback or native, on the thread running it: when the host function returns,
 * the Haxe code that called it receives a Haxe String exception with this message (catchable
 * with try/catch; uncaught, it reaches the host like any other). The function's result is then
 * ignored; make no other hlffi_* call on the VM before returning. False elsewhere (WRONG_THREAD:
 * no host function of this VM is running on this thread), or for a NULL message (NULL_VALUE). */
bool hlffi_callback_throw(hlffi_vm* vm, const char* message);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}

namespace hlffi {

/* HLFFI's scope guards over hlffi_blocking_begin/_end and hlffi_worker_register/_unregister. */
class BlockingGuard {
public:
    BlockingGuard() { hlffi_blocking_begin(); }
    ~BlockingGuard() { hlffi_blocking_end(); }
    BlockingGuard(const BlockingGuard&) = delete;
    BlockingGuard& operator=(const BlockingGuard&) = delete;
};

class WorkerGuard {
public:
    WorkerGuard() { hlffi_worker_register(); }
    ~WorkerGuard() { hlffi_worker_unregister(); }
    WorkerGuard(const WorkerGuard&) = delete;
    WorkerGuard& operator=(const WorkerGuard&) = delete;
};

}  /* namespace hlffi */
#endif /* __cplusplus */

#endif /* HLFFI_H */
