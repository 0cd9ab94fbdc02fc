// Pages through every lead of a query and hands each to a writer, flushing
// the writer at every page boundary.
#ifndef MKTOWS_CLI_EXPORT_LEADS_HPP
#define MKTOWS_CLI_EXPORT_LEADS_HPP

#include <chrono>
#include <cstdint>

#include "mktows/client.hpp"
#include "mktows/output.hpp"

namespace mktows_cli {

struct ExportSummary {
    std::int64_t leads = 0;
    std::int64_t pages = 0;
    std::int64_t calls = 0;    ///< requests sent, retries included
    std::int64_t retries = 0;
    std::uint64_t bytes = 0;   ///< bytes the writer produced
    std::chrono::steady_clock::duration elapsed{};
};

/// Fetches and writes every lead, then finish()es the writer. Throws
/// mktows::Error from the client or the writer; nothing is skipped.
ExportSummary export_leads(mktows::Client& client, mktows::GetMultipleLeadsRequest request,
                           mktows::LeadWriter& writer);

}  // namespace mktows_cli

#endif
