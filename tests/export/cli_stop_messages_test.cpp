// How an export that stops is reported. The CLI (the built binary, as a user
// runs it): a refused connection, faults 20111 and 20014, a spent
// --max-calls budget (exit 6) and the daily quota (20015) each say in one or two sentences what happened,
// what was kept and what to do, in the CLI's terms (no library names), and
// the same command continues a checkpointed export. The library: the parts
// of mktows::ExportError that such a message is made from.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <thread>

#include "export_fixture.hpp"
#include "mktows/connection.hpp"
#include "mktows/export.hpp"
#include "support/child_process.hpp"
#include "support/cli_account_env.hpp"
#include "support/closed_port.hpp"

using namespace export_test;
using mktows_test::ProcessOptions;
using mktows_test::ProcessResult;

namespace {

const char* const since = "2024-02-01T00:00:00Z";
const char* const until = "2024-07-31T23:59:59Z";

/// The next midnight US Central Standard Time (06:00 UTC) after now.
mktows::TimePoint next_quota_reset(mktows::TimePoint now) {
    constexpr long long day = 86400, six_hours = 6 * 3600;
    const long long t = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    return mktows::TimePoint(std::chrono::seconds(((t - six_hours) / day + 1) * day + six_hours));
}

#ifdef MKTOWS_CLI_PATH

std::map<std::string, std::string> account(const std::string& endpoint) {
    return mktows_test::cli_account_env(endpoint, {mktows::sandbox::demo_user_id, mktows::sandbox::demo_secret_key});
}

ProcessResult run_cli(std::vector<std::string> args, const std::map<std::string, std::string>& env) {
    args.insert(args.begin(), {MKTOWS_CLI_PATH, "get-multiple-leads"});
    ProcessOptions o;
    o.env = env;
    return mktows_test::run_process(args, o);
}

std::vector<std::string> range_args(std::vector<std::string> extra) {
    std::vector<std::string> args{"--updated-since", since, "--updated-until", until, "--batch-size", "50"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

std::size_t line_count(const std::string& text) {
    std::size_t n = 0;
    for (const char c : text) n += c == '\n';
    return n;
}

/// A failure message: one line, in the CLI's terms.
void check_cli_terms(const std::string& err) {
    INFO("stderr: " << err);
    CHECK(line_count(err) == 1);
    CHECK(err.rfind("mktows: ", 0) == 0);
    for (const char* library_name : {"ExportOptions", "LimitOptions", "TransportOptions", "RetryOptions"}) {
        CAPTURE(library_name);
        CHECK(err.find(library_name) == std::string::npos);
    }
}

#endif

// How many times part stands in text.
std::size_t count_of(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
    return n;
}

}  // namespace

#ifdef MKTOWS_CLI_PATH

TEST_SUITE("cli") {

TEST_CASE("a refused connection: what failed and what to check; no checkpoint advice when nothing was written") {
    TempDir dir;
    const std::string out = dir.file("leads.jsonl");
    const ProcessResult r =
        run_cli(range_args({"--max-retries", "1", "--initial-backoff", "0.01", "--output", out}),
                account("http://127.0.0.1:" + std::to_string(mktows_test::closed_port()) + "/soap/mktows/2_7"));
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 5);
    check_cli_terms(r.err);
    CHECK(r.err.find("gave up after 2 attempts") != std::string::npos);
    CHECK(r.err.find("Nothing was written to " + out) != std::string::npos);
    CHECK(r.err.find("check --endpoint and the network") != std::string::npos);
    CHECK(r.err.find("checkpoint") == std::string::npos);
    CHECK(dir.entries().empty());
}

TEST_CASE("plain http to another machine is refused before any call, naming --endpoint") {
    const ProcessResult r = run_cli({"--static-list", "A.B"}, account("http://example.com/soap/mktows/2_7"));
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 2);
    check_cli_terms(r.err);
    CHECK(r.err.find("--endpoint http://example.com/soap/mktows/2_7 uses plain http") != std::string::npos);
    CHECK(r.err.find("https://") != std::string::npos);
}

TEST_CASE("faults that are not retried: the code, and the options to check") {
    TempDir dir;
    eight_month_data(dir, 300);
    RunningSandbox sandbox(sandbox_options(dir.file("data.jsonl")));

    ProcessResult r = run_cli({"--static-list", "No.Such"}, account(sandbox->endpoint()));
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 4);
    check_cli_terms(r.err);
    CHECK(r.err.find("20111") != std::string::npos);
    CHECK(r.err.find(". Nothing was written; check --static-list (names have the form Program.List) or "
                     "--static-list-id.") != std::string::npos);
    // The advice is said once, in the CLI's terms.
    CHECK(count_of(r.err, "Program.List") == 1);
    CHECK(count_of(r.err, "20111") == 1);

