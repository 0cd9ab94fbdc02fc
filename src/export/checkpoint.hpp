// The checkpoint of a resumable export: a small text file, replaced
// atomically (temporary file, fsync, rename) after every page.
//
//   mktows-export-checkpoint 1
//   identity <query, format and output, escaped>
//   pinned_latest <W3C UTC time, or - when the range had an end or is not a range>
//   window_days <N>
//   output_length <bytes of the output (or CSV merge file) that are complete>
//   leads_written <N>
//   duplicates <N>
//   pages <N>
//   finished <0|1>
//   unit <id> <state> <window oldest|-> <window latest|-> <chunk|-> <leads> <pages>
//        <remaining|-> <spool length> <merged length> <restarts> <stream position, escaped|->
//   ...                                         (one line each, in output order)
//   end <number of units>
#ifndef MKTOWS_SRC_EXPORT_CHECKPOINT_HPP
#define MKTOWS_SRC_EXPORT_CHECKPOINT_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "export/export_unit.hpp"

namespace mktows::detail {

struct Checkpoint {
    std::string identity;
    std::optional<TimePoint> pinned_latest;
    int window_days = max_window_days;
    std::uint64_t output_length = 0;
    std::int64_t leads_written = 0;
    std::int64_t duplicates = 0;
    std::int64_t pages = 0;
    bool finished = false;
    std::vector<ExportUnit> units;  ///< in output order
};

std::string format_checkpoint(const Checkpoint& checkpoint);
/// Throws Error(invalid_argument) naming the file and line when the text is
/// not a checkpoint this version wrote.
Checkpoint parse_checkpoint(const std::string& text, const std::string& path);

void save_checkpoint(const std::string& path, const Checkpoint& checkpoint);
/// nullopt when the file does not exist.
std::optional<Checkpoint> load_checkpoint(const std::string& path);

}  // namespace mktows::detail

#endif
