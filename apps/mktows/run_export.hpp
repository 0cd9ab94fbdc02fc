// get-multiple-leads through mktows::Exporter: windows and key chunks
// fetched in parallel under the client's limits, de-duplicated, in order,
// with a progress line; resumable into --output with --checkpoint.
#ifndef MKTOWS_CLI_RUN_EXPORT_HPP
#define MKTOWS_CLI_RUN_EXPORT_HPP

#include <string>

#include "export_args.hpp"
#include "export_leads.hpp"
#include "lead_query.hpp"
#include "mktows/export.hpp"
#include "mktows/options.hpp"
#include "mktows/output.hpp"

namespace mktows_cli {

/// Every lead of the query into writer (finish()ed at the end).
mktows::ExportSummary export_to_writer(mktows::ClientOptions options, const mktows::GetMultipleLeadsRequest& request,
                                       mktows::LeadWriter& writer, const ExportArgs& args, bool quiet);

/// With --checkpoint: every lead into the file `output`, resumable.
/// Throws Error(invalid_argument) when output is standard output.
mktows::ExportSummary export_to_checkpointed_file(mktows::ClientOptions options, const LeadQuery& query,
                                                  const std::string& output, const ExportArgs& args, bool quiet);

/// The summary in the terms of the CLI's summary line.
ExportSummary to_cli_summary(const mktows::ExportSummary& summary);

/// After the summary line: duplicates skipped, a resumed export, and for a
/// LastUpdateAt range the range exported and where the next incremental
/// export starts.
void print_export_notes(const mktows::ExportSummary& summary);

}  // namespace mktows_cli

#endif
