// Pool of keep-alive transports (see transport_pool.hpp).
#include "connection/transport_pool.hpp"

namespace mktows::detail {

TransportPool::TransportPool(Endpoint endpoint, TransportOptions options)
    : endpoint_(std::move(endpoint)), options_(std::move(options)) {}

TransportPool::Lease TransportPool::lease() {
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (!idle_.empty()) {
            auto t = std::move(idle_.back());
            idle_.pop_back();
            return Lease(*this, std::move(t));
        }
    }
    return Lease(*this, std::make_unique<SoapTransport>(endpoint_, options_));
}

void TransportPool::give_back(std::unique_ptr<SoapTransport> transport) noexcept {
    if (!transport) return;
    std::lock_guard<std::mutex> lock(mu_);
    try {
        idle_.push_back(std::move(transport));
    } catch (...) {
        // out of memory: the transport is closed and dropped
    }
}

}  // namespace mktows::detail
