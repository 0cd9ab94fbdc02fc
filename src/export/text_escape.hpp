// Escaping of arbitrary strings into one token of a text line: bytes other
// than [A-Za-z0-9._~:/+=-] become %XX; the empty string is "%".
#ifndef MKTOWS_SRC_EXPORT_TEXT_ESCAPE_HPP
#define MKTOWS_SRC_EXPORT_TEXT_ESCAPE_HPP

#include <optional>
#include <string>
#include <string_view>

namespace mktows::detail {

std::string escape_token(std::string_view text);
/// The text of a token; nullopt when it is not a valid escaped token.
std::optional<std::string> unescape_token(std::string_view token);

}  // namespace mktows::detail

#endif
