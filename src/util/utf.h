// util layer: UTF-8 <-> UTF-16 conversion and HashLink's field-name hash (spec/runtime.md §9).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hlffi {

std::u16string utf8_to_utf16(std::string_view s);
// Unpaired surrogates are encoded as HashLink does: a high surrogate is combined with whatever
// unit follows it.
std::string utf16_to_utf8(std::u16string_view s);

// h = h * 223 + unit over UTF-16 units (wrapping), then signed remainder by 0x1FFFFF7B.
inline int32_t field_hash(std::u16string_view name) {
    uint32_t h = 0;
    for (char16_t u : name) h = h * 223u + u;
    return static_cast<int32_t>(h) % 0x1FFFFF7B;
}

}  // namespace hlffi
