"""Torture: what a broken, hostile or slow client can do to the real server over its pipes.

product.md, "Reliability": the server never crashes, hangs or grows without bound on what a
client sends, and each bad message gets a clear error while the rest of the work goes on. Every
case here asserts the exact answer (error code and what its message names) and then that the
server still answers a hover on the open document. test_errors.py already covers malformed JSON,
batches, bad ids, non-numeric and overflowing Content-Length, an over-long header, the 100 MB
body refused without buffering, and cancellation; this file covers what it does not:
  * bodies shorter or longer than their Content-Length, disagreeing duplicate Content-Length,
    LF-only headers, a header with no body before EOF;
  * wrong param types for every method the server implements;
  * out-of-range positions, positions inside a surrogate pair, negative and huge positions, for
    every positional request;
  * requests and edits against closed and never-opened documents;
  * every request after shutdown; exit in the middle of a request;
  * client bytes that are not UTF-8 echoed back (the server must still write UTF-8 JSON);
  * a client that stops reading while it sends 50,000 requests (bounded memory, then resume).
"""

import json
import os
import subprocess
import sys
import threading
import time
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import (INVALID_PARAMS, INVALID_REQUEST, LOG_ERROR, METHOD_NOT_FOUND, PARSE_ERROR,  # noqa: E402
                       ServerTestCase, byline_path, frame, main)

DOC = "file:///torture/agency.md"
OTHER = "file:///torture/other.md"
EMOJI = "\U0001F600"
# Line 2 holds an entity (hover answers with it) and an astral character (two UTF-16 units).
TEXT = ("Agency Budget Rises\n\n"
        "The National Security Agency spent $7 billion in 2021, the Post reported. " + EMOJI +
        " \u201cIt was bad,\u201d said Gina Raimondo.\n")
HOVER_POS = {"line": 2, "character": 6}                  # inside "National Security Agency"
EMOJI_CHAR = TEXT.split("\n")[2].index(EMOJI)             # UTF-16 column of the emoji (BMP before it)
INSIDE_PAIR = {"line": 2, "character": EMOJI_CHAR + 1}   # between its two surrogates
PAST_LAST_LINE = {"line": 99, "character": 0}
AFTER_LAST_LINE = {"line": 3, "character": 0}            # one past the last line: the end of the text
PAST_LINE_END = {"line": 0, "character": 500}            # clamps to the end of line 0

POSITION_METHODS = ["textDocument/hover", "textDocument/documentHighlight", "textDocument/definition",
                    "textDocument/references"]
RANGE_METHODS = ["textDocument/semanticTokens/range", "textDocument/inlayHint", "textDocument/codeAction"]
DOC_METHODS = ["textDocument/semanticTokens/full", "textDocument/documentLink"]
ALL_REQUESTS = POSITION_METHODS + RANGE_METHODS + DOC_METHODS + ["workspace/symbol"]


def td(uri=DOC):
    return {"uri": uri}


def position_params(method, pos, uri=DOC):
    """Params of a positional request with `pos` as its position (or its range's start)."""
    if method in POSITION_METHODS:
        p = {"textDocument": td(uri), "position": pos}
        if method == "textDocument/references":
            p["context"] = {"includeDeclaration": True}
        return p
    p = {"textDocument": td(uri), "range": {"start": pos, "end": AFTER_LAST_LINE}}
    if method == "textDocument/codeAction":
        p["context"] = {"diagnostics": []}
    return p


def good_params(method, uri=DOC):
    if method in POSITION_METHODS or method in RANGE_METHODS:
        return position_params(method, {"line": 0, "character": 0}, uri)
    if method == "workspace/symbol":
        return {"query": "agency"}
    return {"textDocument": td(uri)}


