#include "builtin_data.hpp"

#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "mktows/credentials.hpp"

namespace mktows::sandbox {

namespace {

// splitmix64: small, fast, and the same everywhere.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::uint64_t below(std::uint64_t n) { return next() % n; }
    /// True with probability percent/100.
    bool percent(unsigned percent) { return below(100) < percent; }
    template <class T, std::size_t N>
    const T& pick(const T (&items)[N]) { return items[below(N)]; }

private:
    std::uint64_t state_;
};

struct Name {
    const char* text;   // as written
    const char* ascii;  // for e-mail addresses
};

const Name kFirstNames[] = {
    {"Ana", "ana"},         {"José", "jose"},       {"Zoë", "zoe"},         {"Łukasz", "lukasz"},
    {"Søren", "soren"},     {"Chloé", "chloe"},     {"Mohammed", "mohammed"}, {"Yuki", "yuki"},
    {"Björn", "bjorn"},     {"Amélie", "amelie"},   {"Олег", "oleg"},       {"陈伟", "chen.wei"},
    {"Siobhán", "siobhan"}, {"Nguyễn", "nguyen"},   {"Íñigo", "inigo"},     {"Grace", "grace"},
    {"Liam", "liam"},       {"Priya", "priya"},     {"Ömer", "omer"},       {"Małgorzata", "malgorzata"},
    {"John", "john"},       {"Mary", "mary"},       {"Kenji", "kenji"},     {"Fatima", "fatima"},
};
const Name kLastNames[] = {
    {"Smith", "smith"},       {"García", "garcia"},       {"Müller", "muller"},     {"O'Brien", "obrien"},
    {"Nowak", "nowak"},       {"Ødegaard", "odegaard"},   {"Kowalski", "kowalski"}, {"Dubois", "dubois"},
    {"Tanaka", "tanaka"},     {"Иванов", "ivanov"},       {"Lefèvre", "lefevre"},   {"Rossi", "rossi"},
    {"Nakamura", "nakamura"}, {"Brown", "brown"},         {"Johansson", "johansson"}, {"Fernández", "fernandez"},
    {"Schröder", "schroder"}, {"van der Berg", "vanderberg"}, {"D'Angelo", "dangelo"}, {"Kim", "kim"},
};
const char* const kCompanies[] = {
    "Acme Corp",        "Smith & Sons",           "<Widgets> Inc.",        "Müller GmbH",
    "\"Quoted\" Holdings", "Björk & Co. AB",      "Société d'Exemple SA",  "東京商事株式会社",
    "Rocket Labs",      "O'Reilly's Pub & Grill", "Initech",               "Globex",
    "Umbrella Ltd.",    "Ünïcödé Systems",        "A < B > C Analytics",   "Marketo Test",
};
const char* const kCities[] = {"San Francisco", "München", "São Paulo", "Zürich",   "Kraków",
                               "Tōkyō",         "Montréal", "Reykjavík", "New York", "London"};
const char* const kCountries[] = {"United States", "Deutschland", "Brasil", "Schweiz", "Polska",
                                  "日本",          "Canada",      "Ísland", "France",  "United Kingdom"};
const char* const kTitles[] = {"VP Marketing", "CTO", "Director, Sales & Ops", "Ingénieur", "Manager <Ops>", "CEO"};
const char* const kDomains[] = {"example.com", "example.org", "mail.example.net", "Example.COM"};
const char* const kPhones[] = {"+1 (415) 555-%04u", "+49 89 555%04u", "+33 1 55 55 %02u %02u", "+81 3-5555-%04u"};
const char* const kNotes[] = {
    "Met at booth #12 & asked for <pricing>",
    "Prefers \"email\" over 'phone'",
    "Line one\nLine two",
    "Très intéressé — rappeler en septembre",
    "🚀 Early adopter; 5 < 10 > 3",
    "]]> is not a problem here",
};
const char* const kForeignTypes[] = {"SFDC", "NETSUITE", "CUSTOM"};
const char* const kAlnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// Static lists: name and the percentage of leads in it.
struct ListSpec {
    const char* name;
    unsigned percent;
};
const ListSpec kLists[] = {
    {"SMSProgram.listForTesting", 2},
    {"Newsletter.Subscribers", 45},
    {"Webinar2025.Attendees", 12},
    {"TradeShow.Booth Visitors", 5},
    {"Événements.Invités & Partenaires", 3},
    {"Nurture.Early Stage", 25},
    {"Archive.Empty", 0},
};

constexpr std::int64_t kBulkUpdate = 1749988800;  // 2025-06-15T12:00:00Z
constexpr LeadId kSampleIds[] = {65835, 67508};

std::string format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
std::string format(const char* fmt, ...) {
    char buf[256];
    va_list args;
    va_start(args, fmt);
    std::vsnprintf(buf, sizeof buf, fmt, args);
    va_end(args);
    return buf;
}

std::string sfdc_id(Rng& rng, const char* prefix) {
    std::string id = prefix;
    while (id.size() < 18) id.push_back(kAlnum[rng.below(62)]);
    return id;
}

std::string date_text(std::int64_t t) {
    const std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    return format("%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

class LeadMaker {
public:
    LeadMaker(DataSetBuilder& builder) : builder_(builder) {
        for (const auto& list : kLists) list_ids_.push_back(builder_.list_id(list.name));
        const char* names[] = {"AnnualRevenue", "City",     "Company",          "Cookie",        "Country",
                               "Date_of_purchase", "DoNotCall", "EngagementRate", "FirstName",   "LastActivityAt",
                               "LastName",      "LeadOwnerEmail", "LeadScore",     "Notes",         "NumberOfEmployees",
                               "Phone",         "SFDCAccountId", "SFDCContactId",  "SFDCLeadId",    "SFDCLeadOwnerId",
                               "SFDCOpptyId",   "Title",    "Unsubscribed",     "Website"};
        const char* types[] = {"currency", "string",  "string",  "string",  "string",  "date",
                               "boolean",  "float",   "string",  "datetime", "string", "email",
                               "integer",  "string",  "integer", "phone",   "string",  "string",
                               "string",   "string",  "string",  "string",  "boolean", "url"};
        for (std::size_t i = 0; i < sizeof names / sizeof names[0]; ++i)
            slots_.push_back(builder_.attribute_slot(names[i], types[i]));
    }

    void add_generated(LeadId id, std::size_t index, std::uint64_t seed) {
        Rng rng(seed * 0x100000001B3ull ^ (static_cast<std::uint64_t>(id) << 1));
        const Name& first = rng.pick(kFirstNames);
        const Name& last = rng.pick(kLastNames);
        LeadBlobWriter blob;

        // Email: mostly unique; every 500th lead shares its predecessor's; 1% none.
        if (index % 500 == 499 && !previous_email_.empty()) {
            blob.add(slot_email, previous_email_);
        } else if (!rng.percent(1)) {
            previous_email_ = format("%s.%s.%d@%s", first.ascii, last.ascii, id, rng.pick(kDomains));
            blob.add(slot_email, previous_email_);
        }
        // ForeignSysPersonId/Type: about two thirds nil.
        const unsigned foreign = static_cast<unsigned>(rng.below(100));
        if (foreign < 33) {
            const char* type = rng.pick(kForeignTypes);
            blob.add(slot_foreign_sys_person_id,
                     type[0] == 'S' ? sfdc_id(rng, "00Q") : format("%s-%06llu", type, (unsigned long long)rng.below(1000000)));
            blob.add(slot_foreign_sys_type, type);
        } else if (foreign < 35) {
            blob.add(slot_foreign_sys_person_id, format("ext-%08llx", (unsigned long long)rng.below(1ull << 32)));
        }

        std::size_t a = 0;
        // Draws "present?" first, then the value, always in this order.
        auto attr = [&](unsigned percent, const auto& make_value) {
            const bool present = rng.percent(percent);
            const std::string value = make_value();
            if (present) blob.add(slots_[a], value);
            ++a;
        };
        attr(70, [&] { return format("%.2f", 10000.0 + static_cast<double>(rng.below(499000000)) / 100.0); });
        attr(90, [&] { return std::string(rng.pick(kCities)); });
        attr(95, [&] { return std::string(rng.pick(kCompanies)); });
        attr(30, [&] { return format("id:555-ABC-123&token:_mch-example.com-%llu-%05d",
                                     (unsigned long long)(1700000000000ull + rng.below(100000000000ull)), id % 100000); });
        attr(90, [&] { return std::string(rng.pick(kCountries)); });
        attr(40, [&] { return date_text(builtin_updated_from - static_cast<std::int64_t>(rng.below(5 * 365)) * 86400); });
        attr(100, [&] { return std::string(rng.percent(10) ? "true" : "false"); });
        attr(60, [&] { return format("%.4g", static_cast<double>(rng.below(10000)) / 10000.0); });
        attr(98, [&] { return std::string(first.text); });
        {
            const std::int64_t t = builtin_updated_from + static_cast<std::int64_t>(rng.below(730ull * 86400));
            const int offsets[] = {0, -7 * 3600, 2 * 3600, 5 * 3600 + 1800};
            attr(80, [&] { return format_w3c_timestamp(std::chrono::system_clock::from_time_t(static_cast<std::time_t>(t)),
                                                       std::chrono::seconds(rng.pick(offsets))); });
        }
        attr(98, [&] { return std::string(last.text); });
        attr(85, [&] { return format("owner%02u@example.com", static_cast<unsigned>(rng.below(20)) + 1); });
        attr(100, [&] { return std::to_string(static_cast<int>(rng.below(161)) - 10); });
        attr(15, [&] { return std::string(rng.pick(kNotes)); });
        attr(50, [&] { return std::to_string(1 + rng.below(50000)); });
        {
            const char* phone = rng.pick(kPhones);
            const unsigned n = static_cast<unsigned>(rng.below(10000));
            attr(75, [&] { return phone[2] == '3' ? format(phone, n / 100, n % 100) : format(phone, n); });
        }
        attr(40, [&] { return sfdc_id(rng, "001"); });
        attr(20, [&] { return sfdc_id(rng, "003"); });
        attr(40, [&] { return sfdc_id(rng, "00Q"); });
        attr(40, [&] { return format("005A0000001Owner%02u", static_cast<unsigned>(rng.below(10))); });
        attr(10, [&] { return sfdc_id(rng, "006"); });
        attr(50, [&] { return std::string(rng.pick(kTitles)); });
        attr(100, [&] { return std::string(rng.percent(7) ? "true" : "false"); });
        attr(60, [&] { return format("https://www.example-%u.com/landing?utm_source=mktows&utm_id=%d",
                                     static_cast<unsigned>(rng.below(500)), id); });

        // updatedAt: spread over two years; 5% on midnight UTC; every 50th in one bulk update.
        std::int64_t updated = builtin_updated_from +
                               static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(builtin_updated_until - builtin_updated_from)));
        if (rng.percent(5)) updated -= updated % 86400;
        if (index % 50 == 7) updated = kBulkUpdate;

        std::vector<int> lists;
        for (std::size_t l = 0; l < sizeof kLists / sizeof kLists[0]; ++l)
            if (rng.percent(kLists[l].percent)) lists.push_back(list_ids_[l]);
        builder_.add_lead(id, blob.take(), updated, lists);
    }

    // The two leads of Marketo's getMultipleLeads sample response.
    void add_samples() {
        auto slot = [&](const char* name, const char* type) { return builder_.attribute_slot(name, type); };
        {
            LeadBlobWriter blob;
            blob.add(slot_email, "formtest1@marketo.com");
            blob.add(slot("Company", "string"), "Marketo Test");
            blob.add(slot("FirstName", "string"), "FnameForm1");
            blob.add(slot("LastName", "string"), "LnameForm1");
            blob.add(slot("LeadScore", "integer"), "16");
            blob.add(slot("Website", "url"), "marketo.com");
            builder_.add_lead(kSampleIds[0], blob.take(), 1747569600 /* 2025-05-18T12:00:00Z */, {list_ids_[0]});
        }
        {
            LeadBlobWriter blob;
            blob.add(slot_email, "joe@marketo.com");
            blob.add(slot("Company", "string"), "Marketo");
            blob.add(slot("Date_of_purchase", "date"), "2012-04-04");
            blob.add(slot("FirstName", "string"), "Joe");
            blob.add(slot("LastName", "string"), "Orante");
            blob.add(slot("LeadScore", "integer"), "11");
            builder_.add_lead(kSampleIds[1], blob.take(), 1747573200 /* 2025-05-18T13:00:00Z */, {list_ids_[0]});
        }
    }

private:
    DataSetBuilder& builder_;
    std::vector<int> list_ids_;
    std::vector<Slot> slots_;
    std::string previous_email_;
};

}  // namespace

DataSetBuilder::Result make_builtin_data(int count, std::uint64_t seed) {
    DataSetBuilder builder;
    LeadMaker maker(builder);
    const bool samples = count >= 2;
    const std::size_t generated = static_cast<std::size_t>(count) - (samples ? 2 : 0);
    Rng gaps(seed ^ 0xD1B54A32D192ED03ull);
    LeadId id = 1000;
    for (std::size_t i = 0; i < generated; ++i) {
        id += 1 + static_cast<LeadId>(gaps.below(3));
        if (samples && (id == kSampleIds[0] || id == kSampleIds[1])) ++id;
        if (samples && (id == kSampleIds[0] || id == kSampleIds[1])) ++id;
        maker.add_generated(id, i, seed);
    }
    if (samples) maker.add_samples();
    return std::move(builder).build();
}

}  // namespace mktows::sandbox
