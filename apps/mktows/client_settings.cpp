#include "client_settings.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "mktows/error.hpp"
#include "option_values.hpp"
#include "secret_key.hpp"

namespace mktows_cli {

using mktows::Error;
using mktows::ErrorKind;

namespace {

// The endpoint's problems in the CLI's terms. The library refuses plain
// http to another machine unless told otherwise (the CLI has no such flag).
void check_endpoint(const mktows::ClientOptions& options) {
    mktows::ClientOptions syntax_only = options;
    syntax_only.transport.allow_insecure_http = true;
    try {
        syntax_only.validate();
    } catch (const Error& e) {
        const std::string what = e.what();
        if (e.kind() == ErrorKind::invalid_argument && what.rfind("endpoint ", 0) == 0) usage_error("--" + what);
        throw;
    }
    try {
        options.validate();
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::invalid_argument) throw;
        usage_error("--endpoint " + options.endpoint +
                    " uses plain http to another machine, which would send the signature unencrypted; use "
                    "https:// (plain http is allowed only to this machine: 127.0.0.1, ::1, localhost)");
    }
}

}  // namespace

void apply_transport_options(const GetMultipleLeadsArgs& args, mktows::ClientOptions& options) {
    mktows::TransportOptions& transport = options.transport;
    if (!args.ca_file.empty()) {
        if (::access(args.ca_file.c_str(), R_OK) != 0) {
            throw Error(ErrorKind::invalid_argument, "--ca-file " + args.ca_file + ": " + std::strerror(errno) +
                                                         "; give a readable PEM file of CA certificates");
        }
        transport.ca_file = args.ca_file;
    }
    if (!args.connect_timeout.empty()) {
        transport.connect_timeout = parse_seconds_option("--connect-timeout", args.connect_timeout);
    }
    if (!args.timeout.empty()) {
        transport.receive_timeout = parse_seconds_option("--timeout", args.timeout);
        transport.send_timeout = transport.receive_timeout;
    }
}

mktows::ClientOptions client_options(const GetMultipleLeadsArgs& args) {
    mktows::ClientOptions options;
    apply_transport_options(args, options);
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
    check_endpoint(options);
    return options;
}

}  // namespace mktows_cli
