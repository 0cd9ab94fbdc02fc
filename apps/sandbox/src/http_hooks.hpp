// The HTTP side of a worker's gSOAP context: request bodies read only up to
// their Content-Length (gSOAP reads until the XML ends, so a truncated body
// would wait for the receive timeout), GET <endpoint>?WSDL, gzip when the
// client accepts it, and the fault hook that answers a cut-off body with
// 20012 instead of silence. install_http_hooks() sets them on a context.
#ifndef MKTOWS_SANDBOX_HTTP_HOOKS_HPP
#define MKTOWS_SANDBOX_HTTP_HOOKS_HPP

#include "stdsoap2.h"

#include <string>
#include <string_view>

namespace mktows::sandbox {

/// Request bodies larger than this are refused with HTTP 413 unread.
constexpr ULONG64 max_request_bytes = 8 << 20;  // a request of 100 keys is a few kB

/// Per-context state of the hooks (kept in soap->user).
struct ConnectionIo {
    const std::string* wsdl = nullptr;  ///< served at <endpoint>?WSDL
    int (*parse)(struct soap*) = nullptr;                            ///< gSOAP's own
    std::size_t (*recv)(struct soap*, char*, std::size_t) = nullptr;  ///< gSOAP's own
    bool bounded = false;  ///< body_left applies (a Content-Length body is being read)
    ULONG64 body_left = 0;
};

/// Wraps the context's header parser and receive function, and sets the
/// GET handler and the fault hook. `io` must outlive the context's use.
void install_http_hooks(struct soap* soap, ConnectionIo& io, const std::string& wsdl);

/// Before each request: the next header is read freely, nothing is gzipped yet.
void reset_http_hooks(struct soap* soap);

/// After the header of a SOAP request: gzip the response if the request accepts it.
void choose_compression(struct soap* soap);

/// Whether the whole body of the request was received (so an XML error is the
/// client's, not a vanished connection).
bool body_complete(struct soap* soap);

/// The path of the request target without its query (absolute-form targets too).
std::string_view path_part(const char* target);

}  // namespace mktows::sandbox

#endif
