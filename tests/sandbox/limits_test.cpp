// Authentication and the limits and faults of mktows-sandbox, each turned on
// by its option, seen through the SDK client and raw HTTP: 20014, 20016,
// --rate-limit (20023), --max-concurrency (20024), --daily-quota (20015),
// --latency-ms, --fail-rate (connection closed without a response, the
// same calls for the same seed), --fault-rate (10001/20011),
// --http-error-rate (HTTP 503), --latency-per-lead-ms and --churn.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "sandbox/sandbox_fixture.hpp"
#include "sandbox/signed_envelope.hpp"
#include "support/http_connection.hpp"

using namespace sandbox_test;
using mktows_test::HttpConnection;
using mktows::GetMultipleLeadsRequest;

namespace {

GetMultipleLeadsRequest small_list_page() {
    GetMultipleLeadsRequest r(mktows::StaticListSelector::by_id(1));
    r.batch_size = 5;
    return r;
}

int fault_code_of_call(mktows::Client& client) {
    try {
        client.get_multiple_leads_page(small_list_page());
        return 0;
    } catch (const mktows::Error& e) {
        return e.kind() == mktows::ErrorKind::service_fault ? e.service_code() : -1;
    }
}

}  // namespace

TEST_CASE("a wrong secret or user is 20014; a client clock 20 minutes off is 20016") {
    RunningSandbox sandbox(test_options(500));
    {
        auto o = client_options(*sandbox);
        o.credentials.secret_key = "wrong";
        mktows::Client client(o);
        const auto e = error_of([&] { client.get_multiple_leads_page(small_list_page()); });
        CHECK(e.kind() == mktows::ErrorKind::service_fault);
        CHECK(e.service_code() == 20014);
        CHECK(std::string(e.what()).find("wrong") == std::string::npos);
    }
    {
        auto o = client_options(*sandbox);
        o.credentials.user_id = "another_user";
        mktows::Client client(o);
        CHECK(error_of([&] { client.get_multiple_leads_page(small_list_page()); }).service_code() == 20014);
    }
    for (int minutes : {-20, 20}) {
        auto o = client_options(*sandbox);
        o.clock = [minutes] { return std::chrono::system_clock::now() + std::chrono::minutes(minutes); };
        mktows::Client client(o);
        CHECK(error_of([&] { client.get_multiple_leads_page(small_list_page()); }).service_code() == 20016);
    }
    SUBCASE("--max-clock-skew narrows the window") {
        auto options = test_options(500);
        options.max_clock_skew = std::chrono::seconds(60);
        RunningSandbox strict(options);
        auto o = client_options(*strict);
        o.clock = [] { return std::chrono::system_clock::now() - std::chrono::seconds(90); };
        mktows::Client client(o);
        CHECK(error_of([&] { client.get_multiple_leads_page(small_list_page()); }).service_code() == 20016);
    }
    SUBCASE("other credentials, given as options") {
        auto options = test_options(500);
        options.user_id = "acme_1_XYZ";
        options.secret_key = "s3cr3t &<>\"";
        RunningSandbox custom(options);
        mktows::Client client(client_options(*custom));
        CHECK(client.get_multiple_leads_page(small_list_page()).return_count > 0);
        auto demo = client_options(*custom);
        demo.credentials = {sb::demo_user_id, sb::demo_secret_key};
        mktows::Client demo_client(demo);
        CHECK(error_of([&] { demo_client.get_multiple_leads_page(small_list_page()); }).service_code() == 20014);
    }
}

TEST_CASE("--rate-limit 5/3: the sixth call in three seconds is 20023, later calls pass again") {
    auto options = test_options(500);
    options.rate_limit_calls = 5;
    options.rate_limit_period = std::chrono::seconds(3);
    RunningSandbox sandbox(options);
    mktows::Client client(client_options(*sandbox));
    const auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < 5; ++i) CHECK(fault_code_of_call(client) == 0);
    CHECK(fault_code_of_call(client) == 20023);
    CHECK(fault_code_of_call(client) == 20023);  // refused calls do not count, but the window is still full
    REQUIRE(std::chrono::steady_clock::now() - started < std::chrono::seconds(3));
    std::this_thread::sleep_until(started + std::chrono::milliseconds(3100));
    CHECK(fault_code_of_call(client) == 0);
}

