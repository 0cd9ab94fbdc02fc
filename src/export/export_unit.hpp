// ExportUnit: one unit of work of an export (a LastUpdateAt window, a
// chunk of at most 100 keys, or a whole static list) and how far it got.
#ifndef MKTOWS_SRC_EXPORT_EXPORT_UNIT_HPP
#define MKTOWS_SRC_EXPORT_EXPORT_UNIT_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "mktows/export.hpp"

namespace mktows::detail {

enum class UnitState {
    pending,  ///< waiting for a worker (possibly part-way, after a stop)
    active,   ///< a worker is fetching it
    fetched,  ///< every page is in its spool
    merged,   ///< appended to the output; its spool is gone
};

struct ExportUnit {
    int id = 0;                            ///< stable; names the spool file
    std::optional<TimeWindow> window;      ///< LastUpdateAt units
    std::optional<std::size_t> chunk;      ///< key-chunk units: index of the chunk
    UnitState state = UnitState::pending;
    std::string position;                  ///< stream position of the next page ("" = start)
    std::int64_t leads = 0;                ///< leads in the spool
    std::int64_t pages = 0;
    std::optional<int> remaining;          ///< remainingCount of the last page
    std::uint64_t spool_length = 0;        ///< bytes of whole pages in the spool
    std::uint64_t merged_length = 0;       ///< bytes of the spool already in the output
    int restarts = 0;                      ///< restarts from the beginning after 20122

    bool started() const noexcept { return pages > 0 || state == UnitState::fetched || state == UnitState::merged; }
};

const char* to_string(UnitState state) noexcept;

}  // namespace mktows::detail

#endif
