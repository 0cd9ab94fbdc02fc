// Responses decoded field by field: the seed's sample, nil versus absent,
// typed attributes, empty pages, gzip, getLead.
#include <doctest/doctest.h>

#include "support/marketo_xml.hpp"
#include "wire_fixture.hpp"

using namespace mktows_test;
using mktows::Field;

namespace {

mktows::LeadPage fetch_page(const std::string& body, bool gzip = false) {
    ReplayServer server(
        [&](const RecordedRequest&) {
            Response r = Response::xml(body);
            r.gzip = gzip;
            return r;
        },
        signed_server_options());
    mktows::Client client(options_for(server.endpoint()));
    mktows::GetMultipleLeadsRequest request(mktows::StaticListSelector::by_id(1));
    return client.get_multiple_leads_page(request);
}

void check_attr(const mktows::Lead& lead, size_t i, const char* name, const char* type, const char* value) {
    REQUIRE(lead.attributes.size() > i);
    CHECK(lead.attributes[i].name == name);
    CHECK(lead.attributes[i].type == type);
    CHECK(lead.attributes[i].value == value);
}

}  // namespace

TEST_CASE("the seed's response decodes field by field") {
    mktows::LeadPage page = fetch_page(seed_response());
    CHECK(page.return_count == 2);
    CHECK(page.remaining_count == 0);
    CHECK(page.new_stream_position == "");
    REQUIRE(page.leads.size() == 2);

    const mktows::Lead& a = page.leads[0];
    CHECK(a.id == Field<std::int64_t>::of(65835));
    CHECK(a.email == Field<std::string>::of("formtest1@marketo.com"));
    CHECK(a.foreign_sys_person_id.is_nil());
    CHECK(a.foreign_sys_type.is_nil());
    REQUIRE(a.attributes.size() == 5);
    check_attr(a, 0, "Company", "string", "Marketo Test");
    check_attr(a, 1, "FirstName", "string", "FnameForm1");
    check_attr(a, 2, "LastName", "string", "LnameForm1");
    check_attr(a, 3, "LeadScore", "integer", "16");
    check_attr(a, 4, "Website", "url", "marketo.com");
    CHECK(a.attribute("LeadScore")->as_integer() == 16);
    CHECK(a.attribute("LeadScore")->kind() == mktows::Attribute::Kind::integer);
    CHECK(a.attribute("Website")->kind() == mktows::Attribute::Kind::string);

    const mktows::Lead& b = page.leads[1];
    CHECK(b.id.value() == 67508);
    CHECK(b.email.value() == "joe@marketo.com");
    CHECK(b.foreign_sys_person_id.is_nil());
    CHECK(b.foreign_sys_type.is_nil());
    REQUIRE(b.attributes.size() == 5);
    check_attr(b, 0, "Company", "string", "Marketo");
    check_attr(b, 1, "Date_of_purchase", "date", "2012-04-04");
    check_attr(b, 2, "FirstName", "string", "Joe");
    check_attr(b, 3, "LastName", "string", "Orante");
    check_attr(b, 4, "LeadScore", "integer", "11");
    CHECK(b.attribute("Date_of_purchase")->as_date() == mktows::Date{2012, 4, 4});
    CHECK(b.attribute("LeadScore")->as_integer() == 11);
}

