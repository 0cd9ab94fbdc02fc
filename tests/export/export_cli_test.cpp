// `mktows get-multiple-leads` with the export flags, run as a user runs it
// (the built binary as a child process) against an in-process sandbox:
// killed with SIGKILL mid-export and resumed, stopped by --max-calls and
// resumed, limits passed through, progress, bad flags, and peak memory for
// ten times more leads.
#include <algorithm>
#include <doctest/doctest.h>

#include <signal.h>

#include <thread>

#include "export_fixture.hpp"
#include "mktows/export.hpp"
#include "support/child_process.hpp"
#include "support/cli_account_env.hpp"

#ifdef MKTOWS_CLI_PATH

using namespace export_test;
using mktows_test::ChildProcess;
using mktows_test::file_size;
using mktows_test::ProcessOptions;
using mktows_test::ProcessResult;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

const char* const since = "2024-02-01T00:00:00Z";
const char* const until = "2024-07-31T23:59:59Z";

std::map<std::string, std::string> account(RunningSandbox& sandbox) {
    return mktows_test::cli_account_env(sandbox->endpoint(),
                                        {mktows::sandbox::demo_user_id, mktows::sandbox::demo_secret_key});
}

std::vector<std::string> command(std::vector<std::string> extra) {
    std::vector<std::string> argv{MKTOWS_CLI_PATH, "get-multiple-leads"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return argv;
}

// This process's environment plus env, stdin from /dev/null, stdout and
// stderr into files in dir, the peak memory measured.
ProcessOptions in_files(const std::map<std::string, std::string>& env, const TempDir& dir,
                        const std::string& stdout_name = "stdout") {
    ProcessOptions o;
    o.env = env;
    o.stdout_file = dir.file(stdout_name);
    o.stderr_file = dir.file("stderr");
    o.measure_peak_rss = true;
    return o;
}

// Runs the CLI to its end; its stderr is returned in err.
ProcessResult run(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                  const TempDir& dir, std::string& err) {
    ChildProcess child(argv, in_files(env, dir));
    const ProcessResult r = child.wait();
    err = read_file(dir.file("stderr"));
    return r;
}

// Starts the CLI and kills it with SIGKILL once `path` has grown past
// `bytes` (or it ended by itself). Returns whether it was killed.
bool kill_when_grown(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                     const TempDir& dir, const std::string& path, std::uint64_t bytes) {
    ChildProcess child(argv, in_files(env, dir));
    const auto deadline = std::chrono::steady_clock::now() + seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
        if (file_size(path) >= bytes) {
            child.send_signal(SIGKILL);
            const ProcessResult r = child.wait();
            return r.signal == SIGKILL;
        }
        if (child.wait_for(milliseconds(1))) return false;  // ended before it grew that much
    }
    child.wait();
    return false;
}

}  // namespace

