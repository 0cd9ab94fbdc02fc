// Compact storage of one lead's Email, ForeignSysPersonId, ForeignSysType and
// attributes: a byte string of entries [slot: 2 bytes LE][length: varint]
// [value bytes]. A field without an entry is nil; an attribute without an
// entry is not set on that lead. One allocation a lead keeps a few hundred
// thousand leads cheap.
#ifndef MKTOWS_SANDBOX_LEAD_BLOB_HPP
#define MKTOWS_SANDBOX_LEAD_BLOB_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mktows::sandbox {

using Slot = std::uint16_t;
constexpr Slot slot_email = 0;
constexpr Slot slot_foreign_sys_person_id = 1;
constexpr Slot slot_foreign_sys_type = 2;
/// Attribute i of the data set's attribute table is slot first_attribute_slot + i.
constexpr Slot first_attribute_slot = 3;
constexpr std::size_t max_attribute_definitions = 0xFFFF - first_attribute_slot;

class LeadBlobWriter {
public:
    void add(Slot slot, std::string_view value);
    std::string take() { return std::move(blob_); }

private:
    std::string blob_;
};

/// Walks the entries of a blob in the order they were added.
class LeadBlobReader {
public:
    explicit LeadBlobReader(std::string_view blob) : rest_(blob) {}
    /// The next entry; false at the end.
    bool next(Slot& slot, std::string_view& value);

private:
    std::string_view rest_;
};

/// The value of a slot, or nullopt when the blob has no entry for it.
std::optional<std::string_view> find_slot(std::string_view blob, Slot slot);

}  // namespace mktows::sandbox

#endif
