// Retry decisions and backoff (see retry_policy.hpp).
#include "connection/retry_policy.hpp"

#include <algorithm>
#include <cmath>

namespace mktows::detail {

RetryAction retry_action(const Error& error, bool receive_timeout) noexcept {
    if (receive_timeout) return RetryAction::halve_batch;
    if (error.kind() == ErrorKind::service_fault && error.service_code() == fault_code::request_expired)
        return RetryAction::resign_now;
    return error.retryable() ? RetryAction::backoff : RetryAction::fail;
}

std::chrono::milliseconds backoff_delay(const RetryOptions& options, int retry, std::mt19937_64& rng) {
    const double initial = static_cast<double>(options.initial_backoff.count());
    const double cap = static_cast<double>(options.max_backoff.count());
    const double exponent = std::max(0, retry - 1);
    const double ceiling = std::min(cap, initial * std::pow(options.multiplier, exponent));
    if (!options.jitter || ceiling <= 0) return std::chrono::milliseconds(static_cast<long long>(ceiling));
    std::uniform_real_distribution<double> wait(0.0, ceiling);
    return std::chrono::milliseconds(static_cast<long long>(wait(rng)));
}

}  // namespace mktows::detail
