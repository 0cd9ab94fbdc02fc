// The options of `mktows get-multiple-leads` as given on the command line
// (and in the environment), before validation.
#ifndef MKTOWS_CLI_GET_MULTIPLE_LEADS_ARGS_HPP
#define MKTOWS_CLI_GET_MULTIPLE_LEADS_ARGS_HPP

#include <string>
#include <vector>

#include "export_args.hpp"

namespace mktows_cli {

struct GetMultipleLeadsArgs {
    // selectors
    std::string key_type;
    std::vector<std::string> keys;
    std::string keys_file;
    std::string static_list;
    std::string static_list_id;
    std::string updated_since;
    std::string updated_until;

    // request
    std::string attributes;  ///< A,B,...
    std::string batch_size;

    // output
    std::string format = "jsonl";
    std::string output;
    bool quiet = false;

    // connection
    std::string endpoint;   ///< or MKTOWS_ENDPOINT
    std::string user_id;    ///< or MKTOWS_USER_ID
    std::string secret_file;
    std::string ca_file;
    std::string connect_timeout;
    std::string timeout;
    bool sandbox = false;
    /// Whether --endpoint, --user-id or --secret-file was on the command
    /// line (not just in the environment): refused with --sandbox.
    bool connection_flags_given = false;

    /// Set when someone tried to pass the secret as an option value; the
    /// value itself is discarded at once.
    bool secret_on_command_line = false;

    /// --parallel, --checkpoint, limits, retries, progress.
    ExportArgs bulk;
};

}  // namespace mktows_cli

#endif
