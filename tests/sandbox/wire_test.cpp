// The sandbox's bytes on the wire, read with a raw HTTP client and libxml2:
// the lead response against Marketo's sample response, every fault in
// Marketo's exact shape, the WSDL over GET, keep-alive, the 100-key and
// batchSize caps, and requests gSOAP cannot read.
#include <doctest/doctest.h>

#include <algorithm>
#include <regex>

#include <zlib.h>

#include "mktows/error.hpp"
#include "sandbox/sandbox_fixture.hpp"
#include "sandbox/signed_envelope.hpp"
#include "support/files.hpp"
#include "support/http_connection.hpp"
#include "support/xml_compare.hpp"

using namespace sandbox_test;
using mktows_test::HttpConnection;
using mktows_test::HttpResponse;
using mktows_test::read_file;
using mktows_test::xml_difference;
using mktows_test::xml_texts;

namespace {

struct Fixture {
    RunningSandbox sandbox{test_options(3000)};
    std::vector<sb::LeadSnapshot> leads = sandbox->snapshot();
    HttpConnection http{sandbox->port()};

    HttpResponse call(const std::string& body) {
        auto r = http.post_soap(demo_envelope(body));
        REQUIRE(r);
        return *r;
    }
};

std::string gunzip(const std::string& data) {
    z_stream z{};
    REQUIRE(inflateInit2(&z, 16 + MAX_WBITS) == Z_OK);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    std::string out;
    char buf[16384];
    int rc;
    do {
        z.next_out = reinterpret_cast<Bytef*>(buf);
        z.avail_out = sizeof buf;
        rc = inflate(&z, Z_NO_FLUSH);
        REQUIRE((rc == Z_OK || rc == Z_STREAM_END));
        out.append(buf, sizeof buf - z.avail_out);
    } while (rc != Z_STREAM_END);
    inflateEnd(&z);
    return out;
}

std::string text(const std::string& xml, const char* element) {
    const auto v = xml_texts(xml, element);
    return v.empty() ? std::string("<none>") : v.front();
}

// Marketo's fault, from marketo-soap-behaviour.md, for a code and texts.
std::string marketo_fault(const std::string& faultstring, const std::string& message, int code) {
    return "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Body>"
           "<SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode><faultstring>" + faultstring +
           "</faultstring><detail><ns1:serviceException xmlns:ns1=\"http://www.marketo.com/mktows/\">"
           "<name>mktServiceException</name><message>" + message + "</message><code>" + std::to_string(code) +
           "</code></ns1:serviceException></detail></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>";
}

// The response is a Marketo fault with this code and title: exact shape,
// faultstring "CODE - Title[: detail]", message "Title[: detail] (CODE)".
void check_fault(const HttpResponse& r, int code) {
    CAPTURE(r.body);
    CHECK(r.status == 500);
    const std::string faultstring = text(r.body, "faultstring");
    const std::string message = text(r.body, "message");
    CHECK(xml_difference(marketo_fault(faultstring, message, code), r.body) == "");
    CHECK(faultstring.rfind(std::to_string(code) + " - ", 0) == 0);
    const std::string suffix = " (" + std::to_string(code) + ")";
    REQUIRE(message.size() > suffix.size());
    CHECK(message.compare(message.size() - suffix.size(), suffix.size(), suffix) == 0);
    // The same words in both: faultstring "CODE - X", message "X (CODE)".
    CHECK(faultstring.substr(std::to_string(code).size() + 3) == message.substr(0, message.size() - suffix.size()));
}

std::string list_body(const std::string& selector_inner, const std::string& extra = {}) {
    return "<ns1:paramsGetMultipleLeads><leadSelector xsi:type=\"ns1:StaticListSelector\">" + selector_inner +
           "</leadSelector>" + extra + "</ns1:paramsGetMultipleLeads>";
}

std::string window_body(const std::string& oldest, const std::string& latest) {
    return "<ns1:paramsGetMultipleLeads><leadSelector xsi:type=\"ns1:LastUpdateAtSelector\"><oldestUpdatedAt>" + oldest +
           "</oldestUpdatedAt><latestUpdatedAt>" + latest + "</latestUpdatedAt></leadSelector></ns1:paramsGetMultipleLeads>";
}

}  // namespace

