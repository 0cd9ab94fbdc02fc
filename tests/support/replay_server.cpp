// ReplayServer: loopback HTTP/1.1 server with recording (see replay_server.hpp).
#include "support/replay_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <list>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/xml_compare.hpp"
#include "support/xml_escape.hpp"

namespace mktows_test {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string trim(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
    return std::string(s.substr(b, e - b));
}

const char* reason_phrase(int status) {
    switch (status) {
        case 200: return "OK";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 500: return "Internal Server Error";
        case 502: return "Bad Gateway";
        case 503: return "Service Unavailable";
        case 504: return "Gateway Timeout";
        default: return "Status";
    }
}

// gzip (RFC 1952) or raw inflate of data; throws on a corrupt stream.
std::string zlib_transform(const std::string& in, bool compress) {
    z_stream z{};
    int rc = compress ? deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY)
                      : inflateInit2(&z, 31);
    if (rc != Z_OK) throw std::runtime_error("zlib init failed");
    std::string out;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    char buf[16384];
    do {
        z.next_out = reinterpret_cast<Bytef*>(buf);
        z.avail_out = sizeof buf;
        rc = compress ? deflate(&z, Z_FINISH) : inflate(&z, Z_NO_FLUSH);
        if (rc == Z_STREAM_ERROR || rc == Z_DATA_ERROR || rc == Z_MEM_ERROR ||
            (rc == Z_BUF_ERROR && z.avail_out == sizeof buf)) {
            compress ? deflateEnd(&z) : inflateEnd(&z);
            throw std::runtime_error("corrupt gzip body");
        }
        out.append(buf, sizeof buf - z.avail_out);
    } while (rc != Z_STREAM_END);
    compress ? deflateEnd(&z) : inflateEnd(&z);
    return out;
}

// One accepted connection: a socket, with TLS on top when configured.
class Link {
public:
    Link(int fd, SSL* ssl) : fd_(fd), ssl_(ssl) {}
    ~Link() {
        if (ssl_) SSL_free(ssl_);
    }
    // Reads some bytes; 0 on end of stream or error.
    size_t read_some(char* buf, size_t n) {
        if (ssl_) {
            int r = SSL_read(ssl_, buf, static_cast<int>(n));
            return r > 0 ? static_cast<size_t>(r) : 0;
        }
        for (;;) {
            ssize_t r = ::recv(fd_, buf, n, 0);
            if (r < 0 && errno == EINTR) continue;
            return r > 0 ? static_cast<size_t>(r) : 0;
        }
    }
    bool write_all(const std::string& data) {
        size_t done = 0;
        while (done < data.size()) {
            if (ssl_) {
                int r = SSL_write(ssl_, data.data() + done, static_cast<int>(data.size() - done));
                if (r <= 0) return false;
                done += static_cast<size_t>(r);
            } else {
                ssize_t r = ::send(fd_, data.data() + done, data.size() - done, MSG_NOSIGNAL);
                if (r < 0 && errno == EINTR) continue;
                if (r <= 0) return false;
                done += static_cast<size_t>(r);
            }
        }
        return true;
    }

private:
    int fd_;
    SSL* ssl_;
};

// Buffered reading of HTTP messages from a Link.
class Reader {
public:
    explicit Reader(Link& link) : link_(link) {}

    // A line without its CRLF; false at end of stream.
    bool line(std::string* out) {
        for (;;) {
            auto pos = buf_.find("\r\n");
            if (pos != std::string::npos) {
                *out = buf_.substr(0, pos);
                buf_.erase(0, pos + 2);
                return true;
            }
            if (buf_.size() > (1u << 20) || !fill()) return false;
        }
    }
    bool bytes(size_t n, std::string* out) {
        while (buf_.size() < n)
            if (!fill()) return false;
        out->append(buf_, 0, n);
        buf_.erase(0, n);
        return true;
    }

private:
    bool fill() {
        char tmp[16384];
        size_t n = link_.read_some(tmp, sizeof tmp);
        if (n == 0) return false;
        buf_.append(tmp, n);
        return true;
    }
    Link& link_;
    std::string buf_;
};

