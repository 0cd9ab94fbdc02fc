#include "export_options.hpp"

#include <unistd.h>

#include "mktows/error.hpp"
#include "option_values.hpp"

namespace mktows_cli {

namespace {

// CALLS/SECONDS, e.g. 100/20; "0" or "off" turns the limiter off.
void parse_rate_limit(const std::string& text, mktows::LimitOptions& limits) {
    if (text == "0" || text == "off") {
        limits.rate_calls = 0;
        return;
    }
    const std::size_t slash = text.find('/');
    if (slash == std::string::npos)
        usage_error("--rate-limit must be CALLS/SECONDS, e.g. 100/20 (Marketo's limit: 100 calls in any 20 "
                    "seconds), or off; not '" + text + "'");
    limits.rate_calls = parse_int_option("--rate-limit", text.substr(0, slash), 1, 100000,
                                         "calls in the period, before the '/'");
    limits.rate_period = parse_seconds_option("--rate-limit", text.substr(slash + 1));
}

}  // namespace

void apply_limits_and_retries(const ExportArgs& a, mktows::ClientOptions& options) {
    mktows::LimitOptions& limits = options.limits;
    if (!a.rate_limit.empty()) parse_rate_limit(a.rate_limit, limits);
    if (!a.max_concurrency.empty())
        limits.max_concurrency = parse_int_option("--max-concurrency", a.max_concurrency, 0, 100,
                                                  "Marketo allows 10; 0 removes the cap");
    if (!a.max_calls.empty())
        limits.max_calls = parse_int_option("--max-calls", a.max_calls, 1, 1000000000,
                                            "Marketo's daily quota is 10000 calls");
    mktows::RetryOptions& retry = options.retry;
    if (!a.max_retries.empty())
        retry.max_retries = parse_int_option("--max-retries", a.max_retries, 0, 100, "0 turns retrying off");
    if (!a.initial_backoff.empty()) retry.initial_backoff = parse_seconds_option("--initial-backoff", a.initial_backoff);
    if (!a.max_backoff.empty()) retry.max_backoff = parse_seconds_option("--max-backoff", a.max_backoff);
    if (retry.max_backoff < retry.initial_backoff)
        usage_error("--max-backoff (" + std::to_string(retry.max_backoff.count()) + " ms) is shorter than "
                    "--initial-backoff (" + std::to_string(retry.initial_backoff.count()) + " ms); raise --max-backoff");
}

mktows::ExportOptions exporter_options(const ExportArgs& a) {
    mktows::ExportOptions options;
    if (!a.parallel.empty())
        options.parallel = parse_int_option("--parallel", a.parallel, 1, mktows::max_parallel,
                                            "Marketo allows 10 concurrent calls");
    if (!a.window_days.empty())
        options.window_days = parse_int_option("--window-days", a.window_days, 1, mktows::max_window_days,
                                               "Marketo refuses LastUpdateAt ranges over 30 days");
    options.checkpoint_file = a.checkpoint;
    if (a.progress && a.no_progress) usage_error("--progress and --no-progress contradict each other; give one");
    return options;
}

bool progress_wanted(const ExportArgs& a, bool quiet) {
    if (a.progress) return true;
    if (a.no_progress || quiet) return false;
    return ::isatty(STDERR_FILENO) == 1;
}

}  // namespace mktows_cli
