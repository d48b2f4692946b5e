// std layer: pure text helpers behind the string natives (no VM needed): %g-style float
// formatting, Std.parseInt/parseFloat scanning, UTF-8/UTF-16 conversion, simple case mapping.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace hlffi::rt::text {

// C `printf("%.<precision>g")` as glibc prints it (round-half-even on the exact binary value,
// `inf`, `-inf`, `nan`, `-nan`, `-0`, exponent of at least two digits). precision >= 1.
std::string format_g(double d, int precision);

// natives.md §2.1: `s` is NUL-terminated UTF-16, `len` the units the caller declared (only the
// hex-prefix check looks at it). nullopt = Haxe null.
std::optional<int32_t> parse_int(const char16_t* s, int32_t len);

// natives.md §2.2: `s` is NUL-terminated UTF-16. NaN when nothing parses.
double parse_float(const char16_t* s);

// UTF-16 from NUL-terminated UTF-8, stopping at the NUL or the first malformed sequence.
std::u16string utf8_to_utf16(const uint8_t* s);

// HashLink's naive UTF-8 encoder (natives.md utf16_to_utf8): a surrogate unit is combined with
// the next unit without validation. `len` units, or up to the first 0 unit when `len` is 0.
std::string utf16_to_utf8(const char16_t* s, int32_t len);

// Simple (1:1) Unicode case mapping of one BMP unit; units without mapping are unchanged.
char16_t to_upper(char16_t u);
char16_t to_lower(char16_t u);

// Appends UTF-8 `s` to `out` as UTF-16 (for ASCII-only text, a plain widening).
void append_utf8(std::u16string& out, std::string_view s);

}  // namespace hlffi::rt::text
