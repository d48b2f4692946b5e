// std layer: Sys natives (natives.md §9.1) for an embedded VM, the error-handler/breakpoint
// natives (§5) and the table of lib "std" sys natives (dates come from natives_date.cpp).
// Paths and environment strings cross as UTF-8 (`sys_utf8_path` is true).
#include <locale.h>
#include <sys/time.h>
#include <sys/times.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string_view>

#include "std/std_natives.h"
#include "std/sys_internal.h"
#include "std/sys_text.h"

extern char** environ;

namespace hlffi::rt {
namespace {

char* heap_cstring(Ctx& c, std::string_view s) { return sys::heap_cstring(c, s.data(), s.size()); }

void sys_print(Ctx& c, char16_t* msg) {
    if (msg) write_output(c, print_utf8(msg));
}

void sys_exit(Ctx& c, int32_t code) { request_exit(c, code); }

bool sys_utf8_path(Ctx&) { return true; }
bool sys_is64(Ctx&) { return sizeof(void*) == 8; }

// System name as UTF-16 (a constant string).
char16_t* sys_string(Ctx&) { return const_cast<char16_t*>(u"Linux"); }

char* sys_locale(Ctx& c) {
    const char* lang = std::getenv("LANG");
    return lang ? heap_cstring(c, lang) : nullptr;
}

double sys_time(Ctx&) {
    struct timeval tv;
    if (gettimeofday(&tv, nullptr) != 0) return 0.0;
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1000000.0;
}

int64_t sys_timestamp_ms(Ctx&) {
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) return 0;
    return static_cast<int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

double sys_cpu_time(Ctx&) {
    struct tms t {};
    times(&t);
    return static_cast<double>(t.tms_utime + t.tms_stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double sys_thread_cpu_time(Ctx&) {
    struct timespec t;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) != 0) return 0.0;
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Fractional seconds; a VM that is stopping ends the sleep early.
// Other Haxe threads run meanwhile (the VM lock is released while sleeping).
void sys_sleep(Ctx& c, double seconds) {
    if (!(seconds > 0)) return;
    sleep_unlocked(c, seconds);
}

char* sys_get_env(Ctx& c, char* key) {
    if (!key) return nullptr;
    const char* v = std::getenv(key);
    return v ? heap_cstring(c, v) : nullptr;
}

bool sys_put_env(Ctx&, char* key, char* value) {
    if (!key) return false;
    if (!value) return unsetenv(key) == 0;
    return setenv(key, value, 1) == 0;
}

// Alternating name/value UTF-8 strings in `environ` order; entries without '=' are skipped.
VArray* sys_env(Ctx& c) {
    int32_t count = 0;
    for (char** e = environ; *e; e++) count += std::strchr(*e, '=') ? 1 : 0;
    VArray* a = alloc_array(c, builtin_type(c, TypeKind::Bytes), count * 2);
    if (!a) return nullptr;
    RootGuard g(c, &a);
    int32_t i = 0;
    for (char** e = environ; *e && i < count * 2; e++) {
        const char* eq = std::strchr(*e, '=');
        if (!eq) continue;
        char* name = heap_cstring(c, std::string_view(*e, static_cast<size_t>(eq - *e)));
        if (!name) return nullptr;
        a->data<char*>()[i++] = name;
        char* value = heap_cstring(c, eq + 1);
        if (!value) return nullptr;
        a->data<char*>()[i++] = value;
    }
    return a;
}

VArray* sys_args(Ctx& c) { return program_args(c); }

int32_t sys_getpid(Ctx&) { return static_cast<int32_t>(getpid()); }

// Sys.programPath: the .hl file as the host named it (HashLink: as on its command line); null
// when the program was loaded from memory, and Haxe then falls back to the executable's path.
char* sys_hl_file(Ctx& c) {
    std::string_view path = program_path(c);
    return path.empty() ? nullptr : heap_cstring(c, path);
}

// HashLink makes `l` the calling thread's LC_TIME locale. hlffi formats no locale-dependent
// dates (date_to_string is numeric) and must not change its host thread's locale, so only the
// answer is kept: whether the locale exists.
bool sys_set_time_locale(Ctx&, char* l) {
    if (l == nullptr) return false;
    locale_t lc = newlocale(LC_TIME_MASK, l, static_cast<locale_t>(0));
    if (lc == static_cast<locale_t>(0)) return false;
    freelocale(lc);
    return true;
}

struct CharRead {
    int value;
};

void read_stdin_char(void* data) { static_cast<CharRead*>(data)->value = std::getchar(); }

// One byte of stdin (-1 at end of file), read with the terminal in raw mode when stdin is one;
// `echo` writes it back to stdout, as HashLink's fputc does (-1 comes out as the byte 0xFF).
// The read waits without the VM lock.
int32_t sys_get_char(Ctx& c, bool echo) {
    struct termios old {};
    bool tty = isatty(STDIN_FILENO) == 1 && tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        struct termios raw = old;
        cfmakeraw(&raw);
        tcsetattr(STDIN_FILENO, TCSANOW, &raw);
    }
    CharRead r{-1};
    run_unlocked(c, read_stdin_char, &r);
    if (tty) tcsetattr(STDIN_FILENO, TCSANOW, &old);
    if (echo) {
        char byte = static_cast<char>(static_cast<unsigned char>(r.value));
        write_output(c, std::string_view(&byte, 1));
    }
    return r.value;
}

// ---- Hooks of HashLink's launcher and debugger, which an embedded VM does not have.
double sys_process_memory(Ctx&) { return 0.0; }       // HashLink on Linux answers 0 too
int32_t sys_set_flags(Ctx&, int32_t flags) { return flags; }  // print flags: output always flushes
bool sys_has_debugger(Ctx&) { return false; }
bool sys_check_reload(Ctx&, char*) { return false; }
bool sys_load_plugin(Ctx&, char*) { return false; }
void sys_profile_event(Ctx&, int32_t, uint8_t*, int32_t) {}
void sys_vtune_init(Ctx&) {}
VDynamic* sys_resolve_type(Ctx&, HType*, HType*) { return nullptr; }

char* sys_special(Ctx& c, char*) {
    raise_message(c, "Unknown sys_special key");
    return nullptr;
}

// Only a debugger uses the handler; storing nothing is acceptable (natives.md §5).
void set_error_handler(Ctx&, VClosure*) {}
void breakpoint(Ctx&) {}

constexpr NativeDef kNatives[] = {
    HLFFI_NATIVE("sys_print", sys_print),
    HLFFI_NATIVE("sys_exit", sys_exit),
    HLFFI_NATIVE("sys_utf8_path", sys_utf8_path),
    HLFFI_NATIVE("sys_is64", sys_is64),
    HLFFI_NATIVE("sys_string", sys_string),
    HLFFI_NATIVE("sys_locale", sys_locale),
    HLFFI_NATIVE("sys_time", sys_time),
    HLFFI_NATIVE("sys_timestamp_ms", sys_timestamp_ms),
    HLFFI_NATIVE("sys_cpu_time", sys_cpu_time),
    HLFFI_NATIVE("sys_thread_cpu_time", sys_thread_cpu_time),
    HLFFI_NATIVE("sys_sleep", sys_sleep),
    HLFFI_NATIVE("sys_get_env", sys_get_env),
    HLFFI_NATIVE("sys_put_env", sys_put_env),
    HLFFI_NATIVE("sys_env", sys_env),
    HLFFI_NATIVE("sys_args", sys_args),
    HLFFI_NATIVE("sys_getpid", sys_getpid),
    HLFFI_NATIVE("sys_hl_file", sys_hl_file),
    HLFFI_NATIVE("sys_set_time_locale", sys_set_time_locale),
    HLFFI_NATIVE("sys_get_char", sys_get_char),
    HLFFI_NATIVE("sys_process_memory", sys_process_memory),
    HLFFI_NATIVE("sys_set_flags", sys_set_flags),
    HLFFI_NATIVE("sys_has_debugger", sys_has_debugger),
    HLFFI_NATIVE("sys_check_reload", sys_check_reload),
    HLFFI_NATIVE("sys_load_plugin", sys_load_plugin),
    HLFFI_NATIVE("sys_profile_event", sys_profile_event),
    HLFFI_NATIVE("sys_vtune_init", sys_vtune_init),
    HLFFI_NATIVE("sys_resolve_type", sys_resolve_type),
    HLFFI_NATIVE("sys_special", sys_special),
    HLFFI_NATIVE("set_error_handler", set_error_handler),
    HLFFI_NATIVE("breakpoint", breakpoint),
    HLFFI_NATIVE("sys_get_cwd", sys::sys_get_cwd),
    HLFFI_NATIVE("sys_set_cwd", sys::sys_set_cwd),
    HLFFI_NATIVE("sys_exists", sys::sys_exists),
    HLFFI_NATIVE("sys_delete", sys::sys_delete),
    HLFFI_NATIVE("sys_rename", sys::sys_rename),
    HLFFI_NATIVE("sys_stat", sys::sys_stat),
    HLFFI_NATIVE("sys_is_dir", sys::sys_is_dir),
    HLFFI_NATIVE("sys_create_dir", sys::sys_create_dir),
    HLFFI_NATIVE("sys_remove_dir", sys::sys_remove_dir),
    HLFFI_NATIVE("sys_read_dir", sys::sys_read_dir),
    HLFFI_NATIVE("sys_full_path", sys::sys_full_path),
    HLFFI_NATIVE("sys_exe_path", sys::sys_exe_path),
    HLFFI_NATIVE("sys_command", sys::sys_command),
    HLFFI_NATIVE("date_now", sys::date_now),
    HLFFI_NATIVE("date_new", sys::date_new),
    HLFFI_NATIVE("date_get_time", sys::date_get_time),
    HLFFI_NATIVE("date_from_time", sys::date_from_time),
    HLFFI_NATIVE("date_from_string", sys::date_from_string),
    HLFFI_NATIVE("date_get_inf", sys::date_get_inf),
    HLFFI_NATIVE("date_get_utc_inf", sys::date_get_utc_inf),
    HLFFI_NATIVE("date_to_string", sys::date_to_string),
};

}  // namespace

std::span<const NativeDef> natives_sys() { return kNatives; }

}  // namespace hlffi::rt
