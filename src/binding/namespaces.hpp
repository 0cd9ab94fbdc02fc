#ifndef MKTOWS_BINDING_NAMESPACES_HPP
#define MKTOWS_BINDING_NAMESPACES_HPP

struct Namespace;

namespace mktows_gsoap {
/// Namespace table to set on every soap context of the mktows binding
/// (soap_set_namespaces), client and server.
extern const struct Namespace namespaces[];
}  // namespace mktows_gsoap

#endif
