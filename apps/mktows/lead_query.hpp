// Turning the selector, request and format options into a validated query.
#ifndef MKTOWS_CLI_LEAD_QUERY_HPP
#define MKTOWS_CLI_LEAD_QUERY_HPP

#include <optional>
#include <string>
#include <vector>

#include "get_multiple_leads_args.hpp"
#include "mktows/output.hpp"
#include "mktows/request.hpp"

namespace mktows_cli {

struct LeadQuery {
    mktows::GetMultipleLeadsRequest request;
    mktows::OutputFormat format;
    /// The attribute names of --attributes, when given.
    std::optional<std::vector<std::string>> attributes;
};

/// Throws Error(invalid_argument) with what is wrong and how to fix it:
/// no selector or more than one, --key without --key-type (or the reverse),
/// --updated-until without --updated-since, unknown key type, malformed
/// time, a bad list id, batch size, attribute list or format.
LeadQuery build_lead_query(const GetMultipleLeadsArgs& args);

/// "A, B ,C" -> {"A","B","C"}; duplicates dropped (first kept). Throws for
/// an empty name.
std::vector<std::string> parse_attribute_list(const std::string& text);

}  // namespace mktows_cli

#endif
