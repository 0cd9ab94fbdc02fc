// Paging holds one page at a time: the peak memory of reading 60 pages is
// about that of reading 5.
#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "client_fixture.hpp"
#include "lead_list_service.hpp"
#include "support/marketo_xml.hpp"

using namespace mktows_test;

namespace {
// Peak resident set size of this process, in kB (VmHWM).
long peak_rss_kb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}
}  // namespace

TEST_CASE("memory is bounded by a page, not by the number of pages") {
    std::vector<mktows::Lead> leads;
    for (int i = 1; i <= 60000; ++i)
        leads.push_back(make_lead(i, "lead" + std::to_string(i) + "@example.com",
                                  {{"Company", "string", std::string(100, 'c')},
                                   {"Notes", "text", std::string(300, 'n')},
                                   {"LeadScore", "integer", std::to_string(i % 97)}}));
    LeadListService service(std::move(leads));
    ReplayServer server(std::ref(service), checked_server());
    mktows::Client client(fast_options(server.endpoint()));
    mktows::GetMultipleLeadsRequest request(mktows::StaticListSelector::by_id(1));
    request.batch_size = 1000;
    auto range = client.get_multiple_leads(request);
    long after_5_pages = 0;
    std::int64_t count = 0, id_sum = 0;
    for (const auto& lead : range) {
        ++count;
        id_sum += lead.id.value();
        if (count == 5000) after_5_pages = peak_rss_kb();
    }
    long after_60_pages = peak_rss_kb();
    CHECK(count == 60000);
    CHECK(id_sum == 60000LL * 60001 / 2);
    CHECK(range.pages() == 60);
    REQUIRE(after_5_pages > 0);
    MESSAGE("peak RSS after 5 pages: " << after_5_pages << " kB, after 60 pages: " << after_60_pages << " kB");
    CHECK(after_60_pages - after_5_pages < 8 * 1024);  // no per-page growth (a page here is ~0.5 MB of XML)
}
