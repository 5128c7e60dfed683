#!/usr/bin/env python3
"""blind8: an "outside evaluator" style labelled evaluation set for a PII /
secrets scanner -- Faker + python-stdnum as the labelling oracle, many locales,
values planted at known byte offsets in CSV, JSONL, Parquet and free text, plus
hard negatives.

@@DOCSTRING_BODY@@
"""
import os
import sys


def _pin_hash_seed():
    """Faker draws from some set()s; str hashing must be fixed for byte-identical output."""
    if os.environ.get('PYTHONHASHSEED') == '0' or __name__ != '__main__':
        return
    env = dict(os.environ)
    env['PYTHONHASHSEED'] = '0'
    os.execve(sys.executable, [sys.executable, os.path.abspath(__file__)] + sys.argv[1:], env)


_pin_hash_seed()

import argparse  # noqa: E402
import base64  # noqa: E402
import collections  # noqa: E402
import datetime as dt  # noqa: E402
import gzip  # noqa: E402
import hashlib  # noqa: E402
import hmac  # noqa: E402
import importlib  # noqa: E402
import ipaddress  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import string  # noqa: E402
import uuid  # noqa: E402
import zlib  # noqa: E402

import phonenumbers  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
from faker import Faker  # noqa: E402
from faker.config import AVAILABLE_LOCALES  # noqa: E402
from stdnum import iban as stdnum_iban  # noqa: E402
from stdnum import luhn  # noqa: E402

CLI = argparse.ArgumentParser(description='blind8 labelled PII / secrets evaluation set')
CLI.add_argument('--seed', type=int, default=1)
CLI.add_argument('--out', required=True)
CLI.add_argument('--quiet', action='store_true')
OPTS = CLI.parse_args() if __name__ == '__main__' else CLI.parse_args(['--out', '/tmp/blind8_import'])
SEED = OPTS.seed
OUT = OPTS.out


RNG = random.Random(0)      # reseeded per section (see main), so sections are independent
CTX = {'section': 'init'}


def stable_int(*parts):
    """A seed derived from the run seed and names (crc32: no hash() randomness)."""
    return zlib.crc32(('blind8|%d|' % SEED + '|'.join(str(p) for p in parts)).encode('utf-8'))


# ============================================================================
# planted values and the files that hold them
# ============================================================================

CATEGORIES = ('name', 'dob', 'address', 'national_id', 'phone', 'email', 'iban', 'card', 'secret', 'ip', 'mac')


class V:
    """One planted value.  `text` is exactly what ends up in the file."""
    __slots__ = ('text', 'cat', 'form', 'positive', 'validator', 'decoded', 'locale')

    def __init__(self, text, cat, form, positive=True, validator=None, decoded=None, locale=None):
        assert cat in CATEGORIES, cat
        self.text, self.cat, self.form, self.positive = str(text), cat, form, positive
        self.validator, self.decoded, self.locale = validator, decoded, locale

    def variant(self, text, decoded=None):
        """The same label with other written bytes (escaping); decoded = the plain value."""
        return V(text, self.cat, self.form, self.positive, self.validator,
                 decoded if decoded is not None else (self.decoded or self.text), self.locale)

    def __repr__(self):
        return 'V(%r,%s,%s)' % (self.text, self.cat, self.form)


def neg(text, cat, form, **kw):
    return V(text, cat, form, positive=False, **kw)


def flatten(parts):
    for p in parts:
        if p is None:
            continue
        if isinstance(p, (list, tuple)):
            yield from flatten(p)
        else:
            yield p


def plain(x):
    if isinstance(x, V):
        return x.text
    if isinstance(x, (list, tuple)):
        return ''.join(plain(p) for p in flatten(x))
    return '' if x is None else str(x)


FILES = []        # TextFile / ParquetFile objects in creation order
LABELS = []       # finished label dicts


