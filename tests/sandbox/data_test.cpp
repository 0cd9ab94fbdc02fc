// The data a sandbox serves: the built-in data set (deterministic, with
// every attribute type, non-ASCII and XML-special text, nil fields, a year
// and more of updatedAt, Program.List lists) and --data JSONL files, with a
// line-numbered error for each kind of bad line.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "sandbox/sandbox_fixture.hpp"
#include "support/temp_dir.hpp"

using namespace sandbox_test;

namespace {

sb::Options data_options(const std::string& path) {
    sb::Options o = test_options();
    o.data_file = path;
    return o;
}

bool same_leads(const std::vector<sb::LeadSnapshot>& a, const std::vector<sb::LeadSnapshot>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto &x = a[i].lead, &y = b[i].lead;
        if (x.id != y.id || x.email != y.email || x.foreign_sys_person_id != y.foreign_sys_person_id ||
            x.foreign_sys_type != y.foreign_sys_type || !(x.attributes == y.attributes) ||
            a[i].updated_at != b[i].updated_at || a[i].list_ids != b[i].list_ids)
            return false;
    }
    return true;
}

// The error a data file gives (the test fails if it loads).
std::string load_error(const std::string& content) {
    mktows_test::TempDir dir;
    const std::string path = dir.write("data.jsonl", content);
    try {
        sb::Sandbox sandbox(data_options(path));
    } catch (const mktows::Error& e) {
        CHECK(e.kind() == mktows::ErrorKind::invalid_argument);
        const std::string what = e.what();
        CHECK(what.rfind(path + ":", 0) == 0);  // names the file (and line)
        return what.substr(path.size());
    }
    FAIL("the file loaded: " << content);
    return {};
}

}  // namespace

TEST_CASE("the built-in data set is deterministic: same --leads and --seed, same leads; another seed, other leads") {
    const auto a = sb::Sandbox(test_options(2000)).snapshot();
    const auto b = sb::Sandbox(test_options(2000)).snapshot();
    CHECK(same_leads(a, b));
    auto other = test_options(2000);
    other.seed = 2;
    CHECK_FALSE(same_leads(a, sb::Sandbox(other).snapshot()));
    CHECK(sb::Sandbox(test_options(0)).lead_count() == 0);
    CHECK(sb::Sandbox(test_options(1)).lead_count() == 1);
}

TEST_CASE("the built-in data set has what a faithful instance has") {
    sb::Sandbox sandbox(test_options(10000));
    const auto leads = sandbox.snapshot();
    REQUIRE(leads.size() == 10000);
    std::set<std::string> types, emails;
    bool non_ascii = false, special = false;
    int nil_person = 0, nil_type = 0;
    auto earliest = leads[0].updated_at, latest = leads[0].updated_at;
    std::int64_t previous = 0;
    for (const auto& l : leads) {
        CHECK(l.lead.id.value() > previous);  // ascending, unique
        previous = l.lead.id.value();
        nil_person += l.lead.foreign_sys_person_id.is_nil();
        nil_type += l.lead.foreign_sys_type.is_nil();
        if (l.lead.foreign_sys_type.has_value()) {
            const auto& t = l.lead.foreign_sys_type.value();
            CHECK((t == "SFDC" || t == "NETSUITE" || t == "CUSTOM"));
        }
        for (const auto& a : l.lead.attributes) {
            types.insert(a.type);
            for (unsigned char c : a.value) non_ascii = non_ascii || c >= 0x80;
            special = special || a.value.find_first_of("<>&\"'") != std::string::npos;
            // Every value reads as its type.
            if (a.type == "integer") CHECK_NOTHROW(a.as_integer());
            if (a.type == "float" || a.type == "currency") CHECK_NOTHROW(a.as_double());
            if (a.type == "boolean") CHECK_NOTHROW(a.as_boolean());
            if (a.type == "date") CHECK_NOTHROW(a.as_date());
            if (a.type == "datetime") CHECK_NOTHROW(a.as_datetime());
        }
        earliest = std::min(earliest, l.updated_at);
        latest = std::max(latest, l.updated_at);
    }
    for (const char* t : {"string", "integer", "boolean", "date", "datetime", "float", "currency", "url", "email", "phone"})
        CHECK_MESSAGE(types.count(t) == 1, t);
    CHECK(non_ascii);
    CHECK(special);
    CHECK(nil_person > 5000);
    CHECK(nil_person < 9000);
    CHECK(nil_type >= nil_person);
    CHECK(latest - earliest >= std::chrono::hours(24 * 365));
    const auto lists = sandbox.lists();
    CHECK(lists.size() >= 5);
    for (std::size_t i = 0; i < lists.size(); ++i) {
        CHECK(lists[i].id == static_cast<int>(i) + 1);
        const auto dot = lists[i].name.find('.');
        CHECK(dot != std::string::npos);
        CHECK(dot > 0);
        CHECK(dot + 1 < lists[i].name.size());
    }
    CHECK(lists[0].name == "SMSProgram.listForTesting");
}

