// The mktows-sandbox program itself: its first line on stdout, serving the
// SDK, stopping within a second on SIGTERM and SIGINT (idle keep-alive
// connections and a call in progress included), --print-lists, --help, and
// its exit codes for bad command lines and data files.
#include <doctest/doctest.h>

#include <signal.h>

#include <regex>
#include <thread>

#include "sandbox/sandbox_fixture.hpp"
#include "sandbox/signed_envelope.hpp"
#include "support/child_process.hpp"
#include "support/http_connection.hpp"
#include "support/temp_dir.hpp"
#include "support/test_ca.hpp"

using namespace sandbox_test;
using mktows_test::ChildProcess;
using mktows_test::HttpConnection;
using mktows_test::ProcessResult;
using mktows_test::run_process;

namespace {

const std::string kProgram = MKTOWS_SANDBOX_PATH;

struct Running {
    std::unique_ptr<ChildProcess> child;
    std::string endpoint;
    int port = 0;
};

Running start_program(std::vector<std::string> args) {
    args.insert(args.begin(), kProgram);
    Running r;
    r.child = std::make_unique<ChildProcess>(args);
    const auto line = r.child->read_line(std::chrono::seconds(20));
    REQUIRE_MESSAGE(line, "no first line; stderr: " << r.child->err());
    std::smatch m;
    const std::regex first(R"(listening on (https?)://127\.0\.0\.1:([0-9]+)/soap/mktows/2_7)");
    REQUIRE_MESSAGE(std::regex_match(*line, m, first), "first line: " << *line);
    r.port = std::stoi(m[2]);
    r.endpoint = line->substr(std::string("listening on ").size());
    return r;
}

mktows::ClientOptions program_client(const Running& r) {
    mktows::ClientOptions o = mktows_test::sandbox_client_options(r.endpoint, {sb::demo_user_id, sb::demo_secret_key});
    o.retry.max_retries = 0;
    return o;
}

// Sends the signal and returns how long the program took to exit (status 0).
std::chrono::milliseconds stop_time(Running& r, int signal_number) {
    const auto t0 = std::chrono::steady_clock::now();
    r.child->send_signal(signal_number);
    const ProcessResult result = r.child->wait(std::chrono::seconds(5));
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
    REQUIRE_MESSAGE(!result.timed_out, "still running 5 s after the signal");
    CHECK(result.exit_code == 0);
    return took;
}

}  // namespace

TEST_CASE("mktows-sandbox --port 0: first line, serves the SDK, stops within a second on SIGTERM and SIGINT") {
    for (int signal_number : {SIGTERM, SIGINT}) {
        CAPTURE(signal_number);
        Running r = start_program({"--port", "0", "--leads", "2000"});
        CHECK(r.port > 0);
        mktows::Client client(program_client(r));
        mktows::GetMultipleLeadsRequest request(mktows::StaticListSelector::by_name("SMSProgram.listForTesting"));
        request.batch_size = 10;
        CHECK(all_leads(client, request).size() > 10);
        // An idle keep-alive connection stays open while the signal arrives.
        HttpConnection idle(r.port);
        REQUIRE(idle.request("GET", std::string(sb::endpoint_path) + "?WSDL"));
        CHECK(stop_time(r, signal_number) < std::chrono::seconds(1));
        CHECK(idle.closed_by_server());
        CHECK(r.child->err().find("stopped") != std::string::npos);
        CHECK(r.child->err().find(sb::demo_secret_key) == std::string::npos);
    }
}

