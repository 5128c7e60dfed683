#!/usr/bin/env python3
"""blind12: "tabular and record data whose headers do not say what a column holds" -- a held-out, labelled
evaluation set for a PII / secrets scanner.  Personal data sits in table cells, records and key-value pairs
under headers that are missing, generic (col1, f01, V1, x_3, field_12, attr_a9, Unnamed: 0), abbreviated (fnm,
dob_dt, ph1, pstcd, eml, nid), written in another language or script (Vorname, Date de naissance, 氏名, 身份证号,
생년월일, ФИО, الاسم, जन्म तिथि) or misleading (`notes` holding e-mails, `phone` holding order numbers); the
scanner has to go by the content.

Usage:  python blind12_gen.py --seed N --out DIR [--quiet]
        (run it with the data venv, /root/.cache/mlsec/data-venv/bin/python: needs faker, python-stdnum,
        phonenumbers, pyarrow and zstandard; no network; runs in a few seconds)

Writes 50 files (~475 KB) plus DIR/labels.jsonl: about 5,300 positives and 2,100 hard negatives per seed in 20
locales (en_US en_GB en_AU en_IN hi_IN de_DE fr_FR es_ES es_MX it_IT nl_NL pl_PL pt_BR sv_SE tr_TR ja_JP zh_CN
ko_KR ru_RU ar_SA).
  csv/     headerless CSV and TSV (first row is data), generic headers (col1..colN, f01.., R's V1.., x_1..,
           pandas `Unnamed: 0`, field_12 / attr_a9), abbreviated headers (fnm lnm nm_full dob_dt ph1 tel_no
           addr_ln1 pstcd eml ssn_no nid), headers in Spanish, Japanese (cp932), Chinese, Korean, Russian,
           Arabic and Hindi, misleading headers, a gzipped headerless archive (.csv.gz), opaque payment,
           device, order, identifier and store-location tables full of hard negatives, a ticket table with
           credentials pasted into cells
  sheets/  spreadsheet exports: a cp1252 German export with preamble rows, semicolons, decimal commas, CRLF
           and a totals row; a UTF-8-BOM French export with a two-row header; a multi-section Polish / Swedish /
           Turkish report with title rows, blank rows and subtotals; an Excel "Unicode text" UTF-16LE TSV
  kv/      `field,value` records, an entity-attribute-value table (attr named `email`, `geburtsdatum` or
           opaque `a17`), a wide contact table (contact_1..contact_5, phone_home / phone_work), a transposed
           table (one record per column), a settings export with API keys, tokens and private keys in cells
  fixed/   fixed-width mainframe records: a customer master and a typed H/D/T register
  html/ xml/  HTML tables with letter headers and with German / French headers; XML with <r><c1>..</c1></r>
           elements and with attribute rows
  json/    pandas orients (split, columns, index, values), JSON Lines with generic keys (k1, v, data.f3) and a
           zstd-compressed event log (.jsonl.zst)
  yaml/ sql/  a YAML list of records; INSERT INTO t VALUES (...) dumps without column lists (standard '' and
           MySQL \\' escaping)
  parquet/ a flat table with generic column names and a table with struct / list columns (one label per cell)

Deterministic: every random choice comes from random.Random("<seed>:<section>"), Faker instances are re-seeded per
section from the same string (no Faker date provider is used, so the clock is never read), gzip is written with
mtime 0 and no file name, zstd single-threaded at a fixed level with the content size, Parquet with fixed options,
and the script re-executes itself with PYTHONHASHSEED=0: output is byte-identical per seed.  At the end every
file is re-read from disk (decompressed, decoded from its encoding) and the script asserts that each label's
bytes sit at its span (Parquet: that the value is in its cell), that the decoded value is what the escaping
gives, that no two labels of a file overlap, that every checksum / phone / e-mail / IP / MAC positive passes its
oracle (python-stdnum, phonenumbers.is_valid_number, Luhn, ipaddress) and that every one-digit-off,
digit-dropped or invalid-prefix negative FAILS its validator; then it prints counts per file and per category.  Shares no code with blind1-11.

Label schema (what blind4_score.py reads), one JSON object per line of labels.jsonl: file, value (the exact bytes
at the span, UTF-8), category (name dob address national_id phone email iban card secret ip mac), form (positives
<category>_<shape>_<locale>_<filetag>, negatives <category>_neg_<filetag>_<kind>), positive, span ([start, end)
byte offsets into the decompressed file; null for Parquet), line (1-based; null for Parquet), row / column
(Parquet only: 0-based row, dotted column path without list levels; at most one label per cell), validator (stdnum
module, 'gb.nino_rules', 'luhn', 'iban', 'phonenumbers', 'email', 'ipaddress', 'mac'; on a one-digit negative the
one it fails), decoded (the plain value where the written bytes differ: CSV quote doubling, JSON \\uXXXX escapes,
XML / HTML entities, SQL quote escapes), kind (negatives: why), locale, region (phones: the region the number is
valid in), where (CSV column header, or the 0-based field index "3" in a headerless file; JSON key path; XML
element / attribute; Parquet column path), encoding (files that are not UTF-8: cp1252, cp932, utf-16-le; spans
then count bytes of the text decoded and re-encoded as UTF-8, BOM dropped).  A UTF-8 file with a BOM has no
encoding field: its spans count the raw bytes, BOM included.  Only a share of the most frequent negative kinds
(company names, lone city names, event dates / timestamps) is labelled; the rest stay in the files, unscored.

LABELLING POLICY (blind11's, applied to tables):
  * name -- a specific person's name in a cell: given + family (any order, all caps, "SAUNDERS, Harriet", CJK
    without a space, Russian ФИО with patronymic, katakana furigana readings).  Where given and family names
    sit in separate cells, each cell is a name (shapes given / family).  Negatives: company names (also "Farmer,
    Smith and Griffin" firms), product names, placeholder persons (John Doe, Max Mustermann, Joe Bloggs, Mario
    Rossi, Jan Kowalski, 山田太郎, 张三, 홍길동, Иван Иванов ...).  No public or historical figures are used.
  * dob -- a full date labelled as a birth date only where the file's layout tells a human reader it is one: a
    header that means birth date in any language (Geburtsdatum, Date de naissance, 生年月日, 出生日期, 생년월일,
    Дата рождения, जन्म तिथि, تاريخ الميلاد, dob_dt ...) or a key-value / EAV key (fecha_nac, geburtsdatum).  Dates
    in opaque columns (x_10, a09, f2, bdt, headerless, Parquet p.g) are NOT labelled either way; dates in columns whose header or
    form makes them event dates (joined, order date, ISO timestamps with a time of day) are negatives.
  * address -- a full postal address in one cell is one span (shape full); where an address is split across
    columns, the street-with-house-number cell is a positive (shape street); a postcode cell alone is not
    labelled; a city alone and a street name without a number are negatives, as are placeholder addresses
    (123 Main Street, Anytown; Musterstraße 1, 12345 Musterstadt) and the coordinates of company sites.
  * phone -- numbers phonenumbers.is_valid_number() accepts for the region, in national / international / E.164
    form, with dots, 00 prefix or no separators at all.  Negatives: fictional ranges (NANP 555-01xx, Ofcom 07700
    900xxx / 020 7946 0xxx, ACMA 0491 570 xxx, ARCEP 06 39 98 xx xx) even where phonenumbers accepts them, one
    digit dropped (invalid), order / invoice numbers of phone-like length (also in a column named `phone`),
    long amounts.
  * email -- any valid address at a real-looking domain.  Negatives: example.com/.org/.net, *.example, .test,
    .invalid and localhost addresses, also in a column named `email`.
  * national_id / iban / card -- values that pass their validator (python-stdnum module, gb.nino_rules, iban,
    luhn on a real issuer prefix); ids embed the person's birth date and sex where the format does.
    Negatives: the same with one digit changed so the validator FAILS (kind one_digit_off; US SSN, UK NINO and
    Indian PAN carry no check digit, so they get a prefix their rules forbid: kind invalid_prefix), SKU codes,
    company registration numbers, documented example IBANs (DE89 3704 0044 0532 0130 00 ...), processor test
    cards (4111 1111 1111 1111 ...).
  * secret -- API keys and tokens (AWS, GitHub, GitLab, Slack, Stripe, Google, SendGrid, Twilio, npm, OpenAI, JWT) and
    PEM / OpenSSH private keys pasted into a cell (the whole block, multi-line or with literal \\n, is one
    span).  Negatives: hashes (md5 / sha1 / sha256 hex), UUIDs, documented example keys (AKIAIOSFODNN7EXAMPLE),
    placeholders (YOUR_API_KEY).
  * ip -- public (global) IPv4 / IPv6 addresses.  Negatives: documentation ranges (192.0.2.x, 198.51.100.x,
    203.0.113.x, 2001:db8::/32), private and loopback addresses, four-part version strings.
  * mac -- MAC addresses with a real vendor prefix (colon, dash, Cisco dotted).  Negatives: broadcast, all-zero
    and the placeholder 00:11:22:33:44:55 / aa:bb:cc:dd:ee:ff.
"""
import os
import sys

if os.environ.get('PYTHONHASHSEED') != '0':
    os.environ['PYTHONHASHSEED'] = '0'
    os.execv(sys.executable, [sys.executable] + sys.argv)

import argparse  # noqa: E402
import bisect  # noqa: E402
import collections  # noqa: E402
import datetime  # noqa: E402
import gzip  # noqa: E402
import html  # noqa: E402
import importlib  # noqa: E402
import io  # noqa: E402
import ipaddress  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import unicodedata  # noqa: E402
import zlib  # noqa: E402

import phonenumbers  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
import zstandard  # noqa: E402
from faker import Faker  # noqa: E402
import stdnum.luhn  # noqa: E402
import stdnum.iban  # noqa: E402
import stdnum.verhoeff  # noqa: E402
import stdnum.us.ssn, stdnum.gb.nhs, stdnum.au.tfn, stdnum.in_.aadhaar, stdnum.in_.pan  # noqa: E402,E401
import stdnum.de.idnr, stdnum.fr.nir, stdnum.es.dni, stdnum.es.nie, stdnum.it.codicefiscale  # noqa: E402,E401
import stdnum.nl.bsn, stdnum.br.cpf, stdnum.br.cnpj, stdnum.pl.pesel, stdnum.se.personnummer  # noqa: E402,E401
import stdnum.tr.tckimlik, stdnum.ru.inn, stdnum.jp.in_, stdnum.cn.ric, stdnum.kr.rrn, stdnum.mx.curp  # noqa: E402,E401
from stdnum.iso7064 import mod_11_10  # noqa: E402

AP = argparse.ArgumentParser(description='blind12 generator')
AP.add_argument('--seed', type=int, required=True)
AP.add_argument('--out', required=True)
AP.add_argument('--quiet', action='store_true')
ARGS = AP.parse_args()
SEED = ARGS.seed

# =============================================================================================== label machinery
ONE_DIGIT_KINDS = ('one_digit_off', 'digit_dropped', 'invalid_prefix')


class V:
    """A labelled value: t is the plain text, m the label metadata."""
    __slots__ = ('t', 'm')

    def __init__(self, t, **m):
        self.t = t
        self.m = m


class M(list):
    """A cell made of several parts (str / V)."""


def P(cat, t, shape, loc, validator=None, region=None, **kw):
    return V(t, cat=cat, pos=True, shape=shape, loc=loc, validator=validator, region=region, **kw)


def N(cat, t, kind, loc=None, validator=None, **kw):
    return V(t, cat=cat, pos=False, kind=kind, loc=loc, validator=validator, **kw)


def plain(cell):
    if cell is None:
        return ''
    if isinstance(cell, V):
        return cell.t
    if isinstance(cell, M):
        return ''.join(plain(x) for x in cell)
    return str(cell)


class Out:
    def __init__(self):
        self.buf = []
        self.pos = 0
        self.labs = []

    def w(self, s):
        self.buf.append(s)
        self.pos += len(s.encode('utf-8'))

    def put(self, cell, esc, where, unesc):
        if cell is None:
            return
        for part in (cell if isinstance(cell, M) else [cell]):
            if isinstance(part, V):
                wr = esc(part.t)
                s = self.pos
                self.w(wr)
                self.labs.append((s, self.pos, wr, part, where, unesc))
            elif part is not None:
                self.w(esc(str(part)))

    def text(self):
        return ''.join(self.buf)


FILES = []     # dicts: rel, raw, labels, encoding, compress, parquet
ALL_LABELS = []


def mklabel(rel, v, wr, tag, span, line, where, encoding=None, unesc=None, row=None, column=None):
    m = v.m
    cat = m['cat']
    d = {'file': rel, 'value': wr, 'category': cat}
    if m['pos']:
        d['form'] = '%s_%s_%s_%s' % (cat, m['shape'], m.get('loc') or 'xx', tag)
    else:
        d['form'] = '%s_neg_%s_%s' % (cat, tag, m['kind'])
    d['positive'] = bool(m['pos'])
    d['span'] = span
    d['line'] = line
    if row is not None:
        d['row'] = row
        d['column'] = column
    d['validator'] = m.get('validator')
    if wr != v.t:
        d['decoded'] = v.t
    if not m['pos']:
        d['kind'] = m['kind']
    d['locale'] = m.get('loc')
    if m.get('region'):
        d['region'] = m['region']
    d['where'] = m.get('where') or where
    if encoding:
        d['encoding'] = encoding
    d['_unesc'] = unesc
    d['_plain'] = v.t
    return d


def emit_text(rel, out, tag, encoding=None, compress=None):
    text = out.text()
    u8 = text.encode('utf-8')
    nls = [mt.start() for mt in re.finditer(b'\n', u8)]
    labels = []
    for (s, e, wr, v, where, unesc) in out.labs:
        line = bisect.bisect_left(nls, s) + 1
        labels.append(mklabel(rel, v, wr, tag, [s, e], line, where, encoding, unesc))
    if encoding == 'utf-16-le':
        raw = b'\xff\xfe' + text.encode('utf-16-le')
    elif encoding:
        raw = text.encode(encoding)
    else:
        raw = u8
    if compress == 'gz':
        bio = io.BytesIO()
        with gzip.GzipFile(filename='', mode='wb', fileobj=bio, mtime=0, compresslevel=9) as gz:
            gz.write(raw)
        raw = bio.getvalue()
    elif compress == 'zst':
        raw = zstandard.ZstdCompressor(level=12, write_checksum=True, write_content_size=True, threads=0).compress(raw)
    FILES.append({'rel': rel, 'raw': raw, 'labels': labels, 'encoding': encoding, 'compress': compress})


def strip_pq(obj, row, path, labs):
    """Replace V by plain text in a nested Parquet value; record one label per (row, column path)."""
    if isinstance(obj, V):
        labs.append((row, path, obj))
        return int(obj.t) if obj.m.get('num') else obj.t
    if isinstance(obj, dict):
        return {k: strip_pq(x, row, (path + '.' + k) if path else k, labs) for k, x in obj.items()}
    if isinstance(obj, list):
        return [strip_pq(x, row, path, labs) for x in obj]
    return obj


def emit_parquet(rel, tag, columns, schema):
    """columns: dict name -> list of row values (may contain V, nested dicts / lists)."""
    labs = []
    arrays = []
    for name, vals in columns.items():
        arrays.append([strip_pq(v, i, name, labs) for i, v in enumerate(vals)])
    table = pa.Table.from_arrays([pa.array(a, type=schema.field(n).type) for n, a in zip(columns, arrays)], schema=schema)
    bio = io.BytesIO()
    pq.write_table(table, bio, compression='zstd', compression_level=5, use_dictionary=True, write_statistics=True,
                   row_group_size=10000, data_page_size=1 << 20, version='2.6')
    seen = set()
    labels = []
    for (row, path, v) in labs:
        assert (row, path) not in seen, (rel, row, path)
        seen.add((row, path))
        labels.append(mklabel(rel, v, v.t, tag, None, None, path, row=row, column=path))
    FILES.append({'rel': rel, 'raw': bio.getvalue(), 'labels': labels, 'encoding': None, 'compress': None, 'parquet': True})


# ============================================================================================== locale tables
LOCS = {
    'en_US': ('US', 'us.ssn', None, 'mdy/'), 'en_GB': ('GB', 'gb.nino_rules', 'GB', 'dmy/'),
    'en_AU': ('AU', 'au.tfn', None, 'dmy/'), 'en_IN': ('IN', 'in_.pan', None, 'dmy-'),
    'hi_IN': ('IN', 'in_.aadhaar', None, 'dmy/'), 'de_DE': ('DE', 'de.idnr', 'DE', 'dmy.'),
    'fr_FR': ('FR', 'fr.nir', 'FR', 'dmy/'), 'es_ES': ('ES', 'es.dni', 'ES', 'dmy/'),
    'es_MX': ('MX', 'mx.curp', None, 'dmy/'), 'it_IT': ('IT', 'it.codicefiscale', 'IT', 'dmy/'),
    'nl_NL': ('NL', 'nl.bsn', 'NL', 'dmy-'), 'pl_PL': ('PL', 'pl.pesel', 'PL', 'dmy.'),
    'pt_BR': ('BR', 'br.cpf', 'BR', 'dmy/'), 'sv_SE': ('SE', 'se.personnummer', 'SE', 'ymd-'),
    'tr_TR': ('TR', 'tr.tckimlik', 'TR', 'dmy.'), 'ja_JP': ('JP', 'jp.in_', None, 'ymd/'),
    'zh_CN': ('CN', 'cn.ric', None, 'ymd-'), 'ko_KR': ('KR', 'kr.rrn', None, 'ymd.'),
    'ru_RU': ('RU', 'ru.inn', None, 'dmy.'), 'ar_SA': ('SA', None, 'SA', 'dmy/'),
}

