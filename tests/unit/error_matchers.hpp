// CHECK that an expression throws mktows::Error of a kind, with a message
// that contains each given fragment.
#ifndef MKTOWS_TESTS_UNIT_ERROR_MATCHERS_HPP
#define MKTOWS_TESTS_UNIT_ERROR_MATCHERS_HPP

#include <doctest/doctest.h>

#include <functional>
#include <initializer_list>
#include <string>

#include "mktows/error.hpp"
#include "support/error_of.hpp"

namespace mktows_test {

inline void check_error(const std::function<void()>& fn, mktows::ErrorKind kind,
                        std::initializer_list<const char*> fragments) {
    mktows::Error e = error_of(fn);
    std::string e_message = e.what();
    CAPTURE(e_message);
    CHECK(e.kind() == kind);
    for (const char* f : fragments) CHECK(std::string(e.what()).find(f) != std::string::npos);
}

}  // namespace mktows_test

#endif
