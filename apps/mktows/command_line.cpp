#include "command_line.hpp"

#include "export_options.hpp"
#include "mktows/version.hpp"
#include "secret_key.hpp"

namespace mktows_cli {

namespace {

const char* const get_multiple_leads_footer = R"(Selectors (give exactly one):
  --key-type TYPE --key VALUE [--key VALUE ...]
  --key-type TYPE --keys-file FILE
        Leads by key. TYPE: IDNUM, COOKIE, EMAIL, LEADOWNEREMAIL, SFDCACCOUNTID,
        SFDCCONTACTID, SFDCLEADID, SFDCLEADOWNERID, SFDCOPPTYID (any case).
        --key and --keys-file may be combined (--key values first). More than
        100 keys are fetched in calls of at most 100, in order.
        Keys file: UTF-8 text, one key a line; a byte-order mark, CR before
        LF, spaces/tabs around a key and blank lines are ignored; '-' reads
        standard input.
  --static-list NAME | --static-list-id ID
        Leads of a static list, by name ("Program.List") or id (both may be
        given; they must name the same list).
  --updated-since TIME [--updated-until TIME]
        Leads updated from TIME to TIME, both inclusive; no --updated-until
        means now. TIME: W3C dateTime with a zone (2024-03-01T00:00:00Z,
        2024-03-01T09:30:00-08:00) or a date (2024-03-01 = midnight UTC).
        Marketo refuses ranges over 30 days (fault 20022).

Output formats (--format):
  jsonl  One JSON object a line, keys Id, Email, ForeignSysPersonId,
         ForeignSysType, attributes. A nil field is null; a field the server
         left out is left out. integer/float/currency attributes are numbers,
         boolean ones true/false, all others strings (a value that does not
         parse as its type stays a string).
  csv    RFC 4180, UTF-8, CRLF line ends. Header Id,Email,ForeignSysPersonId,
         ForeignSysType, then one column per attribute: the --attributes
         order, or every attribute seen (first-seen order; rows are spooled
         to a temporary file until the header is known). Nil and empty are
         both an empty field.
  With --output FILE the leads go to a temporary file beside FILE, renamed
  to FILE only when every page has been written: after a failure FILE is
  untouched. On standard output a failed JSONL export may have printed some
  leads; check the exit code.

Environment:
  MKTOWS_ENDPOINT    endpoint, when --endpoint is not given
  MKTOWS_USER_ID     user id, when --user-id is not given
  MKTOWS_SECRET_KEY  the secret key, when --secret-file is not given. The key
                     is never accepted as a command-line value and never
                     printed.
  TMPDIR             where CSV rows are spooled when writing to standard
                     output

Exit codes:
  0  every lead was written
  1  local failure (writing the output failed)
  2  bad usage or input (the message says what to fix)
  3  authentication or authorization fault (Marketo 20013, 20014)
  4  any other Marketo fault (the message shows its code)
  5  transport failure (connect, TLS, timeout, HTTP error, unreadable
     response)

Examples:
  export MKTOWS_ENDPOINT=https://123-ABC-456.mktoapi.com/soap/mktows/2_7
  export MKTOWS_USER_ID=... MKTOWS_SECRET_KEY=...
  mktows get-multiple-leads --key-type EMAIL --key joe@marketo.com
  mktows get-multiple-leads --static-list Program.List --format csv --output list.csv
  mktows get-multiple-leads --sandbox --updated-since 2025-06-01 \
      --updated-until 2025-06-30T23:59:59Z --format csv --output leads.csv)";

}  // namespace

std::string version_line() {
    return std::string("mktows ") + mktows::version() + " (Marketo SOAP API " + mktows::api_version + ")";
}

