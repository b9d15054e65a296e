#!/usr/bin/env python3
"""byline explain, byline config-schema, and the committed schema staying generated."""
import json
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


OUR_NAMES = ("# our outlets and places\n"
             "The Millbrook Sentinel\tmedia\tUS\tMillbrook Sentinel\n"
             "Quarrytown\tcity\tUS\t-\n"
             "Kestrel Dynamics\tcompany\t-\tKestrel\n")

STORY = ("Quarry vote delayed\n\n"
         "The Millbrook Sentinel reported on Monday that the council in Quarrytown delayed the vote, "
         "according to the minutes. Kestrel Dynamics declined to comment, a spokesperson said.\n")


class ConfigGazetteers(unittest.TestCase):
    """A .byline.json's "gazetteers": the names in them are recognized by entities, analyze and
    lint; a file that cannot be read, or a malformed line in one, is a configuration problem
    (`path:line: message` on stderr, exit status 2, the output still printed)."""

    def setUp(self):
        import tempfile
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.dir = os.path.realpath(self.tmp.name)
        os.makedirs(os.path.join(self.dir, "names"))
        os.makedirs(os.path.join(self.dir, "desk"))
        self.write("names/our.tsv", OUR_NAMES)
        self.story = self.write("desk/story.md", STORY)

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def config(self, *gazetteers):
        return self.write(".byline.json", json.dumps({"gazetteers": list(gazetteers)}, indent=2) + "\n")

    def entities(self, *extra):
        p = run("entities", "--format", "json", *extra, self.story)
        return p, {e["text"]: e for e in map(json.loads, p.stdout.decode().splitlines())}

    def test_entities_shows_the_names_of_the_config_gazetteer(self):
        self.config("names/our.tsv")
        p, ents = self.entities()
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        self.assertEqual(p.stderr, b"")
        paper = ents["The Millbrook Sentinel"]
        self.assertEqual((paper["kind"], paper.get("subtype")), ("organization", "media"))
        town = ents["Quarrytown"]
        self.assertEqual((town["kind"], town.get("subtype"), town["value"]), ("place", "city", "US"))
        firm = ents["Kestrel Dynamics"]
        self.assertEqual((firm["kind"], firm.get("subtype")), ("organization", "company"))
        # the text format, from another folder (the config is found from the file, not the cwd)
        p = subprocess.run([os.path.abspath(BYLINE), "entities", self.story], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=60, cwd="/")
        self.assertIn('organization "The Millbrook Sentinel"', p.stdout.decode())

    def test_without_the_config_the_names_are_unknown(self):
        _, ents = self.entities()
        town = ents.get("Quarrytown")
        self.assertTrue(town is None or town["value"] is None, town)
        self.assertNotEqual(ents.get("The Millbrook Sentinel", {}).get("subtype"), "media")

    def test_a_missing_gazetteer_is_reported_at_its_line_and_the_rest_loads(self):
        conf = self.config("names/our.tsv", "names/missing.tsv")
        want = "%s:4: cannot read gazetteer %s: No such file or directory" % (
            conf, os.path.join(self.dir, "names", "missing.tsv"))
        p, ents = self.entities()
        self.assertEqual(p.returncode, 2, "a configuration problem, as for lint")
        self.assertEqual(p.stderr.decode().splitlines(), [want], "once")
        self.assertEqual(ents["Quarrytown"]["value"], "US", "the file that could be read still counts")
        # analyze and lint say the same, the same way
        p = run("analyze", self.story)
        self.assertEqual(p.returncode, 2)
        self.assertEqual(p.stderr.decode().splitlines(), [want])
        self.assertTrue(p.stdout, "the analysis is still printed")
        p = run("lint", "--format", "json", self.story)
        self.assertEqual(p.returncode, 2)
        self.assertEqual(p.stderr.decode().splitlines(), [want])

    def test_a_malformed_line_is_reported_at_its_line_in_the_gazetteer(self):
        names = self.write("names/our.tsv", OUR_NAMES + "Atlantis\tcontinent\t-\t-\n")
        self.config("names/our.tsv")
        p, ents = self.entities()
        self.assertEqual(p.returncode, 2)
        self.assertEqual(p.stderr.decode().splitlines(),
                         ["%s:5: 1 malformed line skipped (expected canonical<TAB>type<TAB>code<TAB>aliases)" % names])
        self.assertEqual(ents["Kestrel Dynamics"].get("subtype"), "company")

    def test_lint_uses_the_config_gazetteer(self):
        # An outlet only the newsroom's list knows: cited, it is a source the corpus should hold
        # (source-not-in-corpus); unknown, it is just a name.
        self.write("names/our.tsv", OUR_NAMES + "Bellweather Nine\tmedia\tUS\t-\n")
        cites = self.write("desk/cites.md", "Harbor vote delayed\n\nThe council delayed the harbor vote by two "
                                            "weeks, Bellweather Nine reported on Monday.\n")

        def hints():
            p = run("lint", "--format", "json", cites, self.story)
            recs = [json.loads(l) for l in p.stdout.decode().splitlines()]
            return p, [(r["file"], r["rule"], r["message"]) for r in recs
                       if r["rule"] == "source-not-in-corpus" and r["file"] == cites]

        p, before = hints()
        self.assertEqual(before, [])
        self.config("names/our.tsv")
        p, after = hints()
        self.assertEqual(p.stderr.decode().count(".byline.json"), 0, p.stderr.decode())
        self.assertEqual(after, [(cites, "source-not-in-corpus",
                                  'no article in the corpus (2 indexed) matches "Bellweather Nine"')])

if __name__ == "__main__":
    unittest.main()
