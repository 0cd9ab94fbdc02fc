#include "output/attribute_names.hpp"

#include <string>
#include <string_view>
#include <unordered_set>

#include "mktows/error.hpp"

namespace mktows::output_detail {

std::string describe_lead(const Lead& lead) {
    if (lead.id.has_value()) return "lead " + std::to_string(lead.id.value());
    if (lead.email.has_value()) return "lead " + lead.email.value();
    return "a lead without Id";
}

void require_unique_attribute_names(const Lead& lead) {
    if (lead.attributes.size() < 2) return;
    std::unordered_set<std::string_view> seen;
    seen.reserve(lead.attributes.size());
    for (const Attribute& a : lead.attributes) {
        if (!seen.insert(a.name).second) {
            throw Error(ErrorKind::protocol,
                        "the server sent attribute '" + a.name + "' twice for " + describe_lead(lead) +
                            "; one value would be lost in the output, so the export stops here "
                            "(report this response to the service's owner)");
        }
    }
}

}  // namespace mktows::output_detail
