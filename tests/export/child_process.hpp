// A child process for the CLI tests: spawned with its own environment and
// standard streams in files, waited for (exit status, and the peak resident
// memory of the program it runs), killable.
#ifndef MKTOWS_TEST_EXPORT_CHILD_PROCESS_HPP
#define MKTOWS_TEST_EXPORT_CHILD_PROCESS_HPP

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace export_test {

struct ChildResult {
    int exit_code = -1;   ///< when it exited
    int signal = 0;       ///< when a signal ended it
    /// Peak resident set size of the program after exec: VmHWM of
    /// /proc/PID/status, read every millisecond while it runs (ru_maxrss
    /// would also count the test process's image copied by fork).
    long peak_rss_kb = 0;
};

class ChildProcess {
public:
    /// Starts argv[0] with the environment of this process plus `env`
    /// (overriding), stdin from /dev/null, stdout and stderr into files.
    ChildProcess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                 const std::string& stdout_path, const std::string& stderr_path);
    ~ChildProcess();  ///< kills and reaps a child still running
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const noexcept { return pid_; }
    void kill(int signal);
    /// Waits for the end (at most `limit`, then kills it with SIGKILL),
    /// sampling the peak memory of the program named `program` meanwhile.
    ChildResult wait(std::chrono::milliseconds limit = std::chrono::minutes(3));

private:
    void sample_peak_rss();
    pid_t pid_ = -1;
    std::string program_;  // comm of the program after exec
    long peak_rss_kb_ = 0;
};

}  // namespace export_test

#endif
