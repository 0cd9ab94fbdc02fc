#include "wsdl_document.hpp"

#include <stdexcept>

namespace mktows::sandbox {

namespace embedded {
extern const char wsdl[];
extern const std::size_t wsdl_size;
}  // namespace embedded

std::string_view embedded_wsdl() { return {embedded::wsdl, embedded::wsdl_size}; }

std::string wsdl_for_endpoint(const std::string& endpoint) {
    std::string doc(embedded_wsdl());
    const std::string marker = "<soap:address location=\"";
    const std::size_t start = doc.find(marker);
    const std::size_t value = start == std::string::npos ? start : start + marker.size();
    const std::size_t end = value == std::string::npos ? value : doc.find('"', value);
    if (end == std::string::npos)
        throw std::logic_error("the embedded WSDL has no <soap:address location=\"...\"/>; rebuild from wsdl/");
    doc.replace(value, end - value, endpoint);  // endpoints are plain URLs: nothing to escape
    return doc;
}

}  // namespace mktows::sandbox
