// The client against a hostile or broken server: whatever the server sends,
// the client neither crashes, nor waits past its timeouts, nor drops or
// invents leads without an error.
#include <doctest/doctest.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "client_fixture.hpp"
#include "lead_list_service.hpp"
#include "support/marketo_xml.hpp"
#include "raw_server.hpp"

using namespace mktows_test;
using mktows::ErrorKind;
using Clock = std::chrono::steady_clock;

namespace {

mktows::ClientOptions hostile_options(const std::string& endpoint) {
    auto o = fast_options(endpoint);
    o.retry.max_retries = 0;
    o.transport.connect_timeout = std::chrono::seconds(2);
    o.transport.receive_timeout = std::chrono::seconds(2);
    o.transport.send_timeout = std::chrono::seconds(2);
    return o;
}

mktows::GetMultipleLeadsRequest list_request(int batch_size = 200) {
    mktows::GetMultipleLeadsRequest r(mktows::StaticListSelector::by_id(1));
    r.batch_size = batch_size;
    return r;
}

bool contains(const mktows::Error& e, const std::string& text) {
    return std::string(e.what()).find(text) != std::string::npos;
}

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

const char* const kEnvelopeStart =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
    "xmlns:ns1=\"http://www.marketo.com/mktows/\"><SOAP-ENV:Body><ns1:successGetMultipleLeads><result>"
    "<returnCount>0</returnCount><remainingCount>0</remainingCount><newStreamPosition/>";

std::string chunk(const std::string& data) {
    char size[32];
    std::snprintf(size, sizeof size, "%zx\r\n", data.size());
    return size + data + "\r\n";
}

const char* const kChunkedHead =
    "HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n";

}  // namespace

