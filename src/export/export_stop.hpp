// The error an export stops with: the first failure, with what was done
// and how to go on (continue from the checkpoint, wait for the quota).
#ifndef MKTOWS_SRC_EXPORT_EXPORT_STOP_HPP
#define MKTOWS_SRC_EXPORT_EXPORT_STOP_HPP

#include <cstdint>
#include <exception>
#include <optional>
#include <string>

#include "mktows/time.hpp"

namespace mktows::detail {

/// Rethrows error; an Error is rethrown with the same kind, code, HTTP
/// status and attempts, and a message that adds the leads written, for
/// 20015 when the quota resets, and how to continue (checkpoint or not).
[[noreturn]] void rethrow_stopped(std::exception_ptr error, std::int64_t leads_written,
                                  const std::optional<std::string>& checkpoint, TimePoint now);

}  // namespace mktows::detail

#endif
