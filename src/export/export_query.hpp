// ExportQuery: the request of an export with its open range pinned, its
// identity (for checkpoints), and its units of work.
#ifndef MKTOWS_SRC_EXPORT_EXPORT_QUERY_HPP
#define MKTOWS_SRC_EXPORT_EXPORT_QUERY_HPP

#include <optional>
#include <string>
#include <vector>

#include "export/export_unit.hpp"
#include "mktows/export.hpp"
#include "mktows/request.hpp"

namespace mktows::detail {

struct ExportQuery {
    GetMultipleLeadsRequest request;   ///< a LastUpdateAt range always has its end here
    std::optional<TimeWindow> range;   ///< the LastUpdateAt range, end pinned
    bool open_range = false;           ///< the caller gave no end: it was pinned
    /// What the query asks for, as text: the selector (an open end as
    /// "open", keys as a count and digest) and the attributes.
    std::string identity;
};

/// Validates the request and pins an open range at `now` (whole seconds).
/// Throws Error(invalid_argument) for a request with a stream position.
ExportQuery make_export_query(const GetMultipleLeadsRequest& request, TimePoint now);

/// As make_export_query, with the end a checkpoint recorded for an open range.
ExportQuery make_export_query_pinned(const GetMultipleLeadsRequest& request, TimePoint pinned_latest);

/// The units of a new export: windows of at most window_days, key chunks of
/// at most 100 keys, or one unit.
std::vector<ExportUnit> plan_units(const ExportQuery& query, int window_days);

/// Number of key chunks (0 for other selectors).
std::size_t key_chunk_count(const ExportQuery& query);

/// The request of a unit at its current position.
GetMultipleLeadsRequest unit_request(const ExportQuery& query, const ExportUnit& unit);

/// "window 2024-01-01T00:00:00Z .. 2024-01-30T23:59:59Z", "keys 101-200", "the list".
std::string describe_unit(const ExportQuery& query, const ExportUnit& unit);

}  // namespace mktows::detail

#endif
