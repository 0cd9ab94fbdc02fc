// RecordWriter and RecordReader (see record_file.hpp).
#include "export/record_file.hpp"

#include <algorithm>

#include "export/lead_record.hpp"
#include "mktows/error.hpp"

namespace mktows::detail {

namespace {

constexpr std::size_t write_buffer_limit = 256 * 1024;
constexpr std::size_t read_chunk = 256 * 1024;

}  // namespace

RecordWriter::RecordWriter(const std::string& path, std::uint64_t length)
    : RecordWriter(std::make_shared<PosixFile>(path, PosixFile::Mode::read_write_create), length) {}

RecordWriter::RecordWriter(std::shared_ptr<PosixFile> file, std::uint64_t length)
    : file_(std::move(file)), written_(length) {
    const std::uint64_t size = file_->size();
    if (size < length)
        throw Error(ErrorKind::io, "the spool file '" + file_->path() + "' holds " + std::to_string(size) +
                                       " bytes, fewer than the " + std::to_string(length) +
                                       " recorded in the checkpoint; delete the checkpoint and its .work "
                                       "directory and export again");
    if (size > length) file_->truncate(length);
}

void RecordWriter::append(const Lead& lead) {
    append_lead_record(lead, buffer_);
    if (buffer_.size() >= write_buffer_limit) flush();
}

std::uint64_t RecordWriter::flush() {
    if (!buffer_.empty()) {
        file_->write_at(written_, buffer_);
        written_ += buffer_.size();
        buffer_.clear();
    }
    return written_;
}

std::uint64_t RecordWriter::sync() {
    flush();
    file_->sync();
    return written_;
}

void RecordWriter::close() {
    flush();
    file_.reset();  // closed when the last holder lets go
}

RecordReader::RecordReader(const std::string& path, std::uint64_t offset, std::uint64_t limit)
    : RecordReader(std::make_shared<PosixFile>(path, PosixFile::Mode::read), offset, limit) {}

RecordReader::RecordReader(std::shared_ptr<PosixFile> file, std::uint64_t offset, std::uint64_t limit)
    : file_(std::move(file)), offset_(offset), limit_(limit), buffered_at_(offset) {}

bool RecordReader::fill(std::size_t need) {
    if (limit_ - offset_ < need) return false;
    const std::size_t unread_at = static_cast<std::size_t>(offset_ - buffered_at_);
    if (buffer_.size() - unread_at >= need) return true;
    // Drop what was read, then read on up to the limit.
    buffer_.erase(0, unread_at);
    buffered_at_ = offset_;
    const std::uint64_t end = buffered_at_ + buffer_.size();
    const std::size_t want = static_cast<std::size_t>(
        std::min<std::uint64_t>(limit_ - end, std::max<std::size_t>(read_chunk, need - buffer_.size())));
    const std::size_t old = buffer_.size();
    buffer_.resize(old + want);
    const std::size_t got = file_->read_at(end, buffer_.data() + old, want);
    buffer_.resize(old + got);
    if (buffer_.size() < need)
        throw Error(ErrorKind::io, "the spool file '" + file_->path() + "' ends at " + std::to_string(end + got) +
                                       " bytes, before the " + std::to_string(limit_) +
                                       " recorded; delete the checkpoint and its .work directory and export again");
    return true;
}

bool RecordReader::next(Lead& lead) {
    if (offset_ >= limit_) return false;
    if (!fill(record_header_size))
        throw Error(ErrorKind::io, "the spool file '" + file_->path() + "' ends inside a record");
    const char* at = buffer_.data() + static_cast<std::size_t>(offset_ - buffered_at_);
    const std::uint32_t payload = record_payload_size(at);
    if (!fill(record_header_size + payload))
        throw Error(ErrorKind::io, "the spool file '" + file_->path() + "' ends inside a record");
    const std::size_t start = static_cast<std::size_t>(offset_ - buffered_at_) + record_header_size;
    lead = decode_lead_record(std::string_view(buffer_).substr(start, payload), file_->path());
    offset_ += record_header_size + payload;
    return true;
}

}  // namespace mktows::detail
