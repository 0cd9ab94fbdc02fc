// mktows linked into one program with a second, independently generated
// gSOAP binding (calculator.wsdl, generated at build time into C++
// namespace calc_gsoap with wsdl2h -j -q / soapcpp2 -q, no env module of its
// own), both called in turns: the calculator against its own generated
// service on loopback, mktows against a ReplayServer answering with the
// seed's response. That it links at all proves there are no clashing
// symbols; the wire checks prove each context keeps its own namespace table.
#include <doctest/doctest.h>

#include <cstring>
#include <string>

#include "calc_gsoapCalculatorProxy.h"
#include "calculator_server.hpp"
// The application's own global namespace table, as a typical gSOAP program
// has it: it must win over libmktows's weak empty `namespaces` (no
// duplicate symbol), and mktows must not use it.
#include "Calculator.nsmap"

#include "mktows/mktows.hpp"
#include "support/replay_server.hpp"

namespace {

const mktows::Credentials kCredentials{"namespaces_test_user", "namespaces-test-secret"};

double call_add(const std::string& endpoint, double a, double b) {
    calc_gsoap::CalculatorProxy proxy(endpoint.c_str());
    calc_gsoap::_calc__add in;
    in.a = a;
    in.b = b;
    calc_gsoap::_calc__addResponse out;
    const int rc = proxy.add(&in, out);
    INFO("calculator add: " << (proxy.soap_fault_string() ? proxy.soap_fault_string() : "?"));
    REQUIRE(rc == SOAP_OK);
    return out.result;
}

std::vector<mktows::Lead> fetch_seed_leads(const std::string& endpoint) {
    mktows::ClientOptions options;
    options.endpoint = endpoint;
    options.credentials = kCredentials;
    options.retry.max_retries = 0;
    mktows::Client client(options);
    mktows::GetMultipleLeadsRequest request(mktows::LeadKeySelector(
        mktows::LeadKeyType::EMAIL, {"formtest1@marketo.com", "joe@marketo.com"}));
    request.batch_size = 100;
    std::vector<mktows::Lead> leads;
    for (const mktows::Lead& lead : client.get_multiple_leads(request)) leads.push_back(lead);
    return leads;
}

bool table_has(const Namespace* table, const char* prefix, const char* uri) {
    for (; table != nullptr && table->id != nullptr; ++table) {
        if (std::strcmp(table->id, prefix) == 0) return std::strcmp(table->ns, uri) == 0;
    }
    return false;
}

}  // namespace

TEST_CASE("mktows and an independent gSOAP binding work side by side in one program") {
    mktows_test::CalculatorServer calculator;
    mktows_test::ReplayServerOptions replay_options;
    replay_options.credentials = kCredentials;
    const std::string seed_response = mktows_test::read_file(MKTOWS_TEST_DATA_DIR "/seed-response.xml");
    mktows_test::ReplayServer marketo(
        [&](const mktows_test::RecordedRequest&) { return mktows_test::Response::xml(seed_response); },
        replay_options);

    // In turns, so that neither binding's calls can rely on state the other
    // left behind (a namespace table set on a shared or global context).
    CHECK(call_add(calculator.endpoint(), 2.5, 4.0) == doctest::Approx(6.5));
    const std::vector<mktows::Lead> first = fetch_seed_leads(marketo.endpoint());
    CHECK(call_add(calculator.endpoint(), -7.0, 3.25) == doctest::Approx(-3.75));
    const std::vector<mktows::Lead> second = fetch_seed_leads(marketo.endpoint());
    CHECK(calculator.served() == 2);

    for (const auto* leads : {&first, &second}) {
        REQUIRE(leads->size() == 2);
        CHECK((*leads)[0].id.value() == 65835);
        CHECK((*leads)[0].email.value() == "formtest1@marketo.com");
        CHECK((*leads)[0].foreign_sys_type.is_nil());
        CHECK((*leads)[1].id.value() == 67508);
        REQUIRE((*leads)[1].attribute("Date_of_purchase") != nullptr);
        CHECK((*leads)[1].attribute("Date_of_purchase")->as_date() == mktows::Date{2012, 4, 4});
    }

    // mktows's requests: signed, and declaring exactly Marketo's prefixes
    // (its own table), nothing of the calculator's or of the global table.
    const auto requests = marketo.requests();
    REQUIRE(requests.size() == 2);
    CHECK(marketo.bad_signatures() == 0);
    for (const auto& r : requests) {
        CHECK(r.soap_action == "http://www.marketo.com/mktows/getMultipleLeads");
        CHECK(r.auth_user_id == kCredentials.user_id);
        CHECK(r.body.find("xmlns:ns1=\"http://www.marketo.com/mktows/\"") != std::string::npos);
        CHECK(r.body.find("urn:mktows-test:calculator") == std::string::npos);
        CHECK(r.body.find("xmlns:SOAP-ENC") == std::string::npos);
        CHECK(r.body.find("xmlns:xsd") == std::string::npos);
        CHECK(r.body.find("xmlns:calc") == std::string::npos);
    }
}

TEST_CASE("each binding's contexts keep their own namespace table") {
    mktows_test::CalculatorServer calculator;
    const std::string endpoint = calculator.endpoint();  // the proxy keeps the pointer
    calc_gsoap::CalculatorProxy proxy(endpoint.c_str());

    // The generated classes set their own tables; neither is mktows's.
    CHECK(table_has(proxy.soap->namespaces, "calc", "urn:mktows-test:calculator"));
    CHECK_FALSE(table_has(proxy.soap->namespaces, "ns1", "http://www.marketo.com/mktows/"));
    CHECK(table_has(calculator.context()->namespaces, "calc", "urn:mktows-test:calculator"));
    // The global table is the application's (from Calculator.nsmap), not
    // libmktows's weak empty one.
    CHECK(table_has(::namespaces, "calc", "urn:mktows-test:calculator"));

    // A fault of the calculator's service travels through the SOAP Fault
    // serializers of mktows's env module (the only ones in the program).
    calc_gsoap::_calc__divide in;
    in.a = 1.0;
    in.b = 0.0;
    calc_gsoap::_calc__divideResponse out;
    // A sender fault arrives as SOAP_CLI_FAULT (faultcode SOAP-ENV:Client).
    REQUIRE(proxy.divide(&in, out) == SOAP_CLI_FAULT);
    REQUIRE(proxy.soap_fault_string() != nullptr);
    CHECK(std::string(proxy.soap_fault_string()) == "division by zero");
    const char* detail = proxy.soap_fault_detail();
    REQUIRE(detail != nullptr);
    CHECK(std::string(detail).find("b is 0") != std::string::npos);

    in.b = 4.0;
    REQUIRE(proxy.divide(&in, out) == SOAP_OK);
    CHECK(out.result == doctest::Approx(0.25));
}
