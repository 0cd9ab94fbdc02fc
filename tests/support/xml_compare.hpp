// Structural XML comparison for tests (libxml2).
//
// Two documents are equal when their element trees match by namespace URI
// and local name, in order; attributes match by namespace URI + local name
// and value (xsi:type compared as a resolved QName, so ns1:X equals p:X when
// both prefixes name the same namespace); and the text directly inside each
// element matches once trimmed of surrounding whitespace. Prefixes,
// namespace declarations, attribute order, indentation and the XML
// declaration are ignored.
#ifndef MKTOWS_TEST_XML_COMPARE_HPP
#define MKTOWS_TEST_XML_COMPARE_HPP

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace mktows_test {

struct XmlCompareOptions {
    /// Local names of elements whose text is not compared (their presence
    /// and position still are), e.g. requestSignature, requestTimestamp.
    std::set<std::string> ignore_text_of;
};

/// Empty when expected and actual are structurally equal; otherwise a
/// description of the first difference with its element path. A document
/// that is not well-formed is a difference too.
std::string xml_difference(std::string_view expected, std::string_view actual,
                           const XmlCompareOptions& options = {});

/// The trimmed text of every element with that local name (any namespace),
/// in document order. Empty for a document that is not well-formed.
std::vector<std::string> xml_texts(std::string_view xml, std::string_view local_name);

/// Whether the document is well-formed XML.
bool xml_well_formed(std::string_view xml);

}  // namespace mktows_test

#endif
