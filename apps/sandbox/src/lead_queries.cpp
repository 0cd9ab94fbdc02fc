#include "lead_queries.hpp"

#include <algorithm>
#include <queue>

#include "service_fault.hpp"

namespace mktows::sandbox {

namespace {

std::optional<StreamKey> start_after(const StreamPositionCodec& codec, const std::string& position,
                                     const QueryDigest& query) {
    if (position.empty()) return std::nullopt;
    return codec.decode(position, query);
}

const char kSeparator = '\x1F';

}  // namespace

LeadQueries::LeadQueries(const DataSet& data, const UpdateIndex& updates, const StreamPositionCodec& positions)
    : data_(data), updates_(updates), positions_(positions) {}

std::size_t LeadQueries::index_of(LeadId id) const { return static_cast<std::size_t>(data_.index_of(id)); }

LeadsPage LeadQueries::get_multiple_leads(const MultipleLeadsParams& params, std::int64_t now) const {
    std::size_t batch = default_batch_size;
    if (params.batch_size) {
        if (*params.batch_size < 1)
            throw ServiceFault(20110, "batchSize " + std::to_string(*params.batch_size) + " is not between 1 and 1000");
        batch = static_cast<std::size_t>(std::min(*params.batch_size, max_batch_size));
    }
    if (!params.selector) {
        if (!params.last_updated_at) throw ServiceFault(20109, "leadSelector");
        TimeSelectorParams legacy;
        legacy.oldest = params.last_updated_at;
        return by_time(legacy, params.stream_position, batch, now);
    }
    const SelectorParams& selector = *params.selector;
    if (const auto* keys = std::get_if<KeySelectorParams>(&selector)) return by_keys(*keys, params.stream_position, batch);
    if (const auto* list = std::get_if<ListSelectorParams>(&selector)) return by_list(*list, params.stream_position, batch);
    if (const auto* time = std::get_if<TimeSelectorParams>(&selector))
        return by_time(*time, params.stream_position, batch, now);
    throw ServiceFault(20017,
                       "leadSelector needs an xsi:type of LeadKeySelector, StaticListSelector or LastUpdateAtSelector");
}

LeadsPage LeadQueries::by_keys(const KeySelectorParams& s, const std::string& position, std::size_t batch) const {
    if (s.keys.empty()) throw ServiceFault(20109, "keyValues");
    // Marketo honours the first 100 keys and silently ignores the rest.
    const std::size_t honoured = std::min(s.keys.size(), max_keys_per_call);
    std::string canonical = std::string("K") + kSeparator + key_type_name(s.type);
    std::vector<DataSet::KeyMatches> postings;
    for (std::size_t i = 0; i < honoured; ++i) {
        canonical += kSeparator + s.keys[i];
        DataSet::KeyMatches m = data_.find_key(s.type, s.keys[i]);
        if (m.size() == 0) continue;
        // The same lead list twice (a repeated key, or "12" and "012" for IDNUM) counts once.
        bool seen = false;
        for (const auto& p : postings) seen = seen || p.begin == m.begin;
        if (!seen) postings.push_back(m);
    }
    const QueryDigest query = digest_query(canonical);
    const auto after = start_after(positions_, position, query);

    // Merge the (disjoint, ascending) matches of every key by Id.
    struct Cursor {
        const DataSet::KeyEntry* at;
        const DataSet::KeyEntry* end;
    };
    auto later = [](const Cursor& a, const Cursor& b) { return a.at->id > b.at->id; };
    std::priority_queue<Cursor, std::vector<Cursor>, decltype(later)> heap(later);
    std::int64_t total = 0;
    for (const auto& p : postings) {
        const DataSet::KeyEntry* first = p.begin;
        if (after)
            first = std::upper_bound(p.begin, p.end, after->id,
                                     [](LeadId id, const DataSet::KeyEntry& e) { return id < e.id; });
        total += p.end - first;
        if (first != p.end) heap.push({first, p.end});
    }
    LeadsPage page;
    while (!heap.empty() && page.leads.size() < batch) {
        Cursor c = heap.top();
        heap.pop();
        page.leads.push_back(index_of(c.at->id));
        if (++c.at != c.end) heap.push(c);
    }
    page.remaining = static_cast<int>(total - static_cast<std::int64_t>(page.leads.size()));
    if (page.remaining > 0) page.new_position = positions_.encode(query, {0, data_.id_at(page.leads.back())});
    return page;
}

LeadsPage LeadQueries::by_list(const ListSelectorParams& s, const std::string& position, std::size_t batch) const {
    const StaticList* list = nullptr;
    if (s.id) {
        list = data_.find_list(*s.id);
        if (!list) throw ServiceFault(20111, "no static list has the id " + std::to_string(*s.id));
    } else if (s.name) {
        if (s.name->empty()) throw ServiceFault(20109, "staticListName or staticListId");
        list = data_.find_list(*s.name);
        if (!list) throw ServiceFault(20111, "no static list is named \"" + *s.name + "\"");
    } else {
        throw ServiceFault(20109, "staticListName or staticListId");
    }
    const QueryDigest query = digest_query(std::string("L") + kSeparator + std::to_string(list->id));
    const auto after = start_after(positions_, position, query);
    const auto& members = list->member_ids;
    auto first = after ? std::upper_bound(members.begin(), members.end(), after->id) : members.begin();
    const std::size_t available = static_cast<std::size_t>(members.end() - first);
    const std::size_t n = std::min(available, batch);
    LeadsPage page;
    page.leads.reserve(n);
    for (std::size_t i = 0; i < n; ++i) page.leads.push_back(index_of(first[static_cast<std::ptrdiff_t>(i)]));
    page.remaining = static_cast<int>(available - n);
    if (page.remaining > 0) page.new_position = positions_.encode(query, {0, data_.id_at(page.leads.back())});
    return page;
}

LeadsPage LeadQueries::by_time(const TimeSelectorParams& s, const std::string& position, std::size_t batch,
                               std::int64_t now) const {
    if (!s.oldest) throw ServiceFault(20109, "oldestUpdatedAt");
    const std::int64_t oldest = *s.oldest;
    const std::int64_t latest = s.latest ? *s.latest : now;
    if (s.latest && latest < oldest)
        throw ServiceFault(20110, "latestUpdatedAt is before oldestUpdatedAt");
    if (latest - oldest > max_time_span)
        throw ServiceFault(20022, "oldestUpdatedAt to latestUpdatedAt spans more than 30 days; split the range");
    const QueryDigest query = digest_query(std::string("T") + kSeparator + std::to_string(oldest) + kSeparator +
                                           (s.latest ? std::to_string(*s.latest) : std::string("open")));
    const auto after_key = start_after(positions_, position, query);
    std::optional<UpdateKey> after;
    if (after_key) after = UpdateKey{after_key->updated_at, after_key->id};
    const UpdateIndex::Page found = updates_.page(oldest, latest, after, batch);
    LeadsPage page;
    page.leads.reserve(found.leads.size());
    for (const auto& key : found.leads) page.leads.push_back(index_of(key.id));
    page.remaining = static_cast<int>(found.remaining);
    if (page.remaining > 0) {
        const UpdateKey& last = found.leads.back();
        page.new_position = positions_.encode(query, {last.updated_at, last.id});
    }
    return page;
}

std::vector<std::size_t> LeadQueries::get_lead(LeadKeyType type, const std::string& value) const {
    if (value.empty()) throw ServiceFault(20101, "keyValue is empty");
    const DataSet::KeyMatches m = data_.find_key(type, value);
    if (m.size() == 0) throw ServiceFault(20103);
    std::vector<std::size_t> leads;
    leads.reserve(m.size());
    for (const auto* e = m.begin; e != m.end; ++e) leads.push_back(index_of(e->id));
    return leads;
}

}  // namespace mktows::sandbox
