#!/usr/bin/env python3
"""Score the scanner against labels written by blind3_gen.py.

Usage: blind3_score.py --data DIR [--bin PATH] [--redact] [--json OUT.json] [--examples 3]

Matching: a finding matches a label when its byte span (location.offset/length; for compressed
text the offset in the decompressed stream) overlaps the label's span, or, for Parquet, when
location.row equals the label row and location.column equals the label column.
A positive is FOUND when a matching finding has a compatible category (derived from rule id and
entity); a matching finding with another category is reported as 'wrong category'.
Any finding that matches a negative label is a false positive. Findings that match no label are
listed separately ('unlabelled').
"""
import argparse, bz2, collections, configparser, csv, gzip, io, json, lzma, os, re, subprocess, sys, tempfile
import xml.etree.ElementTree as ET

PY = sys.executable


def category_of(f):
    rule = f['rule']
    ent = (f.get('data') or {}).get('entity', '')
    if rule == 'MLS-PII-001':
        return 'email'
    if rule == 'MLS-PII-002':
        return 'phone'
    if rule == 'MLS-PII-003':
        return 'card'
    if rule == 'MLS-PII-004':
        return 'iban'
    if rule == 'MLS-PII-005':
        return 'national_id'
    if rule == 'MLS-PII-006':
        return 'mac' if ent == 'MAC_ADDRESS' else 'ip'
    if rule == 'MLS-PII-007':
        return {'PERSON_NAME': 'name', 'DATE_OF_BIRTH': 'dob'}.get(ent, 'address')
    if rule.startswith('MLS-SEC'):
        return 'secret'
    return 'other:' + rule


COMPAT = {'us_ssn': {'us_ssn', 'national_id'}, 'national_id': {'national_id'}}


def compatible(label_cat, f_cat):
    return f_cat in COMPAT.get(label_cat, {label_cat})


def decompress(data):
    if data[:2] == b'\x1f\x8b':
        return gzip.decompress(data), 'gzip'
    if data[:3] == b'BZh':
        return bz2.decompress(data), 'bzip2'
    if data[:6] == b'\xfd7zXZ\x00':
        return lzma.decompress(data), 'xz'
    if data[:4] == b'\x28\xb5\x2f\xfd':
        import pyarrow as pa
        # pyarrow needs the decompressed size; use the zstd CLI if available
        try:
            return subprocess.run(['zstd', '-dc'], input=data, capture_output=True, check=True).stdout, 'zstd'
        except Exception:
            return None, 'zstd'
    return data, None


def read_text(path):
    with open(path, 'rb') as fh:
        raw = fh.read()
    data, codec = decompress(raw)
    return data, codec


def snippet(data, s, e, pad=45):
    if data is None:
        return ''
    a, b = max(0, s - pad), min(len(data), e + pad)
    t = data[a:s].decode('utf-8', 'replace') + '⟦' + data[s:e].decode('utf-8', 'replace') + '⟧' + data[e:b].decode('utf-8', 'replace')
    return t.replace('\r', '').replace('\n', '⏎')


def run_scan(binp, path, extra=()):
    p = subprocess.run([binp, 'scan', '--per-value', '--format', 'json', '-q', *extra, path], capture_output=True)
    if p.returncode not in (0, 1):
        sys.stderr.write('scan exit %d: %s\n' % (p.returncode, p.stderr.decode()[-2000:]))
    try:
        return json.loads(p.stdout)
    except Exception:
        sys.stderr.write('could not parse scan output: %s\n' % p.stdout[:500])
        return {'files': []}


def relpath(p, root):
    p = os.path.normpath(p)
    r = os.path.normpath(root)
    return os.path.relpath(p, r) if os.path.isabs(p) == os.path.isabs(r) else os.path.relpath(os.path.abspath(p), os.path.abspath(r))


