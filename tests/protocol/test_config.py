#!/usr/bin/env python3
"""The editor and CI agree: the same article, the same .byline.json, the same suppression
comments give the same findings through `byline serve` (what the editor shows) and through
`byline lint --format json` (what CI reports). Also: config problems reach the writer."""
import json
import os
import subprocess
import tempfile
import time
import unittest
import urllib.parse

from lspclient import ServerTestCase, byline_path

Q_OPEN = "\u201c"

ARTICLE = (
    "---\ntitle: Harbor board delays vote\noutlet: The Test Ledger\ndate: 2026-02-03\n---\n"
    "Harbor board delays vote\n\n"
    "The chair said " + Q_OPEN + "we need more time.\n\n"
    "<!-- byline-disable-next-line unbalanced-quote -->\n"
    "A member replied " + Q_OPEN + "we have had months.\n\n"
    "<!-- byline-disable unbalanced-quote -->\n"
    "Another said " + Q_OPEN + "enough.\n\n"
    "<!-- byline-enable unbalanced-quote -->\n"
    "The clerk added " + Q_OPEN + "the minutes are late.\n\n"
    "<!-- byline-disable unbalanced-qoute -->\n"
)


def lint_json(binary, path):
    p = subprocess.run([binary, "lint", "--format", "json", path], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=60)
    return p, [json.loads(l) for l in p.stdout.decode().splitlines() if l.strip()]


class EditorAndCiAgree(ServerTestCase):
    def setUp(self):
        super().setUp()
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        os.makedirs(os.path.join(self.dir.name, "desk"))
        self.path = os.path.join(self.dir.name, "desk", "story.md")
        with open(self.path, "w", encoding="utf-8") as f:
            f.write(ARTICLE)

    def write_config(self, obj_or_text):
        with open(os.path.join(self.dir.name, ".byline.json"), "w", encoding="utf-8") as f:
            f.write(obj_or_text if isinstance(obj_or_text, str) else json.dumps(obj_or_text))

    def server_findings(self):
        c = self.client
        c.initialize(encodings=["utf-8"])
        start = c.mark()
        uri = "file://" + self.path
        c.did_open(uri, ARTICLE, 1)
        p = c.wait_diagnostics(uri, 1, start=start)
        return start, sorted((d["code"], d["range"]["start"]["line"] + 1, d["severity"]) for d in p["diagnostics"])

    def cli_findings(self):
        sev = {"error": 1, "warning": 2, "information": 3, "hint": 4}
        p, recs = lint_json(byline_path(), self.path)
        return p, sorted((r["rule"], r["line"], sev[r["severity"]]) for r in recs)

    def test_suppression_and_config_give_the_same_findings(self):
        self.write_config({"rules": {"unbalanced-quote": "error"}})
        _, server = self.server_findings()
        p, cli = self.cli_findings()
        self.assertEqual(p.returncode, 1)
        self.assertEqual(server, cli)
        # what both must show: the two quotes outside suppression, as errors (the config), and
        # the misspelt rule name in the last directive
        quotes = [f for f in server if f[0] == "unbalanced-quote"]
        self.assertEqual([(f[1], f[2]) for f in quotes], [(8, 1), (17, 1)])
        self.assertIn(("unknown-directive", 19, 2), server)
        self.assertEqual(self.client.shutdown_and_exit(), 0)

    def test_rule_switched_off_in_config(self):
        self.write_config({"rules": {"unbalanced-quote": "off"}})
        _, server = self.server_findings()
        p, cli = self.cli_findings()
        self.assertEqual(server, cli)
        self.assertNotIn("unbalanced-quote", [f[0] for f in server])
        self.assertEqual(self.client.shutdown_and_exit(), 0)

    def test_config_problems_reach_the_writer_and_ci(self):
        self.write_config('{\n  "rules": {\n    "no-such-rule": "error",\n    "unbalanced-quote": "loud"\n  }\n}\n')
        start, server = self.server_findings()
        shown = self.client.wait_for(lambda m: m.get("method") == "window/showMessage", start=start,
                                     what="window/showMessage for the config problem")
        self.assertEqual(shown["params"]["type"], 1)
        self.assertRegex(shown["params"]["message"], r"\.byline\.json:3: unknown rule \"no-such-rule\"")
        p, cli = self.cli_findings()
        self.assertEqual(p.returncode, 2, "a configuration problem is a usage error")
        self.assertIn('.byline.json:3: unknown rule "no-such-rule"', p.stderr.decode())
        self.assertIn('.byline.json:4: rule "unbalanced-quote"', p.stderr.decode())
        self.assertEqual(server, cli, "what could be read is still used, the same way")
        self.assertEqual(self.client.shutdown_and_exit(), 0)


OUR_NAMES = ("# our outlets and places\n"
             "The Millbrook Sentinel\tmedia\tUS\tMillbrook Sentinel\n"
             "Quarrytown\tcity\tUS\t-\n"
             "Port of Quarrytown\tagency\tUS\tQuarrytown Port Authority\n")

STORY = ("Quarry vote delayed\n\n"
         "The Millbrook Sentinel reported on Monday that the council in Quarrytown delayed the vote. "
         "The Port of Quarrytown declined to comment.\n")

# another article of the workspace, indexed from disk (never opened): the port under its alias
OTHER = ("Port budget approved\n\n"
         "The Quarrytown Port Authority approved its budget on Tuesday, a spokesperson said.\n")


def file_uri(path):
    return "file://" + urllib.parse.quote(path)


