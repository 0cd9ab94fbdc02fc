// Decodes the generated gSOAP response objects into the SDK's lead types,
// keeping absent and nil apart. Throws Error(protocol) for a response that
// lacks what the WSDL requires.
#ifndef MKTOWS_SRC_WIRE_RESPONSE_DECODER_HPP
#define MKTOWS_SRC_WIRE_RESPONSE_DECODER_HPP

#include <vector>

#include "mktows/lead.hpp"
#include "wire/gsoap.hpp"

namespace mktows::detail {

/// A page with remainingCount > 0 but no newStreamPosition is an
/// Error(protocol): the leads said to remain could not be fetched. A page
/// with more records than batchSize is taken whole (nothing is dropped;
/// TransportOptions::max_response_bytes bounds its size).
LeadPage decode_get_multiple_leads(const mktows_gsoap::ns1__SuccessGetMultipleLeads& response);
std::vector<Lead> decode_get_lead(const mktows_gsoap::ns1__SuccessGetLead& response);
Lead decode_lead(const mktows_gsoap::ns1__LeadRecord& record);

}  // namespace mktows::detail

#endif
