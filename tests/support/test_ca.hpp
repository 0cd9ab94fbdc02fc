// A throw-away PKI for TLS tests, made at test time with the openssl CLI in a
// temporary directory: a trusted test CA with a server certificate for
// 127.0.0.1 and localhost, a second CA that nobody trusts with a certificate
// for the same names, and a certificate from the trusted CA for a wrong host
// name. Keys are unencrypted PEM (EC P-256), certificates PEM.
#ifndef MKTOWS_TEST_SUPPORT_TEST_CA_HPP
#define MKTOWS_TEST_SUPPORT_TEST_CA_HPP

#include <string>

namespace mktows_test {

struct TestPki {
    std::string dir;  ///< the temporary directory holding every file

    /// The CA a client should trust (its --ca-file / TransportOptions::ca_file).
    std::string ca_cert;

    /// Signed by ca_cert; subjectAltName IP:127.0.0.1, DNS:localhost.
    std::string server_cert;
    std::string server_key;

    /// A second CA, not trusted by anyone, and a certificate it signed for
    /// 127.0.0.1 and localhost (verification must fail: unknown issuer).
    std::string untrusted_ca_cert;
    std::string untrusted_server_cert;
    std::string untrusted_server_key;

    /// Signed by ca_cert, but for DNS:wrong-host.invalid only (verification
    /// of 127.0.0.1 / localhost must fail: host name mismatch).
    std::string wrong_host_cert;
    std::string wrong_host_key;
};

/// Makes a fresh PKI under a new temporary directory (mkdtemp below
/// $TMPDIR or /tmp). Throws std::runtime_error with openssl's own message if
/// a step fails.
TestPki make_test_pki();

/// One PKI per test process, made on first use and removed at exit.
const TestPki& shared_test_pki();

/// Removes a directory made by make_test_pki (and everything in it).
void remove_test_pki(const TestPki& pki);

}  // namespace mktows_test

#endif
