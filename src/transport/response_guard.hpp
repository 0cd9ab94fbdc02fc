// ResponseGuard: checks on a response as gSOAP receives it, through the
// context's I/O hooks (it takes soap->user):
//  * a deadline for the whole response, not only for each silence in it:
//    gSOAP's recv_timeout applies to one read, so a server that sends a
//    byte every second would hold a call forever; every read is given only
//    the time left, and once it has passed the response ends (EOF);
//  * a body with a Content-Length is read up to that length and no further:
//    gSOAP would otherwise wait for more when the XML in it is incomplete,
//    until the receive timeout, and take it for a slow server;
//  * the body (after de-chunking and gzip) must be valid UTF-8: gSOAP reads
//    invalid bytes as Latin-1 and would hand over silently changed text.
// The size limit is gSOAP's own recv_maxlength (soap_context_setup).
#ifndef MKTOWS_SRC_TRANSPORT_RESPONSE_GUARD_HPP
#define MKTOWS_SRC_TRANSPORT_RESPONSE_GUARD_HPP

#include <chrono>
#include <cstddef>
#include <string>

#include "transport/utf8_check.hpp"

struct soap;

namespace mktows::detail {

class ResponseGuard {
public:
    using Clock = std::chrono::steady_clock;

    /// Installs the hooks on soap. time_limit 0: no deadline.
    ResponseGuard(struct soap* soap, std::chrono::milliseconds time_limit);
    ResponseGuard(const ResponseGuard&) = delete;
    ResponseGuard& operator=(const ResponseGuard&) = delete;

    /// The request has been sent: a response starts, to be complete within
    /// the time limit from now.
    void arm();
    /// No response is being received (the deadline no longer applies).
    void disarm() noexcept { armed_ = false; }
    /// True once the deadline has passed (within a few milliseconds).
    bool deadline_passed() const;
    /// Why the body was refused, when it was not valid UTF-8 (else empty).
    /// gSOAP may report this as another error (e.g. "not SOAP" while it
    /// starts on a gzip body), so ask whatever the error code.
    std::string utf8_problem() const;
    /// True when the whole body announced by Content-Length has been read.
    bool body_complete() const noexcept { return in_body_ && bounded_ && body_left_ == 0; }

private:
    using Recv = std::size_t (*)(struct soap*, char*, std::size_t);
    using Parse = int (*)(struct soap*);
    static std::size_t receive(struct soap* soap, char* buffer, std::size_t length);
    static int parse_http_header(struct soap* soap);
    static int check_body(struct soap* soap, const char* data, std::size_t length);
    static int check_body_end(struct soap* soap);

    const std::chrono::milliseconds time_limit_;
    Recv gsoap_recv_;
    Parse gsoap_parse_;
    bool armed_ = false;
    Clock::time_point deadline_{};
    bool in_body_ = false;  // the HTTP header has been read
    bool cut_utf8_ = false;  // the body ended inside a UTF-8 sequence
    bool bounded_ = false;  // the body has a Content-Length ...
    unsigned long long body_left_ = 0;  // ... and this much of it is still to be read
    Utf8Check utf8_;
};

}  // namespace mktows::detail

#endif
