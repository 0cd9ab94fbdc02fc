// W3C dateTime and date parsing.
#include <doctest/doctest.h>

#include "error_matchers.hpp"
#include "mktows/time.hpp"

using mktows::ErrorKind;
using mktows_test::check_error;

TEST_CASE("parse_w3c_datetime reads zones and drops fractions") {
    auto z = mktows::parse_w3c_datetime("2013-08-02T22:47:06Z");
    CHECK(std::chrono::system_clock::to_time_t(z) == 1375483626);
    CHECK(mktows::parse_w3c_datetime("2013-08-02T15:47:06-07:00") == z);
    CHECK(mktows::parse_w3c_datetime("2013-08-03T04:17:06+05:30") == z);
    CHECK(mktows::parse_w3c_datetime("2013-08-02T22:47:06.789Z") == z);
    CHECK(mktows::format_w3c_utc(z) == "2013-08-02T22:47:06Z");
    CHECK(mktows::parse_w3c_datetime_or_date("2013-08-02") == mktows::parse_w3c_datetime("2013-08-02T00:00:00Z"));
    CHECK(mktows::parse_w3c_date("2012-02-29") == mktows::Date{2012, 2, 29});
}

TEST_CASE("malformed times are refused with the expected form") {
    for (const char* bad : {"", "2013-08-02", "2013-08-02T22:47:06", "2013-13-02T00:00:00Z", "2013-02-29T00:00:00Z",
                            "2013-08-02 22:47:06Z", "2013-08-02T22:47:06+5:30", "yesterday", "2013-08-02T25:00:00Z"}) {
        CAPTURE(bad);
        check_error([&] { mktows::parse_w3c_datetime(bad); }, ErrorKind::invalid_argument, {"malformed time", "W3C"});
    }
    check_error([] { mktows::parse_w3c_date("2013-2-1"); }, ErrorKind::invalid_argument, {"YYYY-MM-DD"});
}
