"""Documents and positions: didOpen/didChange/didClose and LSP position arithmetic.

Every squiggle a user sees is computed from the server's copy of the buffer, so the copy must be
exactly the editor's: every change of a batch applied in order against the previous result
(vale-ls read only the first; Marksman used a stale line map), positions counted in the
negotiated encoding, and a change that cannot be applied refused as a whole rather than applied
half-way.

How the tests see the server's copy: the documents contain closing marks ” with no opening mark.
Each one is an `unbalanced-quote` finding at its exact position, so the published diagnostics
are a fingerprint of the text; `lspclient.apply_changes` models the same edits independently and
`stray_close_ranges` predicts the fingerprint.
"""

import os
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import (CLOSE_MARK as Q, LOG_ERROR, LOG_WARNING, METHOD_NOT_FOUND, ServerTestCase,  # noqa: E402
                       apply_changes, diagnostic_ranges, frame, main, stray_close_ranges)


def pos(line, character):
    return {"line": line, "character": character}


def rng(l1, c1, l2, c2):
    return {"start": pos(l1, c1), "end": pos(l2, c2)}


def edit(l1, c1, l2, c2, text):
    return {"range": rng(l1, c1, l2, c2), "text": text}


def quotes_only(diagnostics):
    """The unbalanced-quote diagnostics: the fingerprint these tests compare (other rules, such
    as unsourced-claim, may also speak about the same text and are not what is tested here)."""
    return [d for d in diagnostics if d.get("code") == "unbalanced-quote"]



class DocumentTestCase(ServerTestCase):
    encoding = "utf-16"
    uri = "file:///work/story.txt"

    def setUp(self):
        super().setUp()
        offered = ["utf-16", "utf-8"] if self.encoding == "utf-8" else ["utf-16"]
        result = self.client.initialize(encodings=offered)
        self.assertEqual(result["capabilities"]["positionEncoding"], self.encoding)
        self.text = None

    def open(self, text, version=1):
        start = self.client.mark()
        self.client.did_open(self.uri, text, version)
        self.text = text
        return self.expect(version, start)

    def change(self, version, changes):
        start = self.client.mark()
        self.client.did_change(self.uri, version, changes)
        self.text = apply_changes(self.text, changes, self.encoding)
        return self.expect(version, start)

    def expect(self, version, start):
        """Waits for the publish of `version` and checks it is the model text's fingerprint."""
        p = self.client.wait_diagnostics(self.uri, version, start=start)
        quotes = [d for d in p["diagnostics"] if d.get("code") == "unbalanced-quote"]
        self.assertEqual(diagnostic_ranges(quotes), stray_close_ranges(self.text, self.encoding),
                         "server text differs from the model text %r" % self.text)
        return p

    def expect_rejected(self, version, changes, why):
        """Sends a change batch that must be refused as a whole: a window/logMessage of type 1
        (Error) names the problem, and the document keeps its text and version (shown by the
        next good change, which is applied to the old text and published as its own version)."""
        c = self.client
        start = c.mark()
        c.did_change(self.uri, version, changes)
        log = c.wait_for(lambda m: m.get("method") == "window/logMessage", start=start,
                         what="the logMessage for a rejected change")
        self.assertEqual(log["params"]["type"], LOG_ERROR)
        self.assertIn(why, log["params"]["message"])
        self.assertIn("rejected", log["params"]["message"])
        self.assertIn(self.uri, log["params"]["message"])
        return log["params"]["message"]

    def tearDown(self):
        c = self.client
        if self.text is not None:
            # No publish ever carries a version whose change was rejected, and the session ends
            # cleanly.
            self.assertEqual(c.shutdown_and_exit(), 0)
            self.assert_one_response_per_request()


