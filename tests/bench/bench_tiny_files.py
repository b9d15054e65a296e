#!/usr/bin/env python3
"""bench_tiny_files.py: 100,000 tiny files through `byline lint` and the server's corpus indexing.

Owns: the tiny-files benchmark (reliability issue, "100,000 tiny files"): generating the files,
timing byline against a `wc -w` / `cat` floor, and checking that nothing is lost on the way
(every expected finding, every hostile file's message, the index answering for every folder).

Generates (once; a stamp file in --work-dir says which set is there, so reruns reuse it) --files
tiny articles of a few dozen to a few hundred bytes, 1,000 per folder in two levels of folders
(articles/NN/N/NNNNNN.txt), from a small set of news templates written for this benchmark (a
claim with a source and one without, a quote with a speaker and one without, a date, a sum of
money, a vague attribution, a quotation mark that never closes), seeded so every run builds the
same bytes. Among them, planted corpus cases whose two halves sit in the first and the last
folder (a figure two articles state differently, keyed by a measure word thousands of figures
share; a misquote of a speaker the set quotes thousands of times; an entity named in exactly four
files), hostile files (empty, only whitespace, invalid UTF-8, a NUL byte, UTF-16 with a BOM, a
binary file, CRLF line ends, a UTF-8 BOM), and a notes.csv per folder that nothing may read.

Then measures, each as wall time, CPU time (user + system of the command and the children it
waited for, from wait4) and peak RSS (the command's own, through GNU time; see run()):
  a) the floor: `find DIR -type f ( -name *.txt -o -name *.md ) -print0 | xargs -0 wc -w` and the
     same with `cat`, output discarded;
  b) `byline lint --format json DIR` with --jobs 1 and --jobs 2, and again with --jobs 2 and a
     .byline.json in every folder (each setting a rule to its default, so the output must not
     change): the exit code must be 1, every line must parse as JSON, the runs must print the
     same bytes, every file that should have a finding must have it (per rule, the planted corpus
     findings included), no file may appear that was not generated, and every hostile file must
     get its message (a finding, or `path:1: warning: skipped: ...` on stderr); then
     `byline lint --corpus DIR` on the planted files of the first and last folder (a draft checked
     against an archive), bounded by ten times the plain run: their findings must be there;
  c) `byline serve` over pipes (tests/protocol/lspclient.py) with the folder as its workspace and
     window.workDoneProgress: the time from `initialized` to $/progress end, with a request every
     50 ms meanwhile (how long the loop keeps a client waiting), then the planted first-folder
     articles opened (their corpus diagnostics must be published), a workspace/symbol (it must
     find the last file's unique title) and a references request (on the planted entity: it must
     list every file that names it), the log must say the binary and UTF-16 files were left out,
     VmHWM of the server from /proc/PID/status, and shutdown + exit (exit code 0).
Prints a table with ratios against the floor (wall and CPU time / wc -w's, microseconds per file,
peak RSS bytes per input byte). The exit status is nonzero when something is wrong (a crash, a
missing finding or message, JSON that does not parse, output that differs between runs, the
server not answering or not exiting), never because of speed.

usage: bench_tiny_files.py --byline PATH [--work-dir DIR] [--files N] [--runs N] [--seed N]
                           [--skip-lint] [--skip-serve] [--skip-configs] [--skip-corpus]
                           [--corpus-timeout SECONDS] [--index-timeout SECONDS]
  e.g. python3 tests/bench/bench_tiny_files.py --byline build/server/byline \\
           --work-dir build/tests/bench/tiny-files --files 5000
"""

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(SOURCE_ROOT, "tests", "protocol"))

FORMAT_VERSION = 2  # bump when what generate() writes changes, so cached sets are rebuilt
PER_FOLDER = 1000
CORPUS_RULES = ("misquote", "conflicting-figure", "source-not-in-corpus")

problems = []  # what went wrong; any entry makes the exit status 1


def log(msg=""):
    print(msg, flush=True)


def problem(msg):
    problems.append(msg)
    log("PROBLEM: " + msg)


# ------------------------------------------------------------------ the articles
#
# Invented names and sentences, written for this benchmark. Each template says which rules it
# must raise (checked) — the rest of an article is built from templates that raise none.

ORGS = ["The Harbor Board", "The Eastvale Water District", "The Lakeshore Transit Agency",
        "The Millbrook School Board", "The County Parks Department", "The Northfield Housing Authority",
        "The Riverside Hospital Trust", "The State Roads Commission"]