TEST_CASE("mktows-sandbox stops within a second while a slow call is in progress") {
    Running r = start_program({"--port", "0", "--leads", "500", "--latency-ms", "20000"});
    std::thread slow([&] {
        HttpConnection http(r.port, std::chrono::seconds(30));
        CHECK_FALSE(http.post_soap(demo_envelope("<ns1:paramsGetMultipleLeads/>")).has_value());  // closed, unanswered
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(stop_time(r, SIGTERM) < std::chrono::seconds(1));
    slow.join();
}

TEST_CASE("mktows-sandbox serves HTTPS with --tls-cert/--tls-key") {
    const auto& pki = mktows_test::shared_test_pki();
    Running r = start_program({"--port", "0", "--leads", "300", "--tls-cert", pki.server_cert, "--tls-key", pki.server_key});
    CHECK(r.endpoint.rfind("https://", 0) == 0);
    auto o = program_client(r);
    o.transport.ca_file = pki.ca_cert;
    mktows::Client client(o);
    CHECK(client.get_lead({mktows::LeadKeyType::IDNUM, "65835"}).size() == 1);
    CHECK(stop_time(r, SIGTERM) < std::chrono::seconds(1));
}

TEST_CASE("mktows-sandbox --print-lists prints id<TAB>name for every list and exits") {
    const ProcessResult result = run_process({kProgram, "--print-lists"});
    CHECK(result.exit_code == 0);
    std::string expected;
    for (const auto& l : sb::Sandbox(sb::Options{}).lists()) expected += std::to_string(l.id) + "\t" + l.name + "\n";
    CHECK(result.out == expected);
    CHECK(run_process({kProgram, "--print-lists", "--leads", "50", "--seed", "3"}).exit_code == 0);
}

TEST_CASE("mktows-sandbox --help documents every flag, the demo account and the operations it does not implement") {
    const ProcessResult result = run_process({kProgram, "--help"});
    CHECK(result.exit_code == 0);
    CHECK(result.out == sb::usage());
    for (const char* flag : {"--port", "--tls-cert", "--tls-key", "--leads", "--seed", "--data", "--print-lists",
                             "--user-id", "--secret-key", "--secret-file", "--max-clock-skew", "--rate-limit",
                             "--max-concurrency", "--daily-quota", "--latency-ms", "--fail-rate", "--churn",
                             "--fault-rate", "--http-error-rate", "--latency-per-lead-ms",
                             "--workers", "--idle-timeout", "--verbose", "MKTOWS_SANDBOX_SECRET_KEY"})
        CHECK_MESSAGE(result.out.find(flag) != std::string::npos, flag);
    CHECK(result.out.find(sb::demo_user_id) != std::string::npos);
    CHECK(result.out.find(sb::demo_secret_key) != std::string::npos);
    for (const auto& op : sb::unimplemented_operations()) CHECK_MESSAGE(result.out.find(op) != std::string::npos, op);
    for (const char* line : {"integer -> integer", "20022", "20122", "20014", "20016", "20023", "20024", "20015"})
        CHECK_MESSAGE(result.out.find(line) != std::string::npos, line);
}

TEST_CASE("mktows-sandbox refuses bad command lines and data files with exit 2 and says why") {
    struct Case {
        std::vector<std::string> args;
        const char* says;
    };
    const Case cases[] = {
        {{"--bogus"}, "--bogus"},
        {{"--port", "abc"}, "--port"},
        {{"--port", "99999"}, "--port"},
        {{"--rate-limit", "100"}, "--rate-limit"},
        {{"--rate-limit", "0/20"}, "--rate-limit"},
        {{"--fail-rate", "2"}, "--fail-rate"},
        {{"--fault-rate", "-0.5"}, "--fault-rate"},
        {{"--http-error-rate", "1.5"}, "--http-error-rate"},
        {{"--latency-per-lead-ms", "-1"}, "--latency-per-lead-ms"},
        {{"--tls-cert", "a.pem"}, "--tls-key"},
        {{"--data", "x.jsonl", "--leads", "5"}, "--leads and --data"},
        {{"--secret-key", "a", "--secret-file", "b"}, "--secret-file"},
        {{"--secret-file", "/nonexistent/secret"}, "/nonexistent/secret"},
        {{"--max-concurrency", "10", "--workers", "5"}, "--workers"},
        {{"--data", "/nonexistent/leads.jsonl"}, "/nonexistent/leads.jsonl"},
    };
    for (const auto& c : cases) {
        std::vector<std::string> argv{kProgram};
        argv.insert(argv.end(), c.args.begin(), c.args.end());
        const ProcessResult result = run_process(argv);
        CAPTURE(c.args.front());
        CAPTURE(result.err);
        CHECK(result.exit_code == 2);
        CHECK(result.out.empty());
        CHECK(result.err.find(c.says) != std::string::npos);
    }
    // A bad data file: exit 2, the file and line named.
    mktows_test::TempDir dir;
    const std::string path = dir.write("leads.jsonl", "{\"Id\":1}\n{\"Id\":1}\n");
    const ProcessResult bad = run_process({kProgram, "--port", "0", "--data", path});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find(path + ":2: Id 1 was already used on line 1") != std::string::npos);
}

TEST_CASE("mktows-sandbox: a port in use is exit 1 with the port named; --secret-file and the environment set the key") {
    Running first = start_program({"--port", "0", "--leads", "10"});
    const ProcessResult second = run_process({kProgram, "--port", std::to_string(first.port), "--leads", "10"});
    CHECK(second.exit_code == 1);
    CHECK(second.err.find("127.0.0.1:" + std::to_string(first.port)) != std::string::npos);

    mktows_test::TempDir dir;
    const std::string secret_path = dir.write("secret", "file-secret-value\n");
    Running with_file = start_program({"--port", "0", "--leads", "10", "--user-id", "u1", "--secret-file", secret_path});
    auto o = program_client(with_file);
    o.credentials = {"u1", "file-secret-value"};
    mktows::Client client(o);
    CHECK(client.get_multiple_leads_page(mktows::GetMultipleLeadsRequest(mktows::StaticListSelector::by_id(1))).return_count >= 0);
    CHECK(with_file.child->err().find("file-secret-value") == std::string::npos);
    CHECK(stop_time(with_file, SIGTERM) < std::chrono::seconds(1));

    setenv("MKTOWS_SANDBOX_SECRET_KEY", "env-secret-value", 1);
    Running with_env = start_program({"--port", "0", "--leads", "10", "--user-id", "u2"});
    unsetenv("MKTOWS_SANDBOX_SECRET_KEY");
    auto e = program_client(with_env);
    e.credentials = {"u2", "env-secret-value"};
    mktows::Client env_client(e);
    CHECK(env_client.get_multiple_leads_page(mktows::GetMultipleLeadsRequest(mktows::StaticListSelector::by_id(1))).return_count >= 0);
    e.credentials = {"u2", sb::demo_secret_key};
    mktows::Client demo_client(e);
    CHECK(error_of([&] {
              demo_client.get_multiple_leads_page(mktows::GetMultipleLeadsRequest(mktows::StaticListSelector::by_id(1)));
          }).service_code() == 20014);
    CHECK(stop_time(with_env, SIGTERM) < std::chrono::seconds(1));
}