class IncrementalSync(DocumentTestCase):
    def test_open_publishes_fingerprint(self):
        p = self.open("a" + Q + "b\n\nsecond" + Q + Q + " line\n")
        self.assertEqual(p["version"], 1)
        self.assertEqual(len(quotes_only(p["diagnostics"])), 3)

    def test_single_edits_insert_delete_replace(self):
        self.open("one" + Q + "\ntwo" + Q + "\nthree" + Q + "\n")
        self.change(2, [edit(0, 0, 0, 0, "AA")])                 # insert at start of line 0
        self.change(3, [edit(1, 1, 1, 2, "")])                   # delete a character in line 1
        self.change(4, [edit(2, 0, 2, 5, "3" + Q + Q)])          # replace "three"
        self.change(5, [edit(0, 6, 1, 0, "")])                   # join lines 0 and 1
        self.change(6, [edit(1, 0, 1, 0, "new" + Q + "\n")])     # insert a whole line
        self.assertEqual(self.text, "AAone" + Q + "to" + Q + "\nnew" + Q + "\n3" + Q + Q + Q + "\n")

    def test_batch_each_change_applies_to_previous_result(self):
        # Change 2's positions are only right after change 1 (it inserted a line above), and
        # change 3 edits text that change 2 inserted. Applied against the original text, the
        # fingerprint would differ.
        self.open("alpha" + Q + "\nbeta" + Q + "\n")
        changes = [
            edit(0, 0, 0, 0, "head" + Q + "\n"),
            edit(2, 4, 2, 4, "XY" + Q),        # in "beta”" (now line 2), after "beta"
            edit(2, 5, 2, 6, "z"),             # replaces the Y just inserted
            edit(0, 0, 1, 0, ""),              # removes the first line again
        ]
        self.change(2, changes)
        self.assertEqual(self.text, "alpha" + Q + "\nbetaXz" + Q + Q + "\n")

    def test_full_text_replacement(self):
        self.open("old" + Q + "\n")
        self.change(2, [{"text": "brand" + Q + "\nnew" + Q + "\n"}])
        # A full replacement followed by a ranged change in the same batch: the range refers to
        # the replaced text.
        self.change(3, [{"text": "x" + Q + "\n"}, edit(0, 0, 0, 0, "yy" + Q)])
        self.assertEqual(self.text, "yy" + Q + "x" + Q + "\n")
        # Replacing with nothing, then with something again.
        self.change(4, [{"text": ""}])
        self.change(5, [{"text": Q}])

    def test_crlf_and_cr_line_endings(self):
        # LSP lines end at \n, \r\n or \r; a \r\n is one line break, not two.
        self.open("a" + Q + "\r\nb" + Q + "\rc" + Q + "\n")
        self.change(2, [edit(1, 0, 1, 0, "BB")])
        self.change(3, [edit(2, 1, 2, 1, Q)])
        self.change(4, [edit(0, 2, 1, 0, "")])          # remove the \r\n (whole line break)
        self.assertEqual(self.text, "a" + Q + "BBb" + Q + "\rc" + Q + Q + "\n")

    def test_edit_at_end_of_document_position(self):
        # line == line count with character 0 is the end of the text (documented in line_index.h)
        self.open("a" + Q + "\nb")
        self.change(2, [edit(2, 0, 2, 0, Q)])
        self.change(3, [edit(1, 1, 1, 1, "\n" + Q)])
        self.assertEqual(self.text, "a" + Q + "\nb\n" + Q + Q)

    def test_reopen_replaces_the_document(self):
        self.check_monotonic_versions = False  # a second didOpen may restart the version
        self.open("first" + Q + "\n", version=5)
        self.open("second" + Q + Q + "\n", version=1)


