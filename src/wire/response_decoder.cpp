// SuccessGetMultipleLeads / SuccessGetLead -> LeadPage / Lead.
#include "wire/response_decoder.hpp"

#include <string>

#include "mktows/error.hpp"

namespace mktows::detail {

namespace {

namespace g = mktows_gsoap;

template <class T, class U>
Field<T> field(const g::Nillable<U>& n) {
    switch (n.presence) {
        case g::Presence::absent: return Field<T>();
        case g::Presence::nil: return Field<T>::nil();
        case g::Presence::value: return Field<T>::of(static_cast<T>(n.value));
    }
    return Field<T>();
}

std::vector<Lead> decode_records(const g::ns1__ArrayOfLeadRecord* list, const char* operation) {
    std::vector<Lead> leads;
    if (!list) return leads;
    leads.reserve(list->leadRecord.size());
    for (const g::ns1__LeadRecord* r : list->leadRecord) {
        if (!r)
            throw Error(ErrorKind::protocol, std::string("the ") + operation +
                                                 " response has an empty leadRecord entry; the server sent malformed data");
        leads.push_back(decode_lead(*r));
    }
    return leads;
}

}  // namespace

Lead decode_lead(const g::ns1__LeadRecord& record) {
    Lead lead;
    lead.id = field<std::int64_t>(record.Id);
    lead.email = field<std::string>(record.Email);
    lead.foreign_sys_person_id = field<std::string>(record.ForeignSysPersonId);
    lead.foreign_sys_type = field<std::string>(record.ForeignSysType);
    if (record.leadAttributeList) {
        lead.attributes.reserve(record.leadAttributeList->attribute.size());
        for (const g::ns1__Attribute* a : record.leadAttributeList->attribute) {
            if (!a) continue;  // an empty <attribute/> carries nothing to keep
            Attribute out;
            out.name = a->attrName;
            if (a->attrType.has_value()) out.type = a->attrType.value;
            out.value = a->attrValue;
            lead.attributes.push_back(std::move(out));
        }
    }
    return lead;
}

LeadPage decode_get_multiple_leads(const g::ns1__SuccessGetMultipleLeads& response) {
    if (!response.result)
        throw Error(ErrorKind::protocol,
                    "the getMultipleLeads response has no <result>; the server did not answer as the WSDL says");
    const g::ns1__ResultGetMultipleLeads& r = *response.result;
    if (r.returnCount < 0 || r.remainingCount < 0)
        throw Error(ErrorKind::protocol, "the getMultipleLeads response has a negative count (returnCount " +
                                             std::to_string(r.returnCount) + ", remainingCount " +
                                             std::to_string(r.remainingCount) + ")");
    LeadPage page;
    page.return_count = r.returnCount;
    page.remaining_count = r.remainingCount;
    page.new_stream_position = r.newStreamPosition;
    page.leads = decode_records(r.leadRecordList, "getMultipleLeads");
    if (static_cast<size_t>(page.return_count) != page.leads.size())
        throw Error(ErrorKind::protocol, "the getMultipleLeads response says returnCount " +
                                             std::to_string(page.return_count) + " but carries " +
                                             std::to_string(page.leads.size()) + " lead records");
    // remainingCount is exact: leads that remain without a position to fetch
    // them would be lost without a word.
    if (page.remaining_count > 0 && page.new_stream_position.empty())
        throw Error(ErrorKind::protocol, "the getMultipleLeads response says remainingCount " +
                                             std::to_string(page.remaining_count) +
                                             " but has no newStreamPosition to fetch them with");
    return page;
}

std::vector<Lead> decode_get_lead(const g::ns1__SuccessGetLead& response) {
    if (!response.result)
        throw Error(ErrorKind::protocol,
                    "the getLead response has no <result>; the server did not answer as the WSDL says");
    return decode_records(response.result->leadRecordList, "getLead");
}

}  // namespace mktows::detail