class TortureCase(ServerTestCase):
    """A server initialized with UTF-16 positions and DOC open."""

    def setUp(self):
        super().setUp()
        c = self.client
        c.initialize(encodings=("utf-16",))
        c.did_open(DOC, TEXT)
        c.wait_diagnostics(DOC, 1)

    def assert_hover_works(self):
        """The server still answers: a hover on DOC finds the agency."""
        resp = self.client.request("textDocument/hover", {"textDocument": td(), "position": HOVER_POS})
        self.assertIn("result", resp, resp)
        self.assertIsNotNone(resp["result"], "hover found nothing where it found the agency before")
        self.assertIn("organization", resp["result"]["contents"]["value"])
        self.assertEqual(resp["result"]["range"]["start"], {"line": 2, "character": 4})

    def assert_params_error(self, resp, *mentions):
        self.assert_error(resp, INVALID_PARAMS, rid=resp["id"])
        for m in mentions:
            self.assertIn(m, resp["error"]["message"])

    def null_id_errors(self, start):
        return [m for m in self.client.messages_since(start) if "error" in m and m.get("id") is None]


class BodiesAndLengths(TortureCase):
    def test_body_shorter_than_its_content_length(self):
        # A client that miscounts by too much: the next message's bytes complete the body, which
        # is then not JSON (-32700). The server finds the next message's header inside that body,
        # gives those bytes back to the framer and answers the next message too: nothing after
        # the broken one is lost.
        c = self.client
        start = c.mark()
        c.send_raw(b'Content-Length: 60\r\n\r\n{"jsonrpc":"2.0","id":900,')
        time.sleep(0.1)
        eaten = c.request_message("textDocument/hover", {"textDocument": td(), "position": HOVER_POS}, id=901)
        c.send_raw(frame(eaten), request_ids=(901,))  # its first bytes complete the body above; it is recovered
        time.sleep(0.1)
        resp = c.request("textDocument/hover", {"textDocument": td(), "position": HOVER_POS}, id=902)
        self.assertIn("result", resp)
        errors = self.null_id_errors(start)
        self.assertGreaterEqual(len(errors), 1)
        self.assertEqual({e["error"]["code"] for e in errors}, {PARSE_ERROR}, errors)
        self.assertEqual([m for m in c.responses() if m.get("id") == 900], [])
        self.assertEqual(len([m for m in c.responses() if m.get("id") == 901 and "result" in m]), 1,
                         "the message after the broken one is answered")
        self.assert_hover_works()
        self.assert_one_response_per_request(null_id_errors=len(errors))

    def test_body_longer_than_its_content_length(self):
        # Content-Length 10 on a 45-byte body: the first 10 bytes are not JSON (-32700); the rest
        # is garbage before the next header, which must still be found and answered.
        c = self.client
        start = c.mark()
        body = b'{"jsonrpc":"2.0","id":910,"method":"x"}     '
        c.send_raw(b"Content-Length: 10\r\n\r\n" + body)
        time.sleep(0.1)
        resp = c.request("textDocument/hover", {"textDocument": td(), "position": HOVER_POS}, id=911)
        self.assertIn("result", resp)
        errors = self.null_id_errors(start)
        self.assertGreaterEqual(len(errors), 1)
        self.assertEqual({e["error"]["code"] for e in errors}, {PARSE_ERROR}, errors)
        self.assertEqual([m for m in c.responses() if m.get("id") == 910], [])
        self.assert_hover_works()
        self.assert_one_response_per_request(null_id_errors=len(errors))

    def test_body_four_bytes_short_cuts_the_next_header_and_it_is_recovered(self):
        # The client counts 4 bytes more than it sends: the framer takes "Cont" of the next
        # header into the body. The body ends inside the name Content-Length, so those bytes go
        # back to the framer and the next message is still answered.
        c = self.client
        start = c.mark()
        body = b'{"jsonrpc":"2.0","id":945,"method":"x"}'
        c.send_raw(b"Content-Length: %d\r\n\r\n" % (len(body) + 4) + body)
        time.sleep(0.1)
        resp = c.request("textDocument/hover", {"textDocument": td(), "position": HOVER_POS}, id=946)
        self.assertIn("result", resp)
        errors = self.null_id_errors(start)
        self.assertEqual([e["error"]["code"] for e in errors], [PARSE_ERROR], errors)
        self.assertEqual([m for m in c.responses() if m.get("id") == 945], [])
        self.assert_hover_works()
        self.assert_one_response_per_request(null_id_errors=1)

    def test_bad_body_quoting_an_unfinished_header_does_not_swallow_what_follows(self):
        # Found by fuzz_jsonrpc: a body that is not JSON and holds a header line with no blank
        # line after it ("Content-Length:4\r\n" then more text) is not a swallowed message; given
        # back to the framer it would join the next real header and eat the next message.
        c = self.client
        start = c.mark()
        c.send_raw(frame(b'pContent-Length:4\r\n"'))
        time.sleep(0.1)
        resp = c.request("textDocument/hover", {"textDocument": td(), "position": HOVER_POS}, id=947)
        self.assertIn("result", resp)
        errors = self.null_id_errors(start)
        self.assertEqual([e["error"]["code"] for e in errors], [PARSE_ERROR], errors)
        self.assert_hover_works()
        self.assert_one_response_per_request(null_id_errors=1)

    def test_bad_body_quoting_a_huge_content_length_does_not_swallow_what_follows(self):
        # Found by fuzz_jsonrpc: a body that is not JSON and holds the text of a header declaring
        # 100 MB. Taking that text for a swallowed message would refuse it and then skip 100 MB,
        # every later message with it. Only a header the server would accept is given back.
        c = self.client
        start = c.mark()
        body = (b'{"jsonrpc":"2.0","id":940,"method":"x" junk\r\nContent-Length: 100000000\r\n\r\n'
                b'{"more":"junk"')
        c.send_raw(frame(body))
        time.sleep(0.1)
        resp = c.request("textDocument/hover", {"textDocument": td(), "position": HOVER_POS}, id=941)
        self.assertIn("result", resp)
        errors = self.null_id_errors(start)
        self.assertEqual([e["error"]["code"] for e in errors], [PARSE_ERROR], errors)
        self.assertNotIn("larger than", errors[0]["error"]["message"])
        self.assertEqual([m for m in c.responses() if m.get("id") == 940], [])
        self.assert_hover_works()
        self.assert_one_response_per_request(null_id_errors=1)

    def test_disagreeing_duplicate_content_length(self):
        c = self.client
        start = c.mark()
        body = json.dumps(c.request_message("textDocument/hover", {"textDocument": td(), "position": HOVER_POS},
                                            id=920)).encode()
        c.send_raw(b"Content-Length: %d\r\nContent-Length: %d\r\n\r\n" % (len(body), len(body) + 1) + body)
        err = c.wait_for(lambda m: "error" in m and m.get("id") is None, start=start, what="the framing error")
        self.assert_error(err, PARSE_ERROR, rid=None)
        self.assertIn("Content-Length", err["error"]["message"])
        self.assert_hover_works()
        self.assertEqual([m for m in c.responses() if m.get("id") == 920], [], "a message with two lengths ran")
        self.assert_one_response_per_request(null_id_errors=1)

    def test_lf_only_header_is_refused_and_the_next_message_answered(self):
        # "Content-Length: N\n\n" (no CR) is not the base protocol. It is refused with -32700,
        # and the well-formed message right behind it must not be lost with it.
        c = self.client
        start = c.mark()
        bad = b'Content-Length: 39\n\n{"jsonrpc":"2.0","id":930,"method":"x"}'
        good = frame(c.request_message("textDocument/hover", {"textDocument": td(), "position": HOVER_POS}, id=931))
        c.send_raw(bad + good, request_ids=[931])
        resp = c.response(931)
        self.assertIn("result", resp)
        errors = self.null_id_errors(start)
        self.assertEqual([e["error"]["code"] for e in errors], [PARSE_ERROR], errors)
        self.assert_hover_works()
        self.assert_one_response_per_request(null_id_errors=1)

    def test_content_length_zero_and_whitespace_bodies(self):
        c = self.client
        start = c.mark()
        c.send_raw(b"Content-Length: 0\r\n\r\n" + frame(b"   ") + frame(b"\r\n"))
        self.assert_hover_works()
        errors = self.null_id_errors(start)
        self.assertEqual([e["error"]["code"] for e in errors], [PARSE_ERROR] * 3, errors)
        self.assert_one_response_per_request(null_id_errors=3)


