// W3C (XML Schema) dates and times, as Marketo uses them.
#ifndef MKTOWS_TIME_HPP
#define MKTOWS_TIME_HPP

#include <chrono>
#include <string>
#include <string_view>

namespace mktows {

using TimePoint = std::chrono::system_clock::time_point;

/// Parses a W3C dateTime with a zone: YYYY-MM-DDThh:mm:ss[.fff](Z|+hh:mm|-hh:mm).
/// Fractions of a second are dropped (Marketo's timestamps are whole seconds).
/// Throws Error(invalid_argument) naming the text and the expected form.
TimePoint parse_w3c_datetime(std::string_view text);

/// Like parse_w3c_datetime, but also accepts a bare date YYYY-MM-DD, read as
/// midnight UTC. For command lines.
TimePoint parse_w3c_datetime_or_date(std::string_view text);

/// UTC form with Z: 2013-08-02T22:47:06Z.
std::string format_w3c_utc(TimePoint tp);

/// A calendar date (xs:date), as in attribute values of type date.
struct Date {
    int year = 1970;
    int month = 1;
    int day = 1;
    friend bool operator==(const Date& a, const Date& b) {
        return a.year == b.year && a.month == b.month && a.day == b.day;
    }
};

/// Parses YYYY-MM-DD. Throws Error(invalid_argument).
Date parse_w3c_date(std::string_view text);

}  // namespace mktows

#endif
