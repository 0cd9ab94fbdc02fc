#include "openssl_cli.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace mktows_test {

namespace {
std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}
}  // namespace

std::string openssl_hmac_sha1_hex(const std::string& key, const std::string& data) {
    char path[] = "/tmp/mktows-hmac-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) throw std::runtime_error("mkstemp failed");
    ::close(fd);
    {
        std::ofstream out(path, std::ios::binary);
        out << data;
    }
    std::string cmd = "openssl dgst -sha1 -hmac " + shell_quote(key) + " " + shell_quote(path) + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) {
        std::remove(path);
        throw std::runtime_error("cannot run openssl");
    }
    std::string output;
    char buf[256];
    while (fgets(buf, sizeof buf, p)) output += buf;
    int status = pclose(p);
    std::remove(path);
    if (status != 0) throw std::runtime_error("openssl failed: " + output);
    // "HMAC-SHA1(/tmp/x)= 3a84..."
    auto eq = output.rfind("= ");
    if (eq == std::string::npos) throw std::runtime_error("unexpected openssl output: " + output);
    std::string hex = output.substr(eq + 2);
    while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r')) hex.pop_back();
    return hex;
}

}  // namespace mktows_test