class WrongParamTypes(TortureCase):
    BAD_REQUEST_PARAMS = [
        [],                                             # an array
        {},                                             # nothing
        {"textDocument": 5},
        {"textDocument": {"uri": 5}},
        {"textDocument": {"uri": None}},
        {"textDocument": [DOC]},
        {"textDocument": DOC},                          # a string, not an object
    ]

    def test_requests_with_params_of_the_wrong_type(self):
        c = self.client
        for method in ALL_REQUESTS:
            variants = list(self.BAD_REQUEST_PARAMS)
            if method in POSITION_METHODS:
                variants += [{"textDocument": td(), "position": p}
                             for p in ("x", [2, 6], {"line": "2", "character": 6}, {"line": 2}, {"line": 1.5, "character": 0},
                                       {"line": 2, "character": None}, {"line": True, "character": 0})]
            elif method in RANGE_METHODS:
                variants += [{"textDocument": td(), "range": r}
                             for r in ("x", [0, 0, 1, 1], {"start": {"line": 0, "character": 0}}, {"end": HOVER_POS},
                                       {"start": "a", "end": "b"}, {"start": {"line": 0, "character": 0.5}, "end": HOVER_POS})]
            elif method == "workspace/symbol":
                variants = [[], {}, {"query": 5}, {"query": None}, {"query": ["a"]}]
            for params in variants:
                with self.subTest(method=method, params=params):
                    self.assert_params_error(c.request(method, params), "Invalid params")
        self.assert_hover_works()
        self.assert_one_response_per_request()

    def test_params_that_are_not_an_object_or_array(self):
        c = self.client
        for method in ALL_REQUESTS:
            for raw in (b"3", b'"s"', b"true", b"null"):
                rid = c.next_id()
                body = b'{"jsonrpc":"2.0","id":%d,"method":"%s","params":%s}' % (rid, method.encode(), raw)
                c.send_raw(frame(body), request_ids=[rid])
                resp = c.response(rid)
                if raw == b"null":  # null params is "no params": the handler says what it needs
                    self.assert_params_error(resp)
                else:
                    self.assert_params_error(resp, "params")
        self.assert_hover_works()
        self.assert_one_response_per_request()

    def test_notifications_with_params_of_the_wrong_type(self):
        # A notification gets no response; a document notification it cannot read is logged
        # (window/logMessage, Error, naming the method) and changes nothing.
        c = self.client
        cases = [
            ("textDocument/didOpen", {"textDocument": {"uri": OTHER, "version": "1", "text": "x"}}),
            ("textDocument/didOpen", {"textDocument": {"uri": OTHER, "version": 1, "text": 5}}),
            ("textDocument/didOpen", {"textDocument": [OTHER, 1, "x"]}),
            ("textDocument/didChange", {"textDocument": {"uri": DOC, "version": "2"}, "contentChanges": []}),
            ("textDocument/didChange", {"textDocument": {"uri": DOC, "version": 2}, "contentChanges": "x"}),
            ("textDocument/didChange", {"textDocument": {"uri": DOC, "version": 2}, "contentChanges": [{"text": 5}]}),
            ("textDocument/didChange", {"textDocument": {"uri": DOC, "version": 2}, "contentChanges": [{"range": 5, "text": "x"}]}),
            ("textDocument/didChange", {"textDocument": {"uri": DOC, "version": 2},
                                        "contentChanges": [{"range": {"start": "a", "end": None}, "text": "x"}]}),
            ("textDocument/didChange", {"textDocument": 7, "contentChanges": [{"text": "x"}]}),
            ("textDocument/didClose", {"textDocument": {"uri": 5}}),
            ("textDocument/didClose", {"textDocument": "x"}),
        ]
        for method, params in cases:
            with self.subTest(method=method, params=params):
                start = c.mark()
                c.notify(method, params)
                self.assert_error(c.barrier(), METHOD_NOT_FOUND)
                logs = c.log_messages(start)
                self.assertEqual([l["type"] for l in logs], [LOG_ERROR], logs)
                self.assertIn(method, logs[0]["message"])
        # notifications whose params the server only reads when they fit: silently ignored
        for method, params in [("textDocument/didSave", {"textDocument": 5}),
                               ("workspace/didChangeConfiguration", {"settings": [1, 2]}),
                               ("workspace/didChangeConfiguration", 5),
                               ("workspace/didChangeWatchedFiles", {"changes": "all"}),
                               ("workspace/didChangeWatchedFiles", {"changes": [5, {"uri": 5, "type": "x"}]}),
                               ("$/cancelRequest", {"id": [1]}),
                               ("$/setTrace", {"value": 5})]:
            c.notify(method, params)
        self.assert_error(c.barrier(), METHOD_NOT_FOUND)
        # nothing above changed DOC or opened OTHER
        self.assert_hover_works()
        self.assert_params_error(c.request("textDocument/hover", {"textDocument": td(OTHER), "position": HOVER_POS}),
                                 "not open")
        self.assertEqual([p["version"] for p in c.publishes(DOC) if "version" in p][-1], 1)
        self.assert_one_response_per_request()

    def test_methods_an_editor_may_send_that_byline_does_not_implement(self):
        c = self.client
        for method in ("textDocument/completion", "textDocument/formatting", "textDocument/rename",
                       "workspace/executeCommand", "textDocument/diagnostic", "completionItem/resolve"):
            resp = c.request(method, good_params("textDocument/semanticTokens/full"))
            self.assert_error(resp, METHOD_NOT_FOUND, rid=resp["id"])
            self.assertIn(method, resp["error"]["message"])
        self.assert_hover_works()
        self.assert_one_response_per_request()


