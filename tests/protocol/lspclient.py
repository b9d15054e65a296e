"""lspclient.py: a small LSP client for the protocol suite (Python 3 standard library only).

It starts the real `byline serve` and speaks JSON-RPC over its pipes exactly as an editor does:
Content-Length framing on stdin, a reader thread that parses framed messages from stdout into a
list every wait can scan, and a second thread that keeps the server's stderr (so a failure can
show what the server said, and so a chatty server can never block on a full stderr pipe).

Rules the helpers keep, because a protocol test must fail rather than hang:
  * every wait has a timeout; a server that stops answering fails the test with the transcript
    tail and its stderr in the message;
  * a frame the server writes that is not well formed is recorded and fails the test;
  * every request id the client sends is remembered, so a test can check that each request got
    exactly one response and nothing else was answered (`assert_one_response_per_request`).

The binary comes from $BYLINE (meson's test_env sets it); run by hand, it falls back to
../../build/server/byline relative to this file.
"""

import json
import os
import subprocess
import sys
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DEFAULT_TIMEOUT = 5.0

# JSON-RPC and LSP error codes the suite asserts on.
PARSE_ERROR = -32700
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
SERVER_NOT_INITIALIZED = -32002
REQUEST_CANCELLED = -32800

# window/logMessage types
LOG_ERROR, LOG_WARNING, LOG_INFO, LOG_LOG = 1, 2, 3, 4


def byline_path():
    path = os.environ.get("BYLINE")
    if path:
        return path
    return os.path.normpath(os.path.join(HERE, "..", "..", "build", "server", "byline"))


def frame(body):
    """Frames a message: a dict is encoded as JSON (UTF-8, no ASCII escaping, so multi-byte text
    really travels as multi-byte bytes and Content-Length must count bytes); bytes go as they are."""
    if not isinstance(body, (bytes, bytearray)):
        body = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + bytes(body)


class ProtocolError(AssertionError):
    """The server wrote bytes that are not a well-formed LSP frame."""


