"""Diagnostics: textDocument/publishDiagnostics as an editor receives it.

What a user sees is exactly these fields: the squiggle's range (in the negotiated encoding, so a
line with "ë" or an emoji before the mark must not shift it), the severity (warning = 2), the
rule id in `code`, a link to the rule's page, "byline" as the source, and the version the
diagnostics belong to (an editor drops, or worse, misplaces, diagnostics for a version it no
longer has). Under a burst of keystrokes the last publish must be the current version and a
publish must never go back to an older one.
"""

import os
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import (CLOSE_MARK, METHOD_NOT_FOUND, OPEN_MARK, ServerTestCase, apply_changes,  # noqa: E402
                       diagnostic_ranges, frame, main, stray_close_ranges, to_position)

URI = "file:///news/story.txt"
NEVER_CLOSES = "quotation mark opens here and never closes in its paragraph"

# Line 2 has multi-byte characters before the opening mark:
#   "Zoë Müller said: " is 17 characters (19 UTF-8 bytes: ë and ü take 2), then 😀 (2 UTF-16
#   units, 4 UTF-8 bytes), then a space. The “ is at UTF-16 unit 20 and UTF-8 byte 24; it is one
#   UTF-16 unit and three UTF-8 bytes long.
STORY = ("Mayor Opens New Bridge\n"
         "\n"
         "Zoë Müller said: 😀 " + OPEN_MARK + "We will cross it every day.\n"
         "\n"
         "The bridge cost $7 million.\n")
MARK_RANGE = {"utf-16": {"start": {"line": 2, "character": 20}, "end": {"line": 2, "character": 21}},
              "utf-8": {"start": {"line": 2, "character": 24}, "end": {"line": 2, "character": 27}}}


def quotes_only(diagnostics):
    """The unbalanced-quote diagnostics: the fingerprint these tests compare (other rules, such
    as unsourced-claim, may also speak about the same text and are not what is tested here)."""
    return [d for d in diagnostics if d.get("code") == "unbalanced-quote"]



class PublishedFields(ServerTestCase):
    def check_story(self, offered, encoding):
        c = self.client
        caps = c.initialize(encodings=offered)["capabilities"]
        self.assertEqual(caps["positionEncoding"], encoding)
        start = c.mark()
        c.did_open(URI, STORY, version=7)
        p = c.wait_diagnostics(URI, start=start)
        self.assertEqual(p["uri"], URI)
        self.assertEqual(p["version"], 7, "diagnostics carry the version they were computed for")
        self.assertEqual(len(quotes_only(p["diagnostics"])), 1, p)
        d = quotes_only(p["diagnostics"])[0]
        self.assertEqual(d["source"], "byline")
        self.assertEqual(d["code"], "unbalanced-quote")
        self.assertEqual(d["severity"], 2)
        self.assertEqual(d["message"], NEVER_CLOSES)
        href = d["codeDescription"]["href"]
        self.assertTrue(href.endswith("docs/rules/unbalanced-quote.md"), href)
        self.assertEqual(href, "file://%s/rules/unbalanced-quote.md" % c.docs_dir)
        self.assertEqual(d["range"], MARK_RANGE[encoding])
        # The model agrees (a check on the test's own arithmetic).
        i = STORY.index(OPEN_MARK)
        self.assertEqual(d["range"], {"start": to_position(STORY, i, encoding),
                                      "end": to_position(STORY, i + 1, encoding)})
        self.assertEqual(set(d), {"range", "severity", "code", "codeDescription", "source", "message"})
        self.assertEqual(c.shutdown_and_exit(), 0)

    def test_fields_and_range_utf16(self):
        self.check_story(["utf-16"], "utf-16")

    def test_fields_and_range_utf8(self):
        self.check_story(["utf-16", "utf-8"], "utf-8")

    def test_stray_closing_mark_message(self):
        c = self.client
        c.initialize()
        start = c.mark()
        c.did_open(URI, "He left." + CLOSE_MARK + "\n")
        d = quotes_only(c.wait_diagnostics(URI, 1, start=start)["diagnostics"])
        self.assertEqual(len(d), 1)
        self.assertEqual(d[0]["message"], "closing quotation mark with no opening mark before it in its paragraph")
        self.assertEqual(d[0]["range"], {"start": {"line": 0, "character": 8}, "end": {"line": 0, "character": 9}})
        self.assertEqual(c.shutdown_and_exit(), 0)


