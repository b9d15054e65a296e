#!/usr/bin/env python3
"""Sentence-boundary precision/recall of `byline analyze` on CoNLL-2003-style data.

Each document's gold sentences are its lines; the lines are joined with spaces into one
paragraph (so no line break gives the answer away), byline splits it, and the sentence ends it
reports are compared with the gold ends (a boundary is the end offset of a sentence; the end of
the document is not counted, since every splitter gets it).

usage: python3 tests/eval/segmentation.py [--byline build/server/byline] DATA.jsonl
Reads only the data file given; nothing here depends on it being present.
"""
import argparse, json, os, subprocess, sys, tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('data')
    ap.add_argument('--byline', default=os.environ.get('BYLINE', 'build/server/byline'))
    ap.add_argument('--limit', type=int)
    a = ap.parse_args()
    docs = [json.loads(l) for l in open(a.data, encoding='utf-8') if l.strip()][: a.limit]
    gold, texts = {}, {}
    for i, d in enumerate(docs):
        lines = [l.strip() for l in d['text'].split('\n') if l.strip()]
        text, ends = '', set()
        for l in lines:
            if text:
                text += ' '
            text += l
            ends.add(len(text.encode('utf-8')))
        name = f'd{i:05d}.txt'
        texts[name] = text
        gold[name] = ends - {len(text.encode('utf-8'))}
    with tempfile.TemporaryDirectory() as tmp:
        for n, t in texts.items():
            with open(os.path.join(tmp, n), 'w', encoding='utf-8') as f:
                f.write(t)
        out = subprocess.run([os.path.abspath(a.byline), 'analyze', '--format', 'json'] + sorted(texts),
                             cwd=tmp, stdout=subprocess.PIPE, check=True).stdout.decode()
    pred = {n: set() for n in texts}
    for line in out.splitlines():
        r = json.loads(line)
        if r.get('type') == 'sentence':
            n = os.path.basename(r['file'])
            if r['end'] != len(texts[n].encode('utf-8')):
                pred[n].add(r['end'])
    tp = sum(len(gold[n] & pred[n]) for n in texts)
    np_ = sum(len(pred[n]) for n in texts)
    ng = sum(len(gold[n]) for n in texts)
    P = tp / np_ if np_ else 0
    R = tp / ng if ng else 0
    F = 2 * P * R / (P + R) if P + R else 0
    print(f'sentence boundaries: docs={len(texts)} gold={ng} pred={np_} P={P:.3f} R={R:.3f} F1={F:.3f}')


if __name__ == '__main__':
    sys.exit(main())
