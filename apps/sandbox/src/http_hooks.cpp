#include "http_hooks.hpp"

#include "ascii.hpp"
#include "mktows_sandbox/sandbox.hpp"
#include "soap_service.hpp"

namespace mktows::sandbox {

namespace {

std::string_view query_part(const char* target) {
    std::string_view p = target ? target : "";
    auto q = p.find('?');
    return q == std::string_view::npos ? std::string_view() : p.substr(q + 1);
}

ConnectionIo& io_of(struct soap* soap) { return *static_cast<ConnectionIo*>(soap->user); }

int parse_http_header(struct soap* soap) {
    ConnectionIo& io = io_of(soap);
    const int rc = io.parse(soap);
    if (rc == SOAP_OK && soap->length > max_request_bytes) {
        soap->keep_alive = 0;
        return soap->error = 413;  // Payload Too Large, before reading the body
    }
    if (rc == SOAP_OK && soap->length > 0) {
        const ULONG64 buffered = soap->buflen - soap->bufidx;
        io.bounded = true;
        io.body_left = soap->length > buffered ? soap->length - buffered : 0;
    }
    return rc;
}

std::size_t receive_bounded(struct soap* soap, char* buf, std::size_t length) {
    ConnectionIo& io = io_of(soap);
    if (io.bounded) {
        if (io.body_left == 0) return 0;  // end of the body: EOF for the XML parser
        if (length > io.body_left) length = static_cast<std::size_t>(io.body_left);
    }
    const std::size_t n = io.recv(soap, buf, length);
    if (io.bounded) io.body_left -= n < io.body_left ? n : io.body_left;
    return n;
}

// A whole request body whose XML ends early reads as EOF, and gSOAP sends
// no fault for EOF when timeouts are set (it takes EOF for a vanished
// client); without them it does. The server sets them again per request.
void server_fault_hook(struct soap* soap, const char** faultcode, const char** faultstring) {
    if (soap->error == SOAP_EOF && body_complete(soap)) soap->recv_timeout = soap->send_timeout = 0;
    marketo_fault_hook(soap, faultcode, faultstring);
}

int send_file(struct soap* soap, int status, const char* content_type, const std::string& body) {
    choose_compression(soap);
    soap->http_content = content_type;
    const soap_mode mode = soap->omode;
    soap->omode = (soap->omode & ~SOAP_IO) | SOAP_IO_STORE;  // whole body first: Content-Length, keep-alive
    const int rc = soap_response(soap, SOAP_FILE + status) || soap_send_raw(soap, body.data(), body.size()) ||
                   soap_end_send(soap);
    soap->omode = mode;
    return rc ? soap->error : SOAP_OK;
}

// HTTP GET: <endpoint>?WSDL (any case) returns the WSDL, anything else 404.
int on_http_get(struct soap* soap) {
    if (path_part(soap->path) != endpoint_path || !equals_ascii_ci(query_part(soap->path), "wsdl"))
        return send_file(soap, 404, "text/plain; charset=utf-8",
                         std::string("Not found. The WSDL is at ") + endpoint_path + "?WSDL\n");
    return send_file(soap, 200, "text/xml; charset=utf-8", *io_of(soap).wsdl);
}

}  // namespace

void install_http_hooks(struct soap* soap, ConnectionIo& io, const std::string& wsdl) {
    io.wsdl = &wsdl;
    io.parse = soap->fparse;
    io.recv = soap->frecv;
    soap->user = &io;
    soap->fparse = parse_http_header;
    soap->frecv = receive_bounded;
    soap->fget = on_http_get;
    soap->fseterror = server_fault_hook;
}

void reset_http_hooks(struct soap* soap) {
    io_of(soap).bounded = false;
    soap->zlib_out = SOAP_ZLIB_NONE;
    soap->omode &= ~SOAP_ENC_ZLIB;
}

// gSOAP notes Accept-Encoding in zlib_out while it reads the HTTP header.
void choose_compression(struct soap* soap) {
    if (soap->zlib_out == SOAP_ZLIB_GZIP) soap->omode |= SOAP_ENC_ZLIB;
    else soap->omode &= ~SOAP_ENC_ZLIB;
}

bool body_complete(struct soap* soap) {
    const ConnectionIo& io = io_of(soap);
    return io.bounded && io.body_left == 0 && soap_valid_socket(soap->socket);
}

std::string_view path_part(const char* target) {
    std::string_view p = target ? target : "";
    if (auto scheme = p.find("://"); scheme != std::string_view::npos) {  // absolute-form request target
        auto slash = p.find('/', scheme + 3);
        p = slash == std::string_view::npos ? std::string_view("/") : p.substr(slash);
    }
    return p.substr(0, p.find('?'));
}

}  // namespace mktows::sandbox
