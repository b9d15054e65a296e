#!/usr/bin/env python3
"""byline explain, byline config-schema, and the committed schema staying generated."""
import os
import subprocess
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
BYLINE = os.environ.get("BYLINE") or os.path.join(ROOT, "build", "server", "byline")


def run(*args):
    return subprocess.run([BYLINE, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)


class Commands(unittest.TestCase):
    def test_committed_schema_is_what_the_registry_generates(self):
        p = run("config-schema")
        self.assertEqual(p.returncode, 0)
        with open(os.path.join(ROOT, "docs", "byline.schema.json"), encoding="utf-8") as f:
            self.assertEqual(f.read(), p.stdout.decode(),
                             "docs/byline.schema.json is stale: regenerate it with `byline config-schema`")

    def test_schema_lists_every_rule(self):
        listing = run("explain").stdout.decode().splitlines()
        schema = run("config-schema").stdout.decode()
        self.assertGreater(len(listing), 2)
        for line in listing:
            self.assertIn('"%s"' % line.split()[0], schema)

    def test_explain_prints_the_rule_page(self):
        p = run("explain", "unbalanced-quote")
        self.assertEqual(p.returncode, 0)
        self.assertTrue(p.stdout.decode().startswith("# unbalanced-quote\n"))

    def test_explain_unknown_rule_lists_the_rules(self):
        p = run("explain", "unbalanced-quotes")
        self.assertEqual(p.returncode, 2)
        err = p.stderr.decode()
        self.assertIn("no rule 'unbalanced-quotes'", err)
        self.assertIn("unbalanced-quote", err)


class EmptyFolder(unittest.TestCase):
    def test_an_empty_folder_is_clean(self):
        # Regression: the walk sorted an empty listing with qsort(NULL, 0, ...), which UBSan
        # stops on; the server died the same way when an editor opened an empty folder.
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            p = subprocess.run([BYLINE, "lint", d], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
            self.assertEqual(p.returncode, 0, p.stderr.decode())
            self.assertEqual(p.stdout, b"")
            self.assertIn("0 files, 0 findings", p.stderr.decode())


if __name__ == "__main__":
    unittest.main()
