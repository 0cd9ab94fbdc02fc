// Builds the generated gSOAP request objects (and the AuthenticationHeader)
// from the SDK's request types. Objects are allocated in the soap context
// and released with it (soap_destroy/soap_end).
#ifndef MKTOWS_SRC_WIRE_REQUEST_BUILDER_HPP
#define MKTOWS_SRC_WIRE_REQUEST_BUILDER_HPP

#include "mktows/credentials.hpp"
#include "mktows/request.hpp"
#include "mktows/selectors.hpp"
#include "wire/gsoap.hpp"

namespace mktows::detail {

/// paramsGetMultipleLeads: the selector as its derived type (so gSOAP
/// writes xsi:type="ns1:LeadKeySelector" etc.), includeAttributes when
/// given, batchSize, and streamPosition when not empty.
mktows_gsoap::ns1__ParamsGetMultipleLeads* build_get_multiple_leads(struct soap* soap,
                                                                    const GetMultipleLeadsRequest& request);

/// paramsGetLead with one LeadKey.
mktows_gsoap::ns1__ParamsGetLead* build_get_lead(struct soap* soap, const LeadKey& key);

/// Sets soap->header to an AuthenticationHeader with these values (and
/// nothing else: no mustUnderstand, no MktowsContextHeader).
void set_authentication_header(struct soap* soap, const SignedHeader& header);

/// The generated enum value of a key type.
mktows_gsoap::ns1__LeadKeyRef to_wire(LeadKeyType type) noexcept;

}  // namespace mktows::detail

#endif
