// RateLimiter: at most `calls` calls in any window of `period`, shared by
// every thread of a connection. A call holds its slot while in flight and
// for `period` after it completes, so even when requests reach the server
// later than they leave, the server never sees more than `calls` arrivals
// in one window.
#ifndef MKTOWS_SRC_CONNECTION_RATE_LIMITER_HPP
#define MKTOWS_SRC_CONNECTION_RATE_LIMITER_HPP

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>

namespace mktows::detail {

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    /// calls == 0 turns the limiter off.
    RateLimiter(int calls, std::chrono::milliseconds period);

    /// Waits for a free slot and takes it. Pair with release().
    void acquire();
    /// The call that took a slot has completed.
    void release();

    /// RAII: acquire() now, release() at scope end.
    class Slot {
    public:
        explicit Slot(RateLimiter& limiter) : limiter_(limiter) { limiter_.acquire(); }
        ~Slot() { limiter_.release(); }
        Slot(const Slot&) = delete;
        Slot& operator=(const Slot&) = delete;

    private:
        RateLimiter& limiter_;
    };

private:
    void expire(Clock::time_point now);

    const int calls_;
    const std::chrono::milliseconds period_;
    std::mutex mu_;
    std::condition_variable cv_;
    int in_flight_ = 0;
    std::deque<Clock::time_point> completed_;  // completion times within the window, oldest first
};

}  // namespace mktows::detail

#endif
