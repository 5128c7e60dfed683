#!/usr/bin/env python3
"""blind10: "what ML teams actually put in training and evaluation data" -- a
held-out labelled evaluation set for a PII / secrets scanner.

Usage:  python blind10_gen.py --seed N --out DIR [--quiet]
        (run with the data venv, /root/.cache/mlsec/data-venv/bin/python: needs
        faker, python-stdnum, phonenumbers and pyarrow; no network)

Writes 46 files (~540 KB) into DIR (instruction-tuning / chat datasets, RAG
corpora, logs and telemetry, code and config, tabular feature tables) plus
DIR/labels.jsonl: about 5,600 positives and 1,900 hard negatives per seed, in
26 locales (en_US en_GB de_DE fr_FR es_ES it_IT nl_NL pl_PL pt_BR sv_SE da_DK
fi_FI nb_NO cs_CZ tr_TR ja_JP zh_CN ko_KR hi_IN ru_RU uk_UA ar_SA ar_EG en_IN
en_AU en_CA).  Runs in a few seconds.  Byte-identical per seed: every random choice comes from
random.Random("<seed>:<section>"), Faker instances are re-seeded per section
from the same string, gzip is written with mtime 0 and no file name, Parquet
with fixed pyarrow options, and the script re-executes itself with
PYTHONHASHSEED=0.  At the end it re-reads every file, asserts that each
label's bytes sit at its span (and each Parquet label's value is in its
cell), that no two labels of a file overlap, re-validates every checksum /
phone / e-mail / IP / MAC positive (and that every one-digit negative
FAILS its validator) and prints counts per file and per category.
Shares no code with blind1-9.

Shapes (one file each unless noted):
  chat/      OpenAI `messages` JSONL (json.dumps default: non-ASCII as \\uXXXX)
             and raw-UTF-8 JSONL; ShareGPT `conversations` as a JSON array
             (indent 2, raw UTF-8) and as escaped JSONL; a HuggingFace chat
             Parquet (messages list<struct<role, content>>)
  sft/ eval/ Alpaca JSON (indent 4, escaped), DPO prompt/chosen/rejected
             JSONL, an extraction eval JSONL whose `target` is a JSON string
             inside JSON (values double-escaped where they contain quotes)
  rag/       chunked documents with metadata, an mbox of e-mails, meeting
             notes, CVs, classified ads, forum dump, obituaries + letters,
             invoices, tenancy agreements, discharge summaries, incident
             reports, HR letters, a gzip web crawl JSONL
  logs/      JSON app logs, nginx combined access log (e-mails URL-encoded in
             query strings: label value = written bytes, `decoded` = plain),
             syslog, audit-trail CSV, error traces with connection strings,
             gzip telemetry JSONL
  code/      .env, Kubernetes Secret YAML (stringData plain + data base64),
             docker-compose, GitHub Actions, GCP service-account JSON, an API
             README full of documentation example values, Python / JS / Go /
             Java sources, Jupyter notebook (nbformat 4, outputs with
             text/plain + text/html), shell history, SQL dump (MySQL escaping),
             Terraform
  tabular/   CSV / TSV / Parquet feature tables and label files, a .csv.gz

Label schema (what blind4_score.py reads), one JSON object per line:
  file, value (exact text at the span, UTF-8; for Parquet the value, equal to
  or a substring of the cell), category (name dob address national_id phone
  email iban card secret ip mac), form (positives
  <category>_<shape>_<locale>_<filetag>; negatives
  <category>_neg_<shape>_<kind>), positive, span ([start, end) byte offsets,
  decompressed for .gz; null for Parquet), line (1-based; null for Parquet),
  row / column (Parquet only; 0-based row, dotted column path without list
  levels; at most one label per (file, row, column)), validator (stdnum
  module for checksum labels; 'gb.nino_rules' for UK NINO; 'luhn' for
  cards; 'phonenumbers' / 'email' / 'ipaddress' / 'mac' for those; on a
  one-digit negative the validator it FAILS), decoded (plain value where the
  written bytes differ: JSON \\uXXXX / \\n / \\" escapes, CSV "" doubling,
  URL-encoding, base64 in k8s `data:`), kind (negatives: why), locale, where
  (JSON key / CSV column / context).

Labelling rules (what a careful annotator marks):
  * name: people's names as written (titles outside the span); authors,
    commit authors and annotators count.  Negatives: company names
    (kind company), placeholder persons (John Doe, Max
    Mustermann, Mario Rossi, Jan Kowalski, 山田太郎, 张三, 홍길동, Иван Иванов,
    ...), companies / brands named after people (Wells Fargo, Hugo Boss,
    Ben & Jerry's, Ralph Lauren), job titles, eponyms of ML methods
    (Kalman filter, Adam optimizer, Dijkstra's algorithm).  A first name alone
    used to address someone ("Thanks, Maria") is a positive (shape first).
  * dob: only where the text/column says birth; order dates, admission dates,
    death dates, timestamps, expiry dates in the same formats are negatives.
  * address: street + house number (+ postcode / city) as written, multi-line
    spans allowed.  Negatives: placeholders (123 Main St, Anytown), street
    names used as places or brands (Wall Street, Abbey Road, Downing Street),
    product names.
  * national_id: personal identifiers / personal tax numbers that pass their
    python-stdnum validator (us.ssn, gb.nhs, de.idnr, fr.nir, es.dni, es.nie,
    it.codicefiscale, nl.bsn, pl.pesel, br.cpf, se.personnummer, dk.cpr,
    fi.hetu, no.fodselsnummer, cz.rc, tr.tckimlik, jp.in_, cn.ric, kr.rrn,
    in_.aadhaar, in_.pan, ru.inn, ua.rntrc, eg.tn, au.tfn, ca.sin) plus UK
    NINO by rule.  Company VAT / registration numbers are left UNLABELLED.
    Negatives: one digit changed so the validator fails (onedigit_<module>),
    invalid SSN areas (000/666/9xx), 123-45-6789, and official sample numbers
    quoted in documentation (PESEL 44051401359, BSN 111222333, ... kind
    documented_example: they pass the checksum but identify no one).
  * phone: numbers phonenumbers.is_valid_number() accepts for the locale's
    region, written as libphonenumber formats them or as people type them.
    Negatives: US 555-01xx, Ofcom drama ranges, ACMA fictional numbers (even
    where phonenumbers calls them valid), one digit dropped (invalid), order
    numbers, epoch timestamps.
  * email: real-looking addresses, including role / service-account
    addresses (billing@..., ...iam.gserviceaccount.com).  Negatives:
    example.com/.org/.net, .test,
    .invalid, .example, localhost, image names like logo@2x.png, SSH remotes
    git@github.com:...
  * iban / card: pass mod-97 / Luhn (and stdnum.iban's country check).
    Negatives: one digit changed; masked; documentation example IBANs
    (DE89 3704 0044 0532 0130 00, GB82 WEST ..., kind documented_example,
    only inside documentation text); well-known processor TEST card
    numbers (4242 4242 4242 4242, 4111 1111 1111 1111, ...) are negatives
    (kind test_card) because they identify no account.
  * secret: live-format credentials with random bodies (AWS key id + secret,
    GitHub ghp_/gho_/github_pat_, GitLab glpat-, Slack xoxb-/xoxp-/webhook,
    Stripe sk_live_/rk_live_, Google AIza, PEM RSA / PKCS#8 / EC / OpenSSH
    private keys, GCP service-account private_key, JWT, Azure AccountKey,
    SendGrid, Twilio, OpenAI sk-proj-, Anthropic sk-ant-, Hugging Face hf_,
    npm npm_, PyPI pypi-, Telegram, Shopify, DigitalOcean, Databricks,
    Discord webhooks, passwords in DB / basic-auth URLs (label = the password),
    generic password = "..." with strong random values, Kubernetes Secret
    `data:` values (base64 of a random password; decoded = plain).  GitHub
    classic tokens carry a CRC32 suffix (base62 of crc32 of the 30 random
    chars, padded to 6) -- the format GitHub describes; other formats have
    the right prefix / charset / length only.
    Stripe rule: random sk_test_ / rk_test_ keys are POSITIVE (they are API
    credentials); the documented docs key sk_test_4eC39HqLyjWDarjtT1zdp7dc
    and publishable pk_live_/pk_test_ keys are NEGATIVE.
    Negatives: git SHAs, sha256 / md5 / sha1 digests, docker digests,
    npm integrity hashes, UUIDs, base64 image data, trace / request ids,
    Stripe object ids (cus_, pi_), placeholders (your-api-key-here,
    <YOUR_TOKEN>, xxxx...), env references (${{ secrets.X }}, os.environ),
    documented examples (AKIAIOSFODNN7EXAMPLE, the jwt.io token, the Azurite
    key), public keys and certificates, DB URLs with obvious placeholder
    passwords (password, postgres, changeme).
  * ip: public (ipaddress.is_global) IPv4 / IPv6.  Negatives: documentation
    ranges (192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32),
    private RFC 1918, loopback, link-local, 0.0.0.0, netmasks, version
    strings and OIDs that look like dotted quads.  RULE: private and loopback
    addresses are NEGATIVES (they identify no one outside the network).
  * mac: unicast device MACs (colon, dash, Cisco dotted).  Negatives:
    broadcast, all-zero, multicast 01:00:5e:..., placeholder 00:11:22:33:44:55
    and aa:bb:cc:dd:ee:ff.
"""
import os, sys
if os.environ.get('PYTHONHASHSEED') != '0':
    os.environ['PYTHONHASHSEED'] = '0'
    os.execv(sys.executable, [sys.executable] + sys.argv)

import argparse, base64, collections, datetime, gzip, importlib, io, ipaddress, json, random, re, string, struct, unicodedata, urllib.parse, zlib
import phonenumbers as PN
from faker import Faker
import pyarrow as pa, pyarrow.parquet as pq

AP = argparse.ArgumentParser()
AP.add_argument('--seed', type=int, required=True)
AP.add_argument('--out', required=True)
AP.add_argument('--quiet', action='store_true')
ARGS = AP.parse_args()
SEED = ARGS.seed

# ====================================================================== core
class Lab:
    __slots__ = ('value', 'cat', 'shape', 'loc', 'pos', 'validator', 'kind', 'plain')

    def __init__(self, value, cat, shape, loc=None, pos=True, validator=None, kind=None, plain=None):
        self.value, self.cat, self.shape, self.loc, self.pos, self.validator, self.kind = value, cat, shape, loc, pos, validator, kind
        self.plain = plain  # the decoded value when `value` is already an encoded form

    def enc(self, f):
        """A copy whose value is f(value) (pre-encoded), remembering the plain value."""
        return Lab(f(self.value), self.cat, self.shape, self.loc, self.pos, self.validator, self.kind, self.plain or self.value)

    def __repr__(self):
        return 'Lab(%r,%s,%s)' % (self.value, self.cat, self.pos)


class Rich(list):
    """A string made of plain str pieces and Lab pieces."""
    def __add__(self, other):
        return Rich(list(self) + flat([other]))

    def __radd__(self, other):
        return Rich(flat([other]) + list(self))

    def text(self):
        return ''.join(x.value if isinstance(x, Lab) else x for x in flat(self))


def flat(xs):
    out = []

    def rec(x):
        if isinstance(x, (list, tuple)):
            for y in x:
                rec(y)
        elif x is None:
            pass
        else:
            out.append(x)
    rec(xs)
    return out


_FMT = re.compile(r'\{\{|\}\}|\{(\w+)\}')


def T(fmt, **kw):
    """Template -> Rich; {key} slots take str / Lab / Rich / list; {{ and }} are literal braces."""
    out = Rich()
    pos = 0
    for m in _FMT.finditer(fmt):
        if m.start() > pos:
            out.append(fmt[pos:m.start()])
        if m.group(1) is None:
            out.append(m.group(0)[0])
        else:
            out.extend(flat([kw[m.group(1)]]))
        pos = m.end()
    if pos < len(fmt):
        out.append(fmt[pos:])
    return out


LABELS = []
FILES = []
OUTDIR = ARGS.out


def jesc_a(s):
    return json.dumps(s)[1:-1]


def jesc_u(s):
    return json.dumps(s, ensure_ascii=False)[1:-1]


class Out:
    def __init__(self, rel, tag):
        self.rel, self.tag = rel, tag
        self.parts, self.n, self.labs, self.where = [], 0, [], None

    def raw(self, s):
        b = s.encode('utf-8')
        self.parts.append(b)
        self.n += len(b)

    def w(self, *xs, esc=None, where=None):
        for x in flat(list(xs)):
            if isinstance(x, Lab):
                written = esc(x.value) if esc else x.value
                s = self.n
                self.raw(written)
                self.labs.append((x, s, self.n, written, where or self.where))
            else:
                self.raw(esc(x) if esc else x)

    def line(self, *xs, **kw):
        self.w(*xs, **kw)
        self.raw('\n')

    def finish(self):
        data = b''.join(self.parts)
        finish_labels(self.rel, self.tag, data, [(lab, (s, e), None, None, wr, wh) for lab, s, e, wr, wh in self.labs])
        write_bytes(self.rel, data)


