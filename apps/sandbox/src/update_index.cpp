#include "update_index.hpp"

#include <limits>
#include <mutex>

namespace mktows::sandbox {

UpdateIndex::UpdateIndex(const DataSet& data, std::vector<std::int64_t> updated_at)
    : data_(data), updated_at_(std::move(updated_at)) {
    for (std::size_t i = 0; i < updated_at_.size(); ++i) order_.insert({updated_at_[i], data_.id_at(i)});
}

UpdateIndex::Page UpdateIndex::page(std::int64_t oldest, std::int64_t latest, const std::optional<UpdateKey>& after,
                                    std::size_t limit) const {
    constexpr LeadId kMinId = std::numeric_limits<LeadId>::min();
    Page page;
    if (latest < oldest) return page;
    std::shared_lock lock(mutex_);
    // First candidate: the first key >= start.
    Key start{oldest, kMinId};
    if (after) {
        Key next = after->id == std::numeric_limits<LeadId>::max() ? Key{after->updated_at + 1, kMinId}
                                                                 : Key{after->updated_at, after->id + 1};
        if (next > start) start = next;
    }
    if (latest == std::numeric_limits<std::int64_t>::max()) latest -= 1;
    const Key end{latest + 1, kMinId};  // first key past the window
    if (!(start < end)) return page;
    const std::size_t first = order_.order_of_key(start);
    const std::size_t past = order_.order_of_key(end);
    const std::size_t total = past > first ? past - first : 0;
    const std::size_t n = total < limit ? total : limit;
    page.leads.reserve(n);
    auto it = order_.lower_bound(start);
    for (std::size_t i = 0; i < n; ++i, ++it) page.leads.push_back({it->first, it->second});
    page.remaining = static_cast<std::int64_t>(total - n);
    return page;
}

std::int64_t UpdateIndex::updated_at(std::size_t index) const {
    std::shared_lock lock(mutex_);
    return updated_at_[index];
}

void UpdateIndex::touch(std::size_t index, std::int64_t updated_at) {
    std::unique_lock lock(mutex_);
    const LeadId id = data_.id_at(index);
    order_.erase({updated_at_[index], id});
    updated_at_[index] = updated_at;
    order_.insert({updated_at, id});
}

std::vector<std::int64_t> UpdateIndex::all() const {
    std::shared_lock lock(mutex_);
    return updated_at_;
}

}  // namespace mktows::sandbox
