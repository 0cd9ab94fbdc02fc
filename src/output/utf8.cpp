#include "output/utf8.hpp"

namespace mktows::output_detail {

namespace {

bool continuation(unsigned char c) noexcept { return (c & 0xC0) == 0x80; }

}  // namespace

std::size_t utf8_sequence_length(std::string_view text, std::size_t pos) noexcept {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const std::size_t left = text.size() - pos;
    const unsigned char c = byte(pos);
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        return left >= 2 && continuation(byte(pos + 1)) ? 2 : 0;
    }
    if (c >= 0xE0 && c <= 0xEF) {
        if (left < 3 || !continuation(byte(pos + 1)) || !continuation(byte(pos + 2))) return 0;
        const unsigned char c1 = byte(pos + 1);
        if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
        if (c == 0xED && c1 > 0x9F) return 0;  // UTF-16 surrogate
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (left < 4 || !continuation(byte(pos + 1)) || !continuation(byte(pos + 2)) ||
            !continuation(byte(pos + 3)))
            return 0;
        const unsigned char c1 = byte(pos + 1);
        if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
        if (c == 0xF4 && c1 > 0x8F) return 0;  // past U+10FFFF
        return 4;
    }
    return 0;  // 0x80..0xC1 (continuation or overlong lead), 0xF5..0xFF
}

bool is_valid_utf8(std::string_view text) noexcept {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = utf8_sequence_length(text, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

void append_as_utf8(std::string& out, std::string_view text) {
    if (is_valid_utf8(text)) {
        out.append(text);
        return;
    }
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = utf8_sequence_length(text, i);
        if (n > 0) {
            out.append(text.substr(i, n));
            i += n;
        } else {
            const auto c = static_cast<unsigned char>(text[i]);
            out.push_back(static_cast<char>(0xC0 | (c >> 6)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
            ++i;
        }
    }
}

}  // namespace mktows::output_detail
