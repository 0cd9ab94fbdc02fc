// PosixFile: an owned file descriptor with positional reads and writes, and
// the file operations the exporter needs (truncate, sync, atomic replace).
// Every failure is an Error(io) naming the file and the system's reason.
#ifndef MKTOWS_SRC_EXPORT_POSIX_FILE_HPP
#define MKTOWS_SRC_EXPORT_POSIX_FILE_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mktows::detail {

[[noreturn]] void throw_file_error(const std::string& what, const std::string& path, int err);

/// Creates an empty file dir/prefixXXXXXX of a name no other file has
/// (O_EXCL, mode 0666 less the umask) and returns its path.
std::string create_unique_file(const std::string& dir, const std::string& prefix);

class PosixFile {
public:
    enum class Mode { read, read_write_create };

    PosixFile() = default;
    PosixFile(const std::string& path, Mode mode);
    /// A new file in dir that is unlinked at once: it has no name and
    /// disappears with its last descriptor, even if the process is killed.
    static PosixFile anonymous(const std::string& dir, const std::string& prefix);
    ~PosixFile();
    PosixFile(PosixFile&& other) noexcept;
    PosixFile& operator=(PosixFile&& other) noexcept;
    PosixFile(const PosixFile&) = delete;
    PosixFile& operator=(const PosixFile&) = delete;

    bool is_open() const noexcept { return fd_ >= 0; }
    const std::string& path() const noexcept { return path_; }

    std::uint64_t size() const;
    void truncate(std::uint64_t length);
    void write_at(std::uint64_t offset, std::string_view bytes);
    /// Reads up to n bytes at offset; fewer only at the end of the file.
    std::size_t read_at(std::uint64_t offset, char* out, std::size_t n) const;
    void sync();
    /// Gives the disk space of the first `length` bytes back (they read as
    /// zeros afterwards; the size stays). Best effort: a file system that
    /// cannot punch holes keeps the bytes.
    void discard_prefix(std::uint64_t length) noexcept;
    void close();

private:
    int fd_ = -1;
    std::string path_;
};

bool file_exists(const std::string& path);
/// Writes text to path via a temporary file beside it, synced, then renamed
/// over path, and syncs the directory: path holds the old or the new text,
/// never a mix.
void replace_file_atomically(const std::string& path, std::string_view text);
/// Reads a whole (small) file.
std::string read_whole_file(const std::string& path);
/// Removes a file; missing is fine.
void remove_file(const std::string& path);
/// Makes a directory if it does not exist (mode 0700).
void make_directory(const std::string& path);
/// Removes a directory and the files in it (not recursive beyond that).
void remove_directory_and_files(const std::string& path) noexcept;
/// Renames, replacing to; then syncs to's directory.
void rename_file(const std::string& from, const std::string& to);
std::string directory_of(const std::string& path);
std::string base_name_of(const std::string& path);
/// path made absolute against the current directory (not resolved).
std::string absolute_path(const std::string& path);

}  // namespace mktows::detail

#endif
