"""Structure: textDocument/documentSymbol, foldingRange and selectionRange from the syntax tree.

The article below is news copy with front matter, a headline, a lede, sections with quotations
and a block quote, and Further Reading. Expected ranges are computed here from the Python string
(`lsp_range` in the negotiated encoding), so the utf-16 and utf-8 runs check the same structure
in two encodings; the text holds curly quotes and an astral character so the two differ. After
incremental edits the symbols must follow the edit and equal those of a fresh open of the same
text. A workspace's own queries/news/folds.scm adds folds; a broken query is shown to the user
with file, line and column.
"""

import os
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import (INVALID_PARAMS, LspClient, ServerTestCase, apply_changes, lsp_range, main,  # noqa: E402
                       to_offset, to_position)

ARTICLE = """---
title: Harbour board approves desalination plant
outlet: The Coastline Ledger
author: Jane Doe
---
Harbour board approves $40 million desalination plant

The Eastbrook harbour board voted 5-2 on Tuesday to build a desalination plant. \u201cWe have run out of easy water \U0001F30A,\u201d said Mr. Alvarez, the board\u2019s chair.

Key Facts

The plant will cost $40 million. \u201cIt is the largest project in our history,\u201d Alvarez said. Critics said the figure was too low.

> \u201cWe will not raise rates
> for this plant,\u201d the board wrote.

What To Watch For

A vote on financing is expected in March,
and construction could start next year.

Further Reading
Eastbrook weighs desalination (The Coastline Ledger)
Water rates rise again (Bayside Herald)
"""

URI = "file:///tmp/byline-structure/harbour.txt"
FILE, NAMESPACE, PACKAGE, STRING, OBJECT = 1, 3, 4, 15, 19


def line_of(text, needle):
    return to_position(text, text.index(needle), "utf-8")["line"]


def outline(symbols):
    """(kind, name, detail, [children]) for comparing structure without ranges."""
    return [(s["kind"], s["name"], s.get("detail"), outline(s.get("children", []))) for s in symbols]


