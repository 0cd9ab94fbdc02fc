// The error an export stops with (ExportError): the first failure, the
// leads written, the checkpoint that keeps them, when the quota resets.
#ifndef MKTOWS_SRC_EXPORT_EXPORT_STOP_HPP
#define MKTOWS_SRC_EXPORT_EXPORT_STOP_HPP

#include <cstdint>
#include <exception>
#include <optional>
#include <string>

#include "mktows/time.hpp"

namespace mktows::detail {

/// Rethrows error; an Error becomes an ExportError with the same kind,
/// code, HTTP status and attempts, whose message adds the leads written,
/// for 20015 when the quota resets, and whether and how to continue.
/// Anything else is rethrown as it is.
[[noreturn]] void rethrow_stopped(std::exception_ptr error, std::int64_t leads_written,
                                  const std::optional<std::string>& checkpoint, TimePoint now);

}  // namespace mktows::detail

#endif
