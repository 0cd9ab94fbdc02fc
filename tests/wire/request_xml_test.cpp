// The request XML the SDK puts on the wire, as a loopback server receives
// it, compared structurally with the seed's sample request.
#include <doctest/doctest.h>

#include <string>

#include "support/marketo_xml.hpp"
#include "support/openssl_cli.hpp"
#include "support/tz_guard.hpp"
#include "support/xml_compare.hpp"
#include "wire_fixture.hpp"

using namespace mktows_test;

namespace {

// The seed request with its <leadSelector> element replaced.
std::string seed_with_selector(const std::string& selector_xml) {
    std::string s = seed_request();
    auto b = s.find("<leadSelector");
    auto e = s.find("</leadSelector>") + std::string("</leadSelector>").size();
    REQUIRE(b != std::string::npos);
    return s.replace(b, e - b, selector_xml);
}

// The seed request with the text after </leadSelector> up to
// </ns1:paramsGetMultipleLeads> replaced (streamPosition, batchSize, ...).
std::string seed_with_params(const std::string& selector_xml, const std::string& params_xml) {
    std::string s = seed_with_selector(selector_xml);
    auto b = s.find("</leadSelector>") + std::string("</leadSelector>").size();
    auto e = s.find("</ns1:paramsGetMultipleLeads>");
    return s.replace(b, e - b, params_xml);
}

struct Capture {
    ReplayServer server{[](const RecordedRequest&) { return Response::xml(seed_response()); },
                        signed_server_options()};
    mktows::Client client{options_for(server.endpoint())};

    RecordedRequest send(const mktows::GetMultipleLeadsRequest& r) {
        client.get_multiple_leads_page(r);
        auto all = server.requests();
        REQUIRE(!all.empty());
        return all.back();
    }
};

XmlCompareOptions ignore_auth() {
    XmlCompareOptions o;
    o.ignore_text_of = {"requestSignature", "requestTimestamp"};
    return o;
}

}  // namespace

TEST_CASE("a LeadKeySelector request is the seed's request, signature apart") {
    TzGuard tz("America/Los_Angeles");
    ReplayServer server([](const RecordedRequest&) { return Response::xml(seed_response()); }, signed_server_options());
    auto options = options_for(server.endpoint());
    // The seed's own moment: 2013-08-02T15:47:06-07:00.
    options.clock = [] { return mktows::parse_w3c_datetime("2013-08-02T22:47:06Z"); };
    mktows::Client client(options);
    mktows::GetMultipleLeadsRequest request(
        mktows::LeadKeySelector(mktows::LeadKeyType::EMAIL, {"formtest1@marketo.com", "joe@marketo.com"}));
    request.batch_size = 100;
    client.get_multiple_leads_page(request);

    auto reqs = server.requests();
    REQUIRE(reqs.size() == 1);
    const RecordedRequest& r = reqs[0];
    XmlCompareOptions only_signature;
    only_signature.ignore_text_of = {"requestSignature"};
    CHECK(xml_difference(seed_request(), r.body, only_signature) == "");
    CHECK(r.auth_timestamp == "2013-08-02T15:47:06-07:00");
    CHECK(r.auth_signature ==
          openssl_hmac_sha1_hex(test_credentials().secret_key, "2013-08-02T15:47:06-07:00" + test_credentials().user_id));
    CHECK(server.bad_signatures() == 0);
    // Prefixes as in the seed, and no mustUnderstand on the header.
    CHECK(r.body.find("<SOAP-ENV:Envelope") != std::string::npos);
    CHECK(r.body.find("<ns1:AuthenticationHeader>") != std::string::npos);
    CHECK(r.body.find("xsi:type=\"ns1:LeadKeySelector\"") != std::string::npos);
    CHECK(r.body.find("mustUnderstand") == std::string::npos);
    // The secret itself never travels.
    CHECK(r.body.find(test_credentials().secret_key) == std::string::npos);
    // HTTP: POST to the endpoint's path, the WSDL's soapAction, XML, gzip accepted.
    CHECK(r.method == "POST");
    CHECK(r.path() == "/soap/mktows/2_7");
    CHECK(r.soap_action == "http://www.marketo.com/mktows/getMultipleLeads");
    CHECK(r.header("Content-Type").find("text/xml") == 0);
    CHECK(r.header("Accept-Encoding").find("gzip") != std::string::npos);
}

TEST_CASE("the seed's comparison really detects differences") {
    std::string seed = seed_request();
    std::string other = seed;
    other.replace(other.find("joe@marketo.com"), 3, "jim");
    CHECK(xml_difference(seed, other, ignore_auth()) != "");
    other = seed;
    other.replace(other.find("xsi:type=\"ns1:LeadKeySelector\""), 30, "xsi:type=\"ns1:StaticListSelector\"");
    CHECK(xml_difference(seed, other, ignore_auth()).find("StaticListSelector") != std::string::npos);
}

TEST_CASE("every key type goes on the wire by its name") {
    Capture c;
    for (auto type : mktows::all_lead_key_types()) {
        CAPTURE(mktows::to_string(type));
        mktows::GetMultipleLeadsRequest r(mktows::LeadKeySelector(type, {"k1", "k2"}));
        r.batch_size = 100;
        auto got = c.send(r);
        std::string selector = "<leadSelector xsi:type=\"ns1:LeadKeySelector\"><keyType>" +
                               std::string(mktows::to_string(type)) +
                               "</keyType><keyValues><stringItem>k1</stringItem><stringItem>k2</stringItem>"
                               "</keyValues></leadSelector>";
        CHECK(xml_difference(seed_with_selector(selector), got.body, ignore_auth()) == "");
    }
}

