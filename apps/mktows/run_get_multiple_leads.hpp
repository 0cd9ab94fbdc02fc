// `mktows get-multiple-leads`: validate everything local, connect (or start
// the sandbox), export, and report.
#ifndef MKTOWS_CLI_RUN_GET_MULTIPLE_LEADS_HPP
#define MKTOWS_CLI_RUN_GET_MULTIPLE_LEADS_HPP

#include "get_multiple_leads_args.hpp"

namespace mktows_cli {

/// Runs the command; throws mktows::Error on failure (see exit_codes.hpp).
/// Prints the summary line on stderr unless args.quiet.
void run_get_multiple_leads(const GetMultipleLeadsArgs& args);

}  // namespace mktows_cli

#endif
