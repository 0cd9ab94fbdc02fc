// FileSink: a buffered POSIX descriptor.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "mktows/error.hpp"
#include "mktows/output.hpp"

namespace mktows {

namespace {

constexpr std::size_t buffer_limit = 64 * 1024;

[[noreturn]] void throw_io(const std::string& what, const std::string& name, int err) {
    throw Error(ErrorKind::io, what + " '" + name + "' failed: " + std::strerror(err) +
                                   "; check the path, its permissions and the free disk space");
}

int open_or_throw(const std::string& path, int flags) {
    int fd;
    do {
        fd = ::open(path.c_str(), flags | O_CLOEXEC, 0666);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) throw_io("opening", path, errno);
    return fd;
}

}  // namespace

FileSink::FileSink(int fd, bool owned, std::string name, std::uint64_t size)
    : fd_(fd), owned_(owned), name_(std::move(name)), size_(size) {
    buffer_.reserve(buffer_limit);
}

std::unique_ptr<FileSink> FileSink::create(const std::string& path) {
    const int fd = open_or_throw(path, O_WRONLY | O_CREAT | O_TRUNC);
    return std::unique_ptr<FileSink>(new FileSink(fd, true, path, 0));
}

std::unique_ptr<FileSink> FileSink::append(const std::string& path) {
    const int fd = open_or_throw(path, O_WRONLY | O_CREAT | O_APPEND);
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        throw_io("reading the length of", path, err);
    }
    return std::unique_ptr<FileSink>(new FileSink(fd, true, path, static_cast<std::uint64_t>(st.st_size)));
}

std::unique_ptr<FileSink> FileSink::borrow(int fd, std::string name) {
    return std::unique_ptr<FileSink>(new FileSink(fd, false, std::move(name), 0));
}

FileSink::~FileSink() {
    if (owned_ && fd_ >= 0) ::close(fd_);
}

void FileSink::write(std::string_view bytes) {
    if (fd_ < 0) throw Error(ErrorKind::io, "writing '" + name_ + "' after it was closed");
    buffer_.append(bytes);
    size_ += bytes.size();
    if (buffer_.size() >= buffer_limit) flush();
}

void FileSink::flush() {
    std::size_t done = 0;
    while (done < buffer_.size()) {
        const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            buffer_.erase(0, done);
            throw_io("writing", name_, err);
        }
        done += static_cast<std::size_t>(n);
    }
    buffer_.clear();
}

void FileSink::sync() {
    flush();
    if (::fsync(fd_) != 0 && errno != EINVAL && errno != EROFS) throw_io("syncing", name_, errno);
}

void FileSink::close() {
    if (fd_ < 0) return;
    flush();
    if (owned_) {
        const int fd = fd_;
        fd_ = -1;
        if (::close(fd) != 0 && errno != EINTR) throw_io("closing", name_, errno);
    } else {
        fd_ = -1;
    }
}

}  // namespace mktows
