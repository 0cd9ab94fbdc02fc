// HTTPS: the sandbox with a certificate from a test CA made at test time;
// the SDK client trusts it through its CA file, and refuses a certificate
// from an untrusted CA or for another host.
#include <doctest/doctest.h>

#include "sandbox/sandbox_fixture.hpp"
#include "support/test_ca.hpp"

using namespace sandbox_test;

namespace {

RunningSandbox tls_sandbox(const std::string& cert, const std::string& key) {
    auto options = test_options(800);
    options.tls_cert_file = cert;
    options.tls_key_file = key;
    return RunningSandbox(options);
}

mktows::GetMultipleLeadsRequest list_request() {
    mktows::GetMultipleLeadsRequest r(mktows::StaticListSelector::by_name("Newsletter.Subscribers"));
    r.batch_size = 50;
    return r;
}

}  // namespace

TEST_CASE("HTTPS with the test CA: the client pages through a list over TLS") {
    const auto& pki = mktows_test::shared_test_pki();
    auto sandbox = tls_sandbox(pki.server_cert, pki.server_key);
    CHECK(sandbox->endpoint().rfind("https://127.0.0.1:", 0) == 0);
    CHECK(sandbox->listening_line() == "listening on " + sandbox->endpoint());
    const auto expected = ids_where(sandbox->snapshot(), [](const sb::LeadSnapshot& l) {
        return std::find(l.list_ids.begin(), l.list_ids.end(), 2) != l.list_ids.end();
    });
    for (const std::string host : {"127.0.0.1", "localhost"}) {
        CAPTURE(host);
        auto o = client_options(*sandbox);
        o.endpoint = "https://" + host + ":" + std::to_string(sandbox->port()) + sb::endpoint_path;
        o.transport.ca_file = pki.ca_cert;
        mktows::Client client(o);
        CHECK(page_checked(client, list_request(), expected.size()) == expected);
    }
    // Plain HTTP to the TLS port gets no SOAP answer.
    auto plain = client_options(*sandbox);
    plain.endpoint = "http://127.0.0.1:" + std::to_string(sandbox->port()) + sb::endpoint_path;
    mktows::Client plain_client(plain);
    CHECK(error_of([&] { plain_client.get_multiple_leads_page(list_request()); }).kind() != mktows::ErrorKind::service_fault);
}

TEST_CASE("HTTPS: the client refuses the sandbox's certificate without the CA, from an untrusted CA, or for another host") {
    const auto& pki = mktows_test::shared_test_pki();
    SUBCASE("the system CAs do not know the test CA") {
        auto sandbox = tls_sandbox(pki.server_cert, pki.server_key);
        mktows::Client client(client_options(*sandbox));
        CHECK(error_of([&] { client.get_multiple_leads_page(list_request()); }).kind() == mktows::ErrorKind::transport);
    }
    SUBCASE("a certificate from another CA") {
        auto sandbox = tls_sandbox(pki.untrusted_server_cert, pki.untrusted_server_key);
        auto o = client_options(*sandbox);
        o.transport.ca_file = pki.ca_cert;
        mktows::Client client(o);
        CHECK(error_of([&] { client.get_multiple_leads_page(list_request()); }).kind() == mktows::ErrorKind::transport);
    }
    SUBCASE("a certificate for another host name") {
        auto sandbox = tls_sandbox(pki.wrong_host_cert, pki.wrong_host_key);
        auto o = client_options(*sandbox);
        o.transport.ca_file = pki.ca_cert;
        mktows::Client client(o);
        CHECK(error_of([&] { client.get_multiple_leads_page(list_request()); }).kind() == mktows::ErrorKind::transport);
    }
}

TEST_CASE("HTTPS: unusable certificate or key files stop start() with a clear error") {
    const auto& pki = mktows_test::shared_test_pki();
    auto options = test_options(100);
    options.tls_cert_file = pki.server_cert;
    options.tls_key_file = pki.wrong_host_key;  // another certificate's key
    sb::Sandbox mismatched(options);
    const auto e = error_of([&] { mismatched.start(); });
    CHECK(e.kind() == mktows::ErrorKind::io);
    CHECK(std::string(e.what()).find("--tls-key") != std::string::npos);
    options.tls_cert_file = pki.dir + "/no-such-file.pem";
    options.tls_key_file = pki.server_key;
    sb::Sandbox missing(options);
    CHECK(std::string(error_of([&] { missing.start(); }).what()).find("no-such-file.pem") != std::string::npos);
    options.tls_key_file.clear();
    CHECK(error_of([&] { sb::Sandbox half(options); }).kind() == mktows::ErrorKind::invalid_argument);
}
