// One RFC 4180 field.
#include <string>
#include <string_view>

#include "mktows/output.hpp"
#include "output/utf8.hpp"

namespace mktows {

namespace {

bool needs_quotes(std::string_view text) noexcept {
    if (text.empty()) return false;
    if (text.front() == ' ' || text.back() == ' ') return true;
    return text.find_first_of(",\"\r\n") != std::string_view::npos;
}

}  // namespace

void append_csv_field(std::string& out, std::string_view text) {
    std::string fixed;
    if (!output_detail::is_valid_utf8(text)) {
        output_detail::append_as_utf8(fixed, text);
        text = fixed;
    }
    if (!needs_quotes(text)) {
        out.append(text);
        return;
    }
    out.push_back('"');
    for (const char c : text) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

}  // namespace mktows
