// The bulk-export options of get-multiple-leads as the client's limits and
// retries and the exporter's options.
#ifndef MKTOWS_CLI_EXPORT_OPTIONS_HPP
#define MKTOWS_CLI_EXPORT_OPTIONS_HPP

#include "export_args.hpp"
#include "mktows/export.hpp"
#include "mktows/options.hpp"

namespace mktows_cli {

/// Sets the rate limit, concurrency cap, call budget, retries and backoff
/// bounds. Throws Error(invalid_argument) naming the option.
void apply_limits_and_retries(const ExportArgs& args, mktows::ClientOptions& options);

/// Parallelism, window length and checkpoint. Throws Error(invalid_argument).
mktows::ExportOptions exporter_options(const ExportArgs& args);

/// Whether to draw the progress line: --progress, else not with --no-progress
/// or --quiet, else when standard error is a terminal.
bool progress_wanted(const ExportArgs& args, bool quiet);

}  // namespace mktows_cli

#endif
