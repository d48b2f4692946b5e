// std layer: natives on raw memory blocks (`hl.Bytes`): allocation, copy, compare, search,
// fill, pointer arithmetic (natives.md §1 alloc_bytes, string_compare; §2 bytes_*).
// Offsets and lengths come from Haxe code, which checks them against the block sizes.
#include <algorithm>
#include <cstring>
#include <string_view>

#include "std/natives_bytes.h"

namespace hlffi::rt::bytes_natives {
namespace {

// memcmp's result as glibc returns it: difference of the first differing bytes (unsigned).
int32_t byte_difference(const uint8_t* a, const uint8_t* b, size_t n) {
    auto [pa, pb] = std::mismatch(a, a + n, b);
    return pa == a + n ? 0 : static_cast<int32_t>(*pa) - static_cast<int32_t>(*pb);
}

}  // namespace

uint8_t* alloc_bytes(Ctx& c, int32_t size) {
    if (size < 0) {
        raise_message(c, "Invalid bytes size");
        return nullptr;
    }
    // Size 0 is a null pointer, as HashLink's allocator answers it: Bytes.alloc(0).getData() is
    // null there, and zlib treats the null buffer apart (a checksum of it is the initial value;
    // inflating into it fails). Every bytes native accepts null with a length of 0.
    if (size == 0) return nullptr;
    // Zeroed (HashLink leaves it unspecified).
    return static_cast<uint8_t*>(alloc_noscan(c, static_cast<size_t>(size)));
}

void bytes_blit(Ctx& c, uint8_t* dst, int32_t dpos, const uint8_t* src, int32_t spos, int32_t len) {
    if (len <= 0) return;
    if (dst == nullptr || src == nullptr) {
        raise_message(c, "Null access");
        return;
    }
    std::memmove(dst + dpos, src + spos, static_cast<size_t>(len));
}

int32_t bytes_compare(Ctx& c, const uint8_t* a, int32_t apos, const uint8_t* b, int32_t bpos, int32_t len) {
    if (len <= 0) return 0;
    if (a == nullptr || b == nullptr) {
        raise_message(c, "Null access");
        return 0;
    }
    return byte_difference(a + apos, b + bpos, static_cast<size_t>(len));
}

int32_t bytes_compare16(Ctx& c, const uint8_t* a, const uint8_t* b, int32_t len) {
    if (len <= 0) return 0;
    if (a == nullptr || b == nullptr) {
        raise_message(c, "Null access");
        return 0;
    }
    for (int32_t i = 0; i < len; ++i) {
        uint16_t ua, ub;
        std::memcpy(&ua, a + 2 * i, 2);
        std::memcpy(&ub, b + 2 * i, 2);
        if (ua != ub) return static_cast<int32_t>(ua) - static_cast<int32_t>(ub);
    }
    return 0;
}

int32_t string_compare(Ctx& c, const uint8_t* a, const uint8_t* b, int32_t len) {
    return bytes_compare(c, a, 0, b, 0, len > 0 ? len * 2 : 0);
}

int32_t bytes_find(Ctx&, const uint8_t* where, int32_t pos, int32_t len, const uint8_t* which, int32_t wpos,
                   int32_t wlen) {
    if (where == nullptr || which == nullptr || len < 0 || wlen < 0 || wlen > len) return -1;
    if (wlen == 0) return pos;
    std::string_view hay(reinterpret_cast<const char*>(where + pos), static_cast<size_t>(len));
    std::string_view needle(reinterpret_cast<const char*>(which + wpos), static_cast<size_t>(wlen));
    size_t at = hay.find(needle);
    return at == std::string_view::npos ? -1 : pos + static_cast<int32_t>(at);
}

int32_t bytes_rfind(Ctx&, const uint8_t* where, int32_t len, const uint8_t* which, int32_t wlen) {
    if (wlen > len) return -1;
    if (wlen == 0) return len;
    if (where == nullptr || which == nullptr || wlen < 0) return -1;
    std::string_view hay(reinterpret_cast<const char*>(where), static_cast<size_t>(len));
    std::string_view needle(reinterpret_cast<const char*>(which), static_cast<size_t>(wlen));
    size_t at = hay.rfind(needle);
    return at == std::string_view::npos ? -1 : static_cast<int32_t>(at);
}

void bytes_fill(Ctx& c, uint8_t* b, int32_t pos, int32_t len, int32_t value) {
    if (len <= 0) return;
    if (b == nullptr) {
        raise_message(c, "Null access");
        return;
    }
    std::memset(b + pos, value & 0xFF, static_cast<size_t>(len));
}

uint8_t* bytes_offset(Ctx&, uint8_t* b, int32_t delta) {
    return reinterpret_cast<uint8_t*>(reinterpret_cast<uintptr_t>(b) + static_cast<uintptr_t>(static_cast<intptr_t>(delta)));
}

int32_t bytes_subtract(Ctx&, const uint8_t* a, const uint8_t* b) {
    return static_cast<int32_t>(reinterpret_cast<intptr_t>(a) - reinterpret_cast<intptr_t>(b));
}

int32_t bytes_address(Ctx&, const uint8_t* a, int32_t* high) {
    uint64_t v = reinterpret_cast<uintptr_t>(a);
    if (high != nullptr) *high = static_cast<int32_t>(v >> 32);
    return static_cast<int32_t>(static_cast<uint32_t>(v));
}

uint8_t* bytes_from_address(Ctx&, int32_t low, int32_t high) {
    uint64_t v = (static_cast<uint64_t>(static_cast<uint32_t>(high)) << 32) | static_cast<uint32_t>(low);
    return reinterpret_cast<uint8_t*>(static_cast<uintptr_t>(v));
}

}  // namespace hlffi::rt::bytes_natives