TEST_CASE("--max-concurrency 2: of five simultaneous calls, three are 20024") {
    auto options = test_options(500);
    options.max_concurrency = 2;
    options.latency = std::chrono::milliseconds(1500);
    RunningSandbox sandbox(options);
    std::atomic<int> ok{0}, refused{0}, other{0};
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 5; ++i)
        threads.emplace_back([&] {
            mktows::Client client(client_options(*sandbox));
            ++ready;
            while (ready < 5) std::this_thread::yield();  // all five call at once
            const int code = fault_code_of_call(client);
            (code == 0 ? ok : code == 20024 ? refused : other)++;
        });
    for (auto& t : threads) t.join();
    CHECK(ok == 2);
    CHECK(refused == 3);
    CHECK(other == 0);
    CHECK(sandbox->stats().max_in_progress == 5);
    // One at a time is always fine.
    mktows::Client client(client_options(*sandbox));
    CHECK(fault_code_of_call(client) == 0);
}

TEST_CASE("--daily-quota 3: the fourth call of the day is 20015") {
    auto options = test_options(500);
    options.daily_quota = 3;
    RunningSandbox sandbox(options);
    mktows::Client client(client_options(*sandbox));
    for (int i = 0; i < 3; ++i) CHECK(fault_code_of_call(client) == 0);
    CHECK(fault_code_of_call(client) == 20015);
    CHECK(sandbox->stats().faults == 1);
    HttpConnection http(sandbox->port());
    const auto r = http.post_soap(demo_envelope("<ns1:paramsGetLead><leadKey><keyType>IDNUM</keyType><keyValue>65835</keyValue></leadKey></ns1:paramsGetLead>"));
    REQUIRE(r);
    CHECK(r->body.find("<faultstring>20015 - Request limit exceeded") != std::string::npos);
}

TEST_CASE("--latency-ms is added to every call, faults included") {
    auto options = test_options(500);
    options.latency = std::chrono::milliseconds(300);
    RunningSandbox sandbox(options);
    mktows::Client client(client_options(*sandbox));
    auto timed = [&](auto&& f) {
        const auto t0 = std::chrono::steady_clock::now();
        f();
        return std::chrono::steady_clock::now() - t0;
    };
    CHECK(timed([&] { client.get_multiple_leads_page(small_list_page()); }) >= std::chrono::milliseconds(300));
    CHECK(timed([&] { (void)error_of([&] { client.get_lead({mktows::LeadKeyType::IDNUM, "1"}); }); }) >=
          std::chrono::milliseconds(300));
}

TEST_CASE("--fail-rate: calls end with the connection closed and no response; the same calls for the same seed") {
    SUBCASE("every call") {
        auto options = test_options(500);
        options.fail_rate = 1.0;
        RunningSandbox sandbox(options);
        mktows::Client client(client_options(*sandbox));
        const auto e = error_of([&] { client.get_multiple_leads_page(small_list_page()); });
        CHECK(e.kind() == mktows::ErrorKind::transport);
        HttpConnection http(sandbox->port());
        CHECK_FALSE(http.post_soap(demo_envelope("<ns1:paramsGetMultipleLeads/>")).has_value());
        CHECK(sandbox->stats().dropped == 2);
        CHECK(sandbox->stats().calls == 2);
        CHECK(sandbox->stats().faults == 0);
    }
    SUBCASE("a third of the calls, reproducibly") {
        auto pattern = [](std::uint64_t seed) {
            auto options = test_options(200);
            options.fail_rate = 1.0 / 3;
            options.seed = seed;
            RunningSandbox sandbox(options);
            std::string p;
            for (int i = 0; i < 60; ++i) {
                HttpConnection http(sandbox->port());
                p += http.post_soap(demo_envelope("<ns1:paramsGetLead><leadKey><keyType>IDNUM</keyType><keyValue>65835"
                                                  "</keyValue></leadKey></ns1:paramsGetLead>"))
                         ? '.'
                         : 'x';
            }
            return p;
        };
        const std::string a = pattern(7), b = pattern(7), c = pattern(8);
        CAPTURE(a);
        CHECK(a == b);
        CHECK(a != c);
        const auto dropped = std::count(a.begin(), a.end(), 'x');
        CHECK(dropped >= 8);
        CHECK(dropped <= 35);
    }
}