FREE_MAIL = {
    'en_US': ['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'aol.com', 'comcast.net'],
    'en_GB': ['gmail.com', 'btinternet.com', 'hotmail.co.uk', 'yahoo.co.uk', 'sky.com', 'outlook.com'],
    'en_AU': ['gmail.com', 'bigpond.com', 'optusnet.com.au', 'outlook.com', 'yahoo.com.au'],
    'en_IN': ['gmail.com', 'rediffmail.com', 'yahoo.co.in', 'outlook.com'],
    'hi_IN': ['gmail.com', 'rediffmail.com', 'yahoo.co.in'],
    'de_DE': ['web.de', 'gmx.de', 't-online.de', 'gmail.com', 'posteo.de', 'freenet.de'],
    'fr_FR': ['orange.fr', 'free.fr', 'laposte.net', 'gmail.com', 'sfr.fr', 'wanadoo.fr'],
    'es_ES': ['gmail.com', 'hotmail.es', 'yahoo.es', 'telefonica.net', 'outlook.es'],
    'es_MX': ['gmail.com', 'hotmail.com', 'prodigy.net.mx', 'yahoo.com.mx'],
    'it_IT': ['libero.it', 'virgilio.it', 'gmail.com', 'alice.it', 'tiscali.it'],
    'nl_NL': ['ziggo.nl', 'kpnmail.nl', 'gmail.com', 'hotmail.nl', 'xs4all.nl'],
    'pl_PL': ['wp.pl', 'onet.pl', 'o2.pl', 'interia.pl', 'gmail.com'],
    'pt_BR': ['uol.com.br', 'bol.com.br', 'gmail.com', 'terra.com.br', 'hotmail.com'],
    'sv_SE': ['telia.com', 'gmail.com', 'hotmail.se', 'bredband.net', 'spray.se'],
    'tr_TR': ['gmail.com', 'hotmail.com', 'yandex.com.tr', 'outlook.com.tr'],
    'ja_JP': ['yahoo.co.jp', 'docomo.ne.jp', 'gmail.com', 'ezweb.ne.jp', 'nifty.com'],
    'zh_CN': ['qq.com', '163.com', '126.com', 'sina.com', 'foxmail.com'],
    'ko_KR': ['naver.com', 'daum.net', 'hanmail.net', 'kakao.com', 'gmail.com'],
    'ru_RU': ['yandex.ru', 'mail.ru', 'rambler.ru', 'gmail.com', 'bk.ru', 'list.ru'],
    'ar_SA': ['gmail.com', 'hotmail.com', 'outlook.sa', 'yahoo.com'],
}
TLD = {'en_US': 'com', 'en_GB': 'co.uk', 'en_AU': 'com.au', 'en_IN': 'in', 'hi_IN': 'in', 'de_DE': 'de', 'fr_FR': 'fr',
       'es_ES': 'es', 'es_MX': 'com.mx', 'it_IT': 'it', 'nl_NL': 'nl', 'pl_PL': 'pl', 'pt_BR': 'com.br', 'sv_SE': 'se',
       'tr_TR': 'com.tr', 'ja_JP': 'co.jp', 'zh_CN': 'cn', 'ko_KR': 'co.kr', 'ru_RU': 'ru', 'ar_SA': 'sa'}
DOMAIN_STEMS = ['nordwerk', 'kestrel-logistics', 'bluefjord', 'alpenbau', 'verdant-labs', 'quillon', 'marisol-group',
                'tecnoval', 'oakridge-dental', 'praxis-lindner', 'studio-aurora', 'harbourline', 'koval-tech',
                'riverstone-legal', 'sunpeak', 'cobaltica', 'meridian-care', 'fenwick-partners', 'orbis-it', 'tallgrass']
LATIN_HANDLES = ['sunny', 'tiger', 'moonlight', 'bluesky', 'star', 'dragon', 'lucky', 'happy', 'coffee', 'panda',
                 'river', 'cloud', 'maple', 'ocean', 'falcon', 'cherry', 'pixel', 'lotus', 'amber', 'nova']
PLACEHOLDER_PERSONS = {
    'en_US': ['John Doe', 'Jane Doe', 'John Q. Public', 'Richard Roe'], 'en_GB': ['Joe Bloggs', 'Fred Bloggs', 'John Smith'],
    'en_AU': ['Joe Bloggs', 'John Citizen', 'Jane Citizen'], 'en_IN': ['Ram Kumar', 'John Doe'], 'hi_IN': ['राम कुमार'],
    'de_DE': ['Max Mustermann', 'Erika Mustermann', 'Otto Normalverbraucher'], 'fr_FR': ['Jean Dupont', 'Marie Dupont'],
    'es_ES': ['Fulano de Tal', 'Juan Pérez', 'Mengano de Tal'], 'es_MX': ['Fulano de Tal', 'Juan Pérez'],
    'it_IT': ['Mario Rossi', 'Maria Rossi'], 'nl_NL': ['Jan Jansen', 'Jan Modaal'], 'pl_PL': ['Jan Kowalski', 'Anna Nowak'],
    'pt_BR': ['Fulano da Silva', 'Fulano de Tal', 'João da Silva'], 'sv_SE': ['Sven Svensson', 'Anders Andersson'],
    'tr_TR': ['Ali Veli', 'Ahmet Yılmaz'], 'ja_JP': ['山田太郎', '山田花子', '鈴木一郎'], 'zh_CN': ['张三', '李四', '王五'],
    'ko_KR': ['홍길동', '김철수', '이영희'], 'ru_RU': ['Иван Иванов', 'Иванов Иван Иванович', 'Пётр Петров'],
    'ar_SA': ['فلان الفلاني', 'فلان بن فلان'],
}
ALL_PLACEHOLDERS = {x for v in PLACEHOLDER_PERSONS.values() for x in v}
BANNED_NAME_PARTS = {'Washington', 'Lincoln', 'Jefferson', 'Kennedy', 'Obama', 'Trump', 'Biden', 'Clinton', 'Bush', 'Reagan',
                     'Nixon', 'Merkel', 'Scholz', 'Kohl', 'Macron', 'Chirac', 'Putin', 'Medvedev', 'Einstein', 'Newton',
                     'Darwin', 'Churchill', 'Thatcher', 'Gandhi', 'Nehru', 'Modi', 'Mandela', 'Bonaparte', 'Napoleon',
                     'Hitler', 'Stalin', 'Lenin', 'Mao', 'Shakespeare', 'Beethoven', 'Mozart', 'Picasso', 'Goethe',
                     'بن لادن', 'Erdoğan', 'Atatürk', 'Gates', 'Musk', 'Bezos', 'Zuckerberg', 'Jobs', 'Ленин', 'Сталин',
                     'Путин', '毛', '习'}
# full names that belong to well-known people (Faker can combine common CJK / Russian names into one); never used as positives
FAMOUS_FULL = {'刘欢', '王菲', '李娜', '刘翔', '姚明', '成龙', '周杰伦', '李白', '杜甫', '孔子', '王力宏', '张艺谋', '章子怡', '马云', '李彦宏',
               '孙中山', '毛泽东', '邓小平', '习近平', '李小龙', '鲁迅', '巩俐', '范冰冰', '赵薇', '郎朗', '李宁', '王楠', '张怡宁', '田中角栄',
               '安倍晋三', '村上春樹', '宮崎駿', '北野武', '鈴木一郎', '大谷翔平', '羽生結弦', '坂本龍馬', '織田信長', '徳川家康', '김연아', '박지성',
               '이승만', '박정희', '김정은', '김일성', '문재인', '윤석열', '이재명', '손흥민', '김대중', '노무현', '이명박', '박근혜', '세종'}
PRODUCTS = ['Kobalt X2 Bohrhammer', 'Lumio Nachtlicht', 'Vela 3 Pro Headset', 'Nordlicht Duo Mühle', 'Aqualine 500 Filter',
            'Trekstar 28 Rucksack', 'Cirrus Air Purifier', 'Brisa Ventilador 40', 'Panetto Forno 20L', 'Sakura 電気ケトル',
            'Orbit Smart Plug', 'Quantix USB-C Dock', 'Helios LED Panel 60', 'Fjäll Vinterjacka', 'Kaska Rowerowa Pro',
            'Cosy Sofa Throw', 'Maestro Espresso 2', 'Polar Cooler Bag', 'Zephyr Desk Fan', 'Alba Duvet King',
            'Atlas Yoga Mat', 'Vortex Blender 900', 'Ember Mug 2', 'Terra Planter Set', 'Solis Lamp Mini',
            'Nimbus Pillow', 'Granite Pan 28cm', 'Echo Buds Lite', 'Pico Projector S', 'Drift Kayak Paddle']
STREET_ONLY = {
    'de_DE': ['Hauptstraße', 'Bahnhofstraße', 'Schillerstraße', 'Lindenweg', 'Am Markt', 'Gartenstraße'],
    'fr_FR': ['rue de la République', 'avenue Jean Jaurès', 'boulevard Victor Hugo', 'place de la Gare'],
    'en_GB': ['High Street', 'Station Road', 'Church Lane', 'Victoria Road', 'Mill Lane'],
    'en_US': ['Main Street', 'Oak Avenue', 'Maple Drive', 'Elm Street', 'Park Avenue'],
    'nl_NL': ['Kerkstraat', 'Dorpsstraat', 'Molenweg', 'Stationsweg', 'Schoolstraat'],
    'es_ES': ['Calle Mayor', 'Avenida de la Constitución', 'Calle Real', 'Plaza de España'],
    'it_IT': ['Via Roma', 'Corso Garibaldi', 'Via Dante', 'Piazza della Repubblica'],
    'pl_PL': ['ul. Kościuszki', 'ul. Mickiewicza', 'ul. Polna', 'ul. Lipowa'],
    'sv_SE': ['Storgatan', 'Kyrkogatan', 'Drottninggatan', 'Skolgatan'],
}
PLACEHOLDER_ADDR = ['123 Main Street, Anytown, USA 12345', 'Musterstraße 1, 12345 Musterstadt', '1 Example Road, Sampletown AB1 2CD',
                    'Calle Falsa 123, 00000 Springfield', 'Musterweg 12, 12345 Musterhausen', '42 Any Street, Anytown NSW 2000',
                    'Via Esempio 1, 00100 Roma']
TEST_CARDS = ['4111 1111 1111 1111', '4242424242424242', '5555 5555 5555 4444', '378282246310005', '6011111111111117',
              '4000 0566 5566 5556', '5105105105105100', '3530111333300000', '4012888888881881']
EXAMPLE_IBANS = ['DE89 3704 0044 0532 0130 00', 'GB82 WEST 1234 5698 7654 32', 'FR14 2004 1010 0505 0001 3M02 606',
                 'NL91ABNA0417164300', 'ES91 2100 0418 4502 0005 1332', 'IT60 X054 2811 1010 0000 0123 456']
OUIS = ['3C:22:FB', 'A4:83:E7', 'F0:18:98', '00:1B:63', 'DC:A6:32', 'B8:27:EB', '00:50:56', '00:0C:29', '3C:5A:B4',
        'F4:F5:D8', '98:DA:C4', '50:C7:BF', 'C0:25:E9', '00:1A:11', 'AC:DE:48', '70:4F:57', '00:E0:4C', '8C:85:90',
        '28:CF:E9', 'E4:5F:01', '00:25:90', '18:E8:29', '44:D9:E7', 'B4:FB:E4', '00:17:88']

TR_ADDR = (['Moda', 'Caferağa', 'Bostancı', 'Kızılay', 'Alsancak', 'Bahçelievler', 'Esentepe', 'Göztepe'],
           ['Atatürk Caddesi', 'İnönü Sokak', 'Cumhuriyet Caddesi', 'Bağdat Caddesi', 'Gazi Bulvarı', 'Menekşe Sokak',
            'Lale Sokak', 'Çamlık Sokak', 'Papatya Sokak'],
           [('Kadıköy', 'İstanbul', '34710'), ('Çankaya', 'Ankara', '06690'), ('Konak', 'İzmir', '35250'),
            ('Nilüfer', 'Bursa', '16110'), ('Muratpaşa', 'Antalya', '07100'), ('Şişli', 'İstanbul', '34394'),
            ('Tepebaşı', 'Eskişehir', '26130')])
SA_ADDR = (['شارع الملك فهد', 'شارع العليا', 'طريق الملك عبدالعزيز', 'شارع التحلية', 'شارع الأمير سلطان', 'شارع الستين'],
           ['حي العليا', 'حي النخيل', 'حي الروضة', 'حي السلامة', 'حي الملز', 'حي الشاطئ', 'حي الفيصلية'],
           [('الرياض', '12211'), ('جدة', '23435'), ('الدمام', '32241'), ('مكة المكرمة', '24231'), ('المدينة المنورة', '42311'),
            ('الخبر', '34428'), ('الطائف', '26513')])
HI_ADDR = (['महात्मा गांधी मार्ग', 'नेहरू रोड', 'स्टेशन रोड', 'सुभाष मार्ग', 'तिलक मार्ग', 'गोखले मार्ग'],
           ['शास्त्री नगर', 'मालवीय नगर', 'राजेंद्र नगर', 'अशोक विहार', 'गांधी नगर'],
           [('जयपुर', '302001'), ('लखनऊ', '226001'), ('भोपाल', '462001'), ('पटना', '800001'), ('वाराणसी', '221001'),
            ('इंदौर', '452001'), ('कानपुर', '208001')])
IN_ADDR = (['MG Road', 'Linking Road', 'Park Street', 'Anna Salai', 'Brigade Road', 'FC Road', 'Residency Road', 'Hill Road'],
           ['Indiranagar', 'Bandra West', 'Koramangala', 'T. Nagar', 'Salt Lake', 'Banjara Hills', 'Deccan Gymkhana'],
           [('Bengaluru', '560038'), ('Mumbai', '400050'), ('Chennai', '600017'), ('Pune', '411004'), ('Kolkata', '700091'),
            ('Hyderabad', '500034'), ('Kochi', '682016')])
CN_AREAS = ['110101', '110105', '110108', '310104', '310115', '440103', '440106', '440305', '320102', '330106', '510107',
            '420106', '610113', '370202', '210102', '500103', '350203', '430104']


# ================================================================================================= section rng
FAKERS = {}


class Sec:
    def __init__(self, name):
        self.name = name
        self.r = random.Random('%d:%s' % (SEED, name))
        self.seeded = set()

    def fk(self, loc):
        if loc not in FAKERS:
            FAKERS[loc] = Faker(loc)
        f = FAKERS[loc]
        if loc not in self.seeded:
            f.seed_instance('%d:%s:%s' % (SEED, self.name, loc))
            self.seeded.add(loc)
        return f

    def digits(self, n, first='0123456789'):
        r = self.r
        return r.choice(first) + ''.join(r.choice('0123456789') for _ in range(n - 1))

    def chance(self, p):
        return self.r.random() < p


def fold(s):
    for a, b in (('ß', 'ss'), ('ł', 'l'), ('Ł', 'L'), ('ı', 'i'), ('İ', 'I'), ('ø', 'o'), ('Ø', 'O'), ('æ', 'ae'),
                 ('đ', 'd'), ('œ', 'oe')):
        s = s.replace(a, b)
    s = unicodedata.normalize('NFKD', s)
    return ''.join(c for c in s if ord(c) < 128)


# ================================================================================================ identifiers
def fmt_date(d, style):
    y, m, dd = d.year, d.month, d.day
    return {
        'mdy/': '%02d/%02d/%04d' % (m, dd, y), 'dmy/': '%02d/%02d/%04d' % (dd, m, y), 'dmy.': '%02d.%02d.%04d' % (dd, m, y),
        'dmy-': '%02d-%02d-%04d' % (dd, m, y), 'ymd-': '%04d-%02d-%02d' % (y, m, dd), 'ymd/': '%04d/%02d/%02d' % (y, m, dd),
        'ymd.': '%04d.%02d.%02d' % (y, m, dd), 'ymdc': '%d年%d月%d日' % (y, m, dd), 'ymdk': '%d년 %d월 %d일' % (y, m, dd),
        'ymd': '%04d%02d%02d' % (y, m, dd), 'wareki': wareki(d), 'dmy.s': '%d.%d.%04d' % (dd, m, y),
        'dMy': '%d %s %04d' % (dd, ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1], y),
    }[style]


def wareki(d):
    if d >= datetime.date(1989, 1, 8):
        era, y0 = '平成', 1988
    else:
        era, y0 = '昭和', 1925
    n = d.year - y0
    return '%s%s年%d月%d日' % (era, '元' if n == 1 else str(n), d.month, d.day)


def rand_date(r, y0, y1):
    a = datetime.date(y0, 1, 1).toordinal()
    b = datetime.date(y1, 12, 28).toordinal()
    return datetime.date.fromordinal(r.randint(a, b))


def nino_ok(v):
    c = re.sub(r'\s', '', v).upper()
    mt = re.fullmatch(r'([A-Z])([A-Z])(\d{6})([A-D])', c)
    if not mt:
        return False
    a, b = mt.group(1), mt.group(2)
    if a in 'DFIQUV' or b in 'DFIQUVO' or a + b in ('BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'):
        return False
    return True


def cf_part(s, is_name):
    s = re.sub('[^A-Z]', '', fold(s).upper())
    cons = [c for c in s if c not in 'AEIOU']
    vow = [c for c in s if c in 'AEIOU']
    if is_name and len(cons) >= 4:
        cons = [cons[0], cons[2], cons[3]]
    return (''.join(cons + vow) + 'XXX')[:3]


def curp_for(S, p):
    r = S.r
    fam = [re.sub('[^A-Z]', '', fold(x).upper()) for x in p['family'].split()]
    pat, mat = fam[0], (fam[1] if len(fam) > 1 else 'X')
    giv = re.sub('[^A-Z]', '', fold(p['given'].split()[0]).upper())
    vow = next((c for c in pat[1:] if c in 'AEIOU'), 'X')
    cons = lambda s: next((c for c in s[1:] if c not in 'AEIOU'), 'X')  # noqa: E731
    d = p['dob']
    for _ in range(50):
        head = pat[0] + vow + mat[0] + giv[0]
        body = head + '%02d%02d%02d' % (d.year % 100, d.month, d.day) + ('H' if p['sex'] == 'M' else 'M') + \
            r.choice(['DF', 'JC', 'NL', 'MC', 'PL', 'GT', 'VZ', 'YN']) + cons(pat) + cons(mat) + cons(giv) + \
            (r.choice('0123456789') if d.year < 2000 else r.choice('ABCD'))
        v = body + stdnum.mx.curp.calc_check_digit(body + '0')
        if stdnum.mx.curp.is_valid(v):
            return v
        vow = r.choice('AEIOU')
    raise RuntimeError('curp')


def make_nid(S, p, validator=None):
    """The compact national identifier for person p (embeds dob / sex where the format does)."""
    r = S.r
    v = validator or p['nidv']
    d, sex = p['dob'], p['sex']
    for _ in range(2000):
        if v == 'us.ssn':
            a = r.randint(1, 899)
            c = '%03d%02d%04d' % (a, r.randint(1, 99), r.randint(1, 9999))
        elif v == 'gb.nino_rules':
            c = r.choice('ABCEGHJKLMNPRSTWXYZ') + r.choice('ABCEGHJKLMNPRSTWXYZ') + S.digits(6) + r.choice('ABCD')
            if not nino_ok(c):
                continue
            return c
        elif v == 'gb.nhs':
            c9 = S.digits(9, '4679')
            s = sum(int(x) * w for x, w in zip(c9, range(10, 1, -1)))
            ck = 11 - s % 11
            if ck == 10:
                continue
            c = c9 + str(0 if ck == 11 else ck)
        elif v == 'au.tfn':
            c8 = S.digits(8, '123456789')
            s = sum(int(x) * w for x, w in zip(c8, (1, 4, 3, 7, 5, 8, 6, 9)))
            ck = (-s * 10) % 11
            if ck == 10:
                continue
            c = c8 + str(ck)
        elif v == 'in_.aadhaar':
            c11 = S.digits(11, '23456789')
            c = c11 + stdnum.verhoeff.calc_check_digit(c11)
        elif v == 'in_.pan':
            fam = re.sub('[^A-Z]', '', fold(p.get('family', 'K')).upper()) or 'K'
            c = ''.join(r.choice('ABCDEFGHJKLMNPQRSTUVWXYZ') for _ in range(3)) + 'P' + fam[0] + '%04d' % r.randint(1, 9999) + \
                r.choice('ABCDEFGHJKLMNPQRSTUVWXYZ')
        elif v == 'de.idnr':
            c10 = S.digits(10, '123456789')
            c = c10 + mod_11_10.calc_check_digit(c10)
        elif v == 'fr.nir':
            dep = r.choice(['%02d' % i for i in range(1, 96) if i != 20])
            c13 = ('1' if sex == 'M' else '2') + '%02d%02d' % (d.year % 100, d.month) + dep + '%03d' % r.randint(1, 899) + \
                '%03d' % r.randint(1, 999)
            c = c13 + stdnum.fr.nir.calc_check_digits(c13)
        elif v == 'es.dni':
            c8 = '%08d' % r.randint(1000000, 79999999)
            c = c8 + stdnum.es.dni.calc_check_digit(c8)
        elif v == 'es.nie':
            c8 = r.choice('XYZ') + S.digits(7)
            c = c8 + stdnum.es.nie.calc_check_digit(c8)
        elif v == 'mx.curp':
            return curp_for(S, p)
        elif v == 'it.codicefiscale':
            body = cf_part(p['family'], False) + cf_part(p['given'], True) + '%02d' % (d.year % 100) + 'ABCDEHLMPRST'[d.month - 1] + \
                '%02d' % (d.day + (40 if sex == 'F' else 0)) + r.choice(['H501', 'F205', 'L219', 'F839', 'A944', 'D612', 'G273', 'L736', 'C351'])
            c = body + stdnum.it.codicefiscale.calc_check_digit(body)
        elif v == 'nl.bsn':
            c8 = S.digits(8, '123456789')
            s = sum(int(x) * w for x, w in zip(c8, range(9, 1, -1)))
            ck = s % 11
            if ck > 9:
                continue
            c = c8 + str(ck)
        elif v == 'br.cpf':
            c9 = S.digits(9)
            c = c9 + stdnum.br.cpf._calc_check_digits(c9)
        elif v == 'pl.pesel':
            mm = d.month + (20 if d.year >= 2000 else 0)
            c9 = '%02d%02d%02d' % (d.year % 100, mm, d.day) + S.digits(3) + r.choice('13579' if sex == 'M' else '02468')
            c = c9 + stdnum.pl.pesel.calc_check_digit(c9)
        elif v == 'se.personnummer':
            c9 = '%02d%02d%02d' % (d.year % 100, d.month, d.day) + S.digits(2) + r.choice('13579' if sex == 'M' else '02468')
            c = c9 + stdnum.luhn.calc_check_digit(c9)
            c = c[:6] + '-' + c[6:]
        elif v == 'tr.tckimlik':
            c9 = S.digits(9, '123456789')
            c = c9 + stdnum.tr.tckimlik.calc_check_digits(c9)
        elif v == 'ru.inn':
            c10 = r.choice(['77', '78', '50', '66', '16', '23', '54', '02', '52', '63']) + S.digits(8)
            c = c10 + stdnum.ru.inn.calc_personal_check_digits(c10)
        elif v == 'jp.in_':
            c11 = S.digits(11, '123456789')
            c = c11 + stdnum.jp.in_.calc_check_digit(c11)
        elif v == 'cn.ric':
            c17 = r.choice(CN_AREAS) + '%04d%02d%02d' % (d.year, d.month, d.day) + S.digits(2) + r.choice('13579' if sex == 'M' else '02468')
            c = c17 + stdnum.cn.ric.calc_check_digit(c17 + '0')
        elif v == 'kr.rrn':
            s7 = ('1' if sex == 'M' else '2') if d.year < 2000 else ('3' if sex == 'M' else '4')
            c12 = '%02d%02d%02d' % (d.year % 100, d.month, d.day) + s7 + '%02d' % r.randint(0, 96) + S.digits(3)
            c = c12 + stdnum.kr.rrn.calc_check_digit(c12)
        else:
            raise ValueError(v)
        if importlib.import_module('stdnum.' + v).is_valid(c):
            return c
    raise RuntimeError('nid ' + v)


def fmt_nid(v, c, style):
    """Formatted national id; style 'std' or 'compact' (or a few specials)."""
    if style == 'compact':
        return c.replace('-', '') if v != 'se.personnummer' else c.replace('-', '')
    if v == 'us.ssn':
        return {'std': '%s-%s-%s', 'space': '%s %s %s'}[style] % (c[:3], c[3:5], c[5:])
    if v == 'gb.nino_rules':
        return '%s %s %s %s %s' % (c[:2], c[2:4], c[4:6], c[6:8], c[8])
    if v in ('gb.nhs',):
        return '%s %s %s' % (c[:3], c[3:6], c[6:])
    if v == 'au.tfn':
        return '%s %s %s' % (c[:3], c[3:6], c[6:])
    if v in ('in_.aadhaar', 'jp.in_'):
        return '%s %s %s' % (c[:4], c[4:8], c[8:])
    if v == 'de.idnr':
        return '%s %s %s %s' % (c[:2], c[2:5], c[5:8], c[8:])
    if v == 'fr.nir':
        return '%s %s %s %s %s %s %s' % (c[0], c[1:3], c[3:5], c[5:7], c[7:10], c[10:13], c[13:])
    if v == 'es.dni':
        return c[:8] + '-' + c[8]
    if v == 'nl.bsn':
        return '%s.%s.%s' % (c[:4], c[4:6], c[6:])
    if v == 'br.cpf':
        return '%s.%s.%s-%s' % (c[:3], c[3:6], c[6:9], c[9:])
    if v == 'se.personnummer':
        return c  # YYMMDD-NNNC
    if v == 'kr.rrn':
        return c[:6] + '-' + c[6:]
    return c


def one_digit_off(S, value, validator):
    """Change one digit of value so that validator fails."""
    r = S.r
    idx = [i for i, ch in enumerate(value) if ch.isdigit()]
    for _ in range(200):
        i = r.choice(idx)
        d = r.choice([x for x in '0123456789' if x != value[i]])
        w = value[:i] + d + value[i + 1:]
        if not oracle(validator, w, None):
            return w
    raise RuntimeError('one_digit_off ' + value)


# --------------------------------------------------------------------------------------------------------- IBAN
IBAN_STRUCT = {'DE': 18, 'GB': 18, 'FR': 23, 'ES': 20, 'IT': 23, 'NL': 14, 'PL': 24, 'BR': 25, 'SE': 20, 'TR': 22, 'SA': 20, 'AT': 16,
               'BE': 12, 'CH': 17, 'PT': 21}
