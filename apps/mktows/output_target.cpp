#include "output_target.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <vector>

#include "mktows/error.hpp"

namespace mktows_cli {

namespace {

// The temporary file to remove if a signal ends the process. One output per
// process; set before the handlers are installed, cleared before free.
char g_temp_path[4096];
volatile std::sig_atomic_t g_temp_active = 0;

extern "C" void remove_temp_and_reraise(int sig) {
    if (g_temp_active) ::unlink(g_temp_path);
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

void install_cleanup_handlers() {
    struct sigaction action {};
    action.sa_handler = remove_temp_and_reraise;
    sigemptyset(&action.sa_mask);
    for (const int sig : {SIGINT, SIGTERM, SIGHUP}) sigaction(sig, &action, nullptr);
}

[[noreturn]] void fail_usage(const std::string& path, const std::string& why) {
    throw mktows::Error(mktows::ErrorKind::invalid_argument,
                        "--output " + path + ": " + why + "; give a file in an existing, writable directory");
}

mode_t current_umask() {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return mask;
}

}  // namespace

bool is_special_file(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

OutputTarget::OutputTarget(const std::string& path) : path_(path == "-" ? std::string() : path) {
    if (path_.empty()) {
        sink_ = mktows::FileSink::borrow(STDOUT_FILENO, "standard output");
        return;
    }
    if (path_.back() == '/') fail_usage(path_, "names a directory");
    struct stat st {};
    if (::stat(path_.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) fail_usage(path_, "is a directory");
    if (is_special_file(path_)) {
        fd_ = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd_ < 0) fail_usage(path_, std::strerror(errno));
        sink_ = mktows::FileSink::borrow(fd_, path_);
        return;
    }
    const std::filesystem::path file(path_);
    spool_dir_ = file.has_parent_path() ? file.parent_path().string() : std::string(".");
    std::string pattern = spool_dir_ + "/." + file.filename().string() + ".partial-XXXXXX";
    if (pattern.size() >= sizeof g_temp_path) fail_usage(path_, "the path is too long");
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    fd_ = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd_ < 0) fail_usage(path_, std::strerror(errno));
    temp_path_.assign(name.data());
    std::memcpy(g_temp_path, temp_path_.c_str(), temp_path_.size() + 1);
    g_temp_active = 1;
    install_cleanup_handlers();
    // mkstemp makes the file 0600; the finished file gets the usual mode.
    ::fchmod(fd_, 0666 & ~current_umask());
    sink_ = mktows::FileSink::borrow(fd_, path_);
}

OutputTarget::~OutputTarget() {
    if (!temp_path_.empty() && !committed_) {
        g_temp_active = 0;
        ::unlink(temp_path_.c_str());
    }
    if (fd_ >= 0) ::close(fd_);
}

std::string OutputTarget::display_name() const { return path_.empty() ? "standard output" : path_; }

void OutputTarget::commit() {
    if (temp_path_.empty()) {
        sink_->flush();
        return;
    }
    sink_->sync();
    sink_->close();
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0 && errno != EINTR) {
        throw mktows::Error(mktows::ErrorKind::io, "closing " + path_ + " failed: " + std::strerror(errno));
    }
    if (::rename(temp_path_.c_str(), path_.c_str()) != 0) {
        throw mktows::Error(mktows::ErrorKind::io, "renaming " + temp_path_ + " to " + path_ +
                                                       " failed: " + std::strerror(errno));
    }
    g_temp_active = 0;
    committed_ = true;
}

}  // namespace mktows_cli
