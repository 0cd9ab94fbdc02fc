#include "mktows/version.hpp"

namespace mktows {
const char* version() noexcept { return MKTOWS_VERSION; }
}  // namespace mktows
