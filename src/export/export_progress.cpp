// ExportEngine's progress reports: leads written and fetched, remaining
// from remainingCount (estimated for units not begun), rate and ETA.
#include "export/export_engine.hpp"

namespace mktows::detail {

void ExportEngine::report_progress(bool finished) {
    if (!options_.on_progress) return;
    const auto now = std::chrono::steady_clock::now();
    if (!finished && now - last_progress_ < options_.progress_interval) return;
    last_progress_ = now;

    ExportProgress p;
    p.leads_written = leads_written_;
    p.duplicates = duplicates_;
    p.elapsed = now - started_;
    p.finished = finished;
    std::int64_t fetched_this_run;
    {
        std::lock_guard<std::mutex> lock(mu_);
        fetched_this_run = fetched_this_run_;
        std::int64_t remaining = 0, started_total = 0;
        int started = 0, not_started = 0;
        for (const ExportUnit* u : order_) {
            p.leads_fetched += u->leads;
            if (u->state == UnitState::merged) ++p.units_done;
            if (u->state == UnitState::fetched || u->state == UnitState::merged) {
                ++started;
                started_total += u->leads;
            } else if (u->remaining) {
                ++started;
                remaining += *u->remaining;
                started_total += u->leads + *u->remaining;
            } else {
                ++not_started;
            }
        }
        p.units_total = static_cast<int>(order_.size());
        if (started > 0) {
            if (not_started > 0) {
                remaining += started_total * not_started / started;
                p.remaining_is_estimate = true;
            }
            p.leads_remaining = remaining;
        }
    }
    const CallStats stats = connection_.stats();
    p.calls = stats.calls - stats_at_start_.calls;
    p.retries = stats.retries - stats_at_start_.retries;
    const double seconds = std::chrono::duration<double>(p.elapsed).count();
    if (seconds > 0) p.leads_per_second = static_cast<double>(fetched_this_run) / seconds;
    if (p.leads_remaining && p.leads_per_second > 0)
        p.eta = std::chrono::seconds(static_cast<std::int64_t>(static_cast<double>(*p.leads_remaining) / p.leads_per_second + 0.5));
    options_.on_progress(p);
}

}  // namespace mktows::detail
