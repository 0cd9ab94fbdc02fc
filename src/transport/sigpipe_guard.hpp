// Blocks SIGPIPE in the calling thread for the life of the guard and
// swallows one raised meanwhile: a server that closes the connection while
// we write (OpenSSL writes with write(2)) must become an error, not kill
// the application. Other threads and the process's handlers are untouched.
#ifndef MKTOWS_SRC_TRANSPORT_SIGPIPE_GUARD_HPP
#define MKTOWS_SRC_TRANSPORT_SIGPIPE_GUARD_HPP

#include <csignal>

namespace mktows::detail {

class SigpipeGuard {
public:
    SigpipeGuard() noexcept;
    ~SigpipeGuard();
    SigpipeGuard(const SigpipeGuard&) = delete;
    SigpipeGuard& operator=(const SigpipeGuard&) = delete;

private:
    sigset_t old_mask_;
    bool was_pending_ = false;
};

}  // namespace mktows::detail

#endif
