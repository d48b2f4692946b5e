// std layer: the tables of lib "std" natives, one per area (one .cpp file or a few per area).
// The VM binds a module's natives by (lib, name) against these tables.
#pragma once

#include <span>

#include "std/native.h"

namespace hlffi::rt {

std::span<const NativeDef> natives_string();   // text, UTF-16/UTF-8, bytes, itos/ftos, parsing
std::span<const NativeDef> natives_math();     // math, random
std::span<const NativeDef> natives_dynamic();  // obj_*, dyn_op, casts, closures, virtuals
std::span<const NativeDef> natives_array();    // native arrays, sorting
std::span<const NativeDef> natives_maps();     // hb*/hi*/ho* hash tables
std::span<const NativeDef> natives_types();    // type_*, alloc_obj, enums, reflection
std::span<const NativeDef> natives_sys();
std::span<const NativeDef> natives_thread();   // threads, mutexes, deques, Tls      // sys_*, time, dates, file system
std::span<const NativeDef> natives_file();     // file_*: sys.io.File streams, Sys.stdin/stdout/stderr
std::span<const NativeDef> natives_regexp();   // regexp_* (EReg), over PCRE2

}  // namespace hlffi::rt