TEST_SUITE("cli") {

TEST_CASE("kill -9 in the middle, twice, and the same command again: every lead exactly once") {
    TempDir dir;
    const LeadData data = eight_month_data(dir, 6000);
    auto so = sandbox_options(dir.file("data.jsonl"));
    so.latency = milliseconds(15);
    so.fail_rate = 0.02;
    RunningSandbox sandbox(so);
    const std::string out = dir.file("leads.jsonl");
    const std::string partial = dir.file(".leads.jsonl.mktows-partial");
    const std::string checkpoint = dir.file("leads.checkpoint");
    const auto argv = command({"--updated-since", since, "--updated-until", until, "--batch-size", "40",
                               "--parallel", "4", "--rate-limit", "off", "--initial-backoff", "0.01",
                               "--max-backoff", "0.05", "--checkpoint", checkpoint, "--output", out});
    const auto expected = data.ids_updated_in(utc(since), utc(until));
    const std::uint64_t full = expected.size() * 200;  // a lead is about 200 bytes of JSONL

    REQUIRE(kill_when_grown(argv, account(sandbox), dir, partial, full / 5));
    CHECK(file_exists(checkpoint));
    CHECK_FALSE(file_exists(out));
    const std::uint64_t after_first_kill = file_size(partial);
    {
        const std::string cp = read_file(checkpoint);
        const auto at = cp.find("output_length ");
        REQUIRE(at != std::string::npos);
        const std::uint64_t recorded = std::stoull(cp.substr(at + 14));
        CHECK(recorded <= after_first_kill);
        MESSAGE("killed with " << after_first_kill << " bytes of output, " << recorded
                               << " recorded in the checkpoint (the rest is cut off on resume)");
    }

    // Output grows in bursts (a merge pass writes many pages), so the first
    // kill can land past full / 2: the second run must get further than the
    // first whatever happened.
    REQUIRE(kill_when_grown(argv, account(sandbox), dir, partial, std::max(full / 2, after_first_kill + full / 10)));
    CHECK(file_exists(checkpoint));
    CHECK(file_size(partial) > after_first_kill);

    std::string err;
    const ProcessResult r = run(argv, account(sandbox), dir, err);
    INFO("stderr: " << err);
    REQUIRE(r.exit_code == 0);
    check_exactly_once(jsonl_ids(out), expected);
    CHECK(err.find("resumed from the checkpoint") != std::string::npos);
    CHECK_FALSE(file_exists(checkpoint));
    CHECK_FALSE(file_exists(checkpoint + ".work"));
    CHECK_FALSE(file_exists(partial));
}

TEST_CASE("--max-calls stops cleanly with a checkpoint (CSV); the same command again finishes it") {
    TempDir dir;
    const LeadData data = eight_month_data(dir, 3000);
    RunningSandbox sandbox(sandbox_options(dir.file("data.jsonl")));
    const std::string out = dir.file("leads.csv");
    const std::string checkpoint = dir.file("cp");
    auto args = std::vector<std::string>{"--updated-since", since, "--updated-until", until, "--batch-size", "50",
                                         "--format", "csv", "--checkpoint", checkpoint, "--output", out};
    auto budget = args;
    budget.insert(budget.end(), {"--max-calls", "10"});
    std::string err;
    ProcessResult r = run(command(budget), account(sandbox), dir, err);
    CHECK(r.exit_code == 6);
    CHECK(err.find("the --max-calls budget of 10 calls is spent") != std::string::npos);
    CHECK(err.find("run the same command again to continue from the checkpoint " + checkpoint) != std::string::npos);
    CHECK_FALSE(file_exists(out));

    r = run(command(args), account(sandbox), dir, err);
    INFO("stderr: " << err);
    REQUIRE(r.exit_code == 0);
    check_exactly_once(csv_ids(out), data.ids_updated_in(utc(since), utc(until)));
    CHECK(err.find("next incremental export: --updated-since 2024-08-01T00:00:00Z") != std::string::npos);
}

TEST_CASE("--rate-limit and --max-concurrency equal to the server's: no 20023 or 20024 from it") {
    TempDir dir;
    eight_month_data(dir, 1500);
    auto so = sandbox_options(dir.file("data.jsonl"));
    so.latency = milliseconds(20);
    so.rate_limit_calls = 15;
    so.rate_limit_period = seconds(1);
    so.max_concurrency = 2;
    RunningSandbox sandbox(so);
    std::string err;
    const ProcessResult r = run(command({"--updated-since", since, "--updated-until", until, "--batch-size", "40",
                                       "--parallel", "6", "--rate-limit", "15/1", "--max-concurrency", "2",
                                       "--output", dir.file("out.jsonl")}),
                              account(sandbox), dir, err);
    INFO("stderr: " << err);
    REQUIRE(r.exit_code == 0);
    CHECK(sandbox->stats().calls >= 25);
    CHECK(sandbox.fault_count(20023) == 0);
    CHECK(sandbox.fault_count(20024) == 0);
    CHECK(sandbox->stats().max_in_progress <= 2);
}

TEST_CASE("--progress draws the line in place; --no-progress and a file stderr draw none; the summary stays") {
    TempDir dir;
    eight_month_data(dir, 2000);
    auto so = sandbox_options(dir.file("data.jsonl"));
    so.latency = milliseconds(5);
    RunningSandbox sandbox(so);
    const auto base = std::vector<std::string>{"--updated-since", since, "--updated-until", until, "--batch-size",
                                               "25", "--rate-limit", "off", "--output", dir.file("out.jsonl")};
    std::string err;
    auto with = base;
    with.push_back("--progress");
    REQUIRE(run(command(with), account(sandbox), dir, err).exit_code == 0);
    CHECK(err.find("\r") != std::string::npos);
    CHECK(err.find("leads written, ") != std::string::npos);
    CHECK(err.find(" to go, ") != std::string::npos);
    CHECK(err.find("leads/s") != std::string::npos);
    CHECK(err.find("ETA ") != std::string::npos);
    CHECK(err.find(" written to ") != std::string::npos);  // the summary line

    REQUIRE(run(command(base), account(sandbox), dir, err).exit_code == 0);  // stderr is a file
    CHECK(err.find("\r") == std::string::npos);
    CHECK(err.find(" calls") != std::string::npos);
    auto without = base;
    without.push_back("--no-progress");
    REQUIRE(run(command(without), account(sandbox), dir, err).exit_code == 0);
    CHECK(err.find("\r") == std::string::npos);
}

TEST_CASE("on a terminal the progress line is drawn without being asked for") {
    if (!file_exists("/usr/bin/script")) {
        MESSAGE("skipped: /usr/bin/script (util-linux) is not installed, no terminal to test with");
        return;
    }
    TempDir dir;
    eight_month_data(dir, 1000);
    auto so = sandbox_options(dir.file("data.jsonl"));
    so.latency = milliseconds(5);
    RunningSandbox sandbox(so);
    // script(1) runs the command with a pseudo-terminal as its stdin, stdout
    // and stderr, and copies what it prints to our stdout file.
    const std::string cli = std::string(MKTOWS_CLI_PATH) + " get-multiple-leads --updated-since " + since +
                            " --updated-until " + until + " --batch-size 25 --rate-limit off --output " +
                            dir.file("out.jsonl");
    ChildProcess child({"/usr/bin/script", "-q", "-e", "-c", cli, "/dev/null"}, in_files(account(sandbox), dir, "tty"));
    const ProcessResult r = child.wait();
    const std::string tty = read_file(dir.file("tty"));
    INFO("terminal: " << tty);
    REQUIRE(r.exit_code == 0);
    CHECK(tty.find("\x1b[K") != std::string::npos);  // redrawn in place (a terminal adds \r to every line anyway)
    CHECK(tty.find("leads written, ") != std::string::npos);
    CHECK(tty.find(" written to ") != std::string::npos);

    ChildProcess quiet({"/usr/bin/script", "-q", "-e", "-c", cli + " --no-progress", "/dev/null"},
                       in_files(account(sandbox), dir, "tty"));
    REQUIRE(quiet.wait().exit_code == 0);
    CHECK(read_file(dir.file("tty")).find("leads written, ") == std::string::npos);
}

TEST_CASE("bad export flags are exit 2 with a message naming the flag, before any call") {
    TempDir dir;
    eight_month_data(dir, 100);
    RunningSandbox sandbox(sandbox_options(dir.file("data.jsonl")));
    const auto range = std::vector<std::string>{"--updated-since", since, "--updated-until", until};
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--parallel", "11"}, "--parallel"},
        {{"--parallel", "0"}, "--parallel"},
        {{"--window-days", "31"}, "--window-days"},
        {{"--rate-limit", "100"}, "--rate-limit"},
        {{"--rate-limit", "x/20"}, "--rate-limit"},
        {{"--max-concurrency", "-1"}, "--max-concurrency"},
        {{"--max-calls", "0"}, "--max-calls"},
        {{"--initial-backoff", "2", "--max-backoff", "1"}, "--max-backoff"},
        {{"--progress", "--no-progress"}, "--no-progress"},
        {{"--checkpoint", dir.file("cp")}, "--checkpoint needs --output"},
    };
    for (const auto& [flags, named] : cases) {
        auto args = range;
        args.insert(args.end(), flags.begin(), flags.end());
        std::string err;
        const ProcessResult r = run(command(args), account(sandbox), dir, err);
        CAPTURE(flags.front());
        CHECK(r.exit_code == 2);
        CHECK(err.find(named) != std::string::npos);
    }
    CHECK(sandbox->stats().calls == 0);
}

