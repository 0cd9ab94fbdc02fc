#include "mktows/output.hpp"

namespace mktows {

std::unique_ptr<LeadWriter> make_lead_writer(OutputFormat format, OutputSink& sink, CsvOptions csv_options) {
    if (format == OutputFormat::csv) return make_csv_writer(sink, std::move(csv_options));
    return make_jsonl_writer(sink);
}

}  // namespace mktows
