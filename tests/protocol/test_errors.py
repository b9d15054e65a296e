"""Errors: what a client sees when it (or the pipe) gets the protocol wrong.

The promise (product.md, "Reliability"): never crash or hang on what a client sends; each bad
message gets a clear JSON-RPC error and the session goes on. A request must get exactly one
response (editors keep a table of pending requests and leak or hang on a missing one), and a
notification must never get one (vscode-jsonrpc logs an error for a response it cannot match).
"""

import json
import os
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import (INVALID_PARAMS, INVALID_REQUEST, LOG_ERROR, METHOD_NOT_FOUND,  # noqa: E402
                       PARSE_ERROR, REQUEST_CANCELLED, SERVER_NOT_INITIALIZED, ServerTestCase, frame, main)

BODY_CAP = 64 * 1024 * 1024


class BeforeInitialize(ServerTestCase):
    def test_request_before_initialize_is_server_not_initialized(self):
        c = self.client
        for rid in (1, "first"):
            resp = c.request("textDocument/hover", {"textDocument": {"uri": "file:///x"},
                                                    "position": {"line": 0, "character": 0}}, id=rid)
            self.assert_error(resp, SERVER_NOT_INITIALIZED, rid=rid)
        # An unknown method before initialize is still "not initialized", not "not found":
        # the client has to learn first that it skipped initialize.
        self.assert_error(c.request("byline/nothing", {}), SERVER_NOT_INITIALIZED)
        # And the session can still start properly afterwards.
        self.assertEqual(c.initialize()["serverInfo"]["name"], "byline")
        self.assertEqual(c.shutdown_and_exit(), 0)
        self.assert_one_response_per_request()

    def test_notifications_before_initialize_are_ignored(self):
        c = self.client
        uri = "file:///early.txt"
        c.did_open(uri, "He said “hello.\n")   # would publish a diagnostic if it were accepted
        c.notify("initialized", {})
        c.notify("byline/unknownNotification", {})
        self.assert_error(c.barrier(), SERVER_NOT_INITIALIZED)
        self.assertEqual(c.responses()[:-1], [], "a notification got a response")
        c.initialize()
        # The early didOpen was dropped: the document is not open, so a change to it is refused
        # with a logged error, and no diagnostics ever appear for it.
        start = c.mark()
        c.did_change(uri, 2, [{"text": "x"}])
        log = c.wait_for(lambda m: m.get("method") == "window/logMessage", start=start,
                         what="the 'not open' logMessage")
        self.assertEqual(log["params"]["type"], LOG_ERROR)
        self.assertIn("is not open", log["params"]["message"])
        self.assertIn(uri, log["params"]["message"])
        self.assert_error(c.barrier(), METHOD_NOT_FOUND)
        self.assertEqual(c.publishes(uri), [])
        self.assert_one_response_per_request()


