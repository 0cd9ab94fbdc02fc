// Option values: numbers checked with messages that name the option, the
// allowed range and what was given; the usage error every check throws.
#ifndef MKTOWS_CLI_OPTION_VALUES_HPP
#define MKTOWS_CLI_OPTION_VALUES_HPP

#include <chrono>
#include <string>

namespace mktows_cli {

/// Throws Error(invalid_argument, message): bad usage or input, exit 2.
[[noreturn]] void usage_error(const std::string& message);

/// text without the spaces and tabs around it.
std::string trim_blanks(const std::string& text);

/// A whole number in [min, max]. Throws Error(invalid_argument).
int parse_int_option(const std::string& option, const std::string& text, int min, int max,
                     const std::string& hint);

/// Seconds above 0 and at most a day, fractions allowed (e.g. 2.5).
/// Throws Error(invalid_argument).
std::chrono::milliseconds parse_seconds_option(const std::string& option, const std::string& text);

}  // namespace mktows_cli

#endif
