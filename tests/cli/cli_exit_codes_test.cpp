// Every exit code of `mktows get-multiple-leads`, the messages that go with
// them, and the secret key never showing in any output.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "cli/cli_runner.hpp"
#include "cli/soap_responses.hpp"
#include "support/closed_port.hpp"
#include "support/replay_server.hpp"
#include "support/temp_dir.hpp"

using namespace mktows_test;

namespace {

Response empty_page(const RecordedRequest&) { return Response::xml(get_multiple_leads_response({}, 0, "")); }

void check_secret_not_printed(const ProcessResult& r) {
    CHECK(r.out.find(cli_secret) == std::string::npos);
    CHECK(r.err.find(cli_secret) == std::string::npos);
}

struct UsageCase {
    const char* what;
    std::vector<std::string> args;
    const char* message;  ///< must appear in stderr
};

}  // namespace

TEST_CASE("exit 2: every kind of bad usage or input, before any call") {
    ReplayServer server(empty_page);
    TempDir dir;
    const std::string empty_keys = dir.write("empty.txt", "\n \r\n");
    const std::string control_keys = dir.write("control.txt", "a@example.com\nb\x01@example.com\n");
    const std::vector<UsageCase> cases = {
        {"no selector", {"get-multiple-leads"}, "no selector"},
        {"two selectors", {"get-multiple-leads", "--static-list", "A.B", "--updated-since", "2024-01-01"},
         "more than one selector"},
        {"three selectors",
         {"get-multiple-leads", "--key-type", "EMAIL", "--key", "a@b.c", "--static-list-id", "3", "--updated-since",
          "2024-01-01"},
         "more than one selector"},
        {"batch size 0", {"get-multiple-leads", "--static-list", "A.B", "--batch-size", "0"}, "--batch-size"},
        {"batch size 1001", {"get-multiple-leads", "--static-list", "A.B", "--batch-size", "1001"}, "1 to 1000"},
        {"batch size not a number", {"get-multiple-leads", "--static-list", "A.B", "--batch-size", "ten"},
         "--batch-size"},
        {"malformed time", {"get-multiple-leads", "--updated-since", "2024-13-45"}, "--updated-since"},
        {"malformed until", {"get-multiple-leads", "--updated-since", "2024-01-01", "--updated-until", "yesterday"},
         "--updated-until"},
        {"since after until",
         {"get-multiple-leads", "--updated-since", "2024-02-01", "--updated-until", "2024-01-01"}, "--updated-since"},
        {"until alone", {"get-multiple-leads", "--updated-until", "2024-01-01"}, "--updated-since"},
        {"unknown key type", {"get-multiple-leads", "--key-type", "PHONE", "--key", "1"}, "EMAIL"},
        {"key without type", {"get-multiple-leads", "--key", "a@b.c"}, "--key-type"},
        {"type without keys", {"get-multiple-leads", "--key-type", "EMAIL"}, "--keys-file"},
        {"missing keys file", {"get-multiple-leads", "--key-type", "EMAIL", "--keys-file", dir.path() + "/none.txt"},
         "none.txt"},
        {"keys file without keys", {"get-multiple-leads", "--key-type", "EMAIL", "--keys-file", empty_keys},
         "holds no keys"},
        {"control character in a key", {"get-multiple-leads", "--key-type", "EMAIL", "--keys-file", control_keys},
         "line 2"},
        {"bad list id", {"get-multiple-leads", "--static-list-id", "-4"}, "--static-list-id"},
        {"unknown format", {"get-multiple-leads", "--static-list", "A.B", "--format", "xml"}, "jsonl or csv"},
        {"empty attribute name", {"get-multiple-leads", "--static-list", "A.B", "--attributes", "A,,B"},
         "--attributes"},
        {"bad timeout", {"get-multiple-leads", "--static-list", "A.B", "--timeout", "0"}, "--timeout"},
        {"bad retries", {"get-multiple-leads", "--static-list", "A.B", "--max-retries", "many"}, "--max-retries"},
        {"missing CA file", {"get-multiple-leads", "--static-list", "A.B", "--ca-file", dir.path() + "/ca.pem"},
         "--ca-file"},
        {"output in a missing directory",
         {"get-multiple-leads", "--static-list", "A.B", "--output", dir.path() + "/no/such/leads.csv"}, "--output"},
        {"output is a directory", {"get-multiple-leads", "--static-list", "A.B", "--output", dir.path()},
         "is a directory"},
        {"unknown option", {"get-multiple-leads", "--static-list", "A.B", "--colour"}, "--colour"},
        {"no command", {}, "get-multiple-leads"},
        {"unknown command", {"get-some-leads"}, "get-some-leads"},
        {"sandbox with an endpoint", {"get-multiple-leads", "--sandbox", "--endpoint", "https://x.example/", "--static-list", "A.B"},
         "--sandbox"},
    };
    for (const UsageCase& c : cases) {
        CAPTURE(c.what);
        const ProcessResult r = run_mktows(c.args, account_env(server.endpoint()));
        INFO("stderr: " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find(c.message) != std::string::npos);
        CHECK(r.out.empty());
        check_secret_not_printed(r);
    }
    CHECK(server.request_count() == 0);
    CHECK(dir.entries() == std::vector<std::string>{"control.txt", "empty.txt"});
}

