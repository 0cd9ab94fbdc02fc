// Client and LeadRange: thin layers over Connection and LeadPager.
#include "mktows/client.hpp"

#include "client/lead_pager.hpp"
#include "mktows/error.hpp"

namespace mktows {

// ---- LeadRange ----------------------------------------------------------

LeadRange::LeadRange(std::shared_ptr<Connection> connection, GetMultipleLeadsRequest request)
    : pager_(std::make_unique<LeadPager>(std::move(connection), std::move(request))) {}

LeadRange::LeadRange(LeadRange&&) noexcept = default;
LeadRange& LeadRange::operator=(LeadRange&&) noexcept = default;
LeadRange::~LeadRange() = default;

LeadRange::iterator LeadRange::begin() {
    if (!pager_) return end();
    return pager_->start() ? iterator(pager_.get()) : end();
}

std::int64_t LeadRange::pages() const noexcept { return pager_ ? pager_->pages() : 0; }
std::int64_t LeadRange::leads() const noexcept { return pager_ ? pager_->leads() : 0; }
std::optional<int> LeadRange::remaining() const noexcept { return pager_ ? pager_->remaining() : std::nullopt; }

LeadRange::iterator::reference LeadRange::iterator::operator*() const {
    if (!pager_) throw Error(ErrorKind::invalid_argument, "dereferenced the end of a LeadRange");
    return pager_->current();
}

LeadRange::iterator& LeadRange::iterator::operator++() {
    if (pager_ && !pager_->advance()) pager_ = nullptr;
    return *this;
}

// ---- Client -------------------------------------------------------------

Client::Client(ClientOptions options) : connection_(make_connection(std::move(options))) {}

Client::Client(std::shared_ptr<Connection> connection) : connection_(std::move(connection)) {
    if (!connection_) throw Error(ErrorKind::invalid_argument, "Client needs a connection; none was given");
}

LeadPage Client::get_multiple_leads_page(const GetMultipleLeadsRequest& request) {
    return connection_->get_multiple_leads(request);
}

LeadRange Client::get_multiple_leads(GetMultipleLeadsRequest request) {
    return LeadRange(connection_, std::move(request));
}

void Client::for_each_lead(GetMultipleLeadsRequest request, const std::function<void(const Lead&)>& fn) {
    if (!fn) throw Error(ErrorKind::invalid_argument, "for_each_lead needs a callback; none was given");
    LeadRange range(connection_, std::move(request));
    for (const Lead& lead : range) fn(lead);
}

std::vector<Lead> Client::get_lead(const LeadKey& key) { return connection_->get_lead(key); }

}  // namespace mktows
