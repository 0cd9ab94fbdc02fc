// Options::validate and the list of operations the sandbox does not implement.
#include <cmath>

#include "mktows/error.hpp"
#include "mktows_sandbox/sandbox.hpp"

namespace mktows::sandbox {

namespace {

[[noreturn]] void bad(const std::string& what) { throw Error(ErrorKind::invalid_argument, what); }

}  // namespace

void Options::validate() const {
    if (port < 0 || port > 65535) bad("--port " + std::to_string(port) + " is not a TCP port; use 0..65535 (0: any free port)");
    if (tls_cert_file.empty() != tls_key_file.empty())
        bad("HTTPS needs both --tls-cert FILE and --tls-key FILE (PEM); give both, or neither for plain HTTP");
    if (data_file.empty() && (leads < 0 || leads > 2'000'000))
        bad("--leads " + std::to_string(leads) + " is out of range; use 0..2000000 (about 700 bytes of memory a lead)");
    if (user_id.empty()) bad("--user-id is empty; give the user id clients sign with");
    if (secret_key.empty()) bad("the secret key is empty; give one with --secret-key, --secret-file or MKTOWS_SANDBOX_SECRET_KEY");
    if (max_clock_skew.count() < 0) bad("--max-clock-skew must be 0 or more seconds");
    if (rate_limit_calls < 0 || rate_limit_period.count() < 0 || (rate_limit_calls > 0) != (rate_limit_period.count() > 0))
        bad("--rate-limit needs CALLS/SECONDS with both positive, such as 100/20");
    if (max_concurrency < 0) bad("--max-concurrency must be 1 or more (or absent: no limit)");
    if (daily_quota < 0) bad("--daily-quota must be 1 or more (or absent: no quota)");
    if (latency.count() < 0 || latency > std::chrono::minutes(10))
        bad("--latency-ms must be between 0 and 600000");
    if (!(fail_rate >= 0.0 && fail_rate <= 1.0) || std::isnan(fail_rate))
        bad("--fail-rate must be a fraction between 0 and 1, such as 0.05");
    if (!(fault_rate >= 0.0 && fault_rate <= 1.0) || std::isnan(fault_rate))
        bad("--fault-rate must be a fraction between 0 and 1, such as 0.05");
    if (!(http_error_rate >= 0.0 && http_error_rate <= 1.0) || std::isnan(http_error_rate))
        bad("--http-error-rate must be a fraction between 0 and 1, such as 0.05");
    if (latency_per_lead.count() < 0 || latency_per_lead > std::chrono::seconds(10))
        bad("--latency-per-lead-ms must be between 0 and 10000");
    if (churn_per_second < 0 || churn_per_second > 1'000'000) bad("--churn must be between 0 and 1000000 leads a second");
    if (workers < 1 || workers > 1024) bad("--workers must be between 1 and 1024");
    if (max_concurrency > 0 && workers <= max_concurrency)
        bad("--workers (" + std::to_string(workers) + ") must exceed --max-concurrency (" +
            std::to_string(max_concurrency) + "), or the limit can never be reached; raise --workers");
    if (idle_timeout.count() < 1) bad("--idle-timeout must be 1 or more seconds");
}

const std::vector<std::string>& unimplemented_operations() {
    static const std::vector<std::string> operations = {
        "deleteMObjects",        "describeMObject",   "getMObjects",     "syncMObjects",
        "getCampaignsForSource", "getImportToListStatus", "getLeadActivity", "getLeadChanges",
        "importToList",          "listMObjects",      "listOperation",   "requestCampaign",
        "scheduleCampaign",      "syncLead",          "syncMultipleLeads", "syncCustomObjects",
        "deleteCustomObjects",   "getCustomObjects",  "mergeLeads",      "getChannels",
        "getTags",
    };
    return operations;
}

}  // namespace mktows::sandbox
