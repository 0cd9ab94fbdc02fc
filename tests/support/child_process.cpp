// ChildProcess and run_process (see child_process.hpp).
#include "support/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <thread>
#include <utility>

extern char** environ;

namespace mktows_test {

namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

// How long output is still read after the child has ended (a process it
// started may hold the pipes open).
constexpr milliseconds kDrainAfterExit{1000};

struct Pipe {
    int read_end = -1;
    int write_end = -1;
    explicit Pipe(bool wanted) {
        if (!wanted) return;
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
        read_end = fds[0];
        write_end = fds[1];
    }
    ~Pipe() {
        if (read_end >= 0) ::close(read_end);
        if (write_end >= 0) ::close(write_end);
    }
    int release_read() { return std::exchange(read_end, -1); }
    int release_write() { return std::exchange(write_end, -1); }
};

std::vector<std::string> environment_of(const ProcessOptions& options) {
    std::map<std::string, std::string> env;
    if (!options.clean_env) {
        for (char** e = environ; *e; ++e) {
            if (const char* eq = std::strchr(*e, '=')) env[std::string(*e, static_cast<std::size_t>(eq - *e))] = eq + 1;
        }
    }
    for (const auto& [k, v] : options.env) env[k] = v;
    if (options.clean_env) {
        env.emplace("PATH", "/usr/local/bin:/usr/bin:/bin");
        if (const char* home = std::getenv("HOME")) env.emplace("HOME", home);
    }
    std::vector<std::string> out;
    for (const auto& [k, v] : env) out.push_back(k + "=" + v);
    return out;
}

void set_nonblocking(int fd) {
    if (fd >= 0) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
}

void close_fd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
}

// Reads what fd has now into `into`; closes fd at the end of the stream.
void read_available(int& fd, std::string& into) {
    char buffer[65536];
    while (fd >= 0) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n > 0) {
            into.append(buffer, static_cast<std::size_t>(n));
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else {
            if (n == 0 || errno != EAGAIN) close_fd(fd);
            return;
        }
    }
}

milliseconds until(steady_clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - steady_clock::now());
    return std::max(left, milliseconds(0));
}

}  // namespace

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const ProcessOptions& options)
    : stdin_data_(options.stdin_data), measure_peak_rss_(options.measure_peak_rss) {
    if (argv.empty()) throw std::runtime_error("ChildProcess: no program");
    if (!stdin_data_.empty()) {
        // A child that exits before reading its stdin must not kill the test.
        static const bool sigpipe_ignored = (::signal(SIGPIPE, SIG_IGN), true);
        (void)sigpipe_ignored;
    }
    Pipe in(!stdin_data_.empty()), out(options.stdout_file.empty()), err(options.stderr_file.empty());

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (in.read_end >= 0)
        posix_spawn_file_actions_adddup2(&actions, in.read_end, 0);
    else
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    const int file_flags = O_WRONLY | O_CREAT | O_TRUNC;
    if (out.write_end >= 0)
        posix_spawn_file_actions_adddup2(&actions, out.write_end, 1);
    else
        posix_spawn_file_actions_addopen(&actions, 1, options.stdout_file.c_str(), file_flags, 0644);
    if (err.write_end >= 0)
        posix_spawn_file_actions_adddup2(&actions, err.write_end, 2);
    else
        posix_spawn_file_actions_addopen(&actions, 2, options.stderr_file.c_str(), file_flags, 0644);
    if (!options.working_dir.empty()) posix_spawn_file_actions_addchdir_np(&actions, options.working_dir.c_str());

    // The child starts with default dispositions and no blocked signals,
    // whatever this process ignores or this thread blocks.
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

    const int rc = ::posix_spawnp(&pid_, argv[0].c_str(), &actions, &attr, args.data(), env.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        pid_ = -1;
        throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(rc));
    }
    in_fd_ = in.release_write();
    out_fd_ = out.release_read();
    err_fd_ = err.release_read();
    set_nonblocking(in_fd_);
    set_nonblocking(out_fd_);
    set_nonblocking(err_fd_);
    const std::string& path = argv[0];
    comm_ = path.substr(path.rfind('/') + 1).substr(0, 15);  // the kernel keeps 15 bytes
}

ChildProcess::~ChildProcess() {
    if (pid_ > 0 && !status_) {
        ::kill(pid_, SIGKILL);
        while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
        }
    }
    close_fds();
}

void ChildProcess::close_fds() {
    close_fd(in_fd_);
    close_fd(out_fd_);
    close_fd(err_fd_);
}

