"""The corpus through the protocol: a workspace folder of articles (a temporary copy of
tests/corpus) indexed on the server's worker threads with window/workDoneProgress, the corpus
rules in publishDiagnostics (relatedInformation pointing into the other article), definition,
references, documentLink, workspace/symbol, hover's corpus count, and keeping the index current
through workspace/didChangeWatchedFiles and open-buffer edits.

What each article plants is in docs/example-corpus.md. Lines below are 0-based (LSP).

A test whose name starts with `test_bug_` asserts what the product promises and the server does
not do yet: it fails until the server is fixed.

  BYLINE=build/server/byline python3 tests/protocol/test_corpus.py -v
"""

import json
import unittest
import os
import shutil
import sys
import tempfile
import time
import urllib.parse

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import LspClient, ServerTestCase, SOURCE_ROOT, main, to_position  # noqa: E402

CORPUS = os.path.join(SOURCE_ROOT, "tests", "corpus")
INDEX_TIMEOUT = 20.0

A01 = "01-ledger-cwa-desalination-investigation.txt"
A02 = "02-cwa-statement-desalination-budget.txt"
A03 = "03-northgate-cites-ledger.txt"
A04 = "04-meridian-misquote.txt"
A05 = "05-bayside-conflicting-figures.txt"
A06 = "06-northgate-explainer-further-reading.txt"
A07 = "07-coastline-eastbrook-attribution.txt"
A08 = "08-atlas-spain-rail-unbalanced-quote.txt"
A12 = "12-meridian-uk-hospital-clean.txt"
A13 = "13-tidewater-analysis-megaprojects.md"
A14 = "14-meridian-spain-rail-followup.md"

CORPUS_RULES = ("misquote", "conflicting-figure", "source-not-in-corpus")
ARTICLE_START = {"line": 8, "character": 0}  # the first line after the front matter in 01-10
# 07 cites the Eastbrook Gazette, which is not in the corpus, on lines 9, 13 and 23 (1-based)
A07_HINTS = [("source-not-in-corpus", 8), ("source-not-in-corpus", 12), ("source-not-in-corpus", 22)]

EASTBROOK = ("---\n"
             "title: Chief Engineer Quits Port Ardent Desalination Project\n"
             "outlet: Eastbrook Gazette\n"
             "date: 2026-03-12\n"
             "---\n"
             "\n"
             "Dr. Samuel Achterberg, the chief engineer of the Port Ardent desalination plant, resigned on "
             "Thursday, according to a letter he sent to the board.\n")


def file_uri(path):
    return "file://" + urllib.parse.quote(os.path.abspath(path))


def uri_path(uri):
    assert uri.startswith("file://"), uri
    return urllib.parse.unquote(uri[len("file://"):])


def corpus_diags(params):
    return [d for d in params["diagnostics"] if d.get("code") in CORPUS_RULES]


def keyed(params):
    return sorted((d["code"], d["range"]["start"]["line"]) for d in corpus_diags(params))


def text_at(uri, rng):
    """The text a UTF-16 range covers in a file on disk."""
    text = open(uri_path(uri), encoding="utf-8").read()
    lines = text.split("\n")

    def index(p):
        line = lines[p["line"]]
        units, i = 0, 0
        while units < p["character"]:
            units += 2 if ord(line[i]) >= 0x10000 else 1
            i += 1
        return sum(len(l) + 1 for l in lines[:p["line"]]) + i
    return text[index(rng["start"]):index(rng["end"])]