class Utf16Positions(DocumentTestCase):
    encoding = "utf-16"

    def test_astral_character_counts_two_units(self):
        # 😀 is U+1F600: two UTF-16 code units. "é" is one unit.
        self.open("é😀" + Q + "\n")
        self.assertEqual(stray_close_ranges(self.text, "utf-16")[0], rng(0, 3, 0, 4))
        self.change(2, [edit(0, 3, 0, 3, "X")])          # after the emoji (1 + 2 units)
        self.change(3, [edit(0, 1, 0, 3, "")])           # delete the emoji: units 1..3
        self.assertEqual(self.text, "éX" + Q + "\n")
        self.change(4, [edit(0, 2, 0, 2, "🎉" + Q)])       # insert an emoji, then count past it
        self.change(5, [edit(0, 4, 0, 4, "b")])
        self.assertEqual(self.text, "éX🎉b" + Q + Q + "\n")

    def test_position_inside_surrogate_pair_rejects_whole_batch(self):
        self.open("a😀b" + Q + "\n")
        good = edit(0, 0, 0, 0, Q + Q)           # valid on its own, and applied first
        bad = edit(0, 4, 0, 4, "x")              # after good: "””a😀": 4 = inside the 😀
        msg = self.expect_rejected(3, [good, bad], "surrogate")
        self.assertIn("version 3", msg)
        self.assertIn("keeps version 1", msg)
        # The next change is applied to the text of version 1, not to a half-applied batch.
        self.change(4, [edit(0, 4, 0, 4, "Z")])
        self.assertEqual(self.text, "a😀bZ" + Q + "\n")
        self.assertNotIn(3, [p.get("version") for p in self.client.publishes(self.uri)])

    def test_end_inside_surrogate_pair_rejected(self):
        self.open("😀" + Q + "\n")
        self.expect_rejected(2, [edit(0, 0, 0, 1, "")], "surrogate")
        self.change(3, [edit(0, 0, 0, 2, "")])
        self.assertEqual(self.text, Q + "\n")

    def test_character_past_line_end_clamps(self):
        # LSP: "If the character value is greater than the line length it defaults back to the
        # line length." The insert lands at the end of line 0, not on line 1.
        self.open("ab\ncd" + Q + "\n")
        self.change(2, [edit(0, 99, 0, 99, Q)])
        self.assertEqual(self.text, "ab" + Q + "\ncd" + Q + "\n")
        # A range ending past the line end deletes to the line end, keeping the line break.
        self.change(3, [edit(0, 1, 0, 1000, "")])
        self.assertEqual(self.text, "a\ncd" + Q + "\n")
        # Also on the last line without a trailing newline, with an astral character on it.
        self.change(4, [{"text": "x😀"}])
        self.change(5, [edit(0, 50, 0, 50, Q)])
        self.assertEqual(self.text, "x😀" + Q)

    def test_line_past_end_is_rejected(self):
        self.open("a" + Q)  # one line: line 1 character 0 is the end, anything further is out
        self.expect_rejected(2, [edit(7, 0, 7, 0, Q)], "past the end")
        self.expect_rejected(2, [edit(1, 3, 1, 3, Q)], "past the end")  # one past, not at char 0
        self.change(3, [edit(0, 0, 0, 0, "b")])

    def test_negative_and_reversed_ranges_rejected(self):
        self.open("abc" + Q + "\n")
        self.expect_rejected(2, [edit(0, -1, 0, 0, "x")], "negative")
        self.expect_rejected(2, [edit(0, 3, 0, 1, "x")], "starts after it ends")
        self.expect_rejected(2, [{"range": {"start": pos(0, 0)}, "text": "x"}], "malformed")
        self.expect_rejected(2, [edit(0, 0, 0, 0, "ok"), {"range": rng(0, 0, 0, 0)}], "malformed")  # no text
        self.change(3, [edit(0, 3, 0, 3, "d")])
        self.assertEqual(self.text, "abcd" + Q + "\n")


class Utf8Positions(DocumentTestCase):
    encoding = "utf-8"

    def test_astral_character_counts_four_bytes(self):
        self.open("é😀" + Q + "\n")
        # é is 2 bytes, 😀 is 4: the ” starts at byte 6 and is 3 bytes long.
        self.assertEqual(stray_close_ranges(self.text, "utf-8")[0], rng(0, 6, 0, 9))
        self.change(2, [edit(0, 6, 0, 6, "X")])
        self.change(3, [edit(0, 2, 0, 6, "")])           # delete the emoji: bytes 2..6
        self.assertEqual(self.text, "éX" + Q + "\n")
        self.change(4, [edit(0, 3, 0, 3, "🎉" + Q)])
        self.change(5, [edit(0, 7, 0, 7, "b")])
        self.assertEqual(self.text, "éX🎉b" + Q + Q + "\n")

    def test_position_inside_utf8_sequence_rejected(self):
        self.open("a😀" + Q + "\n")
        self.expect_rejected(2, [edit(0, 3, 0, 3, "x")], "inside a multi-unit character")
        self.expect_rejected(2, [edit(0, 5, 0, 6, "x")], "inside a multi-unit character")  # inside the ”
        self.change(3, [edit(0, 5, 0, 5, "x")])
        self.assertEqual(self.text, "a😀x" + Q + "\n")

    def test_character_past_line_end_clamps(self):
        self.open("é\n" + Q)
        self.change(2, [edit(0, 3, 0, 3, Q)])            # é is 2 bytes: 3 is past the end
        self.assertEqual(self.text, "é" + Q + "\n" + Q)


