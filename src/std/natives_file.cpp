// std layer: file natives of sys.io.File / FileInput / FileOutput and Sys.stdin/stdout/stderr
// (natives.md §9.2). A handle (`abs<hl_fdesc>`) is a small no-scan heap block around a FILE*.
#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <new>
#include <span>
#include <string_view>

#include <sys/types.h>

#include "std/std_natives.h"

namespace hlffi::rt {

namespace {

// Which stream a handle stands for. Writes to Stdout/Stderr go through the VM's output routing
// (a host's print handler sees them, in order with Sys.println) instead of the C stream.
enum class Stream : int32_t { File, Stdin, Stdout, Stderr };

// Lives outside the heap so that the finalizer of its handle can still reach it after the
// collection that frees the handle; the finalizer closes a File still open and frees it.
struct FileState {
    FILE* f;        // nullptr once closed
    Stream stream;
};

// The heap block Haxe holds (`abs<hl_fdesc>`).
struct FileHandle {
    FileState* state;
};

// Retry when a signal interrupted the call before any byte moved (HashLink does the same).
size_t read_retry(void* buf, size_t n, FILE* f) {
    size_t r;
    do r = std::fread(buf, 1, n, f);
    while (r == 0 && std::ferror(f) && errno == EINTR);
    return r;
}

size_t write_retry(const void* buf, size_t n, FILE* f) {
    size_t r;
    do r = std::fwrite(buf, 1, n, f);
    while (r == 0 && std::ferror(f) && errno == EINTR);
    return r;
}

// Runs once: after the collection that frees the handle, or when the VM unloads.
void finalize(void* data) {
    auto* s = static_cast<FileState*>(data);
    if (s->f != nullptr && s->stream == Stream::File) std::fclose(s->f);
    delete s;
}

// The open stream of a handle, or nullptr for a null or closed handle.
FILE* stream_of(const FileHandle* h) { return h != nullptr ? h->state->f : nullptr; }

// Sends bytes of a Stdout/Stderr handle to the VM's output; false for other handles.
bool route_output(Ctx& c, const FileHandle* h, std::string_view bytes) {
    if (h->state->stream == Stream::Stdout) write_output(c, bytes);
    else if (h->state->stream == Stream::Stderr) write_error_output(c, bytes);
    else return false;
    return true;
}

// A handle on `f`, or nullptr (f not closed) when out of memory.
FileHandle* make_handle(Ctx& c, FILE* f, Stream stream) {
    auto* h = static_cast<FileHandle*>(alloc_noscan(c, sizeof(FileHandle)));
    if (h == nullptr) return nullptr;
    h->state = new (std::nothrow) FileState{f, stream};
    if (h->state == nullptr) {
        raise_message(c, "Out of memory");
        return nullptr;
    }
    register_finalizer(c, h, finalize, h->state);
    return h;
}

// Modes 0..3 are read, write, append, update; HashLink indexes its mode table without a check,
// so other values are refused here (null, as when fopen fails).
FileHandle* file_open(Ctx& c, char* path, int32_t mode, bool binary) {
    static constexpr const char* kModes[] = {"r", "w", "a", "r+", "rb", "wb", "ab", "rb+"};
    if (path == nullptr || mode < 0 || mode > 3) return nullptr;
    FILE* f = std::fopen(path, kModes[mode | (binary ? 4 : 0)]);
    if (f == nullptr) return nullptr;
    FileHandle* h = make_handle(c, f, Stream::File);
    if (h == nullptr) {
        std::fclose(f);
        return nullptr;
    }
    return h;
}

// Closing a standard stream's handle detaches it but leaves the process stream open: the VM
// shares it with its host.
void file_close(Ctx&, FileHandle* h) {
    FILE* f = stream_of(h);
    if (f == nullptr) return;
    if (h->state->stream == Stream::File) std::fclose(f);
    h->state->f = nullptr;
}

int32_t file_write(Ctx& c, FileHandle* h, uint8_t* buf, int32_t pos, int32_t len) {
    FILE* f = stream_of(h);
    if (f == nullptr || buf == nullptr || pos < 0 || len < 0) return -1;
    if (route_output(c, h, std::string_view(reinterpret_cast<const char*>(buf + pos), static_cast<size_t>(len))))
        return len;
    return static_cast<int32_t>(write_retry(buf + pos, static_cast<size_t>(len), f));
}

int32_t file_read(Ctx&, FileHandle* h, uint8_t* buf, int32_t pos, int32_t len) {
    FILE* f = stream_of(h);
    if (f == nullptr || buf == nullptr || pos < 0 || len < 0) return -1;
    return static_cast<int32_t>(read_retry(buf + pos, static_cast<size_t>(len), f));
}

bool file_write_char(Ctx& c, FileHandle* h, int32_t ch) {
    FILE* f = stream_of(h);
    if (f == nullptr) return false;
    char byte = static_cast<char>(static_cast<unsigned char>(ch));
    if (route_output(c, h, std::string_view(&byte, 1))) return true;
    return write_retry(&byte, 1, f) == 1;
}

// One byte 0..255, or -2 at end of file, on error or for a null handle.
int32_t file_read_char(Ctx&, FileHandle* h) {
    FILE* f = stream_of(h);
    unsigned char byte;
    if (f == nullptr || read_retry(&byte, 1, f) != 1) return -2;
    return byte;
}

// whence 0, 1, 2 = SEEK_SET, SEEK_CUR, SEEK_END (the same values on Linux).
bool file_seek(Ctx&, FileHandle* h, int32_t pos, int32_t whence) {
    FILE* f = stream_of(h);
    return f != nullptr && std::fseek(f, pos, whence) == 0;
}

int32_t file_tell(Ctx&, FileHandle* h) {
    FILE* f = stream_of(h);
    return f != nullptr ? static_cast<int32_t>(std::ftell(f)) : -1;
}

// 64-bit variants (HashLink 1.12+): positions as f64.
bool file_seek2(Ctx&, FileHandle* h, double pos, int32_t whence) {
    FILE* f = stream_of(h);
    return f != nullptr && fseeko(f, static_cast<off_t>(pos), whence) == 0;
}

double file_tell2(Ctx&, FileHandle* h) {
    FILE* f = stream_of(h);
    return f != nullptr ? static_cast<double>(ftello(f)) : -1.0;
}

bool file_eof(Ctx&, FileHandle* h) {
    FILE* f = stream_of(h);
    return f == nullptr || std::feof(f) != 0;
}

bool file_flush(Ctx&, FileHandle* h) {
    FILE* f = stream_of(h);
    return f != nullptr && std::fflush(f) == 0;
}

FileHandle* file_stdin(Ctx& c) { return make_handle(c, stdin, Stream::Stdin); }
FileHandle* file_stdout(Ctx& c) { return make_handle(c, stdout, Stream::Stdout); }
FileHandle* file_stderr(Ctx& c) { return make_handle(c, stderr, Stream::Stderr); }

// The whole file; its size to *size. Without a size ref the text is NUL-terminated (the block is
// one byte longer in both cases). Null when the file cannot be opened, sized or fully read.
uint8_t* file_contents(Ctx& c, char* path, int32_t* size) {
    if (path == nullptr) return nullptr;
    FILE* f = std::fopen(path, "rb");
    if (f == nullptr) return nullptr;
    long len = -1;
    if (std::fseek(f, 0, SEEK_END) == 0) len = std::ftell(f);
    if (len < 0 || len >= INT32_MAX || std::fseek(f, 0, SEEK_SET) != 0) {
        std::fclose(f);
        return nullptr;
    }
    auto* content = static_cast<uint8_t*>(alloc_noscan(c, static_cast<size_t>(len) + 1));
    size_t done = 0;
    while (content != nullptr && done < static_cast<size_t>(len)) {
        size_t d = read_retry(content + done, static_cast<size_t>(len) - done, f);
        if (d == 0) content = nullptr;
        done += d;
    }
    std::fclose(f);
    if (content != nullptr && size != nullptr) *size = static_cast<int32_t>(len);
    return content;
}

constexpr NativeDef kNatives[] = {
    HLFFI_NATIVE("file_open", file_open),
    HLFFI_NATIVE("file_close", file_close),
    HLFFI_NATIVE("file_write", file_write),
    HLFFI_NATIVE("file_read", file_read),
    HLFFI_NATIVE("file_write_char", file_write_char),
    HLFFI_NATIVE("file_read_char", file_read_char),
    HLFFI_NATIVE("file_seek", file_seek),
    HLFFI_NATIVE("file_tell", file_tell),
    HLFFI_NATIVE("file_seek2", file_seek2),
    HLFFI_NATIVE("file_tell2", file_tell2),
    HLFFI_NATIVE("file_eof", file_eof),
    HLFFI_NATIVE("file_flush", file_flush),
    HLFFI_NATIVE("file_stdin", file_stdin),
    HLFFI_NATIVE("file_stdout", file_stdout),
    HLFFI_NATIVE("file_stderr", file_stderr),
    HLFFI_NATIVE("file_contents", file_contents),
};

}  // namespace

std::span<const NativeDef> natives_file() { return kNatives; }

}  // namespace hlffi::rt
