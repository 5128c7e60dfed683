#!/usr/bin/env python3
"""blind7: independent blind evaluation set for a PII / secrets scanner, in the
shapes of LLM / RAG / ASR training data, commerce and e-invoicing exports,
observability data and ops configuration -- choosing producers and variants
that blind sets 1-6 did not use -- in about 30 locales.

Usage: python blind7_gen.py --seed N --out DIR
       (run it with the data venv: /root/.cache/mlsec/data-venv/bin/python;
        needs python-stdnum, phonenumbers and pyarrow; no Faker, no network)

Writes 62 files (about 510 KB; labels.jsonl about 1.1 MB, ~5,300 labels) into
DIR plus DIR/labels.jsonl, in the label
schema `blind4_score.py` reads: one JSON object per line with file, value,
category, form, positive, span [start, end) (byte offsets in the decompressed
file), line (1-based), and `validator` (python-stdnum module, 'iban' or
'luhn') on checksum labels; labels on a non-UTF-8 file carry `encoding` and
their spans count bytes of the decoded text re-encoded as UTF-8 with the BOM
dropped; labels whose bytes differ from the plain value because of an escape
or markup carry `decoded` (the plain value).  Parquet labels have span null,
`row` (0-based) and `column` (dotted struct path), at most one label per cell.
Deterministic per seed (byte-identical output), runs in about 2 seconds, shares
no code with blind1-6.

Categories: name, dob, address, national_id, phone, email, iban, card,
secret, ip, mac (the same names as sets 4-6).

Shapes (new producers / variants; none of them in sets 1-6)
  llm      ChatML-packed pre-training text in JSONL, a raw Llama-3 template
           dump, Vertex/Gemini tuning JSONL (contents/parts, \\u-escaped),
           KTO unpaired feedback, OpenAI Batch API input and output files (the
           model's JSON answer is a JSON string inside JSON: double escaping),
           agent trajectories whose tool observations print .env / credentials,
           an Argilla feedback export (pretty, ensure_ascii: every Devanagari /
           Bengali / Tamil / Urdu character is \\u-escaped), a Prodigy NER
           export, a LlamaIndex docstore + vector store, Qdrant points (.gz),
           a Parquet of fine-tuning conversations (structs, 2 row groups).
  speech   AWS Transcribe JSON (transcript + word items), Whisper verbose_json
           (text + segments + words).  Only the transcript / segment strings
           are labelled; single-word items are left unlabelled.
  ml ops   W&B wandb-metadata.json and output.log, gcloud ADC JSON,
           kaggle.json, huggingface stored_tokens.
  health   i2b2-2014-style de-identification XML (TEXT CDATA + TAGS whose
           text="" attributes repeat the values), FHIR bulk-export
           Patient.ndjson.gz, a dcmdump of DICOM headers (PN with ^, DA dates).
  commerce Shopify orders export (phones with a leading apostrophe), Stripe
           webhook events, PayPal IPN bodies in a listener log (URL-encoded),
           a payment-gateway debug log with raw PANs of 16 card brands
           (incl. ISO 8583 DE002 / track-2 dumps and Iranian Shetab cards),
           FatturaPA XML, CFDI 4.0 XML, a Portuguese fatura-recibo and a Czech
           bank statement as pdftotext -layout output (form feeds), a Spanish
           Cuaderno 19.14 SEPA direct-debit fixed-width file (latin-1), a Fio
           banka CSV in windows-1250, a Baltic CRM export in windows-1257,
           Google Play review export (UTF-16LE, BOM), Google Contacts CSV
           (" ::: " multi-values), Intercom conversations (HTML bodies),
           SMS Backup & Restore XML, a Chrome passwords CSV, vCard 2.1 with
           CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE, two LaTeX CVs (moderncv
           with ~ in phones and \\v{s} accents), a Twitter archive (account.js
           and tweets.js with the `window.YTD... =` prefix), Segment
           identify/track events (.gz), a multi-member gzip WARC with requests
           and responses, a Croatian court judgement, an Icelandic TSV with
           multi-line quoted cells, an M-Pesa SMS corpus (Swahili).
  ops      docker inspect, `airflow connections export` JSON (extra as a JSON
           string holding a service-account key: double escaped), Streamlit
           secrets.toml, Pulumi stack config (secure: ciphertext), Ansible
           group_vars with !vault blocks, Caddy JSON access log, Traefik CLF
           access log (.bz2), IIS W3C log, RFC 5424 syslog with structured
           data, Windows Security event XML, Oracle SQL Developer INSERT export
           (.xz, q'[...]' and TO_DATE), an SSMS "Generate Scripts" file (UTF-8
           BOM, CRLF, N'' literals, GO), OTLP/JSON traces.
  locales  Vietnamese, Thai, Hebrew, Persian, Swahili (KE/TZ), Filipino,
           Malay, Czech, Slovak, Croatian, Serbian (Cyrillic), Lithuanian,
           Latvian, Estonian, Icelandic, Catalan, Basque, Hindi, Bengali,
           Tamil, Urdu, Portuguese (PT and BR), Spanish (MX/AR/CO/CL), Italian,
           Norwegian, Danish, Swedish, Finnish.  National ids (python-stdnum
           is the oracle): vn.mst th.pin il.idnr ke.pin my.nric cz.rc sk.rc
           hr.oib si.emso (Serbian JMBG, same algorithm) lt.asmens lv.pvn ee.ik
           is_.kennitala es.dni es.nie in_.pan in_.epic in_.vid in_.aadhaar
           pk.cnic pt.nif pt.cc mx.curp mx.rfc ar.cuit co.nit cl.rut
           it.codicefiscale no.fodselsnummer dk.cpr se.personnummer fi.hetu
           br.cpf ec.ci.

Labelling policy (sets 4-6's, applied the same way)
  * Checksum categories (national_id, iban, card): positives validate with
    python-stdnum (Luhn for cards) at creation; negatives fail their own
    validator AND every id validator used here (asserted for every negative
    with 8+ digits, whatever its category, so no negative is a valid id or a
    Luhn-valid 12-19 digit number; pt.cc is only consulted for 12-character
    values and dotted-quad / UUID shapes skip the id and Luhn checks, because
    stdnum accepts e.g. runs of zeros there).  Known test values that validate
    (4111 1111 1111 1111, 4242 4242 4242 4242) are planted but left UNLABELLED
    (neutral).  Iranian IBANs are not planted (python-stdnum has no IR entry);
    Persian speakers give Shetab card numbers (Luhn) instead.
  * phone: positives are valid per phonenumbers for their region (asserted on
    the ASCII-digit form); written in local styles, also with native digits
    (Persian, Bengali), LaTeX ~ ties, &nbsp; entities, URL encoding, a
    leading apostrophe (Shopify) outside the span, spelled out in an ASR
    transcript.  Negatives: fictional US 555-01xx, order / transaction /
    tracking / ticket / receipt numbers, ISO 8583 RRNs, AWS account ids,
    tweet / account ids, hashes as integers, epoch timestamps, OTP codes.
  * email: real-looking domains positive (also URL-encoded in query strings
    and spelled out "x dot y at gmail dot com" in a transcript); RFC 2606
    names, Message-IDs, git@github.com:, npm pkg@version and logo@2x.png are
    negatives.  Company role addresses (support@, pagamentos@, podrska@) and
    service-account e-mails are left unlabelled.
  * ip: globally routable IPv4 / IPv6 positive; documentation ranges,
    loopback, unspecified and 4-part version strings negative; RFC 1918 /
    CGNAT / link-local and docker bridge addresses neutral; servers' addresses
    (WARC-IP-Address, the PayPal notifier) are left unlabelled.
  * mac: device MACs positive; broadcast / all-zero negative; docker 02:42:..
    neutral.
  * secret: live-looking credentials positive (also inside URLs, HTTP
    Basic auth, double/triple-escaped JSON, TOML multi-line strings, Kaggle / W&B
    keys that look like hex digests but sit in their key fields); placeholders,
    ${VAR}, {{ jinja }}, changeme, masked values, Caddy's REDACTED, AWS
    documentation keys, public keys,
    certificates, CFDI seals, Ansible-vault / Pulumi ciphertext, hashes,
    digests, git SHAs, UUIDs, provider object ids (ch_, evt_, chatcmpl-,
    batch_req_), Stripe publishable keys, and client "secrets" that are
    published by design (the gcloud SDK's installed-app OAuth secret, a
    Segment browser writeKey) are negatives.
  * dob: a date in a birth-date context is positive (ISO, local numeric,
    written in words in the local language, DICOM DA, Persian solar-hijri,
    Buddhist era); other dates (admission, study, order, posting) negative.
  * name / address: natural persons' names and postal addresses locating a
    person or a sole trader are positive (native script and transliterated,
    DICOM PN "FAMILY^GIVEN", LaTeX accents); judges, public figures, company
    names and user handles are left unlabelled; placeholders ([JMÉNO A
    PŘÍJMENÍ], [नाम], <ime i prezime>, John Doe, Ján Vzorový, Nombre
    Apellido, Calle Falsa 123, [PERSONAL_ID], XXXX XXXX 1234) are negatives
    of the category they stand for.
  * Value as written: a label's value is exactly the bytes at its span;
    escapes (JSON \\uXXXX, \\", double-escaped JSON, XML / HTML entities, URL
    encoding, quoted-printable, SQL '' doubling, CSV "" doubling, LaTeX
    macros and ~) are kept, and `decoded` holds the plain value.
  * Tokenised shapes: ASR word items and Whisper `words` are not labelled,
    only the transcript / segment strings (a value appears in both the
    top-level text and its segment, and both are labelled).  Prodigy spans
    give character offsets into the raw text (no token list is written).
  * Split fields: names split into given / family fields (FatturaPA
    Nome/Cognome, Google Contacts, CRM columns, LaTeX \\name{}{}, FHIR family)
    get one label per field; address components that alone do not locate
    anyone (city, postcode) are not labelled, street lines are.
  * A few numeric values cannot be made validator-clean (13-digit epoch
    milliseconds of a fixed date that pk.cnic accepts): those are written but
    left unlabelled.
  * Encodings: the windows-1250, windows-1257, latin-1 and UTF-16LE files'
    labels carry `encoding`; for the UTF-8-BOM SQL script spans count the
    BOM's three bytes (raw bytes, as in blind5).  Compressed files (.gz, .bz2,
    .xz) are labelled in decompressed bytes; the WARC is multi-member gzip.
  * The generator re-reads every file from disk and asserts data[start:end]
    equals each value, that spans do not overlap, that JSON / JSONL / XML /
    CSV files parse, and the validator properties above.
"""
import argparse, base64, bz2, calendar, csv, datetime as dt, gzip, hashlib, importlib, io, ipaddress, json, lzma, os
import random, re, string, struct, sys, uuid, zlib
import xml.dom.minidom
from urllib.parse import quote, quote_plus

import phonenumbers as pn
from stdnum import luhn
from stdnum import iban as std_iban
import pyarrow as pa, pyarrow.parquet as pq

AP = argparse.ArgumentParser()
AP.add_argument('--seed', type=int, default=1)
AP.add_argument('--out', required=True)
ARGS = AP.parse_args()
R = random.Random(ARGS.seed * 7919 + 17)

DIG = string.digits
UP = string.ascii_uppercase
LOW = string.ascii_lowercase
ALNUM = string.ascii_letters + string.digits
HEXL = '0123456789abcdef'
B64 = string.ascii_letters + string.digits + '+/'
B64U = string.ascii_letters + string.digits + '-_'


def rs(alpha, n):
    return ''.join(R.choice(alpha) for _ in range(n))


def pick(seq):
    return seq[R.randrange(len(seq))]


def chance(p):
    return R.random() < p


# =============================================================================
# core: labelled values, texts, documents
# =============================================================================

class V:
    """A labelled value.  `text` is what is written, `raw` the plain value."""
    __slots__ = ('text', 'raw', 'cat', 'form', 'pos', 'validator', 'bare')

    def __init__(self, text, cat, form, pos=True, validator=None, raw=None, bare=False):
        self.text = str(text)
        self.raw = self.text if raw is None else str(raw)
        self.cat, self.form, self.pos, self.validator, self.bare = cat, form, pos, validator, bare

    def esc(self, f):
        return V(f(self.text), self.cat, self.form, self.pos, self.validator, raw=self.raw, bare=self.bare)

    def f(self, form):
        """Same value, another form name."""
        return V(self.text, self.cat, form, self.pos, self.validator, raw=self.raw, bare=self.bare)

    def as_(self, text):
        """Same label, written differently (raw kept)."""
        return V(text, self.cat, self.form, self.pos, self.validator, raw=self.raw, bare=self.bare)

    def __repr__(self):
        return 'V(%r,%s,%s)' % (self.text, self.cat, self.form)


def P(value, cat, form, validator=None, raw=None):
    return V(value, cat, form, True, validator, raw)


def NEG(value, cat, form, validator=None, raw=None):
    if not form.startswith('neg_'):
        form = 'neg_' + form
    return V(value, cat, form, False, validator, raw)


class T:
    """A string made of plain pieces and labelled values."""
    __slots__ = ('parts',)

    def __init__(self, *parts):
        self.parts = []
        for p in parts:
            if isinstance(p, T):
                self.parts.extend(p.parts)
            elif isinstance(p, (str, V)):
                self.parts.append(p)
            elif p is None:
                continue
            else:
                raise TypeError(p)

    def plain(self):
        return ''.join(p if isinstance(p, str) else p.text for p in self.parts)

    def rawtext(self):
        return ''.join(p if isinstance(p, str) else p.raw for p in self.parts)

    def labels(self):
        return [p for p in self.parts if isinstance(p, V)]

    def __add__(self, o):
        return T(self, o)

    def __radd__(self, o):
        return T(o, self)


def plain(x):
    if isinstance(x, str):
        return x
    if isinstance(x, V):
        return x.text
    if isinstance(x, T):
        return x.plain()
    if isinstance(x, Doc):
        return x.text()
    return str(x)


def join(sep, items):
    out = []
    for i, it in enumerate(items):
        if i:
            out.append(sep)
        out.append(it)
    return T(*out)


class Doc:
    def __init__(self):
        self.parts = []

    def __call__(self, *items, esc=None):
        for it in items:
            self._add(it, esc)
        return self

    def _add(self, it, esc):
        if it is None:
            return
        if isinstance(it, str):
            self.parts.append(esc(it) if esc else it)
        elif isinstance(it, V):
            self.parts.append(it.esc(esc) if esc else it)
        elif isinstance(it, (T, Doc)):
            for p in it.parts:
                self._add(p, esc)
        elif isinstance(it, (int, float)):
            self.parts.append(str(it))
        else:
            raise TypeError(repr(it))

    def text(self):
        return ''.join(p if isinstance(p, str) else p.text for p in self.parts)

    def T(self):
        return T(*self.parts)


# ---------------------------------------------------------------- escapes
def e_json(ascii_=False):
    return lambda s: json.dumps(s, ensure_ascii=ascii_)[1:-1]


