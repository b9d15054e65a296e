"""bench_startup.py: start-up to first diagnostics (product.md: under 50 ms).

Each round starts the real `byline serve`, writes what an editor writes when it opens an article
(initialize with the options an editor sends, initialized, didOpen of a ~10 KB article) in one
go, and stops the clock when the server's first publishDiagnostics for that article arrives. The
round then shuts the server down cleanly (shutdown, exit; exit code 0 is checked).

Also the server's CPU time (user + system, for the whole process including its shutdown): on a
shared, loaded machine the wall time is mostly waiting for a core, the CPU time is not.

The floor, measured in the same run the same way: start `cat`, write the same bytes, read the
first byte back (process start plus a pipe round trip, which no server can beat).

Prints p50/p90/max over --rounds (default 30) for both and their ratio. Exits non-zero only when
something is wrong (no publish, a bad exit), never on speed. By hand:
    python3 tests/bench/bench_startup.py --byline build/server/byline [--article FILE] [--rounds N]
"""

import argparse
import json
import os
import resource
import select
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))


def frame(msg):
    body = json.dumps(msg, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def editor_opening(uri, text):
    """The bytes an editor sends to open one article: initialize (no debounce override: what a
    client sends by default), initialized, didOpen."""
    init = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"processId": os.getpid(), "rootUri": None,
                       "capabilities": {"general": {"positionEncodings": ["utf-16"]},
                                        "textDocument": {"publishDiagnostics": {"relatedInformation": True}}}}}
    opened = {"jsonrpc": "2.0", "method": "textDocument/didOpen",
              "params": {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}}
    return frame(init) + frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}) + frame(opened)


class Reader:
    """Reads framed messages from a pipe with a deadline."""

    def __init__(self, fd):
        self.fd, self.buf = fd, b""

    def next(self, deadline):
        while True:
            end = self.buf.find(b"\r\n\r\n")
            if end >= 0:
                length = None
                for line in self.buf[:end].split(b"\r\n"):
                    k, _, v = line.partition(b":")
                    if k.strip().lower() == b"content-length":
                        length = int(v)
                if length is None:
                    raise RuntimeError("a frame without Content-Length: %r" % self.buf[:end])
                if len(self.buf) >= end + 4 + length:
                    body = self.buf[end + 4:end + 4 + length]
                    self.buf = self.buf[end + 4 + length:]
                    return json.loads(body)
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                raise TimeoutError("no message from the server in time")
            chunk = os.read(self.fd, 1 << 16)
            if not chunk:
                raise RuntimeError("the server closed its output")
            self.buf += chunk


def one_server_round(byline, uri, payload):
    t0 = time.perf_counter()
    proc = subprocess.Popen([byline, "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    try:
        proc.stdin.write(payload)
        proc.stdin.flush()
        reader = Reader(proc.stdout.fileno())
        deadline = time.monotonic() + 10
        while True:
            m = reader.next(deadline)
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri:
                elapsed = time.perf_counter() - t0
                found = len(m["params"]["diagnostics"])
                break
        proc.stdin.write(frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}) +
                         frame({"jsonrpc": "2.0", "method": "exit"}))
        proc.stdin.close()
        rc = proc.wait(timeout=10)
        if rc != 0:
            raise RuntimeError("byline serve exited with %d after shutdown and exit" % rc)
        return elapsed, found
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def one_floor_round(payload):
    t0 = time.perf_counter()
    proc = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    proc.stdin.write(payload)
    proc.stdin.flush()
    os.read(proc.stdout.fileno(), 1)
    elapsed = time.perf_counter() - t0
    proc.stdin.close()
    proc.stdout.read()
    proc.wait()
    return elapsed


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--byline", default=os.path.join(ROOT, "build", "server", "byline"))
    ap.add_argument("--article", default=os.path.join(ROOT, "tests", "corpus",
                                                      "01-ledger-cwa-desalination-investigation.txt"))
    ap.add_argument("--size", type=int, default=10_000, help="article bytes (the article repeated to size)")
    ap.add_argument("--rounds", type=int, default=30)
    args = ap.parse_args()

    with open(args.article, encoding="utf-8") as f:
        text = f.read()
    paragraphs = text.split("\n\n")
    body, i = paragraphs[0], 1
    while len(body.encode()) < args.size:
        body += "\n\n" + paragraphs[1 + (i - 1) % max(1, len(paragraphs) - 1)]
        i += 1
    uri = "file:///bench/startup-article.txt"
    payload = editor_opening(uri, body)

    one_server_round(args.byline, uri, payload)  # warm the page cache: binary, data files
    server, floor, cpu, findings = [], [], [], set()
    for _ in range(args.rounds):
        floor.append(one_floor_round(payload))
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t, n = one_server_round(args.byline, uri, payload)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        server.append(t)
        findings.add(n)
    if len(findings) != 1:
        print("bench_startup: the same article gave different diagnostics counts: %s" % sorted(findings))
        return 1

    load = os.getloadavg()[0]
    print("start-up to first diagnostics: %d-byte article, %d findings, %d rounds, load %.2f"
          % (len(body.encode()), findings.pop(), args.rounds, load))
    print("%-34s %9s %9s %9s" % ("", "p50 ms", "p90 ms", "max ms"))
    for name, xs in (("byline serve (spawn -> publish)", server), ("floor: cat (spawn -> first byte)", floor)):
        print("%-34s %9.2f %9.2f %9.2f" % (name, pct(xs, 50) * 1e3, pct(xs, 90) * 1e3, max(xs) * 1e3))
    print("%-34s %9.2f %9.2f %9.2f" % ("byline serve CPU (whole run)", pct(cpu, 50) * 1e3, pct(cpu, 90) * 1e3,
                                         max(cpu) * 1e3))
    print("ratio p50 to the floor: %.1fx; target: under 50 ms" % (pct(server, 50) / pct(floor, 50)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
