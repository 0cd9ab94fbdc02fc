#include "client_settings.hpp"

#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "mktows/error.hpp"
#include "secret_key.hpp"

namespace mktows_cli {

using mktows::Error;
using mktows::ErrorKind;

namespace {

std::chrono::milliseconds parse_seconds(const std::string& option, const std::string& text) {
    char* end = nullptr;
    errno = 0;
    const double seconds = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || errno != 0 || !std::isfinite(seconds) ||
        seconds <= 0 || seconds > 86400) {
        throw Error(ErrorKind::invalid_argument,
                    option + " must be a number of seconds above 0 and at most 86400 (e.g. 30 or 2.5), not '" +
                        text + "'");
    }
    return std::chrono::milliseconds(static_cast<long long>(std::ceil(seconds * 1000)));
}

}  // namespace

mktows::TransportOptions transport_options(const GetMultipleLeadsArgs& args) {
    mktows::TransportOptions transport;
    if (!args.ca_file.empty()) {
        if (::access(args.ca_file.c_str(), R_OK) != 0) {
            throw Error(ErrorKind::invalid_argument, "--ca-file " + args.ca_file + ": " + std::strerror(errno) +
                                                         "; give a readable PEM file of CA certificates");
        }
        transport.ca_file = args.ca_file;
    }
    if (!args.connect_timeout.empty()) {
        transport.connect_timeout = parse_seconds("--connect-timeout", args.connect_timeout);
    }
    if (!args.timeout.empty()) {
        transport.receive_timeout = parse_seconds("--timeout", args.timeout);
        transport.send_timeout = transport.receive_timeout;
    }
    return transport;
}

mktows::ClientOptions client_options(const GetMultipleLeadsArgs& args) {
    mktows::ClientOptions options;
    options.transport = transport_options(args);
    if (args.endpoint.empty()) {
        throw Error(ErrorKind::invalid_argument,
                    "no endpoint: give --endpoint URL or set MKTOWS_ENDPOINT (your instance's "
                    "https://<instance>.mktoapi.com/soap/mktows/2_7), or use --sandbox to try the demo");
    }
    if (args.user_id.empty()) {
        throw Error(ErrorKind::invalid_argument, "no user id: give --user-id ID or set MKTOWS_USER_ID "
                                                 "(Admin > Web Services > SOAP API in Marketo)");
    }
    options.endpoint = args.endpoint;
    options.credentials.user_id = args.user_id;
    options.credentials.secret_key = load_secret_key(args.secret_file);
    return options;
}

}  // namespace mktows_cli