TEST_CASE("absent, nil, empty and set fields stay apart") {
    const std::string body = R"(<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:m="http://www.marketo.com/mktows/">
 <SOAP-ENV:Body><m:successGetMultipleLeads><result>
  <returnCount>3</returnCount><remainingCount>1234</remainingCount>
  <newStreamPosition>p:2&amp;q</newStreamPosition>
  <leadRecordList>
   <leadRecord><Id>1</Id><Email></Email><ForeignSysPersonId>SF-001</ForeignSysPersonId><ForeignSysType>SFDC</ForeignSysType></leadRecord>
   <leadRecord><Id xsi:nil="true"/><ForeignSysType>SOMETHING_NEW</ForeignSysType>
    <leadAttributeList>
     <attribute><attrName>Note</attrName><attrType>string</attrType><attrValue>a &lt;b&gt; &amp; "c" — ünï 日本</attrValue></attribute>
     <attribute><attrName>Untyped</attrName><attrValue>x</attrValue></attribute>
     <attribute><attrName>NilType</attrName><attrType xsi:nil="true"/><attrValue>y</attrValue></attribute>
     <attribute><attrName>Revenue</attrName><attrType>currency</attrType><attrValue>1234.56</attrValue></attribute>
     <attribute><attrName>Opted</attrName><attrType>boolean</attrType><attrValue>true</attrValue></attribute>
     <attribute><attrName>Seen</attrName><attrType>datetime</attrType><attrValue>2013-08-02T15:47:06-07:00</attrValue></attribute>
     <attribute><attrName>Ratio</attrName><attrType>float</attrType><attrValue>0.25</attrValue></attribute>
    </leadAttributeList>
   </leadRecord>
   <leadRecord><Id>3</Id><Email xsi:nil="true"/><leadAttributeList xsi:nil="true"/></leadRecord>
  </leadRecordList>
 </result></m:successGetMultipleLeads></SOAP-ENV:Body></SOAP-ENV:Envelope>)";
    mktows::LeadPage page = fetch_page(body);
    CHECK(page.return_count == 3);
    CHECK(page.remaining_count == 1234);
    CHECK(page.new_stream_position == "p:2&q");
    REQUIRE(page.leads.size() == 3);

    const auto& l1 = page.leads[0];
    CHECK(l1.id.value() == 1);
    CHECK(l1.email == Field<std::string>::of(""));  // present and empty
    CHECK(l1.foreign_sys_person_id == Field<std::string>::of("SF-001"));
    CHECK(l1.foreign_sys_type == Field<std::string>::of("SFDC"));
    CHECK(l1.attributes.empty());

    const auto& l2 = page.leads[1];
    CHECK(l2.id.is_nil());
    CHECK(l2.email.is_absent());
    CHECK(l2.foreign_sys_person_id.is_absent());
    CHECK(l2.foreign_sys_type == Field<std::string>::of("SOMETHING_NEW"));  // not in the enumeration: kept
    REQUIRE(l2.attributes.size() == 7);
    CHECK(l2.attributes[0].value == "a <b> & \"c\" — ünï 日本");
    CHECK(l2.attributes[1].type == "");
    CHECK(l2.attributes[2].type == "");
    CHECK(l2.attribute("Revenue")->as_double() == doctest::Approx(1234.56));
    CHECK(l2.attribute("Revenue")->kind() == mktows::Attribute::Kind::number);
    CHECK(l2.attribute("Opted")->as_boolean());
    CHECK(l2.attribute("Seen")->as_datetime() == mktows::parse_w3c_datetime("2013-08-02T22:47:06Z"));
    CHECK(l2.attribute("Ratio")->as_double() == 0.25);

    const auto& l3 = page.leads[2];
    CHECK(l3.id.value() == 3);
    CHECK(l3.email.is_nil());
    CHECK(l3.foreign_sys_person_id.is_absent());
    CHECK(l3.attributes.empty());
}

TEST_CASE("an empty page and a gzip-compressed page decode") {
    mktows::LeadPage empty = fetch_page(get_multiple_leads_xml(make_page({}, 0, "")));
    CHECK(empty.return_count == 0);
    CHECK(empty.leads.empty());

    std::vector<mktows::Lead> leads;
    for (int i = 0; i < 300; ++i)
        leads.push_back(make_lead(1000 + i, "lead" + std::to_string(i) + "@example.com",
                                  {{"Company", "string", "Company number " + std::to_string(i)}}));
    mktows::LeadPage page = fetch_page(get_multiple_leads_xml(make_page(leads, 700, "next")), true);
    REQUIRE(page.leads.size() == 300);
    CHECK(page.leads[299].id.value() == 1299);
    CHECK(page.leads[299].attributes[0].value == "Company number 299");
    CHECK(page.remaining_count == 700);
}

TEST_CASE("getLead decodes every matching lead") {
    ReplayServer server(
        [](const RecordedRequest&) {
            return Response::xml(get_lead_xml({make_lead(7, "same@x.com", {{"FirstName", "string", "A"}}),
                                               make_lead(8, "same@x.com")}));
        },
        signed_server_options());
    mktows::Client client(options_for(server.endpoint()));
    auto leads = client.get_lead({mktows::LeadKeyType::EMAIL, "same@x.com"});
    REQUIRE(leads.size() == 2);
    CHECK(leads[0].id.value() == 7);
    CHECK(leads[0].attribute("FirstName")->value == "A");
    CHECK(leads[1].id.value() == 8);
    CHECK(leads[1].foreign_sys_type.is_nil());
}
