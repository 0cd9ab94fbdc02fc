// Options of a client: endpoint, credentials, transport, retries and limits.
#ifndef MKTOWS_OPTIONS_HPP
#define MKTOWS_OPTIONS_HPP

#include <chrono>
#include <cstdint>
#include <string>

#include "mktows/credentials.hpp"

namespace mktows {

struct TransportOptions {
    /// CA bundle (PEM) to verify the server's certificate; empty uses the
    /// system's default CAs.
    std::string ca_file;
    /// Verify the server certificate and host name (HTTPS). Only turn off
    /// for debugging.
    bool verify_peer = true;
    /// Plain http:// is refused unless the host is loopback (127.0.0.0/8,
    /// ::1, localhost) or this is set.
    bool allow_insecure_http = false;
    /// Bounds the TCP connect and the TLS handshake together.
    std::chrono::milliseconds connect_timeout{std::chrono::seconds(15)};
    std::chrono::milliseconds send_timeout{std::chrono::seconds(60)};
    /// The longest wait for a response: from the request being sent until
    /// the last byte of the response arrived (a server that trickles its
    /// answer does not extend it). Also the longest silence while reading.
    std::chrono::milliseconds receive_timeout{std::chrono::seconds(120)};
    /// Responses larger than this (after gzip decompression, HTTP headers
    /// included) are refused with Error(protocol). A page of 1000 leads
    /// with a few hundred attributes each is a few tens of MB.
    std::uint64_t max_response_bytes = 128ull << 20;
    /// Ask for gzip-compressed responses (Accept-Encoding: gzip).
    bool accept_gzip = true;
};

/// Exponential backoff with full jitter between attempts.
struct RetryOptions {
    /// Retries after the first attempt (so max_retries + 1 attempts at most).
    int max_retries = 6;
    std::chrono::milliseconds initial_backoff{500};
    std::chrono::milliseconds max_backoff{std::chrono::seconds(30)};
    double multiplier = 2.0;
    bool jitter = true;
    /// After a timeout the page is retried with half the batch size, down to
    /// this floor (large batches are what time out on Marketo).
    int min_batch_size = 25;
};

/// Client-side limits, shared by every call and worker of one client.
struct LimitOptions {
    /// At most rate_calls calls in any rate_period (Marketo: 100 per 20 s).
    /// 0 turns the rate limiter off.
    int rate_calls = 100;
    std::chrono::milliseconds rate_period{std::chrono::seconds(20)};
    /// At most this many calls in flight (Marketo: 10). 0 = no cap.
    int max_concurrency = 10;
    /// Stop after this many calls (the daily quota is 10,000). 0 = no budget.
    std::int64_t max_calls = 0;
};

struct ClientOptions {
    /// The instance endpoint, e.g. https://123-ABC-456.mktoapi.com/soap/mktows/2_7
    std::string endpoint;
    Credentials credentials;
    /// Time source for signatures (tests); default: system clock.
    Clock clock;
    TransportOptions transport;
    RetryOptions retry;
    LimitOptions limits;

    /// Throws Error(invalid_argument) for a missing or malformed endpoint,
    /// missing credentials, insecure http to a non-loopback host, or
    /// inconsistent retry/limit values.
    void validate() const;
};

}  // namespace mktows

#endif
