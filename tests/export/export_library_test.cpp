// mktows::Exporter against an in-process mktows-sandbox over loopback:
// exactly-once output with failures injected, deterministic order, churn,
// the server's limits never hit, 20016/20022/20122/20015, budget stops,
// checkpoints resumed and refused, CSV, key chunks, static lists, progress.
#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <regex>
#include <set>
#include <thread>

#include "export/export_engine.hpp"
#include "export/export_output.hpp"
#include "export/export_query.hpp"
#include "export_fixture.hpp"
#include "mktows/connection.hpp"
#include "mktows/error.hpp"
#include "mktows/export.hpp"
#include "support/marketo_xml.hpp"
#include "support/replay_server.hpp"

using namespace export_test;
using mktows::ExportOptions;
using mktows::ExportSummary;
using mktows::GetMultipleLeadsRequest;
using std::chrono::seconds;

namespace {

constexpr auto day = std::chrono::hours(24);

// The six-month range of the tests and its window boundaries.
const mktows::TimePoint range_oldest = utc("2024-02-01T00:00:00Z");
const mktows::TimePoint range_latest = utc("2024-07-31T23:59:59Z");

// Leads exactly on every window boundary of the range (last second of a
// window, first second of the next), on the range's bounds, and one second
// outside it on both sides.
std::vector<mktows::TimePoint> boundary_instants() {
    std::vector<mktows::TimePoint> at{range_oldest, range_latest, range_oldest - seconds(1), range_latest + seconds(1)};
    for (const auto& w : mktows::plan_windows(range_oldest, range_latest)) {
        at.push_back(w.oldest);
        at.push_back(w.latest);
    }
    return at;
}

// 4,000 leads over eight months (2024-01-01 .. 2024-08-28) plus the
// boundary leads, written to data.jsonl in dir.
LeadData standard_data(const TempDir& dir, int count = 4000) {
    return eight_month_data(dir, count, boundary_instants());
}

GetMultipleLeadsRequest six_months(int batch_size = 100) {
    GetMultipleLeadsRequest r(mktows::LastUpdateAtSelector(range_oldest, range_latest));
    r.batch_size = batch_size;
    return r;
}

std::set<std::int64_t> as_set(const std::vector<std::int64_t>& ids) { return {ids.begin(), ids.end()}; }

ExportSummary export_to_file(mktows::ClientOptions client, ExportOptions options, const GetMultipleLeadsRequest& request,
                             const mktows::ExportFile& file) {
    mktows::Exporter exporter(mktows::make_connection(std::move(client)), std::move(options));
    return exporter.run(request, file);
}

mktows::ExportFile jsonl_file(const std::string& path) { return mktows::ExportFile{path}; }

// Temporary files of an export to `name` left in dir: ".NAME.partial-XXXXXX"
// (no checkpoint) or ".NAME.mktows-partial" (checkpoint).
std::vector<std::string> partial_files(const TempDir& dir, const std::string& name) {
    std::vector<std::string> found;
    for (const std::string& e : dir.entries())
        if (e.rfind("." + name + ".", 0) == 0) found.push_back(e);
    return found;
}

}  // namespace