class CorpusTest(ServerTestCase):
    """A fresh server per test over a temporary copy of tests/corpus."""

    env = None  # extra environment for the server

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="byline-proto-corpus-")
        self.addCleanup(self._tmp.cleanup)
        self.tmp = self._tmp.name
        self.root = os.path.join(self.tmp, "corpus")
        shutil.copytree(CORPUS, self.root)
        self.client = LspClient(env=self.env)
        self.addCleanup(self._finish)
        self.answered = set()

    # --- helpers -------------------------------------------------------------------------------

    def uri(self, name, root=None):
        return file_uri(os.path.join(root or self.root, name))

    def text(self, name, root=None):
        with open(os.path.join(root or self.root, name), encoding="utf-8") as f:
            return f.read()

    def start(self, folders=None, root_uri="folders", progress=True, watch=True, index=True):
        """initialize with the workspace folders (default: the corpus copy) and the capabilities
        an editor sends; answer the server's own requests; wait for indexing to end."""
        c = self.client
        folders = [self.root] if folders is None else folders
        caps = {"textDocument": {"publishDiagnostics": {"relatedInformation": True}},
                "window": {"workDoneProgress": progress},
                "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": watch}}}
        params = {"processId": os.getpid(), "capabilities": caps, "initializationOptions": {"debounceMs": 0},
                  "rootUri": None}
        if root_uri == "folders":
            params["workspaceFolders"] = [{"uri": file_uri(f), "name": os.path.basename(f)} for f in folders]
        else:
            params["rootUri"] = root_uri
        resp = c.request("initialize", params)
        self.assertIn("result", resp, resp)
        caps = resp["result"]["capabilities"]
        for cap in ("definitionProvider", "referencesProvider", "documentLinkProvider", "workspaceSymbolProvider",
                    "hoverProvider"):
            self.assertTrue(caps.get(cap), cap)
        self.init_mark = c.mark()
        c.notify("initialized", {})
        if index and progress:
            self.wait_indexed()
        return resp["result"]

    def answer_requests(self, start=0, only=None):
        """Answers every server-to-client request received so far (result null, as VS Code does
        for registerCapability and workDoneProgress/create). Returns the requests answered."""
        done = []
        for m in self.client.messages_since(start):
            if "method" in m and "id" in m and json.dumps(m["id"]) not in self.answered:
                if only and m["method"] != only:
                    continue
                self.answered.add(json.dumps(m["id"]))
                self.client.send({"jsonrpc": "2.0", "id": m["id"], "result": None})
                done.append(m)
        return done

    def wait_indexed(self, timeout=INDEX_TIMEOUT):
        c = self.client
        c.wait_for(lambda m: m.get("method") == "window/workDoneProgress/create", what="workDoneProgress/create",
                   start=self.init_mark)
        self.answer_requests(self.init_mark)
        return c.wait_for(lambda m: m.get("method") == "$/progress" and m["params"]["value"]["kind"] == "end",
                          timeout, "$/progress end", start=self.init_mark)

    def open(self, name, root=None):
        """didOpen from disk; returns the first publish for it."""
        start = self.client.mark()
        self.client.did_open(self.uri(name, root), self.text(name, root))
        return self.client.wait_diagnostics(self.uri(name, root), start=start)

    def wait_publish(self, uri, predicate, start, what, timeout=INDEX_TIMEOUT):
        m = self.client.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                 and m["params"]["uri"] == uri and predicate(m["params"]),
                                 timeout, what, start)
        return m["params"]

    def pos(self, name, needle, offset=0, occurrence=0, root=None):
        text = self.text(name, root)
        i = -1
        for _ in range(occurrence + 1):
            i = text.index(needle, i + 1)
        return to_position(text, i + offset, "utf-16")

    def request_at(self, method, name, needle, offset=0, extra=None, root=None):
        params = {"textDocument": {"uri": self.uri(name, root)}, "position": self.pos(name, needle, offset, root=root)}
        params.update(extra or {})
        resp = self.client.request(method, params)
        self.assertIn("result", resp, resp)
        return resp["result"]

    def definition(self, name, needle, offset=0):
        r = self.request_at("textDocument/definition", name, needle, offset)
        if isinstance(r, list):  # Location[] is allowed too; take the first
            r = r[0] if r else None
        return r

    def symbols(self, query):
        resp = self.client.request("workspace/symbol", {"query": query})
        self.assertIn("result", resp, resp)
        return resp["result"]

    def change(self, name, version, old, new):
        """One incremental edit replacing the first `old` in the open buffer (kept in self.buffers)."""
        text = self.buffers.get(name) if hasattr(self, "buffers") else None
        if text is None:
            text = self.text(name)
        i = text.index(old)
        rng = {"start": to_position(text, i, "utf-16"), "end": to_position(text, i + len(old), "utf-16")}
        if not hasattr(self, "buffers"):
            self.buffers = {}
        self.buffers[name] = text[:i] + new + text[i + len(old):]
        start = self.client.mark()
        self.client.did_change(self.uri(name), version, [{"range": rng, "text": new}])
        return start


