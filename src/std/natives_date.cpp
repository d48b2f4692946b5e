// std layer: Date natives (natives.md §8). A date is an i32 of seconds since the epoch, read as
// unsigned; local time follows the process time zone (TZ) through localtime_r/mktime.
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>

#include "std/sys_internal.h"
#include "std/sys_text.h"

namespace hlffi::rt::sys {
namespace {

time_t to_time(int32_t t) { return static_cast<time_t>(static_cast<uint32_t>(t)); }

void write_fields(const struct tm& t, int32_t* y, int32_t* mo, int32_t* d, int32_t* h, int32_t* mi, int32_t* s,
                  int32_t* wday) {
    if (y) *y = t.tm_year + 1900;
    if (mo) *mo = t.tm_mon;
    if (d) *d = t.tm_mday;
    if (h) *h = t.tm_hour;
    if (mi) *mi = t.tm_min;
    if (s) *s = t.tm_sec;
    if (wday) *wday = t.tm_wday;
}

}  // namespace

int32_t date_now(Ctx&) { return static_cast<int32_t>(time(nullptr)); }

int32_t date_new(Ctx&, int32_t y, int32_t mo, int32_t d, int32_t h, int32_t mi, int32_t s) {
    struct tm t {};
    t.tm_year = y - 1900;
    t.tm_mon = mo;
    t.tm_mday = d;
    t.tm_hour = h;
    t.tm_min = mi;
    t.tm_sec = s;
    t.tm_isdst = -1;  // DST decided by the C library
    return static_cast<int32_t>(mktime(&t));
}

double date_get_time(Ctx&, int32_t t) { return static_cast<uint32_t>(t) * 1000.0; }

int32_t date_from_time(Ctx&, double ms) { return date_seconds_from_ms(ms); }

// The format is chosen by the UTF-8 length of the whole text (the length argument is unused, as
// in HashLink); fields are read with scanf width limits, missing ones stay 0.
int32_t date_from_string(Ctx& c, char16_t* text, int32_t) {
    std::string s = print_utf8(text);
    struct tm t {};
    switch (std::strlen(s.c_str())) {
    case 19:
        std::sscanf(s.c_str(), "%4d-%2d-%2d %2d:%2d:%2d", &t.tm_year, &t.tm_mon, &t.tm_mday, &t.tm_hour, &t.tm_min,
                    &t.tm_sec);
        break;
    case 10:
        std::sscanf(s.c_str(), "%4d-%2d-%2d", &t.tm_year, &t.tm_mon, &t.tm_mday);
        break;
    case 8:
        // A time of day: seconds since midnight, i.e. a time on 1970-01-01 UTC.
        std::sscanf(s.c_str(), "%2d:%2d:%2d", &t.tm_hour, &t.tm_min, &t.tm_sec);
        return t.tm_sec + t.tm_min * 60 + t.tm_hour * 3600;
    default:
        raise_message(c, "Invalid date format");
        return 0;
    }
    t.tm_isdst = -1;
    t.tm_year -= 1900;
    t.tm_mon--;
    return static_cast<int32_t>(mktime(&t));
}

void date_get_inf(Ctx& c, int32_t date, int32_t* y, int32_t* mo, int32_t* d, int32_t* h, int32_t* mi, int32_t* s,
                  int32_t* wday) {
    time_t tt = to_time(date);
    struct tm t {};
    if (!localtime_r(&tt, &t)) {
        raise_message(c, "invalid date");
        return;
    }
    write_fields(t, y, mo, d, h, mi, s, wday);
}

void date_get_utc_inf(Ctx& c, int32_t date, int32_t* y, int32_t* mo, int32_t* d, int32_t* h, int32_t* mi, int32_t* s,
                      int32_t* wday) {
    time_t tt = to_time(date);
    struct tm t {};
    if (!gmtime_r(&tt, &t)) {
        raise_message(c, "invalid date");
        return;
    }
    write_fields(t, y, mo, d, h, mi, s, wday);
}

char16_t* date_to_string(Ctx& c, int32_t date, int32_t* len) {
    time_t tt = to_time(date);
    struct tm t {};
    if (!localtime_r(&tt, &t)) {
        raise_message(c, "Invalid date");
        return nullptr;
    }
    char buf[128];
    size_t n = strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &t);
    std::u16string text(buf, buf + n);  // ASCII
    if (len) *len = static_cast<int32_t>(n);
    return alloc_utf16(c, text.c_str(), static_cast<int32_t>(n));
}

}  // namespace hlffi::rt::sys