class StructureTestCase(ServerTestCase):
    encoding = "utf-16"

    def setUp(self):
        super().setUp()
        offered = ["utf-16", "utf-8"] if self.encoding == "utf-8" else ["utf-16"]
        self.caps = self.client.initialize(encodings=offered)["capabilities"]
        self.assertEqual(self.caps["positionEncoding"], self.encoding)
        self.text = ARTICLE
        self.client.did_open(URI, ARTICLE)

    def req(self, method, **params):
        params["textDocument"] = {"uri": URI}
        resp = self.client.request("textDocument/" + method, params)
        self.assertIn("result", resp, resp)
        return resp["result"]

    def rng(self, needle, end_needle=None, text=None):
        """The range from the start of needle to the end of end_needle (or of needle)."""
        text = text or self.text
        a = text.index(needle)
        b = text.index(end_needle, a) + len(end_needle) if end_needle else a + len(needle)
        return lsp_range(text, a, b, self.encoding)

    def text_of(self, r):
        a = to_offset(self.text, r["start"]["line"], r["start"]["character"], self.encoding)
        b = to_offset(self.text, r["end"]["line"], r["end"]["character"], self.encoding)
        return self.text[a:b]

    def test_capabilities_are_advertised(self):
        for k in ("documentSymbolProvider", "foldingRangeProvider", "selectionRangeProvider"):
            self.assertTrue(self.caps.get(k), k)

    def test_document_symbols_are_headline_sections_quotes_and_further_reading(self):
        syms = self.req("documentSymbol")
        self.assertEqual(outline(syms), [
            (FILE, "Harbour board approves $40 million desalination plant", None, [
                (STRING, "\u201cWe have run out of easy water \U0001F30A,\u201d", None, [])]),
            (NAMESPACE, "Key Facts", None, [
                (STRING, "\u201cIt is the largest project in our history,\u201d", None, []),
                (STRING, "\u201cWe will not raise rates for this plant,\u201d the board wrote.", None, [])]),
            (NAMESPACE, "What To Watch For", None, []),
            (PACKAGE, "Further Reading", None, [
                (OBJECT, "Eastbrook weighs desalination", "The Coastline Ledger", []),
                (OBJECT, "Water rates rise again", "Bayside Herald", [])]),
        ])
        headline, facts, watch, further = syms
        self.assertEqual(headline["range"], self.rng("Harbour board approves $40", "board\u2019s chair."))
        self.assertEqual(headline["selectionRange"], self.rng("Harbour board approves $40", "desalination plant"))
        self.assertEqual(headline["children"][0]["range"], self.rng("\u201cWe have run", "\U0001F30A,\u201d"))
        self.assertEqual(facts["range"], self.rng("Key Facts", "the board wrote."))
        self.assertEqual(facts["selectionRange"], self.rng("Key Facts"))
        self.assertEqual(facts["children"][1]["range"], self.rng("> \u201cWe will not", "the board wrote."))
        self.assertEqual(watch["range"], self.rng("What To Watch For", "start next year."))
        self.assertEqual(further["range"], self.rng("Further Reading", "(Bayside Herald)"))
        self.assertEqual(further["children"][0]["range"],
                         self.rng("Eastbrook weighs desalination (", "Ledger)"))
        self.assertEqual(further["children"][0]["selectionRange"], self.rng("Eastbrook weighs desalination"))

    def test_folding_ranges_cover_front_matter_sections_and_block_quotes(self):
        folds = self.req("foldingRange")
        got = {(f["startLine"], f["endLine"], f.get("kind")) for f in folds}
        t = self.text
        self.assertEqual(got, {
            (0, 4, "imports"),                                                      # front matter
            (line_of(t, "Harbour board approves $40"), line_of(t, "The Eastbrook"), "region"),  # headline + lede
            (line_of(t, "Key Facts"), line_of(t, "for this plant"), "region"),      # a section
            (line_of(t, "> \u201cWe will"), line_of(t, "for this plant"), "region"),  # a block quote
            (line_of(t, "What To Watch"), line_of(t, "and construction"), "region"),
            (line_of(t, "Further Reading"), line_of(t, "Water rates"), "region"),
        })
        starts = [f["startLine"] for f in folds]
        self.assertEqual(starts, sorted(starts))

    def test_selection_ranges_grow_word_sentence_paragraph_section_document(self):
        t = self.text
        in_word = to_position(t, t.index("largest") + 3, self.encoding)
        after_critics = to_position(t, t.index("Critics") + len("Critics"), self.encoding)
        in_entry = to_position(t, t.index("Bayside") + 1, self.encoding)
        result = self.req("selectionRange", positions=[in_word, after_critics, in_entry])
        self.assertEqual(len(result), 3)

        def chain(sr):
            out = []
            while sr:
                out.append(self.text_of(sr["range"]))
                sr = sr.get("parent")
            return out

        c = chain(result[0])
        para = t[t.index("The plant will cost"):t.index("too low.") + len("too low.")]
        self.assertEqual(c, [
            "largest",
            "\u201cIt is the largest project in our history,\u201d",
            "\u201cIt is the largest project in our history,\u201d Alvarez said.",
            para,
            t[t.index("Key Facts"):t.index("the board wrote.") + len("the board wrote.")],
            t,
        ])
        c = chain(result[1])
        self.assertEqual(c[:3], ["Critics", "Critics said the figure was too low.", para])
        self.assertEqual(c[-1], t)
        c = chain(result[2])
        self.assertEqual(c[0], "Bayside Herald")
        self.assertIn("Water rates rise again (Bayside Herald)", c)
        self.assertEqual(c[-2], t[t.index("Further Reading"):t.index("(Bayside Herald)") + len("(Bayside Herald)")])
        # each range contains the one before it
        for sr in result:
            while sr.get("parent"):
                inner, outer = sr["range"], sr["parent"]["range"]
                key = (lambda p: (p["line"], p["character"]))
                self.assertLessEqual(key(outer["start"]), key(inner["start"]))
                self.assertGreaterEqual(key(outer["end"]), key(inner["end"]))
                sr = sr["parent"]

    def test_symbols_follow_incremental_edits(self):
        c = self.client
        t = self.text
        kf = to_position(t, t.index("Key Facts"), self.encoding)
        watch = to_position(t, t.index("What To Watch For"), self.encoding)
        changes = [
            # rename a section heading
            {"range": {"start": {"line": kf["line"], "character": 4},
                       "end": {"line": kf["line"], "character": 9}}, "text": "Numbers"},
            # a new section with a quotation, typed in before "What To Watch For"
            {"range": {"start": watch, "end": watch},
             "text": "Background\n\nThe board first met in 2019. \u201cWe were late,\u201d Ortiz said.\n\n"},
        ]
        c.did_change(URI, 2, changes)
        self.text = apply_changes(self.text, changes, self.encoding)
        # then one keystroke at a time: close the headline with "!" ... and take it back
        end = to_position(self.text, self.text.index(" plant\n\nThe Eastbrook") + len(" plant"), self.encoding)
        for v, text in ((3, "s"), (4, "!")):
            ch = [{"range": {"start": end, "end": end}, "text": text}]
            c.did_change(URI, v, ch)
            self.text = apply_changes(self.text, ch, self.encoding)
            end = dict(end, character=end["character"] + 1)
        syms = self.req("documentSymbol")
        names = [s["name"] for s in syms]
        self.assertEqual(names, ["Harbour board approves $40 million desalination plants!", "Key Numbers",
                                 "Background", "What To Watch For", "Further Reading"])
        self.assertEqual(syms[2]["children"][0]["name"], "\u201cWe were late,\u201d")
        self.assertEqual(syms[2]["children"][0]["range"], self.rng("\u201cWe were late,\u201d"))
        self.assertEqual(syms[3]["range"], self.rng("What To Watch For", "start next year."))
        folds = self.req("foldingRange")
        # the same text opened afresh gives the same answers
        fresh = LspClient()
        try:
            offered = ["utf-16", "utf-8"] if self.encoding == "utf-8" else ["utf-16"]
            fresh.initialize(encodings=offered)
            fresh.did_open(URI, self.text)
            r = fresh.request("textDocument/documentSymbol", {"textDocument": {"uri": URI}})
            self.assertEqual(r["result"], syms)
            r = fresh.request("textDocument/foldingRange", {"textDocument": {"uri": URI}})
            self.assertEqual(r["result"], folds)
            fresh.shutdown_and_exit()
        finally:
            fresh.close()

    def test_full_replacement_and_empty_text(self):
        c = self.client
        c.did_change(URI, 2, [{"text": ""}])
        self.text = ""
        self.assertEqual(self.req("documentSymbol"), [])
        self.assertEqual(self.req("foldingRange"), [])
        r = self.req("selectionRange", positions=[{"line": 0, "character": 0}])
        self.assertEqual(len(r), 1)
        c.did_change(URI, 3, [{"text": "Short headline\n\nOne paragraph.\n"}])
        self.assertEqual([s["name"] for s in self.req("documentSymbol")], ["Short headline"])

    def test_bad_params_are_errors_not_crashes(self):
        c = self.client
        self.assert_error(c.request("textDocument/selectionRange", {"textDocument": {"uri": URI}}), INVALID_PARAMS)
        self.assert_error(c.request("textDocument/selectionRange",
                                    {"textDocument": {"uri": URI}, "positions": [{"line": 999, "character": 0}]}),
                          INVALID_PARAMS)
        self.assert_error(c.request("textDocument/documentSymbol", {"textDocument": {"uri": "file:///nope"}}),
                          INVALID_PARAMS)
        self.assert_error(c.request("textDocument/foldingRange", {}), INVALID_PARAMS)
        c.barrier()
        self.assert_one_response_per_request()


