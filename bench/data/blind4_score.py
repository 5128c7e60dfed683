#!/usr/bin/env python3
"""Score a scanner against a blind4 data set.

Usage: python blind4_score.py --data DIR --bin BINARY [--json OUT] [--jobs N]

Runs `BINARY scan --per-value --format json FILE` for every labelled file.
A positive label is found if any finding overlaps its byte span (text / gzip /
bzip2 / xz: decompressed offsets; a label with an "encoding" (e.g. cp1252,
utf-16-le) counts bytes of the text decoded from that encoding and re-encoded as
UTF-8, BOM dropped); for Parquet, if a finding has the same row and the
same column path (a finding on a parent column, e.g. `ids` for
`ids.number`, also counts).  A negative label is a false positive if any
finding overlaps it in the same way.  Parquet rows in the scanner report are
1-based (see --pq-row-base).
"""
import argparse, bz2, collections, concurrent.futures as cf, gzip, json, lzma, os, re, subprocess, sys

AP = argparse.ArgumentParser()
AP.add_argument('--data', required=True)
AP.add_argument('--bin', required=True)
AP.add_argument('--json', help='write detailed results here')
AP.add_argument('--jobs', type=int, default=4)
AP.add_argument('--timeout', type=int, default=600)
AP.add_argument('--pq-row-base', type=int, default=1, help='row number the scanner gives the first Parquet row')
AP.add_argument('--top', type=int, default=40)
A = AP.parse_args()

labels = [json.loads(l) for l in open(os.path.join(A.data, 'labels.jsonl'), encoding='utf-8')]
files = sorted({l['file'] for l in labels})


def scan(rel):
    path = os.path.join(A.data, rel)
    try:
        p = subprocess.run([A.bin, 'scan', '--per-value', '--format', 'json', path], capture_output=True, timeout=A.timeout, cwd=A.data)
    except subprocess.TimeoutExpired:
        return rel, None, 'timeout'
    except Exception as e:  # noqa
        return rel, None, 'exec error: %s' % e
    try:
        rep = json.loads(p.stdout.decode('utf-8', 'replace'))
    except Exception:
        return rel, None, 'rc=%d, unparsable output: %s' % (p.returncode, p.stderr.decode('utf-8', 'replace')[:300])
    finds = []
    for f in rep.get('files', []) or []:
        for x in f.get('findings', []) or []:
            loc = x.get('location') or {}
            data = x.get('data') or {}
            finds.append({'offset': loc.get('offset'), 'length': loc.get('length'), 'row': loc.get('row'), 'column': loc.get('column'),
                          'entity': data.get('entity') or x.get('evidence'), 'masked': data.get('masked'), 'rule': x.get('rule')})
    err = None
    if p.returncode not in (0, 1):
        err = 'rc=%d %s' % (p.returncode, p.stderr.decode('utf-8', 'replace')[:200].strip())
    return rel, finds, err


results = {}
errors = {}
with cf.ThreadPoolExecutor(max_workers=A.jobs) as ex:
    for rel, finds, err in ex.map(scan, files):
        results[rel] = finds or []
        if err:
            errors[rel] = err


def col_match(lc, fc):
    if lc is None or fc is None:
        return False
    lc, fc = str(lc), str(fc)
    norm = lambda s: [t for t in re.split(r'[.\[\]/]+', s) if t and t not in ('list', 'element', 'item', 'array') and not t.isdigit()]
    a, b = norm(lc), norm(fc)
    return a == b or a[:len(b)] == b or b[:len(a)] == a


def overlapping(l, finds):
    out = []
    if l.get('span') is not None:
        s, e = l['span']
        for f in finds:
            if f['offset'] is None or f['length'] is None:
                continue
            if f['offset'] < e and f['offset'] + max(f['length'], 1) > s:
                out.append(f)
    else:
        for f in finds:
            if f['row'] is None:
                continue
            if f['row'] - A.pq_row_base == l['row'] and col_match(l.get('column'), f['column']):
                out.append(f)
    return out


# per-label outcome
used = collections.defaultdict(set)
for l in labels:
    hits = overlapping(l, results.get(l['file'], []))
    l['_hit'] = bool(hits)
    l['_entities'] = sorted({h['entity'] for h in hits if h['entity']})
    for h in hits:
        used[l['file']].add(id(h))

# ---------------------------------------------------------------- context ---
_cache = {}
_enc = {l['file']: l['encoding'] for l in labels if l.get('encoding')}


def file_bytes(rel):
    """The bytes label spans index: decompressed, and for labels with an encoding re-encoded as UTF-8."""
    if rel not in _cache:
        p = os.path.join(A.data, rel)
        try:
            b = open(p, 'rb').read()
            if rel.endswith('.gz'):
                b = gzip.decompress(b)
            elif rel.endswith('.bz2'):
                b = bz2.decompress(b)
            elif rel.endswith('.xz'):
                b = lzma.decompress(b)
            if rel in _enc:
                t = b.decode(_enc[rel])
                b = (t[1:] if t.startswith('\ufeff') else t).encode('utf-8')
        except Exception:
            b = b''
        _cache[rel] = b
    return _cache[rel]


def mask(v):
    if len(v) <= 4:
        return '*' * len(v)
    k = 2 if len(v) > 8 else 1
    return v[:k] + '*' * (len(v) - 2 * k) + v[-k:]


_spans = collections.defaultdict(list)
for _l in labels:
    if _l.get('span') is not None:
        _spans[_l['file']].append(tuple(_l['span']))


