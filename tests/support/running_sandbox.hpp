// An in-process mktows-sandbox for the test areas that serve from one
// (sandbox, export): started on loopback when made, stopped when gone, its
// call log (the --verbose lines) kept for counting faults; and client options
// for its account. Built only with the sandbox (library
// mktows_test_sandbox_support).
//
//     mktows::sandbox::Options options;
//     options.port = 0;  // any free port
//     RunningSandbox sandbox(options);
//     mktows::Client client(sandbox_client_options(*sandbox));
#ifndef MKTOWS_TEST_SUPPORT_RUNNING_SANDBOX_HPP
#define MKTOWS_TEST_SUPPORT_RUNNING_SANDBOX_HPP

#include <memory>
#include <sstream>
#include <string>

#include "mktows/credentials.hpp"
#include "mktows/options.hpp"
#include "mktows_sandbox/sandbox.hpp"

namespace mktows_test {

class RunningSandbox {
public:
    /// Makes and starts a sandbox; throws what Sandbox and start() throw.
    explicit RunningSandbox(mktows::sandbox::Options options);
    ~RunningSandbox();  ///< stops it
    RunningSandbox(const RunningSandbox&) = delete;
    RunningSandbox& operator=(const RunningSandbox&) = delete;

    mktows::sandbox::Sandbox& operator*() noexcept { return *sandbox_; }
    const mktows::sandbox::Sandbox& operator*() const noexcept { return *sandbox_; }
    mktows::sandbox::Sandbox* operator->() noexcept { return sandbox_.get(); }
    const mktows::sandbox::Sandbox* operator->() const noexcept { return sandbox_.get(); }

    /// Calls answered with this fault code (counted in the log, so the
    /// options need verbose). Stops the sandbox first: a call's log line is
    /// written after its answer.
    int fault_count(int code);

private:
    std::ostringstream log_;  // outlives the sandbox, which writes to it
    std::unique_ptr<mktows::sandbox::Sandbox> sandbox_;
};

/// A client of this endpoint and account with the client-side rate and
/// concurrency limits off (the sandbox's own limits are what tests look
/// at); retries and timeouts are left to the caller.
mktows::ClientOptions sandbox_client_options(const std::string& endpoint, const mktows::Credentials& credentials);
/// The same for a running sandbox and the account it accepts.
mktows::ClientOptions sandbox_client_options(const mktows::sandbox::Sandbox& sandbox);

}  // namespace mktows_test

#endif