class Positions(TortureCase):
    def test_line_past_the_end_for_every_positional_request(self):
        c = self.client
        for method in POSITION_METHODS + RANGE_METHODS:
            with self.subTest(method=method):
                self.assert_params_error(c.request(method, position_params(method, PAST_LAST_LINE)), "past the end")
        self.assert_hover_works()
        self.assert_one_response_per_request()

    def test_position_inside_a_surrogate_pair_for_every_positional_request(self):
        c = self.client
        for method in POSITION_METHODS + RANGE_METHODS:
            with self.subTest(method=method):
                self.assert_params_error(c.request(method, position_params(method, INSIDE_PAIR)), "surrogate")
        # the range's end inside the pair too
        for method in RANGE_METHODS:
            params = position_params(method, {"line": 0, "character": 0})
            params["range"]["end"] = INSIDE_PAIR
            self.assert_params_error(c.request(method, params), "surrogate")
        self.assert_hover_works()
        self.assert_one_response_per_request()

    def test_negative_fractional_and_huge_positions(self):
        c = self.client
        bad = [{"line": -1, "character": 0}, {"line": 0, "character": -1}, {"line": 0.5, "character": 0},
               {"line": 2 ** 63, "character": 0}, {"line": 0, "character": 2 ** 64}, {"line": 1e300, "character": 0},
               {"line": -1e300, "character": 0}, {"line": 2 ** 53 + 1, "character": 0}]
        for method in POSITION_METHODS + RANGE_METHODS:
            for pos in bad:
                with self.subTest(method=method, pos=pos):
                    self.assert_params_error(c.request(method, position_params(method, pos)), "Invalid params")
        self.assert_hover_works()
        self.assert_one_response_per_request()

    def test_positions_at_the_edges_are_answered(self):
        # A character past the end of its line clamps to the line end (LSP says so), and one
        # past the last line at character 0 is the end of the text: both are valid.
        c = self.client
        for method in POSITION_METHODS + RANGE_METHODS:
            for pos in (PAST_LINE_END, AFTER_LAST_LINE, {"line": 2, "character": EMOJI_CHAR + 2}):
                with self.subTest(method=method, pos=pos):
                    params = position_params(method, pos)
                    if method in RANGE_METHODS:
                        params["range"]["end"] = AFTER_LAST_LINE
                    resp = c.request(method, params)
                    self.assertIn("result", resp, resp)
        self.assert_hover_works()
        self.assert_one_response_per_request()

    def test_reversed_ranges(self):
        c = self.client
        for method in ("textDocument/semanticTokens/range", "textDocument/inlayHint"):
            params = position_params(method, HOVER_POS)
            params["range"] = {"start": HOVER_POS, "end": {"line": 0, "character": 0}}
            self.assert_params_error(c.request(method, params), "range starts after it ends")
        self.assert_hover_works()
        self.assert_one_response_per_request()