def match(findings_by_file, labels, root):
    by_file = collections.defaultdict(list)
    for l in labels:
        by_file[l['file']].append(l)
    for l in labels:
        l['hits'] = []
    unl = []
    for rel, fs in findings_by_file.items():
        ls = by_file.get(rel, [])
        for f in fs:
            loc = f['location']
            f['cat'] = category_of(f)
            f['labels'] = []
            for l in ls:
                if 'span' in l and 'offset' in loc:
                    s, e = loc['offset'], loc['offset'] + loc.get('length', 0)
                    if s < l['span'][1] and e > l['span'][0]:
                        f['labels'].append(l)
                elif 'row' in l and 'offset' not in loc and 'span' not in l:
                    if loc.get('row') == l['row'] and loc.get('column') == l['column']:
                        f['labels'].append(l)
            # parquet cells with several labels (lists): assign to one compatible label not yet hit
            if len(f['labels']) > 1 and 'span' not in f['labels'][0]:
                comp = [l for l in f['labels'] if compatible(l['category'], f['cat'])]
                free = [l for l in comp if not any(compatible(l['category'], h['cat']) for h in l['hits'])]
                f['labels'] = [(free or comp or f['labels'])[0]]
            for l in f['labels']:
                l['hits'].append(f)
            if not f['labels']:
                unl.append((rel, f))
    return unl


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', required=True)
    ap.add_argument('--bin', default=os.path.join(os.environ.get('CARGO_TARGET_DIR', 'target'), 'release', 'mlsec'))
    ap.add_argument('--redact', action='store_true', help='also run redaction checks')
    ap.add_argument('--json', help='write detailed results here')
    ap.add_argument('--examples', type=int, default=3)
    a = ap.parse_args()
    root = a.data
    labels = [json.loads(l) for l in open(os.path.join(root, 'labels.jsonl'), encoding='utf-8')]
    files = sorted({l['file'] for l in labels})
    rep = run_scan(a.bin, root, ['--ignore', 'labels.jsonl'])
    findings = collections.defaultdict(list)
    scanned = set()
    for fr in rep.get('files', []):
        rel = relpath(fr['path'], root)
        scanned.add(rel)
        for f in fr.get('findings', []):
            if f['rule'] == 'MLS-PII-008':
                continue  # column-level summary; values are reported individually with --per-value
            findings[rel].append(f)
    texts = {}
    for rel in files:
        if not rel.endswith('.parquet'):
            texts[rel] = read_text(os.path.join(root, rel))[0]
    unl = match(findings, labels, root)

    out = []
    P = lambda *x: out.append(' '.join(str(y) for y in x))
    missing = [f for f in files if f not in scanned]
    P('# Scan of %s  (%d labelled files, not in scan report: %s)' % (root, len(files), missing or 'none'))
    found = lambda l: any(compatible(l['category'], h['cat']) for h in l['hits'])
    COMP = re.compile(r'\.(gz|bz2|xz|zst)$')
    plain = [l for l in labels if not COMP.search(l['file'])]
    comp = [l for l in labels if COMP.search(l['file'])]
    pos = [l for l in plain if l['positive']]
    neg = [l for l in plain if not l['positive']]
    nf = sum(found(l) for l in pos)
    fp = [l for l in neg if l['hits']]
    unl_plain = [(r, f) for r, f in unl if not COMP.search(r)]
    P('\n## Overall (plain files; compressed copies reported separately)')
    P('  recall %d/%d = %.1f%%   false positives: %d of %d negatives = %.1f%%   unlabelled findings: %d' % (
        nf, len(pos), 100.0 * nf / max(1, len(pos)), len(fp), len(neg), 100.0 * len(fp) / max(1, len(neg)), len(unl_plain)))
    key = lambda l: (COMP.sub('', l['file']), tuple(l.get('span', ())), l['form'], l.get('row'), l.get('column'))
    pl = {key(l): l for l in plain}
    agree = sum(1 for l in comp if (found(l) if l['positive'] else bool(l['hits'])) == (found(pl[key(l)]) if l['positive'] else bool(pl[key(l)]['hits'])))
    P('  compressed copies (%s): %d/%d labels get the same result as in the plain file' % (
        ', '.join(sorted({l['file'] for l in comp})), agree, len(comp)))
    for l in comp:
        o = pl[key(l)]
        if (found(l) if l['positive'] else bool(l['hits'])) != (found(o) if o['positive'] else bool(o['hits'])):
            P('      differs: %s %s %r' % (l['file'], l['form'], l['value'][:40]))
    P('\n## Recall per category')
    bycat = collections.defaultdict(list)
    for l in pos:
        bycat[l['category']].append(l)
    for c in sorted(bycat):
        ls = bycat[c]
        k = sum(found(l) for l in ls)
        wc = sum(1 for l in ls if not found(l) and l['hits'])
        P('  %-12s %4d/%-4d %5.1f%%%s' % (c, k, len(ls), 100.0 * k / len(ls), ('   (+%d hit only with a wrong category)' % wc) if wc else ''))
    P('\n## Recall per form (positives), worst first')
    byform = collections.defaultdict(list)
    for l in pos:
        byform[(l['category'], l['form'])].append(l)
    rows = []
    for (c, fm), ls in byform.items():
        k = sum(found(l) for l in ls)
        rows.append((k / len(ls), c, fm, k, len(ls), ls))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    for r, c, fm, k, n, ls in rows:
        wrong = collections.Counter((h.get('data') or {}).get('entity', '') for l in ls for h in l['hits'] if not compatible(l['category'], h['cat']))
        P('  %5.0f%% %3d/%-3d %-11s %s%s' % (100 * r, k, n, c, fm, ('   also/only flagged as: ' + repr(dict(wrong))) if wrong else ''))
    P('\n## Missed forms: examples')
    for r, c, fm, k, n, ls in rows:
        if k == n:
            continue
        miss = [l for l in ls if not found(l)]
        P('  [%s] %s  (missed %d/%d)' % (c, fm, len(miss), n))
        for l in miss[:a.examples]:
            if 'span' in l:
                P('      %s:%d  %s' % (l['file'], l.get('line', 0), snippet(texts.get(l['file']), *l['span'])))
            else:
                P('      %s row %s col %s  value=%r' % (l['file'], l['row'], l['column'], l['value']))
    P('\n## Found, but the finding covers only part of the value (redaction leaves the rest in clear)')
    part = collections.defaultdict(list)
    for l in pos:
        if 'span' not in l or not found(l):
            continue
        s0, e0 = l['span']
        cov = set()
        for h in l['hits']:
            if compatible(l['category'], h['cat']) and 'offset' in h['location']:
                cov.update(range(max(s0, h['location']['offset']), min(e0, h['location']['offset'] + h['location']['length'])))
        if len(cov) < (e0 - s0):
            part[l['form']].append((l, cov))
    for fm, xs in sorted(part.items(), key=lambda kv: -len(kv[1])):
        n = len(byform[(xs[0][0]['category'], fm)])
        P('  %d/%d %s' % (len(xs), n, fm))
        for l, cov in xs[:a.examples]:
            s0, e0 = l['span']
            data = texts.get(l['file'])
            left = ''.join(data[i:i + 1].decode('latin-1') if i not in cov else '\x00' for i in range(s0, e0))
            kept = [x for x in left.encode('latin-1').split(b'\x00') if x.strip()]
            P('      %s:%d  value %r  left in clear: %r' % (l['file'], l.get('line', 0), l['value'][:60], [x.decode('utf-8', 'replace') for x in kept]))
    P('\n## Findings whose span runs past the planted value or merges several values')
    for rel, fs in sorted(findings.items()):
        if COMP.search(rel):
            continue
        for f in fs:
            loc = f['location']
            if 'offset' not in loc or not f['labels']:
                continue
            s, e = loc['offset'], loc['offset'] + loc['length']
            lo = min(l['span'][0] for l in f['labels']); hi = max(l['span'][1] for l in f['labels'])
            if s < lo - 1 or e > hi + 1 or len(f['labels']) > 1:
                P('  %s %s covers %s: %s' % (rel, (f.get('data') or {}).get('entity'), [l['form'] for l in f['labels']], snippet(texts.get(rel), s, e, 12)))
    for rel, f in unl_plain:
        loc = f['location']
        if 'offset' in loc:
            t = texts.get(rel)
            seg = t[loc['offset']:loc['offset'] + loc['length']] if t else b''
            if b'\\n' in seg or b'\n' in seg:
                P('  %s %s (unlabelled) spans a line break: %s' % (rel, (f.get('data') or {}).get('entity'), snippet(t, loc['offset'], loc['offset'] + loc['length'], 12)))
    P('\n## National-id kinds reported (stdnum module -> entities on planted positives)')
    kinds = collections.defaultdict(collections.Counter)
    for l in pos:
        if l['category'] in ('national_id', 'us_ssn'):
            for h in l['hits']:
                kinds[l.get('stdnum')][(h.get('data') or {}).get('entity')] += 1
            if not l['hits']:
                kinds[l.get('stdnum')]['<missed>'] += 1
    for m in sorted(kinds, key=str):
        P('  %-14s %s' % (m, dict(kinds[m])))
    P('\n## False positives per negative form')
    bynf = collections.defaultdict(list)
    for l in neg:
        bynf[(l['category'], l['form'])].append(l)
    for (c, fm), ls in sorted(bynf.items(), key=lambda kv: (-sum(1 for l in kv[1] if l['hits']) / len(kv[1]), kv[0])):
        k = [l for l in ls if l['hits']]
        ents = collections.Counter((h.get('data') or {}).get('entity') for l in k for h in l['hits'])
        P('  %3d/%-3d %-11s %s%s' % (len(k), len(ls), c, fm, ('   as ' + repr(dict(ents))) if ents else ''))
        for l in k[:a.examples]:
            if 'span' in l:
                P('      %s:%d  %s' % (l['file'], l.get('line', 0), snippet(texts.get(l['file']), *l['span'])))
            else:
                P('      %s row %s col %s  value=%r' % (l['file'], l['row'], l['column'], l['value']))
    P('\n## Unlabelled findings (match no planted value), by file/entity  [review by hand: true PII I did not label, or FP]')
    g = collections.defaultdict(list)
    for rel, f in unl_plain:
        g[(rel, (f.get('data') or {}).get('entity'))].append(f)
    for (rel, ent), fs in sorted(g.items()):
        P('  %-40s %-16s %d' % (rel, ent, len(fs)))
        for f in fs[:a.examples]:
            loc = f['location']
            if 'offset' in loc:
                P('      %s' % snippet(texts.get(rel), loc['offset'], loc['offset'] + loc['length'], 35))
            else:
                P('      row %s col %s masked=%s' % (loc.get('row'), loc.get('column'), (f.get('data') or {}).get('masked')))
    result = {'recall': [nf, len(pos)], 'fp': [len(fp), len(neg)], 'unlabelled': len(unl_plain),
              'per_category': {c: [sum(found(l) for l in ls), len(ls)] for c, ls in bycat.items()},
              'per_form': {fm: [k, n] for r, c, fm, k, n, ls in rows},
              'fp_forms': {fm: [sum(1 for l in ls if l['hits']), len(ls)] for (c, fm), ls in bynf.items()}}
    if a.redact:
        result['redact'] = redact_checks(a, root, labels, files, P)
    print('\n'.join(out))
    if a.json:
        with open(a.json, 'w') as fh:
            json.dump(result, fh, indent=1, ensure_ascii=False)


