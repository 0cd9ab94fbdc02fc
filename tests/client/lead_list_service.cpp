#include "lead_list_service.hpp"

#include <algorithm>
#include <functional>

#include "support/marketo_xml.hpp"

namespace mktows_test {

namespace {
constexpr size_t kMarketoKeyCap = 100;
}

std::vector<mktows::Lead> LeadListService::numbered(int n) {
    std::vector<mktows::Lead> out;
    for (int i = 1; i <= n; ++i)
        out.push_back(make_lead(i, "lead" + std::to_string(i) + "@example.com",
                                {{"LeadScore", "integer", std::to_string(i % 100)}}));
    return out;
}

mktows::Lead LeadListService::lead_for_key(const std::string& key) {
    return make_lead(static_cast<std::int64_t>(std::hash<std::string>{}(key) % 1000000000), key);
}

Response LeadListService::operator()(const RecordedRequest& request) const {
    GetMultipleLeadsParams p = read_get_multiple_leads(request.body);
    std::vector<mktows::Lead> all;
    if (!p.key_type.empty()) {
        size_t n = std::min(p.keys.size(), kMarketoKeyCap);
        for (size_t i = 0; i < n; ++i) all.push_back(lead_for_key(p.keys[i]));
    }
    const std::vector<mktows::Lead>& source = p.key_type.empty() ? leads_ : all;
    size_t offset = 0;
    if (!p.stream_position.empty()) {
        if (p.stream_position.rfind("pos:", 0) != 0) return Response::fault(20122, "Bad stream position");
        offset = std::stoul(p.stream_position.substr(4));
    }
    size_t batch = p.batch_size > 0 ? static_cast<size_t>(std::min(p.batch_size, 1000)) : 200;
    size_t end = std::min(source.size(), offset + batch);
    std::vector<mktows::Lead> page(source.begin() + static_cast<std::ptrdiff_t>(std::min(offset, source.size())),
                                   source.begin() + static_cast<std::ptrdiff_t>(end));
    int remaining = static_cast<int>(source.size() - end);
    return Response::xml(
        get_multiple_leads_xml(make_page(std::move(page), remaining, remaining > 0 ? "pos:" + std::to_string(end) : "")));
}

}  // namespace mktows_test
