// HMAC-SHA1 computed by the openssl command-line tool, so that signing is
// checked against an implementation that is not ours.
#ifndef MKTOWS_TEST_SUPPORT_OPENSSL_CLI_HPP
#define MKTOWS_TEST_SUPPORT_OPENSSL_CLI_HPP

#include <string>

namespace mktows_test {

/// `printf '%s' DATA | openssl dgst -sha1 -hmac KEY`, lowercase hex.
/// Throws std::runtime_error when openssl cannot be run.
std::string openssl_hmac_sha1_hex(const std::string& key, const std::string& data);

}  // namespace mktows_test

#endif