# ---------------------------------------------------------------- redaction
def parse_ok(rel, orig, new):
    """Return None if `new` parses like `orig` in the same format, else a reason."""
    if rel.endswith('.parquet'):
        import pyarrow.parquet as pq
        a, b = pq.read_table(orig), pq.read_table(new)
        if a.schema != b.schema:
            return 'schema differs: %s' % b.schema
        if a.num_rows != b.num_rows:
            return 'rows %d -> %d' % (a.num_rows, b.num_rows)
        return None
    o, oc = read_text(orig)
    n, nc = read_text(new)
    if oc != nc:
        return 'compression %s -> %s' % (oc, nc)
    if n is None:
        return 'cannot decompress output'
    base = re.sub(r'\.(gz|bz2|xz|zst)$', '', rel)
    try:
        t, u = o.decode(), n.decode()
    except UnicodeDecodeError as e:
        return 'output not UTF-8: %s' % e
    if base.endswith(('.csv', '.psv', '.tsv')):
        dl = {'.psv': '|', '.tsv': '\t'}.get(os.path.splitext(base)[1], ';' if 'musteri' in base else ',')
        A = list(csv.reader(io.StringIO(t), delimiter=dl))
        B = list(csv.reader(io.StringIO(u), delimiter=dl))
        if len(A) != len(B):
            return 'csv rows %d -> %d' % (len(A), len(B))
        for i, (x, y) in enumerate(zip(A, B)):
            if len(x) != len(y):
                return 'csv line %d: %d -> %d columns: %r' % (i + 1, len(x), len(y), y[:12])
        return None
    if base.endswith(('.json', '.ipynb')):
        try:
            json.loads(u)
        except Exception as e:
            return 'invalid JSON: %s' % e
        return None
    if base.endswith('.jsonl'):
        for i, line in enumerate(u.splitlines()):
            try:
                json.loads(line)
            except Exception as e:
                return 'invalid JSON on line %d: %s' % (i + 1, e)
        if len(t.splitlines()) != len(u.splitlines()):
            return 'line count differs'
        return None
    if base.endswith('.xml') or base.endswith('.html'):
        if base.endswith('.xml'):
            try:
                ET.fromstring(n)
            except Exception as e:
                return 'invalid XML: %s' % e
        return None if t.count('<') == u.count('<') else 'tag count differs'
    if base.endswith(('.yml', '.yaml')):
        import yaml
        try:
            ya, yb = yaml.safe_load(t), yaml.safe_load(u)
        except Exception as e:
            return 'invalid YAML: %s' % e
        def shape(x):
            if isinstance(x, dict):
                return {k: shape(v) for k, v in x.items()}
            if isinstance(x, list):
                return [shape(v) for v in x]
            return None
        return None if shape(ya) == shape(yb) else 'YAML structure differs'
    if base.endswith('.ini'):
        cp = configparser.ConfigParser(interpolation=None)
        try:
            cp.read_string(u)
        except Exception as e:
            return 'invalid INI: %s' % e
        return None
    if base.endswith(('.vcf', '.ics')):
        for k in ('BEGIN:', 'END:'):
            if t.count(k) != u.count(k):
                return '%s count differs' % k
    if len(t.splitlines()) != len(u.splitlines()):
        return 'line count %d -> %d' % (len(t.splitlines()), len(u.splitlines()))
    return None


