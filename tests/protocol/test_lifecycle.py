"""Lifecycle: initialize, the negotiated capabilities, shutdown and exit, and how the process ends.

Editors rely on these exact answers: VS Code kills a server whose shutdown does not answer, and
reports a crash (and offers to restart it) when exit codes are wrong; a position encoding that
is not the one the client can read shifts every squiggle on lines with non-ASCII text.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import (INVALID_REQUEST, LOG_WARNING, METHOD_NOT_FOUND, LspClient, ServerTestCase, byline_path,  # noqa: E402
                       frame, main)

EXPECTED_SYNC = {"openClose": True, "change": 2}  # 2 = incremental


class InitializeResult(ServerTestCase):
    def check_result(self, result, encoding):
        self.assertEqual(result["serverInfo"]["name"], "byline")
        self.assertIsInstance(result["serverInfo"].get("version"), str)
        self.assertRegex(result["serverInfo"]["version"], r"^\d+\.\d+\.\d+")
        caps = result["capabilities"]
        self.assertEqual(caps["positionEncoding"], encoding)
        self.assertEqual(caps["textDocumentSync"], EXPECTED_SYNC)

    def test_utf8_chosen_when_offered_after_utf16(self):
        # The client lists utf-16 first (it must always be supported) and utf-8 as an option;
        # the server works in UTF-8 inside, so utf-8 saves it a conversion and must be picked.
        self.check_result(self.client.initialize(encodings=["utf-16", "utf-8"]), "utf-8")
        self.assertEqual(self.client.shutdown_and_exit(), 0)

    def test_utf16_when_only_utf16_offered(self):
        self.check_result(self.client.initialize(encodings=["utf-16"]), "utf-16")
        self.assertEqual(self.client.shutdown_and_exit(), 0)

    def test_utf16_when_client_says_nothing(self):
        # Older clients (LSP < 3.17) send no general.positionEncodings: UTF-16 is the default.
        self.check_result(self.client.initialize(encodings=None), "utf-16")
        self.assertEqual(self.client.shutdown_and_exit(), 0)

    def test_utf16_when_only_unknown_encodings_offered(self):
        # utf-32 is not one the server speaks; it must fall back to the mandatory utf-16.
        self.check_result(self.client.initialize(encodings=["utf-32"]), "utf-16")
        self.assertEqual(self.client.shutdown_and_exit(), 0)

    def test_debounce_out_of_range_is_a_warning_and_the_default_stays(self):
        # debounceMs is 0-10000: a value outside (or not a number) is said in a warning, not
        # silently dropped, and the default 30 ms debounce stays.
        for bad in (60000, -1, "fast", 2.5):
            with self.subTest(debounce=bad):
                c = LspClient()
                try:
                    start = c.mark()
                    c.initialize(debounce_ms=bad)
                    c.barrier()
                    logs = [m for m in c.log_messages(start) if "debounceMs" in m["message"]]
                    self.assertEqual(len(logs), 1, c.log_messages(start))
                    self.assertEqual(logs[0]["type"], LOG_WARNING)
                    self.assertIn("from 0 to 10000; keeping 30", logs[0]["message"])
                    self.assertEqual(c.shutdown_and_exit(), 0)
                finally:
                    c.close()
        c = self.client
        start = c.mark()
        c.initialize(debounce_ms=10000)
        c.barrier()
        self.assertEqual([m for m in c.log_messages(start) if "debounceMs" in m["message"]], [])
        self.assertEqual(c.shutdown_and_exit(), 0)

    def test_initialize_response_carries_request_id(self):
        c = self.client
        resp = c.request("initialize", {"processId": None, "capabilities": {}}, id="init-1")
        self.assertEqual(resp["id"], "init-1")
        self.assertEqual(resp["jsonrpc"], "2.0")
        self.assertNotIn("error", resp)
        self.check_result(resp["result"], "utf-16")
        c.barrier()
        self.assert_one_response_per_request()

    def test_initialize_without_params_is_invalid_params_and_retry_works(self):
        # A refused initialize must not count as "initialized": the client can fix it and retry.
        c = self.client
        resp = c.request("initialize")
        self.assert_error(resp, -32602, rid=resp["id"])
        self.assert_error(c.barrier(), -32002)
        self.check_result(c.initialize(encodings=["utf-16", "utf-8"]), "utf-8")
        self.assertEqual(c.shutdown_and_exit(), 0)
        self.assert_one_response_per_request()

    def test_second_initialize_is_invalid_request(self):
        c = self.client
        c.initialize()
        resp = c.request("initialize", {"processId": None, "capabilities": {}})
        self.assert_error(resp, INVALID_REQUEST, rid=resp["id"])
        # The server keeps working with the first session's settings.
        self.assert_error(c.barrier(), METHOD_NOT_FOUND)
        self.assertEqual(c.shutdown_and_exit(), 0)
        self.assert_one_response_per_request()


class ShutdownAndExit(ServerTestCase):
    def test_shutdown_answers_null_and_exit_code_is_0(self):
        c = self.client
        c.initialize()
        resp = c.request("shutdown")
        self.assertIn("result", resp)
        self.assertIsNone(resp["result"])
        self.assertNotIn("error", resp)
        c.notify("exit")
        self.assertEqual(c.wait_exit(), 0)
        self.assert_one_response_per_request()

    def test_exit_without_shutdown_is_code_1(self):
        # LSP: "The server should exit with success code 0 if the shutdown request has been
        # received before; otherwise with error code 1."
        c = self.client
        c.initialize()
        c.notify("exit")
        self.assertEqual(c.wait_exit(), 1)

    def test_exit_before_initialize_is_code_1(self):
        # exit is the one notification honoured before initialize.
        self.client.notify("exit")
        self.assertEqual(self.client.wait_exit(), 1)

    def test_eof_without_exit_ends_promptly_with_code_1(self):
        # The editor died (or closed the pipe) without shutdown: the server must not linger as
        # an orphan, and must say it did not end cleanly.
        c = self.client
        c.initialize()
        t0 = time.monotonic()
        c.close_stdin()
        self.assertEqual(c.wait_exit(timeout=3), 1)
        self.assertLess(time.monotonic() - t0, 2.0, "the server took too long to notice EOF")

    def test_eof_after_shutdown_is_code_0(self):
        c = self.client
        c.initialize()
        self.assertIsNone(c.request("shutdown")["result"])
        c.close_stdin()
        self.assertEqual(c.wait_exit(timeout=3), 0)

    def test_eof_before_initialize_is_code_1(self):
        self.client.close_stdin()
        self.assertEqual(self.client.wait_exit(timeout=3), 1)

    def test_requests_after_shutdown_are_invalid_request(self):
        c = self.client
        c.initialize()
        self.assertIsNone(c.request("shutdown")["result"])
        # A known method, an unknown one, and a second shutdown: all refused the same way.
        for method in ("initialize", "byline/whatever", "shutdown"):
            resp = c.request(method, {})
            self.assert_error(resp, INVALID_REQUEST, rid=resp["id"])
        # A notification after shutdown is dropped silently (no response, no crash).
        c.did_open("file:///after-shutdown.txt", "“open")
        self.assert_error(c.barrier(), INVALID_REQUEST)
        c.notify("exit")
        self.assertEqual(c.wait_exit(), 0)
        self.assertEqual(c.publishes(), [], "no diagnostics for a document opened after shutdown")
        self.assert_one_response_per_request()

    def test_shutdown_before_initialize_is_not_initialized(self):
        c = self.client
        resp = c.request("shutdown")
        self.assert_error(resp, -32002, rid=resp["id"])
        c.notify("exit")
        self.assertEqual(c.wait_exit(), 1)

    def test_exit_stops_reading_the_rest_of_the_write(self):
        # exit and a request in one write: after exit the server must neither answer nor hang.
        c = self.client
        c.initialize()
        self.assertIsNone(c.request("shutdown")["result"])
        c.send_raw(frame(c.notification_message("exit")) + frame(c.request_message("byline/late", {}, id=999)))
        self.assertEqual(c.wait_exit(), 0)
        self.assertEqual([m for m in c.responses() if m.get("id") == 999], [])



class NonPipeStdio(unittest.TestCase):
    """`byline serve < session.txt > out.txt`: stdin and stdout are files, not pipes (a
    different code path in transport.c). Used for replaying recorded sessions."""

    def run_session(self, data):
        with tempfile.TemporaryFile() as inp, tempfile.TemporaryFile() as out:
            inp.write(data)
            inp.seek(0)
            proc = subprocess.run([byline_path(), "serve"], stdin=inp, stdout=out, stderr=subprocess.PIPE,
                                  timeout=10)
            out.seek(0)
            return proc.returncode, out.read(), proc.stderr

    def parse(self, data):
        msgs = []
        while data:
            head, sep, rest = data.partition(b"\r\n\r\n")
            self.assertTrue(sep, data[:100])
            self.assertTrue(head.startswith(b"Content-Length: "), head)
            n = int(head.split(b":")[1])
            msgs.append(json.loads(rest[:n]))
            data = rest[n:]
        return msgs

    def session(self, with_exit):
        init = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                "params": {"capabilities": {}, "initializationOptions": {"debounceMs": 0}}}
        data = frame(init) + frame({"jsonrpc": "2.0", "id": 2, "method": "byline/x"})
        data += frame({"jsonrpc": "2.0", "id": 3, "method": "shutdown"})
        if with_exit:
            data += frame({"jsonrpc": "2.0", "method": "exit"})
        return data

    def test_session_from_a_file(self):
        code, out, err = self.run_session(self.session(with_exit=True))
        msgs = self.parse(out)
        self.assertEqual([m.get("id") for m in msgs], [1, 2, 3])
        self.assertEqual(msgs[0]["result"]["serverInfo"]["name"], "byline")
        self.assertEqual(msgs[1]["error"]["code"], METHOD_NOT_FOUND)
        self.assertIsNone(msgs[2]["result"])
        self.assertEqual(code, 0, err)

    def test_file_ending_after_shutdown_is_code_0(self):
        code, out, err = self.run_session(self.session(with_exit=False))
        self.assertEqual([m.get("id") for m in self.parse(out)], [1, 2, 3])
        self.assertEqual(code, 0, err)

    def test_empty_stdin_is_code_1(self):
        proc = subprocess.run([byline_path(), "serve"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=10)
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(proc.stdout, b"")


if __name__ == "__main__":
    main()
