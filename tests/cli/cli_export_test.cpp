// The CLI end to end against a loopback server: paging, CSV from several
// pages, the request each selector makes, keys files, --attributes, and the
// all-or-nothing --output file.
#include <doctest/doctest.h>

#include <csignal>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/cli_runner.hpp"
#include "cli/csv_reader.hpp"
#include "cli/soap_responses.hpp"
#include "mktows/time.hpp"
#include "support/files.hpp"
#include "support/replay_server.hpp"
#include "support/temp_dir.hpp"
#include "support/xml_compare.hpp"

using nlohmann::json;
using namespace mktows_test;

namespace {

TestLead lead(int id, std::vector<TestAttribute> attributes) {
    TestLead l;
    l.id = std::to_string(id);
    l.email = "lead" + std::to_string(id) + "@example.com";
    l.attributes = std::move(attributes);
    return l;
}

/// The stream position a request carries ("" for the first page).
std::string position_of(const RecordedRequest& r) {
    const auto p = xml_texts(r.body, "streamPosition");
    return p.empty() ? std::string() : p.front();
}

const std::string tricky_position = "pos-2 &<opaque>";

/// Three pages: 2, 2 and 1 leads, with values CSV must quote.
Response three_pages(const RecordedRequest& r) {
    const std::string pos = position_of(r);
    if (pos.empty()) {
        return Response::xml(get_multiple_leads_response(
            {lead(1, {{"Company", "string", "Acme, Inc."}, {"Note", "string", "say \"hi\""}}),
             lead(2, {{"Company", "string", "Globex"}, {"LeadScore", "integer", "42"}})},
            3, tricky_position));
    }
    if (pos == tricky_position) {
        TestLead nil_email = lead(4, {{"City", "string", "Z\xC3\xBCrich \xE6\x9D\xB1\xE4\xBA\xAC"}});
        nil_email.email.reset();
        nil_email.foreign_sys_type = "SFDC";
        return Response::xml(get_multiple_leads_response(
            {lead(3, {{"Note", "string", "line1\nline2\r\nline3"}}), nil_email}, 1, "pos-3"));
    }
    if (pos == "pos-3") {
        return Response::xml(
            get_multiple_leads_response({lead(5, {{"Late", "boolean", "true"}, {"Company", "string", "<&>"}})}, 0, ""));
    }
    return Response::fault(20122, "Bad stream position");
}

}  // namespace

TEST_CASE("pages through every lead: CSV header from all pages, quoting, the positions sent back as given") {
    ReplayServer server(three_pages);
    const ProcessResult r = run_mktows(
        {"get-multiple-leads", "--static-list", "Program.List", "--batch-size", "2", "--format", "csv"},
        account_env(server.endpoint()));
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);

    const auto requests = server.requests();
    REQUIRE(requests.size() == 3);
    CHECK(position_of(requests[0]) == "");
    CHECK(position_of(requests[1]) == tricky_position);
    CHECK(position_of(requests[2]) == "pos-3");
    for (const auto& req : requests) {
        CHECK(xml_texts(req.body, "batchSize") == std::vector<std::string>{"2"});
        CHECK(xml_texts(req.body, "staticListName") == std::vector<std::string>{"Program.List"});
    }

    const auto rows = read_csv(r.out);
    REQUIRE(rows.size() == 6);
    CHECK(rows[0] == CsvRecord{"Id", "Email", "ForeignSysPersonId", "ForeignSysType", "Company", "Note",
                               "LeadScore", "City", "Late"});
    CHECK(rows[1] == CsvRecord{"1", "lead1@example.com", "", "", "Acme, Inc.", "say \"hi\"", "", "", ""});
    CHECK(rows[2] == CsvRecord{"2", "lead2@example.com", "", "", "Globex", "", "42", "", ""});
    CHECK(rows[3] == CsvRecord{"3", "lead3@example.com", "", "", "", "line1\nline2\r\nline3", "", "", ""});
    CHECK(rows[4] == CsvRecord{"4", "", "", "SFDC", "", "", "", "Z\xC3\xBCrich \xE6\x9D\xB1\xE4\xBA\xAC", ""});
    CHECK(rows[5] == CsvRecord{"5", "lead5@example.com", "", "", "<&>", "", "", "", "true"});
    CHECK(r.err.find("5 leads") != std::string::npos);
    CHECK(r.err.find("3 calls") != std::string::npos);
}

