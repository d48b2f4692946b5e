// std layer: math and random natives of lib "std" (natives.md §7). Math is C's <cmath> (glibc
// results); each random generator is an abstract block on the VM heap, so no state is shared
// between generators or VMs.
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>

#include <unistd.h>

#include "std/std_natives.h"

namespace hlffi::rt {
namespace {

// C's (int) conversion as x86-64 does it: out of range or NaN gives INT32_MIN.
int32_t to_int(double d) {
    if (!(d > -2147483649.0 && d < 2147483648.0)) return std::numeric_limits<int32_t>::min();
    return static_cast<int32_t>(d);
}

double math_sqrt(Ctx&, double a) { return std::sqrt(a); }
double math_abs(Ctx&, double a) { return std::fabs(a); }
double math_cos(Ctx&, double a) { return std::cos(a); }
double math_sin(Ctx&, double a) { return std::sin(a); }
double math_tan(Ctx&, double a) { return std::tan(a); }
double math_acos(Ctx&, double a) { return std::acos(a); }
double math_asin(Ctx&, double a) { return std::asin(a); }
double math_atan(Ctx&, double a) { return std::atan(a); }
double math_exp(Ctx&, double a) { return std::exp(a); }
double math_log(Ctx&, double a) { return std::log(a); }
double math_atan2(Ctx&, double y, double x) { return std::atan2(y, x); }
double math_pow(Ctx&, double a, double b) { return std::pow(a, b); }
double math_ffloor(Ctx&, double a) { return std::floor(a); }
double math_fceil(Ctx&, double a) { return std::ceil(a); }
// floor(x + 0.5), not round(): round(-2.5) = -2, round(0.49999999999999994) = 1.
double math_fround(Ctx&, double a) { return std::floor(a + 0.5); }
int32_t math_floor(Ctx&, double a) { return to_int(std::floor(a)); }
int32_t math_ceil(Ctx&, double a) { return to_int(std::ceil(a)); }
int32_t math_round(Ctx&, double a) { return to_int(std::floor(a + 0.5)); }
bool math_isnan(Ctx&, double a) { return a != a; }
bool math_isfinite(Ctx&, double a) { return std::isfinite(a); }
double nan(Ctx&) { return std::numeric_limits<double>::quiet_NaN(); }

// abs<hl_random>: xoshiro128** state. HashLink uses another generator (a 25-word twisted GFSR);
// with time-based seeds its outputs are not reproducible anyway (natives.md §7).
struct Random {
    uint32_t s[4];
};

uint64_t splitmix64(uint64_t& x) {
    uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void seed(Random* r, uint64_t value) {
    uint64_t x = value;
    uint64_t a = splitmix64(x), b = splitmix64(x);
    r->s[0] = static_cast<uint32_t>(a);
    r->s[1] = static_cast<uint32_t>(a >> 32);
    r->s[2] = static_cast<uint32_t>(b);
    r->s[3] = static_cast<uint32_t>(b >> 32);
    if ((r->s[0] | r->s[1] | r->s[2] | r->s[3]) == 0) r->s[0] = 1;
}

uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }

uint32_t next(Random* r) {
    uint32_t* s = r->s;
    uint32_t result = rotl(s[1] * 5, 7) * 9;
    uint32_t t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
}

Random* rnd_alloc(Ctx& c) {
    auto* r = static_cast<Random*>(alloc_noscan(c, sizeof(Random)));
    if (r != nullptr) seed(r, 0);
    return r;
}

// Seeded from the time, the pid and the block's address (two VMs started in the same
// nanosecond still differ).
Random* rnd_init_system(Ctx& c) {
    Random* r = rnd_alloc(c);
    if (r == nullptr) return nullptr;
    auto now = std::chrono::system_clock::now().time_since_epoch();
    uint64_t t = static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(now).count());
    seed(r, t ^ (static_cast<uint64_t>(getpid()) << 32) ^ reinterpret_cast<uintptr_t>(r));
    return r;
}

void rnd_set_seed(Ctx& c, Random* r, int32_t s) {
    if (r == nullptr) {
        raise_message(c, "Null access");
        return;
    }
    seed(r, static_cast<uint32_t>(s));
}

int32_t rnd_int(Ctx& c, Random* r) {
    if (r == nullptr) {
        raise_message(c, "Null access");
        return 0;
    }
    return static_cast<int32_t>(next(r));
}

double rnd_float(Ctx& c, Random* r) {
    if (r == nullptr) {
        raise_message(c, "Null access");
        return 0;
    }
    constexpr double k = 4294967296.0;  // 2^32
    double a = next(r), b = next(r), d = next(r);
    return ((a / k + b) / k + d) / k;
}

constexpr NativeDef kMathNatives[] = {
    HLFFI_NATIVE("math_sqrt", math_sqrt),
    HLFFI_NATIVE("math_abs", math_abs),
    HLFFI_NATIVE("math_cos", math_cos),
    HLFFI_NATIVE("math_sin", math_sin),
    HLFFI_NATIVE("math_tan", math_tan),
    HLFFI_NATIVE("math_acos", math_acos),
    HLFFI_NATIVE("math_asin", math_asin),
    HLFFI_NATIVE("math_atan", math_atan),
    HLFFI_NATIVE("math_exp", math_exp),
    HLFFI_NATIVE("math_log", math_log),
    HLFFI_NATIVE("math_atan2", math_atan2),
    HLFFI_NATIVE("math_pow", math_pow),
    HLFFI_NATIVE("math_ffloor", math_ffloor),
    HLFFI_NATIVE("math_fceil", math_fceil),
    HLFFI_NATIVE("math_fround", math_fround),
    HLFFI_NATIVE("math_floor", math_floor),
    HLFFI_NATIVE("math_ceil", math_ceil),
    HLFFI_NATIVE("math_round", math_round),
    HLFFI_NATIVE("math_isnan", math_isnan),
    HLFFI_NATIVE("math_isfinite", math_isfinite),
    HLFFI_NATIVE("nan", nan),
    HLFFI_NATIVE("rnd_alloc", rnd_alloc),
    HLFFI_NATIVE("rnd_init_system", rnd_init_system),
    HLFFI_NATIVE("rnd_set_seed", rnd_set_seed),
    HLFFI_NATIVE("rnd_int", rnd_int),
    HLFFI_NATIVE("rnd_float", rnd_float),
};

}  // namespace

std::span<const NativeDef> natives_math() { return kMathNatives; }

}  // namespace hlffi::rt
