// Debian's libgsoapssl++ is built without WITH_NONAMESPACES, so it refers to
// a global XML namespace table named `namespaces`. mktows sets its own table
// on every context (binding/namespaces.hpp) and never uses the global one;
// this empty definition is weak so that an application that links mktows
// beside its own gSOAP code, which defines `namespaces`, keeps its table.
#include "stdsoap2.h"

__attribute__((weak)) struct Namespace namespaces[] = {{nullptr, nullptr, nullptr, nullptr}};