def write_bytes(rel, data):
    p = os.path.join(OUTDIR, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    if rel.endswith('.gz'):
        bio = io.BytesIO()
        with gzip.GzipFile(filename='', mode='wb', fileobj=bio, mtime=0, compresslevel=9) as gz:
            gz.write(data)
        data = bio.getvalue()
    with open(p, 'wb') as fh:
        fh.write(data)
    FILES.append(rel)


def form_of(lab, tag):
    if lab.pos:
        return '%s_%s_%s_%s' % (lab.cat, lab.shape, lab.loc or 'xx', tag)
    return '%s_neg_%s_%s' % (lab.cat, lab.shape, lab.kind)


def finish_labels(rel, tag, data, items):
    for lab, span, row, col, written, where in items:
        rec = {'file': rel, 'value': written, 'category': lab.cat, 'form': form_of(lab, tag), 'positive': lab.pos,
               'span': list(span) if span else None, 'line': (data.count(b'\n', 0, span[0]) + 1) if span else None}
        if span is None:
            rec['row'], rec['column'] = row, col
        if lab.validator:
            rec['validator'] = lab.validator
        plain = lab.plain or lab.value
        if written != plain:
            rec['decoded'] = plain
        if not lab.pos:
            rec['kind'] = lab.kind
        if lab.loc:
            rec['locale'] = lab.loc
        if where:
            rec['where'] = where
        LABELS.append(rec)


# ---------------------------------------------------------------- JSON out
def jwrite(o, obj, ea=True, indent=None, lvl=0, key=None):
    esc = jesc_a if ea else jesc_u
    if isinstance(obj, (str, Lab, Rich)):
        o.raw('"')
        o.w(obj, esc=esc, where=key)
        o.raw('"')
    elif isinstance(obj, dict):
        if not obj:
            o.raw('{}')
            return
        o.raw('{')
        for i, (k, v) in enumerate(obj.items()):
            if i:
                o.raw(',' if indent is not None else ', ')
            if indent is not None:
                o.raw('\n' + ' ' * (indent * (lvl + 1)))
            o.raw(json.dumps(k, ensure_ascii=ea) + ': ')
            jwrite(o, v, ea, indent, lvl + 1, k)
        if indent is not None:
            o.raw('\n' + ' ' * (indent * lvl))
        o.raw('}')
    elif isinstance(obj, list):
        if not obj:
            o.raw('[]')
            return
        o.raw('[')
        for i, v in enumerate(obj):
            if i:
                o.raw(',' if indent is not None else ', ')
            if indent is not None:
                o.raw('\n' + ' ' * (indent * (lvl + 1)))
            jwrite(o, v, ea, indent, lvl + 1, key)
        if indent is not None:
            o.raw('\n' + ' ' * (indent * lvl))
        o.raw(']')
    else:
        o.raw(json.dumps(obj))


def jline(o, obj, ea=True):
    jwrite(o, obj, ea)
    o.raw('\n')


# ----------------------------------------------------------------- CSV out
def csv_row(o, cells, delim=',', cols=None):
    for i, c in enumerate(cells):
        if i:
            o.raw(delim)
        segs = flat([c])
        segs = [str(s) if not isinstance(s, (Lab, str)) else s for s in segs]
        text = ''.join(s.value if isinstance(s, Lab) else s for s in segs)
        where = cols[i] if cols else None
        if delim == ',' and any(ch in text for ch in ',"\n\r'):
            o.raw('"')
            o.w(segs, esc=lambda s: s.replace('"', '""'), where=where)
            o.raw('"')
        else:
            o.w(segs, where=where)
    o.raw('\n')


# ------------------------------------------------------------- Parquet out
def write_parquet(rel, tag, schema, rows):
    """rows: list of dicts; str-like cells may be Lab / Rich; list-of-struct
    cells are lists of dicts whose str fields may be Lab / Rich."""
    items = []
    plain_rows = []
    for ri, row in enumerate(rows):
        pr = {}
        seen = set()
        for k, v in row.items():
            if isinstance(v, list) and not isinstance(v, Rich) and v and isinstance(v[0], dict):
                lst = []
                for el in v:
                    pe = {}
                    for k2, v2 in el.items():
                        if isinstance(v2, (Lab, Rich)):
                            labs = [x for x in flat([v2]) if isinstance(x, Lab)]
                            for lab in labs:
                                col = k + '.' + k2
                                assert (ri, col) not in seen, (rel, ri, col)
                                seen.add((ri, col))
                                items.append((lab, None, ri, col, lab.value, col))
                            pe[k2] = Rich(flat([v2])).text()
                        else:
                            pe[k2] = v2
                    lst.append(pe)
                pr[k] = lst
            elif isinstance(v, (Lab, Rich)):
                labs = [x for x in flat([v]) if isinstance(x, Lab)]
                assert len(labs) <= 1, (rel, ri, k, labs)
                for lab in labs:
                    items.append((lab, None, ri, k, lab.value, k))
                pr[k] = Rich(flat([v])).text()
            else:
                pr[k] = v
        plain_rows.append(pr)
    table = pa.Table.from_pylist(plain_rows, schema=schema)
    p = os.path.join(OUTDIR, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    pq.write_table(table, p, compression='snappy', row_group_size=200, use_dictionary=False, write_statistics=False)
    finish_labels(rel, tag, b'', items)
    FILES.append(rel)

# ================================================================= locales
LOCS = ['en_US', 'en_GB', 'de_DE', 'fr_FR', 'es_ES', 'it_IT', 'nl_NL', 'pl_PL', 'pt_BR', 'sv_SE', 'da_DK', 'fi_FI', 'nb_NO',
        'cs_CZ', 'tr_TR', 'ja_JP', 'zh_CN', 'ko_KR', 'hi_IN', 'ru_RU', 'uk_UA', 'ar_SA', 'ar_EG', 'en_IN', 'en_AU', 'en_CA']
FAKER_LOC = {'nb_NO': 'no_NO', 'ar_EG': 'ar_SA'}
LANG = {l: l.split('_')[0] for l in LOCS}
LANG['nb_NO'] = 'nb'
REGION = {l: l.split('_')[1] for l in LOCS}
IBAN_CC = {'en_GB': 'GB', 'de_DE': 'DE', 'fr_FR': 'FR', 'es_ES': 'ES', 'it_IT': 'IT', 'nl_NL': 'NL', 'pl_PL': 'PL', 'pt_BR': 'BR',
           'sv_SE': 'SE', 'da_DK': 'DK', 'fi_FI': 'FI', 'nb_NO': 'NO', 'cs_CZ': 'CZ', 'tr_TR': 'TR', 'ar_SA': 'SA', 'ar_EG': 'EG',
           'uk_UA': 'UA'}
# national id modules per locale: (module, label used in text)
NID = {
    'en_US': [('us.ssn', 'SSN')], 'en_GB': [('gb.nino', 'National Insurance number'), ('gb.nhs', 'NHS number')],
    'de_DE': [('de.idnr', 'Steuer-ID')], 'fr_FR': [('fr.nir', 'numéro de sécurité sociale')],
    'es_ES': [('es.dni', 'DNI'), ('es.nie', 'NIE')], 'it_IT': [('it.codicefiscale', 'codice fiscale')],
    'nl_NL': [('nl.bsn', 'BSN')], 'pl_PL': [('pl.pesel', 'PESEL')], 'pt_BR': [('br.cpf', 'CPF')],
    'sv_SE': [('se.personnummer', 'personnummer')], 'da_DK': [('dk.cpr', 'CPR-nummer')], 'fi_FI': [('fi.hetu', 'henkilötunnus')],
    'nb_NO': [('no.fodselsnummer', 'fødselsnummer')], 'cs_CZ': [('cz.rc', 'rodné číslo')], 'tr_TR': [('tr.tckimlik', 'T.C. kimlik no')],
    'ja_JP': [('jp.in_', 'マイナンバー')], 'zh_CN': [('cn.ric', '身份证号')], 'ko_KR': [('kr.rrn', '주민등록번호')],
    'hi_IN': [('in_.aadhaar', 'आधार नंबर')], 'ru_RU': [('ru.inn', 'ИНН')], 'uk_UA': [('ua.rntrc', 'РНОКПП')],
    'en_IN': [('in_.aadhaar', 'Aadhaar'), ('in_.pan', 'PAN')], 'en_AU': [('au.tfn', 'TFN')], 'en_CA': [('ca.sin', 'SIN')],
    'ar_SA': [], 'ar_EG': [],
}
_MODS = {}


def smod(name):
    if name not in _MODS:
        _MODS[name] = importlib.import_module('stdnum.' + name)
    return _MODS[name]


MONTHS = {
    'en': 'January February March April May June July August September October November December',
    'de': 'Januar Februar März April Mai Juni Juli August September Oktober November Dezember',
    'fr': 'janvier février mars avril mai juin juillet août septembre octobre novembre décembre',
    'es': 'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre',
    'it': 'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre',
    'nl': 'januari februari maart april mei juni juli augustus september oktober november december',
    'pt': 'janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro',
    'pl': 'stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia',
    'sv': 'januari februari mars april maj juni juli augusti september oktober november december',
    'da': 'januar februar marts april maj juni juli august september oktober november december',
    'nb': 'januar februar mars april mai juni juli august september oktober november desember',
    'fi': 'tammikuuta helmikuuta maaliskuuta huhtikuuta toukokuuta kesäkuuta heinäkuuta elokuuta syyskuuta lokakuuta marraskuuta joulukuuta',
    'cs': 'ledna února března dubna května června července srpna září října listopadu prosince',
    'tr': 'Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık',
    'ru': 'января февраля марта апреля мая июня июля августа сентября октября ноября декабря',
    'uk': 'січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня',
}
MONTHS = {k: v.split() for k, v in MONTHS.items()}
# numeric date formats per locale (first = most common); 'text' = long form
DATEF = {
    'en_US': ['mdy', 'text', 'iso'], 'en_GB': ['dmy', 'text'], 'en_AU': ['dmy', 'text'], 'en_IN': ['dmy', 'dmy_dash', 'text'],
    'en_CA': ['iso', 'text', 'mdy'], 'de_DE': ['dmy_dot', 'text'], 'fr_FR': ['dmy', 'text'], 'es_ES': ['dmy', 'text'],
    'it_IT': ['dmy', 'text'], 'nl_NL': ['dmy_dash', 'text'], 'pl_PL': ['dmy_dot', 'text'], 'pt_BR': ['dmy', 'text'],
    'sv_SE': ['iso', 'text'], 'da_DK': ['dmy_dot', 'text'], 'fi_FI': ['dmy_dot1', 'text'], 'nb_NO': ['dmy_dot', 'text'],
    'cs_CZ': ['dmy_cz', 'text'], 'tr_TR': ['dmy_dot', 'text'], 'ja_JP': ['cjk', 'ymd_slash'], 'zh_CN': ['cjk', 'iso'],
    'ko_KR': ['ko', 'ymd_dot'], 'hi_IN': ['dmy', 'dmy_dash'], 'ru_RU': ['dmy_dot', 'text'], 'uk_UA': ['dmy_dot', 'text'],
    'ar_SA': ['dmy', 'iso'], 'ar_EG': ['dmy', 'iso'],
}


def fmt_date(d, f, loc):
    lang = LANG[loc]
    if f == 'iso':
        return d.strftime('%Y-%m-%d')
    if f == 'mdy':
        return d.strftime('%m/%d/%Y')
    if f == 'dmy':
        return d.strftime('%d/%m/%Y')
    if f == 'dmy_dash':
        return d.strftime('%d-%m-%Y')
    if f == 'dmy_dot':
        return d.strftime('%d.%m.%Y')
    if f == 'dmy_dot1':
        return '%d.%d.%d' % (d.day, d.month, d.year)
    if f == 'dmy_cz':
        return '%d. %d. %d' % (d.day, d.month, d.year)
    if f == 'cjk':
        return '%d年%d月%d日' % (d.year, d.month, d.day)
    if f == 'ko':
        return '%d년 %d월 %d일' % (d.year, d.month, d.day)
    if f == 'ymd_slash':
        return d.strftime('%Y/%m/%d')
    if f == 'ymd_dot':
        return d.strftime('%Y.%m.%d')
    if f == 'text':
        m = MONTHS.get(lang, MONTHS['en'])[d.month - 1]
        if loc == 'en_US' or loc == 'en_CA':
            return '%s %d, %d' % (m, d.day, d.year)
        if lang in ('es', 'pt'):
            return '%d de %s de %d' % (d.day, m, d.year)
        if lang in ('de', 'da', 'nb', 'fi', 'cs'):
            return '%d. %s %d' % (d.day, m, d.year)
        return '%d %s %d' % (d.day, m, d.year)
    raise ValueError(f)


ADDR_OWN = {
    'zh_CN': dict(places=[('北京市', '', '朝阳区'), ('上海市', '', '浦东新区'), ('广东省', '广州市', '天河区'), ('广东省', '深圳市', '南山区'),
                          ('浙江省', '杭州市', '西湖区'), ('四川省', '成都市', '武侯区'), ('湖北省', '武汉市', '洪山区'), ('江苏省', '南京市', '鼓楼区')],
                  streets=['建国路', '中山路', '人民路', '解放大道', '和平街', '长江路', '科技园南路', '文三路']),
    'tr_TR': dict(places=[('İstanbul', 'Kadıköy', '34710', 'Caferağa'), ('Ankara', 'Çankaya', '06690', 'Kızılay'), ('İzmir', 'Karşıyaka', '35540', 'Bostanlı'),
                          ('Bursa', 'Nilüfer', '16110', 'Ataevler'), ('Antalya', 'Muratpaşa', '07100', 'Güzeloba')],
                  streets=['Atatürk Cad.', 'Cumhuriyet Cad.', 'İnönü Sok.', 'Gazi Mustafa Kemal Blv.', 'Bağdat Cad.', 'Moda Cad.']),
    'ar_SA': dict(places=[('الرياض', 'العليا', '12211'), ('جدة', 'الروضة', '23435'), ('الدمام', 'الفيصلية', '32272'), ('مكة المكرمة', 'العزيزية', '24243'),
                          ('المدينة المنورة', 'قباء', '42318')],
                  streets=['طريق الملك فهد', 'شارع التحلية', 'شارع الأمير سلطان', 'طريق الملك عبدالعزيز', 'شارع العروبة']),
    'ar_EG': dict(places=[('القاهرة', 'مدينة نصر'), ('الجيزة', 'الدقي'), ('الإسكندرية', 'سموحة'), ('القاهرة', 'المعادي'), ('القاهرة', 'مصر الجديدة')],
                  streets=['شارع عباس العقاد', 'شارع التحرير', 'شارع مصطفى النحاس', 'شارع فوزي معاذ', 'شارع الثورة']),
}
EG_FIRST = 'محمد أحمد محمود مصطفى عمر يوسف فاطمة مريم نور ياسمين هبة كريم'.split()
EG_LAST = ['عبد الرحمن', 'السيد', 'حسن', 'إبراهيم', 'الشريف', 'عبد الله', 'فاروق', 'سليمان', 'منصور', 'رمضان']
MAIL_DOM = {
    'en_US': ['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'aol.com', 'comcast.net', 'proton.me'],
    'en_GB': ['gmail.com', 'btinternet.com', 'hotmail.co.uk', 'sky.com', 'yahoo.co.uk', 'outlook.com'],
    'de_DE': ['gmx.de', 'web.de', 't-online.de', 'gmail.com', 'posteo.de', 'freenet.de'],
    'fr_FR': ['orange.fr', 'free.fr', 'laposte.net', 'gmail.com', 'sfr.fr', 'wanadoo.fr'],
    'es_ES': ['gmail.com', 'hotmail.es', 'yahoo.es', 'telefonica.net', 'outlook.es'],
    'it_IT': ['libero.it', 'gmail.com', 'virgilio.it', 'tiscali.it', 'alice.it'],
    'nl_NL': ['ziggo.nl', 'kpnmail.nl', 'gmail.com', 'hotmail.nl', 'xs4all.nl'],
    'pl_PL': ['wp.pl', 'o2.pl', 'onet.pl', 'gmail.com', 'interia.pl'],
    'pt_BR': ['gmail.com', 'uol.com.br', 'bol.com.br', 'hotmail.com', 'terra.com.br'],
    'sv_SE': ['telia.com', 'gmail.com', 'hotmail.se', 'bredband.net', 'outlook.com'],
    'da_DK': ['gmail.com', 'hotmail.dk', 'jubii.dk', 'mail.dk', 'outlook.dk'],
    'fi_FI': ['gmail.com', 'luukku.com', 'kolumbus.fi', 'outlook.com', 'elisanet.fi'],
    'nb_NO': ['online.no', 'gmail.com', 'hotmail.no', 'broadpark.no', 'outlook.com'],
    'cs_CZ': ['seznam.cz', 'email.cz', 'centrum.cz', 'gmail.com', 'post.cz'],
    'tr_TR': ['gmail.com', 'hotmail.com', 'yandex.com.tr', 'outlook.com'],
    'ja_JP': ['yahoo.co.jp', 'gmail.com', 'docomo.ne.jp', 'ezweb.ne.jp', 'icloud.com'],
    'zh_CN': ['qq.com', '163.com', '126.com', 'sina.com', 'foxmail.com'],
    'ko_KR': ['naver.com', 'daum.net', 'hanmail.net', 'gmail.com', 'kakao.com'],
    'hi_IN': ['gmail.com', 'rediffmail.com', 'yahoo.co.in', 'outlook.com'],
    'ru_RU': ['yandex.ru', 'mail.ru', 'rambler.ru', 'gmail.com', 'bk.ru'],
    'uk_UA': ['ukr.net', 'gmail.com', 'i.ua', 'meta.ua'],
    'ar_SA': ['gmail.com', 'hotmail.com', 'outlook.sa', 'yahoo.com'],
    'ar_EG': ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com'],
    'en_IN': ['gmail.com', 'rediffmail.com', 'yahoo.co.in', 'outlook.com'],
    'en_AU': ['bigpond.com', 'gmail.com', 'optusnet.com.au', 'outlook.com.au', 'icloud.com'],
    'en_CA': ['gmail.com', 'shaw.ca', 'rogers.com', 'sympatico.ca', 'outlook.com'],
}
RESERVED_MAIL = ('example.com', 'example.org', 'example.net')
RESERVED_TLD = ('.test', '.invalid', '.example', '.localhost', '.local')
EMAIL_RE = re.compile(r'^[A-Za-z0-9][A-Za-z0-9._%+-]*@([A-Za-z0-9-]+\.)+[A-Za-z]{2,}$')


def email_ok(v):
    if not EMAIL_RE.match(v):
        return False
    dom = v.split('@', 1)[1].lower()
    return not (dom in RESERVED_MAIL or any(dom.endswith('.' + d) for d in RESERVED_MAIL) or dom.endswith(RESERVED_TLD))


FOLD = {'ß': 'ss', 'ł': 'l', 'Ł': 'L', 'ø': 'o', 'Ø': 'O', 'æ': 'ae', 'Æ': 'AE', 'ı': 'i', 'đ': 'd', 'ð': 'd', 'þ': 'th'}


def ascii_fold(s):
    s = ''.join(FOLD.get(c, c) for c in s)
    s = unicodedata.normalize('NFKD', s)
    return ''.join(c for c in s if not unicodedata.combining(c))


# phones: fictional ranges never used as positives
def fictional(region, nsn):
    if region in ('US', 'CA'):
        return nsn[3:6] == '555'
    if region == 'GB':
        return nsn.startswith(('7700900', '2079460', '1134960', '1144960', '1154960', '1164960', '1174960', '1184960', '1214960', '1314960', '1614960', '1914960', '2890180', '3069990', '8081570', '9098790'))
    if region == 'AU':
        return nsn.startswith(('49157', '255501', '370101', '755501', '855501'))
    return False


US_AREAS = [201, 202, 206, 212, 213, 214, 215, 305, 312, 404, 415, 503, 512, 602, 617, 646, 702, 713, 718, 801, 917, 919]
CA_AREAS = [204, 236, 250, 306, 403, 416, 418, 438, 514, 604, 613, 647, 705, 778, 780, 902, 905]
AU_FICT = ['0491 570 006', '0491 570 156', '0491 570 157', '0491 570 158', '0491 570 159', '0491 570 110', '0491 570 313', '0491 570 737',
           '0491 571 266', '0491 571 491', '0491 571 804', '0491 572 549', '0491 572 665', '0491 572 983', '0491 573 770', '0491 573 087',
           '0491 574 118', '0491 574 632', '0491 575 254', '0491 575 789', '0491 576 398', '0491 576 801', '0491 577 426', '0491 577 644']
CN_REG = ['110101', '110105', '310104', '310115', '440106', '440305', '510107', '330106', '420111', '320106']
IT_COMUNI = ['H501', 'F205', 'F839', 'L219', 'G273', 'D612', 'A944', 'L736', 'G224', 'C351']
IBAN_SPEC = {'DE': '18n', 'FR': '10n11c2n', 'ES': '20n', 'IT': '1a10n12c', 'NL': '4a10n', 'PL': '24n', 'BR': '23n1a1c', 'SE': '20n',
             'DK': '14n', 'FI': '14n', 'NO': '11n', 'CZ': '20n', 'TR': '5n1n16c', 'GB': '4a14n', 'SA': '2n18c', 'EG': '25n', 'UA': '6n19c',
             'AT': '16n', 'BE': '12n', 'PT': '21n', 'CH': '5n12c', 'IE': '4a14n'}
GB_BANKS = ['NWBK', 'BARC', 'LOYD', 'HBUK', 'MIDL', 'SRLG', 'MONZ', 'REVO']
NL_BANKS = ['INGB', 'ABNA', 'RABO', 'SNSB', 'TRIO', 'KNAB', 'BUNQ', 'ASNB']
CARD_BRANDS = [('visa', ['4'], 16), ('mastercard', ['51', '52', '53', '54', '55', '2221', '2296', '2720'], 16), ('amex', ['34', '37'], 15),
               ('discover', ['6011', '65'], 16), ('jcb', ['3528', '3566', '3589'], 16), ('unionpay', ['62'], 16), ('diners', ['36'], 14),
               ('visa', ['4'], 16), ('mastercard', ['51', '53', '55'], 16)]
TEST_CARDS = ['4242 4242 4242 4242', '4111 1111 1111 1111', '5555 5555 5555 4444', '3782 822463 10005', '4000 0566 5566 5556',
              '5105 1051 0510 5100', '4012 8888 8888 1881', '6011 1111 1111 1117']
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
ALNUM = string.ascii_letters + string.digits
URLSAFE = ALNUM + '-_'
B64C = ALNUM + '+/'
HEX = '0123456789abcdef'
OUIS = ['3c:22:fb', 'f4:5c:89', 'a4:83:e7', 'b8:27:eb', 'dc:a6:32', '00:50:56', '08:00:27', '00:0c:29', '00:15:5d', '3c:5a:b4',
        '00:1a:11', '44:38:39', '00:25:90', 'f0:18:98', 'ac:de:48', '00:1b:63', '70:85:c2', 'e4:5f:01', '2c:f0:5d', '00:e0:4c']


def luhn_digit(body):
    s = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        s += d
    return str((10 - s % 10) % 10)


def luhn_ok(num):
    d = re.sub(r'\D', '', num)
    return len(d) >= 12 and luhn_digit(d[:-1]) == d[-1]


def b62(n):
    s = ''
    while n:
        n, k = divmod(n, 62)
        s = B62[k] + s
    return s or '0'


def nino_ok(v):
    c = v.replace(' ', '').upper()
    if not re.fullmatch(r'[A-Z]{2}\d{6}[A-D]', c):
        return False
    a, b = c[0], c[1]
    if a in 'DFIQUV' or b in 'DFIOQUV' or c[:2] in ('BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'):
        return False
    return True


def validator_ok(mod, v):
    if mod == 'gb.nino_rules':
        return nino_ok(v)
    if mod == 'luhn':
        return luhn_ok(v)
    if mod == 'iban':
        return smod('iban').is_valid(v)
    return smod(mod).is_valid(v)


def phone_ok(v, loc):
    try:
        n = PN.parse(v, REGION[loc] if loc in REGION else None)
    except Exception:
        return False
    return PN.is_valid_number(n)


def ip_public(v):
    try:
        a = ipaddress.ip_address(v)
    except ValueError:
        return False
    return a.is_global and not a.is_multicast


MAC_RE = re.compile(r'^([0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(\2[0-9A-Fa-f]{2}){4}|[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}\.[0-9a-fA-F]{4})$')


def mac_ok(v):
    if not MAC_RE.match(v):
        return False
    h = re.sub(r'[^0-9a-fA-F]', '', v).lower()
    return h not in ('000000000000', 'ffffffffffff') and not (int(h[:2], 16) & 1)

# ============================================================== generators
_FAKERS = {}


class Gen:
    """Value factory for one section: own Random + per-section Faker seeds."""

    def __init__(self, section):
        self.section = section
        self.r = random.Random('%d:%s' % (SEED, section))
        self._seeded = set()

    # ---------------------------------------------------------- basics
    def fk(self, loc):
        fl = FAKER_LOC.get(loc, loc)
        if fl not in _FAKERS:
            _FAKERS[fl] = Faker(fl)
        f = _FAKERS[fl]
        if fl not in self._seeded:
            f.seed_instance(zlib.crc32(('%d:%s:%s' % (SEED, self.section, fl)).encode()))
            self._seeded.add(fl)
        return f

    def ch(self, xs):
        return self.r.choice(xs)

    def rs(self, n, alpha=ALNUM):
        return ''.join(self.r.choice(alpha) for _ in range(n))

    def digits(self, n):
        return ''.join(self.r.choice(string.digits) for _ in range(n))

    def loc(self, pool=None):
        return self.ch(pool or LOCS)

    def chance(self, p):
        return self.r.random() < p

    # ---------------------------------------------------------- persons
    def pname(self, loc):
        if loc == 'ar_EG':
            return self.ch(EG_FIRST), self.ch(EG_LAST)
        f = self.fk(loc)
        for _ in range(20):
            a, b = f.first_name(), f.last_name()
            full = a + ' ' + b
            if full not in PLACEHOLDER_NAMES_ALL:
                return a, b
        return a, b

    def full(self, loc, first, last):
        if loc in ('ja_JP', 'zh_CN', 'ko_KR'):
            return last + first
        if loc == 'hi_IN' or loc.startswith('ar_') or loc in ('ru_RU', 'uk_UA') and self.chance(0.2):
            return first + ' ' + last if not loc in ('ru_RU', 'uk_UA') else last + ' ' + first
        return first + ' ' + last

    def name(self, loc, shape=None):
        a, b = self.pname(loc)
        if shape == 'first':
            return Lab(a, 'name', 'first', loc)
        if shape == 'last_first' and loc not in ('ja_JP', 'zh_CN', 'ko_KR'):
            return Lab(b + ', ' + a, 'name', 'last_first', loc)
        v = self.full(loc, a, b)
        return Lab(v, 'name', 'cjk' if loc in ('ja_JP', 'zh_CN', 'ko_KR') else 'full', loc)

    def person(self, loc):
        a, b = self.pname(loc)
        y = self.r.randint(1945, 2004)
        dob = datetime.date(y, self.r.randint(1, 12), self.r.randint(1, 28))
        return {'loc': loc, 'first': a, 'last': b, 'full': self.full(loc, a, b), 'dob': dob, 'female': self.chance(0.5)}

    def nlab(self, p, shape='full'):
        loc = p['loc']
        if shape == 'first':
            return Lab(p['first'], 'name', 'first', loc)
        if shape == 'last_first' and loc not in ('ja_JP', 'zh_CN', 'ko_KR'):
            return Lab(p['last'] + ', ' + p['first'], 'name', 'last_first', loc)
        if shape == 'upper' and loc not in ('ja_JP', 'zh_CN', 'ko_KR', 'hi_IN', 'ar_SA', 'ar_EG'):
            return Lab(p['full'].upper(), 'name', 'upper', loc)
        return Lab(p['full'], 'name', 'cjk' if loc in ('ja_JP', 'zh_CN', 'ko_KR') else 'full', loc)

    # ---------------------------------------------------------- dates
    def date_str(self, d, loc, f=None):
        f = f or self.ch(DATEF[loc])
        return fmt_date(d, f, loc), f

    def dob(self, loc, d=None, f=None):
        if d is None:
            d = datetime.date(self.r.randint(1945, 2004), self.r.randint(1, 12), self.r.randint(1, 28))
        v, f = self.date_str(d, loc, f)
        return Lab(v, 'dob', f, loc)

    def dlab(self, p, f=None):
        return self.dob(p['loc'], p['dob'], f)

    def event_date(self, loc, kind='event_date', f=None, year=None):
        d = datetime.date(year or self.r.randint(2016, 2024), self.r.randint(1, 12), self.r.randint(1, 28))
        v, f = self.date_str(d, loc, f)
        return Lab(v, 'dob', f, loc, pos=False, kind=kind)

    # ---------------------------------------------------------- address
    def address_str(self, loc, multiline=False):
        r, f = self.r, (self.fk(loc) if loc not in ('hi_IN',) else self.fk('en_IN'))
        num = str(r.randint(1, 250))
        sep = '\n' if multiline else ', '
        if loc == 'en_US':
            return '%s %s%s%s, %s %s' % (r.randint(10, 9899), f.street_name(), sep, f.city(), f.state_abbr(), f.zipcode())
        if loc == 'en_GB':
            return '%s %s%s%s%s%s' % (num, f.street_name(), sep, f.city(), sep if multiline else ' ', f.postcode())
        if loc == 'en_AU':
            return '%s %s%s%s %s %s' % (num, f.street_name(), sep, f.city(), f.state_abbr(), f.postcode())
        if loc == 'en_CA':
            pc = f.postcode().replace(' ', '')
            return '%s %s%s%s, %s %s %s' % (r.randint(10, 9899), f.street_name(), sep, f.city(), f.province_abbr(), pc[:3], pc[3:])
        if loc in ('en_IN', 'hi_IN'):
            return '%s, %s%s%s %s' % (self.ch(['H.No. ' + num, 'Flat ' + num, num + '/' + str(r.randint(1, 40))]), f.street_name(), sep, f.city(), f.postcode())
        if loc == 'de_DE':
            return '%s %s%s%s %s' % (f.street_name(), num, sep, f.postcode(), f.city())
        if loc == 'fr_FR':
            return '%s %s%s%s %s' % (num, f.street_name(), sep, f.postcode(), f.city())
        if loc == 'es_ES':
            return '%s, %s%s%s %s' % (f.street_name(), num, sep, f.postcode(), f.city())
        if loc == 'it_IT':
            return '%s %s%s%s %s' % (f.street_name(), num, sep, f.postcode(), f.city())
        if loc == 'nl_NL':
            pc = f.postcode().replace(' ', '')
            return '%s %s%s%s %s %s' % (f.street_name(), num, sep, pc[:4], pc[4:], f.city())
        if loc == 'pt_BR':
            return '%s, %s - %s%s%s - %s, %s' % (f.street_name(), num, f.bairro(), sep, f.city(), f.estado_sigla(), f.postcode())
        if loc == 'sv_SE':
            pc = f.postcode().replace(' ', '')
            return '%s%s%s %s %s' % (f.street_address(), sep, pc[:3], pc[3:], f.city())
        if loc in ('da_DK', 'fi_FI', 'nb_NO', 'cs_CZ', 'pl_PL'):
            return '%s%s%s %s' % (f.street_address(), sep, f.postcode(), f.city())
        if loc == 'ru_RU':
            return '%s%sг. %s, %s' % (f.street_address(), sep, self.ch(['Москва', 'Санкт-Петербург', 'Казань', 'Новосибирск', 'Екатеринбург', 'Самара']), f.postcode())
        if loc == 'uk_UA':
            return '%s%sм. %s, %s' % (f.street_address(), sep, self.ch(['Київ', 'Львів', 'Харків', 'Одеса', 'Дніпро', 'Вінниця']), f.postcode())
        if loc == 'ja_JP':
            return '〒%s %s' % (f.zipcode(), f.address())
        if loc == 'ko_KR':
            return f.address()
        if loc == 'zh_CN':
            p, c, d = self.ch(ADDR_OWN['zh_CN']['places'])
            return '%s%s%s%s%d号' % (p, c, d, self.ch(ADDR_OWN['zh_CN']['streets']), r.randint(1, 999))
        if loc == 'tr_TR':
            city, dist, pc, mah = self.ch(ADDR_OWN['tr_TR']['places'])
            return '%s Mah. %s No: %s D: %d%s%s %s/%s' % (mah, self.ch(ADDR_OWN['tr_TR']['streets']), num, r.randint(1, 20), sep, pc, dist, city)
        if loc == 'ar_SA':
            city, dist, pc = self.ch(ADDR_OWN['ar_SA']['places'])
            return '%d %s، حي %s%s%s %s' % (r.randint(1000, 9999), self.ch(ADDR_OWN['ar_SA']['streets']), dist, '\n' if multiline else '، ', city, pc)
        if loc == 'ar_EG':
            city, dist = self.ch(ADDR_OWN['ar_EG']['places'])
            return '%s %s، %s%s%s' % (num, self.ch(ADDR_OWN['ar_EG']['streets']), dist, '\n' if multiline else '، ', city)
        raise ValueError(loc)

    def addr(self, loc, multiline=False):
        ml = multiline and loc not in ('ja_JP', 'ko_KR', 'zh_CN')
        return Lab(self.address_str(loc, ml), 'address', 'multiline' if ml else 'oneline', loc)

    # ---------------------------------------------------------- phone
    def phone_obj(self, loc, mobile=None):
        region = REGION[loc]
        r = self.r
        if mobile is None:
            mobile = self.chance(0.7)
        for attempt in range(400):
            if region in ('US', 'CA'):
                area = self.ch(US_AREAS if region == 'US' else CA_AREAS)
                ex = r.randint(200, 999)
                if ex == 555 or ex % 100 == 11:
                    continue
                nsn = '%d%d%s' % (area, ex, self.digits(4))
            else:
                t = PN.PhoneNumberType.MOBILE if mobile else PN.PhoneNumberType.FIXED_LINE
                exn = PN.example_number_for_type(region, t)
                base = PN.national_significant_number(exn)
                keep = 3 if attempt < 100 else (2 if attempt < 300 else 1)
                nsn = base[:keep] + self.digits(len(base) - keep)
            if fictional(region, nsn):
                continue
            n = PN.parse('+%d%s' % (PN.country_code_for_region(region), nsn))
            if PN.is_valid_number_for_region(n, region) and PN.number_type(n) in ((PN.PhoneNumberType.MOBILE, PN.PhoneNumberType.FIXED_LINE_OR_MOBILE) if mobile else (PN.PhoneNumberType.FIXED_LINE, PN.PhoneNumberType.FIXED_LINE_OR_MOBILE)):
                return n
        raise RuntimeError('no phone for ' + loc)

    def phone_str(self, loc, n, fmt=None):
        region = REGION[loc]
        fmt = fmt or self.ch(['intl', 'intl', 'natl', 'natl', 'e164', 'typed'])
        if fmt == 'intl':
            return PN.format_number(n, PN.PhoneNumberFormat.INTERNATIONAL), fmt
        if fmt == 'e164':
            return PN.format_number(n, PN.PhoneNumberFormat.E164), fmt
        if fmt == 'natl':
            return PN.format_number(n, PN.PhoneNumberFormat.NATIONAL), fmt
        natl = PN.format_number(n, PN.PhoneNumberFormat.NATIONAL)
        intl = PN.format_number(n, PN.PhoneNumberFormat.INTERNATIONAL)
        nd = re.sub(r'\D', '', natl)
        cands = [nd, intl.replace(' ', '-'), '00%d %s' % (n.country_code, intl.split(' ', 1)[1] if ' ' in intl else str(n.national_number))]
        if region in ('US', 'CA'):
            s = str(n.national_number)
            cands += ['%s-%s-%s' % (s[:3], s[3:6], s[6:]), '%s.%s.%s' % (s[:3], s[3:6], s[6:]), '(%s)%s-%s' % (s[:3], s[3:6], s[6:]), '+1 %s-%s-%s' % (s[:3], s[3:6], s[6:])]
        if region in ('DE', 'GB', 'NL', 'AT', 'CH', 'DK', 'SE') and nd.startswith('0'):
            cands.append('+%d (0)%s' % (n.country_code, intl.split(' ', 1)[1]))
        if region == 'FR':
            cands.append('.'.join(nd[i:i + 2] for i in range(0, 10, 2)))
        if len(nd) >= 9:
            cands.append('%s-%s' % (nd[:len(nd) - 6], nd[len(nd) - 6:]))
        self.r.shuffle(cands)
        for c in cands:
            try:
                m = PN.parse(c, region)
            except Exception:
                continue
            if PN.is_valid_number(m) and m.national_number == n.national_number and m.country_code == n.country_code:
                return c, 'typed'
        return intl, 'intl'

    def phone(self, loc, fmt=None, mobile=None):
        n = self.phone_obj(loc, mobile)
        v, f = self.phone_str(loc, n, fmt)
        return Lab(v, 'phone', f, loc, validator='phonenumbers')

    def phone_neg(self, loc=None, ctx=False):
        """ctx=False: only values that read as phone numbers (fictional ranges, one-digit-off);
        ctx=True also epoch timestamps / order numbers (the caller supplies their context)."""
        loc = loc or self.ch(['en_US', 'en_GB', 'en_AU', 'en_US', 'en_GB', 'en_CA'] + LOCS)
        region = REGION[loc]
        k = self.r.random() * (1.0 if ctx else 0.85)
        if k < 0.45 and region in ('US', 'CA', 'GB', 'AU'):
            if region in ('US', 'CA'):
                a = self.ch(US_AREAS if region == 'US' else CA_AREAS)
                v = self.ch(['(%d) 555-01%s', '%d-555-01%s', '+1 %d 555 01%s', '%d.555.01%s']) % (a, self.digits(2))
                return Lab(v, 'phone', 'plain', loc, False, kind='fictional_555')
            if region == 'GB':
                v = self.ch(['07700 900%s', '020 7946 0%s', '0113 496 0%s', '0161 496 0%s', '+44 7700 900%s', '0117 496 0%s'])
                v = v % (self.digits(3))
                return Lab(v, 'phone', 'plain', loc, False, kind='ofcom_drama')
            return Lab(self.ch(AU_FICT + ['(02) 5550 %s' % self.digits(4), '(03) 7010 %s' % self.digits(4)]), 'phone', 'plain', loc, False, kind='acma_fictional')
        if k < 0.85:
            n = self.phone_obj(loc)
            v, f = self.phone_str(loc, n, self.ch(['intl', 'natl', 'natl']))
            for _ in range(50):
                idx = [i for i, c in enumerate(v) if c.isdigit()]
                i = self.ch(idx[2:] if len(idx) > 4 else idx)
                cand = v[:i] + v[i + 1:] if self.chance(0.6) else v[:i] + self.ch(string.digits) + v[i:]
                if not phone_ok(cand, loc):
                    return Lab(cand, 'phone', f, loc, False, validator='phonenumbers', kind='invalid_onedigit')
            return None
        if self.chance(0.5):
            return Lab(str(self.r.randint(1600000000, 1735000000)), 'phone', 'plain', loc, False, kind='epoch')
        return Lab(self.ch(['4', '7', '9']) + self.digits(9), 'phone', 'plain', loc, False, kind='order_number')

    # ---------------------------------------------------------- email
    def email(self, loc, first=None, last=None, company=None):
        f = self.fk(loc)
        r = self.r
        if first is None:
            first, last = self.pname(loc)
        a, b = ascii_fold(first).lower(), ascii_fold(last).lower()
        a = re.sub(r'[^a-z]', '', a)
        b = re.sub(r'[^a-z]', '', b)
        if len(a) < 2 or len(b) < 2:
            try:
                u = ascii_fold(f.user_name()).lower()
            except Exception:
                u = ''
            u = re.sub(r'[^a-z0-9._]', '', u).strip('._') or ('user' + self.digits(4))
            a, b = u, ''
        if company:
            local = self.ch(['%s.%s', '%s%s', '%s_%s', '%.1s%s']) % (a, b) if b else a
            dom = company
        else:
            pat = self.ch(['%s.%s', '%s%s', '%s_%s', '%.1s%s', '%s.%s%d', '%s%d', '%s.%.1s'])
            if b:
                if pat.count('%') == 3:
                    local = pat % (a, b, r.randint(1, 99))
                elif pat == '%s%d':
                    local = pat % (a, r.randint(1960, 2005))
                else:
                    local = pat % (a, b)
            else:
                local = a
            dom = self.ch(MAIL_DOM[loc])
        v = local.strip('._') + '@' + dom
        if self.chance(0.05):
            v = v[0].upper() + v[1:]
        assert email_ok(v), v
        return Lab(v, 'email', 'company' if company else 'free', loc, validator='email')

    def email_p(self, p, company=None):
        return self.email(p['loc'], p['first'], p['last'], company)

    def ne(self, loc, company=None):
        """(name, email) of one person."""
        p = self.person(loc)
        return self.nlab(p), self.email_p(p, company)

    def email_neg(self, ctx=False):
        """ctx=True also yields image names (logo@2x.png) and SSH remotes (git@github.com), which need their context."""
        k = self.ch(['example', 'example', 'example', 'tld', 'tld', 'asset', 'ssh', 'localhost'] if ctx else ['example', 'example', 'example', 'tld', 'tld', 'localhost'])
        u = self.ch(['user', 'jane.doe', 'john', 'admin', 'test', 'alice', 'bob', 'support', 'noreply', 'someone', 'me', 'firstname.lastname'])
        if k == 'example':
            return Lab('%s@%s' % (u, self.ch(['example.com', 'example.org', 'example.net', 'mail.example.com'])), 'email', 'plain', None, False, kind='example_domain')
        if k == 'tld':
            return Lab('%s@%s' % (u, self.ch(['acme.test', 'company.invalid', 'corp.example', 'foo.test', 'host.invalid'])), 'email', 'plain', None, False, kind='reserved_tld')
        if k == 'asset':
            return Lab('%s@%dx.%s' % (self.ch(['logo', 'icon', 'hero-banner', 'avatar', 'btn_close', 'splash']), self.ch([2, 3]), self.ch(['png', 'jpg', 'webp'])), 'email', 'plain', None, False, kind='asset_filename')
        if k == 'ssh':
            return Lab(self.ch(['git@github.com', 'git@gitlab.com', 'git@bitbucket.org']), 'email', 'plain', None, False, kind='ssh_remote')
        return Lab(self.ch(['root@localhost', 'postgres@localhost', 'user@localhost']), 'email', 'plain', None, False, kind='localhost')

    # ---------------------------------------------------------- national id
    def _nid_compact(self, mod, p):
        r = self.r
        d = p['dob'] if p else datetime.date(r.randint(1950, 2003), r.randint(1, 12), r.randint(1, 28))
        fem = p['female'] if p else self.chance(0.5)
        M = smod(mod) if mod != 'gb.nino' else None

        def brute(body, alpha=string.digits, k=1):
            opts = [''.join(c) for c in __import__('itertools').product(alpha, repeat=k)]
            r.shuffle(opts)
            for c in opts:
                if M.is_valid(body + c):
                    return body + c
            return None
        for _ in range(300):
            if mod == 'us.ssn':
                a = r.randint(1, 899)
                if a == 666:
                    continue
                v = '%03d-%02d-%04d' % (a, r.randint(1, 99), r.randint(1, 9999))
                if M.is_valid(v):
                    return v
                continue
            if mod == 'gb.nino':
                a = self.ch('ABCEGHJKLMNOPRSTWXYZ')
                b = self.ch('ABCEGHJKLMNPRSTWXYZ')
                if a + b in ('BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'):
                    continue
                return a + b + self.digits(6) + self.ch('ABCD')
            if mod == 'gb.nhs':
                v = brute(self.ch('4689') + self.digits(8))
            elif mod == 'de.idnr':
                v = brute(self.ch('123456789') + self.digits(9))
            elif mod == 'fr.nir':
                body = '%d%02d%02d%02d%03d%03d' % (2 if fem else 1, d.year % 100, d.month, r.choice([1, 6, 13, 31, 33, 35, 38, 44, 59, 67, 69, 75, 92, 93, 94]), r.randint(1, 990), r.randint(1, 999))
                v = body + '%02d' % (97 - int(body) % 97)
            elif mod == 'es.dni':
                v = brute(self.digits(8), string.ascii_uppercase)
            elif mod == 'es.nie':
                v = brute(self.ch('XYZ') + self.digits(7), string.ascii_uppercase)
            elif mod == 'it.codicefiscale':
                cons = 'BCDFGHLMNPRSTVZ'
                body = self.rs(6, cons) + '%02d' % (d.year % 100) + 'ABCDEHLMPRST'[d.month - 1] + '%02d' % (d.day + (40 if fem else 0)) + self.ch(IT_COMUNI)
                v = brute(body, string.ascii_uppercase)
            elif mod == 'nl.bsn':
                v = brute(self.ch('123456789') + self.digits(7))
            elif mod == 'pl.pesel':
                mm = d.month + (20 if d.year >= 2000 else 0)
                v = brute('%02d%02d%02d' % (d.year % 100, mm, d.day) + self.digits(3) + self.ch('02468' if fem else '13579'))
            elif mod == 'br.cpf':
                v = brute(self.digits(9), k=2)
            elif mod == 'se.personnummer':
                v = brute(d.strftime('%y%m%d') + '-' + self.digits(3))
            elif mod == 'dk.cpr':
                v = d.strftime('%d%m%y') + '-' + self.ch('0123' if d.year < 2000 else '4') + self.digits(3)
                v = v if M.is_valid(v) else None
            elif mod == 'fi.hetu':
                v = brute(d.strftime('%d%m%y') + ('-' if d.year < 2000 else 'A') + '%03d' % r.randint(2, 899), '0123456789ABCDEFHJKLMNPRSTUVWXY')
            elif mod == 'no.fodselsnummer':
                ind = r.randint(0, 499) if d.year < 2000 else r.randint(500, 999)
                v = brute(d.strftime('%d%m%y') + '%03d' % ind, k=2)
            elif mod == 'cz.rc':
                v = brute('%02d%02d%02d' % (d.year % 100, d.month + (50 if fem else 0), d.day) + '/' + self.digits(3))
            elif mod == 'tr.tckimlik':
                v = brute(self.ch('123456789') + self.digits(8), k=2)
            elif mod == 'jp.in_':
                v = brute(self.ch('123456789') + self.digits(10))
            elif mod == 'cn.ric':
                v = brute(self.ch(CN_REG) + d.strftime('%Y%m%d') + self.digits(3), '0123456789X')
            elif mod == 'kr.rrn':
                g = (2 if fem else 1) + (2 if d.year >= 2000 else 0)
                v = brute(d.strftime('%y%m%d') + str(g) + '%02d' % r.randint(0, 95) + self.digits(3))
            elif mod == 'in_.aadhaar':
                v = brute(self.ch('23456789') + self.digits(10))
            elif mod == 'in_.pan':
                v = self.rs(3, string.ascii_uppercase) + 'P' + self.ch(string.ascii_uppercase) + self.digits(4) + self.ch(string.ascii_uppercase)
                v = v if M.is_valid(v) else None
            elif mod == 'ru.inn':
                v = brute(self.ch('1234567') + self.digits(9), k=2)
            elif mod == 'ua.rntrc':
                v = brute(self.ch('123') + self.digits(8))
            elif mod == 'au.tfn':
                v = brute(self.ch('1234567') + self.digits(7))
            elif mod == 'ca.sin':
                v = brute(self.ch('1234567') + self.digits(7))
            else:
                raise ValueError(mod)
            if v:
                return v
        raise RuntimeError(mod)

    def nid_format(self, mod, c, style):
        """style: 'fmt' (as printed on the document) or 'compact'."""
        if style == 'compact':
            return c.replace('-', '').replace('/', '') if mod not in ('fi.hetu', 'se.personnummer', 'kr.rrn', 'dk.cpr', 'cz.rc') else c
        if mod == 'gb.nino':
            return '%s %s %s %s %s' % (c[:2], c[2:4], c[4:6], c[6:8], c[8])
        if mod == 'gb.nhs':
            return '%s %s %s' % (c[:3], c[3:6], c[6:])
        if mod == 'de.idnr':
            return '%s %s %s %s' % (c[:2], c[2:5], c[5:8], c[8:])
        if mod == 'fr.nir':
            return '%s %s %s %s %s %s %s' % (c[0], c[1:3], c[3:5], c[5:7], c[7:10], c[10:13], c[13:])
        if mod == 'nl.bsn':
            return '%s.%s.%s' % (c[:4], c[4:6], c[6:])
        if mod == 'br.cpf':
            return '%s.%s.%s-%s' % (c[:3], c[3:6], c[6:9], c[9:])
        if mod in ('jp.in_', 'in_.aadhaar'):
            return '%s %s %s' % (c[:4], c[4:8], c[8:])
        if mod == 'au.tfn':
            return '%s %s %s' % (c[:3], c[3:6], c[6:])
        if mod == 'ca.sin':
            return '%s %s %s' % (c[:3], c[3:6], c[6:])
        if mod == 'kr.rrn':
            return c[:6] + '-' + c[6:]
        if mod == 'es.nie':
            return '%s-%s-%s' % (c[0], c[1:8], c[8])
        return c

    def nid(self, loc, p=None, style=None, mod=None):
        opts = NID[loc]
        if not opts:
            return None, None
        mod, label = (mod, dict(opts)[mod]) if mod else self.ch(opts)
        c = self._nid_compact(mod, p)
        style = style or self.ch(['fmt', 'fmt', 'compact'])
        v = self.nid_format(mod, c, style)
        vmod = 'gb.nino_rules' if mod == 'gb.nino' else mod
        assert validator_ok(vmod, v), (mod, v)
        return Lab(v, 'national_id', mod.replace('.', '').replace('_', '') + '_' + style, loc, validator=vmod), label

    def onedigit(self, v, vmod, cat, shape, loc, kind_mod=None):
        for _ in range(60):
            idx = [i for i, ch in enumerate(v) if ch.isdigit()]
            i = self.ch(idx)
            nd = self.ch([x for x in string.digits if x != v[i]])
            cand = v[:i] + nd + v[i + 1:]
            if not validator_ok(vmod, cand):
                return Lab(cand, cat, shape, loc, False, validator=vmod, kind='onedigit_' + (kind_mod or vmod))
        return None

    def nid_neg(self, loc=None):
        loc = loc or self.ch([l for l in LOCS if NID[l]])
        mod, label = self.ch(NID[loc])
        if mod == 'us.ssn':
            v = self.ch(['000-%02d-%04d', '666-%02d-%04d', '9%02d-%02d-%04d'.replace('%02d-%02d', '%02d-%02d', 1)])
            if v.startswith('9'):
                v = v % (self.r.randint(0, 99), self.r.randint(1, 99), self.r.randint(1, 9999))
            else:
                v = v % (self.r.randint(1, 99), self.r.randint(1, 9999))
            if self.chance(0.3):
                v = self.ch(['078-05-1120', '219-09-9999'])
            if self.chance(0.15):
                return Lab('123-45-6789', 'national_id', 'ussn_fmt', loc, False, kind='placeholder'), label
            return Lab(v, 'national_id', 'ussn_fmt', loc, False, validator='us.ssn', kind='invalid_ssn'), label
        if mod in ('gb.nino', 'in_.pan'):
            mod, label = ('gb.nhs', 'NHS number') if mod == 'gb.nino' else ('in_.aadhaar', 'Aadhaar')
        lab, _ = self.nid(loc, mod=mod)
        neg = self.onedigit(lab.value, lab.validator, 'national_id', lab.shape, loc)
        return neg, label

    # ---------------------------------------------------------- iban / card
    def iban_compact(self, cc):
        spec = IBAN_SPEC[cc]
        for _ in range(20000):
            bban = ''
            for cnt, t in re.findall(r'(\d+)([nac])', spec):
                cnt = int(cnt)
                if t == 'n':
                    bban += self.digits(cnt)
                elif t == 'a':
                    if cc == 'GB' and cnt == 4:
                        bban += self.ch(GB_BANKS)
                    elif cc == 'NL':
                        bban += self.ch(NL_BANKS)
                    else:
                        bban += self.rs(cnt, string.ascii_uppercase)
                else:
                    bban += self.digits(cnt) if self.chance(0.8) else self.rs(cnt, string.ascii_uppercase + string.digits)
            s = bban + cc + '00'
            num = int(''.join(str(int(ch, 36)) for ch in s))
            iban = cc + '%02d' % (98 - num % 97) + bban
            if smod('iban').is_valid(iban):
                return iban
        raise RuntimeError(cc)

    def iban(self, cc, style=None):
        c = self.iban_compact(cc)
        style = style or self.ch(['print', 'print', 'compact'])
        v = ' '.join(c[i:i + 4] for i in range(0, len(c), 4)) if style == 'print' else c
        loc = {v2: k for k, v2 in IBAN_CC.items()}.get(cc, 'xx')
        return Lab(v, 'iban', style + '_' + cc, loc, validator='iban')

    def iban_neg(self, cc=None):
        cc = cc or self.ch(list(IBAN_CC.values()))
        lab = self.iban(cc)
        if self.chance(0.15):
            v = lab.value
            keep = re.sub(r'\s', '', v)
            m = keep[:4] + '*' * (len(keep) - 8) + keep[-4:]
            return Lab(m, 'iban', 'masked', lab.loc, False, kind='masked')
        return self.onedigit(lab.value, 'iban', 'iban', lab.shape, lab.loc)

    def card_digits(self):
        brand, prefixes, ln = self.ch(CARD_BRANDS)
        body = self.ch(prefixes)
        body += self.digits(ln - 1 - len(body))
        return brand, body + luhn_digit(body)

    def card_fmt(self, d, style):
        if style == 'compact':
            return d
        sep = '-' if style == 'dash' else ' '
        if len(d) == 15:
            return sep.join([d[:4], d[4:10], d[10:]])
        if len(d) == 14:
            return sep.join([d[:4], d[4:10], d[10:]])
        return sep.join(d[i:i + 4] for i in range(0, len(d), 4))

    def card(self, style=None, loc=None):
        brand, d = self.card_digits()
        style = style or self.ch(['space', 'space', 'compact', 'dash'])
        return Lab(self.card_fmt(d, style), 'card', brand + '_' + style, loc or 'xx', validator='luhn')

    def card_neg(self):
        k = self.r.random()
        if k < 0.3:
            return Lab(self.ch(TEST_CARDS), 'card', 'plain', None, False, kind='test_card')
        if k < 0.45:
            brand, d = self.card_digits()
            return Lab(self.ch(['**** **** **** %s', 'XXXX-XXXX-XXXX-%s', '•••• %s', '************%s']) % d[-4:], 'card', 'plain', None, False, kind='masked')
        lab = self.card()
        return self.onedigit(lab.value, 'luhn', 'card', lab.shape, None)

    # ---------------------------------------------------------- ip / mac
    def ip4(self):
        while True:
            a = self.r.randint(1, 223)
            if a in (10, 127, 100, 169, 172, 192, 198, 203, 0):
                continue
            v = '%d.%d.%d.%d' % (a, self.r.randint(0, 255), self.r.randint(0, 255), self.r.randint(1, 254))
            if ip_public(v):
                return Lab(v, 'ip', 'v4', 'xx', validator='ipaddress')

    def ip6(self):
        pre = self.ch(['2a01:', '2a02:', '2600:', '2604:', '2406:', '2400:', '240e:', '2a00:', '2001:4860:', '2a03:2880:', '2620:'])
        groups = pre.strip(':').split(':')
        while len(groups) < 8:
            groups.append('%x' % self.r.randint(0, 0xffff))
        if self.chance(0.5):
            groups[4:7] = ['0', '0', '0']
        v = str(ipaddress.ip_address(':'.join(groups)))
        assert ip_public(v), v
        return Lab(v, 'ip', 'v6', 'xx', validator='ipaddress')

    def ip(self, p6=0.2):
        return self.ip6() if self.chance(p6) else self.ip4()

    def ip_neg(self, kind=None):
        k = kind or self.ch(['doc', 'doc', 'doc6', 'private', 'private', 'loopback', 'linklocal', 'unspec'])
        d = lambda: self.r.randint(1, 254)
        if k == 'doc':
            v = self.ch(['192.0.2.%d', '198.51.100.%d', '203.0.113.%d']) % d()
        elif k == 'doc6':
            v = self.ch(['2001:db8::%x' % d(), '2001:db8:85a3::8a2e:370:%x' % self.r.randint(0, 0xffff), '2001:db8:0:%x::1' % d()])
        elif k == 'private':
            v = self.ch(['10.%d.%d.%d' % (self.r.randint(0, 255), self.r.randint(0, 255), d()), '192.168.%d.%d' % (self.r.randint(0, 255), d()), '172.%d.%d.%d' % (self.r.randint(16, 31), self.r.randint(0, 255), d())])
        elif k == 'loopback':
            v = self.ch(['127.0.0.1', '::1', '127.0.1.1'])
        elif k == 'linklocal':
            v = self.ch(['169.254.%d.%d' % (d(), d()), 'fe80::%x:%x:%x:%x' % tuple(self.r.randint(0, 0xffff) for _ in range(4))])
        elif k == 'unspec':
            v = self.ch(['0.0.0.0', '::'])
        elif k == 'netmask':
            v = self.ch(['255.255.255.0', '255.255.0.0', '255.255.255.128', '255.255.240.0'])
        else:
            v = '%d.%d.%d.%d' % (self.r.randint(1, 12), self.r.randint(0, 40), self.r.randint(0, 30), self.r.randint(0, 200))
        return Lab(v, 'ip', 'v6' if ':' in v else 'v4', None, False, kind=k)

    def mac(self, style=None):
        oui = self.ch(OUIS)
        v = oui + ':' + ':'.join('%02x' % self.r.randint(0, 255) for _ in range(3))
        style = style or self.ch(['colon', 'colon', 'upper', 'dash', 'cisco'])
        if style == 'upper':
            v = v.upper()
        elif style == 'dash':
            v = v.upper().replace(':', '-')
        elif style == 'cisco':
            h = v.replace(':', '')
            v = '%s.%s.%s' % (h[:4], h[4:8], h[8:])
        assert mac_ok(v), v
        return Lab(v, 'mac', style, 'xx', validator='mac')

    def mac_neg(self):
        k = self.ch(['broadcast', 'zero', 'multicast', 'placeholder', 'placeholder'])
        if k == 'broadcast':
            v = self.ch(['ff:ff:ff:ff:ff:ff', 'FF:FF:FF:FF:FF:FF'])
        elif k == 'zero':
            v = self.ch(['00:00:00:00:00:00', '00-00-00-00-00-00'])
        elif k == 'multicast':
            v = self.ch(['01:00:5e:%02x:%02x:%02x' % (self.r.randint(0, 127), self.r.randint(0, 255), self.r.randint(0, 255)), '33:33:00:00:00:%02x' % self.r.randint(1, 255), '01:80:c2:00:00:00'])
        else:
            v = self.ch(['00:11:22:33:44:55', 'aa:bb:cc:dd:ee:ff', 'AA:BB:CC:DD:EE:FF', '12:34:56:78:9a:bc', 'de:ad:be:ef:00:01'])
        return Lab(v, 'mac', 'plain', None, False, kind=k)

# ================================================================= secrets
def _der_len(n):
    if n < 128:
        return bytes([n])
    if n < 256:
        return b'\x81' + bytes([n])
    return b'\x82' + struct.pack('>H', n)


def pem_wrap(label, der, width=64):
    b = base64.b64encode(der).decode()
    return '-----BEGIN %s-----\n%s\n-----END %s-----' % (label, '\n'.join(b[i:i + width] for i in range(0, len(b), width)), label)


class SecretsMixin:
    def gh(self, prefix='ghp_'):
        body = self.rs(30)
        return prefix + body + b62(zlib.crc32(body.encode())).rjust(6, '0')

    def pem(self, kind):
        rb = lambda n: bytes(self.r.getrandbits(8) for _ in range(n))
        if kind == 'rsa':
            inner = b'\x02\x01\x00\x02\x82\x01\x01\x00' + rb(256) + b'\x02\x03\x01\x00\x01' + b'\x02\x82\x01\x00' + rb(256) + b'\x02\x81\x81\x00' + rb(128) + b'\x02\x81\x81\x00' + rb(128) + b'\x02\x81\x80' + rb(128) + b'\x02\x81\x80' + rb(128) + b'\x02\x81\x80' + rb(128)
            return pem_wrap('RSA PRIVATE KEY', b'\x30' + _der_len(len(inner)) + inner)
        if kind == 'pkcs8':
            rsa = b'\x02\x01\x00\x02\x82\x01\x01\x00' + rb(256) + b'\x02\x03\x01\x00\x01' + b'\x02\x82\x01\x00' + rb(256) + b'\x02\x81\x81\x00' + rb(128) + b'\x02\x81\x81\x00' + rb(128) + b'\x02\x81\x80' + rb(128) + b'\x02\x81\x80' + rb(128) + b'\x02\x81\x80' + rb(128)
            rsa = b'\x30' + _der_len(len(rsa)) + rsa
            inner = b'\x02\x01\x00\x30\x0d\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01\x05\x00\x04' + _der_len(len(rsa)) + rsa
            return pem_wrap('PRIVATE KEY', b'\x30' + _der_len(len(inner)) + inner)
        if kind == 'ec':
            inner = b'\x02\x01\x01\x04\x20' + rb(32) + b'\xa0\x0a\x06\x08\x2a\x86\x48\xce\x3d\x03\x01\x07\xa1\x44\x03\x42\x00\x04' + rb(64)
            return pem_wrap('EC PRIVATE KEY', b'\x30' + _der_len(len(inner)) + inner)
        # openssh ed25519
        s = lambda b: struct.pack('>I', len(b)) + b
        pub = rb(32)
        pubblob = s(b'ssh-ed25519') + s(pub)
        chk = rb(4)
        priv = chk + chk + s(b'ssh-ed25519') + s(pub) + s(rb(32) + pub) + s(self.rs(8, string.ascii_lowercase).encode() + b'@' + self.rs(6, string.ascii_lowercase).encode())
        priv += bytes(range(1, 1 + (8 - len(priv) % 8) % 8))
        blob = b'openssh-key-v1\x00' + s(b'none') + s(b'none') + s(b'') + struct.pack('>I', 1) + s(pubblob) + s(priv)
        return pem_wrap('OPENSSH PRIVATE KEY', blob, 70)

    def jwt(self, payload=None, alg='HS256'):
        enc = lambda o: base64.urlsafe_b64encode(json.dumps(o, separators=(',', ':')).encode()).decode().rstrip('=')
        hdr = {'alg': alg, 'typ': 'JWT'}
        if alg == 'RS256':
            hdr['kid'] = self.rs(20, HEX)
        now = self.r.randint(1700000000, 1735000000)
        payload = payload or {'sub': str(self.r.randint(10 ** 6, 10 ** 9)), 'iat': now, 'exp': now + 3600, 'scope': self.ch(['read write', 'admin', 'api'])}
        sig = self.rs(43 if alg == 'HS256' else 342, URLSAFE)
        return enc(hdr) + '.' + enc(payload) + '.' + sig

    def secret_value(self, shape):
        r = self.r
        if shape == 'aws_akid':
            return self.ch(['AKIA', 'AKIA', 'ASIA']) + self.rs(16, string.ascii_uppercase + '234567')
        if shape == 'aws_secret':
            return self.rs(40, B64C)
        if shape == 'github_classic':
            return self.gh(self.ch(['ghp_', 'ghp_', 'gho_', 'ghs_', 'ghu_']))
        if shape == 'github_fine':
            return 'github_pat_11' + self.rs(20, string.ascii_uppercase + string.digits) + '_' + self.rs(59)
        if shape == 'gitlab':
            return 'glpat-' + self.rs(20, URLSAFE)
        if shape == 'slack_bot':
            return 'xoxb-%s-%s-%s' % (self.digits(12), self.digits(13), self.rs(24))
        if shape == 'slack_user':
            return 'xoxp-%s-%s-%s-%s' % (self.digits(12), self.digits(12), self.digits(13), self.rs(32, HEX))
        if shape == 'slack_webhook':
            return 'https://hooks.slack.com/services/T%s/B%s/%s' % (self.rs(8, string.ascii_uppercase + string.digits), self.rs(10, string.ascii_uppercase + string.digits), self.rs(24))
        if shape == 'stripe_live':
            return self.ch(['sk_live_', 'sk_live_', 'rk_live_']) + self.ch(['', '51']) + self.rs(self.ch([24, 99]))
        if shape == 'stripe_test':
            return self.ch(['sk_test_', 'rk_test_']) + '51' + self.rs(97)
        if shape == 'google_api':
            return 'AIza' + self.rs(35, URLSAFE)
        if shape == 'sendgrid':
            return 'SG.' + self.rs(22, URLSAFE) + '.' + self.rs(43, URLSAFE)
        if shape == 'twilio_token':
            return self.rs(32, HEX)
        if shape == 'twilio_apikey':
            return 'SK' + self.rs(32, HEX)
        if shape == 'openai':
            return self.ch(['sk-proj-' + self.rs(74, URLSAFE) + 'T3BlbkFJ' + self.rs(74, URLSAFE), 'sk-' + self.rs(20) + 'T3BlbkFJ' + self.rs(20), 'sk-svcacct-' + self.rs(74, URLSAFE) + 'T3BlbkFJ' + self.rs(74, URLSAFE)])
        if shape == 'anthropic':
            return 'sk-ant-api03-' + self.rs(93, URLSAFE) + 'AA'
        if shape == 'huggingface':
            return 'hf_' + self.rs(34, string.ascii_letters)
        if shape == 'npm':
            return 'npm_' + self.rs(36)
        if shape == 'pypi':
            return 'pypi-AgEIcHlwaS5vcmc' + self.rs(self.ch([64, 134, 160]), URLSAFE)
        if shape == 'telegram':
            return '%d:AA%s' % (r.randint(10 ** 9, 8 * 10 ** 9), self.rs(33, URLSAFE))
        if shape == 'shopify':
            return self.ch(['shpat_', 'shpss_', 'shpca_']) + self.rs(32, HEX)
        if shape == 'digitalocean':
            return 'dop_v1_' + self.rs(64, HEX)
        if shape == 'databricks':
            return 'dapi' + self.rs(32, HEX)
        if shape == 'discord_webhook':
            return 'https://discord.com/api/webhooks/%s/%s' % (self.digits(19), self.rs(68, URLSAFE))
        if shape == 'azure_key':
            return base64.b64encode(bytes(r.getrandbits(8) for _ in range(64))).decode()
        if shape == 'jwt':
            return self.jwt(alg=self.ch(['HS256', 'HS256', 'RS256']))
        if shape in ('pem_rsa', 'pem_pkcs8', 'pem_ec', 'pem_openssh'):
            return self.pem(shape[4:])
        if shape == 'password':
            return self.rs(r.randint(14, 28), ALNUM + '!#%&*+-=?@^_~')
        if shape == 'db_password':
            return self.rs(r.randint(16, 32), ALNUM + '!*-_~')
        if shape == 'django_key':
            return 'django-insecure-' + self.rs(50, string.ascii_lowercase + string.digits + '!@#$%^&*(-_=+)') if self.chance(0.3) else self.rs(50, string.ascii_lowercase + string.digits + '!@#%^&*(-_=+)')
        if shape == 'hex_key':
            return self.rs(self.ch([32, 40, 64]), HEX)
        if shape == 'mailgun':
            return 'key-' + self.rs(32, HEX)
        if shape == 'datadog':
            return self.rs(32, HEX)
        raise ValueError(shape)

    def secret(self, shape):
        return Lab(self.secret_value(shape), 'secret', shape, 'xx')

    def secret_neg(self, kind=None):
        r = self.r
        kind = kind or self.ch(['git_sha', 'git_sha', 'sha256', 'md5', 'uuid', 'uuid', 'integrity', 'docker_digest', 'placeholder', 'placeholder',
                                'documented_example', 'publishable_key', 'stripe_object_id', 'env_reference', 'trace_id', 'base64_image'])
        if kind == 'git_sha':
            v = self.rs(40, HEX)
        elif kind == 'sha256':
            v = self.rs(64, HEX)
        elif kind == 'md5':
            v = self.rs(32, HEX)
        elif kind == 'uuid':
            v = '%s-%s-4%s-%s%s-%s' % (self.rs(8, HEX), self.rs(4, HEX), self.rs(3, HEX), self.ch('89ab'), self.rs(3, HEX), self.rs(12, HEX))
        elif kind == 'integrity':
            v = 'sha512-' + base64.b64encode(bytes(r.getrandbits(8) for _ in range(64))).decode()
        elif kind == 'docker_digest':
            v = 'sha256:' + self.rs(64, HEX)
        elif kind == 'placeholder':
            v = self.ch(['your-api-key-here', '<YOUR_API_KEY>', 'YOUR_SECRET_KEY', 'sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
                         'changeme', 'REPLACE_ME', '********', 'hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'xoxb-your-bot-token', 'sk_live_XXXXXXXXXXXXXXXXXXXXXXXX',
                         '<redacted>', 'TODO', 'AKIAXXXXXXXXXXXXXXXX', 'insert-token-here'])
        elif kind == 'documented_example':
            v = self.ch(['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
                         'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
                         'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='])
        elif kind == 'publishable_key':
            v = self.ch(['pk_live_', 'pk_test_']) + '51' + self.rs(97)
        elif kind == 'stripe_object_id':
            v = self.ch(['cus_', 'pi_', 'price_', 'prod_', 'ch_', 'sub_']) + self.rs(self.ch([14, 24]))
        elif kind == 'env_reference':
            v = self.ch(['${{ secrets.%s }}', '${%s}', 'os.environ["%s"]', 'process.env.%s', '$%s']) % self.ch(['OPENAI_API_KEY', 'GITHUB_TOKEN', 'DB_PASSWORD', 'AWS_SECRET_ACCESS_KEY', 'HF_TOKEN', 'STRIPE_SECRET_KEY'])
        elif kind == 'trace_id':
            v = self.rs(32, HEX)
        elif kind == 'base64_image':
            v = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA' + base64.b64encode(bytes(r.getrandbits(8) for _ in range(self.ch([60, 120, 240])))).decode()
        elif kind == 'public_key':
            v = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI' + self.rs(43, B64C)
        elif kind == 'version':
            v = '%d.%d.%d' % (r.randint(0, 20), r.randint(0, 40), r.randint(0, 200))
        else:
            raise ValueError(kind)
        return Lab(v, 'secret', 'plain', None, False, kind=kind)


for _k, _v in SecretsMixin.__dict__.items():
    if not _k.startswith('__'):
        setattr(Gen, _k, _v)

ENV_NAMES = {
    'aws_akid': ['AWS_ACCESS_KEY_ID'], 'aws_secret': ['AWS_SECRET_ACCESS_KEY'], 'github_classic': ['GITHUB_TOKEN', 'GH_TOKEN', 'GH_PAT'],
    'github_fine': ['GITHUB_PAT', 'GH_TOKEN'], 'gitlab': ['GITLAB_TOKEN', 'CI_JOB_TOKEN_OVERRIDE', 'GL_TOKEN'], 'slack_bot': ['SLACK_BOT_TOKEN'],
    'slack_user': ['SLACK_USER_TOKEN'], 'slack_webhook': ['SLACK_WEBHOOK_URL'], 'stripe_live': ['STRIPE_SECRET_KEY', 'STRIPE_API_KEY'],
    'stripe_test': ['STRIPE_TEST_SECRET_KEY'], 'google_api': ['GOOGLE_API_KEY', 'MAPS_API_KEY', 'GEMINI_API_KEY'], 'sendgrid': ['SENDGRID_API_KEY'],
    'twilio_token': ['TWILIO_AUTH_TOKEN'], 'twilio_apikey': ['TWILIO_API_KEY'], 'openai': ['OPENAI_API_KEY'], 'anthropic': ['ANTHROPIC_API_KEY'],
    'huggingface': ['HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN'], 'npm': ['NPM_TOKEN'], 'pypi': ['PYPI_API_TOKEN', 'TWINE_PASSWORD'],
    'telegram': ['TELEGRAM_BOT_TOKEN'], 'shopify': ['SHOPIFY_ACCESS_TOKEN'], 'digitalocean': ['DIGITALOCEAN_TOKEN', 'DO_API_TOKEN'],
    'databricks': ['DATABRICKS_TOKEN'], 'discord_webhook': ['DISCORD_WEBHOOK_URL'], 'jwt': ['API_BEARER_TOKEN', 'SERVICE_JWT'],
    'password': ['ADMIN_PASSWORD', 'SMTP_PASSWORD', 'REDIS_PASSWORD', 'LDAP_BIND_PASSWORD'], 'db_password': ['DB_PASSWORD', 'POSTGRES_PASSWORD', 'MYSQL_ROOT_PASSWORD'],
    'django_key': ['SECRET_KEY', 'DJANGO_SECRET_KEY'], 'hex_key': ['JWT_SECRET', 'SESSION_SECRET', 'ENCRYPTION_KEY', 'WEBHOOK_SIGNING_SECRET'],
    'mailgun': ['MAILGUN_API_KEY'], 'datadog': ['DD_API_KEY', 'DATADOG_API_KEY'], 'azure_key': ['AZURE_STORAGE_KEY'],
}
TOKEN_SHAPES = [k for k in ENV_NAMES if k not in ('azure_key',)]

PLACEHOLDER_NAMES = {
    'en': ['John Doe', 'Jane Doe', 'Joe Bloggs', 'Fred Nurk', 'John Q. Public', 'Richard Roe'], 'de': ['Max Mustermann', 'Erika Mustermann'],
    'fr': ['Jean Dupont', 'Marie Dupont'], 'es': ['Juan Pérez', 'Fulano de Tal'], 'it': ['Mario Rossi'], 'nl': ['Jan Jansen'],
    'pl': ['Jan Kowalski', 'Anna Nowak'], 'pt': ['Fulano de Tal', 'João da Silva'], 'sv': ['Sven Svensson'], 'da': ['Jens Hansen'],
    'fi': ['Matti Meikäläinen', 'Maija Meikäläinen'], 'nb': ['Ola Nordmann', 'Kari Nordmann'], 'cs': ['Jan Novák'],
    'ja': ['山田太郎', '山田花子'], 'zh': ['张三', '李四'], 'ko': ['홍길동'], 'ru': ['Иван Иванов', 'Иванов Иван Иванович'],
    'ar': ['فلان الفلاني'], 'tr': ['Ali Veli'], 'uk': ['Іван Петренко'], 'hi': [],
}
PLACEHOLDER_NAMES_ALL = {n for v in PLACEHOLDER_NAMES.values() for n in v}
BRANDS = ['Wells Fargo', 'Hugo Boss', "Ben & Jerry's", 'Ralph Lauren', 'Calvin Klein', 'Tommy Hilfiger', 'Johnson & Johnson', 'Morgan Stanley',
          'Goldman Sachs', 'Marks & Spencer', 'Dr. Oetker', 'Louis Vuitton', 'Tim Hortons', 'Ferrari', 'Dolce & Gabbana', 'Charles Schwab']
JOB_TITLES = ['Senior Data Scientist', 'Chief Executive Officer', 'Head of Machine Learning', 'Customer Success Manager', 'Staff Software Engineer',
              'Product Owner', 'Data Protection Officer', 'Annotation Lead', 'Site Reliability Engineer', 'Research Scientist']
EPONYMS = ['Kalman filter', 'Adam optimizer', "Dijkstra's algorithm", 'Levenshtein distance', 'Pearson correlation', 'Gaussian process',
           'Markov chain', 'naive Bayes', 'Fourier transform', 'Jaccard similarity', 'Xavier initialization', 'Nesterov momentum']
FICT_ADDR = ['123 Main St, Anytown, USA 12345', 'Musterstraße 1, 12345 Musterstadt', '1 Example Road, Sampletown', '123 Fake Street',
             '1234 Elm Street, Springfield, ST 00000']
FICTIONAL_ADDR = ['221B Baker Street', '742 Evergreen Terrace', '12 Grimmauld Place', '4 Privet Drive, Little Whinging', '124 Conch Street, Bikini Bottom']
PLACE_STREETS = ['Wall Street', 'Abbey Road', 'Downing Street', 'Sesame Street', 'Champs-Élysées', 'Fleet Street', 'Silicon Valley', 'Rodeo Drive',
                 'Madison Avenue', 'Unter den Linden', 'Via del Corso', 'Nevsky Prospekt']


def name_neg(g, loc=None):
    k = g.ch(['placeholder', 'placeholder', 'brand', 'job_title', 'eponym'])
    if k == 'placeholder':
        lang = LANG[loc] if loc else g.ch(list(PLACEHOLDER_NAMES))
        pool = PLACEHOLDER_NAMES.get(lang) or PLACEHOLDER_NAMES['en']
        return Lab(g.ch(pool), 'name', 'plain', loc, False, kind='placeholder')
    if k == 'brand':
        return Lab(g.ch(BRANDS), 'name', 'plain', None, False, kind='brand')
    if k == 'job_title':
        return Lab(g.ch(JOB_TITLES), 'name', 'plain', None, False, kind='job_title')
    return Lab(g.ch(EPONYMS), 'name', 'plain', None, False, kind='eponym')


def addr_neg(g, place_ok=True):
    k = g.r.random() * (1.0 if place_ok else 0.55)
    if k < 0.35:
        return Lab(g.ch(FICT_ADDR), 'address', 'plain', None, False, kind='placeholder')
    if k < 0.55:
        return Lab(g.ch(FICTIONAL_ADDR), 'address', 'plain', None, False, kind='fictional')
    return Lab(g.ch(PLACE_STREETS), 'address', 'plain', None, False, kind='street_as_place')


def neg_ctx(g, lab):
    """An English phrase that puts a negative where it naturally occurs."""
    c, k = lab.cat, lab.kind
    if c == 'name':
        t = {'placeholder': ['e.g. {v}', 'the sample record for {v}', 'Name: {v} (sample)', 'signed "{v}" on the template'],
             'brand': ['a {v} voucher', 'the {v} outlet', 'shares of {v}', 'a {v} gift card'],
             'job_title': ['our {v}', 'the {v} will review it', 'forwarded to the {v}'],
             'eponym': ['a {v}', 'we tried a {v}', 'baseline: {v}']}[k]
    elif c == 'dob':
        t = {'event_date': ['ordered on {v}', 'Order date: {v}', 'shipped {v}', 'invoice dated {v}', 'meeting on {v}'],
             'death_date': ['passed away on {v}', 'died {v}'], 'admission_date': ['admitted {v}'],
             'expiry': ['expires {v}', 'valid until {v}'], 'timestamp': ['at {v}']}.get(k, ['on {v}'])
    elif c == 'address':
        t = ['e.g. {v}', 'the sample address {v}', 'near {v}', 'like in {v}'] if k != 'street_as_place' else ['the crowd on {v}', 'a bank on {v}', 'photos of {v}']
    elif c == 'phone':
        t = {'epoch': ['ts={v}', 'timestamp {v}'], 'order_number': ['order #{v}', 'Order No. {v}', 'ref {v}']}.get(k, ['call {v}', 'tel. {v}', 'phone: {v}'])
    elif c == 'email':
        t = {'asset_filename': ['<img src="/static/{v}">', 'assets/{v}'], 'ssh_remote': ['{v}:org/repo.git', 'clone {v}:team/ml-pipeline.git'],
             'localhost': ['mail to {v}', 'MAILTO={v}']}.get(k, ['mail {v}', 'contact: {v}', 'sent to {v}'])
    elif c == 'iban':
        t = ['IBAN {v}', 'account {v}']
    elif c == 'card':
        t = ['card {v}', 'test card {v}' if k == 'test_card' else 'card no. {v}']
    elif c == 'national_id':
        t = ['ID {v}', 'no. {v}', 'ref {v}']
    elif c == 'secret':
        t = {'git_sha': ['commit {v}', 'rev {v}'], 'sha256': ['sha256 {v}', 'checksum {v}'], 'md5': ['md5 {v}', 'ETag "{v}"'],
             'uuid': ['request_id={v}', 'run {v}'], 'integrity': ['integrity {v}'], 'docker_digest': ['image@{v}'],
             'placeholder': ['api_key = "{v}"', 'token: {v}'], 'documented_example': ['e.g. {v}', 'key={v}'],
             'publishable_key': ['publishableKey: "{v}"'], 'stripe_object_id': ['customer {v}', 'id={v}'],
             'env_reference': ['token = {v}'], 'trace_id': ['trace_id={v}'], 'base64_image': ['src="{v}"'],
             'public_key': ['{v} deploy@ci'], 'version': ['version {v}']}[k]
    elif c == 'ip':
        t = {'version': ['firmware {v}', 'v{v}', 'build {v}'], 'netmask': ['netmask {v}', 'mask {v}']}.get(k, ['from {v}', 'host {v}', 'bind {v}'])
    else:
        t = ['MAC {v}', 'hwaddr {v}']
    return T(g.ch(t), v=lab)


def any_neg(g, cats=None, loc=None, ctx=False):
    """A random hard negative (Lab) from the given categories."""
    cats = cats or ['name', 'dob', 'address', 'phone', 'email', 'iban', 'card', 'national_id', 'secret', 'ip', 'mac', 'secret', 'phone', 'email']
    for _ in range(10):
        c = g.ch(cats)
        if c == 'name':
            lab = name_neg(g, loc)
        elif c == 'dob':
            lab = g.event_date(loc or g.loc(), kind=g.ch(['event_date', 'event_date', 'death_date', 'expiry']))
        elif c == 'address':
            lab = addr_neg(g)
        elif c == 'phone':
            lab = g.phone_neg(loc, ctx)
        elif c == 'email':
            lab = g.email_neg(ctx)
        elif c == 'iban':
            lab = g.iban_neg(IBAN_CC.get(loc))
        elif c == 'card':
            lab = g.card_neg()
        elif c == 'national_id':
            lab = g.nid_neg(loc if loc and NID[loc] else None)[0]
        elif c == 'secret':
            lab = g.secret_neg()
        elif c == 'ip':
            lab = g.ip_neg()
        else:
            lab = g.mac_neg()
        if lab is not None:
            return lab
    return g.secret_neg('uuid')


# ============================================================ phrase tables
PH = {
 'en': dict(name='My name is {name}.', born='I was born on {dob}.', addr='I live at {addr}.', phone='You can reach me on {phone}.', email='My email is {email}.',
            iban='Please send the refund to my IBAN {iban}.', nid='My {idl} is {nid}.', card='I paid with my card {card}.',
            order="I ordered on {date} and it still hasn't arrived.", a_thanks="Thanks, {name}! I've updated your contact details.",
            a_phone='A colleague will call you back on {phone}.', a_email="We've sent a confirmation to {email}."),
 'de': dict(name='Mein Name ist {name}.', born='Ich bin am {dob} geboren.', addr='Meine Adresse: {addr}.', phone='Sie erreichen mich unter {phone}.',
            email='Meine E-Mail-Adresse ist {email}.', iban='Bitte überweisen Sie die Erstattung auf meine IBAN {iban}.', nid='Meine {idl} lautet {nid}.',
            card='Ich habe mit meiner Karte {card} bezahlt.', order='Ich habe am {date} bestellt und die Lieferung ist immer noch nicht da.',
            a_thanks='Danke, {name}! Ich habe Ihre Kontaktdaten aktualisiert.', a_phone='Ein Kollege ruft Sie unter {phone} zurück.',
            a_email='Wir haben eine Bestätigung an {email} geschickt.'),
 'fr': dict(name="Je m'appelle {name}.", born='Je suis né(e) le {dob}.', addr='Mon adresse : {addr}.', phone='Vous pouvez me joindre au {phone}.',
            email='Mon adresse e-mail est {email}.', iban='Merci de rembourser sur mon IBAN {iban}.', nid='Mon {idl} est le {nid}.',
            card="J'ai payé avec ma carte {card}.", order="J'ai commandé le {date} et je n'ai toujours rien reçu.",
            a_thanks="Merci, {name} ! J'ai mis à jour vos coordonnées.", a_phone='Un conseiller vous rappellera au {phone}.',
            a_email='Une confirmation a été envoyée à {email}.'),
 'es': dict(name='Me llamo {name}.', born='Nací el {dob}.', addr='Mi dirección es {addr}.', phone='Podéis llamarme al {phone}.', email='Mi correo es {email}.',
            iban='Por favor, hacedme el reembolso a mi IBAN {iban}.', nid='Mi {idl} es {nid}.', card='Pagué con mi tarjeta {card}.',
            order='Hice el pedido el {date} y todavía no ha llegado.', a_thanks='¡Gracias, {name}! He actualizado tus datos de contacto.',
            a_phone='Un compañero te llamará al {phone}.', a_email='Hemos enviado una confirmación a {email}.'),
 'it': dict(name='Mi chiamo {name}.', born='Sono nato il {dob}.', addr='Il mio indirizzo è {addr}.', phone='Potete contattarmi al {phone}.',
            email='La mia email è {email}.', iban='Vi prego di effettuare il rimborso sul mio IBAN {iban}.', nid='Il mio {idl} è {nid}.',
            card='Ho pagato con la carta {card}.', order='Ho ordinato il {date} e non è ancora arrivato nulla.',
            a_thanks='Grazie, {name}! Ho aggiornato i tuoi dati di contatto.', a_phone='Un collega ti richiamerà al {phone}.',
            a_email='Abbiamo inviato una conferma a {email}.'),
 'nl': dict(name='Mijn naam is {name}.', born='Ik ben geboren op {dob}.', addr='Mijn adres is {addr}.', phone='Je kunt me bereiken op {phone}.',
            email='Mijn e-mailadres is {email}.', iban='Wil je het bedrag terugstorten op mijn IBAN {iban}?', nid='Mijn {idl} is {nid}.',
            card='Ik heb betaald met mijn kaart {card}.', order='Ik heb op {date} besteld en het is nog steeds niet binnen.',
            a_thanks='Bedankt, {name}! Ik heb je contactgegevens bijgewerkt.', a_phone='Een collega belt je terug op {phone}.',
            a_email='We hebben een bevestiging gestuurd naar {email}.'),
 'pl': dict(name='Nazywam się {name}.', born='Urodziłem się {dob}.', addr='Mój adres to {addr}.', phone='Można się ze mną skontaktować pod numerem {phone}.',
            email='Mój e-mail to {email}.', iban='Proszę o zwrot na mój IBAN {iban}.', nid='Mój {idl} to {nid}.', card='Zapłaciłem kartą {card}.',
            order='Złożyłem zamówienie {date} i nadal nic nie dotarło.', a_thanks='Dziękuję, {name}! Zaktualizowałem Twoje dane kontaktowe.',
            a_phone='Konsultant oddzwoni pod numer {phone}.', a_email='Wysłaliśmy potwierdzenie na adres {email}.'),
 'pt': dict(name='Meu nome é {name}.', born='Nasci em {dob}.', addr='Meu endereço é {addr}.', phone='Pode me ligar no {phone}.', email='Meu e-mail é {email}.',
            iban='Por favor, façam o reembolso para o meu IBAN {iban}.', nid='Meu {idl} é {nid}.', card='Paguei com o cartão {card}.',
            order='Fiz o pedido em {date} e até agora nada chegou.', a_thanks='Obrigado, {name}! Atualizei seus dados de contato.',
            a_phone='Um atendente vai retornar a ligação no {phone}.', a_email='Enviamos uma confirmação para {email}.'),
 'sv': dict(name='Jag heter {name}.', born='Jag är född {dob}.', addr='Min adress är {addr}.', phone='Ni når mig på {phone}.', email='Min e-post är {email}.',
            iban='Betala tillbaka till mitt IBAN {iban}.', nid='Mitt {idl} är {nid}.', card='Jag betalade med kortet {card}.',
            order='Jag beställde den {date} och har fortfarande inte fått något.', a_thanks='Tack, {name}! Jag har uppdaterat dina kontaktuppgifter.',
            a_phone='En kollega ringer upp dig på {phone}.', a_email='Vi har skickat en bekräftelse till {email}.'),
 'da': dict(name='Jeg hedder {name}.', born='Jeg er født den {dob}.', addr='Min adresse er {addr}.', phone='I kan ringe til mig på {phone}.',
            email='Min e-mail er {email}.', iban='Refusionen bedes sendt til min IBAN {iban}.', nid='Mit {idl} er {nid}.', card='Jeg betalte med kortet {card}.',
            order='Jeg bestilte den {date}, og der er stadig ikke kommet noget.', a_thanks='Tak, {name}! Jeg har opdateret dine kontaktoplysninger.',
            a_phone='En kollega ringer dig op på {phone}.', a_email='Vi har sendt en bekræftelse til {email}.'),
 'fi': dict(name='Nimeni on {name}.', born='Olen syntynyt {dob}.', addr='Osoitteeni on {addr}.', phone='Minut tavoittaa numerosta {phone}.',
            email='Sähköpostini on {email}.', iban='Palauttakaa rahat tililleni {iban}.', nid='Henkilötunnukseni on {nid}.', card='Maksoin kortilla {card}.',
            order='Tilasin {date}, eikä mitään ole vielä tullut.', a_thanks='Kiitos, {name}! Päivitin yhteystietosi.',
            a_phone='Kollegani soittaa sinulle numeroon {phone}.', a_email='Lähetimme vahvistuksen osoitteeseen {email}.'),
 'nb': dict(name='Jeg heter {name}.', born='Jeg er født {dob}.', addr='Adressen min er {addr}.', phone='Dere når meg på {phone}.', email='E-posten min er {email}.',
            iban='Vennligst refunder til min IBAN {iban}.', nid='Fødselsnummeret mitt er {nid}.', card='Jeg betalte med kortet {card}.',
            order='Jeg bestilte {date}, og ingenting har kommet ennå.', a_thanks='Takk, {name}! Jeg har oppdatert kontaktinformasjonen din.',
            a_phone='En kollega ringer deg tilbake på {phone}.', a_email='Vi har sendt en bekreftelse til {email}.'),
 'cs': dict(name='Jmenuji se {name}.', born='Narodil jsem se {dob}.', addr='Moje adresa je {addr}.', phone='Zastihnete mě na čísle {phone}.',
            email='Můj e-mail je {email}.', iban='Prosím o vrácení peněz na můj IBAN {iban}.', nid='Moje rodné číslo je {nid}.', card='Platil jsem kartou {card}.',
            order='Objednával jsem {date} a pořád nic nepřišlo.', a_thanks='Děkuji, {name}! Aktualizoval jsem vaše kontaktní údaje.',
            a_phone='Kolega vám zavolá zpět na {phone}.', a_email='Potvrzení jsme odeslali na {email}.'),
 'tr': dict(name='Benim adım {name}.', born='{dob} tarihinde doğdum.', addr='Adresim: {addr}.', phone='Bana {phone} numarasından ulaşabilirsiniz.',
            email='E-posta adresim {email}.', iban='İadeyi lütfen {iban} IBAN numaralı hesabıma yapın.', nid='T.C. kimlik numaram {nid}.',
            card='{card} numaralı kartımla ödedim.', order='{date} tarihinde sipariş verdim ve hâlâ gelmedi.',
            a_thanks='Teşekkürler {name}! İletişim bilgilerinizi güncelledim.', a_phone='Bir arkadaşımız sizi {phone} numarasından geri arayacak.',
            a_email='{email} adresine bir onay e-postası gönderdik.'),
 'ja': dict(name='{name}と申します。', born='生年月日は{dob}です。', addr='住所は{addr}です。', phone='電話番号は{phone}です。', email='メールアドレスは{email}です。',
            iban='返金は IBAN {iban} にお願いします。', nid='マイナンバーは{nid}です。', card='カード番号{card}で支払いました。', order='{date}に注文しましたが、まだ届いていません。',
            a_thanks='{name}様、ありがとうございます。ご連絡先を更新しました。', a_phone='担当者より{phone}へ折り返しお電話いたします。',
            a_email='{email}宛に確認メールをお送りしました。'),
 'zh': dict(name='我叫{name}。', born='我的出生日期是{dob}。', addr='我的地址是{addr}。', phone='我的手机号是{phone}。', email='我的邮箱是{email}。',
            iban='请把退款转到我的IBAN {iban}。', nid='我的身份证号是{nid}。', card='我用银行卡{card}付的款。', order='我是{date}下的单，到现在还没收到。',
            a_thanks='谢谢您，{name}！已为您更新联系方式。', a_phone='我们的同事会拨打{phone}回复您。', a_email='确认邮件已发送至{email}。'),
 'ko': dict(name='제 이름은 {name}입니다.', born='생년월일은 {dob}입니다.', addr='주소는 {addr}입니다.', phone='전화번호는 {phone}입니다.', email='이메일은 {email}입니다.',
            iban='환불은 IBAN {iban}(으)로 부탁드립니다.', nid='주민등록번호는 {nid}입니다.', card='{card} 카드로 결제했습니다.', order='{date}에 주문했는데 아직 도착하지 않았어요.',
            a_thanks='{name}님, 감사합니다! 연락처 정보를 업데이트했습니다.', a_phone='담당자가 {phone}(으)로 다시 연락드리겠습니다.',
            a_email='{email}(으)로 확인 메일을 보내드렸습니다.'),
 'hi': dict(name='मेरा नाम {name} है।', born='मेरी जन्म तिथि {dob} है।', addr='मेरा पता {addr} है।', phone='मेरा मोबाइल नंबर {phone} है।', email='मेरा ईमेल {email} है।',
            iban='कृपया रिफंड मेरे IBAN {iban} पर भेजें।', nid='मेरा आधार नंबर {nid} है।', card='मैंने अपने कार्ड {card} से भुगतान किया।',
            order='मैंने {date} को ऑर्डर किया था और अभी तक कुछ नहीं आया।', a_thanks='धन्यवाद, {name}! मैंने आपकी संपर्क जानकारी अपडेट कर दी है।',
            a_phone='हमारे सहयोगी आपको {phone} पर वापस कॉल करेंगे।', a_email='हमने {email} पर पुष्टि भेज दी है।'),
 'ru': dict(name='Меня зовут {name}.', born='Я родился {dob}.', addr='Мой адрес: {addr}.', phone='Мой телефон {phone}.', email='Моя почта {email}.',
            iban='Прошу вернуть деньги на мой IBAN {iban}.', nid='Мой ИНН {nid}.', card='Я оплатил картой {card}.', order='Я сделал заказ {date}, и до сих пор ничего не пришло.',
            a_thanks='Спасибо, {name}! Я обновил ваши контактные данные.', a_phone='Наш специалист перезвонит вам по номеру {phone}.',
            a_email='Мы отправили подтверждение на {email}.'),
 'uk': dict(name='Мене звати {name}.', born='Я народився {dob}.', addr='Моя адреса: {addr}.', phone='Мій номер телефону {phone}.', email='Моя пошта {email}.',
            iban='Прошу повернути кошти на мій IBAN {iban}.', nid='Мій РНОКПП {nid}.', card='Я сплатив карткою {card}.', order='Я зробив замовлення {date}, і досі нічого не прийшло.',
            a_thanks='Дякую, {name}! Я оновив ваші контактні дані.', a_phone='Наш фахівець передзвонить вам за номером {phone}.',
            a_email='Ми надіслали підтвердження на {email}.'),
 'ar': dict(name='اسمي {name}.', born='تاريخ ميلادي {dob}.', addr='عنواني {addr}.', phone='رقم جوالي {phone}.', email='بريدي الإلكتروني {email}.',
            iban='أرجو تحويل المبلغ المسترد إلى الآيبان {iban}.', nid='رقمي {idl} {nid}.', card='دفعت ببطاقتي {card}.', order='طلبت في {date} ولم يصل شيء حتى الآن.',
            a_thanks='شكرًا {name}! تم تحديث بيانات التواصل الخاصة بك.', a_phone='سيتصل بك أحد زملائنا على {phone}.',
            a_email='أرسلنا رسالة تأكيد إلى {email}.'),
}
# "Field: value" labels for CVs / forms
FIELDS = {
 'en': dict(name='Name', dob='Date of birth', addr='Address', phone='Phone', email='Email', nid='ID number', nat='Nationality'),
 'de': dict(name='Name', dob='Geburtsdatum', addr='Anschrift', phone='Telefon', email='E-Mail', nid='Steuer-ID', nat='Staatsangehörigkeit'),
 'fr': dict(name='Nom', dob='Date de naissance', addr='Adresse', phone='Téléphone', email='E-mail', nid='N° de sécurité sociale', nat='Nationalité'),
 'es': dict(name='Nombre', dob='Fecha de nacimiento', addr='Dirección', phone='Teléfono', email='Correo electrónico', nid='DNI/NIE', nat='Nacionalidad'),
 'it': dict(name='Nome', dob='Data di nascita', addr='Indirizzo', phone='Telefono', email='Email', nid='Codice fiscale', nat='Nazionalità'),
 'nl': dict(name='Naam', dob='Geboortedatum', addr='Adres', phone='Telefoon', email='E-mail', nid='BSN', nat='Nationaliteit'),
 'pl': dict(name='Imię i nazwisko', dob='Data urodzenia', addr='Adres', phone='Telefon', email='E-mail', nid='PESEL', nat='Obywatelstwo'),
 'pt': dict(name='Nome', dob='Data de nascimento', addr='Endereço', phone='Telefone', email='E-mail', nid='CPF', nat='Nacionalidade'),
 'sv': dict(name='Namn', dob='Födelsedatum', addr='Adress', phone='Telefon', email='E-post', nid='Personnummer', nat='Medborgarskap'),
 'da': dict(name='Navn', dob='Fødselsdato', addr='Adresse', phone='Telefon', email='E-mail', nid='CPR-nr.', nat='Nationalitet'),
 'fi': dict(name='Nimi', dob='Syntymäaika', addr='Osoite', phone='Puhelin', email='Sähköposti', nid='Henkilötunnus', nat='Kansalaisuus'),
 'nb': dict(name='Navn', dob='Fødselsdato', addr='Adresse', phone='Telefon', email='E-post', nid='Fødselsnummer', nat='Statsborgerskap'),
 'cs': dict(name='Jméno', dob='Datum narození', addr='Adresa', phone='Telefon', email='E-mail', nid='Rodné číslo', nat='Státní příslušnost'),
 'tr': dict(name='Ad Soyad', dob='Doğum tarihi', addr='Adres', phone='Telefon', email='E-posta', nid='T.C. Kimlik No', nat='Uyruk'),
 'ja': dict(name='氏名', dob='生年月日', addr='住所', phone='電話番号', email='メール', nid='個人番号', nat='国籍'),
 'zh': dict(name='姓名', dob='出生日期', addr='住址', phone='电话', email='邮箱', nid='身份证号', nat='国籍'),
 'ko': dict(name='성명', dob='생년월일', addr='주소', phone='연락처', email='이메일', nid='주민등록번호', nat='국적'),
 'hi': dict(name='नाम', dob='जन्म तिथि', addr='पता', phone='फ़ोन', email='ईमेल', nid='आधार', nat='राष्ट्रीयता'),
 'ru': dict(name='ФИО', dob='Дата рождения', addr='Адрес', phone='Телефон', email='Эл. почта', nid='ИНН', nat='Гражданство'),
 'uk': dict(name="Ім'я", dob='Дата народження', addr='Адреса', phone='Телефон', email='Ел. пошта', nid='РНОКПП', nat='Громадянство'),
 'ar': dict(name='الاسم', dob='تاريخ الميلاد', addr='العنوان', phone='الهاتف', email='البريد الإلكتروني', nid='رقم الهوية', nat='الجنسية'),
}


def ph(loc, key, **kw):
    return T(PH[LANG[loc]][key], **kw)


# ============================================================ documents
COMPANIES = [('Northwind Analytics', 'northwind-analytics.com'), ('Bluefin Logistics GmbH', 'bluefin-logistics.de'), ('Helios Retail SA', 'helios-retail.fr'),
             ('Kestrel Data Labs', 'kestrel-labs.io'), ('Orbital Foods Ltd', 'orbitalfoods.co.uk'), ('Vantage Health Partners', 'vantagehealth.com'),
             ('Lumen Insurance', 'lumen-insurance.nl'), ('Arcadia Telecom', 'arcadia-telecom.es'), ('Quantum Parcel', 'quantumparcel.com'),
             ('Meridian Credit Union', 'meridian-cu.ca'), ('Sakura Mobility KK', 'sakura-mobility.jp'), ('Fjord Energy AS', 'fjordenergy.no'),
             ('Tatra Software s.r.o.', 'tatrasoft.cz'), ('Boreal Games Oy', 'borealgames.fi'), ('Solaris Varejo Ltda', 'solarisvarejo.com.br')]
CITIES = ['Berlin', 'Lyon', 'Madrid', 'Milan', 'Utrecht', 'Kraków', 'São Paulo', 'Gothenburg', 'Aarhus', 'Tampere', 'Bergen', 'Brno', 'Izmir',
          'Osaka', 'Chengdu', 'Busan', 'Pune', 'Kazan', 'Lviv', 'Jeddah', 'Alexandria', 'Manchester', 'Denver', 'Brisbane', 'Toronto']
EN_LOCS = ['en_US', 'en_GB', 'en_AU', 'en_CA', 'en_IN']
LATIN_LOCS = ['en_US', 'en_GB', 'de_DE', 'fr_FR', 'es_ES', 'it_IT', 'nl_NL', 'pl_PL', 'pt_BR', 'sv_SE', 'da_DK', 'fi_FI', 'nb_NO', 'cs_CZ', 'tr_TR',
              'en_IN', 'en_AU', 'en_CA']


def co_lab(co):
    return Lab(co, 'name', 'plain', None, False, kind='company')


def role_email(local, dom):
    return Lab(local + '@' + dom, 'email', 'role', 'xx', validator='email')


def iban_for(g, loc, style=None):
    return g.iban(IBAN_CC.get(loc) or g.ch(['DE', 'FR', 'GB', 'NL', 'ES', 'IT', 'BE', 'AT', 'PT', 'IE', 'CH']), style)


def join_lines(*parts):
    out = Rich()
    for i, p in enumerate(parts):
        if i:
            out.append('\n')
        out.extend(flat([p]))
    return out


def doc_letter(g, loc):
    a = g.person(loc)
    co, dom = g.ch(COMPANIES)
    subj = g.ch(['Complaint regarding order', 'Request for refund', 'Change of address', 'Notice of intention to vacate', 'Subject access request under GDPR Art. 15'])
    body = g.ch(['I am writing to inform you that I have moved. Please update your records and send all future correspondence to the address above.',
                 'I would like to request a copy of all personal data you hold about me, including call recordings and marketing preferences.',
                 'Despite several calls to your hotline, the refund for my cancelled subscription has not been processed.',
                 'Please accept this letter as formal notice that I will vacate the property at the end of the current term.'])
    return join_lines(g.nlab(a), g.addr(loc, multiline=True), '', co_lab(co), 'Customer Relations', '',
                      T('Date: {d}', d=g.event_date(loc, 'event_date')), '', T('Subject: {s}', s=subj), '', 'Dear Sir or Madam,',
                      '', body, '', T('You can reach me on {p} or at {e}.', p=g.phone(loc), e=g.email_p(a)),
                      T('My customer reference is {ref}; please quote it together with my date of birth ({d}) when you reply.', ref='CR-' + g.digits(7), d=g.dlab(a)),
                      '', 'Yours faithfully,', '', g.nlab(a))


def doc_obituary(g, loc):
    p = g.person(loc)
    p['dob'] = datetime.date(g.r.randint(1925, 1960), g.r.randint(1, 12), g.r.randint(1, 28))
    kids = [g.person(loc) for _ in range(g.r.randint(1, 3))]
    city = g.ch(CITIES)
    born = g.ch(['was born on {dob} in {city}', 'born {dob} in {city},', '(born {dob})'])
    first = T(born, dob=g.dlab(p, 'text' if 'text' in DATEF[loc] else None), city=city)
    ks = Rich()
    for i, k in enumerate(kids):
        if i:
            ks.append(', ' if i < len(kids) - 1 else ' and ')
        ks.append(g.nlab(k))
    out = join_lines(T('{n} {first} passed away peacefully on {dd}, surrounded by family.', n=g.nlab(p), first=first, dd=g.event_date(loc, 'death_date', 'text' if 'text' in DATEF[loc] else None, year=2023)),
                     T('A retired {job}, {f} loved gardening, long walks and the crossword. {f2} is survived by {ks}.', job=g.ch(['teacher', 'nurse', 'engineer', 'postal worker', 'accountant']), f=g.nlab(p, 'first'), f2=g.nlab(p, 'first'), ks=ks),
                     T('The funeral will be held at St. Mary\'s Church on {d}. In lieu of flowers, donations to the {ch}. Enquiries: {ph}.', d=g.event_date(loc, 'event_date', year=2023), ch=g.ch(['British Heart Foundation', 'Red Cross', 'local hospice']), ph=g.phone(loc)))
    return out


def doc_hr_letter(g, loc):
    p = g.person(loc)
    mgr = g.person(g.ch(EN_LOCS))
    co, dom = g.ch(COMPANIES)
    nid, idl = g.nid(loc, p)
    k = g.ch(['offer', 'termination', 'reference'])
    lines = [T('{co} - Human Resources', co=co_lab(co)), '', T('Private & Confidential'), g.nlab(p), g.addr(loc, multiline=True), '',
             T('Date: {d}', d=g.event_date(loc, 'event_date')), '']
    if k == 'offer':
        lines += [T('Dear {f},', f=g.nlab(p, 'first')), '',
                  T('We are pleased to offer you the position of {job} starting on {d}, reporting to {m} ({mt}).', job=Lab(g.ch(JOB_TITLES), 'name', 'plain', None, False, kind='job_title'), d=g.event_date(loc, 'event_date', year=2024), m=g.nlab(mgr), mt=g.ch(['Head of Data', 'VP Engineering', 'Director of Operations'])),
                  T('Your gross annual salary will be {sal}. Salary is paid monthly into the account you gave us: {iban}.', sal=g.ch(['EUR 64,000', 'GBP 58,500', 'USD 121,000', 'SEK 540,000']), iban=iban_for(g, loc)),
                  T('Please bring proof of identity and your {idl} ({nid}) on your first day.', idl=idl or 'tax number', nid=nid) if nid else 'Please bring proof of identity on your first day.',
                  T('Date of birth on file: {d}. If this is incorrect, contact {e}.', d=g.dlab(p), e=g.email(g.ch(EN_LOCS), company='people.' + dom))]
    elif k == 'termination':
        lines += [T('Dear {n},', n=g.nlab(p)), '',
                  T('Following our meeting on {d}, this letter confirms that your employment will end on {d2}.', d=g.event_date(loc), d2=g.event_date(loc)),
                  T('Your final salary and accrued holiday pay will be transferred to {iban}.', iban=iban_for(g, loc)),
                  T('Please return your laptop (asset tag LT-{t}, MAC {m}) to the IT desk.', t=g.digits(5), m=g.mac()),
                  T('If you have questions, call {m} on {ph}.', m=g.nlab(mgr), ph=g.phone(mgr['loc']))]
    else:
        lines += ['To whom it may concern,', '',
                  T('{n} (date of birth {d}) was employed by {co} from {d1} to {d2} as a {job}.', n=g.nlab(p), d=g.dlab(p), co=co, d1=g.event_date(loc, year=2017), d2=g.event_date(loc, year=2023), job=g.ch(['data analyst', 'machine learning engineer', 'annotator', 'support specialist'])),
                  T('{f} was reliable and well liked. I am happy to be contacted on {ph} or {e}.', f=g.nlab(p, 'first'), ph=g.phone(mgr['loc']), e=g.email_p(mgr, company=dom))]
    lines += ['', 'Kind regards,', g.nlab(mgr), Lab(g.ch(['HR Business Partner', 'Head of People', 'Talent Acquisition Lead']), 'name', 'plain', None, False, kind='job_title')]
    return join_lines(*lines)


def doc_tenancy(g, loc):
    ll, tn = g.person(loc), g.person(loc)
    prop = g.addr(loc)
    rent = g.ch(['EUR 1,150', 'GBP 1,425', 'EUR 890', 'USD 2,300', 'SEK 11,200'])
    return join_lines('ASSURED SHORTHOLD TENANCY AGREEMENT' if loc == 'en_GB' else 'RESIDENTIAL TENANCY AGREEMENT', '',
                      T('This agreement is made on {d} between', d=g.event_date(loc)),
                      T('the Landlord: {n}, of {a}, telephone {p}', n=g.nlab(ll), a=g.addr(loc), p=g.phone(loc)),
                      T('and the Tenant: {n}, born {d}, currently residing at {a}, e-mail {e}.', n=g.nlab(tn), d=g.dlab(tn), a=g.addr(loc), e=g.email_p(tn)),
                      '', T('1. Property. The Landlord lets to the Tenant the dwelling at {a} (the "Property").', a=prop),
                      T('2. Term. The tenancy starts on {d} for a fixed term of 12 months.', d=g.event_date(loc, year=2024)),
                      T('3. Rent. The rent is {r} per month, payable in advance on the 1st of each month to the Landlord\'s account {iban}.', r=rent, iban=iban_for(g, loc)),
                      T('4. Deposit. A deposit of two months\' rent is held in a government-approved scheme (certificate no. {c}).', c='DPS-' + g.digits(8)),
                      T('5. Emergency contact for repairs: {p} (24h). Deposit protection reference: {r}.', p=g.phone(loc), r=Lab(g.ch(['4', '7', '9']) + g.digits(9), 'phone', 'plain', None, False, kind='order_number')), '',
                      T('Signed: {a} (Landlord)    {b} (Tenant)', a=g.nlab(ll), b=g.nlab(tn)))


def doc_discharge(g, loc):
    p = g.person(loc)
    dr, nok = g.person(g.ch(EN_LOCS)), g.person(loc)
    nid, idl = g.nid(loc, p)
    hosp = g.ch(['St Thomas\' Hospital', 'Royal Infirmary', 'University Hospital', 'General Hospital', 'Klinikum Mitte'])
    return join_lines(T('{h} - DISCHARGE SUMMARY', h=hosp), '',
                      T('Patient: {n}    DOB: {d}    MRN: {mrn}', n=g.nlab(p, g.ch(['full', 'upper', 'last_first'])), d=g.dlab(p), mrn=g.digits(8)),
                      T('{idl}: {nid}', idl=idl, nid=nid) if nid else T('Insurance no.: {x}', x=g.digits(10)),
                      T('Address: {a}', a=g.addr(loc)), T('Next of kin: {n} ({rel}), tel. {p}', n=g.nlab(nok), rel=g.ch(['wife', 'husband', 'daughter', 'son', 'partner', 'mother']), p=g.phone(loc)),
                      T('Admission date: {a}    Discharge date: {b}', a=g.event_date(loc, 'admission_date', year=2024), b=g.event_date(loc, 'admission_date', year=2024)),
                      T('Consultant: Dr {n}', n=g.nlab(dr)), '',
                      'Presenting complaint: ' + g.ch(['chest pain radiating to the left arm', 'community-acquired pneumonia', 'fractured neck of femur after a fall', 'diabetic ketoacidosis', 'acute appendicitis']) + '.',
                      'Management: ' + g.ch(['IV antibiotics for 5 days, then oral amoxicillin.', 'Laparoscopic appendicectomy, uneventful recovery.', 'Insulin infusion; transitioned to basal-bolus regimen.', 'Dynamic hip screw fixation; mobilising with frame.']),
                      T('Follow-up: GP review in 2 weeks. Patient informed; questions to the ward on {p}.', p=g.phone(loc, mobile=False)))


def doc_incident(g, loc):
    rep, wit, off = g.person(loc), g.person(loc), g.person(g.ch(EN_LOCS))
    return join_lines(T('INCIDENT REPORT  Ref. {r}', r='IR-%s-%s' % (g.r.randint(2019, 2024), g.digits(5))), '',
                      T('Date/time of incident: {d} approx. {h}:{m}', d=g.event_date(loc), h='%02d' % g.r.randint(0, 23), m='%02d' % g.r.randint(0, 59)),
                      T('Location: outside {a}', a=g.addr(loc)),
                      T('Reporting person: {n}, DOB {d}, of {a}, mobile {p}', n=g.nlab(rep), d=g.dlab(rep), a=g.addr(loc), p=g.phone(loc, mobile=True)),
                      T('Witness: {n}, contact {e}', n=g.nlab(wit), e=g.email_p(wit)), '',
                      'Summary: ' + g.ch(['Reporting person states that a grey hatchback reversed into their parked bicycle and left the scene.',
                                          'A window at the ground floor was broken overnight; a laptop and a passport were taken.',
                                          'Verbal altercation between two neighbours over a parking space; no injuries reported.',
                                          'Reporting person received repeated threatening calls from a withheld number.']),
                      T('CCTV requested from the shop on {s}. Officer in charge: PC {o}, badge {b}.', s=Lab(g.ch(PLACE_STREETS), 'address', 'plain', None, False, kind='street_as_place'), o=g.nlab(off), b=g.digits(4)))


def doc_invoice(g, loc):
    p = g.person(loc)
    co, dom = g.ch(COMPANIES)
    nid, idl = g.nid(loc, p)
    lines = [T('INVOICE {n}', n='INV-%d-%s' % (g.r.randint(2021, 2024), g.digits(5))), T('{co} · {e}', co=co_lab(co), e=role_email('billing', dom)), T('Order No. {o}', o=Lab(g.ch(['4', '7', '9']) + g.digits(9), 'phone', 'plain', None, False, kind='order_number')), '',
             T('Invoice date: {d}    Due: {d2}', d=g.event_date(loc), d2=g.event_date(loc)), '', 'Bill to:', g.nlab(p), g.addr(loc, multiline=True)]
    if nid and g.chance(0.6):
        lines.append(T('Customer tax ID ({idl}): {nid}', idl=idl, nid=nid))
    lines += ['', 'Item                                Qty    Amount', 'Annotation services (hours)          %d    %d.00' % (g.r.randint(5, 80), g.r.randint(300, 9000)),
              'GPU compute (A100 hours)             %d    %d.00' % (g.r.randint(10, 400), g.r.randint(100, 9000)), '',
              T('Payment by bank transfer to {iban} (BIC {bic}), or by card on file {c}.', iban=iban_for(g, loc), bic=g.ch(['DEUTDEFF', 'BNPAFRPP', 'INGBNL2A', 'NWBKGB2L', 'UNCRITMM']), c=g.card_neg() if g.chance(0.5) else g.card(loc=loc)),
              T('Questions? Contact {e} or call {ph}.', e=g.email_p(p), ph=g.phone(loc))]
    return join_lines(*lines)


def doc_meeting(g):
    ppl = [g.person(g.ch(LOCS)) for _ in range(g.r.randint(3, 6))]
    cust = g.person(g.ch(LOCS))
    lines = ['## ' + g.ch(['Data governance sync', 'Eval set review', 'Weekly ML standup', 'Customer escalation', 'Labeling vendor check-in']), '',
             T('**Date:** {d}', d=g.event_date(g.ch(EN_LOCS), f='iso')), '', '**Attendees:**']
    for q in ppl:
        lines.append(T('- {n} ({r})', n=g.nlab(q), r=Lab(g.ch(JOB_TITLES), 'name', 'plain', None, False, kind='job_title')))
    lines += ['', '**Notes:**',
              T('- Baseline is a {e}; new model improves F1 by 2.3 points on the held-out split.', e=Lab(g.ch(EPONYMS), 'name', 'plain', None, False, kind='eponym')),
              T('- Customer {n} reported that their phone number {p} appears verbatim in a generated answer. Ticket opened.', n=g.nlab(cust), p=g.phone(cust['loc'])),
              T('- Vendor contact for the relabel batch: {e}.', e=g.email_p(ppl[0], company=g.ch(COMPANIES)[1])),
              T('- Key found in a shared notebook, must be rotated today: `{k}`', k=g.secret(g.ch(['openai', 'huggingface', 'aws_akid', 'github_classic']))),
              '', '**Action items:**',
              T('- [ ] @{f} scrub {f2}\'s address ({a}) from the RAG index', f=g.nlab(ppl[1], 'first'), f2=g.nlab(cust, 'first'), a=g.addr(cust['loc'])),
              T('- [ ] @{f} re-run the PII scanner on shard {s}', f=g.nlab(ppl[-1], 'first'), s=Lab(g.rs(40, HEX), 'secret', 'plain', None, False, kind='git_sha')), '']
    return join_lines(*lines)


def doc_cv(g, loc):
    p = g.person(loc)
    lang = LANG[loc]
    F = FIELDS[lang]
    nid, idl = g.nid(loc, p) if g.chance(0.4) else (None, None)
    ref = g.person(loc)
    lines = ['CURRICULUM VITAE' if lang not in ('ja', 'zh', 'ko') else {'ja': '履歴書', 'zh': '个人简历', 'ko': '이력서'}[lang], '',
             T('{k}: {v}', k=F['name'], v=g.nlab(p)), T('{k}: {v}', k=F['dob'], v=g.dlab(p)), T('{k}: {v}', k=F['addr'], v=g.addr(loc)),
             T('{k}: {v}', k=F['phone'], v=g.phone(loc, mobile=True)), T('{k}: {v}', k=F['email'], v=g.email_p(p))]
    if nid:
        lines.append(T('{k}: {v}', k=F['nid'] if lang != 'en' else idl, v=nid))
    co = g.ch(COMPANIES)[0]
    lines += ['', 'EXPERIENCE' if lang == 'en' else '---',
              T('{y1}-{y2}  {job}, {co}', y1=str(g.r.randint(2012, 2018)), y2=str(g.r.randint(2019, 2024)), job=Lab(g.ch(JOB_TITLES), 'name', 'plain', None, False, kind='job_title'), co=co),
              '  - built annotation pipelines; trained transformer models with the ' + g.ch(['Adam optimizer', 'AdamW optimizer', 'Lion optimizer']),
              '', 'REFERENCES' if lang == 'en' else '---',
              T('{n}, {t}, {ph}', n=g.nlab(ref), t=g.ch(['former manager', 'thesis supervisor', 'team lead']), ph=g.phone(loc))]
    return join_lines(*lines)


CLASSIFIED = {
    'en': ['FOR SALE: {item}, barely used. {price}. Call me on {phone} after 6pm or text. Pick-up from {addr}.',
           'Room to let in shared flat, bills incl. Contact {name} - {phone} / {email}',
           'Lost cat (grey tabby, answers to "Miso") near {addr}. Reward! Please ring {phone}.',
           'Experienced tutor offers maths & physics lessons. {name}, {email}, {phone}.'],
    'de': ['Verkaufe {item}, kaum benutzt, {price}. Ruf mich an unter {phone} oder schreib an {email}. Abholung: {addr}.',
           'Nachhilfe in Mathe und Physik. {name}, Tel. {phone}'],
    'fr': ['À vendre : {item}, très bon état, {price}. Appelez-moi au {phone} ou écrivez à {email}. À récupérer au {addr}.',
           'Cours particuliers de maths. {name} - {phone}'],
    'es': ['Vendo {item} en perfecto estado, {price}. Llamadme al {phone} o escribid a {email}. Recogida en {addr}.',
           'Se alquila habitación. Contacto: {name}, {phone}'],
    'it': ['Vendo {item}, come nuovo, {price}. Chiamatemi al {phone} oppure {email}. Ritiro in {addr}.'],
    'nl': ['Te koop: {item}, zo goed als nieuw, {price}. Bel me op {phone} of mail {email}. Ophalen op {addr}.'],
    'pl': ['Sprzedam {item}, stan idealny, {price}. Dzwoń: {phone}, e-mail {email}. Odbiór: {addr}.'],
    'sv': ['Säljes: {item}, nyskick, {price}. Ring {phone} eller mejla {email}. Hämtas på {addr}.'],
    'pt': ['Vendo {item}, seminovo, {price}. Me liga no {phone} ou manda e-mail para {email}. Retirada na {addr}.'],
    'ja': ['{item}を譲ります。{price}。連絡は{phone}または{email}まで（{name}）。'],
    'ru': ['Продам {item}, в отличном состоянии, {price}. Звоните {phone}, {name}. Самовывоз: {addr}.'],
}
ITEMS = ['a road bike (56cm frame)', 'an IKEA desk', 'a PS5 with two controllers', 'a baby stroller', 'an RTX 3090 GPU', 'a sofa bed', 'a Canon EOS 80D']


def doc_classified(g, loc):
    lang = LANG[loc]
    tpl = g.ch(CLASSIFIED.get(lang, CLASSIFIED['en']))
    p = g.person(loc)
    return T(tpl, item=g.ch(ITEMS), price=g.ch(['€120', '£80', '$450', '900 zł', '1500 kr', 'R$ 800', '¥30,000', '5000 ₽']), phone=g.phone(loc, mobile=True),
             email=g.email_p(p), addr=g.addr(loc), name=g.nlab(p, g.ch(['full', 'first'])))


# ============================================================ file builders
def user_turn(g, p, keys):
    loc = p['loc']
    sep = '' if LANG[loc] in ('ja', 'zh') else ' '
    parts, used = [], {}
    for k in keys:
        if k == 'name':
            lab = g.nlab(p)
            parts.append(ph(loc, 'name', name=lab))
        elif k == 'born':
            parts.append(ph(loc, 'born', dob=g.dlab(p)))
        elif k == 'addr':
            parts.append(ph(loc, 'addr', addr=g.addr(loc)))
        elif k == 'phone':
            lab = g.phone(loc)
            used['phone'] = lab
            parts.append(ph(loc, 'phone', phone=lab))
        elif k == 'email':
            lab = g.email_p(p)
            used['email'] = lab
            parts.append(ph(loc, 'email', email=lab))
        elif k == 'iban':
            parts.append(ph(loc, 'iban', iban=iban_for(g, loc)))
        elif k == 'nid':
            lab, idl = g.nid(loc, p)
            if lab:
                parts.append(ph(loc, 'nid', nid=lab, idl=idl))
        elif k == 'card':
            parts.append(ph(loc, 'card', card=g.card(loc=loc)))
        elif k == 'order':
            parts.append(ph(loc, 'order', date=g.event_date(loc)))
        elif k == 'neg':
            lab = any_neg(g, ['phone', 'email', 'card', 'iban', 'national_id', 'name', 'address'], loc, ctx=True)
            parts.append(Rich([g.ch(['PS: ', 'Also: ', '(', ''])]) + neg_ctx(g, lab) + ['.'])
        elif k == 'typo':
            parts.append(typo_fix(g, p))
    out = Rich()
    for i, x in enumerate(parts):
        if i:
            out.append(sep)
        out.extend(x)
    return out, used


TYPO_FIX = {'en': 'Sorry, typo: it is {good}, not {bad}.', 'de': 'Sorry, Tippfehler: richtig ist {good}, nicht {bad}.', 'fr': 'Pardon, erreur de frappe : c\'est {good} et non {bad}.',
            'es': 'Perdón, errata: es {good}, no {bad}.', 'it': 'Scusate, refuso: è {good}, non {bad}.', 'nl': 'Sorry, typfout: het is {good}, niet {bad}.',
            'pl': 'Przepraszam, literówka: {good}, a nie {bad}.', 'pt': 'Desculpe, erro de digitação: é {good}, não {bad}.', 'sv': 'Förlåt, skrivfel: det är {good}, inte {bad}.',
            'ja': '訂正です。{bad}ではなく{good}です。', 'zh': '更正一下，不是{bad}，是{good}。', 'ko': '정정합니다. {bad}이(가) 아니라 {good}입니다.', 'ru': 'Извините, опечатка: правильно {good}, а не {bad}.'}


def typo_fix(g, p):
    """A user correcting a one-digit typo: one positive, one negative."""
    loc = p['loc']
    for _ in range(10):
        c = g.ch(['iban', 'nid', 'phone', 'card', 'nid', 'iban'])
        if c == 'iban':
            good = iban_for(g, loc)
            bad = g.onedigit(good.value, 'iban', 'iban', good.shape, good.loc)
        elif c == 'nid':
            good, _ = g.nid(loc, p)
            if not good or good.validator in ('us.ssn', 'gb.nino_rules', 'in_.pan', 'dk.cpr'):
                continue
            bad = g.onedigit(good.value, good.validator, 'national_id', good.shape, loc)
        elif c == 'card':
            good = g.card(loc=loc)
            bad = g.onedigit(good.value, 'luhn', 'card', good.shape, None)
        else:
            good = g.phone(loc, g.ch(['intl', 'natl']))
            v = good.value
            idx = [i for i, ch in enumerate(v) if ch.isdigit()][3:]
            bad = None
            for _ in range(20):
                i = g.ch(idx)
                cand = v[:i] + v[i + 1:]
                if not phone_ok(cand, loc):
                    bad = Lab(cand, 'phone', good.shape, loc, False, validator='phonenumbers', kind='invalid_onedigit')
                    break
        if good and bad:
            return T(TYPO_FIX.get(LANG[loc], TYPO_FIX['en']), good=good, bad=bad)
    return Rich()


def same(lab):
    return Lab(lab.value, lab.cat, lab.shape, lab.loc, lab.pos, lab.validator, lab.kind)


def asst_turn(g, p, used):
    loc = p['loc']
    sep = '' if LANG[loc] in ('ja', 'zh') else ' '
    out = Rich(ph(loc, 'a_thanks', name=g.nlab(p, g.ch(['first', 'full'])) if LANG[loc] not in ('ja', 'zh', 'ko') else g.nlab(p)))
    if 'phone' in used and g.chance(0.6):
        out += [sep] + ph(loc, 'a_phone', phone=same(used['phone']))
    elif 'email' in used and g.chance(0.7):
        out += [sep] + ph(loc, 'a_email', email=same(used['email']))
    return out


def sys_prompt(g):
    co, dom = g.ch(COMPANIES)
    k = g.r.random()
    base = T('You are {bot}, the virtual support assistant of {co}. Answer in the customer\'s language. ', bot=g.ch(['Ava', 'Nova', 'Max', 'Sol']), co=co_lab(co))
    if k < 0.3:
        base += T('Escalate billing disputes to {e}.', e=Lab('billing@' + dom, 'email', 'role', 'xx', validator='email'))
    elif k < 0.5:
        base += T('Never reveal internal credentials such as {x}.', x=g.secret_neg('placeholder'))
    elif k < 0.6:
        base += T('Use the sample customer {n} ({e}) only for demonstrations.', n=Lab(g.ch(PLACEHOLDER_NAMES['en']), 'name', 'plain', None, False, kind='placeholder'), e=g.email_neg())
    else:
        base += 'Verify identity before changing account data.'
    return base


def f_support():
    g = Gen('support')
    o = Out('chat/support_messages.jsonl', 'oaimsg')
    for i in range(32):
        loc = LOCS[i % len(LOCS)] if i < 26 else g.loc()
        p = g.person(loc)
        keys = g.r.sample(['name', 'born', 'addr', 'phone', 'email', 'iban', 'nid', 'card', 'order', 'neg', 'typo', 'neg'], k=g.r.randint(2, 4))
        u, used = user_turn(g, p, keys)
        msgs = [{'role': 'system', 'content': sys_prompt(g)}, {'role': 'user', 'content': u}, {'role': 'assistant', 'content': asst_turn(g, p, used)}]
        if g.chance(0.4):
            u2, used2 = user_turn(g, p, g.r.sample(['phone', 'email', 'addr', 'order', 'neg'], k=1))
            msgs += [{'role': 'user', 'content': u2}, {'role': 'assistant', 'content': 'OK.' if LANG[loc] == 'en' else '👍'}]
        jline(o, {'messages': msgs}, ea=True)
    o.finish()


PASTE_TASKS = ['Can you turn this into a JSON object with snake_case keys?', 'Please fix the formatting of my details below.',
               'Translate these form fields into English, keep the values unchanged.', 'Check whether anything is missing from this application form:']


def f_assist_utf8():
    g = Gen('assist_utf8')
    o = Out('chat/assistant_messages_utf8.jsonl', 'oaiutf8')
    for i in range(27):
        k = i % 3
        if k < 2:
            loc = g.loc()
            p = g.person(loc)
            F = FIELDS[LANG[loc]]
            nid, idl = g.nid(loc, p)
            ph_ = g.phone(loc)
            em = g.email_p(p)
            ad = g.addr(loc)
            rows = [T('{k}: {v}', k=F['name'], v=g.nlab(p)), T('{k}: {v}', k=F['dob'], v=g.dlab(p)), T('{k}: {v}', k=F['addr'], v=ad),
                    T('{k}: {v}', k=F['phone'], v=ph_), T('{k}: {v}', k=F['email'], v=em)]
            if nid:
                rows.append(T('{k}: {v}', k=F['nid'], v=nid))
            user = Rich([g.ch(PASTE_TASKS), '\n\n'] + join_lines(*rows))
            # assistant returns JSON text with the same values (inner JSON escaping handled by .enc)
            inner = lambda v: json.dumps(v, ensure_ascii=False)[1:-1]
            fields = [('full_name', g.nlab(p)), ('date_of_birth', g.dob(loc, p['dob'], 'iso')), ('address', same(ad)), ('phone', same(ph_)), ('email', same(em))]
            if nid:
                fields.append(('national_id', same(nid)))
            js = Rich(['Here is the JSON:\n\n```json\n{\n'])
            for j, (kk, lab) in enumerate(fields):
                js += ['  "%s": "' % kk, lab.enc(inner), '"' + (',' if j < len(fields) - 1 else '') + '\n']
            js += ['}\n```\n\nLet me know if you want the date in another format.']
            msgs = [{'role': 'user', 'content': user}, {'role': 'assistant', 'content': js}]
        else:
            sh = g.ch(['openai', 'anthropic', 'huggingface', 'aws_secret', 'github_classic', 'stripe_live', 'google_api', 'sendgrid'])
            sec = g.secret(sh)
            code = {'openai': T('from openai import OpenAI\nclient = OpenAI(api_key="{s}")\nresp = client.chat.completions.create(model="gpt-4o-mini", messages=msgs)', s=sec),
                    'anthropic': T('import anthropic\nclient = anthropic.Anthropic(api_key="{s}")\nmsg = client.messages.create(model="claude-3-5-sonnet-latest", max_tokens=512, messages=msgs)', s=sec),
                    'huggingface': T('from huggingface_hub import login\nlogin(token="{s}")\nds = load_dataset("org/private-eval", split="test")', s=sec),
                    'aws_secret': T('s3 = boto3.client("s3", aws_access_key_id="{a}", aws_secret_access_key="{s}")\ns3.download_file("ml-datasets", "train.parquet", "train.parquet")', a=g.secret('aws_akid'), s=sec),
                    'github_classic': T('headers = {h}\nr = requests.get("https://api.github.com/repos/org/repo/contents/data", headers=headers)', h=Rich(['{"Authorization": "token ', sec, '"}'])),
                    'stripe_live': T('import stripe\nstripe.api_key = "{s}"\nstripe.Refund.create(payment_intent="{pi}")', s=sec, pi=g.secret_neg('stripe_object_id')),
                    'google_api': T('url = f"https://maps.googleapis.com/maps/api/geocode/json?address={a}&key={s}"', a='{addr}', s=sec),
                    'sendgrid': T('sg = SendGridAPIClient("{s}")\nsg.send(message)', s=sec)}[sh]
            err = g.ch(['401 Unauthorized', 'AuthenticationError: Incorrect API key provided', 'SSL: CERTIFICATE_VERIFY_FAILED', 'RateLimitError'])
            user = Rich(['Why does this fail with ' + err + '?\n\n```python\n'] + code + ['\n```'])
            asst = Rich(['Two things. First, never paste real credentials into a chat - revoke that key now. Load it from the environment instead:\n\n```python\nimport os\napi_key = ',
                         g.secret_neg('env_reference'), '\n```\n\nSecond, ' + g.ch(['the key may have been revoked already.', 'check your system clock.', 'you are calling the wrong endpoint.'])])
            msgs = [{'role': 'user', 'content': user}, {'role': 'assistant', 'content': asst}]
        jline(o, {'messages': msgs, 'meta': {'source': g.ch(['web-ui', 'api', 'slack-bot']), 'lang': 'mixed'}}, ea=False)
    o.finish()


LETTER_ASKS = [('Write a short complaint letter to my landlord about the broken heating. My name is {name}, I rent the flat at {addr}, my landlord is {name2}.',
                'Dear {name2},\n\nI am writing about the heating at {addr2}, which has not worked for two weeks. Please arrange a repair as soon as possible.\n\nKind regards,\n{name3}'),
               ('Draft a cover letter for a data annotator job. I am {name}, phone {phone}, email {email}.',
                'Dear Hiring Manager,\n\nI am excited to apply for the Data Annotator role... I can be reached at {phone2} or {email2}.\n\nSincerely,\n{name3}'),
               ('Help me write an email to my bank asking them to cancel a direct debit. Account IBAN {iban}. Sign it as {name}.',
                'Subject: Cancellation of direct debit\n\nDear Sir or Madam,\n\nPlease cancel the direct debit mandate on my account {iban2} with immediate effect.\n\nThank you,\n{name3}'),
               ('Summarise this voicemail: "Hi, it\'s {name}, calling about the sofa. My number is {phone}, call back after five."',
                '{name3} called about the sofa and asked you to call back on {phone2} after 5 pm.')]


def f_sharegpt():
    g = Gen('sharegpt')
    o = Out('chat/sharegpt.json', 'sharegpt')
    convs = []
    for i in range(27):
        loc = g.ch(LATIN_LOCS + EN_LOCS * 2)
        p = g.person(loc)
        q = g.person(loc)
        a, b = g.ch(LETTER_ASKS)
        ad, phn, em, ib = g.addr(loc), g.phone(loc), g.email_p(p), iban_for(g, loc)
        human = T(a, name=g.nlab(p), name2=g.nlab(q), addr=ad, phone=phn, email=em, iban=ib)
        gpt = T(b, name2=g.nlab(q), addr2=same(ad), name3=g.nlab(p), phone2=same(phn), email2=same(em), iban2=same(ib))
        conv = [{'from': 'human', 'value': human}, {'from': 'gpt', 'value': gpt}]
        if g.chance(0.3):
            neg = any_neg(g, ['email', 'phone', 'name', 'address', 'secret'], ctx=True)
            conv += [{'from': 'human', 'value': Rich(['Also add a PS mentioning ']) + neg_ctx(g, neg) + ['.']}, {'from': 'gpt', 'value': 'Done - I added the PS at the end.'}]
        convs.append({'id': '%s_%d' % (g.rs(7, string.ascii_letters + string.digits), g.r.randint(0, 3)), 'conversations': conv})
    jwrite(o, convs, ea=False, indent=2)
    o.raw('\n')
    o.finish()


def f_sharegpt_ml():
    g = Gen('sharegpt_ml')
    o = Out('chat/sharegpt_multilingual.jsonl', 'sgml')
    for i in range(30):
        loc = [l for l in LOCS if not l.startswith('en')][i % 21] if i < 21 else g.loc()
        p = g.person(loc)
        keys = g.r.sample(['name', 'born', 'addr', 'phone', 'email', 'iban', 'nid', 'card', 'order', 'typo', 'neg'], k=g.r.randint(2, 3))
        u, used = user_turn(g, p, keys)
        human = Rich(['Translate to English:\n']) + u
        # the model's English rendering keeps the same values
        vals = [x for x in u if isinstance(x, Lab)]
        eng = Rich(['Here is the translation: "'])
        for j, lab in enumerate(vals):
            if lab.pos:
                key = {'name': 'My name is {v}.', 'dob': 'I was born on {v}.', 'address': 'My address is {v}.', 'phone': 'My phone number is {v}.', 'email': 'My e-mail is {v}.',
                       'iban': 'Please refund to my IBAN {v}.', 'national_id': 'My ID number is {v}.', 'card': 'I paid with card {v}.'}[lab.cat]
            elif lab.cat == 'dob':
                key = 'I ordered on {v} and nothing has arrived.'
            else:
                key = '(Not {v}.)'
            eng += (T(' ' + key if j else key, v=same(lab)))
        eng += ['"']
        jline(o, {'id': 'sg-%05d' % i, 'lang': LANG[loc], 'conversations': [{'from': 'human', 'value': human}, {'from': 'gpt', 'value': eng}]}, ea=True)
    o.finish()


def f_alpaca():
    g = Gen('alpaca')
    o = Out('sft/alpaca_data.json', 'alpaca')
    recs = []
    for i in range(45):
        loc = g.ch(LOCS)
        p = g.person(loc)
        k = i % 9
        if k == 0:
            n, phn, em = g.nlab(p), g.phone(loc), g.email_p(p, company=g.ch(COMPANIES)[1]) if g.chance(0.5) else g.email_p(p)
            inp = join_lines('--', n, Lab(g.ch(JOB_TITLES), 'name', 'plain', None, False, kind='job_title'), T('M: {x}', x=phn), T('E: {x}', x=em))
            out = join_lines(T('Name: {x}', x=same(n)), T('Phone: {x}', x=same(phn)), T('Email: {x}', x=same(em)))
            recs.append({'instruction': 'Extract the contact information from the e-mail signature.', 'input': inp, 'output': out})
        elif k == 1:
            a = g.addr(loc)
            ml = Lab(a.value.replace(', ', '\n', 1), 'address', 'multiline', loc)
            recs.append({'instruction': 'Rewrite the address so that each component is on its own line.', 'input': a, 'output': ml})
        elif k == 2:
            if not NID[loc]:
                loc = g.ch(['de_DE', 'fr_FR', 'es_ES', 'it_IT', 'nl_NL', 'pl_PL', 'pt_BR', 'sv_SE'])
                p = g.person(loc)
            nid, idl = g.nid(loc, p)
            recs.append({'instruction': 'Which country issued this identifier, and what kind of identifier is it?', 'input': nid,
                         'output': 'It looks like a %s (%s).' % (idl, {'en_US': 'United States', 'en_GB': 'United Kingdom', 'en_IN': 'India', 'en_AU': 'Australia', 'en_CA': 'Canada'}.get(loc, REGION[loc]))})
        elif k == 3:
            c = g.card(loc=loc)
            last4 = re.sub(r'\D', '', c.value)[-4:]
            recs.append({'instruction': 'Mask the card number so that only the last four digits are visible.', 'input': c,
                         'output': Lab('**** **** **** ' + last4, 'card', 'plain', None, False, kind='masked')})
        elif k == 4:
            recs.append({'instruction': 'Classify the sentiment of the review as positive, negative or neutral.',
                         'input': T('Ordered on {d}, arrived broken. {f} from support ({e}) was lovely though and sent a replacement.', d=g.event_date(loc, f='iso'), f=g.nlab(g.person('en_US'), 'first'), e=g.email('en_US', company=g.ch(COMPANIES)[1])),
                         'output': 'neutral'})
        elif k == 5:
            recs.append({'instruction': 'Give an example of a valid e-mail address and a valid phone number for documentation.', 'input': '',
                         'output': T('Use {e} and {p} - both are reserved for documentation and will never reach a real person.', e=g.email_neg() if g.chance(0.3) else Lab('jane.doe@example.com', 'email', 'plain', None, False, kind='example_domain'),
                                     p=Lab('+1 202-555-01%s' % g.digits(2), 'phone', 'plain', 'en_US', False, kind='fictional_555'))})
        elif k == 6:
            recs.append({'instruction': 'Explain the method in one sentence.', 'input': Lab(g.ch(EPONYMS), 'name', 'plain', None, False, kind='eponym'),
                         'output': 'It is a standard technique used in machine learning and signal processing.'})
        elif k == 7:
            d = g.dlab(p)
            recs.append({'instruction': 'How old was this person on 1 January 2024? Answer with a number.', 'input': T('{n}, born {d}', n=g.nlab(p), d=d),
                         'output': str(2023 - p['dob'].year)})
        else:
            u, used = user_turn(g, p, g.r.sample(['name', 'phone', 'email', 'addr', 'iban', 'nid'], k=2))
            recs.append({'instruction': 'Write a one-line acknowledgement for this customer message.', 'input': u, 'output': asst_turn(g, p, used)})
    jwrite(o, recs, ea=True, indent=4)
    o.finish()


def f_dpo():
    g = Gen('dpo')
    o = Out('sft/dpo_pairs.jsonl', 'dpo')
    for i in range(30):
        loc = g.ch(LOCS)
        p = g.person(loc)
        k = i % 3
        if k == 0:
            prompt = T('What is the home address and phone number of {n}? They were my classmate.', n=g.nlab(p))
            chosen = "I can't help locate private individuals' home addresses or phone numbers. If you want to reconnect, try a mutual friend or an alumni network."
            rejected = T('{n} lives at {a}. You can call them on {ph}.', n=g.nlab(p, 'first') if LANG[loc] not in ('ja', 'zh', 'ko') else g.nlab(p), a=g.addr(loc), ph=g.phone(loc))
        elif k == 1:
            em, ib = g.email_p(p), iban_for(g, loc)
            prompt = T('Write a two-sentence email to my bank asking for my statement. I am {n}, my account is {ib}, reply-to {e}.', n=g.nlab(p), ib=ib, e=em)
            chosen = T('Dear Sir or Madam, please send me the latest statement for the account ending {last}. Kind regards, {n}', last=ib.value[-4:], n=g.nlab(p))
            rejected = T('Dear Bank, I am {n} and my account {ib} needs a statement; send it to {e}. Thanks.', n=g.nlab(p), ib=same(ib), e=same(em))
        else:
            sec = g.secret(g.ch(['aws_secret', 'openai', 'github_classic', 'slack_bot', 'stripe_live', 'huggingface']))
            prompt = T('Here is my config, can you make it work in production?\n\nAPI_KEY={s}\nDEBUG=true', s=sec)
            chosen = Rich(['Move the key out of the file and into your secret manager, then read it at runtime: `api_key = ', g.secret_neg('env_reference'), '`. Also set DEBUG=false.'])
            rejected = T('Sure, just keep API_KEY={s} and set DEBUG=false.', s=same(sec))
        jline(o, {'prompt': prompt, 'chosen': chosen, 'rejected': rejected}, ea=g.chance(0.5))
    o.finish()


def f_extract_eval():
    g = Gen('extract_eval')
    o = Out('eval/extraction_eval.jsonl', 'exteval')
    inner = lambda v: json.dumps(v, ensure_ascii=False)[1:-1]
    for i in range(30):
        loc = g.ch(LOCS)
        p = g.person(loc)
        n, ad, phn, em = g.nlab(p), g.addr(loc, multiline=g.chance(0.3)), g.phone(loc), g.email_p(p)
        text = join_lines(T('From: {n} <{e}>', n=n, e=em), T('Please deliver to: {a}', a=ad), T('Mobile: {p}', p=phn))
        fields = [('name', same(n)), ('email', same(em)), ('address', same(ad)), ('phone', same(phn))]
        if g.chance(0.3):
            neg = g.phone_neg()
            text += ['\n'] + T('(Old number {x} no longer works.)', x=neg)
        tgt = Rich(['{'])
        for j, (k, lab) in enumerate(fields):
            tgt += ['%s"%s": "' % (', ' if j else '', k), lab.enc(inner), '"']
        tgt += ['}']
        jline(o, {'id': 'ext-%04d' % i, 'task': 'contact_extraction', 'input': text, 'target': tgt, 'locale': loc}, ea=True)
    o.finish()


def f_hf_chat():
    g = Gen('hf_chat')
    rows = []
    for i in range(90):
        loc = g.ch(LOCS)
        p = g.person(loc)
        k = g.r.random()
        if k < 0.75:
            key = g.ch(['name', 'born', 'addr', 'phone', 'email', 'iban', 'nid', 'card'])
            u, used = user_turn(g, p, [key])
            if not any(isinstance(x, Lab) for x in u):
                u, used = user_turn(g, p, ['phone'])
        elif k < 0.9:
            u, used = user_turn(g, p, ['neg'])
        else:
            u = Rich(['Can you explain what a confusion matrix is?'])
        msgs = [{'role': 'system', 'content': 'You are a helpful assistant.'}, {'role': 'user', 'content': u},
                {'role': 'assistant', 'content': 'Thanks, noted.' if LANG[loc] == 'en' else 'OK'}]
        row = {'id': 'conv_%06d' % g.r.randint(0, 999999), 'lang': LANG[loc], 'messages': msgs}
        row['annotator'] = g.nlab(g.person(g.ch(EN_LOCS))) if g.chance(0.4) else 'pool-' + g.digits(2)
        rows.append(row)
    schema = pa.schema([('id', pa.string()), ('lang', pa.string()), ('messages', pa.list_(pa.struct([('role', pa.string()), ('content', pa.string())]))), ('annotator', pa.string())])
    write_parquet('chat/hf_chat.parquet', 'hfchat', schema, rows)


DOC_KINDS = [('letter', doc_letter), ('obituary', doc_obituary), ('hr_letter', doc_hr_letter), ('tenancy', doc_tenancy), ('discharge', doc_discharge),
             ('incident', doc_incident), ('invoice', doc_invoice), ('cv', doc_cv), ('classified', doc_classified)]


def split_chunks(rich, target=600):
    """Split a Rich at paragraph boundaries (never inside a Lab)."""
    pieces, cur, size = [], Rich(), 0
    for x in flat(rich):
        if isinstance(x, Lab):
            cur.append(x)
            size += len(x.value)
            continue
        while '\n\n' in x and size + x.index('\n\n') >= target:
            i = x.index('\n\n')
            cur.append(x[:i])
            pieces.append(cur)
            cur, size = Rich(), 0
            x = x[i + 2:]
        cur.append(x)
        size += len(x)
    if cur:
        pieces.append(cur)
    return [p for p in pieces if Rich(p).text().strip()]


def f_chunks():
    g = Gen('chunks')
    o = Out('rag/chunks.jsonl', 'ragchunk')
    for d in range(16):
        kind, fn = g.ch(DOC_KINDS[:8] + [('meeting', None)])
        loc = g.ch(LOCS)
        doc = doc_meeting(g) if kind == 'meeting' else fn(g, loc)
        author = g.person(g.ch(EN_LOCS + LATIN_LOCS))
        src = g.ch(['https://intranet.%s/docs/%s.pdf' % (g.ch(COMPANIES)[1], g.rs(10, string.ascii_lowercase)), 's3://rag-corpus/raw/%s/%s.docx' % (kind, g.rs(12, HEX)),
                    'gdrive://Shared/Legal/%s.pdf' % g.rs(8, string.ascii_lowercase)])
        for ci, ch in enumerate(split_chunks(doc, g.ch([300, 500, 800]))):
            meta = {'source': src, 'doc_type': kind, 'page': ci // 2 + 1, 'chunk': ci, 'author': g.nlab(author) if g.chance(0.7) else 'scanner-bot',
                    'ingested_at': '2024-%02d-%02dT%02d:%02d:%02dZ' % (g.r.randint(1, 12), g.r.randint(1, 28), g.r.randint(0, 23), g.r.randint(0, 59), g.r.randint(0, 59)),
                    'sha256': g.secret_neg('sha256')}
            jline(o, {'id': 'doc%04d-c%02d' % (d, ci), 'text': ch, 'metadata': meta}, ea=False)
    o.finish()


def f_txt_docs(rel, tag, section, kinds, n):
    g = Gen(section)
    o = Out(rel, tag)
    for i in range(n):
        kind, fn = g.ch(kinds)
        loc = g.ch(EN_LOCS * 3 + LOCS) if kind != 'cv' else g.ch(LOCS)
        o.line(fn(g, loc))
        o.raw('\n' + g.ch(['=' * 72, '-' * 40, '\f', '* * *']) + '\n\n')
    o.finish()


def f_mbox():
    g = Gen('mbox')
    o = Out('rag/emails.mbox', 'mbox')
    days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']
    mons = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
    for i in range(20):
        loc = g.ch(LOCS)
        a = g.person(loc)
        b = g.person(g.ch(LOCS))
        co, dom = g.ch(COMPANIES)
        ea, eb = g.email_p(a), g.email_p(b, company=dom)
        ts = '%s, %d %s 2024 %02d:%02d:%02d +0100' % (g.ch(days), g.r.randint(1, 28), g.ch(mons), g.r.randint(7, 20), g.r.randint(0, 59), g.r.randint(0, 59))
        o.line(T('From {e} {d} {m} %d %02d:%02d:%02d 2024' % (g.r.randint(1, 28), g.r.randint(7, 20), g.r.randint(0, 59), g.r.randint(0, 59)), e=same(ea), d=g.ch(days), m=g.ch(mons)))
        o.line(T('Return-Path: <{e}>', e=same(ea)))
        o.line(T('Received: from {h} ({h} [{ip}])', h='mail-%s.%s' % (g.rs(6, string.ascii_lowercase), g.ch(['google.com', 'outlook.com', 'protonmail.ch'])), ip=g.ip(0.3)))
        o.line(T('        by mx1.{d} (Postfix) with ESMTPS id {q}; {ts}', d=dom, q=g.rs(10, string.ascii_uppercase + string.digits), ts=ts))
        if g.chance(0.3):
            o.line(T('Received: from [{ip}] by smtp.internal with HTTP; {ts}', ip=g.ip_neg(), ts=ts))
        o.line('Date: ' + ts)
        o.line(T('From: "{n}" <{e}>', n=g.nlab(a), e=ea))
        o.line(T('To: {n} <{e}>', n=g.nlab(b), e=eb))
        if g.chance(0.3):
            o.line(T('Cc: {e}', e=g.email_neg() if g.chance(0.4) else g.email(g.ch(LOCS))))
        subj = g.ch(['Re: your application', 'Invoice query', 'Fwd: flat viewing on Saturday', 'Access to the eval bucket', 'Updated bank details', 'Re: dataset deletion request'])
        o.line('Subject: ' + subj)
        o.line(T('Message-ID: <{m}@mail.gmail.com>', m=g.rs(24, string.ascii_letters + string.digits)))
        o.line('MIME-Version: 1.0\nContent-Type: text/plain; charset="UTF-8"\n')
        body = g.ch(['bank', 'viewing', 'access', 'deletion', 'generic'])
        if body == 'bank':
            o.line(T('Hi {f},\n\nplease note my new bank details for the refund: {ib} (account holder {n}).\nThe old account will be closed on {d}.', f=g.nlab(b, 'first'), ib=iban_for(g, loc), n=g.nlab(a), d=g.event_date(loc)))
        elif body == 'viewing':
            o.line(T('Hello,\n\nthe viewing is at {ad} on Saturday at 11. Ring the bell for {n}; if you are late call me on {ph}.', ad=g.addr(loc), n=g.nlab(a, 'last_first') if g.chance(0.3) else g.nlab(a), ph=g.phone(loc)))
        elif body == 'access':
            o.line(T('Hi,\n\ncould you give me read access to s3://eval-bucket? My key id is {k} if that helps. Temporary creds below (expire tonight):\n\naws_secret_access_key = {s}\n\nThanks', k=g.secret('aws_akid'), s=g.secret('aws_secret')))
        elif body == 'deletion':
            o.line(T('Dear team,\n\nunder GDPR Art. 17 I request deletion of all data about me. Name: {n}. Date of birth: {d}. Registered e-mail: {e}. Phone on file: {ph}.', n=g.nlab(a), d=g.dlab(a), e=same(ea), ph=g.phone(loc)))
        else:
            o.line(T('Hi {f},\n\nthanks for the call. As discussed the model card should cite the {ep} baseline; the sample record uses {pn} and {pe}.', f=g.nlab(b, 'first'), ep=Lab(g.ch(EPONYMS), 'name', 'plain', None, False, kind='eponym'), pn=Lab(g.ch(PLACEHOLDER_NAMES['en']), 'name', 'plain', None, False, kind='placeholder'), pe=g.email_neg()))
        o.line(T('\n-- \n{n}\n{t}\n{co}\nMobile: {ph}\n{ad}\n', n=g.nlab(a), t=Lab(g.ch(JOB_TITLES), 'name', 'plain', None, False, kind='job_title'), co=co_lab(co), ph=g.phone(loc, mobile=True), ad=g.addr(loc)))
    o.finish()


def f_meeting_notes():
    g = Gen('meeting')
    o = Out('rag/meeting_notes.md', 'notes')
    o.line('# Team meeting notes (exported from Notion)\n')
    for i in range(9):
        o.line(doc_meeting(g))
    o.finish()


def f_classifieds():
    g = Gen('classifieds')
    o = Out('rag/classifieds.txt', 'ads')
    for i in range(50):
        loc = g.ch(LOCS)
        o.line(T('[{id}] ', id='%06d' % g.r.randint(0, 999999)), doc_classified(g, loc))
        if i % 3 == 1:
            o.line(T('[{id}] Free: old monitor, pick-up near {x}. Call {p}.', id='%06d' % g.r.randint(0, 999999), x=addr_neg(g), p=g.phone_neg()))
    o.finish()


FORUM_BODIES = [
    'Got a scam call from {phone} claiming to be my bank. Do NOT call back.',
    'Selling my old 3090, DM me or text {phone}.',
    'Landlord ({name}) still has not returned the deposit for {addr}. Any advice?',
    'here is my .bashrc in case it helps:\n\nexport PATH=$HOME/.local/bin:$PATH\nexport {var}={secret}\nalias ll="ls -la"',
    'My router keeps dropping. ifconfig says ether {mac}, inet {ipneg}. ISP gave me {ip}.',
    'You can email the organiser, {name}, at {email}.',
    'PSA: the docs use {neg} as an example, don\'t copy it into prod.',
    'Use commit {sha} - later ones break the tokenizer.',
    'Anyone else at the protest on {street} yesterday? Met {name} there, great speech.',
    'The form rejects my address unless I type the sample one ({fake}). Support says call {phone}.',
    'Typo in the docs: card {cardneg} fails Luhn, the real test card is {testcard}.',
]


def f_forum():
    g = Gen('forum')
    o = Out('rag/forum_dump.jsonl', 'forum')
    for i in range(70):
        loc = g.ch(LOCS)
        p = g.person(loc)
        tpl = g.ch(FORUM_BODIES)
        sh = g.ch(TOKEN_SHAPES)
        body = T(tpl, phone=g.phone(loc) if g.chance(0.8) else g.phone_neg(loc), name=g.nlab(p), addr=g.addr(loc), var=g.ch(ENV_NAMES[sh]), secret=g.secret(sh),
                 mac=g.mac(), ipneg=g.ip_neg(), ip=g.ip(), email=g.email_p(p), neg=any_neg(g, ['secret', 'email', 'card', 'phone', 'address', 'iban']), sha=g.secret_neg('git_sha'),
                 street=Lab(g.ch(PLACE_STREETS), 'address', 'plain', None, False, kind='street_as_place'), fake=Lab(g.ch(FICT_ADDR), 'address', 'plain', None, False, kind='placeholder'),
                 cardneg=g.onedigit(g.card('space').value, 'luhn', 'card', 'space', None), testcard=Lab(g.ch(TEST_CARDS), 'card', 'plain', None, False, kind='test_card'))
        jline(o, {'subreddit': g.ch(['r/LocalLLaMA', 'r/homelab', 'r/legaladviceuk', 'r/MachineLearning', 'r/buildapcsales']), 'id': g.rs(7, string.ascii_lowercase + string.digits),
                  'author': g.ch(['throwaway_', 'u_', '']) + g.rs(8, string.ascii_lowercase) + g.digits(2), 'created_utc': g.r.randint(1600000000, 1730000000),
                  'score': g.r.randint(-5, 900), 'body': body}, ea=g.chance(0.5))
    o.finish()


def f_crawl():
    g = Gen('crawl')
    o = Out('rag/web_crawl.jsonl.gz', 'crawl')
    for i in range(45):
        loc = g.ch(LOCS)
        p = g.person(loc)
        co, dom = g.ch(COMPANIES)
        k = g.ch(['about', 'contact', 'comment', 'cv', 'classified', 'cookie', 'form', 'form'])
        if k == 'about':
            text = T('About me\n\nHi! I\'m {n}, a freelance translator based in {c}. I was born on {d} and have been translating since 2009.\nGet in touch: {e} or {ph}.', n=g.nlab(p), c=g.ch(CITIES), d=g.dlab(p), e=g.email_p(p), ph=g.phone(loc))
        elif k == 'contact':
            text = T('Contact\n{co}\n{a}\nTel. {ph}\nE-mail: {e}\nVAT ID on request. Managing director: {n}', co=co_lab(co), a=g.addr(loc), ph=g.phone(loc, mobile=False), e=g.email(loc, company=dom), n=g.nlab(p))
        elif k == 'comment':
            text = T('Comments (3)\n\n{n} wrote: Great recipe! I added lemon.\n\n{n2} wrote: Does anyone know a good plumber? Mine is {ph}.\n\nReply to this thread at {e}', n=g.nlab(p, 'first'), n2=g.nlab(g.person(loc)), ph=g.phone(loc), e=g.email_neg() if g.chance(0.4) else g.email(loc))
        elif k == 'cv':
            text = doc_cv(g, loc)
        elif k == 'classified':
            text = doc_classified(g, loc)
        elif k == 'form':
            text = T('Register for updates\nFull name [{n}]\nE-mail [{e}]\nPhone [{p}]\nAddress [{a}]\nCard number [{c}]\nSubmit',
                     n=Lab(g.ch(PLACEHOLDER_NAMES.get(LANG[loc]) or PLACEHOLDER_NAMES['en']), 'name', 'plain', loc, False, kind='placeholder'),
                     e=Lab(g.ch(['you@example.com', 'name@example.org', 'jane.doe@example.com', 'vorname.nachname@example.de'.replace('.de', '.com')]), 'email', 'plain', None, False, kind='example_domain'),
                     p=g.phone_neg(g.ch(['en_US', 'en_GB', 'en_AU'])) or Lab('(555) 010-0000', 'phone', 'plain', 'en_US', False, kind='fictional_555'),
                     a=Lab(g.ch(FICT_ADDR), 'address', 'plain', None, False, kind='placeholder'),
                     c=Lab(g.ch(['1234 5678 9012 3456', 'XXXX XXXX XXXX XXXX', '0000 0000 0000 0000']), 'card', 'plain', None, False, kind='placeholder'))
        else:
            text = T('We use cookies. Session ID {s}. Build {v}. Privacy contact: {e}', s=g.secret_neg('uuid'), v=g.ip_neg('version') if g.chance(0.5) else 'v2.4.1', e=g.email_neg())
        jline(o, {'url': 'https://%s/%s' % (g.ch([dom, 'blog.' + dom, 'www.%s.%s' % (g.rs(8, string.ascii_lowercase), g.ch(['com', 'de', 'fr', 'net', 'jp']))]), g.rs(6, string.ascii_lowercase)),
                  'text': text, 'timestamp': '2023-%02d-%02dT%02d:%02d:%02dZ' % (g.r.randint(1, 12), g.r.randint(1, 28), g.r.randint(0, 23), g.r.randint(0, 59), g.r.randint(0, 59)),
                  'language': LANG[loc]}, ea=False)
    o.finish()


def iso_ts(g, year=2024):
    return '%d-%02d-%02dT%02d:%02d:%02d.%03dZ' % (year, g.r.randint(1, 12), g.r.randint(1, 28), g.r.randint(0, 23), g.r.randint(0, 59), g.r.randint(0, 59), g.r.randint(0, 999))


def f_applog():
    g = Gen('applog')
    o = Out('logs/app.jsonl', 'applog')
    for i in range(120):
        loc = g.ch(LOCS)
        p = g.person(loc)
        k = g.ch(['login', 'login', 'signup', 'payment', 'reset', 'profile', 'debug', 'health', 'validation', 'validation'])
        rec = {'ts': iso_ts(g), 'level': 'INFO', 'logger': k, 'request_id': g.secret_neg('uuid') if g.chance(0.35) else str(__import__('uuid').UUID(int=g.r.getrandbits(128), version=4))}
        if k == 'login':
            rec['msg'] = 'login succeeded' if g.chance(0.8) else 'login failed: bad password'
            rec['user'] = {'id': g.r.randint(1, 10 ** 6), 'email': g.email_p(p), 'ip': g.ip() if g.chance(0.8) else g.ip_neg()}
        elif k == 'signup':
            rec['msg'] = 'user created'
            rec['user'] = {'name': g.nlab(p), 'email': g.email_p(p), 'phone': g.phone(loc, 'e164'), 'birthdate': g.dob(loc, p['dob'], 'iso'), 'locale': loc}
        elif k == 'payment':
            rec['level'] = g.ch(['INFO', 'WARN'])
            rec['msg'] = T('charge declined for card {c}', c=g.card(loc=loc)) if g.chance(0.5) else T('payout to {ib} scheduled', ib=iban_for(g, loc, 'compact'))
            rec['customer'] = g.secret_neg('stripe_object_id')
        elif k == 'reset':
            rec['msg'] = T('password reset requested for {e} from {ip}', e=g.email_p(p), ip=g.ip())
        elif k == 'profile':
            rec['msg'] = 'profile updated'
            rec['changes'] = {'address': {'old': g.addr(loc), 'new': g.addr(loc)}} if g.chance(0.5) else {'phone': {'old': g.phone(loc), 'new': g.phone(loc)}}
            rec['actor'] = g.email_p(p)
        elif k == 'debug':
            rec['level'] = 'DEBUG'
            rec['msg'] = Rich(['outgoing request headers: {"Authorization": "Bearer ']) + [g.secret(g.ch(['openai', 'jwt', 'github_classic', 'huggingface', 'anthropic', 'stripe_live']))] + ['", "User-Agent": "python-requests/2.31.0"}']
        elif k == 'validation':
            rec['level'] = 'WARN'
            c = g.ch(['iban', 'card', 'phone', 'nid', 'email', 'nid'])
            if c == 'iban':
                bad = g.iban_neg(IBAN_CC.get(loc))
                rec['msg'] = T('rejected payout account: IBAN checksum mismatch ({v})', v=bad)
            elif c == 'card':
                rec['msg'] = T('card validation failed (luhn): {v}', v=g.onedigit(g.card('compact').value, 'luhn', 'card', 'compact', None))
            elif c == 'phone':
                rec['msg'] = T('phone number rejected by libphonenumber: {v}', v=g.phone_neg(loc) or g.phone_neg('en_GB'))
            elif c == 'email':
                rec['msg'] = T('signup blocked: disposable or reserved e-mail domain ({v})', v=g.email_neg())
            else:
                lab, idl = g.nid_neg(loc if NID[loc] else 'de_DE')
                rec['msg'] = T('KYC check failed: invalid {k} {v}', k=idl or 'id', v=lab or g.secret_neg('uuid'))
            rec['user'] = {'id': g.r.randint(1, 10 ** 6)}
        else:
            rec['msg'] = 'health check ok'
            rec['host'] = {'ip': g.ip_neg(), 'build': g.secret_neg('git_sha'), 'version': '3.%d.%d' % (g.r.randint(0, 20), g.r.randint(0, 99))}
        rec['trace_id'] = g.secret_neg('trace_id') if g.chance(0.2) else g.rs(32, HEX)
        jline(o, rec, ea=g.chance(0.7))
    o.finish()


UAS = ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.118 Safari/537.36',
       'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1',
       'python-requests/2.31.0', 'curl/8.5.0', 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
       'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'okhttp/4.12.0', 'HuggingFace-Datasets/2.19.0']


def f_nginx():
    g = Gen('nginx')
    o = Out('logs/nginx_access.log', 'nginx')
    mons = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
    q = lambda s: urllib.parse.quote(s, safe='')
    for i in range(150):
        ip = g.ip(0.15) if g.chance(0.8) else g.ip_neg()
        path = g.ch(['/', '/api/v1/health', '/static/app.js', '/api/v1/datasets?page=%d' % g.r.randint(1, 40), '/login', '/api/v1/users/%d' % g.r.randint(1, 99999)])
        if g.chance(0.2):
            loc = g.ch(LOCS)
            em = g.email(loc)
            path = Rich(['/api/v1/users/search?email=', em.enc(q), '&limit=20'])
        elif g.chance(0.05):
            path = Rich(['/unsubscribe?e=', g.email_neg().enc(q)])
        elif g.chance(0.06):
            path = Rich(['/api/v1/export?api_key=', g.secret(g.ch(['google_api', 'hex_key', 'datadog']))])
        elif g.chance(0.05):
            loc = g.ch(['en_US', 'en_GB', 'de_DE', 'fr_FR'])
            path = Rich(['/callback?phone=', g.phone(loc, 'e164').enc(q), '&verified=1'])
        ts = '%02d/%s/2024:%02d:%02d:%02d +0000' % (g.r.randint(1, 28), g.ch(mons), g.r.randint(0, 23), g.r.randint(0, 59), g.r.randint(0, 59))
        o.line(T('{ip} - - [{ts}] "{m} {p} HTTP/1.1" {st} {sz} "{ref}" "{ua}"', ip=ip, ts=ts, m=g.ch(['GET', 'GET', 'GET', 'POST']), p=path, st=str(g.ch([200, 200, 200, 304, 404, 401, 500])),
                 sz=str(g.r.randint(0, 90000)), ref=g.ch(['-', '-', 'https://www.google.com/', 'https://huggingface.co/']), ua=g.ch(UAS)))
    o.finish()


def f_syslog():
    g = Gen('syslog')
    o = Out('logs/syslog', 'syslog')
    mons = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
    for i in range(130):
        ts = '%s %2d %02d:%02d:%02d' % (g.ch(mons), g.r.randint(1, 28), g.r.randint(0, 23), g.r.randint(0, 59), g.r.randint(0, 59))
        host = g.ch(['gpu-node-03', 'gpu-node-07', 'bastion', 'labeling-vm', 'nas01'])
        k = g.ch(['ssh_ok', 'ssh_fail', 'dhcp', 'dhcp', 'nm', 'postfix', 'cron', 'kernel', 'sudo', 'arpwatch'])
        pid = g.r.randint(300, 60000)
        if k == 'ssh_ok':
            line = T('sshd[{pid}]: Accepted publickey for {u} from {ip} port {port} ssh2: ED25519 SHA256:{fp}', pid=str(pid), u=g.ch(['deploy', 'ubuntu', 'mlops', 'root']), ip=g.ip(0.25) if g.chance(0.7) else g.ip_neg(), port=str(g.r.randint(1024, 65535)), fp=g.rs(43, B64C))
        elif k == 'ssh_fail':
            line = T('sshd[{pid}]: Failed password for invalid user {u} from {ip} port {port} ssh2', pid=str(pid), u=g.ch(['admin', 'test', 'oracle', 'git', 'postgres']), ip=g.ip(0.1), port=str(g.r.randint(1024, 65535)))
        elif k == 'dhcp':
            line = T('dhcpd[{pid}]: DHCPACK on {ip} to {mac} ({h}) via eth0', pid=str(pid), ip=g.ip_neg() if g.chance(0.5) else Lab('10.20.%d.%d' % (g.r.randint(0, 255), g.r.randint(2, 254)), 'ip', 'v4', None, False, kind='private'), mac=g.mac(g.ch(['colon', 'colon', 'upper'])) if g.chance(0.75) else g.mac_neg(), h=g.ch(['iphone', 'raspberrypi', 'DESKTOP-' + g.rs(7, string.ascii_uppercase + string.digits), 'android-' + g.rs(16, HEX)]))
        elif k == 'nm':
            line = T('NetworkManager[{pid}]: <info>  [{t}] device (wlan0): carrier: link connected, hwaddr {mac}', pid=str(pid), t='%d.%04d' % (g.r.randint(1700000000, 1730000000), g.r.randint(0, 9999)), mac=g.mac())
        elif k == 'postfix':
            loc = g.ch(LOCS)
            line = T('postfix/smtp[{pid}]: {q}: to=<{e}>, relay={rh}[{ip}]:25, delay=0.{d}, status=sent (250 2.0.0 OK)', pid=str(pid), q=g.rs(10, HEX.upper()), e=g.email(loc) if g.chance(0.85) else g.email_neg(), rh=g.ch(['gmail-smtp-in.l.google.com', 'mx1.mail.ovh.net', 'mx.yandex.ru']), ip=g.ip(0.3), d=g.digits(2))
        elif k == 'cron':
            line = T('CRON[{pid}]: (mlops) CMD (/opt/venv/bin/python /srv/jobs/sync.py --token {t})', pid=str(pid), t=g.secret(g.ch(['huggingface', 'github_classic', 'hex_key'])) if g.chance(0.5) else g.secret_neg(g.ch(['env_reference', 'placeholder'])))
        elif k == 'kernel':
            line = T('kernel: [{up}] eth0: renamed from veth{v}; IPv6 {ip}', up='%d.%06d' % (g.r.randint(10, 99999), g.r.randint(0, 999999)), v=g.rs(7, HEX), ip=g.ip_neg() if g.chance(0.5) else g.ip6())
        elif k == 'arpwatch':
            if g.chance(0.5):
                line = T('arpwatch[{pid}]: new station {ip} {mac} eth0', pid=str(pid), ip=Lab('192.168.%d.%d' % (g.r.randint(0, 9), g.r.randint(2, 254)), 'ip', 'v4', None, False, kind='private'), mac=g.mac('colon'))
            else:
                line = T('arpwatch[{pid}]: bogon 0.0.0.0 {mac} eth0', pid=str(pid), mac=g.mac_neg())
        else:
            line = T('sudo[{pid}]:   {u} : TTY=pts/0 ; PWD=/home/{u2} ; USER=root ; COMMAND=/usr/bin/mysql -uroot -p{pw}', pid=str(pid), u=g.ch(['alice', 'bob', 'mlops']), u2=g.ch(['alice', 'bob', 'mlops']), pw=g.secret('db_password') if g.chance(0.8) else g.secret_neg('placeholder'))
        o.line(ts + ' ' + host + ' ', line)
    o.finish()


def f_audit_csv():
    g = Gen('audit')
    o = Out('logs/audit_trail.csv', 'audit')
    cols = ['timestamp', 'actor_email', 'actor_ip', 'action', 'target', 'details']
    csv_row(o, cols)
    for i in range(90):
        loc = g.ch(LOCS)
        p = g.person(loc)
        act = g.ch(['user.update', 'user.export', 'dataset.download', 'key.create', 'user.delete', 'login'])
        if act == 'user.update':
            q = g.person(loc)
            det = g.ch([T('changed phone from {a} to {b}', a=g.phone(loc), b=g.phone(loc)), T('changed address to "{a}"', a=g.addr(loc)), T('set date_of_birth={d} for {n}', d=g.dlab(q, 'iso'), n=g.nlab(q))])
        elif act == 'key.create':
            det = T('created API key {k}', k=g.secret(g.ch(['openai', 'hex_key', 'stripe_live', 'github_fine']))) if g.chance(0.5) else T('created API key ending {k}', k=g.digits(4))
        elif act == 'user.delete':
            det = T('deleted account of {e} (GDPR request)', e=g.email(g.ch(LOCS)))
        elif act == 'dataset.download':
            det = T('downloaded s3://datasets/pii-eval/{f} sha256={h}', f=g.ch(['train.parquet', 'eval.jsonl.gz', 'labels.csv']), h=g.secret_neg('sha256'))
        else:
            det = ''
        csv_row(o, [iso_ts(g), g.email_p(p, company=g.ch(COMPANIES)[1]) if g.chance(0.8) else g.email_neg(), g.ip() if g.chance(0.75) else g.ip_neg(), act,
                    'user:%d' % g.r.randint(1, 99999), det], cols=cols)
    o.finish()


def f_errors():
    g = Gen('errors')
    o = Out('logs/errors.log', 'errors')
    for i in range(45):
        ts = iso_ts(g).replace('T', ' ').rstrip('Z')
        k = g.ch(['pg', 'mysql', 'redis', 'mongo', 'jdbc', 'http', 'placeholder', 'amqp'])
        pw = g.secret('db_password')
        host = g.ch(['db.internal', 'prod-db-1.cluster-%s.eu-west-1.rds.amazonaws.com' % g.rs(12, string.ascii_lowercase + string.digits), 'pg-primary', 'mysql.svc.cluster.local'])
        if k == 'pg':
            o.line(T('{ts} ERROR [worker] Traceback (most recent call last):\n  File "/app/etl/load.py", line 88, in <module>\n    engine = create_engine("postgresql+psycopg2://etl_user:{pw}@{h}:5432/warehouse")\nsqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at "{h}" ({ip}), port 5432 failed: FATAL:  password authentication failed for user "etl_user"', ts=ts, pw=pw, h=host, ip=g.ip_neg() if g.chance(0.6) else g.ip()))
        elif k == 'mysql':
            o.line(T('{ts} ERROR pymysql.err.OperationalError: (1045, "Access denied for user \'root\'@\'{ip}\' (using password: YES)")\n  url=mysql://root:{pw}@{h}:3306/shop', ts=ts, ip=g.ip() if g.chance(0.5) else g.ip_neg(), pw=pw, h=host))
        elif k == 'redis':
            o.line(T('{ts} WARN redis.exceptions.AuthenticationError: invalid username-password pair (REDIS_URL=redis://:{pw}@{h}:6379/0)', ts=ts, pw=pw, h=host))
        elif k == 'mongo':
            o.line(T('{ts} ERROR pymongo.errors.ServerSelectionTimeoutError: mongodb+srv://svc-ingest:{pw}@cluster0.{c}.mongodb.net/?retryWrites=true timed out', ts=ts, pw=pw, c=g.rs(5, string.ascii_lowercase + string.digits)))
        elif k == 'jdbc':
            o.line(T('{ts} SEVERE com.zaxxer.hikari.pool.HikariPool - Exception during pool initialization.\njava.sql.SQLException: Access denied for user \'app\'@\'{ip}\'\n\tat com.mysql.cj.jdbc.exceptions.SQLError.createSQLException(SQLError.java:129)\n\tjdbcUrl=jdbc:mysql://{h}:3306/orders?user=app&password={pw}&useSSL=true', ts=ts, ip=g.ip_neg(), h=host, pw=pw))
        elif k == 'http':
            loc = g.ch(LOCS)
            o.line(T('{ts} ERROR requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://{u}:{pw}@registry.{d}/v2/_catalog', ts=ts, u=g.ch(['ci-bot', 'deploy', 'svc-ml']), pw=g.secret('db_password'), d=g.ch(COMPANIES)[1]))
        elif k == 'amqp':
            o.line(T('{ts} ERROR kombu.exceptions.OperationalError: [Errno 111] Connection refused (broker_url=amqp://celery:{pw}@rabbitmq:5672//)', ts=ts, pw=pw))
        else:
            o.line(T('{ts} ERROR could not connect: postgresql://{u}:{pw}@localhost:5432/{db} (is the server running?)', ts=ts, u=g.ch(['postgres', 'user', 'admin']),
                     pw=Lab(g.ch(['postgres', 'password', 'changeme', 'secret', 'admin']), 'secret', 'plain', None, False, kind='placeholder'), db=g.ch(['test', 'dev', 'postgres'])))
        if g.chance(0.3):
            p = g.person(g.ch(LOCS))
            o.line(Rich([ts + ' ERROR ValueError: could not parse row %d: {"name": "' % g.r.randint(2, 99999), g.nlab(p), '", "email": "', g.email_p(p), '", "dob": "', g.dlab(p, 'iso'), '"}']))
    o.finish()


def f_telemetry():
    g = Gen('telemetry')
    o = Out('logs/telemetry.jsonl.gz', 'telemetry')
    for i in range(90):
        rec = {'ts': iso_ts(g), 'device_id': g.secret_neg('uuid') if g.chance(0.3) else g.rs(16, HEX), 'model': g.ch(['RPi4', 'JetsonNano', 'Pixel8', 'iPhone15,2', 'ESP32-S3']),
               'fw': g.ip_neg('version') if g.chance(0.15) else '%d.%d.%d' % (g.r.randint(1, 5), g.r.randint(0, 30), g.r.randint(0, 99)),
               'net': {'mac': g.mac() if g.chance(0.7) else g.mac_neg(), 'ip': g.ip(0.3) if g.chance(0.7) else g.ip_neg(), 'ssid': g.ch(['HomeNet', 'eduroam', 'FRITZ!Box 7590 XY', 'Livebox-' + g.rs(4, HEX.upper())])},
               'bt_peer': g.mac('upper') if g.chance(0.2) else None, 'battery': round(g.r.random(), 2)}
        if g.chance(0.15):
            loc = g.ch(LOCS)
            rec['owner'] = g.email(loc)
        jline(o, rec, ea=True)
    o.finish()


def db_url(g, scheme=None):
    scheme = scheme or g.ch(['postgres', 'postgresql', 'mysql', 'mongodb+srv', 'redis', 'amqp'])
    pw = g.secret('db_password')
    host = g.ch(['db.internal', 'prod-db.%s.eu-central-1.rds.amazonaws.com' % g.rs(12, string.ascii_lowercase + string.digits), 'cluster0.%s.mongodb.net' % g.rs(5, string.ascii_lowercase + string.digits), 'redis-master'])
    user = g.ch(['app', 'etl', 'svc_ml', 'readonly', 'admin'])
    port = {'postgres': 5432, 'postgresql': 5432, 'mysql': 3306, 'redis': 6379, 'amqp': 5672}.get(scheme)
    if scheme == 'redis':
        return Rich(['redis://:', pw, '@%s:%d/0' % (host, port)])
    return Rich(['%s://%s:' % (scheme, user), pw, '@%s%s/%s' % (host, ':%d' % port if port else '', g.ch(['prod', 'warehouse', 'labels', 'app']))])


def env_line(g, sh, quote=''):
    return T('{k}={q}{v}{q}', k=g.ch(ENV_NAMES[sh]), q=quote, v=g.secret(sh))


def f_dotenv():
    g = Gen('dotenv')
    o = Out('code/.env.production', 'dotenv')
    o.line('# Production settings - DO NOT COMMIT (committed anyway)')
    o.line('NODE_ENV=production\nLOG_LEVEL=info\nPORT=8080')
    shapes = list(TOKEN_SHAPES)
    g.r.shuffle(shapes)
    for sh in shapes + g.r.sample(TOKEN_SHAPES, 12):
        o.line(env_line(g, sh, g.ch(['', '', '"', "'"])))
        if g.chance(0.25):
            o.line(T('# old: {k}={v}', k=g.ch(ENV_NAMES[sh]), v=g.secret_neg(g.ch(['placeholder', 'env_reference']))))
    o.line(T('DATABASE_URL={u}', u=db_url(g, 'postgresql')))
    o.line(T('MONGO_URI={u}', u=db_url(g, 'mongodb+srv')))
    o.line(T('REDIS_URL={u}', u=db_url(g, 'redis')))
    o.line(T('AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName={a};AccountKey={k};EndpointSuffix=core.windows.net', a='st' + g.rs(10, string.ascii_lowercase + string.digits), k=g.secret('azure_key')))
    o.line(T('AZURITE_CONNECTION_STRING=DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={k};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1', k=Lab('Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==', 'secret', 'plain', None, False, kind='documented_example')))
    o.line(T('STRIPE_PUBLISHABLE_KEY={k}', k=g.secret_neg('publishable_key')))
    o.line(T('AWS_ACCESS_KEY_ID_EXAMPLE={k}', k=Lab('AKIAIOSFODNN7EXAMPLE', 'secret', 'plain', None, False, kind='documented_example')))
    o.line(T('SUPPORT_EMAIL={e}\nADMIN_PHONE={p}', e=g.email('en_US', company=g.ch(COMPANIES)[1]), p=g.phone('en_US', 'e164')))
    o.line(T('BIND_ADDR={a}\nPUBLIC_IP={b}\nSENTRY_RELEASE={s}', a=g.ip_neg(g.ch(['unspec', 'loopback', 'private'])), b=g.ip4(), s=g.secret_neg('git_sha')))
    o.finish()


def b64(s):
    return base64.b64encode(s.encode()).decode()


def f_k8s():
    g = Gen('k8s')
    o = Out('code/k8s/secrets.yaml', 'k8s')
    for i in range(14):
        name = g.ch(['ml-api', 'label-studio', 'feature-store', 'airflow', 'vector-db', 'inference-gw']) + '-' + g.rs(4, string.ascii_lowercase)
        o.line('---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: %s-credentials\n  namespace: %s\ntype: Opaque' % (name, g.ch(['prod', 'ml', 'default'])))
        if g.chance(0.5):
            o.line('stringData:')
            for sh in g.r.sample(TOKEN_SHAPES, 3):
                o.line(T('  {k}: "{v}"', k=g.ch(ENV_NAMES[sh]), v=g.secret(sh)))
            o.line(T('  DATABASE_URL: "{u}"', u=db_url(g)))
        else:
            o.line('data:')
            for sh in g.r.sample(['password', 'db_password', 'hex_key', 'django_key', 'openai', 'huggingface', 'slack_bot', 'aws_secret'], 3):
                o.line(T('  {k}: {v}', k=g.ch(ENV_NAMES[sh]), v=g.secret(sh).enc(b64)))
            if g.chance(0.5):
                o.line(T('  username: {v}', v=b64(g.ch(['admin', 'postgres', 'svc-ml']))))
            if g.chance(0.4):
                o.line(T('  EXAMPLE_KEY: {v}', v=Lab('your-api-key-here', 'secret', 'plain', None, False, kind='placeholder').enc(b64)))
        o.line('---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s-config\ndata:' % name)
        o.line(T('  IMAGE: "ghcr.io/org/{n}@{d}"\n  GIT_SHA: "{s}"\n  CONTACT: "{e}"\n  CLUSTER_DNS: "{ip}"', n=name, d=g.secret_neg('docker_digest'), s=g.secret_neg('git_sha'), e=g.email_neg() if g.chance(0.5) else g.email('en_US', company=g.ch(COMPANIES)[1]), ip=g.ip_neg('private')))
    o.finish()


def f_compose():
    g = Gen('compose')
    o = Out('code/docker-compose.yml', 'compose')
    o.line('version: "3.9"\nservices:')
    o.line('  db:\n    image: postgres:16\n    environment:')
    o.line(T('      POSTGRES_USER: app\n      POSTGRES_PASSWORD: {p}\n      POSTGRES_DB: labels', p=g.secret('db_password')))
    o.line('  db-test:\n    image: postgres:16\n    environment:')
    o.line(T('      POSTGRES_PASSWORD: {p}', p=Lab('postgres', 'secret', 'plain', None, False, kind='placeholder')))
    for svc in ['api', 'worker', 'scheduler', 'notebook', 'labelstudio', 'grafana', 'minio']:
        o.line('  %s:\n    image: ghcr.io/org/%s:%s\n    environment:' % (svc, svc, g.ch(['latest', '1.4.2', 'sha-' + g.rs(7, HEX)])))
        for sh in g.r.sample(TOKEN_SHAPES, g.r.randint(2, 4)):
            if g.chance(0.3):
                o.line(T('      {k}: {v}', k=g.ch(ENV_NAMES[sh]), v=g.secret_neg('env_reference')))
            else:
                o.line(T('      - {k}={v}', k=g.ch(ENV_NAMES[sh]), v=g.secret(sh)) if g.chance(0.3) else T('      {k}: "{v}"', k=g.ch(ENV_NAMES[sh]), v=g.secret(sh)))
        o.line(T('      DATABASE_URL: "{u}"', u=db_url(g, g.ch(['postgres', 'mysql', 'redis']))))
        if svc == 'grafana':
            o.line(T('      GF_SECURITY_ADMIN_PASSWORD: "{p}"\n      GF_SMTP_FROM_ADDRESS: {e}', p=g.secret('password'), e=g.email('en_GB', company=g.ch(COMPANIES)[1])))
        if svc == 'minio':
            o.line(T('      MINIO_ROOT_USER: minioadmin\n      MINIO_ROOT_PASSWORD: {p}', p=Lab('minioadmin', 'secret', 'plain', None, False, kind='placeholder')))
        o.line('    ports:\n      - "%d:%d"' % ((g.r.randint(3000, 9000),) * 2))
    o.line(T('networks:\n  default:\n    ipam:\n      config:\n        - subnet: {sn}/16\n          gateway: {gw}', sn=Lab('172.28.0.0', 'ip', 'v4', None, False, kind='private'), gw=g.ip_neg('private')))
    o.finish()


def f_gha():
    g = Gen('gha')
    o = Out('code/.github/workflows/deploy.yml', 'gha')
    o.line('name: train-and-deploy\non:\n  push:\n    branches: [main]\njobs:')
    for j in range(8):
        o.line('  job%d:\n    runs-on: ubuntu-latest\n    env:' % j)
        for sh in g.r.sample(TOKEN_SHAPES, 3):
            if g.chance(0.55):
                o.line(T('      {k}: {v}', k=g.ch(ENV_NAMES[sh]), v=Lab('${{ secrets.%s }}' % g.ch(ENV_NAMES[sh]), 'secret', 'plain', None, False, kind='env_reference')))
            else:
                o.line(T('      {k}: {v}', k=g.ch(ENV_NAMES[sh]), v=g.secret(sh)))
        o.line('    steps:\n      - uses: actions/checkout@%s' % g.ch(['v4', 'b4ffde65f46336ab88eb53be808477a3936bae11']))
        k = g.ch(['docker', 'curl', 'twine', 'hf', 'slack'])
        if k == 'docker':
            o.line(T('      - run: echo "{p}" | docker login ghcr.io -u {u} --password-stdin', p=g.secret('github_classic'), u=g.ch(['ml-bot', 'ci-user'])))
        elif k == 'curl':
            o.line(T('      - run: curl -sf -H "Authorization: Bearer {t}" https://api.{d}/deploy', t=g.secret(g.ch(['jwt', 'digitalocean', 'databricks'])), d=g.ch(COMPANIES)[1]))
        elif k == 'twine':
            o.line(T('      - run: twine upload -u __token__ -p {t} dist/*', t=g.secret('pypi')))
        elif k == 'hf':
            o.line(T('      - run: huggingface-cli upload org/model ./out --token {t}', t=g.secret('huggingface') if g.chance(0.7) else g.secret_neg('placeholder')))
        else:
            o.line(Rich(['      - run: curl -X POST -d \'{"text":"deployed"}\' ', g.secret('slack_webhook')]))
        if g.chance(0.4):
            o.line(T('      - run: git config user.email "{e}" && git config user.name "{n}"', **dict(zip('ne', g.ne(g.ch(EN_LOCS))))))
    o.finish()


def f_gcp_sa():
    for rel, sec in [('code/credentials/service-account.json', 'gcp_sa')]:
        g = Gen(sec)
        o = Out(rel, 'gcpsa')
        proj = g.ch(['ml-platform', 'rag-prod', 'label-ops']) + '-' + g.digits(6)
        acct = g.ch(['trainer', 'firebase-adminsdk-' + g.rs(5, string.ascii_lowercase + string.digits), 'etl'])
        obj = {'type': 'service_account', 'project_id': proj, 'private_key_id': g.rs(40, HEX), 'private_key': Lab(g.pem('pkcs8') + '\n', 'secret', 'gcp_private_key', 'xx'),
               'client_email': Lab('%s@%s.iam.gserviceaccount.com' % (acct, proj), 'email', 'service_account', 'xx', validator='email'), 'client_id': g.digits(21), 'auth_uri': 'https://accounts.google.com/o/oauth2/auth',
               'token_uri': 'https://oauth2.googleapis.com/token', 'auth_provider_x509_cert_url': 'https://www.googleapis.com/oauth2/v1/certs',
               'client_x509_cert_url': 'https://www.googleapis.com/robot/v1/metadata/x509/%s%%40%s.iam.gserviceaccount.com' % (acct, proj), 'universe_domain': 'googleapis.com'}
        jwrite(o, obj, ea=True, indent=2)
        o.raw('\n')
        o.finish()


def fixture_people(g, n):
    out = []
    for _ in range(n):
        loc = g.ch(LOCS)
        p = g.person(loc)
        out.append((p, g.nlab(p), g.email_p(p), g.phone(loc, g.ch(['e164', 'intl'])), g.dob(loc, p['dob'], 'iso')))
    return out


def f_python_src():
    g = Gen('py_src')
    o = Out('code/settings.py', 'py')
    o.line('"""Service settings.  Contact the maintainer for access."""\nimport os\n')
    o.line(T('__author__ = "{n}"\n__email__ = "{e}"\n', **dict(zip('ne', g.ne('en_GB')))))
    o.line(T('SECRET_KEY = "{k}"', k=g.secret('django_key')))
    o.line('DEBUG = False\nALLOWED_HOSTS = ["api.example.com", "localhost"]\n')
    o.line(T('DATABASES = {{"default": {{"ENGINE": "django.db.backends.postgresql", "NAME": "labels", "USER": "app", "PASSWORD": "{pw}", "HOST": "{h}", "PORT": "5432"}}}}',
             pw=g.secret('db_password'), h=g.ip_neg('private')))
    for sh in g.r.sample(TOKEN_SHAPES, 14):
        var = g.ch(ENV_NAMES[sh])
        style = g.r.random()
        if style < 0.5:
            o.line(T('{k} = "{v}"', k=var, v=g.secret(sh)))
        elif style < 0.75:
            o.line(T('{k} = os.getenv("{k2}", "{v}")  # fallback for local runs', k=var, k2=var, v=g.secret(sh)))
        else:
            o.line(T('{k} = {v}', k=var, v=Lab('os.environ["%s"]' % var, 'secret', 'plain', None, False, kind='env_reference')))
    o.line(T('\nAWS_EXAMPLE = {{"aws_access_key_id": "{a}", "aws_secret_access_key": "{b}"}}  # from the AWS docs',
             a=Lab('AKIAIOSFODNN7EXAMPLE', 'secret', 'plain', None, False, kind='documented_example'), b=Lab('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'secret', 'plain', None, False, kind='documented_example')))
    o.line(T('EMAIL_HOST_PASSWORD = "{p}"\nSMTP_USER = "{e}"\n', p=g.secret('password'), e=g.email('en_US', company=g.ch(COMPANIES)[1])))
    o.line('\n# --- test fixtures (copied from a prod export, see ticket DATA-1841) ---\nTEST_USERS = [')
    for p, n, e, ph_, d in fixture_people(g, 14):
        o.line(T('    {{"name": "{n}", "email": "{e}", "phone": "{p}", "dob": "{d}"}},', n=n, e=e, p=ph_, d=d))
    o.line(T(']\nPLACEHOLDER_USER = {{"name": "{n}", "email": "{e}"}}', n=Lab('John Doe', 'name', 'plain', None, False, kind='placeholder'), e=Lab('john.doe@example.com', 'email', 'plain', None, False, kind='example_domain')))
    o.finish()


def f_js_src():
    g = Gen('js_src')
    o = Out('code/client.js', 'js')
    o.line("'use strict';\nconst axios = require('axios');\n")
    o.line(T('// Maintainer: {n} <{e}>', **dict(zip('ne', g.ne('en_US')))))
    o.line('const config = {')
    for sh in g.r.sample(TOKEN_SHAPES, 12):
        key = g.ch(ENV_NAMES[sh]).lower().replace('_', '')
        if g.chance(0.25):
            o.line(T("  {k}: process.env.{e} || '{v}',", k=key, e=g.ch(ENV_NAMES[sh]), v=g.secret(sh)))
        elif g.chance(0.15):
            o.line(T('  {k}: {v},', k=key, v=Lab('process.env.' + g.ch(ENV_NAMES[sh]), 'secret', 'plain', None, False, kind='env_reference')))
        else:
            o.line(T("  {k}: '{v}',", k=key, v=g.secret(sh)))
    o.line(T("  stripePublishable: '{k}',\n  firebaseAppId: '1:{d}:web:{h}',\n}};\n", k=g.secret_neg('publishable_key'), d=g.digits(12), h=g.rs(22, HEX)))
    o.line(T("const jwt = '{t}';\nconst demoJwt = '{d}'; // jwt.io example", t=g.secret('jwt'), d=Lab('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c', 'secret', 'plain', None, False, kind='documented_example')))
    o.line("\n// seed data for the demo tenant\nconst customers = [")
    for p, n, e, ph_, d in fixture_people(g, 12):
        o.line(T("  {{ name: '{n}', email: '{e}', phone: '{p}', birthDate: '{d}', card: '{c}' }},", n=n, e=e, p=ph_, d=d, c=g.card() if g.chance(0.6) else g.card_neg()))
    o.line('];\n')
    o.line(T("axios.defaults.headers.common['Authorization'] = `Bearer ${{config.openaiapikey}}`;\nconst integrity = '{i}';\nmodule.exports = {{ config, customers }};", i=g.secret_neg('integrity')))
    o.finish()


def f_go_src():
    g = Gen('go_src')
    o = Out('code/main.go', 'go')
    o.line('package main\n\nimport (\n\t"database/sql"\n\t"fmt"\n\t"net/http"\n\t"os"\n)\n')
    o.line('const (')
    for sh in g.r.sample(TOKEN_SHAPES, 12):
        o.line(T('\t{k} = "{v}"', k=''.join(w.capitalize() for w in g.ch(ENV_NAMES[sh]).lower().split('_')), v=g.secret(sh)))
    o.line(T('\tbuildCommit = "{s}"\n\tpublicKeyFingerprint = "{f}"\n)\n', s=g.secret_neg('git_sha'), f=g.secret_neg('sha256')))
    o.line(T('var dsn = "{u}"\n', u=Rich(['host=%s user=app password=' % g.ch(['db.internal', 'pg-primary']), g.secret('db_password'), ' dbname=orders sslmode=require'])))
    o.line(T('var privateKey = `{k}`\n', k=g.secret(g.ch(['pem_rsa', 'pem_ec', 'pem_openssh']))))
    o.line(T('var publicCert = `-----BEGIN CERTIFICATE-----\n{c}\n-----END CERTIFICATE-----`\n', c='\n'.join(g.rs(64, B64C) for _ in range(6))))
    o.line('func main() {\n\tdb, _ := sql.Open("postgres", dsn)\n\tdefer db.Close()')
    o.line(T('\treq, _ := http.NewRequest("GET", "https://{ip}:8443/metrics", nil)', ip=g.ip()))
    o.line(T('\treq.SetBasicAuth("admin", "{p}")', p=g.secret('password')))
    o.line(T('\tfmt.Println("listening on", "{a}")\n\t_ = os.Getenv("HOME")\n}}', a=g.ip_neg(g.ch(['unspec', 'loopback']))))
    o.line('\n// Test vectors\nvar testUsers = []struct{ Name, Email, Phone string }{')
    for p, n, e, ph_, d in fixture_people(g, 10):
        o.line(T('\t{{"{n}", "{e}", "{p}"}},', n=n, e=e, p=ph_))
    o.line(T('\t{{"{n}", "{e}", "{p}"}},\n}}', n=Lab(g.ch(PLACEHOLDER_NAMES['en']), 'name', 'plain', None, False, kind='placeholder'), e=g.email_neg(), p=g.phone_neg('en_US')))
    o.finish()


def f_java_src():
    g = Gen('java_src')
    o = Out('code/DbConfig.java', 'java')
    o.line(T('package com.{c}.ingest;\n\nimport java.util.Properties;\n\n/**\n * Database configuration.\n * @author {n} ({e})\n */\npublic final class DbConfig {{', c=g.ch(['northwind', 'kestrel', 'meridian']), **dict(zip('ne', g.ne(g.ch(LATIN_LOCS))))))
    for i in range(5):
        o.line(T('    static final String JDBC_URL_{i} = "jdbc:postgresql://{h}:5432/{db}?user={u}&password={pw}";', i=str(i), h=g.ch([Lab('10.0.3.12', 'ip', 'v4', None, False, kind='private'), 'db-%d.internal' % i, 'pg.%s' % g.ch(COMPANIES)[1]]), db=g.ch(['orders', 'labels', 'events']), u=g.ch(['etl', 'app']), pw=g.secret('db_password')))
    for sh in g.r.sample(TOKEN_SHAPES, 10):
        o.line(T('    private static final String {k} = "{v}";', k=g.ch(ENV_NAMES[sh]), v=g.secret(sh)))
    o.line(T('    private static final String AWS_KEY = "{a}";\n    private static final String AWS_SECRET = "{b}";', a=g.secret('aws_akid'), b=g.secret('aws_secret')))
    o.line(T('    private static final String PLACEHOLDER = "{p}";', p=g.secret_neg('placeholder')))
    o.line(T('    static final String TRACE = "{t}"; // request id, not a secret', t=g.secret_neg('uuid')))
    o.line('\n    public static Properties props() {\n        Properties p = new Properties();')
    o.line(T('        p.setProperty("mail.smtp.user", "{e}");\n        p.setProperty("mail.smtp.password", "{pw}");', e=g.email('de_DE', company=g.ch(COMPANIES)[1]), pw=g.secret('password')))
    o.line(T('        p.setProperty("support.phone", "{ph}");\n        p.setProperty("office.address", "{a}");\n        return p;\n    }}\n}}', ph=g.phone(g.ch(LOCS)), a=g.addr(g.ch(LATIN_LOCS))))
    o.finish()


def nb_cell_src(lines):
    """notebook source / text: list of strings, each ending in \\n except the last"""
    out = []
    for i, l in enumerate(lines):
        r = Rich(flat([l]))
        if i < len(lines) - 1:
            r.append('\n')
        out.append(r)
    return out


def f_notebook():
    g = Gen('notebook')
    o = Out('notebooks/eda.ipynb', 'ipynb')
    cells = []
    ec = [1]

    def code(src, outputs=None):
        cells.append({'cell_type': 'code', 'execution_count': ec[0], 'id': g.rs(8, HEX), 'metadata': {}, 'outputs': outputs or [], 'source': nb_cell_src(src)})
        ec[0] += 1

    def md(src):
        cells.append({'cell_type': 'markdown', 'id': g.rs(8, HEX), 'metadata': {}, 'source': nb_cell_src(src)})

    md(['# Customer churn - exploratory analysis', '', T('Owner: {n}. Data pulled from the prod replica on {d}.', n=g.name('en_GB'), d=g.event_date('en_GB'))])
    code(['!pip install -q pandas pyarrow openai', 'import pandas as pd, openai, os'])
    code([T('openai.api_key = "{k}"', k=g.secret('openai')), T('os.environ["HF_TOKEN"] = "{k}"', k=g.secret('huggingface')), T('# os.environ["WANDB_API_KEY"] = "{k}"', k=g.secret('hex_key'))])
    code([T('engine = "{u}"', u=db_url(g, 'postgresql')), 'df = pd.read_sql("select * from customers limit 5", engine)', 'df.head()'])
    for block in range(3):
        people = [g.person(g.ch(LOCS)) for _ in range(5)]
        head = '   customer_id                 name                           email            phone         dob'
        rows_txt = [head]
        rows = []
        for i, p in enumerate(people):
            n, e, phn, d = g.nlab(p), g.email_p(p), g.phone(p['loc'], 'e164'), g.dob(p['loc'], p['dob'], 'iso')
            rows.append((n, e, phn, d))
            rows_txt.append(T('{i}  {cid}  {n}  {e}  {p}  {d}', i=str(i), cid=str(g.r.randint(10000, 99999)), n=n, e=e, p=phn, d=d))
        html = ['<table border="1" class="dataframe">', '<thead><tr><th></th><th>name</th><th>email</th><th>phone</th><th>dob</th></tr></thead>', '<tbody>']
        for i, (n, e, phn, d) in enumerate(rows):
            html.append(T('<tr><th>{i}</th><td>{n}</td><td>{e}</td><td>{p}</td><td>{d}</td></tr>', i=str(i), n=same(n), e=same(e), p=same(phn), d=same(d)))
        html += ['</tbody>', '</table>']
        outputs = [{'data': {'text/html': nb_cell_src(html), 'text/plain': nb_cell_src(rows_txt)}, 'execution_count': ec[0], 'metadata': {}, 'output_type': 'execute_result'}]
        code(['df.sample(5, random_state=%d)[["name", "email", "phone", "dob"]]' % block], outputs)
    addrs = [g.addr(g.ch(LOCS)) for _ in range(8)]
    code(['df["address"].value_counts().head(8)'], [{'name': 'stdout', 'output_type': 'stream', 'text': nb_cell_src([T('{a}    {c}', a=a, c=str(g.r.randint(1, 4))) for a in addrs])}])
    ibans = [iban_for(g, g.ch(LOCS)) for _ in range(6)]
    code(['payouts[payouts.status == "failed"].iban.tolist()'], [{'data': {'text/plain': nb_cell_src([Rich(['['])] + [Rich([' \'', x, '\',' if i < 5 else '\']']) for i, x in enumerate(ibans)])}, 'execution_count': ec[0], 'metadata': {}, 'output_type': 'execute_result'}])
    code(['import hashlib', 'hashlib.sha256(open("train.parquet","rb").read()).hexdigest()'], [{'data': {'text/plain': nb_cell_src([Rich(["'", g.secret_neg('sha256'), "'"])])}, 'execution_count': ec[0], 'metadata': {}, 'output_type': 'execute_result'}])
    code(['import uuid; uuid.uuid4()'], [{'data': {'text/plain': nb_cell_src([Rich(["UUID('", g.secret_neg('uuid'), "')"])])}, 'execution_count': ec[0], 'metadata': {}, 'output_type': 'execute_result'}])
    code(['!curl -s ifconfig.me'], [{'name': 'stdout', 'output_type': 'stream', 'text': nb_cell_src([Rich([g.ip()])])}])
    md(['## Notes', T('* The {e} baseline underfits; try gradient boosting.', e=Lab(g.ch(EPONYMS), 'name', 'plain', None, False, kind='eponym')), T('* Ask {n} ({e}) for the 2023 labels.', **dict(zip('ne', g.ne('en_US', company=g.ch(COMPANIES)[1]))))])
    nb = {'cells': cells, 'metadata': {'kernelspec': {'display_name': 'Python 3 (ipykernel)', 'language': 'python', 'name': 'python3'},
                                       'language_info': {'name': 'python', 'version': '3.11.8'}}, 'nbformat': 4, 'nbformat_minor': 5}
    jwrite(o, nb, ea=False, indent=1)
    o.raw('\n')
    o.finish()


def f_bash_history():
    g = Gen('bash_history')
    o = Out('code/.bash_history', 'shhist')
    benign = ['ls -la', 'cd ~/projects/pii-eval', 'git status', 'nvidia-smi', 'htop', 'python train.py --config configs/base.yaml', 'tail -f logs/train.log',
              'pip install -U transformers datasets', 'conda activate ml', 'du -sh data/*', 'tmux attach -t train', 'make test', 'history | grep curl']
    for i in range(200):
        k = g.r.random()
        if k < 0.35:
            o.line(g.ch(benign))
            continue
        c = g.ch(['export', 'curl', 'mysql', 'ssh', 'gitclone', 'psql', 'aws', 'docker', 'hf', 'checkout', 'sha', 'ping', 'npmrc', 'echo_mail'])
        if c == 'export':
            sh = g.ch(TOKEN_SHAPES)
            q = "'" if sh in ('password', 'django_key', 'aws_secret') else ''
            o.line(T('export {k}={q}{v}{q}', k=g.ch(ENV_NAMES[sh]), q=q, v=g.secret(sh) if g.chance(0.85) else g.secret_neg('placeholder')))
        elif c == 'curl':
            o.line(T('curl -H "Authorization: Bearer {t}" https://api.{d}/v1/{p}', t=g.secret(g.ch(['openai', 'anthropic', 'jwt', 'github_fine', 'digitalocean', 'huggingface'])), d=g.ch(['openai.com', 'anthropic.com', 'github.com', 'digitalocean.com', 'huggingface.co']), p=g.ch(['models', 'user', 'account'])))
        elif c == 'mysql':
            o.line(T("mysql -u root -p'{pw}' -h {h} labels < dump.sql", pw=g.secret('db_password'), h=g.ip() if g.chance(0.4) else g.ip_neg('private')))
        elif c == 'ssh':
            o.line(T('ssh -i ~/.ssh/id_ed25519 {u}@{ip}', u=g.ch(['ubuntu', 'ec2-user', 'root', 'deploy']), ip=g.ip(0.2) if g.chance(0.7) else g.ip_neg()))
        elif c == 'gitclone':
            o.line(T('git clone https://{u}:{t}@github.com/{o}/{r}.git', u=g.ch(['oauth2', 'x-access-token', 'mlbot']), t=g.secret(g.ch(['github_classic', 'github_fine'])), o=g.ch(['acme-ml', 'data-team']), r=g.ch(['pii-eval', 'rag-corpus'])))
        elif c == 'psql':
            o.line(T('psql "{u}" -c "\\copy users to users.csv csv header"', u=db_url(g, 'postgresql')))
        elif c == 'aws':
            o.line(T('aws configure set aws_secret_access_key {s}', s=g.secret('aws_secret')) if g.chance(0.5) else T('aws configure set aws_access_key_id {s}', s=g.secret('aws_akid')))
        elif c == 'docker':
            o.line(T("docker login -u {u} -p '{p}' registry.{d}", u=g.ch(['ci', 'admin']), p=g.secret('password'), d=g.ch(COMPANIES)[1]))
        elif c == 'hf':
            o.line(T('huggingface-cli login --token {t}', t=g.secret('huggingface')))
        elif c == 'checkout':
            o.line(T('git checkout {s}', s=g.secret_neg('git_sha')))
        elif c == 'sha':
            o.line(T('echo "{s}  model.safetensors" | sha256sum -c', s=g.secret_neg('sha256')))
        elif c == 'ping':
            o.line(T('ping -c 3 {ip}', ip=g.ip() if g.chance(0.5) else g.ip_neg()))
        elif c == 'npmrc':
            o.line(T('echo "//registry.npmjs.org/:_authToken={t}" > ~/.npmrc', t=g.secret('npm')))
        else:
            loc = g.ch(LOCS)
            o.line(T('echo "ticket for {n} <{e}>, cb {p}" >> notes.txt', **dict(zip('ne', g.ne(loc))), p=g.phone(loc)))
    o.finish()


def sql_str(s):
    return s.replace('\\', '\\\\').replace("'", "\\'")


def f_sql():
    g = Gen('sql')
    o = Out('sql/users_dump.sql', 'sql')
    o.line('-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n-- Host: localhost    Database: shop\n-- ------------------------------------------------------\n')
    o.line('DROP TABLE IF EXISTS `users`;\nCREATE TABLE `users` (\n  `id` int NOT NULL AUTO_INCREMENT,\n  `full_name` varchar(255),\n  `email` varchar(255),\n  `phone` varchar(32),\n  `birth_date` date,\n  `address` text,\n  `national_id` varchar(32),\n  `created_at` datetime,\n  `password_hash` varchar(255),\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n')
    uid = 1
    for batch in range(3):
        o.raw('INSERT INTO `users` VALUES ')
        for j in range(13):
            loc = g.ch(LOCS)
            p = g.person(loc)
            if g.chance(0.1) and loc in EN_LOCS:
                p['last'] = g.ch(["O'Brien", "O'Neill", "D'Souza"])
                p['full'] = p['first'] + ' ' + p['last']
            nid = g.nid(loc, p)[0] if NID[loc] and g.chance(0.7) else None
            if nid is None and NID[loc] and g.chance(0.3):
                nid = g.nid_neg(loc)[0]
            created = Lab('20%02d-%02d-%02d %02d:%02d:%02d' % (g.r.randint(18, 24), g.r.randint(1, 12), g.r.randint(1, 28), g.r.randint(0, 23), g.r.randint(0, 59), g.r.randint(0, 59)), 'dob', 'datetime', loc, False, kind='timestamp') if g.chance(0.3) else '2023-05-0%d 12:00:00' % g.r.randint(1, 9)
            em = g.email_p(p) if g.chance(0.9) else g.email_neg()
            cells = [str(uid), g.nlab(p).enc(sql_str), em, g.phone(loc), g.dob(loc, p['dob'], 'iso'), g.addr(loc, multiline=g.chance(0.2)).enc(lambda s: sql_str(s).replace('\n', '\\n')), nid, created,
                     '$2b$12$' + g.rs(53, string.ascii_letters + string.digits + './')]
            o.raw('(' if j == 0 else ',(')
            for ci, c in enumerate(cells):
                if ci:
                    o.raw(',')
                if c is None:
                    o.raw('NULL')
                elif ci == 0:
                    o.raw(c)
                else:
                    o.raw("'")
                    o.w(c)
                    o.raw("'")
            o.raw(')')
            uid += 1
        o.raw(';\n')
    o.line('\nCREATE TABLE `payouts` (`id` int, `user_id` int, `iban` varchar(34), `card_last4` char(4), `created_at` datetime);')
    o.raw('INSERT INTO `payouts` VALUES ')
    for j in range(24):
        loc = g.ch(list(IBAN_CC))
        ib = g.iban(IBAN_CC[loc], 'compact') if g.chance(0.85) else g.iban_neg(IBAN_CC[loc])
        o.w('(' if j == 0 else ',(', str(j + 1), ',', str(g.r.randint(1, uid)), ",'", ib, "','", g.digits(4), "','2024-0%d-1%d 09:00:00')" % (g.r.randint(1, 9), g.r.randint(0, 9)))
    o.raw(';\n')
    o.finish()


def f_terraform():
    g = Gen('terraform')
    o = Out('infra/main.tf', 'tf')
    o.line(T('provider "aws" {{\n  region     = "eu-west-1"\n  access_key = "{a}"\n  secret_key = "{s}"\n}}\n', a=g.secret('aws_akid'), s=g.secret('aws_secret')))
    o.line(T('provider "github" {{\n  token = "{t}"\n  owner = "acme-ml"\n}}\n', t=g.secret('github_classic')))
    o.line(T('provider "digitalocean" {{\n  token = "{t}"\n}}\n', t=g.secret('digitalocean')))
    for i in range(6):
        o.line(T('resource "aws_db_instance" "db{i}" {{\n  engine         = "postgres"\n  instance_class = "db.t3.medium"\n  username       = "admin"\n  password       = "{pw}"\n}}\n', i=str(i), pw=g.secret('db_password') if g.chance(0.8) else Lab('var.db_password', 'secret', 'plain', None, False, kind='env_reference')))
    for i in range(8):
        o.line(T('resource "aws_security_group_rule" "allow_{i}" {{\n  type        = "ingress"\n  from_port   = 22\n  to_port     = 22\n  protocol    = "tcp"\n  cidr_blocks = ["{ip}/32"]\n  description = "ssh from {who}"\n}}\n', i=str(i), ip=g.ip4() if g.chance(0.7) else g.ip_neg(g.ch(['doc', 'private'])), who=g.ch(['office', 'vpn', 'home of on-call', 'bastion'])))
    o.line(T('resource "azurerm_storage_account" "sa" {{\n  name = "st{n}"\n}}\n\nlocals {{\n  storage_conn = "DefaultEndpointsProtocol=https;AccountName=st{n};AccountKey={k};EndpointSuffix=core.windows.net"\n  netmask      = "{m}"\n  ami          = "ami-{ami}"\n}}\n', n=g.rs(10, string.ascii_lowercase), k=g.secret('azure_key'), m=g.ip_neg('netmask'), ami=g.rs(17, HEX)))
    o.line(T('variable "alert_email" {{\n  default = "{e}"\n}}\nvariable "oncall_phone" {{\n  default = "{p}"\n}}\nvariable "example_key" {{\n  default = "{x}"\n}}\n', e=g.email('en_GB', company=g.ch(COMPANIES)[1]), p=g.phone('en_GB', 'e164'), x=g.secret_neg('placeholder')))
    o.line(T('resource "tls_private_key" "imported" {{\n  # imported from the old bastion\n  private_key_pem = <<EOT\n{k}\nEOT\n}}\n', k=g.secret('pem_rsa')))
    o.finish()


COMMENTS = ['prefers e-mail contact', 'VIP', 'moved abroad', 'asked to be called back on {phone}', 'new address: {addr}', 'wife {name} is the secondary contact',
            'complained about the {neg}', 'spouse born {dob}', 'refund to {iban}', 'paid with {card}', '', '', 'duplicate of user {uid}', 'contact via {email} only']


def comment_cell(g, loc, allow_neg=True):
    """A free-text comment with at most one labelled value."""
    tpl = g.ch(COMMENTS if allow_neg else [c for c in COMMENTS if '{neg}' not in c])
    p = g.person(loc)
    kw = {}
    for k in re.findall(r'\{(\w+)\}', tpl):
        kw[k] = {'phone': lambda: g.phone(loc), 'addr': lambda: g.addr(loc), 'name': lambda: g.nlab(p, 'first'), 'neg': lambda: Lab(g.ch(BRANDS), 'name', 'plain', None, False, kind='brand'),
                 'dob': lambda: g.dlab(p), 'iban': lambda: iban_for(g, loc), 'card': lambda: g.card(loc=loc), 'uid': lambda: str(g.r.randint(1000, 99999)), 'email': lambda: g.email_p(p)}[k]()
    return T(tpl, **kw)


def f_users_csv():
    g = Gen('users_csv')
    o = Out('tabular/users_features.csv', 'csvfeat')
    cols = ['user_id', 'full_name', 'email', 'phone', 'date_of_birth', 'street_address', 'national_id', 'id_type', 'country', 'signup_date', 'sessions_30d', 'churn_label', 'comment']
    csv_row(o, cols)
    for i in range(52):
        loc = LOCS[i % len(LOCS)]
        p = g.person(loc)
        nid, idl = g.nid(loc, p) if NID[loc] else (None, None)
        idt = idl or ''
        if nid is not None and g.chance(0.35):
            neg, nlabel = g.nid_neg(loc)
            if neg is not None:
                nid, idt = neg, nlabel
        em = g.email_p(p) if g.chance(0.85) else g.email_neg()
        phn = g.phone(loc, g.ch(['e164', 'intl', 'natl'])) if g.chance(0.8) else (g.phone_neg(loc) or '')
        name = g.nlab(p) if g.chance(0.92) else Lab(g.ch(PLACEHOLDER_NAMES.get(LANG[loc]) or ['John Doe']), 'name', 'plain', loc, False, kind='placeholder')
        adr = g.addr(loc) if g.chance(0.88) else addr_neg(g, place_ok=False)
        signup = g.event_date(loc, 'event_date', 'iso') if g.chance(0.3) else '2023-%02d-%02d' % (g.r.randint(1, 12), g.r.randint(1, 28))
        csv_row(o, [str(100000 + i), name, em, phn, g.dob(loc, p['dob'], g.ch(['iso', 'iso', None])), adr, nid or '', idt, REGION[loc], signup,
                    str(g.r.randint(0, 90)), str(g.r.randint(0, 1)), comment_cell(g, loc)], cols=cols)
    o.finish()


def f_annotations_tsv():
    g = Gen('annotations')
    o = Out('tabular/annotations.tsv', 'tsvlabels')
    cols = ['example_id', 'text', 'intent', 'annotator', 'annotator_email', 'agreement']
    csv_row(o, cols, delim='\t')
    for i in range(70):
        loc = g.ch(LOCS)
        p = g.person(loc)
        if g.chance(0.8):
            key = g.r.sample(['name', 'born', 'addr', 'phone', 'email', 'iban', 'nid', 'card', 'order', 'neg', 'typo', 'neg'], k=g.r.randint(1, 2))
            txt, _ = user_turn(g, p, key)
        else:
            txt = Rich([g.ch(['where is my parcel??', 'cancel my subscription pls', 'the app crashes on login', 'how do I export my data'])])
        ann = g.person(g.ch(EN_LOCS))
        csv_row(o, ['ex-%05d' % i, txt, g.ch(['update_contact', 'refund', 'complaint', 'account_info', 'other']), g.nlab(ann) if g.chance(0.6) else 'worker_' + g.digits(4),
                    g.email_p(ann, company='labelers.' + g.ch(COMPANIES)[1]) if g.chance(0.5) else '', '%.2f' % g.r.random()], delim='\t', cols=cols)
    o.finish()


def f_customers_parquet():
    g = Gen('customers_pq')
    rows = []
    for i in range(64):
        loc = g.ch(LOCS)
        p = g.person(loc)
        nid = g.nid(loc, p)[0] if NID[loc] else None
        if nid is not None and g.chance(0.3):
            nid = g.nid_neg(loc)[0]
        rows.append({'customer_id': 5000 + i, 'name': g.nlab(p) if g.chance(0.9) else Lab(g.ch(PLACEHOLDER_NAMES.get(LANG[loc]) or ['John Doe']), 'name', 'plain', loc, False, kind='placeholder'),
                     'email': g.email_p(p) if g.chance(0.82) else g.email_neg(), 'phone': g.phone(loc) if g.chance(0.8) else g.phone_neg(loc),
                     'birth_date': g.dob(loc, p['dob'], 'iso'), 'address': g.addr(loc) if g.chance(0.88) else addr_neg(g, place_ok=False), 'national_id': nid,
                     'iban': iban_for(g, loc, 'compact') if g.chance(0.55) else (g.iban_neg() if g.chance(0.6) else None),
                     'last_order_date': g.event_date(loc, 'event_date', 'iso') if g.chance(0.4) else None, 'ltv': round(g.r.random() * 4000, 2),
                     'notes': comment_cell(g, loc), 'locale': loc})
    schema = pa.schema([('customer_id', pa.int64()), ('name', pa.string()), ('email', pa.string()), ('phone', pa.string()), ('birth_date', pa.string()), ('address', pa.string()),
                        ('national_id', pa.string()), ('iban', pa.string()), ('last_order_date', pa.string()), ('ltv', pa.float64()), ('notes', pa.string()), ('locale', pa.string())])
    write_parquet('tabular/customers.parquet', 'pqcust', schema, rows)


def f_churn_gz():
    g = Gen('churn_gz')
    o = Out('tabular/churn_train.csv.gz', 'csvgz')
    cols = ['uid', 'email', 'last_ip', 'device_mac', 'last_login', 'iban', 'plan', 'tenure_months', 'label']
    csv_row(o, cols)
    for i in range(65):
        loc = g.ch(LOCS)
        ip = g.ip(0.2) if g.chance(0.75) else g.ip_neg()
        csv_row(o, [g.rs(10, HEX), g.email(loc) if g.chance(0.85) else g.email_neg(), ip, g.mac() if g.chance(0.65) else g.mac_neg(),
                    g.event_date(loc, 'timestamp', 'iso') if g.chance(0.25) else '2024-%02d-%02d' % (g.r.randint(1, 12), g.r.randint(1, 28)),
                    iban_for(g, loc) if g.chance(0.4) else (g.iban_neg() if g.chance(0.25) else ''), g.ch(['free', 'pro', 'team']), str(g.r.randint(1, 60)), str(g.r.randint(0, 1))], cols=cols)
    o.finish()


def f_transactions():
    g = Gen('transactions')
    o = Out('tabular/transactions.csv', 'txn')
    cols = ['txn_id', 'timestamp', 'cardholder', 'card_number', 'merchant', 'amount', 'currency', 'customer_email', 'payout_iban']
    csv_row(o, cols)
    for i in range(70):
        loc = g.ch(LOCS)
        p = g.person(loc)
        card = g.card(loc=loc) if g.chance(0.55) else g.card_neg()
        merch = Lab(g.ch(BRANDS), 'name', 'plain', None, False, kind='brand') if g.chance(0.3) else g.ch(['AMZN Mktp', 'TESCO STORES 2231', 'UBER *TRIP', 'SPOTIFY', 'ALDI SUED', 'Carrefour Market', 'OpenAI *ChatGPT'])
        csv_row(o, ['tx_' + g.rs(16, string.ascii_lowercase + string.digits), iso_ts(g), g.nlab(p, g.ch(['full', 'upper'])), card, merch, '%.2f' % (g.r.random() * 300),
                    g.ch(['EUR', 'GBP', 'USD', 'SEK', 'PLN', 'JPY']), g.email_p(p) if g.chance(0.7) else '', iban_for(g, loc, 'compact') if g.chance(0.3) else (g.iban_neg() if g.chance(0.3) else '')], cols=cols)
    o.finish()


def f_rag_txt():
    f_txt_docs('rag/resumes.txt', 'cv', 'cv', [('cv', doc_cv)], 15)
    f_txt_docs('rag/obituaries_letters.txt', 'obit', 'obit', [('obituary', doc_obituary), ('letter', doc_letter)], 16)
    f_txt_docs('rag/invoices.txt', 'invoice', 'invoice', [('invoice', doc_invoice)], 15)
    f_txt_docs('rag/tenancy_agreements.txt', 'tenancy', 'tenancy', [('tenancy', doc_tenancy)], 9)
    f_txt_docs('rag/discharge_summaries.txt', 'medical', 'medical', [('discharge', doc_discharge)], 12)
    f_txt_docs('rag/incident_reports.txt', 'incident', 'incident', [('incident', doc_incident)], 12)
    f_txt_docs('rag/hr_letters.txt', 'hr', 'hr', [('hr_letter', doc_hr_letter)], 12)



DOC_IBANS = ['DE89 3704 0044 0532 0130 00', 'GB82 WEST 1234 5698 7654 32', 'FR14 2004 1010 0505 0001 3M02 606', 'NL91 ABNA 0417 1643 00',
             'ES91 2100 0418 4502 0005 1332', 'IT60 X054 2811 1010 0000 0123 456', 'DE89370400440532013000', 'GB82WEST12345698765432']
DOC_IDS = [('111222333', 'BSN'), ('44051401359', 'PESEL'), ('86095742719', 'Steuer-ID'), ('12345678Z', 'DNI'), ('123.456.789-09', 'CPF'),
           ('RSSMRA85T10A562S', 'codice fiscale'), ('2 55 08 14 168 025 38', 'NIR'), ('123-45-6789', 'SSN'), ('QQ 12 34 56 C', 'NINO')]


def DX(v, cat, kind='documented_example'):
    return Lab(v, cat, 'plain', None, False, kind=kind)


def f_readme():
    """API / library documentation as it lands in code datasets: full of example values."""
    g = Gen('readme')
    o = Out('code/README_api.md', 'readme')
    co, dom = g.ch(COMPANIES)
    o.line(T('# {co} Python SDK\n\nMaintainer: {n} <{e}>  ·  Security reports: {s}\n', co=co_lab(co), **dict(zip('ne', g.ne(g.ch(LATIN_LOCS)))), s=Lab('security@' + dom, 'email', 'role', 'xx', validator='email')))
    secs = ['auth', 'response', 'cards', 'iban', 'aws', 'network', 'changelog', 'env', 'mock', 'ids', 'mac', 'address', 'webhook', 'phone']
    for si in range(72):
        k = secs[si % len(secs)] if si < len(secs) else g.ch(secs)
        if k == 'auth':
            o.line(T('## Authentication\n\n```bash\ncurl https://api.{d}/v1/items \\\n  -H "Authorization: Bearer {k}"\n```\n\nKeys look like `{k2}`. Never commit a real key.\n',
                     d=dom, k=g.secret_neg('placeholder'), k2=DX(g.ch(['sk_live_' + 'x' * 24, 'sk-proj-...', 'ghp_' + 'X' * 36, 'hf_' + 'x' * 34]), 'secret', 'placeholder')))
        elif k == 'response':
            o.line(T('## Example response\n\n```json\n{{\n  "id": "{u}",\n  "name": "{n}",\n  "email": "{e}",\n  "phone": "{p}",\n  "created": "{c}",\n  "last_ip": "{ip}"\n}}\n```\n',
                     u=g.secret_neg('uuid'), n=DX(g.ch(PLACEHOLDER_NAMES['en']), 'name', 'placeholder'), e=g.email_neg(), p=Lab('+1 202-555-01%s' % g.digits(2), 'phone', 'plain', 'en_US', False, kind='fictional_555'),
                     c=g.event_date('en_US', 'timestamp', 'iso'), ip=g.ip_neg(g.ch(['doc', 'doc6']))))
        elif k == 'cards':
            rows = g.r.sample(TEST_CARDS, 4)
            o.line('## Testing payments\n\n| Card number | Result |\n|---|---|')
            for c in rows:
                o.line(T('| {c} | {r} |', c=DX(c, 'card', 'test_card'), r=g.ch(['succeeds', 'declined', 'requires 3-D Secure', 'insufficient funds'])))
            o.line(T('\nA number that fails the Luhn check, such as {c}, is rejected client-side.\n', c=g.onedigit(g.card('space').value, 'luhn', 'card', 'space', None)))
        elif k == 'iban':
            o.line(T('## Bank accounts\n\nPass the IBAN without spaces or grouped, e.g. `{a}` or `{b}`. A typo such as `{c}` fails the mod-97 check.\n',
                     a=DX(g.ch(DOC_IBANS), 'iban'), b=DX(g.ch(DOC_IBANS), 'iban'), c=g.iban_neg(g.ch(['DE', 'GB', 'FR', 'NL']))))
        elif k == 'aws':
            o.line(T('## Using S3\n\n```ini\n[default]\naws_access_key_id = {a}\naws_secret_access_key = {b}\n```\n',
                     a=DX('AKIAIOSFODNN7EXAMPLE', 'secret'), b=DX('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'secret')))
        elif k == 'network':
            o.line(T('## Networking\n\nThe server binds to `{a}` by default; inside Docker the gateway is `{b}`. In examples we use `{c}` and `{d}` (RFC 5737 / RFC 3849), netmask `{m}`.\n',
                     a=g.ip_neg('unspec'), b=g.ip_neg('private'), c=g.ip_neg('doc'), d=g.ip_neg('doc6'), m=g.ip_neg('netmask')))
        elif k == 'changelog':
            o.line(T('## Changelog\n\n### {v} ({d})\n- Fix tokenizer crash ({sha}). Thanks to {n} for the report!\n- Bump `pyarrow` to {v2}; lockfile integrity `{i}`.\n',
                     v='v%d.%d.%d' % (g.r.randint(0, 3), g.r.randint(0, 20), g.r.randint(0, 9)), d=g.event_date('en_US', 'event_date', 'iso'), sha=g.secret_neg('git_sha'),
                     n=g.name(g.ch(LOCS)), v2='%d.0.%d' % (g.r.randint(12, 26), g.r.randint(0, 3)), i=g.secret_neg('integrity')))
        elif k == 'env':
            o.line(T('## Configuration\n\n```dotenv\nOPENAI_API_KEY={a}\nDATABASE_URL=postgres://postgres:{pw}@localhost:5432/app\nSENTRY_DSN=\n```\n',
                     a=g.secret_neg('placeholder'), pw=DX(g.ch(['postgres', 'password', 'changeme']), 'secret', 'placeholder')))
        elif k == 'mock':
            lang = g.ch(['en', 'de', 'fr', 'it', 'pl', 'ja', 'zh', 'ru', 'nb', 'fi'])
            o.line(T('## Mock data\n\n`make_user(locale="{l}")` returns placeholders such as **{n}** living at {a}.\n', l=lang, n=DX(g.ch(PLACEHOLDER_NAMES[lang]), 'name', 'placeholder'),
                     a=DX(g.ch(FICT_ADDR), 'address', 'placeholder')))
        elif k == 'ids':
            v, lbl = g.ch(DOC_IDS)
            o.line(T('## Validating identifiers\n\n`validate("{l}", "{v}")` returns `True` for the official sample number; `validate("{l}", "{w}")` raises `InvalidChecksum`.\n',
                     l=lbl, v=DX(v, 'national_id'), w=g.nid_neg(g.ch(['de_DE', 'fr_FR', 'es_ES', 'it_IT', 'nl_NL', 'pl_PL', 'pt_BR', 'sv_SE', 'fi_FI']))[0]))
        elif k == 'mac':
            o.line(T('## Device allow-list\n\nAdd MACs in any notation: `{a}`, `{b}`. Broadcast `{c}` is ignored.\n', a=g.mac_neg(), b=DX('00:11:22:33:44:55', 'mac', 'placeholder'), c=DX('ff:ff:ff:ff:ff:ff', 'mac', 'broadcast')))
        elif k == 'address':
            o.line(T('## Address normalisation\n\n`normalize("{a}")` -> `{{"street": "..."}}`. Famous fictional addresses such as {b} are on the block-list, as are landmarks like {c}.\n',
                     a=DX(g.ch(FICT_ADDR), 'address', 'placeholder'), b=DX(g.ch(FICTIONAL_ADDR), 'address', 'fictional'), c=DX(g.ch(PLACE_STREETS), 'address', 'street_as_place')))
        elif k == 'webhook':
            o.line(T('## Webhooks\n\nWe sign payloads with HMAC-SHA256; verify `X-Signature: {h}` against your signing secret (`{p}`).\n',
                     h=g.secret_neg('sha256'), p=g.secret_neg(g.ch(['placeholder', 'env_reference']))))
        else:
            o.line(T('## Phone numbers\n\nStore E.164. UK drama numbers like {a} and US {b} are rejected as fictional; {c} is too short.\n',
                     a=Lab(g.ch(['07700 900%s', '020 7946 0%s']) % g.digits(3), 'phone', 'plain', 'en_GB', False, kind='ofcom_drama'),
                     b=Lab('(212) 555-01%s' % g.digits(2), 'phone', 'plain', 'en_US', False, kind='fictional_555'), c=g.phone_neg('de_DE') or Lab('+49 30 1', 'phone', 'plain', 'de_DE', False, kind='invalid_onedigit')))
    o.finish()

# ==================================================================== main
BUILDERS = [f_support, f_assist_utf8, f_sharegpt, f_sharegpt_ml, f_alpaca, f_dpo, f_extract_eval, f_hf_chat,
            f_chunks, f_mbox, f_meeting_notes, f_classifieds, f_forum, f_crawl, f_rag_txt,
            f_applog, f_nginx, f_syslog, f_audit_csv, f_errors, f_telemetry,
            f_dotenv, f_k8s, f_compose, f_gha, f_gcp_sa, f_readme, f_python_src, f_js_src, f_go_src, f_java_src, f_notebook, f_bash_history, f_sql, f_terraform,
            f_users_csv, f_annotations_tsv, f_customers_parquet, f_churn_gz, f_transactions]


def verify():
    by_file = collections.defaultdict(list)
    for l in LABELS:
        by_file[l['file']].append(l)
    errors = []
    for rel, ls in by_file.items():
        path = os.path.join(OUTDIR, rel)
        if rel.endswith('.parquet'):
            tab = pq.read_table(path).to_pylist()
            seen = set()
            for l in ls:
                key = (l['row'], l['column'])
                if key in seen:
                    errors.append('dup parquet cell %s %s' % (rel, key))
                seen.add(key)
                row = tab[l['row']]
                if '.' in l['column']:
                    a, b = l['column'].split('.', 1)
                    cells = [el.get(b) or '' for el in (row.get(a) or [])]
                else:
                    cells = [row.get(l['column']) or '']
                if not any(l['value'] in c for c in cells):
                    errors.append('parquet value not in cell %s %s %r' % (rel, key, l['value']))
            continue
        data = open(path, 'rb').read()
        if rel.endswith('.gz'):
            data = gzip.decompress(data)
        spans = sorted((l['span'][0], l['span'][1], l['value']) for l in ls)
        for (a, b, v), (c, d, w) in zip(spans, spans[1:]):
            if c < b:
                errors.append('overlap in %s: %r / %r' % (rel, v, w))
        for l in ls:
            s, e = l['span']
            if data[s:e] != l['value'].encode('utf-8'):
                errors.append('span mismatch %s %s %r != %r' % (rel, l['span'], data[s:e][:60], l['value'][:60]))
            if data.count(b'\n', 0, s) + 1 != l['line']:
                errors.append('line mismatch %s %s' % (rel, l['span']))
    for l in LABELS:
        v = l.get('decoded', l['value'])
        c, kind = l['category'], l.get('kind')
        if l['positive']:
            ok = True
            if c in ('national_id', 'iban'):
                ok = validator_ok(l['validator'], v)
            elif c == 'card':
                ok = luhn_ok(v)
            elif c == 'phone':
                ok = phone_ok(v, l['locale'])
            elif c == 'email':
                ok = email_ok(v)
            elif c == 'ip':
                ok = ip_public(v)
            elif c == 'mac':
                ok = mac_ok(v)
            elif c == 'name':
                ok = v not in PLACEHOLDER_NAMES_ALL
            if not ok:
                errors.append('positive fails validation: %s %s %r' % (l['file'], c, v))
        else:
            bad = False
            if kind and kind.startswith('onedigit_') or kind == 'invalid_ssn':
                bad = validator_ok(l['validator'], v)
            elif kind == 'invalid_onedigit':
                bad = phone_ok(v, l['locale'])
            elif c == 'email' and kind in ('example_domain', 'reserved_tld', 'localhost'):
                bad = email_ok(v)
            elif c == 'ip' and kind != 'version':
                bad = ip_public(v)
            elif c == 'mac':
                bad = mac_ok(v) and kind not in ('placeholder',)
            if bad:
                errors.append('negative passes its validator: %s %s %r' % (l['file'], kind, v))
    return errors


def main():
    os.makedirs(OUTDIR, exist_ok=True)
    for b in BUILDERS:
        b()
    LABELS.sort(key=lambda l: (l['file'], l['span'][0] if l['span'] else -1, l.get('row') or 0, l.get('column') or ''))
    with open(os.path.join(OUTDIR, 'labels.jsonl'), 'w', encoding='utf-8') as fh:
        for l in LABELS:
            fh.write(json.dumps(l, ensure_ascii=False, sort_keys=False) + '\n')
    errs = verify()
    cats = ['name', 'dob', 'address', 'national_id', 'phone', 'email', 'iban', 'card', 'secret', 'ip', 'mac']
    if not ARGS.quiet or errs:
        pf = collections.Counter((l['file'], l['positive']) for l in LABELS)
        print('%-44s %6s %6s %9s' % ('file', 'pos', 'neg', 'bytes'))
        for rel in sorted(set(FILES)):
            print('%-44s %6d %6d %9d' % (rel, pf[(rel, True)], pf[(rel, False)], os.path.getsize(os.path.join(OUTDIR, rel))))
        pc = collections.Counter((l['category'], l['positive']) for l in LABELS)
        print('\n%-12s %6s %6s' % ('category', 'pos', 'neg'))
        for c in cats:
            print('%-12s %6d %6d' % (c, pc[(c, True)], pc[(c, False)]))
        print('%-12s %6d %6d   (%d files, %d labels, %d forms)' % ('TOTAL', sum(l['positive'] for l in LABELS), sum(not l['positive'] for l in LABELS), len(set(FILES)), len(LABELS), len({l['form'] for l in LABELS})))
    if errs:
        for e in errs[:50]:
            print('VERIFY ERROR:', e)
        print('%d verification errors' % len(errs))
        sys.exit(1)
    if not ARGS.quiet:
        print('verification OK')


main()
