// Selectors are validated when built, with errors that say how to fix them.
#include <doctest/doctest.h>

#include "error_matchers.hpp"
#include "mktows/selectors.hpp"

using mktows::ErrorKind;
using mktows::LeadKeyType;
using mktows_test::check_error;

TEST_CASE("all nine key types round-trip through their wire names") {
    const char* names[] = {"IDNUM",         "COOKIE",     "EMAIL",           "LEADOWNEREMAIL", "SFDCACCOUNTID",
                           "SFDCCONTACTID", "SFDCLEADID", "SFDCLEADOWNERID", "SFDCOPPTYID"};
    REQUIRE(mktows::all_lead_key_types().size() == 9);
    for (size_t i = 0; i < 9; ++i) {
        CHECK(mktows::to_string(mktows::all_lead_key_types()[i]) == names[i]);
        CHECK(mktows::parse_lead_key_type(names[i]) == mktows::all_lead_key_types()[i]);
    }
    CHECK(mktows::parse_lead_key_type("email") == LeadKeyType::EMAIL);
    CHECK(mktows::parse_lead_key_type("SfdcLeadId") == LeadKeyType::SFDCLEADID);
}

TEST_CASE("an unknown key type lists the valid ones") {
    check_error([] { mktows::parse_lead_key_type("PHONE"); }, ErrorKind::invalid_argument,
                {"unknown lead key type 'PHONE'", "IDNUM", "COOKIE", "EMAIL", "SFDCOPPTYID"});
    check_error([] { mktows::LeadKeySelector("MAIL", {"a@b.c"}); }, ErrorKind::invalid_argument, {"'MAIL'", "EMAIL"});
}

TEST_CASE("LeadKeySelector needs keys, none of them empty") {
    mktows::LeadKeySelector s(LeadKeyType::EMAIL, {"a@b.c", "d@e.f"});
    CHECK(s.key_type() == LeadKeyType::EMAIL);
    CHECK(s.keys() == std::vector<std::string>{"a@b.c", "d@e.f"});
    check_error([] { mktows::LeadKeySelector(LeadKeyType::IDNUM, {}); }, ErrorKind::invalid_argument,
                {"key list is empty", "IDNUM"});
    check_error([] { mktows::LeadKeySelector(LeadKeyType::EMAIL, {"a@b.c", ""}); }, ErrorKind::invalid_argument,
                {"lead key 2 of 2 is empty"});
}

TEST_CASE("StaticListSelector needs a name or a positive id") {
    CHECK(*mktows::StaticListSelector::by_name("Program.List").name() == "Program.List");
    CHECK(*mktows::StaticListSelector::by_id(42).id() == 42);
    mktows::StaticListSelector both(std::string("P.L"), 7);
    CHECK(*both.name() == "P.L");
    CHECK(*both.id() == 7);
    check_error([] { mktows::StaticListSelector(std::nullopt, std::nullopt); }, ErrorKind::invalid_argument,
                {"name", "id"});
    check_error([] { mktows::StaticListSelector::by_name(""); }, ErrorKind::invalid_argument, {"name is empty"});
    check_error([] { mktows::StaticListSelector::by_id(0); }, ErrorKind::invalid_argument, {"id 0", "positive"});
    check_error([] { mktows::StaticListSelector::by_id(-3); }, ErrorKind::invalid_argument, {"id -3"});
}

TEST_CASE("LastUpdateAtSelector: oldest required, not after latest, well-formed times") {
    mktows::LastUpdateAtSelector open("2013-08-06T12:00:00-07:00");
    CHECK(open.oldest() == mktows::parse_w3c_datetime("2013-08-06T19:00:00Z"));
    CHECK_FALSE(open.latest().has_value());
    mktows::LastUpdateAtSelector closed("2013-08-06T12:00:00-07:00", std::string_view("2013-08-06T15:45:00-07:00"));
    CHECK(*closed.latest() == mktows::parse_w3c_datetime("2013-08-06T22:45:00Z"));
    mktows::LastUpdateAtSelector same("2013-08-06T12:00:00Z", std::string_view("2013-08-06T12:00:00Z"));
    CHECK(same.oldest() == *same.latest());
    check_error([] { mktows::LastUpdateAtSelector("2013-08-07T00:00:00Z", std::string_view("2013-08-06T00:00:00Z")); },
                ErrorKind::invalid_argument, {"2013-08-07T00:00:00Z is after the latest 2013-08-06T00:00:00Z"});
    check_error([] { mktows::LastUpdateAtSelector("last tuesday"); }, ErrorKind::invalid_argument,
                {"malformed time 'last tuesday'"});
    check_error([] { mktows::LastUpdateAtSelector("2013-08-06T00:00:00Z", std::string_view("2013-08-07")); },
                ErrorKind::invalid_argument, {"malformed time '2013-08-07'"});
}
