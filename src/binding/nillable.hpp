// Tri-state optional values for the generated mktows binding: an optional
// element is either absent, present with xsi:nil="true", or present with a
// value. Used by the generated code through wsdl/typemap.dat and
// wsdl/nillable.h; serializers in nillable.cpp. Not a public header.
#ifndef MKTOWS_BINDING_NILLABLE_HPP
#define MKTOWS_BINDING_NILLABLE_HPP

#include <string>
#include <utility>

namespace mktows_gsoap {

enum class Presence : unsigned char { absent, nil, value };

template <class T>
struct Nillable {
    Presence presence = Presence::absent;
    T value{};

    bool is_absent() const { return presence == Presence::absent; }
    bool is_nil() const { return presence == Presence::nil; }
    bool has_value() const { return presence == Presence::value; }

    void set(T v) {
        value = std::move(v);
        presence = Presence::value;
    }
    void set_nil() {
        value = T{};
        presence = Presence::nil;
    }
    void clear() {
        value = T{};
        presence = Presence::absent;
    }
};

using NillableString = Nillable<std::string>;
using NillableInt = Nillable<int>;

}  // namespace mktows_gsoap

#endif