class ConfigGazetteers(ServerTestCase):
    """A .byline.json's "gazetteers" name entities in the editor as in CI (hover shows what the
    file says), are reloaded when .byline.json or the gazetteer changes
    (workspace/didChangeWatchedFiles), reach the workspace index, and a file that cannot be read
    is shown to the writer."""

    def setUp(self):
        super().setUp()
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.dir = os.path.realpath(self.tmp.name)
        for d in ("names", "desk"):
            os.makedirs(os.path.join(self.dir, d))
        self.names = self.write("names/our.tsv", OUR_NAMES)
        self.story = self.write("desk/story.md", STORY)
        self.uri = file_uri(self.story)

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def config(self, obj):
        return self.write(".byline.json", json.dumps(obj, indent=2) + "\n")

    def hover(self, needle):
        i = STORY.index(needle)
        line = STORY.count("\n", 0, i)
        char = i - (STORY.rindex("\n", 0, i) + 1)
        r = self.client.request("textDocument/hover", {"textDocument": {"uri": self.uri},
                                                       "position": {"line": line, "character": char}})
        self.assertIn("result", r, r)
        return (r["result"] or {}).get("contents", {}).get("value", "")

    def changed(self, path, type_=2):
        """Reports a file change as a watching editor does; waits for the republish it causes."""
        start = self.client.mark()
        self.client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": file_uri(path), "type": type_}]})
        self.client.wait_diagnostics(self.uri, start=start)

    def test_hover_knows_the_config_gazetteer_and_follows_changes(self):
        conf = self.config({"gazetteers": ["names/our.tsv"]})
        c = self.client
        c.initialize(encodings=["utf-8"])
        start = c.mark()
        c.did_open(self.uri, STORY, 1)
        c.wait_diagnostics(self.uri, 1, start=start)
        town = self.hover("Quarrytown delayed")
        self.assertIn("**place** \u00b7 city", town)
        self.assertIn("ISO 3166 code: US", town)
        self.assertIn("**organization** \u00b7 media", self.hover("Millbrook Sentinel"))
        # the gazetteer changes: what it now says is what the writer sees
        self.write("names/our.tsv", OUR_NAMES.replace("Quarrytown\tcity\tUS", "Quarrytown\tregion\tCA"))
        self.changed(self.names)
        town = self.hover("Quarrytown delayed")
        self.assertIn("**place** \u00b7 region", town)
        self.assertIn("ISO 3166 code: CA", town)
        # .byline.json no longer names it: the built-in lists alone
        self.config({"rules": {}})
        self.changed(conf)
        town = self.hover("Quarrytown delayed")
        self.assertNotIn("\u00b7 region", town)
        self.assertNotIn("ISO 3166 code", town)
        self.assertNotIn("\u00b7 media", self.hover("Millbrook Sentinel"))
        # and named again
        self.config({"gazetteers": ["names/our.tsv"]})
        self.changed(conf)
        self.assertIn("**place** \u00b7 region", self.hover("Quarrytown delayed"))
        self.assertEqual(c.shutdown_and_exit(), 0)

    def test_a_gazetteer_that_cannot_be_read_reaches_the_writer(self):
        conf = self.config({"gazetteers": ["names/our.tsv", "names/missing.tsv"]})
        c = self.client
        c.initialize(encodings=["utf-8"])
        start = c.mark()
        c.did_open(self.uri, STORY, 1)
        c.wait_diagnostics(self.uri, 1, start=start)
        shown = c.wait_for(lambda m: m.get("method") == "window/showMessage", start=start,
                           what="window/showMessage for the gazetteer")
        self.assertEqual(shown["params"]["type"], 1)
        self.assertEqual(shown["params"]["message"],
                         "%s:4: cannot read gazetteer %s: No such file or directory"
                         % (conf, os.path.join(self.dir, "names", "missing.tsv")))
        self.assertIn("**place** \u00b7 city", self.hover("Quarrytown delayed"), "the rest still loads")
        # the same line from the CLI
        p = subprocess.run([byline_path(), "entities", self.story], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=60)
        self.assertEqual(p.returncode, 2)
        self.assertEqual(p.stderr.decode().strip(), shown["params"]["message"])
        self.assertEqual(c.shutdown_and_exit(), 0)

    def test_the_workspace_index_reads_with_the_config_gazetteer(self):
        # The other article names the port only by its alias; the index links the two mentions
        # only if it was built with the configuration's lexicon (on the worker threads).
        self.write("desk/other.md", OTHER)
        conf = self.config({"gazetteers": ["names/our.tsv"]})
        c = self.client
        c.initialize(encodings=["utf-8"],
                     extra_params={"workspaceFolders": [{"uri": file_uri(self.dir), "name": "news"}]})
        start = c.mark()
        c.did_open(self.uri, STORY, 1)
        c.wait_diagnostics(self.uri, 1, start=start)
        deadline = time.monotonic() + 30
        while "named in 2 articles of the corpus" not in self.hover("Port of Quarrytown"):
            self.assertLess(time.monotonic(), deadline, "the indexed alias never counted: %s"
                            % self.hover("Port of Quarrytown"))
            time.sleep(0.05)
        # without the gazetteer, the alias is another name: re-indexed, it no longer counts
        self.config({})
        self.changed(conf)
        deadline = time.monotonic() + 30
        while "named in 2 articles" in self.hover("Port of Quarrytown"):
            self.assertLess(time.monotonic(), deadline, "the re-index kept the old lexicon")
            time.sleep(0.05)
        self.assertEqual(c.shutdown_and_exit(), 0)


if __name__ == "__main__":
    unittest.main()
