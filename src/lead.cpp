// Lead attributes: typed accessors and the JSON/CSV kind of each field type.
#include "mktows/lead.hpp"

#include <charconv>
#include <cmath>
#include <string>

#include "mktows/error.hpp"

namespace mktows {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

[[noreturn]] void not_a(const Attribute& a, const char* what) {
    throw Error(ErrorKind::invalid_argument, "attribute '" + a.name + "' (type " +
                                                 (a.type.empty() ? std::string("unknown") : a.type) + ") has value '" +
                                                 a.value + "', which is not " + what);
}

}  // namespace

std::int64_t Attribute::as_integer() const {
    std::string_view s = trimmed(value);
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size()) not_a(*this, "an integer");
    return v;
}

double Attribute::as_double() const {
    std::string_view s = trimmed(value);
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    double v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v))
        not_a(*this, "a finite number");
    return v;
}

bool Attribute::as_boolean() const {
    std::string v = lower(trimmed(value));
    if (v == "true" || v == "1") return true;
    if (v == "false" || v == "0") return false;
    not_a(*this, "a boolean (true, false, 1 or 0)");
}

Date Attribute::as_date() const {
    try {
        return parse_w3c_date(trimmed(value));
    } catch (const Error&) {
        not_a(*this, "a date YYYY-MM-DD");
    }
}

TimePoint Attribute::as_datetime() const {
    try {
        return parse_w3c_datetime(trimmed(value));
    } catch (const Error&) {
        not_a(*this, "a W3C dateTime such as 2013-08-02T15:47:06-07:00");
    }
}

Attribute::Kind Attribute::kind() const noexcept {
    auto is = [&](std::string_view name) { return iequals(type, name); };
    if (is("integer") || is("score") || is("reference")) return Kind::integer;
    if (is("float") || is("currency") || is("percent")) return Kind::number;
    if (is("boolean")) return Kind::boolean;
    return Kind::string;
}

const Attribute* Lead::attribute(std::string_view name) const noexcept {
    for (const auto& a : attributes)
        if (a.name == name) return &a;
    return nullptr;
}

}  // namespace mktows
