// Files of lead records (lead_record.hpp): a writer that appends at a known
// length, and a reader that reads records from an offset up to a limit
// (which may grow while a writer appends behind it).
#ifndef MKTOWS_SRC_EXPORT_RECORD_FILE_HPP
#define MKTOWS_SRC_EXPORT_RECORD_FILE_HPP

#include <cstdint>
#include <memory>
#include <string>

#include "export/posix_file.hpp"
#include "mktows/lead.hpp"

namespace mktows::detail {

class RecordWriter {
public:
    /// Opens (creating) path and cuts it to `length` bytes, where appending
    /// starts: whatever was written past a recorded length is dropped.
    RecordWriter(const std::string& path, std::uint64_t length);
    /// The same on a file that is already open (shared with readers).
    RecordWriter(std::shared_ptr<PosixFile> file, std::uint64_t length);

    void append(const Lead& lead);
    /// Writes what is buffered; returns the length of the file.
    std::uint64_t flush();
    /// flush() and fsync.
    std::uint64_t sync();
    /// Length including what is still buffered.
    std::uint64_t length() const noexcept { return written_ + buffer_.size(); }
    void close();

private:
    std::shared_ptr<PosixFile> file_;
    std::uint64_t written_;
    std::string buffer_;
};

class RecordReader {
public:
    RecordReader(const std::string& path, std::uint64_t offset, std::uint64_t limit);
    RecordReader(std::shared_ptr<PosixFile> file, std::uint64_t offset, std::uint64_t limit);

    /// Allows reading up to a new limit (the writer has appended).
    void extend(std::uint64_t limit) noexcept { limit_ = limit; }
    /// The next record before the limit; false when there is none. Throws
    /// Error(io) when the file is shorter than the limit or damaged.
    bool next(Lead& lead);
    /// Offset just past the last record read.
    std::uint64_t offset() const noexcept { return offset_; }
    PosixFile& file() noexcept { return *file_; }

private:
    bool fill(std::size_t need);

    std::shared_ptr<PosixFile> file_;
    std::uint64_t offset_;      // of the next record
    std::uint64_t limit_;
    std::string buffer_;        // bytes from buffered_at_
    std::uint64_t buffered_at_;
};

}  // namespace mktows::detail

#endif
