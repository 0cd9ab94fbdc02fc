// Attribute names of a lead must be unique for JSON and CSV to keep every
// value.
#ifndef MKTOWS_SRC_OUTPUT_ATTRIBUTE_NAMES_HPP
#define MKTOWS_SRC_OUTPUT_ATTRIBUTE_NAMES_HPP

#include "mktows/lead.hpp"

namespace mktows::output_detail {

/// Throws Error(protocol) naming the lead and the attribute when a name
/// appears twice in one lead.
void require_unique_attribute_names(const Lead& lead);

/// "lead 65835" or "lead <email>" or "a lead without Id", for messages.
std::string describe_lead(const Lead& lead);

}  // namespace mktows::output_detail

#endif
