// Setting up and completing an export into a file (see file_export.hpp).
#include "export/file_export.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>

#include "export/posix_file.hpp"
#include "export/text_escape.hpp"
#include "mktows/error.hpp"

namespace mktows::detail {

TimePoint export_now(const ExportOptions& options) {
    return options.clock ? options.clock() : std::chrono::system_clock::now();
}

std::string spool_directory(const ExportOptions& options) {
    if (!options.work_dir.empty()) return options.work_dir;
    const char* tmp = std::getenv("TMPDIR");
    return tmp && *tmp ? tmp : "/tmp";
}

namespace {

std::string file_identity(const ExportQuery& query, const ExportFile& file, const std::string& target) {
    std::string id = query.identity + " format=" + std::string(to_string(file.format)) + " output=" + escape_token(target);
    if (file.csv_columns) {
        id += " columns=";
        for (std::size_t i = 0; i < file.csv_columns->size(); ++i)
            id += (i ? "," : "") + escape_token((*file.csv_columns)[i]);
    }
    return id;
}


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

RemoveUnlessKept::~RemoveUnlessKept() {
    if (!kept_) ::unlink(path_.c_str());
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

void start_plain(const GetMultipleLeadsRequest& request, const ExportFile& file, const ExportOptions& options,
                 FileExportState& st) {
    st.query.emplace(make_export_query(request, export_now(options)));
    st.setup.spool_dir = spool_directory(options);
    // A name of its own, so that exports to one file at once do not mix.
    st.paths.partial =
        create_unique_file(directory_of(st.paths.target), "." + base_name_of(st.paths.target) + ".partial-");
    try {
        st.output =
            std::make_unique<FileWriterOutput>(st.paths.partial, file.format, file.csv_columns, st.setup.spool_dir);
        st.setup.units = plan_units(*st.query, options.window_days);
    } catch (...) {
        ::unlink(st.paths.partial.c_str());
        throw;
    }
}

void start_checkpointed(const GetMultipleLeadsRequest& request, const ExportFile& file, const ExportOptions& options,
                        FileExportState& st) {
    const std::string checkpoint_path = absolute_path(options.checkpoint_file);
    if (checkpoint_path == st.paths.target || checkpoint_path == st.paths.partial)
        throw Error(ErrorKind::invalid_argument, "the checkpoint file '" + options.checkpoint_file +
                                                     "' is the output file; give the checkpoint a name of its own");
    struct stat info {};
    const std::string dir = directory_of(checkpoint_path);
    if (::stat(dir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode))
        throw Error(ErrorKind::invalid_argument, "the directory of the checkpoint file '" + options.checkpoint_file +
                                                     "' does not exist; make it or give another path");
    st.checkpoint_path = checkpoint_path;
    st.setup.checkpoint_path = checkpoint_path;
    st.setup.spool_dir = checkpoint_path + ".work";
    st.paths.merge_file = st.setup.spool_dir + "/merged.records";
    st.lock.emplace(st.setup.spool_dir, checkpoint_path);
    std::optional<Checkpoint> saved = load_checkpoint(checkpoint_path);
    ResumedContent content;
    if (!saved) {
        st.query.emplace(make_export_query(request, export_now(options)));
        st.lock->clear_work_dir();  // left by an export whose checkpoint is gone
        st.output = open_output(file, st.paths, std::nullopt, st.ids, content);
        st.setup.units = plan_units(*st.query, options.window_days);
        Checkpoint& base = st.setup.checkpoint_base;
        base.identity = file_identity(*st.query, file, st.paths.target);
        if (st.query->open_range) base.pinned_latest = st.query->range->latest;
        base.window_days = options.window_days;
        // Recorded before the first call: the pinned end, the units.
        Checkpoint first = base;
        first.units = st.setup.units;
        save_checkpoint(checkpoint_path, first);
        return;
    }
    st.query.emplace(saved->pinned_latest ? make_export_query_pinned(request, *saved->pinned_latest)
                                          : make_export_query(request, export_now(options)));
    const std::string identity = file_identity(*st.query, file, st.paths.target);
    if (identity != saved->identity)
        throw Error(ErrorKind::invalid_argument,
                    "the checkpoint '" + checkpoint_path + "' belongs to another export (it was made for: " +
                        saved->identity + "; this export is: " + identity +
                        "); give another checkpoint file, or delete this one and its .work directory to start over");
    st.resumed = true;
    if (saved->finished) {
        st.already_finished = std::move(saved);
        return;
    }
    st.output = open_output(file, st.paths, saved->output_length, st.ids, content);
    st.setup.units = std::move(saved->units);
    st.setup.checkpoint_base = *saved;
    st.setup.checkpoint_base.units.clear();
    st.setup.leads_written = content.leads;
    st.setup.duplicates = saved->duplicates;
    st.setup.pages = saved->pages;
}

// The output is complete: mark the checkpoint finished, put the file in
// place, then remove the checkpoint and its work directory. A stop between
// the steps is finished by the next run (already_finished).
void complete_file(FileExportState& st) {
    const std::optional<std::string>& checkpoint = st.checkpoint_path;
    if (checkpoint) {
        if (std::optional<Checkpoint> last = load_checkpoint(*checkpoint)) {
            last->finished = true;
            save_checkpoint(*checkpoint, *last);
        }
    }
    if (file_exists(st.paths.partial) || !checkpoint) rename_file(st.paths.partial, st.paths.target);
    if (checkpoint) {
        remove_file(*checkpoint);
        st.lock->remove_work_dir();
    }
}

}  // namespace mktows::detail
