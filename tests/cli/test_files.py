#!/usr/bin/env python3
"""Files that fight back: what `byline lint` does with inputs a newsroom's CI will meet sooner or
later. product.md, "Reliability": each gets a clear `file: message` on stderr, the rest of the
run goes on, and the exit code stays truthful (0 clean, 1 findings, 2 usage or I/O error).

test_lint.py already covers invalid UTF-8 and NUL bytes (InvalidEncoding), UTF-16 with a BOM
and binary files (Walk), folder symlink loops and a missing path. This file adds:
  * a very long single-line file (a 4 MB one in every run, bounded in time; the 100 MB one of
    the issue only with BYLINE_SLOW_TESTS=1, see docs/reliability.md for why);
  * a UTF-8 BOM, UTF-16 without a BOM, a file of NUL bytes;
  * symlink loops between files (in a folder and named on the command line);
  * unreadable files and folders (run as an unprivileged user when the tests run as root, where
    permissions do not stop reads; skipped with a message when that is not possible);
  * files deleted or rewritten while a run is under way (made deterministic with a FIFO in the
    place of a folder's .byline.json: the run blocks reading it after it has listed the files
    and before it reads them).

Runs the real binary: $BYLINE (set by meson's test_env), else ../../build/server/byline.
"""
import os
import shutil
import subprocess
import tempfile
import time
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE_ROOT = Path(os.environ.get("BYLINE_SOURCE_ROOT", HERE.parent.parent))
BYLINE = os.environ.get("BYLINE") or str(SOURCE_ROOT / "build" / "server" / "byline")
OPEN_MSG = "quotation mark opens here and never closes in its paragraph"
SENTENCE = ("The council voted 5-2 on Tuesday to raise rates by 9%, the Ledger reported. "
            "Mayor Brennan said \u201cno\u201d and 4,000 people signed a petition. ").encode()
UNBALANCED = "Rates Story\n\nThe mayor said \u201cwe will do better next year.\n".encode()
CLEAN = (HERE / "fixtures" / "clean.md").read_bytes()  # an article with no findings (test_lint.py)


class Result:
    def __init__(self, proc, seconds):
        self.rc = proc.returncode
        self.out = proc.stdout.decode("utf-8", "replace")
        self.err = proc.stderr.decode("utf-8", "replace")
        self.seconds = seconds

    @property
    def out_lines(self):
        return self.out.splitlines()

    @property
    def err_lines(self):
        return self.err.splitlines()

    def __repr__(self):
        return f"exit {self.rc} after {self.seconds:.1f}s\n--- stdout\n{self.out[-3000:]}--- stderr\n{self.err[-3000:]}"


class FilesTest(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="byline-files-")
        self.tmp = Path(self._tmp.name)

    def tearDown(self):
        for root, dirs, _ in os.walk(self.tmp):  # a test may leave a folder at mode 000
            for d in dirs:
                try:
                    os.chmod(os.path.join(root, d), 0o755)
                except OSError:
                    pass
        self._tmp.cleanup()

    def write(self, rel, data):
        path = self.tmp / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return rel

    def lint(self, *args, timeout=120, prefix=()):
        env = dict(os.environ)
        env.pop("BYLINE_LOG", None)
        t0 = time.monotonic()
        proc = subprocess.run([*prefix, BYLINE, "lint", *args], cwd=self.tmp, capture_output=True, env=env,
                              timeout=timeout)
        return Result(proc, time.monotonic() - t0)

    def assertExit(self, res, rc):
        self.assertEqual(res.rc, rc, f"expected exit {rc}:\n{res!r}")

    def assertNoCrash(self, res):
        self.assertGreaterEqual(res.rc, 0, f"killed by signal {-res.rc}:\n{res!r}")
        for marker in ("AddressSanitizer", "LeakSanitizer", "runtime error:", "Segmentation"):
            self.assertNotIn(marker, res.err)


