// Tests of the pure parts of the sys/date natives: sys_print's UTF-8 encoding, date_from_time.
#include <gtest/gtest.h>

#include "std/sys_internal.h"
#include "std/sys_text.h"

namespace hlffi::rt {
namespace {

TEST(SysPrint, WellFormedText) {
    EXPECT_EQ(print_utf8(u"hello"), "hello");
    EXPECT_EQ(print_utf8(u"é€"), "\xC3\xA9\xE2\x82\xAC");
    EXPECT_EQ(print_utf8(u"\U0001F600!"), "\xF0\x9F\x98\x80!");
    EXPECT_EQ(print_utf8(u""), "");
    EXPECT_EQ(print_utf8(nullptr), "");
}

TEST(SysPrint, StopsAtFirstZeroUnit) {
    const char16_t text[] = {u'a', 0, u'b', 0};
    EXPECT_EQ(print_utf8(text), "a");
}

TEST(SysPrint, UnpairedSurrogatesCombineWithNextUnit) {
    // A high surrogate followed by 'A' (0x41): full = ((0)<<10 | (0x41 - 0xDC00)) + 0x10000, 32-bit.
    const char16_t lone[] = {0xD800, u'A', u'B', 0};
    uint32_t full = ((0u << 10) | static_cast<uint32_t>(0x41 - 0xDC00)) + 0x10000;
    std::string expected;
    expected += static_cast<char>(0xF0 | (full >> 18));
    expected += static_cast<char>(0x80 | ((full >> 12) & 63));
    expected += static_cast<char>(0x80 | ((full >> 6) & 63));
    expected += static_cast<char>(0x80 | (full & 63));
    expected += "B";  // 'A' was consumed as the second half
    EXPECT_EQ(print_utf8(lone), expected);
    const char16_t last[] = {u'x', 0xDBFF, 0, u'y', 0};
    EXPECT_EQ(print_utf8(last).size(), 5u);  // 'x' + 4 bytes, then the text ends
}

TEST(DateFromTime, TruncatesLikeX86) {
    EXPECT_EQ(sys::date_seconds_from_ms(1500.9), 1);
    EXPECT_EQ(sys::date_seconds_from_ms(-1500.0), -1);
    EXPECT_EQ(sys::date_seconds_from_ms(4294967296000.0 + 5000.0), 5);
    EXPECT_EQ(sys::date_seconds_from_ms(3000000000000.0), static_cast<int32_t>(3000000000u));
    EXPECT_EQ(sys::date_seconds_from_ms(0.0 / 0.0), 0);
}

}  // namespace
}  // namespace hlffi::rt
