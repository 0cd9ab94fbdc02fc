// Opaque, tamper-proof stream positions. A position names the last lead a
// page returned (its Id, and its updatedAt for LastUpdateAt queries), not an
// offset, so leads that change while a client pages do not shift the pages.
// It is bound to its query by a digest and signed with HMAC-SHA256 under a
// secret each sandbox draws at random when it starts: a position that was
// edited, made for another query or by another sandbox is refused (20122).
#ifndef MKTOWS_SANDBOX_STREAM_POSITION_HPP
#define MKTOWS_SANDBOX_STREAM_POSITION_HPP

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "data_set.hpp"

namespace mktows::sandbox {

/// Identifies a query (selector and its parameters, not the batch size or
/// the attributes asked for).
using QueryDigest = std::array<unsigned char, 8>;
QueryDigest digest_query(std::string_view canonical_query);

/// The last lead of a page.
struct StreamKey {
    std::int64_t updated_at = 0;  ///< 0 for queries ordered by Id alone
    LeadId id = 0;
};

class StreamPositionCodec {
public:
    /// Draws a fresh random secret (OpenSSL RAND_bytes).
    StreamPositionCodec();

    /// Base64url text, safe in XML and URLs.
    std::string encode(const QueryDigest& query, const StreamKey& key) const;
    /// The key of a position made by this codec for this query. Throws
    /// ServiceFault(20122) for anything else.
    StreamKey decode(std::string_view position, const QueryDigest& query) const;

private:
    std::array<unsigned char, 32> secret_{};
};

}  // namespace mktows::sandbox

#endif