class Indexing(CorpusTest):
    def test_progress_begin_report_end(self):
        # 60 articles: the corpus and three copies in subfolders, so indexing takes several batches.
        for k in range(3):
            shutil.copytree(CORPUS, os.path.join(self.root, "copies", "c%d" % k))
        c = self.client
        self.start(index=False)
        create = c.wait_for(lambda m: m.get("method") == "window/workDoneProgress/create", what="progress/create",
                            start=self.init_mark)
        token = create["params"]["token"]
        self.assertIsInstance(token, (str, int))
        before = c.mark()
        self.answer_requests(self.init_mark)
        c.wait_for(lambda m: m.get("method") == "$/progress" and m["params"]["value"]["kind"] == "end",
                   INDEX_TIMEOUT, "$/progress end", start=before)
        progress = [m["params"] for m in c.messages_since(self.init_mark) if m.get("method") == "$/progress"]
        first_progress = next(i for i, m in enumerate(c.messages_since(self.init_mark)) if m.get("method") == "$/progress")
        self.assertGreater(first_progress, next(i for i, m in enumerate(c.messages_since(self.init_mark))
                                                if m.get("method") == "window/workDoneProgress/create"))
        self.assertTrue(all(p["token"] == token for p in progress), progress)
        kinds = [p["value"]["kind"] for p in progress]
        self.assertEqual(kinds[0], "begin", kinds)
        self.assertEqual(kinds[-1], "end", kinds)
        self.assertEqual(kinds.count("begin"), 1)
        self.assertEqual(kinds.count("end"), 1)
        self.assertIn("report", kinds)
        self.assertTrue(progress[0]["value"].get("title"), "begin needs a title")
        self.assertIn("percentage", progress[0]["value"], "begin must carry a percentage for the bar to show")
        pcts = [p["value"]["percentage"] for p in progress if p["value"]["kind"] == "report"]
        self.assertTrue(all(isinstance(x, int) and 0 <= x <= 100 for x in pcts), pcts)
        self.assertEqual(pcts, sorted(pcts), "percentages never go back")
        self.assertGreaterEqual(len(set(pcts)), 3, "several steps for 60 files: %r" % pcts)
        counts = [p["value"].get("message", "") for p in progress if p["value"]["kind"] == "report"]
        self.assertTrue(all(m.endswith("/60 files") for m in counts), counts)
        # and everything is in: 4 copies of 06's title
        syms = [s for s in self.symbols("What We Know About the Port Ardent Desalination Plant") if s["kind"] == 1]
        self.assertEqual(len(syms), 4, syms)

    def test_progress_reports_one_per_percent_on_a_big_workspace(self):
        # 2,000 one-line articles are 125 batches of 16: a report per batch would be 125 messages
        # (6,250 for 100,000 files); the server reports only when the percentage moves.
        for k in range(2000):
            d = os.path.join(self.root, "many", "%02d" % (k // 100))
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, "%04d.txt" % k), "w", encoding="utf-8") as f:
                f.write("Brief %d\n\nThe council met on Tuesday, its clerk said.\n" % k)
        c = self.client
        self.start(index=False)
        c.wait_for(lambda m: m.get("method") == "window/workDoneProgress/create", what="progress/create",
                   start=self.init_mark)
        before = c.mark()
        self.answer_requests(self.init_mark)
        c.wait_for(lambda m: m.get("method") == "$/progress" and m["params"]["value"]["kind"] == "end",
                   INDEX_TIMEOUT, "$/progress end", start=before)
        reports = [m["params"]["value"] for m in c.messages_since(self.init_mark)
                   if m.get("method") == "$/progress" and m["params"]["value"]["kind"] == "report"]
        pcts = [r["percentage"] for r in reports]
        self.assertLessEqual(len(reports), 101, pcts)
        self.assertEqual(pcts, sorted(set(pcts)), "each report moves the percentage forward")
        self.assertGreaterEqual(len(pcts), 10, "the bar still moves: %r" % pcts)

    def test_no_progress_capability_no_progress_messages(self):
        c = self.client
        self.start(progress=False)
        deadline = time.monotonic() + INDEX_TIMEOUT
        while not [s for s in self.symbols("What We Know About") if s["kind"] == 1]:
            self.assertLess(time.monotonic(), deadline, "indexing never finished")
            time.sleep(0.05)
        c.barrier()
        methods = {m.get("method") for m in c.messages}
        self.assertNotIn("window/workDoneProgress/create", methods)
        self.assertNotIn("$/progress", methods)

    def test_root_uri_without_workspace_folders(self):
        self.start(root_uri=file_uri(self.root))
        self.assertEqual(keyed(self.open(A04)), [("misquote", 14), ("misquote", 22)])

    def test_watched_files_registered_dynamically(self):
        c = self.client
        self.start()
        reg = [m for m in c.messages_since(self.init_mark) if m.get("method") == "client/registerCapability"]
        self.assertEqual(len(reg), 1)
        r = reg[0]["params"]["registrations"][0]
        self.assertEqual(r["method"], "workspace/didChangeWatchedFiles")
        globs = {w["globPattern"] for w in r["registerOptions"]["watchers"]}
        self.assertTrue({"**/*.txt", "**/*.md"} <= globs, globs)

    def test_open_before_indexing_is_republished_with_corpus_findings(self):
        c = self.client
        self.start(index=False)
        # The create request is not answered yet: indexing may or may not have finished. The
        # article is opened now, and once the index is complete its diagnostics must hold the
        # planted misquotes.
        start = c.mark()
        c.did_open(self.uri(A04), self.text(A04))
        self.answer_requests(self.init_mark)
        p = self.wait_publish(self.uri(A04), lambda p: keyed(p) == [("misquote", 14), ("misquote", 22)], start,
                              "04's misquotes once the corpus is indexed")
        self.assertEqual(p["version"], 1)

    def test_binary_file_is_skipped_with_a_log_line(self):
        self.client.close()
        self.client = LspClient(env={"BYLINE_LOG": "info"})
        with open(os.path.join(self.root, "scan.txt"), "wb") as f:
            f.write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
        self.start()
        self.assertEqual(keyed(self.open(A04)), [("misquote", 14), ("misquote", 22)])
        self.client.barrier()
        self.assertIn("scan.txt", self.client.stderr)
        self.assertIn("left out of the corpus", self.client.stderr)


