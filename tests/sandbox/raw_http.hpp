// A minimal HTTP/1.1 client over loopback for looking at the sandbox's
// exact bytes: keep-alive requests on one TCP connection, responses with
// Content-Length or chunked bodies. And signed SOAP envelopes written by
// hand, the way Marketo's sample request is.
#ifndef MKTOWS_TESTS_SANDBOX_RAW_HTTP_HPP
#define MKTOWS_TESTS_SANDBOX_RAW_HTTP_HPP

#include <chrono>
#include <map>
#include <optional>
#include <string>

namespace sandbox_test {

struct HttpResponse {
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
    /// POSTs a SOAP envelope to the endpoint path.
    std::optional<HttpResponse> post_soap(const std::string& envelope);
    /// Sends raw bytes (for malformed requests).
    void send_raw(const std::string& bytes);
    /// Reads one response (after send_raw).
    std::optional<HttpResponse> read_response();
    /// Whether the server has closed the connection (EOF within wait).
    bool closed_by_server(std::chrono::milliseconds wait = std::chrono::milliseconds(200));

private:
    bool fill();  // reads more into buffer_; false at EOF
    int fd_ = -1;
    std::chrono::milliseconds timeout_;
    std::string buffer_;
};

/// The AuthenticationHeader values of a call.
struct Signature {
    std::string user_id;
    std::string timestamp;
    std::string signature;
};
/// Signs like Marketo's samples: timestamp (now in UTC with +00:00 unless
/// given) + user id, HMAC-SHA1 with the secret, lowercase hex.
Signature sign(const std::string& user_id, const std::string& secret, std::optional<std::string> timestamp = {});

/// A SOAP 1.1 envelope like the seed's request (SOAP-ENV, ns1, xsi), with
/// the header unless header is nullopt.
std::string soap_envelope(const std::string& body, const std::optional<Signature>& header);

/// An envelope signed with the sandbox's demo account.
std::string demo_envelope(const std::string& body);

}  // namespace sandbox_test

#endif
