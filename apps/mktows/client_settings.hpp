// The connection options (endpoint, user id, secret, CA file, timeouts) as
// mktows::ClientOptions.
#ifndef MKTOWS_CLI_CLIENT_SETTINGS_HPP
#define MKTOWS_CLI_CLIENT_SETTINGS_HPP

#include "get_multiple_leads_args.hpp"
#include "mktows/options.hpp"

namespace mktows_cli {

/// Everything but the endpoint and credentials: CA file and timeouts.
/// Throws Error(invalid_argument) for a bad value or a missing CA
/// file.
void apply_transport_options(const GetMultipleLeadsArgs& args, mktows::ClientOptions& options);

/// Client options for a real instance: endpoint and user id from the
/// options or environment, the secret from MKTOWS_SECRET_KEY or
/// --secret-file. Throws Error(invalid_argument) naming what is missing.
mktows::ClientOptions client_options(const GetMultipleLeadsArgs& args);

}  // namespace mktows_cli

#endif
