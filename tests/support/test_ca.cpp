// Test PKI made with the openssl CLI (see test_ca.hpp).
#include "support/test_ca.hpp"

#include <filesystem>
#include <stdexcept>
#include <vector>

#include "support/child_process.hpp"
#include "support/files.hpp"
#include "support/temp_dir.hpp"

namespace mktows_test {

namespace {

namespace fs = std::filesystem;

// Runs `openssl args...`; throws with its output on failure.
void openssl(const std::vector<std::string>& args) {
    std::vector<std::string> argv{"openssl"};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessResult r;
    try {
        r = run_process(argv);
    } catch (const std::runtime_error& e) {
        throw std::runtime_error(std::string("test_ca: ") + e.what() + "; install the openssl package");
    }
    if (r.exit_code != 0) {
        std::string command;
        for (const auto& a : argv) command += a + " ";
        throw std::runtime_error("test_ca: `" + command + "` failed:\n" + r.out + r.err);
    }
}

// A new unencrypted EC P-256 key.
std::vector<std::string> with_new_key(std::vector<std::string> args) {
    for (const char* a : {"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"}) args.push_back(a);
    return args;
}

std::string req_config(const std::string& common_name, const std::string& extensions) {
    return "[req]\n"
           "distinguished_name = dn\n"
           "prompt = no\n"
           "[dn]\n"
           "CN = " + common_name + "\n"
           "O = mktows tests\n"
           "[ext]\n" + extensions;
}

const std::string kCaExtensions =
    "basicConstraints = critical,CA:TRUE\n"
    "keyUsage = critical,keyCertSign,cRLSign\n"
    "subjectKeyIdentifier = hash\n";

std::string server_extensions(const std::string& alt_names) {
    return "basicConstraints = critical,CA:FALSE\n"
           "keyUsage = critical,digitalSignature,keyEncipherment\n"
           "extendedKeyUsage = serverAuth\n"
           "subjectAltName = " + alt_names + "\n";
}

// A self-signed CA: dir/name.pem, dir/name.key.
void make_ca(const fs::path& dir, const std::string& name, const std::string& common_name) {
    const fs::path cnf = dir / (name + ".cnf");
    write_file(cnf.string(), req_config(common_name, kCaExtensions));
    openssl(with_new_key({"req", "-x509", "-new", "-config", cnf.string(), "-extensions", "ext", "-keyout",
                          (dir / (name + ".key")).string(), "-out", (dir / (name + ".pem")).string(), "-days",
                          "3", "-sha256"}));
}

// A server certificate signed by ca: dir/name.pem, dir/name.key.
void make_server_cert(const fs::path& dir, const std::string& name, const std::string& ca, int serial,
                      const std::string& common_name, const std::string& alt_names) {
    const fs::path cnf = dir / (name + ".cnf");
    write_file(cnf.string(), req_config(common_name, server_extensions(alt_names)));
    const fs::path csr = dir / (name + ".csr");
    openssl(with_new_key({"req", "-new", "-config", cnf.string(), "-keyout", (dir / (name + ".key")).string(),
                          "-out", csr.string()}));
    openssl({"x509", "-req", "-in", csr.string(), "-CA", (dir / (ca + ".pem")).string(), "-CAkey",
             (dir / (ca + ".key")).string(), "-set_serial", std::to_string(serial), "-days", "2", "-sha256",
             "-extfile", cnf.string(), "-extensions", "ext", "-out", (dir / (name + ".pem")).string()});
}

struct SharedPki {
    TestPki pki = make_test_pki();
    ~SharedPki() { remove_test_pki(pki); }
};

}  // namespace

TestPki make_test_pki() {
    const fs::path dir = make_temp_dir("mktows-test-pki");
    try {
        make_ca(dir, "ca", "mktows test CA");
        make_ca(dir, "untrusted-ca", "mktows untrusted test CA");
        make_server_cert(dir, "server", "ca", 1001, "127.0.0.1", "IP:127.0.0.1, DNS:localhost");
        make_server_cert(dir, "untrusted-server", "untrusted-ca", 2001, "127.0.0.1", "IP:127.0.0.1, DNS:localhost");
        make_server_cert(dir, "wrong-host", "ca", 1002, "wrong-host.invalid", "DNS:wrong-host.invalid");
    } catch (...) {
        std::error_code ec;
        fs::remove_all(dir, ec);
        throw;
    }
    TestPki pki;
    pki.dir = dir.string();
    pki.ca_cert = (dir / "ca.pem").string();
    pki.server_cert = (dir / "server.pem").string();
    pki.server_key = (dir / "server.key").string();
    pki.untrusted_ca_cert = (dir / "untrusted-ca.pem").string();
    pki.untrusted_server_cert = (dir / "untrusted-server.pem").string();
    pki.untrusted_server_key = (dir / "untrusted-server.key").string();
    pki.wrong_host_cert = (dir / "wrong-host.pem").string();
    pki.wrong_host_key = (dir / "wrong-host.key").string();
    return pki;
}

const TestPki& shared_test_pki() {
    static SharedPki shared;
    return shared.pki;
}

void remove_test_pki(const TestPki& pki) {
    if (pki.dir.empty()) return;
    std::error_code ec;
    fs::remove_all(pki.dir, ec);
}

}  // namespace mktows_test
