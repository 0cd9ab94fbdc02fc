// A loopback port nobody listens on, for connections that must be refused.
#ifndef MKTOWS_TEST_SUPPORT_CLOSED_PORT_HPP
#define MKTOWS_TEST_SUPPORT_CLOSED_PORT_HPP

namespace mktows_test {

/// A port of 127.0.0.1 that was free a moment ago: bound, read, closed.
/// Throws std::runtime_error when no socket can be bound.
int closed_port();

}  // namespace mktows_test

#endif
