// Endpoint URL parsing (see endpoint.hpp).
#include "transport/endpoint.hpp"

#include <arpa/inet.h>

#include <cstring>

#include "mktows/error.hpp"

namespace mktows::detail {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// The URL as it may be shown: user information (user:password@) replaced
// by "***@", so a password given in the URL never reaches an error message.
std::string shown(std::string_view url) {
    const auto sep = url.find("://");
    const std::size_t start = sep == std::string_view::npos ? 0 : sep + 3;
    const auto end = url.find_first_of("/?#", start);
    const std::string_view authority = url.substr(start, end == std::string_view::npos ? url.npos : end - start);
    const auto at = authority.rfind('@');
    if (at == std::string_view::npos) return std::string(url);
    return std::string(url.substr(0, start)) + "***" + std::string(url.substr(start + at));
}

[[noreturn]] void bad(std::string_view url, const std::string& what) {
    throw Error(ErrorKind::invalid_argument,
                "endpoint '" + shown(url) + "' " + what +
                    "; use your instance's SOAP endpoint, e.g. https://123-ABC-456.mktoapi.com/soap/mktows/2_7");
}

}  // namespace

bool is_loopback_host(std::string_view host) noexcept {
    std::string h(host);
    for (auto& c : h)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (h == "localhost" || h == "localhost.") return true;
    in_addr v4{};
    if (inet_pton(AF_INET, h.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    if (inet_pton(AF_INET6, h.c_str(), &v6) == 1) return std::memcmp(&v6, &in6addr_loopback, sizeof v6) == 0;
    return false;
}

bool Endpoint::is_loopback() const noexcept { return is_loopback_host(host); }

Endpoint parse_endpoint(std::string_view url) {
    if (url.empty()) bad(url, "is empty");
    for (unsigned char c : url)
        if (c <= 0x20 || c == 0x7f) bad(url, "contains a space or control character");
    Endpoint e;
    e.url = std::string(url);
    auto sep = url.find("://");
    if (sep == std::string_view::npos) bad(url, "has no scheme (http:// or https://)");
    e.scheme = lower(url.substr(0, sep));
    if (e.scheme != "http" && e.scheme != "https") bad(url, "has scheme '" + e.scheme + "', not http or https");
    std::string_view rest = url.substr(sep + 3);
    auto end = rest.find_first_of("/?#");
    std::string_view authority = rest.substr(0, end);
    e.path = end == std::string_view::npos ? "/" : std::string(rest.substr(end));
    if (authority.find('@') != std::string_view::npos)
        bad(url, "contains user information; pass credentials in ClientOptions::credentials, never in the URL");
    std::string_view port_text;
    if (!authority.empty() && authority.front() == '[') {
        auto close = authority.find(']');
        if (close == std::string_view::npos) bad(url, "has an unterminated IPv6 address");
        e.host = std::string(authority.substr(1, close - 1));
        std::string_view after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') bad(url, "has text after the IPv6 address");
            port_text = after.substr(1);
            if (port_text.empty()) bad(url, "has an empty port");
        }
    } else {
        auto colon = authority.rfind(':');
        e.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) {
            port_text = authority.substr(colon + 1);
            if (port_text.empty()) bad(url, "has an empty port");
        }
    }
    if (e.host.empty()) bad(url, "has no host name");
    if (!port_text.empty()) {
        long port = 0;
        for (char c : port_text) {
            if (c < '0' || c > '9') bad(url, "has a port that is not a number");
            port = port * 10 + (c - '0');
            if (port > 65535) break;
        }
        if (port < 1 || port > 65535) bad(url, "has a port outside 1..65535");
        e.port = static_cast<int>(port);
    } else {
        e.port = e.is_https() ? 443 : 80;
    }
    return e;
}

}  // namespace mktows::detail
