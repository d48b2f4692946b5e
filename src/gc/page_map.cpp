// gc layer: OS memory (mmap) and the address -> page radix table.
#include "gc/page_map.h"

#include <sys/mman.h>

namespace hlffi::gc {

void* os_map_aligned(size_t size, size_t align) {
    if (size == 0 || size > (size_t(1) << 46)) return nullptr;
    // Over-map by `align`, then give back the unaligned head and the tail.
    size_t span = size + align;
    void* raw = mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) return nullptr;
    uintptr_t start = reinterpret_cast<uintptr_t>(raw);
    uintptr_t aligned = (start + align - 1) & ~(uintptr_t(align) - 1);
    if (aligned > start) munmap(raw, aligned - start);
    uintptr_t end = start + span, used_end = aligned + size;
    if (end > used_end) munmap(reinterpret_cast<void*>(used_end), end - used_end);
    return reinterpret_cast<void*>(aligned);
}

void os_unmap(void* p, size_t size) {
    if (p) munmap(p, size);
}

PageMap::~PageMap() {
    if (!root_) return;
    for (uint32_t i : leaves_) os_unmap(root_[i], kLeafEntries * sizeof(uintptr_t));
    os_unmap(root_, kRootEntries * sizeof(uintptr_t*));
}

bool PageMap::set(uintptr_t addr, uintptr_t entry) {
    if (addr >> kAddressBits) return false;
    if (!root_) {
        root_ = static_cast<uintptr_t**>(os_map_aligned(kRootEntries * sizeof(uintptr_t*), 4096));
        if (!root_) return false;
    }
    uintptr_t*& leaf = root_[addr >> kLeafShift];
    if (!leaf) {
        leaf = static_cast<uintptr_t*>(os_map_aligned(kLeafEntries * sizeof(uintptr_t), 4096));
        if (!leaf) return false;
        leaves_.push_back(static_cast<uint32_t>(addr >> kLeafShift));
    }
    leaf[(addr >> kPageShift) & (kLeafEntries - 1)] = entry;
    return true;
}

void PageMap::clear(uintptr_t addr, size_t bytes) {
    if (!root_ || bytes == 0) return;
    for (uintptr_t page = addr >> kPageShift, last = (addr + bytes - 1) >> kPageShift; page <= last;
         ++page) {
        uintptr_t a = page << kPageShift;
        if (a >> kAddressBits) return;
        uintptr_t* leaf = root_[a >> kLeafShift];
        if (leaf) leaf[page & (kLeafEntries - 1)] = 0;
    }
}

}  // namespace hlffi::gc
