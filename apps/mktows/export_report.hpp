// What get-multiple-leads prints on standard error after a successful
// export: the summary line and notes (resumed, duplicates, the range and
// the next incremental export).
#ifndef MKTOWS_CLI_EXPORT_REPORT_HPP
#define MKTOWS_CLI_EXPORT_REPORT_HPP

#include <string>

#include "mktows/export.hpp"
#include "mktows/output.hpp"

namespace mktows_cli {

/// "mktows: 225 leads written to t.jsonl (jsonl, 128094 bytes) in 2 calls, 0.16 s"
/// and the notes that apply, each a line.
void print_export_report(const mktows::ExportSummary& summary, const std::string& where,
                         mktows::OutputFormat format);

}  // namespace mktows_cli

#endif
