#include "exit_codes.hpp"

namespace mktows_cli {

using mktows::ErrorKind;
namespace fault_code = mktows::fault_code;

int exit_code_for(const mktows::Error& error) {
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
            return exit_budget;
        case ErrorKind::io:
        case ErrorKind::cancelled:
            return exit_local_failure;
    }
    return exit_local_failure;
}

}  // namespace mktows_cli
