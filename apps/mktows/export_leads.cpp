#include "export_leads.hpp"

namespace mktows_cli {

ExportSummary export_leads(mktows::Client& client, mktows::GetMultipleLeadsRequest request,
                           mktows::LeadWriter& writer) {
    const auto started = std::chrono::steady_clock::now();
    const mktows::CallStats before = client.connection()->stats();
    mktows::LeadRange range = client.get_multiple_leads(std::move(request));
    std::int64_t pages_written = 0;
    for (const mktows::Lead& lead : range) {
        // A new page has just been fetched: the previous one is complete.
        if (range.pages() != pages_written) {
            if (pages_written > 0) writer.flush();
            pages_written = range.pages();
        }
        writer.write(lead);
    }
    writer.finish();

    const mktows::CallStats after = client.connection()->stats();
    ExportSummary summary;
    summary.leads = writer.leads_written();
    summary.pages = range.pages();
    summary.calls = after.calls - before.calls;
    summary.retries = after.retries - before.retries;
    summary.bytes = writer.bytes_written();
    summary.elapsed = std::chrono::steady_clock::now() - started;
    return summary;
}

}  // namespace mktows_cli
