// Key chunking (see key_chunks.hpp).
#include "client/key_chunks.hpp"

#include <algorithm>
#include <string>
#include <variant>

#include "mktows/error.hpp"

namespace mktows::detail {

KeyChunks::KeyChunks(const GetMultipleLeadsRequest& request) : request_(request) {
    if (const auto* s = std::get_if<LeadKeySelector>(&request.selector)) {
        const std::size_t keys = s->keys().size();
        count_ = (keys + max_keys_per_call - 1) / max_keys_per_call;
        if (count_ > 1 && !request.stream_position.empty())
            throw Error(ErrorKind::invalid_argument,
                        "a stream position cannot be combined with " + std::to_string(keys) +
                            " lead keys: it belongs to one call of at most " + std::to_string(max_keys_per_call) +
                            " keys; pass the keys of that call only, or no stream position");
    }
}

GetMultipleLeadsRequest KeyChunks::chunk(std::size_t i) const {
    if (count_ == 1) return request_;
    const auto& s = std::get<LeadKeySelector>(request_.selector);
    const std::size_t begin = i * max_keys_per_call;
    const std::size_t end = std::min(s.keys().size(), begin + max_keys_per_call);
    std::vector<std::string> keys(s.keys().begin() + static_cast<std::ptrdiff_t>(begin),
                                  s.keys().begin() + static_cast<std::ptrdiff_t>(end));
    GetMultipleLeadsRequest r(LeadKeySelector(s.key_type(), std::move(keys)));
    r.include_attributes = request_.include_attributes;
    r.batch_size = request_.batch_size;
    return r;
}

}  // namespace mktows::detail
