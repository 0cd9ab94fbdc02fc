// Every way a call can fail becomes an mktows::Error of the right kind,
// with the Marketo code, the HTTP status and a message that says what
// happened. (Retries are off here; the client tests cover them.)
#include <doctest/doctest.h>

#include "support/closed_port.hpp"
#include "support/marketo_xml.hpp"
#include "wire_fixture.hpp"

using namespace mktows_test;
using mktows::Error;
using mktows::ErrorKind;

namespace {

Error error_for(const Response& response, std::chrono::milliseconds receive_timeout = std::chrono::seconds(10)) {
    ReplayServer server([&](const RecordedRequest&) { return response; }, signed_server_options());
    auto options = options_for(server.endpoint());
    options.transport.receive_timeout = receive_timeout;
    mktows::Client client(options);
    try {
        client.get_multiple_leads_page(mktows::GetMultipleLeadsRequest(mktows::StaticListSelector::by_id(1)));
    } catch (const Error& e) {
        CHECK(std::string(e.what()).find(test_credentials().secret_key) == std::string::npos);
        CHECK(server.request_count() == 1);  // retries are off
        return e;
    }
    FAIL("the call did not fail");
    return Error(ErrorKind::cancelled, "");
}

bool contains(const Error& e, const char* s) { return std::string(e.what()).find(s) != std::string::npos; }

}  // namespace

TEST_CASE("a Marketo fault carries its code, message and HTTP status") {
    Error e = error_for(Response::fault(20014, "Authentication failed"));
    std::string e_message = e.what();
    CAPTURE(e_message);
    CHECK(e.kind() == ErrorKind::service_fault);
    CHECK(e.service_code() == 20014);
    CHECK(e.http_status() == 500);
    CHECK_FALSE(e.retryable());
    CHECK(e.attempts() == 1);
    CHECK(contains(e, "20014"));
    CHECK(contains(e, "Authentication failed"));
    CHECK(contains(e, "getMultipleLeads"));
}

TEST_CASE("a fault sent with HTTP 200 is still a fault") {
    Response r = Response::fault(20103, "Lead not found");
    r.status = 200;
    Error e = error_for(r);
    CHECK(e.kind() == ErrorKind::service_fault);
    CHECK(e.service_code() == 20103);
    CHECK(contains(e, "Lead not found"));
}

TEST_CASE("fault codes: retryable ones, 20015's reset time, 20022, 20111") {
    Error rate = error_for(Response::fault(20023, "Rate limit exceeded"));
    CHECK(rate.service_code() == 20023);
    CHECK(rate.retryable());
    Error quota = error_for(Response::fault(20015, "Request limit exceeded"));
    std::string quota_message = quota.what();
    CAPTURE(quota_message);
    CHECK(quota.service_code() == 20015);
    CHECK_FALSE(quota.retryable());
    CHECK(contains(quota, "midnight US Central"));
    Error span = error_for(Response::fault(20022, "Time span in query filter over the limit"));
    CHECK(span.service_code() == 20022);
    CHECK(contains(span, "30 days"));
    Error list = error_for(Response::fault(20111, "List not found"));
    CHECK(list.service_code() == 20111);
    CHECK(contains(list, "List not found"));
}

TEST_CASE("a fault without detail takes its code from the faultstring; one without any code stays a fault") {
    auto fault_body = [](const std::string& inner) {
        return "<?xml version=\"1.0\"?><SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\">"
               "<SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>SOAP-ENV:Server</faultcode>" +
               inner + "</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>";
    };
    Response r = Response::xml(fault_body("<faultstring>20024 - Concurrency limit exceeded</faultstring>"));
    r.status = 500;
    Error e = error_for(r);
    CHECK(e.kind() == ErrorKind::service_fault);
    CHECK(e.service_code() == 20024);
    CHECK(e.retryable());
    r.body = fault_body("<faultstring>Something odd happened</faultstring>");
    e = error_for(r);
    CHECK(e.kind() == ErrorKind::service_fault);
    CHECK(e.service_code() == 0);
    CHECK(contains(e, "Something odd happened"));
}

TEST_CASE("a SOAP 1.2 fault with Marketo's detail carries its code and message") {
    Response r = Response::xml(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" "
        "xmlns:ns1=\"http://www.marketo.com/mktows/\"><env:Body><env:Fault>"
        "<env:Code><env:Value>env:Sender</env:Value></env:Code>"
        "<env:Reason><env:Text xml:lang=\"en\">20013 - Access denied</env:Text></env:Reason>"
        "<env:Detail><ns1:serviceException><name>mktServiceException</name>"
        "<message>Access denied (20013)</message><code>20013</code></ns1:serviceException></env:Detail>"
        "</env:Fault></env:Body></env:Envelope>");
    r.status = 400;
    Error e = error_for(r);
    std::string message = e.what();
    CAPTURE(message);
    CHECK(e.kind() == ErrorKind::service_fault);
    CHECK(e.service_code() == 20013);
    CHECK(e.http_status() == 400);
    CHECK(contains(e, "Access denied"));
    CHECK_FALSE(contains(e, "(20013)"));  // the code is said once, at the start
}

