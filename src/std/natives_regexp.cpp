// std layer: regular-expression natives of lib "std" (natives.md §10), over PCRE2 with 16-bit code
// units like HashLink 1.16. A compiled pattern is an abstract block on the VM heap; the PCRE2
// objects it owns are malloc'd by PCRE2 and freed by a finalizer when the block dies or the VM
// unloads. PCRE2 runs with its default contexts (no state shared between VMs).
#define PCRE2_CODE_UNIT_WIDTH 16
#include <pcre2.h>

#include <cstdint>
#include <new>
#include <string>

#include "std/std_natives.h"

namespace hlffi::rt {
namespace {

// HashLink's options: PCRE2's spelling of JavaScript-compatible syntax. PCRE2_MATCH_INVALID_UTF is
// ours: a Haxe string may hold lone surrogates, on which HashLink's PCRE2_NO_UTF_CHECK matching
// is undefined behaviour; with it they just never match (valid text matches the same).
constexpr uint32_t kBaseOptions = PCRE2_UCP | PCRE2_UTF | PCRE2_ALT_BSUX | PCRE2_ALLOW_EMPTY_CLASS |
                                  PCRE2_MATCH_UNSET_BACKREF | PCRE2_MATCH_INVALID_UTF;

// Outside the heap, owned by the finalizer of the Regexp block.
struct Compiled {
    pcre2_code* code;
    pcre2_match_data* match;  // ovector of the last match, sized for the pattern's groups
};

// abs<ereg>: no heap pointers, so a no-scan block.
struct Regexp {
    Compiled* compiled;
    int32_t groups;  // capture groups + 1 (group 0 is the whole match)
    bool matched;    // the last regexp_match succeeded
};

void free_compiled(void* data) {
    auto* c = static_cast<Compiled*>(data);
    pcre2_match_data_free(c->match);
    pcre2_code_free(c->code);
    delete c;
}

// Throws (a `bytes` box) `Regexp compilation error : <PCRE2 message> in <pattern>`, built in
// UTF-16 so the pattern is echoed unit for unit.
void raise_compile_error(Ctx& c, int error, const char16_t* pattern) {
    PCRE2_UCHAR message[256];
    int n = pcre2_get_error_message(error, message, sizeof message / sizeof message[0]);
    std::u16string text = u"Regexp compilation error : ";
    if (n > 0) text.append(reinterpret_cast<const char16_t*>(message), static_cast<size_t>(n));
    text += u" in ";
    text += pattern;
    char16_t* bytes = alloc_utf16(c, text.data(), static_cast<int32_t>(text.size()));
    if (bytes == nullptr) return;
    RootGuard keep(c, &bytes);
    VDynamic* box = alloc_box(c, builtin_type(c, TypeKind::Bytes));
    if (box == nullptr) return;
    box->v.ptr = bytes;
    raise_value(c, box);
}

// Option letters as HashLink maps them; `g` (ungreedy) never arrives from EReg, which strips it.
// Any other letter gives null, on which EReg fails at first use.
Regexp* regexp_new_options(Ctx& c, const char16_t* pattern, const char16_t* opts) {
    if (pattern == nullptr) {
        raise_message(c, "Null access");
        return nullptr;
    }
    uint32_t options = kBaseOptions;
    for (const char16_t* o = opts; o != nullptr && *o != 0; ++o) {
        switch (*o) {
            case u'i': options |= PCRE2_CASELESS; break;
            case u's': options |= PCRE2_DOTALL; break;
            case u'm': options |= PCRE2_MULTILINE; break;
            case u'u': break;
            case u'g': options |= PCRE2_UNGREEDY; break;
            default: return nullptr;
        }
    }
    int error = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern), PCRE2_ZERO_TERMINATED, options, &error, &offset, nullptr);
    if (code == nullptr) {
        raise_compile_error(c, error, pattern);
        return nullptr;
    }
    uint32_t captures = 0;
    pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &captures);
    auto* compiled = new (std::nothrow) Compiled{code, pcre2_match_data_create_from_pattern(code, nullptr)};
    if (compiled == nullptr || compiled->match == nullptr) {
        if (compiled != nullptr) free_compiled(compiled);
        else pcre2_code_free(code);
        raise_message(c, "Out of memory");
        return nullptr;
    }
    auto* r = static_cast<Regexp*>(alloc_noscan(c, sizeof(Regexp)));
    if (r == nullptr) {
        free_compiled(compiled);
        return nullptr;
    }
    r->compiled = compiled;
    r->groups = static_cast<int32_t>(captures) + 1;
    r->matched = false;
    register_finalizer(c, r, free_compiled, compiled);
    return r;
}

// Subject = the first pos + len units of s, searched from pos: text before pos stays visible to
// look-behind and anchors.
bool regexp_match(Ctx& c, Regexp* r, const char16_t* s, int32_t pos, int32_t len) {
    if (r == nullptr || s == nullptr) {
        raise_message(c, "Null access");
        return false;
    }
    int rc = PCRE2_ERROR_BADOFFSET;  // negative pos or len: undefined in HashLink, an error here
    if (pos >= 0 && len >= 0) {
        auto length = static_cast<PCRE2_SIZE>(pos) + static_cast<PCRE2_SIZE>(len);
        rc = pcre2_match(r->compiled->code, reinterpret_cast<PCRE2_SPTR>(s), length, static_cast<PCRE2_SIZE>(pos), 0,
                         r->compiled->match, nullptr);
    }
    r->matched = rc >= 0;
    if (rc >= 0) return true;
    if (rc != PCRE2_ERROR_NOMATCH) raise_message(c, "An error occurred while running pcre2_match()");
    return false;
}

// Start of group n of the last match (-1 when the group did not take part); its length to *len.
int32_t regexp_matched_pos(Ctx& c, Regexp* r, int32_t n, int32_t* len) {
    if (r == nullptr) {
        raise_message(c, "Null access");
        return 0;
    }
    if (!r->matched) {
        raise_message(c, "Calling regexp_matched_pos() on an unmatched regexp");
        return 0;
    }
    if (n < 0 || n >= r->groups) {
        raise_message(c, "Matched index " + std::to_string(n) + " outside bounds");
        return 0;
    }
    const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(r->compiled->match);
    PCRE2_SIZE start = ovector[2 * n], end = ovector[2 * n + 1];
    if (start == PCRE2_UNSET) {
        if (len != nullptr) *len = 0;
        return -1;
    }
    if (len != nullptr) *len = static_cast<int32_t>(end - start);
    return static_cast<int32_t>(start);
}

int32_t regexp_matched_num(Ctx& c, Regexp* r) {
    if (r == nullptr) {
        raise_message(c, "Null access");
        return 0;
    }
    return r->matched ? r->groups : -1;
}

constexpr NativeDef kRegexpNatives[] = {
    HLFFI_NATIVE("regexp_new_options", regexp_new_options),
    HLFFI_NATIVE("regexp_match", regexp_match),
    HLFFI_NATIVE("regexp_matched_pos", regexp_matched_pos),
    HLFFI_NATIVE("regexp_matched_num", regexp_matched_num),
};

}  // namespace

std::span<const NativeDef> natives_regexp() { return kRegexpNatives; }

}  // namespace hlffi::rt
