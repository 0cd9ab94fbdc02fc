// The gSOAP service of the sandbox: soapcpp2's MktowsApiSoapBindingService
// with every operation defined. getMultipleLeads and getLead convert the
// request into LeadQueries parameters and the result into response objects;
// the other 21 operations answer fault 20019. Every operation first goes
// through Engine::admit (latency, injected failures, authentication, limits).
// Faults are written in Marketo's format (see set_marketo_fault).
#ifndef MKTOWS_SANDBOX_SOAP_SERVICE_HPP
#define MKTOWS_SANDBOX_SOAP_SERVICE_HPP

// envH.h first: the generated headers hide the global SOAP Header/Fault otherwise.
#include "envH.h"
#include "mktows_gsoapMktowsApiSoapBindingService.h"

#include <string>

#include "engine.hpp"
#include "service_fault.hpp"

namespace mktows::sandbox {

/// The namespace table of every server context. gSOAP treats the first two
/// entries as the SOAP envelope and encoding namespaces (it rewrites them
/// when it detects the SOAP version of a request), so SOAP-ENC keeps its
/// place; it has no URI, so responses declare just SOAP-ENV, xsi and ns1,
/// like Marketo's.
extern const struct Namespace service_namespaces[];

/// Writes the fault into soap->fault as Marketo does: faultcode
/// SOAP-ENV:Client (SOAP-ENV:Server for internal errors), faultstring
/// "CODE - Message", detail <ns1:serviceException> with name
/// mktServiceException, message and code. Does not change soap->error.
void set_marketo_fault(struct soap* soap, const ServiceFault& fault);

/// Sends the fault in soap->fault as an HTTP 500 response and, unlike
/// soap_send_fault, keeps a keep-alive connection open: a Marketo fault
/// answers a request that was read completely.
int send_marketo_fault(struct soap* soap);

/// soap->fseterror hook: gSOAP's own errors (malformed XML, an unknown
/// operation element, a bad enumeration value, ...) become Marketo faults
/// too (20012 Request not understood, 20019 Unsupported operation, 10001).
void marketo_fault_hook(struct soap* soap, const char** faultcode, const char** faultstring);

/// What one call did, for the server loop and the log.
struct CallRecord {
    int calls_in_progress = 0;      ///< set by the server before dispatch
    const char* operation = "";     ///< set by the operation
    bool drop = false;              ///< close the connection without a response
    bool http_error = false;        ///< answer HTTP 503 without a SOAP body
    int fault_code = 0;             ///< Marketo fault answered, 0 if none
    void reset() { *this = CallRecord(); }
};

class SandboxService : public mktows_gsoap::MktowsApiSoapBindingService {
public:
    /// Serves on `soap` (not owned) with the engine's data and checks.
    SandboxService(struct soap* soap, Engine& engine);

    CallRecord& call() noexcept { return call_; }

    /// Not used: each worker makes its own service on its own context.
    MktowsApiSoapBindingService* copy() override { return nullptr; }

    /// dispatch() calls this before every request: keep the mktows namespace
    /// table (SOAP-ENV, ns1, xsi), so responses declare what Marketo's do.
    void MktowsApiSoapBindingService_init(soap_mode imode, soap_mode omode) override;

    int getMultipleLeads(mktows_gsoap::ns1__ParamsGetMultipleLeads* params,
                         mktows_gsoap::ns1__SuccessGetMultipleLeads& response) override;
    int getLead(mktows_gsoap::ns1__ParamsGetLead* params, mktows_gsoap::ns1__SuccessGetLead& response) override;

#define MKTOWS_SANDBOX_NOT_IMPLEMENTED(op, Params, Success)                                                       \
    int op(mktows_gsoap::ns1__##Params*, mktows_gsoap::ns1__##Success&) override { return not_implemented(#op); }
    MKTOWS_SANDBOX_NOT_IMPLEMENTED(deleteMObjects, ParamsDeleteMObjects, SuccessDeleteMObjects)
    MKTOWS_SANDBOX_NOT_IMPLEMENTED(describeMObject, ParamsDescribeMObject, SuccessDescribeMObject)
    MKTOWS_SANDBOX_NOT_IMPLEMENTED(getMObjects, ParamsGetMObjects, SuccessGetMObjects)
    MKTOWS_SANDBOX_NOT_IMPLEMENTED(syncMObjects, ParamsSyncMObjects, SuccessSyncMObjects)
    MKTOWS_SANDBOX_NOT_IMPLEMENTED(getCampaignsForSource, ParamsGetCampaignsForSource, SuccessGetCampaignsForSource)
    MKTOWS_SANDBOX_NOT_IMPLEMENTED(getImportToListStatus, ParamsGetImportToListStatus, SuccessGetImportToListStatus)
    MKTOWS_SANDBOX_NOT_IMPLEMENTED(getLeadActivity, ParamsGetLeadActivity, SuccessGetLeadActivity)
    MKTOWS_SANDBOX_NOT_IMPLEMENTED(getLeadChanges, ParamsGetLeadChanges, SuccessGetLeadChanges)
    MKTOWS_SANDBOX_NOT_IMPLEMENTED(importToList, ParamsImportToList, SuccessImportToList)
    MKTOWS_SANDBOX_NOT_IMPLEMENTED(listMObjects, ParamsListMObjects, SuccessListMObjects)
    MKTOWS_SANDBOX_NOT_IMPLEMENTED(listOperation, ParamsListOperation, SuccessListOperation)
    MKTOWS_SANDBOX_NOT_IMPLEMENTED(requestCampaign, ParamsRequestCampaign, SuccessRequestCampaign)
    MKTOWS_SANDBOX_NOT_IMPLEMENTED(scheduleCampaign, ParamsScheduleCampaign, SuccessScheduleCampaign)
    MKTOWS_SANDBOX_NOT_IMPLEMENTED(syncLead, ParamsSyncLead, SuccessSyncLead)
    MKTOWS_SANDBOX_NOT_IMPLEMENTED(syncMultipleLeads, ParamsSyncMultipleLeads, SuccessSyncMultipleLeads)
    MKTOWS_SANDBOX_NOT_IMPLEMENTED(syncCustomObjects, ParamsSyncCustomObjects, SuccessSyncCustomObjects)
    MKTOWS_SANDBOX_NOT_IMPLEMENTED(deleteCustomObjects, ParamsDeleteCustomObjects, SuccessDeleteCustomObjects)
    MKTOWS_SANDBOX_NOT_IMPLEMENTED(getCustomObjects, ParamsGetCustomObjects, SuccessGetCustomObjects)
    MKTOWS_SANDBOX_NOT_IMPLEMENTED(mergeLeads, ParamsMergeLeads, SuccessMergeLeads)
    MKTOWS_SANDBOX_NOT_IMPLEMENTED(getChannels, ParamsGetChannels, SuccessGetChannels)
    MKTOWS_SANDBOX_NOT_IMPLEMENTED(getTags, ParamsGetTags, SuccessGetTags)
#undef MKTOWS_SANDBOX_NOT_IMPLEMENTED

private:
    /// Admits the call, runs body, and turns a ServiceFault into a SOAP fault.
    template <class Body>
    int run(const char* operation, Body&& body);
    int not_implemented(const char* operation);

    Engine& engine_;
    CallRecord call_;
};

}  // namespace mktows::sandbox

#endif
