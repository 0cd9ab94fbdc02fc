// LeadListService: a ReplayServer handler that answers getMultipleLeads
// like Marketo over a fixed list of leads: pages of batchSize, exact
// remainingCount, an opaque newStreamPosition (empty at the end), and for
// a LeadKeySelector one lead per key, of the first 100 keys only (Marketo
// silently ignores the rest). Thread-safe.
#ifndef MKTOWS_TESTS_CLIENT_LEAD_LIST_SERVICE_HPP
#define MKTOWS_TESTS_CLIENT_LEAD_LIST_SERVICE_HPP

#include <string>
#include <vector>

#include "mktows/lead.hpp"
#include "support/replay_server.hpp"

namespace mktows_test {

class LeadListService {
public:
    explicit LeadListService(std::vector<mktows::Lead> leads) : leads_(std::move(leads)) {}
    Response operator()(const RecordedRequest& request) const;

    /// n leads with ids 1..n and emails lead<i>@example.com.
    static std::vector<mktows::Lead> numbered(int n);
    /// The lead a key selector gets for `key`.
    static mktows::Lead lead_for_key(const std::string& key);

private:
    std::vector<mktows::Lead> leads_;
};

}  // namespace mktows_test

#endif
