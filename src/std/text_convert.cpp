// std layer: pure text conversions behind the string natives: Std.parseInt / Std.parseFloat
// scanning (natives.md §2.1-§2.2) and UTF-8 <-> UTF-16 (natives.md §2 utf8_to_utf16 /
// utf16_to_utf8).
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>

#include <double-conversion/double-conversion.h>

#include "std/text_util.h"

namespace hlffi::rt::text {
namespace {

bool is_space(char16_t u) { return u == 32 || (u >= 9 && u <= 13); }
bool is_digit(char u) { return u >= '0' && u <= '9'; }

int hex_value(char16_t u) {
    if (u >= '0' && u <= '9') return u - '0';
    if (u >= 'a' && u <= 'f') return u - 'a' + 10;
    if (u >= 'A' && u <= 'F') return u - 'A' + 10;
    return -1;
}

// Length of the longest prefix of `s` that C strtod (C locale) accepts as a decimal number:
// [+-] (digits [. digits] | . digits) [(e|E) [+-] digits]; 0 when there is none.
size_t strtod_prefix(const std::string& s) {
    size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t mantissa_digits = 0;
    while (i < s.size() && is_digit(s[i])) ++i, ++mantissa_digits;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && is_digit(s[i])) ++i, ++mantissa_digits;
    }
    if (mantissa_digits == 0) return 0;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
        if (j < s.size() && is_digit(s[j])) {
            while (j < s.size() && is_digit(s[j])) ++j;
            i = j;
        }
    }
    return i;
}

}  // namespace

std::optional<int32_t> parse_int(const char16_t* s, int32_t len) {
    const char16_t* start = s;
    while (is_space(*s)) ++s;
    char16_t sign = s[0];
    bool is_signed = sign == '-' || sign == '+';
    int64_t left = static_cast<int64_t>(len) - (s - start);
    const char16_t* p = is_signed ? s + 1 : s;
    if (left >= (is_signed ? 3 : 2) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        p += 2;
        uint32_t h = 0;  // wraps, no overflow check
        for (int d; (d = hex_value(*p)) >= 0; ++p) h = (h << 4) | static_cast<uint32_t>(d);
        if (sign == '-') h = 0u - h;
        return static_cast<int32_t>(h);
    }
    // strtol on a copy of at most 16 units: optional sign, then decimal digits.
    std::string buf;
    if (is_signed) buf += static_cast<char>(sign);
    for (const char16_t* q = is_signed ? s + 1 : s; buf.size() < 16 && *q >= '0' && *q <= '9'; ++q)
        buf += static_cast<char>(*q);
    size_t first_digit = is_signed ? 1 : 0;
    if (buf.size() == first_digit) return std::nullopt;
    uint64_t v = 0;  // at most 16 digits: no 64-bit overflow
    for (size_t i = first_digit; i < buf.size(); ++i) v = v * 10 + static_cast<uint64_t>(buf[i] - '0');
    if (sign == '-') v = 0 - v;
    return static_cast<int32_t>(static_cast<uint32_t>(v));
}

double parse_float(const char16_t* s) {
    while (is_space(*s)) ++s;
    std::string buf;
    for (; buf.size() < 30; ++s) {
        char16_t u = *s;
        if (!((u >= '0' && u <= '9') || u == '.' || u == 'e' || u == 'E' || u == '+' || u == '-')) break;
        buf += static_cast<char>(u);
    }
    size_t n = strtod_prefix(buf);
    if (n == 0) return std::numeric_limits<double>::quiet_NaN();
    // Correctly rounded like glibc strtod; overflow gives +-inf, underflow +-0.
    double_conversion::StringToDoubleConverter conv(double_conversion::StringToDoubleConverter::NO_FLAGS,
                                                    0.0, std::numeric_limits<double>::quiet_NaN(),
                                                    nullptr, nullptr);
    int processed = 0;
    return conv.StringToDouble(buf.data(), static_cast<int>(n), &processed);
}

