#include "output/spool_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "mktows/error.hpp"

namespace mktows::output_detail {

namespace {

std::string spool_directory(const std::string& dir) {
    if (!dir.empty()) return dir;
    const char* tmp = std::getenv("TMPDIR");
    return tmp && *tmp ? tmp : "/tmp";
}

}  // namespace

SpoolFile::SpoolFile(const std::string& dir) {
    path_ = spool_directory(dir) + "/mktows-spool-XXXXXX";
    std::vector<char> name(path_.begin(), path_.end());
    name.push_back('\0');
    const int fd = ::mkstemp(name.data());
    if (fd < 0) {
        const int err = errno;
        throw Error(ErrorKind::io, "making a spool file in '" + spool_directory(dir) + "' failed: " +
                                       std::strerror(err) +
                                       "; CSV output without --attributes needs a writable temporary "
                                       "directory (set TMPDIR, or give --attributes)");
    }
    path_.assign(name.data());
    ::unlink(name.data());
    file_ = ::fdopen(fd, "w+b");
    if (!file_) {
        const int err = errno;
        ::close(fd);
        errno = err;
        fail("opening");
    }
}

SpoolFile::~SpoolFile() {
    if (file_) std::fclose(file_);
}

void SpoolFile::fail(const char* what) const {
    const int err = errno;
    throw Error(ErrorKind::io, std::string(what) + " the spool file '" + path_ + "' failed: " +
                                   (err ? std::strerror(err) : "unknown error") +
                                   "; check the free space of the temporary directory (TMPDIR)");
}

void SpoolFile::append(std::uint32_t count, std::string_view bytes) {
    const std::uint64_t length = bytes.size();
    errno = 0;
    if (std::fwrite(&count, sizeof count, 1, file_) != 1 || std::fwrite(&length, sizeof length, 1, file_) != 1 ||
        (length > 0 && std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()))
        fail("writing");
}

void SpoolFile::flush() {
    errno = 0;
    if (std::fflush(file_) != 0) fail("writing");
}

void SpoolFile::rewind() {
    errno = 0;
    if (std::fflush(file_) != 0) fail("writing");
    if (std::fseek(file_, 0, SEEK_SET) != 0) fail("rewinding");
}

bool SpoolFile::next(std::uint32_t& count, std::string& bytes) {
    errno = 0;
    if (std::fread(&count, sizeof count, 1, file_) != 1) {
        if (std::feof(file_)) return false;
        fail("reading");
    }
    std::uint64_t length = 0;
    if (std::fread(&length, sizeof length, 1, file_) != 1) fail("reading");
    bytes.resize(static_cast<std::size_t>(length));
    if (length > 0 && std::fread(bytes.data(), 1, bytes.size(), file_) != bytes.size()) fail("reading");
    return true;
}

}  // namespace mktows::output_detail
