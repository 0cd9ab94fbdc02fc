// Key chunking: more than 100 keys become calls of at most 100, in order,
// each paged to its end; no key is lost.
#include <doctest/doctest.h>

#include "client_fixture.hpp"
#include "lead_list_service.hpp"
#include "support/marketo_xml.hpp"

using namespace mktows_test;
using mktows::ErrorKind;

namespace {
std::vector<std::string> keys(int n, const std::string& prefix = "user") {
    std::vector<std::string> out;
    for (int i = 0; i < n; ++i) out.push_back(prefix + std::to_string(i) + "@example.com");
    return out;
}
}  // namespace

TEST_CASE("250 keys: three calls of 100, 100 and 50 keys, in order, every key sent once") {
    LeadListService service({});
    ReplayServer server(std::ref(service), checked_server());
    mktows::Client client(fast_options(server.endpoint()));
    const auto all = keys(250);
    auto range = client.get_multiple_leads(
        mktows::GetMultipleLeadsRequest(mktows::LeadKeySelector(mktows::LeadKeyType::EMAIL, all)));
    std::vector<std::string> emails;
    for (const auto& lead : range) emails.push_back(lead.email.value());
    CHECK(emails == all);  // every lead, in key order

    auto reqs = server.requests();
    REQUIRE(reqs.size() == 3);
    std::vector<std::string> sent;
    const size_t sizes[] = {100, 100, 50};
    for (size_t i = 0; i < 3; ++i) {
        auto p = read_get_multiple_leads(reqs[i].body);
        CHECK(p.keys.size() == sizes[i]);
        CHECK(p.key_type == "EMAIL");
        CHECK(p.stream_position.empty());
        sent.insert(sent.end(), p.keys.begin(), p.keys.end());
    }
    CHECK(sent == all);
}

TEST_CASE("each chunk is paged to its end before the next starts") {
    LeadListService service({});
    ReplayServer server(std::ref(service), checked_server());
    mktows::Client client(fast_options(server.endpoint()));
    const auto all = keys(230, "k");
    mktows::GetMultipleLeadsRequest request(mktows::LeadKeySelector(mktows::LeadKeyType::COOKIE, all));
    request.batch_size = 40;
    request.include_attributes = {"Email"};
    auto range = client.get_multiple_leads(request);
    std::vector<std::string> emails;
    for (const auto& lead : range) emails.push_back(lead.email.value());
    CHECK(emails == all);
    // chunk 1 (100 keys): 40+40+20; chunk 2: 40+40+20; chunk 3 (30 keys): 30.
    auto reqs = server.requests();
    REQUIRE(reqs.size() == 7);
    const char* positions[] = {"", "pos:40", "pos:80", "", "pos:40", "pos:80", ""};
    const size_t key_counts[] = {100, 100, 100, 100, 100, 100, 30};
    for (size_t i = 0; i < 7; ++i) {
        CAPTURE(i);
        auto p = read_get_multiple_leads(reqs[i].body);
        CHECK(p.stream_position == positions[i]);
        CHECK(p.keys.size() == key_counts[i]);
        CHECK(p.include_attributes == std::vector<std::string>{"Email"});
        CHECK(p.batch_size == 40);
    }
    CHECK(read_get_multiple_leads(reqs[3].body).keys.front() == "k100@example.com");
    CHECK(read_get_multiple_leads(reqs[6].body).keys.back() == "k229@example.com");
}

TEST_CASE("exactly 100 keys is one call; 101 is two") {
    LeadListService service({});
    ReplayServer server(std::ref(service), checked_server());
    mktows::Client client(fast_options(server.endpoint()));
    auto r100 = client.get_multiple_leads(
        mktows::GetMultipleLeadsRequest(mktows::LeadKeySelector(mktows::LeadKeyType::EMAIL, keys(100))));
    CHECK(std::distance(r100.begin(), r100.end()) == 100);
    CHECK(server.request_count() == 1);
    auto r101 = client.get_multiple_leads(
        mktows::GetMultipleLeadsRequest(mktows::LeadKeySelector(mktows::LeadKeyType::EMAIL, keys(101))));
    CHECK(std::distance(r101.begin(), r101.end()) == 101);
    CHECK(server.request_count() == 3);
}

TEST_CASE("more than 100 keys are never sent in one call, nor with a stream position") {
    LeadListService service({});
    ReplayServer server(std::ref(service), checked_server());
    mktows::Client client(fast_options(server.endpoint()));
    mktows::GetMultipleLeadsRequest big(mktows::LeadKeySelector(mktows::LeadKeyType::EMAIL, keys(150)));
    mktows::Error e = error_of([&] { client.get_multiple_leads_page(big); });
    CHECK(e.kind() == ErrorKind::invalid_argument);
    CHECK(std::string(e.what()).find("at most 100") != std::string::npos);
    CHECK(error_of([&] { client.connection()->get_multiple_leads(big); }).kind() == ErrorKind::invalid_argument);
    big.stream_position = "pos:10";
    e = error_of([&] { client.get_multiple_leads(big); });
    CHECK(e.kind() == ErrorKind::invalid_argument);
    CHECK(std::string(e.what()).find("stream position") != std::string::npos);
    CHECK(server.request_count() == 0);
}
