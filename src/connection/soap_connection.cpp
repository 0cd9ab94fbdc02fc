// The real Connection: limits, signing and retries around SoapTransport.
#include "connection/soap_connection.hpp"

#include <algorithm>
#include <optional>
#include <thread>
#include <utility>
#include <variant>

#include "connection/retry_policy.hpp"
#include "wire/soap_error.hpp"

namespace mktows::detail {

namespace {

Error with_attempts(const Error& e, int attempts, const std::string& why) {
    std::string message = e.what();
    if (attempts > 1)
        message += "; gave up after " + std::to_string(attempts) + " attempts" + (why.empty() ? "" : " (" + why + ")");
    else if (!why.empty())
        message += " (" + why + ")";
    Error out(e, message);
    out.set_attempts(attempts);
    return out;
}

}  // namespace

SoapConnection::SoapConnection(ClientOptions options)
    : options_(std::move(options)),
      signer_(options_.credentials, options_.clock),
      pool_(parse_endpoint(options_.endpoint), options_.transport),
      rate_limiter_(options_.limits.rate_calls, options_.limits.rate_period),
      gate_(options_.limits.max_concurrency),
      rng_(std::random_device{}()) {}

void SoapConnection::take_from_budget(const char* operation) {
    const std::int64_t max = options_.limits.max_calls;
    if (max <= 0) return;
    std::int64_t used = budget_used_.load();
    do {
        if (used >= max)
            throw Error(ErrorKind::budget_exhausted,
                        std::string("the call budget of ") + std::to_string(max) + " calls is spent; " + operation +
                            " was not sent (raise LimitOptions::max_calls, or continue later)");
    } while (!budget_used_.compare_exchange_weak(used, used + 1));
}

std::chrono::milliseconds SoapConnection::next_backoff(int retry) {
    std::lock_guard<std::mutex> lock(rng_mu_);
    return backoff_delay(options_.retry, retry, rng_);
}

template <class Result>
Result SoapConnection::call(const char* operation, int batch_size, bool halvable,
                            const std::function<Result(SoapTransport&, const SignedHeader&, int)>& attempt) {
    const int max_attempts = options_.retry.max_retries + 1;
    for (int n = 1;; ++n) {
        if (n > 1) ++retries_;
        bool timed_out = false;
        std::optional<Error> failure;
        {
            take_from_budget(operation);
            ConcurrencyGate::Pass pass(gate_);
            RateLimiter::Slot slot(rate_limiter_);
            auto transport = pool_.lease();
            ++calls_;
            try {
                return attempt(*transport, signer_.sign(), batch_size);
            } catch (const ReceiveTimeout& e) {
                timed_out = true;
                failure = e;
            } catch (const Error& e) {
                failure = e;
            }
        }
        const Error& e = *failure;
        if (e.kind() == ErrorKind::service_fault) ++faults_;
        if (e.kind() == ErrorKind::transport) ++transport_errors_;
        RetryAction action = retry_action(e, timed_out && halvable);
        if (timed_out && !halvable) action = RetryAction::backoff;
        if (action == RetryAction::fail) throw with_attempts(e, n, n > 1 ? "the last error is not retryable" : "");
        if (n >= max_attempts)
            throw with_attempts(e, n, options_.retry.max_retries == 0 ? "retries are off" : "retries exhausted");
        switch (action) {
            case RetryAction::resign_now:
                break;  // the next attempt signs with a fresh timestamp
            case RetryAction::halve_batch:
                if (batch_size > options_.retry.min_batch_size) {
                    batch_size = std::max(options_.retry.min_batch_size, batch_size / 2);
                    break;  // a smaller page at once
                }
                std::this_thread::sleep_for(next_backoff(n));
                break;
            default:
                std::this_thread::sleep_for(next_backoff(n));
        }
    }
}

LeadPage SoapConnection::get_multiple_leads(const GetMultipleLeadsRequest& request) {
    request.validate();
    if (const auto* keys = std::get_if<LeadKeySelector>(&request.selector)) {
        if (keys->keys().size() > static_cast<size_t>(max_keys_per_call))
            throw Error(ErrorKind::invalid_argument,
                        "a getMultipleLeads call carries at most " + std::to_string(max_keys_per_call) +
                            " lead keys (Marketo silently ignores the rest), this one has " +
                            std::to_string(keys->keys().size()) +
                            "; use Client::get_multiple_leads, which splits the keys into calls of 100");
    }
    return call<LeadPage>("getMultipleLeads", request.batch_size, true,
                          [&](SoapTransport& t, const SignedHeader& header, int batch_size) {
                              if (batch_size == request.batch_size) return t.get_multiple_leads(request, header);
                              GetMultipleLeadsRequest smaller = request;
                              smaller.batch_size = batch_size;
                              return t.get_multiple_leads(smaller, header);
                          });
}

std::vector<Lead> SoapConnection::get_lead(const LeadKey& key) {
    if (key.value.empty())
        throw Error(ErrorKind::invalid_argument, "the lead key value is empty; give the " +
                                                     std::string(to_string(key.type)) + " of the lead");
    return call<std::vector<Lead>>("getLead", 0, false, [&](SoapTransport& t, const SignedHeader& header, int) {
        return t.get_lead(key, header);
    });
}

CallStats SoapConnection::stats() const {
    CallStats s;
    s.calls = calls_.load();
    s.retries = retries_.load();
    s.faults = faults_.load();
    s.transport_errors = transport_errors_.load();
    return s;
}

}  // namespace mktows::detail

namespace mktows {

std::shared_ptr<Connection> make_connection(ClientOptions options) {
    options.validate();
    return std::make_shared<detail::SoapConnection>(std::move(options));
}

}  // namespace mktows
