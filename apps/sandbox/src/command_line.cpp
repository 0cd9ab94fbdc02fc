// mktows-sandbox's command line: parse_command_line (with CLI11) and usage().
#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "builtin_data.hpp"
#include "data_set.hpp"
#include "mktows/error.hpp"
#include "mktows_sandbox/sandbox.hpp"

namespace mktows::sandbox {

namespace {

[[noreturn]] void bad(const std::string& what) {
    throw Error(ErrorKind::invalid_argument, what + " (see mktows-sandbox --help)");
}

std::string read_secret_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) bad("cannot read --secret-file " + path + ": " + std::strerror(errno));
    std::string secret;
    std::getline(in, secret);
    while (!secret.empty() && (secret.back() == '\r' || secret.back() == ' ' || secret.back() == '\t')) secret.pop_back();
    if (secret.empty()) bad("--secret-file " + path + " is empty; put the secret key on its first line");
    return secret;
}

void parse_rate_limit(const std::string& text, Options& options) {
    const auto slash = text.find('/');
    auto positive = [](const std::string& s, long long max) -> long long {
        if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos) return -1;
        const long long v = std::stoll(s);
        return v >= 1 && v <= max ? v : -1;
    };
    const long long calls = slash == std::string::npos ? -1 : positive(text.substr(0, slash), 1'000'000);
    const long long seconds = slash == std::string::npos ? -1 : positive(text.substr(slash + 1), 86'400);
    if (calls < 0 || seconds < 0)
        bad("--rate-limit '" + text + "' is not CALLS/SECONDS; use two positive integers, such as 100/20");
    options.rate_limit_calls = static_cast<int>(calls);
    options.rate_limit_period = std::chrono::seconds(seconds);
}

}  // namespace

CommandLine parse_command_line(int argc, const char* const* argv) {
    CommandLine result;
    Options& o = result.options;
    CLI::App app("mktows-sandbox", "mktows-sandbox");
    app.set_help_flag();  // usage() is ours
    app.allow_windows_style_options(false);

    int port = o.port, leads = o.leads, workers = o.workers, churn = 0, max_concurrency = 0;
    long long seed = static_cast<long long>(o.seed), daily_quota = 0, skew = o.max_clock_skew.count(), latency = 0,
              idle = o.idle_timeout.count();
    double fail_rate = 0, fault_rate = 0, http_error_rate = 0;
    long long latency_per_lead = 0;
    std::string rate_limit, secret_key, secret_file;

    app.add_flag("--help,-h", result.help);
    app.add_flag("--print-lists", result.print_lists);
    app.add_flag("--verbose,-v", o.verbose);
    auto* port_opt = app.add_option("--port", port);
    app.add_option("--tls-cert", o.tls_cert_file);
    app.add_option("--tls-key", o.tls_key_file);
    auto* leads_opt = app.add_option("--leads", leads);
    app.add_option("--seed", seed);
    auto* data_opt = app.add_option("--data", o.data_file);
    app.add_option("--user-id", o.user_id);
    auto* key_opt = app.add_option("--secret-key", secret_key);
    auto* file_opt = app.add_option("--secret-file", secret_file);
    app.add_option("--max-clock-skew", skew);
    auto* rate_opt = app.add_option("--rate-limit", rate_limit);
    app.add_option("--max-concurrency", max_concurrency);
    auto* quota_opt = app.add_option("--daily-quota", daily_quota);
    app.add_option("--latency-ms", latency);
    app.add_option("--fail-rate", fail_rate);
    app.add_option("--fault-rate", fault_rate);
    app.add_option("--http-error-rate", http_error_rate);
    app.add_option("--latency-per-lead-ms", latency_per_lead);
    app.add_option("--churn", churn);
    app.add_option("--workers", workers);
    app.add_option("--idle-timeout", idle);
    (void)port_opt;

    std::vector<std::string> args;
    for (int i = argc - 1; i >= 1; --i) args.emplace_back(argv[i]);  // CLI11 takes them reversed
    try {
        app.parse(args);
    } catch (const CLI::ParseError& e) {
        bad(std::string("bad command line: ") + e.what());
    }
    if (result.help) return result;

    if (*data_opt && *leads_opt) bad("--leads and --data cannot be combined: the leads come from one or the other");
    if (*key_opt && *file_opt) bad("give the secret key once: --secret-key or --secret-file, not both");
    if (seed < 0) bad("--seed must be 0 or more");
    if (*quota_opt && daily_quota < 1) bad("--daily-quota must be 1 or more");
    if (max_concurrency < 0) bad("--max-concurrency must be 1 or more");
    if (*rate_opt) parse_rate_limit(rate_limit, o);

    o.port = port;
    o.leads = leads;
    o.seed = static_cast<std::uint64_t>(seed);
    o.workers = workers;
    o.churn_per_second = churn;
    o.max_concurrency = max_concurrency;
    o.daily_quota = daily_quota;
    o.max_clock_skew = std::chrono::seconds(skew);
    o.latency = std::chrono::milliseconds(latency);
    o.idle_timeout = std::chrono::seconds(idle);
    o.fail_rate = fail_rate;
    o.fault_rate = fault_rate;
    o.http_error_rate = http_error_rate;
    o.latency_per_lead = std::chrono::milliseconds(latency_per_lead);
    if (*key_opt) o.secret_key = secret_key;
    else if (*file_opt) o.secret_key = read_secret_file(secret_file);
    else if (const char* env = std::getenv("MKTOWS_SANDBOX_SECRET_KEY"); env && *env) o.secret_key = env;
    if (!result.print_lists) o.validate();
    return result;
}

