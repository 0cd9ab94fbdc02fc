// The generated gSOAP binding, included in the order design.md requires:
// envH.h (the global SOAP Header / Fault) before any mktows_gsoap header.
// Private to src/: public headers never include gSOAP.
#ifndef MKTOWS_SRC_WIRE_GSOAP_HPP
#define MKTOWS_SRC_WIRE_GSOAP_HPP

#include "envH.h"
#include "mktows_gsoapH.h"
#include "mktows_gsoapMktowsApiSoapBindingProxy.h"
#include "binding/namespaces.hpp"

#endif
