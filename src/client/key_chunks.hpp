// Splits a getMultipleLeads request with more than 100 lead keys into
// requests of at most 100 keys each, in order, so that no key is lost to
// Marketo's silent cap. Other selectors are a single chunk.
#ifndef MKTOWS_SRC_CLIENT_KEY_CHUNKS_HPP
#define MKTOWS_SRC_CLIENT_KEY_CHUNKS_HPP

#include <cstddef>

#include "mktows/request.hpp"

namespace mktows::detail {

class KeyChunks {
public:
    /// Throws Error(invalid_argument) for a stream position combined with
    /// more than 100 keys (a position belongs to one call's keys).
    explicit KeyChunks(const GetMultipleLeadsRequest& request);

    std::size_t count() const noexcept { return count_; }
    /// Chunk i (0-based) as a request of its own; the stream position of
    /// the original request is kept for a single chunk only.
    GetMultipleLeadsRequest chunk(std::size_t i) const;

private:
    const GetMultipleLeadsRequest& request_;
    std::size_t count_ = 1;
};

}  // namespace mktows::detail

#endif
