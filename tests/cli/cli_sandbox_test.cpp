// `mktows get-multiple-leads --sandbox`: the CLI starts its own in-process
// sandbox (demo data, demo account, ephemeral port) and exports through the
// real HTTP stack. The expected leads come from a second sandbox made here
// with the same default options (the built-in data set is deterministic).
#ifdef MKTOWS_CLI_HAS_SANDBOX

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>

#include "cli/cli_runner.hpp"
#include "cli/csv_reader.hpp"
#include "mktows/time.hpp"
#include "mktows_sandbox/sandbox.hpp"
#include "support/files.hpp"
#include "support/temp_dir.hpp"

using nlohmann::json;
using namespace mktows_test;

namespace {

const std::vector<mktows::sandbox::LeadSnapshot>& demo_leads() {
    static const auto leads = [] {
        mktows::sandbox::Sandbox sandbox{mktows::sandbox::Options{}};
        return sandbox.snapshot();
    }();
    return leads;
}

std::vector<mktows::sandbox::ListInfo> demo_lists() {
    mktows::sandbox::Sandbox sandbox{mktows::sandbox::Options{}};
    return sandbox.lists();
}

std::map<std::int64_t, const mktows::sandbox::LeadSnapshot*> by_id(
    const std::vector<const mktows::sandbox::LeadSnapshot*>& leads) {
    std::map<std::int64_t, const mktows::sandbox::LeadSnapshot*> m;
    for (const auto* l : leads) m[l->lead.id.value()] = l;
    return m;
}

/// The JSON the CLI must write for an attribute, from its type and text.
json expected_json(const mktows::Attribute& a) {
    switch (a.kind()) {
        case mktows::Attribute::Kind::integer:
            if (std::regex_match(a.value, std::regex("-?(0|[1-9][0-9]*)"))) return json::parse(a.value);
            return a.value;
        case mktows::Attribute::Kind::number:
            if (std::regex_match(a.value, std::regex("-?(0|[1-9][0-9]*)([.][0-9]+)?([eE][-+]?[0-9]+)?")))
                return json::parse(a.value);
            return a.value;
        case mktows::Attribute::Kind::boolean: {
            std::string v = a.value;
            std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
            if (v == "true" || v == "1") return true;
            if (v == "false" || v == "0") return false;
            return a.value;
        }
        case mktows::Attribute::Kind::string:
            break;
    }
    return a.value;
}

json expected_field(const mktows::Field<std::string>& f) {
    return f.is_nil() ? json(nullptr) : json(f.value());
}

void check_lead_json(const json& got, const mktows::Lead& want) {
    CAPTURE(want.id.value());
    CHECK(got.at("Id") == want.id.value());
    CHECK(got.at("Email") == expected_field(want.email));
    CHECK(got.at("ForeignSysPersonId") == expected_field(want.foreign_sys_person_id));
    CHECK(got.at("ForeignSysType") == expected_field(want.foreign_sys_type));
    const json& attributes = got.at("attributes");
    CHECK(attributes.size() == want.attributes.size());
    for (const mktows::Attribute& a : want.attributes) {
        CAPTURE(a.name);
        CHECK(attributes.at(a.name) == expected_json(a));
    }
}

}  // namespace

TEST_CASE("--sandbox: every lead of a static list, once, with every field") {
    const auto lists = demo_lists();
    REQUIRE(lists.size() >= 2);
    const mktows::sandbox::ListInfo list = lists[1];
    std::vector<const mktows::sandbox::LeadSnapshot*> expected;
    for (const auto& l : demo_leads()) {
        if (std::find(l.list_ids.begin(), l.list_ids.end(), list.id) != l.list_ids.end()) expected.push_back(&l);
    }
    REQUIRE(expected.size() == static_cast<std::size_t>(list.size));
    REQUIRE(expected.size() > 0);

    // No endpoint or secret in the environment: the sandbox brings its own.
    const ProcessResult r = run_mktows({"get-multiple-leads", "--sandbox", "--static-list", list.name, "--batch-size", "100"});
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    const auto lines = lines_of(r.out);
    CHECK(lines.size() == expected.size());
    const auto want = by_id(expected);
    std::set<std::int64_t> seen;
    for (const std::string& line : lines) {
        const json got = json::parse(line);
        const std::int64_t id = got.at("Id").get<std::int64_t>();
        CHECK(seen.insert(id).second);
        const auto it = want.find(id);
        REQUIRE(it != want.end());
        check_lead_json(got, it->second->lead);
    }
    CHECK(seen.size() == expected.size());
    const std::size_t pages = (expected.size() + 99) / 100;
    CHECK(r.err.find(std::to_string(expected.size()) + " leads") != std::string::npos);
    CHECK(r.err.find(std::to_string(pages) + (pages == 1 ? " call" : " calls")) != std::string::npos);
}

