// HttpConnection (see http_connection.hpp).
#include "support/http_connection.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace mktows_test {

std::string HttpResponse::header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
}

HttpConnection::HttpConnection(int port, std::chrono::milliseconds timeout) : timeout_(timeout) {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        const int err = errno;
        close(fd_);
        fd_ = -1;
        throw std::runtime_error("connect to 127.0.0.1:" + std::to_string(port) + ": " + std::strerror(err));
    }
}

HttpConnection::~HttpConnection() {
    if (fd_ >= 0) close(fd_);
}

void HttpConnection::send_raw(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw std::runtime_error(std::string("send: ") + std::strerror(errno));
        }
        sent += static_cast<std::size_t>(n);
    }
}

bool HttpConnection::fill() {
    pollfd p{fd_, POLLIN, 0};
    const int ready = poll(&p, 1, static_cast<int>(timeout_.count()));
    if (ready == 0) throw std::runtime_error("timed out waiting for the server");
    char buf[16384];
    const ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n < 0) {
        if (errno == ECONNRESET) return false;
        throw std::runtime_error(std::string("recv: ") + std::strerror(errno));
    }
    if (n == 0) return false;
    buffer_.append(buf, static_cast<std::size_t>(n));
    return true;
}

bool HttpConnection::closed_by_server(std::chrono::milliseconds wait) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(wait.count())) <= 0) return false;
    char c;
    const ssize_t n = recv(fd_, &c, 1, MSG_PEEK);
    return n <= 0;
}

std::optional<HttpResponse> HttpConnection::read_response() {
    std::size_t header_end;
    while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos)
        if (!fill()) {
            if (buffer_.empty()) return std::nullopt;
            throw std::runtime_error("connection closed inside a response header: " + buffer_);
        }
    HttpResponse r;
    r.head = buffer_.substr(0, header_end + 2);
    const std::string head = buffer_.substr(0, header_end);
    buffer_.erase(0, header_end + 4);
    std::size_t line_end = head.find("\r\n");
    const std::string status_line = head.substr(0, line_end);
    if (status_line.rfind("HTTP/1.", 0) != 0) throw std::runtime_error("not an HTTP response: " + status_line);
    r.status = std::stoi(status_line.substr(9, 3));
    while (line_end != std::string::npos) {
        const std::size_t start = line_end + 2;
        line_end = head.find("\r\n", start);
        const std::string line = head.substr(start, line_end == std::string::npos ? std::string::npos : line_end - start);
        const auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string name = line.substr(0, colon);
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        r.headers[name] = value;
    }
    if (r.header("transfer-encoding").find("chunked") != std::string::npos) {
        for (;;) {
            std::size_t eol;
            while ((eol = buffer_.find("\r\n")) == std::string::npos)
                if (!fill()) throw std::runtime_error("connection closed inside a chunked body");
            const std::size_t size = std::stoul(buffer_.substr(0, eol), nullptr, 16);
            while (buffer_.size() < eol + 2 + size + 2)
                if (!fill()) throw std::runtime_error("connection closed inside a chunk");
            r.body.append(buffer_, eol + 2, size);
            buffer_.erase(0, eol + 2 + size + 2);
            if (size == 0) break;
        }
    } else if (!r.header("content-length").empty()) {
        const std::size_t length = std::stoul(r.header("content-length"));
        while (buffer_.size() < length)
            if (!fill()) throw std::runtime_error("connection closed inside a body");
        r.body = buffer_.substr(0, length);
        buffer_.erase(0, length);
    } else {
        while (fill()) {
        }
        r.body.swap(buffer_);
    }
    return r;
}

std::optional<HttpResponse> HttpConnection::request(const std::string& method, const std::string& target,
                                                    const std::string& body, const std::string& extra_headers) {
    std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers;
    if (!body.empty() || method == "POST")
        req += "Content-Type: text/xml; charset=utf-8\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    req += "\r\n" + body;
    send_raw(req);
    return read_response();
}

std::optional<HttpResponse> HttpConnection::post_soap(const std::string& envelope) {
    return request("POST", "/soap/mktows/2_7", envelope, "SOAPAction: \"\"\r\n");
}

}  // namespace mktows_test
