// Utf8Check (see utf8_check.hpp): the well-formed byte sequences of
// RFC 3629, section 4.
#include "transport/utf8_check.hpp"

namespace mktows::detail {

bool Utf8Check::feed(const char* data, std::size_t length) noexcept {
    if (!ok_) return false;
    for (std::size_t i = 0; i < length; ++i, ++offset_) {
        const auto b = static_cast<unsigned char>(data[i]);
        if (pending_ > 0) {
            if (b < low_ || b > high_) {
                ok_ = false;
                bad_offset_ = offset_;
                return false;
            }
            --pending_;
            low_ = 0x80;
            high_ = 0xBF;
            continue;
        }
        if (b < 0x80) continue;
        if (b >= 0xC2 && b <= 0xDF) {
            pending_ = 1;
        } else if (b == 0xE0) {
            pending_ = 2, low_ = 0xA0;  // no overlong 3-byte forms
        } else if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) {
            pending_ = 2;
        } else if (b == 0xED) {
            pending_ = 2, high_ = 0x9F;  // no UTF-16 surrogates
        } else if (b == 0xF0) {
            pending_ = 3, low_ = 0x90;  // no overlong 4-byte forms
        } else if (b >= 0xF1 && b <= 0xF3) {
            pending_ = 3;
        } else if (b == 0xF4) {
            pending_ = 3, high_ = 0x8F;  // nothing above U+10FFFF
        } else {
            ok_ = false;  // a stray continuation byte, C0, C1, F5..FF
            bad_offset_ = offset_;
            return false;
        }
    }
    return true;
}

}  // namespace mktows::detail
