// ReplayServer's own behaviour, driven by a raw socket client, so that the
// SDK tests built on it can trust what it records and sends.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "support/replay_server.hpp"

using mktows_test::RecordedRequest;
using mktows_test::ReplayServer;
using mktows_test::Response;

namespace {

class RawClient {
public:
    explicit RawClient(int port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<uint16_t>(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        timeval tv{5, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    }
    ~RawClient() { ::close(fd_); }
    void send(const std::string& s) { REQUIRE(::send(fd_, s.data(), s.size(), MSG_NOSIGNAL) == (ssize_t)s.size()); }
    // Reads until the peer closes or a full response (head + Content-Length) arrived.
    std::string response() {
        std::string got;
        char buf[4096];
        for (;;) {
            auto end = got.find("\r\n\r\n");
            if (end != std::string::npos) {
                auto cl = got.find("Content-Length: ");
                size_t len = cl == std::string::npos ? 0 : std::stoul(got.substr(cl + 16));
                if (got.size() >= end + 4 + len) return got;
            }
            ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
            if (n <= 0) return got;
            got.append(buf, static_cast<size_t>(n));
        }
    }
    bool closed_by_peer() {
        char c;
        return ::recv(fd_, &c, 1, 0) == 0;
    }

private:
    int fd_ = -1;
};

std::string post(const std::string& body, const std::string& extra = "") {
    return "POST /soap/mktows/2_7 HTTP/1.1\r\nHost: x\r\nSOAPAction: \"urn:op\"\r\nContent-Type: text/xml\r\n" + extra +
           "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace

TEST_CASE("ReplayServer records requests and keeps the connection alive") {
    ReplayServer server([](const RecordedRequest& r) { return Response::xml("<echo>" + r.body + "</echo>"); });
    CHECK(server.endpoint() == "http://127.0.0.1:" + std::to_string(server.port()) + "/soap/mktows/2_7");
    RawClient c(server.port());
    c.send(post("<a/>"));
    std::string r1 = c.response();
    CHECK(r1.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
    CHECK(r1.find("<echo><a/></echo>") != std::string::npos);
    c.send("POST /soap/mktows/2_7 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n<b>\r\n4\r\n</b>\r\n0\r\n\r\n");
    std::string r2 = c.response();
    CHECK(r2.find("<echo><b></b></echo>") != std::string::npos);
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
        RawClient c(server.port());
        c.send(post("<x/>"));
        std::string r = c.response();
        CHECK(r.rfind("HTTP/1.1 500 ", 0) == 0);
        CHECK(r.find("Connection: close") != std::string::npos);
        CHECK(r.find("<faultstring>20023 - Rate limit exceeded</faultstring>") != std::string::npos);
        CHECK(r.find("<code>20023</code>") != std::string::npos);
        CHECK(c.closed_by_peer());
    }
    {
        RawClient c(server.port());
        c.send(post("<y/>"));
        CHECK(c.response().empty());
    }
    CHECK(server.connections_accepted() == 2);
}

TEST_CASE("ReplayServer answers a bad signature with 20014 when given credentials") {
    mktows_test::ReplayServerOptions options;
    options.credentials = mktows::Credentials{"user1", "secret1"};
    int handled = 0;
    ReplayServer server([&](const RecordedRequest&) { ++handled; return Response::xml("<ok/>"); }, options);
    std::string ts = "2013-08-02T15:47:06-07:00";
    std::string good = "<Envelope><Header><AuthenticationHeader><mktowsUserId>user1</mktowsUserId>"
                       "<requestSignature>" + mktows::hmac_sha1_hex("secret1", ts + "user1") +
                       "</requestSignature><requestTimestamp>" + ts +
                       "</requestTimestamp></AuthenticationHeader></Header></Envelope>";
    std::string bad = good;
    bad.replace(bad.find("user1"), 5, "user2");
    RawClient c(server.port());
    c.send(post(good));
    CHECK(c.response().find("<ok/>") != std::string::npos);
    c.send(post(bad));
    CHECK(c.response().find("20014 - Authentication failed") != std::string::npos);
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
    RawClient c(server->port());
    c.send(post("<x/>"));
    while (server->request_count() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    auto t0 = std::chrono::steady_clock::now();
    server.reset();
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
    CHECK(c.response().empty());
}
