// RunningSandbox (see running_sandbox.hpp).
#include "support/running_sandbox.hpp"

namespace mktows_test {

RunningSandbox::RunningSandbox(mktows::sandbox::Options options)
    : sandbox_(std::make_unique<mktows::sandbox::Sandbox>(std::move(options))) {
    sandbox_->set_log(&log_);
    sandbox_->start();
}

RunningSandbox::~RunningSandbox() { sandbox_->stop(); }

int RunningSandbox::fault_count(int code) {
    sandbox_->stop();
    const std::string all = log_.str();
    const std::string text = "fault " + std::to_string(code) + " ";
    int n = 0;
    for (std::size_t at = all.find(text); at != std::string::npos; at = all.find(text, at + text.size())) ++n;
    return n;
}

mktows::ClientOptions sandbox_client_options(const std::string& endpoint, const mktows::Credentials& credentials) {
    mktows::ClientOptions o;
    o.endpoint = endpoint;
    o.credentials = credentials;
    o.limits.rate_calls = 0;
    o.limits.max_concurrency = 0;
    return o;
}

mktows::ClientOptions sandbox_client_options(const mktows::sandbox::Sandbox& sandbox) {
    return sandbox_client_options(sandbox.endpoint(), {sandbox.options().user_id, sandbox.options().secret_key});
}

}  // namespace mktows_test
