// Lead attributes: typed accessors, kinds, lookup.
#include <doctest/doctest.h>

#include "error_matchers.hpp"
#include "mktows/lead.hpp"

using mktows::Attribute;
using mktows::ErrorKind;
using mktows_test::check_error;

TEST_CASE("typed accessors read Marketo's value forms") {
    CHECK(Attribute{"LeadScore", "integer", "16"}.as_integer() == 16);
    CHECK(Attribute{"N", "integer", "-9007199254740993"}.as_integer() == -9007199254740993LL);
    CHECK(Attribute{"N", "score", " 42 "}.as_integer() == 42);
    CHECK(Attribute{"Revenue", "currency", "1234.5"}.as_double() == doctest::Approx(1234.5));
    CHECK(Attribute{"F", "float", "-1e-3"}.as_double() == doctest::Approx(-0.001));
    CHECK(Attribute{"F", "integer", "7"}.as_double() == 7.0);
    CHECK(Attribute{"B", "boolean", "true"}.as_boolean());
    CHECK(Attribute{"B", "boolean", "TRUE"}.as_boolean());
    CHECK(Attribute{"B", "boolean", "1"}.as_boolean());
    CHECK_FALSE(Attribute{"B", "boolean", "false"}.as_boolean());
    CHECK_FALSE(Attribute{"B", "boolean", "0"}.as_boolean());
    CHECK(Attribute{"Date_of_purchase", "date", "2012-04-04"}.as_date() == mktows::Date{2012, 4, 4});
    CHECK(Attribute{"T", "datetime", "2013-08-02T15:47:06-07:00"}.as_datetime() ==
          mktows::parse_w3c_datetime("2013-08-02T22:47:06Z"));
    CHECK(Attribute{"Company", "string", "Marketo <&> Test"}.as_string() == "Marketo <&> Test");
}

TEST_CASE("accessors name the attribute when the value is not of that type") {
    check_error([] { Attribute{"LeadScore", "integer", "16.5"}.as_integer(); }, ErrorKind::invalid_argument,
                {"'LeadScore'", "'16.5'", "not an integer"});
    check_error([] { Attribute{"N", "integer", ""}.as_integer(); }, ErrorKind::invalid_argument, {"not an integer"});
    check_error([] { Attribute{"N", "integer", "99999999999999999999"}.as_integer(); }, ErrorKind::invalid_argument,
                {"not an integer"});
    check_error([] { Attribute{"Rev", "currency", "$12"}.as_double(); }, ErrorKind::invalid_argument,
                {"'Rev'", "not a finite number"});
    check_error([] { Attribute{"Rev", "float", "nan"}.as_double(); }, ErrorKind::invalid_argument, {"finite"});
    check_error([] { Attribute{"B", "boolean", "yes"}.as_boolean(); }, ErrorKind::invalid_argument, {"not a boolean"});
    check_error([] { Attribute{"D", "date", "04/04/2012"}.as_date(); }, ErrorKind::invalid_argument,
                {"'D'", "YYYY-MM-DD"});
    check_error([] { Attribute{"T", "datetime", "2013-08-02"}.as_datetime(); }, ErrorKind::invalid_argument,
                {"W3C dateTime"});
}

TEST_CASE("kind() maps Marketo field types to JSON kinds") {
    using K = Attribute::Kind;
    auto kind = [](const char* type) { return Attribute{"a", type, "1"}.kind(); };
    CHECK(kind("integer") == K::integer);
    CHECK(kind("score") == K::integer);
    CHECK(kind("reference") == K::integer);
    CHECK(kind("Integer") == K::integer);
    CHECK(kind("float") == K::number);
    CHECK(kind("currency") == K::number);
    CHECK(kind("percent") == K::number);
    CHECK(kind("boolean") == K::boolean);
    for (const char* s : {"string", "text", "date", "datetime", "url", "email", "phone", "", "somethingNew"})
        CHECK(kind(s) == K::string);
}

TEST_CASE("Lead::attribute finds by exact name; Field keeps absent and nil apart") {
    mktows::Lead lead;
    lead.attributes = {{"Company", "string", "Marketo"}, {"LeadScore", "integer", "11"}};
    REQUIRE(lead.attribute("LeadScore") != nullptr);
    CHECK(lead.attribute("LeadScore")->as_integer() == 11);
    CHECK(lead.attribute("leadscore") == nullptr);
    CHECK(lead.attribute("Missing") == nullptr);
    CHECK(lead.email.is_absent());
    lead.email = mktows::Field<std::string>::nil();
    CHECK(lead.email.is_nil());
    CHECK(lead.email != mktows::Field<std::string>());
    lead.email = mktows::Field<std::string>::of("");
    CHECK(lead.email.has_value());
    CHECK(lead.email != mktows::Field<std::string>::nil());
}
