#include "authentication.hpp"

#include <openssl/crypto.h>

#include "ascii.hpp"
#include "mktows/credentials.hpp"
#include "mktows/error.hpp"
#include "mktows/time.hpp"
#include "service_fault.hpp"

namespace mktows::sandbox {

Authenticator::Authenticator(std::string user_id, std::string secret_key, std::chrono::seconds max_clock_skew)
    : user_id_(std::move(user_id)), secret_key_(std::move(secret_key)), max_clock_skew_(max_clock_skew) {}

void Authenticator::check(const std::optional<AuthenticationHeader>& header,
                          std::chrono::system_clock::time_point now) const {
    if (!header) throw ServiceFault(20014, "the request has no AuthenticationHeader");
    // Marketo does not say which part was wrong; neither does the sandbox.
    if (header->user_id != user_id_) throw ServiceFault(20014);
    const std::string expected = hmac_sha1_hex(secret_key_, header->timestamp + header->user_id);
    const std::string given = to_ascii_lower(header->signature);
    if (given.size() != expected.size() || CRYPTO_memcmp(given.data(), expected.data(), expected.size()) != 0)
        throw ServiceFault(20014);

    TimePoint stamp;
    try {
        stamp = parse_w3c_datetime(header->timestamp);
    } catch (const Error&) {
        throw ServiceFault(20014, "requestTimestamp is not a W3C dateTime such as 2013-08-02T15:47:06-07:00");
    }
    const auto skew = std::chrono::duration_cast<std::chrono::seconds>(now - stamp);
    if (skew > max_clock_skew_ || -skew > max_clock_skew_)
        throw ServiceFault(20016, "requestTimestamp is " + std::to_string(skew.count() < 0 ? -skew.count() : skew.count()) +
                                      " s " + (skew.count() < 0 ? "ahead of" : "behind") +
                                      " the server's clock (at most " + std::to_string(max_clock_skew_.count()) +
                                      " s allowed); sign every call with the current time");
}

}  // namespace mktows::sandbox
