#ifndef MKTOWS_VERSION_HPP
#define MKTOWS_VERSION_HPP

namespace mktows {
/// SDK version.
const char* version() noexcept;
/// The Marketo API version the binding is generated for.
constexpr const char* api_version = "2_7";
}  // namespace mktows

#endif
