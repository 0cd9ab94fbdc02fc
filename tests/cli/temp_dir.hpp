// A temporary directory for one test, removed with everything in it.
#ifndef MKTOWS_TEST_CLI_TEMP_DIR_HPP
#define MKTOWS_TEST_CLI_TEMP_DIR_HPP

#include <string>
#include <vector>

namespace mktows_test {

class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const noexcept { return path_; }
    /// Names of the entries (hidden ones too), sorted.
    std::vector<std::string> entries() const;
    /// Writes a file in the directory and returns its path.
    std::string write(const std::string& name, const std::string& content) const;

private:
    std::string path_;
};

}  // namespace mktows_test

#endif
