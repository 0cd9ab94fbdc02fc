#include "lead_blob.hpp"

namespace mktows::sandbox {

void LeadBlobWriter::add(Slot slot, std::string_view value) {
    blob_.push_back(static_cast<char>(slot & 0xFF));
    blob_.push_back(static_cast<char>(slot >> 8));
    std::size_t n = value.size();
    do {
        unsigned char byte = n & 0x7F;
        n >>= 7;
        if (n) byte |= 0x80;
        blob_.push_back(static_cast<char>(byte));
    } while (n);
    blob_.append(value.data(), value.size());
}

bool LeadBlobReader::next(Slot& slot, std::string_view& value) {
    if (rest_.size() < 3) return false;
    const auto* p = reinterpret_cast<const unsigned char*>(rest_.data());
    slot = static_cast<Slot>(p[0] | (p[1] << 8));
    std::size_t pos = 2, length = 0;
    for (int shift = 0; pos < rest_.size(); shift += 7) {
        unsigned char byte = p[pos++];
        length |= static_cast<std::size_t>(byte & 0x7F) << shift;
        if (!(byte & 0x80)) break;
    }
    if (rest_.size() - pos < length) {  // cannot happen for blobs made by LeadBlobWriter
        rest_ = {};
        return false;
    }
    value = rest_.substr(pos, length);
    rest_.remove_prefix(pos + length);
    return true;
}

std::optional<std::string_view> find_slot(std::string_view blob, Slot slot) {
    LeadBlobReader reader(blob);
    Slot s;
    std::string_view v;
    while (reader.next(s, v))
        if (s == slot) return v;
    return std::nullopt;
}

}  // namespace mktows::sandbox
