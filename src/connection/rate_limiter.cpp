// Sliding-window rate limiter (see rate_limiter.hpp).
#include "connection/rate_limiter.hpp"

namespace mktows::detail {

RateLimiter::RateLimiter(int calls, std::chrono::milliseconds period) : calls_(calls), period_(period) {}

void RateLimiter::expire(Clock::time_point now) {
    while (!completed_.empty() && completed_.front() + period_ <= now) completed_.pop_front();
}

void RateLimiter::acquire() {
    if (calls_ <= 0) return;
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
        auto now = Clock::now();
        expire(now);
        if (in_flight_ + static_cast<int>(completed_.size()) < calls_) break;
        if (completed_.empty())
            cv_.wait(lock);  // every slot is in flight: wait for a completion
        else
            cv_.wait_until(lock, completed_.front() + period_);
    }
    ++in_flight_;
}

void RateLimiter::release() {
    if (calls_ <= 0) return;
    {
        std::lock_guard<std::mutex> lock(mu_);
        --in_flight_;
        completed_.push_back(Clock::now());
    }
    cv_.notify_all();
}

}  // namespace mktows::detail
