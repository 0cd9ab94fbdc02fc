// openssl_hmac_sha1_hex (see openssl_cli.hpp).
#include "support/openssl_cli.hpp"

#include <stdexcept>

#include "support/child_process.hpp"

namespace mktows_test {

std::string openssl_hmac_sha1_hex(const std::string& key, const std::string& data) {
    ProcessOptions options;
    options.stdin_data = data;  // empty data: stdin is /dev/null, which is empty too
    const ProcessResult r = run_process({"openssl", "dgst", "-sha1", "-hmac", key}, options);
    if (r.exit_code != 0) throw std::runtime_error("openssl failed: " + r.out + r.err);
    // "HMAC-SHA1(stdin)= 3a84..." (or "(stdin)= 3a84..." from older versions)
    const auto eq = r.out.rfind("= ");
    if (eq == std::string::npos) throw std::runtime_error("unexpected openssl output: " + r.out);
    std::string hex = r.out.substr(eq + 2);
    while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r')) hex.pop_back();
    return hex;
}

}  // namespace mktows_test