THINGS = ["water rates", "bus fares", "parking fees", "school fees", "rents", "ferry tolls"]
PEOPLE = [("Mayor", "Dana", "Okafor"), ("Commissioner", "Luis", "Marrow"), ("Councilwoman", "Ines", "Halloran"),
          ("Director", "Priya", "Venkat"), ("Superintendent", "Tomas", "Reyes"), ("Chairman", "Walter", "Ambrose"),
          ("Treasurer", "Greta", "Lindqvist"), ("Senator", "Omar", "Haddad")]
QUOTES = ["We will finish the pier before the summer season starts",
          "Nobody on this board wants to raise fares again",
          "The numbers do not add up and we owe people an answer",
          "Our crews worked through the night to reopen the bridge",
          "We are asking families to be patient for one more month",
          "This budget keeps every library branch open"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
HEADLINES = ["Council Weighs Rate Rise", "Harbor Plan Moves Ahead", "Board Votes on Budget", "Transit Changes Ahead",
             "Schools Brace for Cuts", "Bridge Reopens After Repairs", "Parks Plan Draws Crowd", "Hospital Trust Meets"]
# Each org's budget and rise are the same in every article, so figures agree across the corpus
# (conflicting-figure compares an actor's figures for the same measure word).
BUDGET = {org: 2.5 + 1.5 * i for i, org in enumerate(ORGS)}
RISE = {org: 3 + i for i, org in enumerate(ORGS)}


def person(rng):
    return rng.choice(PEOPLE)


def sourced_claim(rng):
    org = rng.choice(ORGS)
    t, f, l = person(rng)
    return "%s will raise %s by %d percent next year, according to %s %s %s." % (
        org, rng.choice(THINGS), RISE[org], t, f, l)


def unsourced_claim(rng):
    org = rng.choice(ORGS)
    return "%s will raise %s by %d percent next year." % (org, rng.choice(THINGS), RISE[org])


def quote_with_speaker(rng):
    t, f, l = person(rng)
    return "\u201c%s,\u201d said %s %s %s." % (rng.choice(QUOTES), t, f, l)


def quote_without_speaker(rng):
    return "\u201c%s.\u201d" % rng.choice(QUOTES)


def dated(rng):
    t, f, l = person(rng)
    return "%s %s %s will testify before the council on %s %d, %d, her office said." % (
        t, f, l, rng.choice(MONTHS), rng.randint(1, 28), rng.choice((2025, 2026)))


def money(rng):
    org = rng.choice(ORGS)
    t, f, l = person(rng)
    return "%s approved a budget of $%.1f million on Tuesday, %s %s said." % (org, BUDGET[org], t, l)


def vague(rng):
    return "%s reportedly plans to sell the old depot." % rng.choice(ORGS)


def unbalanced(rng):
    t, f, l = person(rng)
    return "%s %s said \u201c%s." % (t, l, rng.choice(QUOTES).lower())


CLEAN = [sourced_claim, quote_with_speaker, dated, money]
# kind: (template, rules it must raise)
KINDS = {
    "clean": (None, ()),
    "unsourced": (unsourced_claim, ("unsourced-claim",)),
    "unattributed": (quote_without_speaker, ("unattributed-quote",)),
    "vague": (vague, ("vague-attribution",)),
    "unbalanced": (unbalanced, ("unbalanced-quote",)),
}
KIND_WEIGHTS = [("clean", 50), ("unsourced", 15), ("unattributed", 15), ("vague", 10), ("unbalanced", 10)]

# Planted corpus cases, each a pair of articles at the two ends of the set (the first folder and
# the last), so an index that only looks at the first few hundred postings of a common key
# misses the early one's finding:
#  * an entity named in exactly a few files (RARE_ORG) spread over the folders (references must
#    list them all); two of them state its budget differently: conflicting-figure in both
#    (neither is dated, so neither is "the later one"), keyed by the measure word "tuesday" that
#    every budget sentence of the set shares;
#  * a quote by a speaker the set quotes thousands of times (Mayor Okafor), and the same quote
#    with two words changed: misquote in both.
RARE_ORG = "The Quillon Ferry Cooperative"
MISQUOTE = ("The ferry will run every hour from the north pier all winter long",
            "The ferry will run every two hours from the north pier all winter long")


def rare_positions(n):
    return sorted({1, n // 3, n // 2 + 7, n - 3})


def misquote_positions(n):
    return (2, n - 5)


HOSTILE = {
    # name: (bytes, what lint must say: ("finding", rule) or ("stderr", text after "path:1: warning: "))
    "empty.txt": (b"", None),
    "whitespace.txt": (b"  \n\t\n   \n\n", None),
    "invalid-utf8.txt": (b"Harbor Plan\n\nThe board met on Tuesday \xff\xfe and voted, Mayor Dana Okafor said.\n",
                         ("finding", "invalid-encoding")),
    "nul-byte.txt": (b"Harbor Plan\n\nThe board met on Tuesday\x00 and voted, Mayor Dana Okafor said.\n",
                     ("finding", "invalid-encoding")),
    "utf16-bom.txt": (b"\xff\xfe" + "Harbor Plan\n\nThe board met on Tuesday.\n".encode("utf-16-le"),
                      ("stderr", "skipped: UTF-16")),
    "binary.md": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 2, ("stderr", "skipped: binary file")),
    "crlf.txt": ("Harbor Plan\r\n\r\nThe Harbor Board will raise ferry tolls by 4 percent next year.\r\n".encode(),
                 ("finding", "unsourced-claim")),
    "utf8-bom.md": (b"\xef\xbb\xbf" + "Harbor Plan\n\n\u201cWe will finish the pier before the summer.\u201d\n".encode(),
                    ("finding", "unattributed-quote")),
}


def article(rng, i, n):
    """(relative path, bytes, expected rules) of article i."""
    folder = "%02d/%d" % (i // (PER_FOLDER * 10), (i // PER_FOLDER) % 10)
    ext = ".md" if i % 7 == 3 else ".txt"
    rel = "%s/%06d%s" % (folder, i, ext)
    if i == n - 1:  # the last file: a unique title the server must find
        return rel, ("Zebra Quokka Ledger Audit %d\n\n%s\n" % (i, sourced_claim(rng))).encode(), set()
    if i in rare_positions(n):
        t, f, l = PEOPLE[i % len(PEOPLE)]
        body = "%s runs the night boats, %s %s %s said." % (RARE_ORG, t, f, l)
        expected = set()
        if i == rare_positions(n)[-1] or i == rare_positions(n)[0]:
            value = 3.0 if i == rare_positions(n)[0] else 7.0
            body = "%s approved a budget of $%.1f million on Tuesday, %s %s said." % (RARE_ORG, value, t, l)
            expected = {"conflicting-figure"}
        return rel, ("Ferry News\n\n%s\n" % body).encode(), expected
    if i in misquote_positions(n):
        words = MISQUOTE[misquote_positions(n).index(i)]
        return rel, ("Ferry Service\n\n\u201c%s,\u201d said Mayor Dana Okafor.\n" % words).encode(), {"misquote"}
    kind = rng.choices([k for k, _ in KIND_WEIGHTS], [w for _, w in KIND_WEIGHTS])[0]
    template, rules = KINDS[kind]
    paras = [rng.choice(CLEAN)(rng) for _ in range(rng.randint(0 if template else 1, 2))]
    if template is unbalanced:  # last: a paragraph opening with a quotation mark after it would
        paras.append(template(rng))  # continue the quote (the news convention), not leave it open
    elif template:  # first, so nothing before it can carry a speaker or a source over
        paras.insert(0, template(rng))
    text = rng.choice(HEADLINES) + "\n\n" + "\n\n".join(paras) + "\n"
    return rel, text.encode(), set(rules)


def generate(root, n, seed):
    """Writes the articles; returns the manifest: {relative path: expected} where expected is
    {"rules": [...]} for articles and {"hostile": ...} for hostile files."""
    rng = random.Random(seed)
    manifest = {}
    for i in range(n):
        rel, data, rules = article(rng, i, n)
        path = os.path.join(root, rel)
        if i % PER_FOLDER == 0:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            # not an article: the walk must leave it alone
            with open(os.path.join(os.path.dirname(path), "notes.csv"), "wb") as f:
                f.write(b"slug,editor\nharbor-plan,okafor\n")
        with open(path, "wb") as f:
            f.write(data)
        manifest[rel] = {"rules": sorted(rules), "bytes": len(data)}
    hostile_dir = "%02d/%d" % ((n // 2) // (PER_FOLDER * 10), ((n // 2) // PER_FOLDER) % 10)
    for name, (data, expect) in HOSTILE.items():
        rel = hostile_dir + "/hostile-" + name
        with open(os.path.join(root, rel), "wb") as f:
            f.write(data)
        manifest[rel] = {"hostile": expect, "bytes": len(data)}
    return manifest


def prepare(args):
    root = os.path.join(args.work_dir, "articles")
    stamp = os.path.join(args.work_dir, "stamp.json")
    key = "%d %d %d" % (FORMAT_VERSION, args.files, args.seed)
    try:
        with open(stamp) as f:
            cached = json.load(f)
        if cached["key"] == key and os.path.isdir(root):
            rels = list(cached["manifest"])
            if all(os.path.isfile(os.path.join(root, r)) for r in rels[:: max(1, len(rels) // 200)]):
                return root, cached["manifest"], "cached in %s" % args.work_dir
    except (OSError, ValueError, KeyError):
        pass
    shutil.rmtree(root, ignore_errors=True)
    try:
        os.unlink(stamp)
    except OSError:
        pass
    os.makedirs(root)
    t = time.perf_counter()
    manifest = generate(root, args.files, args.seed)
    with open(stamp, "w") as f:
        json.dump({"key": key, "manifest": manifest}, f)
    return root, manifest, "generated in %.1f s" % (time.perf_counter() - t)


# ------------------------------------------------------------------ running and timing

class Run:
    def __init__(self, argv, rc, out, err, wall, cpu, maxrss):
        self.argv, self.rc, self.out, self.err = argv, rc, out, err
        self.wall, self.cpu, self.maxrss = wall, cpu, maxrss


GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def hwm_poller(pid, box):
    """Keeps box[0] at the latest VmHWM of pid while it runs (the fallback without GNU time)."""
    while True:
        v = vm_hwm(pid)
        if v is None:
            return
        box[0] = v
        time.sleep(0.005)


def run(argv, cwd=None, capture=True, env=None, timeout=None):
    """Runs argv: exit code (negative: killed by that signal), stdout, stderr, wall time, CPU time
    (user + system of it and the children it waited for, from wait4) and peak RSS.

    The peak RSS is not wait4's ru_maxrss: a child forked from this Python process starts with
    Python's resident set, and Linux carries that high-water mark across exec. GNU time (a small
    process) forks the command and reports the command's own; without it, VmHWM of the direct
    child is polled every 5 ms (for a `sh -c` pipeline that is the shell's, so it is left out)."""
    out_f = tempfile.TemporaryFile() if capture else subprocess.DEVNULL
    err_f = tempfile.TemporaryFile()
    rss_f = tempfile.NamedTemporaryFile(prefix="bench-tiny-time-", delete=False) if GNU_TIME else None
    full = [GNU_TIME, "-f", "%M", "-o", rss_f.name] + list(argv) if GNU_TIME else list(argv)
    t = time.perf_counter()
    # its own process group, so a run past `timeout` can be ended with everything it started
    proc = subprocess.Popen(full, cwd=cwd, stdout=out_f, stderr=err_f, env=env, start_new_session=True)
    killer = None
    if timeout:
        killer = threading.Timer(timeout, lambda: os.killpg(proc.pid, signal.SIGKILL))
        killer.start()
    box = [None]
    poller = None
    if not GNU_TIME and argv[0] != "sh":
        poller = threading.Thread(target=hwm_poller, args=(proc.pid, box), daemon=True)
        poller.start()
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    timed_out = False
    if killer:
        killer.cancel()
        timed_out = wall >= timeout
    rc = os.waitstatus_to_exitcode(status)
    proc.returncode = rc
    if poller:
        poller.join()
    maxrss = box[0]
    if rss_f:
        rss_f.close()
        with open(rss_f.name) as f:
            lines = f.read().splitlines()
        os.unlink(rss_f.name)
        for line in lines:
            if line.startswith("Command terminated by signal"):
                rc = -int(line.split()[-1])
        try:
            maxrss = int(lines[-1]) * 1024
        except (IndexError, ValueError):
            maxrss = None
    out = b""
    if capture:
        out_f.seek(0)
        out = out_f.read()
        out_f.close()
    err_f.seek(0)
    err = err_f.read()
    err_f.close()
    r = Run(argv, rc, out, err, wall, ru.ru_utime + ru.ru_stime, maxrss)
    r.timed_out = timed_out
    return r


def best(runs, argv, **kw):
    """The run with the best wall time of `runs` (all are checked by the caller via the last)."""
    results = [run(argv, **kw) for _ in range(runs)]
    return min(results, key=lambda r: r.wall), results


# ------------------------------------------------------------------ b) byline lint

def check_lint(root, manifest, r, label):
    """Checks one lint run's output; returns the number of files with findings."""
    if r.rc < 0:
        problem("%s: killed by signal %d" % (label, -r.rc))
    elif r.rc != 1:
        problem("%s: exit %d, expected 1 (findings)" % (label, r.rc))
    err = r.err.decode("utf-8", "replace")
    for marker in ("AddressSanitizer", "LeakSanitizer", "runtime error:", "Segmentation", "Too many open files"):
        if marker in err:
            problem("%s: stderr says %r" % (label, marker))
    found = {}  # rel -> set of rules
    bad_json = 0
    prefix = root.rstrip("/") + "/"
    for line in r.out.splitlines():
        try:
            f = json.loads(line)
            path, rule = f["file"], f["rule"]
        except (ValueError, KeyError, TypeError):
            bad_json += 1
            if bad_json <= 3:
                problem("%s: a line that is not a JSON finding: %r" % (label, line[:200]))
            continue
        rel = path[len(prefix):] if path.startswith(prefix) else path
        found.setdefault(rel, set()).add(rule)
    if bad_json:
        problem("%s: %d lines of output are not JSON findings" % (label, bad_json))
    unknown = [p for p in found if p not in manifest]
    if unknown:
        problem("%s: findings for %d files that were not generated, e.g. %s" % (label, len(unknown), unknown[:3]))
    expected_files = missing_files = 0
    missing_by_rule = {}
    extra_files = 0
    for rel, exp in manifest.items():
        got = found.get(rel, set())
        if "hostile" in exp:
            continue
        rules = set(exp["rules"])
        if rules:
            expected_files += 1
            lost = rules - got
            if lost:
                missing_files += 1
                for rule in lost:
                    missing_by_rule.setdefault(rule, []).append(rel)
        elif got - set(CORPUS_RULES):
            extra_files += 1
    for rule, rels in sorted(missing_by_rule.items()):
        problem("%s: %d files lack their %s finding, e.g. %s" % (label, len(rels), rule, rels[:3]))
    # hostile files
    err_lines = set(err.splitlines())
    for rel, exp in manifest.items():
        if "hostile" not in exp:
            continue
        want = exp["hostile"]
        path = prefix + rel
        if want is None:
            if rel in found:
                problem("%s: %s got findings %s, expected none" % (label, rel, sorted(found[rel])))
            if any(l.startswith(path + ":") for l in err_lines):
                problem("%s: %s got a message on stderr, expected none" % (label, rel))
        elif want[0] == "finding":
            if want[1] not in found.get(rel, ()):
                problem("%s: %s lacks its %s finding (has %s)" % (label, rel, want[1], sorted(found.get(rel, ()))))
        else:
            if not any(l.startswith(path + ":1: warning: " + want[1]) for l in err_lines):
                problem("%s: no `%s:1: warning: %s...` on stderr" % (label, path, want[1]))
    # nothing else on stderr but the skipped files' lines
    others = [l for l in err_lines if l and not any(l.startswith(prefix + rel + ":") for rel, e in manifest.items()
                                                    if "hostile" in e)]
    if others:
        problem("%s: unexpected stderr lines, e.g. %s" % (label, sorted(others)[:3]))
    log("  %s: %d files with findings (%d expected to have one, %d of them lack one; %d files expected clean "
        "have a finding of a per-article rule)" % (label, len(found), expected_files, missing_files, extra_files))
    return len(found)


def lint_corpus(args, root, manifest, rows):
    """`byline lint --corpus DIR FILE...` (docs/corpus.md: "check a draft against an archive"):
    the planted articles of the first and the last folder linted against the whole set. Bounded
    by --corpus-timeout (default: ten times the plain run's wall time, at least 60 s): a run that
    does not end in it is killed and its findings are missing, which is a problem."""
    planted = sorted(r for r in manifest if set(manifest[r].get("rules", ())) & set(CORPUS_RULES))
    if not planted:
        return
    plain = [row for row in rows if row[0].startswith("byline lint --format json --jobs 2")]
    limit = args.corpus_timeout or max(60.0, 10 * (plain[0][1] if plain else 60.0))
    argv = [args.byline, "lint", "--format", "json", "--jobs", "2", "--corpus", root] + [
        os.path.join(root, r) for r in planted]
    r = run(argv, timeout=limit)
    label = "lint --corpus DIR %d files" % len(planted)
    if r.timed_out:
        problem("%s: did not finish in %.0f s%s; killed, so none of its findings are there"
                % (label, limit, "" if args.corpus_timeout else " (ten times the plain run over every file, at least 60 s)"))
        rows.append(("lint --corpus DIR + %d files (killed)" % len(planted), r.wall, None, None))
        return
    log("byline lint --corpus DIR with %d of its files: exit %d, %.1f s" % (len(planted), r.rc, r.wall))
    if r.rc != 1:
        problem("%s: exit %d, expected 1 (findings)" % (label, r.rc))
    found = {}
    for line in r.out.splitlines():
        try:
            f = json.loads(line)
            found.setdefault(os.path.relpath(f["file"], root), set()).add(f["rule"])
        except (ValueError, KeyError, TypeError):
            problem("%s: a line that is not a JSON finding: %r" % (label, line[:200]))
    for rel in planted:
        lost = set(manifest[rel]["rules"]) - found.get(rel, set())
        if lost:
            problem("%s: %s lacks its %s finding" % (label, rel, ", ".join(sorted(lost))))
    rows.append(("lint --corpus DIR + %d of its files" % len(planted), r.wall, r.cpu, r.maxrss))


# ------------------------------------------------------------------ c) byline serve

def vm_hwm(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def file_uri(path):
    return "file://" + urllib.parse.quote(os.path.abspath(path))


def serve(args, root, manifest):
    """Returns a dict of figures, or None when the server could not be driven."""
    from lspclient import LspClient  # tests/protocol/lspclient.py
    env = {"BYLINE_LOG": "info"}
    c = LspClient(binary=args.byline, env=env)
    answered = set()

    def answer_server_requests():
        for m in c.messages_since(0):
            if "method" in m and "id" in m and json.dumps(m["id"]) not in answered:
                answered.add(json.dumps(m["id"]))
                c.send({"jsonrpc": "2.0", "id": m["id"], "result": None})

    figures = {}
    try:
        caps = {"window": {"workDoneProgress": True},
                "textDocument": {"publishDiagnostics": {"relatedInformation": True}}}
        params = {"processId": os.getpid(), "rootUri": file_uri(root), "capabilities": caps,
                  "workspaceFolders": [{"uri": file_uri(root), "name": "articles"}],
                  "initializationOptions": {"debounceMs": 0}}
        resp = c.request("initialize", params, timeout=30)
        if "result" not in resp:
            problem("serve: initialize failed: %r" % resp)
            return None
        mark = c.mark()
        t0 = time.perf_counter()
        cpu0 = cpu_of(c.pid)
        c.notify("initialized", {})
        c.wait_for(lambda m: m.get("method") == "window/workDoneProgress/create", 60, "workDoneProgress/create",
                   start=mark)
        answer_server_requests()
        # While it indexes, a request every 50 ms that any handler answers at once (an unknown
        # method): its latency is how long the loop is kept from reading (the walk, merges).
        is_end = lambda m: m.get("method") == "$/progress" and m["params"]["value"]["kind"] == "end"  # noqa: E731
        lat = []
        deadline = t0 + args.index_timeout
        while not any(is_end(m) for m in c.messages_since(mark)) and time.perf_counter() < deadline:
            t = time.perf_counter()
            c.barrier(timeout=args.index_timeout)
            lat.append((time.perf_counter() - t) * 1000)
            time.sleep(0.05)
        end = c.wait_for(is_end, max(1.0, deadline - time.perf_counter()), "$/progress end", start=mark)
        figures["index_wall"] = time.perf_counter() - t0
        lat.sort()
        figures["probe"] = (len(lat), lat[len(lat) // 2] if lat else 0, lat[-1] if lat else 0)
        cpu1 = cpu_of(c.pid)
        figures["index_cpu"] = (cpu1 - cpu0) if cpu0 is not None and cpu1 is not None else None
        progress = [m for m in c.messages_since(mark) if m.get("method") == "$/progress"]
        figures["progress_messages"] = len(progress)
        reports = [p["params"]["value"].get("message", "") for p in progress if p["params"]["value"]["kind"] == "report"]
        total = len(manifest)
        if reports and not reports[-1].endswith("/%d files" % total):
            problem("serve: progress counts %r, expected .../%d files" % (reports[-1], total))
        log("  indexing: %s after %.1f s, %d $/progress messages (last report %r); a request while it ran "
            "answered in %.1f ms (median of %d), %.0f ms at worst"
            % (end["params"]["value"].get("message"), figures["index_wall"], len(progress),
               reports[-1] if reports else None, figures["probe"][1], figures["probe"][0], figures["probe"][2]))

        # workspace/symbol: the last file's unique title
        last_rel = max(r for r in manifest if "hostile" not in manifest[r])
        t = time.perf_counter()
        resp = c.request("workspace/symbol", {"query": "Zebra Quokka Ledger Audit"}, timeout=60)
        figures["symbol_ms"] = (time.perf_counter() - t) * 1000
        syms = resp.get("result") or []
        if "result" not in resp:
            problem("serve: workspace/symbol failed: %r" % resp)
        elif not any(s.get("kind") == 1 and s["location"]["uri"] == file_uri(os.path.join(root, last_rel))
                     for s in syms):
            problem("serve: workspace/symbol did not find the last file's title (%s) among %d symbols"
                    % (last_rel, len(syms)))

        # references: open the first planted file and ask for every mention of the rare entity
        rare = sorted(r for r in manifest if "hostile" not in manifest[r] and RARE_ORG.encode()
                      in open(os.path.join(root, r), "rb").read())
        first = os.path.join(root, rare[0])
        text = open(first, encoding="utf-8").read()
        # The planted files of the first folder, opened: their corpus findings (against files in
        # the last folder) must be in what the server publishes, as in lint's output.
        for rel in sorted(r for r in manifest if set(manifest[r].get("rules", ())) & set(CORPUS_RULES))[:2]:
            path = os.path.join(root, rel)
            m0 = c.mark()
            c.did_open(file_uri(path), open(path, encoding="utf-8").read())
            diags = c.wait_diagnostics(file_uri(path), start=m0, timeout=60)["diagnostics"]
            got_rules = {d.get("code") for d in diags}
            lost = set(manifest[rel]["rules"]) - got_rules
            if lost:
                problem("serve: the open %s lacks its %s diagnostic (has %s)" % (rel, ", ".join(sorted(lost)),
                                                                               sorted(got_rules)))
        line_no = text.split("\n").index(next(l for l in text.split("\n") if RARE_ORG in l))
        col = text.split("\n")[line_no].index("Quillon")
        t = time.perf_counter()
        resp = c.request("textDocument/references", {"textDocument": {"uri": file_uri(first)},
                                                     "position": {"line": line_no, "character": col},
                                                     "context": {"includeDeclaration": True}}, timeout=60)
        figures["refs_ms"] = (time.perf_counter() - t) * 1000
        refs = resp.get("result") or []
        got = sorted({urllib.parse.unquote(l["uri"][len("file://"):]) for l in refs})
        want = sorted(os.path.abspath(os.path.join(root, r)) for r in rare)
        if "result" not in resp:
            problem("serve: references failed: %r" % resp)
        elif got != want:
            problem("serve: references to %r list %d files, expected the %d that name it: %s"
                    % (RARE_ORG, len(got), len(want), sorted(set(want) ^ set(got))[:4]))
        # the hostile files the index leaves out are said so in the log (BYLINE_LOG=info)
        for rel, exp in manifest.items():
            if "hostile" in exp and exp["hostile"] and exp["hostile"][0] == "stderr":
                if "%s: not UTF-8 text; left out of the corpus" % os.path.join(root, rel) not in c.stderr:
                    problem("serve: the log does not say %s was left out of the corpus" % rel)
        figures["hwm"] = vm_hwm(c.pid)
        code = c.shutdown_and_exit(timeout=60)
        if code != 0:
            problem("serve: exit code %r after shutdown and exit" % code)
        for marker in ("AddressSanitizer", "LeakSanitizer", "runtime error:", "Segmentation", "Too many open files"):
            if marker in c.stderr:
                problem("serve: stderr says %r" % marker)
        if c.protocol_errors:
            problem("serve: malformed frames: %s" % c.protocol_errors[:3])
    except AssertionError as e:  # lspclient's waits fail with the transcript
        problem("serve: %s" % str(e)[:3000])
        return None
    finally:
        c.close()
    return figures


def cpu_of(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


# ------------------------------------------------------------------ main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--byline", required=True, help="the byline binary")
    ap.add_argument("--work-dir", default=os.path.join(tempfile.gettempdir(), "byline-bench-tiny"),
                    help="where the files are generated and kept (a stamp file says which set)")
    ap.add_argument("--files", type=int, default=100_000, help="how many articles")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--runs", type=int, default=1, help="timed runs of each command (best wall time is kept)")
    ap.add_argument("--index-timeout", type=float, default=900, help="seconds the server may take to index")
    ap.add_argument("--skip-lint", action="store_true")
    ap.add_argument("--skip-serve", action="store_true")
    ap.add_argument("--skip-configs", action="store_true", help="no lint run with a .byline.json in every folder")
    ap.add_argument("--skip-corpus", action="store_true", help="no `lint --corpus DIR FILE...` run")
    ap.add_argument("--corpus-timeout", type=float, default=0,
                    help="seconds `lint --corpus` may take (default: 10x the plain run, at least 60)")
    args = ap.parse_args()
    args.byline = os.path.abspath(args.byline)
    if not os.access(args.byline, os.X_OK):
        sys.exit("bench_tiny_files: %s is not an executable (build it first: ninja -C build)" % args.byline)
    if args.files < 10:
        sys.exit("bench_tiny_files: --files must be at least 10")
    os.makedirs(args.work_dir, exist_ok=True)

    root, manifest, how = prepare(args)
    nfiles = len(manifest)
    nbytes = sum(e["bytes"] for e in manifest.values())
    log("files: %d articles + %d hostile files, %.2f MB (%d bytes on average), in %d folders, %s"
        % (args.files, len(HOSTILE), nbytes / 1e6, nbytes // nfiles, (args.files + PER_FOLDER - 1) // PER_FOLDER, how))
    try:
        log("load average: %s" % " ".join(open("/proc/loadavg").read().split()[:3]))
    except OSError:
        pass
    # Warm the page cache (and the dentry cache) so no command pays for the disk.
    run(["sh", "-c", 'find "$1" -type f -print0 | xargs -0 cat > /dev/null', "sh", root], capture=False)

    rows = []
    find = 'find "$1" -type f \\( -name "*.txt" -o -name "*.md" \\) -print0 | xargs -0 %s > /dev/null'
    wc, _ = best(args.runs, ["sh", "-c", find % "wc -w", "sh", root], capture=False)
    cat, _ = best(args.runs, ["sh", "-c", find % "cat", "sh", root], capture=False)
    for r, name in ((wc, "wc -w"), (cat, "cat")):
        if r.rc != 0 and name == "cat":
            problem("floor: %s exited %d: %s" % (name, r.rc, r.err[-300:]))
    rows.append(("find | xargs wc -w (floor)", wc.wall, wc.cpu, wc.maxrss))
    rows.append(("find | xargs cat", cat.wall, cat.cpu, cat.maxrss))

    if not args.skip_lint:
        outputs = {}
        for jobs in (1, 2):
            r, runs = best(args.runs, [args.byline, "lint", "--format", "json", "--jobs", str(jobs), root])
            log("byline lint --jobs %d: exit %d, %.1f s" % (jobs, r.rc, r.wall))
            for k, each in enumerate(runs):
                check_lint(root, manifest, each, "lint --jobs %d%s" % (jobs, "" if len(runs) == 1 else " run %d" % k))
            outputs[jobs] = hashlib.sha256(r.out).hexdigest()
            rows.append(("byline lint --format json --jobs %d" % jobs, r.wall, r.cpu, r.maxrss))
        if outputs[1] != outputs[2]:
            problem("lint: --jobs 1 and --jobs 2 printed different output")
        if not args.skip_configs:
            # A newsroom keeps a .byline.json per desk: one in every folder, each setting a rule to
            # its default severity, so the output must be the same bytes as without them.
            folders = sorted({os.path.dirname(os.path.join(root, r)) for r in manifest})
            made = []
            try:
                for d in folders:
                    cfg = os.path.join(d, ".byline.json")
                    with open(cfg, "w") as f:
                        f.write('{"rules": {"unsourced-claim": "warning"}}\n')
                    made.append(cfg)
                r, runs = best(args.runs, [args.byline, "lint", "--format", "json", "--jobs", "2", root])
            finally:
                for cfg in made:
                    os.unlink(cfg)
            log("byline lint --jobs 2, a .byline.json in each of %d folders: exit %d, %.1f s" % (len(folders), r.rc, r.wall))
            for k, each in enumerate(runs):
                check_lint(root, manifest, each, "lint with configs%s" % ("" if len(runs) == 1 else " run %d" % k))
            if hashlib.sha256(r.out).hexdigest() != outputs[2]:
                problem("lint: a .byline.json that sets a rule to its default changed the output")
            rows.append(("lint --jobs 2, .byline.json per folder", r.wall, r.cpu, r.maxrss))

    if not args.skip_lint and not args.skip_corpus:
        lint_corpus(args, root, manifest, rows)

    if not args.skip_serve:
        fig = serve(args, root, manifest)
        if fig:
            rows.append(("byline serve: index to $/progress end", fig["index_wall"], fig["index_cpu"], fig["hwm"]))
            log("  workspace/symbol %.1f ms, references %.1f ms (after indexing; wall, through the pipes)"
                % (fig["symbol_ms"], fig["refs_ms"]))

    log("")
    # Ratios against the floor in wall time and in CPU time: on a shared machine the CPU ratio
    # is the steadier one (the wall ratio moves with what else runs).
    log("%-40s %8s %8s %8s %8s %8s %9s %9s" % ("", "wall s", "cpu s", "wall/wc", "cpu/wc", "us/file", "peak RSS",
                                             "RSS/byte"))
    for name, wall, cpu, rss in rows:
        log("%-40s %8.2f %8s %8.1f %8s %8.0f %9s %9s" % (
            name, wall, "%.2f" % cpu if cpu is not None else "?", wall / wc.wall if wc.wall else 0,
            "%.1f" % (cpu / wc.cpu) if cpu is not None and wc.cpu else "?", wall / nfiles * 1e6,
            "%.1fM" % (rss / 2**20) if rss else "?", "%.1f" % (rss / nbytes) if rss else "?"))
    log("(%d files, %d bytes; load average at the end: %s)" % (nfiles, nbytes, " ".join(open("/proc/loadavg").read().split()[:3])))
    if problems:
        log("")
        log("%d problem(s):" % len(problems))
        for p in problems:
            log("  " + p)
        sys.exit(1)
    log("all checks passed")


if __name__ == "__main__":
    main()
