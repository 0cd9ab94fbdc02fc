// Bulk export: every lead of a query, fetched in parallel at Marketo's
// limits, de-duplicated, in a deterministic order, resumable.
//
//   auto connection = mktows::make_connection(client_options);   // limits, retries
//   mktows::ExportOptions options;
//   options.parallel = 4;
//   options.checkpoint_file = "leads.checkpoint";                 // resumable
//   mktows::Exporter exporter(connection, options);
//   mktows::GetMultipleLeadsRequest request(
//       mktows::LastUpdateAtSelector("2024-01-01T00:00:00Z", "2024-06-30T23:59:59Z"));
//   mktows::ExportSummary s = exporter.run(request, mktows::ExportFile{"leads.jsonl"});
//
// How it works:
//   * Units of work. A LastUpdateAt range is split into windows of at most
//     ExportOptions::window_days (Marketo refuses more than 30 days, fault
//     20022); a key selector into chunks of at most 100 keys; a static list
//     is one unit. Units are fetched by `parallel` workers through one
//     Connection, so they share its rate limiter, concurrency cap and call
//     budget, and each concurrent call uses its own keep-alive connection.
//   * Boundary rule. Both bounds of a LastUpdateAt selector are inclusive
//     and Marketo's timestamps are whole seconds, so the windows are
//     [s_i, e_i] with s_{i+1} = e_i + 1 s: a lead updated exactly at e_i
//     belongs to window i only, and no second is in two windows or none.
//     A fractional oldest is rounded up and a fractional latest down.
//   * Open range. A range without an end is closed at the export's start
//     (ExportOptions::clock) before the first call, and the closing time is
//     kept in the checkpoint: the export is an "as of" snapshot, and
//     ExportSummary::next_updated_since (end + 1 s) is where the next
//     incremental export starts.
//   * 20022 anyway: the window is halved and both halves are fetched, in
//     order, in its place.
//   * Order and de-duplication. The output holds the units in order
//     (window order or key order), each in stream order, whatever
//     `parallel` is. Each unit pages into its own spool file; the calling
//     thread appends the spools to the output in order. A lead whose Id was
//     already written (it moved between windows while the export ran, or
//     two keys name it) is skipped: the first occurrence wins. The Ids seen
//     are kept in a bitset (about one bit per possible Id), not a set of
//     leads.
//   * Faults. The Connection retries what can be retried (see
//     RetryOptions). 20122 (bad stream position) restarts that unit from
//     its beginning, and de-duplication absorbs what comes twice. 20015
//     (daily quota) and a spent call budget stop at once, with a message
//     saying when or how to continue. Any other error stops the export.
//     The error thrown is an ExportError: the first failure's kind, code
//     and attempts, how many leads were written, the checkpoint that keeps
//     them (if any) and, for 20015, when the quota resets.
//   * Checkpoints (ExportOptions::checkpoint_file, with run(request,
//     ExportFile)): after every page, the spool, the output and then the
//     checkpoint (via a temporary file and rename) are synced to disk. The
//     checkpoint holds the query's identity, the pinned end, every unit's
//     stream position, counts and spool length, and the output's length.
//     Running the same export again resumes: output and spools are cut back
//     to their recorded lengths, the seen Ids are read back from the
//     output, and every unit continues from its recorded position. A
//     checkpoint of another query or output is refused. After success the
//     checkpoint and its spools are removed.
//   * CSV and checkpoints. CSV's header is the union of the attribute names
//     (or the fixed columns), known only at the end, so a checkpointed CSV
//     export merges leads into a record file beside the checkpoint and
//     writes the CSV from it once every unit is in. JSONL is written to the
//     output file directly (as ".NAME.mktows-partial" beside it with a
//     checkpoint, ".NAME.partial-XXXXXX" without; renamed to NAME at the end).
//   * Memory: each worker holds one page; the merger one lead. Peak memory
//     depends on batch size x parallel, not on the size of the export.
//     Disk: spools hold what is fetched but not yet in the output (workers
//     run at most 64 units ahead of the output; the merged start of a long
//     unit's spool is given back as it goes). Without a checkpoint the
//     spools have no name (ExportOptions::work_dir, else $TMPDIR) and vanish
//     with the process, even when it is killed.
#ifndef MKTOWS_EXPORT_HPP
#define MKTOWS_EXPORT_HPP

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "mktows/connection.hpp"
#include "mktows/credentials.hpp"
#include "mktows/error.hpp"
#include "mktows/output.hpp"
#include "mktows/request.hpp"
#include "mktows/time.hpp"

