#!/usr/bin/env python3
"""bench_lint.py: batch lint throughput against the machine's own floor.

Builds (once; cached under --work-dir) a folder of about 20 MB of news-like text in about 4,000
files, then times, best of 3 each in the same run:
  byline lint --format json DIR > /dev/null
  wc -w FILE...                 (the floor product.md compares against)
and prints MB/s (MB = 10^6 bytes) for both and their ratio. Then, when valgrind is installed,
runs `valgrind --tool=callgrind` once on byline lint over a ~2 MB subset and prints instructions
per input byte (and the top functions, when callgrind_annotate is there).

Texts: every "text" field of --texts DIR/*/*.jsonl when that folder exists (the shared eval
data: news articles, wire stories, debate sentences), otherwise the articles in --fallback
(tests/corpus), replicated and reshuffled to size. Figures only: the exit status is nonzero
only when a command fails (byline lint exiting 2, wc failing).

usage: bench_lint.py --byline PATH [--work-dir DIR] [--texts DIR] [--fallback DIR]
                     [--size BYTES] [--files N] [--runs N]
"""

import argparse
import glob
import hashlib
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FORMAT_VERSION = 4  # bump when the corpus layout changes, to rebuild caches
PER_FOLDER = 100  # files per subfolder: the callgrind subset is whole subfolders


def log(msg):
    print(msg, flush=True)


# ------------------------------------------------------------------ the corpus

def read_pieces(texts_dir, fallback_dir):
    """The texts to pack into files, and a one-line description of where they came from."""
    pieces = []
    if texts_dir and os.path.isdir(texts_dir):
        files = sorted(glob.glob(os.path.join(texts_dir, "*", "*.jsonl")))
        # The derived sentence file repeats polnear's articles one sentence at a time.
        files = [f for f in files if ".derived." not in os.path.basename(f)]
        for path in files:
            with open(path, encoding="utf-8") as f:
                for line in f:
                    try:
                        text = json.loads(line).get("text")
                    except (ValueError, AttributeError):
                        continue
                    if isinstance(text, str) and text.strip():
                        pieces.append(text.strip() + "\n")
        if pieces:
            names = ", ".join(os.path.basename(os.path.dirname(f)) for f in files)
            return pieces, "texts of %s/*/*.jsonl (%s)" % (texts_dir, names)
    paths = sorted(glob.glob(os.path.join(fallback_dir, "*.txt")) + glob.glob(os.path.join(fallback_dir, "*.md")))
    for path in paths:
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            pieces.append(f.read())
    if not pieces:
        sys.exit("bench_lint: no texts: neither %s nor %s holds any" % (texts_dir, fallback_dir))
    return pieces, "%d articles of %s, replicated" % (len(pieces), fallback_dir)


