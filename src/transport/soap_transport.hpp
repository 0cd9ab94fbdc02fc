// SoapTransport: one gSOAP context, i.e. one (keep-alive) connection to the
// endpoint, that sends one signed call at a time. Not thread-safe: the
// connection pool gives each caller its own.
#ifndef MKTOWS_SRC_TRANSPORT_SOAP_TRANSPORT_HPP
#define MKTOWS_SRC_TRANSPORT_SOAP_TRANSPORT_HPP

#include <memory>
#include <vector>

#include "mktows/credentials.hpp"
#include "mktows/lead.hpp"
#include "mktows/options.hpp"
#include "mktows/request.hpp"
#include "mktows/selectors.hpp"
#include "transport/endpoint.hpp"

namespace mktows::detail {

class SoapTransport {
public:
    /// Throws Error(invalid_argument) for an unusable CA file.
    SoapTransport(Endpoint endpoint, TransportOptions options);
    ~SoapTransport();
    SoapTransport(const SoapTransport&) = delete;
    SoapTransport& operator=(const SoapTransport&) = delete;

    /// One getMultipleLeads call with this AuthenticationHeader. Throws
    /// Error (service_fault, http_status, transport, protocol), or
    /// ReceiveTimeout when no response came within the receive timeout.
    /// The page's gSOAP memory is released before returning.
    LeadPage get_multiple_leads(const GetMultipleLeadsRequest& request, const SignedHeader& header);

    /// One getLead call.
    std::vector<Lead> get_lead(const LeadKey& key, const SignedHeader& header);

    /// Closes the connection (the next call opens a new one).
    void close() noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace mktows::detail

#endif
