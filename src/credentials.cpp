// HMAC-SHA1 request signatures and W3C timestamps for AuthenticationHeader.
#include "mktows/credentials.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdio>
#include <ctime>

#include "mktows/error.hpp"

namespace mktows {

std::string hmac_sha1_hex(std::string_view key, std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()),
              reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest, &length))
        throw Error(ErrorKind::invalid_argument, "HMAC-SHA1 failed (OpenSSL)");
    static const char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) {
        out.push_back(hex[digest[i] >> 4]);
        out.push_back(hex[digest[i] & 0xf]);
    }
    return out;
}

std::chrono::seconds local_utc_offset(std::chrono::system_clock::time_point tp) {
    std::time_t t = std::chrono::system_clock::to_time_t(tp);
    std::tm local{};
    localtime_r(&t, &local);
    return std::chrono::seconds(local.tm_gmtoff);
}

std::string format_w3c_timestamp(std::chrono::system_clock::time_point tp, std::chrono::seconds utc_offset) {
    std::time_t t = std::chrono::system_clock::to_time_t(tp) + static_cast<std::time_t>(utc_offset.count());
    std::tm shifted{};
    gmtime_r(&t, &shifted);
    long off = static_cast<long>(utc_offset.count());
    char sign = off < 0 ? '-' : '+';
    if (off < 0) off = -off;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld", shifted.tm_year + 1900,
                  shifted.tm_mon + 1, shifted.tm_mday, shifted.tm_hour, shifted.tm_min, shifted.tm_sec, sign,
                  off / 3600, (off % 3600) / 60);
    return buf;
}

Signer::Signer(Credentials credentials, Clock clock) : credentials_(std::move(credentials)), clock_(std::move(clock)) {
    if (!clock_) clock_ = [] { return std::chrono::system_clock::now(); };
}

SignedHeader Signer::sign() const {
    auto now = clock_();
    SignedHeader h;
    h.user_id = credentials_.user_id;
    h.timestamp = format_w3c_timestamp(now, local_utc_offset(now));
    h.signature = hmac_sha1_hex(credentials_.secret_key, h.timestamp + credentials_.user_id);
    return h;
}

}  // namespace mktows
