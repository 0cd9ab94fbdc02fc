// A program built against an installed mktows (CMake package or
// pkg-config): it includes only <mktows/mktows.hpp>, with no gSOAP include
// path, and exercises code from every layer, the gSOAP runtime included.
//
// usage: consumer CLOSED_PORT [ENDPOINT USER_ID]   (secret in MKTOWS_SECRET_KEY)
//   CLOSED_PORT: a loopback port nobody listens on (a call to it must fail
//   as a transport error). With ENDPOINT (a mktows-sandbox), also fetches
//   the seed's two leads by email and prints them.
#include <mktows/mktows.hpp>

#include <cstdlib>
#include <iostream>
#include <string>

namespace {

int fail(const std::string& what) {
    std::cerr << "consumer: FAIL: " << what << "\n";
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2 && argc != 4) {
        std::cerr << "usage: consumer CLOSED_PORT [ENDPOINT USER_ID]\n";
        return 2;
    }
    std::cout << "mktows " << mktows::version() << " (Marketo API " << mktows::api_version << ")\n";

    // RFC 2202-style HMAC-SHA1 vector (key "key").
    const std::string mac = mktows::hmac_sha1_hex("key", "The quick brown fox jumps over the lazy dog");
    if (mac != "de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9") return fail("hmac_sha1_hex gave " + mac);
    std::cout << "signature ok\n";

    const mktows::LeadKeySelector by_email(mktows::LeadKeyType::EMAIL, {"formtest1@marketo.com", "joe@marketo.com"});
    if (by_email.keys().size() != 2) return fail("selector lost keys");
    try {
        mktows::LeadKeySelector empty("EMAIL", {});
        return fail("an empty key list was accepted");
    } catch (const mktows::Error& e) {
        if (e.kind() != mktows::ErrorKind::invalid_argument) return fail("wrong error kind for an empty key list");
        std::cout << "selector validation ok: " << e.what() << "\n";
    }

    // A real call through the transport (gSOAP runtime, OpenSSL, zlib linked).
    mktows::ClientOptions options;
    options.endpoint = std::string("http://127.0.0.1:") + argv[1] + "/soap/mktows/2_7";
    options.credentials = {"consumer", "consumer-secret"};
    options.retry.max_retries = 0;
    try {
        mktows::Client client(options);
        client.get_multiple_leads_page(mktows::GetMultipleLeadsRequest(by_email));
        return fail("a call to a closed port succeeded");
    } catch (const mktows::Error& e) {
        if (e.kind() != mktows::ErrorKind::transport) {
            return fail(std::string("a call to a closed port gave ") + mktows::to_string(e.kind()) + ": " + e.what());
        }
        std::cout << "transport error ok: " << e.what() << "\n";
    }

    if (argc == 4) {
        const char* secret = std::getenv("MKTOWS_SECRET_KEY");
        if (secret == nullptr) return fail("MKTOWS_SECRET_KEY is not set");
        options.endpoint = argv[2];
        options.credentials = {argv[3], secret};
        mktows::Client client(options);
        int n = 0;
        for (const mktows::Lead& lead : client.get_multiple_leads(mktows::GetMultipleLeadsRequest(by_email))) {
            std::cout << "lead " << lead.id.value() << " " << lead.email.value() << "\n";
            ++n;
        }
        std::cout << n << " leads\n";
    }
    std::cout << "consumer ok\n";
    return 0;
}
