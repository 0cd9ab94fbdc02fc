// getMultipleLeads request parameters.
#ifndef MKTOWS_REQUEST_HPP
#define MKTOWS_REQUEST_HPP

#include <string>
#include <vector>

#include "mktows/selectors.hpp"

namespace mktows {

constexpr int default_batch_size = 200;   ///< Marketo's recommendation
constexpr int max_batch_size = 1000;      ///< Marketo's cap
constexpr int max_keys_per_call = 100;    ///< Marketo ignores keys past this

struct GetMultipleLeadsRequest {
    LeadSelector selector;
    /// Attribute names to return; empty returns all.
    std::vector<std::string> include_attributes;
    int batch_size = default_batch_size;
    /// Position to continue from (newStreamPosition of the previous page);
    /// empty for the first page. Never edit it.
    std::string stream_position;

    explicit GetMultipleLeadsRequest(LeadSelector s) : selector(std::move(s)) {}

    /// Throws Error(invalid_argument) for a batch size outside 1..1000 or an
    /// empty attribute name.
    void validate() const;
};

}  // namespace mktows

#endif
