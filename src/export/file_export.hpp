// Setting up and completing an export into a file (Exporter::run with an
// ExportFile): the paths, the output, a fresh start or a resume from the
// checkpoint (refused for another query or output), and putting the file in
// place at the end.
#ifndef MKTOWS_SRC_EXPORT_FILE_EXPORT_HPP
#define MKTOWS_SRC_EXPORT_FILE_EXPORT_HPP

#include <memory>
#include <optional>
#include <string>

#include "export/checkpoint.hpp"
#include "export/checkpoint_lock.hpp"
#include "export/export_engine.hpp"
#include "export/export_output.hpp"
#include "export/export_query.hpp"
#include "export/id_set.hpp"
#include "mktows/export.hpp"

namespace mktows::detail {

/// "Now" of the options' clock (default: the system clock).
TimePoint export_now(const ExportOptions& options);
/// Where spool files go without a checkpoint: work_dir, $TMPDIR or /tmp.
std::string spool_directory(const ExportOptions& options);

struct FilePaths {
    std::string target;      ///< the finished file
    std::string partial;     ///< JSONL while running; CSV while finishing
    std::string merge_file;  ///< CSV with a checkpoint: the merged lead records
};

/// Everything a file export runs with.
struct FileExportState {
    FilePaths paths;
    std::optional<std::string> checkpoint_path;
    std::optional<ExportQuery> query;
    IdSet ids;
    std::unique_ptr<ExportOutput> output;
    std::optional<CheckpointLock> lock;
    EngineSetup setup;        ///< units, spool directory, checkpoint base, counts
    bool resumed = false;
    /// The checkpoint of an export that completed but was stopped before
    /// the checkpoint was removed: nothing to fetch, only complete_file().
    std::optional<Checkpoint> already_finished;
};

/// Throws Error(invalid_argument) for an empty path, a directory, a missing
/// parent directory, or CSV columns for JSONL.
void check_file(const ExportFile& file);

/// Fills state for an export without a checkpoint.
void start_plain(const GetMultipleLeadsRequest& request, const ExportFile& file, const ExportOptions& options,
                 FileExportState& state);
/// Fills state from the checkpoint when it exists (resume; refused when it
/// belongs to another export), else starts afresh and writes the first
/// checkpoint (with the pinned end) before any call.
void start_checkpointed(const GetMultipleLeadsRequest& request, const ExportFile& file, const ExportOptions& options,
                        FileExportState& state);
/// The output is complete: marks the checkpoint finished, renames the file
/// into place, removes the checkpoint and its work directory.
void complete_file(FileExportState& state);

/// Removes a file unless keep() was called.
class RemoveUnlessKept {
public:
    explicit RemoveUnlessKept(std::string path) : path_(std::move(path)) {}
    ~RemoveUnlessKept();
    RemoveUnlessKept(const RemoveUnlessKept&) = delete;
    RemoveUnlessKept& operator=(const RemoveUnlessKept&) = delete;
    void keep() noexcept { kept_ = true; }

private:
    std::string path_;
    bool kept_ = false;
};

}  // namespace mktows::detail

#endif
