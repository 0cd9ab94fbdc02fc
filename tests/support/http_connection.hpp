// A minimal HTTP/1.1 client over loopback for looking at a server's exact
// bytes: keep-alive requests on one TCP connection, raw bytes for malformed
// requests, responses with Content-Length, chunked or read-to-close bodies.
#ifndef MKTOWS_TEST_SUPPORT_HTTP_CONNECTION_HPP
#define MKTOWS_TEST_SUPPORT_HTTP_CONNECTION_HPP

#include <chrono>
#include <map>
#include <optional>
#include <string>

namespace mktows_test {

struct HttpResponse {
    std::string head;  ///< the status line and header lines as received, each ending in CRLF
    int status = 0;
    std::map<std::string, std::string> headers;  ///< lower-case names
    std::string body;
    std::string header(const std::string& lower_name) const;
};

class HttpConnection {
public:
    /// Connects to 127.0.0.1:port; throws std::runtime_error on failure.
    explicit HttpConnection(int port, std::chrono::milliseconds timeout = std::chrono::seconds(10));
    ~HttpConnection();
    HttpConnection(const HttpConnection&) = delete;
    HttpConnection& operator=(const HttpConnection&) = delete;

    /// Sends a request and reads its response. nullopt when the server
    /// closed the connection without a response. Throws std::runtime_error
    /// on a timeout or a malformed response.
    std::optional<HttpResponse> request(const std::string& method, const std::string& target,
                                        const std::string& body = {}, const std::string& extra_headers = {});
    /// POSTs a SOAP envelope to /soap/mktows/2_7.
    std::optional<HttpResponse> post_soap(const std::string& envelope);
    /// Sends raw bytes (for malformed requests).
    void send_raw(const std::string& bytes);
    /// Reads one response (after send_raw); as request() does.
    std::optional<HttpResponse> read_response();
    /// Whether the server has closed the connection (EOF within wait).
    bool closed_by_server(std::chrono::milliseconds wait = std::chrono::milliseconds(200));

private:
    bool fill();  // reads more into buffer_; false at EOF
    int fd_ = -1;
    std::chrono::milliseconds timeout_;
    std::string buffer_;
};

}  // namespace mktows_test

#endif
