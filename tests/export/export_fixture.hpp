// Shared pieces of the export tests: an in-process mktows-sandbox serving a
// data file over loopback (verbose, so the faults it answered can be
// counted), client options for it, and readers and checks of export output.
// Temporary directories, files and the sandbox itself come from
// tests/support.
#ifndef MKTOWS_TEST_EXPORT_EXPORT_FIXTURE_HPP
#define MKTOWS_TEST_EXPORT_EXPORT_FIXTURE_HPP

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "lead_data.hpp"
#include "mktows/options.hpp"
#include "mktows_sandbox/sandbox.hpp"
#include "support/files.hpp"
#include "support/running_sandbox.hpp"
#include "support/temp_dir.hpp"

namespace export_test {

using mktows_test::file_exists;
using mktows_test::read_file;
using mktows_test::RunningSandbox;
using mktows_test::TempDir;

/// The export tests' data: `count` leads updated evenly over eight months
/// (2024-01-01 .. 2024-08-28), plus one lead at each instant of `exact`,
/// written to data.jsonl in dir.
LeadData eight_month_data(const TempDir& dir, int count, const std::vector<mktows::TimePoint>& exact = {});

/// Sandbox options serving data_file on an ephemeral port, verbose.
mktows::sandbox::Options sandbox_options(const std::string& data_file);

/// Client options for this sandbox: its account, quick retries, no
/// client-side limits (the tests that need limits set them).
mktows::ClientOptions client_options(const mktows::sandbox::Sandbox& sandbox);

/// Ids of a JSONL export, in order (a line without "Id" fails the test).
std::vector<std::int64_t> jsonl_ids(const std::string& path);
/// Ids of a CSV export (first column), in order, after the header.
std::vector<std::int64_t> csv_ids(const std::string& path);
/// How often each Id occurs.
std::map<std::int64_t, int> id_counts(const std::vector<std::int64_t>& ids);
/// Checks that the ids are exactly the expected ones, each once (naming
/// every Id written more than once).
void check_exactly_once(const std::vector<std::int64_t>& ids, const std::set<std::int64_t>& expected);

mktows::TimePoint utc(const char* text);

}  // namespace export_test

#endif
