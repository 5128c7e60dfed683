#!/usr/bin/env python3
"""blind8: an "outside evaluator" style labelled evaluation set for a PII /
secrets scanner -- Faker + python-stdnum as the labelling oracle, many locales,
values planted at known byte offsets in CSV, JSONL, Parquet and free text, plus
hard negatives.

Usage:  python blind8_gen.py --seed N --out DIR [--quiet]
        (run with the data venv, /root/.cache/mlsec/data-venv/bin/python: needs
        faker, python-stdnum, phonenumbers and pyarrow; no network)

Writes 65 files (about 390 KB) into DIR plus DIR/labels.jsonl (about 10,000
labels, ~7,300 positive).  Byte-identical output per seed (Faker and every
random choice are seeded from --seed and a per-section name; gzip mtime 0;
the script re-executes itself with PYTHONHASHSEED=0).  Runs in ~5 s.  It
re-reads every file at the end, asserts each label's bytes, prints counts per
file and category.  Shares no code with blind1-7.

The idea: what an outside evaluator most likely writes to test a PII scanner --
Faker-generated people in many locales (values exactly as Faker formats them),
python-stdnum / Luhn / IBAN / phonenumbers / ipaddress as the labelling
oracle, values planted at known offsets in CSV, JSONL, Parquet and free text,
plus hard negatives.

Label schema (the one blind4_score.py reads), one JSON object per line:
  file       path relative to DIR
  value      exactly the bytes at the span (UTF-8 text); for Parquet the cell
  category   name dob address national_id phone email iban card secret ip mac
  form       a shape name; person values: <category>_<shape>_<locale>_<key>[_suffix]
             (e.g. phone_csv_de_DE_Telefonnummer, dob_txt_fr_FR_letter_cue);
             secrets: secret_<shape>_<provider>_<key>; negatives:
             <category>_neg_<shape>_<kind>_<key>.  Suffixes: _example_domain,
             _ofcom_drama, _built (see below), _<card type> on cards.
  positive   true = should be reported, false = hard negative (a report on it is
             a false positive)
  span       [start, end) byte offsets; null for Parquet
  line       1-based line of span start (null for Parquet)
  row,column Parquet only: 0-based row, dotted struct path with list levels left
             out (customer.contact.phone, addresses.line1)
  validator  checksum labels: the python-stdnum module (e.g. fr.nir), 'iban' or
             'luhn'; on negatives the validator the value FAILS
  decoded    when the written bytes differ from the plain value (JSON \\uXXXX or
             \\n escapes): the plain value
  encoding   only on labels of the Windows-1252 file
  locale     the Faker locale a person value came from
Span rules: .gz spans count decompressed bytes; the cp1252 file's spans count
bytes of its decoded text re-encoded as UTF-8 (labels carry "encoding"); the
two UTF-8 files with a BOM (crm/kunden_dach.csv, crm/kokyaku_ja.csv) are
labelled in raw bytes, so the BOM's 3 bytes are counted.

Files (shape -> files)
  CSV/TSV/PSV  crm/customers_na.csv (snake_case, multi-line quoted addresses),
               crm/kunden_dach.csv (German headers, ';', BOM, CRLF),
               crm/clients_fr.csv (French, ';'), crm/clientes_es_latam.tsv
               (Spanish, tab), hr/employees_nordic.csv (Title Case, all quoted,
               CRLF), hr/staff_cee.psv (camelCase, '|'),
               exports/contacts_export_noheader.csv (no header),
               exports/crm_abbrev.csv (fname/lname/dob/tel/eml/addr1/ccn),
               crm/klienty_ru_ua.csv (Russian headers), crm/kokyaku_ja.csv
               (Japanese headers, BOM, CRLF, kana readings), crm/huiyuan_zh.tsv,
               crm/hoewon_ko.csv, legacy/clientes_cp1252.csv (Windows-1252),
               crm/contacts_mixed_eu.csv (mixed conventions and languages),
               crm/customers_asia_mena.csv, payments/card_transactions.csv (every
               card type Faker knows), infra/network_inventory.csv,
               qa/validation_rejects.csv (negatives only), catalog/products.csv
               (negatives only: brands, EAN-13, prices)
  JSONL/JSON   events/signup_events.jsonl (flat camelCase),
               events/orders_nested.jsonl (customer.contact.phone, address
               arrays, payment.card), events/benutzerprofile_de.jsonl (German
               keys), events/perfiles_es_pt.jsonl (Spanish / Portuguese keys),
               events/profiles_intl.jsonl.gz (all locales),
               events/profiles_ascii_escaped.jsonl (json.dumps default: \\uXXXX),
               api/contacts_dump.json (pretty array), logs/app_events.jsonl
  Parquet      warehouse/customers_flat.parquet (date32 / timestamp columns, 5
               row groups), warehouse/orders_nested.parquet (structs, list of
               structs), warehouse/kyc_documents.parquet (ids, IBANs, API keys)
  text / md    support tickets, live chat, CVs and invoices (English); e-mails,
               a letter without cues and a team chat (German); letters with the
               address block on top and tickets (French); support chats
               (Spanish, Brazilian / European Portuguese); a consumer forum
               (Italian); meeting notes (Dutch); a CV and complaints (Polish);
               tickets (Russian / Ukrainian, Japanese, Chinese); a Korean CV;
               Swedish / Norwegian / Danish / Finnish mail; Turkish mail; one
               short message in each of 25 further locales
               (notes/messages_many_locales.md)
  config/code  config/prod.env, config/env.example (placeholders only),
               config/settings.yaml, config/application.properties,
               deploy/docker-compose.yml, config/credentials.json,
               keys/deploy_id_rsa, keys/service_keys.pem, keys/authorized_keys
               (public keys: negatives), src/payments_client.py,
               logs/ci_pipeline.log, notes/incident_chat_export.txt
  docs         docs/integration_guide.md, docs/RELEASE_NOTES.md,
               docs/validation_test_vectors.md (negatives only)

Locales: the 60 of en_US en_GB en_AU en_NZ en_IE en_IN en_CA de_DE de_AT de_CH
fr_FR fr_CH fr_CA it_IT es_ES es_MX es_AR es_CO es_CL pt_PT pt_BR nl_NL nl_BE
pl_PL cs_CZ sk_SK hu_HU ro_RO bg_BG el_GR tr_TR ru_RU uk_UA sv_SE da_DK no_NO
fi_FI et_EE lv_LV lt_LT hr_HR sl_SI he_IL fa_IR hi_IN bn_BD ta_IN th_TH vi_VN
id_ID ja_JP ko_KR zh_CN zh_TW ka_GE hy_AM az_AZ ne_NP is_IS zu_ZA that this
Faker has with a person provider (checked at run time).

Positives (each checked by its oracle before it is written, and again at the end)
  name      Faker name() (with its prefixes / suffixes), first_name / last_name
            in split columns, kana readings, first+last in local order in text.
  address   Faker address() (multi-line where Faker makes it so: kept multi-line
            in CSV cells, letterheads and CV headers, joined with ", " when it
            sits inside a sentence, \\n-escaped in JSON) and street_address();
            city and postcode columns alone are NOT labelled.
  dob       Faker date_of_birth() in the locale's numeric style (MM/DD/YYYY,
            DD.MM.YYYY, YYYY. MM. DD., Buddhist era for th_TH, D. M. YYYY ...),
            ISO, or written out in the local language ("14. Oktober 1984",
            "5 de marzo de 1984", "1984年3月5日"); Parquet also as date32.
  phone     Faker phone_number() when phonenumbers calls it valid for the
            locale's region (Bengali digits kept); for locales whose Faker
            numbers are never valid (es_AR, en_IE, fr_CA, et_EE, is_IS, zu_ZA
            ...) a number built on phonenumbers' example pattern, suffix _built.
            Faker's en_GB numbers are Ofcom drama numbers (01632 960xxx,
            0113 496 0xxx ...): half of the en_GB phones keep them, labelled
            POSITIVE with suffix _ofcom_drama (an outside evaluator would count
            them); the other half are built real-range numbers.  US 555-01xx
            and AU fiction ranges are never used as positives.
  email     Faker free_email() / email(safe=False) on real-looking domains, and
            (about 20 %) Faker's default email() on example.org/.com/.net:
            those sit in person records exactly like the others and are labelled
            POSITIVE with suffix _example_domain (this differs from blind sets
            4-7, which called RFC 2606 addresses negatives; drop or flip those
            forms to score the old way).  Documentation / placeholder addresses
            (user@example.com in a guide, SUPPORT_EMAIL in env.example,
            admin@localhost, git@github.com, orders-sdk@1.2.3, logo@2x.png)
            are NEGATIVES.
  national_id  Faker ssn() (or curp / rut / nif / nie / birth_number /
            aadhaar_id / individuals_inn) kept only if the matching stdnum module
            validates it (us.ssn ca.sin at.vnr ch.ssn gr.amka ar.cuit mx.curp
            cl.rut es.dni es.nie cz.rc sk.rc ee.ik fi.hetu fr.nir il.idnr hr.oib
            it.codicefiscale kr.rrn cn.ric in_.aadhaar lv.pvn be.nn nl.bsn
            no.fodselsnummer pl.pesel br.cpf ro.cnp ru.inn se.personnummer
            th.pin tr.tckimlik ua.rntrc); built here, check digits computed and
            confirmed with is_valid, where Faker has none: de.idnr dk.cpr
            lt.asmens bg.egn is_.kennitala ie.pps gb.nhs au.tfn nz.ird za.idnr
            pt.nif si.emso jp.in_ id.nik in_.pan in_.aadhaar (hi_IN).
  iban      Faker iban() for locales with their own bank provider, kept when
            stdnum iban.is_valid and the country matches; compact or in groups.
  card      Faker credit_card_number() for every card type of every locale
            (incl. mir, unionpay, prostir and the Iranian Shetab banks),
            Luhn-checked, plain / spaced / dashed.
  secret    AWS key id + secret, GitHub ghp_ (with its CRC32 tail) /
            github_pat_ / gho_, GitLab glpat-, Slack xoxb- / xoxp- / webhook,
            Stripe sk_live_ / rk_live_ / whsec_, Google AIza, OpenAI sk- /
            sk-proj-, Anthropic sk-ant-api03-, Hugging Face hf_, Twilio auth
            token and API-key secret, SendGrid SG., npm_, pypi-, Shopify shpat_ /
            shpss_, Azure storage AccountKey, Mailgun key-, Datadog key,
            Telegram bot token, Discord webhook, PEM private keys (RSA, EC,
            PKCS#8, OpenSSH: the whole block), JWT, passwords in config and in
            database URLs, generic api_key / secret assignments.  For URLs with
            credentials only the password is labelled; for the Azure connection
            string only the AccountKey value.
  ip / mac  Faker ipv4_public() / ipv6() (2000::/3 only) that ipaddress calls
            global; Faker mac_address(multicast=False) as aa:bb:.., AA-BB-.. or
            aabb.ccdd.eeff.
Negatives (positive=false)
  secret    md5 / sha1 / sha256 hex, git SHAs (full and short), UUIDs, docker
            and SRI digests, placeholders (YOUR_API_KEY, changeme, <...>,
            insert-key-here), templates (${SECRET}, {{ .Values.x }}), masked
            tokens (sk_live_xxxx, ghp_XXXX, ***), AWS documentation keys,
            low-entropy base64, Stripe publishable keys, ssh public keys.
  ip        versions (1.2.3, 10.0.19041.1, 4-part versions that parse as
            IPv4, semver with pre-release / build metadata), loopback,
            unspecified, netmask, documentation ranges.  RFC 1918 lan_ip values
            are unlabelled (neutral).
  mac       broadcast, all-zero, multicast (01:00:5e.., 33:33..).
  dob       non-birth dates: order / signup / login / release dates, ISO
            timestamps, chat timestamps.
  phone     order / invoice / tracking numbers, prices in local formats,
            quantities, epoch milliseconds, fictional 555-01xx in a guide; digit
            strings are no valid phone for US, GB and the file's region.
  national_id / iban / card  a valid value of the same locale with a check
            digit changed (bad check, bad mod-97, bad Luhn), SSNs in areas
            000 / 666 / 9xx and the voided 078-05-1120, ISBN-13, EAN-13 and
            UPS / USPS tracking numbers, masked cards, DE00 0000 ... .
  name      Faker company() names (often made of surnames) and brand names
            that are person names (Ralph Lauren, Ben & Jerry's ...), and the
            placeholders Jane Doe / John Doe / Max Mustermann in an API guide.
  address   placeholder addresses in that guide (Musterstraße 1, 12345
            Musterstadt; 123 Main Street, Anytown; Calle Falsa 123).
  Every numeric negative is asserted to pass none of the stdnum modules used
  for positives and, at 12-19 digits, to fail Luhn.
Unlabelled on purpose (neutral, not scored): the 4242 4242 4242 4242 test card
in the guide, Twilio AC.. / SK.. SIDs, OpenAI org ids, customer ids, hostnames,
cities and postcodes in their own columns, RFC 1918 addresses, a second address
under the same Parquet path in one row (one label per cell).
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

class Joined(list):
    """One string value made of str and V pieces (e.g. a URL holding a labelled password)."""


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
    if isinstance(obj, Joined):
        out = ['"']
        for piece in flatten(obj):
            if isinstance(piece, V):
                inner = esc(piece.text)[1:-1]
                out.append(piece if inner == piece.text else piece.variant(inner))
            else:
                out.append(esc(str(piece))[1:-1])
        out.append('"')
        return out
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
    if isinstance(obj, Joined):
        return ''.join(json_plain(x) for x in flatten(obj))
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


# ---------------------------------------------------------------- Faker per locale

def _fictional_phone(text, region):
    """Ranges reserved for fiction: US/CA 555-01xx, UK Ofcom drama numbers, AU ACMA fiction ranges."""
    try:
        n = phonenumbers.parse(ascii_digits(text), region)
    except phonenumbers.NumberParseException:
        return False
    nsn = phonenumbers.national_significant_number(n)
    if n.country_code == 1:
        return nsn[3:6] == '555' and nsn[6:8] == '01'
    if n.country_code == 44:
        return nsn.startswith(('1632960', '7700900', '2079460', '2890180', '2890181', '2920180', '2920181', '3069990',
                               '1134960', '1144960', '1154960', '1164960', '1174960', '1184960', '1214960',
                               '1314960', '1414960', '1514960', '1614960', '1914980'))
    if n.country_code == 61:
        return nsn.startswith('491570') or nsn[1:5] in ('5550', '7010')
    return False


PHONE_FORMATS = (phonenumbers.PhoneNumberFormat.NATIONAL, phonenumbers.PhoneNumberFormat.INTERNATIONAL,
                 phonenumbers.PhoneNumberFormat.E164)


class Loc:
    def __init__(self, code):
        self.code = code
        self.lang, self.region = code.split('_')
        self.fk = Faker(code)
        self.r = random.Random(0)
        self.ctx = None
        self.has_phone = _provider_exists('phone_number', code) and hasattr(self.fk, 'phone_number')
        self.has_addr = _provider_exists('address', code)
        self.has_bank = _provider_exists('bank', code)
        self.card_types = []

    def sync(self):
        if self.ctx != CTX['section']:
            self.ctx = CTX['section']
            self.fk.seed_instance(stable_int('faker', self.ctx, self.code))
            self.r.seed(stable_int('loc', self.ctx, self.code))
        return self

    # -- phones
    def built_phone(self):
        r = self.r
        for ptype in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE):
            ex = phonenumbers.example_number_for_type(self.region, ptype)
            if ex is None:
                continue
            nsn = phonenumbers.national_significant_number(ex)
            keep = 2 if len(nsn) <= 9 else 3
            for _ in range(300):
                cand = nsn[:keep] + _digits(r, len(nsn) - keep)
                num = phonenumbers.parse('+%d%s' % (ex.country_code, cand))
                if not phonenumbers.is_valid_number(num):
                    continue
                text = phonenumbers.format_number(num, r.choice(PHONE_FORMATS))
                if phone_valid(text, self.region) and not _fictional_phone(text, self.region):
                    return text
        raise AssertionError('cannot build a phone for %s' % self.code)

    def phone(self):
        """(text, form suffix).  Faker's own output when phonenumbers accepts it for
        the region; Faker's en_GB numbers are all Ofcom drama numbers: kept half the
        time (suffix _ofcom_drama), otherwise a number built on the region's pattern."""
        self.sync()
        if self.region == 'GB' and self.r.random() < 0.5:
            for _ in range(200):
                p = self.fk.phone_number()
                if phone_valid(p, 'GB') and _fictional_phone(p, 'GB'):
                    return p, '_ofcom_drama'
        if self.has_phone:
            for _ in range(400):
                p = self.fk.phone_number()
                if phone_valid(p, self.region) and not _fictional_phone(p, self.region):
                    return p, ''
        return self.built_phone(), '_built'

    # -- e-mail
    def email(self, kind=None):
        """(text, suffix): Faker free_email / email(safe=False) are real-looking domains;
        Faker's default email() is on example.org/.com/.net (suffix _example_domain)."""
        self.sync()
        kind = kind or self.r.choices(['free', 'any', 'safe'], [45, 35, 20])[0]
        for _ in range(50):
            e = {'free': self.fk.free_email, 'any': lambda: self.fk.email(safe=False), 'safe': self.fk.email}[kind]()
            if email_valid(e):
                reserved = bool(RESERVED_MAIL.search(e))
                if kind != 'safe' and reserved:
                    continue
                return e, ('_example_domain' if reserved else '')
        raise AssertionError('no e-mail for %s' % self.code)

    # -- national id
    def nid(self, dob):
        """(value, stdnum module, local term) or None."""
        self.sync()
        if self.code in NID_FAKER:
            meth, mod, term = NID_FAKER[self.code]
            if self.code == 'es_ES' and self.r.random() < 0.3:
                meth, mod, term = 'nie', 'es.nie', 'NIE'
            for _ in range(400):
                v = getattr(self.fk, meth)()
                if id_valid(mod, v):
                    return v, mod, term
            return None
        if self.code in NID_BUILT:
            mod, term = NID_BUILT[self.code]
            v = build_national_id(mod, self.r, dob)
            return (v, mod, term) if v else None
        return None

    def iban(self):
        self.sync()
        if not self.has_bank:
            return None
        for _ in range(60):
            v = self.fk.iban()
            if v[:2] == self.region and iban_ok(v):
                if self.r.random() < 0.5:
                    v = ' '.join(v[i:i + 4] for i in range(0, len(v), 4))
                return v
        return None

    def card(self, ctype=None):
        """(text, card type): Faker credit_card_number, Luhn-checked, printed as people type it."""
        self.sync()
        if not self.card_types:
            prov = [p for p in self.fk.get_providers() if type(p).__module__.startswith('faker.providers.credit_card')]
            self.card_types = list(prov[0].credit_card_types.keys())
        ctype = ctype or self.r.choice(self.card_types)
        for _ in range(20):
            d = self.fk.credit_card_number(card_type=ctype)
            if luhn_ok(d):
                break
        else:
            raise AssertionError('no Luhn-valid card')
        style = self.r.choice(['plain', 'space', 'dash', 'space'])
        if style != 'plain':
            sep = ' ' if style == 'space' else '-'
            if len(d) == 15 and d[0] == '3':
                d = sep.join([d[:4], d[4:10], d[10:]])
            elif len(d) == 14:
                d = sep.join([d[:4], d[4:10], d[10:]])
            else:
                d = sep.join(d[i:i + 4] for i in range(0, len(d), 4))
        return d, ctype


