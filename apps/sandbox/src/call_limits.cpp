#include "call_limits.hpp"

namespace mktows::sandbox {

RateLimiter::RateLimiter(int calls, std::chrono::seconds period) : calls_(calls), period_(period) {}

bool RateLimiter::admit(std::chrono::steady_clock::time_point now) {
    if (!enabled()) return true;
    std::lock_guard lock(mutex_);
    while (!admitted_.empty() && now - admitted_.front() >= period_) admitted_.pop_front();
    if (admitted_.size() >= static_cast<std::size_t>(calls_)) return false;
    admitted_.push_back(now);
    return true;
}

DailyQuota::DailyQuota(std::int64_t quota) : quota_(quota) {}

bool DailyQuota::admit(std::chrono::system_clock::time_point now) {
    if (!enabled()) return true;
    constexpr std::int64_t kCstOffset = -6 * 3600;
    const std::int64_t seconds =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count() + kCstOffset;
    const std::int64_t day = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
    std::lock_guard lock(mutex_);
    if (day != day_) {
        day_ = day;
        used_ = 0;
    }
    if (used_ >= quota_) return false;
    ++used_;
    return true;
}

FailureDice::FailureDice(double rate, std::uint64_t seed) : rate_(rate), state_(seed ^ 0x6A09E667F3BCC909ull) {}

bool FailureDice::roll() {
    if (rate_ <= 0.0) return false;
    std::lock_guard lock(mutex_);
    // splitmix64
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    const double unit = static_cast<double>(z >> 11) * 0x1.0p-53;  // [0, 1)
    return unit < rate_;
}

}  // namespace mktows::sandbox
