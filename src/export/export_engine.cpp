// ExportEngine: setup, the calling thread's merge and checkpoint loop
// (see export_engine.hpp; the workers are in export_workers.cpp, progress in
// export_progress.cpp).
#include "export/export_engine.hpp"

#include <algorithm>

#include "export/posix_file.hpp"
#include "mktows/error.hpp"

namespace mktows::detail {

namespace {

// The merged part of the spool being merged is given back to the disk in
// steps of this size, so a long unit does not hold its whole length twice.
constexpr std::uint64_t discard_step = 8u << 20;

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
