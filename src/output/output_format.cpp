#include <string>

#include "mktows/error.hpp"
#include "mktows/output.hpp"

namespace mktows {

namespace {

std::string lowercase(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

}  // namespace

OutputFormat parse_output_format(std::string_view name) {
    const std::string n = lowercase(name);
    if (n == "jsonl") return OutputFormat::jsonl;
    if (n == "csv") return OutputFormat::csv;
    throw Error(ErrorKind::invalid_argument,
                "unknown output format '" + std::string(name) + "'; use jsonl or csv");
}

std::string_view to_string(OutputFormat format) noexcept {
    switch (format) {
        case OutputFormat::jsonl: return "jsonl";
        case OutputFormat::csv: return "csv";
    }
    return "jsonl";
}

}  // namespace mktows
