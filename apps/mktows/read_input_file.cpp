#include "read_input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "mktows/error.hpp"

namespace mktows_cli {

namespace {

[[noreturn]] void fail(const std::string& option, const std::string& path, const std::string& why) {
    throw mktows::Error(mktows::ErrorKind::invalid_argument,
                        option + " " + path + ": " + why + "; give a readable file");
}

}  // namespace

std::string read_input_file(const std::string& path, const std::string& option, std::size_t max_bytes) {
    if (path.empty()) fail(option, "''", "the file name is empty");
    const bool from_stdin = path == "-";
    int fd = from_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail(option, path, std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (!from_stdin) ::close(fd);
        fail(option, path, "is a directory");
    }
    std::string data;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            if (!from_stdin) ::close(fd);
            fail(option, path, std::strerror(err));
        }
        if (n == 0) break;
        data.append(buffer, static_cast<std::size_t>(n));
        if (data.size() > max_bytes) {
            if (!from_stdin) ::close(fd);
            fail(option, path, "is larger than " + std::to_string(max_bytes) + " bytes");
        }
    }
    if (!from_stdin) ::close(fd);
    return data;
}

}  // namespace mktows_cli
