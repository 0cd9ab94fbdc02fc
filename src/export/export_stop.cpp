// The error an export stops with (see export_stop.hpp).
#include "export/export_stop.hpp"

#include "export/quota_reset.hpp"
#include "mktows/error.hpp"

namespace mktows::detail {

namespace {

std::string how_to_continue(const std::optional<std::string>& checkpoint) {
    if (checkpoint)
        return "its progress is saved in the checkpoint '" + *checkpoint +
               "': run the same export again (same query, output and checkpoint) to continue where it stopped";
    return "without a checkpoint it cannot be continued: run it again, with a checkpoint file "
           "(ExportOptions::checkpoint_file, mktows --checkpoint FILE) so that a stop can be continued";
}

std::string leads_text(std::int64_t n) { return std::to_string(n) + (n == 1 ? " lead" : " leads"); }

}  // namespace

void rethrow_stopped(std::exception_ptr error, std::int64_t leads,
                                  const std::optional<std::string>& checkpoint, TimePoint now) {
    try {
        std::rethrow_exception(error);
    } catch (const Error& e) {
        std::string message;
        if (e.kind() == ErrorKind::budget_exhausted) {
            message = std::string(e.what()) + "; the export stopped cleanly with " + leads_text(leads) +
                      " written; " + how_to_continue(checkpoint);
        } else if (e.kind() == ErrorKind::service_fault && e.service_code() == fault_code::request_limit_exceeded) {
            message = "Marketo's daily call quota is spent (fault 20015: " + std::string(e.what()) +
                      "); it resets " + describe_quota_reset(now) + "; the export stopped with " +
                      leads_text(leads) + " written; " + how_to_continue(checkpoint) + " after the reset";
        } else {
            message = std::string(e.what()) + "; the export stopped with " + leads_text(leads) + " written; " +
                      how_to_continue(checkpoint);
        }
        Error out(e.kind(), message, e.service_code(), e.http_status());
        out.set_attempts(e.attempts());
        throw out;
    }
}

}  // namespace mktows::detail
