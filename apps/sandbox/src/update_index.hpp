// updatedAt of every lead, ordered by (updatedAt, Id) in an order-statistics
// tree, so that a LastUpdateAt page costs O(log n + batch) and its
// remainingCount is exact in O(log n). The only mutable part of the data:
// churn moves leads to "now" while others page. Thread-safe.
#ifndef MKTOWS_SANDBOX_UPDATE_INDEX_HPP
#define MKTOWS_SANDBOX_UPDATE_INDEX_HPP

#include <ext/pb_ds/assoc_container.hpp>
#include <ext/pb_ds/tree_policy.hpp>

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <utility>
#include <vector>

#include "data_set.hpp"

namespace mktows::sandbox {

/// A position in LastUpdateAt order.
struct UpdateKey {
    std::int64_t updated_at = 0;  ///< seconds since the epoch
    LeadId id = 0;
    friend bool operator==(const UpdateKey& a, const UpdateKey& b) {
        return a.updated_at == b.updated_at && a.id == b.id;
    }
};

class UpdateIndex {
public:
    /// updated_at[i] belongs to data.id_at(i).
    UpdateIndex(const DataSet& data, std::vector<std::int64_t> updated_at);

    struct Page {
        std::vector<UpdateKey> leads;  ///< in (updatedAt, Id) order
        std::int64_t remaining = 0;    ///< matching leads after the page
    };
    /// Leads with oldest <= updatedAt <= latest (seconds, both inclusive),
    /// strictly after `after` when given, at most `limit` of them.
    Page page(std::int64_t oldest, std::int64_t latest, const std::optional<UpdateKey>& after,
              std::size_t limit) const;

    std::int64_t updated_at(std::size_t index) const;
    /// Sets the lead's updatedAt (churn).
    void touch(std::size_t index, std::int64_t updated_at);
    /// Every lead's updatedAt, by index.
    std::vector<std::int64_t> all() const;

private:
    using Key = std::pair<std::int64_t, LeadId>;
    using Tree = __gnu_pbds::tree<Key, __gnu_pbds::null_type, std::less<Key>, __gnu_pbds::rb_tree_tag,
                                  __gnu_pbds::tree_order_statistics_node_update>;

    const DataSet& data_;
    mutable std::shared_mutex mutex_;
    std::vector<std::int64_t> updated_at_;
    Tree order_;
};

}  // namespace mktows::sandbox

#endif
