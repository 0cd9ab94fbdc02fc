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