TEST_CASE("exit 2: missing endpoint, user id or secret; the secret is never taken from the command line") {
    ReplayServer server(empty_page);
    auto env = account_env(server.endpoint());
    const std::vector<std::string> args = {"get-multiple-leads", "--static-list", "A.B"};

    auto without = [&](const std::string& name) {
        auto e = env;
        e.erase(name);
        return e;
    };
    ProcessResult r = run_mktows(args, without("MKTOWS_SECRET_KEY"));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("MKTOWS_SECRET_KEY") != std::string::npos);
    CHECK(r.err.find("--secret-file") != std::string::npos);

    r = run_mktows(args, without("MKTOWS_ENDPOINT"));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("MKTOWS_ENDPOINT") != std::string::npos);

    r = run_mktows(args, without("MKTOWS_USER_ID"));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("MKTOWS_USER_ID") != std::string::npos);

    for (const std::string flag : {"--secret-key", "--secret"}) {
        std::vector<std::string> a = args;
        a.push_back(flag);
        a.push_back(cli_secret);
        r = run_mktows(a, without("MKTOWS_SECRET_KEY"));
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("never taken from the command line") != std::string::npos);
        check_secret_not_printed(r);
        a.pop_back();
        a.back() = flag + "=" + cli_secret;
        r = run_mktows(a, env);
        CHECK(r.exit_code == 2);
        check_secret_not_printed(r);
    }
    CHECK(server.request_count() == 0);
}

TEST_CASE("--secret-file: the key from a file (final newline dropped); bad files are exit 2") {
    ReplayServer server(empty_page, checking_signatures({cli_user_id, cli_secret}));
    TempDir dir;
    auto env = account_env(server.endpoint());
    env.erase("MKTOWS_SECRET_KEY");

    const std::string good = dir.write("secret", cli_secret + "\r\n");
    ProcessResult r = run_mktows({"get-multiple-leads", "--static-list", "A.B", "--secret-file", good}, env);
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 0);
    CHECK(server.bad_signatures() == 0);
    CHECK(server.request_count() == 1);
    check_secret_not_printed(r);

    // The file wins over the environment.
    auto both = account_env(server.endpoint());
    both["MKTOWS_SECRET_KEY"] = "wrong-secret";
    r = run_mktows({"get-multiple-leads", "--static-list", "A.B", "--secret-file", good}, both);
    CHECK(r.exit_code == 0);

    const std::string two_lines = dir.write("two", cli_secret + "\nsecond line\n");
    r = run_mktows({"get-multiple-leads", "--static-list", "A.B", "--secret-file", two_lines}, env);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("more than one line") != std::string::npos);
    check_secret_not_printed(r);

    const std::string empty = dir.write("empty", "\n");
    r = run_mktows({"get-multiple-leads", "--static-list", "A.B", "--secret-file", empty}, env);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("is empty") != std::string::npos);

    r = run_mktows({"get-multiple-leads", "--static-list", "A.B", "--secret-file", dir.path() + "/missing"}, env);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("missing") != std::string::npos);
    CHECK(server.request_count() == 2);
}