TEST_SUITE("library") {

TEST_CASE("six months with 10% of calls dropped: every lead in the range exactly once, boundaries included") {
    TempDir dir;
    const LeadData data = standard_data(dir);
    auto so = sandbox_options(dir.file("data.jsonl"));
    so.fail_rate = 0.1;
    so.latency = std::chrono::milliseconds(2);
    RunningSandbox sandbox(so);

    ExportOptions options;
    options.parallel = 4;
    const ExportSummary s = export_to_file(client_options(*sandbox), options, six_months(), jsonl_file(dir.file("out.jsonl")));

    const auto expected = data.ids_updated_in(range_oldest, range_latest);
    REQUIRE(expected.size() > 2000);
    const auto ids = jsonl_ids(dir.file("out.jsonl"));
    check_exactly_once(ids, expected);
    CHECK(s.leads == static_cast<std::int64_t>(expected.size()));
    CHECK(s.units == 7);
    CHECK(s.duplicates == 0);
    // Failures were injected and retried.
    CHECK(sandbox->stats().dropped > 0);
    CHECK(s.retries >= sandbox->stats().dropped);
    // The boundary leads: inside the range each once, outside not at all.
    const auto id_set = as_set(ids);
    for (const DataLead& l : data.leads) {
        if (l.updated_at == range_oldest - seconds(1) || l.updated_at == range_latest + seconds(1))
            CHECK(id_set.count(l.id) == 0);
    }
    CHECK(partial_files(dir, "out.jsonl").empty());
}

TEST_CASE("faults 10001 and 20011, HTTP 503 and dropped connections at once: every lead exactly once") {
    TempDir dir;
    const LeadData data = standard_data(dir, 2000);
    auto so = sandbox_options(dir.file("data.jsonl"));
    so.fail_rate = 0.1;
    so.fault_rate = 0.1;
    so.http_error_rate = 0.1;
    so.seed = 11;
    RunningSandbox sandbox(so);
    ExportOptions options;
    options.parallel = 4;
    // Pages of 20: about 90 calls, so that every kind of failure comes up.
    const ExportSummary s =
        export_to_file(client_options(*sandbox), options, six_months(20), jsonl_file(dir.file("out.jsonl")));
    const auto expected = data.ids_updated_in(range_oldest, range_latest);
    check_exactly_once(jsonl_ids(dir.file("out.jsonl")), expected);
    CHECK(s.leads == static_cast<std::int64_t>(expected.size()));
    const auto stats = sandbox->stats();
    CAPTURE(stats.faults);
    CAPTURE(stats.http_errors);
    CAPTURE(stats.dropped);
    CHECK(stats.faults > 0);
    CHECK(stats.http_errors > 0);
    CHECK(stats.dropped > 0);
    // Every injected failure was retried, and nothing else failed.
    CHECK(s.retries == stats.faults + stats.http_errors + stats.dropped);
}

TEST_CASE("pages too large to come back within the receive timeout are fetched with half the batch") {
    TempDir dir;
    const LeadData data = standard_data(dir, 500);
    auto so = sandbox_options(dir.file("data.jsonl"));
    so.latency_per_lead = std::chrono::milliseconds(50);  // 40 leads: 2 s; 20 leads: 1 s
    RunningSandbox sandbox(so);
    std::vector<std::string> keys;
    std::set<std::int64_t> expected;
    for (std::size_t i = 0; i < 40; ++i) {
        keys.push_back(std::to_string(data.leads[i].id));
        expected.insert(data.leads[i].id);
    }
    GetMultipleLeadsRequest request(mktows::LeadKeySelector(mktows::LeadKeyType::IDNUM, keys));
    request.batch_size = 40;
    auto client = client_options(*sandbox);
    client.transport.receive_timeout = std::chrono::milliseconds(1500);
    client.retry.min_batch_size = 10;
    auto connection = mktows::make_connection(client);
    mktows::Exporter exporter(connection, ExportOptions{});
    const ExportSummary s = exporter.run(request, jsonl_file(dir.file("out.jsonl")));
    check_exactly_once(jsonl_ids(dir.file("out.jsonl")), expected);
    // The first page (40 leads, 2 s) timed out and came back as a page of
    // 20; the second asked for 40 again and got the 20 that were left (1 s).
    CHECK(s.retries == 1);
    CHECK(connection->stats().transport_errors == 1);
    CHECK(s.calls == 3);
}

TEST_CASE("the output is the same bytes whatever --parallel is: window order, then stream order") {
    TempDir dir;
    const LeadData data = standard_data(dir, 3000);
    auto so = sandbox_options(dir.file("data.jsonl"));
    so.latency = std::chrono::milliseconds(1);
    RunningSandbox sandbox(so);

    std::string first;
    for (int parallel : {1, 3, 8}) {
        ExportOptions options;
        options.parallel = parallel;
        const std::string out = dir.file("out" + std::to_string(parallel) + ".jsonl");
        export_to_file(client_options(*sandbox), options, six_months(150), jsonl_file(out));
        if (first.empty())
            first = read_file(out);
        else
            CHECK(read_file(out) == first);
    }
    // Window order: the updatedAt of the leads never goes back a window.
    std::map<std::int64_t, mktows::TimePoint> updated;
    for (const DataLead& l : data.leads) updated[l.id] = l.updated_at;
    const auto windows = mktows::plan_windows(range_oldest, range_latest);
    std::size_t window = 0;
    for (const auto id : jsonl_ids(dir.file("out1.jsonl"))) {
        while (window < windows.size() && updated[id] > windows[window].latest) ++window;
        REQUIRE(window < windows.size());
        CHECK(updated[id] >= windows[window].oldest);
    }
}

TEST_CASE("with churn into the range while exporting: untouched leads exactly once, none twice") {
    TempDir dir;
    const LeadData data = standard_data(dir);
    auto so = sandbox_options(dir.file("data.jsonl"));
    so.latency = std::chrono::milliseconds(10);
    so.churn_per_second = 2000;
    RunningSandbox sandbox(so);

    // An open range pinned an hour ahead: churned leads (updatedAt = now)
    // move into the last window, so a lead already written from an early
    // window comes again and must be skipped.
    ExportOptions options;
    options.parallel = 4;
    options.clock = [] { return std::chrono::system_clock::now() + std::chrono::hours(1); };
    GetMultipleLeadsRequest request{mktows::LastUpdateAtSelector(range_oldest)};
    request.batch_size = 100;
    const ExportSummary s = export_to_file(client_options(*sandbox), options, request, jsonl_file(dir.file("out.jsonl")));
    const auto snapshot = sandbox->snapshot();

    std::map<std::int64_t, mktows::TimePoint> original;
    for (const DataLead& l : data.leads) original[l.id] = l.updated_at;
    std::set<std::int64_t> touched;
    for (const auto& lead : snapshot)
        if (lead.updated_at != original.at(lead.lead.id.value())) touched.insert(lead.lead.id.value());
    REQUIRE(touched.size() > 100);

    const auto ids = jsonl_ids(dir.file("out.jsonl"));
    for (const auto& [id, n] : id_counts(ids))
        if (n != 1) FAIL_CHECK("Id " << id << " written " << n << " times");
    const auto written = as_set(ids);
    for (const auto id : data.ids_updated_in(range_oldest, std::chrono::system_clock::now()))
        if (!touched.count(id) && !written.count(id)) FAIL_CHECK("untouched lead " << id << " is missing");
    MESSAGE(touched.size() << " leads touched, " << s.duplicates << " duplicates skipped");
    CHECK(s.duplicates > 0);  // the de-duplication was needed
    REQUIRE(s.range);
    CHECK(s.range->latest > std::chrono::system_clock::now());  // pinned at the (shifted) start
}

TEST_CASE("client limits equal to the server's: the server never answers 20023 or 20024") {
    TempDir dir;
    standard_data(dir, 1500);
    auto so = sandbox_options(dir.file("data.jsonl"));
    so.latency = std::chrono::milliseconds(20);
    so.rate_limit_calls = 12;
    so.rate_limit_period = seconds(1);
    so.max_concurrency = 3;
    RunningSandbox sandbox(so);

    auto client = client_options(*sandbox);
    client.limits.rate_calls = 12;
    client.limits.rate_period = seconds(1);
    client.limits.max_concurrency = 3;
    ExportOptions options;
    options.parallel = 8;  // more workers than the server allows calls
    const ExportSummary s = export_to_file(client, options, six_months(50), jsonl_file(dir.file("out.jsonl")));
    CHECK(s.calls >= 20);
    CHECK(s.retries == 0);
    CHECK(sandbox.fault_count(20023) == 0);
    CHECK(sandbox.fault_count(20024) == 0);
    CHECK(sandbox->stats().faults == 0);
    CHECK(sandbox->stats().max_in_progress <= 3);
}

TEST_CASE("control: without client limits the same server does answer 20023/20024, and retries absorb them") {
    TempDir dir;
    const LeadData data = standard_data(dir, 1500);
    auto so = sandbox_options(dir.file("data.jsonl"));
    so.latency = std::chrono::milliseconds(20);
    so.rate_limit_calls = 12;
    so.rate_limit_period = seconds(1);
    so.max_concurrency = 3;
    RunningSandbox sandbox(so);

    auto client = client_options(*sandbox);
    client.retry.max_retries = 60;  // refusals are expected here: retry patiently
    client.retry.initial_backoff = std::chrono::milliseconds(50);
    client.retry.max_backoff = std::chrono::milliseconds(1000);
    ExportOptions options;
    options.parallel = 8;
    export_to_file(client, options, six_months(50), jsonl_file(dir.file("out.jsonl")));
    CHECK(sandbox.fault_count(20023) + sandbox.fault_count(20024) > 0);
    check_exactly_once(jsonl_ids(dir.file("out.jsonl")), data.ids_updated_in(range_oldest, range_latest));
}

TEST_CASE("20016 (stale signature) is retried with a fresh one, transparently") {
    TempDir dir;
    const LeadData data = standard_data(dir, 1500);
    RunningSandbox sandbox(sandbox_options(dir.file("data.jsonl")));
    auto client = client_options(*sandbox);
    // Every fourth signature is an hour old (the sandbox allows 15 minutes).
    auto calls = std::make_shared<std::atomic<int>>(0);
    client.clock = [calls] {
        const auto now = std::chrono::system_clock::now();
        return ++*calls % 4 == 0 ? now - std::chrono::hours(1) : now;
    };
    ExportOptions options;
    const ExportSummary s = export_to_file(client, options, six_months(100), jsonl_file(dir.file("out.jsonl")));
    check_exactly_once(jsonl_ids(dir.file("out.jsonl")), data.ids_updated_in(range_oldest, range_latest));
    const int stale = sandbox.fault_count(20016);
    CHECK(stale > 0);
    CHECK(s.retries >= stale);
}

TEST_CASE("20022 for a window: it is halved and both halves are fetched in its place, in order") {
    TempDir dir;
    const LeadData data = standard_data(dir, 2000);
    RunningSandbox sandbox(sandbox_options(dir.file("data.jsonl")));
    auto connection = mktows::make_connection(client_options(*sandbox));

    // A 61-day window (as if Marketo's limit were lower than planned for).
    const mktows::TimeWindow big{utc("2024-03-01T00:00:00Z"), utc("2024-04-30T23:59:59Z")};
    GetMultipleLeadsRequest request(mktows::LastUpdateAtSelector(big.oldest, big.latest));
    request.batch_size = 100;
    const auto query = mktows::detail::make_export_query(request, {});
    mktows::detail::ExportUnit unit;
    unit.window = big;

    auto sink = mktows::FileSink::create(dir.file("out.jsonl"));
    auto writer = mktows::make_jsonl_writer(*sink);
    mktows::detail::WriterOutput output(*writer);
    mktows::detail::IdSet ids;
    mktows::detail::EngineSetup setup;
    setup.query = &query;
    setup.units = {unit};
    setup.spool_dir = dir.path();
    setup.output = &output;
    setup.ids = &ids;
    ExportOptions options;
    options.parallel = 4;
    mktows::detail::ExportEngine engine(*connection, options, std::move(setup));
    const auto result = engine.run();
    writer->finish();

    CHECK(sandbox.fault_count(20022) == 3);  // 61 days -> 30.5 (still too long) -> 15.25 days
    CHECK(result.units == 4);
    const auto got = jsonl_ids(dir.file("out.jsonl"));
    check_exactly_once(got, data.ids_updated_in(big.oldest, big.latest));
    std::map<std::int64_t, mktows::TimePoint> updated;
    for (const DataLead& l : data.leads) updated[l.id] = l.updated_at;
    for (std::size_t i = 1; i < got.size(); ++i) CHECK(updated[got[i - 1]] <= updated[got[i]]);
}

TEST_CASE("a spent call budget stops cleanly with a checkpoint; the same export again finishes exactly once") {
    TempDir dir;
    const LeadData data = standard_data(dir);
    RunningSandbox sandbox(sandbox_options(dir.file("data.jsonl")));
    const std::string out = dir.file("out.jsonl");
    const std::string checkpoint = dir.file("export.checkpoint");

    ExportOptions options;
    options.parallel = 3;
    options.checkpoint_file = checkpoint;
    auto client = client_options(*sandbox);
    client.limits.max_calls = 12;
    try {
        export_to_file(client, options, six_months(), jsonl_file(out));
        FAIL("the budget did not stop the export");
    } catch (const mktows::Error& e) {
        CHECK(e.kind() == mktows::ErrorKind::budget_exhausted);
        const std::string what = e.what();
        CHECK(what.find("12 calls") != std::string::npos);
        CHECK(what.find(checkpoint) != std::string::npos);
        CHECK(what.find("run the same export again") != std::string::npos);
    }
    CHECK(file_exists(checkpoint));
    CHECK_FALSE(file_exists(out));  // the file appears only when complete
    CHECK(file_exists(dir.file(".out.jsonl.mktows-partial")));

    client.limits.max_calls = 0;
    const ExportSummary s = export_to_file(client, options, six_months(), jsonl_file(out));
    CHECK(s.resumed);
    check_exactly_once(jsonl_ids(out), data.ids_updated_in(range_oldest, range_latest));
    CHECK(s.leads == static_cast<std::int64_t>(data.ids_updated_in(range_oldest, range_latest).size()));
    CHECK_FALSE(file_exists(checkpoint));
    CHECK_FALSE(file_exists(checkpoint + ".work"));
    CHECK_FALSE(file_exists(dir.file(".out.jsonl.mktows-partial")));
}

TEST_CASE("one big unit (over 8 MB merged, so its start is given back to the disk) stopped and resumed") {
    TempDir dir;
    LeadData data = make_lead_data(9000, utc("2024-03-01T00:00:00Z"), seconds(20 * 86400));
    write_lead_data(data, dir.file("data.jsonl"), 1500);
    RunningSandbox sandbox(sandbox_options(dir.file("data.jsonl")));
    ExportOptions options;
    options.checkpoint_file = dir.file("cp");
    GetMultipleLeadsRequest request(mktows::LastUpdateAtSelector(utc("2024-03-01T00:00:00Z"), utc("2024-03-21T00:00:00Z")));
    request.batch_size = 500;
    auto client = client_options(*sandbox);
    client.limits.max_calls = 14;  // 7000 leads, about 12 MB of spool
    CHECK_THROWS_AS(export_to_file(client, options, request, jsonl_file(dir.file("out.jsonl"))), mktows::Error);
    client.limits.max_calls = 0;
    export_to_file(client, options, request, jsonl_file(dir.file("out.jsonl")));
    check_exactly_once(jsonl_ids(dir.file("out.jsonl")), data.all_ids());
}

TEST_CASE("budget stop and resume for a static list and for key chunks too") {
    TempDir dir;
    const LeadData data = standard_data(dir, 3000);
    RunningSandbox sandbox(sandbox_options(dir.file("data.jsonl")));
    std::vector<std::string> keys;
    for (const DataLead& l : data.leads)
        if (l.id % 2 == 1) keys.push_back(std::to_string(l.id));
    GetMultipleLeadsRequest by_keys(mktows::LeadKeySelector(mktows::LeadKeyType::IDNUM, keys));
    by_keys.batch_size = 40;
    GetMultipleLeadsRequest by_list(mktows::StaticListSelector::by_name("Program.Elevens"));
    by_list.batch_size = 10;
    const std::set<std::int64_t> key_ids = [&] {
        std::set<std::int64_t> ids;
        for (const auto& k : keys) ids.insert(std::stoll(k));
        return ids;
    }();
    for (const auto& [request, expected] :
         std::vector<std::pair<GetMultipleLeadsRequest, std::set<std::int64_t>>>{
             {by_keys, key_ids}, {by_list, data.ids_in_list("Program.Elevens")}}) {
        ExportOptions options;
        options.checkpoint_file = dir.file("cp");
        auto client = client_options(*sandbox);
        client.limits.max_calls = 7;
        CHECK_THROWS_AS(export_to_file(client, options, request, jsonl_file(dir.file("out.jsonl"))), mktows::Error);
        CHECK(file_exists(dir.file("cp")));
        client.limits.max_calls = 0;
        const ExportSummary s = export_to_file(client, options, request, jsonl_file(dir.file("out.jsonl")));
        CHECK(s.resumed);
        check_exactly_once(jsonl_ids(dir.file("out.jsonl")), expected);
    }
}

TEST_CASE("a checkpoint of another query or output is refused, and left as it was") {
    TempDir dir;
    standard_data(dir, 2000);
    RunningSandbox sandbox(sandbox_options(dir.file("data.jsonl")));
    const std::string checkpoint = dir.file("export.checkpoint");
    ExportOptions options;
    options.checkpoint_file = checkpoint;
    auto client = client_options(*sandbox);
    client.limits.max_calls = 3;
    CHECK_THROWS_AS(export_to_file(client, options, six_months(), jsonl_file(dir.file("out.jsonl"))), mktows::Error);
    REQUIRE(file_exists(checkpoint));
    const std::string before = read_file(checkpoint);

    client.limits.max_calls = 0;
    GetMultipleLeadsRequest other(mktows::LastUpdateAtSelector(range_oldest, range_latest - day));
    mktows::ExportFile csv{dir.file("out.jsonl"), mktows::OutputFormat::csv};
    for (auto attempt : std::vector<std::function<void()>>{
             [&] { export_to_file(client, options, other, jsonl_file(dir.file("out.jsonl"))); },
             [&] { export_to_file(client, options, six_months(), jsonl_file(dir.file("elsewhere.jsonl"))); },
             [&] { export_to_file(client, options, six_months(), csv); }}) {
        try {
            attempt();
            FAIL("another export used the checkpoint");
        } catch (const mktows::Error& e) {
            CHECK(e.kind() == mktows::ErrorKind::invalid_argument);
            CHECK(std::string(e.what()).find("belongs to another export") != std::string::npos);
        }
    }
    CHECK(read_file(checkpoint) == before);

    // The output as its own checkpoint, or a checkpoint in a missing directory.
    ExportOptions same = options;
    same.checkpoint_file = dir.file("out.jsonl");
    CHECK_THROWS_WITH_AS(export_to_file(client, same, six_months(), jsonl_file(dir.file("out.jsonl"))),
                         doctest::Contains("is the output file"), mktows::Error);
    same.checkpoint_file = dir.file("missing/cp");
    CHECK_THROWS_WITH_AS(export_to_file(client, same, six_months(), jsonl_file(dir.file("out.jsonl"))),
                         doctest::Contains("does not exist"), mktows::Error);
}

TEST_CASE("two exports with one checkpoint at the same time: the second is refused at once") {
    TempDir dir;
    const LeadData data = standard_data(dir, 2000);
    auto so = sandbox_options(dir.file("data.jsonl"));
    so.latency = std::chrono::milliseconds(30);
    RunningSandbox sandbox(so);
    ExportOptions options;
    options.checkpoint_file = dir.file("cp");
    options.parallel = 1;
    std::atomic<bool> started{false};
    options.on_progress = [&](const mktows::ExportProgress&) { started = true; };
    options.progress_interval = std::chrono::milliseconds(10);
    std::exception_ptr first_error;
    std::thread first([&] {
        try {
            export_to_file(client_options(*sandbox), options, six_months(), jsonl_file(dir.file("out.jsonl")));
        } catch (...) {
            first_error = std::current_exception();
        }
    });
    while (!started) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ExportOptions second = options;
    second.on_progress = nullptr;
    CHECK_THROWS_WITH_AS(export_to_file(client_options(*sandbox), second, six_months(), jsonl_file(dir.file("out.jsonl"))),
                         doctest::Contains("another export is running"), mktows::Error);
    first.join();
    CHECK_FALSE(first_error);
    check_exactly_once(jsonl_ids(dir.file("out.jsonl")), data.ids_updated_in(range_oldest, range_latest));
}

TEST_CASE("two exports to one file without a checkpoint at the same time: each writes its own temporary file") {
    TempDir dir;
    const LeadData data = standard_data(dir, 1000);
    auto so = sandbox_options(dir.file("data.jsonl"));
    so.latency = std::chrono::milliseconds(5);
    RunningSandbox sandbox(so);
    ExportOptions options;
    options.parallel = 2;
    std::exception_ptr errors[2];
    std::vector<std::thread> exports;
    for (int i = 0; i < 2; ++i)
        exports.emplace_back([&, i] {
            try {
                export_to_file(client_options(*sandbox), options, six_months(), jsonl_file(dir.file("out.jsonl")));
            } catch (...) {
                errors[i] = std::current_exception();
            }
        });
    for (auto& t : exports) t.join();
    CHECK_FALSE(errors[0]);
    CHECK_FALSE(errors[1]);
    // The last rename wins; the file is one whole export, not two mixed.
    check_exactly_once(jsonl_ids(dir.file("out.jsonl")), data.ids_updated_in(range_oldest, range_latest));
    CHECK(partial_files(dir, "out.jsonl").empty());
}

TEST_CASE("20122 (stream position refused) restarts the unit from its beginning; output still exactly once") {
    TempDir dir;
    const LeadData data = standard_data(dir);
    RunningSandbox sandbox(sandbox_options(dir.file("data.jsonl")));
    const std::string out = dir.file("out.jsonl");
    const std::string checkpoint = dir.file("export.checkpoint");
    ExportOptions options;
    options.parallel = 2;
    options.checkpoint_file = checkpoint;
    auto client = client_options(*sandbox);
    client.limits.max_calls = 9;
    CHECK_THROWS_AS(export_to_file(client, options, six_months(), jsonl_file(out)), mktows::Error);

    // Spoil every recorded stream position, as a server that forgot them would.
    // Every unit but one fetched to its end before the stop sends its position
    // again: a fetched unit is in its spool and is only merged.
    std::string text = read_file(checkpoint);
    int resumed = 0;
    std::string edited;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("unit ", 0) == 0 && line.back() != '-' && line.find(" merged ") == std::string::npos) {
            line = line.substr(0, line.rfind(' ')) + " tampered";
            if (line.find(" fetched ") == std::string::npos) ++resumed;
        }
        edited += line + "\n";
    }
    REQUIRE(resumed > 0);
    std::ofstream(checkpoint) << edited;

    client.limits.max_calls = 0;
    const ExportSummary s = export_to_file(client, options, six_months(), jsonl_file(out));
    CHECK(sandbox.fault_count(20122) == resumed);
    check_exactly_once(jsonl_ids(out), data.ids_updated_in(range_oldest, range_latest));
    CHECK(s.duplicates > 0);  // the restarted units sent their first pages again
}