class Rules(CorpusTest):
    def test_misquote_diagnostics_and_related_information(self):
        self.start()
        p = self.open(A04)
        diags = {d["range"]["start"]["line"]: d for d in corpus_diags(p)}
        self.assertEqual(keyed(p), [("misquote", 14), ("misquote", 22)])
        for line, (src, src_line, starts) in {14: (A01, 18, "\u201cWe found invoices paid twice"),
                                              22: (A02, 22, "\u201cEvery dollar spent")}.items():
            d = diags[line]
            with self.subTest(line=line):
                self.assertEqual(d["severity"], 1)
                self.assertEqual(d["source"], "byline")
                self.assertTrue(d["codeDescription"]["href"].endswith("/rules/misquote.md"))
                self.assertEqual(len(d["relatedInformation"]), 1, d)
                rel = d["relatedInformation"][0]
                self.assertEqual(rel["location"]["uri"], self.uri(src))
                self.assertEqual(rel["location"]["range"]["start"], {"line": src_line, "character": 0})
                self.assertTrue(text_at(rel["location"]["uri"], rel["location"]["range"]).startswith(starts))
                self.assertIn(text_at(rel["location"]["uri"], rel["location"]["range"]), d["message"])

    def test_conflicting_figure_and_source_not_in_corpus(self):
        self.start()
        p = self.open(A05)
        self.assertEqual(keyed(p), [("conflicting-figure", 8), ("conflicting-figure", 14)])
        for d in corpus_diags(p):
            self.assertEqual(d["severity"], 2)
            rel = d["relatedInformation"][0]["location"]
            self.assertNotEqual(rel["uri"], self.uri(A05))
            self.assertIn(text_at(rel["uri"], rel["range"]), ("$2.4 billion", "about 3,100", "3,100"))
        self.assertEqual(keyed(self.open(A06)), [("source-not-in-corpus", 42)])
        p = self.open(A07)
        self.assertEqual(keyed(p), A07_HINTS)
        self.assertTrue(all(d["severity"] == 4 for d in corpus_diags(p)))
        for name in (A01, A02, A03, A08, A12, A13, A14):
            with self.subTest(article=name):
                self.assertEqual(keyed(self.open(name)), [])

    def test_config_severity_and_suppression_apply_to_corpus_rules(self):
        with open(os.path.join(self.root, ".byline.json"), "w") as f:
            json.dump({"rules": {"misquote": "warning", "source-not-in-corpus": "off"}}, f)
        with open(os.path.join(self.root, A05), "r+", encoding="utf-8") as f:
            t = f.read().replace("\nThe lead contractor", "\n<!-- byline-disable-next-line conflicting-figure -->\nThe lead contractor", 1)
            f.seek(0)
            f.write(t)
        self.start()
        p = self.open(A04)
        self.assertEqual([(d["code"], d["severity"]) for d in corpus_diags(p)], [("misquote", 2), ("misquote", 2)])
        self.assertEqual(keyed(self.open(A07)), [])
        self.assertEqual(keyed(self.open(A05)), [("conflicting-figure", 8)])


