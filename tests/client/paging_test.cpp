// Paging: LeadRange follows newStreamPosition to the end, holds one page,
// stops on 20123, refuses to loop, pins an open LastUpdateAt range.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "client_fixture.hpp"
#include "lead_list_service.hpp"
#include "support/marketo_xml.hpp"

using namespace mktows_test;
using mktows::ErrorKind;

TEST_CASE("a multi-page stream is read to its end over one keep-alive connection") {
    LeadListService service(LeadListService::numbered(1000));
    ReplayServer server(std::ref(service), checked_server());
    mktows::Client client(fast_options(server.endpoint()));
    mktows::GetMultipleLeadsRequest request(mktows::StaticListSelector::by_name("Program.List"));
    request.batch_size = 300;
    mktows::LeadRange range = client.get_multiple_leads(request);
    CHECK(range.pages() == 0);  // nothing is fetched before begin()
    CHECK(server.request_count() == 0);
    CHECK(ids_of(range) == one_to(1000));
    CHECK(range.pages() == 4);
    CHECK(range.leads() == 1000);
    CHECK(range.remaining() == 0);

    auto reqs = server.requests();
    REQUIRE(reqs.size() == 4);
    const char* positions[] = {"", "pos:300", "pos:600", "pos:900"};
    for (size_t i = 0; i < 4; ++i) {
        auto p = read_get_multiple_leads(reqs[i].body);
        CHECK(p.stream_position == positions[i]);
        CHECK(p.batch_size == 300);
        CHECK(p.static_list_name == "Program.List");
        CHECK(reqs[i].connection == reqs[0].connection);
    }
    CHECK(server.connections_accepted() == 1);
    CHECK(server.bad_signatures() == 0);
    CHECK(client.connection()->stats().calls == 4);
}

TEST_CASE("each page's signature is fresh and valid") {
    LeadListService service(LeadListService::numbered(30));
    ReplayServer server(std::ref(service), checked_server());
    auto options = fast_options(server.endpoint());
    auto t = mktows::parse_w3c_datetime("2024-03-10T09:59:58Z");
    options.clock = [&t] { return t += std::chrono::seconds(1); };
    mktows::Client client(options);
    mktows::GetMultipleLeadsRequest request(mktows::StaticListSelector::by_id(9));
    request.batch_size = 10;
    mktows::LeadRange range = client.get_multiple_leads(request);
    CHECK(ids_of(range).size() == 30);
    auto reqs = server.requests();
    REQUIRE(reqs.size() == 3);
    std::set<std::string> signatures;
    for (const auto& r : reqs) {
        CHECK(signature_valid(r, client_credentials()));
        signatures.insert(r.auth_signature);
    }
    CHECK(signatures.size() == 3);
}

TEST_CASE("a server that closes every connection is followed transparently") {
    LeadListService service(LeadListService::numbered(25));
    ReplayServer server(
        [&](const RecordedRequest& r) {
            Response resp = service(r);
            resp.close_after = true;
            return resp;
        },
        checked_server());
    mktows::Client client(fast_options(server.endpoint()));
    mktows::GetMultipleLeadsRequest request(mktows::StaticListSelector::by_id(1));
    request.batch_size = 10;
    auto range = client.get_multiple_leads(request);
    CHECK(ids_of(range) == one_to(25));
    CHECK(server.connections_accepted() == 3);
    CHECK(client.connection()->stats().retries == 0);
}

TEST_CASE("an empty result yields nothing") {
    LeadListService service({});
    ReplayServer server(std::ref(service), checked_server());
    mktows::Client client(fast_options(server.endpoint()));
    auto range = client.get_multiple_leads(mktows::GetMultipleLeadsRequest(mktows::StaticListSelector::by_id(1)));
    CHECK(range.begin() == range.end());
    CHECK(range.pages() == 1);
    CHECK(range.leads() == 0);
}

TEST_CASE("fault 20123 (stream at end) ends the stream without an error") {
    ReplayServer server(
        [](const RecordedRequest& r) {
            if (read_get_multiple_leads(r.body).stream_position.empty())
                return Response::xml(
                    get_multiple_leads_xml(make_page({make_lead(1, "a@x.io"), make_lead(2, "b@x.io")}, 5, "more")));
            return Response::fault(20123, "Stream at end");
        },
        checked_server());
    mktows::Client client(fast_options(server.endpoint()));
    auto range = client.get_multiple_leads(mktows::GetMultipleLeadsRequest(mktows::StaticListSelector::by_id(1)));
    CHECK(ids_of(range) == std::vector<std::int64_t>{1, 2});
    CHECK(server.request_count() == 2);
    CHECK(client.connection()->stats().retries == 0);
}