class LspClient:
    def __init__(self, binary=None, args=("serve",), env=None):
        self.binary = binary or byline_path()
        if not os.path.exists(self.binary):
            raise unittest.SkipTest("byline binary not found at %s (set BYLINE or build first)" % self.binary)
        full_env = dict(os.environ)
        # Same docs location meson's test_env gives, so hrefs are the same run either way.
        full_env.setdefault("BYLINE_DOCS_DIR", os.path.join(SOURCE_ROOT, "docs"))
        if env:
            full_env.update(env)
        self.docs_dir = full_env["BYLINE_DOCS_DIR"]
        self.proc = subprocess.Popen([self.binary, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, bufsize=0, env=full_env)
        self.pid = self.proc.pid
        self.messages = []          # every message the server sent, in order
        self.transcript = []        # ("->" | "<-", short text) for failure messages
        self.protocol_errors = []   # malformed frames from the server
        self.sent_request_ids = []  # ids of the requests the client sent (json-equal values)
        self.stdout_closed = False
        self._stderr = bytearray()
        self._cond = threading.Condition()
        self._next_id = 100000  # automatic ids; tests pick explicit ids below this
        self._write_lock = threading.Lock()
        self._reader = threading.Thread(target=self._read_stdout, daemon=True)
        self._reader.start()
        self._err_reader = threading.Thread(target=self._read_stderr, daemon=True)
        self._err_reader.start()

    # ------------------------------------------------------------------ reading

    def _read_stdout(self):
        fd = self.proc.stdout.fileno()
        buf = bytearray()
        while True:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                break
            buf += chunk
            while True:
                msg, used = self._parse_one(buf)
                if used == 0:
                    break
                del buf[:used]
                if msg is not None:
                    with self._cond:
                        self.messages.append(msg)
                        self.transcript.append(("<-", json.dumps(msg, ensure_ascii=False)[:300]))
                        self._cond.notify_all()
        with self._cond:
            if buf:
                self.protocol_errors.append("stdout ended inside a frame: %r" % bytes(buf[:200]))
            self.stdout_closed = True
            self._cond.notify_all()

    def _parse_one(self, buf):
        """Returns (message or None, bytes consumed); consumed 0 means more bytes are needed."""
        end = buf.find(b"\r\n\r\n")
        if end < 0:
            if len(buf) > 8192:
                self._protocol_error("no header end in %r" % bytes(buf[:200]))
                return None, len(buf)
            return None, 0
        length = None
        for line in bytes(buf[:end]).split(b"\r\n"):
            name, sep, value = line.partition(b":")
            if not sep:
                self._protocol_error("header line without a colon: %r" % line)
            elif name.strip().lower() == b"content-length":
                length = int(value.strip())
        if length is None:
            self._protocol_error("header without Content-Length: %r" % bytes(buf[:end]))
            return None, end + 4
        if len(buf) < end + 4 + length:
            return None, 0
        body = bytes(buf[end + 4:end + 4 + length])
        try:
            msg = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            self._protocol_error("body is not JSON (%s): %r" % (e, body[:200]))
            msg = None
        if msg is not None and not (isinstance(msg, dict) and msg.get("jsonrpc") == "2.0"):
            self._protocol_error("not a JSON-RPC 2.0 object: %r" % body[:200])
        return msg, end + 4 + length

    def _protocol_error(self, text):
        with self._cond:
            self.protocol_errors.append(text)

    def _read_stderr(self):
        fd = self.proc.stderr.fileno()
        while True:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            with self._cond:
                self._stderr += chunk

    @property
    def stderr(self):
        with self._cond:
            return self._stderr.decode("utf-8", "replace")

    # ------------------------------------------------------------------ writing

    def send_raw(self, data, request_ids=()):
        """Writes bytes exactly as given, in one write. request_ids: ids of requests hidden in
        the bytes, so the exactly-one-response check knows about them."""
        self.sent_request_ids.extend(request_ids)
        with self._cond:
            self.transcript.append(("->", repr(bytes(data[:300]))))
        with self._write_lock:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()

    def send(self, msg):
        """Frames and writes one message (a dict) in one write."""
        if isinstance(msg, dict) and "id" in msg and "method" in msg:
            self.sent_request_ids.append(msg["id"])
        self.send_raw(frame(msg))

    def next_id(self):
        i = self._next_id
        self._next_id += 1
        return i

    def request_message(self, method, params=None, id=None):
        msg = {"jsonrpc": "2.0", "id": self.next_id() if id is None else id, "method": method}
        if params is not None:
            msg["params"] = params
        return msg

    def notification_message(self, method, params=None):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        return msg

    def send_request(self, method, params=None, id=None):
        msg = self.request_message(method, params, id)
        self.send(msg)
        return msg["id"]

    def request(self, method, params=None, id=None, timeout=DEFAULT_TIMEOUT):
        """Sends a request and returns its response (the whole message, result or error)."""
        rid = self.send_request(method, params, id)
        return self.response(rid, timeout)

    def notify(self, method, params=None):
        self.send(self.notification_message(method, params))

    def close_stdin(self):
        try:
            self.proc.stdin.close()
        except OSError:
            pass

    # ------------------------------------------------------------------ waiting

    def wait_for(self, predicate, timeout=DEFAULT_TIMEOUT, what="a matching message", start=0):
        """Returns the first message (from index `start`) that satisfies predicate; fails the
        test after `timeout` seconds, or as soon as the server closes stdout without it."""
        deadline = time.monotonic() + timeout
        i = start
        with self._cond:
            while True:
                while i < len(self.messages):
                    m = self.messages[i]
                    i += 1
                    if predicate(m):
                        return m
                if self.stdout_closed:
                    self._fail("server closed stdout before sending %s" % what)
                left = deadline - time.monotonic()
                if left <= 0:
                    self._fail("timed out after %.1fs waiting for %s" % (timeout, what))
                self._cond.wait(left)

    def response(self, rid, timeout=DEFAULT_TIMEOUT):
        return self.wait_for(lambda m: is_response(m) and m.get("id") == rid and type(m.get("id")) is type(rid),
                             timeout, "the response to request id %r" % (rid,))

    def barrier(self, timeout=DEFAULT_TIMEOUT):
        """Sends a request no handler knows and waits for its answer. The server handles messages
        in order and writes responses as it handles them, so once this answer is here every
        response to what was sent before it is here too: that is how a test shows that something
        got NO response. (Diagnostics are timer-driven and are not covered by this.)
        Returns the barrier's response (its error code depends on the lifecycle state)."""
        return self.request("byline/testBarrier", {}, timeout=timeout)

    def mark(self):
        """Index of the next message to arrive: pass as `start` to wait only for newer ones."""
        with self._cond:
            return len(self.messages)

    def messages_since(self, start):
        with self._cond:
            return list(self.messages[start:])

    def wait_exit(self, timeout=DEFAULT_TIMEOUT):
        """Waits for the process to end; returns its exit code (fails the test on a hang)."""
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self._fail("server still running %.1fs after it should have exited" % timeout)
        self._reader.join(timeout)
        self._err_reader.join(timeout)
        return code

    def alive(self):
        return self.proc.poll() is None

    def _fail(self, text):
        raise AssertionError("%s\n%s" % (text, self.describe()))

    def describe(self, lines=25):
        with self._cond:
            tail = self.transcript[-lines:]
            err = self._stderr.decode("utf-8", "replace")[-3000:]
            perr = list(self.protocol_errors)
        out = ["--- last %d messages (-> client to server, <- server to client):" % len(tail)]
        out += ["%s %s" % t for t in tail]
        if perr:
            out.append("--- malformed output from the server: %s" % perr)
        out.append("--- server stderr:\n%s" % (err or "(empty)"))
        return "\n".join(out)

    # ------------------------------------------------------------------ LSP helpers

    def initialize(self, encodings=("utf-16",), debounce_ms=0, extra_params=None):
        """Sends initialize (+ initialized) and returns the initialize RESULT. encodings=None
        leaves general.positionEncodings out altogether."""
        caps = {"textDocument": {"publishDiagnostics": {"relatedInformation": True}}}
        if encodings is not None:
            caps["general"] = {"positionEncodings": list(encodings)}
        params = {"processId": os.getpid(), "rootUri": None, "capabilities": caps}
        if debounce_ms is not None:
            params["initializationOptions"] = {"debounceMs": debounce_ms}
        if extra_params:
            params.update(extra_params)
        resp = self.request("initialize", params)
        if "result" not in resp:
            self._fail("initialize failed: %r" % resp)
        self.notify("initialized", {})
        return resp["result"]

    def shutdown_and_exit(self, timeout=DEFAULT_TIMEOUT):
        """shutdown (must answer null), then exit; returns the process exit code."""
        resp = self.request("shutdown", None, timeout=timeout)
        if resp.get("result", "missing") is not None or "error" in resp:
            self._fail("shutdown did not answer null: %r" % resp)
        self.notify("exit")
        return self.wait_exit(timeout)

    def did_open(self, uri, text, version=1, language_id="plaintext"):
        self.notify("textDocument/didOpen",
                    {"textDocument": {"uri": uri, "languageId": language_id, "version": version, "text": text}})

    def did_change(self, uri, version, changes):
        self.notify("textDocument/didChange",
                    {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes})

    def did_close(self, uri):
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

    def wait_diagnostics(self, uri, version=None, start=0, timeout=DEFAULT_TIMEOUT):
        """The first publishDiagnostics for uri (and version, when given) from index start."""
        def match(m):
            if m.get("method") != "textDocument/publishDiagnostics":
                return False
            p = m.get("params", {})
            return p.get("uri") == uri and (version is None or p.get("version") == version)
        what = "publishDiagnostics for %s%s" % (uri, "" if version is None else " version %r" % version)
        return self.wait_for(match, timeout, what, start)["params"]

    def publishes(self, uri=None):
        with self._cond:
            return [m["params"] for m in self.messages
                    if m.get("method") == "textDocument/publishDiagnostics"
                    and (uri is None or m["params"].get("uri") == uri)]

    def log_messages(self, start=0):
        with self._cond:
            return [m["params"] for m in self.messages[start:] if m.get("method") == "window/logMessage"]

    def responses(self):
        with self._cond:
            return [m for m in self.messages if is_response(m)]

    def vm_rss_kb(self):
        """The server's resident set size in kB, from /proc/<pid>/status (None when unknown)."""
        try:
            with open("/proc/%d/status" % self.pid) as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            return None
        return None

    def close(self):
        """Ends the process if it is still running (only this client's own child)."""
        for stream in (self.proc.stdin,):
            try:
                stream.close()
            except OSError:
                pass
        if self.proc.poll() is None:
            try:
                self.proc.wait(2)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self._reader.join(2)
        self._err_reader.join(2)
        for stream in (self.proc.stdout, self.proc.stderr):
            try:
                stream.close()
            except OSError:
                pass


# ---------------------------------------------------------------------- a model of the text
#
# The suite checks the server's copy of a document through what it publishes. These functions
# are an independent model of LSP text sync (written from the spec, not from the server's code):
# the tests apply the same edits here and compare what the server reports with what the model
# predicts.

def _units(ch, enc):
    if enc == "utf-8":
        return len(ch.encode("utf-8"))
    if enc == "utf-16":
        return 2 if ord(ch) >= 0x10000 else 1
    raise ValueError(enc)


def line_starts(text):
    """Indexes (into the str) where each line starts; lines end at \\n, \\r\\n or \\r."""
    starts, i = [0], 0
    while i < len(text):
        if text[i] == "\r" and i + 1 < len(text) and text[i + 1] == "\n":
            i += 2
            starts.append(i)
            continue
        if text[i] in "\r\n":
            starts.append(i + 1)
        i += 1
    return starts


def _line_end(text, starts, line):
    if line + 1 >= len(starts):
        return len(text)
    end = starts[line + 1]
    if text[end - 1] == "\n":
        end -= 1
    if end > starts[line] and text[end - 1] == "\r":
        end -= 1
    return end


def to_offset(text, line, character, enc):
    """LSP position -> index into text. A character past the line end clamps to the line end;
    a position inside a multi-unit character raises ValueError (the client sent garbage)."""
    starts = line_starts(text)
    if line == len(starts) and character == 0:
        return len(text)
    if line < 0 or character < 0 or line >= len(starts):
        raise ValueError("position out of range")
    i, have, end = starts[line], 0, _line_end(text, starts, line)
    while have < character and i < end:
        have += _units(text[i], enc)
        i += 1
        if have > character:
            raise ValueError("position inside a character")
    return i


def to_position(text, index, enc):
    """Index into text -> {"line", "character"} in the encoding."""
    starts = line_starts(text)
    line = max(l for l, s in enumerate(starts) if s <= index)
    return {"line": line, "character": sum(_units(ch, enc) for ch in text[starts[line]:index])}


def lsp_range(text, start, end, enc):
    return {"start": to_position(text, start, enc), "end": to_position(text, end, enc)}


def apply_changes(text, changes, enc):
    """Applies a didChange contentChanges array in order, each against the previous result."""
    for ch in changes:
        if "range" not in ch:
            text = ch["text"]
            continue
        r = ch["range"]
        a = to_offset(text, r["start"]["line"], r["start"]["character"], enc)
        b = to_offset(text, r["end"]["line"], r["end"]["character"], enc)
        if a > b:
            raise ValueError("range starts after it ends")
        text = text[:a] + ch["text"] + text[b:]
    return text


CLOSE_MARK = "\u201d"  # ” : with no “ before it, every one is an `unbalanced-quote` finding
OPEN_MARK = "\u201c"   # “


def stray_close_ranges(text, enc):
    """The ranges the server must report for a text whose only quotation marks are closing ”:
    each one is a closing mark with no opening mark before it. Such a text makes the published
    diagnostics a fingerprint of the server's copy of the document."""
    assert OPEN_MARK not in text and '"' not in text and "\u00ab" not in text and "\u00bb" not in text
    out, line, col, i = [], 0, 0, 0
    while i < len(text):
        ch = text[i]
        if ch == "\r" and i + 1 < len(text) and text[i + 1] == "\n":
            i += 1
        if ch in "\r\n":
            line, col = line + 1, 0
        else:
            if ch == CLOSE_MARK:
                out.append({"start": {"line": line, "character": col},
                            "end": {"line": line, "character": col + _units(ch, enc)}})
            col += _units(ch, enc)
        i += 1
    return out


def diagnostic_ranges(diagnostics):
    return [d["range"] for d in diagnostics]


def is_response(m):
    return isinstance(m, dict) and "method" not in m and ("result" in m or "error" in m)


def json_key(v):
    """A hashable key that keeps 1 (number) and "1" (string) apart."""
    return (type(v).__name__, v)


class ServerTestCase(unittest.TestCase):
    """Starts a fresh server per test; afterwards checks that the server wrote only well-formed
    frames, printed no sanitizer report, and answered every request exactly once."""

    maxDiff = None
    # Diagnostics must never go back in time: per URI, a publish never carries a lower version
    # than an earlier one (a close, which publishes with no version, starts the URI afresh).
    check_monotonic_versions = True

    def setUp(self):
        self.client = LspClient()
        self.addCleanup(self._finish)

    def _finish(self):
        c = self.client
        c.close()
        err = c.stderr
        self.assertEqual(c.protocol_errors, [], "the server wrote malformed frames\n" + c.describe())
        if self.check_monotonic_versions:
            last = {}
            for p in c.publishes():
                uri, v = p.get("uri"), p.get("version")
                if v is None:
                    last.pop(uri, None)
                    continue
                self.assertGreaterEqual(v, last.get(uri, v), "publish for %s went back from version %s to %s"
                                        % (uri, last.get(uri), v))
                last[uri] = v
        for marker in ("AddressSanitizer", "LeakSanitizer", "runtime error:", "Assertion", "Segmentation"):
            self.assertNotIn(marker, err, "server stderr reports a crash or sanitizer error\n" + c.describe())

    def assert_one_response_per_request(self, null_id_errors=0):
        """Every request id sent got exactly one response, no response carries an id that was
        never sent, and exactly `null_id_errors` responses have id null (errors for messages
        whose id could not be read). Call it after a barrier or after the server exited."""
        c = self.client
        counts = {}
        for m in c.responses():
            k = json_key(m.get("id"))
            counts[k] = counts.get(k, 0) + 1
        sent = {}
        for rid in c.sent_request_ids:
            k = json_key(rid)
            sent[k] = sent.get(k, 0) + 1
        for k, n in sent.items():
            self.assertEqual(n, 1, "the test reused request id %r" % (k,))
            self.assertEqual(counts.get(k, 0), 1, "request id %r got %d responses\n%s"
                             % (k[1], counts.get(k, 0), c.describe()))
        extra = {k: n for k, n in counts.items() if k not in sent and k != json_key(None)}
        self.assertEqual(extra, {}, "responses to ids that were never sent\n" + c.describe())
        self.assertEqual(counts.get(json_key(None), 0), null_id_errors,
                         "responses with id null\n" + c.describe())

    def assert_error(self, resp, code, rid="__any__"):
        """resp is an error response with exactly this code (and id, when given), and no result."""
        self.assertIn("error", resp, "expected error %d, got %r" % (code, resp))
        self.assertNotIn("result", resp)
        self.assertEqual(resp["error"]["code"], code, resp)
        self.assertIsInstance(resp["error"].get("message"), str)
        self.assertTrue(resp["error"]["message"], "an error needs a message a user can read")
        if rid != "__any__":
            self.assertIn("id", resp, "an error response always carries id (null when unknown)")
            self.assertEqual(resp["id"], rid)
            self.assertIs(type(resp["id"]), type(rid), "the id must come back with its JSON type")


def main():
    unittest.main(verbosity=2)


if __name__ == "__main__":
    sys.exit("lspclient.py is a library; run one of the test_*.py files")
