// The lead writers of the library (JSONL, CSV, FileSink), checked by parsing
// what they write with independent readers (nlohmann::json, csv_reader).
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli/csv_reader.hpp"
#include "mktows/error.hpp"
#include "mktows/output.hpp"
#include "support/files.hpp"
#include "support/temp_dir.hpp"

using mktows::Attribute;
using mktows::Field;
using mktows::Lead;
using nlohmann::json;

namespace {

Lead make_lead(std::int64_t id, std::vector<Attribute> attributes) {
    Lead lead;
    lead.id = Field<std::int64_t>::of(id);
    lead.email = Field<std::string>::of("lead" + std::to_string(id) + "@example.com");
    lead.foreign_sys_person_id = Field<std::string>::nil();
    lead.foreign_sys_type = Field<std::string>::nil();
    lead.attributes = std::move(attributes);
    return lead;
}

/// Writes leads with a fresh writer into a file and returns the file's bytes.
std::string write_all(mktows::OutputFormat format, const std::vector<Lead>& leads, mktows::CsvOptions csv = {}) {
    mktows_test::TempDir dir;
    const std::string path = dir.path() + "/out";
    auto sink = mktows::FileSink::create(path);
    auto writer = mktows::make_lead_writer(format, *sink, csv);
    for (const Lead& lead : leads) writer->write(lead);
    writer->finish();
    CHECK(writer->leads_written() == static_cast<std::int64_t>(leads.size()));
    CHECK(writer->bytes_written() == sink->size());
    sink->close();
    const std::string bytes = mktows_test::read_file(path);
    CHECK(bytes.size() == sink->size());
    return bytes;
}

std::vector<json> parse_jsonl(const std::string& text) {
    std::vector<json> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) out.push_back(json::parse(line));
    return out;
}

}  // namespace

TEST_CASE("JSONL: the issue's example lead, key order and nil as null") {
    Lead lead = make_lead(65835, {{"Company", "string", "Marketo Test"}, {"LeadScore", "integer", "16"}});
    lead.email = Field<std::string>::of("formtest1@marketo.com");
    CHECK(mktows::lead_to_json(lead) ==
          R"({"Id":65835,"Email":"formtest1@marketo.com","ForeignSysPersonId":null,"ForeignSysType":null,)"
          R"("attributes":{"Company":"Marketo Test","LeadScore":16}})");
}

TEST_CASE("JSONL: absent fields are left out, nil is null, values are strings") {
    Lead lead;
    lead.id = Field<std::int64_t>::of(7);
    lead.foreign_sys_type = Field<std::string>::nil();
    lead.foreign_sys_person_id = Field<std::string>::of("");
    const json j = json::parse(mktows::lead_to_json(lead));
    CHECK(j.at("Id") == 7);
    CHECK_FALSE(j.contains("Email"));
    CHECK(j.at("ForeignSysType").is_null());
    CHECK(j.at("ForeignSysPersonId") == "");
    CHECK(j.at("attributes").is_object());
    CHECK(j.at("attributes").empty());

    Lead nothing;
    CHECK(json::parse(mktows::lead_to_json(nothing)) == json::parse(R"({"attributes":{}})"));
}

TEST_CASE("JSONL: typed values become numbers and booleans only when they parse") {
    const Lead lead = make_lead(1, {
                                       {"Int", "integer", "-42"},
                                       {"Big", "integer", "123456789012345678901234567890"},
                                       {"IntBad", "integer", "12abc"},
                                       {"IntLeadingZero", "integer", "007"},
                                       {"Float", "float", "3.25"},
                                       {"Exp", "float", "-1.5e-3"},
                                       {"FloatBad", "float", "NaN"},
                                       {"Money", "currency", "1234.50"},
                                       {"MoneyBad", "currency", "$12"},
                                       {"T", "boolean", "TRUE"},
                                       {"F", "boolean", "0"},
                                       {"BoolBad", "boolean", "yes"},
                                       {"Empty", "integer", ""},
                                       {"Site", "url", "http://x.example/?a=1&b=2"},
                                       {"Day", "date", "2012-04-04"},
                                       {"Phone", "phone", "+1 555 0100"},
                                       {"Untyped", "", "123"},
                                   });
    const std::string text = mktows::lead_to_json(lead);
    const json a = json::parse(text).at("attributes");
    CHECK(a.at("Int") == -42);
    CHECK(a.at("Int").is_number_integer());
    // Copied as written: the exact digits survive.
    CHECK(text.find(R"("Big":123456789012345678901234567890)") != std::string::npos);
    CHECK(a.at("IntBad") == "12abc");
    CHECK(a.at("IntLeadingZero") == "007");
    CHECK(a.at("Float") == 3.25);
    CHECK(a.at("Exp").get<double>() == doctest::Approx(-0.0015));
    CHECK(a.at("FloatBad") == "NaN");
    CHECK(text.find(R"("Money":1234.50)") != std::string::npos);
    CHECK(a.at("MoneyBad") == "$12");
    CHECK(a.at("T") == true);
    CHECK(a.at("F") == false);
    CHECK(a.at("BoolBad") == "yes");
    CHECK(a.at("Empty") == "");
    CHECK(a.at("Site") == "http://x.example/?a=1&b=2");
    CHECK(a.at("Day") == "2012-04-04");
    CHECK(a.at("Phone") == "+1 555 0100");
    CHECK(a.at("Untyped") == "123");
    CHECK(a.size() == lead.attributes.size());
}

