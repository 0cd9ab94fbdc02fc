// --help documents every flag, the selectors, the formats, the bulk export
// (boundary rule, resume), the environment and the exit codes; --version
// prints the version.
#include <doctest/doctest.h>

#include <string>

#include "cli/cli_runner.hpp"
#include "mktows/version.hpp"

using namespace mktows_test;

TEST_CASE("get-multiple-leads --help mentions every flag, variable, format and exit code") {
    const ProcessResult r = run_mktows({"get-multiple-leads", "--help"});
    REQUIRE(r.exit_code == 0);
    const std::string& help = r.out;
    for (const char* needle :
         {"--key-type", "--key ", "--keys-file", "--static-list ", "--static-list-id", "--updated-since",
          "--updated-until", "--attributes", "--batch-size", "--format", "--output", "--endpoint", "--user-id",
          "--secret-file", "--ca-file", "--connect-timeout", "--timeout", "--max-retries", "--sandbox", "--quiet",
          "MKTOWS_ENDPOINT", "MKTOWS_USER_ID", "MKTOWS_SECRET_KEY", "jsonl", "csv", "IDNUM", "COOKIE", "EMAIL",
          "LEADOWNEREMAIL", "SFDCACCOUNTID", "SFDCCONTACTID", "SFDCLEADID", "SFDCLEADOWNERID", "SFDCOPPTYID",
          "Exit codes", "20013", "20014", "RFC 4180",
          // bulk export
          "--parallel", "--window-days", "--checkpoint", "--max-calls", "--rate-limit", "--max-concurrency",
          "--initial-backoff", "--max-backoff", "--progress", "--no-progress", "TMPDIR", "20015",
          "Boundary rule", "next one starts at end + 1 s", "next incremental export", "it continues from the checkpoint",
          ".NAME.mktows-partial"}) {
        CAPTURE(needle);
        CHECK(help.find(needle) != std::string::npos);
    }
    for (const char* code : {"  0  ", "  1  ", "  2  ", "  3  ", "  4  ", "  5  ", "  6  stopped by the --max-calls budget"}) {
        CAPTURE(code);
        CHECK(help.find(code) != std::string::npos);
    }
    // Stale: ranges of any length are split into windows of at most 30 days.
    CHECK(help.find("Marketo refuses ranges over 30 days") == std::string::npos);
    // The refused secret options are not advertised.
    CHECK(help.find("--secret-key") == std::string::npos);
}

TEST_CASE("mktows --help names the command; --version prints the version") {
    ProcessResult r = run_mktows({"--help"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("get-multiple-leads") != std::string::npos);

    r = run_mktows({"--version"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == std::string("mktows ") + mktows::version() + " (Marketo SOAP API 2_7)\n");
}
