// WriterOutput (see export_output.hpp).
#include "export/export_output.hpp"

namespace mktows::detail {

std::uint64_t WriterOutput::commit(bool) {
    writer_.flush();
    return writer_.bytes_written();
}

FileWriterOutput::FileWriterOutput(const std::string& path, OutputFormat format,
                                   std::optional<std::vector<std::string>> columns, const std::string& spool_dir)
    : sink_(FileSink::create(path)) {
    CsvOptions csv;
    csv.columns = std::move(columns);
    csv.spool_dir = spool_dir;
    writer_ = make_lead_writer(format, *sink_, std::move(csv));
}

std::uint64_t FileWriterOutput::commit(bool durable) {
    writer_->flush();
    if (durable) sink_->sync();
    return sink_->size();
}

void FileWriterOutput::finish() {
    writer_->finish();
    sink_->sync();
    sink_->close();
}

}  // namespace mktows::detail