TEST_CASE("the sample's two leads come back exactly as Marketo's sample response shows them") {
    Fixture f;
    const auto r = f.call(
        "<ns1:paramsGetMultipleLeads><leadSelector xsi:type=\"ns1:LeadKeySelector\"><keyType>EMAIL</keyType>"
        "<keyValues><stringItem>formtest1@marketo.com</stringItem><stringItem>joe@marketo.com</stringItem></keyValues>"
        "</leadSelector><batchSize>100</batchSize></ns1:paramsGetMultipleLeads>");
    CHECK(r.status == 200);
    CHECK(r.header("content-type").find("text/xml") == 0);
    CHECK(xml_difference(read_file(MKTOWS_TEST_DATA_DIR "/seed-response.xml"), r.body) == "");
    // The same namespace declarations as Marketo's: SOAP-ENV, xsi, ns1 and nothing else; no SOAP Header.
    const std::regex declarations("xmlns:([A-Za-z0-9-]+)=");
    std::vector<std::string> prefixes;
    for (auto it = std::sregex_iterator(r.body.begin(), r.body.end(), declarations); it != std::sregex_iterator(); ++it)
        prefixes.push_back((*it)[1]);
    std::sort(prefixes.begin(), prefixes.end());
    CHECK(prefixes == std::vector<std::string>{"SOAP-ENV", "ns1", "xsi"});
    CHECK(r.body.find("Header") == std::string::npos);
    CHECK(r.body.find("mktows-sandbox-demo-secret") == std::string::npos);
}

TEST_CASE("authentication faults: 20014 exactly as Marketo words it, 20016 for a stale or future timestamp") {
    Fixture f;
    const std::string body = list_body("<staticListId>1</staticListId>");
    const std::string exact_20014 = marketo_fault("20014 - Authentication failed", "Authentication failed (20014)", 20014);
    SUBCASE("wrong secret") {
        auto r = f.http.post_soap(soap_envelope(body, sign(sb::demo_user_id, "not-the-secret")));
        REQUIRE(r);
        CHECK(r->status == 500);
        CHECK(xml_difference(exact_20014, r->body) == "");
    }
    SUBCASE("wrong user") {
        auto r = f.http.post_soap(soap_envelope(body, sign("someone_else", sb::demo_secret_key)));
        REQUIRE(r);
        CHECK(xml_difference(exact_20014, r->body) == "");
    }
    SUBCASE("signature of another timestamp") {
        Signature s = sign(sb::demo_user_id, sb::demo_secret_key);
        s.timestamp = mktows::format_w3c_timestamp(std::chrono::system_clock::now() - std::chrono::seconds(5),
                                                   std::chrono::seconds(0));
        auto r = f.http.post_soap(soap_envelope(body, s));
        REQUIRE(r);
        CHECK(xml_difference(exact_20014, r->body) == "");
    }
    SUBCASE("no AuthenticationHeader") {
        auto r = f.http.post_soap(soap_envelope(body, std::nullopt));
        REQUIRE(r);
        check_fault(*r, 20014);
    }
    SUBCASE("upper-case hex signature and any time zone are fine") {
        Signature s = sign(sb::demo_user_id, sb::demo_secret_key,
                           mktows::format_w3c_timestamp(std::chrono::system_clock::now(), std::chrono::hours(-7)));
        for (char& c : s.signature) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        auto r = f.http.post_soap(soap_envelope(body, s));
        REQUIRE(r);
        CHECK(r->status == 200);
    }
    SUBCASE("16 minutes old, 16 minutes ahead: 20016; 14 minutes either way: fine") {
        const auto now = std::chrono::system_clock::now();
        for (int minutes : {-16, 16}) {
            auto r = f.http.post_soap(soap_envelope(
                body, sign(sb::demo_user_id, sb::demo_secret_key,
                           mktows::format_w3c_timestamp(now + std::chrono::minutes(minutes), std::chrono::hours(2)))));
            REQUIRE(r);
            check_fault(*r, 20016);
        }
        for (int minutes : {-14, 14}) {
            auto r = f.http.post_soap(soap_envelope(
                body, sign(sb::demo_user_id, sb::demo_secret_key,
                           mktows::format_w3c_timestamp(now + std::chrono::minutes(minutes), std::chrono::seconds(0)))));
            REQUIRE(r);
            CHECK(r->status == 200);
        }
    }
}

