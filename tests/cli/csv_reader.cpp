#include "csv_reader.hpp"

#include <stdexcept>

namespace mktows_test {

namespace {

[[noreturn]] void fail(std::size_t at, const std::string& what) {
    throw std::runtime_error("CSV at byte " + std::to_string(at) + ": " + what);
}

}  // namespace

std::vector<CsvRecord> read_csv(std::string_view text) {
    std::vector<CsvRecord> records;
    std::size_t i = 0;
    while (i < text.size()) {
        CsvRecord record;
        for (;;) {
            std::string field;
            if (i < text.size() && text[i] == '"') {
                ++i;
                for (;;) {
                    if (i >= text.size()) fail(i, "unterminated quoted field");
                    if (text[i] == '"') {
                        if (i + 1 < text.size() && text[i + 1] == '"') {
                            field.push_back('"');
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    field.push_back(text[i++]);
                }
            } else {
                while (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
                    if (text[i] == '"') fail(i, "quote inside an unquoted field");
                    field.push_back(text[i++]);
                }
            }
            record.push_back(std::move(field));
            if (i < text.size() && text[i] == ',') {
                ++i;
                continue;
            }
            if (text.substr(i, 2) == "\r\n") {
                i += 2;
                break;
            }
            if (i >= text.size()) fail(i, "last record without CRLF");
            fail(i, "expected ',' or CRLF after a field");
        }
        if (!records.empty() && record.size() != records.front().size()) {
            fail(i, "record " + std::to_string(records.size() + 1) + " has " + std::to_string(record.size()) +
                        " fields, the header " + std::to_string(records.front().size()));
        }
        records.push_back(std::move(record));
    }
    return records;
}

}  // namespace mktows_test
