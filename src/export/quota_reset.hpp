// When Marketo's daily call quota (fault 20015) resets: midnight US Central
// Standard Time (UTC-06:00), as Marketo documents it ("midnight CST").
#ifndef MKTOWS_SRC_EXPORT_QUOTA_RESET_HPP
#define MKTOWS_SRC_EXPORT_QUOTA_RESET_HPP

#include <string>

#include "mktows/time.hpp"

namespace mktows::detail {

/// The first midnight CST strictly after now.
TimePoint next_quota_reset(TimePoint now);

/// "at 2024-05-02T06:00:00Z (midnight US Central time), in 5 h 12 min".
std::string describe_quota_reset(TimePoint now);

}  // namespace mktows::detail

#endif
