// gSOAP failure -> mktows::Error (see soap_error.hpp).
#include "wire/soap_error.hpp"

#include <cstring>

#include "wire/gsoap.hpp"

namespace mktows::detail {

namespace {

std::string text(const char* s) { return s ? s : ""; }

int to_code(const std::string& s) {
    size_t i = 0;
    while (i < s.size() && s[i] == ' ') ++i;
    int code = 0;
    size_t digits = 0;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9' && digits < 9; ++i, ++digits) code = code * 10 + (s[i] - '0');
    return digits > 0 ? code : 0;
}

// The Marketo serviceException of a fault, SOAP 1.1 or 1.2 style.
const mktows_env_ServiceException* service_exception(struct soap* soap) {
    if (!soap->fault) return nullptr;
    if (soap->fault->detail && soap->fault->detail->ns1__serviceException)
        return soap->fault->detail->ns1__serviceException;
    if (soap->fault->SOAP_ENV__Detail && soap->fault->SOAP_ENV__Detail->ns1__serviceException)
        return soap->fault->SOAP_ENV__Detail->ns1__serviceException;
    return nullptr;
}

std::string fault_string(struct soap* soap) {
    if (!soap->fault) return {};
    if (soap->fault->faultstring) return soap->fault->faultstring;
    if (soap->fault->SOAP_ENV__Reason && soap->fault->SOAP_ENV__Reason->SOAP_ENV__Text)
        return soap->fault->SOAP_ENV__Reason->SOAP_ENV__Text;
    return {};
}

bool is_transport_error(int e) {
    return e == SOAP_EOF || e == SOAP_TCP_ERROR || e == SOAP_SSL_ERROR || e == SOAP_UDP_ERROR;
}

// The server's certificate failed verification (untrusted, expired, wrong
// host, none at all): an attempt over a new connection would fail the same way.
// The texts are OpenSSL's and gSOAP's (tcp_connect).
bool is_certificate_refusal(const std::string& detail) {
    for (const char* sign : {"certificate verify failed", "cannot be verified", "host name mismatch",
                             "No SSL/TLS certificate was presented"})
        if (detail.find(sign) != std::string::npos) return true;
    return false;
}

// gSOAP reports an HTTP status it cannot continue with as the error code
// itself (a 2xx there means the body was not a SOAP message).
bool is_http_error_status(int e) { return e >= 300 && e < 600; }
bool is_http_success_status(int e) { return e >= 200 && e < 300; }

// gSOAP's own description of the failure (soap_sprint_fault), e.g.
// "Error 28 fault ... Connection refused".
std::string gsoap_detail(struct soap* soap) {
    std::string out = text(*soap_faultstring(soap));
    const char** d = soap_faultdetail(soap);
    if (d && *d && std::strlen(*d) < 300) {
        if (!out.empty()) out += ": ";
        out += *d;
    }
    // OpenSSL's messages span lines; keep errors on one line.
    std::string one_line;
    for (char c : out) {
        if (c == '\n' || c == '\r') {
            if (!one_line.empty() && one_line.back() != ' ') one_line += "; ";
        } else {
            one_line += c;
        }
    }
    return one_line;
}

// What was wrong with a response that did not decode.
std::string xml_problem(struct soap* soap) {
    const std::string tag = soap->tag[0] ? std::string(" <") + soap->tag + ">" : std::string();
    switch (soap->error) {
        case SOAP_TAG_MISMATCH: return "unexpected element" + tag;
        case SOAP_NO_TAG: return "no XML element where one was expected" + tag;
        case SOAP_SYNTAX_ERROR: return "malformed XML" + tag;
        case SOAP_TYPE: return "a value of the wrong type" + tag;
        case SOAP_REQUIRED: return "a required element is missing" + tag;
        case SOAP_OCCURS: return "an element occurs too often or too rarely" + tag;
        case SOAP_EMPTY: return "an empty value" + tag;
        case SOAP_END_TAG: return "an unexpected end tag" + tag;
        case SOAP_UTF_ERROR: return "invalid UTF-8";
        case SOAP_LENGTH: return "a value or message too long";
        case SOAP_LEVEL: return "XML nested too deeply";
        case SOAP_VERSIONMISMATCH: return "not a SOAP 1.1 envelope";
        case SOAP_NAMESPACE: return "an unexpected XML namespace" + tag;
        default: {
            std::string d = gsoap_detail(soap);
            return d.empty() ? "not the expected SOAP message" : d;
        }
    }
}

}  // namespace

int code_from_faultstring(const std::string& faultstring) { return to_code(faultstring); }

Error error_from_soap(struct soap* soap, const std::string& operation, const std::string& endpoint) {
    const int e = soap->error;
    const int status = soap->status;  // HTTP status of the response, when one came
    const std::string where = operation + " to " + endpoint;

    if (e == SOAP_CLI_FAULT || e == SOAP_SVR_FAULT || e == SOAP_FAULT) {
        const mktows_env_ServiceException* se = service_exception(soap);
        std::string faultstring = fault_string(soap);
        int code = se && se->code ? to_code(*se->code) : 0;
        if (code == 0) code = to_code(faultstring);
        std::string message = se && se->message && !se->message->empty() ? *se->message : faultstring;
        if (code != 0) {
            // Marketo ends the message with the code ("Authentication failed
            // (20014)"), and the error starts with it already.
            const std::string tail = " (" + std::to_string(code) + ")";
            if (message.size() > tail.size() && message.compare(message.size() - tail.size(), tail.size(), tail) == 0)
                message.erase(message.size() - tail.size());
            std::string m = "Marketo fault " + std::to_string(code) + " (" + where + "): " + message;
            std::string advice = mktows::fault_advice(code);
            if (!advice.empty()) m += "; " + advice;
            return Error(ErrorKind::service_fault, m, code, status >= 100 && status < 600 ? status : 0);
        }
        if (status >= 400 && status < 600 && faultstring.empty())
            return Error(ErrorKind::http_status,
                         "HTTP status " + std::to_string(status) + " from " + where + " without a Marketo fault",
                         0, status);
        return Error(ErrorKind::service_fault, "SOAP fault without a Marketo code (" + where + "): " + faultstring, 0,
                     status >= 100 && status < 600 ? status : 0);
    }
    if (is_http_success_status(e))
        return Error(ErrorKind::protocol, "the response of " + where + " (HTTP " + std::to_string(e) +
                                              ") is not a SOAP message; is the endpoint a Marketo SOAP endpoint?");
    if (is_http_error_status(e))
        return Error(ErrorKind::http_status,
                     "HTTP status " + std::to_string(e) + " from " + where + " without a SOAP fault", 0, e);
    // gSOAP ends a response at recv_maxlength with EOF, like a closed connection.
    if (soap->recv_maxlength > 0 && soap->count > soap->recv_maxlength)
        return Error(ErrorKind::protocol, "the response of " + where + " is larger than " +
                                              std::to_string(soap->recv_maxlength) +
                                              " bytes (TransportOptions::max_response_bytes); ask for fewer leads "
                                              "per call (batchSize, includeAttributes) or raise the limit");
    if (e == SOAP_SSL_ERROR) {
        const std::string detail = gsoap_detail(soap);
        if (is_certificate_refusal(detail)) {
            Error refused(ErrorKind::transport,
                          "TLS certificate refused on " + where + ": " + detail +
                              " (not retried: the same certificate would be refused again; the CA file option "
                              "names the CAs to trust)");
            refused.set_retryable(false);
            return refused;
        }
        return Error(ErrorKind::transport, "TLS failure on " + where + ": " + detail);
    }
    if (is_transport_error(e))
        return Error(ErrorKind::transport, "transport failure on " + where + ": " +
                                               (gsoap_detail(soap).empty()
                                                    ? "the connection closed before a complete response arrived"
                                                    : gsoap_detail(soap)));
    if (status >= 400 && status < 600)
        return Error(ErrorKind::http_status,
                     "HTTP status " + std::to_string(status) + " from " + where + " without a SOAP fault", 0, status);
    if (e == SOAP_ZLIB_ERROR)
        return Error(ErrorKind::protocol, "the compressed response of " + where + " is corrupt");
    return Error(ErrorKind::protocol, "the response of " + where + " could not be understood: " +
                                          xml_problem(soap) + " (gSOAP error " + std::to_string(e) + ")");
}

}  // namespace mktows::detail
