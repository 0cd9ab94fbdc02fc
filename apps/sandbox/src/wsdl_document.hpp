// The WSDL served at <endpoint>?WSDL: wsdl/mktows-2_7.wsdl, embedded into
// the binary at build time, with its soap:address pointing at the sandbox.
#ifndef MKTOWS_SANDBOX_WSDL_DOCUMENT_HPP
#define MKTOWS_SANDBOX_WSDL_DOCUMENT_HPP

#include <string>
#include <string_view>

namespace mktows::sandbox {

/// The WSDL as built in.
std::string_view embedded_wsdl();

/// The WSDL with the location of its soap:address set to endpoint.
std::string wsdl_for_endpoint(const std::string& endpoint);

}  // namespace mktows::sandbox

#endif
