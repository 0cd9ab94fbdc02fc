// Retries: which failures are retried, how often, with what, and what the
// final error says.
#include <doctest/doctest.h>

#include <atomic>

#include "client_fixture.hpp"
#include "lead_list_service.hpp"
#include "support/marketo_xml.hpp"

using namespace mktows_test;
using mktows::ErrorKind;

namespace {

// Answers with `failures` in turn, then with the service.
struct FailThenServe {
    std::vector<Response> failures;
    LeadListService service{LeadListService::numbered(3)};
    std::atomic<size_t> next{0};
    Response operator()(const RecordedRequest& r) {
        size_t i = next++;
        return i < failures.size() ? failures[i] : service(r);
    }
};

Response dropped() {
    Response r;
    r.drop = true;
    return r;
}

mktows::GetMultipleLeadsRequest list_request() {
    return mktows::GetMultipleLeadsRequest(mktows::StaticListSelector::by_id(1));
}

}  // namespace

TEST_CASE("retryable failures are retried until the call succeeds") {
    struct Case {
        const char* name;
        Response failure;
        bool transport;
    };
    const Case cases[] = {
        {"20023 rate limit", Response::fault(20023, "Rate limit exceeded"), false},
        {"20024 concurrency", Response::fault(20024, "Concurrency limit exceeded"), false},
        {"10001 internal", Response::fault(10001, "Internal error"), false},
        {"20011 internal", Response::fault(20011, "Internal error"), false},
        {"HTTP 500 without fault", Response::status_only(500), false},
        {"HTTP 503 without fault", Response::status_only(503), false},
        {"dropped connection", dropped(), true},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.name));
        FailThenServe handler;
        handler.failures = {c.failure, c.failure};
        ReplayServer server(std::ref(handler), checked_server());
        mktows::Client client(fast_options(server.endpoint()));
        auto page = client.get_multiple_leads_page(list_request());
        CHECK(page.leads.size() == 3);
        CHECK(server.request_count() == 3);
        auto stats = client.connection()->stats();
        CHECK(stats.calls == 3);
        CHECK(stats.retries == 2);
        CHECK(stats.transport_errors == (c.transport ? 2 : 0));
        CHECK(server.bad_signatures() == 0);
    }
}

TEST_CASE("the final error says how many attempts were made") {
    ReplayServer server([](const RecordedRequest&) { return Response::fault(20024, "Concurrency limit exceeded"); },
                        checked_server());
    auto options = fast_options(server.endpoint());
    options.retry.max_retries = 3;
    mktows::Client client(options);
    mktows::Error e = error_of([&] { client.get_multiple_leads_page(list_request()); });
    CHECK(e.kind() == ErrorKind::service_fault);
    CHECK(e.service_code() == 20024);
    CHECK(e.attempts() == 4);
    CHECK(std::string(e.what()).find("gave up after 4 attempts") != std::string::npos);
    CHECK(server.request_count() == 4);
    CHECK(client.connection()->stats().faults == 4);
}

TEST_CASE("backoff waits grow between attempts") {
    ReplayServer server([](const RecordedRequest&) { return Response::status_only(503); }, checked_server());
    auto options = fast_options(server.endpoint());
    options.retry.max_retries = 3;
    options.retry.initial_backoff = std::chrono::milliseconds(60);
    options.retry.max_backoff = std::chrono::milliseconds(1000);
    options.retry.jitter = false;  // exact waits: 60, 120, 240 ms
    mktows::Client client(options);
    error_of([&] { client.get_multiple_leads_page(list_request()); });
    auto reqs = server.requests();
    REQUIRE(reqs.size() == 4);
    using std::chrono::milliseconds;
    CHECK(reqs[1].received - reqs[0].received >= milliseconds(60));
    CHECK(reqs[2].received - reqs[1].received >= milliseconds(120));
    CHECK(reqs[3].received - reqs[2].received >= milliseconds(240));
    CHECK(reqs[3].received - reqs[2].received < milliseconds(240 + 500));
}

TEST_CASE("non-retryable failures fail at once") {
    struct Case {
        const char* name;
        Response response;
        ErrorKind kind;
        const char* fragment;
    };
    const Case cases[] = {
        {"20014", Response::fault(20014, "Authentication failed"), ErrorKind::service_fault, "20014"},
        {"20015", Response::fault(20015, "Request limit exceeded"), ErrorKind::service_fault, "midnight US Central"},
        {"20022", Response::fault(20022, "Time span too long"), ErrorKind::service_fault, "20022"},
        {"20122", Response::fault(20122, "Bad stream position"), ErrorKind::service_fault, "20122"},
        {"HTTP 404", Response::status_only(404), ErrorKind::http_status, "404"},
        {"not SOAP", Response::xml("<html/>"), ErrorKind::protocol, "could not be understood"},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.name));
        ReplayServer server([&](const RecordedRequest&) { return c.response; }, checked_server());
        mktows::Client client(fast_options(server.endpoint()));
        mktows::Error e = error_of([&] { client.get_multiple_leads_page(list_request()); });
        std::string message = e.what();
        CAPTURE(message);
        CHECK(e.kind() == c.kind);
        CHECK(e.attempts() == 1);
        CHECK(message.find(c.fragment) != std::string::npos);
        CHECK(server.request_count() == 1);
    }
}

