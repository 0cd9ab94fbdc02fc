// getMultipleLeads through the SDK client against the sandbox: every lead
// of a query exactly once, in Marketo's order, remainingCount exact on every
// page, for the three selectors; includeAttributes; getLead. Expected
// answers come from the sandbox's data (snapshot), not from its responses.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <strings.h>

#include "sandbox/sandbox_fixture.hpp"

using namespace sandbox_test;
using mktows::GetMultipleLeadsRequest;

namespace {

struct Fixture {
    RunningSandbox sandbox{test_options(3000)};
    std::vector<sb::LeadSnapshot> leads = sandbox->snapshot();
    mktows::Client client{client_options(*sandbox)};
};

bool in_list(const sb::LeadSnapshot& l, int id) {
    return std::find(l.list_ids.begin(), l.list_ids.end(), id) != l.list_ids.end();
}

const mktows::Attribute* attribute(const sb::LeadSnapshot& l, const std::string& name) {
    return l.lead.attribute(name);
}

// (updatedAt, Id) order of the leads updated in [oldest, latest].
std::vector<std::int64_t> window_ids(const std::vector<sb::LeadSnapshot>& leads, std::int64_t oldest,
                                     std::int64_t latest) {
    std::vector<std::pair<std::int64_t, std::int64_t>> keyed;
    for (const auto& l : leads) {
        const std::int64_t u = seconds(l.updated_at);
        if (u >= oldest && u <= latest) keyed.emplace_back(u, l.lead.id.value());
    }
    std::sort(keyed.begin(), keyed.end());
    std::vector<std::int64_t> v;
    for (const auto& k : keyed) v.push_back(k.second);
    return v;
}

}  // namespace

TEST_CASE("static lists page to every member exactly once, by Id, with exact remainingCount") {
    Fixture f;
    const auto lists = f.sandbox->lists();
    REQUIRE(lists.size() >= 5);
    for (const auto& list : lists) {
        CAPTURE(list.name);
        CHECK(list.name.find('.') != std::string::npos);  // Program.List
        const auto expected = ids_where(f.leads, [&](const sb::LeadSnapshot& l) { return in_list(l, list.id); });
        CHECK(static_cast<std::int64_t>(expected.size()) == list.size);
        for (int batch : {7, 200, 1000}) {
            CAPTURE(batch);
            GetMultipleLeadsRequest by_id_request(mktows::StaticListSelector::by_id(list.id));
            by_id_request.batch_size = batch;
            CHECK(page_checked(f.client, by_id_request, expected.size()) == expected);
        }
        GetMultipleLeadsRequest by_name(mktows::StaticListSelector::by_name(list.name));
        by_name.batch_size = 50;
        CHECK(page_checked(f.client, by_name, expected.size()) == expected);
    }
}

TEST_CASE("the empty list answers one empty page") {
    Fixture f;
    const auto lists = f.sandbox->lists();
    const auto empty = std::find_if(lists.begin(), lists.end(), [](const sb::ListInfo& l) { return l.size == 0; });
    REQUIRE(empty != lists.end());
    const auto page = f.client.get_multiple_leads_page(GetMultipleLeadsRequest(mktows::StaticListSelector::by_id(empty->id)));
    CHECK(page.return_count == 0);
    CHECK(page.remaining_count == 0);
    CHECK(page.new_stream_position.empty());
}

