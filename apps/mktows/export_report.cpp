#include "export_report.hpp"

#include <chrono>
#include <cstdio>

namespace mktows_cli {

namespace {

std::string plural(std::int64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

void print_summary(const mktows::ExportSummary& s, const std::string& where, mktows::OutputFormat format) {
    std::string line = "mktows: " + plural(s.leads, "lead", "leads") + " written to " + where + " (" +
                       std::string(mktows::to_string(format)) + ", " + std::to_string(s.bytes) + " bytes) in " +
                       plural(s.calls, "call", "calls");
    if (s.retries > 0) line += " (" + plural(s.retries, "retry", "retries") + ")";
    char elapsed[32];
    std::snprintf(elapsed, sizeof elapsed, ", %.2f s", std::chrono::duration<double>(s.elapsed).count());
    line += elapsed;
    std::fprintf(stderr, "%s\n", line.c_str());
}

void print_notes(const mktows::ExportSummary& s) {
    if (s.resumed) std::fprintf(stderr, "mktows: resumed from the checkpoint; the counts include earlier runs\n");
    if (s.duplicates > 0)
        std::fprintf(stderr, "mktows: %s seen again (changed while exporting, or named twice) %s written once\n",
                     plural(s.duplicates, "lead", "leads").c_str(), s.duplicates == 1 ? "was" : "were");
    if (s.range && s.next_updated_since) {
        std::fprintf(stderr, "mktows: leads updated %s to %s%s; next incremental export: --updated-since %s\n",
                     mktows::format_w3c_utc(s.range->oldest).c_str(), mktows::format_w3c_utc(s.range->latest).c_str(),
                     s.end_pinned ? " (the end is the export's start: an \"as of\" snapshot)" : "",
                     mktows::format_w3c_utc(*s.next_updated_since).c_str());
    }
}

}  // namespace

void print_export_report(const mktows::ExportSummary& summary, const std::string& where,
                         mktows::OutputFormat format) {
    print_summary(summary, where, format);
    print_notes(summary);
}

}  // namespace mktows_cli
