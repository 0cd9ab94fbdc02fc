// W3C dateTime / date parsing and formatting.
#include "mktows/time.hpp"

#include <cstdio>
#include <ctime>
#include <string>

#include "mktows/error.hpp"

namespace mktows {

namespace {

bool digits(std::string_view s, size_t pos, size_t n, int* out) {
    if (pos + n > s.size()) return false;
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : d[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
long long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long long>(doe) - 719468;
}

bool parse_date_part(std::string_view s, Date* date) {
    if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
    if (!digits(s, 0, 4, &date->year) || !digits(s, 5, 2, &date->month) || !digits(s, 8, 2, &date->day)) return false;
    if (date->month < 1 || date->month > 12) return false;
    if (date->day < 1 || date->day > days_in_month(date->year, date->month)) return false;
    return true;
}

[[noreturn]] void malformed(std::string_view text, const char* expected) {
    throw Error(ErrorKind::invalid_argument,
                "malformed time '" + std::string(text) + "': expected " + expected);
}

constexpr const char* kDateTimeForm = "a W3C dateTime with a zone, such as 2013-08-02T15:47:06-07:00 or 2013-08-02T22:47:06Z";

}  // namespace

TimePoint parse_w3c_datetime(std::string_view s) {
    Date date;
    if (!parse_date_part(s, &date) || s.size() < 19 || s[10] != 'T' || s[13] != ':' || s[16] != ':')
        malformed(s, kDateTimeForm);
    int hh, mm, ss;
    if (!digits(s, 11, 2, &hh) || !digits(s, 14, 2, &mm) || !digits(s, 17, 2, &ss) || hh > 24 || mm > 59 || ss > 60)
        malformed(s, kDateTimeForm);
    if (hh == 24 && (mm != 0 || ss != 0)) malformed(s, kDateTimeForm);
    if (ss == 60) ss = 59;  // leap second: clamp
    size_t pos = 19;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        size_t start = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
        if (pos == start) malformed(s, kDateTimeForm);
    }
    long offset = 0;
    if (pos == s.size()) malformed(s, kDateTimeForm);  // no zone: ambiguous
    if (s[pos] == 'Z') {
        ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
        int oh, om;
        if (pos + 6 != s.size() || s[pos + 3] != ':' || !digits(s, pos + 1, 2, &oh) || !digits(s, pos + 4, 2, &om) ||
            oh > 14 || om > 59)
            malformed(s, kDateTimeForm);
        offset = (oh * 3600L + om * 60L) * (s[pos] == '-' ? -1 : 1);
        pos += 6;
    } else {
        malformed(s, kDateTimeForm);
    }
    if (pos != s.size()) malformed(s, kDateTimeForm);
    long long secs = days_from_civil(date.year, date.month, date.day) * 86400LL + hh * 3600LL + mm * 60LL + ss - offset;
    return TimePoint(std::chrono::seconds(secs));
}

TimePoint parse_w3c_datetime_or_date(std::string_view s) {
    if (s.size() == 10) {
        Date d = parse_w3c_date(s);
        return TimePoint(std::chrono::seconds(days_from_civil(d.year, d.month, d.day) * 86400LL));
    }
    try {
        return parse_w3c_datetime(s);
    } catch (const Error&) {
        malformed(s, "a date YYYY-MM-DD or a W3C dateTime with a zone, such as 2013-08-02T15:47:06-07:00");
    }
}

std::string format_w3c_utc(TimePoint tp) {
    std::time_t t = std::chrono::system_clock::to_time_t(tp);
    std::tm u{};
    gmtime_r(&t, &u);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", u.tm_year + 1900, u.tm_mon + 1, u.tm_mday,
                  u.tm_hour, u.tm_min, u.tm_sec);
    return buf;
}

Date parse_w3c_date(std::string_view s) {
    Date d;
    if (s.size() != 10 || !parse_date_part(s, &d)) malformed(s, "a date YYYY-MM-DD");
    return d;
}

}  // namespace mktows
