#include "soap_server.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "http_hooks.hpp"
#include "mktows/error.hpp"
#include "soap_service.hpp"
#include "wsdl_document.hpp"

namespace mktows::sandbox {

struct SoapServer::Worker {
    SoapServer* server = nullptr;
    std::unique_ptr<ConnectionIo> io;
    struct soap* soap = nullptr;
    std::unique_ptr<SandboxService> service;
    std::thread thread;
    // A duplicate of the socket being served, so stop() can shut it down
    // without racing the worker closing its own descriptor.
    std::mutex socket_mutex;
    int socket_dup = -1;
};

namespace {

constexpr auto kStopGrace = std::chrono::milliseconds(300);
constexpr int kPollSliceMs = 250;
constexpr std::chrono::seconds kIdleWhenBusy{1};  // idle connections yield to waiting ones after this
constexpr int kRequestTimeout = 30;                // seconds to receive or send one message
constexpr int kMaxRequestsPerConnection = 10000;   // then "Connection: close", as web servers do

std::string openssl_errors() {
    std::string text;
    while (unsigned long e = ERR_get_error()) {
        char buf[256];
        ERR_error_string_n(e, buf, sizeof buf);
        if (!text.empty()) text += "; ";
        text += buf;
    }
    return text.empty() ? "unknown OpenSSL error" : text;
}

// SIGPIPE from a peer that went away must not end the process; the signal
// stays pending on (and harmless to) the thread that caused it.
void block_sigpipe() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

bool input_buffered(struct soap* soap) {
    if (soap->bufidx < soap->buflen) return true;
    return soap->ssl && SSL_pending(soap->ssl) > 0;
}

}  // namespace

SoapServer::SoapServer(Engine& engine, ServerConfig config) : engine_(engine), config_(std::move(config)) {}

SoapServer::~SoapServer() { stop(); }

std::string SoapServer::endpoint() const {
    return std::string(config_.tls_cert_file.empty() ? "http" : "https") + "://127.0.0.1:" + std::to_string(port_) +
           endpoint_path;
}

void SoapServer::start() {
    if (running_) return;
    stopping_ = false;
    engine_.resume_sleeping();
    master_ = soap_new1(SOAP_IO_KEEPALIVE | SOAP_C_UTFSTRING);
    if (!master_) throw Error(ErrorKind::io, "cannot allocate a gSOAP context");
    soap_set_namespaces(master_, service_namespaces);
    master_->bind_flags = SO_REUSEADDR;
    master_->max_keep_alive = kMaxRequestsPerConnection;
    master_->recv_timeout = kRequestTimeout;
    master_->send_timeout = kRequestTimeout;
    master_->accept_timeout = 1;
    master_->socket_flags = MSG_NOSIGNAL;
    // What a request may make a worker read and build (copied to every
    // worker's context): 8 MB, XML at most 32 deep (a request needs 6:
    // Envelope, Body, paramsGetMultipleLeads, leadSelector, keyValues,
    // stringItem), lists of at most 100,000 items; strings are bounded by
    // the message.
    master_->recv_maxlength = max_request_bytes;
    master_->maxlevel = 32;
    master_->maxoccurs = 100000;
    master_->maxlength = 0;
    auto fail = [this](const std::string& what) {
        release();  // nothing runs yet: just free what was made
        throw Error(ErrorKind::io, what);
    };

    if (!config_.tls_cert_file.empty()) {
        if (soap_ssl_server_context(master_, SOAP_SSL_NO_AUTHENTICATION, nullptr, nullptr, nullptr, nullptr, nullptr,
                                    nullptr, nullptr))
            fail("cannot set up TLS (gSOAP/OpenSSL): " + openssl_errors());
        SSL_CTX* ctx = master_->ctx;
        if (SSL_CTX_use_certificate_chain_file(ctx, config_.tls_cert_file.c_str()) != 1)
            fail("cannot use --tls-cert " + config_.tls_cert_file + " (a PEM certificate or chain is needed): " +
                 openssl_errors());
        if (SSL_CTX_use_PrivateKey_file(ctx, config_.tls_key_file.c_str(), SSL_FILETYPE_PEM) != 1)
            fail("cannot use --tls-key " + config_.tls_key_file + ": " + openssl_errors() +
                 "; it must be the unencrypted PEM private key of --tls-cert");
        if (SSL_CTX_check_private_key(ctx) != 1)
            fail("--tls-key " + config_.tls_key_file + " does not belong to --tls-cert " + config_.tls_cert_file);
    }

    if (!soap_valid_socket(soap_bind(master_, "127.0.0.1", config_.port, 128))) {
        const int err = master_->errnum;
        fail("cannot listen on 127.0.0.1:" + std::to_string(config_.port) + ": " +
             (err ? std::strerror(err) : "bind failed") + "; pick another --port, or 0 for any free port");
    }
    sockaddr_in address{};
    socklen_t length = sizeof address;
    getsockname(master_->master, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    wsdl_ = wsdl_for_endpoint(endpoint());

    if (pipe2(stop_pipe_, O_CLOEXEC) != 0) fail(std::string("pipe: ") + std::strerror(errno));

    for (int i = 0; i < config_.workers; ++i) {
        auto worker = std::make_unique<Worker>();
        worker->server = this;
        worker->soap = soap_copy(master_);
        if (!worker->soap) fail("cannot allocate a gSOAP context for a worker");
        worker->soap->master = SOAP_INVALID_SOCKET;  // the listener stays the master's
        worker->io = std::make_unique<ConnectionIo>();
        install_http_hooks(worker->soap, *worker->io, wsdl_);
        worker->service = std::make_unique<SandboxService>(worker->soap, engine_);
        workers_.push_back(std::move(worker));
    }
    running_ = true;
    for (auto& worker : workers_) worker->thread = std::thread([this, w = worker.get()] { worker_loop(*w); });
    acceptor_ = std::thread([this] { accept_loop(); });
}

void SoapServer::stop() {
    if (!running_) return;
    stopping_ = true;
    engine_.stop_sleeping();
    const char byte = 1;
    (void)!write(stop_pipe_[1], &byte, 1);
    queue_cv_.notify_all();
    if (acceptor_.joinable()) acceptor_.join();

    // Busy workers get a moment to finish the response they are writing.
    const auto deadline = std::chrono::steady_clock::now() + kStopGrace;
    for (auto& worker : workers_) {
        for (;;) {
            {
                std::lock_guard lock(worker->socket_mutex);
                if (worker->socket_dup < 0) break;
                if (std::chrono::steady_clock::now() >= deadline) {
                    shutdown(worker->socket_dup, SHUT_RDWR);  // wakes a worker blocked on this connection
                    break;
                }
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }
    for (auto& worker : workers_)
        if (worker->thread.joinable()) worker->thread.join();
    release();
    running_ = false;
}

void SoapServer::release() {
    for (auto& worker : workers_) {
        worker->service.reset();
        if (worker->soap) {
            soap_destroy(worker->soap);
            soap_end(worker->soap);
            soap_free(worker->soap);
        }
    }
    workers_.clear();
    {
        std::lock_guard lock(queue_mutex_);
        for (const auto& pending : queue_) close(pending.socket);
        queue_.clear();
    }
    if (master_) {
        soap_destroy(master_);
        soap_end(master_);
        soap_free(master_);  // closes the listening socket and frees the TLS context
        master_ = nullptr;
    }
    for (int& fd : stop_pipe_) {
        if (fd >= 0) close(fd);
        fd = -1;
    }
}

void SoapServer::accept_loop() {
    block_sigpipe();
    while (!stopping_) {
        pollfd fds[2] = {{master_->master, POLLIN, 0}, {stop_pipe_[0], POLLIN, 0}};
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        if (stopping_ || (fds[1].revents & POLLIN)) break;
        if (!(fds[0].revents & POLLIN)) continue;
        const SOAP_SOCKET s = soap_accept(master_);
        if (!soap_valid_socket(s)) continue;  // a client that went away, or a timeout
        {
            std::lock_guard lock(queue_mutex_);
            queue_.push_back({s, master_->ip, master_->port});
        }
        master_->socket = SOAP_INVALID_SOCKET;  // the worker owns it now
        queue_cv_.notify_one();
    }
}

bool SoapServer::pop(Pending& out) {
    std::unique_lock lock(queue_mutex_);
    queue_cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return false;
    out = queue_.front();
    queue_.pop_front();
    return true;
}

void SoapServer::worker_loop(Worker& worker) {
    block_sigpipe();
    Pending connection;
    while (pop(connection)) serve_connection(worker, connection);
}

bool SoapServer::wait_for_request(struct soap* soap) {
    if (input_buffered(soap)) return true;
    const auto idle_since = std::chrono::steady_clock::now();
    for (;;) {
        pollfd fds[2] = {{soap->socket, POLLIN, 0}, {stop_pipe_[0], POLLIN, 0}};
        const int n = poll(fds, 2, kPollSliceMs);
        if (stopping_) return false;
        if (n < 0 && errno != EINTR) return false;
        if (n > 0 && fds[0].revents) return true;  // data, or the peer closed: gSOAP reads either
        const auto idle = std::chrono::steady_clock::now() - idle_since;
        if (idle >= config_.idle_timeout) return false;
        if (idle >= kIdleWhenBusy) {
            std::lock_guard lock(queue_mutex_);
            if (!queue_.empty()) return false;
        }
    }
}

void SoapServer::serve_connection(Worker& worker, const Pending& connection) {
    struct soap* soap = worker.soap;
    SandboxService& service = *worker.service;
    soap->socket = connection.socket;
    soap->ip = connection.ip;
    soap->port = connection.port;
    soap->error = SOAP_OK;
    {
        std::lock_guard lock(worker.socket_mutex);
        worker.socket_dup = fcntl(connection.socket, F_DUPFD_CLOEXEC, 0);
    }
    engine_.count_connection();

    bool open = true;
    if (!config_.tls_cert_file.empty() && soap_ssl_accept(soap) != SOAP_OK) {
        engine_.log("TLS handshake failed with a client: " + openssl_errors());
        open = false;
    }
    soap->keep_alive = soap->max_keep_alive + 1;  // counts down, as in gSOAP's own serve()
    while (open && !stopping_ && wait_for_request(soap)) {
        if (soap->keep_alive > 0 && soap->max_keep_alive > 0) soap->keep_alive--;
        service.call().reset();
        reset_http_hooks(soap);
        soap->recv_timeout = soap->send_timeout = kRequestTimeout;
        soap->omode |= SOAP_XML_NIL;  // nil lead fields as xsi:nil="true" (cleared for faults)
        if (soap_begin_serve(soap)) {
            // A GET was answered (SOAP_STOP), the client closed (EOF), the
            // request could not be read (gSOAP has sent the fault already),
            // or it was a POST of something other than a SOAP envelope.
            if (soap->error > SOAP_STOP) {
                set_marketo_fault(soap, ServiceFault(20012, "the request body is not a SOAP envelope"));
                soap->error = SOAP_FAULT;
                soap->keep_alive = 0;
                soap_send_fault(soap);
                soap->error = SOAP_FAULT;
            }
            if (soap->error != SOAP_EOF && soap->error != SOAP_STOP) {
                engine_.count_call(true, false);
                engine_.log("unreadable request: fault sent");
            }
            open = soap->error == SOAP_STOP && soap->keep_alive && soap_valid_socket(soap->socket);
            soap_destroy(soap);
            soap_end(soap);
            continue;
        }
        const auto started = std::chrono::steady_clock::now();
        choose_compression(soap);
        service.call().calls_in_progress = engine_.enter_call();
        if (path_part(soap->path) != endpoint_path) {
            soap->keep_alive = 0;  // the body was not read
            soap->error = 404;
        } else if (service.dispatch() == SOAP_EOF && body_complete(soap)) {
            soap->error = SOAP_SYNTAX_ERROR;  // the body ended inside the XML: answer 20012, not silence
        }
        // Counted before the client can see the outcome (a success was sent by dispatch already).
        CallRecord& call = service.call();
        const bool gsoap_error = !call.drop && !call.http_error && !call.fault_code && soap->error != SOAP_OK &&
                                 soap->error < SOAP_STOP;
        engine_.count_call(call.fault_code != 0 || gsoap_error, call.drop);
        if (call.drop) {
            shutdown(soap->socket, SHUT_RDWR);
            open = false;
        } else if (call.http_error) {
            engine_.count_http_error();
            soap->error = SOAP_OK;
            soap_send_empty_response(soap, 503);  // the request was read: the connection stays usable
        } else if (call.fault_code) {
            send_marketo_fault(soap);  // the request was read: the connection stays usable
        } else if (gsoap_error) {
            soap->keep_alive = 0;  // gSOAP's own error: the body may be half read
            soap_send_fault(soap);
        }
        engine_.leave_call();
        if (engine_.options().verbose) {
            const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
            engine_.log(std::string(*call.operation ? call.operation : "request") + " " +
                        (call.drop ? std::string("dropped (--fail-rate)")
                         : call.http_error ? std::string("HTTP 503 (--http-error-rate)")
                         : call.fault_code ? "fault " + std::to_string(call.fault_code)
                         : soap->error ? "error " + std::to_string(soap->error)
                                       : std::string("ok")) +
                        " " + std::to_string(ms) + " ms");
        }
        open = open && soap->keep_alive && soap_valid_socket(soap->socket);
        soap_destroy(soap);
        soap_end(soap);
    }
    soap->keep_alive = 0;
    if (soap_valid_socket(soap->socket)) soap_closesock(soap);
    soap->socket = SOAP_INVALID_SOCKET;
    soap_destroy(soap);
    soap_end(soap);
    std::lock_guard lock(worker.socket_mutex);
    if (worker.socket_dup >= 0) close(worker.socket_dup);
    worker.socket_dup = -1;
}

}  // namespace mktows::sandbox

// libgsoapssl++ refers to a global XML namespace table named `namespaces`.
// The mktows binding defines a weak, empty one (src/binding/gsoap_globals.cpp),
// but a static libmktows contributes that object only when something else
// pulls it in, so the sandbox (which always links this file) defines one
// too, weak as well: whichever the linker keeps, every context of the
// sandbox uses its own table (service_namespaces).
__attribute__((weak)) struct Namespace namespaces[] = {{nullptr, nullptr, nullptr, nullptr}};
