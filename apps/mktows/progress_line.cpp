#include "progress_line.hpp"

#include <cstdio>

namespace mktows_cli {

namespace {

std::string clock_text(std::int64_t seconds) {
    char text[32];
    if (seconds >= 3600)
        std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", static_cast<long long>(seconds / 3600),
                      static_cast<long long>(seconds / 60 % 60), static_cast<long long>(seconds % 60));
    else
        std::snprintf(text, sizeof text, "%lld:%02lld", static_cast<long long>(seconds / 60),
                      static_cast<long long>(seconds % 60));
    return text;
}

}  // namespace

std::string format_progress(const mktows::ExportProgress& p) {
    std::string line = "mktows: " + std::to_string(p.leads_written) + " leads written";
    if (p.leads_remaining)
        line += ", " + std::string(p.remaining_is_estimate ? "~" : "") + std::to_string(*p.leads_remaining) + " to go";
    line += ", " + std::to_string(static_cast<long long>(p.leads_per_second + 0.5)) + " leads/s";
    if (p.eta && !p.finished) line += ", ETA " + clock_text(p.eta->count());
    line += ", " + std::to_string(p.units_done) + "/" + std::to_string(p.units_total) + " units done";
    if (p.retries > 0) line += ", " + std::to_string(p.retries) + (p.retries == 1 ? " retry" : " retries");
    return line;
}

void ProgressLine::draw(const mktows::ExportProgress& progress) {
    if (!enabled_) return;
    std::fprintf(stderr, "\r%s\x1b[K", format_progress(progress).c_str());
    std::fflush(stderr);
    drawn_ = true;
}

void ProgressLine::end() {
    if (!drawn_) return;
    std::fputc('\n', stderr);
    std::fflush(stderr);
    drawn_ = false;
}

}  // namespace mktows_cli
