// CSV writer: fixed columns stream straight to the sink; discovered columns
// spool rows until finish() knows the whole header.
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "mktows/error.hpp"
#include "mktows/output.hpp"
#include "output/attribute_names.hpp"
#include "output/spool_file.hpp"

namespace mktows {

namespace {

constexpr std::string_view line_end = "\r\n";

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

void append_nillable(std::string& out, const Field<std::string>& field) {
    if (field.has_value()) append_csv_field(out, field.value());
}

class CsvWriter final : public LeadWriter {
public:
    CsvWriter(OutputSink& sink, CsvOptions options) : sink_(sink), start_(sink.size()) {
        if (options.columns) {
            fixed_ = true;
            for (const std::string& name : *options.columns) add_column(name);
            write_header();
        } else {
            spool_.emplace(options.spool_dir);
        }
    }

    void write(const Lead& lead) override {
        if (finished_) throw Error(ErrorKind::invalid_argument, "CSV writer: write() after finish()");
        output_detail::require_unique_attribute_names(lead);
        cells_.assign(columns_.size(), nullptr);
        for (const Attribute& a : lead.attributes) {
            const std::size_t column = column_of(lead, a.name);
            if (column >= cells_.size()) cells_.resize(column + 1, nullptr);
            if (cells_[column]) {
                throw Error(ErrorKind::protocol,
                            "attributes '" + a.name + "' and '" + columns_[column] + "' of " +
                                output_detail::describe_lead(lead) +
                                " both fall in one CSV column (names differ only in case); use JSONL "
                                "output to keep both values");
            }
            cells_[column] = &a.value;
        }
        row_.clear();
        if (lead.id.has_value()) row_ += std::to_string(lead.id.value());
        row_.push_back(',');
        append_nillable(row_, lead.email);
        row_.push_back(',');
        append_nillable(row_, lead.foreign_sys_person_id);
        row_.push_back(',');
        append_nillable(row_, lead.foreign_sys_type);
        for (const std::string* cell : cells_) {
            row_.push_back(',');
            if (cell) append_csv_field(row_, *cell);
        }
        if (fixed_) {
            row_.append(line_end);
            sink_.write(row_);
        } else {
            spool_->append(static_cast<std::uint32_t>(cells_.size()), row_);
        }
        ++leads_;
    }

    void flush() override {
        if (spool_ && !finished_) spool_->flush();
        sink_.flush();
    }

    void finish() override {
        if (finished_) return;
        finished_ = true;
        if (!fixed_) copy_spool_behind_header();
        sink_.flush();
    }

    std::int64_t leads_written() const noexcept override { return leads_; }
    std::uint64_t bytes_written() const noexcept override { return sink_.size() - start_; }

private:
    std::size_t add_column(const std::string& name) {
        if (name.empty()) {
            throw Error(ErrorKind::invalid_argument, "CSV columns: an attribute name is empty; remove it");
        }
        const auto [it, inserted] = index_.emplace(name, columns_.size());
        if (!inserted) return it->second;
        columns_.push_back(name);
        lower_index_.emplace(ascii_lower(name), it->second);
        return it->second;
    }

    std::size_t column_of(const Lead& lead, const std::string& name) {
        const auto it = index_.find(name);
        if (it != index_.end()) return it->second;
        if (!fixed_) return add_column(name);
        const auto lower = lower_index_.find(ascii_lower(name));
        if (lower != lower_index_.end()) return lower->second;
        throw Error(ErrorKind::protocol,
                    "the server sent attribute '" + name + "' for " + output_detail::describe_lead(lead) +
                        ", which is not one of the CSV columns given (--attributes); add it to the "
                        "list, or leave the list out to get a column for every attribute");
    }

    void write_header() {
        std::string header = "Id,Email,ForeignSysPersonId,ForeignSysType";
        for (const std::string& name : columns_) {
            header.push_back(',');
            append_csv_field(header, name);
        }
        header.append(line_end);
        sink_.write(header);
    }

    void copy_spool_behind_header() {
        write_header();
        spool_->rewind();
        std::uint32_t count = 0;
        std::string row;
        while (spool_->next(count, row)) {
            row.append(columns_.size() - count, ',');
            row.append(line_end);
            sink_.write(row);
        }
        spool_.reset();
    }

    OutputSink& sink_;
    std::uint64_t start_;
    bool fixed_ = false;
    bool finished_ = false;
    std::int64_t leads_ = 0;
    std::vector<std::string> columns_;
    std::unordered_map<std::string, std::size_t> index_;
    std::unordered_map<std::string, std::size_t> lower_index_;
    std::optional<output_detail::SpoolFile> spool_;
    std::vector<const std::string*> cells_;
    std::string row_;
};

}  // namespace

std::unique_ptr<LeadWriter> make_csv_writer(OutputSink& sink, CsvOptions options) {
    return std::make_unique<CsvWriter>(sink, std::move(options));
}

}  // namespace mktows
