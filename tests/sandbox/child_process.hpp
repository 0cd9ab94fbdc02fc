// A child process with its stdout and stderr on pipes, for running the
// mktows-sandbox program (and third-party clients) in tests. The destructor
// kills and reaps a child that is still running.
#ifndef MKTOWS_TESTS_SANDBOX_CHILD_PROCESS_HPP
#define MKTOWS_TESTS_SANDBOX_CHILD_PROCESS_HPP

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace sandbox_test {

class ChildProcess {
public:
    /// Starts argv[0] (searched on PATH) with the arguments. Throws
    /// std::runtime_error when it cannot be started.
    explicit ChildProcess(const std::vector<std::string>& argv);
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    /// The next line on stdout (without its newline); nullopt on timeout or EOF.
    std::optional<std::string> read_line(std::chrono::milliseconds timeout);
    void send_signal(int signal_number);
    /// The exit status (128 + signal when killed); nullopt while it runs past timeout.
    std::optional<int> wait(std::chrono::milliseconds timeout);
    /// Everything written so far (after wait(): everything).
    const std::string& out();
    const std::string& err();

private:
    void drain(int fd, std::string& into);
    pid_t pid_ = -1;
    int out_fd_ = -1, err_fd_ = -1;
    std::string out_, err_;
    std::size_t out_read_ = 0;  // consumed by read_line
    std::optional<int> status_;
};

struct RunResult {
    int status = -1;
    std::string out, err;
};
/// Runs a command to its end (killed after timeout: status -1).
RunResult run(const std::vector<std::string>& argv, std::chrono::milliseconds timeout = std::chrono::seconds(60));

}  // namespace sandbox_test

#endif
