// Where the leads go without --checkpoint: standard output, or a file that
// only appears (by rename) once the export has succeeded. Until then the
// leads are written to a temporary file beside it (".NAME.partial-XXXXXX"),
// which is removed when the export fails or is interrupted (SIGINT, SIGTERM,
// SIGHUP); a file that was already at the path stays untouched until the
// rename. A path that is not a regular file (a FIFO, a terminal,
// /dev/null) is written directly: renaming over it would replace it.
#ifndef MKTOWS_CLI_OUTPUT_TARGET_HPP
#define MKTOWS_CLI_OUTPUT_TARGET_HPP

#include <memory>
#include <string>

#include "mktows/output.hpp"

namespace mktows_cli {

/// Whether path exists and is not a regular file (nor a directory).
bool is_special_file(const std::string& path);

class OutputTarget {
public:
    /// path "" or "-" is standard output. Throws Error(invalid_argument)
    /// when the file cannot be made (missing directory, a directory at the
    /// path, no permission).
    explicit OutputTarget(const std::string& path);
    ~OutputTarget();  ///< removes the temporary file unless committed
    OutputTarget(const OutputTarget&) = delete;
    OutputTarget& operator=(const OutputTarget&) = delete;

    mktows::OutputSink& sink() { return *sink_; }
    /// A directory for spool files: the output's own, or "" (TMPDIR).
    const std::string& spool_dir() const noexcept { return spool_dir_; }
    /// How to name the output in messages.
    std::string display_name() const;

    /// Flushes, syncs and closes the file, then renames it to the path.
    /// Throws Error(io).
    void commit();

private:
    std::string path_;
    std::string temp_path_;  ///< empty for standard output and special files
    std::string spool_dir_;
    int fd_ = -1;
    bool committed_ = false;
    std::unique_ptr<mktows::FileSink> sink_;
};

}  // namespace mktows_cli

#endif