LOC = {}


def loc(code):
    if code not in LOC:
        LOC[code] = Loc(code)
    return LOC[code].sync()


def fsan(s):
    return re.sub(r'\s+', '-', str(s).strip())


def _tidy(s):
    """Faker leaves stray spaces at line ends (es_ES 'Puerta 8 \\n', az_AZ names)."""
    return '\n'.join(re.sub(r'\s+', ' ', line).strip() for line in s.strip().split('\n'))


class Person:
    """One fake person of a locale; .v(field, shape, key) makes a labelled value."""
    FIELD_CAT = {'name': 'name', 'full': 'name', 'first': 'name', 'last': 'name', 'dob': 'dob', 'email': 'email', 'phone': 'phone',
                 'address': 'address', 'street': 'address', 'nid': 'national_id', 'iban': 'iban', 'card': 'card'}

    def __init__(self, code):
        L_ = loc(code)
        fk, r = L_.fk, L_.r
        self.code, self.loc, self.lang, self.region = code, L_, L_.lang, L_.region
        self.first, self.last = _tidy(fk.first_name()), _tidy(fk.last_name())
        self.name = _tidy(fk.name())      # Faker adds prefixes / suffixes (Dr., Mrs., Ing., Jr., PhD) now and then
        if L_.lang in ('zh', 'ko'):
            self.full = self.last + self.first
        elif L_.lang in ('ja', 'hu', 'vi'):
            self.full = self.last + ' ' + self.first
        else:
            self.full = self.first + ' ' + self.last
        self.dob_date = fk.date_of_birth(minimum_age=18, maximum_age=88)
        self.email_text, self.email_sfx = L_.email()
        self.phone_text, self.phone_sfx = L_.phone()
        self.address_text = _tidy(fk.address()) if L_.has_addr else None
        self.street_text = _tidy(fk.street_address()) if L_.has_addr else None
        self.city = fk.city() if L_.has_addr else None
        self.postcode = fk.postcode() if L_.has_addr and hasattr(fk, 'postcode') else None
        n = L_.nid(self.dob_date)
        self.nid_text, self.nid_mod, self.nid_term = n if n else (None, None, None)
        self.iban_text = L_.iban()
        self.card_text, self.card_type = L_.card()

    def dob(self, style=None):
        style = style or DATE_STYLE.get(self.code, 'dmy/')
        return fmt_date(self.dob_date, style, self.lang, self.region)

    def has(self, field):
        return self.raw(field) is not None

    def raw(self, field, style=None):
        return {'name': self.name, 'full': self.full, 'first': self.first, 'last': self.last, 'dob': self.dob(style),
                'email': self.email_text, 'phone': self.phone_text, 'address': self.address_text,
                'street': self.street_text, 'nid': self.nid_text, 'iban': self.iban_text, 'card': self.card_text}[field]

    def v(self, field, shape, key, style=None, text=None):
        """A checked positive.  form = <category>_<shape>_<locale>_<key>[_suffix]."""
        cat = self.FIELD_CAT[field]
        t = text if text is not None else self.raw(field, style)
        if t is None:
            return None
        sfx = {'phone': self.phone_sfx, 'email': self.email_sfx}.get(field, '')
        if field == 'card':
            sfx = '_' + self.card_type
        form = '%s_%s_%s_%s%s' % (cat, shape, self.code, fsan(key), sfx)
        val = self.nid_mod if field == 'nid' else ('iban' if field == 'iban' else ('luhn' if field == 'card' else None))
        v = V(t, cat, form, True, val, None, self.code)
        return check_positive(v, self.region if cat == 'phone' else None)


# ============================================================================
# secrets (positives) and secret-shaped hard negatives
# ============================================================================

B62 = string.ascii_letters + string.digits
HEXL = '0123456789abcdef'
URLSAFE = B62 + '-_'
B64 = B62 + '+/'


def rnd(alphabet, n, r=None):
    r = r or RNG
    return ''.join(r.choice(alphabet) for _ in range(n))


def b62_encode(num, width):
    out = ''
    while num:
        num, rem = divmod(num, 62)
        out = (string.digits + string.ascii_letters)[rem] + out
    return out.rjust(width, '0')


def _pem(kind):
    """A private-key block: a plausible DER prefix then random bytes, 64-column base64."""
    r = RNG
    if kind == 'rsa':
        head, prefix, n = 'RSA PRIVATE KEY', b'\x30\x82\x04\xa4\x02\x01\x00\x02\x82\x01\x01\x00', 1180
    elif kind == 'ec':
        head, prefix, n = 'EC PRIVATE KEY', b'\x30\x77\x02\x01\x01\x04\x20', 114
    elif kind == 'pkcs8':
        head, prefix, n = 'PRIVATE KEY', b'\x30\x82\x04\xbe\x02\x01\x00\x30\x0d\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01\x05\x00', 1190
    else:
        head, prefix, n = 'OPENSSH PRIVATE KEY', b'openssh-key-v1\x00\x00\x00\x00\x04none\x00\x00\x00\x04none', 360
    body = base64.b64encode(prefix + bytes(r.getrandbits(8) for _ in range(n))).decode()
    lines = [body[i:i + (70 if kind == 'openssh' else 64)] for i in range(0, len(body), 70 if kind == 'openssh' else 64)]
    return '-----BEGIN %s-----\n%s\n-----END %s-----' % (head, '\n'.join(lines), head)


def _b64url(b):
    return base64.urlsafe_b64encode(b).rstrip(b'=').decode()


def _jwt():
    r = RNG
    header = {'alg': 'HS256', 'typ': 'JWT'}
    now = 1700000000 + r.randrange(30000000)
    payload = {'sub': str(r.randrange(10 ** 6, 10 ** 7)), 'scope': r.choice(['read:orders', 'admin', 'api']),
               'iat': now, 'exp': now + 3600 * r.choice([1, 12, 24])}
    h = _b64url(json.dumps(header, separators=(',', ':')).encode())
    p = _b64url(json.dumps(payload, separators=(',', ':')).encode())
    key = bytes(r.getrandbits(8) for _ in range(32))
    sig = _b64url(hmac.new(key, ('%s.%s' % (h, p)).encode(), hashlib.sha256).digest())
    return '%s.%s.%s' % (h, p, sig)


def _password(n=None):
    r = RNG
    n = n or r.randrange(16, 27)
    while True:
        s = rnd(B62 + '-_.~!*', n)
        if entropy(s) >= 3.2 and re.search(r'\d', s) and re.search(r'[A-Z]', s):
            return s


SECRET_MAKERS = collections.OrderedDict([
    ('aws_access_key_id', lambda: RNG.choice(['AKIA', 'AKIA', 'ASIA']) + rnd(string.ascii_uppercase + '234567', 16)),
    ('aws_secret_access_key', lambda: rnd(B64, 40)),
    ('github_pat_classic', lambda: (lambda body: 'ghp_' + body + b62_encode(zlib.crc32(body.encode()), 6))(rnd(B62, 30))),
    ('github_pat_fine_grained', lambda: 'github_pat_11' + rnd(string.ascii_uppercase + string.digits, 20) + '_' + rnd(B62, 59)),
    ('github_oauth', lambda: 'gho_' + rnd(B62, 36)),
    ('gitlab_pat', lambda: 'glpat-' + rnd(URLSAFE, 20)),
    ('slack_bot_token', lambda: 'xoxb-%d-%d-%s' % (RNG.randrange(10 ** 11, 10 ** 12), RNG.randrange(10 ** 12, 10 ** 13), rnd(B62, 24))),
    ('slack_user_token', lambda: 'xoxp-%d-%d-%d-%s' % (RNG.randrange(10 ** 11, 10 ** 12), RNG.randrange(10 ** 11, 10 ** 12), RNG.randrange(10 ** 12, 10 ** 13), rnd(HEXL, 32))),
    ('slack_webhook', lambda: 'https://hooks.slack.com/services/T%s/B%s/%s' % (rnd(string.ascii_uppercase + string.digits, 9), rnd(string.ascii_uppercase + string.digits, 10), rnd(B62, 24))),
    ('stripe_live_secret', lambda: 'sk_live_' + RNG.choice([rnd(B62, 24), '51' + rnd(B62, 97)])),
    ('stripe_restricted', lambda: 'rk_live_' + RNG.choice([rnd(B62, 24), '51' + rnd(B62, 97)])),
    ('google_api_key', lambda: 'AIza' + rnd(URLSAFE, 35)),
    ('openai_key', lambda: RNG.choice(['sk-proj-' + rnd(URLSAFE, 74) + 'T3BlbkFJ' + rnd(URLSAFE, 74),
                                        'sk-' + rnd(B62, 20) + 'T3BlbkFJ' + rnd(B62, 20)])),
    ('anthropic_key', lambda: 'sk-ant-api03-' + rnd(URLSAFE, 93) + 'AA'),
    ('huggingface_token', lambda: 'hf_' + rnd(string.ascii_letters, 34)),
    ('twilio_auth_token', lambda: rnd(HEXL, 32)),
    ('twilio_api_key_secret', lambda: rnd(B62, 32)),
    ('sendgrid_key', lambda: 'SG.' + rnd(URLSAFE, 22) + '.' + rnd(URLSAFE, 43)),
    ('npm_token', lambda: (lambda body: 'npm_' + body + b62_encode(zlib.crc32(body.encode()), 6))(rnd(B62, 30))),
    ('pypi_token', lambda: 'pypi-AgEIcHlwaS5vcmc' + rnd(URLSAFE, RNG.randrange(150, 190))),
    ('shopify_access_token', lambda: 'shpat_' + rnd(HEXL, 32)),
    ('shopify_shared_secret', lambda: 'shpss_' + rnd(HEXL, 32)),
    ('azure_storage_account_key', lambda: base64.b64encode(bytes(RNG.getrandbits(8) for _ in range(64))).decode()),
    ('mailgun_key', lambda: 'key-' + rnd(HEXL, 32)),
    ('datadog_api_key', lambda: rnd(HEXL, 32)),
    ('telegram_bot_token', lambda: '%d:AA%s' % (RNG.randrange(10 ** 9, 8 * 10 ** 9), rnd(URLSAFE, 33))),
    ('discord_webhook', lambda: 'https://discord.com/api/webhooks/%d/%s' % (RNG.randrange(10 ** 17, 10 ** 18), rnd(URLSAFE, 68))),
    ('stripe_webhook_secret', lambda: 'whsec_' + rnd(B62, 32)),
    ('jwt', _jwt),
    ('pem_rsa', lambda: _pem('rsa')),
    ('pem_ec', lambda: _pem('ec')),
    ('pem_pkcs8', lambda: _pem('pkcs8')),
    ('pem_openssh', lambda: _pem('openssh')),
    ('password', _password),
    ('generic_api_key', lambda: RNG.choice([rnd(B62, 32), rnd(HEXL, 40), rnd(URLSAFE, 43)])),
])


def secret(kind, shape, key, text=None):
    """A positive secret label: form secret_<shape>_<provider>_<key>."""
    t = text if text is not None else SECRET_MAKERS[kind]()
    core = t
    if kind.startswith('pem_'):
        core = re.sub(r'-----[A-Z ]+-----|\s', '', t)
    if not secret_ok(core if len(core) < 400 else core[:400]):
        raise AssertionError('weak secret %r' % t)
    v = V(t, 'secret', 'secret_%s_%s_%s' % (shape, kind, fsan(key)))
    return check_positive(v)


def db_url(scheme, shape, key, user='app', host=None, port=None, db='app'):
    """A connection URL with a password; only the password is labelled."""
    host = host or RNG.choice(['db.internal', 'prod-db-01.c9akciq32.eu-west-1.rds.amazonaws.com', '10.20.3.14',
                               'pg.prod.svc.cluster.local', 'mysql-primary'])
    pw = _password()
    port = port or {'postgresql': 5432, 'postgres': 5432, 'mysql': 3306, 'mongodb': 27017, 'redis': 6379, 'amqp': 5672,
                    'mssql': 1433}.get(scheme, 5432)
    v = secret('password', shape, key + '_' + scheme + '_url', text=pw)
    if scheme == 'redis':
        return Joined(['%s://:' % scheme, v, '@%s:%d/0' % (host, port)])
    if scheme == 'mongodb+srv':
        return Joined(['%s://%s:' % (scheme, user), v, '@cluster0.%s.mongodb.net/%s?retryWrites=true&w=majority' % (rnd(string.ascii_lowercase + string.digits, 5), db)])
    return Joined(['%s://%s:' % (scheme, user), v, '@%s:%d/%s' % (host, port, db)])


def azure_conn(shape, key):
    acct = RNG.choice(['stprodlogs', 'acmedatalake', 'mediastore01', 'backupsweu'])
    v = secret('azure_storage_account_key', shape, key)
    return Joined(['DefaultEndpointsProtocol=https;AccountName=%s;AccountKey=' % acct, v, ';EndpointSuffix=core.windows.net'])


# ---------------------------------------------------------------- negatives

def hexdigest(algo):
    return hashlib.new(algo, rnd(B62, 24).encode()).hexdigest()


def uuid4_text():
    return str(uuid.UUID(int=RNG.getrandbits(128), version=4))


