// gSOAP custom serializers for the tri-state optional values declared in
// wsdl/nillable.h (see nillable.hpp). They follow the pattern of gSOAP's own
// custom serializers (gsoap/custom): soapcpp2 declares soap_default_T,
// soap_serialize_T, soap_out_T and soap_in_T for an "extern typedef" type and
// generates the rest.
//
// absent -> nothing is written; nil -> <tag xsi:nil="true"/>;
// value  -> <tag>value</tag>. Reading sets the presence to match.
#include "mktows_gsoapH.h"

namespace mktows_gsoap {

namespace {

template <class T>
int write_nil_or_nothing(struct soap* soap, const char* tag, int id, const Nillable<T>& a,
                         const char* type, bool* done) {
    *done = true;
    if (a.presence == Presence::absent) return SOAP_OK;
    if (a.presence == Presence::nil) return soap_element_null(soap, tag, id, type);
    *done = false;
    return SOAP_OK;
}

}  // namespace

// ---- nillable_string (xsd:string) ----------------------------------------

SOAP_FMAC1 void SOAP_FMAC2 soap_default_nillable_string(struct soap*, NillableString* a) {
    a->clear();
}

SOAP_FMAC1 void SOAP_FMAC2 soap_serialize_nillable_string(struct soap*, const NillableString*) {}

SOAP_FMAC1 int SOAP_FMAC2 soap_out_nillable_string(struct soap* soap, const char* tag, int id,
                                                   const NillableString* a, const char* type) {
    bool done = false;
    int rc = write_nil_or_nothing(soap, tag, id, *a, type, &done);
    if (done) return rc;
    if (a->value.empty()) return soap_element_empty(soap, tag, id, type);
    if (soap_element_begin_out(soap, tag, id, type) || soap_string_out(soap, a->value.c_str(), 0) ||
        soap_element_end_out(soap, tag))
        return soap->error;
    return SOAP_OK;
}

SOAP_FMAC1 NillableString* SOAP_FMAC2 soap_in_nillable_string(struct soap* soap, const char* tag,
                                                              NillableString* a, const char*) {
    if (soap_element_begin_in(soap, tag, 1, nullptr)) return nullptr;
    if (!a && !(a = soap_new_nillable_string(soap, -1))) return nullptr;
    if (soap->null) {
        a->set_nil();
    } else if (soap->body) {
        const char* text = soap_string_in(soap, 1, 0, -1, nullptr);
        if (!text) return nullptr;
        a->set(text);
    } else {
        a->set(std::string());
    }
    if (soap->body && soap_element_end_in(soap, tag)) return nullptr;
    return a;
}

// ---- nillable_int (xsd:int) ----------------------------------------------

SOAP_FMAC1 void SOAP_FMAC2 soap_default_nillable_int(struct soap*, NillableInt* a) { a->clear(); }

SOAP_FMAC1 void SOAP_FMAC2 soap_serialize_nillable_int(struct soap*, const NillableInt*) {}

SOAP_FMAC1 int SOAP_FMAC2 soap_out_nillable_int(struct soap* soap, const char* tag, int id,
                                                const NillableInt* a, const char* type) {
    bool done = false;
    int rc = write_nil_or_nothing(soap, tag, id, *a, type, &done);
    if (done) return rc;
    if (soap_element_begin_out(soap, tag, id, type) ||
        soap_string_out(soap, soap_int2s(soap, a->value), 0) || soap_element_end_out(soap, tag))
        return soap->error;
    return SOAP_OK;
}

SOAP_FMAC1 NillableInt* SOAP_FMAC2 soap_in_nillable_int(struct soap* soap, const char* tag,
                                                        NillableInt* a, const char*) {
    if (soap_element_begin_in(soap, tag, 1, nullptr)) return nullptr;
    if (!a && !(a = soap_new_nillable_int(soap, -1))) return nullptr;
    if (soap->null) {
        a->set_nil();
    } else {
        int v = 0;
        if (soap_s2int(soap, soap_value(soap), &v)) return nullptr;
        a->set(v);
    }
    if (soap->body && soap_element_end_in(soap, tag)) return nullptr;
    return a;
}

}  // namespace mktows_gsoap
