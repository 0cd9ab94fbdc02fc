// StreamGuard: stops a unit whose server makes no progress instead of
// paging forever: the same stream position twice, or remainingCount not
// going down for 3 pages in a row, is an Error(server_loop).
#ifndef MKTOWS_SRC_EXPORT_STREAM_GUARD_HPP
#define MKTOWS_SRC_EXPORT_STREAM_GUARD_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>

#include "mktows/lead.hpp"

namespace mktows::detail {

class StreamGuard {
public:
    /// Forgets everything (a unit restarted from its beginning).
    void reset();
    /// Call for every page that does not end the stream.
    void check(const LeadPage& page, const std::string& unit_description);

private:
    std::unordered_set<std::size_t> positions_;  // hashes
    std::optional<int> remaining_;
    int pages_without_progress_ = 0;
    std::int64_t pages_ = 0;
};

}  // namespace mktows::detail

#endif
