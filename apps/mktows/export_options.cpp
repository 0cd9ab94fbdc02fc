#include "export_options.hpp"

#include <unistd.h>

#include <cstdlib>

#include "mktows/error.hpp"
#include "option_values.hpp"

namespace mktows_cli {

namespace {

const char* const export_footer = R"(

Bulk export (every selector):
  Work is split into units: --updated-since/--updated-until into windows of
  at most --window-days days (default and maximum 30, Marketo's limit), keys
  into calls of 100, a static list is one unit. --parallel units are fetched
  at once (default 4, at most 10), each call on its own keep-alive
  connection; the output order is the same for any --parallel: window (or
  key) order, then the server's order. A lead seen twice (it changed while
  the export ran, or two keys name it) is written once.
  Window boundaries: both bounds are inclusive and times are whole seconds,
  so window i is [start_i, end_i] and window i+1 starts at end_i + 1 s: a
  lead updated exactly at end_i is in window i only. Without --updated-until
  the range ends at the time the export starts; the summary prints it and
  the --updated-since of the next incremental export (end + 1 s).
  A window Marketo still refuses as too long (20022) is halved and retried.
  Limits shared by every worker: --rate-limit (default 100/20: 100 calls in
  any 20 s), --max-concurrency (default 10), --max-calls (default none).
  Failed calls (transport errors, HTTP 5xx, faults 10001, 20011, 20023,
  20024) are retried up to --max-retries times with exponential backoff and
  jitter between --initial-backoff and --max-backoff; 20016 is signed again
  and retried at once; 20122 restarts that unit from its beginning; a
  timed-out page is asked for again with half the batch size.
  --checkpoint FILE makes the export resumable (needs --output): after every
  page the output, FILE and the spools in FILE.work are synced. After a
  crash, a kill, a spent --max-calls budget, the daily quota (20015, resets
  at midnight US Central time) or a failure, run the same command again to
  continue; the output then holds every lead exactly once. A checkpoint of
  another query or output is refused. FILE and FILE.work are removed when
  the export finishes; --output appears only then (JSONL is written to
  .NAME.mktows-partial beside it meanwhile; CSV is written from FILE.work at
  the end, once every attribute name is known).
  Progress (leads written, leads remaining from remainingCount, rate, ETA)
  is drawn on standard error when it is a terminal, or with --progress.)";

[[noreturn]] void usage(const std::string& message) {
    throw mktows::Error(mktows::ErrorKind::invalid_argument, message);
}

// CALLS/SECONDS, e.g. 100/20; "0" or "off" turns the limiter off.
void parse_rate_limit(const std::string& text, mktows::LimitOptions& limits) {
    if (text == "0" || text == "off") {
        limits.rate_calls = 0;
        return;
    }
    const std::size_t slash = text.find('/');
    if (slash == std::string::npos)
        usage("--rate-limit must be CALLS/SECONDS, e.g. 100/20 (Marketo's limit: 100 calls in any 20 seconds), "
              "or off; not '" + text + "'");
    limits.rate_calls = parse_int_option("--rate-limit", text.substr(0, slash), 1, 100000,
                                         "calls in the period, before the '/'");
    limits.rate_period = parse_seconds_option("--rate-limit", text.substr(slash + 1));
}

}  // namespace

void add_export_options(CLI::App& command, ExportArgs& a) {
    const std::string group = "Bulk export";
    command.add_option("--parallel", a.parallel, "Units (windows, key chunks) fetched at once, 1..10 (default 4)")
        ->type_name("N")->group(group);
    command.add_option("--window-days", a.window_days,
                       "Longest LastUpdateAt window per call, 1..30 days (default 30)")
        ->type_name("N")->group(group);
    command.add_option("--checkpoint", a.checkpoint,
                       "Make the export resumable: progress in FILE, run the same command again to continue "
                       "(needs --output)")
        ->type_name("FILE")->group(group);
    command.add_option("--max-calls", a.max_calls,
                       "Stop cleanly after N calls (retries count); with --checkpoint, continue later")
        ->type_name("N")->group(group);
    command.add_option("--rate-limit", a.rate_limit,
                       "At most CALLS calls in any SECONDS, shared by all workers (default 100/20; off)")
        ->type_name("CALLS/SECONDS")->group(group);
    command.add_option("--max-concurrency", a.max_concurrency,
                       "At most N calls in flight, 0..100 (default 10; 0: no cap)")
        ->type_name("N")->group(group);
    command.add_option("--initial-backoff", a.initial_backoff,
                       "Longest wait before the first retry; doubles per retry (default 0.5)")
        ->type_name("SECONDS")->group(group);
    command.add_option("--max-backoff", a.max_backoff, "Longest wait between retries (default 30)")
        ->type_name("SECONDS")->group(group);
    command.add_flag("--progress", a.progress, "Draw the progress line even when stderr is not a terminal")
        ->group(group);
    command.add_flag("--no-progress", a.no_progress, "Never draw the progress line")->group(group);
    command.footer(command.get_footer() + export_footer);
}

void apply_export_limits(const ExportArgs& a, mktows::ClientOptions& options) {
    mktows::LimitOptions& limits = options.limits;
    if (!a.rate_limit.empty()) parse_rate_limit(a.rate_limit, limits);
    if (!a.max_concurrency.empty())
        limits.max_concurrency = parse_int_option("--max-concurrency", a.max_concurrency, 0, 100,
                                                  "Marketo allows 10; 0 removes the cap");
    if (!a.max_calls.empty())
        limits.max_calls = parse_int_option("--max-calls", a.max_calls, 1, 1000000000,
                                            "Marketo's daily quota is 10000 calls");
    mktows::RetryOptions& retry = options.retry;
    if (!a.initial_backoff.empty()) retry.initial_backoff = parse_seconds_option("--initial-backoff", a.initial_backoff);
    if (!a.max_backoff.empty()) retry.max_backoff = parse_seconds_option("--max-backoff", a.max_backoff);
    if (retry.max_backoff < retry.initial_backoff)
        usage("--max-backoff (" + std::to_string(retry.max_backoff.count()) + " ms) is shorter than "
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
    if (a.progress && a.no_progress) usage("--progress and --no-progress contradict each other; give one");
    return options;
}

bool progress_wanted(const ExportArgs& a, bool quiet) {
    if (a.progress) return true;
    if (a.no_progress || quiet) return false;
    return ::isatty(STDERR_FILENO) == 1;
}

}  // namespace mktows_cli
