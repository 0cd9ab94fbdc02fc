#include "service_fault.hpp"

namespace mktows::sandbox {

const char* fault_title(int code) noexcept {
    switch (code) {
        case 10001: return "Internal error";
        case 20011: return "Internal error";
        case 20012: return "Request not understood";
        case 20013: return "Access denied";
        case 20014: return "Authentication failed";
        case 20015: return "Request limit exceeded";
        case 20016: return "Request expired";
        case 20017: return "Invalid request";
        case 20019: return "Unsupported operation";
        case 20022: return "Time span in query filter over the limit";
        case 20023: return "Rate limit exceeded";
        case 20024: return "Concurrency limit exceeded";
        case 20101: return "Lead key required";
        case 20102: return "Bad lead key";
        case 20103: return "Lead not found";
        case 20109: return "Parameter required";
        case 20110: return "Bad parameter";
        case 20111: return "List not found";
        case 20114: return "Bad parameter";
        case 20122: return "Bad stream position";
        case 20123: return "Stream at end";
        default: return "Error";
    }
}

ServiceFault::ServiceFault(int code, std::string detail)
    : std::runtime_error(std::to_string(code) + " - " + fault_title(code)), code_(code), detail_(std::move(detail)) {}

std::string ServiceFault::text() const {
    std::string t = fault_title(code_);
    if (!detail_.empty()) t += ": " + detail_;
    return t;
}

std::string ServiceFault::faultstring() const { return std::to_string(code_) + " - " + text(); }

std::string ServiceFault::message() const { return text() + " (" + std::to_string(code_) + ")"; }

bool ServiceFault::server_side() const noexcept { return code_ == 10001 || code_ == 20011; }

}  // namespace mktows::sandbox
