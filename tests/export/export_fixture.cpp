// Shared pieces of the export tests (see export_fixture.hpp).
#include "export_fixture.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace export_test {

LeadData eight_month_data(const TempDir& dir, int count, const std::vector<mktows::TimePoint>& exact) {
    LeadData data = make_lead_data(count, utc("2024-01-01T00:00:00Z"), std::chrono::seconds(240 * 86400), exact);
    write_lead_data(data, dir.file("data.jsonl"));
    return data;
}

mktows::sandbox::Options sandbox_options(const std::string& data_file) {
    mktows::sandbox::Options o;
    o.port = 0;
    o.data_file = data_file;
    o.verbose = true;
    return o;
}

mktows::ClientOptions client_options(const mktows::sandbox::Sandbox& sandbox) {
    mktows::ClientOptions o = mktows_test::sandbox_client_options(sandbox);
    o.retry.initial_backoff = std::chrono::milliseconds(5);
    o.retry.max_backoff = std::chrono::milliseconds(50);
    o.retry.max_retries = 10;
    return o;
}

std::vector<std::int64_t> jsonl_ids(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<std::int64_t> ids;
    std::string line;
    while (std::getline(in, line)) {
        const auto j = nlohmann::json::parse(line);
        ids.push_back(j.at("Id").get<std::int64_t>());
    }
    return ids;
}

std::vector<std::int64_t> csv_ids(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<std::int64_t> ids;
    std::string line;
    bool header = true;
    // The test data has no line breaks inside fields; rows end with CRLF.
    while (std::getline(in, line)) {
        if (header) {
            header = false;
            continue;
        }
        ids.push_back(std::stoll(line.substr(0, line.find(','))));
    }
    return ids;
}

std::map<std::int64_t, int> id_counts(const std::vector<std::int64_t>& ids) {
    std::map<std::int64_t, int> counts;
    for (const auto id : ids) ++counts[id];
    return counts;
}

void check_exactly_once(const std::vector<std::int64_t>& ids, const std::set<std::int64_t>& expected) {
    CHECK(ids.size() == expected.size());
    for (const auto& [id, n] : id_counts(ids)) {
        if (n != 1) FAIL_CHECK("Id " << id << " written " << n << " times");
    }
    CHECK(std::set<std::int64_t>(ids.begin(), ids.end()) == expected);
}

mktows::TimePoint utc(const char* text) { return mktows::parse_w3c_datetime(text); }

}  // namespace export_test
