// Runs a program as a user would: its own process (posix_spawn), a clean
// environment, standard input from a string, standard output and error
// captured, and a time limit after which it is killed.
#ifndef MKTOWS_TEST_CLI_RUN_PROCESS_HPP
#define MKTOWS_TEST_CLI_RUN_PROCESS_HPP

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace mktows_test {

struct ProcessResult {
    int exit_code = -1;   ///< -1 when ended by a signal
    int signal = 0;       ///< the signal that ended it, 0 if it exited
    bool timed_out = false;
    std::string out;
    std::string err;
};

struct ProcessOptions {
    /// The whole environment of the child (PATH and HOME are added when
    /// missing); nothing is inherited, so no MKTOWS_* of the test runner leaks in.
    std::map<std::string, std::string> env;
    std::string stdin_data;
    std::string working_dir;  ///< empty: the test's own
    std::chrono::milliseconds timeout{std::chrono::seconds(60)};
    /// When signal is not 0, send it this long after the start.
    int signal = 0;
    std::chrono::milliseconds signal_after{0};
};

/// Throws std::runtime_error when the program cannot be started.
ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

}  // namespace mktows_test

#endif
