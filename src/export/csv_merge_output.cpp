// CsvMergeOutput (see export_output.hpp).
#include "export/export_output.hpp"

#include <unordered_set>

#include "export/posix_file.hpp"
#include "mktows/error.hpp"

namespace mktows::detail {

namespace {

void read_back_ids(const std::string& path, std::uint64_t length, IdSet& ids, ResumedContent& content) {
    RecordReader reader(path, 0, length);
    Lead lead;
    while (reader.next(lead)) {
        if (lead.id.has_value()) ids.insert(lead.id.value());
        ++content.leads;
    }
}

std::uint64_t checked_resume_length(const std::string& path, std::optional<std::uint64_t> length) {
    if (!length) return 0;
    if (!file_exists(path))
        throw Error(ErrorKind::io, "the merge file '" + path +
                                       "' of the checkpointed CSV export is missing; delete the checkpoint to "
                                       "export again from the start");
    return *length;
}

}  // namespace

CsvMergeOutput::CsvMergeOutput(std::string records_path, std::string csv_path,
                               std::optional<std::vector<std::string>> columns,
                               std::optional<std::uint64_t> resume_length, IdSet& ids, ResumedContent& content)
    : records_path_(std::move(records_path)),
      csv_path_(std::move(csv_path)),
      columns_(std::move(columns)),
      records_(records_path_, checked_resume_length(records_path_, resume_length)) {
    if (resume_length) read_back_ids(records_path_, *resume_length, ids, content);
}

std::vector<std::string> CsvMergeOutput::attribute_union() const {
    std::vector<std::string> names;
    std::unordered_set<std::string> seen;
    RecordReader reader(records_path_, 0, records_.length());
    Lead lead;
    while (reader.next(lead)) {
        for (const Attribute& a : lead.attributes)
            if (seen.insert(a.name).second) names.push_back(a.name);
    }
    return names;
}

void CsvMergeOutput::finish() {
    const std::uint64_t length = records_.sync();
    CsvOptions options;
    options.columns = columns_ ? *columns_ : attribute_union();
    std::unique_ptr<FileSink> sink = FileSink::create(csv_path_);
    std::unique_ptr<LeadWriter> writer = make_csv_writer(*sink, options);
    RecordReader reader(records_path_, 0, length);
    Lead lead;
    while (reader.next(lead)) writer->write(lead);
    writer->finish();
    sink->sync();
    sink->close();
    csv_bytes_ = sink->size();
}

}  // namespace mktows::detail
