// LastUpdateAt window planning (see plan_windows in mktows/export.hpp).
#include <chrono>
#include <string>

#include "mktows/error.hpp"
#include "mktows/export.hpp"

namespace mktows {

namespace {

using std::chrono::seconds;

TimePoint round_up_to_second(TimePoint t) {
    const TimePoint down = std::chrono::time_point_cast<seconds>(t);
    return down < t ? down + seconds(1) : down;
}

TimePoint round_down_to_second(TimePoint t) {
    const TimePoint down = std::chrono::time_point_cast<seconds>(t);
    return down > t ? down - seconds(1) : down;
}

}  // namespace

std::vector<TimeWindow> plan_windows(TimePoint oldest, TimePoint latest, int window_days) {
    if (window_days < 1 || window_days > max_window_days)
        throw Error(ErrorKind::invalid_argument,
                    "the window length is " + std::to_string(window_days) + " days; use 1 to " +
                        std::to_string(max_window_days) + " (Marketo refuses LastUpdateAt ranges over 30 days)");
    const TimePoint first = round_up_to_second(oldest);
    const TimePoint last = round_down_to_second(latest);
    if (first > last)
        throw Error(ErrorKind::invalid_argument,
                    "the LastUpdateAt range starts at " + format_w3c_utc(oldest) + ", after its end " +
                        format_w3c_utc(latest) + "; give an oldest time at or before the latest");
    // Each window covers window_days * 86400 whole seconds: its last second
    // is window_days days minus one second after its first.
    const seconds span = std::chrono::hours(24) * window_days;
    std::vector<TimeWindow> windows;
    TimePoint start = first;
    for (;;) {
        const TimePoint end = last - start < span ? last : start + span - seconds(1);
        windows.push_back({start, end});
        if (end >= last) break;
        start = end + seconds(1);
    }
    return windows;
}

std::pair<TimeWindow, TimeWindow> halve_window(const TimeWindow& window) {
    const auto length = std::chrono::duration_cast<seconds>(window.latest - window.oldest) + seconds(1);
    if (length < seconds(2))
        throw Error(ErrorKind::invalid_argument,
                    "the window " + format_w3c_utc(window.oldest) + " .. " + format_w3c_utc(window.latest) +
                        " is one second long and cannot be halved");
    const TimePoint split = window.oldest + length / 2;  // first second of the second half
    return {TimeWindow{window.oldest, split - seconds(1)}, TimeWindow{split, window.latest}};
}

}  // namespace mktows