class MalformedMessages(ServerTestCase):
    def setUp(self):
        super().setUp()
        self.client.initialize()

    def send_body(self, body, request_ids=()):
        self.client.send_raw(frame(body), request_ids)

    def last_error(self, code, rid):
        resp = self.client.wait_for(lambda m: "error" in m and m["error"]["code"] == code,
                                    what="error %d" % code, start=self.start)
        self.assert_error(resp, code, rid=rid)
        return resp

    def tearDown(self):
        # After every malformed message, the server still answers a valid request.
        self.assert_error(self.client.barrier(), METHOD_NOT_FOUND)
        self.assertEqual(self.client.shutdown_and_exit(), 0)

    def test_invalid_json_is_parse_error_with_null_id(self):
        self.start = self.client.mark()
        self.send_body(b'{"jsonrpc":"2.0","id":5,"method":"initialize",')  # cut short
        resp = self.last_error(PARSE_ERROR, None)
        self.assertIsNone(resp["id"], "the id of an unparseable message is unknown: null")
        self.client.barrier()
        self.assert_one_response_per_request(null_id_errors=1)

    def test_deeply_nested_json_is_parse_error_not_a_crash(self):
        # 100,000 nested arrays: a recursive parser without a depth limit overflows the stack.
        self.start = self.client.mark()
        self.send_body(b"[" * 100000 + b"]" * 100000)
        self.last_error(PARSE_ERROR, None)
        self.client.barrier()
        self.assert_one_response_per_request(null_id_errors=1)

    def test_empty_body_is_parse_error(self):
        self.start = self.client.mark()
        self.send_body(b"")
        self.last_error(PARSE_ERROR, None)
        self.client.barrier()
        self.assert_one_response_per_request(null_id_errors=1)

    def test_batch_array_is_invalid_request(self):
        # LSP has no batches; a JSON-RPC batch must be refused as a whole, not half-handled.
        self.start = self.client.mark()
        batch = [{"jsonrpc": "2.0", "id": 70, "method": "shutdown"},
                 {"jsonrpc": "2.0", "id": 71, "method": "byline/x"}]
        self.send_body(json.dumps(batch).encode())
        self.last_error(INVALID_REQUEST, None)
        self.client.barrier()
        # Neither request inside the batch ran: 70 (shutdown) would make the barrier -32600.
        self.assertEqual([m for m in self.client.responses() if m.get("id") in (70, 71)], [])
        self.assert_one_response_per_request(null_id_errors=1)

    def test_non_object_bodies_are_invalid_request(self):
        self.start = self.client.mark()
        for body in (b'"hello"', b"42", b"null", b"{}"):
            start = self.client.mark()
            self.send_body(body)
            resp = self.client.wait_for(lambda m: "error" in m, start=start, what="error for %r" % body)
            self.assert_error(resp, INVALID_REQUEST, rid=None)
        self.client.barrier()
        self.assert_one_response_per_request(null_id_errors=4)

    def test_missing_jsonrpc_is_invalid_request_with_its_id(self):
        self.start = self.client.mark()
        self.send_body(b'{"id":11,"method":"byline/x"}', [11])
        self.last_error(INVALID_REQUEST, 11)
        self.client.barrier()
        self.assert_one_response_per_request()

    def test_wrong_jsonrpc_version_is_invalid_request_with_its_id(self):
        c = self.client
        self.start = c.mark()
        self.send_body(b'{"jsonrpc":"1.0","id":"v1","method":"shutdown"}', ["v1"])
        self.last_error(INVALID_REQUEST, "v1")
        start = c.mark()
        self.send_body(b'{"jsonrpc":2.0,"id":12,"method":"shutdown"}', [12])  # a number, not "2.0"
        self.assert_error(c.wait_for(lambda m: m.get("id") == 12, start=start, what="id 12"), INVALID_REQUEST, 12)
        c.barrier()  # -32601, not -32600: neither shutdown ran
        self.assert_one_response_per_request()

    def test_method_not_a_string_is_invalid_request(self):
        self.start = self.client.mark()
        self.send_body(b'{"jsonrpc":"2.0","id":13,"method":42}', [13])
        self.last_error(INVALID_REQUEST, 13)
        start = self.client.mark()
        self.send_body(b'{"jsonrpc":"2.0","id":14,"method":null}', [14])
        self.assert_error(self.client.wait_for(lambda m: m.get("id") == 14, start=start, what="id 14"),
                          INVALID_REQUEST, 14)
        self.client.barrier()
        self.assert_one_response_per_request()

    def test_bad_ids_are_invalid_request(self):
        # "id": null on a request and an object id can't be echoed back as a usable id.
        self.start = self.client.mark()
        for body in (b'{"jsonrpc":"2.0","id":null,"method":"byline/x"}',
                     b'{"jsonrpc":"2.0","id":{"a":1},"method":"byline/x"}',
                     b'{"jsonrpc":"2.0","id":true,"method":"byline/x"}'):
            start = self.client.mark()
            self.send_body(body)
            self.assert_error(self.client.wait_for(lambda m: "error" in m, start=start, what="error"),
                              INVALID_REQUEST, rid=None)
        self.client.barrier()
        self.assert_one_response_per_request(null_id_errors=3)

    def test_unknown_request_is_method_not_found_with_same_id(self):
        c = self.client
        self.start = c.mark()
        for rid in (0, 7, -3, 2 ** 40, "abc", "", "42"):
            resp = c.request("textDocument/noSuchThing", {}, id=rid)
            self.assert_error(resp, METHOD_NOT_FOUND, rid=rid)
            self.assertIn("textDocument/noSuchThing", resp["error"]["message"])
        # A "$/" request the server does not implement is still a request: it needs an answer.
        self.assert_error(c.request("$/byline.unknown", {}, id=99), METHOD_NOT_FOUND, rid=99)
        # A notification name used as a request is not a known request.
        self.assert_error(c.request("initialized", {}, id=100), METHOD_NOT_FOUND, rid=100)
        c.barrier()
        self.assert_one_response_per_request()

    def test_unknown_notifications_get_no_response(self):
        c = self.client
        self.start = c.mark()
        for method in ("byline/unknown", "$/unknownProtocolThing", "textDocument/willSave", "shutdown"):
            c.notify(method, {})
        # "shutdown" as a notification is no shutdown either: the barrier still gets -32601.
        self.assert_error(c.barrier(), METHOD_NOT_FOUND)
        self.assertEqual(len(c.responses()), 2, "only initialize and the barrier get responses")
        self.assert_one_response_per_request()

    def test_client_response_is_not_answered(self):
        # A response to a request the server never sent: nothing to answer, nothing to crash on.
        c = self.client
        self.start = c.mark()
        self.send_body(b'{"jsonrpc":"2.0","id":12345,"result":{"x":1}}')
        self.send_body(b'{"jsonrpc":"2.0","id":12346,"error":{"code":-1,"message":"no"}}')
        c.barrier()
        self.assertEqual([m for m in c.responses() if m.get("id") in (12345, 12346)], [])
        self.assert_one_response_per_request()

    def test_params_number_on_request_is_invalid_params(self):
        c = self.client
        self.start = c.mark()
        self.send_body(b'{"jsonrpc":"2.0","id":21,"method":"shutdown","params":3}', [21])
        self.last_error(INVALID_PARAMS, 21)
        start = c.mark()
        self.send_body(b'{"jsonrpc":"2.0","id":"p","method":"byline/x","params":"str"}', ["p"])
        self.assert_error(c.wait_for(lambda m: m.get("id") == "p", start=start, what="id p"), INVALID_PARAMS, "p")
        c.barrier()  # shutdown with bad params did not shut the server down
        self.assert_one_response_per_request()

    def test_params_number_on_notification_gets_no_response(self):
        c = self.client
        self.start = c.mark()
        self.send_body(b'{"jsonrpc":"2.0","method":"textDocument/didOpen","params":3}')
        log = c.wait_for(lambda m: m.get("method") == "window/logMessage", start=self.start, what="logMessage")
        self.assertEqual(log["params"]["type"], LOG_ERROR)
        self.assertIn("didOpen", log["params"]["message"])
        c.barrier()
        self.assert_one_response_per_request()


