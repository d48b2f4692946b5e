// gc layer: marking — conservative word checks through the page map, an explicit mark stack
// (no recursion, so long lists cannot overflow the C stack), and a heap rescan when that stack
// cannot grow.
#include <cstdlib>
#include <cstring>

#include "gc/heap.h"
#include "gc/heap_internal.h"

namespace hlffi::gc {

void Marker::mark(const void* p) { heap_.mark_word(reinterpret_cast<uintptr_t>(p)); }

void Marker::mark_range(const void* begin, size_t bytes) {
    uintptr_t b = reinterpret_cast<uintptr_t>(begin);
    heap_.scan_range((b + 7) & ~uintptr_t(7), b + bytes);
}

// Marks the live block that `word` points into, if any, and queues it when it must be scanned.
void Heap::mark_word(uintptr_t word) {
    uintptr_t entry = map_.get(word);
    if (!entry) return;
    if (entry & kLargeTag) {
        auto* block = reinterpret_cast<LargeBlock*>(entry & ~kLargeTag);
        uintptr_t base = reinterpret_cast<uintptr_t>(block->base);
        if (block->marked || word >= base + block->size) return;
        block->marked = true;
        if (block->kind == AllocKind::Scan) push(base, base + block->size);
        return;
    }
    auto* page = reinterpret_cast<SmallPage*>(entry);
    uintptr_t base = reinterpret_cast<uintptr_t>(page->base);
    uint32_t slot = uint32_t(((word - base) * page->inv) >> 32);
    if (slot >= page->nslots) return;  // page tail, or an empty pooled page
    uint64_t bit = uint64_t(1) << (slot % 64);
    uint32_t w = slot / 64;
    if (!(page->live[w] & bit) || (page->mark[w] & bit)) return;  // free slot, or done already
    page->mark[w] |= bit;
    if (page->kind == AllocKind::Scan) {
        uintptr_t start = base + uintptr_t(slot) * page->slot_size;
        push(start, start + page->slot_size);
    }
}

// Every aligned word of [begin, end); begin must be 8-aligned.
void Heap::scan_range(uintptr_t begin, uintptr_t end) {
    for (uintptr_t a = begin; a + 8 <= end; a += 8) {
        uintptr_t word;
        std::memcpy(&word, reinterpret_cast<const void*>(a), sizeof word);
        mark_word(word);
    }
}

void Heap::push(uintptr_t begin, uintptr_t end) {
    if (stack_size_ == stack_cap_) {
        size_t cap = stack_cap_ ? stack_cap_ * 2 : 1024;
        if (stack_limit_ && cap > stack_limit_) cap = stack_limit_;
        Range* grown = cap > stack_cap_ ? static_cast<Range*>(std::realloc(stack_, cap * sizeof(Range)))
                                        : nullptr;
        if (!grown) {
            overflow_ = true;  // marked but unscanned: rescan_after_overflow() finds it
            return;
        }
        stack_ = grown;
        stack_cap_ = cap;
    }
    stack_[stack_size_++] = Range{begin, end};
}

void Heap::drain() {
    while (stack_size_) {
        Range r = stack_[--stack_size_];
        scan_range(r.begin, r.end);
    }
}

// Some marked Scan blocks may not have been scanned: scan every marked Scan block again. Children
// already marked are skipped, so this only adds marks; collect() repeats it until no push fails.
void Heap::rescan_after_overflow() {
    for (SmallPage* page = pages_; page; page = page->next) {
        if (page->kind != AllocKind::Scan) continue;
        uintptr_t base = reinterpret_cast<uintptr_t>(page->base);
        for (uint32_t w = 0, words = page->words(); w < words; ++w) {
            for (uint64_t bits = page->mark[w]; bits; bits &= bits - 1) {
                uintptr_t start = base + uintptr_t(w * 64 + __builtin_ctzll(bits)) * page->slot_size;
                scan_range(start, start + page->slot_size);
                drain();
            }
        }
    }
    for (LargeBlock* block = large_; block; block = block->next) {
        if (!block->marked || block->kind != AllocKind::Scan) continue;
        uintptr_t base = reinterpret_cast<uintptr_t>(block->base);
        scan_range(base, base + block->size);
        drain();
    }
}

}  // namespace hlffi::gc
