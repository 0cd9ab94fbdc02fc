// ExportQuery: pinning, identity, units (see export_query.hpp).
#include "export/export_query.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <variant>

#include "export/text_escape.hpp"
#include "mktows/error.hpp"

namespace mktows::detail {

namespace {

// FNV-1a over the keys (each followed by a 0 byte): enough to tell a
// different key list from the same one, not a security measure.
std::string keys_digest(const std::vector<std::string>& keys) {
    std::uint64_t h = 14695981039346656037ull;
    auto mix = [&h](unsigned char c) {
        h ^= c;
        h *= 1099511628211ull;
    };
    for (const std::string& k : keys) {
        for (const char c : k) mix(static_cast<unsigned char>(c));
        mix(0);
    }
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
    return text;
}

std::string selector_identity(const LeadSelector& selector, bool open_range) {
    if (const auto* s = std::get_if<LastUpdateAtSelector>(&selector)) {
        return "LastUpdateAt oldest=" + format_w3c_utc(s->oldest()) +
               " latest=" + (open_range || !s->latest() ? std::string("open") : format_w3c_utc(*s->latest()));
    }
    if (const auto* s = std::get_if<LeadKeySelector>(&selector)) {
        return "LeadKey type=" + std::string(to_string(s->key_type())) + " keys=" + std::to_string(s->keys().size()) +
               " digest=" + keys_digest(s->keys());
    }
    const auto& s = std::get<StaticListSelector>(selector);
    return "StaticList name=" + (s.name() ? escape_token(*s.name()) : std::string("-")) +
           " id=" + (s.id() ? std::to_string(*s.id()) : std::string("-"));
}

std::string attributes_identity(const std::vector<std::string>& names) {
    std::string text = "attributes=";
    if (names.empty()) return text + "all";
    for (std::size_t i = 0; i < names.size(); ++i) text += (i ? "," : "") + escape_token(names[i]);
    return text;
}

ExportQuery make_query(const GetMultipleLeadsRequest& request, std::optional<TimePoint> pin) {
    request.validate();
    if (!request.stream_position.empty())
        throw Error(ErrorKind::invalid_argument,
                    "an export starts at the beginning of its query, but the request has a stream position; "
                    "leave GetMultipleLeadsRequest::stream_position empty (to resume an export, use "
                    "ExportOptions::checkpoint_file)");
    ExportQuery query{request, std::nullopt, false, {}};
    if (const auto* s = std::get_if<LastUpdateAtSelector>(&request.selector)) {
        TimePoint latest;
        if (s->latest()) {
            latest = *s->latest();
        } else {
            query.open_range = true;
            latest = std::chrono::time_point_cast<std::chrono::seconds>(*pin);
            if (latest < s->oldest()) latest = s->oldest();
        }
        query.range = TimeWindow{s->oldest(), latest};
        query.request.selector = LastUpdateAtSelector(s->oldest(), latest);
    }
    query.identity = selector_identity(request.selector, query.open_range) + " " +
                     attributes_identity(request.include_attributes);
    return query;
}

}  // namespace

const char* to_string(UnitState state) noexcept {
    switch (state) {
        case UnitState::pending: return "pending";
        case UnitState::active: return "active";
        case UnitState::fetched: return "fetched";
        case UnitState::merged: return "merged";
    }
    return "pending";
}

ExportQuery make_export_query(const GetMultipleLeadsRequest& request, TimePoint now) {
    return make_query(request, now);
}

ExportQuery make_export_query_pinned(const GetMultipleLeadsRequest& request, TimePoint pinned_latest) {
    return make_query(request, pinned_latest);
}

std::size_t key_chunk_count(const ExportQuery& query) {
    const auto* s = std::get_if<LeadKeySelector>(&query.request.selector);
    if (!s) return 0;
    return (s->keys().size() + max_keys_per_call - 1) / max_keys_per_call;
}

std::vector<ExportUnit> plan_units(const ExportQuery& query, int window_days) {
    std::vector<ExportUnit> units;
    if (query.range) {
        for (const TimeWindow& w : plan_windows(query.range->oldest, query.range->latest, window_days)) {
            ExportUnit u;
            u.id = static_cast<int>(units.size());
            u.window = w;
            units.push_back(std::move(u));
        }
    } else if (const std::size_t chunks = key_chunk_count(query)) {
        for (std::size_t i = 0; i < chunks; ++i) {
            ExportUnit u;
            u.id = static_cast<int>(i);
            u.chunk = i;
            units.push_back(std::move(u));
        }
    } else {
        units.emplace_back();
    }
    return units;
}

namespace {

LeadSelector unit_selector(const ExportQuery& query, const ExportUnit& unit) {
    if (unit.window) return LastUpdateAtSelector(unit.window->oldest, unit.window->latest);
    if (unit.chunk) {
        const auto& s = std::get<LeadKeySelector>(query.request.selector);
        const std::size_t begin = *unit.chunk * max_keys_per_call;
        const std::size_t end = std::min(s.keys().size(), begin + max_keys_per_call);
        return LeadKeySelector(s.key_type(), std::vector<std::string>(s.keys().begin() + begin,
                                                                      s.keys().begin() + end));
    }
    return query.request.selector;
}

}  // namespace

GetMultipleLeadsRequest unit_request(const ExportQuery& query, const ExportUnit& unit) {
    GetMultipleLeadsRequest r(unit_selector(query, unit));  // not a copy of every key
    r.include_attributes = query.request.include_attributes;
    r.batch_size = query.request.batch_size;
    r.stream_position = unit.position;
    return r;
}

std::string describe_unit(const ExportQuery& query, const ExportUnit& unit) {
    if (unit.window) return "window " + format_w3c_utc(unit.window->oldest) + " .. " + format_w3c_utc(unit.window->latest);
    if (unit.chunk) {
        const auto& s = std::get<LeadKeySelector>(query.request.selector);
        const std::size_t begin = *unit.chunk * max_keys_per_call;
        const std::size_t end = std::min(s.keys().size(), begin + max_keys_per_call);
        return "keys " + std::to_string(begin + 1) + "-" + std::to_string(end);
    }
    return std::holds_alternative<StaticListSelector>(query.request.selector) ? "the static list" : "the query";
}

}  // namespace mktows::detail