TEST_CASE("20015 (daily quota) stops at once with the reset time; another day (sandbox) resumes exactly once") {
    TempDir dir;
    const LeadData data = standard_data(dir);
    const std::string out = dir.file("out.jsonl");
    const std::string checkpoint = dir.file("export.checkpoint");
    ExportOptions options;
    options.parallel = 4;
    options.checkpoint_file = checkpoint;
    {
        auto so = sandbox_options(dir.file("data.jsonl"));
        so.daily_quota = 10;
        RunningSandbox sandbox(so);
        try {
            export_to_file(client_options(*sandbox), options, six_months(), jsonl_file(out));
            FAIL("the quota did not stop the export");
        } catch (const mktows::Error& e) {
            CHECK(e.service_code() == 20015);
            CHECK(e.attempts() == 1);  // not retried
            const std::string what = e.what();
            CHECK(what.find("midnight US Central time") != std::string::npos);
            CHECK(what.find(checkpoint) != std::string::npos);
        }
        CHECK(sandbox->stats().calls <= 10 + 4);  // stopped at once (calls in flight aside)
    }
    RunningSandbox next_day(sandbox_options(dir.file("data.jsonl")));
    export_to_file(client_options(*next_day), options, six_months(), jsonl_file(out));
    check_exactly_once(jsonl_ids(out), data.ids_updated_in(range_oldest, range_latest));
}

