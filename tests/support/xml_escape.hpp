// Text made safe for XML content and attribute values.
#ifndef MKTOWS_TEST_SUPPORT_XML_ESCAPE_HPP
#define MKTOWS_TEST_SUPPORT_XML_ESCAPE_HPP

#include <string>
#include <string_view>

namespace mktows_test {

/// Escapes & < > " and writes '\r' as &#13; (a parser would turn a bare
/// CRLF into LF).
std::string xml_escape(std::string_view text);

}  // namespace mktows_test

#endif