class TrailingGarbage(ServerTestCase):
    def test_trailing_garbage_after_json_is_parse_error(self):
        # Regression: the server parsed the first JSON value of a body and ignored what
        # followed it, so this body ran `shutdown` instead of being refused. A body is one JSON
        # text (RFC 8259); anything else is "Invalid JSON was received" (-32700). It matters
        # when a client miscounts Content-Length: the server then runs a request that was cut
        # or merged with the next message's bytes. cJSON_ParseWithLength does not require the
        # whole buffer to be consumed; cJSON_ParseWithLengthOpts(..., &end, 0) and a check that
        # only whitespace follows would.
        c = self.client
        c.initialize()
        start = c.mark()
        c.send_raw(frame(b'{"jsonrpc":"2.0","id":5,"method":"shutdown"}xyz'))
        barrier = c.barrier()
        got = [(m.get("id"), m.get("error", {}).get("code")) for m in c.messages_since(start) if "id" in m]
        self.assertEqual(got[0], (None, PARSE_ERROR), "expected -32700 (id null), got %r" % (got,))
        self.assert_error(barrier, METHOD_NOT_FOUND)  # -32600 here means the shutdown ran
        self.assert_one_response_per_request(null_id_errors=1)

    def test_trailing_whitespace_after_json_is_fine(self):
        # Control for the test above: whitespace after the value is allowed JSON.
        c = self.client
        c.initialize()
        c.send_raw(frame(b'{"jsonrpc":"2.0","id":6,"method":"byline/x"}\r\n \t'), request_ids=[6])
        self.assert_error(c.response(6), METHOD_NOT_FOUND, rid=6)
        c.barrier()
        self.assert_one_response_per_request()


