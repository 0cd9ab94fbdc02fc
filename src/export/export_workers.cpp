// ExportEngine's worker threads: take a unit, fetch it page by page into
// its spool, handle 20123, 20122 and 20022 (see export_engine.hpp).
#include <algorithm>

#include "export/export_engine.hpp"
#include "client/stream_guard.hpp"
#include "mktows/error.hpp"

namespace mktows::detail {

namespace {

// Workers fetch at most this many units ahead of the first one not yet
// merged, which bounds the open spool files and the disk they take while
// a long unit holds up the output.
constexpr std::size_t max_lookahead = 64;

bool is_fault(const Error& e, int code) { return e.kind() == ErrorKind::service_fault && e.service_code() == code; }

}  // namespace

void ExportEngine::fail(std::exception_ptr error) {
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (!error_) error_ = error;
        stopping_ = true;
        changed_ = true;
    }
    work_cv_.notify_all();
    main_cv_.notify_all();
}

void ExportEngine::worker_main() {
    try {
        while (ExportUnit* unit = take_unit()) fetch_unit(*unit);
    } catch (...) {
        fail(std::current_exception());
    }
    {
        std::lock_guard<std::mutex> lock(mu_);
        --workers_running_;
        changed_ = true;
    }
    main_cv_.notify_all();
    work_cv_.notify_all();  // an idle worker may be waiting for units that will not come
}

ExportUnit* ExportEngine::take_unit() {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
        if (stopping_) return nullptr;
        const std::size_t window_end = std::min(order_.size(), head_ + max_lookahead);
        for (std::size_t i = next_pending_; i < window_end; ++i) {
            if (order_[i]->state == UnitState::pending) {
                next_pending_ = i + 1;
                order_[i]->state = UnitState::active;
                ++active_;
                return order_[i];
            }
        }
        next_pending_ = std::max(next_pending_, window_end);
        bool pending_later = false;
        for (std::size_t i = next_pending_; i < order_.size() && !pending_later; ++i)
            pending_later = order_[i]->state == UnitState::pending;
        if (!pending_later && active_ == 0) return nullptr;  // every unit is fetched
        // Wait for the output to catch up, or for an active unit to be split (20022).
        work_cv_.wait(lock);
    }
}

void ExportEngine::fetch_unit(ExportUnit& unit) {
    // Only this worker changes the unit's fetch fields, under mu_; it may
    // read them without the lock.
    std::shared_ptr<PosixFile> file;
    {
        std::lock_guard<std::mutex> lock(mu_);
        file = spool_file_locked(unit);
    }
    RecordWriter spool(std::move(file), unit.spool_length);
    StreamGuard guard;
    guard.reset(unit.position);  // a resumed unit must not come back to where it resumed
    for (;;) {
        {
            std::lock_guard<std::mutex> lock(mu_);
            if (stopping_) {
                unit.state = UnitState::pending;  // continues from its position next time
                --active_;
                return;
            }
        }
        LeadPage page;
        try {
            page = connection_.get_multiple_leads(unit_request(*setup_.query, unit));
        } catch (const Error& e) {
            if (handle_fault(unit, e, spool, guard)) return;
            continue;
        }
        const bool last = page.remaining_count == 0 || page.new_stream_position.empty();
        if (!last) guard.check(page, describe_unit(*setup_.query, unit));
        const auto count = static_cast<std::int64_t>(page.leads.size());
        for (const Lead& lead : page.leads) spool.append(lead);
        page.leads = std::vector<Lead>();  // release the page before the next call
        const std::uint64_t length = durable_ ? spool.sync() : spool.flush();
        {
            std::lock_guard<std::mutex> lock(mu_);
            ++unit.pages;
            ++pages_;
            unit.leads += count;
            fetched_this_run_ += count;
            unit.remaining = page.remaining_count;
            unit.spool_length = length;
            if (last) {
                unit.state = UnitState::fetched;
                --active_;
            } else {
                unit.position = std::move(page.new_stream_position);  // passed back exactly as received
            }
            changed_ = true;
        }
        main_cv_.notify_one();
        if (last) {
            spool.close();
            work_cv_.notify_all();  // idle workers re-check whether anything is left
            return;
        }
    }
}

// Returns true when the unit is finished (20123), false to go on with the
// next call; throws when the export has to stop.
bool ExportEngine::handle_fault(ExportUnit& unit, const Error& e, RecordWriter& spool, StreamGuard& guard) {
    if (is_fault(e, fault_code::stream_at_end)) {
        const std::uint64_t length = durable_ ? spool.sync() : spool.flush();
        {
            std::lock_guard<std::mutex> lock(mu_);
            unit.state = UnitState::fetched;
            unit.remaining = 0;
            unit.spool_length = length;
            --active_;
            changed_ = true;
        }
        spool.close();
        main_cv_.notify_one();
        work_cv_.notify_all();
        return true;
    }
    if (is_fault(e, fault_code::bad_stream_position) && unit.restarts < options_.max_stream_restarts) {
        // Start the unit again; what comes twice is skipped when merging.
        guard.reset();
        std::lock_guard<std::mutex> lock(mu_);
        ++unit.restarts;
        unit.position.clear();
        unit.remaining.reset();
        changed_ = true;
        return false;
    }
    if (is_fault(e, fault_code::bad_stream_position)) {
        throw Error(e, std::string(e.what()) + " (" + describe_unit(*setup_.query, unit) +
                           " was restarted from its beginning " + std::to_string(unit.restarts) +
                           " times and the server still refused its stream position)");
    }
    if (is_fault(e, fault_code::time_span_too_long) && unit.window &&
        unit.window->latest - unit.window->oldest >= std::chrono::seconds(1)) {
        split_unit(unit);
        return false;
    }
    throw e;
}

void ExportEngine::split_unit(ExportUnit& unit) {
    const auto halves = halve_window(*unit.window);
    {
        std::lock_guard<std::mutex> lock(mu_);
        auto second = std::make_unique<ExportUnit>();
        second->id = next_id_++;
        second->window = halves.second;
        unit.window = halves.first;
        unit.position.clear();
        unit.remaining.reset();
        const auto at = std::find(order_.begin(), order_.end(), &unit) - order_.begin() + 1;
        order_.insert(order_.begin() + at, second.get());
        units_.push_back(std::move(second));
        next_pending_ = std::min(next_pending_, static_cast<std::size_t>(at));
        changed_ = true;
    }
    work_cv_.notify_one();
}

}  // namespace mktows::detail