class QuoteRule(ServerTestCase):
    def setUp(self):
        super().setUp()
        self.client.initialize()

    def publish_for(self, text, uri=URI, version=1):
        start = self.client.mark()
        self.client.did_open(uri, text, version)
        return quotes_only(self.client.wait_diagnostics(uri, version, start=start)["diagnostics"])

    def test_multi_paragraph_quote_is_not_flagged(self):
        # News style: a quote running over paragraphs opens each one and closes only the last.
        text = (OPEN_MARK + "We built it in two years,\n\n"
                + OPEN_MARK + "and we paid for it ourselves,\n\n"
                + OPEN_MARK + "every cent," + CLOSE_MARK + " she said.\n")
        self.assertEqual(self.publish_for(text), [])
        self.assertEqual(self.client.shutdown_and_exit(), 0)

    def test_multi_paragraph_quote_left_open_is_flagged_once_at_last_paragraph(self):
        # Control for the test above: without the final close, the last paragraph's mark (and
        # only it) is reported; a paragraph between that does not open with a mark ends the run.
        text = (OPEN_MARK + "One,\n\n" + OPEN_MARK + "two,\n\n" + OPEN_MARK + "three.\n\n"
                "Then she left.\n")
        d = self.publish_for(text)
        self.assertEqual(diagnostic_ranges(d), [{"start": {"line": 4, "character": 0},
                                                 "end": {"line": 4, "character": 1}}])
        self.assertEqual(d[0]["message"], NEVER_CLOSES)
        text2 = OPEN_MARK + "One,\n\nShe paused.\n\n" + OPEN_MARK + "Two." + CLOSE_MARK + "\n"
        d = self.publish_for(text2, uri="file:///news/two.txt")
        self.assertEqual(diagnostic_ranges(d), [{"start": {"line": 0, "character": 0},
                                                 "end": {"line": 0, "character": 1}}])
        self.assertEqual(self.client.shutdown_and_exit(), 0)

    def test_fixing_the_quote_publishes_empty_set(self):
        c = self.client
        text = "Headline\n\nShe said " + OPEN_MARK + "we won.\n"
        self.assertEqual(len(self.publish_for(text)), 1)
        start = c.mark()
        # Close the quote after "won." (line 2, UTF-16 character 17).
        c.did_change(URI, 2, [{"range": {"start": {"line": 2, "character": 17}, "end": {"line": 2, "character": 17}},
                               "text": CLOSE_MARK}])
        p = c.wait_diagnostics(URI, 2, start=start)
        self.assertEqual(p, {"uri": URI, "version": 2, "diagnostics": []})
        # ...and breaking it again brings the diagnostic back, at the same place.
        start = c.mark()
        c.did_change(URI, 3, [{"range": {"start": {"line": 2, "character": 17}, "end": {"line": 2, "character": 18}},
                               "text": ""}])
        d = quotes_only(c.wait_diagnostics(URI, 3, start=start)["diagnostics"])
        self.assertEqual(diagnostic_ranges(d), [{"start": {"line": 2, "character": 9},
                                                 "end": {"line": 2, "character": 10}}])
        self.assertEqual(c.shutdown_and_exit(), 0)

    def test_documents_are_published_separately(self):
        c = self.client
        start = c.mark()
        c.did_open("file:///a.txt", OPEN_MARK + "a\n")
        c.did_open("file:///b.txt", "b\n")
        a = c.wait_diagnostics("file:///a.txt", 1, start=start)
        b = c.wait_diagnostics("file:///b.txt", 1, start=start)
        self.assertEqual(len(quotes_only(a["diagnostics"])), 1)
        self.assertEqual(b["diagnostics"], [])
        self.assertEqual(c.shutdown_and_exit(), 0)
        for uri in ("file:///a.txt", "file:///b.txt"):
            self.assertEqual(len(c.publishes(uri)), 1, "one publish per opened document")


