// Marketo's limits, each off unless configured: calls per period (20023),
// calls per day (20015); and the injected failures of --fail-rate.
// Thread-safe.
#ifndef MKTOWS_SANDBOX_CALL_LIMITS_HPP
#define MKTOWS_SANDBOX_CALL_LIMITS_HPP

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>

namespace mktows::sandbox {

/// At most `calls` admitted calls in any window of `period` (sliding).
/// Refused calls do not count.
class RateLimiter {
public:
    RateLimiter(int calls, std::chrono::seconds period);
    bool enabled() const noexcept { return calls_ > 0; }
    bool admit(std::chrono::steady_clock::time_point now);

private:
    int calls_;
    std::chrono::steady_clock::duration period_;
    std::mutex mutex_;
    std::deque<std::chrono::steady_clock::time_point> admitted_;
};

/// At most `quota` admitted calls per day; days run from midnight to
/// midnight US Central Standard Time (UTC-6), as Marketo's quota does.
class DailyQuota {
public:
    explicit DailyQuota(std::int64_t quota);
    bool enabled() const noexcept { return quota_ > 0; }
    bool admit(std::chrono::system_clock::time_point now);

private:
    std::int64_t quota_;
    std::mutex mutex_;
    std::int64_t day_ = -1;
    std::int64_t used_ = 0;
};

/// Decides, call by call, which calls fail: a deterministic sequence of
/// draws from `seed`, each failing with probability `rate`.
class FailureDice {
public:
    FailureDice(double rate, std::uint64_t seed);
    bool roll();

private:
    double rate_;
    std::mutex mutex_;
    std::uint64_t state_;
};

}  // namespace mktows::sandbox

#endif
