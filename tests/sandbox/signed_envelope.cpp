// Hand-written signed SOAP envelopes (see signed_envelope.hpp).
#include "sandbox/signed_envelope.hpp"

#include <chrono>

#include "mktows/credentials.hpp"
#include "mktows_sandbox/sandbox.hpp"

namespace sandbox_test {

Signature sign(const std::string& user_id, const std::string& secret, std::optional<std::string> timestamp) {
    Signature s;
    s.user_id = user_id;
    s.timestamp = timestamp ? *timestamp
                            : mktows::format_w3c_timestamp(std::chrono::system_clock::now(), std::chrono::seconds(0));
    s.signature = mktows::hmac_sha1_hex(secret, s.timestamp + user_id);
    return s;
}

std::string soap_envelope(const std::string& body, const std::optional<Signature>& header) {
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
        "xmlns:ns1=\"http://www.marketo.com/mktows/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
    if (header)
        xml += "<SOAP-ENV:Header><ns1:AuthenticationHeader><mktowsUserId>" + header->user_id +
               "</mktowsUserId><requestSignature>" + header->signature + "</requestSignature><requestTimestamp>" +
               header->timestamp + "</requestTimestamp></ns1:AuthenticationHeader></SOAP-ENV:Header>";
    xml += "<SOAP-ENV:Body>" + body + "</SOAP-ENV:Body></SOAP-ENV:Envelope>";
    return xml;
}

std::string demo_envelope(const std::string& body) {
    return soap_envelope(body, sign(mktows::sandbox::demo_user_id, mktows::sandbox::demo_secret_key));
}

}  // namespace sandbox_test