void read_auth_header(RecordedRequest* r) {
    auto first = [&](const char* name) {
        auto v = xml_texts(r->body, name);
        return v.empty() ? std::string() : v.front();
    };
    r->auth_user_id = first("mktowsUserId");
    r->auth_timestamp = first("requestTimestamp");
    r->auth_signature = first("requestSignature");
}

}  // namespace

// ---- RecordedRequest / Response --------------------------------------------

std::string RecordedRequest::header(std::string_view name) const {
    std::string want = lower(name);
    for (const auto& [k, v] : headers)
        if (lower(k) == want) return v;
    return {};
}

std::string RecordedRequest::path() const { return target.substr(0, target.find('?')); }

Response Response::xml(std::string body) {
    Response r;
    r.body = std::move(body);
    return r;
}

Response Response::fault(int code, const std::string& message) {
    std::string c = std::to_string(code);
    Response r;
    r.status = 500;
    r.body =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
        "xmlns:ns1=\"http://www.marketo.com/mktows/\">\n"
        "  <SOAP-ENV:Body>\n"
        "    <SOAP-ENV:Fault>\n"
        "      <faultcode>SOAP-ENV:Client</faultcode>\n"
        "      <faultstring>" + c + " - " + xml_escape(message) + "</faultstring>\n"
        "      <detail>\n"
        "        <ns1:serviceException xmlns:ns1=\"http://www.marketo.com/mktows/\">\n"
        "          <name>mktServiceException</name>\n"
        "          <message>" + xml_escape(message) + " (" + c + ")</message>\n"
        "          <code>" + c + "</code>\n"
        "        </ns1:serviceException>\n"
        "      </detail>\n"
        "    </SOAP-ENV:Fault>\n"
        "  </SOAP-ENV:Body>\n"
        "</SOAP-ENV:Envelope>\n";
    return r;
}

Response Response::status_only(int status, std::string text) {
    Response r;
    r.status = status;
    r.content_type = "text/plain; charset=utf-8";
    r.body = text.empty() ? std::string(reason_phrase(status)) + "\n" : std::move(text);
    return r;
}

ReplayServerOptions checking_signatures(const mktows::Credentials& credentials) {
    ReplayServerOptions o;
    o.credentials = credentials;
    return o;
}

bool signature_valid(const RecordedRequest& r, const mktows::Credentials& credentials) {
    if (r.auth_user_id != credentials.user_id || r.auth_timestamp.empty() || r.auth_signature.empty()) return false;
    return mktows::hmac_sha1_hex(credentials.secret_key, r.auth_timestamp + r.auth_user_id) == r.auth_signature;
}

// ---- the server ------------------------------------------------------------

struct ReplayServer::State {
    ReplayServerOptions options;
    int listen_fd = -1;
    int port = 0;
    SSL_CTX* ssl_ctx = nullptr;

    mutable std::mutex mu;
    std::condition_variable stop_cv;
    bool stopping = false;
    Handler handler;
    std::vector<RecordedRequest> requests;
    int accepted = 0;
    int bad_signatures = 0;
    int in_flight = 0;
    int max_in_flight = 0;
    std::set<int> open_fds;

    std::thread acceptor;
    std::list<std::thread> workers;

    void accept_loop();
    void serve(int fd, int connection_number);
    bool serve_one(Link& link, Reader& reader, int connection_number, int index);
    bool sleep_unless_stopped(std::chrono::milliseconds d) {
        std::unique_lock<std::mutex> lock(mu);
        return !stop_cv.wait_for(lock, d, [&] { return stopping; });
    }
};

