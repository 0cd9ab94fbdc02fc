// ASCII case-insensitive comparison (e-mail keys, attribute names).
#ifndef MKTOWS_SANDBOX_ASCII_HPP
#define MKTOWS_SANDBOX_ASCII_HPP

#include <string>
#include <string_view>

namespace mktows::sandbox {

inline char ascii_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

inline int compare_ascii_ci(std::string_view a, std::string_view b) noexcept {
    const std::size_t n = a.size() < b.size() ? a.size() : b.size();
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned char x = static_cast<unsigned char>(ascii_lower(a[i]));
        const unsigned char y = static_cast<unsigned char>(ascii_lower(b[i]));
        if (x != y) return x < y ? -1 : 1;
    }
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

inline bool equals_ascii_ci(std::string_view a, std::string_view b) noexcept {
    return a.size() == b.size() && compare_ascii_ci(a, b) == 0;
}

inline std::string to_ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

}  // namespace mktows::sandbox

#endif