TEST_CASE("peak memory: ten times more leads, at most 1.5 times the peak RSS") {
    TempDir dir;
    long rss[2] = {0, 0};
    const int leads[2] = {20000, 200000};
    for (int i = 0; i < 2; ++i) {
        mktows::sandbox::Options so;
        so.port = 0;
        so.leads = leads[i];
        RunningSandbox sandbox(so);
        const std::string out = dir.file("out" + std::to_string(i) + ".jsonl");
        std::string err;
        const ProcessResult r =
            run(command({"--updated-since", "2024-01-01T00:00:00Z", "--updated-until", "2025-12-31T23:59:59Z",
                         "--attributes", "FirstName,LastName,Company,LeadScore", "--batch-size", "500",
                         "--parallel", "4", "--rate-limit", "off", "--output", out}),
                account(sandbox), dir, err);
        INFO("stderr: " << err);
        REQUIRE(r.exit_code == 0);
        CHECK(jsonl_ids(out).size() == static_cast<std::size_t>(leads[i]));
        rss[i] = r.peak_rss_kb;
        ::unlink(out.c_str());
    }
    MESSAGE("peak RSS of the CLI: " << rss[0] << " KiB for 20,000 leads, " << rss[1] << " KiB for 200,000");
    CHECK(rss[0] > 0);
    CHECK(static_cast<double>(rss[1]) <= 1.5 * static_cast<double>(rss[0]));
}

}  // TEST_SUITE

#endif
