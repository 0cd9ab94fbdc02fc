// StreamGuard (see stream_guard.hpp).
#include "client/stream_guard.hpp"

#include <functional>

#include "mktows/error.hpp"

namespace mktows::detail {

namespace {
constexpr int max_pages_without_progress = 3;
}

void StreamGuard::reset(const std::string& start_position) {
    positions_.clear();
    if (!start_position.empty()) positions_.insert(std::hash<std::string>{}(start_position));
    remaining_.reset();
    pages_without_progress_ = 0;
    pages_ = 0;
}

void StreamGuard::check(const LeadPage& page, const std::string& what) {
    ++pages_;
    const std::string of = what.empty() ? std::string() : " for " + what;
    if (!positions_.insert(std::hash<std::string>{}(page.new_stream_position)).second)
        throw Error(ErrorKind::server_loop, "the server returned the same stream position twice" + of + " after " +
                                                std::to_string(pages_) + " pages (remainingCount " +
                                                std::to_string(page.remaining_count) +
                                                "); stopped instead of looping forever");
    if (remaining_ && page.remaining_count >= *remaining_) {
        if (++pages_without_progress_ >= max_pages_without_progress)
            throw Error(ErrorKind::server_loop,
                        "remainingCount did not go down for " + std::to_string(pages_without_progress_) +
                            " pages in a row" + of + " (now " + std::to_string(page.remaining_count) + " after " +
                            std::to_string(pages_) + " pages); stopped instead of looping forever");
    } else {
        pages_without_progress_ = 0;
    }
    remaining_ = page.remaining_count;
}

}  // namespace mktows::detail
