#include "jsonl_data.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "mktows/error.hpp"
#include "mktows/time.hpp"

namespace mktows::sandbox {

namespace {

using json = nlohmann::ordered_json;  // attributes keep the order of the file

class LineError {
public:
    LineError(const std::string& source, std::size_t line) : where_(source + ":" + std::to_string(line) + ": ") {}
    [[noreturn]] void fail(const std::string& what) const { throw Error(ErrorKind::invalid_argument, where_ + what); }

private:
    std::string where_;
};

// XML 1.0 cannot carry most control characters; refuse them rather than
// serve documents no client can parse.
void check_xml_text(const std::string& text, const std::string& what, const LineError& err) {
    for (unsigned char c : text) {
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            char code[8];
            std::snprintf(code, sizeof code, "U+%04X", c);
            err.fail(what + " contains the control character " + code +
                     ", which XML cannot carry; remove it from the file");
        }
    }
}

// A nillable string field: absent or null -> nil, string -> value.
void read_field(const json& lead, const char* name, Slot slot, LeadBlobWriter& blob, const LineError& err) {
    auto it = lead.find(name);
    if (it == lead.end() || it->is_null()) return;
    if (!it->is_string())
        err.fail(std::string("\"") + name + "\" must be a string or null, not " + it->type_name());
    const auto& text = it->get_ref<const std::string&>();
    check_xml_text(text, std::string("\"") + name + "\"", err);
    blob.add(slot, text);
}

void read_attributes(const json& lead, DataSetBuilder& builder, LeadBlobWriter& blob, const LineError& err) {
    auto it = lead.find("attributes");
    if (it == lead.end() || it->is_null()) return;
    if (!it->is_object())
        err.fail("\"attributes\" must be an object of name: value, not " + std::string(it->type_name()));
    for (const auto& [name, value] : it->items()) {
        if (name.empty()) err.fail("an attribute has an empty name; give every attribute a name");
        check_xml_text(name, "attribute name \"" + name + "\"", err);
        const char* type = nullptr;
        std::string text;
        switch (value.type()) {
            case json::value_t::string:
                type = "string";
                text = value.get<std::string>();
                break;
            case json::value_t::number_integer:
            case json::value_t::number_unsigned:
                type = "integer";
                text = value.dump();
                break;
            case json::value_t::number_float:
                type = "float";
                text = value.dump();
                break;
            case json::value_t::boolean:
                type = "boolean";
                text = value.get<bool>() ? "true" : "false";
                break;
            case json::value_t::null:
                type = "string";
                break;
            default:
                err.fail("attribute \"" + name + "\" is " + value.type_name() +
                         "; attribute values must be strings, numbers, true/false or null");
        }
        check_xml_text(text, "attribute \"" + name + "\"", err);
        blob.add(builder.attribute_slot(name, type), text);
    }
}

std::vector<int> read_lists(const json& lead, DataSetBuilder& builder, const LineError& err) {
    std::vector<int> ids;
    auto it = lead.find("lists");
    if (it == lead.end() || it->is_null()) return ids;
    if (!it->is_array()) err.fail("\"lists\" must be an array of list names such as [\"Program.List\"]");
    for (const auto& name : *it) {
        if (!name.is_string() || name.get_ref<const std::string&>().empty())
            err.fail("\"lists\" must hold non-empty list names (strings) such as \"Program.List\"");
        check_xml_text(name.get_ref<const std::string&>(), "list name", err);
        ids.push_back(builder.list_id(name.get_ref<const std::string&>()));
    }
    return ids;
}

std::int64_t read_updated_at(const json& lead, std::int64_t fallback, const LineError& err) {
    auto it = lead.find("updatedAt");
    if (it == lead.end()) return fallback;
    if (!it->is_string())
        err.fail("\"updatedAt\" must be a W3C dateTime string such as \"2025-05-18T12:00:00Z\"");
    try {
        const TimePoint t = parse_w3c_datetime(it->get_ref<const std::string&>());
        return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
    } catch (const Error& e) {
        err.fail(std::string("\"updatedAt\": ") + e.what());
    }
}

LeadId read_id(const json& lead, const LineError& err) {
    auto it = lead.find("Id");
    if (it == lead.end()) err.fail("the lead has no \"Id\"; every lead needs a positive integer Id");
    if (!it->is_number_integer())
        err.fail("\"Id\" must be a JSON integer such as 65835, not " + it->dump());
    const bool in_range = it->is_number_unsigned()
                              ? (it->get<std::uint64_t>() >= 1 && it->get<std::uint64_t>() <= 2147483647u)
                              : (it->get<std::int64_t>() >= 1 && it->get<std::int64_t>() <= 2147483647);
    if (!in_range)
        err.fail("\"Id\" " + it->dump() + " is out of range; Ids are 1..2147483647 (xs:int)");
    return static_cast<LeadId>(it->get<std::int64_t>());
}

const char* const kKnownFields[] = {"Id", "Email", "ForeignSysPersonId", "ForeignSysType", "attributes", "updatedAt", "lists"};

void check_fields(const json& lead, const LineError& err) {
    for (const auto& item : lead.items()) {
        bool known = false;
        for (const char* field : kKnownFields) known = known || item.key() == field;
        if (!known)
            err.fail("unknown field \"" + item.key() +
                     "\"; a lead has Id, Email, ForeignSysPersonId, ForeignSysType, attributes, updatedAt and lists");
    }
}

}  // namespace

DataSetBuilder::Result read_jsonl_data(std::istream& in, const std::string& source, std::int64_t default_updated_at) {
    DataSetBuilder builder;
    std::unordered_map<LeadId, std::size_t> first_line;
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // UTF-8 BOM
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        const LineError err(source, number);
        json lead;
        try {
            lead = json::parse(line);
        } catch (const json::parse_error& e) {
            err.fail(std::string("not valid JSON (") + e.what() + "); each line must be one JSON object");
        }
        if (!lead.is_object()) err.fail("expected a JSON object {\"Id\": ..., ...}, found " + std::string(lead.type_name()));
        check_fields(lead, err);
        const LeadId id = read_id(lead, err);
        if (auto [it, added] = first_line.emplace(id, number); !added)
            err.fail("Id " + std::to_string(id) + " was already used on line " + std::to_string(it->second) +
                     "; every lead needs its own Id");
        LeadBlobWriter blob;
        read_field(lead, "Email", slot_email, blob, err);
        read_field(lead, "ForeignSysPersonId", slot_foreign_sys_person_id, blob, err);
        read_field(lead, "ForeignSysType", slot_foreign_sys_type, blob, err);
        read_attributes(lead, builder, blob, err);
        const std::int64_t updated_at = read_updated_at(lead, default_updated_at, err);
        const std::vector<int> lists = read_lists(lead, builder, err);
        builder.add_lead(id, blob.take(), updated_at, lists);
    }
    if (in.bad()) throw Error(ErrorKind::io, source + ": read error after line " + std::to_string(number));
    if (builder.size() == 0)
        throw Error(ErrorKind::invalid_argument,
                    source + ": no leads in it; write one JSON object a line, such as {\"Id\":1,\"Email\":\"a@example.com\"}");
    return std::move(builder).build();
}

DataSetBuilder::Result load_jsonl_data(const std::string& path, std::int64_t default_updated_at) {
    std::ifstream in(path);
    if (!in)
        throw Error(ErrorKind::io, "cannot open --data file " + path + ": " + std::strerror(errno) +
                                       "; check the path and that it is readable");
    return read_jsonl_data(in, path, default_updated_at);
}

}  // namespace mktows::sandbox
