// Tests of the pure text helpers behind the string natives: float formats (runtime.md §13.3),
// Std.parseInt / Std.parseFloat (natives.md §2.1-§2.2), UTF conversions, case mapping.
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "std/dynamic.h"
#include "std/text_util.h"

using namespace hlffi::rt;

namespace {

struct FloatRow {
    double value;
    const char* f15;
    const char* f17;
};

TEST(FloatFormat, RuntimeSpecTable) {
    const FloatRow rows[] = {
        {1.0, "1", "1"},
        {0.1, "0.1", "0.10000000000000001"},
        {1.5, "1.5", "1.5"},
        {1.0 / 3.0, "0.333333333333333", "0.33333333333333331"},
        {123456789.123, "123456789.123", "123456789.123"},
        {1e15, "1e+15", "1000000000000000"},
        {123456789012345.0, "123456789012345", "123456789012345"},
        {1e21, "1e+21", "1e+21"},
        {1e-4, "0.0001", "0.0001"},
        {1e-5, "1e-05", "1.0000000000000001e-05"},
        {5e-324, "4.94065645841247e-324", "4.9406564584124654e-324"},
        {9007199254740992.0, "9.00719925474099e+15", "9007199254740992"},
        {-0.0, "-0", "-0"},
        {std::numeric_limits<double>::infinity(), "inf", "inf"},
        {-std::numeric_limits<double>::infinity(), "-inf", "-inf"},
    };
    for (const FloatRow& r : rows) {
        EXPECT_EQ(format_float_f15(r.value), r.f15) << r.f17;
        EXPECT_EQ(format_float_f17(r.value), r.f17) << r.f15;
    }
}

TEST(FloatFormat, NaN) {
    double nan = std::numeric_limits<double>::quiet_NaN();
    EXPECT_EQ(format_float_f15(nan), "NaN");
    EXPECT_EQ(format_float_f15(-nan), "NaN");
    EXPECT_EQ(format_float_f17(std::copysign(nan, 1.0)), "nan");
    EXPECT_EQ(format_float_f17(std::copysign(nan, -1.0)), "-nan");
}

TEST(FloatFormat, ConformanceSamples) {
    EXPECT_EQ(format_float_f15(0.1 + 0.2), "0.3");
    EXPECT_EQ(format_float_f15(1.7976931348623157e308), "1.79769313486232e+308");
    EXPECT_EQ(format_float_f15(2.2250738585072014e-308), "2.2250738585072e-308");
    EXPECT_EQ(format_float_f15(12345.678e10), "123456780000000");
    EXPECT_EQ(format_float_f15(0.9999999999999999), "1");
    EXPECT_EQ(format_float_f15(99.99999999999999), "100");
    EXPECT_EQ(format_float_f15(-2.5e-8), "-2.5e-08");
    EXPECT_EQ(format_float_f15(std::ldexp(1.0, 50)), "1.12589990684262e+15");
    EXPECT_EQ(format_float_f15(6.02e23), "6.02e+23");
    EXPECT_EQ(text::format_g(0.1f, 9), "0.100000001");
    EXPECT_EQ(text::format_g(1.5f, 9), "1.5");
}

TEST(FloatFormat, TiesRoundHalfToEven) {
    // Exactly representable values whose 16th/18th significant digit is a final 5.
    EXPECT_EQ(format_float_f15(1234567890123455.0), "1.23456789012346e+15");
    EXPECT_EQ(format_float_f15(1234567890123445.0), "1.23456789012344e+15");
    EXPECT_EQ(format_float_f17(std::ldexp(1.0, -25)), "2.9802322387695312e-08");
    EXPECT_EQ(text::format_g(2.5, 1), "2");
    EXPECT_EQ(text::format_g(0.125, 2), "0.12");
    EXPECT_EQ(text::format_g(9.5, 1), "1e+01");
}

std::optional<int32_t> pi(const std::u16string& s) {
    return text::parse_int(s.c_str(), static_cast<int32_t>(s.size()));
}

TEST(ParseInt, NativesSpecRows) {
    EXPECT_EQ(pi(u"12"), 12);
    EXPECT_EQ(pi(u" 12"), 12);
    EXPECT_EQ(pi(u"\t\n12"), 12);
    EXPECT_EQ(pi(u"12abc"), 12);
    EXPECT_EQ(pi(u"0x1F"), 31);
    EXPECT_EQ(pi(u"0X1f"), 31);
    EXPECT_EQ(pi(u"-0x10"), -16);
    EXPECT_EQ(pi(u"0x"), 0);
    EXPECT_EQ(pi(u"0xG"), 0);
    EXPECT_EQ(pi(u"+5"), 5);
    EXPECT_EQ(pi(u"-12"), -12);
    EXPECT_EQ(pi(u"1.9"), 1);
    EXPECT_EQ(pi(u"abc"), std::nullopt);
    EXPECT_EQ(pi(u""), std::nullopt);
    EXPECT_EQ(pi(u"-"), std::nullopt);
    EXPECT_EQ(pi(u" "), std::nullopt);
    EXPECT_EQ(pi(u"- 5"), std::nullopt);
    EXPECT_EQ(pi(u"+"), std::nullopt);
    EXPECT_EQ(pi(u"2147483648"), INT32_MIN);
    EXPECT_EQ(pi(u"99999999999"), 1215752191);
    EXPECT_EQ(pi(u"12345678901234567890"), 1015724736);
    EXPECT_EQ(pi(u"0x100000000"), 0);
    EXPECT_EQ(pi(u"\u0663"), std::nullopt);
}

TEST(ParseInt, ConformanceRows) {
    EXPECT_EQ(pi(u"007"), 7);
    EXPECT_EQ(pi(u"-007"), -7);
    EXPECT_EQ(pi(u"0xFFFFFFFF"), -1);
    EXPECT_EQ(pi(u"0x80000000"), INT32_MIN);
    EXPECT_EQ(pi(u"-2147483649"), 2147483647);
    EXPECT_EQ(pi(u"--5"), std::nullopt);
    EXPECT_EQ(pi(u"+-5"), std::nullopt);
    EXPECT_EQ(pi(u"0b101"), 0);
    EXPECT_EQ(pi(u"1_000"), 1);
    EXPECT_EQ(pi(u"1e3"), 1);
}

double pf(const std::u16string& s) { return text::parse_float(s.c_str()); }

TEST(ParseFloat, NativesSpecRows) {
    EXPECT_EQ(pf(u"1.5e3x"), 1500);
    EXPECT_EQ(pf(u" .5"), 0.5);
    EXPECT_EQ(pf(u"5."), 5);
    EXPECT_EQ(pf(u"1e"), 1);
    EXPECT_TRUE(std::isnan(pf(u"-")));
    EXPECT_TRUE(std::isnan(pf(u"abc")));
    EXPECT_TRUE(std::isnan(pf(u"")));
    EXPECT_EQ(pf(u"0x10"), 0);
    EXPECT_TRUE(std::isnan(pf(u"Infinity")));
    EXPECT_TRUE(std::isnan(pf(u"inf")));
    EXPECT_TRUE(std::isnan(pf(u"NaN")));
    EXPECT_EQ(pf(u"1,5"), 1);
    EXPECT_TRUE(std::isnan(pf(u"--1")));
    EXPECT_EQ(pf(u"+1.5"), 1.5);
    EXPECT_EQ(pf(u"1e400"), std::numeric_limits<double>::infinity());
    EXPECT_EQ(pf(u"1-2"), 1);
}

TEST(ParseFloat, ConformanceRows) {
    EXPECT_EQ(pf(u"-.5"), -0.5);
    EXPECT_EQ(pf(u"1e+"), 1);
    EXPECT_EQ(pf(u"-1.5e+2"), -150);
    EXPECT_EQ(pf(u"1.2.3"), 1.2);
    EXPECT_EQ(pf(u"-1e400"), -std::numeric_limits<double>::infinity());
    EXPECT_EQ(pf(u"1e-400"), 0);
    EXPECT_EQ(format_float_f15(pf(u"123456789012345678901234567890")), "1.23456789012346e+29");
    EXPECT_EQ(pf(u"00012.5000"), 12.5);
    double negzero = pf(u"  -0  ");
    EXPECT_EQ(negzero, 0);
    EXPECT_TRUE(std::signbit(negzero));
    EXPECT_EQ(pf(u"12e2e3"), 1200);
    EXPECT_TRUE(std::isnan(pf(u"+.e1")));
    EXPECT_EQ(pf(u"7 8"), 7);
    EXPECT_EQ(pf(u"0.1"), 0.1);
    // Only the first 30 units are copied.
    EXPECT_EQ(pf(u"1234567890123456789012345678901234567890"), 1.23456789012345678901234567890e29);
}

TEST(Utf, RoundTrip) {
    std::u16string s = u"a\u00e9\u20ac\U0001F600z";
    std::string u8 = text::utf16_to_utf8(s.c_str(), 0);
    EXPECT_EQ(u8, "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z");
    EXPECT_EQ(text::utf8_to_utf16(reinterpret_cast<const uint8_t*>(u8.c_str())), s);
    // With an explicit length, 0 units are kept as 0 bytes.
    std::u16string withnul(u"a\0b", 3);
    EXPECT_EQ(text::utf16_to_utf8(withnul.data(), 3), std::string("a\0b", 3));
    // Malformed UTF-8 stops the conversion.
    const uint8_t bad[] = {'o', 'k', 0x80, 'x', 0};
    EXPECT_EQ(text::utf8_to_utf16(bad), u"ok");
}

TEST(CaseMapping, HashLinkTable) {
    EXPECT_EQ(text::to_upper(u'a'), u'A');
    EXPECT_EQ(text::to_lower(u'Z'), u'z');
    EXPECT_EQ(text::to_upper(u'\u00e9'), u'\u00c9');
    EXPECT_EQ(text::to_upper(u'\u00df'), u'\u00df');  // no 1:1 mapping
    EXPECT_EQ(text::to_upper(u'\u01c6'), u'\u01c5');  // titlecase column
    EXPECT_EQ(text::to_lower(u'\u0130'), u'i');
    EXPECT_EQ(text::to_upper(u'\u10d0'), u'\u10d0');  // Georgian Mtavruli is newer than the table
    EXPECT_EQ(text::to_upper(u'\u03c3'), u'\u03a3');
    EXPECT_EQ(text::to_lower(u'\u0416'), u'\u0436');
}

}  // namespace
