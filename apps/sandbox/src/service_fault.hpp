// A Marketo fault the sandbox answers with: the code, its title from
// Marketo's error table, and an optional detail saying what exactly was wrong.
#ifndef MKTOWS_SANDBOX_SERVICE_FAULT_HPP
#define MKTOWS_SANDBOX_SERVICE_FAULT_HPP

#include <stdexcept>
#include <string>

namespace mktows::sandbox {

/// Marketo's title for a fault code ("Authentication failed" for 20014).
const char* fault_title(int code) noexcept;

class ServiceFault : public std::runtime_error {
public:
    explicit ServiceFault(int code, std::string detail = {});

    int code() const noexcept { return code_; }
    const std::string& detail() const noexcept { return detail_; }
    /// "Title" or "Title: detail".
    std::string text() const;
    /// faultstring: "20014 - Authentication failed".
    std::string faultstring() const;
    /// serviceException/message: "Authentication failed (20014)".
    std::string message() const;
    /// Internal errors (10001, 20011) are the server's fault (SOAP-ENV:Server),
    /// everything else the client's (SOAP-ENV:Client).
    bool server_side() const noexcept;

private:
    int code_;
    std::string detail_;
};

}  // namespace mktows::sandbox

#endif
