// The XML namespace table of the mktows binding. soapcpp2 -n would generate
// one (mktows_gsoap.nsmap); this one is written by hand so that a request
// declares exactly the prefixes of Marketo's own sample request (SOAP-ENV,
// ns1, xsi) and nothing else.
#include "binding/namespaces.hpp"

#include "stdsoap2.h"

namespace mktows_gsoap {

const struct Namespace namespaces[] = {
    {"SOAP-ENV", "http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/*/soap-envelope", nullptr},
    {"ns1", "http://www.marketo.com/mktows/", nullptr, nullptr},
    {"xsi", "http://www.w3.org/2001/XMLSchema-instance", "http://www.w3.org/*/XMLSchema-instance", nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

}  // namespace mktows_gsoap

// libgsoapssl++ refers to the global table `namespaces` (gsoap_globals.cpp).
// With a static libmktows the linker only pulls gsoap_globals.o when
// something references it: this does, whenever the binding's table is used.
extern struct Namespace namespaces[];
__attribute__((used)) static const struct Namespace* const mktows_keep_global_namespaces = ::namespaces;
