// The lead keys of --keys-file.
#ifndef MKTOWS_CLI_KEYS_FILE_HPP
#define MKTOWS_CLI_KEYS_FILE_HPP

#include <string>
#include <string_view>
#include <vector>

namespace mktows_cli {

/// Keys from text, one a line: a UTF-8 byte-order mark at the start, a CR
/// before each LF, and spaces and tabs around a key are removed; blank lines
/// are skipped. Throws Error(invalid_argument) naming source and line for
/// a control character in a key, and when there is no key at all.
std::vector<std::string> parse_keys(std::string_view text, const std::string& source);

/// parse_keys of a file ('-' is standard input).
std::vector<std::string> read_keys_file(const std::string& path);

}  // namespace mktows_cli

#endif
