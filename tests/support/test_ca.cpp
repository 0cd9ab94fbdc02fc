// Test PKI made with the openssl CLI (see test_ca.hpp).
#include "support/test_ca.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

extern char** environ;

namespace mktows_test {

namespace {

namespace fs = std::filesystem;

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path);
    out << text;
    if (!out) throw std::runtime_error("test_ca: cannot write " + path.string());
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Runs `openssl args...` in dir, output to dir/openssl.log; throws with the
// log on failure.
void openssl(const fs::path& dir, const std::vector<std::string>& args) {
    std::vector<std::string> argv_s{"openssl"};
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);

    const fs::path log = dir / "openssl.log";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    std::string command;
    for (auto& a : argv_s) command += a + " ";
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, "openssl", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
        throw std::runtime_error("test_ca: cannot run openssl (" + std::string(std::strerror(rc)) +
                                 "); install the openssl package");
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error("test_ca: `" + command + "` failed:\n" + read_file(log));
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
    write_file(cnf, req_config(common_name, kCaExtensions));
    openssl(dir, with_new_key({"req", "-x509", "-new", "-config", cnf.string(), "-extensions", "ext", "-keyout",
                               (dir / (name + ".key")).string(), "-out", (dir / (name + ".pem")).string(), "-days",
                               "3", "-sha256"}));
}

// A server certificate signed by ca: dir/name.pem, dir/name.key.
void make_server_cert(const fs::path& dir, const std::string& name, const std::string& ca, int serial,
                      const std::string& common_name, const std::string& alt_names) {
    const fs::path cnf = dir / (name + ".cnf");
    write_file(cnf, req_config(common_name, server_extensions(alt_names)));
    const fs::path csr = dir / (name + ".csr");
    openssl(dir, with_new_key({"req", "-new", "-config", cnf.string(), "-keyout", (dir / (name + ".key")).string(),
                               "-out", csr.string()}));
    openssl(dir, {"x509", "-req", "-in", csr.string(), "-CA", (dir / (ca + ".pem")).string(), "-CAkey",
                  (dir / (ca + ".key")).string(), "-set_serial", std::to_string(serial), "-days", "2", "-sha256",
                  "-extfile", cnf.string(), "-extensions", "ext", "-out", (dir / (name + ".pem")).string()});
}

fs::path make_temp_dir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/mktows-test-pki-XXXXXX";
    if (!mkdtemp(pattern.data()))
        throw std::runtime_error("test_ca: mkdtemp(" + pattern + ") failed: " + std::strerror(errno));
    return pattern;
}

struct SharedPki {
    TestPki pki = make_test_pki();
    ~SharedPki() { remove_test_pki(pki); }
};

}  // namespace

TestPki make_test_pki() {
    const fs::path dir = make_temp_dir();
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
