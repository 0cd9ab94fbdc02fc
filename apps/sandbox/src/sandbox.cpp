// Temporary stub so that the mktows CLI can build against the API while the
// sandbox is being written.
#include "mktows_sandbox/sandbox.hpp"

#include <ostream>

#include "mktows/error.hpp"

namespace mktows::sandbox {

struct Sandbox::Impl {
    Options options;
};

void Options::validate() const {}
CommandLine parse_command_line(int, const char* const*) { return {}; }
std::string usage() { return "mktows-sandbox (work in progress)\n"; }
const std::vector<std::string>& unimplemented_operations() {
    static const std::vector<std::string> ops;
    return ops;
}
Sandbox::Sandbox(Options options) : impl_(std::make_unique<Impl>()) { impl_->options = std::move(options); }
Sandbox::~Sandbox() = default;
void Sandbox::start() { throw Error(ErrorKind::invalid_argument, "mktows-sandbox is not implemented yet"); }
void Sandbox::stop() {}
bool Sandbox::running() const noexcept { return false; }
std::string Sandbox::endpoint() const { return {}; }
int Sandbox::port() const noexcept { return 0; }
std::string Sandbox::listening_line() const { return {}; }
const Options& Sandbox::options() const noexcept { return impl_->options; }
std::vector<ListInfo> Sandbox::lists() const { return {}; }
void Sandbox::print_lists(std::ostream&) const {}
std::int64_t Sandbox::lead_count() const { return 0; }
std::vector<LeadSnapshot> Sandbox::snapshot() const { return {}; }
Stats Sandbox::stats() const { return {}; }
void Sandbox::set_log(std::ostream*) {}

}  // namespace mktows::sandbox
