// Signed SOAP envelopes written by hand, the way Marketo's sample request
// is, for sending to the sandbox over a raw HttpConnection.
#ifndef MKTOWS_TESTS_SANDBOX_SIGNED_ENVELOPE_HPP
#define MKTOWS_TESTS_SANDBOX_SIGNED_ENVELOPE_HPP

#include <optional>
#include <string>

namespace sandbox_test {

/// The AuthenticationHeader values of a call.
struct Signature {
    std::string user_id;
    std::string timestamp;
    std::string signature;
};
/// Signs like Marketo's samples: timestamp (now in UTC with +00:00 unless
/// given) + user id, HMAC-SHA1 with the secret, lowercase hex.
Signature sign(const std::string& user_id, const std::string& secret, std::optional<std::string> timestamp = {});

/// A SOAP 1.1 envelope like the seed's request (SOAP-ENV, ns1, xsi), with
/// the header unless header is nullopt.
std::string soap_envelope(const std::string& body, const std::optional<Signature>& header);

/// An envelope signed with the sandbox's demo account.
std::string demo_envelope(const std::string& body);

}  // namespace sandbox_test

#endif