TEST_CASE("hostile: a response larger than max_response_bytes is refused, a smaller one is read") {
    std::vector<mktows::Lead> leads;
    for (int i = 1; i <= 40; ++i)
        leads.push_back(make_lead(i, "lead" + std::to_string(i) + "@example.com",
                                  {{"Notes", "text", std::string(50'000, 'n')}}));
    const std::string big = get_multiple_leads_xml(make_page(leads, 0, ""));
    REQUIRE(big.size() > 2'000'000);
    ReplayServer server([&](const RecordedRequest&) { return Response::xml(big); }, checked_server());
    auto options = hostile_options(server.endpoint());
    options.transport.max_response_bytes = 1'000'000;
    mktows::Client small_limit(options);
    mktows::Error e = error_of([&] { small_limit.get_multiple_leads_page(list_request()); });
    std::string message = e.what();
    CAPTURE(message);
    CHECK(e.kind() == ErrorKind::protocol);
    CHECK(contains(e, "larger than"));
    CHECK_FALSE(e.retryable());

    options.transport.max_response_bytes = 4'000'000;
    mktows::Client large_limit(options);
    CHECK(large_limit.get_multiple_leads_page(list_request()).leads.size() == 40);
}

TEST_CASE("hostile: gzip does not get around max_response_bytes") {
    std::vector<mktows::Lead> leads;
    for (int i = 1; i <= 40; ++i)
        leads.push_back(make_lead(i, "lead" + std::to_string(i) + "@example.com",
                                  {{"Notes", "text", std::string(50'000, 'n')}}));
    const std::string big = get_multiple_leads_xml(make_page(leads, 0, ""));
    ReplayServer server(
        [&](const RecordedRequest&) {
            Response r = Response::xml(big);
            r.gzip = true;  // ~2 MB of XML in a few kB
            return r;
        },
        checked_server());
    auto options = hostile_options(server.endpoint());
    options.transport.max_response_bytes = 1'000'000;
    mktows::Client client(options);
    mktows::Error e = error_of([&] { client.get_multiple_leads_page(list_request()); });
    std::string message = e.what();
    CAPTURE(message);
    CHECK(e.kind() == ErrorKind::protocol);
    CHECK(contains(e, "larger than"));
}

TEST_CASE("hostile: a response that never ends (fast) stops at max_response_bytes") {
    RawServer server([](int fd, RawServer& s) {
        if (!RawServer::read_request(fd)) return;
        if (!RawServer::send_all(fd, std::string(kChunkedHead) + chunk(kEnvelopeStart) + chunk("<Notes>"))) return;
        const std::string filler = chunk(std::string(65536, 'x'));
        while (!s.stopping() && RawServer::send_all(fd, filler)) {
        }
    });
    auto options = hostile_options(server.endpoint());
    options.transport.max_response_bytes = 2'000'000;
    mktows::Client client(options);
    const auto started = Clock::now();
    mktows::Error e = error_of([&] { client.get_multiple_leads_page(list_request()); });
    std::string message = e.what();
    CAPTURE(message);
    CHECK(e.kind() == ErrorKind::protocol);
    CHECK(contains(e, "larger than"));
    CHECK(seconds_since(started) < 10);
}

TEST_CASE("hostile: a response trickled forever ends at the receive timeout") {
    RawServer server([](int fd, RawServer& s) {
        if (!RawServer::read_request(fd)) return;
        if (!RawServer::send_all(fd, std::string(kChunkedHead) + chunk(kEnvelopeStart))) return;
        while (s.pause(std::chrono::milliseconds(50)) && RawServer::send_all(fd, chunk(" "))) {
        }
    });
    auto options = hostile_options(server.endpoint());
    options.transport.receive_timeout = std::chrono::seconds(2);
    mktows::Client client(options);
    const auto started = Clock::now();
    mktows::Error e = error_of([&] { client.get_multiple_leads_page(list_request()); });
    const double took = seconds_since(started);
    std::string message = e.what();
    CAPTURE(message);
    CAPTURE(took);
    CHECK(e.kind() == ErrorKind::transport);
    CHECK(contains(e, "receive timeout"));
    CHECK(took >= 1.5);
    CHECK(took < 2 + 5);  // the timeout, plus a margin for a loaded machine
}

TEST_CASE("hostile: response headers that never end are cut off") {
    RawServer server([](int fd, RawServer& s) {
        if (!RawServer::read_request(fd)) return;
        if (!RawServer::send_all(fd, "HTTP/1.1 200 OK\r\n")) return;
        const std::string lines = [] {
            std::string l;
            for (int i = 0; i < 1000; ++i) l += "X-Filler: " + std::string(50, 'f') + "\r\n";
            return l;
        }();
        while (!s.stopping() && RawServer::send_all(fd, lines)) {
        }
    });
    auto options = hostile_options(server.endpoint());
    options.transport.max_response_bytes = 2'000'000;
    mktows::Client client(options);
    const auto started = Clock::now();
    mktows::Error e = error_of([&] { client.get_multiple_leads_page(list_request()); });
    std::string message = e.what();
    CAPTURE(message);
    CHECK(seconds_since(started) < 10);
    CHECK_FALSE(e.kind() == ErrorKind::service_fault);
}

TEST_CASE("hostile: a TLS server that stalls mid-handshake fails within the timeouts") {
    RawServer server([](int fd, RawServer& s) {
        char buf[4096];
        (void)::recv(fd, buf, sizeof buf, 0);  // the ClientHello, never answered
        while (s.pause(std::chrono::milliseconds(50))) {
        }
    });
    auto options = hostile_options(server.endpoint("https"));
    options.transport.connect_timeout = std::chrono::seconds(1);
    options.transport.receive_timeout = std::chrono::seconds(2);
    mktows::Client client(options);
    const auto started = Clock::now();
    mktows::Error e = error_of([&] { client.get_multiple_leads_page(list_request()); });
    const double took = seconds_since(started);
    std::string message = e.what();
    CAPTURE(message);
    CAPTURE(took);
    CHECK(e.kind() == ErrorKind::transport);
    CHECK(took < 2 + 5);
}

TEST_CASE("hostile: a lead that is not valid UTF-8 is an error, not silently changed text") {
    // gSOAP alone reads such bytes as Latin-1: "bad\xff" would come out as "bad\u00ff".
    const char* const bad_values[] = {
        "bad\xff\xfe",         // bytes that never occur in UTF-8
        "Caf\xc3",             // a sequence cut short (by the '<' of the end tag)
        "over\xc0\xaflong",    // an overlong '/'
        "sur\xed\xa0\x80",      // a UTF-16 surrogate
        "big\xf4\x90\x80\x80",  // above U+10FFFF
    };
    for (const char* value : bad_values) {
        CAPTURE(std::string(value));
        mktows::Lead lead = make_lead(1, "a@example.com", {{"Company", "string", value}});
        for (bool gzip : {false, true}) {
            CAPTURE(gzip);
            ReplayServer server(
                [&](const RecordedRequest&) {
                    Response r = Response::xml(get_multiple_leads_xml(make_page({lead}, 0, "")));
                    r.gzip = gzip;
                    return r;
                },
                checked_server());
            mktows::Client client(hostile_options(server.endpoint()));
            mktows::Error e = error_of([&] { client.get_multiple_leads_page(list_request()); });
            std::string message = e.what();
            CAPTURE(message);
            CHECK(e.kind() == ErrorKind::protocol);
            CHECK(contains(e, "not UTF-8"));
            CHECK_FALSE(e.retryable());
        }
    }
}

TEST_CASE("hostile: valid UTF-8 split across chunks and gzip blocks is read unchanged") {
    const std::string text = "Zo\xc3\xab \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80 <&> end";  // 2-, 3- and 4-byte characters
    const std::string xml = get_multiple_leads_xml(make_page({make_lead(1, "a@example.com", {{"Note", "string", text}})}, 0, ""));
    // Chunks of 1 to 3 bytes: every multi-byte character is split somewhere.
    RawServer chunked([&](int fd, RawServer&) {
        if (!RawServer::read_request(fd)) return;
        std::string out = kChunkedHead;
        for (std::size_t i = 0, n = 1; i < xml.size(); i += n, n = n % 3 + 1) out += chunk(xml.substr(i, n));
        out += "0\r\n\r\n";
        RawServer::send_all(fd, out);
    });
    mktows::Client client(hostile_options(chunked.endpoint()));
    auto page = client.get_multiple_leads_page(list_request());
    REQUIRE(page.leads.size() == 1);
    CHECK(page.leads[0].attributes.at(0).value == text);

    ReplayServer gzipped(
        [&](const RecordedRequest&) {
            Response r = Response::xml(xml);
            r.gzip = true;
            return r;
        },
        checked_server());
    mktows::Client gzip_client(hostile_options(gzipped.endpoint()));
    auto page2 = gzip_client.get_multiple_leads_page(list_request());
    REQUIRE(page2.leads.size() == 1);
    CHECK(page2.leads[0].attributes.at(0).value == text);
}

TEST_CASE("hostile: a body that ends at its Content-Length before its XML does fails at once, not at the timeout") {
    const std::string cut = std::string(kEnvelopeStart) + "<leadRecordList><leadRecord><Id>1";
    ReplayServer server([&](const RecordedRequest&) { return Response::xml(cut); }, checked_server());
    auto options = hostile_options(server.endpoint());
    options.transport.receive_timeout = std::chrono::seconds(60);
    mktows::Client client(options);
    const auto started = Clock::now();
    mktows::Error e = error_of([&] { client.get_multiple_leads_page(list_request()); });
    std::string message = e.what();
    CAPTURE(message);
    CHECK(e.kind() == ErrorKind::transport);  // cut short on the way, as far as the client can tell
    CHECK(e.retryable());
    CHECK(contains(e, "Content-Length"));
    CHECK(contains(e, "before a complete response"));
    CHECK(seconds_since(started) < 20);  // not the 60 s receive timeout
}

TEST_CASE("hostile: deeply nested XML neither crashes the parser nor invents leads") {
    std::string nested;
    for (int i = 0; i < 1'000'000; ++i) nested += "<a>";
    for (int i = 0; i < 1'000'000; ++i) nested += "</a>";
    const std::string head = "<?xml version=\"1.0\"?><SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                             "xmlns:ns1=\"http://www.marketo.com/mktows/\">";
    SUBCASE("an unknown element of a result is skipped") {
        const std::string body = std::string(kEnvelopeStart) + nested +
                                 "</result></ns1:successGetMultipleLeads></SOAP-ENV:Body></SOAP-ENV:Envelope>";
        ReplayServer server([&](const RecordedRequest&) { return Response::xml(body); }, checked_server());
        mktows::Client client(hostile_options(server.endpoint()));
        auto page = client.get_multiple_leads_page(list_request());
        CHECK(page.leads.empty());
        CHECK(page.return_count == 0);
    }
    SUBCASE("in a fault's detail, the fault still comes through") {
        const std::string body = head + "<SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode>"
                                        "<faultstring>20014 - Authentication failed</faultstring><detail>" + nested +
                                 "</detail></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>";
        ReplayServer server(
            [&](const RecordedRequest&) {
                Response r = Response::xml(body);
                r.status = 500;
                return r;
            },
            checked_server());
        mktows::Client client(hostile_options(server.endpoint()));
        mktows::Error e = error_of([&] { client.get_multiple_leads_page(list_request()); });
        CHECK(e.kind() == ErrorKind::service_fault);
        CHECK(e.service_code() == 20014);
    }
    SUBCASE("instead of the operation's element, it is a protocol error") {
        const std::string body = head + "<SOAP-ENV:Body>" + nested + "</SOAP-ENV:Body></SOAP-ENV:Envelope>";
        ReplayServer server([&](const RecordedRequest&) { return Response::xml(body); }, checked_server());
        mktows::Client client(hostile_options(server.endpoint()));
        mktows::Error e = error_of([&] { client.get_multiple_leads_page(list_request()); });
        CHECK(e.kind() == ErrorKind::protocol);
    }
}

TEST_CASE("hostile: a page with more records than batchSize is taken whole, and paging goes on") {
    // Marketo never does this; if a server does, no record is dropped.
    ReplayServer server(
        [](const RecordedRequest& r) {
            const auto params = read_get_multiple_leads(r.body);
            const int first = params.stream_position.empty() ? 1 : 4;
            std::vector<mktows::Lead> leads;
            for (int i = first; i < first + 3; ++i) leads.push_back(make_lead(i, "x@y.z"));
            return Response::xml(get_multiple_leads_xml(
                make_page(leads, first == 1 ? 3 : 0, first == 1 ? "second" : "")));
        },
        checked_server());
    mktows::Client client(hostile_options(server.endpoint()));
    auto range = client.get_multiple_leads(list_request(2));
    CHECK(ids_of(range) == one_to(6));
    CHECK(range.pages() == 2);
}

TEST_CASE("hostile: negative or absurd counts are protocol errors") {
    const std::pair<const char*, std::string> counts[] = {
        {"negative returnCount", "<returnCount>-1</returnCount><remainingCount>0</remainingCount>"},
        {"negative remainingCount", "<returnCount>0</returnCount><remainingCount>-5</remainingCount>"},
        {"remainingCount past int", "<returnCount>0</returnCount><remainingCount>99999999999</remainingCount>"},
        {"returnCount not a number", "<returnCount>many</returnCount><remainingCount>0</remainingCount>"},
        {"returnCount of absent records", "<returnCount>2147483647</returnCount><remainingCount>0</remainingCount>"},
    };
    for (const auto& [name, xml] : counts) {
        std::string what_case = name;
        CAPTURE(what_case);
        const std::string body =
            "<?xml version=\"1.0\"?><SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
            "xmlns:ns1=\"http://www.marketo.com/mktows/\"><SOAP-ENV:Body><ns1:successGetMultipleLeads><result>" +
            xml + "<newStreamPosition/></result></ns1:successGetMultipleLeads></SOAP-ENV:Body></SOAP-ENV:Envelope>";
        ReplayServer server([&](const RecordedRequest&) { return Response::xml(body); }, checked_server());
        mktows::Client client(hostile_options(server.endpoint()));
        mktows::Error e = error_of([&] { client.get_multiple_leads_page(list_request()); });
        std::string message = e.what();
        CAPTURE(message);
        CHECK(e.kind() == ErrorKind::protocol);
    }
}

TEST_CASE("hostile: an empty newStreamPosition while leads remain is an error, not a silent end") {
    ReplayServer server(
        [](const RecordedRequest&) {
            return Response::xml(get_multiple_leads_xml(make_page({make_lead(1, "a@x.io")}, 10, "")));
        },
        checked_server());
    mktows::Client client(hostile_options(server.endpoint()));
    auto range = client.get_multiple_leads(list_request());
    std::vector<std::int64_t> seen;
    mktows::Error e = error_of([&] {
        for (const auto& l : range) seen.push_back(l.id.value());
    });
    std::string message = e.what();
    CAPTURE(message);
    CHECK(e.kind() == ErrorKind::protocol);
    CHECK(contains(e, "remainingCount 10"));
    CHECK(seen.empty());
}

TEST_CASE("hostile: HTTP redirects are not followed; the signed request goes nowhere else") {
    LeadListService service(LeadListService::numbered(3));
    ReplayServer elsewhere(std::ref(service), checked_server());
    for (int status : {301, 302, 303, 307, 308}) {
        CAPTURE(status);
        ReplayServer server(
            [&](const RecordedRequest&) {
                Response r = Response::status_only(status, "moved\n");
                r.headers.emplace_back("Location", elsewhere.endpoint());
                return r;
            },
            checked_server());
        mktows::Client client(hostile_options(server.endpoint()));
        mktows::Error e = error_of([&] { client.get_multiple_leads_page(list_request()); });
        std::string message = e.what();
        CAPTURE(message);
        CHECK(e.kind() == ErrorKind::http_status);
        CHECK(e.http_status() == status);
        CHECK(elsewhere.request_count() == 0);
    }
}