class Navigation(CorpusTest):
    def test_definition_from_told_the_ledger(self):
        """"Tull told the Ledger": the person is the speaker, the Ledger is cited (this once fell
        back to the entity and stayed in the same article)."""
        self.start()
        self.open(A04)
        loc = self.definition(A04, "Tull told the Ledger.", len("Tull told the L"))
        self.assertIsNotNone(loc)
        self.assertEqual(loc["uri"], self.uri(A01), "told the Ledger (04:15) goes to the Ledger's article, 01")
        # the quote there is a misquote, so it is not matched: the article's start (or Q1's passage)
        self.assertIn(loc["range"]["start"], (ARTICLE_START, {"line": 18, "character": 0}))
        # 05 quotes Q1 exactly: the definition lands on the passage in 01 (line 19)
        self.open(A05)
        loc = self.definition(A05, "Tull told the Ledger.", len("Tull told the L"))
        self.assertEqual(loc and loc["uri"], self.uri(A01))
        self.assertEqual(loc["range"]["start"], {"line": 18, "character": 0})

    def test_definition_of_a_cite_without_a_quote_lands_on_the_article_start(self):
        """"the Ledger reported." (04:17) has no quote in its sentence: the article's start, not a
        passage quoted two sentences later (this once took any quote within 2,000 bytes)."""
        self.start()
        self.open(A04)
        loc = self.definition(A04, "the Ledger reported.", len("the L"))
        self.assertEqual(loc["uri"], self.uri(A01))
        self.assertEqual(loc["range"]["start"], ARTICLE_START)
        self.open(A03)
        loc = self.definition(A03, "the Harbor Ledger reported Monday", len("the Harbor L"))
        self.assertEqual(loc["uri"], self.uri(A01))
        self.assertEqual(loc["range"]["start"], ARTICLE_START)

    def test_definition_from_further_reading_lines(self):
        self.start()
        self.open(A06)
        for needle, target in (("Records Show (The Harbor Ledger)", A01),
                               ("CWA Statement on the Port Ardent", A02),
                               ("Port Ardent Desalination Plant Is Billions", A03)):
            with self.subTest(line=needle):
                loc = self.definition(A06, needle, 5)
                self.assertEqual(loc and loc["uri"], self.uri(target))
                self.assertEqual(loc["range"]["start"], ARTICLE_START)
        self.assertIsNone(self.definition(A06, "The Desalination Boom Nobody", 5), "not in the corpus")
        self.open(A07)
        self.assertIsNone(self.definition(A07, "according to the Eastbrook Gazette", len("according to the E")))

    def test_definition_from_a_link(self):
        self.start()
        self.open(A14)
        loc = self.definition(A14, "[Atlas Economic Daily reported](", 3)
        self.assertEqual(loc and loc["uri"], self.uri(A08))
        self.open(A13)
        loc = self.definition(A13, "harbor-ledger/2026/03/09", 3)
        self.assertEqual(loc and loc["uri"], self.uri(A01))

    def test_regression_definition_on_link_text_follows_the_link(self):
        """Regression (fixed): on the text of "[the Harbor Ledger reported](…/2026/03/09/…)" (13:13) the
        definition resolves the attribution by outlet (the Ledger's latest article before 13, 10)
        instead of following the link, whose URL is 01's."""
        self.start()
        self.open(A13)
        loc = self.definition(A13, "[the Harbor Ledger reported](", len("[the Harbor L"))
        self.assertEqual(loc and loc["uri"], self.uri(A01))

    def test_references_across_files(self):
        self.start()
        self.open(A04)
        refs = self.request_at("textDocument/references", A04, "the Coastal Water Authority paid", 8,
                               {"context": {"includeDeclaration": True}})
        files = {os.path.basename(uri_path(r["uri"])) for r in refs}
        self.assertTrue({A01, A02, A03, A04, A05, A06, A07} <= files, sorted(files))
        self.assertNotIn(A08, files)
        self.assertNotIn(A12, files)
        for r in refs:
            self.assertIn(text_at(r["uri"], r["range"]), ("Coastal Water Authority", "CWA"), r)
        self.assertEqual(len({(r["uri"], json.dumps(r["range"], sort_keys=True)) for r in refs}), len(refs),
                         "no location twice")
        # the same entity asked from another article: the same set of places
        self.open(A02)
        again = self.request_at("textDocument/references", A02, "The Coastal Water Authority (CWA)", 8,
                                {"context": {"includeDeclaration": True}})
        key = lambda rs: sorted((r["uri"], json.dumps(r["range"], sort_keys=True)) for r in rs)  # noqa: E731
        self.assertEqual(key(again), key(refs))

    def test_references_past_the_cap_this_article_first_then_one_per_article_newest_first(self):
        """More than 1,000 mentions: the answer holds 1,000 — every mention in the asking article,
        then one per other article, newest first — and a window/showMessage says how many there are."""
        many = os.path.join(self.root, "many")
        os.mkdir(many)
        for k in range(70):
            with open(os.path.join(many, "note-%02d.txt" % k), "w", encoding="utf-8") as f:
                f.write("---\ntitle: Authority Note %d\noutlet: Harbor Ledger\ndate: 2026-%02d-%02d\n---\n\n"
                        "Authority Note %d\n\n" % (k, 1 + k % 6, 1 + k % 28, k))
                f.write("The Coastal Water Authority met again on Monday.\n\n" * 16)
        self.start()
        self.open(A04)
        mark = self.client.mark()
        refs = self.request_at("textDocument/references", A04, "the Coastal Water Authority paid", 8,
                               {"context": {"includeDeclaration": True}})
        self.assertEqual(len(refs), 1000)
        places = [(r["uri"], json.dumps(r["range"], sort_keys=True)) for r in refs]
        self.assertEqual(len(set(places)), len(places), "no location twice")
        uris = [r["uri"] for r in refs]
        mine = uris.count(self.uri(A04))
        self.assertGreaterEqual(mine, 1)
        self.assertEqual(uris[:mine], [self.uri(A04)] * mine, "the asking article's mentions come first")
        others = []
        for u in uris[mine:]:
            if u in others:
                break
            others.append(u)
        notes = [u for u in others if "/many/" in u]
        self.assertEqual(len(notes), 70, "every article that names it is listed")
        self.assertIn(self.uri(A01), others)

        def date(uri):
            with open(uri_path(uri), encoding="utf-8") as f:
                text = f.read()
            for line in text.split("\n")[:8]:
                if line.startswith("date: "):
                    return line[6:].strip()
            return ""
        dates = [date(u) for u in others]
        dated = [d for d in dates if d]
        self.assertEqual(dated, sorted(dated, reverse=True), "newest first")
        self.assertEqual(dates[:len(dated)], dated, "undated articles last")
        for r in refs[:mine + len(others)]:
            self.assertIn(text_at(r["uri"], r["range"]), ("Coastal Water Authority", "CWA"), r)
        note = self.client.wait_for(lambda m: m.get("method") == "window/showMessage", what="the cap's message",
                                    start=mark)
        self.assertIn("listing the first 1000", note["params"]["message"])
        self.assertRegex(note["params"]["message"], r"mentioned \d+ times in \d+ articles")

    def test_references_past_the_cap_in_more_articles_than_the_cap_lists_the_newest(self):
        """1,050 articles name the authority once each: past this article's mentions, the answer lists
        the newest articles, newest first, and every article left out is no newer than those listed."""
        many = os.path.join(self.root, "many")
        os.mkdir(many)
        dates = {}
        for k in range(1050):
            day = "2027-%02d-%02d" % (1 + (k * 7) % 12, 1 + (k * 13) % 28)  # newer than tests/corpus
            path = os.path.join(many, "brief-%04d.txt" % k)
            dates[file_uri(path)] = day
            with open(path, "w", encoding="utf-8") as f:
                f.write("---\ntitle: Brief %d\noutlet: Harbor Ledger\ndate: %s\n---\n\nBrief %d\n\n"
                        "The Coastal Water Authority met again on Monday.\n" % (k, day, k))
        self.start()
        self.open(A04)
        refs = self.request_at("textDocument/references", A04, "the Coastal Water Authority paid", 8,
                               {"context": {"includeDeclaration": True}})
        self.assertEqual(len(refs), 1000)
        uris = [r["uri"] for r in refs]
        mine = uris.count(self.uri(A04))
        self.assertEqual(uris[:mine], [self.uri(A04)] * mine)
        rest = uris[mine:]
        self.assertEqual(len(set(rest)), len(rest), "one per article")
        self.assertTrue(all(u in dates for u in rest), "the briefs (2027) are newer than the rest of the corpus")
        listed = [dates[u] for u in rest]
        self.assertEqual(listed, sorted(listed, reverse=True), "newest first")
        left_out = [d for u, d in dates.items() if u not in set(rest)]
        self.assertEqual(len(left_out), 1050 - len(rest))
        self.assertLessEqual(max(left_out), min(listed), "no article left out is newer than one listed")

    def test_document_links_for_further_reading(self):
        self.start()
        self.open(A06)
        resp = self.client.request("textDocument/documentLink", {"textDocument": {"uri": self.uri(A06)}})
        links = sorted(resp["result"], key=lambda l: l["range"]["start"]["line"])
        self.assertEqual([(l["range"]["start"]["line"], l["target"]) for l in links],
                         [(36, self.uri(A01)), (38, self.uri(A02)), (40, self.uri(A03))])
        for l in links:
            self.assertEqual(l["range"]["start"]["character"], 0)
            self.assertIn("(", l.get("tooltip", ""))
        self.open(A13)
        links = self.client.request("textDocument/documentLink", {"textDocument": {"uri": self.uri(A13)}})["result"]
        targets = sorted((l["range"]["start"]["line"], os.path.basename(uri_path(l["target"]))) for l in links)
        self.assertEqual(targets, [(12, A01), (34, A01), (36, A06)])

    def test_workspace_symbol_fuzzy(self):
        self.start()
        syms = self.symbols("harbr ledger")
        self.assertTrue(syms)
        self.assertEqual(syms[0]["name"], "Harbor Ledger")
        syms = self.symbols("what we know port ardent")
        self.assertEqual(syms[0]["kind"], 1)
        self.assertEqual(syms[0]["location"]["uri"], self.uri(A06))
        syms = self.symbols("zaragoza valencia")
        self.assertEqual({os.path.basename(uri_path(s["location"]["uri"])) for s in syms[:4]}, {A08, A14})
        self.assertEqual(self.symbols("qqqzzz"), [])
        # exact names rank above loose (subsequence) matches; a symbol's range holds its name
        syms = self.symbols("castellanos")
        named = [("castellanos" in s["name"].lower()) for s in syms]
        self.assertGreaterEqual(named.count(True), 5)
        self.assertEqual(named, sorted(named, reverse=True), [s["name"] for s in syms])
        for s in syms:
            if s["kind"] != 1:
                self.assertEqual(s["name"], text_at(s["location"]["uri"], s["location"]["range"]))

    @unittest.expectedFailure  # known: a Further Reading title fragment outranks the entity (see docs/corpus.md)
    def test_known_bug_workspace_symbol_acronym_ranks_the_entity_first(self):
        """KNOWN BUG (expected failure): "cwa" ranks "CWA Statement" (the start of a Further Reading title, read as an
        organization) above the Coastal Water Authority."""
        self.start()
        syms = self.symbols("cwa")
        self.assertTrue(syms)
        self.assertIn(syms[0]["name"], ("Coastal Water Authority", "CWA"), [s["name"] for s in syms[:5]])

    def test_hover_counts_articles(self):
        self.start()
        self.open(A04)
        hover = self.request_at("textDocument/hover", A04, "the Coastal Water Authority paid", 8)
        value = hover["contents"]["value"]
        refs = self.request_at("textDocument/references", A04, "the Coastal Water Authority paid", 8,
                               {"context": {"includeDeclaration": True}})
        n = len({r["uri"] for r in refs})
        self.assertIn("named in %d articles of the corpus" % n, value)
        self.open(A05)
        hover = self.request_at("textDocument/hover", A05, "Teresa Young", 3)
        self.assertIsNotNone(hover)
        self.assertNotIn("articles of the corpus", hover["contents"]["value"], "named only here")