TEST_CASE("print_lists writes id<TAB>name for every list") {
    sb::Sandbox sandbox(test_options(100));
    std::ostringstream out;
    sandbox.print_lists(out);
    std::string expected;
    for (const auto& l : sandbox.lists()) expected += std::to_string(l.id) + "\t" + l.name + "\n";
    CHECK(out.str() == expected);
}

TEST_CASE("--data loads the CLI's JSONL plus updatedAt and lists; attribute types follow the JSON values") {
    mktows_test::TempDir dir;
    const std::string path = dir.write("data.jsonl",
        "{\"Id\":65835,\"Email\":\"formtest1@marketo.com\",\"ForeignSysPersonId\":null,\"ForeignSysType\":null,"
        "\"attributes\":{\"Company\":\"Marketo Test\",\"LeadScore\":16},\"updatedAt\":\"2025-05-18T05:00:00-07:00\","
        "\"lists\":[\"Spring.Webinar\",\"Fall.Gala & Dinner\"]}\n"
        "\n"
        "{\"Id\":7,\"Email\":null,\"ForeignSysPersonId\":\"003A\",\"ForeignSysType\":\"SFDC\",\"attributes\":"
        "{\"Ratio\":0.25,\"Big\":12345678901,\"Opted\":false,\"Note\":\"<b>Zoë</b> & \\\"co\\\"\",\"Empty\":null},"
        "\"updatedAt\":\"2024-02-29T23:59:59Z\",\"lists\":[\"Fall.Gala & Dinner\"]}\r\n"
        "{\"Id\":9,\"updatedAt\":\"2024-03-01T00:00:00Z\"}\n");
    sb::Sandbox sandbox(data_options(path));
    const auto leads = sandbox.snapshot();
    REQUIRE(leads.size() == 3);
    const auto lists = sandbox.lists();
    REQUIRE(lists.size() == 2);
    CHECK(lists[0].id == 1);
    CHECK(lists[0].name == "Spring.Webinar");
    CHECK(lists[0].size == 1);
    CHECK(lists[1].name == "Fall.Gala & Dinner");
    CHECK(lists[1].size == 2);

    CHECK(leads[0].lead.id.value() == 7);  // by Id
    CHECK(leads[0].lead.email.is_nil());
    CHECK(leads[0].lead.foreign_sys_person_id == mktows::Field<std::string>::of("003A"));
    CHECK(leads[0].lead.foreign_sys_type == mktows::Field<std::string>::of("SFDC"));
    const std::vector<mktows::Attribute> attributes7 = {
        {"Ratio", "float", "0.25"},           {"Big", "integer", "12345678901"}, {"Opted", "boolean", "false"},
        {"Note", "string", "<b>Zoë</b> & \"co\""}, {"Empty", "string", ""}};
    CHECK(leads[0].lead.attributes == attributes7);  // in the order of the file
    CHECK(seconds(leads[0].updated_at) == 1709251199);
    CHECK(leads[0].list_ids == std::vector<int>{2});

    CHECK(leads[1].lead.id.value() == 9);
    CHECK(leads[1].lead.email.is_nil());
    CHECK(leads[1].lead.attributes.empty());
    CHECK(leads[1].list_ids.empty());

    CHECK(leads[2].lead.id.value() == 65835);
    CHECK(leads[2].lead.email.value() == "formtest1@marketo.com");
    CHECK(leads[2].lead.foreign_sys_person_id.is_nil());
    CHECK(leads[2].lead.attributes == std::vector<mktows::Attribute>{{"Company", "string", "Marketo Test"},
                                                                     {"LeadScore", "integer", "16"}});
    CHECK(seconds(leads[2].updated_at) == 1747569600);
    CHECK(leads[2].list_ids == std::vector<int>{1, 2});

    // Served as loaded.
    sandbox.start();
    mktows::Client client(client_options(sandbox));
    mktows::GetMultipleLeadsRequest request(mktows::StaticListSelector::by_name("Fall.Gala & Dinner"));
    const auto served = all_leads(client, request);
    REQUIRE(served.size() == 2);
    CHECK(served[0].attributes == leads[0].lead.attributes);
    CHECK(served[1].attributes == leads[2].lead.attributes);
}

