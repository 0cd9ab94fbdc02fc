// ReplayServer: a loopback HTTP/1.1 (optionally HTTPS) server for tests.
//
// It listens on 127.0.0.1 on an ephemeral port, keeps connections alive,
// serves each connection on its own thread, records every request and
// answers through a handler. Responses can close the connection after
// answering, drop it without answering, be delayed, or be gzip-compressed.
//
// Given credentials, it checks the AuthenticationHeader of every SOAP
// request like Marketo does (HMAC-SHA1 of timestamp + user id) and answers a
// bad one with fault 20014 without calling the handler.
//
//     mktows_test::ReplayServer server([](const mktows_test::RecordedRequest& r) {
//         return mktows_test::Response::xml(read_file("seed-response.xml"));
//     });
//     client_options.endpoint = server.endpoint();
#ifndef MKTOWS_TEST_REPLAY_SERVER_HPP
#define MKTOWS_TEST_REPLAY_SERVER_HPP

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mktows/credentials.hpp"
#include "support/files.hpp"  // read_file, as in the example above

namespace mktows_test {

/// One HTTP request as the server received it.
struct RecordedRequest {
    std::string method;   ///< e.g. POST
    std::string target;   ///< request target, e.g. /soap/mktows/2_7
    std::string version;  ///< e.g. HTTP/1.1
    std::vector<std::pair<std::string, std::string>> headers;  ///< in order, as sent
    std::string soap_action;  ///< SOAPAction header without its quotes
    std::string body;         ///< the body (de-chunked, gunzipped if sent compressed)
    int connection = 0;        ///< 1-based number of the accepted connection it came on
    int index_on_connection = 0;  ///< 1-based number of the request on that connection
    std::chrono::steady_clock::time_point received;

    /// AuthenticationHeader values found in the body (empty when absent).
    std::string auth_user_id;
    std::string auth_timestamp;
    std::string auth_signature;

    /// The first header of that name (case-insensitive), or empty.
    std::string header(std::string_view name) const;
    /// The path of the target, without a query.
    std::string path() const;
};

/// The handler's answer.
struct Response {
    int status = 200;
    std::string content_type = "text/xml; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  ///< extra headers
    /// Send "Connection: close" and close the connection after answering.
    bool close_after = false;
    /// Close the connection after answering, without announcing it (no
    /// "Connection: close"), as a server does that closes idle keep-alive
    /// connections.
    bool close_silently_after = false;
    /// Close the connection without answering at all.
    bool drop = false;
    /// Wait this long before answering (or dropping).
    std::chrono::milliseconds delay{0};
    /// gzip the body (Content-Encoding: gzip) when the request accepts gzip.
    bool gzip = false;

    /// 200 with an XML body.
    static Response xml(std::string body);
    /// A Marketo SOAP fault (HTTP 500): faultstring "CODE - message",
    /// detail serviceException with name, message and code.
    static Response fault(int code, const std::string& message);
    /// An HTTP status with a plain-text body (no SOAP fault).
    static Response status_only(int status, std::string text = {});
};

using Handler = std::function<Response(const RecordedRequest&)>;

struct ReplayServerOptions {
    /// Serve HTTPS with this PEM certificate (chain) and key.
    std::string tls_cert_file;
    std::string tls_key_file;
    /// When set, every POST must carry a valid AuthenticationHeader for
    /// these credentials; otherwise the answer is fault 20014.
    std::optional<mktows::Credentials> credentials;
};

class ReplayServer {
public:
    explicit ReplayServer(Handler handler, ReplayServerOptions options = {});
    ~ReplayServer();
    ReplayServer(const ReplayServer&) = delete;
    ReplayServer& operator=(const ReplayServer&) = delete;

    /// http(s)://127.0.0.1:PORT/soap/mktows/2_7
    std::string endpoint() const;
    int port() const;

    void set_handler(Handler handler);
    /// Every request received so far, in order of arrival.
    std::vector<RecordedRequest> requests() const;
    std::size_t request_count() const;
    /// TCP connections accepted so far.
    int connections_accepted() const;
    /// Requests that carried no valid signature (only with credentials).
    int bad_signatures() const;
    /// The largest number of requests being handled at the same time.
    int max_concurrent_requests() const;
    /// Forget the recorded requests and counters.
    void clear();

    /// Stops accepting, closes every connection and joins the threads
    /// (also done by the destructor).
    void stop();

private:
    struct State;
    std::shared_ptr<State> state_;
};

/// Options that check every request's signature against these credentials.
ReplayServerOptions checking_signatures(const mktows::Credentials& credentials);

/// True when the request's AuthenticationHeader carries the signature of
/// its timestamp for these credentials.
bool signature_valid(const RecordedRequest& request, const mktows::Credentials& credentials);

}  // namespace mktows_test

#endif