TEST_CASE("JSONL: escaping of quotes, backslashes and every control character; UTF-8 passes through") {
    std::string controls;
    for (int c = 0; c < 0x20; ++c) controls.push_back(static_cast<char>(c));
    controls.push_back('\x7f');
    const std::string unicode = "Zo\xC3\xAB \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80 \xE2\x80\xA8";
    const Lead lead = make_lead(2, {{"Quote", "string", "say \"hi\" \\ back/slash"},
                                    {"Controls", "string", controls},
                                    {"Unicode", "string", unicode},
                                    {"Name \"odd\"\n", "string", "x"}});
    const std::string text = mktows::lead_to_json(lead);
    for (char c : text) CHECK(static_cast<unsigned char>(c) >= 0x20);
    CHECK(text.find("\\u0000") != std::string::npos);
    CHECK(text.find("\\u001f") != std::string::npos);
    CHECK(text.find("\\n") != std::string::npos);
    CHECK(text.find(unicode) != std::string::npos);  // raw UTF-8, not \u escapes
    const json a = json::parse(text).at("attributes");
    CHECK(a.at("Quote") == "say \"hi\" \\ back/slash");
    CHECK(a.at("Controls") == controls);
    CHECK(a.at("Unicode") == unicode);
    CHECK(a.at("Name \"odd\"\n") == "x");
}

TEST_CASE("JSONL and CSV: bytes that are not UTF-8 are kept, read as Latin-1") {
    const Lead lead = make_lead(3, {{"Latin1", "string", "caf\xE9 \xFF"}, {"Cut", "string", "ab\xE6\x97"}});
    const json a = json::parse(mktows::lead_to_json(lead)).at("attributes");
    CHECK(a.at("Latin1") == "caf\xC3\xA9 \xC3\xBF");
    CHECK(a.at("Cut") == "ab\xC3\xA6\xC2\x97");
    std::string field;
    mktows::append_csv_field(field, "caf\xE9");
    CHECK(field == "caf\xC3\xA9");
}

TEST_CASE("JSONL and CSV: an attribute name twice in one lead is an error, not a lost value") {
    const Lead lead = make_lead(4, {{"A", "string", "1"}, {"A", "string", "2"}});
    CHECK_THROWS_AS(mktows::lead_to_json(lead), mktows::Error);
    try {
        mktows::lead_to_json(lead);
    } catch (const mktows::Error& e) {
        CHECK(e.kind() == mktows::ErrorKind::protocol);
        CHECK(std::string(e.what()).find("'A'") != std::string::npos);
        CHECK(std::string(e.what()).find("lead 4") != std::string::npos);
    }
    mktows_test::TempDir dir;
    auto sink = mktows::FileSink::create(dir.path() + "/x.csv");
    auto writer = mktows::make_csv_writer(*sink);
    CHECK_THROWS_AS(writer->write(lead), mktows::Error);
}

TEST_CASE("JSONL writer: one line a lead, each a JSON object") {
    const std::vector<Lead> leads = {make_lead(1, {{"A", "integer", "1"}}), make_lead(2, {}),
                                     make_lead(3, {{"B", "string", "line1\nline2"}})};
    const std::string text = write_all(mktows::OutputFormat::jsonl, leads);
    const auto objects = parse_jsonl(text);
    REQUIRE(objects.size() == 3);
    CHECK(objects[0].at("Id") == 1);
    CHECK(objects[2].at("attributes").at("B") == "line1\nline2");
    CHECK(std::count(text.begin(), text.end(), '\n') == 3);
}

TEST_CASE("CSV: header union in first-seen order, RFC 4180 quoting, rows padded") {
    Lead first = make_lead(10, {{"Company", "string", "Acme, Inc."}, {"Note", "string", "say \"hi\""}});
    first.foreign_sys_type = Field<std::string>::of("SFDC");
    Lead second = make_lead(11, {{"Note", "string", "line1\r\nline2\nline3"}, {"City", "string", "Z\xC3\xBCrich"}});
    second.email = Field<std::string>::nil();
    Lead third = make_lead(12, {{"Padded", "string", " spaced "}, {"Company", "string", ""}});
    const std::string text = write_all(mktows::OutputFormat::csv, {first, second, third});
    CHECK(text.substr(0, 3) != "\xEF\xBB\xBF");
    const auto rows = mktows_test::read_csv(text);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0] == mktows_test::CsvRecord{"Id", "Email", "ForeignSysPersonId", "ForeignSysType", "Company",
                                            "Note", "City", "Padded"});
    CHECK(rows[1] == mktows_test::CsvRecord{"10", "lead10@example.com", "", "SFDC", "Acme, Inc.", "say \"hi\"", "",
                                            ""});
    CHECK(rows[2] ==
          mktows_test::CsvRecord{"11", "", "", "", "", "line1\r\nline2\nline3", "Z\xC3\xBCrich", ""});
    CHECK(rows[3] == mktows_test::CsvRecord{"12", "lead12@example.com", "", "", "", "", "", " spaced "});
}

