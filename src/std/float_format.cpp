// std layer: exact `%.Ng` float text (spec/runtime.md §13.3, F15 / F17 / the `%.9g` of f32).
// Every finite double is m * 2^e, whose decimal expansion is finite; we compute it exactly with
// a small base-1e9 bignum, round it to N significant digits half-to-even (what glibc's printf
// does in the default rounding mode), then lay it out the way %g does. No locale, no libc
// printf, so the text is the same on every platform.
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "std/dynamic.h"
#include "std/text_util.h"

namespace hlffi::rt {
namespace {

constexpr uint32_t kLimbBase = 1000000000u;  // base 1e9, least significant limb first

void mul_small(std::vector<uint32_t>& n, uint32_t k) {
    uint64_t carry = 0;
    for (uint32_t& limb : n) {
        uint64_t p = static_cast<uint64_t>(limb) * k + carry;
        limb = static_cast<uint32_t>(p % kLimbBase);
        carry = p / kLimbBase;
    }
    while (carry != 0) {
        n.push_back(static_cast<uint32_t>(carry % kLimbBase));
        carry /= kLimbBase;
    }
}

std::string to_decimal(const std::vector<uint32_t>& n) {
    std::string s = std::to_string(n.back());
    for (size_t i = n.size() - 1; i-- > 0;) {
        std::string part = std::to_string(n[i]);
        s.append(9 - part.size(), '0');
        s += part;
    }
    return s;
}

// Exact decimal expansion of a finite positive double: digits without leading or trailing
// zeros, and the position of the decimal point (value = 0.DIGITS * 10^point).
struct Exact {
    std::string digits;
    int point = 0;
};

Exact exact_decimal(double d) {
    uint64_t bits = std::bit_cast<uint64_t>(d);
    int biased = static_cast<int>((bits >> 52) & 0x7FF);
    uint64_t mant = bits & ((uint64_t{1} << 52) - 1);
    int e;
    if (biased == 0) {
        e = -1074;  // subnormal
    } else {
        mant |= uint64_t{1} << 52;
        e = biased - 1075;
    }
    std::vector<uint32_t> n{static_cast<uint32_t>(mant % kLimbBase)};
    if (mant >= kLimbBase) n.push_back(static_cast<uint32_t>(mant / kLimbBase));
    Exact r;
    if (e >= 0) {
        for (int left = e; left > 0; left -= 30) mul_small(n, uint32_t{1} << (left < 30 ? left : 30));
        r.digits = to_decimal(n);
        r.point = static_cast<int>(r.digits.size());
    } else {
        // m * 2^e = m * 5^-e / 10^-e
        constexpr uint32_t kFive13 = 1220703125u;  // 5^13
        int left = -e;
        for (; left >= 13; left -= 13) mul_small(n, kFive13);
        uint32_t rest = 1;
        for (; left > 0; --left) rest *= 5;
        mul_small(n, rest);
        r.digits = to_decimal(n);
        r.point = static_cast<int>(r.digits.size()) + e;
    }
    size_t last = r.digits.find_last_not_of('0');
    r.digits.resize(last + 1);
    return r;
}

// Rounds to `precision` significant digits, half to even; may carry into a new leading digit.
void round_digits(Exact& x, int precision) {
    size_t p = static_cast<size_t>(precision);
    if (x.digits.size() <= p) return;
    char next = x.digits[p];
    bool beyond = x.digits.size() > p + 1;  // trailing zeros were stripped: anything after is > 0
    bool odd = (x.digits[p - 1] - '0') % 2 != 0;
    bool up = next > '5' || (next == '5' && (beyond || odd));
    x.digits.resize(p);
    if (up) {
        size_t i = p;
        while (i > 0 && x.digits[i - 1] == '9') x.digits[--i] = '0';
        if (i == 0) {
            x.digits.insert(x.digits.begin(), '1');
            x.digits.pop_back();
            x.point += 1;
        } else {
            x.digits[i - 1] += 1;
        }
    }
    size_t last = x.digits.find_last_not_of('0');
    x.digits.resize(last + 1);
}

}  // namespace

namespace text {

std::string format_g(double d, int precision) {
    if (precision < 1) precision = 1;
    bool negative = std::signbit(d);
    std::string out = negative ? "-" : "";
    if (std::isnan(d)) return out + "nan";
    if (std::isinf(d)) return out + "inf";
    if (d == 0) return out + "0";
    Exact x = exact_decimal(std::fabs(d));
    round_digits(x, precision);
    int exp10 = x.point - 1;  // scientific exponent of the rounded value
    const std::string& g = x.digits;
    if (exp10 >= -4 && exp10 < precision) {
        if (exp10 >= 0) {
            size_t int_len = static_cast<size_t>(exp10) + 1;
            if (g.size() <= int_len) {
                out += g;
                out.append(int_len - g.size(), '0');
            } else {
                out.append(g, 0, int_len);
                out += '.';
                out.append(g, int_len);
            }
        } else {
            out += "0.";
            out.append(static_cast<size_t>(-exp10 - 1), '0');
            out += g;
        }
        return out;
    }
    out += g[0];
    if (g.size() > 1) {
        out += '.';
        out.append(g, 1);
    }
    out += exp10 < 0 ? "e-" : "e+";
    int mag = exp10 < 0 ? -exp10 : exp10;
    if (mag < 10) out += '0';
    out += std::to_string(mag);
    return out;
}

}  // namespace text

std::string format_float_f15(double d) {
    if (std::isnan(d)) return "NaN";
    return text::format_g(d, 15);
}

std::string format_float_f17(double d) { return text::format_g(d, 17); }

}  // namespace hlffi::rt