TEST_CASE("other faults fail fast and say how many attempts were made") {
    TempDir dir;
    standard_data(dir, 500);
    RunningSandbox sandbox(sandbox_options(dir.file("data.jsonl")));
    auto client = client_options(*sandbox);
    client.credentials.secret_key = "wrong";
    try {
        export_to_file(client, ExportOptions{}, six_months(), jsonl_file(dir.file("out.jsonl")));
        FAIL("no error");
    } catch (const mktows::Error& e) {
        CHECK(e.service_code() == 20014);
        CHECK(e.attempts() == 1);
        CHECK(std::string(e.what()).find("without a checkpoint it cannot be continued") != std::string::npos);
    }
    CHECK_FALSE(file_exists(dir.file("out.jsonl")));
    CHECK(partial_files(dir, "out.jsonl").empty());

    // Retries exhausted: every call dropped.
    auto so = sandbox_options(dir.file("data.jsonl"));
    so.fail_rate = 1.0;
    RunningSandbox failing(so);
    auto c2 = client_options(*failing);
    c2.retry.max_retries = 3;
    try {
        export_to_file(c2, ExportOptions{}, six_months(), jsonl_file(dir.file("out.jsonl")));
        FAIL("no error");
    } catch (const mktows::Error& e) {
        CHECK(e.kind() == mktows::ErrorKind::transport);
        CHECK(e.attempts() == 4);
        CHECK(std::string(e.what()).find("4 attempts") != std::string::npos);
    }
}