TEST_CASE("--data: a bad line is refused with its line number and what is wrong") {
    const std::string good = "{\"Id\":1,\"updatedAt\":\"2025-01-01T00:00:00Z\"}\n";
    CHECK(load_error(good + "{\"Id\":2,\n").find(":2: not valid JSON") == 0);
    CHECK(load_error(good + "{\"Id\":2}\n[1,2]\n").find(":3: expected a JSON object") == 0);
    CHECK(load_error("{\"Email\":\"a@b.c\"}\n").find(":1: the lead has no \"Id\"") == 0);
    CHECK(load_error("{\"Id\":\"12\"}\n").find(":1: \"Id\" must be a JSON integer") == 0);
    CHECK(load_error("{\"Id\":1.5}\n").find(":1: \"Id\" must be a JSON integer") == 0);
    CHECK(load_error("{\"Id\":0}\n").find(":1: \"Id\" 0 is out of range") == 0);
    CHECK(load_error("{\"Id\":3000000000}\n").find(":1: \"Id\" 3000000000 is out of range") == 0);
    const std::string duplicate = load_error(good + "\n" + good);
    CHECK(duplicate.find(":3: Id 1 was already used on line 1") == 0);
    CHECK(load_error("{\"Id\":1,\"updatedat\":\"2025-01-01T00:00:00Z\"}\n").find(":1: unknown field \"updatedat\"") == 0);
    CHECK(load_error("{\"Id\":1,\"Email\":42}\n").find(":1: \"Email\" must be a string or null") == 0);
    CHECK(load_error("{\"Id\":1,\"attributes\":[1]}\n").find(":1: \"attributes\" must be an object") == 0);
    CHECK(load_error("{\"Id\":1,\"attributes\":{\"A\":{\"b\":1}}}\n").find(":1: attribute \"A\" is object") == 0);
    CHECK(load_error("{\"Id\":1,\"attributes\":{\"A\":\"x\\u0001y\"}}\n").find(":1: attribute \"A\" contains the control character U+0001") == 0);
    CHECK(load_error("{\"Id\":1,\"updatedAt\":\"yesterday\"}\n").find(":1: \"updatedAt\": malformed time 'yesterday'") == 0);
    CHECK(load_error("{\"Id\":1,\"updatedAt\":1700000000}\n").find(":1: \"updatedAt\" must be a W3C dateTime string") == 0);
    CHECK(load_error("{\"Id\":1,\"lists\":\"A.B\"}\n").find(":1: \"lists\" must be an array") == 0);
    CHECK(load_error("{\"Id\":1,\"lists\":[\"\"]}\n").find(":1: \"lists\" must hold non-empty list names") == 0);
    CHECK(load_error("\n  \n").find(": no leads in it") == 0);
    CHECK(load_error("{\"Id\":1,\"Email\":\"\xff\"}\n").find(":1: not valid JSON") == 0);  // not UTF-8
    // A file that is not there.
    sb::Options missing = data_options("/nonexistent/leads.jsonl");
    const auto e = error_of([&] { sb::Sandbox sandbox(missing); });
    CHECK(e.kind() == mktows::ErrorKind::io);
    CHECK(std::string(e.what()).find("/nonexistent/leads.jsonl") != std::string::npos);
}

TEST_CASE("Options::validate names the wrong option") {
    auto bad = [](auto&& change) {
        sb::Options o = test_options(10);
        change(o);
        const auto e = error_of([&] { o.validate(); });
        CHECK(e.kind() == mktows::ErrorKind::invalid_argument);
        return std::string(e.what());
    };
    CHECK(bad([](sb::Options& o) { o.port = 70000; }).find("--port") != std::string::npos);
    CHECK(bad([](sb::Options& o) { o.leads = -1; }).find("--leads") != std::string::npos);
    CHECK(bad([](sb::Options& o) { o.fail_rate = 1.5; }).find("--fail-rate") != std::string::npos);
    CHECK(bad([](sb::Options& o) { o.rate_limit_calls = 10; }).find("--rate-limit") != std::string::npos);
    CHECK(bad([](sb::Options& o) { o.max_concurrency = 40; }).find("--workers") != std::string::npos);
    CHECK(bad([](sb::Options& o) { o.secret_key.clear(); }).find("secret") != std::string::npos);
    CHECK(bad([](sb::Options& o) { o.tls_cert_file = "x.pem"; }).find("--tls-key") != std::string::npos);
    CHECK(bad([](sb::Options& o) { o.churn_per_second = -1; }).find("--churn") != std::string::npos);
}