TEST_CASE("--fault-rate: calls answered with 10001 and 20011 in Marketo's fault format, retried by the SDK") {
    auto options = test_options(500);
    options.fault_rate = 1.0;
    RunningSandbox sandbox(options);
    mktows::Client client(client_options(*sandbox));
    CHECK(fault_code_of_call(client) == 10001);
    CHECK(fault_code_of_call(client) == 20011);
    // On the wire: a Server fault with the serviceException detail.
    HttpConnection http(sandbox->port());
    const auto r = http.post_soap(demo_envelope("<ns1:paramsGetMultipleLeads><batchSize>5</batchSize>"
                                                "</ns1:paramsGetMultipleLeads>"));
    REQUIRE(r.has_value());
    CHECK(r->status == 500);
    CHECK(r->body.find("<faultcode>SOAP-ENV:Server</faultcode>") != std::string::npos);
    CHECK(r->body.find("<faultstring>10001 - Internal error") != std::string::npos);
    CHECK(r->body.find("<code>10001</code>") != std::string::npos);
    CHECK(sandbox->stats().faults == 3);
    // Both are retryable: a client with retries gives up only when they run out.
    auto retrying = client_options(*sandbox);
    retrying.retry.max_retries = 2;
    retrying.retry.initial_backoff = std::chrono::milliseconds(1);
    mktows::Client patient(retrying);
    const auto e = error_of([&] { patient.get_multiple_leads_page(small_list_page()); });
    CHECK(e.retryable());
    CHECK(e.attempts() == 3);
}

TEST_CASE("--http-error-rate: calls answered with HTTP 503 and no SOAP body, on a connection that stays open") {
    auto options = test_options(500);
    options.http_error_rate = 1.0;
    RunningSandbox sandbox(options);
    HttpConnection http(sandbox->port());
    for (int i = 0; i < 2; ++i) {
        const auto r = http.post_soap(demo_envelope("<ns1:paramsGetMultipleLeads><batchSize>5</batchSize>"
                                                    "</ns1:paramsGetMultipleLeads>"));
        REQUIRE(r.has_value());
        CHECK(r->status == 503);
        CHECK(r->body.empty());
    }
    CHECK(sandbox->stats().connections == 1);
    mktows::Client client(client_options(*sandbox));
    const auto e = error_of([&] { client.get_multiple_leads_page(small_list_page()); });
    CHECK(e.kind() == mktows::ErrorKind::http_status);
    CHECK(e.http_status() == 503);
    CHECK(e.retryable());
    CHECK(sandbox->stats().http_errors == 3);
    CHECK(sandbox->stats().faults == 0);
}

TEST_CASE("--latency-per-lead-ms: a page takes longer the more leads it returns") {
    auto options = test_options(500);
    options.latency_per_lead = std::chrono::milliseconds(20);
    RunningSandbox sandbox(options);
    mktows::Client client(client_options(*sandbox));
    auto timed_page = [&](int batch_size) {
        GetMultipleLeadsRequest r(mktows::StaticListSelector::by_id(2));
        r.batch_size = batch_size;
        const auto t0 = std::chrono::steady_clock::now();
        const auto page = client.get_multiple_leads_page(r);
        const auto took = std::chrono::steady_clock::now() - t0;
        return std::make_pair(page.leads.size(), took);
    };
    const auto [few, few_took] = timed_page(2);
    const auto [more, more_took] = timed_page(30);
    REQUIRE(few == 2);
    REQUIRE(more == 30);
    CHECK(few_took >= std::chrono::milliseconds(40));
    CHECK(more_took >= std::chrono::milliseconds(600));
    CHECK(more_took - few_took >= std::chrono::milliseconds(400));
}

TEST_CASE("--churn moves leads to updatedAt = now, about N a second") {
    auto options = test_options(3000);
    options.churn_per_second = 1000;
    RunningSandbox sandbox(options);
    const auto t0 = std::chrono::steady_clock::now();
    const auto before = sandbox->snapshot();
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    const auto after = sandbox->snapshot();
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const auto now = std::chrono::system_clock::now();
    int moved = 0;
    for (std::size_t i = 0; i < after.size(); ++i) {
        REQUIRE(after[i].lead.id == before[i].lead.id);
        if (after[i].updated_at != before[i].updated_at) {
            ++moved;
            CHECK(after[i].updated_at <= now);
            CHECK(after[i].updated_at >= now - std::chrono::seconds(3));
        }
    }
    // About 1000 draws a second (some hit the same lead twice).
    CHECK(moved >= 0.5 * 1000 * (elapsed - 0.25));
    CHECK(moved <= 1000 * (elapsed + 0.25));
    // A window ending now finds the moved leads.
    mktows::Client client(client_options(*sandbox));
    GetMultipleLeadsRequest request(mktows::LastUpdateAtSelector(now - std::chrono::seconds(5), now));
    request.batch_size = 1000;
    CHECK(all_leads(client, request).size() >= static_cast<std::size_t>(moved));
}
