// Tests of lib fmt's natives on what the golden tests cannot show: the misuse on which HashLink
// 1.16 crashes (a closed stream, null handles and buffers, negative lengths) must raise instead, and
// exact values of zlib's answers (deflate_bound of an ended stream, checksums chained).
#include <gtest/gtest.h>

#include <zlib.h>

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "std/std_natives.h"

namespace hlffi::rt {

namespace testing {
[[gnu::weak]] Ctx* make_test_ctx();
[[gnu::weak]] void clear_exception(Ctx& c);
[[gnu::weak]] std::string exception_message(Ctx& c);
}  // namespace testing

namespace {

Slot ptr(const void* p) { return static_cast<Slot>(reinterpret_cast<uintptr_t>(p)); }
Slot i32(int32_t v) { return slot_of<int32_t>(v); }

class FmtNatives : public ::testing::Test {
protected:
    void SetUp() override {
        if (testing::make_test_ctx == nullptr) GTEST_SKIP() << "no vm test support yet";
        c = testing::make_test_ctx();
        ASSERT_NE(c, nullptr);
    }

    // Calls native `name` of lib fmt; the pending exception's text goes to `error` ("" if none).
    Slot call(std::string_view name, std::vector<Slot> args) {
        for (auto table : {natives_fmt_digest(), natives_fmt_zip()})
            for (const NativeDef& d : table)
                if (d.name == name) {
                    EXPECT_EQ(static_cast<size_t>(d.nargs), args.size()) << name;
                    Slot r = d.fn(*c, args.data());
                    error = testing::exception_message(*c);
                    testing::clear_exception(*c);
                    return r;
                }
        ADD_FAILURE() << "no native " << name;
        return 0;
    }

    Ctx* c = nullptr;
    std::string error;
};

TEST_F(FmtNatives, DigestRefusesWhatHashLinkWouldReadOutOfBounds) {
    uint8_t out[20] = {};
    const uint8_t in[] = "abc";
    call("digest", {ptr(nullptr), ptr(in), i32(3), i32(0)});
    EXPECT_EQ(error, "Null access");
    call("digest", {ptr(out), ptr(nullptr), i32(3), i32(1)});
    EXPECT_EQ(error, "Null access");
    call("digest", {ptr(out), ptr(nullptr), i32(0), i32(256)});
    EXPECT_EQ(error, "Null access");
    call("digest", {ptr(out), ptr(in), i32(-1), i32(0)});
    EXPECT_EQ(error, "Out of range");
    call("digest", {ptr(out), ptr(in), i32(3), i32(0xFE)});
    EXPECT_EQ(error, "Unknown digest format 254");
    const char16_t text[] = u"abc";
    call("digest", {ptr(out), ptr(text), i32(3), i32(0x3FF)});  // the string flag, code 255
    EXPECT_EQ(error, "Unknown digest format 255");
}

TEST_F(FmtNatives, DigestOfNullEmptyInput) {
    uint8_t out[16] = {};
    call("digest", {ptr(out), ptr(nullptr), i32(0), i32(0)});
    EXPECT_EQ(error, "");
    const uint8_t md5_empty[16] = {0xd4, 0x1d, 0x8c, 0xd9, 0x8f, 0x00, 0xb2, 0x04,
                                   0xe9, 0x80, 0x09, 0x98, 0xec, 0xf8, 0x42, 0x7e};
    EXPECT_EQ(std::memcmp(out, md5_empty, 16), 0);
    // zlib's checksum of a null buffer is its initial value whatever the start, as in HashLink.
    uint32_t v = 12345;
    std::memcpy(out, &v, 4);
    call("digest", {ptr(out), ptr(nullptr), i32(0), i32(2)});
    std::memcpy(&v, out, 4);
    EXPECT_EQ(v, 0u);
    call("digest", {ptr(out), ptr(nullptr), i32(0), i32(3)});
    std::memcpy(&v, out, 4);
    EXPECT_EQ(v, 1u);
}

TEST_F(FmtNatives, DigestOfStringStopsAtNulAndChainsCrc) {
    const char16_t text[] = u"ab\0cd";
    uint8_t out[4] = {};
    call("digest", {ptr(out), ptr(text), i32(5), i32(256 | 2)});
    uint32_t got;
    std::memcpy(&got, out, 4);
    EXPECT_EQ(got, static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>("ab"), 2)));
    // Continuing from the value in `out`: the CRC of "abcd" in two calls.
    const uint8_t cd[] = "cd";
    call("digest", {ptr(out), ptr(cd), i32(2), i32(2)});
    std::memcpy(&got, out, 4);
    EXPECT_EQ(got, static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>("abcd"), 4)));
}