class TextFile:
    """A text file built from str and V pieces.

    Spans are byte offsets into what the scorer reads: for .gz the decompressed
    bytes; for a file written in a non-UTF-8 `encoding` the UTF-8 encoding of
    the decoded text (BOM dropped); for UTF-8 files with a BOM the raw bytes
    (so the BOM's three bytes are counted)."""

    def __init__(self, rel, encoding='utf-8', bom=False):
        self.rel, self.encoding, self.bom = rel, encoding, bom
        self.gz = rel.endswith('.gz')
        self.chunks, self.marks = [], []
        self.utf8 = encoding.replace('_', '-').lower() in ('utf-8', 'utf8')
        self.pos = 3 if (bom and self.utf8) else 0
        FILES.append(self)

    def put(self, *parts):
        for p in flatten(parts):
            if isinstance(p, V):
                b = len(p.text.encode('utf-8'))
                self.marks.append((p, self.pos, self.pos + b))
                s = p.text
            else:
                s = str(p)
                b = len(s.encode('utf-8'))
            self.chunks.append(s)
            self.pos += b
        return self

    def ln(self, *parts):
        return self.put(*parts, '\n')

    def text(self):
        return ''.join(self.chunks)

    def payload(self):
        t = self.text()
        if self.utf8:
            data = (b'\xef\xbb\xbf' if self.bom else b'') + t.encode('utf-8')
        else:
            data = t.encode(self.encoding)
        return gzip.compress(data, compresslevel=9, mtime=0) if self.gz else data

    def finish(self):
        path = os.path.join(OUT, self.rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as fh:
            fh.write(self.payload())
        scored = scored_bytes(self.rel, self.encoding if not self.utf8 else None)
        for v, s, e in self.marks:
            rec = label_dict(self.rel, v)
            rec['span'] = [s, e]
            rec['line'] = scored.count(b'\n', 0, s) + 1
            if not self.utf8:
                rec['encoding'] = self.encoding
            LABELS.append(rec)


def label_dict(rel, v):
    d = collections.OrderedDict()
    d['file'] = rel
    d['value'] = v.text
    d['category'] = v.cat
    d['form'] = v.form
    d['positive'] = bool(v.positive)
    d['span'] = None
    d['line'] = None
    if v.validator:
        d['validator'] = v.validator
    if v.decoded is not None and v.decoded != v.text:
        d['decoded'] = v.decoded
    if v.locale:
        d['locale'] = v.locale
    return d


def scored_bytes(rel, encoding=None):
    """The bytes a label span indexes (the scorer's rule), read back from disk."""
    with open(os.path.join(OUT, rel), 'rb') as fh:
        b = fh.read()
    if rel.endswith('.gz'):
        b = gzip.decompress(b)
    if encoding:
        t = b.decode(encoding)
        if t.startswith('\ufeff'):
            t = t[1:]
        b = t.encode('utf-8')
    return b


class Cell:
    """A Parquet cell whose stored value is not a string (date, int); v.text is str(raw)."""
    __slots__ = ('v', 'raw')

    def __init__(self, v, raw):
        self.v, self.raw = v, raw


class ParquetFile:
    """Rows are dicts whose leaves may be V; a label is (row, dotted column path).
    List levels are left out of the path; at most one label per (row, path):
    further V leaves under the same path in a row are written unlabelled."""

    def __init__(self, rel, schema, row_group_size=25):
        self.rel, self.schema, self.rgs = rel, schema, row_group_size
        self.rows, self.marks = [], []
        FILES.append(self)

    def add(self, row):
        idx = len(self.rows)
        taken = set()

        def walk(x, path):
            if isinstance(x, Cell):
                if path not in taken:
                    taken.add(path)
                    self.marks.append((x.v, idx, path))
                return x.raw
            if isinstance(x, V):
                if path not in taken:
                    taken.add(path)
                    self.marks.append((x, idx, path))
                return x.text
            if isinstance(x, dict):
                return {k: walk(val, path + (k,)) for k, val in x.items()}
            if isinstance(x, list):
                return [walk(val, path) for val in x]
            return x
        self.rows.append(walk(row, ()))

    def finish(self):
        path = os.path.join(OUT, self.rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        table = pa.Table.from_pylist(self.rows, schema=self.schema)
        pq.write_table(table, path, row_group_size=self.rgs, compression='snappy')
        for v, row, cpath in self.marks:
            rec = label_dict(self.rel, v)
            rec['row'] = row
            rec['column'] = '.'.join(cpath)
            LABELS.append(rec)


# ============================================================================
# serialisers that keep labels (escaping is applied per piece)
# ============================================================================

def json_parts(obj, indent=None, ascii_only=False, level=0, sort_keys=False):
    """json.dumps-equivalent output as parts; V leaves stay labelled.  A V whose
    escaped form differs from its text becomes a variant carrying `decoded`."""
    def esc(s):
        return json.dumps(s, ensure_ascii=ascii_only)
    if isinstance(obj, V):
        e = esc(obj.text)
        inner = e[1:-1]
        return ['"', obj if inner == obj.text else obj.variant(inner), '"']
    if isinstance(obj, Cell):
        return json_parts(obj.v, indent, ascii_only, level)
    if isinstance(obj, dict):
        if not obj:
            return ['{}']
        items = sorted(obj.items()) if sort_keys else list(obj.items())
        out = ['{']
        for i, (k, v) in enumerate(items):
            if i:
                out.append(',' if indent is not None else ', ')
            if indent is not None:
                out.append('\n' + ' ' * (indent * (level + 1)))
            out += [esc(k), ': ']
            out += json_parts(v, indent, ascii_only, level + 1)
        if indent is not None:
            out.append('\n' + ' ' * (indent * level))
        out.append('}')
        return out
    if isinstance(obj, (list, tuple)):
        if not obj:
            return ['[]']
        out = ['[']
        for i, v in enumerate(obj):
            if i:
                out.append(',' if indent is not None else ', ')
            if indent is not None:
                out.append('\n' + ' ' * (indent * (level + 1)))
            out += json_parts(v, indent, ascii_only, level + 1)
        if indent is not None:
            out.append('\n' + ' ' * (indent * level))
        out.append(']')
        return out
    return [json.dumps(obj, ensure_ascii=ascii_only)]


def json_plain(obj):
    """The same object with V / Cell leaves replaced by their plain values (for parse checks)."""
    if isinstance(obj, V):
        return obj.decoded if obj.decoded is not None else obj.text
    if isinstance(obj, Cell):
        return json_plain(obj.v)
    if isinstance(obj, dict):
        return {k: json_plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [json_plain(v) for v in obj]
    return obj


def csv_parts(cells, delim=',', quote_all=False, eol='\n'):
    """One CSV record (RFC 4180 quoting: "" doubling, quotes when needed)."""
    out = []
    for i, c in enumerate(cells):
        if i:
            out.append(delim)
        s = plain(c)
        need = quote_all or any(ch in s for ch in (delim, '"', '\n', '\r')) or (s != s.strip())
        if not need:
            out.append(c if isinstance(c, V) else s)
            continue
        e = s.replace('"', '""')
        out.append('"')
        if isinstance(c, V):
            out.append(c if e == s else c.variant(e))
        else:
            out.append(e)
        out.append('"')
    out.append(eol)
    return out


_SLOT = re.compile(r'<<(\w+)>>')


def fill(template, **vals):
    """Split a template on <<key>> slots; slots take V / str / list values."""
    out = []
    for i, piece in enumerate(_SLOT.split(template)):
        if i % 2 == 0:
            if piece:
                out.append(piece)
        else:
            if piece not in vals:
                raise KeyError('template slot %r missing' % piece)
            out.append(vals[piece])
    return out


def slots(template):
    return _SLOT.findall(template)


# ============================================================================
# oracles: every positive is checked before it is planted
# ============================================================================

_STDNUM = {}


def stdnum_mod(name):
    if name not in _STDNUM:
        _STDNUM[name] = importlib.import_module('stdnum.' + name)
    return _STDNUM[name]


VALIDATORS_USED = collections.OrderedDict()   # stdnum module names used for positives (insertion order)


def id_valid(name, value):
    try:
        return bool(stdnum_mod(name).is_valid(value))
    except Exception:
        return False


def ascii_digits(s):
    """Map any Unicode decimal digit (Bengali, Devanagari, full-width ...) to ASCII."""
    return ''.join(str(int(ch)) if ch.isdigit() and not ch.isascii() else ch for ch in s)


def phone_valid(text, region):
    try:
        n = phonenumbers.parse(ascii_digits(text), region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(n)


def phone_valid_anywhere(text, regions=('US', 'GB', 'DE', 'FR', 'IN', 'BR', 'CN', 'RU', 'JP', 'AU')):
    return any(phone_valid(text, r) for r in regions)


_EMAIL_RE = re.compile(r'^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$')
RESERVED_MAIL = re.compile(r'@(?:[\w-]+\.)*(?:example\.(?:com|org|net)|example|test|invalid|localhost)$', re.I)


def email_valid(text):
    return bool(_EMAIL_RE.match(text))


def luhn_ok(text):
    d = re.sub(r'[ -]', '', text)
    return d.isdigit() and 12 <= len(d) <= 19 and luhn.is_valid(d)


def iban_ok(text):
    return stdnum_iban.is_valid(text)


def ip_global(text):
    try:
        return ipaddress.ip_address(text).is_global
    except ValueError:
        return False


_MAC_RE = re.compile(r'^(?:[0-9A-Fa-f]{2}([:-]))(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}$|^[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}$')


def mac_unicast(text):
    if not _MAC_RE.match(text):
        return False
    h = re.sub(r'[^0-9A-Fa-f]', '', text)
    first = int(h[:2], 16)
    return not (first & 1) and h.strip('0') != '' and h.lower() != 'f' * 12


def entropy(s):
    if not s:
        return 0.0
    c = collections.Counter(s)
    return -sum(n / len(s) * math.log2(n / len(s)) for n in c.values())


PLACEHOLDER_RE = re.compile(r'(?i)(your[_-]?|xxxx|changeme|example|placeholder|dummy|<[^>]*>|\$\{|\{\{|redacted|\*\*\*\*)')


def secret_ok(text, core=None):
    """A secret positive: long enough, high entropy, not a placeholder."""
    core = core or text
    return len(core) >= 16 and entropy(core) >= 3.0 and not PLACEHOLDER_RE.search(core)


def check_positive(v, region=None):
    """Raise if a positive fails its oracle.  Returns v."""
    t = v.decoded if v.decoded is not None else v.text
    c = v.cat
    ok = True
    if c == 'phone':
        ok = phone_valid(t, region) if region else phone_valid_anywhere(t)
    elif c == 'email':
        ok = email_valid(t)
    elif c == 'iban':
        ok = iban_ok(t)
    elif c == 'card':
        ok = luhn_ok(t)
    elif c == 'national_id':
        ok = bool(v.validator) and id_valid(v.validator, t)
        VALIDATORS_USED.setdefault(v.validator, True)
    elif c == 'ip':
        ok = ip_global(t)
    elif c == 'mac':
        ok = mac_unicast(t)
    elif c == 'secret':
        ok = len(t) >= 16 and entropy(t) >= 3.0
    elif c in ('name', 'address', 'dob'):
        ok = bool(t.strip())
    if not ok:
        raise AssertionError('positive failed its oracle: %r (%s, %s, region %s)' % (t, c, v.form, region))
    return v


def digits_of(s):
    return re.sub(r'\D', '', ascii_digits(s))


def numeric_negative_clean(text, region=None):
    """True if a numeric negative passes none of the validators used for positives
    (and, at 12-19 digits, is not Luhn-valid)."""
    d = digits_of(text)
    if len(d) >= 8:
        compact = re.sub(r'[\s.\-/]', '', text)
        for name in VALIDATORS_USED:
            if id_valid(name, compact) or id_valid(name, d):
                return False
    if 12 <= len(d) <= 19 and luhn.is_valid(d):
        return False
    if stdnum_iban.is_valid(text):
        return False
    return True


# ============================================================================
# runner, label writer and self-check
# ============================================================================

SECTIONS = []


def section(fn):
    SECTIONS.append(fn)
    return fn


def walk_path(obj, path):
    """All values at a dotted path of a Parquet row (list levels flattened)."""
    cur = [obj]
    for key in path.split('.'):
        nxt = []
        for c in cur:
            if isinstance(c, list):
                c = [x for x in c]
            else:
                c = [c]
            for x in c:
                if isinstance(x, dict) and key in x:
                    y = x[key]
                    nxt.extend(y if isinstance(y, list) else [y])
        cur = nxt
    return cur


def self_check():
    by_file = collections.OrderedDict()
    for rec in LABELS:
        by_file.setdefault(rec['file'], []).append(rec)
    problems = []
    for f in FILES:
        recs = by_file.get(f.rel, [])
        if isinstance(f, ParquetFile):
            rows = pq.read_table(os.path.join(OUT, f.rel)).to_pylist()
            seen = set()
            for r in recs:
                key = (r['row'], r['column'])
                if key in seen:
                    problems.append('%s: two labels in one cell %s' % (f.rel, key))
                seen.add(key)
                vals = [str(x) for x in walk_path(rows[r['row']], r['column'])]
                if r['value'] not in vals:
                    problems.append('%s row %d %s: %r not in %r' % (f.rel, r['row'], r['column'], r['value'], vals[:3]))
            continue
        enc = None if f.utf8 else f.encoding
        data = scored_bytes(f.rel, enc)
        spans = []
        for r in recs:
            s, e = r['span']
            got = data[s:e].decode('utf-8', 'replace')
            if got != r['value']:
                problems.append('%s [%d,%d): %r != %r' % (f.rel, s, e, got, r['value']))
            if r.get('encoding') != enc:
                problems.append('%s: encoding field mismatch' % f.rel)
            spans.append((s, e, r['value']))
        spans.sort()
        for (a, b, va), (c, d, vc) in zip(spans, spans[1:]):
            if c < b:
                problems.append('%s: overlapping spans %r %r' % (f.rel, va, vc))
        # structural parse checks
        text = data.decode('utf-8')
        if f.rel.endswith(('.jsonl', '.jsonl.gz')):
            for i, line in enumerate(text.splitlines()):
                if line.strip():
                    try:
                        json.loads(line)
                    except ValueError as ex:
                        problems.append('%s line %d: bad JSON %s' % (f.rel, i + 1, ex))
        elif f.rel.endswith('.json'):
            try:
                json.loads(text)
            except ValueError as ex:
                problems.append('%s: bad JSON %s' % (f.rel, ex))
    # oracles, once more, on what was written
    for r in LABELS:
        plainv = r.get('decoded', r['value'])
        if r['positive'] and r['category'] == 'national_id':
            if not id_valid(r['validator'], plainv):
                problems.append('national id positive fails %s: %r' % (r['validator'], plainv))
            if r['validator'] not in VALIDATORS_USED:
                problems.append('validator %s not in VALIDATORS_USED' % r['validator'])
        if r['positive'] and r['category'] == 'iban' and not iban_ok(plainv):
            problems.append('iban positive invalid %r' % plainv)
        if r['positive'] and r['category'] == 'card' and not luhn_ok(plainv):
            problems.append('card positive fails Luhn %r' % plainv)
        if not r['positive'] and r['category'] in ('national_id', 'iban', 'card', 'phone') and re.search(r'\d', plainv):
            if not numeric_negative_clean(plainv):
                problems.append('numeric negative passes a validator: %r (%s)' % (plainv, r['form']))
        if not r['positive'] and r['category'] == 'national_id' and r.get('validator') and id_valid(r['validator'], plainv):
            problems.append('negative passes its own validator %r' % plainv)
    if problems:
        for p in problems[:60]:
            print('SELF-CHECK:', p, file=sys.stderr)
        raise SystemExit('self-check failed: %d problems' % len(problems))


def report():
    files = collections.OrderedDict()
    for f in FILES:
        files[f.rel] = collections.Counter()
    tot = collections.Counter()
    for r in LABELS:
        key = r['category'] + ('' if r['positive'] else '-')
        files[r['file']][key] += 1
        tot[key] += 1
    sizes = {f.rel: os.path.getsize(os.path.join(OUT, f.rel)) for f in FILES}
    print('%-46s %7s  %s' % ('file', 'bytes', 'labels (category, "-" = negative)'))
    for rel, c in files.items():
        print('%-46s %7d  %s' % (rel, sizes[rel], ' '.join('%s:%d' % kv for kv in sorted(c.items()))))
    print('-' * 60)
    npos = sum(1 for r in LABELS if r['positive'])
    print('files %d, bytes %d, labels %d (positives %d, negatives %d)' % (len(FILES), sum(sizes.values()), len(LABELS), npos, len(LABELS) - npos))
    for c in CATEGORIES:
        print('  %-12s positives %5d   negatives %5d' % (c, tot[c], tot[c + '-']))
    locs = collections.Counter(r.get('locale') for r in LABELS if r['positive'] and r.get('locale'))
    print('locales with positives: %d' % len(locs))
    print('validators: %s' % ' '.join(sorted({r['validator'] for r in LABELS if r.get('validator')})))


def main():
    os.makedirs(OUT, exist_ok=True)
    random.seed(stable_int('global'))
    for fn in SECTIONS:
        before = len(FILES)
        CTX['section'] = fn.__name__
        RNG.seed(stable_int('section', fn.__name__))
        fn()
        for f in FILES[before:]:
            f.finish()
    with open(os.path.join(OUT, 'labels.jsonl'), 'w', encoding='utf-8', newline='\n') as fh:
        for r in LABELS:
            fh.write(json.dumps(r, ensure_ascii=False) + '\n')
    self_check()
    if not OPTS.quiet:
        report()


# ============================================================================
# locales: Faker instances, person profiles, locale-typical formats
# ============================================================================

WANTED_LOCALES = (
    'en_US en_GB en_AU en_NZ en_IE en_IN en_CA de_DE de_AT de_CH fr_FR fr_CH fr_CA it_IT es_ES es_MX es_AR '
    'es_CO es_CL pt_PT pt_BR nl_NL nl_BE pl_PL cs_CZ sk_SK hu_HU ro_RO bg_BG el_GR tr_TR ru_RU uk_UA sv_SE '
    'da_DK no_NO fi_FI et_EE lv_LV lt_LT hr_HR sl_SI he_IL fa_IR hi_IN bn_BD ta_IN th_TH vi_VN id_ID ja_JP '
    'ko_KR zh_CN zh_TW ka_GE hy_AM az_AZ ne_NP is_IS zu_ZA').split()


def _provider_exists(kind, code):
    try:
        importlib.import_module('faker.providers.%s.%s' % (kind, code))
        return True
    except ImportError:
        return False


def _person_provider(code):
    return _provider_exists('person', code) or _provider_exists('person', code.split('_')[0])


# runtime check: only locales this Faker knows and that have their own person provider
LOCALES = [c for c in WANTED_LOCALES if c in AVAILABLE_LOCALES and _person_provider(c)]

# every stdnum module a positive may use (numeric negatives are checked against all of them)
for _m in ('us.ssn ca.sin at.vnr ch.ssn gr.amka ar.cuit mx.curp cl.rut es.dni es.nie cz.rc sk.rc ee.ik fi.hetu '
           'fr.nir il.idnr hr.oib it.codicefiscale kr.rrn cn.ric in_.aadhaar lv.pvn be.nn nl.bsn no.fodselsnummer '
           'pl.pesel br.cpf ro.cnp ru.inn se.personnummer th.pin tr.tckimlik ua.rntrc de.idnr dk.cpr lt.asmens '
           'bg.egn is_.kennitala ie.pps gb.nhs au.tfn nz.ird za.idnr pt.nif si.emso jp.in_ id.nik in_.pan').split():
    VALIDATORS_USED[_m] = True

# Faker method -> python-stdnum module, and what people call the number locally
NID_FAKER = {
    'en_US': ('ssn', 'us.ssn', 'SSN'), 'en_CA': ('ssn', 'ca.sin', 'SIN'),
    'de_AT': ('ssn', 'at.vnr', 'SV-Nummer'), 'de_CH': ('ssn', 'ch.ssn', 'AHV-Nummer'),
    'fr_CH': ('ssn', 'ch.ssn', 'numéro AVS'), 'el_GR': ('ssn', 'gr.amka', 'ΑΜΚΑ'),
    'es_AR': ('ssn', 'ar.cuit', 'CUIL'), 'es_MX': ('curp', 'mx.curp', 'CURP'),
    'es_CL': ('rut', 'cl.rut', 'RUT'), 'es_ES': ('nif', 'es.dni', 'DNI'),
    'cs_CZ': ('birth_number', 'cz.rc', 'rodné číslo'), 'sk_SK': ('birth_number', 'sk.rc', 'rodné číslo'),
    'et_EE': ('ssn', 'ee.ik', 'isikukood'), 'fi_FI': ('ssn', 'fi.hetu', 'henkilötunnus'),
    'fr_FR': ('ssn', 'fr.nir', 'numéro de sécurité sociale'), 'he_IL': ('ssn', 'il.idnr', 'מספר זהות'),
    'hr_HR': ('ssn', 'hr.oib', 'OIB'), 'it_IT': ('ssn', 'it.codicefiscale', 'codice fiscale'),
    'ko_KR': ('ssn', 'kr.rrn', '주민등록번호'), 'zh_CN': ('ssn', 'cn.ric', '身份证号'),
    'en_IN': ('aadhaar_id', 'in_.aadhaar', 'Aadhaar'), 'lv_LV': ('ssn', 'lv.pvn', 'personas kods'),
    'nl_BE': ('ssn', 'be.nn', 'rijksregisternummer'), 'nl_NL': ('ssn', 'nl.bsn', 'BSN'),
    'no_NO': ('ssn', 'no.fodselsnummer', 'fødselsnummer'), 'pl_PL': ('ssn', 'pl.pesel', 'PESEL'),
    'pt_BR': ('ssn', 'br.cpf', 'CPF'), 'ro_RO': ('ssn', 'ro.cnp', 'CNP'),
    'ru_RU': ('individuals_inn', 'ru.inn', 'ИНН'), 'sv_SE': ('ssn', 'se.personnummer', 'personnummer'),
    'th_TH': ('ssn', 'th.pin', 'เลขประจำตัวประชาชน'), 'tr_TR': ('ssn', 'tr.tckimlik', 'TC Kimlik No'),
    'uk_UA': ('ssn', 'ua.rntrc', 'РНОКПП'),
}

# locale -> (builder name, stdnum module, local term); builders are defined below
NID_BUILT = {
    'de_DE': ('de.idnr', 'Steuer-ID'), 'da_DK': ('dk.cpr', 'CPR-nr.'), 'lt_LT': ('lt.asmens', 'asmens kodas'),
    'bg_BG': ('bg.egn', 'ЕГН'), 'is_IS': ('is_.kennitala', 'kennitala'), 'en_IE': ('ie.pps', 'PPSN'),
    'en_GB': ('gb.nhs', 'NHS number'), 'en_AU': ('au.tfn', 'TFN'), 'en_NZ': ('nz.ird', 'IRD number'),
    'zu_ZA': ('za.idnr', 'ID number'), 'pt_PT': ('pt.nif', 'NIF'), 'sl_SI': ('si.emso', 'EMŠO'),
    'ja_JP': ('jp.in_', 'マイナンバー'), 'id_ID': ('id.nik', 'NIK'), 'ta_IN': ('in_.pan', 'PAN'),
    'hi_IN': ('in_.aadhaar', 'आधार संख्या'),
}


def _digits(r, n):
    return ''.join(r.choice(string.digits) for _ in range(n))


def build_national_id(module, r, dob):
    """Construct a value python-stdnum accepts (check digits computed here), or None."""
    yy, mm, dd = dob.year % 100, dob.month, dob.day
    for _ in range(500):
        if module == 'de.idnr':
            pool = [d for d in string.digits]
            r.shuffle(pool)
            ten = pool[:9] + [pool[r.randrange(9)]]
            r.shuffle(ten)
            if ten[0] == '0':
                continue
            base = ''.join(ten)
            cand = base + stdnum_mod('iso7064.mod_11_10').calc_check_digit(base)
            cand = '%s %s %s %s' % (cand[:2], cand[2:5], cand[5:8], cand[8:]) if r.random() < 0.5 else cand
        elif module == 'dk.cpr':
            seventh = '0123' if dob.year < 2000 else '4'
            cand = '%02d%02d%02d-%s%s' % (dd, mm, yy, r.choice(seventh), _digits(r, 3))
        elif module == 'lt.asmens':
            g = r.choice('34') if dob.year < 2000 else r.choice('56')
            base = '%s%02d%02d%02d%s' % (g, yy, mm, dd, _digits(r, 3))
            cand = base + stdnum_mod('lt.asmens').calc_check_digit(base)
        elif module == 'bg.egn':
            m2 = mm if dob.year < 2000 else mm + 40
            base = '%02d%02d%02d%s' % (yy, m2, dd, _digits(r, 3))
            cand = base + stdnum_mod('bg.egn').calc_check_digit(base)
        elif module == 'is_.kennitala':
            base = '%02d%02d%02d%s' % (dd, mm, yy, _digits(r, 2))
            cands = [base + c + ('9' if dob.year < 2000 else '0') for c in string.digits]
            cands = [c for c in cands if id_valid(module, c)]
            if not cands:
                continue
            cand = cands[0]
            cand = cand[:6] + '-' + cand[6:] if r.random() < 0.6 else cand
        elif module == 'ie.pps':
            base = _digits(r, 7)
            cand = base + stdnum_mod('ie.vat').calc_check_digit(base)
        elif module == 'gb.nhs':
            base = r.choice('4689') + _digits(r, 8)
            cands = [base + c for c in string.digits if id_valid(module, base + c)]
            if not cands:
                continue
            c = cands[0]
            cand = '%s %s %s' % (c[:3], c[3:6], c[6:])
        elif module == 'au.tfn':
            c = r.choice('1234567') + _digits(r, 8)
            cand = '%s %s %s' % (c[:3], c[3:6], c[6:])
        elif module == 'nz.ird':
            base = str(r.randrange(10000000, 14999999))
            c = base + stdnum_mod('nz.ird').calc_check_digit(base)
            cand = '%s-%s-%s' % (c[:-6], c[-6:-3], c[-3:])
        elif module == 'za.idnr':
            base = '%02d%02d%02d%04d%s8' % (yy, mm, dd, r.randrange(10000), '0')
            cand = base + luhn.calc_check_digit(base)
        elif module == 'pt.nif':
            base = r.choice('123') + _digits(r, 7)
            cand = base + stdnum_mod('pt.nif').calc_check_digit(base)
        elif module == 'si.emso':
            base = '%02d%02d%03d50%s' % (dd, mm, dob.year % 1000, _digits(r, 3))
            cand = base + stdnum_mod('si.emso').calc_check_digit(base)
        elif module == 'jp.in_':
            base = r.choice('123456789') + _digits(r, 10)
            c = base + stdnum_mod('jp.in_').calc_check_digit(base)
            cand = '%s %s %s' % (c[:4], c[4:8], c[8:]) if r.random() < 0.5 else c
        elif module == 'id.nik':
            area = r.choice(['3171', '3273', '3578', '3374', '5171', '3471', '1271'])
            d2 = dd + (40 if r.random() < 0.5 else 0)
            cand = '%s%s%02d%02d%02d%s' % (area, _digits(r, 2), d2, mm, yy, '%04d' % r.randrange(1, 9999))
        elif module == 'in_.pan':
            L_ = string.ascii_uppercase
            cand = ''.join(r.choice(L_) for _ in range(3)) + 'P' + r.choice(L_) + _digits(r, 4) + r.choice(L_)
        elif module == 'in_.aadhaar':
            base = r.choice('23456789') + _digits(r, 10)
            c = base + stdnum_mod('verhoeff').calc_check_digit(base)
            cand = '%s %s %s' % (c[:4], c[4:8], c[8:])
        else:
            raise KeyError(module)
        if id_valid(module, cand):
            return cand
    return None


# numeric date styles typical for each locale
DATE_STYLE = {
    'en_US': 'mdy/', 'en_CA': 'iso', 'fr_CA': 'iso', 'sv_SE': 'iso', 'lt_LT': 'iso', 'fa_IR': 'ymd/', 'ne_NP': 'iso',
    'zu_ZA': 'ymd/', 'ja_JP': 'ymd/', 'zh_TW': 'ymd/', 'zh_CN': 'iso', 'ko_KR': 'ymd.', 'hu_HU': 'ymd.hu',
    'nl_NL': 'dmy-', 'da_DK': 'dmy-', 'fi_FI': 'dmy.np', 'hr_HR': 'dmy.hr', 'cs_CZ': 'dmy.sp', 'sk_SK': 'dmy.sp',
    'sl_SI': 'dmy.sp', 'th_TH': 'dmy/be',
}
for _c in ('de_DE de_AT de_CH pl_PL ro_RO bg_BG tr_TR ru_RU uk_UA no_NO et_EE lv_LV ka_GE hy_AM az_AZ is_IS').split():
    DATE_STYLE[_c] = 'dmy.'

MONTHS = {
    'en': 'January February March April May June July August September October November December',
    'de': 'Januar Februar März April Mai Juni Juli August September Oktober November Dezember',
    'fr': 'janvier février mars avril mai juin juillet août septembre octobre novembre décembre',
    'es': 'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre',
    'it': 'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre',
    'pt': 'janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro',
    'nl': 'januari februari maart april mei juni juli augustus september oktober november december',
    'pl': 'stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia',
    'ru': 'января февраля марта апреля мая июня июля августа сентября октября ноября декабря',
    'uk': 'січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня',
    'sv': 'januari februari mars april maj juni juli augusti september oktober november december',
    'da': 'januar februar marts april maj juni juli august september oktober november december',
    'no': 'januar februar mars april mai juni juli august september oktober november desember',
    'tr': 'Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık',
    'id': 'Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember',
    'cs': 'ledna února března dubna května června července srpna září října listopadu prosince',
    'fi': 'tammikuuta helmikuuta maaliskuuta huhtikuuta toukokuuta kesäkuuta heinäkuuta elokuuta syyskuuta lokakuuta marraskuuta joulukuuta',
    'hu': 'január február március április május június július augusztus szeptember október november december',
    'ro': 'ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie noiembrie decembrie',
    'el': 'Ιανουαρίου Φεβρουαρίου Μαρτίου Απριλίου Μαΐου Ιουνίου Ιουλίου Αυγούστου Σεπτεμβρίου Οκτωβρίου Νοεμβρίου Δεκεμβρίου',
}


def fmt_date(d, style, lang='en', region=''):
    y, m, day = d.year, d.month, d.day
    if style == 'iso':
        return d.isoformat()
    if style == 'mdy/':
        return '%02d/%02d/%04d' % (m, day, y)
    if style == 'dmy/':
        return '%02d/%02d/%04d' % (day, m, y)
    if style == 'dmy/be':
        return '%02d/%02d/%04d' % (day, m, y + 543)
    if style == 'dmy.':
        return '%02d.%02d.%04d' % (day, m, y)
    if style == 'dmy.np':
        return '%d.%d.%04d' % (day, m, y)
    if style == 'dmy.hr':
        return '%02d.%02d.%04d.' % (day, m, y)
    if style == 'dmy.sp':
        return '%d. %d. %04d' % (day, m, y)
    if style == 'dmy-':
        return '%02d-%02d-%04d' % (day, m, y)
    if style == 'ymd/':
        return '%04d/%02d/%02d' % (y, m, day)
    if style == 'ymd.':
        return '%04d.%02d.%02d' % (y, m, day)
    if style == 'ymd.hu':
        return '%04d. %02d. %02d.' % (y, m, day)
    if style == 'cjk':
        return '%d年%d月%d日' % (y, m, day)
    if style == 'ko':
        return '%d년 %d월 %d일' % (y, m, day)
    if style == 'compact':
        return '%04d%02d%02d' % (y, m, day)
    if style == 'long':
        if lang in ('ja', 'zh'):
            return '%d年%d月%d日' % (y, m, day)
        if lang == 'ko':
            return '%d년 %d월 %d일' % (y, m, day)
        if lang == 'vi':
            return 'ngày %d tháng %d năm %d' % (day, m, y)
        names = MONTHS.get(lang, MONTHS['en']).split()
        mn = names[m - 1]
        if lang == 'en':
            return ('%s %d, %d' % (mn, day, y)) if region in ('US', 'CA', 'PH') else ('%d %s %d' % (day, mn, y))
        if lang in ('de', 'da', 'no', 'cs', 'fi'):
            return '%d. %s %d' % (day, mn, y)
        if lang in ('es', 'pt'):
            return '%d de %s de %d' % (day, mn, y)
        if lang == 'ru':
            return '%d %s %d г.' % (day, mn, y)
        if lang == 'uk':
            return '%d %s %d р.' % (day, mn, y)
        if lang == 'hu':
            return '%d. %s %d.' % (y, mn, day)
        return '%d %s %d' % (day, mn, y)
    raise KeyError(style)


# @@SECTIONS@@

if __name__ == '__main__':
    main()