def e_xml(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def e_xattr(s):
    return e_xml(s).replace('"', '&quot;')


def e_html(s):
    return e_xml(s).replace('"', '&quot;').replace("'", '&#39;')


def e_sql(s):
    return s.replace("'", "''")


def e_csv(s):
    return s.replace('"', '""')


def e_url(s):
    return quote_plus(s, safe='')


def e_qp(s):
    out = []
    for c in s:
        if 33 <= ord(c) <= 126 and c != '=' or c == ' ':
            out.append(c)
        else:
            out.append(''.join('=%02X' % b for b in c.encode('utf-8')))
    return ''.join(out)


# ---------------------------------------------------------------- emitters
def emit_json(d, obj, indent=None, ascii_=False, seps=None, level=0):
    if seps is None:
        seps = (',', ': ') if indent is not None else (', ', ': ')
    item_sep, kv_sep = seps
    es = e_json(ascii_)
    if isinstance(obj, V) and obj.bare:
        d(obj)
    elif isinstance(obj, (str, V, T)):
        d('"')
        d(obj, esc=es)
        d('"')
    elif obj is None:
        d('null')
    elif obj is True:
        d('true')
    elif obj is False:
        d('false')
    elif isinstance(obj, (int, float)):
        d(json.dumps(obj))
    elif isinstance(obj, dict):
        if not obj:
            d('{}')
            return
        d('{')
        for i, (k, v) in enumerate(obj.items()):
            if i:
                d(item_sep)
            if indent is not None:
                d('\n' + ' ' * (indent * (level + 1)))
            d(json.dumps(k, ensure_ascii=ascii_), kv_sep)
            emit_json(d, v, indent, ascii_, seps, level + 1)
        if indent is not None:
            d('\n' + ' ' * (indent * level))
        d('}')
    elif isinstance(obj, (list, tuple)):
        if not obj:
            d('[]')
            return
        d('[')
        for i, v in enumerate(obj):
            if i:
                d(item_sep)
            if indent is not None:
                d('\n' + ' ' * (indent * (level + 1)))
            emit_json(d, v, indent, ascii_, seps, level + 1)
        if indent is not None:
            d('\n' + ' ' * (indent * level))
        d(']')
    else:
        raise TypeError(repr(obj))
    return d


def jdoc(obj, indent=None, ascii_=False, seps=None):
    d = Doc()
    emit_json(d, obj, indent, ascii_, seps)
    return d


def jstr(obj, **kw):
    """Serialise obj as JSON and return it as a T (to be embedded as a string)."""
    return jdoc(obj, **kw).T()


def emit_csv(d, rows, delim=',', eol='\n', quote_all=False, quote_empty=False):
    for row in rows:
        for i, cell in enumerate(row):
            if i:
                d(delim)
            if cell is None:
                if quote_empty:
                    d('""')
                continue
            if isinstance(cell, (int, float)):
                cell = str(cell)
            txt = plain(cell)
            need = quote_all or any(c in txt for c in (delim, '"', '\n', '\r')) or (txt != txt.strip() and txt)
            if need:
                d('"')
                d(cell, esc=e_csv)
                d('"')
            else:
                d(cell)
        d(eol)
    return d


# ---------------------------------------------------------------- output
LABELS = []
FILES = {}


def _norm_enc(enc):
    return enc.lower().replace('_', '-')


def write(rel, doc, encoding='utf-8', bom=False, compress=None, members=None, check=None):
    """Write Doc `doc` (or a list of Docs as gzip members) to OUT/rel and record labels."""
    docs = members if members is not None else [doc]
    text_parts = []
    labels = []
    pos_b = 0
    line = 1
    lead = 3 if (bom and _norm_enc(encoding) == 'utf-8') else 0
    chunks_bytes = []
    for dd in docs:
        mb = []
        for p in dd.parts:
            if isinstance(p, str):
                b = p.encode('utf-8')
                pos_b += len(b)
                line += p.count('\n')
                mb.append(p)
            else:
                b = p.text.encode('utf-8')
                labels.append((p, pos_b + lead, pos_b + lead + len(b), line))
                pos_b += len(b)
                line += p.text.count('\n')
                mb.append(p.text)
        chunks_bytes.append(''.join(mb))
        text_parts.append(''.join(mb))
    enc = _norm_enc(encoding)
    out = []
    for i, t in enumerate(chunks_bytes):
        if enc == 'utf-8':
            raw = (b'\xef\xbb\xbf' if bom and i == 0 else b'') + t.encode('utf-8')
        elif enc == 'utf-16-le':
            raw = (b'\xff\xfe' if bom and i == 0 else b'') + t.encode('utf-16-le')
        else:
            raw = t.encode(encoding)
        out.append(raw)
    if compress == 'gz':
        blob = b''.join(gzip.compress(x, mtime=0) for x in out)
    elif compress == 'bz2':
        blob = bz2.compress(b''.join(out))
    elif compress == 'xz':
        blob = lzma.compress(b''.join(out))
    else:
        blob = b''.join(out)
    path = os.path.join(ARGS.out, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as fh:
        fh.write(blob)
    FILES[rel] = {'encoding': None if enc == 'utf-8' else encoding, 'check': check}
    for v, s, e, ln in labels:
        rec = {'file': rel, 'value': v.text, 'category': v.cat, 'form': v.form, 'positive': v.pos,
               'span': [s, e], 'line': ln}
        if v.validator:
            rec['validator'] = v.validator
        if enc != 'utf-8':
            rec['encoding'] = encoding
        if v.raw != v.text:
            rec['decoded'] = v.raw
        LABELS.append((rec, v))


def write_parquet(rel, schema, rows, row_group_size=None):
    """rows: list of dicts whose leaves may be V / T.  Labels by (row, dotted column)."""
    labels = []

    def strip(x, path, ri):
        if isinstance(x, V):
            labels.append((ri, path, x))
            return x.text
        if isinstance(x, T):
            ls = x.labels()
            assert len(ls) <= 1, (path, ls)
            for l in ls:
                labels.append((ri, path, l))
            return x.plain()
        if isinstance(x, dict):
            return {k: strip(v, path + [k], ri) for k, v in x.items()}
        if isinstance(x, list):
            return [strip(v, path, ri) for v in x]
        return x

    clean = [strip(r, [], i) for i, r in enumerate(rows)]
    table = pa.Table.from_pylist(clean, schema=schema)
    path = os.path.join(ARGS.out, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    pq.write_table(table, path, row_group_size=row_group_size, compression='snappy')
    seen = set()
    for ri, p, v in labels:
        key = (ri, '.'.join(p))
        assert key not in seen, key
        seen.add(key)
        rec = {'file': rel, 'value': v.text, 'category': v.cat, 'form': v.form, 'positive': v.pos,
               'span': None, 'line': None, 'row': ri, 'column': '.'.join(p)}
        if v.validator:
            rec['validator'] = v.validator
        if v.raw != v.text:
            rec['decoded'] = v.raw
        LABELS.append((rec, v))
    FILES[rel] = {'encoding': None, 'check': 'parquet'}


# =============================================================================
# locale data (hand-written pools; non-Latin entries are (native, latin))
# =============================================================================
import unicodedata

_FOLD = {'đ': 'd', 'Đ': 'D', 'ø': 'o', 'Ø': 'O', 'æ': 'ae', 'Æ': 'Ae', 'å': 'a', 'ß': 'ss', 'ł': 'l', 'þ': 'th', 'Þ': 'Th',
         'ð': 'd', 'Ð': 'D', 'ı': 'i', 'œ': 'oe'}


def fold(s):
    s = ''.join(_FOLD.get(c, c) for c in s)
    return ''.join(c for c in unicodedata.normalize('NFKD', s) if not unicodedata.combining(c))


_SR = dict(zip('абвгдђежзијклљмнњопрстћуфхцчџшАБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ',
               ['a', 'b', 'v', 'g', 'd', 'đ', 'e', 'ž', 'z', 'i', 'j', 'k', 'l', 'lj', 'm', 'n', 'nj', 'o', 'p', 'r', 's', 't', 'ć', 'u', 'f', 'h', 'c', 'č', 'dž', 'š',
                'A', 'B', 'V', 'G', 'D', 'Đ', 'E', 'Ž', 'Z', 'I', 'J', 'K', 'L', 'Lj', 'M', 'N', 'Nj', 'O', 'P', 'R', 'S', 'T', 'Ć', 'U', 'F', 'H', 'C', 'Č', 'Dž', 'Š']))


def sr_lat(s):
    return ''.join(_SR.get(c, c) for c in s)


NATIVE_DIGITS = {'fa': '۰۱۲۳۴۵۶۷۸۹', 'ur': '۰۱۲۳۴۵۶۷۸۹', 'bn': '০১২৩৪৫৬৭৮৯', 'th': '๐๑๒๓๔๕๖๗๘๙', 'hi': '०१२३४५६७८९'}


def nd(s, lang):
    t = NATIVE_DIGITS[lang]
    return ''.join(t[int(c)] if c in DIG else c for c in s)


def ascii_digits(s):
    out = []
    for c in s:
        if c.isdigit() and c not in DIG:
            out.append(str(unicodedata.digit(c)))
        else:
            out.append(c)
    return ''.join(out)


MONTHS = {
    'cs': 'ledna února března dubna května června července srpna září října listopadu prosince',
    'sk': 'januára februára marca apríla mája júna júla augusta septembra októbra novembra decembra',
    'hr': 'siječnja veljače ožujka travnja svibnja lipnja srpnja kolovoza rujna listopada studenoga prosinca',
    'sr': 'јануара фебруара марта априла маја јуна јула августа септембра октобра новембра децембра',
    'lt': 'sausio vasario kovo balandžio gegužės birželio liepos rugpjūčio rugsėjo spalio lapkričio gruodžio',
    'lv': 'janvārī februārī martā aprīlī maijā jūnijā jūlijā augustā septembrī oktobrī novembrī decembrī',
    'et': 'jaanuar veebruar märts aprill mai juuni juuli august september oktoober november detsember',
    'is': 'janúar febrúar mars apríl maí júní júlí ágúst september október nóvember desember',
    'ca': "de_gener de_febrer de_març d'abril de_maig de_juny de_juliol d'agost de_setembre d'octubre de_novembre de_desembre",
    'eu': 'urtarrilaren otsailaren martxoaren apirilaren maiatzaren ekainaren uztailaren abuztuaren irailaren urriaren azaroaren abenduaren',
    'pt': 'janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro',
    'es': 'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre',
    'it': 'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre',
    'th': 'มกราคม กุมภาพันธ์ มีนาคม เมษายน พฤษภาคม มิถุนายน กรกฎาคม สิงหาคม กันยายน ตุลาคม พฤศจิกายน ธันวาคม',
    'he': 'ינואר פברואר מרץ אפריל מאי יוני יולי אוגוסט ספטמבר אוקטובר נובמבר דצמבר',
    'fa': 'فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند',
    'sw': 'Januari Februari Machi Aprili Mei Juni Julai Agosti Septemba Oktoba Novemba Desemba',
    'fil': 'Enero Pebrero Marso Abril Mayo Hunyo Hulyo Agosto Setyembre Oktubre Nobyembre Disyembre',
    'ms': 'Januari Februari Mac April Mei Jun Julai Ogos September Oktober November Disember',
    'hi': 'जनवरी फ़रवरी मार्च अप्रैल मई जून जुलाई अगस्त सितंबर अक्टूबर नवंबर दिसंबर',
    'bn': 'জানুয়ারি ফেব্রুয়ারি মার্চ এপ্রিল মে জুন জুলাই আগস্ট সেপ্টেম্বর অক্টোবর নভেম্বর ডিসেম্বর',
    'ta': 'ஜனவரி பிப்ரவரி மார்ச் ஏப்ரல் மே ஜூன் ஜூலை ஆகஸ்ட் செப்டம்பர் அக்டோபர் நவம்பர் டிசம்பர்',
    'ur': 'جنوری فروری مارچ اپریل مئی جون جولائی اگست ستمبر اکتوبر نومبر دسمبر',
    'no': 'januar februar mars april mai juni juli august september oktober november desember',
    'da': 'januar februar marts april maj juni juli august september oktober november december',
    'sv': 'januari februari mars april maj juni juli augusti september oktober november december',
    'fi': 'tammikuuta helmikuuta maaliskuuta huhtikuuta toukokuuta kesäkuuta heinäkuuta elokuuta syyskuuta lokakuuta marraskuuta joulukuuta',
    'en': 'January February March April May June July August September October November December',
}
MONTHS = {k: [m.replace('_', ' ') for m in v.split()] for k, v in MONTHS.items()}


def g2j(gy, gm, gd):
    """Gregorian -> Jalali (solar hijri)."""
    g_d_m = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
    gy2 = gy + 1 if gm > 2 else gy
    days = 355666 + (365 * gy) + ((gy2 + 3) // 4) - ((gy2 + 99) // 100) + ((gy2 + 399) // 400) + gd + g_d_m[gm - 1]
    jy = -1595 + (33 * (days // 12053))
    days %= 12053
    jy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        jy += (days - 1) // 365
        days = (days - 1) % 365
    if days < 186:
        jm, jd = 1 + days // 31, 1 + days % 31
    else:
        jm, jd = 7 + (days - 186) // 30, 1 + (days - 186) % 30
    return jy, jm, jd


# name pools -------------------------------------------------------------------
def _pairs(s):
    """'native:latin, native:latin' -> list of tuples."""
    return [tuple(x.strip().split(':')) for x in s.split(',')]


def _l(s):
    return [x.strip() for x in s.split(',')]


LOC = {
    'vi': dict(region='VN', script='latin', m=_l('An, Bình, Cường, Dũng, Hải, Hùng, Khoa, Long, Nam, Tuấn'),
               f=_l('Anh, Hà, Hương, Lan, Linh, Mai, Ngân, Phương, Trang, Yến'),
               last=_l('Nguyễn, Trần, Lê, Phạm, Hoàng, Huỳnh, Phan, Vũ, Võ, Đặng, Bùi, Đỗ'),
               mid_m=_l('Văn, Đức, Minh, Quang, Hữu'), mid_f=_l('Thị, Ngọc, Thu, Thanh, Kim'),
               domains=_l('gmail.com, yahoo.com.vn, gmail.com, outlook.com'), ids=['vn.mst'], iban=None, lang='vi'),
    'th': dict(region='TH', script='native',
               m=_pairs('สมชาย:Somchai, ธนากร:Thanakorn, วีระพงษ์:Weerapong, ประเสริฐ:Prasert, กิตติพัฒน์:Kittipat, อนุชา:Anucha'),
               f=_pairs('สมหญิง:Somying, กัลยา:Kanlaya, ณัฐธิดา:Natthida, พิมพ์ชนก:Pimchanok, อรอุมา:Onuma, สุภาพร:Supaporn'),
               last=_pairs('ใจดี:Jaidee, ศรีสุข:Srisuk, วงศ์สวัสดิ์:Wongsawat, แก้วมณี:Kaewmanee, ทองดี:Thongdee, บุญมา:Boonma, สุขสวัสดิ์:Suksawat, รักษ์ไทย:Rakthai'),
               domains=_l('hotmail.com, gmail.com, gmail.com, yahoo.co.th'), ids=['th.pin'], iban=None, lang='th'),
    'he': dict(region='IL', script='native',
               m=_pairs('יוסי:Yossi, אבי:Avi, דניאל:Daniel, איתי:Itay, עומר:Omer, אורי:Uri'),
               f=_pairs('מיכל:Michal, נועה:Noa, שירה:Shira, רותם:Rotem, תמר:Tamar, הילה:Hila'),
               last=_pairs('כהן:Cohen, לוי:Levi, מזרחי:Mizrahi, פרץ:Peretz, ביטון:Biton, אברהם:Avraham, פרידמן:Friedman, שפירא:Shapira'),
               domains=_l('walla.co.il, gmail.com, gmail.com, 012.net.il'), ids=['il.idnr'], iban='IL', lang='he'),
    'fa': dict(region='IR', script='native',
               m=_pairs('محمد:Mohammad, علی:Ali, رضا:Reza, امیرحسین:Amirhossein, مهدی:Mahdi, حسین:Hossein'),
               f=_pairs('فاطمه:Fatemeh, زهرا:Zahra, مریم:Maryam, نگار:Negar, سارا:Sara, الناز:Elnaz'),
               last=_pairs('محمدی:Mohammadi, حسینی:Hosseini, رضایی:Rezaei, کریمی:Karimi, احمدی:Ahmadi, موسوی:Mousavi, جعفری:Jafari, صادقی:Sadeghi'),
               domains=_l('yahoo.com, gmail.com, chmail.ir, gmail.com'), ids=[], iban=None, lang='fa'),
    'sw_ke': dict(region='KE', script='latin', m=_l('Brian, Kevin, Dennis, Peter, Samuel, Collins'),
                  f=_l('Grace, Faith, Mercy, Esther, Joyce, Winnie'),
                  last=_l('Kamau, Otieno, Mwangi, Kiprop, Odhiambo, Wanjala, Wanjiku, Njoroge, Chebet, Kariuki'),
                  domains=_l('gmail.com, yahoo.com, gmail.com'), ids=['ke.pin'], iban=None, lang='sw'),
    'sw_tz': dict(region='TZ', script='latin', m=_l('Juma, Hassan, Baraka, Emmanuel, Salim, Athumani'),
                  f=_l('Neema, Rehema, Zawadi, Amina, Upendo, Mwanaisha'),
                  last=_l('Mwakyusa, Massawe, Mushi, Lyimo, Kimaro, Shirima, Mrema, Mollel'),
                  domains=_l('gmail.com, yahoo.com'), ids=[], iban=None, lang='sw'),
    'fil': dict(region='PH', script='latin', m=_l('Juan, Jose, Mark Anthony, John Paul, Rodel, Christian, Jerome'),
                f=_l('Maria Cristina, Jocelyn, Rowena, Mary Grace, Kristine, Rhea, Angelica'),
                last=_l('Dela Cruz, Santos, Reyes, Bautista, Garcia, Mendoza, Villanueva, Ramos, Aquino, Castillo'),
                domains=_l('yahoo.com.ph, gmail.com, gmail.com'), ids=[], iban=None, lang='fil'),
    'ms': dict(region='MY', script='latin', m=_l('Ahmad Faizal, Muhammad Hafiz, Mohd Azlan, Amirul Hakim, Khairul Anuar'),
               f=_l('Nur Aisyah, Siti Nurhaliza, Nurul Izzah, Farah Nadia, Nor Azura'),
               last=_l('Abdullah, Rahman, Ismail, Hassan, Yusof, Ibrahim, Osman'),
               domains=_l('yahoo.com.my, gmail.com, gmail.com'), ids=['my.nric'], iban=None, lang='ms'),
    'cs': dict(region='CZ', script='latin', m=_l('Jan, Petr, Tomáš, Martin, Jakub, Lukáš, Ondřej, Jiří'),
               f=_l('Jana, Eva, Lucie, Tereza, Kateřina, Petra, Veronika, Markéta'),
               last_mf=[tuple(x.split('/')) for x in _l('Novák/Nováková, Svoboda/Svobodová, Dvořák/Dvořáková, Černý/Černá, Procházka/Procházková, Kučera/Kučerová, Veselý/Veselá, Horák/Horáková, Němec/Němcová, Pokorný/Pokorná')],
               domains=_l('seznam.cz, email.cz, centrum.cz, gmail.com'), ids=['cz.rc'], iban='CZ', lang='cs'),
    'sk': dict(region='SK', script='latin', m=_l('Peter, Martin, Michal, Marek, Juraj, Tomáš'),
               f=_l('Zuzana, Katarína, Lucia, Mária, Jana, Ivana'),
               last_mf=[tuple(x.split('/')) for x in _l('Horváth/Horváthová, Kováč/Kováčová, Varga/Vargová, Tóth/Tóthová, Nagy/Nagyová, Baláž/Balážová, Molnár/Molnárová, Šimko/Šimková')],
               domains=_l('azet.sk, zoznam.sk, gmail.com'), ids=['sk.rc'], iban='SK', lang='sk'),
    'hr': dict(region='HR', script='latin', m=_l('Ivan, Marko, Luka, Josip, Tomislav, Ante'),
               f=_l('Ana, Ivana, Marija, Petra, Maja, Katarina'),
               last=_l('Horvat, Kovačević, Babić, Marić, Jurić, Novak, Knežević, Vuković, Perić, Matić'),
               domains=_l('gmail.com, net.hr, t-com.hr'), ids=['hr.oib'], iban='HR', lang='hr'),
    'sr': dict(region='RS', script='native',
               m=[(x, sr_lat(x)) for x in _l('Никола, Стефан, Милош, Душан, Немања, Лазар')],
               f=[(x, sr_lat(x)) for x in _l('Јелена, Милица, Ана, Драгана, Теодора, Марија')],
               last=[(x, sr_lat(x)) for x in _l('Јовановић, Петровић, Николић, Марковић, Ђорђевић, Стојановић, Илић, Павловић')],
               domains=_l('gmail.com, eunet.rs, mts.rs'), ids=['si.emso'], iban='RS', lang='sr'),
    'lt': dict(region='LT', script='latin', m=_l('Jonas, Tomas, Mantas, Lukas, Darius, Paulius'),
               f=_l('Rūta, Jurgita, Ieva, Eglė, Greta, Laura'),
               last=_l('Kazlauskas, Jankauskas, Petrauskas, Stankevičius, Vasiliauskas, Žukauskas, Butkus, Paulauskas'),
               domains=_l('gmail.com, inbox.lt, one.lt'), ids=['lt.asmens'], iban='LT', lang='lt'),
    'lv': dict(region='LV', script='latin', m=_l('Jānis, Andris, Mārtiņš, Kārlis, Edgars, Roberts'),
               f=_l('Anna, Līga, Ilze, Kristīne, Laura, Inese'),
               last_mf=[tuple(x.split('/')) for x in _l('Bērziņš/Bērziņa, Kalniņš/Kalniņa, Ozoliņš/Ozoliņa, Jansons/Jansone, Liepiņš/Liepiņa, Krūmiņš/Krūmiņa, Balodis/Balode, Zariņš/Zariņa')],
               domains=_l('inbox.lv, gmail.com'), ids=['lv.pvn'], iban='LV', lang='lv'),
    'et': dict(region='EE', script='latin', m=_l('Martin, Rasmus, Karl, Markus, Andres, Jaan'),
               f=_l('Kadri, Liis, Kristiina, Triin, Maarja, Mari'),
               last=_l('Tamm, Saar, Sepp, Mägi, Kask, Kukk, Rebane, Ilves, Pärn, Koppel'),
               domains=_l('hot.ee, gmail.com, mail.ee'), ids=['ee.ik'], iban='EE', lang='et'),
    'is': dict(region='IS', script='latin', m=_l('Jón, Sigurður, Guðmundur, Gunnar, Ólafur, Einar'),
               f=_l('Guðrún, Anna, Kristín, Sigríður, Helga, Margrét'),
               patr=[tuple(x.split('/')) for x in _l('Jónsson/Jónsdóttir, Sigurðsson/Sigurðardóttir, Guðmundsson/Guðmundsdóttir, Einarsson/Einarsdóttir, Magnússon/Magnúsdóttir, Stefánsson/Stefánsdóttir, Ólafsson/Ólafsdóttir')],
               domains=_l('simnet.is, internet.is, gmail.com'), ids=['is_.kennitala'], iban='IS', lang='is'),
    'ca': dict(region='ES', script='latin', m=_l('Jordi, Pere, Marc, Pau, Oriol, Joan'),
               f=_l('Montserrat, Núria, Laia, Mireia, Anna, Mercè'),
               last=_l('Puig, Vila, Ferrer, Serra, Soler, Font, Roca, Pujol, Casals, Vidal'),
               domains=_l('gmail.com, telefonica.net, hotmail.es'), ids=['es.dni', 'es.nie'], iban='ES', lang='ca'),
    'eu': dict(region='ES', script='latin', m=_l('Iñaki, Jon, Mikel, Unai, Aitor, Gorka'),
               f=_l('Ainhoa, Nerea, Amaia, Itziar, Leire, Miren'),
               last=_l('Etxeberria, Goikoetxea, Agirre, Zubizarreta, Urrutia, Arrieta, Garmendia, Larrañaga, Mendizabal, Olabarria'),
               domains=_l('euskaltel.net, gmail.com, hotmail.com'), ids=['es.dni'], iban='ES', lang='eu'),
    'hi': dict(region='IN', script='native',
               m=_pairs('राहुल:Rahul, अमित:Amit, विकास:Vikas, सुरेश:Suresh, अंकित:Ankit, रोहित:Rohit'),
               f=_pairs('प्रिया:Priya, नेहा:Neha, पूजा:Pooja, सुनीता:Sunita, अंजलि:Anjali, कविता:Kavita'),
               last=_pairs('शर्मा:Sharma, वर्मा:Verma, गुप्ता:Gupta, सिंह:Singh, यादव:Yadav, मिश्रा:Mishra, अग्रवाल:Agarwal'),
               domains=_l('gmail.com, rediffmail.com, yahoo.co.in'), ids=['in_.pan', 'in_.epic', 'in_.vid', 'in_.aadhaar'], iban=None, lang='hi'),
    'bn': dict(region='BD', script='native',
               m=_pairs('রাকিব:Rakib, তানভীর:Tanvir, আরিফ:Arif, সাকিব:Sakib, ইমরান:Imran'),
               f=_pairs('নুসরাত:Nusrat, ফারহানা:Farhana, তাসনিম:Tasnim, সাদিয়া:Sadia, রুমানা:Rumana'),
               last=_pairs('হোসেন:Hossain, রহমান:Rahman, আহমেদ:Ahmed, ইসলাম:Islam, চৌধুরী:Chowdhury, খান:Khan, সরকার:Sarkar'),
               domains=_l('gmail.com, yahoo.com'), ids=[], iban=None, lang='bn'),
    'ta': dict(region='IN', script='native',
               m=_pairs('கார்த்திக்:Karthik, சுரேஷ்:Suresh, அருண்:Arun, விக்னேஷ்:Vignesh, பிரகாஷ்:Prakash'),
               f=_pairs('பிரியா:Priya, கவிதா:Kavitha, லட்சுமி:Lakshmi, திவ்யா:Divya, மீனா:Meena'),
               last=_pairs('ராமன்:Raman, சுப்பிரமணியன்:Subramanian, கிருஷ்ணன்:Krishnan, முருகன்:Murugan, வேலு:Velu'),
               domains=_l('gmail.com, yahoo.co.in'), ids=['in_.pan', 'in_.aadhaar', 'in_.epic'], iban=None, lang='ta'),
    'ur': dict(region='PK', script='native',
               m=_pairs('محمد علی:Muhammad Ali, عمران:Imran, بلال:Bilal, حسن:Hassan, عثمان:Usman'),
               f=_pairs('عائشہ:Ayesha, فاطمہ:Fatima, سدرہ:Sidra, ماہ نور:Mahnoor, زینب:Zainab'),
               last=_pairs('خان:Khan, احمد:Ahmed, ملک:Malik, چوہدری:Chaudhry, قریشی:Qureshi, بٹ:Butt, شیخ:Sheikh'),
               domains=_l('gmail.com, hotmail.com, yahoo.com'), ids=['pk.cnic'], iban='PK', lang='ur'),
    'pt': dict(region='PT', script='latin', m=_l('João, Tiago, Rui, Miguel, Duarte, Nuno'),
               f=_l('Inês, Beatriz, Mariana, Joana, Catarina, Rita'),
               last=_l('Silva, Santos, Ferreira, Pereira, Oliveira, Costa, Rodrigues, Martins, Sousa, Fernandes, Gonçalves, Carvalho'),
               domains=_l('sapo.pt, gmail.com, hotmail.com'), ids=['pt.nif', 'pt.cc'], iban='PT', lang='pt'),
    'br': dict(region='BR', script='latin', m=_l('Lucas, Gabriel, Rafael, Thiago, Gustavo'),
               f=_l('Ana Clara, Juliana, Fernanda, Camila, Larissa'),
               last=_l('da Silva, dos Santos, Oliveira, Souza, Lima, Pereira, Alves, Ribeiro, Carvalho'),
               domains=_l('uol.com.br, bol.com.br, gmail.com'), ids=['br.cpf'], iban='BR', lang='pt'),
    'mx': dict(region='MX', script='latin', m=_l('José Luis, Juan Carlos, Alejandro, Miguel Ángel, Jorge'),
               f=_l('María Guadalupe, Ana Karen, Fernanda, Daniela, Verónica'),
               last=_l('Hernández, García, Martínez, López, González, Rodríguez, Pérez, Sánchez, Ramírez, Flores'),
               domains=_l('hotmail.com, prodigy.net.mx, gmail.com'), ids=['mx.curp', 'mx.rfc'], iban=None, lang='es'),
    'ar': dict(region='AR', script='latin', m=_l('Martín, Facundo, Santiago, Nicolás, Matías'),
               f=_l('Florencia, Camila, Agustina, Lucía, Sofía'),
               last=_l('González, Rodríguez, Gómez, Fernández, López, Díaz, Martínez, Pérez, Romero, Sosa'),
               domains=_l('hotmail.com.ar, fibertel.com.ar, gmail.com'), ids=['ar.cuit'], iban=None, lang='es'),
    'co': dict(region='CO', script='latin', m=_l('Juan Camilo, Andrés Felipe, Santiago, Carlos Andrés, Julián'),
               f=_l('Valentina, Laura Sofía, María José, Paula Andrea, Natalia'),
               last=_l('Rodríguez, Gómez, Martínez, García, López, Hernández, Ramírez, Cárdenas, Restrepo, Ospina'),
               domains=_l('hotmail.com, une.net.co, gmail.com'), ids=['co.nit'], iban=None, lang='es'),
    'cl': dict(region='CL', script='latin', m=_l('Benjamín, Vicente, Matías, Diego, Cristóbal'),
               f=_l('Catalina, Javiera, Constanza, Francisca, Antonia'),
               last=_l('González, Muñoz, Rojas, Díaz, Pérez, Soto, Contreras, Silva, Martínez, Sepúlveda'),
               domains=_l('gmail.com, vtr.net, hotmail.com'), ids=['cl.rut'], iban=None, lang='es'),
    'ec': dict(region='EC', script='latin', m=_l('Luis Fernando, Andrés, Diego, Xavier'),
               f=_l('María Belén, Gabriela, Andrea, Paola'),
               last=_l('Andrade, Vera, Zambrano, Cevallos, Mora, Paredes, Villacís'),
               domains=_l('hotmail.com, gmail.com'), ids=['ec.ci'], iban=None, lang='es'),
    'it': dict(region='IT', script='latin', m=_l('Marco, Luca, Giuseppe, Alessandro, Francesco'),
               f=_l('Giulia, Francesca, Chiara, Sara, Valentina'),
               last=_l('Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco'),
               domains=_l('libero.it, virgilio.it, gmail.com'), ids=['it.codicefiscale'], iban='IT', lang='it'),
    'no': dict(region='NO', script='latin', m=_l('Lars, Ole, Magnus, Henrik, Jonas'), f=_l('Ingrid, Kari, Nora, Sofie, Ida'),
               last=_l('Hansen, Johansen, Olsen, Larsen, Andersen, Pedersen, Nilsen, Kristiansen, Berg, Haugen'),
               domains=_l('online.no, gmail.com'), ids=['no.fodselsnummer'], iban='NO', lang='no'),
    'da': dict(region='DK', script='latin', m=_l('Mads, Rasmus, Frederik, Søren, Anders'), f=_l('Mette, Camilla, Sofie, Line, Freja'),
               last=_l('Jensen, Nielsen, Hansen, Pedersen, Andersen, Christensen, Larsen, Sørensen, Rasmussen'),
               domains=_l('mail.dk, gmail.com'), ids=['dk.cpr'], iban='DK', lang='da'),
    'sv': dict(region='SE', script='latin', m=_l('Erik, Lars, Johan, Anders, Oskar'), f=_l('Anna, Maria, Karin, Elin, Sara'),
               last=_l('Andersson, Johansson, Karlsson, Nilsson, Eriksson, Larsson, Olsson, Persson, Svensson, Lindberg'),
               domains=_l('telia.com, gmail.com'), ids=['se.personnummer'], iban='SE', lang='sv'),
    'fi': dict(region='FI', script='latin', m=_l('Mikko, Juha, Antti, Ville, Jussi'), f=_l('Anna, Laura, Johanna, Sanna, Emilia'),
               last=_l('Korhonen, Virtanen, Mäkinen, Nieminen, Mäkelä, Hämäläinen, Laine, Heikkinen, Koskinen, Järvinen'),
               domains=_l('luukku.com, gmail.com'), ids=['fi.hetu'], iban='FI', lang='fi'),
}


# addresses ------------------------------------------------------------------
def n_(a, b):
    return R.randint(a, b)


def addr_for(loc):
    """Return (native, latin) postal address strings for a locale."""
    if loc == 'vi':
        st = pick(_l('Lê Lợi, Nguyễn Huệ, Trần Hưng Đạo, Hai Bà Trưng, Lý Thường Kiệt, Điện Biên Phủ, Nguyễn Thị Minh Khai'))
        w, q, c = pick([('Bến Nghé', 'Quận 1', 'TP. Hồ Chí Minh'), ('Phường 7', 'Quận 3', 'TP. Hồ Chí Minh'), ('Tràng Tiền', 'Quận Hoàn Kiếm', 'Hà Nội'),
                        ('Dịch Vọng', 'Quận Cầu Giấy', 'Hà Nội'), ('Hải Châu 1', 'Quận Hải Châu', 'Đà Nẵng')])
        if chance(.5):
            a = 'Số %d %s, Phường %s, %s, %s' % (n_(2, 240), st, w, q, c)
        else:
            a = 'Số %d, ngõ %d %s, Phường %s, %s, %s' % (n_(2, 60), n_(10, 300), st, w, q, c)
        return a, fold(a)
    if loc == 'th':
        roads = _pairs('สุขุมวิท:Sukhumvit, พหลโยธิน:Phahonyothin, รัชดาภิเษก:Ratchadaphisek, ลาดพร้าว:Lat Phrao')
        road = pick(roads)
        sub = pick([('แขวงคลองเตย', 'เขตคลองเตย', 'กรุงเทพมหานคร', '10110', 'Khlong Toei', 'Khlong Toei', 'Bangkok'),
                    ('แขวงจตุจักร', 'เขตจตุจักร', 'กรุงเทพมหานคร', '10900', 'Chatuchak', 'Chatuchak', 'Bangkok'),
                    ('ตำบลสุเทพ', 'อำเภอเมืองเชียงใหม่', 'จังหวัดเชียงใหม่', '50200', 'Suthep', 'Mueang Chiang Mai', 'Chiang Mai'),
                    ('ตำบลในเมือง', 'อำเภอเมืองขอนแก่น', 'จังหวัดขอนแก่น', '40000', 'Nai Mueang', 'Mueang Khon Kaen', 'Khon Kaen')])
        h = '%d/%d' % (n_(1, 399), n_(1, 120))
        moo = n_(1, 12)
        a = '%s หมู่ %d ถนน%s %s %s %s %s' % (h, moo, road[0], sub[0], sub[1], sub[2], sub[3])
        b = '%s Moo %d, %s Rd., %s, %s, %s %s' % (h, moo, road[1], sub[4], sub[5], sub[6], sub[3])
        return a, b
    if loc == 'he':
        st = pick(_pairs("הרצל:Herzl, בן יהודה:Ben Yehuda, ז'בוטינסקי:Jabotinsky, רוטשילד:Rothschild, אלנבי:Allenby, ויצמן:Weizmann"))
        city = pick(_pairs('תל אביב-יפו:Tel Aviv-Yafo, חיפה:Haifa, ירושלים:Jerusalem, רמת גן:Ramat Gan, באר שבע:Beersheba, פתח תקווה:Petah Tikva'))
        n, k, z = n_(1, 180), n_(1, 40), '%07d' % n_(1000000, 9999999)
        return ('רחוב %s %d, דירה %d, %s %s' % (st[0], n, k, city[0], z), '%s St %d, Apt %d, %s %s' % (st[1], n, k, city[1], z))
    if loc == 'fa':
        city = pick(_pairs('تهران:Tehran, اصفهان:Isfahan, شیراز:Shiraz, مشهد:Mashhad, تبریز:Tabriz'))
        st = pick(_pairs('ولیعصر:Valiasr, انقلاب:Enghelab, شریعتی:Shariati, آزادی:Azadi, چهارباغ:Chaharbagh'))
        al = pick(_pairs('نسترن:Nastaran, یاس:Yas, لاله:Laleh, بهار:Bahar'))
        n, k, pc = n_(1, 90), n_(1, 20), '%05d-%05d' % (n_(11111, 99999), n_(11111, 99999))
        a = '%s، خیابان %s، کوچه %s، پلاک %s، واحد %s، کد پستی %s' % (city[0], st[0], al[0], nd(str(n), 'fa'), nd(str(k), 'fa'), nd(pc, 'fa'))
        b = 'No. %d, Unit %d, %s Alley, %s St., %s, Postal code %s' % (n, k, al[1], st[1], city[1], pc)
        return a, b
    if loc == 'sw_ke':
        area = pick([('Kilimani', 'Nairobi', '00100'), ('Westlands', 'Nairobi', '00800'), ('Nyali', 'Mombasa', '80118'), ('Milimani', 'Kisumu', '40100')])
        if chance(.4):
            a = 'P.O. Box %d-%s, %s' % (n_(100, 99999), area[2], area[1])
        else:
            a = 'Nyumba Na. %d, %s, %s, %s' % (n_(1, 300), pick(_l('Barabara ya Ngong, Argwings Kodhek Road, Links Road, Oginga Odinga Street')), area[0], area[1])
        return a, a
    if loc == 'sw_tz':
        a = 'Mtaa wa %s, Nyumba Na. %d, %s, %s' % (pick(_l('Uhuru, Samora, Msimbazi, Lumumba')), n_(1, 200),
                                                    pick(_l('Kariakoo, Upanga, Sinza, Mikocheni')), pick(_l('Dar es Salaam, Arusha, Dodoma, Mwanza')))
        return a, a
    if loc == 'fil':
        c = pick([('Brgy. San Isidro', 'Antipolo City, Rizal', '1870'), ('Brgy. Poblacion', 'Makati City', '1210'),
                  ('Brgy. Lahug', 'Cebu City', '6000'), ('Brgy. Talamban', 'Cebu City', '6000'), ('Brgy. Malamig', 'Mandaluyong City', '1550')])
        if chance(.5):
            a = 'Blk %d Lot %d, Phase %d, %s, %s %s' % (n_(1, 40), n_(1, 30), n_(1, 4), c[0], c[1], c[2])
        else:
            a = '#%d %s St., %s, %s %s' % (n_(1, 999), pick(_l('P. Burgos, Mabini, Rizal, Kalayaan, Sampaguita')), c[0], c[1], c[2])
        return a, a
    if loc == 'ms':
        c = pick([('Taman Bahagia', '47300', 'Petaling Jaya', 'Selangor'), ('Taman Mawar', '81200', 'Johor Bahru', 'Johor'),
                  ('Taman Tun Dr Ismail', '60000', 'Kuala Lumpur', 'W.P. Kuala Lumpur'), ('Taman Desa', '11900', 'Bayan Lepas', 'Pulau Pinang')])
        a = 'No. %d, Jalan %s, %s, %s %s, %s' % (n_(1, 120), pick(_l('SS 2/24, Mawar 3, Bunga Raya, Kenanga 7, Tun Razak')), c[0], c[1], c[2], c[3])
        return a, a
    if loc in ('cs', 'sk'):
        if loc == 'cs':
            st = pick(_l('Vinohradská, Na Poříčí, Husova, Masarykova, Palackého, Lidická, Jugoslávských partyzánů'))
            c = pick([('120 00', 'Praha 2'), ('602 00', 'Brno'), ('702 00', 'Ostrava'), ('301 00', 'Plzeň'), ('779 00', 'Olomouc'), ('370 01', 'České Budějovice')])
            a = '%s %d/%d, %s %s' % (st, n_(100, 2500), n_(1, 80), c[0], c[1])
        else:
            st = pick(_l('Obchodná, Hlavná, Štúrova, Mlynské nivy, Námestie SNP, Dunajská'))
            c = pick([('811 06', 'Bratislava'), ('040 01', 'Košice'), ('010 01', 'Žilina'), ('949 01', 'Nitra'), ('974 01', 'Banská Bystrica')])
            a = '%s %d, %s %s' % (st, n_(1, 120), c[0], c[1])
        return a, a
    if loc == 'hr':
        c = pick([('10000', 'Zagreb'), ('21000', 'Split'), ('51000', 'Rijeka'), ('31000', 'Osijek'), ('23000', 'Zadar')])
        a = '%s %d%s, %s %s' % (pick(_l('Ilica, Vukovarska, Savska cesta, Frankopanska, Ulica kralja Zvonimira, Put Firula')), n_(1, 240),
                                pick(['', '', 'a', 'b']), c[0], c[1])
        return a, a
    if loc == 'sr':
        st = pick(_l('Булевар краља Александра, Кнеза Михаила, Немањина, Змај Јовина, Цара Душана, Јована Цвијића'))
        c = pick([('Београд', '11000'), ('Нови Сад', '21000'), ('Ниш', '18000'), ('Крагујевац', '34000')])
        n = n_(1, 300)
        s = '/%d' % n_(1, 30) if chance(.4) else ''
        a = '%s %d%s, %s %s' % (st, n, s, c[1], c[0])
        return a, sr_lat(a)
    if loc == 'lt':
        c = pick([('LT-01103', 'Vilnius'), ('LT-44280', 'Kaunas'), ('LT-92122', 'Klaipėda'), ('LT-76285', 'Šiauliai')])
        a = '%s %d-%d, %s %s' % (pick(_l('Gedimino pr., Konstitucijos pr., Vilniaus g., Laisvės al., Savanorių pr., Pylimo g.')), n_(1, 90), n_(1, 60), c[0], c[1])
        return a, a
    if loc == 'lv':
        c = pick([('Rīga', 'LV-1010'), ('Daugavpils', 'LV-5401'), ('Liepāja', 'LV-3401'), ('Jelgava', 'LV-3001')])
        a = '%s %d-%d, %s, %s' % (pick(_l('Brīvības iela, Krišjāņa Barona iela, Elizabetes iela, Tērbatas iela, Lāčplēša iela')), n_(1, 150), n_(1, 40), c[0], c[1])
        return a, a
    if loc == 'et':
        c = pick([('10117', 'Tallinn'), ('51004', 'Tartu'), ('80010', 'Pärnu'), ('20308', 'Narva')])
        a = '%s %d-%d, %s %s' % (pick(_l('Narva mnt, Pärnu mnt, Tartu mnt, Lai tn, Riia tn, Mustamäe tee')), n_(1, 150), n_(1, 60), c[0], c[1])
        return a, a
    if loc == 'is':
        c = pick([('101', 'Reykjavík'), ('105', 'Reykjavík'), ('200', 'Kópavogur'), ('220', 'Hafnarfjörður'), ('600', 'Akureyri')])
        a = '%s %d, %s %s' % (pick(_l('Laugavegur, Hverfisgata, Skólavörðustígur, Hringbraut, Bankastræti, Furugrund')), n_(1, 120), c[0], c[1])
        return a, a
    if loc == 'ca':
        c = pick([('08013', 'Barcelona'), ('17001', 'Girona'), ('25002', 'Lleida'), ('43001', 'Tarragona'), ('08201', 'Sabadell')])
        a = '%s, %d, %s, %s %s' % (pick(_l('Carrer de Mallorca, Carrer de Sants, Passeig de Gràcia, Rambla de Catalunya, Carrer Major')), n_(1, 420),
                                   pick(['1r 1a', '3r 2a', '2n', 'baixos', '4t 1a', 'àtic']), c[0], c[1])
        return a, a
    if loc == 'eu':
        c = pick([('20003', 'Donostia'), ('48001', 'Bilbo'), ('01001', 'Gasteiz'), ('20300', 'Irun')])
        a = '%s %d, %d. %s, %s %s' % (pick(_l('Kale Nagusia, San Frantzisko kalea, Urbieta kalea, Zabalbide kalea, Easo kalea')), n_(1, 60), n_(1, 6),
                                      pick(['esk.', 'ezk.', 'A']), c[0], c[1])
        return a, a
    if loc == 'hi':
        t = pick([('सेक्टर {s}, रोहिणी, नई दिल्ली', 'Sector {s}, Rohini, New Delhi', '110085'), ('गोमती नगर, लखनऊ', 'Gomti Nagar, Lucknow', '226010'),
                  ('मालवीय नगर, जयपुर', 'Malviya Nagar, Jaipur', '302017'), ('अरेरा कॉलोनी, भोपाल', 'Arera Colony, Bhopal', '462016')])
        n, s = n_(1, 400), n_(1, 24)
        return ('मकान नं. %d, %s - %s' % (n, t[0].format(s=s), t[2]), 'H.No. %d, %s - %s' % (n, t[1].format(s=s), t[2]))
    if loc == 'bn':
        t = pick([('ধানমন্ডি', 'Dhanmondi', 'ঢাকা', 'Dhaka', '1205'), ('মিরপুর ১০', 'Mirpur 10', 'ঢাকা', 'Dhaka', '1216'),
                  ('আগ্রাবাদ', 'Agrabad', 'চট্টগ্রাম', 'Chattogram', '4100'), ('জিন্দাবাজার', 'Zindabazar', 'সিলেট', 'Sylhet', '3100')])
        h, r = n_(1, 90), n_(1, 27)
        return ('বাড়ি %s, রোড %s, %s, %s %s' % (nd(str(h), 'bn'), nd(str(r), 'bn'), t[0], t[2], nd(t[4], 'bn')),
                'House %d, Road %d, %s, %s %s' % (h, r, t[1], t[3], t[4]))
    if loc == 'ta':
        t = pick([('காந்தி தெரு, தி. நகர், சென்னை 600017', 'Gandhi Street, T. Nagar, Chennai 600017'),
                  ('பெரியார் சாலை, அண்ணா நகர், மதுரை 625020', 'Periyar Road, Anna Nagar, Madurai 625020'),
                  ('நேரு வீதி, ஆர்.எஸ். புரம், கோயம்புத்தூர் 641002', 'Nehru Street, R.S. Puram, Coimbatore 641002')])
        n = n_(1, 150)
        return ('%d, %s' % (n, t[0]), 'No. %d, %s' % (n, t[1]))
    if loc == 'ur':
        t = pick([('مکان نمبر {n}، گلی {s}، جی-9/2، اسلام آباد', 'House {n}, Street {s}, G-9/2, Islamabad'),
                  ('مکان نمبر {n}، بلاک بی، گلبرگ III، لاہور', 'House {n}, Block B, Gulberg III, Lahore'),
                  ('فلیٹ {n}، بلاک 13، گلشن اقبال، کراچی', 'Flat {n}, Block 13, Gulshan-e-Iqbal, Karachi')])
        n, s = n_(1, 400), n_(1, 60)
        return t[0].format(n=n, s=s), t[1].format(n=n, s=s)
    if loc == 'pt':
        c = pick([('1100-048', 'Lisboa'), ('4000-447', 'Porto'), ('3000-150', 'Coimbra'), ('4700-321', 'Braga'), ('8000-138', 'Faro')])
        a = '%s, %d, %s, %s %s' % (pick(_l('Rua Augusta, Rua de Santa Catarina, Avenida da Liberdade, Rua do Almada, Travessa do Carmo, Rua Ferreira Borges')),
                                   n_(1, 300), pick(['3.º Esq.', '1.º Dto.', 'r/c', '2.º Frente', '5.º B']), c[0], c[1])
        return a, a
    if loc == 'br':
        c = pick([('São Paulo', 'SP', '01426-001', 'Jardins'), ('Rio de Janeiro', 'RJ', '22070-011', 'Copacabana'), ('Belo Horizonte', 'MG', '30130-010', 'Centro'),
                  ('Curitiba', 'PR', '80010-000', 'Centro'), ('Recife', 'PE', '50030-230', 'Bairro do Recife')])
        a = '%s, %d, apto %d - %s, %s - %s, %s' % (pick(_l('Rua Oscar Freire, Avenida Atlântica, Rua da Bahia, Rua XV de Novembro, Rua do Bom Jesus')),
                                                   n_(10, 2500), n_(11, 190), c[3], c[0], c[1], c[2])
        return a, a
    if loc == 'mx':
        c = pick([('Col. Roma Norte', 'Cuauhtémoc', '06700', 'Ciudad de México, CDMX'), ('Col. Americana', 'Guadalajara', '44160', 'Jal.'),
                  ('Col. Del Valle', 'San Pedro Garza García', '66220', 'N.L.'), ('Col. Centro', 'Puebla', '72000', 'Pue.')])
        a = '%s %d, Int. %d, %s, %s, C.P. %s, %s' % (pick(_l('Calle Durango, Av. Chapultepec, Calle Morelos, Av. Juárez, Calle Hidalgo')), n_(10, 999), n_(1, 12), c[0], c[1], c[2], c[3])
        return a, a
    if loc == 'ar':
        c = pick([('C1043AAZ', 'CABA'), ('X5000', 'Córdoba'), ('S2000', 'Rosario, Santa Fe'), ('M5500', 'Mendoza'), ('B1900', 'La Plata, Buenos Aires')])
        a = '%s %d, Piso %d Dto. %s, %s %s' % (pick(_l('Av. Corrientes, Av. Santa Fe, Calle Florida, Bv. Oroño, Av. Colón')), n_(100, 4500), n_(1, 14), pick('ABCD'), c[0], c[1])
        return a, a
    if loc in ('co', 'ec'):
        if loc == 'co':
            a = '%s %d # %d-%d, Apto %d, %s' % (pick(['Calle', 'Carrera', 'Avenida Calle', 'Transversal', 'Diagonal']), n_(1, 180), n_(1, 120), n_(1, 99),
                                               n_(101, 1504), pick(['Bogotá D.C.', 'Medellín, Antioquia', 'Cali, Valle del Cauca', 'Barranquilla, Atlántico', 'Bucaramanga, Santander']))
        else:
            a = 'Av. %s N%d-%d y %s, %s' % (pick(_l('Amazonas, 6 de Diciembre, República de El Salvador, 10 de Agosto')), n_(20, 90), n_(10, 300),
                                            pick(_l('Colón, Naciones Unidas, Portugal, Orellana')), pick(['Quito', 'Guayaquil', 'Cuenca']))
        return a, a
    if loc == 'cl':
        c = pick([('Providencia', 'Santiago'), ('Ñuñoa', 'Santiago'), ('Viña del Mar', 'Valparaíso'), ('Concepción', 'Biobío')])
        a = '%s %d, Depto. %d, %s, %s' % (pick(_l('Av. Providencia, Av. Irarrázaval, Calle Valparaíso, Av. Libertad, Los Carrera')), n_(100, 3999), n_(11, 1904), c[0], c[1])
        return a, a
    if loc == 'it':
        c = pick([('20121', 'Milano', 'MI'), ('00184', 'Roma', 'RM'), ('80134', 'Napoli', 'NA'), ('10121', 'Torino', 'TO'), ('40121', 'Bologna', 'BO')])
        a = '%s %d, %s %s (%s)' % (pick(_l('Via Giuseppe Garibaldi, Corso Vittorio Emanuele II, Via Roma, Viale Mazzini, Piazza Cavour, Via Nazionale')), n_(1, 220), c[0], c[1], c[2])
        return a, a
    if loc == 'no':
        c = pick([('0155', 'Oslo'), ('5003', 'Bergen'), ('7011', 'Trondheim'), ('4006', 'Stavanger'), ('9008', 'Tromsø')])
        a = '%s %d%s, %s %s' % (pick(_l('Storgata, Kirkegata, Strandgaten, Bygdøy allé, Thorvald Meyers gate')), n_(1, 120), pick(['', '', 'B', 'A']), c[0], c[1])
        return a, a
    if loc == 'da':
        c = pick([('2200', 'København N'), ('8000', 'Aarhus C'), ('5000', 'Odense C'), ('9000', 'Aalborg')])
        a = '%s %d, %d. %s, %s %s' % (pick(_l('Nørrebrogade, Vesterbrogade, Østergade, Jernbanegade, Jægersborggade')), n_(1, 200), n_(1, 5), pick(['th.', 'tv.', 'mf.']), c[0], c[1])
        return a, a
    if loc == 'sv':
        c = pick([('111 21', 'Stockholm'), ('411 06', 'Göteborg'), ('211 22', 'Malmö'), ('753 20', 'Uppsala')])
        a = '%s %d, %s %s' % (pick(_l('Drottninggatan, Kungsgatan, Storgatan, Vasagatan, Sveavägen')), n_(1, 140), c[0], c[1])
        return a, a
    if loc == 'fi':
        c = pick([('00100', 'Helsinki'), ('33100', 'Tampere'), ('20100', 'Turku'), ('90100', 'Oulu'), ('02100', 'Espoo')])
        a = '%s %d %s %d, %s %s' % (pick(_l('Mannerheimintie, Hämeenkatu, Aleksanterinkatu, Kauppakatu, Rautatienkatu')), n_(1, 90), pick('ABC'), n_(1, 40), c[0], c[1])
        return a, a
    raise KeyError(loc)


# =============================================================================
# identifiers, phones, IBANs, cards (validated at creation)
# =============================================================================
_MODS = {}


def mod(m):
    if m not in _MODS:
        _MODS[m] = importlib.import_module('stdnum.' + m)
    return _MODS[m]


def valid(m, v):
    try:
        return bool(mod(m).is_valid(v))
    except Exception:
        return False


ID_MODULES = ['vn.mst', 'th.pin', 'il.idnr', 'ke.pin', 'my.nric', 'cz.rc', 'sk.rc', 'hr.oib', 'si.emso', 'lt.asmens', 'lv.pvn',
              'ee.ik', 'is_.kennitala', 'es.dni', 'es.nie', 'in_.pan', 'in_.epic', 'in_.vid', 'in_.aadhaar', 'pk.cnic', 'pt.nif',
              'pt.cc', 'mx.curp', 'mx.rfc', 'ar.cuit', 'co.nit', 'cl.rut', 'it.codicefiscale', 'no.fodselsnummer', 'dk.cpr',
              'se.personnummer', 'fi.hetu', 'br.cpf', 'ec.ci']


def passes_any(v):
    """Names of validators (ids, luhn, iban) that accept v or its digits."""
    hits = []
    a = ascii_digits(v)
    digits = re.sub(r'\D', '', a)
    compact = re.sub(r'[\s.\-/]', '', a)
    shaped = (re.fullmatch(r'\d{1,3}(\.\d{1,3}){3}(/\d+)?', a) or re.fullmatch(r'[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}', a))
    letters = re.search(r'[A-Za-z]', a) is not None
    for m in ([] if shaped else ID_MODULES):
        if m == 'pt.cc' and len(compact) != 12:
            continue  # pt.cc accepts any run of zeros; only 12-character values look like a CC number
        if valid(m, a) or valid(m, compact) or (digits and not letters and valid(m, digits)):
            hits.append(m)
    if 12 <= len(digits) <= 19 and not shaped and luhn.is_valid(digits):
        hits.append('luhn')
    if std_iban.is_valid(compact):
        hits.append('iban')
    return hits


def assert_clean(v):
    h = passes_any(v)
    assert not h, (v, h)
    return v


def clean_neg(fn, tries=4000):
    """Call fn() until it returns a value that no validator accepts."""
    for _ in range(tries):
        v = fn()
        if not passes_any(v):
            return v
    raise RuntimeError('no clean negative')


def brute(m, pre, post='', alpha=DIG, n=1):
    cands = [''.join(t) for t in __import__('itertools').product(alpha, repeat=n)]
    R.shuffle(cands)
    for t in cands:
        c = pre + t + post
        if valid(m, c):
            return c
    return None


def retry(fn, tries=3000):
    for _ in range(tries):
        v = fn()
        if v:
            return v
    raise RuntimeError('generator failed: %r' % fn)


def rand_dob(lo=1952, hi=2004):
    a = dt.date(lo, 1, 1).toordinal()
    b = dt.date(hi, 12, 28).toordinal()
    return dt.date.fromordinal(R.randint(a, b))


def _cz_rc(p, m):
    def one():
        d = p.dob
        mm = d.month + (50 if p.sex == 'f' else 0) + (20 if chance(.05) and d.year >= 2004 else 0)
        base = '%02d%02d%02d%s' % (d.year % 100, mm, d.day, rs(DIG, 3))
        c = brute(m, base)
        return c and c[:6] + '/' + c[6:]
    return retry(one)


def _curp_letters(p):
    def clean(s):
        return re.sub(r'[^A-Z ]', '', fold(s).upper().replace('Ñ', 'X'))
    fam = clean(p.family_parts[0]).replace(' ', '')
    mat = clean(p.family_parts[1] if len(p.family_parts) > 1 else 'X').replace(' ', '')
    giv = clean(p.given).split()
    g = giv[0]
    if g in ('MARIA', 'JOSE') and len(giv) > 1:
        g = giv[1]
    vow = next((c for c in fam[1:] if c in 'AEIOU'), 'X')
    cons = lambda s: next((c for c in s[1:] if c not in 'AEIOU'), 'X')
    return fam[0] + vow + mat[0] + g[0], cons(fam) + cons(mat) + cons(g)


def _cf_italy(p, belfiore):
    def cons(s):
        return [c for c in s if c.isalpha() and c not in 'AEIOU']

    def vows(s):
        return [c for c in s if c in 'AEIOU']
    sur = fold(''.join(p.family_parts)).upper().replace(' ', '')
    nm = fold(p.given).upper().replace(' ', '')
    s3 = (cons(sur) + vows(sur) + ['X'] * 3)[:3]
    cn = cons(nm)
    n3 = [cn[0], cn[2], cn[3]] if len(cn) >= 4 else (cn + vows(nm) + ['X'] * 3)[:3]
    d = p.dob
    day = d.day + (40 if p.sex == 'f' else 0)
    base = ''.join(s3) + ''.join(n3) + '%02d' % (d.year % 100) + 'ABCDEHLMPRST'[d.month - 1] + '%02d' % day + belfiore
    return brute('it.codicefiscale', base, alpha=UP)


def gen_nid(kind, p):
    d = p.dob
    yy, mm, dd = d.year % 100, d.month, d.day
    f = p.sex == 'f'
    if kind in ('cz.rc', 'sk.rc'):
        return _cz_rc(p, kind)
    if kind == 'hr.oib':
        return retry(lambda: brute(kind, R.choice('123456789') + rs(DIG, 9)))
    if kind == 'si.emso':  # Serbian JMBG
        def one():
            rr = pick(['71', '72', '73', '75', '80', '81', '85', '91', '92'])
            bbb = '%03d' % (n_(500, 999) if f else n_(0, 499))
            return brute(kind, '%02d%02d%03d%s%s' % (dd, mm, d.year % 1000, rr, bbb))
        return retry(one)
    if kind in ('lt.asmens', 'ee.ik'):
        g = (4 if f else 3) if d.year < 2000 else (6 if f else 5)
        return retry(lambda: brute(kind, '%d%02d%02d%02d%s' % (g, yy, mm, dd, rs(DIG, 3))))
    if kind == 'lv.pvn':
        c = '1' if d.year < 2000 else '2'
        return retry(lambda: (lambda v: v and v[:6] + '-' + v[6:])(brute(kind, '%02d%02d%02d%s%s' % (dd, mm, yy, c, rs(DIG, 3)))))
    if kind == 'is_.kennitala':
        cent = '9' if d.year < 2000 else '0'
        return retry(lambda: (lambda v: v and v[:6] + '-' + v[6:])(brute(kind, '%02d%02d%02d%02d' % (dd, mm, yy, n_(20, 99)), post=cent)))
    if kind == 'es.dni':
        n = n_(10000000, 79999999)
        return '%08d%s' % (n, 'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23])
    if kind == 'es.nie':
        pre = pick('XYZ')
        n = n_(0, 9999999)
        full = int(str('XYZ'.index(pre)) + '%07d' % n)
        return '%s%07d%s' % (pre, n, 'TRWAGMYFPDXBNJZSQVHLCKE'[full % 23])
    if kind == 'in_.pan':
        fam = fold(p.family_l).upper()
        return retry(lambda: (lambda v: v if valid(kind, v) else None)(rs(UP, 3) + 'P' + fam[0] + rs(DIG, 4) + rs(UP, 1)))
    if kind == 'in_.epic':
        return retry(lambda: brute(kind, rs(UP, 3) + rs(DIG, 6)))
    if kind == 'in_.vid':
        return retry(lambda: brute(kind, R.choice('23456789') + rs(DIG, 14)))
    if kind == 'in_.aadhaar':
        return retry(lambda: brute(kind, R.choice('23456789') + rs(DIG, 10)))
    if kind == 'pk.cnic':
        def one():
            v = '%s%s%s%d' % (pick(['35202', '37405', '42101', '61101', '42201', '17301', '34101']), rs(DIG, 7), '', pick([2, 4, 6, 8]) if f else pick([1, 3, 5, 7, 9]))
            v = v[:5] + '-' + v[5:12] + '-' + v[12:]
            return v if valid(kind, v) else None
        return retry(one)
    if kind == 'pt.nif':
        return retry(lambda: brute(kind, R.choice('123') + rs(DIG, 7)))
    if kind == 'pt.cc':
        def one():
            c = brute(kind, rs(DIG, 8) + ' ' + R.choice(DIG) + ' ' + pick(['ZZ', 'ZX', 'ZY', 'ZW', 'ZV']))
            return c
        return retry(one)
    if kind == 'br.cpf':
        return retry(lambda: (lambda v: v and '%s.%s.%s-%s' % (v[:3], v[3:6], v[6:9], v[9:]))(brute(kind, rs(DIG, 9), n=2)))
    if kind == 'mx.curp':
        a, c = _curp_letters(p)
        st = p.extra.get('curp_state', pick(['DF', 'JC', 'NL', 'PL', 'MC', 'GT', 'VZ']))
        hk = R.choice(DIG) if d.year < 2000 else R.choice(UP)
        base = '%s%02d%02d%02d%s%s%s%s' % (a, yy, mm, dd, 'M' if f else 'H', st, c, hk)
        v = brute(kind, base)
        if v is None:
            raise RuntimeError('curp')
        return v
    if kind == 'mx.rfc':
        a, _ = _curp_letters(p)
        return retry(lambda: brute(kind, '%s%02d%02d%02d%s' % (a, yy, mm, dd, rs(UP + DIG, 2)), alpha=DIG + 'A'))
    if kind == 'ar.cuit':
        return retry(lambda: (lambda v: v and '%s-%s-%s' % (v[:2], v[2:10], v[10:]))(brute(kind, ('27' if f else '20') + '%08d' % n_(10000000, 45999999))))
    if kind == 'co.nit':
        return retry(lambda: brute(kind, str(n_(10000000, 1099999999))))
    if kind == 'cl.rut':
        return retry(lambda: brute(kind, str(n_(6000000, 26999999)), alpha=DIG + 'K'))
    if kind == 'ec.ci':
        return retry(lambda: brute(kind, '%02d%d%s' % (n_(1, 24), n_(0, 5), rs(DIG, 6))))
    if kind == 'it.codicefiscale':
        return retry(lambda: _cf_italy(p, p.extra.get('belfiore', pick(['F205', 'H501', 'F839', 'L219', 'A944']))))
    if kind == 'no.fodselsnummer':
        def one():
            ind = n_(0, 499) if d.year < 2000 else n_(500, 999)
            if (ind % 10) % 2 == (0 if not f else 1):
                ind = ind - 1 if ind % 10 else ind + 1
            return brute(kind, '%02d%02d%02d%03d' % (dd, mm, yy, ind), n=2)
        return retry(one)
    if kind == 'dk.cpr':
        def one():
            s = '%d%s%d' % (R.choice([0, 1, 2, 3]) if d.year < 2000 else R.choice([4, 5, 6, 7, 8]), rs(DIG, 2), pick([0, 2, 4, 6, 8]) if f else pick([1, 3, 5, 7, 9]))
            v = '%02d%02d%02d-%s' % (dd, mm, yy, s)
            return v if valid(kind, v) else None
        return retry(one)
    if kind == 'se.personnummer':
        def one():
            nnn = '%02d%d' % (n_(0, 99), pick([0, 2, 4, 6, 8]) if f else pick([1, 3, 5, 7, 9]))
            v = brute(kind, '%02d%02d%02d-%s' % (yy, mm, dd, nnn))
            return v
        return retry(one)
    if kind == 'fi.hetu':
        sep = '-' if d.year < 2000 else 'A'
        return retry(lambda: brute(kind, '%02d%02d%02d%s%03d' % (dd, mm, yy, sep, n_(2, 899)), alpha='0123456789ABCDEFHJKLMNPRSTUVWXY'))
    if kind == 'th.pin':
        return retry(lambda: brute(kind, R.choice('1358') + rs(DIG, 11)))
    if kind == 'il.idnr':
        return retry(lambda: brute(kind, R.choice('0123') + rs(DIG, 7)))
    if kind == 'vn.mst':
        return retry(lambda: brute(kind, R.choice('0123458') + rs(DIG, 8)))
    if kind == 'ke.pin':
        return retry(lambda: (lambda v: v if valid(kind, v) else None)('A' + rs(DIG, 9) + R.choice(UP)))
    if kind == 'my.nric':
        def one():
            v = '%02d%02d%02d-%02d-%03d%d' % (yy, mm, dd, n_(1, 14), n_(0, 999), pick([0, 2, 4, 6, 8]) if f else pick([1, 3, 5, 7, 9]))
            return v if valid(kind, v) else None
        return retry(one)
    raise KeyError(kind)


def fmt_nid(kind, v):
    """Local written variants of a valid id (all still valid)."""
    c = re.sub(r'[\s.\-/]', '', v)
    opts = [v]
    if kind == 'th.pin':
        opts = ['%s-%s-%s-%s-%s' % (c[0], c[1:5], c[5:10], c[10:12], c[12]), '%s %s %s %s %s' % (c[0], c[1:5], c[5:10], c[10:12], c[12]), c]
    elif kind == 'in_.aadhaar':
        opts = ['%s %s %s' % (c[:4], c[4:8], c[8:]), c, '%s-%s-%s' % (c[:4], c[4:8], c[8:])]
    elif kind == 'in_.vid':
        opts = [' '.join(c[i:i + 4] for i in range(0, 16, 4)), c]
    elif kind == 'cl.rut':
        body, dv = c[:-1], c[-1]
        opts = ['%s-%s' % ('{:,}'.format(int(body)).replace(',', '.'), dv), '%s-%s' % (body, dv)]
    elif kind == 'co.nit':
        body, dv = c[:-1], c[-1]
        opts = ['%s-%s' % ('{:,}'.format(int(body)).replace(',', '.'), dv), '%s-%s' % (body, dv)]
    elif kind == 'ec.ci':
        opts = [c, c[:9] + '-' + c[9]]
    elif kind == 'es.dni':
        opts = [c, '%s.%s.%s-%s' % (c[:2], c[2:5], c[5:8], c[8]), c[:8] + '-' + c[8]]
    elif kind == 'es.nie':
        opts = [c, '%s-%s-%s' % (c[0], c[1:8], c[8])]
    elif kind == 'pt.nif':
        opts = [c, '%s %s %s' % (c[:3], c[3:6], c[6:])]
    elif kind == 'se.personnummer':
        cent = '19' if int(c[:2]) > 24 else '20'
        opts = [v, cent + v, v.replace('-', '')]
    elif kind == 'hr.oib':
        opts = [c]
    elif kind == 'il.idnr':
        opts = [c, c[:8] + '-' + c[8]]
    elif kind == 'vn.mst':
        opts = [c]
    elif kind == 'lt.asmens' or kind == 'ee.ik':
        opts = [c]
    elif kind == 'no.fodselsnummer':
        opts = [c, c[:6] + ' ' + c[6:]]
    elif kind == 'mx.rfc':
        opts = [c, '%s-%s-%s' % (c[:4], c[4:10], c[10:])]
    out = [o for o in opts if valid(kind, o)]
    assert out, (kind, v, opts)
    return out


def bad_nid(kind, p):
    """An id-shaped value that fails every validator (check digit changed)."""
    def one():
        v = list(gen_nid(kind, p))
        idx = [i for i, ch in enumerate(v) if ch.isalnum()][-1]
        alpha = DIG if v[idx].isdigit() else UP
        v[idx] = R.choice([a for a in alpha if a != v[idx]])
        return ''.join(v)
    return clean_neg(one)


# phones -----------------------------------------------------------------------
MOBILE, FIXED = pn.PhoneNumberType.MOBILE, pn.PhoneNumberType.FIXED_LINE
FMT_I, FMT_N, FMT_E = pn.PhoneNumberFormat.INTERNATIONAL, pn.PhoneNumberFormat.NATIONAL, pn.PhoneNumberFormat.E164


def gen_phone(region, kind='mobile'):
    t = MOBILE if kind == 'mobile' else FIXED
    ex = pn.example_number_for_type(region, t)
    nsn = str(ex.national_number)
    if region == 'CL' and kind == 'mobile':
        nsn = '9' + nsn[1:]
    for keep in (1, 1, 1, 2, 2, 3):
        for _ in range(400):
            cand = nsn[:keep] + rs(DIG, len(nsn) - keep)
            num = pn.parse('+%d%s' % (ex.country_code, cand))
            if pn.is_valid_number(num) and pn.number_type(num) in (t, pn.PhoneNumberType.FIXED_LINE_OR_MOBILE):
                return num
    raise RuntimeError(region)


def phone_str(num, style):
    i = pn.format_number(num, FMT_I)
    n = pn.format_number(num, FMT_N)
    e = pn.format_number(num, FMT_E)
    cc = '+%d' % num.country_code
    nsn = str(num.national_number)
    if style == 'intl':
        return i
    if style == 'nat':
        return n
    if style == 'e164':
        return e
    if style == '00':
        return '00' + e[1:]
    if style == 'intl_dash':
        return cc + '-' + i[len(cc) + 1:].replace(' ', '-')
    if style == 'intl_flat':
        return cc + ' ' + nsn
    if style == 'nat_flat':
        return re.sub(r'[\s\-().]', '', n)
    if style == 'nat_dash':
        return re.sub(r'[()]', '', n).strip().replace(' ', '-')
    if style == 'nat_dot':
        return re.sub(r'[()]', '', n).strip().replace(' ', '.').replace('-', '.')
    if style == 'intl_paren0':  # +420 (0)601 ... style, common in CVs
        return cc + ' (0)' + i[len(cc) + 1:]
    raise KeyError(style)


PHONE_STYLES = {
    'VN': ['intl', 'nat', 'nat_flat', 'nat_dot', 'e164'], 'TH': ['nat', 'nat_dash', 'intl', 'nat_flat'],
    'IL': ['nat', 'intl', 'nat_flat', 'e164'], 'IR': ['nat', 'nat_flat', 'intl', '00'], 'KE': ['nat', 'nat_flat', 'intl', 'e164', 'intl_flat'],
    'TZ': ['nat', 'intl', 'e164', 'nat_flat'], 'PH': ['nat', 'nat_flat', 'intl', 'e164', 'nat_dash'], 'MY': ['nat', 'intl', 'nat_flat', 'e164'],
    'CZ': ['nat', 'intl', 'e164', 'intl_flat'], 'SK': ['nat', 'intl', 'e164', 'nat_flat'], 'HR': ['nat', 'intl', '00', 'nat_dash'],
    'RS': ['nat', 'intl', 'nat_flat', 'e164', 'nat_dash'], 'LT': ['intl', 'e164', 'intl_flat'], 'LV': ['nat', 'intl', 'e164'],
    'EE': ['nat', 'intl', 'e164'], 'IS': ['nat', 'intl', 'nat_dash'], 'ES': ['nat', 'intl', 'nat_flat', 'e164', '00'],
    'IN': ['intl', 'nat_flat', 'e164', 'intl_flat', 'intl_dash'], 'BD': ['nat', 'nat_flat', 'intl', 'e164'], 'PK': ['nat', 'nat_flat', 'intl', 'e164', 'nat_dash'],
    'PT': ['nat', 'intl', 'e164', '00'], 'BR': ['nat', 'intl', 'e164'], 'MX': ['nat', 'intl', 'e164', 'nat_flat', 'nat_dash'],
    'AR': ['intl', 'nat', 'e164'], 'CO': ['nat', 'intl', 'nat_flat', 'e164'], 'CL': ['intl', 'e164', 'intl_flat'], 'EC': ['nat', 'intl', 'e164'],
    'IT': ['nat', 'intl', 'nat_flat', 'e164', '00'], 'NO': ['nat', 'intl', 'nat_flat', 'e164'], 'DK': ['nat', 'intl', 'e164', 'nat_flat'],
    'SE': ['nat', 'intl', 'e164', 'nat_flat'], 'FI': ['nat', 'intl', 'e164', 'nat_flat'], 'US': ['nat', 'intl', 'e164'], 'GB': ['nat', 'intl'],
}


def check_phone(text, region):
    a = ascii_digits(text).replace('~', ' ')
    num = pn.parse(a, region)
    assert pn.is_valid_number(num), (text, region)
    return num


# IBAN --------------------------------------------------------------------------
IBAN_SPEC = {'CZ': 'n20', 'SK': 'n20', 'HR': 'n17', 'RS': 'n18', 'LT': 'n16', 'LV': 'a4n13', 'EE': 'n16', 'IS': 'n22', 'ES': 'n20',
             'PT': 'n21', 'IL': 'n19', 'PK': 'a4n16', 'BR': 'n23a1c1', 'IT': 'a1n22', 'NO': 'n11', 'DK': 'n14', 'SE': 'n20',
             'FI': 'n14', 'DE': 'n18', 'FR': 'n23', 'NL': 'a4n10', 'GB': 'a4n14'}
IBAN_BANKCODE = {'PT': ['0035', '0033', '0007', '0010', '0018'], 'CZ': ['0800', '0100', '0300', '2010', '0600', '5500', '3030'],
                 'SK': ['0900', '1100', '0200', '7500', '5600'], 'ES': ['2100', '0049', '0182', '2095', '0081', '2080'], 'IT': None}
IBAN_BANKCODE = {k: v for k, v in IBAN_BANKCODE.items() if v}
IBAN_BANK = {'LV': ['HABA', 'UNLA', 'PARX', 'RIKO'], 'PK': ['HABB', 'MEZN', 'UNIL', 'SCBL'], 'NL': ['INGB', 'ABNA', 'RABO'], 'GB': ['NWBK', 'BARC', 'MIDL']}


def iban_check(cc, bban):
    s = bban + cc + '00'
    n = int(''.join(str(int(ch, 36)) for ch in s))
    return '%02d' % (98 - n % 97)


def gen_iban(cc, kennitala=None):
    spec = IBAN_SPEC[cc]

    def one():
        parts = re.findall(r'([anc])(\d+)', spec)
        b = ''
        for kind, n in parts:
            n = int(n)
            if kind == 'a' and cc in IBAN_BANK and not b:
                b += pick(IBAN_BANK[cc])
            else:
                b += rs({'a': UP, 'n': DIG, 'c': UP + DIG}[kind], n)
        if cc == 'IS' and kennitala:
            b = b[:12] + re.sub(r'\D', '', kennitala)
        if cc in IBAN_BANKCODE:
            b = pick(IBAN_BANKCODE[cc]) + b[4:]
        v = cc + iban_check(cc, b) + b
        return v if std_iban.is_valid(v) else None
    return retry(one, 20000)


def iban_print(v):
    return ' '.join(v[i:i + 4] for i in range(0, len(v), 4))


def bad_iban(cc):
    def one():
        v = gen_iban(cc)
        ck = int(v[2:4])
        return v[:2] + '%02d' % ((ck + R.randint(1, 90)) % 99) + v[4:]
    return clean_neg(one)


# cards -------------------------------------------------------------------------
BRANDS = {
    'visa': (['4'], 16), 'mastercard': (['51', '52', '53', '54', '55', '2221', '2300', '2500', '2720'], 16), 'amex': (['34', '37'], 15),
    'discover': (['6011', '644', '65'], 16), 'jcb': (['3528', '3530', '3566', '3589'], 16), 'diners': (['300', '305', '36', '38'], 14),
    'unionpay': (['621', '622', '625', '628'], 16), 'unionpay19': (['623', '627'], 19), 'maestro': (['6759', '5018', '5020', '6304'], 19),
    'mir': (['2200', '2201', '2202', '2204'], 16), 'rupay': (['6521', '6522', '6070', '8180'], 16), 'elo': (['636368', '504175', '509048', '650031'], 16),
    'hipercard': (['606282'], 16), 'verve': (['506099', '506112', '650002'], 19), 'dankort': (['5019'], 16),
    'shetab': (['603799', '610433', '621986', '589210', '627412'], 16),
}
TEST_CARDS = {'4111111111111111', '4242424242424242', '5555555555554444', '378282246310005', '4000056655665556', '5105105105105100'}


def gen_card(brand):
    pre, n = BRANDS[brand]

    def one():
        b = pick(pre)
        body = b + rs(DIG, n - len(b) - 1)
        v = brute_luhn(body)
        return v if v not in TEST_CARDS else None
    return retry(one)


def brute_luhn(body):
    return body + luhn.calc_check_digit(body)


def card_fmt(v, style):
    if style == 'flat':
        return v
    sep = {'space': ' ', 'dash': '-'}[style]
    if len(v) == 15:
        g = [v[:4], v[4:10], v[10:]]
    elif len(v) == 14:
        g = [v[:4], v[4:10], v[10:]]
    elif len(v) == 19:
        g = [v[i:i + 4] for i in range(0, 16, 4)] + [v[16:]]
    else:
        g = [v[i:i + 4] for i in range(0, len(v), 4)]
    return sep.join(g)


def bad_card(brand):
    def one():
        v = gen_card(brand)
        w = v[:-1] + str((int(v[-1]) + R.randint(1, 9)) % 10)
        return w
    return clean_neg(one)


# =============================================================================
# persons
# =============================================================================
def lt_female(m, married):
    for suf, mar, mai in (('ius', 'ienė', 'iūtė'), ('as', 'ienė', 'aitė'), ('is', 'ienė', 'ytė'), ('us', 'ienė', 'utė')):
        if m.endswith(suf):
            return m[:-len(suf)] + (mar if married else mai)
    return m


class Person:
    def __init__(self, loc, sex=None, **extra):
        self.loc = loc
        L = LOC[loc]
        self.L = L
        self.region = L['region']
        self.sex = sex or R.choice('mf')
        self.extra = extra
        self.dob = extra.get('dob') or rand_dob()
        g = pick(L[self.sex])
        native = L['script'] == 'native'
        self.given, self.given_l = (g if native else (g, fold(g) if loc in ('vi',) else g))
        if 'last_mf' in L:
            fam = pick(L['last_mf'])[0 if self.sex == 'm' else 1]
            self.family_parts = [fam]
        elif 'patr' in L:
            self.family_parts = [pick(L['patr'])[0 if self.sex == 'm' else 1]]
        elif loc == 'lt':
            m = pick(L['last'])
            self.family_parts = [m if self.sex == 'm' else lt_female(m, chance(.6))]
        elif loc == 'ms':
            self.family_parts = [('bin ' if self.sex == 'm' else 'binti ') + pick(L['last'])]
        elif loc in ('mx', 'co', 'cl', 'ec', 'ca', 'eu', 'pt'):
            a, b = R.sample(L['last'], 2)
            self.family_parts = [a, b]
        elif loc == 'br' and chance(.5):
            self.family_parts = R.sample(L['last'], 2)
        else:
            fam = pick(L['last'])
            self.family_parts = [fam]
        if native:
            self.family = ' '.join(x[0] for x in self.family_parts)
            self.family_l = ' '.join(x[1] for x in self.family_parts)
        else:
            self.family = ' '.join(self.family_parts)
            self.family_l = fold(self.family) if loc == 'vi' else self.family
        if loc == 'vi':
            mid = pick(L['mid_m' if self.sex == 'm' else 'mid_f'])
            self.full = '%s %s %s' % (self.family, mid, self.given)
            self.full_l = fold(self.full)
            self.given_l = fold(self.given)
        else:
            self.full = '%s %s' % (self.given, self.family)
            self.full_l = '%s %s' % (self.given_l, self.family_l)
        if loc == 'ca' and chance(.4):
            self.full = '%s %s i %s' % (self.given, self.family_parts[0], self.family_parts[1])
        self.addr, self.addr_l = addr_for(loc)
        self.phone_num = gen_phone(self.region, 'mobile')
        self._nid = {}
        self._iban = None
        self._email = None

    # --- values
    def name(self, form, latin=False, text=None):
        return P(text or (self.full_l if latin else self.full), 'name', form)

    def given_v(self, form, latin=False):
        return P(self.given_l if latin else self.given, 'name', form)

    def email_addr(self, domain=None):
        if self._email is None or domain:
            g = re.sub(r"[^a-z]", '', fold(self.given_l.split()[0]).lower())
            f = re.sub(r"[^a-z]", '', fold(self.family_l.replace('bin ', '').replace('binti ', '').split()[-1 if self.loc in ('ms',) else 0]).lower())
            pat = R.randrange(6)
            local = [g + '.' + f, g[0] + f, f + g + str(self.dob.year % 100), g + '_' + f + str(n_(1, 99)), f + '.' + g, g + f + str(self.dob.year)][pat]
            e = local + '@' + (domain or pick(self.L['domains']))
            if domain:
                return e
            self._email = e
        return self._email

    def email(self, form, domain=None):
        return P(self.email_addr(domain), 'email', form)

    def phone(self, form, style=None, native_digits=False, num=None):
        num = num or self.phone_num
        st = style or pick(PHONE_STYLES.get(self.region, ['intl']))
        t = phone_str(num, st)
        if native_digits:
            t = nd(t, self.L['lang'])
        check_phone(t, self.region)
        return P(t, 'phone', form)

    def landline(self, form, style=None):
        num = gen_phone(self.region, 'fixed')
        return self.phone(form, style, num=num)

    def address(self, form, latin=False):
        return P(self.addr_l if latin else self.addr, 'address', form)

    def nid_raw(self, kind=None):
        kind = kind or self.L['ids'][0]
        if kind not in self._nid:
            self._nid[kind] = gen_nid(kind, self)
        return kind, self._nid[kind]

    def nid(self, form, kind=None, variant=None):
        kind, v = self.nid_raw(kind)
        opts = fmt_nid(kind, v)
        t = opts[variant] if variant is not None and variant < len(opts) else pick(opts)
        assert valid(kind, t), (kind, t)
        return P(t, 'national_id', form, validator=kind)

    def iban_raw(self):
        if self._iban is None:
            kt = self.nid_raw('is_.kennitala')[1] if self.L['iban'] == 'IS' else None
            self._iban = gen_iban(self.L['iban'], kt)
        return self._iban

    def iban(self, form, printed=None):
        v = self.iban_raw()
        if printed is None:
            printed = chance(.6)
        t = iban_print(v) if printed else v
        assert std_iban.is_valid(t)
        return P(t, 'iban', form, validator='iban')

    def dob_text(self, style=None):
        d = self.dob
        lang = self.L['lang']
        if style is None:
            style = pick(['num', 'num', 'words', 'iso'])
        if style == 'iso':
            return d.isoformat()
        if style == 'dicom':
            return d.strftime('%Y%m%d')
        if style == 'us':
            return d.strftime('%m/%d/%Y')
        if style == 'num':
            if lang in ('cs', 'sk'):
                return pick(['%d. %d. %d' % (d.day, d.month, d.year), d.strftime('%d.%m.%Y')])
            if lang in ('hr', 'sr'):
                return d.strftime('%d.%m.%Y.')
            if lang in ('lt', 'sv'):
                return d.isoformat()
            if lang in ('lv', 'et', 'is', 'no', 'da', 'fi', 'he'):
                return d.strftime('%d.%m.%Y')
            if lang == 'th':
                return '%02d/%02d/%d' % (d.day, d.month, d.year + 543)
            if lang == 'fa':
                jy, jm, jd = g2j(d.year, d.month, d.day)
                return nd('%d/%02d/%02d' % (jy, jm, jd), 'fa')
            if lang == 'fil':
                return d.strftime('%m/%d/%Y')
            if lang in ('hi', 'bn', 'ta', 'ur'):
                return d.strftime('%d-%m-%Y')
            return d.strftime('%d/%m/%Y')
        if style == 'words':
            M = MONTHS.get(lang)
            if lang in ('cs', 'sk', 'hr', 'sr'):
                return '%d. %s %d%s' % (d.day, M[d.month - 1], d.year, '.' if lang in ('hr', 'sr') else '')
            if lang == 'lt':
                return '%d m. %s %d d.' % (d.year, M[d.month - 1], d.day)
            if lang == 'lv':
                return '%d. gada %d. %s' % (d.year, d.day, M[d.month - 1])
            if lang in ('et', 'is', 'no', 'da', 'fi'):
                return '%d. %s %d' % (d.day, M[d.month - 1], d.year)
            if lang == 'ca':
                return '%d %s de %d' % (d.day, M[d.month - 1], d.year)
            if lang == 'eu':
                suf = 'ean' if d.day % 10 in (1, 5) or d.day in (10, 30) else ('n' if d.day == 11 else 'an')
                return '%dko %s %d%s' % (d.year, M[d.month - 1], d.day, suf)
            if lang in ('pt', 'es'):
                return '%d de %s de %d' % (d.day, M[d.month - 1], d.year)
            if lang == 'vi':
                return 'ngày %d tháng %d năm %d' % (d.day, d.month, d.year)
            if lang == 'th':
                return '%d %s %d' % (d.day, M[d.month - 1], d.year + 543)
            if lang == 'he':
                return '%d ב%s %d' % (d.day, M[d.month - 1], d.year)
            if lang == 'fa':
                jy, jm, jd = g2j(d.year, d.month, d.day)
                return nd('%d %s %d' % (jd, MONTHS['fa'][jm - 1], jy), 'fa')
            if lang == 'fil':
                return '%s %d, %d' % (M[d.month - 1], d.day, d.year)
            if lang == 'bn':
                return nd('%d %s %d' % (d.day, M[d.month - 1], d.year), 'bn')
            if lang in ('sw', 'ms', 'hi', 'ta', 'ur', 'it', 'sv'):
                return '%d %s %d' % (d.day, M[d.month - 1], d.year)
            return '%s %d, %d' % (MONTHS['en'][d.month - 1], d.day, d.year)
        raise KeyError(style)

    def dob_v(self, form, style=None):
        return P(self.dob_text(style), 'dob', form)

    def card(self, form, brand=None, style=None):
        brand = brand or pick(['visa', 'mastercard', 'visa', 'amex', 'unionpay', 'jcb'])
        v = gen_card(brand)
        t = card_fmt(v, style or pick(['space', 'flat', 'dash', 'space']))
        assert luhn.is_valid(re.sub(r'\D', '', t))
        return P(t, 'card', form, validator='luhn')


def people(loc, n, **kw):
    return [Person(loc, **kw) for _ in range(n)]


def other_date(lo=2019, hi=2024):
    a = dt.date(lo, 1, 1).toordinal()
    b = dt.date(hi, 3, 10).toordinal()
    return dt.date.fromordinal(R.randint(a, b))


def ts(lo=2024, hi=2024):
    d = other_date(lo, hi)
    return dt.datetime(d.year, d.month, d.day, n_(0, 23), n_(0, 59), n_(0, 59))


# =============================================================================
# secrets, network values, hard negatives
# =============================================================================
def b64(b):
    return base64.b64encode(b).decode()


def b64url(b):
    return base64.urlsafe_b64encode(b).decode().rstrip('=')


def rbytes(n):
    return bytes(R.getrandbits(8) for _ in range(n))


def ruuid():
    return str(uuid.UUID(int=R.getrandbits(128), version=4))


def sha256hex():
    return hashlib.sha256(rbytes(16)).hexdigest()


def sha1hex():
    return hashlib.sha1(rbytes(16)).hexdigest()


def md5hex():
    return hashlib.md5(rbytes(16)).hexdigest()


class S:
    """Live-looking credentials in providers' formats."""
    aws_id = staticmethod(lambda: pick(['AKIA', 'AKIA', 'ASIA']) + rs('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16))
    aws_secret = staticmethod(lambda: rs(string.ascii_letters + string.digits + '/+', 40))
    ghp = staticmethod(lambda: 'ghp_' + rs(ALNUM, 36))
    gho = staticmethod(lambda: 'gho_' + rs(ALNUM, 36))
    gh_pat = staticmethod(lambda: 'github_pat_11' + rs(UP + DIG, 20) + '_' + rs(ALNUM, 59))
    glpat = staticmethod(lambda: 'glpat-' + rs(ALNUM + '-_', 20))
    slack_bot = staticmethod(lambda: 'xoxb-%s-%s-%s' % (rs(DIG, 12), rs(DIG, 13), rs(ALNUM, 24)))
    slack_user = staticmethod(lambda: 'xoxp-%s-%s-%s-%s' % (rs(DIG, 12), rs(DIG, 12), rs(DIG, 13), rs(HEXL, 32)))
    slack_hook = staticmethod(lambda: 'https://hooks.slack.com/services/T%s/B%s/%s' % (rs(UP + DIG, 8), rs(UP + DIG, 10), rs(ALNUM, 24)))
    stripe_sk = staticmethod(lambda: 'sk_live_51' + rs(ALNUM, 97))
    stripe_rk = staticmethod(lambda: 'rk_live_51' + rs(ALNUM, 97))
    stripe_whsec = staticmethod(lambda: 'whsec_' + rs(ALNUM, 32))
    openai = staticmethod(lambda: 'sk-proj-' + rs(ALNUM + '-_', 74) + 'T3BlbkFJ' + rs(ALNUM + '-_', 74))
    openai_old = staticmethod(lambda: 'sk-' + rs(ALNUM, 20) + 'T3BlbkFJ' + rs(ALNUM, 20))
    anthropic = staticmethod(lambda: 'sk-ant-api03-' + rs(ALNUM + '-_', 93) + 'AA')
    hf = staticmethod(lambda: 'hf_' + rs(string.ascii_letters, 34))
    replicate = staticmethod(lambda: 'r8_' + rs(ALNUM, 37))
    groq = staticmethod(lambda: 'gsk_' + rs(ALNUM, 52))
    wandb = staticmethod(lambda: rs(HEXL, 40))
    kaggle = staticmethod(lambda: rs(HEXL, 32))
    twilio_token = staticmethod(lambda: rs(HEXL, 32))
    twilio_sk = staticmethod(lambda: 'SK' + rs(HEXL, 32))
    sendgrid = staticmethod(lambda: 'SG.' + rs(ALNUM + '-_', 22) + '.' + rs(ALNUM + '-_', 43))
    mailgun = staticmethod(lambda: 'key-' + rs(HEXL, 32))
    google_api = staticmethod(lambda: 'AIza' + rs(ALNUM + '-_', 35))
    npm = staticmethod(lambda: 'npm_' + rs(ALNUM, 36))
    pypi = staticmethod(lambda: 'pypi-AgEIcHlwaS5vcmc' + rs(B64U, 140))
    telegram = staticmethod(lambda: '%d:AA%s' % (n_(5000000000, 7999999999), rs(ALNUM + '-_', 33)))
    discord = staticmethod(lambda: b64url(str(n_(10 ** 17, 10 ** 18 - 1)).encode()) + '.' + rs(ALNUM + '-_', 6) + '.' + rs(ALNUM + '-_', 38))
    shopify = staticmethod(lambda: 'shpat_' + rs(HEXL, 32))
    datadog = staticmethod(lambda: rs(HEXL, 32))
    do = staticmethod(lambda: 'dop_v1_' + rs(HEXL, 64))
    atlassian = staticmethod(lambda: 'ATATT3xFfGF0' + rs(ALNUM + '-_', 180) + '=' + rs(UP + DIG, 8))
    linear = staticmethod(lambda: 'lin_api_' + rs(ALNUM, 40))
    notion = staticmethod(lambda: 'ntn_' + rs(DIG, 11) + rs(ALNUM, 35))
    postman = staticmethod(lambda: 'PMAK-' + rs(HEXL, 24) + '-' + rs(HEXL, 34))
    vault = staticmethod(lambda: 'hvs.' + rs(ALNUM + '-_', 90))
    databricks = staticmethod(lambda: 'dapi' + rs(HEXL, 32))
    alibaba = staticmethod(lambda: 'LTAI5t' + rs(ALNUM, 18))
    alibaba_secret = staticmethod(lambda: rs(ALNUM, 30))
    tencent = staticmethod(lambda: 'AKID' + rs(ALNUM, 32))
    azure_key = staticmethod(lambda: b64(rbytes(64)))
    mapbox = staticmethod(lambda: 'sk.eyJ1Ijoi' + rs(ALNUM, 40) + '.' + rs(ALNUM + '-_', 22))

    @staticmethod
    def password():
        w = pick(['Tr0pical', 'Mango', 'Kuching', 'Sokol', 'Zmaj', 'Laguna', 'Dubrovnik', 'Saigon', 'Hafnar', 'Barca', 'Kiwi', 'Riga',
                  'Kopi', 'Jollof', 'Vltava', 'Duoc', 'Ngong', 'Pandan', 'Tatra', 'Sisu'])
        return w + pick(['#', '!', '@', '$', '%', '_', '&', '*']) + str(n_(10, 9999)) + rs(ALNUM, n_(2, 6)) + pick(['', '!', '.', '?'])

    @staticmethod
    def jwt(claims=None):
        h = b64url(json.dumps({'alg': 'HS256', 'typ': 'JWT'}, separators=(',', ':')).encode())
        c = claims or {'sub': ruuid(), 'iat': 1710000000 + n_(0, 900000), 'exp': 1712600000 + n_(0, 900000)}
        p = b64url(json.dumps(c, separators=(',', ':')).encode())
        return h + '.' + p + '.' + b64url(rbytes(32))

    @staticmethod
    def pem(kind='RSA'):
        if kind == 'RSA':
            head, pre, n = 'RSA PRIVATE KEY', 'MIIEpAIBAAKCAQEA', 1190
        elif kind == 'PKCS8':
            head, pre, n = 'PRIVATE KEY', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ', 1190
        elif kind == 'EC':
            head, pre, n = 'EC PRIVATE KEY', 'MHcCAQEEI', 160
        else:
            head, pre, n = 'OPENSSH PRIVATE KEY', 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW', 320
        body = pre + rs(B64, n - len(pre))
        body = body[:len(body) - len(body) % 4]
        lines = [body[i:i + 64] for i in range(0, len(body), 64)]
        return '-----BEGIN %s-----\n%s\n-----END %s-----' % (head, '\n'.join(lines), head)


def sa_json(project):
    """A GCP service-account key as a dict; the private key is labelled."""
    key = S.pem('PKCS8') + '\n'
    email = '%s@%s.iam.gserviceaccount.com' % (pick(['etl-runner', 'airflow-prod', 'vertex-tuning', 'bq-loader']), project)
    return {
        'type': 'service_account', 'project_id': project, 'private_key_id': rs(HEXL, 40),
        'private_key': P(key, 'secret', 'secret_gcp_sa_private_key'),
        'client_email': email, 'client_id': rs(DIG, 21),
        'auth_uri': 'https://accounts.google.com/o/oauth2/auth', 'token_uri': 'https://oauth2.googleapis.com/token',
        'auth_provider_x509_cert_url': 'https://www.googleapis.com/oauth2/v1/certs',
        'client_x509_cert_url': 'https://www.googleapis.com/robot/v1/metadata/x509/' + quote(email),
        'universe_domain': 'googleapis.com'}


def db_url(scheme, user, host, db, port=None):
    pw = S.password()
    port = port or {'postgresql': 5432, 'postgres': 5432, 'mysql': 3306, 'mongodb+srv': None, 'redis': 6379, 'amqp': 5672, 'mssql': 1433}[scheme]
    if scheme == 'redis':
        return '%s://:%s@%s:%d/0' % (scheme, quote(pw, safe=''), host, port)
    if scheme == 'mongodb+srv':
        return '%s://%s:%s@%s/%s?retryWrites=true&w=majority' % (scheme, user, quote(pw, safe=''), host, db)
    return '%s://%s:%s@%s:%d/%s' % (scheme, user, quote(pw, safe=''), host, port, db)


# public IPs ------------------------------------------------------------------
def pub_ipv4():
    while True:
        a = pick([31, 37, 41, 46, 62, 77, 78, 79, 81, 82, 84, 85, 86, 88, 89, 91, 93, 94, 95, 102, 103, 105, 110, 112, 113, 115, 116, 117, 118,
                  119, 122, 124, 125, 139, 141, 154, 171, 175, 176, 177, 178, 179, 181, 185, 186, 187, 188, 189, 190, 191, 196, 197, 200, 201, 212, 213, 217])
        ip = '%d.%d.%d.%d' % (a, n_(0, 255), n_(0, 255), n_(1, 254))
        o = ipaddress.ip_address(ip)
        if o.is_global and not o.is_private:
            return ip


def pub_ipv6():
    pre = pick(['2a02:%x' % n_(0x1000, 0xffff), '2001:ee0:%x' % n_(0x100, 0xffff), '2405:%x' % n_(0x1000, 0xffff), '2a01:%x' % n_(0x100, 0xffff),
                '2804:%x' % n_(0x100, 0xffff), '2409:%x' % n_(0x4000, 0x4fff)])
    tail = ':'.join('%x' % n_(0, 0xffff) for _ in range(8 - len(pre.split(':'))))
    ip = str(ipaddress.ip_address(pre + ':' + tail))
    assert ipaddress.ip_address(ip).is_global
    return ip


def doc_ipv4():
    return pick(['192.0.2.%d', '198.51.100.%d', '203.0.113.%d']) % n_(1, 254)


def priv_ipv4():
    return pick(['10.%d.%d.%d' % (n_(0, 255), n_(0, 255), n_(2, 254)), '172.%d.%d.%d' % (n_(16, 31), n_(0, 255), n_(2, 254)), '192.168.%d.%d' % (n_(0, 255), n_(2, 254))])


def mac():
    oui = pick(['F4:5C:89', '3C:22:FB', 'B8:27:EB', 'DC:A6:32', '44:65:0D', 'AC:BC:32', '58:CB:52', '00:1A:11', '8C:85:90', 'E4:5F:01', '70:3A:CB', 'A4:83:E7'])
    return oui + ':' + ':'.join('%02X' % n_(0, 255) for _ in range(3))


# common hard negatives ---------------------------------------------------------
def neg_us_fict_phone():
    return clean_neg(lambda: pick(['(%d) 555-01%02d', '%d-555-01%02d', '+1 %d 555 01%02d']) % (pick([201, 212, 310, 415, 617, 702]), n_(0, 99)))


def neg_uk_fict_phone():
    return clean_neg(lambda: pick(['07700 900%03d', '+44 7700 900%03d', '020 7946 0%03d']) % n_(0, 999))


def neg_au_fict_phone():
    return '0491 570 %03d' % pick([6, 156, 157, 158, 159, 110, 313, 737, 904, 905, 906, 907, 908, 909])


def neg_or_plain(fn, cat, form, tries=200):
    """A negative label if fn() yields a value no validator accepts, else the plain (unlabelled) value."""
    v = fn()
    for _ in range(tries):
        if not passes_any(v):
            return NEG(v, cat, form)
        v = fn()
    return v


def neg_digits(n, lead='123456789'):
    return clean_neg(lambda: R.choice(lead) + rs(DIG, n - 1))


EXAMPLE_EMAILS = ['user@example.com', 'jane.doe@example.org', 'test@example.net', 'someone@company.example', 'noone@mail.invalid', 'qa+signup@shop.test']


# =============================================================================
# helpers for builders
# =============================================================================
def mask_mid(s, keep_l=2, keep_r=2, ch='*'):
    out = []
    idx = [i for i, c in enumerate(s) if c.isalnum()]
    hide = set(idx[keep_l:len(idx) - keep_r])
    return ''.join(ch if i in hide else c for i, c in enumerate(s))


def epoch_neg(lo=1709251200, hi=1710201600, ms=False):
    return clean_neg(lambda: str(n_(lo, hi)) + (rs(DIG, 3) if ms else ''))


def neg_order(n=12, lead='123456789'):
    return neg_digits(n, lead)


def upper_name(p):
    return fold(p.full_l).upper() if p.loc not in ('sw_ke', 'sw_tz') else p.full_l.upper()


def spoken_email(e):
    local, dom = e.split('@')
    say = lambda s: s.replace('.', ' dot ').replace('_', ' underscore ').replace('-', ' dash ')
    local = re.sub(r'(\d+)', lambda m: ' ' + ' '.join(m.group(1)) + ' ', local)
    return re.sub(r'\s+', ' ', (say(local) + ' at ' + say(dom)).strip())


# =============================================================================
# A. LLM / ML data
# =============================================================================
def f_chatml():
    d = Doc()
    for i in range(16):
        loc = 'vi' if i % 2 == 0 else 'th'
        p = Person(loc)
        turns = []
        if loc == 'vi':
            sysm = 'Bạn là trợ lý chăm sóc khách hàng của một sàn thương mại điện tử. Trả lời ngắn gọn, lịch sự, không yêu cầu khách cung cấp CCCD.'
            order = NEG(neg_order(12), 'phone', 'order_id_12_digits_vi_chatml')
            ph = p.phone('phone_vi_chatml_user')
            turns.append(('user', T('Chào shop, mình là ', p.name('name_vi_chatml_user'), '. Đơn ', order, ' của mình sao chưa giao vậy? Có gì gọi mình số ', ph, ' nhé.')))
            turns.append(('assistant', T('Dạ em chào anh/chị. Em đã kiểm tra, đơn đang được giao tới địa chỉ ', p.address('address_vi_chatml_assistant'),
                                         '. Shipper sẽ gọi vào số ', NEG(mask_mid(ph.text, 3, 2), 'phone', 'masked_phone_vi_chatml'), ' trước khi giao ạ.')))
            if chance(.7):
                turns.append(('user', T('Cho mình đổi email nhận hoá đơn thành ', p.email('email_vi_chatml_user'), ' và xuất hoá đơn cho hộ kinh doanh, mã số thuế ',
                                        p.nid('vn_mst_chatml_user'), ' nha.')))
                turns.append(('assistant', 'Dạ vâng, em đã cập nhật thông tin. Hoá đơn điện tử sẽ được gửi trong vòng 24 giờ ạ.'))
            if chance(.6):
                turns.append(('user', T('À mình sinh ', p.dob_v('dob_vi_chatml_user', pick(['words', 'num'])), ', tháng này có được voucher sinh nhật không shop?')))
                turns.append(('assistant', T('Dạ có ạ, mã ', NEG('SN' + rs(UP + DIG, 8), 'secret', 'voucher_code_vi_chatml'), ' giảm 15% cho đơn từ 300.000đ, hạn dùng đến ',
                                             NEG(other_date(2024, 2024).strftime('%d/%m/%Y'), 'dob', 'voucher_expiry_date_vi'), ' ạ.')))
        else:
            sysm = 'คุณคือผู้ช่วยฝ่ายบริการลูกค้าของร้านค้าออนไลน์ ตอบอย่างสุภาพและกระชับ'
            turns.append(('user', T('สวัสดีค่ะ ดิฉันชื่อ ', p.name('name_th_chatml_user'), ' ค่ะ สั่งของเลขที่ ',
                                    NEG(neg_order(13, '24'), 'national_id', 'order_no_13_digits_th_chatml'), ' ยังไม่ได้รับเลยค่ะ')))
            turns.append(('assistant', 'ขออภัยในความไม่สะดวกค่ะ รบกวนขอเบอร์โทรศัพท์ที่ใช้สั่งซื้อด้วยค่ะ'))
            turns.append(('user', T('เบอร์ ', p.phone('phone_th_chatml_user'), ' ค่ะ อีเมล ', p.email('email_th_chatml_user'), ' ค่ะ')))
            turns.append(('assistant', T('ตรวจสอบแล้วค่ะ พัสดุจะจัดส่งไปที่ ', p.address('address_th_chatml_assistant'), ' ภายใน 2 วันค่ะ')))
            if chance(.7):
                turns.append(('user', T('ต้องใช้เลขบัตรประชาชนไหมคะ ', p.nid('th_pin_chatml_user'), ' เกิดวันที่ ', p.dob_v('dob_th_chatml_buddhist_era', pick(['words', 'num'])), ' ค่ะ')))
                turns.append(('assistant', 'ไม่จำเป็นค่ะ เพื่อความปลอดภัย กรุณาอย่าส่งเลขบัตรประชาชนในแชทนะคะ'))
        text = T('<|im_start|>system\n', sysm, '<|im_end|>\n')
        for role, t in turns:
            text = T(text, '<|im_start|>', role, '\n', t, '<|im_end|>\n')
        rec = {'id': 'cskh-%s-%05d' % (loc, n_(1, 99999)), 'text': text, 'source': pick(['zalo_oa_2023', 'shopee_chat_2023q4', 'line_oa_export']),
               'lang': loc, 'n_tokens': n_(180, 900)}
        emit_json(d, rec)
        d('\n')
    write('llm/chatml/packed_sft_cskh_vi_th.jsonl', d, check='jsonl')


def f_llama3():
    d = Doc()
    d('# decoded with tokenizer.decode(input_ids, skip_special_tokens=False) -- debug dump, first 12 samples of epoch 0\n\n')
    for i in range(12):
        loc = 'he' if i % 2 == 0 else 'fa'
        p = Person(loc)
        if loc == 'he':
            sysm = 'אתה נציג שירות לקוחות של חברת סלולר. ענה בעברית, בקצרה.'
            conv = [('user', T('שלום, שמי ', p.name('name_he_llama3_user'), ', ת.ז. ', p.nid('il_idnr_llama3_user'), '. אני רוצה לעדכן את מספר הטלפון ל-', p.phone('phone_he_llama3_user'), '.')),
                    ('assistant', 'תודה. לצורך אימות, מה תאריך הלידה שלך?'),
                    ('user', T('נולדתי ב-', p.dob_v('dob_he_llama3_user', 'num'), ', והכתובת שלי היא ', p.address('address_he_llama3_user'), '.')),
                    ('assistant', T('הפרטים עודכנו. אישור נשלח לכתובת ', p.email('email_he_llama3_assistant'), '. מספר הפנייה שלך: ',
                                    NEG(neg_digits(10), 'phone', 'ticket_number_10_digits_he'), '.'))]
            if chance(.6):
                conv.append(('user', T('ואפשר להחזיר את היתרה לחשבון ', p.iban('iban_il_llama3_user'), '?')))
                conv.append(('assistant', 'כן, ההחזר יבוצע תוך 5 ימי עסקים.'))
            elif chance(.6):
                conv.append(('user', T('תחייבו מעכשיו את כרטיס האשראי ', p.card('card_he_llama3_user', pick(['visa', 'mastercard', 'amex']), pick(['space', 'flat', 'dash'])), ' בבקשה.')))
                conv.append(('assistant', 'אין לשלוח פרטי כרטיס אשראי בצ׳אט. אנא עדכנו את אמצעי התשלום באזור האישי.'))
        else:
            sysm = 'شما پشتیبان فروشگاه اینترنتی هستید. کوتاه و مؤدبانه پاسخ دهید.'
            conv = [('user', T('سلام، من ', p.name('name_fa_llama3_user'), ' هستم. شماره همراهم ', p.phone('phone_fa_llama3_persian_digits', 'nat', native_digits=True), ' است.')),
                    ('assistant', 'سلام، لطفاً کد رهگیری سفارش را بفرستید.'),
                    ('user', T('کد رهگیری ', NEG(nd(neg_digits(10), 'fa'), 'phone', 'tracking_code_persian_digits'), '. آدرس تحویل: ', p.address('address_fa_llama3_user'))),
                    ('assistant', 'ممنون. سفارش شما فردا ارسال می‌شود.')]
            if chance(.7):
                conv.append(('user', T('برای بازگشت وجه، شماره کارت: ', p.card('card_shetab_fa_llama3_user', 'shetab', pick(['space', 'dash', 'flat'])), ' — ایمیل: ', p.email('email_fa_llama3_user'))))
                conv.append(('assistant', 'درخواست بازگشت وجه ثبت شد.'))
            if chance(.6):
                conv.append(('user', T('تاریخ تولدم ', p.dob_v('dob_fa_jalali_llama3', pick(['words', 'num'])), ' است؛ تخفیف تولد دارید؟')))
                conv.append(('assistant', 'بله، کد تخفیف تولد برای شما پیامک می‌شود.'))
        d('### sample %d | source=%s | tokens=%d\n' % (i, 'support_he_v2' if loc == 'he' else 'support_fa_v1', n_(300, 1400)))
        d('<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n', sysm, '<|eot_id|>')
        for role, t in conv:
            d('<|start_header_id|>', role, '<|end_header_id|>\n\n', t, '<|eot_id|>')
        d('\n\n')
    write('llm/llama3/debug_decoded_batch0_he_fa.txt', d)


def f_gemini():
    d = Doc()
    for i in range(12):
        loc = pick(['pt', 'pt', 'mx', 'ar', 'co', 'cl'])
        p = Person(loc)
        if loc == 'pt':
            sysi = 'Extrai os dados pessoais do formulário e devolve-os num objeto JSON. Não inventes valores.'
            nif, cc = p.nid('pt_nif_gemini_user', 'pt.nif'), p.nid('pt_cc_gemini_user', 'pt.cc')
            fields = [('Nome', p.name('name_pt_gemini_user')), ('NIF', nif), ('Cartão de Cidadão', cc), ('Data de nascimento', p.dob_v('dob_pt_gemini_user', 'num')),
                      ('Morada', p.address('address_pt_gemini_user')), ('Telemóvel', p.phone('phone_pt_gemini_user')), ('Email', p.email('email_pt_gemini_user')),
                      ('IBAN para débito direto', p.iban('iban_pt_gemini_user')), ('Referência MB', NEG(neg_digits(9), 'national_id', 'multibanco_reference_9_digits')),
                      ('N.º da fatura', 'FT 2024/%d' % n_(100, 9999))]
            keys = ['nome', 'nif', 'cartao_cidadao', 'data_nascimento', 'morada', 'telemovel', 'email', 'iban', None, None]
        else:
            sysi = 'Extrae los datos personales de la solicitud y devuélvelos como objeto JSON. No inventes valores.'
            idk = {'mx': 'mx.curp', 'ar': 'ar.cuit', 'co': 'co.nit', 'cl': 'cl.rut'}[loc]
            idl = {'mx': 'CURP', 'ar': 'CUIL', 'co': 'NIT', 'cl': 'RUT'}[loc]
            fields = [('Nombre completo', p.name('name_%s_gemini_user' % loc)), (idl, p.nid('%s_gemini_user' % idk.replace('.', '_'), idk)),
                      ('Fecha de nacimiento', p.dob_v('dob_%s_gemini_user' % loc, pick(['num', 'words']))), ('Domicilio', p.address('address_%s_gemini_user' % loc)),
                      ('Celular', p.phone('phone_%s_gemini_user' % loc)), ('Correo', p.email('email_%s_gemini_user' % loc)),
                      ('Folio de solicitud', NEG(neg_digits(10), 'phone', 'request_folio_10_digits_' + loc))]
            keys = ['nombre', idl.lower(), 'fecha_nacimiento', 'domicilio', 'celular', 'correo', None]
            if loc == 'mx':
                fields.insert(2, ('RFC', p.nid('mx_rfc_gemini_user', 'mx.rfc')))
                keys.insert(2, 'rfc')
        form = join('\n', [T(k, ': ', v) for k, v in fields])
        ans = {}
        for k, (lab, v) in zip(keys, fields):
            if k and isinstance(v, V):
                ans[k] = v.f(v.form.replace('_user', '_model_json'))
        user = T('Formulário recebido:\n\n' if loc == 'pt' else 'Solicitud recibida:\n\n', form)
        model = jstr(ans, indent=2)
        rec = {'systemInstruction': {'role': 'system', 'parts': [{'text': sysi}]},
               'contents': [{'role': 'user', 'parts': [{'text': user}]}, {'role': 'model', 'parts': [{'text': model}]}]}
        emit_json(d, rec, ascii_=True)
        d('\n')
    write('llm/gemini/vertex_tuning_extract_pii_pt_es.jsonl', d, check='jsonl')


def f_kto():
    d = Doc()
    for i in range(14):
        loc = pick(['cs', 'sk', 'hr'])
        p = Person(loc)
        good = chance(.5)
        if loc == 'cs':
            prompt = T('Vyplň prosím formulář pro pojišťovnu. Jmenuji se ', p.name('name_cs_kto_prompt'), ', rodné číslo ', p.nid('cz_rc_kto_prompt'),
                       ', narozen(a) ', p.dob_v('dob_cs_kto_prompt', 'words'), ', bytem ', p.address('address_cs_kto_prompt'), ', tel. ', p.phone('phone_cs_kto_prompt'), '.')
            if good:
                comp = T('Formulář – pojištěnec\nJméno a příjmení: ', p.name('name_cs_kto_completion'), '\nRodné číslo: ', p.nid('cz_rc_kto_completion'),
                         '\nAdresa trvalého pobytu: ', p.address('address_cs_kto_completion'), '\nTelefon: ', p.phone('phone_cs_kto_completion'))
            else:
                comp = T('Formulář – pojištěnec\nJméno a příjmení: ', NEG('[JMÉNO A PŘÍJMENÍ]', 'name', 'placeholder_name_cs_kto'), '\nRodné číslo: ',
                         NEG('[RODNÉ ČÍSLO]', 'national_id', 'placeholder_rc_cs_kto'), '\nAdresa: ', NEG('<adresa>', 'address', 'placeholder_address_cs_kto'))
        elif loc == 'sk':
            prompt = T('Vyplňte žiadosť o úver: meno ', p.name('name_sk_kto_prompt'), ', rodné číslo ', p.nid('sk_rc_kto_prompt'), ', e-mail ', p.email('email_sk_kto_prompt'),
                       ', IBAN ', p.iban('iban_sk_kto_prompt'), ', trvalý pobyt ', p.address('address_sk_kto_prompt'), '.')
            if good:
                comp = T('Žiadateľ: ', p.name('name_sk_kto_completion'), '\nRodné číslo: ', p.nid('sk_rc_kto_completion'), '\nIBAN: ', p.iban('iban_sk_kto_completion'),
                         '\nKontakt: ', p.email('email_sk_kto_completion'))
            else:
                comp = T('Žiadateľ: ', NEG('Ján Vzorový', 'name', 'specimen_name_sk_kto'), '\nRodné číslo: ', NEG('XXXXXX/XXXX', 'national_id', 'masked_rc_sk_kto'),
                         '\nIBAN: ', NEG('SK00 0000 0000 0000 0000 0000', 'iban', 'zero_iban_sk_kto', validator='iban'))
        else:
            prompt = T('Ispunite prijavu za stipendiju: ime i prezime ', p.name('name_hr_kto_prompt'), ', OIB ', p.nid('hr_oib_kto_prompt'), ', datum rođenja ',
                       p.dob_v('dob_hr_kto_prompt', pick(['num', 'words'])), ', adresa ', p.address('address_hr_kto_prompt'), ', mobitel ', p.phone('phone_hr_kto_prompt'),
                       ', e-mail ', p.email('email_hr_kto_prompt'), '.')
            if good:
                comp = T('PRIJAVA\nIme i prezime: ', p.name('name_hr_kto_completion'), '\nOIB: ', p.nid('hr_oib_kto_completion'), '\nAdresa: ', p.address('address_hr_kto_completion'),
                         '\nMobitel: ', p.phone('phone_hr_kto_completion'))
            else:
                comp = T('PRIJAVA\nIme i prezime: ', NEG('<ime i prezime>', 'name', 'placeholder_name_hr_kto'), '\nOIB: ',
                         NEG(bad_nid('hr.oib', p), 'national_id', 'oib_bad_check_hr_kto', validator='hr.oib'), ' (provjerite OIB)')
        rec = {'prompt': [{'role': 'user', 'content': prompt}], 'completion': [{'role': 'assistant', 'content': comp}], 'label': good}
        emit_json(d, rec)
        d('\n')
    write('llm/kto/kto_form_filling_cs_sk_hr.jsonl', d, check='jsonl')


def _baltic_mail(p, tag):
    L = p.loc
    f = lambda k: '%s_%s_%s' % (k, L, tag)
    idk = p.L['ids'][0]
    if L == 'lt':
        return T('Laba diena, esu ', p.name(f('name')), '. Mano asmens kodas ', p.nid(f('lt_asmens')), ', gimimo data ', p.dob_v(f('dob'), pick(['num', 'words'])),
                 '. Prašau pakeisti gyvenamąją vietą į ', p.address(f('address')), '. Tel. ', p.phone(f('phone')), ', el. paštas ', p.email(f('email')),
                 '. Grąžinimą pervesti į sąskaitą ', p.iban(f('iban')), '.')
    if L == 'lv':
        return T('Labdien! Mani sauc ', p.name(f('name')), ', personas kods ', p.nid(f('lv_personas_kods')), ', dzimis(-usi) ', p.dob_v(f('dob'), 'words'),
                 '. Lūdzu mainīt deklarēto adresi uz ', p.address(f('address')), '. Tālr. ', p.phone(f('phone')), ', e-pasts ', p.email(f('email')),
                 '. Konts atmaksai: ', p.iban(f('iban')), '.')
    return T('Tere! Olen ', p.name(f('name')), ', isikukood ', p.nid(f('ee_isikukood')), ', sündinud ', p.dob_v(f('dob'), pick(['num', 'words'])),
             '. Palun muutke minu aadress: ', p.address(f('address')), '. Tel ', p.phone(f('phone')), ', e-post ', p.email(f('email')), '. Konto: ', p.iban(f('iban')), '.')


def f_openai_batch():
    din, dout = Doc(), Doc()
    for i in range(12):
        p = Person(pick(['lt', 'lv', 'et']))
        cid = 'req-%s-%05d' % (p.loc, i + 1)
        body = {'model': 'gpt-4o-mini-2024-07-18', 'temperature': 0, 'response_format': {'type': 'json_object'},
                'messages': [{'role': 'system', 'content': 'Extract name, personal_code, birth_date (ISO), address, phone, email and iban from the e-mail. Answer with JSON only.'},
                             {'role': 'user', 'content': _baltic_mail(p, 'batch_input')}]}
        emit_json(din, {'custom_id': cid, 'method': 'POST', 'url': '/v1/chat/completions', 'body': body})
        din('\n')
        kind, idv = p.nid_raw()
        ans = {'name': p.name('name_%s_batch_output_double_escaped' % p.loc), 'personal_code': P(idv, 'national_id', '%s_batch_output_double_escaped' % kind.replace('.', '_'), validator=kind),
               'birth_date': p.dob_v('dob_iso_batch_output_double_escaped', 'iso'), 'address': p.address('address_%s_batch_output_double_escaped' % p.loc),
               'phone': p.phone('phone_%s_batch_output_double_escaped' % p.loc, 'e164'), 'email': p.email('email_batch_output_double_escaped'),
               'iban': P(p.iban_raw(), 'iban', 'iban_%s_batch_output_double_escaped' % p.loc, validator='iban')}
        content = jstr(ans, ascii_=True)
        out = {'id': NEG('batch_req_' + rs(ALNUM, 24), 'secret', 'openai_batch_request_id'), 'custom_id': cid,
               'response': {'status_code': 200, 'request_id': NEG(rs(HEXL, 32), 'secret', 'openai_request_id_hex'),
                            'body': {'id': NEG('chatcmpl-' + rs(ALNUM, 29), 'secret', 'openai_chatcmpl_id'), 'object': 'chat.completion',
                                     'created': V(epoch_neg(), 'phone', 'neg_epoch_created_batch', False, bare=True), 'model': 'gpt-4o-mini-2024-07-18',
                                     'choices': [{'index': 0, 'message': {'role': 'assistant', 'content': content, 'refusal': None}, 'logprobs': None, 'finish_reason': 'stop'}],
                                     'usage': (lambda a, b: {'prompt_tokens': a, 'completion_tokens': b, 'total_tokens': a + b})(n_(150, 260), n_(60, 120)),
                                     'system_fingerprint': NEG('fp_' + rs(HEXL, 10), 'secret', 'openai_system_fingerprint')}},
               'error': None}
        emit_json(dout, out)
        dout('\n')
    write('llm/openai/batch_input_contact_extract_baltic.jsonl', din, check='jsonl')
    write('llm/openai/batch_output_contact_extract_baltic.jsonl', dout, check='jsonl')


def f_agents():
    d = Doc()
    repos = ['acme-pay/billing-api', 'lojadoze/storefront', 'kopi-labs/ml-serving', 'tatra-soft/crm-backend']
    for i in range(8):
        repo = pick(repos)
        dev = Person(pick(['pt', 'fi', 'cs', 'vi', 'ms', 'hr']))
        dev2 = Person(pick(['pt', 'sv', 'lt', 'ca']))
        msgs = [{'role': 'system', 'content': 'You are an autonomous software engineer. Use the bash tool to inspect the repository and fix the issue.'},
                {'role': 'user', 'content': 'Issue #%d: payment webhook returns 500 after deploy. Investigate and fix.' % n_(100, 999)}]
        calls = []
        host = pick(['db.internal', 'pg-prod.cluster-c9x2.eu-west-1.rds.amazonaws.com', '10.0.3.17', 'postgres'])
        env_lines = T('NODE_ENV=production\nPORT=8080\nDATABASE_URL=', P(db_url('postgresql', 'billing', host, 'billing'), 'secret', 'secret_db_url_agent_tool_env'),
                      '\nREDIS_URL=', P(db_url('redis', '', 'redis.internal', ''), 'secret', 'secret_redis_url_agent_tool_env'),
                      '\nSTRIPE_SECRET_KEY=', P(S.stripe_sk(), 'secret', 'secret_stripe_sk_agent_tool_env'),
                      '\nSTRIPE_WEBHOOK_SECRET=', P(S.stripe_whsec(), 'secret', 'secret_stripe_whsec_agent_tool_env'),
                      '\nOPENAI_API_KEY=', P(S.openai(), 'secret', 'secret_openai_proj_agent_tool_env'),
                      '\nADMIN_EMAIL=', dev.email('email_agent_tool_env_admin'), '\nLOG_LEVEL=info\n')
        calls.append(('cat .env', env_lines))
        if chance(.6):
            calls.append(('cat .env.example', T('DATABASE_URL=', NEG('postgres://user:password@localhost:5432/app', 'secret', 'placeholder_db_url_env_example'),
                                               '\nSTRIPE_SECRET_KEY=', NEG('sk_live_xxxxxxxxxxxxxxxxxxxxxxxx', 'secret', 'placeholder_stripe_env_example'),
                                               '\nOPENAI_API_KEY=', NEG('sk-your-key-here', 'secret', 'placeholder_openai_env_example'),
                                               '\nADMIN_NAME=', NEG('John Doe', 'name', 'placeholder_john_doe_env_example'), '\nADMIN_EMAIL=',
                                               NEG('admin@example.com', 'email', 'reserved_domain_env_example'), '\n')))
        if chance(.6):
            calls.append(('cat ~/.aws/credentials', T('[default]\naws_access_key_id = ', P(S.aws_id(), 'secret', 'secret_aws_key_id_agent_tool'),
                                                     '\naws_secret_access_key = ', P(S.aws_secret(), 'secret', 'secret_aws_secret_agent_tool'),
                                                     '\n\n[docs-sample]\naws_access_key_id = ', NEG('AKIAIOSFODNN7EXAMPLE', 'secret', 'aws_doc_example_key_id'),
                                                     '\naws_secret_access_key = ', NEG('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'secret', 'aws_doc_example_secret'), '\n')))
        ghs = 'ghs_' + rs(ALNUM, 36)
        calls.append(('git remote -v', T('origin\thttps://x-access-token:', P(ghs, 'secret', 'secret_github_ghs_in_remote_url'), '@github.com/', repo,
                                         '.git (fetch)\norigin\thttps://x-access-token:', P(ghs, 'secret', 'secret_github_ghs_in_remote_url'), '@github.com/', repo, '.git (push)\n',
                                         'upstream\t', NEG('git@github.com', 'email', 'git_ssh_remote_user_at_host'), ':', repo.split('/')[0], '-oss/', repo.split('/')[1], '.git (fetch)\n')))
        if chance(.6):
            calls.append(('npm ls --depth=0', T(repo.split('/')[1], '@2.4.1 /app\n├── ', NEG('stripe@14.21.0', 'email', 'npm_pkg_at_version'), '\n├── pg@8.11.3\n└── ',
                                                NEG('express@4.18.3', 'email', 'npm_pkg_at_version'), '\n')))
        logl = []
        for who in (dev, dev2, dev):
            logl.append(T(NEG(sha1hex(), 'secret', 'git_commit_sha_agent_log'), ' ', who.name('name_git_log_author_agent', latin=True), ' <', who.email('email_git_log_author_agent'), '> ',
                          pick(['fix: handle missing signature header', 'chore: bump stripe to 14.21.0', 'feat: retry webhook delivery', 'refactor: move config loading']), '\n'))
        calls.append(("git log -3 --format='%H %an <%ae> %s'", T(*logl)))
        if chance(.5):
            calls.append(('env | grep -iE "token|key"', T('GITHUB_TOKEN=', P(S.ghp(), 'secret', 'secret_ghp_agent_env'), '\nHF_TOKEN=', P(S.hf(), 'secret', 'secret_hf_agent_env'),
                                                          '\nSLACK_BOT_TOKEN=', P(S.slack_bot(), 'secret', 'secret_slack_bot_agent_env'), '\nKEYBOARD_LAYOUT=us\n')))
        calls.append(('sha256sum dist/*.whl', T(NEG(sha256hex(), 'secret', 'sha256sum_output_agent'), '  dist/billing_api-2.4.1-py3-none-any.whl\n')))
        if chance(.7):
            rows = []
            for k in range(3):
                c = Person(pick(['pt', 'br', 'mx', 'co', 'it']))
                rows.append(T(' %4d | ' % n_(1000, 9999), c.name('name_agent_psql_output', latin=True), ' | ', c.email('email_agent_psql_output'), ' | ',
                              c.phone('phone_agent_psql_output', 'e164'), '\n'))
            calls.append(('psql "$DATABASE_URL" -c "select id, full_name, email, phone from customers order by id desc limit 3"',
                          T('  id  |       full_name       |         email          |     phone\n------+-----------------------+------------------------+---------------\n', *rows, '(3 rows)\n')))
        if chance(.5):
            pw = S.password()
            calls.append(("kubectl -n billing get secret billing-db -o jsonpath='{.data.password}' | base64 -d", T(P(pw, 'secret', 'secret_k8s_secret_decoded_password_agent'), '\n')))
        for cmd, out in calls:
            cid = 'call_' + rs(ALNUM, 24)
            msgs.append({'role': 'assistant', 'content': None, 'tool_calls': [{'id': cid, 'type': 'function', 'function': {'name': 'bash', 'arguments': jstr({'command': cmd})}}]})
            msgs.append({'role': 'tool', 'tool_call_id': cid, 'content': out})
        msgs.append({'role': 'assistant', 'content': T('The webhook secret in `.env` does not match the Stripe dashboard value (starts with ',
                                                       NEG('whsec_' + '*' * 8, 'secret', 'masked_whsec_agent_summary'),
                                                       '). I rotated it via the secrets manager and redeployed; credentials should be removed from the repo.')})
        emit_json(d, {'instance_id': '%s-%d' % (repo.replace('/', '__'), n_(100, 999)), 'model': pick(['gpt-4o-2024-08-06', 'claude-3-5-sonnet-20241022', 'qwen2.5-coder-32b']),
                      'messages': msgs, 'resolved': chance(.6), 'cost_usd': round(R.uniform(.05, 2.5), 4)})
        d('\n')
    write('llm/agents/swe_trajectories_ops_2024-03.jsonl', d, check='jsonl')


def f_argilla():
    recs = []
    for i in range(10):
        loc = ['hi', 'bn', 'ta', 'ur'][i % 4]
        p = Person(loc)
        f = lambda k: '%s_%s_argilla_escaped' % (k, loc)
        if loc == 'hi':
            comp = T('मेरा नाम ', p.name(f('name')), ' है। मेरा मोबाइल नंबर ', p.phone(f('phone'), pick(['intl', 'nat_flat'])), ' है और आधार ', p.nid(f('aadhaar'), 'in_.aadhaar'), ' (वर्चुअल आईडी ', p.nid(f('vid'), 'in_.vid'), ')',
                     '। पैन कार्ड ', p.nid(f('pan'), 'in_.pan'), '। पता: ', p.address(f('address')), '। जन्म तिथि ', p.dob_v(f('dob'), pick(['num', 'words'])),
                     '। रिफंड अभी तक नहीं आया, कृपया ', p.email(f('email')), ' पर जवाब दें।')
            inst = 'नीचे दी गई शिकायत का संक्षिप्त सारांश लिखिए:\n\n'
            r1 = T(p.name(f('name_in_response')), ' का रिफंड लंबित है; संपर्क ', p.phone(f('phone_in_response'), 'e164'), '।')
            r2 = T(NEG('[नाम]', 'name', 'placeholder_name_hi_argilla'), ' का रिफंड लंबित है; आधार ', NEG('XXXX XXXX ' + rs(DIG, 4), 'national_id', 'masked_aadhaar_argilla'), '।')
        elif loc == 'bn':
            comp = T('আমি ', p.name(f('name')), '। আমার মোবাইল ', p.phone(f('phone_bengali_digits'), 'nat', native_digits=True), '। ঠিকানা: ', p.address(f('address')),
                     '। জন্ম তারিখ ', p.dob_v(f('dob_bengali_digits'), 'words'), '। ইমেইল ', p.email(f('email')), '। অর্ডার নম্বর ',
                     NEG(nd(neg_digits(11), 'bn'), 'phone', 'order_number_bengali_digits'), ' এখনো পৌঁছায়নি।')
            inst = 'নিচের অভিযোগটির সারাংশ লিখুন:\n\n'
            r1 = T(p.name(f('name_in_response')), '-এর অর্ডার পৌঁছায়নি।')
            r2 = T(NEG('[নাম]', 'name', 'placeholder_name_bn_argilla'), '-এর অর্ডার পৌঁছায়নি।')
        elif loc == 'ta':
            comp = T('என் பெயர் ', p.name(f('name')), '. கைபேசி எண் ', p.phone(f('phone'), pick(['intl', 'nat_flat'])), '. வாக்காளர் அடையாள அட்டை எண் ', p.nid(f('epic'), 'in_.epic'),
                     '. முகவரி: ', p.address(f('address')), '. மின்னஞ்சல் ', p.email(f('email')), '. எனது மின் கட்டணம் தவறாக கணக்கிடப்பட்டுள்ளது.')
            inst = 'கீழே உள்ள புகாரை சுருக்கமாக எழுதவும்:\n\n'
            r1 = T(p.name(f('name_in_response')), ' அவர்களின் மின் கட்டணம் தவறாக உள்ளது.')
            r2 = T('வாடிக்கையாளரின் மின் கட்டணம் தவறாக உள்ளது; தொடர்பு: ', NEG(mask_mid(p.phone_num and phone_str(p.phone_num, 'e164'), 3, 2), 'phone', 'masked_phone_ta_argilla'), '.')
        else:
            comp = T('میرا نام ', p.name(f('name')), ' ہے۔ شناختی کارڈ نمبر ', p.nid(f('cnic')), '۔ موبائل ', p.phone(f('phone'), pick(['nat', 'nat_dash'])), '۔ پتہ: ',
                     p.address(f('address')), '۔ رقم اس اکاؤنٹ میں واپس کریں: ', p.iban(f('iban')), '۔ ای میل ', p.email(f('email')), '۔')
            inst = 'درج ذیل شکایت کا خلاصہ لکھیں:\n\n'
            r1 = T(p.name(f('name_in_response')), ' رقم کی واپسی چاہتے ہیں۔')
            r2 = T('صارف رقم کی واپسی چاہتا ہے، شناختی کارڈ ', NEG('XXXXX-XXXXXXX-X', 'national_id', 'masked_cnic_argilla'), '۔')
        recs.append({'id': ruuid(), 'fields': {'instruction': T(inst, comp), 'response_1': r1, 'response_2': r2},
                     'metadata': {'source': 'helpdesk_%s_2023' % loc, 'ticket_created': NEG(other_date(2023, 2023).isoformat(), 'dob', 'ticket_created_date_argilla')},
                     'responses': [{'user_id': ruuid(), 'values': {'preference': {'value': [{'rank': 1, 'value': 'response_2'}, {'rank': 2, 'value': 'response_1'}]},
                                                                  'contains_pii': {'value': 'yes'}}, 'status': 'submitted'}],
                     'suggestions': [], 'vectors': {}, 'inserted_at': '2024-03-%02dT%02d:%02d:%02d' % (n_(1, 10), n_(0, 23), n_(0, 59), n_(0, 59)),
                     'updated_at': '2024-03-11T%02d:%02d:%02d' % (n_(0, 23), n_(0, 59), n_(0, 59))})
    d = jdoc(recs, indent=2, ascii_=True)
    write('llm/argilla/pii_summaries_south_asia_export.json', d, check='json')


def f_prodigy():
    d = Doc()
    LBL = {'name': 'PERSON', 'national_id': 'ID_NUMBER', 'phone': 'PHONE', 'address': 'ADDRESS', 'iban': 'IBAN', 'email': 'EMAIL', 'dob': 'DATE_OF_BIRTH'}
    for i in range(14):
        loc = pick(['ca', 'ca', 'eu', 'eu'])
        p = Person(loc)
        g = lambda k: '%s_%s_prodigy' % (k, loc)
        if loc == 'ca':
            t = T('Bon dia, sóc ', p.name(g('name')), ', amb DNI ', p.nid(g('es_dni'), 'es.dni'), '. Us escric perquè no m\'ha arribat la factura de febrer. El meu telèfon és el ',
                  p.phone(g('phone')), ' i la meva adreça és ', p.address(g('address')), '. Podeu domiciliar el rebut al compte ', p.iban(g('iban')), '? Gràcies.')
        elif chance(.5):
            t = T('Kaixo, ', p.name(g('name')), ' naiz, NAN ', p.nid(g('es_dni'), 'es.dni'), '. Nire helbide berria: ', p.address(g('address')), '. Telefonoa: ',
                  p.phone(g('phone')), '. Jaiotze data: ', p.dob_v(g('dob_words'), 'words'), '. Eskerrik asko.')
        else:
            q = Person('ca')
            t = T('Hola, me llamo ', p.name(g('name')), ' y tengo NIE ', P(pick(fmt_nid('es.nie', gen_nid('es.nie', p))), 'national_id', g('es_nie'), validator='es.nie'),
                  '. Podéis escribirme a ', p.email(g('email')), ' o llamar a mi pareja, ', q.name(g('name_partner')), ', al ', q.phone(g('phone_partner')), '.')
        raw = t.rawtext()
        spans = []
        pos = 0
        for part in t.parts:
            if isinstance(part, V):
                spans.append({'start': pos, 'end': pos + len(part.raw), 'label': LBL[part.cat]})
                pos += len(part.raw)
            else:
                pos += len(part)
        assert pos == len(raw)
        rec = {'text': t, 'meta': {'source': 'zendesk', 'ticket': n_(40000, 49999)},
               '_input_hash': V(clean_neg(lambda: str(-n_(10 ** 9, 2 ** 31 - 1))), 'phone', 'neg_prodigy_input_hash_int', False, bare=True),
               '_task_hash': n_(-2 ** 31, 2 ** 31 - 1), 'spans': spans, 'answer': 'accept',
               '_timestamp': V(epoch_neg(), 'phone', 'neg_prodigy_timestamp', False, bare=True),
               '_annotator_id': 'ner_pii_ca-%s' % pick(['anotador1', 'anotador2']), '_session_id': 'ner_pii_ca-%s' % pick(['anotador1', 'anotador2'])}
        emit_json(d, rec, ascii_=True)
        d('\n')
    write('datasets/prodigy/ner_pii_ca_eu_support.jsonl', d, check='jsonl')


def _ms_fil_doc(p, e):
    g = lambda k: '%s_%s_llamaindex' % (k, p.loc)
    if p.loc == 'ms':
        paras = [T('MEMO DALAMAN – KEMASKINI MAKLUMAT PEKERJA\nRujukan: HR/2024/', str(n_(100, 999)), '\nTarikh: ', NEG(other_date(2024, 2024).strftime('%d/%m/%Y'), 'dob', 'memo_date_ms_llamaindex')),
                 T('Nama: ', p.name(g('name')), '\nNo. K/P: ', p.nid(g('my_nric')), '\nTarikh lahir: ', p.dob_v(g('dob'), pick(['words', 'num']))),
                 T('Alamat baharu: ', p.address(g('address')), '\nNo. telefon bimbit: ', p.phone(g('phone')), '\nE-mel peribadi: ', p.email(g('email'))),
                 T('Waris untuk dihubungi: ', e.name(g('name_next_of_kin')), ' (', e.phone(g('phone_next_of_kin')), ').'),
                 'Sila kemaskini sistem gaji sebelum 25 haribulan. Sebarang pertanyaan boleh diajukan kepada unit Sumber Manusia.']
    else:
        paras = [T('PAALALA: BAGONG EMPLEYADO SA WAREHOUSE\nPetsa ng pagpasok: ', NEG(other_date(2024, 2024).strftime('%m/%d/%Y'), 'dob', 'start_date_fil_llamaindex')),
                 T('Pangalan: ', p.name(g('name')), '\nKaarawan: ', p.dob_v(g('dob'), pick(['words', 'num'])), '\nTirahan: ', p.address(g('address'))),
                 T('Cellphone: ', p.phone(g('phone')), '\nEmail: ', p.email(g('email'))),
                 T('Emergency contact: ', e.name(g('name_emergency_contact')), ', ', e.phone(g('phone_emergency_contact')), '.'),
                 'Paki-orient po siya sa safety protocol bago ang unang shift. Salamat!']
    return paras


def f_llamaindex():
    docstore_meta, docstore_data, ref_info = {}, {}, {}
    emb, t2r, meta = {}, {}, {}
    for i in range(8):
        loc = pick(['ms', 'fil'])
        p, e = Person(loc), Person(loc)
        paras = _ms_fil_doc(p, e)
        doc_id = ruuid()
        fname = 'memo_%04d.txt' % n_(1, 9999)
        chunks = [T(paras[0], '\n\n', paras[1]), T(paras[2], '\n\n', paras[3], '\n\n', paras[4])]
        node_ids = []
        author = Person(loc)
        for ci, ch in enumerate(chunks):
            nid = ruuid()
            node_ids.append(nid)
            h = sha256hex()
            docstore_meta[nid] = {'doc_hash': NEG(h, 'secret', 'llamaindex_doc_hash_sha256'), 'ref_doc_id': doc_id}
            docstore_data[nid] = {'__data__': {'id_': nid, 'embedding': None,
                                               'metadata': {'file_path': '/mnt/shared/hr/%s' % fname, 'file_name': fname, 'file_type': 'text/plain',
                                                            'file_size': n_(600, 2400), 'creation_date': '2024-03-%02d' % n_(1, 10), 'last_modified_date': '2024-03-%02d' % n_(1, 10)},
                                               'excluded_embed_metadata_keys': ['file_name', 'file_type', 'file_size', 'creation_date', 'last_modified_date'],
                                               'excluded_llm_metadata_keys': ['file_name', 'file_type', 'file_size', 'creation_date', 'last_modified_date'],
                                               'relationships': {'1': {'node_id': doc_id, 'node_type': '4', 'metadata': {'file_path': '/mnt/shared/hr/%s' % fname},
                                                                       'hash': sha256hex(), 'class_name': 'RelatedNodeInfo'}},
                                               'metadata_template': '{key}: {value}', 'metadata_separator': '\n', 'text': ch, 'mimetype': 'text/plain',
                                               'start_char_idx': 0 if ci == 0 else len(chunks[0].rawtext()) + 2, 'end_char_idx': len(ch.rawtext()),
                                               'metadata_seperator': '\n', 'text_template': '{metadata_str}\n\n{content}', 'class_name': 'TextNode'},
                                  '__type__': '1'}
            emb[nid] = [round(R.gauss(0, .08), 6) for _ in range(48)]
            t2r[nid] = doc_id
            meta[nid] = {'file_path': '/mnt/shared/hr/%s' % fname, 'author_email': author.email('email_llamaindex_vector_metadata_author') if ci == 0 else None,
                         '_node_type': 'TextNode', 'document_id': doc_id, 'doc_id': doc_id, 'ref_doc_id': doc_id}
            if meta[nid]['author_email'] is None:
                del meta[nid]['author_email']
        ref_info[doc_id] = {'node_ids': node_ids, 'metadata': {'file_path': '/mnt/shared/hr/%s' % fname}}
    d = jdoc({'docstore/metadata': docstore_meta, 'docstore/data': docstore_data, 'docstore/ref_doc_info': ref_info}, seps=(', ', ': '))
    write('rag/llamaindex/storage/docstore.json', d, check='json')
    d2 = jdoc({'embedding_dict': emb, 'text_id_to_ref_doc_id': t2r, 'metadata_dict': meta}, seps=(', ', ': '))
    write('rag/llamaindex/storage/default__vector_store.json', d2, check='json')


def f_qdrant():
    d = Doc()
    for i in range(18):
        loc = pick(['sw_ke', 'sw_ke', 'sw_tz'])
        p = Person(loc)
        g = lambda k: '%s_%s_qdrant' % (k, loc)
        code = NEG(rs(UP, 3) + rs(UP + DIG, 7), 'secret', 'mpesa_transaction_code_qdrant')
        if loc == 'sw_ke':
            txt = T('Mteja: Habari, naitwa ', p.name(g('name')), '. Namba yangu ya simu ni ', p.phone(g('phone'), pick(['nat', 'nat_flat'])),
                    '. Nimetuma pesa lakini sijapokea bidhaa. Muamala: ', code, '. Niko ', p.address(g('address')), '.')
            if chance(.5):
                txt = T(txt, ' KRA PIN yangu ni ', p.nid(g('ke_pin')), ' kwa ajili ya risiti.')
        else:
            txt = T('Mteja: Shikamoo, mimi ni ', p.name(g('name')), '. Nimelipa kwa M-Pesa, kumbukumbu ', code, ', ila oda bado. Nipigie ', p.phone(g('phone')),
                    ' au niandikie ', p.email(g('email')), '.')
        cust = {'name': p.name(g('name_payload_field')), 'msisdn': P(phone_str(p.phone_num, 'e164')[1:], 'phone', g('phone_msisdn_payload'))}
        check_phone('+' + cust['msisdn'].text, p.region)
        payload = {'text': txt, 'source': pick(['whatsapp_support', 'sms_gateway', 'web_chat']), 'lang': 'sw', 'customer': cust,
                   'created_at': NEG('2024-03-%02dT%02d:%02d:%02dZ' % (n_(1, 10), n_(0, 23), n_(0, 59), n_(0, 59)), 'dob', 'created_at_qdrant')}
        rec = {'id': ruuid(), 'version': n_(1, 40), 'score': None, 'payload': payload, 'vector': [round(R.gauss(0, .1), 5) for _ in range(24)]}
        emit_json(d, rec)
        d('\n')
    write('rag/qdrant/kb_support_sw_points.jsonl.gz', d, compress='gz', check='jsonl')


def _tok_items(text, t0=0.0):
    items = []
    t = t0
    for w in re.findall(r"[\w'@.+-]+|[.,?!]", text):
        if w in '.,?!':
            items.append({'type': 'punctuation', 'alternatives': [{'confidence': '0.0', 'content': w}]})
            continue
        dur = .12 + .04 * len(w)
        items.append({'start_time': '%.2f' % t, 'end_time': '%.2f' % (t + dur), 'alternatives': [{'confidence': '%.3f' % R.uniform(.75, 1), 'content': w}],
                      'type': 'pronunciation'})
        t += dur + .05
    return items, t


def f_transcribe():
    p = Person('fil', sex='f')
    g = lambda k: '%s_fil_aws_transcribe' % k
    ph = p.phone(g('phone'), pick(['nat', 'nat_flat']))
    ref = NEG(clean_neg(lambda: '%s-%s-%s' % (rs(DIG, 4), rs(DIG, 4), rs(DIG, 4))), 'phone', 'reference_number_transcribe')
    transcript = T('Magandang hapon po, salamat sa pagtawag sa customer hotline, ako po si Angelica. Paano ko po kayo matutulungan? ',
                   'Hello po, ako po si ', p.name(g('name')), '. Na-lock po kasi yung account ko. Ang registered number ko po ay ', ph, '. ',
                   'Okay po ma\'am, for verification po, pakibigay ang inyong birthday. ', p.dob_v(g('dob_words'), 'words'), ' po. ',
                   'Salamat po. At ang address po na naka-register? ', p.address(g('address')), ' po. ',
                   'Tama po. May email po ba kayo sa account? Opo, ', P(spoken_email(p.email_addr()), 'email', g('email_spoken')), '. ',
                   'Noted po. Ang reference number po ninyo ay ', ref, '. May iba pa po ba? Wala na po, salamat.')
    items, _ = _tok_items(transcript.plain())
    res = {'jobName': 'call-%s-%s' % (dt.date(2024, 3, n_(1, 10)).strftime('%Y%m%d'), rs(HEXL, 8)),
           'accountId': NEG(neg_digits(12), 'phone', 'aws_account_id_12_digits'), 'status': 'COMPLETED',
           'results': {'transcripts': [{'transcript': transcript}],
                       'speaker_labels': {'channel_label': 'ch_0', 'speakers': 2, 'segments': [{'start_time': '0.0', 'end_time': '%.2f' % (len(items) * .4), 'speaker_label': 'spk_0', 'items': []}]},
                       'items': items}}
    d = jdoc(res, seps=(',', ':'))
    write('asr/aws_transcribe/asrOutput_call-hotline-ph.json', d, check='json')


def f_whisper():
    p = Person(pick(['et', 'lv']), sex='f')
    g = lambda k: '%s_%s_whisper_segment' % (k, p.loc)
    if p.loc == 'et':
        sents = [T(' Tere, minu nimi on ', p.name(g('name')), '.'), T(' Olen sündinud ', p.dob_v(g('dob'), 'words'), ' Tartus.'),
                 T(' Praegu elan aadressil ', p.address(g('address')), '.'), T(' Minu telefoninumber on ', p.phone(g('phone'), 'nat'), '.'),
                 T(' Isikukood on ', p.nid(g('ee_ik')), ', kui seda on vaja.'), ' Ma töötan raamatukogus ja tegelen vabal ajal aiandusega.',
                 T(' Kirjutage mulle julgelt aadressil ', p.email(g('email')), '.')]
        lang = 'estonian'
    else:
        sents = [T(' Labdien, mani sauc ', p.name(g('name')), '.'), T(' Esmu dzimusi ', p.dob_v(g('dob'), 'words'), ' Liepājā.'),
                 T(' Šobrīd dzīvoju ', p.address(g('address')), '.'), T(' Mans telefona numurs ir ', p.phone(g('phone'), 'nat'), '.'),
                 T(' Personas kods ir ', p.nid(g('lv_pk')), '.'), ' Strādāju par skolotāju un brīvajā laikā dziedu korī.',
                 T(' Rakstiet man uz ', p.email(g('email')), '.')]
        lang = 'latvian'
    segs, words, t = [], [], 0.0
    for i, s in enumerate(sents):
        st = T(s)
        dur = .06 * len(st.plain())
        for w in st.plain().split(' ')[1:]:
            words.append({'word': ' ' + w, 'start': round(t, 2), 'end': round(t + .3, 2), 'probability': round(R.uniform(.6, 1), 4)})
        segs.append({'id': i, 'seek': int(t * 100) // 3000 * 3000, 'start': round(t, 2), 'end': round(t + dur, 2), 'text': st,
                     'tokens': [50364] + [n_(200, 50000) for _ in range(8)] + [50514], 'temperature': 0.0, 'avg_logprob': round(-R.uniform(.1, .5), 6),
                     'compression_ratio': round(R.uniform(1.1, 1.7), 6), 'no_speech_prob': round(R.uniform(0, .05), 6)})
        t += dur + .4
    full = T(*[T(s) for s in sents])
    full = T(*[(V(x.text, x.cat, x.form.replace('_segment', '_full_text'), x.pos, x.validator) if isinstance(x, V) else x) for x in full.parts])
    res = {'text': full, 'segments': segs, 'language': lang, 'words': words}
    d = jdoc(res, ascii_=True)
    write('asr/whisper/verbose_json/oral_history_%s_0042.json' % p.loc, d, check='json')


def f_i2b2():
    p = Person(pick(['fil', 'ms', 'pt', 'it']))
    doc1, doc2 = Person(pick(['it', 'pt', 'fil'])), Person(pick(['ms', 'da', 'fi']))
    rel = Person(p.loc)
    g = lambda k: '%s_i2b2_text' % k
    rec_date = other_date(2024, 2024)
    age = rec_date.year - p.dob.year
    pron = 'Ms.' if p.sex == 'f' else 'Mr.'
    vals = []

    def L(v, typ):
        vals.append((v, typ))
        return v
    text = T('\nRecord date: ', L(NEG(rec_date.isoformat(), 'dob', 'record_date_i2b2_text'), 'DATE'), '\n\n',
             '                     NORTHSHORE COMMUNITY CLINIC\n                     EMERGENCY DEPARTMENT VISIT\n\n',
             'PATIENT: ', L(p.name(g('name_patient'), latin=True), 'PATIENT'), '          MRN: ', str(n_(1000000, 9999999)), '\n',
             'DOB: ', L(p.dob_v(g('dob_us'), 'us'), 'DATE'), '          AGE: ', str(age), '\n',
             'ADDRESS: ', L(p.address(g('address'), latin=True), 'STREET'), '\n',
             'PHONE: ', L(p.phone(g('phone'), 'intl'), 'PHONE'), '\n',
             'PCP: Dr. ', L(doc1.name(g('name_doctor'), latin=True), 'DOCTOR'), '\n\n',
             'CHIEF COMPLAINT: chest pain and shortness of breath.\n\n',
             'HISTORY OF PRESENT ILLNESS: ', pron, ' ', L(P(p.family_l, 'name', g('surname_with_title')), 'PATIENT'), ' is a ', str(age),
             '-year-old with a history of hypertension who presents with 2 hours of substernal chest pain. ',
             'Seen by Dr. ', L(doc2.name(g('name_doctor'), latin=True), 'DOCTOR'), ' in clinic on ', L(NEG(other_date(2024, 2024).strftime('%m/%d/%Y'), 'dob', 'clinic_visit_date_i2b2_text'), 'DATE'),
             ' with normal ECG. No fever, no cough.\n\n',
             'SOCIAL HISTORY: lives with daughter. Emergency contact: ', L(rel.name(g('name_relative'), latin=True), 'PATIENT'), ', ',
             L(rel.phone(g('phone_relative'), 'e164'), 'PHONE'), ', ', L(rel.email(g('email_relative')), 'EMAIL'), '.\n\n',
             'ASSESSMENT AND PLAN: troponin x2, aspirin 325 mg, cardiology consult.\n\n',
             'Electronically signed by ', L(doc2.name(g('name_doctor_signature'), latin=True), 'DOCTOR'), ', MD ', L(NEG(rec_date.strftime('%m/%d/%Y') + ' 14:22', 'dob', 'signature_datetime_i2b2_text'), 'DATE'), '\n')
    raw = text.rawtext()
    pos, offs = 0, {}
    for part in text.parts:
        if isinstance(part, V):
            offs[id(part)] = (pos, pos + len(part.raw))
            pos += len(part.raw)
        else:
            pos += len(part)
    tagname = {'PATIENT': 'NAME', 'DOCTOR': 'NAME', 'DATE': 'DATE', 'STREET': 'LOCATION', 'PHONE': 'CONTACT', 'EMAIL': 'CONTACT'}
    pre = {'NAME': 'P', 'DATE': 'P', 'LOCATION': 'P', 'CONTACT': 'P'}
    d = Doc()
    d('<?xml version="1.0" encoding="UTF-8" ?>\n<deIdi2b2>\n<TEXT><![CDATA[', text, ']]></TEXT>\n<TAGS>\n')
    for k, (v, typ) in enumerate(vals):
        s, e = offs[id(v)]
        tv = V(v.text, v.cat, v.form.replace('_i2b2_text', '_i2b2_tag_attr'), v.pos, v.validator)
        d('<%s id="P%d" start="%d" end="%d" text="' % (tagname[typ], k, s, e))
        d(tv, esc=e_xattr)
        d('" TYPE="%s" comment="" />\n' % typ)
    d('</TAGS>\n</deIdi2b2>\n')
    write('datasets/deid/i2b2_style/train/%03d-%02d.xml' % (n_(100, 399), n_(1, 5)), d, check='xml')


def f_wandb():
    dev = Person(pick(['pt', 'fi', 'ca', 'hr']))
    run = 'run-20240311_%02d%02d%02d-%s' % (n_(0, 23), n_(0, 59), n_(0, 59), rs(LOW + DIG, 8))
    hf = S.hf()
    meta = {'os': 'Linux-5.15.0-1057-aws-x86_64-with-glibc2.31', 'python': '3.10.13', 'heartbeatAt': '2024-03-11T09:%02d:%02d.%06d' % (n_(0, 59), n_(0, 59), n_(0, 999999)),
            'startedAt': '2024-03-11T09:30:12.118204', 'docker': None, 'cuda': '12.1',
            'args': ['--model_name_or_path', 'meta-llama/Meta-Llama-3-8B', '--dataset_name', 'acme/support-sft-v3', '--hub_token', P(hf, 'secret', 'secret_hf_token_wandb_args'),
                     '--report_to', 'wandb', '--learning_rate', '2e-5'],
            'state': 'running', 'program': '/home/ubuntu/sft/train.py', 'codePathLocal': 'train.py',
            'git': {'remote': T('https://oauth2:', P(S.glpat(), 'secret', 'secret_gitlab_pat_in_git_remote_wandb'), '@gitlab.com/acme-ml/sft.git'),
                    'commit': NEG(sha1hex(), 'secret', 'git_commit_sha_wandb')},
            'email': dev.email('email_wandb_metadata'), 'root': '/home/ubuntu/sft', 'host': 'ip-10-0-3-17', 'username': 'ubuntu', 'executable': '/opt/conda/bin/python',
            'cpu_count': 48, 'cpu_count_logical': 96, 'disk': {'/': {'total': 1938.7, 'used': 611.2}},
            'gpu': 'NVIDIA A100-SXM4-80GB', 'gpu_count': 8, 'gpu_devices': [{'name': 'NVIDIA A100-SXM4-80GB', 'memory_total': 85899345920}] * 2,
            'memory': {'total': 1121.8}}
    d = jdoc(meta, indent=4)
    write('runs/wandb/%s/files/wandb-metadata.json' % run, d, check='json')
    o = Doc()
    o('wandb: Currently logged in as: ', dev.given_l.lower().split()[0], ' (acme-ml). Use `wandb login --relogin` to force relogin\n')
    o('wandb: Tracking run with wandb version 0.16.4\nwandb: Run data is saved locally in /home/ubuntu/sft/wandb/', run, '\n')
    o('Token has not been saved to git credential helper.\nYour token has been saved to /home/ubuntu/.cache/huggingface/token\nLogin successful\n')
    o('[2024-03-11 09:30:19,004] [INFO] [real_accelerator.py:191:get_accelerator] Setting ds_accelerator to cuda (auto detect)\n')
    o('env: WANDB_API_KEY=', P(S.wandb(), 'secret', 'secret_wandb_api_key_40hex_printed_env'), '\n')
    o('env: HF_TOKEN=', P(hf, 'secret', 'secret_hf_token_printed_env'), '\n')
    o('env: DATASET_CACHE=/mnt/nvme/cache  CUDA_VISIBLE_DEVICES=0,1,2,3,4,5,6,7\n')
    for step in range(0, 600, 50):
        o("{'loss': %.4f, 'grad_norm': %.3f, 'learning_rate': %.2e, 'epoch': %.2f}\n" % (R.uniform(.6, 1.9), R.uniform(.2, 3), 2e-5 * (1 - step / 700), step / 600))
    o('Saving model checkpoint to /mnt/nvme/ckpt/checkpoint-500\nchecksum sha256: ', NEG(sha256hex(), 'secret', 'checkpoint_sha256_wandb_log'), '\n')
    o('Traceback (most recent call last):\n  File "/home/ubuntu/sft/eval_callback.py", line 88, in on_evaluate\n    engine = create_engine(DB_URL)\n')
    o('sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server failed\n(Background on this error at: https://sqlalche.me/e/20/e3q8)\nDB_URL was: ',
      P(db_url('postgresql', 'evals', 'evals-db.internal', 'evals'), 'secret', 'secret_db_url_traceback_wandb_log'), '\n')
    o('wandb: 🚀 View run sft-llama3-8b-support-v3 at: https://wandb.ai/acme-ml/sft/runs/', run.split('-')[-1], '\n')
    o('wandb: Synced 6 W&B file(s), 0 media file(s), 2 artifact file(s) and 0 other file(s)\n')
    write('runs/wandb/%s/files/output.log' % run, o)


def f_home_backup():
    d = jdoc({'account': '', 'client_id': '764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com',
              'client_secret': NEG('d-FL95Q19q7MQmFpd7hHD0Ty', 'secret', 'gcloud_sdk_public_oauth_client_secret'),
              'quota_project_id': 'acme-ml-prod', 'refresh_token': P('1//0g' + rs(ALNUM + '-_', 98), 'secret', 'secret_gcloud_adc_refresh_token'),
              'type': 'authorized_user', 'universe_domain': 'googleapis.com'}, indent=2)
    write('ops/home_backup_mlops/.config/gcloud/application_default_credentials.json', d, check='json')
    u = Person('bn')
    d = Doc()
    d('{"username":"', re.sub(r'[^a-z]', '', u.given_l.lower() + u.family_l.lower()), '","key":"', P(S.kaggle(), 'secret', 'secret_kaggle_key_32hex'), '"}')
    write('ops/home_backup_mlops/.kaggle/kaggle.json', d, check='json')
    d = Doc()
    d('[ft-write]\nhf_token = ', P(S.hf(), 'secret', 'secret_hf_stored_token_ini'), '\n\n[readonly-ci]\nhf_token = ', P(S.hf(), 'secret', 'secret_hf_stored_token_ini'), '\n\n',
      '[old-revoked]\n# revoked 2024-02-01, kept for reference\nhf_token = ', NEG('hf_' + '*' * 30 + rs(string.ascii_letters, 4), 'secret', 'masked_hf_token_ini'), '\n')
    write('ops/home_backup_mlops/.cache/huggingface/stored_tokens', d)


def f_parquet_nordic():
    rows = []
    for i in range(24):
        loc = pick(['is', 'no', 'da', 'sv', 'fi'])
        p = Person(loc)
        agent = Person(loc)
        g = lambda k: '%s_%s_parquet' % (k, loc)
        msgs_plain = {'is': ['Góðan daginn, ég þarf að breyta heimilisfanginu mínu.', 'Takk fyrir, hvert er nýja heimilisfangið?'],
                      'no': ['Hei, jeg har flyttet og må oppdatere adressen.', 'Takk, hva er den nye adressen?'],
                      'da': ['Hej, jeg er flyttet og skal opdatere min adresse.', 'Tak, hvad er den nye adresse?'],
                      'sv': ['Hej, jag har flyttat och behöver uppdatera min adress.', 'Tack, vad är den nya adressen?'],
                      'fi': ['Hei, muutin ja haluan päivittää osoitteeni.', 'Kiitos, mikä on uusi osoite?']}[loc]
        lead = {'is': 'Nýja heimilisfangið er ', 'no': 'Ny adresse er ', 'da': 'Ny adresse er ', 'sv': 'Nya adressen är ', 'fi': 'Uusi osoite on '}[loc]
        which = pick(['address', 'phone', 'email'])
        if which != 'address':
            msgs_plain = {'is': ['Góðan daginn, ég þarf að uppfæra símanúmer og netfang.', 'Takk, hvað er nýja númerið eða netfangið?'],
                          'no': ['Hei, jeg må oppdatere telefonnummer og e-post.', 'Takk, hva er det nye nummeret eller e-posten?'],
                          'da': ['Hej, jeg skal opdatere mit telefonnummer og min e-mail.', 'Tak, hvad er det nye nummer eller e-mail?'],
                          'sv': ['Hej, jag behöver uppdatera telefonnummer och e-post.', 'Tack, vilket är det nya numret eller e-posten?'],
                          'fi': ['Hei, haluan päivittää puhelinnumeroni ja sähköpostini.', 'Kiitos, mikä on uusi numero tai sähköposti?']}[loc]
        v = {'address': p.address(g('address_in_message')), 'phone': p.phone(g('phone_in_message')), 'email': p.email(g('email_in_message'))}[which]
        if which != 'address':
            lead = {'is': 'Nýja símanúmerið / netfangið: ', 'no': 'Nytt nummer / e-post: ', 'da': 'Nyt nummer / e-mail: ', 'sv': 'Nytt nummer / e-post: ', 'fi': 'Uusi numero / sähköposti: '}[loc]
        msgs = [{'role': 'user', 'content': msgs_plain[0]}, {'role': 'assistant', 'content': msgs_plain[1]}, {'role': 'user', 'content': T(lead, v, '.')}]
        summ = pick(['id', 'placeholder'])
        summary = (T('Customer verified with personal id ', p.nid(g('national_id_in_summary')), '; contact details updated.') if summ == 'id'
                   else T('Customer ', NEG('[PERSONAL_ID]', 'national_id', 'placeholder_personal_id_parquet_summary'), ' updated contact details.'))
        rows.append({'conversation_id': NEG(ruuid(), 'secret', 'uuid_conversation_id_parquet'), 'locale': {'is': 'is-IS', 'no': 'nb-NO', 'da': 'da-DK', 'sv': 'sv-SE', 'fi': 'fi-FI'}[loc],
                     'customer': {'name': p.name(g('name_customer')), 'email': p.email(g('email_customer')), 'phone': p.phone(g('phone_customer'), 'e164'),
                                  'personal_id': p.nid(g('national_id_customer')), 'iban': p.iban(g('iban_customer'), printed=False),
                                  'birth_date': p.dob_v(g('dob_customer'), 'iso')},
                     'agent': {'display_name': agent.name(g('name_agent')), 'team': 'tier1-nordics'},
                     'messages': msgs, 'summary': summary,
                     'created_date': NEG(other_date(2024, 2024).isoformat(), 'dob', 'created_date_parquet')})
    st = pa.string()
    schema = pa.schema([('conversation_id', st), ('locale', st),
                        ('customer', pa.struct([('name', st), ('email', st), ('phone', st), ('personal_id', st), ('iban', st), ('birth_date', st)])),
                        ('agent', pa.struct([('display_name', st), ('team', st)])),
                        ('messages', pa.list_(pa.struct([('role', st), ('content', st)]))), ('summary', st), ('created_date', st)])
    write_parquet('lake/sft/nordic_support_conversations/part-00000-of-00001.parquet', schema, rows, row_group_size=12)


def f_mpesa():
    rows = [['id', 'sender', 'received_at', 'body', 'category']]
    for i in range(40):
        loc = pick(['sw_ke', 'sw_ke', 'sw_ke', 'sw_tz'])
        p = Person(loc)
        code = NEG(rs(UP, 2) + rs(UP + DIG, 8), 'secret', 'mpesa_txn_code_sms')
        d0 = ts()
        when = '%d/%d/%s at %d:%02d %s' % (d0.day, d0.month, str(d0.year)[2:], (d0.hour % 12) or 12, d0.minute, 'PM' if d0.hour >= 12 else 'AM')
        kind = R.randrange(6)
        g = lambda k: '%s_%s_mpesa_sms' % (k, loc)
        if loc == 'sw_tz':
            body = T(code, ' Imethibitishwa. Umepokea Tsh', '{:,}'.format(n_(5, 500) * 1000), ' kutoka kwa ', P(phone_str(p.phone_num, 'e164')[1:], 'phone', g('phone_msisdn')),
                     ' - ', P(upper_name(p), 'name', g('name_upper')), ' tarehe ', when, '. Salio jipya ni Tsh', '{:,}'.format(n_(10, 900) * 1000), '.')
            sender, cat = 'M-PESA', 'transaction'
        elif kind in (0, 1):
            body = T(code, ' Confirmed. Ksh', '{:,.2f}'.format(n_(50, 20000)), ' sent to ', P(upper_name(p), 'name', g('name_upper')), ' ',
                     p.phone(g('phone'), 'nat_flat'), ' on ', when, '. New M-PESA balance is Ksh', '{:,.2f}'.format(R.uniform(10, 50000)), '. Transaction cost, Ksh',
                     '{:.2f}'.format(pick([0, 7, 13, 23, 33])), '.')
            sender, cat = 'MPESA', 'transaction'
        elif kind == 2:
            body = T(code, ' Confirmed. Ksh', '{:,.2f}'.format(n_(100, 8000)), ' paid to ', pick(['KPLC PREPAID', 'NAIVAS SUPERMARKET', 'JAVA HOUSE']), '. Account ',
                     NEG(neg_digits(11), 'phone', 'paybill_account_number_sms'), ' on ', when, '.')
            sender, cat = 'MPESA', 'transaction'
        elif kind == 3:
            q = Person(loc)
            body = T('Habari ', q.given_l, ', mimi ni ', p.name(g('name')), '. Nitumie kwa namba ', p.phone(g('phone'), 'nat'),
                     ' au barua pepe ', p.email(g('email')), '. Niko ', p.address(g('address')), '.')
            sender, cat = P(phone_str(p.phone_num, 'intl'), 'phone', g('phone_sender_column')), 'personal'
        elif kind == 4:
            body = T('Hongera! Umeshinda Ksh 50,000 kwenye droo ya Safaricom. Tuma Ksh 1,000 kwa ', p.phone(g('phone_scam'), 'nat_flat'), ' kupokea zawadi. Ref ',
                     NEG(rs(UP, 3) + rs(DIG, 6), 'secret', 'scam_ref_code_sms'))
            sender, cat = P(phone_str(p.phone_num, 'intl'), 'phone', g('phone_sender_column')), 'spam'
        else:
            body = T('Dear customer, your OTP is ', NEG(rs(DIG, 6), 'phone', 'otp_6_digits_sms'), '. Do not share it with anyone. Till No. ',
                     NEG('%d' % n_(5000000, 9999999), 'phone', 'till_number_7_digits_sms'))
            sender, cat = 'SAFARICOM', 'otp'
        rows.append([str(100000 + i), sender, NEG(d0.strftime('%Y-%m-%d %H:%M:%S'), 'dob', 'received_at_sms'), body, cat])
    d = emit_csv(Doc(), rows)
    write('datasets/sms/mpesa_sms_corpus_sw_v2.csv', d, check='csv')


# =============================================================================
# B. health
# =============================================================================
def addr_parts(p):
    """(street line, second line, city) of a person's address."""
    parts = p.addr_l.split(', ')
    loc = p.loc
    if loc in ('pt', 'br', 'ca'):
        a1, a2 = parts[0] + ', ' + parts[1], parts[2]
        city = parts[3] if loc == 'br' else re.sub(r'^[\d\-]+ ', '', parts[-1])
        return a1, a2, city.split(' - ')[0]
    if loc == 'mx':
        return parts[0], parts[1] + ', ' + parts[2], parts[3]
    if loc in ('co', 'cl'):
        return parts[0], parts[1], parts[2]
    if loc == 'ar':
        return parts[0], parts[1], parts[2].split(' ', 1)[1]
    if loc == 'it':
        return parts[0], '', re.sub(r'^\d+ | \(..\)$', '', parts[1])
    return parts[0], (parts[1] if len(parts) > 2 else ''), parts[-1]


def f_fhir():
    d = Doc()
    for i in range(16):
        loc = pick(['br', 'br', 'pt', 'cl'])
        p = Person(loc)
        doc = Person(loc)
        sysurl, kind = {'br': ('https://saude.gov.br/fhir/sid/cpf', 'br.cpf'), 'pt': ('http://spms.min-saude.pt/fhir/sid/nif', 'pt.nif'),
                        'cl': ('http://regcivil.cl/Validacion/RUN', 'cl.rut')}[loc]
        g = lambda k: '%s_%s_fhir_bulk' % (k, loc)
        a1, a2, last = addr_parts(p)
        res = {'resourceType': 'Patient', 'id': ruuid(),
               'meta': {'versionId': str(n_(1, 9)), 'lastUpdated': NEG('2024-03-%02dT%02d:%02d:%02d.%03d+00:00' % (n_(1, 10), n_(0, 23), n_(0, 59), n_(0, 59), n_(0, 999)), 'dob', 'fhir_meta_lastupdated')},
               'identifier': [{'use': 'official', 'system': sysurl, 'value': p.nid(g(kind.replace('.', '_')), kind)},
                              {'use': 'usual', 'system': 'urn:oid:2.16.840.1.113883.3.%d.1' % n_(1000, 9999), 'value': 'MRN%07d' % n_(1, 9999999)}],
               'active': True,
               'name': [{'use': 'official', 'text': p.name(g('name_text')), 'family': P(p.family, 'name', g('name_family')), 'given': p.given.split()}],
               'telecom': [{'system': 'phone', 'value': p.phone(g('phone')), 'use': 'mobile'}, {'system': 'email', 'value': p.email(g('email')), 'use': 'home'}],
               'gender': 'female' if p.sex == 'f' else 'male', 'birthDate': p.dob_v(g('dob_birthdate'), 'iso'),
               'address': [{'use': 'home', 'type': 'physical', 'text': p.address(g('address_text')), 'line': [P(a1, 'address', g('address_line'))] + ([a2] if a2 else []),
                            'country': {'br': 'BR', 'pt': 'PT', 'cl': 'CL'}[loc]}],
               'generalPractitioner': [{'reference': 'Practitioner/' + ruuid(), 'display': T('Dr(a). ', doc.name(g('name_practitioner_display')))}]}
        emit_json(d, res, seps=(',', ':'))
        d('\n')
    write('fhir/bulk/export_2024-03-11/Patient.000.ndjson.gz', d, compress='gz', check='jsonl')


def _dcm(d, tag, vr, value, name, label=None):
    shown = plain(value) if label is None else label.text
    n = len(shown.encode('utf-8'))
    n += n % 2
    d('(%s) %s [' % (tag, vr))
    d(label if label is not None else value)
    line = '(%s) %s [%s]' % (tag, vr, shown)
    pad = max(1, 56 - len(line))
    d(']' + ' ' * pad + '# %3d, 1 %s\n' % (n, name))


def f_dicom():
    d = Doc()
    for inst in range(4):
        loc = pick(['ca', 'eu', 'it', 'it'])
        p = Person(loc)
        ref, op = Person(loc), Person(loc)
        g = lambda k: '%s_%s_dcmdump' % (k, loc)
        sd = other_date(2024, 2024)
        uid = '1.2.840.113619.2.55.3.%d.%d.%d.%d' % (n_(10 ** 8, 10 ** 9), n_(100, 999), n_(10 ** 9, 2 * 10 ** 9), n_(1, 400))
        d('\n# Dicom-File-Format\n\n# Dicom-Meta-Information-Header\n# Used TransferSyntax: Little Endian Explicit\n')
        d('(0002,0000) UL 204                                     #   4, 1 FileMetaInformationGroupLength\n')
        _dcm(d, '0002,0003', 'UI', uid, 'MediaStorageSOPInstanceUID')
        d('(0002,0010) UI =LittleEndianExplicit                   #  20, 1 TransferSyntaxUID\n\n# Dicom-Data-Set\n# Used TransferSyntax: Little Endian Explicit\n')
        _dcm(d, '0008,0005', 'CS', 'ISO_IR 192', 'SpecificCharacterSet')
        _dcm(d, '0008,0020', 'DA', None, 'StudyDate', NEG(sd.strftime('%Y%m%d'), 'dob', 'study_date_da_dcmdump'))
        _dcm(d, '0008,0030', 'TM', '%02d%02d%02d' % (n_(7, 20), n_(0, 59), n_(0, 59)), 'StudyTime')
        _dcm(d, '0008,0050', 'SH', None, 'AccessionNumber', NEG('A' + neg_digits(11, '2'), 'national_id', 'accession_number_dcmdump'))
        _dcm(d, '0008,0060', 'CS', pick(['CT', 'MR', 'CR']), 'Modality')
        _dcm(d, '0008,0080', 'LO', {'ca': "Hospital Universitari Vall d'Hebron", 'eu': 'Donostia Unibertsitate Ospitalea', 'it': 'Ospedale Niguarda Ca\' Granda'}[loc], 'InstitutionName')
        rn = '%s^%s^^Dr.' % (fold(ref.family_parts[0]).upper() if loc != 'it' else ref.family, ref.given.split()[0])
        _dcm(d, '0008,0090', 'PN', None, 'ReferringPhysicianName', P(rn, 'name', g('name_referring_physician_pn')))
        _dcm(d, '0008,1070', 'PN', None, 'OperatorsName', P('%s^%s' % (op.family_parts[0], op.given.split()[0]), 'name', g('name_operator_pn')))
        pnv = '%s^%s' % (' '.join(p.family_parts).upper(), p.given.upper())
        _dcm(d, '0010,0010', 'PN', None, 'PatientName', P(pnv, 'name', g('name_patient_pn')))
        _dcm(d, '0010,0020', 'LO', 'NHC%07d' % n_(1, 9999999), 'PatientID')
        _dcm(d, '0010,0030', 'DA', None, 'PatientBirthDate', p.dob_v(g('dob_da'), 'dicom'))
        _dcm(d, '0010,0040', 'CS', 'F' if p.sex == 'f' else 'M', 'PatientSex')
        kind = 'it.codicefiscale' if loc == 'it' else 'es.dni'
        _dcm(d, '0010,1000', 'LO', None, 'OtherPatientIDs', p.nid(g(kind.replace('.', '_')), kind))
        _dcm(d, '0010,1010', 'AS', '%03dY' % (sd.year - p.dob.year), 'PatientAge')
        _dcm(d, '0010,1040', 'LO', None, 'PatientAddress', p.address(g('address')))
        _dcm(d, '0010,2154', 'SH', None, 'PatientTelephoneNumbers', p.phone(g('phone'), pick(['e164', 'nat_flat'])))
        _dcm(d, '0018,0015', 'CS', pick(['CHEST', 'HEAD', 'ABDOMEN', 'KNEE']), 'BodyPartExamined')
        _dcm(d, '0018,1020', 'LO', None, 'SoftwareVersions', NEG('%d.%d.%d.%d' % (n_(1, 30), n_(0, 20), n_(0, 99), n_(1, 250)), 'ip', 'software_version_dotted_dcmdump'))
        _dcm(d, '0020,000d', 'UI', uid.rsplit('.', 1)[0] + '.1', 'StudyInstanceUID')
        _dcm(d, '0020,000e', 'UI', uid.rsplit('.', 1)[0] + '.2', 'SeriesInstanceUID')
        d('(7fe0,0010) OW (no value available)                  #   0, 1 PixelData\n')
    write('imaging/dicom/study_export_0042_dcmdump.txt', d)


# =============================================================================
# C. commerce, documents, personal exports
# =============================================================================
def f_shopify():
    cols = ['Name', 'Email', 'Financial Status', 'Paid at', 'Fulfillment Status', 'Fulfilled at', 'Accepts Marketing', 'Currency', 'Subtotal', 'Shipping', 'Taxes', 'Total',
            'Discount Code', 'Discount Amount', 'Shipping Method', 'Created at', 'Lineitem quantity', 'Lineitem name', 'Lineitem price', 'Lineitem sku',
            'Billing Name', 'Billing Street', 'Billing Address1', 'Billing Address2', 'Billing Company', 'Billing City', 'Billing Zip', 'Billing Province', 'Billing Country',
            'Billing Phone', 'Shipping Name', 'Shipping Street', 'Shipping Address1', 'Shipping Address2', 'Shipping Company', 'Shipping City', 'Shipping Zip',
            'Shipping Province', 'Shipping Country', 'Shipping Phone', 'Notes', 'Payment Method', 'Payment Reference', 'Id', 'Tags', 'Risk Level', 'Source', 'Phone',
            'Receipt Number', 'Payment ID']
    rows = [cols]
    items = [('Café de Chiapas 500 g', 189.0), ('Taza de barro negro', 245.0), ('Tote bag bordada', 320.0), ('Mezcal artesanal 750 ml', 890.0), ('Chocolate de Oaxaca', 95.0)]
    for i in range(18):
        loc = pick(['mx', 'mx', 'co', 'cl', 'ar'])
        p = Person(loc)
        g = lambda k: '%s_%s_shopify' % (k, loc)
        a1, a2, last = addr_parts(p)
        created = ts()
        lines = R.sample(items, n_(1, 3))
        sub = sum(x[1] for x in lines)
        cur = {'mx': 'MXN', 'co': 'COP', 'cl': 'CLP', 'ar': 'ARS'}[loc]
        cc = {'mx': 'MX', 'co': 'CO', 'cl': 'CL', 'ar': 'AR'}[loc]
        zipf = lambda x: (lambda z: ("'" + z[0]) if z else '')(re.findall(r'\b(\d{5}|[A-Z]\d{4}[A-Z]{0,3})\b', x.addr))
        zipc = zipf(p)
        ship_other = chance(.3)
        q = Person(loc) if ship_other else p
        qzip = zipf(q)
        qa1, qa2, qlast = addr_parts(q)
        note = T('Favor de llamar al ', p.phone(g('phone_in_notes'), 'nat'), ' antes de entregar; si no estoy, dejar con el portero.') if chance(.4) else ''
        for li, (nm, pr) in enumerate(lines):
            if li == 0:
                row = ['#%d' % (1000 + i * 3), p.email(g('email')), 'paid', created.strftime('%Y-%m-%d %H:%M:%S -0600'), pick(['fulfilled', 'unfulfilled']), '',
                       pick(['yes', 'no']), cur, '%.2f' % sub, '99.00', '%.2f' % (sub * .16), '%.2f' % (sub * 1.16 + 99), pick(['', 'BIENVENIDA10', 'BUENFIN']), '0.00',
                       'Envío estándar', NEG(created.strftime('%Y-%m-%d %H:%M:%S -0600'), 'dob', 'created_at_shopify'), str(n_(1, 3)), nm, '%.2f' % pr, 'SKU-%05d' % n_(1, 99999),
                       p.name(g('name_billing')), P(a1 + (', ' + a2 if a2 else ''), 'address', g('address_billing_street')), P(a1, 'address', g('address_billing_address1')),
                       a2, '', last, zipc, '', cc, p.phone(g('phone_billing'), 'e164'),
                       q.name(g('name_shipping')), P(qa1 + (', ' + qa2 if qa2 else ''), 'address', g('address_shipping_street')), P(qa1, 'address', g('address_shipping_address1')),
                       qa2, '', qlast, qzip, '', cc, q.phone(g('phone_shipping'), 'e164'), note, pick(['Mercado Pago', 'Shopify Payments', 'PayPal Express Checkout']),
                       NEG(clean_neg(lambda: 'c%s.1' % rs(DIG, 11)), 'phone', 'payment_reference_shopify'), NEG(neg_digits(13, '5'), 'phone', 'order_id_13_digits_shopify'), '', 'Low', 'web',
                       T("'", p.phone(g('phone_customer_leading_apostrophe'), 'e164')), NEG(neg_digits(10), 'phone', 'receipt_number_shopify'),
                       NEG('r' + rs(ALNUM, 20), 'secret', 'payment_id_shopify')]
            else:
                row = ['#%d' % (1000 + i * 3), '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', str(n_(1, 3)), nm, '%.2f' % pr, 'SKU-%05d' % n_(1, 99999)] + [''] * (len(cols) - 20)
            rows.append(row)
    test = [''] * len(cols)
    vals = {'Name': '#TEST-1', 'Email': NEG('qa+checkout@example.com', 'email', 'reserved_domain_shopify_test_order'), 'Financial Status': 'paid', 'Currency': 'MXN',
            'Lineitem quantity': '1', 'Lineitem name': 'Producto de prueba', 'Lineitem price': '1.00', 'Billing Name': NEG('Nombre Apellido', 'name', 'placeholder_name_shopify_test_order'),
            'Billing Street': NEG('Calle Falsa 123', 'address', 'placeholder_address_shopify_test_order'), 'Billing Country': 'MX', 'Payment Method': 'Bogus Gateway',
            'Notes': 'pedido de prueba, tarjeta 4242 4242 4242 4242', 'Id': NEG(neg_digits(13, '5'), 'phone', 'order_id_13_digits_shopify'), 'Tags': 'test'}
    for k, v in vals.items():
        test[cols.index(k)] = v
    rows.append(test)
    d = emit_csv(Doc(), rows)
    write('shop/shopify/orders_export_1.csv', d, check='csv')


def f_stripe():
    d = Doc()
    for i in range(14):
        loc = pick(['br', 'mx', 'pt', 'cl'])
        p = Person(loc)
        g = lambda k: '%s_%s_stripe_event' % (k, loc)
        a1, a2, last = addr_parts(p)
        typ = pick(['charge.succeeded', 'charge.succeeded', 'customer.created', 'charge.refunded'])
        cus = NEG('cus_' + rs(ALNUM, 14), 'secret', 'stripe_customer_id')
        created = V(epoch_neg(), 'phone', 'neg_epoch_stripe_created', False, bare=True)
        if typ == 'customer.created':
            md = {'cpf': p.nid(g('br_cpf_metadata'), 'br.cpf')} if loc == 'br' else ({'rfc': p.nid(g('mx_rfc_metadata'), 'mx.rfc')} if loc == 'mx' else {'crm_id': str(n_(10000, 99999))})
            obj = {'id': cus, 'object': 'customer', 'address': {'city': last, 'country': loc.upper(), 'line1': P(a1, 'address', g('address_line1')), 'line2': a2 or None,
                                                              'postal_code': None, 'state': None},
                   'balance': 0, 'created': created, 'currency': None, 'email': p.email(g('email')), 'invoice_prefix': rs(UP + DIG, 8), 'livemode': True, 'metadata': md,
                   'name': p.name(g('name')), 'phone': p.phone(g('phone'), 'e164'), 'preferred_locales': [{'br': 'pt-BR', 'mx': 'es-419', 'pt': 'pt-PT', 'cl': 'es-419'}[loc]]}
        else:
            last4 = rs(DIG, 4)
            obj = {'id': NEG('ch_3O' + rs(ALNUM, 22), 'secret', 'stripe_charge_id'), 'object': 'charge', 'amount': n_(1000, 300000), 'amount_captured': n_(1000, 300000),
                   'amount_refunded': 0 if typ == 'charge.succeeded' else n_(1000, 5000),
                   'billing_details': {'address': {'city': last, 'country': loc.upper(), 'line1': P(a1, 'address', g('address_billing_line1')), 'line2': a2 or None,
                                                   'postal_code': None, 'state': None},
                                       'email': p.email(g('email_billing')), 'name': p.name(g('name_billing')), 'phone': p.phone(g('phone_billing'), 'e164')},
                   'calculated_statement_descriptor': 'LOJADOZE', 'captured': True, 'created': created, 'currency': {'br': 'brl', 'mx': 'mxn', 'pt': 'eur', 'cl': 'clp'}[loc],
                   'customer': cus, 'livemode': True, 'paid': True, 'payment_intent': NEG('pi_3O' + rs(ALNUM, 22), 'secret', 'stripe_payment_intent_id'),
                   'payment_method_details': {'card': {'brand': pick(['visa', 'mastercard', 'amex']), 'checks': {'cvc_check': 'pass'}, 'country': loc.upper(),
                                                       'exp_month': n_(1, 12), 'exp_year': n_(2025, 2030), 'fingerprint': NEG(rs(ALNUM, 16), 'secret', 'stripe_card_fingerprint'),
                                                       'funding': 'credit', 'last4': last4, 'network': 'visa'}, 'type': 'card'},
                   'receipt_email': p.email(g('email_receipt')), 'receipt_number': None, 'status': 'succeeded'}
        evt = {'id': NEG('evt_3O' + rs(ALNUM, 22), 'secret', 'stripe_event_id'), 'object': 'event', 'api_version': '2023-10-16', 'created': created,
               'data': {'object': obj}, 'livemode': True, 'pending_webhooks': 1,
               'request': {'id': NEG('req_' + rs(ALNUM, 14), 'secret', 'stripe_request_id'), 'idempotency_key': NEG(ruuid(), 'secret', 'uuid_idempotency_key_stripe')},
               'type': typ}
        emit_json(d, evt)
        d('\n')
    write('payments/stripe/webhook_events_2024-03-11.jsonl', d, check='jsonl')


def f_paypal():
    d = Doc()
    for i in range(14):
        loc = pick(['pt', 'it', 'ca', 'br'])
        p = Person(loc)
        g = lambda k: '%s_%s_paypal_ipn_urlencoded' % (k, loc)
        a1, a2, last = addr_parts(p)
        t0 = ts()
        ph = p.phone(g('phone'), 'intl')
        fields = [('mc_gross', '%.2f' % R.uniform(5, 300)), ('protection_eligibility', 'Eligible'), ('address_status', 'confirmed'),
                  ('payer_id', NEG(rs(UP + DIG, 13), 'secret', 'paypal_payer_id')), ('address_street', P(a1 + (', ' + a2 if a2 else ''), 'address', g('address_street'))),
                  ('payment_date', t0.strftime('%H:%M:%S %b %d, %Y PDT')), ('payment_status', 'Completed'), ('charset', 'UTF-8'),
                  ('first_name', p.given_l), ('mc_fee', '%.2f' % R.uniform(.3, 9)), ('address_country_code', {'pt': 'PT', 'it': 'IT', 'ca': 'ES', 'br': 'BR'}[loc]),
                  ('address_name', p.name(g('name_address_name'))), ('notify_version', '3.9'), ('custom', ''), ('payer_status', 'verified'),
                  ('business', 'pagamentos@lojadoze.example'), ('address_city', last), ('verify_sign', NEG(rs(ALNUM, 26) + '.' + rs(ALNUM + '-', 29), 'secret', 'paypal_verify_sign')),
                  ('payer_email', p.email(g('email_payer'))), ('contact_phone', ph), ('txn_id', NEG(rs(DIG, 1) + rs(UP + DIG, 16), 'secret', 'paypal_txn_id')),
                  ('payment_type', 'instant'), ('last_name', p.family_l), ('receiver_email', 'pagamentos@lojadoze.example'), ('txn_type', 'web_accept'),
                  ('item_name', 'Encomenda %d' % n_(1000, 9999)), ('mc_currency', 'EUR' if loc != 'br' else 'BRL'), ('residence_country', {'pt': 'PT', 'it': 'IT', 'ca': 'ES', 'br': 'BR'}[loc]),
                  ('ipn_track_id', NEG(rs(HEXL, 13), 'secret', 'paypal_ipn_track_id'))]
        body = join('&', [T(k, '=', T(v).parts[0].esc(e_url) if isinstance(v, V) else quote_plus(v, safe='')) for k, v in fields])
        d(t0.strftime('%Y-%m-%d %H:%M:%S'), ',%03d INFO  [ipn-listener] POST /paypal/ipn from 173.0.82.126 verified=VERIFIED body=' % n_(0, 999), body, '\n')
        if chance(.3):
            d(t0.strftime('%Y-%m-%d %H:%M:%S'), ',%03d WARN  [ipn-listener] duplicate txn ignored\n' % n_(0, 999))
    write('payments/paypal/ipn_listener_2024-03.log', d)


def f_psp_debug():
    d = Doc()
    brands = list(BRANDS)
    for i in range(22):
        brand = brands[i % len(brands)]
        loc = pick(['it', 'pt', 'hr', 'cs', 'lt', 'br', 'mx', 'hi', 'ms', 'da'])
        p = Person(loc)
        g = lambda k: '%s_psp_debug' % k
        pan = gen_card(brand)
        t0 = ts()
        ref = 'ORD-2024-%s' % neg_digits(8)
        pspref = NEG(neg_digits(16, '8'), 'card', 'psp_reference_16_digits_luhn_fail', validator='luhn')
        if i % 3 == 0:
            body = T('{"merchantAccount":"AcmeShopEU","amount":{"currency":"EUR","value":', str(n_(500, 90000)), '},"reference":"', ref,
                     '","card":{"number":"', P(card_fmt(pan, pick(['flat', 'space'])), 'card', 'card_%s_psp_request_json' % brand, validator='luhn'),
                     '","expiryMonth":"%02d","expiryYear":"20%d","cvc":"%s","holderName":"' % (n_(1, 12), n_(25, 31), rs(DIG, 3)), P(fold(p.full_l).upper(), 'name', g('name_card_holder')),
                     '"},"shopperEmail":"', p.email(g('email_shopper')), '","shopperIP":"', P(pub_ipv4(), 'ip', g('ip_shopper')), '"}')
            d(t0.isoformat(), '.%03dZ DEBUG [acquirer-client] >>> POST /v68/payments ' % n_(0, 999), body, '\n')
            d(t0.isoformat(), '.%03dZ DEBUG [acquirer-client] <<< 200 {"pspReference":"' % n_(0, 999), pspref, '","resultCode":"Authorised","authCode":"%s","cardSummary":"%s","cardBin":"' % (rs(DIG, 6), pan[-4:]),
              NEG(pan[:6], 'card', 'card_bin_6_digits_psp'), '"}\n')
        elif i % 3 == 1:
            d(t0.isoformat(), '.%03dZ DEBUG [iso8583] MTI=0100 (authorization request)\n' % n_(0, 999))
            d('    DE002 PAN ............: ', P(pan, 'card', 'card_%s_iso8583_de002' % brand, validator='luhn'), '\n')
            d('    DE004 AMOUNT .........: %012d\n' % n_(500, 90000))
            d('    DE035 TRACK2 .........: ', P(pan, 'card', 'card_%s_iso8583_track2_pan' % brand, validator='luhn'), '=%02d%02d101%s\n' % (n_(25, 31), n_(1, 12), rs(DIG, 11)))
            d('    DE037 RRN ............: ', NEG(neg_digits(12), 'phone', 'iso8583_rrn_12_digits'), '\n')
            d('    DE041 TERMINAL ID ....: T%07d\n' % n_(1, 9999999))
            d('    DE043 CARD ACCEPTOR ..: LOJADOZE ONLINE         LISBOA       PT\n')
        else:
            masked = clean_neg(lambda: (lambda x: x[:6] + '*' * (len(x) - 10) + x[-4:])(gen_card(brand)))
            d(t0.isoformat(), '.%03dZ INFO  [tokenizer] token created for ' % n_(0, 999), NEG(masked, 'card', 'masked_pan_first6_last4_psp'), ' holder=', p.name(g('name_holder_info_log'), latin=True),
              ' arn=', NEG(neg_digits(23, '7'), 'card', 'acquirer_reference_number_23_digits'), '\n')
            d(t0.isoformat(), '.%03dZ WARN  [legacy-3ds] fallback payload contains PAN: ' % n_(0, 999), P(card_fmt(pan, 'dash'), 'card', 'card_%s_legacy_warn_dashes' % brand, validator='luhn'), '\n')
    d('2024-03-11T23:59:59.999Z INFO  [selftest] test card ', '4111 1111 1111 1111', ' -> Authorised (sandbox)\n')
    write('payments/gateway/psp-debug-2024-03-11.log', d)


def _xel(d, ind, tag, val):
    d(' ' * ind + '<%s>' % tag)
    d(val, esc=e_xml)
    d('</%s>\n' % tag)


def f_fatturapa():
    ced = Person('it', belfiore=pick(['F205', 'L219']))
    ces = Person('it')
    g = lambda k: '%s_fatturapa' % k
    piva = retry(lambda: brute('it.iva', R.choice('01') + rs(DIG, 9)))
    d = Doc()
    d('<?xml version="1.0" encoding="UTF-8"?>\n<p:FatturaElettronica versione="FPR12" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" '
      'xmlns:p="http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n')
    d('  <FatturaElettronicaHeader>\n    <DatiTrasmissione>\n      <IdTrasmittente>\n        <IdPaese>IT</IdPaese>\n')
    _xel(d, 8, 'IdCodice', ced.nid(g('it_cf_id_trasmittente')))
    d('      </IdTrasmittente>\n')
    _xel(d, 6, 'ProgressivoInvio', NEG(rs(UP + DIG, 5), 'secret', 'progressivo_invio_fatturapa'))
    d('      <FormatoTrasmissione>FPR12</FormatoTrasmissione>\n      <CodiceDestinatario>0000000</CodiceDestinatario>\n')
    _xel(d, 6, 'PECDestinatario', ces.email(g('email_pec_destinatario'), domain=pick(['pec.it', 'legalmail.it', 'postacert.it'])))
    d('    </DatiTrasmissione>\n    <CedentePrestatore>\n      <DatiAnagrafici>\n        <IdFiscaleIVA>\n          <IdPaese>IT</IdPaese>\n')
    _xel(d, 10, 'IdCodice', piva)
    d('        </IdFiscaleIVA>\n')
    _xel(d, 8, 'CodiceFiscale', ced.nid(g('it_cf_cedente')))
    d('        <Anagrafica>\n')
    _xel(d, 10, 'Nome', P(ced.given, 'name', g('name_nome_cedente')))
    _xel(d, 10, 'Cognome', P(ced.family, 'name', g('name_cognome_cedente')))
    d('        </Anagrafica>\n        <RegimeFiscale>RF19</RegimeFiscale>\n      </DatiAnagrafici>\n      <Sede>\n')
    street, rest = ced.addr.split(', ', 1)
    cap, com = re.match(r'(\d{5}) (.+) \(', rest).groups()
    _xel(d, 8, 'Indirizzo', P(street, 'address', g('address_indirizzo_cedente')))
    d('        <CAP>%s</CAP>\n        <Comune>%s</Comune>\n        <Provincia>%s</Provincia>\n        <Nazione>IT</Nazione>\n      </Sede>\n      <Contatti>\n' % (cap, com, rest[-3:-1]))
    _xel(d, 8, 'Telefono', ced.phone(g('phone_telefono_cedente'), pick(['nat', 'nat_flat'])))
    _xel(d, 8, 'Email', ced.email(g('email_cedente')))
    d('      </Contatti>\n    </CedentePrestatore>\n    <CessionarioCommittente>\n      <DatiAnagrafici>\n')
    _xel(d, 8, 'CodiceFiscale', ces.nid(g('it_cf_cessionario')))
    d('        <Anagrafica>\n')
    _xel(d, 10, 'Nome', P(ces.given, 'name', g('name_nome_cessionario')))
    _xel(d, 10, 'Cognome', P(ces.family, 'name', g('name_cognome_cessionario')))
    d('        </Anagrafica>\n      </DatiAnagrafici>\n      <Sede>\n')
    street2, rest2 = ces.addr.split(', ', 1)
    cap2, com2 = re.match(r'(\d{5}) (.+) \(', rest2).groups()
    _xel(d, 8, 'Indirizzo', P(street2, 'address', g('address_indirizzo_cessionario')))
    d('        <CAP>%s</CAP>\n        <Comune>%s</Comune>\n        <Provincia>%s</Provincia>\n        <Nazione>IT</Nazione>\n      </Sede>\n    </CessionarioCommittente>\n  </FatturaElettronicaHeader>\n' % (cap2, com2, rest2[-3:-1]))
    for b in range(2):
        dd = other_date(2024, 2024)
        amt = R.uniform(200, 3000)
        d('  <FatturaElettronicaBody>\n    <DatiGenerali>\n      <DatiGeneraliDocumento>\n        <TipoDocumento>TD01</TipoDocumento>\n        <Divisa>EUR</Divisa>\n')
        _xel(d, 8, 'Data', NEG(dd.isoformat(), 'dob', 'data_documento_fatturapa'))
        _xel(d, 8, 'Numero', NEG('%d/%d' % (n_(1, 300), dd.year), 'phone', 'numero_fattura_fatturapa'))
        d('        <ImportoTotaleDocumento>%.2f</ImportoTotaleDocumento>\n        <Causale>Consulenza informatica - ' % (amt * 1.22))
        d(pick(['febbraio', 'marzo']), ' 2024</Causale>\n      </DatiGeneraliDocumento>\n    </DatiGenerali>\n    <DatiBeniServizi>\n      <DettaglioLinee>\n        <NumeroLinea>1</NumeroLinea>\n')
        d('        <Descrizione>Sviluppo modulo gestionale</Descrizione>\n        <Quantita>1.00</Quantita>\n        <PrezzoUnitario>%.2f</PrezzoUnitario>\n        <PrezzoTotale>%.2f</PrezzoTotale>\n        <AliquotaIVA>22.00</AliquotaIVA>\n      </DettaglioLinee>\n' % (amt, amt))
        d('      <DatiRiepilogo>\n        <AliquotaIVA>22.00</AliquotaIVA>\n        <ImponibileImporto>%.2f</ImponibileImporto>\n        <Imposta>%.2f</Imposta>\n        <EsigibilitaIVA>I</EsigibilitaIVA>\n      </DatiRiepilogo>\n    </DatiBeniServizi>\n' % (amt, amt * .22))
        d('    <DatiPagamento>\n      <CondizioniPagamento>TP02</CondizioniPagamento>\n      <DettaglioPagamento>\n        <ModalitaPagamento>MP05</ModalitaPagamento>\n')
        _xel(d, 8, 'DataScadenzaPagamento', NEG((dd + dt.timedelta(days=30)).isoformat(), 'dob', 'data_scadenza_fatturapa'))
        d('        <ImportoPagamento>%.2f</ImportoPagamento>\n' % (amt * 1.22))
        _xel(d, 8, 'IBAN', ced.iban(g('iban_it_cedente'), printed=False))
        d('      </DettaglioPagamento>\n    </DatiPagamento>\n  </FatturaElettronicaBody>\n')
    d('</p:FatturaElettronica>\n')
    write('invoices/fatturapa/IT%s_%s.xml' % (piva, rs(UP + DIG, 5)), d, check='xml')


def f_cfdi():
    p = Person('mx')
    g = lambda k: '%s_cfdi' % k
    d = Doc()
    fecha = ts()
    sello = b64(rbytes(256))
    cert = b64(rbytes(1000))
    emisor_rfc = 'T' + rs(UP, 2) + '%02d%02d%02d' % (n_(10, 22), n_(1, 12), n_(1, 28)) + rs(UP + DIG, 3)
    d('<?xml version="1.0" encoding="UTF-8"?>\n<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ',
      'xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital" xsi:schemaLocation="http://www.sat.gob.mx/cfd/4 http://www.sat.gob.mx/sitio_internet/cfd/4/cfdv40.xsd" ',
      'Version="4.0" Serie="A" Folio="', NEG(neg_digits(6), 'phone', 'cfdi_folio'), '" Fecha="', NEG(fecha.strftime('%Y-%m-%dT%H:%M:%S'), 'dob', 'cfdi_fecha'),
      '" Sello="', NEG(sello, 'secret', 'cfdi_sello_digital_signature'), '" FormaPago="04" NoCertificado="', NEG(neg_digits(20, '0'), 'national_id', 'cfdi_no_certificado_20_digits'),
      '" Certificado="', NEG(cert, 'secret', 'cfdi_csd_certificate_base64'), '" SubTotal="2150.00" Moneda="MXN" Total="2494.00" TipoDeComprobante="I" Exportacion="01" MetodoPago="PUE" LugarExpedicion="06700">\n')
    d('  <cfdi:Emisor Rfc="', emisor_rfc, '" Nombre="TALLER DE ENCUADERNACION ROMA SA DE CV" RegimenFiscal="601"/>\n')
    d('  <cfdi:Receptor Rfc="', p.nid(g('mx_rfc_receptor'), 'mx.rfc', variant=0), '" Nombre="')
    d(P(fold(p.full).upper(), 'name', g('name_receptor_upper')), esc=e_xattr)
    d('" DomicilioFiscalReceptor="%s" RegimenFiscalReceptor="605" UsoCFDI="G03"/>\n' % pick(['06700', '44160', '66220', '72000']))
    d('  <cfdi:Conceptos>\n    <cfdi:Concepto ClaveProdServ="55101500" Cantidad="1" ClaveUnidad="H87" Descripcion="Encuadernación de tesis, pasta dura" ValorUnitario="2150.00" Importe="2150.00" ObjetoImp="02">\n')
    d('      <cfdi:Impuestos><cfdi:Traslados><cfdi:Traslado Base="2150.00" Impuesto="002" TipoFactor="Tasa" TasaOCuota="0.160000" Importe="344.00"/></cfdi:Traslados></cfdi:Impuestos>\n    </cfdi:Concepto>\n  </cfdi:Conceptos>\n')
    d('  <cfdi:Impuestos TotalImpuestosTrasladados="344.00"><cfdi:Traslados><cfdi:Traslado Base="2150.00" Impuesto="002" TipoFactor="Tasa" TasaOCuota="0.160000" Importe="344.00"/></cfdi:Traslados></cfdi:Impuestos>\n')
    d('  <cfdi:Complemento>\n    <tfd:TimbreFiscalDigital Version="1.1" UUID="', NEG(ruuid().upper(), 'secret', 'cfdi_uuid_folio_fiscal'), '" FechaTimbrado="',
      NEG((fecha + dt.timedelta(seconds=n_(5, 90))).strftime('%Y-%m-%dT%H:%M:%S'), 'dob', 'cfdi_fecha_timbrado'), '" RfcProvCertif="SAT970701NN3" SelloCFD="',
      NEG(sello[:344], 'secret', 'cfdi_sello_cfd'), '" NoCertificadoSAT="', NEG(neg_digits(20, '0'), 'national_id', 'cfdi_no_certificado_sat'), '" SelloSAT="',
      NEG(b64(rbytes(256)), 'secret', 'cfdi_sello_sat'), '"/>\n  </cfdi:Complemento>\n')
    d('  <cfdi:Addenda>\n    <ContactoCliente Correo="', p.email(g('email_addenda')), '" Telefono="', p.phone(g('phone_addenda'), 'nat'), '" CURP="', p.nid(g('mx_curp_addenda'), 'mx.curp'), '"/>\n  </cfdi:Addenda>\n')
    d('</cfdi:Comprobante>\n')
    write('invoices/cfdi/%s_A_%d.xml' % (emisor_rfc, n_(1000, 9999)), d, check='xml')


def f_fatura_recibo():
    a, b = Person('pt'), Person('pt')
    g = lambda k: '%s_pt_fatura_pdftotext' % k
    d = Doc()
    num = n_(10, 99)
    dd = other_date(2024, 2024)
    col = 62
    left = lambda s: s + ' ' * max(2, col - len(plain(s)))
    d('\n', ' ' * 40, 'Fatura-Recibo n.º FR ATSIRE01FR/%d\n' % num, ' ' * 40, 'Data de emissão: ', NEG(dd.isoformat(), 'dob', 'data_emissao_fatura_recibo'), '\n\n')
    d(left('Prestador de serviços'), 'Adquirente\n')
    d(left(T('Nome: ', a.name(g('name_prestador')))), 'Nome: ', b.name(g('name_adquirente')), '\n')
    d(left(T('NIF: ', a.nid(g('pt_nif_prestador'), 'pt.nif'))), 'NIF: ', b.nid(g('pt_nif_adquirente'), 'pt.nif'), '\n')
    d(left(T('Morada: ', a.address(g('address_prestador')))), 'Morada: ', b.address(g('address_adquirente')), '\n')
    d(left('Atividade: 1519 - Programadores informáticos'), 'País: PORTUGAL\n\n')
    d('Descrição', ' ' * 44, 'Valor base     IVA      Retenção IRS\n')
    base = R.uniform(300, 2500)
    d('Desenvolvimento de website e alojamento (%s 2024)' % pick(['fevereiro', 'março']), ' ' * 6, '%10.2f €   23%%     %8.2f €\n\n' % (base, base * .25))
    d(' ' * 40, 'Importância recebida:  %10.2f €\n\n' % (base * .98))
    d('Pagamento por transferência bancária para o IBAN ', a.iban(g('iban_pt_prestador')), '\n')
    d('Contacto: ', a.phone(g('phone_prestador'), 'nat'), '  ·  ', a.email(g('email_prestador')), '\n\n')
    d('ATCUD: ', NEG(rs(UP + DIG, 8) + '-%d' % num, 'secret', 'atcud_code_fatura'), '   Código de verificação: ', NEG(rs(UP + DIG, 4) + '-' + rs(UP + DIG, 4), 'secret', 'fatura_verification_code'), '\n')
    d('Processado por programa certificado n.º 0/AT\n\x0c')
    d('\n', ' ' * 40, 'Página 2 de 2\n\nDeclaração: o adquirente ', b.name(g('name_adquirente_page2')), ', nascida em ' if b.sex == 'f' else ', nascido em ', b.dob_v(g('dob_adquirente_declaracao'), 'words'),
      ', declara ter recebido o serviço.\n\x0c')
    write('invoices/pt/fatura-recibo_FR_ATSIRE01FR_%d.txt' % num, d)


def f_cz_statement():
    o = Person('cs')
    g = lambda k: '%s_cz_statement_pdftotext' % k
    d = Doc()
    d('\n', ' ' * 30, 'VÝPIS Z ÚČTU č. 2/2024\n', ' ' * 30, 'za období 01.02.2024 – 29.02.2024\n\n')
    d('Majitel účtu:   ', o.name(g('name_owner')), '\n                ', o.address(g('address_owner')), '\n')
    d('Číslo účtu:     %d/0800\nIBAN:           ' % n_(1000000000, 9999999999), o.iban(g('iban_cz_owner'), printed=True), '\nBIC:            GIBACZPX\n\n')
    d('Datum        Protistrana                               VS           KS     Částka v CZK\n', '-' * 92, '\n')
    for i in range(14):
        q = Person(pick(['cs', 'cs', 'sk']))
        dd = dt.date(2024, 2, n_(1, 29))
        vs = NEG(neg_digits(10, '123456789'), 'national_id', 'variabilni_symbol_10_digits')
        amt = ('%.2f' % R.uniform(-25000, 30000)).replace('.', ',')
        name = q.name(g('name_counterparty'))
        pad = 42 - len(name.text)
        d(NEG(dd.strftime('%d.%m.%Y'), 'dob', 'posting_date_cz_statement'), '   ', name, ' ' * max(1, pad), vs, '   0308   ', ' ' * (12 - len(amt)), amt, '\n')
        if chance(.4):
            d('             Zpráva: ', pick([T('nájem únor, ', q.phone(g('phone_in_message'), 'nat')), T('RČ ', q.nid(g('rc_in_message')), ' – pojistné'),
                                            T('vrácení zálohy na účet ', q.iban(g('iban_in_message'), printed=False))]), '\n')
    d('\n', ' ' * 50, 'Konečný zůstatek:   %s CZK\n\x0c' % ('%.2f' % R.uniform(1000, 90000)).replace('.', ','))
    write('bank/statements/vypis_2024-02_pdftotext.txt', d)


def f_c1914():
    d = Doc()
    W = 600

    def rec(*fields):
        line = Doc()
        for f_, w in fields:
            txt = plain(f_)
            assert len(txt) <= w, (txt, w)
            line(f_, ' ' * (w - len(txt)))
        t = line.text()
        assert len(t) <= W
        line(' ' * (W - len(t)))
        d(line, '\r\n')
    cred_nif = 'ES%s' % rs(DIG, 2) + '000' + 'B' + rs(DIG, 8)
    dd = other_date(2024, 2024)
    rec(('01', 2), ('19143', 5), ('001', 3), (cred_nif, 35), ('CLUB ESPORTIU ROCA DE GIRONA', 70), (dd.strftime('%Y%m%d'), 8), ('PRE%s' % rs(DIG, 13), 35), ('2100', 4), ('0001', 4))
    rec(('02', 2), ('19143', 5), ('002', 3), (cred_nif, 35), (dd.strftime('%Y%m%d'), 8), ('CLUB ESPORTIU ROCA DE GIRONA', 70), ('CARRER MAJOR 12', 50), ('17001 GIRONA', 50), ('', 40), ('ES', 2),
        (gen_iban('ES'), 34))
    total = 0
    for i in range(14):
        p = Person(pick(['ca', 'eu']))
        g = lambda k: '%s_%s_c1914_fixed_width' % (k, p.loc)
        amt = n_(1500, 12000)
        total += amt
        dni = P(gen_nid('es.dni', p), 'national_id', g('es_dni_debtor_id'), validator='es.dni')
        name = P(p.full.upper(), 'name', g('name_debtor_upper'))
        addr = P(p.addr.upper()[:50].rstrip(' ,'), 'address', g('address_debtor_upper'))
        rec(('03', 2), ('19143', 5), ('003', 3), ('RECIBO%s' % neg_digits(10), 35), (NEG('MANDATO-%s' % neg_digits(9), 'secret', 'mandate_reference_c1914'), 35), ('RCUR', 4), ('', 4),
            ('%011d' % amt, 11), (NEG((dd - dt.timedelta(days=n_(100, 2000))).strftime('%Y%m%d'), 'dob', 'mandate_signature_date_c1914'), 8), ('', 11),
            (name, 70), (addr, 50), ('', 50), ('', 50), ('ES', 2), ('2', 1), (dni, 36), ('', 35), ('A', 1), (p.iban('iban_es_c1914_fixed_width', printed=False), 34), ('', 4),
            ('QUOTA SOCI %s 2024' % pick(['GENER', 'FEBRER', 'MARÇ']), 140))
    rec(('04', 2), (cred_nif, 35), (dd.strftime('%Y%m%d'), 8), ('%017d' % total, 17), ('%08d' % 14, 8), ('%010d' % 16, 10))
    rec(('99', 2), ('%017d' % total, 17), ('%08d' % 14, 8), ('%010d' % 18, 10))
    write('bank/sepa/C1914_ADEUDOS_%s.txt' % dd.strftime('%Y%m%d'), d, encoding='latin-1')


def dec_comma(x):
    s = '{:,.2f}'.format(x)
    return s.replace(',', ' ').replace('.', ',')


def f_cp1250_csv():
    o = Person('cs')
    d = Doc()
    head = [['Číslo účtu', '%d/0100' % n_(10 ** 8, 10 ** 9)], ['Jméno účtu', o.name('name_cs_cp1250_header')], ['IBAN', o.iban('iban_cz_cp1250_header', printed=True)],
            ['Měna', 'CZK'], ['Počáteční zůstatek', dec_comma(R.uniform(1000, 90000))]]
    emit_csv(d, head, delim=';', eol='\r\n', quote_all=True)
    d('\r\n')
    hdr = ['ID operace', 'Datum', 'Objem', 'Měna', 'Protiúčet', 'Název protiúčtu', 'Kód banky', 'KS', 'VS', 'SS', 'Zpráva pro příjemce', 'Typ', 'Provedl', 'Komentář']
    rows = [hdr]
    for i in range(22):
        c = Person(pick(['cs', 'cs', 'sk']))
        g = lambda k: '%s_%s_cp1250_csv' % (k, c.loc)
        dd = dt.date(2024, 3, n_(1, 10))
        cp = c.iban(g('iban_counterparty'), printed=False) if chance(.5) else '%d' % n_(10 ** 8, 10 ** 10)
        msg = pick([T('nájem ', pick(['březen', 'únor']), ' – ', c.name(g('name_in_message'))), T('RČ ', c.nid(g('rc_in_message')), ' – úhrada pojistného'),
                    T('tel. ', c.phone(g('phone_in_message'), 'nat')), 'faktura ' + str(n_(2024001, 2024999)), '',
                    T('vráceno – chybný IBAN ', NEG(iban_print(bad_iban('CZ')), 'iban', 'iban_bad_check_cp1250_message', validator='iban'))])
        rows.append([NEG(neg_digits(11, '2'), 'phone', 'id_operace_11_digits'), NEG(dd.strftime('%d.%m.%Y'), 'dob', 'datum_operace_cp1250'), dec_comma(R.uniform(-9000, 12000)),
                     'CZK', cp, c.name(g('name_nazev_protiuctu')), pick(['0800', '0300', '2010', '0100', '1100']), '0308',
                     NEG(neg_digits(10), 'national_id', 'variabilni_symbol_cp1250'), '', msg, pick(['Příjem převodem uvnitř banky', 'Platba převodem', 'Bezhotovostní příjem']),
                     o.name('name_cs_cp1250_provedl_column') if chance(.3) else '', ''])
    emit_csv(d, rows, delim=';', eol='\r\n', quote_all=True)
    write('exports/bank/pohyby_na_uctu_2024-03_cp1250.csv', d, encoding='cp1250')


def f_cp1257_csv():
    rows = [['Kliento Nr.', 'Vardas', 'Pavardė', 'Asmens kodas', 'Gimimo data', 'Telefonas', 'El. paštas', 'Adresas', 'Sąskaita (IBAN)', 'Šalis', 'Balansas', 'Sukurta', 'Pastabos']]
    for i in range(24):
        p = Person(pick(['lt', 'lt', 'lv', 'et']))
        g = lambda k: '%s_%s_cp1257_csv' % (k, p.loc)
        note = pick(['', '', T('Skambinti vakare, alt. tel. ', p.landline(g('phone_landline_note'), 'intl')), T('Sutuoktinis: ', Person(p.loc).name(g('name_spouse_note'))),
                     T('Sąskaita faktūra Nr. ', NEG(neg_digits(9), 'national_id', 'invoice_number_9_digits_note')),
                     T('Grąžinta: neteisinga sąskaita ', NEG(bad_iban(p.L['iban']), 'iban', 'iban_bad_check_returned_note', validator='iban'))])
        rows.append([NEG('K%06d' % n_(1, 999999), 'phone', 'client_number_cp1257'), P(p.given, 'name', g('name_vardas')), P(p.family, 'name', g('name_pavarde')),
                     p.nid(g('national_id')), p.dob_v(g('dob'), pick(['num', 'iso'])), p.phone(g('phone')), p.email(g('email')), p.address(g('address')),
                     p.iban(g('iban'), printed=chance(.5)), {'lt': 'Lietuva', 'lv': 'Latvija', 'et': 'Eesti'}[p.loc], dec_comma(R.uniform(-200, 5000)).replace(' ', ''),
                     NEG(other_date(2022, 2024).isoformat(), 'dob', 'sukurta_created_date_cp1257'), note])
    d = emit_csv(Doc(), rows, delim=';', eol='\r\n')
    write('exports/crm/klientai_eksportas_2024-03_cp1257.csv', d, encoding='cp1257')


def f_google_play():
    pkg = 'vn.kopi.shop'
    cols = ['Package Name', 'App Version Code', 'App Version Name', 'Reviewer Language', 'Device', 'Review Submit Date and Time', 'Review Submit Millis Since Epoch',
            'Review Last Update Date and Time', 'Review Last Update Millis Since Epoch', 'Star Rating', 'Review Title', 'Review Text', 'Developer Reply Date and Time',
            'Developer Reply Millis Since Epoch', 'Developer Reply Text', 'Review Link']
    rows = [cols]
    for i in range(22):
        loc = pick(['vi', 'vi', 'th', 'ms', 'fil'])
        p = Person(loc)
        g = lambda k: '%s_%s_google_play_review' % (k, loc)
        t0 = ts()
        txt = {'vi': lambda: T('App hay nhưng đơn của mình bị huỷ không rõ lý do. Ai hỗ trợ thì gọi ', p.phone(g('phone'), pick(['nat', 'nat_flat'])), ' hoặc mail ', p.email(g('email')), ' giúp mình.'),
               'th': lambda: T('สั่งของแล้วไม่ได้รับ ติดต่อกลับที่ ', p.phone(g('phone'), 'nat'), ' ค่ะ ชื่อ ', p.name(g('name')), ''),
               'ms': lambda: T('Barang tak sampai lagi. Nama saya ', p.name(g('name')), ', alamat ', p.address(g('address')), '. Tolong hubungi ', p.phone(g('phone')), '.'),
               'fil': lambda: T('Hindi pa dumarating yung order ko. Pakitawagan po ako sa ', p.phone(g('phone'), 'nat_flat'), ', ', p.name(g('name')), ' po ito.')}[loc]()
        if chance(.25):
            txt = {'vi': 'Giao hàng nhanh, đóng gói cẩn thận. 5 sao!', 'th': 'ส่งไวมาก แพ็คดี', 'ms': 'Penghantaran pantas, terbaik!', 'fil': 'Ang bilis ng delivery, salamat!'}[loc]
        reply = T('Chào bạn, rất tiếc về trải nghiệm này. Mã hỗ trợ: ', NEG('#' + neg_digits(9), 'phone', 'support_ticket_number_reply'), '. Vui lòng liên hệ support@kopi.shop.')
        rows.append([pkg, str(n_(400, 480)), NEG('4.%d.%d.%d' % (n_(10, 30), n_(0, 9), n_(1, 250)), 'ip', 'app_version_name_dotted'), {'vi': 'vi', 'th': 'th', 'ms': 'ms', 'fil': 'fil'}[loc],
                     pick(['a52q', 'OP4F2F', 'redwood', 'RMX3686', 'a14']), t0.strftime('%Y-%m-%dT%H:%M:%SZ'), neg_or_plain(lambda: str(int(t0.replace(tzinfo=dt.timezone.utc).timestamp()) * 1000 + n_(0, 999)), 'phone', 'review_millis_since_epoch'),
                     t0.strftime('%Y-%m-%dT%H:%M:%SZ'), str(int(t0.timestamp() * 1000)), str(n_(1, 5)), '', txt,
                     t0.strftime('%Y-%m-%dT%H:%M:%SZ') if loc == 'vi' else '', '' if loc != 'vi' else str(int(t0.timestamp() * 1000) + 3600000), reply if loc == 'vi' else '',
                     'https://play.google.com/apps/publish?account=%s#ReviewDetailsPlace:p=%s&reviewid=%s' % (rs(DIG, 19), pkg, 'gp:AOqpTO' + rs(ALNUM + '-_', 80))])
    d = emit_csv(Doc(), rows, eol='\r\n')
    write('reviews/google_play/reviews_reviews_%s_202403.csv' % pkg, d, encoding='utf-16-le', bom=True)


def f_google_contacts():
    cols = ['First Name', 'Middle Name', 'Last Name', 'Nickname', 'File As', 'Organization Name', 'Birthday', 'Notes', 'Labels', 'E-mail 1 - Label', 'E-mail 1 - Value',
            'Phone 1 - Label', 'Phone 1 - Value', 'Phone 2 - Label', 'Phone 2 - Value', 'Address 1 - Label', 'Address 1 - Formatted', 'Address 1 - City', 'Address 1 - Country']
    rows = [cols]
    for i in range(20):
        loc = pick(['is', 'is', 'he', 'fa', 'no', 'da'])
        p = Person(loc)
        g = lambda k: '%s_%s_google_contacts' % (k, loc)
        bday = p.dob_v(g('dob_birthday'), 'iso') if chance(.7) else P('--%02d-%02d' % (p.dob.month, p.dob.day), 'dob', g('dob_birthday_no_year'))
        ph1 = p.phone(g('phone_1'))
        multi = chance(.4)
        ph_val = T(ph1, ' ::: ', p.landline(g('phone_1_second_value'))) if multi else ph1
        mail = T(p.email(g('email_1')), ' ::: ', p.email(g('email_1_second_value'), domain='gmail.com')) if chance(.3) else p.email(g('email_1'))
        addr_ml = P(p.addr.replace(', ', '\n', 1) if loc in ('is', 'no', 'da') else p.addr, 'address', g('address_formatted_multiline'))
        note = pick(['', T('kt. ', p.nid(g('kennitala_in_notes'))) if loc == 'is' else '', T('Neighbour, spare key. Rent goes to ', p.iban(g('iban_in_notes'))) if p.L['iban'] else ''])
        rows.append([P(p.given, 'name', g('name_first')), '', P(p.family, 'name', g('name_last')), '', '', '', bday, note, '* myContacts ::: ' + pick(['Family', 'Friends', 'Work', 'Neighbours']),
                     '* Home' if not multi else '* Home ::: Other', mail, 'Mobile', ph_val, '', '', 'Home', addr_ml, '', {'is': 'Iceland', 'he': 'Israel', 'fa': 'Iran', 'no': 'Norway', 'da': 'Denmark'}[loc]])
    rows.append(['Test', '', 'Contact', '', '', '', '', 'sample row from template', '* myContacts', '* Home', NEG(pick(EXAMPLE_EMAILS), 'email', 'reserved_domain_google_contacts'),
                 'Mobile', NEG(neg_us_fict_phone(), 'phone', 'us_555_fictional_google_contacts'), '', '', '', NEG('123 Main St, Anytown, CA 90210', 'address', 'placeholder_address_google_contacts'), '', ''])
    d = emit_csv(Doc(), rows)
    write('crm/google_contacts/contacts.csv', d, check='csv')


def f_intercom():
    convs = []
    for i in range(10):
        loc = pick(['sr', 'sr', 'hr'])
        p = Person(loc)
        g = lambda k: '%s_%s_intercom_html' % (k, loc)
        nm = p.name(g('name_author')) if loc == 'hr' or chance(.5) else p.name(g('name_author_latin'), latin=True)
        ph = p.phone(g('phone_body'))
        if chance(.4):
            ph = ph.as_(ph.text.replace(' ', '&nbsp;'))
            ph.form = g('phone_body_nbsp_entities')
        if loc == 'sr':
            body = T('<p>Поштовани, пишем вам у вези поруџбине. Моје име је ', nm.f(g('name_in_body')),
                     ', број телефона ', ph, '.</p><p>Адреса за доставу: ', p.address(g('address_body')), '</p><p>ЈМБГ: ', p.nid(g('jmbg_body')), '</p>')
        else:
            body = T('<p>Poštovani, narudžba još nije stigla. Zovem se ', nm.f(g('name_in_body')), ', mobitel ', ph, '.</p><p>Adresa: ', p.address(g('address_body')),
                     '</p><p>OIB za račun: ', p.nid(g('oib_body')), '</p>')
        if chance(.5):
            body = T(body, '<p>', 'Можете наплатити са картице ' if loc == 'sr' else 'Možete naplatiti s kartice ',
                     p.card(g('card_body'), pick(['visa', 'mastercard', 'maestro']), pick(['space', 'flat'])), '</p>')
        parts = [{'type': 'conversation_part', 'id': NEG(neg_digits(11, '2'), 'phone', 'intercom_part_id'), 'part_type': 'comment',
                  'body': T('<p>Hvala na poruci! Proverili smo porudžbinu &quot;', str(n_(10000, 99999)), '&quot; i javićemo se uskoro.</p>'),
                  'created_at': V(epoch_neg(), 'phone', 'neg_epoch_intercom_created', False, bare=True), 'author': {'type': 'admin', 'id': str(n_(1000000, 9999999)), 'name': 'Support tim',
                                                                                                                    'email': 'podrska@prodavnica.rs'}}]
        if chance(.6):
            parts.append({'type': 'conversation_part', 'id': NEG(neg_digits(11, '2'), 'phone', 'intercom_part_id'), 'part_type': 'comment',
                          'body': T('<p>Evo i mejla: <a href="mailto:', p.email(g('email_mailto_href')), '">', p.email(g('email_link_text')), '</a></p>'),
                          'created_at': int(epoch_neg()), 'author': {'type': 'user', 'id': rs(HEXL, 24), 'name': nm.f(g('name_part_author'))}})
        convs.append({'type': 'conversation', 'id': NEG(neg_digits(12, '1'), 'phone', 'intercom_conversation_id'), 'created_at': int(epoch_neg()),
                      'source': {'type': 'conversation', 'id': str(n_(10 ** 9, 2 * 10 ** 9)), 'delivered_as': 'customer_initiated', 'subject': '', 'body': body,
                                 'author': {'type': 'user', 'id': rs(HEXL, 24), 'name': nm, 'email': p.email(g('email_author'))}},
                      'conversation_parts': {'type': 'conversation_part.list', 'conversation_parts': parts, 'total_count': len(parts)}})
    d = jdoc({'type': 'conversation.list', 'conversations': convs, 'pages': {'type': 'pages', 'page': 1, 'per_page': 20, 'total_pages': 1}}, indent=2)
    write('support/intercom/conversations_export_2024-03.json', d, check='json')


def f_sms_backup():
    d = Doc()
    msgs = []
    for i in range(30):
        loc = pick(['fil', 'fil', 'ms', 'vi'])
        p = Person(loc)
        g = lambda k: '%s_%s_sms_backup_xml' % (k, loc)
        kind = R.randrange(5)
        t0 = ts()
        if kind == 0:
            addr_attr, cname = 'GCash' if loc == 'fil' else ('Maybank' if loc == 'ms' else 'Vietcombank'), '(Unknown)'
            body = T('Your OTP is ', NEG(rs(DIG, 6), 'phone', 'otp_6_digits_sms_backup'), '. Never share it. Card ', NEG('****' + rs(DIG, 4), 'card', 'masked_card_last4_sms_backup'),
                     ' used for %s %.2f.' % ({'fil': 'PHP', 'ms': 'RM', 'vi': 'VND'}[loc], R.uniform(50, 5000)))
        elif kind == 1:
            q = Person(loc)
            addr_attr, cname = p.phone(g('phone_address_attr'), 'e164'), p.name(g('name_contact_name_attr'))
            body = {'fil': T('Hi po! Ito yung address ko para sa delivery:&#10;', q.address(g('address_body')), '&#10;Contact: ', q.phone(g('phone_body'), 'nat_flat')),
                    'ms': T('Salam, ni alamat saya:&#10;', q.address(g('address_body')), '&#10;Nama: ', q.name(g('name_body'))),
                    'vi': T('Em gửi địa chỉ nhé:&#10;', q.address(g('address_body')), '&#10;SĐT: ', q.phone(g('phone_body'), 'nat'))}[loc]
        elif kind == 2:
            addr_attr, cname = p.phone(g('phone_address_attr'), 'e164'), p.name(g('name_contact_name_attr'))
            body = T('Eto email ko ha: ', p.email(g('email_body')), ' pakisend na lang yung file. Birthday ko ', p.dob_v(g('dob_body'), 'words'), ' wag mo kalimutan haha')
        elif kind == 3:
            addr_attr, cname = p.phone(g('phone_address_attr'), 'e164'), '(Unknown)'
            body = T('Reminder: your Meralco bill ref ', NEG(neg_digits(10), 'phone', 'bill_reference_10_digits'), ' is due on ', NEG(other_date(2024, 2024).strftime('%m/%d/%Y'), 'dob', 'bill_due_date_sms'), '.')
        else:
            addr_attr, cname = p.phone(g('phone_address_attr'), 'e164'), p.name(g('name_contact_name_attr'))
            body = T('Ok, tawag ka na lang sa landline namin ', p.landline(g('phone_landline_body'), 'nat'), ' mamaya.')
        msgs.append((addr_attr, cname, body, t0, 1 if kind in (0, 3) else pick([1, 2])))
    d("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<!--File Created By SMS Backup & Restore v10.20.002 on 11/03/2024 12:04:55-->\n")
    d('<?xml-stylesheet type="text/xsl" href="sms.xsl"?>\n<smses count="%d" backup_set="%s" backup_date="%s" type="full">\n' % (len(msgs), ruuid(), epoch_neg(ms=True)))
    for addr_attr, cname, body, t0, typ in msgs:
        ms_ = NEG(epoch_neg(ms=True), 'phone', 'date_millis_sms_backup')
        d('  <sms protocol="0" address="', addr_attr, '" date="', ms_, '" type="%d" subject="null" body="' % typ)
        for part in T(body).parts:
            if isinstance(part, V):
                d(part, esc=e_xattr)
            else:
                d(e_xattr(part).replace('&amp;#10;', '&#10;'))
        d('" toa="null" sc_toa="null" service_center="null" read="1" status="-1" locked="0" date_sent="0" sub_id="1" readable_date="%s" contact_name="' % t0.strftime('%b %d, %Y %I:%M:%S %p'))
        d(cname, esc=e_xattr)
        d('" />\n')
    d('</smses>\n')
    write('mobile/sms_backup/sms-20240311120455.xml', d, check='xml')


def f_chrome_passwords():
    rows = [['name', 'url', 'username', 'password', 'note']]
    sites = [('accounts.google.com', 'https://accounts.google.com/signin/v2/challenge/pwd'), ('www.facebook.com', 'https://www.facebook.com/login/'),
             ('shopee.ph', 'https://shopee.ph/buyer/login'), ('online.maybank2u.com.my', 'https://www.maybank2u.com.my/home/m2u/common/login.do'),
             ('github.com', 'https://github.com/session'), ('netflix.com', 'https://www.netflix.com/login'), ('grab.com', 'https://www.grab.com/ph/'),
             ('192.168.1.1', 'http://192.168.1.1/login.html'), ('portal.vietcombank.com.vn', 'https://vcbdigibank.vietcombank.com.vn/')]
    for i in range(26):
        loc = pick(['bn', 'ms', 'fil', 'vi', 'ta'])
        p = Person(loc)
        g = lambda k: '%s_%s_chrome_passwords_csv' % (k, loc)
        name, url = pick(sites)
        if name.startswith('192.'):
            rows.append([name, url, 'admin', 'admin', ''])
            continue
        user = p.email(g('email_username')) if name not in ('shopee.ph', 'grab.com') else p.phone(g('phone_username'), 'nat_flat')
        pw = P(S.password(), 'secret', g('secret_saved_password'))
        note = pick(['', '', T('PIN ', NEG('••••', 'secret', 'masked_pin_note'), ' in wallet'), T('recovery email ', p.email(g('email_recovery_note'), domain='yahoo.com'))])
        rows.append([name, url, user, pw, note])
    d = emit_csv(Doc(), rows, eol='\r\n')
    write('browser/chrome/Chrome Passwords.csv', d, check='csv')


def f_vcard21():
    d = Doc()
    for i in range(14):
        loc = pick(['cs', 'sk', 'hr', 'lt', 'lv'])
        p = Person(loc)
        g = lambda k: '%s_%s_vcard21' % (k, loc)
        qp = lambda v: v.esc(e_qp)
        fam = ' '.join(p.family_parts) if loc not in ('sr',) else p.family
        d('BEGIN:VCARD\r\nVERSION:2.1\r\n')
        d('N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:', qp(P(fam, 'name', g('name_n_family_qp'))), ';', e_qp(p.given), ';;;\r\n')
        d('FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:', qp(p.name(g('name_fn_qp'))), '\r\n')
        d('TEL;CELL;PREF:', p.phone(g('phone_tel_cell'), pick(['e164', 'intl'])), '\r\n')
        if chance(.5):
            d('TEL;HOME:', p.landline(g('phone_tel_home'), 'nat'), '\r\n')
        d('EMAIL;HOME:', p.email(g('email')), '\r\n')
        street, rest = p.addr.split(', ', 1)
        d('ADR;HOME;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:;;', qp(P(street, 'address', g('address_adr_street_qp'))), ';', e_qp(rest), ';;;\r\n')
        if chance(.7):
            d('BDAY:', p.dob_v(g('dob_bday'), 'iso'), '\r\n')
        if chance(.5):
            idl = {'cs': 'RČ', 'sk': 'RČ', 'hr': 'OIB', 'lt': 'A.k.', 'lv': 'P.k.'}[loc]
            d('NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:', e_qp(idl + ' '), qp(p.nid(g('national_id_note_qp'))), '=0D=0A', e_qp('soused z 3. patra' if loc in ('cs', 'sk') else 'kolega'), '\r\n')
        d('END:VCARD\r\n')
    write('crm/vcard/Kontakty_export_v21.vcf', d)


_TEXMAP = {'á': "\\'{a}", 'é': "\\'{e}", 'í': "\\'{\\i}", 'ó': "\\'{o}", 'ú': "\\'{u}", 'ý': "\\'{y}", 'ĺ': "\\'{l}", 'č': '\\v{c}', 'š': '\\v{s}', 'ž': '\\v{z}',
           'ř': '\\v{r}', 'ň': '\\v{n}', 'ť': '\\v{t}', 'ď': '\\v{d}', 'ě': '\\v{e}', 'ľ': '\\v{l}', 'ů': '\\r{u}', 'ä': '\\"{a}', 'ô': '\\^{o}',
           'Č': '\\v{C}', 'Š': '\\v{S}', 'Ž': '\\v{Z}', 'Ř': '\\v{R}', 'Á': "\\'{A}", 'É': "\\'{E}", 'Ú': "\\'{U}", 'Ľ': '\\v{L}'}


def e_tex(s):
    return ''.join(_TEXMAP.get(c, c) for c in s).replace('_', '\\_').replace('#', '\\#').replace('&', '\\&')


def e_tex_utf8(s):
    return s.replace('_', '\\_').replace('#', '\\#').replace('&', '\\&')


def f_latex_cvs():
    p = Person('sk', dob=rand_dob(1980, 1986))
    ref = Person(pick(['sk', 'cs']))
    g = lambda k: '%s_sk_moderncv' % k
    street, rest = p.addr.split(', ', 1)
    ph = p.phone(g('phone_tilde'), 'intl')
    ph = ph.as_(ph.text.replace(' ', '~'))
    dob = p.dob_v(g('dob_words_tilde'), 'words')
    dob = dob.as_(dob.text.replace(' ', '~', 1))
    rph = ref.phone(g('phone_reference_tilde'), 'intl')
    rph = rph.as_(rph.text.replace(' ', '~'))
    handle = fold(p.given + p.family).lower()
    d = Doc()
    d('%% CV -- posledná úprava marec 2024\n\\documentclass[11pt,a4paper,sans]{moderncv}\n\\moderncvstyle{classic}\n\\moderncvcolor{blue}\n\\usepackage[utf8]{inputenc}\n\\usepackage[scale=0.75]{geometry}\n\n')
    d('\\name{', P(p.given, 'name', g('name_given_tex_accents')).esc(e_tex), '}{', P(p.family, 'name', g('name_family_tex_accents')).esc(e_tex), '}\n')
    d('\\title{D\\\'{a}tov\\\'{y} analytik}\n\\address{', P(street, 'address', g('address_street_tex_accents')).esc(e_tex), '}{', e_tex(rest), '}{Slovensko}\n')
    d('\\phone[mobile]{', ph, '}\n\\email{', p.email(g('email')).esc(e_tex), '}\n\\homepage{github.com/', handle, '}\n')
    d('\\extrainfo{D\\\'{a}tum narodenia: ', dob.esc(e_tex), '}\n\\photo[64pt][0.4pt]{foto}\n\n\\begin{document}\n\\makecvtitle\n\n')
    d('\\section{Vzdelanie}\n\\cventry{2004--2009}{Ing. -- Aplikovan\\\'{a} informatika}{STU}{Bratislava}{}{}\n\n')
    d('\\section{Pracovn\\\'{e} sk\\\'{u}senosti}\n\\cventry{2019--dnes}{Senior d\\\'{a}tov\\\'{y} analytik}{Tatra Soft s.r.o.}{Bratislava}{}{Reporting pre 40+ klientov, Python, dbt, Power BI.}\n')
    d('\\cventry{2014--2019}{Analytik}{Banka XY}{Ko\\v{s}ice}{}{}\n\n\\section{Jazyky}\n\\cvitemwithcomment{Angli\\v{c}tina}{C1}{}\n\n')
    d('\\section{Referencie}\n\\cvitem{}{', ref.name(g('name_reference_tex_accents')).esc(e_tex), ', ved\\\'{u}ci t\\\'{i}mu, ', rph, ', \\href{mailto:',
      ref.email(g('email_reference_href')).esc(e_tex), '}{', ref.email(g('email_reference_text')).esc(e_tex), '}}\n\n\\end{document}\n')
    write('hr/cv/latex/%s_cv_moderncv.tex' % handle, d)

    q = Person('cl', dob=rand_dob(1986, 1996))
    g = lambda k: '%s_cl_moderncv' % k
    em = '%s_%s%d@%s' % (re.sub('[^a-z]', '', fold(q.given.split()[0]).lower()), re.sub('[^a-z]', '', fold(q.family_parts[0]).lower()), n_(1, 99), 'gmail.com')
    street = ', '.join(q.addr.split(', ')[:2])
    rest = ', '.join(q.addr.split(', ')[2:])
    sv = P(street, 'address', g('address_street_tilde'))
    sv = sv.as_(sv.text.replace('. ', '.~'))
    ph = q.phone(g('phone_tilde'), 'intl')
    ph = ph.as_(ph.text.replace(' ', '~'))
    d = Doc()
    d('\\documentclass[11pt,a4paper,sans]{moderncv}\n\\moderncvstyle{banking}\n\\moderncvcolor{green}\n\\usepackage[utf8]{inputenc}\n\\usepackage[spanish]{babel}\n\n')
    d('\\name{', P(q.given, 'name', g('name_given')), '}{', P(q.family, 'name', g('name_family')), '}\n\\title{%s Civil Industrial}\n' % ('Ingeniera' if q.sex == 'f' else 'Ingeniero'))
    d('\\address{', sv, '}{', rest, '}{Chile}\n\\phone[mobile]{', ph, '}\n\\email{', P(em, 'email', g('email_underscore_escaped')).esc(e_tex_utf8), '}\n')
    d('\\extrainfo{RUT: ', q.nid(g('cl_rut'), 'cl.rut', variant=0), ' \\textbullet{} Fecha de nacimiento: ', q.dob_v(g('dob_words'), 'words'), '}\n\n')
    d('\\begin{document}\n\\makecvtitle\n\\section{Experiencia}\n\\cventry{2020--hoy}{Analista de Datos}{Retail S.A.}{Santiago}{}{Modelos de demanda, SQL, Python.}\n')
    d('\\section{Educación}\n\\cventry{2012--2017}{Ingeniería Civil Industrial}{Universidad de Chile}{Santiago}{}{}\n\\end{document}\n')
    write('hr/cv/latex/cv_%s_%s.tex' % (fold(q.given.split()[0]).lower(), fold(q.family_parts[0]).lower()), d)


def f_twitter():
    loc = pick(['ar', 'th'])
    p = Person(loc)
    g = lambda k: '%s_%s_twitter_archive' % (k, loc)
    handle = re.sub('[^a-z0-9_]', '', fold(p.given_l.split()[0]).lower() + '_' + fold(p.family_l.split()[0]).lower()[:6] + str(p.dob.year % 100))
    acc_id = neg_digits(18, '1')
    seps = (',', ' : ')
    d = Doc()
    d('window.YTD.account.part0 = ')
    emit_json(d, [{'account': {'email': p.email(g('email_account')), 'createdVia': 'web', 'username': handle, 'accountId': NEG(acc_id, 'phone', 'twitter_account_id_18_digits'),
                               'createdAt': NEG('20%02d-%02d-%02dT%02d:%02d:%02d.000Z' % (n_(10, 16), n_(1, 12), n_(1, 28), n_(0, 23), n_(0, 59), n_(0, 59)), 'dob', 'twitter_account_created_at'),
                               'accountDisplayName': p.name(g('name_display_name'))}}], indent=2, seps=seps)
    write('social/twitter-archive/data/account.js', d)
    tw = []
    for i in range(14):
        q = Person(loc)
        if loc == 'ar':
            txt = pick([T('Se me perdió el perro en Palermo 😢 si lo ven escribime al ', p.phone(g('phone_in_tweet'), pick(['intl', 'nat']))),
                        T('Felicitaciones a mi vieja que hoy cumple! Nació el ', q.dob_v(g('dob_in_tweet_mother'), 'words'), ' y sigue igual &lt;3'),
                        T('Vendo bici rodado 29, retirar por ', p.address(g('address_in_tweet')), '. DM o mail ', p.email(g('email_in_tweet'))),
                        T('@', 'bancogalicia', ' hace 3 días que no me acreditan la transferencia, CUIL ', p.nid(g('ar_cuit_in_tweet'), 'ar.cuit'), ', me pueden ayudar?'),
                        'Qué partido ayer &amp; qué golazo, no lo puedo creer'])
        else:
            txt = pick([T('ใครเจอกระเป๋าสตางค์สีน้ำตาล แถวสยาม ติดต่อ ', p.phone(g('phone_in_tweet'), 'nat'), ' ค่ะ ในนั้นมีบัตรของ ', q.name(g('name_in_tweet')), ''),
                        T('ขายคอนโดใกล้ BTS ที่อยู่ ', p.address(g('address_in_tweet')), ' สนใจอีเมล ', p.email(g('email_in_tweet'))),
                        'วันนี้ฝนตกหนักมาก รถติดทั้งเมือง'])
        tid = neg_digits(19, '1')
        tw.append({'tweet': {'edit_info': {'initial': {'editTweetIds': [tid], 'editableUntil': '2024-03-11T15:%02d:01.000Z' % n_(10, 59), 'editsRemaining': '5', 'isEditEligible': True}},
                             'retweeted': False, 'source': '<a href="http://twitter.com/download/android" rel="nofollow">Twitter for Android</a>',
                             'entities': {'hashtags': [], 'symbols': [], 'user_mentions': [], 'urls': []}, 'display_text_range': ['0', str(len(plain(txt)))],
                             'favorite_count': str(n_(0, 40)), 'id_str': NEG(tid, 'phone', 'tweet_id_19_digits'), 'truncated': False, 'retweet_count': str(n_(0, 9)),
                             'id': tid, 'created_at': 'Mon Mar %02d %02d:%02d:%02d +0000 2024' % (n_(1, 10), n_(0, 23), n_(0, 59), n_(0, 59)),
                             'favorited': False, 'full_text': txt, 'lang': 'es' if loc == 'ar' else 'th'}})
    d = Doc()
    d('window.YTD.tweets.part0 = ')
    emit_json(d, tw, indent=2, seps=seps)
    write('social/twitter-archive/data/tweets.js', d)


def f_segment():
    d = Doc()
    for i in range(24):
        loc = pick(['br', 'pt', 'cl'])
        p = Person(loc)
        g = lambda k: '%s_%s_segment' % (k, loc)
        a1, a2, last = addr_parts(p)
        anon = NEG(ruuid(), 'secret', 'segment_anonymous_id_uuid')
        ctx = {'ip': P(pub_ipv4() if chance(.7) else pub_ipv6(), 'ip', g('ip_context')), 'library': {'name': 'analytics.js', 'version': 'next-1.64.0'},
               'locale': {'br': 'pt-BR', 'pt': 'pt-PT', 'cl': 'es-CL'}[loc], 'userAgent': 'Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.6261.105 Mobile Safari/537.36',
               'page': {'path': '/checkout', 'referrer': 'https://www.google.com/', 'title': 'Finalizar compra', 'url': T('https://loja.example-store.com.br/checkout?step=2&email=', p.email(g('email_in_page_url_urlencoded')).esc(lambda s: quote(s, safe='')))}}
        typ = pick(['identify', 'identify', 'track'])
        ev = {'anonymousId': anon, 'context': ctx, 'integrations': {}, 'messageId': NEG('ajs-next-' + rs(HEXL, 32), 'secret', 'segment_message_id'),
              'originalTimestamp': NEG(ts().strftime('%Y-%m-%dT%H:%M:%S.%f')[:-3] + 'Z', 'dob', 'segment_original_timestamp'), 'receivedAt': ts().strftime('%Y-%m-%dT%H:%M:%S.%f')[:-3] + 'Z',
              'sentAt': ts().strftime('%Y-%m-%dT%H:%M:%S.%f')[:-3] + 'Z', 'type': typ, 'userId': 'usr_' + rs(ALNUM, 12), 'writeKey': NEG(rs(ALNUM, 32), 'secret', 'segment_write_key_public_client_side')}
        if typ == 'identify':
            ev['traits'] = {'email': p.email(g('email_trait')), 'name': p.name(g('name_trait')), 'phone': p.phone(g('phone_trait'), 'e164'),
                            'birthday': P(p.dob.isoformat() + 'T00:00:00.000Z', 'dob', g('dob_trait_iso_datetime')),
                            'address': {'street': P(a1, 'address', g('address_trait_street')), 'city': last, 'country': loc.upper()},
                            'plan': pick(['free', 'premium'])}
            if loc == 'br':
                ev['traits']['cpf'] = p.nid(g('br_cpf_trait'), 'br.cpf')
        else:
            ev['event'] = 'Order Completed'
            ev['properties'] = {'order_id': NEG(neg_digits(10), 'phone', 'segment_order_id_10_digits'), 'total': round(R.uniform(20, 900), 2), 'currency': 'BRL',
                                'shipping_address': p.address(g('address_order_shipping')), 'coupon': pick(['', 'FRETEGRATIS'])}
        emit_json(d, ev, seps=(',', ':'))
        d('\n')
    write('analytics/segment/segment-logs_2024-03-11.jsonl.gz', d, compress='gz', check='jsonl')


def _warc_record(headers, block):
    """headers: list of (k, v) (v may be V/T); block: Doc.  Returns a Doc."""
    bl = len(block.text().encode('utf-8'))
    d = Doc()
    d('WARC/1.1\r\n')
    for k, v in headers:
        d(k, ': ', v, '\r\n')
    d('Content-Length: %d\r\n\r\n' % bl, block, '\r\n\r\n')
    return d


def f_warc():
    members = []
    wdate = '2024-03-11T09:%02d:%02dZ'
    info = Doc()('software: Browsertrix-Crawler 1.0.1 (with warcio.js 2.2.1)\r\nformat: WARC File Format 1.1\r\ncreator: sme-directory-crawl (logged-in profile)\r\n')
    members.append(_warc_record([('WARC-Type', 'warcinfo'), ('WARC-Date', wdate % (0, 0)), ('WARC-Filename', 'SME-CRAWL-20240311090000-00012.warc.gz'),
                                 ('WARC-Record-ID', T('<urn:uuid:', NEG(ruuid(), 'secret', 'warc_record_id_uuid'), '>')), ('Content-Type', 'application/warc-fields')], info))
    sites = [('hi', 'www.sharma-mithai-bhandar.in'), ('ta', 'www.velu-tailors.in'), ('bn', 'www.rahman-coaching.com.bd'), ('he', 'www.dr-levi-dental.co.il'), ('hi', 'portal.vyapar-mitra.in')]
    for i, (loc, host) in enumerate(sites):
        p = Person(loc)
        g = lambda k: '%s_%s_warc' % (k, loc)
        portal = host.startswith('portal.')
        path = '/account/profile' if portal else '/contact'
        req = Doc()
        req('GET ', path, ' HTTP/1.1\r\nHost: ', host, '\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 Browsertrix/1.0\r\n',
            'Accept: text/html,application/xhtml+xml\r\nAccept-Language: en-US,en;q=0.9\r\n')
        if portal:
            req('Cookie: sessionid=', P(rs(LOW + DIG, 32), 'secret', 'secret_session_cookie_warc_request'), '; csrftoken=', rs(ALNUM, 32), '\r\n')
            req('Authorization: Bearer ', P(S.jwt({'sub': str(n_(10000, 99999)), 'email': p.email_addr(), 'exp': 1712600000 + n_(0, 999999)}), 'secret', 'secret_jwt_bearer_warc_request'), '\r\n')
        req('\r\n')
        rid = ruuid()
        t = (i + 1, n_(0, 59))
        members.append(_warc_record([('WARC-Type', 'request'), ('WARC-Target-URI', 'https://%s%s' % (host, path)), ('WARC-Date', wdate % t),
                                     ('WARC-Record-ID', '<urn:uuid:%s>' % ruuid()), ('WARC-Concurrent-To', '<urn:uuid:%s>' % rid),
                                     ('Content-Type', 'application/http; msgtype=request')], req))
        html = Doc()
        if loc == 'hi':
            body = T('<h1>', 'संपर्क करें' if not portal else 'मेरी प्रोफ़ाइल', '</h1>\n<p>प्रोप्राइटर: ', p.name(g('name_owner_native')), ' (', p.name(g('name_owner_latin'), latin=True), ')</p>\n',
                     '<p>पता: ', p.address(g('address_native')), '</p>\n<p>मोबाइल / WhatsApp: <a href="tel:', p.phone(g('phone_tel_href'), 'e164'), '">', p.phone(g('phone_link_text'), 'intl'), '</a></p>\n',
                     '<p>ईमेल: ', p.email(g('email')), '</p>\n', '<p>PAN: ' if portal else '', p.nid(g('pan_profile'), 'in_.pan') if portal else None, '</p>\n' if portal else '',
                     '<footer>© 2024 · GSTIN 07AAAPS1234F1Z5 · Version ', NEG('2.4.11.3', 'ip', 'site_version_dotted_warc'), '</footer>\n')
        elif loc == 'ta':
            body = T('<h1>தொடர்புக்கு</h1>\n<p>உரிமையாளர்: ', p.name(g('name_owner_native')), '</p>\n<p>முகவரி: ', p.address(g('address_native')), '</p>\n<p>Address: ', p.address(g('address_latin'), latin=True),
                     '</p>\n<p>கைபேசி: ', p.phone(g('phone'), pick(['intl', 'nat_flat'])), '</p>\n<p>Email: ', p.email(g('email')), '</p>\n')
        elif loc == 'bn':
            body = T('<h1>যোগাযোগ</h1>\n<p>শিক্ষক: ', p.name(g('name_owner_native')), '</p>\n<p>ঠিকানা: ', p.address(g('address_native')), '</p>\n<p>মোবাইল: ',
                     p.phone(g('phone_bengali_digits'), 'nat', native_digits=True), '</p>\n<p>ইমেইল: ', p.email(g('email')), '</p>\n')
        else:
            body = T('<h1>צור קשר</h1>\n<p>ד"ר ', p.name(g('name_owner_native')), ', רופא/ת שיניים</p>\n<p>כתובת: ', p.address(g('address_native')), '</p>\n<p>טלפון: ',
                     p.phone(g('phone'), 'nat'), '</p>\n<p>דוא"ל: ', p.email(g('email')), '</p>\n<p>מספר רישיון: ', NEG(neg_digits(5), 'national_id', 'license_number_5_digits_warc'), '</p>\n')
        html('<!DOCTYPE html>\n<html lang="%s">\n<head><meta charset="utf-8"><title>%s</title></head>\n<body>\n<img src="/static/' % (loc, host),
             NEG('logo@2x.png', 'email', 'retina_image_name_at_2x'), '" alt="logo">\n', body, '</body>\n</html>\n')
        hb = len(html.text().encode('utf-8'))
        resp = Doc()
        resp('HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n' % hb)
        if portal:
            resp('Set-Cookie: sessionid=', P(rs(LOW + DIG, 32), 'secret', 'secret_session_cookie_set_cookie_warc'), '; expires=Mon, 25 Mar 2024 09:00:00 GMT; HttpOnly; Path=/; SameSite=Lax\r\n')
        resp('Date: Mon, 11 Mar 2024 09:%02d:%02d GMT\r\nServer: nginx\r\n\r\n' % t, html)
        members.append(_warc_record([('WARC-Type', 'response'), ('WARC-Target-URI', 'https://%s%s' % (host, path)), ('WARC-Date', wdate % t), ('WARC-Record-ID', '<urn:uuid:%s>' % rid),
                                     ('WARC-IP-Address', pub_ipv4()),
                                     ('WARC-Payload-Digest', T('sha1:', NEG(base64.b32encode(hashlib.sha1(rbytes(8)).digest()).decode(), 'secret', 'warc_payload_digest_base32'))),
                                     ('WARC-Block-Digest', 'sha1:' + base64.b32encode(hashlib.sha1(rbytes(8)).digest()).decode()),
                                     ('Content-Type', 'application/http; msgtype=response')], resp))
    write('crawl/warc/SME-CRAWL-20240311090000-00012.warc.gz', None, members=members, compress='gz')


def f_judgement():
    t = Person('hr', sex='m')
    s_ = Person('hr', sex='m')
    pun = Person('hr', sex='f')
    g = lambda k: '%s_hr_judgement' % k
    case = 'P-%d/%d' % (n_(100, 2999), n_(2021, 2023))
    dd = other_date(2023, 2024)
    d = Doc()
    d('REPUBLIKA HRVATSKA\nOPĆINSKI GRAĐANSKI SUD U ZAGREBU\nUl. grada Vukovara 84, Zagreb\n\nPoslovni broj: ', NEG(case, 'phone', 'case_number_hr_judgement'), '\n\n')
    d('U  I M E  R E P U B L I K E  H R V A T S K E\n\nP R E S U D A\n\n')
    d('Općinski građanski sud u Zagrebu, po sucu tog suda Marijani Vrhovac, kao sucu pojedincu, u pravnoj stvari tužitelja ', t.name(g('name_tuzitelj')), ' iz ',
      t.address(g('address_tuzitelj')), ', OIB: ', t.nid(g('hr_oib_tuzitelj')),
      ', kojeg zastupa punomoćnica odvjetnica u Zagrebu, protiv tuženika ', s_.name(g('name_tuzenik')), ' iz ', s_.address(g('address_tuzenik')), ', OIB: ',
      s_.nid(g('hr_oib_tuzenik')), ', rođenog ', s_.dob_v(g('dob_tuzenik_words'), 'words'), ', radi isplate, nakon održane glavne i javne rasprave zaključene ',
      NEG(dd.strftime('%d. %m. %Y.'), 'dob', 'hearing_date_hr_judgement'), ', u prisutnosti tužitelja i punomoćnice tužitelja, a u odsutnosti tuženika,\n\n')
    d('p r e s u d i o   j e\n\nI. Nalaže se tuženiku ', s_.name(g('name_tuzenik_operative')), ' isplatiti tužitelju iznos od ', '{:,.2f}'.format(R.uniform(800, 20000)).replace(',', ' ').replace('.', ',').replace(' ', '.'),
      ' EUR zajedno sa zakonskom zateznom kamatom, na račun tužitelja IBAN ', t.iban(g('iban_hr_tuzitelj')), ', u roku od 15 dana.\n\n')
    d('II. Nalaže se tuženiku naknaditi tužitelju trošak parničnog postupka u iznosu od ', '{:,.2f}'.format(R.uniform(200, 1500)).replace(',', ' ').replace('.', ',').replace(' ', '.'), ' EUR.\n\n')
    d('O b r a z l o ž e n j e\n\n1. Tužitelj je u tužbi naveo da je s tuženikom dana ', NEG(other_date(2021, 2022).strftime('%d. %m. %Y.'), 'dob', 'contract_date_hr_judgement'),
      ' sklopio ugovor o zajmu. Tuženik je tijekom postupka bio dostupan na adresi elektroničke pošte ', s_.email(g('email_tuzenik')), ' i na broj mobitela ',
      s_.phone(g('phone_tuzenik'), 'nat'), ', ali se nije odazvao pozivima suda.\n\n2. Svjedokinja ', pun.name(g('name_svjedok')), ' iskazala je da je bila prisutna predaji novca.\n\n')
    d('U Zagrebu, ', NEG(dd.strftime('%d. %m. %Y.'), 'dob', 'judgement_date_hr'), '\n\n', ' ' * 50, 'SUDAC\n', ' ' * 50, 'Marijana Vrhovac\n\n',
      'UPUTA O PRAVNOM LIJEKU: Protiv ove presude dopuštena je žalba u roku od 15 dana od dana dostave.\n')
    write('legal/judgements/hr/%s_presuda.txt' % case.replace('/', '-'), d)


def f_is_tsv():
    rows = [['Nafn', 'Kennitala', 'Netfang', 'Sími', 'Heimilisfang', 'Skráður', 'Athugasemdir']]
    for i in range(18):
        loc = pick(['is', 'is', 'is', 'no', 'fi'])
        p = Person(loc)
        g = lambda k: '%s_%s_tsv_multiline' % (k, loc)
        street, rest = p.addr.split(', ', 1)
        addr = P(street + '\n' + rest, 'address', g('address_two_lines'))
        kt = p.nid(g('national_id')) if loc == 'is' else P(pick(fmt_nid(p.L['ids'][0], gen_nid(p.L['ids'][0], p))), 'national_id', g('national_id'), validator=p.L['ids'][0])
        if loc == 'is' and chance(.5):
            kt = kt.as_(kt.text.replace('-', ''))
            assert valid('is_.kennitala', kt.text)
        note = pick(['', T('Greiðir með millifærslu.\nReikningur: ', p.iban(g('iban_note_second_line'))), T('Maki: ', Person(loc).name(g('name_spouse_note')), '\nSími maka: ', Person(loc).phone(g('phone_spouse_note'))),
                     T('Fæddur ' if p.sex == 'm' else 'Fædd ', p.dob_v(g('dob_note_words'), 'words'), '.')])
        rows.append([p.name(g('name')), kt, p.email(g('email')), p.phone(g('phone'), pick(['nat', 'intl', 'nat_dash' if loc == 'is' else 'nat'])), addr,
                     NEG(other_date(2015, 2024).strftime('%d.%m.%Y'), 'dob', 'registered_date_tsv'), note])
    d = emit_csv(Doc(), rows, delim='\t')
    write('exports/is/felagaskra_norraena_2024.tsv', d, check='tsv')


# =============================================================================
# D. ops / infrastructure / observability
# =============================================================================
def f_docker_inspect():
    m = Person(pick(['fi', 'sv', 'da']))
    cid = rs(HEXL, 64)
    img = rs(HEXL, 64)
    env = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'LANG=C.UTF-8', 'PYTHON_VERSION=3.11.8',
           T('DATABASE_URL=', P(db_url('postgresql', 'billing', 'db.internal', 'billing'), 'secret', 'secret_db_url_docker_env')),
           T('STRIPE_SECRET_KEY=', P(S.stripe_rk(), 'secret', 'secret_stripe_restricted_key_docker_env')),
           T('TWILIO_AUTH_TOKEN=', P(S.twilio_token(), 'secret', 'secret_twilio_auth_token_docker_env')),
           T('SENDGRID_API_KEY=', P(S.sendgrid(), 'secret', 'secret_sendgrid_docker_env')),
           T('STRIPE_PUBLISHABLE_KEY=', NEG('pk_live_51' + rs(ALNUM, 97), 'secret', 'stripe_publishable_key_docker_env')),
           T('FEATURE_FLAGS_SDK_KEY=', NEG('${LD_SDK_KEY}', 'secret', 'env_template_docker_env')),
           T('ADMIN_EMAIL=', m.email('email_docker_env_admin')), 'GUNICORN_WORKERS=4']
    obj = [{'Id': NEG(cid, 'secret', 'docker_container_id_64hex'), 'Created': '2024-03-11T08:14:22.118204551Z', 'Path': '/docker-entrypoint.sh', 'Args': ['gunicorn', 'app:create_app()'],
            'State': {'Status': 'running', 'Running': True, 'Paused': False, 'Restarting': False, 'OOMKilled': False, 'Dead': False, 'Pid': n_(1000, 60000), 'ExitCode': 0,
                      'Error': '', 'StartedAt': '2024-03-11T08:14:23.004417112Z', 'FinishedAt': '0001-01-01T00:00:00Z'},
            'Image': T('sha256:', NEG(img, 'secret', 'docker_image_sha256_digest')), 'ResolvConfPath': '/var/lib/docker/containers/%s/resolv.conf' % cid,
            'Name': '/billing-api', 'RestartCount': 0, 'Driver': 'overlay2', 'Platform': 'linux',
            'HostConfig': {'Binds': ['/srv/billing/uploads:/app/uploads'], 'NetworkMode': 'billing_default', 'PortBindings': {'8000/tcp': [{'HostIp': NEG('0.0.0.0', 'ip', 'unspecified_ip_docker'), 'HostPort': '8000'}]},
                           'RestartPolicy': {'Name': 'unless-stopped', 'MaximumRetryCount': 0}},
            'Config': {'Hostname': cid[:12], 'User': 'app', 'ExposedPorts': {'8000/tcp': {}}, 'Env': env, 'Cmd': ['gunicorn', 'app:create_app()'],
                       'Image': 'registry.gitlab.com/acme-pay/billing-api:2.4.1', 'WorkingDir': '/app',
                       'Labels': {'maintainer': T(m.name('name_docker_label_maintainer', latin=True), ' <', m.email('email_docker_label_maintainer'), '>'),
                                  'org.opencontainers.image.revision': NEG(sha1hex(), 'secret', 'git_sha_oci_label'), 'com.docker.compose.project': 'billing'}},
            'NetworkSettings': {'Bridge': '', 'SandboxID': rs(HEXL, 64), 'Ports': {'8000/tcp': [{'HostIp': '0.0.0.0', 'HostPort': '8000'}]},
                                'Networks': {'billing_default': {'IPAMConfig': None, 'Gateway': '172.18.0.1', 'IPAddress': '172.18.0.%d' % n_(2, 20), 'IPPrefixLen': 16,
                                                                 'MacAddress': '02:42:ac:12:00:%02x' % n_(2, 20), 'NetworkID': rs(HEXL, 64), 'EndpointID': rs(HEXL, 64)}}}}]
    d = jdoc(obj, indent=4)
    write('ops/docker/inspect_billing-api.json', d, check='json')


def f_airflow():
    p = Person(pick(['pt', 'it', 'sv']))
    sa = sa_json('acme-dwh-prod')
    sa['private_key'] = P(sa['private_key'].text, 'secret', 'secret_gcp_private_key_triple_escaped_airflow')
    keyfile = jstr(sa)
    extra_gcp = jstr({'keyfile_dict': keyfile, 'project': 'acme-dwh-prod', 'scope': 'https://www.googleapis.com/auth/cloud-platform', 'num_retries': 5})
    conns = {
        'postgres_dwh': {'conn_type': 'postgres', 'description': 'Warehouse (read/write)', 'login': 'etl_user', 'password': P(S.password(), 'secret', 'secret_password_airflow_conn'),
                         'host': 'dwh.internal', 'port': 5432, 'schema': 'analytics', 'extra': ''},
        'google_cloud_default': {'conn_type': 'google_cloud_platform', 'description': '', 'login': None, 'password': None, 'host': None, 'port': None, 'schema': None, 'extra': extra_gcp},
        'aws_default': {'conn_type': 'aws', 'description': '', 'login': P(S.aws_id(), 'secret', 'secret_aws_key_id_airflow_login'), 'password': P(S.aws_secret(), 'secret', 'secret_aws_secret_airflow_password'),
                        'host': None, 'port': None, 'schema': None, 'extra': jstr({'region_name': 'eu-west-1'})},
        'slack_alerts': {'conn_type': 'slack', 'description': 'alerts bot', 'login': None, 'password': P(S.slack_bot(), 'secret', 'secret_slack_bot_airflow_password'),
                         'host': None, 'port': None, 'schema': None, 'extra': ''},
        'smtp_default': {'conn_type': 'smtp', 'description': '', 'login': p.email('email_airflow_smtp_login', domain='gmail.com'), 'password': P(rs(LOW, 16), 'secret', 'secret_gmail_app_password_airflow'),
                         'host': 'smtp.gmail.com', 'port': 587, 'schema': None, 'extra': jstr({'disable_ssl': True, 'from_email': 'airflow-alerts@acme.example'})},
        'http_openai': {'conn_type': 'http', 'description': '', 'login': None, 'password': P(S.openai_old(), 'secret', 'secret_openai_legacy_airflow_password'), 'host': 'https://api.openai.com',
                        'port': None, 'schema': None, 'extra': ''},
        'mongo_events': {'conn_type': 'mongo', 'description': 'template - fill in', 'login': 'events', 'password': NEG('<password>', 'secret', 'placeholder_password_airflow'),
                         'host': 'cluster0.abcde.mongodb.net', 'port': None, 'schema': 'events', 'extra': jstr({'srv': True})},
    }
    d = jdoc(conns, indent=2)
    write('ops/airflow/connections_export_2024-03-11.json', d, check='json')


def f_streamlit():
    d = Doc()
    tpem = S.pem('PKCS8') + '\n'
    owner = Person(pick(['pt', 'br']))
    adm = [Person(pick(['pt', 'br', 'ca'])) for _ in range(3)]
    d('# .streamlit/secrets.toml  -- do NOT commit\n')
    d('OPENAI_API_KEY = "', P(S.openai(), 'secret', 'secret_openai_streamlit_toml'), '"\n')
    d('# ANTHROPIC_API_KEY = "', NEG('YOUR_API_KEY_HERE', 'secret', 'placeholder_streamlit_toml'), '"\n')
    d('ANTHROPIC_API_KEY = "', P(S.anthropic(), 'secret', 'secret_anthropic_streamlit_toml'), '"\n\n')
    d('[connections.postgresql]\ndialect = "postgresql"\nhost = "pg-prod.internal"\nport = "5432"\ndatabase = "crm"\nusername = "streamlit_ro"\npassword = "',
      P(S.password(), 'secret', 'secret_password_streamlit_toml'), '"\n\n')
    d('[connections.snowflake]\naccount = "xy%d.eu-central-1"\nuser = "SVC_STREAMLIT"\npassword = "' % n_(10000, 99999), P(S.password(), 'secret', 'secret_password_snowflake_streamlit_toml'),
      '"\nrole = "ANALYST"\nwarehouse = "COMPUTE_WH"\n\n')
    d('[gcp_service_account]\ntype = "service_account"\nproject_id = "acme-dash"\nprivate_key_id = "%s"\n' % rs(HEXL, 40))
    d('private_key = "', P(tpem, 'secret', 'secret_pem_toml_basic_string_escaped').esc(lambda s: s.replace('\n', '\\n')), '"\n')
    d('client_email = "dash-reader@acme-dash.iam.gserviceaccount.com"\nclient_id = "%s"\ntoken_uri = "https://oauth2.googleapis.com/token"\n\n' % rs(DIG, 21))
    d("[sftp]\nhost = \"sftp.partner.example\"\nusername = \"acme\"\nprivate_key = '''\n", P(S.pem('OPENSSH'), 'secret', 'secret_openssh_key_toml_multiline_literal'), "\n'''\n\n")
    d('[auth]\nredirect_uri = "https://dash.acme.example/oauth2callback"\ncookie_secret = "', P(rs(ALNUM, 40), 'secret', 'secret_cookie_secret_streamlit'), '"\n\n')
    d('[auth.google]\nclient_id = "%s-%s.apps.googleusercontent.com"\nclient_secret = "' % (rs(DIG, 12), rs(LOW + DIG, 32)), P('GOCSPX-' + rs(ALNUM + '-_', 28), 'secret', 'secret_google_oauth_client_secret'), '"\n\n')
    d('[testing]\nfake_login = "', NEG(pick(EXAMPLE_EMAILS), 'email', 'reserved_domain_streamlit_testing'), '"\nfake_password = "', NEG('changeme', 'secret', 'placeholder_changeme_streamlit'), '"\n\n')
    d('[admins]\nowner = "', owner.email('email_streamlit_owner'), '"\nemails = [')
    for i, a in enumerate(adm):
        d(', ' if i else '', '"', a.email('email_streamlit_admin_list'), '"')
    d(']\n')
    write('ops/streamlit/.streamlit/secrets.toml', d)


def f_pulumi():
    d = Doc()
    m = Person(pick(['lt', 'lv', 'et']))
    d('secretsprovider: awskms://alias/pulumi-prod?region=eu-west-1\nencryptedkey: ', NEG('AQICAHh' + rs(B64, 180) + '==', 'secret', 'pulumi_kms_encrypted_data_key'), '\nconfig:\n')
    d('  aws:region: eu-west-1\n')
    for k in ('dbPassword', 'stripeKey', 'jwtSigningKey'):
        d('  billing:%s:\n    secure: ' % k, NEG('v1:' + rs(B64, 16) + ':' + rs(B64, 60) + '==', 'secret', 'pulumi_secure_ciphertext'), '\n')
    d('  billing:sendgridApiKey: ', P(S.sendgrid(), 'secret', 'secret_sendgrid_pulumi_plain'), '\n')
    d('  billing:slackWebhook: ', P(S.slack_hook(), 'secret', 'secret_slack_webhook_pulumi_plain'), '\n')
    d('  billing:datadogApiKey: ', P(S.datadog(), 'secret', 'secret_datadog_api_key_pulumi_plain'), '\n')
    d('  billing:adminEmail: ', m.email('email_pulumi_config'), '\n')
    d('  billing:oncallPhone: "', m.phone('phone_pulumi_config', 'e164'), '"\n')
    d('  billing:sentryToken: "', NEG('<set with pulumi config set --secret>', 'secret', 'placeholder_pulumi'), '"\n')
    d('  billing:allowedCidrs:\n    - ', NEG(doc_ipv4() + '/32', 'ip', 'doc_range_cidr_pulumi'), '\n    - ', P(pub_ipv4(), 'ip', 'ip_office_allowlist_pulumi'), '/32\n')
    write('ops/pulumi/Pulumi.prod.yaml', d)


def f_ansible():
    d = Doc()
    people_ = [Person(pick(['fi', 'sv', 'no', 'da'])) for _ in range(3)]
    vault = '$ANSIBLE_VAULT;1.1;AES256\n' + '\n'.join(' ' * 10 + rs(HEXL, 80) for _ in range(5))
    d('---\nansible_user: deploy\nansible_become_pass: !vault |\n          ', NEG(vault, 'secret', 'ansible_vault_ciphertext_block'), '\n')
    d('mysql_root_password: "', P(S.password(), 'secret', 'secret_mysql_root_password_ansible'), '"\n')
    d('app_secret_key_base: ', P(rs(HEXL, 128), 'secret', 'secret_rails_secret_key_base_hex_ansible'), '\n')
    d('smtp_relay_password: "', P(S.password(), 'secret', 'secret_smtp_password_ansible'), '"\n')
    d('backup_s3_access_key: ', P(S.aws_id(), 'secret', 'secret_aws_key_id_ansible'), '\nbackup_s3_secret_key: "', P(S.aws_secret(), 'secret', 'secret_aws_secret_ansible'), '"\n')
    d('grafana_admin_password: "', NEG('{{ vault_grafana_admin_password }}', 'secret', 'jinja_template_ansible'), '"\n')
    d('datadog_api_key: ', P(S.datadog(), 'secret', 'secret_datadog_ansible'), '\n\nops_oncall:\n')
    for q in people_:
        d('  - name: ', q.name('name_oncall_ansible'), '\n    phone: "', q.phone('phone_oncall_ansible'), '"\n    email: ', q.email('email_oncall_ansible'), '\n')
    d('\nssh_authorized_keys:\n')
    for q in people_[:2]:
        d('  - "', NEG('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI' + rs(B64, 43), 'secret', 'ssh_public_key_ansible'), ' %s@laptop"\n' % fold(q.given_l).lower())
    d('\nntp_servers:\n  - 0.pool.ntp.org\n  - ', NEG('192.0.2.%d' % n_(1, 254), 'ip', 'doc_range_ip_ansible'), '\n')
    write('ops/ansible/group_vars/prod/all.yml', d)


UAS = ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
       'Mozilla/5.0 (iPhone; CPU iPhone OS 17_3_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Mobile/15E148 Safari/604.1',
       'Mozilla/5.0 (Linux; Android 13; SM-A536E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.6167.178 Mobile Safari/537.36',
       'okhttp/4.12.0', 'python-requests/2.31.0']


def f_caddy():
    d = Doc()
    for i in range(30):
        loc = pick(['vi', 'th', 'ms'])
        p = Person(loc)
        g = lambda k: '%s_%s_caddy_json' % (k, loc)
        ip = P(pub_ipv4() if chance(.75) else pub_ipv6(), 'ip', g('ip_remote'))
        kind = R.randrange(4)
        hdr = {'User-Agent': [pick(UAS)], 'Accept': ['application/json']}
        if kind == 0:
            uri = T('/v1/orders?email=', p.email(g('email_query_urlencoded')).esc(lambda s: quote(s, safe='')), '&phone=', p.phone(g('phone_query'), 'nat_flat'))
            hdr['Authorization'] = [NEG('REDACTED', 'secret', 'caddy_redacted_authorization')]
        elif kind == 1:
            uri = '/v1/me'
            hdr['Authorization'] = [T('Bearer ', P(S.jwt(), 'secret', g('secret_jwt_bearer_log_credentials')))]
            hdr['Cookie'] = [T('session=', P(rs(B64U, 43), 'secret', g('secret_session_cookie_log_credentials')))]
        elif kind == 2 and chance(.5):
            uri = '/v1/export.csv'
            hdr['X-Api-Key'] = [P(pick([S.google_api(), 'kp_live_' + rs(ALNUM, 32)]), 'secret', g('secret_x_api_key_header'))]
        elif kind == 2:
            uri = '/admin/metrics'
            hdr['Authorization'] = [T('Basic ', P(b64(('%s:%s' % (p.email_addr(), S.password())).encode()), 'secret', g('secret_basic_auth_base64_log_credentials')))]
        else:
            uri = '/healthz'
            ip = NEG(pick(['127.0.0.1', '::1']), 'ip', 'loopback_caddy')
            hdr = {'User-Agent': ['kube-probe/1.29']}
        rec = {'level': 'info', 'ts': round(1710147600 + i * 37.113 + R.random(), 6), 'logger': 'http.log.access.log0', 'msg': 'handled request',
               'request': {'remote_ip': ip, 'remote_port': str(n_(1024, 65535)), 'client_ip': ip, 'proto': 'HTTP/2.0', 'method': 'GET', 'host': 'api.kopi.shop', 'uri': uri,
                           'headers': hdr, 'tls': {'resumed': False, 'version': 772, 'cipher_suite': 4865, 'proto': 'h2', 'server_name': 'api.kopi.shop'}},
               'bytes_read': 0, 'user_id': '', 'duration': round(R.uniform(.001, .4), 6), 'size': n_(40, 9000), 'status': pick([200, 200, 200, 401, 404]),
               'resp_headers': {'Server': ['Caddy'], 'Content-Type': ['application/json']}}
        emit_json(d, rec, seps=(',', ':'))
        d('\n')
    write('ops/caddy/access-api.kopi.shop.log', d, check='jsonl')


def f_traefik():
    d = Doc()
    for i in range(40):
        t0 = dt.datetime(2024, 3, 11, 9, 0, 0) + dt.timedelta(seconds=i * 41 + n_(0, 40))
        kind = R.randrange(6)
        p = Person(pick(['pt', 'it', 'hr', 'sk']))
        g = lambda k: '%s_traefik_clf' % k
        user = '-'
        if kind == 0:
            ip = P(pub_ipv4(), 'ip', g('ip_client'))
            path = T('/api/v1/export?format=csv&api_key=', P(rs(ALNUM, 40), 'secret', g('secret_api_key_query')))
        elif kind == 1:
            ip = P(pub_ipv6(), 'ip', g('ip_client_v6'))
            path = T('/reset-password?token=', P(rs(B64U, 43), 'secret', g('secret_password_reset_token_query')), '&uid=', str(n_(1000, 99999)))
        elif kind == 2:
            ip = P(pub_ipv4(), 'ip', g('ip_client'))
            user = p.email(g('email_basic_auth_user'))
            path = '/admin/reports'
        elif kind == 3:
            ip = priv_ipv4()
            path = T('/static/js/app.', NEG(clean_neg(lambda: rs(HEXL, 8)), 'secret', 'asset_hash_8hex'), '.js')
        elif kind == 4:
            ip = NEG(doc_ipv4(), 'ip', 'doc_range_synthetic_monitor')
            path = '/healthz'
        else:
            ip = P(pub_ipv4(), 'ip', g('ip_client'))
            path = T('/unsubscribe?email=', p.email(g('email_query_urlencoded')).esc(lambda s: quote(s, safe='')))
        d(ip, ' - ', user, ' [', t0.strftime('%d/%b/%Y:%H:%M:%S +0000'), '] "GET ', path, ' HTTP/1.1" %d %d "-" "%s" %d "%s@docker" "http://172.18.0.%d:8080" %dms\n' % (
            pick([200, 200, 302, 404]), n_(100, 90000), pick(UAS), i + 1, pick(['web', 'api', 'admin']), n_(2, 20), n_(1, 900)))
    write('ops/traefik/access.log.bz2', d, compress='bz2')


def f_iis():
    d = Doc()
    d('#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: 2024-03-11 00:00:04\r\n')
    d('#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Cookie) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n')
    for i in range(34):
        p = Person(pick(['pt', 'it', 'fi', 'hr']))
        g = lambda k: '%s_%s_iis_w3c' % (k, p.loc)
        t0 = dt.datetime(2024, 3, 11, 0, 0, 4) + dt.timedelta(seconds=i * 97)
        kind = R.randrange(4)
        user, q, cookie = '-', '-', '-'
        if kind == 0:
            stem = '/portal/login.aspx'
            q = 'ReturnUrl=%2fportal%2fprofile.aspx'
        elif kind == 1:
            stem = '/portal/profile.aspx'
            user = p.email(g('email_cs_username'))
            cookie = T('ASP.NET_SessionId=', P(rs(LOW + DIG, 24), 'secret', g('secret_aspnet_session_cookie')), ';+.ASPXAUTH=', P(rs('0123456789ABCDEF', 320), 'secret', g('secret_aspxauth_cookie')))
        elif kind == 2:
            stem = '/api/customers/search'
            q = T('email=', p.email(g('email_query')).esc(lambda s: quote(s, safe='')), '&dob=', p.dob_v(g('dob_query_iso'), 'iso'), '&phone=', p.phone(g('phone_query_urlencoded'), 'e164').esc(lambda s: quote(s, safe='')))
            user = 'CORP\\svc-portal'
        else:
            stem = '/Content/site.css'
            q = 'v=' + rs(HEXL, 10)
        ip = P(pub_ipv4(), 'ip', g('ip_c_ip')) if chance(.8) else NEG('::1', 'ip', 'loopback_v6_iis')
        d(t0.strftime('%Y-%m-%d %H:%M:%S'), ' 10.0.0.4 GET ', stem, ' ', q, ' 443 ', user, ' ', ip, ' ', pick(UAS[:3]).replace(' ', '+'), ' ', cookie, ' - ',
          '%d 0 0 %d\r\n' % (pick([200, 200, 302, 401]), n_(15, 900)))
    write('ops/iis/W3SVC2/u_ex240311.log', d)


def f_syslog():
    d = Doc()
    for i in range(40):
        t0 = dt.datetime(2024, 3, 11, 9, 0, 0) + dt.timedelta(seconds=i * 53)
        stamp = t0.strftime('%Y-%m-%dT%H:%M:%S') + '.%03dZ' % n_(0, 999)
        p = Person(pick(['fi', 'da', 'bn', 'ms', 'pt']))
        g = lambda k: '%s_rfc5424' % k
        kind = R.randrange(7)
        if kind == 0:
            user = fold(p.given_l.split()[0]).lower()
            d('<38>1 ', stamp, ' edge01.lan sshd %d - [origin ip="10.0.0.5" software="OpenSSH_9.6p1"][meta sequenceId="%d"] Accepted password for %s from ' % (n_(1000, 9999), i + 1, user),
              P(pub_ipv4(), 'ip', g('ip_sshd_accepted')), ' port %d ssh2\n' % n_(1024, 65535))
        elif kind == 1:
            mm = mac()
            d('<30>1 ', stamp, ' gw01 dhcpd %d DHCPACK [dhcp@32473 mac="' % n_(100, 999), P(mm, 'mac', g('mac_sd_param')), '" ip="192.168.1.%d" host="' % n_(2, 250),
              'Galaxy-A54-%s' % fold(p.given_l.split()[0]), '"] DHCPACK on 192.168.1.%d to ' % n_(2, 250), P(mm.lower(), 'mac', g('mac_message_lower')), ' via eth1\n')
        elif kind == 2:
            pw = S.password()
            d('<86>1 ', stamp, ' db01 sudo %d - - admin : TTY=pts/0 ; PWD=/home/admin ; USER=root ; COMMAND=/usr/bin/mysql -u root -p' % n_(1000, 9999),
              P(pw, 'secret', g('secret_password_on_command_line')), '\n')
        elif kind == 3:
            qid = rs('0123456789ABCDEF', 10)
            d('<22>1 ', stamp, ' mx01 postfix/cleanup %d - - %s: message-id=<' % (n_(1000, 9999), qid),
              NEG('%s.%s@mx01.lojadoze.example' % (t0.strftime('%Y%m%d%H%M%S'), qid), 'email', 'message_id_postfix'), '>\n')
            d('<22>1 ', stamp, ' mx01 postfix/smtp %d - - %s: to=<' % (n_(1000, 9999), qid), p.email(g('email_postfix_to')),
              '>, relay=mx.mail-provider.example[', NEG(doc_ipv4(), 'ip', 'doc_range_relay_ip'), ']:25, delay=0.9, status=sent (250 2.0.0 OK)\n')
        elif kind == 4:
            v6 = pub_ipv6()
            d('<38>1 ', stamp, ' vpn01 openvpn %d - [vpn@32473 user="' % n_(100, 999), p.email(g('email_vpn_user_sd')), '" real_ip="', P(v6, 'ip', g('ipv6_vpn_real_ip_sd')),
              '"] client-instance connected, pool returned IPv4=10.8.0.%d\n' % n_(2, 250))
        elif kind == 5:
            d('<134>1 ', stamp, ' gw01 kernel - - - [UFW BLOCK] IN=eth0 OUT= MAC=', NEG('ff:ff:ff:ff:ff:ff', 'mac', 'broadcast_mac_ufw'), ':', mac().lower(), ':08:00 SRC=',
              P(pub_ipv4(), 'ip', g('ip_ufw_src')), ' DST=', NEG('0.0.0.0', 'ip', 'unspecified_ip_ufw'), ' LEN=40 PROTO=TCP SPT=%d DPT=23\n' % n_(1024, 65535))
        else:
            d('<14>1 ', stamp, ' app01 billing 4411 - [build@32473 version="', NEG('3.%d.%d.%d' % (n_(1, 20), n_(0, 20), n_(1, 250)), 'ip', 'build_version_dotted_sd'),
              '"] healthcheck ok from ', NEG('127.0.0.1', 'ip', 'loopback_syslog'), '\n')
    write('ops/syslog/edge_rfc5424_2024-03-11.log', d)


def f_winevents():
    d = Doc()
    d('<?xml version="1.0" encoding="utf-8"?>\n<Events>\n')
    for i in range(12):
        p = Person(pick(['pt', 'it', 'fi', 'sv']))
        g = lambda k: '%s_%s_windows_event_xml' % (k, p.loc)
        eid = pick([4624, 4624, 4625, 4720])
        uname = fold(p.given_l.split()[0] + '.' + p.family_l.split()[-1]).lower()
        t0 = dt.datetime(2024, 3, 11, 8, 0, 0) + dt.timedelta(seconds=i * 311)
        d("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Security-Auditing' Guid='{54849625-5478-4994-A5BA-3E3B0328C30D}'/>")
        d('<EventID>%d</EventID><Version>2</Version><Level>0</Level><Task>12544</Task><Opcode>0</Opcode><Keywords>0x8020000000000000</Keywords>' % eid)
        d("<TimeCreated SystemTime='", t0.strftime('%Y-%m-%dT%H:%M:%S.%f') + '1Z', "'/><EventRecordID>", str(n_(10 ** 6, 10 ** 7)), "</EventRecordID><Correlation ActivityID='{", ruuid().upper(),
          "}'/><Execution ProcessID='812' ThreadID='%d'/><Channel>Security</Channel><Computer>WS-HR-%03d.corp.lojadoze.example</Computer><Security/></System><EventData>" % (n_(100, 9999), n_(1, 99)))
        sid = NEG('S-1-5-21-%d-%d-%d-%d' % (n_(10 ** 9, 4 * 10 ** 9), n_(10 ** 9, 4 * 10 ** 9), n_(10 ** 7, 10 ** 9), n_(1000, 9999)), 'national_id', 'windows_sid')
        if eid == 4720:
            d("<Data Name='TargetUserName'>", uname, "</Data><Data Name='TargetDomainName'>CORP</Data><Data Name='TargetSid'>", sid, "</Data>")
            d("<Data Name='SubjectUserName'>adm.it</Data><Data Name='SamAccountName'>", uname, "</Data><Data Name='DisplayName'>")
            d(p.name(g('name_display_name')), esc=e_xml)
            d("</Data><Data Name='UserPrincipalName'>", p.email(g('email_upn'), domain='corp.lojadoze.pt'), "</Data><Data Name='HomeDirectory'>-</Data><Data Name='PasswordLastSet'>%%1794</Data>")
        else:
            ip = P(pub_ipv4(), 'ip', g('ip_address_logon')) if chance(.7) else NEG(pick(['127.0.0.1', '::1']), 'ip', 'loopback_logon_event')
            d("<Data Name='SubjectUserSid'>S-1-5-18</Data><Data Name='SubjectUserName'>WS-HR-014$</Data><Data Name='TargetUserSid'>", sid, "</Data><Data Name='TargetUserName'>", uname,
              "</Data><Data Name='TargetDomainName'>CORP</Data><Data Name='LogonType'>%d</Data><Data Name='LogonGuid'>{" % pick([3, 10]),
              NEG('00000000-0000-0000-0000-000000000000', 'secret', 'zero_guid_logon'), "}</Data><Data Name='WorkstationName'>LAPTOP-%s</Data><Data Name='IpAddress'>" % rs(UP + DIG, 7),
              ip, "</Data><Data Name='IpPort'>%d</Data>" % n_(1024, 65535))
            if eid == 4625:
                d("<Data Name='Status'>0xc000006d</Data><Data Name='SubStatus'>0xc000006a</Data>")
        d('</EventData></Event>\n')
    d('</Events>\n')
    write('ops/windows/Security_4624_4625_4720_export.xml', d, check='xml')


def f_oracle():
    d = Doc()
    d('--------------------------------------------------------\n--  File created - Monday-March-11-2024   \n--------------------------------------------------------\n')
    d('REM INSERTING into CRM.CLIENTES\nSET DEFINE OFF;\n')
    MON = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
    for i in range(26):
        loc = pick(['cl', 'ar', 'co', 'mx', 'ec'])
        p = Person(loc)
        g = lambda k: '%s_%s_oracle_insert' % (k, loc)
        kind = p.L['ids'][0]
        dob = P('%02d-%s-%02d' % (p.dob.day, MON[p.dob.month - 1], p.dob.year % 100), 'dob', g('dob_dd_mon_rr'))
        alta = other_date(2019, 2024)
        addr = p.address(g('address'))
        if loc == 'cl' and chance(.5):
            addr = P('Av. Libertador Bernardo O\'Higgins %d, Depto. %d, Santiago' % (n_(100, 3999), n_(11, 1904)), 'address', g('address_with_apostrophe'))
        q = Person(loc)
        obs = pick(['NULL', T("'Cliente pide factura a nombre de su madre, Sra. ", q.name(g('name_in_observaciones')), "'"),
                    T("q'[Llamar al ", p.phone(g('phone_in_q_quote'), 'nat'), " - no tiene WhatsApp]'"), "'Sin observaciones'"])
        d('Insert into CRM.CLIENTES (ID_CLIENTE,NOMBRE,APELLIDOS,DOC_IDENTIDAD,FECHA_NACIMIENTO,EMAIL,TELEFONO,DIRECCION,FECHA_ALTA,NRO_OPERACION,OBSERVACIONES) values (',
          "'%d','" % (100000 + i * 7), P(p.given, 'name', g('name_nombre')).esc(e_sql), "','", P(p.family, 'name', g('name_apellidos')).esc(e_sql), "','",
          p.nid(g(kind.replace('.', '_'))), "',to_date('", dob, "','DD-MON-RR'),'", p.email(g('email')), "','", p.phone(g('phone')), "','", addr.esc(e_sql), "',to_date('",
          NEG('%02d-%s-%02d' % (alta.day, MON[alta.month - 1], alta.year % 100), 'dob', 'fecha_alta_oracle'), "','DD-MON-RR'),'", NEG(neg_digits(12), 'phone', 'nro_operacion_12_digits'), "',")
        d(obs)
        d(');\n')
    write('db/oracle/export_clientes_latam_2024-03-11.sql.xz', d, compress='xz')


def f_mssql():
    d = Doc()
    E = '\r\n'
    d('USE [CRM]', E, 'GO', E, '/****** Object:  Table [dbo].[Contacts]    Script Date: 3/11/2024 9:14:22 AM ******/', E, 'SET ANSI_NULLS ON', E, 'GO', E, 'SET QUOTED_IDENTIFIER ON', E, 'GO', E)
    d('CREATE TABLE [dbo].[Contacts](', E, '\t[ContactId] [int] IDENTITY(1,1) NOT NULL,', E, '\t[FullName] [nvarchar](200) NOT NULL,', E, '\t[NationalId] [nvarchar](40) NULL,', E,
      '\t[BirthDate] [date] NULL,', E, '\t[Phone] [nvarchar](40) NULL,', E, '\t[Email] [nvarchar](200) NULL,', E, '\t[Address] [nvarchar](400) NULL,', E, '\t[Iban] [varchar](40) NULL,', E,
      '\t[Notes] [nvarchar](max) NULL,', E, '\t[CreatedAt] [datetime] NOT NULL,', E, ' CONSTRAINT [PK_Contacts] PRIMARY KEY CLUSTERED ([ContactId] ASC)', E, ') ON [PRIMARY] TEXTIMAGE_ON [PRIMARY]', E, 'GO', E)
    d('SET IDENTITY_INSERT [dbo].[Contacts] ON ', E, 'GO', E)
    for i in range(20):
        loc = pick(['he', 'fa', 'ur', 'he'])
        p = Person(loc)
        g = lambda k: '%s_%s_mssql_nliteral' % (k, loc)
        nid = p.nid(g('national_id')) if p.L['ids'] else None
        ib = p.iban(g('iban'), printed=chance(.5)) if p.L['iban'] else 'NULL'
        notes = pick([T("N'", {'he': 'לקוח VIP, להתקשר רק אחרי 17:00', 'fa': 'مشتری قدیمی - تماس فقط عصرها', 'ur': 'پرانا گاہک، شام کو رابطہ کریں'}[loc], "'"),
                      T("N'", {'he': 'טלפון נוסף: ', 'fa': 'تلفن دوم: ', 'ur': 'دوسرا نمبر: '}[loc], p.landline(g('phone_second_in_notes')), "'"), 'NULL',
                      T("N'", {'he': 'כרטיס לחיוב: ', 'fa': 'کارت: ', 'ur': 'کارڈ: '}[loc],
                        p.card(g('card_in_notes'), 'shetab' if loc == 'fa' else pick(['visa', 'mastercard', 'unionpay']), pick(['space', 'dash'])), "'")])
        created = ts()
        d('INSERT [dbo].[Contacts] ([ContactId], [FullName], [NationalId], [BirthDate], [Phone], [Email], [Address], [Iban], [Notes], [CreatedAt]) VALUES (%d, N\'' % (i + 1),
          p.name(g('name')).esc(e_sql), "', ", T("N'", nid, "'") if nid else 'NULL', ", CAST(N'", p.dob_v(g('dob_cast_date'), 'iso'), "' AS Date), N'",
          p.phone(g('phone'), 'nat' if loc == 'fa' else None, native_digits=(loc == 'fa' and chance(.4))), "', N'", p.email(g('email')), "', N'",
          p.address(g('address')).esc(e_sql), "', ", T("'", ib, "'") if ib != 'NULL' else 'NULL', ", ", notes, ", CAST(N'", NEG(created.strftime('%Y-%m-%dT%H:%M:%S.000'), 'dob', 'created_at_mssql'), "' AS DateTime))", E, 'GO', E)
    d('SET IDENTITY_INSERT [dbo].[Contacts] OFF', E, 'GO', E)
    write('db/mssql/CRM_Contacts_script.sql', d, bom=True)


def _attr(k, v):
    return {'key': k, 'value': {'stringValue': v}}


def f_otlp():
    d = Doc()
    for i in range(10):
        loc = pick(['br', 'pt', 'ar'])
        p = Person(loc)
        g = lambda k: '%s_%s_otlp_json' % (k, loc)
        t0 = 1710148000 * 10 ** 9 + n_(0, 10 ** 14)
        kind = pick(['db', 'http'])
        if kind == 'db':
            idv = p.nid(g('national_id_in_db_statement'))
            stmt = T("INSERT INTO customers (name, email, phone, doc) VALUES ('", p.name(g('name_in_db_statement')).esc(e_sql), "', '", p.email(g('email_in_db_statement')), "', '",
                     p.phone(g('phone_in_db_statement'), 'e164'), "', '", idv, "')")
            attrs = [_attr('db.system', 'postgresql'), _attr('db.statement', stmt), _attr('db.user', 'app'), _attr('net.peer.name', 'pg-primary.internal')]
            name, scope = 'INSERT', 'opentelemetry.instrumentation.psycopg2'
        else:
            attrs = [_attr('http.method', 'POST'), _attr('http.url', T('https://api.lojadoze.example/v1/customers/lookup?email=', p.email(g('email_in_http_url')).esc(lambda s: quote(s, safe='')))),
                     {'key': 'http.request.header.authorization', 'value': {'arrayValue': {'values': [{'stringValue': T('Bearer ', P(S.stripe_sk() if chance(.5) else S.jwt(), 'secret', g('secret_auth_header_array_value')))}]}}},
                     _attr('enduser.id', p.email(g('email_enduser_id'))), _attr('client.address', P(pub_ipv4(), 'ip', g('ip_client_address'))),
                     _attr('http.user_agent', pick(UAS)), {'key': 'http.status_code', 'value': {'intValue': '200'}}]
            name, scope = 'POST /v1/customers/lookup', 'opentelemetry.instrumentation.fastapi'
        req = {'resourceSpans': [{'resource': {'attributes': [_attr('service.name', 'checkout'), _attr('service.version', NEG('2.%d.%d.%d' % (n_(1, 30), n_(0, 9), n_(1, 200)), 'ip', 'service_version_dotted_otlp')),
                                                             _attr('host.name', 'checkout-7f9c%s' % rs(LOW + DIG, 5))]},
                                  'scopeSpans': [{'scope': {'name': scope, 'version': '0.44b0'},
                                                  'spans': [{'traceId': NEG(rs(HEXL, 32), 'secret', 'otel_trace_id_hex'), 'spanId': NEG(rs(HEXL, 16), 'secret', 'otel_span_id_hex'),
                                                             'parentSpanId': '', 'name': name, 'kind': 3 if kind == 'db' else 2,
                                                             'startTimeUnixNano': NEG(clean_neg(lambda: str(t0 + n_(0, 10 ** 9))), 'phone', 'otel_unix_nano_19_digits'),
                                                             'endTimeUnixNano': str(t0 + n_(10 ** 9, 2 * 10 ** 9)), 'attributes': attrs, 'status': {}}]}]}]}
        emit_json(d, req, seps=(',', ':'))
        d('\n')
    write('otel/traces/otlp_traces_checkout_2024-03-11.jsonl', d, check='jsonl')


# =============================================================================
# main: build, verify, write labels
# =============================================================================
BUILDERS = [f_chatml, f_llama3, f_gemini, f_kto, f_openai_batch, f_agents, f_argilla, f_prodigy, f_llamaindex, f_qdrant, f_transcribe, f_whisper,
            f_i2b2, f_wandb, f_home_backup, f_parquet_nordic, f_mpesa,
            f_fhir, f_dicom,
            f_shopify, f_stripe, f_paypal, f_psp_debug, f_fatturapa, f_cfdi, f_fatura_recibo, f_cz_statement, f_c1914, f_cp1250_csv, f_cp1257_csv,
            f_google_play, f_google_contacts, f_intercom, f_sms_backup, f_chrome_passwords, f_vcard21, f_latex_cvs, f_twitter, f_segment, f_warc,
            f_judgement, f_is_tsv,
            f_docker_inspect, f_airflow, f_streamlit, f_pulumi, f_ansible, f_caddy, f_traefik, f_iis, f_syslog, f_winevents, f_oracle, f_mssql, f_otlp]


def file_bytes(rel, enc):
    b = open(os.path.join(ARGS.out, rel), 'rb').read()
    if rel.endswith('.gz'):
        b = gzip.decompress(b)
    elif rel.endswith('.bz2'):
        b = bz2.decompress(b)
    elif rel.endswith('.xz'):
        b = lzma.decompress(b)
    if enc:
        t = b.decode(enc)
        b = (t[1:] if t.startswith('\ufeff') else t).encode('utf-8')
    return b


def verify():
    problems = []
    by_file = {}
    for rec, v in LABELS:
        by_file.setdefault(rec['file'], []).append((rec, v))
    for rel, ls in by_file.items():
        info = FILES[rel]
        if info['check'] == 'parquet':
            t = pq.read_table(os.path.join(ARGS.out, rel)).to_pylist()
            for rec, v in ls:
                cell = t[rec['row']]
                for k in rec['column'].split('.'):
                    cell = [c[k] for c in cell] if isinstance(cell, list) else cell[k]
                cells = cell if isinstance(cell, list) else [cell]
                if not any(c is not None and rec['value'] in c for c in cells):
                    problems.append(('parquet value not in cell', rel, rec['value'], rec['column'], rec['row']))
            continue
        b = file_bytes(rel, info['encoding'])
        spans = []
        for rec, v in ls:
            s, e = rec['span']
            if b[s:e] != rec['value'].encode('utf-8'):
                problems.append(('span mismatch', rel, rec['value'], b[s:e][:80]))
            spans.append((s, e, rec['value']))
            ln = b[:s].count(b'\n') + 1
            if ln != rec['line']:
                problems.append(('line mismatch', rel, rec['value'], ln, rec['line']))
        spans.sort()
        for a, c in zip(spans, spans[1:]):
            if c[0] < a[1]:
                problems.append(('overlap', rel, a[2], c[2]))
        # format checks
        chk = info['check']
        if chk:
            txt = b.decode('utf-8')
            if txt.startswith('\ufeff'):
                txt = txt[1:]
            try:
                if chk == 'json':
                    json.loads(txt)
                elif chk == 'jsonl':
                    for line in txt.splitlines():
                        if line.strip():
                            json.loads(line)
                elif chk == 'xml':
                    xml.dom.minidom.parseString(txt.encode('utf-8'))
                elif chk in ('csv', 'tsv'):
                    rows = list(csv.reader(io.StringIO(txt, newline=''), delimiter='\t' if chk == 'tsv' else ','))
                    widths = {len(r) for r in rows if r}
                    if len(widths) != 1:
                        problems.append(('csv ragged', rel, sorted(widths)))
            except Exception as ex:  # noqa
                problems.append(('parse error', rel, chk, str(ex)[:200]))
    # label-level properties
    for rec, v in LABELS:
        raw = v.raw
        if rec['positive']:
            if rec['category'] == 'national_id':
                if not (rec.get('validator') and valid(rec['validator'], raw)):
                    problems.append(('invalid national_id positive', rec['file'], raw, rec.get('validator')))
            elif rec['category'] == 'iban':
                if not std_iban.is_valid(raw):
                    problems.append(('invalid iban positive', rec['file'], raw))
            elif rec['category'] == 'card':
                dg = re.sub(r'\D', '', raw)
                if not luhn.is_valid(dg) or dg in TEST_CARDS:
                    problems.append(('invalid card positive', rec['file'], raw))
            elif rec['category'] == 'phone' and ' at ' not in raw:
                a = ascii_digits(raw).replace('~', ' ')
                if a.startswith('00'):
                    a = '+' + a[2:]
                if a.startswith('+'):
                    try:
                        ok = pn.is_valid_number(pn.parse(a, None))
                    except Exception:
                        ok = False
                    if not ok:
                        problems.append(('invalid phone positive', rec['file'], raw))
            elif rec['category'] == 'ip':
                if not ipaddress.ip_address(raw).is_global:
                    problems.append(('non-global ip positive', rec['file'], raw))
        else:
            a = ascii_digits(raw)
            nd_ = len(re.sub(r'\D', '', a))
            digitish = re.fullmatch(r'[\d\s\-./#+()*]+', a) is not None
            if nd_ >= 8 and (rec['category'] in ('national_id', 'card', 'iban', 'phone') or (digitish and rec['category'] != 'dob')):
                h = passes_any(raw)
                if h:
                    problems.append(('negative passes validator', rec['file'], raw, rec['form'], h))
            if rec['category'] == 'ip' and '.' in raw and re.fullmatch(r'[\d.]+(/\d+)?', raw):
                ip = ipaddress.ip_address(raw.split('/')[0])
                if ip.is_global and not rec['form'].startswith('neg_doc') and 'version' not in rec['form']:
                    problems.append(('global ip negative', rec['file'], raw, rec['form']))
    return problems


def main():
    os.makedirs(ARGS.out, exist_ok=True)
    for b in BUILDERS:
        b()
    probs = verify()
    lab_path = os.path.join(ARGS.out, 'labels.jsonl')
    recs = [r for r, _ in LABELS]
    recs.sort(key=lambda r: (r['file'], r['span'][0] if r['span'] else -1, r.get('row') or 0, r.get('column') or ''))
    with open(lab_path, 'w', encoding='utf-8') as fh:
        for r in recs:
            fh.write(json.dumps(r, ensure_ascii=False) + '\n')
    tot = sum(os.path.getsize(os.path.join(ARGS.out, f)) for f in FILES)
    pos = sum(r['positive'] for r in recs)
    print('blind7 seed=%d: %d files, %.0f KB, %d labels (%d positive, %d negative)' % (ARGS.seed, len(FILES), tot / 1024, len(recs), pos, len(recs) - pos))
    cats = sorted({r['category'] for r in recs})
    for c in cats:
        print('  %-12s pos %5d   neg %4d' % (c, sum(1 for r in recs if r['category'] == c and r['positive']), sum(1 for r in recs if r['category'] == c and not r['positive'])))
    if probs:
        print('PROBLEMS (%d):' % len(probs))
        for p_ in probs[:60]:
            print('  ', p_)
        sys.exit(1)
    print('verified: every span holds its value; no overlaps; formats parse; validators hold')


if __name__ == '__main__':
    main()