TEST_CASE("20016 is retried at once with a fresh timestamp and signature") {
    FailThenServe handler;
    handler.failures = {Response::fault(20016, "Request expired")};
    ReplayServer server(std::ref(handler), checked_server());
    auto options = fast_options(server.endpoint());
    options.retry.initial_backoff = std::chrono::seconds(5);  // would be noticed
    options.retry.max_backoff = std::chrono::seconds(5);
    auto t = mktows::parse_w3c_datetime("2013-08-02T22:47:06Z");
    options.clock = [&t] { return t += std::chrono::seconds(1); };
    mktows::Client client(options);
    auto started = std::chrono::steady_clock::now();
    CHECK(client.get_multiple_leads_page(list_request()).leads.size() == 3);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
    auto reqs = server.requests();
    REQUIRE(reqs.size() == 2);
    CHECK(reqs[0].auth_timestamp != reqs[1].auth_timestamp);
    CHECK(reqs[0].auth_signature != reqs[1].auth_signature);
    CHECK(signature_valid(reqs[1], client_credentials()));
    CHECK(client.connection()->stats().retries == 1);
}

TEST_CASE("a retried page re-sends the same stream position; nothing is lost or repeated") {
    LeadListService service(LeadListService::numbered(50));
    std::atomic<int> n{0};
    ReplayServer server(
        [&](const RecordedRequest& r) {
            int i = n++;
            if (i == 2) return Response::fault(20023, "Rate limit exceeded");
            if (i == 4) return dropped();
            return service(r);
        },
        checked_server());
    mktows::Client client(fast_options(server.endpoint()));
    mktows::GetMultipleLeadsRequest request = list_request();
    request.batch_size = 10;
    auto range = client.get_multiple_leads(request);
    CHECK(ids_of(range) == one_to(50));
    auto reqs = server.requests();
    REQUIRE(reqs.size() == 7);
    auto pos = [&](size_t i) { return read_get_multiple_leads(reqs[i].body).stream_position; };
    CHECK(pos(2) == "pos:20");
    CHECK(pos(3) == "pos:20");  // the retry of request 2
    CHECK(pos(4) == "pos:30");
    CHECK(pos(5) == "pos:30");  // the retry of request 4
    CHECK(pos(6) == "pos:40");
}

TEST_CASE("a receive timeout retries the page with half the batch size, down to the floor") {
    LeadListService service(LeadListService::numbered(120));
    ReplayServer server(
        [&](const RecordedRequest& r) {
            Response resp = service(r);
            if (read_get_multiple_leads(r.body).batch_size > 50) resp.delay = std::chrono::milliseconds(1500);
            return resp;
        },
        checked_server());
    auto options = fast_options(server.endpoint());
    options.transport.receive_timeout = std::chrono::milliseconds(250);
    options.retry.min_batch_size = 25;
    mktows::Client client(options);
    mktows::GetMultipleLeadsRequest request = list_request();
    request.batch_size = 200;
    auto page = client.get_multiple_leads_page(request);
    CHECK(page.leads.size() == 50);
    CHECK(page.remaining_count == 70);
    std::vector<int> sizes;
    for (const auto& r : server.requests()) sizes.push_back(read_get_multiple_leads(r.body).batch_size);
    CHECK(sizes == std::vector<int>{200, 100, 50});

    // The floor: a server that is always too slow is tried at the floor until retries run out.
    server.set_handler([&](const RecordedRequest& r) {
        Response resp = service(r);
        resp.delay = std::chrono::milliseconds(1500);
        return resp;
    });
    server.clear();
    options.retry.max_retries = 4;
    options.retry.min_batch_size = 40;
    mktows::Client slow(options);
    mktows::Error e = error_of([&] { slow.get_multiple_leads_page(request); });
    CHECK(e.kind() == ErrorKind::transport);
    CHECK(e.attempts() == 5);
    CHECK(std::string(e.what()).find("receive timeout") != std::string::npos);
    sizes.clear();
    for (const auto& r : server.requests()) sizes.push_back(read_get_multiple_leads(r.body).batch_size);
    CHECK(sizes == std::vector<int>{200, 100, 50, 40, 40});
}

TEST_CASE("max_retries = 0 makes one attempt") {
    ReplayServer server([](const RecordedRequest&) { return Response::status_only(503); }, checked_server());
    auto options = fast_options(server.endpoint());
    options.retry.max_retries = 0;
    mktows::Client client(options);
    mktows::Error e = error_of([&] { client.get_multiple_leads_page(list_request()); });
    CHECK(e.attempts() == 1);
    CHECK(std::string(e.what()).find("retries are off") != std::string::npos);
    CHECK(server.request_count() == 1);
}

TEST_CASE("getLead is retried too") {
    std::atomic<int> n{0};
    ReplayServer server(
        [&](const RecordedRequest&) {
            if (n++ == 0) return Response::fault(10001, "Internal error");
            return Response::xml(get_lead_xml({make_lead(5, "x@y.z")}));
        },
        checked_server());
    mktows::Client client(fast_options(server.endpoint()));
    auto leads = client.get_lead({mktows::LeadKeyType::IDNUM, "5"});
    REQUIRE(leads.size() == 1);
    CHECK(leads[0].id.value() == 5);
    CHECK(server.request_count() == 2);
}
