// --data FILE: leads from JSON Lines, the mktows CLI's JSONL output format
// plus "updatedAt" and an optional "lists":
//
//   {"Id":65835,"Email":"formtest1@marketo.com","ForeignSysPersonId":null,
//    "ForeignSysType":null,"attributes":{"Company":"Marketo Test","LeadScore":16},
//    "updatedAt":"2025-05-18T12:00:00Z","lists":["SMSProgram.listForTesting"]}
//
// Attribute types are inferred from the JSON value: integer -> integer,
// other number -> float, true/false -> boolean, string -> string, null ->
// string with an empty value; attributes keep the order of the file. List
// ids are 1, 2, 3, ... in order of first appearance in the file.
#ifndef MKTOWS_SANDBOX_JSONL_DATA_HPP
#define MKTOWS_SANDBOX_JSONL_DATA_HPP

#include <cstdint>
#include <istream>
#include <string>

#include "data_set.hpp"

namespace mktows::sandbox {

/// Reads the leads of a JSONL stream. `source` names it in errors; a lead
/// without "updatedAt" gets default_updated_at (seconds since the epoch).
/// Throws mktows::Error(invalid_argument) "SOURCE:LINE: what is wrong; how
/// to fix it" for the first bad line, and for a stream without leads.
DataSetBuilder::Result read_jsonl_data(std::istream& in, const std::string& source, std::int64_t default_updated_at);

/// read_jsonl_data on a file; Error(io) when it cannot be opened or read.
DataSetBuilder::Result load_jsonl_data(const std::string& path, std::int64_t default_updated_at);

}  // namespace mktows::sandbox

#endif
