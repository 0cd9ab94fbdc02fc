// Validation of ExportOptions.
#include <string>

#include "mktows/error.hpp"
#include "mktows/export.hpp"

namespace mktows {

namespace {

[[noreturn]] void invalid(const std::string& message) { throw Error(ErrorKind::invalid_argument, message); }

}  // namespace

void ExportOptions::validate() const {
    if (parallel < 1 || parallel > max_parallel)
        invalid("ExportOptions::parallel is " + std::to_string(parallel) + "; use 1 to " +
                std::to_string(max_parallel) + " (Marketo allows at most 10 concurrent calls)");
    if (window_days < 1 || window_days > max_window_days)
        invalid("ExportOptions::window_days is " + std::to_string(window_days) + "; use 1 to " +
                std::to_string(max_window_days) + " (Marketo refuses LastUpdateAt ranges over 30 days)");
    if (max_stream_restarts < 0)
        invalid("ExportOptions::max_stream_restarts is " + std::to_string(max_stream_restarts) +
                "; use 0 (never restart after 20122) or more");
    if (progress_interval.count() <= 0)
        invalid("ExportOptions::progress_interval must be positive (it is " +
                std::to_string(progress_interval.count()) + " ms)");
}

}  // namespace mktows