TEST_CASE("an empty newStreamPosition ends the stream; with leads still remaining it is an error") {
    std::atomic<int> remaining{0};
    ReplayServer server(
        [&](const RecordedRequest&) {
            return Response::xml(get_multiple_leads_xml(make_page({make_lead(1, "a@x.io")}, remaining.load(), "")));
        },
        checked_server());
    mktows::Client client(fast_options(server.endpoint()));
    auto range = client.get_multiple_leads(mktows::GetMultipleLeadsRequest(mktows::StaticListSelector::by_id(1)));
    CHECK(ids_of(range) == std::vector<std::int64_t>{1});
    CHECK(server.request_count() == 1);
    // remainingCount is exact: 10 leads without a position to fetch them would be lost.
    remaining = 10;
    auto lossy = client.get_multiple_leads(mktows::GetMultipleLeadsRequest(mktows::StaticListSelector::by_id(1)));
    CHECK(error_of([&] { ids_of(lossy); }).kind() == ErrorKind::protocol);
}

TEST_CASE("a server that repeats a stream position is detected") {
    ReplayServer server(
        [](const RecordedRequest&) {
            return Response::xml(get_multiple_leads_xml(make_page({make_lead(1, "a@x.io")}, 50, "same-position")));
        },
        checked_server());
    mktows::Client client(fast_options(server.endpoint()));
    auto range = client.get_multiple_leads(mktows::GetMultipleLeadsRequest(mktows::StaticListSelector::by_id(1)));
    std::vector<std::int64_t> seen;
    mktows::Error e = error_of([&] {
        for (const auto& l : range) seen.push_back(l.id.value());
    });
    CHECK(e.kind() == ErrorKind::server_loop);
    CHECK(std::string(e.what()).find("same stream position") != std::string::npos);
    CHECK(server.request_count() == 2);
    CHECK(seen == std::vector<std::int64_t>{1});
}

TEST_CASE("remainingCount that does not go down for 3 pages is detected") {
    int n = 0;
    ReplayServer server(
        [&](const RecordedRequest&) {
            ++n;
            return Response::xml(
                get_multiple_leads_xml(make_page({make_lead(n, "a@x.io")}, 500, "p" + std::to_string(n))));
        },
        checked_server());
    mktows::Client client(fast_options(server.endpoint()));
    auto range = client.get_multiple_leads(mktows::GetMultipleLeadsRequest(mktows::StaticListSelector::by_id(1)));
    mktows::Error e = error_of([&] { ids_of(range); });
    CHECK(e.kind() == ErrorKind::server_loop);
    CHECK(std::string(e.what()).find("remainingCount did not go down for 3 pages") != std::string::npos);
    CHECK(server.request_count() == 4);
}

TEST_CASE("a remainingCount that stalls once or twice is not a loop") {
    const int remaining[] = {10, 10, 10, 7, 7, 0};
    int n = 0;
    ReplayServer server(
        [&](const RecordedRequest&) {
            int i = n++;
            return Response::xml(get_multiple_leads_xml(make_page(
                {make_lead(i + 1, "a@x.io")}, remaining[i], remaining[i] ? "p" + std::to_string(i) : "")));
        },
        checked_server());
    mktows::Client client(fast_options(server.endpoint()));
    auto range = client.get_multiple_leads(mktows::GetMultipleLeadsRequest(mktows::StaticListSelector::by_id(1)));
    CHECK(ids_of(range) == one_to(6));
}

TEST_CASE("an open LastUpdateAt range is pinned to the start time on every page") {
    LeadListService service(LeadListService::numbered(45));
    ReplayServer server(std::ref(service), checked_server());
    mktows::Client client(fast_options(server.endpoint()));
    mktows::GetMultipleLeadsRequest request(mktows::LastUpdateAtSelector("2024-01-01T00:00:00Z"));
    request.batch_size = 20;
    auto range = client.get_multiple_leads(request);
    auto before = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    CHECK(ids_of(range).size() == 45);
    auto after = std::chrono::system_clock::now();
    auto reqs = server.requests();
    REQUIRE(reqs.size() == 3);
    std::string latest = read_get_multiple_leads(reqs[0].body).latest_updated_at;
    REQUIRE(!latest.empty());
    auto pinned = mktows::parse_w3c_datetime(latest);
    CHECK(pinned >= before);
    CHECK(pinned <= after);
    for (const auto& r : reqs) {
        auto p = read_get_multiple_leads(r.body);
        CHECK(p.latest_updated_at == latest);
        CHECK(p.oldest_updated_at == "2024-01-01T00:00:00Z");
    }
}

