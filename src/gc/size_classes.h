// gc layer: the size classes of small blocks and the page geometry they live in.
// Immutable compile-time tables only: every Heap shares them read-only.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace hlffi::gc {

// Small blocks live in pages of kPageSize bytes aligned to kPageSize, so the page of any address
// is `addr >> kPageShift`; the page map (page_map.h) resolves that number to a descriptor.
inline constexpr unsigned kPageShift = 16;
inline constexpr size_t kPageSize = size_t(1) << kPageShift;  // 64 KiB
inline constexpr size_t kGranule = 16;                        // every block size is a multiple

// Multiples of 16 up to 128, then four steps per power of two up to 8 KiB: the worst internal
// waste is 25% (e.g. 129 -> 160), and the worst page tail is 6% (5120-byte class).
inline constexpr std::array<uint32_t, 32> kClassSizes = {
    16,   32,   48,   64,   80,   96,   112,  128,  160,  192,  224,  256,  320,  384,  448,  512,
    640,  768,  896,  1024, 1280, 1536, 1792, 2048, 2560, 3072, 3584, 4096, 5120, 6144, 7168, 8192,
};
inline constexpr unsigned kNumClasses = kClassSizes.size();
inline constexpr size_t kMaxSmall = kClassSizes[kNumClasses - 1];
inline constexpr uint32_t kMaxSlotsPerPage = kPageSize / kGranule;  // 4096
inline constexpr uint32_t kBitmapWords = kMaxSlotsPerPage / 64;     // 64

// (size + 15) / 16 -> class index, for every size in [0, kMaxSmall].
inline constexpr auto kClassOfGranules = [] {
    std::array<uint8_t, kMaxSmall / kGranule + 1> t{};
    unsigned c = 0;
    for (size_t g = 0; g < t.size(); ++g) {
        while (kClassSizes[c] < g * kGranule) ++c;
        t[g] = static_cast<uint8_t>(c);
    }
    return t;
}();

inline unsigned size_class_of(size_t size) { return kClassOfGranules[(size + kGranule - 1) / kGranule]; }

// floor(offset / size) == (offset * reciprocal(size)) >> 32 for every offset < kPageSize and every
// class size: the rounding error is below offset / 2^32 < 2^-16, while a non-integral quotient is
// at least 1/size >= 2^-13 away from the next integer.
inline constexpr uint64_t reciprocal(uint32_t size) { return ((uint64_t(1) << 32) + size - 1) / size; }

static_assert(kMaxSmall * 8 <= kPageSize, "every small page holds at least 8 blocks");
static_assert(kClassOfGranules[0] == 0 && kClassOfGranules[1] == 0 && kClassOfGranules[2] == 1);
static_assert(kClassSizes[kClassOfGranules[kMaxSmall / kGranule]] == kMaxSmall);

}  // namespace hlffi::gc
