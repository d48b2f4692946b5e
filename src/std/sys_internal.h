// std layer: natives of the sys table defined outside natives_sys.cpp (dates), so that
// natives_sys() can list them in its one table.
#pragma once

#include <cmath>
#include <cstdint>

#include "std/native.h"

namespace hlffi::rt::sys {

// date_from_time: `(int)(unsigned)(ms / 1000)` as compiled for x86-64 (a 64-bit truncating
// conversion keeping the low 32 bits; NaN and values outside the i64 range give 0).
inline int32_t date_seconds_from_ms(double ms) {
    double s = ms / 1000.0;
    if (std::isnan(s) || s >= 9223372036854775808.0 || s < -9223372036854775808.0) return 0;
    return static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(static_cast<int64_t>(s))));
}

int32_t date_now(Ctx& c);
int32_t date_new(Ctx& c, int32_t y, int32_t mo, int32_t d, int32_t h, int32_t mi, int32_t s);
double date_get_time(Ctx& c, int32_t t);
int32_t date_from_time(Ctx& c, double ms);
int32_t date_from_string(Ctx& c, char16_t* text, int32_t len);
void date_get_inf(Ctx& c, int32_t t, int32_t* y, int32_t* mo, int32_t* d, int32_t* h, int32_t* mi, int32_t* s,
                  int32_t* wday);
void date_get_utc_inf(Ctx& c, int32_t t, int32_t* y, int32_t* mo, int32_t* d, int32_t* h, int32_t* mi, int32_t* s,
                      int32_t* wday);
char16_t* date_to_string(Ctx& c, int32_t t, int32_t* len);


// natives_fs.cpp: file-system natives of natives.md §9.1 (paths are UTF-8 `bytes`).
char* sys_get_cwd(Ctx& c);
bool sys_set_cwd(Ctx& c, char* dir);
bool sys_exists(Ctx& c, char* path);
bool sys_delete(Ctx& c, char* path);
bool sys_rename(Ctx& c, char* path, char* to);
VArray* sys_stat(Ctx& c, char* path);
bool sys_is_dir(Ctx& c, char* path);
bool sys_create_dir(Ctx& c, char* path, int32_t mode);
bool sys_remove_dir(Ctx& c, char* path);
VArray* sys_read_dir(Ctx& c, char* path);
char* sys_full_path(Ctx& c, char* path);
char* sys_exe_path(Ctx& c);
int32_t sys_command(Ctx& c, char* cmd);

// A NUL-terminated copy of UTF-8 text in the VM heap (nullptr after raising).
char* heap_cstring(Ctx& c, const char* s, size_t len);

}  // namespace hlffi::rt::sys
