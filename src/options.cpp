// Validation of ClientOptions.
#include "mktows/options.hpp"

#include <fstream>
#include <string>

#include "mktows/error.hpp"
#include "mktows/request.hpp"
#include "transport/endpoint.hpp"

namespace mktows {

namespace {

[[noreturn]] void invalid(const std::string& message) { throw Error(ErrorKind::invalid_argument, message); }

std::string ms(std::chrono::milliseconds d) { return std::to_string(d.count()) + " ms"; }

// gSOAP keeps timeouts in an int of microseconds (or seconds): cap them.
constexpr std::chrono::milliseconds kMaxTimeout = std::chrono::hours(24);

// The smallest response limit: a fault or a small page fits many times.
constexpr std::uint64_t kMinResponseLimit = 64 * 1024;

void check_timeout(const char* name, std::chrono::milliseconds d) {
    if (d.count() < 0) invalid(std::string("TransportOptions::") + name + " is negative (" + ms(d) + "); use 0 for no timeout or a positive duration");
    if (d > kMaxTimeout) invalid(std::string("TransportOptions::") + name + " (" + ms(d) + ") is longer than 24 hours; use a shorter timeout");
}

void validate_transport(const TransportOptions& t, const detail::Endpoint& e) {
    if (!e.is_https() && !e.is_loopback() && !t.allow_insecure_http)
        invalid("endpoint " + e.url + " uses plain http to a host that is not loopback (" + e.host +
                "); use https, or set TransportOptions::allow_insecure_http if you really mean to send "
                "signatures unencrypted");
    if (!t.ca_file.empty()) {
        std::ifstream in(t.ca_file);
        if (!in) invalid("CA file '" + t.ca_file + "' cannot be read; give the path of a PEM bundle of trusted CAs");
    }
    check_timeout("connect_timeout", t.connect_timeout);
    check_timeout("send_timeout", t.send_timeout);
    check_timeout("receive_timeout", t.receive_timeout);
    if (t.max_response_bytes < kMinResponseLimit)
        invalid("TransportOptions::max_response_bytes is " + std::to_string(t.max_response_bytes) +
                "; use at least " + std::to_string(kMinResponseLimit) + " (a single lead's response is a few kB)");
}

void validate_retry(const RetryOptions& r) {
    if (r.max_retries < 0) invalid("RetryOptions::max_retries is " + std::to_string(r.max_retries) + "; use 0 (no retries) or more");
    if (r.initial_backoff.count() < 0) invalid("RetryOptions::initial_backoff is negative (" + ms(r.initial_backoff) + "); use 0 or more");
    if (r.max_backoff < r.initial_backoff)
        invalid("RetryOptions::max_backoff (" + ms(r.max_backoff) + ") is less than initial_backoff (" +
                ms(r.initial_backoff) + "); raise max_backoff");
    if (!(r.multiplier >= 1.0) || r.multiplier > 100.0)
        invalid("RetryOptions::multiplier is " + std::to_string(r.multiplier) + "; use a value from 1 to 100");
    if (r.min_batch_size < 1 || r.min_batch_size > max_batch_size)
        invalid("RetryOptions::min_batch_size is " + std::to_string(r.min_batch_size) + "; use 1 to " +
                std::to_string(max_batch_size));
}

void validate_limits(const LimitOptions& l) {
    if (l.rate_calls < 0) invalid("LimitOptions::rate_calls is " + std::to_string(l.rate_calls) + "; use 0 (no rate limit) or more");
    if (l.rate_calls > 0 && l.rate_period.count() <= 0)
        invalid("LimitOptions::rate_period must be positive when rate_calls is set (Marketo: 100 calls per 20 s)");
    if (l.max_concurrency < 0)
        invalid("LimitOptions::max_concurrency is " + std::to_string(l.max_concurrency) + "; use 0 (no cap) or more");
    if (l.max_calls < 0) invalid("LimitOptions::max_calls is " + std::to_string(l.max_calls) + "; use 0 (no budget) or more");
}

}  // namespace

void ClientOptions::validate() const {
    if (endpoint.empty())
        invalid("no endpoint is set; set ClientOptions::endpoint to your instance's SOAP endpoint, e.g. "
                "https://123-ABC-456.mktoapi.com/soap/mktows/2_7");
    detail::Endpoint e = detail::parse_endpoint(endpoint);
    if (credentials.user_id.empty())
        invalid("no user id is set; set Credentials::user_id to the SOAP user id from Admin > Web Services");
    if (credentials.secret_key.empty())
        invalid("no secret key is set; set Credentials::secret_key to the SOAP encryption key from Admin > Web Services");
    validate_transport(transport, e);
    validate_retry(retry);
    validate_limits(limits);
}

}  // namespace mktows
