#include "lead_query.hpp"

#include <algorithm>

#include "keys_file.hpp"
#include "option_values.hpp"
#include "mktows/error.hpp"
#include "mktows/selectors.hpp"

namespace mktows_cli {

using mktows::Error;
using mktows::ErrorKind;

namespace {

/// Runs fn, prefixing the message of an invalid_argument error with option.
template <class Fn>
auto for_option(const std::string& option, Fn fn) -> decltype(fn()) {
    try {
        return fn();
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::invalid_argument) throw;
        usage_error(option + ": " + e.what());
    }
}

mktows::LeadSelector key_selector(const GetMultipleLeadsArgs& args) {
    if (args.key_type.empty()) {
        usage_error("--key and --keys-file need --key-type TYPE (e.g. --key-type EMAIL)");
    }
    if (args.keys.empty() && args.keys_file.empty()) {
        usage_error("--key-type needs the keys: --key VALUE (repeat it) or --keys-file FILE");
    }
    const mktows::LeadKeyType type =
        for_option("--key-type", [&] { return mktows::parse_lead_key_type(args.key_type); });
    std::vector<std::string> keys = args.keys;
    for (const std::string& key : keys) {
        if (key.empty()) usage_error("--key: a key is empty; give a non-empty value");
    }
    if (!args.keys_file.empty()) {
        std::vector<std::string> from_file = read_keys_file(args.keys_file);
        keys.insert(keys.end(), std::make_move_iterator(from_file.begin()),
                    std::make_move_iterator(from_file.end()));
    }
    return for_option("--key", [&] { return mktows::LeadKeySelector(type, std::move(keys)); });
}

mktows::LeadSelector static_list_selector(const GetMultipleLeadsArgs& args) {
    std::optional<std::string> name;
    std::optional<int> id;
    if (!args.static_list.empty()) name = args.static_list;
    if (!args.static_list_id.empty()) {
        id = parse_int_option("--static-list-id", args.static_list_id, 1, 2147483647,
                              "the list's numeric id, e.g. 1042");
    }
    return for_option("--static-list", [&] { return mktows::StaticListSelector(name, id); });
}

mktows::LeadSelector last_update_selector(const GetMultipleLeadsArgs& args) {
    const mktows::TimePoint oldest =
        for_option("--updated-since", [&] { return mktows::parse_w3c_datetime_or_date(args.updated_since); });
    std::optional<mktows::TimePoint> latest;
    if (!args.updated_until.empty()) {
        latest = for_option("--updated-until",
                            [&] { return mktows::parse_w3c_datetime_or_date(args.updated_until); });
    }
    return for_option("--updated-since/--updated-until",
                      [&] { return mktows::LastUpdateAtSelector(oldest, latest); });
}

mktows::LeadSelector selector_of(const GetMultipleLeadsArgs& args) {
    const bool by_key = !args.key_type.empty() || !args.keys.empty() || !args.keys_file.empty();
    const bool by_list = !args.static_list.empty() || !args.static_list_id.empty();
    const bool by_time = !args.updated_since.empty() || !args.updated_until.empty();
    const int kinds = int(by_key) + int(by_list) + int(by_time);
    if (kinds == 0) {
        usage_error("no selector: give one of --key-type TYPE with --key/--keys-file, --static-list NAME "
              "(or --static-list-id ID), or --updated-since TIME");
    }
    if (kinds > 1) {
        std::string given;
        if (by_key) given += "keys (--key-type/--key/--keys-file)";
        if (by_list) given += std::string(given.empty() ? "" : ", ") + "a static list";
        if (by_time) given += std::string(given.empty() ? "" : ", ") + "an update window";
        usage_error("more than one selector: " + given + "; getMultipleLeads takes exactly one, so run one "
              "command per selector");
    }
    if (by_key) return key_selector(args);
    if (by_list) return static_list_selector(args);
    if (args.updated_since.empty()) usage_error("--updated-until needs --updated-since TIME (the start of the window)");
    return last_update_selector(args);
}

}  // namespace

std::vector<std::string> parse_attribute_list(const std::string& text) {
    std::vector<std::string> names;
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = text.find(',', start);
        const std::string name =
            trim_blanks(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (name.empty()) {
            usage_error("--attributes '" + text + "' has an empty name; give names separated by single commas, "
                  "e.g. --attributes FirstName,LastName,Company");
        }
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return names;
}

LeadQuery build_lead_query(const GetMultipleLeadsArgs& args) {
    LeadQuery query{mktows::GetMultipleLeadsRequest(selector_of(args)),
                    for_option("--format", [&] { return mktows::parse_output_format(args.format); }),
                    std::nullopt};
    if (!args.attributes.empty()) {
        query.attributes = parse_attribute_list(args.attributes);
        query.request.include_attributes = *query.attributes;
    }
    if (!args.batch_size.empty()) {
        query.request.batch_size = parse_int_option("--batch-size", args.batch_size, 1, mktows::max_batch_size,
                                                    "leads per call; Marketo advises 200");
    }
    for_option("request", [&] { query.request.validate(); });
    return query;
}

}  // namespace mktows_cli
