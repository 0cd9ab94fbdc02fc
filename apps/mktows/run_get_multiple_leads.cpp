#include "run_get_multiple_leads.hpp"

#include <optional>
#include <string>

#include "client_settings.hpp"
#include "embedded_sandbox.hpp"
#include "export_options.hpp"
#include "export_report.hpp"
#include "lead_query.hpp"
#include "mktows/connection.hpp"
#include "mktows/error.hpp"
#include "mktows/export.hpp"
#include "option_values.hpp"
#include "output_target.hpp"
#include "progress_line.hpp"

namespace mktows_cli {

namespace {

/// The exporter, drawing on line when the progress line is wanted.
mktows::Exporter make_exporter(mktows::ClientOptions options, const GetMultipleLeadsArgs& args, ProgressLine& line) {
    mktows::ExportOptions export_options = exporter_options(args.bulk);
    if (progress_wanted(args.bulk, args.quiet))
        export_options.on_progress = [&line](const mktows::ExportProgress& p) { line.draw(p); };
    return mktows::Exporter(mktows::make_connection(std::move(options)), std::move(export_options));
}

/// --checkpoint: the library's resumable file export.
void export_checkpointed(mktows::ClientOptions options, const LeadQuery& query, const GetMultipleLeadsArgs& args) {
    if (args.output.empty() || args.output == "-")
        usage_error("--checkpoint needs --output FILE: a resumed export cuts its output back to the last "
                    "checkpoint, which standard output cannot do");
    if (is_special_file(args.output))
        usage_error("--checkpoint needs --output to be a regular file (a resumed export cuts it back); " +
                    args.output + " is not one");
    mktows::ExportSummary summary;
    {
        ProgressLine line(progress_wanted(args.bulk, args.quiet));
        mktows::Exporter exporter = make_exporter(std::move(options), args, line);
        summary = exporter.run(query.request, mktows::ExportFile(args.output, query.format, query.attributes));
    }  // the progress line ends before anything else is printed
    if (!args.quiet) print_export_report(summary, args.output, query.format);
}

/// Standard output, or a file renamed into place at the end.
void export_plain(mktows::ClientOptions options, const LeadQuery& query, const GetMultipleLeadsArgs& args) {
    OutputTarget target(args.output);
    mktows::CsvOptions csv;
    csv.columns = query.attributes;
    csv.spool_dir = target.spool_dir();
    std::unique_ptr<mktows::LeadWriter> writer = mktows::make_lead_writer(query.format, target.sink(), csv);
    mktows::ExportSummary summary;
    {
        ProgressLine line(progress_wanted(args.bulk, args.quiet));
        mktows::Exporter exporter = make_exporter(std::move(options), args, line);
        summary = exporter.run(query.request, *writer);
    }
    target.commit();
    if (!args.quiet) print_export_report(summary, target.display_name(), query.format);
}

}  // namespace

void run_get_multiple_leads(const GetMultipleLeadsArgs& args) {
    if (args.secret_on_command_line)
        usage_error("the secret key is never taken from the command line (it would show in ps and the shell "
                    "history); set MKTOWS_SECRET_KEY or give --secret-file FILE");
    const LeadQuery query = build_lead_query(args);

    std::optional<EmbeddedSandbox> sandbox;
    mktows::ClientOptions options;
    if (args.sandbox) {
        if (args.connection_flags_given)
            usage_error("--sandbox brings its own endpoint and demo account; leave out --endpoint, --user-id and "
                        "--secret-file (or leave out --sandbox)");
        apply_transport_options(args, options);
        sandbox.emplace();
        sandbox->configure(options);
    } else {
        options = client_options(args);
    }
    apply_limits_and_retries(args.bulk, options);
    options.validate();
    exporter_options(args.bulk);  // bad export options are refused before any output is made

    if (!args.bulk.checkpoint.empty())
        export_checkpointed(std::move(options), query, args);
    else
        export_plain(std::move(options), query, args);
}

}  // namespace mktows_cli
