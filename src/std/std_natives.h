// std layer: the tables of natives, one per area (one .cpp file or a few per area): lib "std"
// and lib "fmt" (digests, zlib). The VM binds a module's natives by (lib, name) against them.
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
std::span<const NativeDef> natives_sys();      // sys_*, time, dates, file system
std::span<const NativeDef> natives_thread();   // threads, mutexes, deques, Tls
std::span<const NativeDef> natives_lock();     // lock_* (sys.thread.Lock), semaphores, conditions
std::span<const NativeDef> natives_process();  // process_* (sys.io.Process)
std::span<const NativeDef> natives_socket();   // socket_*, host_* (sys.net.Socket, sys.net.Host)
std::span<const NativeDef> natives_gc();       // gc_* (hl.Gc), track_* profiling hooks
std::span<const NativeDef> natives_file();     // file_*: sys.io.File streams, Sys.stdin/stdout/stderr
std::span<const NativeDef> natives_regexp();   // regexp_* (EReg), over PCRE2

// lib "fmt": only what is not about images or sound.
std::span<const NativeDef> natives_fmt_digest();  // digest (MD5, SHA-1, CRC-32, Adler-32)
std::span<const NativeDef> natives_fmt_zip();     // inflate_*, deflate_*, zip_* over zlib

}  // namespace hlffi::rt