TEST_CASE("pages through every lead: JSONL in stream order") {
    ReplayServer server(three_pages);
    const ProcessResult r =
        run_mktows({"get-multiple-leads", "--static-list-id", "17", "--batch-size", "2"}, account_env(server.endpoint()));
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    const auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 5);
    for (int i = 0; i < 5; ++i) CHECK(json::parse(lines[i]).at("Id") == i + 1);
    const json fourth = json::parse(lines[3]);
    CHECK(fourth.at("Email").is_null());
    CHECK(fourth.at("ForeignSysType") == "SFDC");
    CHECK(json::parse(lines[4]).at("attributes").at("Late") == true);
    CHECK(json::parse(lines[2]).at("attributes").at("Note") == "line1\nline2\r\nline3");
    CHECK(xml_texts(server.requests().at(0).body, "staticListId") == std::vector<std::string>{"17"});
}

TEST_CASE("--updated-since/--updated-until: a LastUpdateAtSelector with those instants") {
    ReplayServer server([](const RecordedRequest&) { return Response::xml(get_multiple_leads_response({}, 0, "")); });
    const ProcessResult r = run_mktows({"get-multiple-leads", "--updated-since", "2024-03-01", "--updated-until",
                                        "2024-03-29T23:59:59-07:00"},
                                       account_env(server.endpoint()));
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.empty());
    REQUIRE(server.request_count() == 1);
    const std::string body = server.requests()[0].body;
    const auto oldest = xml_texts(body, "oldestUpdatedAt");
    const auto latest = xml_texts(body, "latestUpdatedAt");
    REQUIRE(oldest.size() == 1);
    REQUIRE(latest.size() == 1);
    CHECK(mktows::format_w3c_utc(mktows::parse_w3c_datetime(oldest[0])) == "2024-03-01T00:00:00Z");
    CHECK(mktows::format_w3c_utc(mktows::parse_w3c_datetime(latest[0])) == "2024-03-30T06:59:59Z");
    CHECK(body.find("LastUpdateAtSelector") != std::string::npos);
}

TEST_CASE("--keys-file: BOM, CRLF, blank lines and surrounding blanks are ignored; --key values first") {
    TempDir dir;
    const std::string file =
        dir.write("keys.txt", "\xEF\xBB\xBF a@example.com \r\n\r\n\tb@example.com\r\n   \nc@example.com");
    ReplayServer server([](const RecordedRequest&) { return Response::xml(get_multiple_leads_response({}, 0, "")); });
    const ProcessResult r = run_mktows(
        {"get-multiple-leads", "--key-type", "email", "--key", "z@example.com", "--keys-file", file},
        account_env(server.endpoint()));
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    REQUIRE(server.request_count() == 1);
    const std::string body = server.requests()[0].body;
    CHECK(xml_texts(body, "keyType") == std::vector<std::string>{"EMAIL"});
    CHECK(xml_texts(body, "stringItem") ==
          std::vector<std::string>{"z@example.com", "a@example.com", "b@example.com", "c@example.com"});
}

TEST_CASE("--keys-file - : 150 keys from standard input go out in calls of 100 and 50, in order") {
    std::string keys;
    std::vector<std::string> expected;
    for (int i = 0; i < 150; ++i) {
        expected.push_back(std::to_string(1000 + i));
        keys += expected.back() + "\n";
    }
    ReplayServer server([](const RecordedRequest& req) {
        // Echo each key as a lead so the output shows every key was asked for.
        std::vector<TestLead> leads;
        for (const std::string& k : xml_texts(req.body, "stringItem")) leads.push_back(lead(std::stoi(k), {}));
        return Response::xml(get_multiple_leads_response(leads, 0, ""));
    });
    // --parallel 1: one call at a time, so the server sees the chunks in order
    // (the output is in key order for any --parallel; see tests/export).
    const ProcessResult r = run_mktows({"get-multiple-leads", "--key-type", "IDNUM", "--keys-file", "-",
                                        "--parallel", "1"},
                                       account_env(server.endpoint()), keys);
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    const auto requests = server.requests();
    REQUIRE(requests.size() == 2);
    const auto first = xml_texts(requests[0].body, "stringItem");
    const auto second = xml_texts(requests[1].body, "stringItem");
    CHECK(first.size() == 100);
    CHECK(second.size() == 50);
    std::vector<std::string> all = first;
    all.insert(all.end(), second.begin(), second.end());
    CHECK(all == expected);
    const auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 150);
    for (std::size_t i = 0; i < 150; ++i) CHECK(json::parse(lines[i]).at("Id") == 1000 + static_cast<int>(i));
}