class UnknownDocuments(ServerTestCase):
    def test_change_to_never_opened_document_is_logged_not_fatal(self):
        c = self.client
        c.initialize()
        uri = "file:///never/opened.txt"
        start = c.mark()
        c.did_change(uri, 2, [edit(0, 0, 0, 0, Q)])
        log = c.wait_for(lambda m: m.get("method") == "window/logMessage", start=start, what="logMessage")
        self.assertEqual(log["params"]["type"], LOG_ERROR)
        self.assertIn(uri, log["params"]["message"])
        self.assertIn("not open", log["params"]["message"])
        start = c.mark()
        c.did_close(uri)  # closing it is a warning, not an error, and no publish
        log = c.wait_for(lambda m: m.get("method") == "window/logMessage", start=start, what="logMessage")
        self.assertEqual(log["params"]["type"], LOG_WARNING)
        self.assertIn(uri, log["params"]["message"])
        self.assert_error(c.barrier(), METHOD_NOT_FOUND)
        self.assertEqual(c.publishes(uri), [])
        self.assertEqual(c.shutdown_and_exit(), 0)
        self.assert_one_response_per_request()

    def test_malformed_document_notifications_are_logged(self):
        c = self.client
        c.initialize()
        bad = [
            ("textDocument/didOpen", {"textDocument": {"uri": "file:///a", "version": 1}}),        # no text
            ("textDocument/didOpen", {"textDocument": {"uri": "file:///a", "text": "x", "version": 1.5}}),
            ("textDocument/didChange", {"textDocument": {"uri": "file:///a", "version": 2}}),      # no changes
            ("textDocument/didChange", {"textDocument": {"uri": "file:///a", "version": 2},
                                        "contentChanges": {"text": "x"}}),                          # not an array
            ("textDocument/didClose", {"textDocument": {}}),
        ]
        start = c.mark()
        for method, params in bad:
            c.notify(method, params)
        self.assert_error(c.barrier(), METHOD_NOT_FOUND)
        logs = c.log_messages(start)
        self.assertEqual([l["type"] for l in logs], [LOG_ERROR] * len(bad), logs)
        for (method, _), log in zip(bad, logs):
            self.assertIn(method, log["message"])
        self.assertEqual(c.publishes(), [])
        self.assertEqual(c.shutdown_and_exit(), 0)
        self.assert_one_response_per_request()

    def test_nul_and_invalid_utf8_do_not_crash(self):
        # product.md: "Never crashes ... on invalid UTF-8, NUL bytes". The text travels as raw
        # bytes inside the JSON string (JSON parsers pass them through).
        c = self.client
        c.initialize()
        start = c.mark()
        body = (b'{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":'
                b'{"uri":"file:///bin.txt","languageId":"plaintext","version":1,'
                b'"text":"a\\u0000b \xff\xfe c\xc3 \xe2\x80\x9d\\n"}}}')
        c.send_raw(frame(body))
        p = c.wait_diagnostics("file:///bin.txt", 1, start=start)
        self.assertIsInstance(p["diagnostics"], list)
        self.assert_error(c.barrier(), METHOD_NOT_FOUND)
        self.assertEqual(c.shutdown_and_exit(), 0)


class NulCharacter(DocumentTestCase):
    def test_nul_character_keeps_the_rest_of_the_document(self):
        # Regression: a document containing U+0000 (sent as the JSON escape \u0000, valid JSON and
        # what every client's JSON encoder produces) was cut at the NUL (strlen on cJSON's string),
        # so everything after it was lost. The stray ” after the NUL must still be reported at
        # (1, 1), and the NUL itself is reported as invalid-encoding. Same for didChange text.
        p = self.open("x\u0000y\nz" + Q + "\n")
        nul = [d["range"] for d in p["diagnostics"] if d.get("code") == "invalid-encoding"]
        self.assertEqual(nul, [{"start": {"line": 0, "character": 1}, "end": {"line": 0, "character": 2}}])
        self.change(2, [edit(1, 0, 1, 0, "\u0000" + Q)])
        self.assertEqual(self.text, "x\u0000y\n\u0000" + Q + "z" + Q + "\n")


class LoneSurrogate(ServerTestCase):
    def test_lone_surrogate_escape_is_kept_as_one_unit(self):
        # A JS string can hold a lone surrogate; JSON.stringify sends it as "\ud83d". cJSON
        # refuses such a string, so the server rewrites it to U+FFFD (also one UTF-16 unit)
        # before parsing: the document is accepted and positions after it stay right.
        c = self.client
        c.initialize()
        start = c.mark()
        body = ('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":'
                '{"uri":"file:///s.txt","languageId":"plaintext","version":1,'
                '"text":"a\\ud83db\\u201d\\n"}}}').encode()
        c.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        p = c.wait_diagnostics("file:///s.txt", 1, start=start)
        quotes = [d["range"] for d in p["diagnostics"] if d.get("code") == "unbalanced-quote"]
        self.assertEqual(quotes, [{"start": {"line": 0, "character": 3}, "end": {"line": 0, "character": 4}}])
        self.assertEqual(c.shutdown_and_exit(), 0)


