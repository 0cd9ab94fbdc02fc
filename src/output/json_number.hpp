// Recognising typed attribute text that can go into JSON unchanged.
#ifndef MKTOWS_SRC_OUTPUT_JSON_NUMBER_HPP
#define MKTOWS_SRC_OUTPUT_JSON_NUMBER_HPP

#include <optional>
#include <string_view>

namespace mktows::output_detail {

/// -?(0|[1-9][0-9]*)
bool is_json_integer(std::string_view text) noexcept;
/// A JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_json_number(std::string_view text) noexcept;
/// true/false/1/0, ASCII case-insensitive; nullopt for anything else.
std::optional<bool> parse_boolean_text(std::string_view text) noexcept;

}  // namespace mktows::output_detail

#endif
