#include "secret_key.hpp"

#include <cstdlib>

#include "mktows/error.hpp"
#include "read_input_file.hpp"

namespace mktows_cli {

namespace {

[[noreturn]] void fail(const std::string& why) {
    throw mktows::Error(mktows::ErrorKind::invalid_argument, why);
}

std::string from_file(const std::string& path) {
    std::string key = read_input_file(path, "--secret-file", 64 * 1024);
    if (!key.empty() && key.back() == '\n') key.pop_back();
    if (!key.empty() && key.back() == '\r') key.pop_back();
    if (key.find_first_of("\r\n") != std::string::npos) {
        fail("--secret-file " + path + " holds more than one line; put only the secret key in it");
    }
    if (key.empty()) fail("--secret-file " + path + " is empty; put the secret key in it");
    return key;
}

}  // namespace

std::string load_secret_key(const std::string& secret_file) {
    if (!secret_file.empty()) return from_file(secret_file);
    const char* env = std::getenv(secret_key_env);
    if (env == nullptr || *env == '\0') {
        fail(std::string("no secret key: set ") + secret_key_env +
             " or give --secret-file FILE (the key is never taken from the command line)");
    }
    return env;
}

}  // namespace mktows_cli
