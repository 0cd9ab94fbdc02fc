// GetMultipleLeadsRequest validation.
#include <doctest/doctest.h>

#include "error_matchers.hpp"
#include "mktows/request.hpp"

using mktows::ErrorKind;
using mktows_test::check_error;

TEST_CASE("batch size must be 1..1000; attribute names must not be empty") {
    mktows::GetMultipleLeadsRequest r(mktows::StaticListSelector::by_id(1));
    CHECK(r.batch_size == 200);
    CHECK_NOTHROW(r.validate());
    for (int ok : {1, 100, 1000}) {
        r.batch_size = ok;
        CHECK_NOTHROW(r.validate());
    }
    for (int bad : {0, -1, 1001, 5000}) {
        CAPTURE(bad);
        r.batch_size = bad;
        check_error([&] { r.validate(); }, ErrorKind::invalid_argument,
                    {("batch size " + std::to_string(bad)).c_str(), "1 to 1000"});
    }
    r.batch_size = 200;
    r.include_attributes = {"FirstName", ""};
    check_error([&] { r.validate(); }, ErrorKind::invalid_argument, {"attribute name 2", "empty"});
}
