// The environment that points the mktows CLI at a server with an account,
// for the areas that run the built CLI (cli, export).
#ifndef MKTOWS_TEST_SUPPORT_CLI_ACCOUNT_ENV_HPP
#define MKTOWS_TEST_SUPPORT_CLI_ACCOUNT_ENV_HPP

#include <map>
#include <string>

#include "mktows/credentials.hpp"

namespace mktows_test {

/// MKTOWS_ENDPOINT, MKTOWS_USER_ID and MKTOWS_SECRET_KEY.
inline std::map<std::string, std::string> cli_account_env(const std::string& endpoint,
                                                          const mktows::Credentials& account) {
    return {{"MKTOWS_ENDPOINT", endpoint}, {"MKTOWS_USER_ID", account.user_id}, {"MKTOWS_SECRET_KEY", account.secret_key}};
}

}  // namespace mktows_test

#endif
