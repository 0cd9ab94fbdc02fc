// mktows: the command-line client of the mktows SDK.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <new>
#include <string>

#include <CLI/CLI.hpp>

#include "command_line.hpp"
#include "exit_codes.hpp"
#include "failure_message.hpp"
#include "mktows/error.hpp"
#include "run_get_multiple_leads.hpp"

namespace {

/// Whether one of the connection flags is on the command line itself.
bool has_connection_flag(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        for (const char* flag : {"--endpoint", "--user-id", "--secret-file"}) {
            const std::size_t n = std::strlen(flag);
            if (std::strncmp(argv[i], flag, n) == 0 && (argv[i][n] == '\0' || argv[i][n] == '=')) return true;
        }
    }
    return false;
}

void print_error(const std::string& message) { std::fprintf(stderr, "mktows: %s\n", message.c_str()); }

}  // namespace

int main(int argc, char** argv) {
    using namespace mktows_cli;
    CLI::App app("mktows: a client for Marketo's SOAP API (mktows 2_7). Credentials come from the "
                 "environment (MKTOWS_ENDPOINT, MKTOWS_USER_ID, MKTOWS_SECRET_KEY); run "
                 "'mktows get-multiple-leads --help' for the command's options, formats and exit codes.",
                 "mktows");
    bool show_version = false;
    app.add_flag("--version", show_version, "Print the version and exit");
    app.require_subcommand(0, 1);
    GetMultipleLeadsArgs args;
    CLI::App* get_multiple_leads = add_get_multiple_leads_command(app, args);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        print_error(std::string(e.what()) + "; run 'mktows " +
                    (get_multiple_leads->parsed() ? "get-multiple-leads " : "") + "--help' for the options");
        return exit_usage;
    }
    if (show_version) {
        std::printf("%s\n", version_line().c_str());
        return exit_ok;
    }
    if (!get_multiple_leads->parsed()) {
        std::cerr << app.help() << "\n";
        print_error("no command given; the command is get-multiple-leads");
        return exit_usage;
    }
    args.connection_flags_given = has_connection_flag(argc, argv);

    try {
        run_get_multiple_leads(args);
        return exit_ok;
    } catch (const mktows::Error& e) {
        print_error(failure_message(e, failure_context(args), std::chrono::system_clock::now()));
        return exit_code_for(e);
    } catch (const std::bad_alloc&) {
        print_error("out of memory");
        return exit_local_failure;
    } catch (const std::exception& e) {
        print_error(std::string("internal error: ") + e.what());
        return exit_local_failure;
    }
}
