// mktows-sandbox as a library: a faithful local stand-in for Marketo's SOAP
// API (mktows 2_7), served over HTTP or HTTPS on loopback by a pool of
// workers. The `mktows-sandbox` program is a thin main() around it, and the
// `mktows` CLI embeds it for `--sandbox`.
//
//     mktows::sandbox::Options options;     // demo data and credentials
//     options.port = 0;                     // any free port
//     mktows::sandbox::Sandbox sandbox(options);
//     sandbox.start();
//     client_options.endpoint = sandbox.endpoint();
//     ...
//     sandbox.stop();                       // or let the destructor do it
#ifndef MKTOWS_SANDBOX_SANDBOX_HPP
#define MKTOWS_SANDBOX_SANDBOX_HPP

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "mktows/lead.hpp"
#include "mktows/time.hpp"

namespace mktows::sandbox {

/// The demo account every sandbox accepts unless told otherwise. Public on
/// purpose (they are in --help and the README): `mktows get-multiple-leads
/// --sandbox` signs with them. Never use them anywhere real.
inline constexpr const char* demo_user_id = "mktows_sandbox_demo_1_A1B2C3D4E5F6";
inline constexpr const char* demo_secret_key = "mktows-sandbox-demo-secret-0123456789";

/// Path of the service endpoint, as on a Marketo instance.
inline constexpr const char* endpoint_path = "/soap/mktows/2_7";

/// Everything the sandbox can be told; each field has a command-line flag
/// (see usage()). Defaults: demo data and credentials, no latency, no
/// injected failures, no churn, Marketo's limits off.
struct Options {
    /// TCP port on 127.0.0.1 (--port); 0 picks a free one (see Sandbox::port()).
    int port = 8080;
    /// HTTPS with this certificate (chain) and key, both PEM (--tls-cert,
    /// --tls-key); both empty for plain HTTP.
    std::string tls_cert_file;
    std::string tls_key_file;

    /// Built-in data set: this many leads (--leads) made from this seed (--seed).
    int leads = 10000;
    std::uint64_t seed = 1;
    /// Load leads from this JSONL file instead (--data); see usage().
    std::string data_file;

    /// The account (--user-id, --secret-key).
    std::string user_id = demo_user_id;
    std::string secret_key = demo_secret_key;
    /// A requestTimestamp further than this from the sandbox's clock, either
    /// way, is refused with 20016 (--max-clock-skew SECONDS).
    std::chrono::seconds max_clock_skew{900};

    /// Rate limit (--rate-limit CALLS/SECONDS): at most rate_limit_calls
    /// calls in any rate_limit_period, else 20023. 0 = off.
    int rate_limit_calls = 0;
    std::chrono::seconds rate_limit_period{0};
    /// At most this many calls in progress at once, else 20024
    /// (--max-concurrency). 0 = off.
    int max_concurrency = 0;
    /// Calls allowed per day (midnight to midnight, US Central Standard
    /// Time), else 20015 (--daily-quota). 0 = off.
    std::int64_t daily_quota = 0;
    /// Added to every call before it is answered (--latency-ms).
    std::chrono::milliseconds latency{0};
    /// This fraction of calls (0..1) is answered by closing the connection
    /// without a response (--fail-rate); the draws follow `seed`.
    double fail_rate = 0.0;
    /// This fraction of calls (0..1) is answered with fault 10001 or 20011,
    /// Marketo's internal errors, which a client retries (--fault-rate).
    double fault_rate = 0.0;
    /// This fraction of calls (0..1) is answered with HTTP 503 and no SOAP
    /// body, as a proxy in front of a busy instance does (--http-error-rate).
    double http_error_rate = 0.0;
    /// Added to a getMultipleLeads call for every lead it returns, on top of
    /// `latency` (--latency-per-lead-ms): large pages are slow, as on
    /// Marketo, and a client with a short receive timeout sees them time out.
    std::chrono::milliseconds latency_per_lead{0};
    /// This many leads a second get updatedAt = now (--churn).
    int churn_per_second = 0;