TEST_CASE("a server that repeats a stream position stops the export with server_loop, not an endless loop") {
    const mktows::Credentials credentials{"export_loop_user", "export-loop-secret"};
    std::atomic<int> calls{0};
    mktows_test::ReplayServer server(
        [&](const mktows_test::RecordedRequest&) {
            const int n = ++calls;
            return mktows_test::Response::xml(mktows_test::get_multiple_leads_xml(mktows_test::make_page(
                {mktows_test::make_lead(n, "lead" + std::to_string(n) + "@x.io")}, 50, "always-the-same")));
        },
        mktows_test::checking_signatures(credentials));
    mktows::ClientOptions client;
    client.endpoint = server.endpoint();
    client.credentials = credentials;
    client.limits.rate_calls = 0;
    TempDir dir;
    try {
        export_to_file(client, ExportOptions{}, GetMultipleLeadsRequest(mktows::StaticListSelector::by_id(1)),
                       jsonl_file(dir.file("out.jsonl")));
        FAIL("no error");
    } catch (const mktows::Error& e) {
        CAPTURE(std::string(e.what()));
        CHECK(e.kind() == mktows::ErrorKind::server_loop);
        CHECK(std::string(e.what()).find("same stream position twice") != std::string::npos);
    }
    CHECK(calls.load() == 2);
    CHECK(server.bad_signatures() == 0);
    CHECK_FALSE(file_exists(dir.file("out.jsonl")));
}

