// xml_escape (see xml_escape.hpp).
#include "support/xml_escape.hpp"

namespace mktows_test {

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\r': out += "&#13;"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

}  // namespace mktows_test
