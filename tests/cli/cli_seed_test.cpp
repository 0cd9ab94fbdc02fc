// The issue's "done when": `mktows get-multiple-leads --key-type EMAIL --key
// formtest1@marketo.com --key joe@marketo.com --batch-size 100` against a
// server answering with the seed's response prints both leads with all their
// attributes, and the server saw a valid signature and the seed's request.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "cli/cli_runner.hpp"
#include "cli/response_leads.hpp"
#include "mktows/credentials.hpp"
#include "support/replay_server.hpp"
#include "support/xml_compare.hpp"

using nlohmann::json;
using namespace mktows_test;

namespace {

const std::string data_dir = MKTOWS_TEST_DATA_DIR;

/// The JSON value the CLI must write for an attribute of the seed.
json expected_value(const XmlAttribute& a) {
    if (a.type == "integer") return std::stoll(a.value);
    return a.value;
}

}  // namespace

TEST_CASE("seed: both leads with all their attributes; valid signature; the seed's request") {
    const std::string seed_response = read_file(data_dir + "/seed-response.xml");
    const std::string seed_request = read_file(data_dir + "/seed-request.xml");
    ReplayServer server([&](const RecordedRequest&) { return Response::xml(seed_response); },
                        checking_signatures({cli_user_id, cli_secret}));

    const ProcessResult r = run_mktows({"get-multiple-leads", "--key-type", "EMAIL", "--key", "formtest1@marketo.com",
                                        "--key", "joe@marketo.com", "--batch-size", "100"},
                                       account_env(server.endpoint()));
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find(cli_secret) == std::string::npos);
    CHECK(r.err.find(cli_secret) == std::string::npos);

    // What the server saw.
    const auto requests = server.requests();
    REQUIRE(requests.size() == 1);
    const RecordedRequest& req = requests[0];
    CHECK(req.method == "POST");
    CHECK(req.path() == "/soap/mktows/2_7");
    CHECK(req.soap_action == "http://www.marketo.com/mktows/getMultipleLeads");
    CHECK(server.bad_signatures() == 0);
    CHECK(req.auth_user_id == cli_user_id);
    CHECK(req.auth_signature == mktows::hmac_sha1_hex(cli_secret, req.auth_timestamp + cli_user_id));
    CHECK(req.auth_signature.size() == 40);
    // The seed's request, apart from the signature and its timestamp.
    XmlCompareOptions compare;
    compare.ignore_text_of = {"requestSignature", "requestTimestamp"};
    CHECK(xml_difference(seed_request, req.body, compare) == "");

    // What the CLI printed: one JSON object a lead, every field as in the seed.
    const std::vector<XmlLead> expected = leads_in_response(seed_response);
    REQUIRE(expected.size() == 2);
    const auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 2);
    CHECK(r.out.back() == '\n');
    // Key order and representation as the issue shows it.
    CHECK(lines[0].rfind(R"({"Id":65835,"Email":"formtest1@marketo.com","ForeignSysPersonId":null,)"
                         R"("ForeignSysType":null,"attributes":{"Company":"Marketo Test",)",
                         0) == 0);
    for (std::size_t i = 0; i < 2; ++i) {
        const json lead = json::parse(lines[i]);
        const XmlLead& x = expected[i];
        CHECK(lead.size() == 5);
        CHECK(lead.at("Id") == std::stoll(*x.id));
        CHECK(lead.at("Email") == *x.email);
        REQUIRE_FALSE(x.foreign_sys_person_id.has_value());
        CHECK(lead.at("ForeignSysPersonId").is_null());
        CHECK(lead.at("ForeignSysType").is_null());
        const json& attributes = lead.at("attributes");
        REQUIRE(attributes.size() == x.attributes.size());
        for (const XmlAttribute& a : x.attributes) {
            INFO("attribute " << a.name);
            CHECK(attributes.at(a.name) == expected_value(a));
        }
        // The attributes come in the server's order.
        std::size_t at = 0;
        for (const XmlAttribute& a : x.attributes) {
            const std::size_t pos = lines[i].find("\"" + a.name + "\":", at);
            CHECK(pos != std::string::npos);
            at = pos;
        }
    }
    CHECK(lines_of(r.err).size() == 1);
    CHECK(r.err.find("2 leads") != std::string::npos);
    CHECK(r.err.find("1 call") != std::string::npos);
}

TEST_CASE("seed as CSV: header and every value") {
    const std::string seed_response = read_file(data_dir + "/seed-response.xml");
    ReplayServer server([&](const RecordedRequest&) { return Response::xml(seed_response); });
    const ProcessResult r =
        run_mktows({"get-multiple-leads", "--key-type", "EMAIL", "--key", "formtest1@marketo.com", "--key",
                    "joe@marketo.com", "--format", "csv", "--quiet"},
                   account_env(server.endpoint()));
    INFO("stderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    // Company, FirstName, LastName, LeadScore, Website from the first lead,
    // then Date_of_purchase from the second (first-seen order).
    CHECK(r.out ==
          "Id,Email,ForeignSysPersonId,ForeignSysType,Company,FirstName,LastName,LeadScore,Website,Date_of_purchase\r\n"
          "65835,formtest1@marketo.com,,,Marketo Test,FnameForm1,LnameForm1,16,marketo.com,\r\n"
          "67508,joe@marketo.com,,,Marketo,Joe,Orante,11,,2012-04-04\r\n");
}
