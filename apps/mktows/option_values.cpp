#include "option_values.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "mktows/error.hpp"

namespace mktows_cli {

void usage_error(const std::string& message) {
    throw mktows::Error(mktows::ErrorKind::invalid_argument, message);
}

std::string trim_blanks(const std::string& s) {
    const std::size_t begin = s.find_first_not_of(" \t");
    if (begin == std::string::npos) return {};
    const std::size_t end = s.find_last_not_of(" \t");
    return s.substr(begin, end - begin + 1);
}

int parse_int_option(const std::string& option, const std::string& text, int min, int max,
                     const std::string& hint) {
    const std::string t = trim_blanks(text);
    const bool digits_only = !t.empty() && t.size() <= 10 &&
                             std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
    const long long v = digits_only ? std::strtoll(t.c_str(), nullptr, 10) : -1;
    if (!digits_only || v < min || v > max) {
        usage_error(option + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
              " (" + hint + "), not '" + text + "'");
    }
    return static_cast<int>(v);
}

std::chrono::milliseconds parse_seconds_option(const std::string& option, const std::string& text) {
    const std::string t = trim_blanks(text);
    char* end = nullptr;
    errno = 0;
    const double seconds = std::strtod(t.c_str(), &end);
    if (t.empty() || end != t.c_str() + t.size() || errno != 0 || !std::isfinite(seconds) || seconds <= 0 ||
        seconds > 86400) {
        usage_error(option + " must be a number of seconds above 0 and at most 86400 (e.g. 30 or 2.5), not '" + text +
              "'");
    }
    return std::chrono::milliseconds(static_cast<long long>(std::ceil(seconds * 1000)));
}

}  // namespace mktows_cli
