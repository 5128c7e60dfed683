#!/usr/bin/env python3
"""blind4: independent blind evaluation set for a PII / secrets scanner.

Usage: python blind4_gen.py --seed N --out DIR

Writes ~40 realistic files (data-lake / shared-drive shapes) into DIR plus
DIR/labels.jsonl.  Every label carries an exact byte span (decompressed bytes
for .gz, logical row/column for Parquet).

Labelling policy (explicit, applied consistently):
  * Checksum categories (national_id, iban, card): positives validate with
    python-stdnum (or Luhn for cards); negatives FAIL their own validator and
    every other id validator used here.  Well-known documentation values that
    still validate (DE89 3704..., 4111 1111 1111 1111, 4242...) are planted
    but left UNLABELLED (neutral) because the checksum rule cannot call them
    negative.
  * email: any address on a real-looking domain is positive; addresses on
    RFC 2606 reserved names (example.com/.org/.net, *.test, *.invalid,
    *.example) and e-mail look-alikes (Message-IDs, git@host:, icon@2x.png,
    pkg@version) are negatives.
  * ip: globally routable IPv4/IPv6 are positive; loopback / unspecified,
    documentation ranges (192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32)
    and dotted version strings are negatives; RFC1918 addresses are left
    unlabelled (neutral).
  * mac: real unicast device MACs positive (any notation); broadcast and
    all-zero MACs negative.
  * secret: live-looking credentials positive (including base64-wrapped ones
    such as k8s Secret data and docker auths); placeholders, ${VAR} templates,
    masked values, AWS documentation keys, public keys / certificates, hashes,
    digests, git SHAs, UUIDs, ciphertext blobs, Stripe publishable keys are
    negatives.
  * dob: a date in a birth-date context is positive; other dates
    (invoice/issue/created timestamps) are dob negatives.
"""
import os, sys
if os.environ.get('PYTHONHASHSEED') != '0':  # some Faker providers iterate over sets: pin hashing for reproducibility
    os.environ['PYTHONHASHSEED'] = '0'
    os.execv(sys.executable, [sys.executable] + sys.argv)
import argparse, base64, binascii, datetime as dt, gzip, hashlib, hmac, io, itertools, json, os, random, re, string, struct, sys, unicodedata, uuid, zlib
from urllib.parse import quote, quote_plus

import phonenumbers as pn
from faker import Faker
import pyarrow as pa, pyarrow.parquet as pq
from stdnum import luhn, iban as std_iban
import importlib

AP = argparse.ArgumentParser()
AP.add_argument('--seed', type=int, default=1)
AP.add_argument('--out', required=True)
ARGS = AP.parse_args()
SEED = ARGS.seed
R = random.Random(SEED)

# ----------------------------------------------------------------------------
# labelled pieces / documents
# ----------------------------------------------------------------------------

class L:
    """A labelled value.  `value` is the exact text that ends up in the file."""
    __slots__ = ('value', 'cat', 'form', 'pos', 'extra')

    def __init__(self, value, cat, form, pos=True, **extra):
        self.value, self.cat, self.form, self.pos, self.extra = str(value), cat, form, pos, extra

    def re(self, value):
        return L(value, self.cat, self.form, self.pos, **self.extra)


def N(value, cat, form, **kw):
    return L(value, cat, form, False, **kw)


class T(list):
    """Text made of str and L pieces (a single logical string value)."""
    def __init__(self, *parts):
        super().__init__(parts)

    def plain(self):
        return ''.join(p.value if isinstance(p, L) else p for p in flat(self))


def flat(parts):
    for p in parts:
        if p is None:
            continue
        if isinstance(p, (list, tuple)):
            yield from flat(p)
        else:
            yield p


def mapesc(parts, f):
    out = []
    for p in flat(parts):
        out.append(p.re(f(p.value)) if isinstance(p, L) else f(p))
    return out


def plain(x):
    if isinstance(x, L):
        return x.value
    if isinstance(x, (list, tuple)):
        return ''.join(plain(p) for p in flat(x))
    return '' if x is None else str(x)


DOCS = []
PARQUET_LABELS = []


class Doc:
    def __init__(self, rel, gz=False, encoding='utf-8'):
        self.rel, self.gz = rel, gz
        self.buf = bytearray()
        self.labs = []
        DOCS.append(self)

    def add(self, *parts):
        for p in flat(parts):
            if isinstance(p, L):
                b = p.value.encode('utf-8')
                st = len(self.buf)
                self.buf += b
                self.labs.append((p, st, st + len(b)))
            elif isinstance(p, (bytes, bytearray)):
                self.buf += p
            else:
                self.buf += str(p).encode('utf-8')
        return self

    def line(self, *parts):
        return self.add(*parts, '\n')


# ----------------------------------------------------------------------------
# format helpers (escaping is char-local so it can be applied per piece)
# ----------------------------------------------------------------------------

def json_str_esc(s):
    return json.dumps(s, ensure_ascii=False)[1:-1]


def json_parts(obj, indent=None, level=0, seps=(', ', ': '), ascii_=False):
    """Serialise obj to a list of parts; L / T leaves keep their labels."""
    esc = (lambda s: json.dumps(s, ensure_ascii=True)[1:-1]) if ascii_ else json_str_esc
    nl = '' if indent is None else '\n'
    pad = '' if indent is None else ' ' * (indent * (level + 1))
    pad0 = '' if indent is None else ' ' * (indent * level)
    item_sep = seps[0] if indent is None else ','
    if isinstance(obj, L):
        if obj.extra.get('raw'):
            return [obj]
        return ['"', obj.re(esc(obj.value)), '"']
    if isinstance(obj, T):
        return ['"'] + mapesc(obj, esc) + ['"']
    if isinstance(obj, dict):
        if not obj:
            return ['{}']
        out = ['{', nl]
        for i, (k, v) in enumerate(obj.items()):
            if i:
                out += [item_sep, nl]
            out += [pad, json.dumps(k, ensure_ascii=ascii_), seps[1]] + json_parts(v, indent, level + 1, seps, ascii_)
        out += [nl, pad0, '}']
        return out
    if isinstance(obj, list):
        if not obj:
            return ['[]']
        out = ['[', nl]
        for i, v in enumerate(obj):
            if i:
                out += [item_sep, nl]
            out += [pad] + json_parts(v, indent, level + 1, seps, ascii_)
        out += [nl, pad0, ']']
        return out
    return [json.dumps(obj, ensure_ascii=ascii_)]


