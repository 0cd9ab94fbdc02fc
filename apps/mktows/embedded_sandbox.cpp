#include "embedded_sandbox.hpp"

#include "mktows/error.hpp"

#ifdef MKTOWS_CLI_HAS_SANDBOX
#include "mktows_sandbox/sandbox.hpp"
#endif

namespace mktows_cli {

#ifdef MKTOWS_CLI_HAS_SANDBOX

struct EmbeddedSandbox::Impl {
    mktows::sandbox::Sandbox sandbox;
    explicit Impl(mktows::sandbox::Options options) : sandbox(std::move(options)) {}
};

EmbeddedSandbox::EmbeddedSandbox() {
    mktows::sandbox::Options options;  // the demo data and account
    options.port = 0;
    impl_ = std::make_unique<Impl>(std::move(options));
    impl_->sandbox.start();
}

EmbeddedSandbox::~EmbeddedSandbox() {
    if (impl_) impl_->sandbox.stop();
}

void EmbeddedSandbox::configure(mktows::ClientOptions& options) const {
    options.endpoint = impl_->sandbox.endpoint();
    options.credentials.user_id = impl_->sandbox.options().user_id;
    options.credentials.secret_key = impl_->sandbox.options().secret_key;
}

#else

struct EmbeddedSandbox::Impl {};

EmbeddedSandbox::EmbeddedSandbox() {
    throw mktows::Error(mktows::ErrorKind::invalid_argument,
                        "--sandbox: this mktows was built without mktows-sandbox; rebuild with "
                        "-DMKTOWS_BUILD_APPS=ON, or give --endpoint and credentials");
}

EmbeddedSandbox::~EmbeddedSandbox() = default;

void EmbeddedSandbox::configure(mktows::ClientOptions&) const {}

#endif

}  // namespace mktows_cli