TEST_CASE("HTTP error statuses without a SOAP fault") {
    Error e500 = error_for(Response::status_only(500, "upstream exploded\n"));
    CHECK(e500.kind() == ErrorKind::http_status);
    CHECK(e500.http_status() == 500);
    CHECK(e500.retryable());
    CHECK(contains(e500, "HTTP status 500"));
    Response html = Response::status_only(503, "<html><body>Service Unavailable</body></html>");
    html.content_type = "text/html";
    Error e503 = error_for(html);
    CHECK(e503.kind() == ErrorKind::http_status);
    CHECK(e503.http_status() == 503);
    CHECK(e503.retryable());
    Error e404 = error_for(Response::status_only(404));
    CHECK(e404.kind() == ErrorKind::http_status);
    CHECK(e404.http_status() == 404);
    CHECK_FALSE(e404.retryable());
}

TEST_CASE("transport failures: dropped connection, refused connection, receive timeout") {
    Response drop;
    drop.drop = true;
    Error dropped = error_for(drop);
    CHECK(dropped.kind() == ErrorKind::transport);
    CHECK(dropped.retryable());

    Response slow = Response::xml(seed_response());
    slow.delay = std::chrono::milliseconds(1500);
    Error timeout = error_for(slow, std::chrono::milliseconds(300));
    CHECK(timeout.kind() == ErrorKind::transport);
    CHECK(contains(timeout, "receive timeout"));

    // A port that nobody listens on.
    auto options = options_for("http://127.0.0.1:" + std::to_string(closed_port()) + "/soap/mktows/2_7");
    mktows::Client client(options);
    try {
        client.get_multiple_leads_page(mktows::GetMultipleLeadsRequest(mktows::StaticListSelector::by_id(1)));
        FAIL("connected to a closed port");
    } catch (const Error& e) {
        std::string e_message = e.what();
    CAPTURE(e_message);
        CHECK(e.kind() == ErrorKind::transport);
        CHECK(contains(e, "refused"));
    }
}

TEST_CASE("responses that cannot be understood are protocol errors") {
    const std::pair<const char*, std::string> cases[] = {
        {"not XML", "this is not XML at all"},
        {"another element", "<?xml version=\"1.0\"?><SOAP-ENV:Envelope "
                            "xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Body>"
                            "<other/></SOAP-ENV:Body></SOAP-ENV:Envelope>"},
        {"no result", "<?xml version=\"1.0\"?><SOAP-ENV:Envelope "
                      "xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                      "xmlns:ns1=\"http://www.marketo.com/mktows/\"><SOAP-ENV:Body>"
                      "<ns1:successGetMultipleLeads/></SOAP-ENV:Body></SOAP-ENV:Envelope>"},
    };
    for (const auto& [name, body] : cases) {
        std::string what_case = name;
        CAPTURE(what_case);
        Error e = error_for(Response::xml(body));
        std::string message = e.what();
        CAPTURE(message);
        CHECK(e.kind() == ErrorKind::protocol);
        CHECK_FALSE(e.retryable());
    }
    // A response cut short by a closed connection is a transport failure (retryable).
    Response cut = Response::xml(seed_response().substr(0, seed_response().size() / 2));
    cut.close_after = true;
    Error truncated = error_for(cut);
    CHECK(truncated.kind() == ErrorKind::transport);
    CHECK(contains(truncated, "before a complete response"));
    // returnCount that does not match the records sent: never a silently short page.
    mktows::LeadPage lying = make_page({make_lead(1, "a@b.c")}, 0, "");
    lying.return_count = 2;
    Error e = error_for(Response::xml(get_multiple_leads_xml(lying)));
    CHECK(e.kind() == ErrorKind::protocol);
    CHECK(contains(e, "returnCount 2"));
}

TEST_CASE("gzip can be turned off") {
    ReplayServer server(
        [](const RecordedRequest&) {
            Response r = Response::xml(seed_response());
            r.gzip = true;  // only if asked for
            return r;
        },
        signed_server_options());
    auto options = options_for(server.endpoint());
    options.transport.accept_gzip = false;
    mktows::Client client(options);
    auto page = client.get_multiple_leads_page(mktows::GetMultipleLeadsRequest(mktows::StaticListSelector::by_id(1)));
    CHECK(page.leads.size() == 2);
    CHECK(server.requests().at(0).header("Accept-Encoding") == "");
}
