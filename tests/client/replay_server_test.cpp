// ReplayServer's own behaviour, driven by a raw HTTP client, so that the
// SDK tests built on it can trust what it records and sends.
#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "support/http_connection.hpp"
#include "support/replay_server.hpp"

using mktows_test::HttpConnection;
using mktows_test::RecordedRequest;
using mktows_test::ReplayServer;
using mktows_test::Response;

namespace {

std::string post(const std::string& body, const std::string& extra = "") {
    return "POST /soap/mktows/2_7 HTTP/1.1\r\nHost: x\r\nSOAPAction: \"urn:op\"\r\nContent-Type: text/xml\r\n" + extra +
           "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace

TEST_CASE("ReplayServer records requests and keeps the connection alive") {
    ReplayServer server([](const RecordedRequest& r) { return Response::xml("<echo>" + r.body + "</echo>"); });
    CHECK(server.endpoint() == "http://127.0.0.1:" + std::to_string(server.port()) + "/soap/mktows/2_7");
    HttpConnection c(server.port());
    c.send_raw(post("<a/>"));
    const auto r1 = c.read_response();
    REQUIRE(r1);
    CHECK(r1->head.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
    CHECK(r1->body.find("<echo><a/></echo>") != std::string::npos);
    c.send_raw("POST /soap/mktows/2_7 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n<b>\r\n4\r\n</b>\r\n0\r\n\r\n");
    const auto r2 = c.read_response();
    REQUIRE(r2);
    CHECK(r2->body.find("<echo><b></b></echo>") != std::string::npos);
    auto reqs = server.requests();
    REQUIRE(reqs.size() == 2);
    CHECK(reqs[0].method == "POST");
    CHECK(reqs[0].path() == "/soap/mktows/2_7");
    CHECK(reqs[0].soap_action == "urn:op");
    CHECK(reqs[0].header("content-type") == "text/xml");
    CHECK(reqs[0].body == "<a/>");
    CHECK(reqs[1].body == "<b></b>");
    CHECK(reqs[0].connection == reqs[1].connection);
    CHECK(reqs[1].index_on_connection == 2);
    CHECK(server.connections_accepted() == 1);
}

TEST_CASE("ReplayServer can close after answering, drop, and answer faults") {
    int n = 0;
    ReplayServer server([&](const RecordedRequest&) {
        ++n;
        if (n == 1) {
            Response r = Response::fault(20023, "Rate limit exceeded");
            r.close_after = true;
            return r;
        }
        Response r;
        r.drop = true;
        return r;
    });
    {
        HttpConnection c(server.port());
        c.send_raw(post("<x/>"));
        const auto r = c.read_response();
        REQUIRE(r);
        CHECK(r->head.rfind("HTTP/1.1 500 ", 0) == 0);
        CHECK(r->head.find("Connection: close") != std::string::npos);
        CHECK(r->body.find("<faultstring>20023 - Rate limit exceeded</faultstring>") != std::string::npos);
        CHECK(r->body.find("<code>20023</code>") != std::string::npos);
        CHECK(c.closed_by_server(std::chrono::seconds(5)));
    }
    {
        HttpConnection c(server.port());
        c.send_raw(post("<y/>"));
        CHECK_FALSE(c.read_response().has_value());
    }
    CHECK(server.connections_accepted() == 2);
}

TEST_CASE("ReplayServer answers a bad signature with 20014 when given credentials") {
    const auto options = mktows_test::checking_signatures({"user1", "secret1"});
    int handled = 0;
    ReplayServer server([&](const RecordedRequest&) { ++handled; return Response::xml("<ok/>"); }, options);
    std::string ts = "2013-08-02T15:47:06-07:00";
    std::string good = "<Envelope><Header><AuthenticationHeader><mktowsUserId>user1</mktowsUserId>"
                       "<requestSignature>" + mktows::hmac_sha1_hex("secret1", ts + "user1") +
                       "</requestSignature><requestTimestamp>" + ts +
                       "</requestTimestamp></AuthenticationHeader></Header></Envelope>";
    std::string bad = good;
    bad.replace(bad.find("user1"), 5, "user2");
    HttpConnection c(server.port());
    c.send_raw(post(good));
    CHECK(c.read_response().value().body.find("<ok/>") != std::string::npos);
    c.send_raw(post(bad));
    CHECK(c.read_response().value().body.find("20014 - Authentication failed") != std::string::npos);
    CHECK(handled == 1);
    CHECK(server.bad_signatures() == 1);
    auto reqs = server.requests();
    REQUIRE(reqs.size() == 2);
    CHECK(reqs[0].auth_user_id == "user1");
    CHECK(reqs[0].auth_timestamp == ts);
    CHECK(mktows_test::signature_valid(reqs[0], *options.credentials));
    CHECK_FALSE(mktows_test::signature_valid(reqs[1], *options.credentials));
}

TEST_CASE("ReplayServer stops promptly with a delayed answer pending") {
    auto server = std::make_unique<ReplayServer>([](const RecordedRequest&) {
        Response r = Response::xml("<late/>");
        r.delay = std::chrono::seconds(30);
        return r;
    });
    HttpConnection c(server->port());
    c.send_raw(post("<x/>"));
    while (server->request_count() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    auto t0 = std::chrono::steady_clock::now();
    server.reset();
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
    CHECK_FALSE(c.read_response().has_value());
}
