// Marketo response bodies and the request reader (see marketo_xml.hpp).
#include "support/marketo_xml.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>

#include "support/xml_escape.hpp"

namespace mktows_test {

namespace {

const char* kEnvelopeOpen =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:ns1=\"http://www.marketo.com/mktows/\">\n"
    "  <SOAP-ENV:Body>\n";
const char* kEnvelopeClose = "  </SOAP-ENV:Body>\n</SOAP-ENV:Envelope>\n";

template <class T, class Show>
std::string field_xml(const char* tag, const mktows::Field<T>& f, Show show) {
    std::string t(tag);
    if (f.is_absent()) return {};
    if (f.is_nil()) return "<" + t + " xsi:nil=\"true\" />";
    return "<" + t + ">" + xml_escape(show(f.value())) + "</" + t + ">";
}

std::string lead_xml(const mktows::Lead& lead) {
    std::string out = "<leadRecord>";
    out += field_xml("Id", lead.id, [](std::int64_t v) { return std::to_string(v); });
    auto same = [](const std::string& s) { return s; };
    out += field_xml("Email", lead.email, same);
    out += field_xml("ForeignSysPersonId", lead.foreign_sys_person_id, same);
    out += field_xml("ForeignSysType", lead.foreign_sys_type, same);
    if (!lead.attributes.empty()) {
        out += "<leadAttributeList>";
        for (const auto& a : lead.attributes) {
            out += "<attribute><attrName>" + xml_escape(a.name) + "</attrName>";
            if (!a.type.empty()) out += "<attrType>" + xml_escape(a.type) + "</attrType>";
            out += "<attrValue>" + xml_escape(a.value) + "</attrValue></attribute>";
        }
        out += "</leadAttributeList>";
    }
    return out + "</leadRecord>";
}

std::string records_xml(const std::vector<mktows::Lead>& leads) {
    if (leads.empty()) return "<leadRecordList xsi:nil=\"true\" />";
    std::string out = "<leadRecordList>";
    for (const auto& l : leads) out += lead_xml(l);
    return out + "</leadRecordList>";
}

}  // namespace

std::string get_multiple_leads_xml(const mktows::LeadPage& page) {
    std::string position = page.new_stream_position.empty()
                               ? "<newStreamPosition />"
                               : "<newStreamPosition>" + xml_escape(page.new_stream_position) + "</newStreamPosition>";
    return std::string(kEnvelopeOpen) + "    <ns1:successGetMultipleLeads><result><returnCount>" +
           std::to_string(page.return_count) + "</returnCount><remainingCount>" +
           std::to_string(page.remaining_count) + "</remainingCount>" + position + records_xml(page.leads) +
           "</result></ns1:successGetMultipleLeads>\n" + kEnvelopeClose;
}

std::string get_lead_xml(const std::vector<mktows::Lead>& leads) {
    return std::string(kEnvelopeOpen) + "    <ns1:successGetLead><result><count>" + std::to_string(leads.size()) +
           "</count>" + records_xml(leads) + "</result></ns1:successGetLead>\n" + kEnvelopeClose;
}

mktows::Lead make_lead(std::int64_t id, const std::string& email, std::vector<mktows::Attribute> attributes) {
    mktows::Lead l;
    l.id = mktows::Field<std::int64_t>::of(id);
    l.email = mktows::Field<std::string>::of(email);
    l.foreign_sys_person_id = mktows::Field<std::string>::nil();
    l.foreign_sys_type = mktows::Field<std::string>::nil();
    l.attributes = std::move(attributes);
    return l;
}

mktows::LeadPage make_page(std::vector<mktows::Lead> leads, int remaining, std::string position) {
    mktows::LeadPage p;
    p.return_count = static_cast<int>(leads.size());
    p.remaining_count = remaining;
    p.new_stream_position = std::move(position);
    p.leads = std::move(leads);
    return p;
}

GetMultipleLeadsParams read_get_multiple_leads(const std::string& body) {
    GetMultipleLeadsParams p;
    std::unique_ptr<xmlDoc, void (*)(xmlDoc*)> doc(
        xmlReadMemory(body.data(), static_cast<int>(body.size()), "request.xml", nullptr,
                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
        xmlFreeDoc);
    if (!doc) return p;
    auto name_is = [](const xmlNode* n, const char* name) {
        return n->type == XML_ELEMENT_NODE && std::string(reinterpret_cast<const char*>(n->name)) == name;
    };
    auto text = [](const xmlNode* n) {
        xmlChar* t = xmlNodeGetContent(n);
        std::string s = t ? reinterpret_cast<const char*>(t) : "";
        xmlFree(t);
        return s;
    };
    auto items = [&](const xmlNode* list) {
        std::vector<std::string> out;
        for (const xmlNode* c = list->children; c; c = c->next)
            if (name_is(c, "stringItem")) out.push_back(text(c));
        return out;
    };
    // Envelope/Body/paramsGetMultipleLeads
    const xmlNode* params = nullptr;
    for (const xmlNode* b = xmlDocGetRootElement(doc.get())->children; b && !params; b = b->next)
        if (name_is(b, "Body"))
            for (const xmlNode* c = b->children; c; c = c->next)
                if (name_is(c, "paramsGetMultipleLeads")) params = c;
    if (!params) return p;
    for (const xmlNode* c = params->children; c; c = c->next) {
        if (name_is(c, "leadSelector")) {
            for (const xmlNode* s = c->children; s; s = s->next) {
                if (name_is(s, "keyType")) p.key_type = text(s);
                if (name_is(s, "keyValues")) p.keys = items(s);
                if (name_is(s, "staticListName")) p.static_list_name = text(s);
                if (name_is(s, "staticListId")) p.static_list_id = text(s);
                if (name_is(s, "oldestUpdatedAt")) p.oldest_updated_at = text(s);
                if (name_is(s, "latestUpdatedAt")) p.latest_updated_at = text(s);
            }
        }
        if (name_is(c, "streamPosition")) p.stream_position = text(c);
        if (name_is(c, "batchSize")) p.batch_size = std::stoi(text(c));
        if (name_is(c, "includeAttributes")) p.include_attributes = items(c);
    }
    return p;
}

}  // namespace mktows_test
