// A few hundred thousand leads: the sandbox builds them in seconds, and a
// page costs the same deep in a stream as at its start (positions are keys
// looked up in indexes, not offsets scanned to).
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "sandbox/sandbox_fixture.hpp"

using namespace sandbox_test;

TEST_CASE("200,000 leads: built in seconds; a window and a large list page to the end, each page quick") {
    const auto t0 = std::chrono::steady_clock::now();
    RunningSandbox sandbox(test_options(200000));
    const auto built = std::chrono::steady_clock::now() - t0;
    MESSAGE("200,000 leads built in " << std::chrono::duration_cast<std::chrono::milliseconds>(built).count() << " ms");
    CHECK(built < std::chrono::seconds(30));
    CHECK(sandbox->lead_count() == 200000);
    mktows::Client client(client_options(*sandbox));

    // One 30-day window, pages of 1000, remainingCount exact on every page.
    const std::int64_t oldest = 1746057600;  // 2025-05-01T00:00:00Z
    const std::int64_t latest = oldest + 30 * 86400;
    const auto leads = sandbox->snapshot();
    std::size_t in_window = 0;
    for (const auto& l : leads) in_window += seconds(l.updated_at) >= oldest && seconds(l.updated_at) <= latest;
    REQUIRE(in_window > 5000);
    mktows::GetMultipleLeadsRequest window(mktows::LastUpdateAtSelector(at(oldest), at(latest)));
    window.batch_size = 1000;
    const auto ids = page_checked(client, window, in_window);
    CHECK(std::set<std::int64_t>(ids.begin(), ids.end()).size() == in_window);

    // The largest list, timing its first and its last pages.
    const auto lists = sandbox->lists();
    const auto largest = *std::max_element(lists.begin(), lists.end(),
                                           [](const sb::ListInfo& a, const sb::ListInfo& b) { return a.size < b.size; });
    REQUIRE(largest.size > 50000);
    mktows::GetMultipleLeadsRequest list(mktows::StaticListSelector::by_id(largest.id));
    list.batch_size = 1000;
    std::chrono::steady_clock::duration first{}, slowest{};
    std::size_t total = 0;
    for (int page_number = 0;; ++page_number) {
        const auto p0 = std::chrono::steady_clock::now();
        const auto page = client.get_multiple_leads_page(list);
        const auto took = std::chrono::steady_clock::now() - p0;
        if (page_number == 0) first = took;
        slowest = std::max(slowest, took);
        total += page.leads.size();
        CHECK(page.remaining_count == largest.size - static_cast<std::int64_t>(total));
        if (page.new_stream_position.empty()) break;
        list.stream_position = page.new_stream_position;
    }
    CHECK(static_cast<std::int64_t>(total) == largest.size);
    MESSAGE("list of " << largest.size << ": first page "
                       << std::chrono::duration_cast<std::chrono::milliseconds>(first).count() << " ms, slowest "
                       << std::chrono::duration_cast<std::chrono::milliseconds>(slowest).count() << " ms");
    CHECK(slowest < std::chrono::seconds(2));
}