class ManyDocuments(ServerTestCase):
    def test_two_hundred_documents_open_close_reopen(self):
        # The document store is a hash table with tombstones: open many, close half, change and
        # reopen; every publish must be for the right URI with that URI's own text.
        c = self.client
        c.initialize()
        uris = ["file:///corpus/doc%03d.txt" % i for i in range(200)]
        texts = {u: ("d%d" % i) + Q * (i % 7) + "\n" for i, u in enumerate(uris)}
        start = c.mark()
        for u in uris:
            c.did_open(u, texts[u])
        for u in uris:
            p = c.wait_diagnostics(u, 1, start=start)
            self.assertEqual(diagnostic_ranges(quotes_only(p["diagnostics"])), stray_close_ranges(texts[u], "utf-16"), u)
        start = c.mark()
        for u in uris[::2]:
            c.did_close(u)
        for u in uris[1::2]:
            c.did_change(u, 2, [edit(0, 0, 0, 0, Q)])
            texts[u] = Q + texts[u]
        for u in uris[::2]:
            c.did_open(u, "re" + Q + Q + "\n", 3)
            texts[u] = "re" + Q + Q + "\n"
        for u in uris:
            v = 3 if uris.index(u) % 2 == 0 else 2
            p = c.wait_diagnostics(u, v, start=start)
            self.assertEqual(diagnostic_ranges(quotes_only(p["diagnostics"])), stray_close_ranges(texts[u], "utf-16"), u)
        self.assertEqual(c.shutdown_and_exit(), 0)
        self.assert_one_response_per_request()


class Close(ServerTestCase):
    def test_did_close_publishes_empty_diagnostics(self):
        c = self.client
        c.initialize()
        uri = "file:///closing.txt"
        start = c.mark()
        c.did_open(uri, "x" + Q + "\n")
        self.assertEqual(len(quotes_only(c.wait_diagnostics(uri, 1, start=start)["diagnostics"])), 1)
        other = "file:///other.txt"
        c.did_open(other, Q + Q + "\n")
        self.assertEqual(len(quotes_only(c.wait_diagnostics(other, 1, start=start)["diagnostics"])), 2)
        start = c.mark()
        c.did_close(uri)
        # (Opening `other` added a source to the corpus, so `closing` may be republished just
        # before the close: the close's own publish is the one without a version.)
        m = c.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                       and m["params"]["uri"] == uri and "version" not in m["params"], start=start,
                       what="the publish that clears the closed document")
        # The editor clears the squiggles of a closed file only when told: an empty array.
        self.assertEqual(m["params"], {"uri": uri, "diagnostics": []})
        # The closed document is gone (a change to it is refused), the other one is untouched.
        start = c.mark()
        c.did_change(uri, 2, [{"text": Q}])
        log = c.wait_for(lambda m: m.get("method") == "window/logMessage", start=start, what="logMessage")
        self.assertIn("not open", log["params"]["message"])
        c.did_change(other, 2, [edit(0, 0, 0, 0, Q)])
        self.assertEqual(len(quotes_only(c.wait_diagnostics(other, 2, start=start)["diagnostics"])), 3)
        self.assertEqual([p for p in c.publishes(uri)][-1], {"uri": uri, "diagnostics": []})
        # Reopening works and starts from the new text.
        start = c.mark()
        c.did_open(uri, "fresh\n", 1)
        self.assertEqual(quotes_only(c.wait_diagnostics(uri, 1, start=start)["diagnostics"]), [])
        self.assertEqual(c.shutdown_and_exit(), 0)
        self.assert_one_response_per_request()

    def test_close_right_after_change_publishes_nothing_stale(self):
        # A change and a close in one write: the pending diagnostics for the change must not be
        # published after the close (they would resurrect squiggles in a closed file).
        c = self.client
        c.initialize()
        uri = "file:///quick.txt"
        start = c.mark()
        c.did_open(uri, "a\n")
        c.wait_diagnostics(uri, 1, start=start)
        start = c.mark()
        c.send_raw(frame(c.notification_message("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": Q + "\n"}]}))
            + frame(c.notification_message("textDocument/didClose", {"textDocument": {"uri": uri}})))
        c.wait_diagnostics(uri, start=start)
        self.assert_error(c.barrier(), METHOD_NOT_FOUND)
        time.sleep(0.1)  # a stale publish would be timer-driven: give the 0 ms timer a chance
        after = c.messages_since(start)
        pubs = [m["params"] for m in after if m.get("method") == "textDocument/publishDiagnostics"]
        self.assertEqual(pubs, [{"uri": uri, "diagnostics": []}])
        self.assertEqual(c.shutdown_and_exit(), 0)


if __name__ == "__main__":
    main()
