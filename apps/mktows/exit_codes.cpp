#include "exit_codes.hpp"

namespace mktows_cli {

using mktows::Error;
using mktows::ErrorKind;
namespace fault_code = mktows::fault_code;

int exit_code_for(const Error& error) {
    switch (error.kind()) {
        case ErrorKind::invalid_argument:
            return exit_usage;
        case ErrorKind::service_fault:
            return error.service_code() == fault_code::access_denied ||
                           error.service_code() == fault_code::authentication_failed
                       ? exit_auth
                       : exit_fault;
        case ErrorKind::transport:
        case ErrorKind::http_status:
        case ErrorKind::protocol:
        case ErrorKind::server_loop:
            return exit_transport;
        case ErrorKind::budget_exhausted:
        case ErrorKind::io:
        case ErrorKind::cancelled:
            return exit_local_failure;
    }
    return exit_local_failure;
}

namespace {

/// The command-line side of a fault: which options to look at. (The
/// library's message already says what the fault means.)
std::string fault_hint(int code) {
    switch (code) {
        case fault_code::authentication_failed:
            return "the user id comes from --user-id or MKTOWS_USER_ID, the key from MKTOWS_SECRET_KEY or "
                   "--secret-file";
        case fault_code::time_span_too_long:
            return "give --updated-since and --updated-until at most 30 days apart";
        default:
            return {};
    }
}

std::string kind_hint(const Error& error) {
    switch (error.kind()) {
        case ErrorKind::transport:
            return "check --endpoint, the network, and --ca-file for HTTPS";
        case ErrorKind::http_status:
            return "check that --endpoint is the instance's SOAP endpoint (.../soap/mktows/2_7)";
        case ErrorKind::protocol:
            return "the response could not be understood; check that --endpoint is a Marketo SOAP endpoint";
        default:
            return {};
    }
}

}  // namespace

std::string describe(const Error& error) {
    std::string text = error.what();
    if (error.kind() == ErrorKind::service_fault) {
        const std::string code = std::to_string(error.service_code());
        if (text.find(code) == std::string::npos) text = "Marketo fault " + code + ": " + text;
    }
    if (error.attempts() > 1 && text.find("attempt") == std::string::npos) text += " (after " + std::to_string(error.attempts()) + " attempts)";
    const std::string hint =
        error.kind() == ErrorKind::service_fault ? fault_hint(error.service_code()) : kind_hint(error);
    if (!hint.empty() && text.find(hint) == std::string::npos) text += "; " + hint;
    return text;
}

}  // namespace mktows_cli