class ClosedAndUnknownDocuments(TortureCase):
    def test_requests_on_a_never_opened_document(self):
        c = self.client
        for method in POSITION_METHODS + RANGE_METHODS + DOC_METHODS:
            with self.subTest(method=method):
                self.assert_params_error(c.request(method, good_params(method, "file:///torture/never.md")))
        self.assert_hover_works()
        self.assert_one_response_per_request()

    def test_edits_and_requests_on_a_closed_document(self):
        c = self.client
        c.did_open(OTHER, "Short text.\n")
        c.wait_diagnostics(OTHER, 1)
        c.did_close(OTHER)
        start = c.mark()
        c.did_change(OTHER, 2, [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 5}},
                                 "text": "Long"}])
        c.did_change(OTHER, 3, [{"text": "Replaced.\n"}])
        self.assert_error(c.barrier(), METHOD_NOT_FOUND)
        logs = c.log_messages(start)
        self.assertEqual([l["type"] for l in logs], [LOG_ERROR, LOG_ERROR], logs)
        for log in logs:
            self.assertIn("not open", log["message"])
            self.assertIn(OTHER, log["message"])
        for method in POSITION_METHODS + RANGE_METHODS + DOC_METHODS:
            with self.subTest(method=method):
                self.assert_params_error(c.request(method, good_params(method, OTHER)))
        # no diagnostics for the closed document after its close (the close publishes [])
        closes = [p for p in c.publishes(OTHER) if "version" not in p]
        self.assertEqual(len(closes), 1)
        self.assertEqual(c.publishes(OTHER)[-1], closes[0])
        self.assert_hover_works()
        self.assert_one_response_per_request()

    def test_close_twice_and_reopen(self):
        c = self.client
        c.did_close(DOC)
        start = c.mark()
        c.did_close(DOC)
        self.assert_error(c.barrier(), METHOD_NOT_FOUND)
        self.assertIn("not open", c.log_messages(start)[0]["message"])
        c.did_open(DOC, TEXT, version=7)
        c.wait_diagnostics(DOC, 7)
        self.assert_hover_works()
        self.assert_one_response_per_request()


