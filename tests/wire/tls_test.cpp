// HTTPS: the server certificate and host name are verified by default,
// against the CA file given; an untrusted or wrong-host certificate is
// refused before any request is sent.
#include <doctest/doctest.h>

#include <chrono>

#include "support/test_ca.hpp"
#include "wire_fixture.hpp"

using namespace mktows_test;
using mktows::Error;
using mktows::ErrorKind;

namespace {

struct TlsServer {
    ReplayServer server;
    TlsServer(const std::string& cert, const std::string& key)
        : server([](const RecordedRequest&) { return Response::xml(seed_response()); }, options(cert, key)) {}
    static ReplayServerOptions options(const std::string& cert, const std::string& key) {
        ReplayServerOptions o = signed_server_options();
        o.tls_cert_file = cert;
        o.tls_key_file = key;
        return o;
    }
    std::string endpoint(const std::string& host) const {
        return "https://" + host + ":" + std::to_string(server.port()) + "/soap/mktows/2_7";
    }
};

mktows::LeadPage fetch(const std::string& endpoint, const std::string& ca_file, bool verify = true) {
    auto options = options_for(endpoint);
    options.transport.ca_file = ca_file;
    options.transport.verify_peer = verify;
    mktows::Client client(options);
    return client.get_multiple_leads_page(mktows::GetMultipleLeadsRequest(mktows::StaticListSelector::by_id(1)));
}

Error refused(const std::string& endpoint, const std::string& ca_file) {
    try {
        fetch(endpoint, ca_file);
    } catch (const Error& e) {
        return e;
    }
    FAIL("the certificate was accepted");
    return Error(ErrorKind::cancelled, "");
}

}  // namespace

TEST_CASE("a certificate from the trusted CA is accepted, by IP address and by name, over one connection") {
    const TestPki& pki = shared_test_pki();
    TlsServer tls(pki.server_cert, pki.server_key);
    CHECK(tls.server.endpoint().rfind("https://", 0) == 0);
    for (const char* host : {"127.0.0.1", "localhost"}) {
        CAPTURE(std::string(host));
        auto options = options_for(tls.endpoint(host));
        options.transport.ca_file = pki.ca_cert;
        mktows::Client client(options);
        mktows::GetMultipleLeadsRequest r(mktows::StaticListSelector::by_id(1));
        CHECK(client.get_multiple_leads_page(r).leads.size() == 2);
        CHECK(client.get_multiple_leads_page(r).leads.size() == 2);
    }
    CHECK(tls.server.request_count() == 4);
    CHECK(tls.server.connections_accepted() == 2);  // keep-alive over TLS
    CHECK(tls.server.bad_signatures() == 0);
}

TEST_CASE("a certificate from an untrusted CA is refused") {
    const TestPki& pki = shared_test_pki();
    TlsServer tls(pki.untrusted_server_cert, pki.untrusted_server_key);
    Error e = refused(tls.endpoint("127.0.0.1"), pki.ca_cert);
    std::string message = e.what();
    CAPTURE(message);
    CHECK(e.kind() == ErrorKind::transport);
    CHECK(message.find("TLS") != std::string::npos);
    CHECK(message.find("certificate verify failed") != std::string::npos);
    CHECK(tls.server.request_count() == 0);
    // Nor is it trusted by the system's CAs (no ca_file).
    CHECK(refused(tls.endpoint("127.0.0.1"), "").kind() == ErrorKind::transport);
}

TEST_CASE("a trusted certificate for another host name is refused") {
    const TestPki& pki = shared_test_pki();
    TlsServer tls(pki.wrong_host_cert, pki.wrong_host_key);
    for (const char* host : {"127.0.0.1", "localhost"}) {
        CAPTURE(std::string(host));
        Error e = refused(tls.endpoint(host), pki.ca_cert);
        std::string message = e.what();
        CAPTURE(message);
        CHECK(e.kind() == ErrorKind::transport);
        CHECK(message.find("mismatch") != std::string::npos);
    }
    CHECK(tls.server.request_count() == 0);
}

