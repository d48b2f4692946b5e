// std layer: UTF-16 -> UTF-8 as HashLink's sys_print and C-string conversions do it
// (runtime.md §13.4). Pure, header-only so it is testable without a VM.
#pragma once

#include <cstdint>
#include <string>

namespace hlffi::rt {

// Text up to the first 0 unit. Any unit in D800..DFFF is taken as the first half of a pair with
// the unit after it, whatever that unit is (HashLink does not validate). A surrogate just before
// the terminator is combined with the 0 unit and the text ends there (HashLink reads past the
// terminator in that case; its output is unspecified).
inline std::string print_utf8(const char16_t* s) {
    std::string out;
    if (!s) return out;
    for (;;) {
        uint32_t c = *s++;
        if (c == 0) break;
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 63));
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            uint32_t next = *s++;
            uint32_t full = (((c - 0xD800) << 10) | static_cast<uint32_t>(static_cast<int32_t>(next) - 0xDC00)) + 0x10000;
            out += static_cast<char>(0xF0 | (full >> 18));
            out += static_cast<char>(0x80 | ((full >> 12) & 63));
            out += static_cast<char>(0x80 | ((full >> 6) & 63));
            out += static_cast<char>(0x80 | (full & 63));
            if (next == 0) break;
        } else {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 63));
            out += static_cast<char>(0x80 | (c & 63));
        }
    }
    return out;
}

}  // namespace hlffi::rt