TEST_CASE("a page holds exactly what the data says, field by field (non-ASCII and XML-special text included)") {
    Fixture f;
    const auto expected = by_id(f.leads);
    GetMultipleLeadsRequest request(mktows::StaticListSelector::by_id(2));
    request.batch_size = 1000;
    const auto leads = all_leads(f.client, request);
    REQUIRE(leads.size() > 500);
    bool non_ascii = false, special = false, nil_foreign = false, valued_foreign = false;
    std::set<std::string> types;
    for (const auto& lead : leads) {
        const auto& want = expected.at(lead.id.value()).lead;
        CAPTURE(lead.id.value());
        CHECK(lead.email == want.email);
        CHECK(lead.foreign_sys_person_id == want.foreign_sys_person_id);
        CHECK(lead.foreign_sys_type == want.foreign_sys_type);
        REQUIRE(lead.attributes.size() == want.attributes.size());
        for (std::size_t i = 0; i < want.attributes.size(); ++i) {
            CHECK(lead.attributes[i] == want.attributes[i]);
            types.insert(lead.attributes[i].type);
            for (unsigned char c : lead.attributes[i].value) non_ascii = non_ascii || c >= 0x80;
            special = special || lead.attributes[i].value.find_first_of("<>&\"'") != std::string::npos;
        }
        nil_foreign = nil_foreign || lead.foreign_sys_person_id.is_nil();
        valued_foreign = valued_foreign || lead.foreign_sys_type.has_value();
    }
    CHECK(non_ascii);
    CHECK(special);
    CHECK(nil_foreign);
    CHECK(valued_foreign);
    for (const char* t : {"string", "integer", "boolean", "date", "datetime", "float", "currency", "url", "email", "phone"})
        CHECK_MESSAGE(types.count(t) == 1, "attribute type " << t);
}

TEST_CASE("LastUpdateAt windows: both bounds inclusive, ordered by (updatedAt, Id), ties paged without loss") {
    Fixture f;
    // The bulk update: many leads on one second.
    const std::int64_t bulk = 1749988800;  // 2025-06-15T12:00:00Z
    const auto tied = window_ids(f.leads, bulk, bulk);
    REQUIRE(tied.size() >= 20);
    GetMultipleLeadsRequest request(mktows::LastUpdateAtSelector(at(bulk), at(bulk)));
    request.batch_size = 7;
    CHECK(page_checked(f.client, request, tied.size()) == tied);

    // Bounds on the exact updatedAt of two leads: both leads are in.
    std::vector<std::int64_t> times;
    for (const auto& l : f.leads) times.push_back(seconds(l.updated_at));
    std::sort(times.begin(), times.end());
    const std::int64_t oldest = times[times.size() / 3];
    const auto latest_it = std::upper_bound(times.begin(), times.end(), oldest + 20 * 86400);
    const std::int64_t latest = *(latest_it - 1);
    REQUIRE(latest > oldest);
    const auto expected = window_ids(f.leads, oldest, latest);
    REQUIRE(expected.size() > 30);
    GetMultipleLeadsRequest window(mktows::LastUpdateAtSelector(at(oldest), at(latest)));
    window.batch_size = 25;
    CHECK(page_checked(f.client, window, expected.size()) == expected);
    // One second narrower on each side loses exactly the leads on the bounds.
    const auto inner = window_ids(f.leads, oldest + 1, latest - 1);
    CHECK(inner.size() < expected.size());
    GetMultipleLeadsRequest narrower(mktows::LastUpdateAtSelector(at(oldest + 1), at(latest - 1)));
    narrower.batch_size = 1000;
    CHECK(ids(all_leads(f.client, narrower)) == inner);
}

