#include "cli/soap_responses.hpp"

#include "support/xml_escape.hpp"

namespace mktows_test {

namespace {

std::string element(const char* name, const std::optional<std::string>& value) {
    if (!value) return std::string("<") + name + " xsi:nil=\"true\" />";
    return std::string("<") + name + ">" + xml_escape(*value) + "</" + name + ">";
}

}  // namespace

std::string get_multiple_leads_response(const std::vector<TestLead>& leads, int remaining_count,
                                        const std::string& new_stream_position) {
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:ns1=\"http://www.marketo.com/mktows/\">"
        "<SOAP-ENV:Body><ns1:successGetMultipleLeads><result>";
    xml += "<returnCount>" + std::to_string(leads.size()) + "</returnCount>";
    xml += "<remainingCount>" + std::to_string(remaining_count) + "</remainingCount>";
    xml += new_stream_position.empty() ? "<newStreamPosition />"
                                       : "<newStreamPosition>" + xml_escape(new_stream_position) +
                                             "</newStreamPosition>";
    xml += "<leadRecordList>";
    for (const TestLead& lead : leads) {
        xml += "<leadRecord>";
        xml += element("Id", lead.id) + element("Email", lead.email) +
               element("ForeignSysPersonId", lead.foreign_sys_person_id) +
               element("ForeignSysType", lead.foreign_sys_type);
        xml += "<leadAttributeList>";
        for (const TestAttribute& a : lead.attributes) {
            xml += "<attribute><attrName>" + xml_escape(a.name) + "</attrName><attrType>" + xml_escape(a.type) +
                   "</attrType><attrValue>" + xml_escape(a.value) + "</attrValue></attribute>";
        }
        xml += "</leadAttributeList></leadRecord>";
    }
    xml += "</leadRecordList></result></ns1:successGetMultipleLeads></SOAP-ENV:Body></SOAP-ENV:Envelope>";
    return xml;
}

}  // namespace mktows_test
