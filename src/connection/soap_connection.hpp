// SoapConnection: the real mktows::Connection. Every call is one logical
// operation: validated, signed afresh for each attempt, sent over a leased
// keep-alive transport, under the shared rate limiter, concurrency cap and
// call budget, and retried per RetryOptions.
#ifndef MKTOWS_SRC_CONNECTION_SOAP_CONNECTION_HPP
#define MKTOWS_SRC_CONNECTION_SOAP_CONNECTION_HPP

#include <atomic>
#include <functional>
#include <mutex>
#include <random>
#include <string>

#include "connection/concurrency_gate.hpp"
#include "connection/rate_limiter.hpp"
#include "connection/transport_pool.hpp"
#include "mktows/connection.hpp"
#include "mktows/credentials.hpp"

namespace mktows::detail {

class SoapConnection final : public Connection {
public:
    /// options must be valid (ClientOptions::validate).
    explicit SoapConnection(ClientOptions options);

    LeadPage get_multiple_leads(const GetMultipleLeadsRequest& request) override;
    std::vector<Lead> get_lead(const LeadKey& key) override;
    CallStats stats() const override;

private:
    // Runs attempt(transport, header, batch_size) until it succeeds or the
    // retry policy gives up; batch_size is halved after receive timeouts
    // when halvable is true.
    template <class Result>
    Result call(const char* operation, int batch_size, bool halvable,
                const std::function<Result(SoapTransport&, const SignedHeader&, int)>& attempt);
    void take_from_budget(const char* operation);
    std::chrono::milliseconds next_backoff(int retry);

    const ClientOptions options_;
    const Signer signer_;
    TransportPool pool_;
    RateLimiter rate_limiter_;
    ConcurrencyGate gate_;

    std::atomic<std::int64_t> calls_{0};
    std::atomic<std::int64_t> retries_{0};
    std::atomic<std::int64_t> faults_{0};
    std::atomic<std::int64_t> transport_errors_{0};
    std::atomic<std::int64_t> budget_used_{0};

    std::mutex rng_mu_;
    std::mt19937_64 rng_;
};

}  // namespace mktows::detail

#endif