TEST_CASE("exit 3: authentication (20014) and authorization (20013) faults") {
    ReplayServer server(empty_page, checking_signatures({cli_user_id, "the-server-knows-another-secret"}));
    ProcessResult r = run_mktows({"get-multiple-leads", "--static-list", "A.B"}, account_env(server.endpoint()));
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("20014") != std::string::npos);
    CHECK(r.out.empty());
    check_secret_not_printed(r);
    CHECK(server.request_count() == 1);  // not retried

    ReplayServer denied([](const RecordedRequest&) { return Response::fault(20013, "Access denied"); });
    r = run_mktows({"get-multiple-leads", "--static-list", "A.B"}, account_env(denied.endpoint()));
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("20013") != std::string::npos);
    check_secret_not_printed(r);
}

TEST_CASE("exit 4: any other Marketo fault, with its code in the message") {
    for (const auto& [code, message] : std::vector<std::pair<int, std::string>>{
             {20111, "List not found"}, {20022, "Time span in query filter over the limit"}, {20109, "Parameter required"}}) {
        CAPTURE(code);
        ReplayServer server([code = code, message = message](const RecordedRequest&) {
            return Response::fault(code, message);
        });
        const ProcessResult r =
            run_mktows({"get-multiple-leads", "--static-list", "Nope.Nope"}, account_env(server.endpoint()));
        CHECK(r.exit_code == 4);
        CHECK(r.err.find(std::to_string(code)) != std::string::npos);
        CHECK(lines_of(r.err).size() == 1);
        check_secret_not_printed(r);
    }
}

TEST_CASE("exit 5: refused connection, HTTP error without a fault, timeout, garbage") {
    const std::vector<std::string> args = {"get-multiple-leads", "--static-list", "A.B", "--max-retries", "0"};
    ProcessResult r =
        run_mktows(args, account_env("http://127.0.0.1:" + std::to_string(closed_port()) + "/soap/mktows/2_7"));
    CHECK(r.exit_code == 5);
    CHECK_FALSE(r.err.empty());
    check_secret_not_printed(r);

    ReplayServer not_found([](const RecordedRequest&) { return Response::status_only(404, "no such page"); });
    r = run_mktows(args, account_env(not_found.endpoint()));
    CHECK(r.exit_code == 5);
    CHECK(r.err.find("404") != std::string::npos);

    ReplayServer slow([](const RecordedRequest&) {
        Response resp = Response::xml(get_multiple_leads_response({}, 0, ""));
        resp.delay = std::chrono::milliseconds(3000);
        return resp;
    });
    std::vector<std::string> timeout_args = args;
    timeout_args.insert(timeout_args.end(), {"--timeout", "0.5"});
    const auto started = std::chrono::steady_clock::now();
    r = run_mktows(timeout_args, account_env(slow.endpoint()));
    CHECK(r.exit_code == 5);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(2900));

    ReplayServer garbage([](const RecordedRequest&) { return Response::xml("<not-soap>"); });
    r = run_mktows(args, account_env(garbage.endpoint()));
    CHECK(r.exit_code == 5);

    ReplayServer dropping([](const RecordedRequest&) {
        Response resp;
        resp.drop = true;
        return resp;
    });
    r = run_mktows(args, account_env(dropping.endpoint()));
    CHECK(r.exit_code == 5);
    check_secret_not_printed(r);
}
