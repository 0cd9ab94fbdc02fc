// Stream positions name the last lead returned, not an offset: leads that
// change while a client pages do not shift the pages. With --churn moving
// leads out of a window between pages, every lead that was not touched comes
// out exactly once and none twice; static lists and key queries are not
// disturbed at all.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <thread>

#include "sandbox/sandbox_fixture.hpp"

using namespace sandbox_test;
using mktows::GetMultipleLeadsRequest;

TEST_CASE("paging a LastUpdateAt window while leads churn: untouched leads exactly once, none twice") {
    auto options = test_options(6000);
    options.churn_per_second = 2000;
    RunningSandbox sandbox(options);
    mktows::Client client(client_options(*sandbox));
    const std::int64_t oldest = 1735689600;  // 2025-01-01T00:00:00Z
    const std::int64_t latest = oldest + 30 * 86400;
    const auto before = sandbox->snapshot();

    GetMultipleLeadsRequest request(mktows::LastUpdateAtSelector(at(oldest), at(latest)));
    request.batch_size = 10;
    std::vector<std::int64_t> seen;
    for (int pages = 0;; ++pages) {
        REQUIRE(pages < 1000);
        const auto page = client.get_multiple_leads_page(request);
        for (const auto& l : page.leads) seen.push_back(l.id.value());
        if (page.new_stream_position.empty()) break;
        request.stream_position = page.new_stream_position;
        std::this_thread::sleep_for(std::chrono::milliseconds(15));  // churn moves leads meanwhile
    }
    const auto after = sandbox->snapshot();
    std::set<std::int64_t> in_window_before, untouched;
    int touched = 0;
    for (std::size_t i = 0; i < before.size(); ++i) {
        const std::int64_t u = seconds(before[i].updated_at);
        if (u < oldest || u > latest) continue;
        in_window_before.insert(before[i].lead.id.value());
        if (after[i].updated_at == before[i].updated_at) untouched.insert(before[i].lead.id.value());
        else ++touched;
    }
    REQUIRE(touched > 3);  // the test needs leads to move while it pages
    std::set<std::int64_t> seen_set(seen.begin(), seen.end());
    CHECK(seen_set.size() == seen.size());  // none twice
    for (std::int64_t id : untouched) CHECK_MESSAGE(seen_set.count(id) == 1, "untouched lead " << id << " missing");
    for (std::int64_t id : seen) CHECK(in_window_before.count(id) == 1);  // nothing from outside the window
}

TEST_CASE("churn does not disturb static list and key paging") {
    auto options = test_options(4000);
    options.churn_per_second = 2000;
    RunningSandbox sandbox(options);
    const auto leads = sandbox->snapshot();
    mktows::Client client(client_options(*sandbox));
    const auto members = ids_where(leads, [](const sb::LeadSnapshot& l) {
        return std::find(l.list_ids.begin(), l.list_ids.end(), 3) != l.list_ids.end();
    });
    GetMultipleLeadsRequest request(mktows::StaticListSelector::by_id(3));
    request.batch_size = 9;
    CHECK(page_checked(client, request, members.size()) == members);
}
