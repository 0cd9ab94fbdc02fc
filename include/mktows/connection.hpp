// The connection: one method per operation, each a single logical call
// (signed, rate-limited, retried per the client's policy). Client builds
// paging and chunking on top. An interface, so that applications can
// substitute it in their own tests.
#ifndef MKTOWS_CONNECTION_HPP
#define MKTOWS_CONNECTION_HPP

#include <cstdint>
#include <memory>
#include <vector>

#include "mktows/lead.hpp"
#include "mktows/options.hpp"
#include "mktows/request.hpp"
#include "mktows/selectors.hpp"

namespace mktows {

/// Counters of one connection since it was made.
struct CallStats {
    std::int64_t calls = 0;     ///< requests sent (attempts, retries included)
    std::int64_t retries = 0;   ///< attempts after the first of a call
    std::int64_t faults = 0;    ///< SOAP faults received
    std::int64_t transport_errors = 0;
};

class Connection {
public:
    virtual ~Connection() = default;

    /// One page of getMultipleLeads. The request may carry at most 100 keys
    /// (Error(invalid_argument) otherwise: Marketo would drop the rest).
    /// A retry re-sends the same stream position.
    virtual LeadPage get_multiple_leads(const GetMultipleLeadsRequest& request) = 0;

    /// getLead: the leads matching one key (several can share an email).
    virtual std::vector<Lead> get_lead(const LeadKey& key) = 0;

    virtual CallStats stats() const = 0;
};

/// The real connection over HTTP(S), from validated options. Thread-safe:
/// concurrent calls each use their own keep-alive connection, and share the
/// rate limiter, the concurrency cap and the call budget of the options.
std::shared_ptr<Connection> make_connection(ClientOptions options);

}  // namespace mktows

#endif
