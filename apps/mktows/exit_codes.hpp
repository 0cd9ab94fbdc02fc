// Exit codes of mktows.
#ifndef MKTOWS_CLI_EXIT_CODES_HPP
#define MKTOWS_CLI_EXIT_CODES_HPP

#include "mktows/error.hpp"

namespace mktows_cli {

enum ExitCode : int {
    exit_ok = 0,
    exit_local_failure = 1,  ///< writing the output or a spool file failed, or an internal error
    exit_usage = 2,          ///< bad usage or input
    exit_auth = 3,           ///< Marketo fault 20013 or 20014
    exit_fault = 4,          ///< any other Marketo fault (20015 included)
    exit_transport = 5,      ///< connect, TLS, timeout, HTTP error, unreadable response
    exit_budget = 6,         ///< the --max-calls budget is spent (resumable with --checkpoint)
};

/// The exit code for an error.
int exit_code_for(const mktows::Error& error);

}  // namespace mktows_cli

#endif