class Cancellation(ServerTestCase):
    def test_cancel_in_same_write_cancels_the_request(self):
        # The server reads the whole write before handling it, so a $/cancelRequest that follows
        # a request still waiting in the same read must win: the request gets RequestCancelled
        # (-32800) and only that one response.
        c = self.client
        c.initialize()
        req = c.request_message("byline/slowThing", {}, id=31)
        cancel = c.notification_message("$/cancelRequest", {"id": 31})
        c.send_raw(frame(req) + frame(cancel), request_ids=[31])
        resp = c.response(31)
        self.assert_error(resp, REQUEST_CANCELLED, rid=31)
        c.barrier()
        self.assert_one_response_per_request()

    def test_cancel_with_string_id_and_of_a_known_method(self):
        c = self.client
        c.initialize()
        req = c.request_message("shutdown", None, id="s-1")
        cancel = c.notification_message("$/cancelRequest", {"id": "s-1"})
        c.send_raw(frame(req) + frame(cancel), request_ids=["s-1"])
        self.assert_error(c.response("s-1"), REQUEST_CANCELLED, rid="s-1")
        # The cancelled shutdown did not run: the server still answers as a running server.
        self.assert_error(c.barrier(), METHOD_NOT_FOUND)
        self.assertEqual(c.shutdown_and_exit(), 0)
        self.assert_one_response_per_request()

    def test_cancel_matches_id_type(self):
        # Request id 41 (number) and a cancel for "41" (string) are different ids (JSON-RPC).
        c = self.client
        c.initialize()
        req = c.request_message("byline/x", {}, id=41)
        cancel = c.notification_message("$/cancelRequest", {"id": "41"})
        c.send_raw(frame(req) + frame(cancel), request_ids=[41])
        self.assert_error(c.response(41), METHOD_NOT_FOUND, rid=41)
        c.barrier()
        self.assert_one_response_per_request()

    def test_cancel_of_answered_or_unknown_request_is_silent(self):
        c = self.client
        c.initialize()
        self.assert_error(c.request("byline/x", {}, id=51), METHOD_NOT_FOUND, rid=51)
        c.notify("$/cancelRequest", {"id": 51})     # already answered
        c.notify("$/cancelRequest", {"id": 5000})   # never sent
        c.notify("$/cancelRequest", {})             # malformed
        c.barrier()
        self.assertEqual(len([m for m in c.responses() if m.get("id") == 51]), 1)
        self.assert_one_response_per_request()

    def test_cancel_before_the_request_does_not_cancel_it(self):
        # A cancel can only refer to a request already sent; one that precedes it is stale.
        c = self.client
        c.initialize()
        cancel = c.notification_message("$/cancelRequest", {"id": 61})
        req = c.request_message("byline/x", {}, id=61)
        c.send_raw(frame(cancel) + frame(req), request_ids=[61])
        self.assert_error(c.response(61), METHOD_NOT_FOUND, rid=61)
        c.barrier()
        self.assert_one_response_per_request()


