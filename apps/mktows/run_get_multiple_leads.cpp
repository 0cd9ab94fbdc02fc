#include "run_get_multiple_leads.hpp"

#include <cstdio>
#include <optional>
#include <string>

#include "client_settings.hpp"
#include "embedded_sandbox.hpp"
#include "export_leads.hpp"
#include "export_options.hpp"
#include "lead_query.hpp"
#include "mktows/error.hpp"
#include "output_target.hpp"
#include "run_export.hpp"

namespace mktows_cli {

using mktows::Error;
using mktows::ErrorKind;

namespace {

std::string plural(std::int64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

void print_summary(const ExportSummary& s, const std::string& where, mktows::OutputFormat format) {
    const double seconds = std::chrono::duration<double>(s.elapsed).count();
    std::string line = "mktows: " + plural(s.leads, "lead", "leads") + " written to " + where + " (" +
                       std::string(mktows::to_string(format)) + ", " + std::to_string(s.bytes) + " bytes) in " +
                       plural(s.calls, "call", "calls");
    if (s.retries > 0) line += " (" + plural(s.retries, "retry", "retries") + ")";
    char elapsed[32];
    std::snprintf(elapsed, sizeof elapsed, ", %.2f s", seconds);
    line += elapsed;
    std::fprintf(stderr, "%s\n", line.c_str());
}

}  // namespace

void run_get_multiple_leads(const GetMultipleLeadsArgs& args) {
    if (args.secret_on_command_line) {
        throw Error(ErrorKind::invalid_argument,
                    "the secret key is never taken from the command line (it would show in ps and the "
                    "shell history); set MKTOWS_SECRET_KEY or give --secret-file FILE");
    }
    LeadQuery query = build_lead_query(args);

    std::optional<EmbeddedSandbox> sandbox;
    mktows::ClientOptions options;
    if (args.sandbox) {
        if (args.connection_flags_given) {
            throw Error(ErrorKind::invalid_argument,
                        "--sandbox brings its own endpoint and demo account; leave out --endpoint, "
                        "--user-id and --secret-file (or leave out --sandbox)");
        }
        apply_transport_options(args, options);
        sandbox.emplace();
        sandbox->configure(options);
    } else {
        options = client_options(args);
    }
    apply_export_limits(args.bulk, options);
    options.validate();
    exporter_options(args.bulk);  // bad export options are refused before any output is made

    if (!args.bulk.checkpoint.empty()) {
        const mktows::ExportSummary result =
            export_to_checkpointed_file(std::move(options), query, args.output, args.bulk, args.quiet);
        if (!args.quiet) {
            print_summary(to_cli_summary(result), args.output, query.format);
            print_export_notes(result);
        }
        return;
    }

    OutputTarget target(args.output);
    mktows::CsvOptions csv;
    csv.columns = query.attributes;
    csv.spool_dir = target.spool_dir();
    std::unique_ptr<mktows::LeadWriter> writer = mktows::make_lead_writer(query.format, target.sink(), csv);

    const mktows::ExportSummary result =
        export_to_writer(std::move(options), query.request, *writer, args.bulk, args.quiet);
    target.commit();
    if (!args.quiet) {
        print_summary(to_cli_summary(result), target.display_name(), query.format);
        print_export_notes(result);
    }
}

}  // namespace mktows_cli
