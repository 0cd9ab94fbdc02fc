// IdSet (see id_set.hpp).
#include "export/id_set.hpp"

namespace mktows::detail {

bool IdSet::insert(std::int64_t id) {
    if (id < 0 || id >= dense_limit) {
        const bool inserted = outliers_.insert(id).second;
        size_ += inserted;
        return inserted;
    }
    const auto bit = static_cast<std::uint64_t>(id);
    const std::size_t block = bit >> block_bits;
    if (block >= blocks_.size()) blocks_.resize(block + 1);
    auto& words = blocks_[block];
    if (!words) {
        words.reset(new std::uint64_t[words_per_block]());
        ++block_count_;
    }
    const std::size_t offset = bit & ((std::uint64_t{1} << block_bits) - 1);
    std::uint64_t& word = words[offset / 64];
    const std::uint64_t mask = std::uint64_t{1} << (offset % 64);
    if (word & mask) return false;
    word |= mask;
    ++size_;
    return true;
}

bool IdSet::contains(std::int64_t id) const {
    if (id < 0 || id >= dense_limit) return outliers_.count(id) != 0;
    const auto bit = static_cast<std::uint64_t>(id);
    const std::size_t block = bit >> block_bits;
    if (block >= blocks_.size() || !blocks_[block]) return false;
    const std::size_t offset = bit & ((std::uint64_t{1} << block_bits) - 1);
    return (blocks_[block][offset / 64] >> (offset % 64)) & 1u;
}

std::size_t IdSet::memory_bytes() const noexcept {
    return blocks_.capacity() * sizeof(blocks_[0]) + block_count_ * words_per_block * 8 +
           outliers_.size() * 32;
}

}  // namespace mktows::detail