class Framing(ServerTestCase):
    def setUp(self):
        super().setUp()
        self.client.initialize()

    def expect_frame_error(self, start, code=PARSE_ERROR):
        resp = self.client.wait_for(lambda m: "error" in m and m.get("id") is None, start=start,
                                    what="a framing error (id null)")
        self.assert_error(resp, code, rid=None)
        return resp

    def test_header_without_content_length_then_recovers(self):
        c = self.client
        start = c.mark()
        c.send_raw(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n")
        self.assertIn("Content-Length", self.expect_frame_error(start)["error"]["message"])
        self.assert_error(c.request("byline/x", {}, id=81), METHOD_NOT_FOUND, rid=81)
        self.assert_one_response_per_request(null_id_errors=1)

    def test_header_without_content_length_with_body_then_recovers(self):
        # What a broken client really sends: a header block without a length and then a body.
        # The server cannot know where the body ends; it must skip to the next message and
        # answer it (standard framing puts no newline between a body and the next header).
        c = self.client
        start = c.mark()
        bad = b'Content-Type: x\r\n\r\n{"jsonrpc":"2.0","id":82,"method":"byline/x"}'
        c.send_raw(bad + frame(c.request_message("byline/x", {}, id=83)), request_ids=[83])
        self.expect_frame_error(start)
        self.assert_error(c.response(83), METHOD_NOT_FOUND, rid=83)
        c.barrier()
        self.assertEqual([m for m in c.responses() if m.get("id") == 82], [])
        self.assert_one_response_per_request(null_id_errors=1)

    def test_non_numeric_content_length_then_recovers(self):
        c = self.client
        for value in (b"abc", b"-5", b"12x", b"", b"0x10"):
            start = c.mark()
            c.send_raw(b"Content-Length: " + value + b"\r\n\r\n{}")
            self.expect_frame_error(start)
            rid = c.next_id()
            self.assert_error(c.request("byline/x", {}, id=rid), METHOD_NOT_FOUND, rid=rid)
        self.assert_one_response_per_request(null_id_errors=5)

    def test_header_block_over_cap_then_recovers(self):
        # A header that never ends (8 KiB cap) must not make the server buffer forever; the
        # message behind it is still found and answered.
        c = self.client
        start = c.mark()
        c.send_raw(b"X-Junk: " + b"a" * 10000 + b"\r\n" + frame(c.request_message("byline/x", {}, id=84)),
                   request_ids=[84])
        self.assertIn("header", self.expect_frame_error(start)["error"]["message"])
        self.assert_error(c.response(84), METHOD_NOT_FOUND, rid=84)
        c.barrier()
        self.assert_one_response_per_request(null_id_errors=1)

    def test_content_length_overflow_is_parse_error(self):
        # 10^23 does not fit in size_t: a wrapped value would make the server wait for (or
        # allocate) some other, arbitrary length.
        c = self.client
        start = c.mark()
        c.send_raw(b"Content-Length: 99999999999999999999999\r\n\r\n{}")
        self.expect_frame_error(start)
        self.assert_error(c.request("byline/x", {}, id=85), METHOD_NOT_FOUND, rid=85)
        self.assert_one_response_per_request(null_id_errors=1)

    def test_header_variants_a_client_may_send(self):
        # Header names are case-insensitive, Content-Type may come first, a repeated agreeing
        # Content-Length is tolerated: all are valid framing and must be answered normally.
        c = self.client
        body = json.dumps({"jsonrpc": "2.0", "id": 91, "method": "byline/x"}).encode()
        n = b"%d" % len(body)
        variants = [
            (91, b"content-length: " + n + b"\r\n\r\n"),
            (92, b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: " + n + b"\r\n\r\n"),
            (93, b"Content-Length: " + n + b"\r\nContent-Length: " + n + b"\r\n\r\n"),
            (94, b"Content-Length:" + n + b"\r\n\r\n"),
        ]
        for rid, header in variants:
            b = body.replace(b'"id": 91', b'"id": %d' % rid)
            c.send_raw(header + b, request_ids=[rid])
            self.assert_error(c.response(rid), METHOD_NOT_FOUND, rid=rid)
        self.assert_one_response_per_request()

    def test_body_over_the_cap_is_refused_without_buffering(self):
        # A 100 MB message is refused by its header (64 MiB cap) and its bytes are dropped as
        # they stream in. If the server buffered them its RSS would pass 100 MB; a server that
        # waited for the whole body before answering would leave the client guessing.
        c = self.client
        declared = 100_000_000
        rss_before = c.vm_rss_kb()
        start = c.mark()
        c.send_raw(b"Content-Length: %d\r\n\r\n" % declared)
        resp = self.expect_frame_error(start, INVALID_REQUEST)
        msg = resp["error"]["message"]
        self.assertIn(str(declared), msg, "the error names the refused size")
        self.assertIn(str(BODY_CAP), msg, "the error names the limit")
        # Stream the body; it is full of well-framed requests, which must NOT be answered: they
        # are payload of the refused message, and a server that resynchronized inside it would
        # run them.
        fake = frame({"jsonrpc": "2.0", "id": 666, "method": "byline/x"})
        chunk = (fake * (1024 * 1024 // len(fake) + 1))[:1024 * 1024]
        sent, peak = 0, 0
        while sent < declared:
            piece = chunk[:min(len(chunk), declared - sent)]
            c.send_raw(piece)
            sent += len(piece)
            if (sent // len(chunk)) % 8 == 0:
                rss = c.vm_rss_kb()
                if rss is not None:
                    peak = max(peak, rss)
        rss = c.vm_rss_kb()
        if rss is not None:
            peak = max(peak, rss)
            self.assertLess(peak, 50 * 1024, "server RSS reached %d kB while discarding a refused body "
                            "(it started at %s kB)" % (peak, rss_before))
        # The next message right after the refused body is handled normally.
        self.assert_error(c.request("byline/x", {}, id=95), METHOD_NOT_FOUND, rid=95)
        self.assertEqual([m for m in c.responses() if m.get("id") == 666], [])
        self.assert_one_response_per_request(null_id_errors=1)


class SplitAndMerged(ServerTestCase):
    def test_initialize_byte_by_byte(self):
        # Pipes deliver whatever arrived: a message may come one byte per read.
        c = self.client
        msg = c.request_message("initialize", {"processId": None, "capabilities": {
            "general": {"positionEncodings": ["utf-16", "utf-8"]}},
            "initializationOptions": {"debounceMs": 0}}, id=1)
        c.sent_request_ids.append(1)
        for b in frame(msg):
            c.send_raw(bytes([b]))
            time.sleep(0.0002)
        resp = c.response(1)
        self.assertEqual(resp["result"]["capabilities"]["positionEncoding"], "utf-8")
        self.assertEqual(resp["result"]["serverInfo"]["name"], "byline")
        self.assertEqual(c.shutdown_and_exit(), 0)
        self.assert_one_response_per_request()

    def test_split_at_every_point(self):
        # One request per split point, so every boundary (inside "Content-Length", between \r
        # and \n, at the header end, inside a multi-byte character of the body) is exercised.
        c = self.client
        c.initialize()
        probe = frame(c.request_message("byline/é“x”", {"t": "ü😀"}, id=1000))
        for k in range(1, len(probe)):
            rid = 1000 + k
            data = frame(c.request_message("byline/é“x”", {"t": "ü😀"}, id=rid))
            self.assertEqual(len(data), len(probe))
            c.sent_request_ids.append(rid)
            c.send_raw(data[:k])
            time.sleep(0.0005)
            c.send_raw(data[k:])
            resp = c.response(rid)
            self.assert_error(resp, METHOD_NOT_FOUND, rid=rid)
            self.assertIn("byline/é“x”", resp["error"]["message"])
        self.assertEqual(c.shutdown_and_exit(), 0)
        self.assert_one_response_per_request()

    def test_messages_merged_in_one_write_are_answered_in_order(self):
        c = self.client
        c.initialize()
        ids = list(range(200, 210))
        data = b"".join(frame(c.request_message("byline/m%d" % i, {}, id=i)) for i in ids)
        # A notification and a half message at the end of the same write: the half must wait.
        data += frame(c.notification_message("byline/note", {}))
        tail = frame(c.request_message("byline/last", {}, id=210))
        c.send_raw(data + tail[:10], request_ids=ids + [210])
        for i in ids:
            self.assert_error(c.response(i), METHOD_NOT_FOUND, rid=i)
        time.sleep(0.05)
        self.assertEqual([m for m in c.responses() if m.get("id") == 210], [], "half a message was answered")
        c.send_raw(tail[10:])
        self.assert_error(c.response(210), METHOD_NOT_FOUND, rid=210)
        got = [m["id"] for m in c.responses() if isinstance(m.get("id"), int) and 200 <= m["id"] <= 210]
        self.assertEqual(got, ids + [210], "responses must come in request order")
        self.assertEqual(c.shutdown_and_exit(), 0)
        self.assert_one_response_per_request()


class WholeSession(ServerTestCase):
    def test_mixed_session_one_response_per_request(self):
        # A session mixing every kind of message; at the end each request id has exactly one
        # response and no notification has any.
        c = self.client
        c.request("byline/early", {})                            # -32002
        c.notify("textDocument/didOpen", {})                     # ignored before initialize
        c.initialize()
        c.did_open("file:///s.txt", "Plain text.\n")
        c.request("byline/x", {})                                # -32601
        c.notify("byline/x", {})                                 # nothing
        c.send_raw(frame(b"{not json"))                           # -32700, id null
        c.send_raw(frame(b'{"jsonrpc":"2.0","id":"q","method":"x","params":1}'), ["q"])  # -32602
        req = c.request_message("byline/y", {}, id="c")
        c.send_raw(frame(req) + frame(c.notification_message("$/cancelRequest", {"id": "c"})), ["c"])
        c.did_change("file:///s.txt", 2, [{"text": "Other text.\n"}])
        c.did_close("file:///s.txt")
        c.request("initialize", {"capabilities": {}})             # -32600
        self.assertEqual(c.shutdown_and_exit(), 0)
        self.assert_one_response_per_request(null_id_errors=1)
        self.assert_error(c.wait_for(lambda m: m.get("id") == "c"), REQUEST_CANCELLED, "c")
        self.assert_error(c.wait_for(lambda m: m.get("id") == "q"), INVALID_PARAMS, "q")


if __name__ == "__main__":
    main()
