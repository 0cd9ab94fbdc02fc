#include "run_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace mktows_test {

namespace {

struct Pipe {
    int read_end = -1;
    int write_end = -1;
    Pipe() {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
        read_end = fds[0];
        write_end = fds[1];
    }
    ~Pipe() {
        close_read();
        close_write();
    }
    void close_read() {
        if (read_end >= 0) ::close(read_end);
        read_end = -1;
    }
    void close_write() {
        if (write_end >= 0) ::close(write_end);
        write_end = -1;
    }
};

std::vector<std::string> environment_of(const ProcessOptions& options) {
    std::map<std::string, std::string> env = options.env;
    env.emplace("PATH", "/usr/local/bin:/usr/bin:/bin");
    if (const char* home = std::getenv("HOME")) env.emplace("HOME", home);
    std::vector<std::string> out;
    for (const auto& [k, v] : env) out.push_back(k + "=" + v);
    return out;
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
    if (argv.empty()) throw std::runtime_error("run_process: no program");
    // A child that exits before reading its stdin must not kill the test.
    static const bool sigpipe_ignored = (::signal(SIGPIPE, SIG_IGN), true);
    (void)sigpipe_ignored;
    Pipe in, out, err;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in.read_end, 0);
    posix_spawn_file_actions_adddup2(&actions, out.write_end, 1);
    posix_spawn_file_actions_adddup2(&actions, err.write_end, 2);
    if (!options.working_dir.empty()) {
        posix_spawn_file_actions_addchdir_np(&actions, options.working_dir.c_str());
    }
    // The test process may ignore SIGPIPE; the child starts with defaults.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const std::vector<std::string> env_strings = environment_of(options);
    std::vector<char*> env;
    for (const std::string& e : env_strings) env.push_back(const_cast<char*>(e.c_str()));
    env.push_back(nullptr);

    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, argv[0].c_str(), &actions, &attr, args.data(), env.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(rc));
    in.close_read();
    out.close_write();
    err.close_write();

    ProcessResult result;
    std::size_t stdin_done = 0;
    if (options.stdin_data.empty()) in.close_write();
    const auto started = std::chrono::steady_clock::now();
    const auto deadline = started + options.timeout;
    bool signal_pending = options.signal != 0;
    while (out.read_end >= 0 || err.read_end >= 0) {
        if (signal_pending && std::chrono::steady_clock::now() >= started + options.signal_after) {
            ::kill(pid, options.signal);
            signal_pending = false;
        }
        std::vector<pollfd> fds;
        if (out.read_end >= 0) fds.push_back({out.read_end, POLLIN, 0});
        if (err.read_end >= 0) fds.push_back({err.read_end, POLLIN, 0});
        if (in.write_end >= 0) fds.push_back({in.write_end, POLLOUT, 0});
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline) {
            result.timed_out = true;
            ::kill(pid, SIGKILL);
            break;
        }
        auto wake = deadline;
        if (signal_pending) wake = std::min(wake, started + options.signal_after);
        const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(wake - now).count() + 1;
        const int n = ::poll(fds.data(), fds.size(), static_cast<int>(wait));
        if (n < 0 && errno == EINTR) continue;
        for (const pollfd& p : fds) {
            if (p.revents == 0) continue;
            if (p.fd == in.write_end) {
                const ssize_t w = ::write(in.write_end, options.stdin_data.data() + stdin_done,
                                          options.stdin_data.size() - stdin_done);
                if (w > 0) stdin_done += static_cast<std::size_t>(w);
                if (w < 0 || stdin_done == options.stdin_data.size()) in.close_write();
                continue;
            }
            char buffer[65536];
            const ssize_t r = ::read(p.fd, buffer, sizeof buffer);
            std::string& sink = p.fd == out.read_end ? result.out : result.err;
            if (r > 0) {
                sink.append(buffer, static_cast<std::size_t>(r));
            } else if (r == 0 || errno != EINTR) {
                if (p.fd == out.read_end) out.close_read(); else err.close_read();
            }
        }
    }
    in.close_write();
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
    return result;
}

}  // namespace mktows_test
