// Utf8Check: validates a byte stream as UTF-8 as it arrives in pieces
// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
// gSOAP reads a byte sequence that is not UTF-8 as Latin-1 and hands the
// application a different, valid string; checking the bytes first turns
// such a response into an error instead of silently changed data.
#ifndef MKTOWS_SRC_TRANSPORT_UTF8_CHECK_HPP
#define MKTOWS_SRC_TRANSPORT_UTF8_CHECK_HPP

#include <cstddef>
#include <cstdint>

namespace mktows::detail {

class Utf8Check {
public:
    /// Checks the next bytes; false (and stays false) at the first byte that
    /// cannot continue valid UTF-8.
    bool feed(const char* data, std::size_t length) noexcept;
    /// True when the bytes so far are valid and no sequence is left open.
    bool complete() const noexcept { return ok_ && pending_ == 0; }
    bool ok() const noexcept { return ok_; }
    /// Offset of the first invalid byte (valid once ok() is false).
    std::uint64_t bad_offset() const noexcept { return bad_offset_; }
    /// Bytes fed so far.
    std::uint64_t length() const noexcept { return offset_; }
    void reset() noexcept { *this = Utf8Check(); }

private:
    bool ok_ = true;
    int pending_ = 0;                 // continuation bytes still expected
    unsigned char low_ = 0x80;        // allowed range of the next continuation byte
    unsigned char high_ = 0xBF;
    std::uint64_t offset_ = 0;
    std::uint64_t bad_offset_ = 0;
};

}  // namespace mktows::detail

#endif