TEST_CASE("for_each_lead visits every lead in order; a user stream position is where paging starts") {
    LeadListService service(LeadListService::numbered(35));
    ReplayServer server(std::ref(service), checked_server());
    mktows::Client client(fast_options(server.endpoint()));
    mktows::GetMultipleLeadsRequest request(mktows::StaticListSelector::by_id(1));
    request.batch_size = 10;
    std::vector<std::int64_t> ids;
    client.for_each_lead(request, [&](const mktows::Lead& l) { ids.push_back(l.id.value()); });
    CHECK(ids == one_to(35));

    request.stream_position = "pos:20";
    auto range = client.get_multiple_leads(request);
    ids = ids_of(range);
    CHECK(ids.size() == 15);
    CHECK(ids.front() == 21);
    CHECK(read_get_multiple_leads(server.requests().at(4).body).stream_position == "pos:20");
}

TEST_CASE("invalid requests fail before anything is sent") {
    ReplayServer server([](const RecordedRequest&) { return Response::xml(""); }, checked_server());
    mktows::Client client(fast_options(server.endpoint()));
    mktows::GetMultipleLeadsRequest bad(mktows::StaticListSelector::by_id(1));
    bad.batch_size = 0;
    CHECK(error_of([&] { client.get_multiple_leads(bad); }).kind() == ErrorKind::invalid_argument);
    CHECK(error_of([&] { client.get_multiple_leads_page(bad); }).kind() == ErrorKind::invalid_argument);
    CHECK(error_of([&] { client.get_lead({mktows::LeadKeyType::IDNUM, ""}); }).kind() == ErrorKind::invalid_argument);
    CHECK(error_of([] { mktows::Client(std::shared_ptr<mktows::Connection>()); }).kind() ==
          ErrorKind::invalid_argument);
    CHECK(server.request_count() == 0);
}

TEST_CASE("a kept-alive connection the server closed while idle is replaced without a retry") {
    LeadListService service(LeadListService::numbered(30));
    ReplayServer server(
        [&](const RecordedRequest& r) {
            Response resp = service(r);
            resp.close_silently_after = true;
            return resp;
        },
        checked_server());
    auto options = fast_options(server.endpoint());
    options.retry.max_retries = 0;
    mktows::Client client(options);
    mktows::GetMultipleLeadsRequest request(mktows::StaticListSelector::by_id(1));
    request.batch_size = 10;
    auto range = client.get_multiple_leads(request);
    std::vector<std::int64_t> ids;
    for (const auto& l : range) {
        ids.push_back(l.id.value());
        std::this_thread::sleep_for(std::chrono::milliseconds(2));  // let the close arrive
    }
    CHECK(ids == one_to(30));
    CHECK(server.connections_accepted() == 3);
}

TEST_CASE("after a failed page, iterating again resumes at the same stream position") {
    LeadListService service(LeadListService::numbered(30));
    std::atomic<int> n{0};
    ReplayServer server(
        [&](const RecordedRequest& r) {
            if (n++ == 1) return Response::fault(20014, "Authentication failed");
            return service(r);
        },
        checked_server());
    mktows::Client client(fast_options(server.endpoint()));
    mktows::GetMultipleLeadsRequest request(mktows::StaticListSelector::by_id(1));
    request.batch_size = 10;
    auto range = client.get_multiple_leads(request);
    std::vector<std::int64_t> ids;
    mktows::Error e = error_of([&] {
        for (const auto& l : range) ids.push_back(l.id.value());
    });
    CHECK(e.service_code() == 20014);
    CHECK(ids == one_to(10));
    for (const auto& l : range) ids.push_back(l.id.value());  // begin() again: the failed page is asked for again
    CHECK(ids == one_to(30));
    auto reqs = server.requests();
    REQUIRE(reqs.size() == 4);
    CHECK(read_get_multiple_leads(reqs[1].body).stream_position == "pos:10");
    CHECK(read_get_multiple_leads(reqs[2].body).stream_position == "pos:10");
    CHECK(error_of([&] { *range.end(); }).kind() == mktows::ErrorKind::invalid_argument);
}