class Burst(ServerTestCase):
    """1,000 keystrokes as fast as the client can send them (version 2..1001)."""

    N = 1000

    def plan(self, encoding):
        """The edits: one character each, at positions spread over the text, some of them
        closing marks and newlines, and the very last one (version 1001) a ” at a known place."""
        text = "Start."
        alphabet = ["a", "é", "😀", "b", "z", "ü", "k"]
        versions = {1: text}
        edits = []
        for k in range(self.N):
            if k == self.N - 1 or k % 10 == 9:
                ch = CLOSE_MARK
            elif k % 50 == 25:
                ch = "\n"
            else:
                ch = alphabet[k % len(alphabet)]
            at = (k * 37) % (len(text) + 1)
            p = to_position(text, at, encoding)
            change = {"range": {"start": p, "end": p}, "text": ch}
            text = apply_changes(text, [change], encoding)
            self.assertEqual(text, versions[k + 1][:at] + ch + versions[k + 1][at:])
            versions[k + 2] = text
            edits.append(change)
        return edits, versions

    def run_burst(self, offered, encoding):
        c = self.client
        self.assertEqual(c.initialize(encodings=offered)["capabilities"]["positionEncoding"], encoding)
        edits, versions = self.plan(encoding)
        start = c.mark()
        c.did_open(URI, versions[1], 1)
        for k, change in enumerate(edits):
            c.did_change(URI, k + 2, [change])
        last = self.N + 1
        final = c.wait_diagnostics(URI, last, start=start, timeout=15)
        self.assert_error(c.barrier(), METHOD_NOT_FOUND)
        time.sleep(0.1)  # room for a (wrong) publish after the last one
        pubs = c.publishes(URI)
        self.assertGreaterEqual(len(pubs), 1)
        self.assertEqual(pubs[-1]["version"], last, "the last publish must be for the last version")
        # The final text is right: every ” is reported where the model puts it, including the
        # one the last keystroke typed.
        self.assertEqual(diagnostic_ranges(quotes_only(final["diagnostics"])), stray_close_ranges(versions[last], encoding))
        last_at = (self.N - 1) * 37 % (len(versions[last - 1]) + 1)
        last_pos = to_position(versions[last], last_at, encoding)
        self.assertIn({"start": last_pos, "end": {"line": last_pos["line"],
                                                  "character": last_pos["character"] + (3 if encoding == "utf-8" else 1)}},
                      diagnostic_ranges(quotes_only(final["diagnostics"])))
        self.assertEqual(len(quotes_only(final["diagnostics"])), versions[last].count(CLOSE_MARK))
        self.assertEqual(len(quotes_only(final["diagnostics"])), 100)
        # Every intermediate publish matches the text of the version it names (a publish that
        # names one version and describes another is as bad as a stale one), and versions never
        # go back.
        seen = []
        for p in pubs:
            v = p["version"]
            self.assertIn(v, versions)
            if seen:
                self.assertGreaterEqual(v, seen[-1], "publish went back from version %d to %d" % (seen[-1], v))
            seen.append(v)
            self.assertEqual(diagnostic_ranges(quotes_only(p["diagnostics"])), stray_close_ranges(versions[v], encoding),
                             "publish for version %d does not describe that version's text" % v)
        self.assertEqual(c.shutdown_and_exit(), 0)
        self.assert_one_response_per_request()

    def test_burst_utf16(self):
        self.run_burst(["utf-16"], "utf-16")

    def test_burst_utf8(self):
        self.run_burst(["utf-16", "utf-8"], "utf-8")

    def test_open_is_published_at_once_and_edits_wait_for_the_debounce(self):
        # Start-up to first diagnostics (product.md: under 50 ms) must not wait for the typing
        # debounce: an opened article is published as soon as its messages are read; an edit
        # still waits for the debounce to pass.
        c = self.client
        c.initialize(debounce_ms=4000)
        start = c.mark()
        c.did_open(URI, "x", 1)
        c.wait_diagnostics(URI, 1, start=start, timeout=2.0)
        start = c.mark()
        c.did_change(URI, 2, [{"text": "y"}])
        time.sleep(0.5)
        pubs = [m for m in c.messages_since(start) if m.get("method") == "textDocument/publishDiagnostics"]
        self.assertEqual(pubs, [], "an edit was published before the debounce time passed")
        c.wait_diagnostics(URI, 2, start=start, timeout=8.0)
        self.assertEqual(c.shutdown_and_exit(), 0)

    def test_burst_in_one_write_with_debounce_publishes_once(self):
        # With a 300 ms debounce, 200 changes arriving together are analysed once, for the last
        # version; nothing is published before the debounce has passed.
        c = self.client
        c.initialize(debounce_ms=300)
        start = c.mark()
        c.did_open(URI, "x", 1)
        c.wait_diagnostics(URI, 1, start=start)
        text, data = "x", b""
        for v in range(2, 202):
            change = {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                      "text": CLOSE_MARK if v % 2 else "y"}
            text = apply_changes(text, [change], "utf-16")
            data += frame(c.notification_message("textDocument/didChange", {
                "textDocument": {"uri": URI, "version": v}, "contentChanges": [change]}))
        start = c.mark()
        t0 = time.monotonic()
        c.send_raw(data)
        p = c.wait_diagnostics(URI, 201, start=start)
        elapsed = time.monotonic() - t0
        self.assertGreaterEqual(elapsed, 0.25, "published before the debounce time passed")
        time.sleep(0.4)
        pubs = [m["params"] for m in c.messages_since(start) if m.get("method") == "textDocument/publishDiagnostics"]
        self.assertEqual([q["version"] for q in pubs], [201])
        self.assertEqual(diagnostic_ranges(quotes_only(p["diagnostics"])), stray_close_ranges(text, "utf-16"))
        self.assertEqual(c.shutdown_and_exit(), 0)


if __name__ == "__main__":
    main()
