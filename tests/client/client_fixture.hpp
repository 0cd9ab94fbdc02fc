// Shared setup of the client tests: a signature-checking ReplayServer and
// client options with quick retries, so error paths run in milliseconds.
#ifndef MKTOWS_TESTS_CLIENT_CLIENT_FIXTURE_HPP
#define MKTOWS_TESTS_CLIENT_CLIENT_FIXTURE_HPP

#include <set>
#include <string>
#include <vector>

#include "mktows/mktows.hpp"
#include "support/error_of.hpp"
#include "support/replay_server.hpp"

namespace mktows_test {

inline mktows::Credentials client_credentials() { return {"client_test_user_42", "client-test-secret-\"&<>"}; }

inline ReplayServerOptions checked_server() { return checking_signatures(client_credentials()); }

/// Retries on (6), with backoff of a few milliseconds; limits off.
inline mktows::ClientOptions fast_options(const std::string& endpoint) {
    mktows::ClientOptions o;
    o.endpoint = endpoint;
    o.credentials = client_credentials();
    o.retry.initial_backoff = std::chrono::milliseconds(1);
    o.retry.max_backoff = std::chrono::milliseconds(5);
    o.limits.rate_calls = 0;
    o.limits.max_concurrency = 0;
    o.transport.receive_timeout = std::chrono::seconds(10);
    return o;
}

inline std::vector<std::int64_t> ids_of(mktows::LeadRange& range) {
    std::vector<std::int64_t> ids;
    for (const mktows::Lead& l : range) ids.push_back(l.id.value());
    return ids;
}

inline std::vector<std::int64_t> one_to(int n) {
    std::vector<std::int64_t> v;
    for (int i = 1; i <= n; ++i) v.push_back(i);
    return v;
}

}  // namespace mktows_test

#endif
