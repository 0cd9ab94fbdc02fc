// Running the built `mktows` binary, and the account the tests' servers use.
#ifndef MKTOWS_TEST_CLI_CLI_RUNNER_HPP
#define MKTOWS_TEST_CLI_CLI_RUNNER_HPP

#include <map>
#include <string>
#include <vector>

#include "support/child_process.hpp"

namespace mktows_test {

/// The seed's user id; the secret is made up and must never be printed.
inline const std::string cli_user_id = "demo17_1_809934544BFABAE58E5D27";
inline const std::string cli_secret = "Sekr1t-0f-the-cli-tests-d0-n0t-print";

/// Runs `mktows args...` with exactly env as its environment.
ProcessResult run_mktows(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {},
                         const std::string& stdin_data = {});
/// The same with every process option (env and stdin included) given; the
/// environment is still exactly options.env.
ProcessResult run_mktows(const std::vector<std::string>& args, ProcessOptions options);

/// MKTOWS_ENDPOINT, MKTOWS_USER_ID and MKTOWS_SECRET_KEY for an endpoint.
std::map<std::string, std::string> account_env(const std::string& endpoint);

/// Lines of text without their '\n'.
std::vector<std::string> lines_of(const std::string& text);

}  // namespace mktows_test

#endif
