// CHECK that an expression throws mktows::Error of a kind, with a message
// that contains each given fragment.
#ifndef MKTOWS_TESTS_UNIT_ERROR_MATCHERS_HPP
#define MKTOWS_TESTS_UNIT_ERROR_MATCHERS_HPP

#include <doctest/doctest.h>

#include <functional>
#include <initializer_list>
#include <string>

#include "mktows/error.hpp"

namespace mktows_test {

/// The Error thrown by fn; fails the test when fn does not throw one.
inline mktows::Error thrown_error(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const mktows::Error& e) {
        return e;
    }
    FAIL("expected an mktows::Error");
    return mktows::Error(mktows::ErrorKind::cancelled, "");
}

inline void check_error(const std::function<void()>& fn, mktows::ErrorKind kind,
                        std::initializer_list<const char*> fragments) {
    mktows::Error e = thrown_error(fn);
    std::string e_message = e.what();
    CAPTURE(e_message);
    CHECK(e.kind() == kind);
    for (const char* f : fragments) CHECK(std::string(e.what()).find(f) != std::string::npos);
}

}  // namespace mktows_test

#endif
