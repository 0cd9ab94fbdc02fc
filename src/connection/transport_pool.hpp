// TransportPool: idle keep-alive transports of one connection. Each caller
// leases its own, so concurrent calls use separate HTTP connections, and a
// caller that comes back gets a connection that is already open.
#ifndef MKTOWS_SRC_CONNECTION_TRANSPORT_POOL_HPP
#define MKTOWS_SRC_CONNECTION_TRANSPORT_POOL_HPP

#include <memory>
#include <mutex>
#include <vector>

#include "mktows/options.hpp"
#include "transport/endpoint.hpp"
#include "transport/soap_transport.hpp"

namespace mktows::detail {

class TransportPool {
public:
    TransportPool(Endpoint endpoint, TransportOptions options);

    class Lease {
    public:
        Lease(TransportPool& pool, std::unique_ptr<SoapTransport> transport)
            : pool_(pool), transport_(std::move(transport)) {}
        ~Lease() { pool_.give_back(std::move(transport_)); }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        SoapTransport& operator*() const { return *transport_; }
        SoapTransport* operator->() const { return transport_.get(); }

    private:
        TransportPool& pool_;
        std::unique_ptr<SoapTransport> transport_;
    };

    /// An idle transport, or a new one.
    Lease lease();

private:
    void give_back(std::unique_ptr<SoapTransport> transport) noexcept;

    const Endpoint endpoint_;
    const TransportOptions options_;
    std::mutex mu_;
    std::vector<std::unique_ptr<SoapTransport>> idle_;
};

}  // namespace mktows::detail

#endif
