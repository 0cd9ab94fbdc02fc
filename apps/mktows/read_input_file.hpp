// Reading a whole input file named on the command line ('-' is stdin).
#ifndef MKTOWS_CLI_READ_INPUT_FILE_HPP
#define MKTOWS_CLI_READ_INPUT_FILE_HPP

#include <cstddef>
#include <string>

namespace mktows_cli {

/// The bytes of path ('-' reads standard input). Throws
/// Error(invalid_argument) naming the option and the system's reason, or
/// when the file is larger than max_bytes.
std::string read_input_file(const std::string& path, const std::string& option, std::size_t max_bytes);

}  // namespace mktows_cli

#endif