class KeepingCurrent(CorpusTest):
    def test_watched_file_created_then_deleted(self):
        c = self.client
        self.start()
        p = self.open(A07)
        self.assertEqual(keyed(p), A07_HINTS)
        path = os.path.join(self.root, "16-eastbrook-gazette.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(EASTBROOK)
        start = c.mark()
        c.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": file_uri(path), "type": 1}]})
        self.wait_publish(self.uri(A07), lambda p: keyed(p) == [], start, "07 without source-not-in-corpus")
        syms = self.symbols("Chief Engineer Quits Port Ardent")
        self.assertTrue(syms and syms[0]["location"]["uri"] == file_uri(path), syms[:2])
        loc = self.definition(A07, "according to the Eastbrook Gazette", len("according to the E"))
        self.assertEqual(loc and loc["uri"], file_uri(path))
        os.remove(path)
        start = c.mark()
        c.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": file_uri(path), "type": 3}]})
        self.wait_publish(self.uri(A07), lambda p: keyed(p) == A07_HINTS, start, "07's hints back")
        self.assertEqual([s for s in self.symbols("Chief Engineer Quits Port Ardent")
                          if s["location"]["uri"] == file_uri(path)], [])
        self.assertIsNone(self.definition(A07, "according to the Eastbrook Gazette", len("according to the E")))

    def test_watched_file_changed_on_disk(self):
        c = self.client
        self.start()
        self.assertEqual(keyed(self.open(A04)), [("misquote", 14), ("misquote", 22)])
        # The Ledger corrects its article on disk to the words 04 used: 04's first misquote goes.
        path = os.path.join(self.root, A01)
        with open(path, encoding="utf-8") as f:
            t = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(t.replace("paid twice, sometimes three times, and no one at",
                              "paid two or three times, and nobody at"))
        start = c.mark()
        c.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": self.uri(A01), "type": 2}]})
        self.wait_publish(self.uri(A04), lambda p: keyed(p) == [("misquote", 22)], start, "04 with one misquote")

    def test_buffer_edit_changes_what_the_corpus_holds(self):
        c = self.client
        self.start()
        p = self.open(A05)
        self.assertEqual(keyed(p), [("conflicting-figure", 8), ("conflicting-figure", 14)])
        start = self.change(A05, 2, "$4.2 billion over budget", "$2.4 billion over budget")
        p = c.wait_diagnostics(self.uri(A05), version=2, start=start)
        self.assertEqual(keyed(p), [("conflicting-figure", 14)])
        start = self.change(A05, 3, "about 1,300 workers", "about 3,100 workers")
        self.assertEqual(keyed(c.wait_diagnostics(self.uri(A05), version=3, start=start)), [])
        # the buffer, not the file, is in the corpus: a retitled buffer is found by its new title
        self.open(A12)
        start = self.change(A12, 2, "Leeds Hospital Trust Will Spend", "Wakefield Infirmary Plans To Spend")
        c.wait_diagnostics(self.uri(A12), version=2, start=start)
        self.assertEqual([s["location"]["uri"] for s in self.symbols("Wakefield Infirmary Plans") if s["kind"] == 1],
                         [self.uri(A12)])
        self.assertEqual([s for s in self.symbols("Leeds Hospital Trust Will Spend") if s["kind"] == 1], [])
        # closing the unsaved buffer puts the file back
        c.did_close(self.uri(A12))
        deadline = time.monotonic() + INDEX_TIMEOUT
        while not [s for s in self.symbols("Leeds Hospital Trust Will Spend") if s["kind"] == 1]:
            self.assertLess(time.monotonic(), deadline, "the file's title never came back after didClose")
            time.sleep(0.05)
        self.assertEqual([s for s in self.symbols("Wakefield Infirmary Plans") if s["kind"] == 1], [])

    def test_buffer_edit_republishes_other_open_articles(self):
        """An edit to one open buffer changes the corpus: the other open articles are republished
        (they once kept their old corpus diagnostics until they were edited themselves)."""
        c = self.client
        self.start()
        self.assertEqual(keyed(self.open(A04)), [("misquote", 14), ("misquote", 22)])
        self.open(A01)
        start = self.change(A01, 2, "paid twice, sometimes three times, and no one at",
                            "paid two or three times, and nobody at")
        c.wait_diagnostics(self.uri(A01), version=2, start=start)
        self.wait_publish(self.uri(A04), lambda p: keyed(p) == [("misquote", 22)], start,
                          "04 republished with one misquote after 01's buffer changed", timeout=3)


class Workspaces(CorpusTest):
    def test_multi_root(self):
        # 01 and 02 in one folder, the rest in another: 04's sources are found across roots
        other = os.path.join(self.tmp, "ledger")
        os.mkdir(other)
        for name in (A01, A02):
            shutil.move(os.path.join(self.root, name), os.path.join(other, name))
        self.start(folders=[self.root, other])
        p = self.open(A04)
        self.assertEqual(keyed(p), [("misquote", 14), ("misquote", 22)])
        rel = sorted(d["relatedInformation"][0]["location"]["uri"] for d in corpus_diags(p))
        self.assertEqual(rel, [self.uri(A01, other), self.uri(A02, other)])

    def desk_and_archive(self):
        """desk/ holds 04 and a .byline.json naming ../archive (the rest of the corpus) as a
        corpus root and ignoring drafts/ (which holds an article that would resolve 07's cite)."""
        desk, archive = os.path.join(self.tmp, "desk"), os.path.join(self.tmp, "archive")
        os.rename(self.root, archive)
        os.mkdir(desk)
        shutil.move(os.path.join(archive, A04), os.path.join(desk, A04))
        with open(os.path.join(desk, ".byline.json"), "w") as f:
            json.dump({"corpus": {"roots": ["../archive"], "ignore": ["drafts/"]}}, f)
        os.mkdir(os.path.join(desk, "drafts"))
        with open(os.path.join(desk, "drafts", "eastbrook.txt"), "w", encoding="utf-8") as f:
            f.write(EASTBROOK)
        self.start(folders=[desk])
        return desk, archive

    def test_config_corpus_roots_and_ignore(self):
        desk, archive = self.desk_and_archive()
        p = self.open(A04, root=desk)
        self.assertEqual(keyed(p), [("misquote", 14), ("misquote", 22)])
        rel = corpus_diags(p)[0]["relatedInformation"][0]["location"]["uri"]
        self.assertEqual(os.path.normpath(uri_path(rel)), os.path.join(archive, A01))
        self.assertEqual(self.symbols("Chief Engineer Quits Port Ardent"), [], "drafts/ is ignored")

    def test_corpus_root_uris_are_normalized(self):
        """Files under a corpus root named "../archive" get the URIs an editor uses, so opening one
        replaces its entry (they once had "/../" in them and became a second entry)."""
        desk, archive = self.desk_and_archive()
        p = self.open(A04, root=desk)
        rel = corpus_diags(p)[0]["relatedInformation"][0]["location"]["uri"]
        self.assertEqual(rel, self.uri(A01, archive))
        self.open(A01, root=archive)
        titles = [s for s in self.symbols("Desalination Plant Runs $2.4 Billion Over Budget") if s["kind"] == 1]
        self.assertEqual([s["location"]["uri"] for s in titles], [self.uri(A01, archive)])


if __name__ == "__main__":
    main()
