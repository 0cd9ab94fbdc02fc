#include "failure_message.hpp"

#include <cctype>
#include <chrono>
#include <cstdlib>

#include "mktows/export.hpp"

namespace mktows_cli {

using mktows::Error;
using mktows::ErrorKind;
namespace fault_code = mktows::fault_code;

namespace {

std::string leads_text(std::int64_t n) { return std::to_string(n) + (n == 1 ? " lead" : " leads"); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// The options to look at for a Marketo fault, or "".
std::string fault_hint(int code) {
    switch (code) {
        case fault_code::authentication_failed:
            return "check --user-id (or MKTOWS_USER_ID), the secret key (MKTOWS_SECRET_KEY or --secret-file; "
                   "Admin > Web Services) and the machine's clock";
        case fault_code::list_not_found:
            return "check --static-list (names have the form Program.List) or --static-list-id";
        case fault_code::lead_key_required:
        case fault_code::bad_lead_key:
            return "check --key-type and the keys";
        case fault_code::rate_limit_exceeded:
            return "Marketo allows 100 calls in 20 seconds; lower --rate-limit";
        case fault_code::concurrency_limit_exceeded:
            return "Marketo allows 10 calls at once; lower --max-concurrency";
        default:
            return {};
    }
}

/// The options to look at for an error, or "".
std::string hint(const Error& error, const std::string& message) {
    switch (error.kind()) {
        case ErrorKind::service_fault:
            return fault_hint(error.service_code());
        case ErrorKind::transport:
            if (contains(message, "TLS"))
                return "check --ca-file, and that the server's certificate is issued for the --endpoint host";
            return "check --endpoint and the network";
        case ErrorKind::http_status:
            if (error.http_status() >= 500) return "the server failed; try again later";
            return "check that --endpoint is the instance's SOAP endpoint (.../soap/mktows/2_7)";
        case ErrorKind::protocol:
            return "check that --endpoint is a Marketo SOAP endpoint (.../soap/mktows/2_7)";
        case ErrorKind::io:
            return contains(message, "permissions") ? std::string()
                                                    : "check the path, its permissions and the free disk space";
        default:
            return {};
    }
}

/// The failure itself: its message, with the Marketo code and the attempts
/// when the message does not show them.
std::string what_failed(const Error& error, std::string message) {
    while (!message.empty() && (message.back() == '.' || message.back() == ' ')) message.pop_back();
    if (error.kind() == ErrorKind::service_fault) {
        // The CLI's hint names the options to change; it replaces the
        // library's advice, which says the same in the library's terms.
        const std::string advice = mktows::fault_advice(error.service_code());
        const std::size_t at = advice.empty() ? std::string::npos : message.find("; " + advice);
        if (at != std::string::npos && !fault_hint(error.service_code()).empty())
            message.erase(at, advice.size() + 2);
        const std::string code = std::to_string(error.service_code());
        if (!contains(message, code)) message = "Marketo fault " + code + ": " + message;
    }
    if (error.attempts() > 1 && !contains(message, "attempt"))
        message += " (after " + std::to_string(error.attempts()) + " attempts)";
    return message;
}

std::string quota_reset_text(mktows::TimePoint reset, mktows::TimePoint now) {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(reset - now).count();
    const long long minutes = seconds > 0 ? (seconds + 59) / 60 : 0;
    return mktows::format_w3c_utc(reset) + " (midnight US Central time), in " + std::to_string(minutes / 60) + " h " +
           std::to_string(minutes % 60) + " min";
}

std::string capitalized(std::string text) {
    if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    return text;
}

/// Where the leads written so far are.
std::string what_was_kept(const mktows::ExportError& e, const FailureContext& c) {
    const std::int64_t n = e.leads_written();
    if (e.resumable()) return n == 0 ? "no leads were written yet" : leads_text(n) + " are saved";
    if (c.output.empty()) {
        if (n > 0 && c.streams_to_stdout) return "standard output got " + leads_text(n) + ", an incomplete result";
        return n == 0 ? "nothing was written" : "the " + leads_text(n) + " fetched were dropped";
    }
    return n == 0 ? "nothing was written to " + c.output
                  : "the " + leads_text(n) + " fetched were dropped and " + c.output + " was not written";
}

std::string stopped_export_message(const mktows::ExportError& e, const FailureContext& c, mktows::TimePoint now) {
    const std::string checkpoint = c.checkpoint.empty() ? e.checkpoint_file() : c.checkpoint;
    const std::string continue_it = "run the same command again to continue from the checkpoint " + checkpoint;
    const std::string add_checkpoint = "with --checkpoint FILE a stopped export can be continued";
    std::string happened;
    std::string todo;
    if (e.kind() == ErrorKind::budget_exhausted) {
        happened = "the --max-calls budget" +
                   (c.max_calls > 0 ? " of " + std::to_string(c.max_calls) + " calls" : std::string()) + " is spent";
        todo = e.resumable() ? continue_it
                             : "give --checkpoint FILE as well, so that a run stopped by --max-calls can be continued";
    } else if (e.quota_resets_at()) {
        happened = "Marketo's daily call quota is spent (fault 20015); it resets at " +
                   quota_reset_text(*e.quota_resets_at(), now);
        todo = e.resumable() ? "after the reset, " + continue_it
                             : "run the command again after the reset; " + add_checkpoint;
    } else {
        happened = what_failed(e, e.cause());
        const std::string fix = hint(e, happened);
        if (e.resumable())
            todo = fix.empty() ? continue_it : fix + ", then " + continue_it;
        else if (e.leads_written() > 0)
            todo = fix.empty() ? add_checkpoint : fix + "; " + add_checkpoint;
        else
            todo = fix;
    }
    return happened + ". " + capitalized(what_was_kept(e, c)) + (todo.empty() ? "" : "; " + todo) + ".";
}

}  // namespace

FailureContext failure_context(const GetMultipleLeadsArgs& args) {
    FailureContext c;
    c.output = args.output == "-" ? std::string() : args.output;
    std::string format = args.format;
    for (char& ch : format) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    // CSV rows without --attributes wait for the header until the end.
    c.streams_to_stdout = c.output.empty() && (format != "csv" || !args.attributes.empty());
    c.checkpoint = args.bulk.checkpoint;
    c.max_calls = std::strtoll(args.bulk.max_calls.c_str(), nullptr, 10);
    return c;
}

std::string failure_message(const Error& error, const FailureContext& context, mktows::TimePoint now) {
    if (const auto* stopped = dynamic_cast<const mktows::ExportError*>(&error))
        return stopped_export_message(*stopped, context, now);
    std::string text = what_failed(error, error.what());
    const std::string fix = hint(error, text);
    if (!fix.empty() && !contains(text, fix)) text += "; " + fix;
    return text;
}

}  // namespace mktows_cli
