// Lead selectors: key types, and validation when a selector is built.
#include "mktows/selectors.hpp"

#include <array>
#include <string>

#include "mktows/error.hpp"

namespace mktows {

namespace {

struct KeyTypeName {
    LeadKeyType type;
    std::string_view name;
};

constexpr std::array<KeyTypeName, 9> kKeyTypes{{
    {LeadKeyType::IDNUM, "IDNUM"},
    {LeadKeyType::COOKIE, "COOKIE"},
    {LeadKeyType::EMAIL, "EMAIL"},
    {LeadKeyType::LEADOWNEREMAIL, "LEADOWNEREMAIL"},
    {LeadKeyType::SFDCACCOUNTID, "SFDCACCOUNTID"},
    {LeadKeyType::SFDCCONTACTID, "SFDCCONTACTID"},
    {LeadKeyType::SFDCLEADID, "SFDCLEADID"},
    {LeadKeyType::SFDCLEADOWNERID, "SFDCLEADOWNERID"},
    {LeadKeyType::SFDCOPPTYID, "SFDCOPPTYID"},
}};

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 'a' + 'A');
        if (y >= 'a' && y <= 'z') y = static_cast<char>(y - 'a' + 'A');
        if (x != y) return false;
    }
    return true;
}

std::string valid_key_type_list() {
    std::string out;
    for (const auto& k : kKeyTypes) {
        if (!out.empty()) out += ", ";
        out += k.name;
    }
    return out;
}

}  // namespace

std::string_view to_string(LeadKeyType type) noexcept {
    for (const auto& k : kKeyTypes)
        if (k.type == type) return k.name;
    return "UNKNOWN";
}

LeadKeyType parse_lead_key_type(std::string_view name) {
    for (const auto& k : kKeyTypes)
        if (iequals(k.name, name)) return k.type;
    throw Error(ErrorKind::invalid_argument,
                "unknown lead key type '" + std::string(name) + "'; use one of " + valid_key_type_list());
}

const std::vector<LeadKeyType>& all_lead_key_types() {
    static const std::vector<LeadKeyType> all = [] {
        std::vector<LeadKeyType> v;
        for (const auto& k : kKeyTypes) v.push_back(k.type);
        return v;
    }();
    return all;
}

LeadKeySelector::LeadKeySelector(LeadKeyType type, std::vector<std::string> keys)
    : type_(type), keys_(std::move(keys)) {
    if (keys_.empty())
        throw Error(ErrorKind::invalid_argument,
                    "the lead key list is empty; give at least one " + std::string(to_string(type_)) + " key");
    for (size_t i = 0; i < keys_.size(); ++i)
        if (keys_[i].empty())
            throw Error(ErrorKind::invalid_argument, "lead key " + std::to_string(i + 1) + " of " +
                                                         std::to_string(keys_.size()) +
                                                         " is empty; remove it or give its value");
}

LeadKeySelector::LeadKeySelector(std::string_view type, std::vector<std::string> keys)
    : LeadKeySelector(parse_lead_key_type(type), std::move(keys)) {}

StaticListSelector StaticListSelector::by_name(std::string name) { return StaticListSelector(std::move(name), std::nullopt); }

StaticListSelector StaticListSelector::by_id(int id) { return StaticListSelector(std::nullopt, id); }

StaticListSelector::StaticListSelector(std::optional<std::string> name, std::optional<int> id)
    : name_(std::move(name)), id_(id) {
    if (!name_ && !id_)
        throw Error(ErrorKind::invalid_argument,
                    "a static list selector needs the list's name (e.g. \"Program.List\") or its id");
    if (name_ && name_->empty())
        throw Error(ErrorKind::invalid_argument,
                    "the static list name is empty; give the full name, e.g. \"Program.List\"");
    if (id_ && *id_ <= 0)
        throw Error(ErrorKind::invalid_argument,
                    "static list id " + std::to_string(*id_) + " is not valid; list ids are positive integers");
}

LastUpdateAtSelector::LastUpdateAtSelector(TimePoint oldest, std::optional<TimePoint> latest)
    : oldest_(oldest), latest_(latest) {
    if (latest_ && oldest_ > *latest_)
        throw Error(ErrorKind::invalid_argument, "the oldest update time " + format_w3c_utc(oldest_) +
                                                     " is after the latest " + format_w3c_utc(*latest_) +
                                                     "; swap them or widen the range");
}

namespace {
std::optional<TimePoint> parse_optional(std::optional<std::string_view> text) {
    if (!text) return std::nullopt;
    return parse_w3c_datetime(*text);
}
}  // namespace

LastUpdateAtSelector::LastUpdateAtSelector(std::string_view oldest, std::optional<std::string_view> latest)
    : LastUpdateAtSelector(parse_w3c_datetime(oldest), parse_optional(latest)) {}

}  // namespace mktows
