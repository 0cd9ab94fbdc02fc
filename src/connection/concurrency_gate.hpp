// ConcurrencyGate: at most `limit` calls in flight at once (a counting
// semaphore), shared by every thread of a connection.
#ifndef MKTOWS_SRC_CONNECTION_CONCURRENCY_GATE_HPP
#define MKTOWS_SRC_CONNECTION_CONCURRENCY_GATE_HPP

#include <condition_variable>
#include <mutex>

namespace mktows::detail {

class ConcurrencyGate {
public:
    /// limit == 0: no cap.
    explicit ConcurrencyGate(int limit) : limit_(limit) {}

    void enter() {
        if (limit_ <= 0) return;
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return inside_ < limit_; });
        ++inside_;
    }
    void leave() {
        if (limit_ <= 0) return;
        {
            std::lock_guard<std::mutex> lock(mu_);
            --inside_;
        }
        cv_.notify_one();
    }

    class Pass {
    public:
        explicit Pass(ConcurrencyGate& gate) : gate_(gate) { gate_.enter(); }
        ~Pass() { gate_.leave(); }
        Pass(const Pass&) = delete;
        Pass& operator=(const Pass&) = delete;

    private:
        ConcurrencyGate& gate_;
    };

private:
    const int limit_;
    std::mutex mu_;
    std::condition_variable cv_;
    int inside_ = 0;
};

}  // namespace mktows::detail

#endif
