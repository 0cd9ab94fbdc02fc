// The sandbox's leads: immutable after they are made or loaded (only
// updatedAt changes, see UpdateIndex). Leads are kept sorted by Id, with the
// indexes getMultipleLeads and getLead need: by Id, by each kind of lead key,
// and the members of every static list.
#ifndef MKTOWS_SANDBOX_DATA_SET_HPP
#define MKTOWS_SANDBOX_DATA_SET_HPP

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lead_blob.hpp"
#include "mktows/selectors.hpp"

namespace mktows::sandbox {

using LeadId = std::int32_t;

/// An attribute name with its Marketo type. The same name may appear with
/// two types (a loaded file can say "LeadScore": 16 on one line and "16" on
/// another); each (name, type) pair is one definition.
struct AttributeDef {
    std::string name;
    std::string type;
};

struct StaticList {
    int id = 0;
    std::string name;                 ///< "Program.List"
    std::vector<LeadId> member_ids;   ///< ascending
};

/// The lead attribute a key type looks leads up by (EMAIL: the Email field;
/// IDNUM: the Id). Documented in --help.
const char* key_attribute_name(LeadKeyType type) noexcept;
/// Wire name of a key type ("EMAIL").
const char* key_type_name(LeadKeyType type) noexcept;
/// Whether keys of this type match case-insensitively (the e-mail types).
bool key_is_case_insensitive(LeadKeyType type) noexcept;

class DataSetBuilder;

class DataSet {
public:
    /// One lead matching a key: its id (entries of one key are by id).
    struct KeyEntry {
        std::string_view value;
        LeadId id;
    };
    /// The leads matching one key value, ascending by id.
    struct KeyMatches {
        const KeyEntry* begin = nullptr;
        const KeyEntry* end = nullptr;
        std::size_t size() const { return static_cast<std::size_t>(end - begin); }
    };

    DataSet() = default;
    DataSet(DataSet&&) = default;
    DataSet& operator=(DataSet&&) = default;

    std::size_t size() const noexcept { return ids_.size(); }
    LeadId id_at(std::size_t index) const { return ids_[index]; }
    std::string_view blob_at(std::size_t index) const { return blobs_[index]; }
    /// Index of the lead with that Id, or -1.
    std::ptrdiff_t index_of(LeadId id) const noexcept;

    const std::vector<AttributeDef>& attributes() const noexcept { return attributes_; }
    const AttributeDef& attribute_of_slot(Slot slot) const { return attributes_[slot - first_attribute_slot]; }

    const std::vector<StaticList>& lists() const noexcept { return lists_; }
    const StaticList* find_list(int id) const noexcept;
    const StaticList* find_list(std::string_view name) const noexcept;

    /// Leads whose key of this type equals value (IDNUM: value is an Id).
    KeyMatches find_key(LeadKeyType type, std::string_view value) const;

private:
    friend class DataSetBuilder;
    void build_key_indexes();

    std::vector<LeadId> ids_;          // ascending
    std::vector<std::string> blobs_;   // by index
    std::vector<AttributeDef> attributes_;
    std::vector<StaticList> lists_;    // by id (id = position + 1)
    // For every key type but IDNUM: (value, id) sorted by value then id.
    std::vector<std::vector<KeyEntry>> key_indexes_;
    std::vector<KeyEntry> id_entries_;  // IDNUM: one entry per lead, value unused
};

/// Collects leads in any order and makes a DataSet with their updatedAt.
class DataSetBuilder {
public:
    /// Slot of an attribute definition (added on first use). Throws
    /// mktows::Error(invalid_argument) past 65532 definitions.
    Slot attribute_slot(std::string_view name, std::string_view type);
    /// Id of a static list by name (ids 1, 2, 3, ... in order of first use).
    int list_id(std::string_view name);
    /// Adds a lead. Ids must be unique (the caller checks).
    void add_lead(LeadId id, std::string blob, std::int64_t updated_at, const std::vector<int>& list_ids);
    std::size_t size() const noexcept { return leads_.size(); }

    struct Result {
        DataSet data;
        std::vector<std::int64_t> updated_at;  ///< seconds since the epoch, by lead index
    };
    Result build() &&;

private:
    struct PendingLead {
        LeadId id;
        std::string blob;
        std::int64_t updated_at;
    };
    std::vector<PendingLead> leads_;
    std::vector<AttributeDef> attributes_;
    std::vector<StaticList> lists_;
    std::unordered_map<std::string, Slot> attribute_slots_;  // name NUL type
    std::unordered_map<std::string, int> list_ids_;
};

}  // namespace mktows::sandbox

#endif