def split_long(pieces, limit):
    """Cuts texts longer than `limit` at line ends into parts of about `limit` characters."""
    out = []
    for p in pieces:
        while len(p) > limit:
            cut = p.rfind("\n", limit // 2, limit)
            cut = cut + 1 if cut > 0 else limit
            out.append(p[:cut])
            p = p[cut:]
        if p:
            out.append(p)
    return out


def build_corpus(root, pieces, size, nfiles):
    """Packs pieces into about nfiles files of about size/nfiles bytes, reshuffling the pieces on
    each pass over them until `size` bytes are written. Returns (paths, total bytes)."""
    target = max(1, size // nfiles)
    pieces = split_long(pieces, target)
    target = target * 5 // 4  # a file is flushed before it passes this: it averages about 4/5 of it
    paths, total, n, buf, buflen = [], 0, 0, [], 0
    rng = random.Random(2026)
    order = list(range(len(pieces)))

    def flush():
        nonlocal n, total, buf, buflen
        sub = os.path.join(root, "%03d" % (n // PER_FOLDER))
        os.makedirs(sub, exist_ok=True)
        path = os.path.join(sub, "%05d.txt" % n)
        data = "\n".join(buf).encode("utf-8", "surrogateescape")
        with open(path, "wb") as f:
            f.write(data)
        paths.append(path)
        total += len(data)
        n += 1
        buf, buflen = [], 0

    while total + buflen < size:
        rng.shuffle(order)
        for i in order:
            if buf and buflen + len(pieces[i]) > target:
                flush()
                if total >= size:
                    break
            buf.append(pieces[i])
            buflen += len(pieces[i]) + 1
    if buf:
        flush()
    return paths, total


def corpus(args):
    pieces, source = read_pieces(os.path.normpath(args.texts), os.path.normpath(args.fallback))
    digest = hashlib.sha256()
    for p in pieces:
        digest.update(p.encode("utf-8", "surrogateescape"))
    key = "%d %s %d %d" % (FORMAT_VERSION, digest.hexdigest(), args.size, args.files)
    root = os.path.join(args.work_dir, "articles")
    stamp = os.path.join(args.work_dir, "stamp.json")
    try:
        with open(stamp) as f:
            cached = json.load(f)
        if cached["key"] == key and all(os.path.isfile(p) for p in cached["paths"][:: max(1, len(cached["paths"]) // 50)]):
            return cached["paths"], cached["bytes"], cached["source"] + " (cached in %s)" % args.work_dir
    except (OSError, ValueError, KeyError):
        pass
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    t = time.perf_counter()
    paths, total = build_corpus(root, pieces, args.size, args.files)
    with open(stamp, "w") as f:
        json.dump({"key": key, "paths": paths, "bytes": total, "source": source}, f)
    log("built the corpus in %.1f s" % (time.perf_counter() - t))
    return paths, total, source


# ------------------------------------------------------------------ timing

def best_of(runs, argv, ok_codes):
    """Best wall time of `runs` runs (stdout to /dev/null), and the CPU time and peak RSS of it."""
    best = None
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode not in ok_codes:
            sys.stderr.write(proc.stderr.decode("utf-8", "replace")[-2000:])
            sys.exit("bench_lint: %s exited %d" % (os.path.basename(argv[0]), proc.returncode))
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if best is None or wall < best[0]:
            best = (wall, cpu)
    return best[0], best[1], resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def callgrind(args, paths):
    valgrind = shutil.which("valgrind")
    if not valgrind:
        log("callgrind: skipped: valgrind is not installed (apt install valgrind)")
        return
    # Whole subfolders (so the command line stays short) adding up to about 2 MB.
    folders, nbytes, i = [], 0, 0
    while i < len(paths) and nbytes < args.callgrind_bytes:
        folder = os.path.dirname(paths[i])
        folders.append(folder)
        while i < len(paths) and os.path.dirname(paths[i]) == folder:
            nbytes += os.path.getsize(paths[i])
            i += 1
    with tempfile.TemporaryDirectory(prefix="bench-callgrind-") as tmp:
        out = os.path.join(tmp, "callgrind.out")
        argv = [valgrind, "--tool=callgrind", "--callgrind-out-file=" + out, args.byline, "lint", "--format", "json"] + folders
        t = time.perf_counter()
        proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if proc.returncode not in (0, 1):
            sys.stderr.write(proc.stderr.decode("utf-8", "replace")[-2000:])
            log("callgrind: valgrind exited %d; no figure" % proc.returncode)
            return
        total = None
        with open(out, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = re.match(r"^(summary|totals):\s*(\d+)", line)
                if m:
                    total = int(m.group(2))
                    if m.group(1) == "summary":
                        break
        if total is None:
            log("callgrind: no summary line in %s; no figure" % out)
            return
        log("callgrind: %.1f instructions per input byte (%d Ir over %.2f MB in %d files, %.0f s under valgrind)"
            % (total / nbytes, total, nbytes / 1e6, i, time.perf_counter() - t))
        annotate = shutil.which("callgrind_annotate")
        if annotate:
            rep = subprocess.run([annotate, "--inclusive=no", out], capture_output=True, text=True)
            rows = [l for l in rep.stdout.splitlines() if re.match(r"^\s*[\d,]+ \(\s*[\d.]+%\)\s+\S", l)]
            log("callgrind: top functions by own instructions:")
            for l in rows[1:11]:  # rows[0] is the PROGRAM TOTALS line
                log("  " + l.strip())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--byline", required=True, help="the byline binary")
    ap.add_argument("--work-dir", default=os.path.join(tempfile.gettempdir(), "byline-bench-lint"),
                    help="where the corpus is built and cached")
    ap.add_argument("--texts", default=os.path.join(HERE, "..", "..", "..", "shared", "eval"),
                    help="folder of */*.jsonl with a 'text' field (optional)")
    ap.add_argument("--fallback", default=os.path.join(HERE, "..", "corpus"),
                    help="folder of articles used when --texts is missing")
    ap.add_argument("--size", type=int, default=20_000_000, help="corpus bytes")
    ap.add_argument("--files", type=int, default=4000, help="about how many files")
    ap.add_argument("--runs", type=int, default=3, help="timed runs of each command (best is kept)")
    ap.add_argument("--callgrind-bytes", type=int, default=2_000_000, help="size of the callgrind subset")
    ap.add_argument("--no-callgrind", action="store_true")
    args = ap.parse_args()
    args.byline = os.path.abspath(args.byline)
    if not os.access(args.byline, os.X_OK):
        sys.exit("bench_lint: %s is not an executable (build it first: ninja -C build)" % args.byline)
    os.makedirs(args.work_dir, exist_ok=True)

    paths, nbytes, source = corpus(args)
    root = os.path.join(args.work_dir, "articles")
    log("corpus: %.1f MB in %d files, from %s" % (nbytes / 1e6, len(paths), source))
    # Warm the page cache so neither command pays for the disk.
    for p in paths:
        with open(p, "rb") as f:
            f.read()

    lint_wall, lint_cpu, lint_rss = best_of(args.runs, [args.byline, "lint", "--format", "json", root], (0, 1))
    wc_wall, wc_cpu, _ = best_of(args.runs, ["wc", "-w"] + paths, (0,))
    lint_mbs, wc_mbs = nbytes / 1e6 / lint_wall, nbytes / 1e6 / wc_wall
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_CTYPE") or os.environ.get("LANG") or "C"
    log("byline lint --format json: %7.1f MB/s  (best of %d: %.3f s wall, %.3f s cpu; peak RSS %.1f MB)"
        % (lint_mbs, args.runs, lint_wall, lint_cpu, lint_rss / 1024))
    log("wc -w (locale %s):%s %7.1f MB/s  (best of %d: %.3f s wall, %.3f s cpu)"
        % (locale, " " * max(0, 9 - len(locale)), wc_mbs, args.runs, wc_wall, wc_cpu))
    log("ratio: byline lint takes %.2fx the time of wc -w (product target: within 3x, and >= 20 MB/s: %s)"
        % (wc_mbs / lint_mbs, "met" if wc_mbs / lint_mbs <= 3 and lint_mbs >= 20 else "MISSED"))
    if not args.no_callgrind:
        callgrind(args, paths)


if __name__ == "__main__":
    main()
