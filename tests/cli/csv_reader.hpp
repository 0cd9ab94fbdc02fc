// A strict RFC 4180 reader for checking the CLI's CSV: quoted fields with
// doubled quotes, CRLF records, every record as wide as the header.
#ifndef MKTOWS_TEST_CLI_CSV_READER_HPP
#define MKTOWS_TEST_CLI_CSV_READER_HPP

#include <string>
#include <string_view>
#include <vector>

namespace mktows_test {

using CsvRecord = std::vector<std::string>;

/// Throws std::runtime_error (with the offset) for a bare quote inside an
/// unquoted field, text after a closing quote, a lone LF or CR as a record
/// end, an unterminated quote, or a record of another width than the first.
std::vector<CsvRecord> read_csv(std::string_view text);

}  // namespace mktows_test

#endif
