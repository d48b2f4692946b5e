// std layer: natives of hl.Gc (natives.md §9.6) over the VM's collector, and the profiler hooks
// of hl.Profile (track_*), which report nothing: hlffi records no allocation, cast or dynamic
// access traces (the tracking bits are kept as set, but no data is ever collected).
#include <cstdio>
#include <string>

#include "std/std_natives.h"

namespace hlffi::rt {

namespace {

constexpr int32_t kProfileFlag = 1;  // hl.GcFlag.Profile

void gc_major(Ctx& c) { collect_now(c); }

void gc_enable(Ctx& c, bool on) { set_collection_enabled(c, on); }

// Allocation statistics: bytes and blocks handed out since the VM started, and the memory the
// heap holds from the system (HashLink: the total size of its pages).
void gc_stats(Ctx& c, double* total, double* count, double* current) {
    GcStats s = gc_statistics(c);
    if (total != nullptr) *total = s.total_allocated;
    if (count != nullptr) *count = s.allocation_count;
    if (current != nullptr) *current = s.current_memory;
}

int32_t gc_get_flags(Ctx& c) { return gc_flag_bits(c); }
void gc_set_flags(Ctx& c, int32_t flags) { set_gc_flag_bits(c, flags); }

// The Profile flag is stored (HashLink then prints timings at every collection; hlffi prints
// nothing, since timings would make output differ from run to run).
void gc_profile(Ctx& c, bool on) {
    int32_t f = gc_flag_bits(c);
    set_gc_flag_bits(c, on ? (f | kProfileFlag) : (f & ~kProfileFlag));
}

// HashLink writes a binary image of its pages for its memory inspector; hlffi's heap has another
// layout, so the file holds a text summary of the heap after a full collection instead.
void gc_dump_memory(Ctx& c, char* filename) {
    collect_now(c);
    GcStats s = gc_statistics(c);
    std::FILE* f = filename != nullptr ? std::fopen(filename, "wb") : nullptr;
    if (f == nullptr) return raise_message(c, "Failed to open file");
    std::string text = "hlffi heap summary\n";
    auto line = [&text](const char* name, double v) { text += std::string(name) + " " + std::to_string(static_cast<long long>(v)) + "\n"; };
    line("live_bytes", s.live_bytes);
    line("live_blocks", s.live_blocks);
    line("heap_bytes", s.current_memory);
    line("collections", s.collections);
    line("total_allocated", s.total_allocated);
    line("allocation_count", s.allocation_count);
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
}

// A blocking section lets HashLink's collector run without this thread. Threads of hlffi that
// wait release the VM lock by themselves, so there is nothing to mark.
void blocking(Ctx&, bool) {}
void gc_safepoint(Ctx&) {}
void set_thread_flags(Ctx&, int32_t, int32_t) {}

// ---- hl.Profile: nothing is ever tracked.
void track_noop(Ctx&) {}
void track_set_depth(Ctx&, int32_t) {}
void track_lock(Ctx&, bool) {}
int32_t track_get_bits(Ctx& c, bool thread) { return track_bits(c, thread); }
void track_set_bits(Ctx& c, int32_t bits, bool thread) { set_track_bits(c, bits, thread); }

int32_t track_count(Ctx&, int32_t* depth) {
    if (depth != nullptr) *depth = 0;
    return 0;
}

int32_t track_entry(Ctx&, int32_t, HType**, int32_t*, int32_t*, VArray*) { return -1; }

// Symbols come only from track_entry stacks, which never exist here.
char16_t* resolve_symbol(Ctx&, void*, char16_t*, int32_t*) { return nullptr; }

constexpr NativeDef kGcNatives[] = {
    HLFFI_NATIVE("gc_major", gc_major),
    HLFFI_NATIVE("gc_enable", gc_enable),
    HLFFI_NATIVE("gc_stats", gc_stats),
    HLFFI_NATIVE("gc_get_flags", gc_get_flags),
    HLFFI_NATIVE("gc_set_flags", gc_set_flags),
    HLFFI_NATIVE("gc_profile", gc_profile),
    HLFFI_NATIVE("gc_dump_memory", gc_dump_memory),
    HLFFI_NATIVE("blocking", blocking),
    HLFFI_NATIVE("gc_safepoint", gc_safepoint),
    HLFFI_NATIVE("set_thread_flags", set_thread_flags),
    HLFFI_NATIVE("track_init", track_noop),
    HLFFI_NATIVE("track_reset", track_noop),
    HLFFI_NATIVE("track_set_depth", track_set_depth),
    HLFFI_NATIVE("track_lock", track_lock),
    HLFFI_NATIVE("track_get_bits", track_get_bits),
    HLFFI_NATIVE("track_set_bits", track_set_bits),
    HLFFI_NATIVE("track_count", track_count),
    HLFFI_NATIVE("track_entry", track_entry),
    HLFFI_NATIVE("resolve_symbol", resolve_symbol),
};

}  // namespace

std::span<const NativeDef> natives_gc() { return kGcNatives; }

}  // namespace hlffi::rt