def _masked_window(rel, a, b, s, e):
    """Decode bytes[a:b] with every labelled value except the target masked."""
    raw = bytearray(file_bytes(rel)[a:b])
    for (x, y) in sorted(_spans[rel], reverse=True):
        if (x, y) == (s, e) or y <= a or x >= b:
            continue
        x0, y0 = max(x, a) - a, min(y, b) - a
        seg = bytes(raw[x0:y0]).decode('utf-8', 'replace')
        raw[x0:y0] = mask(seg).encode()
    t = bytes(raw).decode('utf-8', 'replace')
    t = re.sub(r'[\w.+-]+@[\w-]+\.[\w.]+', lambda m: mask(m.group(0)), t)
    return t


def context(l, words=3):
    if l.get('span') is None:
        return '[parquet %s row %d] %s' % (l.get('column'), l.get('row'), mask(l['value']))
    s, e = l['span']
    before = _masked_window(l['file'], max(0, s - 200), s, s, e)
    after = _masked_window(l['file'], e, e + 200, s, e)
    clean = lambda t: re.sub(r'\s+', ' ', t.replace('\x1b', '\\e'))
    bw = clean(''.join(re.split(r'(?<=\s)', before)[-words - 1:]))[-40:]
    aw = clean(''.join(re.split(r'(?=\s)', after)[:words + 1]))[:40]
    mv = mask(l['value'].replace('\n', ' '))
    if len(mv) > 40:
        mv = mv[:18] + '…' + mv[-18:]
    return bw + '⟦' + mv + '⟧' + aw


# ---------------------------------------------------------------- report ---
pos = [l for l in labels if l['positive']]
neg = [l for l in labels if not l['positive']]
cats = sorted({l['category'] for l in labels})
print('blind4 score: data=%s bin=%s' % (A.data, A.bin))
print('files scanned: %d, scan errors: %d' % (len(files), len(errors)))
for k, v in sorted(errors.items()):
    print('  ERROR %s: %s' % (k, v))
found = sum(l['_hit'] for l in pos)
fp = sum(l['_hit'] for l in neg)
print('\nOVERALL recall: %d/%d = %.1f%%   false positives: %d/%d negatives (%.1f%%)' % (found, len(pos), 100.0 * found / max(1, len(pos)), fp, len(neg), 100.0 * fp / max(1, len(neg))))
print('\n%-12s %8s %8s %8s   %8s %6s' % ('category', 'found', 'total', 'recall', 'FP', 'negs'))
percat = {}
for c in cats:
    P = [l for l in pos if l['category'] == c]
    Nn = [l for l in neg if l['category'] == c]
    f = sum(l['_hit'] for l in P)
    x = sum(l['_hit'] for l in Nn)
    percat[c] = {'found': f, 'total': len(P), 'recall': f / max(1, len(P)), 'fp': x, 'negatives': len(Nn)}
    print('%-12s %8d %8d %7.1f%%   %8d %6d' % (c, f, len(P), 100.0 * f / max(1, len(P)), x, len(Nn)))

byform = collections.defaultdict(list)
for l in labels:
    byform[(l['form'], l['positive'])].append(l)
missed = []
for (form, p), ls in byform.items():
    if not p:
        continue
    m = [l for l in ls if not l['_hit']]
    if m:
        missed.append((len(m), len(ls), form, m[0]))
missed.sort(key=lambda t: (-t[0], t[2]))
print('\nMISSED FORMS (%d of %d positive forms have misses), sorted by missed count:' % (len(missed), sum(1 for k in byform if k[1])))
for n, tot, form, ex in missed[:A.top]:
    print('  %3d/%-3d %-48s %s' % (n, tot, form, context(ex)))
if len(missed) > A.top:
    print('  ... %d more forms' % (len(missed) - A.top))

fpf = []
for (form, p), ls in byform.items():
    if p:
        continue
    h = [l for l in ls if l['_hit']]
    if h:
        fpf.append((len(h), len(ls), form, h[0]))
fpf.sort(key=lambda t: (-t[0], t[2]))
print('\nFALSE-POSITIVE FORMS (%d of %d negative forms):' % (len(fpf), sum(1 for k in byform if not k[1])))
for n, tot, form, ex in fpf:
    print('  %3d/%-3d %-48s %-22s %s' % (n, tot, form, ','.join(ex['_entities'])[:22], context(ex)))

# entity types reported for each category (informational)
conf = collections.defaultdict(collections.Counter)
for l in pos:
    for e in l['_entities']:
        conf[l['category']][e] += 1
print('\nENTITY TYPES ON FOUND POSITIVES (informational):')
for c in cats:
    print('  %-12s %s' % (c, ', '.join('%s:%d' % kv for kv in conf[c].most_common(6))))
unl = collections.Counter()
for rel, fs in results.items():
    for f in fs:
        if id(f) not in used[rel]:
            unl[f['entity']] += 1
print('\nFindings not overlapping any label (not scored): %d  %s' % (sum(unl.values()), ', '.join('%s:%d' % kv for kv in unl.most_common(10))))

if A.json:
    out = {'data': A.data, 'bin': A.bin, 'errors': errors, 'overall': {'found': found, 'positives': len(pos), 'recall': found / max(1, len(pos)), 'fp': fp, 'negatives': len(neg)},
           'per_category': percat,
           'missed_forms': [{'form': f, 'missed': n, 'total': t, 'example': context(ex)} for n, t, f, ex in missed],
           'fp_forms': [{'form': f, 'fp': n, 'total': t, 'entities': ex['_entities'], 'example': context(ex)} for n, t, f, ex in fpf],
           'labels': [{k: v for k, v in l.items() if k not in ('value',)} | {'hit': l['_hit']} for l in labels]}
    with open(A.json, 'w', encoding='utf-8') as fh:
        json.dump(out, fh, ensure_ascii=False, indent=1)
