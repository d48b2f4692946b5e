// std layer: the text natives of lib "std" (natives.md §1-§2): number and value printing,
// UTF-8/UTF-16 conversion, case mapping, URL coding, Std.parseInt/parseFloat, name hashing;
// the table also lists the raw-memory natives of natives_bytes.cpp.
#include <cstring>
#include <string>

#include "std/dynamic.h"
#include "std/natives_bytes.h"
#include "std/std_natives.h"
#include "std/text_util.h"

namespace hlffi::rt {
namespace string_natives {
namespace {

// A new NUL-terminated UTF-16 block holding `s`; its length in units to *len (if non-null).
char16_t* new_text(Ctx& c, const std::u16string& s, int32_t* len) {
    int32_t n = static_cast<int32_t>(s.size());
    char16_t* r = alloc_utf16(c, s.data(), n);
    if (r != nullptr && len != nullptr) *len = n;
    return r;
}

char16_t* new_ascii(Ctx& c, std::string_view s, int32_t* len) {
    std::u16string u;
    text::append_utf8(u, s);
    return new_text(c, u, len);
}

// UTF-16 units at byte offset `pos` (which Haxe keeps even, but a block may be odd-aligned).
char16_t unit_at(const uint8_t* p, size_t i) {
    char16_t u;
    std::memcpy(&u, p + 2 * i, 2);
    return u;
}

int32_t length16(const uint8_t* p) {
    int32_t n = 0;
    while (unit_at(p, static_cast<size_t>(n)) != 0) ++n;
    return n;
}

// The NUL-terminated text at `p` as an aligned pointer: `p` itself, or a copy in `copy`.
const char16_t* aligned_text(const uint8_t* p, std::u16string& copy) {
    if (reinterpret_cast<uintptr_t>(p) % alignof(char16_t) == 0) return reinterpret_cast<const char16_t*>(p);
    int32_t n = length16(p);
    copy.resize(static_cast<size_t>(n));
    std::memcpy(copy.data(), p, static_cast<size_t>(n) * 2);
    return copy.c_str();
}

bool null_access(Ctx& c, const void* p) {
    if (p != nullptr) return false;
    raise_message(c, "Null access");
    return true;
}

char16_t* itos(Ctx& c, int32_t v, int32_t* len) { return new_ascii(c, std::to_string(v), len); }

char16_t* ftos(Ctx& c, double d, int32_t* len) { return new_ascii(c, format_float_f15(d), len); }

char16_t* value_to_string_native(Ctx& c, VDynamic* v, int32_t* len) { return value_to_string(c, v, len); }

char16_t* utf8_to_utf16(Ctx& c, const uint8_t* str, int32_t pos, int32_t* size) {
    if (null_access(c, str)) return nullptr;
    std::u16string s = text::utf8_to_utf16(str + pos);
    char16_t* r = new_text(c, s, nullptr);
    if (r != nullptr && size != nullptr) *size = static_cast<int32_t>(s.size() * 2);
    return r;
}

uint8_t* utf16_to_utf8(Ctx& c, const uint8_t* str, int32_t len, int32_t* size) {
    if (null_access(c, str)) return nullptr;
    std::u16string copy;
    const char16_t* s = reinterpret_cast<const char16_t*>(str);
    if (reinterpret_cast<uintptr_t>(str) % alignof(char16_t) != 0) {
        int32_t n = len > 0 ? len : length16(str);
        copy.resize(static_cast<size_t>(n));
        std::memcpy(copy.data(), str, static_cast<size_t>(n) * 2);
        s = copy.c_str();
    }
    std::string out = text::utf16_to_utf8(s, len < 0 ? 0 : len);
    // One spare byte, zero: the terminator (HashLink leaves it unspecified when len > 0).
    auto* r = static_cast<uint8_t*>(alloc_noscan(c, out.size() + 1));
    if (r == nullptr) return nullptr;
    std::memcpy(r, out.data(), out.size());
    r[out.size()] = 0;
    if (size != nullptr) *size = static_cast<int32_t>(out.size());
    return r;
}

int32_t ucs2length(Ctx& c, const uint8_t* str, int32_t pos) {
    if (null_access(c, str)) return 0;
    return length16(str + pos);
}

template <char16_t (*Map)(char16_t)>
char16_t* map_units(Ctx& c, const uint8_t* str, int32_t pos, int32_t len) {
    if (len < 0) len = 0;
    if (len > 0 && null_access(c, str)) return nullptr;
    std::u16string s(static_cast<size_t>(len), u'\0');
    for (int32_t i = 0; i < len; ++i) s[static_cast<size_t>(i)] = Map(unit_at(str + pos, static_cast<size_t>(i)));
    return new_text(c, s, nullptr);
}

char16_t* ucs2_upper(Ctx& c, const uint8_t* str, int32_t pos, int32_t len) {
    return map_units<text::to_upper>(c, str, pos, len);
}

char16_t* ucs2_lower(Ctx& c, const uint8_t* str, int32_t pos, int32_t len) {
    return map_units<text::to_lower>(c, str, pos, len);
}

void percent_hex(std::u16string& out, uint32_t byte) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    out += u'%';
    out += static_cast<char16_t>(kHex[(byte >> 4) & 0xF]);
    out += static_cast<char16_t>(kHex[byte & 0xF]);
}

char16_t* url_encode(Ctx& c, const uint8_t* str, int32_t* len) {
    if (null_access(c, str)) return nullptr;
    std::u16string out;
    for (size_t i = 0;; ++i) {
        uint32_t u = unit_at(str, i);
        if (u == 0) break;
        if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '_' || u == '-' ||
            u == '.') {
            out += static_cast<char16_t>(u);
        } else if (u < 0x80) {
            percent_hex(out, u);
        } else if (u < 0x800) {
            percent_hex(out, 0xC0 | (u >> 6));
            percent_hex(out, 0x80 | (u & 63));
        } else if (u >= 0xD800 && u <= 0xDBFF && unit_at(str, i + 1) >= 0xDC00 && unit_at(str, i + 1) < 0xDFFF) {
            // HashLink's bound excludes 0xDFFF itself (natives.md url_encode).
            uint32_t k = (((u - 0xD800) << 10) | (unit_at(str, ++i) - 0xDC00u)) + 0x10000;
            percent_hex(out, 0xF0 | (k >> 18));
            percent_hex(out, 0x80 | ((k >> 12) & 63));
            percent_hex(out, 0x80 | ((k >> 6) & 63));
            percent_hex(out, 0x80 | (k & 63));
        } else {
            percent_hex(out, 0xE0 | (u >> 12));
            percent_hex(out, 0x80 | ((u >> 6) & 63));
            percent_hex(out, 0x80 | (u & 63));
        }
    }
    return new_text(c, out, len);
}

int hex_digit(char16_t u) {
    if (u >= '0' && u <= '9') return u - '0';
    if (u >= 'a' && u <= 'f') return u - 'a' + 10;
    if (u >= 'A' && u <= 'F') return u - 'A' + 10;
    return -1;
}

// Two hex digits at unit i: their value, advancing i; else 0xFFFF without advancing (HashLink's
// `(uchar)-1`, which continuation bytes then use as data: natives.md url_decode).
uint32_t decode_hex(const uint8_t* str, size_t& i) {
    int hi = hex_digit(unit_at(str, i));
    if (hi < 0) return 0xFFFF;
    int lo = hex_digit(unit_at(str, i + 1));
    if (lo < 0) return 0xFFFF;
    i += 2;
    return static_cast<uint32_t>(hi << 4 | lo);
}

char16_t* url_decode(Ctx& c, const uint8_t* str, int32_t* len) {
    if (null_access(c, str)) return nullptr;
    std::u16string out;
    size_t i = 0;
    // Next unit must be `%` then (possibly garbage) hex: false = malformed.
    auto continuation = [&](uint32_t& byte) {
        if (unit_at(str, i++) != '%') return false;
        byte = decode_hex(str, i);
        return true;
    };
    for (;;) {
        char16_t u = unit_at(str, i++);
        if (u == 0) return new_text(c, out, len);
        if (u == '+') {
            u = ' ';
        } else if (u == '%') {
            uint32_t p1 = decode_hex(str, i);
            if (p1 == 0xFFFF) {
                out += u'%';
                continue;
            }
            uint32_t p2 = 0, p3 = 0, p4 = 0;
            if (p1 < 0x80) {
                u = static_cast<char16_t>(p1);
            } else if (p1 < 0xE0) {
                if (!continuation(p2)) break;
                u = static_cast<char16_t>(((p1 & 0x3F) << 6) | (p2 & 0x7F));
            } else if (p1 < 0xF0) {
                if (!continuation(p2) || !continuation(p3)) break;
                u = static_cast<char16_t>(((p1 & 0x1F) << 12) | ((p2 & 0x7F) << 6) | (p3 & 0x7F));
            } else {
                if (!continuation(p2) || !continuation(p3) || !continuation(p4)) break;
                int32_t k = static_cast<int32_t>(((p1 & 0x0F) << 18) | ((p2 & 0x7F) << 12) | ((p3 & 0x7F) << 6) |
                                                 (p4 & 0x7F)) - 0x10000;
                out += static_cast<char16_t>((k >> 10) + 0xD800);
                u = static_cast<char16_t>((k & 0x3FF) | 0xDC00);
            }
        }
        out += u;
    }
    raise_message(c, "Malformed URL encoded");
    return nullptr;
}

VDynamic* parse_int(Ctx& c, const uint8_t* b, int32_t pos, int32_t len) {
    if (null_access(c, b)) return nullptr;
    std::u16string copy;
    std::optional<int32_t> v = text::parse_int(aligned_text(b + pos, copy), len);
    if (!v) return nullptr;
    VDynamic* box = alloc_box(c, builtin_type(c, TypeKind::I32));
    if (box != nullptr) box->v.i = *v;
    return box;
}

double parse_float(Ctx& c, const uint8_t* b, int32_t pos, int32_t) {
    if (null_access(c, b)) return 0;
    std::u16string copy;
    return text::parse_float(aligned_text(b + pos, copy));
}

int32_t hash(Ctx& c, const uint8_t* name) {
    if (null_access(c, name)) return 0;
    std::u16string copy;
    const char16_t* s = aligned_text(name, copy);
    return hash_name(c, s, length16(name));
}

char16_t* field_name(Ctx& c, int32_t h) {
    const char16_t* n = name_of_hash(c, h);
    if (n == nullptr) n = u"???";
    return new_text(c, std::u16string(n), nullptr);
}

}  // namespace
}  // namespace string_natives