class Lifecycle(TortureCase):
    def test_every_request_after_shutdown_is_invalid_request(self):
        c = self.client
        self.assertIsNone(c.request("shutdown")["result"])
        for method in ALL_REQUESTS + ["textDocument/hover"]:
            resp = c.request(method, good_params(method))
            self.assert_error(resp, INVALID_REQUEST, rid=resp["id"])
            self.assertIn("shutting down", resp["error"]["message"])
        # an edit after shutdown is dropped: no publish for it
        before = len(c.publishes(DOC))
        c.did_change(DOC, 2, [{"text": "Gone.\n"}])
        self.assert_error(c.barrier(), INVALID_REQUEST)
        time.sleep(0.1)
        self.assertEqual(len(c.publishes(DOC)), before)
        c.notify("exit")
        self.assertEqual(c.wait_exit(), 0)
        self.assert_one_response_per_request()

    def test_request_and_exit_in_one_write_without_shutdown(self):
        # The request before exit is answered; exit without shutdown ends with code 1; the
        # request after exit is never read.
        c = self.client
        before = c.request_message("textDocument/semanticTokens/full", {"textDocument": td()}, id=950)
        after = c.request_message("textDocument/hover", {"textDocument": td(), "position": HOVER_POS}, id=951)
        c.send_raw(frame(before) + frame(c.notification_message("exit")) + frame(after), request_ids=[950])
        self.assertEqual(c.wait_exit(), 1)
        self.assertIn("result", c.response(950))
        self.assertEqual([m for m in c.responses() if m.get("id") == 951], [])
        self.assert_one_response_per_request()

    def test_eof_in_the_middle_of_a_request_body(self):
        c = self.client
        data = frame(c.request_message("textDocument/hover", {"textDocument": td(), "position": HOVER_POS}, id=960))
        c.send_raw(data[:len(data) - 7])
        time.sleep(0.05)
        c.close_stdin()
        self.assertEqual(c.wait_exit(timeout=3), 1)
        self.assertEqual([m for m in c.responses() if m.get("id") == 960], [])

    def test_eof_after_a_header_without_its_body(self):
        c = self.client
        self.assertIsNone(c.request("shutdown")["result"])
        c.send_raw(b"Content-Length: 500\r\n\r\n")
        time.sleep(0.05)
        c.close_stdin()
        self.assertEqual(c.wait_exit(timeout=3), 0, "after shutdown, EOF is a clean exit even mid-message")
        self.assert_one_response_per_request()


