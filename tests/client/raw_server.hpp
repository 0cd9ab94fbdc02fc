// RawServer: a loopback TCP server that hands each accepted connection's
// socket to a handler, for servers that misbehave below HTTP (a response
// that never ends, a body trickled byte by byte, a TLS handshake that
// stalls). The handler runs on its own thread; it should return when
// stopping() turns true (the destructor also shuts the sockets down).
#ifndef MKTOWS_TESTS_CLIENT_RAW_SERVER_HPP
#define MKTOWS_TESTS_CLIENT_RAW_SERVER_HPP

#include <atomic>
#include <chrono>
#include <functional>
#include <list>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace mktows_test {

class RawServer {
public:
    using Handler = std::function<void(int fd, RawServer& server)>;

    explicit RawServer(Handler handler);
    ~RawServer();
    RawServer(const RawServer&) = delete;
    RawServer& operator=(const RawServer&) = delete;

    int port() const { return port_; }
    /// scheme://127.0.0.1:PORT/soap/mktows/2_7
    std::string endpoint(const std::string& scheme = "http") const;
    bool stopping() const { return stopping_.load(); }
    int connections() const { return accepted_.load(); }

    /// Sleeps for d, or less when the server stops; false once stopping.
    bool pause(std::chrono::milliseconds d) const;
    /// Reads the request head (up to the blank line) and, when it has a
    /// Content-Length, the body; false when the peer closed first.
    static bool read_request(int fd, std::string* request = nullptr);
    /// Sends all of data; false when the peer is gone.
    static bool send_all(int fd, const std::string& data);

private:
    void accept_loop();

    Handler handler_;
    int listen_fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::atomic<int> accepted_{0};
    std::mutex mu_;
    std::set<int> open_;
    std::list<std::thread> threads_;
    std::thread acceptor_;
};

}  // namespace mktows_test

#endif
