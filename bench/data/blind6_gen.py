#!/usr/bin/env python3
"""blind6: independent blind evaluation set for a PII / secrets scanner, in
interchange, infrastructure and conversation shapes (or producer variants) that
none of blind sets 1-5 used.  Where a family appeared before, the variant is
new: mbox with QP soft breaks and a base64 part (blind4: 8-bit mbox), mysqldump
--hex-blob with a JSON column, gzipped (blind3/4: plain INSERTs), pg_dumpall
roles + COPY with arrays / jsonb / escaped newlines, FHIR in XML (blind4: JSON),
SEPA pain.008 direct debits (blind4: pain.001), WhatsApp iOS (blind3: Android),
CRI container logs (blind3: JSON k8s logs), HAProxy (blind3/4: nginx), Jira
(blind4: Zendesk), notebooks with stream / error outputs.

Usage: python blind6_gen.py --seed N --out DIR
       (run it with the data venv: /root/.cache/mlsec/data-venv/bin/python;
        needs faker, python-stdnum, phonenumbers and zstandard)

Writes 56 files (~410 KB; labels.jsonl ~0.95 MB) into DIR plus DIR/labels.jsonl, in the
label schema `blind4_score.py` reads: one JSON object per line with file,
value, category, form, positive, span [start, end) (byte offsets), line, and
`validator` (python-stdnum module, 'iban' or 'luhn') on checksum labels; labels
on a non-UTF-8 file carry `encoding`, and labels whose value an escape or
transfer encoding changed carry `decoded` (the plain value, the one `validator`
accepts).  There is no Parquet in this set, so every label has a span.  The
generator is deterministic per seed, runs in about a second and is
self-contained (it shares no code with blind1-5).

Shapes
  databases   SQLite `.dump`; mysqldump extended INSERTs (--hex-blob, JSON
              column, backslash escapes) gzipped; pg_dump COPY blocks with \\N,
              text[] and jsonb, escaped newlines; mongoexport extended JSON
              (.bz2); Elasticsearch _bulk NDJSON (.zst); redis-cli MONITOR;
              Django `dumpdata` fixtures.
  mail/pim    mbox with RFC 2047 headers, quoted-printable bodies with soft line
              breaks, a base64 text/plain part and >From escaping; a single
              8-bit Korean .eml with a forwarded block; vCard 3.0 (folded, CRLF,
              PHOTO) and 4.0 (tel: URIs, BDAY without year); iCalendar with
              ATTENDEE;CN and a yearly birthday series; GEDCOM genealogy.
  notebooks   two .ipynb with line-split sources, stream / error (ANSI) /
              execute_result (text/html + text/plain) outputs.
  web         a Ukrainian staff directory with "[at]" obfuscation and &#64;
              entities; a Turkish law-firm contact page with tel:/mailto:,
              entities and JSON-LD; an HTML table saved as .xls; a HAR trace;
              a Postman collection.
  xml         a Czech e-shop export (CDATA, attributes), SEPA pain.008 direct
              debits, a FHIR Patient bundle in XML, SpreadsheetML 2003.
  infra       Helm values, a GitHub Actions workflow, a Jenkinsfile, a
              kubeconfig, dbt profiles.yml, systemd unit, rclone.conf, Maven
              settings.xml, .netrc, CloudTrail (.json.gz), journalctl -o json,
              CRI container logs (with P/F partial lines), HAProxy logs, Android
              logcat, a git format-patch that removes and adds credentials, a
              Windows .reg export (UTF-16LE).
  chat/media  WhatsApp iOS export, Telegram Desktop result.json (text entity
              arrays, text_entities), DiscordChatExporter JSON, LINE export;
              SRT and WebVTT interview subtitles; a podcast transcript.
  business    Jira CSV export (repeated Comment columns, multi-line cells),
              Qualtrics CSV with three header rows, an HR export with two
              header rows, a dataset card README with a Markdown sample table,
              a doccano NER export, CORD-style receipt annotations, a Tesseract
              TSV of a scanned ID card, a 1C export in Windows-1251, a Japanese
              Excel CSV in Shift_JIS (cp932).
  locales     Turkish, Greek, Russian, Ukrainian, Bulgarian, Arabic (SA/AE/EG),
              Hebrew, Hindi/Indian English, Thai, Vietnamese, Indonesian,
              Japanese, Korean, Romanian, Czech, Hungarian, Mexican, Argentine,
              Chilean Spanish and South African English; national ids
              tr.tckimlik, gr.amka, gr.vat, ro.cnp, cz.rc, cz.dic, sk.rc, bg.egn, cl.rut,
              ar.cuit, mx.curp, mx.rfc, kr.rrn, il.idnr, za.idnr, ru.inn,
              ua.rntrc, th.pin, vn.mst, id.nik, id.npwp, in_.aadhaar, in_.pan,
              jp.in_.

Labelling policy (blind5's, applied the same way)
  * Checksum categories (national_id, iban, card): positives validate with
    python-stdnum (Luhn for cards); negatives FAIL their own validator and every
    other id validator used here (asserted).  Known test values that still
    validate (4111 1111 1111 1111, DE89 3704 0044 0532 0130 00) are planted but
    left UNLABELLED (neutral).
  * email: addresses on real-looking domains are positive; RFC 2606 names
    (example.com/.org/.net, *.test, *.invalid, *.example) and look-alikes
    (Message-IDs, git@host:, pkg@version, icon@2x.png, UPI ids, user@host in
    ssh prompts) are negatives.
  * phone: numbers phonenumbers calls valid are positive (asserted at creation);
    fictional ranges (US 555-01xx, UK 07700 900xxx / 020 7946 0xxx, AU 0491 570
    xxx) and digit strings that are not phones (order / invoice / ticket numbers,
    AWS account ids, snowflake ids, conference PINs, coordinates) are negatives.
  * ip: globally routable IPv4/IPv6 positive; loopback, documentation ranges and
    dotted version strings negative; RFC 1918 / CGNAT / link-local NEUTRAL.
  * mac: unicast device MACs positive; broadcast / all-zero negative.
  * secret: live-looking credentials positive (also in removed `-` lines of a
    diff, in comments and base64-wrapped); placeholders (YOUR_API_KEY, xxxx,
    <...>, ${VAR}, ${{ secrets.X }}, {{ env_var() }}, changeme), masked values,
    redaction markers, AWS documentation keys, public keys / certificates,
    hashes, password hashes, digests, git SHAs, UUIDs, Maven {encrypted}
    ciphertext, Stripe publishable keys, base64 images are negatives.
  * dob: a date in a birth-date context is positive (any notation: Buddhist Era,
    Japanese era, GEDCOM, vCard, Mongo $date, yearly birthday VEVENT); other
    dates (death, marriage, signature, service, created) are dob negatives.
  * name / address: natural persons' names and postal addresses that locate a
    person or a small business are positive; company names, public figures and
    user handles are left unlabelled.
  * Placeholders that stand for personal data ([NAME], <EMAIL>) are negatives
    of the category they replace; spoken forms (digits read out, "at"/"dot"
    e-mails) are positives of the category they spell out.
Where blind6 differs / adds
  * "Value as written": a label's value is exactly the bytes of the file at its
    span.  When the producer's encoding changes the bytes, the label holds the
    encoded form: JSON / SQL / COPY / iCalendar escapes (\\n, \\", \\u05d3,
    \\,), redis-cli \\xd0\\x98 byte escapes, RFC 2047 encoded-words
    (=?UTF-8?Q?...?=), quoted-printable (=C3=A1), HTML entities
    (info&#x40;...), URL encoding (%40), and line continuations that fall
    inside a value: quoted-printable soft breaks ("=\\n") and vCard /
    iCalendar folds ("\\r\\n ").  The form names say so (_qp_encoded,
    _qp_soft_break, _folded, _entities, _urlencoded, _escaped, _rfc2047_q,
    _hex_escaped_utf8, _ascii_escaped).
  * base64 MIME parts: the plain text is laid out so each labelled value starts
    on a 3-byte boundary; the label spans the base64 characters that encode the
    value (up to 2 bytes of the following text may share the last quartet, and a
    76-column line break may fall inside).  Form suffix _base64_part.
  * Tokenised shapes (Tesseract TSV, doccano/CORD): only values that are one
    token are labelled; values split over several tokens are left unlabelled.
  * Encodings: the UTF-16LE .reg file and the cp1251 / cp932 CSVs carry
    "encoding" on their labels; spans are byte offsets in the UTF-8 encoding of
    the decoded text with the BOM dropped (blind5's rule, which blind4_score
    implements).  Compressed files (.gz/.bz2/.zst) are labelled in decompressed
    bytes; blind4_score decompresses .gz/.bz2/.xz for its context column only,
    so the .zst file scores correctly but shows raw context.
  * A split value gets one label only when its pieces are contiguous in the
    file (a phone broken over two lines of one subtitle cue, a CRI partial
    line split outside any value); OCR tokens of a multi-token date are not
    labelled.
  * The generator re-reads every file from disk and asserts data[start:end]
    equals the value, that spans do not overlap, that every positive phone is
    valid (phonenumbers) and every checksum positive validates when created,
    that every numeric negative passes no validator, and that JSON / JSONL /
    XML / CSV files parse.
"""
import os, sys
if os.environ.get('PYTHONHASHSEED') != '0':  # Faker iterates over sets: pin hashing for reproducibility
    os.environ['PYTHONHASHSEED'] = '0'
    os.execv(sys.executable, [sys.executable] + sys.argv)
import argparse, base64, bz2, collections, csv, datetime as dt, gzip, hashlib, importlib, io, ipaddress, json, re, random, string, unicodedata, uuid
import xml.dom.minidom
from urllib.parse import quote, quote_plus

import phonenumbers as pn
from faker import Faker
from stdnum import luhn, iban as std_iban
import zstandard

AP = argparse.ArgumentParser()
AP.add_argument('--seed', type=int, default=1)
AP.add_argument('--out', required=True)
OPT = AP.parse_args()
SEED = 6000000 + OPT.seed * 104729
R = random.Random(SEED)

DIG = string.digits
UP = string.ascii_uppercase
LO = string.ascii_lowercase
ALNUM = string.ascii_letters + DIG
HEX = '0123456789abcdef'
B64 = string.ascii_letters + DIG + '+/'
B64U = string.ascii_letters + DIG + '-_'


def rs(alpha, n):
    return ''.join(R.choice(alpha) for _ in range(n))


def d(n):
    return rs(DIG, n)


def pick(seq):
    return R.choice(list(seq))


def chance(p):
    return R.random() < p


# ============================================================================
# labelled values and text made of parts
# ============================================================================
class L:
    """A labelled value: `value` is the exact text that ends up in the file."""
    __slots__ = ('value', 'cat', 'form', 'pos', 'extra')

    def __init__(self, value, cat, form, pos=True, **extra):
        self.value, self.cat, self.form, self.pos, self.extra = str(value), cat, form, pos, extra

    def re(self, value, form=None):
        """The same label with the value as an escape / encoding wrote it (the plain value is kept as `decoded`)."""
        extra = dict(self.extra)
        if value != self.value and 'decoded' not in extra:
            extra['decoded'] = self.value
        return L(value, self.cat, form or self.form, self.pos, **extra)


class T(list):
    """One logical string made of str and L pieces (a JSON string, a cell ...)."""
    def __init__(self, *parts):
        super().__init__(flat(parts))


def flat(parts):
    for p in parts:
        if p is None:
            continue
        if isinstance(p, (list, tuple)):
            yield from flat(p)
        else:
            yield p


def plain(x):
    if isinstance(x, L):
        return x.value
    if isinstance(x, (list, tuple)):
        return ''.join(plain(p) for p in flat(x))
    return '' if x is None else str(x)


def mapesc(parts, f):
    """Apply a char-local escape to every piece (labels keep their identity)."""
    out = []
    for p in flat(parts if isinstance(parts, (list, tuple)) else [parts]):
        if isinstance(p, L):
            out.append(p.re(f(p.value)))
        else:
            out.append(f(str(p)))
    return out


# ---------------------------------------------------------------- validators
def sm(m):
    return importlib.import_module('stdnum.' + m)


ALL_IDS = ['de.idnr', 'fr.nir', 'es.dni', 'es.nie', 'it.codicefiscale', 'nl.bsn', 'pl.pesel', 'pl.nip', 'pt.nif', 'br.cpf', 'br.cnpj', 'se.personnummer',
           'fi.hetu', 'no.fodselsnummer', 'cz.rc', 'sk.rc', 'cz.dic', 'ro.cnp', 'tr.tckimlik', 'tr.vkn', 'ru.inn', 'ua.rntrc', 'ua.edrpou', 'gr.amka', 'gr.vat',
           'bg.egn', 'jp.in_', 'kr.rrn', 'cn.ric', 'in_.aadhaar', 'gb.nhs', 'gb.utr', 'au.tfn', 'ca.sin', 'nz.ird', 'il.idnr', 'th.pin', 'vn.mst', 'id.npwp',
           'mx.curp', 'ar.cuit', 'cl.rut', 'co.nit', 'za.idnr', 'ie.pps', 'be.nn', 'ch.ssn', 'at.vnr', 'hu.anum', 'ec.ci', 'pe.ruc', 'uy.rut']
NO_CHECKSUM = {'us.ssn', 'in_.pan', 'id.nik', 'mx.rfc'}   # format-only validators: used for positives, never to clear a negative


def valid_any(v):
    for m in ALL_IDS:
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


def _validate(mod, v):
    if mod == 'luhn':
        c = re.sub(r'[\s\-]', '', v)
        return c.isdigit() and luhn.is_valid(c)
    if mod == 'iban':
        return std_iban.is_valid(v)
    if mod == 'mx.rfc':
        return sm(mod).is_valid(v, validate_check_digits=True)
    return sm(mod).is_valid(v)


def P(v, cat, form, **kw):
    return L(v, cat, form, True, **kw)


def N(v, cat, form, **kw):
    lab = L(v, cat, form, False, **kw)
    if cat in ('national_id', 'iban', 'card', 'phone') and sum(c.isdigit() for c in lab.value) >= 6:
        assert not valid_any(lab.value), ('negative passes a validator', form, v, valid_any(lab.value))
    if kw.get('validator'):
        assert not _validate(kw['validator'], lab.value), (form, v)
    return lab


def negv(v, cat, form, **kw):
    """A negative unless v passes a checksum validator (then it stays neutral, unlabelled)."""
    if sum(c.isdigit() for c in v) >= 6 and valid_any(v):
        return v
    return N(v, cat, form, **kw)


def negnum(gen, cat, form, **kw):
    for _ in range(2000):
        v = gen()
        if not valid_any(v):
            return N(v, cat, form, **kw)
    raise RuntimeError(form)


def ID(mod, v, form, pos=True):
    if pos:
        assert _validate(mod, v), (mod, v, form)
        return L(v, 'national_id', form, True, validator=mod)
    return N(v, 'national_id', form, validator=mod)


def IB(v, form, pos=True):
    if pos:
        assert std_iban.is_valid(v), v
        return L(v, 'iban', form, True, validator='iban')
    return N(v, 'iban', form, validator='iban')


def CARD(v, form, pos=True):
    if pos:
        assert _validate('luhn', v), v
        return L(v, 'card', form, True, validator='luhn')
    return N(v, 'card', form, validator='luhn')


def SEC(v, form, pos=True):
    return L(v, 'secret', form, pos)


def corrupt(v, mod):
    """Change one digit of a valid value so that its own and every other validator fail."""
    idx = [i for i, c in enumerate(v) if c.isdigit()]
    for _ in range(500):
        i = pick(idx)
        w = v[:i] + pick([x for x in DIG if x != v[i]]) + v[i + 1:]
        if _validate(mod, w) or valid_any(w):
            continue
        return w
    raise RuntimeError('cannot corrupt %s %s' % (mod, v))


# ============================================================================
# people
# ============================================================================
FKS = {}


def fk(loc):
    if loc not in FKS:
        f = Faker(loc)
        f.seed_instance(R.randrange(1 << 30))
        FKS[loc] = f
    return FKS[loc]


REGION = {'tr_TR': 'TR', 'el_GR': 'GR', 'ru_RU': 'RU', 'uk_UA': 'UA', 'bg_BG': 'BG', 'ar_SA': 'SA', 'ar_AE': 'AE', 'ar_EG': 'EG', 'he_IL': 'IL',
          'hi_IN': 'IN', 'en_IN': 'IN', 'th_TH': 'TH', 'vi_VN': 'VN', 'id_ID': 'ID', 'ja_JP': 'JP', 'ko_KR': 'KR', 'ro_RO': 'RO', 'cs_CZ': 'CZ',
          'sk_SK': 'SK', 'hu_HU': 'HU', 'es_MX': 'MX', 'es_AR': 'AR', 'es_CL': 'CL', 'en_ZA': 'ZA', 'pl_PL': 'PL', 'de_DE': 'DE', 'en_US': 'US',
          'en_GB': 'GB', 'pt_BR': 'BR', 'fr_FR': 'FR', 'nl_NL': 'NL'}
FREEMAIL = {'tr_TR': ['gmail.com', 'hotmail.com', 'yandex.com.tr', 'outlook.com.tr'], 'el_GR': ['gmail.com', 'yahoo.gr', 'hotmail.gr', 'otenet.gr'],
            'ru_RU': ['yandex.ru', 'mail.ru', 'gmail.com', 'rambler.ru', 'bk.ru'], 'uk_UA': ['ukr.net', 'gmail.com', 'i.ua', 'meta.ua'],
            'bg_BG': ['abv.bg', 'gmail.com', 'mail.bg'], 'ar_SA': ['gmail.com', 'hotmail.com', 'outlook.sa'], 'ar_AE': ['gmail.com', 'hotmail.com', 'eim.ae'],
            'ar_EG': ['gmail.com', 'yahoo.com', 'hotmail.com'], 'he_IL': ['gmail.com', 'walla.co.il', 'bezeqint.net'],
            'hi_IN': ['gmail.com', 'rediffmail.com', 'yahoo.co.in'], 'en_IN': ['gmail.com', 'rediffmail.com', 'yahoo.co.in', 'outlook.in'],
            'th_TH': ['gmail.com', 'hotmail.co.th', 'yahoo.co.th'], 'vi_VN': ['gmail.com', 'yahoo.com.vn', 'fpt.vn'], 'id_ID': ['gmail.com', 'yahoo.co.id', 'ymail.com'],
            'ja_JP': ['gmail.com', 'yahoo.co.jp', 'docomo.ne.jp', 'icloud.com', 'ezweb.ne.jp'], 'ko_KR': ['naver.com', 'daum.net', 'gmail.com', 'kakao.com', 'hanmail.net'],
            'ro_RO': ['gmail.com', 'yahoo.ro', 'yahoo.com'], 'cs_CZ': ['seznam.cz', 'email.cz', 'gmail.com', 'centrum.cz'], 'sk_SK': ['azet.sk', 'gmail.com', 'zoznam.sk'],
            'hu_HU': ['freemail.hu', 'gmail.com', 'citromail.hu', 't-online.hu'], 'es_MX': ['gmail.com', 'hotmail.com', 'prodigy.net.mx', 'outlook.com'],
            'es_AR': ['gmail.com', 'hotmail.com.ar', 'yahoo.com.ar', 'fibertel.com.ar'], 'es_CL': ['gmail.com', 'vtr.net', 'hotmail.cl'],
            'en_ZA': ['gmail.com', 'webmail.co.za', 'telkomsa.net', 'mweb.co.za'], 'pl_PL': ['wp.pl', 'onet.pl', 'gmail.com', 'o2.pl'],
            'de_DE': ['gmx.de', 'web.de', 't-online.de', 'gmail.com'], 'en_US': ['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com'],
            'en_GB': ['gmail.com', 'btinternet.com', 'hotmail.co.uk'], 'pt_BR': ['gmail.com', 'uol.com.br', 'bol.com.br'], 'fr_FR': ['orange.fr', 'free.fr', 'gmail.com'],
            'nl_NL': ['ziggo.nl', 'kpnmail.nl', 'gmail.com']}

