#!/usr/bin/env python3
"""Runs the compiled examples (examples/*.cpp) against mktows-sandbox and
checks what they print against the sandbox's data.

The data is a JSONL file written here (the sandbox's --data format): the
seed's two leads, and 300 more, some in the static list Program.List and
with updatedAt spread over ten days, so that the list and the window each
take several pages of 100. The sandbox runs with its documented demo
credentials (read from apps/sandbox/include/mktows_sandbox/sandbox.hpp).

usage: run_examples.py SANDBOX EXAMPLES_DIR SANDBOX_HEADER
"""
import json
import math
import os
import re
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta, timezone

LIST = "Program.List"
OTHER_LIST = "Webinar.Attendees"
WINDOW_START = datetime(2024, 3, 1, tzinfo=timezone.utc)

SEED_LEADS = [
    {"Id": 65835, "Email": "formtest1@marketo.com", "ForeignSysPersonId": None, "ForeignSysType": None,
     "attributes": {"Company": "Marketo Test", "FirstName": "FnameForm1", "LastName": "LnameForm1",
                    "LeadScore": 16, "Website": "marketo.com"},
     "updatedAt": "2024-02-01T08:00:00Z", "lists": [LIST]},
    {"Id": 67508, "Email": "joe@marketo.com", "ForeignSysPersonId": None, "ForeignSysType": None,
     "attributes": {"Company": "Marketo", "Date_of_purchase": "2012-04-04", "FirstName": "Joe",
                    "LastName": "Orante", "LeadScore": 11},
     "updatedAt": "2024-02-02T08:00:00Z"},
]