TEST_CASE("parameter faults: 20109, 20017, 20110, 20111, 20022 in Marketo's shape") {
    Fixture f;
    check_fault(f.call("<ns1:paramsGetMultipleLeads><batchSize>10</batchSize></ns1:paramsGetMultipleLeads>"), 20109);
    check_fault(f.call(list_body("")), 20109);
    check_fault(f.call("<ns1:paramsGetMultipleLeads><leadSelector xsi:type=\"ns1:LeadKeySelector\"><keyType>EMAIL</keyType>"
                       "</leadSelector></ns1:paramsGetMultipleLeads>"),
                20109);
    check_fault(f.call("<ns1:paramsGetMultipleLeads><leadSelector xsi:type=\"ns1:LastUpdateAtSelector\">"
                       "</leadSelector></ns1:paramsGetMultipleLeads>"),
                20109);
    check_fault(f.call("<ns1:paramsGetMultipleLeads><leadSelector><staticListId>1</staticListId></leadSelector>"
                       "</ns1:paramsGetMultipleLeads>"),
                20017);
    check_fault(f.call(list_body("<staticListId>1</staticListId>", "<batchSize>0</batchSize>")), 20110);
    check_fault(f.call(window_body("2025-03-10T00:00:00Z", "2025-03-01T00:00:00Z")), 20110);
    check_fault(f.call(list_body("<staticListName>NoSuchProgram.NoSuchList</staticListName>")), 20111);
    check_fault(f.call(list_body("<staticListId>4242</staticListId>")), 20111);
    check_fault(f.call(window_body("2025-01-01T00:00:00Z", "2025-01-31T00:00:01Z")), 20022);
    check_fault(f.call("<ns1:paramsGetLead></ns1:paramsGetLead>"), 20101);
    check_fault(f.call("<ns1:paramsGetLead><leadKey><keyType>EMAIL</keyType><keyValue>nobody@nowhere.invalid</keyValue>"
                       "</leadKey></ns1:paramsGetLead>"),
                20103);
    // The connection survived every fault.
    CHECK_FALSE(f.http.closed_by_server());
    CHECK(f.call(list_body("<staticListId>1</staticListId>")).status == 200);
}

TEST_CASE("every operation the sandbox does not implement answers 20019, naming it") {
    Fixture f;
    REQUIRE(sb::unimplemented_operations().size() == 21);
    for (const auto& op : sb::unimplemented_operations()) {
        CAPTURE(op);
        std::string element = "params" + op;
        element[6] = static_cast<char>(std::toupper(static_cast<unsigned char>(element[6])));
        const auto r = f.call("<ns1:" + element + "/>");
        check_fault(r, 20019);
        CHECK(text(r.body, "faultstring").find(op) != std::string::npos);
    }
    // An element that is no operation at all.
    check_fault(f.call("<ns1:paramsMakeCoffee/>"), 20019);
}

TEST_CASE("requests gSOAP cannot read answer 20012 (20102 for a bad keyType) at once") {
    Fixture f;
    const auto started = std::chrono::steady_clock::now();
    SUBCASE("an unknown keyType is 20102 Bad lead key") {
        const auto r = f.call("<ns1:paramsGetMultipleLeads><leadSelector xsi:type=\"ns1:LeadKeySelector\"><keyType>PHONE</keyType>"
                              "<keyValues><stringItem>1</stringItem></keyValues></leadSelector></ns1:paramsGetMultipleLeads>");
        check_fault(r, 20102);
        CHECK(text(r.body, "faultstring").rfind("20102 - Bad lead key", 0) == 0);
        // A request gSOAP could not read closes its connection (its body may be half read).
        CHECK(f.http.closed_by_server());
        HttpConnection again(f.sandbox->port());
        const auto r2 = again.post_soap(
            demo_envelope("<ns1:paramsGetLead><leadKey><keyType>idnum</keyType><keyValue>1</keyValue></leadKey></ns1:paramsGetLead>"));
        REQUIRE(r2);
        check_fault(*r2, 20102);
    }
    SUBCASE("a value of the wrong type") {
        check_fault(f.call("<ns1:paramsGetMultipleLeads><leadSelector xsi:type=\"ns1:StaticListSelector\"><staticListId>one"
                           "</staticListId></leadSelector></ns1:paramsGetMultipleLeads>"),
                    20012);
    }
    SUBCASE("XML cut off inside the body") {
        const auto r = f.http.post_soap(demo_envelope("<ns1:paramsGetMultipleLeads><leadSelector").substr(0, 420));
        REQUIRE(r);
        check_fault(*r, 20012);
    }
    SUBCASE("not XML") {
        const auto r = f.http.request("POST", sb::endpoint_path, "this is not XML");
        REQUIRE(r);
        check_fault(*r, 20012);
    }
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
}

