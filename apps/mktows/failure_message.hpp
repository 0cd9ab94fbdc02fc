// The message printed when get-multiple-leads fails, in the CLI's terms:
// what happened, then what was kept and what to do (options to check,
// whether running the same command again continues).
#ifndef MKTOWS_CLI_FAILURE_MESSAGE_HPP
#define MKTOWS_CLI_FAILURE_MESSAGE_HPP

#include <string>

#include "get_multiple_leads_args.hpp"
#include "mktows/error.hpp"
#include "mktows/time.hpp"

namespace mktows_cli {

/// What the command line says about where the leads went.
struct FailureContext {
    std::string output;              ///< --output as given; empty for standard output
    bool streams_to_stdout = false;  ///< leads reach standard output as they are written
    std::string checkpoint;          ///< --checkpoint as given
    long long max_calls = 0;         ///< --max-calls
};

/// Never throws for bad values (they were reported already).
FailureContext failure_context(const GetMultipleLeadsArgs& args);

/// One line (no "mktows: ", no newline). Marketo faults always show their
/// code; an export that stopped (mktows::ExportError) says what it kept and
/// whether the same command continues it. now: for the quota's reset.
std::string failure_message(const mktows::Error& error, const FailureContext& context, mktows::TimePoint now);

}  // namespace mktows_cli

#endif
