// getMultipleLeads and getLead with Marketo's semantics, on the data set.
// No gSOAP here: the service converts the request into these parameters and
// the result into response objects.
#ifndef MKTOWS_SANDBOX_LEAD_QUERIES_HPP
#define MKTOWS_SANDBOX_LEAD_QUERIES_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "data_set.hpp"
#include "stream_position.hpp"
#include "update_index.hpp"

namespace mktows::sandbox {

constexpr int max_batch_size = 1000;    ///< larger batchSize values are capped
constexpr int default_batch_size = 1000;  ///< batchSize absent or nil
constexpr std::size_t max_keys_per_call = 100;  ///< keys past the 100th are ignored
constexpr std::int64_t max_time_span = 30 * 86400;  ///< LastUpdateAt window, seconds

struct KeySelectorParams {
    LeadKeyType type = LeadKeyType::IDNUM;
    std::vector<std::string> keys;
};
struct ListSelectorParams {
    std::optional<std::string> name;
    std::optional<int> id;
};
struct TimeSelectorParams {
    std::optional<std::int64_t> oldest;  ///< seconds since the epoch
    std::optional<std::int64_t> latest;
};
/// monostate: a leadSelector without (or with an unknown) xsi:type.
using SelectorParams = std::variant<std::monostate, KeySelectorParams, ListSelectorParams, TimeSelectorParams>;

struct MultipleLeadsParams {
    std::optional<SelectorParams> selector;       ///< nullopt: no leadSelector
    std::optional<std::int64_t> last_updated_at;  ///< the deprecated top-level lastUpdatedAt
    std::optional<int> batch_size;                ///< nullopt: absent or nil
    std::string stream_position;                  ///< empty: from the start
};

struct LeadsPage {
    std::vector<std::size_t> leads;  ///< lead indexes, in stream order
    int remaining = 0;               ///< exact
    std::string new_position;        ///< empty when remaining == 0
};

class LeadQueries {
public:
    LeadQueries(const DataSet& data, const UpdateIndex& updates, const StreamPositionCodec& positions);

    /// One page. Throws ServiceFault: 20109 (no selector, keys, list or
    /// oldestUpdatedAt), 20017 (selector without a known xsi:type), 20110
    /// (batchSize < 1, latest before oldest), 20111 (no such list), 20022
    /// (window over 30 days), 20122 (bad stream position).
    LeadsPage get_multiple_leads(const MultipleLeadsParams& params, std::int64_t now) const;

    /// Every lead matching the key, by Id. Throws ServiceFault 20101 (empty
    /// key) and 20103 (no lead).
    std::vector<std::size_t> get_lead(LeadKeyType type, const std::string& value) const;

private:
    LeadsPage by_keys(const KeySelectorParams& s, const std::string& position, std::size_t batch) const;
    LeadsPage by_list(const ListSelectorParams& s, const std::string& position, std::size_t batch) const;
    LeadsPage by_time(const TimeSelectorParams& s, const std::string& position, std::size_t batch,
                      std::int64_t now) const;
    std::size_t index_of(LeadId id) const;

    const DataSet& data_;
    const UpdateIndex& updates_;
    const StreamPositionCodec& positions_;
};

}  // namespace mktows::sandbox

#endif
