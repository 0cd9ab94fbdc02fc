// SpoolFile: an anonymous temporary file of records (a count and a byte
// string each), written once and then read back in order. The file is
// unlinked as soon as it is made, so it disappears with the process.
#ifndef MKTOWS_SRC_OUTPUT_SPOOL_FILE_HPP
#define MKTOWS_SRC_OUTPUT_SPOOL_FILE_HPP

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace mktows::output_detail {

class SpoolFile {
public:
    /// Makes the file in dir (empty: $TMPDIR, else /tmp). Throws Error(io).
    explicit SpoolFile(const std::string& dir);
    ~SpoolFile();
    SpoolFile(const SpoolFile&) = delete;
    SpoolFile& operator=(const SpoolFile&) = delete;

    void append(std::uint32_t count, std::string_view bytes);
    /// Pushes buffered records to the operating system.
    void flush();
    /// Switches to reading from the first record.
    void rewind();
    /// The next record; false at the end. Throws Error(io) on a read error.
    bool next(std::uint32_t& count, std::string& bytes);

private:
    [[noreturn]] void fail(const char* what) const;
    std::FILE* file_ = nullptr;
    std::string path_;  ///< for messages only: the file is already unlinked
};

}  // namespace mktows::output_detail

#endif
