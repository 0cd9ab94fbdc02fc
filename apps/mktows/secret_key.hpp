// Where the secret key comes from: MKTOWS_SECRET_KEY or --secret-file, never
// a command-line value. Messages never contain the key.
#ifndef MKTOWS_CLI_SECRET_KEY_HPP
#define MKTOWS_CLI_SECRET_KEY_HPP

#include <string>

namespace mktows_cli {

constexpr const char* secret_key_env = "MKTOWS_SECRET_KEY";

/// The key from secret_file when it is not empty (one line; a final LF or
/// CRLF is removed), else from MKTOWS_SECRET_KEY. Throws
/// Error(invalid_argument) when there is none, it is empty, or the file
/// holds more than one line.
std::string load_secret_key(const std::string& secret_file);

}  // namespace mktows_cli

#endif