def single_line(size):
    return (SENTENCE * (size // len(SENTENCE) + 1))[:size]


class LongLines(FilesTest):
    # One paragraph on one line: no line breaks for a line index or a paragraph splitter to
    # lean on. Speed is a benchmark's business (tests/bench); this test only guards against a
    # hang or a quadratic blow-up (a position conversion once made this file take minutes), with
    # a bound a linear run meets even under ASan on a shared 2-core machine.
    BOUND_S = 240

    def test_four_megabyte_single_line_file_in_bounded_time(self):
        self.write("one-line.txt", single_line(4 * 1024 * 1024) + UNBALANCED)
        try:
            res = self.lint("one-line.txt", timeout=self.BOUND_S)
        except subprocess.TimeoutExpired:
            self.fail(f"byline lint took more than {self.BOUND_S}s on a 4 MB single-line file")
        self.assertNoCrash(res)
        self.assertExit(res, 1)
        self.assertIn(OPEN_MSG, res.out)

    @unittest.skipUnless(os.environ.get("BYLINE_SLOW_TESTS") == "1",
                         "the 100 MB single-line file runs only with BYLINE_SLOW_TESTS=1 (docs/reliability.md)")
    def test_hundred_megabyte_single_line_file(self):
        path = self.tmp / "huge.txt"
        with open(path, "wb") as f:
            block = single_line(1024 * 1024)
            for _ in range(100):
                f.write(block)
            f.write(UNBALANCED)
        res = self.lint("huge.txt", timeout=3600)
        print(f"\n100 MB single-line file: {res.seconds:.1f}s, exit {res.rc}")
        self.assertNoCrash(res)
        self.assertExit(res, 1)
        self.assertLess(res.seconds, 600)


class Encodings(FilesTest):
    def test_utf8_bom_is_read_as_utf8(self):
        self.write("bom.md", b"\xef\xbb\xbf" + UNBALANCED)
        res = self.lint("bom.md")
        self.assertExit(res, 1)
        self.assertIn(f"bom.md:3:16: warning: {OPEN_MSG} [unbalanced-quote]", res.out_lines)

    def test_utf16_without_bom_is_skipped_not_misread(self):
        self.write("le.txt", UNBALANCED.decode().encode("utf-16-le"))
        self.write("ok.md", CLEAN)
        res = self.lint("le.txt", "ok.md")
        self.assertNoCrash(res)
        self.assertExit(res, 0)
        self.assertEqual(res.out, "")
        self.assertTrue(res.err_lines[0].startswith("le.txt:1: warning: skipped:"), res.err)

    def test_file_of_nul_bytes_and_empty_file(self):
        self.write("zeros.md", b"\x00" * 10000)
        self.write("empty.md", b"")
        self.write("story.md", UNBALANCED)
        res = self.lint("zeros.md", "empty.md", "story.md")
        self.assertNoCrash(res)
        self.assertExit(res, 1)
        self.assertIn("zeros.md:1: warning: skipped: binary file", res.err_lines)
        self.assertEqual([line.split(":")[0] for line in res.out_lines], ["story.md"])

    def test_invalid_utf8_in_every_output_format_stays_valid(self):
        # A directive naming a "rule" made of invalid bytes, and a quote after invalid bytes:
        # messages that echo the text must not carry its bad bytes into JSON or SARIF.
        self.write("bad.md", b"Headline\n\n<!-- byline-disable-next-line \xff\xfe-rule -->\n"
                             b"The mayor \xc3 said \xe2\x80\x9cyes.\n")
        for fmt in ("text", "json", "sarif", "github"):
            with self.subTest(format=fmt):
                env = dict(os.environ)
                proc = subprocess.run([BYLINE, "lint", "--format", fmt, "bad.md"], cwd=self.tmp, capture_output=True,
                                      env=env, timeout=60)
                self.assertGreaterEqual(proc.returncode, 0)
                if fmt in ("json", "sarif"):
                    proc.stdout.decode("utf-8")  # raises on invalid UTF-8


class SymlinkLoops(FilesTest):
    def test_file_symlink_loop_in_a_folder_is_skipped_with_a_warning(self):
        self.write("news/story.md", UNBALANCED)
        os.symlink("b.md", self.tmp / "news/a.md")
        os.symlink("a.md", self.tmp / "news/b.md")
        res = self.lint("news")
        self.assertNoCrash(res)
        self.assertExit(res, 1)  # the loop is skipped like a broken link; the finding sets the code
        self.assertEqual(res.out_lines, [f"news/story.md:3:16: warning: {OPEN_MSG} [unbalanced-quote]"])
        skipped = [line for line in res.err_lines if "skipped" in line]
        self.assertEqual([line.split(":")[0] for line in skipped], ["news/a.md", "news/b.md"], res.err)

    def test_file_symlink_loop_named_on_the_command_line_is_an_error_and_the_rest_goes_on(self):
        os.symlink("loop.md", self.tmp / "loop.md")
        self.write("story.md", UNBALANCED)
        res = self.lint("loop.md", "story.md")
        self.assertNoCrash(res)
        self.assertExit(res, 2)
        self.assertIn("loop.md: Too many levels of symbolic links", res.err_lines)
        self.assertEqual(res.out_lines, [f"story.md:3:16: warning: {OPEN_MSG} [unbalanced-quote]"])


def unprivileged_prefix():
    """A command prefix that runs byline as `nobody` when the tests run as root (where file
    permissions do not stop reads), or () when they already run unprivileged; None when neither
    works."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if not setpriv:
        return None
    prefix = (setpriv, "--reuid=65534", "--regid=65534", "--clear-groups")
    try:
        ok = subprocess.run([*prefix, "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    return prefix if ok else None


class Unreadable(FilesTest):
    def setUp(self):
        super().setUp()
        self.prefix = unprivileged_prefix()
        if self.prefix is None:
            self.skipTest("running as root and cannot drop to an unprivileged user (no setpriv): "
                          "chmod 000 does not stop root from reading, so there is nothing to test")
        os.chmod(self.tmp, 0o755)  # the unprivileged user must reach the files

    def test_unreadable_file_is_an_io_error_and_the_rest_is_linted(self):
        self.write("secret.md", UNBALANCED)
        self.write("story.md", UNBALANCED)
        os.chmod(self.tmp / "secret.md", 0)
        os.chmod(self.tmp / "story.md", 0o644)
        res = self.lint("secret.md", "story.md", prefix=self.prefix)
        self.assertNoCrash(res)
        self.assertExit(res, 2)
        self.assertIn("secret.md: Permission denied", res.err_lines)
        self.assertEqual(res.out_lines, [f"story.md:3:16: warning: {OPEN_MSG} [unbalanced-quote]"])

    def test_unreadable_folder_in_a_walk(self):
        self.write("news/a.md", UNBALANCED)
        self.write("news/locked/b.md", UNBALANCED)
        self.write("news/z.md", CLEAN)
        for p in ("news", "news/a.md", "news/z.md"):
            os.chmod(self.tmp / p, 0o755 if p == "news" else 0o644)
        os.chmod(self.tmp / "news/locked", 0)
        res = self.lint("news", prefix=self.prefix)
        self.assertNoCrash(res)
        self.assertExit(res, 2)
        self.assertIn("news/locked: Permission denied", res.err_lines)
        self.assertEqual(res.out_lines, [f"news/a.md:3:16: warning: {OPEN_MSG} [unbalanced-quote]"])
        self.assertIn("2 files, 1 finding", res.err)


class ChangedDuringTheRun(FilesTest):
    """A file deleted or rewritten after the run listed it and before it read it. The run is
    held at that point by a FIFO where a folder's .byline.json would be: byline lists every
    path first and reads each folder's configuration as it goes, so it blocks on the FIFO with
    the earlier files listed and not yet read; the test changes them, then lets it go on."""

    def run_held(self, args, change):
        fifo = self.tmp / "news/zz/.byline.json"
        fifo.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(fifo)
        env = dict(os.environ)
        env.pop("BYLINE_LOG", None)
        proc = subprocess.Popen([BYLINE, "lint", *args], cwd=self.tmp, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=env)
        try:
            deadline = time.monotonic() + 30
            fd = None
            while fd is None:  # opening the write end succeeds once byline waits on the read end
                try:
                    fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        out, err = proc.communicate(timeout=10)
                        self.fail(f"byline never opened the FIFO (exit {proc.returncode}): {err.decode()}")
                    time.sleep(0.01)
            change()
            os.write(fd, b"{}\n")
            os.close(fd)
            out, err = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        return Result(subprocess.CompletedProcess(args, proc.returncode, out, err), 0.0)

    def test_files_deleted_and_rewritten_after_they_were_listed(self):
        self.write("named.md", UNBALANCED)
        self.write("news/1-keep.md", UNBALANCED)
        self.write("news/2-gone.md", UNBALANCED)
        self.write("news/3-rewritten.md", CLEAN)
        self.write("news/4-to-binary.md", UNBALANCED)
        self.write("news/zz/story.md", CLEAN)

        def change():
            os.unlink(self.tmp / "named.md")
            os.unlink(self.tmp / "news/2-gone.md")
            (self.tmp / "news/3-rewritten.md").write_bytes(UNBALANCED)
            (self.tmp / "news/4-to-binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 4)

        res = self.run_held(["named.md", "news"], change)
        self.assertNoCrash(res)
        self.assertExit(res, 2)  # two listed files could not be read: an I/O problem, said so
        self.assertIn("named.md: No such file or directory", res.err_lines)
        self.assertIn("news/2-gone.md: No such file or directory", res.err_lines)
        self.assertIn("news/4-to-binary.md:1: warning: skipped: binary file", res.err_lines)
        self.assertEqual(res.out_lines, [
            f"news/1-keep.md:3:16: warning: {OPEN_MSG} [unbalanced-quote]",
            f"news/3-rewritten.md:3:16: warning: {OPEN_MSG} [unbalanced-quote]",  # its new text
        ])
        self.assertIn("3 files, 2 findings", res.err_lines[-1])


if __name__ == "__main__":
    unittest.main(verbosity=2)
