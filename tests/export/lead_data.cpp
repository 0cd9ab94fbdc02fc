// Test lead data (see lead_data.hpp).
#include "lead_data.hpp"

#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace export_test {

std::set<std::int64_t> LeadData::ids_updated_in(mktows::TimePoint oldest, mktows::TimePoint latest) const {
    std::set<std::int64_t> ids;
    for (const DataLead& l : leads)
        if (l.updated_at >= oldest && l.updated_at <= latest) ids.insert(l.id);
    return ids;
}

std::set<std::int64_t> LeadData::ids_in_list(const std::string& list) const {
    std::set<std::int64_t> ids;
    for (const DataLead& l : leads)
        for (const std::string& name : l.lists)
            if (name == list) ids.insert(l.id);
    return ids;
}

std::set<std::int64_t> LeadData::all_ids() const {
    std::set<std::int64_t> ids;
    for (const DataLead& l : leads) ids.insert(l.id);
    return ids;
}

LeadData make_lead_data(int count, mktows::TimePoint first, std::chrono::seconds span,
                        const std::vector<mktows::TimePoint>& exact) {
    LeadData data;
    const int total = count + static_cast<int>(exact.size());
    for (int i = 0; i < total; ++i) {
        DataLead l;
        l.id = 1001 + 3 * i;
        if (i < count)
            l.updated_at = first + std::chrono::seconds(span.count() * i / count);
        else
            l.updated_at = exact[static_cast<std::size_t>(i - count)];
        if (i % 7 == 0) l.lists.push_back("Program.Sevens");
        if (i % 11 == 0) l.lists.push_back("Program.Elevens");
        data.leads.push_back(std::move(l));
    }
    return data;
}

void write_lead_data(const LeadData& data, const std::string& path, std::size_t note_bytes) {
    std::ofstream out(path);
    if (!out) throw std::runtime_error("cannot write " + path);
    for (const DataLead& l : data.leads) {
        nlohmann::json j;
        j["Id"] = l.id;
        j["Email"] = "lead" + std::to_string(l.id) + "@example.com";
        j["ForeignSysPersonId"] = l.id % 5 == 0 ? nlohmann::json(nullptr) : nlohmann::json("SF-" + std::to_string(l.id));
        j["ForeignSysType"] = l.id % 5 == 0 ? nlohmann::json(nullptr) : nlohmann::json("SFDC");
        j["attributes"] = {
            {"FirstName", l.id % 3 == 0 ? "Zoë" : "Ann"},
            {"Company", "Acme, \"Widgets\" " + std::to_string(l.id % 13)},
            {"LeadScore", static_cast<int>(l.id % 97)},
            {"Revenue", static_cast<double>(l.id % 1000) + 0.5},
            {"Unsubscribed", l.id % 2 == 0},
        };
        if (note_bytes > 0) j["attributes"]["Notes"] = std::string(note_bytes, static_cast<char>('a' + l.id % 26));
        j["updatedAt"] = mktows::format_w3c_utc(l.updated_at);
        if (!l.lists.empty()) j["lists"] = l.lists;
        out << j.dump() << '\n';
    }
    if (!out.flush()) throw std::runtime_error("cannot write " + path);
}

}  // namespace export_test
