#!/usr/bin/env python3
"""timex_values.py: how well byline normalizes dates, times and durations (TIMEX3 values).

Writes each TempEval-3 document as an article whose front matter gives the document creation
time (`---\\ndate: YYYY-MM-DD\\n---\\n` + text; gold offsets are shifted by the front matter),
runs `byline entities --format json` on all of them, matches byline's date/time/duration
entities to the gold TIMEX3 spans exactly (strict), and prints:

  - span precision/recall/F1 over the chosen gold types (default DATE,TIME,DURATION), strict and
    relaxed (overlap), counting byline's date, time and duration entities as predictions;
  - value accuracy: the share of strictly matched spans whose value equals the gold value, per
    gold type and overall; and the same with the gold value's granularity only ("2021-05" for
    "2021-05-03" predicted as "2021-05-07" is not counted; this is a second, looser figure:
    equal after truncating both to the shorter length when both are calendar values).

Usage (from the repository root, after `ninja -C build`):
  python3 tests/eval/timex_values.py [--data PATH] [--gold-types DATE,TIME,DURATION]
                                     [--errors N] [--no-dct]
--no-dct writes the documents without front matter (relative values then stay empty).
The binary is $BYLINE, else build/server/byline. Python 3 standard library only.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_DATA = '/work/shared/eval/tempeval3-timex/tempeval3-timex.dev.jsonl'


def byte_to_char_map(text):
    m = []
    for i, ch in enumerate(text):
        m.extend([i] * len(ch.encode('utf-8', 'surrogatepass')))
    m.append(len(text))
    return m


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--data', default=DEFAULT_DATA)
    ap.add_argument('--gold-types', default='DATE,TIME,DURATION')
    ap.add_argument('--errors', type=int, default=0, help='print up to N value errors and N missed spans')
    ap.add_argument('--no-dct', action='store_true')
    a = ap.parse_args()
    binary = os.environ.get('BYLINE') or os.path.join(ROOT, 'build', 'server', 'byline')
    gtypes = {t.strip().upper() for t in a.gold_types.split(',')}
    docs = [json.loads(l) for l in open(a.data, encoding='utf-8') if l.strip()]

    with tempfile.TemporaryDirectory(prefix='byline-timex-') as tmp:
        names, texts, shifts = [], [], []
        for i, d in enumerate(docs):
            prefix = '' if a.no_dct else '---\ndate: %s\n---\n' % d['dct'][:10]
            text = prefix + d['text']
            name = os.path.join(tmp, 'd%05d.txt' % i)
            with open(name, 'w', encoding='utf-8', newline='') as f:
                f.write(text)
            names.append(name)
            texts.append(text)
            shifts.append(len(prefix))
        p = subprocess.run([binary, 'entities', '--format', 'json'] + names, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, check=False)
        if p.returncode not in (0, 1):
            sys.exit('byline failed (%d): %s' % (p.returncode, p.stderr.decode('utf-8', 'replace')[-400:]))
        preds = collections.defaultdict(list)
        maps = {}
        for line in p.stdout.decode('utf-8').splitlines():
            r = json.loads(line)
            if r.get('kind') not in ('date', 'time', 'duration'):
                continue
            idx = names.index(r['file']) if r['file'] in names else None
            if idx is None:
                continue
            if idx not in maps:
                maps[idx] = byte_to_char_map(texts[idx])
            m = maps[idx]
            s, e = m[r['start']] - shifts[idx], m[r['end']] - shifts[idx]
            preds[idx].append((s, e, r['kind'], r.get('value')))

    def calendar(v):
        return isinstance(v, str) and re.match(r'^(\d{2,4}|XXXX)(-|$)', v) is not None

    n_gold = n_pred = 0
    strict_tp = relaxed_p = relaxed_g = 0
    val_ok = collections.Counter()
    val_loose = collections.Counter()
    val_n = collections.Counter()
    errors, missed = [], []
    for idx, d in enumerate(docs):
        gold = [g for g in d['entities'] if g['type'] in gtypes]
        other = [g for g in d['entities'] if g['type'] not in gtypes]
        ps = preds.get(idx, [])
        # predictions overlapping a gold timex of an unscored type are not counted
        ps = [x for x in ps if not any(x[0] < o['end'] and o['start'] < x[1] for o in other)
              or any(x[0] == g['start'] and x[1] == g['end'] for g in gold)]
        n_gold += len(gold)
        n_pred += len(ps)
        by_span = {(x[0], x[1]): x for x in ps}
        for g in gold:
            x = by_span.get((g['start'], g['end']))
            if any(x2[0] < g['end'] and g['start'] < x2[1] for x2 in ps):
                relaxed_g += 1
            if x is None:
                missed.append((d['id'], g['type'], g['text'], g['value']))
                continue
            strict_tp += 1
            val_n[g['type']] += 1
            pv = x[3] or ''
            if pv == g['value']:
                val_ok[g['type']] += 1
                val_loose[g['type']] += 1
            else:
                if calendar(pv) and calendar(g['value']):
                    k = min(len(pv), len(g['value']))
                    if pv[:k] == g['value'][:k]:
                        val_loose[g['type']] += 1
                errors.append((d['id'], d['dct'], g['type'], g['text'], g['value'], pv))
        for x in ps:
            if any(x[0] < g['end'] and g['start'] < x[1] for g in gold):
                relaxed_p += 1

    def prf(tp_p, npred, tp_g, ngold):
        P = tp_p / npred if npred else 0.0
        R = tp_g / ngold if ngold else 0.0
        F = 2 * P * R / (P + R) if P + R else 0.0
        return 'P=%.3f R=%.3f F1=%.3f' % (P, R, F)

    print('gold types %s: gold=%d predicted=%d%s' % (','.join(sorted(gtypes)), n_gold, n_pred,
                                                     ' (no article date)' if a.no_dct else ''))
    print('  spans strict : ' + prf(strict_tp, n_pred, strict_tp, n_gold))
    print('  spans relaxed: ' + prf(relaxed_p, n_pred, relaxed_g, n_gold))
    for t in sorted(val_n):
        print('  value %-8s: %4d/%4d = %.3f   (same up to the coarser granularity: %.3f)' % (
            t, val_ok[t], val_n[t], val_ok[t] / val_n[t], val_loose[t] / val_n[t]))
    tot = sum(val_n.values())
    if tot:
        print('  value overall : %4d/%4d = %.3f   (same up to the coarser granularity: %.3f)' % (
            sum(val_ok.values()), tot, sum(val_ok.values()) / tot, sum(val_loose.values()) / tot))
    if a.errors:
        print('\nvalue errors (doc, dct, type, text, gold, byline):')
        for e in errors[:a.errors]:
            print('  %s %s %-8s %-28r %-14s %s' % e)
        print('\nmissed spans (doc, type, text, gold value):')
        for e in missed[:a.errors]:
            print('  %s %-8s %-32r %s' % e)


if __name__ == '__main__':
    main()
