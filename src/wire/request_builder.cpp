// Request objects of the generated binding from the SDK's types.
#include "wire/request_builder.hpp"

#include <chrono>
#include <type_traits>
#include <variant>

namespace mktows::detail {

namespace {

namespace g = mktows_gsoap;

time_t to_time_t(TimePoint tp) { return std::chrono::system_clock::to_time_t(tp); }

g::ns1__ArrayOfString* string_array(struct soap* soap, const std::vector<std::string>& items) {
    auto* a = g::soap_new_ns1__ArrayOfString(soap);
    a->stringItem = items;
    return a;
}

g::ns1__LeadSelector* build_selector(struct soap* soap, const LeadKeySelector& s) {
    auto* sel = g::soap_new_ns1__LeadKeySelector(soap);
    sel->keyType = to_wire(s.key_type());
    sel->keyValues = string_array(soap, s.keys());
    return sel;
}

g::ns1__LeadSelector* build_selector(struct soap* soap, const StaticListSelector& s) {
    auto* sel = g::soap_new_ns1__StaticListSelector(soap);
    if (s.name()) sel->staticListName.set(*s.name());
    if (s.id()) sel->staticListId.set(*s.id());
    return sel;
}

g::ns1__LeadSelector* build_selector(struct soap* soap, const LastUpdateAtSelector& s) {
    auto* sel = g::soap_new_ns1__LastUpdateAtSelector(soap);
    sel->oldestUpdatedAt = to_time_t(s.oldest());
    if (s.latest()) {
        sel->latestUpdatedAt = static_cast<time_t*>(soap_malloc(soap, sizeof(time_t)));
        *sel->latestUpdatedAt = to_time_t(*s.latest());
    }
    return sel;
}

}  // namespace

g::ns1__LeadKeyRef to_wire(LeadKeyType type) noexcept {
    switch (type) {
        case LeadKeyType::IDNUM: return g::ns1__LeadKeyRef::IDNUM;
        case LeadKeyType::COOKIE: return g::ns1__LeadKeyRef::COOKIE;
        case LeadKeyType::EMAIL: return g::ns1__LeadKeyRef::EMAIL;
        case LeadKeyType::LEADOWNEREMAIL: return g::ns1__LeadKeyRef::LEADOWNEREMAIL;
        case LeadKeyType::SFDCACCOUNTID: return g::ns1__LeadKeyRef::SFDCACCOUNTID;
        case LeadKeyType::SFDCCONTACTID: return g::ns1__LeadKeyRef::SFDCCONTACTID;
        case LeadKeyType::SFDCLEADID: return g::ns1__LeadKeyRef::SFDCLEADID;
        case LeadKeyType::SFDCLEADOWNERID: return g::ns1__LeadKeyRef::SFDCLEADOWNERID;
        case LeadKeyType::SFDCOPPTYID: return g::ns1__LeadKeyRef::SFDCOPPTYID;
    }
    return g::ns1__LeadKeyRef::IDNUM;
}

g::ns1__ParamsGetMultipleLeads* build_get_multiple_leads(struct soap* soap, const GetMultipleLeadsRequest& request) {
    auto* p = g::soap_new_ns1__ParamsGetMultipleLeads(soap);
    p->leadSelector = std::visit([soap](const auto& s) { return build_selector(soap, s); }, request.selector);
    if (!request.include_attributes.empty()) p->includeAttributes = string_array(soap, request.include_attributes);
    p->batchSize.set(request.batch_size);
    if (!request.stream_position.empty()) p->streamPosition.set(request.stream_position);
    return p;
}

g::ns1__ParamsGetLead* build_get_lead(struct soap* soap, const LeadKey& key) {
    auto* p = g::soap_new_ns1__ParamsGetLead(soap);
    p->leadKey = g::soap_new_ns1__LeadKey(soap);
    p->leadKey->keyType = to_wire(key.type);
    p->leadKey->keyValue = key.value;
    return p;
}

void set_authentication_header(struct soap* soap, const SignedHeader& header) {
    auto* h = ::soap_new_SOAP_ENV__Header(soap);
    auto* auth = ::soap_new_mktows_env_AuthenticationHeaderInfo(soap);
    auth->mktowsUserId = header.user_id;
    auth->requestSignature = header.signature;
    auth->requestTimestamp = header.timestamp;
    h->ns1__AuthenticationHeader = auth;
    soap->header = h;
}

}  // namespace mktows::detail