TEST_CASE("CSV: with a checkpoint and a budget stop, the resumed CSV equals a plain export's CSV") {
    TempDir dir;
    const LeadData data = standard_data(dir, 2500);
    RunningSandbox sandbox(sandbox_options(dir.file("data.jsonl")));
    auto client = client_options(*sandbox);

    // Reference: the Exporter into a CSV writer (header union of every lead).
    {
        auto sink = mktows::FileSink::create(dir.file("plain.csv"));
        auto writer = mktows::make_csv_writer(*sink);
        mktows::Exporter(mktows::make_connection(client), ExportOptions{}).run(six_months(), *writer);
        sink->close();
    }
    ExportOptions options;
    options.checkpoint_file = dir.file("csv.checkpoint");
    mktows::ExportFile csv{dir.file("out.csv"), mktows::OutputFormat::csv};
    client.limits.max_calls = 8;
    CHECK_THROWS_AS(export_to_file(client, options, six_months(), csv), mktows::Error);
    client.limits.max_calls = 0;
    export_to_file(client, options, six_months(), csv);
    CHECK(read_file(dir.file("out.csv")) == read_file(dir.file("plain.csv")));
    const std::string text = read_file(dir.file("out.csv"));
    const std::string header = text.substr(0, text.find("\r\n"));
    CHECK(header.rfind("Id,Email,ForeignSysPersonId,ForeignSysType,", 0) == 0);
    for (const char* name : {"FirstName", "Company", "LeadScore", "Revenue", "Unsubscribed"})
        CHECK(header.find(name) != std::string::npos);
    check_exactly_once(csv_ids(dir.file("out.csv")), data.ids_updated_in(range_oldest, range_latest));
}

