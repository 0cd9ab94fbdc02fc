#include "engine.hpp"

#include <chrono>

#include "builtin_data.hpp"
#include "jsonl_data.hpp"
#include "service_fault.hpp"

namespace mktows::sandbox {

namespace {

std::int64_t now_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

DataSetBuilder::Result make_data(const Options& options) {
    if (!options.data_file.empty()) return load_jsonl_data(options.data_file, now_seconds());
    return make_builtin_data(options.leads, options.seed);
}

}  // namespace

Engine::Engine(const Options& options)
    : options_(options),
      authenticator_(options.user_id, options.secret_key, options.max_clock_skew),
      rate_(options.rate_limit_calls, options.rate_limit_period),
      quota_(options.daily_quota),
      dice_(options.fail_rate, options.seed),
      http_error_dice_(options.http_error_rate, options.seed ^ 0x3C6EF372FE94F82Bull),
      fault_dice_(options.fault_rate, options.seed ^ 0xA54FF53A5F1D36F1ull),
      churn_state_(options.seed ^ 0xBB67AE8584CAA73Bull) {
    DataSetBuilder::Result made = make_data(options_);
    data_ = std::move(made.data);
    updates_ = std::make_unique<UpdateIndex>(data_, std::move(made.updated_at));
    queries_ = std::make_unique<LeadQueries>(data_, *updates_, positions_);
}

Engine::Admission Engine::admit(const std::optional<AuthenticationHeader>& header, int calls_in_progress) {
    if (options_.latency.count() > 0) {
        std::unique_lock lock(sleep_mutex_);
        sleep_cv_.wait_for(lock, options_.latency, [this] { return stop_sleeping_; });
        if (stop_sleeping_) return Admission::drop;
    }
    if (dice_.roll()) return Admission::drop;
    if (http_error_dice_.roll()) return Admission::http_error;
    authenticator_.check(header, std::chrono::system_clock::now());
    if (options_.max_concurrency > 0 && calls_in_progress > options_.max_concurrency)
        throw ServiceFault(20024, std::to_string(calls_in_progress) + " calls in progress, at most " +
                                      std::to_string(options_.max_concurrency) + " allowed");
    if (!quota_.admit(std::chrono::system_clock::now()))
        throw ServiceFault(20015, "the daily quota of " + std::to_string(options_.daily_quota) +
                                      " calls is used up; it resets at midnight US Central time");
    if (!rate_.admit(std::chrono::steady_clock::now()))
        throw ServiceFault(20023, "more than " + std::to_string(options_.rate_limit_calls) + " calls in " +
                                      std::to_string(options_.rate_limit_period.count()) + " seconds");
    if (fault_dice_.roll()) {
        const bool first = internal_faults_.fetch_add(1) % 2 == 0;
        throw ServiceFault(first ? 10001 : 20011, "injected by --fault-rate");
    }
    return Admission::proceed;
}

void Engine::delay_for_leads(std::size_t leads) {
    if (options_.latency_per_lead.count() <= 0 || leads == 0) return;
    std::unique_lock lock(sleep_mutex_);
    sleep_cv_.wait_for(lock, options_.latency_per_lead * static_cast<long long>(leads),
                       [this] { return stop_sleeping_; });
}

void Engine::churn(std::size_t count, std::int64_t now) {
    if (data_.size() == 0) return;
    std::lock_guard lock(churn_mutex_);
    for (std::size_t i = 0; i < count; ++i) {
        std::uint64_t z = (churn_state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        z ^= z >> 31;
        updates_->touch(static_cast<std::size_t>(z % data_.size()), now);
    }
}

void Engine::stop_sleeping() {
    {
        std::lock_guard lock(sleep_mutex_);
        stop_sleeping_ = true;
    }
    sleep_cv_.notify_all();
}

void Engine::resume_sleeping() {
    std::lock_guard lock(sleep_mutex_);
    stop_sleeping_ = false;
}

int Engine::enter_call() {
    const int now = in_progress_.fetch_add(1) + 1;
    int seen = max_in_progress_.load();
    while (now > seen && !max_in_progress_.compare_exchange_weak(seen, now)) {
    }
    return now;
}

void Engine::leave_call() { in_progress_.fetch_sub(1); }

void Engine::count_call(bool fault, bool dropped) {
    calls_.fetch_add(1, std::memory_order_relaxed);
    if (fault) faults_.fetch_add(1, std::memory_order_relaxed);
    if (dropped) dropped_.fetch_add(1, std::memory_order_relaxed);
}

Stats Engine::stats() const {
    Stats s;
    s.calls = calls_.load();
    s.faults = faults_.load();
    s.dropped = dropped_.load();
    s.http_errors = http_errors_.load();
    s.connections = connections_.load();
    s.max_in_progress = max_in_progress_.load();
    return s;
}

void Engine::log(const std::string& line) {
    if (!options_.verbose || !log_) return;
    std::lock_guard lock(log_mutex_);
    *log_ << line << '\n' << std::flush;
}

}  // namespace mktows::sandbox
