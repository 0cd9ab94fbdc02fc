// Test data for exports: a deterministic set of leads written as the
// JSONL that `mktows-sandbox --data` loads, with updatedAt spread evenly
// over a span (plus leads exactly on chosen instants), a few static lists,
// and the Ids a query should return.
#ifndef MKTOWS_TEST_EXPORT_LEAD_DATA_HPP
#define MKTOWS_TEST_EXPORT_LEAD_DATA_HPP

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "mktows/time.hpp"

namespace export_test {

struct DataLead {
    std::int64_t id = 0;
    mktows::TimePoint updated_at;
    std::vector<std::string> lists;
};

struct LeadData {
    std::vector<DataLead> leads;

    /// Ids of the leads updated in [oldest, latest], both inclusive.
    std::set<std::int64_t> ids_updated_in(mktows::TimePoint oldest, mktows::TimePoint latest) const;
    std::set<std::int64_t> ids_in_list(const std::string& list) const;
    std::set<std::int64_t> all_ids() const;
};

/// count leads, Ids 1001, 1004, 1007, ... (gaps), updatedAt from `first`
/// over `span` evenly; then one more lead at each instant of `exact`.
/// Lists: "Program.Sevens" (every 7th lead), "Program.Elevens" (every 11th).
LeadData make_lead_data(int count, mktows::TimePoint first, std::chrono::seconds span,
                        const std::vector<mktows::TimePoint>& exact = {});

/// Writes the data as --data JSONL (attributes of several types, with
/// commas, quotes and non-ASCII text; with note_bytes, also a "Notes"
/// attribute that long, to make big leads).
void write_lead_data(const LeadData& data, const std::string& path, std::size_t note_bytes = 0);

}  // namespace export_test

#endif
