// Shared by the examples: a mktows::Client for the instance named by the
// environment, and how a lead is printed.
//
//   MKTOWS_ENDPOINT    e.g. https://123-ABC-456.mktoapi.com/soap/mktows/2_7
//                      (or a mktows-sandbox: http://127.0.0.1:PORT/soap/mktows/2_7)
//   MKTOWS_USER_ID     the SOAP API user id
//   MKTOWS_SECRET_KEY  its secret key (never printed)
#ifndef MKTOWS_EXAMPLES_CLIENT_FROM_ENV_HPP
#define MKTOWS_EXAMPLES_CLIENT_FROM_ENV_HPP

#include <mktows/mktows.hpp>

#include <cstdlib>
#include <iostream>
#include <string>

namespace example {

/// Throws mktows::Error(invalid_argument) naming a variable that is not set.
inline mktows::ClientOptions options_from_env() {
    auto need = [](const char* name) {
        const char* value = std::getenv(name);
        if (value == nullptr || *value == '\0') {
            throw mktows::Error(mktows::ErrorKind::invalid_argument,
                                std::string(name) + " is not set; export MKTOWS_ENDPOINT, MKTOWS_USER_ID and MKTOWS_SECRET_KEY");
        }
        return std::string(value);
    };
    mktows::ClientOptions options;
    options.endpoint = need("MKTOWS_ENDPOINT");
    options.credentials.user_id = need("MKTOWS_USER_ID");
    options.credentials.secret_key = need("MKTOWS_SECRET_KEY");
    return options;
}

inline std::string field_text(const mktows::Field<std::string>& f) {
    return f.has_value() ? f.value() : f.is_nil() ? "(nil)" : "(absent)";
}

/// lead <Id> <Email>, then one indented line per attribute.
inline void print_lead(const mktows::Lead& lead) {
    std::cout << "lead " << lead.id.value() << " " << field_text(lead.email) << "\n";
    for (const mktows::Attribute& a : lead.attributes) {
        std::cout << "  " << a.name << " (" << a.type << ") = " << a.value << "\n";
    }
}

/// Runs body and turns an mktows::Error into a message and exit code 1.
template <class Body>
int run(Body&& body) {
    try {
        body();
        return 0;
    } catch (const mktows::Error& e) {
        std::cerr << "error (" << mktows::to_string(e.kind()) << "): " << e.what() << "\n";
        return e.kind() == mktows::ErrorKind::invalid_argument ? 2 : 1;
    }
}

}  // namespace example

#endif
