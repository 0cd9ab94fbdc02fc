#include "cli/cli_runner.hpp"

#include <sstream>

#include "support/cli_account_env.hpp"

namespace mktows_test {

ProcessResult run_mktows(const std::vector<std::string>& args, ProcessOptions options) {
    std::vector<std::string> argv{MKTOWS_CLI_PATH};
    argv.insert(argv.end(), args.begin(), args.end());
    options.clean_env = true;
    return run_process(argv, options);
}

ProcessResult run_mktows(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                         const std::string& stdin_data) {
    ProcessOptions options;
    options.env = env;
    options.stdin_data = stdin_data;
    return run_mktows(args, std::move(options));
}

std::map<std::string, std::string> account_env(const std::string& endpoint) {
    return cli_account_env(endpoint, {cli_user_id, cli_secret});
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) lines.push_back(line);
    return lines;
}

}  // namespace mktows_test