    /// Worker threads, i.e. connections served at once (--workers).
    int workers = 32;
    /// A keep-alive connection idle this long is closed (--idle-timeout SECONDS).
    std::chrono::seconds idle_timeout{30};
    /// One line per call on the log stream (--verbose).
    bool verbose = false;

    /// Throws mktows::Error(invalid_argument) saying which value is wrong
    /// and what is allowed.
    void validate() const;
};

/// What the command line asked for.
struct CommandLine {
    Options options;
    bool help = false;         ///< --help: print usage() and exit 0
    bool print_lists = false;  ///< --print-lists: print the lists and exit 0
};

/// Parses mktows-sandbox's arguments (argv[0] is skipped). Throws
/// mktows::Error(invalid_argument) for an unknown flag, a missing or
/// malformed value, or inconsistent options, naming the flag.
CommandLine parse_command_line(int argc, const char* const* argv);

/// The --help text: every flag with its default, the demo credentials, the
/// data set, the JSONL format of --data, and the operations (getMultipleLeads
/// and getLead are implemented, every other one answers a fault).
std::string usage();

/// The 21 operations of the 2_7 WSDL that the sandbox answers with fault
/// 20019 ("not implemented by mktows-sandbox").
const std::vector<std::string>& unimplemented_operations();

/// A static list.
struct ListInfo {
    int id = 0;
    std::string name;        ///< "Program.List"
    std::int64_t size = 0;   ///< number of leads in it
};

/// One lead as the sandbox holds it (a copy), for tests and tools.
struct LeadSnapshot {
    Lead lead;                 ///< Id, Email, ForeignSys*, every attribute
    TimePoint updated_at;
    std::vector<int> list_ids; ///< ascending
};

/// Counters since start().
struct Stats {
    std::int64_t calls = 0;          ///< SOAP requests answered or dropped
    std::int64_t faults = 0;         ///< of which answered with a fault
    std::int64_t dropped = 0;        ///< closed without a response (--fail-rate)
    std::int64_t http_errors = 0;    ///< answered with HTTP 503 (--http-error-rate)
    std::int64_t connections = 0;    ///< connections accepted
    int max_in_progress = 0;         ///< most calls in progress at once
};

class Sandbox {
public:
    /// Validates the options and loads (--data) or makes the data set.
    /// Throws mktows::Error(invalid_argument) for bad options and for a bad
    /// data file (with the line number and what is wrong on it).
    explicit Sandbox(Options options);
    ~Sandbox();  ///< stop()s
    Sandbox(const Sandbox&) = delete;
    Sandbox& operator=(const Sandbox&) = delete;

    /// Binds 127.0.0.1:port, loads the TLS certificate if any, starts the
    /// workers (and churn) and returns. Throws mktows::Error (io) when the
    /// port cannot be bound or the certificate/key cannot be used.
    void start();
    /// Closes every connection and joins every thread, within a second.
    /// Idempotent; safe to call from any thread but a worker's.
    void stop();
    bool running() const noexcept;

    /// http(s)://127.0.0.1:PORT/soap/mktows/2_7 (after start()).
    std::string endpoint() const;
    /// The bound port (after start(); the real one when options.port was 0).
    int port() const noexcept;
    /// "listening on <endpoint>", the first line mktows-sandbox prints.
    std::string listening_line() const;

    const Options& options() const noexcept;
    std::vector<ListInfo> lists() const;
    /// "id<TAB>name\n" for every list, by id.
    void print_lists(std::ostream& out) const;
    /// Number of leads.
    std::int64_t lead_count() const;
    /// Every lead, by Id, as it is now (churn changes updated_at).
    std::vector<LeadSnapshot> snapshot() const;
    Stats stats() const;

    /// Where --verbose lines go (default std::clog). Set before start().
    void set_log(std::ostream* log);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace mktows::sandbox

#endif
