// Client-side limits of one connection: the call budget, the rate limiter,
// the concurrency cap, and one keep-alive connection per concurrent caller.
#include <doctest/doctest.h>

#include <algorithm>
#include <thread>

#include "client_fixture.hpp"
#include "lead_list_service.hpp"
#include "support/marketo_xml.hpp"

using namespace mktows_test;
using namespace std::chrono;
using mktows::ErrorKind;

namespace {
mktows::GetMultipleLeadsRequest page_of(int batch) {
    mktows::GetMultipleLeadsRequest r(mktows::StaticListSelector::by_id(1));
    r.batch_size = batch;
    return r;
}

// Runs fn on n threads at once and joins them.
template <class F>
void in_parallel(int n, F fn) {
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i) threads.emplace_back([&, i] { fn(i); });
    for (auto& t : threads) t.join();
}
}  // namespace

TEST_CASE("the call budget stops before sending the call that would exceed it") {
    LeadListService service(LeadListService::numbered(100));
    ReplayServer server(std::ref(service), checked_server());
    auto options = fast_options(server.endpoint());
    options.limits.max_calls = 3;
    mktows::Client client(options);
    auto range = client.get_multiple_leads(page_of(10));
    std::vector<std::int64_t> ids;
    mktows::Error e = error_of([&] {
        for (const auto& l : range) ids.push_back(l.id.value());
    });
    CHECK(e.kind() == ErrorKind::budget_exhausted);
    CHECK(std::string(e.what()).find("budget of 3 calls") != std::string::npos);
    CHECK(ids == one_to(30));  // the three pages that were paid for
    CHECK(server.request_count() == 3);
    CHECK(client.connection()->stats().calls == 3);
}

TEST_CASE("retries spend the budget too") {
    ReplayServer server([](const RecordedRequest&) { return Response::status_only(503); }, checked_server());
    auto options = fast_options(server.endpoint());
    options.limits.max_calls = 2;
    mktows::Client client(options);
    mktows::Error e = error_of([&] { client.get_multiple_leads_page(page_of(10)); });
    CHECK(e.kind() == ErrorKind::budget_exhausted);
    CHECK(server.request_count() == 2);
}

TEST_CASE("the rate limiter never lets more than rate_calls requests reach the server in any window") {
    LeadListService service(LeadListService::numbered(5));
    ReplayServer server(std::ref(service), checked_server());
    auto options = fast_options(server.endpoint());
    options.limits.rate_calls = 4;
    options.limits.rate_period = milliseconds(250);
    auto connection = mktows::make_connection(options);
    in_parallel(3, [&](int) {
        for (int i = 0; i < 4; ++i) connection->get_multiple_leads(page_of(5));
    });
    auto reqs = server.requests();
    REQUIRE(reqs.size() == 12);
    std::vector<steady_clock::time_point> arrivals;
    for (const auto& r : reqs) arrivals.push_back(r.received);
    std::sort(arrivals.begin(), arrivals.end());
    for (size_t i = 0; i + 4 < arrivals.size(); ++i) {
        CAPTURE(i);
        CHECK(arrivals[i + 4] - arrivals[i] >= milliseconds(250));
    }
    CHECK(arrivals.back() - arrivals.front() >= milliseconds(500));  // 12 calls at 4 per 250 ms
}

TEST_CASE("the concurrency cap is never exceeded, and is used") {
    LeadListService service(LeadListService::numbered(5));
    ReplayServer server(
        [&](const RecordedRequest& r) {
            Response resp = service(r);
            resp.delay = milliseconds(80);
            return resp;
        },
        checked_server());
    auto options = fast_options(server.endpoint());
    options.limits.max_concurrency = 2;
    auto connection = mktows::make_connection(options);
    in_parallel(6, [&](int) {
        for (int i = 0; i < 2; ++i) connection->get_multiple_leads(page_of(5));
    });
    CHECK(server.request_count() == 12);
    CHECK(server.max_concurrent_requests() == 2);
    CHECK(server.connections_accepted() <= 2);  // each in-flight call on its own kept-alive connection
}

TEST_CASE("concurrent callers each get their own keep-alive connection") {
    LeadListService service(LeadListService::numbered(5));
    ReplayServer server(
        [&](const RecordedRequest& r) {
            Response resp = service(r);
            resp.delay = milliseconds(100);
            return resp;
        },
        checked_server());
    auto connection = mktows::make_connection(fast_options(server.endpoint()));
    in_parallel(4, [&](int) { connection->get_multiple_leads(page_of(5)); });
    CHECK(server.max_concurrent_requests() == 4);
    CHECK(server.connections_accepted() == 4);
    // Sequential calls afterwards reuse the open connections.
    for (int i = 0; i < 5; ++i) connection->get_multiple_leads(page_of(5));
    CHECK(server.connections_accepted() == 4);
    CHECK(connection->stats().calls == 9);
}

TEST_CASE("several ranges page concurrently over one client") {
    LeadListService service(LeadListService::numbered(200));
    ReplayServer server(std::ref(service), checked_server());
    auto options = fast_options(server.endpoint());
    options.limits.max_concurrency = 3;
    mktows::Client client(options);
    std::vector<std::vector<std::int64_t>> results(4);
    in_parallel(4, [&](int i) {
        auto range = client.get_multiple_leads(page_of(30));
        results[static_cast<size_t>(i)] = ids_of(range);
    });
    for (const auto& ids : results) CHECK(ids == one_to(200));
    CHECK(server.request_count() == 4 * 7);
    CHECK(server.bad_signatures() == 0);
}
