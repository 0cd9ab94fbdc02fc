// The listener and the worker pool: accepts connections on 127.0.0.1 (TLS
// when a certificate is given), hands them to workers that each own a gSOAP
// context and a SandboxService, and serves HTTP keep-alive connections
// request by request: SOAP POSTs to the endpoint path, GET <endpoint>?WSDL.
// Stops within a second: idle connections wake at once, busy ones are shut
// down after a short grace period.
#ifndef MKTOWS_SANDBOX_SOAP_SERVER_HPP
#define MKTOWS_SANDBOX_SOAP_SERVER_HPP

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine.hpp"

struct soap;

namespace mktows::sandbox {

struct ServerConfig {
    int port = 0;
    std::string tls_cert_file;  ///< empty: plain HTTP
    std::string tls_key_file;
    int workers = 32;
    std::chrono::seconds idle_timeout{30};
};

class SoapServer {
public:
    SoapServer(Engine& engine, ServerConfig config);
    ~SoapServer();
    SoapServer(const SoapServer&) = delete;
    SoapServer& operator=(const SoapServer&) = delete;

    /// Binds, loads the certificate, starts the threads. Throws
    /// mktows::Error(io) saying what failed.
    void start();
    void stop();
    bool running() const noexcept { return running_; }

    int port() const noexcept { return port_; }
    std::string endpoint() const;

private:
    struct Pending {
        int socket;
        unsigned long ip;
        int port;
    };
    struct Worker;

    void accept_loop();
    void worker_loop(Worker& worker);
    void serve_connection(Worker& worker, const Pending& connection);
    /// Waits until the connection has a request to read. False: close it
    /// (stopping, idle too long, or needed by waiting connections).
    bool wait_for_request(struct soap* soap);
    bool pop(Pending& out);
    /// Frees the contexts, the queue, the listener and the stop pipe (no thread may run).
    void release();

    Engine& engine_;
    ServerConfig config_;
    struct soap* master_ = nullptr;
    int port_ = 0;
    std::string wsdl_;
    bool running_ = false;
    std::atomic<bool> stopping_{false};
    int stop_pipe_[2] = {-1, -1};

    std::mutex queue_mutex_;
    std::condition_variable queue_cv_;
    std::deque<Pending> queue_;

    std::thread acceptor_;
    std::vector<std::unique_ptr<Worker>> workers_;
};

}  // namespace mktows::sandbox

#endif
