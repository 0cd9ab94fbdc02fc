// mktows::Exporter: runs an export into a writer or a file and reports
// what it did, or explains why it stopped.
#include <chrono>
#include <exception>

#include "export/export_engine.hpp"
#include "export/export_output.hpp"
#include "export/export_query.hpp"
#include "export/export_stop.hpp"
#include "export/file_export.hpp"
#include "mktows/error.hpp"
#include "mktows/export.hpp"

namespace mktows {

using namespace detail;

namespace {

ExportSummary make_summary(const ExportQuery& query, const EngineResult& r, const CallStats& before,
                           const CallStats& after, std::chrono::steady_clock::time_point started) {
    ExportSummary s;
    s.leads = r.leads_written;
    s.duplicates = r.duplicates;
    s.pages = r.pages;
    s.units = r.units;
    s.calls = after.calls - before.calls;
    s.retries = after.retries - before.retries;
    s.elapsed = std::chrono::steady_clock::now() - started;
    if (query.range) {
        s.range = query.range;
        s.end_pinned = query.open_range;
        s.next_updated_since = std::chrono::time_point_cast<std::chrono::seconds>(query.range->latest) +
                               std::chrono::seconds(1);
    }
    return s;
}

}  // namespace

Exporter::Exporter(std::shared_ptr<Connection> connection, ExportOptions options)
    : connection_(std::move(connection)), options_(std::move(options)) {
    if (!connection_) throw Error(ErrorKind::invalid_argument, "Exporter needs a connection; none was given");
    options_.validate();
}

ExportSummary Exporter::run(const GetMultipleLeadsRequest& request, LeadWriter& writer) {
    if (!options_.checkpoint_file.empty())
        throw Error(ErrorKind::invalid_argument,
                    "a checkpointed export needs an output it can cut back on resume: use "
                    "Exporter::run(request, ExportFile), or leave ExportOptions::checkpoint_file empty");
    const auto started = std::chrono::steady_clock::now();
    const CallStats before = connection_->stats();
    const ExportQuery query = make_export_query(request, export_now(options_));
    WriterOutput output(writer);
    IdSet ids;

    EngineSetup setup;
    setup.query = &query;
    setup.units = plan_units(query, options_.window_days);
    setup.spool_dir = spool_directory(options_);
    setup.output = &output;
    setup.ids = &ids;
    ExportEngine engine(*connection_, options_, std::move(setup));
    EngineResult result;
    try {
        result = engine.run();
    } catch (...) {
        rethrow_stopped(std::current_exception(), engine.leads_written(), std::nullopt, export_now(options_));
    }
    output.finish();
    ExportSummary s = make_summary(query, result, before, connection_->stats(), started);
    s.bytes = output.bytes();
    return s;
}

ExportSummary Exporter::run(const GetMultipleLeadsRequest& request, const ExportFile& file) {
    check_file(file);
    const auto started = std::chrono::steady_clock::now();
    const CallStats before = connection_->stats();
    FileExportState st;
    st.paths.target = absolute_path(file.path);
    if (options_.checkpoint_file.empty()) {
        start_plain(request, file, options_, st);
    } else {
        // A name the next run finds again, to resume.
        st.paths.partial = directory_of(st.paths.target) + "/." + base_name_of(st.paths.target) + ".mktows-partial";
        start_checkpointed(request, file, options_, st);
    }

    if (const auto& done = st.already_finished) {
        complete_file(st);
        const EngineResult r{done->leads_written, done->duplicates, done->pages, static_cast<int>(done->units.size())};
        ExportSummary s = make_summary(*st.query, r, before, connection_->stats(), started);
        s.resumed = true;
        return s;
    }

    RemoveUnlessKept partial_guard(st.paths.partial);
    if (st.checkpoint_path) partial_guard.keep();  // kept for resuming
    st.setup.query = &*st.query;
    st.setup.output = st.output.get();
    st.setup.ids = &st.ids;
    ExportEngine engine(*connection_, options_, std::move(st.setup));
    EngineResult result;
    try {
        result = engine.run();
    } catch (...) {
        rethrow_stopped(std::current_exception(), engine.leads_written(), st.checkpoint_path, export_now(options_));
    }
    st.output->finish();
    complete_file(st);
    partial_guard.keep();
    ExportSummary s = make_summary(*st.query, result, before, connection_->stats(), started);
    s.bytes = st.output->bytes();
    s.resumed = st.resumed;
    return s;
}

}  // namespace mktows
