// Turns a failed gSOAP call into an mktows::Error of the right kind:
// a Marketo fault -> service_fault with its code; an HTTP error status
// without a SOAP fault -> http_status; connect/TLS/timeout/closed
// connection -> transport; anything unreadable -> protocol.
#ifndef MKTOWS_SRC_WIRE_SOAP_ERROR_HPP
#define MKTOWS_SRC_WIRE_SOAP_ERROR_HPP

#include <string>

#include "mktows/error.hpp"

struct soap;

namespace mktows::detail {

/// Thrown for a receive timeout, so that the caller can retry with a
/// smaller batch. Its kind is transport.
class ReceiveTimeout : public Error {
public:
    using Error::Error;
};

/// What went wrong in the call, from the context's state after a failure.
/// `operation` names the call (e.g. "getMultipleLeads"), `endpoint` the URL.
Error error_from_soap(struct soap* soap, const std::string& operation, const std::string& endpoint);

/// The Marketo fault code of "20014 - Authentication failed", or 0.
int code_from_faultstring(const std::string& faultstring);

}  // namespace mktows::detail

#endif
