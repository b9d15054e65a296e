#!/usr/bin/env python3
"""The editor and CI agree: the same article, the same .byline.json, the same suppression
comments give the same findings through `byline serve` (what the editor shows) and through
`byline lint --format json` (what CI reports). Also: config problems reach the writer."""
import json
import os
import subprocess
import tempfile
import unittest

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


if __name__ == "__main__":
    unittest.main()
