// Token escaping (see text_escape.hpp).
#include "export/text_escape.hpp"

namespace mktows::detail {

namespace {

bool plain(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '~' || c == ':' || c == '/' || c == '+' || c == '=' || c == '-';
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

}  // namespace

std::string escape_token(std::string_view text) {
    if (text.empty()) return "%";
    static const char digits[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (plain(c)) {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back(digits[c >> 4]);
            out.push_back(digits[c & 15]);
        }
    }
    return out;
}

std::optional<std::string> unescape_token(std::string_view token) {
    if (token == "%") return std::string();
    if (token.empty()) return std::nullopt;
    std::string out;
    out.reserve(token.size());
    for (std::size_t i = 0; i < token.size(); ++i) {
        const auto c = static_cast<unsigned char>(token[i]);
        if (c == '%') {
            if (i + 2 >= token.size()) return std::nullopt;
            const int hi = hex_value(token[i + 1]);
            const int lo = hex_value(token[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else if (plain(c)) {
            out.push_back(token[i]);
        } else {
            return std::nullopt;
        }
    }
    return out;
}

}  // namespace mktows::detail
