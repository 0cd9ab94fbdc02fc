// Structural XML comparison on top of libxml2 (see xml_compare.hpp).
#include "support/xml_compare.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <map>
#include <memory>
#include <mutex>
#include <utility>

namespace mktows_test {

namespace {

constexpr const char* kXsiNs = "http://www.w3.org/2001/XMLSchema-instance";

struct DocDeleter {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocDeleter>;

void init_libxml() {
    static std::once_flag once;
    std::call_once(once, [] { xmlInitParser(); });
}

DocPtr parse(std::string_view xml, std::string* error) {
    init_libxml();
    xmlDoc* doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "test.xml", nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc && error) {
        const xmlError* e = xmlGetLastError();
        *error = e && e->message ? e->message : "unknown parse error";
        while (!error->empty() && (error->back() == '\n' || error->back() == ' ')) error->pop_back();
    }
    return DocPtr(doc);
}

std::string str(const xmlChar* s) { return s ? reinterpret_cast<const char*>(s) : ""; }

std::string trim(const std::string& s) {
    const char* ws = " \t\r\n";
    auto b = s.find_first_not_of(ws);
    if (b == std::string::npos) return {};
    auto e = s.find_last_not_of(ws);
    return s.substr(b, e - b + 1);
}

std::string ns_of(const xmlNode* n) { return n->ns ? str(n->ns->href) : ""; }

std::string qualified(const xmlNode* n) {
    std::string ns = ns_of(n);
    return ns.empty() ? str(n->name) : "{" + ns + "}" + str(n->name);
}

// The text directly inside an element (text and CDATA children), trimmed.
std::string direct_text(const xmlNode* n) {
    std::string text;
    for (const xmlNode* c = n->children; c; c = c->next)
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) text += str(c->content);
    return trim(text);
}

std::vector<const xmlNode*> element_children(const xmlNode* n) {
    std::vector<const xmlNode*> out;
    for (const xmlNode* c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE) out.push_back(c);
    return out;
}

// xsi:type="p:Local" -> {uri-of-p}Local, resolved in the element's scope.
std::string resolve_qname(xmlDoc* doc, const xmlNode* element, const std::string& value) {
    auto colon = value.find(':');
    std::string prefix = colon == std::string::npos ? "" : value.substr(0, colon);
    std::string local = colon == std::string::npos ? value : value.substr(colon + 1);
    xmlNs* ns = xmlSearchNs(doc, const_cast<xmlNode*>(element),
                            prefix.empty() ? nullptr : reinterpret_cast<const xmlChar*>(prefix.c_str()));
    if (!ns) return prefix.empty() ? local : "{unbound prefix " + prefix + "}" + local;
    return "{" + str(ns->href) + "}" + local;
}

std::map<std::string, std::string> attributes_of(xmlDoc* doc, const xmlNode* n) {
    std::map<std::string, std::string> out;
    for (const xmlAttr* a = n->properties; a; a = a->next) {
        std::string ns = a->ns ? str(a->ns->href) : "";
        std::string key = ns.empty() ? str(a->name) : "{" + ns + "}" + str(a->name);
        xmlChar* v = xmlNodeListGetString(doc, a->children, 1);
        std::string value = str(v);
        xmlFree(v);
        if (ns == kXsiNs && str(a->name) == "type") value = resolve_qname(doc, n, trim(value));
        out[key] = value;
    }
    return out;
}

struct Comparer {
    xmlDoc* expected_doc;
    xmlDoc* actual_doc;
    const XmlCompareOptions& options;

    std::string compare(const xmlNode* e, const xmlNode* a, const std::string& parent_path) {
        std::string path = parent_path + "/" + str(e->name);
        if (qualified(e) != qualified(a))
            return path + ": expected element " + qualified(e) + ", found " + qualified(a);
        auto ea = attributes_of(expected_doc, e);
        auto aa = attributes_of(actual_doc, a);
        for (const auto& [k, v] : ea) {
            auto it = aa.find(k);
            if (it == aa.end()) return path + ": attribute " + k + "=\"" + v + "\" missing";
            if (it->second != v)
                return path + ": attribute " + k + " is \"" + it->second + "\", expected \"" + v + "\"";
        }
        for (const auto& [k, v] : aa)
            if (!ea.count(k)) return path + ": unexpected attribute " + k + "=\"" + v + "\"";
        if (!options.ignore_text_of.count(str(e->name))) {
            std::string et = direct_text(e), at = direct_text(a);
            if (et != at) return path + ": text is \"" + at + "\", expected \"" + et + "\"";
        }
        auto ec = element_children(e), ac = element_children(a);
        for (size_t i = 0; i < ec.size() && i < ac.size(); ++i) {
            std::string d = compare(ec[i], ac[i], path);
            if (!d.empty()) return d;
        }
        if (ec.size() > ac.size()) return path + ": missing child element " + qualified(ec[ac.size()]);
        if (ac.size() > ec.size()) return path + ": unexpected child element " + qualified(ac[ec.size()]);
        return {};
    }
};

void collect_texts(const xmlNode* n, std::string_view local_name, std::vector<std::string>* out) {
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (str(n->name) == local_name) out->push_back(direct_text(n));
        collect_texts(n->children, local_name, out);
    }
}

}  // namespace

std::string xml_difference(std::string_view expected, std::string_view actual, const XmlCompareOptions& options) {
    std::string error;
    DocPtr e = parse(expected, &error);
    if (!e) return "expected document is not well-formed: " + error;
    DocPtr a = parse(actual, &error);
    if (!a) return "actual document is not well-formed: " + error;
    Comparer c{e.get(), a.get(), options};
    return c.compare(xmlDocGetRootElement(e.get()), xmlDocGetRootElement(a.get()), "");
}

std::vector<std::string> xml_texts(std::string_view xml, std::string_view local_name) {
    std::vector<std::string> out;
    DocPtr d = parse(xml, nullptr);
    if (d) collect_texts(xmlDocGetRootElement(d.get()), local_name, &out);
    return out;
}

bool xml_well_formed(std::string_view xml) { return parse(xml, nullptr) != nullptr; }

}  // namespace mktows_test