TEST_CASE("key chunks: 250 keys (repeats, unknown ones) fetched in calls of 100, each lead once, in key order") {
    TempDir dir;
    const LeadData data = standard_data(dir, 1000);
    RunningSandbox sandbox(sandbox_options(dir.file("data.jsonl")));
    std::vector<std::string> keys;
    std::vector<std::int64_t> expected;
    std::set<std::int64_t> seen;
    for (int i = 0; i < 250; ++i) {
        const std::int64_t id = i % 5 == 4 ? 999999 + i : data.leads[static_cast<std::size_t>((i * 7) % 120)].id;
        keys.push_back(std::to_string(id));
        if (id < 999999 && seen.insert(id).second) expected.push_back(id);
    }
    GetMultipleLeadsRequest request(mktows::LeadKeySelector(mktows::LeadKeyType::IDNUM, keys));
    ExportOptions options;
    options.parallel = 3;
    const ExportSummary s = export_to_file(client_options(*sandbox), options, request, jsonl_file(dir.file("out.jsonl")));
    CHECK(s.units == 3);
    const auto ids = jsonl_ids(dir.file("out.jsonl"));
    check_exactly_once(ids, {expected.begin(), expected.end()});
    CHECK_FALSE(s.range);
}

TEST_CASE("a static list is one stream; progress reports come and the last one says finished") {
    TempDir dir;
    const LeadData data = standard_data(dir, 3000);
    auto so = sandbox_options(dir.file("data.jsonl"));
    so.latency = std::chrono::milliseconds(3);
    RunningSandbox sandbox(so);
    GetMultipleLeadsRequest request(mktows::StaticListSelector::by_name("Program.Sevens"));
    request.batch_size = 20;
    std::vector<mktows::ExportProgress> reports;
    ExportOptions options;
    options.parallel = 8;
    options.progress_interval = std::chrono::milliseconds(20);
    options.on_progress = [&](const mktows::ExportProgress& p) { reports.push_back(p); };
    const ExportSummary s = export_to_file(client_options(*sandbox), options, request, jsonl_file(dir.file("out.jsonl")));
    const auto expected = data.ids_in_list("Program.Sevens");
    check_exactly_once(jsonl_ids(dir.file("out.jsonl")), expected);
    CHECK(s.units == 1);
    CHECK(sandbox->stats().max_in_progress == 1);  // one stream, one call at a time
    REQUIRE(reports.size() >= 2);
    CHECK(reports.back().finished);
    CHECK(reports.back().leads_written == static_cast<std::int64_t>(expected.size()));
    CHECK(reports.back().leads_remaining == 0);
    bool saw_remaining = false;
    for (const auto& p : reports)
        if (!p.finished && p.leads_remaining && *p.leads_remaining > 0) saw_remaining = true;
    CHECK(saw_remaining);
}

