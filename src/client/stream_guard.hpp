// StreamGuard: stops paging that makes no progress instead of paging
// forever: the same stream position twice, or remainingCount not going down
// for 3 pages in a row, is an Error(server_loop). Used by LeadRange (one
// guard per key chunk) and by the exporter (one per window or chunk).
#ifndef MKTOWS_SRC_CLIENT_STREAM_GUARD_HPP
#define MKTOWS_SRC_CLIENT_STREAM_GUARD_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>

#include "mktows/lead.hpp"

namespace mktows::detail {

class StreamGuard {
public:
    /// Forgets everything (a new stream, or one restarted from its
    /// beginning); a stream resumed at `start_position` must not come back
    /// to it.
    void reset(const std::string& start_position = {});
    /// Call for every page that does not end the stream. `what` names the
    /// stream in the error ("the window ..."); empty when there is one.
    void check(const LeadPage& page, const std::string& what = {});

private:
    std::unordered_set<std::size_t> positions_;  // hashes
    std::optional<int> remaining_;
    int pages_without_progress_ = 0;
    std::int64_t pages_ = 0;
};

}  // namespace mktows::detail

#endif
