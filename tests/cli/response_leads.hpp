// The lead records of a getMultipleLeads response, read with libxml2 (not
// with the SDK's decoder), to check the CLI's output against.
#ifndef MKTOWS_TEST_CLI_RESPONSE_LEADS_HPP
#define MKTOWS_TEST_CLI_RESPONSE_LEADS_HPP

#include <optional>
#include <string>
#include <vector>

namespace mktows_test {

struct XmlAttribute {
    std::string name, type, value;
};

struct XmlLead {
    /// nullopt: xsi:nil; absent elements are marked by *_present = false.
    std::optional<std::string> id, email, foreign_sys_person_id, foreign_sys_type;
    bool id_present = false, email_present = false, fsp_present = false, fst_present = false;
    std::vector<XmlAttribute> attributes;
};

/// Every leadRecord in document order. Throws std::runtime_error for XML
/// that is not well-formed.
std::vector<XmlLead> leads_in_response(const std::string& xml);

}  // namespace mktows_test

#endif
