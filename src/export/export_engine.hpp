// ExportEngine: runs the units of one export. Worker threads fetch units
// page by page into their spool files; the calling thread appends the
// spools to the output in unit order (de-duplicating by Id), writes the
// checkpoint after each batch of pages and reports progress. On the first
// error the workers stop after their call in flight, what was fetched is
// merged and checkpointed, and the error is rethrown.
#ifndef MKTOWS_SRC_EXPORT_EXPORT_ENGINE_HPP
#define MKTOWS_SRC_EXPORT_EXPORT_ENGINE_HPP

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "export/checkpoint.hpp"
#include "export/export_output.hpp"
#include "export/export_query.hpp"
#include "export/id_set.hpp"
#include "export/posix_file.hpp"
#include "export/record_file.hpp"
#include "client/stream_guard.hpp"
#include "mktows/connection.hpp"
#include "mktows/error.hpp"
#include "mktows/export.hpp"

namespace mktows::detail {

struct EngineSetup {
    const ExportQuery* query = nullptr;
    std::vector<ExportUnit> units;   ///< in output order
    /// Where spool files go: named unit-<id>.spool files kept for resuming
    /// when checkpoint_path is set, else files unlinked at once.
    std::string spool_dir;
    ExportOutput* output = nullptr;
    IdSet* ids = nullptr;
    /// Set for a checkpointed export: the checkpoint's path and the fields
    /// that do not change while running (identity, pinned end, ...).
    std::optional<std::string> checkpoint_path;
    Checkpoint checkpoint_base;
    /// Counts carried over from earlier runs.
    std::int64_t leads_written = 0;
    std::int64_t duplicates = 0;
    std::int64_t pages = 0;
};

struct EngineResult {
    std::int64_t leads_written = 0;
    std::int64_t duplicates = 0;
    std::int64_t pages = 0;
    int units = 0;
};

class ExportEngine {
public:
    ExportEngine(Connection& connection, const ExportOptions& options, EngineSetup setup);
    ~ExportEngine();  ///< stops and joins the workers if run() did not
    ExportEngine(const ExportEngine&) = delete;
    ExportEngine& operator=(const ExportEngine&) = delete;

    /// Fetches and merges every unit. Throws the first error (after
    /// merging and checkpointing what was fetched).
    EngineResult run();

    /// Counts so far (for the error message after a failure).
    std::int64_t leads_written() const;

private:
    // workers
    void worker_main();
    ExportUnit* take_unit();
    void fetch_unit(ExportUnit& unit);
    bool handle_fault(ExportUnit& unit, const Error& error, RecordWriter& spool, StreamGuard& guard);
    void split_unit(ExportUnit& unit);
    void fail(std::exception_ptr error);

    // calling thread
    bool merge_ready();
    void write_checkpoint();
    void report_progress(bool finished);
    void stop_workers() noexcept;
    std::string spool_path(const ExportUnit& unit) const;
    /// The unit's spool file, opened (or made) on first use. Call with mu_ held.
    std::shared_ptr<PosixFile> spool_file_locked(const ExportUnit& unit);

    Connection& connection_;
    const ExportOptions& options_;
    EngineSetup setup_;
    const bool durable_;
    const CallStats stats_at_start_;
    const std::chrono::steady_clock::time_point started_;

    mutable std::mutex mu_;
    std::condition_variable work_cv_;   // workers: a unit became pending, or stop
    std::condition_variable main_cv_;   // calling thread: a page, a unit or a worker finished
    std::vector<std::unique_ptr<ExportUnit>> units_;
    std::vector<ExportUnit*> order_;
    std::map<int, std::shared_ptr<PosixFile>> spools_;  // by unit id, until merged
    std::size_t next_pending_ = 0;      // no pending unit before this index of order_
    std::size_t head_ = 0;              // first unit of order_ not merged yet
    int next_id_ = 0;
    int active_ = 0;                    // units being fetched
    int workers_running_ = 0;
    bool stopping_ = false;
    bool changed_ = false;
    std::exception_ptr error_;
    std::int64_t pages_;
    std::int64_t fetched_this_run_ = 0;

    // calling thread only
    std::int64_t leads_written_;
    std::int64_t duplicates_;
    std::optional<RecordReader> reader_;
    const ExportUnit* reader_unit_ = nullptr;
    std::uint64_t discarded_ = 0;       // bytes of the reader's spool given back to the disk
    std::uint64_t output_length_ = 0;
    std::vector<std::string> spools_to_remove_;
    std::chrono::steady_clock::time_point last_progress_{};

    std::vector<std::thread> threads_;
};

}  // namespace mktows::detail

#endif
