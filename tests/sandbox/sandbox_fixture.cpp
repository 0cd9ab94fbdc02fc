#include "sandbox/sandbox_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>

namespace sandbox_test {

sb::Options test_options(int leads) {
    sb::Options o;
    o.port = 0;
    o.leads = leads;
    o.workers = 16;
    return o;
}

mktows::ClientOptions client_options(const sb::Sandbox& sandbox) {
    mktows::ClientOptions o = mktows_test::sandbox_client_options(sandbox);
    o.retry.max_retries = 0;
    o.transport.connect_timeout = std::chrono::seconds(5);
    o.transport.receive_timeout = std::chrono::seconds(20);
    return o;
}

std::vector<mktows::Lead> all_leads(mktows::Client& client, const mktows::GetMultipleLeadsRequest& request) {
    std::vector<mktows::Lead> leads;
    client.for_each_lead(request, [&](const mktows::Lead& l) { leads.push_back(l); });
    return leads;
}

std::vector<std::int64_t> ids(const std::vector<mktows::Lead>& leads) {
    std::vector<std::int64_t> v;
    for (const auto& l : leads) v.push_back(l.id.value());
    return v;
}

std::vector<std::int64_t> page_checked(mktows::Client& client, mktows::GetMultipleLeadsRequest request,
                                       std::size_t expected_total) {
    std::vector<std::int64_t> seen;
    for (int pages = 0;; ++pages) {
        REQUIRE(pages <= static_cast<int>(expected_total) + 1);  // no endless paging
        const mktows::LeadPage page = client.get_multiple_leads_page(request);
        CHECK(page.return_count == static_cast<int>(page.leads.size()));
        for (const auto& l : page.leads) seen.push_back(l.id.value());
        REQUIRE(seen.size() <= expected_total);
        CHECK(page.remaining_count == static_cast<int>(expected_total - seen.size()));
        if (page.remaining_count == 0) {
            CHECK(page.new_stream_position.empty());
            break;
        }
        REQUIRE_FALSE(page.new_stream_position.empty());
        CHECK(page.new_stream_position != request.stream_position);
        request.stream_position = page.new_stream_position;
    }
    return seen;
}

std::map<std::int64_t, sb::LeadSnapshot> by_id(const std::vector<sb::LeadSnapshot>& leads) {
    std::map<std::int64_t, sb::LeadSnapshot> m;
    for (const auto& l : leads) m.emplace(l.lead.id.value(), l);
    return m;
}

std::vector<std::int64_t> ids_where(const std::vector<sb::LeadSnapshot>& leads,
                                    const std::function<bool(const sb::LeadSnapshot&)>& keep) {
    std::vector<std::int64_t> v;
    for (const auto& l : leads)
        if (keep(l)) v.push_back(l.lead.id.value());
    std::sort(v.begin(), v.end());
    return v;
}

std::int64_t seconds(mktows::TimePoint t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

mktows::TimePoint at(std::int64_t s) { return mktows::TimePoint(std::chrono::seconds(s)); }

}  // namespace sandbox_test
