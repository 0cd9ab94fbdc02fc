// --sandbox: an in-process mktows-sandbox with its demo data and account, on
// an ephemeral loopback port, reached through the real HTTP stack.
#ifndef MKTOWS_CLI_EMBEDDED_SANDBOX_HPP
#define MKTOWS_CLI_EMBEDDED_SANDBOX_HPP

#include <memory>

#include "mktows/options.hpp"

namespace mktows_cli {

class EmbeddedSandbox {
public:
    /// Makes the demo data and starts serving. Throws mktows::Error(io) when
    /// no port can be bound, and Error(invalid_argument) when this build has
    /// no sandbox.
    EmbeddedSandbox();
    ~EmbeddedSandbox();  ///< stops the server
    EmbeddedSandbox(const EmbeddedSandbox&) = delete;
    EmbeddedSandbox& operator=(const EmbeddedSandbox&) = delete;

    /// Points options at the sandbox: its endpoint and the demo account.
    void configure(mktows::ClientOptions& options) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace mktows_cli

#endif
