// getMultipleLeads responses built by the tests, in the seed's format.
#ifndef MKTOWS_TEST_CLI_SOAP_RESPONSES_HPP
#define MKTOWS_TEST_CLI_SOAP_RESPONSES_HPP

#include <optional>
#include <string>
#include <vector>

namespace mktows_test {

struct TestAttribute {
    std::string name, type, value;
};

struct TestLead {
    std::optional<std::string> id, email, foreign_sys_person_id, foreign_sys_type;  ///< nullopt: xsi:nil
    std::vector<TestAttribute> attributes;
};

/// A successGetMultipleLeads envelope; returnCount is leads.size().
std::string get_multiple_leads_response(const std::vector<TestLead>& leads, int remaining_count,
                                        const std::string& new_stream_position);

}  // namespace mktows_test

#endif
