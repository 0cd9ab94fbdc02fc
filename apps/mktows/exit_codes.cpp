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

std::string fault_hint(int code) {
    switch (code) {
        case fault_code::authentication_failed:
            return "check the user id (--user-id or MKTOWS_USER_ID) and the secret key "
                   "(MKTOWS_SECRET_KEY or --secret-file), and that they belong to this endpoint";
        case fault_code::access_denied:
            return "this user is blocked from the SOAP API; ask the instance's admin to allow it";
        case fault_code::request_expired:
            return "the signature's timestamp was refused: check that this machine's clock is right";
        case fault_code::request_limit_exceeded:
            return "the daily call quota is spent; try again after it resets (midnight US Central)";
        case fault_code::time_span_too_long:
            return "Marketo allows at most 30 days between --updated-since and --updated-until; "
                   "split the range";
        case fault_code::list_not_found:
            return "check the list name ('Program.List') or id";
        case fault_code::rate_limit_exceeded:
        case fault_code::concurrency_limit_exceeded:
            return "the instance is busy; try again later";
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
