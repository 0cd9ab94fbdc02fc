// Window planning: the boundary rule, 30-day limit, rounding, halving, and
// an open range pinned at the start.
#include <doctest/doctest.h>

#include <chrono>

#include "export/export_query.hpp"
#include "export_fixture.hpp"
#include "mktows/error.hpp"
#include "mktows/export.hpp"

using export_test::utc;
using mktows::TimeWindow;
using std::chrono::hours;
using std::chrono::seconds;

namespace {

constexpr auto day = hours(24);

// Every window is at most window_days long, the first starts at the range's
// start, the last ends at its end, and each starts one second after the
// previous one ends: no gap, no overlap.
void check_tiling(const std::vector<TimeWindow>& windows, mktows::TimePoint oldest, mktows::TimePoint latest,
                  int window_days) {
    REQUIRE(!windows.empty());
    CHECK(windows.front().oldest == oldest);
    CHECK(windows.back().latest == latest);
    for (std::size_t i = 0; i < windows.size(); ++i) {
        CHECK(windows[i].oldest <= windows[i].latest);
        CHECK(windows[i].latest - windows[i].oldest < day * window_days);
        if (i > 0) CHECK(windows[i].oldest == windows[i - 1].latest + seconds(1));
    }
}

}  // namespace

TEST_SUITE("unit") {

TEST_CASE("a range of exactly 30 days of seconds is one window; one second more makes two") {
    const auto t = utc("2024-01-01T00:00:00Z");
    auto one = mktows::plan_windows(t, t + 30 * day - seconds(1));
    REQUIRE(one.size() == 1);
    CHECK(one[0] == TimeWindow{t, t + 30 * day - seconds(1)});

    auto two = mktows::plan_windows(t, t + 30 * day);
    REQUIRE(two.size() == 2);
    CHECK(two[0] == TimeWindow{t, t + 30 * day - seconds(1)});
    CHECK(two[1] == TimeWindow{t + 30 * day, t + 30 * day});  // the boundary second belongs to window 2 only
}

TEST_CASE("six months split into 30-day windows with no gap and no overlap") {
    const auto oldest = utc("2024-02-01T00:00:00Z");
    const auto latest = utc("2024-07-31T23:59:59Z");  // 182 days
    const auto windows = mktows::plan_windows(oldest, latest);
    CHECK(windows.size() == 7);
    check_tiling(windows, oldest, latest, 30);
    CHECK(windows[0].latest == utc("2024-03-01T23:59:59Z"));
    CHECK(windows[1].oldest == utc("2024-03-02T00:00:00Z"));
}

TEST_CASE("smaller windows when configured; a one-second range is one window") {
    const auto oldest = utc("2024-01-01T12:00:00Z");
    const auto latest = utc("2024-01-20T11:59:59Z");
    const auto windows = mktows::plan_windows(oldest, latest, 7);
    CHECK(windows.size() == 3);
    check_tiling(windows, oldest, latest, 7);
    const auto single = mktows::plan_windows(oldest, oldest, 1);
    REQUIRE(single.size() == 1);
    CHECK(single[0] == TimeWindow{oldest, oldest});
}

TEST_CASE("fractional bounds: oldest rounds up, latest rounds down (whole-second timestamps)") {
    const auto t = utc("2024-01-01T00:00:00Z");
    const auto windows = mktows::plan_windows(t + std::chrono::milliseconds(500), t + seconds(10) + std::chrono::milliseconds(900));
    REQUIRE(windows.size() == 1);
    CHECK(windows[0] == TimeWindow{t + seconds(1), t + seconds(10)});
}

TEST_CASE("bad ranges and window lengths are errors that say what to fix") {
    const auto t = utc("2024-01-01T00:00:00Z");
    try {
        mktows::plan_windows(t, t - seconds(1));
        FAIL("no error");
    } catch (const mktows::Error& e) {
        CHECK(e.kind() == mktows::ErrorKind::invalid_argument);
        CHECK(std::string(e.what()).find("after its end") != std::string::npos);
    }
    for (int days : {0, 31, -1}) {
        try {
            mktows::plan_windows(t, t + day, days);
            FAIL("no error");
        } catch (const mktows::Error& e) {
            CHECK(e.kind() == mktows::ErrorKind::invalid_argument);
            CHECK(std::string(e.what()).find("use 1 to 30") != std::string::npos);
        }
    }
}

TEST_CASE("halving a window (20022): two halves in order, no gap, no overlap") {
    const auto t = utc("2024-01-01T00:00:00Z");
    const TimeWindow w{t, t + 30 * day - seconds(1)};
    const auto [a, b] = mktows::halve_window(w);
    CHECK(a.oldest == w.oldest);
    CHECK(b.latest == w.latest);
    CHECK(b.oldest == a.latest + seconds(1));
    CHECK(a.latest - a.oldest == b.latest - b.oldest);  // an even number of seconds splits evenly

    const TimeWindow odd{t, t + seconds(2)};  // 3 seconds
    const auto [c, d] = mktows::halve_window(odd);
    CHECK(c == TimeWindow{t, t});
    CHECK(d == TimeWindow{t + seconds(1), t + seconds(2)});
    CHECK_THROWS_AS(mktows::halve_window(TimeWindow{t, t}), mktows::Error);
}

TEST_CASE("an open range is pinned to the start time (whole seconds) and planned up to it") {
    mktows::GetMultipleLeadsRequest request(mktows::LastUpdateAtSelector(utc("2024-01-01T00:00:00Z")));
    const auto now = utc("2024-03-15T10:20:30Z") + std::chrono::milliseconds(700);
    const auto query = mktows::detail::make_export_query(request, now);
    CHECK(query.open_range);
    REQUIRE(query.range);
    CHECK(query.range->latest == utc("2024-03-15T10:20:30Z"));
    CHECK(query.identity.find("latest=open") != std::string::npos);
    const auto& s = std::get<mktows::LastUpdateAtSelector>(query.request.selector);
    REQUIRE(s.latest());
    CHECK(*s.latest() == utc("2024-03-15T10:20:30Z"));
    const auto units = mktows::detail::plan_units(query, 30);
    CHECK(units.size() == 3);  // 74 days and a bit
    CHECK(units.back().window->latest == utc("2024-03-15T10:20:30Z"));

    // The same request pinned at the time a checkpoint recorded: same identity.
    const auto again = mktows::detail::make_export_query_pinned(request, utc("2024-03-15T10:20:30Z"));
    CHECK(again.identity == query.identity);
    CHECK(again.range->latest == query.range->latest);
}

TEST_CASE("key selectors become chunks of at most 100 keys; lists one unit") {
    std::vector<std::string> keys;
    for (int i = 0; i < 250; ++i) keys.push_back("k" + std::to_string(i) + "@example.com");
    mktows::GetMultipleLeadsRequest keyed(mktows::LeadKeySelector(mktows::LeadKeyType::EMAIL, keys));
    const auto query = mktows::detail::make_export_query(keyed, std::chrono::system_clock::now());
    const auto units = mktows::detail::plan_units(query, 30);
    REQUIRE(units.size() == 3);
    const auto last = mktows::detail::unit_request(query, units[2]);
    const auto& s = std::get<mktows::LeadKeySelector>(last.selector);
    REQUIRE(s.keys().size() == 50);
    CHECK(s.keys().front() == "k200@example.com");

    mktows::GetMultipleLeadsRequest list(mktows::StaticListSelector::by_name("Program.Sevens"));
    CHECK(mktows::detail::plan_units(mktows::detail::make_export_query(list, {}), 30).size() == 1);
}

TEST_CASE("an export refuses a request that carries a stream position") {
    mktows::GetMultipleLeadsRequest request(mktows::StaticListSelector::by_id(1));
    request.stream_position = "abc";
    CHECK_THROWS_WITH_AS(mktows::detail::make_export_query(request, {}),
                         doctest::Contains("stream position"), mktows::Error);
}

}  // TEST_SUITE
