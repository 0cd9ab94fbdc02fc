#include "response_leads.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cstring>
#include <stdexcept>

namespace mktows_test {

namespace {

bool named(const xmlNode* n, const char* name) {
    return n->type == XML_ELEMENT_NODE && std::strcmp(reinterpret_cast<const char*>(n->name), name) == 0;
}

std::string text_of(const xmlNode* n) {
    xmlChar* t = xmlNodeGetContent(n);
    std::string s = t ? reinterpret_cast<const char*>(t) : "";
    xmlFree(t);
    return s;
}

bool is_nil(const xmlNode* n) {
    for (const xmlAttr* a = n->properties; a; a = a->next) {
        if (std::strcmp(reinterpret_cast<const char*>(a->name), "nil") == 0) {
            xmlChar* v = xmlNodeListGetString(n->doc, a->children, 1);
            const bool nil = v && (std::strcmp(reinterpret_cast<const char*>(v), "true") == 0 ||
                                   std::strcmp(reinterpret_cast<const char*>(v), "1") == 0);
            xmlFree(v);
            return nil;
        }
    }
    return false;
}

void read_field(const xmlNode* n, std::optional<std::string>& value, bool& present) {
    present = true;
    if (is_nil(n)) value.reset(); else value = text_of(n);
}

XmlLead read_lead(const xmlNode* record) {
    XmlLead lead;
    for (const xmlNode* c = record->children; c; c = c->next) {
        if (named(c, "Id")) read_field(c, lead.id, lead.id_present);
        else if (named(c, "Email")) read_field(c, lead.email, lead.email_present);
        else if (named(c, "ForeignSysPersonId")) read_field(c, lead.foreign_sys_person_id, lead.fsp_present);
        else if (named(c, "ForeignSysType")) read_field(c, lead.foreign_sys_type, lead.fst_present);
        else if (named(c, "leadAttributeList")) {
            for (const xmlNode* a = c->children; a; a = a->next) {
                if (!named(a, "attribute")) continue;
                XmlAttribute attr;
                for (const xmlNode* f = a->children; f; f = f->next) {
                    if (named(f, "attrName")) attr.name = text_of(f);
                    else if (named(f, "attrType")) attr.type = text_of(f);
                    else if (named(f, "attrValue")) attr.value = text_of(f);
                }
                lead.attributes.push_back(attr);
            }
        }
    }
    return lead;
}

void collect(const xmlNode* n, std::vector<XmlLead>& out) {
    for (; n; n = n->next) {
        if (named(n, "leadRecord")) {
            out.push_back(read_lead(n));
        } else {
            collect(n->children, out);
        }
    }
}

}  // namespace

std::vector<XmlLead> leads_in_response(const std::string& xml) {
    xmlDoc* doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "response.xml", nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) throw std::runtime_error("response XML is not well-formed");
    std::vector<XmlLead> leads;
    collect(xmlDocGetRootElement(doc), leads);
    xmlFreeDoc(doc);
    return leads;
}

}  // namespace mktows_test
