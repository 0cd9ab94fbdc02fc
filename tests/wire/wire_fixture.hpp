// Shared setup of the wire tests: test credentials, a ReplayServer that
// checks every signature against them, and client options for it.
#ifndef MKTOWS_TESTS_WIRE_WIRE_FIXTURE_HPP
#define MKTOWS_TESTS_WIRE_WIRE_FIXTURE_HPP

#include <string>

#include "mktows/mktows.hpp"
#include "support/replay_server.hpp"

namespace mktows_test {

inline mktows::Credentials test_credentials() {
    return {"demo17_1_809934544BFABAE58E5D27", "wire-test-secret-0123456789"};
}

inline ReplayServerOptions signed_server_options() { return checking_signatures(test_credentials()); }

/// Options for a client of `endpoint`: the test credentials, no retries,
/// short timeouts.
inline mktows::ClientOptions options_for(const std::string& endpoint) {
    mktows::ClientOptions o;
    o.endpoint = endpoint;
    o.credentials = test_credentials();
    o.retry.max_retries = 0;
    o.transport.connect_timeout = std::chrono::seconds(5);
    o.transport.receive_timeout = std::chrono::seconds(10);
    return o;
}

inline std::string seed_request() { return read_file(std::string(MKTOWS_TEST_DATA_DIR) + "/seed-request.xml"); }
inline std::string seed_response() { return read_file(std::string(MKTOWS_TEST_DATA_DIR) + "/seed-response.xml"); }

}  // namespace mktows_test

#endif