    auto wrong = account(sandbox->endpoint());
    wrong["MKTOWS_SECRET_KEY"] = "not-the-secret";
    r = run_cli(range_args({}), wrong);
    CHECK(r.exit_code == 3);
    check_cli_terms(r.err);
    CHECK(r.err.find("20014") != std::string::npos);
    CHECK(r.err.find("check --user-id (or MKTOWS_USER_ID), the secret key (MKTOWS_SECRET_KEY or --secret-file; "
                     "Admin > Web Services) and the machine's clock") != std::string::npos);
    CHECK(count_of(r.err, "Web Services") == 1);
    CHECK(count_of(r.err, "clock") == 1);
    CHECK(count_of(r.err, "20014") == 1);
    CHECK(r.err.find("not-the-secret") == std::string::npos);
}

TEST_CASE("--max-calls without --checkpoint: exit 6, the leads fetched are dropped, and how to continue next time") {
    TempDir dir;
    eight_month_data(dir, 1500);
    RunningSandbox sandbox(sandbox_options(dir.file("data.jsonl")));
    const std::string out = dir.file("leads.jsonl");
    const ProcessResult r = run_cli(range_args({"--max-calls", "4", "--output", out}), account(sandbox->endpoint()));
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 6);
    check_cli_terms(r.err);
    CHECK(r.err.find("the --max-calls budget of 4 calls is spent. The ") != std::string::npos);
    CHECK(r.err.find("leads fetched were dropped and " + out + " was not written") != std::string::npos);
    CHECK(r.err.find("give --checkpoint FILE as well") != std::string::npos);
    CHECK_FALSE(file_exists(out));
    CHECK(sandbox->stats().calls == 4);
}

TEST_CASE("daily quota (20015) with --checkpoint: exit 4, when the quota resets, and the same command continues") {
    TempDir dir;
    const LeadData data = eight_month_data(dir, 2000);
    const std::string out = dir.file("leads.csv");
    const std::string checkpoint = dir.file("leads.checkpoint");
    const auto args = range_args({"--format", "csv", "--checkpoint", checkpoint, "--output", out});
    {
        auto so = sandbox_options(dir.file("data.jsonl"));
        so.daily_quota = 6;
        RunningSandbox sandbox(so);
        const mktows::TimePoint before = std::chrono::system_clock::now();
        const ProcessResult r = run_cli(args, account(sandbox->endpoint()));
        const mktows::TimePoint after = std::chrono::system_clock::now();
        INFO("stderr: " << r.err);
        CHECK(r.exit_code == 4);
        check_cli_terms(r.err);
        CHECK(r.err.find("Marketo's daily call quota is spent (fault 20015); it resets at ") != std::string::npos);
        const bool reset_shown =
            r.err.find(mktows::format_w3c_utc(next_quota_reset(before)) + " (midnight US Central time), in ") !=
                std::string::npos ||
            r.err.find(mktows::format_w3c_utc(next_quota_reset(after))) != std::string::npos;
        CHECK(reset_shown);
        CHECK(r.err.find("after the reset, run the same command again to continue from the checkpoint " +
                         checkpoint) != std::string::npos);
        CHECK(file_exists(checkpoint));
        CHECK_FALSE(file_exists(out));
    }
    // The next day (a new sandbox: its stream positions are new, so the
    // units in progress start over and de-duplication absorbs the repeats).
    RunningSandbox next_day(sandbox_options(dir.file("data.jsonl")));
    const ProcessResult r = run_cli(args, account(next_day->endpoint()));
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("resumed from the checkpoint") != std::string::npos);
    check_exactly_once(csv_ids(out), data.ids_updated_in(utc(since), utc(until)));
    CHECK_FALSE(file_exists(checkpoint));
}

