// ClientOptions::validate: every missing or inconsistent setting is named.
#include <doctest/doctest.h>

#include <string>

#include "error_matchers.hpp"
#include "mktows/options.hpp"

using mktows::ErrorKind;
using mktows_test::check_error;
using mktows_test::error_of;

namespace {
mktows::ClientOptions valid() {
    mktows::ClientOptions o;
    o.endpoint = "https://123-ABC-456.mktoapi.com/soap/mktows/2_7";
    o.credentials = {"bigcorp1_461839624B16E06BA2D663", "899756834129871744AAEE88DDCC77CDEEDEC1AAAD66"};
    return o;
}
}  // namespace

TEST_CASE("valid options pass") {
    CHECK_NOTHROW(valid().validate());
    auto o = valid();
    o.endpoint = "http://127.0.0.1:8080/soap/mktows/2_7";
    CHECK_NOTHROW(o.validate());
    o.endpoint = "http://localhost:8080/soap/mktows/2_7";
    CHECK_NOTHROW(o.validate());
    o.endpoint = "http://[::1]:8080/soap/mktows/2_7";
    CHECK_NOTHROW(o.validate());
    o.endpoint = "http://127.10.0.3/soap/mktows/2_7";
    CHECK_NOTHROW(o.validate());
}

TEST_CASE("missing endpoint, user id or secret") {
    auto o = valid();
    o.endpoint.clear();
    check_error([&] { o.validate(); }, ErrorKind::invalid_argument, {"no endpoint", "mktoapi.com"});
    o = valid();
    o.credentials.user_id.clear();
    check_error([&] { o.validate(); }, ErrorKind::invalid_argument, {"no user id"});
    o = valid();
    o.credentials.secret_key.clear();
    check_error([&] { o.validate(); }, ErrorKind::invalid_argument, {"no secret key"});
}

TEST_CASE("malformed endpoints say what is wrong") {
    auto o = valid();
    const std::pair<const char*, const char*> cases[] = {
        {"123-ABC-456.mktoapi.com/soap/mktows/2_7", "no scheme"},
        {"ftp://host/soap", "not http or https"},
        {"https:///soap/mktows/2_7", "no host"},
        {"https://host:99999/soap", "outside 1..65535"},
        {"https://host:abc/soap", "not a number"},
        {"https://host:/soap", "empty port"},
        {"https://user:pw@host/soap", "user information"},
        {"https://host/so ap", "space"},
        {"https://[::1/soap", "IPv6"},
    };
    for (const auto& [url, fragment] : cases) {
        CAPTURE(url);
        o.endpoint = url;
        check_error([&] { o.validate(); }, ErrorKind::invalid_argument, {fragment});
    }
}

TEST_CASE("plain http to a remote host needs allow_insecure_http") {
    auto o = valid();
    o.endpoint = "http://123-ABC-456.mktoapi.com/soap/mktows/2_7";
    check_error([&] { o.validate(); }, ErrorKind::invalid_argument, {"plain http", "allow_insecure_http"});
    o.endpoint = "http://128.0.0.1/soap/mktows/2_7";
    check_error([&] { o.validate(); }, ErrorKind::invalid_argument, {"not loopback"});
    o.transport.allow_insecure_http = true;
    CHECK_NOTHROW(o.validate());
}

TEST_CASE("the secret key never appears in an error") {
    auto o = valid();
    o.endpoint = "http://example.com/soap";
    mktows::Error e = error_of([&] { o.validate(); });
    CHECK(std::string(e.what()).find(o.credentials.secret_key) == std::string::npos);
}

TEST_CASE("transport, retry and limit settings are checked") {
    auto o = valid();
    o.transport.ca_file = "/nonexistent/ca.pem";
    check_error([&] { o.validate(); }, ErrorKind::invalid_argument, {"CA file '/nonexistent/ca.pem'"});
    o = valid();
    o.transport.receive_timeout = std::chrono::milliseconds(-1);
    check_error([&] { o.validate(); }, ErrorKind::invalid_argument, {"receive_timeout is negative"});
    o = valid();
    o.retry.max_retries = -1;
    check_error([&] { o.validate(); }, ErrorKind::invalid_argument, {"max_retries"});
    o = valid();
    o.retry.max_backoff = std::chrono::milliseconds(10);
    check_error([&] { o.validate(); }, ErrorKind::invalid_argument, {"max_backoff", "initial_backoff"});
    o = valid();
    o.retry.multiplier = 0.5;
    check_error([&] { o.validate(); }, ErrorKind::invalid_argument, {"multiplier"});
    o = valid();
    o.retry.min_batch_size = 0;
    check_error([&] { o.validate(); }, ErrorKind::invalid_argument, {"min_batch_size"});
    o = valid();
    o.limits.rate_period = std::chrono::milliseconds(0);
    check_error([&] { o.validate(); }, ErrorKind::invalid_argument, {"rate_period"});
    o.limits.rate_calls = 0;  // limiter off: the period does not matter
    CHECK_NOTHROW(o.validate());
    o = valid();
    o.limits.max_concurrency = -2;
    check_error([&] { o.validate(); }, ErrorKind::invalid_argument, {"max_concurrency"});
    o = valid();
    o.limits.max_calls = -5;
    check_error([&] { o.validate(); }, ErrorKind::invalid_argument, {"max_calls"});
}
