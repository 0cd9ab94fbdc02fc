// A program run in its own process, as a user runs it: posix_spawn, this
// process's environment with overrides (or a clean one), standard input from
// a string or /dev/null, standard output and error read from pipes or written
// to files, signals, a time limit, and the peak resident memory of the program.
//
//     ChildProcess sandbox({MKTOWS_SANDBOX_PATH, "--port", "0"});
//     auto first = sandbox.read_line(std::chrono::seconds(20));
//     sandbox.send_signal(SIGTERM);
//     ProcessResult r = sandbox.wait(std::chrono::seconds(5));
//
//     ProcessResult help = run_process({MKTOWS_CLI_PATH, "--help"});
#ifndef MKTOWS_TEST_SUPPORT_CHILD_PROCESS_HPP
#define MKTOWS_TEST_SUPPORT_CHILD_PROCESS_HPP

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mktows_test {

struct ProcessOptions {
    /// Variables set in the child, over this process's environment.
    std::map<std::string, std::string> env;
    /// When true, `env` is the whole environment (PATH and HOME are added
    /// when missing): nothing is inherited, so no MKTOWS_* of the test
    /// runner leaks in.
    bool clean_env = false;
    /// Written to standard input through a pipe that is closed after it;
    /// empty: standard input is /dev/null.
    std::string stdin_data;
    /// Standard output (error) into this file, created or truncated, instead
    /// of a pipe the test reads.
    std::string stdout_file;
    std::string stderr_file;
    std::string working_dir;  ///< empty: the test's own
    /// Sample the program's peak resident memory every millisecond while
    /// waiting for it (ProcessResult::peak_rss_kb).
    bool measure_peak_rss = false;

    /// run_process only: killed with SIGKILL this long after the start.
    std::chrono::milliseconds timeout{std::chrono::seconds(60)};
    /// run_process only: when signal is not 0, it is sent this long after
    /// the start.
    int signal = 0;
    std::chrono::milliseconds signal_after{0};
};

struct ProcessResult {
    int exit_code = -1;      ///< -1 when a signal ended it
    int signal = 0;          ///< the signal that ended it, 0 when it exited
    bool timed_out = false;  ///< killed with SIGKILL at the time limit
    std::string out;         ///< standard output (when on a pipe)
    std::string err;         ///< standard error (when on a pipe)
    /// Peak resident set size of the program after exec, in KiB: VmHWM of
    /// /proc/PID/status (ru_maxrss of a forked child would also count the
    /// test's image). 0 unless measure_peak_rss.
    long peak_rss_kb = 0;
};

class ChildProcess {
public:
    /// Starts argv[0] (searched on PATH when it has no '/') with the
    /// arguments. Throws std::runtime_error when it cannot be started.
    explicit ChildProcess(const std::vector<std::string>& argv, const ProcessOptions& options = {});
    ~ChildProcess();  ///< kills (SIGKILL) and reaps a child still running
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const noexcept { return pid_; }
    /// Sends a signal (nothing once the child has been reaped).
    void send_signal(int signal_number);

    /// The next line on standard output, without its '\n'; nullopt on
    /// timeout or at the end of the output.
    std::optional<std::string> read_line(std::chrono::milliseconds timeout);
    /// Everything written to standard output (error) so far, lines taken by
    /// read_line included; all of it once the child has ended.
    const std::string& out();
    const std::string& err();

    /// The result once the child has ended and its pipes are read to the
    /// end; nullopt while it still runs after `timeout`. 0 only looks.
    std::optional<ProcessResult> wait_for(std::chrono::milliseconds timeout);
    /// Waits at most `limit`, then kills the child with SIGKILL (timed_out).
    ProcessResult wait(std::chrono::milliseconds limit = std::chrono::minutes(3));

private:
    void pump(std::chrono::milliseconds timeout);  // moves data through the pipes
    bool try_reap();                               // true once the child has ended
    void sample_peak_rss();
    void close_fds();

    pid_t pid_ = -1;
    int in_fd_ = -1, out_fd_ = -1, err_fd_ = -1;
    std::string stdin_data_;
    std::size_t stdin_written_ = 0;
    std::string out_, err_;
    std::size_t out_taken_ = 0;  // consumed by read_line
    bool measure_peak_rss_ = false;
    std::string comm_;  // the kernel's name of the program after exec
    long peak_rss_kb_ = 0;
    std::optional<int> status_;  // waitpid status once reaped
    std::optional<ProcessResult> result_;
};

/// Runs a program to its end with the options' standard input, signal and
/// time limit. Throws std::runtime_error when it cannot be started.
ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

}  // namespace mktows_test

#endif
