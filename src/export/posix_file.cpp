// PosixFile and file helpers (see posix_file.hpp).
#include "export/posix_file.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <random>
#include <vector>

#include "mktows/error.hpp"

namespace mktows::detail {

void throw_file_error(const std::string& what, const std::string& path, int err) {
    throw Error(ErrorKind::io, what + " '" + path + "' failed: " + std::strerror(err) +
                                   "; check the path, its permissions and the free disk space");
}

std::string create_unique_file(const std::string& dir, const std::string& prefix) {
    static constexpr char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::random_device entropy;
    std::mt19937 rng(entropy());
    std::uniform_int_distribution<std::size_t> pick(0, sizeof letters - 2);
    for (int attempt = 0; attempt < 100; ++attempt) {
        std::string path = dir + "/" + prefix;
        for (int i = 0; i < 6; ++i) path += letters[pick(rng)];
        int fd;
        do {
            fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        } while (fd < 0 && errno == EINTR);
        if (fd >= 0) {
            ::close(fd);
            return path;
        }
        if (errno != EEXIST) throw_file_error("creating", path, errno);
    }
    throw Error(ErrorKind::io, "no free temporary name '" + prefix + "XXXXXX' in '" + dir +
                                   "' after 100 tries; remove old temporary files there");
}

PosixFile::PosixFile(const std::string& path, Mode mode) : path_(path) {
    const int flags = mode == Mode::read ? O_RDONLY : (O_RDWR | O_CREAT);
    do {
        fd_ = ::open(path.c_str(), flags | O_CLOEXEC, 0666);
    } while (fd_ < 0 && errno == EINTR);
    if (fd_ < 0) throw_file_error("opening", path, errno);
}

PosixFile PosixFile::anonymous(const std::string& dir, const std::string& prefix) {
    std::string pattern = dir + "/" + prefix + "XXXXXX";
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    const int fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        throw Error(ErrorKind::io, "making a spool file in '" + dir + "' failed: " + std::strerror(err) +
                                       "; an export needs a writable directory for its spool files (set TMPDIR "
                                       "or ExportOptions::work_dir)");
    }
    ::unlink(name.data());
    PosixFile file;
    file.fd_ = fd;
    file.path_ = std::string(name.data()) + " (unlinked)";
    return file;
}

PosixFile::~PosixFile() {
    if (fd_ >= 0) ::close(fd_);
}

PosixFile::PosixFile(PosixFile&& other) noexcept : fd_(other.fd_), path_(std::move(other.path_)) {
    other.fd_ = -1;
}

PosixFile& PosixFile::operator=(PosixFile&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = other.fd_;
        path_ = std::move(other.path_);
        other.fd_ = -1;
    }
    return *this;
}

std::uint64_t PosixFile::size() const {
    struct stat st {};
    if (::fstat(fd_, &st) != 0) throw_file_error("reading the length of", path_, errno);
    return static_cast<std::uint64_t>(st.st_size);
}

void PosixFile::truncate(std::uint64_t length) {
    int rc;
    do {
        rc = ::ftruncate(fd_, static_cast<off_t>(length));
    } while (rc != 0 && errno == EINTR);
    if (rc != 0) throw_file_error("truncating", path_, errno);
}

void PosixFile::write_at(std::uint64_t offset, std::string_view bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::pwrite(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(offset + done));
        if (n < 0) {
            if (errno == EINTR) continue;
            throw_file_error("writing", path_, errno);
        }
        done += static_cast<std::size_t>(n);
    }
}

std::size_t PosixFile::read_at(std::uint64_t offset, char* out, std::size_t n) const {
    std::size_t done = 0;
    while (done < n) {
        const ssize_t r = ::pread(fd_, out + done, n - done, static_cast<off_t>(offset + done));
        if (r < 0) {
            if (errno == EINTR) continue;
            throw_file_error("reading", path_, errno);
        }
        if (r == 0) break;
        done += static_cast<std::size_t>(r);
    }
    return done;
}

void PosixFile::sync() {
    if (::fsync(fd_) != 0 && errno != EINVAL && errno != EROFS) throw_file_error("syncing", path_, errno);
}

void PosixFile::discard_prefix(std::uint64_t length) noexcept {
    const std::uint64_t aligned = length & ~std::uint64_t{4095};
    if (fd_ >= 0 && aligned > 0)
        ::fallocate(fd_, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, static_cast<off_t>(aligned));
}

void PosixFile::close() {
    if (fd_ < 0) return;
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0 && errno != EINTR) throw_file_error("closing", path_, errno);
}

bool file_exists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

std::string directory_of(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return path.substr(0, slash);
}

std::string base_name_of(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string absolute_path(const std::string& path) {
    if (!path.empty() && path[0] == '/') return path;
    std::vector<char> buffer(PATH_MAX);
    if (!::getcwd(buffer.data(), buffer.size())) throw_file_error("finding the current directory for", path, errno);
    std::string dir(buffer.data());
    std::string rest = path;
    while (rest.rfind("./", 0) == 0) rest.erase(0, 2);
    return dir == "/" ? "/" + rest : dir + "/" + rest;
}

namespace {

void sync_directory(const std::string& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;  // best effort: some file systems do not allow it
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

void replace_file_atomically(const std::string& path, std::string_view text) {
    const std::string temp = path + ".tmp";
    {
        PosixFile file(temp, PosixFile::Mode::read_write_create);
        file.truncate(0);
        file.write_at(0, text);
        file.sync();
        file.close();
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) throw_file_error("replacing", path, errno);
    sync_directory(directory_of(path));
}

std::string read_whole_file(const std::string& path) {
    PosixFile file(path, PosixFile::Mode::read);
    std::string text(static_cast<std::size_t>(file.size()), '\0');
    text.resize(file.read_at(0, text.data(), text.size()));
    return text;
}

void remove_file(const std::string& path) {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) throw_file_error("removing", path, errno);
}

void make_directory(const std::string& path) {
    if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST) throw_file_error("making the directory", path, errno);
}

void remove_directory_and_files(const std::string& path) noexcept {
    if (DIR* dir = ::opendir(path.c_str())) {
        while (const dirent* entry = ::readdir(dir)) {
            const std::string name = entry->d_name;
            if (name == "." || name == "..") continue;
            ::unlink((path + "/" + name).c_str());
        }
        ::closedir(dir);
    }
    ::rmdir(path.c_str());
}

void rename_file(const std::string& from, const std::string& to) {
    if (::rename(from.c_str(), to.c_str()) != 0) throw_file_error("renaming '" + from + "' to", to, errno);
    sync_directory(directory_of(to));
}

}  // namespace mktows::detail
