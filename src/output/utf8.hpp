// UTF-8 checks for the writers: valid text passes through unchanged; a byte
// that does not start a valid UTF-8 sequence is read as Latin-1 (so nothing
// is dropped and the output stays valid UTF-8).
#ifndef MKTOWS_SRC_OUTPUT_UTF8_HPP
#define MKTOWS_SRC_OUTPUT_UTF8_HPP

#include <cstddef>
#include <string>
#include <string_view>

namespace mktows::output_detail {

/// Length of the valid UTF-8 sequence starting at text[pos] (1..4), or 0
/// when the byte there does not start one (stray continuation, overlong
/// form, surrogate, past U+10FFFF, truncated).
std::size_t utf8_sequence_length(std::string_view text, std::size_t pos) noexcept;

bool is_valid_utf8(std::string_view text) noexcept;

/// Appends text, with every byte that is not part of a valid sequence
/// written as the UTF-8 form of U+0080..U+00FF (its Latin-1 reading).
void append_as_utf8(std::string& out, std::string_view text);

}  // namespace mktows::output_detail

#endif