NEG_SECRET_MAKERS = collections.OrderedDict([
    ('md5', lambda: hexdigest('md5')),
    ('sha1', lambda: hexdigest('sha1')),
    ('sha256', lambda: hexdigest('sha256')),
    ('git_sha', lambda: hexdigest('sha1')),
    ('git_sha_short', lambda: hexdigest('sha1')[:RNG.choice([7, 8, 10, 12])]),
    ('uuid', uuid4_text),
    ('uuid_upper', lambda: uuid4_text().upper()),
    ('docker_digest', lambda: 'sha256:' + hexdigest('sha256')),
    ('sri_integrity', lambda: 'sha512-' + base64.b64encode(hashlib.sha512(rnd(B62, 20).encode()).digest()).decode()),
    ('placeholder', lambda: RNG.choice(['YOUR_API_KEY', 'your-api-key-here', '<YOUR_TOKEN>', 'changeme', 'xxxxxxxxxxxxxxxxxxxxxxxx',
                                        'REPLACE_ME', '********', 'TODO', 'dummy-secret', 'insert-key-here'])),
    ('template_var', lambda: RNG.choice(['${SECRET}', '${API_KEY}', '${DB_PASSWORD}', '{{ .Values.apiKey }}', '%(SECRET_KEY)s',
                                         '$STRIPE_KEY', '{{ secrets.GITHUB_TOKEN }}', '<%= ENV["TOKEN"] %>'])),
    ('masked_token', lambda: RNG.choice(['sk_live_' + 'x' * 24, 'ghp_' + 'X' * 36, 'AKIA' + 'X' * 16, 'xoxb-XXXXXXXXXXXX-XXXXXXXXXXXXX-XXXXXXXXXXXXXXXXXXXXXXXX',
                                         'sk-...' + rnd(B62, 4), 'hf_' + '*' * 34, 'glpat-' + 'x' * 20])),
    ('aws_doc_example', lambda: RNG.choice(['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'])),
    ('low_entropy_b64', lambda: RNG.choice([base64.b64encode(b'A' * RNG.randrange(16, 40)).decode(), base64.b64encode(b'testtesttesttest').decode(),
                                            base64.b64encode(b'\x00' * 24).decode(), 'YWRtaW46YWRtaW4=', 'cGFzc3dvcmQ='])),
    ('stripe_publishable', lambda: 'pk_live_' + rnd(B62, 24)),
    ('ssh_public_key', lambda: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI' + rnd(B64, 43) + ' deploy@ci'),
])


def neg_secret(kind, shape, key, text=None):
    t = text if text is not None else NEG_SECRET_MAKERS[kind]()
    return neg(t, 'secret', 'secret_neg_%s_%s_%s' % (shape, kind, fsan(key)))


# ============================================================================
# network identifiers and non-secret hard negatives
# ============================================================================

def ip_pos(shape, key, v6=False):
    fk = loc('en_US').fk
    for _ in range(200):
        t = fk.ipv6() if v6 else fk.ipv4_public()
        if v6 and not t.startswith(('2', '3')):
            continue                                  # stay inside 2000::/3 (global unicast)
        if v6 and RNG.random() < 0.5:
            t = str(ipaddress.ip_address(t))          # compressed form
        if ip_global(t):
            return check_positive(V(t, 'ip', 'ip_%s_%s_%s' % (shape, 'v6' if v6 else 'v4', fsan(key))))
    raise AssertionError('no global ip')


def mac_pos(shape, key):
    fk = loc('en_US').fk
    for _ in range(50):
        m = fk.mac_address(multicast=False)
        style = RNG.choice(['colon', 'colon', 'dash_upper', 'cisco'])
        h = m.replace(':', '')
        if style == 'dash_upper':
            m = '-'.join(h[i:i + 2] for i in range(0, 12, 2)).upper()
        elif style == 'cisco':
            m = '.'.join(h[i:i + 4] for i in range(0, 12, 4))
        if mac_unicast(m):
            return check_positive(V(m, 'mac', 'mac_%s_%s_%s' % (shape, style, fsan(key))))
    raise AssertionError('no mac')


NEG_IPS = ['127.0.0.1', '0.0.0.0', '255.255.255.0', '::1', '192.0.2.%d', '198.51.100.%d', '203.0.113.%d', '2001:db8::%x', '2001:db8:0:1::%x']


def ip_neg(shape, key):
    t = RNG.choice(NEG_IPS)
    if '%' in t:
        t = t % RNG.randrange(1, 250)
    assert not ip_global(t)
    return neg(t, 'ip', 'ip_neg_%s_%s' % (shape, fsan(key)))


def mac_neg(shape, key):
    t = RNG.choice(['ff:ff:ff:ff:ff:ff', '00:00:00:00:00:00', 'FF-FF-FF-FF-FF-FF', '01:00:5e:00:00:fb', '33:33:00:00:00:01'])
    return neg(t, 'mac', 'mac_neg_%s_%s' % (shape, fsan(key)))


def version_neg(shape, key):
    r = RNG
    t = r.choice(['%d.%d.%d' % (r.randrange(0, 5), r.randrange(0, 30), r.randrange(0, 40)),
                  '10.0.%d.%d' % (r.choice([17763, 19041, 19045, 22621, 22631]), r.randrange(1, 3900)),
                  '%d.%d.%d.%d' % (r.randrange(1, 9), r.randrange(0, 20), r.randrange(0, 99), r.randrange(0, 250)),
                  'v%d.%d.%d-rc.%d+build.%d' % (r.randrange(1, 4), r.randrange(0, 20), r.randrange(0, 9), r.randrange(1, 5), r.randrange(100, 999)),
                  '%d.%d.%d+%s' % (r.randrange(0, 3), r.randrange(0, 12), r.randrange(0, 9), hexdigest('sha1')[:7])])
    return neg(t, 'ip', 'ip_neg_%s_version_%s' % (shape, fsan(key)))


def date_neg(shape, key, style='iso', lang='en', region='US'):
    """A date that is not a birth date (order, created, shipped...)."""
    d = dt.date(2019, 1, 1) + dt.timedelta(days=RNG.randrange(0, 2200))
    if style == 'ts':
        t = '%sT%02d:%02d:%02dZ' % (d.isoformat(), RNG.randrange(24), RNG.randrange(60), RNG.randrange(60))
    elif style == 'ts_space':
        t = '%s %02d:%02d:%02d' % (d.isoformat(), RNG.randrange(24), RNG.randrange(60), RNG.randrange(60))
    else:
        t = fmt_date(d, style, lang, region)
    return neg(t, 'dob', 'dob_neg_%s_%s' % (shape, fsan(key)))


def _clean_digits(lengths, regions=('US', 'GB'), first='123456789'):
    """Digits that pass no id validator and are no valid phone number in `regions`."""
    lengths = lengths if isinstance(lengths, (list, tuple)) else [lengths]
    for _ in range(3000):
        n = RNG.choice(lengths)
        t = RNG.choice(first) + _digits(RNG, n - 1)
        if numeric_negative_clean(t) and not phone_valid_anywhere(t, regions):
            return t
    raise AssertionError('no clean number of length %s for %s' % (lengths, regions))


PRICE_FMT = {
    'US': ['$%d,%03d.%02d', 'USD %d,%03d.%02d'], 'GB': ['£%d,%03d.%02d'], 'DE': ['%d.%03d,%02d €', '%d.%03d,%02d EUR'],
    'FR': ['%d %03d,%02d €'], 'CH': ["CHF %d'%03d.%02d"], 'ES': ['%d.%03d,%02d €'], 'MX': ['$%d,%03d.%02d MXN'],
    'BR': ['R$ %d.%03d,%02d'], 'IN': ['₹%d,%03d.%02d'], 'RU': ['%d %03d,%02d ₽'], 'JP': ['¥%d,%03d'],
    'PL': ['%d %03d,%02d zł'], 'SE': ['%d %03d,%02d kr'], 'IT': ['€ %d.%03d,%02d'], 'NL': ['€ %d.%03d,%02d'],
    'AT': ['€ %d.%03d,%02d'], 'BE': ['%d.%03d,%02d €'], 'PT': ['%d %03d,%02d €'], 'CA': ['$%d,%03d.%02d CAD'],
    'AU': ['A$%d,%03d.%02d'], 'NZ': ['NZ$%d,%03d.%02d'], 'IE': ['€%d,%03d.%02d'], 'AR': ['$ %d.%03d,%02d'],
    'CL': ['$%d.%03d'], 'CO': ['$ %d.%03d'], 'TR': ['%d.%03d,%02d TL'], 'KR': ['₩%d,%03d'], 'CN': ['¥%d,%03d.%02d'],
    'TW': ['NT$%d,%03d'], 'UA': ['%d %03d,%02d грн'], 'CZ': ['%d %03d,%02d Kč'], 'DK': ['%d.%03d,%02d kr.'],
    'NO': ['kr %d %03d,%02d'], 'FI': ['%d %03d,%02d €'], 'HU': ['%d %03d Ft'], 'RO': ['%d.%03d,%02d lei'],
}


def number_neg(kind, shape, key, region=None):
    """Phone-looking or card-looking numbers that are neither (digit strings are no
    valid phone number for US, GB and the file's region)."""
    r = RNG
    regs = ('US', 'GB') + ((region,) if region else ())
    if kind == 'order_no':
        t, cat = _clean_digits([8, 9, 10, 11, 12], regs), 'phone'
    elif kind == 'order_no_prefixed':
        t, cat = r.choice(['ORD-', 'SO', 'PO-', '#']) + _clean_digits([7, 8, 9, 10], regs), 'phone'
    elif kind == 'invoice_no':
        t, cat = 'INV-%d-%06d' % (r.randrange(2019, 2026), r.randrange(1, 999999)), 'phone'
    elif kind == 'tracking_dhl':
        t, cat = _clean_digits([10, 11], regs), 'phone'
    elif kind == 'tracking_usps':
        t, cat = ' '.join(['9400'] + [_digits(r, 4) for _ in range(4)] + [_digits(r, 2)]), 'card'
    elif kind == 'tracking_ups':
        t, cat = '1Z%s%s%s' % (rnd(string.ascii_uppercase + string.digits, 6), _digits(r, 2), _digits(r, 8)), 'card'
    elif kind == 'price' and region in PRICE_FMT:
        a, b, c = r.randrange(1, 99), r.randrange(1000), r.randrange(100)
        fmt_ = r.choice(PRICE_FMT[region])
        t, cat = fmt_ % (a, b, c)[:fmt_.count('%')], 'phone'
    elif kind == 'price':
        t, cat = r.choice(['$%d,%03d.%02d' % (r.randrange(1, 99), r.randrange(1000), r.randrange(100)),
                           '%d.%03d,%02d €' % (r.randrange(1, 99), r.randrange(1000), r.randrange(100)),
                           '₹%d,%02d,%03d' % (r.randrange(1, 99), r.randrange(100), r.randrange(1000)),
                           '%d %03d %03d ₽' % (r.randrange(1, 9), r.randrange(1000), r.randrange(1000)),
                           'CHF %d\'%03d.–' % (r.randrange(1, 99), r.randrange(1000))]), 'phone'
    elif kind == 'quantity':
        t, cat = r.choice(['%d %03d pcs' % (r.randrange(1, 99), r.randrange(1000)), '%d x %d' % (r.randrange(2, 50), r.randrange(100, 999)),
                           '%d,%03d,%03d units' % (r.randrange(1, 9), r.randrange(1000), r.randrange(1000))]), 'phone'
    elif kind == 'isbn':
        for _ in range(200):
            b = '978' + r.choice('0123489') + _digits(r, 8)
            c = (10 - sum(int(x) * (1 if i % 2 == 0 else 3) for i, x in enumerate(b)) % 10) % 10
            d = b + str(c)
            t = '%s-%s-%s-%s-%s' % (d[:3], d[3], d[4:7], d[7:12], d[12])
            if numeric_negative_clean(t):
                break
        cat = 'national_id'
    elif kind == 'epoch_ms':
        t, cat = str(1600000000000 + r.randrange(10 ** 11)), 'phone'
    else:
        raise KeyError(kind)
    if not numeric_negative_clean(t):
        return number_neg(kind, shape, key, region)
    return neg(t, cat, '%s_neg_%s_%s_%s' % (cat, shape, kind, fsan(key)))


def _mutate_digit(s, positions, r):
    """Change one digit at one of `positions` (indexes into s)."""
    s = list(s)
    i = r.choice(positions)
    s[i] = r.choice([d for d in string.digits if d != s[i]])
    return ''.join(s)


def bad_nid(person, shape, key):
    """The person's valid id with its check digit changed: fails its module and every other validator."""
    t = person.nid_text
    if not t:
        return None
    if person.nid_mod == 'us.ssn':   # no check digit: use an area number the SSA never issues
        cand = RNG.choice(['000', '666', '9%02d' % RNG.randrange(100)]) + t[3:]
        if not id_valid('us.ssn', cand) and numeric_negative_clean(cand):
            return V(cand, 'national_id', 'national_id_neg_%s_%s_%s_bad_area' % (shape, person.code, fsan(key)),
                     positive=False, validator='us.ssn', locale=person.code)
        return None
    pos = [i for i, ch in enumerate(t) if ch.isdigit()]
    last = [p for p in pos[-2:]]
    for _ in range(300):
        cand = _mutate_digit(t, last, RNG)
        if not id_valid(person.nid_mod, cand) and numeric_negative_clean(cand):
            return V(cand, 'national_id', 'national_id_neg_%s_%s_%s_bad_check' % (shape, person.code, fsan(key)),
                     positive=False, validator=person.nid_mod, locale=person.code)
    return None


def bad_iban(person, shape, key):
    t = person.iban_text
    if not t:
        return None
    pos = [i for i, ch in enumerate(t) if ch.isdigit() and i > 4]
    for _ in range(300):
        cand = _mutate_digit(t, pos, RNG)
        if not iban_ok(cand) and numeric_negative_clean(cand):
            return V(cand, 'iban', 'iban_neg_%s_%s_%s_bad_mod97' % (shape, person.code, fsan(key)), positive=False,
                     validator='iban', locale=person.code)
    return None


def bad_card(person, shape, key):
    t = person.card_text
    pos = [i for i, ch in enumerate(t) if ch.isdigit()]
    for _ in range(300):
        cand = _mutate_digit(t, pos[-1:], RNG)
        if not luhn_ok(cand) and numeric_negative_clean(cand):
            return V(cand, 'card', 'card_neg_%s_%s_bad_luhn' % (shape, fsan(key)), positive=False, validator='luhn')
    return None


BRAND_NAMES = ['Johnson & Johnson', 'Ben & Jerry\'s', 'Morgan Stanley', 'Ralph Lauren', 'Calvin Klein', 'Tommy Hilfiger',
               'Hugo Boss', 'Jack Daniel\'s', 'Marks & Spencer', 'Dr. Oetker', 'Ernst & Young', 'Louis Vuitton', 'Christian Dior',
               'Ferdinand Porsche AG', 'Tim Hortons', 'Wendy\'s', 'Dolce & Gabbana', 'Paul Smith', 'Ted Baker', 'Mary Kay',
               'Estée Lauder', 'John Lewis', 'Sainsbury\'s', 'Kellogg\'s', 'Tom Ford', 'Giorgio Armani', 'Jimmy Choo']


def name_neg(shape, key, code=None):
    """Company / product / brand names that look like a person's name."""
    if code and RNG.random() < 0.5:
        t = loc(code).fk.company()
    else:
        t = RNG.choice(BRAND_NAMES)
    return neg(t, 'name', 'name_neg_%s_%s' % (shape, fsan(key)))


def email_neg(shape, key):
    r = RNG
    t = r.choice(['user@example.com', 'name@example.org', 'jane.doe@example.com', 'test@test.com'.replace('test.com', 'example.net'),
                  'you@example.com', 'someone@example.invalid', 'admin@localhost', 'git@github.com', 'icon@2x.png',
                  'lodash@4.17.21', 'react-dom@18.2.0', 'logo@3x.webp'])
    return neg(t, 'email', 'email_neg_%s_%s' % (shape, fsan(key)))


# ============================================================================
# CSV / TSV / PSV tables
# ============================================================================

def cells(p, shape, cols):
    """cols: (header, field[, date style]); field is a Person field (labelled), an
    attribute name (written unlabelled) or a callable(person, header) -> part."""
    out = []
    for col in cols:
        hdr, field = col[0], col[1]
        style = col[2] if len(col) > 2 else None
        if callable(field):
            out.append(field(p, hdr))
        elif field in Person.FIELD_CAT:
            v = p.v(field, shape, hdr, style=style)
            out.append(v if v is not None else '')
        else:
            out.append('' if getattr(p, field, None) is None else str(getattr(p, field)))
    return out


def write_table(rel, cols, persons, shape, delim=',', header=True, encoding='utf-8', bom=False, eol='\n',
                quote_all=False, extra_rows=()):
    f = TextFile(rel, encoding, bom)
    if header:
        f.put(csv_parts([c[0] for c in cols], delim, quote_all, eol))
    for p in persons:
        f.put(csv_parts(cells(p, shape, cols), delim, quote_all, eol))
    for row in extra_rows:
        f.put(csv_parts(row, delim, quote_all, eol))
    return f


def mix(codes, n):
    """n persons cycling through codes (deterministic order)."""
    return [Person(codes[i % len(codes)]) for i in range(n)]


def seq_id(prefix, start=1000):
    state = {'n': start}

    def f(p, hdr):
        state['n'] += RNG.randrange(1, 9)
        return '%s%d' % (prefix, state['n'])
    return f


def const(text):
    return lambda p, hdr: text


def neg_col(maker, *args, **kw):
    return lambda p, hdr: maker(*args, key=hdr, **kw)


@section
def csv_north_america():
    cols = [('customer_id', seq_id('C00', 41000)), ('first_name', 'first'), ('last_name', 'last'), ('email', 'email'),
            ('phone', 'phone'), ('date_of_birth', 'dob'), ('tax_id', 'nid'), ('mailing_address', 'address'),
            ('signup_date', neg_col(date_neg, 'csv', style='iso')), ('lifetime_value', neg_col(number_neg, 'price', 'csv', region='US'))]
    write_table('crm/customers_na.csv', cols, mix(['en_US', 'en_US', 'en_CA'], 33), 'csv')


@section
def csv_dach():
    cols = [('Kundennummer', seq_id('K-', 700100)), ('Vorname', 'first'), ('Nachname', 'last'),
            ('Geburtsdatum', 'dob'), ('Straße und Hausnummer', 'street'), ('PLZ', 'postcode'), ('Ort', 'city'),
            ('Telefonnummer', 'phone'), ('E-Mail', 'email'), ('IBAN', 'iban'), ('Steuer-ID / SV-Nummer', 'nid'),
            ('Erstellt am', neg_col(date_neg, 'csv', style='dmy.', lang='de', region='DE')), ('Umsatz', neg_col(number_neg, 'price', 'csv', region='DE'))]
    write_table('crm/kunden_dach.csv', cols, mix(['de_DE', 'de_AT', 'de_CH', 'de_DE'], 32), 'csv', delim=';', bom=True, eol='\r\n')


@section
def csv_french():
    cols = [('nom', 'last'), ('prénom', 'first'), ('date_de_naissance', 'dob'), ('adresse_postale', 'address'),
            ('téléphone', 'phone'), ('courriel', 'email'), ('numéro_sécu', 'nid'), ('iban', 'iban'),
            ('date_commande', neg_col(date_neg, 'csv', style='dmy/', lang='fr', region='FR')), ('n°_commande', neg_col(number_neg, 'order_no', 'csv', region='FR'))]
    write_table('crm/clients_fr.csv', cols, mix(['fr_FR', 'fr_FR', 'fr_CH', 'fr_CA'], 28), 'csv', delim=';')


@section
def csv_spanish():
    def tipo(p, hdr):
        return {'es.dni': 'DNI', 'es.nie': 'NIE', 'mx.curp': 'CURP', 'ar.cuit': 'CUIL', 'cl.rut': 'RUT'}.get(p.nid_mod, '')
    cols = [('nombre_completo', 'name'), ('fecha_nacimiento', 'dob'), ('tipo_documento', tipo), ('num_documento', 'nid'),
            ('telefono', 'phone'), ('correo_electronico', 'email'), ('direccion', 'address'), ('pais', 'region'),
            ('importe_ultima_compra', neg_col(number_neg, 'price', 'tsv', region='ES'))]
    write_table('crm/clientes_es_latam.tsv', cols, mix(['es_ES', 'es_MX', 'es_AR', 'es_CO', 'es_CL'], 35), 'tsv', delim='\t')


@section
def csv_nordic():
    cols = [('Employee ID', seq_id('E', 3300)), ('Full Name', 'name'), ('Date of Birth', 'dob'),
            ('Personal ID Number', 'nid'), ('Phone Number', 'phone'), ('Work Email', 'email'),
            ('Home Address', 'address'), ('Bank Account (IBAN)', 'iban'),
            ('Start Date', neg_col(date_neg, 'csv', style='iso'))]
    write_table('hr/employees_nordic.csv', cols, mix(['sv_SE', 'no_NO', 'da_DK', 'fi_FI', 'is_IS'], 30), 'csv',
                quote_all=True, eol='\r\n')


@section
def csv_cee():
    cols = [('employeeId', seq_id('', 58000)), ('firstName', 'first'), ('lastName', 'last'), ('birthDate', 'dob', 'iso'),
            ('nationalId', 'nid'), ('mobilePhone', 'phone'), ('emailAddress', 'email'), ('homeAddress', 'address'),
            ('iban', 'iban'), ('lastLogin', neg_col(date_neg, 'psv', style='ts'))]
    codes = ['pl_PL', 'cs_CZ', 'sk_SK', 'hu_HU', 'ro_RO', 'hr_HR', 'sl_SI', 'bg_BG', 'lt_LT', 'lv_LV', 'et_EE']
    write_table('hr/staff_cee.psv', cols, mix(codes, 44), 'psv', delim='|')


@section
def csv_noheader():
    cols = [('col1_id', seq_id('', 100)), ('col2_name', 'name'), ('col3_phone', 'phone'), ('col4_email', 'email'),
            ('col5_dob', 'dob', 'dmy/'), ('col6_address', 'address'), ('col7_id_number', 'nid')]
    write_table('exports/contacts_export_noheader.csv', cols,
                mix(['en_GB', 'en_IE', 'en_AU', 'en_NZ', 'en_IN', 'zu_ZA'], 30), 'csv_noheader', header=False)


@section
def csv_abbrev():
    persons = mix(['en_US', 'en_GB', 'en_AU', 'en_CA', 'en_NZ', 'en_IE'], 36)
    types = loc('en_US').card_types or [None]
    for i, p in enumerate(persons):           # every card type Faker knows, in turn
        ctypes = loc(p.code).card_types
        p.card_text, p.card_type = loc(p.code).card(ctypes[i % len(ctypes)])
    del types

    def exp(p, hdr):
        return '%02d/%02d' % (RNG.randrange(1, 13), RNG.randrange(26, 31))
    cols = [('id', seq_id('', 9000)), ('fname', 'first'), ('lname', 'last'), ('dob', 'dob'), ('tel', 'phone'),
            ('eml', 'email'), ('addr1', 'street'), ('pc', 'postcode'), ('ccn', 'card'), ('exp', exp),
            ('ref', neg_col(number_neg, 'order_no_prefixed', 'csv'))]
    write_table('exports/crm_abbrev.csv', cols, persons, 'csv')


@section
def csv_russian():
    cols = [('ФИО', 'name'), ('Дата рождения', 'dob'), ('Телефон', 'phone'), ('Адрес', 'address'), ('ИНН / РНОКПП', 'nid'),
            ('Эл. почта', 'email'), ('Дата заказа', neg_col(date_neg, 'csv', style='dmy.', lang='ru', region='RU')),
            ('Сумма', neg_col(number_neg, 'price', 'csv', region='RU'))]
    write_table('crm/klienty_ru_ua.csv', cols, mix(['ru_RU', 'ru_RU', 'uk_UA'], 27), 'csv', delim=';')


@section
def csv_japanese():
    def kana(p, hdr):
        fk = p.loc.fk
        t = fk.kana_name() if hasattr(fk, 'kana_name') else None
        return p.v('name', 'csv', hdr, text=t) if t else ''

    def postcode(p, hdr):
        return p.loc.fk.postcode()
    cols = [('顧客ID', seq_id('J', 20000)), ('氏名', 'name'), ('フリガナ', kana), ('生年月日', 'dob'), ('電話番号', 'phone'),
            ('郵便番号', postcode), ('住所', 'address'), ('メールアドレス', 'email'), ('個人番号', 'nid'),
            ('登録日', neg_col(date_neg, 'csv', style='ymd/', lang='ja', region='JP'))]
    write_table('crm/kokyaku_ja.csv', cols, mix(['ja_JP'], 22), 'csv', bom=True, eol='\r\n')


@section
def csv_chinese_korean():
    cols = [('姓名', 'name'), ('身份证号', 'nid'), ('手机号', 'phone'), ('出生日期', 'dob'), ('地址', 'address'), ('邮箱', 'email'),
            ('下单时间', neg_col(date_neg, 'tsv', style='ts_space'))]
    write_table('crm/huiyuan_zh.tsv', cols, mix(['zh_CN', 'zh_CN', 'zh_TW'], 21), 'tsv', delim='\t')
    cols = [('성명', 'name'), ('주민등록번호', 'nid'), ('휴대전화', 'phone'), ('생년월일', 'dob', 'ko'), ('주소', 'address'),
            ('이메일', 'email'), ('가입일', neg_col(date_neg, 'csv', style='ymd.', lang='ko', region='KR'))]
    write_table('crm/hoewon_ko.csv', cols, mix(['ko_KR'], 16), 'csv')


@section
def csv_cp1252():
    """A legacy Windows-1252 export; persons whose values do not fit the code page are skipped."""
    persons = []
    for p in mix(['es_ES', 'pt_PT', 'it_IT', 'fr_FR', 'de_DE', 'nl_NL'], 40):
        try:
            for fld in ('first', 'last', 'dob', 'phone', 'address', 'email'):
                (p.raw(fld) or '').encode('cp1252')
        except UnicodeEncodeError:
            continue
        persons.append(p)
    cols = [('Nombre', 'first'), ('Apellidos', 'last'), ('Fecha Nac.', 'dob'), ('Teléfono', 'phone'), ('Dirección', 'address'),
            ('Email', 'email'), ('Observaciones', const('Última compra en tienda'))]
    write_table('legacy/clientes_cp1252.csv', cols, persons[:24], 'csv', delim=';', encoding='cp1252', eol='\r\n')


@section
def csv_mixed_eu():
    cols = [('ID', seq_id('', 1)), ('Nome completo', 'name'), ('tax_code', 'nid'), ('Telefoon', 'phone'), ('Email Address', 'email'),
            ('geboortedatum', 'dob'), ('Endereço', 'address'), ('IBAN', 'iban'), ('Created', neg_col(date_neg, 'csv', style='ts'))]
    write_table('crm/contacts_mixed_eu.csv', cols, mix(['it_IT', 'pt_PT', 'pt_BR', 'nl_NL', 'nl_BE', 'el_GR', 'tr_TR'], 35), 'csv')


@section
def csv_asia_mena():
    def loc_col(p, hdr):
        return p.code

    def id_type(p, hdr):
        return p.nid_term or ''
    cols = [('locale', loc_col), ('full_name', 'name'), ('dob', 'dob'), ('phone', 'phone'), ('email', 'email'),
            ('address', 'address'), ('national_id', 'nid'), ('national_id_type', id_type)]
    codes = ['he_IL', 'fa_IR', 'hi_IN', 'bn_BD', 'ta_IN', 'th_TH', 'vi_VN', 'id_ID', 'ka_GE', 'hy_AM', 'az_AZ', 'ne_NP']
    write_table('crm/customers_asia_mena.csv', cols, mix(codes, 36), 'csv')


@section
def csv_cards():
    """Card transactions: every Faker card type, a few Luhn failures, lots of near-misses."""
    f = TextFile('payments/card_transactions.csv')
    hdr = ['txn_id', 'created_at', 'amount', 'currency', 'card_number', 'card_holder', 'merchant', 'order_ref', 'client_ip', 'status']
    f.put(csv_parts(hdr))
    codes = ['en_US', 'en_GB', 'de_DE', 'fr_FR', 'ja_JP', 'zh_CN', 'pt_BR', 'ru_RU', 'uk_UA', 'fa_IR', 'pt_PT', 'es_MX', 'it_IT']
    codes = [c for c in codes if c in LOCALES]
    covered = set()
    for code in codes:
        loc(code).card(None)                              # fills card_types
        types = loc(code).card_types
        todo = [t for t in types if t not in covered] + [t for t in types if t in covered]
        for ctype in todo[:max(5, len([t for t in types if t not in covered]))]:
            first_of_type = ctype not in covered
            covered.add(ctype)
            p = Person(code)
            p.card_text, p.card_type = loc(code).card(ctype)
            bad = RNG.random() < 0.12 and not first_of_type
            card = bad_card(p, 'csv', 'card_number') if bad else p.v('card', 'csv', 'card_number')
            holder = p.v('name', 'csv', 'card_holder', text=p.name.upper() if RNG.random() < 0.4 else p.name)
            row = [neg_secret('uuid', 'csv', 'txn_id'), date_neg('csv', 'created_at', style='ts'),
                   '%d.%02d' % (RNG.randrange(3, 900), RNG.randrange(100)), RNG.choice(['USD', 'EUR', 'GBP', 'JPY', 'BRL']),
                   card, holder, name_neg('csv', 'merchant', code), number_neg('order_no_prefixed', 'csv', 'order_ref', region=p.region),
                   ip_pos('csv', 'client_ip', v6=RNG.random() < 0.2), 'declined_luhn' if bad else RNG.choice(['captured', 'authorized', 'refunded'])]
            f.put(csv_parts(row))


@section
def csv_network():
    f = TextFile('infra/network_inventory.csv')
    f.put(csv_parts(['hostname', 'public_ip', 'ipv6', 'lan_ip', 'mac', 'os_version', 'agent_version', 'last_seen', 'owner', 'owner_email']))
    for i in range(26):
        p = Person(RNG.choice(['en_US', 'en_GB', 'de_DE', 'nl_NL', 'sv_SE']))
        if RNG.random() < 0.15:
            pub = ip_neg('csv', 'public_ip')
        else:
            pub = ip_pos('csv', 'public_ip')
        mac = mac_neg('csv', 'mac') if RNG.random() < 0.1 else mac_pos('csv', 'mac')
        row = ['%s-%s-%02d' % (RNG.choice(['lt', 'ws', 'srv', 'kiosk']), RNG.choice(['ams', 'fra', 'nyc', 'sto']), i), pub,
               ip_pos('csv', 'ipv6', v6=True) if RNG.random() < 0.6 else '',
               '10.%d.%d.%d' % (RNG.randrange(256), RNG.randrange(256), RNG.randrange(1, 255)), mac,
               version_neg('csv', 'os_version'), version_neg('csv', 'agent_version'), date_neg('csv', 'last_seen', style='ts'),
               p.v('name', 'csv', 'owner'), p.v('email', 'csv', 'owner_email')]
        f.put(csv_parts(row))


@section
def csv_rejects():
    """A data-quality report: values rejected by checksum validation (all negatives)."""
    f = TextFile('qa/validation_rejects.csv')
    f.put(csv_parts(['batch', 'record_id', 'field', 'submitted_value', 'error']))
    codes = [c for c in LOCALES if c in NID_FAKER or c in NID_BUILT]
    for i, code in enumerate(codes):
        p = Person(code)
        for fld, maker, err in (('national_id', bad_nid, 'checksum mismatch'), ('iban', bad_iban, 'IBAN mod-97 check failed'),
                                ('card_number', bad_card, 'Luhn check failed')):
            if fld == 'card_number' and i % 3:
                continue
            v = maker(p, 'csv_reject', fld)
            if v is None:
                continue
            f.put(csv_parts(['2024-W%02d' % RNG.randrange(1, 53), str(RNG.randrange(10 ** 5, 10 ** 6)), fld, v, err]))
    for kind in ('order_no', 'tracking_usps', 'isbn', 'epoch_ms', 'tracking_ups'):
        v = number_neg(kind, 'csv_reject', 'submitted_value')
        f.put(csv_parts(['2024-W%02d' % RNG.randrange(1, 53), str(RNG.randrange(10 ** 5, 10 ** 6)), 'phone', v, 'not a phone number']))


# ============================================================================
# JSON Lines / JSON
# ============================================================================

def write_jsonl(rel, records, ascii_only=False):
    f = TextFile(rel)
    for rec in records:
        f.ln(json_parts(rec, ascii_only=ascii_only))
    return f


def ua():
    return RNG.choice(['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
                       'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
                       'okhttp/4.12.0', 'MyShopApp/5.12.3 (Android 14; Pixel 8)'])


@section
def jsonl_signups():
    codes = ['en_US', 'en_GB', 'de_DE', 'fr_FR', 'es_MX', 'pt_BR', 'it_IT', 'nl_NL', 'pl_PL', 'tr_TR', 'ru_RU', 'ja_JP',
             'ko_KR', 'zh_CN', 'hi_IN', 'id_ID', 'vi_VN', 'th_TH', 'sv_SE', 'ro_RO']
    recs = []
    for i, p in enumerate(mix(codes, 44)):
        recs.append({'eventId': neg_secret('uuid', 'jsonl', 'eventId'), 'ts': date_neg('jsonl', 'ts', style='ts'),
                     'type': 'user.signup', 'userId': 500000 + i * 37, 'fullName': p.v('name', 'jsonl', 'fullName'),
                     'email': p.v('email', 'jsonl', 'email'), 'phoneNumber': p.v('phone', 'jsonl', 'phoneNumber'),
                     'birthDate': p.v('dob', 'jsonl', 'birthDate', style='iso'), 'country': p.region,
                     'ipAddress': ip_pos('jsonl', 'ipAddress', v6=RNG.random() < 0.25), 'userAgent': ua(),
                     'appVersion': version_neg('jsonl', 'appVersion'), 'marketingOptIn': RNG.random() < 0.5})
    write_jsonl('events/signup_events.jsonl', recs)


@section
def jsonl_orders_nested():
    codes = ['en_US', 'en_GB', 'de_DE', 'fr_FR', 'it_IT', 'es_ES', 'nl_NL', 'pl_PL', 'en_AU', 'en_CA', 'pt_PT', 'de_AT']
    recs = []
    for p in mix(codes, 40):
        q = Person(p.code)          # a second person: the gift recipient / second address
        addrs = [{'type': 'billing', 'line1': p.v('street', 'jsonl', 'shipping_addresses.line1'), 'city': p.city,
                  'postal_code': p.postcode, 'country': p.region}]
        if q.has('street'):
            addrs.append({'type': 'shipping', 'recipient': q.v('name', 'jsonl', 'shipping_addresses.recipient'),
                          'line1': q.v('street', 'jsonl', 'shipping_addresses.line1'), 'city': q.city,
                          'postal_code': q.postcode, 'country': q.region})
        bad = RNG.random() < 0.1
        card = bad_card(p, 'jsonl', 'payment.card.number') if bad else p.v('card', 'jsonl', 'payment.card.number')
        rec = {'order_id': number_neg('order_no', 'jsonl', 'order_id', region=p.region),
               'placed_at': date_neg('jsonl', 'placed_at', style='ts'),
               'customer': {'id': 'cus_%s' % rnd(B62, 14), 'name': p.v('name', 'jsonl', 'customer.name'),
                            'contact': {'email': p.v('email', 'jsonl', 'customer.contact.email'),
                                        'phone': p.v('phone', 'jsonl', 'customer.contact.phone')},
                            'date_of_birth': p.v('dob', 'jsonl', 'customer.date_of_birth', style='iso')},
               'shipping_addresses': addrs,
               'payment': {'method': 'card', 'card': {'number': card, 'holder': p.v('name', 'jsonl', 'payment.card.holder', text=p.first + ' ' + p.last),
                                                       'brand': p.card_type, 'exp': '%02d/%d' % (RNG.randrange(1, 13), RNG.randrange(2026, 2031))},
                           'status': 'failed' if bad else 'succeeded'},
               'items': [{'sku': 'SKU-%s' % _digits(RNG, 6), 'qty': RNG.randrange(1, 5),
                          'unit_price': number_neg('price', 'jsonl', 'items.unit_price', region=p.region)} for _ in range(RNG.randrange(1, 3))],
               'tracking_number': number_neg(RNG.choice(['tracking_ups', 'tracking_usps', 'tracking_dhl']), 'jsonl', 'tracking_number')}
        if p.iban_text and RNG.random() < 0.4:
            rec['refund'] = {'iban': p.v('iban', 'jsonl', 'refund.iban'), 'account_holder': p.v('name', 'jsonl', 'refund.account_holder')}
        recs.append(rec)
    write_jsonl('events/orders_nested.jsonl', recs)


@section
def jsonl_german_keys():
    recs = []
    for i, p in enumerate(mix(['de_DE', 'de_AT', 'de_CH'], 27)):
        rec = {'kundennummer': 'KD-%06d' % (300000 + i * 11), 'vorname': p.v('first', 'jsonl', 'vorname'),
               'nachname': p.v('last', 'jsonl', 'nachname'), 'geburtsdatum': p.v('dob', 'jsonl', 'geburtsdatum'),
               'anschrift': {'straße': p.v('street', 'jsonl', 'anschrift.straße'), 'plz': p.postcode, 'ort': p.city},
               'kontakt': {'telefon': p.v('phone', 'jsonl', 'kontakt.telefon'), 'e_mail': p.v('email', 'jsonl', 'kontakt.e_mail')},
               'bankverbindung': {'iban': p.v('iban', 'jsonl', 'bankverbindung.iban') or None},
               'steuer_id': p.v('nid', 'jsonl', 'steuer_id') or None,
               'letzte_bestellung': date_neg('jsonl', 'letzte_bestellung', style='dmy.', lang='de')}
        recs.append(rec)
    write_jsonl('events/benutzerprofile_de.jsonl', recs)


@section
def jsonl_iberian_latam():
    recs = []
    for p in mix(['es_ES', 'es_MX', 'es_AR', 'es_CL', 'pt_BR', 'pt_PT', 'es_CO'], 35):
        if p.lang == 'pt':
            rec = {'nome': p.v('name', 'jsonl', 'nome'), 'cpf' if p.region == 'BR' else 'nif': p.v('nid', 'jsonl', 'cpf_nif') or None,
                   'data_nascimento': p.v('dob', 'jsonl', 'data_nascimento'), 'endereco': p.v('address', 'jsonl', 'endereco'),
                   'celular': p.v('phone', 'jsonl', 'celular'), 'email': p.v('email', 'jsonl', 'email'),
                   'pedido': {'numero': number_neg('order_no', 'jsonl', 'pedido.numero', region=p.region),
                              'valor': number_neg('price', 'jsonl', 'pedido.valor', region='BR')}}
        else:
            rec = {'nombre': p.v('first', 'jsonl', 'nombre'), 'apellidos': p.v('last', 'jsonl', 'apellidos'),
                   'fecha_de_nacimiento': p.v('dob', 'jsonl', 'fecha_de_nacimiento'),
                   'documento': {'tipo': p.nid_term or 'otro', 'numero': p.v('nid', 'jsonl', 'documento.numero') or None},
                   'domicilio': p.v('address', 'jsonl', 'domicilio'), 'telefono_movil': p.v('phone', 'jsonl', 'telefono_movil'),
                   'correo': p.v('email', 'jsonl', 'correo'), 'fecha_alta': date_neg('jsonl', 'fecha_alta', style='dmy/')}
        recs.append(rec)
    write_jsonl('events/perfiles_es_pt.jsonl', recs)


def identity_record(p, shape):
    return {'locale': p.code, 'name': p.v('name', shape, 'name'), 'dob': p.v('dob', shape, 'dob'),
            'contact': {'email': p.v('email', shape, 'contact.email'), 'phone': p.v('phone', shape, 'contact.phone')},
            'address': p.v('address', shape, 'address') if p.has('address') else None,
            'identity': {'type': p.nid_term, 'value': p.v('nid', shape, 'identity.value')} if p.nid_text else None,
            'bank': {'iban': p.v('iban', shape, 'bank.iban')} if p.iban_text else None}


@section
def jsonl_gz_all_locales():
    recs = [identity_record(Person(code), 'jsonl_gz') for code in LOCALES]
    recs += [identity_record(Person(code), 'jsonl_gz') for code in LOCALES[::3]]
    write_jsonl('events/profiles_intl.jsonl.gz', recs)


@section
def jsonl_ascii_escaped():
    """json.dumps() defaults: every non-ASCII character is a \\uXXXX escape (labels keep `decoded`)."""
    codes = ['ru_RU', 'uk_UA', 'el_GR', 'bg_BG', 'he_IL', 'ja_JP', 'zh_CN', 'ko_KR', 'th_TH', 'hi_IN', 'ka_GE', 'fa_IR', 'de_DE', 'pl_PL']
    recs = [identity_record(p, 'jsonl_ascii') for p in mix(codes, 28)]
    write_jsonl('events/profiles_ascii_escaped.jsonl', recs, ascii_only=True)


@section
def json_pretty_contacts():
    codes = ['es_MX', 'es_CO', 'pt_BR', 'es_AR', 'en_PH' if 'en_PH' in LOCALES else 'en_IN', 'id_ID', 'vi_VN', 'en_IN', 'fr_CA', 'he_IL']
    items = []
    for i, p in enumerate(mix(codes, 22)):
        alt = Person(p.code)
        items.append({'id': i + 1, 'displayName': p.v('name', 'json', 'displayName'),
                      'phones': [{'type': 'mobile', 'number': p.v('phone', 'json', 'phones.number')},
                                 {'type': 'home', 'number': alt.v('phone', 'json', 'phones.number')}],
                      'emails': [p.v('email', 'json', 'emails')],
                      'addresses': [{'label': 'home', 'formatted': p.v('address', 'json', 'addresses.formatted')}] if p.has('address') else [],
                      'birthday': p.v('dob', 'json', 'birthday', style='iso'),
                      'updatedAt': date_neg('json', 'updatedAt', style='ts'), 'etag': neg_secret('md5', 'json', 'etag')})
    f = TextFile('api/contacts_dump.json')
    f.put(json_parts(items, indent=2), '\n')


# ============================================================================
# Parquet (labels: span null, row 0-based, column = dotted struct path)
# ============================================================================

def _ts_neg(key):
    d = dt.datetime(2019, 1, 1) + dt.timedelta(seconds=RNG.randrange(0, 5 * 365 * 86400))
    return Cell(neg(str(d), 'dob', 'dob_neg_parquet_%s' % fsan(key)), d)


@section
def parquet_customers_flat():
    schema = pa.schema([('customer_id', pa.int64()), ('full_name', pa.string()), ('email', pa.string()), ('phone', pa.string()),
                        ('date_of_birth', pa.date32()), ('street', pa.string()), ('city', pa.string()), ('postcode', pa.string()),
                        ('country', pa.string()), ('national_id', pa.string()), ('iban', pa.string()),
                        ('created_at', pa.timestamp('us')), ('ltv_eur', pa.float64())])
    t = ParquetFile('warehouse/customers_flat.parquet', schema, row_group_size=20)
    codes = ['en_US', 'en_GB', 'de_DE', 'fr_FR', 'es_ES', 'it_IT', 'nl_NL', 'pl_PL', 'sv_SE', 'pt_BR', 'tr_TR', 'ro_RO', 'cs_CZ', 'fi_FI']
    for i, p in enumerate(mix(codes, 84)):
        t.add({'customer_id': 10_000_000 + i * 13, 'full_name': p.v('name', 'parquet', 'full_name'),
               'email': p.v('email', 'parquet', 'email'), 'phone': p.v('phone', 'parquet', 'phone'),
               'date_of_birth': Cell(p.v('dob', 'parquet', 'date_of_birth', style='iso'), p.dob_date),
               'street': p.v('street', 'parquet', 'street'), 'city': p.city, 'postcode': p.postcode, 'country': p.region,
               'national_id': p.v('nid', 'parquet', 'national_id'), 'iban': p.v('iban', 'parquet', 'iban'),
               'created_at': _ts_neg('created_at'), 'ltv_eur': round(RNG.uniform(5, 5000), 2)})


@section
def parquet_orders_nested():
    addr_t = pa.struct([('kind', pa.string()), ('line1', pa.string()), ('city', pa.string()), ('postcode', pa.string())])
    schema = pa.schema([
        ('order_id', pa.string()), ('ordered_at', pa.string()),
        ('customer', pa.struct([('name', pa.string()), ('birth_date', pa.string()),
                                ('contact', pa.struct([('email', pa.string()), ('phone', pa.string())]))])),
        ('addresses', pa.list_(addr_t)),
        ('payment', pa.struct([('card_number', pa.string()), ('card_brand', pa.string()), ('ip', pa.string())])),
        ('tags', pa.list_(pa.string())), ('total', pa.string())])
    t = ParquetFile('warehouse/orders_nested.parquet', schema, row_group_size=15)
    codes = ['en_US', 'de_DE', 'fr_FR', 'ja_JP', 'ko_KR', 'zh_TW', 'es_MX', 'pt_PT', 'nl_BE', 'da_DK', 'no_NO', 'hu_HU', 'el_GR', 'uk_UA']
    for p in mix(codes, 64):
        addrs = []
        if p.has('street'):
            addrs.append({'kind': 'billing', 'line1': p.v('street', 'parquet', 'addresses.line1'), 'city': p.city, 'postcode': p.postcode})
            if RNG.random() < 0.5:    # same path again in this row: written unlabelled (one label per cell)
                addrs.append({'kind': 'shipping', 'line1': p.street_text, 'city': p.city, 'postcode': p.postcode})
        bad = RNG.random() < 0.1
        t.add({'order_id': number_neg('order_no_prefixed', 'parquet', 'order_id', region=p.region),
               'ordered_at': date_neg('parquet', 'ordered_at', style='ts'),
               'customer': {'name': p.v('name', 'parquet', 'customer.name'),
                            'birth_date': p.v('dob', 'parquet', 'customer.birth_date'),
                            'contact': {'email': p.v('email', 'parquet', 'customer.contact.email'),
                                        'phone': p.v('phone', 'parquet', 'customer.contact.phone')}},
               'addresses': addrs,
               'payment': {'card_number': bad_card(p, 'parquet', 'payment.card_number') if bad else p.v('card', 'parquet', 'payment.card_number'),
                           'card_brand': p.card_type, 'ip': ip_pos('parquet', 'payment.ip')},
               'tags': [RNG.choice(['vip', 'new', 'b2c', 'gift', 'promo-2024'])],
               'total': number_neg('price', 'parquet', 'total', region=p.region)})


@section
def parquet_kyc():
    schema = pa.schema([('case_id', pa.string()), ('locale', pa.string()), ('holder_name', pa.string()), ('document_type', pa.string()),
                        ('document_number', pa.string()), ('birth_date', pa.string()), ('iban', pa.string()),
                        ('document_sha256', pa.string()), ('upload_id', pa.string()), ('provider_api_key', pa.string()),
                        ('reviewed_at', pa.timestamp('ms'))])
    t = ParquetFile('warehouse/kyc_documents.parquet', schema, row_group_size=25)
    codes = [c for c in LOCALES if c in NID_FAKER or c in NID_BUILT]
    providers = ['stripe_restricted', 'openai_key', 'huggingface_token', 'sendgrid_key', 'github_pat_classic', 'aws_secret_access_key']
    for i, code in enumerate(codes + codes[::2]):
        p = Person(code)
        bad = i % 7 == 3
        doc = bad_nid(p, 'parquet', 'document_number') if bad else p.v('nid', 'parquet', 'document_number')
        if RNG.random() < 0.3:
            key = neg_secret(RNG.choice(['placeholder', 'masked_token', 'template_var']), 'parquet', 'provider_api_key')
        else:
            key = secret(providers[i % len(providers)], 'parquet', 'provider_api_key')
        t.add({'case_id': 'KYC-%05d' % (i + 1), 'locale': code, 'holder_name': p.v('name', 'parquet', 'holder_name'),
               'document_type': p.nid_term, 'document_number': doc,
               'birth_date': p.v('dob', 'parquet', 'birth_date'), 'iban': p.v('iban', 'parquet', 'iban'),
               'document_sha256': neg_secret('sha256', 'parquet', 'document_sha256'),
               'upload_id': neg_secret('uuid', 'parquet', 'upload_id'), 'provider_api_key': key,
               'reviewed_at': _ts_neg('reviewed_at')})


# ============================================================================
# free text: templates with <<slot>> markers
#   person fields: name full first last phone email dob doblong dobiso address street nid iban card
#   (a trailing 2 = a second person, e.g. <<full2>>); __tag names the cue kind in the form
#   (default "cue"; e.g. <<full__signature>>, <<address__letterhead>>)
#   negatives: order odate price ticket tracking version uuid sha md5 company brand isbn qty ts
# ============================================================================

def make_slot(slot, ctx):
    base, _, tag = slot.partition('__')
    tag = tag or 'cue'
    person = ctx['p']
    if base.endswith('2'):
        person, base = ctx['p2'], base[:-1]
    shape, key = ctx['shape'], '%s_%s' % (ctx['doc'], tag)
    region = person.region
    if base == 'address' and tag not in ('multiline', 'letterhead', 'header') and person.address_text:
        v = person.v(base, shape, key, text=person.address_text.replace('\n', ', '))    # inline in a sentence
    elif base in Person.FIELD_CAT:
        v = person.v(base, shape, key)
    elif base in ('doblong', 'dobiso', 'dobnum'):
        v = person.v('dob', shape, key, style={'doblong': 'long', 'dobiso': 'iso', 'dobnum': None}[base])
    elif base == 'ip':
        v = ip_pos(shape, key)
    elif base == 'ipsix':
        v = ip_pos(shape, key, v6=True)
    elif base == 'mac':
        v = mac_pos(shape, key)
    elif base == 'order':
        v = number_neg('order_no', shape, key, region=region)
    elif base == 'ticket':
        v = number_neg('invoice_no', shape, key)
    elif base == 'tracking':
        v = number_neg(RNG.choice(['tracking_ups', 'tracking_usps', 'tracking_dhl']), shape, key, region=region)
    elif base in ('price', 'qty', 'isbn'):
        v = number_neg({'price': 'price', 'qty': 'quantity', 'isbn': 'isbn'}[base], shape, key, region=region)
    elif base == 'odate':
        v = date_neg(shape, key, style=DATE_STYLE.get(person.code, 'dmy/'), lang=person.lang, region=region)
    elif base == 'odatelong':
        v = date_neg(shape, key, style='long', lang=person.lang, region=region)
    elif base == 'ts':       # a clock that moves forward through the document
        if ctx.get('clock') is None:
            ctx['clock'] = dt.datetime(2019, 1, 1) + dt.timedelta(seconds=RNG.randrange(0, 5 * 365 * 86400))
        else:
            ctx['clock'] += dt.timedelta(seconds=RNG.randrange(4, 400))
        v = neg(ctx['clock'].strftime('%Y-%m-%d %H:%M:%S'), 'dob', 'dob_neg_%s_%s' % (shape, fsan(key)))
    elif base == 'version':
        v = version_neg(shape, key)
    elif base in ('uuid', 'sha', 'md5'):
        v = neg_secret({'uuid': 'uuid', 'sha': 'git_sha', 'md5': 'md5'}[base], shape, key)
    elif base == 'company':
        v = name_neg(shape, key, person.code)
    elif base == 'brand':
        v = name_neg(shape, key)
    elif base == 'nidterm':
        return person.nid_term or 'ID'
    elif base == 'city':
        return person.city or ''
    else:
        raise KeyError(slot)
    if v is None:
        raise AssertionError('slot %s has no value for %s' % (slot, person.code))
    return v


def render(template, p, shape, doc, p2=None):
    """Person slots repeat the same value; every other slot gets a fresh value per occurrence."""
    ctx = {'p': p, 'p2': p2, 'shape': shape, 'doc': doc, 'clock': None}
    cache, out = {}, []
    for i, piece in enumerate(_SLOT.split(template)):
        if i % 2 == 0:
            if piece:
                out.append(piece)
            continue
        base = piece.partition('__')[0].rstrip('2')
        if base in Person.FIELD_CAT or base in ('doblong', 'dobiso', 'dobnum'):
            if piece not in cache:
                cache[piece] = make_slot(piece, ctx)
            out.append(cache[piece])
        else:
            out.append(make_slot(piece, ctx))
    return out


def needs(template):
    """Person fields a template uses (to pick persons that have them)."""
    out = set()
    for sl in slots(template):
        base = sl.partition('__')[0].rstrip('2')
        base = {'doblong': 'dob', 'dobiso': 'dob', 'dobnum': 'dob'}.get(base, base)
        if base in Person.FIELD_CAT:
            out.add(base)
    return out


def person_with(code, fields, tries=40):
    for _ in range(tries):
        p = Person(code)
        if all(p.has(f) for f in fields):
            return p
    return None


def text_file(rel, docs, shape, sep='\n\n', encoding='utf-8', bom=False):
    """docs: (locale, doc kind, template) in order; one fresh person (+ a second) per document."""
    f = TextFile(rel, encoding, bom)
    first = True
    for code, kind, tpl in docs:
        p = person_with(code, needs(tpl))
        if p is None:
            continue
        p2 = person_with(code, {'full', 'phone', 'email'})
        if not first:
            f.put(sep)
        first = False
        f.put(render(tpl, p, shape, kind, p2))
    f.put('\n')
    return f


EN_TICKET = """Ticket #<<ticket>>  |  Priority: normal  |  Opened <<ts>>
From: <<full>> <<<email>>>
Subject: Can't log in after the <<version>> update

Hi, I've been locked out of my account since yesterday. My date of birth is <<dobnum>> if you need it for verification,
and you can reach me on <<phone>> between 9 and 5. My last order was <<order>> (placed <<odate>>).

Thanks,
<<full__signature>>
"""

EN_TICKET2 = """Ticket #<<ticket>>  |  Priority: high  |  Opened <<ts>>
From: <<email>>
Subject: Wrong delivery address

Hello support team,
the parcel (tracking <<tracking>>) went to my old place. Please change the shipping address to
<<address__multiline>>
and call me at <<phone>> if anything is unclear. The account is under the name <<full>>.
Cheers
"""

EN_CHAT = """[<<ts>>] Visitor: hi, I need to update my card on file
[<<ts>>] Agent: Sure! Can I have the full name on the account?
[<<ts>>] Visitor: <<full__answer>>
[<<ts>>] Agent: Thanks. And the date of birth?
[<<ts>>] Visitor: <<doblong__answer>>
[<<ts>>] Visitor: new card is <<card>>, same billing address
[<<ts>>] Visitor: oh and my mobile changed, it's <<phone__answer>> now
[<<ts>>] Agent: Done. Your reference is <<order>>. Anything else?
[<<ts>>] Visitor: no that's all, cheers
"""

EN_CV = """# <<full__heading>>

<<address__header>>
Phone: <<phone>> · Email: <<email>> · Date of birth: <<doblong>>

## Profile
Data engineer with eight years of experience building ingestion pipelines (Spark, Airflow <<version>>, dbt).

## Experience
**Senior Data Engineer**, <<company>> — 2019 to present
- Cut nightly batch time by 40 % by moving to incremental models.
- Mentored four junior engineers.

**Data Engineer**, <<brand>> — 2015 to 2019

## References
Available on request. Former manager: <<full2__reference>>, <<phone2__reference>>.
"""

EN_EMAIL_SIG = """Subject: Re: invoice <<ticket>>

Hi there,

Please find the corrected invoice attached; the total is <<price>> and it is due on <<odate>>.
The payment can go to our account <<iban>> as before.

Kind regards,
<<full__signature>>
<<phone__signature>>
<<email__signature>>
"""


@section
def text_english():
    codes = ['en_US', 'en_GB', 'en_AU', 'en_IN', 'en_NZ', 'en_IE', 'en_CA']
    docs = []
    for i in range(14):
        code = codes[i % len(codes)]
        docs.append((code, 'ticket', EN_TICKET if i % 2 == 0 else EN_TICKET2))
    text_file('tickets/support_tickets_en.txt', docs, 'txt', sep='\n' + '=' * 72 + '\n')
    text_file('chat/livechat_en.txt', [(codes[i % 7], 'chat', EN_CHAT) for i in range(8)], 'txt', sep='\n--- session end ---\n\n')
    text_file('cv/resume_en.md', [('en_US', 'cv', EN_CV), ('en_GB', 'cv', EN_CV), ('en_IN', 'cv', EN_CV)], 'md', sep='\n\n---\n\n')
    text_file('mail/invoices_en.txt', [(c, 'email', EN_EMAIL_SIG) for c in ('en_GB', 'en_IE', 'en_GB', 'en_IE')], 'txt',
              sep='\n\n' + '-' * 40 + '\n')


DE_MAIL = """Betreff: Änderung meiner Kontaktdaten (Kundennr. <<order>>)

Sehr geehrte Damen und Herren,

bitte aktualisieren Sie meine Daten. Meine neue Telefonnummer ist <<phone>>, die E-Mail-Adresse bleibt <<email>>.
Seit dem <<odate>> wohne ich unter folgender Anschrift:

<<address__multiline>>

Zur Identifikation: Ich bin am <<doblong>> geboren, meine <<nidterm>> lautet <<nid>>.
Die Gutschrift über <<price>> überweisen Sie bitte auf mein Konto <<iban>>.

Mit freundlichen Grüßen
<<full__signature>>
"""

DE_LETTER_NOCUE = """<<full__letterhead>>
<<address__letterhead>>

<<company>>
Kundenservice

Kündigung meines Vertrags Nr. <<order>>

Sehr geehrte Damen und Herren,

hiermit kündige ich den oben genannten Vertrag fristgerecht zum nächstmöglichen Zeitpunkt.
Bitte bestätigen Sie mir die Kündigung schriftlich.

Freundliche Grüße

<<full__signature>>
"""

DE_CHAT = """[<<ts>>] Vertrieb: Hat jemand die Durchwahl vom Kunden aus der Reklamation?
[<<ts>>] Innendienst: ja – Frau/Herr <<last__chat>>, erreichbar unter <<phone__chat>>
[<<ts>>] Innendienst: geb. <<dobnum__chat>>, falls die Hotline nachfragt
[<<ts>>] Vertrieb: danke! Auftrag <<order>> ist raus, Sendungsnummer <<tracking>>
"""

FR_LETTER = """<<full__letterhead>>
<<address__letterhead>>
Tél. : <<phone>>
Courriel : <<email>>

Objet : Demande de remboursement – dossier n° <<ticket>>

Madame, Monsieur,

Je soussigné(e) <<full>>, né(e) le <<doblong>>, <<nidterm>> <<nid>>, vous prie de bien vouloir
procéder au remboursement de la somme de <<price>> sur mon compte bancaire (IBAN : <<iban>>).

Pour toute question, vous pouvez me joindre au <<phone__body>>.

Veuillez agréer, Madame, Monsieur, l'expression de mes salutations distinguées.

<<full__signature>>
"""

FR_TICKET = """Ticket <<ticket>> – ouvert le <<odatelong>>
Client : <<full>> – tél. <<phone>>
Message : Bonjour, ma carte <<card>> a été débitée deux fois pour la commande <<order>>. Merci de vérifier.
"""

ES_CHAT = """Cliente: Hola, buenas tardes. Quiero cambiar la dirección de envío.
Agente: Con gusto. ¿Me confirma su nombre completo y su <<nidterm>>?
Cliente: Sí, soy <<full__answer>>, <<nidterm>>: <<nid>>
Agente: Gracias. ¿Y su fecha de nacimiento?
Cliente: el <<doblong__answer>>
Cliente: la nueva dirección es <<address>>
Cliente: y mi número es <<phone>>, por si el repartidor necesita llamar
Agente: Perfecto, su pedido <<order>> saldrá el <<odate>>. ¿Algo más?
Cliente: No, muchas gracias.
"""

IT_FORUM = """**<<full__author>>** ha scritto (<<ts>>):

> Buongiorno, ho ordinato il <<odate>> (ordine n. <<order>>) e non è ancora arrivato nulla.
> Ho chiamato il servizio clienti ma niente. Se qualcuno vuole aiutarmi il mio cellulare è <<phone>>,
> oppure scrivetemi a <<email>>.

**moderatore** ha risposto:
Per favore non pubblicate dati personali nel forum! Consiglio di contattare l'assistenza in privato.
"""

IT_FORUM2 = """**<<first__author>>** ha scritto (<<ts>>):

Per la pratica dell'ISEE mi chiedono il codice fiscale: il mio è <<nid>>, sono nato il <<dobnum>>.
Abito in <<address>>. Il modulo dice "dati non validi", qualcuno sa perché?
"""

PT_CHAT = """Atendente: Olá! Para localizar seu cadastro, pode informar o <<nidterm>>?
Cliente: claro, <<nid__answer>>
Atendente: Obrigado, <<first__greeting>>. Confirma a data de nascimento?
Cliente: <<dobnum__answer>>
Cliente: meu telefone é <<phone>> e o e-mail <<email>>
Cliente: endereço de entrega: <<address>>
Atendente: Pronto! Protocolo <<order>>. O valor de <<price>> será estornado.
"""

NL_NOTES = """## Notulen klantoverleg <<odate>>

Aanwezig: <<full__attendee>> (klant), <<full2__attendee>> (accountmanager)

- Klant is verhuisd, nieuw adres: <<address>>
- Telefonisch bereikbaar op <<phone>>; e-mail <<email>>
- <<nidterm>> ter verificatie opgegeven: <<nid>>
- Geboortedatum: <<dobnum>>
- Actiepunt: factuur <<ticket>> crediteren (<<price>>), terugbetalen op <<iban>>
"""

PL_CV = """CURRICULUM VITAE

Imię i nazwisko: <<full>>
Data urodzenia: <<dobnum>>
PESEL: <<nid>>
Adres: <<address>>
Telefon: <<phone>>
E-mail: <<email>>

DOŚWIADCZENIE ZAWODOWE
2018 – obecnie   Główna księgowa, <<company>>
2014 – 2018      Specjalistka ds. kadr i płac, <<company>>

UMIEJĘTNOŚCI
Excel (zaawansowany), SAP FI <<version>>, język angielski B2

Wyrażam zgodę na przetwarzanie moich danych osobowych w celu prowadzenia rekrutacji.
"""

PL_MAIL = """Temat: Reklamacja zamówienia <<order>>

Dzień dobry,
zamówiłam towar <<odate>>, ale przyszedł uszkodzony. Proszę o kontakt pod numerem <<phone>>.
Zwrot <<price>> proszę przelać na konto <<iban>>.

Pozdrawiam
<<full__signature>>
"""


@section
def text_german():
    codes = ['de_DE', 'de_AT', 'de_CH']
    docs = [(codes[i % 3], 'email', DE_MAIL) for i in range(6)] + [(codes[i % 3], 'letter', DE_LETTER_NOCUE) for i in range(3)]
    text_file('mail/emails_de.txt', docs, 'txt', sep='\n\n' + '#' * 60 + '\n\n')
    text_file('chat/teamchat_de.txt', [(codes[i % 3], 'chat', DE_CHAT) for i in range(6)], 'txt', sep='\n')


@section
def text_french():
    docs = [(c, 'letter', FR_LETTER) for c in ('fr_FR', 'fr_CH', 'fr_FR', 'fr_FR')]
    docs += [(c, 'ticket', FR_TICKET) for c in ('fr_FR', 'fr_CA', 'fr_CH', 'fr_FR')]
    text_file('mail/courriers_fr.txt', docs, 'txt', sep='\n\n' + '~' * 50 + '\n\n')


@section
def text_spanish_italian_portuguese():
    text_file('chat/chat_soporte_es.txt', [(c, 'chat', ES_CHAT) for c in ('es_ES', 'es_MX', 'es_AR', 'es_CL', 'es_ES', 'es_MX')],
              'txt', sep='\n----- nueva conversación -----\n')
    docs = []
    for i in range(6):
        docs.append(('it_IT', 'forum', IT_FORUM if i % 2 == 0 else IT_FORUM2))
    text_file('forum/forum_consumatori_it.md', docs, 'md', sep='\n\n---\n\n')
    text_file('chat/atendimento_pt_br.txt', [(c, 'chat', PT_CHAT) for c in ('pt_BR', 'pt_BR', 'pt_PT', 'pt_BR', 'pt_PT')],
              'txt', sep='\n=== nova conversa ===\n')


@section
def text_dutch_polish():
    text_file('notes/notulen_klantoverleg_nl.md', [(c, 'notes', NL_NOTES) for c in ('nl_NL', 'nl_BE', 'nl_NL', 'nl_BE', 'nl_NL')],
              'md', sep='\n\n')
    text_file('cv/cv_pl.txt', [('pl_PL', 'cv', PL_CV), ('pl_PL', 'cv', PL_CV)], 'txt', sep='\n\f\n')
    text_file('mail/reklamacje_pl.txt', [('pl_PL', 'email', PL_MAIL) for _ in range(4)], 'txt', sep='\n\n-----\n\n')


RU_TICKET = """Обращение № <<ticket>> от <<odatelong>>
Клиент: <<full>>
Текст: Здравствуйте! Прошу изменить адрес доставки. Новый адрес: <<address>>.
Мой телефон: <<phone>>, почта <<email>>. Дата рождения <<dobnum>>, ИНН <<nid>>.
Заказ <<order>> на сумму <<price>> прошу не отменять.
"""

UK_TICKET = """Звернення № <<ticket>>
Клієнт: <<full>>
Доброго дня! Мій номер телефону <<phone>>, адреса: <<address>>.
Дата народження: <<dobnum>>. РНОКПП <<nid>>. Електронна пошта: <<email>>.
"""

NORDIC = {
    'sv_SE': """Hej!

Jag heter <<full>> och mitt personnummer är <<nid>>. Ni når mig på <<phone>> eller <<email>>.
Min nya adress är <<address>>. Fakturan <<ticket>> på <<price>> är redan betald.

Vänliga hälsningar
<<full__signature>>
""",
    'no_NO': """Hei,

fødselsnummeret mitt er <<nid>> og telefonnummeret mitt er <<phone>>. Adresse: <<address>>.
Refusjonen kan settes inn på <<iban>>.

Mvh
<<full__signature>>
""",
    'da_DK': """Hej,

mit CPR-nr. er <<nid>>, og I kan ringe til mig på <<phone>>. Jeg bor på <<address>>.
Pengene kan overføres til <<iban>>.

Venlig hilsen
<<full__signature>>
""",
    'fi_FI': """Hei!

Henkilötunnukseni on <<nid>> ja puhelinnumeroni <<phone>>. Osoite: <<address>>.
Tilinumero palautusta varten: <<iban>>.

Terveisin
<<full__signature>>
""",
}

TR_MAIL = """Konu: <<order>> numaralı sipariş hakkında

Merhaba,
adım <<full>>. T.C. kimlik numaram <<nid>>, doğum tarihim <<dobnum>>. Telefon numaram <<phone>>,
e-posta adresim <<email>>. İade tutarı (<<price>>) için IBAN: <<iban>>

Saygılarımla,
<<full__signature>>
"""

JA_TICKET = """お問い合わせ番号：<<ticket>>
受付日時：<<ts>>
お名前：<<full>> 様
ご連絡先：<<phone>>
メール：<<email>>
生年月日：<<dobnum>>
ご住所：<<address>>
内容：先日注文した商品（注文番号 <<order>>）がまだ届いていません。確認をお願いします。
"""

JA_PROSE = """お世話になっております。<<full__prose>>です。
電話番号が<<phone__prose>>に変わりましたので、登録の変更をお願いいたします。
念のため生年月日は<<doblong__prose>>です。よろしくお願いいたします。
"""

ZH_TICKET = """工单号：<<ticket>>
客户：<<full>>，身份证号<<nid>>，手机<<phone>>
地址：<<address>>
备注：客户于<<odate>>下单（订单号<<order>>），要求改为送货上门。客户生日<<dobnum>>。
"""

ZH_TW_TICKET = """案件編號：<<ticket>>
客戶姓名：<<full>>
聯絡電話：<<phone>>
電子郵件：<<email>>
地址：<<address>>
說明：訂單<<order>>的發票金額<<price>>有誤，請協助更正。
"""

KO_CV = """# 이력서

- 성명: <<full>>
- 생년월일: <<dobnum>>
- 주민등록번호: <<nid>>
- 연락처: <<phone>>
- 이메일: <<email>>
- 주소: <<address>>

## 경력
- 2019 ~ 현재: <<company>> 마케팅팀 대리
- 2016 ~ 2019: <<company>> 영업지원
"""

MISC = collections.OrderedDict([
    ('cs_CZ', 'Dobrý den, jmenuji se <<full>>, rodné číslo <<nid>>, bydliště <<address>>, tel. <<phone>>.'),
    ('sk_SK', 'Dobrý deň, volám sa <<full>>, moje rodné číslo je <<nid>> a telefón <<phone>>. Adresa: <<address>>.'),
    ('el_GR', 'Καλησπέρα, ονομάζομαι <<full>>. Το τηλέφωνό μου είναι <<phone>> και ο ΑΜΚΑ μου <<nid>>. Διεύθυνση: <<address>>.'),
    ('he_IL', 'שלום, שמי <<full>>, מספר תעודת זהות <<nid>>, טלפון <<phone>>. כתובת: <<address>>.'),
    ('hi_IN', 'नमस्ते, मेरा नाम <<full>> है। मेरा मोबाइल नंबर <<phone>> है और मेरा आधार नंबर <<nid>> है। पता: <<address>>'),
    ('bn_BD', 'আমার নাম <<full>>। আমার ফোন নম্বর <<phone>>। ঠিকানা: <<address>>'),
    ('ta_IN', 'என் பெயர் <<full>>. என் தொலைபேசி எண் <<phone>>. PAN: <<nid>>'),
    ('vi_VN', 'Xin chào, tôi là <<full>>, số điện thoại <<phone>>, địa chỉ <<address>>, sinh ngày <<dobnum>>.'),
    ('id_ID', 'Halo, nama saya <<full>>. NIK saya <<nid>>, nomor HP <<phone>>, alamat <<address>>.'),
    ('ro_RO', 'Bună ziua, mă numesc <<full>>, CNP <<nid>>, telefon <<phone>>, domiciliat în <<address>>.'),
    ('hu_HU', 'Tisztelt Ügyfélszolgálat! <<full>> vagyok, telefonszámom <<phone>>, lakcímem <<address>>. Születési dátumom: <<dobnum>>.'),
    ('hr_HR', 'Poštovani, moje ime je <<full>>, OIB <<nid>>, broj mobitela <<phone>>, adresa <<address>>.'),
    ('sl_SI', 'Pozdravljeni, sem <<full>>, EMŠO <<nid>>, telefon <<phone>>, naslov <<address>>.'),
    ('th_TH', 'สวัสดีครับ ผมชื่อ <<full>> เบอร์โทร <<phone>> เลขบัตรประชาชน <<nid>> ที่อยู่ <<address>>'),
    ('bg_BG', 'Здравейте, казвам се <<full>>, ЕГН <<nid>>, телефон <<phone>>.'),
    ('ka_GE', 'გამარჯობა, მე ვარ <<full>>, ტელეფონი: <<phone>>, მისამართი: <<address>>.'),
    ('hy_AM', 'Բարև, ես <<full>> եմ, հեռախոս՝ <<phone>>, հասցե՝ <<address>>:'),
    ('az_AZ', 'Salam, mənim adım <<full>>, telefon nömrəm <<phone>>, ünvanım <<address>>.'),
    ('fa_IR', 'سلام، من <<full>> هستم. شماره تماس من <<phone>> است. آدرس: <<address>>'),
    ('ne_NP', 'नमस्ते, मेरो नाम <<full>> हो। मेरो फोन नम्बर <<phone>> हो।'),
    ('et_EE', 'Tere, minu nimi on <<full>>, isikukood <<nid>>, telefon <<phone>>.'),
    ('lv_LV', 'Labdien, mani sauc <<full>>, personas kods <<nid>>, tālrunis <<phone>>.'),
    ('lt_LT', 'Laba diena, mano vardas <<full>>, asmens kodas <<nid>>, telefonas <<phone>>.'),
    ('is_IS', 'Góðan dag, ég heiti <<full>>, kennitala <<nid>>, sími <<phone>>.'),
    ('zu_ZA', "Hi, I'm <<full>>, ID number <<nid>>, cell <<phone>>. Please deliver to <<address>>."),
])


@section
def text_slavic_nordic_turkish():
    docs = [('ru_RU', 'ticket', RU_TICKET) for _ in range(4)] + [('uk_UA', 'ticket', UK_TICKET) for _ in range(3)]
    text_file('tickets/obrashcheniya_ru_uk.txt', docs, 'txt', sep='\n\n')
    docs = [(code, 'email', tpl) for code, tpl in NORDIC.items()] * 2
    text_file('mail/nordic_kundservice.txt', docs, 'txt', sep='\n' + '-' * 30 + '\n')
    text_file('mail/eposta_tr.txt', [('tr_TR', 'email', TR_MAIL) for _ in range(4)], 'txt', sep='\n\n')


@section
def text_cjk():
    text_file('tickets/toiawase_ja.txt', [('ja_JP', 'ticket', JA_TICKET), ('ja_JP', 'prose', JA_PROSE)] * 3, 'txt', sep='\n――――――――――\n')
    text_file('tickets/kefu_zh.txt', [('zh_CN', 'ticket', ZH_TICKET)] * 4 + [('zh_TW', 'ticket', ZH_TW_TICKET)] * 3, 'txt', sep='\n\n')
    text_file('cv/iryeokseo_ko.md', [('ko_KR', 'cv', KO_CV)] * 2, 'md', sep='\n\n---\n\n')


@section
def text_misc_locales():
    docs = []
    for code, tpl in MISC.items():
        if code in LOCALES:
            docs.append((code, 'message', '### ' + code + '\n\n' + tpl))
    text_file('notes/messages_many_locales.md', docs, 'md', sep='\n\n')


# ============================================================================
# configuration files, keys, code: secrets and their look-alikes
# ============================================================================

def kv(f, key, value, sep='=', quote='', comment=None):
    if comment:
        f.ln('# ' + comment)
    f.ln(key, sep, quote, value, quote)


@section
def cfg_dotenv():
    f = TextFile('config/prod.env')
    f.ln('# production settings -- DO NOT COMMIT (too late)')
    f.ln('APP_ENV=production')
    f.ln('APP_VERSION=', version_neg('env', 'APP_VERSION'))
    f.ln('BUILD_SHA=', neg_secret('git_sha', 'env', 'BUILD_SHA'))
    kv(f, 'AWS_ACCESS_KEY_ID', secret('aws_access_key_id', 'env', 'AWS_ACCESS_KEY_ID'))
    kv(f, 'AWS_SECRET_ACCESS_KEY', secret('aws_secret_access_key', 'env', 'AWS_SECRET_ACCESS_KEY'))
    f.ln('AWS_DEFAULT_REGION=eu-central-1')
    kv(f, 'DATABASE_URL', db_url('postgresql', 'env', 'DATABASE_URL'))
    kv(f, 'REDIS_URL', db_url('redis', 'env', 'REDIS_URL'))
    kv(f, 'STRIPE_SECRET_KEY', secret('stripe_live_secret', 'env', 'STRIPE_SECRET_KEY'))
    kv(f, 'STRIPE_PUBLISHABLE_KEY', neg_secret('stripe_publishable', 'env', 'STRIPE_PUBLISHABLE_KEY'))
    kv(f, 'SENDGRID_API_KEY', secret('sendgrid_key', 'env', 'SENDGRID_API_KEY'), quote='"')
    kv(f, 'OPENAI_API_KEY', secret('openai_key', 'env', 'OPENAI_API_KEY'))
    kv(f, 'ANTHROPIC_API_KEY', secret('anthropic_key', 'env', 'ANTHROPIC_API_KEY'))
    kv(f, 'HF_TOKEN', secret('huggingface_token', 'env', 'HF_TOKEN'))
    kv(f, 'SLACK_WEBHOOK_URL', secret('slack_webhook', 'env', 'SLACK_WEBHOOK_URL'))
    kv(f, 'GITHUB_TOKEN', secret('github_pat_classic', 'env', 'GITHUB_TOKEN'))
    f.ln('TWILIO_ACCOUNT_SID=AC', rnd(HEXL, 32))
    kv(f, 'TWILIO_AUTH_TOKEN', secret('twilio_auth_token', 'env', 'TWILIO_AUTH_TOKEN'))
    kv(f, 'DJANGO_SECRET_KEY', secret('generic_api_key', 'env', 'DJANGO_SECRET_KEY', text=rnd(B62 + '!@#%^&*(-_=+)', 50)), quote="'")
    kv(f, 'JWT_SIGNING_SECRET', secret('generic_api_key', 'env', 'JWT_SIGNING_SECRET'))
    kv(f, 'SESSION_ID_SALT', neg_secret('uuid', 'env', 'SESSION_ID_SALT'), comment='not secret, only namespaces session ids')
    kv(f, 'MAILGUN_API_KEY', secret('mailgun_key', 'env', 'MAILGUN_API_KEY'))
    kv(f, 'DD_API_KEY', secret('datadog_api_key', 'env', 'DD_API_KEY'))

    f = TextFile('config/env.example')
    f.ln('# copy to .env and fill in')
    for key, kind, text in (
            ('AWS_ACCESS_KEY_ID', 'aws_doc_example', 'AKIAIOSFODNN7EXAMPLE'),
            ('AWS_SECRET_ACCESS_KEY', 'aws_doc_example', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'),
            ('STRIPE_SECRET_KEY', 'masked_token', 'sk_live_' + 'x' * 24), ('OPENAI_API_KEY', 'placeholder', 'YOUR_API_KEY'),
            ('GITHUB_TOKEN', 'masked_token', 'ghp_' + 'X' * 36), ('DATABASE_PASSWORD', 'placeholder', 'changeme'),
            ('SENDGRID_API_KEY', 'template_var', '${SENDGRID_API_KEY}'), ('HF_TOKEN', 'masked_token', 'hf_' + '*' * 34),
            ('SLACK_BOT_TOKEN', 'masked_token', 'xoxb-XXXXXXXXXXXX-XXXXXXXXXXXXX-XXXXXXXXXXXXXXXXXXXXXXXX'),
            ('JWT_SIGNING_SECRET', 'placeholder', '<generate with: openssl rand -hex 32>'),
            ('API_KEY', 'template_var', '${API_KEY}'), ('ENCRYPTION_KEY', 'low_entropy_b64', base64.b64encode(b'0' * 32).decode()),
            ('SECRET_KEY', 'placeholder', 'insert-key-here'), ('ANTHROPIC_API_KEY', 'placeholder', 'sk-ant-...'),
            ('AZURE_STORAGE_KEY', 'placeholder', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx==')):
        kv(f, key, neg_secret(kind, 'env_example', key, text=text))
    f.ln('DATABASE_URL=postgresql://app:', neg_secret('template_var', 'env_example', 'DATABASE_URL'), '@localhost:5432/app')
    f.ln('SUPPORT_EMAIL=', email_neg('env_example', 'SUPPORT_EMAIL'))


@section
def cfg_yaml():
    f = TextFile('config/settings.yaml')
    f.ln('# service configuration (rendered by CI)')
    f.ln('service:')
    f.ln('  name: order-sync')
    f.ln('  version: "', version_neg('yaml', 'service.version'), '"')
    f.ln('  image: registry.example.net/order-sync@', neg_secret('docker_digest', 'yaml', 'service.image'))
    f.ln('database:')
    f.ln('  host: db.internal')
    f.ln('  user: order_sync')
    f.ln('  password: "', secret('password', 'yaml', 'database.password'), '"')
    f.ln('  replica_password: ', neg_secret('template_var', 'yaml', 'database.replica_password'))
    f.ln('cache:')
    f.ln('  url: ', db_url('redis', 'yaml', 'cache.url'))
    f.ln('integrations:')
    f.ln('  slack:')
    f.ln('    webhook_url: ', secret('slack_webhook', 'yaml', 'integrations.slack.webhook_url'))
    f.ln('    bot_token: ', secret('slack_bot_token', 'yaml', 'integrations.slack.bot_token'))
    f.ln('  github:')
    f.ln('    token: ', secret('github_pat_fine_grained', 'yaml', 'integrations.github.token'))
    f.ln('  gitlab:')
    f.ln('    private_token: ', secret('gitlab_pat', 'yaml', 'integrations.gitlab.private_token'))
    f.ln('  sendgrid:')
    f.ln('    api_key: ', neg_secret('template_var', 'yaml', 'integrations.sendgrid.api_key'))
    f.ln('  shopify:')
    f.ln('    access_token: ', secret('shopify_access_token', 'yaml', 'integrations.shopify.access_token'))
    f.ln('    shared_secret: ', secret('shopify_shared_secret', 'yaml', 'integrations.shopify.shared_secret'))
    f.ln('  google:')
    f.ln('    maps_api_key: ', secret('google_api_key', 'yaml', 'integrations.google.maps_api_key'))
    f.ln('  telegram:')
    f.ln('    bot_token: "', secret('telegram_bot_token', 'yaml', 'integrations.telegram.bot_token'), '"')
    f.ln('downloads:')
    for _ in range(3):
        f.ln('  - url: https://downloads.example.net/agent-', version_neg('yaml', 'downloads.url'), '.tar.gz')
        f.ln('    sha256: ', neg_secret('sha256', 'yaml', 'downloads.sha256'))
    f.ln('request_id_namespace: ', neg_secret('uuid', 'yaml', 'request_id_namespace'))


@section
def cfg_properties():
    f = TextFile('config/application.properties')
    f.ln('# Spring Boot')
    f.ln('spring.application.name=billing')
    f.ln('spring.datasource.url=jdbc:postgresql://pg-billing.prod:5432/billing')
    f.ln('spring.datasource.username=billing')
    f.ln('spring.datasource.password=', secret('password', 'properties', 'spring.datasource.password'))
    f.ln('spring.mail.host=smtp.sendgrid.net')
    f.ln('spring.mail.username=apikey')
    f.ln('spring.mail.password=', secret('sendgrid_key', 'properties', 'spring.mail.password'))
    f.ln('azure.storage.connection-string=', azure_conn('properties', 'azure.storage.connection-string'))
    f.ln('app.stripe.api-key=', secret('stripe_restricted', 'properties', 'app.stripe.api-key'))
    f.ln('app.legacy.password=', neg_secret('template_var', 'properties', 'app.legacy.password'))
    f.ln('app.test.password=', neg_secret('placeholder', 'properties', 'app.test.password'))
    f.ln('management.info.git.commit=', neg_secret('git_sha_short', 'properties', 'management.info.git.commit'))
    f.ln('app.build.version=', version_neg('properties', 'app.build.version'))


@section
def cfg_compose():
    f = TextFile('deploy/docker-compose.yml')
    f.ln('services:')
    f.ln('  db:')
    f.ln('    image: postgres@', neg_secret('docker_digest', 'compose', 'db.image'))
    f.ln('    environment:')
    f.ln('      POSTGRES_USER: app')
    f.ln('      POSTGRES_PASSWORD: ', secret('password', 'compose', 'POSTGRES_PASSWORD'))
    f.ln('  mysql:')
    f.ln('    image: mysql:', version_neg('compose', 'mysql.image'))
    f.ln('    environment:')
    f.ln('      - MYSQL_ROOT_PASSWORD=', secret('password', 'compose', 'MYSQL_ROOT_PASSWORD'))
    f.ln('      - MYSQL_PASSWORD=', neg_secret('template_var', 'compose', 'MYSQL_PASSWORD'))
    f.ln('  worker:')
    f.ln('    image: ghcr.io/acme/worker:', version_neg('compose', 'worker.image'))
    f.ln('    environment:')
    f.ln('      BROKER_URL: ', db_url('amqp', 'compose', 'BROKER_URL', user='worker'))
    f.ln('      MONGO_URI: ', db_url('mongodb+srv', 'compose', 'MONGO_URI', user='worker'))
    f.ln('      NPM_TOKEN: ', secret('npm_token', 'compose', 'NPM_TOKEN'))
    f.ln('      API_KEY: ', neg_secret('placeholder', 'compose', 'API_KEY'))


@section
def cfg_json_and_keys():
    doc = {'openai': {'api_key': secret('openai_key', 'json', 'openai.api_key'), 'organization': 'org-' + rnd(B62, 24)},
           'anthropic': {'api_key': secret('anthropic_key', 'json', 'anthropic.api_key')},
           'huggingface': {'token': secret('huggingface_token', 'json', 'huggingface.token')},
           'stripe': {'secret_key': secret('stripe_live_secret', 'json', 'stripe.secret_key'),
                      'publishable_key': neg_secret('stripe_publishable', 'json', 'stripe.publishable_key')},
           'pypi': {'username': '__token__', 'password': secret('pypi_token', 'json', 'pypi.password')},
           'twilio': {'api_key_sid': 'SK' + rnd(HEXL, 32), 'api_key_secret': secret('twilio_api_key_secret', 'json', 'twilio.api_key_secret')},
           'discord': {'alerts_webhook': secret('discord_webhook', 'json', 'discord.alerts_webhook')},
           'example_key_do_not_use': neg_secret('masked_token', 'json', 'example_key_do_not_use'),
           'schema_version': version_neg('json', 'schema_version')}
    f = TextFile('config/credentials.json')
    f.put(json_parts(doc, indent=4), '\n')

    f = TextFile('keys/deploy_id_rsa')
    f.ln(secret('pem_rsa', 'pem', 'deploy_id_rsa'))
    f = TextFile('keys/service_keys.pem')
    f.ln('# signing key (prod)')
    f.ln(secret('pem_ec', 'pem', 'signing_key'))
    f.ln('# TLS key for api.internal')
    f.ln(secret('pem_pkcs8', 'pem', 'tls_key'))
    f.ln('# CI runner key')
    f.ln(secret('pem_openssh', 'pem', 'ci_key'))
    f = TextFile('keys/authorized_keys')
    for _ in range(4):
        f.ln(neg_secret('ssh_public_key', 'authorized_keys', 'pubkey'))


@section
def code_and_logs():
    f = TextFile('src/payments_client.py')
    f.ln('"""Thin client for the payments gateway."""')
    f.ln('import os')
    f.ln('import uuid')
    f.ln('')
    f.ln('import boto3')
    f.ln('import requests')
    f.ln('')
    f.ln('API_BASE = "https://api.payments.example.net/v2"')
    f.ln('# TODO: move to vault before go-live')
    f.ln('API_KEY = "', secret('stripe_restricted', 'py', 'API_KEY'), '"')
    f.ln('WEBHOOK_SECRET = "', secret('stripe_webhook_secret', 'py', 'WEBHOOK_SECRET'), '"')
    f.ln('FALLBACK_KEY = os.environ.get("PAYMENTS_KEY", "', neg_secret('placeholder', 'py', 'FALLBACK_KEY', text='YOUR_API_KEY'), '")')
    f.ln('DB_DSN = "', db_url('mysql', 'py', 'DB_DSN', user='payments', host='10.0.4.12'), '"')
    f.ln('EXPECTED_SCHEMA_SHA256 = "', neg_secret('sha256', 'py', 'EXPECTED_SCHEMA_SHA256'), '"')
    f.ln('REQUEST_NAMESPACE = uuid.UUID("', neg_secret('uuid', 'py', 'REQUEST_NAMESPACE'), '")')
    f.ln('')
    f.ln('s3 = boto3.client(')
    f.ln('    "s3",')
    f.ln('    aws_access_key_id="', secret('aws_access_key_id', 'py', 'aws_access_key_id'), '",')
    f.ln('    aws_secret_access_key="', secret('aws_secret_access_key', 'py', 'aws_secret_access_key'), '",')
    f.ln(')')
    f.ln('')
    f.ln('')
    f.ln('def charge(amount_cents, token, api_key=API_KEY):')
    f.ln('    headers = {"Authorization": "Bearer " + api_key, "Idempotency-Key": str(uuid.uuid4())}')
    f.ln('    # example payload: {"amount": 1999, "source": "tok_visa"}')
    f.ln('    return requests.post(API_BASE + "/charges", json={"amount": amount_cents, "source": token}, headers=headers, timeout=10)')
    f.ln('')
    f.ln('')
    f.ln('def hf_client():')
    f.ln('    token = os.getenv("HF_TOKEN") or "', secret('huggingface_token', 'py', 'hf_client.token'), '"  # personal token, sorry')
    f.ln('    return token')

    f = TextFile('logs/ci_pipeline.log')
    r = RNG
    t0 = dt.datetime(2024, 5, 2, 10, 11, 12)

    def ts():
        nonlocal t0
        t0 += dt.timedelta(seconds=r.randrange(1, 40), milliseconds=r.randrange(1000))
        return t0.strftime('%Y-%m-%dT%H:%M:%S.') + '%03dZ' % (t0.microsecond // 1000)
    f.ln(ts(), ' [runner] Runner ', neg_secret('uuid', 'log', 'runner_id'), ' on host ci-07 (', ip_pos('log', 'runner_public_ip'), ', mac ', mac_pos('log', 'runner_mac'), ')')
    f.ln(ts(), ' [net] bridge docker0 broadcast ', neg('ff:ff:ff:ff:ff:ff', 'mac', 'mac_neg_log_broadcast'), ', mDNS group ',
         neg('01:00:5e:00:00:fb', 'mac', 'mac_neg_log_multicast'), ', unset hwaddr ', neg('00:00:00:00:00:00', 'mac', 'mac_neg_log_zero'))
    f.ln(ts(), ' [git] Checking out ', neg_secret('git_sha', 'log', 'checkout'), ' (tag v', version_neg('log', 'tag'), ')')
    f.ln(ts(), ' [setup] Using Node.js ', version_neg('log', 'node_version'), ' and Python ', version_neg('log', 'python_version'))
    f.ln(ts(), ' [step 3/9] $ npm config set //registry.npmjs.org/:_authToken ', secret('npm_token', 'log', 'npm_authToken'))
    f.ln(ts(), ' [step 3/9] $ echo "GITHUB_TOKEN=', neg_secret('masked_token', 'log', 'GITHUB_TOKEN', text='***'), '"')
    f.ln(ts(), ' [step 4/9] pulling image ghcr.io/acme/api@', neg_secret('docker_digest', 'log', 'image'))
    f.ln(ts(), ' [step 5/9] $ curl -sf -H "Authorization: Bearer ', secret('jwt', 'log', 'Authorization_Bearer'), '" https://api.internal/health')
    f.ln(ts(), ' [step 5/9] {"status":"ok","build":"', neg_secret('git_sha_short', 'log', 'build'), '"}')
    f.ln(ts(), ' [step 6/9] $ twine upload --username __token__ --password ', secret('pypi_token', 'log', 'twine_password'), ' dist/*')
    f.ln(ts(), ' [step 6/9] Uploading acme_sdk-', version_neg('log', 'wheel'), '-py3-none-any.whl (sha256 ', neg_secret('sha256', 'log', 'wheel_sha256'), ')')
    f.ln(ts(), ' [step 7/9] $ export SHOPIFY_TOKEN=', secret('shopify_access_token', 'log', 'SHOPIFY_TOKEN'))
    f.ln(ts(), ' [step 7/9] deploying to 3 hosts: ', ip_pos('log', 'deploy_host'), ', ', ip_pos('log', 'deploy_host'), ', ', ip_neg('log', 'deploy_host'))
    f.ln(ts(), ' [step 8/9] smoke test: GET /orders/', number_neg('order_no', 'log', 'orders_path'), ' -> 200 in 83ms')
    f.ln(ts(), ' [step 9/9] notify ', secret('slack_webhook', 'log', 'notify'))
    f.ln(ts(), ' [cleanup] removed ', neg_secret('md5', 'log', 'cache_key'), '.tar.zst')
    f.ln(ts(), ' Job succeeded')


@section
def incident_chat():
    f = TextFile('notes/incident_chat_export.txt')
    lines = [
        ('ops-oncall', ['prod alerts stopped at 09:02, looks like the discord hook was rotated']),
        ('ops-oncall', ['old one was ', secret('discord_webhook', 'chat', 'pasted_webhook')]),
        ('backend-lead', ['pls do not paste secrets here :( anyway the monitoring token is ', secret('datadog_api_key', 'chat', 'pasted_dd_key')]),
        ('ops-oncall', ['and the telegram bot: ', secret('telegram_bot_token', 'chat', 'pasted_telegram')]),
        ('backend-lead', ['mailgun still uses ', secret('mailgun_key', 'chat', 'pasted_mailgun'), ' -- rotate that one too']),
        ('ops-oncall', ['my personal slack token for the script was ', secret('slack_user_token', 'chat', 'pasted_slack_user')]),
        ('backend-lead', ['the gh app uses ', secret('github_oauth', 'chat', 'pasted_gho'), ' btw']),
        ('ops-oncall', ['ok. new values go to vault as ', neg_secret('template_var', 'chat', 'vault_ref', text='{{ vault "secret/alerts#webhook" }}')]),
        ('backend-lead', ['ticket is ', number_neg('invoice_no', 'chat', 'ticket'), ', commit ', neg_secret('git_sha_short', 'chat', 'commit')]),
        ('ops-oncall', ['checksum of the new config: ', neg_secret('sha1', 'chat', 'checksum')]),
    ]
    t = dt.datetime(2024, 6, 11, 9, 14)
    for who, parts in lines:
        t += dt.timedelta(minutes=RNG.randrange(1, 6))
        f.ln('[', t.strftime('%H:%M'), '] ', who, ': ', parts)


@section
def json_app_log():
    recs = []
    codes = ['en_US', 'de_DE', 'fr_FR', 'es_ES', 'pt_BR', 'ja_JP', 'pl_PL', 'nl_NL']
    t = dt.datetime(2024, 7, 1, 8, 0, 0)
    for i in range(50):
        t += dt.timedelta(seconds=RNG.randrange(1, 120))
        base = {'ts': t.isoformat() + 'Z', 'level': 'info', 'request_id': neg_secret('uuid', 'jsonl_log', 'request_id'),
                'trace_id': neg_secret('md5', 'jsonl_log', 'trace_id')}
        k = i % 6
        if k == 0:
            p = Person(codes[i % len(codes)])
            base.update({'msg': 'login succeeded', 'user': p.v('email', 'jsonl_log', 'user'), 'client_ip': ip_pos('jsonl_log', 'client_ip')})
        elif k == 1:
            base.update({'msg': 'outbound call', 'url': 'https://api.stripe.com/v1/charges',
                         'auth': secret('stripe_live_secret', 'jsonl_log', 'auth')})
        elif k == 2:
            base.update({'level': 'debug', 'msg': 'db connect', 'dsn': db_url('postgresql', 'jsonl_log', 'dsn')})
        elif k == 3:
            base.update({'msg': 'config loaded', 'openai_key': neg_secret('masked_token', 'jsonl_log', 'openai_key', text='sk-...' + rnd(B62, 4)),
                         'version': version_neg('jsonl_log', 'version')})
        elif k == 4:
            p = Person(codes[i % len(codes)])
            base.update({'level': 'warn', 'msg': Joined(['address validation failed for ', p.v('full', 'jsonl_log', 'msg')]),
                         'customer_name': p.v('full', 'jsonl_log', 'customer_name'), 'phone': p.v('phone', 'jsonl_log', 'phone')})
        else:
            base.update({'msg': 'token refreshed', 'access_token': secret('jwt', 'jsonl_log', 'access_token'),
                         'expires_in': 3600, 'device_mac': mac_pos('jsonl_log', 'device_mac')})
        recs.append(base)
    write_jsonl('logs/app_events.jsonl', recs)


# ============================================================================
# documentation, release notes, catalogues: (almost) only hard negatives
# ============================================================================

@section
def docs_integration_guide():
    f = TextFile('docs/integration_guide.md')
    f.ln('# Orders API – integration guide')
    f.ln('')
    f.ln('Current version: **', version_neg('md', 'current_version'), '** (released ', date_neg('md', 'released', style='long'), ').')
    f.ln('')
    f.ln('## Authentication')
    f.ln('')
    f.ln('Send your secret key in the `Authorization` header:')
    f.ln('')
    f.ln('```bash')
    f.ln('curl https://api.example.net/v1/orders \\')
    f.ln('  -H "Authorization: Bearer ', neg_secret('placeholder', 'md', 'curl_bearer', text='YOUR_API_KEY'), '" \\')
    f.ln('  -H "Idempotency-Key: ', neg_secret('uuid', 'md', 'idempotency_key'), '"')
    f.ln('```')
    f.ln('')
    f.ln('Live keys look like `', neg_secret('masked_token', 'md', 'key_format', text='sk_live_' + 'x' * 24), '`; in CI use `',
         neg_secret('template_var', 'md', 'ci_var', text='${ORDERS_API_KEY}'), '`. Never commit real keys.')
    f.ln('')
    f.ln('## Example request')
    f.ln('')
    f.ln('```json')
    example = {'customer': {'name': neg('Jane Doe', 'name', 'name_neg_md_placeholder_person'),
                            'email': email_neg('md', 'example_email'),
                            'phone': neg('+1-202-555-01%02d' % RNG.randrange(100), 'phone', 'phone_neg_md_fictional_555_01xx')},
               'items': [{'sku': 'SKU-100234', 'qty': 2}], 'currency': 'EUR', 'client_ip': ip_neg('md', 'example_ip')}
    f.put(json_parts(example, indent=2), '\n')
    f.ln('```')
    f.ln('')
    f.ln('For card payments in the sandbox use the test card 4242 4242 4242 4242 with any future expiry date.')
    f.ln('Support: ', email_neg('md', 'support_contact'), ' (placeholder, replace with your account manager).')
    f.ln('')
    f.ln('Screenshots in this guide use placeholder customers only: ', neg('Max Mustermann', 'name', 'name_neg_md_placeholder_person'), ', ',
         neg('Musterstraße 1, 12345 Musterstadt', 'address', 'address_neg_md_placeholder'), '; ',
         neg('John Doe', 'name', 'name_neg_md_placeholder_person'), ', ', neg('123 Main Street, Anytown, USA 12345', 'address', 'address_neg_md_placeholder'),
         '; ', neg('Calle Falsa 123', 'address', 'address_neg_md_placeholder'), '.')
    f.ln('')
    f.ln('## Installing the SDK')
    f.ln('')
    f.ln('```bash')
    f.ln('git clone ', neg('git@github.com', 'email', 'email_neg_md_git_remote'), ':acme/orders-sdk.git')
    f.ln('npm install ', neg('orders-sdk@%d.%d.%d' % (RNG.randrange(1, 4), RNG.randrange(0, 20), RNG.randrange(0, 10)), 'email', 'email_neg_md_npm_pkg_at_version'))
    f.ln('```')
    f.ln('')
    f.ln('![Orders logo](img/', neg('orders-logo@2x.png', 'email', 'email_neg_md_retina_asset'), ')')
    f.ln('')
    f.ln('## Downloads')
    f.ln('')
    f.ln('| package | version | sha256 |')
    f.ln('|---|---|---|')
    for pkg in ('orders-sdk-python', 'orders-sdk-node', 'orders-cli'):
        f.ln('| ', pkg, ' | ', version_neg('md', 'package_version'), ' | `', neg_secret('sha256', 'md', 'package_sha256'), '` |')
    f.ln('')
    f.ln('Further reading: *Designing Data-Intensive Applications*, ISBN ', number_neg('isbn', 'md', 'isbn'), '.')


@section
def docs_release_notes():
    f = TextFile('docs/RELEASE_NOTES.md')
    for _ in range(7):
        f.ln('## ', version_neg('md', 'release_heading'), ' – ', date_neg('md', 'release_date', style='iso'))
        f.ln('')
        f.ln('- Fixed a crash on Windows ', neg('10.0.%d.%d' % (RNG.choice([19045, 22631]), RNG.randrange(1000, 4000)), 'ip', 'ip_neg_md_version_windows_build'),
             ' when the cache was empty (', neg_secret('git_sha_short', 'md', 'commit'), ').')
        f.ln('- Bumped OpenSSL to ', version_neg('md', 'dependency_version'), '; image digest `', neg_secret('docker_digest', 'md', 'image_digest'), '`.')
        f.ln('- Merged PR #', str(RNG.randrange(1000, 9999)), ' (', neg_secret('git_sha', 'md', 'merge_commit'), ').')
        f.ln('- Build ', '%s.%d' % (date_neg('md', 'build', style='compact').text, RNG.randrange(1, 9)), ', ', number_neg('quantity', 'md', 'downloads'),
             ' downloads in the first week.')
        f.ln('')


@section
def docs_test_vectors():
    """Invalid numbers, described as such: all negatives."""
    f = TextFile('docs/validation_test_vectors.md')
    f.ln('# Validation test vectors (all of these MUST be rejected)')
    f.ln('')
    f.ln('| country | kind | value | why it fails |')
    f.ln('|---|---|---|---|')
    codes = ['de_DE', 'fr_FR', 'es_ES', 'it_IT', 'nl_NL', 'pl_PL', 'pt_BR', 'sv_SE', 'fi_FI', 'cn' if False else 'zh_CN', 'tr_TR', 'ro_RO',
             'en_US', 'en_GB', 'no_NO', 'be' if False else 'nl_BE', 'ko_KR', 'en_IN']
    for code in codes:
        p = Person(code)
        v = bad_nid(p, 'md', 'test_vector')
        if v is not None:
            f.ln('| ', code, ' | ', p.nid_term, ' | `', v, '` | check digit |')
        v = bad_iban(p, 'md', 'test_vector')
        if v is not None:
            f.ln('| ', code, ' | IBAN | `', v, '` | mod-97 |')
        if code in ('de_DE', 'en_US', 'ja_JP' if False else 'fr_FR', 'pt_BR', 'en_GB'):
            v = bad_card(p, 'md', 'test_vector')
            if v is not None:
                f.ln('| ', code, ' | card | `', v, '` | Luhn |')
    f.ln('')
    f.ln('Masked or placeholder values are also rejected: `', neg('XXXX XXXX XXXX ' + _digits(RNG, 4), 'card', 'card_neg_md_masked'), '`, `',
         neg('078-05-1120', 'national_id', 'national_id_neg_md_voided_ssn', validator='us.ssn'), '`, `',
         neg('DE00 0000 0000 0000 0000 00', 'iban', 'iban_neg_md_placeholder', validator='iban'), '`.')
    f.ln('')
    f.ln('Phone-like numbers that are not phones: order ', number_neg('order_no', 'md', 'order'), ', quantity ',
         number_neg('quantity', 'md', 'quantity'), ', price ', number_neg('price', 'md', 'price', region='DE'), ', tracking ',
         number_neg('tracking_dhl', 'md', 'tracking'), '.')


@section
def csv_product_catalogue():
    f = TextFile('catalog/products.csv')
    f.put(csv_parts(['sku', 'brand', 'product_name', 'ean13', 'price', 'stock', 'released']))
    items = ['Polo Shirt', 'Eau de Parfum 50 ml', 'Chino', 'Sneaker', 'Leather Belt', 'Whiskey 0.7 l', 'Ice Cream 500 ml',
             'Sunglasses', 'Wallet', 'Handbag', 'Watch', 'Hoodie']
    for i in range(30):
        brand = name_neg('csv', 'brand', RNG.choice(['en_US', 'de_DE', 'fr_FR', 'it_IT']) if i % 3 == 0 else None)
        for _ in range(50):
            b = RNG.choice(['40', '50', '76', '80', '87']) + _digits(RNG, 10)
            ean = b + str((10 - sum(int(x) * (1 if k % 2 == 0 else 3) for k, x in enumerate(b)) % 10) % 10)
            if numeric_negative_clean(ean) and not phone_valid_anywhere(ean, ('US', 'GB', 'DE')):
                break
        f.put(csv_parts(['P-%05d' % (i * 37 + 11), brand, '%s %s' % (brand.text, RNG.choice(items)),
                         neg(ean, 'card', 'card_neg_csv_ean13'), number_neg('price', 'csv', 'price', region='US'),
                         str(RNG.randrange(0, 500)), date_neg('csv', 'released', style='iso')]))


# @@SECTIONS@@

if __name__ == '__main__':
    main()
