// The connection's building blocks: backoff with full jitter, the sliding
// window rate limiter, and retry decisions.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "connection/rate_limiter.hpp"
#include "connection/retry_policy.hpp"
#include "mktows/error.hpp"

using namespace std::chrono;
using mktows::Error;
using mktows::ErrorKind;
using mktows::detail::RetryAction;

TEST_CASE("backoff grows exponentially up to the cap, without jitter") {
    mktows::RetryOptions o;
    o.initial_backoff = milliseconds(100);
    o.max_backoff = milliseconds(1000);
    o.multiplier = 2.0;
    o.jitter = false;
    std::mt19937_64 rng(1);
    CHECK(mktows::detail::backoff_delay(o, 1, rng) == milliseconds(100));
    CHECK(mktows::detail::backoff_delay(o, 2, rng) == milliseconds(200));
    CHECK(mktows::detail::backoff_delay(o, 3, rng) == milliseconds(400));
    CHECK(mktows::detail::backoff_delay(o, 4, rng) == milliseconds(800));
    CHECK(mktows::detail::backoff_delay(o, 5, rng) == milliseconds(1000));
    CHECK(mktows::detail::backoff_delay(o, 50, rng) == milliseconds(1000));
}

TEST_CASE("full jitter spreads waits uniformly between 0 and the exponential ceiling") {
    mktows::RetryOptions o;
    o.initial_backoff = milliseconds(100);
    o.max_backoff = milliseconds(30000);
    o.multiplier = 2.0;
    o.jitter = true;
    std::mt19937_64 rng(42);
    const int n = 4000;
    double sum = 0;
    long long lo = 1 << 30, hi = 0;
    for (int i = 0; i < n; ++i) {
        long long d = mktows::detail::backoff_delay(o, 4, rng).count();  // ceiling 800 ms
        sum += static_cast<double>(d);
        lo = std::min(lo, d);
        hi = std::max(hi, d);
    }
    CHECK(lo >= 0);
    CHECK(hi <= 800);
    CHECK(lo < 40);    // reaches near 0 ...
    CHECK(hi > 760);   // ... and near the ceiling
    CHECK(sum / n == doctest::Approx(400).epsilon(0.05));
}

TEST_CASE("retry decisions by error class") {
    auto fault = [](int code) { return Error(ErrorKind::service_fault, "f", code); };
    using mktows::detail::retry_action;
    CHECK(retry_action(Error(ErrorKind::transport, "x"), false) == RetryAction::backoff);
    CHECK(retry_action(Error(ErrorKind::transport, "x"), true) == RetryAction::halve_batch);
    CHECK(retry_action(Error(ErrorKind::http_status, "x", 0, 503), false) == RetryAction::backoff);
    CHECK(retry_action(Error(ErrorKind::http_status, "x", 0, 500), false) == RetryAction::backoff);
    CHECK(retry_action(Error(ErrorKind::http_status, "x", 0, 404), false) == RetryAction::fail);
    CHECK(retry_action(Error(ErrorKind::protocol, "x"), false) == RetryAction::fail);
    for (int code : {20023, 20024, 10001, 20011}) CHECK(retry_action(fault(code), false) == RetryAction::backoff);
    CHECK(retry_action(fault(20016), false) == RetryAction::resign_now);
    for (int code : {20015, 20014, 20013, 20022, 20122, 20111, 20109, 20017})
        CHECK(retry_action(fault(code), false) == RetryAction::fail);
}

TEST_CASE("the rate limiter never lets more than N calls into any window") {
    const int calls = 5;
    const auto period = milliseconds(300);
    mktows::detail::RateLimiter limiter(calls, period);
    std::mutex mu;
    std::vector<steady_clock::time_point> starts, ends;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 4; ++i) {
                mktows::detail::RateLimiter::Slot slot(limiter);
                auto s = steady_clock::now();
                std::this_thread::sleep_for(milliseconds(5));  // the call
                std::lock_guard<std::mutex> lock(mu);
                starts.push_back(s);
                ends.push_back(steady_clock::now());
            }
        });
    for (auto& t : threads) t.join();
    REQUIRE(starts.size() == 16);
    std::sort(starts.begin(), starts.end());
    // Any calls+1 consecutive starts span at least one period.
    for (size_t i = 0; i + calls < starts.size(); ++i) CHECK(starts[i + calls] - starts[i] >= period);
    // 16 calls at 5 per 300 ms need at least 3 full periods.
    CHECK(starts.back() - starts.front() >= 3 * period);
}

TEST_CASE("a rate limiter with calls == 0 does not wait") {
    mktows::detail::RateLimiter off(0, milliseconds(0));
    auto t0 = steady_clock::now();
    for (int i = 0; i < 1000; ++i) mktows::detail::RateLimiter::Slot s(off);
    CHECK(steady_clock::now() - t0 < milliseconds(100));
}