TEST_CASE("CSV: fixed columns stream at once; names match exactly, else ignoring case") {
    mktows_test::TempDir dir;
    const std::string path = dir.path() + "/fixed.csv";
    auto sink = mktows::FileSink::create(path);
    mktows::CsvOptions options;
    options.columns = std::vector<std::string>{"Company", "leadscore", "Missing"};
    auto writer = mktows::make_csv_writer(*sink, options);
    writer->flush();
    // The header is out before any lead.
    CHECK(mktows_test::read_file(path) == "Id,Email,ForeignSysPersonId,ForeignSysType,Company,leadscore,Missing\r\n");
    writer->write(make_lead(1, {{"LeadScore", "integer", "16"}, {"Company", "string", "A\"B"}}));
    writer->flush();
    CHECK(writer->bytes_written() == mktows_test::read_file(path).size());
    CHECK_THROWS_AS(writer->write(make_lead(2, {{"Other", "string", "x"}})), mktows::Error);
    CHECK_THROWS_AS(writer->write(make_lead(3, {{"company", "string", "x"}, {"Company", "string", "y"}})),
                    mktows::Error);
    writer->finish();
    sink->close();
    const auto rows = mktows_test::read_csv(mktows_test::read_file(path));
    REQUIRE(rows.size() == 2);
    CHECK(rows[1] == mktows_test::CsvRecord{"1", "lead1@example.com", "", "", "A\"B", "16", ""});
}

TEST_CASE("CSV: without fixed columns nothing reaches the sink before finish(); no leads gives the header") {
    mktows_test::TempDir dir;
    const std::string path = dir.path() + "/spooled.csv";
    auto sink = mktows::FileSink::create(path);
    mktows::CsvOptions options;
    options.spool_dir = dir.path();
    auto writer = mktows::make_csv_writer(*sink, options);
    for (int i = 0; i < 5000; ++i) {
        writer->write(make_lead(i, {{"N" + std::to_string(i % 7), "integer", std::to_string(i)}}));
        if (i % 200 == 199) writer->flush();
    }
    CHECK(writer->bytes_written() == 0);
    CHECK(mktows_test::read_file(path).empty());
    // The spool file is unlinked: the directory holds only the output.
    CHECK(dir.entries() == std::vector<std::string>{"spooled.csv"});
    writer->finish();
    sink->close();
    const auto rows = mktows_test::read_csv(mktows_test::read_file(path));
    REQUIRE(rows.size() == 5001);
    CHECK(rows[0].size() == 4 + 7);
    CHECK(rows[0][4] == "N0");
    CHECK(rows[0][10] == "N6");
    CHECK(rows[4000][0] == "3999");
    CHECK(rows[4000][4 + 3999 % 7] == "3999");

    const std::string empty = write_all(mktows::OutputFormat::csv, {});
    CHECK(empty == "Id,Email,ForeignSysPersonId,ForeignSysType\r\n");
}

TEST_CASE("FileSink: append reports the existing length; errors name the file") {
    mktows_test::TempDir dir;
    const std::string path = dir.path() + "/appended.jsonl";
    {
        auto sink = mktows::FileSink::create(path);
        sink->write("0123456789");
        sink->close();
    }
    auto sink = mktows::FileSink::append(path);
    CHECK(sink->size() == 10);
    auto writer = mktows::make_jsonl_writer(*sink);
    writer->write(make_lead(1, {}));
    writer->flush();
    CHECK(writer->bytes_written() == sink->size() - 10);
    CHECK(mktows_test::read_file(path).size() == sink->size());
    sink->sync();
    sink->close();

    try {
        mktows::FileSink::create(dir.path() + "/no/such/dir/file");
        FAIL("expected an error");
    } catch (const mktows::Error& e) {
        CHECK(e.kind() == mktows::ErrorKind::io);
        CHECK(std::string(e.what()).find("/no/such/dir/file") != std::string::npos);
    }
    CHECK(mktows::parse_output_format("CSV") == mktows::OutputFormat::csv);
    CHECK_THROWS_AS(mktows::parse_output_format("xml"), mktows::Error);
}

TEST_CASE("FileSink: a full disk is an error, not a silent loss") {
    if (::access("/dev/full", W_OK) != 0) return;
    auto sink = mktows::FileSink::create("/dev/full");
    sink->write(std::string(100, 'x'));
    CHECK_THROWS_AS(sink->flush(), mktows::Error);
}
