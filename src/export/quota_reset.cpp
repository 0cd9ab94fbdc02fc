// Daily quota reset time (see quota_reset.hpp).
#include "export/quota_reset.hpp"

#include <chrono>

namespace mktows::detail {

namespace {

constexpr std::chrono::hours cst_offset{-6};

}  // namespace

TimePoint next_quota_reset(TimePoint now) {
    using std::chrono::duration_cast;
    using std::chrono::seconds;
    using days = std::chrono::duration<std::int64_t, std::ratio<86400>>;
    // Midnight CST is 06:00 UTC: count days in CST.
    const auto local = duration_cast<seconds>(now.time_since_epoch()) + cst_offset;
    const auto next_midnight_local = std::chrono::floor<days>(local) + days(1);
    return TimePoint(duration_cast<TimePoint::duration>(next_midnight_local - cst_offset));
}

std::string describe_quota_reset(TimePoint now) {
    const TimePoint reset = next_quota_reset(now);
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(reset - now).count();
    const auto minutes = (seconds + 59) / 60;  // rounded up
    return "at " + format_w3c_utc(reset) + " (midnight US Central time), in " + std::to_string(minutes / 60) +
           " h " + std::to_string(minutes % 60) + " min";
}

}  // namespace mktows::detail
