#include "data_set.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "ascii.hpp"
#include "mktows/error.hpp"

namespace mktows::sandbox {

namespace {

constexpr LeadKeyType kKeyTypes[] = {
    LeadKeyType::IDNUM,         LeadKeyType::COOKIE,        LeadKeyType::EMAIL,
    LeadKeyType::LEADOWNEREMAIL, LeadKeyType::SFDCACCOUNTID, LeadKeyType::SFDCCONTACTID,
    LeadKeyType::SFDCLEADID,    LeadKeyType::SFDCLEADOWNERID, LeadKeyType::SFDCOPPTYID,
};
constexpr std::size_t kKeyTypeCount = sizeof kKeyTypes / sizeof kKeyTypes[0];

std::size_t key_slot(LeadKeyType type) { return static_cast<std::size_t>(type); }

int compare_key(LeadKeyType type, std::string_view a, std::string_view b) {
    return key_is_case_insensitive(type) ? compare_ascii_ci(a, b) : a.compare(b);
}

}  // namespace

const char* key_type_name(LeadKeyType type) noexcept {
    switch (type) {
        case LeadKeyType::IDNUM: return "IDNUM";
        case LeadKeyType::COOKIE: return "COOKIE";
        case LeadKeyType::EMAIL: return "EMAIL";
        case LeadKeyType::LEADOWNEREMAIL: return "LEADOWNEREMAIL";
        case LeadKeyType::SFDCACCOUNTID: return "SFDCACCOUNTID";
        case LeadKeyType::SFDCCONTACTID: return "SFDCCONTACTID";
        case LeadKeyType::SFDCLEADID: return "SFDCLEADID";
        case LeadKeyType::SFDCLEADOWNERID: return "SFDCLEADOWNERID";
        case LeadKeyType::SFDCOPPTYID: return "SFDCOPPTYID";
    }
    return "?";
}

const char* key_attribute_name(LeadKeyType type) noexcept {
    switch (type) {
        case LeadKeyType::IDNUM: return "Id";
        case LeadKeyType::COOKIE: return "Cookie";
        case LeadKeyType::EMAIL: return "Email";
        case LeadKeyType::LEADOWNEREMAIL: return "LeadOwnerEmail";
        case LeadKeyType::SFDCACCOUNTID: return "SFDCAccountId";
        case LeadKeyType::SFDCCONTACTID: return "SFDCContactId";
        case LeadKeyType::SFDCLEADID: return "SFDCLeadId";
        case LeadKeyType::SFDCLEADOWNERID: return "SFDCLeadOwnerId";
        case LeadKeyType::SFDCOPPTYID: return "SFDCOpptyId";
    }
    return "?";
}

bool key_is_case_insensitive(LeadKeyType type) noexcept {
    return type == LeadKeyType::EMAIL || type == LeadKeyType::LEADOWNEREMAIL;
}

// ---- DataSet ---------------------------------------------------------------

std::ptrdiff_t DataSet::index_of(LeadId id) const noexcept {
    auto it = std::lower_bound(ids_.begin(), ids_.end(), id);
    if (it == ids_.end() || *it != id) return -1;
    return it - ids_.begin();
}

const StaticList* DataSet::find_list(int id) const noexcept {
    if (id < 1 || static_cast<std::size_t>(id) > lists_.size()) return nullptr;
    return &lists_[static_cast<std::size_t>(id) - 1];
}

const StaticList* DataSet::find_list(std::string_view name) const noexcept {
    for (const auto& list : lists_)
        if (list.name == name) return &list;
    return nullptr;
}

DataSet::KeyMatches DataSet::find_key(LeadKeyType type, std::string_view value) const {
    KeyMatches none;
    if (type == LeadKeyType::IDNUM) {
        // Ids are decimal integers; anything else matches nothing.
        if (value.empty() || value.size() > 10) return none;
        long long id = 0;
        for (char c : value) {
            if (c < '0' || c > '9') return none;
            id = id * 10 + (c - '0');
        }
        if (id > 0x7FFFFFFF) return none;
        const std::ptrdiff_t index = index_of(static_cast<LeadId>(id));
        if (index < 0) return none;
        return {&id_entries_[static_cast<std::size_t>(index)], &id_entries_[static_cast<std::size_t>(index)] + 1};
    }
    const auto& index = key_indexes_[key_slot(type)];
    auto lo = std::lower_bound(index.begin(), index.end(), value, [type](const KeyEntry& e, std::string_view v) {
        return compare_key(type, e.value, v) < 0;
    });
    auto hi = std::upper_bound(lo, index.end(), value, [type](std::string_view v, const KeyEntry& e) {
        return compare_key(type, v, e.value) < 0;
    });
    if (lo == hi) return none;
    return {&*lo, &*lo + (hi - lo)};
}

void DataSet::build_key_indexes() {
    key_indexes_.assign(kKeyTypeCount, {});
    id_entries_.resize(ids_.size());
    for (std::size_t i = 0; i < ids_.size(); ++i) id_entries_[i] = {std::string_view(), ids_[i]};

    // Which key type (if any) each slot feeds.
    std::vector<int> slot_key(first_attribute_slot + attributes_.size(), -1);
    slot_key[slot_email] = static_cast<int>(key_slot(LeadKeyType::EMAIL));
    for (std::size_t a = 0; a < attributes_.size(); ++a) {
        for (LeadKeyType type : kKeyTypes) {
            if (type == LeadKeyType::IDNUM || type == LeadKeyType::EMAIL) continue;
            if (equals_ascii_ci(attributes_[a].name, key_attribute_name(type)))
                slot_key[first_attribute_slot + a] = static_cast<int>(key_slot(type));
        }
    }
    for (std::size_t i = 0; i < ids_.size(); ++i) {
        LeadBlobReader reader(blobs_[i]);
        Slot slot;
        std::string_view value;
        while (reader.next(slot, value)) {
            if (slot < slot_key.size() && slot_key[slot] >= 0 && !value.empty())
                key_indexes_[static_cast<std::size_t>(slot_key[slot])].push_back({value, ids_[i]});
        }
    }
    for (LeadKeyType type : kKeyTypes) {
        auto& index = key_indexes_[key_slot(type)];
        std::sort(index.begin(), index.end(), [type](const KeyEntry& a, const KeyEntry& b) {
            const int c = compare_key(type, a.value, b.value);
            return c != 0 ? c < 0 : a.id < b.id;
        });
        index.shrink_to_fit();
    }
}

// ---- DataSetBuilder --------------------------------------------------------

Slot DataSetBuilder::attribute_slot(std::string_view name, std::string_view type) {
    std::string key;
    key.reserve(name.size() + type.size() + 1);
    key.append(name).push_back('\0');
    key.append(type);
    if (auto it = attribute_slots_.find(key); it != attribute_slots_.end()) return it->second;
    if (attributes_.size() >= max_attribute_definitions)
        throw Error(ErrorKind::invalid_argument,
                    "too many distinct attributes (more than " + std::to_string(max_attribute_definitions) +
                        " name/type pairs); the sandbox supports fewer");
    attributes_.push_back({std::string(name), std::string(type)});
    const auto slot = static_cast<Slot>(first_attribute_slot + attributes_.size() - 1);
    attribute_slots_.emplace(std::move(key), slot);
    return slot;
}

int DataSetBuilder::list_id(std::string_view name) {
    if (auto it = list_ids_.find(std::string(name)); it != list_ids_.end()) return it->second;
    StaticList list;
    list.id = static_cast<int>(lists_.size()) + 1;
    list.name = std::string(name);
    lists_.push_back(std::move(list));
    list_ids_.emplace(std::string(name), lists_.back().id);
    return lists_.back().id;
}

void DataSetBuilder::add_lead(LeadId id, std::string blob, std::int64_t updated_at, const std::vector<int>& list_ids) {
    leads_.push_back({id, std::move(blob), updated_at});
    for (int list : list_ids) lists_[static_cast<std::size_t>(list) - 1].member_ids.push_back(id);
}

DataSetBuilder::Result DataSetBuilder::build() && {
    std::sort(leads_.begin(), leads_.end(), [](const PendingLead& a, const PendingLead& b) { return a.id < b.id; });
    Result result;
    DataSet& data = result.data;
    data.ids_.reserve(leads_.size());
    data.blobs_.reserve(leads_.size());
    result.updated_at.reserve(leads_.size());
    for (auto& lead : leads_) {
        data.ids_.push_back(lead.id);
        data.blobs_.push_back(std::move(lead.blob));
        result.updated_at.push_back(lead.updated_at);
    }
    leads_.clear();
    leads_.shrink_to_fit();
    for (auto& list : lists_) {
        std::sort(list.member_ids.begin(), list.member_ids.end());
        list.member_ids.erase(std::unique(list.member_ids.begin(), list.member_ids.end()), list.member_ids.end());
        list.member_ids.shrink_to_fit();
    }
    data.attributes_ = std::move(attributes_);
    data.lists_ = std::move(lists_);
    data.build_key_indexes();
    return result;
}

}  // namespace mktows::sandbox
