// JSON text of leads: strings, numbers as written, the lead object.
#include <string>
#include <string_view>

#include "mktows/error.hpp"
#include "mktows/output.hpp"
#include "output/attribute_names.hpp"
#include "output/json_number.hpp"
#include "output/utf8.hpp"

namespace mktows {

namespace {

constexpr char hex_digits[] = "0123456789abcdef";

void append_escaped(std::string& out, std::string_view valid_utf8) {
    for (const char ch : valid_utf8) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20 || c == 0x7F) {
                    out += "\\u00";
                    out.push_back(hex_digits[c >> 4]);
                    out.push_back(hex_digits[c & 0x0F]);
                } else {
                    out.push_back(ch);
                }
        }
    }
}

void append_attribute_value(std::string& out, const Attribute& attribute) {
    const std::string& v = attribute.value;
    switch (attribute.kind()) {
        case Attribute::Kind::integer:
            if (output_detail::is_json_integer(v)) {
                out += v;
                return;
            }
            break;
        case Attribute::Kind::number:
            if (output_detail::is_json_number(v)) {
                out += v;
                return;
            }
            break;
        case Attribute::Kind::boolean: {
            const auto b = output_detail::parse_boolean_text(v);
            if (b) {
                out += *b ? "true" : "false";
                return;
            }
            break;
        }
        case Attribute::Kind::string:
            break;
    }
    append_json_string(out, v);
}

template <class T, class AppendValue>
void append_field(std::string& out, bool& first, std::string_view key, const Field<T>& field,
                  AppendValue append_value) {
    if (field.is_absent()) return;
    if (!first) out.push_back(',');
    first = false;
    out.push_back('"');
    out.append(key);
    out += "\":";
    if (field.is_nil()) {
        out += "null";
    } else {
        append_value(out, field.value());
    }
}

void append_string_value(std::string& out, const std::string& s) { append_json_string(out, s); }
void append_int_value(std::string& out, const std::int64_t& v) { out += std::to_string(v); }

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
    out.push_back('"');
    if (output_detail::is_valid_utf8(text)) {
        append_escaped(out, text);
    } else {
        std::string fixed;
        output_detail::append_as_utf8(fixed, text);
        append_escaped(out, fixed);
    }
    out.push_back('"');
}

std::string lead_to_json(const Lead& lead) {
    output_detail::require_unique_attribute_names(lead);
    std::string out;
    out.reserve(128 + lead.attributes.size() * 48);
    out.push_back('{');
    bool first = true;
    append_field(out, first, "Id", lead.id, append_int_value);
    append_field(out, first, "Email", lead.email, append_string_value);
    append_field(out, first, "ForeignSysPersonId", lead.foreign_sys_person_id, append_string_value);
    append_field(out, first, "ForeignSysType", lead.foreign_sys_type, append_string_value);
    if (!first) out.push_back(',');
    out += "\"attributes\":{";
    bool first_attribute = true;
    for (const Attribute& a : lead.attributes) {
        if (!first_attribute) out.push_back(',');
        first_attribute = false;
        append_json_string(out, a.name);
        out.push_back(':');
        append_attribute_value(out, a);
    }
    out += "}}";
    return out;
}

}  // namespace mktows