TEST_CASE("GET <endpoint>?WSDL: the contract, with soap:address set to the sandbox") {
    Fixture f;
    const std::string source = read_file(MKTOWS_SOURCE_DIR "/wsdl/mktows-2_7.wsdl");
    const std::string address = "<soap:address location=\"https://instance.mktoapi.com/soap/mktows/2_7\"/>";
    REQUIRE(source.find(address) != std::string::npos);
    std::string expected = source;
    expected.replace(expected.find(address), address.size(),
                     "<soap:address location=\"" + f.sandbox->endpoint() + "\"/>");
    for (const char* query : {"?WSDL", "?wsdl"}) {
        const auto r = f.http.request("GET", std::string(sb::endpoint_path) + query);
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(r->header("content-type").find("xml") != std::string::npos);
        CHECK(r->body == expected);
    }
    CHECK(f.http.request("GET", "/soap/mktows/2_7")->status == 404);
    CHECK(f.http.request("GET", "/other?WSDL")->status == 404);
    // Still the same connection: GETs keep it alive, 404s included.
    CHECK_FALSE(f.http.closed_by_server());
    CHECK(f.http.request("GET", std::string(sb::endpoint_path) + "?WSDL")->body == expected);
    // A POST to another path is refused (and its connection closed: the body was not read).
    CHECK(f.http.request("POST", "/soap/mktows/2_3", demo_envelope(list_body("<staticListId>1</staticListId>")))->status == 404);
}

TEST_CASE("batchSize: absent means 1000, larger values are capped at 1000") {
    Fixture f;
    const auto members = std::count_if(f.leads.begin(), f.leads.end(), [](const sb::LeadSnapshot& l) {
        return std::find(l.list_ids.begin(), l.list_ids.end(), 2) != l.list_ids.end();
    });
    REQUIRE(members > 1000);
    for (const std::string& extra : {std::string(), std::string("<batchSize>5000</batchSize>"),
                                    std::string("<batchSize xsi:nil=\"true\"/>")}) {
        CAPTURE(extra);
        const auto r = f.call(list_body("<staticListId>2</staticListId>", extra));
        CHECK(text(r.body, "returnCount") == "1000");
        CHECK(text(r.body, "remainingCount") == std::to_string(members - 1000));
        CHECK(xml_texts(r.body, "leadRecord").size() == 1000);
    }
}

TEST_CASE("keys past the 100th are ignored, as Marketo does") {
    Fixture f;
    std::string keys;
    for (int i = 0; i < 150; ++i) keys += "<stringItem>" + std::to_string(f.leads[static_cast<std::size_t>(i)].lead.id.value()) + "</stringItem>";
    const auto r = f.call("<ns1:paramsGetMultipleLeads><leadSelector xsi:type=\"ns1:LeadKeySelector\"><keyType>IDNUM</keyType>"
                          "<keyValues>" + keys + "</keyValues></leadSelector><batchSize>1000</batchSize></ns1:paramsGetMultipleLeads>");
    const auto got = xml_texts(r.body, "Id");
    REQUIRE(got.size() == 100);
    for (std::size_t i = 0; i < 100; ++i) CHECK(got[i] == std::to_string(f.leads[i].lead.id.value()));
}

