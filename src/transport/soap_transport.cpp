// SoapTransport: the generated proxy on one configured gSOAP context.
#include "transport/soap_transport.hpp"

#include <chrono>
#include <utility>

#include "mktows/error.hpp"
#include "transport/response_guard.hpp"
#include "transport/sigpipe_guard.hpp"
#include "transport/soap_context_setup.hpp"
#include "wire/gsoap.hpp"
#include "wire/request_builder.hpp"
#include "wire/response_decoder.hpp"
#include "wire/soap_error.hpp"

namespace mktows::detail {

namespace {

// Releases everything gSOAP allocated for one call, however it ends, so
// memory is bounded by one page.
class CallScope {
public:
    explicit CallScope(struct soap* soap) : soap_(soap) {}
    ~CallScope() {
        soap_destroy(soap_);
        soap_end(soap_);
        soap_->header = nullptr;
        soap_->fault = nullptr;
    }
    CallScope(const CallScope&) = delete;
    CallScope& operator=(const CallScope&) = delete;

private:
    struct soap* soap_;
};

}  // namespace

struct SoapTransport::Impl {
    Endpoint endpoint;
    TransportOptions options;
    mktows_gsoap::MktowsApiSoapBindingProxy proxy;
    ResponseGuard guard;

    Impl(Endpoint e, TransportOptions o)
        : endpoint(std::move(e)), options(std::move(o)), guard(proxy.soap, options.receive_timeout) {
        configure_soap_context(proxy.soap, endpoint, options);
    }

    // Sends with send_fn and receives with recv_fn; on failure closes the
    // connection and throws the matching Error.
    template <class Send, class Recv>
    void exchange(const char* operation, const SignedHeader& header, Send send_fn, Recv recv_fn) {
        struct soap* soap = proxy.soap;
        set_authentication_header(soap, header);
        guard.disarm();
        if (send_fn() != SOAP_OK) fail(operation, false);
        guard.arm();  // the whole response within receive_timeout from now
        const int rc = recv_fn();
        const bool timed_out = rc != SOAP_OK && guard.deadline_passed() &&
                               (soap->error == SOAP_EOF || soap->error == SOAP_TCP_ERROR);
        guard.disarm();
        if (rc != SOAP_OK) fail(operation, timed_out);
    }

    [[noreturn]] void fail(const char* operation, bool receive_timed_out) {
        struct soap* soap = proxy.soap;
        Error e = failure(operation);
        soap_force_closesock(soap);
        if (receive_timed_out)
            throw ReceiveTimeout(ErrorKind::transport,
                                 std::string("no complete response to ") + operation + " from " + endpoint.url + " within " +
                                     std::to_string(options.receive_timeout.count()) + " ms (receive timeout)");
        throw e;
    }

    // What went wrong, including what only the response guard knows.
    Error failure(const char* operation) const {
        struct soap* soap = proxy.soap;
        const std::string where = std::string("the response of ") + operation + " to " + endpoint.url;
        const bool too_large = soap->recv_maxlength > 0 && soap->count > soap->recv_maxlength;
        if (!guard.utf8_problem().empty())
            return Error(ErrorKind::protocol,
                         where + " is not UTF-8 text: " + guard.utf8_problem() + "; no lead of it was used");
        if (soap->error == SOAP_EOF && guard.body_complete() && !too_large)
            return Error(ErrorKind::transport, "transport failure on " + std::string(operation) + " to " +
                                                   endpoint.url + ": the body ended (Content-Length " +
                                                   std::to_string(soap->length) +
                                                   ") before a complete response arrived");
        return error_from_soap(soap, operation, endpoint.url);
    }
};

SoapTransport::SoapTransport(Endpoint endpoint, TransportOptions options)
    : impl_(std::make_unique<Impl>(std::move(endpoint), std::move(options))) {}

SoapTransport::~SoapTransport() = default;

LeadPage SoapTransport::get_multiple_leads(const GetMultipleLeadsRequest& request, const SignedHeader& header) {
    SigpipeGuard sigpipe;
    auto& proxy = impl_->proxy;
    CallScope scope(proxy.soap);
    auto* params = build_get_multiple_leads(proxy.soap, request);
    mktows_gsoap::ns1__SuccessGetMultipleLeads response;
    const char* url = impl_->endpoint.url.c_str();
    impl_->exchange(
        "getMultipleLeads", header, [&] { return proxy.send_getMultipleLeads(url, nullptr, params); },
        [&] { return proxy.recv_getMultipleLeads(response); });
    return decode_get_multiple_leads(response);
}

std::vector<Lead> SoapTransport::get_lead(const LeadKey& key, const SignedHeader& header) {
    SigpipeGuard sigpipe;
    auto& proxy = impl_->proxy;
    CallScope scope(proxy.soap);
    auto* params = build_get_lead(proxy.soap, key);
    mktows_gsoap::ns1__SuccessGetLead response;
    const char* url = impl_->endpoint.url.c_str();
    impl_->exchange(
        "getLead", header, [&] { return proxy.send_getLead(url, nullptr, params); },
        [&] { return proxy.recv_getLead(response); });
    return decode_get_lead(response);
}

void SoapTransport::close() noexcept {
    SigpipeGuard sigpipe;
    soap_force_closesock(impl_->proxy.soap);
}

}  // namespace mktows::detail
