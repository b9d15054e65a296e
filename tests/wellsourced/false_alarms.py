#!/usr/bin/env python3
"""False alarms per 1,000 words on well-sourced copy.

Runs `byline lint --format json` on the articles (*.txt, *.md but not README.md) in a folder — by default the folder
this script lives in — counts the findings per rule, counts the words of the articles
(whitespace-separated, front matter excluded) and prints, for every rule, how many findings it
gave per 1,000 words. Every article here is copy a careful editor would pass, so every
`unsourced-claim` finding on it is a false alarm.

usage: python3 tests/wellsourced/false_alarms.py [--byline PATH] [--by-file] [--max-rate N] [FOLDER]

The binary is --byline, else $BYLINE, else build/server/byline in the repository root.
Exit status: 0, or 1 when --max-rate is given and the unsourced-claim rate exceeds it,
or 2 when byline could not be run or failed with a usage or I/O error.
"""
import argparse
import collections
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MAIN_RULE = 'unsourced-claim'
# The rules the product design names; each is printed even when it gave no finding.
KNOWN_RULES = [
    'unsourced-claim', 'unattributed-quote', 'anonymous-source', 'vague-attribution',
    'source-not-in-corpus', 'misquote', 'conflicting-figure', 'unbalanced-quote',
    'invalid-encoding',
]


def body_words(text):
    """Whitespace-separated words outside the front matter (--- ... --- at the top)."""
    lines = text.split('\n')
    if lines and lines[0].strip() == '---':
        for i in range(1, len(lines)):
            if lines[i].strip() == '---':
                lines = lines[i + 1:]
                break
    return len('\n'.join(lines).split())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('folder', nargs='?', default=HERE)
    ap.add_argument('--byline', default=os.environ.get('BYLINE') or os.path.join(ROOT, 'build', 'server', 'byline'))
    ap.add_argument('--by-file', action='store_true', help='also list the unsourced-claim findings of each file')
    ap.add_argument('--max-rate', type=float, help='exit 1 if unsourced-claim per 1,000 words is above this')
    a = ap.parse_args()

    files = sorted(os.path.join(a.folder, n) for n in os.listdir(a.folder)
                   if n.endswith(('.txt', '.md')) and n.lower() != 'readme.md' and not n.startswith('.'))
    if not files:
        print(f'{a.folder}: no .txt or .md articles', file=sys.stderr)
        return 2
    words = {}
    for f in files:
        with open(f, encoding='utf-8', errors='replace') as fh:
            words[f] = body_words(fh.read())
    total_words = sum(words.values())

    try:
        # Only the articles are passed (not README.md); they are also the corpus.
        # --fail-on error: findings are what we count, not a failure of the run.
        p = subprocess.run([a.byline, 'lint', '--format', 'json', '--fail-on', 'error'] + files,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        print(f'{a.byline}: {e.strerror}', file=sys.stderr)
        return 2
    if p.returncode not in (0, 1):
        sys.stderr.write(p.stderr.decode('utf-8', 'replace'))
        print(f'{a.byline} lint exited {p.returncode}', file=sys.stderr)
        return 2

    per_rule = collections.Counter()
    per_file = collections.defaultdict(list)
    for line in p.stdout.decode('utf-8', 'replace').splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        per_rule[d.get('rule', '?')] += 1
        if d.get('rule') == MAIN_RULE:
            per_file[d.get('file')].append(d)

    def rate(n):
        return 1000.0 * n / total_words if total_words else 0.0

    print(f'{len(files)} articles, {total_words} words (outside front matter)')
    print(f'{MAIN_RULE} per 1,000 words: {rate(per_rule[MAIN_RULE]):.2f}  ({per_rule[MAIN_RULE]} findings)')
    others = [r for r in KNOWN_RULES if r != MAIN_RULE] + sorted(set(per_rule) - set(KNOWN_RULES))
    for r in others:
        print(f'{r} per 1,000 words: {rate(per_rule[r]):.2f}  ({per_rule[r]} findings)')

    if a.by_file:
        print()
        for f in files:
            found = per_file.get(f, [])
            print(f'{os.path.basename(f)}: {len(found)} {MAIN_RULE} in {words[f]} words')
            for d in found:
                print(f'  {d.get("line")}:{d.get("column")}: {d.get("message")}')

    if a.max_rate is not None and rate(per_rule[MAIN_RULE]) > a.max_rate:
        return 1
    return 0


if __name__ == '__main__':
    try:
        sys.exit(main())
    except BrokenPipeError:  # e.g. piped into head
        sys.exit(0)
