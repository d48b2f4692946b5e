// bytecode layer (dump): Python-compatible text formatting (see dump_format.h). The rules are
// those of CPython's unicode_repr, bytes_repr and float_repr_style "short".
#include "bytecode/dump_format.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace hlffi::bc::dumpfmt {

namespace {

struct Range {
    char32_t lo, hi;
};

constexpr Range kNonPrintable[] = {
#include "bytecode/unicode_nonprintable.inc"
};

bool printable(char32_t c) {
    if (c < 0x80) return c >= 0x20 && c != 0x7F;
    size_t lo = 0, hi = std::size(kNonPrintable);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c < kNonPrintable[mid].lo) hi = mid;
        else if (c > kNonPrintable[mid].hi) lo = mid + 1;
        else return false;
    }
    return true;
}

constexpr char32_t kReplacement = 0xFFFD;

bool in(uint8_t b, uint8_t lo, uint8_t hi) { return b >= lo && b <= hi; }

// Decodes one code point at s[i]; advances i past it, or past the maximal ill-formed
// subpart (returning U+FFFD) when the sequence is invalid (Unicode §3.9, Table 3-7).
char32_t decode_one(std::string_view s, size_t& i) {
    auto b0 = static_cast<uint8_t>(s[i]);
    if (b0 < 0x80) {
        i++;
        return b0;
    }
    int len;
    uint8_t lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    char32_t cp;
    if (in(b0, 0xC2, 0xDF)) { len = 2; cp = b0 & 0x1F; }
    else if (in(b0, 0xE0, 0xEF)) {
        len = 3; cp = b0 & 0x0F;
        if (b0 == 0xE0) lo = 0xA0;
        if (b0 == 0xED) hi = 0x9F;
    } else if (in(b0, 0xF0, 0xF4)) {
        len = 4; cp = b0 & 0x07;
        if (b0 == 0xF0) lo = 0x90;
        if (b0 == 0xF4) hi = 0x8F;
    } else {
        i++;
        return kReplacement;
    }
    size_t j = i + 1;
    for (int k = 1; k < len; k++, j++) {
        if (j >= s.size()) { i = j; return kReplacement; }
        auto b = static_cast<uint8_t>(s[j]);
        bool ok = k == 1 ? in(b, lo, hi) : in(b, 0x80, 0xBF);
        if (!ok) { i = j; return kReplacement; }
        cp = (cp << 6) | (b & 0x3F);
    }
    i = j;
    return cp;
}

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

void append_hex(std::string& out, char prefix, uint32_t v, int digits) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '\\';
    out += prefix;
    for (int k = digits - 1; k >= 0; k--) out += kHex[(v >> (4 * k)) & 0xF];
}

// Python picks double quotes only when the text has a single quote and no double quote.
char pick_quote(bool has_single, bool has_double) { return has_single && !has_double ? '"' : '\''; }

// Escapes shared by str and bytes repr for code points below 0x80.
bool append_ascii_escape(std::string& out, uint32_t c, char quote) {
    if (c == static_cast<uint32_t>(quote) || c == '\\') {
        out += '\\';
        out += static_cast<char>(c);
    } else if (c == '\t') {
        out += "\\t";
    } else if (c == '\n') {
        out += "\\n";
    } else if (c == '\r') {
        out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
        append_hex(out, 'x', c, 2);
    } else if (c < 0x80) {
        out += static_cast<char>(c);
    } else {
        return false;
    }
    return true;
}

}  // namespace

std::string text(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) append_utf8(out, decode_one(s, i));
    return out;
}

std::string repr_str(std::string_view utf8) {
    std::u32string cps;
    for (size_t i = 0; i < utf8.size();) cps += decode_one(utf8, i);
    char quote = pick_quote(cps.find(U'\'') != std::u32string::npos, cps.find(U'"') != std::u32string::npos);
    std::string out(1, quote);
    for (char32_t c : cps) {
        if (append_ascii_escape(out, c, quote)) continue;
        if (printable(c)) append_utf8(out, c);
        else if (c <= 0xFF) append_hex(out, 'x', c, 2);
        else if (c <= 0xFFFF) append_hex(out, 'u', c, 4);
        else append_hex(out, 'U', c, 8);
    }
    out += quote;
    return out;
}

std::string repr_bytes(const uint8_t* data, size_t size) {
    bool has_single = false, has_double = false;
    for (size_t i = 0; i < size; i++) {
        has_single |= data[i] == '\'';
        has_double |= data[i] == '"';
    }
    char quote = pick_quote(has_single, has_double);
    std::string out = "b";
    out += quote;
    for (size_t i = 0; i < size; i++)
        if (!append_ascii_escape(out, data[i], quote)) append_hex(out, 'x', data[i], 2);
    out += quote;
    return out;
}

std::string shorten_repr(const std::string& repr, size_t limit) {
    // Lengths count code points; a repr is valid UTF-8, so count non-continuation bytes.
    size_t count = 0, cut = repr.size();
    for (size_t i = 0; i < repr.size(); i++) {
        if ((static_cast<uint8_t>(repr[i]) & 0xC0) == 0x80) continue;
        if (count == limit - 4) cut = i;
        count++;
    }
    if (count <= limit) return repr;
    return repr.substr(0, cut) + "...'";
}

std::string repr_float(double v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
    if (v == 0) return std::signbit(v) ? "-0.0" : "0.0";
    // Shortest round-trip digits in scientific form: [-]d[.ddd]e[+-]XX.
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    std::string_view sci(buf, static_cast<size_t>(res.ptr - buf));
    bool neg = sci.front() == '-';
    if (neg) sci.remove_prefix(1);
    size_t e = sci.find('e');
    std::string digits;
    for (char ch : sci.substr(0, e))
        if (ch != '.') digits += ch;
    int exp10 = std::atoi(std::string(sci.substr(e + 1)).c_str());
    int decpt = exp10 + 1;  // value = 0.DIGITS x 10^decpt
    std::string out = neg ? "-" : "";
    if (decpt <= -4 || decpt > 16) {
        out += digits[0];
        if (digits.size() > 1) out += "." + digits.substr(1);
        int x = decpt - 1;
        out += x < 0 ? "e-" : "e+";
        std::string xs = std::to_string(x < 0 ? -x : x);
        if (xs.size() < 2) xs = "0" + xs;
        out += xs;
    } else if (decpt <= 0) {
        out += "0." + std::string(static_cast<size_t>(-decpt), '0') + digits;
    } else if (static_cast<size_t>(decpt) >= digits.size()) {
        out += digits + std::string(static_cast<size_t>(decpt) - digits.size(), '0') + ".0";
    } else {
        out += digits.substr(0, static_cast<size_t>(decpt)) + "." + digits.substr(static_cast<size_t>(decpt));
    }
    return out;
}

std::string pad_right(std::string s, size_t width) {
    if (s.size() < width) s.append(width - s.size(), ' ');
    return s;
}

std::string pad_left(std::string s, size_t width) {
    if (s.size() < width) s.insert(0, width - s.size(), ' ');
    return s;
}

}  // namespace hlffi::bc::dumpfmt
