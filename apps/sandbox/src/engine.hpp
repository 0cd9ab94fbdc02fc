// The sandbox's state and the checks every call goes through, shared by all
// workers: the data and its indexes, stream positions, authentication, the
// limits, injected latency and failures, churn, counters and the call log.
#ifndef MKTOWS_SANDBOX_ENGINE_HPP
#define MKTOWS_SANDBOX_ENGINE_HPP

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>

#include "authentication.hpp"
#include "call_limits.hpp"
#include "data_set.hpp"
#include "lead_queries.hpp"
#include "mktows_sandbox/sandbox.hpp"
#include "stream_position.hpp"
#include "update_index.hpp"

namespace mktows::sandbox {

class Engine {
public:
    /// Makes or loads the data (throws mktows::Error for a bad --data file).
    explicit Engine(const Options& options);

    const Options& options() const noexcept { return options_; }
    const DataSet& data() const noexcept { return data_; }
    const UpdateIndex& updates() const noexcept { return *updates_; }
    const LeadQueries& queries() const noexcept { return *queries_; }

    /// What happens to a call once its request has been read.
    enum class Admission { proceed, drop, http_error };
    /// Sleeps --latency-ms (cut short by stop), rolls --fail-rate (drop:
    /// close the connection without a response) and --http-error-rate
    /// (http_error: answer HTTP 503), then checks the AuthenticationHeader
    /// (20014, 20016), the concurrency cap (20024), the daily quota (20015)
    /// and the rate limit (20023), and rolls --fault-rate (10001 or 20011),
    /// throwing ServiceFault. calls_in_progress counts this call.
    Admission admit(const std::optional<AuthenticationHeader>& header, int calls_in_progress);
    /// Sleeps --latency-per-lead-ms for each of `leads` (cut short by stop).
    void delay_for_leads(std::size_t leads);

    /// Gives `count` leads, picked by the seeded generator, updatedAt = now.
    void churn(std::size_t count, std::int64_t now);

    /// Wakes calls sleeping in their latency; later sleeps return at once.
    void stop_sleeping();
    void resume_sleeping();

    // ---- counters and the call log ----------------------------------------
    int enter_call();  ///< returns the number of calls in progress, this one included
    void leave_call();
    void count_call(bool fault, bool dropped);
    void count_http_error() { http_errors_.fetch_add(1, std::memory_order_relaxed); }
    void count_connection() { connections_.fetch_add(1, std::memory_order_relaxed); }
    Stats stats() const;
    void set_log(std::ostream* log) { log_ = log; }
    /// One line on the log when --verbose (never a secret).
    void log(const std::string& line);

private:
    Options options_;
    DataSet data_;
    std::unique_ptr<UpdateIndex> updates_;
    StreamPositionCodec positions_;
    std::unique_ptr<LeadQueries> queries_;
    Authenticator authenticator_;
    RateLimiter rate_;
    DailyQuota quota_;
    FailureDice dice_;
    FailureDice http_error_dice_;
    FailureDice fault_dice_;
    std::atomic<std::uint64_t> internal_faults_{0};  // alternates 10001 and 20011

    std::mutex churn_mutex_;
    std::uint64_t churn_state_;

    std::mutex sleep_mutex_;
    std::condition_variable sleep_cv_;
    bool stop_sleeping_ = false;

    std::atomic<int> in_progress_{0};
    std::atomic<int> max_in_progress_{0};
    std::atomic<std::int64_t> calls_{0}, faults_{0}, dropped_{0}, connections_{0}, http_errors_{0};
    std::mutex log_mutex_;
    std::ostream* log_ = nullptr;
};

}  // namespace mktows::sandbox

#endif
