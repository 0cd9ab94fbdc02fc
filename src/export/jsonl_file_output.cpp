// JsonlFileOutput (see export_output.hpp).
#include "export/export_output.hpp"

#include <cctype>

#include "export/posix_file.hpp"
#include "mktows/error.hpp"

namespace mktows::detail {

namespace {

// The Id of a JSONL line as the JSONL writer writes it: {"Id":123,...}.
// A lead without an Id (absent or nil) was not de-duplicated either.
std::optional<std::int64_t> id_of_line(std::string_view line) {
    constexpr std::string_view prefix = "{\"Id\":";
    if (line.substr(0, prefix.size()) != prefix) return std::nullopt;
    std::size_t i = prefix.size();
    const bool negative = i < line.size() && line[i] == '-';
    if (negative) ++i;
    if (i >= line.size() || !std::isdigit(static_cast<unsigned char>(line[i]))) return std::nullopt;
    std::int64_t v = 0;
    for (; i < line.size() && std::isdigit(static_cast<unsigned char>(line[i])); ++i) v = v * 10 + (line[i] - '0');
    return negative ? -v : v;
}

// Reads the first `length` bytes of path line by line and records the Ids.
void read_back_ids(const std::string& path, std::uint64_t length, IdSet& ids, ResumedContent& content) {
    PosixFile file(path, PosixFile::Mode::read);
    std::string buffer;
    std::uint64_t at = 0;
    constexpr std::size_t chunk = 1 << 20;
    while (at < length || !buffer.empty()) {
        const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(chunk, length - at));
        if (want > 0) {
            const std::size_t old = buffer.size();
            buffer.resize(old + want);
            const std::size_t got = file.read_at(at, buffer.data() + old, want);
            buffer.resize(old + got);
            at += got;
            if (got < want)
                throw Error(ErrorKind::io, "the partial output '" + path +
                                               "' became shorter while it was read back; run the export again");
        }
        std::size_t start = 0;
        for (std::size_t nl; (nl = buffer.find('\n', start)) != std::string::npos; start = nl + 1) {
            if (const auto id = id_of_line(std::string_view(buffer).substr(start, nl - start))) ids.insert(*id);
            ++content.leads;
        }
        buffer.erase(0, start);
        if (at >= length && !buffer.empty())
            throw Error(ErrorKind::io, "the output '" + path +
                                           "' does not end with a whole line where the checkpoint says it does; "
                                           "delete the checkpoint and the output to export again");
    }
}

}  // namespace

JsonlFileOutput::JsonlFileOutput(const std::string& path) {
    PosixFile(path, PosixFile::Mode::read_write_create).truncate(0);
    open(path);
}

JsonlFileOutput::JsonlFileOutput(const std::string& path, std::uint64_t length, IdSet& ids,
                                 ResumedContent& content) {
    if (!file_exists(path))
        throw Error(ErrorKind::io, "the partial output '" + path +
                                       "' of the checkpointed export is missing; delete the checkpoint to "
                                       "export again from the start");
    {
        PosixFile file(path, PosixFile::Mode::read_write_create);
        const std::uint64_t size = file.size();
        if (size < length)
            throw Error(ErrorKind::io, "the partial output '" + path + "' holds " + std::to_string(size) +
                                           " bytes, fewer than the " + std::to_string(length) +
                                           " recorded in the checkpoint; delete the checkpoint to export again");
        if (size > length) file.truncate(length);  // leads written after the last checkpoint
    }
    read_back_ids(path, length, ids, content);
    open(path);
}

void JsonlFileOutput::open(const std::string& path) {
    sink_ = FileSink::append(path);
    writer_ = make_jsonl_writer(*sink_);
}

std::uint64_t JsonlFileOutput::commit(bool durable) {
    writer_->flush();
    if (durable) sink_->sync();
    return sink_->size();
}

void JsonlFileOutput::finish() {
    writer_->finish();
    sink_->sync();
    sink_->close();
}

}  // namespace mktows::detail