namespace mktows {

constexpr int max_window_days = 30;  ///< Marketo's limit for one LastUpdateAt selector
constexpr int default_parallel = 4;
constexpr int max_parallel = 10;     ///< Marketo's concurrency limit

/// A LastUpdateAt window: both bounds inclusive, whole seconds.
struct TimeWindow {
    TimePoint oldest;
    TimePoint latest;
    friend bool operator==(const TimeWindow& a, const TimeWindow& b) {
        return a.oldest == b.oldest && a.latest == b.latest;
    }
};

/// Splits [oldest, latest] into consecutive windows of at most window_days
/// days each (latest - oldest < window_days days), with no gap and no
/// overlap (see the boundary rule above). oldest is rounded up and latest
/// down to whole seconds. Throws Error(invalid_argument) when oldest is
/// after latest or window_days is outside 1..30.
std::vector<TimeWindow> plan_windows(TimePoint oldest, TimePoint latest, int window_days = max_window_days);

/// The two halves of a window, in order, with no gap and no overlap.
/// Throws Error(invalid_argument) for a window of one second.
std::pair<TimeWindow, TimeWindow> halve_window(const TimeWindow& window);

/// How an export is going; given to ExportOptions::on_progress.
struct ExportProgress {
    std::int64_t leads_written = 0;  ///< unique leads in the output
    std::int64_t leads_fetched = 0;  ///< leads received (duplicates included)
    std::int64_t duplicates = 0;     ///< leads skipped as already written
    /// Leads still to fetch: the last remainingCount of every unit that has
    /// begun, plus an estimate for units not begun yet (then
    /// remaining_is_estimate is true). Empty before the first page.
    std::optional<std::int64_t> leads_remaining;
    bool remaining_is_estimate = false;
    int units_total = 0;
    int units_done = 0;
    std::int64_t calls = 0;     ///< requests sent by this run, retries included
    std::int64_t retries = 0;
    std::chrono::steady_clock::duration elapsed{};
    double leads_per_second = 0;  ///< fetched by this run
    std::optional<std::chrono::seconds> eta;
    bool finished = false;        ///< the last report of a successful run
};

struct ExportOptions {
    /// Units fetched at once, 1..10. A static list is one unit, so it is
    /// always fetched by one worker.
    int parallel = default_parallel;
    /// Longest window of a LastUpdateAt range, 1..30 days.
    int window_days = max_window_days;
    /// Resumable export (only with an ExportFile): where the checkpoint is
    /// kept; its spools go to the directory CHECKPOINT.work beside it.
    std::string checkpoint_file;
    /// Directory for spool files without a checkpoint; empty: $TMPDIR, else /tmp.
    std::string work_dir;
    /// Times a unit may be restarted from its beginning after 20122.
    int max_stream_restarts = 3;
    /// Called on the calling thread, at most every progress_interval and
    /// once at the end; it must not throw.
    std::function<void(const ExportProgress&)> on_progress;
    std::chrono::milliseconds progress_interval{250};
    /// "Now" for closing an open range; default: the system clock.
    Clock clock;

