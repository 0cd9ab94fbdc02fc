// ResponseGuard (see response_guard.hpp).
#include "transport/response_guard.hpp"

#include <algorithm>

#include "transport/soap_context_setup.hpp"
#include "wire/gsoap.hpp"

namespace mktows::detail {

namespace {
ResponseGuard& guard_of(struct soap* soap) { return *static_cast<ResponseGuard*>(soap->user); }
}  // namespace

ResponseGuard::ResponseGuard(struct soap* soap, std::chrono::milliseconds time_limit)
    : time_limit_(time_limit), gsoap_recv_(soap->frecv), gsoap_parse_(soap->fparse) {
    soap->user = this;
    soap->frecv = receive;
    soap->fparse = parse_http_header;
    // Called with the body as the XML parser will read it: de-chunked and
    // inflated (gSOAP also passes the raw bytes read with the header, which
    // it passes again once the header is parsed).
    soap->fpreparerecv = check_body;
    soap->fpreparefinalrecv = check_body_end;
}

void ResponseGuard::arm() {
    in_body_ = false;
    cut_utf8_ = false;
    bounded_ = false;
    utf8_.reset();
    if (time_limit_.count() <= 0) return;
    armed_ = true;
    deadline_ = Clock::now() + time_limit_;
}

bool ResponseGuard::deadline_passed() const {
    return armed_ && Clock::now() + std::chrono::milliseconds(5) >= deadline_;
}

std::string ResponseGuard::utf8_problem() const {
    if (!utf8_.ok()) return "byte " + std::to_string(utf8_.bad_offset()) + " of the body is not valid UTF-8";
    if (cut_utf8_) return "the body ends inside a UTF-8 sequence";
    return {};
}

std::size_t ResponseGuard::receive(struct soap* soap, char* buffer, std::size_t length) {
    ResponseGuard& self = guard_of(soap);
    if (self.armed_) {
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(self.deadline_ - Clock::now());
        if (left.count() <= 0) {
            soap->errnum = 0;  // a timeout, as gSOAP reports one
            return 0;
        }
        // gSOAP waits at most recv_timeout for each read: never past the deadline.
        soap->recv_timeout = gsoap_timeout(std::min(left, self.time_limit_));
    }
    if (self.bounded_) {
        if (self.body_left_ == 0) {
            soap->errnum = 0;
            return 0;  // the end of the body: EOF for the XML parser
        }
        length = static_cast<std::size_t>(std::min<unsigned long long>(length, self.body_left_));
    }
    const std::size_t n = self.gsoap_recv_(soap, buffer, length);
    if (self.bounded_) self.body_left_ -= std::min<unsigned long long>(n, self.body_left_);
    return n;
}

int ResponseGuard::parse_http_header(struct soap* soap) {
    ResponseGuard& self = guard_of(soap);
    self.in_body_ = false;
    const int rc = self.gsoap_parse_(soap);
    self.in_body_ = true;
    self.cut_utf8_ = false;
    self.utf8_.reset();
    self.bounded_ = false;
    if (rc == SOAP_OK && soap->length > 0 && (soap->mode & SOAP_IO) != SOAP_IO_CHUNK &&
        (soap->imode & SOAP_IO) != SOAP_IO_CHUNK) {
        const unsigned long long buffered = soap->buflen - soap->bufidx;  // read with the header
        self.bounded_ = true;
        self.body_left_ = soap->length > buffered ? soap->length - buffered : 0;
    }
    return rc;
}

int ResponseGuard::check_body(struct soap* soap, const char* data, std::size_t length) {
    ResponseGuard& self = guard_of(soap);
    if (!self.in_body_) return SOAP_OK;
    return self.utf8_.feed(data, length) ? SOAP_OK : SOAP_UTF_ERROR;
}

int ResponseGuard::check_body_end(struct soap* soap) {
    ResponseGuard& self = guard_of(soap);
    if (!self.in_body_ || self.utf8_.complete()) return SOAP_OK;
    self.cut_utf8_ = true;
    return SOAP_UTF_ERROR;
}

}  // namespace mktows::detail