VI_FAM = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý']
VI_MID = {'M': ['Văn', 'Minh', 'Đức', 'Quang', 'Hữu', 'Thành', 'Công'], 'F': ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Mai', 'Bảo']}
VI_GIV = {'M': ['Anh', 'Bình', 'Cường', 'Dũng', 'Hải', 'Hùng', 'Khoa', 'Long', 'Nam', 'Phúc', 'Quân', 'Sơn', 'Tuấn', 'Việt'],
          'F': ['Anh', 'Hà', 'Hạnh', 'Hương', 'Lan', 'Linh', 'Mai', 'Ngân', 'Phương', 'Tâm', 'Thảo', 'Trang', 'Vy', 'Yến']}
AR_FIRST = {'M': [('محمد', 'mohammed'), ('أحمد', 'ahmed'), ('خالد', 'khaled'), ('عمر', 'omar'), ('يوسف', 'youssef'), ('عبدالله', 'abdullah'), ('فيصل', 'faisal'),
                  ('طارق', 'tarek'), ('سلمان', 'salman'), ('ماجد', 'majed')],
            'F': [('فاطمة', 'fatima'), ('نورة', 'noura'), ('سارة', 'sara'), ('ليلى', 'layla'), ('مريم', 'mariam'), ('هند', 'hind'), ('ريم', 'reem'), ('دانة', 'dana')]}
AR_LAST = [('العتيبي', 'alotaibi'), ('القحطاني', 'alqahtani'), ('الشمري', 'alshammari'), ('حداد', 'haddad'), ('منصور', 'mansour'), ('السيد', 'elsayed'),
           ('الخطيب', 'alkhatib'), ('النجار', 'alnajjar'), ('عبدالرحمن', 'abdelrahman'), ('الزهراني', 'alzahrani'), ('المهيري', 'almheiri'), ('الكعبي', 'alkaabi')]
ZA_FIRST = {'M': ['Thabo', 'Sipho', 'Pieter', 'Johan', 'Bongani', 'Kagiso', 'Riaan', 'Tshepo', 'Marius', 'Themba', 'Sibusiso', 'Ruan'],
            'F': ['Lerato', 'Nomvula', 'Annelie', 'Zanele', 'Naledi', 'Lindiwe', 'Ayanda', 'Thandeka', 'Carla', 'Precious', 'Anke', 'Palesa']}
ZA_LAST = ['Nkosi', 'Dlamini', 'van der Merwe', 'Botha', 'Mokoena', 'Naidoo', 'Pillay', 'Khumalo', 'Ndlovu', 'du Plessis', 'Pretorius', 'Molefe', 'Venter',
           'Govender', 'Mahlangu', 'Jacobs']
TRANS = str.maketrans({'ı': 'i', 'İ': 'I', 'ł': 'l', 'Ł': 'L', 'đ': 'd', 'Đ': 'D', 'ø': 'o', 'ß': 'ss', 'æ': 'ae', "'": '', ' ': ''})


GREEK = dict(zip('αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰ', ['a', 'v', 'g', 'd', 'e', 'z', 'i', 'th', 'i', 'k', 'l', 'm', 'n', 'x', 'o', 'p', 'r', 's', 's', 't', 'y', 'f',
                                                             'ch', 'ps', 'o', 'a', 'e', 'i', 'i', 'o', 'y', 'o', 'i', 'y', 'i', 'y']))
CYR = dict(zip('абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ', ['a', 'b', 'v', 'g', 'd', 'e', 'e', 'zh', 'z', 'i', 'y', 'k', 'l', 'm', 'n', 'o', 'p', 'r', 's', 't', 'u', 'f', 'kh',
                                                       'ts', 'ch', 'sh', 'shch', '', 'y', '', 'e', 'yu', 'ya', 'i', 'yi', 'ye', 'g']))


def translit(s):
    """Greek / Cyrillic -> Latin (ELOT 743 / BGN-like), other scripts unchanged."""
    s = s.replace('ου', 'ou').replace('ού', 'ou').replace('ΟΥ', 'OU').replace('Ου', 'Ou')
    out = []
    for ch in s:
        lo = ch.lower()
        t = GREEK.get(lo, CYR.get(lo))
        if t is None:
            out.append(ch)
        else:
            out.append(t.capitalize() if ch != lo else t)
    return ''.join(out)


def latin(s):
    s = unicodedata.normalize('NFKD', translit(s).translate(TRANS))
    return ''.join(c for c in s if c.isascii() and (c.isalnum() or c in '.-_')).lower()


class Person:
    pass


def _names(loc, sex):
    """(first, last, full, romanised first, romanised last) as people write them in loc."""
    if loc == 'vi_VN':
        fam, mid, giv = pick(VI_FAM), pick(VI_MID[sex]), pick(VI_GIV[sex])
        return giv, fam, '%s %s %s' % (fam, mid, giv), latin(giv), latin(fam)
    if loc.startswith('ar_'):
        (f, fr), (l, lr) = pick(AR_FIRST[sex]), pick(AR_LAST)
        return f, l, f + ' ' + l, fr, lr
    if loc == 'en_ZA':
        f, l = pick(ZA_FIRST[sex]), pick(ZA_LAST)
        return f, l, f + ' ' + l, latin(f), latin(l)
    F = fk(loc)
    f = F.first_name_male() if sex == 'M' else F.first_name_female()
    l = F.last_name_male() if sex == 'M' and hasattr(F, 'last_name_male') else (F.last_name_female() if hasattr(F, 'last_name_female') else F.last_name())
    f, l = f.split()[0] if loc in ('ja_JP', 'ko_KR') else f, l
    if loc == 'ja_JP':
        full = l + ' ' + f
    elif loc == 'ko_KR':
        full = l + f
    elif loc == 'hu_HU':
        full = l + ' ' + f
    else:
        full = f + ' ' + l
    fr, lr = latin(f), latin(l)
    if not fr or not lr or not fr.isascii():
        u = F.user_name()
        fr, lr = latin(u)[:8] or 'user', ''
    return f, l, full, fr, lr


def bdate(lo=1952, hi=2004):
    return dt.date.fromordinal(R.randint(dt.date(lo, 1, 1).toordinal(), dt.date(hi, 12, 28).toordinal()))


def rdate(lo=dt.date(2023, 5, 1), hi=dt.date(2024, 3, 20)):
    return dt.date.fromordinal(R.randint(lo.toordinal(), hi.toordinal()))


def rts(day=None):
    day = day or rdate()
    return dt.datetime(day.year, day.month, day.day, R.randint(6, 22), R.randint(0, 59), R.randint(0, 59))


def uid():
    return str(uuid.UUID(int=R.getrandbits(128), version=4))


def person(loc, sex=None, domain=None, lo=1952, hi=2004):
    p = Person()
    p.loc, p.sex = loc, sex or pick('MF')
    p.first, p.last, p.full, fr, lr = _names(loc, p.sex)
    p.dob = bdate(lo, hi)
    p.region = REGION[loc]
    yy = str(p.dob.year)[2:]
    if lr:
        local = pick([fr + '.' + lr, fr[0] + '.' + lr, fr + lr[:1] + yy, lr + '.' + fr, fr + '_' + lr, fr + lr + yy, fr + '.' + lr + d(2)])
    else:
        local = fr + pick(['', yy, d(3), '.' + yy])
    local = re.sub(r'[^a-z0-9._-]', '', local.lower()).strip('.') or 'user' + d(3)
    p.email = local + '@' + (domain or pick(FREEMAIL.get(loc, ['gmail.com'])))
    return p


# ---------------------------------------------------------------- addresses
TR_CITIES = [('Kadıköy', 'İstanbul', '34710'), ('Çankaya', 'Ankara', '06690'), ('Karşıyaka', 'İzmir', '35540'), ('Nilüfer', 'Bursa', '16120'),
             ('Muratpaşa', 'Antalya', '07100'), ('Seyhan', 'Adana', '01120'), ('Üsküdar', 'İstanbul', '34662')]
TR_STREETS = ['Atatürk Cad.', 'Bağdat Cad.', 'Cumhuriyet Mah. 1203. Sk.', 'İnönü Blv.', 'Gazi Mustafa Kemal Blv.', 'Fevzi Çakmak Cad.', 'Moda Cad.', 'Kazım Karabekir Sk.']
AR_ADDR = {
    'ar_SA': lambda: '%s، حي %s، %s %s' % (pick(['شارع الملك فهد', 'طريق الأمير محمد بن عبدالعزيز', 'شارع التحلية', 'شارع العليا العام']) + ' ' + str(R.randint(10, 9999)),
                                         pick(['العليا', 'الملقا', 'السليمانية', 'النخيل', 'الروضة']), pick(['الرياض', 'جدة', 'الدمام']), R.randint(11000, 14999)),
    'ar_AE': lambda: 'فيلا %d، %s، %s، %s' % (R.randint(1, 120), pick(['شارع 19', 'شارع الوصل', 'شارع الجميرا']), pick(['الصفا', 'البرشاء', 'المزهر']), pick(['دبي', 'أبوظبي', 'الشارقة'])),
    'ar_EG': lambda: '%d %s، %s، %s' % (R.randint(1, 90), pick(['شارع التحرير', 'شارع جامعة الدول العربية', 'شارع عباس العقاد', 'شارع الهرم']), pick(['الدقي', 'المهندسين', 'مدينة نصر', 'العجوزة']),
                                       pick(['الجيزة', 'القاهرة'])),
}
ZA_STREETS = ['Jan Smuts Avenue', 'Main Road', 'Beach Road', 'Voortrekker Road', 'Church Street', 'Oxford Road', 'Louis Botha Avenue', 'Long Street']
ZA_PLACES = [('Rosebank', 'Johannesburg', '2196'), ('Sea Point', 'Cape Town', '8005'), ('Hatfield', 'Pretoria', '0083'), ('Umhlanga', 'Durban', '4319'),
             ('Bellville', 'Cape Town', '7530'), ('Soweto', 'Johannesburg', '1804')]
BG_STREETS = ['ул. „Граф Игнатиев“', 'бул. „Витоша“', 'ул. „Шипка“', 'бул. „Христо Ботев“', 'ул. „Раковски“']


def address(loc):
    """One-line postal address as people in loc write it."""
    if loc == 'tr_TR':
        dist, city, pc = pick(TR_CITIES)
        return '%s No:%d D:%d, %s %s/%s' % (pick(TR_STREETS), R.randint(1, 180), R.randint(1, 24), pc, dist, city)
    if loc in AR_ADDR:
        return AR_ADDR[loc]()
    if loc == 'en_ZA':
        sub, city, pc = pick(ZA_PLACES)
        return '%d %s, %s, %s, %s' % (R.randint(1, 400), pick(ZA_STREETS), sub, city, pc)
    if loc == 'bg_BG':
        return '%s %d, ет. %d, ап. %d, %s' % (pick(BG_STREETS), R.randint(1, 120), R.randint(1, 8), R.randint(1, 40), pick(['1000 София', '4000 Пловдив', '9000 Варна']))
    if loc == 'ja_JP':
        return fk(loc).address().split(' ')[0] if chance(0.5) else fk(loc).address().replace('\n', ' ')
    a = fk(loc).address()
    a = re.sub(r'\s*\n\s*', ', ', a).replace(',,', ',').replace('  ', ' ').strip()
    return a


# ============================================================================
# ids, ibans, cards
# ============================================================================
def brute(mod, base, alpha=DIG, n=1):
    tails = [''.join(t) for t in __import__('itertools').product(alpha, repeat=n)]
    R.shuffle(tails)
    for t in tails:
        if _validate(mod, base + t):
            return base + t
    return None


def retry(fn, tries=3000):
    for _ in range(tries):
        v = fn()
        if v:
            return v
    raise RuntimeError('generator failed')


def g_tckn():
    return retry(lambda: brute('tr.tckimlik', pick('123456789') + d(8), n=2))


def g_amka(b):
    return retry(lambda: brute('gr.amka', b.strftime('%d%m%y') + d(4)))


def g_gr_vat():
    return retry(lambda: brute('gr.vat', pick('01') + d(7)))


def g_cnp(b, sex):
    s = ('1' if sex == 'M' else '2') if b.year < 2000 else ('5' if sex == 'M' else '6')
    return retry(lambda: brute('ro.cnp', s + b.strftime('%y%m%d') + '%02d' % R.randint(1, 46) + d(3)))


def g_rc(b, sex, mod='cz.rc'):
    mm = b.month + (50 if sex == 'F' else 0)
    v = retry(lambda: brute(mod, b.strftime('%y') + '%02d' % mm + b.strftime('%d') + d(3)))
    return v[:6] + '/' + v[6:]


def g_egn(b):
    mm = b.month + (40 if b.year >= 2000 else 0)
    return retry(lambda: brute('bg.egn', b.strftime('%y') + '%02d' % mm + b.strftime('%d') + d(3)))


def g_rut(dots=True):
    v = retry(lambda: brute('cl.rut', str(R.randint(6000000, 26000000)), alpha=DIG + 'K'))
    body, dv = v[:-1], v[-1]
    if dots:
        body = '{:,}'.format(int(body)).replace(',', '.')
    return body + '-' + dv


def g_cuit(kind=None):
    v = retry(lambda: brute('ar.cuit', (kind or pick(['20', '27', '23'])) + '%08d' % R.randint(10000000, 45000000)))
    return v[:2] + '-' + v[2:10] + '-' + v[10]


CURP_STATES = ['AS', 'BC', 'CH', 'CL', 'CM', 'DF', 'GR', 'GT', 'JC', 'MC', 'MN', 'MS', 'NL', 'OC', 'PL', 'QT', 'SL', 'SR', 'TC', 'VZ', 'YN']


def _cons(s):
    s = latin(s).upper()
    c = [x for x in s[1:] if x in 'BCDFGHJKLMNPQRSTVWXYZ']
    return (c[0] if c else 'X')


def g_curp(first, last1, last2, b, sex):
    l1 = latin(last1).upper() or 'XX'
    vow = next((x for x in l1[1:] if x in 'AEIOU'), 'X')
    head = l1[0] + vow + (latin(last2).upper()[:1] or 'X') + (latin(first).upper()[:1] or 'X')
    body = head + b.strftime('%y%m%d') + ('H' if sex == 'M' else 'M') + pick(CURP_STATES) + _cons(last1) + _cons(last2) + _cons(first)
    return retry(lambda: brute('mx.curp', body + (pick(DIG) if b.year < 2000 else pick(UP))))


def g_rfc(first, last1, last2, b):
    l1 = latin(last1).upper() or 'XX'
    vow = next((x for x in l1[1:] if x in 'AEIOU'), 'X')
    head = l1[0] + vow + (latin(last2).upper()[:1] or 'X') + (latin(first).upper()[:1] or 'X')
    return retry(lambda: brute('mx.rfc', head + b.strftime('%y%m%d') + pick('123456789ABCDEFGHJKLMNPRSTUV') + pick('123456789ABCDEFGHJKLMNPRSTUVWXYZ'), alpha=DIG + 'A'))


def g_rrn(b, sex):
    g = ('1' if sex == 'M' else '2') if b.year < 2000 else ('3' if sex == 'M' else '4')
    v = retry(lambda: brute('kr.rrn', b.strftime('%y%m%d') + g + '%02d' % R.randint(0, 96) + d(3)))
    return v[:6] + '-' + v[6:]


def g_ilid():
    return retry(lambda: brute('il.idnr', pick('023') + d(7)))


def g_zaid(b, sex):
    g = R.randint(5000, 9999) if sex == 'M' else R.randint(0, 4999)
    return retry(lambda: brute('za.idnr', b.strftime('%y%m%d') + '%04d' % g + pick('01') + '8'))


def g_inn12():
    return retry(lambda: brute('ru.inn', pick(['77', '78', '50', '66', '16', '54']) + d(8), n=2))


def g_inn10():
    return retry(lambda: brute('ru.inn', pick(['77', '78', '50', '66']) + d(7)))


def g_rntrc(b):
    days = (b - dt.date(1899, 12, 31)).days
    return retry(lambda: brute('ua.rntrc', '%05d' % days + d(4)))


def g_thpin():
    v = retry(lambda: brute('th.pin', pick('12358') + d(11)))
    return '%s-%s-%s-%s-%s' % (v[0], v[1:5], v[5:10], v[10:12], v[12])


def g_mst():
    return retry(lambda: brute('vn.mst', pick(['01', '03', '04', '31', '79', '80']) + d(7)))


NIK_PLACES = ['317101', '317404', '327301', '357801', '337401', '517101', '327506', '357303', '317502', '367101']


def g_nik(b, sex):
    day = b.day + (40 if sex == 'F' else 0)
    v = retry(lambda: (lambda x: x if _validate('id.nik', x) else None)(pick(NIK_PLACES) + '%02d' % day + b.strftime('%m%y') + '%04d' % R.randint(1, 9999)))
    return v


def g_npwp():
    tail = pick(['401', '407', '411', '541', '013', '008']) + '000'
    v = retry(lambda: (lambda h: next((h + c + tail for c in DIG if luhn.is_valid(h + c) and _validate('id.npwp', h + c + tail)), None))(
        pick(['01', '02', '07', '09', '31', '44', '66', '86']) + d(6)))
    return '%s.%s.%s.%s-%s.%s' % (v[:2], v[2:5], v[5:8], v[8], v[9:12], v[12:])


def g_aadhaar():
    v = retry(lambda: brute('in_.aadhaar', pick('23456789') + d(10)))
    return '%s %s %s' % (v[:4], v[4:8], v[8:])


def g_pan(last):
    return rs(UP, 3) + 'P' + (latin(last).upper()[:1] or 'K') + d(4) + pick(UP)


def g_mynumber():
    v = retry(lambda: brute('jp.in_', d(11)))
    return '%s %s %s' % (v[:4], v[4:8], v[8:])


# ibans: BBAN layouts (n = digits, a = upper letters, c = alnum -> digits here)
IBAN_FMT = {'TR': ['n5', '0', 'n16'], 'GR': ['n7', 'n16'], 'RO': ['a4', 'n16'], 'CZ': ['n20'], 'BG': ['BNBG', 'n4', 'n2', 'n8'], 'HU': ['n24'],
            'IL': ['n19'], 'SA': ['n2', 'n18'], 'AE': ['n3', 'n16'], 'UA': ['n6', 'n19'], 'PL': ['n24'], 'DE': ['n18'], 'SK': ['n20'], 'EG': ['n25'],
            'BR': ['n8', 'n5', 'n10', 'C', 'n1'], 'FR': ['n10', 'n11', 'n2'], 'NL': ['a4', 'n10']}
RO_BANKS = ['BTRL', 'RNCB', 'BRDE', 'INGB', 'RZBR', 'BACX']
NL_BANKS = ['ABNA', 'INGB', 'RABO', 'TRIO', 'SNSB', 'KNAB']


def gen_iban(cc):
    for _ in range(5000):
        bban = ''
        for f in IBAN_FMT[cc]:
            if f[0] == 'n' and f[1:].isdigit():
                bban += d(int(f[1:]))
            elif f == 'a4':
                bban += pick(RO_BANKS if cc == 'RO' else NL_BANKS)
            else:
                bban += f
        num = ''.join(str(int(c, 36)) for c in bban + cc + '00')
        chk = '%02d' % (98 - int(num) % 97)
        v = cc + chk + bban
        if std_iban.is_valid(v):
            return v
    raise RuntimeError('iban ' + cc)


def iban_grp(v):
    return ' '.join(v[i:i + 4] for i in range(0, len(v), 4))


CARD_BRANDS = {'visa': (['4'], 16), 'mc': (['51', '53', '55', '2221', '2720'], 16), 'amex': (['34', '37'], 15), 'troy': (['9792'], 16), 'mir': (['2200', '2202', '2204'], 16),
               'rupay': (['6521', '6522', '6081'], 16), 'jcb': (['3528', '3566', '3589'], 16), 'unionpay': (['62'], 16), 'bccard': (['9409'], 16), 'elo': (['636368', '504175'], 16)}


def gen_card(brand):
    pres, n = CARD_BRANDS[brand]
    base = pick(pres)
    base += d(n - len(base) - 1)
    return base + luhn.calc_check_digit(base)


def card_grp(c, sep=' '):
    if len(c) == 15:
        return c[:4] + sep + c[4:10] + sep + c[10:]
    return sep.join(c[i:i + 4] for i in range(0, len(c), 4))


def neg_card():
    for _ in range(1000):
        c = pick(['4', '5', '37']) + d(15)
        c = c[:16] if not c.startswith('37') else c[:15]
        if not luhn.is_valid(c) and not valid_any(c):
            return card_grp(c)
    raise RuntimeError


# ============================================================================
# phones
# ============================================================================
PT = pn.PhoneNumberType


def phone_num(region, kind='m'):
    t = PT.MOBILE if kind == 'm' else PT.FIXED_LINE
    ex = pn.example_number_for_type(region, t) or pn.example_number_for_type(region, PT.FIXED_LINE_OR_MOBILE)
    nsn = pn.national_significant_number(ex)
    for it in range(20000):
        keep = pick([1, 2, 2, 3]) if it < 15000 else max(2, len(nsn) - 7)
        cand = nsn[:keep] + d(len(nsn) - keep)
        try:
            n = pn.parse('+%d%s' % (ex.country_code, cand))
        except pn.NumberParseException:
            continue
        if pn.is_valid_number(n) and pn.number_type(n) in (t, PT.FIXED_LINE_OR_MOBILE) and pn.region_code_for_number(n) == region:
            return n
    raise RuntimeError('phone ' + region)


def pfmt(n, style):
    F = pn.PhoneNumberFormat
    if style == 'intl':
        return pn.format_number(n, F.INTERNATIONAL)
    if style == 'e164':
        return pn.format_number(n, F.E164)
    if style == 'nat':
        return pn.format_number(n, F.NATIONAL)
    if style == 'nat_digits':
        return re.sub(r'\D', '', pn.format_number(n, F.NATIONAL))
    if style == '00':
        return '00' + pn.format_number(n, F.INTERNATIONAL)[1:]
    if style == 'intl_dash':
        return re.sub(r'[\s\-]+', '-', pn.format_number(n, F.INTERNATIONAL))
    if style == 'rfc3966':
        return pn.format_number(n, F.RFC3966)
    raise ValueError(style)


def PH(region, style, form, kind='m', n=None):
    n = n or phone_num(region, kind)
    v = pfmt(n, style)
    check = v[4:] if v.startswith('tel:') else v
    pp = pn.parse(check, region)
    assert pn.is_valid_number(pp), (v, region)
    return L(v, 'phone', form, True, region=region)


def neg_phone_fict(region='US'):
    for _ in range(1000):
        if region == 'US':
            v = pick(['(%s) 555-01%02d', '%s-555-01%02d', '+1 %s 555 01%02d']) % (pick(['212', '415', '617', '312', '713']), R.randint(0, 99))
        elif region == 'GB':
            v = pick(['07700 900%03d', '+44 7700 900%03d', '020 7946 0%03d']) % R.randint(0, 999)
        else:
            v = '0491 570 %03d' % R.randint(6, 159)
        if not valid_any(v):
            return v
    raise RuntimeError(region)


# ============================================================================
# network
# ============================================================================
def pub_ipv4():
    while True:
        a = ipaddress.IPv4Address(R.getrandbits(32))
        if a.is_global and not a.is_multicast and str(a).split('.')[0] not in ('0', '100', '127', '169', '192', '198', '203', '224', '240', '10', '172'):
            return str(a)


def pub_ipv6():
    pre = pick(['2a02:8108', '2a01:598', '2001:16b8', '2405:201', '2600:1700', '2407:7000', '2a00:1fa0', '2001:ee0', '2c0f:f4c0', '2a0d:6fc0'])
    groups = pre.split(':') + ['%x' % R.randint(0, 0xffff) for _ in range(8 - len(pre.split(':')))]
    a = ipaddress.IPv6Address(':'.join(groups))
    assert a.is_global
    return str(a)


def priv_ipv4():
    return pick(['10.%d.%d.%d' % (R.randint(0, 255), R.randint(0, 255), R.randint(2, 254)), '192.168.%d.%d' % (R.randint(0, 255), R.randint(2, 254)),
                 '172.%d.%d.%d' % (R.randint(16, 31), R.randint(0, 255), R.randint(2, 254))])


def doc_ipv4():
    return pick(['192.0.2.', '198.51.100.', '203.0.113.']) + str(R.randint(1, 254))


def doc_ipv6():
    return '2001:db8:%x::%x' % (R.randint(0, 0xffff), R.randint(1, 0xffff))


OUIS = ['3c:22:fb', 'a4:83:e7', 'f0:18:98', 'dc:a6:32', '00:1b:63', 'b8:27:eb', '88:66:5a', 'ac:de:48', '7c:d1:c3', '50:eb:f5', 'e4:5f:01', '98:01:a7',
        '2c:f0:5d', '60:45:cb', 'd8:3a:dd', '44:07:0b']


def mac(sep=':', upper=False):
    b = pick(OUIS).split(':') + ['%02x' % R.randint(0, 255) for _ in range(3)]
    v = sep.join(b)
    return v.upper() if upper else v


def ver():
    return '%d.%d.%d.%d' % (R.randint(1, 12), R.randint(0, 30), R.randint(0, 250), R.randint(1, 250))


# ============================================================================
# secrets
# ============================================================================
def password():
    return rs(ALNUM, R.randint(5, 8)) + pick('!#%&*$@') + rs(ALNUM, R.randint(4, 7)) + pick('!#%?_') + rs(ALNUM, 3)


def human_password():
    return pick(['Galatasaray', 'Bursaspor', 'Spartak', 'Kyiv', 'Manchester', 'Barcelona', 'Sakura', 'Bangkok', 'Istanbul', 'Praha', 'Tigers', 'Athena']) + \
        pick(['1905', '2024', '123', '88', '2023']) + pick(['!', '#', '', '*'])


def jwt(claims):
    enc = lambda o: base64.urlsafe_b64encode(json.dumps(o, separators=(',', ':')).encode()).decode().rstrip('=')
    return enc({'alg': pick(['HS256', 'RS256']), 'typ': 'JWT'}) + '.' + enc(claims) + '.' + rs(B64U, pick([43, 86, 342]))


def pem_private(kind='RSA'):
    if kind == 'RSA':
        body = base64.b64encode(bytes.fromhex('308204bd020100300d06092a864886f70d0101010500048204a7308204a30201000282010100') + R.randbytes(1180)).decode()
        head, tail = '-----BEGIN PRIVATE KEY-----', '-----END PRIVATE KEY-----'
    else:
        body = base64.b64encode(bytes.fromhex('30770201010420') + R.randbytes(32) + bytes.fromhex('a00a06082a8648ce3d030107a144034200') + R.randbytes(65)).decode()
        head, tail = '-----BEGIN EC PRIVATE KEY-----', '-----END EC PRIVATE KEY-----'
    return head + '\n' + '\n'.join(body[i:i + 64] for i in range(0, len(body), 64)) + '\n' + tail + '\n'


def pem_cert():
    body = base64.b64encode(bytes.fromhex('308203') + R.randbytes(2) + bytes.fromhex('308202') + R.randbytes(700)).decode()
    return '-----BEGIN CERTIFICATE-----\n' + '\n'.join(body[i:i + 64] for i in range(0, len(body), 64)) + '\n-----END CERTIFICATE-----\n'


SECRETS = {
    'aws_akid': lambda: 'AKIA' + rs('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16),
    'aws_secret': lambda: rs(ALNUM + '/+', 40),
    'gh_pat': lambda: 'ghp_' + rs(ALNUM, 36),
    'gh_fine': lambda: 'github_pat_11' + rs(UP + DIG, 20) + '_' + rs(ALNUM, 59),
    'gh_app': lambda: 'ghs_' + rs(ALNUM, 36),
    'glpat': lambda: 'glpat-' + rs(ALNUM + '_-', 20),
    'slack_bot': lambda: 'xoxb-%s-%s-%s' % (d(12), d(13), rs(ALNUM, 24)),
    'slack_hook': lambda: 'https://hooks.slack.com/services/T%s/B%s/%s' % (rs(UP + DIG, 8), rs(UP + DIG, 10), rs(ALNUM, 24)),
    'stripe': lambda: 'sk_live_51' + rs(ALNUM, 97),
    'openai': lambda: 'sk-proj-' + rs(ALNUM + '_-', 74) + 'T3BlbkFJ' + rs(ALNUM + '_-', 74),
    'anthropic': lambda: 'sk-ant-api03-' + rs(ALNUM + '_-', 93) + 'AA',
    'hf': lambda: 'hf_' + rs(string.ascii_letters, 34),
    'google': lambda: 'AIza' + rs(ALNUM + '_-', 35),
    'sendgrid': lambda: 'SG.' + rs(ALNUM + '_-', 22) + '.' + rs(ALNUM + '_-', 43),
    'telegram': lambda: '%d:AA%s' % (R.randint(5000000000, 7999999999), rs(ALNUM + '_-', 33)),
    'discord': lambda: base64.b64encode(str(R.randint(10 ** 17, 10 ** 18)).encode()).decode().rstrip('=') + '.' + rs(ALNUM + '_-', 6) + '.' + rs(ALNUM + '_-', 38),
    'npm': lambda: 'npm_' + rs(ALNUM, 36),
    'pypi': lambda: 'pypi-AgEIcHlwaS5vcmc' + rs(B64U, 160),
    'azure_key': lambda: rs(HEX, 32),
    'azure_storage': lambda: rs(ALNUM + '+/', 86) + '==',
    'datadog': lambda: rs(HEX, 32),
    'wandb': lambda: rs(HEX, 40),
    'databricks': lambda: 'dapi' + rs(HEX, 32),
    'sonar': lambda: 'squ_' + rs(HEX, 40),
    'vault': lambda: 'hvs.' + rs(ALNUM + '_-', 91),
    'mailgun': lambda: 'key-' + rs(HEX, 32),
    'ya29': lambda: 'ya29.a0' + rs(ALNUM + '_-', 180),
    'g_refresh': lambda: '1//0' + rs(ALNUM + '_-', 99),
    'postman': lambda: 'PMAK-' + rs(HEX, 24) + '-' + rs(HEX, 34),
    'shopify': lambda: 'shpat_' + rs(HEX, 32),
    'do': lambda: 'dop_v1_' + rs(HEX, 64),
    'grafana': lambda: 'glsa_' + rs(ALNUM, 32) + '_' + rs(HEX, 8),
    'twilio_sid': lambda: 'AC' + rs(HEX, 32),
    'twilio_tok': lambda: rs(HEX, 32),
    'mapbox': lambda: 'sk.eyJ1Ijoi' + rs(ALNUM, 40) + '.' + rs(ALNUM + '_-', 22),
    'dockerhub': lambda: 'dckr_pat_' + rs(ALNUM + '_-', 27),
    'linear': lambda: 'lin_api_' + rs(ALNUM, 40),
    'asia': lambda: 'ASIA' + rs('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16),
    'sess_token': lambda: 'IQoJb3JpZ2luX2VjE' + rs(ALNUM + '/+', 340) + '==',
    'pg_pw': password,
}


def sec(kind):
    return SECRETS[kind]()


def sha256():
    return hashlib.sha256(R.randbytes(16)).hexdigest()


def sha1():
    return hashlib.sha1(R.randbytes(16)).hexdigest()


def md5():
    return hashlib.md5(R.randbytes(16)).hexdigest()


def bcrypt_hash():
    return '$2b$12$' + rs(ALNUM + './', 53)


def pbkdf2_hash():
    return 'pbkdf2_sha256$720000$%s$%s' % (rs(ALNUM, 22), base64.b64encode(R.randbytes(32)).decode())


def ssh_pub(comment):
    return 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI' + rs(ALNUM + '+/', 43) + ' ' + comment


PLACEHOLDERS = ['YOUR_API_KEY', '<your-token-here>', 'changeme', 'xxxxxxxxxxxxxxxxxxxx', '********', 'REPLACE_ME', '<redacted>', 'sk-...', 'TODO']
AWS_DOC_AKID, AWS_DOC_SECRET = 'AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'


def neg_email():
    return pick(['jane.doe', 'john.smith', 'user', 'test.user', 'ali.veli', 'ivan.ivanov', 'max.mustermann', 'foo']) + '@' + \
        pick(['example.com', 'example.org', 'example.net', 'shop.test', 'mail.example', 'corp.invalid'])


def other_date(lo=dt.date(2019, 1, 1), hi=dt.date(2024, 3, 1)):
    return rdate(lo, hi)


# ============================================================================
# documents and serialisers
# ============================================================================
DOCS = []


class Doc:
    """A text file.  Compression from the suffix (.gz/.bz2/.zst); enc is the file's
    encoding; label spans are in UTF-8 bytes of the decoded text (see docstring)."""

    def __init__(self, rel, enc='utf-8', bom=False, fmt=None):
        self.rel, self.enc, self.bom, self.fmt = rel, enc, bom, fmt
        self.parts = []
        DOCS.append(self)

    def add(self, *parts):
        for p in flat(parts):
            self.parts.append(p if isinstance(p, L) else str(p))
        return self

    def line(self, *parts):
        return self.add(*parts, '\n')

    def text(self):
        return ''.join(p.value if isinstance(p, L) else p for p in self.parts)


def json_esc(s, ascii_=False):
    return json.dumps(s, ensure_ascii=ascii_)[1:-1]


def J(obj, indent=None, seps=None, ascii_=False, level=0):
    """Serialise obj like json.dumps; L / T leaves keep their labels (values JSON-escaped)."""
    esc = lambda s: json_esc(s, ascii_)
    if seps is None:
        seps = (',', ': ') if indent is not None else (', ', ': ')
    nl = '' if indent is None else '\n'
    pad = '' if indent is None else ' ' * (indent * (level + 1))
    pad0 = '' if indent is None else ' ' * (indent * level)
    if isinstance(obj, L):
        return ['"', obj.re(esc(obj.value)), '"']
    if isinstance(obj, T):
        return ['"'] + mapesc(obj, esc) + ['"']
    if isinstance(obj, dict):
        if not obj:
            return ['{}']
        out = ['{', nl]
        for i, (k, v) in enumerate(obj.items()):
            if i:
                out += [seps[0], nl]
            out += [pad, json.dumps(k, ensure_ascii=ascii_), seps[1]] + J(v, indent, seps, ascii_, level + 1)
        return out + [nl, pad0, '}']
    if isinstance(obj, list):
        if not obj:
            return ['[]']
        out = ['[', nl]
        for i, v in enumerate(obj):
            if i:
                out += [seps[0], nl]
            out += [pad] + J(v, indent, seps, ascii_, level + 1)
        return out + [nl, pad0, ']']
    return [json.dumps(obj, ensure_ascii=ascii_)]


def jl(obj, ascii_=False):
    return J(obj, seps=(',', ':'), ascii_=ascii_) + ['\n']


def xe(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def xa(s):
    return xe(s).replace('"', '&quot;')


def csv_cell(cell, delim=',', quote_all=False):
    parts = cell if isinstance(cell, (list, tuple)) else [cell]
    txt = plain(parts)
    if quote_all or any(c in txt for c in (delim, '"', '\n', '\r')):
        return ['"'] + mapesc(parts, lambda s: s.replace('"', '""')) + ['"']
    return list(flat(parts))


def csv_row(cells, delim=',', eol='\n', quote_all=False):
    out = []
    for i, c in enumerate(cells):
        if i:
            out.append(delim)
        out += csv_cell(c, delim, quote_all)
    return out + [eol]


def my_esc(s):
    """mysqldump string escaping."""
    return s.replace('\\', '\\\\').replace("'", "\\'").replace('"', '\\"').replace('\n', '\\n').replace('\r', '\\r')


def copy_esc(s):
    """PostgreSQL COPY text format escaping."""
    return s.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r')


def ics_esc(s):
    return s.replace('\\', '\\\\').replace(';', '\\;').replace(',', '\\,').replace('\n', '\\n')


def fold(parts, width=75, brk='\r\n '):
    """RFC 5545 / vCard folding at `width` octets; a fold inside a label stays in its value."""
    out, n = [], 0
    for p in flat(parts):
        s = p.value if isinstance(p, L) else p
        buf = ''
        for ch in s:
            b = len(ch.encode('utf-8'))
            if n + b > width:
                buf += brk
                n = len(brk) - 2
            buf += ch
            n += b
        if isinstance(p, L):
            out.append(p.re(buf, p.form + ('_folded' if brk in buf else '')))
        else:
            out.append(buf)
    return out


def qp(parts, width=76, eol='\n'):
    """Quoted-printable encode text (str and L pieces, '\n' = hard break) with soft line
    breaks like Python's email.quoprimime; a soft break inside a label stays in its value."""
    toks = []   # (encoded token, owner index) ; owner -1 = plain
    pl = list(flat(parts))
    for idx, p in enumerate(pl):
        s = p.value if isinstance(p, L) else p
        for ch in s:
            if ch == '\n':
                toks.append(('\n', idx))
                continue
            bs = ch.encode('utf-8')
            for b in bs:
                c = chr(b)
                if (33 <= b <= 126 and c != '=') or c == ' ':
                    toks.append((c, idx))
                else:
                    toks.append(('=%02X' % b, idx))
    # trailing spaces before a hard break must be encoded
    for i, (t, o) in enumerate(toks):
        if t == ' ' and (i + 1 == len(toks) or toks[i + 1][0] == '\n'):
            toks[i] = ('=20', o)
    pieces = [''] * len(pl)
    n = 0
    for i, (t, o) in enumerate(toks):
        if t == '\n':
            pieces[o] += eol
            n = 0
            continue
        nxt_is_end = i + 1 == len(toks) or toks[i + 1][0] == '\n'
        limit = width if nxt_is_end else width - 1
        if n + len(t) > limit:
            pieces[o] += '=' + eol
            n = 0
        pieces[o] += t
        n += len(t)
    out = []
    for p, s in zip(pl, pieces):
        if isinstance(p, L):
            out.append(p.re(s, p.form + ('_qp_encoded' if re.search('=[0-9A-F]{2}', s) else '') + ('_qp_soft_break' if '=' + eol in s else '')))
        else:
            out.append(s)
    return out


def b64_body(parts, width=76, eol='\n'):
    """base64-encode text for a MIME part.  Labelled values are first aligned to 3-byte
    boundaries (spaces are added before them); each label then spans the base64
    characters encoding it."""
    aligned, off = [], 0
    for p in flat(parts):
        if isinstance(p, L):
            pad = (3 - off % 3) % 3
            if pad:
                aligned.append(' ' * pad)
                off += pad
            aligned.append(p)
            off += len(p.value.encode('utf-8'))
        else:
            aligned.append(p)
            off += len(p.encode('utf-8'))
    raw = ''.join(plain(p) for p in aligned).encode('utf-8')
    enc = base64.b64encode(raw).decode()
    wrapped = eol.join(enc[i:i + width] for i in range(0, len(enc), width)) + eol
    s2 = lambda k: k + (k // width) * len(eol)              # position of base64 char k in the wrapped text
    w2 = lambda k: s2(k - 1) + 1                             # position just after base64 char k-1
    out, off, cur = [], 0, 0
    for p in aligned:
        n = len(plain(p).encode('utf-8'))
        if isinstance(p, L):
            s = s2(off // 3 * 4)
            e = w2(-(-(off + n) // 3) * 4)
            if s > cur:
                out.append(wrapped[cur:s])
            out.append(p.re(wrapped[s:e], p.form + '_base64_part'))
            cur = e
        off += n
    out.append(wrapped[cur:])
    return out


# ============================================================================
# generators
# ============================================================================
NID = {
    'tr_TR': ('tr.tckimlik', lambda p: g_tckn(), 'TC Kimlik No'),
    'el_GR': ('gr.amka', lambda p: g_amka(p.dob), 'ΑΜΚΑ'),
    'ro_RO': ('ro.cnp', lambda p: g_cnp(p.dob, p.sex), 'CNP'),
    'cs_CZ': ('cz.rc', lambda p: g_rc(p.dob, p.sex), 'rodné číslo'),
    'sk_SK': ('sk.rc', lambda p: g_rc(p.dob, p.sex, 'sk.rc'), 'rodné číslo'),
    'bg_BG': ('bg.egn', lambda p: g_egn(p.dob), 'ЕГН'),
    'es_CL': ('cl.rut', lambda p: g_rut(), 'RUT'),
    'es_AR': ('ar.cuit', lambda p: g_cuit('20' if p.sex == 'M' else '27'), 'CUIL'),
    'es_MX': ('mx.curp', lambda p: g_curp(p.first, p.last, fk('es_MX').last_name(), p.dob, p.sex), 'CURP'),
    'ko_KR': ('kr.rrn', lambda p: g_rrn(p.dob, p.sex), '주민등록번호'),
    'he_IL': ('il.idnr', lambda p: g_ilid(), 'ת.ז.'),
    'en_ZA': ('za.idnr', lambda p: g_zaid(p.dob, p.sex), 'ID number'),
    'ru_RU': ('ru.inn', lambda p: g_inn12(), 'ИНН'),
    'uk_UA': ('ua.rntrc', lambda p: g_rntrc(p.dob), 'РНОКПП'),
    'th_TH': ('th.pin', lambda p: g_thpin(), 'เลขประจำตัวประชาชน'),
    'vi_VN': ('vn.mst', lambda p: g_mst(), 'MST'),
    'id_ID': ('id.nik', lambda p: g_nik(p.dob, p.sex), 'NIK'),
    'en_IN': ('in_.aadhaar', lambda p: g_aadhaar(), 'Aadhaar'),
    'hi_IN': ('in_.aadhaar', lambda p: g_aadhaar(), 'आधार'),
    'ja_JP': ('jp.in_', lambda p: g_mynumber(), 'マイナンバー'),
}


def subject(loc, domain=None, sex=None, lo=None, hi=2004):
    p = person(loc, sex=sex, domain=domain, lo=lo or (1955 if loc in ('cs_CZ', 'sk_SK') else 1952), hi=hi)
    p._c = {}
    return p


def nid_of(p):
    if 'nid' not in p._c:
        p._c['nid'] = NID[p.loc][1](p)
    return p._c['nid']


def NIDL(p, form):
    """The person's national id as a labelled value (form gets the module name)."""
    mod = NID[p.loc][0]
    return ID(mod, nid_of(p), '%s_%s' % (mod.replace('.', '_').rstrip('_'), form))


def NEGID(p, form):
    mod = NID[p.loc][0]
    return ID(mod, corrupt(NID[p.loc][1](p), mod), 'neg_%s_bad_check_%s' % (mod.replace('.', '_').rstrip('_'), form), pos=False)


def NM(p, form, which='full'):
    return P(getattr(p, which), 'name', 'name_' + form)


def EM(p, form):
    return P(p.email, 'email', 'email_' + form)


def AD(loc, form, v=None):
    return P(v or address(loc), 'address', 'address_' + form)


def PHL(p, style, form, kind='m'):
    return PH(p.region, style, 'phone_%s_%s' % (p.region.lower(), form), kind)


def DOBL(v, form):
    return P(v, 'dob', 'dob_' + form)


def NDOB(v, form):
    return N(v, 'dob', 'neg_dob_' + form)


def IPL(form, v6=False):
    return P(pub_ipv6() if v6 else pub_ipv4(), 'ip', 'ip_' + form + ('_v6' if v6 else ''))


def IBL(cc, form, grouped=False):
    v = gen_iban(cc)
    return IB(iban_grp(v) if grouped else v, 'iban_%s_%s' % (cc.lower(), form))


def NEGIB(cc, form, grouped=False):
    v = corrupt(gen_iban(cc), 'iban')
    return IB(iban_grp(v) if grouped else v, 'neg_iban_%s_bad_check_%s' % (cc.lower(), form), pos=False)


# ---------------------------------------------------------------- databases
def f_sqlite_dump():
    """SQLite `.dump` of a field-survey Android app database (Vietnam / Indonesia)."""
    D = Doc('db/sqlite/field_survey_app.db.sql')
    q = lambda parts: ["'"] + mapesc(parts if isinstance(parts, list) else [parts], lambda s: s.replace("'", "''")) + ["'"]
    D.add('PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\nCREATE TABLE android_metadata (locale TEXT);\nINSERT INTO android_metadata VALUES(\'vi_VN\');\n')
    D.add('CREATE TABLE IF NOT EXISTS "respondents" (\n\t"id"\tINTEGER NOT NULL UNIQUE,\n\t"full_name"\tTEXT NOT NULL,\n\t"phone"\tTEXT,\n\t"email"\tTEXT,\n\t"birth_date"\tTEXT,\n'
          '\t"address"\tTEXT,\n\t"tax_or_nik"\tTEXT,\n\t"photo_thumb"\tBLOB,\n\t"gps"\tTEXT,\n\t"consent_at"\tINTEGER,\n\t"notes"\tTEXT,\n\tPRIMARY KEY("id" AUTOINCREMENT)\n);\n')
    n = 20
    for i in range(1, n + 1):
        loc = 'vi_VN' if i % 2 else 'id_ID'
        p = subject(loc)
        k = i % 7
        ph = PHL(p, pick(['nat', 'intl', 'e164']), 'sqlite_values')
        em = EM(p, 'sqlite_values') if k != 3 else N(neg_email(), 'email', 'neg_email_reserved_sqlite')
        bd = DOBL(p.dob.isoformat() if loc == 'id_ID' else p.dob.strftime('%d/%m/%Y'), 'sqlite_birth_date_col') if k != 5 else 'NULL'
        if k == 4:
            tid = NEGID(p, 'sqlite') if loc == 'vi_VN' else ID('id.npwp', corrupt(g_npwp(), 'id.npwp'), 'neg_id_npwp_bad_check_sqlite', pos=False)
        else:
            tid = NIDL(p, 'sqlite_values') if loc == 'vi_VN' else NIDL(p, 'sqlite_values')
        lat, lon = (R.uniform(10.3, 21.2), R.uniform(105.3, 108.9)) if loc == 'vi_VN' else (R.uniform(-8.2, -6.1), R.uniform(106.6, 112.8))
        gps = negv('%.6f,%.6f' % (lat, lon), 'phone', 'neg_phone_gps_pair_sqlite')
        blob = 'X\'89504E470D0A1A0A0000000D49484452' + rs('0123456789ABCDEF', 48) + '\''
        note = pick(['Đã đồng ý khảo sát', 'Hẹn gọi lại sau 17h', 'Không có nhà', "Bà con không muốn cung cấp 'email'"] if loc == 'vi_VN' else
                    ['Sudah setuju', 'Minta dihubungi lewat WA', 'Tidak ada di rumah', "Responden bilang 'nanti saja'"])
        row = ['INSERT INTO respondents VALUES(%d,' % i] + q([NM(p, 'sqlite_values')]) + [','] + q([ph]) + [','] + q([em]) + [','] + \
              (q([bd]) if isinstance(bd, L) else [bd]) + [','] + q([AD(loc, 'sqlite_values')]) + [','] + q([tid]) + [','] + \
              ([N(blob, 'secret', 'neg_sqlite_blob_png_hex')] if i % 6 == 0 else [blob]) + [','] + q([gps]) + [',%d,' % (1704067200 + R.randint(0, 6000000))] + q([note]) + [');\n']
        D.add(row)
    D.add('CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT);\n')
    D.add("INSERT INTO settings VALUES('sync_endpoint','https://sync.khaosat-vn.com/api/v2');\n")
    D.add("INSERT INTO settings VALUES('sync_api_key','", SEC(sec('google'), 'secret_sqlite_settings_google_key'), "');\n")
    D.add("INSERT INTO settings VALUES('map_tiles_token','", SEC('pk.eyJ1Ijoia2hhb3NhdCIsImEiOiJ' + rs(ALNUM, 20) + '.' + rs(ALNUM + '_-', 22), 'neg_mapbox_public_pk_token', pos=False), "');\n")
    D.add("INSERT INTO settings VALUES('device_mac','", P(mac(':', True), 'mac', 'mac_sqlite_settings_value'), "');\n")
    D.add("INSERT INTO settings VALUES('app_version','", N(ver(), 'ip', 'neg_ip_like_app_version_sqlite'), "');\n")
    D.add("INSERT INTO settings VALUES('last_sync_ip','", IPL('sqlite_settings'), "');\n")
    D.add("INSERT INTO settings VALUES('install_id','", N(uid(), 'secret', 'neg_uuid_install_id_sqlite'), "');\n")
    D.add('CREATE TABLE sync_log(id INTEGER PRIMARY KEY, started TEXT, http_status INTEGER, payload_sha1 TEXT);\n')
    for j in range(1, 9):
        t = rts(dt.date(2024, 3, j + 1))
        h = sha1()
        D.add("INSERT INTO sync_log VALUES(%d,'" % j, NDOB(t.strftime('%Y-%m-%d %H:%M:%S'), 'sqlite_sync_started') if j % 3 == 0 else t.strftime('%Y-%m-%d %H:%M:%S'),
              "',200,'", N(h, 'secret', 'neg_sha1_payload_hash_sqlite') if j % 2 else h, "');\n")
    D.add("DELETE FROM sqlite_sequence;\nINSERT INTO sqlite_sequence VALUES('respondents',%d);\nCREATE INDEX idx_resp_phone ON respondents(phone);\nCOMMIT;\n" % n)


def f_mysqldump_gz():
    """mysqldump --hex-blob --extended-insert of a Turkish HR portal, gzipped."""
    D = Doc('db/mysql/ik_portal_prod_2024-03-11.sql.gz')
    D.add('-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n-- Host: 10.20.1.15    Database: ik_portal\n-- ------------------------------------------------------\n'
          '-- Server version\t8.0.36-0ubuntu0.22.04.1\n\n/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n/*!50503 SET NAMES utf8mb4 */;\n'
          '/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;\n/*!40103 SET TIME_ZONE=\'+00:00\' */;\n/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;\n\n')
    D.add('--\n-- Table structure for table `personel`\n--\n\nDROP TABLE IF EXISTS `personel`;\n/*!40101 SET @saved_cs_client     = @@character_set_client */;\n'
          '/*!50503 SET character_set_client = utf8mb4 */;\nCREATE TABLE `personel` (\n  `id` int unsigned NOT NULL AUTO_INCREMENT,\n  `sicil_no` varchar(12) NOT NULL,\n'
          '  `ad_soyad` varchar(120) NOT NULL,\n  `tc_kimlik_no` char(11) DEFAULT NULL,\n  `dogum_tarihi` date DEFAULT NULL,\n  `cep_tel` varchar(20) DEFAULT NULL,\n'
          '  `eposta` varchar(190) DEFAULT NULL,\n  `adres` text,\n  `iban` varchar(34) DEFAULT NULL,\n  `yemek_karti` varchar(19) DEFAULT NULL,\n  `acil_durum` json DEFAULT NULL,\n'
          '  `sifre` varchar(60) NOT NULL,\n  `imza` blob,\n  `olusturma` datetime NOT NULL,\n  PRIMARY KEY (`id`),\n  UNIQUE KEY `uq_sicil` (`sicil_no`)\n'
          ') ENGINE=InnoDB AUTO_INCREMENT=61 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_turkish_ci;\n/*!40101 SET character_set_client = @saved_cs_client */;\n\n')
    D.add('--\n-- Dumping data for table `personel`\n--\n\nLOCK TABLES `personel` WRITE;\n/*!40000 ALTER TABLE `personel` DISABLE KEYS */;\n')
    q = lambda *parts: ["'"] + mapesc(list(parts), my_esc) + ["'"]
    rid = 0
    for _ in range(2):
        D.add('INSERT INTO `personel` VALUES ')
        for j in range(14):
            rid += 1
            p = subject('tr_TR')
            k = rid % 9
            kin = subject('tr_TR')
            acil = T(*J({'ad': NM(kin, 'mysql_json_col_escaped'), 'yakinlik': pick(['annesi', 'eşi', 'kardeşi', 'babası']),
                         'tel': PHL(kin, pick(['nat', 'intl']), 'mysql_json_col_escaped')}, seps=(', ', ': ')))
            tck = NIDL(p, 'mysql_extended_insert') if k != 4 else NEGID(p, 'mysql')
            ib = IBL('TR', 'mysql_extended_insert', grouped=(k % 2 == 0)) if k != 6 else NEGIB('TR', 'mysql')
            card = CARD(card_grp(gen_card('troy')), 'card_troy_meal_card_mysql') if k in (1, 5) else (CARD(neg_card(), 'neg_card_luhn_fail_mysql', pos=False) if k == 7 else 'NULL')
            created = rts(dt.date(2023, R.randint(1, 12), R.randint(1, 28))).strftime('%Y-%m-%d %H:%M:%S')
            addr = T(AD('tr_TR', 'mysql_escaped_newline', v=address('tr_TR').replace(', ', '\n', 1))) if k == 2 else T(AD('tr_TR', 'mysql_extended_insert'))
            row = ['(%d,' % rid] + q('P%06d' % R.randint(1000, 99999)) + [','] + q(NM(p, 'mysql_extended_insert')) + [','] + q(tck) + [','] + \
                  q(DOBL(p.dob.isoformat(), 'mysql_date_col')) + [','] + q(PHL(p, pick(['nat', 'e164']), 'mysql_extended_insert')) + [','] + q(EM(p, 'mysql_extended_insert')) + \
                  [','] + q(*addr) + [','] + q(ib) + [','] + (q(card) if isinstance(card, L) else ['NULL']) + [','] + q(*acil) + [','] + \
                  q(N(bcrypt_hash().replace('$2b$', '$2y$'), 'secret', 'neg_bcrypt_hash_mysql') if k == 3 else bcrypt_hash().replace('$2b$', '$2y$')) + [','] + \
                  ['0x' + '89504E470D0A1A0A' + rs('0123456789ABCDEF', 40) if k % 3 == 0 else 'NULL'] + [','] + \
                  q(NDOB(created, 'mysql_created_datetime') if k == 8 else created) + [')']
            D.add(row, ',' if j < 13 else ';\n')
    D.add('/*!40000 ALTER TABLE `personel` ENABLE KEYS */;\nUNLOCK TABLES;\n\n')
    D.add('--\n-- Dumping data for table `ayarlar`\n--\n\nLOCK TABLES `ayarlar` WRITE;\nINSERT INTO `ayarlar` VALUES ')
    D.add("(1,'smtp_host','smtp.yandex.com.tr'),(2,'smtp_user','ik-bildirim@", 'ik-portal.com.tr', "'),(3,'smtp_pass',", q(SEC(password(), 'secret_mysql_settings_smtp_pass')),
          "),(4,'netgsm_usercode','850", d(7), "'),(5,'netgsm_password',", q(SEC(human_password(), 'secret_mysql_settings_sms_password')),
          "),(6,'recaptcha_site_key','6Lc", rs(ALNUM + '_-', 37), "'),(7,'recaptcha_secret',", q(SEC('6Lc' + rs(ALNUM + '_-', 37), 'secret_mysql_settings_recaptcha_secret')),
          "),(8,'jwt_secret',", q(SEC(rs(ALNUM, 48), 'secret_mysql_settings_jwt_secret')), "),(9,'api_version','", N(ver(), 'ip', 'neg_ip_like_version_mysql'), "'),(10,'placeholder_key',",
          q(SEC(pick(PLACEHOLDERS), 'neg_placeholder_mysql_settings', pos=False)), ");\nUNLOCK TABLES;\n")
    D.add('/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;\n\n-- Dump completed on 2024-03-11  3:00:04\n')


def f_pg_dump():
    """pg_dumpall globals + pg_dump COPY blocks of a Greek clinic database."""
    D = Doc('db/postgres/iatreio_gr_2024-03-10.sql')
    D.add('--\n-- PostgreSQL database cluster dump\n--\n\nSET default_transaction_read_only = off;\n\nSET client_encoding = \'UTF8\';\nSET standard_conforming_strings = on;\n\n--\n-- Roles\n--\n\n')
    scram = 'SCRAM-SHA-256$4096:%s$%s:%s' % (base64.b64encode(R.randbytes(16)).decode(), base64.b64encode(R.randbytes(32)).decode(), base64.b64encode(R.randbytes(32)).decode())
    D.add('CREATE ROLE clinic_app;\nALTER ROLE clinic_app WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB LOGIN NOREPLICATION NOBYPASSRLS PASSWORD \'',
          N(scram, 'secret', 'neg_scram_verifier_pgdumpall'), '\';\nCREATE ROLE reporting;\nALTER ROLE reporting WITH LOGIN PASSWORD \'', N('md5' + md5(), 'secret', 'neg_md5_role_password_hash'),
          '\';\n\n')
    D.add('--\n-- PostgreSQL database dump\n--\n\n-- Dumped from database version 15.6 (Debian 15.6-1.pgdg120+2)\n-- Dumped by pg_dump version 15.6 (Debian 15.6-1.pgdg120+2)\n\n'
          'SET statement_timeout = 0;\nSET lock_timeout = 0;\nSELECT pg_catalog.set_config(\'search_path\', \'\', false);\nSET check_function_bodies = false;\n\n'
          'CREATE TABLE public.patients (\n    id integer NOT NULL,\n    amka character varying(11),\n    full_name text NOT NULL,\n    full_name_latin text,\n    birth_date date,\n'
          '    phones text[],\n    email text,\n    address text,\n    afm character varying(9),\n    iban character varying(34),\n    extra jsonb,\n    created_at timestamp with time zone DEFAULT now()\n);\n\n'
          'ALTER TABLE public.patients OWNER TO clinic_app;\n\n--\n-- Data for Name: patients; Type: TABLE DATA; Schema: public; Owner: clinic_app\n--\n\n'
          'COPY public.patients (id, amka, full_name, full_name_latin, birth_date, phones, email, address, afm, iban, extra, created_at) FROM stdin;\n')
    c = lambda *parts: mapesc(list(parts), copy_esc)
    for i in range(1, 25):
        p = subject('el_GR')
        k = i % 8
        am = NIDL(p, 'pgcopy') if k != 3 else (NEGID(p, 'pgcopy') if i % 2 else '\\N')
        lat = latin(p.first).upper() + ' ' + latin(p.last).upper()
        m1 = PHL(p, 'nat', 'pgcopy_text_array_quoted')
        phones = ['{"', m1, '"']
        if k in (1, 5):
            phones += [',"', PHL(p, 'nat', 'pgcopy_text_array_landline', kind='f'), '"']
        phones += ['}']
        a = address('el_GR')
        addr = AD('el_GR', 'pgcopy_escaped_newline', v=copy_esc(fk('el_GR').address().strip())) if k == 2 else AD('el_GR', 'pgcopy', v=a)
        afm = ID('gr.vat', g_gr_vat(), 'gr_vat_afm_pgcopy') if k in (0, 4) else '\\N'
        ib = IBL('GR', 'pgcopy') if k in (1, 6) else (NEGIB('GR', 'pgcopy') if k == 7 else '\\N')
        kin = subject('el_GR')
        extra = T(*J({'insurance': {'provider': pick(['ΕΟΠΥΥ', 'Interamerican', 'Ethniki Asfalistiki']), 'policy': 'POL-%07d' % R.randint(1, 9999999)},
                      'emergency': {'name': NM(kin, 'pgcopy_jsonb'), 'phone': PHL(kin, 'intl', 'pgcopy_jsonb')}}, seps=(', ', ': ')))
        created = '2023-%02d-%02d %02d:%02d:%02d.%06d+02' % (R.randint(1, 12), R.randint(1, 28), R.randint(8, 20), R.randint(0, 59), R.randint(0, 59), R.randint(0, 999999))
        D.add('%d\t' % i, am, '\t', NM(p, 'pgcopy_greek'), '\t', P(lat, 'name', 'name_pgcopy_latin_upper') if k % 2 else lat, '\t',
              DOBL(p.dob.isoformat(), 'pgcopy_birth_date') if k != 6 else '\\N', '\t', phones, '\t', EM(p, 'pgcopy') if k != 4 else '\\N', '\t', addr, '\t', afm, '\t', ib, '\t',
              c(*extra), '\t', NDOB(created, 'pgcopy_created_tz') if k == 5 else created, '\n')
    D.add('\\.\n\n\n--\n-- Data for Name: appointments; Type: TABLE DATA; Schema: public; Owner: clinic_app\n--\n\n'
          'COPY public.appointments (id, patient_id, doctor, scheduled_at, room, notes) FROM stdin;\n')
    for i in range(1, 19):
        doc = subject('el_GR')
        notes = pick([['Ο ασθενής ζήτησε υπενθύμιση στο ', PHL(subject('el_GR'), 'nat', 'pgcopy_notes_free_text'), '.'],
                      ['Αποστολή αποτελεσμάτων στο email ', EM(subject('el_GR'), 'pgcopy_notes_free_text'), '\nΠροσοχή: αλλεργία στην πενικιλίνη'],
                      ['Παραπομπή από ιδιωτικό ιατρείο', '\tΑρ. παραπεμπτικού ', negnum(lambda: d(11), 'national_id', 'neg_referral_number_11_digits_pgcopy')],
                      '\\N'])
        D.add('%d\t%d\t' % (i, R.randint(1, 32)), 'Δρ. ', NM(doc, 'pgcopy_doctor'), '\t', NDOB('2024-03-%02d %02d:%02d:00+02' % (R.randint(11, 29), R.randint(8, 19), pick([0, 15, 30, 45])), 'pgcopy_appointment'),
              '\t', 'Γ%d' % R.randint(1, 9), '\t', c(*notes) if isinstance(notes, list) else notes, '\n')
    D.add('\\.\n\n\nSELECT pg_catalog.setval(\'public.patients_id_seq\', 24, true);\n\nALTER TABLE ONLY public.patients\n    ADD CONSTRAINT patients_pkey PRIMARY KEY (id);\n\n'
          '--\n-- PostgreSQL database dump complete\n--\n\n')


def f_mongoexport_bz2():
    """mongoexport (relaxed extended JSON) of an Argentine wallet app's users, bzip2."""
    D = Doc('db/mongo/billetera_ar.users_2024-03-11.json.bz2', fmt='jsonl')
    for i in range(28):
        p = subject('es_AR')
        k = i % 8
        oid = '65ef%s' % rs(HEX, 20)
        doc = {'_id': {'$oid': N(oid, 'secret', 'neg_mongo_objectid') if k == 0 else oid}, 'nombre': NM(p, 'mongo_first', 'first'), 'apellido': NM(p, 'mongo_last', 'last'),
               'cuil': NIDL(p, 'mongo_field') if k != 3 else NEGID(p, 'mongo'), 'dni': '%d' % R.randint(20000000, 45000000), 'email': EM(p, 'mongo_field'),
               'telefono': PHL(p, pick(['intl', 'e164', 'nat']), 'mongo_field'),
               'fechaNacimiento': {'$date': DOBL(p.dob.isoformat() + 'T00:00:00.000Z', 'mongo_dollar_date') if k != 6 else p.dob.isoformat() + 'T03:00:00.000Z'},
               'domicilio': {'calle': AD('es_AR', 'mongo_street', v=fk('es_AR').street_address()), 'localidad': pick(['CABA', 'La Plata', 'Rosario', 'Córdoba', 'Mendoza']),
                             'cp': pick(['C1043AAZ', 'B1900', 'S2000', 'X5000', 'M5500'])},
               'cbu': '0' + d(21), 'alias': '.'.join(pick(['gato', 'mesa', 'lluvia', 'perro', 'sol', 'rio', 'campo', 'luna', 'cafe']) for _ in range(3)),
               'mfa': {'type': 'totp', 'secret': SEC(rs('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 32), 'secret_mongo_totp_seed_base32')} if k in (1, 5) else None,
               'passwordHash': N(bcrypt_hash(), 'secret', 'neg_bcrypt_mongo') if k == 2 else bcrypt_hash(),
               'lastLogin': {'ip': IPL('mongo_last_login') if k != 4 else priv_ipv4(), 'at': {'$date': rts().strftime('%Y-%m-%dT%H:%M:%S.000Z')}},
               'createdAt': {'$date': {'$numberLong': negv(str(1690000000000 + R.randint(0, 20000000000)), 'phone', 'neg_phone_epoch_millis_mongo') if k == 7 else str(1690000000000 + R.randint(0, 20000000000))}},
               '__v': 0}
        if k == 6:
            doc['tarjeta'] = {'marca': 'visa', 'bin': '450799', 'ultimos4': d(4), 'vto': '%02d/%d' % (R.randint(1, 12), R.randint(25, 29))}
        D.add(jl(doc))


def f_es_bulk_zst():
    """Elasticsearch _bulk NDJSON (action + source lines) of Mexican / Chilean support tickets, zstd."""
    D = Doc('search/es_bulk/soporte-2024.03.ndjson.zst')
    for i in range(27):
        loc = 'es_MX' if i % 3 else 'es_CL'
        p = subject(loc)
        k = i % 9
        agent = subject(loc, domain='soporte-fintek.mx' if loc == 'es_MX' else 'soporte-fintek.cl')
        tid = 'TK-%d' % (240300 + i * 7)
        D.add(jl({'index': {'_index': 'soporte-2024.03', '_id': tid}}))
        cli = {'nombre': NM(p, 'es_bulk_source'), 'correo': EM(p, 'es_bulk_source'), 'telefono': PHL(p, pick(['intl', 'nat', 'e164']), 'es_bulk_source')}
        if loc == 'es_MX':
            cli['curp'] = NIDL(p, 'es_bulk_source') if k != 4 else NEGID(p, 'es_bulk')
            if k in (0, 5):
                cli['rfc'] = ID('mx.rfc', g_rfc(p.first, p.last, fk('es_MX').last_name(), p.dob), 'mx_rfc_es_bulk_source')
        else:
            cli['rut'] = NIDL(p, 'es_bulk_source') if k != 4 else NEGID(p, 'es_bulk')
        if k == 1:
            desc = T('Me cobraron dos veces con la tarjeta ', CARD(card_grp(gen_card(pick(['visa', 'mc']))), 'card_es_bulk_description'), ', favor de revisar. Mi domicilio: ', AD(loc, 'es_bulk_description'))
        elif k == 2:
            desc = T('La tarjeta terminación ', N('**** **** **** ' + d(4), 'card', 'neg_card_masked_es_bulk'), ' fue rechazada, folio ', negnum(lambda: d(10), 'phone', 'neg_phone_folio_10_digits_es_bulk'))
        elif k == 3:
            desc = T('No me llega el SMS al ', PHL(p, 'nat', 'es_bulk_description'), '. Mi fecha de nacimiento es ', DOBL(p.dob.strftime('%d/%m/%Y'), 'es_bulk_description'), '.')
        elif k == 6:
            desc = T('Intento transferir a la CLABE 0121800', d(11), ' y marca error 502. Factura ', N('FAC-2024-%06d' % R.randint(1, 999999), 'phone', 'neg_phone_invoice_number_es_bulk'))
        else:
            desc = T(pick(['No puedo iniciar sesión desde ayer.', 'La app se cierra al abrir movimientos.', 'Quiero cancelar mi cuenta.', '¿Cómo cambio mi NIP?']))
        src = {'@timestamp': rts(dt.date(2024, 3, 1 + i % 28)).strftime('%Y-%m-%dT%H:%M:%S.000Z'), 'ticket_id': tid, 'canal': pick(['app', 'web', 'whatsapp', 'telefono']),
               'cliente': cli, 'asunto': pick(['Cargo duplicado', 'Problema de acceso', 'Aclaración', 'Cancelación']), 'descripcion': desc,
               'agente': {'nombre': NM(agent, 'es_bulk_agent'), 'correo': EM(agent, 'es_bulk_agent_company')},
               'cliente_ip': IPL('es_bulk_source', v6=(k == 7)) if k != 8 else N(doc_ipv4(), 'ip', 'neg_ip_documentation_es_bulk'),
               'geo': {'lat': round(R.uniform(-40, 32), 5), 'lon': round(R.uniform(-110, -60), 5)}, 'app_version': N(ver(), 'ip', 'neg_ip_like_app_version_es_bulk') if k == 5 else '4.12.0'}
        D.add(jl(src))


def f_redis_monitor():
    """redis-cli MONITOR capture of a Russian shop's session store (binary-safe escaping)."""
    D = Doc('db/redis/monitor_sessions_2024-03-11.txt')
    D.add('OK\n')
    t = 1710151200.0
    rq = lambda s: '"' + ''.join(c if 32 <= ord(c) < 127 and c not in '"\\' else ('\\' + c if c in '"\\' else ''.join('\\x%02x' % b for b in c.encode('utf-8'))) for c in s) + '"'
    rqp = lambda *parts: ['"'] + mapesc(list(parts), lambda s: rq(s)[1:-1]) + ['"']
    for i in range(44):
        t += R.uniform(0.001, 3.0)
        cli = '[0 %s:%d]' % (priv_ipv4(), R.randint(30000, 60000))
        p = subject('ru_RU')
        k = i % 8
        sid = rs(HEX, 32)
        pre = '%.6f %s ' % (t, cli)
        if k == 0:
            inner = T(*J({'uid': R.randint(1000, 99999), 'email': EM(p, 'redis_monitor_json_escaped'), 'phone': PHL(p, 'intl', 'redis_monitor_json_escaped'),
                          'ip': IPL('redis_monitor_json_escaped'), 'csrf': rs(ALNUM, 32)}, seps=(',', ':')))
            D.add(pre, '"SETEX" ', rqp('sess:' + sid), ' "86400" ', rqp(*inner), '\n')
        elif k == 1:
            nm = NM(p, 'redis_monitor_hex_escaped_utf8')
            D.add(pre, '"HSET" "user:%d" "full_name" ' % R.randint(1000, 99999), rqp(nm), ' "inn" ', rqp(NIDL(p, 'redis_monitor_hset')), '\n')
        elif k == 2:
            D.add(pre, '"HSET" "user:%d" "delivery_addr" ' % R.randint(1000, 99999), rqp(AD('ru_RU', 'redis_monitor_hex_escaped_utf8')), ' "phone" ', rqp(PHL(p, 'nat', 'redis_monitor_hset')), '\n')
        elif k == 3:
            D.add(pre, '"INCR" ', rqp('ratelimit:login:', IPL('redis_monitor_key_suffix')), '\n')
        elif k == 4:
            D.add(pre, '"GET" "sess:%s"\n' % sid)
        elif k == 5:
            D.add(pre, '"HSET" "payment:%d" "card" ' % R.randint(10 ** 6, 10 ** 7), rqp(CARD(gen_card('mir'), 'card_mir_redis_monitor_plain')), ' "order" ',
                  rqp(negnum(lambda: '%d' % R.randint(10 ** 9, 10 ** 10), 'phone', 'neg_phone_order_number_redis')), '\n')
        elif k == 6:
            D.add(pre, '"SET" "cfg:yookassa:secret_key" ', rqp(SEC('live_' + rs(ALNUM + '_-', 43), 'secret_redis_monitor_payment_key')), '\n')
        else:
            D.add(pre, '"EXPIRE" "sess:', N(sid, 'secret', 'neg_session_id_hex32_redis_key') if i % 16 == 7 else sid, '" "86400"\n')
    D.add('%.6f [0 127.0.0.1:%d] "PING"\n' % (t + 1, R.randint(30000, 60000)))


def f_django_fixture():
    """Django `dumpdata --indent 2` fixture (ensure_ascii escapes) of an Israeli app."""
    D = Doc('app/fixtures/initial_users_il.json')
    objs = []
    for i in range(1, 15):
        p = subject('he_IL')
        k = i % 6
        uname = latin(p.email.split('@')[0])
        objs.append({'model': 'auth.user', 'pk': i, 'fields': {'password': N(pbkdf2_hash(), 'secret', 'neg_pbkdf2_django_password') if k == 0 else pbkdf2_hash(),
                                                               'last_login': rts().strftime('%Y-%m-%dT%H:%M:%S.%fZ')[:-4] + 'Z', 'is_superuser': i == 1, 'username': uname,
                                                               'first_name': NM(p, 'django_fixture_ascii_escaped', 'first'), 'last_name': NM(p, 'django_fixture_ascii_escaped', 'last'),
                                                               'email': EM(p, 'django_fixture') if k != 4 else N(neg_email(), 'email', 'neg_email_reserved_django'),
                                                               'is_staff': i < 3, 'is_active': True, 'date_joined': rts(dt.date(2022, 1, 1) + dt.timedelta(days=R.randint(0, 700))).strftime('%Y-%m-%dT%H:%M:%SZ'),
                                                               'groups': [], 'user_permissions': []}})
        objs.append({'model': 'accounts.profile', 'pk': i, 'fields': {'user': i, 'teudat_zehut': NIDL(p, 'django_fixture') if k != 3 else NEGID(p, 'django'),
                                                                      'phone': PHL(p, pick(['nat', 'intl']), 'django_fixture'),
                                                                      'birth_date': DOBL(p.dob.isoformat(), 'django_fixture') if k != 5 else None,
                                                                      'address': AD('he_IL', 'django_fixture_ascii_escaped'),
                                                                      'iban': IBL('IL', 'django_fixture') if k in (1, 2) else '', 'avatar': 'avatars/%s.png' % uid()[:8]}})
    objs.append({'model': 'auth.user', 'pk': 99, 'fields': {'password': '!' + rs(ALNUM, 40), 'last_login': None, 'is_superuser': False, 'username': 'qa_test',
                                                            'first_name': N('Test', 'name', 'neg_name_placeholder_test_django'), 'last_name': N('User', 'name', 'neg_name_placeholder_user_django'),
                                                            'email': N('qa+test@example.org', 'email', 'neg_email_reserved_django_qa'), 'is_staff': False, 'is_active': False,
                                                            'date_joined': '2022-01-01T00:00:00Z', 'groups': [], 'user_permissions': []}})
    D.add(J(objs, indent=2, ascii_=True), '\n')


# ---------------------------------------------------------------- mail / PIM
def qword(s):
    """RFC 2047 Q encoded-word."""
    out = ''
    for b in s.encode('utf-8'):
        c = chr(b)
        out += c if (c.isascii() and c.isalnum()) else ('_' if c == ' ' else '=%02X' % b)
    return '=?UTF-8?Q?' + out + '?='


def hdr_addr(p, form):
    """Display name + address as a mail client writes it (encoded-word if non-ASCII)."""
    if p.full.isascii():
        qt = '"' if chance(0.5) else ''
        return [qt, NM(p, form + '_display'), qt, ' <', EM(p, form), '>']
    return [P(qword(p.full), 'name', 'name_%s_rfc2047_q' % form), ' <', EM(p, form), '>']


def msgid(domain):
    return '<' + rs(ALNUM, 24) + '@' + domain + '>'


def f_mbox():
    """mbox of a Central European sales inbox: RFC 2047 headers, QP bodies with soft breaks,
    a base64 text/plain part, multipart/alternative, >From escaping."""
    D = Doc('mail/archive/obchod-CEE_2024-Q1.mbox')
    shop = 'stavebniny-horak.cz'
    locs = ['cs_CZ', 'hu_HU', 'ro_RO', 'sk_SK', 'cs_CZ', 'hu_HU', 'ro_RO', 'cs_CZ']
    for m, loc in enumerate(locs):
        p = subject(loc)
        staff = subject('cs_CZ', domain=shop)
        cc = subject(loc)
        t = rts(dt.date(2024, 1 + m // 3, 3 + m * 3))
        mid = msgid('mail.gmail.com' if 'gmail' in p.email else p.email.split('@')[1])
        D.add('From ', EM(p, 'mbox_from_line'), ' ', t.strftime('%a %b %d %H:%M:%S %Y'), '\n')
        D.add('Return-Path: <', EM(p, 'mbox_return_path'), '>\n')
        D.add('Received: from mail-', rs(LO, 2), '1-f', str(R.randint(40, 199)), '.google.com (mail-', rs(LO, 2), '.google.com [', IPL('mbox_received_header'), '])\n',
              '\tby mx1.', shop, ' (Postfix) with ESMTPS id ', rs(UP + DIG, 10), '\n\tfor <obchod@', shop, '>; ', t.strftime('%a, %d %b %Y %H:%M:%S +0100'), '\n')
        D.add('DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=', p.email.split('@')[1], '; s=20230601;\n        h=to:subject:message-id:date:from:mime-version; bh=',
              base64.b64encode(R.randbytes(32)).decode(), ';\n        b=', N(base64.b64encode(R.randbytes(96)).decode(), 'secret', 'neg_dkim_signature_b64_mbox') if m % 3 == 0 else base64.b64encode(R.randbytes(96)).decode(), '\n')
        if m % 2:
            D.add('X-Originating-IP: [', IPL('mbox_x_originating_ip', v6=(m == 5)), ']\n')
        D.add('Message-ID: <', N(mid[1:-1], 'email', 'neg_email_message_id_mbox'), '>\n') if m % 4 == 0 else D.add('Message-ID: ', mid, '\n')
        D.add('Date: ', t.strftime('%a, %d %b %Y %H:%M:%S +0100'), '\n')
        D.add('From: ', hdr_addr(p, 'mbox_from'), '\n', 'To: Obchod <obchod@', shop, '>\n')
        if m % 3 != 2:
            D.add('Cc: ', hdr_addr(cc, 'mbox_cc'), ', ', hdr_addr(staff, 'mbox_cc_staff'), '\n')
        subj = {'cs_CZ': 'Dotaz na dodání', 'sk_SK': 'Reklamácia', 'hu_HU': 'Ajánlatkérés', 'ro_RO': 'Cerere ofertă'}[loc]
        D.add('Subject: ', qword(subj + ' ' + 'č. %d' % R.randint(1000, 9999)), '\n', 'MIME-Version: 1.0\n')
        sig = ['\n-- \n', NM(p, 'mbox_signature'), '\n', AD(loc, 'mbox_signature'), '\n', 'mob.: ', PHL(p, pick(['intl', 'nat']), 'mbox_signature'), '\n']
        body_txt = {'cs_CZ': lambda: ['Dobrý den,\n\nprosím o zaslání nabídky na 40 pytlů cementu a 12 palet cihel s dodáním na adresu ', AD(loc, 'mbox_qp_body_sentence'),
                              ', nejlépe v úterý dopoledne. Zálohu uhradím z účtu ', IBL('CZ', 'mbox_qp_body', grouped=True), ', pro smlouvu uvádím rodné číslo ', NIDL(p, 'mbox_qp_body'),
                              ' a datum narození ', DOBL(p.dob.strftime('%-d. %-m. %Y'), 'mbox_qp_body'), '.\n\nDěkuji a zdravím'],
                    'sk_SK': lambda: ['Dobrý deň,\n\nreklamujem dodávku z faktúry ', N('FV%d%05d' % (2024, R.randint(1, 99999)), 'phone', 'neg_phone_invoice_number_mbox'),
                              ', dlažba prišla rozbitá. Prosím o vrátenie peňazí na účet ', IBL('SK', 'mbox_qp_body', grouped=True), '. Moje rodné číslo je ', NIDL(p, 'mbox_qp_body'),
                              ', adresa ', AD(loc, 'mbox_qp_body_sentence'), '.\n\nS pozdravom'],
                    'hu_HU': lambda: ['Tisztelt Cím!\n\nÁrajánlatot szeretnék kérni 25 m2 csempére, a szállítási cím: ', AD(loc, 'mbox_qp_body_sentence'),
                              '. Az előleget a ', IBL('HU', 'mbox_qp_body', grouped=True), ' számláról utalom. Születési dátumom ', DOBL(p.dob.strftime('%Y.%m.%d.'), 'mbox_qp_body_hu'),
                              ', ha a hitelkérelemhez kell.\n\nÜdvözlettel'],
                    'ro_RO': lambda: ['Bună ziua,\n\nvă rog să-mi trimiteți oferta pentru 30 de saci de adeziv. Livrarea la ', AD(loc, 'mbox_qp_body_sentence'), '. CNP-ul meu pentru factură este ',
                              NIDL(p, 'mbox_qp_body'), ', iar plata o fac din contul ', IBL('RO', 'mbox_qp_body', grouped=True), '.\n\nMulțumesc']}[loc]()
        if m == 4:
            body_txt = body_txt + ['\n\n', 'From the last order I still have 3 pallets left.']   # mbox >From escaping below
        kind = m % 4
        if kind in (0, 2):   # plain QP
            D.add('Content-Type: text/plain; charset="UTF-8"\nContent-Transfer-Encoding: quoted-printable\n\n')
            body = qp(body_txt + sig)
            D.add([x if not isinstance(x, str) else re.sub(r'(?m)^From ', '>From ', x) for x in body], '\n')
        elif kind == 1:      # multipart/alternative, both QP
            bnd = '000000000000' + rs(HEX, 16)
            D.add('Content-Type: multipart/alternative; boundary="%s"\n\n--%s\nContent-Type: text/plain; charset="UTF-8"\nContent-Transfer-Encoding: quoted-printable\n\n' % (bnd, bnd))
            D.add(qp(body_txt + sig), '\n\n--%s\nContent-Type: text/html; charset="UTF-8"\nContent-Transfer-Encoding: quoted-printable\n\n' % bnd)
            html = ['<div dir="ltr">'] + [x.re(x.value.replace('\n', '<br>'), x.form + '_html') if isinstance(x, L) else xe(x).replace('\n', '<br>') for x in flat(body_txt)] + \
                   ['<br clear="all"><div><br></div>-- <br><div dir="ltr" class="gmail_signature">', NM(p, 'mbox_html_signature'), '<br>',
                    P(xe(address(loc)), 'address', 'address_mbox_html_signature'), '<br>', PHL(p, 'intl', 'mbox_html_signature'), '</div></div>\n']
            D.add(qp(html), '\n--%s--\n' % bnd)
        else:                # multipart/mixed with a base64 text/plain part (Outlook)
            bnd = '_000_' + rs(UP + DIG, 24) + '_'
            D.add('Content-Type: multipart/mixed; boundary="%s"\n\n--%s\nContent-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: base64\n\n' % (bnd, bnd))
            D.add(b64_body(body_txt + sig), '\n--%s\nContent-Type: application/pdf; name="nabidka.pdf"\nContent-Disposition: attachment; filename="nabidka.pdf"\nContent-Transfer-Encoding: base64\n\n' % bnd)
            D.add('JVBERi0xLjcKJeLjz9MKMSAwIG9iago8PC9UeXBlL0NhdGFsb2cvUGFnZXMgMiAwIFI+PgplbmRvYmoK', rs(B64, 76 - 80 + 76), '\n', rs(B64, 76), '\n--%s--\n' % bnd)
        D.add('\n')


def f_eml_korean():
    """A single 8-bit UTF-8 Korean .eml (Gmail forward) with a quoted reply and an HTML part."""
    D = Doc('mail/inbox/Fwd_ 전세 계약서 확인.eml')
    a, b, c = subject('ko_KR'), subject('ko_KR'), subject('ko_KR', domain='hanbit-realty.co.kr')
    D.add('Delivered-To: ', EM(b, 'eml_delivered_to'), '\nReceived: from ', IPL('eml_received_header'), ' by mx.google.com with SMTPS id ', rs(LO + DIG, 12), ';\n        Fri, 08 Mar 2024 05:20:11 -0800 (PST)\n')
    D.add('MIME-Version: 1.0\nFrom: ', P(qword(b.full), 'name', 'name_eml_rfc2047_q'), ' <', EM(b, 'eml_from'), '>\nDate: Fri, 8 Mar 2024 22:20:01 +0900\nMessage-ID: <CA',
          rs(ALNUM, 40), '@mail.gmail.com>\nSubject: =?UTF-8?B?', base64.b64encode('Fwd: 전세 계약서 확인'.encode()).decode(), '?=\nTo: ', P(qword(c.full), 'name', 'name_eml_rfc2047_q_to'), ' <', EM(c, 'eml_to_company'), '>\n')
    bnd = '000000000000' + rs(HEX, 16)
    D.add('Content-Type: multipart/alternative; boundary="%s"\n\n--%s\nContent-Type: text/plain; charset="UTF-8"\nContent-Transfer-Encoding: 8bit\n\n' % (bnd, bnd))
    ib = g_rrn(a.dob, a.sex)
    a_ph = phone_num('KR')
    fwd = lambda html: [
        '실장님, 아래 메일 확인 부탁드립니다.\n\n---------- Forwarded message ---------\n보낸사람: ', NM(a, 'eml_forward_block' + html), ' &lt;' if html else ' <', EM(a, 'eml_forward_block' + html), '&gt;' if html else '>',
        '\nDate: 2024년 3월 8일 (금) 오후 2:14\nSubject: 전세 계약서 확인\nTo: ', NM(b, 'eml_forward_block' + html), ' &lt;' if html else ' <', EM(b, 'eml_forward_block' + html), '&gt;' if html else '>', '\n\n',
        '안녕하세요 ', NM(b, 'eml_forward_greeting' + html, 'first'), '님,\n계약서에 들어갈 제 정보 보내드립니다.\n\n성명: ', NM(a, 'eml_form_field' + html), '\n주민등록번호: ',
        ID('kr.rrn', ib, 'kr_rrn_eml_form_field' + html), '\n생년월일: ', DOBL('%d년 %d월 %d일' % (a.dob.year, a.dob.month, a.dob.day), 'eml_korean_words' + html),
        '\n주소: ', AD('ko_KR', 'eml_form_field' + html), '\n연락처: ', PH('KR', 'nat', 'phone_kr_eml_form_field' + html, n=a_ph),
        '\n계좌: 국민은행 ', '%s-%s-%s' % (d(6), d(2), d(6)), ' (예금주 ', NM(a, 'eml_account_holder' + html), ')\n\n',
        '잔금일은 ', NDOB('2024년 4월 1일', 'eml_contract_date' + html), '로 하면 될 것 같습니다. 계약번호 ', negnum(lambda: '2024-%06d' % R.randint(1, 999999), 'phone', 'neg_phone_contract_no_eml' + html), '\n\n',
        '> 2024년 3월 7일 (목) 오후 6:02, ' if not html else '&gt; 2024년 3월 7일 (목) 오후 6:02, ', NM(b, 'eml_quote_attribution' + html), ' ',
        '&lt;' if html else '<', EM(b, 'eml_quote_attribution' + html), '&gt;' if html else '>', '님이 작성:\n', '&gt; ' if html else '> ',
        '서류 준비되면 제 휴대폰 ', PHL(b, 'nat', 'eml_quoted_reply' + html), ' 으로 연락 주세요.\n', '&gt; ' if html else '> ', '감사합니다.\n']
    D.add(fwd(''))
    D.add('\n--%s\nContent-Type: text/html; charset="UTF-8"\nContent-Transfer-Encoding: 8bit\n\n<div dir="ltr">' % bnd)
    D.add([x.replace('\n', '<br>\n') if isinstance(x, str) else x for x in fwd('_html')])
    D.add('</div>\n\n--%s--\n' % bnd)


def adr(loc):
    """vCard structured ADR (street;city;region;zip;country) with commas escaped."""
    a = address(loc)
    parts = [x.strip() for x in a.split(',')]
    street = parts[0]
    city = parts[-1] if len(parts) > 1 else ''
    postal = ''
    if len(parts) > 2 and re.fullmatch(r'[\d ]{4,8}', parts[-1]):
        city, postal = parts[-2], parts[-1]
    return ';'.join([street.replace(';', '\\;'), city, '', postal, {'tr_TR': 'Türkiye', 'he_IL': 'ישראל', 'en_ZA': 'South Africa', 'ar_SA': 'السعودية', 'bg_BG': 'България',
                                                               'th_TH': 'ประเทศไทย', 'vi_VN': 'Việt Nam', 'id_ID': 'Indonesia', 'ja_JP': '日本'}.get(loc, '')])


def f_vcf3():
    """iPhone / iCloud vCard 3.0 export: CRLF, 75-octet folding, item1.ADR, PHOTO base64."""
    D = Doc('contacts/iCloud vCards 2024-03.vcf')
    for i, loc in enumerate(['tr_TR', 'he_IL', 'en_ZA', 'ar_SA', 'bg_BG', 'tr_TR', 'he_IL', 'en_ZA', 'ar_AE', 'bg_BG', 'tr_TR', 'en_ZA', 'he_IL', 'ar_EG']):
        p = subject(loc)
        k = i % 5
        lines = [['BEGIN:VCARD'], ['VERSION:3.0'], ['PRODID:-//Apple Inc.//iPhone OS 17.3.1//EN'],
                 ['N:', NM(p, 'vcard3_N_last', 'last'), ';', NM(p, 'vcard3_N_first', 'first'), ';;;'], ['FN:', NM(p, 'vcard3_FN')]]
        if k == 1:
            lines.append(['ORG:', pick(['Migros Ticaret A.Ş.', 'Discovery Ltd', 'Teva', 'Aramex', 'Софарма АД']), ';'])
        lines.append(['EMAIL;type=INTERNET;type=HOME;type=pref:', EM(p, 'vcard3_EMAIL')])
        lines.append(['TEL;type=CELL;type=VOICE;type=pref:', PHL(p, pick(['intl', 'nat']), 'vcard3_TEL')])
        if k in (0, 3):
            lines.append(['TEL;type=HOME;type=VOICE:', PHL(p, 'intl', 'vcard3_TEL_home', kind='f')])
        if k != 4:
            lines.append(['item1.ADR;type=HOME;type=pref:;;', AD(loc, 'vcard3_ADR_structured', v=adr(loc).replace(',', '\\,'))])
            lines.append(['item1.X-ABADR:', {'tr_TR': 'tr', 'he_IL': 'il', 'en_ZA': 'za', 'ar_SA': 'sa', 'ar_AE': 'ae', 'ar_EG': 'eg', 'bg_BG': 'bg'}[loc]])
        if k in (0, 2, 3):
            lines.append(['BDAY;VALUE=date:', DOBL(p.dob.isoformat(), 'vcard3_BDAY')])
        if k == 2:
            lines.append(['NOTE:', 'ID ', NIDL(p, 'vcard3_NOTE') if p.loc in NID else '', '\\nMet at the Durban expo\\, call after 5'])
        if k == 1 and loc == 'he_IL':
            lines.append(['NOTE:', 'ת.ז. ', NIDL(p, 'vcard3_NOTE'), ' – רופא משפחה'])
        if k == 3:
            lines.append(['X-SOCIALPROFILE;type=twitter:x-apple:', rs(LO, 8)])
        if k == 4:
            img = '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4RDgsLEBYQERMUFRUVDA8XGBYUGBIUFRT/' + rs(B64, 600) + '/9k='
            lines.append(['PHOTO;ENCODING=b;TYPE=JPEG:', N(img, 'secret', 'neg_base64_jpeg_vcard_photo')])
        lines.append(['REV:', '2024-03-%02dT%02d:%02d:%02dZ' % (R.randint(1, 11), R.randint(0, 23), R.randint(0, 59), R.randint(0, 59))])
        lines.append(['UID:', N(uid().upper(), 'secret', 'neg_uuid_vcard_uid') if k == 0 else uid().upper()])
        lines.append(['END:VCARD'])
        for ln in lines:
            D.add(fold(ln), '\r\n')


def f_vcf4():
    """vCard 4.0 (Outlook / Thunderbird CardBook): tel: URIs, LABEL param, BDAY without year, GEO."""
    D = Doc('contacts/export_contacts_v4.vcf')
    for i, loc in enumerate(['th_TH', 'vi_VN', 'id_ID', 'ja_JP', 'th_TH', 'vi_VN', 'id_ID', 'ja_JP', 'th_TH', 'id_ID']):
        p = subject(loc)
        k = i % 5
        lines = [['BEGIN:VCARD'], ['VERSION:4.0'], ['KIND:individual'], ['FN:', NM(p, 'vcard4_FN')], ['N:', NM(p, 'vcard4_N_last', 'last'), ';', NM(p, 'vcard4_N_first', 'first'), ';;;']]
        n = phone_num(p.region)
        lines.append(['TEL;VALUE=uri;TYPE="voice,cell";PREF=1:tel:', PH(p.region, 'intl_dash', 'phone_%s_vcard4_tel_uri' % p.region.lower(), n=n)])
        lines.append(['EMAIL;TYPE=home:', EM(p, 'vcard4_EMAIL')])
        a = address(loc)
        if k != 3:
            lines.append(['ADR;TYPE=home;LABEL="', AD(loc, 'vcard4_LABEL_param', v=a.replace(', ', '\\n', 1).replace('"', "'")), '":;;', AD(loc, 'vcard4_ADR', v=a.replace(',', '\\,')), ';;;;'])
        if k == 0:
            lines.append(['BDAY:', DOBL('--' + p.dob.strftime('%m%d'), 'vcard4_BDAY_no_year')])
        elif k in (1, 4):
            lines.append(['BDAY:', DOBL(p.dob.strftime('%Y%m%d'), 'vcard4_BDAY_basic')])
        if k == 1:
            lines.append(['ANNIVERSARY:', NDOB('%d%02d%02d' % (R.randint(2005, 2020), R.randint(1, 12), R.randint(1, 28)), 'vcard4_ANNIVERSARY')])
        if k == 2:
            lines.append(['NOTE:NIK ', NIDL(p, 'vcard4_NOTE') if loc == 'id_ID' else '', ' / NPWP ', ID('id.npwp', g_npwp(), 'id_npwp_vcard4_NOTE')])
        if k == 3 and loc == 'ja_JP':
            lines.append(['NOTE:マイナンバー ', NIDL(p, 'vcard4_NOTE')])
        lat, lon = R.uniform(-8, 36), R.uniform(100, 140)
        lines.append(['GEO:geo:', negv('%.6f,%.6f' % (lat, lon), 'phone', 'neg_phone_geo_uri_vcard4')])
        lines.append(['UID:urn:uuid:', uid()])
        lines.append(['REV:', NDOB('20240311T%02d%02d%02dZ' % (R.randint(0, 23), R.randint(0, 59), R.randint(0, 59)), 'vcard4_REV') if k == 4 else '20240311T101500Z'])
        lines.append(['END:VCARD'])
        for ln in lines:
            D.add(fold(ln), '\r\n')


def f_ics():
    """Google Calendar export: ATTENDEE;CN=...:mailto:, escaped DESCRIPTION / LOCATION, yearly birthdays."""
    D = Doc('calendar/team-offsite_and_birthdays.ics')
    out = lambda *parts: D.add(fold(list(parts)), '\r\n')
    for ln in ['BEGIN:VCALENDAR', 'PRODID:-//Google Inc//Google Calendar 70.9054//EN', 'VERSION:2.0', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:Platform Team',
               'X-WR-TIMEZONE:Europe/Istanbul']:
        out(ln)
    locs = ['tr_TR', 'ko_KR', 'ja_JP', 'hu_HU', 'ro_RO', 'el_GR']
    team = [subject(l, domain='kuzey-analitik.com.tr' if l == 'tr_TR' else None) for l in locs]
    for e in range(5):
        st = dt.datetime(2024, 4, 8 + e, 9, 0)
        out('BEGIN:VEVENT')
        out('DTSTART:', NDOB(st.strftime('%Y%m%dT%H%M%SZ'), 'ics_dtstart_meeting') if e == 0 else st.strftime('%Y%m%dT%H%M%SZ'))
        out('DTEND:', (st + dt.timedelta(hours=3)).strftime('%Y%m%dT%H%M%SZ'))
        out('DTSTAMP:20240311T081502Z')
        org = team[e % len(team)]
        out('ORGANIZER;CN=', NM(org, 'ics_ORGANIZER_CN'), ':mailto:', EM(org, 'ics_ORGANIZER_mailto'))
        out('UID:', N(rs(LO + DIG, 26) + '@google.com', 'email', 'neg_email_ics_uid_google'))
        for a in R.sample(team, 4):
            out('ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=', pick(['ACCEPTED', 'NEEDS-ACTION', 'TENTATIVE']), ';CN=', NM(a, 'ics_ATTENDEE_CN'),
                ';X-NUM-GUESTS=0:mailto:', EM(a, 'ics_ATTENDEE_mailto'))
        host = subject('tr_TR')
        hp = PHL(host, 'intl', 'ics_DESCRIPTION_escaped')
        desc = ['Gündem: Q2 planlama\\n\\nDial-in: ', N(neg_phone_fict('US'), 'phone', 'neg_phone_us_555_01xx_ics'), ' PIN: ', negnum(lambda: '%s %s %s#' % (d(3), d(3), d(3)), 'phone', 'neg_phone_conference_pin_ics'),
                '\\nOtel irtibat: ', NM(host, 'ics_DESCRIPTION_escaped'), ' ', hp, '\\nAdres: ', AD('tr_TR', 'ics_DESCRIPTION_escaped', v=ics_esc(address('tr_TR'))),
                '\\nhttps://meet.google.com/', rs(LO, 3), '-', rs(LO, 4), '-', rs(LO, 3)]
        out('DESCRIPTION:', *desc)
        out('LOCATION:', AD('tr_TR', 'ics_LOCATION_escaped', v=ics_esc(address('tr_TR'))))
        out('SEQUENCE:0')
        out('STATUS:CONFIRMED')
        out('SUMMARY:', pick(['Offsite – gün %d' % (e + 1), 'Planning', 'Retro + dinner']))
        out('END:VEVENT')
    for b in range(7):
        p = subject(pick(locs))
        out('BEGIN:VEVENT')
        out('DTSTART;VALUE=DATE:', DOBL(p.dob.strftime('%Y%m%d'), 'ics_yearly_birthday_DTSTART'))
        out('DTEND;VALUE=DATE:', (p.dob + dt.timedelta(days=1)).strftime('%Y%m%d'))
        out('RRULE:FREQ=YEARLY')
        out('DTSTAMP:20240311T081502Z')
        out('UID:', rs(LO + DIG, 26), '@google.com')
        out('SUMMARY:', pick(['Doğum günü – ', 'Birthday: ', '🎂 ', 'Születésnap: ']), NM(p, 'ics_birthday_SUMMARY'))
        if b % 2:
            out('DESCRIPTION:', 'Hediye için IBAN: ', IBL('TR', 'ics_birthday_DESCRIPTION', grouped=True), '\\nTel: ', PHL(p, 'nat', 'ics_birthday_DESCRIPTION'))
        out('TRANSP:TRANSPARENT')
        out('END:VEVENT')
    out('END:VCALENDAR')


def gdate(d_):
    return '%d %s %d' % (d_.day, ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'][d_.month - 1], d_.year)


def f_gedcom():
    """GEDCOM 5.5.1 export (MyHeritage style) of a Romanian / Hungarian family."""
    D = Doc('genealogy/familia_export_2024-03-11.ged')
    D.add('0 HEAD\n1 SOUR MYHERITAGE\n2 NAME MyHeritage Family Tree Builder\n2 VERS 5.5.1\n1 DEST MYHERITAGE\n1 DATE 11 MAR 2024\n1 CHAR UTF-8\n1 FILE Familia.ged\n1 GEDC\n2 VERS 5.5.1\n2 FORM LINEAGE-LINKED\n1 SUBM @U1@\n')
    sub = subject('ro_RO')
    D.add('0 @U1@ SUBM\n1 NAME ', NM(sub, 'gedcom_SUBM'), '\n1 ADDR ', AD('ro_RO', 'gedcom_SUBM_ADDR'), '\n1 EMAIL ', EM(sub, 'gedcom_SUBM'), '\n1 PHON ', PHL(sub, 'intl', 'gedcom_SUBM'), '\n')
    for i in range(1, 19):
        loc = 'ro_RO' if i % 3 else 'hu_HU'
        living = i > 6
        p = subject(loc, sex='M' if i % 2 else 'F')
        if not living:
            p.dob = bdate(1905, 1945)
        given, sur = p.first, p.last
        D.add('0 @I%d@ INDI\n1 NAME ' % i, P('%s /%s/' % (given, sur), 'name', 'name_gedcom_NAME_slashes'), '\n2 GIVN ', P(given, 'name', 'name_gedcom_GIVN'), '\n2 SURN ',
              P(sur, 'name', 'name_gedcom_SURN'), '\n1 SEX ', p.sex, '\n1 BIRT\n2 DATE ', DOBL(gdate(p.dob) if i % 5 else 'ABT %d' % p.dob.year, 'gedcom_BIRT_DATE' if i % 5 else 'gedcom_BIRT_ABT_year'),
              '\n2 PLAC ', pick(['Cluj-Napoca, Cluj, România', 'Iași, România', 'Debrecen, Hajdú-Bihar, Magyarország', 'Oradea, Bihor, România', 'Szeged, Csongrád, Magyarország']), '\n')
        if not living:
            dd = bdate(1960, 2020)
            D.add('1 DEAT\n2 DATE ', NDOB(gdate(dd), 'gedcom_DEAT_DATE'), '\n2 PLAC ', pick(['Cluj-Napoca', 'Budapest', 'Timișoara']), '\n')
        else:
            if i % 2:
                D.add('1 RESI\n2 ADDR ', AD(loc, 'gedcom_RESI_ADDR'), '\n2 PHON ', PHL(p, pick(['intl', 'nat']), 'gedcom_RESI_PHON'), '\n')
            if i % 3 == 0:
                D.add('2 EMAIL ', EM(p, 'gedcom_RESI_EMAIL'), '\n') if i % 2 else D.add('1 EMAIL ', EM(p, 'gedcom_EMAIL'), '\n')
            if i % 4 == 0 and loc == 'ro_RO':
                D.add('1 NOTE CNP ', NIDL(p, 'gedcom_NOTE'), ' - pentru dosarul de succesiune\n2 CONT tel. ', PHL(p, 'nat', 'gedcom_NOTE_CONT'), '\n')
        D.add('1 FAMS @F%d@\n' % ((i + 1) // 2))
        D.add('1 RIN MH:I%d\n1 _UID ' % (500000 + i), N(rs('0123456789ABCDEF', 32), 'secret', 'neg_gedcom_uid_hex') if i == 4 else rs('0123456789ABCDEF', 32), '\n')
    for f in range(1, 10):
        D.add('0 @F%d@ FAM\n1 HUSB @I%d@\n1 WIFE @I%d@\n1 MARR\n2 DATE ' % (f, 2 * f - 1, 2 * f), NDOB(gdate(bdate(1930, 2015)), 'gedcom_MARR_DATE'), '\n')
    D.add('0 TRLR\n')

# ---------------------------------------------------------------- notebooks
TH_MON = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.']


def be_date(b):
    return '%d %s %d' % (b.day, TH_MON[b.month - 1], b.year + 543)


def src_lines(*lines):
    """Notebook `source` / output text: a list of strings, each line ending in \\n except the last."""
    out = []
    for i, ln in enumerate(lines):
        ln = ln if isinstance(ln, list) else [ln]
        out.append(T(*ln, '\n') if i < len(lines) - 1 else T(*ln))
    return out


def pad(parts, w):
    return list(parts) + [' ' * max(1, w - len(plain(parts)))]


def f_ipynb_thai_ocr():
    """Colab notebook: Thai ID-card OCR eval; DataFrame outputs (HTML + text), key in a cell, ANSI traceback."""
    D = Doc('notebooks/th_idcard_ocr_eval_v2.ipynb')
    owner = subject('th_TH', domain='siam-vision.co.th')
    azk = sec('azure_key')
    rows = []
    for j in range(5):
        p = subject('th_TH')
        rows.append((p, g_thpin(), be_date(p.dob), address('th_TH'), round(R.uniform(0.71, 0.99), 3)))
    html = ['<div>\n', '<style scoped>\n', '    .dataframe tbody tr th:only-of-type {\n', '        vertical-align: middle;\n', '    }\n', '</style>\n',
            '<table border="1" class="dataframe">\n', '  <thead>\n', '    <tr style="text-align: right;">\n', '      <th></th>\n', '      <th>scan_id</th>\n', '      <th>name_th</th>\n',
            '      <th>id_number</th>\n', '      <th>dob_be</th>\n', '      <th>address</th>\n', '      <th>conf</th>\n', '    </tr>\n', '  </thead>\n', '  <tbody>\n']
    txt = [T('   scan_id                name_th          id_number        dob_be  conf\n')]
    for j, (p, pin, dob, a, conf) in enumerate(rows):
        sid = 'scan_%05d' % R.randint(1, 99999)
        html += [T('    <tr>\n'), T('      <th>%d</th>\n' % j), T('      <td>%s</td>\n' % sid), T('      <td>', NM(p, 'ipynb_html_td'), '</td>\n'),
                 T('      <td>', ID('th.pin', pin, 'th_pin_ipynb_html_td'), '</td>\n'), T('      <td>', DOBL(dob, 'ipynb_html_td_buddhist_era'), '</td>\n'),
                 T('      <td>', AD('th_TH', 'ipynb_html_td', v=xe(a)), '</td>\n'), T('      <td>%.3f</td>\n' % conf), T('    </tr>\n')]
        txt.append(T('%d  %s  ' % (j, sid), NM(p, 'ipynb_text_plain_repr'), '  ', ID('th.pin', pin, 'th_pin_ipynb_text_plain_repr'), '  ', DOBL(dob, 'ipynb_text_plain_buddhist_era'),
                     '  %.3f' % conf, '\n' if j < 4 else ''))
    html += ['  </tbody>\n', '</table>\n', '</div>']
    gk = sec('google')
    ansi_tb = ['\u001b[0;31m---------------------------------------------------------------------------\u001b[0m',
               '\u001b[0;31mHTTPError\u001b[0m                                 Traceback (most recent call last)',
               '\u001b[0;32m<ipython-input-7-3f1c2a9d8b4e>\u001b[0m in \u001b[0;36m<cell line: 3>\u001b[0;34m()\u001b[0m\n\u001b[1;32m      1\u001b[0m \u001b[0mresp\u001b[0m \u001b[0;34m=\u001b[0m \u001b[0mrequests\u001b[0m\u001b[0;34m.\u001b[0m\u001b[0mpost\u001b[0m\u001b[0;34m(\u001b[0m\u001b[0mVISION_URL\u001b[0m\u001b[0;34m,\u001b[0m \u001b[0mjson\u001b[0m\u001b[0;34m=\u001b[0m\u001b[0mbody\u001b[0m\u001b[0;34m)\u001b[0m\u001b[0;34m\u001b[0m\u001b[0;34m\u001b[0m\u001b[0m\n',
               T('\u001b[0;31mHTTPError\u001b[0m: 403 Client Error: Forbidden for url: https://vision.googleapis.com/v1/images:annotate?key=', SEC(gk, 'secret_ipynb_error_traceback_ansi_google_key'))]
    hf = sec('hf')
    whoami = T('{"type":"user","id":"', rs(HEX, 24), '","name":"', rs(LO, 8), '","fullname":"', NM(owner, 'ipynb_stream_whoami_json'), '","email":"', EM(owner, 'ipynb_stream_whoami_json'),
               '","emailVerified":true,"plan":"pro","auth":{"type":"access_token","accessToken":{"displayName":"colab","role":"write"}}}\n')
    nb = {'cells': [
        {'cell_type': 'markdown', 'metadata': {'id': rs(ALNUM, 12)}, 'source': src_lines('# Thai ID card OCR – eval v2', '', ['Owner: ', NM(owner, 'ipynb_markdown_owner'), ' (', EM(owner, 'ipynb_markdown_owner_company'), ')'],
                                                                                         ['Eval set: 200 scans, labelled ', NDOB('2024-02-27', 'ipynb_markdown_labelled_date')])},
        {'cell_type': 'code', 'execution_count': 1, 'metadata': {'id': rs(ALNUM, 12)}, 'outputs': [],
         'source': src_lines('import os, requests, pandas as pd', ['os.environ["AZURE_OPENAI_API_KEY"] = "', SEC(azk, 'secret_ipynb_source_azure_openai_key_hex32'), '"'],
                             'os.environ["AZURE_OPENAI_ENDPOINT"] = "https://siam-ocr-eval.openai.azure.com/"',
                             ['# old key, revoked? ', SEC(rs(HEX, 32), 'secret_ipynb_source_commented_old_key')], ['HF_TOKEN = "', SEC(hf, 'secret_ipynb_source_hf_token'), '"'])},
        {'cell_type': 'code', 'execution_count': 2, 'metadata': {'id': rs(ALNUM, 12)},
         'outputs': [{'output_type': 'stream', 'name': 'stdout', 'text': [whoami]}],
         'source': src_lines(['!curl -s -H "Authorization: Bearer ', SEC(hf, 'secret_ipynb_source_shell_bearer'), '" https://huggingface.co/api/whoami-v2'])},
        {'cell_type': 'code', 'execution_count': 5, 'metadata': {'id': rs(ALNUM, 12)},
         'outputs': [{'output_type': 'execute_result', 'execution_count': 5, 'metadata': {}, 'data': {'text/html': html, 'text/plain': txt}}],
         'source': src_lines('df = pd.read_parquet("gs://siam-vision-eval/th_idcard/v2/preds.parquet")', 'df.head()')},
        {'cell_type': 'code', 'execution_count': 7, 'metadata': {'id': rs(ALNUM, 12)},
         'outputs': [{'output_type': 'error', 'ename': 'HTTPError', 'evalue': T('403 Client Error: Forbidden for url: https://vision.googleapis.com/v1/images:annotate?key=', SEC(gk, 'secret_ipynb_error_evalue_google_key')),
                      'traceback': [T(x) if isinstance(x, str) else x for x in ansi_tb]}],
         'source': src_lines('resp = requests.post(VISION_URL, json=body)', 'resp.raise_for_status()')},
        {'cell_type': 'code', 'execution_count': 8, 'metadata': {'id': rs(ALNUM, 12)},
         'outputs': [{'output_type': 'stream', 'name': 'stdout', 'text': src_lines(['model sha256: ', N(sha256(), 'secret', 'neg_sha256_model_hash_ipynb')], 'cer=0.041  wer=0.087',
                                                                                 ['run id ', N(uid(), 'secret', 'neg_uuid_run_id_ipynb')], '')}],
         'source': src_lines('print(f"model sha256: {model_hash}")', 'print(metrics)')},
    ], 'metadata': {'colab': {'provenance': [], 'authorship_tag': 'ABX9Ty' + rs(ALNUM, 20)}, 'kernelspec': {'display_name': 'Python 3', 'name': 'python3'},
                    'language_info': {'name': 'python'}}, 'nbformat': 4, 'nbformat_minor': 0}
    D.add(J(nb, indent=1), '\n')


def f_ipynb_indonesia():
    """Jupyter notebook (VS Code) for credit scoring features: %env key, stream with a DSN, display() output."""
    D = Doc('notebooks/kredit_scoring_fitur_v4.ipynb')
    okey = sec('openai')
    pw = password()
    rows = [subject('id_ID') for _ in range(6)]
    tp = [T('          nama               nik                 npwp        no_hp                        email\n')]
    for j, p in enumerate(rows):
        k = j % 3
        tp.append(T('%d  ' % j, NM(p, 'ipynb_display_text_plain'), '  ', NIDL(p, 'ipynb_display_text_plain'), '  ',
                    ID('id.npwp', g_npwp(), 'id_npwp_ipynb_display_text_plain') if k != 1 else N('XX.XXX.XXX.X-XXX.XXX', 'national_id', 'neg_npwp_mask_placeholder_ipynb'),
                    '  ', PHL(p, 'nat', 'ipynb_display_text_plain'), '  ', EM(p, 'ipynb_display_text_plain'), '\n' if j < 5 else ''))
    nb = {'cells': [
        {'cell_type': 'code', 'execution_count': 1, 'id': rs(HEX, 8), 'metadata': {}, 'outputs': [{'output_type': 'stream', 'name': 'stdout', 'text': [T('env: OPENAI_API_KEY=', SEC(okey, 'secret_ipynb_env_magic_echo'), '\n')]}],
         'source': src_lines(['%env OPENAI_API_KEY=', SEC(okey, 'secret_ipynb_env_magic_source')])},
        {'cell_type': 'code', 'execution_count': 2, 'id': rs(HEX, 8), 'metadata': {},
         'outputs': [{'output_type': 'stream', 'name': 'stdout', 'text': [T('connecting to postgresql://analyst:', SEC(pw, 'secret_ipynb_stream_dsn_password'), '@10.12.4.21:5432/kredit\n')]}],
         'source': src_lines(['DSN = f"postgresql://analyst:{os.environ[\'PGPASSWORD\']}@10.12.4.21:5432/kredit"'], 'print("connecting to", DSN.replace(" ", ""))')},
        {'cell_type': 'code', 'execution_count': 3, 'id': rs(HEX, 8), 'metadata': {},
         'outputs': [{'output_type': 'display_data', 'metadata': {}, 'data': {'text/plain': tp}}],
         'source': src_lines("display(df[['nama', 'nik', 'npwp', 'no_hp', 'email']].sample(6, random_state=42))")},
        {'cell_type': 'markdown', 'id': rs(HEX, 8), 'metadata': {},
         'source': src_lines('## Catatan', ['Data dari tim collection (kontak: ', NM(rows[0], 'ipynb_markdown_contact'), ', ', PHL(rows[0], 'intl', 'ipynb_markdown_contact'), ').'],
                             ['Jangan commit file `.env`; contoh isi: `OPENAI_API_KEY=', SEC('sk-xxxxxxxxxxxxxxxxxxxxxxxx', 'neg_placeholder_key_ipynb_markdown', pos=False), '`'])},
        {'cell_type': 'code', 'execution_count': 4, 'id': rs(HEX, 8), 'metadata': {},
         'outputs': [{'output_type': 'stream', 'name': 'stdout', 'text': src_lines(['Successfully installed lightgbm-4.3.0 scikit-learn-1.4.1.post1 xgboost-', N(ver(), 'ip', 'neg_ip_like_version_pip_ipynb')],
                                                                                 ['AUC valid: 0.8%d, KS: 0.4%d' % (R.randint(100, 999), R.randint(10, 99))], '')}],
         'source': src_lines('!pip install -q lightgbm scikit-learn xgboost', 'train_and_eval(df)')},
    ], 'metadata': {'kernelspec': {'display_name': '.venv', 'language': 'python', 'name': 'python3'}, 'language_info': {'name': 'python', 'version': '3.11.7'}},
        'nbformat': 4, 'nbformat_minor': 5}
    D.add(J(nb, indent=1), '\n')


# ---------------------------------------------------------------- web
def ent(s, mode):
    """HTML entity obfuscation used by CMS e-mail protection plugins."""
    if mode == 'dec':
        return s.replace('@', '&#64;').replace('.', '&#46;')
    if mode == 'hex':
        return s.replace('@', '&#x40;')
    return ''.join('&#%d;' % ord(c) for c in s)


def f_html_staff_ua():
    """Scraped Ukrainian university department staff page: '[at]' obfuscation, &#64; entities, tel: links."""
    D = Doc('web/scrape/univ.kyiv.ua/kafedra-kompiuternoi-linhvistyky/spivrobitnyky.html')
    D.add('<!DOCTYPE html>\n<html lang="uk">\n<head>\n<meta charset="UTF-8">\n<meta name="generator" content="WordPress 6.4.3">\n<title>Співробітники – Кафедра комп’ютерної лінгвістики</title>\n'
          '<script async src="https://www.googletagmanager.com/gtag/js?id=G-', rs(UP + DIG, 10), '"></script>\n</head>\n<body class="page-template-default">\n<main id="content">\n<h1>Співробітники кафедри</h1>\n'
          '<p>Секретар кафедри: тел. <a href="tel:+380442393341">+38 (044) 239-33-41</a>, <a href="mailto:kcl@univ.kyiv.ua">kcl@univ.kyiv.ua</a></p>\n')
    roles = ['Завідувач кафедри, д.філол.н., професор', 'Професор', 'Доцент, к.техн.н.', 'Доцент', 'Старший викладач', 'Асистент', 'Аспірант']
    for i in range(14):
        p = subject('uk_UA')
        local = latin(p.first)[:1] + '.' + latin(p.last)
        em = local + '@univ.kyiv.ua'
        k = i % 5
        D.add('<div class="staff-card" itemscope itemtype="https://schema.org/Person">\n  <img src="/wp-content/uploads/2023/09/', rs(LO + DIG, 10), '.jpg" alt="', NM(p, 'html_img_alt'), '">\n'
              '  <h3 itemprop="name">', NM(p, 'html_staff_h3'), '</h3>\n  <p class="position" itemprop="jobTitle">', roles[i % len(roles)], '</p>\n')
        if k == 0:
            D.add('  <p>E-mail: <span class="obf">', P(em.replace('@', ' [at] ').replace('.', ' [dot] '), 'email', 'email_html_at_dot_obfuscated'), '</span></p>\n')
        elif k == 1:
            e = ent(em, 'dec')
            D.add('  <p>E-mail: <a href="mailto:', P(e, 'email', 'email_html_mailto_dec_entities'), '">', P(e, 'email', 'email_html_text_dec_entities'), '</a></p>\n')
        elif k == 2:
            D.add('  <p>E-mail: <a href="mailto:', P(em, 'email', 'email_html_mailto_plain'), '" itemprop="email">', P(em, 'email', 'email_html_link_text'), '</a></p>\n')
        elif k == 3:
            D.add('  <p>E-mail: <a href="#" class="__cf_email__" data-cfemail="', rs(HEX, 40), '">[email&#160;protected]</a></p>\n')
        else:
            D.add('  <p>E-mail: ', P(ent(em, 'all'), 'email', 'email_html_all_char_entities'), '</p>\n')
        n = phone_num('UA', 'f' if i % 2 else 'm')
        D.add('  <p>Тел.: <a href="tel:', PH('UA', 'e164', 'phone_ua_html_tel_href', n=n), '" itemprop="telephone">', PH('UA', 'nat', 'phone_ua_html_link_text', n=n), '</a>, ауд. ', str(R.randint(100, 420)), '</p>\n')
        orc = '0000-000%d-%04d-%04d' % (R.randint(1, 3), R.randint(0, 9999), R.randint(0, 9999))
        D.add('  <p>ORCID: <a href="https://orcid.org/', orc, '">', negv(orc, 'phone', 'neg_phone_orcid_html'), '</a></p>\n')
        if i % 4 == 1:
            D.add("  <p class=\"bio\">" + ("Народився " if p.sex == "M" else "Народилася "), DOBL('%d %s %d' % (p.dob.day, ['січня', 'лютого', 'березня', 'квітня', 'травня', 'червня', 'липня', 'серпня', 'вересня', 'жовтня', 'листопада', 'грудня'][p.dob.month - 1], p.dob.year) + ' р.',
                                                                               'html_bio_ukrainian_words'), ' у м. Житомир. Захист дисертації – ', NDOB(str(R.randint(2005, 2020)) + ' р.', 'html_bio_defence_year'), '</p>\n')
        D.add('</div>\n')
    D.add('</main>\n<footer><p>&copy; 2024 Кафедра комп’ютерної лінгвістики. вул. Володимирська, 60, Київ, 01033</p></footer>\n</body>\n</html>\n')


def f_html_lawfirm_tr():
    """Turkish law firm contact page: tel:/mailto: links, &amp; / &#x40; entities, JSON-LD, maps embed."""
    D = Doc('web/scrape/ozturk-kaya-hukuk.com.tr/iletisim/index.html')
    a, b, c = subject('tr_TR', domain='ozturkkaya.av.tr'), subject('tr_TR', domain='ozturkkaya.av.tr'), subject('tr_TR', domain='ozturkkaya.av.tr')
    addr = address('tr_TR')
    office = phone_num('TR', 'f')
    lat, lon = R.uniform(40.95, 41.1), R.uniform(28.8, 29.1)
    ld = {'@context': 'https://schema.org', '@type': 'LegalService', 'name': 'Öztürk & Kaya Hukuk Bürosu', 'telephone': PH('TR', 'intl', 'phone_tr_html_jsonld_telephone', n=office),
          'email': P('info@ozturkkaya.av.tr', 'email', 'email_html_jsonld_business'), 'address': {'@type': 'PostalAddress', 'streetAddress': AD('tr_TR', 'html_jsonld_streetAddress', v=addr.split(', ')[0]),
                                                                                                   'addressLocality': 'İstanbul', 'postalCode': addr.split(', ')[1][:5], 'addressCountry': 'TR'},
          'geo': {'@type': 'GeoCoordinates', 'latitude': round(lat, 6), 'longitude': round(lon, 6)},
          'founder': [{'@type': 'Person', 'name': NM(a, 'html_jsonld_founder')}, {'@type': 'Person', 'name': NM(b, 'html_jsonld_founder')}]}
    D.add('<!doctype html>\n<html lang="tr">\n<head>\n<meta charset="utf-8">\n<title>İletişim | Öztürk &amp; Kaya Hukuk Bürosu</title>\n<script type="application/ld+json">\n', J(ld, indent=2), '\n</script>\n</head>\n<body>\n')
    D.add('<section class="contact">\n<h1>İletişim</h1>\n<address>\nÖztürk &amp; Kaya Hukuk Bürosu<br>\n', AD('tr_TR', 'html_address_element', v=xe(addr)), '<br>\n'
          'Tel: <a href="tel:', PH('TR', 'e164', 'phone_tr_html_tel_href', n=office), '">', PH('TR', 'nat', 'phone_tr_html_link_text_landline', n=office), '</a><br>\n'
          'E-posta: <a href="mailto:info&#x40;ozturkkaya.av.tr">', P('info&#x40;ozturkkaya.av.tr', 'email', 'email_html_hex_entity_business'), '</a>\n</address>\n')
    D.add('<h2>Avukatlarımız</h2>\n<ul class="team">\n')
    for p, title in ((a, 'Kurucu Ortak'), (b, 'Kurucu Ortak'), (c, 'Avukat')):
        mob = phone_num('TR')
        D.add('<li><strong>Av. ', NM(p, 'html_team_li'), '</strong> – ', title, ' (İstanbul Barosu Sicil No: ', str(R.randint(20000, 69999)), ')<br>\n  GSM: <a href="tel:',
              PH('TR', 'e164', 'phone_tr_html_tel_href_mobile', n=mob), '">', PH('TR', 'nat', 'phone_tr_html_link_text_mobile', n=mob), '</a> · <a href="mailto:',
              P(ent(p.email, 'hex'), 'email', 'email_html_mailto_hex_entity'), '">', P(ent(p.email, 'hex'), 'email', 'email_html_text_hex_entity'), '</a></li>\n')
    D.add('</ul>\n<form action="/iletisim/gonder" method="post">\n<input type="hidden" name="_token" value="', rs(ALNUM, 40), '">\n<input type="text" name="ad_soyad" placeholder="',
          N('Adınız Soyadınız', 'name', 'neg_name_form_placeholder_html'), '">\n<input type="email" name="eposta" placeholder="', N('ornek@example.com', 'email', 'neg_email_placeholder_html'), '">\n'
          '<input type="tel" name="telefon" placeholder="', N('05XX XXX XX XX', 'phone', 'neg_phone_mask_placeholder_html'), '">\n'
          '<div class="g-recaptcha" data-sitekey="', SEC('6Le' + rs(ALNUM + '_-', 37), 'neg_recaptcha_site_key_public_html', pos=False), '"></div>\n</form>\n')
    D.add('<iframe src="https://www.google.com/maps/embed?pb=!1m18!1m12!1m3!1d3010.2!2d', '%.6f' % lon, '!3d', '%.6f' % lat, '!2m3!1f0!2f0!3f0" width="600" height="450" loading="lazy"></iframe>\n'
          '<p class="coords" data-lat="', negv('%.6f' % lat, 'phone', 'neg_phone_latitude_attr_html'), '" data-lng="', '%.6f' % lon, '"></p>\n')
    D.add('<footer>© 2024 Öztürk &amp; Kaya · KVKK Aydınlatma Metni · v', N(ver(), 'ip', 'neg_ip_like_theme_version_html'), '</footer>\n</body>\n</html>\n')


def f_xls_html_ro():
    """An 'Excel' export that is really HTML (CRM report saved as .xls), Romanian customers."""
    D = Doc('exports/crm/Raport_Clienti_Martie2024.xls')
    D.add('<html xmlns:o="urn:schemas-microsoft-com:office:office"\nxmlns:x="urn:schemas-microsoft-com:office:excel"\nxmlns="http://www.w3.org/TR/REC-html40">\n<head>\n'
          '<meta http-equiv=Content-Type content="text/html; charset=utf-8">\n<meta name=ProgId content=Excel.Sheet>\n<meta name=Generator content="Microsoft Excel 15">\n'
          '<style>\n<!--table\n\t{mso-displayed-decimal-separator:"\\,";\n\tmso-displayed-thousand-separator:"\\.";}\n.xl65\n\t{mso-number-format:"\\@";}\n.xl66\n\t{mso-number-format:"dd\\.mm\\.yyyy";}\n-->\n</style>\n'
          '<!--[if gte mso 9]><xml>\n <x:ExcelWorkbook>\n  <x:ExcelWorksheets>\n   <x:ExcelWorksheet>\n    <x:Name>Clienti</x:Name>\n   </x:ExcelWorksheet>\n  </x:ExcelWorksheets>\n </x:ExcelWorkbook>\n</xml><![endif]-->\n'
          '</head>\n<body link="#0563C1" vlink="#954F72">\n<table border=0 cellpadding=0 cellspacing=0 width=1480 style=\'border-collapse:collapse;table-layout:fixed\'>\n')
    hdr = ['Nr.', 'Nume și prenume', 'CNP', 'Data nașterii', 'Telefon', 'E-mail', 'Adresă', 'Oraș', 'IBAN', 'Sold (lei)', 'Agent']
    D.add(' <tr height=20 style=\'height:15.0pt\'>\n', ''.join('  <td class=xl67>%s</td>\n' % xe(h) for h in hdr), ' </tr>\n')
    agent = subject('ro_RO', domain='credit-rapid.ro')
    for i in range(1, 19):
        p = subject('ro_RO')
        k = i % 7
        a = address('ro_RO')
        street, city = (a.rsplit(', ', 2)[0], ', '.join(a.rsplit(', ', 2)[1:])) if a.count(', ') >= 2 else (a, '')
        cnp = NIDL(p, 'xls_html_td_text_format') if k != 3 else NEGID(p, 'xls_html')
        D.add(' <tr height=20 style=\'height:15.0pt\'>\n  <td align=right>%d</td>\n  <td>' % i, NM(p, 'xls_html_td'), '</td>\n  <td class=xl65>', cnp, '</td>\n  <td class=xl66 align=right>',
              DOBL(p.dob.strftime('%d.%m.%Y'), 'xls_html_td_ro') if k != 5 else '', '</td>\n  <td class=xl65>', PHL(p, pick(['nat', 'nat_digits', 'intl']), 'xls_html_td'), '</td>\n  <td>',
              EM(p, 'xls_html_td') if k != 2 else N(neg_email(), 'email', 'neg_email_reserved_xls_html'), '</td>\n  <td>', AD('ro_RO', 'xls_html_td_street', v=xe(street)), '</td>\n  <td>', xe(city),
              '</td>\n  <td class=xl65>', IBL('RO', 'xls_html_td', grouped=(k % 2 == 0)) if k != 6 else NEGIB('RO', 'xls_html'), '</td>\n  <td align=right>%s</td>\n  <td>' % ('{:,.2f}'.format(R.uniform(-5000, 30000)).replace(',', 'X').replace('.', ',').replace('X', '.')),
              NM(agent, 'xls_html_agent'), '</td>\n </tr>\n')
    D.add(' <![if supportMisalignedColumns]>\n <tr height=0 style=\'display:none\'>\n', '  <td width=64 style=\'width:48pt\'></td>\n' * 11, ' </tr>\n <![endif]>\n</table>\n</body>\n</html>\n')


def f_har():
    """Chrome DevTools HAR of an Indonesian marketplace login + checkout (JSON in JSON, urlencoded forms, cookies)."""
    D = Doc('traces/har/www.belanja-kita.co.id_checkout_2024-03-11.har')
    p = subject('id_ID')
    pw = human_password()
    uidn = R.randint(10 ** 7, 10 ** 8)
    tok = jwt({'sub': str(uidn), 'email': p.email, 'iat': 1710151200, 'exp': 1710154800, 'scope': 'buyer'})
    rtok = rs(ALNUM, 64)
    sess = rs(HEX, 48)
    srv = pub_ipv4()
    addr = address('id_ID')
    nph = phone_num('ID')
    card = gen_card('visa')
    t0 = dt.datetime(2024, 3, 11, 3, 12, 44)

    def hdrs(extra):
        return [{'name': ':authority', 'value': 'www.belanja-kita.co.id'}, {'name': 'accept', 'value': 'application/json, text/plain, */*'},
                {'name': 'user-agent', 'value': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36'}] + extra

    def entry(i, method, url, req_headers, post=None, resp_text='', status=200, cookies=None):
        e = {'_initiator': {'type': 'script'}, '_priority': 'High', '_resourceType': 'fetch', 'cache': {}, 'connection': str(R.randint(100000, 999999)), 'pageref': 'page_1',
             'request': {'method': method, 'url': url, 'httpVersion': 'http/2.0', 'headers': req_headers, 'queryString': [], 'cookies': cookies or [], 'headersSize': -1,
                         'bodySize': len(plain(post['text'])) if post else 0}, 'response': {'status': status, 'statusText': '', 'httpVersion': 'http/2.0',
                                                                                           'headers': [{'name': 'content-type', 'value': 'application/json; charset=utf-8'}],
                                                                                           'cookies': [], 'content': {'size': len(plain(resp_text)), 'mimeType': 'application/json', 'text': resp_text},
                                                                                           'redirectURL': '', 'headersSize': -1, 'bodySize': -1, '_transferSize': R.randint(300, 3000), '_error': None},
             'serverIPAddress': P(srv, 'ip', 'ip_har_server_ip_address') if i == 0 else srv, 'startedDateTime': (t0 + dt.timedelta(seconds=i * 3)).strftime('%Y-%m-%dT%H:%M:%S.') + '%03dZ' % R.randint(0, 999),
             'time': round(R.uniform(40, 900), 3), 'timings': {'blocked': round(R.uniform(0.5, 5), 3), 'dns': -1, 'ssl': -1, 'connect': -1, 'send': 0.2, 'wait': round(R.uniform(30, 800), 3), 'receive': 1.1}}
        if post:
            e['request']['postData'] = post
        return e
    login_body = T(*J({'email': EM(p, 'har_postdata_json_in_json'), 'password': SEC(pw, 'secret_har_postdata_json_password'), 'remember': True}, seps=(',', ':')))
    login_resp = T(*J({'access_token': SEC(tok, 'secret_har_response_jwt_access_token'), 'refresh_token': SEC(rtok, 'secret_har_response_refresh_token'), 'expires_in': 3600,
                       'user': {'id': uidn, 'name': NM(p, 'har_response_json_in_json'), 'phone': PH('ID', 'e164', 'phone_id_har_response_json_in_json', n=nph)}}, seps=(',', ':')))
    me_resp = T(*J({'id': uidn, 'name': NM(p, 'har_response_me'), 'email': EM(p, 'har_response_me'), 'birth_date': DOBL(p.dob.isoformat(), 'har_response_me'),
                    'nik': NIDL(p, 'har_response_me'), 'addresses': [{'label': 'Rumah', 'recipient': NM(p, 'har_response_me_recipient'), 'phone': PH('ID', 'nat', 'phone_id_har_response_me', n=nph),
                                                                       'full_address': AD('id_ID', 'har_response_me', v=addr)}]}, seps=(',', ':')))
    form_txt = T('recipient=', P(quote_plus(p.full), 'name', 'name_har_form_urlencoded_plus'), '&phone=', P(quote_plus(pfmt(nph, 'intl')), 'phone', 'phone_id_har_form_urlencoded'),
                 '&address=', P(quote_plus(addr), 'address', 'address_har_form_urlencoded'), '&card_number=', CARD(card, 'card_visa_har_form_urlencoded'), '&exp=0' + str(R.randint(1, 9)) + '%2F2' + str(R.randint(6, 9)),
                 '&cvv=', d(3), '&email=', P(quote(p.email, safe=''), 'email', 'email_har_form_urlencoded_at'))
    form_params = [{'name': 'recipient', 'value': NM(p, 'har_params_decoded')}, {'name': 'phone', 'value': PH('ID', 'intl', 'phone_id_har_params_decoded', n=nph)},
                   {'name': 'address', 'value': AD('id_ID', 'har_params_decoded', v=addr)}, {'name': 'card_number', 'value': CARD(card, 'card_visa_har_params_decoded')},
                   {'name': 'email', 'value': EM(p, 'har_params_decoded')}]
    entries = [
        entry(0, 'POST', 'https://www.belanja-kita.co.id/api/v3/auth/login', hdrs([{'name': 'content-type', 'value': 'application/json'}]),
              {'mimeType': 'application/json', 'text': login_body}, login_resp),
        entry(1, 'GET', 'https://www.belanja-kita.co.id/api/v3/me', hdrs([{'name': 'authorization', 'value': T('Bearer ', SEC(tok, 'secret_har_request_authorization_bearer'))},
                                                                           {'name': 'cookie', 'value': T('_ga=GA1.1.%d.1710151200; bk_session=' % R.randint(10 ** 8, 10 ** 9), SEC(sess, 'secret_har_cookie_header_session'))}]),
              None, me_resp, cookies=[{'name': '_ga', 'value': 'GA1.1.%d.1710151200' % R.randint(10 ** 8, 10 ** 9)}, {'name': 'bk_session', 'value': SEC(sess, 'secret_har_cookies_array_session')}]),
        entry(2, 'POST', 'https://www.belanja-kita.co.id/checkout/submit', hdrs([{'name': 'content-type', 'value': 'application/x-www-form-urlencoded'}]),
              {'mimeType': 'application/x-www-form-urlencoded', 'text': form_txt, 'params': form_params},
              T('{"order_id":"', N('BK%s%06d' % (t0.strftime('%y%m%d'), R.randint(1, 999999)), 'phone', 'neg_phone_order_id_har'), '","status":"PENDING_PAYMENT","va_number":"8808', d(12), '"}')),
        entry(3, 'GET', 'https://www.belanja-kita.co.id/api/v3/promo?code=RAMADAN24', hdrs([]), None, T('{"valid":false,"request_id":"', N(uid(), 'secret', 'neg_uuid_request_id_har'), '"}'), status=404),
    ]
    har = {'log': {'version': '1.2', 'creator': {'name': 'WebInspector', 'version': '537.36'}, 'pages': [{'startedDateTime': t0.strftime('%Y-%m-%dT%H:%M:%S.000Z'), 'id': 'page_1',
                                                                                                        'title': 'https://www.belanja-kita.co.id/checkout', 'pageTimings': {'onContentLoad': 812.4, 'onLoad': 1530.2}}],
                   'entries': entries}}
    D.add(J(har, indent=2), '\n')


def f_postman():
    """Postman v2.1 collection: bearer auth, collection variables, raw JSON bodies (JSON in a JSON string)."""
    D = Doc('api/postman/Payouts API (ZA + GCC).postman_collection.json')
    live = 'sk_live_' + rs(ALNUM, 32)
    za, sa = subject('en_ZA'), subject('ar_SA')
    body_za = T('{\n    "beneficiary": {\n        "name": "', NM(za, 'postman_raw_body_escaped'), '",\n        "id_number": "', NIDL(za, 'postman_raw_body_escaped'),
                '",\n        "mobile": "', PHL(za, 'intl', 'postman_raw_body_escaped'), '",\n        "email": "', EM(za, 'postman_raw_body_escaped'),
                '"\n    },\n    "account": {"bank": "FNB", "branch_code": "250655", "account_number": "62', d(9), '"},\n    "amount": 1250.00,\n    "currency": "ZAR",\n    "reference": "',
                N('INV-2024-%05d' % R.randint(1, 99999), 'phone', 'neg_phone_invoice_ref_postman'), '"\n}')
    body_sa = T('{\n    "beneficiary": {\n        "name": "', NM(sa, 'postman_raw_body_arabic'), '",\n        "iban": "', IBL('SA', 'postman_raw_body_escaped'), '",\n        "mobile": "',
                PHL(sa, 'e164', 'postman_raw_body_escaped'), '",\n        "address": "', AD('ar_SA', 'postman_raw_body_arabic'), '"\n    },\n    "amount": 3400,\n    "currency": "SAR"\n}')
    col = {'info': {'_postman_id': uid(), 'name': 'Payouts API (ZA + GCC)', 'schema': 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json', '_exporter_id': str(R.randint(10 ** 7, 10 ** 8))},
           'item': [{'name': 'Create payout – ZA', 'request': {'method': 'POST', 'header': [{'key': 'Content-Type', 'value': 'application/json'},
                                                                                           {'key': 'Idempotency-Key', 'value': N(uid(), 'secret', 'neg_uuid_idempotency_key_postman')}],
                                                              'body': {'mode': 'raw', 'raw': body_za, 'options': {'raw': {'language': 'json'}}},
                                                              'url': {'raw': '{{baseUrl}}/v1/payouts', 'host': ['{{baseUrl}}'], 'path': ['v1', 'payouts']}},
                     'response': [{'name': '201 Created', 'originalRequest': {'method': 'POST', 'header': [], 'url': {'raw': '{{baseUrl}}/v1/payouts'}}, 'status': 'Created', 'code': 201,
                                   'header': [], 'body': T('{"id":"po_', rs(ALNUM, 24), '","status":"queued","created":"', NDOB('2024-03-11T09:12:44Z', 'postman_response_created'), '"}')}]},
                    {'name': 'Create payout – KSA', 'request': {'method': 'POST', 'header': [{'key': 'X-Api-Key', 'value': SEC('{{api_key}}', 'neg_postman_variable_reference', pos=False)}],
                                                                'body': {'mode': 'raw', 'raw': body_sa, 'options': {'raw': {'language': 'json'}}},
                                                                'url': {'raw': '{{baseUrl}}/v1/payouts', 'host': ['{{baseUrl}}'], 'path': ['v1', 'payouts']}}, 'response': []},
                    {'name': 'Create payout – sandbox example', 'request': {'method': 'POST', 'header': [],
                                                                          'body': {'mode': 'raw', 'raw': T('{\n    "beneficiary": {\n        "name": "', N('John Doe', 'name', 'neg_name_placeholder_john_doe_postman'),
                                                                                                           '",\n        "email": "', N('jane.doe@example.com', 'email', 'neg_email_reserved_postman'),
                                                                                                           '",\n        "address": "', N('123 Main Street, Anytown, 0000', 'address', 'neg_address_placeholder_postman'),
                                                                                                           '",\n        "mobile": "', N(neg_phone_fict('US'), 'phone', 'neg_phone_us_555_01xx_postman'), '"\n    }\n}'),
                                                                                   'options': {'raw': {'language': 'json'}}},
                                                                          'url': {'raw': '{{baseUrl}}/v1/payouts?dry_run=true'}}, 'response': []},
                    {'name': 'Webhook test', 'request': {'method': 'POST', 'header': [{'key': 'Authorization', 'value': T('Basic ', SEC(base64.b64encode(('hooks:' + password()).encode()).decode(), 'secret_postman_basic_auth_b64'))}],
                                                         'url': {'raw': 'https://hooks.payouts-za.co.za/test?token=' + 'x' * 8}}, 'response': []}],
           'auth': {'type': 'bearer', 'bearer': [{'key': 'token', 'value': SEC(live, 'secret_postman_collection_bearer_live'), 'type': 'string'}]},
           'variable': [{'key': 'baseUrl', 'value': 'https://api.payouts-za.co.za', 'type': 'string'}, {'key': 'api_key', 'value': SEC(sec('stripe'), 'secret_postman_variable_api_key'), 'type': 'string'},
                        {'key': 'sandbox_key', 'value': SEC('sk_test_' + rs(ALNUM, 24), 'secret_postman_variable_test_key'), 'type': 'string'},
                        {'key': 'test_card', 'value': '4242 4242 4242 4242', 'type': 'string'}, {'key': 'placeholder', 'value': SEC('<paste-your-key>', 'neg_placeholder_postman_variable', pos=False), 'type': 'string'}]}
    D.add(J(col, indent=4), '\n')

# ---------------------------------------------------------------- XML
def f_xml_eshop_cz():
    """Czech / Slovak e-shop customer export (Shoptet-like): CDATA, attributes, DIČ, notes."""
    D = Doc('exports/xml/eshop_zakaznici_2024-03-11.xml')
    D.add('<?xml version="1.0" encoding="utf-8"?>\n<CUSTOMERS xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" exported="2024-03-11T04:00:02+01:00" count="22">\n')
    for i in range(22):
        loc = 'cs_CZ' if i % 4 else 'sk_SK'
        p = subject(loc)
        k = i % 6
        rc = nid_of(p)
        D.add('  <CUSTOMER id="%d">\n    <GUID>' % (10400 + i), N(uid(), 'secret', 'neg_uuid_guid_xml') if k == 0 else uid(), '</GUID>\n    <CREATION_TIME>',
              NDOB(rts().strftime('%Y-%m-%d %H:%M:%S'), 'xml_creation_time') if k == 1 else rts().strftime('%Y-%m-%d %H:%M:%S'), '</CREATION_TIME>\n    <BILLING_ADDRESS>\n')
        a = address(loc)
        street, rest = (a.split(', ', 1) + [''])[:2]
        zipc, city = (rest.split(' ', 2)[0] + ' ' + rest.split(' ', 2)[1], rest.split(' ', 2)[2]) if rest.count(' ') >= 2 and rest[:3].isdigit() else ('', rest)
        D.add('      <FULL_NAME><![CDATA[', NM(p, 'xml_cdata'), ']]></FULL_NAME>\n      <COMPANY/>\n      <STREET><![CDATA[', AD(loc, 'xml_cdata_street', v=street), ']]></STREET>\n'
              '      <CITY>', xe(city), '</CITY>\n      <ZIP>', zipc, '</ZIP>\n      <COUNTRY>', p.region, '</COUNTRY>\n    </BILLING_ADDRESS>\n')
        D.add('    <EMAIL>', EM(p, 'xml_element') if k != 4 else N(neg_email(), 'email', 'neg_email_reserved_xml'), '</EMAIL>\n    <PHONE>', PHL(p, pick(['intl', 'e164']), 'xml_element'), '</PHONE>\n')
        if k in (0, 2, 5):
            D.add('    <BIRTH_DATE>', DOBL(p.dob.isoformat(), 'xml_element'), '</BIRTH_DATE>\n')
        if k in (1, 3):
            D.add('    <ACCOUNT_DETAILS iban="', IBL(p.region, 'xml_attribute') if k == 1 else NEGIB(p.region, 'xml_attribute'), '" bic="', pick(['KOMBCZPP', 'GIBACZPX', 'FIOBCZPP', 'TATRSKBX']), '"/>\n')
        if k == 2 and loc == 'cs_CZ':
            D.add('    <DIC>', ID('cz.dic', 'CZ' + rc.replace('/', ''), 'cz_dic_person_xml_element'), '</DIC>\n')
        if k == 5:
            D.add('    <NOTE><![CDATA[Zákazník volal – doručit na ', AD(loc, 'xml_cdata_note'), ', RČ ', NIDL(p, 'xml_cdata_note'), ', tel. ', PHL(p, 'nat', 'xml_cdata_note'), ' <b>po 17h</b>]]></NOTE>\n')
        elif k == 3:
            D.add('    <NOTE>Platba převodem, VS ', negnum(lambda: d(10), 'national_id', 'neg_variable_symbol_10_digits_xml'), '; RČ z OP nečitelné: ', NEGID(p, 'xml_note'), '</NOTE>\n')
        D.add('    <CUSTOMER_GROUP>Registrovaní</CUSTOMER_GROUP>\n    <NEWSLETTER>%s</NEWSLETTER>\n  </CUSTOMER>\n' % pick(['true', 'false']))
    D.add('</CUSTOMERS>\n')


def f_sepa_pain008():
    """SEPA direct debit initiation (pain.008.001.02) of a Greek fitness club; names Latin uppercase."""
    D = Doc('payments/sepa/pain.008.001.02_synd_2024-04.xml')
    n = 16
    txs = [(subject('el_GR'), round(R.choice([39.9, 45.0, 59.0, 65.5]), 2)) for _ in range(n)]
    total = sum(a for _, a in txs)
    D.add('<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.008.001.02" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n  <CstmrDrctDbtInitn>\n'
          '    <GrpHdr>\n      <MsgId>DD-20240401-', d(6), '</MsgId>\n      <CreDtTm>2024-03-28T10:15:00</CreDtTm>\n      <NbOfTxs>%d</NbOfTxs>\n      <CtrlSum>%.2f</CtrlSum>\n' % (n, total),
          '      <InitgPty>\n        <Nm>ATHLETIC CLUB KIFISIA IKE</Nm>\n      </InitgPty>\n    </GrpHdr>\n    <PmtInf>\n      <PmtInfId>PMT-', d(8), '</PmtInfId>\n      <PmtMtd>DD</PmtMtd>\n'
          '      <NbOfTxs>%d</NbOfTxs>\n      <CtrlSum>%.2f</CtrlSum>\n      <PmtTpInf>\n        <SvcLvl>\n          <Cd>SEPA</Cd>\n        </SvcLvl>\n        <LclInstrm>\n          <Cd>CORE</Cd>\n        </LclInstrm>\n'
          '        <SeqTp>RCUR</SeqTp>\n      </PmtTpInf>\n      <ReqdColltnDt>2024-04-02</ReqdColltnDt>\n      <Cdtr>\n        <Nm>ATHLETIC CLUB KIFISIA IKE</Nm>\n      </Cdtr>\n      <CdtrAcct>\n        <Id>\n'
          '          <IBAN>' % (n, total), gen_iban('GR'), '</IBAN>\n        </Id>\n      </CdtrAcct>\n      <CdtrAgt>\n        <FinInstnId>\n          <BIC>ETHNGRAA</BIC>\n        </FinInstnId>\n      </CdtrAgt>\n'
          '      <ChrgBr>SLEV</ChrgBr>\n      <CdtrSchmeId>\n        <Id>\n          <PrvtId>\n            <Othr>\n              <Id>GR', d(2), 'ZZZ', d(9), '</Id>\n              <SchmeNm>\n                <Prtry>SEPA</Prtry>\n'
          '              </SchmeNm>\n            </Othr>\n          </PrvtId>\n        </Id>\n      </CdtrSchmeId>\n')
    for i, (p, amt) in enumerate(txs):
        k = i % 5
        up = latin(p.first).upper() + ' ' + latin(p.last).upper() if k % 2 else latin(p.last).upper() + ' ' + latin(p.first).upper()
        a = fk('el_GR').address().split('\n')
        D.add('      <DrctDbtTxInf>\n        <PmtId>\n          <EndToEndId>', N('E2E%s%06d' % ('20240402', R.randint(1, 999999)), 'phone', 'neg_phone_end_to_end_id_sepa') if k == 0 else 'E2E20240402%06d' % R.randint(1, 999999),
              '</EndToEndId>\n        </PmtId>\n        <InstdAmt Ccy="EUR">%.2f</InstdAmt>\n        <DrctDbtTx>\n          <MndtRltdInf>\n            <MndtId>MND-%06d</MndtId>\n            <DtOfSgntr>' % (amt, R.randint(1, 999999)),
              NDOB(other_date().isoformat(), 'sepa_mandate_signature_date'), '</DtOfSgntr>\n          </MndtRltdInf>\n        </DrctDbtTx>\n        <DbtrAgt>\n          <FinInstnId>\n            <BIC>',
              pick(['PIRBGRAA', 'ERBKGRAA', 'CRBAGRAA', 'ETHNGRAA']), '</BIC>\n          </FinInstnId>\n        </DbtrAgt>\n        <Dbtr>\n          <Nm>', P(up, 'name', 'name_sepa_dbtr_latin_upper'), '</Nm>\n')
        if k != 3:
            D.add('          <PstlAdr>\n            <Ctry>GR</Ctry>\n            <AdrLine>', AD('el_GR', 'sepa_adrline_1', v=xe(translit(a[0]).upper().rstrip(','))), '</AdrLine>\n            <AdrLine>',
                  xe(translit(a[-1]).upper()), '</AdrLine>\n          </PstlAdr>\n')
        D.add('        </Dbtr>\n        <DbtrAcct>\n          <Id>\n            <IBAN>', IBL('GR', 'sepa_dbtr_iban') if k != 4 else NEGIB('GR', 'sepa_dbtr'), '</IBAN>\n          </Id>\n        </DbtrAcct>\n'
              '        <RmtInf>\n          <Ustrd>', 'SYNDROMI 04/2024 MELOS %d' % R.randint(1000, 9999) if k != 2 else ['SYNDROMI 04/2024 AMKA ', NIDL(p, 'sepa_ustrd_remittance')], '</Ustrd>\n        </RmtInf>\n      </DrctDbtTxInf>\n')
    D.add('    </PmtInf>\n  </CstmrDrctDbtInitn>\n</Document>\n')


FHIR_SYS = {'he_IL': 'http://fhir.health.gov.il/identifier/il-national-id', 'en_ZA': 'http://hl7.org.za/fhir/NamingSystem/za-sa-id-number', 'es_CL': 'http://minsal.cl/fhir/NamingSystem/RUN'}


def f_fhir_xml():
    """FHIR R4 Bundle in XML: Patients (IL / ZA / CL), Practitioners, Encounters."""
    D = Doc('fhir/export/Bundle_patients_IL_ZA_CL_20240311.xml')
    D.add('<?xml version="1.0" encoding="UTF-8"?>\n<Bundle xmlns="http://hl7.org/fhir">\n  <id value="', uid(), '"/>\n  <meta>\n    <lastUpdated value="2024-03-11T06:00:00Z"/>\n  </meta>\n'
          '  <type value="collection"/>\n')
    for i in range(15):
        loc = ['he_IL', 'en_ZA', 'es_CL'][i % 3]
        p = subject(loc)
        k = i % 5
        gp = subject(loc)
        pid = uid()
        D.add('  <entry>\n    <fullUrl value="urn:uuid:', pid, '"/>\n    <resource>\n      <Patient>\n        <id value="', pid, '"/>\n        <identifier>\n          <use value="official"/>\n'
              '          <system value="', FHIR_SYS[loc], '"/>\n          <value value="', NIDL(p, 'fhir_xml_identifier_value_attr') if k != 3 else NEGID(p, 'fhir_xml'), '"/>\n        </identifier>\n'
              '        <name>\n          <use value="official"/>\n          <family value="', NM(p, 'fhir_xml_family', 'last'), '"/>\n          <given value="', NM(p, 'fhir_xml_given', 'first'), '"/>\n'
              '        </name>\n        <telecom>\n          <system value="phone"/>\n          <value value="', PHL(p, pick(['nat', 'intl']), 'fhir_xml_telecom'), '"/>\n          <use value="mobile"/>\n        </telecom>\n')
        if k != 2:
            D.add('        <telecom>\n          <system value="email"/>\n          <value value="', EM(p, 'fhir_xml_telecom'), '"/>\n        </telecom>\n')
        D.add('        <gender value="%s"/>\n' % ('male' if p.sex == 'M' else 'female'), '        <birthDate value="', DOBL(p.dob.isoformat(), 'fhir_xml_birthDate'), '"/>\n')
        a = address(loc)
        D.add('        <address>\n          <use value="home"/>\n          <text value="', AD(loc, 'fhir_xml_address_text', v=xa(a)), '"/>\n          <line value="', AD(loc, 'fhir_xml_address_line', v=xa(a.split(',')[0])),
              '"/>\n          <country value="', p.region, '"/>\n        </address>\n')
        D.add('        <generalPractitioner>\n          <reference value="Practitioner/', 'pr-%04d' % i, '"/>\n          <display value="Dr. ', NM(gp, 'fhir_xml_gp_display'), '"/>\n        </generalPractitioner>\n'
              '      </Patient>\n    </resource>\n  </entry>\n')
        if k == 1:
            D.add('  <entry>\n    <resource>\n      <Encounter>\n        <status value="finished"/>\n        <subject>\n          <reference value="Patient/', pid, '"/>\n        </subject>\n'
                  '        <period>\n          <start value="', NDOB(rts().strftime('%Y-%m-%dT%H:%M:%S+02:00'), 'fhir_xml_encounter_start'), '"/>\n        </period>\n      </Encounter>\n    </resource>\n  </entry>\n')
    D.add('</Bundle>\n')


def f_spreadsheetml_bg():
    """Excel 2003 XML Spreadsheet (SpreadsheetML) of Bulgarian staff: Number-typed EGN, DateTime birth dates."""
    D = Doc('exports/excel/Sluzhiteli_2024.xml')
    D.add('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"\n xmlns:o="urn:schemas-microsoft-com:office:office"\n'
          ' xmlns:x="urn:schemas-microsoft-com:office:excel"\n xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"\n xmlns:html="http://www.w3.org/TR/REC-html40">\n'
          ' <DocumentProperties xmlns="urn:schemas-microsoft-com:office:office">\n  <Author>', NM(subject('bg_BG'), 'spreadsheetml_doc_author'), '</Author>\n  <Created>2024-03-04T08:12:40Z</Created>\n  <Version>16.00</Version>\n'
          ' </DocumentProperties>\n <Styles>\n  <Style ss:ID="s62">\n   <NumberFormat ss:Format="Short Date"/>\n  </Style>\n </Styles>\n <Worksheet ss:Name="Служители">\n  <Table ss:ExpandedColumnCount="8" ss:ExpandedRowCount="19" x:FullColumns="1" x:FullRows="1">\n')
    cell = lambda typ, *x, style='': ['    <Cell%s><Data ss:Type="%s">' % (' ss:StyleID="%s"' % style if style else '', typ), *x, '</Data></Cell>\n']
    D.add('   <Row>\n', [cell('String', h) for h in ['Име', 'ЕГН', 'Дата на раждане', 'Телефон', 'Имейл', 'Адрес', 'IBAN', 'Заплата']], '   </Row>\n')
    for i in range(18):
        p = subject('bg_BG', sex=pick('MF'))
        p.dob = bdate(1955, 1999)
        egn = g_egn(p.dob)
        k = i % 6
        D.add('   <Row>\n', cell('String', NM(p, 'spreadsheetml_string_cell')),
              cell('Number', ID('bg.egn', egn, 'bg_egn_spreadsheetml_number_cell')) if k != 2 else cell('String', ID('bg.egn', corrupt(egn, 'bg.egn'), 'neg_bg_egn_bad_check_spreadsheetml', pos=False)),
              cell('DateTime', DOBL(p.dob.isoformat() + 'T00:00:00.000', 'spreadsheetml_datetime_cell'), style='s62'),
              cell('String', PHL(p, pick(['nat', 'intl']), 'spreadsheetml_string_cell')), cell('String', EM(p, 'spreadsheetml_string_cell')),
              cell('String', AD('bg_BG', 'spreadsheetml_string_cell', v=xe(address('bg_BG')))),
              cell('String', IBL('BG', 'spreadsheetml_string_cell', grouped=(k % 2 == 1)) if k != 4 else NEGIB('BG', 'spreadsheetml')),
              cell('Number', '%d' % R.randint(1200, 6500)), '   </Row>\n')
    D.add('  </Table>\n  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel">\n   <Selected/>\n   <ProtectObjects>False</ProtectObjects>\n  </WorksheetOptions>\n </Worksheet>\n</Workbook>\n')

# ---------------------------------------------------------------- infrastructure
def indent_block(s, n):
    return s.rstrip('\n').replace('\n', '\n' + ' ' * n)


def f_helm_values():
    """Helm values-prod.yaml: env list, block-scalar PEM, chart sub-values, alertmanager receivers."""
    D = Doc('deploy/helm/ml-gateway/values-prod.yaml')
    oc = subject('ro_RO', domain='northwind-ml.eu')
    key = pem_private('EC')
    D.add('# Production overrides for ml-gateway\n# helm upgrade --install ml-gateway ./charts/ml-gateway -f values-prod.yaml -n gateway\nreplicaCount: 3\n\nimage:\n  repository: ghcr.io/northwind-ml/ml-gateway\n'
          '  tag: "2.14.3"\n  digest: sha256:', N(sha256(), 'secret', 'neg_sha256_image_digest_helm'), '\n  pullPolicy: IfNotPresent\n\nimagePullSecrets:\n  - name: ghcr-pull\n\npodAnnotations:\n'
          '  checksum/config: ', N(sha256(), 'secret', 'neg_sha256_checksum_annotation_helm'), '\n  prometheus.io/scrape: "true"\n\nenv:\n  - name: LOG_LEVEL\n    value: info\n'
          '  - name: OPENAI_API_KEY\n    value: "', SEC(sec('openai'), 'secret_helm_env_list_value'), '"\n  - name: ANTHROPIC_API_KEY\n    valueFrom:\n      secretKeyRef:\n        name: llm-keys\n        key: anthropic\n'
          '  - name: DATABASE_URL\n    value: "postgresql://gateway:', SEC(password(), 'secret_helm_env_dsn_password'), '@pg-prod.gateway.svc:5432/gateway?sslmode=require"\n'
          '  - name: COHERE_API_KEY\n    value: "', SEC('${COHERE_API_KEY}', 'neg_env_template_helm', pos=False), '"\n\npostgresql:\n  auth:\n    username: gateway\n    postgresPassword: ',
          SEC('changeme', 'neg_placeholder_changeme_helm', pos=False), '\n    password: ', SEC(password(), 'secret_helm_subchart_password'), '\n    existingSecret: ""\n\nredis:\n  auth:\n    enabled: true\n    password: ""\n'
          '    existingSecret: redis-auth\n\ningress:\n  enabled: true\n  className: nginx\n  hosts:\n    - host: api.northwind-ml.eu\n      paths:\n        - path: /\n          pathType: Prefix\n'
          '  tls:\n    - secretName: api-tls\n      hosts: [api.northwind-ml.eu]\n\nmtls:\n  clientKey: |\n    ', SEC(indent_block(key, 4), 'secret_helm_block_scalar_pem_ec_key'), '\n  clientCert: |\n    ',
          N(indent_block(pem_cert(), 4), 'secret', 'neg_pem_certificate_helm'), '\n\nalertmanager:\n  config:\n    global:\n      slack_api_url: ', SEC(sec('slack_hook'), 'secret_helm_slack_webhook_url'),
          '\n    receivers:\n      - name: pagerduty\n        pagerduty_configs:\n          - routing_key: ', SEC(rs(HEX, 32), 'secret_helm_pagerduty_routing_key'), '\n      - name: oncall-sms\n'
          '        webhook_configs:\n          - url: https://sms-gw.northwind-ml.eu/send?to=', P(quote(pfmt(phone_num('RO'), 'e164')), 'phone', 'phone_ro_helm_urlencoded_plus'), '\n\n# on-call: ', NM(oc, 'helm_comment'),
          ' <', EM(oc, 'helm_comment'), '>, ', PHL(oc, 'intl', 'helm_comment'), '\ngitSync:\n  deployKeyPub: "', N(ssh_pub('gitsync@ml-gateway'), 'secret', 'neg_ssh_public_key_helm'), '"\nhostAliases:\n  - ip: "', IPL('helm_host_alias'), '"\n    hostnames: ["legacy-scoring.partner.eu"]\n  - ip: "', N(doc_ipv4(), 'ip', 'neg_ip_documentation_helm'),
          '"\n    hostnames: ["example.invalid"]\n\nnodeSelector:\n  kubernetes.io/arch: amd64\n')


def f_gh_actions():
    """GitHub Actions release workflow: hard-coded env values next to ${{ secrets.* }} references."""
    D = Doc('.github/workflows/release.yml')
    D.add('name: release\n\non:\n  push:\n    tags: ["v*"]\n  workflow_dispatch: {}\n\npermissions:\n  contents: write\n  packages: write\n\nenv:\n  REGISTRY: ghcr.io\n  HF_TOKEN: ', SEC(sec('hf'), 'secret_gha_env_hardcoded'),
          '\n  PYPI_TOKEN: ', SEC('${{ secrets.PYPI_TOKEN }}', 'neg_gha_secrets_expression', pos=False), '\n\njobs:\n  build:\n    runs-on: ubuntu-22.04\n    steps:\n'
          '      - uses: actions/checkout@', N(sha1(), 'secret', 'neg_git_sha_pinned_action_gha'), ' # v4.1.1\n      - uses: actions/setup-python@v5\n        with:\n          python-version: "3.11"\n'
          '      - uses: docker/login-action@v3\n        with:\n          username: northwindbot\n          password: ', SEC(sec('dockerhub'), 'secret_gha_with_password_docker_pat'), '\n'
          '      - name: Build and push\n        run: |\n          docker build -t $REGISTRY/northwind-ml/trainer:${GITHUB_REF_NAME} .\n          docker push $REGISTRY/northwind-ml/trainer:${GITHUB_REF_NAME}\n'
          '      - name: Publish wheel\n        env:\n          TWINE_USERNAME: __token__\n          TWINE_PASSWORD: ', SEC(sec('pypi'), 'secret_gha_step_env_pypi_token'), '\n        run: twine upload dist/*\n'
          '      - name: Upload model card\n        env:\n          AWS_ACCESS_KEY_ID: ', SEC(sec('aws_akid'), 'secret_gha_aws_access_key_id'), '\n          AWS_SECRET_ACCESS_KEY: ', SEC(sec('aws_secret'), 'secret_gha_aws_secret_key'),
          '\n          # docs example: ', SEC(AWS_DOC_AKID, 'neg_aws_documentation_key_gha', pos=False), '\n        run: aws s3 cp MODEL_CARD.md s3://northwind-models/cards/ --region eu-central-1\n'
          '      - name: Smoke test\n        run: curl -fsS -u "qa-bot:${{ secrets.QA_PASS }}" https://staging.northwind-ml.eu/healthz\n'
          '      - name: Notify\n        if: always()\n        run: |\n          curl -X POST -H "Content-type: application/json" --data "{\\"text\\":\\"release ${GITHUB_REF_NAME}: ${{ job.status }}\\"}" \\\n'
          '            ', SEC(sec('slack_hook'), 'secret_gha_run_slack_webhook'), '\n  notify-owner:\n    needs: build\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "owner ',
          EM(subject('tr_TR', domain='northwind-ml.eu'), 'gha_run_echo'), '"\n')


def f_jenkinsfile():
    """Declarative Jenkinsfile: environment block literals, sshpass, credentials in a git URL, mail step."""
    D = Doc('ci/etl-nightly/Jenkinsfile')
    own = subject('cs_CZ', domain='northwind-ml.eu')
    D.add("pipeline {\n    agent { label 'docker' }\n    options { timeout(time: 2, unit: 'HOURS') }\n    environment {\n        SONAR_TOKEN = '", SEC(sec('sonar'), 'secret_jenkinsfile_environment_literal'), "'\n"
          "        HARBOR = credentials('", SEC('harbor-robot', 'neg_jenkins_credentials_id_reference', pos=False), "')\n"
          "        BASE_IMAGE = 'python:3.11-slim@sha256:", N(sha256(), 'secret', 'neg_sha256_base_image_digest_jenkinsfile'), "'\n        ETL_DB_URL = \"jdbc:postgresql://10.40.2.15:5432/etl?user=etl_rw&password=", SEC(password(), 'secret_jenkinsfile_jdbc_password'), "\"\n"
          "        DD_API_KEY = '", SEC(sec('datadog'), 'secret_jenkinsfile_datadog_hex32'), "'\n        BUILD_TAG_SHORT = \"${env.GIT_COMMIT?.take(8)}\"\n    }\n    stages {\n"
          "        stage('Checkout') {\n            steps {\n                git branch: 'main', url: 'https://jenkins-bot:", SEC(sec('gh_pat'), 'secret_jenkinsfile_git_url_token'), "@github.com/northwind-ml/etl.git'\n"
          "            }\n        }\n        stage('Deploy') {\n            steps {\n                sh \"sshpass -p '", SEC(human_password(), 'secret_jenkinsfile_sshpass'), "' ssh -o StrictHostKeyChecking=no deploy@",
          IPL('jenkinsfile_ssh_target'), " 'systemctl restart etl-worker'\"\n                withCredentials([string(credentialsId: 'slack-token', variable: 'SLACK_TOKEN')]) {\n"
          "                    sh 'curl -s -H \"Authorization: Bearer $SLACK_TOKEN\" https://slack.com/api/chat.postMessage -d channel=C0ETL -d text=deployed'\n                }\n"
          "                // TODO remove, old token: ", SEC(sec('slack_bot'), 'secret_jenkinsfile_comment_old_slack_token'), "\n            }\n        }\n    }\n    post {\n        failure {\n"
          "            mail to: '", EM(own, 'jenkinsfile_mail_to'), "', subject: \"ETL failed: ${env.BUILD_NUMBER}\", body: \"See ${env.BUILD_URL} – call ", NM(own, 'jenkinsfile_mail_body'), ' on ',
          PHL(own, 'intl', 'jenkinsfile_mail_body'), "\"\n        }\n    }\n}\n")


def f_kubeconfig():
    """~/.kube/config with client-key-data, SA token, OIDC refresh token and an exec plugin."""
    D = Doc('ops/backup_home_emre/.kube/config')
    b = lambda s: base64.b64encode(s.encode()).decode()
    D.add('apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: ', N(b(pem_cert()), 'secret', 'neg_kubeconfig_ca_data_b64_cert'), '\n    server: https://', IPL('kubeconfig_server'), ':6443\n  name: prod-ist\n'
          '- cluster:\n    certificate-authority-data: ', b(pem_cert()), '\n    server: https://', rs(HEX, 32).upper(), '.gr7.eu-central-1.eks.amazonaws.com\n  name: arn:aws:eks:eu-central-1:', d(12), ':cluster/ml-prod\n'
          'contexts:\n- context:\n    cluster: prod-ist\n    user: emre\n  name: prod-ist\n- context:\n    cluster: prod-ist\n    namespace: ci\n    user: ci-deployer\n  name: ci\n'
          'current-context: prod-ist\nkind: Config\npreferences: {}\nusers:\n- name: emre\n  user:\n    client-certificate-data: ', N(b(pem_cert()), 'secret', 'neg_kubeconfig_client_cert_b64'),
          '\n    client-key-data: ', SEC(b(pem_private('RSA')), 'secret_kubeconfig_client_key_data_b64'), '\n- name: ci-deployer\n  user:\n    token: ',
          SEC(jwt({'iss': 'kubernetes/serviceaccount', 'kubernetes.io/serviceaccount/namespace': 'ci', 'kubernetes.io/serviceaccount/service-account.name': 'deployer'}), 'secret_kubeconfig_sa_token_jwt'),
          '\n- name: oidc\n  user:\n    auth-provider:\n      config:\n        client-id: kubernetes\n        client-secret: ', SEC(rs(ALNUM, 32), 'secret_kubeconfig_oidc_client_secret'),
          '\n        id-token: ', SEC(jwt({'iss': 'https://sso.northwind-ml.eu/realms/ops', 'email': 'emre@northwind-ml.eu', 'exp': 1710154800}), 'secret_kubeconfig_oidc_id_token'),
          '\n        idp-issuer-url: https://sso.northwind-ml.eu/realms/ops\n        refresh-token: ', SEC(jwt({'typ': 'Refresh', 'exp': 1710760000}), 'secret_kubeconfig_oidc_refresh_token'),
          '\n      name: oidc\n- name: eks\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: aws\n      args: ["eks", "get-token", "--cluster-name", "ml-prod"]\n'
          '      env:\n      - name: AWS_PROFILE\n        value: prod\n      interactiveMode: IfAvailable\n')


def f_dbt_profiles():
    """dbt profiles.yml: Snowflake password, BigQuery keyfile_json with an escaped private key, env_var() templates."""
    D = Doc('analytics/dbt/profiles.yml')
    pk = pem_private('RSA').replace('\n', '\\n')
    D.add('analytics:\n  target: prod\n  outputs:\n    prod:\n      type: snowflake\n      account: xy', d(5), '.eu-central-1\n      user: DBT_PROD\n      password: "', SEC(password(), 'secret_dbt_snowflake_password'), '"\n'
          '      role: TRANSFORMER\n      database: ANALYTICS\n      warehouse: TRANSFORMING\n      schema: marts\n      threads: 8\n    dev:\n      type: postgres\n      host: localhost\n      user: "{{ env_var(\'DBT_USER\') }}"\n'
          '      password: "', SEC("{{ env_var('DBT_PASSWORD') }}", 'neg_dbt_env_var_template', pos=False), '"\n      port: 5432\n      dbname: analytics_dev\n      schema: dbt_', rs(LO, 5), '\n'
          '    bq:\n      type: bigquery\n      method: service-account-json\n      project: northwind-ml-analytics\n      dataset: marts\n      keyfile_json:\n        type: service_account\n'
          '        project_id: northwind-ml-analytics\n        private_key_id: ', rs(HEX, 40), '\n        private_key: "', SEC(pk, 'secret_dbt_keyfile_json_private_key_escaped_newlines'), '"\n'
          '        client_email: ', P('dbt-runner@northwind-ml-analytics.iam.gserviceaccount.com', 'email', 'email_dbt_service_account'), '\n        client_id: "', negv(d(21), 'phone', 'neg_phone_gcp_client_id_21_digits_dbt'),
          '"\n        auth_uri: https://accounts.google.com/o/oauth2/auth\n        token_uri: https://oauth2.googleapis.com/token\n')


def f_systemd_unit():
    D = Doc('ops/systemd/ml-inference.service')
    D.add('[Unit]\nDescription=ML inference API (gunicorn)\nAfter=network-online.target\nWants=network-online.target\n\n[Service]\nType=notify\nUser=mlsvc\nGroup=mlsvc\nWorkingDirectory=/srv/inference\n'
          'Environment="HF_HOME=/srv/hf" "HUGGING_FACE_HUB_TOKEN=', SEC(sec('hf'), 'secret_systemd_environment_quoted_pair'), '"\nEnvironment=OPENAI_API_KEY=', SEC(sec('openai'), 'secret_systemd_environment_unquoted'), '\n'
          'Environment="DB_DSN=postgres://inference:', SEC(password(), 'secret_systemd_dsn_password'), '@10.0.3.4/inference"\nEnvironmentFile=-/etc/default/ml-inference\n'
          'ExecStart=/srv/venv/bin/gunicorn app:api -k uvicorn.workers.UvicornWorker -w 4 -b 0.0.0.0:8080 --env WANDB_API_KEY=', SEC(sec('wandb'), 'secret_systemd_execstart_wandb_hex40'), '\n'
          '# Environment=ANTHROPIC_API_KEY=', SEC('sk-ant-api03-' + '*' * 16 + 'REDACTED', 'neg_masked_key_comment_systemd', pos=False), '\nEnvironment=SENTRY_RELEASE=', N(ver(), 'ip', 'neg_ip_like_release_systemd'),
          '\nExecStartPost=/usr/bin/curl -fsS -m 10 --retry 5 https://hc-ping.com/', uid(), '\nRestart=on-failure\nRestartSec=5\nLimitNOFILE=65536\n\n[Install]\nWantedBy=multi-user.target\n')


def f_rclone_conf():
    D = Doc('ops/backup_home_emre/.config/rclone/rclone.conf')
    tok = T(*J({'access_token': SEC(sec('ya29'), 'secret_rclone_token_json_access_token'), 'token_type': 'Bearer', 'refresh_token': SEC(sec('g_refresh'), 'secret_rclone_token_json_refresh_token'),
                'expiry': '2024-03-11T11:12:13.123456+03:00'}, seps=(',', ':')))
    D.add('[s3-backup]\ntype = s3\nprovider = AWS\naccess_key_id = ', SEC(sec('aws_akid'), 'secret_rclone_s3_access_key_id'), '\nsecret_access_key = ', SEC(sec('aws_secret'), 'secret_rclone_s3_secret_access_key'),
          '\nregion = eu-central-1\nacl = private\n\n[gdrive]\ntype = drive\nclient_id = ', d(12), '-', rs(LO + DIG, 32), '.apps.googleusercontent.com\nclient_secret = ', SEC('GOCSPX-' + rs(ALNUM + '_-', 28), 'secret_rclone_gdrive_client_secret'),
          '\nscope = drive\ntoken = ', tok, '\nteam_drive = \n\n[b2]\ntype = b2\naccount = 00', rs(HEX, 10), '0000000001\nkey = ', SEC('K001' + rs(ALNUM + '/+', 27), 'secret_rclone_b2_application_key'),
          '\n\n[minio-local]\ntype = s3\nprovider = Minio\nendpoint = http://127.0.0.1:9000\naccess_key_id = ', SEC('minioadmin', 'neg_default_credential_minioadmin_rclone', pos=False),
          '\nsecret_access_key = ', SEC('minioadmin', 'neg_default_credential_minioadmin_rclone', pos=False), '\n\n[template]\ntype = s3\naccess_key_id = ', SEC('YOUR_ACCESS_KEY_ID', 'neg_placeholder_rclone', pos=False),
          '\n\n[sftp-nas]\ntype = sftp\nhost = 192.168.1.20\nuser = emre\npass = ', rs(ALNUM + '-_', 46), '\nshell_type = unix\n\n[crypt]\ntype = crypt\nremote = s3-backup:northwind-backup/enc\npassword = ',
          rs(ALNUM + '-_', 54), '\n')


def f_maven_settings():
    D = Doc('ops/backup_home_emre/.m2/settings.xml')
    D.add('<?xml version="1.0" encoding="UTF-8"?>\n<settings xmlns="http://maven.apache.org/SETTINGS/1.2.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n'
          '          xsi:schemaLocation="http://maven.apache.org/SETTINGS/1.2.0 https://maven.apache.org/xsd/settings-1.2.0.xsd">\n  <servers>\n'
          '    <server>\n      <id>nexus-releases</id>\n      <username>deploy</username>\n      <password>', SEC(xe(password()), 'secret_maven_server_password'), '</password>\n    </server>\n'
          '    <server>\n      <id>github</id>\n      <username>emre-y</username>\n      <password>', SEC(sec('gh_fine'), 'secret_maven_github_fine_grained_pat'), '</password>\n    </server>\n'
          '    <server>\n      <id>central</id>\n      <username>emre</username>\n      <password>', SEC('{' + base64.b64encode(R.randbytes(24)).decode() + '}', 'neg_maven_encrypted_password', pos=False), '</password>\n    </server>\n'
          '    <server>\n      <id>ossrh</id>\n      <username>${env.OSSRH_USER}</username>\n      <password>', SEC('${env.OSSRH_PASSWORD}', 'neg_maven_env_interpolation', pos=False), '</password>\n    </server>\n  </servers>\n'
          '  <proxies>\n    <proxy>\n      <id>corp</id>\n      <active>true</active>\n      <protocol>http</protocol>\n      <host>proxy.northwind.local</host>\n      <port>3128</port>\n'
          '      <username>emre.yildiz</username>\n      <password>', SEC(xe(human_password()), 'secret_maven_proxy_password'), '</password>\n      <nonProxyHosts>localhost|*.northwind.local</nonProxyHosts>\n    </proxy>\n  </proxies>\n</settings>\n')


def f_netrc():
    D = Doc('ops/backup_home_emre/.netrc')
    D.add('machine api.wandb.ai\n  login user\n  password ', SEC(sec('wandb'), 'secret_netrc_wandb_hex40'), '\nmachine github.com login emre-y password ', SEC(sec('gh_pat'), 'secret_netrc_github_pat_inline'),
          '\nmachine huggingface.co\n  login emre\n  password ', SEC(sec('hf'), 'secret_netrc_hf_token'), '\nmachine ftp.gnu.org login anonymous password ', SEC('guest@', 'neg_netrc_anonymous_password', pos=False),
          '\nmachine registry.northwind.local login ci password ', SEC(password(), 'secret_netrc_registry_password'), '\ndefault login anonymous password ', N('user@example.com', 'email', 'neg_email_netrc_default'), '\n')


def f_cloudtrail_gz():
    """A CloudTrail log file (single-line {"Records": [...]}, gzip) with SSO e-mails in ARNs."""
    acct = negnum(lambda: d(12), 'phone', 'neg_phone_aws_account_id_12_digits')
    acct_v = acct.value
    D = Doc('logs/cloudtrail/AWSLogs/%s/CloudTrail/eu-central-1/2024/03/11/%s_CloudTrail_eu-central-1_20240311T1015Z_%s.json.gz' % (acct_v, acct_v, rs(ALNUM, 16)))
    recs = []
    t = dt.datetime(2024, 3, 11, 10, 0, 0)
    for i in range(26):
        t += dt.timedelta(seconds=R.randint(2, 60))
        p = subject(pick(['tr_TR', 'pl_PL', 'ro_RO', 'el_GR']), domain='northwind-ml.eu')
        k = i % 6
        ev = {'eventVersion': '1.09', 'userIdentity': {'type': 'AssumedRole', 'principalId': T('AROA', rs(UP + DIG, 17), ':', EM(p, 'cloudtrail_principal_id_session_name')),
                                                       'arn': T('arn:aws:sts::', acct if i == 0 else acct_v, ':assumed-role/AWSReservedSSO_AdministratorAccess_', rs(HEX, 16), '/', EM(p, 'cloudtrail_arn_session_name')),
                                                       'accountId': acct_v, 'accessKeyId': sec('asia'),
                                                       'sessionContext': {'attributes': {'creationDate': t.strftime('%Y-%m-%dT%H:%M:%SZ'), 'mfaAuthenticated': 'false'}}},
              'eventTime': t.strftime('%Y-%m-%dT%H:%M:%SZ'), 'eventSource': 's3.amazonaws.com', 'eventName': 'GetObject', 'awsRegion': 'eu-central-1',
              'sourceIPAddress': IPL('cloudtrail_source_ip', v6=(k == 5)) if k != 4 else 'AWS Internal',
              'userAgent': T('[aws-cli/2.15.', str(R.randint(1, 30)), ' Python/3.11.6 Linux/6.5.0 exe/x86_64.ubuntu.22 prompt/off command/s3.cp]'), 'requestParameters': None, 'responseElements': None,
              'requestID': rs(UP + DIG, 16), 'eventID': N(uid(), 'secret', 'neg_uuid_cloudtrail_event_id') if k == 1 else uid(), 'readOnly': True, 'eventType': 'AwsApiCall', 'managementEvent': False,
              'recipientAccountId': acct_v}
        if k == 0:
            ev.update({'eventSource': 'signin.amazonaws.com', 'eventName': 'ConsoleLogin', 'userAgent': 'Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0', 'responseElements': {'ConsoleLogin': 'Success'}, 'additionalEventData': {'MFAUsed': 'Yes', 'LoginTo': 'https://console.aws.amazon.com/'}})
        elif k == 1:
            ev.update({'eventSource': 'iam.amazonaws.com', 'eventName': 'CreateAccessKey', 'requestParameters': {'userName': 'ci-bot'},
                       'responseElements': {'accessKey': {'accessKeyId': sec('aws_akid'), 'status': 'Active', 'userName': 'ci-bot', 'createDate': t.strftime('%b %d, %Y %I:%M:%S %p')}}})
        elif k == 2:
            ev.update({'eventSource': 'secretsmanager.amazonaws.com', 'eventName': 'GetSecretValue', 'requestParameters': {'secretId': 'prod/ml-gateway/openai'},
                       'responseElements': SEC('HIDDEN_DUE_TO_SECURITY_REASONS', 'neg_cloudtrail_hidden_marker', pos=False) if i == 2 else None})
        elif k == 3:
            q = subject('pl_PL')
            ev.update({'eventSource': 'iam.amazonaws.com', 'eventName': 'TagUser', 'requestParameters': {'userName': latin(q.first) + '.' + latin(q.last), 'tags': [{'key': 'email', 'value': EM(q, 'cloudtrail_tag_value')},
                                                                                                                                                                  {'key': 'phone', 'value': PHL(q, 'e164', 'cloudtrail_tag_value')}]}})
        else:
            ev['requestParameters'] = {'bucketName': 'northwind-exports', 'key': 'crm/customers_2024-03-11.csv', 'Host': 'northwind-exports.s3.eu-central-1.amazonaws.com'}
        recs.append(ev)
    D.add(J({'Records': recs}, seps=(',', ':')))


def f_journal_json():
    """`journalctl -o json` export: one JSON object per line (sshd, postfix, sudo, wpa_supplicant)."""
    D = Doc('logs/journal/web01_2024-03-11.journal.jsonl')
    boot, machine = rs(HEX, 32), rs(HEX, 32)
    ts = 1710144000000000
    for i in range(44):
        ts += R.randint(1000000, 90000000)
        k = i % 7
        rec = {'__CURSOR': 's=%s;i=%x;b=%s;m=%x;t=%x;x=%s' % (rs(HEX, 32), R.randint(1, 10 ** 6), boot, R.randint(1, 10 ** 10), ts, rs(HEX, 16)), '__REALTIME_TIMESTAMP': str(ts),
               '__MONOTONIC_TIMESTAMP': str(R.randint(10 ** 9, 10 ** 11)), '_BOOT_ID': boot, '_MACHINE_ID': N(machine, 'secret', 'neg_machine_id_hex32_journal') if i == 0 else machine, '_HOSTNAME': 'web01',
               'PRIORITY': '6', '_TRANSPORT': 'syslog'}
        if k == 0:
            rec.update({'SYSLOG_IDENTIFIER': 'sshd', '_PID': str(R.randint(1000, 60000)), 'MESSAGE': T('Accepted publickey for deploy from ', IPL('journal_sshd_message'), ' port %d ssh2: ED25519 SHA256:' % R.randint(30000, 65000),
                                                                                                          N(base64.b64encode(R.randbytes(32)).decode().rstrip('='), 'secret', 'neg_ssh_key_fingerprint_journal') if i == 0 else base64.b64encode(R.randbytes(32)).decode().rstrip('='))})
        elif k == 1:
            p = subject(pick(['ru_RU', 'uk_UA', 'tr_TR']))
            rec.update({'SYSLOG_IDENTIFIER': 'postfix/smtp', 'MESSAGE': T('%s: to=<' % rs('0123456789ABCDEF', 10), EM(p, 'journal_postfix_to'), '>, relay=', pick(['mx.yandex.ru', 'mxs.mail.ru', 'gmail-smtp-in.l.google.com']), '[',
                                                                           IPL('journal_postfix_relay'), ']:25, delay=0.%d, dsn=2.0.0, status=sent (250 OK)' % R.randint(10, 99))})
        elif k == 2:
            rec.update({'SYSLOG_IDENTIFIER': 'sudo', 'MESSAGE': T('   emre : TTY=pts/0 ; PWD=/home/emre ; USER=root ; COMMAND=/usr/bin/mysql -u root -p', SEC(password(), 'secret_journal_sudo_command_mysql_password'), ' shop')}) \
                if i % 14 == 2 else rec.update({'SYSLOG_IDENTIFIER': 'sudo', 'MESSAGE': '   emre : TTY=pts/0 ; PWD=/home/emre ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx'})
        elif k == 3:
            rec.update({'SYSLOG_IDENTIFIER': 'wpa_supplicant', 'MESSAGE': T('wlan0: CTRL-EVENT-CONNECTED - Connection to ', P(mac(':'), 'mac', 'mac_journal_wpa_bssid'), ' completed [id=0 id_str=]')})
        elif k == 4:
            src = IPL('journal_sshd_invalid_user', v6=(i % 3 == 0)) if i % 5 else N(doc_ipv6(), 'ip', 'neg_ip_documentation_v6_journal')
            rec.update({'SYSLOG_IDENTIFIER': 'sshd', 'MESSAGE': T('Invalid user admin from ', src, ' port %d' % R.randint(30000, 65000))})
        elif k == 5:
            if i % 14 == 5:
                rec.update({'SYSLOG_IDENTIFIER': 'kernel', '_TRANSPORT': 'kernel', 'MESSAGE': T('e1000e 0000:00:1f.6 eth0: (PCI Express:2.5GT/s:Width x1) ', P(mac(':'), 'mac', 'mac_journal_kernel_nic'))})
            elif i % 14 == 12:
                rec.update({'SYSLOG_IDENTIFIER': 'kernel', '_TRANSPORT': 'kernel', 'MESSAGE': T('br-', rs(HEX, 12), ': port 1(veth', rs(HEX, 7), ') entered disabled state, address ',
                                                                                               N(pick(['00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff']), 'mac', 'neg_mac_zero_or_broadcast_journal'))})
            else:
                rec.update({'SYSLOG_IDENTIFIER': 'systemd-logind', 'MESSAGE': 'New session %d of user emre.' % R.randint(1, 400)})
        else:
            rec.update({'SYSLOG_IDENTIFIER': 'kernel', '_TRANSPORT': 'kernel', 'MESSAGE': T('[UFW BLOCK] IN=eth0 OUT= MAC=', mac(':'), ':', mac(':'), ':08:00 SRC=', IPL('journal_ufw_src'), ' DST=', priv_ipv4(),
                                                                                           ' LEN=44 TOS=0x00 PREC=0x00 TTL=242 ID=54321 PROTO=TCP SPT=%d DPT=23 WINDOW=1024 RES=0x00 SYN URGP=0' % R.randint(1000, 65000))})
        D.add(jl(rec))


def f_cri_logs():
    """Container runtime (CRI) log file: `<ts> stdout|stderr P|F <line>`; a long JSON line split into P + F."""
    D = Doc('logs/containers/upi-payments-api-6f7d9c8b5-kx2lq_payments_api-%s.log' % rs(HEX, 64))
    t = dt.datetime(2024, 3, 11, 10, 0, 0)
    for i in range(40):
        t += dt.timedelta(milliseconds=R.randint(5, 4000))
        ts = t.strftime('%Y-%m-%dT%H:%M:%S.') + '%09dZ' % R.randint(0, 999999999)
        p = subject(pick(['en_IN', 'hi_IN', 'en_IN']))
        k = i % 8
        if k == 0:
            rec = J({'level': 'info', 'ts': ts, 'msg': 'collect request', 'payer': {'name': NM(p, 'cri_log_json'), 'vpa': N(latin(p.first or 'user')[:8] + d(2) + '@ok' + pick(['axis', 'icici', 'sbi', 'hdfcbank']), 'email', 'neg_email_upi_vpa_cri'),
                                                                                   'mobile': PHL(p, 'e164', 'cri_log_json')}, 'amount': R.randint(10, 9000)}, seps=(',', ':'))
            D.add(ts, ' stdout F ', rec, '\n')
        elif k == 1:
            full = J({'level': 'info', 'ts': ts, 'msg': 'kyc payload', 'kyc': {'pan': ID('in_.pan', g_pan(p.last), 'in_pan_cri_log_json'), 'aadhaar_masked': N('XXXX XXXX ' + d(4), 'national_id', 'neg_aadhaar_masked_cri'),
                                                                              'address': AD('en_IN', 'cri_log_json'), 'email': EM(p, 'cri_log_json'), 'dob': DOBL(p.dob.strftime('%d-%m-%Y'), 'cri_log_json_in')},
                       'pad': 'x' * 60}, seps=(',', ':'))
            # split inside the padding (never inside a label): first chunk P, rest F
            cut = next(j for j, x in enumerate(full) if isinstance(x, str) and 'xxxx' in x)
            s = full[cut]
            h = s.index('x') + 20
            D.add(ts, ' stdout P ', full[:cut], s[:h], '\n', ts, ' stdout F ', s[h:], full[cut + 1:], '\n')
        elif k == 2:
            D.add(ts, ' stderr F Traceback (most recent call last):\n', ts, ' stderr F   File "/app/db.py", line 41, in connect\n', ts, ' stderr F sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to "postgresql://upi_app:',
                  SEC(password(), 'secret_cri_stderr_traceback_dsn_password'), '@10.8.1.4:5432/upi" failed\n')
        elif k == 3:
            D.add(ts, ' stdout F ', J({'level': 'debug', 'ts': ts, 'msg': 'outbound', 'headers': {'Authorization': T('Bearer ', SEC(jwt({'sub': 'svc-upi', 'aud': 'npci-gw'}), 'secret_cri_log_bearer_jwt'))}}, seps=(',', ':')), '\n')
        elif k == 4:
            D.add(ts, ' stdout F ', J({'level': 'info', 'ts': ts, 'msg': 'card tokenised', 'card': N('%s******%s' % (gen_card('rupay')[:6], d(4)), 'card', 'neg_card_masked_bin_last4_cri'),
                                       'txn': negnum(lambda: d(12), 'phone', 'neg_phone_rrn_12_digits_cri'), 'client_ip': IPL('cri_log_json')}, seps=(',', ':')), '\n')
        elif k == 5:
            D.add(ts, ' stdout F ', 'I0311 %s       1 leaderelection.go:250] attempting to acquire leader lease payments/upi-api...' % t.strftime('%H:%M:%S.%f'), '\n')
        else:
            D.add(ts, ' stdout F ', J({'level': 'info', 'ts': ts, 'msg': 'GET /healthz', 'status': 200, 'latency_ms': R.randint(1, 30), 'version': N(ver(), 'ip', 'neg_ip_like_build_version_cri') if k == 6 and i < 20 else '1.8.2'}, seps=(',', ':')), '\n')


def f_haproxy():
    """HAProxy HTTP log (syslog) with captured request headers {host|ua|authorization|x-forwarded-for}."""
    D = Doc('logs/haproxy/haproxy.log-20240311')
    t = dt.datetime(2024, 3, 11, 9, 0, 0)
    for i in range(48):
        t += dt.timedelta(seconds=R.randint(1, 50))
        p = subject('en_ZA')
        k = i % 8
        cip = IPL('haproxy_client', v6=(k == 7)) if k != 5 else N(doc_ipv4(), 'ip', 'neg_ip_documentation_haproxy')
        auth = ''
        if k == 1:
            auth = SEC('Basic ' + base64.b64encode(('api-client:' + password()).encode()).decode(), 'secret_haproxy_captured_basic_auth')
        elif k == 3:
            auth = SEC('Bearer ' + sec('stripe'), 'secret_haproxy_captured_bearer')
        xff = [IPL('haproxy_xff_first'), ', ', priv_ipv4()] if k in (2, 6) else ['-']
        if k == 0:
            req = ['GET /v1/customers/lookup?email=', P(quote(p.email, safe=''), 'email', 'email_haproxy_query_urlencoded'), '&msisdn=', P(quote(pfmt(phone_num('ZA'), 'e164'), safe=''), 'phone', 'phone_za_haproxy_query_urlencoded'), ' HTTP/1.1']
        elif k == 4:
            req = ['POST /v1/kyc/verify?id_number=', NIDL(p, 'haproxy_query'), ' HTTP/1.1']
        elif k == 6:
            req = ['GET /v1/orders/', negnum(lambda: d(9), 'phone', 'neg_phone_order_id_path_haproxy'), ' HTTP/1.1']
        else:
            req = ['GET /v1/products?page=%d HTTP/1.1' % R.randint(1, 40)]
        stt = pick([200, 200, 200, 201, 304, 401, 404])
        D.add(t.strftime('%b %d %H:%M:%S'), ' lb01 haproxy[2231]: ', cip, ':%d [' % R.randint(30000, 65000), t.strftime('%d/%b/%Y:%H:%M:%S'), '.%03d] fe_https~ be_api/api0%d 0/0/1/%d/%d %d %d - - ---- %d/%d/%d/%d/0 0/0 {api.shopza.co.za|Mozilla/5.0|'
              % (R.randint(0, 999), R.randint(1, 4), R.randint(5, 90), R.randint(6, 95), stt, R.randint(200, 9000), R.randint(50, 200), R.randint(40, 190), R.randint(1, 30), R.randint(1, 9)),
              auth, '|', xff, '} "', req, '"\n')


def f_logcat():
    """Android `adb logcat -v threadtime` excerpt from a bug report (OkHttp bodies, Wi-Fi, crash)."""
    D = Doc('mobile/bugreports/bugreport-panther-UQ1A.240205.004-2024-03-11-10-02-44/logcat.txt')
    t = dt.datetime(2024, 3, 11, 10, 0, 0)
    pid = R.randint(5000, 30000)
    me = subject('en_IN')
    for i in range(50):
        t += dt.timedelta(milliseconds=R.randint(3, 900))
        pre = '%s %5d %5d ' % (t.strftime('%m-%d %H:%M:%S.') + '%03d' % (t.microsecond // 1000), pid, pid + R.randint(0, 60))
        k = i % 10
        p = subject(pick(['en_IN', 'hi_IN']))
        if k == 0:
            D.add(pre, 'D OkHttp  : --> POST https://api.paykart.in/v2/auth/otp/verify\n', pre, 'D OkHttp  : Content-Type: application/json; charset=UTF-8\n', pre, 'D OkHttp  : ',
                  J({'mobile': PHL(me, 'e164', 'logcat_okhttp_body'), 'otp': d(6), 'device_id': rs(HEX, 16),
                     'aadhaar': ID('in_.aadhaar', g_aadhaar(), 'in_aadhaar_logcat_okhttp_body') if i % 20 == 0 else ID('in_.aadhaar', corrupt(g_aadhaar(), 'in_.aadhaar'), 'neg_in_aadhaar_bad_check_logcat', pos=False)},
                    seps=(',', ':')), '\n')
        elif k == 1:
            D.add(pre, 'D OkHttp  : <-- 200 https://api.paykart.in/v2/auth/otp/verify (182ms)\n', pre, 'D OkHttp  : ', J({'token': SEC(jwt({'sub': d(9), 'role': 'customer'}), 'secret_logcat_okhttp_response_token'),
                                                                                                                        'user': {'name': NM(me, 'logcat_okhttp_response'), 'email': EM(me, 'logcat_okhttp_response')}}, seps=(',', ':')), '\n')
        elif k == 2:
            D.add(pre, 'I WifiClientModeImpl: Connected to "', pick(['JioFiber-5G', 'Airtel_Xstream', 'ACT-Home']), '" BSSID ', P(mac(':'), 'mac', 'mac_logcat_wifi_bssid'), ' rssi -%d\n' % R.randint(40, 80))
        elif k == 3:
            D.add(pre, 'V SmsReceiver: onReceive from ', PH('IN', 'e164', 'phone_in_logcat_sms_from'), ' body="Your OTP is ', d(6), '. Do not share."\n')
        elif k == 4:
            D.add(pre, 'E AndroidRuntime: FATAL EXCEPTION: main\n', pre, 'E AndroidRuntime: java.lang.IllegalStateException: profile incomplete for ', EM(p, 'logcat_exception_message'), '\n',
                  pre, 'E AndroidRuntime: \tat in.paykart.profile.ProfileActivity.onResume(ProfileActivity.kt:212)\n')
        elif k == 5:
            D.add(pre, 'D UpiHandler: collect to ', N(latin(p.first)[:8] + '@ok' + pick(['sbi', 'axis', 'icici']), 'email', 'neg_email_upi_vpa_logcat'), ' amount=', str(R.randint(10, 5000)), ' ref=',
                  negnum(lambda: d(12), 'phone', 'neg_phone_upi_ref_12_digits_logcat'), '\n')
        elif k == 6:
            D.add(pre, 'I chromium: [INFO:CONSOLE(1)] "address saved: ', AD('en_IN', 'logcat_webview_console'), '", source: https://m.paykart.in/checkout (1)\n')
        elif k == 7:
            D.add(pre, 'W FirebaseInstallations: fid=', rs(ALNUM + '_-', 22), ' ver=', N(ver(), 'ip', 'neg_ip_like_version_logcat'), '\n')
        elif k == 8:
            D.add(pre, 'D NetworkMonitor: PROBE_DNS connectivitycheck.gstatic.com ', IPL('logcat_dns_probe'), ' 23ms\n')
        else:
            if i % 20 == 9:
                D.add(pre, 'I WifiClientModeImpl: Disconnected, BSSID ', N('00:00:00:00:00:00', 'mac', 'neg_mac_all_zero_logcat'), ' reason=3\n')
            else:
                D.add(pre, 'D WifiScanner: result BSSID ', P(mac(':'), 'mac', 'mac_logcat_scan_result'), ' freq=%d level=-%d\n' % (pick([2412, 2437, 5180, 5240]), R.randint(40, 90)))


def f_patch():
    """`git format-patch` mail: removes hard-coded credentials (- lines) and adds placeholders / doc keys."""
    D = Doc('patches/0003-payments-move-credentials-to-Vault.patch')
    au = subject('tr_TR', domain='northwind-ml.eu')
    rv = subject('pl_PL', domain='northwind-ml.eu')
    D.add('From ', N(sha1(), 'secret', 'neg_git_sha_format_patch_header'), ' Mon Sep 17 00:00:00 2001\nFrom: ', NM(au, 'patch_from_header'), ' <', EM(au, 'patch_from_header'), '>\nDate: Mon, 11 Mar 2024 10:12:44 +0300\n'
          'Subject: [PATCH 3/5] payments: move credentials to Vault\n\nHard-coded keys were found by the weekly scan, see SEC-', str(R.randint(100, 999)), '.\nThe old keys are revoked.\n\nReported-by: ',
          NM(rv, 'patch_trailer'), ' <', EM(rv, 'patch_trailer'), '>\nSigned-off-by: ', NM(au, 'patch_trailer'), ' <', EM(au, 'patch_signed_off_by'), '>\n---\n config/settings.py       | 8 ++++----\n'
          ' deploy/.env.prod         | 6 ------\n tests/fixtures/aws.env   | 3 +++\n 3 files changed, 7 insertions(+), 10 deletions(-)\n delete mode 100644 deploy/.env.prod\n create mode 100644 tests/fixtures/aws.env\n\n')
    a, b = rs(HEX, 7), rs(HEX, 7)
    D.add('diff --git a/config/settings.py b/config/settings.py\nindex ', N(a, 'secret', 'neg_git_abbrev_sha_index_line'), '..', b, ' 100644\n--- a/config/settings.py\n+++ b/config/settings.py\n@@ -8,10 +8,10 @@ import os\n'
          ' DEBUG = False\n ALLOWED_HOSTS = ["pay.northwind-ml.eu"]\n \n-STRIPE_SECRET_KEY = "', SEC(sec('stripe'), 'secret_patch_removed_line_stripe'), '"\n-DATABASE_URL = "postgres://payments:',
          SEC(password(), 'secret_patch_removed_line_dsn_password'), '@db.prod.northwind.local:5432/payments"\n-SENDGRID_API_KEY = "', SEC(sec('sendgrid'), 'secret_patch_removed_line_sendgrid'), '"\n'
          '-ADMIN_PHONE = "', PH('TR', 'intl', 'phone_tr_patch_removed_line'), '"\n+STRIPE_SECRET_KEY = os.environ["STRIPE_SECRET_KEY"]\n+DATABASE_URL = os.environ.get("DATABASE_URL", "postgres://payments:',
          SEC('${DB_PASSWORD}', 'neg_patch_added_env_template', pos=False), '@db.prod.northwind.local:5432/payments")\n+SENDGRID_API_KEY = vault.read("secret/payments/sendgrid")["key"]\n'
          '+ADMIN_PHONE = os.environ.get("ADMIN_PHONE", "")\n \n PAYMENT_PROVIDERS = ["stripe", "iyzico"]\n')
    D.add('diff --git a/deploy/.env.prod b/deploy/.env.prod\ndeleted file mode 100644\nindex ', rs(HEX, 7), '..0000000\n--- a/deploy/.env.prod\n+++ /dev/null\n@@ -1,6 +0,0 @@\n-IYZICO_API_KEY=',
          SEC(rs(ALNUM, 32), 'secret_patch_deleted_file_api_key'), '\n-IYZICO_SECRET_KEY=', SEC(rs(ALNUM, 32), 'secret_patch_deleted_file_secret_key'), '\n-TWILIO_ACCOUNT_SID=',
          sec('twilio_sid'), '\n-TWILIO_AUTH_TOKEN=', SEC(sec('twilio_tok'), 'secret_patch_deleted_file_twilio_hex32'), '\n-SUPPORT_EMAIL=', EM(au, 'patch_deleted_file'), '\n-SENTRY_RELEASE=',
          N(ver(), 'ip', 'neg_ip_like_release_version_patch'), '\n')
    D.add('diff --git a/tests/fixtures/aws.env b/tests/fixtures/aws.env\nnew file mode 100644\nindex 0000000..', rs(HEX, 7), '\n--- /dev/null\n+++ b/tests/fixtures/aws.env\n@@ -0,0 +1,3 @@\n'
          '+AWS_ACCESS_KEY_ID=', SEC(AWS_DOC_AKID, 'neg_aws_doc_key_patch_fixture', pos=False), '\n+AWS_SECRET_ACCESS_KEY=', SEC(AWS_DOC_SECRET, 'neg_aws_doc_secret_patch_fixture', pos=False),
          '\n+AWS_DEFAULT_REGION=eu-central-1\n-- \n2.43.0\n\n')


def f_reg_utf16():
    """Windows `reg export` (UTF-16LE with BOM, CRLF): PuTTY / ODBC / Office identity / mapped drives."""
    D = Doc('exports/win/HKCU_Software_backup_2024-03-11.reg', enc='utf-16-le', bom=True)
    p = subject('el_GR', domain='northwind-ml.eu')
    lat = latin(p.first) + '.' + latin(p.last)
    nl = '\r\n'
    D.add('Windows Registry Editor Version 5.00', nl, nl, '[HKEY_CURRENT_USER\\Software\\SimonTatham\\PuTTY\\Sessions\\prod-db]', nl, '"HostName"="deploy@', IPL('reg_putty_hostname'), '"', nl,
          '"PortNumber"=dword:00000016', nl, '"ProxyMethod"=dword:00000003', nl, '"ProxyHost"="proxy.northwind.local"', nl, '"ProxyUsername"="', lat, '"', nl, '"ProxyPassword"="',
          SEC(human_password(), 'secret_reg_putty_proxy_password'), '"', nl, '"PublicKeyFile"="C:\\\\Users\\\\', lat, '\\\\.ssh\\\\id_ed25519.ppk"', nl, nl)
    D.add('[HKEY_CURRENT_USER\\Software\\Martin Prikryl\\WinSCP 2\\Sessions\\nas]', nl, '"HostName"="192.168.1.20"', nl, '"UserName"="admin"', nl, '"Password"="', rs('0123456789ABCDEF', 68), '"', nl, nl)
    D.add('[HKEY_CURRENT_USER\\Software\\ODBC\\ODBC.INI\\ReportingDSN]', nl, '"Driver"="C:\\\\Windows\\\\System32\\\\sqlsrv32.dll"', nl, '"Server"="sql01.northwind.local"', nl, '"Database"="Reporting"', nl,
          '"UID"="report_ro"', nl, '"PWD"="', SEC(password(), 'secret_reg_odbc_pwd'), '"', nl, nl)
    D.add('[HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\16.0\\Common\\Identity\\Identities\\', uid(), '_ADAL]', nl, '"EmailAddress"="', EM(p, 'reg_office_identity'), '"', nl,
          '"FriendlyName"="', NM(p, 'reg_office_identity_greek'), '"', nl, '"ProviderId"="', uid(), '"', nl, '"SignInName"="', EM(p, 'reg_office_sign_in_name'), '"', nl, nl)
    D.add('[HKEY_CURRENT_USER\\Network\\Z]', nl, '"RemotePath"="\\\\\\\\10.0.0.5\\\\finance"', nl, '"UserName"="NORTHWIND\\\\', lat, '"', nl, '"ProviderType"=dword:00020000', nl, nl)
    D.add('[HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RunMRU]', nl, '"a"="\\\\\\\\fileserver\\\\hr\\\\Μισθοδοσία_2024.xlsx\\\\1"', nl, '"b"="cmd /c echo ',
          SEC(password(), 'secret_reg_runmru_typed_password'), ' | clip\\\\1"', nl, '"MRUList"="ba"', nl, nl)
    D.add('[HKEY_CURRENT_USER\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon]', nl, '"DefaultUserName"="', lat, '"', nl, '"DefaultPassword"="', SEC(human_password(), 'secret_reg_winlogon_default_password'), '"', nl,
          '"AutoAdminLogon"="1"', nl, nl, '[HKEY_CURRENT_USER\\Software\\Vendor\\Agent]', nl, '"InstallId"="{', N(uid().upper(), 'secret', 'neg_guid_install_id_reg'), '}"', nl, '"Version"="', N(ver(), 'ip', 'neg_ip_like_version_reg'), '"', nl,
          '"NicMac"="', P(mac('-', True), 'mac', 'mac_reg_dash_upper'), '"', nl, '"TapMac"="', N('FF-FF-FF-FF-FF-FF', 'mac', 'neg_mac_broadcast_reg'), '"', nl, nl)

# ---------------------------------------------------------------- chat / media
LRM = '\u200e'


def f_whatsapp_ios():
    """WhatsApp iOS export (_chat.txt): [dd/mm/yyyy, hh:mm:ss] Name: text, U+200E marks, attachments, multi-line messages."""
    D = Doc('chat/whatsapp/WhatsApp Chat - Familia Rodríguez/_chat.txt')
    fam = [subject('es_AR') for _ in range(4)] + [subject('es_CL')]
    t = dt.datetime(2024, 3, 1, 9, 14, 31)
    stamp = lambda: '[%s]' % t.strftime('%d/%m/%Y, %H:%M:%S')
    unsaved = phone_num('AR')
    D.add(stamp(), ' Familia Rodríguez: ', LRM, 'Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.\n')
    D.add(LRM, stamp(), ' ', NM(fam[0], 'whatsapp_ios_sender'), ': ', LRM, 'added ', PH('AR', 'intl', 'phone_ar_whatsapp_system_added', n=unsaved), '\n')
    abuela = subject('es_AR', sex='F', lo=1935, hi=1950)
    for i in range(60):
        t += dt.timedelta(minutes=R.randint(1, 300), seconds=R.randint(0, 59))
        k = i % 15
        s = fam[i % len(fam)]
        who = [NM(s, 'whatsapp_ios_sender')] if i % 9 != 4 else [PH('AR', 'intl', 'phone_ar_whatsapp_ios_unsaved_sender', n=unsaved)]
        pre = [stamp(), ' '] + who + [': ']
        if k == 0:
            D.add(pre, 'Che, para sacar el turno de la abuela en el PAMI me piden el CUIL ', NIDL(abuela, 'whatsapp_ios_text'), ' y la fecha de nacimiento ', DOBL(abuela.dob.strftime('%d/%m/%Y'), 'whatsapp_ios_text_grandma'), '\n')
        elif k == 1:
            D.add(LRM, pre, LRM, '<attached: %08d-PHOTO-%s.jpg>\n' % (R.randint(1, 99), t.strftime('%Y-%m-%d-%H-%M-%S')))
        elif k == 2:
            D.add(pre, 'Les paso la dirección nueva:\n', AD('es_AR', 'whatsapp_ios_multiline_continuation', v=fk('es_AR').street_address()), '\n', pick(['Timbre 3B', 'Piso 4 dto C', 'Casa del fondo']), '\n')
        elif k == 3:
            D.add(pre, 'transferime a este alias: ', '.'.join(pick(['gato', 'mesa', 'lluvia', 'rio', 'campo']) for _ in range(3)), ' o al CBU ', '0' + d(21), '\n')
        elif k == 4:
            D.add(pre, 'Mi mail del laburo es ', EM(subject('es_AR', domain=pick(['mercadolibre.com', 'globant.com', 'despegar.com'])), 'whatsapp_ios_text_work'), ' por si acaso\n')
        elif k == 5:
            D.add(LRM, pre, LRM, 'Location: https://maps.google.com/?q=', negv('%.6f,%.6f' % (R.uniform(-38, -31), R.uniform(-65, -57)), 'phone', 'neg_phone_location_coords_whatsapp'), '\n')
        elif k == 6:
            D.add(pre, 'Llamen al tío al ', PH('AR', 'nat', 'phone_ar_whatsapp_ios_text_national'), ' que ya volvió de Chile\n')
        elif k == 7:
            cl = fam[4]
            D.add(pre, 'prima, mi RUT es ', NIDL(cl, 'whatsapp_ios_text_chile'), ' y el celu ', PHL(cl, 'intl', 'whatsapp_ios_text_chile'), '\n')
        elif k == 8:
            D.add(LRM, pre, LRM, 'This message was deleted.\n')
        elif k == 9:
            D.add(pre, 'pagué la prepaga con la tarjeta ', CARD(card_grp(gen_card(pick(['visa', 'mc']))), 'card_whatsapp_ios_text'), ' , después me la devuelven\n')
        elif k == 10:
            D.add(pre, 'el pedido es el ', negnum(lambda: '2000%s' % d(8), 'phone', 'neg_phone_order_number_whatsapp'), ' de Mercado Libre, llega el jueves\n')
        elif k == 11:
            D.add(LRM, pre, LRM, 'Contact card omitted\n')
        elif k == 12:
            D.add(pre, 'Feliz cumple ', NM(fam[(i + 1) % len(fam)], 'whatsapp_ios_text_first', 'first'), '!!! 🎂🎉\n')
        elif k == 13:
            D.add(pre, 'El turno es el ', NDOB('%02d/%02d/2024' % (R.randint(1, 28), R.randint(3, 5)), 'whatsapp_ios_appointment'), ' a las 10:30\n')
        else:
            D.add(pre, pick(['jajaja', 'dale', 'Buenísimo', '👍', 'ok gracias', 'Ya llego']), '\n')


def f_telegram_json():
    """Telegram Desktop export result.json: text as entity arrays, duplicated in text_entities."""
    D = Doc('chat/telegram/ChatExport_2024-03-12/result.json')
    ppl = [subject('uk_UA') for _ in range(3)] + [subject('ru_RU')]
    msgs = []
    t = dt.datetime(2024, 3, 1, 10, 12, 44)
    msgs.append({'id': 1, 'type': 'service', 'date': t.strftime('%Y-%m-%dT%H:%M:%S'), 'date_unixtime': str(int(t.timestamp())), 'actor': NM(ppl[0], 'telegram_service_actor'),
                 'actor_id': 'user%d' % R.randint(10 ** 8, 10 ** 10), 'action': 'create_group', 'title': 'Квартира Київ — оренда', 'members': [NM(p, 'telegram_service_members') for p in ppl], 'text': '', 'text_entities': []})
    for i in range(2, 38):
        t += dt.timedelta(minutes=R.randint(1, 400))
        s = ppl[i % 4]
        k = i % 9
        ents = None
        if k == 0:
            ph = PHL(s, pick(['intl', 'nat']), 'telegram_entity')
            ents = ['Мій номер ', ('phone', ph), ', дзвоніть після 18:00']
        elif k == 1:
            ents = ['Пишіть на пошту ', ('email', EM(s, 'telegram_entity')), ' – скину договір']
        elif k == 2:
            ents = ['РНОКПП для договору: ', (NIDL(s, 'telegram_text') if i % 18 != 2 else NEGID(s, 'telegram')) if s.loc == 'uk_UA' else NIDL(s, 'telegram_text_inn'), '\nАдреса: ', AD(s.loc, 'telegram_text')]
        elif k == 3:
            ents = ['Оплата на IBAN ', IBL('UA', 'telegram_text'), ' (', NM(s, 'telegram_text_account_holder'), ')']
        elif k == 4:
            ents = ['Або на картку ', ('bank_card', CARD(card_grp(gen_card(pick(['visa', 'mc']))), 'card_telegram_bank_card_entity')), ' Приват']
        elif k == 5:
            ents = [('mention', '@' + rs(LO, 7) + '_kyiv'), ' глянь будь ласка']
        elif k == 6:
            ents = ['Дата народження ', DOBL(s.dob.strftime('%d.%m.%Y'), 'telegram_text'), ' – потрібно для страховки']
        elif k == 7:
            ents = ['Лічильник №', negnum(lambda: d(8), 'phone', 'neg_phone_meter_number_telegram'), ', показники 04512']
        else:
            ents = [pick(['Добре', 'Дякую!', 'Ок, домовились', '👍'])]
        text = []
        tents = []
        for e in ents:
            if isinstance(e, tuple):
                typ, v = e
                v2 = v.re(v.value, v.form + '_dup_text_entities') if isinstance(v, L) else v
                text.append({'type': typ, 'text': v})
                tents.append({'type': typ, 'text': v2})
            else:
                text.append(e)
                tents.append({'type': 'plain', 'text': e.re(e.value, e.form + '_dup_text_entities') if isinstance(e, L) else e})
        if len(text) == 1 and not isinstance(text[0], dict):
            text = text[0]
        else:
            text = [T(x) if isinstance(x, L) else x for x in text]
        fid = 'user%d' % R.randint(10 ** 8, 10 ** 10)
        msgs.append({'id': i, 'type': 'message', 'date': t.strftime('%Y-%m-%dT%H:%M:%S'), 'date_unixtime': str(int(t.timestamp())), 'from': NM(s, 'telegram_from'),
                     'from_id': negv(fid, 'phone', 'neg_phone_telegram_user_id') if i % 11 == 0 else fid, 'text': text if isinstance(text, (str, L)) else text,
                     'text_entities': [dict(te, text=(T(te['text']) if isinstance(te['text'], L) else te['text'])) for te in tents]})
    D.add(J({'name': 'Квартира Київ — оренда', 'type': 'private_group', 'id': R.randint(10 ** 9, 10 ** 10), 'messages': msgs}, indent=1), '\n')


def f_discord_json():
    """DiscordChatExporter JSON of a developer-support channel (Arabic / English; a leaked bot token)."""
    D = Doc('chat/discord/Falak Dev Community - support - help-desk [1029384756102938475].json')
    users = [subject(pick(['ar_SA', 'ar_AE', 'ar_EG'])) for _ in range(5)]
    handles = [rs(LO, 6) + pick(['_dev', '99', '.sa', '_ae', '']) for _ in users]
    ids = [str(R.randint(10 ** 17, 10 ** 18)) for _ in users]
    t = dt.datetime(2024, 3, 10, 17, 0, 0)
    msgs = []
    for i in range(30):
        t += dt.timedelta(minutes=R.randint(1, 90), seconds=R.randint(0, 59))
        j = i % 5
        u = users[j]
        k = i % 8
        if k == 0:
            content = T('مرحبا، البوت ما يشتغل. هذا التوكن: ', SEC(sec('discord'), 'secret_discord_content_bot_token'))
        elif k == 1:
            content = T('please DM me or email ', EM(u, 'discord_content'), ' with the invoice')
        elif k == 2:
            content = T('رقمي ', PHL(u, pick(['intl', 'nat']), 'discord_content_arabic'), ' واتساب')
        elif k == 3:
            content = T('تحويل على الآيبان ', IBL('SA', 'discord_content', grouped=True) if u.loc == 'ar_SA' else IBL('AE', 'discord_content', grouped=True))
        elif k == 4:
            content = T('test with `', SEC('sk_test_' + rs(ALNUM, 24), 'secret_discord_content_stripe_test_key'), '` works, but live key `', SEC('sk_live_' + '*' * 20 + rs(ALNUM, 4), 'neg_masked_live_key_discord', pos=False), '` fails')
        elif k == 5:
            content = T('ticket #', str(R.randint(1000, 9999)), ' closed – shipped to ', AD(u.loc, 'discord_content'))
        elif k == 6:
            content = T('ping <@', N(ids[(j + 1) % 5], 'phone', 'neg_phone_discord_snowflake_mention') if not valid_any(ids[(j + 1) % 5]) else ids[(j + 1) % 5], '> can you check?')
        else:
            content = T(pick(['شكراً', 'تم ✅', 'any update?', 'جرب تعيد تشغيل السيرفر', 'fixed in v2']))
        msgs.append({'id': str(R.randint(1215000000000000000, 1216000000000000000)), 'type': 'Default', 'timestamp': t.strftime('%Y-%m-%dT%H:%M:%S.') + '%03d+00:00' % R.randint(0, 999),
                     'timestampEdited': None, 'callEndedTimestamp': None, 'isPinned': False, 'content': content,
                     'author': {'id': ids[j], 'name': handles[j], 'discriminator': '0000', 'nickname': NM(u, 'discord_author_nickname'), 'color': pick(['#1ABC9C', None, '#E91E63']), 'isBot': False,
                                'roles': [{'id': str(R.randint(10 ** 17, 10 ** 18)), 'name': 'member', 'color': None, 'position': 1}], 'avatarUrl': 'https://cdn.discordapp.com/avatars/%s/%s.png?size=512' % (ids[j], rs(HEX, 32))},
                     'attachments': [], 'embeds': [], 'stickers': [], 'reactions': [], 'mentions': [], 'inlineEmojis': []})
    doc = {'guild': {'id': '1029384756102938475', 'name': 'Falak Dev Community', 'iconUrl': 'https://cdn.discordapp.com/icons/1029384756102938475/%s.png?size=512' % rs(HEX, 32)},
           'channel': {'id': str(R.randint(10 ** 18, 2 * 10 ** 18)), 'type': 'GuildTextChat', 'categoryId': str(R.randint(10 ** 18, 2 * 10 ** 18)), 'category': 'support', 'name': 'help-desk', 'topic': 'اسأل هنا'},
           'dateRange': {'after': None, 'before': None}, 'exportedAt': '2024-03-12T08:00:11.123+00:00', 'messages': msgs, 'messageCount': len(msgs)}
    D.add(J(doc, indent=2), '\n')


def f_line_txt():
    """LINE chat history export (Thai family group): date headers, tab-separated time / sender / text."""
    D = Doc('chat/line/[LINE] Chat with ครอบครัว 🏠.txt')
    fam = [subject('th_TH') for _ in range(4)]
    D.add('[LINE] Chat history with ครอบครัว 🏠\nSaved on: 2024/03/12 14:22\n\n')
    t = dt.datetime(2024, 3, 8, 8, 0)
    day = None
    for i in range(44):
        t += dt.timedelta(minutes=R.randint(3, 500))
        if t.date() != day:
            day = t.date()
            D.add('\n' if i else '', t.strftime('%Y/%m/%d(%a)'), '\n')
        s = fam[i % 4]
        k = i % 10
        pre = [t.strftime('%H:%M'), '\t', NM(s, 'line_sender') if i % 3 else P(s.first, 'name', 'name_line_sender_first'), '\t']
        if k == 0:
            D.add(pre, 'ลูก ส่งเลขบัตรประชาชนมาให้แม่หน่อย จะไปทำประกัน\n')
        elif k == 1:
            D.add(pre, ID('th.pin', g_thpin(), 'th_pin_line_message_alone') if i % 20 == 1 else ID('th.pin', corrupt(g_thpin(), 'th.pin'), 'neg_th_pin_typo_line', pos=False), '\n')
        elif k == 2:
            D.add(pre, 'โอนพร้อมเพย์มาที่ ', PH('TH', 'nat', 'phone_th_line_promptpay'), ' นะ\n')
        elif k == 3:
            D.add(pre, '"ที่อยู่ใหม่\n', AD('th_TH', 'line_quoted_multiline'), '\nโทร ', PHL(s, 'nat', 'line_quoted_multiline'), '"\n')
        elif k == 4:
            D.add(pre, '[Photo]\n')
        elif k == 5:
            D.add(pre, 'วันเกิดพ่อ ', DOBL(be_date(s.dob), 'line_buddhist_era_words'), ' อย่าลืมนะ\n')
        elif k == 6:
            D.add(pre, 'เลขพัสดุ ', N('TH%d%s' % (R.randint(10 ** 11, 10 ** 12), pick(['A', 'B', 'E'])), 'phone', 'neg_phone_parcel_tracking_line'), '\n')
        elif k == 7:
            D.add(pre, 'อีเมลน้อง ', EM(s, 'line_message'), '\n')
        elif k == 8:
            D.add(pre, '[Sticker]\n')
        else:
            D.add(pre, pick(['โอเคจ้า', 'ได้ครับ', '555', 'ถึงบ้านแล้ว']), '\n')


def srt_ts(sec_):
    h, r = divmod(sec_, 3600)
    m, s = divmod(r, 60)
    return '%02d:%02d:%06.3f' % (h, m, s)


def f_srt_interview():
    """SRT subtitles of a South African small-business interview (details said on camera)."""
    D = Doc('media/interviews/ep07_smallbiz_durban/ep07_smallbiz_durban.en.srt')
    g = subject('en_ZA', sex='F')
    host = subject('en_ZA')
    n = phone_num('ZA')
    nat = pfmt(n, 'nat')
    a, b = nat.rsplit(' ', 1)
    cues = [['Welcome back to Local Legends. I\'m ', NM(host, 'srt_host_intro'), '.'],
            ['Today I\'m in Umhlanga with ', NM(g, 'srt_guest_intro'), ',\nwho runs a bakery from her garage.'],
            ['So tell us, where can people find you?'],
            ['We\'re at ', AD('en_ZA', 'srt_spoken_cue'), ',\nright next to the pharmacy.'],
            ['And orders?'],
            ['WhatsApp me on ', P(a + '\n' + b, 'phone', 'phone_za_srt_split_across_cue_lines'), ', any time after six.'],
            ['Or e-mail ', P(spoken_email(g.email), 'email', 'email_srt_spoken_at_dot'), '.'],
            ['The bank needed my ID, ', NIDL(g, 'srt_spoken_digits'), ',\nand proof of address, that took weeks.'],
            ['We opened on the ', NDOB('1st of March 2021', 'srt_opening_date_words'), '.'],
            ['My mom, she was born ', DOBL('%d %s %d' % (g.dob.day, ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][g.dob.month - 1], g.dob.year - 27 if g.dob.year > 1960 else 1938),
                                           'srt_spoken_mother_birth'), ', taught me everything.'],
            ['For the tender we quote order number ', negnum(lambda: d(9), 'phone', 'neg_phone_order_number_srt'), '.'],
            ['Thanks for having us!'], ['[MUSIC]']]
    t = 2.0
    for i, c in enumerate(cues, 1):
        dur = R.uniform(2.0, 4.5)
        D.add('%d\n%s --> %s\n' % (i, srt_ts(t).replace('.', ','), srt_ts(t + dur).replace('.', ',')), c, '\n\n')
        t += dur + R.uniform(0.1, 1.2)


def spoken_email(e):
    local, dom = e.split('@')
    sp = lambda s: s.replace('.', ' dot ').replace('_', ' underscore ').replace('-', ' dash ')
    return sp(local) + ' at ' + sp(dom)


EN_DIG = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']


def spoken_digits(s, oh=True):
    return ' '.join(('oh' if (oh and c == '0') else EN_DIG[int(c)]) for c in s if c.isdigit())


def f_vtt_interview():
    """WebVTT with <v Speaker> voice spans and NOTE blocks (Bengaluru founder interview)."""
    D = Doc('media/interviews/ep11_bengaluru_founder/ep11.en.vtt')
    g = subject('en_IN', sex='M')
    h = subject('en_IN', sex='F')
    D.add('WEBVTT\nKind: captions\nLanguage: en\n\nNOTE\nauto-generated, reviewed by ', NM(subject('en_IN'), 'vtt_note_reviewer'), ' on ', NDOB('2024-03-09', 'vtt_note_review_date'), '\n\n')
    lines = [(h, ['Hi everyone, I\'m ', NM(h, 'vtt_text_self_intro'), ', and this is Founders Unfiltered.']),
             (g, ['Thanks for having me. I\'m ', NM(g, 'vtt_text_self_intro'), ', I started Chai Logistics in 2019.']),
             (h, ['People keep asking how to reach you.']),
             (g, ['Honestly just call me, ', PHL(g, 'nat', 'vtt_text'), ', or mail ', EM(g, 'vtt_text'), '.']),
             (g, ['Our first warehouse was at ', AD('en_IN', 'vtt_text'), '.']),
             (h, ['And the GST registration?']),
             (g, ['Took forever. They rejected my PAN ', ID('in_.pan', g_pan(g.last), 'in_pan_vtt_text'), ' twice because of a typo.']),
             (g, ['My Aadhaar is linked to an old number, ', P(spoken_digits(pfmt(phone_num('IN'), 'nat_digits')[-10:], oh=False), 'phone', 'phone_in_vtt_spoken_digits'), '.']),
             (g, ['The KYC desk read my Aadhaar back to me, ', ID('in_.aadhaar', g_aadhaar(), 'in_aadhaar_vtt_text'), ', on speakerphone.']),
             (h, ['We\'re at 2.3 million downloads, episode ', '112', '.'])]
    t = 1.0
    for sp, txt in lines:
        dur = R.uniform(2.5, 5.0)
        D.add(srt_ts(t), ' --> ', srt_ts(t + dur), ' line:90% align:center\n<v ', NM(sp, 'vtt_voice_span'), '>', txt, '</v>\n\n')
        t += dur + 0.4


def f_podcast_transcript():
    """Otter-style podcast transcript: 'Speaker  m:ss' headers, spoken numbers and e-mails."""
    D = Doc('media/podcast/transcripts/ep112_otter_export.txt')
    host = subject('he_IL', sex='M')
    guest = subject('he_IL', sex='F')
    for q, (f_, l_) in ((host, pick([('Avi', 'Biton'), ('Eitan', 'Friedman'), ('Omer', 'Shapira'), ('Roni', 'Dahan')])), (guest, pick([('Maya', 'Cohen'), ('Noa', 'Levi'), ('Yael', 'Mizrahi'), ('Tamar', 'Peretz')]))):
        q.first, q.last, q.full = f_, l_, f_ + ' ' + l_
        q.email = pick([f_.lower() + '@' + l_.lower() + pick(['.vc', '-labs.co.il', '.io']), f_.lower() + '.' + l_.lower() + '@gmail.com'])
    n = phone_num('IL')
    nat = pfmt(n, 'nat')
    D.add('Startup Nation Nights – Episode 112\nRecorded ', NDOB('March 4, 2024', 'podcast_recorded_date'), '\n\n')
    segs = [(host, ['Welcome back everybody. Tonight my guest is ', NM(guest, 'podcast_host_intro'), ', who just sold her second company.']),
            (guest, ['Thanks, ', NM(host, 'podcast_first_name', 'first'), '. Happy to be here.']),
            (host, ['Our sponsor this week: call ', N(neg_phone_fict('US'), 'phone', 'neg_phone_us_555_01xx_podcast_ad'), ' and mention the show.']),
            (guest, ['People can reach me directly, my cell is ', P(spoken_digits(re.sub(r'\D', '', nat), oh=False), 'phone', 'phone_il_podcast_spoken_digits'), '.']),
            (guest, ['Or just write to ', P(spoken_email(guest.email), 'email', 'email_podcast_spoken_at_dot'), ', I read everything.']),
            (host, ['You were born in ', DOBL('%s %d' % (['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][guest.dob.month - 1], guest.dob.year), 'podcast_month_year'),
                    ', right? Same year as me.']),
            (guest, ['Yes. And the first office was literally my apartment, ', AD('he_IL', 'podcast_spoken_address'), '.']),
            (host, ['Version ', N(ver(), 'ip', 'neg_ip_like_version_podcast'), ' shipped the week of the exit, right?']),
            (guest, ['Right. Anyway, the Teudat Zehut thing – my ID ', NIDL(guest, 'podcast_said_digits'), ' got leaked in that breach, so be careful.'])]
    t = 0
    for sp, txt in segs:
        D.add(NM(sp, 'podcast_speaker_label'), '  %d:%02d\n' % divmod(t, 60), txt, '\n\n')
        t += R.randint(8, 95)
    D.add('Transcribed by https://otter.ai\n')

# ---------------------------------------------------------------- business exports / datasets
def f_jira_csv():
    """Jira Cloud CSV export: repeated Comment / Watchers columns, multi-line descriptions with {code} blocks."""
    D = Doc('support/jira/Jira_SUP_2024-03-11T0412.csv')
    agents = [subject('vi_VN', domain='saigon-saas.vn') for _ in range(3)]
    hdr = ['Summary', 'Issue key', 'Issue id', 'Issue Type', 'Status', 'Priority', 'Assignee', 'Reporter', 'Created', 'Updated', 'Description', 'Comment', 'Comment', 'Comment',
           'Custom field (Customer Email)', 'Custom field (Customer Phone)', 'Watchers', 'Watchers']
    D.add(csv_row(hdr))
    for i in range(18):
        c = subject('vi_VN')
        a, r = agents[i % 3], agents[(i + 1) % 3]
        k = i % 6
        created = dt.datetime(2024, 3, 1) + dt.timedelta(hours=R.randint(0, 240))
        jd = lambda x: x.strftime('%d/%b/%y %I:%M %p')
        if k == 0:
            desc = T('Khách hàng báo lỗi 401 khi gọi API.\n\n{code:bash}\ncurl -H "X-Api-Key: ', SEC(rs(ALNUM, 40), 'secret_jira_description_code_block_api_key'), '" https://api.saigon-saas.vn/v2/orders\n{code}\n\nIP khách: ', IPL('jira_description'))
        elif k == 1:
            desc = T('Customer ', NM(c, 'jira_description_en'), ' (', EM(c, 'jira_description'), ') cannot reset password.\nLog:\n{noformat}\n', rts().strftime('%Y-%m-%d %H:%M:%S'), ' WARN reset failed user=', EM(c, 'jira_noformat_log'),
                     ' ip=', IPL('jira_noformat_log'), '\n{noformat}')
        elif k == 2:
            desc = T('Đổi địa chỉ giao hàng sang ', AD('vi_VN', 'jira_description'), ', SĐT ', PHL(c, 'nat', 'jira_description'), '.')
        elif k == 3:
            desc = T('Hoàn tiền về thẻ ', N('**** ' + d(4), 'card', 'neg_card_masked_last4_jira'), ' (khách gõ nhầm số thẻ ', CARD(neg_card(), 'neg_card_luhn_fail_jira', pos=False), '), mã giao dịch ', negnum(lambda: 'FT' + d(12), 'phone', 'neg_phone_bank_txn_ref_jira'), '.')
        elif k == 4:
            desc = T('Xuất hóa đơn VAT: MST ', ID('vn.mst', g_mst(), 'vn_mst_jira_description'), ', người nhận ', NM(c, 'jira_description_vi'), '.')
        else:
            desc = T('Upgrade to v', N(ver(), 'ip', 'neg_ip_like_version_jira'), ' broke the webhook.')
        com = lambda who, *x: T(jd(created + dt.timedelta(hours=R.randint(1, 48))), ';', rs('0123456789abcdef', 24), ';', *x)
        comments = [com(a, 'Đã liên hệ khách qua ', PHL(c, pick(['nat', 'intl']), 'jira_comment'), '.'), com(r, '[~accountid:', rs(HEX, 24), '] please check'), '' if k % 2 else com(a, 'Done.')]
        row = [pick(['Lỗi đăng nhập', 'Cannot reset password', 'Đổi địa chỉ', 'Refund request', 'Hóa đơn VAT', 'Webhook broken']), 'SUP-%d' % (4100 + i), str(R.randint(10000, 99999)),
               pick(['Bug', 'Task', 'Support']), pick(['Open', 'In Progress', 'Done']), pick(['Medium', 'High']), [NM(a, 'jira_assignee')], [NM(r, 'jira_reporter')],
               [NDOB(jd(created), 'jira_created') if k == 5 else jd(created)], jd(created + dt.timedelta(days=1)), desc] + comments + \
              [[EM(c, 'jira_custom_field')] if k != 3 else [N(neg_email(), 'email', 'neg_email_reserved_jira')], [PHL(c, 'e164', 'jira_custom_field')], latin(a.first) + '.' + latin(a.last), '']
        D.add(csv_row(row))


def f_qualtrics_csv():
    """Qualtrics response export: three header rows (ids, question text, ImportId JSON), free-text answers."""
    D = Doc('surveys/qualtrics/CX_Survey_2024Q1_March 11, 2024_10.12.csv')
    cols = ['StartDate', 'EndDate', 'Status', 'IPAddress', 'Progress', 'Duration (in seconds)', 'Finished', 'RecordedDate', 'ResponseId', 'RecipientLastName', 'RecipientFirstName',
            'RecipientEmail', 'ExternalReference', 'LocationLatitude', 'LocationLongitude', 'DistributionChannel', 'UserLanguage', 'Q1', 'Q2', 'Q3_TEXT']
    D.add(csv_row(cols))
    D.add(csv_row(['Start Date', 'End Date', 'Response Type', 'IP Address', 'Progress', 'Duration (in seconds)', 'Finished', 'Recorded Date', 'Response ID', 'Recipient Last Name', 'Recipient First Name',
                   'Recipient Email', 'External Data Reference', 'Location Latitude', 'Location Longitude', 'Distribution Channel', 'User Language',
                   'How likely are you to recommend us to a friend or colleague?', 'What is the main reason for your score?', 'Anything else? Leave your contact details if you would like a call back.']))
    D.add(csv_row(['{"ImportId":"%s"}' % x for x in ['startDate', 'endDate', 'status', 'ipAddress', 'progress', 'duration', 'finished', 'recordedDate', '_recordId', 'recipientLastName', 'recipientFirstName',
                                                     'recipientEmail', 'externalDataReference', 'locationLatitude', 'locationLongitude', 'distributionChannel', 'userLanguage', 'QID1', 'QID2_TEXT', 'QID3_TEXT']]))
    reasons = {'TR': ['Kargo çok geç geldi.', 'Müşteri hizmetleri çok ilgiliydi', 'Fiyatlar yükseldi'], 'HU': ['Gyors szállítás, kedves futár.', 'Drága lett.'], 'EL': ['Πολύ καλή εξυπηρέτηση.', 'Άργησε η παράδοση.'],
               'RO': ['Livrare rapidă.', 'Aplicația se blochează des.']}
    for i in range(24):
        loc = ['tr_TR', 'hu_HU', 'el_GR', 'ro_RO'][i % 4]
        p = subject(loc)
        lang = {'tr_TR': 'TR', 'hu_HU': 'HU', 'el_GR': 'EL', 'ro_RO': 'RO'}[loc]
        k = i % 7
        st = rts(dt.date(2024, 3, 1 + i % 10))
        lat, lon = R.uniform(36, 48), R.uniform(20, 30)
        if k == 0:
            q3 = T('Lütfen beni arayın: ' if lang == 'TR' else 'Please call me: ', PHL(p, 'nat', 'qualtrics_free_text'), '\n', NM(p, 'qualtrics_free_text_signoff'))
        elif k == 1:
            q3 = T('Η παραγγελία ήρθε σε λάθος διεύθυνση. Σωστή: ' if lang == 'EL' else 'Wrong address, the correct one is ', AD(loc, 'qualtrics_free_text'))
        elif k == 2:
            q3 = T('refund to ', IBL({'tr_TR': 'TR', 'hu_HU': 'HU', 'el_GR': 'GR', 'ro_RO': 'RO'}[loc], 'qualtrics_free_text', grouped=True), ' please, "thanks"')
        elif k == 3:
            q3 = T('mail: ', EM(p, 'qualtrics_free_text'), ' – or [NAME] from your team can ', N('[PHONE]', 'phone', 'neg_phone_bracket_placeholder_qualtrics'), ' me')
        elif k == 4:
            q3 = T('n/a')
        else:
            q3 = T('')
        ip = IPL('qualtrics_ip_column') if k not in (4, 6) else (priv_ipv4() if k == 4 else N(doc_ipv4(), 'ip', 'neg_ip_documentation_qualtrics'))
        anon = k == 6
        row = [st.strftime('%Y-%m-%d %H:%M:%S'), (st + dt.timedelta(minutes=R.randint(2, 14))).strftime('%Y-%m-%d %H:%M:%S'), 'IP Address', [ip], '100', str(R.randint(60, 900)), 'True',
               (st + dt.timedelta(minutes=15)).strftime('%Y-%m-%d %H:%M:%S'), [N('R_' + rs(ALNUM, 15), 'secret', 'neg_qualtrics_response_id')] if i == 1 else 'R_' + rs(ALNUM, 15),
               '' if anon else [NM(p, 'qualtrics_recipient_last', 'last')], '' if anon else [NM(p, 'qualtrics_recipient_first', 'first')], '' if anon else [EM(p, 'qualtrics_recipient_email')],
               'CRM-%06d' % R.randint(1, 999999), [negv('%.6f' % lat, 'phone', 'neg_phone_latitude_qualtrics')] if k == 3 else '%.6f' % lat, '%.6f' % lon, 'email' if not anon else 'anonymous', lang,
               str(R.randint(0, 10)), pick(reasons[lang]), q3]
        D.add(csv_row(row))


def f_hr_two_header_rows():
    """Hungarian HR master-data export: semicolon CSV, two header rows (groups + fields), yyyy.mm.dd. dates."""
    D = Doc('hr/exports/Torzsadatok_2024-03_ketsoros_fejlec.csv')
    D.add(csv_row(['Személyes adatok', '', '', '', 'Elérhetőség', '', '', 'Bank', 'Munkaviszony', '', ''], delim=';', eol='\r\n'))
    D.add(csv_row(['Név', 'Születési név', 'Születési dátum', 'Anyja neve', 'Telefon', 'E-mail', 'Lakcím', 'Bankszámla (IBAN)', 'Belépés', 'Munkakör', 'Adóazonosító jel'], delim=';', eol='\r\n'))
    for i in range(20):
        p = subject('hu_HU')
        mother = subject('hu_HU', sex='F')
        k = i % 6
        bn = [NM(p, 'hu_hr_birth_name')] if (p.sex == 'F' and k % 2 == 0) else ''
        row = [[NM(p, 'hu_hr_family_first')], bn, [DOBL(p.dob.strftime('%Y.%m.%d.'), 'hu_hr_dotted_trailing_dot')] if k != 5 else [DOBL(p.dob.strftime('%Y. %m. %d.'), 'hu_hr_spaced')],
               [NM(mother, 'hu_hr_mother_name')], [PHL(p, pick(['nat', 'intl']), 'hu_hr_csv')], [EM(p, 'hu_hr_csv')] if k != 2 else [N(neg_email(), 'email', 'neg_email_reserved_hr_csv')],
               [AD('hu_HU', 'hu_hr_csv')], [IBL('HU', 'hu_hr_csv', grouped=(k % 2 == 1))] if k != 4 else [NEGIB('HU', 'hu_hr_csv')],
               [NDOB(rdate(dt.date(2010, 1, 1), dt.date(2024, 3, 1)).strftime('%Y.%m.%d.'), 'hu_hr_start_date')], pick(['adatelemző', 'könyvelő', 'raktáros', 'fejlesztő', 'HR generalista']),
               '8%09d' % R.randint(0, 999999999)]
        D.add(csv_row(row, delim=';', eol='\r\n'))


def f_dataset_card():
    """Hugging Face dataset card (README.md): YAML front matter, Markdown sample tables (raw + masked)."""
    D = Doc('datasets/ko-ja-contact-ner/README.md')
    mt = subject('ko_KR', domain='snu-nlp.kr')
    D.add('---\nlicense: cc-by-nc-4.0\ntask_categories:\n- token-classification\nlanguage:\n- ko\n- ja\npretty_name: KO-JA Contact NER\nsize_categories:\n- 10K<n<100K\n---\n\n# KO-JA Contact NER\n\n'
          'Customer-service messages annotated with PERSON / PHONE / ADDRESS / ID spans. Collected from partner call centres in 2023.\n\n## Dataset Structure\n\n'
          '| id | lang | text | entities |\n|----|------|------|----------|\n')
    for i in range(10):
        loc = 'ko_KR' if i % 2 == 0 else 'ja_JP'
        p = subject(loc)
        if loc == 'ko_KR':
            txt = pick([['안녕하세요 ', NM(p, 'md_table_cell'), '입니다. 연락처는 ', PHL(p, 'nat', 'md_table_cell'), '이고 주민번호는 ', NIDL(p, 'md_table_cell'), '입니다.'],
                        ['배송지를 ', AD('ko_KR', 'md_table_cell'), '(으)로 변경해 주세요. ', NM(p, 'md_table_cell'), ' 드림']])
        else:
            txt = pick([['お世話になっております。', NM(p, 'md_table_cell'), 'です。電話番号は', PHL(p, 'nat', 'md_table_cell'), 'です。'],
                        ['住所変更：', AD('ja_JP', 'md_table_cell'), '、マイナンバー ', NIDL(p, 'md_table_cell'), '。']])
        ents, off = [], 0
        for x in txt:
            n = len(plain(x))
            if isinstance(x, L):
                ents.append([{'name': 'PER', 'phone': 'PHONE', 'address': 'ADDRESS', 'national_id': 'ID'}[x.cat], off, off + n])
            off += n
        D.add('| %s-%05d | %s | ' % (loc[:2], R.randint(1, 99999), loc[:2]), mapesc(txt, lambda s: s.replace('|', '\\|')), ' | `%s` |\n' % json.dumps(ents))
    D.add('\n### Masked variant (`masked` config)\n\n| id | text |\n|----|------|\n| ko-00017 | 안녕하세요 ', N('[NAME]', 'name', 'neg_name_bracket_placeholder_md'), '입니다. 연락처는 ', N('<PHONE_NUMBER>', 'phone', 'neg_phone_angle_placeholder_md'),
          '입니다. |\n| en-00003 | Call me back on ', N(neg_phone_fict('GB'), 'phone', 'neg_phone_uk_drama_range_md'), ' please |\n| ko-00099 | 주민번호 오기재 예시 ', ID('kr.rrn', corrupt(g_rrn(bdate(), 'F'), 'kr.rrn'), 'neg_kr_rrn_bad_check_md', pos=False), ' |\n| ja-00412 | 住所変更：', N('[ADDRESS]', 'address', 'neg_address_bracket_placeholder_md'), '、マイナンバー ', N('XXXX XXXX XXXX', 'national_id', 'neg_mynumber_mask_md'), '。 |\n\n')
    D.add('## Contact\n\nQuestions: ', NM(mt, 'md_contact'), ' (', EM(mt, 'md_contact_university'), '). Please do not e-mail ', N('privacy@example.com', 'email', 'neg_email_reserved_md'), '.\n\n'
          '## Citation\n\n```bibtex\n@inproceedings{kim2024kojaner,\n  title={KO-JA Contact NER},\n  author={Kim, Minseo and Tanaka, Yui},\n  year={2024}\n}\n```\n\nChecksum of `train.jsonl`: `', N(sha256(), 'secret', 'neg_sha256_file_checksum_md'), '`\n')


def f_doccano():
    """doccano JSONL export (Vietnamese customer care) with character-offset span labels."""
    D = Doc('datasets/ner/vi_cskh_doccano_export.jsonl')
    for i in range(30):
        p = subject('vi_VN')
        k = i % 5
        if k == 0:
            parts = ['Chào shop, mình là ', NM(p, 'doccano_text'), ', số điện thoại ', PHL(p, 'nat', 'doccano_text'), '.']
            tags = ['PER', 'PHONE']
        elif k == 1:
            parts = ['Giao giúp mình tới ', AD('vi_VN', 'doccano_text'), ' nhé, cảm ơn.']
            tags = ['LOC']
        elif k == 2:
            parts = ['Email ', EM(p, 'doccano_text'), ' – mã đơn ', negnum(lambda: 'DH' + d(10), 'phone', 'neg_phone_order_code_doccano'), '.']
            tags = ['EMAIL', None]
        elif k == 3:
            parts = ['Mã số thuế cá nhân ', ID('vn.mst', g_mst(), 'vn_mst_doccano_text'), ', ngày sinh ', DOBL(p.dob.strftime('%d/%m/%Y'), 'doccano_text'), '.']
            tags = ['TAXID', 'DOB']
        else:
            parts = ['Shop ơi đơn hàng của mình bao giờ giao vậy?']
            tags = []
        txt = plain(parts)
        spans, off, ti = [], 0, 0
        for x in parts:
            n = len(plain(x))
            if isinstance(x, L):
                if ti < len(tags) and tags[ti]:
                    spans.append([off, off + n, tags[ti]])
                ti += 1
            off += n
        D.add(jl({'id': 48000 + i, 'text': T(*parts), 'label': spans, 'Comments': []}))
        assert all(txt[a:b] for a, b, _ in spans)


def f_cord_receipts():
    """Donut / CORD-style metadata.jsonl: ground_truth is a JSON string (escaped) of parsed Indonesian receipts."""
    D = Doc('datasets/receipts/cord-id-v2/train/metadata.jsonl')
    for i in range(14):
        k = i % 4
        cashier = subject('id_ID')
        member = subject('id_ID')
        store_ph = phone_num('ID', 'f')
        items = [{'nm': pick(['KOPI SUSU GULA AREN', 'ES TEH MANIS', 'NASI GORENG AYAM', 'ROTI BAKAR COKLAT', 'AIR MINERAL 600ML']), 'cnt': str(R.randint(1, 3)), 'price': '{:,}'.format(R.randint(8, 60) * 1000)} for _ in range(R.randint(2, 4))]
        gt = {'gt_parse': {'store_info': {'name': pick(['Warung Kopi Bu Ratna', 'Toko Roti Sinar Jaya', 'Kedai Mie Pak Gino']), 'addr': AD('id_ID', 'cord_ground_truth_escaped_store'),
                                          'tel': PH('ID', 'nat', 'phone_id_cord_store_tel', kind='f', n=store_ph), 'npwp': ID('id.npwp', g_npwp(), 'id_npwp_cord_store') if k != 2 else None},
                           'menu': items, 'total': {'total_price': '{:,}'.format(R.randint(30, 200) * 1000), 'cashprice': '{:,}'.format(R.randint(200, 300) * 1000)},
                           'payment': {'card': N('**** **** **** ' + d(4), 'card', 'neg_card_masked_cord') if k == 1 else None, 'ref': negnum(lambda: d(12), 'phone', 'neg_phone_edc_ref_cord') if k == 1 else None},
                           'cashier': NM(cashier, 'cord_ground_truth_cashier'), 'member': {'name': NM(member, 'cord_member'), 'phone': PHL(member, 'nat', 'cord_member')} if k == 3 else None},
              'meta': {'version': '2.0.0', 'split': 'train', 'image_id': 800 + i, 'image_size': {'width': 864, 'height': 1296}}}
        D.add(jl({'file_name': 'receipt_%05d.png' % (800 + i), 'ground_truth': T(*J(gt, seps=(', ', ': ')))}))


def f_tesseract_tsv():
    """Tesseract TSV (word level) of scanned Chilean ID cards: only values that are one token are labelled."""
    D = Doc('ocr/tesseract/cl_cedula_batch_0193.tsv')
    D.add('level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n')
    for pg in range(1, 5):
        p = subject('es_CL')
        rut = nid_of(p)
        surn = p.last.upper().split() + [fk('es_CL').last_name().upper()]
        given = p.first.upper().split()
        D.add('1\t%d\t0\t0\t0\t0\t0\t0\t1012\t638\t-1\t\n' % pg)
        D.add('2\t%d\t1\t0\t0\t0\t36\t36\t940\t580\t-1\t\n3\t%d\t1\t1\t0\t0\t36\t36\t940\t580\t-1\t\n' % (pg, pg))
        lines = [['REPUBLICA', 'DE', 'CHILE'], ['CEDULA', 'DE', 'IDENTIDAD'], ['APELLIDOS'], [('last', w) for w in surn], ['NOMBRES'], [('first', w) for w in given],
                 ['NACIONALIDAD', 'SEXO'], ['CHILENA', p.sex], ['FECHA', 'DE', 'NACIMIENTO'], p.dob.strftime('%d %b %Y').upper().split(), ['NUMERO', 'DOCUMENTO'], ['%d.%03d.%03d' % (R.randint(100, 600), R.randint(0, 999), R.randint(0, 999))],
                 ['RUN', ('rut', rut)], ['FECHA', 'DE', 'EMISION'], ['%02d' % R.randint(1, 28), pick(['ENE', 'MAR', 'JUL', 'OCT']), str(R.randint(2018, 2023))]]
        top = 40
        for ln_i, words in enumerate(lines, 1):
            D.add('4\t%d\t1\t1\t%d\t0\t40\t%d\t600\t30\t-1\t\n' % (pg, ln_i, top))
            left = 40
            for w_i, w in enumerate(words, 1):
                if isinstance(w, tuple):
                    kind, val = w
                    lab = P(val, 'name', 'name_tesseract_token_' + ('surname' if kind == 'last' else 'given')) if kind in ('last', 'first') else \
                        (ID('cl.rut', val, 'cl_rut_tesseract_token') if pg != 3 else ID('cl.rut', corrupt(val, 'cl.rut'), 'neg_cl_rut_ocr_misread_tesseract', pos=False))
                    text = lab.value
                else:
                    lab, text = None, w
                conf = round(R.uniform(55, 96), 6)
                D.add('5\t%d\t1\t1\t%d\t%d\t%d\t%d\t%d\t28\t%s\t' % (pg, ln_i, w_i, left, top, 14 * len(text), conf), lab if lab else text, '\n')
                left += 14 * len(text) + 12
            top += 38


def f_1c_cp1251():
    """1C:Enterprise counterparty export, semicolon CSV in Windows-1251 with CRLF (Russian)."""
    D = Doc('buh/1C/kontragenty_vygruzka_2024-03.csv', enc='cp1251')
    D.add(csv_row(['Наименование', 'Вид', 'ИНН', 'КПП', 'Телефон', 'Email', 'Юридический адрес', 'Расчетный счет', 'БИК', 'Контактное лицо', 'Дата рождения'], delim=';', eol='\r\n'))
    for i in range(26):
        k = i % 5
        p = subject('ru_RU')
        if k in (0, 3):
            nm = ['ИП ', NM(p, 'cp1251_1c_sole_trader')]
            inn = [NIDL(p, 'cp1251_1c_sole_trader')] if k == 0 else [ID('ru.inn', corrupt(g_inn12(), 'ru.inn'), 'neg_ru_inn_bad_check_cp1251', pos=False)]
            kind, kpp, bd = 'Физ. лицо', '', [DOBL(p.dob.strftime('%d.%m.%Y'), 'cp1251_1c')]
        else:
            nm = ['ООО "' + pick(['Вектор', 'СтройИнвест', 'Альфа-Трейд', 'Северный Ветер', 'ТехноПарк']) + '"']
            inn, kind, kpp, bd = g_inn10(), 'Юр. лицо', d(9), ''
        row = [nm, kind, inn, kpp, [PHL(p, 'nat', 'cp1251_1c')], [EM(p, 'cp1251_1c')] if k != 4 else '', [AD('ru_RU', 'cp1251_1c')], '40%s' % d(18), '04%s' % d(7),
               [NM(p, 'cp1251_1c_contact_person')], bd]
        D.add(csv_row(row, delim=';', eol='\r\n'))


ERAS = [(dt.date(1989, 1, 8), '平成', 1988), (dt.date(1926, 12, 25), '昭和', 1925)]


def wareki(b):
    for start, name, off in ERAS:
        if b >= start:
            y = b.year - off
            return '%s%s年%d月%d日' % (name, '元' if y == 1 else str(y), b.month, b.day)
    return b.isoformat()


def f_sjis_csv():
    """Japanese Excel CSV (Shift_JIS / cp932, CRLF): kana, wareki birth dates, My Number."""
    D = Doc('crm/顧客リスト_2024年3月.csv', enc='cp932')
    D.add(csv_row(['顧客番号', '氏名', 'フリガナ', '生年月日', '電話番号', 'メールアドレス', '郵便番号', '住所', 'マイナンバー', '備考'], eol='\r\n'))
    F = fk('ja_JP')
    n = 0
    while n < 24:
        p = subject('ja_JP')
        addr = F.address().replace('\n', ' ')
        kana = F.last_kana_name() + ' ' + F.first_kana_name()
        try:
            (p.full + addr + kana).encode('cp932')
        except UnicodeEncodeError:
            continue
        n += 1
        k = n % 6
        row = ['C%06d' % R.randint(1, 999999), [NM(p, 'cp932_csv')], kana, [DOBL(wareki(p.dob), 'cp932_wareki_era')] if k != 3 else [DOBL(p.dob.strftime('%Y/%m/%d'), 'cp932_slash')],
               [PHL(p, 'nat', 'cp932_csv')], [EM(p, 'cp932_csv')] if k != 2 else '', '%03d-%04d' % (R.randint(100, 999), R.randint(0, 9999)), [AD('ja_JP', 'cp932_csv', v=addr)],
               [NIDL(p, 'cp932_csv')] if k in (0, 4) else ([ID('jp.in_', corrupt(g_mynumber(), 'jp.in_'), 'neg_jp_mynumber_bad_check_cp932', pos=False)] if k == 1 else ''),
               pick(['', '要折り返し', 'DM不可', '法人担当'])]
        D.add(csv_row(row, eol='\r\n'))

# ============================================================================
# main
# ============================================================================
def comp_of(rel):
    for s in ('gz', 'bz2', 'zst'):
        if rel.endswith('.' + s):
            return s
    return None


def compress(rel, b):
    c = comp_of(rel)
    if c == 'gz':
        return gzip.compress(b, 9, mtime=0)
    if c == 'bz2':
        return bz2.compress(b, 9)
    if c == 'zst':
        return zstandard.ZstdCompressor(level=19).compress(b)
    return b


def decompress(rel, b):
    c = comp_of(rel)
    if c == 'gz':
        return gzip.decompress(b)
    if c == 'bz2':
        return bz2.decompress(b)
    if c == 'zst':
        return zstandard.ZstdDecompressor().decompress(b)
    return b


def label_space(raw, enc):
    """Bytes the label spans index: raw for UTF-8, else UTF-8 of the decoded text without BOM."""
    if enc == 'utf-8':
        return raw
    t = raw.decode(enc)
    if t.startswith('\ufeff'):
        t = t[1:]
    return t.encode('utf-8')


def structural_check(D, text):
    """The files must parse as what they claim to be (escaping bugs show up here)."""
    base = re.sub(r'\.(gz|bz2|zst)$', '', D.rel)
    fmt = D.fmt or next((f for ext, f in (('.jsonl', 'jsonl'), ('.ndjson', 'jsonl'), ('.json', 'json'), ('.ipynb', 'json'), ('.har', 'json'), ('.xml', 'xml'),
                                          ('.csv', 'csv'), ('.tsv', 'tsv')) if base.endswith(ext)), None)
    if fmt == 'jsonl':
        for ln in text.splitlines():
            if ln.strip():
                json.loads(ln)
    elif fmt == 'json':
        json.loads(text)
    elif fmt == 'xml':
        xml.dom.minidom.parseString(text.encode('utf-8'))
    elif fmt in ('csv', 'tsv'):
        first = text.splitlines()[0]
        delim = '\t' if fmt == 'tsv' else (';' if first.count(';') > first.count(',') else ',')
        rows = list(csv.reader(io.StringIO(text, newline=''), delimiter=delim))
        widths = collections.Counter(len(r) for r in rows if r)
        assert len(widths) == 1, (D.rel, widths)


GENERATORS = []


def main():
    out = OPT.out
    os.makedirs(out, exist_ok=True)
    for g in GENERATORS:
        g()
    labels = []
    for D in DOCS:
        path = os.path.join(out, D.rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        text = D.text()
        assert ' object at 0x' not in text, (D.rel, 'an object was %-formatted into the text')
        if D.enc == 'utf-8':
            body = (b'\xef\xbb\xbf' if D.bom else b'') + text.encode('utf-8')
            pos = 3 if D.bom else 0
        else:
            body = (('\ufeff' if D.bom else '') + text).encode(D.enc)   # strict: fails on unencodable text
            pos = 0
        spans = []
        for p in D.parts:
            n = len((p.value if isinstance(p, L) else p).encode('utf-8'))
            if isinstance(p, L):
                spans.append((p, pos, pos + n))
            pos += n
        with open(path, 'wb') as fh:
            fh.write(compress(D.rel, body))
        raw = label_space(decompress(D.rel, open(path, 'rb').read()), D.enc)
        for lab, s, e in spans:
            assert raw[s:e] == lab.value.encode('utf-8'), (D.rel, lab.form, lab.value, raw[s:e])
            assert lab.value.strip(), (D.rel, lab.form)
            rec = {'file': D.rel, 'value': lab.value, 'category': lab.cat, 'form': lab.form, 'positive': lab.pos, 'span': [s, e], 'line': raw[:s].count(b'\n') + 1}
            if lab.extra.get('validator'):
                rec['validator'] = lab.extra['validator']
            if lab.extra.get('decoded') is not None:
                rec['decoded'] = lab.extra['decoded']
            if D.enc != 'utf-8':
                rec['encoding'] = D.enc
            labels.append(rec)
        ss = sorted((s, e) for _, s, e in spans)
        assert all(ss[j][1] <= ss[j + 1][0] for j in range(len(ss) - 1)), (D.rel, 'overlapping label spans')
        structural_check(D, raw.decode('utf-8'))
    with open(os.path.join(out, 'labels.jsonl'), 'w', encoding='utf-8') as fh:
        for r in labels:
            fh.write(json.dumps(r, ensure_ascii=False) + '\n')
    files = [os.path.join(dp, f) for dp, _, fs in os.walk(out) for f in fs if f != 'labels.jsonl']
    total = sum(os.path.getsize(f) for f in files)
    labelled = {r['file'] for r in labels}
    unl = sorted(os.path.relpath(f, out) for f in files if os.path.relpath(f, out) not in labelled)
    assert not unl, ('files without labels (stale output dir?)', unl)
    pos = sum(1 for r in labels if r['positive'])
    print('wrote %d files (%.1f KB) and %d labels (%d positive, %d negative) to %s' % (len(files), total / 1024, len(labels), pos, len(labels) - pos, out))
    cats = collections.Counter((r['category'], r['positive']) for r in labels)
    for c in sorted({k[0] for k in cats}):
        print('  %-12s pos %4d  neg %4d' % (c, cats[(c, True)], cats[(c, False)]))
    assert total < 1.5 * 1024 * 1024, total


if __name__ == '__main__':
    GENERATORS.extend(v for k, v in list(globals().items()) if k.startswith('f_') and callable(v))
    main()