class NotUtf8FromTheClient(TortureCase):
    # JSON on the wire is UTF-8. A client may still send other bytes inside a string (a file name
    # in Latin-1, a broken editor); the server must answer, and what it writes back must still be
    # UTF-8 (lspclient fails the test on a frame that does not decode).
    def test_method_name_that_is_not_utf8(self):
        c = self.client
        body = b'{"jsonrpc":"2.0","id":970,"method":"byline/\xff\xfe"}'
        c.send_raw(frame(body), request_ids=[970])
        self.assert_error(c.response(970), METHOD_NOT_FOUND, rid=970)
        self.assert_hover_works()
        self.assert_one_response_per_request()

    def test_uri_that_is_not_utf8(self):
        c = self.client
        body = (b'{"jsonrpc":"2.0","id":971,"method":"textDocument/hover","params":{"textDocument":'
                b'{"uri":"file:///torture/\xe9t\xe9.md"},"position":{"line":0,"character":0}}}')
        c.send_raw(frame(body), request_ids=[971])
        self.assert_params_error(c.response(971), "not open")
        start = c.mark()
        body = (b'{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":'
                b'{"uri":"file:///torture/\xe9t\xe9.md","languageId":"markdown","version":1,"text":"x \xff y"}}}')
        c.send_raw(frame(body))
        self.assert_error(c.barrier(), METHOD_NOT_FOUND)
        time.sleep(0.1)
        self.assertEqual(c.protocol_errors, [], c.describe())
        self.assertNotEqual(c.messages_since(start), [], "the server said nothing about the document")
        self.assert_hover_works()
        self.assert_one_response_per_request()


