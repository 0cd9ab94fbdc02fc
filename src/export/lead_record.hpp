// Lead records: a lead as bytes, for spool files and the CSV merge file.
// A record is a 32-bit little-endian payload length, then the payload:
// for Id, Email, ForeignSysPersonId and ForeignSysType a state byte
// (0 absent, 1 nil, 2 value) and the value (Id: 8 bytes little-endian;
// strings: 32-bit length and bytes), then the attribute count and for each
// attribute its name, type and value as strings. Nothing is lost: the
// decoded lead equals the encoded one.
#ifndef MKTOWS_SRC_EXPORT_LEAD_RECORD_HPP
#define MKTOWS_SRC_EXPORT_LEAD_RECORD_HPP

#include <cstdint>
#include <string>
#include <string_view>

#include "mktows/lead.hpp"

namespace mktows::detail {

constexpr std::size_t record_header_size = 4;

/// Appends the record of lead (header and payload) to out.
void append_lead_record(const Lead& lead, std::string& out);

/// The payload length in a record header (4 bytes).
std::uint32_t record_payload_size(const char* header);

/// Decodes a payload. Throws Error(io) naming `where` when the bytes are
/// not a well-formed record (a damaged spool file).
Lead decode_lead_record(std::string_view payload, const std::string& where);

}  // namespace mktows::detail

#endif