ReplayServer::ReplayServer(Handler handler, ReplayServerOptions options) : state_(std::make_shared<State>()) {
    std::signal(SIGPIPE, SIG_IGN);  // a client that hangs up must not kill the test
    auto& s = *state_;
    s.options = std::move(options);
    s.handler = std::move(handler);
    if (!s.options.tls_cert_file.empty()) {
        s.ssl_ctx = SSL_CTX_new(TLS_server_method());
        if (!s.ssl_ctx ||
            SSL_CTX_use_certificate_chain_file(s.ssl_ctx, s.options.tls_cert_file.c_str()) != 1 ||
            SSL_CTX_use_PrivateKey_file(s.ssl_ctx, s.options.tls_key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
            if (s.ssl_ctx) SSL_CTX_free(s.ssl_ctx);
            throw std::runtime_error("ReplayServer: cannot load TLS certificate " + s.options.tls_cert_file +
                                     " / key " + s.options.tls_key_file);
        }
    }
    s.listen_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s.listen_fd < 0) throw std::runtime_error("ReplayServer: socket() failed");
    int one = 1;
    ::setsockopt(s.listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (::bind(s.listen_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(s.listen_fd, 128) != 0 ||
        ::getsockname(s.listen_fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        ::close(s.listen_fd);
        if (s.ssl_ctx) SSL_CTX_free(s.ssl_ctx);
        throw std::runtime_error(std::string("ReplayServer: cannot listen on 127.0.0.1: ") + std::strerror(errno));
    }
    s.port = ntohs(addr.sin_port);
    s.acceptor = std::thread([st = state_] { st->accept_loop(); });
}

ReplayServer::~ReplayServer() { stop(); }

void ReplayServer::stop() {
    auto& s = *state_;
    {
        std::lock_guard<std::mutex> lock(s.mu);
        if (s.stopping && !s.acceptor.joinable()) return;
        s.stopping = true;
        for (int fd : s.open_fds) ::shutdown(fd, SHUT_RDWR);
    }
    s.stop_cv.notify_all();
    if (s.listen_fd >= 0) ::shutdown(s.listen_fd, SHUT_RDWR);
    if (s.acceptor.joinable()) s.acceptor.join();
    if (s.listen_fd >= 0) {
        ::close(s.listen_fd);
        s.listen_fd = -1;
    }
    std::list<std::thread> workers;
    {
        std::lock_guard<std::mutex> lock(s.mu);
        workers.swap(s.workers);
    }
    for (auto& t : workers) t.join();
    if (s.ssl_ctx) {
        SSL_CTX_free(s.ssl_ctx);
        s.ssl_ctx = nullptr;
    }
}

std::string ReplayServer::endpoint() const {
    return std::string(state_->ssl_ctx ? "https" : "http") + "://127.0.0.1:" + std::to_string(state_->port) +
           "/soap/mktows/2_7";
}

int ReplayServer::port() const { return state_->port; }

void ReplayServer::set_handler(Handler handler) {
    std::lock_guard<std::mutex> lock(state_->mu);
    state_->handler = std::move(handler);
}

std::vector<RecordedRequest> ReplayServer::requests() const {
    std::lock_guard<std::mutex> lock(state_->mu);
    return state_->requests;
}

std::size_t ReplayServer::request_count() const {
    std::lock_guard<std::mutex> lock(state_->mu);
    return state_->requests.size();
}

int ReplayServer::connections_accepted() const {
    std::lock_guard<std::mutex> lock(state_->mu);
    return state_->accepted;
}

int ReplayServer::bad_signatures() const {
    std::lock_guard<std::mutex> lock(state_->mu);
    return state_->bad_signatures;
}

int ReplayServer::max_concurrent_requests() const {
    std::lock_guard<std::mutex> lock(state_->mu);
    return state_->max_in_flight;
}

void ReplayServer::clear() {
    std::lock_guard<std::mutex> lock(state_->mu);
    state_->requests.clear();
    state_->accepted = 0;
    state_->bad_signatures = 0;
    state_->max_in_flight = state_->in_flight;
}

void ReplayServer::State::accept_loop() {
    for (;;) {
        int fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            return;  // shut down
        }
        std::lock_guard<std::mutex> lock(mu);
        if (stopping) {
            ::close(fd);
            return;
        }
        int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        int number = ++accepted;
        open_fds.insert(fd);
        workers.emplace_back([this, fd, number] { serve(fd, number); });
    }
}

void ReplayServer::State::serve(int fd, int connection_number) {
    SSL* ssl = nullptr;
    bool ok = true;
    if (ssl_ctx) {
        ssl = SSL_new(ssl_ctx);
        SSL_set_fd(ssl, fd);
        if (SSL_accept(ssl) != 1) {
            ok = false;  // e.g. the client refused our certificate
            ERR_clear_error();
        }
    }
    {
        Link link(fd, ssl);
        Reader reader(link);
        for (int index = 1; ok; ++index) ok = serve_one(link, reader, connection_number, index);
        if (ssl && ok) SSL_shutdown(ssl);
        ERR_clear_error();
    }
    std::lock_guard<std::mutex> lock(mu);
    open_fds.erase(fd);
    ::close(fd);
}

// Reads one request and answers it; false when the connection is to close.
bool ReplayServer::State::serve_one(Link& link, Reader& reader, int connection_number, int index) {
    RecordedRequest req;
    std::string line;
    do {
        if (!reader.line(&line)) return false;
    } while (line.empty());  // tolerate stray CRLFs between requests
    {
        std::istringstream rl(line);
        rl >> req.method >> req.target >> req.version;
        if (req.method.empty() || req.target.empty()) return false;
    }
    for (;;) {
        if (!reader.line(&line)) return false;
        if (line.empty()) break;
        auto colon = line.find(':');
        if (colon == std::string::npos) return false;
        req.headers.emplace_back(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
    }
    if (lower(req.header("Expect")) == "100-continue" && !link.write_all("HTTP/1.1 100 Continue\r\n\r\n"))
        return false;
    if (lower(req.header("Transfer-Encoding")).find("chunked") != std::string::npos) {
        for (;;) {
            if (!reader.line(&line)) return false;
            size_t size = std::stoul(line.substr(0, line.find(';')), nullptr, 16);
            if (size == 0) {
                do {
                    if (!reader.line(&line)) return false;
                } while (!line.empty());
                break;
            }
            if (!reader.bytes(size, &req.body) || !reader.line(&line)) return false;
        }
    } else if (!req.header("Content-Length").empty()) {
        if (!reader.bytes(std::stoul(req.header("Content-Length")), &req.body)) return false;
    }
    if (lower(req.header("Content-Encoding")) == "gzip") req.body = zlib_transform(req.body, false);
    req.soap_action = req.header("SOAPAction");
    if (req.soap_action.size() >= 2 && req.soap_action.front() == '"' && req.soap_action.back() == '"')
        req.soap_action = req.soap_action.substr(1, req.soap_action.size() - 2);
    req.connection = connection_number;
    req.index_on_connection = index;
    req.received = std::chrono::steady_clock::now();
    read_auth_header(&req);

    Handler h;
    bool signature_ok = true;
    {
        std::lock_guard<std::mutex> lock(mu);
        requests.push_back(req);
        h = handler;
        if (options.credentials && req.method == "POST" && !signature_valid(req, *options.credentials)) {
            signature_ok = false;
            ++bad_signatures;
        }
        max_in_flight = std::max(max_in_flight, ++in_flight);
    }
    Response resp;
    try {
        resp = !signature_ok ? Response::fault(20014, "Authentication failed")
               : h           ? h(req)
                             : Response::status_only(404);
    } catch (const std::exception& e) {
        resp = Response::status_only(500, std::string("ReplayServer handler threw: ") + e.what() + "\n");
    }
    if (resp.delay.count() > 0) sleep_unless_stopped(resp.delay);
    {
        std::lock_guard<std::mutex> lock(mu);
        --in_flight;
        if (stopping) return false;
    }
    if (resp.drop) return false;

    std::string body = resp.body;
    bool gzipped = resp.gzip && lower(req.header("Accept-Encoding")).find("gzip") != std::string::npos;
    if (gzipped) body = zlib_transform(body, true);
    bool close = resp.close_after || lower(req.header("Connection")) == "close" || req.version == "HTTP/1.0";
    std::string head = "HTTP/1.1 " + std::to_string(resp.status) + " " + reason_phrase(resp.status) + "\r\n";
    head += "Content-Type: " + resp.content_type + "\r\n";
    head += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    if (gzipped) head += "Content-Encoding: gzip\r\n";
    for (const auto& [k, v] : resp.headers) head += k + ": " + v + "\r\n";
    head += close ? "Connection: close\r\n" : "Connection: keep-alive\r\n";
    head += "\r\n";
    if (!link.write_all(head + (req.method == "HEAD" ? std::string() : body))) return false;
    return !close && !resp.close_silently_after;
}

}  // namespace mktows_test
