// bytecode layer: bounds-checked cursor over the raw bytes of a .hl file.
// Every read checks the remaining length; the first failure is sticky and keeps its offset,
// so the reader can chain reads and test once.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>

namespace hlffi::bc {

class ByteCursor {
public:
    ByteCursor(const uint8_t* data, size_t size) : data_(data), size_(size) {}

    bool failed() const { return failed_; }
    const std::string& error() const { return error_; }
    size_t pos() const { return pos_; }
    size_t remaining() const { return failed_ ? 0 : size_ - pos_; }
    const uint8_t* here() const { return data_ + pos_; }

    // Out of line and cold, so that the reads around it stay small enough to inline.
    [[gnu::cold, gnu::noinline]] void fail(const std::string& what) {
        if (failed_) return;
        failed_ = true;
        error_ = "offset " + std::to_string(pos_) + ": " + what;
    }

    uint8_t byte() {
        if (!need(1)) return 0;
        return data_[pos_++];
    }

    int32_t i32() {
        if (!need(4)) return 0;
        uint32_t v = uint32_t(data_[pos_]) | uint32_t(data_[pos_ + 1]) << 8 |
                     uint32_t(data_[pos_ + 2]) << 16 | uint32_t(data_[pos_ + 3]) << 24;
        pos_ += 4;
        return static_cast<int32_t>(v);
    }

    double f64() {
        if (!need(8)) return 0;
        uint64_t v = 0;
        for (int i = 7; i >= 0; i--) v = (v << 8) | data_[pos_ + i];
        pos_ += 8;
        double d;
        std::memcpy(&d, &v, sizeof d);
        return d;
    }

    // The variable-length signed integer of spec/bytecode.md §1.1.
    int32_t index() {
        if (pos_ < size_ && !failed_ && data_[pos_] < 0x80) [[likely]]
            return data_[pos_++];  // one byte: most operands
        uint8_t b = byte();
        if (failed_) return 0;
        if ((b & 0x80) == 0) return b;
        if ((b & 0x40) == 0) {
            int32_t m = ((b & 0x1F) << 8) | byte();
            return (b & 0x20) ? -m : m;
        }
        uint8_t c = byte(), d = byte(), e = byte();
        int32_t m = ((b & 0x1F) << 24) | (c << 16) | (d << 8) | e;
        return (b & 0x20) ? -m : m;
    }

    int32_t uindex(const char* what) {
        size_t at = pos_;
        int32_t v = index();
        if (!failed_ && v < 0) {
            pos_ = at;
            fail(std::string("negative ") + what + " " + std::to_string(v));
        }
        return v;
    }

    // A count of items each at least `min_item_bytes` long: larger than the rest of the file
    // can hold means a corrupt file, and is refused before anything is allocated for it.
    int32_t count(const char* what, size_t min_item_bytes = 1) {
        size_t at = pos_;
        int32_t n = uindex(what);
        if (!failed_ && static_cast<size_t>(n) * min_item_bytes > size_ - pos_) {
            pos_ = at;
            fail(std::string(what) + " " + std::to_string(n) + " exceeds the remaining " +
                 std::to_string(size_ - pos_) + " bytes of the file");
        }
        return failed_ ? 0 : n;
    }

    bool skip(size_t n) {
        if (!need(n)) return false;
        pos_ += n;
        return true;
    }

private:
    bool need(size_t n) {
        if (failed_) return false;
        if (n > size_ - pos_) {
            fail("unexpected end of file");
            return false;
        }
        return true;
    }

    const uint8_t* data_;
    size_t size_;
    size_t pos_ = 0;
    bool failed_ = false;
    std::string error_;
};

}  // namespace hlffi::bc
