// Configures a gSOAP context for the mktows client: namespace table,
// keep-alive, UTF-8 strings, gzip, timeouts, and TLS with certificate and
// host-name verification.
#ifndef MKTOWS_SRC_TRANSPORT_SOAP_CONTEXT_SETUP_HPP
#define MKTOWS_SRC_TRANSPORT_SOAP_CONTEXT_SETUP_HPP

#include <chrono>
#include <cstddef>

#include "mktows/options.hpp"
#include "transport/endpoint.hpp"

struct soap;

namespace mktows::detail {

/// XML nesting a response may have (gSOAP's maxlevel): far above what the
/// WSDL's messages need, far below what would strain the parser.
constexpr unsigned max_xml_depth = 32;
/// Items a list of a response may have (gSOAP's maxoccurs).
constexpr std::size_t max_xml_occurs = 100000;

/// Throws Error(invalid_argument) when the CA file cannot be loaded and
/// Error(transport) when TLS cannot be set up.
void configure_soap_context(struct soap* soap, const Endpoint& endpoint, const TransportOptions& options);

/// A gSOAP timeout value: positive seconds, negative microseconds, 0 none.
int gsoap_timeout(std::chrono::milliseconds timeout) noexcept;

}  // namespace mktows::detail

#endif
