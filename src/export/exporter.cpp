// mktows::Exporter: sets up an export (query, units, spools, output,
// checkpoint), runs the engine and finishes or explains the stop.
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <exception>
#include <memory>

#include "export/checkpoint.hpp"
#include "export/checkpoint_lock.hpp"
#include "export/export_engine.hpp"
#include "export/export_output.hpp"
#include "export/export_query.hpp"
#include "export/posix_file.hpp"
#include "export/quota_reset.hpp"
#include "export/text_escape.hpp"
#include "mktows/error.hpp"
#include "mktows/export.hpp"

namespace mktows {

using namespace detail;

namespace {

TimePoint now_of(const ExportOptions& options) {
    return options.clock ? options.clock() : std::chrono::system_clock::now();
}

std::string spool_parent(const ExportOptions& options) {
    if (!options.work_dir.empty()) return options.work_dir;
    const char* tmp = std::getenv("TMPDIR");
    return tmp && *tmp ? tmp : "/tmp";
}

// A file removed unless the export succeeded.
class RemoveUnlessKept {
public:
    explicit RemoveUnlessKept(std::string path) : path_(std::move(path)) {}
    ~RemoveUnlessKept() {
        if (!kept_) ::unlink(path_.c_str());
    }
    RemoveUnlessKept(const RemoveUnlessKept&) = delete;
    RemoveUnlessKept& operator=(const RemoveUnlessKept&) = delete;
    void keep() noexcept { kept_ = true; }

private:
    std::string path_;
    bool kept_ = false;
};

std::string how_to_continue(const std::optional<std::string>& checkpoint) {
    if (checkpoint)
        return "its progress is saved in the checkpoint '" + *checkpoint +
               "': run the same export again (same query, output and checkpoint) to continue where it stopped";
    return "without a checkpoint it cannot be continued: run it again, with a checkpoint file "
           "(ExportOptions::checkpoint_file, mktows --checkpoint FILE) so that a stop can be continued";
}

std::string leads_text(std::int64_t n) { return std::to_string(n) + (n == 1 ? " lead" : " leads"); }

// Rethrows the error that stopped an export, saying what was done and how
// to go on. Keeps the kind, code, HTTP status and attempts.
[[noreturn]] void rethrow_stopped(std::exception_ptr error, std::int64_t leads,
                                  const std::optional<std::string>& checkpoint, TimePoint now) {
    try {
        std::rethrow_exception(error);
    } catch (const Error& e) {
        std::string message;
        if (e.kind() == ErrorKind::budget_exhausted) {
            message = std::string(e.what()) + "; the export stopped cleanly with " + leads_text(leads) +
                      " written; " + how_to_continue(checkpoint);
        } else if (e.kind() == ErrorKind::service_fault && e.service_code() == fault_code::request_limit_exceeded) {
            message = "Marketo's daily call quota is spent (fault 20015: " + std::string(e.what()) +
                      "); it resets " + describe_quota_reset(now) + "; the export stopped with " +
                      leads_text(leads) + " written; " + how_to_continue(checkpoint) + " after the reset";
        } else {
            message = std::string(e.what()) + "; the export stopped with " + leads_text(leads) + " written; " +
                      how_to_continue(checkpoint);
        }
        Error out(e.kind(), message, e.service_code(), e.http_status());
        out.set_attempts(e.attempts());
        throw out;
    }
}

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

void check_file(const ExportFile& file) {
    if (file.path.empty() || file.path == "-")
        throw Error(ErrorKind::invalid_argument,
                    "ExportFile::path is empty; give the file to write (to write elsewhere, use "
                    "Exporter::run with a LeadWriter)");
    if (file.path.back() == '/')
        throw Error(ErrorKind::invalid_argument, "the output '" + file.path + "' names a directory; give a file");
    struct stat st {};
    if (::stat(file.path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
        throw Error(ErrorKind::invalid_argument, "the output '" + file.path + "' is a directory; give a file");
    const std::string dir = directory_of(absolute_path(file.path));
    if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        throw Error(ErrorKind::invalid_argument,
                    "the directory of the output '" + file.path + "' does not exist; make it or give another path");
    if (file.csv_columns && file.format != OutputFormat::csv)
        throw Error(ErrorKind::invalid_argument, "ExportFile::csv_columns is set for a JSONL output; set it for CSV only");
}

std::string file_identity(const ExportQuery& query, const ExportFile& file, const std::string& target) {
    std::string id = query.identity + " format=" + std::string(to_string(file.format)) + " output=" + escape_token(target);
    if (file.csv_columns) {
        id += " columns=";
        for (std::size_t i = 0; i < file.csv_columns->size(); ++i)
            id += (i ? "," : "") + escape_token((*file.csv_columns)[i]);
    }
    return id;
}

struct FilePaths {
    std::string target;      // the finished file
    std::string partial;     // JSONL while running; CSV while finishing
    std::string merge_file;  // CSV: the merged lead records
};

std::unique_ptr<ExportOutput> open_output(const ExportFile& file, const FilePaths& paths,
                                          std::optional<std::uint64_t> resume_length, IdSet& ids,
                                          ResumedContent& content) {
    if (file.format == OutputFormat::csv)
        return std::make_unique<CsvMergeOutput>(paths.merge_file, paths.partial, file.csv_columns, resume_length, ids,
                                                content);
    if (resume_length) return std::make_unique<JsonlFileOutput>(paths.partial, *resume_length, ids, content);
    return std::make_unique<JsonlFileOutput>(paths.partial);
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
    const ExportQuery query = make_export_query(request, now_of(options_));
    WriterOutput output(writer);
    IdSet ids;

    EngineSetup setup;
    setup.query = &query;
    setup.units = plan_units(query, options_.window_days);
    setup.spool_dir = spool_parent(options_);
    setup.output = &output;
    setup.ids = &ids;
    ExportEngine engine(*connection_, options_, std::move(setup));
    EngineResult result;
    try {
        result = engine.run();
    } catch (...) {
        rethrow_stopped(std::current_exception(), engine.leads_written(), std::nullopt, now_of(options_));
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
    FilePaths paths;
    paths.target = absolute_path(file.path);
    paths.partial = directory_of(paths.target) + "/." + base_name_of(paths.target) + ".mktows-partial";

    EngineSetup setup;
    IdSet ids;
    ResumedContent content;
    std::unique_ptr<ExportOutput> output;
    std::optional<ExportQuery> query;
    std::optional<CheckpointLock> lock;
    bool resumed = false;

    if (options_.checkpoint_file.empty()) {
        query.emplace(make_export_query(request, now_of(options_)));
        setup.spool_dir = spool_parent(options_);
        output = std::make_unique<FileWriterOutput>(paths.partial, file.format, file.csv_columns, setup.spool_dir);
        setup.units = plan_units(*query, options_.window_days);
    } else {
        const std::string checkpoint_path = absolute_path(options_.checkpoint_file);
        setup.checkpoint_path = checkpoint_path;
        setup.spool_dir = checkpoint_path + ".work";
        paths.merge_file = setup.spool_dir + "/merged.records";
        lock.emplace(setup.spool_dir, checkpoint_path);
        std::optional<Checkpoint> saved = load_checkpoint(checkpoint_path);
        if (saved) {
            query.emplace(saved->pinned_latest ? make_export_query_pinned(request, *saved->pinned_latest)
                                               : make_export_query(request, now_of(options_)));
            const std::string identity = file_identity(*query, file, paths.target);
            if (identity != saved->identity)
                throw Error(ErrorKind::invalid_argument,
                            "the checkpoint '" + checkpoint_path + "' belongs to another export (it was made for: " +
                                saved->identity + "; this export is: " + identity +
                                "); give another checkpoint file, or delete this one and its .work directory to "
                                "start over");
            if (saved->finished) {
                // Stopped between finishing the file and removing the checkpoint.
                if (file_exists(paths.partial)) rename_file(paths.partial, paths.target);
                remove_file(checkpoint_path);
                lock->remove_work_dir();
                EngineResult r{saved->leads_written, saved->duplicates, saved->pages,
                               static_cast<int>(saved->units.size())};
                ExportSummary s = make_summary(*query, r, before, connection_->stats(), started);
                s.resumed = true;
                return s;
            }
            output = open_output(file, paths, saved->output_length, ids, content);
            setup.units = std::move(saved->units);
            setup.checkpoint_base = *saved;
            setup.checkpoint_base.units.clear();
            setup.leads_written = content.leads;
            setup.duplicates = saved->duplicates;
            setup.pages = saved->pages;
            resumed = true;
        } else {
            query.emplace(make_export_query(request, now_of(options_)));
            lock->clear_work_dir();  // left by an export whose checkpoint is gone
            output = open_output(file, paths, std::nullopt, ids, content);
            setup.units = plan_units(*query, options_.window_days);
            Checkpoint& base = setup.checkpoint_base;
            base.identity = file_identity(*query, file, paths.target);
            if (query->open_range) base.pinned_latest = query->range->latest;
            base.window_days = options_.window_days;
            // Recorded before the first call: the pinned end, the units.
            Checkpoint first = base;
            first.units = setup.units;
            save_checkpoint(checkpoint_path, first);
        }
    }

    RemoveUnlessKept partial_guard(paths.partial);
    if (setup.checkpoint_path) partial_guard.keep();  // kept for resuming
    setup.query = &*query;
    setup.output = output.get();
    setup.ids = &ids;
    const std::optional<std::string> checkpoint_path = setup.checkpoint_path;
    ExportEngine engine(*connection_, options_, std::move(setup));
    EngineResult result;
    try {
        result = engine.run();
    } catch (...) {
        rethrow_stopped(std::current_exception(), engine.leads_written(), checkpoint_path, now_of(options_));
    }
    output->finish();
    if (checkpoint_path) {
        if (std::optional<Checkpoint> last = load_checkpoint(*checkpoint_path)) {
            last->finished = true;
            save_checkpoint(*checkpoint_path, *last);
        }
    }
    rename_file(paths.partial, paths.target);
    partial_guard.keep();
    if (checkpoint_path) {
        remove_file(*checkpoint_path);
        lock->remove_work_dir();
    }
    ExportSummary s = make_summary(*query, result, before, connection_->stats(), started);
    s.bytes = output->bytes();
    s.resumed = resumed;
    return s;
}

}  // namespace mktows
