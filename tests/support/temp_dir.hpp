// A temporary directory for one test: made fresh under $TMPDIR (or /tmp),
// removed with everything in it when the test is done.
#ifndef MKTOWS_TEST_SUPPORT_TEMP_DIR_HPP
#define MKTOWS_TEST_SUPPORT_TEMP_DIR_HPP

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
    /// The path of an entry in the directory (nothing is made).
    std::string file(const std::string& name) const { return path_ + "/" + name; }
    /// Writes a file in the directory and returns its path.
    std::string write(const std::string& name, const std::string& content) const;
    /// Names of the entries (hidden ones too), sorted.
    std::vector<std::string> entries() const;

private:
    std::string path_;
};

/// Makes a new directory $TMPDIR/<prefix>-XXXXXX (or under /tmp) and returns
/// its path; removing it is up to the caller. Throws std::runtime_error.
std::string make_temp_dir(const std::string& prefix);

}  // namespace mktows_test

#endif
