// Lead writers: leads as JSON Lines or CSV, into a byte sink (a file or a
// descriptor such as stdout).
//
// JSONL: one object a lead, keys in this order:
//   {"Id":65835,"Email":"formtest1@marketo.com","ForeignSysPersonId":null,
//    "ForeignSysType":null,"attributes":{"Company":"Marketo Test","LeadScore":16}}
//   * A field sent as xsi:nil is null; a field absent from the response is
//     left out of the object (so absent and nil stay apart).
//   * Attributes keep the server's order. Types integer/score/reference
//     whose value is a JSON integer as written, and float/currency/percent
//     whose value is a JSON number as written, are numbers (the text is
//     copied, so no precision is lost); boolean true/false/1/0 (any case)
//     are true/false; every other value, including a typed value that does
//     not parse as its type, is a string (never dropped).
//   * Strings are valid UTF-8 with JSON escapes for '"', '\\' and every
//     control character; bytes that are not valid UTF-8 are read as Latin-1.
//
// CSV (RFC 4180, UTF-8 without a byte-order mark, CRLF line ends):
//   * Header Id,Email,ForeignSysPersonId,ForeignSysType, then one column per
//     attribute name: the names given (CsvOptions::columns), or else the
//     union of the names seen, in first-seen order.
//   * A field is quoted when it holds a comma, a quote, CR or LF, or starts
//     or ends with a space; quotes inside are doubled. Values are the raw
//     text as sent. Nil, absent and empty all give an empty field.
//   * Without fixed columns the header can only be written once every lead
//     has been seen: rows go to an unlinked spool file and are copied out
//     behind the header by finish(), so memory stays bounded.
//
// Writers buffer; flush() (call it at page boundaries) hands everything
// written so far to the operating system. bytes_written() and
// OutputSink::size() let a caller record how long the output is at a
// consistent point (e.g. a checkpoint after each page).
#ifndef MKTOWS_OUTPUT_HPP
#define MKTOWS_OUTPUT_HPP

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mktows/lead.hpp"

namespace mktows {

enum class OutputFormat { jsonl, csv };

/// "jsonl" or "csv" (case-insensitive). Throws Error(invalid_argument).
OutputFormat parse_output_format(std::string_view name);
std::string_view to_string(OutputFormat format) noexcept;

/// Where a writer's bytes go.
class OutputSink {
public:
    virtual ~OutputSink() = default;
    /// Throws Error(io) when the bytes cannot be written.
    virtual void write(std::string_view bytes) = 0;
    /// Hands every byte written so far to the operating system.
    virtual void flush() = 0;
    /// Length of the output in bytes: what it held when opened (for an
    /// append) plus everything written since, flushed or not.
    virtual std::uint64_t size() const = 0;
};

/// A buffered file or descriptor. Every failure is an Error(io) that names
/// the file and the system's reason.
class FileSink final : public OutputSink {
public:
    /// Creates or truncates path (mode 0666 less the umask).
    static std::unique_ptr<FileSink> create(const std::string& path);
    /// Opens path for appending, creating it if missing; size() starts at
    /// the file's current length.
    static std::unique_ptr<FileSink> append(const std::string& path);
    /// Writes to a descriptor the caller keeps open (e.g. 1 for stdout).
    /// name is used in error messages.
    static std::unique_ptr<FileSink> borrow(int fd, std::string name);

    ~FileSink() override;  ///< closes an owned descriptor; unflushed bytes are lost
    FileSink(const FileSink&) = delete;
    FileSink& operator=(const FileSink&) = delete;

    void write(std::string_view bytes) override;
    void flush() override;
    std::uint64_t size() const override { return size_; }
    /// flush() and then fsync: the bytes are on disk.
    void sync();
    /// flush() and close an owned descriptor, reporting any failure.
    void close();
    const std::string& name() const noexcept { return name_; }

private:
    FileSink(int fd, bool owned, std::string name, std::uint64_t size);
    int fd_;
    bool owned_;
    std::string name_;
    std::uint64_t size_;
    std::string buffer_;
};

/// Writes leads in one format: write() each lead, flush() at page
/// boundaries, finish() once at the end (writes what is held back, then
/// flushes). A writer does not own its sink.
class LeadWriter {
public:
    virtual ~LeadWriter() = default;
    /// Throws Error(io) when the output cannot be written, Error(protocol)
    /// when the lead cannot be represented without losing data (e.g. an
    /// attribute name twice in one lead, or a CSV attribute outside the
    /// fixed columns).
    virtual void write(const Lead& lead) = 0;
    virtual void flush() = 0;
    virtual void finish() = 0;
    /// Leads accepted by write() so far.
    virtual std::int64_t leads_written() const noexcept = 0;
    /// Bytes this writer has put into its sink so far (for CSV without
    /// fixed columns: 0 until finish()).
    virtual std::uint64_t bytes_written() const noexcept = 0;
};

struct CsvOptions {
    /// The attribute columns, in order. When given, the header is written
    /// at once and rows stream straight to the sink; an attribute name is
    /// matched exactly, else ignoring ASCII case. When not given, the
    /// columns are the union of the names seen (first-seen order).
    std::optional<std::vector<std::string>> columns;
    /// Directory of the spool file used without fixed columns; empty uses
    /// $TMPDIR, else /tmp.
    std::string spool_dir;
};

std::unique_ptr<LeadWriter> make_jsonl_writer(OutputSink& sink);
std::unique_ptr<LeadWriter> make_csv_writer(OutputSink& sink, CsvOptions options = {});
std::unique_ptr<LeadWriter> make_lead_writer(OutputFormat format, OutputSink& sink,
                                             CsvOptions csv_options = {});

/// The JSON object of one lead (no newline), as the JSONL writer writes it.
/// Throws Error(protocol) for an attribute name that appears twice.
std::string lead_to_json(const Lead& lead);
/// Appends text as a quoted JSON string.
void append_json_string(std::string& out, std::string_view text);
/// Appends text as one CSV field, quoted when needed.
void append_csv_field(std::string& out, std::string_view text);

}  // namespace mktows

#endif