TEST_CASE("a refused certificate fails at once, even with retries allowed; a TLS failure of the connection is retried") {
    const TestPki& pki = shared_test_pki();
    TlsServer tls(pki.untrusted_server_cert, pki.untrusted_server_key);
    auto options = options_for(tls.endpoint("127.0.0.1"));
    options.transport.ca_file = pki.ca_cert;
    options.retry.max_retries = 4;
    options.retry.initial_backoff = std::chrono::milliseconds(1);
    options.retry.max_backoff = std::chrono::milliseconds(2);
    mktows::Client client(options);
    Error e(ErrorKind::cancelled, "");
    try {
        client.get_multiple_leads_page(mktows::GetMultipleLeadsRequest(mktows::StaticListSelector::by_id(1)));
        FAIL("the certificate was accepted");
    } catch (const Error& caught) {
        e = caught;
    }
    CAPTURE(std::string(e.what()));
    CHECK(e.kind() == ErrorKind::transport);
    CHECK_FALSE(e.retryable());
    CHECK(e.attempts() == 1);
    CHECK(std::string(e.what()).find("not retried") != std::string::npos);
    CHECK(tls.server.connections_accepted() == 1);
    CHECK(client.connection()->stats().retries == 0);
}

TEST_CASE("a TLS handshake that fails for another reason than the certificate is retried, each within connect_timeout") {
    // A server that answers plain HTTP on the port the client speaks TLS to.
    ReplayServer plain([](const RecordedRequest&) { return Response::xml(seed_response()); },
                       signed_server_options());
    const std::string endpoint = "https://127.0.0.1:" + std::to_string(plain.port()) + "/soap/mktows/2_7";
    auto options = options_for(endpoint);
    options.transport.ca_file = shared_test_pki().ca_cert;
    options.retry.max_retries = 2;
    options.retry.initial_backoff = std::chrono::milliseconds(1);
    options.retry.max_backoff = std::chrono::milliseconds(2);
    options.transport.connect_timeout = std::chrono::seconds(1);
    mktows::Client client(options);
    Error e(ErrorKind::cancelled, "");
    const auto started = std::chrono::steady_clock::now();
    try {
        client.get_multiple_leads_page(mktows::GetMultipleLeadsRequest(mktows::StaticListSelector::by_id(1)));
        FAIL("a TLS call to a plain HTTP server succeeded");
    } catch (const Error& caught) {
        e = caught;
    }
    const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    CAPTURE(std::string(e.what()));
    // The server reads the ClientHello and never answers: each handshake is
    // bounded by connect_timeout (1 s), not by the 60 s send timeout.
    CHECK(took < 3 * 1 + 4);
    CHECK(e.kind() == ErrorKind::transport);
    CHECK(e.retryable());
    CHECK(e.attempts() == 3);
    CHECK(plain.request_count() == 0);
}

TEST_CASE("verification can be turned off explicitly") {
    const TestPki& pki = shared_test_pki();
    TlsServer tls(pki.untrusted_server_cert, pki.untrusted_server_key);
    CHECK(fetch(tls.endpoint("127.0.0.1"), "", false).leads.size() == 2);
}

TEST_CASE("a CA file that is not PEM is refused with a clear error") {
    const TestPki& pki = shared_test_pki();
    TlsServer tls(pki.server_cert, pki.server_key);
    std::string bogus = pki.dir + "/not-a-ca.pem";
    {
        std::FILE* f = std::fopen(bogus.c_str(), "w");
        REQUIRE(f);
        std::fputs("this is not a certificate\n", f);
        std::fclose(f);
    }
    try {
        fetch(tls.endpoint("127.0.0.1"), bogus);
        FAIL("a bogus CA file was accepted");
    } catch (const Error& e) {
        std::string message = e.what();
        CAPTURE(message);
        CHECK(e.kind() == ErrorKind::invalid_argument);
        CHECK(message.find("not-a-ca.pem") != std::string::npos);
    }
}