void ChildProcess::send_signal(int signal_number) {
    if (pid_ > 0 && !status_) ::kill(pid_, signal_number);
}

void ChildProcess::pump(milliseconds timeout) {
    std::vector<pollfd> fds;
    if (out_fd_ >= 0) fds.push_back({out_fd_, POLLIN, 0});
    if (err_fd_ >= 0) fds.push_back({err_fd_, POLLIN, 0});
    if (in_fd_ >= 0) fds.push_back({in_fd_, POLLOUT, 0});
    if (fds.empty()) {
        std::this_thread::sleep_for(timeout);
        return;
    }
    const int n = ::poll(fds.data(), fds.size(), static_cast<int>(timeout.count()));
    if (n <= 0) return;
    for (const pollfd& p : fds) {
        if (p.revents == 0) continue;
        if (p.fd == in_fd_) {
            const ssize_t w =
                ::write(in_fd_, stdin_data_.data() + stdin_written_, stdin_data_.size() - stdin_written_);
            if (w > 0) stdin_written_ += static_cast<std::size_t>(w);
            if ((w < 0 && errno != EAGAIN && errno != EINTR) || stdin_written_ == stdin_data_.size()) close_fd(in_fd_);
        } else if (p.fd == out_fd_) {
            read_available(out_fd_, out_);
        } else if (p.fd == err_fd_) {
            read_available(err_fd_, err_);
        }
    }
}

bool ChildProcess::try_reap() {
    if (status_) return true;
    int status = 0;
    pid_t r;
    while ((r = ::waitpid(pid_, &status, WNOHANG)) < 0 && errno == EINTR) {
    }
    if (r != pid_) return false;
    status_ = status;
    return true;
}

void ChildProcess::sample_peak_rss() {
    const std::string proc = "/proc/" + std::to_string(pid_);
    std::string comm;
    std::getline(std::ifstream(proc + "/comm"), comm);
    if (comm != comm_) return;  // not exec'd yet (still the test's image) or gone
    std::ifstream status(proc + "/status");
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("VmHWM:", 0) == 0) peak_rss_kb_ = std::max(peak_rss_kb_, std::strtol(line.c_str() + 6, nullptr, 10));
    }
}

std::optional<std::string> ChildProcess::read_line(milliseconds timeout) {
    const auto deadline = steady_clock::now() + timeout;
    for (;;) {
        const auto eol = out_.find('\n', out_taken_);
        if (eol != std::string::npos) {
            std::string line = out_.substr(out_taken_, eol - out_taken_);
            out_taken_ = eol + 1;
            return line;
        }
        const milliseconds left = until(deadline);
        if (out_fd_ < 0 || left.count() == 0) return std::nullopt;
        pump(left);
    }
}

const std::string& ChildProcess::out() {
    read_available(out_fd_, out_);
    return out_;
}

const std::string& ChildProcess::err() {
    read_available(err_fd_, err_);
    return err_;
}

std::optional<ProcessResult> ChildProcess::wait_for(milliseconds timeout) {
    if (result_) return result_;
    const auto deadline = steady_clock::now() + timeout;
    const milliseconds step(measure_peak_rss_ ? 1 : 10);
    while (!try_reap()) {
        if (measure_peak_rss_) sample_peak_rss();
        const milliseconds left = until(deadline);
        if (left.count() == 0) return std::nullopt;
        pump(std::min(step, left));
    }
    close_fd(in_fd_);
    const auto drained_by = steady_clock::now() + kDrainAfterExit;
    while ((out_fd_ >= 0 || err_fd_ >= 0) && steady_clock::now() < drained_by) pump(until(drained_by));
    close_fds();

    ProcessResult r;
    if (WIFEXITED(*status_)) r.exit_code = WEXITSTATUS(*status_);
    if (WIFSIGNALED(*status_)) r.signal = WTERMSIG(*status_);
    r.out = out_;
    r.err = err_;
    r.peak_rss_kb = peak_rss_kb_;
    result_ = r;
    return result_;
}

ProcessResult ChildProcess::wait(milliseconds limit) {
    if (auto r = wait_for(limit)) return *r;
    ::kill(pid_, SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    status_ = status;
    ProcessResult r = *wait_for(milliseconds(0));
    r.timed_out = true;
    result_->timed_out = true;
    return r;
}

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
    const auto started = steady_clock::now();
    ChildProcess child(argv, options);
    if (options.signal != 0) {
        if (auto r = child.wait_for(std::min(options.signal_after, options.timeout))) return *r;
        child.send_signal(options.signal);
    }
    return child.wait(until(started + options.timeout));
}

}  // namespace mktows_test