class StructureUtf8TestCase(StructureTestCase):
    encoding = "utf-8"


class WorkspaceQueryTestCase(ServerTestCase):
    """queries/news/*.scm in a workspace folder: folds.scm adds folds; a broken query is shown."""

    def setUp(self):
        super().setUp()
        self._tmp = tempfile.TemporaryDirectory(prefix="byline-proto-queries-")
        self.addCleanup(self._tmp.cleanup)
        qdir = os.path.join(self._tmp.name, "queries", "news")
        os.makedirs(qdir)
        with open(os.path.join(qdir, "folds.scm"), "w") as f:
            f.write("; fold every paragraph of two lines or more\n(paragraph) @fold\n")
        with open(os.path.join(qdir, "broken.scm"), "w") as f:
            f.write("(paragraph) @fold\n\n  (headlin) @oops\n")
        uri = "file://" + self._tmp.name
        self.start = self.client.mark()
        self.client.initialize(extra_params={"rootUri": uri,
                                             "workspaceFolders": [{"uri": uri, "name": "ws"}]})

    def test_user_folds_extend_builtins_and_errors_name_file_line_column(self):
        c = self.client
        c.did_open(URI, ARTICLE)
        r = c.request("textDocument/foldingRange", {"textDocument": {"uri": URI}})
        got = {(f["startLine"], f["endLine"]) for f in r["result"]}
        para = (line_of(ARTICLE, "A vote on financing"), line_of(ARTICLE, "and construction"))
        self.assertIn(para, got, "the workspace's folds.scm folds the two-line paragraph")
        self.assertIn((0, 4), got, "the built-in folds stay")
        shown = [m["params"]["message"] for m in c.messages_since(self.start)
                 if m.get("method") == "window/showMessage"]
        expected = os.path.join(self._tmp.name, "queries", "news", "broken.scm") + ":3:4:"
        self.assertTrue(any(s.startswith(expected) and "headlin" in s for s in shown),
                        "want %r in %r" % (expected, shown))
        c.barrier()
        self.assertTrue(c.alive())


