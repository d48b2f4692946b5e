// bytecode layer (dump): text formatting that reproduces what tools/hldump.py prints through
// Python: UTF-8 decoding with replacement, repr() of str and bytes, repr() of floats.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace hlffi::bc::dumpfmt {

// `s` decoded as UTF-8 with every ill-formed sequence replaced by U+FFFD (one per maximal
// subpart, as Python's "replace" handler does), re-encoded as UTF-8.
std::string text(std::string_view s);

// Python's repr(str) of the decoded text, e.g. 'a\nb' or "it's".
std::string repr_str(std::string_view utf8);

// Python's repr(bytes), e.g. b'\x00ab'.
std::string repr_bytes(const uint8_t* data, size_t size);

// hldump's short_str: a repr cut to 56 code points plus "...'" when longer than 60.
std::string shorten_repr(const std::string& repr, size_t limit = 60);

// Python's repr(float): shortest round-trip digits, exponent form outside 1e-4 <= |x| < 1e16.
std::string repr_float(double v);

// Python's "%-Nd" / "%Nd" on ASCII text: pad with spaces to `width` characters.
std::string pad_right(std::string s, size_t width);
std::string pad_left(std::string s, size_t width);

}  // namespace hlffi::bc::dumpfmt