class SlowReader(unittest.TestCase):
    """A client that stops reading while it keeps sending: the server must stop reading too
    (backpressure) instead of queueing responses without bound, and pick up where it was once
    the client reads again. lspclient always reads, so this test drives the pipes itself."""

    REQUESTS = 50_000
    RSS_LIMIT_KB = 200 * 1024

    def rss_kb(self, pid):
        try:
            with open("/proc/%d/status" % pid) as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            return None
        return None

    def test_fifty_thousand_requests_unread_then_read(self):
        binary = byline_path()
        if not os.path.exists(binary):
            self.skipTest("byline binary not found at %s" % binary)
        env = dict(os.environ)
        env.setdefault("BYLINE_DOCS_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs"))
        # Under ASan, freed memory waits in a 256 MB quarantine and would count as RSS: keep it
        # small so the figure is the server's own (no effect on a build without ASan).
        env["ASAN_OPTIONS"] = (env.get("ASAN_OPTIONS", "") + ":quarantine_size_mb=8").lstrip(":")
        proc = subprocess.Popen([binary, "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, bufsize=0, env=env)
        self.addCleanup(self._stop, proc)
        init = {"jsonrpc": "2.0", "id": 0, "method": "initialize",
                "params": {"processId": None, "capabilities": {}, "initializationOptions": {"debounceMs": 0}}}
        # ten paragraphs of entities, so each semanticTokens answer is a kilobyte or more
        big = TEXT + "".join("\n" + TEXT.split("\n", 2)[2] for _ in range(9))
        opened = {"jsonrpc": "2.0", "method": "textDocument/didOpen",
                  "params": {"textDocument": {"uri": DOC, "languageId": "markdown", "version": 1, "text": big}}}
        # hovers and semantic tokens, so the answers outgrow the server's 16 MiB output limit
        # and backpressure has to start
        def hover(i):
            if i % 2:
                return frame({"jsonrpc": "2.0", "id": i, "method": "textDocument/semanticTokens/full",
                              "params": {"textDocument": td()}})
            return frame({"jsonrpc": "2.0", "id": i, "method": "textDocument/hover",
                          "params": {"textDocument": td(), "position": HOVER_POS}})
        head = frame(init) + frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}) + frame(opened)
        chunks = [head] + [b"".join(hover(i) for i in range(k, min(k + 500, self.REQUESTS + 1)))
                           for k in range(1, self.REQUESTS + 1, 500)]
        written = [0]
        done = threading.Event()

        def writer():
            try:
                for ch in chunks:
                    proc.stdin.write(ch)
                    written[0] += 1
            except (BrokenPipeError, OSError):
                pass
            done.set()

        t = threading.Thread(target=writer, daemon=True)
        t.start()
        # Do not read for a while: the server's output fills the pipe, then its own queue up
        # to its limit; past that it must stop reading, so the writer blocks too.
        peak = 0
        deadline = time.monotonic() + 4.0
        while time.monotonic() < deadline:
            rss = self.rss_kb(proc.pid)
            if rss:
                peak = max(peak, rss)
            time.sleep(0.05)
        self.assertIsNone(proc.poll(), "the server died while its client was not reading")
        read_all_unread = done.is_set()
        self.assertLess(peak, self.RSS_LIMIT_KB, "server RSS reached %d kB while its client was not reading" % peak)
        # Now read everything: every request is answered, in order, and the writer finishes.
        ids = []
        total = 0
        buf = b""
        fd = proc.stdout.fileno()
        deadline = time.monotonic() + 120
        while len(ids) < self.REQUESTS + 1 and time.monotonic() < deadline:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            buf += chunk
            total += len(chunk)
            while True:
                end = buf.find(b"\r\n\r\n")
                if end < 0:
                    break
                length = int(buf[:end].split(b":")[1])
                if len(buf) < end + 4 + length:
                    break
                msg = json.loads(buf[end + 4:end + 4 + length].decode("utf-8"))
                buf = buf[end + 4 + length:]
                if "id" in msg and "method" not in msg:
                    self.assertIn("result", msg, msg)
                    ids.append(msg["id"])
            rss = self.rss_kb(proc.pid)
            if rss:
                peak = max(peak, rss)
        self.assertEqual(ids, list(range(0, self.REQUESTS + 1)), "responses missing or out of order")
        if total > 24 * 1024 * 1024:  # more than the 16 MiB limit and the pipe could hold
            self.assertFalse(read_all_unread, "the server read all 50,000 requests while %d MB of answers went "
                                              "unread: no backpressure" % (total >> 20))
        self.assertTrue(done.wait(10), "the writer never finished: the server did not resume reading")
        self.assertLess(peak, self.RSS_LIMIT_KB, "server RSS reached %d kB" % peak)
        proc.stdin.write(frame({"jsonrpc": "2.0", "id": "s", "method": "shutdown"}) +
                         frame({"jsonrpc": "2.0", "method": "exit"}))
        proc.stdin.close()
        rest = proc.stdout.read()
        self.assertIn(b'"id":"s"', rest)
        self.assertEqual(proc.wait(10), 0)
        print("\nslow reader: %d requests, %.1f MB of answers, peak server RSS %.1f MB, writer blocked: %s"
              % (self.REQUESTS, total / 1048576, peak / 1024, not read_all_unread), file=sys.stderr)

    @staticmethod
    def _stop(proc):
        for s in (proc.stdin, proc.stdout):
            try:
                s.close()
            except OSError:
                pass
        if proc.poll() is None:
            proc.kill()
        proc.wait(5)


if __name__ == "__main__":
    main()
