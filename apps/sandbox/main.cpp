// mktows-sandbox: runs a Sandbox until SIGINT or SIGTERM.
#include <signal.h>

#include <chrono>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>

#include "mktows/error.hpp"
#include "mktows_sandbox/sandbox.hpp"

namespace {

constexpr int kOk = 0;
constexpr int kCannotStart = 1;  // port in use, unusable certificate, ...
constexpr int kBadInput = 2;     // command line or data file

// Overwrites the value of --secret-key in argv once it has been parsed, so
// that the process list (/proc/PID/cmdline, ps) no longer shows it. It can
// still be read in the moment before; --secret-file and the environment
// do not have that gap.
void mask_secret_arguments(int argc, char** argv) {
    static const std::string option = "--secret-key";
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        char* value = nullptr;
        if (arg == option && i + 1 < argc) value = argv[++i];
        else if (arg.size() > option.size() && arg.compare(0, option.size() + 1, option + "=") == 0)
            value = argv[i] + option.size() + 1;
        if (value) std::memset(value, '*', std::strlen(value));
    }
}

}  // namespace

int main(int argc, char** argv) {
    namespace sb = mktows::sandbox;
    // Block the stop signals before any thread starts (threads inherit the
    // mask) and wait for them here; ignore SIGPIPE from vanished clients.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    signal(SIGPIPE, SIG_IGN);

    std::unique_ptr<sb::Sandbox> sandbox;
    bool print_lists = false;
    try {
        const sb::CommandLine command = sb::parse_command_line(argc, argv);
        mask_secret_arguments(argc, argv);
        if (command.help) {
            std::cout << sb::usage();
            return kOk;
        }
        print_lists = command.print_lists;
        sandbox = std::make_unique<sb::Sandbox>(command.options);  // makes or loads the data
    } catch (const std::exception& e) {
        std::cerr << "mktows-sandbox: " << e.what() << '\n';
        return kBadInput;
    }
    if (print_lists) {
        sandbox->print_lists(std::cout);
        return kOk;
    }
    try {
        sandbox->start();
    } catch (const std::exception& e) {
        std::cerr << "mktows-sandbox: " << e.what() << '\n';
        return kCannotStart;
    }
    std::cout << sandbox->listening_line() << std::endl;
    std::cerr << "mktows-sandbox: " << sandbox->lead_count() << " leads, " << sandbox->lists().size()
              << " static lists; user id " << sandbox->options().user_id << "; SIGINT or SIGTERM stops\n";
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    const auto begin = std::chrono::steady_clock::now();
    sandbox->stop();
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - begin).count();
    std::cerr << "mktows-sandbox: stopped in " << ms << " ms\n";
    return kOk;
}