GB_BANKS = ['BARC', 'LOYD', 'HBUK', 'NWBK', 'MIDL', 'NAIA', 'SRLG', 'ABBY', 'BUKB']
NL_BANKS = ['ABNA', 'INGB', 'RABO', 'SNSB', 'TRIO', 'KNAB', 'ASNB', 'BUNQ']


def make_iban(S, cc):
    r = S.r
    for _ in range(5000):
        if cc == 'GB':
            bban = r.choice(GB_BANKS) + S.digits(14)
        elif cc == 'NL':
            bban = r.choice(NL_BANKS) + S.digits(10)
        elif cc == 'IT':
            bban = r.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZ') + S.digits(22)
        elif cc == 'BR':
            bban = S.digits(23) + 'C' + '1'
        elif cc == 'TR':
            bban = S.digits(5) + '0' + S.digits(16)
        elif cc == 'SA':
            bban = r.choice(['10', '15', '20', '30', '40', '45', '55', '60', '80']) + S.digits(18)
        else:
            bban = S.digits(IBAN_STRUCT[cc])
        iban = cc + '00' + bban
        iban = cc + stdnum.iban.calc_check_digits(iban) + bban
        if stdnum.iban.is_valid(iban):
            return iban
    raise RuntimeError('iban ' + cc)


def fmt_iban(c, style):
    if style == 'compact':
        return c
    return ' '.join(c[i:i + 4] for i in range(0, len(c), 4))


# --------------------------------------------------------------------------------------------------------- cards
def make_card(S, brand=None):
    r = S.r
    brand = brand or r.choice(['visa', 'visa', 'mc', 'mc', 'amex', 'disc', 'jcb', 'cup'])
    while True:
        if brand == 'visa':
            pre, n = '4' + S.digits(5), 16
        elif brand == 'mc':
            pre, n = (str(r.randint(51, 55)) + S.digits(4)) if r.random() < .7 else (str(r.randint(2221, 2720)) + S.digits(2)), 16
        elif brand == 'amex':
            pre, n = r.choice(['34', '37']) + S.digits(4), 15
        elif brand == 'disc':
            pre, n = '6011' + S.digits(2), 16
        elif brand == 'jcb':
            pre, n = str(r.randint(3528, 3589)) + S.digits(2), 16
        else:
            pre, n = '62' + S.digits(4), 16
        body = pre + S.digits(n - len(pre) - 1)
        c = body + stdnum.luhn.calc_check_digit(body)
        if c not in [re.sub(r'\D', '', t) for t in TEST_CARDS] and len(set(c[6:])) > 3:
            return c


def fmt_card(c, style):
    if style == 'compact':
        return c
    sep = {'space': ' ', 'dash': '-'}[style]
    if len(c) == 15:
        return sep.join([c[:4], c[4:10], c[10:]])
    return sep.join(c[i:i + 4] for i in range(0, 16, 4))


# -------------------------------------------------------------------------------------------------------- phones
PH_TPL = {
    'US': [(lambda r: r.choice(['201', '212', '213', '305', '312', '404', '415', '503', '512', '602', '617', '702', '713', '720',
                                '801', '813', '917', '919', '971', '206', '303', '614', '704', '612']) + r.choice('23456789'), 10)],
    'GB': [(lambda r: '7' + r.choice('1234579'), 10), (lambda r: r.choice(['207', '208', '161', '131', '113', '117', '121']), 10)],
    'AU': [(lambda r: '4' + r.choice('0123456789'), 9), (lambda r: r.choice(['2', '3', '7', '8']) + r.choice('4589'), 9)],
    'DE': [(lambda r: r.choice(['151', '152', '157', '159', '160', '162', '163', '170', '171', '172', '173', '174', '175', '176',
                                '177', '178', '179']), 11), (lambda r: r.choice(['30', '40', '89', '69']), 10),
           (lambda r: r.choice(['221', '711', '211', '341']), 10)],
    'FR': [(lambda r: r.choice(['6', '7']), 9), (lambda r: r.choice('12345'), 9)],
    'ES': [(lambda r: r.choice(['6', '7']), 9), (lambda r: r.choice(['91', '93', '95', '96', '94']), 9)],
    'MX': [(lambda r: r.choice(['55', '33', '81']), 10)],
    'IT': [(lambda r: r.choice(['320', '328', '333', '338', '340', '347', '348', '349', '351', '366', '380', '388', '392']), 10),
           (lambda r: r.choice(['06', '02']), 10), (lambda r: r.choice(['011', '055', '081', '051']), 10)],
    'NL': [(lambda r: '6' + r.choice('12345'), 9), (lambda r: r.choice(['20', '10', '30', '70', '40']), 9)],
    'PL': [(lambda r: r.choice(['50', '51', '53', '57', '60', '66', '69', '72', '73', '78', '79', '88']), 9)],
    'BR': [(lambda r: r.choice(['11', '21', '31', '41', '51', '61', '71', '81', '85', '48']) + '9' + r.choice('6789'), 11)],
    'SE': [(lambda r: r.choice(['70', '72', '73', '76', '79']), 9), (lambda r: '8' + r.choice('567'), 9)],
    'TR': [(lambda r: r.choice(['530', '532', '533', '535', '536', '537', '538', '539', '505', '506', '507', '541', '542', '543',
                                '544', '545', '546', '549', '551', '552', '553', '555']), 10)],
    'JP': [(lambda r: r.choice(['70', '80', '90']), 10), (lambda r: r.choice(['3', '6']), 9)],
    'CN': [(lambda r: r.choice(['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '176', '177',
                                '180', '181', '186', '187', '188', '189', '199']), 11)],
    'KR': [(lambda r: '10', 10), (lambda r: '2', 9)],
    'RU': [(lambda r: '9' + r.choice(['01', '03', '05', '09', '10', '12', '15', '16', '17', '19', '20', '25', '26', '50', '60', '62',
                                      '64', '77', '85', '99']), 10), (lambda r: r.choice(['495', '499', '812']), 10)],
    'IN': [(lambda r: r.choice(['6', '7', '8', '9']) + r.choice('0123456789'), 10)],
    'SA': [(lambda r: '5' + r.choice('0345689'), 9)],
}
FICTIONAL = [re.compile(x) for x in (r'^1\d{3}55501\d\d$', r'^447700900\d{3}$', r'^442079460\d{3}$', r'^61491570\d{3}$',
                                      r'^33639980\d{3}$', r'^1\d{3}555\d{4}$')]


def e164_digits(num):
    return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)[1:]


def make_phone(S, region, kind=None):
    r = S.r
    cc = phonenumbers.country_code_for_region(region)
    tpls = PH_TPL[region]
    for _ in range(3000):
        i = 0 if kind == 'mobile' else (r.randrange(len(tpls)) if kind is None else min(1, len(tpls) - 1))
        if kind is None and r.random() < .6:
            i = 0
        f, n = tpls[i]
        pre = f(r)
        nsn = pre + S.digits(n - len(pre))
        try:
            num = phonenumbers.parse('+%d%s' % (cc, nsn))
        except phonenumbers.NumberParseException:
            continue
        if not phonenumbers.is_valid_number(num) or phonenumbers.region_code_for_number(num) != region:
            continue
        if any(x.match(e164_digits(num)) for x in FICTIONAL):
            continue
        return num
    raise RuntimeError('phone ' + region)


def fmt_phone(num, style):
    F = phonenumbers.PhoneNumberFormat
    if style == 'e164':
        return phonenumbers.format_number(num, F.E164)
    if style == 'intl':
        return phonenumbers.format_number(num, F.INTERNATIONAL)
    if style == 'intl00':
        return '00' + phonenumbers.format_number(num, F.INTERNATIONAL)[1:]
    nat = phonenumbers.format_number(num, F.NATIONAL)
    if style == 'national':
        return nat
    if style == 'nosep':
        return re.sub(r'\D', '', nat)
    if style == 'dots':
        return '.'.join(re.findall(r'\d+', nat))
    if style == 'dash':
        return '-'.join(re.findall(r'\d+', nat))
    if style == 'intlnosp':
        return '+%d %s' % (num.country_code, phonenumbers.national_significant_number(num))
    raise ValueError(style)


def phone_ok(t, region):
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(t, region))
    except phonenumbers.NumberParseException:
        return False


def phv(S, p_or_region, style=None, loc=None, kind=None, styles=None):
    if isinstance(p_or_region, dict):
        region, loc = p_or_region['reg'], p_or_region['loc']
    else:
        region = p_or_region
    num = make_phone(S, region, kind)
    style = style or S.r.choice(styles or ['national', 'intl', 'e164', 'nosep'])
    t = fmt_phone(num, style)
    if not phone_ok(t, region):
        style = 'e164'
        t = fmt_phone(num, style)
    return P('phone', t, style, loc, 'phonenumbers', region)


# --------------------------------------------------------------------------------------------------------- email
def email_for(S, p, domain=None):
    r = S.r
    loc = p['loc']
    g = re.sub('[^a-z]', '', fold(p.get('rg') or p['given']).lower())
    f = re.sub('[^a-z]', '', fold(p.get('rf') or p['family']).lower())
    if not g or not f:
        h = S.fk(loc).user_name() if loc in ('zh_CN', 'ko_KR', 'ru_RU') else ''
        if not re.fullmatch(r'[a-z][a-z0-9._]{2,20}[a-z0-9]', h or ''):
            h = r.choice(LATIN_HANDLES) + str(r.randint(1, 9999))
        local = h
    else:
        local = r.choice(['%s.%s' % (g, f), '%s%s' % (g[0], f), '%s_%s' % (g, f), '%s%s%d' % (g, f[0], r.randint(1, 99)),
                          '%s.%s%d' % (f, g, r.randint(60, 99)), '%s%s' % (g, f), '%s-%s' % (g, f)])
    if not domain:
        domain = r.choice(FREE_MAIL[loc]) if r.random() < .7 else '%s.%s' % (r.choice(DOMAIN_STEMS), TLD[loc])
    return '%s@%s' % (local[:40], domain)


def emv(S, p, shape='plain', domain=None):
    return P('email', email_for(S, p, domain), shape, p['loc'], 'email')


EMAIL_RE = re.compile(r'^[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9])?@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?'
                      r'(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$')
BAD_EMAIL_DOMAINS = re.compile(r'(^|\.)(example\.(com|org|net)|example|test|invalid|localhost)$')


# -------------------------------------------------------------------------------------------------------- person
def person(S, loc, enc=None):
    r = S.r
    f = S.fk(loc)
    for _ in range(200):
        sex = r.choice('MF')
        p = {'loc': loc, 'sex': sex, 'reg': LOCS[loc][0], 'nidv': LOCS[loc][1], 'ibc': LOCS[loc][2], 'dfmt': LOCS[loc][3]}
        if loc == 'ja_JP':
            fam = f.last_name_pair()
            giv = f.first_name_male_pair() if sex == 'M' else f.first_name_female_pair()
            p.update(given=giv[0], family=fam[0], kg=giv[1], kf=fam[1], rg=giv[2], rf=fam[2])
            p['full'] = fam[0] + r.choice(['', '', '\u3000', ' ']) + giv[0]
            p['kana'] = fam[1] + r.choice(['\u3000', ' ']) + giv[1]
        elif loc == 'ru_RU':
            giv = f.first_name_male() if sex == 'M' else f.first_name_female()
            fam = f.last_name_male() if sex == 'M' else f.last_name_female()
            pat = f.middle_name_male() if sex == 'M' else f.middle_name_female()
            p.update(given=giv, family=fam, patr=pat, full='%s %s %s' % (fam, giv, pat))
        else:
            giv = f.first_name_male() if sex == 'M' else f.first_name_female()
            fam = f.last_name()
            if loc in ('es_ES', 'es_MX'):
                fam = fam + ' ' + f.last_name()
            p.update(given=giv, family=fam)
            if loc in ('zh_CN', 'ko_KR'):
                p['full'] = fam + giv
            else:
                p['full'] = giv + ' ' + fam
        if ' ' in p['given'] and loc in ('ar_SA', 'hi_IN'):
            continue
        parts = set(p['full'].replace('\u3000', ' ').split()) | {p['family']}
        compact_name = p['full'].replace('\u3000', '').replace(' ', '')
        if compact_name in FAMOUS_FULL or (p['family'] + p['given']) in FAMOUS_FULL:
            continue
        if parts & BANNED_NAME_PARTS or any(b in p['full'] for b in ('بن لادن',)) or p['full'] in ALL_PLACEHOLDERS or \
                p['full'].replace('\u3000', '').replace(' ', '') in ALL_PLACEHOLDERS:
            continue
        p['dob'] = rand_date(r, 1942, 2005)
        p['addr'] = make_addr(S, loc)
        if enc:
            try:
                (p['full'] + p['addr']['full'] + p.get('kana', '')).encode(enc)
            except UnicodeEncodeError:
                continue
        return p
    raise RuntimeError('person ' + loc)


def make_addr(S, loc):
    r = S.r
    f = S.fk(loc)
    n = str(r.randint(1, 180)) if r.random() < .85 else str(r.randint(1, 99)) + r.choice('abc')
    a = {}
    if loc == 'en_US':
        st = '%d %s' % (r.randint(10, 9899), f.street_name()) + (r.choice(['', '', '', ' Apt %d' % r.randint(1, 40), ' Unit %d' % r.randint(1, 12)]))
        a.update(street=st, city=f.city(), state=f.state_abbr(), pc=f.zipcode())
        a['full'] = '%s, %s, %s %s' % (st, a['city'], a['state'], a['pc'])
    elif loc == 'en_GB':
        st = '%d %s' % (r.randint(1, 240), f.street_name())
        a.update(street=st, city=f.city(), pc=f.postcode())
        a['full'] = '%s, %s %s' % (st, a['city'], a['pc']) if r.random() < .5 else '%s, %s, %s' % (st, a['city'], a['pc'])
    elif loc == 'en_AU':
        st = ('%d %s' % (r.randint(1, 400), f.street_name())) if r.random() < .7 else '%d/%d %s' % (r.randint(1, 30), r.randint(1, 200), f.street_name())
        a.update(street=st, city=f.city(), state=f.state_abbr(), pc=f.postcode())
        a['full'] = '%s, %s %s %s' % (st, a['city'], a['state'], a['pc'])
    elif loc in ('de_DE', 'nl_NL', 'sv_SE', 'es_MX'):
        st = '%s %s' % (f.street_name(), n)
        pc = f.postcode()
        if loc == 'sv_SE':
            pc = pc[:3] + ' ' + pc[3:]
        a.update(street=st, city=f.city(), pc=pc)
        a['full'] = '%s, %s %s' % (st, pc, a['city'])
        if loc == 'es_MX':
            a['full'] = '%s, %s, %s, C.P. %s' % (st, f.city(), f.state_abbr(), pc.split('-')[0])
    elif loc == 'fr_FR':
        st = '%s %s' % (n, f.street_name()) if r.random() < .5 else '%s, %s' % (n, f.street_name())
        a.update(street=st, city=f.city(), pc=f.postcode())
        a['full'] = '%s, %s %s' % (st, a['pc'], a['city'])
    elif loc == 'es_ES':
        st = '%s, %s' % (f.street_name(), n) + r.choice(['', '', ', %dº %s' % (r.randint(1, 9), r.choice('ABCD'))])
        a.update(street=st, city=f.city(), pc=f.postcode())
        a['full'] = '%s, %s %s' % (st, a['pc'], a['city'])
    elif loc == 'it_IT':
        st = '%s, %s' % (f.street_name(), n) if r.random() < .6 else '%s %s' % (f.street_name(), n)
        a.update(street=st, city=f.city(), pc=f.postcode(), state=f.state_abbr())
        a['full'] = '%s, %s %s (%s)' % (st, a['pc'], a['city'], a['state'])
    elif loc == 'pl_PL':
        st = 'ul. %s %s' % (f.street_name(), n) + (r.choice(['', '/%d' % r.randint(1, 60)]))
        a.update(street=st, city=f.city(), pc=f.postcode())
        a['full'] = '%s, %s %s' % (st, a['pc'], a['city'])
    elif loc == 'pt_BR':
        st = '%s, %s' % (f.street_name(), n)
        pc = f.postcode()
        pc = pc if '-' in pc else pc[:5] + '-' + pc[5:]
        a.update(street=st, city=f.city(), pc=pc, state=f.estado_sigla())
        a['full'] = '%s - %s, %s - %s, %s' % (st, f.bairro(), a['city'], a['state'], pc)
    elif loc == 'tr_TR':
        mah, sts, cities = TR_ADDR
        dist, city, pc = r.choice(cities)
        st = '%s No:%d D:%d' % (r.choice(sts), r.randint(1, 120), r.randint(1, 24))
        a.update(street=st, city=city, pc=pc)
        a['full'] = '%s Mah. %s, %s %s/%s' % (r.choice(mah), st, pc, dist, city)
    elif loc == 'ar_SA':
        sts, dists, cities = SA_ADDR
        city, pc = r.choice(cities)
        st = '%d %s' % (r.randint(1000, 9999), r.choice(sts))
        a.update(street=st, city=city, pc=pc)
        a['full'] = '%s، %s، %s %s' % (st, r.choice(dists), city, pc)
    elif loc == 'hi_IN':
        sts, areas, cities = HI_ADDR
        city, pc = r.choice(cities)
        st = 'मकान नं. %d, %s' % (r.randint(1, 400), r.choice(sts))
        a.update(street=st, city=city, pc=pc)
        a['full'] = '%s, %s, %s - %s' % (st, r.choice(areas), city, pc)
    elif loc == 'en_IN':
        sts, areas, cities = IN_ADDR
        city, pc = r.choice(cities)
        st = r.choice(['%d, %s' % (r.randint(1, 300), r.choice(sts)), 'Flat %d%02d, %d %s' % (r.randint(1, 12), r.randint(1, 20), r.randint(1, 90), r.choice(sts))])
        a.update(street=st, city=city, pc=pc)
        a['full'] = '%s, %s, %s %s' % (st, r.choice(areas), city, pc)
    elif loc == 'ja_JP':
        town = f.town() + f.chome() + f.ban() + f.gou()
        a.update(street=town, city=f.city(), pc=f.postcode(), state=f.prefecture())
        a['full'] = '〒%s %s%s%s' % (a['pc'], a['state'], a['city'], town) + (r.choice(['', ' ' + f.building_name() + str(r.randint(101, 905))]))
    elif loc == 'zh_CN':
        st = '%s%d号' % (f.street_name(), r.randint(1, 999))
        a.update(street=st, city=f.city_name() + '市', pc=f.postcode(), state=f.province())
        a['full'] = '%s%s%s区%s' % (a['state'], a['city'], f.district(), st) + r.choice(['', '%d栋%d室' % (r.randint(1, 30), r.randint(101, 2405))])
    elif loc == 'ko_KR':
        st = f.road()
        a.update(street=st, city=f.borough(), pc=f.postcode(), state=f.metropolitan_city())
        a['full'] = '%s %s %s' % (a['state'], a['city'], st) + r.choice(['', ', %d동 %d호' % (r.randint(101, 120), r.randint(101, 2304))])
    elif loc == 'ru_RU':
        st = 'ул. %s, д. %d' % (f.street_title(), r.randint(1, 150)) + r.choice(['', ', кв. %d' % r.randint(1, 300)])
        a.update(street=st, city=f.city_name(), pc=f.postcode())
        a['full'] = '%s, г. %s, %s' % (a['pc'], a['city'], st)
    else:
        raise ValueError(loc)
    return a


# ------------------------------------------------------------------------------------------- positive shortcuts
def nm(p, shape='full'):
    loc = p['loc']
    if shape == 'full':
        t = p['full']
    elif shape == 'given':
        t = p['given']
    elif shape == 'family':
        t = p['family']
    elif shape == 'upper':
        t = p['full'].upper()
    elif shape == 'lastfirst':
        t = '%s, %s' % (p['family'], p['given'])
    elif shape == 'lastfirstupper':
        t = '%s, %s' % (p['family'].upper(), p['given'])
    elif shape == 'kana':
        t = p['kana']
    elif shape == 'famfirst':
        t = '%s %s' % (p['family'], p['given'])
    elif shape == 'romaji':
        t = '%s %s' % (p['rf'].upper(), p['rg'])
    else:
        raise ValueError(shape)
    return P('name', t, shape, loc)


def dobv(p, style=None, label=True):
    style = style or p['dfmt']
    t = fmt_date(p['dob'], style)
    return P('dob', t, style.replace('/', 'slash').replace('.', 'dot').replace('-', 'dash'), p['loc']) if label else t


def nidv(S, p, style='std', validator=None):
    v = validator or p['nidv']
    c = make_nid(S, p, v)
    t = fmt_nid(v, c, style)
    return P('national_id', t, style, p['loc'], v)


def ibanv(S, p_or_cc, style=None, loc=None):
    if isinstance(p_or_cc, dict):
        cc, loc = p_or_cc['ibc'], p_or_cc['loc']
    else:
        cc = p_or_cc
    style = style or S.r.choice(['compact', 'space'])
    return P('iban', fmt_iban(make_iban(S, cc), style), style, loc, 'iban')


def cardv(S, style=None, loc=None, brand=None):
    style = style or S.r.choice(['compact', 'space', 'dash'])
    return P('card', fmt_card(make_card(S, brand), style), style, loc, 'luhn')


def afull(p):
    return P('address', p['addr']['full'], 'full', p['loc'])


def astreet(p):
    return P('address', p['addr']['street'], 'street', p['loc'])


# ------------------------------------------------------------------------------------------- negative shortcuts
def maybe(S, v, share):
    """Label only a share of a frequent negative kind; the rest stays as plain text."""
    return v if S.r.random() < share else v.t


def neg_city(S, p, share=0.6):
    return maybe(S, N('address', p['addr']['city'], 'city', p['loc']), share)


def neg_company(S, loc, share=0.6):
    c = S.fk(loc).company()
    return maybe(S, N('name', c, 'company', loc), share)


def neg_product(S):
    return N('name', S.r.choice(PRODUCTS), 'product')


def neg_street(S, loc):
    lst = STREET_ONLY.get(loc)
    t = S.r.choice(lst) if lst else S.fk(loc).street_name()
    return N('address', t, 'street_no_number', loc)


def neg_placeholder_person(S, loc):
    return N('name', S.r.choice(PLACEHOLDER_PERSONS[loc]), 'placeholder_person', loc)