std::string usage() {
    std::ostringstream u;
    const Options d;
    u << "mktows-sandbox: a local stand-in for Marketo's SOAP API (mktows 2_7), for development and tests.\n"
         "\n"
         "usage: mktows-sandbox [options]\n"
         "\n"
         "Serves http://127.0.0.1:PORT" << endpoint_path << " (https with --tls-cert/--tls-key) and prints\n"
         "  listening on http://127.0.0.1:PORT" << endpoint_path << "\n"
         "as its first line on stdout. GET <endpoint>?WSDL returns the WSDL, its soap:address set to\n"
         "the endpoint. SIGINT or SIGTERM stops it within a second.\n"
         "\n"
         "Server:\n"
         "  --port N                TCP port on 127.0.0.1 (default " << d.port << "; 0 = any free port)\n"
         "  --tls-cert FILE         serve HTTPS with this PEM certificate (chain) ...\n"
         "  --tls-key FILE          ... and this unencrypted PEM private key\n"
         "  --workers N             connections served at once (default " << d.workers << ")\n"
         "  --idle-timeout SECONDS  close keep-alive connections idle this long (default " << d.idle_timeout.count() << ")\n"
         "  --verbose, -v           one line per call on stderr\n"
         "\n"
         "Data:\n"
         "  --leads N               built-in data set of N leads, at most 2000000 (default " << d.leads << ")\n"
         "  --seed S                seed of the data set, of the injected failures and of --churn (default " << d.seed << ")\n"
         "  --data FILE             load the leads from a JSONL file instead (format below)\n"
         "  --print-lists           print 'id<TAB>name' for every static list and exit\n"
         "\n"
         "Authentication (as Marketo: HMAC-SHA1(secret, requestTimestamp + userId) in hex):\n"
         "  --user-id ID            the user id clients sign with (default, public demo: " << demo_user_id << ")\n"
         "  --secret-key KEY        its secret key (default, public demo: " << demo_secret_key << ");\n"
         "                          (shown as *** in the process list once read, but other local\n"
         "                          users may see it while the sandbox starts), so prefer:\n"
         "  --secret-file FILE      the secret key on the first line of FILE, or\n"
         "  MKTOWS_SANDBOX_SECRET_KEY  (environment) the secret key\n"
         "  --max-clock-skew SECONDS  requestTimestamp further than this from now, either way,\n"
         "                          is refused with 20016 (default " << d.max_clock_skew.count() << ")\n"
         "  A wrong user id or signature, or no AuthenticationHeader, is refused with 20014.\n"
         "\n"
         "Limits and faults (all off by default):\n"
         "  --rate-limit CALLS/SECONDS  at most CALLS calls in any SECONDS (Marketo: 100/20) -> 20023\n"
         "  --max-concurrency N     at most N calls in progress (Marketo: 10) -> 20024\n"
         "  --daily-quota N         at most N calls a day, midnight to midnight US Central (Marketo: 10000) -> 20015\n"
         "  --latency-ms N          add N ms to every call\n"
         "  --fail-rate P           close the connection without a response on a fraction P (0..1) of calls\n"
         "  --fault-rate P          answer a fraction P of calls with fault 10001 or 20011 (internal errors)\n"
         "  --http-error-rate P     answer a fraction P of calls with HTTP 503 and no SOAP body\n"
         "  --latency-per-lead-ms N add N ms to a getMultipleLeads call for every lead it returns\n"
         "  --churn N               N leads a second get updatedAt = now, as in a live instance\n"
         "\n"
         "Operations: getMultipleLeads and getLead. The other 21 operations of the WSDL answer fault\n"
         "20019 (not implemented by mktows-sandbox):\n  ";
    std::size_t column = 2;
    for (const auto& op : unimplemented_operations()) {
        if (column + op.size() + 1 > 96) {
            u << "\n  ";
            column = 2;
        }
        u << op << ' ';
        column += op.size() + 1;
    }
    u << "\n"
         "\n"
         "getMultipleLeads, as Marketo: LeadKeySelector, StaticListSelector (name 'Program.List' or id),\n"
         "LastUpdateAtSelector (both bounds inclusive, at most 30 days apart, else 20022; no\n"
         "latestUpdatedAt means now). The first 100 keys are honoured, extra keys ignored. batchSize\n"
         "absent: 1000; above 1000: capped at 1000; below 1: 20110. includeAttributes limits the\n"
         "attributes returned (names match case-insensitively; empty or absent: all). Leads come\n"
         "by Id (LastUpdateAt: by updatedAt, then Id). newStreamPosition names the last lead\n"
         "returned (not an offset), is signed and bound to its query (else 20122), and is empty\n"
         "when remainingCount is 0; a position from another sandbox (or one restarted) is 20122.\n"
         "getLead returns every lead matching the key (20103 when none).\n"
         "\n"
         "Faults are Marketo's: HTTP 500, faultcode SOAP-ENV:Client (SOAP-ENV:Server for internal\n"
         "errors), faultstring 'CODE - Message', detail <ns1:serviceException> with name\n"
         "mktServiceException, message and code. 20109/20017 missing parameters, 20110 bad batchSize\n"
         "or window, 20111 unknown list, 20101 no lead key, 20102 unknown keyType, 20012 XML the\n"
         "sandbox cannot read. Connections are kept alive (also after a fault); responses are gzipped\n"
         "when the request accepts gzip; request bodies over 8 MB get HTTP 413.\n"
         "\n"
         "Lead keys match: IDNUM the Id, EMAIL the Email (case-insensitive), LEADOWNEREMAIL the\n"
         "attribute LeadOwnerEmail (case-insensitive), COOKIE the attribute Cookie, SFDCACCOUNTID\n"
         "SFDCAccountId, SFDCCONTACTID SFDCContactId, SFDCLEADID SFDCLeadId, SFDCLEADOWNERID\n"
         "SFDCLeadOwnerId, SFDCOPPTYID SFDCOpptyId.\n"
         "\n"
         "The built-in data set is deterministic for a given --leads and --seed: Ids from 1001 with\n"
         "gaps (with the two leads of Marketo's sample, 65835 and 67508); attributes of the types\n"
         "string, integer, boolean, date, datetime, float, currency, url, email and phone, with\n"
         "non-ASCII text and XML-special characters; ForeignSysPersonId/ForeignSysType nil on about\n"
         "two thirds; updatedAt from 2024-01-01 to 2025-12-31 (UTC), some on the same second;\n"
         "static lists (see --print-lists), 1 = SMSProgram.listForTesting.\n"
         "\n"
         "--data FILE: one JSON object a line, the mktows CLI's JSONL output plus \"updatedAt\" and\n"
         "optional \"lists\":\n"
         "  {\"Id\":65835,\"Email\":\"formtest1@marketo.com\",\"ForeignSysPersonId\":null,\"ForeignSysType\":null,\n"
         "   \"attributes\":{\"Company\":\"Marketo Test\",\"LeadScore\":16},\"updatedAt\":\"2025-05-18T12:00:00Z\",\n"
         "   \"lists\":[\"SMSProgram.listForTesting\"]}\n"
         "Id is required and unique; Email, ForeignSysPersonId, ForeignSysType absent or null are nil;\n"
         "updatedAt absent is the time the sandbox started. Attribute types follow the JSON value:\n"
         "integer -> integer, other numbers -> float, true/false -> boolean, strings -> string,\n"
         "null -> string with an empty value; attributes keep the order of the file. List ids are\n"
         "1, 2, 3, ... in order of first appearance.\n"
         "A bad line stops the sandbox with its line number and what is wrong.\n"
         "\n"
         "Exit status: 0 after a clean stop, --help or --print-lists; 2 for a bad command line or data\n"
         "file; 1 when the server cannot start (port in use, unusable certificate).\n";
    return u.str();
}

}  // namespace mktows::sandbox
