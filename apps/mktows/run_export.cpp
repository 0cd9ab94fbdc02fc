#include "run_export.hpp"

#include <cstdio>

#include "export_options.hpp"
#include "mktows/connection.hpp"
#include "mktows/error.hpp"
#include "progress_line.hpp"

namespace mktows_cli {

namespace {

mktows::ExportOptions with_progress(const ExportArgs& args, bool quiet, ProgressLine& line) {
    mktows::ExportOptions options = exporter_options(args);
    if (progress_wanted(args, quiet))
        options.on_progress = [&line](const mktows::ExportProgress& p) { line.draw(p); };
    return options;
}

}  // namespace

mktows::ExportSummary export_to_writer(mktows::ClientOptions options, const mktows::GetMultipleLeadsRequest& request,
                                       mktows::LeadWriter& writer, const ExportArgs& args, bool quiet) {
    ProgressLine line(progress_wanted(args, quiet));
    mktows::Exporter exporter(mktows::make_connection(std::move(options)), with_progress(args, quiet, line));
    return exporter.run(request, writer);  // the line ends (destructor) before any error is printed
}

mktows::ExportSummary export_to_checkpointed_file(mktows::ClientOptions options, const LeadQuery& query,
                                                  const std::string& output, const ExportArgs& args, bool quiet) {
    if (output.empty() || output == "-")
        throw mktows::Error(mktows::ErrorKind::invalid_argument,
                            "--checkpoint needs --output FILE: a resumed export cuts its output back to the last "
                            "checkpoint, which standard output cannot do");
    ProgressLine line(progress_wanted(args, quiet));
    mktows::Exporter exporter(mktows::make_connection(std::move(options)), with_progress(args, quiet, line));
    return exporter.run(query.request, mktows::ExportFile(output, query.format, query.attributes));
}

ExportSummary to_cli_summary(const mktows::ExportSummary& s) {
    ExportSummary out;
    out.leads = s.leads;
    out.pages = s.pages;
    out.calls = s.calls;
    out.retries = s.retries;
    out.bytes = s.bytes;
    out.elapsed = s.elapsed;
    return out;
}

void print_export_notes(const mktows::ExportSummary& s) {
    if (s.resumed) std::fprintf(stderr, "mktows: resumed from the checkpoint; the counts include earlier runs\n");
    if (s.duplicates > 0)
        std::fprintf(stderr, "mktows: %lld leads seen again (changed while exporting) were written once\n",
                     static_cast<long long>(s.duplicates));
    if (s.range && s.next_updated_since) {
        std::fprintf(stderr, "mktows: leads updated %s to %s%s; next incremental export: --updated-since %s\n",
                     mktows::format_w3c_utc(s.range->oldest).c_str(), mktows::format_w3c_utc(s.range->latest).c_str(),
                     s.end_pinned ? " (the end is the export's start: an \"as of\" snapshot)" : "",
                     mktows::format_w3c_utc(*s.next_updated_since).c_str());
    }
}

}  // namespace mktows_cli
