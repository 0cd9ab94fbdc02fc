// The mktows::Error an expression throws, for checking its kind, code and
// message:
//
//     CHECK(error_of([&] { client.get_lead(key); }).service_code() == 20014);
#ifndef MKTOWS_TEST_SUPPORT_ERROR_OF_HPP
#define MKTOWS_TEST_SUPPORT_ERROR_OF_HPP

#include <doctest/doctest.h>

#include "mktows/error.hpp"

namespace mktows_test {

/// The mktows::Error thrown by f; fails the test when f throws none.
template <class F>
mktows::Error error_of(F&& f) {
    try {
        f();
    } catch (const mktows::Error& e) {
        return e;
    }
    FAIL("expected an mktows::Error");
    return mktows::Error(mktows::ErrorKind::cancelled, "");
}

}  // namespace mktows_test

#endif
