#include "output/json_number.hpp"

#include <cstddef>

namespace mktows::output_detail {

namespace {

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

/// Reads -?(0|[1-9][0-9]*) at pos; false when it is not there.
bool read_integer_part(std::string_view s, std::size_t& pos) noexcept {
    if (pos < s.size() && s[pos] == '-') ++pos;
    if (pos >= s.size() || !is_digit(s[pos])) return false;
    if (s[pos] == '0') {
        ++pos;
        return true;
    }
    while (pos < s.size() && is_digit(s[pos])) ++pos;
    return true;
}

bool read_digits(std::string_view s, std::size_t& pos) noexcept {
    const std::size_t start = pos;
    while (pos < s.size() && is_digit(s[pos])) ++pos;
    return pos > start;
}

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equals_ignoring_case(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

}  // namespace

bool is_json_integer(std::string_view text) noexcept {
    std::size_t pos = 0;
    return read_integer_part(text, pos) && pos == text.size();
}

bool is_json_number(std::string_view text) noexcept {
    std::size_t pos = 0;
    if (!read_integer_part(text, pos)) return false;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        if (!read_digits(text, pos)) return false;
    }
    if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
        ++pos;
        if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) ++pos;
        if (!read_digits(text, pos)) return false;
    }
    return pos == text.size();
}

std::optional<bool> parse_boolean_text(std::string_view text) noexcept {
    if (text == "1" || equals_ignoring_case(text, "true")) return true;
    if (text == "0" || equals_ignoring_case(text, "false")) return false;
    return std::nullopt;
}

}  // namespace mktows::output_detail
