// gc layer: descriptors of heap pages and large blocks, shared by heap.cpp and mark.cpp only.
// Descriptors live outside the pages (malloc'd), so no heap memory ever looks like metadata.
#pragma once

#include <cstdint>

#include "gc/heap.h"

namespace hlffi::gc {

// Page-map entries are descriptor pointers; bit 0 tells a LargeBlock from a SmallPage.
inline constexpr uintptr_t kLargeTag = 1;

struct SmallPage {
    char* base;                    // kPageSize bytes, aligned to kPageSize
    uint32_t slot_size;            // class size
    uint32_t nslots;               // kPageSize / slot_size
    uint64_t inv;                  // reciprocal(slot_size)
    uint32_t cursor;               // bitmap word where the next free-slot search starts
    uint8_t cls;
    AllocKind kind;
    SmallPage* next;               // in Heap::pages_ or Heap::pool_
    SmallPage* next_partial;       // in ClassList::partial
    // Bit i of live: slot i is allocated. Bits at and past nslots are kept set so the allocator
    // never hands them out. mark is all zero outside a collection.
    uint64_t live[kBitmapWords];
    uint64_t mark[kBitmapWords];

    uint32_t words() const { return (nslots + 63) / 64; }
    // Bits of live word w at or past nslots.
    uint64_t tail_mask(uint32_t w) const {
        uint32_t first = w * 64;
        if (first + 64 <= nslots) return 0;
        if (first >= nslots) return ~uint64_t(0);
        return ~uint64_t(0) << (nslots - first);
    }
};

struct LargeBlock {
    char* base;                    // aligned to kPageSize
    size_t size;                   // usable bytes (request rounded up to 16); 0 while cached
    size_t mapped;                 // bytes mapped (size rounded up to kPageSize)
    size_t dirty;                  // bytes past this were never handed out: still zero
    AllocKind kind;
    bool marked;
    bool idle;                     // cached, and not reused since the last sweep
    LargeBlock* next;              // in Heap::large_ or Heap::large_cache_
};

}  // namespace hlffi::gc