    /// Throws Error(invalid_argument) saying which value is wrong.
    void validate() const;
};

/// What a finished export did.
struct ExportSummary {
    std::int64_t leads = 0;       ///< leads in the output (all runs, for a resumed export)
    std::int64_t duplicates = 0;  ///< leads skipped as duplicates (all runs)
    std::int64_t pages = 0;       ///< pages fetched (all runs)
    std::int64_t calls = 0;       ///< requests sent by this run, retries included
    std::int64_t retries = 0;     ///< of which retries (this run)
    int units = 0;                ///< windows / key chunks / 1 for a list
    std::uint64_t bytes = 0;      ///< length of the output written
    std::chrono::steady_clock::duration elapsed{};  ///< this run
    bool resumed = false;         ///< continued from a checkpoint
    /// For a LastUpdateAt export: the range exported, with its end pinned,
    /// and where the next incremental export starts (end + 1 s).
    std::optional<TimeWindow> range;
    std::optional<TimePoint> next_updated_since;
    /// The range had no end: it was closed at the export's start.
    bool end_pinned = false;
};

/// What Exporter::run throws when an export stops before its end: a call
/// that failed (after its retries), fault 20015, a spent call budget, a
/// local file error. kind(), service_code(), http_status() and attempts()
/// are the first failure's; what() is its message followed by how many
/// leads were written and how to go on. The parts are kept apart too, for
/// callers that word their own message (the mktows CLI does).
/// (Errors found before the first call, such as bad options or a checkpoint
/// of another export, are plain Errors.)
class ExportError : public Error {
public:
    /// message: what() (the cause's message and what the export did).
    ExportError(const Error& cause, const std::string& message, std::int64_t leads_written,
                std::string checkpoint_file, std::optional<TimePoint> quota_resets_at);

    /// The first failure's own message, without the export's part.
    const std::string& cause() const noexcept;
    /// Leads in the output when the export stopped (earlier runs included
    /// when it was resumed). Without a checkpoint a file output is not
    /// written; a LeadWriter has received them but was not finish()ed.
    std::int64_t leads_written() const noexcept;
    /// The checkpoint that keeps the progress (an absolute path): running
    /// the same export again continues it. Empty when the export had none.
    const std::string& checkpoint_file() const noexcept;
    bool resumable() const noexcept { return !checkpoint_file().empty(); }
    /// For fault 20015 (daily quota spent): when the quota resets, the next
    /// midnight US Central Standard Time (06:00 UTC).
    const std::optional<TimePoint>& quota_resets_at() const noexcept;

private:
    struct Details;
    std::shared_ptr<const Details> details_;  // shared: copying an exception does not throw
};

/// The file a checkpointable export writes. It appears at `path` only when
/// the export has finished, renamed from a temporary file beside it:
/// ".NAME.mktows-partial" with a checkpoint (found again to resume), else
/// ".NAME.partial-XXXXXX" of a name of its own (removed on failure).
struct ExportFile {
    explicit ExportFile(std::string path_, OutputFormat format_ = OutputFormat::jsonl,
                        std::optional<std::vector<std::string>> csv_columns_ = std::nullopt)
        : path(std::move(path_)), format(format_), csv_columns(std::move(csv_columns_)) {}

    std::string path;
    OutputFormat format = OutputFormat::jsonl;
    /// CSV only: fixed attribute columns (else the union of names seen).
    std::optional<std::vector<std::string>> csv_columns;
};

class Exporter {
public:
    /// Throws Error(invalid_argument) for a null connection or bad options.
    Exporter(std::shared_ptr<Connection> connection, ExportOptions options = {});

    /// Every lead of the query, de-duplicated and in order, into writer
    /// (finish()ed at the end). Not resumable: options.checkpoint_file must
    /// be empty. Throws Error as described above.
    ExportSummary run(const GetMultipleLeadsRequest& request, LeadWriter& writer);

    /// Every lead of the query into a file; resumable when
    /// options.checkpoint_file is set. Throws Error as described above.
    ExportSummary run(const GetMultipleLeadsRequest& request, const ExportFile& file);

private:
    std::shared_ptr<Connection> connection_;
    ExportOptions options_;
};

}  // namespace mktows

#endif