TEST_CASE("StaticListSelector by name, by id, and by both") {
    Capture c;
    auto check = [&](mktows::StaticListSelector s, const std::string& inner) {
        mktows::GetMultipleLeadsRequest r(std::move(s));
        r.batch_size = 100;
        auto got = c.send(r);
        CHECK(xml_difference(seed_with_selector("<leadSelector xsi:type=\"ns1:StaticListSelector\">" + inner +
                                                "</leadSelector>"),
                             got.body, ignore_auth()) == "");
    };
    check(mktows::StaticListSelector::by_name("SMSProgram.listForTesting"),
          "<staticListName>SMSProgram.listForTesting</staticListName>");
    check(mktows::StaticListSelector::by_id(6926), "<staticListId>6926</staticListId>");
    check(mktows::StaticListSelector(std::string("P.L"), 12),
          "<staticListName>P.L</staticListName><staticListId>12</staticListId>");
}

TEST_CASE("LastUpdateAtSelector with and without latestUpdatedAt") {
    Capture c;
    mktows::GetMultipleLeadsRequest closed(mktows::LastUpdateAtSelector(
        "2013-08-06T12:00:00-07:00", std::string_view("2013-08-06T15:45:00-07:00")));
    closed.batch_size = 100;
    auto got = c.send(closed);
    CHECK(xml_difference(seed_with_selector("<leadSelector xsi:type=\"ns1:LastUpdateAtSelector\">"
                                            "<latestUpdatedAt>2013-08-06T22:45:00Z</latestUpdatedAt>"
                                            "<oldestUpdatedAt>2013-08-06T19:00:00Z</oldestUpdatedAt>"
                                            "</leadSelector>"),
                         got.body, ignore_auth()) == "");
    // One page on its own: the open range stays open (paging pins it, see client tests).
    mktows::GetMultipleLeadsRequest open(mktows::LastUpdateAtSelector("2013-08-06T12:00:00-07:00"));
    open.batch_size = 100;
    got = c.send(open);
    CHECK(xml_difference(seed_with_selector("<leadSelector xsi:type=\"ns1:LastUpdateAtSelector\">"
                                            "<oldestUpdatedAt>2013-08-06T19:00:00Z</oldestUpdatedAt>"
                                            "</leadSelector>"),
                         got.body, ignore_auth()) == "");
}

TEST_CASE("streamPosition, batchSize and includeAttributes in WSDL order") {
    Capture c;
    mktows::GetMultipleLeadsRequest r(mktows::StaticListSelector::by_id(3));
    r.stream_position = "id:65835&sig=a+b/c==";
    r.include_attributes = {"FirstName", "AnonymousIP", "Company"};
    auto got = c.send(r);
    CHECK(xml_difference(seed_with_params("<leadSelector xsi:type=\"ns1:StaticListSelector\">"
                                          "<staticListId>3</staticListId></leadSelector>",
                                          "<streamPosition>id:65835&amp;sig=a+b/c==</streamPosition>"
                                          "<batchSize>200</batchSize>"
                                          "<includeAttributes><stringItem>FirstName</stringItem>"
                                          "<stringItem>AnonymousIP</stringItem><stringItem>Company</stringItem>"
                                          "</includeAttributes>"),
                         got.body, ignore_auth()) == "");
    auto params = read_get_multiple_leads(got.body);
    CHECK(params.stream_position == "id:65835&sig=a+b/c==");  // passed back byte for byte
}

TEST_CASE("keys and names with XML-special and non-ASCII characters are escaped, not mangled") {
    Capture c;
    const std::vector<std::string> keys = {"a<b>&c\"d'e@x.com", "zoë@exämple.com", "日本語@例え.jp",
                                           "]]><injected/>", "tab\there", "emoji-😀@x.io"};
    mktows::GetMultipleLeadsRequest r(mktows::LeadKeySelector(mktows::LeadKeyType::EMAIL, keys));
    r.include_attributes = {"Nom_é<>&"};
    auto got = c.send(r);
    REQUIRE(xml_well_formed(got.body));
    auto params = read_get_multiple_leads(got.body);
    CHECK(params.keys == keys);
    CHECK(params.include_attributes == std::vector<std::string>{"Nom_é<>&"});
    CHECK(got.body.find("<injected/>") == std::string::npos);
    CHECK(got.body.find("zoë@exämple.com") != std::string::npos);  // UTF-8 as is, not as character references

    mktows::GetMultipleLeadsRequest list(mktows::StaticListSelector::by_name("Prog & <Co>.Liste \"été\""));
    got = c.send(list);
    CHECK(read_get_multiple_leads(got.body).static_list_name == "Prog & <Co>.Liste \"été\"");
}

TEST_CASE("getLead sends one LeadKey with the getLead soapAction") {
    ReplayServer server([](const RecordedRequest&) { return Response::xml(get_lead_xml({})); }, signed_server_options());
    mktows::Client client(options_for(server.endpoint()));
    client.get_lead({mktows::LeadKeyType::EMAIL, "joe&co@marketo.com"});
    auto reqs = server.requests();
    REQUIRE(reqs.size() == 1);
    CHECK(reqs[0].soap_action == "http://www.marketo.com/mktows/getLead");
    std::string expected = seed_request();
    auto b = expected.find("<ns1:paramsGetMultipleLeads>");
    auto e = expected.find("</SOAP-ENV:Body>");
    expected.replace(b, e - b,
                     "<ns1:paramsGetLead><leadKey><keyType>EMAIL</keyType>"
                     "<keyValue>joe&amp;co@marketo.com</keyValue></leadKey></ns1:paramsGetLead>");
    CHECK(xml_difference(expected, reqs[0].body, ignore_auth()) == "");
}
