// gc layer: heap allocation, page management and sweeping (marking is in mark.cpp).
#include "gc/heap.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "gc/heap_internal.h"

namespace hlffi::gc {

namespace {

// Collect after allocating max(kMinBudget, live bytes after the last collection): the heap then
// peaks near twice its live size, and small programs still collect rarely.
constexpr size_t kMinBudget = size_t(8) << 20;
// Pages are mapped kBatchPages at a time (one mmap instead of sixteen).
constexpr size_t kBatchPages = 16;
// Empty pages kept for reuse after a sweep: as many as the last cycle took, at least
// kPoolMinPages, at most the next budget (which the next cycle allocates before it collects, so
// the pool never raises the peak). An allocation-heavy loop then does not unmap and re-fault its
// pages every cycle (2x throughput on binarytrees), while a heap that stops allocating returns
// to kPoolMinPages pages at its next collection.
constexpr size_t kPoolMinPages = 16;
// Freed large blocks up to kLargeCacheBuckets pages are kept mapped for one more cycle, binned by
// mapped size: reusing one costs a memset instead of mmap + page faults + munmap (20x faster on
// 20 KB blocks). The cache is capped by dirty bytes, which is what it holds resident.
constexpr size_t kLargeCacheBytes = size_t(8) << 20;
// Larger requests cannot be real: user space has 47 address bits.
constexpr size_t kMaxRequest = size_t(1) << 46;

size_t round_up(size_t n, size_t to) { return (n + to - 1) & ~(to - 1); }

}  // namespace

Heap::Heap(size_t memory_limit) : memory_limit_(memory_limit), budget_(kMinBudget) {}

Heap::~Heap() {
    run_finalizers(true);
    // Pages come in batches, mostly still adjacent: unmapping runs of neighbours costs one call
    // per batch instead of one per page (the page map goes with the heap, no entry to clear).
    std::vector<char*> bases;
    for (SmallPage* list : {pages_, pool_}) {
        while (SmallPage* page = list) {
            list = page->next;
            bases.push_back(page->base);
            std::free(page);
        }
    }
    std::sort(bases.begin(), bases.end());
    for (size_t i = 0; i < bases.size();) {
        size_t run = 1;
        while (i + run < bases.size() && bases[i + run] == bases[i] + run * kPageSize) ++run;
        os_unmap(bases[i], run * kPageSize);
        i += run;
    }
    for (LargeBlock* list : large_cache_) {
        while (LargeBlock* block = list) {
            list = block->next;
            free_large(block);
        }
    }
    while (LargeBlock* block = large_) {
        large_ = block->next;
        free_large(block);
    }
    std::free(stack_);
}

void* Heap::alloc(size_t size, AllocKind kind) {
    return size <= kMaxSmall ? alloc_small(size, kind) : alloc_large(size, kind);
}

void* Heap::alloc_small(size_t size, AllocKind kind) {
    unsigned cls = size_class_of(size);
    uint32_t bytes = kClassSizes[cls];
    if (memory_limit_ && bytes_in_use_ + bytes > memory_limit_) return nullptr;

    ClassList& list = lists_[cls * 2 + unsigned(kind)];
    SmallPage* page = list.current;
    uint32_t slot = 0;
    for (;;) {
        if (!page) {
            if ((page = list.partial)) {
                list.partial = page->next_partial;
            } else if (!(page = take_page(cls, kind))) {
                return nullptr;
            }
            list.current = page;
        }
        uint32_t words = page->words(), w = page->cursor;
        while (w < words && page->live[w] == ~uint64_t(0)) ++w;
        page->cursor = w;
        if (w < words) {
            unsigned bit = __builtin_ctzll(~page->live[w]);
            page->live[w] |= uint64_t(1) << bit;
            slot = w * 64 + bit;
            break;
        }
        page = list.current = nullptr;  // full: the next sweep finds its free slots again
    }

    uint32_t offset = slot * bytes;
    char* p = page->base + offset;
    // Always zero: skipping fresh memory (tracked by `untouched`) handed out stale bytes of
    // recycled pages under GC stress (17_interfaces); correctness first.
    std::memset(p, 0, bytes);

    bytes_in_use_ += bytes;
    allocated_since_ += bytes;
    ++objects_;
    peak_bytes_ = std::max(peak_bytes_, bytes_in_use_);
    return p;
}

// A page from the pool (mapping a new batch when it is empty), set up for class `cls`.
SmallPage* Heap::take_page(unsigned cls, AllocKind kind) {
    if (!pool_ && !map_page_batch()) return nullptr;
    SmallPage* page = pool_;
    pool_ = page->next;
    --pool_count_;
    ++pages_taken_;

    page->slot_size = kClassSizes[cls];
    page->nslots = uint32_t(kPageSize / page->slot_size);
    page->inv = reciprocal(page->slot_size);
    page->cursor = 0;
    page->cls = uint8_t(cls);
    page->kind = kind;
    for (uint32_t w = 0; w < kBitmapWords; ++w) {
        page->live[w] = page->tail_mask(w);
        page->mark[w] = 0;
    }
    page->next = pages_;
    pages_ = page;
    page->next_partial = nullptr;
    return page;
}

bool Heap::map_page_batch() {
    char* base = static_cast<char*>(os_map_aligned(kBatchPages * kPageSize, kPageSize));
    if (!base) return false;
    for (size_t i = 0; i < kBatchPages; ++i) {
        char* at = base + i * kPageSize;
        auto* page = static_cast<SmallPage*>(std::malloc(sizeof(SmallPage)));
        if (!page || !map_.set(reinterpret_cast<uintptr_t>(at), reinterpret_cast<uintptr_t>(page))) {
            std::free(page);
            os_unmap(at, (kBatchPages - i) * kPageSize);
            break;
        }
        // An empty page: nslots == 0 makes every pointer into it resolve to no block.
        std::memset(page, 0, sizeof(SmallPage));
        page->base = at;
        page->next = pool_;
        pool_ = page;
        ++pool_count_;
        reserved_ += kPageSize;
    }
    return pool_ != nullptr;
}

void Heap::release_page(SmallPage* page) {
    map_.clear(reinterpret_cast<uintptr_t>(page->base), kPageSize);
    os_unmap(page->base, kPageSize);
    reserved_ -= kPageSize;
    std::free(page);
}

void* Heap::alloc_large(size_t size, AllocKind kind) {
    if (size > kMaxRequest) return nullptr;
    size_t usable = round_up(size, kGranule), mapped = round_up(usable, kPageSize);
    if (memory_limit_ && bytes_in_use_ + usable > memory_limit_) return nullptr;

    size_t bucket = mapped / kPageSize - 1;
    LargeBlock* block = bucket < kLargeCacheBuckets ? large_cache_[bucket] : nullptr;
    if (block) {
        large_cache_[bucket] = block->next;
        large_cache_bytes_ -= block->dirty;
        std::memset(block->base, 0, std::min(block->dirty, usable));  // beyond dirty: still zero
    } else if (!(block = map_large(mapped))) {
        return nullptr;
    }
    block->size = usable;
    block->dirty = std::max(block->dirty, usable);
    block->kind = kind;
    block->marked = false;
    block->next = large_;
    large_ = block;

    bytes_in_use_ += usable;
    allocated_since_ += usable;
    ++objects_;
    peak_bytes_ = std::max(peak_bytes_, bytes_in_use_);
    return block->base;
}

// A new zero-filled mapping registered in the page map, with size 0 (resolving no pointer yet).
LargeBlock* Heap::map_large(size_t mapped) {
    auto* block = static_cast<LargeBlock*>(std::malloc(sizeof(LargeBlock)));
    if (!block) return nullptr;
    char* base = static_cast<char*>(os_map_aligned(mapped, kPageSize));
    if (!base) {
        std::free(block);
        return nullptr;
    }
    uintptr_t entry = reinterpret_cast<uintptr_t>(block) | kLargeTag;
    for (size_t off = 0; off < mapped; off += kPageSize) {
        if (!map_.set(reinterpret_cast<uintptr_t>(base + off), entry)) {
            map_.clear(reinterpret_cast<uintptr_t>(base), off);
            os_unmap(base, mapped);
            std::free(block);
            return nullptr;
        }
    }
    *block = LargeBlock{base, 0, mapped, 0, AllocKind::NoScan, false, false, nullptr};
    reserved_ += mapped;
    return block;
}

void Heap::free_large(LargeBlock* block) {
    map_.clear(reinterpret_cast<uintptr_t>(block->base), block->mapped);
    os_unmap(block->base, block->mapped);
    reserved_ -= block->mapped;
    std::free(block);
}

bool Heap::should_collect(size_t next_size) const {
    return stress_ || allocated_since_ + next_size > budget_ ||
           (memory_limit_ && bytes_in_use_ + next_size > memory_limit_);
}

void Heap::collect(const std::function<void(Marker&)>& roots) {
    Marker marker(*this);
    roots(marker);
    drain();
    while (overflow_) {
        overflow_ = false;
        rescan_after_overflow();
    }
    // A mark stack grown by one deep structure is not kept for the rest of the program.
    if (stack_cap_ > (size_t(1) << 16)) {
        std::free(stack_);
        stack_ = nullptr;
        stack_cap_ = 0;
    }
    sweep();
    run_finalizers(false);
    ++collections_;
    allocated_since_ = 0;
}

// Marked blocks become the live ones; pages left empty go to the pool and freed large blocks to
// the cache, and what those keep beyond their limits back to the OS.
void Heap::sweep() {
    for (ClassList& list : lists_) list = ClassList{};
    size_t bytes = 0, objects = 0;

    SmallPage* remaining = pages_;
    pages_ = nullptr;
    while (SmallPage* page = remaining) {
        remaining = page->next;
        uint32_t count = 0, words = page->words();
        for (uint32_t w = 0; w < words; ++w) {
            uint64_t marked = page->mark[w];
            if (stress_) poison_slots(page, w, page->live[w] & ~page->tail_mask(w) & ~marked);
            page->mark[w] = 0;
            page->live[w] = marked | page->tail_mask(w);
            count += uint32_t(__builtin_popcountll(marked));
        }
        if (count == 0) {
            std::memset(page->live, 0, sizeof(page->live));
            page->nslots = 0;
            page->next = pool_;
            pool_ = page;
            ++pool_count_;
            continue;
        }
        page->next = pages_;
        pages_ = page;
        page->cursor = 0;
        if (count < page->nslots) {
            ClassList& list = lists_[page->cls * 2 + unsigned(page->kind)];
            page->next_partial = list.partial;
            list.partial = page;
        }
        bytes += size_t(count) * page->slot_size;
        objects += count;
    }

    // Cached blocks not reused since the previous sweep go back to the OS.
    large_cache_bytes_ = 0;
    for (LargeBlock*& bin : large_cache_) {
        LargeBlock* cached = bin;
        bin = nullptr;
        while (LargeBlock* block = cached) {
            cached = block->next;
            if (block->idle) {
                free_large(block);
                continue;
            }
            block->idle = true;
            block->next = bin;
            bin = block;
            large_cache_bytes_ += block->dirty;
        }
    }
    LargeBlock* blocks = large_;
    large_ = nullptr;
    while (LargeBlock* block = blocks) {
        blocks = block->next;
        size_t bucket = block->mapped / kPageSize - 1;
        if (block->marked) {
            block->marked = false;
            block->next = large_;
            large_ = block;
            bytes += block->size;
            ++objects;
        } else if (bucket < kLargeCacheBuckets && large_cache_bytes_ + block->dirty <= kLargeCacheBytes) {
            // Reuse zeroes up to the new size, which stays within dirty: poison is never handed out.
            if (stress_) std::memset(block->base, kPoisonByte, block->size);
            block->size = 0;  // no pointer resolves to it while cached
            block->idle = false;
            block->next = large_cache_[bucket];
            large_cache_[bucket] = block;
            large_cache_bytes_ += block->dirty;
        } else {
            free_large(block);
        }
    }

    budget_ = std::max(kMinBudget, bytes);
    size_t keep = std::clamp(pages_taken_, kPoolMinPages, budget_ / kPageSize);
    pages_taken_ = 0;
    while (pool_count_ > keep) {
        SmallPage* page = pool_;
        pool_ = page->next;
        --pool_count_;
        release_page(page);
    }
    bytes_in_use_ = bytes;
    objects_ = objects;
}

// The slots of bitmap word `word` whose bits are set in `freed`: allocated before this sweep and
// not marked. alloc_small zeroes a slot before handing it out again.
void Heap::poison_slots(SmallPage* page, uint32_t word, uint64_t freed) {
    while (freed != 0) {
        unsigned bit = __builtin_ctzll(freed);
        freed &= freed - 1;
        std::memset(page->base + (size_t(word) * 64 + bit) * page->slot_size, kPoisonByte, page->slot_size);
    }
}

// Right after a sweep, before any allocation can reuse its slot, a freed block no longer
// resolves: block_start finds no live block there (small), or no block at all (large).
void Heap::run_finalizers(bool all) {
    size_t kept = 0;
    for (size_t i = 0; i < finalizers_.size(); ++i) {
        Finalizer f = finalizers_[i];
        if (!all && block_start(f.block) == f.block) finalizers_[kept++] = f;
        else f.fn(f.data);
    }
    finalizers_.resize(kept);
}

void* Heap::block_start(const void* p) const {
    uintptr_t a = reinterpret_cast<uintptr_t>(p);
    uintptr_t entry = map_.get(a);
    if (!entry) return nullptr;
    if (entry & kLargeTag) {
        auto* block = reinterpret_cast<const LargeBlock*>(entry & ~kLargeTag);
        return a < reinterpret_cast<uintptr_t>(block->base) + block->size ? block->base : nullptr;
    }
    auto* page = reinterpret_cast<const SmallPage*>(entry);
    uint32_t slot = uint32_t(((a - reinterpret_cast<uintptr_t>(page->base)) * page->inv) >> 32);
    if (slot >= page->nslots || !(page->live[slot / 64] >> (slot % 64) & 1)) return nullptr;
    return page->base + size_t(slot) * page->slot_size;
}

size_t Heap::block_size(const void* p) const {
    if (!p || block_start(p) != p) return 0;
    uintptr_t entry = map_.get(reinterpret_cast<uintptr_t>(p));
    if (entry & kLargeTag) return reinterpret_cast<const LargeBlock*>(entry & ~kLargeTag)->size;
    return reinterpret_cast<const SmallPage*>(entry)->slot_size;
}

HeapStats Heap::stats() const {
    return HeapStats{bytes_in_use_, objects_, collections_, peak_bytes_, reserved_};
}

}  // namespace hlffi::gc