def xe(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def csv_cell(cell, delim=',', quote_all=False):
    txt = plain(cell)
    parts = list(flat([cell])) if not isinstance(cell, str) else [cell]
    if quote_all or any(c in txt for c in (delim, '"', '\n', '\r')) or txt != txt.strip():
        return ['"'] + mapesc(parts, lambda s: s.replace('"', '""')) + ['"']
    return parts


def csv_row(cells, delim=',', eol='\n', quote_all=False):
    out = []
    for i, c in enumerate(cells):
        if i:
            out.append(delim)
        out += csv_cell(c, delim, quote_all)
    out.append(eol)
    return out


def sql_q(cell):
    """MySQL-style quoted literal."""
    if cell is None:
        return ['NULL']
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return [str(cell)]
    parts = list(flat([cell]))
    return ["'"] + mapesc(parts, lambda s: s.replace('\\', '\\\\').replace("'", "\\'")) + ["'"]


def pad(cell, width, right=False):
    """Fixed-width cell: returns parts padded/truncated to width (value never truncated)."""
    txt = plain(cell)
    n = width - len(txt)
    if n < 0:
        raise ValueError('value too wide for field: %r (%d)' % (txt, width))
    parts = list(flat([cell]))
    return ([' ' * n] + parts) if right else (parts + [' ' * n])


def zpad(cell, width):
    txt = plain(cell)
    parts = list(flat([cell]))
    return ['0' * (width - len(txt))] + parts


# ----------------------------------------------------------------------------
# random primitives
# ----------------------------------------------------------------------------
DIG = '0123456789'
UP = string.ascii_uppercase
LO = string.ascii_lowercase
ALNUM = string.ascii_letters + string.digits
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
HEX = '0123456789abcdef'
B64 = string.ascii_letters + string.digits + '+/'
B64U = string.ascii_letters + string.digits + '-_'


def rs(alpha, n):
    return ''.join(R.choice(alpha) for _ in range(n))


def d(n, first_nonzero=False):
    s = rs(DIG, n)
    if first_nonzero and s[0] == '0':
        s = R.choice('123456789') + s[1:]
    return s


def pick(seq):
    return R.choice(seq)


def chance(p):
    return R.random() < p


def bdate(lo=1952, hi=2004):
    start = dt.date(lo, 1, 1).toordinal()
    end = dt.date(hi, 12, 31).toordinal()
    return dt.date.fromordinal(R.randint(start, end))


def rdate(lo=dt.date(2023, 6, 1), hi=dt.date(2024, 3, 20)):
    return dt.date.fromordinal(R.randint(lo.toordinal(), hi.toordinal()))


def rts(day=None):
    day = day or rdate()
    return dt.datetime(day.year, day.month, day.day, R.randint(0, 23), R.randint(0, 59), R.randint(0, 59))


def uid():
    return str(uuid.UUID(int=R.getrandbits(128), version=4))


def sha(n=40):
    return rs(HEX, n)


# ----------------------------------------------------------------------------
# national ids (stdnum is the oracle)
# ----------------------------------------------------------------------------
MOD = {}


def sm(name):
    if name not in MOD:
        MOD[name] = importlib.import_module('stdnum.' + name)
    return MOD[name]


def brute(mod, prefix_fn, alpha=DIG, k=1, tries=500):
    m = sm(mod)
    for _ in range(tries):
        p = prefix_fn()
        cands = [''.join(t) for t in itertools.product(alpha, repeat=k)]
        R.shuffle(cands)
        for c in cands:
            if m.is_valid(p + c):
                return p + c
    raise RuntimeError('cannot generate ' + mod)


def yymmdd(b):
    return b.strftime('%y%m%d')


def ddmmyy(b):
    return b.strftime('%d%m%y')


def g_de_idnr():
    def p():
        while True:
            ds = R.sample(DIG, 9)
            lst = ds + [R.choice(ds)]
            R.shuffle(lst)
            if lst[0] != '0':
                return ''.join(lst)
    return brute('de.idnr', p)


def g_fr_nir(b=None, sex=None):
    b = b or bdate()
    sex = sex or pick('12')
    dept = pick(['75', '69', '13', '33', '59', '31', '44', '67', '06', '92', '93', '94'])
    base = sex + b.strftime('%y%m') + dept + d(3) + d(3)
    key = 97 - int(base) % 97
    v = base + '%02d' % key
    assert sm('fr.nir').is_valid(v)
    return v


def fmt_fr_nir(v):
    return ' '.join([v[0], v[1:3], v[3:5], v[5:7], v[7:10], v[10:13], v[13:]])


def g_fr_nif():
    def p():
        return pick('0123') + d(9)
    return brute('fr.nif', p, k=3, tries=50)


def g_es_dni():
    n = d(8)
    return n + 'TRWAGMYFPDXBNJZSQVHLCKE'[int(n) % 23]


def g_es_nie():
    x = pick('XYZ')
    n = d(7)
    return x + n + 'TRWAGMYFPDXBNJZSQVHLCKE'[int('XYZ'.index(x).__str__() + n) % 23]


def _cons(s):
    s = unicodedata.normalize('NFKD', s).encode('ascii', 'ignore').decode().upper()
    c = [ch for ch in s if ch.isalpha() and ch not in 'AEIOU']
    v = [ch for ch in s if ch in 'AEIOU']
    return (''.join(c + v) + 'XXX')[:3]


def g_it_cf(first='Mario', last='Rossi', b=None, sex='M'):
    b = b or bdate()
    day = b.day + (40 if sex == 'F' else 0)
    town = pick(['F205', 'H501', 'L219', 'A662', 'D612', 'F839', 'G273', 'C351', 'A944', 'L736'])
    p = _cons(last) + _cons(first) + b.strftime('%y') + 'ABCDEHLMPRST'[b.month - 1] + '%02d' % day + town
    return brute('it.codicefiscale', lambda: p, alpha=UP)


def g_nl_bsn():
    return brute('nl.bsn', lambda: d(8, True))


def g_pl_pesel(b=None, sex=None):
    b = b or bdate()
    mm = b.month + (20 if b.year >= 2000 else 0)
    sexd = pick('13579' if sex == 'M' else '02468') if sex else pick(DIG)
    return brute('pl.pesel', lambda: b.strftime('%y') + '%02d' % mm + b.strftime('%d') + d(3) + sexd)


def g_pl_nip():
    return brute('pl.nip', lambda: d(9, True))


def g_pt_nif():
    return brute('pt.nif', lambda: pick('123') + d(7))


def g_pt_cc():
    return brute('pt.cc', lambda: d(8) + pick(DIG) + rs(UP, 2), alpha=DIG)


def g_br_cpf():
    return brute('br.cpf', lambda: d(9), k=2)


def fmt_cpf(v):
    return '%s.%s.%s-%s' % (v[:3], v[3:6], v[6:9], v[9:])


def g_se_pnr(b=None):
    b = b or bdate()
    return brute('se.personnummer', lambda: b.strftime('%y%m%d') + '-' + d(3))


def g_dk_cpr(b=None):
    b = b or bdate(1952, 1999)
    return brute('dk.cpr', lambda: ddmmyy(b) + pick('0123') + d(2))


def g_fi_hetu(b=None):
    b = b or bdate()
    sign = '-' if b.year < 2000 else 'A'
    n = '%03d' % R.randint(2, 899)
    c = '0123456789ABCDEFHJKLMNPRSTUVWXY'[int(ddmmyy(b) + n) % 31]
    v = ddmmyy(b) + sign + n + c
    assert sm('fi.hetu').is_valid(v), v
    return v


def g_no_fnr(b=None):
    b = b or bdate(1954, 1999)
    return brute('no.fodselsnummer', lambda: ddmmyy(b) + '%03d' % R.randint(0, 499), k=2)


def g_cz_rc(b=None, sex=None, mod='cz.rc'):
    b = b or bdate(1954, 2003)
    sex = sex or pick('MF')
    mm = b.month + (50 if sex == 'F' else 0)
    return brute(mod, lambda: b.strftime('%y') + '%02d' % mm + b.strftime('%d') + d(3))


def fmt_rc(v):
    return v[:6] + '/' + v[6:]


def g_ro_cnp(b=None, sex=None):
    b = b or bdate()
    s = ('1' if sex != 'F' else '2') if b.year < 2000 else ('5' if sex != 'F' else '6')
    return brute('ro.cnp', lambda: s + yymmdd(b) + '%02d' % pick(list(range(1, 47)) + [51, 52]) + d(3))


def g_tr_tck():
    return brute('tr.tckimlik', lambda: d(9, True), k=2)


def g_ru_inn():
    return brute('ru.inn', lambda: pick(['77', '78', '50', '66', '16', '23', '54']) + d(8), k=2)


def g_ua_rntrc():
    return brute('ua.rntrc', lambda: d(9, True))


def g_gr_amka(b=None):
    b = b or bdate()
    return brute('gr.amka', lambda: ddmmyy(b) + d(4))


def g_gr_afm():
    return brute('gr.vat', lambda: '0' + d(7, True) if chance(0.2) else d(8, True))


def g_jp_mynumber():
    return brute('jp.in_', lambda: d(11, True))


def g_kr_rrn(b=None, sex=None):
    b = b or bdate(1955, 2004)
    g = ('1' if sex != 'F' else '2') if b.year < 2000 else ('3' if sex != 'F' else '4')
    return brute('kr.rrn', lambda: yymmdd(b) + g + '%02d' % R.randint(0, 95) + d(3))


def fmt_rrn(v):
    return v[:6] + '-' + v[6:]


def g_cn_ric(b=None):
    b = b or bdate()
    areas = ['110101', '110105', '310104', '310115', '440305', '440106', '510107', '330106', '320102', '420106', '110108', '310101', '440303']
    return brute('cn.ric', lambda: pick(areas) + b.strftime('%Y%m%d') + d(3), alpha=DIG + 'X')


def g_in_aadhaar():
    return brute('in_.aadhaar', lambda: pick('23456789') + d(10))


def fmt_aadhaar(v):
    return ' '.join([v[:4], v[4:8], v[8:]])


def g_in_pan(last='Sharma'):
    ini = (unicodedata.normalize('NFKD', last).encode('ascii', 'ignore').decode().upper() or 'K')[0]
    if not ini.isalpha():
        ini = 'K'
    v = rs(UP, 3) + 'P' + ini + d(4) + pick(UP)
    assert sm('in_.pan').is_valid(v), v
    return v


def g_gb_nhs():
    return brute('gb.nhs', lambda: pick('4') + d(8))


def fmt_nhs(v):
    return '%s %s %s' % (v[:3], v[3:6], v[6:])


def g_gb_utr():
    return _utr()


def _utr():
    m = sm('gb.utr')
    while True:
        body = d(9, True)
        for c in DIG:
            if m.is_valid(c + body):
                return c + body


def g_us_ssn():
    while True:
        area = R.randint(1, 899)
        if area == 666:
            continue
        v = '%03d-%02d-%04d' % (area, R.randint(1, 99), R.randint(1, 9999))
        if sm('us.ssn').is_valid(v):
            return v


def g_us_itin():
    while True:
        v = '9%02d-%02d-%04d' % (R.randint(0, 99), pick(list(range(70, 89)) + [90, 91, 92] + list(range(94, 100))), R.randint(0, 9999))
        if sm('us.itin').is_valid(v):
            return v


def g_au_tfn():
    return brute('au.tfn', lambda: d(8, True))


def g_ca_sin():
    return brute('ca.sin', lambda: pick('1234567') + d(7))


def fmt3(v, sep=' '):
    return sep.join(v[i:i + 3] for i in range(0, len(v), 3))


def g_nz_ird():
    return brute('nz.ird', lambda: d(7, True))


def g_il_idnr():
    return brute('il.idnr', lambda: d(8, True))


def g_th_pin():
    return brute('th.pin', lambda: pick('12345678') + d(11))


def fmt_th_pin(v):
    return '%s-%s-%s-%s-%s' % (v[0], v[1:5], v[5:10], v[10:12], v[12])


def g_vn_mst():
    return brute('vn.mst', lambda: '0' + d(8, True))


def g_id_nik(b=None, sex=None):
    b = b or bdate()
    dd = b.day + (40 if sex == 'F' else 0)
    areas = ['317101', '317402', '327301', '357801', '517101', '127101', '337401', '647201']
    return brute('id.nik', lambda: pick(areas) + '%02d' % dd + b.strftime('%m%y') + '%03d' % R.randint(1, 300), tries=200)


def g_id_npwp():
    return _npwp()


def _npwp():
    m = sm('id.npwp')
    while True:
        base = d(8, True)
        for c in DIG:
            v = base + c + d(6)
            if m.is_valid(v):
                return v


def fmt_npwp(v):
    return '%s.%s.%s.%s-%s.%s' % (v[:2], v[2:5], v[5:8], v[8], v[9:12], v[12:])


def g_mx_curp(first='Juan', last1='Perez', last2='Garcia', b=None, sex='H'):
    b = b or bdate()
    def up(s):
        return unicodedata.normalize('NFKD', s).encode('ascii', 'ignore').decode().upper().replace(' ', '') or 'X'
    l1, l2, f = up(last1), up(last2), up(first)
    vow = next((c for c in l1[1:] if c in 'AEIOU'), 'X')
    head = l1[0] + vow + l2[0] + f[0]
    def inner(s):
        return next((c for c in s[1:] if c.isalpha() and c not in 'AEIOU'), 'X')
    state = pick(['DF', 'JC', 'NL', 'MC', 'PL', 'GT', 'VZ', 'YN', 'CH', 'BC'])
    diff = pick(DIG) if b.year < 2000 else pick(UP)
    p = head + yymmdd(b) + sex + state + inner(l1) + inner(l2) + inner(f) + diff
    return brute('mx.curp', lambda: p)


def g_mx_rfc(curp):
    return brute('mx.rfc', lambda: curp[:10] + rs(UP + DIG, 2), alpha=DIG + 'A', tries=200)


def g_ar_cuit():
    return brute('ar.cuit', lambda: pick(['20', '27', '23']) + d(8, True))


def fmt_cuit(v):
    return '%s-%s-%s' % (v[:2], v[2:10], v[10])


def g_cl_rut():
    return brute('cl.rut', lambda: str(R.randint(5000000, 26000000)), alpha=DIG + 'K')


def fmt_rut(v):
    body, c = v[:-1], v[-1]
    return '{:,}'.format(int(body)).replace(',', '.') + '-' + c


def g_co_nit():
    return brute('co.nit', lambda: str(R.randint(10000000, 1199999999)))


def fmt_co_nit(v):
    return '{:,}'.format(int(v[:-1])).replace(',', '.') + '-' + v[-1]


def g_za_id(b=None, sex=None):
    b = b or bdate()
    g = R.randint(5000, 9999) if sex != 'F' else R.randint(0, 4999)
    return brute('za.idnr', lambda: yymmdd(b) + '%04d' % g + '08')


def g_bg_egn(b=None):
    b = b or bdate(1952, 1999)
    return brute('bg.egn', lambda: yymmdd(b) + d(3))


def g_ie_pps():
    return brute('ie.pps', lambda: d(7), alpha='ABCDEFGHIJKLMNOPQRSTUVW')


def g_be_nn(b=None):
    b = b or bdate(1952, 1999)
    return brute('be.nn', lambda: yymmdd(b) + '%03d' % R.randint(1, 997), k=2)


def fmt_be_nn(v):
    return '%s.%s.%s-%s.%s' % (v[:2], v[2:4], v[4:6], v[6:9], v[9:])


def g_ch_ahv():
    return brute('ch.ssn', lambda: '756' + d(9))


def fmt_ahv(v):
    return '%s.%s.%s.%s' % (v[:3], v[3:7], v[7:11], v[11:])


def g_at_vnr(b=None):
    b = b or bdate()
    m = sm('at.vnr')
    while True:
        s = str(R.randint(100, 999))
        for c in DIG:
            v = s + c + ddmmyy(b)
            if m.is_valid(v):
                return v


def g_my_nric(b=None):
    b = b or bdate()
    return brute('my.nric', lambda: yymmdd(b) + pick(['01', '02', '05', '07', '08', '10', '14']) + d(3))


def fmt_my(v):
    return '%s-%s-%s' % (v[:6], v[6:8], v[8:])


def g_sk_rc(b=None, sex=None):
    return g_cz_rc(b, sex, 'sk.rc')


# validators used for "negatives must fail everything"
ALL_IDS = ['de.idnr', 'fr.nir', 'fr.nif', 'es.dni', 'es.nie', 'it.codicefiscale', 'nl.bsn', 'pl.pesel', 'pl.nip', 'pt.nif',
           'pt.cc', 'br.cpf', 'br.cnpj', 'se.personnummer', 'dk.cpr', 'fi.hetu', 'no.fodselsnummer', 'cz.rc', 'ro.cnp',
           'tr.tckimlik', 'ru.inn', 'ua.rntrc', 'gr.amka', 'gr.vat', 'jp.in_', 'kr.rrn', 'cn.ric', 'in_.aadhaar',
           'in_.pan', 'gb.nhs', 'gb.utr', 'us.ssn', 'us.itin', 'au.tfn', 'ca.sin', 'nz.ird', 'il.idnr', 'th.pin',
           'vn.mst', 'id.nik', 'id.npwp', 'mx.curp', 'mx.rfc', 'ar.cuit', 'cl.rut', 'co.nit', 'za.idnr', 'bg.egn',
           'ie.pps', 'be.nn', 'ch.ssn', 'at.vnr', 'my.nric', 'sk.rc']


NO_CHECKSUM = {'us.ssn', 'us.itin', 'in_.pan', 'dk.cpr', 'my.nric', 'id.nik'}


def valid_any(v):
    for m in ALL_IDS:
        if m in NO_CHECKSUM:
            continue
        try:
            if sm(m).is_valid(v):
                return m
        except Exception:
            pass
    c = re.sub(r'[\s.\-/]', '', v)
    if c.isdigit() and 12 <= len(c) <= 19 and luhn.is_valid(c):
        return 'luhn'
    if std_iban.is_valid(v):
        return 'iban'
    return None


def corrupt(v, mod, positions=None):
    """Change one digit of a valid id so its own validator (and all others) fail.
    Formatting (separators) is preserved."""
    idx = [i for i, c in enumerate(v) if c.isdigit()]
    if positions == 'last':
        idx = idx[-2:]
    for _ in range(400):
        i = pick(idx)
        c = pick([x for x in DIG if x != v[i]])
        w = v[:i] + c + v[i + 1:]
        if mod == 'luhn':
            cc = re.sub(r'\D', '', w)
            if luhn.is_valid(cc):
                continue
        elif mod == 'iban':
            if std_iban.is_valid(w):
                continue
        elif sm(mod).is_valid(w):
            continue
        if valid_any(w):
            continue
        return w
    raise RuntimeError('cannot corrupt %s %s' % (mod, v))


def ID(kind, value, form, pos=True, **kw):
    """Label for an id.  kind = stdnum module name; validated at the end."""
    return L(value, 'national_id', form, pos, validator=kind, **kw)


# ----------------------------------------------------------------------------
# IBAN / cards
# ----------------------------------------------------------------------------
IBAN_BANKS = {
    'DE': ['10070000', '37040044', '50010517', '20041133', '70150000', '12030000', '76026000', '60050101'],
    'NL': ['ABNA', 'INGB', 'RABO', 'TRIO', 'SNSB', 'ASNB', 'KNAB'],
    'GB': ['NWBK', 'BARC', 'HBUK', 'LOYD', 'MIDL', 'MONZ'],
    'FR': ['30004', '30006', '20041', '10278', '30003', '16606'],
    'IT': ['X0542811101', 'X0306909606', 'Z0200802480', 'K0503401633'],
    'ES': ['2100', '0049', '0182', '0081', '2085'],
    'BE': ['539', '068', '001', '363'],
}


def gen_iban(cc):
    struct_ = None
    with open(os.path.join(os.path.dirname(std_iban.__file__), 'iban.dat'), encoding='utf-8') as fh:
        for ln in fh:
            if ln.startswith(cc + ' '):
                struct_ = re.search(r'bban="([^"]+)"', ln).group(1)
    assert struct_, cc
    for _ in range(20000):
        bban = ''
        for n, t in re.findall(r'(\d+)!([nac])', struct_):
            n = int(n)
            bban += rs(DIG, n) if t in 'nc' else rs(UP, n)
        banks = IBAN_BANKS.get(cc)
        if banks and chance(0.8):
            b = pick(banks)
            bban = b + bban[len(b):]
        chk = std_iban.calc_check_digits(cc + '00' + bban)
        v = cc + chk + bban
        if std_iban.is_valid(v):
            return v
    raise RuntimeError('iban ' + cc)


def iban_grp(v):
    return ' '.join(v[i:i + 4] for i in range(0, len(v), 4))


def IB(value, form, pos=True, **kw):
    return L(value, 'iban', form, pos, validator='iban', **kw)


CARD_BRANDS = {
    'visa': (['4'], [16]), 'visa13': (['4'], [13]), 'visa19': (['4'], [19]),
    'mc': (['51', '52', '53', '54', '55', '2221', '2300', '2500', '2720'], [16]),
    'amex': (['34', '37'], [15]), 'discover': (['6011', '644', '65'], [16]),
    'jcb': (['3528', '3540', '3566', '3589'], [16]), 'diners': (['36', '300', '305', '38'], [14]),
    'unionpay': (['62'], [16, 19]), 'maestro': (['6759', '5018', '5020', '6304'], [16, 19]),
    'mir': (['2200', '2201', '2202', '2204'], [16]), 'rupay': (['6521', '6522', '508', '607'], [16]),
    'elo': (['636368', '438935', '504175', '451416', '509048'], [16]), 'troy': (['9792'], [16]),
    'hipercard': (['606282'], [16]), 'dankort': (['5019'], [16]), 'bccard': (['9409'], [16]),
}


def gen_card(brand):
    pre, lens = CARD_BRANDS[brand]
    p = pick(pre)
    n = pick(lens)
    body = p + d(n - len(p) - 1)
    for c in DIG:
        if luhn.is_valid(body + c):
            return body + c


def card_grp(v, sep=' '):
    if len(v) == 15:
        return sep.join([v[:4], v[4:10], v[10:]])
    if len(v) == 14:
        return sep.join([v[:4], v[4:10], v[10:]])
    if len(v) == 19 and chance(0.5):
        return sep.join([v[:4], v[4:8], v[8:12], v[12:16], v[16:]])
    return sep.join(v[i:i + 4] for i in range(0, len(v), 4))


def nonluhn(n, first='123456789'):
    while True:
        v = pick(first) + d(n - 1)
        if not luhn.is_valid(v):
            return v


def CARD(value, form, pos=True, **kw):
    return L(value, 'card', form, pos, validator='luhn', **kw)


def bad_card(brand, sep=None):
    v = gen_card(brand)
    if sep:
        v = card_grp(v, sep)
    return corrupt(v, 'luhn')


# ----------------------------------------------------------------------------
# people
# ----------------------------------------------------------------------------
FAKER_LOC = {'nb_NO': 'no_NO', 'en_ZA': 'en_GB', 'ar_AE': 'ar_AE'}
_FK = {}


def fk(loc):
    if loc not in _FK:
        f = Faker(FAKER_LOC.get(loc, loc))
        f.seed_instance(SEED * 7919 + zlib.crc32(loc.encode()) % 100000)
        _FK[loc] = f
    return _FK[loc]


HAND = {
    'ar_SA': (['محمد', 'عبدالله', 'فهد', 'خالد', 'سلطان', 'تركي', 'عبدالعزيز', 'ناصر'], ['نورة', 'سارة', 'ريم', 'لطيفة', 'هيفاء', 'منيرة', 'العنود'],
              ['القحطاني', 'الغامدي', 'الزهراني', 'الحربي', 'العتيبي', 'الدوسري', 'الشهري', 'المطيري', 'العنزي', 'السبيعي']),
    'ar_AE': (['راشد', 'سعيد', 'حمدان', 'مكتوم', 'أحمد', 'عمر'], ['مريم', 'شما', 'عائشة', 'فاطمة', 'حصة'], ['المنصوري', 'الكعبي', 'الشامسي', 'المزروعي', 'الظاهري', 'النعيمي']),
    'en_ZA': (['Thabo', 'Sipho', 'Pieter', 'Johan', 'Mandla', 'Bongani', 'Riaan', 'Tshepo'], ['Lerato', 'Nomvula', 'Anri', 'Thandeka', 'Zanele', 'Marelize', 'Palesa'],
              ['Nkosi', 'Dlamini', 'Mokoena', 'van der Merwe', 'Botha', 'Naidoo', 'Khumalo', 'Pretorius', 'Mahlangu', 'Coetzee']),
    'en_NG': (['Chinedu', 'Emeka', 'Tunde', 'Ibrahim', 'Oluwaseun', 'Yusuf', 'Obinna', 'Kelechi'], ['Ngozi', 'Funmilayo', 'Aisha', 'Chiamaka', 'Adaeze', 'Temitope', 'Zainab'],
              ['Okafor', 'Adeyemi', 'Okonkwo', 'Bello', 'Eze', 'Abubakar', 'Olawale', 'Nwosu', 'Adebayo', 'Ogunleye']),
    'fil_PH': (['Jose', 'Mark Anthony', 'Juan Miguel', 'Rodel', 'Jerome', 'Paolo', 'Christian'], ['Maria Cristina', 'Jocelyn', 'Kristine', 'Rowena', 'Mary Grace', 'Angelica'],
               ['dela Cruz', 'Santos', 'Reyes', 'Bautista', 'Garcia', 'Mendoza', 'Villanueva', 'Ramos', 'Aquino', 'Castillo']),
    'vi_VN': (['Văn Hùng', 'Minh Tuấn', 'Quốc Bảo', 'Đức Anh', 'Thành Long', 'Hoàng Nam'], ['Thị Lan', 'Ngọc Anh', 'Thu Trang', 'Phương Linh', 'Thị Hương', 'Bảo Ngọc'],
              ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Đặng', 'Bùi']),
    'tr_TR': (['Mehmet', 'Mustafa', 'Ahmet', 'Emre', 'Burak', 'Hakan', 'Murat', 'Oğuz'], ['Ayşe', 'Fatma', 'Zeynep', 'Elif', 'Merve', 'Büşra', 'Gülşen'],
              ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Öztürk', 'Aydın', 'Arslan', 'Doğan']),
}
FAMILY_FIRST = {'ja_JP', 'zh_CN', 'zh_TW', 'ko_KR', 'hu_HU', 'vi_VN'}
NO_SPACE = {'zh_CN', 'zh_TW', 'ko_KR'}
ROMAN = {
    'ja_JP': ['tanaka', 'suzuki', 'sato', 'takahashi', 'watanabe', 'ito', 'yamamoto', 'nakamura', 'kobayashi', 'kato', 'yoshida', 'yamada'],
    'zh_CN': ['wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'sun'],
    'zh_TW': ['chen', 'lin', 'huang', 'chang', 'lee', 'wang', 'wu', 'liu', 'tsai', 'yang'],
    'ko_KR': ['kim', 'lee', 'park', 'choi', 'jung', 'kang', 'cho', 'yoon', 'jang', 'lim'],
    'he_IL': ['cohen', 'levi', 'mizrahi', 'peretz', 'biton', 'dahan', 'avraham', 'friedman', 'katz', 'shapiro'],
    'ar_SA': ['alqahtani', 'alghamdi', 'alzahrani', 'alharbi', 'alotaibi', 'aldosari', 'alshehri', 'almutairi'],
    'ar_AE': ['almansoori', 'alkaabi', 'alshamsi', 'almazrouei', 'aldhaheri', 'alnuaimi'],
    'th_TH': ['somchai', 'suda', 'niran', 'kanya', 'prasert', 'malee', 'wichai', 'siriporn'],
    'hi_IN': ['sharma', 'verma', 'gupta', 'singh', 'kumar', 'patel', 'iyer', 'reddy', 'joshi', 'mehta'],
    'el_GR': ['papadopoulos', 'georgiou', 'nikolaou', 'ioannou', 'konstantinou', 'pappas', 'vlachos'],
}
CYR = dict(zip('абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ',
               ['a', 'b', 'v', 'g', 'd', 'e', 'e', 'zh', 'z', 'i', 'y', 'k', 'l', 'm', 'n', 'o', 'p', 'r', 's', 't', 'u', 'f', 'kh', 'ts', 'ch', 'sh', 'shch', '', 'y', '', 'e', 'yu', 'ya', 'i', 'yi', 'ye', 'g']))
GRK = dict(zip('αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰ', ['a', 'v', 'g', 'd', 'e', 'z', 'i', 'th', 'i', 'k', 'l', 'm', 'n', 'x', 'o', 'p', 'r', 's', 's', 't', 'y', 'f', 'ch', 'ps', 'o', 'a', 'e', 'i', 'i', 'o', 'y', 'o', 'i', 'y', 'i', 'y']))


def translit(s):
    out = []
    for ch in s.lower():
        if ch in CYR:
            out.append(CYR[ch])
        elif ch in GRK:
            out.append(GRK[ch])
        else:
            out.append(ch)
    s = unicodedata.normalize('NFKD', ''.join(out)).encode('ascii', 'ignore').decode()
    s = s.replace('ß', 'ss')
    return re.sub(r'[^a-z]', '', s)


FREEMAIL = {
    'de_DE': ['web.de', 'gmx.de', 't-online.de', 'gmail.com', 'posteo.de', 'freenet.de'],
    'fr_FR': ['orange.fr', 'free.fr', 'laposte.net', 'gmail.com', 'sfr.fr', 'hotmail.fr'],
    'es_ES': ['gmail.com', 'hotmail.es', 'yahoo.es', 'telefonica.net'], 'it_IT': ['libero.it', 'virgilio.it', 'gmail.com', 'tiscali.it', 'alice.it'],
    'nl_NL': ['ziggo.nl', 'kpnmail.nl', 'gmail.com', 'hotmail.nl', 'xs4all.nl'], 'pl_PL': ['wp.pl', 'onet.pl', 'o2.pl', 'interia.pl', 'gmail.com'],
    'pt_BR': ['gmail.com', 'uol.com.br', 'bol.com.br', 'hotmail.com', 'terra.com.br'], 'pt_PT': ['sapo.pt', 'gmail.com', 'clix.pt'],
    'sv_SE': ['telia.com', 'gmail.com', 'hotmail.se', 'bredband.net'], 'da_DK': ['mail.dk', 'gmail.com', 'jubii.dk'],
    'fi_FI': ['elisanet.fi', 'gmail.com', 'kolumbus.fi'], 'nb_NO': ['online.no', 'gmail.com', 'hotmail.no'],
    'cs_CZ': ['seznam.cz', 'email.cz', 'centrum.cz', 'gmail.com'], 'sk_SK': ['azet.sk', 'zoznam.sk', 'gmail.com'],
    'hu_HU': ['freemail.hu', 'citromail.hu', 'gmail.com'], 'ro_RO': ['yahoo.ro', 'gmail.com'],
    'tr_TR': ['gmail.com', 'hotmail.com.tr', 'yandex.com.tr'], 'ru_RU': ['yandex.ru', 'mail.ru', 'rambler.ru', 'gmail.com'],
    'uk_UA': ['ukr.net', 'i.ua', 'gmail.com'], 'el_GR': ['otenet.gr', 'gmail.com', 'yahoo.gr'],
    'ja_JP': ['docomo.ne.jp', 'yahoo.co.jp', 'gmail.com', 'ezweb.ne.jp'], 'ko_KR': ['naver.com', 'daum.net', 'hanmail.net', 'gmail.com'],
    'zh_CN': ['qq.com', '163.com', '126.com', 'sina.com'], 'zh_TW': ['yahoo.com.tw', 'gmail.com', 'hinet.net'],
    'hi_IN': ['gmail.com', 'rediffmail.com', 'yahoo.co.in'], 'en_IN': ['gmail.com', 'rediffmail.com', 'outlook.com'],
    'en_GB': ['btinternet.com', 'gmail.com', 'hotmail.co.uk', 'sky.com'], 'en_US': ['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'comcast.net'],
    'en_AU': ['bigpond.com', 'gmail.com', 'optusnet.com.au'], 'en_CA': ['rogers.com', 'gmail.com', 'shaw.ca', 'sympatico.ca'],
    'en_NZ': ['xtra.co.nz', 'gmail.com'], 'he_IL': ['walla.co.il', 'gmail.com', 'bezeqint.net'],
    'ar_SA': ['gmail.com', 'hotmail.com', 'outlook.sa'], 'ar_AE': ['gmail.com', 'emirates.net.ae'], 'th_TH': ['gmail.com', 'hotmail.co.th'],
    'vi_VN': ['gmail.com', 'yahoo.com.vn'], 'id_ID': ['gmail.com', 'yahoo.co.id'], 'es_MX': ['gmail.com', 'hotmail.com', 'prodigy.net.mx'],
    'es_AR': ['gmail.com', 'fibertel.com.ar', 'hotmail.com.ar'], 'es_CL': ['gmail.com', 'vtr.net'], 'es_CO': ['gmail.com', 'hotmail.com'],
    'en_ZA': ['gmail.com', 'mweb.co.za', 'telkomsa.net'], 'en_NG': ['gmail.com', 'yahoo.com'], 'fil_PH': ['gmail.com', 'yahoo.com.ph'],
    'en_IE': ['eircom.net', 'gmail.com'], 'bg_BG': ['abv.bg', 'mail.bg'], 'de_AT': ['gmx.at', 'aon.at'], 'de_CH': ['bluewin.ch', 'gmx.ch'],
    'fr_BE': ['skynet.be', 'telenet.be'], 'nl_BE': ['telenet.be', 'proximus.be'],
}
REGION = {'de_DE': 'DE', 'fr_FR': 'FR', 'es_ES': 'ES', 'it_IT': 'IT', 'nl_NL': 'NL', 'pl_PL': 'PL', 'pt_BR': 'BR', 'pt_PT': 'PT', 'sv_SE': 'SE',
          'da_DK': 'DK', 'fi_FI': 'FI', 'nb_NO': 'NO', 'cs_CZ': 'CZ', 'sk_SK': 'SK', 'hu_HU': 'HU', 'ro_RO': 'RO', 'tr_TR': 'TR', 'ru_RU': 'RU',
          'uk_UA': 'UA', 'el_GR': 'GR', 'ja_JP': 'JP', 'ko_KR': 'KR', 'zh_CN': 'CN', 'zh_TW': 'TW', 'hi_IN': 'IN', 'en_IN': 'IN',
          'en_GB': 'GB', 'en_US': 'US', 'en_AU': 'AU', 'en_CA': 'CA', 'en_NZ': 'NZ', 'he_IL': 'IL', 'ar_SA': 'SA', 'ar_AE': 'AE',
          'th_TH': 'TH', 'vi_VN': 'VN', 'id_ID': 'ID', 'es_MX': 'MX', 'es_AR': 'AR', 'es_CL': 'CL', 'es_CO': 'CO', 'en_ZA': 'ZA',
          'en_NG': 'NG', 'fil_PH': 'PH', 'en_IE': 'IE', 'bg_BG': 'BG', 'de_AT': 'AT', 'de_CH': 'CH', 'fr_BE': 'BE', 'nl_BE': 'BE'}


class Person:
    pass


def _fn(f, loc, sex):
    if loc in HAND:
        h = HAND[loc]
        return pick(h[0] if sex == 'M' else h[1]), pick(h[2])
    try:
        first = f.first_name_male() if sex == 'M' else f.first_name_female()
    except AttributeError:
        first = f.first_name()
    try:
        last = f.last_name_male() if sex == 'M' else f.last_name_female()
    except AttributeError:
        last = f.last_name()
    return first, last


def person(loc, sex=None, company_domain=None):
    f = fk(loc)
    p = Person()
    p.loc = loc
    p.sex = sex or pick('MF')
    p.first, p.last = _fn(f, loc, p.sex)
    if loc in FAMILY_FIRST:
        p.full = p.last + ('' if loc in NO_SPACE else ' ') + p.first
    else:
        p.full = p.first + ' ' + p.last
    p.dob = bdate()
    if loc in ROMAN:
        lp = pick(ROMAN[loc])
        fi = translit(p.first)[:1] or pick(LO)
        local = pick([lp + '.' + fi, fi + lp, lp + d(2), lp + '_' + fi + d(2)])
    else:
        fi, la = translit(p.first.split()[0]), translit(p.last.replace(' ', ''))
        if not fi:
            fi = pick(['anna', 'marek', 'jan', 'eva'])
        if not la:
            la = pick(['nowak', 'smith'])
        local = pick([fi + '.' + la, fi[0] + '.' + la, fi + la[:1] + d(2), la + '.' + fi, fi + '_' + la, fi + la + str(p.dob.year)[2:]])
    p.email = local + '@' + (company_domain or pick(FREEMAIL.get(loc, ['gmail.com'])))
    p.region = REGION.get(loc, 'US')
    return p


# ----------------------------------------------------------------------------
# phones
# ----------------------------------------------------------------------------
PT = pn.PhoneNumberType
NANP = {'US': ['212', '312', '415', '617', '713', '206', '305', '404', '503', '702', '808', '917', '646', '480', '615', '512', '720', '919'],
        'CA': ['416', '604', '514', '403', '613', '780', '902', '647', '778']}


def phone_num(region, kind='m'):
    t = PT.MOBILE if kind == 'm' else PT.FIXED_LINE
    ex = pn.example_number_for_type(region, t) or pn.example_number_for_type(region, PT.FIXED_LINE_OR_MOBILE)
    nsn = pn.national_significant_number(ex)
    for it in range(20000):
        keep = pick([0, 1, 1, 2, 2, 3]) if it < 15000 else max(2, len(nsn) - 7)
        cand = nsn[:keep] + d(len(nsn) - keep)
        if region in ('US', 'CA'):
            cand = pick(NANP[region]) + pick('23456789') + d(6)
        if cand[0] == '0' and region not in ('IT',):
            continue
        if region in ('US', 'CA') and cand[3:6] == '555':
            continue
        try:
            n = pn.parse('+%d%s' % (ex.country_code, cand))
        except pn.NumberParseException:
            continue
        if pn.is_valid_number(n) and pn.number_type(n) in (t, PT.FIXED_LINE_OR_MOBILE) and pn.region_code_for_number(n) == region:
            return n
    raise RuntimeError('phone ' + region)


def pfmt(n, style):
    F = pn.PhoneNumberFormat
    intl = pn.format_number(n, F.INTERNATIONAL)
    nat = pn.format_number(n, F.NATIONAL)
    e164 = pn.format_number(n, F.E164)
    digits_nat = re.sub(r'\D', '', nat)
    if style == 'intl':
        return intl
    if style == 'e164':
        return e164
    if style == 'nat':
        return nat
    if style == '00':
        return '00' + intl[1:]
    if style == 'intl_dash':
        return re.sub(r'[\s\-]+', '-', intl)
    if style == 'intl_nosep':
        return e164
    if style == 'nat_digits':
        return digits_nat
    if style == 'e164_noplus':
        return e164[1:]
    if style == 'nat_slash':
        g = re.split(r'[\s\-]+', nat.replace('(', '').replace(')', ''))
        return g[0] + '/' + ''.join(g[1:])
    if style == 'intl_trunk':
        g = nat.replace('(', '').replace(')', '')
        return '+%d (0)%s' % (n.country_code, g[1:] if g.startswith('0') else g)
    if style == 'dots':
        if len(digits_nat) == 10:
            return '.'.join(digits_nat[i:i + 2] for i in range(0, 10, 2))
        return nat.replace(' ', '.')
    if style == 'tel':
        return 'tel:' + e164
    if style == 'intl_paren':
        g = intl.split(' ', 2)
        return '%s (%s) %s' % (g[0], g[1], g[2]) if len(g) == 3 else intl
    raise ValueError(style)


def PH(p_or_region, style, form, kind='m', pos=True):
    region = p_or_region if isinstance(p_or_region, str) else p_or_region.region
    return L(pfmt(phone_num(region, kind), style), 'phone', form, pos)


# ----------------------------------------------------------------------------
# addresses (single-line, locale specific)
# ----------------------------------------------------------------------------

def address(loc, oneline=True):
    f = fk(loc)
    if loc == 'tr_TR':
        return '%s Mah. %s Sok. No:%d D:%d, %05d %s/%s' % (pick(['Caferağa', 'Kızılay', 'Bostanlı', 'Fenerbahçe', 'Levent']), pick(['Atatürk', 'Cumhuriyet', 'Gül', 'Lale', 'Menekşe', 'Bağdat']),
                                                  R.randint(1, 120), R.randint(1, 24), R.randint(1000, 81999), pick(['Kadıköy', 'Çankaya', 'Karşıyaka', 'Nilüfer', 'Beşiktaş']),
                                                  pick(['İstanbul', 'Ankara', 'İzmir', 'Bursa']))
    if loc in ('ar_SA',):
        return '%s %d، حي %s، %s %s' % (pick(['طريق الملك فهد', 'شارع التحلية', 'طريق الأمير سلطان', 'شارع العليا']), R.randint(1000, 9999),
                                       pick(['العليا', 'الملز', 'النسيم', 'الروضة', 'الحمراء']), pick(['الرياض', 'جدة', 'الدمام']), d(5))
    if loc == 'ar_AE':
        return 'فيلا %d، %s، %s' % (R.randint(1, 99), pick(['شارع الوصل', 'شارع الجميرا', 'شارع حمدان']), pick(['دبي', 'أبوظبي', 'الشارقة']))
    if loc == 'en_NG':
        return '%d %s, %s, %s' % (R.randint(1, 80), pick(['Adeola Odeku Street', 'Allen Avenue', 'Admiralty Way', 'Awolowo Road', 'Aminu Kano Crescent']),
                                 pick(['Victoria Island', 'Ikeja', 'Lekki Phase 1', 'Ikoyi', 'Wuse II']), pick(['Lagos', 'Abuja']))
    if loc == 'en_ZA':
        return '%d %s, %s, %s, %04d' % (R.randint(1, 200), pick(['Jan Smuts Avenue', 'Oxford Road', 'Long Street', 'Rivonia Road', 'Florida Road']),
                                        pick(['Parktown', 'Rosebank', 'Sandton', 'Gardens', 'Morningside']), pick(['Johannesburg', 'Cape Town', 'Durban']), R.randint(1, 9999))
    if loc == 'fil_PH':
        return '%d %s St., Brgy. %s, %s, %s %04d' % (R.randint(1, 300), pick(['Mabini', 'Rizal', 'Bonifacio', 'Katipunan', 'Del Pilar']),
                                                    pick(['San Antonio', 'Poblacion', 'Kapitolyo', 'Bel-Air', 'Malate']), pick(['Pasig City', 'Makati City', 'Quezon City', 'Manila']),
                                                    'Metro Manila', R.randint(1000, 1800))
    if loc == 'vi_VN':
        return 'Số %d %s, Phường %d, Quận %d, TP. Hồ Chí Minh' % (R.randint(1, 300), pick(['Nguyễn Huệ', 'Lê Lợi', 'Hai Bà Trưng', 'Điện Biên Phủ', 'Pasteur']), R.randint(1, 15), R.randint(1, 12))
    if loc == 'ja_JP':
        return '〒%s-%s %s%s%s%s%s' % (d(3), d(4), f.prefecture(), f.city(), f.town(), f.chome(), f.ban())
    if loc == 'bg_BG':
        return 'ул. „%s“ %d, %s %s' % (pick(['Витоша', 'Граф Игнатиев', 'Шипка', 'Раковски']), R.randint(1, 90), d(4, True), pick(['София', 'Пловдив', 'Варна']))
    if loc == 'en_IN' or loc == 'hi_IN':
        return '%s, %s, %s - %s' % (pick(['Flat 302, Sai Residency', 'H.No. 12-2-417', '14/B, Shanti Niketan', 'Plot 77, Sector 21', 'B-1104, Lodha Palava']),
                                    pick(['Banjara Hills', 'Andheri West', 'Koramangala 4th Block', 'Salt Lake Sector V', 'Anna Nagar']),
                                    pick(['Hyderabad', 'Mumbai', 'Bengaluru', 'Kolkata', 'Chennai']), d(6, True))
    loc2 = {'nb_NO': 'no_NO'}.get(loc, loc)
    a = f.address()
    if oneline:
        a = re.sub(r'\s*\n\s*', ', ', a).strip()
    return a


def ADDR(loc, form, pos=True):
    return L(address(loc), 'address', form, pos)


# ----------------------------------------------------------------------------
# IPs / MACs
# ----------------------------------------------------------------------------
import ipaddress


def pub_ipv4():
    while True:
        a = ipaddress.IPv4Address(R.getrandbits(32))
        if a.is_global and not a.is_multicast and str(a).split('.')[0] not in ('0', '100', '127', '169', '192', '198', '203', '224', '240'):
            return str(a)


def pub_ipv6():
    pre = pick(['2a02:8108', '2a01:598', '2001:16b8', '2a00:1450', '2600:1700', '2407:7000', '2408:8207', '2a0a:a540', '2001:4c4c', '2003:e8'])
    groups = pre.split(':') + ['%x' % R.randint(0, 0xffff) for _ in range(8 - len(pre.split(':')))]
    a = ipaddress.IPv6Address(':'.join(groups))
    assert a.is_global
    return str(a) if chance(0.6) else a.exploded


def mac(style=':', upper=False):
    oui = pick(['3c:22:fb', 'a4:83:e7', 'f0:18:98', 'dc:a6:32', '00:1b:63', 'b8:27:eb', '88:66:5a', 'ac:de:48', '7c:d1:c3', '50:eb:f5', 'e4:5f:01', '98:01:a7'])
    b = oui.split(':') + ['%02x' % R.randint(0, 255) for _ in range(3)]
    if style == 'cisco':
        h = ''.join(b)
        v = '%s.%s.%s' % (h[:4], h[4:8], h[8:])
    elif style == '':
        v = ''.join(b)
    else:
        v = style.join(b)
    return v.upper() if upper else v


# ----------------------------------------------------------------------------
# secrets
# ----------------------------------------------------------------------------

def b62(n):
    s = ''
    while n:
        n, r = divmod(n, 62)
        s = B62[r] + s
    return s or '0'


def gh_token(prefix='ghp_'):
    ent = rs(ALNUM, 30)
    return prefix + ent + b62(zlib.crc32(ent.encode())).rjust(6, '0')


def gh_pat_fine():
    return 'github_pat_' + rs(ALNUM, 22) + '_' + rs(ALNUM, 59)


def aws_akid(prefix='AKIA'):
    return prefix + rs('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)


def aws_secret():
    return rs(ALNUM + '/+', 40)


def aws_session():
    return 'IQoJb3JpZ2luX2VjE' + rs(ALNUM + '/+', 340) + '=='


def slack_bot():
    return 'xoxb-%s-%s-%s' % (d(12, True), d(13, True), rs(ALNUM, 24))


def slack_user():
    return 'xoxp-%s-%s-%s-%s' % (d(12, True), d(12, True), d(13, True), rs(HEX, 32))


def slack_webhook():
    return 'https://hooks.slack.com/services/T%s/B%s/%s' % (rs(UP + DIG, 8), rs(UP + DIG, 10), rs(ALNUM, 24))


def stripe(kind='sk_live_'):
    return kind + rs(ALNUM, pick([24, 99]) if kind.startswith('sk') else 24)


def glpat():
    return 'glpat-' + rs(ALNUM + '-_', 20)


def google_key():
    return 'AIza' + rs(ALNUM + '-_', 35)


def sendgrid():
    return 'SG.' + rs(ALNUM + '-_', 22) + '.' + rs(ALNUM + '-_', 43)


def npm_tok():
    return 'npm_' + rs(ALNUM, 36)


def pypi_tok():
    return 'pypi-AgEIcHlwaS5vcmc' + rs(B64U, 160)


def openai_key():
    return 'sk-proj-' + rs(ALNUM + '-_', 74) + 'T3BlbkFJ' + rs(ALNUM + '-_', 74)


def anthropic_key():
    return 'sk-ant-api03-' + rs(ALNUM + '-_', 93) + 'AA'


def hf_tok():
    return 'hf_' + rs(string.ascii_letters, 34)


def shopify():
    return 'shpat_' + rs(HEX, 32)


def twilio_sk():
    return 'SK' + rs(HEX, 32)


def telegram():
    return '%s:AA%s' % (d(10, True), rs(ALNUM + '-_', 33))


def azure_storage_key():
    return base64.b64encode(bytes(R.getrandbits(8) for _ in range(64))).decode()


def azure_client_secret():
    return rs(ALNUM, 3) + '8Q~' + rs(ALNUM + '._~-', 31)


def docker_pat():
    return 'dckr_pat_' + rs(ALNUM + '-_', 27)


def password(strong=True):
    if strong:
        return rs(ALNUM, 6) + pick('!#%&*$@') + rs(ALNUM, 5) + pick('!#%?') + rs(ALNUM, 3)
    return pick(['Sommer', 'Winter', 'Fruehling', 'Bayern', 'Hamburg', 'Welcome', 'Passw0rd', 'Kaffee', 'Sunshine', 'Dragon']) + pick(['2023', '2024', '123', '!']) + pick(['!', '#', '', '?'])


def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b'=').decode()


def jwt(claims, key=None):
    h = b64u(json.dumps({'alg': 'HS256', 'typ': 'JWT'}, separators=(',', ':')).encode())
    p = b64u(json.dumps(claims, separators=(',', ':')).encode())
    key = key or bytes(R.getrandbits(8) for _ in range(32))
    s = b64u(hmac.new(key, (h + '.' + p).encode(), hashlib.sha256).digest())
    return h + '.' + p + '.' + s


def hexkey(n=32):
    return rs(HEX, n)


def SEC(value, form, pos=True, **kw):
    return L(value, 'secret', form, pos, **kw)


# --- private keys (deterministic given the seed) ---

def _is_prime(n):
    if n < 2:
        return False
    for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % p == 0:
            return n == p
    dd, s = n - 1, 0
    while dd % 2 == 0:
        dd //= 2
        s += 1
    for _ in range(24):
        a = R.randrange(2, n - 2)
        x = pow(a, dd, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _prime(bits):
    while True:
        c = R.getrandbits(bits) | (1 << (bits - 1)) | (1 << (bits - 2)) | 1
        if _is_prime(c):
            return c


def rsa_pem(bits=2048, pkcs8=False):
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives import serialization as ser
    e = 65537
    while True:
        p, q = _prime(bits // 2), _prime(bits // 2)
        if p != q and (p - 1) % e and (q - 1) % e:
            break
    n = p * q
    dd = pow(e, -1, (p - 1) * (q - 1))
    priv = rsa.RSAPrivateNumbers(p, q, dd, dd % (p - 1), dd % (q - 1), pow(q, -1, p), rsa.RSAPublicNumbers(e, n)).private_key()
    fmt = ser.PrivateFormat.PKCS8 if pkcs8 else ser.PrivateFormat.TraditionalOpenSSL
    return priv.private_bytes(ser.Encoding.PEM, fmt, ser.NoEncryption()).decode()


def ec_pem():
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives import serialization as ser
    k = ec.derive_private_key(R.getrandbits(250) + 1, ec.SECP256R1())
    return k.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.TraditionalOpenSSL, ser.NoEncryption()).decode()


def openssh_ed25519(comment='deploy@build-01'):
    from cryptography.hazmat.primitives.asymmetric import ed25519
    from cryptography.hazmat.primitives import serialization as ser
    seed = bytes(R.getrandbits(8) for _ in range(32))
    k = ed25519.Ed25519PrivateKey.from_private_bytes(seed)
    pub = k.public_key().public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw)

    def s(b):
        return struct.pack('>I', len(b)) + b
    pubblob = s(b'ssh-ed25519') + s(pub)
    chk = struct.pack('>I', R.getrandbits(32))
    priv = chk + chk + s(b'ssh-ed25519') + s(pub) + s(seed + pub) + s(comment.encode())
    i = 1
    while len(priv) % 8:
        priv += bytes([i])
        i += 1
    blob = b'openssh-key-v1\x00' + s(b'none') + s(b'none') + s(b'') + struct.pack('>I', 1) + s(pubblob) + s(priv)
    b = base64.b64encode(blob).decode()
    body = '\n'.join(b[i:i + 70] for i in range(0, len(b), 70))
    publine = 'ssh-ed25519 ' + base64.b64encode(pubblob).decode() + ' ' + comment
    return '-----BEGIN OPENSSH PRIVATE KEY-----\n' + body + '\n-----END OPENSSH PRIVATE KEY-----\n', publine


def self_signed_cert(cn):
    from cryptography import x509
    from cryptography.x509.oid import NameOID
    from cryptography.hazmat.primitives.asymmetric import ed25519
    from cryptography.hazmat.primitives import serialization as ser
    k = ed25519.Ed25519PrivateKey.from_private_bytes(bytes(R.getrandbits(8) for _ in range(32)))
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(k.public_key())
            .serial_number(R.getrandbits(64)).not_valid_before(dt.datetime(2024, 1, 10)).not_valid_after(dt.datetime(2025, 1, 10))
            .sign(k, None))
    keypem = k.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.PKCS8, ser.NoEncryption()).decode()
    return cert.public_bytes(ser.Encoding.PEM).decode(), keypem


def tiny_png(w=24, h=24):
    raw = b''.join(b'\x00' + bytes(R.getrandbits(8) for _ in range(w * 3)) for _ in range(h))

    def chunk(t, b):
        return struct.pack('>I', len(b)) + t + b + struct.pack('>I', zlib.crc32(t + b) & 0xffffffff)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')



# ============================================================================
# file generators
# ============================================================================

def de_num(x):
    s = '{:,.2f}'.format(x)
    return s.replace(',', 'X').replace('.', ',').replace('X', '.')


def f_de_excel():
    """Excel 'CSV (Trennzeichen-getrennt)' export: BOM, ';', CRLF, decimal comma."""
    D = Doc('finance/Kundenstamm_Export_2024-03.csv')
    D.add('\ufeff')
    hdr = ['Kundennr.', 'Anrede', 'Vorname', 'Nachname', 'Straße', 'PLZ', 'Ort', 'Geburtsdatum', 'Telefon', 'Mobil', 'E-Mail',
           'IBAN', 'BIC', 'Steuer-ID', 'Umsatz 2023 (EUR)', 'Kreditlimit', 'Letzter Auftrag', 'Auftragsnr.', 'Bemerkung']
    D.add(csv_row(hdr, ';', '\r\n'))
    for i in range(26):
        p = person('de_DE')
        f = fk('de_DE')
        street = f.street_address()
        plz, ort = f.postcode(), f.city()
        tel = PH('DE', pick(['nat', 'nat_slash', 'intl', 'intl_trunk']), 'phone_de_landline_excel_csv', kind='f') if chance(0.8) else ''
        mob = PH('DE', pick(['nat', 'intl', 'e164', 'nat_digits']), 'phone_de_mobile_excel_csv') if chance(0.85) else ''
        ib = gen_iban('DE')
        if i in (5, 17):
            ibl = IB(corrupt(iban_grp(ib), 'iban'), 'neg_iban_de_typo_excel_csv', False)
        else:
            ibl = IB(iban_grp(ib) if chance(0.6) else ib, 'iban_de_excel_csv')
        sid = g_de_idnr()
        if i in (3, 20):
            sidl = ID('de.idnr', corrupt(sid, 'de.idnr'), 'neg_de_steuerid_typo_excel_csv', False)
        else:
            sidv = pick([sid, '%s %s %s %s' % (sid[:2], sid[2:5], sid[5:8], sid[8:]), sid])
            sidl = ID('de.idnr', sidv, 'de_steuerid_excel_csv')
        bem = ''
        if i % 5 == 2:
            bem = T('Rückruf erbeten; tagsüber unter ', PH('DE', 'nat', 'phone_de_in_remark_cell', kind='f'), ' erreichbar')
        elif i % 7 == 3:
            bem = T('Zahlt per Lastschrift; Mandat vom ', N(rdate().strftime('%d.%m.%Y'), 'dob', 'neg_dob_mandate_date_remark'))
        auftr = N('45' + d(8), 'phone', 'neg_sap_po_number_10digit')
        row = ['%d' % (100000 + R.randint(0, 89999)), 'Herr' if p.sex == 'M' else 'Frau', L(p.first, 'name', 'name_given_excel_csv_de'),
               L(p.last, 'name', 'name_family_excel_csv_de'), L(street, 'address', 'address_street_col_excel_csv_de'), plz, ort,
               L(p.dob.strftime('%d.%m.%Y'), 'dob', 'dob_ddmmyyyy_excel_csv_de'), tel, mob, L(p.email, 'email', 'email_excel_csv_de'),
               ibl, pick(['COBADEFFXXX', 'DEUTDEDBBER', 'BYLADEM1001', 'GENODEF1S10', 'PBNKDEFFXXX']), sidl,
               de_num(R.uniform(100, 250000)), de_num(pick([5000, 10000, 25000, 50000])),
               N(rdate().strftime('%d.%m.%Y'), 'dob', 'neg_dob_last_order_date_excel'), auftr, bem]
        D.add(csv_row(row, ';', '\r\n'))


def f_fr_excel():
    """French payroll export: BOM, ';', decimal comma, NBSP thousands."""
    D = Doc('rh/export_paie_2024-02_salaries.csv')
    D.add('\ufeff')
    hdr = ['Matricule', 'Civilité', 'Nom', 'Prénom', 'Date de naissance', 'N° Sécurité sociale', 'Numéro fiscal', 'Adresse',
           'Téléphone', 'Courriel', 'IBAN', 'Salaire brut', 'Net à payer', 'Date d\'entrée']
    D.add(csv_row(hdr, ';', '\r\n'))
    for i in range(22):
        p = person('fr_FR')
        nir = g_fr_nir(p.dob, '1' if p.sex == 'M' else '2')
        if i == 7:
            nirl = ID('fr.nir', corrupt(fmt_fr_nir(nir), 'fr.nir', 'last'), 'neg_fr_nir_bad_key_spaced', False)
        else:
            nirl = ID('fr.nir', fmt_fr_nir(nir) if chance(0.6) else nir, 'fr_nir_excel_csv')
        nif = g_fr_nif()
        nifl = ID('fr.nif', pick([nif, '%s %s %s %s %s' % (nif[:2], nif[2:4], nif[4:7], nif[7:10], nif[10:])]), 'fr_nif_numero_fiscal_csv') if i != 12 else \
            ID('fr.nif', corrupt(nif, 'fr.nif', 'last'), 'neg_fr_nif_bad_key', False)
        sal = R.uniform(1900, 7800)
        brut = '{:,.2f}'.format(sal).replace(',', '\u00a0').replace('.', ',')
        net = '{:,.2f}'.format(sal * 0.78).replace(',', '\u00a0').replace('.', ',')
        row = ['MAT%05d' % R.randint(1, 99999), 'M.' if p.sex == 'M' else 'Mme', L(p.last.upper(), 'name', 'name_family_upper_fr_csv'),
               L(p.first, 'name', 'name_given_fr_csv'), L(p.dob.strftime('%d/%m/%Y'), 'dob', 'dob_ddmmyyyy_slash_fr_csv'), nirl, nifl,
               ADDR('fr_FR', 'address_fr_oneline_csv'), PH('FR', pick(['nat', 'dots', 'intl', 'e164']), 'phone_fr_csv'),
               L(p.email, 'email', 'email_fr_csv'), IB(iban_grp(gen_iban('FR')), 'iban_fr_grouped_csv'), brut, net,
               N(rdate(dt.date(2008, 1, 1), dt.date(2023, 12, 1)).strftime('%d/%m/%Y'), 'dob', 'neg_dob_hire_date_fr')]
        D.add(csv_row(row, ';', '\r\n'))


def f_sap_alv():
    """SAP GUI 'Local file > unconverted' ALV list export (vendor master, IT/ES)."""
    D = Doc('erp/SAP_XK03_Lieferanten_IT_ES.txt')
    W = [10, 30, 30, 5, 18, 16, 14, 16, 27]
    D.add(rdate().strftime('%d.%m.%Y'), ' ' * 20, 'Dynamische Listenausgabe', ' ' * 40, '1\n')
    line = '-' * (sum(W) + len(W) + 1) + '\n'
    D.add(line)
    D.add('|' + '|'.join(h.ljust(w) for h, w in zip(['Kreditor', 'Name 1', 'Straße', 'PLZ', 'Ort', 'Steuernummer 1', 'USt-IdNr.', 'Telefon 1', 'IBAN'], W)) + '|\n')
    D.add(line)
    for i in range(24):
        loc = 'it_IT' if i % 3 else 'es_ES'
        p = person(loc)
        f = fk(loc)
        if loc == 'it_IT':
            name = p.last + ' ' + p.first
            tax = ID('it.codicefiscale', g_it_cf(p.first, p.last, p.dob, p.sex), 'it_codicefiscale_sap_alv')
            ib = IB(gen_iban('IT'), 'iban_it_compact_sap_alv')
            ph = PH('IT', pick(['nat', 'intl']), 'phone_it_sap_alv', kind=pick('mf'))
            vat = 'IT' + d(11)
        else:
            name = p.first + ' ' + p.last
            tax = ID('es.dni', g_es_dni(), 'es_dni_sap_alv') if chance(0.7) else ID('es.nie', g_es_nie(), 'es_nie_sap_alv')
            ib = IB(gen_iban('ES'), 'iban_es_compact_sap_alv')
            ph = PH('ES', pick(['nat', 'intl', 'nat_digits']), 'phone_es_sap_alv', kind=pick('mf'))
            vat = 'ES' + tax.value
        if i == 9:
            tax = ID(tax.extra['validator'], corrupt(tax.value, tax.extra['validator']), 'neg_taxid_bad_check_sap_alv', False)
        street = f.street_address()[:30]
        cells = ['%010d' % R.randint(100000, 399999), L(name[:30], 'name', 'name_sap_alv_name1'), L(street, 'address', 'address_street_sap_alv'),
                 f.postcode()[:5], f.city()[:18], tax, vat, ph, ib]
        D.add('|')
        for c, w in zip(cells, W):
            D.add(pad(c, w), '|')
        D.add('\n')
    D.add(line)


def f_sap_idoc():
    """SAP IDoc flat file (DEBMAS06) -- fixed-width segments."""
    D = Doc('erp/idoc/DEBMAS06_0000000004711933.txt')
    docnum = '00000000' + d(8)
    while luhn.is_valid(docnum):
        docnum = '00000000' + d(8)
    ctrl = 'EDI_DC40'.ljust(10) + '800' + docnum + '740 ' + '53' + 'DEBMAS06'.ljust(30) + 'DEBMAS'.ljust(30) + 'SAPPRD' + ' ' * 4 + 'LS' + 'PRDCLNT800'.ljust(10)
    D.add(ctrl.ljust(120), '\n')
    seg = 0
    for i in range(14):
        loc = pick(['pt_PT', 'es_ES', 'ro_RO', 'pt_PT'])
        p = person(loc)
        f = fk(loc)
        seg += 1
        kunnr = '%010d' % R.randint(1000000, 9999999)
        if loc == 'pt_PT':
            tax = ID('pt.nif', g_pt_nif(), 'pt_nif_idoc_stcd1')
            tax2 = ID('pt.cc', g_pt_cc(), 'pt_cc_idoc_stcd2') if chance(0.5) else ''
        elif loc == 'es_ES':
            tax = ID('es.dni', g_es_dni(), 'es_dni_idoc_stcd1')
            tax2 = ''
        else:
            tax = ID('ro.cnp', g_ro_cnp(p.dob, p.sex), 'ro_cnp_idoc_stcd1')
            tax2 = ''
        head = lambda name: ['E2KNA1M005'.ljust(30), '800', docnum, '%06d' % seg, '%06d' % 0, '02']
        street = f.street_address()
        if len(street) > 35:
            street = street[:35].rstrip()
        data = ['005', kunnr, pad(p.region, 3), pad(L(p.full, 'name', 'name_idoc_name1'), 35), pad(L(street, 'address', 'address_idoc_stras'), 35),
                pad(f.postcode(), 10), pad(f.city()[:35], 35), pad(PH(p.region, pick(['intl', 'nat']), 'phone_idoc_telf1', kind='f'), 16),
                pad(tax, 16), pad(tax2, 16)]
        D.add(head(None), data, '\n')
        seg += 1
        ib = gen_iban({'pt_PT': 'PT', 'es_ES': 'ES', 'ro_RO': 'RO'}[loc])
        D.add('E2KNBKM'.ljust(30), '800', docnum, '%06d' % seg, '%06d' % (seg - 1), '03', '005', pad(p.region, 3),
              pad(d(8), 15), pad(d(10), 18), pad(IB(ib, 'iban_idoc_e2knbkm_padded'), 34), '\n')
        if chance(0.5):
            seg += 1
            D.add('E2KNVKM'.ljust(30), '800', docnum, '%06d' % seg, '%06d' % (seg - 2), '03', '005', pad(d(10), 10),
                  pad(L(p.last, 'name', 'name_idoc_contact_namev'), 35), pad(L(p.email, 'email', 'email_idoc_contact_smtp'), 60), '\n')


def ldif_attr(name, val_or_label, b64form=None):
    """LDIF attribute line; non-ASCII values are base64-encoded (ldapsearch style)."""
    v = plain(val_or_label)
    try:
        v.encode('ascii')
        safe = not v.startswith((' ', ':', '<'))
    except UnicodeEncodeError:
        safe = False
    if safe:
        return [name, ': ', val_or_label, '\n']
    enc = base64.b64encode(v.encode()).decode()
    if isinstance(val_or_label, L):
        lab = val_or_label
        return [name, ':: ', L(enc, lab.cat, b64form or (lab.form + '_b64'), lab.pos, **lab.extra), '\n']
    return [name, ':: ', enc, '\n']


def f_ldif():
    D = Doc('directory/ldap_export_ou_people_nordics.ldif')
    D.add('# extended LDIF\n#\n# LDAPv3\n# base <ou=people,dc=nordvik,dc=com> with scope subtree\n# filter: (objectClass=inetOrgPerson)\n# requesting: ALL\n#\n\nversion: 1\n\n')
    for i in range(18):
        loc = pick(['sv_SE', 'nb_NO', 'da_DK', 'fi_FI'])
        p = person(loc)
        f = fk(loc)
        uid_ = (translit(p.first.split()[0])[:1] + translit(p.last))[:12] or 'user%d' % i
        cc = p.region.lower()
        mail = '%s.%s@nordvik.%s' % (translit(p.first.split()[0]), translit(p.last), cc if cc != 'dk' else 'dk')
        if cc == 'se':
            nin = ID('se.personnummer', g_se_pnr(p.dob).replace('-', ''), 'se_pnr_10_ldif_noreduninn')
            nin = ID('se.personnummer', p.dob.strftime('%Y') + nin.value[2:], 'se_pnr_12digit_ldif_norEduPersonNIN')
        elif cc == 'no':
            nin = ID('no.fodselsnummer', g_no_fnr(p.dob if p.dob.year < 2000 else None), 'no_fnr_ldif_norEduPersonNIN')
        elif cc == 'dk':
            nin = ID('dk.cpr', g_dk_cpr(), 'dk_cpr_ldif_norEduPersonNIN')
        else:
            nin = ID('fi.hetu', g_fi_hetu(p.dob), 'fi_hetu_ldif_norEduPersonNIN')
        D.add('dn: uid=%s,ou=people,dc=nordvik,dc=com\n' % uid_)
        for oc in ['top', 'person', 'organizationalPerson', 'inetOrgPerson', 'norEduPerson']:
            D.add('objectClass: ', oc, '\n')
        D.add('uid: ', uid_, '\n')
        D.add(ldif_attr('cn', L(p.full, 'name', 'name_ldif_cn')))
        D.add(ldif_attr('sn', L(p.last, 'name', 'name_ldif_sn')))
        D.add(ldif_attr('givenName', L(p.first, 'name', 'name_ldif_givenname')))
        D.add('mail: ', L(mail, 'email', 'email_ldif_mail'), '\n')
        D.add('telephoneNumber: ', PH(p.region, 'intl', 'phone_ldif_telephonenumber', kind='f'), '\n')
        if chance(0.7):
            D.add('mobile: ', PH(p.region, pick(['intl', 'e164']), 'phone_ldif_mobile'), '\n')
        street = f.street_address()
        pa_ = '%s$%s %s$%s' % (street, f.postcode(), f.city(), {'se': 'Sverige', 'no': 'Norge', 'dk': 'Danmark', 'fi': 'Suomi'}[cc])
        D.add(ldif_attr('postalAddress', L(pa_, 'address', 'address_ldif_dollar_sep')))
        D.add('norEduPersonNIN: ', nin, '\n')
        D.add('employeeNumber: ', str(R.randint(10000, 99999)), '\n')
        D.add('title: ', pick(['Controller', 'Developer', 'HR Partner', 'Key Account Manager', 'Lagerarbetare']), '\n')
        if chance(0.3):
            D.add('description: start ', N(rdate(dt.date(2010, 1, 1), dt.date(2023, 1, 1)).isoformat(), 'dob', 'neg_dob_ldif_startdate'), '\n')
        salt = bytes(R.getrandbits(8) for _ in range(8))
        ssha = '{SSHA}' + base64.b64encode(hashlib.sha1(b'x' + salt).digest() + salt).decode()
        D.add('userPassword:: ', N(base64.b64encode(ssha.encode()).decode(), 'secret', 'neg_ldif_userpassword_ssha_hash_b64'), '\n')
        D.add('entryUUID: ', N(uid(), 'secret', 'neg_uuid_ldif_entryuuid'), '\n')
        D.add('\n')
    D.add('# search result\nsearch: 2\nresult: 0 Success\n\n# numResponses: 19\n# numEntries: 18\n')


def rfc2822(t):
    return t.strftime('%a, %d %b %Y %H:%M:%S +0100')


def f_mbox():
    D = Doc('mail/archive/HR-Postfach_2024-02.mbox')
    msgs = [('it_IT', 'Documenti per l\'assunzione'), ('es_ES', 'Alta en nómina - datos bancarios'), ('pt_BR', 'Cadastro de fornecedor PF'),
            ('en_IN', 'KYC documents for onboarding'), ('it_IT', 'Variazione IBAN per stipendio'), ('es_ES', 'RE: Certificado de retenciones'),
            ('pt_BR', 'Reembolso de despesas'), ('en_IN', 'Re: Address change request')]
    for k, (loc, subj) in enumerate(msgs):
        p = person(loc)
        t = rts(dt.date(2024, 2, 1 + k * 3))
        ip = pub_ipv4()
        ib = gen_iban({'it_IT': 'IT', 'es_ES': 'ES', 'pt_BR': 'BR', 'en_IN': 'GB'}[loc])
        boundary = '0000000000' + rs(HEX, 18)
        D.add('From ', L(p.email, 'email', 'email_mbox_from_line'), ' ', t.strftime('%a %b %d %H:%M:%S %Y'), '\n')
        D.add('Return-Path: <', L(p.email, 'email', 'email_mbox_return_path'), '>\n')
        hn = R.randint(40, 70)
        D.add('Received: from mail-ej1-f%d.google.com (mail-ej1-f%d.google.com [' % (hn, hn), L('209.85.218.%d' % hn, 'ip', 'ip_received_header_mta_server'),
              '])\n\tby mx01.azienda-hr.eu (Postfix) with ESMTPS id %s\n\tfor <hr@azienda-hr.eu>; %s (CET)\n' % (rs(UP + DIG, 12), rfc2822(t)))
        D.add('Received: from [192.168.1.%d] (' % R.randint(2, 250), pick(['host', 'dynamic', 'ppp']), '-', ip.replace('.', '-'), '.isp.net [',
              L(ip, 'ip', 'ip_received_header_brackets'), '])\n\tby smtp.gmail.com with ESMTPSA id ', rs(LO + DIG, 10), '\n')
        dk = base64.b64encode(bytes(R.getrandbits(8) for _ in range(128))).decode()
        bh = base64.b64encode(bytes(R.getrandbits(8) for _ in range(32))).decode()
        D.add('DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=gmail.com; s=20230601;\n\th=to:subject:message-id:date:from:mime-version;\n\tbh=',
              N(bh, 'secret', 'neg_dkim_bh_body_hash'), ';\n\tb=', N(dk, 'secret', 'neg_dkim_signature_b64'), '\n')
        mid = 'CA%s=%s@mail.gmail.com' % (rs(ALNUM, 10), rs(ALNUM + '_-', 30))
        D.add('Message-ID: <', N(mid, 'email', 'neg_email_message_id'), '>\n')
        D.add('X-Originating-IP: [', L(ip, 'ip', 'ip_x_originating_ip_header'), ']\n')
        D.add('From: "', L(p.full, 'name', 'name_mime_from_display'), '" <', L(p.email, 'email', 'email_mime_from_angle'), '>\n')
        D.add('To: Ufficio Personale <hr@azienda-hr.eu>\n')
        if chance(0.5):
            q = person(loc)
            D.add('Cc: ', L(q.full, 'name', 'name_mime_cc_display'), ' <', L(q.email, 'email', 'email_mime_cc_angle'), '>\n')
        D.add('Subject: =?UTF-8?Q?', quote(subj).replace('%', '=').replace('=20', '_'), '?=\n')
        D.add('Date: ', rfc2822(t), '\n')
        D.add('MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary="', boundary, '"\n\n')
        D.add('--', boundary, '\nContent-Type: text/plain; charset="UTF-8"\nContent-Transfer-Encoding: 8bit\n\n')
        if loc == 'it_IT':
            cf = g_it_cf(p.first, p.last, p.dob, p.sex)
            idv = ID('it.codicefiscale', cf, 'it_cf_mail_body_cue_codice_fiscale')
            idv_h = ID('it.codicefiscale', cf, 'it_cf_mail_html_bold')
            body = ['Buongiorno,\n\ncome richiesto vi invio i miei dati. Il mio codice fiscale è ', idv, ' e sono nat%s il ' % ('o' if p.sex == 'M' else 'a'),
                    L(p.dob.strftime('%d/%m/%Y'), 'dob', 'dob_it_mail_body_nato_il'), '.\nPer l\'accredito dello stipendio: IBAN ',
                    IB(iban_grp(ib), 'iban_it_mail_body_grouped'), '\n\n']
            sig_ph = PH('IT', pick(['nat', 'intl']), 'phone_it_mail_signature')
            addr = ADDR('it_IT', 'address_it_mail_signature')
        elif loc == 'es_ES':
            v = g_es_dni() if chance(0.6) else g_es_nie()
            kind = 'es.dni' if v[0].isdigit() else 'es.nie'
            idv = ID(kind, v if chance(0.5) else v[:-1] + '-' + v[-1], 'es_dni_nie_mail_body_cue')
            idv_h = ID(kind, v, 'es_dni_nie_mail_html')
            body = ['Hola,\n\nadjunto los datos para el alta: DNI/NIE ', idv, ', fecha de nacimiento ',
                    L(p.dob.strftime('%d-%m-%Y'), 'dob', 'dob_es_mail_body_dashes'), '.\nCuenta: ', IB(iban_grp(ib), 'iban_es_mail_body_grouped'), '\n\n']
            sig_ph = PH('ES', pick(['nat', 'intl']), 'phone_es_mail_signature')
            addr = ADDR('es_ES', 'address_es_mail_signature')
        elif loc == 'pt_BR':
            cpf = g_br_cpf()
            idv = ID('br.cpf', fmt_cpf(cpf), 'br_cpf_formatted_mail_body')
            idv_h = ID('br.cpf', fmt_cpf(cpf), 'br_cpf_formatted_mail_html')
            pix = pick(['email', 'phone', 'cpf'])
            pixv = L(p.email, 'email', 'email_pix_key_mail') if pix == 'email' else (PH('BR', 'e164', 'phone_br_pix_key_mail') if pix == 'phone' else ID('br.cpf', cpf, 'br_cpf_compact_pix_key_mail'))
            body = ['Olá,\n\nsegue meu cadastro: CPF ', idv, ', nascido em ', L(p.dob.strftime('%d/%m/%Y'), 'dob', 'dob_br_mail_body'),
                    '.\nChave Pix: ', pixv, '\nConta para depósito (IBAN): ', IB(ib, 'iban_br_compact_mail'), '\n\n']
            sig_ph = PH('BR', pick(['nat', 'intl']), 'phone_br_mail_signature')
            addr = ADDR('pt_BR', 'address_br_mail_signature')
        else:
            a = g_in_aadhaar()
            idv = ID('in_.aadhaar', fmt_aadhaar(a), 'in_aadhaar_spaced_mail_body')
            idv_h = ID('in_.aadhaar', fmt_aadhaar(a), 'in_aadhaar_spaced_mail_html')
            body = ['Dear HR team,\n\nPlease find my KYC details below.\nAadhaar: ', idv, '\nPAN: ', ID('in_.pan', g_in_pan(p.last), 'in_pan_mail_body'),
                    '\nDOB: ', L(p.dob.strftime('%d-%b-%Y'), 'dob', 'dob_in_mail_dd_mon_yyyy'), '\nUK account for relocation allowance: ',
                    IB(iban_grp(ib), 'iban_gb_mail_body_grouped'), '\n\n']
            sig_ph = PH('IN', pick(['intl', 'nat']), 'phone_in_mail_signature')
            addr = ADDR('en_IN', 'address_in_mail_signature')
        D.add(body)
        if k == 3:
            D.add('>From my previous employer I also attach the relieving letter.\n\n')
        D.add('-- \n', L(p.full, 'name', 'name_mail_signature'), '\n', addr, '\nTel. ', sig_ph, '\n\n')
        D.add('--', boundary, '\nContent-Type: text/html; charset="UTF-8"\nContent-Transfer-Encoding: 8bit\n\n')
        D.add('<div dir="ltr"><div>', mapesc(body[:1], xe), '</div><div><b>', idv_h, '</b></div><br><div>',
              '<a href="mailto:', L(p.email, 'email', 'email_html_mailto_href'), '" target="_blank">', L(p.email, 'email', 'email_html_mailto_text'), '</a></div></div>\n\n')
        if k in (1, 5):
            D.add('--', boundary, '\nContent-Type: application/pdf; name="documento.pdf"\nContent-Disposition: attachment; filename="documento.pdf"\nContent-Transfer-Encoding: base64\n\n')
            blob = base64.b64encode(b'%PDF-1.4\n' + bytes(R.getrandbits(8) for _ in range(900))).decode()
            lines = [blob[j:j + 76] for j in range(0, len(blob), 76)]
            for j, ln in enumerate(lines):
                D.add(N(ln, 'secret', 'neg_mime_base64_attachment_line') if 2 <= j <= 4 else ln, '\n')
            D.add('\n')
        D.add('--', boundary, '--\n\n')


def f_hl7():
    """HL7 v2.5 ADT batch: segments end with CR, each message followed by LF."""
    D = Doc('hl7/inbound/ADT_A04_batch_20240311.hl7')
    for k in range(12):
        nl = k % 3 == 2
        loc = 'nl_NL' if nl else 'en_US'
        p = person(loc)
        f = fk(loc)
        ts = rts(dt.date(2024, 3, 11))
        ctl = 'MSG%08d' % R.randint(1, 99999999)
        D.add('MSH|^~\\&|', pick(['EPIC', 'HIX', 'CERNER']), '|', pick(['MAINHOSP', 'UMCG', 'STJOHNS']), '|LAB|LABSYS|', N(ts.strftime('%Y%m%d%H%M%S'), 'dob', 'neg_dob_hl7_msh7_timestamp'),
              '||ADT^A04|', ctl, '|P|2.5.1\r')
        D.add('EVN|A04|', ts.strftime('%Y%m%d%H%M'), '\r')
        mrn = d(8)
        if nl:
            bsn = g_nl_bsn()
            ids = [mrn, '^^^UMCG^PI~', ID('nl.bsn', bsn, 'nl_bsn_hl7_pid3_nnnld'), '^^^NLMINBIZA^NNNLD']
            ssn_tail = ''
        else:
            ssn = g_us_ssn()
            ids = [mrn, '^^^MAINHOSP^MR~', ID('us.ssn', ssn.replace('-', ''), 'us_ssn_compact_hl7_pid3'), '^^^USSSA^SS']
            ssn_tail = ID('us.ssn', ssn, 'us_ssn_dashed_hl7_pid19')
        xpn = L('%s^%s^%s' % (p.last.replace(' ', ' '), p.first, pick(LO).upper()) if not nl else '%s^%s' % (p.last, p.first), 'name', 'name_hl7_xpn_caret')
        if nl:
            street = f.street_address()
            xad = L('%s^^%s^^%s^NL^H' % (street, f.city(), f.postcode()), 'address', 'address_hl7_xad_nl')
            tel = ['^PRN^CP^^^^^^^^^', PH('NL', 'e164', 'phone_hl7_xtn12_e164'), '~', PH('NL', 'nat', 'phone_hl7_xtn1_nl_nat', kind='f'), '^PRN^PH']
        else:
            street = f.street_address()
            xad = L('%s^^%s^%s^%s^USA^H' % (street, f.city(), f.state_abbr(), f.postcode()), 'address', 'address_hl7_xad_us')
            n = phone_num('US', 'f')
            nsn = pn.national_significant_number(n)
            tel = [L('(%s)%s-%s' % (nsn[:3], nsn[3:6], nsn[6:]), 'phone', 'phone_hl7_xtn1_us_paren'), '^PRN^PH^^1^', L('%s^%s' % (nsn[:3], nsn[3:]), 'phone', 'phone_hl7_xtn_area_local_components')]
            if chance(0.5):
                tel += ['~^NET^Internet^', L(p.email, 'email', 'email_hl7_xtn_net')]
        D.add('PID|1||', ids, '||', xpn, '||', L(p.dob.strftime('%Y%m%d'), 'dob', 'dob_hl7_pid7_yyyymmdd'), '|', 'M' if p.sex == 'M' else 'F', '|||',
              xad, '||', tel, '||', 'NLD' if nl else 'ENG', '|', pick('MSWD'), '||', 'ACC' + d(9), '|', ssn_tail, '\r')
        q = person(loc)
        D.add('NK1|1|', L('%s^%s' % (q.last, q.first), 'name', 'name_hl7_nk1_xpn'), '|', pick(['SPO^Spouse', 'MTH^Mother', 'CHD^Child']), '||',
              PH(q.region, 'nat', 'phone_hl7_nk1_5'), '\r')
        D.add('PV1|1|O|', pick(['ER', 'OPD', 'CARD']), '^', d(3), '^01||||', d(6), '^', L('%s^%s' % (fk(loc).last_name(), fk(loc).first_name()), 'name', 'name_hl7_pv1_attending_doctor'),
              '|||||||||||V', d(9), '\r')
        ins = pick([('ZILVERENKRUIS', 'Zilveren Kruis'), ('VGZ', 'VGZ')] if nl else [('BCBS', 'Blue Cross'), ('AETNA', 'Aetna')])
        D.add('IN1|1|', ins[0], '|', d(6), '|', ins[1], '|||||||',
              N(rdate().strftime('%Y%m%d'), 'dob', 'neg_dob_hl7_in1_plan_effective'), '|||||', L('%s^%s' % (p.last, p.first), 'name', 'name_hl7_in1_insured'), '\r')
        D.add('\n')


def fhir_name(p, use='official'):
    return {'use': use, 'family': L(p.last, 'name', 'name_fhir_family'), 'given': [L(p.first, 'name', 'name_fhir_given')]}


def f_fhir():
    D = Doc('fhir/export/Patient_bundle_2024-03-11.json')
    entries = []
    systems = [('en_GB', 'https://fhir.nhs.uk/Id/nhs-number', lambda p: ID('gb.nhs', g_gb_nhs(), 'gb_nhs_fhir_identifier'), 'GB'),
               ('fi_FI', 'urn:oid:1.2.246.21', lambda p: ID('fi.hetu', g_fi_hetu(p.dob), 'fi_hetu_fhir_identifier'), 'FI'),
               ('da_DK', 'urn:oid:1.2.208.176.1.2', lambda p: ID('dk.cpr', g_dk_cpr(), 'dk_cpr_fhir_identifier'), 'DK'),
               ('nl_NL', 'http://fhir.nl/fhir/NamingSystem/bsn', lambda p: ID('nl.bsn', g_nl_bsn(), 'nl_bsn_fhir_identifier'), 'NL'),
               ('sv_SE', 'urn:oid:1.2.752.129.2.1.3.1', lambda p: ID('se.personnummer', p.dob.strftime('%Y') + g_se_pnr(p.dob).replace('-', '')[2:], 'se_pnr_fhir_identifier'), 'SE'),
               ('de_AT', 'urn:oid:1.2.40.0.10.1.4.3.1', lambda p: ID('at.vnr', g_at_vnr(p.dob), 'at_svnr_fhir_identifier'), 'AT')]
    for k in range(16):
        loc, system, idf, cc = systems[k % len(systems)]
        p = person(loc)
        f = fk(loc)
        pid = uid()
        street = f.street_address()
        res = {
            'resourceType': 'Patient',
            'id': N(pid, 'secret', 'neg_uuid_fhir_resource_id'),
            'meta': {'versionId': str(R.randint(1, 9)), 'lastUpdated': N(rts().strftime('%Y-%m-%dT%H:%M:%S.%f')[:-3] + '+00:00', 'dob', 'neg_dob_fhir_meta_lastupdated')},
            'text': {'status': 'generated', 'div': T('<div xmlns="http://www.w3.org/1999/xhtml">', L(p.full, 'name', 'name_fhir_narrative_div'), ', geb. ',
                                                      L(p.dob.isoformat(), 'dob', 'dob_fhir_narrative_div'), '</div>')},
            'identifier': [{'use': 'official', 'system': system, 'value': idf(p)},
                           {'use': 'usual', 'type': {'coding': [{'system': 'http://terminology.hl7.org/CodeSystem/v2-0203', 'code': 'MR'}]},
                            'system': 'urn:oid:2.16.840.1.113883.2.4.3.8', 'value': d(7)}],
            'active': True,
            'name': [fhir_name(p)],
            'telecom': [{'system': 'phone', 'value': PH(cc, pick(['intl', 'e164', 'nat']), 'phone_fhir_telecom'), 'use': 'mobile'},
                        {'system': 'email', 'value': L(p.email, 'email', 'email_fhir_telecom'), 'use': 'home'}],
            'gender': 'male' if p.sex == 'M' else 'female',
            'birthDate': L(p.dob.isoformat(), 'dob', 'dob_fhir_birthdate_iso'),
            'address': [{'use': 'home', 'line': [L(street, 'address', 'address_fhir_line')], 'city': f.city(), 'postalCode': f.postcode(), 'country': cc}],
        }
        if chance(0.5):
            q = person(loc)
            res['contact'] = [{'relationship': [{'coding': [{'system': 'http://terminology.hl7.org/CodeSystem/v2-0131', 'code': 'N'}]}],
                               'name': {'text': L(q.full, 'name', 'name_fhir_contact_text')},
                               'telecom': [{'system': 'phone', 'value': PH(cc, 'intl', 'phone_fhir_contact')}]}]
        entries.append({'fullUrl': 'urn:uuid:' + pid, 'resource': res, 'request': {'method': 'PUT', 'url': 'Patient/' + pid}})
    bundle = {'resourceType': 'Bundle', 'id': uid(), 'type': 'transaction', 'timestamp': rts().isoformat() + 'Z', 'entry': entries}
    D.add(json_parts(bundle, indent=2), '\n')


def f_sepa():
    D = Doc('payments/outgoing/pain.001_Gehaltslauf_2024-03.xml')
    n = 18
    txs = []
    total = 0.0
    countries = [('de_DE', 'DE'), ('de_AT', 'AT'), ('nl_NL', 'NL'), ('fr_BE', 'BE'), ('fr_FR', 'FR'), ('it_IT', 'IT'), ('es_ES', 'ES'), ('pl_PL', 'PL'), ('pt_PT', 'PT'), ('fi_FI', 'FI')]
    for i in range(n):
        loc, cc = countries[i % len(countries)]
        p = person(loc)
        f = fk(loc)
        amt = round(R.uniform(1800, 6200), 2)
        total += amt
        txs.append((p, f, cc, amt))
    msgid = 'SAL-%s-%s' % (dt.date(2024, 3, 25).strftime('%Y%m%d'), d(6))
    D.add('<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n')
    D.add('  <CstmrCdtTrfInitn>\n    <GrpHdr>\n      <MsgId>', msgid, '</MsgId>\n      <CreDtTm>', N('2024-03-22T14:%02d:%02d' % (R.randint(0, 59), R.randint(0, 59)), 'dob', 'neg_dob_sepa_credttm'),
          '</CreDtTm>\n      <NbOfTxs>%d</NbOfTxs>\n      <CtrlSum>%.2f</CtrlSum>\n      <InitgPty>\n        <Nm>Rheinwerk Logistik GmbH</Nm>\n      </InitgPty>\n    </GrpHdr>\n' % (n, total))
    D.add('    <PmtInf>\n      <PmtInfId>', msgid, '-1</PmtInfId>\n      <PmtMtd>TRF</PmtMtd>\n      <BtchBookg>true</BtchBookg>\n      <PmtTpInf>\n        <SvcLvl><Cd>SEPA</Cd></SvcLvl>\n        <CtgyPurp><Cd>SALA</Cd></CtgyPurp>\n      </PmtTpInf>\n')
    D.add('      <ReqdExctnDt>2024-03-27</ReqdExctnDt>\n      <Dbtr>\n        <Nm>Rheinwerk Logistik GmbH</Nm>\n      </Dbtr>\n      <DbtrAcct>\n        <Id>\n          <IBAN>',
          IB(gen_iban('DE'), 'iban_sepa_dbtracct_company'), '</IBAN>\n        </Id>\n      </DbtrAcct>\n      <DbtrAgt>\n        <FinInstnId>\n          <BIC>COBADEFFXXX</BIC>\n        </FinInstnId>\n      </DbtrAgt>\n      <ChrgBr>SLEV</ChrgBr>\n')
    for i, (p, f, cc, amt) in enumerate(txs):
        e2e = 'E2E%s%04d' % (d(8), i + 1)
        ib = gen_iban(cc)
        ibl = IB(ib, 'iban_sepa_cdtracct') if i != 11 else IB(corrupt(ib, 'iban'), 'neg_iban_sepa_bad_checksum', False)
        D.add('      <CdtTrfTxInf>\n        <PmtId>\n          <EndToEndId>', N(e2e, 'phone', 'neg_sepa_endtoendid'), '</EndToEndId>\n        </PmtId>\n')
        D.add('        <Amt>\n          <InstdAmt Ccy="EUR">%.2f</InstdAmt>\n        </Amt>\n' % amt)
        D.add('        <Cdtr>\n          <Nm>', mapesc([L(p.full, 'name', 'name_sepa_cdtr_nm')], xe), '</Nm>\n          <PstlAdr>\n            <Ctry>', cc, '</Ctry>\n')
        D.add('            <AdrLine>', mapesc([L(f.street_address(), 'address', 'address_sepa_adrline_street')], xe), '</AdrLine>\n')
        D.add('            <AdrLine>', mapesc([f.postcode() + ' ' + f.city()], xe), '</AdrLine>\n          </PstlAdr>\n        </Cdtr>\n')
        D.add('        <CdtrAcct>\n          <Id>\n            <IBAN>', ibl, '</IBAN>\n          </Id>\n        </CdtrAcct>\n')
        D.add('        <RmtInf>\n          <Ustrd>Gehalt 03/2024 PersNr ', str(R.randint(1000, 9999)), '</Ustrd>\n        </RmtInf>\n      </CdtTrfTxInf>\n')
    D.add('    </PmtInf>\n  </CstmrCdtTrfInitn>\n</Document>\n')


def f_ubl():
    D = Doc('invoices/EHF/Faktura_2024-1187_Nordnes_Elektro.xml')
    p = person('nb_NO')
    f = fk('nb_NO')
    inv = '2024-%04d' % R.randint(1000, 9999)
    issue = rdate(dt.date(2024, 3, 1), dt.date(2024, 3, 15))
    kid = d(15, True)
    while luhn.is_valid(kid) or kid[0] in '3456':
        kid = d(15, True)
    D.add('<?xml version="1.0" encoding="UTF-8"?>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"\n         xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"\n         xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">\n')
    D.add('  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>\n  <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>\n')
    D.add('  <cbc:ID>', inv, '</cbc:ID>\n  <cbc:IssueDate>', N(issue.isoformat(), 'dob', 'neg_dob_ubl_issuedate'), '</cbc:IssueDate>\n  <cbc:DueDate>',
          N((issue + dt.timedelta(days=14)).isoformat(), 'dob', 'neg_dob_ubl_duedate'), '</cbc:DueDate>\n  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>\n  <cbc:DocumentCurrencyCode>NOK</cbc:DocumentCurrencyCode>\n')
    D.add('  <cbc:BuyerReference>', L(p.full, 'name', 'name_ubl_buyerreference'), '</cbc:BuyerReference>\n')
    D.add('  <cac:AccountingSupplierParty>\n    <cac:Party>\n      <cbc:EndpointID schemeID="0192">', d(9, True), '</cbc:EndpointID>\n      <cac:PartyName>\n        <cbc:Name>Nordnes Elektro AS</cbc:Name>\n      </cac:PartyName>\n')
    D.add('      <cac:PostalAddress>\n        <cbc:StreetName>Nordnesgaten 14</cbc:StreetName>\n        <cbc:CityName>Bergen</cbc:CityName>\n        <cbc:PostalZone>5005</cbc:PostalZone>\n        <cac:Country><cbc:IdentificationCode>NO</cbc:IdentificationCode></cac:Country>\n      </cac:PostalAddress>\n')
    D.add('      <cac:Contact>\n        <cbc:Name>', L(person('nb_NO').full, 'name', 'name_ubl_supplier_contact'), '</cbc:Name>\n        <cbc:Telephone>', PH('NO', 'nat', 'phone_ubl_supplier_contact', kind='f'),
          '</cbc:Telephone>\n      </cac:Contact>\n    </cac:Party>\n  </cac:AccountingSupplierParty>\n')
    D.add('  <cac:AccountingCustomerParty>\n    <cac:Party>\n      <cac:PartyIdentification>\n        <cbc:ID schemeID="NO:FNR">', ID('no.fodselsnummer', g_no_fnr(), 'no_fnr_ubl_partyidentification'), '</cbc:ID>\n      </cac:PartyIdentification>\n')
    D.add('      <cac:PartyName>\n        <cbc:Name>', L(p.full, 'name', 'name_ubl_customer_partyname'), '</cbc:Name>\n      </cac:PartyName>\n      <cac:PostalAddress>\n        <cbc:StreetName>',
          L(f.street_address(), 'address', 'address_ubl_streetname'), '</cbc:StreetName>\n        <cbc:CityName>', f.city(), '</cbc:CityName>\n        <cbc:PostalZone>', f.postcode(),
          '</cbc:PostalZone>\n        <cac:Country><cbc:IdentificationCode>NO</cbc:IdentificationCode></cac:Country>\n      </cac:PostalAddress>\n')
    D.add('      <cac:Contact>\n        <cbc:Telephone>', PH('NO', pick(['intl', 'nat']), 'phone_ubl_customer_contact'), '</cbc:Telephone>\n        <cbc:ElectronicMail>',
          L(p.email, 'email', 'email_ubl_electronicmail'), '</cbc:ElectronicMail>\n      </cac:Contact>\n')
    D.add('      <cac:Person>\n        <cbc:FirstName>', L(p.first, 'name', 'name_ubl_person_firstname'), '</cbc:FirstName>\n        <cbc:FamilyName>', L(p.last, 'name', 'name_ubl_person_familyname'),
          '</cbc:FamilyName>\n        <cbc:BirthDate>', L(p.dob.isoformat(), 'dob', 'dob_ubl_person_birthdate'), '</cbc:BirthDate>\n      </cac:Person>\n    </cac:Party>\n  </cac:AccountingCustomerParty>\n')
    D.add('  <cac:PaymentMeans>\n    <cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>\n    <cbc:PaymentID>', N(kid, 'card', 'neg_card_kid_number_not_luhn', validator='luhn'), '</cbc:PaymentID>\n    <cac:PayeeFinancialAccount>\n      <cbc:ID>',
          IB(gen_iban('NO'), 'iban_no_ubl_payeefinancialaccount'), '</cbc:ID>\n    </cac:PayeeFinancialAccount>\n  </cac:PaymentMeans>\n')
    D.add('  <cac:TaxTotal>\n    <cbc:TaxAmount currencyID="NOK">1187.50</cbc:TaxAmount>\n  </cac:TaxTotal>\n')
    for j in range(5):
        gtin = d(12, True)
        gtin = gtin + str((10 - sum(int(c) * (3 if k % 2 else 1) for k, c in enumerate(gtin)) % 10) % 10)
        D.add('  <cac:InvoiceLine>\n    <cbc:ID>%d</cbc:ID>\n    <cbc:InvoicedQuantity unitCode="EA">%d</cbc:InvoicedQuantity>\n    <cbc:LineExtensionAmount currencyID="NOK">%.2f</cbc:LineExtensionAmount>\n' % (j + 1, R.randint(1, 20), R.uniform(50, 4000)))
        D.add('    <cac:Item>\n      <cbc:Name>', pick(['Kabel PFSP 3G1,5 100m', 'Stikkontakt 2-veis jordet', 'Sikringsautomat C16', 'LED downlight 8W', 'Jordfeilbryter 40A']), '</cbc:Name>\n')
        D.add('      <cac:SellersItemIdentification><cbc:ID>', N('%s-%s-%s' % (d(3), d(4), d(2)), 'phone', 'neg_phone_like_item_code_ubl'), '</cbc:ID></cac:SellersItemIdentification>\n')
        D.add('      <cac:StandardItemIdentification><cbc:ID schemeID="0160">', N(gtin, 'phone', 'neg_gtin13_ubl'), '</cbc:ID></cac:StandardItemIdentification>\n    </cac:Item>\n  </cac:InvoiceLine>\n')
    D.add('</Invoice>\n')


def f_soap():
    D = Doc('integrations/kyc/soap_VerifyPersonResponse_batch.xml')
    D.add('<?xml version="1.0" encoding="UTF-8"?>\n<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd" xmlns:ns2="urn:kyc:verify:v3">\n')
    D.add('  <soapenv:Header>\n    <wsse:Security soapenv:mustUnderstand="1">\n      <wsse:UsernameToken wsu:Id="UsernameToken-', d(5), '">\n        <wsse:Username>svc_kyc_prod</wsse:Username>\n')
    D.add('        <wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">', SEC(password(), 'secret_wsse_password_text'),
          '</wsse:Password>\n        <wsse:Nonce EncodingType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary">',
          N(base64.b64encode(bytes(R.getrandbits(8) for _ in range(16))).decode(), 'secret', 'neg_wsse_nonce_b64'), '</wsse:Nonce>\n        <wsu:Created>',
          N(rts().isoformat() + '.123Z', 'dob', 'neg_dob_wsu_created'), '</wsu:Created>\n      </wsse:UsernameToken>\n    </wsse:Security>\n  </soapenv:Header>\n')
    D.add('  <soapenv:Body>\n    <ns2:VerifyPersonBatchResponse>\n      <ns2:requestId>', N(uid(), 'secret', 'neg_uuid_soap_requestid'), '</ns2:requestId>\n')
    for i in range(12):
        loc = ['pl_PL', 'cs_CZ', 'sk_SK', 'pl_PL'][i % 4]
        p = person(loc)
        f = fk(loc)
        D.add('      <ns2:result>\n        <ns2:status>', pick(['MATCH', 'MATCH', 'PARTIAL', 'NO_MATCH']), '</ns2:status>\n        <ns2:score>%.3f</ns2:score>\n        <ns2:person>\n' % R.random())
        D.add('          <ns2:firstName>', L(p.first, 'name', 'name_soap_firstname'), '</ns2:firstName>\n          <ns2:lastName>', L(p.last, 'name', 'name_soap_lastname'), '</ns2:lastName>\n')
        D.add('          <ns2:birthDate>', L(p.dob.isoformat(), 'dob', 'dob_soap_birthdate'), '</ns2:birthDate>\n')
        if loc == 'pl_PL':
            pes = g_pl_pesel(p.dob, p.sex)
            if i == 4:
                D.add('          <ns2:pesel>', ID('pl.pesel', corrupt(pes, 'pl.pesel', 'last'), 'neg_pl_pesel_bad_check_soap', False), '</ns2:pesel>\n')
            else:
                D.add('          <ns2:pesel>', ID('pl.pesel', pes, 'pl_pesel_soap'), '</ns2:pesel>\n')
            D.add('          <ns2:nip>', ID('pl.nip', pick([lambda v: v, lambda v: '%s-%s-%s-%s' % (v[:3], v[3:6], v[6:8], v[8:])])(g_pl_nip()), 'pl_nip_soap'), '</ns2:nip>\n')
            D.add('          <ns2:idDocument type="DOWOD">', rs(UP, 3) + d(6), '</ns2:idDocument>\n')
        else:
            mod = 'cz.rc' if loc == 'cs_CZ' else 'sk.rc'
            rc = g_cz_rc(p.dob if p.dob.year >= 1954 else None, p.sex, mod)
            D.add('          <ns2:birthNumber>', ID(mod, fmt_rc(rc) if chance(0.7) else rc, mod.replace('.', '_') + '_soap_birthnumber'), '</ns2:birthNumber>\n')
        D.add('          <ns2:address>\n            <ns2:street>', L(f.street_address(), 'address', 'address_soap_street'), '</ns2:street>\n            <ns2:postalCode>', f.postcode(),
              '</ns2:postalCode>\n            <ns2:city>', f.city(), '</ns2:city>\n          </ns2:address>\n')
        D.add('          <ns2:contact>\n            <ns2:phone>', PH(p.region, pick(['intl', 'e164', 'nat']), 'phone_soap_contact'), '</ns2:phone>\n            <ns2:email>',
              L(p.email, 'email', 'email_soap_contact'), '</ns2:email>\n          </ns2:contact>\n')
        D.add('          <ns2:bankAccount>', IB(gen_iban(p.region), 'iban_soap_bankaccount'), '</ns2:bankAccount>\n        </ns2:person>\n      </ns2:result>\n')
    D.add('    </ns2:VerifyPersonBatchResponse>\n  </soapenv:Body>\n</soapenv:Envelope>\n')


def f_spring_yaml():
    D = Doc('config/orders-service/application-prod.yml')
    dbpw = password()
    D.add('# Production profile - managed by platform team. DO NOT COMMIT real values (lol)\nserver:\n  port: 8443\n  ssl:\n    key-store: classpath:keystore.p12\n    key-store-password: ',
          SEC(password(False), 'secret_yaml_keystore_password_weak'), '\n    key-store-type: PKCS12\n\n')
    D.add('spring:\n  datasource:\n    url: jdbc:postgresql://orders-db.prod.internal:5432/orders?sslmode=require\n    username: orders_app\n    password: "', SEC(dbpw, 'secret_yaml_datasource_password_quoted'), '"\n')
    D.add('    hikari:\n      maximum-pool-size: 20\n  flyway:\n    url: jdbc:postgresql://orders-db.prod.internal:5432/orders?user=flyway&password=', SEC(password(), 'secret_jdbc_url_password_param'), '\n')
    D.add('  mail:\n    host: smtp.sendgrid.net\n    port: 587\n    username: apikey\n    password: ', SEC(sendgrid(), 'secret_sendgrid_key_yaml'), '\n')
    D.add('  redis:\n    url: redis://default:', SEC(rs(ALNUM, 32), 'secret_redis_url_password'), '@redis-prod.cache.internal:6379\n')
    D.add('  security:\n    oauth2:\n      client:\n        registration:\n          azure:\n            client-id: ', N(uid(), 'secret', 'neg_uuid_oauth_client_id'),
          '\n            client-secret: ', SEC(azure_client_secret(), 'secret_azure_ad_client_secret'), '\n            scope: openid,profile,email\n')
    D.add('          google:\n            client-id: ', d(12, True), '-', rs(LO + DIG, 32), '.apps.googleusercontent.com\n            client-secret: ',
          SEC('GOCSPX-' + rs(ALNUM + '-_', 28), 'secret_google_oauth_client_secret'), '\n\n')
    D.add('stripe:\n  api-key: ', SEC(stripe('sk_live_'), 'secret_stripe_sk_live_yaml'), '\n  webhook-secret: ', SEC('whsec_' + rs(ALNUM, 32), 'secret_stripe_whsec'),
          '\n  publishable-key: ', N('pk_live_' + rs(ALNUM, 99), 'secret', 'neg_stripe_publishable_key'), '\n\n')
    D.add('app:\n  build:\n    version: 3.14.2\n    commit: ', N(sha(40), 'secret', 'neg_git_sha_yaml_build_commit'), '\n    number: ', str(R.randint(1000, 9999)), '\n')
    D.add('  encryption-key: ${ORDERS_ENCRYPTION_KEY}\n  jwt:\n    secret: ', SEC(base64.b64encode(bytes(R.getrandbits(8) for _ in range(48))).decode(), 'secret_jwt_hmac_b64_yaml'), '\n    ttl: 3600\n')
    D.add('  legacy-api:\n    token: ', N('${LEGACY_API_TOKEN:changeme}', 'secret', 'neg_placeholder_spring_default_expr'), '\n')
    D.add('  alerts:\n    recipients:\n')
    for loc in ['de_DE', 'pl_PL', 'en_GB']:
        p = person(loc, company_domain='rheinwerk-logistik.de')
        D.add('      - ', L(p.email, 'email', 'email_yaml_list_item'), '\n')
    D.add('    fallback: ', N('oncall@example.com', 'email', 'neg_email_example_com_yaml'), '\n')
    D.add('  maps:\n    google-api-key: ', SEC(google_key(), 'secret_google_api_key_yaml'), '\n')
    D.add('\nmanagement:\n  endpoints:\n    web:\n      exposure:\n        include: health,info,prometheus\n  metrics:\n    tags:\n      instance: ', N('10.0.0.1'.replace('10.0.0.1', '127.0.0.1'), 'ip', 'neg_ip_loopback_yaml'), '\n')
    D.add('logging:\n  level:\n    root: INFO\n    org.hibernate.SQL: WARN\n')


def f_wpconfig():
    D = Doc('webroot/shop/wp-config.php')
    D.add("<?php\n/**\n * The base configuration for WordPress\n *\n * @package WordPress\n */\n\n// ** Database settings - You can get this info from your web host ** //\n")
    D.add("define( 'DB_NAME', 'wp_shop_prod' );\ndefine( 'DB_USER', 'wp_shop' );\ndefine( 'DB_PASSWORD', '", SEC(password(), 'secret_php_define_db_password'), "' );\n")
    D.add("// old: define( 'DB_PASSWORD', '", N('password_here', 'secret', 'neg_wp_sample_placeholder_password_here'), "' );\n")
    D.add("define( 'DB_HOST', 'db-1.shop.internal:3306' );\ndefine( 'DB_CHARSET', 'utf8mb4' );\ndefine( 'DB_COLLATE', '' );\n\n")
    D.add("/**#@+\n * Authentication unique keys and salts.\n * Change these to different unique phrases! You can generate these using\n * the {@link https://api.wordpress.org/secret-key/1.1/salt/ WordPress.org secret-key service}.\n */\n")
    saltalpha = string.ascii_letters + string.digits + '!@#$%^&*()-_ []{}<>~`+=,.;:/?|'
    for k in ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT']:
        v = rs(saltalpha, 64).replace("'", 'x').replace('\\', 'y')
        pad_ = ' ' * (18 - len(k))
        D.add("define( '%s',%s'" % (k, pad_), SEC(v, 'secret_wp_salt_define'), "' );\n")
    D.add("define( 'WP_CACHE_KEY_SALT', '", N('put your unique phrase here', 'secret', 'neg_wp_placeholder_unique_phrase'), "' );\n/**#@-*/\n\n")
    D.add("define( 'WP_MAIL_SMTP_PASS', '", SEC(password(), 'secret_php_define_smtp_pass'), "' );\ndefine( 'STRIPE_SECRET', '", SEC(stripe('rk_live_'), 'secret_stripe_restricted_key_php'), "' );\n")
    D.add("$table_prefix = 'wp_';\n\ndefine( 'WP_DEBUG', false );\n/* Add any custom values between this line and the \"stop editing\" line. */\n\n")
    D.add("if ( ! defined( 'ABSPATH' ) ) {\n\tdefine( 'ABSPATH', __DIR__ . '/' );\n}\nrequire_once ABSPATH . 'wp-settings.php';\n")


def f_npmrc_pypirc():
    D = Doc('dev/home_jdoe/.npmrc')
    D.add('registry=https://registry.npmjs.org/\n@rheinwerk:registry=https://npm.pkg.github.com/\n')
    D.add('//registry.npmjs.org/:_authToken=', SEC(npm_tok(), 'secret_npm_token_npmrc'), '\n')
    D.add('//npm.pkg.github.com/:_authToken=', SEC(gh_token('ghp_'), 'secret_github_pat_classic_npmrc'), '\n')
    D.add('//gitlab.com/api/v4/projects/%d/packages/npm/:_authToken=' % R.randint(1000000, 9999999), SEC(glpat(), 'secret_gitlab_pat_npmrc'), '\n')
    D.add('//nexus.rheinwerk.internal/repository/npm-private/:_auth=', SEC(base64.b64encode(('jdoe:' + password()).encode()).decode(), 'secret_npmrc_basic_auth_b64'), '\n')
    D.add('//registry.internal.example/:_authToken=', N('${NPM_TOKEN}', 'secret', 'neg_env_placeholder_npmrc'), '\n')
    D.add('always-auth=true\nsave-exact=true\ninit-author-email=', N('you@example.org', 'email', 'neg_email_example_org_npmrc'), '\n')
    D.add('# lockfile integrity: ', N('sha512-' + base64.b64encode(bytes(R.getrandbits(8) for _ in range(64))).decode(), 'secret', 'neg_npm_integrity_sha512'), '\n')
    E = Doc('dev/home_jdoe/.pypirc')
    E.add('[distutils]\nindex-servers =\n    pypi\n    testpypi\n    nexus\n\n[pypi]\nusername = __token__\npassword = ', SEC(pypi_tok(), 'secret_pypi_token_pypirc'), '\n\n')
    E.add('[testpypi]\nrepository = https://test.pypi.org/legacy/\nusername = __token__\npassword = ', N('<your-test-pypi-token>', 'secret', 'neg_placeholder_angle_pypirc'), '\n\n')
    E.add('[nexus]\nrepository = https://nexus.rheinwerk.internal/repository/pypi-internal/\nusername = jdoe\npassword = ', SEC(password(False), 'secret_pypirc_plain_password_weak'), '\n')


def tf_res(type_, name, attrs, sensitive=None):
    return {'mode': 'managed', 'type': type_, 'name': name, 'provider': 'provider["registry.terraform.io/hashicorp/%s"]' % type_.split('_')[0],
            'instances': [{'schema_version': 0, 'attributes': attrs, 'sensitive_attributes': sensitive or [], 'private': N(base64.b64encode(json.dumps({'schema_version': '1'}).encode()).decode(), 'secret', 'neg_tfstate_private_b64_meta')}]}


def f_tfstate():
    D = Doc('infra/prod/terraform.tfstate')
    rsa = rsa_pem(2048)
    dbpw = password()
    akid = aws_akid()
    asec = aws_secret()
    _, pub = openssh_ed25519('terraform')
    sakey = azure_storage_key()
    acct = 'rwlogprod%s' % rs(LO + DIG, 6)
    state = {
        'version': 4, 'terraform_version': '1.7.4', 'serial': R.randint(100, 900), 'lineage': N(uid(), 'secret', 'neg_uuid_tfstate_lineage'),
        'outputs': {
            'db_endpoint': {'value': 'orders-prod.c%s.eu-central-1.rds.amazonaws.com:5432' % rs(LO + DIG, 12), 'type': 'string'},
            'db_admin_password': {'value': SEC(dbpw, 'secret_tfstate_output_sensitive_password'), 'type': 'string', 'sensitive': True},
            'bastion_public_ip': {'value': L(pub_ipv4(), 'ip', 'ip_tfstate_output'), 'type': 'string'},
        },
        'resources': [
            tf_res('aws_db_instance', 'orders', {'allocated_storage': 100, 'arn': 'arn:aws:rds:eu-central-1:%s:db:orders-prod' % d(12, True), 'engine': 'postgres', 'engine_version': '15.5',
                                                 'username': 'orders_admin', 'password': SEC(dbpw, 'secret_tfstate_rds_password'), 'port': 5432, 'publicly_accessible': False},
                   [[{'type': 'get_attr', 'value': 'password'}]]),
            tf_res('aws_iam_access_key', 'ci_deployer', {'id': SEC(akid, 'secret_aws_akid_tfstate'), 'secret': SEC(asec, 'secret_aws_secret_tfstate'),
                                                         'ses_smtp_password_v4': SEC('B' + rs(ALNUM + '/+', 43), 'secret_aws_ses_smtp_password_tfstate'), 'status': 'Active', 'user': 'ci-deployer',
                                                         'create_date': N('2023-11-0%dT09:12:44Z' % R.randint(1, 9), 'dob', 'neg_dob_tfstate_create_date')}),
            tf_res('tls_private_key', 'bastion', {'algorithm': 'RSA', 'rsa_bits': 2048, 'private_key_pem': SEC(rsa, 'secret_rsa_pem_json_escaped_tfstate'),
                                                  'public_key_openssh': N(pub + '\n', 'secret', 'neg_ssh_public_key_tfstate'),
                                                  'public_key_fingerprint_sha256': N('SHA256:' + base64.b64encode(bytes(R.getrandbits(8) for _ in range(32))).decode().rstrip('='), 'secret', 'neg_ssh_fingerprint_sha256')}),
            tf_res('random_password', 'grafana_admin', {'length': 24, 'special': True, 'result': SEC(password() + rs(ALNUM, 8), 'secret_tfstate_random_password_result'),
                                                        'bcrypt_hash': N('$2a$10$' + rs(ALNUM + './', 53), 'secret', 'neg_bcrypt_hash_tfstate')}),
            tf_res('azurerm_storage_account', 'exports', {'name': acct, 'primary_access_key': SEC(sakey, 'secret_azure_storage_key_tfstate'),
                                                          'primary_connection_string': T('DefaultEndpointsProtocol=https;AccountName=', acct, ';AccountKey=', SEC(sakey, 'secret_azure_storage_key_in_connstr'), ';EndpointSuffix=core.windows.net'),
                                                          'primary_blob_endpoint': 'https://%s.blob.core.windows.net/' % acct}),
            tf_res('aws_instance', 'bastion', {'ami': 'ami-0' + rs(HEX, 16), 'instance_type': 't3.micro', 'public_ip': L(pub_ipv4(), 'ip', 'ip_tfstate_aws_instance_public_ip'),
                                               'private_ip': '10.20.%d.%d' % (R.randint(0, 255), R.randint(1, 254)), 'ipv6_addresses': [L(pub_ipv6(), 'ip', 'ip_tfstate_ipv6_list')],
                                               'tags': {'Owner': L(person('de_DE', company_domain='rheinwerk-logistik.de').email, 'email', 'email_tfstate_owner_tag')}}),
        ],
        'check_results': None,
    }
    D.add(json_parts(state, indent=2), '\n')


def f_k8s():
    D = Doc('k8s/prod/secrets-and-config.yaml')
    b = lambda s: base64.b64encode(s.encode()).decode()
    dbpw = password()
    sk = stripe('sk_live_')
    D.add('apiVersion: v1\nkind: Secret\nmetadata:\n  name: payments-db\n  namespace: payments\n  labels:\n    app.kubernetes.io/name: payments\ntype: Opaque\ndata:\n')
    D.add('  DB_USER: ', b('payments'), '\n  DB_PASSWORD: ', SEC(b(dbpw), 'secret_k8s_data_b64_password'), '\n  STRIPE_API_KEY: ', SEC(b(sk), 'secret_k8s_data_b64_stripe_key'), '\n')
    D.add('  DATABASE_URL: ', SEC(b('postgresql://payments:%s@payments-db.payments.svc:5432/payments' % dbpw), 'secret_k8s_data_b64_db_url'), '\n---\n')
    glp = glpat()
    dcj = json.dumps({'auths': {'registry.gitlab.com': {'username': 'k8s-pull', 'password': glp, 'auth': b('k8s-pull:' + glp)}}})
    D.add('apiVersion: v1\nkind: Secret\nmetadata:\n  name: gitlab-registry\n  namespace: payments\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ',
          SEC(b(dcj), 'secret_k8s_dockerconfigjson_b64'), '\n---\n')
    cert, key = self_signed_cert('payments.rheinwerk-logistik.de')
    D.add('apiVersion: v1\nkind: Secret\nmetadata:\n  name: payments-tls\n  namespace: payments\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ', N(b(cert), 'secret', 'neg_k8s_tls_crt_b64_certificate'),
          '\n  tls.key: ', SEC(b(key), 'secret_k8s_tls_key_b64_pem'), '\n---\n')
    D.add('apiVersion: v1\nkind: Secret\nmetadata:\n  name: notifier\n  namespace: payments\ntype: Opaque\nstringData:\n  SLACK_WEBHOOK_URL: ', SEC(slack_webhook(), 'secret_slack_webhook_url_stringdata'),
          '\n  SLACK_BOT_TOKEN: ', SEC(slack_bot(), 'secret_slack_bot_token_stringdata'), '\n  SMTP_PASSWORD: "', SEC(password(), 'secret_k8s_stringdata_smtp_password'), '"\n  TWILIO_API_KEY: ', SEC(twilio_sk(), 'secret_twilio_api_key_sid'),
          '\n  TWILIO_API_SECRET: ', SEC(rs(ALNUM, 32), 'secret_twilio_api_secret'), '\n  TELEGRAM_BOT_TOKEN: "', SEC(telegram(), 'secret_telegram_bot_token'), '"\n---\n')
    D.add('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: payments-config\n  namespace: payments\ndata:\n  APP_VERSION: "2.8.1"\n  BUILD_SHA: ', N(sha(40), 'secret', 'neg_git_sha_configmap'),
          '\n  IMAGE_DIGEST: ', N('sha256:' + sha(64), 'secret', 'neg_image_digest_sha256_configmap'), '\n  REQUEST_SIGNING_KEY_ID: ', N(uid(), 'secret', 'neg_uuid_configmap_key_id'),
          '\n  LOG_LEVEL: info\n  SUPPORT_CONTACT: ', L(person('de_DE', company_domain='rheinwerk-logistik.de').email, 'email', 'email_configmap_support_contact'), '\n')


def f_ci_log():
    D = Doc('ci/logs/gitlab-job-884213.log')
    E = '\x1b'
    t0 = 1710144302
    commit = sha(40)
    D.add(E, '[0KRunning with gitlab-runner 16.9.1 (782c6ecb)', E, '[0;m\n', E, '[0K  on docker-autoscaler-03 xyz', rs(LO + DIG, 6), ', system ID: s_', rs(HEX, 12), E, '[0;m\n')
    D.add('section_start:%d:prepare_executor\r' % t0, E, '[0K', E, '[0K', E, '[36;1mPreparing the "docker+machine" executor', E, '[0;m', E, '[0;m\n')
    D.add(E, '[0KUsing Docker executor with image node:20.11-bookworm ...', E, '[0;m\n', E, '[0KUsing docker image sha256:', N(sha(64), 'secret', 'neg_docker_image_sha256_ci'), ' for node:20.11 with digest node@sha256:', sha(64), ' ...', E, '[0;m\n')
    D.add('section_end:%d:prepare_executor\r' % (t0 + 14), E, '[0K\n')
    D.add(E, '[32;1mFetching changes with git depth set to 20...', E, '[0;m\nInitialized empty Git repository in /builds/rheinwerk/payments/.git/\n', E, '[32;1mCreated fresh repository.', E, '[0;m\n')
    D.add(E, '[32;1mChecking out ', N(commit[:8], 'secret', 'neg_git_short_sha_ci'), ' as detached HEAD (ref is main)...', E, '[0;m\n')
    D.add(E, '[32;1m$ env | sort | grep -v -E "^(PATH|HOME)="', E, '[0;m\n')
    D.add('AWS_ACCESS_KEY_ID=', N('[MASKED]', 'secret', 'neg_gitlab_masked_variable'), '\nAWS_DEFAULT_REGION=eu-central-1\nAWS_SECRET_ACCESS_KEY=', N('[MASKED]', 'secret', 'neg_gitlab_masked_variable'), '\n')
    D.add('CI_COMMIT_SHA=', N(commit, 'secret', 'neg_git_sha_ci_commit'), '\nCI_JOB_ID=884213\nCI_JOB_TOKEN=', N('[MASKED]', 'secret', 'neg_gitlab_masked_variable'), '\n')
    D.add('CI_PIPELINE_ID=%d\nCI_RUNNER_ID=%d\n' % (R.randint(100000, 999999), R.randint(100, 999)))
    D.add('DATABASE_URL=postgres://ci_payments:', SEC(password(), 'secret_ci_env_dump_pg_url_password'), '@pg-ci.internal:5432/payments_test\n')
    D.add('GITLAB_USER_EMAIL=', L(person('de_DE', company_domain='rheinwerk-logistik.de').email, 'email', 'email_ci_gitlab_user_email'), '\n')
    D.add('GITLAB_USER_NAME=', L(person('de_DE').full, 'name', 'name_ci_gitlab_user_name'), '\n')
    D.add('NPM_TOKEN=', SEC(npm_tok(), 'secret_ci_env_dump_npm_token'), '\n')
    D.add('SENTRY_AUTH_TOKEN=', SEC('sntrys_' + b64u(json.dumps({'iat': t0, 'url': 'https://sentry.io', 'region_url': 'https://de.sentry.io', 'org': 'rheinwerk'}).encode()) + '_' + rs(ALNUM + '/+', 43), 'secret_sentry_org_auth_token'), '\n')
    D.add('SONAR_TOKEN=', SEC('squ_' + rs(HEX, 40), 'secret_sonarqube_user_token'), '\n')
    D.add(E, '[32;1m$ npm ci', E, '[0;m\nnpm warn deprecated inflight@1.0.6: This module is not supported\n')
    D.add('added 1184 packages, and audited 1185 packages in 38s\n\n212 packages are looking for funding\n  run `npm fund` for details\n')
    D.add(E, '[32;1m$ npm test -- --ci', E, '[0;m\n PASS  src/payments/__tests__/iban.test.ts\n PASS  src/payments/__tests__/checkout.test.ts\n')
    D.add('  ● Console\n\n    console.log\n      creating test customer ', N('jane.tester@example.com', 'email', 'neg_email_example_com_test_fixture'), ' card ', '4242 4242 4242 4242', '\n\n')
    D.add('Tests:       312 passed, 312 total\nTime:        41.882 s\n')
    D.add(E, '[32;1m$ docker login -u gitlab-ci-token -p $CI_JOB_TOKEN $CI_REGISTRY', E, '[0;m\nWARNING! Using --password via the CLI is insecure. Use --password-stdin.\nLogin Succeeded\n')
    D.add(E, '[32;1m$ curl -sf -H "PRIVATE-TOKEN: ', SEC(glpat(), 'secret_gitlab_pat_curl_header_ci'), '" "https://gitlab.com/api/v4/projects/4471/releases"', E, '[0;m\n')
    D.add('Successfully built ', N(sha(12), 'secret', 'neg_docker_image_short_id'), '\nSuccessfully tagged registry.gitlab.com/rheinwerk/payments:', N('2.8.1-' + commit[:8], 'secret', 'neg_version_plus_sha_tag'), '\n')
    D.add('The push refers to repository [registry.gitlab.com/rheinwerk/payments]\n2.8.1: digest: ', N('sha256:' + sha(64), 'secret', 'neg_image_digest_push'), ' size: 2417\n')
    D.add('section_end:%d:step_script\r' % (t0 + 301), E, '[0K', E, '[32;1mJob succeeded', E, '[0;m\n')


def f_ansible():
    D = Doc('ops/ansible/inventories/prod/hosts.ini')
    D.add('# managed by ops - last update ', N('2024-02-27', 'dob', 'neg_dob_ini_comment_date'), '\n[web]\n')
    for i in range(4):
        D.add('web%02d ansible_host=' % (i + 1), L(pub_ipv4(), 'ip', 'ip_ansible_host_public'), ' ansible_user=deploy\n')
    D.add('\n[db]\ndb01 ansible_host=10.30.1.11 ansible_user=root ansible_ssh_pass=\'', SEC(password(), 'secret_ansible_ssh_pass_quoted'), '\'\n')
    D.add('db02 ansible_host=10.30.1.12 ansible_user=root ansible_ssh_pass=', SEC(password(), 'secret_ansible_ssh_pass_bare'), ' ansible_become_pass=', SEC(password(False), 'secret_ansible_become_pass_weak'), '\n')
    D.add('\n[legacy]\nftp01 ansible_host=', L(pub_ipv6(), 'ip', 'ip_ansible_host_ipv6'), ' ansible_port=2222\n\n[all:vars]\nansible_python_interpreter=/usr/bin/python3\nntp_server=', N('127.0.0.1', 'ip', 'neg_ip_loopback_ini'), '\n')
    D.add('admin_contact=', L(person('nl_NL', company_domain='rheinwerk-logistik.nl').email, 'email', 'email_ini_admin_contact'), '\n')
    D.add('vault_db_password=!vault |\n          $ANSIBLE_VAULT;1.1;AES256\n')
    for j in range(5):
        D.add('          ', N(rs(DIG + 'abcdef', 64) if j < 4 else rs('0123456789abcdef', 32), 'secret', 'neg_ansible_vault_ciphertext_hex') if j < 2 else rs(DIG + 'abcdef', 64), '\n')


def f_cisco():
    D = Doc('ops/netops/core-sw01_show_tech_excerpt.txt')
    D.add('core-sw01#show version\nCisco IOS XE Software, Version ', N('17.6.5.1', 'ip', 'neg_ip_like_ios_version'), '\nCisco IOS Software [Bengaluru], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.6.5, RELEASE SOFTWARE (fc2)\n')
    D.add('Base Ethernet MAC Address          : ', L(mac(':'), 'mac', 'mac_colon_cisco_show_version'), '\nMotherboard Assembly Number        : 73-17959-06\nSystem Serial Number               : FOC', d(4), 'X', rs(UP + DIG, 4), '\n\n')
    D.add('core-sw01#show mac address-table dynamic\n          Mac Address Table\n-------------------------------------------\n\nVlan    Mac Address       Type        Ports\n----    -----------       --------    -----\n')
    for i in range(14):
        D.add('%4d    ' % pick([10, 20, 30, 99]), L(mac('cisco'), 'mac', 'mac_cisco_dotted_mac_table'), '    DYNAMIC     Gi1/0/%d\n' % R.randint(1, 48))
    D.add('Total Mac Addresses for this criterion: 14\n\ncore-sw01#show ip arp\nProtocol  Address          Age (min)  Hardware Addr   Type   Interface\n')
    for i in range(8):
        D.add('Internet  10.10.%d.%-3d %10s   ' % (R.randint(0, 40), R.randint(2, 254), pick(['-', str(R.randint(0, 240))])), L(mac('cisco'), 'mac', 'mac_cisco_dotted_arp'), '  ARPA   Vlan%d\n' % pick([10, 20, 30]))
    D.add('Internet  ', L(pub_ipv4(), 'ip', 'ip_cisco_arp_public_uplink'), '         12   ', L(mac('cisco'), 'mac', 'mac_cisco_dotted_arp'), '  ARPA   GigabitEthernet1/1/1\n')
    D.add('Internet  10.10.99.255            -   ', N('ffff.ffff.ffff', 'mac', 'neg_mac_broadcast_cisco'), '  ARPA   Vlan99\n\n')
    D.add('core-sw01#show running-config | section username|snmp|tacacs|enable\nenable secret 9 ', N('$9$' + rs(ALNUM + './', 14) + '$' + rs(ALNUM + './', 43), 'secret', 'neg_cisco_type9_scrypt_hash'), '\n')
    t7 = '%02d' % R.randint(0, 15) + ''.join('%02X' % R.randint(0, 255) for _ in range(9))
    D.add('username netadmin privilege 15 password 7 ', SEC(t7, 'secret_cisco_type7_password'), '\n')
    D.add('username backup privilege 1 secret 5 ', N('$1$' + rs(ALNUM, 4) + '$' + rs(ALNUM + './', 22), 'secret', 'neg_cisco_type5_md5_hash'), '\n')
    D.add('snmp-server community ', SEC(rs(ALNUM, 12), 'secret_snmp_community_rw'), ' RW 99\nsnmp-server community public RO\n')
    D.add('snmp-server contact ', L(person('de_DE').full, 'name', 'name_snmp_contact'), ' ', L(PH('DE', 'intl', 'x', kind='f').value, 'phone', 'phone_snmp_contact'), '\n')
    D.add('tacacs server TAC1\n address ipv4 10.0.5.10\n key 0 ', SEC(password(), 'secret_tacacs_key_type0'), '\n')
    D.add('ntp server ', L(pub_ipv4(), 'ip', 'ip_cisco_ntp_server_public'), '\n')
    D.add('core-sw01#show lldp neighbors detail | i Chassis|Port id|System Name\nChassis id: ', L(mac('.'.replace('.', ':')), 'mac', 'mac_lldp_chassis_id'), '\nPort id: Gi0/1\nSystem Name: ap-floor3-%02d\n' % R.randint(1, 20))
    D.add('core-sw01#show interfaces Gi1/0/1 | i address\n  Hardware is Gigabit Ethernet, address is ', L(mac('cisco'), 'mac', 'mac_cisco_interface_address'), ' (bia ', L(mac('cisco'), 'mac', 'mac_cisco_bia'), ')\n')


def f_home_backup():
    D = Doc('ops/home_backup_jdoe/.pgpass')
    D.add('# hostname:port:database:username:password\n')
    D.add('db-prod.rheinwerk.internal:5432:*:backup_user:', SEC(password(), 'secret_pgpass_password_field'), '\n')
    D.add('orders-prod.c', rs(LO + DIG, 12), '.eu-central-1.rds.amazonaws.com:5432:orders:orders_admin:', SEC(password(), 'secret_pgpass_password_rds'), '\n')
    D.add('localhost:5432:*:postgres:postgres\n')
    E = Doc('ops/home_backup_jdoe/.docker/config.json')
    dpat = docker_pat()
    gh = gh_token('ghp_')
    cfg = {'auths': {'https://index.docker.io/v1/': {'auth': SEC(base64.b64encode(('jdoe:' + dpat).encode()).decode(), 'secret_docker_config_auth_b64_hub')},
                     'ghcr.io': {'auth': SEC(base64.b64encode(('jdoe-rw:' + gh).encode()).decode(), 'secret_docker_config_auth_b64_ghcr')},
                     'registry.rheinwerk.internal': {}},
           'credsStore': 'desktop', 'currentContext': 'default', 'plugins': {'-x-cli-hints': {'enabled': 'true'}}}
    E.add(json_parts(cfg, indent=1, seps=(', ', ': ')), '\n')
    F = Doc('ops/home_backup_jdoe/.aws/credentials')
    F.add('[default]\naws_access_key_id = ', SEC(aws_akid(), 'secret_aws_akid_credentials_file'), '\naws_secret_access_key = ', SEC(aws_secret(), 'secret_aws_secret_credentials_file'), '\nregion = eu-central-1\n\n')
    F.add('[prod-sso]\naws_access_key_id = ', SEC(aws_akid('ASIA'), 'secret_aws_asia_session_akid'), '\naws_secret_access_key = ', SEC(aws_secret(), 'secret_aws_secret_credentials_file'),
          '\naws_session_token = ', SEC(aws_session(), 'secret_aws_session_token'), '\n\n')
    F.add('[docs-example]\naws_access_key_id = ', N('AKIAIOSFODNN7EXAMPLE', 'secret', 'neg_aws_documentation_example_akid'), '\naws_secret_access_key = ',
          N('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'secret', 'neg_aws_documentation_example_secret'), '\n')
    G = Doc('ops/home_backup_jdoe/.git-credentials')
    G.add('https://jdoe:', SEC(gh_token('ghp_'), 'secret_git_credentials_github'), '@github.com\n')
    G.add('https://oauth2:', SEC(glpat(), 'secret_git_credentials_gitlab'), '@gitlab.rheinwerk.de\n')
    G.add('https://jdoe:', SEC(gh_pat_fine(), 'secret_git_credentials_github_fine_grained'), '@github.com\n')


UAS = ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.6261.112 Safari/537.36',
       'Mozilla/5.0 (iPhone; CPU iPhone OS 17_3_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Mobile/15E148 Safari/604.1',
       'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2.1 Safari/605.1.15',
       'Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0']


def clf_ts(t):
    return t.strftime('%d/%b/%Y:%H:%M:%S +0100')


def f_nginx():
    D = Doc('logs/nginx/shop-access.log-20240311')
    t = dt.datetime(2024, 3, 11, 6, 0, 0)
    for i in range(70):
        t += dt.timedelta(seconds=R.randint(1, 90))
        loc = pick(['de_DE', 'pl_PL', 'nl_NL', 'cs_CZ', 'es_ES', 'de_DE'])
        p = person(loc)
        v6 = chance(0.25)
        ip = L(pub_ipv6() if v6 else pub_ipv4(), 'ip', 'ip_nginx_client_v6' if v6 else 'ip_nginx_client_v4')
        kind = i % 10
        ua = pick(UAS)
        status, size = 200, R.randint(200, 30000)
        if kind == 0:
            req = ['GET /api/v2/customers/search?email=', L(quote(p.email, safe=''), 'email', 'email_urlencoded_query_param'), '&phone=',
                   L(quote(pfmt(phone_num(p.region), 'e164'), safe=''), 'phone', 'phone_urlencoded_plus_query_param'), ' HTTP/1.1']
        elif kind == 1:
            req = ['GET /account/reset-password?email=', L(quote(p.email, safe='@'), 'email', 'email_raw_at_query_param'), '&token=', SEC(rs(HEX, 64), 'secret_password_reset_token_query'), ' HTTP/2.0']
        elif kind == 2:
            req = ['GET /api/v1/orders/', N('ORD-2024-%07d' % R.randint(1, 9999999), 'phone', 'neg_order_number_path'), '?access_token=',
                   SEC(jwt({'sub': uid(), 'email': p.email, 'iat': 1710140000 + i, 'exp': 1710143600 + i, 'scope': 'orders:read'}), 'secret_jwt_access_token_query'), ' HTTP/1.1']
        elif kind == 3:
            req = ['GET /static/js/app.', N(rs(HEX, 8), 'secret', 'neg_asset_content_hash'), '.chunk.js HTTP/2.0']
        elif kind == 4:
            req = ['GET /maps/geocode?q=', L(quote_plus(fk(loc).street_address() + ', ' + fk(loc).postcode() + ' ' + fk(loc).city()), 'address', 'address_urlencoded_plus_query'), ' HTTP/1.1']
        elif kind == 5:
            req = ['POST /checkout/confirm?session=', N(uid(), 'secret', 'neg_uuid_session_query'), ' HTTP/1.1']
        elif kind == 6:
            req = ['GET /newsletter/unsubscribe?name=', L(quote_plus(p.full), 'name', 'name_urlencoded_plus_query'), '&u=', N(rs(HEX, 32), 'secret', 'neg_md5_like_tracking_id'), ' HTTP/1.1']
        elif kind == 7:
            req = ['GET /api/v3/products?apikey=', SEC(rs(HEX, 32), 'secret_generic_apikey_hex_query'), '&sku=', N('SKU-%d-%s' % (R.randint(1000, 9999), pick(UP)), 'phone', 'neg_sku_query'), ' HTTP/1.1']
            ua = 'RheinShopApp/%d.%d.%d.%d (Android 14; SM-S918B)' % (R.randint(1, 9), R.randint(0, 20), R.randint(0, 9), R.randint(10, 250))
            ua = [ua.split('/')[0], '/', N(ua.split('/')[1].split(' ')[0], 'ip', 'neg_ip_like_app_version_ua'), ' ' + ua.split(' ', 1)[1]]
        elif kind == 8:
            req = ['GET /healthz HTTP/1.1']
            ip = N('127.0.0.1', 'ip', 'neg_ip_loopback_nginx')
            ua = 'kube-probe/1.28'
        else:
            req = ['GET /track/pixel.gif?uid=', N(uid(), 'secret', 'neg_uuid_tracking_query'), '&ts=', N(str(int(t.timestamp() * 1000)), 'phone', 'neg_epoch_millis_query'), ' HTTP/1.1']
        ref = '-' if chance(0.5) else 'https://shop.rheinwerk-logistik.de/account'
        D.add(ip, ' - - [', clf_ts(t), '] "', req, '" %d %d "%s" "' % (status, size, ref), ua, '" rt=%.3f uct=0.000 uht=%.3f\n' % (R.random() / 4, R.random() / 4))
        if i % 17 == 5:
            xff = L(pub_ipv4(), 'ip', 'ip_xff_first_hop')
            D.add(L(pub_ipv4(), 'ip', 'ip_nginx_client_v4'), ' - - [', clf_ts(t), '] "GET /api/v2/me HTTP/1.1" 401 64 "-" "curl/8.5.0" xff="', xff, ', 10.0.%d.%d"\n' % (R.randint(0, 255), R.randint(1, 254)))


def f_app_jsonlog():
    D = Doc('logs/app/payment-service-2024-03-11.jsonl')
    t = dt.datetime(2024, 3, 11, 9, 0, 0)
    for i in range(48):
        t += dt.timedelta(seconds=R.randint(1, 60), milliseconds=R.randint(0, 999))
        loc = pick(['ko_KR', 'ja_JP', 'zh_CN', 'en_US', 'ko_KR'])
        p = person(loc)
        ev = {'ts': t.strftime('%Y-%m-%dT%H:%M:%S.%f')[:-3] + 'Z', 'level': 'INFO', 'logger': 'payments.api', 'trace_id': N(rs(HEX, 32), 'secret', 'neg_trace_id_hex32'),
              'span_id': N(rs(HEX, 16), 'secret', 'neg_span_id_hex16')}
        k = i % 8
        if k == 0:
            ev.update({'msg': 'payment authorized', 'user': {'id': N(uid(), 'secret', 'neg_uuid_user_id_log'), 'email': L(p.email, 'email', 'email_jsonlog_user_email'),
                                                              'ip': L(pub_ipv4(), 'ip', 'ip_jsonlog_user_ip')}, 'amount': {'value': round(R.uniform(5, 900), 2), 'currency': 'KRW' if loc == 'ko_KR' else 'USD'}})
        elif k == 1:
            ev.update({'level': 'DEBUG', 'msg': 'outgoing request', 'http': {'method': 'POST', 'url': 'https://api.psp.example.net/v1/charges',
                                                                            'headers': {'authorization': T('Bearer ', SEC(jwt({'sub': 'svc-payments', 'aud': 'psp', 'iat': int(t.timestamp())}), 'secret_jwt_bearer_header_jsonlog')),
                                                                                        'x-api-key': SEC(rs(ALNUM, 40), 'secret_x_api_key_header_jsonlog'), 'user-agent': 'payments/2.8.1'}}})
        elif k == 2:
            ev.update({'level': 'WARN', 'msg': T('card declined for customer ', L(p.full, 'name', 'name_jsonlog_msg_text'), ' (', PH(p.region, 'nat', 'phone_jsonlog_msg_text_nat'), ')')})
        elif k == 3:
            brand = pick(['visa', 'mc', 'jcb', 'unionpay', 'amex', 'bccard'])
            c = gen_card(brand)
            ev.update({'level': 'ERROR', 'msg': 'tokenization failed', 'payment': {'card_number': CARD(c, 'card_jsonlog_card_number_compact_' + ('jcb' if brand == 'jcb' else 'other')),
                                                                                    'expiry': '%02d/%02d' % (R.randint(1, 12), R.randint(25, 29)), 'brand': brand}})
        elif k == 4:
            m = gen_card(pick(['visa', 'mc']))
            ev.update({'msg': 'payment captured', 'payment': {'card_masked': N(m[:6] + '*' * (len(m) - 10) + m[-4:], 'card', 'neg_card_masked_bin_last4', validator='luhn'),
                                                             'psp_reference': N(nonluhn(16), 'card', 'neg_card_psp_reference_16digit', validator='luhn')}})
        elif k == 5:
            ev.update({'msg': 'customer updated', 'customer': {'name': L(p.full, 'name', 'name_jsonlog_customer_name'), 'phone': PH(p.region, pick(['intl', 'e164']), 'phone_jsonlog_customer_phone'),
                                                              'address': L(address(loc), 'address', 'address_jsonlog_customer')}})
        elif k == 6:
            ev.update({'level': 'ERROR', 'msg': 'db connection failed', 'error': T('FATAL: password authentication failed for user "payments" (dsn=postgresql://payments:', SEC(password(), 'secret_pg_dsn_password_in_error_msg'), '@10.20.3.4:5432/payments)')})
        else:
            ev.update({'msg': 'request completed', 'http': {'method': 'GET', 'path': '/v1/payments/%s' % uid(), 'status': 200, 'duration_ms': R.randint(3, 900),
                                                           'client_ip': L(pub_ipv6(), 'ip', 'ip_jsonlog_client_ipv6')}, 'build': {'version': N('4.%d.%d.%d' % (R.randint(0, 30), R.randint(0, 9), R.randint(1, 250)), 'ip', 'neg_ip_like_build_version_jsonlog')}})
        D.add(json_parts(ev, seps=(',', ':')), '\n')


def f_apache_error():
    D = Doc('logs/httpd/error_log')
    t = dt.datetime(2024, 3, 11, 7, 0, 0)
    for i in range(30):
        t += dt.timedelta(seconds=R.randint(5, 400), microseconds=R.randint(0, 999999))
        loc = pick(['ro_RO', 'hu_HU', 'el_GR'])
        p = person(loc)
        ts = t.strftime('%a %b %d %H:%M:%S.%f %Y')
        cl = L(pub_ipv4(), 'ip', 'ip_apache_error_client_port')
        pre = ['[', ts, '] [php:warn] [pid %d:tid %d] [client ' % (R.randint(1000, 40000), R.randint(10 ** 14, 10 ** 15)), cl, ':%d] ' % R.randint(1024, 65535)]
        k = i % 6
        if k == 0:
            D.add(pre, 'PHP Warning:  Undefined array key "phone" in /var/www/html/register.php on line 42, referer: https://magazin.example-shop.ro/register?first_name=',
                  L(quote_plus(p.first), 'name', 'name_referer_query_first_name'), '&email=', L(quote(p.email, safe=''), 'email', 'email_referer_query_urlencoded'), '\n')
        elif k == 1:
            D.add(pre, "PHP Fatal error:  Uncaught PDOException: SQLSTATE[HY000] [1045] Access denied for user 'shop'@'10.0.2.15' (using password: YES) in /var/www/html/lib/db.php:12\\nStack trace:\\n#0 /var/www/html/lib/db.php(12): PDO->__construct('mysql:host=db;d...', 'shop', '",
                  SEC(password(), 'secret_php_stacktrace_pdo_password_arg'), "')\\n#1 {main}\\n  thrown in /var/www/html/lib/db.php on line 12\n")
        elif k == 2:
            D.add(pre, 'PHP Notice:  Mail delivery failed for ', L(p.email, 'email', 'email_apache_error_notice'), ' (', L(p.full, 'name', 'name_apache_error_notice'), ')\n')
        elif k == 3:
            D.add('[', ts, '] [ssl:info] [pid %d:tid %d] [client ' % (R.randint(1000, 40000), R.randint(10 ** 14, 10 ** 15)), L(pub_ipv6(), 'ip', 'ip_apache_error_client_ipv6'),
                  ':%d] AH01964: Connection to child 3 established (server magazin.example-shop.ro:443)\n' % R.randint(1024, 65535))
        elif k == 4:
            D.add(pre, 'AH01630: client denied by server configuration: /var/www/html/.env\n')
        else:
            D.add(pre, 'PHP Warning:  invalid phone number "', PH(p.region, pick(['nat', 'intl']), 'phone_apache_error_invalid_msg'), '" for order ', N('%d' % R.randint(10 ** 9, 10 ** 10 - 1), 'phone', 'neg_order_id_10digit_apache'), '\n')


def f_dhcpd():
    D = Doc('logs/syslog/dhcpd.log')
    t = dt.datetime(2024, 3, 11, 7, 30, 0)
    hosts = ['Annas-iPhone', 'LAPTOP-%s' % rs(UP + DIG, 7), 'Galaxy-S23', 'DESKTOP-%s' % rs(UP + DIG, 7), 'MacBook-Pro', 'android-%s' % rs(HEX, 16), 'HP-LaserJet-M479']
    for i in range(40):
        t += dt.timedelta(seconds=R.randint(1, 120))
        ts = t.strftime('%b %d %H:%M:%S').replace(' 0', '  ')
        m = L(mac(pick([':', ':', '-']), chance(0.3)), 'mac', 'mac_dhcpd_syslog')
        ip = '10.10.%d.%d' % (R.randint(4, 7), R.randint(10, 250))
        k = i % 5
        if k == 0:
            D.add(ts, ' gw01 dhcpd[2231]: DHCPDISCOVER from ', m, ' via eth1\n')
        elif k == 1:
            D.add(ts, ' gw01 dhcpd[2231]: DHCPOFFER on %s to ' % ip, m, ' (%s) via eth1\n' % pick(hosts))
        elif k == 2:
            D.add(ts, ' gw01 dhcpd[2231]: DHCPREQUEST for %s (10.10.4.1) from ' % ip, m, ' (%s) via eth1\n' % pick(hosts))
        elif k == 3:
            D.add(ts, ' gw01 dhcpd[2231]: DHCPACK on %s to ' % ip, m, ' (%s) via eth1\n' % pick(hosts))
        else:
            D.add(ts, ' gw01 dhcpd[2231]: DHCPINFORM from ', L(pub_ipv4(), 'ip', 'ip_dhcp_inform_public_vpn'), ' via tun0\n')
    D.add('Mar 11 09:12:44 gw01 dhcpd[2231]: uid lease 10.10.5.77 for client ', N('00:00:00:00:00:00', 'mac', 'neg_mac_all_zero'), ' is duplicate on 10.10.4.0/22\n')
    D.add('Mar 11 09:13:02 gw01 kernel: [811223.112] br0: received packet on eth1 with own address as source address (addr:', N('ff:ff:ff:ff:ff:ff', 'mac', 'neg_mac_broadcast'), ', vlan:0)\n')


def f_teams():
    D = Doc('chat/teams/export_Muhasebe-Finans_2024-03.json')
    people = [person(pick(['tr_TR', 'tr_TR', 'el_GR'])) for _ in range(5)]
    msgs = []
    t = dt.datetime(2024, 3, 4, 8, 30)
    for i in range(26):
        t += dt.timedelta(minutes=R.randint(1, 200))
        a = pick(people)
        c = people[(people.index(a) + 1) % len(people)]
        k = i % 9
        if k == 0:
            body = T('<p>Merhaba, müşterinin TC kimlik no: ', ID('tr.tckimlik', g_tr_tck(), 'tr_tckn_teams_html_body'), ', IBAN: ', IB(iban_grp(gen_iban('TR')), 'iban_tr_teams_html_grouped'), '</p>')
        elif k == 1:
            body = T('<p>', L(c.first, 'name', 'name_teams_html_mention_first'), ' iade için kart numarası <strong>', CARD(card_grp(gen_card('troy')), 'card_troy_grouped_teams_html'), '</strong> son kullanma 09/27</p>')
        elif k == 2:
            body = T('<p>Vergi kimlik no (VKN): ', N(corrupt(brute('tr.vkn', lambda: d(9, True)), 'tr.vkn'), 'national_id', 'neg_tr_vkn_bad_check_teams', validator='tr.vkn'), ' - bu yanlış, tekrar kontrol edin.</p>')
        elif k == 3:
            body = T('<p>Yunanistan ofisi: Σας στέλνω τα στοιχεία: ΑΜΚΑ ', ID('gr.amka', g_gr_amka(), 'gr_amka_teams_greek_text'), ', ΑΦΜ ', ID('gr.vat', g_gr_afm(), 'gr_afm_teams_greek_text'), '</p>')
        elif k == 4:
            body = T('<p>Veritabanı şifresi değişti: <code>', SEC(password(), 'secret_password_teams_code_tag'), '</code> (prod-muhasebe)</p>')
        elif k == 5:
            q = person('tr_TR')
            body = T('<p>Yeni tedarikçi: ', L(q.full, 'name', 'name_teams_html_text'), ', tel ', PH('TR', pick(['nat', 'intl']), 'phone_tr_teams_html'), ', adres ', L(address('tr_TR'), 'address', 'address_tr_teams_html'), '</p>')
        elif k == 6:
            q = person('el_GR')
            body = T('<p>Επικοινωνία: ', L(q.full, 'name', 'name_greek_teams_html'), ' ', PH('GR', pick(['intl', 'nat']), 'phone_gr_teams_html'), ' ', L(q.email, 'email', 'email_gr_teams_html'), '</p>')
        elif k == 7:
            body = T('<p>Fatura no ', N('FTR2024%06d' % R.randint(1, 999999), 'phone', 'neg_invoice_number_teams'), ' ödendi, tutar 12.450,00 TL</p>')
        else:
            body = T('<p>Toplantı linki: https://teams.microsoft.com/l/meetup-join/19%3ameeting_', rs(ALNUM, 40), '%40thread.v2/0</p>')
        msgs.append({'id': str(int(t.timestamp() * 1000)), 'replyToId': None, 'messageType': 'message', 'createdDateTime': t.isoformat() + '.000Z',
                     'from': {'user': {'id': N(uid(), 'secret', 'neg_uuid_teams_aad_user_id'), 'displayName': L(a.full, 'name', 'name_teams_from_displayname'), 'userIdentityType': 'aadUser'}},
                     'body': {'contentType': 'html', 'content': body},
                     'mentions': [{'id': 0, 'mentionText': L(c.first, 'name', 'name_teams_mention_text'), 'mentioned': {'user': {'displayName': L(c.full, 'name', 'name_teams_mentioned_displayname'), 'id': uid()}}}] if k == 1 else [],
                     'attachments': [], 'reactions': []})
    D.add(json_parts({'@odata.context': "https://graph.microsoft.com/v1.0/$metadata#teams('%s')/channels('19%%3A%s%%40thread.tacv2')/messages" % (uid(), rs(ALNUM, 32)), '@odata.count': len(msgs), 'value': msgs}, indent=4), '\n')


def f_tickets():
    D = Doc('support/zendesk/tickets_2024-03.jsonl')
    tid = R.randint(40000, 49000)
    for i in range(30):
        tid += R.randint(1, 40)
        loc = ['ru_RU', 'uk_UA', 'th_TH', 'vi_VN', 'id_ID', 'en_ZA', 'en_NG', 'fil_PH', 'ms_MY'][i % 9]
        ploc = 'en_US' if loc == 'ms_MY' else loc
        p = person(ploc)
        region = 'MY' if loc == 'ms_MY' else p.region
        ph = PH(region, pick(['intl', 'nat', 'e164']), 'phone_ticket_text_' + region.lower())
        if loc == 'ru_RU':
            c = gen_card('mir')
            desc = T('Здравствуйте! Не проходит оплата картой ', CARD(card_grp(c), 'card_mir_grouped_ticket_ru'), '. Мой ИНН ', ID('ru.inn', g_ru_inn(), 'ru_inn12_ticket_text'),
                     ', телефон ', ph, '. Карта заканчивается на ', N('**** ' + c[-4:], 'card', 'neg_card_masked_last4_ticket', validator='luhn'), '.')
            subj = 'Не проходит оплата'
        elif loc == 'uk_UA':
            desc = T('Добрий день, прошу змінити реквізити. РНОКПП ', ID('ua.rntrc', g_ua_rntrc(), 'ua_rntrc_ticket_text'), ', IBAN ', IB(gen_iban('UA'), 'iban_ua_ticket_compact'),
                     '. Адреса: ', L(address('uk_UA'), 'address', 'address_ua_ticket_text'), '. Тел. ', ph)
            subj = 'Зміна реквізитів'
        elif loc == 'th_TH':
            desc = T('สวัสดีครับ ผมต้องการแก้ไขข้อมูล เลขประจำตัวประชาชน ', ID('th.pin', fmt_th_pin(g_th_pin()) if chance(0.5) else g_th_pin(), 'th_pin_ticket_thai_text'),
                     ' เบอร์โทร ', ph, ' อีเมล ', L(p.email, 'email', 'email_ticket_thai_text'))
            subj = 'แก้ไขข้อมูลส่วนตัว'
        elif loc == 'vi_VN':
            desc = T('Chào anh/chị, mã số thuế cá nhân của tôi là ', ID('vn.mst', g_vn_mst(), 'vn_mst_ticket_text'), '. Số điện thoại ', ph, '. Địa chỉ: ', L(address('vi_VN'), 'address', 'address_vn_ticket_text'),
                     '. Mã đơn hàng ', N('DH%s' % d(10), 'phone', 'neg_order_code_vn_ticket'))
            subj = 'Xuất hoá đơn VAT'
        elif loc == 'id_ID':
            sex = p.sex
            desc = T('Halo, NIK saya ', ID('id.nik', g_id_nik(p.dob, sex), 'id_nik_ticket_text'), ' dan NPWP ', ID('id.npwp', fmt_npwp(g_id_npwp()), 'id_npwp_formatted_ticket'),
                     '. Mohon dibantu verifikasi. WA: ', ph)
            subj = 'Verifikasi akun'
        elif loc == 'en_ZA':
            desc = T('Hi, please update my details. SA ID: ', ID('za.idnr', g_za_id(p.dob, p.sex), 'za_idnr_ticket_text'), ', cell ', ph, '. Card ', CARD(card_grp(gen_card('visa'), '-'), 'card_visa_dashed_ticket'), ' was charged twice.')
            subj = 'Double charge'
        elif loc == 'en_NG':
            desc = T('Good day, I was debited but order not delivered. Delivery address: ', L(address('en_NG'), 'address', 'address_ng_ticket_text'), '. Call me on ', ph, '. Verve card ',
                     CARD(gen_card('visa19'), 'card_visa19_compact_ticket'), '.')
            subj = 'Debited but not delivered'
        elif loc == 'fil_PH':
            desc = T('Hello po, hindi ko ma-access ang account ko. Email: ', L(p.email, 'email', 'email_ticket_ph_text'), ' Mobile: ', ph, ' Birthday ko po ', L(p.dob.strftime('%B %d, %Y'), 'dob', 'dob_ticket_month_name_us'))
            subj = 'Account locked'
        else:
            desc = T('Hi, my MyKad number is ', ID('my.nric', fmt_my(g_my_nric()), 'my_nric_ticket_text'), ' and phone ', ph, '. Pls call back.')
            subj = 'Callback request'
        rec = {'id': tid, 'url': 'https://rheinwerk.zendesk.com/api/v2/tickets/%d.json' % tid, 'created_at': rts().isoformat() + 'Z', 'subject': subj, 'description': desc,
               'priority': pick(['normal', 'high', 'low']), 'status': pick(['open', 'pending', 'solved']),
               'requester': {'name': L(p.full, 'name', 'name_ticket_requester'), 'email': L(p.email, 'email', 'email_ticket_requester')},
               'via': {'channel': pick(['email', 'web', 'whatsapp']), 'source': {'from': {'address': L(p.email, 'email', 'email_ticket_via_from'), 'ip': L(pub_ipv4(), 'ip', 'ip_ticket_via_source')}}},
               'custom_fields': [{'id': 360001234567, 'value': N('INV-%s' % d(8), 'phone', 'neg_invoice_ref_custom_field')}, {'id': 360001234568, 'value': None}],
               'tags': ['payment', loc.split('_')[1].lower()]}
        D.add(json_parts(rec, seps=(',', ':')), '\n')


def f_mysql():
    D = Doc('db/dumps/crm_latam_2024-03-10.sql')
    D.add('-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n-- Host: 10.0.3.17    Database: crm_latam\n-- ------------------------------------------------------\n-- Server version\t8.0.36\n\n')
    D.add('/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n/*!50503 SET NAMES utf8mb4 */;\n/*!40103 SET TIME_ZONE=\'+00:00\' */;\n\n')
    D.add('--\n-- Table structure for table `clientes`\n--\n\nDROP TABLE IF EXISTS `clientes`;\nCREATE TABLE `clientes` (\n  `id` int NOT NULL AUTO_INCREMENT,\n  `nombre` varchar(120) NOT NULL,\n  `doc_tipo` varchar(8) DEFAULT NULL,\n  `doc_numero` varchar(32) DEFAULT NULL,\n  `rfc_nit` varchar(20) DEFAULT NULL,\n  `email` varchar(190) DEFAULT NULL,\n  `telefono` varchar(40) DEFAULT NULL,\n  `direccion` text,\n  `fecha_nac` date DEFAULT NULL,\n  `tarjeta` varchar(25) DEFAULT NULL,\n  `creado` datetime NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB AUTO_INCREMENT=4711 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;\n\n')
    D.add('--\n-- Dumping data for table `clientes`\n--\n\nLOCK TABLES `clientes` WRITE;\n/*!40000 ALTER TABLE `clientes` DISABLE KEYS */;\n')
    rows = []
    for i in range(28):
        loc = ['es_MX', 'es_AR', 'es_CL', 'es_CO'][i % 4]
        p = person(loc)
        last2 = fk(loc).last_name()
        name = p.first + ' ' + p.last + ' ' + last2 if loc == 'es_MX' else p.full
        if loc == 'es_MX':
            curp = g_mx_curp(p.first, p.last, last2, p.dob, 'H' if p.sex == 'M' else 'M')
            doc = ('CURP', ID('mx.curp', curp, 'mx_curp_sql_insert'))
            tax = ID('mx.rfc', g_mx_rfc(curp), 'mx_rfc_sql_insert')
        elif loc == 'es_AR':
            cu = g_ar_cuit()
            doc = ('DNI', cu[2:10])
            tax = ID('ar.cuit', fmt_cuit(cu), 'ar_cuil_dashed_sql_insert')
        elif loc == 'es_CL':
            doc = ('RUT', ID('cl.rut', fmt_rut(g_cl_rut()), 'cl_rut_dotted_sql_insert'))
            tax = None
        else:
            nit = g_co_nit()
            doc = ('CC', nit[:-1])
            tax = ID('co.nit', fmt_co_nit(nit), 'co_nit_dotted_sql_insert')
        if i == 13:
            doc = ('CURP', ID('mx.curp', corrupt(g_mx_curp(), 'mx.curp', 'last'), 'neg_mx_curp_bad_check_sql', False))
        brand = pick(['visa', 'mc', 'amex', 'elo', 'hipercard', None, None])
        tarjeta = CARD(card_grp(gen_card(brand), pick([' ', '-'])) if chance(0.5) else gen_card(brand), 'card_sql_varchar_' + brand) if brand else None
        if i == 6:
            tarjeta = N(bad_card('visa'), 'card', 'neg_card_luhn_fail_sql', validator='luhn')
        rows.append([i + 1, L(name, 'name', 'name_sql_insert_es'), doc[0], doc[1], tax, L(p.email, 'email', 'email_sql_insert'), PH(p.region, pick(['intl', 'nat', 'e164']), 'phone_sql_insert_latam'),
                     L(address(loc), 'address', 'address_sql_insert_latam'), L(p.dob.isoformat(), 'dob', 'dob_sql_date_iso'), tarjeta, N(rts().strftime('%Y-%m-%d %H:%M:%S'), 'dob', 'neg_dob_sql_creado_datetime')])
    D.add('INSERT INTO `clientes` VALUES ')
    for j, r in enumerate(rows):
        if j:
            D.add(',')
        D.add('(', [[',' if k else '', sql_q(c)] for k, c in enumerate(r)], ')')
    D.add(';\n/*!40000 ALTER TABLE `clientes` ENABLE KEYS */;\nUNLOCK TABLES;\n\n')
    D.add('DROP TABLE IF EXISTS `usuarios`;\nCREATE TABLE `usuarios` (\n  `id` int NOT NULL AUTO_INCREMENT,\n  `login` varchar(64) NOT NULL,\n  `password_hash` varchar(255) NOT NULL,\n  `api_token` varchar(64) DEFAULT NULL,\n  `last_ip` varchar(45) DEFAULT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB;\n\nLOCK TABLES `usuarios` WRITE;\n')
    for i in range(6):
        p = person(pick(['es_MX', 'es_AR']))
        tok = SEC(rs(ALNUM, 40), 'secret_sql_api_token_column') if i % 2 == 0 else None
        D.add('INSERT INTO `usuarios` (`id`, `login`, `password_hash`, `api_token`, `last_ip`) VALUES (', [[',' if k else '', sql_q(c)] for k, c in enumerate(
            [i + 1, L(p.email, 'email', 'email_sql_login_column'), N('$2y$10$' + rs(ALNUM + './', 53), 'secret', 'neg_bcrypt_hash_sql'), tok, L(pub_ipv4(), 'ip', 'ip_sql_last_ip_column')])], ');\n')
    D.add('UNLOCK TABLES;\n/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;\n\n-- Dump completed on 2024-03-10  3:14:07\n')


def pg_esc(s):
    return s.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n')


def f_pgcopy():
    D = Doc('db/dumps/members_apac.pg_dump.sql')
    D.add('--\n-- PostgreSQL database dump\n--\n\n-- Dumped from database version 15.6\n-- Dumped by pg_dump version 15.6\n\nSET statement_timeout = 0;\nSET client_encoding = \'UTF8\';\nSET standard_conforming_strings = on;\n\n')
    D.add('--\n-- Data for Name: members; Type: TABLE DATA; Schema: public; Owner: app\n--\n\n')
    D.add('COPY public.members (id, full_name, name_latin, email, phone, national_id, birth_date, address, signup_ip, created_at) FROM stdin;\n')
    for i in range(30):
        loc = ['zh_CN', 'ja_JP', 'ko_KR', 'zh_TW', 'zh_CN', 'ko_KR'][i % 6]
        p = person(loc)
        given = {'zh_CN': ['Wei', 'Jie', 'Hao', 'Xiuying', 'Min'], 'ja_JP': ['Yuki', 'Haruto', 'Naoko', 'Kenji', 'Aoi'], 'ko_KR': ['Minjun', 'Seo-yeon', 'Jiho', 'Hyun-woo'],
                 'zh_TW': ['Chia-hao', 'Yi-ting', 'Kuan-yu', 'Shu-fen']}[loc]
        latin = pick(ROMAN.get(loc, ['lee'])).capitalize() + ' ' + pick(given)
        if loc == 'zh_CN':
            nid = ID('cn.ric', g_cn_ric(p.dob), 'cn_ric_pg_copy')
        elif loc == 'ja_JP':
            nid = ID('jp.in_', g_jp_mynumber(), 'jp_mynumber_pg_copy') if chance(0.6) else ID('jp.in_', ' '.join(re.findall('....', g_jp_mynumber())), 'jp_mynumber_spaced_pg_copy')
        elif loc == 'ko_KR':
            nid = ID('kr.rrn', fmt_rrn(g_kr_rrn(p.dob, p.sex)), 'kr_rrn_dashed_pg_copy')
        else:
            nid = None
        if i == 10:
            nid = ID('cn.ric', corrupt(g_cn_ric(), 'cn.ric', 'last'), 'neg_cn_ric_bad_check_pg', False)
        ip = L(pub_ipv6() if chance(0.4) else pub_ipv4(), 'ip', 'ip_pg_copy_signup_ip')
        cells = [str(i + 1), L(p.full, 'name', 'name_pg_copy_cjk'), latin, L(p.email, 'email', 'email_pg_copy'), PH(p.region, pick(['intl', 'nat']), 'phone_pg_copy_cjk'), nid,
                 L(p.dob.isoformat(), 'dob', 'dob_pg_copy_iso') if chance(0.85) else None, L(address(loc), 'address', 'address_pg_copy_cjk'), ip,
                 N(rts().strftime('%Y-%m-%d %H:%M:%S.%f+08'), 'dob', 'neg_dob_pg_copy_timestamptz')]
        D.add([[('\t' if k else ''), mapesc(list(flat([c])), pg_esc) if c is not None else '\\N'] for k, c in enumerate(cells)], '\n')
    D.add('\\.\n\n\n--\n-- Data for Name: api_clients; Type: TABLE DATA; Schema: public; Owner: app\n--\n\nCOPY public.api_clients (id, name, client_id, client_secret, created_at) FROM stdin;\n')
    for i in range(4):
        D.add('%d\t%s\t' % (i + 1, pick(['partner-line', 'kakao-sync', 'wechat-mini', 'rakuten-connector'])), N(uid(), 'secret', 'neg_uuid_pg_client_id'), '\t', SEC(rs(B64U, 43), 'secret_pg_copy_client_secret_b64url'), '\t', rts().strftime('%Y-%m-%d %H:%M:%S+00'), '\n')
    D.add('\\.\n\n\nSELECT pg_catalog.setval(\'public.members_id_seq\', 4711, true);\n\n--\n-- PostgreSQL database dump complete\n--\n\n')


def f_markdown():
    D = Doc('reports/2024-Q1_customer_escalations.md')
    D.add('# Q1 2024 – Customer escalations (ANZ / Canada / UK)\n\n> Owner: ', L(person('en_AU').full, 'name', 'name_md_blockquote_owner'), ' · Last updated ', N('2024-03-28', 'dob', 'neg_dob_md_last_updated'), ' · Jira: `CS-4471`\n\n')
    D.add('## Summary\n\nWe handled **%d** escalations. Release `v2.14.0` fixed the duplicate-refund bug. Build `' % R.randint(40, 90), N('2.14.0.%d' % R.randint(1, 250), 'ip', 'neg_ip_like_build_version_md'), '` is currently deployed.\n\n')
    D.add('## Affected customers\n\n| # | Customer | Contact | Tax / ID | Issue |\n|---|----------|---------|----------|-------|\n')
    for i in range(14):
        loc = ['en_AU', 'en_NZ', 'en_CA', 'en_GB', 'en_IE'][i % 5]
        p = person(loc)
        if loc == 'en_AU':
            idv = ID('au.tfn', fmt3(g_au_tfn()), 'au_tfn_spaced_md_table')
        elif loc == 'en_NZ':
            v = g_nz_ird()
            idv = ID('nz.ird', '%s-%s-%s' % (v[:-6], v[-6:-3], v[-3:]), 'nz_ird_dashed_md_table')
        elif loc == 'en_CA':
            idv = ID('ca.sin', fmt3(g_ca_sin(), pick([' ', '-'])), 'ca_sin_md_table')
        elif loc == 'en_GB':
            idv = ID('gb.utr', g_gb_utr(), 'gb_utr_md_table') if chance(0.5) else ID('gb.nhs', fmt_nhs(g_gb_nhs()), 'gb_nhs_spaced_md_table')
        else:
            idv = ID('ie.pps', g_ie_pps(), 'ie_pps_md_table')
        if i == 8:
            idv = ID('ca.sin', fmt3(corrupt(g_ca_sin(), 'ca.sin')), 'neg_ca_sin_luhn_fail_md', False)
        D.add('| %d | ' % (i + 1), L(p.full, 'name', 'name_md_table_cell'), ' | ', pick([lambda: L(p.email, 'email', 'email_md_table_cell'), lambda: PH(p.region, pick(['intl', 'nat']), 'phone_md_table_cell')])(),
              ' | ', idv, ' | ', pick(['duplicate refund', 'chargeback', 'address mismatch', 'late delivery']), ' |\n')
    p = person('en_AU')
    D.add('\n## Notes\n\n- Called ', L(p.first, 'name', 'name_md_bullet_first_only'), ' back on ', PH('AU', 'nat', 'phone_au_md_bullet'), '; they moved to ', L(address('en_AU'), 'address', 'address_au_md_bullet'), '.\n')
    D.add('- Refund went to BSB 062-000 account ', d(8), ' – see ticket #%d.\n' % R.randint(100000, 999999))
    q = person('en_CA')
    D.add('- Canadian customer ', L(q.full, 'name', 'name_md_bullet_full'), ' (DOB ', L(q.dob.strftime('%Y/%m/%d'), 'dob', 'dob_md_yyyy_slash'), ') disputes card ', CARD(card_grp(gen_card('amex')), 'card_amex_grouped_md'), '.\n')
    D.add('- Test card ', N('4000 0000 0000 0003'.replace('0003', '0001'), 'card', 'neg_card_luhn_fail_md_test_like', validator='luhn'), ' in staging must not be used in prod.\n\n')
    D.add('## Debug snippet\n\n```bash\ncurl -H "Authorization: Bearer ', SEC(openai_key(), 'secret_openai_key_md_codeblock'), '" https://api.openai.com/v1/models\nexport HF_TOKEN=', SEC(hf_tok(), 'secret_hf_token_md_codeblock'), '\n```\n\n')
    D.add('Contact the data-protection officer at [', L('dpo@rheinwerk-logistik.com.au', 'email', 'email_md_link_text'), '](mailto:', L('dpo@rheinwerk-logistik.com.au', 'email', 'email_md_mailto_link'), ').\n')


def f_html():
    D = Doc('reports/incident/INC-2024-0317_postmortem.html')
    D.add('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>INC-2024-0317 Credential stuffing postmortem</title>\n<style>td{padding:4px}</style>\n</head>\n<body>\n')
    D.add('<h1>INC-2024-0317: Credential stuffing against customer portal</h1>\n<p>Prepared by <a href="mailto:', L(person('en_US', company_domain='rheinwerk-us.com').email, 'email', 'email_html_mailto_href_report'), '">Security Team</a> on ',
          N('March 18, 2024', 'dob', 'neg_dob_html_report_date'), '.</p>\n')
    D.add('<h2>Attacker infrastructure</h2>\n<ul>\n')
    for i in range(5):
        D.add('<li><code>', L(pub_ipv4(), 'ip', 'ip_html_code_li'), '</code> – %d requests</li>\n' % R.randint(1000, 90000))
    D.add('<li><code>', L(pub_ipv6(), 'ip', 'ip_html_code_li_v6'), '</code></li>\n<li>Docs range test host <code>', N('198.51.100.%d' % R.randint(1, 254), 'ip', 'neg_ip_documentation_range'), '</code> (ignore)</li>\n</ul>\n')
    D.add('<h2>Affected accounts</h2>\n<table border="1">\n<tr><th>Name</th><th>Email</th><th>SSN</th><th>DOB</th><th>Phone</th></tr>\n')
    for i in range(12):
        p = person('en_US')
        s = g_us_ssn()
        ssn = ID('us.ssn', s, 'us_ssn_dashed_html_td') if i % 3 else N('***-**-' + s[-4:], 'national_id', 'neg_ssn_masked_html', validator='us.ssn')
        if i == 7:
            ssn = N(pick(['000', '666', '9%02d' % R.randint(0, 99)]) + s[3:], 'national_id', 'neg_ssn_invalid_area_html', validator='us.ssn')
        D.add('<tr><td>', L(p.full, 'name', 'name_html_td'), '</td><td>', L(p.email, 'email', 'email_html_td'), '</td><td>', ssn, '</td><td>',
              L(p.dob.strftime('%m/%d/%Y'), 'dob', 'dob_us_mmddyyyy_html_td'), '</td><td>', PH('US', pick(['nat', 'intl']), 'phone_us_html_td'), '</td></tr>\n')
    D.add('</table>\n<h2>Leaked in attacker paste</h2>\n<pre>\n')
    D.add('AWS_ACCESS_KEY_ID=', SEC(aws_akid(), 'secret_aws_akid_html_pre'), '\nAWS_SECRET_ACCESS_KEY=', SEC(aws_secret(), 'secret_aws_secret_html_pre'), '\n')
    D.add('SLACK_TOKEN=', SEC(slack_user(), 'secret_slack_user_token_html_pre'), '\n')
    D.add('ITIN on file: ', ID('us.itin', g_us_itin(), 'us_itin_html_pre'), '\n')
    D.add(SEC(ec_pem(), 'secret_ec_private_key_pem_html_pre'))
    D.add('</pre>\n<p>Example request ID <code>', N(uid(), 'secret', 'neg_uuid_html_request_id'), '</code>, commit <code>', N(sha(40), 'secret', 'neg_git_sha_html'), '</code>.</p>\n')
    D.add('<p>Placeholder in runbook: <code>', N('XXXX-XXXX-XXXX-XXXX', 'card', 'neg_card_placeholder_xxxx', validator='luhn'), '</code>, <code>', N('sk_live_xxxxxxxxxxxxxxxxxxxxxxxx', 'secret', 'neg_stripe_placeholder_xxx'), '</code></p>\n</body>\n</html>\n')


def sepa_creditor_id(cc='DE'):
    nat = '0' + d(10)
    num = ''.join(str(int(c, 36)) for c in nat + cc + '00')
    chk = '%02d' % (98 - int(num) % 97)
    v = cc + chk + 'ZZZ' + nat
    assert not std_iban.is_valid(v)
    return v


def asciify_de(s):
    for a, b in (('ä', 'ae'), ('ö', 'oe'), ('ü', 'ue'), ('Ä', 'Ae'), ('Ö', 'Oe'), ('Ü', 'Ue'), ('ß', 'ss')):
        s = s.replace(a, b)
    return unicodedata.normalize('NFKD', s).encode('ascii', 'ignore').decode()


def f_mt940():
    D = Doc('bank/statements/MT940_COBADEFF_20240311.sta')
    for st in range(3):
        own = gen_iban(['DE', 'AT', 'NL'][st])
        D.add(':20:STARTUMSE\n:25:', IB(own, 'iban_mt940_tag25_account') if st != 0 else ['37040044/', own[-10:]], '\n:28C:%05d/001\n' % R.randint(1, 200))
        bal = R.uniform(1000, 90000)
        D.add(':60F:C240308EUR', ('%.2f' % bal).replace('.', ','), '\n')
        for k in range(7):
            nl = st == 2
            loc = 'nl_NL' if nl else pick(['de_DE', 'de_AT'])
            p = person(loc)
            amt = R.uniform(10, 3000)
            dc = pick('DC')
            D.add(':61:240311%s%s%s,%02dNTRFNONREF//%s\n' % ('0311', dc, int(amt), R.randint(0, 99), d(6)))
            cp_iban = gen_iban(p.region)
            if nl:
                D.add(':86:/TRCD/00100/EREF/', N('E2E%s' % d(12), 'phone', 'neg_mt940_eref_digits'), '/IBAN/', IB(cp_iban, 'iban_mt940_nl_slash_field'), '/BIC/',
                      pick(['ABNANL2A', 'INGBNL2A', 'RABONL2U']), '/NAME/', L(asciify_de(p.full).upper() if chance(0.5) else asciify_de(p.full), 'name', 'name_mt940_nl_name_field'),
                      '/REMI/USTD//Factuur ', d(7), '/\n')
            else:
                name = asciify_de(p.last + ', ' + p.first)
                n1 = name[:27]
                sub = pick(['166', '177', '105'])
                cred = sepa_creditor_id('DE') if sub == '105' else None
                D.add(':86:', sub, '?00', {'166': 'GUTSCHR. UEBERWEISUNG', '177': 'SEPA-UEBERWEISUNG', '105': 'SEPA-BASISLASTSCHRIFT'}[sub], '?10', d(4), '\n')
                D.add('?20EREF+', N('NOTPROVIDED' if chance(0.3) else 'RE-%s' % d(8), 'phone', 'neg_mt940_eref'), '\n')
                if cred:
                    D.add('?21MREF+', N('M%s' % d(9), 'phone', 'neg_mt940_mandate_ref'), '\n?22CRED+', N(cred, 'iban', 'neg_iban_sepa_creditor_id_mt940', validator='iban'), '\n')
                D.add('?23SVWZ+', pick(['Miete Maerz 2024', 'Rechnung ' + d(6), 'Erstattung Kaution', 'Mitgliedsbeitrag Q1']), '\n')
                D.add('?30', pick(['COBADEFFXXX', 'GENODEF1S10', 'BYLADEM1001', 'OPSKATWW']), '\n?31', IB(cp_iban, 'iban_mt940_tag86_sub31'), '\n?32', L(n1, 'name', 'name_mt940_sub32_lastname_comma_first'), '\n')
                if chance(0.3):
                    D.add('?34', '997', '\n')
        D.add(':62F:C240311EUR', ('%.2f' % (bal + R.uniform(-500, 500))).replace('.', ','), '\n-\n')


def f_cnab240():
    D = Doc('bank/remessa/CNAB240_PAG_20240311_001.rem')
    W = 240

    def rec(parts):
        t = plain(parts)
        assert len(t) <= W, (len(t), t)
        D.add(parts, ' ' * (W - len(t)), '\r\n')
    emp_cnpj = brute('br.cnpj', lambda: d(12), k=2)
    rec(['341', '0000', '0', ' ' * 9, '2', emp_cnpj, ' ' * 20, '%05d' % R.randint(1, 9999), ' ', '%012d' % R.randint(1, 10 ** 9), ' ', '1', 'RHEINWERK LOGISTICA LTDA'.ljust(30),
         'BANCO ITAU SA'.ljust(30), ' ' * 10, '1', '11032024', '083015', '%06d' % 1, '040', '00000', ' ' * 20, ' ' * 20, ' ' * 29])
    rec(['341', '0001', '1', 'C', '20', '01', '040', ' ', '2', emp_cnpj, ' ' * 20, '%05d' % R.randint(1, 9999), ' ', '%012d' % R.randint(1, 10 ** 9), ' ', '1',
         'RHEINWERK LOGISTICA LTDA'.ljust(30), ' ' * 40, 'AV PAULISTA'.ljust(30), '01000', ' ' * 15, 'SAO PAULO'.ljust(20), '01311', '000', 'SP', ' ' * 8, ' ' * 10])
    n = 0
    for i in range(12):
        p = person('pt_BR')
        f = fk('pt_BR')
        cpf = g_br_cpf()
        nm = unicodedata.normalize('NFKD', p.full).encode('ascii', 'ignore').decode().upper()[:30]
        n += 1
        amt = '%015d' % R.randint(100000, 900000)
        # segment A
        rec(['341', '0001', '3', '%05d' % n, 'A', '0', '00', '000', '341', '%05d' % R.randint(1, 9999), ' ', '%012d' % R.randint(1, 10 ** 9), ' ', str(R.randint(0, 9)),
             pad(L(nm, 'name', 'name_cnab240_segment_a_upper_ascii'), 30), pad(N('PAG%s' % d(12), 'card', 'neg_cnab_seu_numero', validator='luhn'), 20), '11032024', 'BRL', '0' * 15, amt, ' ' * 20, '0' * 8, '0' * 15, ' ' * 40, '  ', ' ' * 10, '0', ' ' * 10])
        n += 1
        street = unicodedata.normalize('NFKD', f.street_name()).encode('ascii', 'ignore').decode().upper()[:30]
        cep = d(8)
        email = L(p.email, 'email', 'email_cnab240_segment_b_padded') if chance(0.7) else ''
        rec(['341', '0001', '3', '%05d' % n, 'B', '   ', '1', zpad(ID('br.cpf', cpf, 'br_cpf_cnab240_zero_padded_14'), 14), pad(L(street, 'address', 'address_cnab240_logradouro'), 30),
             '%05d' % R.randint(1, 9999), ' ' * 15, 'CENTRO'.ljust(15), 'SAO PAULO'.ljust(20), cep[:5], cep[5:], 'SP', '11032024', '0' * 15, '0' * 15, '0' * 15,
             pad(email, 50) if len(plain(email)) <= 50 else pad('', 50)])
    rec(['341', '0001', '5', ' ' * 9, '%06d' % (n + 2), '%018d' % R.randint(10 ** 6, 10 ** 9), '0' * 18, ' ' * 171, ' ' * 10])
    rec(['341', '9999', '9', ' ' * 9, '000001', '%06d' % (n + 4), ' ' * 211])


# ---------------------------------------------------------------- parquet ---
PQ_FILES = []


def labelled_rows(rows):
    """Rows with their labelled pieces as plain values, and the labels as
    (label, column path, row)."""
    labs = []

    def walk(x, path, row):
        if isinstance(x, L):
            labs.append((x, '.'.join(path), row))
            return x.extra.get('pyval', x.value)
        if isinstance(x, T):
            for p in flat(x):
                if isinstance(p, L):
                    labs.append((p, '.'.join(path), row))
            return x.plain()
        if isinstance(x, dict):
            return {k: walk(v, path + [k], row) for k, v in x.items()}
        if isinstance(x, list):
            return [walk(v, path, row) for v in x]
        return x
    return [walk(r, [], i) for i, r in enumerate(rows)], labs


def cell_strings(row, col):
    """The values at the dotted column path `col` of a Parquet row read
    back (lists followed into), as text."""
    vals = [row]
    for part in col.split('.'):
        nxt = []
        for v in vals:
            if isinstance(v, list):
                nxt += [x.get(part) if isinstance(x, dict) else None for x in v]
            elif isinstance(v, dict):
                nxt.append(v.get(part))
        vals = nxt
    flatv = []
    for v in vals:
        flatv += v if isinstance(v, list) else [v]
    return [x.isoformat() if hasattr(x, 'isoformat') else str(x) for x in flatv if x is not None]


def pq_write(rel, rows, schema):
    plain_rows, labs = labelled_rows(rows)
    tbl = pa.Table.from_pylist(plain_rows, schema=schema)
    PQ_FILES.append((rel, tbl, labs))


def f_parquet_customers():
    schema = pa.schema([
        ('customer_id', pa.string()),
        ('profile', pa.struct([('first_name', pa.string()), ('last_name', pa.string()), ('birth_date', pa.date32()), ('gender', pa.string())])),
        ('contact', pa.struct([('email', pa.string()), ('phones', pa.list_(pa.string())), ('preferred_language', pa.string())])),
        ('addresses', pa.list_(pa.struct([('kind', pa.string()), ('line1', pa.string()), ('postal_code', pa.string()), ('city', pa.string()), ('country', pa.string())]))),
        ('ids', pa.list_(pa.struct([('scheme', pa.string()), ('number', pa.string())]))),
        ('payment', pa.struct([('iban', pa.string()), ('card_last4', pa.string()), ('card_token', pa.string())])),
        ('consents', pa.struct([('marketing', pa.bool_()), ('updated_at', pa.timestamp('ms'))])),
        ('tags', pa.list_(pa.string())),
        ('notes', pa.string()),
    ])
    locs = [('it_IT', 'IT'), ('pt_PT', 'PT'), ('nl_BE', 'BE'), ('de_CH', 'CH'), ('de_AT', 'AT'), ('en_IE', 'IE'), ('bg_BG', 'BG'), ('ro_RO', 'RO'), ('hu_HU', 'HU'), ('es_ES', 'ES')]
    rows = []
    for i in range(40):
        loc, cc = locs[i % len(locs)]
        p = person(loc)
        f = fk(loc)
        ids = []
        if cc == 'IT':
            ids.append({'scheme': 'IT-CF', 'number': ID('it.codicefiscale', g_it_cf(p.first, p.last, p.dob, p.sex), 'it_cf_parquet_list_struct')})
        elif cc == 'PT':
            ids.append({'scheme': 'PT-NIF', 'number': ID('pt.nif', g_pt_nif(), 'pt_nif_parquet_list_struct')})
            ids.append({'scheme': 'PT-CC', 'number': ID('pt.cc', g_pt_cc(), 'pt_cc_parquet_list_struct')})
        elif cc == 'BE':
            ids.append({'scheme': 'BE-RRN', 'number': ID('be.nn', fmt_be_nn(g_be_nn()), 'be_nn_formatted_parquet_list_struct')})
        elif cc == 'CH':
            ids.append({'scheme': 'CH-AHV', 'number': ID('ch.ssn', fmt_ahv(g_ch_ahv()), 'ch_ahv_dotted_parquet_list_struct')})
        elif cc == 'AT':
            ids.append({'scheme': 'AT-SVNR', 'number': ID('at.vnr', g_at_vnr(), 'at_svnr_parquet_list_struct')})
        elif cc == 'IE':
            ids.append({'scheme': 'IE-PPS', 'number': ID('ie.pps', g_ie_pps(), 'ie_pps_parquet_list_struct')})
        elif cc == 'BG':
            ids.append({'scheme': 'BG-EGN', 'number': ID('bg.egn', g_bg_egn(), 'bg_egn_parquet_list_struct')})
        elif cc == 'RO':
            ids.append({'scheme': 'RO-CNP', 'number': ID('ro.cnp', g_ro_cnp(), 'ro_cnp_parquet_list_struct')})
        elif cc == 'ES':
            ids.append({'scheme': 'ES-NIE', 'number': ID('es.nie', g_es_nie(), 'es_nie_parquet_list_struct')})
        if i in (7, 23):
            v = ids[0]['number'] if ids else None
            if v:
                ids[0]['number'] = ID(v.extra['validator'], corrupt(v.value, v.extra['validator']), 'neg_id_bad_check_parquet_list_struct', False)
        card = gen_card(pick(['visa', 'mc', 'maestro']))
        rows.append({
            'customer_id': N(uid(), 'secret', 'neg_uuid_parquet_customer_id') if i % 4 == 0 else uid(),
            'profile': {'first_name': L(p.first, 'name', 'name_parquet_struct_first'), 'last_name': L(p.last, 'name', 'name_parquet_struct_last'),
                        'birth_date': L(p.dob.isoformat(), 'dob', 'dob_parquet_date32_struct', pyval=p.dob), 'gender': p.sex},
            'contact': {'email': L(p.email, 'email', 'email_parquet_struct'), 'phones': [PH(cc, pick(['intl', 'e164', 'nat']), 'phone_parquet_list_in_struct')] + ([PH(cc, 'nat', 'phone_parquet_list_in_struct_2nd', kind='f')] if chance(0.4) else []),
                        'preferred_language': loc.split('_')[0]},
            'addresses': [{'kind': 'home', 'line1': L(f.street_address(), 'address', 'address_parquet_list_struct_line1'), 'postal_code': f.postcode(), 'city': f.city(), 'country': cc}],
            'ids': ids,
            'payment': {'iban': IB(gen_iban(cc) if cc != 'ES' or True else '', 'iban_parquet_struct'), 'card_last4': card[-4:], 'card_token': N('tok_' + rs(ALNUM, 24), 'secret', 'neg_psp_card_token_parquet')},
            'consents': {'marketing': chance(0.5), 'updated_at': rts()},
            'tags': [pick(['vip', 'b2c', 'newsletter', 'churn-risk'])],
            'notes': T('Kunde ruft an unter ', PH(cc, 'intl', 'phone_parquet_free_text_notes'), ', bevorzugt E-Mail') if i % 5 == 1 else None,
        })
    pq_write('lake/crm/customers_v3/part-00000-4f1c.snappy.parquet', rows, schema)


def f_parquet_events():
    schema = pa.schema([
        ('event_id', pa.string()), ('ts', pa.timestamp('ms')), ('event_type', pa.string()),
        ('device', pa.struct([('ip', pa.string()), ('mac', pa.string()), ('user_agent', pa.string()), ('app_version', pa.string())])),
        ('user', pa.struct([('user_hash', pa.string()), ('email', pa.string())])),
        ('geo', pa.struct([('city', pa.string()), ('country', pa.string()), ('lat', pa.float64()), ('lon', pa.float64())])),
        ('payload', pa.string()),
        ('client_ipv6', pa.string()),
    ])
    rows = []
    t = dt.datetime(2024, 3, 11, 0, 0)
    for i in range(50):
        loc = pick(['en_US', 'en_CA', 'en_AU', 'ja_JP', 'hi_IN', 'en_IN', 'he_IL'])
        p = person(loc)
        t += dt.timedelta(seconds=R.randint(1, 600))
        et = pick(['app_open', 'login', 'profile_update', 'checkout', 'search'])
        if et == 'profile_update':
            payload = T('{"field":"phone","old":"', PH(p.region, 'intl', 'phone_parquet_json_string_payload'), '","new":"', PH(p.region, 'e164', 'phone_parquet_json_string_payload_e164'), '"}')
        elif et == 'checkout':
            payload = T('{"cart_total":', '%.2f' % R.uniform(5, 500), ',"ship_to":"', L(p.full, 'name', 'name_parquet_json_string_payload'), '","email":"', L(p.email, 'email', 'email_parquet_json_string_payload'), '"}')
        elif et == 'search':
            payload = T('{"q":"', pick(['running shoes', 'usb-c cable', 'rice cooker', 'yoga mat']), '","results":%d}' % R.randint(0, 400))
        else:
            payload = None
        v6 = pub_ipv6()
        rows.append({
            'event_id': N(uid(), 'secret', 'neg_uuid_parquet_event_id') if i % 5 == 0 else uid(), 'ts': t, 'event_type': et,
            'device': {'ip': L(pub_ipv4(), 'ip', 'ip_parquet_struct_device_ip'), 'mac': L(mac(':', chance(0.5)), 'mac', 'mac_parquet_struct_device') if chance(0.6) else None,
                       'user_agent': pick(UAS), 'app_version': N('%d.%d.%d.%d' % (R.randint(1, 9), R.randint(0, 30), R.randint(0, 9), R.randint(1, 250)), 'ip', 'neg_ip_like_app_version_parquet')},
            'user': {'user_hash': N(sha(64), 'secret', 'neg_sha256_user_hash_parquet'), 'email': L(p.email, 'email', 'email_parquet_struct_user') if chance(0.5) else None},
            'geo': {'city': fk(loc).city(), 'country': p.region, 'lat': round(R.uniform(-40, 60), 4), 'lon': round(R.uniform(-120, 150), 4)},
            'payload': payload,
            'client_ipv6': L(v6, 'ip', 'ip_parquet_top_level_ipv6') if chance(0.7) else None,
        })
    pq_write('lake/events/dt=2024-03-11/part-0.parquet', rows, schema)


def f_gz_orders():
    D = Doc('exports/shop_orders_2024-02.csv', gz=True)
    D.add(csv_row(['order_id', 'order_date', 'customer_name', 'email', 'phone', 'billing_address', 'card_number', 'card_expiry', 'ip_address', 'total_gbp', 'skus']))
    for i in range(60):
        loc = 'en_GB' if i % 4 else 'en_IE'
        p = person(loc)
        f = fk(loc)
        brand = pick(['visa', 'mc', 'amex', 'maestro', 'discover', 'visa', 'mc'])
        c = gen_card(brand)
        k = i % 6
        if k in (0, 1):
            cardl = CARD(card_grp(c), 'card_grouped_gz_csv_' + brand)
        elif k == 2:
            cardl = CARD(c, 'card_compact_gz_csv_' + brand)
        elif k == 3:
            cardl = N('%s******%s' % (c[:6], c[-4:]), 'card', 'neg_card_masked_6x4_gz_csv', validator='luhn')
        elif k == 4:
            cardl = N(bad_card(brand, ' '), 'card', 'neg_card_luhn_fail_grouped_gz_csv', validator='luhn')
        else:
            cardl = N('XXXX-XXXX-XXXX-' + c[-4:], 'card', 'neg_card_masked_xxxx_gz_csv', validator='luhn')
        addr = L('%s, %s %s' % (f.street_address().replace('\n', ', '), f.city(), f.postcode()), 'address', 'address_gb_quoted_csv_gz')
        rows = ['%d' % (1000000 + i * 37), N(rts(rdate(dt.date(2024, 2, 1), dt.date(2024, 2, 29))).strftime('%Y-%m-%dT%H:%M:%SZ'), 'dob', 'neg_dob_order_timestamp_gz'),
                L(p.full, 'name', 'name_gz_csv'), L(p.email, 'email', 'email_gz_csv'), PH(p.region, pick(['intl', 'nat', 'e164', '00']), 'phone_gb_ie_gz_csv'), addr, cardl,
                '%02d/%02d' % (R.randint(1, 12), R.randint(25, 30)), L(pub_ipv4(), 'ip', 'ip_gz_csv'), '{:,.2f}'.format(R.uniform(5, 2500)),
                '|'.join('SKU-%d-%s' % (R.randint(1000, 9999), pick(UP)) for _ in range(R.randint(1, 3)))]
        D.add(csv_row(rows))


def f_gz_hr():
    D = Doc('exports/hr/personal_nordics_2024.tsv', gz=True)
    D.add('anst_nr\tnamn\tland\tperson_id\tfodelsedatum\ttelefon\tepost\tbankkonto\tadress\n')
    for i in range(36):
        loc = ['sv_SE', 'nb_NO', 'da_DK', 'fi_FI'][i % 4]
        p = person(loc)
        cc = p.region
        b = p.dob if 1954 <= p.dob.year <= 1999 else bdate(1960, 1999)
        if cc == 'SE':
            v = g_se_pnr(b)
            idl = ID('se.personnummer', pick([v, b.strftime('%Y') + v[2:], v.replace('-', '')]), 'se_pnr_tsv_gz_mixed')
        elif cc == 'NO':
            idl = ID('no.fodselsnummer', g_no_fnr(b), 'no_fnr_tsv_gz')
        elif cc == 'DK':
            v = g_dk_cpr(b)
            idl = ID('dk.cpr', v[:6] + '-' + v[6:] if chance(0.6) else v, 'dk_cpr_tsv_gz')
        else:
            idl = ID('fi.hetu', g_fi_hetu(b), 'fi_hetu_tsv_gz')
        if i == 9:
            idl = ID('fi.hetu', corrupt(g_fi_hetu(b), 'fi.hetu', 'last'), 'neg_fi_hetu_bad_check_tsv_gz', False)
        if i == 22:
            v = g_dk_cpr(b)
            idl = ID('dk.cpr', '32' + v[2:6] + '-' + v[6:], 'neg_dk_cpr_invalid_day_tsv_gz', False)
        cells = ['%05d' % R.randint(1, 99999), L(p.full, 'name', 'name_tsv_gz_nordic'), cc, idl, L(b.isoformat(), 'dob', 'dob_tsv_gz_iso'),
                 PH(cc, pick(['intl', 'nat', 'e164']), 'phone_tsv_gz_nordic'), L(p.email, 'email', 'email_tsv_gz'), IB(gen_iban(cc), 'iban_tsv_gz_nordic'),
                 L(address(loc), 'address', 'address_tsv_gz_nordic')]
        D.add([[('\t' if k else ''), c] for k, c in enumerate(cells)], '\n')


def f_ipynb():
    D = Doc('notebooks/churn/customer_churn_eda_v3.ipynb')
    p_author = person('en_IN', company_domain='rheinwerk.in')
    pw = password()
    okey = openai_key()
    custs = [person(pick(['en_IN', 'hi_IN'])) for _ in range(6)]
    ids = [(g_in_aadhaar(), g_in_pan(c.last if c.loc == 'en_IN' else 'Kumar')) for c in custs]
    # text/plain DataFrame repr
    plain_lines = [T('   customer_id            name                     email           phone        aadhaar         pan\n')]
    html_rows = []
    for j, (c, (a, pan)) in enumerate(zip(custs, ids)):
        ph = pfmt(phone_num('IN'), 'intl')
        plain_lines.append(T('%d  %11d  ' % (j, R.randint(10 ** 10, 10 ** 11 - 1)), L(c.full, 'name', 'name_ipynb_dataframe_text_plain'), '  ', L(c.email, 'email', 'email_ipynb_dataframe_text_plain'), '  ',
                             L(ph, 'phone', 'phone_ipynb_dataframe_text_plain'), '  ', ID('in_.aadhaar', a, 'in_aadhaar_ipynb_dataframe_text_plain'), '  ', ID('in_.pan', pan, 'in_pan_ipynb_dataframe_text_plain'), '\n'))
        html_rows.append(T('      <tr>\n        <th>%d</th>\n        <td>' % j, L(c.full, 'name', 'name_ipynb_dataframe_html_td'), '</td>\n        <td>', L(c.email, 'email', 'email_ipynb_dataframe_html_td'),
                           '</td>\n        <td>', ID('in_.aadhaar', fmt_aadhaar(a), 'in_aadhaar_spaced_ipynb_html_td'), '</td>\n      </tr>\n'))
    cells = [
        {'cell_type': 'markdown', 'id': rs(HEX, 8), 'metadata': {}, 'source': [T('# Churn EDA – Q1 2024\n'), T('\n'), T('Pulled from `crm_prod` by ', L(p_author.full, 'name', 'name_ipynb_markdown_author'),
                                                                                                                  ' (', L(p_author.email, 'email', 'email_ipynb_markdown_author'), ')')]},
        {'cell_type': 'code', 'execution_count': 1, 'id': rs(HEX, 8), 'metadata': {}, 'outputs': [],
         'source': [T('import os\n'), T('import pandas as pd\n'), T('from sqlalchemy import create_engine\n'),
                    T('engine = create_engine("postgresql://analyst:', SEC(pw, 'secret_ipynb_source_pg_url_password'), '@10.20.1.5:5432/crm")\n'),
                    T('os.environ["OPENAI_API_KEY"] = "', SEC(okey, 'secret_openai_key_ipynb_source'), '"')]},
        {'cell_type': 'code', 'execution_count': 2, 'id': rs(HEX, 8), 'metadata': {},
         'outputs': [{'data': {'text/html': [T('<div>\n'), T('<table border="1" class="dataframe">\n'), T('  <tbody>\n')] + html_rows + [T('  </tbody>\n'), T('</table>\n'), T('</div>')],
                               'text/plain': plain_lines},
                      'execution_count': 2, 'metadata': {}, 'output_type': 'execute_result'}],
         'source': [T('df = pd.read_sql("select * from customers where churn_score > 0.8", engine)\n'), T('df.head(6)')]},
        {'cell_type': 'code', 'execution_count': 3, 'id': rs(HEX, 8), 'metadata': {},
         'outputs': [{'name': 'stdout', 'output_type': 'stream', 'text': [T("environ({'HOME': '/home/jovyan', 'OPENAI_API_KEY': '", SEC(okey, 'secret_openai_key_ipynb_stdout_environ'),
                                                                            "', 'HF_TOKEN': '", SEC(hf_tok(), 'secret_hf_token_ipynb_stdout'), "', 'JUPYTERHUB_API_TOKEN': '", SEC(rs(HEX, 32), 'secret_jupyterhub_api_token_hex'), "'})\n")]}],
         'source': [T('print(os.environ)')]},
        {'cell_type': 'code', 'execution_count': 4, 'id': rs(HEX, 8), 'metadata': {},
         'outputs': [{'data': {'image/png': N(base64.b64encode(tiny_png()).decode(), 'secret', 'neg_ipynb_png_base64'), 'text/plain': ['<Figure size 800x400 with 1 Axes>']}, 'metadata': {}, 'output_type': 'display_data'}],
         'source': [T("df.groupby('plan').churn_score.mean().plot(kind='bar')")]},
        {'cell_type': 'code', 'execution_count': 5, 'id': rs(HEX, 8), 'metadata': {},
         'outputs': [{'ename': 'HTTPError', 'evalue': T('401 Client Error: Unauthorized for url: https://api.hubapi.com/crm/v3/objects/contacts?hapikey=', SEC(uid(), 'secret_hubspot_hapikey_uuid_url'), ''), 'output_type': 'error',
                      'traceback': [T('\u001b[0;31mHTTPError\u001b[0m: 401 Client Error')]}],
         'source': [T('requests.get(HUBSPOT_URL).raise_for_status()')]},
    ]
    nb = {'cells': cells, 'metadata': {'kernelspec': {'display_name': 'Python 3 (ipykernel)', 'language': 'python', 'name': 'python3'},
                                       'language_info': {'name': 'python', 'version': '3.11.8'}}, 'nbformat': 4, 'nbformat_minor': 5}
    D.add(json_parts(nb, indent=1), '\n')


def f_finetune():
    D = Doc('ml/sft/banking_agent_toolcalls_v2.jsonl')
    for i in range(24):
        loc = ['hi_IN', 'en_IN', 'fil_PH', 'id_ID', 'en_NG', 'en_ZA', 'th_TH', 'vi_VN'][i % 8]
        p = person(loc)
        callid = 'call_' + rs(ALNUM, 24)
        ph = pfmt(phone_num(p.region), pick(['intl', 'e164', 'nat']))
        if loc in ('hi_IN', 'en_IN'):
            idv, idk, idname = g_in_pan(p.last if loc == 'en_IN' else 'Kumar'), 'in_.pan', 'pan'
        elif loc == 'id_ID':
            idv, idk, idname = g_id_nik(p.dob, p.sex), 'id.nik', 'nik'
        elif loc == 'en_ZA':
            idv, idk, idname = g_za_id(p.dob, p.sex), 'za.idnr', 'id_number'
        elif loc == 'th_TH':
            idv, idk, idname = g_th_pin(), 'th.pin', 'citizen_id'
        else:
            idv, idk, idname = None, None, None
        user = T('Hi, I am ', L(p.full, 'name', 'name_sft_user_message'), '. My number is ', L(ph, 'phone', 'phone_sft_user_message'), ' and I want to check my last transfer.')
        if idv:
            user += [' My ', idname.upper().replace('_', ' '), ' is ', ID(idk, idv, 'sft_user_message_' + idk.replace('.', '_').replace('in__', 'in_')), '.']
        # the tool-call arguments are a JSON *string* inside JSON (json.dumps default ensure_ascii=True)
        args_inner = {'phone': ph, 'full_name': p.full}
        if idv:
            args_inner[idname] = idv
        inner = json.dumps(args_inner)
        # build labelled version of the escaped inner string
        inner_parts = ['{"phone": "', L(ph, 'phone', 'phone_sft_tool_arguments_nested_json'), '", "full_name": "',
                       L(json.dumps(p.full)[1:-1], 'name', 'name_sft_tool_arguments_ascii_escaped' if not p.full.isascii() else 'name_sft_tool_arguments_nested_json'), '"']
        if idv:
            inner_parts += [', "%s": "' % idname, ID(idk, idv, 'sft_tool_arguments_' + idk.replace('.', '_')), '"']
        inner_parts += ['}']
        assert plain(inner_parts) == inner, (plain(inner_parts), inner)
        ib = gen_iban(pick(['GB', 'DE', 'AE', 'SA']))
        tool_result = T('{"status":"ok","customer":{"name":"', L(p.full, 'name', 'name_sft_tool_result'), '","email":"', L(p.email, 'email', 'email_sft_tool_result'),
                        '","last_transfer":{"to_iban":"', IB(ib, 'iban_sft_tool_result'), '","amount":"%.2f","date":"' % R.uniform(10, 900), N(rdate().isoformat(), 'dob', 'neg_dob_sft_transfer_date'), '"}}}')
        msgs = [{'role': 'system', 'content': 'You are a helpful banking assistant. Never reveal full account numbers.'},
                {'role': 'user', 'content': user},
                {'role': 'assistant', 'content': None, 'tool_calls': [{'id': callid, 'type': 'function', 'function': {'name': 'lookup_customer', 'arguments': T(*inner_parts)}}]},
                {'role': 'tool', 'tool_call_id': callid, 'content': tool_result},
                {'role': 'assistant', 'content': T('Thanks ', L(p.first, 'name', 'name_sft_assistant_first_name'), '. Your last transfer went to the account ending in ', N(ib[-4:], 'iban', 'neg_iban_last4_only', validator='iban'), '.')}]
        D.add(json_parts({'messages': msgs}, seps=(', ', ': ')), '\n')


def f_salesforce():
    D = Doc('crm/salesforce/Lead_export_MENA_2024-03-08.csv')
    hdr = ['Id', 'FirstName', 'LastName', 'Company', 'Email', 'Phone', 'MobilePhone', 'Street', 'City', 'Country', 'National_ID__c', 'IBAN__c', 'CreatedDate', 'LeadSource']
    D.add(csv_row(hdr, ',', '\n', quote_all=True))
    for i in range(24):
        loc = ['ar_SA', 'he_IL', 'ar_AE', 'ar_SA', 'he_IL'][i % 5]
        p = person(loc)
        cc = p.region
        sfid = '00Q' + rs(ALNUM, 12) + rs(UP, 3)
        if loc == 'he_IL':
            nid = ID('il.idnr', g_il_idnr(), 'il_idnr_salesforce_csv')
            if i == 9:
                nid = ID('il.idnr', corrupt(g_il_idnr(), 'il.idnr'), 'neg_il_idnr_bad_check_sf', False)
            street = L(fk('he_IL').street_address(), 'address', 'address_he_salesforce_street')
            city = fk('he_IL').city()
        else:
            nid = ''
            street = L(address(loc), 'address', 'address_ar_salesforce_street') if not i % 3 == 0 else \
                L('%s\n%s' % (address(loc).split('،')[0], 'ص.ب %s' % d(5)), 'address', 'address_multiline_quoted_salesforce')
            city = pick(['الرياض', 'جدة', 'دبي'])
        row = [N(sfid, 'secret', 'neg_salesforce_18char_id'), L(p.first, 'name', 'name_salesforce_first_rtl' if not p.first.isascii() else 'name_salesforce_first'),
               L(p.last, 'name', 'name_salesforce_last_rtl'), pick(['Al Noor Trading', 'Gulf Horizon LLC', 'Negev Tech Ltd', 'Desert Rose Co.']), L(p.email, 'email', 'email_salesforce_csv'),
               PH(cc, pick(['nat', 'intl']), 'phone_salesforce_phone', kind='f'), PH(cc, pick(['intl', 'e164']), 'phone_salesforce_mobile'), street, city, cc, nid,
               IB(gen_iban(cc), 'iban_salesforce_' + cc.lower()) if chance(0.6) else '', N(rts().strftime('%Y-%m-%dT%H:%M:%S.000+0000'), 'dob', 'neg_dob_salesforce_createddate'),
               pick(['Web', 'Partner Referral', 'Trade Show'])]
        D.add(csv_row(row, ',', '\n', quote_all=True))


def f_docs():
    D = Doc('docs/payments-api/integration_guide.md')
    D.add('# Payments API – Integration guide\n\n## Authentication\n\nPass your key in the `Authorization` header:\n\n```http\nGET /v1/charges HTTP/1.1\nHost: api.rheinwerk-pay.de\nAuthorization: Bearer ',
          N('<YOUR_API_KEY>', 'secret', 'neg_placeholder_angle_brackets'), '\n```\n\n')
    D.add('Example `.env`:\n\n```dotenv\nRWPAY_API_KEY=', N('rwp_live_XXXXXXXXXXXXXXXXXXXXXXXX', 'secret', 'neg_placeholder_xxx_token'), '\nRWPAY_WEBHOOK_SECRET=', N('${WEBHOOK_SECRET}', 'secret', 'neg_env_placeholder_docs'),
          '\nAWS_ACCESS_KEY_ID=', N('AKIAIOSFODNN7EXAMPLE', 'secret', 'neg_aws_documentation_example_akid'), '\nSLACK_BOT_TOKEN=', N('xoxb-your-bot-token', 'secret', 'neg_slack_placeholder_token'), '\n```\n\n')
    D.add('## Test data\n\n| Field | Value |\n|---|---|\n| email | ', N('jane.doe@example.com', 'email', 'neg_email_example_com_docs'), ' |\n| email (sandbox) | ', N('buyer@shop.test', 'email', 'neg_email_dot_test_tld'), ' |\n')
    D.add('| card (always succeeds) | 4111 1111 1111 1111 |\n| card (declined) | ', N(bad_card('visa', ' '), 'card', 'neg_card_luhn_fail_docs', validator='luhn'), ' |\n| IBAN | DE89 3704 0044 0532 0130 00 |\n')
    D.add('| IBAN (invalid) | ', N(corrupt('DE89 3704 0044 0532 0130 00', 'iban'), 'iban', 'neg_iban_docs_invalid_variant', validator='iban'), ' |\n| phone | ', N('+1 555-0100', 'phone', 'neg_phone_fictional_555_0100'), ' |\n| IP | ',
          N('192.0.2.%d' % R.randint(1, 254), 'ip', 'neg_ip_documentation_range'), ' / ', N('2001:db8::%x' % R.randint(1, 0xffff), 'ip', 'neg_ipv6_documentation_range'), ' |\n| SSN | ', N('078-05-1120', 'national_id', 'neg_ssn_woolworth_blacklisted', validator='us.ssn'), ' |\n\n')
    D.add('## Versioning\n\nCurrent version ', N('3.2.1.0', 'ip', 'neg_ip_like_version_docs'), ' (build ', N('20240311.4', 'phone', 'neg_build_number_docs'), '). SDK on npm: `', N('@rheinwerk/pay-sdk@3.2.1', 'email', 'neg_email_like_npm_scoped_pkg'), '`.\n\n')
    D.add('Clone: `git clone ', N('git@github.com', 'email', 'neg_email_like_git_ssh_remote'), ':rheinwerk/pay-sdk.git`. Retina icons are named like `', N('logo@2x.png', 'email', 'neg_email_like_retina_asset'), '`.\n\n')
    D.add('Webhook signature: `X-RW-Signature: t=1710144302,v1=', N(rs(HEX, 64), 'secret', 'neg_hmac_signature_hex_docs'), '`\n\n')
    D.add('## Support\n\nQuestions? Ping ', L(person('de_DE').full, 'name', 'name_docs_support_contact'), ' (', L(person('de_DE', company_domain='rheinwerk-pay.de').email, 'email', 'email_docs_real_author'), ').\n\n')
    D.add('<!-- TODO remove before publishing: staging key ', SEC(stripe('sk_test_'), 'secret_stripe_sk_test_html_comment'), ' -->\n')


def f_sentry():
    D = Doc('app/sentry/event_4f1c9a2e.json')
    p = person('fr_FR')
    ib = gen_iban('FR')
    card = gen_card('visa')
    ev = {
        'event_id': N(rs(HEX, 32), 'secret', 'neg_sentry_event_id_hex32'), 'timestamp': 1710144302.123, 'platform': 'python', 'level': 'error', 'release': 'checkout@5.4.2', 'environment': 'production',
        'user': {'id': str(R.randint(10000, 99999)), 'email': L(p.email, 'email', 'email_sentry_user'), 'ip_address': L(pub_ipv4(), 'ip', 'ip_sentry_user_ip_address'), 'username': L(p.full, 'name', 'name_sentry_username')},
        'request': {'url': T('https://boutique.rheinwerk.fr/checkout/confirm?email=', L(quote(p.email, safe=''), 'email', 'email_sentry_request_url_encoded')), 'method': 'POST',
                    'headers': [['Authorization', T('Bearer ', SEC(jwt({'sub': p.email, 'iat': 1710140000, 'roles': ['customer']}), 'secret_jwt_sentry_header_pair'))],
                                ['Cookie', T('sessionid=', SEC(rs(LO + DIG, 32), 'secret_django_sessionid_cookie'), '; csrftoken=', N(rs(ALNUM, 32), 'secret', 'neg_csrf_token_cookie'))],
                                ['User-Agent', UAS[0]]],
                    'env': {'REMOTE_ADDR': L(pub_ipv4(), 'ip', 'ip_sentry_env_remote_addr'), 'SERVER_NAME': 'web-7d9f'},
                    'data': {'iban': IB(iban_grp(ib), 'iban_sentry_request_data'), 'telephone': PH('FR', pick(['nat', 'intl']), 'phone_sentry_request_data'), 'password': N('[Filtered]', 'secret', 'neg_sentry_filtered_value')}},
        'exception': {'values': [{'type': 'ValidationError', 'value': T("Invalid IBAN '", IB(iban_grp(ib), 'iban_sentry_exception_message_quoted'), "' for ", L(p.full, 'name', 'name_sentry_exception_message')),
                                  'stacktrace': {'frames': [{'filename': 'checkout/views.py', 'function': 'confirm', 'lineno': 214,
                                                             'vars': {'card_number': T("'", CARD(card, 'card_sentry_frame_var_repr_quoted'), "'"), 'cvv': "'[Filtered]'",
                                                                      'customer': T("<Customer: ", L(p.full, 'name', 'name_sentry_frame_var_repr'), ' <', L(p.email, 'email', 'email_sentry_frame_var_repr'), '>>'),
                                                                      'nir': T("'", ID('fr.nir', g_fr_nir(p.dob, '1' if p.sex == 'M' else '2'), 'fr_nir_sentry_frame_var'), "'")}}]}}]},
        'breadcrumbs': {'values': [{'timestamp': 1710144301.9, 'category': 'query', 'message': T("SELECT * FROM customers WHERE email = '", L(p.email, 'email', 'email_sentry_breadcrumb_sql'), "'")},
                                   {'timestamp': 1710144302.0, 'category': 'httplib', 'data': {'url': T('https://api.mailjet.com/v3/send?apikey=', SEC(rs(HEX, 32), 'secret_mailjet_apikey_breadcrumb_url'))}}]},
        'contexts': {'os': {'name': 'Linux', 'version': '6.1.0'}, 'runtime': {'name': 'CPython', 'version': '3.11.8'}, 'trace': {'trace_id': N(rs(HEX, 32), 'secret', 'neg_trace_id_hex32'), 'span_id': rs(HEX, 16)}},
        'sdk': {'name': 'sentry.python.django', 'version': '1.40.6'},
    }
    D.add(json_parts(ev, indent=2), '\n')


# ============================================================================
# main
# ============================================================================

GENERATORS = [f_de_excel, f_fr_excel, f_sap_alv, f_sap_idoc, f_ldif, f_mbox, f_hl7, f_fhir, f_sepa, f_ubl, f_soap, f_spring_yaml, f_wpconfig, f_npmrc_pypirc,
              f_tfstate, f_k8s, f_ci_log, f_ansible, f_cisco, f_home_backup, f_nginx, f_app_jsonlog, f_apache_error, f_dhcpd, f_teams, f_tickets, f_mysql, f_pgcopy,
              f_markdown, f_html, f_mt940, f_cnab240, f_parquet_customers, f_parquet_events, f_gz_orders, f_gz_hr, f_ipynb, f_finetune, f_salesforce, f_docs, f_sentry]


def check_oracle(lab):
    v = lab.extra.get('validator')
    if not v:
        return
    if v == 'luhn':
        c = re.sub(r'[\s\-]', '', lab.value)
        ok = c.isdigit() and luhn.is_valid(c)
    elif v == 'iban':
        ok = std_iban.is_valid(lab.value)
    else:
        ok = sm(v).is_valid(lab.value)
    if ok != lab.pos:
        raise AssertionError('oracle mismatch: %s %r %s pos=%s' % (v, lab.value, lab.form, lab.pos))


def main():
    out = ARGS.out
    os.makedirs(out, exist_ok=True)
    for g in GENERATORS:
        g()
    labels = []
    for D in DOCS:
        path = os.path.join(out, D.rel + ('.gz' if D.gz else ''))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = bytes(D.buf)
        with open(path, 'wb') as fh:
            fh.write(gzip.compress(data, mtime=0) if D.gz else data)
        # verify from disk
        raw = open(path, 'rb').read()
        if D.gz:
            raw = gzip.decompress(raw)
        for lab, s, e in D.labs:
            assert raw[s:e] == lab.value.encode(), (D.rel, lab.form, lab.value)
            check_oracle(lab)
            rec = {'file': D.rel + ('.gz' if D.gz else ''), 'value': lab.value, 'category': lab.cat, 'form': lab.form, 'positive': lab.pos,
                   'span': [s, e], 'line': raw[:s].count(b'\n') + 1}
            if lab.extra.get('validator'):
                rec['validator'] = lab.extra['validator']
            labels.append(rec)
    for rel, tbl, labs in PQ_FILES:
        path = os.path.join(out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        pq.write_table(tbl, path, compression='snappy')
        back = pq.read_table(path).to_pylist()
        for lab, col, row in labs:
            strs = cell_strings(back[row], col)
            assert any(lab.value in s for s in strs), (rel, col, row, lab.value, strs)
            check_oracle(lab)
            rec = {'file': rel, 'value': lab.value, 'category': lab.cat, 'form': lab.form, 'positive': lab.pos, 'span': None, 'line': None, 'column': col, 'row': row}
            if lab.extra.get('validator'):
                rec['validator'] = lab.extra['validator']
            labels.append(rec)
    with open(os.path.join(out, 'labels.jsonl'), 'w', encoding='utf-8') as fh:
        for r in labels:
            fh.write(json.dumps(r, ensure_ascii=False) + '\n')
    total = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(out) for f in fs if f != 'labels.jsonl')
    nfiles = sum(len(fs) for _, _, fs in os.walk(out)) - 1
    pos = sum(1 for r in labels if r['positive'])
    print('wrote %d files (%.1f KB) and %d labels (%d positive, %d negative) to %s' % (nfiles, total / 1024, len(labels), pos, len(labels) - pos, out))
    assert total < 3 * 1024 * 1024


if __name__ == '__main__':
    main()