TEST_CASE("--output that is not a regular file (a FIFO) is written in place; --checkpoint refuses it") {
    TempDir dir;
    const LeadData data = eight_month_data(dir, 700);
    RunningSandbox sandbox(sandbox_options(dir.file("data.jsonl")));
    const std::string fifo = dir.file("leads.fifo");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);

    std::string received;
    std::thread reader([&] {
        const int fd = ::open(fifo.c_str(), O_RDONLY);
        if (fd < 0) return;
        char buffer[65536];
        ssize_t n;
        while ((n = ::read(fd, buffer, sizeof buffer)) > 0) received.append(buffer, static_cast<std::size_t>(n));
        ::close(fd);
    });
    const ProcessResult r = run_cli({"--static-list", "Program.Sevens", "--output", fifo}, account(sandbox->endpoint()));
    reader.join();
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 0);
    CHECK(line_count(received) == data.ids_in_list("Program.Sevens").size());
    struct stat st {};
    REQUIRE(::stat(fifo.c_str(), &st) == 0);
    CHECK(S_ISFIFO(st.st_mode));
    CHECK(dir.entries() == std::vector<std::string>{"data.jsonl", "leads.fifo"});

    const ProcessResult refused = run_cli(
        {"--static-list", "Program.Sevens", "--checkpoint", dir.file("cp"), "--output", fifo}, account(sandbox->endpoint()));
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("--checkpoint needs --output to be a regular file") != std::string::npos);
}

}  // TEST_SUITE("cli")

#endif

TEST_SUITE("library") {

TEST_CASE("ExportError: the first failure, the leads written, the checkpoint and the quota's reset, kept apart") {
    TempDir dir;
    eight_month_data(dir, 1500);
    const mktows::GetMultipleLeadsRequest request(mktows::LastUpdateAtSelector(utc(since), utc(until)));

    // A budget stop without a checkpoint.
    {
        RunningSandbox sandbox(sandbox_options(dir.file("data.jsonl")));
        mktows::ClientOptions client = client_options(*sandbox);
        client.limits.max_calls = 2;
        mktows::Exporter exporter(mktows::make_connection(client), mktows::ExportOptions{});
        try {
            exporter.run(request, mktows::ExportFile{dir.file("budget.jsonl")});
            FAIL("the budget did not stop the export");
        } catch (const mktows::ExportError& e) {
            CHECK(e.kind() == mktows::ErrorKind::budget_exhausted);
            CHECK_FALSE(e.resumable());
            CHECK(e.checkpoint_file().empty());
            CHECK_FALSE(e.quota_resets_at().has_value());
            CHECK(e.leads_written() >= 0);
            CHECK(e.cause().find("call budget of 2 calls is spent") != std::string::npos);
            const std::string what = e.what();
            CHECK(what.rfind(e.cause(), 0) == 0);
            CHECK(what.find("without a checkpoint it cannot be continued") != std::string::npos);
        }
    }
    // 20015 with a checkpoint, "now" pinned one second before a reset.
    auto so = sandbox_options(dir.file("data.jsonl"));
    so.daily_quota = 3;
    RunningSandbox sandbox(so);
    mktows::ExportOptions options;
    options.parallel = 1;
    options.checkpoint_file = dir.file("quota.checkpoint");
    options.clock = [] { return utc("2024-03-10T05:59:59Z"); };
    mktows::Exporter exporter(mktows::make_connection(client_options(*sandbox)), options);
    try {
        exporter.run(request, mktows::ExportFile{dir.file("quota.jsonl")});
        FAIL("the quota did not stop the export");
    } catch (const mktows::ExportError& e) {
        CHECK(e.service_code() == 20015);
        CHECK(e.attempts() == 1);
        CHECK(e.resumable());
        CHECK(e.checkpoint_file() == dir.file("quota.checkpoint"));
        REQUIRE(e.quota_resets_at().has_value());
        CHECK(*e.quota_resets_at() == utc("2024-03-10T06:00:00Z"));
        CHECK(e.leads_written() > 0);
        CHECK(e.cause().find("20015") != std::string::npos);
        const std::string what = e.what();
        CHECK(what.find("the quota resets at 2024-03-10T06:00:00Z (midnight US Central time), in 0 h 1 min") !=
              std::string::npos);
        CHECK(what.find(std::to_string(e.leads_written()) + " leads written") != std::string::npos);
        CHECK(what.find("run the same export again") != std::string::npos);
    }
}

}  // TEST_SUITE("library")