TEST_CASE("--attributes: includeAttributes in the request, and the CSV columns in that order") {
    ReplayServer server([](const RecordedRequest&) {
        return Response::xml(get_multiple_leads_response(
            {lead(1, {{"LeadScore", "integer", "7"}, {"Company", "string", "A"}}), lead(2, {{"Company", "string", "B"}})},
            0, ""));
    });
    const ProcessResult r = run_mktows({"get-multiple-leads", "--static-list", "Program.List", "--attributes",
                                        "Company, LeadScore,FirstName", "--format", "csv"},
                                       account_env(server.endpoint()));
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    REQUIRE(server.request_count() == 1);
    CHECK(xml_texts(server.requests()[0].body, "stringItem") ==
          std::vector<std::string>{"Company", "LeadScore", "FirstName"});
    const auto rows = read_csv(r.out);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0] == CsvRecord{"Id", "Email", "ForeignSysPersonId", "ForeignSysType", "Company", "LeadScore",
                               "FirstName"});
    CHECK(rows[1] == CsvRecord{"1", "lead1@example.com", "", "", "A", "7", ""});
    CHECK(rows[2] == CsvRecord{"2", "lead2@example.com", "", "", "B", "", ""});
}

TEST_CASE("--output: written whole on success; after a failure the old file is untouched and nothing is left") {
    TempDir dir;
    const std::string out = dir.write("leads.jsonl", "OLD\n");

    ReplayServer ok(three_pages);
    ProcessResult r = run_mktows({"get-multiple-leads", "--static-list", "L", "--output", out},
                                 account_env(ok.endpoint()));
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.empty());
    CHECK(r.err.find(out) != std::string::npos);
    const auto lines = lines_of(read_file(out));
    REQUIRE(lines.size() == 5);
    CHECK(json::parse(lines[0]).at("Id") == 1);
    CHECK(dir.entries() == std::vector<std::string>{"leads.jsonl"});

    // The second page fails after the first was written.
    dir.write("leads.jsonl", "OLD\n");
    ReplayServer failing([](const RecordedRequest& req) {
        if (position_of(req).empty()) return three_pages(req);
        return Response::fault(20111, "List not found");
    });
    r = run_mktows({"get-multiple-leads", "--static-list", "L", "--output", out, "--format", "csv"},
                   account_env(failing.endpoint()));
    CHECK(r.exit_code == 4);
    CHECK(failing.request_count() == 2);
    CHECK(read_file(out) == "OLD\n");
    CHECK(dir.entries() == std::vector<std::string>{"leads.jsonl"});

    // A new file is not created at all.
    const std::string fresh = dir.path() + "/fresh.jsonl";
    r = run_mktows({"get-multiple-leads", "--static-list", "L", "-o", fresh}, account_env(failing.endpoint()));
    CHECK(r.exit_code == 4);
    CHECK(dir.entries() == std::vector<std::string>{"leads.jsonl"});
}

TEST_CASE("--output: interrupted (SIGINT, SIGTERM) mid-export, no partial file is left and the old one stays") {
    for (const int sig : {SIGINT, SIGTERM}) {
        CAPTURE(sig);
        TempDir dir;
        const std::string out = dir.write("leads.csv", "OLD\n");
        // The first page comes at once, the second never before the signal.
        ReplayServer server([](const RecordedRequest& req) {
            Response resp = three_pages(req);
            if (!position_of(req).empty()) resp.delay = std::chrono::milliseconds(5000);
            return resp;
        });
        ProcessOptions options;
        options.env = account_env(server.endpoint());
        options.signal = sig;
        options.signal_after = std::chrono::milliseconds(700);
        const ProcessResult r =
            run_mktows({"get-multiple-leads", "--static-list", "L", "--batch-size", "2", "--output", out}, options);
        CHECK(r.signal == sig);
        CHECK(server.request_count() == 2);
        CHECK(read_file(out) == "OLD\n");
        CHECK(dir.entries() == std::vector<std::string>{"leads.csv"});
    }
}
