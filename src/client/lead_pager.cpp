// Paging through a getMultipleLeads query (see lead_pager.hpp).
#include "client/lead_pager.hpp"

#include <chrono>
#include <string>
#include <variant>

#include "mktows/error.hpp"

namespace mktows {

namespace {

// An open LastUpdateAt range is closed at `now`, so the result is a
// consistent snapshot and leads updated while paging do not join it.
void pin_open_range(GetMultipleLeadsRequest& request, TimePoint now) {
    if (auto* s = std::get_if<LastUpdateAtSelector>(&request.selector)) {
        if (!s->latest()) {
            TimePoint latest = std::chrono::time_point_cast<std::chrono::seconds>(now);
            if (latest < s->oldest()) latest = s->oldest();
            request.selector = LastUpdateAtSelector(s->oldest(), latest);
        }
    }
}

}  // namespace

LeadPager::LeadPager(std::shared_ptr<Connection> connection, GetMultipleLeadsRequest request)
    : connection_(std::move(connection)), request_(std::move(request)), chunks_(request_) {
    if (!connection_) throw Error(ErrorKind::invalid_argument, "LeadRange needs a connection; none was given");
    request_.validate();
}

bool LeadPager::start() {
    if (started_) {
        if (has_current_ || finished_) return has_current_;
        return has_current_ = fill();  // the last fetch failed: try that page again
    }
    started_ = true;
    pin_open_range(request_, std::chrono::system_clock::now());
    next_chunk();
    return has_current_ = fill();
}

const Lead& LeadPager::current() const {
    if (!has_current_ || index_ >= page_.leads.size())
        throw Error(ErrorKind::invalid_argument, "there is no current lead: the range is at its end or failed");
    return page_.leads[index_];
}

void LeadPager::next_chunk() {
    chunk_.emplace(chunks_.chunk(chunk_index_));
    chunk_done_ = false;
    guard_.reset(chunk_->stream_position);
    remaining_.reset();
}

bool LeadPager::advance() {
    if (finished_) return false;
    ++index_;
    if (index_ < page_.leads.size()) {
        ++leads_;
        return true;
    }
    has_current_ = false;
    return has_current_ = fill();
}

bool LeadPager::fill() {
    page_ = LeadPage();  // release the previous page before asking for the next
    index_ = 0;
    for (;;) {
        if (chunk_done_) {
            if (++chunk_index_ >= chunks_.count()) {
                finished_ = true;
                return false;
            }
            next_chunk();
        }
        if (fetch_page() && !page_.leads.empty()) {
            ++leads_;
            return true;
        }
    }
}

bool LeadPager::fetch_page() {
    LeadPage page;
    try {
        page = connection_->get_multiple_leads(*chunk_);
    } catch (const Error& e) {
        if (e.kind() == ErrorKind::service_fault && e.service_code() == fault_code::stream_at_end) {
            chunk_done_ = true;  // 20123: no more records
            return false;
        }
        throw;
    }
    ++pages_;
    remaining_ = page.remaining_count;
    if (page.remaining_count == 0 || page.new_stream_position.empty()) {
        chunk_done_ = true;
    } else {
        guard_.check(page);
        chunk_->stream_position = page.new_stream_position;  // passed back exactly as received
    }
    page_ = std::move(page);
    return true;
}

}  // namespace mktows
