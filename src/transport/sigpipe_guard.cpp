#include "transport/sigpipe_guard.hpp"

#include <pthread.h>

#include <ctime>

namespace mktows::detail {

namespace {
sigset_t sigpipe_set() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGPIPE);
    return set;
}
bool sigpipe_pending() {
    sigset_t pending;
    sigemptyset(&pending);
    return sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1;
}
}  // namespace

SigpipeGuard::SigpipeGuard() noexcept {
    sigset_t set = sigpipe_set();
    pthread_sigmask(SIG_BLOCK, &set, &old_mask_);
    was_pending_ = sigpipe_pending();
}

SigpipeGuard::~SigpipeGuard() {
    if (!was_pending_ && sigpipe_pending()) {
        sigset_t set = sigpipe_set();
        timespec zero{0, 0};
        sigtimedwait(&set, nullptr, &zero);
    }
    pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
}

}  // namespace mktows::detail
