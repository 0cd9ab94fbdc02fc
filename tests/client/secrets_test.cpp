// Secrets stay secret: the secret key (and a password put in an endpoint
// URL) never appear in errors, help texts, or the process list of the CLI
// and the sandbox in normal use.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "client_fixture.hpp"
#include "support/child_process.hpp"

using namespace mktows_test;

namespace {

const std::string kMarker = "S3cretMarker-7f3a91";

bool has_marker(const std::string& text) { return text.find(kMarker) != std::string::npos; }

std::string cmdline_of(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
    std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (char& c : s)
        if (c == '\0') c = ' ';
    return s;
}

const std::string kSandbox = std::string(MKTOWS_BINARY_DIR) + "/apps/sandbox/mktows-sandbox";
const std::string kCli = std::string(MKTOWS_BINARY_DIR) + "/apps/mktows/mktows";

bool built(const std::string& path) {
    if (::access(path.c_str(), X_OK) == 0) return true;
    MESSAGE(path << " is not built (MKTOWS_BUILD_APPS=OFF?): skipped");
    return false;
}

}  // namespace

TEST_CASE("secrets: a password in the endpoint URL is not repeated in the error that refuses it") {
    for (const std::string& url : {"http://user:" + kMarker + "@127.0.0.1:8080/soap/mktows/2_7",
                                  "user:" + kMarker + "@127.0.0.1:8080/soap",  // no scheme
                                  "ftp://user:" + kMarker + "@127.0.0.1/x"}) {
        CAPTURE(url);
        mktows::ClientOptions o = fast_options(url);
        mktows::Error e = error_of([&] { o.validate(); });
        std::string message = e.what();
        CAPTURE(message);
        CHECK(e.kind() == mktows::ErrorKind::invalid_argument);
        CHECK_FALSE(has_marker(message));
        CHECK(message.find("***@127.0.0.1") != std::string::npos);
    }
}

TEST_CASE("secrets: no error of a failing call carries the secret key") {
    std::vector<Response> answers;
    answers.push_back(Response::fault(20014, "Authentication failed"));
    answers.push_back(Response::status_only(500, "oops"));
    answers.push_back(Response::xml("not XML"));
    Response drop;
    drop.drop = true;
    answers.push_back(drop);
    for (const Response& answer : answers) {
        ReplayServer server([&](const RecordedRequest&) { return answer; });
        auto options = fast_options(server.endpoint());
        options.credentials.secret_key = kMarker;
        options.retry.max_retries = 1;
        mktows::Client client(options);
        mktows::Error e = error_of(
            [&] { client.get_multiple_leads_page(mktows::GetMultipleLeadsRequest(mktows::StaticListSelector::by_id(1))); });
        std::string message = e.what();
        CAPTURE(message);
        CHECK_FALSE(has_marker(message));
        // Nor does the wire: only the signature is sent.
        for (const auto& r : server.requests()) CHECK_FALSE(has_marker(r.body));
    }
}

TEST_CASE("secrets: mktows-sandbox shows --secret-key as *** in the process list once it has read it") {
    if (!built(kSandbox)) return;
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"--secret-key", kMarker}, std::vector<std::string>{"--secret-key=" + kMarker}}) {
        std::vector<std::string> argv{kSandbox, "--port", "0", "--leads", "100"};
        argv.insert(argv.end(), args.begin(), args.end());
        ChildProcess sandbox(argv);
        auto first = sandbox.read_line(std::chrono::seconds(60));
        REQUIRE(first);
        CHECK(first->rfind("listening on http://127.0.0.1:", 0) == 0);
        const std::string listed = cmdline_of(sandbox.pid());
        CAPTURE(listed);
        CHECK(listed.find("--secret-key") != std::string::npos);
        CHECK_FALSE(has_marker(listed));
        sandbox.send_signal(SIGTERM);
        ProcessResult r = sandbox.wait(std::chrono::seconds(30));
        CHECK(r.exit_code == 0);
        CHECK_FALSE(has_marker(r.out + r.err));
    }
}

TEST_CASE("secrets: the CLI never prints the secret key, and it is not in its process list") {
    if (!built(kCli) || !built(kSandbox)) return;
    ProcessOptions env;
    env.env = {{"MKTOWS_SECRET_KEY", kMarker}, {"MKTOWS_USER_ID", "secrets_test_user"}};
    const std::vector<std::vector<std::string>> runs = {
        {kCli, "--help"},
        {kCli, "get-multiple-leads", "--help"},
        {kCli, "get-multiple-leads"},  // no selector
        {kCli, "get-multiple-leads", "--static-list-id", "1", "--endpoint", "http://127.0.0.1:1/soap/mktows/2_7",
         "--max-retries", "0"},  // refused connection
        {kCli, "get-multiple-leads", "--static-list-id", "1", "--endpoint",
         "http://u:" + kMarker + "@127.0.0.1:1/soap/mktows/2_7"},
    };
    for (const auto& argv : runs) {
        CAPTURE(argv.back());
        ProcessResult r = run_process(argv, env);
        CHECK_FALSE(has_marker(r.out));
        CHECK_FALSE(has_marker(r.err));
    }

    // A wrong key against a sandbox (20014), with a slow call to look at the
    // process list meanwhile.
    ChildProcess sandbox({kSandbox, "--port", "0", "--leads", "100", "--latency-ms", "1500", "--user-id",
                          "secrets_test_user"});
    auto first = sandbox.read_line(std::chrono::seconds(60));
    REQUIRE(first);
    const std::string endpoint = first->substr(first->find("http://"));
    ChildProcess cli({kCli, "get-multiple-leads", "--static-list-id", "1", "--endpoint", endpoint, "--max-retries", "0"},
                     env);
    std::string listed;
    for (int i = 0; i < 200 && listed.find("get-multiple-leads") == std::string::npos; ++i) {
        usleep(10'000);  // until the CLI has been exec'd
        listed = cmdline_of(cli.pid());
    }
    CAPTURE(listed);
    CHECK(listed.find("get-multiple-leads") != std::string::npos);
    CHECK_FALSE(has_marker(listed));
    struct stat st {};
    if (::stat(("/proc/" + std::to_string(cli.pid()) + "/environ").c_str(), &st) == 0)
        CHECK((st.st_mode & 0077) == 0);  // the environment is the owner's only
    ProcessResult r = cli.wait(std::chrono::seconds(60));
    CHECK(r.exit_code == 3);
    CHECK_FALSE(has_marker(r.out + r.err));
    sandbox.send_signal(SIGTERM);
    sandbox.wait(std::chrono::seconds(30));
}
