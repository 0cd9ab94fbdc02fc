// Shared pieces of the export tests: a temporary directory, an in-process
// mktows-sandbox serving a data file over loopback (with its verbose call
// log captured, to count the faults it answered), client options for it,
// and readers of export output.
#ifndef MKTOWS_TEST_EXPORT_EXPORT_FIXTURE_HPP
#define MKTOWS_TEST_EXPORT_EXPORT_FIXTURE_HPP

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "lead_data.hpp"
#include "mktows/options.hpp"
#include "mktows_sandbox/sandbox.hpp"

namespace export_test {

/// A fresh directory under $TMPDIR (or /tmp), removed with its contents.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const noexcept { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

/// The sandbox's call log (read it once the calls are over).
class CallLog {
public:
    std::ostream& stream() { return stream_; }
    /// Calls the sandbox answered with this fault code so far.
    int count_fault(int code);
    int count_lines(const std::string& text);

private:
    std::ostringstream stream_;
};

/// A started sandbox (verbose, logging into a CallLog) on a data file.
class RunningSandbox {
public:
    explicit RunningSandbox(mktows::sandbox::Options options);
    ~RunningSandbox();
    mktows::sandbox::Sandbox& operator*() { return *sandbox_; }
    mktows::sandbox::Sandbox* operator->() { return sandbox_.get(); }
    /// Calls answered with this fault code. Stops the sandbox first, so the
    /// log line of every call is in (lines are written after the answer).
    int fault_count(int code);
    /// Client options for this sandbox: demo credentials, quick retries.
    mktows::ClientOptions client_options() const;

private:
    CallLog log_;
    std::unique_ptr<mktows::sandbox::Sandbox> sandbox_;
};

/// Sandbox options serving data_file on an ephemeral port.
mktows::sandbox::Options sandbox_options(const std::string& data_file);

/// Ids of a JSONL export, in order (a line without "Id" fails the test).
std::vector<std::int64_t> jsonl_ids(const std::string& path);
/// Ids of a CSV export (first column), in order, after the header.
std::vector<std::int64_t> csv_ids(const std::string& path);
/// How often each Id occurs.
std::map<std::int64_t, int> id_counts(const std::vector<std::int64_t>& ids);
std::string read_file(const std::string& path);
bool exists(const std::string& path);

mktows::TimePoint utc(const char* text);

}  // namespace export_test

#endif
