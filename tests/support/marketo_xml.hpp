// Marketo response bodies for test servers, written from the SDK's lead
// types (absent fields are left out, nil fields written as xsi:nil), and a
// reader for the parameters of a recorded getMultipleLeads request.
#ifndef MKTOWS_TEST_SUPPORT_MARKETO_XML_HPP
#define MKTOWS_TEST_SUPPORT_MARKETO_XML_HPP

#include <string>
#include <vector>

#include "mktows/lead.hpp"

namespace mktows_test {

/// <SOAP-ENV:Envelope>...<ns1:successGetMultipleLeads><result>... with
/// page.return_count, remaining_count, new_stream_position and the leads.
std::string get_multiple_leads_xml(const mktows::LeadPage& page);

/// <ns1:successGetLead><result><count>N</count><leadRecordList>...
std::string get_lead_xml(const std::vector<mktows::Lead>& leads);

/// A lead with an id, an email, nil foreign-system fields and attributes.
mktows::Lead make_lead(std::int64_t id, const std::string& email,
                       std::vector<mktows::Attribute> attributes = {});

/// A page of `leads` whose returnCount is their number.
mktows::LeadPage make_page(std::vector<mktows::Lead> leads, int remaining, std::string position);

/// The parameters of a getMultipleLeads request body, as the server read them.
struct GetMultipleLeadsParams {
    std::vector<std::string> keys;  ///< keyValues/stringItem
    std::string key_type;
    std::string static_list_name;
    std::string static_list_id;
    std::string oldest_updated_at;
    std::string latest_updated_at;
    std::string stream_position;  ///< empty when absent
    int batch_size = 0;           ///< 0 when absent
    std::vector<std::string> include_attributes;
};
GetMultipleLeadsParams read_get_multiple_leads(const std::string& body);

}  // namespace mktows_test

#endif
