// IdSet: the lead Ids already written, for de-duplication. Ids from 0 to
// 2^32 - 1 (Marketo's Ids are xs:int) live in a bitset of 4 KiB blocks made
// on demand, so memory is about one bit per possible Id up to the largest
// one seen, whatever the number of leads; any other Id goes to a hash set.
#ifndef MKTOWS_SRC_EXPORT_ID_SET_HPP
#define MKTOWS_SRC_EXPORT_ID_SET_HPP

#include <cstddef>
#include <cstdint>
#include <memory>
#include <unordered_set>
#include <vector>

namespace mktows::detail {

class IdSet {
public:
    /// Adds id; true when it was not in the set yet.
    bool insert(std::int64_t id);
    bool contains(std::int64_t id) const;
    std::int64_t size() const noexcept { return size_; }
    /// Bytes held by the set (blocks, directory and outliers), roughly.
    std::size_t memory_bytes() const noexcept;

private:
    static constexpr int block_bits = 15;  // Ids per block: 32768 (4 KiB)
    static constexpr std::size_t words_per_block = (std::size_t{1} << block_bits) / 64;
    static constexpr std::int64_t dense_limit = std::int64_t{1} << 32;

    std::vector<std::unique_ptr<std::uint64_t[]>> blocks_;
    std::size_t block_count_ = 0;
    std::unordered_set<std::int64_t> outliers_;
    std::int64_t size_ = 0;
};

}  // namespace mktows::detail

#endif
