// The error an export stops with (see export_stop.hpp), and ExportError.
#include "export/export_stop.hpp"

#include <utility>

#include "export/quota_reset.hpp"
#include "mktows/error.hpp"
#include "mktows/export.hpp"

namespace mktows {

struct ExportError::Details {
    std::string cause;
    std::int64_t leads_written = 0;
    std::string checkpoint_file;
    std::optional<TimePoint> quota_resets_at;
};

namespace {

std::string leads_text(std::int64_t n) { return std::to_string(n) + (n == 1 ? " lead" : " leads"); }

// what(): the cause, then what the export did and how to go on, in the
// library's terms (a caller such as the CLI words its own from the parts).
std::string stop_message(const Error& cause, std::int64_t leads, const std::string& checkpoint,
                         const std::optional<TimePoint>& quota_reset, TimePoint now) {
    std::string message = cause.what();
    if (quota_reset) message += "; the quota resets " + detail::describe_quota_reset(now);
    message += "; the export stopped with " + leads_text(leads) + " written; ";
    if (checkpoint.empty()) return message + "without a checkpoint it cannot be continued";
    message += "its progress is saved in the checkpoint '" + checkpoint +
               "': run the same export again (same query, output and checkpoint) to continue";
    if (quota_reset) message += " after the reset";
    return message;
}

}  // namespace

ExportError::ExportError(const Error& cause, const std::string& message, std::int64_t leads_written,
                         std::string checkpoint_file, std::optional<TimePoint> quota_resets_at)
    : Error(cause, message),
      details_(std::make_shared<const Details>(
          Details{cause.what(), leads_written, std::move(checkpoint_file), quota_resets_at})) {}

const std::string& ExportError::cause() const noexcept { return details_->cause; }
std::int64_t ExportError::leads_written() const noexcept { return details_->leads_written; }
const std::string& ExportError::checkpoint_file() const noexcept { return details_->checkpoint_file; }
const std::optional<TimePoint>& ExportError::quota_resets_at() const noexcept { return details_->quota_resets_at; }

namespace detail {

void rethrow_stopped(std::exception_ptr error, std::int64_t leads, const std::optional<std::string>& checkpoint,
                     TimePoint now) {
    try {
        std::rethrow_exception(error);
    } catch (const Error& e) {
        std::optional<TimePoint> quota_reset;
        if (e.kind() == ErrorKind::service_fault && e.service_code() == fault_code::request_limit_exceeded)
            quota_reset = next_quota_reset(now);
        const std::string checkpoint_file = checkpoint.value_or(std::string());
        throw ExportError(e, stop_message(e, leads, checkpoint_file, quota_reset, now), leads, checkpoint_file,
                          quota_reset);
    }
}

}  // namespace detail

}  // namespace mktows