TEST_F(FmtNatives, ClosedStreamRaisesInsteadOfCrashing) {
    void* handle = reinterpret_cast<void*>(call("deflate_init", {i32(6)}));
    RootGuard keep(*c, &handle);  // raising allocates: the handle must survive collections
    ASSERT_EQ(error, "");
    ASSERT_NE(handle, nullptr);
    Slot z = ptr(handle);
    uint8_t src[8] = {1, 2, 3}, dst[64];
    int32_t read = -1, write = -1;
    call("zip_end", {z});
    call("zip_end", {z});  // twice is harmless, as in HashLink
    EXPECT_EQ(error, "");
    call("deflate_buffer", {z, ptr(src), i32(0), i32(3), ptr(dst), i32(0), i32(64), ptr(&read), ptr(&write)});
    EXPECT_EQ(error, "ZLib Error : stream already closed");
    EXPECT_EQ(read, -1);
    call("inflate_buffer", {z, ptr(src), i32(0), i32(3), ptr(dst), i32(0), i32(64), ptr(&read), ptr(&write)});
    EXPECT_EQ(error, "ZLib Error : stream already closed");
    // An ended stream's bound is zlib's bound for no stream.
    Slot bound = call("deflate_bound", {z, i32(1000)});
    EXPECT_EQ(slot_get<int32_t>(bound), static_cast<int32_t>(deflateBound(nullptr, 1000)));
}

TEST_F(FmtNatives, NullHandlesAndBuffers) {
    uint8_t buf[16] = {};
    int32_t read = 0, write = 0;
    call("inflate_buffer", {ptr(nullptr), ptr(buf), i32(0), i32(4), ptr(buf), i32(0), i32(4), ptr(&read), ptr(&write)});
    EXPECT_EQ(error, "Null access");
    call("zip_end", {ptr(nullptr)});
    EXPECT_EQ(error, "Null access");
    call("zip_flush_mode", {ptr(nullptr), i32(1)});
    EXPECT_EQ(error, "Null access");
    call("deflate_bound", {ptr(nullptr), i32(1)});
    EXPECT_EQ(error, "Null access");
    void* handle = reinterpret_cast<void*>(call("inflate_init", {i32(0)}));
    RootGuard keep(*c, &handle);
    ASSERT_EQ(error, "");
    Slot z = ptr(handle);
    call("inflate_buffer", {z, ptr(nullptr), i32(0), i32(4), ptr(buf), i32(0), i32(4), ptr(&read), ptr(&write)});
    EXPECT_EQ(error, "Null access");
    call("inflate_buffer", {z, ptr(buf), i32(0), i32(4), ptr(nullptr), i32(0), i32(4), ptr(&read), ptr(&write)});
    EXPECT_EQ(error, "Null access");
    call("inflate_buffer", {z, ptr(buf), i32(3), i32(2), ptr(buf), i32(0), i32(4), ptr(&read), ptr(&write)});
    EXPECT_EQ(error, "Out of range");
    call("zip_flush_mode", {z, i32(5)});
    EXPECT_EQ(error, "Invalid flush mode 5");
    call("zip_flush_mode", {z, i32(-1)});
    EXPECT_EQ(error, "Invalid flush mode -1");
    // Left open: the finalizer ends it when the VM unloads (LeakSanitizer checks in the ASan build).
}

TEST_F(FmtNatives, RoundTripThroughTheNatives) {
    const std::string text(5000, 'q');
    void* deflater = reinterpret_cast<void*>(call("deflate_init", {i32(9)}));
    RootGuard keep_deflater(*c, &deflater);
    Slot d = ptr(deflater);
    call("zip_flush_mode", {d, i32(3)});  // FINISH
    int32_t bound = slot_get<int32_t>(call("deflate_bound", {d, i32(static_cast<int32_t>(text.size()))}));
    std::vector<uint8_t> packed(static_cast<size_t>(bound));
    int32_t read = 0, write = 0;
    Slot done = call("deflate_buffer", {d, ptr(text.data()), i32(0), i32(static_cast<int32_t>(text.size())), ptr(packed.data()),
                                        i32(0), i32(bound), ptr(&read), ptr(&write)});
    ASSERT_EQ(error, "");
    EXPECT_EQ(done & 0xFF, 1u);
    EXPECT_EQ(read, static_cast<int32_t>(text.size()));
    call("zip_end", {d});
    void* inflater = reinterpret_cast<void*>(call("inflate_init", {i32(0)}));
    RootGuard keep_inflater(*c, &inflater);
    Slot u = ptr(inflater);
    std::vector<uint8_t> back(text.size() + 10);
    done = call("inflate_buffer", {u, ptr(packed.data()), i32(0), i32(write), ptr(back.data()), i32(2),
                                   i32(static_cast<int32_t>(back.size())), ptr(&read), ptr(&write)});
    ASSERT_EQ(error, "");
    EXPECT_EQ(done & 0xFF, 1u);
    EXPECT_EQ(write, static_cast<int32_t>(text.size()));
    EXPECT_EQ(std::string(back.begin() + 2, back.begin() + 2 + write), text);
}

}  // namespace
}  // namespace hlffi::rt
