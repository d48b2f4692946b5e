// vm layer: the program and collector services of std/native.h (Sys.programPath, hl.Gc):
// the path the host gave, full collections, statistics, the collection switch, GC flags and
// hl.Profile's tracking bits.
#include "vm/vm.h"

namespace hlffi::rt {

namespace {

constexpr int32_t kForceMajor = 8;  // hl.GcFlag.ForceMajor
constexpr int32_t kTrackMask = 15;  // the four hl.Profile.TrackKind bits

}  // namespace

std::string_view program_path(Ctx& c) { return c.vm->program_path; }

void collect_now(Ctx& c) { vm::collect(c); }

GcStats gc_statistics(Ctx& c) {
    const vm::Vm::GcControl& g = c.vm->gc_control;
    gc::HeapStats s = c.heap->stats();
    return GcStats{
        static_cast<double>(g.allocated_bytes), static_cast<double>(g.allocation_count),
        static_cast<double>(s.heap_reserved),   static_cast<double>(s.bytes_in_use),
        static_cast<double>(s.objects),         static_cast<double>(s.collections),
    };
}

void set_collection_enabled(Ctx& c, bool on) { c.vm->gc_control.enabled = on; }

int32_t gc_flag_bits(Ctx& c) { return c.vm->gc_control.flags; }

void set_gc_flag_bits(Ctx& c, int32_t flags) {
    c.vm->gc_control.flags = flags;
    c.heap->set_stress(c.vm->gc_stress || (flags & kForceMajor) != 0);
}

int32_t track_bits(Ctx& c, bool thread) {
    const vm::Vm::GcControl& g = c.vm->gc_control;
    return thread ? g.track_thread : g.track_global;
}

void set_track_bits(Ctx& c, int32_t bits, bool thread) {
    vm::Vm::GcControl& g = c.vm->gc_control;
    (thread ? g.track_thread : g.track_global) = bits & kTrackMask;
}

}  // namespace hlffi::rt
