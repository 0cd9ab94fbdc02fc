#include "mktows/error.hpp"

namespace mktows {

bool is_retryable_fault(int code) {
    switch (code) {
        case fault_code::internal_error:
        case fault_code::api_internal_error:
        case fault_code::request_expired:
        case fault_code::rate_limit_exceeded:
        case fault_code::concurrency_limit_exceeded:
            return true;
        default:
            return false;
    }
}

std::string fault_advice(int code) {
    switch (code) {
        case fault_code::request_limit_exceeded:
            return "the daily call quota is spent; it resets at midnight US Central time (America/Chicago)";
        case fault_code::authentication_failed:
            return "check the user id and secret key (Admin > Web Services) and the machine's clock";
        case fault_code::access_denied:
            return "this client is blocked from the API; check the instance's IP restrictions";
        case fault_code::request_expired:
            return "the signature's timestamp was too old; check the machine's clock";
        case fault_code::time_span_too_long:
            return "the LastUpdateAt window spans more than 30 days; split it into shorter windows";
        case fault_code::rate_limit_exceeded:
            return "more than 100 calls in 20 seconds; lower the client's rate limit";
        case fault_code::concurrency_limit_exceeded:
            return "more than 10 concurrent calls; lower the client's concurrency cap";
        case fault_code::bad_stream_position:
            return "the stream position is not valid for this query; restart the query from its beginning";
        case fault_code::list_not_found:
            return "no static list with that name or id; names have the form Program.List";
        default:
            return {};
    }
}

Error::Error(ErrorKind kind, const std::string& message, int service_code, int http_status)
    : std::runtime_error(message), kind_(kind), service_code_(service_code), http_status_(http_status) {}

Error::Error(const Error& cause, const std::string& message)
    : std::runtime_error(message),
      kind_(cause.kind_),
      service_code_(cause.service_code_),
      http_status_(cause.http_status_),
      attempts_(cause.attempts_),
      retryable_override_(cause.retryable_override_) {}

bool Error::retryable() const noexcept {
    if (retryable_override_ >= 0) return retryable_override_ == 1;
    switch (kind_) {
        case ErrorKind::transport:
            return true;
        case ErrorKind::http_status:
            return http_status_ >= 500;
        case ErrorKind::service_fault:
            return is_retryable_fault(service_code_);
        default:
            return false;
    }
}

const char* to_string(ErrorKind kind) noexcept {
    switch (kind) {
        case ErrorKind::invalid_argument: return "invalid argument";
        case ErrorKind::service_fault: return "Marketo fault";
        case ErrorKind::http_status: return "HTTP error";
        case ErrorKind::transport: return "transport error";
        case ErrorKind::protocol: return "protocol error";
        case ErrorKind::server_loop: return "server paging loop";
        case ErrorKind::budget_exhausted: return "call budget exhausted";
        case ErrorKind::io: return "I/O error";
        case ErrorKind::cancelled: return "cancelled";
    }
    return "error";
}

}  // namespace mktows
