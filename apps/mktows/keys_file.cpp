#include "keys_file.hpp"

#include "mktows/error.hpp"
#include "read_input_file.hpp"

namespace mktows_cli {

namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";
constexpr std::size_t max_keys_file_bytes = std::size_t{1} << 30;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

[[noreturn]] void fail(const std::string& source, std::size_t line, const std::string& why) {
    throw mktows::Error(mktows::ErrorKind::invalid_argument,
                        "--keys-file " + source + ", line " + std::to_string(line) + ": " + why);
}

}  // namespace

std::vector<std::string> parse_keys(std::string_view text, const std::string& source) {
    if (text.substr(0, utf8_bom.size()) == utf8_bom) text.remove_prefix(utf8_bom.size());
    std::vector<std::string> keys;
    std::size_t line_number = 0;
    while (!text.empty()) {
        ++line_number;
        const std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        line = trim(line);
        if (line.empty()) continue;
        for (const char ch : line) {
            const auto c = static_cast<unsigned char>(ch);
            if (c < 0x20 || c == 0x7F) {
                fail(source, line_number,
                     "the key holds a control character (byte " + std::to_string(c) +
                         "); a keys file is plain text with one key a line");
            }
        }
        keys.emplace_back(line);
    }
    if (keys.empty()) {
        throw mktows::Error(mktows::ErrorKind::invalid_argument,
                            "--keys-file " + source + " holds no keys; put one key on each line");
    }
    return keys;
}

std::vector<std::string> read_keys_file(const std::string& path) {
    return parse_keys(read_input_file(path, "--keys-file", max_keys_file_bytes),
                      path == "-" ? std::string("(standard input)") : path);
}

}  // namespace mktows_cli