def neg_placeholder_addr(S):
    return N('address', S.r.choice(PLACEHOLDER_ADDR), 'placeholder_address')


def neg_example_email(S, p=None):
    r = S.r
    local = r.choice(['jane.doe', 'john.doe', 'max.mustermann', 'test', 'user', 'noreply', 'someone', 'customer', 'firstname.lastname', 'info'])
    if p is not None and r.random() < .5:
        g = re.sub('[^a-z]', '', fold(p.get('rg') or p['given']).lower())
        if g:
            local = g + r.choice(['', '.test', str(r.randint(1, 99))])
    dom = r.choice(['example.com', 'example.org', 'example.net', 'mail.example', 'shop.test', 'corp.invalid', 'localhost', 'example.de'])
    kind = 'example_domain' if 'example' in dom else ('reserved_tld' if dom != 'localhost' else 'localhost')
    if dom == 'example.de':
        dom = 'example.com'
    return N('email', '%s@%s' % (local, dom), kind)


def neg_fict_phone(S, region=None):
    r = S.r
    region = region or r.choice(['US', 'GB', 'AU', 'FR'])
    if region == 'US':
        t = r.choice(['(%s) 555-01%02d', '%s-555-01%02d', '+1 %s 555 01%02d']) % (r.choice(['212', '312', '415', '617', '202', '305']), r.randint(0, 99))
    elif region == 'GB':
        t = r.choice(['07700 900%03d' % r.randint(0, 999), '020 7946 0%03d' % r.randint(0, 999), '+44 7700 900%03d' % r.randint(0, 999)])
    elif region == 'AU':
        t = r.choice(['0491 570 %03d' % r.randint(0, 999), '+61 491 570 %03d' % r.randint(0, 999)])
    else:
        t = '06 39 98 %02d %02d' % (r.randint(0, 99), r.randint(0, 99))
    return N('phone', t, 'fictional_range', region=region)


def neg_dropped_phone(S, p_or_region, style='national'):
    region = p_or_region['reg'] if isinstance(p_or_region, dict) else p_or_region
    for _ in range(100):
        t = fmt_phone(make_phone(S, region), style)
        idx = [i for i, c in enumerate(t) if c.isdigit()]
        i = S.r.choice(idx[2:])
        w = t[:i] + t[i + 1:]
        if not phone_ok(w, region):
            return N('phone', w, 'digit_dropped', validator='phonenumbers', region=region)
    raise RuntimeError('dropped')


def neg_order(S, region='US'):
    r = S.r
    for _ in range(300):
        d = S.digits(r.choice([8, 9, 10, 11, 12]), '123456789')
        if phone_ok(d, region) or phone_ok('+' + d, region) or phone_ok('0' + d, region):
            continue
        form = r.choice(['plain', 'plain', 'plain', 'so', 'hash', 'ord', 'dash'])
        t = {'plain': d, 'so': 'SO-' + d, 'hash': '#' + d, 'ord': 'ORD' + d, 'dash': d[:4] + '-' + d[4:]}[form]
        return N('phone', t, 'order_number')
    raise RuntimeError('order')


def neg_invoice(S):
    r = S.r
    t = r.choice(['INV-%d-%06d', 'RE-%d-%06d', 'FAC%d%07d']) % (r.randint(2019, 2024), r.randint(1, 999999))
    return N('phone', t, 'invoice_number')


def neg_sku(S):
    r = S.r
    k = r.randrange(3)
    if k == 0:
        t = 'SKU-%04d-%s-%s' % (r.randint(1, 9999), r.choice(['BLK', 'WHT', 'RED', 'NVY', 'GRY']), r.choice(['S', 'M', 'L', 'XL', '42', '44']))
    elif k == 1:
        t = 'ART-%04d/%s%d' % (r.randint(1, 9999), r.choice('ABCDEFGH'), r.randint(10, 99))
    else:
        t = '%s%04d-%s%d' % (r.choice(['DE', 'AT', 'FR', 'NL', 'KB', 'QX']), r.randint(1, 9999), r.choice('ABCDE'), r.randint(10, 99))
    return N('national_id', t, 'sku')


def rhex(S, n):
    return ''.join(S.r.choice('0123456789abcdef') for _ in range(n))


def neg_uuid(S):
    h = rhex(S, 32)
    h = h[:12] + '4' + h[13:16] + S.r.choice('89ab') + h[17:]
    return N('secret', '%s-%s-%s-%s-%s' % (h[:8], h[8:12], h[12:16], h[16:20], h[20:]), 'uuid')


def neg_hash(S):
    n = S.r.choice([32, 40, 64, 64])
    return N('secret', rhex(S, n), 'hash')


def ts(S, y0=2022, y1=2024, style=None):
    r = S.r
    d = rand_date(r, y0, y1)
    hh, mm, ss = r.randint(0, 23), r.randint(0, 59), r.randint(0, 59)
    style = style or r.choice(['iso', 'isoz', 'space', 'ms'])
    if style == 'iso':
        return '%sT%02d:%02d:%02d+00:00' % (d.isoformat(), hh, mm, ss)
    if style == 'isoz':
        return '%sT%02d:%02d:%02dZ' % (d.isoformat(), hh, mm, ss)
    if style == 'ms':
        return '%sT%02d:%02d:%02d.%03dZ' % (d.isoformat(), hh, mm, ss, r.randint(0, 999))
    return '%s %02d:%02d:%02d' % (d.isoformat(), hh, mm, ss)


def neg_ts(S, share=0.6):
    return maybe(S, N('dob', ts(S), 'timestamp'), share)


def neg_event_date(S, style, loc=None, share=0.6, y0=2015, y1=2024):
    return maybe(S, N('dob', fmt_date(rand_date(S.r, y0, y1), style), 'event_date', loc), share)


def neg_version(S):
    r = S.r
    t = r.choice(['%d.%d.%d.%d' % (r.randint(1, 12), r.randint(0, 30), r.randint(0, 40), r.randint(0, 999)),
                  '10.0.%d.%d' % (r.randint(10000, 26000), r.randint(1, 4000)), 'v%d.%d.%d' % (r.randint(1, 9), r.randint(0, 20), r.randint(0, 30))])
    return N('ip', t, 'version_string')


def neg_doc_ip(S):
    r = S.r
    t = r.choice(['192.0.2.%d', '198.51.100.%d', '203.0.113.%d']) % r.randint(1, 254) if r.random() < .8 else \
        '2001:db8:%x::%x' % (r.randint(1, 0xffff), r.randint(1, 0xffff))
    return N('ip', t, 'documentation_range')


def neg_private_ip(S):
    r = S.r
    t = r.choice(['10.%d.%d.%d' % (r.randint(0, 255), r.randint(0, 255), r.randint(1, 254)), '192.168.%d.%d' % (r.randint(0, 255), r.randint(1, 254)),
                  '172.%d.%d.%d' % (r.randint(16, 31), r.randint(0, 255), r.randint(1, 254)), '127.0.0.1'])
    return N('ip', t, 'loopback' if t.startswith('127.') else 'private_range')


def ipv(S, v6=None):
    r = S.r
    v6 = (r.random() < .25) if v6 is None else v6
    while True:
        if v6:
            t = '%s:%x:%x:%x:%x:%x:%x:%x' % (r.choice(['2a02', '2a01', '2600', '2406', '2804', '2a00', '2001', '2a03', '2c0f']),
                                              *[r.randint(0, 0xffff) for _ in range(7)])
            t = str(ipaddress.ip_address(t))
        else:
            t = '%d.%d.%d.%d' % (r.randint(1, 223), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))
        a = ipaddress.ip_address(t)
        if a.is_global and not a.is_multicast and not is_doc_ip(a):
            return P('ip', t, 'v6' if v6 else 'v4', None, 'ipaddress')


def is_doc_ip(a):
    nets = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32', '198.18.0.0/15']
    return any(a in ipaddress.ip_network(n) for n in nets)


def macv(S, style=None):
    r = S.r
    style = style or r.choice(['colon', 'colon', 'dash', 'upper', 'cisco'])
    b = [int(x, 16) for x in r.choice(OUIS).split(':')] + [r.randint(0, 255) for _ in range(3)]
    h = ['%02x' % x for x in b]
    if style == 'colon':
        t = ':'.join(h)
    elif style == 'upper':
        t = ':'.join(h).upper()
    elif style == 'dash':
        t = '-'.join(h).upper()
    else:
        t = '%s%s.%s%s.%s%s' % tuple(h)
    return P('mac', t, style, None, 'mac')


def neg_mac(S):
    t = S.r.choice(['ff:ff:ff:ff:ff:ff', '00:00:00:00:00:00', '00:11:22:33:44:55', 'aa:bb:cc:dd:ee:ff', 'FF-FF-FF-FF-FF-FF', '01:23:45:67:89:ab'])
    return N('mac', t, 'placeholder_mac')


B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'


def rstr(S, n, alpha=B62):
    return ''.join(S.r.choice(alpha) for _ in range(n))


def b62(n, width):
    s = ''
    while n:
        n, k = divmod(n, 62)
        s = B62[k] + s
    return s.rjust(width, '0')


def pem_body(S, first, lines, last_len):
    b64 = B62 + '+/'
    body = first + rstr(S, 64 - len(first), b64)
    out = [body] + [rstr(S, 64, b64) for _ in range(lines - 2)] + [rstr(S, last_len, b64) + ('=' if last_len % 4 == 3 else '')]
    return out


