// LeadPager: the state behind LeadRange. Holds one page at a time, follows
// newStreamPosition to the end of each key chunk, and detects a server that
// makes no progress.
#ifndef MKTOWS_SRC_CLIENT_LEAD_PAGER_HPP
#define MKTOWS_SRC_CLIENT_LEAD_PAGER_HPP

#include <cstdint>
#include <memory>
#include <optional>

#include "client/key_chunks.hpp"
#include "client/stream_guard.hpp"
#include "mktows/connection.hpp"
#include "mktows/lead.hpp"
#include "mktows/request.hpp"

namespace mktows {

class LeadPager {
public:
    /// Validates the request (no call is made yet).
    LeadPager(std::shared_ptr<Connection> connection, GetMultipleLeadsRequest request);

    /// Fetches the first page if none was asked for yet (or again, when the
    /// last fetch failed); false when there are no more leads.
    bool start();
    /// The current lead (after start() or advance() returned true);
    /// throws Error(invalid_argument) when there is none.
    const Lead& current() const;
    /// Moves to the next lead, fetching pages as needed; false at the end.
    bool advance();

    std::int64_t pages() const noexcept { return pages_; }
    std::int64_t leads() const noexcept { return leads_; }
    std::optional<int> remaining() const noexcept { return remaining_; }

private:
    // Fetches pages until one has a lead or every chunk is done.
    bool fill();
    // One call for the current chunk; false when the chunk has ended.
    bool fetch_page();
    void next_chunk();

    std::shared_ptr<Connection> connection_;
    GetMultipleLeadsRequest request_;
    detail::KeyChunks chunks_;
    bool started_ = false;
    bool finished_ = false;
    bool has_current_ = false;

    std::size_t chunk_index_ = 0;
    std::optional<GetMultipleLeadsRequest> chunk_;  // request of the current chunk, position updated per page
    bool chunk_done_ = false;
    detail::StreamGuard guard_;  // of the current chunk

    LeadPage page_;
    std::size_t index_ = 0;
    std::int64_t pages_ = 0;
    std::int64_t leads_ = 0;
    std::optional<int> remaining_;
};

}  // namespace mktows

#endif