TEST_CASE("LastUpdateAt: 30 days is allowed, a second more is 20022") {
    Fixture f;
    const std::int64_t oldest = 1740787200;  // 2025-03-01T00:00:00Z
    GetMultipleLeadsRequest ok(mktows::LastUpdateAtSelector(at(oldest), at(oldest + 30 * 86400)));
    ok.batch_size = 1000;
    CHECK(ids(all_leads(f.client, ok)) == window_ids(f.leads, oldest, oldest + 30 * 86400));
    GetMultipleLeadsRequest too_long(mktows::LastUpdateAtSelector(at(oldest), at(oldest + 30 * 86400 + 1)));
    const auto e = error_of([&] { f.client.get_multiple_leads_page(too_long); });
    CHECK(e.kind() == mktows::ErrorKind::service_fault);
    CHECK(e.service_code() == 20022);
    // No latestUpdatedAt means now: the built-in data ends before now, so an
    // open window from two weeks ago is empty, and one from last year is too long.
    const std::int64_t now = seconds(std::chrono::system_clock::now());
    const auto page = f.client.get_multiple_leads_page(GetMultipleLeadsRequest(mktows::LastUpdateAtSelector(at(now - 14 * 86400))));
    CHECK(page.return_count == 0);
    CHECK(page.remaining_count == 0);
    const auto open_long = error_of([&] {
        f.client.get_multiple_leads_page(GetMultipleLeadsRequest(mktows::LastUpdateAtSelector(at(now - 40 * 86400))));
    });
    CHECK(open_long.service_code() == 20022);
}

TEST_CASE("LeadKeySelector: every key type finds its leads; more than 100 keys are chunked by the client") {
    Fixture f;
    struct KeyCase {
        mktows::LeadKeyType type;
        const char* attribute;  // nullptr: Email / Id
    };
    const KeyCase cases[] = {
        {mktows::LeadKeyType::IDNUM, nullptr},
        {mktows::LeadKeyType::EMAIL, nullptr},
        {mktows::LeadKeyType::COOKIE, "Cookie"},
        {mktows::LeadKeyType::SFDCACCOUNTID, "SFDCAccountId"},
        {mktows::LeadKeyType::SFDCCONTACTID, "SFDCContactId"},
        {mktows::LeadKeyType::SFDCLEADID, "SFDCLeadId"},
        {mktows::LeadKeyType::SFDCOPPTYID, "SFDCOpptyId"},
    };
    for (const auto& c : cases) {
        CAPTURE(static_cast<int>(c.type));
        // Keys of 250 leads (in lead order), the lookup answering each.
        std::vector<std::string> keys;
        std::set<std::string> key_set;
        for (const auto& l : f.leads) {
            std::string key;
            if (c.type == mktows::LeadKeyType::IDNUM) key = std::to_string(l.lead.id.value());
            else if (!c.attribute) key = l.lead.email.has_value() ? l.lead.email.value() : "";
            else if (const auto* a = attribute(l, c.attribute)) key = a->value;
            if (!key.empty() && key_set.insert(key).second) keys.push_back(key);
            if (keys.size() == 250) break;
        }
        const auto expected = ids_where(f.leads, [&](const sb::LeadSnapshot& l) {
            if (c.type == mktows::LeadKeyType::IDNUM) return key_set.count(std::to_string(l.lead.id.value())) > 0;
            if (!c.attribute) {
                if (!l.lead.email.has_value()) return false;
                for (const auto& k : key_set)
                    if (strcasecmp(k.c_str(), l.lead.email.value().c_str()) == 0) return true;
                return false;
            }
            const auto* a = attribute(l, c.attribute);
            return a && key_set.count(a->value) > 0;
        });
        REQUIRE(expected.size() >= keys.size());
        GetMultipleLeadsRequest request(mktows::LeadKeySelector(c.type, keys));
        request.batch_size = 1000;
        auto got = ids(all_leads(f.client, request));
        std::sort(got.begin(), got.end());  // by Id within each chunk of 100 keys
        CHECK(got == expected);
    }
}

TEST_CASE("LeadKeySelector: e-mail keys match case-insensitively and find every lead sharing the address") {
    Fixture f;
    std::map<std::string, std::vector<std::int64_t>> by_email;
    for (const auto& l : f.leads)
        if (l.lead.email.has_value()) {
            std::string e = l.lead.email.value();
            for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            by_email[e].push_back(l.lead.id.value());
        }
    const auto shared = std::find_if(by_email.begin(), by_email.end(), [](const auto& p) { return p.second.size() > 1; });
    REQUIRE(shared != by_email.end());
    std::string upper = shared->first;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    GetMultipleLeadsRequest request(mktows::LeadKeySelector(mktows::LeadKeyType::EMAIL, {upper}));
    CHECK(ids(all_leads(f.client, request)) == shared->second);
    // getLead answers the same leads.
    CHECK(ids(f.client.get_lead({mktows::LeadKeyType::EMAIL, upper})) == shared->second);
}

