// Credentials and the request signature of Marketo's AuthenticationHeader.
#ifndef MKTOWS_CREDENTIALS_HPP
#define MKTOWS_CREDENTIALS_HPP

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

namespace mktows {

/// A Marketo SOAP user id and its secret key. The secret is used only to
/// compute signatures; the SDK never sends, logs or prints it.
struct Credentials {
    std::string user_id;
    std::string secret_key;
};

/// Source of the current time for signatures. Injectable for tests.
using Clock = std::function<std::chrono::system_clock::time_point()>;

/// The three values of an AuthenticationHeader.
struct SignedHeader {
    std::string user_id;
    std::string timestamp;  ///< W3C dateTime with offset, e.g. 2013-08-02T15:47:06-07:00
    std::string signature;  ///< lowercase hex HMAC-SHA1(secret, timestamp + user_id)
};

/// Lowercase hex HMAC-SHA1 of data under key (OpenSSL).
std::string hmac_sha1_hex(std::string_view key, std::string_view data);

/// Offset of the local time zone (TZ) from UTC at tp, DST included.
std::chrono::seconds local_utc_offset(std::chrono::system_clock::time_point tp);

/// W3C dateTime with an explicit numeric offset, to the second:
/// 2013-08-02T15:47:06-07:00 (offset 0 gives +00:00).
std::string format_w3c_timestamp(std::chrono::system_clock::time_point tp, std::chrono::seconds utc_offset);

/// Signs AuthenticationHeaders: a fresh timestamp and signature every call.
class Signer {
public:
    /// clock defaults to the system clock; timestamps use the local offset.
    explicit Signer(Credentials credentials, Clock clock = {});
    SignedHeader sign() const;
    const std::string& user_id() const noexcept { return credentials_.user_id; }

private:
    Credentials credentials_;
    Clock clock_;
};

}  // namespace mktows

#endif