TEST_CASE("an open range is pinned before the first call and recorded; the next export starts 1 s later") {
    TempDir dir;
    standard_data(dir, 1000);
    RunningSandbox sandbox(sandbox_options(dir.file("data.jsonl")));
    const auto pinned = utc("2024-06-15T08:00:00Z");
    ExportOptions options;
    options.clock = [pinned] { return pinned + std::chrono::milliseconds(250); };
    options.checkpoint_file = dir.file("cp");
    GetMultipleLeadsRequest request(mktows::LastUpdateAtSelector(utc("2024-06-01T00:00:00Z")));
    request.batch_size = 10;  // ~58 leads: several pages
    auto client = client_options(*sandbox);
    client.limits.max_calls = 1;
    CHECK_THROWS_AS(export_to_file(client, options, request, jsonl_file(dir.file("out.jsonl"))), mktows::Error);
    CHECK(read_file(dir.file("cp")).find("pinned_latest 2024-06-15T08:00:00Z") != std::string::npos);

    // Resumed a "day" later: the recorded end is used, not the new now.
    options.clock = [pinned] { return pinned + day; };
    client.limits.max_calls = 0;
    const ExportSummary s = export_to_file(client, options, request, jsonl_file(dir.file("out.jsonl")));
    REQUIRE(s.range);
    CHECK(s.range->latest == pinned);
    CHECK(s.next_updated_since == pinned + seconds(1));
}

}  // TEST_SUITE
