// Whole files: read, written, and looked at.
#ifndef MKTOWS_TEST_SUPPORT_FILES_HPP
#define MKTOWS_TEST_SUPPORT_FILES_HPP

#include <cstdint>
#include <string>

namespace mktows_test {

/// The bytes of a file. Throws std::runtime_error naming it when it cannot
/// be read.
std::string read_file(const std::string& path);
/// Creates or replaces a file with these bytes. Throws std::runtime_error
/// naming it when it cannot be written.
void write_file(const std::string& path, const std::string& content);
/// Whether anything (a file, a directory) is at path.
bool file_exists(const std::string& path);
/// The size of a file, 0 when there is none.
std::uint64_t file_size(const std::string& path);

}  // namespace mktows_test

#endif
