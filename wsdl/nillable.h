/* nillable.h: soapcpp2 import for the tri-state optional values of the mktows
   binding (see typemap.dat). The C++ types and their serializers are
   hand-written in src/binding/nillable.hpp and src/binding/nillable.cpp. */
#include "binding/nillable.hpp"
extern typedef class mktows_gsoap::NillableString nillable_string;
extern typedef class mktows_gsoap::NillableInt nillable_int;
