// The bulk-export options of get-multiple-leads: their flags, and turning
// them into the client's limits and retries and the exporter's options.
#ifndef MKTOWS_CLI_EXPORT_OPTIONS_HPP
#define MKTOWS_CLI_EXPORT_OPTIONS_HPP

#include <CLI/CLI.hpp>

#include "export_args.hpp"
#include "mktows/export.hpp"
#include "mktows/options.hpp"

namespace mktows_cli {

/// Adds --parallel, --window-days, --checkpoint, --max-calls, --rate-limit,
/// --max-concurrency, --initial-backoff, --max-backoff, --progress and
/// --no-progress, and their notes to the help footer.
void add_export_options(CLI::App& command, ExportArgs& args);

/// Sets the rate limit, concurrency cap, call budget and backoff bounds.
/// Throws Error(invalid_argument) naming the option.
void apply_export_limits(const ExportArgs& args, mktows::ClientOptions& options);

/// Parallelism, window length and checkpoint. Throws Error(invalid_argument).
mktows::ExportOptions exporter_options(const ExportArgs& args);

/// Whether to draw the progress line: --progress, else not with --no-progress
/// or --quiet, else when standard error is a terminal.
bool progress_wanted(const ExportArgs& args, bool quiet);

}  // namespace mktows_cli

#endif
