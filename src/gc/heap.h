// gc layer: the per-VM heap — non-moving mark-sweep with conservative, interior-pointer marking.
//
// Small blocks (<= 8 KiB) come from 64 KiB pages, one page per (size class, AllocKind), found by
// a bitmap; bigger blocks get their own mapping. Any address resolves to its block in O(1) through
// a radix table, so a mark() argument may be an interior pointer or garbage. All state lives in
// the Heap object: several heaps can run at once on different threads (each heap used by one
// thread at a time, so it takes no locks).
//
// Protocol for the caller, who alone knows the roots:
//   if (heap.should_collect(n)) heap.collect(roots);
//   void* p = heap.alloc(n, kind);
//   if (!p) { heap.collect(roots); p = heap.alloc(n, kind); }   // still null: out of memory
// alloc() never collects by itself.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "gc/page_map.h"
#include "gc/size_classes.h"

namespace hlffi::gc {

// NoScan: raw bytes, never scanned (strings, f64 arrays).
// Scan: every aligned 8-byte word is a possible pointer (conservatively).
enum class AllocKind : uint8_t { NoScan, Scan };

struct HeapStats {
    size_t bytes_in_use;   // usable bytes of live blocks (size-class / 16-byte rounded)
    size_t objects;        // live blocks
    size_t collections;    // completed collect() calls
    size_t peak_bytes;     // maximum bytes_in_use ever seen
    size_t heap_reserved;  // bytes currently mapped from the OS (pages in use or pooled, large blocks)
};

class Heap;
struct SmallPage;
struct LargeBlock;

// Handed to the roots callback of Heap::collect.
class Marker {
public:
    // p may be null, an interior pointer, or not a heap pointer at all (then ignored).
    void mark(const void* p);
    // Conservatively marks every aligned word of [begin, begin + bytes) — read immediately, so the
    // range (e.g. a register array on the C stack) only has to outlive this call.
    void mark_range(const void* begin, size_t bytes);

private:
    friend class Heap;
    explicit Marker(Heap& heap) : heap_(heap) {}
    Heap& heap_;
};

class Heap {
public:
    explicit Heap(size_t memory_limit = 0);  // 0 = no limit
    ~Heap();                                  // unmaps every page it ever took from the OS
    Heap(const Heap&) = delete;
    Heap& operator=(const Heap&) = delete;

    // Zeroed block of at least `size` bytes (16-byte aligned; size 0 allowed), or nullptr when
    // bytes_in_use + the block would exceed the memory limit, or the OS refuses memory. Never
    // collects: on nullptr the caller collects and retries (see the protocol above).
    void* alloc(size_t size, AllocKind kind);
    // True when the allocation budget since the last collection is spent (about
    // max(8 MiB, live bytes after the last collection)), when allocating next_size would cross the
    // memory limit, or always in stress mode.
    bool should_collect(size_t next_size) const;
    // Stress mode also fills every block a sweep frees with kPoisonByte until it is handed out
    // again, so a pointer the roots missed reads garbage (and crashes when followed) instead of
    // the old object, which would otherwise look intact until its slot is reused.
    void set_stress(bool on) { stress_ = on; }
    static constexpr unsigned char kPoisonByte = 0xA5;
    void set_memory_limit(size_t bytes) { memory_limit_ = bytes; }
    size_t allocated_since_collect() const { return allocated_since_; }

    // Full collection: roots(marker) reports the roots, then everything reachable from them is
    // marked (Scan blocks word by word) and every unmarked block is freed. Must not be re-entered,
    // and the callback must not allocate.
    void collect(const std::function<void(Marker&)>& roots);

    // Finalizer: after the collection that frees `block` (or when the heap is destroyed), fn(data)
    // runs once. The block is gone by then, so data must live outside the heap; fn must not touch
    // the heap. Each collection checks every registered block (cost: one lookup per finalizer).
    void add_finalizer(const void* block, void (*fn)(void*), void* data) { finalizers_.push_back({block, fn, data}); }

    // Start of the live block containing p (p may point anywhere inside it), or nullptr.
    void* block_start(const void* p) const;
    // Usable size of the live block starting exactly at p, 0 if p is not such a block.
    size_t block_size(const void* p) const;
    // True when p points into a live block.
    bool is_heap_pointer(const void* p) const { return block_start(p) != nullptr; }
    HeapStats stats() const;

    // Testing aid: caps the mark stack at `entries` (0 = unbounded) to exercise the path taken when
    // the stack cannot grow (marking then rescans the heap instead of failing).
    void set_mark_stack_limit_for_testing(size_t entries) { stack_limit_ = entries; }

private:
    friend class Marker;
    struct ClassList {
        SmallPage* current = nullptr;  // page being filled
        SmallPage* partial = nullptr;  // pages with free slots, via SmallPage::next_partial
    };
    struct Range {
        uintptr_t begin, end;
    };
    struct Finalizer {
        const void* block;
        void (*fn)(void*);
        void* data;
    };

    // heap.cpp: allocation, pages, sweeping
    void* alloc_small(size_t size, AllocKind kind);
    void* alloc_large(size_t size, AllocKind kind);
    LargeBlock* map_large(size_t mapped);
    SmallPage* take_page(unsigned cls, AllocKind kind);
    bool map_page_batch();
    void release_page(SmallPage* page);
    void free_large(LargeBlock* block);
    void sweep();
    void poison_slots(SmallPage* page, uint32_t word, uint64_t freed);  // stress mode, in sweep
    void run_finalizers(bool all);  // for blocks no longer live (right after a sweep), or all
    // mark.cpp: marking
    void mark_word(uintptr_t word);
    void scan_range(uintptr_t begin, uintptr_t end);
    void push(uintptr_t begin, uintptr_t end);
    void drain();
    void rescan_after_overflow();

    PageMap map_;                            // page number -> tagged SmallPage* / LargeBlock*
    ClassList lists_[kNumClasses * 2];       // by class * 2 + kind
    SmallPage* pages_ = nullptr;             // every page holding blocks, via SmallPage::next
    SmallPage* pool_ = nullptr;              // empty pages kept for reuse, via SmallPage::next
    size_t pool_count_ = 0;
    size_t pages_taken_ = 0;                 // pages taken from the pool since the last sweep
    LargeBlock* large_ = nullptr;            // every live large block, via LargeBlock::next
    static constexpr size_t kLargeCacheBuckets = 16;  // blocks of 1..16 pages
    LargeBlock* large_cache_[kLargeCacheBuckets] = {};  // freed large blocks kept mapped, by pages
    size_t large_cache_bytes_ = 0;           // dirty bytes in large_cache_

    size_t memory_limit_ = 0;                // 0 = none
    size_t bytes_in_use_ = 0;
    size_t objects_ = 0;
    size_t collections_ = 0;
    size_t peak_bytes_ = 0;
    size_t reserved_ = 0;                    // bytes mapped from the OS (excluding descriptors)
    size_t allocated_since_ = 0;             // bytes allocated since the last collection
    size_t budget_;                          // allocated_since_ threshold for should_collect
    bool stress_ = false;

    Range* stack_ = nullptr;                 // mark stack of Scan blocks still to scan (malloc'd)
    size_t stack_size_ = 0, stack_cap_ = 0;
    size_t stack_limit_ = 0;                 // testing cap, 0 = none
    bool overflow_ = false;                  // a block was marked but could not be pushed
    std::vector<Finalizer> finalizers_;      // registered by add_finalizer, not yet run
};

}  // namespace hlffi::gc