TEST_CASE("--sandbox: a one-month window as CSV, both bounds inclusive") {
    const auto since = mktows::parse_w3c_datetime("2025-06-01T00:00:00Z");
    const auto until = mktows::parse_w3c_datetime("2025-06-30T23:59:59Z");
    std::vector<const mktows::sandbox::LeadSnapshot*> expected;
    for (const auto& l : demo_leads()) {
        if (l.updated_at >= since && l.updated_at <= until) expected.push_back(&l);
    }
    REQUIRE(expected.size() > 200);

    TempDir dir;
    const std::string out = dir.path() + "/leads.csv";
    const ProcessResult r =
        run_mktows({"get-multiple-leads", "--sandbox", "--updated-since", "2025-06-01", "--updated-until",
                    "2025-06-30T23:59:59Z", "--format", "csv", "--output", out});
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.empty());
    const auto rows = read_csv(read_file(out));
    REQUIRE(rows.size() == expected.size() + 1);
    const CsvRecord& header = rows[0];
    REQUIRE(header.size() >= 4);
    CHECK(CsvRecord(header.begin(), header.begin() + 4) ==
          CsvRecord{"Id", "Email", "ForeignSysPersonId", "ForeignSysType"});
    // Every attribute name of the window's leads has its column, once.
    std::set<std::string> names;
    for (const auto* l : expected) {
        for (const auto& a : l->lead.attributes) names.insert(a.name);
    }
    CHECK(std::set<std::string>(header.begin() + 4, header.end()) == names);
    CHECK(header.size() == names.size() + 4);

    const auto want = by_id(expected);
    std::set<std::int64_t> seen;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const CsvRecord& row = rows[i];
        const std::int64_t id = std::stoll(row[0]);
        CHECK(seen.insert(id).second);
        const auto it = want.find(id);
        REQUIRE(it != want.end());
        const mktows::Lead& lead = it->second->lead;
        CHECK(row[1] == lead.email.value());
        CHECK(row[2] == lead.foreign_sys_person_id.value());
        CHECK(row[3] == lead.foreign_sys_type.value());
        std::map<std::string, std::string> values;
        for (const auto& a : lead.attributes) values[a.name] = a.value;
        for (std::size_t c = 4; c < header.size(); ++c) {
            CAPTURE(header[c]);
            const auto v = values.find(header[c]);
            CHECK(row[c] == (v == values.end() ? std::string() : v->second));
        }
    }
    CHECK(seen.size() == expected.size());
}

TEST_CASE("--sandbox: --attributes picks the CSV columns; an unknown list is fault 20111 (exit 4)") {
    const auto lists = demo_lists();
    REQUIRE(!lists.empty());
    const ProcessResult r = run_mktows({"get-multiple-leads", "--sandbox", "--static-list-id", std::to_string(lists[0].id),
                                        "--attributes", "FirstName,LastName", "--format", "csv", "-q"});
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    const auto rows = read_csv(r.out);
    REQUIRE(rows.size() == static_cast<std::size_t>(lists[0].size) + 1);
    CHECK(rows[0] == CsvRecord{"Id", "Email", "ForeignSysPersonId", "ForeignSysType", "FirstName", "LastName"});

    const ProcessResult missing = run_mktows({"get-multiple-leads", "--sandbox", "--static-list", "No.Such.List"});
    CHECK(missing.exit_code == 4);
    CHECK(missing.err.find("20111") != std::string::npos);
}

#endif
