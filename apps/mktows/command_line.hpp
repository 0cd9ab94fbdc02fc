// The command line of mktows (CLI11): options, help text, version.
#ifndef MKTOWS_CLI_COMMAND_LINE_HPP
#define MKTOWS_CLI_COMMAND_LINE_HPP

#include <CLI/CLI.hpp>

#include "get_multiple_leads_args.hpp"

namespace mktows_cli {

/// Adds the get-multiple-leads subcommand, filling args when parsed.
CLI::App* add_get_multiple_leads_command(CLI::App& app, GetMultipleLeadsArgs& args);

/// "mktows 0.1.0 (Marketo SOAP API 2_7)"
std::string version_line();

}  // namespace mktows_cli

#endif
