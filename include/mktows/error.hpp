// mktows::Error: every failure the SDK reports. It says what went wrong, the
// Marketo fault code when the service sent one, and whether trying again can
// help.
#ifndef MKTOWS_ERROR_HPP
#define MKTOWS_ERROR_HPP

#include <stdexcept>
#include <string>

namespace mktows {

enum class ErrorKind {
    invalid_argument,  ///< bad input from the caller; the message says how to fix it
    service_fault,     ///< Marketo answered with a SOAP fault; service_code() has its code
    http_status,       ///< HTTP error status without a SOAP fault; http_status() has it
    transport,         ///< connect, TLS, timeout or a connection closed without a response
    protocol,          ///< the response could not be understood (malformed XML, wrong shape)
    server_loop,       ///< paging made no progress (same stream position twice, ...)
    budget_exhausted,  ///< the configured call budget is spent
    io,                ///< reading or writing a local file failed
    cancelled,         ///< stopped on request
};

/// Marketo fault codes the SDK treats specially (see docs of marketo-soap-behaviour).
namespace fault_code {
constexpr int internal_error = 10001;
constexpr int api_internal_error = 20011;
constexpr int request_not_understood = 20012;
constexpr int access_denied = 20013;
constexpr int authentication_failed = 20014;
constexpr int request_limit_exceeded = 20015;  ///< daily quota spent
constexpr int request_expired = 20016;         ///< signature timestamp too old
constexpr int invalid_request = 20017;
constexpr int unsupported_operation = 20019;
constexpr int time_span_too_long = 20022;
constexpr int rate_limit_exceeded = 20023;
constexpr int concurrency_limit_exceeded = 20024;
constexpr int lead_key_required = 20101;
constexpr int bad_lead_key = 20102;
constexpr int lead_not_found = 20103;
constexpr int parameter_required = 20109;
constexpr int bad_parameter = 20110;
constexpr int list_not_found = 20111;
constexpr int bad_parameter_2 = 20114;
constexpr int bad_stream_position = 20122;
constexpr int stream_at_end = 20123;
}  // namespace fault_code

/// True for the Marketo fault codes that a later attempt can succeed on:
/// 10001, 20011, 20016, 20023, 20024.
bool is_retryable_fault(int service_code);

/// What a Marketo fault code means for the caller and what to do (e.g. for
/// 20014: check the user id, the secret key and the clock), or "" when there
/// is nothing to add. The message of a fault Error ends with it, after "; ".
std::string fault_advice(int service_code);

class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, const std::string& message, int service_code = 0, int http_status = 0);
    /// The same error (kind, codes, attempts, retryability) told with another message.
    Error(const Error& cause, const std::string& message);

    ErrorKind kind() const noexcept { return kind_; }
    /// Marketo's fault code (e.g. 20014), 0 when the error is not a Marketo fault.
    int service_code() const noexcept { return service_code_; }
    /// HTTP status of the response, 0 when there was none.
    int http_status() const noexcept { return http_status_; }
    /// Whether the same call may succeed if tried again (transport failures,
    /// HTTP 5xx, and the retryable fault codes). A TLS certificate that fails
    /// verification is a transport error that is not retryable: the same
    /// certificate would be refused again.
    bool retryable() const noexcept;
    /// Overrides what the kind and code say about retrying (the SDK uses it
    /// for transport errors that cannot heal, such as a refused certificate).
    void set_retryable(bool retryable) noexcept { retryable_override_ = retryable ? 1 : 0; }
    /// How many attempts were made before giving up (1 when not retried).
    int attempts() const noexcept { return attempts_; }
    void set_attempts(int n) noexcept { attempts_ = n; }

private:
    ErrorKind kind_;
    int service_code_;
    int http_status_;
    int attempts_ = 1;
    int retryable_override_ = -1;  ///< -1: decided by kind and code
};

const char* to_string(ErrorKind kind) noexcept;

}  // namespace mktows

#endif
