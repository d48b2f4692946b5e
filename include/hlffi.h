/* hlffi - embed Haxe programs compiled to HashLink bytecode (.hl) in C and C++ hosts.
 *
 * Public C API. Every piece of state belongs to one hlffi_vm: several VMs may exist at once,
 * and a VM may be created and destroyed any number of times in one process.
 *
 * Conventions:
 *  - Functions returning hlffi_error_code give HLFFI_OK (0) on success; hlffi_get_error(vm)
 *    then tells the last failure of that VM in words.
 *  - Every function accepts NULL arguments and answers them with an error, never a crash.
 *  - Unless a comment says otherwise, a VM may be used from one thread at a time.
 */
#ifndef HLFFI_H
#define HLFFI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One list drives both the enum and hlffi_get_error_string, so they cannot disagree. */
#define HLFFI_ERRORS(X)                                                               \
    X(HLFFI_OK, 0, "no error")                                                        \
    X(HLFFI_ERROR_NULL_VM, 1, "the VM handle is NULL")                                \
    X(HLFFI_ERROR_NOT_INITIALIZED, 2, "the VM is not initialised (call hlffi_init)")  \
    X(HLFFI_ERROR_ALREADY_INITIALIZED, 3, "the VM is already initialised")            \
    X(HLFFI_ERROR_NOT_LOADED, 4, "no program is loaded")                              \
    X(HLFFI_ERROR_ALREADY_LOADED, 5, "a program is already loaded")                   \
    X(HLFFI_ERROR_FILE_NOT_FOUND, 6, "the file cannot be read")                       \
    X(HLFFI_ERROR_INVALID_BYTECODE, 7, "the bytecode is malformed or fails verification") \
    X(HLFFI_ERROR_NATIVE_NOT_FOUND, 8, "a native function the program needs is missing") \
    X(HLFFI_ERROR_TYPE_NOT_FOUND, 9, "no such type")                                  \
    X(HLFFI_ERROR_METHOD_NOT_FOUND, 10, "no such method")                             \
    X(HLFFI_ERROR_FIELD_NOT_FOUND, 11, "no such field")                               \
    X(HLFFI_ERROR_TYPE_MISMATCH, 12, "a value has the wrong type")                    \
    X(HLFFI_ERROR_EXCEPTION_THROWN, 13, "the Haxe code threw an exception")           \
    X(HLFFI_ERROR_INVALID_ARGUMENT, 14, "an argument is invalid")                     \
    X(HLFFI_ERROR_OUT_OF_MEMORY, 15, "the VM ran out of memory or hit its memory limit") \
    X(HLFFI_ERROR_INTERRUPTED, 16, "the VM was interrupted")                          \
    X(HLFFI_ERROR_ENTRY_ALREADY_CALLED, 17, "the entry point has already run")        \
    X(HLFFI_ERROR_THREAD_NOT_STARTED, 18, "the VM thread is not running")             \
    X(HLFFI_ERROR_THREAD_ALREADY_RUNNING, 19, "the VM thread is already running")     \
    X(HLFFI_ERROR_WRONG_THREAD, 20, "called from the wrong thread")                   \
    X(HLFFI_ERROR_INTERNAL, 21, "internal error")

typedef enum hlffi_error_code {
#define HLFFI_ERROR_ENUM_ITEM(name, value, text) name = value,
    HLFFI_ERRORS(HLFFI_ERROR_ENUM_ITEM)
#undef HLFFI_ERROR_ENUM_ITEM
} hlffi_error_code;

typedef struct hlffi_vm hlffi_vm;

/* ---- Lifecycle ------------------------------------------------------------------------ */

/* A new, empty VM, or NULL when memory is exhausted. Free it with hlffi_destroy. */
hlffi_vm* hlffi_create(void);

/* Prepares the VM. argv (may be NULL when argc is 0) becomes Sys.args(); it is copied. */
hlffi_error_code hlffi_init(hlffi_vm* vm, int argc, char** argv);

/* Reads, checks and links a .hl file. Malformed or unverifiable bytecode is refused with
 * HLFFI_ERROR_INVALID_BYTECODE and a message naming the function and op at fault. */
hlffi_error_code hlffi_load_file(hlffi_vm* vm, const char* path);

/* Same as hlffi_load_file, from memory (copied; the caller keeps ownership of data). */
hlffi_error_code hlffi_load_memory(hlffi_vm* vm, const void* data, size_t size);

/* Runs the program's static initialisation and main(). An uncaught Haxe exception gives
 * HLFFI_ERROR_EXCEPTION_THROWN; the message and Haxe stack are then available through
 * hlffi_get_exception_message / hlffi_get_exception_stack. */
hlffi_error_code hlffi_call_entry(hlffi_vm* vm);

/* Releases the program and its heap; the VM can then load again. */
hlffi_error_code hlffi_close(hlffi_vm* vm);

/* Frees the VM and everything it allocated. NULL is ignored. */
void hlffi_destroy(hlffi_vm* vm);

/* The last error message of this VM (valid until the next call on the VM). Never NULL. */
const char* hlffi_get_error(hlffi_vm* vm);

/* A fixed description of an error code. Never NULL. Thread-safe. */
const char* hlffi_get_error_string(hlffi_error_code code);

/* The library version, "MAJOR.MINOR.PATCH". Thread-safe. */
const char* hlffi_get_version(void);

/* True: create/load/run/destroy may repeat any number of times in one process. */
bool hlffi_is_restartable(void);

/* ---- Exceptions ----------------------------------------------------------------------- */

/* True when the last call ended with an uncaught Haxe exception. */
bool hlffi_has_exception(hlffi_vm* vm);
/* The exception's text (Std.string of the value); "" when there is none. Owned by the VM. */
const char* hlffi_get_exception_message(hlffi_vm* vm);
/* The Haxe stack, one "Called from ..." frame per line, innermost first; "" when none. */
const char* hlffi_get_exception_stack(hlffi_vm* vm);
void hlffi_clear_exception(hlffi_vm* vm);

/* ---- Host control --------------------------------------------------------------------- */

/* Receives everything the program prints (trace, Sys.print, uncaught-exception reports).
 * text is UTF-8 and not NUL-terminated. NULL restores the default (the process's stdout). */
typedef void (*hlffi_print_func)(hlffi_vm* vm, const char* text, size_t length, void* userdata);
hlffi_error_code hlffi_set_print_handler(hlffi_vm* vm, hlffi_print_func fn, void* userdata);

/* Exit code the program asked for with Sys.exit (0 when it did not). */
int hlffi_get_exit_code(hlffi_vm* vm);

#ifdef __cplusplus
}
#endif

#endif /* HLFFI_H */