CLI::App* add_get_multiple_leads_command(CLI::App& app, GetMultipleLeadsArgs& args) {
    CLI::App* cmd = app.add_subcommand(
        "get-multiple-leads",
        "Fetch every lead matching one selector (getMultipleLeads), paging through all of them, "
        "and write them as JSONL or CSV.");
    cmd->footer(get_multiple_leads_footer);

    const std::string selectors = "Selectors (exactly one kind)";
    cmd->add_option("--key-type", args.key_type, "Kind of the lead keys (EMAIL, IDNUM, ...)")
        ->type_name("TYPE")->group(selectors);
    cmd->add_option("--key", args.keys, "A lead key; repeat for more keys")
        ->type_name("VALUE")->allow_extra_args(false)->group(selectors);
    cmd->add_option("--keys-file", args.keys_file, "File with one lead key a line ('-': stdin)")
        ->type_name("FILE")->group(selectors);
    cmd->add_option("--static-list", args.static_list, "Static list name, e.g. Program.List")
        ->type_name("NAME")->group(selectors);
    cmd->add_option("--static-list-id", args.static_list_id, "Static list id")
        ->type_name("ID")->group(selectors);
    cmd->add_option("--updated-since", args.updated_since, "Leads updated at or after TIME")
        ->type_name("TIME")->group(selectors);
    cmd->add_option("--updated-until", args.updated_until, "Leads updated at or before TIME (default: now)")
        ->type_name("TIME")->group(selectors);

    const std::string request = "Request";
    cmd->add_option("--attributes", args.attributes,
                    "Comma-separated attribute names to fetch (default: all); also the CSV columns")
        ->type_name("A,B,...")->group(request);
    cmd->add_option("--batch-size", args.batch_size, "Leads per call, 1..1000 (default 200, as Marketo advises)")
        ->type_name("N")->group(request);

    const std::string output = "Output";
    cmd->add_option("--format", args.format, "jsonl (default) or csv")->type_name("FORMAT")->group(output);
    cmd->add_option("--output,-o", args.output, "Write to FILE instead of standard output")
        ->type_name("FILE")->group(output);
    cmd->add_flag("--quiet,-q", args.quiet, "Do not print the summary line on stderr")->group(output);

    const std::string connection = "Connection";
    cmd->add_option("--endpoint", args.endpoint,
                    "SOAP endpoint, https://<instance>.mktoapi.com/soap/mktows/2_7")
        ->type_name("URL")->envname("MKTOWS_ENDPOINT")->group(connection);
    cmd->add_option("--user-id", args.user_id, "SOAP user id")
        ->type_name("ID")->envname("MKTOWS_USER_ID")->group(connection);
    cmd->add_option("--secret-file", args.secret_file,
                    std::string("File holding the secret key (else env ") + secret_key_env + ")")
        ->type_name("FILE")->group(connection);
    cmd->add_option("--ca-file", args.ca_file, "PEM CA bundle to verify the server (default: system CAs)")
        ->type_name("FILE")->group(connection);
    cmd->add_option("--connect-timeout", args.connect_timeout, "Seconds to wait for a connection (default 15)")
        ->type_name("SECONDS")->group(connection);
    cmd->add_option("--timeout", args.timeout, "Seconds to wait for each response (default 120)")
        ->type_name("SECONDS")->group(connection);
    cmd->add_option("--max-retries", args.max_retries,
                    "Retries of a failed call (transport errors, HTTP 5xx, retryable faults), 0..100 "
                    "(default 6)")
        ->type_name("N")->group(connection);
    cmd->add_flag("--sandbox", args.sandbox,
                  "Run against an in-process mktows-sandbox with its demo data and credentials "
                  "(no endpoint or secret needed)")
        ->group(connection);

    // Refused on purpose: a secret in argv shows in ps and shell history.
    // The value is dropped unread.
    cmd->add_option_function<std::string>(
           "--secret-key,--secret", [&args](const std::string&) { args.secret_on_command_line = true; })
        ->group("");
    add_export_options(*cmd, args.bulk);
    return cmd;
}

}  // namespace mktows_cli