TEST_CASE("a key matching many leads (LEADOWNEREMAIL) pages with exact remainingCount") {
    Fixture f;
    const auto owner = attribute(f.leads[0], "LeadOwnerEmail") ? attribute(f.leads[0], "LeadOwnerEmail")->value
                                                                : attribute(f.leads[1], "LeadOwnerEmail")->value;
    const auto expected = ids_where(f.leads, [&](const sb::LeadSnapshot& l) {
        const auto* a = attribute(l, "LeadOwnerEmail");
        return a && strcasecmp(a->value.c_str(), owner.c_str()) == 0;
    });
    REQUIRE(expected.size() > 60);
    GetMultipleLeadsRequest request(mktows::LeadKeySelector(mktows::LeadKeyType::LEADOWNEREMAIL, {owner}));
    request.batch_size = 20;
    CHECK(page_checked(f.client, request, expected.size()) == expected);
}

TEST_CASE("includeAttributes returns only the named attributes (case-insensitive), fields always") {
    Fixture f;
    const auto expected = by_id(f.leads);
    GetMultipleLeadsRequest request(mktows::StaticListSelector::by_id(3));
    request.include_attributes = {"company", "LeadScore", "NoSuchAttribute"};
    request.batch_size = 1000;
    const auto leads = all_leads(f.client, request);
    REQUIRE(!leads.empty());
    for (const auto& lead : leads) {
        const auto& want = expected.at(lead.id.value()).lead;
        CHECK(lead.email == want.email);
        CHECK(lead.foreign_sys_type == want.foreign_sys_type);
        std::vector<mktows::Attribute> wanted;
        for (const auto& a : want.attributes)
            if (a.name == "Company" || a.name == "LeadScore") wanted.push_back(a);
        CHECK(lead.attributes == wanted);
    }
}

TEST_CASE("getLead: by Id, and 20103 for a lead that does not exist") {
    Fixture f;
    const auto& want = f.leads[17].lead;
    const auto found = f.client.get_lead({mktows::LeadKeyType::IDNUM, std::to_string(want.id.value())});
    REQUIRE(found.size() == 1);
    CHECK(found[0].id == want.id);
    CHECK(found[0].email == want.email);
    CHECK(found[0].attributes == want.attributes);
    const auto e = error_of([&] { f.client.get_lead({mktows::LeadKeyType::IDNUM, "999999999"}); });
    CHECK(e.service_code() == 20103);
}

TEST_CASE("the two leads of Marketo's sample are in the demo data, as the sample shows them") {
    Fixture f;
    GetMultipleLeadsRequest request(
        mktows::LeadKeySelector(mktows::LeadKeyType::EMAIL, {"formtest1@marketo.com", "joe@marketo.com"}));
    request.batch_size = 100;
    const auto leads = all_leads(f.client, request);
    REQUIRE(leads.size() == 2);
    CHECK(leads[0].id.value() == 65835);
    CHECK(leads[0].foreign_sys_person_id.is_nil());
    CHECK(leads[0].foreign_sys_type.is_nil());
    REQUIRE(leads[0].attribute("LeadScore"));
    CHECK(leads[0].attribute("LeadScore")->as_integer() == 16);
    CHECK(leads[1].id.value() == 67508);
    REQUIRE(leads[1].attribute("Date_of_purchase"));
    CHECK(leads[1].attribute("Date_of_purchase")->type == "date");
    CHECK(leads[1].attribute("Date_of_purchase")->value == "2012-04-04");
}