namespace {
namespace s = string_natives;
namespace b = bytes_natives;

constexpr NativeDef kStringNatives[] = {
    HLFFI_NATIVE("itos", s::itos),
    HLFFI_NATIVE("ftos", s::ftos),
    HLFFI_NATIVE("value_to_string", s::value_to_string_native),
    HLFFI_NATIVE("utf8_to_utf16", s::utf8_to_utf16),
    HLFFI_NATIVE("utf16_to_utf8", s::utf16_to_utf8),
    HLFFI_NATIVE("ucs2length", s::ucs2length),
    HLFFI_NATIVE("ucs2_upper", s::ucs2_upper),
    HLFFI_NATIVE("ucs2_lower", s::ucs2_lower),
    HLFFI_NATIVE("url_encode", s::url_encode),
    HLFFI_NATIVE("url_decode", s::url_decode),
    HLFFI_NATIVE("parse_int", s::parse_int),
    HLFFI_NATIVE("parse_float", s::parse_float),
    HLFFI_NATIVE("hash", s::hash),
    HLFFI_NATIVE("field_name", s::field_name),
    HLFFI_NATIVE("alloc_bytes", b::alloc_bytes),
    HLFFI_NATIVE("string_compare", b::string_compare),
    HLFFI_NATIVE("bytes_blit", b::bytes_blit),
    HLFFI_NATIVE("bytes_compare", b::bytes_compare),
    HLFFI_NATIVE("bytes_compare16", b::bytes_compare16),
    HLFFI_NATIVE("bytes_find", b::bytes_find),
    HLFFI_NATIVE("bytes_rfind", b::bytes_rfind),
    HLFFI_NATIVE("bytes_fill", b::bytes_fill),
    HLFFI_NATIVE("bytes_offset", b::bytes_offset),
    HLFFI_NATIVE("bytes_subtract", b::bytes_subtract),
    HLFFI_NATIVE("bytes_address", b::bytes_address),
    HLFFI_NATIVE("bytes_from_address", b::bytes_from_address),
};

}  // namespace

std::span<const NativeDef> natives_string() { return kStringNatives; }

}  // namespace hlffi::rt