def secretv(S, kind=None, nl='\n'):
    r = S.r
    kind = kind or r.choice(['aws_id', 'aws_secret', 'ghp', 'github_pat', 'glpat', 'slack', 'stripe', 'google', 'sendgrid', 'twilio', 'npm', 'jwt', 'openai'])
    if kind == 'aws_id':
        t = r.choice(['AKIA', 'ASIA']) + rstr(S, 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')
    elif kind == 'aws_secret':
        t = rstr(S, 40, B62 + '+/')
    elif kind == 'ghp':
        body = rstr(S, 30)
        t = 'ghp_' + body + b62(zlib.crc32(body.encode()), 6)
    elif kind == 'github_pat':
        t = 'github_pat_11' + rstr(S, 20, B62[:36]) + '_' + rstr(S, 59, B62)
    elif kind == 'glpat':
        t = 'glpat-' + rstr(S, 20, B62 + '_-')
    elif kind == 'slack':
        t = 'xoxb-%d-%d-%s' % (r.randint(10 ** 10, 10 ** 12), r.randint(10 ** 12, 10 ** 13), rstr(S, 24))
    elif kind == 'stripe':
        t = r.choice(['sk_live_', 'rk_live_']) + rstr(S, 24) + (rstr(S, 75) if r.random() < .5 else '')
    elif kind == 'google':
        t = 'AIza' + rstr(S, 35, B62 + '_-')
    elif kind == 'sendgrid':
        t = 'SG.' + rstr(S, 22, B62 + '_-') + '.' + rstr(S, 43, B62 + '_-')
    elif kind == 'twilio':
        t = 'SK' + rhex(S, 32)
    elif kind == 'npm':
        t = 'npm_' + rstr(S, 36)
    elif kind == 'openai':
        t = 'sk-proj-' + rstr(S, 74, B62 + '_-') + 'T3BlbkFJ' + rstr(S, 74, B62 + '_-')
    elif kind == 'jwt':
        import base64
        enc = lambda b: base64.urlsafe_b64encode(b).rstrip(b'=').decode()  # noqa: E731
        hd = enc(json.dumps({'alg': 'HS256', 'typ': 'JWT'}, separators=(',', ':')).encode())
        pl = enc(json.dumps({'sub': str(r.randint(10 ** 6, 10 ** 9)), 'iat': r.randint(1600000000, 1720000000),
                             'scope': r.choice(['read', 'admin', 'write:orders'])}, separators=(',', ':')).encode())
        t = '%s.%s.%s' % (hd, pl, rstr(S, 43, B62 + '_-'))
    elif kind in ('pem', 'pem_esc'):
        lines = pem_body(S, 'MIIEpAIBAAKCAQEA', 25, 44)
        sep = nl if kind == 'pem' else '\\n'
        t = sep.join(['-----BEGIN RSA PRIVATE KEY-----'] + lines + ['-----END RSA PRIVATE KEY-----'])
    elif kind == 'openssh':
        lines = pem_body(S, 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW', 7, 24)
        lines = [x[:70] for x in lines]
        t = nl.join(['-----BEGIN OPENSSH PRIVATE KEY-----'] + lines + ['-----END OPENSSH PRIVATE KEY-----'])
    else:
        raise ValueError(kind)
    return P('secret', t, kind.replace('_', ''), None)


def neg_secret_placeholder(S):
    t = S.r.choice(['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'YOUR_API_KEY', '<your-token-here>',
                    'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx', 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'changeme', 'xoxb-your-token'])
    return N('secret', t, 'placeholder_key')


def neg_latlong(S):
    r = S.r
    return N('address', '%.6f' % r.uniform(-60, 70), 'coordinates'), N('address', '%.6f' % r.uniform(-170, 170), 'coordinates')


def neg_company_id(S):
    r = S.r
    while True:
        b = S.digits(8) + '0001'
        c = b + stdnum.br.cnpj.calc_check_digits(b)
        if stdnum.br.cnpj.is_valid(c):
            return N('national_id', '%s.%s.%s/%s-%s' % (c[:2], c[2:5], c[5:8], c[8:12], c[12:]), 'company_id')


def amount(S, style='dot', lo=5, hi=5000):
    v = S.r.uniform(lo, hi)
    if style == 'comma':
        s = '%.2f' % v
        i, d = s.split('.')
        i = '{:,}'.format(int(i)).replace(',', '.')
        return '%s,%s' % (i, d)
    return '%.2f' % v


NO_CHECKSUM = ('us.ssn', 'gb.nino_rules', 'in_.pan')


def neg_one_off_nid(S, p, style='std', validator=None):
    """One digit changed so the checksum fails; identifiers without a checksum get a prefix their rules forbid."""
    r = S.r
    v = validator or p['nidv']
    c = make_nid(S, p, v)
    if v in NO_CHECKSUM:
        for _ in range(100):
            if v == 'us.ssn':
                w = r.choice(['666', '000', '9%02d' % r.randint(0, 99)]) + c[3:]
            elif v == 'gb.nino_rules':
                w = r.choice(['QQ', 'TN', 'BG', 'GB', 'NK', 'KN', 'NT', 'ZZ', 'DA', 'FY', 'OI']) + c[2:]
            else:
                w = c[:3] + r.choice('DEIMNOQRSUVWXYZ') + c[4:]
            t = fmt_nid(v, w, style)
            if not oracle(v, t, None):
                return N('national_id', t, 'invalid_prefix', p['loc'], validator=v)
        raise RuntimeError('invalid_prefix')
    t = fmt_nid(v, c, style)
    return N('national_id', one_digit_off(S, t, v), 'one_digit_off', p['loc'], validator=v)


def neg_one_off_iban(S, cc, style='space'):
    t = fmt_iban(make_iban(S, cc), style)
    return N('iban', one_digit_off(S, t, 'iban'), 'one_digit_off', validator='iban')


def neg_one_off_card(S, style='space'):
    t = fmt_card(make_card(S), style)
    return N('card', one_digit_off(S, t, 'luhn'), 'one_digit_off', validator='luhn')


# ================================================================================================ oracles
MAC_RE = re.compile(r'^(?:[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}|[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}\.[0-9a-fA-F]{4})$')


def oracle(validator, value, region):
    if validator == 'luhn':
        d = re.sub(r'[ -]', '', value)
        return d.isdigit() and 13 <= len(d) <= 19 and stdnum.luhn.is_valid(d)
    if validator == 'iban':
        return stdnum.iban.is_valid(value)
    if validator == 'phonenumbers':
        return phone_ok(value, region)
    if validator == 'email':
        return bool(EMAIL_RE.match(value)) and '..' not in value and not BAD_EMAIL_DOMAINS.search(value.split('@')[1])
    if validator == 'ipaddress':
        try:
            a = ipaddress.ip_address(value)
        except ValueError:
            return False
        return a.is_global and not is_doc_ip(a)
    if validator == 'mac':
        return bool(MAC_RE.match(value))
    if validator == 'gb.nino_rules':
        return nino_ok(value)
    return importlib.import_module('stdnum.' + validator).is_valid(value)


# ================================================================================================= writers
def ident(s):
    return s


def csv_esc(quoted):
    return (lambda s: s.replace('"', '""')) if quoted else ident


def write_csv(out, rows, cols=None, delim=',', nl='\n', quote_all=False):
    """rows: list of lists of cells; None = empty line; str = raw line; (cells, cols) = row with its own column names."""
    for row in rows:
        if row is None:
            out.w(nl)
            continue
        if isinstance(row, str):
            out.w(row + nl)
            continue
        rcols = cols
        if isinstance(row, tuple):
            row, rcols = row
        for j, cell in enumerate(row):
            if j:
                out.w(delim)
            pl = plain(cell)
            q = quote_all or any(c in pl for c in (delim, '"', '\n', '\r')) or pl != pl.strip()
            if cell is None and not quote_all:
                continue
            where = rcols[j] if rcols and j < len(rcols) else str(j)
            if q:
                out.w('"')
            out.put(cell, csv_esc(q), where, 'csv' if q else None)
            if q:
                out.w('"')
        out.w(nl)


def jw(out, obj, ea=False, seps=(',', ':'), indent=None, lvl=0, path=''):
    """JSON writer that records label spans; V with m['num'] is written as a bare number."""
    if isinstance(obj, dict):
        if not obj:
            out.w('{}')
            return
        out.w('{')
        for i, (k, v) in enumerate(obj.items()):
            if i:
                out.w(seps[0])
            if indent is not None:
                out.w('\n' + ' ' * (indent * (lvl + 1)))
            out.w(json.dumps(k, ensure_ascii=ea) + seps[1])
            jw(out, v, ea, seps, indent, lvl + 1, (path + '.' + k) if path else k)
        if indent is not None:
            out.w('\n' + ' ' * (indent * lvl))
        out.w('}')
    elif isinstance(obj, M) or isinstance(obj, V):
        if isinstance(obj, V) and obj.m.get('num'):
            out.put(obj, ident, path, None)
        else:
            out.w('"')
            out.put(obj, lambda s: json.dumps(s, ensure_ascii=ea)[1:-1], path, 'json')
            out.w('"')
    elif isinstance(obj, list):
        if not obj:
            out.w('[]')
            return
        out.w('[')
        for i, v in enumerate(obj):
            if i:
                out.w(seps[0])
            if indent is not None:
                out.w('\n' + ' ' * (indent * (lvl + 1)))
            jw(out, v, ea, seps, indent, lvl + 1, path)
        if indent is not None:
            out.w('\n' + ' ' * (indent * lvl))
        out.w(']')
    else:
        out.w(json.dumps(obj, ensure_ascii=ea))


def xesc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def xattr(s):
    return xesc(s).replace('"', '&quot;')


def hesc(s):
    return xesc(s).replace('"', '&quot;').replace("'", '&#39;')


YAML_PLAIN_BAD = re.compile(r'^([-+]?[\d._:,]+|true|false|yes|no|on|off|null|~|y|n|\d{4}-\d\d-\d\d.*)$', re.I)


def yscalar(out, cell, where):
    pl = plain(cell)
    need = (pl == '' or pl[0] in '-?:,[]{}#&*!|>\'"%@`+' or ': ' in pl or ' #' in pl or pl.endswith(':') or pl != pl.strip()
            or YAML_PLAIN_BAD.match(pl) or '\n' in pl)
    if need:
        out.w("'")
        out.put(cell, lambda s: s.replace("'", "''"), where, 'yaml1')
        out.w("'")
    else:
        out.put(cell, ident, where, None)


def sqlv(out, cell, where, mysql=False):
    if cell is None:
        out.w('NULL')
    elif isinstance(cell, V) and cell.m.get('num'):
        out.put(cell, ident, where, None)
    elif isinstance(cell, (int, float)):
        out.w(str(cell))
    else:
        if mysql:
            esc = lambda s: s.replace('\\', '\\\\').replace("'", "\\'").replace('\n', '\\n').replace('\r', '\\r')  # noqa: E731
        else:
            esc = lambda s: s.replace("'", "''")  # noqa: E731
        out.w("'")
        out.put(cell, esc, where, 'mysql' if mysql else 'sql')
        out.w("'")


def fixed_field(out, cell, width, where, right=False, fill=' '):
    pl = plain(cell)
    assert len(pl) <= width, (pl, width)
    pad = fill * (width - len(pl))
    if right:
        out.w(pad)
    out.put(cell, ident, where, None)
    if not right:
        out.w(pad)


def UNESC(kind, s):
    if kind is None:
        return s
    if kind == 'csv':
        return s.replace('""', '"')
    if kind == 'json':
        return json.loads('"' + s + '"')
    if kind in ('xml', 'html'):
        return html.unescape(s)
    if kind in ('yaml1', 'sql'):
        return s.replace("''", "'")
    if kind == 'mysql':
        return re.sub(r'\\(.)', lambda mt: {'n': '\n', 'r': '\r'}.get(mt.group(1), mt.group(1)), s)
    raise ValueError(kind)


def nid_or_off(S, p, style='std', off=0.1, validator=None):
    if S.chance(off):
        return neg_one_off_nid(S, p, style, validator)
    return nidv(S, p, style, validator)


def iban_or_off(S, p, style=None, off=0.1):
    style = style or S.r.choice(['compact', 'space'])
    if S.chance(off):
        return neg_one_off_iban(S, p['ibc'], style)
    return ibanv(S, p, style)


def ph_or_drop(S, p, styles, drop=0.08):
    """A valid phone, or (share drop) the same kind of number with one digit dropped (invalid)."""
    if S.chance(drop):
        return neg_dropped_phone(S, p, S.r.choice(styles))
    return phv(S, p, styles=styles)


def nick_name(p):
    g = p['given'].split()[0]
    return P('name', '%s "%s" %s' % (g, g[:max(3, len(g) // 2)], p['family']), 'nickname', p['loc'])


# ================================================================================================ sections
NOTES = ['prefers paper invoices', 'newsletter opt-out', 'migrated from legacy system', 'duplicate check done', 'payment terms 30 days',
         'no marketing', 'VIP since 2019', 'address verified', 'needs follow-up', 'account merged', 'Rabatt 5 %', 'Zahlung per Lastschrift',
         'envoi par courrier', 'sin publicidad', 'geen reclame', 'brak zgody marketingowej', '', '', '', 'n/a', 'ok', 'see ticket']
FILL = {
    'status': lambda S: S.r.choice(['active', 'inactive', 'pending', 'closed', 'A', 'I']),
    'seg': lambda S: S.r.choice(['gold', 'silver', 'bronze', 'B2C', 'B2B', 'SMB']),
    'pts': lambda S: str(S.r.randint(0, 25000)),
    'chan': lambda S: S.r.choice(['web', 'store', 'app', 'partner', 'import', 'callcenter']),
    'flag': lambda S: S.r.choice(['0', '1', 'Y', 'N', 'true', 'false']),
    'cur': lambda S: S.r.choice(['EUR', 'USD', 'GBP', 'SEK', 'PLN', 'TRY', 'JPY', 'CNY', 'KRW', 'RUB', 'INR', 'SAR', 'BRL', 'AUD']),
    'rev': lambda S: str(S.r.randint(1, 40)),
    'src': lambda S: S.r.choice(['CRM', 'ERP', 'SAP-R3', 'legacy', 'webform', 'POS']),
    'score': lambda S: '%.3f' % S.r.random(),
    'note': lambda S: S.r.choice(NOTES),
    'grp': lambda S: S.r.choice(['G1', 'G2', 'G3', 'RET', 'WHS', 'NORTH', 'SOUTH']) + '-' + str(S.r.randint(1, 99)),
    'cnt': lambda S: str(S.r.randint(0, 99)),
    'updby': lambda S: S.r.choice(['batch01', 'SYSTEM', 'etl_job', 'import_v2', 'svc-sync']),
    'ctry': lambda S: S.r.choice(['DE', 'FR', 'GB', 'US', 'ES', 'IT', 'NL', 'PL', 'SE', 'TR', 'JP', 'CN', 'KR', 'RU', 'IN', 'SA', 'BR', 'AU']),
    'amt': lambda S: amount(S),
    'pct': lambda S: '%.1f' % S.r.uniform(0, 100),
    'size': lambda S: S.r.choice(['S', 'M', 'L', 'XL']),
    'lang': lambda S: S.r.choice(['de', 'en', 'fr', 'es', 'it', 'nl', 'pl', 'pt', 'sv', 'tr', 'ja', 'zh', 'ko', 'ru', 'hi', 'ar']),
    'tier': lambda S: S.r.choice(['T1', 'T2', 'T3']),
    'risk': lambda S: S.r.choice(['low', 'medium', 'high']),
    'ver': lambda S: str(S.r.randint(1, 9)),
}
DESC = ['delivered to reception', 'customer requested invoice copy', 'migrated from CRM v2', 'fragile - handle with care', 'standard shipping',
        'express shipping requested', 'discount code applied', 'loyalty tier recalculated', 'bulk import 2023-Q3', 'duplicate merged',
        'consent form on file', 'awaiting documents', 'manual review passed', 'price match granted', 'returned item restocked',
        'Lieferung an Packstation', 'Rechnung per Post', 'livraison en point relais', 'envío urgente', 'spedizione standard',
        'levering op werkdagen', 'wysyłka kurierem', 'leverans till ombud', 'kargo ile gönderim', 'paper statement', 'auto-renew on',
        'auto-renew off', 'card on file updated', 'SEPA mandate active', 'tax exempt', 'newsletter: weekly', 'preferred contact: post']
CATS = ['Home & Garden', 'Electronics', 'Sports', 'Books', 'Toys', 'Fashion', 'Beauty', 'Automotive', 'Office', 'Grocery', 'Pet Supplies']


def fill_desc(S):
    r = S.r
    return '; '.join(r.sample(DESC, r.randint(1, 3)))


FILL.update({
    'desc': fill_desc,
    'url': lambda S: 'https://cdn.%s.%s/assets/%s/%d.%s' % (S.r.choice(DOMAIN_STEMS), S.r.choice(['com', 'net', 'io', 'eu']), rhex(S, 8),
                                                            S.r.randint(1, 99999), S.r.choice(['jpg', 'png', 'pdf'])),
    'ref': lambda S: '%s/%d/%05d' % (S.r.choice(['REF', 'CAS', 'DOC', 'VRG']), S.r.randint(2019, 2024), S.r.randint(1, 99999)),
    'tz': lambda S: S.r.choice(['Europe/Berlin', 'Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'Asia/Shanghai', 'Europe/Istanbul', 'Asia/Kolkata']),
    'qty': lambda S: str(S.r.randint(1, 250)),
    'wt': lambda S: '%.2f kg' % S.r.uniform(0.1, 40),
    'dim': lambda S: '%dx%dx%d' % (S.r.randint(5, 120), S.r.randint(5, 80), S.r.randint(1, 60)),
    'sha7': lambda S: rhex(S, 7),
    'cat': lambda S: S.r.choice(CATS),
    'ua': lambda S: S.r.choice(['Mozilla/5.0 (Windows NT 10.0; Win64; x64)', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2)', 'okhttp/4.12.0',
                                'Dalvik/2.1.0 (Linux; U; Android 14)']),
})
TECH_EXTRA = {'desc': 'remarks', 'url': 'asset_url', 'ref': 'ref_no', 'tz': 'tz', 'qty': 'qty', 'wt': 'weight', 'dim': 'dims', 'sha7': 'build',
              'cat': 'category', 'ua': 'agent'}
FILL_KEYS = list(FILL)
TECH = {'status': 'status', 'seg': 'seg', 'pts': 'pts', 'chan': 'chan', 'flag': 'flag_nl', 'cur': 'cur', 'rev': 'rev', 'src': 'src_sys',
        'score': 'q_score', 'note': 'note', 'grp': 'grp', 'cnt': 'cnt', 'updby': 'upd_by', 'ctry': 'ctry', 'amt': 'amt', 'pct': 'pct',
        'size': 'sz', 'lang': 'lang', 'tier': 'tier', 'risk': 'risk', 'ver': 'rec_ver'}
TECH.update(TECH_EXTRA)


def fspec(S, k):
    """k filler (non-personal) column kinds; always a free-text remark and an asset URL."""
    spec = ['desc', 'url'] + S.r.sample([x for x in FILL_KEYS if x not in ('desc', 'url')], k - 2)
    S.r.shuffle(spec)
    return spec


def fnames(spec, style='tech', start=0):
    out = []
    for i, k in enumerate(spec):
        n = start + i
        out.append({'tech': TECH[k], 'col': 'col%d' % n, 'f': 'f%02d' % n, 'V': 'V%d' % n, 'x': 'x_%d' % n, 'num': str(n),
                    'field': ('field_%02d' % n if i % 2 else 'attr_%s%d' % ('abcdefgh'[i % 8], n)), 'c': 'c%d' % n,
                    'd': 'd%d' % n, 'k': 'k%d' % n}[style])
    return out


def frow(S, spec, enc=None):
    out = []
    for k in spec:
        v = FILL[k](S)
        while enc and not can_encode(v, enc):
            v = FILL[k](S)
        out.append(v)
    return out


def can_encode(s, enc):
    try:
        s.encode(enc)
        return True
    except UnicodeEncodeError:
        return False


def sp(S, prob, fn):
    """A sparse cell: the value with probability prob, else empty."""
    return fn() if S.r.random() < prob else ''


def sec_extract_us():
    S = Sec('extract_us')
    r = S.r
    FS = fspec(S, 18)
    rows = []
    for i in range(26):
        if i in (7, 19):
            loc = 'en_US'
            rows.append([str(100200 + i), neg_placeholder_person(S, loc), '000-00-0000', neg_fict_phone(S, 'US'), neg_example_email(S),
                         N('address', '123 Main Street', 'placeholder_address'), 'Anytown', 'NY', '12345', neg_company(S, loc), '01/01/1970',
                         '0.00'] + frow(S, FS))
            continue
        p = person(S, 'en_US')
        k = r.random()
        name = nm(p, 'full') if k < .7 else (nick_name(p) if k < .8 else nm(p, 'upper'))
        rows.append([str(100200 + i), name, nid_or_off(S, p, r.choice(['std', 'std', 'compact']), .1),
                     sp(S, .85, lambda: phv(S, p, styles=['national', 'dash', 'dots', 'nosep', 'e164'])), sp(S, .8, lambda: emv(S, p)), astreet(p),
                     neg_city(S, p), p['addr']['state'], p['addr']['pc'], neg_company(S, 'en_US'), dobv(p, 'mdy/', label=False), amount(S)] + frow(S, FS))
    out = Out()
    write_csv(out, rows)
    emit_text('csv/extract_0001.csv', out, 'hdrlessus')


def sec_kunden_tsv():
    S = Sec('kunden_tsv')
    r = S.r
    FS = fspec(S, 17)
    rows = []
    for i in range(22):
        if i == 11:
            rows.append(['K-%06d' % (4700 + i), N('name', 'Max', 'placeholder_person', 'de_DE'), N('name', 'Mustermann', 'placeholder_person', 'de_DE'),
                         N('address', 'Musterstraße 1', 'placeholder_address', 'de_DE'), '12345', 'Musterstadt', '0123456789',
                         'DE00 0000 0000 0000 0000 00', '', neg_example_email(S), neg_ts(S), 'test'] + frow(S, FS))
            continue
        p = person(S, 'de_DE')
        rows.append(['K-%06d' % (4700 + i), nm(p, 'given'), nm(p, 'family'), astreet(p), p['addr']['pc'], neg_city(S, p),
                     sp(S, .8, lambda: phv(S, p, styles=['nosep', 'nosep', 'national', 'dash', 'intl', 'intl00'])), sp(S, .7, lambda: iban_or_off(S, p, off=.1)),
                     sp(S, .6, lambda: nid_or_off(S, p, r.choice(['compact', 'std']), .1)), sp(S, .75, lambda: emv(S, p)), neg_ts(S),
                     r.choice(['aktiv', 'aktiv', 'gesperrt', 'inaktiv'])] + frow(S, FS))
    out = Out()
    write_csv(out, rows, delim='\t')
    emit_text('csv/kunden_export.tsv', out, 'hdrlessde')


def sec_colN_gb():
    S = Sec('colN_gb')
    r = S.r
    FS = fspec(S, 17)
    cols = ['col%d' % i for i in range(1, 13)] + fnames(FS, 'col', 13)
    rows = [cols]
    for i in range(22):
        p = person(S, 'en_GB')
        name = nm(p, r.choice(['full', 'full', 'lastfirstupper', 'lastfirst']))
        rows.append(['GB%05d' % (r.randint(1, 99999)), name, sp(S, .7, lambda: nid_or_off(S, p, r.choice(['std', 'compact']), .12)),
                     sp(S, .7, lambda: nid_or_off(S, p, r.choice(['std', 'compact']), .12, 'gb.nhs')),
                     sp(S, .8, lambda: phv(S, p, styles=['national', 'intl', 'nosep', 'e164'])), sp(S, .8, lambda: emv(S, p)), afull(p),
                     maybe(S, neg_product(S), .6), amount(S), dobv(p, 'dmy/', label=False), neg_order(S, 'GB'),
                     neg_fict_phone(S, 'GB') if S.chance(.25) else ''] + frow(S, FS))
    out = Out()
    write_csv(out, rows, cols)
    emit_text('csv/col_headers_gb.csv', out, 'colNgb')


def sec_f_fr():
    S = Sec('f_fr')
    r = S.r
    FS = fspec(S, 17)
    cols = ['f%02d' % i for i in range(1, 13)] + fnames(FS, 'f', 13)
    rows = [cols]
    for i in range(20):
        p = person(S, 'fr_FR')
        fam = nm(p, 'family')
        if S.chance(.4):
            fam = P('name', p['family'].upper(), 'familyupper', 'fr_FR')
        rows.append([str(5000 + i), nm(p, 'given'), fam, sp(S, .7, lambda: nid_or_off(S, p, r.choice(['std', 'compact']), .12)),
                     sp(S, .7, lambda: iban_or_off(S, p, off=.12)), sp(S, .8, lambda: phv(S, p, styles=['dots', 'national', 'intl', 'nosep'])),
                     sp(S, .8, lambda: emv(S, p)), astreet(p), p['addr']['pc'], neg_city(S, p), neg_company(S, 'fr_FR'),
                     fmt_date(rand_date(r, 2018, 2024), 'dmy/')] + frow(S, FS))
    out = Out()
    write_csv(out, rows, cols)
    emit_text('csv/f_cols_fr.csv', out, 'fNNfr')


def sec_r_es():
    S = Sec('r_es')
    r = S.r
    FS = fspec(S, 16)
    cols = ['', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6', 'V7', 'V8'] + fnames(FS, 'V', 9)
    rows = [cols]
    for i in range(26):
        loc = 'es_MX' if S.chance(.3) else 'es_ES'
        p = person(S, loc)
        if loc == 'es_ES':
            idv = nid_or_off(S, p, r.choice(['compact', 'compact', 'std']), .1, r.choice(['es.dni', 'es.dni', 'es.nie']))
        else:
            idv = nid_or_off(S, p, 'compact', .1)
        rows.append([str(i + 1), nm(p, 'full'), idv, sp(S, .8, lambda: ph_or_drop(S, p, ['national', 'intl', 'nosep', 'e164'], .12)),
                     sp(S, .7, lambda: emv(S, p)), sp(S, .8, lambda: afull(p)), neg_company(S, loc), amount(S),
                     fmt_date(rand_date(r, 1950, 2024), 'ymd-')] + frow(S, FS))
    out = Out()
    write_csv(out, rows, cols, quote_all=True)
    emit_text('csv/r_export_es.csv', out, 'Vnes')


def sec_x_nl():
    S = Sec('x_nl')
    r = S.r
    FS = fspec(S, 17)
    cols = ['x_%d' % i for i in range(1, 11)] + fnames(FS, 'x', 11)
    rows = [cols]
    for i in range(22):
        p = person(S, 'nl_NL')
        rows.append([nm(p, 'full'), sp(S, .7, lambda: nid_or_off(S, p, r.choice(['compact', 'compact', 'std']), .12)),
                     sp(S, .7, lambda: iban_or_off(S, p, off=.1)), sp(S, .8, lambda: ph_or_drop(S, p, ['nosep', 'nosep', 'national', 'intl', 'e164'], .12)),
                     astreet(p), p['addr']['pc'], neg_city(S, p), maybe(S, neg_street(S, 'nl_NL'), .8), sp(S, .7, lambda: emv(S, p)),
                     fmt_date(p['dob'], 'dmy-')] + frow(S, FS))
    out = Out()
    write_csv(out, rows, cols)
    emit_text('csv/x_cols_nl.csv', out, 'xnl')


def sec_unnamed_it():
    S = Sec('unnamed_it')
    r = S.r
    FS = fspec(S, 16)
    cols = ['', 'Unnamed: 0', '0', '1', '2', '3', '4', '5', '6'] + fnames(FS, 'num', 7)
    rows = [cols]
    for i in range(22):
        p = person(S, 'it_IT')
        rows.append([str(i), str(i), nid_or_off(S, p, 'compact', .12), nm(p, r.choice(['full', 'full', 'upper', 'famfirst'])),
                     sp(S, .8, lambda: phv(S, p, styles=['national', 'nosep', 'intl', 'intlnosp'])),
                     sp(S, .7, lambda: emv(S, p, domain=r.choice([None, None, 'pec.it', 'legalmail.it']))), sp(S, .8, lambda: afull(p)),
                     neg_city(S, p), sp(S, .6, lambda: iban_or_off(S, p, off=.1))] + frow(S, FS))
    out = Out()
    write_csv(out, rows, cols)
    emit_text('csv/pandas_unnamed_it.csv', out, 'unnamedit')


def sec_abbrev():
    S = Sec('abbrev')
    r = S.r
    FS = fspec(S, 15)
    cols = ['rec_id', 'fnm', 'lnm', 'nm_full', 'dob_dt', 'ph1', 'tel_no', 'addr_ln1', 'city_nm', 'st', 'pstcd', 'eml', 'ssn_no', 'nid'] + fnames(FS)
    rows = [cols]
    for i in range(17):
        loc = 'en_AU' if S.chance(.4) else 'en_US'
        p = person(S, loc)
        full = '%s %s. %s' % (p['given'], r.choice('ABCDEFGHJKLMNPRSTW'), p['family']) if S.chance(.3) else p['full']
        nid = sp(S, .8, lambda: nid_or_off(S, p, 'std' if loc == 'en_US' else r.choice(['std', 'compact']), .1))
        rows.append(['%d' % (880000 + i * 7), nm(p, 'given'), nm(p, 'family'), P('name', full, 'full', loc),
                     dobv(p, r.choice(['ymd-', p['dfmt']])), sp(S, .6, lambda: phv(S, p, styles=['national', 'nosep'])),
                     sp(S, .6, lambda: phv(S, p, styles=['intl', 'e164', 'national'])), astreet(p), neg_city(S, p), p['addr']['state'],
                     p['addr']['pc'], sp(S, .8, lambda: emv(S, p)), nid if loc == 'en_US' else None, nid if loc == 'en_AU' else None] + frow(S, FS))
    out = Out()
    write_csv(out, rows, cols)
    emit_text('csv/abbrev_hdr.csv', out, 'abbrev')


def sec_field_br():
    S = Sec('field_br')
    r = S.r
    FS = fspec(S, 17)
    cols = ['field_01', 'field_12', 'attr_a9', 'attr_b2', 'field_07', 'attr_c1', 'field_03', 'attr_d4', 'bdt'] + fnames(FS, 'field', 20)
    rows = [cols]
    for i in range(26):
        p = person(S, 'pt_BR')
        rows.append([str(i + 1), nm(p, 'full'), nid_or_off(S, p, r.choice(['std', 'std', 'compact']), .12),
                     sp(S, .8, lambda: phv(S, p, styles=['national', 'intl', 'nosep', 'e164'])), sp(S, .7, lambda: emv(S, p)), sp(S, .7, lambda: afull(p)),
                     neg_company_id(S) if S.chance(.7) else '', neg_company(S, 'pt_BR'), fmt_date(p['dob'], 'dmy/')] + frow(S, FS))
    out = Out()
    write_csv(out, rows, cols, delim=';')
    emit_text('csv/field_attr_br.csv', out, 'fieldattrbr')


def sec_gz_archive():
    S = Sec('gz_archive')
    r = S.r
    FS = fspec(S, 17)
    rows = []
    for i in range(24):
        loc = r.choice(['pl_PL', 'sv_SE'])
        p = person(S, loc)
        style = 'compact' if loc == 'pl_PL' else r.choice(['std', 'std', 'compact'])
        rows.append([nm(p, 'full'), nid_or_off(S, p, style, .1), sp(S, .8, lambda: phv(S, p, styles=['national', 'intl', 'nosep', 'e164', 'intl00'])),
                     sp(S, .7, lambda: emv(S, p)), sp(S, .7, lambda: afull(p)), sp(S, .6, lambda: iban_or_off(S, p, off=.1)),
                     fmt_date(rand_date(r, 2021, 2021), 'ymd-'), amount(S)] + frow(S, FS))
    out = Out()
    write_csv(out, rows)
    emit_text('csv/archive_2021.csv.gz', out, 'gzplse', compress='gz')


# ----------------------------------------------------------------------------------------- spreadsheets
def de_amount(v):
    return '{:,.2f}'.format(v).replace(',', 'X').replace('.', ',').replace('X', '.')


def sec_kunden_cp1252():
    S = Sec('kunden_cp1252')
    r = S.r
    nl = '\r\n'
    FS = fspec(S, 15)
    cols = ['Kd-Nr.', 'Vorname', 'Nachname', 'Geburtsdatum', 'Anschrift', 'Telefon', 'E-Mail', 'IBAN', 'Umsatz 2023 (€)', 'Kunde seit',
            'Filiale', 'Bonuspunkte', 'Zahlungsart'] + fnames(FS)
    w = len(cols) - 1
    rows = ['Kundenliste Filiale Nord' + ';' * w, 'Export vom 02.01.2024 08:15' + ';' * w, ';' * w, cols]
    total = 0.0
    for i in range(20):
        p = person(S, 'de_DE', enc='cp1252')
        amt = r.uniform(20, 9000)
        total += round(amt, 2)
        rows.append([str(10400 + i), nm(p, 'given'), nm(p, 'family'), dobv(p, r.choice(['dmy.', 'dmy.', 'dmy.s'])), afull(p),
                     sp(S, .8, lambda: phv(S, p, styles=['national', 'national', 'dash', 'intl'])), sp(S, .75, lambda: emv(S, p)),
                     sp(S, .7, lambda: iban_or_off(S, p, 'space', .1)), de_amount(amt), neg_event_date(S, 'dmy.', 'de_DE', .6, 2005, 2023),
                     r.choice(['Nord', 'Nord-Ost', 'Zentrale']), str(r.randint(0, 4000)), r.choice(['Lastschrift', 'Rechnung', 'PayPal', 'Kreditkarte'])]
                    + frow(S, FS, 'cp1252'))
        if i in (7, 14):
            rows.append(';' * w)
    rows.append(';' * w)
    rows.append('Summe' + ';' * 8 + de_amount(total) + ';' * (w - 8))
    out = Out()
    write_csv(out, rows, cols, delim=';', nl=nl)
    emit_text('sheets/kunden_2023.csv', out, 'xlsdecp1252', encoding='cp1252')


def sec_adherents_bom():
    S = Sec('adherents_bom')
    r = S.r
    nl = '\r\n'
    FS = fspec(S, 14)
    cols = ['Prénom', 'Nom', 'Date de naissance', 'Téléphone', 'Courriel', 'Adresse', "Date d'adhésion", 'Cotisation', 'Section',
            'Mode de paiement', 'Reçu fiscal'] + fnames(FS)
    w = len(cols) - 1
    rows = ['Identité;;;Coordonnées;;;Adhésion' + ';' * (w - 6), cols]
    tot = 0.0
    for i in range(22):
        p = person(S, 'fr_FR')
        fam = nm(p, 'family') if S.chance(.5) else P('name', p['family'].upper(), 'familyupper', 'fr_FR')
        c = r.choice([45.0, 30.0, 60.0, 15.5])
        tot += c
        rows.append([nm(p, 'given'), fam, dobv(p, 'dmy/'), sp(S, .85, lambda: phv(S, p, styles=['national', 'dots', 'intl', 'nosep'])),
                     sp(S, .75, lambda: emv(S, p)), afull(p), neg_event_date(S, 'dmy/', 'fr_FR', .6, 2010, 2024), ('%.2f' % c).replace('.', ','),
                     r.choice(['Randonnée', 'Chorale', 'Théâtre', 'Jardinage']), r.choice(['chèque', 'virement', 'espèces', 'CB']),
                     r.choice(['oui', 'non'])] + frow(S, FS))
        if i in (8, 16):
            rows.append(';' * w)
    rows.append(';' * w)
    rows.append('Total' + ';' * 7 + ('%.2f' % tot).replace('.', ',') + ';' * (w - 7))
    out = Out()
    out.w('\ufeff')
    write_csv(out, rows, cols, delim=';', nl=nl)
    emit_text('sheets/adherents.csv', out, 'xlsfrbom')


def sec_socios_es():
    S = Sec('socios_es')
    r = S.r
    FS = fspec(S, 15)
    cols = ['Nombre', 'Apellidos', 'Fecha de nacimiento', 'DNI/NIE', 'Teléfono', 'Correo electrónico', 'Domicilio', 'Localidad', 'Fecha de alta',
            'Cuota', 'Categoría'] + fnames(FS)
    rows = [cols]
    for i in range(20):
        p = person(S, 'es_ES')
        rows.append([nm(p, 'given'), nm(p, 'family'), dobv(p, r.choice(['dmy/', 'dmy-'])),
                     sp(S, .8, lambda: nid_or_off(S, p, r.choice(['compact', 'std']), .12, r.choice(['es.dni', 'es.dni', 'es.nie']))),
                     sp(S, .8, lambda: phv(S, p, styles=['national', 'nosep', 'intl', 'intl00'])), sp(S, .75, lambda: emv(S, p)), astreet(p), neg_city(S, p),
                     neg_event_date(S, 'dmy/', 'es_ES', .6, 2012, 2024), r.choice(['20,00', '35,50', '12,00']),
                     r.choice(['infantil', 'adulto', 'senior', 'familiar'])] + frow(S, FS))
    out = Out()
    write_csv(out, rows, cols)
    emit_text('csv/socios_es.csv', out, 'hdres')


def sec_meibo_ja():
    S = Sec('meibo_ja')
    r = S.r
    FS = fspec(S, 14)
    cols = ['社員番号', '氏名', 'フリガナ', '生年月日', '性別', '電話番号', '住所', '個人番号', 'メールアドレス', '入社日', '所属', '役職', '雇用区分'] + fnames(FS)
    rows = [cols]
    for i in range(20):
        if i == 9:
            rows.append(['S%05d' % (300 + i), N('name', '山田太郎', 'placeholder_person', 'ja_JP'), 'ヤマダ タロウ', '1980/01/01', '男',
                         '03-0000-0000', '東京都千代田区千代田1-1', '', neg_example_email(S), '2020/04/01', '総務部', '部長', '正社員'] + frow(S, FS, 'cp932'))
            continue
        p = person(S, 'ja_JP', enc='cp932')
        rows.append(['S%05d' % (300 + i), nm(p, 'full'), nm(p, 'kana'), dobv(p, r.choice(['ymd/', 'wareki', 'ymdc'])),
                     '男' if p['sex'] == 'M' else '女', sp(S, .85, lambda: phv(S, p, styles=['national', 'national', 'nosep', 'intl'])), afull(p),
                     sp(S, .6, lambda: nid_or_off(S, p, r.choice(['std', 'compact']), .12)), sp(S, .75, lambda: emv(S, p)),
                     neg_event_date(S, 'ymd/', 'ja_JP', .6, 2000, 2024), r.choice(['営業部', '総務部', '開発部', '経理部', '人事部']),
                     r.choice(['主任', '課長', '係長', '一般', '部長']), r.choice(['正社員', '契約社員', 'パート'])] + frow(S, FS, 'cp932'))
    out = Out()
    write_csv(out, rows, cols, nl='\r\n')
    emit_text('csv/meibo_ja.csv', out, 'hdrjacp932', encoding='cp932')


def sec_kehu_zh():
    S = Sec('kehu_zh')
    r = S.r
    FS = fspec(S, 15)
    cols = ['客户编号', '姓名', '性别', '出生日期', '身份证号', '手机号', '地址', '邮箱', '所属公司', '会员等级', '积分'] + fnames(FS)
    rows = [cols]
    for i in range(23):
        if i in (5, 17):
            rows.append(['C%06d' % (i + 1), neg_placeholder_person(S, 'zh_CN'), '男', '1990-01-01', '110101199001011234', '13800000000',
                         '北京市东城区某某路1号', neg_example_email(S), neg_company(S, 'zh_CN', 1), '普通', '0'] + frow(S, FS))
            continue
        p = person(S, 'zh_CN')
        rows.append(['C%06d' % (i + 1), nm(p, 'full'), '男' if p['sex'] == 'M' else '女', dobv(p, r.choice(['ymd-', 'ymdc', 'ymd'])),
                     sp(S, .8, lambda: nid_or_off(S, p, 'compact', .12)), sp(S, .85, lambda: ph_or_drop(S, p, ['nosep', 'nosep', 'intl', 'e164'], .12)),
                     sp(S, .8, lambda: afull(p)), sp(S, .7, lambda: emv(S, p)), neg_company(S, 'zh_CN'), r.choice(['普通', '白银', '黄金', '钻石']),
                     str(r.randint(0, 20000))] + frow(S, FS))
    out = Out()
    write_csv(out, rows, cols)
    emit_text('csv/kehu_zh.csv', out, 'hdrzh')


def sec_hoewon_ko():
    S = Sec('hoewon_ko')
    r = S.r
    FS = fspec(S, 15)
    cols = ['회원번호', '이름', '생년월일', '전화번호', '주소', '주민등록번호', '이메일', '가입일', '등급', '수신동의'] + fnames(FS)
    rows = [cols]
    for i in range(23):
        if i in (4, 15):
            rows.append(['M%05d' % (i + 1), neg_placeholder_person(S, 'ko_KR'), '1990.01.01', '010-0000-0000', '서울특별시 어딘가',
                         '', neg_example_email(S), neg_event_date(S, 'ymd-', 'ko_KR', 1), '일반', 'N'] + frow(S, FS))
            continue
        p = person(S, 'ko_KR')
        rows.append(['M%05d' % (i + 1), nm(p, 'full'), dobv(p, r.choice(['ymd.', 'ymd-', 'ymdk'])),
                     sp(S, .85, lambda: ph_or_drop(S, p, ['national', 'national', 'nosep', 'intl'], .12)), sp(S, .8, lambda: afull(p)),
                     sp(S, .6, lambda: nid_or_off(S, p, r.choice(['std', 'std', 'compact']), .12)), sp(S, .75, lambda: emv(S, p)),
                     neg_event_date(S, 'ymd-', 'ko_KR', .6, 2015, 2024), r.choice(['일반', '실버', '골드', 'VIP']), r.choice(['Y', 'N'])] + frow(S, FS))
    out = Out()
    write_csv(out, rows, cols)
    emit_text('csv/hoewon_ko.csv', out, 'hdrko')


def sec_klienty_ru():
    S = Sec('klienty_ru')
    r = S.r
    FS = fspec(S, 15)
    cols = ['№', 'ФИО', 'Дата рождения', 'Телефон', 'ИНН', 'Адрес', 'Email', 'Город', 'Дата регистрации', 'Статус', 'Скидка, %'] + fnames(FS)
    rows = [cols]
    for i in range(22):
        if i == 12:
            rows.append([str(i + 1), N('name', 'Иванов Иван Иванович', 'placeholder_person', 'ru_RU'), '01.01.1980', '+7 (000) 000-00-00',
                         '', 'г. Москва', neg_example_email(S), 'Москва', '01.01.2020', 'тест', '0'] + frow(S, FS))
            continue
        p = person(S, 'ru_RU')
        rows.append([str(i + 1), nm(p, 'full'), dobv(p, 'dmy.'), sp(S, .85, lambda: ph_or_drop(S, p, ['national', 'intl', 'nosep', 'e164'], .12)),
                     sp(S, .7, lambda: nid_or_off(S, p, 'compact', .12)), sp(S, .8, lambda: afull(p)), sp(S, .75, lambda: emv(S, p)),
                     neg_city(S, p), neg_event_date(S, 'dmy.', 'ru_RU', .6, 2016, 2024), r.choice(['активен', 'заблокирован', 'новый']),
                     str(r.choice([0, 3, 5, 10]))] + frow(S, FS))
    out = Out()
    write_csv(out, rows, cols, delim=';')
    emit_text('csv/klienty_ru.csv', out, 'hdrru')


def sec_ar():
    S = Sec('ar_sa')
    r = S.r
    FS = fspec(S, 15)
    cols = ['رقم العميل', 'الاسم', 'رقم الهاتف', 'البريد الإلكتروني', 'تاريخ الميلاد', 'الآيبان', 'العنوان', 'المدينة', 'الحالة'] + fnames(FS)
    rows = [cols]
    for i in range(22):
        p = person(S, 'ar_SA')
        rows.append(['%d' % (7000 + i), nm(p, 'full'), sp(S, .85, lambda: phv(S, p, styles=['national', 'nosep', 'intl', 'e164'])),
                     sp(S, .7, lambda: emv(S, p)), dobv(p, 'dmy/'), sp(S, .7, lambda: iban_or_off(S, p, off=.12)), sp(S, .8, lambda: afull(p)),
                     neg_city(S, p), r.choice(['نشط', 'موقوف', 'جديد'])] + frow(S, FS))
    out = Out()
    write_csv(out, rows, cols)
    emit_text('csv/customers_ar.csv', out, 'hdrar')


def sec_hi():
    S = Sec('hi_in')
    r = S.r
    FS = fspec(S, 15)
    cols = ['सदस्य संख्या', 'नाम', 'जन्म तिथि', 'मोबाइल', 'आधार', 'पैन', 'पता', 'शहर', 'सदस्यता प्रकार'] + fnames(FS)
    rows = [cols]
    for i in range(22):
        loc = 'hi_IN' if S.chance(.6) else 'en_IN'
        p = person(S, loc)
        rows.append(['%d' % (2300 + i), nm(p, 'full'), dobv(p, r.choice(['dmy/', 'dmy-'])), sp(S, .85, lambda: phv(S, p, styles=['nosep', 'intl', 'national', 'e164'])),
                     sp(S, .7, lambda: nid_or_off(S, p, r.choice(['std', 'compact']), .12, 'in_.aadhaar')),
                     sp(S, .5, lambda: nid_or_off(S, p, 'compact', .1, 'in_.pan')), sp(S, .8, lambda: afull(p)), neg_city(S, p),
                     r.choice(['सामान्य', 'आजीवन', 'वरिष्ठ'])] + frow(S, FS))
    out = Out()
    write_csv(out, rows, cols)
    emit_text('csv/members_hi.csv', out, 'hdrhi')


def sec_multi_sheet():
    S = Sec('multi_sheet')
    r = S.r
    FS = fspec(S, 14)
    w = 7 + len(FS)
    rows = ['Raport kwartalny Q3 2023 / Kvartalsrapport / Çeyrek raporu' + ',' * (w - 1), ',' * (w - 1), None]
    groups = [('pl_PL', 'Oddział Kraków', ['Imię', 'Nazwisko', 'Data urodzenia', 'PESEL', 'Telefon', 'E-mail', 'Kwota'], 'Razem'),
              ('sv_SE', 'Filial Göteborg', ['Förnamn', 'Efternamn', 'Födelsedatum', 'Personnummer', 'Telefon', 'E-post', 'Belopp'], 'Summa'),
              ('tr_TR', 'Şube İzmir', ['Ad', 'Soyad', 'Doğum tarihi', 'TC Kimlik No', 'Telefon', 'E-posta', 'Tutar'], 'Toplam')]
    grand = 0.0
    for loc, title, cols, tot in groups:
        cols = cols + fnames(FS)
        rows.append(title + ',' * (w - 1))
        rows.append((cols, cols))
        sub = 0.0
        for i in range(8):
            p = person(S, loc)
            a = round(r.uniform(100, 5000), 2)
            sub += a
            style = 'compact' if loc != 'sv_SE' else r.choice(['std', 'std', 'compact'])
            rows.append(([nm(p, 'given'), nm(p, 'family'), dobv(p), sp(S, .8, lambda: nid_or_off(S, p, style, .12)),
                          sp(S, .8, lambda: phv(S, p, styles=['national', 'intl', 'nosep'])), sp(S, .7, lambda: emv(S, p)), '%.2f' % a] + frow(S, FS), cols))
        rows.append('%s,,,,,,%.2f' % (tot, sub) + ',' * (w - 7))
        rows.append(',' * (w - 1))
        grand += sub
    rows.append('TOTAL,,,,,,%.2f' % grand + ',' * (w - 7))
    out = Out()
    write_csv(out, rows)
    emit_text('sheets/raport_q3.csv', out, 'xlsmulti')


def sec_utf16():
    S = Sec('utf16')
    r = S.r
    FS = fspec(S, 15)
    cols = ['Naam', 'Geboortedatum', 'BSN', 'Telefoonnummer', 'E-mailadres', 'Adres', 'Woonplaats', 'Lid sinds', 'Contributie'] + fnames(FS)
    rows = [cols]
    for i in range(22):
        p = person(S, 'nl_NL')
        rows.append([nm(p, 'full'), dobv(p, 'dmy-'), sp(S, .7, lambda: nid_or_off(S, p, 'compact', .12)),
                     sp(S, .85, lambda: phv(S, p, styles=['national', 'nosep', 'intl'])), sp(S, .75, lambda: emv(S, p)), astreet(p), neg_city(S, p),
                     neg_event_date(S, 'dmy-', 'nl_NL', .6, 2010, 2024), de_amount(r.uniform(20, 200))] + frow(S, FS))
    out = Out()
    write_csv(out, rows, cols, delim='\t', nl='\r\n')
    emit_text('sheets/export_unicode.txt', out, 'xlsutf16', encoding='utf-16-le')


def sec_misleading():
    S = Sec('misleading')
    r = S.r
    FS = fspec(S, 13)
    cols = ['id', 'name', 'phone', 'email', 'notes', 'value', 'comment', 'customer'] + fnames(FS)
    rows = [cols]
    for i in range(36):
        loc = r.choice(['en_US', 'en_GB', 'en_AU'])
        p = person(S, loc)
        k = r.random()
        if k < .35:
            notes = emv(S, p)
        elif k < .65:
            notes = phv(S, p, styles=['national', 'nosep', 'intl'])
        elif k < .85:
            notes = M([r.choice(['pls call ', 'cb on ', 'mobile: ', 'ring ']), phv(S, p, styles=['national', 'nosep']),
                       r.choice([' after 5pm', ' (wife)', '', ' - urgent'])])
        else:
            notes = r.choice(['no answer', 'left voicemail', 'n/a', 'VIP', 'moved'])
        k = r.random()
        value = emv(S, p) if k < .4 else (phv(S, p, styles=['e164', 'intl']) if k < .8 else ipv(S))
        comment = M([r.choice(['spoke to ', 'per ', 'contact: ', 'signed by ']), nm(p, 'full'),
                     r.choice([' - prefers email ', ', email ', ' / ']), emv(S, p)]) if S.chance(.6) else r.choice(['ok', 'follow up Q3', ''])
        rows.append([str(i + 1), neg_product(S), neg_order(S, p['reg']), neg_example_email(S, p), notes, value, comment,
                     neg_company(S, loc, .8)] + frow(S, FS))
    out = Out()
    write_csv(out, rows, cols)
    emit_text('csv/misleading_headers.csv', out, 'misleading')


# ---------------------------------------------------------------------------------------------- key-value
def sec_field_value():
    S = Sec('field_value')
    r = S.r
    rows = [['field', 'value']]
    FS = fspec(S, 6)
    for i in range(16):
        loc = r.choice(['es_ES', 'es_ES', 'es_MX', 'de_DE'])
        p = person(S, loc)
        rows.append(['record', str(i + 1)])
        if loc == 'de_DE':
            kv = [('vorname', nm(p, 'given')), ('nachname', nm(p, 'family')), ('geb_datum', dobv(p, 'dmy.')),
                  ('steuer_id', nid_or_off(S, p, 'compact', .12)), ('telefon', phv(S, p, styles=['national', 'nosep'])), ('mail', emv(S, p)),
                  ('anschrift', afull(p)), ('a17', iban_or_off(S, p, off=.12)), ('angelegt_am', N('dob', ts(S), 'timestamp')),
                  ('kundengruppe', r.choice(['B2C', 'B2B'])), ('newsletter', r.choice(['ja', 'nein'])), ('umsatz', de_amount(r.uniform(0, 9000))),
                  ('a22', r.choice(['0', '1'])), ('a23', str(r.randint(1, 400)))]
        else:
            kv = [('nombre', nm(p, 'given')), ('apellidos', nm(p, 'family')), ('fecha_nac', dobv(p, 'dmy/')),
                  ('dni' if loc == 'es_ES' else 'curp', nid_or_off(S, p, 'compact', .12)), ('tel', phv(S, p, styles=['national', 'nosep', 'intl'])),
                  ('email', emv(S, p)), ('domicilio', afull(p)),
                  ('a17', iban_or_off(S, p, off=.12) if loc == 'es_ES' else cardv(S, loc='es_MX')),
                  ('fecha_alta', neg_event_date(S, 'dmy/', loc, .7, 2015, 2024)), ('tipo', r.choice(['particular', 'empresa'])),
                  ('publicidad', r.choice(['sí', 'no'])), ('saldo', '%.2f' % r.uniform(0, 3000)), ('a22', r.choice(['0', '1'])),
                  ('a23', str(r.randint(1, 400)))]
        kv += list(zip(['a%d' % (24 + j) for j in range(len(FS))], frow(S, FS)))
        for k, v in kv:
            rows.append([k, v])
        rows.append(None)
    out = Out()
    write_csv(out, rows, ['field', 'value'])
    emit_text('kv/field_value.csv', out, 'fieldvalue')


def sec_eav():
    S = Sec('eav')
    r = S.r
    cols = ['entity_id', 'attr', 'val', 'src', 'ts']
    rows = [cols]
    for e in range(26):
        loc = r.choice(['de_DE', 'nl_NL', 'fr_FR', 'it_IT', 'en_GB'])
        p = person(S, loc)
        dobkey = {'de_DE': 'geburtsdatum', 'nl_NL': 'geboortedatum', 'fr_FR': 'date_naissance', 'it_IT': 'data_nascita', 'en_GB': 'dob'}[loc]
        streetkey = {'de_DE': 'strasse', 'nl_NL': 'straat', 'fr_FR': 'rue', 'it_IT': 'via', 'en_GB': 'addr1'}[loc]
        citykey = {'de_DE': 'ort', 'nl_NL': 'plaats', 'fr_FR': 'ville', 'it_IT': 'citta', 'en_GB': 'town'}[loc]
        attrs = [('name', lambda: nm(p, 'full')), ('email', lambda: emv(S, p)), (dobkey, lambda: dobv(p)),
                 ('telefon' if loc == 'de_DE' else 'tel', lambda: phv(S, p, styles=['national', 'intl', 'intl00'])),
                 ('a17', lambda: phv(S, p, styles=['nosep', 'e164'])), ('a03', lambda: emv(S, p)),
                 ('a09', lambda: fmt_date(rand_date(r, 1950, 2024), 'ymd-')), ('a11', lambda: nid_or_off(S, p, 'compact', .12)),
                 (streetkey, lambda: astreet(p)), (citykey, lambda: neg_city(S, p, .8)), ('a21', lambda: neg_company(S, loc, .7))]
        extra = [('a02', lambda: r.choice(['0', '1'])), ('a05', lambda: str(r.randint(0, 999))), ('a12', lambda: r.choice(['B2C', 'B2B', 'GOV'])),
                 ('lang', lambda: loc[:2]), ('a30', lambda: '%.2f' % r.uniform(0, 500))]
        keep = [attrs[0]] + r.sample(attrs[1:], 4) + r.sample(extra, 3)
        r.shuffle(keep)
        eid = 'E%05d' % (e * 13 + 101)
        for k, fn in keep:
            rows.append([eid, k, fn(), r.choice(['crm', 'web', 'import']), ts(S, 2023, 2024, 'space')])
    out = Out()
    write_csv(out, rows, cols)
    emit_text('kv/eav.csv', out, 'eav')


def sec_wide():
    S = Sec('wide')
    r = S.r
    FS = fspec(S, 14)
    cols = ['id', 'display_name', 'contact_1', 'contact_2', 'contact_3', 'contact_4', 'contact_5', 'phone_home', 'phone_work', 'fax', 'org'] + fnames(FS)
    rows = [cols]
    for i in range(24):
        loc = r.choice(['en_GB', 'en_AU', 'en_US', 'en_IN'])
        p = person(S, loc)
        cs = []
        for j in range(5):
            k = r.random()
            if k < .2:
                cs.append(emv(S, p))
            elif k < .4:
                cs.append(phv(S, p, styles=['national', 'intl', 'nosep', 'e164', 'intl00']))
            elif k < .5:
                cs.append(neg_example_email(S, p))
            elif k < .58 and loc != 'en_IN':
                cs.append(neg_fict_phone(S, p['reg']))
            else:
                cs.append('')
        fax = neg_dropped_phone(S, p) if S.chance(.35) else ''
        rows.append([str(i + 1), nm(p, 'full'), *cs, phv(S, p, 'national', kind='fixed') if S.chance(.6) else '',
                     sp(S, .7, lambda: phv(S, p, styles=['intl', 'national'])), fax, neg_company(S, loc)] + frow(S, FS))
    out = Out()
    write_csv(out, rows, cols)
    emit_text('kv/wide_contacts.csv', out, 'wide')


def sec_transposed():
    S = Sec('transposed')
    r = S.r
    n = 20
    ps = [person(S, r.choice(['sv_SE', 'pl_PL'])) for _ in range(n)]
    cells = {}
    cells['a1'] = [nm(p, 'full') for p in ps]
    cells['a2'] = [nid_or_off(S, p, 'std' if p['loc'] == 'sv_SE' else 'compact', .12) for p in ps]
    cells['a3'] = [sp(S, .8, lambda: phv(S, p, styles=['national', 'intl', 'nosep'])) for p in ps]
    cells['a4'] = [sp(S, .7, lambda: emv(S, p)) for p in ps]
    cells['a5'] = [astreet(p) for p in ps]
    cells['a6'] = [neg_city(S, p, .7) for p in ps]
    cells['a7'] = [sp(S, .6, lambda: iban_or_off(S, p, off=.12)) for p in ps]
    cells['a8'] = [fmt_date(rand_date(r, 1950, 2024), 'ymd-') for p in ps]
    for k in fspec(S, 19):
        cells['a%d' % (len(cells) + 1)] = [FILL[k](S) for _ in ps]
    head = ['attr'] + ['r%03d' % (i + 1) for i in range(n)]
    rows = [head]
    for k, vals in cells.items():
        rows.append([k] + vals)
    out = Out()
    write_csv(out, rows, head)
    emit_text('kv/transposed.csv', out, 'transposed')


def sec_settings():
    S = Sec('settings')
    r = S.r
    cols = ['k', 'v', 'updated', 'owner', 'scope']
    rows = [cols]
    kinds = ['aws_id', 'aws_secret', 'ghp', 'github_pat', 'glpat', 'slack', 'stripe', 'google', 'sendgrid', 'twilio', 'npm', 'jwt', 'openai']
    items = []
    for kd in kinds * 4:
        items.append(('s', kd))
    for kd in ['pem', 'pem', 'pem_esc', 'pem_esc', 'openssh']:
        items.append(('s', kd))
    items += [('hash', None)] * 10 + [('uuid', None)] * 10 + [('ph', None)] * 6 + [('cfg', None)] * 40 + [('ip', None)] * 8 + [('docip', None)] * 6
    r.shuffle(items)
    for i, (typ, kd) in enumerate(items):
        key = 'k%02d' % (i + 1) if S.chance(.7) else r.choice(['svc.token', 'api_key', 'x_auth', 'cred', 'secret_ref', 'bind', 'opt'])
        if typ == 's':
            v = secretv(S, kd)
        elif typ == 'hash':
            v = neg_hash(S)
        elif typ == 'uuid':
            v = neg_uuid(S)
        elif typ == 'ph':
            v = neg_secret_placeholder(S)
        elif typ == 'ip':
            v = ipv(S)
        elif typ == 'docip':
            v = neg_doc_ip(S)
        else:
            v = r.choice(['30', 'true', 'eu-west-1', 'INFO', '5432', 'utf-8', '/var/lib/app', 'https://api.internal.local/v2', '0.25', 'false',
                          'Europe/Berlin', 'max_conn=200', 'gzip', 'DEBUG', '443'])
        rows.append([key, v, ts(S, 2023, 2024, 'isoz'), r.choice(['platform', 'payments', 'data-eng', 'ops']), r.choice(['prod', 'staging', 'dev'])])
    out = Out()
    write_csv(out, rows, cols)
    emit_text('kv/settings_export.csv', out, 'settings')


# ---------------------------------------------------------------------------------------------- fixed width
def sec_fixed_us():
    S = Sec('fixed_us')
    r = S.r
    out = Out()
    i = 0
    while i < 34:
        p = person(S, 'en_US')
        name = '%s/%s' % (p['family'].upper(), p['given'].upper())
        street = p['addr']['street'].upper()
        city = p['addr']['city'].upper()
        if len(name) > 30 or len(street) > 30 or len(city) > 20:
            continue
        out.w('%08d' % (10020 + i * 3))
        fixed_field(out, P('name', name, 'mainframe', 'en_US'), 30, 'NAME 9-38')
        fixed_field(out, sp(S, .8, lambda: nid_or_off(S, p, 'compact', .12)), 9, 'SSN 39-47')
        out.w(fmt_date(p['dob'], 'ymd'))
        fixed_field(out, sp(S, .8, lambda: phv(S, p, 'nosep')), 10, 'PHONE 56-65')
        fixed_field(out, P('address', street, 'streetupper', 'en_US'), 30, 'STREET 66-95')
        fixed_field(out, N('address', city, 'city', 'en_US') if S.chance(.6) else city, 20, 'CITY 96-115')
        out.w(p['addr']['state'] + p['addr']['pc'][:5] + '%011d' % r.randint(0, 9999999) + r.choice('AIC') + r.choice('YN') +
              '%04d' % r.randint(0, 9999) + '%02d' % r.randint(0, 99) + r.choice(['RET', 'COM', 'GOV', 'EDU']) + ' ' * 8 +
              '%09d' % r.randint(0, 10 ** 8) + ' ' * 6)
        out.w(fill_desc(S)[:60].ljust(60))
        out.w('\n')
        i += 1
    emit_text('fixed/CUSTMAST.DAT', out, 'fixedus')


def sec_fixed_eu():
    S = Sec('fixed_eu')
    r = S.r
    out = Out()
    n = 22
    out.w('H' + 'PERSREG ' + '20240131' + '%06d' % n + ' ' * 180 + '\n')
    i = 0
    while i < n:
        loc = r.choice(['de_DE', 'nl_NL', 'fr_FR', 'it_IT', 'es_ES'])
        p = person(S, loc)
        if len(p['family']) > 24 or len(p['given']) > 20:
            continue
        out.w('D%06d' % (i + 1) + loc[-2:])
        fixed_field(out, nm(p, 'family'), 24, 'FAMNAME 10-33')
        fixed_field(out, nm(p, 'given'), 20, 'GIVNAME 34-53')
        fixed_field(out, nid_or_off(S, p, 'compact', .12), 18, 'ID 54-71')
        fixed_field(out, sp(S, .7, lambda: iban_or_off(S, p, 'compact', .1)), 34, 'ACCT 72-105')
        fixed_field(out, sp(S, .8, lambda: phv(S, p, 'e164')), 16, 'TEL 106-121')
        e = emv(S, p) if S.chance(.7) else ''
        fixed_field(out, e if len(plain(e)) <= 40 else '', 40, 'MAIL 122-161')
        out.w('%010d' % r.randint(0, 10 ** 9) + r.choice('AB') + r.choice(['EUR', 'CHF']) + '%012d' % r.randint(0, 10 ** 10) +
              ''.join(r.choice('01') for _ in range(12)) + r.choice(['STD', 'PRM', 'BAS']) + ' ' * 20)
        out.w(fill_desc(S)[:60].ljust(60) + FILL['url'](S)[:70].ljust(70))
        out.w('\n')
        i += 1
    out.w('T%06d' % n + ' ' * 190 + '\n')
    emit_text('fixed/PERSREG.TXT', out, 'fixedeu')


# ---------------------------------------------------------------------------------------------- html / xml
def html_table(out, head, rows, cols):
    out.w('<table class="grid">\n  <thead><tr>' + ''.join('<th>%s</th>' % hesc(h) for h in head) + '</tr></thead>\n  <tbody>\n')
    for row in rows:
        out.w('    <tr>')
        for j, cell in enumerate(row):
            out.w('<td>')
            out.put(cell, hesc, cols[j], 'html')
            out.w('</td>')
        out.w('</tr>\n')
    out.w('  </tbody>\n</table>\n')


def sec_html_in():
    S = Sec('html_in')
    r = S.r
    FS = fspec(S, 15)
    head = ['', 'A', 'B', 'C', 'D', 'E', 'F', 'G'] + [chr(ord('H') + i) for i in range(len(FS))]
    rows = []
    for i in range(26):
        p = person(S, 'en_IN')
        if S.chance(.15):
            fam = r.choice(["D'Souza", "D'Costa", "D'Mello", "D'Silva"])
            p['family'] = fam
            p['full'] = p['given'] + ' ' + fam
        rows.append([str(i + 1), nm(p, 'full'), sp(S, .7, lambda: nid_or_off(S, p, 'compact', .1, 'in_.pan')),
                     sp(S, .7, lambda: nid_or_off(S, p, 'std', .12, 'in_.aadhaar')), sp(S, .8, lambda: phv(S, p, styles=['intl', 'national', 'nosep', 'e164'])),
                     sp(S, .7, lambda: emv(S, p)), neg_company(S, 'en_IN', .7), neg_city(S, p)] + frow(S, FS))
    out = Out()
    out.w('<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Sheet1</title></head>\n<body>\n<h3>Sheet1</h3>\n')
    html_table(out, head, rows, head)
    out.w('</body>\n</html>\n')
    emit_text('html/report.html', out, 'htmlin')


def sec_html_de_fr():
    S = Sec('html_de_fr')
    r = S.r
    out = Out()
    out.w('<!DOCTYPE html>\n<html>\n<head><meta charset="utf-8"><title>Mitglieder / Membres</title></head>\n<body>\n<h2>Mitglieder Ortsgruppe</h2>\n')
    FS = fspec(S, 8)
    head = ['Name', 'Vorname', 'Geburtsdatum', 'Straße', 'PLZ', 'Ort', 'Telefon', 'E-Mail', 'Eintritt', 'Beitrag', 'Abteilung'] + fnames(FS)
    rows = []
    for i in range(12):
        p = person(S, 'de_DE')
        rows.append([nm(p, 'family'), nm(p, 'given'), dobv(p, 'dmy.'), astreet(p), p['addr']['pc'], neg_city(S, p, .7),
                     sp(S, .8, lambda: phv(S, p, styles=['national', 'dash', 'intl'])), sp(S, .7, lambda: emv(S, p)),
                     neg_event_date(S, 'dmy.', 'de_DE', .5, 2000, 2024), de_amount(r.choice([24, 36, 60, 120])),
                     r.choice(['Fußball', 'Turnen', 'Tennis', 'Schwimmen'])] + frow(S, FS))
    html_table(out, head, rows, head)
    out.w('<h2>Membres de l&#39;association</h2>\n')
    head = ['Nom', 'Prénom', 'Date de naissance', 'Adresse', 'Code postal', 'Ville', 'Téléphone', 'Courriel', 'Adhésion', 'Cotisation', 'Activité'] + fnames(FS)
    rows = []
    for i in range(12):
        p = person(S, 'fr_FR')
        rows.append([nm(p, 'family'), nm(p, 'given'), dobv(p, 'dmy/'), astreet(p), p['addr']['pc'], neg_city(S, p, .7),
                     sp(S, .8, lambda: phv(S, p, styles=['national', 'dots', 'intl'])), sp(S, .7, lambda: emv(S, p)),
                     neg_event_date(S, 'dmy/', 'fr_FR', .5, 2000, 2024), de_amount(r.choice([24, 36, 60, 120])),
                     r.choice(['Randonnée', 'Chorale', 'Théâtre', 'Jardinage'])] + frow(S, FS))
    html_table(out, head, rows, head)
    out.w('</body>\n</html>\n')
    emit_text('html/mitglieder.html', out, 'htmldefr')


def sec_xml_c():
    S = Sec('xml_c')
    r = S.r
    FS = fspec(S, 15)
    out = Out()
    out.w('<?xml version="1.0" encoding="UTF-8"?>\n<export src="T0042" rows="22">\n')
    for i in range(22):
        loc = r.choice(['pl_PL', 'it_IT'])
        p = person(S, loc)
        cells = [str(i + 1), nm(p, 'full'), nid_or_off(S, p, 'compact', .12), sp(S, .8, lambda: phv(S, p, styles=['national', 'intl', 'nosep'])),
                 sp(S, .7, lambda: emv(S, p)), sp(S, .8, lambda: afull(p)), sp(S, .6, lambda: iban_or_off(S, p, off=.1)),
                 fmt_date(rand_date(r, 1950, 2024), 'ymd-'), neg_company(S, loc, .7)] + frow(S, FS)
        out.w('  <r>')
        for j, c in enumerate(cells):
            if plain(c) == '':
                out.w('<c%d/>' % (j + 1))
                continue
            out.w('<c%d>' % (j + 1))
            out.put(c, xesc, 'c%d' % (j + 1), 'xml')
            out.w('</c%d>' % (j + 1))
        out.w('</r>\n')
    out.w('</export>\n')
    emit_text('xml/export_c.xml', out, 'xmlc')


def sec_xml_attr():
    S = Sec('xml_attr')
    r = S.r
    FS = fspec(S, 15)
    out = Out()
    out.w('<?xml version="1.0" encoding="UTF-8"?>\n<dataset>\n')
    for i in range(25):
        loc = r.choice(['ja_JP', 'ko_KR', 'zh_CN'])
        p = person(S, loc)
        cells = [('id', str(i + 1)), ('f1', nm(p, 'full')), ('f2', sp(S, .85, lambda: phv(S, p, styles=['national', 'nosep', 'intl']))),
                 ('f3', sp(S, .7, lambda: nid_or_off(S, p, 'compact' if loc != 'ko_KR' else 'std', .12))), ('f4', sp(S, .8, lambda: afull(p))),
                 ('f5', sp(S, .7, lambda: emv(S, p))), ('f6', neg_city(S, p, .7)), ('f7', neg_company(S, loc, .5))]
        cells += list(zip(fnames(FS, 'f', 8), frow(S, FS)))
        out.w('  <row')
        for k, c in cells:
            out.w(' %s="' % k)
            out.put(c, xattr, k, 'xml')
            out.w('"')
        out.w('/>\n')
    out.w('</dataset>\n')
    emit_text('xml/recs_attr.xml', out, 'xmlattr')


# ---------------------------------------------------------------------------------------------------- json
def sec_split():
    S = Sec('pd_split')
    r = S.r
    FS = fspec(S, 15)
    cols = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6'] + fnames(FS, 'c', 7)
    data = []
    n = 26
    for i in range(n):
        loc = r.choice(['en_US', 'en_GB', 'en_AU'])
        p = person(S, loc)
        if loc == 'en_AU' and S.chance(.6):
            idv = nidv(S, p, 'compact')
            if idv.t[0] != '0':
                idv.m['num'] = True
        elif loc == 'en_GB' and S.chance(.5):
            idv = nid_or_off(S, p, 'compact', .12, 'gb.nhs')
            if idv.t[0] != '0':
                idv.m['num'] = True
        else:
            idv = nid_or_off(S, p, 'std', .12)
        row = [nm(p, 'full'), idv, sp(S, .8, lambda: phv(S, p, styles=['national', 'e164', 'intl'])), sp(S, .7, lambda: emv(S, p)),
               sp(S, .8, lambda: afull(p)), neg_company(S, loc), round(r.uniform(1, 900), 2)] + frow(S, FS)
        row = [None if c == '' else c for c in row]
        for j, c in enumerate(row):
            if isinstance(c, V):
                c.m['where'] = 'data[].' + cols[j]
        data.append(row)
    out = Out()
    jw(out, {'columns': cols, 'index': list(range(n)), 'data': data})
    emit_text('json/split_orient.json', out, 'pdsplit')


def sec_columns():
    S = Sec('pd_columns')
    r = S.r
    FS = fspec(S, 15)
    keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g'] + ['h%d' % i for i in range(len(FS))]
    obj = {k: {} for k in keys}
    for i in range(22):
        loc = r.choice(['de_DE', 'fr_FR'])
        p = person(S, loc)
        vals = [nm(p, 'full'), sp(S, .85, lambda: phv(S, p, styles=['national', 'intl'])), sp(S, .7, lambda: emv(S, p)),
                sp(S, .6, lambda: iban_or_off(S, p, off=.1)), sp(S, .8, lambda: afull(p)), neg_city(S, p), sp(S, .7, lambda: nid_or_off(S, p, 'compact', .12))]
        vals += frow(S, FS)
        for k, v in zip(keys, vals):
            if isinstance(v, V):
                v.m['where'] = k
            obj[k][str(i)] = None if v == '' else v
    out = Out()
    jw(out, obj, ea=True)
    emit_text('json/columns_orient.json', out, 'pdcolumns')


def sec_index():
    S = Sec('pd_index')
    r = S.r
    FS = fspec(S, 15)
    obj = {}
    for i in range(24):
        loc = r.choice(['tr_TR', 'ru_RU'])
        p = person(S, loc)
        idv = sp(S, .8, lambda: nid_or_off(S, p, 'compact', .12))
        if loc == 'tr_TR' and isinstance(idv, V) and idv.m['pos']:
            idv.m['num'] = True
        rec = {'x1': nm(p, 'full'), 'x2': idv or None, 'x3': sp(S, .85, lambda: phv(S, p, styles=['national', 'intl', 'e164'])) or None,
               'x4': sp(S, .7, lambda: emv(S, p)) or None, 'x5': sp(S, .8, lambda: afull(p)) or None, 'x6': neg_company(S, loc)}
        rec.update(zip(['x%d' % (7 + j) for j in range(len(FS))], frow(S, FS)))
        for k, v in rec.items():
            if isinstance(v, V):
                v.m['where'] = '*.' + k
        obj[str(i)] = rec
    out = Out()
    jw(out, obj, ea=False)
    emit_text('json/index_orient.json', out, 'pdindex')


def sec_values():
    S = Sec('pd_values')
    r = S.r
    FS = fspec(S, 15)
    data = []
    for i in range(24):
        loc = r.choice(['zh_CN', 'ja_JP', 'ko_KR'])
        p = person(S, loc)
        row = [i, nm(p, 'full'), sp(S, .85, lambda: phv(S, p, styles=['national', 'nosep', 'e164'])), sp(S, .7, lambda: nid_or_off(S, p, 'compact', .12)),
               sp(S, .7, lambda: emv(S, p)), sp(S, .8, lambda: afull(p)), neg_city(S, p)] + frow(S, FS)
        row = [None if c == '' else c for c in row]
        for j, c in enumerate(row):
            if isinstance(c, V):
                c.m['where'] = '[][%d]' % j
        data.append(row)
    out = Out()
    jw(out, data, ea=True)
    emit_text('json/values.json', out, 'pdvalues')


def sec_jsonl():
    S = Sec('jsonl_generic')
    r = S.r
    out = Out()
    locs = ['en_US', 'de_DE', 'fr_FR', 'es_ES', 'it_IT', 'nl_NL', 'pl_PL', 'pt_BR', 'sv_SE', 'tr_TR', 'ja_JP', 'ru_RU']
    for i in range(30):
        loc = r.choice(locs)
        p = person(S, loc)
        rec = {'k1': 'r%05d' % (i + 1), 'v': nm(p, 'full'),
               'data': {'f1': sp(S, .85, lambda: phv(S, p, styles=['e164', 'intl', 'national', 'nosep'])) or None,
                        'f2': fmt_date(rand_date(r, 1950, 2020), 'ymd-'), 'f3': sp(S, .75, lambda: emv(S, p)) or None,
                        'f4': sp(S, .7, lambda: nid_or_off(S, p, 'compact', .12)) or None, 'f5': r.random() < .5, 'f6': r.randint(0, 999)},
               'tags': [r.choice(['a', 'b', 'c']), r.choice(['x', 'y'])], 'x': afull(p) if S.chance(.7) else None,
               'meta': {'src': FILL['src'](S), 'rev': r.randint(1, 9), 'score': round(r.random(), 4), 'lang': loc[:2]}}
        jw(out, rec, ea=False, seps=(', ', ': '))
        out.w('\n')
    emit_text('json/records_generic.jsonl', out, 'jsonlgeneric')


def sec_events_zst():
    S = Sec('events_zst')
    r = S.r
    out = Out()
    uas = ['Mozilla/5.0 (Windows NT 10.0; Win64; x64)', 'okhttp/4.12.0', 'curl/8.4.0', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X)']
    for i in range(56):
        loc = r.choice(['en_US', 'de_DE', 'en_GB', 'fr_FR', 'nl_NL'])
        p = person(S, loc)
        k = r.random()
        a = ipv(S) if k < .6 else (neg_doc_ip(S) if k < .8 else neg_private_ip(S))
        mac = macv(S) if S.chance(.7) else (neg_mac(S) if S.chance(.5) else None)
        rec = {'t': maybe(S, N('dob', ts(S, 2024, 2024, 'ms'), 'timestamp'), .3), 'a': a, 'm': mac,
               'u': emv(S, p) if S.chance(.6) else neg_example_email(S, p), 's': maybe(S, neg_uuid(S), .5), 'ua': r.choice(uas),
               'v': neg_version(S) if S.chance(.3) else '2.%d.%d' % (r.randint(0, 9), r.randint(0, 30)),
               'e': r.choice(['login', 'logout', 'view', 'purchase', 'error']), 'd': r.randint(1, 5000)}
        jw(out, rec, ea=False, seps=(',', ':'))
        out.w('\n')
    emit_text('json/events.jsonl.zst', out, 'zstevents', compress='zst')


# ---------------------------------------------------------------------------------------------- yaml / sql
def sec_yaml():
    S = Sec('yaml')
    r = S.r
    FS = fspec(S, 14)
    out = Out()
    out.w('# export 7f3a\n')
    for i in range(24):
        loc = r.choice(['pt_BR', 'es_ES', 'it_IT'])
        p = person(S, loc)
        items = [('a', str(i + 1)), ('b', nm(p, 'full')), ('c', sp(S, .8, lambda: nid_or_off(S, p, 'std' if loc == 'pt_BR' else 'compact', .12))),
                 ('d', sp(S, .85, lambda: phv(S, p, styles=['intl', 'national', 'nosep', 'e164']))), ('e', sp(S, .7, lambda: emv(S, p))),
                 ('f', sp(S, .8, lambda: afull(p))), ('g', neg_city(S, p))]
        items += list(zip(['h%d' % j for j in range(len(FS))], frow(S, FS)))
        for j, (k, v) in enumerate(items):
            out.w(('- ' if j == 0 else '  ') + k + ':')
            if plain(v) == '':
                out.w('\n')
                continue
            out.w(' ')
            if isinstance(v, str) and re.fullmatch(r'\d+', v):
                out.w(v)
            else:
                yscalar(out, v, '[].' + k)
            out.w('\n')
    emit_text('yaml/records.yaml', out, 'yaml')


def sec_sql_std():
    S = Sec('sql_std')
    r = S.r
    FS = fspec(S, 14)
    out = Out()
    out.w('-- dump of t\nBEGIN;\n')
    for blk in range(2):
        out.w('INSERT INTO t VALUES\n')
        for i in range(11):
            loc = r.choice(['en_GB', 'en_AU', 'fr_FR', 'en_US'])
            p = person(S, loc)
            if S.chance(.2) and loc != 'fr_FR':
                fam = r.choice(["O'Brien", "O'Neill", "D'Arcy", "O'Connor", "O'Sullivan"])
                p['family'] = fam
                p['full'] = p['given'] + ' ' + fam
            vals = [blk * 11 + i + 1, nm(p, 'given'), nm(p, 'family'), sp(S, .85, lambda: phv(S, p, styles=['national', 'intl', 'e164'])) or None,
                    sp(S, .7, lambda: emv(S, p)) or None, sp(S, .8, lambda: afull(p)) or None, sp(S, .7, lambda: nid_or_off(S, p, 'compact', .12)) or None,
                    fmt_date(rand_date(r, 1950, 2024), 'ymd-'), neg_company(S, loc)] + frow(S, FS)
            out.w('  (')
            for j, v in enumerate(vals):
                if j:
                    out.w(', ')
                sqlv(out, v, 't.%d' % (j + 1))
            out.w(')' + (',\n' if i < 10 else ';\n'))
    out.w('COMMIT;\n')
    emit_text('sql/dump_t.sql', out, 'sqlstd')


def sec_sql_mysql():
    S = Sec('sql_mysql')
    r = S.r
    FS = fspec(S, 14)
    out = Out()
    out.w('-- MySQL dump 10.13\n--\n-- Table structure for table `tbl_0042`\n--\n\nLOCK TABLES `tbl_0042` WRITE;\n'
          '/*!40000 ALTER TABLE `tbl_0042` DISABLE KEYS */;\n')
    for blk in range(2):
        out.w('INSERT INTO `tbl_0042` VALUES ')
        for i in range(11):
            loc = r.choice(['nl_NL', 'de_DE', 'pl_PL'])
            p = person(S, loc)
            idv = sp(S, .8, lambda: nid_or_off(S, p, 'compact', .12)) or None
            if loc == 'nl_NL' and isinstance(idv, V) and idv.m['pos']:
                idv.m['num'] = True
            note = M(['Tel. privat: ', phv(S, p, styles=['national', 'nosep']), '\n', r.choice(['bitte abends', 'nur SMS', "mag geen 'spam'", 'prosi o kontakt'])]) \
                if S.chance(.4) else r.choice(['', 'ok', "n'importe", 'VIP'])
            vals = [blk * 11 + i + 1, nm(p, 'full'), idv, sp(S, .6, lambda: iban_or_off(S, p, 'compact', .1)) or None,
                    sp(S, .85, lambda: phv(S, p, styles=['intl', 'e164'])) or None, sp(S, .7, lambda: emv(S, p)) or None,
                    astreet(p), neg_city(S, p), note] + frow(S, FS)
            out.w('(')
            for j, v in enumerate(vals):
                if j:
                    out.w(',')
                sqlv(out, v, 'tbl_0042.%d' % (j + 1), mysql=True)
            out.w(')' + (',' if i < 10 else ';\n'))
    out.w('/*!40000 ALTER TABLE `tbl_0042` ENABLE KEYS */;\nUNLOCK TABLES;\n')
    emit_text('sql/legacy_mysql.sql', out, 'sqlmysql')


# ------------------------------------------------------------------------------------------------- parquet
def sec_pq_flat():
    S = Sec('pq_flat')
    r = S.r
    locs = ['en_US', 'de_DE', 'nl_NL', 'tr_TR', 'fr_FR', 'pl_PL', 'sv_SE', 'ko_KR', 'ru_RU']
    FS = fspec(S, 15)
    names = ['c%d' % i for i in range(10)] + ['c%d' % (10 + i) for i in range(len(FS))]
    cols = {k: [] for k in names}
    for i in range(26):
        loc = r.choice(locs)
        p = person(S, loc)
        cols['c0'].append(i + 1)
        cols['c1'].append(nm(p, 'full'))
        if loc in ('nl_NL', 'tr_TR'):
            c = make_nid(S, p)
            cols['c2'].append(None)
            cols['c3'].append(P('national_id', c, 'int64', loc, p['nidv'], num=True))
        else:
            cols['c2'].append(sp(S, .8, lambda: nid_or_off(S, p, 'std', .12)) or None)
            cols['c3'].append(None)
        cols['c4'].append(sp(S, .85, lambda: phv(S, p, styles=['e164', 'intl', 'national'])) or None)
        cols['c5'].append(sp(S, .75, lambda: emv(S, p)) or None)
        cols['c6'].append(sp(S, .8, lambda: afull(p)) or None)
        cols['c7'].append(neg_company(S, loc, .6))
        cols['c8'].append(neg_city(S, p, .6))
        cols['c9'].append(round(r.uniform(0, 5000), 2))
        for k, v in zip(names[10:], frow(S, FS)):
            cols[k].append(v)
    # c3 holds the identifier as int64: the label value is its decimal text
    schema = pa.schema([('c0', pa.int64()), ('c1', pa.string()), ('c2', pa.string()), ('c3', pa.int64()), ('c4', pa.string()),
                        ('c5', pa.string()), ('c6', pa.string()), ('c7', pa.string()), ('c8', pa.string()), ('c9', pa.float64())] +
                       [(k, pa.string()) for k in names[10:]])
    emit_parquet('parquet/part-00000.parquet', 'pqflat', cols, schema)


def sec_pq_nested():
    S = Sec('pq_nested')
    r = S.r
    locs = ['de_DE', 'fr_FR', 'nl_NL', 'it_IT', 'es_ES', 'pl_PL']
    cols = {k: [] for k in ['id', 'p', 'ids', 'ctc', 'addr', 'org', 'm']}
    for i in range(22):
        loc = r.choice(locs)
        p = person(S, loc)
        cols['id'].append(1000 + i)
        cols['p'].append({'n': nm(p, 'full'), 'g': fmt_date(rand_date(r, 1950, 2020), 'ymd-'), 'geburtsdatum': dobv(p, 'ymd-')})
        items = [{'t': 'x1', 'v': nid_or_off(S, p, 'compact', .12)}, {'t': 'crm', 'v': neg_uuid(S).t}]
        r.shuffle(items)
        cols['ids'].append(items)
        phones = [phv(S, p, styles=['e164', 'intl', 'national'])] + ([fmt_phone(make_phone(S, p['reg']), 'e164')] if S.chance(.4) else [])
        cols['ctc'].append({'e': sp(S, .75, lambda: emv(S, p)) or None, 'm': phones})
        cols['addr'].append({'l1': astreet(p), 'pc': p['addr']['pc'], 'c': neg_city(S, p, .7)})
        cols['org'].append(neg_company(S, loc, .6))
        cols['m'].append({'src': FILL['src'](S), 'seg': FILL['seg'](S), 'pts': r.randint(0, 9000), 'flags': [r.choice(['a', 'b', 'c']) for _ in range(r.randint(0, 3))]})
    schema = pa.schema([
        ('id', pa.int64()),
        ('p', pa.struct([('n', pa.string()), ('g', pa.string()), ('geburtsdatum', pa.string())])),
        ('ids', pa.list_(pa.struct([('t', pa.string()), ('v', pa.string())]))),
        ('ctc', pa.struct([('e', pa.string()), ('m', pa.list_(pa.string()))])),
        ('addr', pa.struct([('l1', pa.string()), ('pc', pa.string()), ('c', pa.string())])),
        ('org', pa.string()),
        ('m', pa.struct([('src', pa.string()), ('seg', pa.string()), ('pts', pa.int64()), ('flags', pa.list_(pa.string()))]))])
    emit_parquet('parquet/nested.parquet', 'pqnested', cols, schema)


# ------------------------------------------------------------------------------------ payments / network / negs
def sec_payments():
    S = Sec('payments')
    r = S.r
    FS = fspec(S, 13)
    cols = ['c_a', 'c_b', 'c_c', 'c_d', 'c_e', 'c_f', 'c_g', 'c_h'] + ['c_%s' % x for x in 'ijkl'[:len(FS)]]
    rows = [cols]
    for i in range(44):
        loc = r.choice(['de_DE', 'en_GB', 'fr_FR', 'nl_NL', 'es_ES', 'it_IT'])
        p = person(S, loc)
        k = r.random()
        card = cardv(S, loc=loc) if k < .65 else (neg_one_off_card(S, r.choice(['space', 'compact', 'dash'])) if k < .88 else N('card', r.choice(TEST_CARDS), 'test_card'))
        k = r.random()
        iban = ibanv(S, p) if k < .7 else (neg_one_off_iban(S, p['ibc'], r.choice(['space', 'compact'])) if k < .88 else N('iban', r.choice(EXAMPLE_IBANS), 'documented_example'))
        amt = N('phone', '%d.%02d' % (r.randint(1000000, 99999999), r.randint(0, 99)), 'amount') if S.chance(.35) else amount(S)
        rows.append([maybe(S, neg_uuid(S), .5), card, '%02d/%02d' % (r.randint(1, 12), r.randint(25, 30)), iban, amt,
                     neg_sku(S), neg_invoice(S), nm(p, r.choice(['full', 'upper']))] + frow(S, FS))
    out = Out()
    write_csv(out, rows, cols)
    emit_text('csv/payments_opaque.csv', out, 'pay')


def sec_devices():
    S = Sec('devices')
    r = S.r
    FS = fspec(S, 5)
    cols = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8', 'd9'] + fnames(FS, 'd', 10)
    rows = [cols]
    for i in range(56):
        loc = r.choice(['en_US', 'de_DE', 'en_GB'])
        p = person(S, loc)
        host = r.choice(['ws', 'lt', 'srv', 'cam', 'ap', 'nas']) + '-%03d' % r.randint(1, 400)
        mac = macv(S) if S.chance(.88) else neg_mac(S)
        k = r.random()
        ip = ipv(S) if k < .6 else (neg_doc_ip(S) if k < .8 else neg_private_ip(S))
        rows.append([host, mac, ip, neg_version(S), maybe(S, neg_uuid(S), .7), neg_ts(S, .4), emv(S, p) if S.chance(.4) else '',
                     r.choice(['online', 'offline', 'maint']), str(r.randint(0, 100))] + frow(S, FS))
    out = Out()
    write_csv(out, rows, cols)
    emit_text('csv/devices.csv', out, 'dev')


def sec_stores():
    S = Sec('stores')
    r = S.r
    FS = fspec(S, 5)
    cols = ['store_id', 'brand', 'site', 'city', 'street', 'lat', 'lon', 'contact', 'contact_email', 'hotline', 'mgr_email', 'sqm', 'opened'] + fnames(FS)
    rows = [cols]
    for i in range(34):
        loc = r.choice(['de_DE', 'en_US', 'en_GB', 'fr_FR', 'nl_NL', 'it_IT', 'es_ES', 'sv_SE', 'pl_PL'])
        f = S.fk(loc)
        lat, lon = neg_latlong(S)
        city = f.city()
        reg = LOCS[loc][0]
        hot = neg_fict_phone(S, reg) if reg in ('US', 'GB', 'FR') else neg_order(S, reg)
        stem = r.choice(DOMAIN_STEMS)
        mgr = P('email', '%s.%s@%s.%s' % (r.choice(['store', 'filiale', 'branch', 'shop', 'manager']), re.sub('[^a-z]', '', fold(city).lower())[:12] or 'x',
                                          stem, TLD[loc]), 'role', loc, 'email') if S.chance(.6) else ''
        rows.append(['ST%04d' % (i + 1), N('name', f.company(), 'company', loc),
                     maybe(S, N('name', '%s %s' % (f.company().split()[0].strip(','), r.choice(['Outlet', 'Center', 'Markt', 'Store'])), 'company', loc), .5),
                     N('address', city, 'city', loc), neg_street(S, loc), lat, lon, neg_placeholder_person(S, loc), neg_example_email(S), hot, mgr,
                     str(r.randint(80, 4000)), neg_event_date(S, 'ymd-', loc, .5, 1995, 2023)] + frow(S, FS))
    out = Out()
    write_csv(out, rows, cols)
    emit_text('csv/stores_negatives.csv', out, 'stores')


def sec_orders():
    S = Sec('orders')
    r = S.r
    rows = []
    FS = fspec(S, 5)
    for i in range(48):
        loc = r.choice(['en_US', 'en_GB', 'de_DE', 'fr_FR', 'en_AU'])
        p = person(S, loc)
        rows.append([neg_order(S, p['reg']), neg_ts(S, .5), neg_sku(S), maybe(S, neg_product(S), .5), str(r.randint(1, 5)), amount(S),
                     sp(S, .85, lambda: emv(S, p)), sp(S, .7, lambda: ph_or_drop(S, p, ['nosep', 'e164', 'national'], .12)), neg_uuid(S),
                     maybe(S, neg_hash(S), .5), r.choice(['shipped', 'paid', 'refunded', 'open']),
                     sp(S, .4, lambda: cardv(S, loc=loc))] + frow(S, FS))
    out = Out()
    write_csv(out, rows)
    emit_text('csv/orders_hdrless.csv', out, 'ordershdrless')


def sec_ids():
    S = Sec('ids')
    r = S.r
    FS = fspec(S, 6)
    cols = ['id_a', 'id_b', 'id_c', 'id_d', 'id_e', 'id_f'] + ['id_%s' % x for x in 'ghijklmn'[:len(FS)]]
    rows = [cols]
    locs = [l for l in LOCS if LOCS[l][1]]
    for i in range(34):
        loc = r.choice(locs)
        p = person(S, loc)
        q = person(S, loc)
        st = r.choice(['std', 'compact'])
        d = ibanv(S, r.choice(list(IBAN_STRUCT))) if S.chance(.5) else neg_one_off_iban(S, r.choice(list(IBAN_STRUCT)), r.choice(['space', 'compact']))
        e = cardv(S) if S.chance(.5) else neg_one_off_card(S, r.choice(['space', 'compact']))
        rows.append([nidv(S, p, 'compact'), nidv(S, q, st), neg_one_off_nid(S, p, r.choice(['std', 'compact'])), d, e, FILL['grp'](S)] + frow(S, FS))
    out = Out()
    write_csv(out, rows, cols)
    emit_text('csv/ids_mixed_opaque.csv', out, 'ids')


def sec_tickets():
    S = Sec('tickets')
    r = S.r
    FS = fspec(S, 4)
    cols = ['t1', 't2', 't3', 't4', 't5', 't6'] + fnames(FS, 'k', 7)
    rows = [cols]
    kinds = ['aws_id', 'ghp', 'glpat', 'slack', 'stripe', 'google', 'sendgrid', 'npm', 'jwt', 'twilio']
    for i in range(44):
        loc = r.choice(['en_US', 'en_GB', 'de_DE', 'en_IN'])
        p = person(S, loc)
        k = r.random()
        if k < .45:
            txt = M([r.choice(['deploy failing, token is ', 'used this key: ', 'pasting creds for repro -> ', 'cfg value ']),
                     secretv(S, r.choice(kinds)), r.choice([' pls rotate', '', ' (prod!)', ' - works locally'])])
        elif k < .55:
            txt = M(['key attached:\n', secretv(S, r.choice(['pem', 'openssh'])), '\nthanks'])
        elif k < .75:
            txt = M(['user ', emv(S, p), ' cannot log in from ', ipv(S, False)])
        elif k < .85:
            txt = M(['see docs, e.g. ', neg_secret_placeholder(S), ' / host ', neg_doc_ip(S)])
        else:
            txt = M(['build ', neg_hash(S), ' failed on ', neg_version(S)])
        rows.append(['TCK-%05d' % (r.randint(1, 99999)), txt, emv(S, p), ts(S, 2024, 2024, 'space'), r.choice(['P1', 'P2', 'P3', 'P4']),
                     r.choice(['open', 'closed', 'waiting'])] + frow(S, FS))
    out = Out()
    write_csv(out, rows, cols)
    emit_text('csv/tickets_opaque.csv', out, 'tickets')


SECTIONS = [sec_extract_us, sec_kunden_tsv, sec_colN_gb, sec_f_fr, sec_r_es, sec_x_nl, sec_unnamed_it, sec_abbrev, sec_field_br,
            sec_gz_archive, sec_kunden_cp1252, sec_adherents_bom, sec_socios_es, sec_meibo_ja, sec_kehu_zh, sec_hoewon_ko,
            sec_klienty_ru, sec_ar, sec_hi, sec_multi_sheet, sec_utf16, sec_misleading, sec_field_value, sec_eav, sec_wide,
            sec_transposed, sec_settings, sec_fixed_us, sec_fixed_eu, sec_html_in, sec_html_de_fr, sec_xml_c, sec_xml_attr,
            sec_split, sec_columns, sec_index, sec_values, sec_jsonl, sec_events_zst, sec_yaml, sec_sql_std, sec_sql_mysql,
            sec_pq_flat, sec_pq_nested, sec_payments, sec_devices, sec_stores, sec_orders, sec_ids, sec_tickets]


# ================================================================================================ verification
def read_back(f):
    raw = open(os.path.join(ARGS.out, f['rel']), 'rb').read()
    if f['rel'].endswith('.gz'):
        raw = gzip.decompress(raw)
    elif f['rel'].endswith('.zst'):
        raw = zstandard.ZstdDecompressor().decompress(raw)
    if f['encoding']:
        t = raw.decode(f['encoding'])
        if t.startswith('\ufeff'):
            t = t[1:]
        raw = t.encode('utf-8')
    return raw


def pq_cells(table, path):
    parts = path.split('.')
    col = table.column(parts[0]).to_pylist()
    out = []
    for v in col:
        vals = []

        def walk(x, rest):
            if x is None:
                return
            if isinstance(x, list):
                for y in x:
                    walk(y, rest)
            elif rest:
                walk(x.get(rest[0]), rest[1:])
            else:
                vals.append(str(x))
        walk(v, parts[1:])
        out.append(vals)
    return out


def verify():
    bad = []
    for f in FILES:
        labels = f['labels']
        if f.get('parquet'):
            table = pq.read_table(os.path.join(ARGS.out, f['rel']))
            cache = {}
            for l in labels:
                if l['column'] not in cache:
                    cache[l['column']] = pq_cells(table, l['column'])
                if l['value'] not in cache[l['column']][l['row']]:
                    bad.append(('pq cell', f['rel'], l['row'], l['column'], l['value']))
        else:
            data = read_back(f)
            spans = sorted(tuple(l['span']) for l in labels)
            for a, b in zip(spans, spans[1:]):
                if b[0] < a[1]:
                    bad.append(('overlap', f['rel'], a, b))
            for l in labels:
                s, e = l['span']
                got = data[s:e].decode('utf-8', 'replace')
                if got != l['value']:
                    bad.append(('span', f['rel'], l['value'], got))
                if data[:s].count(b'\n') + 1 != l['line']:
                    bad.append(('line', f['rel'], l['value']))
                if UNESC(l['_unesc'], l['value']) != l['_plain']:
                    bad.append(('unescape', f['rel'], l['value'], l['_plain']))
        for l in labels:
            v = l.get('decoded', l['value'])
            if v != l['_plain']:
                bad.append(('decoded', f['rel'], v, l['_plain']))
            if l['positive'] and l['validator'] and not oracle(l['validator'], v, l.get('region')):
                bad.append(('oracle-pos', f['rel'], l['validator'], v))
            if not l['positive'] and l.get('kind') in ONE_DIGIT_KINDS:
                if not l['validator'] or oracle(l['validator'], v, l.get('region')):
                    bad.append(('oracle-neg', f['rel'], l['validator'], v))
            if not l['positive'] and l.get('kind') == 'documentation_range' and not is_doc_ip(ipaddress.ip_address(v)):
                bad.append(('docip', f['rel'], v))
            if l['category'] == 'email' and not l['positive'] and oracle('email', v, None):
                bad.append(('email-neg-valid', f['rel'], v))
            if l['category'] == 'name' and l['positive'] and (v in ALL_PLACEHOLDERS or v.replace('\u3000', '') in ALL_PLACEHOLDERS):
                bad.append(('placeholder-pos', f['rel'], v))
    if bad:
        for b in bad[:40]:
            print('VERIFY FAIL', b, file=sys.stderr)
        raise SystemExit('verification failed: %d problems' % len(bad))


def main():
    os.makedirs(ARGS.out, exist_ok=True)
    for fn in SECTIONS:
        fn()
    rels = [f['rel'] for f in FILES]
    assert len(rels) == len(set(rels))
    for f in FILES:
        path = os.path.join(ARGS.out, f['rel'])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as fh:
            fh.write(f['raw'])
    with open(os.path.join(ARGS.out, 'labels.jsonl'), 'w', encoding='utf-8', newline='\n') as fh:
        for f in FILES:
            for l in f['labels']:
                fh.write(json.dumps({k: v for k, v in l.items() if not k.startswith('_')}, ensure_ascii=False) + '\n')
    verify()
    # -------------------------------------------------------------------------------------------- report
    per_cat = collections.defaultdict(lambda: [0, 0])
    locs = set()
    total_bytes = 0
    lines = []
    for f in FILES:
        pos = sum(1 for l in f['labels'] if l['positive'])
        neg = len(f['labels']) - pos
        total_bytes += len(f['raw'])
        lines.append('  %-34s %8d B  %5d pos  %5d neg' % (f['rel'], len(f['raw']), pos, neg))
        for l in f['labels']:
            per_cat[l['category']][0 if l['positive'] else 1] += 1
            if l['locale']:
                locs.add(l['locale'])
    npos = sum(v[0] for v in per_cat.values())
    nneg = sum(v[1] for v in per_cat.values())
    if not ARGS.quiet:
        print('blind12 seed %d -> %s' % (SEED, ARGS.out))
        print('\n'.join(lines))
        print('per category (positives / negatives):')
        for c in ['name', 'dob', 'address', 'national_id', 'phone', 'email', 'iban', 'card', 'secret', 'ip', 'mac']:
            print('  %-12s %6d / %d' % (c, per_cat[c][0], per_cat[c][1]))
    print('blind12 seed %d: %d files, %d bytes, %d positives, %d negatives, %d locales; all labels verified' %
          (SEED, len(FILES), total_bytes, npos, nneg, len(locs)))


if __name__ == '__main__':
    main()
