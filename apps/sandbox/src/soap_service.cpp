#include "soap_service.hpp"

#include <chrono>
#include <exception>
#include <vector>

#include "ascii.hpp"

namespace mktows::sandbox {

namespace g = mktows_gsoap;

namespace {

std::string* new_string(struct soap* soap, const std::string& value) {
    std::string* s = ::soap_new_std__string(soap);
    *s = value;
    return s;
}

std::optional<AuthenticationHeader> authentication_header(struct soap* soap) {
    if (!soap->header || !soap->header->ns1__AuthenticationHeader) return std::nullopt;
    const auto* h = soap->header->ns1__AuthenticationHeader;
    return AuthenticationHeader{h->mktowsUserId, h->requestSignature, h->requestTimestamp};
}

LeadKeyType key_type(g::ns1__LeadKeyRef ref) { return static_cast<LeadKeyType>(static_cast<int>(ref)); }

SelectorParams selector_params(const g::ns1__LeadSelector* selector) {
    if (const auto* keys = dynamic_cast<const g::ns1__LeadKeySelector*>(selector)) {
        KeySelectorParams p;
        p.type = key_type(keys->keyType);
        if (keys->keyValues) p.keys = keys->keyValues->stringItem;
        return p;
    }
    if (const auto* list = dynamic_cast<const g::ns1__StaticListSelector*>(selector)) {
        ListSelectorParams p;
        if (list->staticListName.has_value()) p.name = list->staticListName.value;
        if (list->staticListId.has_value()) p.id = list->staticListId.value;
        return p;
    }
    if (const auto* time = dynamic_cast<const g::ns1__LastUpdateAtSelector*>(selector)) {
        TimeSelectorParams p;
        // A missing required oldestUpdatedAt reads as 0 (the epoch): treat it as missing.
        if (time->oldestUpdatedAt != 0) p.oldest = static_cast<std::int64_t>(time->oldestUpdatedAt);
        if (time->latestUpdatedAt) p.latest = static_cast<std::int64_t>(*time->latestUpdatedAt);
        return p;
    }
    return std::monostate{};
}

MultipleLeadsParams multiple_leads_params(const g::ns1__ParamsGetMultipleLeads& in) {
    MultipleLeadsParams p;
    if (in.leadSelector) p.selector = selector_params(in.leadSelector);
    if (in.lastUpdatedAt) p.last_updated_at = static_cast<std::int64_t>(*in.lastUpdatedAt);
    if (in.batchSize.has_value()) p.batch_size = in.batchSize.value;
    if (in.streamPosition.has_value()) p.stream_position = in.streamPosition.value;
    return p;
}

/// Which attribute definitions a response carries (includeAttributes).
class AttributeFilter {
public:
    AttributeFilter(const DataSet& data, const g::ns1__ArrayOfString* include) {
        if (!include || include->stringItem.empty()) return;  // all attributes
        const auto& defs = data.attributes();
        allowed_.assign(defs.size(), false);
        for (std::size_t i = 0; i < defs.size(); ++i)
            for (const auto& name : include->stringItem)
                if (equals_ascii_ci(defs[i].name, name)) allowed_[i] = true;
    }
    bool allows(Slot slot) const {
        return allowed_.empty() || allowed_[static_cast<std::size_t>(slot - first_attribute_slot)];
    }

private:
    std::vector<bool> allowed_;  // empty: everything
};

void set_nillable(g::NillableString& field, const std::optional<std::string_view>& value) {
    if (value) field.set(std::string(*value));
    else field.set_nil();
}

g::ns1__LeadRecord* lead_record(struct soap* soap, const DataSet& data, std::size_t index, const AttributeFilter& filter) {
    auto* record = g::soap_new_ns1__LeadRecord(soap);
    record->Id.set(data.id_at(index));
    std::optional<std::string_view> email, person_id, type;
    record->leadAttributeList = g::soap_new_ns1__ArrayOfAttribute(soap);
    LeadBlobReader reader(data.blob_at(index));
    Slot slot;
    std::string_view value;
    while (reader.next(slot, value)) {
        if (slot == slot_email) email = value;
        else if (slot == slot_foreign_sys_person_id) person_id = value;
        else if (slot == slot_foreign_sys_type) type = value;
        else if (filter.allows(slot)) {
            const AttributeDef& def = data.attribute_of_slot(slot);
            auto* attribute = g::soap_new_ns1__Attribute(soap);
            attribute->attrName = def.name;
            attribute->attrType.set(def.type);
            attribute->attrValue = std::string(value);
            record->leadAttributeList->attribute.push_back(attribute);
        }
    }
    set_nillable(record->Email, email);
    set_nillable(record->ForeignSysPersonId, person_id);
    set_nillable(record->ForeignSysType, type);
    return record;
}

const char* client_code(struct soap* soap) { return soap->version == 2 ? "SOAP-ENV:Sender" : "SOAP-ENV:Client"; }
const char* server_code(struct soap* soap) { return soap->version == 2 ? "SOAP-ENV:Receiver" : "SOAP-ENV:Server"; }

}  // namespace

const struct Namespace service_namespaces[] = {
    {"SOAP-ENV", "http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/*/soap-envelope", nullptr},
    {"SOAP-ENC", nullptr, nullptr, nullptr},
    {"xsi", "http://www.w3.org/2001/XMLSchema-instance", "http://www.w3.org/*/XMLSchema-instance", nullptr},
    {"ns1", "http://www.marketo.com/mktows/", nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr},
};

void set_marketo_fault(struct soap* soap, const ServiceFault& fault) {
    *soap_faultcode(soap) = fault.server_side() ? server_code(soap) : client_code(soap);
    *soap_faultstring(soap) = soap_strdup(soap, fault.faultstring().c_str());
    auto* exception = ::soap_new_mktows_env_ServiceException(soap);
    exception->name = new_string(soap, "mktServiceException");
    exception->message = new_string(soap, fault.message());
    exception->code = new_string(soap, std::to_string(fault.code()));
    auto* detail = ::soap_new_SOAP_ENV__Detail(soap);
    detail->ns1__serviceException = exception;
    if (soap->version == 2) soap->fault->SOAP_ENV__Detail = detail;
    else soap->fault->detail = detail;
}

int send_marketo_fault(struct soap* soap) {
    soap->omode &= ~SOAP_XML_NIL;  // see marketo_fault_hook
    soap->error = SOAP_OK;
    soap->encodingStyle = nullptr;
    soap_serializeheader(soap);
    soap_serializefault(soap);
    auto write = [soap] {
        return soap_envelope_begin_out(soap) || soap_putheader(soap) || soap_body_begin_out(soap) ||
               soap_putfault(soap) || soap_body_end_out(soap) || soap_envelope_end_out(soap);
    };
    if (soap_begin_count(soap)) return soap->error;
    if ((soap->mode & SOAP_IO_LENGTH) && write()) return soap->error;
    if (soap_end_count(soap) || soap_response(soap, SOAP_FAULT) || write() || soap_end_send(soap)) return soap->error;
    return SOAP_OK;
}

void marketo_fault_hook(struct soap* soap, const char** faultcode, const char** faultstring) {
    (void)faultcode;
    // Lead records need SOAP_XML_NIL (xsi:nil="true" for nil fields); a fault
    // must not get it, or its empty SOAP 1.2 members are written as nil.
    // The server sets it again before the next request.
    soap->omode &= ~SOAP_XML_NIL;
    if (*faultstring) return;  // a Marketo fault, set by an operation
    if (soap->error >= 100 && soap->error < 600) return;  // an HTTP status (404, 405, ...): gSOAP's answer
    // gSOAP's own words for the problem, inside a Marketo fault.
    soap->fseterror = nullptr;
    soap_set_fault(soap);
    soap->fseterror = marketo_fault_hook;
    std::string what = *faultstring ? *faultstring : "unreadable request";
    if (const char* detail = soap_fault_detail(soap)) what += std::string(" (") + detail + ")";
    if (soap->fault) {
        if (soap->fault->detail) soap->fault->detail->__any = nullptr;
        if (soap->fault->SOAP_ENV__Detail) soap->fault->SOAP_ENV__Detail->__any = nullptr;
    }
    int code = 20012;
    if (soap->error == SOAP_NO_METHOD) code = 20019;
    else if (soap->error == SOAP_EOM) code = 10001;
    else if (soap->error == SOAP_TYPE && std::string(soap->tag) == "keyType") code = 20102;  // not a LeadKeyRef
    set_marketo_fault(soap, ServiceFault(code, what));
}

SandboxService::SandboxService(struct soap* soap, Engine& engine) : MktowsApiSoapBindingService(soap), engine_(engine) {
    soap_set_namespaces(this->soap, service_namespaces);
}

void SandboxService::MktowsApiSoapBindingService_init(soap_mode imode, soap_mode omode) {
    soap_imode(soap, imode);
    soap_omode(soap, omode);
    if (soap->namespaces != service_namespaces) soap_set_namespaces(soap, service_namespaces);
    // Reading a SOAP 1.1 envelope made gSOAP bind SOAP-ENC (entry 1) to the
    // encoding URI; unbind it so the response does not declare it. gSOAP
    // allocates these with SOAP_MALLOC and frees them with SOAP_FREE.
    if (soap->local_namespaces && soap->local_namespaces[1].out) {
        SOAP_FREE(soap, soap->local_namespaces[1].out);
        soap->local_namespaces[1].out = nullptr;
    }
}

template <class Body>
int SandboxService::run(const char* operation, Body&& body) {
    call_.operation = operation;
    const auto header = authentication_header(soap);
    soap->header = nullptr;  // responses carry no SOAP Header
    try {
        switch (engine_.admit(header, call_.calls_in_progress)) {
            case Engine::Admission::drop:
                call_.drop = true;
                return soap->error = SOAP_STOP;
            case Engine::Admission::http_error:
                call_.http_error = true;
                return soap->error = SOAP_STOP;
            case Engine::Admission::proceed:
                break;
        }
        body();
        return SOAP_OK;
    } catch (const ServiceFault& fault) {
        call_.fault_code = fault.code();
        set_marketo_fault(soap, fault);
    } catch (const std::exception& e) {
        call_.fault_code = 10001;
        set_marketo_fault(soap, ServiceFault(10001, e.what()));
    }
    return soap->error = SOAP_FAULT;
}

int SandboxService::not_implemented(const char* operation) {
    return run(operation, [&] {
        throw ServiceFault(20019, std::string(operation) +
                                      " is not implemented by mktows-sandbox, which implements getMultipleLeads and getLead");
    });
}

int SandboxService::getMultipleLeads(g::ns1__ParamsGetMultipleLeads* params, g::ns1__SuccessGetMultipleLeads& response) {
    return run("getMultipleLeads", [&] {
        if (!params) throw ServiceFault(20109, "paramsGetMultipleLeads");
        const std::int64_t now =
            std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
        const LeadsPage page = engine_.queries().get_multiple_leads(multiple_leads_params(*params), now);
        engine_.delay_for_leads(page.leads.size());
        const AttributeFilter filter(engine_.data(), params->includeAttributes);
        auto* result = g::soap_new_ns1__ResultGetMultipleLeads(soap);
        result->returnCount = static_cast<int>(page.leads.size());
        result->remainingCount = page.remaining;
        result->newStreamPosition = page.new_position;
        result->leadRecordList = g::soap_new_ns1__ArrayOfLeadRecord(soap);
        result->leadRecordList->leadRecord.reserve(page.leads.size());
        for (std::size_t index : page.leads)
            result->leadRecordList->leadRecord.push_back(lead_record(soap, engine_.data(), index, filter));
        response.result = result;
    });
}

int SandboxService::getLead(g::ns1__ParamsGetLead* params, g::ns1__SuccessGetLead& response) {
    return run("getLead", [&] {
        if (!params || !params->leadKey) throw ServiceFault(20101, "leadKey");
        const auto leads = engine_.queries().get_lead(key_type(params->leadKey->keyType), params->leadKey->keyValue);
        const AttributeFilter all(engine_.data(), nullptr);
        auto* result = g::soap_new_ns1__ResultGetLead(soap);
        result->count = static_cast<int>(leads.size());
        result->leadRecordList = g::soap_new_ns1__ArrayOfLeadRecord(soap);
        for (std::size_t index : leads)
            result->leadRecordList->leadRecord.push_back(lead_record(soap, engine_.data(), index, all));
        response.result = result;
    });
}

}  // namespace mktows::sandbox