std::u16string utf8_to_utf16(const uint8_t* s) {
    std::u16string out;
    for (;;) {
        uint32_t c = *s;
        int extra;
        if (c == 0) break;
        if (c < 0x80) extra = 0;
        else if (c < 0xC0) break;  // stray continuation byte
        else if (c < 0xE0) extra = 1, c &= 0x1F;
        else if (c < 0xF0) extra = 2, c &= 0x0F;
        else if (c < 0xF8) extra = 3, c &= 0x07;
        else break;
        bool ok = true;
        for (int i = 1; i <= extra; ++i) {
            if ((s[i] & 0xC0) != 0x80) {
                ok = false;
                break;
            }
            c = (c << 6) | (s[i] & 0x3F);
        }
        if (!ok || c > 0x10FFFF) break;
        s += extra + 1;
        if (c >= 0x10000) {
            c -= 0x10000;
            out += static_cast<char16_t>(0xD800 + (c >> 10));
            out += static_cast<char16_t>(0xDC00 | (c & 0x3FF));
        } else {
            out += static_cast<char16_t>(c);
        }
    }
    return out;
}

std::string utf16_to_utf8(const char16_t* s, int32_t len) {
    std::string out;
    bool to_nul = len == 0;
    const char16_t* end = s + (len > 0 ? len : 0);
    for (const char16_t* c = s; to_nul ? *c != 0 : c < end; ++c) {
        uint32_t v = *c;
        if (v < 0x80) {
            out += static_cast<char>(v);
        } else if (v < 0x800) {
            out += static_cast<char>(0xC0 | (v >> 6));
            out += static_cast<char>(0x80 | (v & 63));
        } else if (v >= 0xD800 && v <= 0xDFFF && (to_nul ? c[1] != 0 : c + 1 < end)) {
            // HashLink pairs it with the next unit whatever that is (int arithmetic, as there).
            int32_t next = *++c;
            int32_t k = ((static_cast<int32_t>(v) - 0xD800) << 10 | (next - 0xDC00)) + 0x10000;
            out += static_cast<char>(0xF0 | (k >> 18));
            out += static_cast<char>(0x80 | ((k >> 12) & 63));
            out += static_cast<char>(0x80 | ((k >> 6) & 63));
            out += static_cast<char>(0x80 | (k & 63));
        } else {
            // Also a surrogate in last position, where HashLink would read past the end.
            out += static_cast<char>(0xE0 | (v >> 12));
            out += static_cast<char>(0x80 | ((v >> 6) & 63));
            out += static_cast<char>(0x80 | (v & 63));
        }
    }
    return out;
}

namespace {
struct CaseMapping {
    char16_t from;
    char16_t to;
};
#include "std/unicase.inc"

template <size_t N>
char16_t map_case(const CaseMapping (&table)[N], char16_t u) {
    size_t lo = 0, hi = N;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (table[mid].from < u) lo = mid + 1;
        else hi = mid;
    }
    return lo < N && table[lo].from == u ? table[lo].to : u;
}
}  // namespace

char16_t to_upper(char16_t u) {
    if (u < 0x80) return u >= 'a' && u <= 'z' ? static_cast<char16_t>(u - 32) : u;
    return map_case(kUpperMap, u);
}

char16_t to_lower(char16_t u) {
    if (u < 0x80) return u >= 'A' && u <= 'Z' ? static_cast<char16_t>(u + 32) : u;
    return map_case(kLowerMap, u);
}

void append_utf8(std::u16string& out, std::string_view s) {
    bool ascii = true;
    for (char ch : s) ascii = ascii && static_cast<unsigned char>(ch) < 0x80;
    if (ascii) {
        for (char ch : s) out += static_cast<char16_t>(ch);
        return;
    }
    std::string z(s);
    out += utf8_to_utf16(reinterpret_cast<const uint8_t*>(z.c_str()));
}

}  // namespace hlffi::rt::text
