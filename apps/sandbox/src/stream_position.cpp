#include "stream_position.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cstring>
#include <stdexcept>

#include "service_fault.hpp"

namespace mktows::sandbox {

namespace {

constexpr unsigned char kVersion = 1;
constexpr std::size_t kPayloadSize = 1 + 8 + 8 + 4;  // version, query, updatedAt, id
constexpr std::size_t kMacSize = 16;
constexpr std::size_t kTokenSize = kPayloadSize + kMacSize;

using Token = std::array<unsigned char, kTokenSize>;

void put_be(unsigned char* out, std::uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i, v >>= 8) out[i] = static_cast<unsigned char>(v & 0xFF);
}

std::uint64_t get_be(const unsigned char* in, int bytes) {
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | in[i];
    return v;
}

void mac(const std::array<unsigned char, 32>& secret, const unsigned char* payload, unsigned char* out) {
    unsigned char full[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()), payload, kPayloadSize, full, &length))
        throw std::runtime_error("HMAC-SHA256 failed (OpenSSL)");
    std::memcpy(out, full, kMacSize);
}

std::string base64url_encode(const unsigned char* data, std::size_t size) {
    std::string out(4 * ((size + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(size));
    out.resize(static_cast<std::size_t>(n));
    while (!out.empty() && out.back() == '=') out.pop_back();
    for (char& c : out) c = c == '+' ? '-' : c == '/' ? '_' : c;
    return out;
}

// False unless text is exactly the base64url form of kTokenSize bytes.
bool base64url_decode(std::string_view text, Token& out) {
    constexpr std::size_t kChars = (kTokenSize * 4 + 2) / 3;  // unpadded length
    if (text.size() != kChars) return false;
    std::string padded(text);
    for (char& c : padded) {
        if (c == '-') c = '+';
        else if (c == '_') c = '/';
        else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
    }
    while (padded.size() % 4) padded.push_back('=');
    unsigned char buf[kTokenSize + 3];
    const int n = EVP_DecodeBlock(buf, reinterpret_cast<const unsigned char*>(padded.data()), static_cast<int>(padded.size()));
    if (n < static_cast<int>(kTokenSize)) return false;
    std::memcpy(out.data(), buf, kTokenSize);
    // Refuse non-canonical spellings of the same bytes.
    return base64url_encode(out.data(), kTokenSize) == text;
}

}  // namespace

QueryDigest digest_query(std::string_view canonical_query) {
    unsigned char full[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(canonical_query.data()), canonical_query.size(), full);
    QueryDigest d;
    std::memcpy(d.data(), full, d.size());
    return d;
}

StreamPositionCodec::StreamPositionCodec() {
    if (RAND_bytes(secret_.data(), static_cast<int>(secret_.size())) != 1)
        throw std::runtime_error("cannot draw a random stream position secret (OpenSSL RAND_bytes)");
}

std::string StreamPositionCodec::encode(const QueryDigest& query, const StreamKey& key) const {
    Token token{};
    token[0] = kVersion;
    std::memcpy(&token[1], query.data(), query.size());
    put_be(&token[9], static_cast<std::uint64_t>(key.updated_at), 8);
    put_be(&token[17], static_cast<std::uint32_t>(key.id), 4);
    mac(secret_, token.data(), &token[kPayloadSize]);
    return base64url_encode(token.data(), token.size());
}

StreamKey StreamPositionCodec::decode(std::string_view position, const QueryDigest& query) const {
    Token token;
    if (!base64url_decode(position, token))
        throw ServiceFault(20122, "the stream position is not one this sandbox made; pass newStreamPosition unchanged");
    unsigned char expected[kMacSize];
    mac(secret_, token.data(), expected);
    if (token[0] != kVersion || CRYPTO_memcmp(expected, &token[kPayloadSize], kMacSize) != 0)
        throw ServiceFault(20122,
                           "the stream position was altered or made by another sandbox; pass newStreamPosition unchanged");
    if (CRYPTO_memcmp(&token[1], query.data(), query.size()) != 0)
        throw ServiceFault(20122, "the stream position belongs to a different query; use it only with the query it came from");
    StreamKey key;
    key.updated_at = static_cast<std::int64_t>(get_be(&token[9], 8));
    key.id = static_cast<LeadId>(static_cast<std::uint32_t>(get_be(&token[17], 4)));
    return key;
}

}  // namespace mktows::sandbox
