// std layer: lib "fmt" zlib natives (haxe.zip.Compress / Uncompress on HL): inflate_init,
// deflate_init, inflate_buffer, deflate_buffer, deflate_bound, zip_end, zip_flush_mode, with
// HashLink 1.16's arguments, results and error messages. A stream is a small no-scan block on the
// VM heap pointing at its z_stream, which lives outside the heap (zlib keeps pointers into it, so
// it must not move) and is freed by the block's finalizer: an abandoned stream costs nothing once
// collected, and zip_end only ends it early.
#include <zlib.h>

#include <cstdint>
#include <new>
#include <string>

#include "std/std_natives.h"

namespace hlffi::rt {
namespace {

// Outside the heap, owned by the finalizer of its Zip block.
struct Stream {
    z_stream z{};
    int flush = Z_NO_FLUSH;
    bool inflating = false;
    bool open = false;  // initialised and not yet ended by zip_end
};

// abs<fmt_zip>: no heap pointers, so a no-scan block.
struct Zip {
    Stream* stream;
};

void end_stream(Stream* s) {
    if (!s->open) return;
    if (s->inflating) inflateEnd(&s->z);
    else deflateEnd(&s->z);
    s->open = false;
}

void free_stream(void* data) {
    auto* s = static_cast<Stream*>(data);
    end_stream(s);
    delete s;
}

// HashLink's text: `ZLib Error : <zlib message> (<code>)`, or `ZLib Error : <code>` when zlib
// gave no message (and always at init, where it passes no stream).
void raise_zlib_error(Ctx& c, const z_stream* z, int err) {
    std::string text = "ZLib Error : ";
    bool with_message = z != nullptr && z->msg != nullptr;
    if (with_message) text += std::string(z->msg) + " (";
    text += std::to_string(err);
    if (with_message) text += ')';
    raise_message(c, text);
}

// Wraps a freshly initialised stream in its heap block (ending it if the heap is full).
Zip* wrap_stream(Ctx& c, Stream* s) {
    auto* zip = static_cast<Zip*>(alloc_noscan(c, sizeof(Zip)));
    if (zip == nullptr) {
        free_stream(s);
        return nullptr;
    }
    zip->stream = s;
    register_finalizer(c, zip, free_stream, s);
    return zip;
}

Stream* new_stream(Ctx& c, bool inflating) {
    auto* s = new (std::nothrow) Stream;
    if (s == nullptr) {
        raise_message(c, "Out of memory");
        return nullptr;
    }
    s->inflating = inflating;
    return s;
}

// wbits 0 means zlib's default window (haxe.zip.Uncompress passes null, i.e. 0, for it); negative
// values select raw deflate data (haxe.zip.Reader uses -15), +16 gzip, +32 automatic detection.
Zip* inflate_init(Ctx& c, int32_t wbits) {
    Stream* s = new_stream(c, true);
    if (s == nullptr) return nullptr;
    int err = inflateInit2(&s->z, wbits == 0 ? MAX_WBITS : wbits);
    if (err != Z_OK) {
        delete s;
        raise_zlib_error(c, nullptr, err);
        return nullptr;
    }
    s->open = true;
    return wrap_stream(c, s);
}

Zip* deflate_init(Ctx& c, int32_t level) {
    Stream* s = new_stream(c, false);
    if (s == nullptr) return nullptr;
    int err = deflateInit(&s->z, level);
    if (err != Z_OK) {
        delete s;
        raise_zlib_error(c, nullptr, err);
        return nullptr;
    }
    s->open = true;
    return wrap_stream(c, s);
}

// Ending twice is harmless, as in HashLink.
void zip_end(Ctx& c, Zip* zip) {
    if (zip == nullptr) {
        raise_message(c, "Null access");
        return;
    }
    end_stream(zip->stream);
}

// FlushMode's index (NO, SYNC, FULL, FINISH, BLOCK) -> zlib's flush argument.
void zip_flush_mode(Ctx& c, Zip* zip, int32_t flush) {
    if (zip == nullptr) {
        raise_message(c, "Null access");
        return;
    }
    constexpr int kModes[] = {Z_NO_FLUSH, Z_SYNC_FLUSH, Z_FULL_FLUSH, Z_FINISH, Z_BLOCK};
    if (flush < 0 || flush > 4) {
        raise_message(c, "Invalid flush mode " + std::to_string(flush));
        return;
    }
    zip->stream->flush = kModes[flush];
}

// One inflate() or deflate() call from src[srcpos, srclen) into dst[dstpos, dstlen) (the lengths
// are the buffers' ends, not counts). Bytes consumed and produced go to *read and *write; true once
// the stream ended. Any negative zlib result throws, Z_BUF_ERROR (no progress possible) included.
bool run_buffer(Ctx& c, Zip* zip, bool inflating, uint8_t* src, int32_t srcpos, int32_t srclen, uint8_t* dst,
                int32_t dstpos, int32_t dstlen, int32_t* read, int32_t* write) {
    if (zip == nullptr) {
        raise_message(c, "Null access");
        return false;
    }
    int64_t slen = static_cast<int64_t>(srclen) - srcpos;
    int64_t dlen = static_cast<int64_t>(dstlen) - dstpos;
    if (srcpos < 0 || dstpos < 0 || slen < 0 || dlen < 0 || slen > INT32_MAX || dlen > INT32_MAX) {
        raise_message(c, "Out of range");
        return false;
    }
    // HashLink would dereference a freed stream or a null buffer here; we refuse instead.
    Stream* s = zip->stream;
    if (!s->open) {
        raise_message(c, "ZLib Error : stream already closed");
        return false;
    }
    if ((src == nullptr && slen > 0) || (dst == nullptr && dlen > 0)) {
        raise_message(c, "Null access");
        return false;
    }
    z_stream& z = s->z;
    z.next_in = src != nullptr ? src + srcpos : nullptr;
    z.avail_in = static_cast<uInt>(slen);
    z.next_out = dst != nullptr ? dst + dstpos : nullptr;
    z.avail_out = static_cast<uInt>(dlen);
    // A stream of the other kind is refused by zlib's own state checks (Z_STREAM_ERROR), as in HashLink.
    int err = inflating ? inflate(&z, s->flush) : deflate(&z, s->flush);
    if (err < 0) {
        raise_zlib_error(c, &z, err);
        return false;
    }
    z.next_in = nullptr;  // the buffers are heap blocks that may die before the next call
    z.next_out = nullptr;
    if (read != nullptr) *read = static_cast<int32_t>(slen - z.avail_in);
    if (write != nullptr) *write = static_cast<int32_t>(dlen - z.avail_out);
    return err == Z_STREAM_END;
}

bool inflate_buffer(Ctx& c, Zip* zip, uint8_t* src, int32_t srcpos, int32_t srclen, uint8_t* dst, int32_t dstpos,
                    int32_t dstlen, int32_t* read, int32_t* write) {
    return run_buffer(c, zip, true, src, srcpos, srclen, dst, dstpos, dstlen, read, write);
}

bool deflate_buffer(Ctx& c, Zip* zip, uint8_t* src, int32_t srcpos, int32_t srclen, uint8_t* dst, int32_t dstpos,
                    int32_t dstlen, int32_t* read, int32_t* write) {
    return run_buffer(c, zip, false, src, srcpos, srclen, dst, dstpos, dstlen, read, write);
}

// zlib's bound for this stream's settings; an ended stream (or an inflater) gets zlib's answer for
// no stream, a conservative bound, as in HashLink. The size is widened and the result narrowed as
// C's int <-> uLong conversions do there.
int32_t deflate_bound(Ctx& c, Zip* zip, int32_t size) {
    if (zip == nullptr) {
        raise_message(c, "Null access");
        return 0;
    }
    Stream* s = zip->stream;
    z_stream* z = s->open && !s->inflating ? &s->z : nullptr;
    return static_cast<int32_t>(deflateBound(z, static_cast<uLong>(static_cast<long>(size))));
}

constexpr NativeDef kZipNatives[] = {
    HLFFI_NATIVE("inflate_init", inflate_init),
    HLFFI_NATIVE("deflate_init", deflate_init),
    HLFFI_NATIVE("deflate_bound", deflate_bound),
    HLFFI_NATIVE("zip_end", zip_end),
    HLFFI_NATIVE("zip_flush_mode", zip_flush_mode),
    HLFFI_NATIVE("inflate_buffer", inflate_buffer),
    HLFFI_NATIVE("deflate_buffer", deflate_buffer),
};

}  // namespace

std::span<const NativeDef> natives_fmt_zip() { return kZipNatives; }

}  // namespace hlffi::rt
