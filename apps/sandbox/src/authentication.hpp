// Checks a call's AuthenticationHeader the way Marketo does: the user id,
// the signature HMAC-SHA1(secret, requestTimestamp + userId) in hex, and the
// age of the timestamp.
#ifndef MKTOWS_SANDBOX_AUTHENTICATION_HPP
#define MKTOWS_SANDBOX_AUTHENTICATION_HPP

#include <chrono>
#include <optional>
#include <string>

namespace mktows::sandbox {

struct AuthenticationHeader {
    std::string user_id;
    std::string signature;
    std::string timestamp;
};

class Authenticator {
public:
    Authenticator(std::string user_id, std::string secret_key, std::chrono::seconds max_clock_skew);

    /// Throws ServiceFault 20014 when the header is missing, names another
    /// user, or its signature is wrong (or its timestamp unreadable), and
    /// 20016 when its timestamp is more than max_clock_skew from now.
    void check(const std::optional<AuthenticationHeader>& header, std::chrono::system_clock::time_point now) const;

private:
    std::string user_id_;
    std::string secret_key_;
    std::chrono::seconds max_clock_skew_;
};

}  // namespace mktows::sandbox

#endif
