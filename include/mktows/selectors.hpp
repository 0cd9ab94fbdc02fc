// The three lead selectors of getMultipleLeads, validated when built.
#ifndef MKTOWS_SELECTORS_HPP
#define MKTOWS_SELECTORS_HPP

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "mktows/time.hpp"

namespace mktows {

/// LeadKeyRef: the kinds of lead key.
enum class LeadKeyType {
    IDNUM,
    COOKIE,
    EMAIL,
    LEADOWNEREMAIL,
    SFDCACCOUNTID,
    SFDCCONTACTID,
    SFDCLEADID,
    SFDCLEADOWNERID,
    SFDCOPPTYID,
};

/// The wire name, e.g. "EMAIL".
std::string_view to_string(LeadKeyType type) noexcept;
/// Parses a wire name (case-insensitive). Throws Error(invalid_argument)
/// listing the valid names.
LeadKeyType parse_lead_key_type(std::string_view name);
/// All nine key types in WSDL order.
const std::vector<LeadKeyType>& all_lead_key_types();

/// Leads by key: LeadKeySelector (keyType + keyValues). Any number of keys;
/// the client splits them into calls of at most 100.
class LeadKeySelector {
public:
    /// Throws Error(invalid_argument) when keys is empty or a key is empty.
    LeadKeySelector(LeadKeyType type, std::vector<std::string> keys);
    /// As above, with the key type by name (see parse_lead_key_type).
    LeadKeySelector(std::string_view type, std::vector<std::string> keys);

    LeadKeyType key_type() const noexcept { return type_; }
    const std::vector<std::string>& keys() const noexcept { return keys_; }

private:
    LeadKeyType type_;
    std::vector<std::string> keys_;
};

/// Leads of a static list, by name ("Program.List") and/or id.
class StaticListSelector {
public:
    static StaticListSelector by_name(std::string name);
    static StaticListSelector by_id(int id);
    /// Throws Error(invalid_argument) when neither is given, the name is
    /// empty, or the id is not positive.
    StaticListSelector(std::optional<std::string> name, std::optional<int> id);

    const std::optional<std::string>& name() const noexcept { return name_; }
    const std::optional<int>& id() const noexcept { return id_; }

private:
    std::optional<std::string> name_;
    std::optional<int> id_;
};

/// Leads updated in [oldest, latest] (both inclusive, as Marketo treats them);
/// no latest means "until now".
class LastUpdateAtSelector {
public:
    /// Throws Error(invalid_argument) when oldest is after latest.
    LastUpdateAtSelector(TimePoint oldest, std::optional<TimePoint> latest = std::nullopt);
    /// From W3C dateTime text; throws Error(invalid_argument) for malformed
    /// times and for oldest after latest.
    LastUpdateAtSelector(std::string_view oldest, std::optional<std::string_view> latest = std::nullopt);

    TimePoint oldest() const noexcept { return oldest_; }
    const std::optional<TimePoint>& latest() const noexcept { return latest_; }

private:
    TimePoint oldest_;
    std::optional<TimePoint> latest_;
};

using LeadSelector = std::variant<LeadKeySelector, StaticListSelector, LastUpdateAtSelector>;

/// A single lead key (getLead).
struct LeadKey {
    LeadKeyType type = LeadKeyType::IDNUM;
    std::string value;
};

}  // namespace mktows

#endif
