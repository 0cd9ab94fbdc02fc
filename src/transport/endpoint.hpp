// The service endpoint URL: parsing and the loopback check.
#ifndef MKTOWS_SRC_TRANSPORT_ENDPOINT_HPP
#define MKTOWS_SRC_TRANSPORT_ENDPOINT_HPP

#include <string>
#include <string_view>

namespace mktows::detail {

struct Endpoint {
    std::string url;     ///< as given
    std::string scheme;  ///< "http" or "https" (lower case)
    std::string host;    ///< without brackets for IPv6 literals
    int port = 0;        ///< explicit or the scheme's default
    std::string path;    ///< from the first '/', "/" when empty

    bool is_https() const noexcept { return scheme == "https"; }
    bool is_loopback() const noexcept;
};

/// Parses http(s)://host[:port][/path]. Throws Error(invalid_argument)
/// saying what is wrong with the URL.
Endpoint parse_endpoint(std::string_view url);

/// localhost, 127.0.0.0/8 and ::1.
bool is_loopback_host(std::string_view host) noexcept;

}  // namespace mktows::detail

#endif
