// Numbers given as option values, checked with messages that name the
// option, the allowed range and what was given.
#ifndef MKTOWS_CLI_OPTION_VALUES_HPP
#define MKTOWS_CLI_OPTION_VALUES_HPP

#include <chrono>
#include <string>

namespace mktows_cli {

/// A whole number in [min, max]. Throws Error(invalid_argument).
int parse_int_option(const std::string& option, const std::string& text, int min, int max,
                     const std::string& hint);

/// Seconds above 0 and at most a day, fractions allowed (e.g. 2.5).
/// Throws Error(invalid_argument).
std::chrono::milliseconds parse_seconds_option(const std::string& option, const std::string& text);

}  // namespace mktows_cli

#endif