def w3c(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def make_leads():
    leads = [dict(l) for l in SEED_LEADS]
    for i in range(300):
        lists = []
        if i % 3 != 0:
            lists.append(LIST)     # 200 of them
        if i % 5 == 0:
            lists.append(OTHER_LIST)
        leads.append({
            "Id": 100000 + i,
            "Email": "lead%03d@example.com" % i,
            "ForeignSysPersonId": "SF%05d" % i if i % 4 == 0 else None,
            "ForeignSysType": "SFDC" if i % 4 == 0 else None,
            "attributes": {"FirstName": "First%d" % i, "LastName": "Last & <%d>" % i,
                           "Company": "Société %d" % (i % 7), "LeadScore": i % 50, "Title": "T%d" % i},
            # one lead an hour from WINDOW_START: 300 hours, about 12.5 days
            "updatedAt": w3c(WINDOW_START + timedelta(hours=i)),
            "lists": lists,
        })
    return leads


class Failure(Exception):
    pass


def parse_output(text):
    """lead <Id> <Email> lines, each followed by '  name (type) = value'
    lines, and a summary '<N> leads in <P> pages...'. Returns (leads, n, pages)
    with leads as a list of (id, email, {name: value})."""
    leads, summary = [], None
    for line in text.splitlines():
        m = re.fullmatch(r"lead (\d+) (\S+)", line)
        if m:
            leads.append((int(m.group(1)), m.group(2), {}))
            continue
        m = re.fullmatch(r"  (\S+) \(([^)]*)\) = (.*)", line)
        if m and leads:
            leads[-1][2][m.group(1)] = m.group(3)
            continue
        m = re.match(r"(\d+) leads in (\d+) pages", line)
        if m:
            summary = (int(m.group(1)), int(m.group(2)))
            continue
        raise Failure("unexpected output line: %r" % line)
    if summary is None:
        raise Failure("no summary line in the output")
    return leads, summary[0], summary[1]


def attr_text(v):
    return str(v) if not isinstance(v, bool) else ("true" if v else "false")


def expect_leads(name, text, expected, include=None, ordered=False):
    leads, n, pages = parse_output(text)
    ids = [l[0] for l in leads]
    want_ids = [l["Id"] for l in expected]
    if len(set(ids)) != len(ids):
        raise Failure("%s: a lead was printed twice" % name)
    if (ids if ordered else sorted(ids)) != (want_ids if ordered else sorted(want_ids)):
        missing = sorted(set(want_ids) - set(ids))
        extra = sorted(set(ids) - set(want_ids))
        raise Failure("%s: got %d leads, expected %d (missing %s, extra %s)"
                      % (name, len(ids), len(want_ids), missing[:10], extra[:10]))
    by_id = {l["Id"]: l for l in expected}
    for lead_id, email, attrs in leads:
        want = by_id[lead_id]
        if email != want["Email"]:
            raise Failure("%s: lead %d has email %r, expected %r" % (name, lead_id, email, want["Email"]))
        want_attrs = {k: attr_text(v) for k, v in want["attributes"].items()
                      if include is None or k in include}
        if attrs != want_attrs:
            raise Failure("%s: lead %d attributes %s, expected %s" % (name, lead_id, attrs, want_attrs))
    if n != len(expected):
        raise Failure("%s: summary says %d leads, expected %d" % (name, n, len(expected)))
    want_pages = max(1, math.ceil(len(expected) / 100))
    if pages != want_pages:
        raise Failure("%s: %d pages, expected %d (batches of 100 to the end)" % (name, pages, want_pages))
    print("ok: %s: %d leads in %d pages, as in the sandbox's data" % (name, n, pages))


def run(binary, args, env, expect_rc=0):
    p = subprocess.run([binary] + args, env=env, capture_output=True, text=True, timeout=60)
    if p.returncode != expect_rc:
        raise Failure("%s %s exited %d (expected %d): %s" % (os.path.basename(binary), " ".join(args),
                                                              p.returncode, expect_rc, p.stderr.strip()))
    return p


def demo_credentials(header):
    text = open(header, encoding="utf-8").read()
    user = re.search(r'demo_user_id\s*=\s*"([^"]+)"', text)
    secret = re.search(r'demo_secret_key\s*=\s*"([^"]+)"', text)
    if not user or not secret:
        raise Failure("no demo_user_id/demo_secret_key in %s" % header)
    return user.group(1), secret.group(1)


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    sandbox, examples, header = argv[1:]
    example = lambda name: os.path.join(examples, "example_" + name)  # noqa: E731
    user, secret = demo_credentials(header)
    leads = make_leads()

    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "leads.jsonl")
        with open(data, "w", encoding="utf-8") as f:
            for lead in leads:
                f.write(json.dumps(lead, ensure_ascii=False) + "\n")
        server = subprocess.Popen([sandbox, "--port", "0", "--data", data],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            first = server.stdout.readline().rstrip("\n")
            m = re.fullmatch(r"listening on (http://127\.0\.0\.1:\d+/soap/mktows/2_7)", first)
            if not m:
                raise Failure("mktows-sandbox did not announce its endpoint: %r %s" % (first, server.stderr.read()
                                                                                       if server.poll() is not None else ""))
            env = dict(os.environ, MKTOWS_ENDPOINT=m.group(1), MKTOWS_USER_ID=user, MKTOWS_SECRET_KEY=secret)

            # 1. Key selector: the seed's two emails, in key order.
            p = run(example("key_selector"), [], env)
            expect_leads("key_selector", p.stdout, SEED_LEADS, ordered=True)

            # 2. Static list: every member, only the three attributes asked for.
            members = [l for l in leads if LIST in l.get("lists", [])]
            p = run(example("static_list"), [LIST], env)
            expect_leads("static_list %s" % LIST, p.stdout, members, include={"FirstName", "LastName", "Company"})

            # 3. Last-update window, both bounds inclusive: exactly on a lead's
            #    updatedAt at each end.
            oldest, latest = WINDOW_START + timedelta(hours=20), WINDOW_START + timedelta(hours=260)
            in_window = [l for l in leads if oldest <= datetime.strptime(
                l["updatedAt"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc) <= latest]
            p = run(example("last_update_window"), [w3c(oldest), w3c(latest)], env)
            expect_leads("last_update_window", p.stdout, in_window)

            # Errors are reported, not swallowed: a wrong secret is Marketo's
            # 20014, a list that does not exist is 20111, a missing variable
            # is a usage error.
            bad = dict(env, MKTOWS_SECRET_KEY=secret + "x")
            p = run(example("key_selector"), [], bad, expect_rc=1)
            if "20014" not in p.stderr:
                raise Failure("wrong secret: no 20014 in %r" % p.stderr)
            p = run(example("static_list"), ["No.SuchList"], env, expect_rc=1)
            if "20111" not in p.stderr:
                raise Failure("unknown list: no 20111 in %r" % p.stderr)
            unset = {k: v for k, v in env.items() if k != "MKTOWS_ENDPOINT"}
            p = run(example("last_update_window"), [], unset, expect_rc=2)
            if "MKTOWS_ENDPOINT" not in p.stderr:
                raise Failure("missing MKTOWS_ENDPOINT not named: %r" % p.stderr)
            print("ok: errors (20014, 20111, missing environment) are reported with exit codes 1 and 2")
        except Failure as e:
            print("FAIL: %s" % e)
            return 1
        finally:
            server.terminate()
            try:
                server.wait(timeout=5)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        # The built-in demo data set (no --data) holds the seed's two leads too.
        if not check_builtin_seed_leads(sandbox, example, user, secret):
            return 1
    return 0


def check_builtin_seed_leads(sandbox, example, user, secret):
    server = subprocess.Popen([sandbox, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        m = re.fullmatch(r"listening on (http://127\.0\.0\.1:\d+/soap/mktows/2_7)", server.stdout.readline().rstrip("\n"))
        if not m:
            raise Failure("mktows-sandbox (built-in data) did not announce its endpoint")
        env = dict(os.environ, MKTOWS_ENDPOINT=m.group(1), MKTOWS_USER_ID=user, MKTOWS_SECRET_KEY=secret)
        p = run(example("key_selector"), [], env)
        expect_leads("key_selector (built-in demo data)", p.stdout, SEED_LEADS, ordered=True)
        return True
    except Failure as e:
        print("FAIL: %s" % e)
        return False
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