class LargeDocumentTestCase(ServerTestCase):
    def test_document_over_16_mib_answers_empty_and_logs_once(self):
        c = self.client
        c.initialize(debounce_ms=10000)  # no diagnostics run for the edit while the test speaks
        big = ("Word " * 12 + "\n") * ((16 * 1024 * 1024 + 4096) // 61 + 1)
        self.assertGreater(len(big), 16 * 1024 * 1024)
        c.did_open(URI, "x")  # an opened document is published at once; an edit waits
        c.wait_diagnostics(URI, 1)
        c.did_change(URI, 2, [{"text": big}])
        for _ in range(2):
            r = c.request("textDocument/documentSymbol", {"textDocument": {"uri": URI}}, timeout=60)
            self.assertEqual(r["result"], [])
        r = c.request("textDocument/foldingRange", {"textDocument": {"uri": URI}}, timeout=60)
        self.assertEqual(r["result"], [])
        r = c.request("textDocument/selectionRange",
                      {"textDocument": {"uri": URI}, "positions": [{"line": 1, "character": 2}]}, timeout=60)
        self.assertEqual(r["result"], [{"range": {"start": {"line": 1, "character": 2},
                                                  "end": {"line": 1, "character": 2}}}])
        c.did_change(URI, 3, [{"text": "Small again\n\nA paragraph.\n"}])
        r = c.request("textDocument/documentSymbol", {"textDocument": {"uri": URI}})
        self.assertEqual([s["name"] for s in r["result"]], ["Small again"])
        self.assertEqual(c.stderr.count("16 MiB"), 1, c.stderr)


if __name__ == "__main__":
    main()
