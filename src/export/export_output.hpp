// Where an export's ordered, de-duplicated leads go:
//   * WriterOutput: any LeadWriter (not resumable);
//   * FileWriterOutput: a new JSONL or CSV file through the usual writers
//     (not resumable);
//   * JsonlFileOutput: a JSONL file, resumable: cut back to a recorded
//     length, with the Ids already in it read back;
//   * CsvMergeOutput: a file of lead records, resumable the same way, from
//     which the CSV file is written by finish() (the header needs every
//     lead's attribute names).
#ifndef MKTOWS_SRC_EXPORT_EXPORT_OUTPUT_HPP
#define MKTOWS_SRC_EXPORT_EXPORT_OUTPUT_HPP

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "export/id_set.hpp"
#include "export/record_file.hpp"
#include "mktows/output.hpp"

namespace mktows::detail {

class ExportOutput {
public:
    virtual ~ExportOutput() = default;
    virtual void write(const Lead& lead) = 0;
    /// Hands everything written to the operating system (durable: and to
    /// the disk); returns the length that a checkpoint records.
    virtual std::uint64_t commit(bool durable) = 0;
    /// Completes the output (writes what is held back).
    virtual void finish() = 0;
    /// Bytes of the final output so far.
    virtual std::uint64_t bytes() const = 0;
};

class WriterOutput final : public ExportOutput {
public:
    explicit WriterOutput(LeadWriter& writer) : writer_(writer) {}
    void write(const Lead& lead) override { writer_.write(lead); }
    std::uint64_t commit(bool) override;
    void finish() override { writer_.finish(); }
    std::uint64_t bytes() const override { return writer_.bytes_written(); }

private:
    LeadWriter& writer_;
};

class FileWriterOutput final : public ExportOutput {
public:
    /// Creates path; CSV without columns spools rows in spool_dir.
    FileWriterOutput(const std::string& path, OutputFormat format, std::optional<std::vector<std::string>> columns,
                     const std::string& spool_dir);
    void write(const Lead& lead) override { writer_->write(lead); }
    std::uint64_t commit(bool durable) override;
    void finish() override;
    std::uint64_t bytes() const override { return sink_->size(); }

private:
    std::unique_ptr<FileSink> sink_;
    std::unique_ptr<LeadWriter> writer_;
};

/// What a resumed output already holds.
struct ResumedContent {
    std::int64_t leads = 0;
};

class JsonlFileOutput final : public ExportOutput {
public:
    /// Starts path empty.
    explicit JsonlFileOutput(const std::string& path);
    /// Cuts path back to length and adds the Ids of its leads to ids.
    JsonlFileOutput(const std::string& path, std::uint64_t length, IdSet& ids, ResumedContent& content);
    void write(const Lead& lead) override { writer_->write(lead); }
    std::uint64_t commit(bool durable) override;
    void finish() override;
    std::uint64_t bytes() const override { return sink_->size(); }

private:
    void open(const std::string& path);
    std::unique_ptr<FileSink> sink_;
    std::unique_ptr<LeadWriter> writer_;
};

class CsvMergeOutput final : public ExportOutput {
public:
    /// records_path: the merge file (started empty, or cut back to
    /// resume_length with its Ids added to ids); csv_path: written by finish().
    CsvMergeOutput(std::string records_path, std::string csv_path, std::optional<std::vector<std::string>> columns,
                   std::optional<std::uint64_t> resume_length, IdSet& ids, ResumedContent& content);
    void write(const Lead& lead) override { records_.append(lead); }
    std::uint64_t commit(bool durable) override { return durable ? records_.sync() : records_.flush(); }
    void finish() override;
    std::uint64_t bytes() const override { return csv_bytes_; }

private:
    std::vector<std::string> attribute_union() const;
    std::string records_path_;
    std::string csv_path_;
    std::optional<std::vector<std::string>> columns_;
    RecordWriter records_;
    std::uint64_t csv_bytes_ = 0;
};

}  // namespace mktows::detail

#endif
