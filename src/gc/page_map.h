// gc layer: memory from the OS, and the radix table that maps any address to the heap page
// (or large block) covering it in O(1) — the basis of conservative and interior-pointer marking.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "gc/size_classes.h"

namespace hlffi::gc {

// `size` bytes aligned to `align` (both multiples of the OS page size), zero-filled, or nullptr.
void* os_map_aligned(size_t size, size_t align);
void os_unmap(void* p, size_t size);

// Two levels over the 47-bit user address space, indexed by page number (addr >> kPageShift):
// the root has one slot per 4 GiB, each leaf one slot per 64 KiB page. Both levels are anonymous
// mappings, so the untouched bulk of a leaf costs address space but no memory. An entry is an
// opaque non-zero word chosen by the heap (a tagged descriptor pointer); 0 means "not ours".
class PageMap {
public:
    PageMap() = default;
    ~PageMap();
    PageMap(const PageMap&) = delete;
    PageMap& operator=(const PageMap&) = delete;

    uintptr_t get(uintptr_t addr) const {
        if (addr >> kAddressBits) return 0;
        const uintptr_t* leaf = root_ ? root_[addr >> kLeafShift] : nullptr;
        return leaf ? leaf[(addr >> kPageShift) & (kLeafEntries - 1)] : 0;
    }
    // Fails (false) only when a root or leaf cannot be mapped.
    [[nodiscard]] bool set(uintptr_t addr, uintptr_t entry);
    // Clears the entry of every page overlapping [addr, addr + bytes).
    void clear(uintptr_t addr, size_t bytes);

private:
    static constexpr unsigned kAddressBits = 47;
    static constexpr unsigned kLeafShift = 32;
    static constexpr size_t kRootEntries = size_t(1) << (kAddressBits - kLeafShift);
    static constexpr size_t kLeafEntries = size_t(1) << (kLeafShift - kPageShift);

    uintptr_t** root_ = nullptr;  // kRootEntries leaf pointers, mapped on first set()
    // Root slots holding a leaf: a heap spans one or two, so teardown unmaps those without
    // reading the whole root (which would fault in its 256 KiB: a tenth of a restart's time).
    std::vector<uint32_t> leaves_;
};

}  // namespace hlffi::gc
