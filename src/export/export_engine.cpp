// ExportEngine (see export_engine.hpp).
#include "export/export_engine.hpp"

#include <algorithm>

#include "export/posix_file.hpp"
#include "export/stream_guard.hpp"
#include "mktows/error.hpp"

namespace mktows::detail {

namespace {

// Workers fetch at most this many units ahead of the first one not yet
// merged, which bounds the open spool files and the disk they take while
// a long unit holds up the output.
constexpr std::size_t max_lookahead = 64;

// The merged part of the spool being merged is given back to the disk in
// steps of this size, so a long unit does not hold its whole length twice.
constexpr std::uint64_t discard_step = 8u << 20;

bool is_fault(const Error& e, int code) { return e.kind() == ErrorKind::service_fault && e.service_code() == code; }

}  // namespace

ExportEngine::ExportEngine(Connection& connection, const ExportOptions& options, EngineSetup setup)
    : connection_(connection),
      options_(options),
      setup_(std::move(setup)),
      durable_(setup_.checkpoint_path.has_value()),
      stats_at_start_(connection.stats()),
      started_(std::chrono::steady_clock::now()),
      pages_(setup_.pages),
      leads_written_(setup_.leads_written),
      duplicates_(setup_.duplicates) {
    for (ExportUnit& u : setup_.units) {
        next_id_ = std::max(next_id_, u.id + 1);
        units_.push_back(std::make_unique<ExportUnit>(std::move(u)));
        order_.push_back(units_.back().get());
    }
    setup_.units.clear();
    while (head_ < order_.size() && order_[head_]->state == UnitState::merged) ++head_;
}

ExportEngine::~ExportEngine() { stop_workers(); }

std::string ExportEngine::spool_path(const ExportUnit& unit) const {
    return setup_.spool_dir + "/unit-" + std::to_string(unit.id) + ".spool";
}

std::shared_ptr<PosixFile> ExportEngine::spool_file_locked(const ExportUnit& unit) {
    auto& file = spools_[unit.id];
    if (!file) {
        file = durable_ ? std::make_shared<PosixFile>(spool_path(unit), PosixFile::Mode::read_write_create)
                        : std::make_shared<PosixFile>(PosixFile::anonymous(setup_.spool_dir, "mktows-spool-"));
    }
    return file;
}

std::int64_t ExportEngine::leads_written() const { return leads_written_; }

// ---- workers ---------------------------------------------------------------

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
        Error out(e.kind(),
                  std::string(e.what()) + " (" + describe_unit(*setup_.query, unit) + " was restarted from its " +
                      "beginning " + std::to_string(unit.restarts) + " times and the server still refused " +
                      "its stream position)",
                  e.service_code(), e.http_status());
        out.set_attempts(e.attempts());
        throw out;
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

// ---- calling thread ---------------------------------------------------------

bool ExportEngine::merge_ready() {
    bool wrote = false;
    for (;;) {
        ExportUnit* unit;
        std::uint64_t limit;
        UnitState state;
        {
            std::lock_guard<std::mutex> lock(mu_);
            if (head_ >= order_.size()) return wrote;
            unit = order_[head_];
            limit = unit->spool_length;
            state = unit->state;
        }
        if (limit > unit->merged_length) {
            if (reader_unit_ != unit) {
                std::shared_ptr<PosixFile> file;
                {
                    std::lock_guard<std::mutex> lock(mu_);
                    file = spool_file_locked(*unit);
                }
                reader_.emplace(std::move(file), unit->merged_length, limit);
                reader_unit_ = unit;
                discarded_ = 0;
            } else {
                reader_->extend(limit);
            }
            Lead lead;
            while (reader_->next(lead)) {
                if (!lead.id.has_value() || setup_.ids->insert(lead.id.value())) {
                    setup_.output->write(lead);
                    ++leads_written_;
                } else {
                    ++duplicates_;
                }
            }
            {
                std::lock_guard<std::mutex> lock(mu_);
                unit->merged_length = reader_->offset();
            }
            wrote = true;
        }
        if (state != UnitState::fetched || unit->merged_length != limit) return wrote;
        reader_.reset();
        reader_unit_ = nullptr;
        {
            std::lock_guard<std::mutex> lock(mu_);
            unit->state = UnitState::merged;
            ++head_;
            spools_.erase(unit->id);
        }
        work_cv_.notify_all();  // the lookahead moved on
        if (durable_) spools_to_remove_.push_back(spool_path(*unit));
        wrote = true;
    }
}

void ExportEngine::write_checkpoint() {
    output_length_ = setup_.output->commit(durable_);
    if (durable_) {
        Checkpoint c = setup_.checkpoint_base;
        c.output_length = output_length_;
        c.leads_written = leads_written_;
        c.duplicates = duplicates_;
        {
            std::lock_guard<std::mutex> lock(mu_);
            c.pages = pages_;
            c.units.reserve(order_.size());
            for (const ExportUnit* u : order_) c.units.push_back(*u);
        }
        save_checkpoint(*setup_.checkpoint_path, c);
    }
    // A merged unit's spool goes only once a checkpoint says it is merged,
    // and so does the merged part of the spool being merged.
    for (const std::string& path : spools_to_remove_) remove_file(path);
    spools_to_remove_.clear();
    if (reader_ && reader_unit_->merged_length >= discarded_ + discard_step) {
        reader_->file().discard_prefix(reader_unit_->merged_length);
        discarded_ = reader_unit_->merged_length;
    }
}

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

void ExportEngine::stop_workers() noexcept {
    {
        std::lock_guard<std::mutex> lock(mu_);
        stopping_ = true;
    }
    work_cv_.notify_all();
    for (std::thread& t : threads_)
        if (t.joinable()) t.join();
    threads_.clear();
}

EngineResult ExportEngine::run() {
    int pending = 0;
    for (const ExportUnit* u : order_) pending += u->state == UnitState::pending;
    const int workers = std::max(1, std::min(options_.parallel, pending));
    if (pending > 0) {
        std::lock_guard<std::mutex> lock(mu_);
        workers_running_ = workers;
    }
    if (pending > 0) {
        for (int i = 0; i < workers; ++i) threads_.emplace_back([this] { worker_main(); });
    }
    try {
        for (;;) {
            bool workers_done;
            {
                std::unique_lock<std::mutex> lock(mu_);
                main_cv_.wait_for(lock, options_.progress_interval, [this] { return changed_; });
                changed_ = false;
                workers_done = workers_running_ == 0;
            }
            const bool wrote = merge_ready();
            if (wrote || workers_done) write_checkpoint();
            report_progress(false);
            if (workers_done) break;
        }
    } catch (...) {
        // The output failed: the last checkpoint written is the consistent one.
        fail(std::current_exception());
        stop_workers();
        std::rethrow_exception(error_);
    }
    stop_workers();
    if (error_) std::rethrow_exception(error_);
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (head_ != order_.size())
            throw Error(ErrorKind::protocol, "internal error: the export ended with units not merged");
    }
    report_progress(true);
    EngineResult r;
    r.leads_written = leads_written_;
    r.duplicates = duplicates_;
    r.pages = pages_;
    r.units = static_cast<int>(order_.size());
    return r;
}

}  // namespace mktows::detail
