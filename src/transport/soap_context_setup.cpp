// gSOAP context configuration for the client (see soap_context_setup.hpp).
#include "transport/soap_context_setup.hpp"

#include <arpa/inet.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>

#include <strings.h>

#include <mutex>
#include <string>

#include "mktows/error.hpp"
#include "wire/gsoap.hpp"

namespace mktows::detail {

namespace {

bool is_ip_literal(const std::string& host) {
    unsigned char buf[sizeof(in6_addr)];
    return inet_pton(AF_INET, host.c_str(), buf) == 1 || inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

void configure_tls(struct soap* soap, const Endpoint& endpoint, const TransportOptions& options) {
    static std::once_flag ssl_init;
    std::call_once(ssl_init, [] { soap_ssl_init(); });

    unsigned short flags = SOAP_TLSv1_2 | SOAP_TLSv1_3;
    flags |= options.verify_peer ? SOAP_SSL_REQUIRE_SERVER_AUTHENTICATION
                                 : (SOAP_SSL_NO_AUTHENTICATION | SOAP_SSL_SKIP_HOST_CHECK);
    const char* cafile = options.ca_file.empty() ? nullptr : options.ca_file.c_str();
    if (soap_ssl_client_context(soap, flags, nullptr, nullptr, cafile, nullptr, nullptr) != SOAP_OK) {
        if (cafile)
            throw Error(ErrorKind::invalid_argument,
                        "CA file '" + options.ca_file + "' could not be loaded; give a PEM file of CA certificates");
        throw Error(ErrorKind::transport, "TLS could not be set up (OpenSSL)");
    }
    if (!soap->ctx) return;
    if (!cafile && options.verify_peer) SSL_CTX_set_default_verify_paths(soap->ctx);
    if (options.verify_peer) {
        // OpenSSL checks the host name (or IP address) against the
        // certificate's subjectAltName during the handshake.
        X509_VERIFY_PARAM* param = SSL_CTX_get0_param(soap->ctx);
        X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
        int ok = is_ip_literal(endpoint.host) ? X509_VERIFY_PARAM_set1_ip_asc(param, endpoint.host.c_str())
                                              : X509_VERIFY_PARAM_set1_host(param, endpoint.host.c_str(), 0);
        if (ok != 1) throw Error(ErrorKind::invalid_argument, "host name '" + endpoint.host + "' cannot be verified");
    }
}

// gSOAP (built WITH_GZIP) always asks for compressed responses and
// decompresses them. With accept_gzip off, this filter drops that header.
using PostHeaderFn = int (*)(struct soap*, const char*, const char*);
PostHeaderFn gsoap_post_header = nullptr;

int post_header_without_accept_encoding(struct soap* soap, const char* key, const char* value) {
    if (key && strcasecmp(key, "Accept-Encoding") == 0) return SOAP_OK;
    return gsoap_post_header(soap, key, value);
}

// gSOAP bounds the TLS handshake by the longest of its connect, send and
// receive timeouts, so a server that accepts and never answers the
// ClientHello held a call for the send timeout (60 s by default). This opener
// bounds connecting and the handshake together by connect_timeout.
using OpenFn = SOAP_SOCKET (*)(struct soap*, const char*, const char*, int);
OpenFn gsoap_open = nullptr;

SOAP_SOCKET open_within_connect_timeout(struct soap* soap, const char* endpoint, const char* host, int port) {
    const int send = soap->send_timeout;
    const int receive = soap->recv_timeout;
    soap->send_timeout = soap->connect_timeout;
    soap->recv_timeout = soap->connect_timeout;
    SOAP_SOCKET socket = gsoap_open(soap, endpoint, host, port);
    soap->send_timeout = send;
    soap->recv_timeout = receive;
    return socket;
}

}  // namespace

int gsoap_timeout(std::chrono::milliseconds timeout) noexcept {
    long long ms = timeout.count();
    if (ms <= 0) return 0;
    if (ms % 1000 == 0 || ms > 2'000'000) return static_cast<int>((ms + 999) / 1000);
    return static_cast<int>(-ms * 1000);
}

void configure_soap_context(struct soap* soap, const Endpoint& endpoint, const TransportOptions& options) {
    soap_set_namespaces(soap, mktows_gsoap::namespaces);
    soap_mode modes = SOAP_IO_KEEPALIVE | SOAP_C_UTFSTRING;
    soap_set_imode(soap, modes);
    soap_set_omode(soap, modes);
    if (!options.accept_gzip) {
        static std::once_flag saved;
        std::call_once(saved, [soap] { gsoap_post_header = soap->fposthdr; });
        soap->fposthdr = post_header_without_accept_encoding;
    }
    soap->connect_timeout = gsoap_timeout(options.connect_timeout);
    soap->send_timeout = gsoap_timeout(options.send_timeout);
    soap->recv_timeout = gsoap_timeout(options.receive_timeout);
    if (soap->connect_timeout != 0) {
        static std::once_flag saved;
        std::call_once(saved, [soap] { gsoap_open = soap->fopen; });
        soap->fopen = open_within_connect_timeout;
    }
    soap->socket_flags = MSG_NOSIGNAL;
    soap->tcp_keep_alive = 1;
    // What a response may make the client read and build. recv_maxlength
    // counts every byte gSOAP reads (headers, and a gzip body after it is
    // inflated). A Marketo response is at most 9 elements deep (Envelope,
    // Body, successGetMultipleLeads, result, leadRecordList, leadRecord,
    // leadAttributeList, attribute, attrValue); a fault 6. Lists hold at
    // most 1000 leads, and a lead a few hundred attributes. Strings are
    // bounded by the message size.
    soap->recv_maxlength = options.max_response_bytes;
    soap->maxlevel = max_xml_depth;
    soap->maxoccurs = max_xml_occurs;
    soap->maxlength = 0;
    if (endpoint.is_https()) configure_tls(soap, endpoint, options);
}

}  // namespace mktows::detail