def values_in(rel, path):
    if rel.endswith('.parquet'):
        import pyarrow.parquet as pq
        cells = []

        def walk(x):
            if isinstance(x, dict):
                for v in x.values():
                    walk(v)
            elif isinstance(x, (list, tuple)):
                for v in x:
                    walk(v)
            elif x is not None:
                cells.append(str(x))
        for r in pq.read_table(path).to_pylist():
            walk(r)
        return '\n'.join(cells).encode()
    return read_text(path)[0] or b''


def redact_checks(a, root, labels, files, P):
    res = {}
    labels_by_file = collections.defaultdict(list)
    for l in labels:
        labels_by_file[l['file']].append(l)
    found = lambda l: any(compatible(l['category'], h['cat']) for h in l['hits'])
    for op in ('replace', 'pseudonym'):
        outroot = os.path.normpath(root) + '_redact_' + op
        P('\n## Redaction with --operator %s  (output in %s)' % (op, outroot))
        fails = collections.Counter()
        detected_left, missed_left, parse_fail, refused = [], [], [], []
        for rel in files:
            src = os.path.join(root, rel)
            dst = os.path.join(outroot, rel)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            if os.path.exists(dst):
                os.remove(dst)
            env = dict(os.environ, MLSEC_REDACT_KEY='k')
            p = subprocess.run([a.bin, 'redact', src, '-o', dst, '--operator', op], capture_output=True, env=env)
            if p.returncode != 0 or not os.path.exists(dst):
                refused.append((rel, p.returncode, p.stderr.decode()[-300:].strip()))
                continue
            why = parse_ok(rel, src, dst)
            if why:
                parse_fail.append((rel, why))
            blob = values_in(rel, dst)
            groups = collections.defaultdict(list)
            for l in labels_by_file[rel]:
                if l['positive']:
                    w = l['value'] if rel.endswith('.parquet') else l.get('written', l['value'])
                    groups[w].append(l)
            for w, ls in groups.items():
                left = blob.count(w.encode())
                if left == 0 and w != ls[0]['value']:
                    left = blob.count(ls[0]['value'].encode())
                missed = [l for l in ls if not found(l)]
                if left > len(missed) and len(missed) < len(ls):
                    detected_left.append((rel, [l for l in ls if found(l)][0], w, blob))
                missed_left.extend(missed[:left])
        P('  redact refused/failed: %d file(s)' % len(refused))
        for r in refused:
            P('      %s exit=%s %s' % r)
        P('  output does not parse like input: %d file(s)' % len(parse_fail))
        for r in parse_fail:
            P('      %s: %s' % r)
        P('  planted positives still in output although the scan DETECTED them: %d' % len(detected_left))
        for rel, l, v, blob in detected_left[:12]:
            i = blob.find(v.encode())
            P('      %s [%s] %s  ...%s' % (rel, l['category'], l['form'], snippet(blob, i, i + len(v.encode()), 30)))
        P('  planted positives still in output because the scan missed them: %d' % len(missed_left))
        # rescan the output
        rep = run_scan(a.bin, outroot)
        resid = []
        for fr in rep.get('files', []):
            rel = relpath(fr['path'], outroot)
            for f in fr.get('findings', []):
                if f['rule'] == 'MLS-PII-008':
                    continue
                resid.append((rel, f))
        P('  rescan of redacted output: %d finding(s)' % len(resid))
        rg = collections.Counter((r, (f.get('data') or {}).get('entity')) for r, f in resid)
        shown = 0
        for (rel, ent), k in sorted(rg.items()):
            P('      %-40s %-16s %d' % (rel, ent, k))
        for rel, f in resid:
            loc = f['location']
            if 'offset' in loc and shown < 15:
                data = values_in(rel, os.path.join(outroot, rel))
                P('        e.g. %s: %s' % (rel, snippet(data, loc['offset'], loc['offset'] + loc['length'], 35)))
                shown += 1
        res[op] = {'refused': len(refused), 'parse_fail': [list(x) for x in parse_fail], 'detected_left': len(detected_left),
                   'missed_left': len(missed_left), 'rescan_findings': len(resid)}
    return res


if __name__ == '__main__':
    main()
