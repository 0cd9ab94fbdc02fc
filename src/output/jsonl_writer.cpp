// JSONL writer: one JSON object a lead, straight into the sink.
#include <memory>
#include <string>

#include "mktows/output.hpp"

namespace mktows {

namespace {

class JsonlWriter final : public LeadWriter {
public:
    explicit JsonlWriter(OutputSink& sink) : sink_(sink), start_(sink.size()) {}

    void write(const Lead& lead) override {
        std::string line = lead_to_json(lead);
        line.push_back('\n');
        sink_.write(line);
        ++leads_;
    }
    void flush() override { sink_.flush(); }
    void finish() override { sink_.flush(); }
    std::int64_t leads_written() const noexcept override { return leads_; }
    std::uint64_t bytes_written() const noexcept override { return sink_.size() - start_; }

private:
    OutputSink& sink_;
    std::uint64_t start_;
    std::int64_t leads_ = 0;
};

}  // namespace

std::unique_ptr<LeadWriter> make_jsonl_writer(OutputSink& sink) {
    return std::make_unique<JsonlWriter>(sink);
}

}  // namespace mktows