TEST_CASE("stream positions: an empty one starts over; an altered, foreign or other-query one is 20122") {
    Fixture f;
    const std::string first = f.call(list_body("<staticListId>2</staticListId>", "<batchSize>10</batchSize>")).body;
    const std::string position = text(first, "newStreamPosition");
    REQUIRE(position.size() > 10);
    // <streamPosition/> (what the PHP sample sends on its first call) is the start.
    CHECK(xml_texts(f.call(list_body("<staticListId>2</staticListId>", "<streamPosition/><batchSize>10</batchSize>")).body, "Id") ==
          xml_texts(first, "Id"));
    // The position continues where the page ended.
    const std::string second =
        f.call(list_body("<staticListId>2</staticListId>", "<streamPosition>" + position + "</streamPosition><batchSize>10</batchSize>")).body;
    CHECK(std::stoll(xml_texts(second, "Id").front()) > std::stoll(xml_texts(first, "Id").back()));

    SUBCASE("one character changed") {
        for (std::size_t at : {std::size_t{0}, position.size() / 2, position.size() - 1}) {
            std::string altered = position;
            altered[at] = altered[at] == 'A' ? 'B' : 'A';
            check_fault(f.call(list_body("<staticListId>2</staticListId>", "<streamPosition>" + altered + "</streamPosition>")), 20122);
        }
    }
    SUBCASE("not a position at all") {
        check_fault(f.call(list_body("<staticListId>2</staticListId>", "<streamPosition>id:1234#</streamPosition>")), 20122);
    }
    SUBCASE("made for another query") {
        check_fault(f.call(list_body("<staticListId>3</staticListId>", "<streamPosition>" + position + "</streamPosition>")), 20122);
        check_fault(f.call(window_body("2025-03-01T00:00:00Z", "2025-03-20T00:00:00Z").replace(
                               std::string("<ns1:paramsGetMultipleLeads>").size(), 0,
                               "<streamPosition>" + position + "</streamPosition>")),
                    20122);
    }
    SUBCASE("made by another sandbox with the same data") {
        RunningSandbox other(test_options(3000));
        HttpConnection http(other->port());
        auto r = http.post_soap(demo_envelope(list_body("<staticListId>2</staticListId>", "<streamPosition>" + position + "</streamPosition>")));
        REQUIRE(r);
        check_fault(*r, 20122);
    }
}

TEST_CASE("the deprecated top-level lastUpdatedAt still selects from that time on") {
    Fixture f;
    // The built-in data ends before now; from 20 days ago there is nothing yet.
    const auto since = std::chrono::system_clock::now() - std::chrono::hours(24 * 20);
    const auto r = f.call("<ns1:paramsGetMultipleLeads><lastUpdatedAt>" + mktows::format_w3c_utc(since) +
                          "</lastUpdatedAt></ns1:paramsGetMultipleLeads>");
    CHECK(r.status == 200);
    CHECK(text(r.body, "returnCount") == "0");
    const auto too_old = f.call("<ns1:paramsGetMultipleLeads><lastUpdatedAt>2025-01-01T00:00:00Z</lastUpdatedAt></ns1:paramsGetMultipleLeads>");
    check_fault(too_old, 20022);
}

TEST_CASE("responses are gzipped when the request accepts gzip, and only then") {
    Fixture f;
    const std::string body =
        "<ns1:paramsGetMultipleLeads><leadSelector xsi:type=\"ns1:LeadKeySelector\"><keyType>EMAIL</keyType>"
        "<keyValues><stringItem>formtest1@marketo.com</stringItem><stringItem>joe@marketo.com</stringItem></keyValues>"
        "</leadSelector><batchSize>100</batchSize></ns1:paramsGetMultipleLeads>";
    const auto gzipped = f.http.request("POST", sb::endpoint_path, demo_envelope(body), "Accept-Encoding: gzip\r\n");
    REQUIRE(gzipped);
    CHECK(gzipped->header("content-encoding") == "gzip");
    CHECK(xml_difference(read_file(MKTOWS_TEST_DATA_DIR "/seed-response.xml"), gunzip(gzipped->body)) == "");
    const auto plain = f.http.request("POST", sb::endpoint_path, demo_envelope(body));
    REQUIRE(plain);
    CHECK(plain->header("content-encoding").empty());
    CHECK(xml_difference(read_file(MKTOWS_TEST_DATA_DIR "/seed-response.xml"), plain->body) == "");
    const auto wsdl = f.http.request("GET", std::string(sb::endpoint_path) + "?WSDL", {}, "Accept-Encoding: gzip\r\n");
    REQUIRE(wsdl);
    CHECK(wsdl->header("content-encoding") == "gzip");
    CHECK(gunzip(wsdl->body).find("<soap:address location=\"" + f.sandbox->endpoint() + "\"/>") != std::string::npos);
}

TEST_CASE("a request body over 8 MB is refused with HTTP 413 before it is read") {
    Fixture f;
    f.http.send_raw(std::string("POST ") + sb::endpoint_path +
                    " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: 20000000\r\n\r\n<?xml");
    const auto r = f.http.read_response();
    REQUIRE(r);
    CHECK(r->status == 413);
    CHECK(f.http.closed_by_server(std::chrono::seconds(2)));
}
