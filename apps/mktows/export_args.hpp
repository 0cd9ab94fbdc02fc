// The bulk-export options of `mktows get-multiple-leads` as given on the
// command line, before validation.
#ifndef MKTOWS_CLI_EXPORT_ARGS_HPP
#define MKTOWS_CLI_EXPORT_ARGS_HPP

#include <string>

namespace mktows_cli {

struct ExportArgs {
    std::string parallel;         ///< --parallel N
    std::string window_days;      ///< --window-days N
    std::string checkpoint;       ///< --checkpoint FILE
    std::string max_calls;        ///< --max-calls N
    std::string rate_limit;       ///< --rate-limit CALLS/SECONDS
    std::string max_concurrency;  ///< --max-concurrency N
    std::string max_retries;      ///< --max-retries N
    std::string initial_backoff;  ///< --initial-backoff SECONDS
    std::string max_backoff;      ///< --max-backoff SECONDS
    bool progress = false;        ///< --progress
    bool no_progress = false;     ///< --no-progress
};

}  // namespace mktows_cli

#endif
