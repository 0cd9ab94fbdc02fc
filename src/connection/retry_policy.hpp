// What to do after a failed attempt, and how long to wait before the next:
// exponential backoff with full jitter (a uniformly random wait between 0
// and min(max_backoff, initial_backoff * multiplier^(retry-1))).
#ifndef MKTOWS_SRC_CONNECTION_RETRY_POLICY_HPP
#define MKTOWS_SRC_CONNECTION_RETRY_POLICY_HPP

#include <chrono>
#include <random>

#include "mktows/error.hpp"
#include "mktows/options.hpp"

namespace mktows::detail {

enum class RetryAction {
    fail,         ///< not retryable: give up now
    backoff,      ///< wait (backoff_delay) and try again
    resign_now,   ///< 20016: sign again with a fresh timestamp, no wait
    halve_batch,  ///< receive timeout: try again with half the batch size
};

/// receive_timeout: the attempt failed because no response came in time.
RetryAction retry_action(const Error& error, bool receive_timeout) noexcept;

/// The wait before retry number `retry` (1 for the first retry).
std::chrono::milliseconds backoff_delay(const RetryOptions& options, int retry, std::mt19937_64& rng);

}  // namespace mktows::detail

#endif
