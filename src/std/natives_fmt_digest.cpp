// std layer: lib "fmt" digest native (hl.Format.digest, used by haxe.crypto.Md5 and Sha1 on HL):
// MD5 and SHA-1 over nettle, CRC-32 and Adler-32 over zlib, with HashLink 1.16's codes and flags.
// (Sha224, Sha256, Crc32.make and Adler32.make are plain Haxe code in Haxe 4.2.5: no native.)
#include <nettle/md5.h>
#include <nettle/sha1.h>
#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <string>

#include "std/std_natives.h"
#include "std/text_util.h"

namespace hlffi::rt {
namespace {

// Low byte of `format`: the algorithm.
constexpr int32_t kMd5 = 0;
constexpr int32_t kSha1 = 1;
constexpr int32_t kCrc32 = 2;    // out holds the running value (4 bytes, native order), in and out
constexpr int32_t kAdler32 = 3;  // same
// Flag: `in` is a Haxe string (NUL-terminated UTF-16); its UTF-8 form up to the first NUL unit is
// digested and `length` is ignored, as HashLink does.
constexpr int32_t kStringFlag = 256;

// The units of a NUL-terminated UTF-16 text read unit by unit: an hl.Bytes may be at an odd address.
std::u16string read_units(const uint8_t* p) {
    std::u16string units;
    for (;; p += 2) {
        char16_t u;
        std::memcpy(&u, p, 2);
        if (u == 0) return units;
        units += u;
    }
}

// CRC-32 and Adler-32 continue from the value already in `out` (so hl.Format.digest can chain
// calls); zlib keeps only its low 32 bits, as it does for HashLink's sign-extended int.
template <uLong (*Update)(uLong, const Bytef*, uInt)>
void running_checksum(uint8_t* out, const uint8_t* in, uint32_t length) {
    uint32_t value;
    std::memcpy(&value, out, 4);
    value = static_cast<uint32_t>(Update(value, in, length));
    std::memcpy(out, &value, 4);
}

void digest(Ctx& c, uint8_t* out, const uint8_t* in, int32_t length, int32_t format) {
    std::string text;  // the UTF-8 form of a string input
    if ((format & kStringFlag) != 0) {
        if (in == nullptr) {
            raise_message(c, "Null access");
            return;
        }
        std::u16string units = read_units(in);
        text = text::utf16_to_utf8(units.c_str(), 0);
        in = reinterpret_cast<const uint8_t*>(text.data());
        length = static_cast<int32_t>(text.size());
    }
    int32_t algorithm = format & 0xFF;
    if (algorithm > kAdler32) {
        raise_message(c, "Unknown digest format " + std::to_string(algorithm));
        return;
    }
    // HashLink would read out of bounds on these; a Haxe caller never passes them.
    if (out == nullptr || (in == nullptr && length != 0)) {
        raise_message(c, "Null access");
        return;
    }
    if (length < 0) {
        raise_message(c, "Out of range");
        return;
    }
    auto size = static_cast<uint32_t>(length);
    // A null input of length 0: the hashes see the empty input; zlib's checksums of a null buffer
    // are their initial values (0 and 1), as in HashLink, which passes it through.
    constexpr uint8_t kEmpty[1] = {0};
    const uint8_t* bytes = in != nullptr ? in : kEmpty;
    switch (algorithm) {
        case kMd5: {
            md5_ctx h;
            md5_init(&h);
            md5_update(&h, size, bytes);
            md5_digest(&h, MD5_DIGEST_SIZE, out);
            break;
        }
        case kSha1: {
            sha1_ctx h;
            sha1_init(&h);
            sha1_update(&h, size, bytes);
            sha1_digest(&h, SHA1_DIGEST_SIZE, out);
            break;
        }
        case kCrc32: running_checksum<crc32>(out, in, size); break;
        default: running_checksum<adler32>(out, in, size); break;
    }
}

constexpr NativeDef kDigestNatives[] = {
    HLFFI_NATIVE("digest", digest),
};

}  // namespace

std::span<const NativeDef> natives_fmt_digest() { return kDigestNatives; }

}  // namespace hlffi::rt
