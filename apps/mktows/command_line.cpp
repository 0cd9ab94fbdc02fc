#include "command_line.hpp"

#include "mktows/version.hpp"
#include "secret_key.hpp"

namespace mktows_cli {

namespace {

const char* const get_multiple_leads_footer = R"(Selectors (give exactly one):
  --key-type TYPE --key VALUE [--key VALUE ...]
  --key-type TYPE --keys-file FILE
        Leads by key. TYPE: IDNUM, COOKIE, EMAIL, LEADOWNEREMAIL, SFDCACCOUNTID,
        SFDCCONTACTID, SFDCLEADID, SFDCLEADOWNERID, SFDCOPPTYID (any case).
        --key and --keys-file may be combined (--key values first). The keys
        are sent in calls of at most 100, in order.
        Keys file: UTF-8 text, one key a line; a byte-order mark, CR before
        LF, spaces/tabs around a key and blank lines are ignored; '-' reads
        standard input.
  --static-list NAME | --static-list-id ID
        Members of a static list, by name ("Program.List") or id.
  --updated-since TIME [--updated-until TIME]
        Leads updated from TIME to TIME, both inclusive; without
        --updated-until, up to the moment the export starts. TIME: a W3C
        dateTime with a zone (2024-03-01T00:00:00Z, 2024-03-01T09:30:00-08:00)
        or a date (2024-03-01 = midnight UTC). Any length: the range is split
        into windows Marketo accepts (see Bulk export).

Output formats (--format):
  jsonl  One JSON object a line: Id, Email, ForeignSysPersonId,
         ForeignSysType, then "attributes" in the server's order. A nil field
         is null; a field the server left out is left out. integer, score and
         reference attributes are JSON integers, float, currency and percent
         ones numbers, boolean ones true/false; all others, and a value that
         does not parse as its type, are strings.
  csv    RFC 4180, UTF-8, CRLF line ends. Header Id,Email,ForeignSysPersonId,
         ForeignSysType, then one column per attribute: the --attributes
         order, or every attribute name seen (first-seen order; the rows wait
         in a spool file until the header is known). Nil, absent and empty
         are all an empty field.
  --output FILE is written under a temporary name beside FILE and renamed to
  FILE when the export has finished: FILE is never left half-written. (A
  FILE that is not a regular file, such as a FIFO, is written directly.) On
  standard output a failed JSONL export may have printed some leads; check
  the exit code.

Bulk export (every selector):
  The work is split into units: an --updated-since range into windows of at
  most --window-days days (default and maximum 30, Marketo's limit), keys
  into calls of 100, a static list is one unit. --parallel units are fetched
  at once, each call on its own keep-alive connection. The output order is
  the same for any --parallel: unit order (oldest window first, keys as
  given), then the server's order. A lead seen again (updated while the
  export ran, or named by two keys) is written once, where it came first.
  Boundary rule: both bounds are inclusive and Marketo's times are whole
  seconds, so a window is [start, end] and the next one starts at end + 1 s;
  a lead updated exactly at a window's end is in that window only. A window
  Marketo still refuses as too long (fault 20022) is halved.
  Snapshot: without --updated-until the range ends when the export starts
  (a resumed export keeps that end). The summary shows the range and the
  --updated-since of the next incremental export (the end + 1 s).
  Limits shared by all units: --rate-limit (default 100/20: 100 calls in
  any 20 s), --max-concurrency (default 10 calls at once), --max-calls (no
  budget by default; retries count).
  Retries: transport errors, HTTP 5xx and faults 10001, 20011, 20023 and
  20024 are retried up to --max-retries times, after a random wait of up to
  --initial-backoff, a bound that doubles with each retry up to
  --max-backoff. 20016 is signed again and retried at once; a timed-out page
  is asked for again with half the batch size (down to 25); 20122 restarts
  that unit from its beginning. Other faults stop the export at once, and
  so does 20015 (the daily quota is spent; it resets at midnight US Central
  time).
  Resume: with --checkpoint FILE (needs --output) the output, FILE (every
  unit's stream position and the output's length) and the leads fetched
  ahead, in the directory FILE.work, are synced after every page. After a
  failure, a kill, a spent --max-calls budget or 20015, run the same
  command again: it continues from the checkpoint, and the output holds
  every lead exactly once. A checkpoint of another query, format or output,
  or one in use by a running export, is refused. FILE and FILE.work are
  removed when the export has finished. Meanwhile JSONL goes to
  .NAME.mktows-partial beside the output NAME; CSV is written at the end,
  once every attribute name is known.
  Progress: leads written, leads to go (from remainingCount), rate and ETA,
  redrawn on standard error when it is a terminal; --progress draws it
  anyway, --no-progress and --quiet do not. At the end a summary line: leads,
  output, calls, retries, time, and for a range the next --updated-since.

Environment:
  MKTOWS_ENDPOINT    endpoint, when --endpoint is not given
  MKTOWS_USER_ID     user id, when --user-id is not given
  MKTOWS_SECRET_KEY  the secret key, when --secret-file is not given. The key
                     is never accepted as a command-line value and never
                     printed.
  TMPDIR             directory of the spool files without --checkpoint
                     (default /tmp): leads fetched ahead of the output, and
                     CSV rows for standard output. They have no name and
                     vanish with the process.

Exit codes:
  0  every lead was written
  1  local failure: writing the output or a spool file failed, or an
     internal error
  2  bad usage or input, found before any call (the message says what to
     fix); also a checkpoint of another export, or in use
  3  authentication or authorization fault (Marketo 20013, 20014)
  4  any other Marketo fault; the message shows its code. 20015 (daily
     quota spent) also says when the quota resets
  5  transport failure after the retries (connect, TLS, timeout, HTTP
     error, unreadable response)
  6  stopped by the --max-calls budget; with --checkpoint, run the same
     command again to continue

Examples:
  export MKTOWS_ENDPOINT=https://123-ABC-456.mktoapi.com/soap/mktows/2_7
  export MKTOWS_USER_ID=... MKTOWS_SECRET_KEY=...
  mktows get-multiple-leads --key-type EMAIL --key joe@marketo.com
  mktows get-multiple-leads --static-list Program.List --format csv --output list.csv
  mktows get-multiple-leads --updated-since 2024-01-01 --updated-until 2024-12-31T23:59:59Z \
      --checkpoint leads.checkpoint --output leads.jsonl
  mktows get-multiple-leads --sandbox --updated-since 2025-06-01 \
      --updated-until 2025-06-30T23:59:59Z --format csv --output leads.csv)";

void add_selector_options(CLI::App& cmd, GetMultipleLeadsArgs& args) {
    const std::string group = "Selectors (exactly one kind)";
    cmd.add_option("--key-type", args.key_type, "Kind of the lead keys (EMAIL, IDNUM, ...)")
        ->type_name("TYPE")->group(group);
    cmd.add_option("--key", args.keys, "A lead key; repeat for more keys")
        ->type_name("VALUE")->allow_extra_args(false)->group(group);
    cmd.add_option("--keys-file", args.keys_file, "File with one lead key a line ('-': stdin)")
        ->type_name("FILE")->group(group);
    cmd.add_option("--static-list", args.static_list, "Static list name, e.g. Program.List")
        ->type_name("NAME")->group(group);
    cmd.add_option("--static-list-id", args.static_list_id, "Static list id")->type_name("ID")->group(group);
    cmd.add_option("--updated-since", args.updated_since, "Leads updated at or after TIME")
        ->type_name("TIME")->group(group);
    cmd.add_option("--updated-until", args.updated_until,
                   "Leads updated at or before TIME (default: when the export starts)")
        ->type_name("TIME")->group(group);
}

void add_request_and_output_options(CLI::App& cmd, GetMultipleLeadsArgs& args) {
    const std::string request = "Request";
    cmd.add_option("--attributes", args.attributes,
                   "Comma-separated attribute names to fetch (default: all); also the CSV columns")
        ->type_name("A,B,...")->group(request);
    cmd.add_option("--batch-size", args.batch_size, "Leads per call, 1..1000 (default 200, as Marketo advises)")
        ->type_name("N")->group(request);

    const std::string output = "Output";
    cmd.add_option("--format", args.format, "jsonl (default) or csv")->type_name("FORMAT")->group(output);
    cmd.add_option("--output,-o", args.output, "Write to FILE instead of standard output")
        ->type_name("FILE")->group(output);
    cmd.add_flag("--quiet,-q", args.quiet, "No summary line, and no progress line unless --progress (errors still show)")
        ->group(output);
}

void add_connection_options(CLI::App& cmd, GetMultipleLeadsArgs& args) {
    const std::string group = "Connection";
    cmd.add_option("--endpoint", args.endpoint,
                   "SOAP endpoint, https://<instance>.mktoapi.com/soap/mktows/2_7 (http only to this machine)")
        ->type_name("URL")->envname("MKTOWS_ENDPOINT")->group(group);
    cmd.add_option("--user-id", args.user_id, "SOAP user id")
        ->type_name("ID")->envname("MKTOWS_USER_ID")->group(group);
    cmd.add_option("--secret-file", args.secret_file,
                   std::string("File holding the secret key (else env ") + secret_key_env + ")")
        ->type_name("FILE")->group(group);
    cmd.add_option("--ca-file", args.ca_file, "PEM CA bundle to verify the server (default: system CAs)")
        ->type_name("FILE")->group(group);
    cmd.add_option("--connect-timeout", args.connect_timeout,
                   "Seconds to wait for a connection, TLS handshake included (default 15)")
        ->type_name("SECONDS")->group(group);
    cmd.add_option("--timeout", args.timeout, "Seconds to wait for each response, and to send each request (default 120)")
        ->type_name("SECONDS")->group(group);
    cmd.add_flag("--sandbox", args.sandbox,
                 "Run against an in-process mktows-sandbox with its demo data and credentials "
                 "(no endpoint or secret needed)")
        ->group(group);

    // Refused on purpose: a secret in argv shows in ps and shell history.
    // The value is dropped unread.
    cmd.add_option_function<std::string>(
           "--secret-key,--secret", [&args](const std::string&) { args.secret_on_command_line = true; })
        ->group("");
}

void add_bulk_export_options(CLI::App& cmd, ExportArgs& a) {
    const std::string group = "Bulk export";
    cmd.add_option("--parallel", a.parallel, "Units (windows, key chunks) fetched at once, 1..10 (default 4)")
        ->type_name("N")->group(group);
    cmd.add_option("--window-days", a.window_days, "Longest LastUpdateAt window of one unit, 1..30 days (default 30)")
        ->type_name("N")->group(group);
    cmd.add_option("--checkpoint", a.checkpoint,
                   "Make the export resumable: progress in FILE; run the same command again to continue "
                   "(needs --output)")
        ->type_name("FILE")->group(group);
    cmd.add_option("--max-calls", a.max_calls,
                   "Stop after N calls (retries count), exit 6; with --checkpoint, continue later")
        ->type_name("N")->group(group);
    cmd.add_option("--rate-limit", a.rate_limit,
                   "At most CALLS calls in any SECONDS, shared by all units (default 100/20; off: none)")
        ->type_name("CALLS/SECONDS")->group(group);
    cmd.add_option("--max-concurrency", a.max_concurrency, "At most N calls at once, 0..100 (default 10; 0: no cap)")
        ->type_name("N")->group(group);
    cmd.add_option("--max-retries", a.max_retries,
                   "Retries of a failed call (transport errors, HTTP 5xx, retryable faults), 0..100 (default 6)")
        ->type_name("N")->group(group);
    cmd.add_option("--initial-backoff", a.initial_backoff,
                   "Longest wait before the first retry; the bound doubles per retry (default 0.5)")
        ->type_name("SECONDS")->group(group);
    cmd.add_option("--max-backoff", a.max_backoff, "Longest wait between retries (default 30)")
        ->type_name("SECONDS")->group(group);
    cmd.add_flag("--progress", a.progress, "Draw the progress line even when stderr is not a terminal")->group(group);
    cmd.add_flag("--no-progress", a.no_progress, "Never draw the progress line")->group(group);
}

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
    add_selector_options(*cmd, args);
    add_request_and_output_options(*cmd, args);
    add_connection_options(*cmd, args);
    add_bulk_export_options(*cmd, args.bulk);
    return cmd;
}

}  // namespace mktows_cli
