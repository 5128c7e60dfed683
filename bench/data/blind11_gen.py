#!/usr/bin/env python3
"""blind11: "narrative documents and prose where nothing labels the personal data" -- a held-out, labelled
evaluation set for a PII / secrets scanner.  Personal data sits inside running text, without `Name:` / `Phone:`
field labels or column headers.

Usage:  python blind11_gen.py --seed N --out DIR [--quiet]
        (run it with the data venv, /root/.cache/mlsec/data-venv/bin/python: needs faker, python-stdnum,
        phonenumbers and pyarrow; no network; runs in a few seconds)

Writes 47 files (~460 KB) plus DIR/labels.jsonl: about 5,200 positives and 1,750 hard negatives per seed in 20
locales (en_US en_GB en_AU en_IN de_DE fr_FR es_ES es_MX it_IT nl_NL pt_BR pl_PL sv_SE tr_TR ru_RU ja_JP zh_CN
ko_KR ar_SA hi_IN), native-language prose for 16 languages.
  news/       local news stories quoting people (.txt), press releases with media contacts (.md), a world desk
              JSONL (`text`, raw UTF-8) and a 2019 wire archive (.jsonl.gz, \\uXXXX-escaped JSON)
  legal/      UK judgments, US opinions, EU tribunal decisions in six languages, a police blotter
  community/  obituaries, family announcements, a residents' newsletter, lost-and-found notices
  bios/ mail/ speaker biographies (JSONL); letters with letter heads and CC lines (English and 15 languages),
              four .eml messages (a PEM key and an AWS pair pasted into a mail, a reference request, a Dutch
              bank complaint, a volunteer rota), an exported thread with quoted replies
  hr/         CVs with referees, cover letters, investigation notes, payroll onboarding messages (JSONL)
  support/    chat transcripts in 20 locales (JSONL), call-centre and voice-assistant (ASR, odd digit groups)
              transcripts, a developer chat with pasted credentials, ISP chats with router MACs and WAN IPs,
              help-desk tickets (CSV free-text column), an incident post-mortem
  clinical/   clinic letters, discharge letters in eight languages, social-work case notes
  social/     posts (JSONL, every third line escaped), reviews (CSV), an expat forum, classifieds
  ocr/        OCR'd forms (values far from their captions, l/1 and O/0 damage, hyphenation), PDF-extracted
              statements with markdown tables inside prose, OCR'd Japanese / Chinese / Korean notices
  subtitles/  an English .srt and a German .vtt (voice tags carry speaker names)
  data/ finance/  a Parquet text column (one label per cell), a consumer-complaint .csv.gz, complaint letters,
              a help-centre FAQ full of documented example values

Deterministic: every random choice comes from random.Random("<seed>:<section>"), Faker instances are re-seeded per
section from the same string, gzip is written with mtime 0 and no file name, Parquet with fixed options, no clock
or time zone is read, and the script re-executes itself with PYTHONHASHSEED=0: output is byte-identical per seed.
At the end every file is re-read and the script asserts that each label's bytes sit at its span (Parquet: that
the value is in its cell), that no two labels of a file overlap, that every checksum / phone / e-mail / IP / MAC
positive passes its oracle (python-stdnum, phonenumbers, Luhn, ipaddress) and that every one-digit-off negative
FAILS its validator; then it prints counts per file and per category.  Shares no code with blind1-10.

Label schema (what blind4_score.py reads), one JSON object per line of labels.jsonl: file, value (the exact bytes
at the span, UTF-8), category (name dob address national_id phone email iban card secret ip mac), form (positives
<category>_<shape>_<locale>_<filetag>, negatives <category>_neg_<filetag>_<kind>), positive, span ([start, end)
byte offsets into the decompressed file; null for Parquet), line (1-based; null for Parquet), row / column
(Parquet only: 0-based row, column name; at most one label per cell), validator (stdnum module, 'gb.nino_rules',
'luhn', 'iban', 'phonenumbers', 'email', 'ipaddress', 'mac'; on a one-digit negative the one it fails), decoded
(the plain value where the written bytes differ: JSON escapes, CSV quote doubling), kind (negatives: why), locale,
region (phones: the region the number is valid in), where (JSON key / CSV column).  Only a share of the most
frequent negative kinds (company names, non-birth dates, lone city names) is labelled; the rest stay in the text,
unscored.

LABELLING POLICY (applied everywhere):
  * name -- a specific person's name as written: given + family name in any order (middle names, initials, all
    caps, "LOPEZ, Maria"; CJK without a space), or the family name after a title or honorific, the title OUTSIDE
    the span ("Dear Mr [Okafor]", "[佐藤]様", "Frau [Müller]"), or alone where a person introduces themselves by
    it (Japanese agents).  A given name alone is positive (shape first) when it refers to a specific person of
    the text: salutations ("Hi [Priya],"), sign-offs, agents introducing themselves, dialogue, the surname and
    forename boxes of an OCR'd form.  Negatives: companies and organisations (also "Johnson, Smith and Jones"
    firm names), products, placeholder persons (John Doe, Max Mustermann, Joe Bloggs, Mario Rossi, 山田太郎, 张三,
    홍길동, Иван Иванов ...), brands named after people (McDonald's, Hugo Boss ...), eponymous diseases
    (Parkinson's disease, Morbus Crohn), initials.  No public or historical figures are used.
  * dob -- only a full date (day, month, year) that the text makes a specific person's date of birth ("born on",
    "DOB", "geb.", "né le", "生まれ", a baby in a birth announcement); span = the date only.  Year-only births and
    ages are not labelled.  Negatives: dates in the same formats that are appointment, hearing, publication,
    event, death, funeral, admission, transaction, incident or expiry dates.
  * address -- a full postal address (house number + street or building, through postcode and/or city) as ONE
    span, whoever it belongs to (home, shop, funeral home); multi-line in letter heads and forms (the newlines are
    inside the span).  Negatives: a street or a city standing alone ("a break-in on Wilson Walk", "of Lyon"),
    placeholder addresses (123 Main Street, Anytown; Musterstraße 1, 12345 Musterstadt).
  * phone -- numbers phonenumbers.is_valid_number() accepts for the person's region, in libphonenumber national /
    international / E.164 form or as people type and say them (dots, odd digit groups, 00 prefix, no
    separators); span = the number only.  Negatives: fictional ranges (Ofcom drama 07700 900xxx / 020 7946 0xxx,
    NANP 555-01xx, ACMA 0491 570 xxx) even where phonenumbers accepts them, one digit dropped (invalid), order and
    reference numbers, extensions.
  * email -- any valid address at a real-looking domain, personal or role (press@..., payments@...).  POLICY:
    example.com/.org/.net, *.example, .test, .invalid and localhost addresses are NEGATIVES, as are social
    handles (@maria_l), image names (logo@2x.png), git SSH remotes and Message-IDs.
  * national_id -- personal identifiers that pass their python-stdnum validator (us.ssn gb.nhs au.tfn
    in_.aadhaar in_.pan de.idnr fr.nir es.dni es.nie mx.curp it.codicefiscale nl.bsn br.cpf pl.pesel
    se.personnummer tr.tckimlik ru.inn jp.in_ cn.ric kr.rrn; the number embeds the person's birth date and sex
    where the format does) plus the UK NINO by rule (gb.nino_rules).  Negatives: one digit changed so the
    validator fails (kind onedigit_<module>; invalid_ssn for SSNs), documentation samples that pass the check
    (BSN 123456782, PESEL 44051401359, RSSMRA85T10A562S ...), case / permit / employee / invoice numbers.
  * iban / card -- pass mod-97 and stdnum.iban's country format / Luhn with a real brand prefix and length.
    Negatives: one digit changed, documentation example IBANs (DE89 3704 0044 0532 0130 00 ...), processor test
    cards (4242 4242 4242 4242 ...), masked numbers, parcel tracking numbers.
  * secret -- live-format credentials with random bodies: AWS key id and secret key, GitHub ghp_/gho_/ghs_ (with
    GitHub's CRC32 suffix) and github_pat_, GitLab glpat-, Slack xoxb-/xoxp- and webhook URLs (whole URL),
    Stripe sk_live_/rk_live_/sk_test_, OpenAI, Anthropic, Google AIza, Hugging Face, SendGrid, npm tokens, JWTs,
    PEM private keys (RSA, EC, OpenSSH; the whole BEGIN..END block), the password of a database URL.
    Negatives: git SHAs, sha256 digests, UUIDs, documented examples (AKIAIOSFODNN7EXAMPLE and its secret, the
    Stripe docs key, the jwt.io token), placeholders, public keys, publishable pk_live_ keys.
  * ip -- public (ipaddress.is_global) IPv4 / IPv6.  POLICY: documentation ranges (192.0.2/24, 198.51.100/24,
    203.0.113/24, 2001:db8::/32) are NEGATIVES, as are private, loopback and link-local addresses and dotted
    firmware versions.
  * mac -- unicast device MACs (colon, dash, Cisco dot).  Negatives: broadcast, all-zero, multicast,
    placeholders (00:11:22:33:44:55, aa:bb:cc:dd:ee:ff).
  Ages, job titles, towns in datelines and similar context stay unlabelled; no personal data is left unlabelled.
"""
import os, sys
if os.environ.get('PYTHONHASHSEED') != '0':
    os.environ['PYTHONHASHSEED'] = '0'
    os.execv(sys.executable, [sys.executable] + sys.argv)

import argparse, base64, collections, datetime as dt, gzip, hashlib, importlib, io, ipaddress, json, random, re, struct, unicodedata, zlib
import phonenumbers as PN
from phonenumbers import PhoneNumberFormat as PNF, PhoneNumberType as PNT
from faker import Faker
import pyarrow as pa, pyarrow.parquet as pq

AP = argparse.ArgumentParser()
AP.add_argument('--seed', type=int, required=True)
AP.add_argument('--out', required=True)
AP.add_argument('--quiet', action='store_true')
ARGS = AP.parse_args()
SEED, OUT = ARGS.seed, ARGS.out
LABELS, FILES = [], []

# =========================================================== pieces & output
class L:
    """One labelled value inside a text."""
    __slots__ = ('v', 'cat', 'shape', 'loc', 'pos', 'val', 'kind', 'region')

    def __init__(self, v, cat, shape, loc=None, pos=True, val=None, kind=None, region=None):
        self.v, self.cat, self.shape, self.loc, self.pos, self.val, self.kind, self.region = v, cat, shape, loc, pos, val, kind, region

    def __repr__(self):
        return 'L(%r,%s,%s)' % (self.v, self.cat, self.pos)

def NG(v, cat, kind, val=None, loc=None, shape='prose'):
    return L(v, cat, shape, loc, False, val, kind)

def flat(x, out=None):
    out = [] if out is None else out
    if isinstance(x, (list, tuple)):
        for y in x:
            flat(y, out)
    elif x is not None and x != '':
        out.append(x)
    return out

_SLOT = re.compile(r'\{(\w+)\}')

def S(fmt, **kw):
    """Fill {slot}s of a template with strings, labelled pieces or lists."""
    out, pos = [], 0
    for m in _SLOT.finditer(fmt):
        out += [fmt[pos:m.start()], kw[m.group(1)]]
        pos = m.end()
    out.append(fmt[pos:])
    return flat(out)

def text(x):
    return ''.join(p.v if isinstance(p, L) else p for p in flat(x))

def labs(x):
    return [p for p in flat(x) if isinstance(p, L)]

def record(rel, tag, lab, written, span=None, line=None, row=None, col=None, where=None):
    r = {'file': rel, 'value': written, 'category': lab.cat,
         'form': ('%s_%s_%s_%s' % (lab.cat, lab.shape, lab.loc or 'xx', tag)) if lab.pos else ('%s_neg_%s_%s' % (lab.cat, tag, lab.kind)),
         'positive': lab.pos, 'span': span, 'line': line}
    if span is None:
        r['row'], r['column'] = row, col
    if lab.val:
        r['validator'] = lab.val
    if written != lab.v:
        r['decoded'] = lab.v
    if not lab.pos:
        r['kind'] = lab.kind
    if lab.loc:
        r['locale'] = lab.loc
    if lab.region:
        r['region'] = lab.region
    if where:
        r['where'] = where
    LABELS.append(r)


# Share of hard negatives that get a label (the rest stay in the text, unscored),
# so that the frequent kinds (company names, event dates, city names) do not swamp the set.
KEEP_NEG = {'name': 0.55, 'dob': 0.45, 'address': 0.55}

class W:
    """Byte-exact writer that records the span of every labelled piece."""

    def __init__(self, rel, tag):
        self.rel, self.tag, self.buf, self.n, self.items = rel, tag, [], 0, []
        self.keep = random.Random('%d:keep:%s' % (SEED, rel))

    def put(self, *xs, esc=None, where=None):
        for x in flat(list(xs)):
            s = x.v if isinstance(x, L) else x
            s = esc(s) if esc else s
            b = s.encode('utf-8')
            if isinstance(x, L) and (x.pos or self.keep.random() < KEEP_NEG.get(x.cat, 1.0)):
                self.items.append((x, self.n, self.n + len(b), s, where))
            self.buf.append(b)
            self.n += len(b)
        return self

    def ln(self, *xs, **kw):
        return self.put(*xs, **kw).put('\n')

    def pl(self, *xs, **kw):
        """A line followed by a blank line."""
        return self.put(*xs, **kw).put('\n\n')

    def close(self):
        data = b''.join(self.buf)
        for lab, s, e, written, where in self.items:
            record(self.rel, self.tag, lab, written, [s, e], data.count(b'\n', 0, s) + 1, where=where)
        path = os.path.join(OUT, self.rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if self.rel.endswith('.gz'):
            bio = io.BytesIO()
            with gzip.GzipFile(filename='', mode='wb', fileobj=bio, mtime=0, compresslevel=6) as gz:
                gz.write(data)
            data = bio.getvalue()
        with open(path, 'wb') as fh:
            fh.write(data)
        FILES.append(self.rel)

def jesc(ascii_only):
    return lambda s: json.dumps(s, ensure_ascii=ascii_only)[1:-1]

def jsonl(w, rec, ascii_only=False):
    """One JSON object per line; list values are rich text (labelled)."""
    w.put('{')
    for i, (k, v) in enumerate(rec.items()):
        w.put((', ' if i else '') + json.dumps(k) + ': ')
        if isinstance(v, list):
            w.put('"').put(v, esc=jesc(ascii_only), where=k).put('"')
        else:
            w.put(json.dumps(v, ensure_ascii=ascii_only))
    w.put('}\n')

def csv_row(w, cells, cols):
    for i, (c, col) in enumerate(zip(cells, cols)):
        if i:
            w.put(',')
        if isinstance(c, list):
            w.put('"').put(c, esc=lambda s: s.replace('"', '""'), where=col).put('"')
        else:
            s = str(c)
            w.put('"%s"' % s.replace('"', '""') if re.search(r'[",\n]', s) else s)
    w.put('\r\n')

def write_parquet(rel, tag, schema, rows):
    plain = []
    for ri, row in enumerate(rows):
        pr = {}
        for k, v in row.items():
            if isinstance(v, list):
                ls = labs(v)
                assert len(ls) <= 1, (rel, ri, k)
                for lab in ls:
                    record(rel, tag, lab, lab.v, row=ri, col=k, where=k)
                pr[k] = text(v)
            else:
                pr[k] = v
        plain.append(pr)
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    pq.write_table(pa.Table.from_pylist(plain, schema=schema), path, compression='zstd', row_group_size=256, use_dictionary=False, write_statistics=False)
    FILES.append(rel)

# ================================================================ validators
def stdmod(name):
    return importlib.import_module('stdnum.' + name)

_NINO = re.compile(r'^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$')

def luhn_ok(v):
    d = re.sub(r'[\s.-]', '', v)
    return d.isdigit() and 12 <= len(d) <= 19 and stdmod('luhn').is_valid(d)

def valid(mod, v):
    if mod == 'gb.nino_rules':
        return bool(_NINO.match(re.sub(r'\s', '', v).upper()))
    if mod == 'luhn':
        return luhn_ok(v)
    try:
        return bool(stdmod(mod).is_valid(v))
    except Exception:
        return False

def phone_ok(v, region):
    try:
        return PN.is_valid_number(PN.parse(v, region))
    except PN.NumberParseException:
        return False

RESERVED_MAIL = re.compile(r'(^|\.)(example\.(com|org|net)|example|test|invalid|localhost)$', re.I)

def email_ok(v):
    m = re.match(r'^[A-Za-z0-9._%+-]+@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})$', v)
    return bool(m) and not RESERVED_MAIL.search(m.group(1)) and '..' not in v

DOC_NETS = [ipaddress.ip_network(n) for n in ('192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32')]

def ip_ok(v):
    try:
        a = ipaddress.ip_address(v)
    except ValueError:
        return False
    return a.is_global and not any(a in n for n in DOC_NETS if n.version == a.version)

MAC_PLACEHOLDERS = {'001122334455', 'aabbccddeeff', '123456789abc', '000000000000', 'ffffffffffff'}

def mac_ok(v):
    h = re.sub(r'[:.\-]', '', v).lower()
    return len(h) == 12 and all(c in '0123456789abcdef' for c in h) and not (int(h[:2], 16) & 1) and h not in MAC_PLACEHOLDERS

# ============================================================ randomness
_FAKERS = {}
DIG, UP, LO = '0123456789', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'
B62 = DIG + UP + LO
REF = dt.date(2024, 6, 1)

class G(random.Random):
    """Per-section random source; Faker instances re-seeded per section."""

    def __init__(self, section):
        super().__init__('%d:%s' % (SEED, section))
        self.section, self.seeded = section, set()

    def fk(self, loc):
        fl = LOC[loc]['fk'] if loc in LOC else loc
        f = _FAKERS.get(fl) or _FAKERS.setdefault(fl, Faker(fl))
        if fl not in self.seeded:
            f.seed_instance('%d:%s:%s' % (SEED, self.section, fl))
            self.seeded.add(fl)
        return f

    def dg(self, n):
        return ''.join(self.choice(DIG) for _ in range(n))

    def rs(self, n, alpha=B62):
        return ''.join(self.choice(alpha) for _ in range(n))

    def p(self, prob):
        return self.random() < prob

    def date(self, y0, y1):
        a, b = dt.date(y0, 1, 1).toordinal(), dt.date(y1, 12, 31).toordinal()
        return dt.date.fromordinal(self.randint(a, b))

# ================================================================ locales
def _loc(lang, region, ids, iban, mail, cards, fk=None):
    return {'lang': lang, 'region': region, 'ids': ids, 'iban': iban, 'mail': mail, 'cards': cards, 'fk': fk}

LOC = {
    'en_US': _loc('en', 'US', ['us.ssn'], None, ['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'aol.com', 'comcast.net'], ['visa', 'mc', 'amex', 'discover']),
    'en_GB': _loc('en', 'GB', ['gb.nhs', 'gb.nhs', 'gb.nino_rules'], 'GB', ['gmail.com', 'btinternet.com', 'hotmail.co.uk', 'yahoo.co.uk', 'sky.com'], ['visa', 'mc', 'amex']),
    'en_AU': _loc('en', 'AU', ['au.tfn'], None, ['gmail.com', 'bigpond.com', 'optusnet.com.au', 'outlook.com.au'], ['visa', 'mc', 'amex']),
    'en_IN': _loc('en', 'IN', ['in_.aadhaar', 'in_.aadhaar', 'in_.pan'], None, ['gmail.com', 'rediffmail.com', 'yahoo.co.in'], ['visa', 'mc', 'rupay']),
    'de_DE': _loc('de', 'DE', ['de.idnr'], 'DE', ['web.de', 'gmx.de', 't-online.de', 'gmail.com', 'posteo.de'], ['visa', 'mc']),
    'fr_FR': _loc('fr', 'FR', ['fr.nir'], 'FR', ['orange.fr', 'free.fr', 'laposte.net', 'gmail.com', 'sfr.fr'], ['visa', 'mc']),
    'es_ES': _loc('es', 'ES', ['es.dni', 'es.dni', 'es.nie'], 'ES', ['gmail.com', 'hotmail.es', 'telefonica.net', 'yahoo.es'], ['visa', 'mc']),
    'es_MX': _loc('es', 'MX', ['mx.curp'], None, ['gmail.com', 'hotmail.com', 'prodigy.net.mx', 'outlook.com'], ['visa', 'mc', 'amex']),
    'it_IT': _loc('it', 'IT', ['it.codicefiscale'], 'IT', ['libero.it', 'gmail.com', 'virgilio.it', 'tiscali.it'], ['visa', 'mc']),
    'nl_NL': _loc('nl', 'NL', ['nl.bsn'], 'NL', ['ziggo.nl', 'kpnmail.nl', 'gmail.com', 'hotmail.nl'], ['visa', 'mc', 'maestro']),
    'pt_BR': _loc('pt', 'BR', ['br.cpf'], 'BR', ['gmail.com', 'uol.com.br', 'bol.com.br', 'hotmail.com'], ['visa', 'mc', 'elo']),
    'pl_PL': _loc('pl', 'PL', ['pl.pesel'], 'PL', ['wp.pl', 'onet.pl', 'o2.pl', 'interia.pl', 'gmail.com'], ['visa', 'mc']),
    'sv_SE': _loc('sv', 'SE', ['se.personnummer'], 'SE', ['gmail.com', 'telia.com', 'hotmail.se', 'bredband.net'], ['visa', 'mc']),
    'tr_TR': _loc('tr', 'TR', ['tr.tckimlik'], 'TR', ['gmail.com', 'hotmail.com', 'yandex.com.tr', 'mynet.com'], ['visa', 'mc', 'troy']),
    'ru_RU': _loc('ru', 'RU', ['ru.inn'], None, ['yandex.ru', 'mail.ru', 'rambler.ru', 'gmail.com'], ['visa', 'mc', 'mir']),
    'ja_JP': _loc('ja', 'JP', ['jp.in_'], None, ['docomo.ne.jp', 'yahoo.co.jp', 'gmail.com', 'ezweb.ne.jp'], ['visa', 'jcb', 'mc']),
    'zh_CN': _loc('zh', 'CN', ['cn.ric'], None, ['qq.com', '163.com', '126.com', 'sina.com'], ['unionpay', 'visa']),
    'ko_KR': _loc('ko', 'KR', ['kr.rrn'], None, ['naver.com', 'daum.net', 'gmail.com', 'kakao.com'], ['visa', 'mc']),
    'ar_SA': _loc('ar', 'SA', [], 'SA', ['gmail.com', 'hotmail.com', 'outlook.sa', 'yahoo.com'], ['visa', 'mc']),
    'hi_IN': _loc('hi', 'IN', ['in_.aadhaar'], None, ['gmail.com', 'rediffmail.com', 'yahoo.co.in'], ['rupay', 'visa']),
}
for _c, _d in LOC.items():
    _d['fk'] = _d['fk'] or _c
ALL = list(LOC)
EN = ['en_US', 'en_GB', 'en_AU', 'en_IN']
IDN = {'us.ssn': 'Social Security number', 'gb.nhs': 'NHS number', 'gb.nino_rules': 'National Insurance number', 'au.tfn': 'tax file number',
       'in_.aadhaar': 'Aadhaar number', 'in_.pan': 'PAN', 'de.idnr': 'Steuer-ID', 'fr.nir': 'numéro de sécurité sociale', 'es.dni': 'DNI',
       'es.nie': 'NIE', 'mx.curp': 'CURP', 'it.codicefiscale': 'codice fiscale', 'nl.bsn': 'BSN', 'br.cpf': 'CPF', 'pl.pesel': 'PESEL',
       'se.personnummer': 'personnummer', 'tr.tckimlik': 'TC kimlik', 'ru.inn': 'ИНН', 'jp.in_': 'マイナンバー', 'cn.ric': '身份证号',
       'kr.rrn': '주민등록번호'}
IDN_HI = {'in_.aadhaar': 'आधार'}

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
    'tr': 'Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık',
    'ru': 'января февраля марта апреля мая июня июля августа сентября октября ноября декабря',
    'ar': 'يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر',
    'hi': 'जनवरी फ़रवरी मार्च अप्रैल मई जून जुलाई अगस्त सितंबर अक्टूबर नवंबर दिसंबर',
}
MONTHS = {k: v.split() for k, v in MONTHS.items()}

def ordinal(n):
    return '%d%s' % (n, 'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th'))

NUM_DATE = {'en_US': '%(M)d/%(D)d/%(Y)d', 'en_IN': '%(D)02d-%(M)02d-%(Y)d', 'de': '%(D)02d.%(M)02d.%(Y)d', 'pl': '%(D)02d.%(M)02d.%(Y)d',
            'ru': '%(D)02d.%(M)02d.%(Y)d', 'tr': '%(D)02d.%(M)02d.%(Y)d', 'nl': '%(D)d-%(M)d-%(Y)d', 'sv': '%(Y)d-%(M)02d-%(D)02d',
            'zh': '%(Y)d-%(M)02d-%(D)02d', 'ja': '%(Y)d/%(M)02d/%(D)02d', 'ko': '%(Y)d.%(M)02d.%(D)02d', '*': '%(D)02d/%(M)02d/%(Y)d'}
LONG_DATE = {'en_US': '%(mn)s %(D)d, %(Y)d', 'es': '%(D)d de %(mn)s de %(Y)d', 'pt': '%(D)d de %(mn)s de %(Y)d', 'de': '%(D)d. %(mn)s %(Y)d',
             'ja': '%(Y)d年%(M)d月%(D)d日', 'zh': '%(Y)d年%(M)d月%(D)d日', 'ko': '%(Y)d년 %(M)d월 %(D)d일', '*': '%(Ds)s %(mn)s %(Y)d'}

def fmt_date(d, loc, style='num'):
    """A date as the locale writes it: 'num', 'long', 'iso' or English 'ord' (3rd of May 1985)."""
    lang = LOC[loc]['lang']
    if style == 'iso':
        return d.isoformat()
    if style == 'ord':
        return '%s of %s %d' % (ordinal(d.day), MONTHS['en'][d.month - 1], d.year)
    kw = dict(D=d.day, M=d.month, Y=d.year, mn=MONTHS.get(lang, MONTHS['en'])[d.month - 1], Ds='1er' if lang == 'fr' and d.day == 1 else str(d.day))
    tab = NUM_DATE if style == 'num' else LONG_DATE
    return tab.get(loc, tab.get(lang, tab['*'])) % kw

# ============================================================ identifiers
def luhn_digit(body):
    s = 0
    for i, c in enumerate(reversed(body)):
        d = int(c) * (2 if i % 2 == 0 else 1)
        s += d - 9 if d > 9 else d
    return str((10 - s % 10) % 10)

def first_valid(mod, prefix, alphabet=DIG, suffix=''):
    for c in alphabet:
        if valid(mod, prefix + c + suffix):
            return prefix + c + suffix
    return None

def group(s, sizes, sep=' '):
    out, i = [], 0
    for n in sizes:
        out.append(s[i:i + n])
        i += n
    if i < len(s):
        out.append(s[i:])
    return sep.join(x for x in out if x)

IT_TOWNS = ['F205', 'H501', 'L219', 'F839', 'G273', 'D612', 'A944', 'L736', 'B157', 'C351']
CN_REGIONS = ['110101', '110105', '310104', '310115', '440106', '440305', '330106', '510107', '420106', '320102', '370102', '610113']
MX_STATES = ['DF', 'JC', 'NL', 'PL', 'MC', 'GT', 'VZ', 'YN', 'CH', 'BC']

def _consonants(s):
    return [c for c in s if c in 'BCDFGHJKLMNPQRSTVWXYZ']

def make_id(g, mod, p):
    """A valid identifier for module mod (embedding the person's birth date /
    sex where the format carries them), formatted as people write it."""
    d, male = p.dob, p.gender == 'M'
    for _ in range(200):
        if mod == 'us.ssn':
            a = g.choice([x for x in range(1, 900) if x != 666])
            v = '%03d-%02d-%04d' % (a, g.randint(1, 99), g.randint(1, 9999))
        elif mod == 'gb.nhs':
            v = first_valid(mod, g.dg(9))
            v = v and group(v, (3, 3, 4), g.choice([' ', ' ', '']))
        elif mod == 'gb.nino_rules':
            v = '%s%s %s %s %s %s' % (g.choice('ABCEGHJKLMNOPRSTWXYZ'), g.choice('ABCEGHJKLMNPRSTWXYZ'), g.dg(2), g.dg(2), g.dg(2), g.choice('ABCD'))
            if g.p(0.4):
                v = v.replace(' ', '')
        elif mod == 'au.tfn':
            v = first_valid(mod, g.choice('1234568') + g.dg(7))
            v = v and group(v, (3, 3, 3))
        elif mod == 'in_.aadhaar':
            v = stdmod('verhoeff').calc_check_digit(x := g.choice('23456789') + g.dg(10))
            v = group(x + v, (4, 4, 4), g.choice([' ', ' ', '-', '']))
        elif mod == 'in_.pan':
            v = g.rs(3, UP) + 'P' + (ascii_fold(p.rlast)[:1].upper() or 'K') + g.dg(4) + g.choice(UP)
        elif mod == 'de.idnr':
            ds = g.sample(DIG, 9)
            ds.insert(g.randint(0, 9), g.choice(ds))
            if ds[0] == '0':
                continue
            b = ''.join(ds)
            v = b + stdmod('iso7064.mod_11_10').calc_check_digit(b)
            v = g.choice([v, group(v, (2, 3, 3, 3))])
        elif mod == 'fr.nir':
            b = '%d%02d%02d%02d%03d%03d' % (1 if male else 2, d.year % 100, d.month, g.randint(1, 95), g.randint(1, 990), g.randint(1, 999))
            v = group(b + stdmod(mod).calc_check_digits(b + '00'), (1, 2, 2, 2, 3, 3, 2))
        elif mod == 'es.dni':
            b = g.dg(8)
            v = b + stdmod(mod).calc_check_digit(b)
            v = g.choice([v, v[:8] + '-' + v[8]])
        elif mod == 'es.nie':
            b = g.choice('XYZ') + g.dg(7)
            v = b + stdmod(mod).calc_check_digit(b)
        elif mod == 'mx.curp':
            la = ascii_fold(p.last).upper().split() + ['X']
            fi = ascii_fold(p.first).upper() or 'X'
            vow = [c for c in la[0][1:] if c in 'AEIOU'] or ['X']
            con = (_consonants(la[0][1:]) + ['X'])[0] + (_consonants(la[1][1:]) + ['X'])[0] + (_consonants(fi[1:]) + ['X'])[0]
            b = '%s%s%s%s%02d%02d%02d%s%s%s%s' % (la[0][0], vow[0], la[1][0], fi[0], d.year % 100, d.month, d.day, 'H' if male else 'M',
                                                 g.choice(MX_STATES), con, g.choice(DIG) if d.year < 2000 else g.choice(UP))
            v = first_valid(mod, b) or first_valid(mod, b[0] + 'X' + b[2:])  # inconvenient words get an X
        elif mod == 'it.codicefiscale':
            def part(s, given):
                s = ascii_fold(s).upper().replace(' ', '')
                c = _consonants(s)
                if given and len(c) > 3:
                    c = [c[0], c[2], c[3]]
                return ''.join((c + [x for x in s if x in 'AEIOU'] + ['X', 'X', 'X'])[:3])
            b = '%s%s%02d%s%02d%s' % (part(p.last, False), part(p.first, True), d.year % 100, 'ABCDEHLMPRST'[d.month - 1],
                                      d.day + (0 if male else 40), g.choice(IT_TOWNS))
            v = b + stdmod(mod).calc_check_digit(b)
        elif mod == 'nl.bsn':
            v = first_valid(mod, g.choice('1234567') + g.dg(7))
        elif mod == 'br.cpf':
            b = g.dg(9)
            v = None
            for cd in range(100):
                if valid(mod, b + '%02d' % cd):
                    v = '%s.%s.%s-%02d' % (b[:3], b[3:6], b[6:], cd)
                    break
        elif mod == 'pl.pesel':
            mm = d.month + (20 if d.year >= 2000 else 0)
            b = '%02d%02d%02d%s%d' % (d.year % 100, mm, d.day, g.dg(3), g.choice([1, 3, 5, 7, 9] if male else [0, 2, 4, 6, 8]))
            v = b + stdmod(mod).calc_check_digit(b)
        elif mod == 'se.personnummer':
            v = first_valid(mod, '%02d%02d%02d-%s%d' % (d.year % 100, d.month, d.day, g.dg(2), g.choice([1, 3, 5, 7, 9] if male else [0, 2, 4, 6, 8])))
        elif mod == 'tr.tckimlik':
            b = g.choice('123456789') + g.dg(8)
            v = b + stdmod(mod).calc_check_digits(b)
        elif mod == 'ru.inn':
            b = g.choice(['77', '78', '50', '54', '66', '16', '23']) + g.dg(8)
            v = b + stdmod(mod).calc_personal_check_digits(b)
        elif mod == 'jp.in_':
            b = g.dg(11)
            v = group(b + stdmod(mod).calc_check_digit(b), (4, 4, 4), g.choice([' ', '-', '']))
        elif mod == 'cn.ric':
            b = '%s%04d%02d%02d%02d%d' % (g.choice(CN_REGIONS), d.year, d.month, d.day, g.randint(0, 99), g.choice([1, 3, 5, 7, 9] if male else [0, 2, 4, 6, 8]))
            v = first_valid(mod, b, DIG + 'X')
        elif mod == 'kr.rrn':
            sx = (1 if male else 2) + (2 if d.year >= 2000 else 0)
            b = '%02d%02d%02d%d%02d%03d' % (d.year % 100, d.month, d.day, sx, g.randint(0, 95), g.randint(0, 999))
            v = b + stdmod(mod).calc_check_digit(b)
            v = v[:6] + '-' + v[6:]
        else:
            raise KeyError(mod)
        if v and valid(mod, v):
            return v
    raise RuntimeError('cannot make ' + mod)

def onedigit(g, v, ok):
    """Change one digit so that `ok` (the validator) fails."""
    idx = [i for i, c in enumerate(v) if c.isdigit()]
    for _ in range(100):
        i = g.choice(idx)
        w = v[:i] + g.choice([c for c in DIG if c != v[i]]) + v[i + 1:]
        if not ok(w):
            return w
    raise RuntimeError('no one-digit negative for %r' % v)


NL_BANKS, GB_BANKS = ['ABNA', 'INGB', 'RABO', 'TRIO', 'SNSB', 'ASNB', 'KNAB', 'BUNQ'], ['NWBK', 'BARC', 'HBUK', 'LOYD', 'MIDL', 'NAIA', 'SRLG']

def _fr_bban(g):
    bk, br, ac = g.dg(5), g.dg(5), g.dg(11)
    return bk + br + ac + '%02d' % (97 - (89 * int(bk) + 15 * int(br) + 3 * int(ac)) % 97)  # RIB key

def _es_bban(g):
    bk, br, ac = g.choice(['2100', '0049', '0182', '0081', '2038', '0128']), g.dg(4), g.dg(10)
    return bk + br + stdmod('es.ccc').calc_check_digits(bk + br + '00' + ac) + ac

BBAN = {'DE': lambda g: g.dg(18), 'GB': lambda g: g.choice(GB_BANKS) + g.dg(14), 'FR': _fr_bban, 'ES': _es_bban,
        'IT': lambda g: g.choice(UP) + g.choice(['03069', '02008', '05034', '03062']) + g.dg(5) + g.dg(12), 'NL': lambda g: g.choice(NL_BANKS) + g.dg(10),
        'PL': lambda g: g.dg(24), 'SE': lambda g: g.choice(['500', '800', '600', '300']) + g.dg(17),
        'TR': lambda g: g.choice(['00010', '00062', '00046', '00064']) + '0' + g.dg(16), 'BR': lambda g: g.dg(23) + 'C1',
        'SA': lambda g: g.choice(['80', '10', '45', '20']) + g.dg(18)}

def make_iban(g, cc):
    b = BBAN[cc](g)
    num = ''.join(str(int(c, 36)) for c in b + cc + '00')
    v = '%s%02d%s' % (cc, 98 - int(num) % 97, b)
    assert valid('iban', v), v
    return v

CARD_BRANDS = {'visa': (['4'], 16), 'mc': (['51', '52', '53', '54', '55', '2'], 16), 'amex': (['34', '37'], 15), 'discover': (['6011', '65'], 16),
               'jcb': (['3528', '3541', '3566', '3589'], 16), 'unionpay': (['62'], 16), 'diners': (['36'], 14), 'maestro': (['6759', '5018'], 16),
               'mir': (['2200', '2201', '2202', '2204'], 16), 'troy': (['9792'], 16), 'rupay': (['6521', '6522', '6070'], 16), 'elo': (['636368', '504175'], 16)}

def make_card(g, brand):
    pres, n = CARD_BRANDS[brand]
    pre = g.choice(pres)
    if pre == '2':
        pre = str(g.randint(2221, 2720))
    if brand == 'unionpay' and g.p(0.3):
        n = 19
    body = pre + g.dg(n - len(pre) - 1)
    return body + luhn_digit(body)

def fmt_card(g, num, style=None):
    style = style or g.choice(['space', 'space', 'dash', 'plain'])
    if style == 'plain':
        return num
    sizes = {15: (4, 6, 5), 14: (4, 6, 4)}.get(len(num), (4, 4, 4, 4, 4))
    return group(num, sizes, ' ' if style == 'space' else '-')

# ================================================================== phones
FICTIONAL = {'GB': ('1134960', '1144960', '1154960', '1164960', '1174960', '1184960', '1214960', '1314960', '1414960', '1514960', '1614960',
                    '2079460', '1914980', '2896496', '2920180', '1632960', '7700900', '8081570', '9098790', '3069990'),
             'AU': ('491570', '491571', '25550', '37010', '75550', '87010')}
IDD00 = {'GB', 'DE', 'FR', 'ES', 'IT', 'NL', 'PL', 'SE', 'TR', 'MX', 'SA', 'IN', 'CN', 'BR'}

def fictional(region, nsn):
    if region in ('US', 'CA'):
        return nsn[3:6] == '555'
    return nsn.startswith(FICTIONAL.get(region, ()))

def make_phone(g, region, mobile=None):
    t = PNT.MOBILE if (g.p(0.65) if mobile is None else mobile) else PNT.FIXED_LINE
    ex = PN.example_number_for_type(region, t)
    nsn, cc = PN.national_significant_number(ex), ex.country_code
    for i in range(600):
        keep = g.randint(1, 2) if i < 300 else len(nsn) - 4
        cand = nsn[:keep] + g.dg(len(nsn) - keep)
        n = PN.parse('+%d%s' % (cc, cand))
        if PN.is_valid_number(n) and PN.number_type(n) in (t, PNT.FIXED_LINE_OR_MOBILE) and not fictional(region, cand):
            return n
    raise RuntimeError('no phone for ' + region)

def odd_groups(g, ds):
    out = []
    while ds:
        k = g.choice([2, 3, 3, 4])
        out, ds = out + [ds[:k]], ds[k:]
    return ' '.join(out)

def fmt_phone(g, n, region, style=None):
    """(style, text) of a number written the way people write it; falls back to international if a variant does not parse."""
    nat, intl = PN.format_number(n, PNF.NATIONAL), PN.format_number(n, PNF.INTERNATIONAL)
    if style is None:
        style = g.choices(['national', 'intl', 'e164', 'plain', 'dots', 'odd', 'idd00', 'dash'], [30, 25, 8, 10, 8, 7, 6, 6])[0]
    if style == 'idd00' and region not in IDD00:
        style = 'other'
    v = {'national': lambda: nat, 'intl': lambda: intl, 'e164': lambda: PN.format_number(n, PNF.E164), 'plain': lambda: re.sub(r'\D', '', nat),
         'dots': lambda: re.sub(r'[\s\-()]+', '.', nat).strip('.'), 'odd': lambda: odd_groups(g, re.sub(r'\D', '', nat)),
         'idd00': lambda: '00' + intl[1:], 'dash': lambda: intl.replace(' ', '-')}.get(style, lambda: intl)()
    if style not in ('national', 'e164', 'plain', 'dots', 'odd', 'idd00', 'dash') or not phone_ok(v, region):
        style, v = 'intl', intl
    return style, v

# ================================================================= e-mail
TRANS = str.maketrans({'ß': 'ss', 'ł': 'l', 'Ł': 'L', 'ø': 'o', 'Ø': 'O', 'æ': 'ae', 'Æ': 'AE', 'đ': 'd', 'ı': 'i', 'œ': 'oe', 'ð': 'd', 'þ': 'th'})
CYR = dict(zip('абвгдеёжзийклмнопрстуфхцчшщъыьэюя', ['a', 'b', 'v', 'g', 'd', 'e', 'e', 'zh', 'z', 'i', 'y', 'k', 'l', 'm', 'n', 'o', 'p', 'r', 's', 't', 'u',
                                                  'f', 'kh', 'ts', 'ch', 'sh', 'shch', '', 'y', '', 'e', 'yu', 'ya']))
KO_ROM = ['minjun', 'seoyeon', 'jihoon', 'hyejin', 'jiwoo', 'sumin', 'dohyun', 'yerin', 'junho', 'eunji']
KO_SUR = dict(zip('김이박최정강조윤장임한오서신권황안송류홍', 'kim lee park choi jung kang cho yoon jang lim han oh seo shin kwon hwang ahn song ryu hong'.split()))
AR_ROM = ['ahmed', 'mohammed', 'abdullah', 'faisal', 'khalid', 'noura', 'sara', 'reem', 'fatimah', 'alotaibi', 'alqahtani', 'alghamdi', 'alharbi',
          'alzahrani', 'alshehri', 'aldossari', 'almutairi']

def ascii_fold(s):
    s = unicodedata.normalize('NFKD', s.translate(TRANS))
    return ''.join(c for c in s if not unicodedata.combining(c) and ord(c) < 128)

def romanise(g, loc, s):
    if loc == 'ru_RU':
        return ''.join(CYR.get(c.lower(), c) for c in s)
    return ascii_fold(s)

def make_email(g, p, dom=None):
    dom = dom or g.choice(LOC[p.loc]['mail'])
    if dom in ('qq.com',) or (p.loc == 'zh_CN' and g.p(0.3)):
        return g.choice('123456789') + g.dg(g.randint(7, 9)) + '@' + ('qq.com' if dom == 'qq.com' else dom)
    fi = re.sub(r'[^a-z0-9]', '', p.rfirst.lower()) or 'user'
    la = re.sub(r'[^a-z0-9]', '', p.rlast.lower()) or 'mail'
    yy = '%02d' % (p.dob.year % 100)
    local = g.choice(['%s.%s' % (fi, la), '%s%s' % (fi, la), '%s.%s' % (fi[0], la), '%s_%s' % (fi, la), '%s.%s%s' % (fi, la, yy),
                      '%s%s' % (la, fi[0]), '%s.%s' % (la, fi), '%s%d' % (fi, g.randint(1, 999))])
    return local + '@' + dom

# ================================================================= persons
PLACEHOLDER_NAMES = ['John Doe', 'Jane Doe', 'John Smith', 'Joe Bloggs', 'A. N. Other', 'Max Mustermann', 'Erika Mustermann', 'Jean Dupont',
                     'Mario Rossi', 'Jan Kowalski', 'Juan Pérez', 'Fulano de Tal', 'Jan Jansen', 'Kari Nordmann', 'Иван Иванов', '山田太郎',
                     '张三', '李四', '홍길동', 'Ahmet Yılmaz', 'Svensson Svensson', 'Fulan bin Fulan']
PLACEHOLDER_SET = set(PLACEHOLDER_NAMES)
SKIP_NAMES = ('لادن', 'Trump', 'Biden', 'Putin', 'Merkel', 'Macron')
TITLES = {'en': ('Mr', 'Ms'), 'de': ('Herr', 'Frau'), 'fr': ('M.', 'Mme'), 'es': ('Sr.', 'Sra.'), 'it': ('Sig.', 'Sig.ra'), 'nl': ('dhr.', 'mevr.'),
          'pt': ('Sr.', 'Sra.'), 'pl': ('Pan', 'Pani'), 'sv': ('herr', 'fru'), 'tr': ('Bay', 'Bayan'), 'ru': ('г-н', 'г-жа'), 'ar': ('السيد', 'السيدة'),
          'hi': ('श्री', 'श्रीमती')}

def _call(f, *names):
    for n in names:
        if hasattr(f, n):
            return getattr(f, n)()
    raise AttributeError(names)

class P:
    """A fictional person of a locale; values are generated lazily and stay
    fixed, every mention is a fresh labelled piece."""

    def __init__(self, g, loc, gender=None, age=(19, 86), dob=None):
        self.g, self.loc, self.lang = g, loc, LOC[loc]['lang']
        f = g.fk(loc)
        self.gender = gender or g.choice('MF')
        m = self.gender == 'M'
        for _ in range(20):
            if loc == 'ja_JP':
                fp = _call(f, 'first_name_male_pair' if m else 'first_name_female_pair')
                lp = f.last_name_pair()
                self.first, self.last, self.rfirst, self.rlast = fp[0], lp[0], fp[2], lp[2]
            else:
                self.first = _call(f, 'first_name_male' if m else 'first_name_female', 'first_name')
                self.last = _call(f, 'last_name_male' if m else 'last_name_female', 'last_name')
                if loc in ('es_ES', 'es_MX') and g.p(0.6):
                    self.last += ' ' + f.last_name()
                self.rfirst, self.rlast = romanise(g, loc, self.first), romanise(g, loc, self.last)
                if loc == 'zh_CN':
                    self.rfirst, self.rlast = f.first_romanized_name(), f.last_romanized_name()
                elif loc == 'ko_KR':
                    self.rfirst, self.rlast = g.choice(KO_ROM), KO_SUR.get(self.last[:1]) or g.choice(list(KO_SUR.values()))
                elif loc == 'ar_SA':
                    self.rfirst, self.rlast = g.choice(AR_ROM[:9]), g.choice(AR_ROM[9:])
                elif loc == 'hi_IN':
                    e = g.fk('en_IN')
                    self.rfirst, self.rlast = e.first_name(), e.last_name()
            self.middle = _call(f, 'middle_name_male' if m else 'middle_name_female') if loc == 'ru_RU' else None
            if self.full() not in PLACEHOLDER_SET and not any(x in self.full() for x in SKIP_NAMES) and not re.search(r' (van|von|de|der)$', self.last):
                break
        if dob is None:
            dob = REF - dt.timedelta(days=g.randint(age[0] * 365 + 10, age[1] * 365 + 300))
        self.dob = dob
        self._c = {}

    def kin(self, other):
        self.last, self.rlast = other.last, other.rlast
        return self

    def age(self, at=REF):
        return at.year - self.dob.year - ((at.month, at.day) < (self.dob.month, self.dob.day))

    def full(self, formal=False):
        if self.lang in ('zh', 'ko'):
            return self.last + self.first
        if self.lang == 'ja':
            return self.last + (' ' if formal else '') + self.first
        if self.lang == 'ru' and formal:
            return '%s %s %s' % (self.last, self.first, self.middle)
        return self.first + ' ' + self.last

    def title(self):
        return TITLES.get(self.lang, ('', ''))[0 if self.gender == 'M' else 1]

    def _once(self, key, fn):
        if key not in self._c:
            self._c[key] = fn()
        return self._c[key]

    # ---- labelled mentions
    def name(self, shape='full', formal=False):
        return L(self.full(formal), 'name', 'formal' if formal else shape, self.loc)

    def sur(self):
        return L(self.last, 'name', 'title', self.loc)

    def given(self):
        return L(self.first, 'name', 'first', self.loc)

    def inverted(self):
        return L('%s, %s' % (self.last.upper(), self.first), 'name', 'inverted', self.loc)

    def dob_l(self, style=None):
        style = style or self.g.choice(['num', 'long', 'long', 'num'])
        return L(fmt_date(self.dob, self.loc, style), 'dob', style, self.loc)

    def addr_lines(self):
        return self._once('addr', lambda: make_addr(self.g, self.loc))

    def addr(self, multi=False, sep=None):
        lines = self.addr_lines()
        if multi:
            return L('\n'.join(lines), 'address', 'multiline', self.loc)
        if self.lang in ('ja', 'zh'):
            return L(''.join(lines) if self.lang == 'zh' else ' '.join(lines), 'address', 'oneline', self.loc)
        return L((sep or ('، ' if self.lang == 'ar' else ', ')).join(lines), 'address', 'oneline', self.loc)

    def phone(self, style=None, mobile=None, key='ph'):
        region = LOC[self.loc]['region']
        n = self._once(key, lambda: make_phone(self.g, region, mobile))
        st, v = fmt_phone(self.g, n, region, style)
        return L(v, 'phone', st, self.loc, val='phonenumbers', region=region)

    def email(self, dom=None):
        return L(self._once('em' + (dom or ''), lambda: make_email(self.g, self, dom)), 'email', 'personal', self.loc, val='email')

    def idmod(self):
        ids = LOC[self.loc]['ids']
        return self._once('idmod', lambda: self.g.choice(ids)) if ids else None

    def nid(self, mod=None):
        mod = mod or self.idmod()
        return L(self._once('id' + mod, lambda: make_id(self.g, mod, self)), 'national_id', mod, self.loc, val=mod)

    def idname(self, mod=None):
        mod = mod or self.idmod()
        return IDN_HI.get(mod, IDN[mod]) if self.lang == 'hi' else IDN[mod]

    def iban(self, cc=None, spaced=None):
        cc = cc or LOC[self.loc]['iban'] or self.g.choice(['DE', 'GB', 'NL', 'FR'])
        v = self._once('iban' + cc, lambda: make_iban(self.g, cc))
        spaced = self.g.p(0.7) if spaced is None else spaced
        return L(group(v, [4] * 9) if spaced else v, 'iban', 'spaced' if spaced else 'compact', self.loc, val='iban')

    def card(self, style=None):
        brand = self._once('brand', lambda: self.g.choice(LOC[self.loc]['cards']))
        num = self._once('card', lambda: make_card(self.g, brand))
        return L(fmt_card(self.g, num, style), 'card', brand, self.loc, val='luhn')

TR_STREETS = ['Atatürk Cad.', 'Cumhuriyet Cad.', 'İstiklal Cad.', 'Bağdat Cad.', 'Gazi Bulvarı', 'Mimar Sinan Sok.', 'Barbaros Bulvarı', 'Menekşe Sok.',
              'Lale Sok.', 'Papatya Sok.', 'Kazım Karabekir Cad.', 'Fevzi Çakmak Cad.']
TR_PLACES = [('Kadıköy', 'İstanbul', '347'), ('Beşiktaş', 'İstanbul', '343'), ('Çankaya', 'Ankara', '066'), ('Konak', 'İzmir', '352'),
             ('Nilüfer', 'Bursa', '161'), ('Muratpaşa', 'Antalya', '070'), ('Seyhan', 'Adana', '010')]
AR_STREETS = ['طريق الملك فهد', 'شارع الأمير سلطان', 'شارع التحلية', 'طريق الملك عبدالعزيز', 'شارع العليا العام', 'شارع الأمير محمد بن عبدالعزيز']
AR_DISTRICTS = ['العليا', 'الملز', 'النسيم', 'الروضة', 'السليمانية', 'الحمراء', 'الشاطئ']
AR_CITIES = [('الرياض', '12'), ('جدة', '23'), ('الدمام', '32'), ('مكة المكرمة', '24'), ('المدينة المنورة', '42')]
HI_STREETS = ['गांधी मार्ग', 'नेहरू नगर', 'शास्त्री नगर', 'राजेंद्र नगर', 'सिविल लाइंस', 'लाजपत नगर', 'मालवीय नगर', 'सुभाष मार्ग']

def make_addr(g, loc):
    """A full postal address of the locale as a list of lines."""
    f = g.fk(loc)
    n = lambda a=1, b=199: str(g.randint(a, b))
    if loc == 'en_US':
        return [f.street_address(), '%s, %s %s' % (f.city(), f.state_abbr(), f.zipcode())]
    if loc == 'en_GB':
        return ([('Flat %s, ' % n(1, 40)) if g.p(0.2) else ''][0] + '%s %s' % (n(), f.street_name()), f.city(), f.postcode())
    if loc == 'en_AU':
        return ['%s%s %s' % ('Unit %s/' % n(1, 30) if g.p(0.2) else '', n(), f.street_name()), '%s %s %s' % (f.city(), f.state_abbr(), f.postcode())]
    if loc == 'en_IN':
        return ['%s/%s, %s' % (n(1, 400), n(1, 30), f.street_name()), '%s - %s' % (f.city(), f.postcode())]
    if loc == 'de_DE':
        return ['%s %s' % (f.street_name(), n(1, 120) + g.choice(['', '', '', 'a', 'b'])), '%s %s' % (f.postcode(), f.city())]
    if loc == 'fr_FR':
        return ['%s%s %s' % (n(1, 120), g.choice(['', '', ' bis']), f.street_name()), '%s %s' % (f.postcode(), f.city().upper() if g.p(0.3) else f.city())]
    if loc == 'es_ES':
        return ['%s, %s, %sº %s' % (f.street_name(), n(1, 150), g.randint(1, 8), g.choice('ABCD')), '%s %s' % (f.postcode(), f.city())]
    if loc == 'es_MX':
        return ['%s %s, Col. %s' % (f.street_name(), n(1, 999), f.city()), '%05d %s, %s' % (g.randint(1000, 99999), f.city(), f.state_abbr())]
    if loc == 'it_IT':
        return ['%s %s' % (f.street_name(), n(1, 150)), '%s %s (%s)' % (f.postcode(), f.city(), f.state_abbr())]
    if loc == 'nl_NL':
        pc = f.postcode()
        return ['%s %s' % (f.street_name(), n(1, 250)), '%s %s %s' % (pc[:4], pc[4:], f.city())]
    if loc == 'pt_BR':
        pc = re.sub(r'\D', '', f.postcode())
        return ['%s, %s' % (f.street_name(), n(1, 2000)), '%s, %s - %s' % (f.bairro(), f.city(), f.estado_sigla()), 'CEP %s-%s' % (pc[:5], pc[5:8])]
    if loc == 'pl_PL':
        return ['ul. %s %s%s' % (f.street_name(), n(1, 120), '/' + n(1, 60) if g.p(0.5) else ''), '%s %s' % (f.postcode(), f.city())]
    if loc == 'sv_SE':
        pc = f.postcode()
        return ['%s %s' % (f.street_name(), n(1, 90)), '%s %s %s' % (pc[:3], pc[3:], f.city())]
    if loc == 'tr_TR':
        d, c, pc = g.choice(TR_PLACES)
        return ['%s No: %s D: %s' % (g.choice(TR_STREETS), n(1, 180), n(1, 24)), '%s%s %s/%s' % (pc, g.dg(2), d, c)]
    if loc == 'ru_RU':
        return ['%s, д. %s, кв. %s' % (f.street_name(), n(1, 120), n(1, 300)), 'г. %s' % f.city_name(), f.postcode()]
    if loc == 'ja_JP':
        return ['〒' + f.zipcode(), '%s%s%s%s%s%s' % (f.prefecture(), f.city(), f.town(), f.chome(), f.ban(), f.gou())]
    if loc == 'zh_CN':
        return ['%s%s市%s区' % (f.province(), f.city_name(), f.district()), '%s%s号' % (f.street_name(), n(1, 300)), '%s室' % n(101, 2808)]
    if loc == 'ko_KR':
        return [f.address()]
    if loc == 'ar_SA':
        c, pc = g.choice(AR_CITIES)
        return ['%s %s، حي %s' % (n(1000, 9999), g.choice(AR_STREETS), g.choice(AR_DISTRICTS)), '%s %s%s' % (c, pc, g.dg(3))]
    if loc == 'hi_IN':
        return ['मकान नं. %s, %s' % (n(1, 400), g.choice(HI_STREETS)), '%s - %s' % (g.fk('hi_IN').city(), g.choice('12345678') + g.dg(5))]
    raise KeyError(loc)

# ================================================================= secrets
def b62(n):
    s = ''
    while n:
        n, r = divmod(n, 62)
        s = B62[r] + s
    return s or '0'

def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b'=').decode()

def _der(tag, body):
    n = len(body)
    ln = bytes([n]) if n < 128 else (bytes([0x81, n]) if n < 256 else bytes([0x82]) + struct.pack('>H', n))
    return bytes([tag]) + ln + body

def _sshstr(b):
    return struct.pack('>I', len(b)) + b

def pem_block(g, kind):
    rb = lambda n: bytes(g.getrandbits(8) for _ in range(n))
    if kind == 'rsa':
        ints = [b'\x00'] + [b'\x00' + bytes([g.randint(0x80, 0xff)]) + rb(255), b'\x01\x00\x01', rb(256)] + [b'\x00' + bytes([g.randint(0x80, 0xff)]) + rb(127) for _ in range(5)]
        der, label = _der(0x30, b''.join(_der(0x02, i) for i in ints)), 'RSA PRIVATE KEY'
    elif kind == 'ec':
        der = _der(0x30, _der(0x02, b'\x01') + _der(0x04, rb(32)) + _der(0xa0, _der(0x06, bytes.fromhex('2a8648ce3d030107'))) +
                   _der(0xa1, _der(0x03, b'\x00\x04' + rb(64))))
        label = 'EC PRIVATE KEY'
    else:
        pub = rb(32)
        pubblob = _sshstr(b'ssh-ed25519') + _sshstr(pub)
        ck = rb(4)
        priv = ck + ck + pubblob + _sshstr(rb(32) + pub) + _sshstr(g.choice([b'deploy@build-01', b'backup', b'ci-runner']))
        priv += bytes(range(1, 1 + (-len(priv)) % 8))
        der = b'openssh-key-v1\x00' + _sshstr(b'none') + _sshstr(b'none') + _sshstr(b'') + struct.pack('>I', 1) + _sshstr(pubblob) + _sshstr(priv)
        label = 'OPENSSH PRIVATE KEY'
    b = base64.b64encode(der).decode()
    w = 70 if kind == 'ssh' else 64
    return '-----BEGIN %s-----\n%s\n-----END %s-----' % (label, '\n'.join(b[i:i + w] for i in range(0, len(b), w)), label)

def _gh(g):
    body = g.rs(30)
    return g.choice(['ghp_', 'gho_', 'ghs_']) + body + b62(zlib.crc32(body.encode())).rjust(6, '0')  # GitHub's CRC32 check suffix

def _jwt(g):
    alg, t = g.choice(['HS256', 'RS256']), 1704067200 + g.randint(0, 20000000)
    hd = b64u(json.dumps({'alg': alg, 'typ': 'JWT'}, separators=(',', ':')).encode())
    pl = b64u(json.dumps({'sub': g.dg(9), 'scope': g.choice(['read write', 'admin', 'api']), 'iat': t, 'exp': t + 3600}, separators=(',', ':')).encode())
    return '%s.%s.%s' % (hd, pl, g.rs(43 if alg == 'HS256' else 342, B62 + '-_'))

SECRET_MAKERS = {  # kind -> (shape, maker): live-format credentials with random bodies
    'aws': ('aws_key_id', lambda g: 'AKIA' + g.rs(16, UP + '234567')), 'aws_secret': ('aws_secret', lambda g: g.rs(40, B62 + '/+')),
    'ghp': ('github_token', _gh), 'ghpat': ('github_pat', lambda g: 'github_pat_11' + g.rs(20, UP + DIG) + '_' + g.rs(59)),
    'gitlab': ('gitlab_pat', lambda g: 'glpat-' + g.rs(20, B62 + '-_')), 'slack': ('slack_bot', lambda g: 'xoxb-%s-%s-%s' % (g.dg(12), g.dg(13), g.rs(24))),
    'slack_user': ('slack_user', lambda g: 'xoxp-%s-%s-%s-%s' % (g.dg(12), g.dg(12), g.dg(13), g.rs(32, DIG + 'abcdef'))),
    'webhook': ('slack_webhook', lambda g: 'https://hooks.slack.com/services/T%s/B%s/%s' % (g.rs(8, UP + DIG), g.rs(10, UP + DIG), g.rs(24))),
    'stripe': ('stripe', lambda g: g.choice(['sk_live_', 'sk_live_', 'rk_live_', 'sk_test_']) + g.choice(['51', '4e']) + g.rs(g.choice([22, 97]))),
    'openai': ('openai', lambda g: 'sk-' + g.rs(20) + 'T3BlbkFJ' + g.rs(20) if g.p(0.3) else 'sk-proj-' + g.rs(g.choice([48, 74, 156]), B62 + '-_')),
    'anthropic': ('anthropic', lambda g: 'sk-ant-api03-' + g.rs(93, B62 + '-_') + 'AA'), 'google': ('google_api', lambda g: 'AIza' + g.rs(35, B62 + '-_')),
    'hf': ('huggingface', lambda g: 'hf_' + g.rs(34, UP + LO)), 'sendgrid': ('sendgrid', lambda g: 'SG.' + g.rs(22, B62 + '-_') + '.' + g.rs(43, B62 + '-_')),
    'npm': ('npm', lambda g: 'npm_' + g.rs(36)), 'jwt': ('jwt', _jwt), 'rsa': ('pem_rsa', lambda g: pem_block(g, 'rsa')),
    'ec': ('pem_ec', lambda g: pem_block(g, 'ec')), 'ssh': ('pem_ssh', lambda g: pem_block(g, 'ssh')),
    'dbpass': ('db_password', lambda g: g.rs(g.randint(14, 24), B62 + '_-~')),
}

def make_secret(g, kind):
    shape, maker = SECRET_MAKERS[kind]
    return maker(g), shape

def secret(g, kind, loc=None):
    v, shape = make_secret(g, kind)
    return L(v, 'secret', shape, loc)

# =============================================================== network
OUIS = ['B8:27:EB', 'DC:A6:32', '3C:22:FB', 'F0:18:98', 'A4:83:E7', '00:1B:63', '28:CF:E9', 'AC:DE:48', '00:50:56', '00:0C:29', 'F4:F5:D8', '70:B3:D5',
        '44:38:39', '8C:85:90', 'E4:5F:01', '00:17:88']

def make_ip(g, v6=False):
    while True:
        if v6:
            v = ipaddress.ip_address(g.choice([0x2a00, 0x2a01, 0x2a02, 0x2600, 0x2607, 0x2001, 0x2400, 0x2c0f]) << 112 | g.getrandbits(96) << 16 | g.getrandbits(8)).compressed
        else:
            v = '%d.%d.%d.%d' % (g.randint(1, 223), g.randint(0, 255), g.randint(0, 255), g.randint(1, 254))
        if ip_ok(v):
            return v

def ip_l(g, loc=None, v6=None):
    v6 = g.p(0.2) if v6 is None else v6
    return L(make_ip(g, v6), 'ip', 'ipv6' if v6 else 'ipv4', loc, val='ipaddress')

def mac_l(g, loc=None):
    h = g.choice(OUIS).replace(':', '') + '%06X' % g.getrandbits(24)
    st = g.choice(['colon', 'colon_lower', 'dash', 'dot'])
    if st == 'dot':
        v = '.'.join(h.lower()[i:i + 4] for i in (0, 4, 8))
    else:
        v = (':' if st.startswith('colon') else '-').join(h[i:i + 2] for i in range(0, 12, 2))
        v = v.lower() if st == 'colon_lower' else v
    return L(v, 'mac', st, loc, val='mac')

# =========================================================== hard negatives
PRODUCTS = ['Galaxy S23 Ultra', 'iPhone 15 Pro', 'ThinkPad X1 Carbon', 'Kindle Paperwhite', 'Dyson V15 Detect', 'PlayStation 5', 'Thermomix TM6',
            'Nespresso Vertuo', 'Roomba j7+', 'AirPods Pro', 'Surface Laptop 5', 'Pixel 8', 'Golf GTI', 'Xbox Series X', 'Instant Pot Duo', 'Fitbit Charge 6']
BRAND_PERSONS = ["McDonald's", "Ben & Jerry's", 'Hugo Boss', 'Wells Fargo', 'Marks & Spencer', "Sainsbury's", 'Tim Hortons', 'Dr. Oetker', 'Louis Vuitton',
                 'Calvin Klein', 'Ralph Lauren', 'Tommy Hilfiger', 'Johnson & Johnson', 'Procter & Gamble', 'Mercedes-Benz', 'Harley-Davidson', "Kellogg's"]
EPONYMS = {'en': ["Parkinson's disease", "Crohn's disease", "Alzheimer's disease", 'Hodgkin lymphoma', 'Down syndrome', "Hashimoto's thyroiditis",
                  "Raynaud's phenomenon", 'Guillain-Barré syndrome', "Bell's palsy", 'the Apgar score', "Cushing's syndrome", "Addison's disease"],
           'de': ['Morbus Crohn', 'Morbus Parkinson', 'Alzheimer-Demenz', 'Hashimoto-Thyreoiditis', 'Morbus Bechterew'],
           'fr': ['maladie de Parkinson', 'maladie de Crohn', "maladie d'Alzheimer", 'syndrome de Guillain-Barré'],
           'es': ['enfermedad de Parkinson', 'enfermedad de Crohn', 'enfermedad de Alzheimer', 'síndrome de Down'],
           'it': ['morbo di Parkinson', 'morbo di Crohn', 'malattia di Alzheimer', 'tiroidite di Hashimoto'],
           'nl': ['ziekte van Parkinson', 'ziekte van Crohn', 'ziekte van Alzheimer'], 'pt': ['doença de Parkinson', 'doença de Crohn', 'doença de Alzheimer'],
           'pl': ['choroba Parkinsona', 'choroba Leśniowskiego-Crohna', 'choroba Hashimoto'], 'sv': ['Parkinsons sjukdom', 'Crohns sjukdom']}
PLACEHOLDER_ADDR = {'en': ['123 Main Street, Anytown', '1 Example Road, Sampletown AB1 2CD', '742 Evergreen Terrace, Springfield'],
                    'de': ['Musterstraße 1, 12345 Musterstadt', 'Beispielweg 12, 99999 Irgendwo'], 'fr': ['1 rue de l’Exemple, 00000 Ville'],
                    'es': ['Calle Falsa 123, 00000 Ciudad'], 'nl': ['Voorbeeldstraat 1, 1234 AB Voorbeeld'], 'it': ['Via Roma 1, 00100 Città']}
DOC_IDS = {'nl.bsn': ['111222333', '123456782'], 'pl.pesel': ['44051401359', '02070803628'], 'it.codicefiscale': ['RSSMRA85T10A562S'],
           'br.cpf': ['123.456.789-09', '111.444.777-35'], 'us.ssn': ['078-05-1120', '123-45-6789', '219-09-9999'], 'gb.nhs': ['943 476 5919'],
           'es.dni': ['12345678Z', '00000000T'], 'gb.nino_rules': ['QQ 12 34 56 C', 'AB 12 34 56 C']}
DOC_IBANS = ['DE89 3704 0044 0532 0130 00', 'GB82 WEST 1234 5698 7654 32', 'FR14 2004 1010 0505 0001 3M02 606', 'NL91 ABNA 0417 1643 00',
             'ES91 2100 0418 4502 0005 1332', 'IT60 X054 2811 1010 0000 0123 456', 'GB29 NWBK 6016 1331 9268 19', 'SE45 5000 0000 0583 9825 7466']
TEST_CARDS = ['4242 4242 4242 4242', '4111 1111 1111 1111', '5555 5555 5555 4444', '5105 1051 0510 5100', '3782 822463 10005', '3714 496353 98431',
              '6011 1111 1111 1117', '4000 0566 5566 5556', '4012 8888 8888 1881', '4000 0000 0000 0002']
DOC_SECRETS = ['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc', 'AKIAI44QH8DHBEXAMPLE',
               'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c']
PLACEHOLDER_SECRETS = ['sk-your-api-key-here', 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'xoxb-your-bot-token', '<YOUR_API_KEY>', 'AIzaSy-REPLACE-ME',
                       'sk_live_XXXXXXXXXXXXXXXXXXXXXXXX', '${OPENAI_API_KEY}', 'changeme']

def n_company(g, loc='en_US'):
    return NG(g.fk(loc if loc in ('en_US', 'en_GB', 'de_DE', 'fr_FR', 'es_ES', 'it_IT', 'nl_NL', 'pl_PL', 'pt_BR', 'sv_SE') else 'en_US').company(), 'name', 'company')

def n_name(g, lang='en'):
    r = g.random()
    if r < 0.3:
        return NG(g.choice(PRODUCTS), 'name', 'product')
    if r < 0.55:
        return NG(g.choice(BRAND_PERSONS), 'name', 'brand_person')
    if r < 0.8:
        return NG(g.choice(PLACEHOLDER_NAMES), 'name', 'placeholder')
    return NG(g.choice(EPONYMS.get(lang, EPONYMS['en'])), 'name', 'eponym')

def n_date(g, loc, kind, y0=2019, y1=2025, style=None):
    return NG(fmt_date(g.date(y0, y1), loc, style or g.choice(['num', 'long'])), 'dob', kind)

def n_dt(d, loc, kind, style='num'):
    return NG(fmt_date(d, loc, style), 'dob', kind)

def n_city(g, loc):
    f = g.fk(loc)
    c = f.city_name() if loc == 'ru_RU' else (g.choice(AR_CITIES)[0] if loc == 'ar_SA' else (g.choice(TR_PLACES)[1] if loc == 'tr_TR' else f.city()))
    return NG(c, 'address', 'city_only')

def n_street(g, loc):
    f = g.fk(loc if loc not in ('tr_TR', 'ar_SA', 'hi_IN', 'ko_KR', 'ja_JP', 'zh_CN') else 'en_GB')
    return NG(f.street_name(), 'address', 'street_only')

def n_place_addr(g, lang):
    return NG(g.choice(PLACEHOLDER_ADDR.get(lang, PLACEHOLDER_ADDR['en'])), 'address', 'placeholder')

def n_phone(g, loc, kind=None):
    region = LOC[loc]['region']
    kind = kind or g.choice(['invalid_onedigit', 'invalid_onedigit', 'order_number', 'reference'] + (['fictional'] * 2 if region in ('GB', 'US', 'AU') else []))
    if kind == 'fictional':
        v = {'GB': lambda: g.choice(['07700 900%03d', '+44 7700 900%03d', '020 7946 0%03d', '0113 496 0%03d']) % g.randint(0, 999),
             'US': lambda: g.choice(['(%d) 555-01%02d', '%d-555-01%02d', '+1 %d 555 01%02d']) % (g.choice([212, 312, 415, 617, 202]), g.randint(0, 99)),
             'AU': lambda: g.choice(['0491 570 %03d', '+61 491 570 %03d']) % g.randint(6, 159)}[region]()
        return NG(v, 'phone', kind, loc=loc)
    if kind == 'invalid_onedigit':
        for _ in range(50):
            v = fmt_phone(g, make_phone(g, region), region, g.choice(['national', 'intl']))[1]
            idx = [i for i, c in enumerate(v) if c.isdigit()][2:]
            i = g.choice(idx)
            w = v[:i] + v[i + 1:]
            if not phone_ok(w, region):
                return NG(w, 'phone', kind, val='phonenumbers', loc=loc)
    if kind == 'isbn':
        b = '978' + g.choice('0123') + g.dg(8)
        c = (10 - sum(int(x) * (1 if i % 2 == 0 else 3) for i, x in enumerate(b)) % 10) % 10
        return NG('%s-%s-%s-%s-%d' % (b[:3], b[3], b[4:8], b[8:], c), 'phone', kind)
    if kind == 'order_number':
        return NG(g.choice(['%s-%s-%s' % (g.dg(3), g.dg(7), g.dg(7)), '#%s %s %s' % (g.dg(3), g.dg(3), g.dg(4)), 'ORD-%s-%s' % (g.dg(4), g.dg(6))]), 'phone', kind)
    return NG(g.choice(['%s-%s-%s' % (g.dg(4), g.dg(3), g.dg(4)), 'REF %s/%s/%s' % (g.dg(2), g.dg(4), g.dg(3)), '%s %s %s' % (g.dg(4), g.dg(3), g.dg(3))]), 'phone', 'reference')

def n_email(g, p=None, kind=None):
    kind = kind or g.choice(['example_domain', 'example_domain', 'reserved_tld', 'handle', 'image', 'git_remote'])
    fi = re.sub(r'[^a-z]', '', (p.rfirst if p else g.choice(['anna', 'tom', 'user', 'jdoe'])).lower()) or 'user'
    la = re.sub(r'[^a-z]', '', (p.rlast if p else 'smith').lower()) or 'smith'
    if kind == 'example_domain':
        v = '%s.%s@%s' % (fi, la, g.choice(['example.com', 'example.org', 'example.net']))
    elif kind == 'reserved_tld':
        v = '%s@%s' % (g.choice([fi, 'test', 'noreply', 'admin']), g.choice(['mail.test', 'corp.invalid', 'shop.example', 'localhost']))
    elif kind == 'handle':
        v = '@%s_%s%s' % (fi, la[:3], g.dg(2))
    elif kind == 'image':
        v = g.choice(['logo@2x.png', 'avatar@3x.jpg', 'icon-close@2x.svg', 'banner@2x.webp'])
    else:
        v = 'git@%s:%s/%s.git' % (g.choice(['github.com', 'gitlab.com', 'bitbucket.org']), g.choice(['acme', 'infra', 'data-team']), g.choice(['api', 'web', 'etl']))
    return NG(v, 'email', kind)

def n_id(g, p, kind=None):
    mod = p.idmod()
    kind = kind or ('documented_example' if mod in DOC_IDS and g.p(0.25) else g.choice(['onedigit', 'onedigit', 'onedigit', 'case_number']))
    if kind == 'documented_example':
        return NG(g.choice(DOC_IDS[mod]), 'national_id', kind, loc=p.loc)
    if kind == 'case_number':
        return NG(g.choice(['%s-%d-%s' % (g.choice(['CR', 'CV', 'HR', 'CL']), g.randint(2019, 2024), g.dg(6)), 'Az. %s/%s' % (g.dg(3), g.dg(2)),
                            'INV-%s%s' % (g.dg(4), g.dg(5)), '%s/%s/%s' % (g.dg(2), g.dg(5), g.dg(2))]), 'national_id', kind)
    mod = {'gb.nino_rules': 'gb.nhs', 'in_.pan': 'in_.aadhaar'}.get(mod, mod)  # formats without a check digit
    if mod == 'us.ssn':
        return NG('%s-%02d-%04d' % (g.choice(['000', '666', '9%02d' % g.randint(0, 99)]), g.randint(1, 99), g.randint(1, 9999)), 'national_id', 'invalid_ssn', val=mod, loc=p.loc)
    v = P(g, p.loc).nid(mod).v
    return NG(onedigit(g, v, lambda w: valid(mod, w)), 'national_id', 'onedigit_' + mod, val=mod, loc=p.loc)

def n_iban(g, loc, kind=None):
    kind = kind or g.choice(['onedigit', 'onedigit', 'documented_example'])
    if kind == 'documented_example':
        return NG(g.choice(DOC_IBANS), 'iban', kind)
    cc = LOC[loc]['iban'] or 'DE'
    v = group(make_iban(g, cc), [4] * 9) if g.p(0.7) else make_iban(g, cc)
    return NG(onedigit(g, v, lambda w: valid('iban', w)), 'iban', 'onedigit_iban', val='iban', loc=loc)

def n_card(g, loc='en_US', kind=None):
    kind = kind or g.choice(['onedigit', 'onedigit', 'test_card', 'masked', 'tracking'])
    if kind == 'test_card':
        return NG(g.choice(TEST_CARDS), 'card', kind)
    if kind == 'masked':
        return NG(g.choice(['**** **** **** %s', 'XXXX-XXXX-XXXX-%s', '•••• %s', '************%s']) % g.dg(4), 'card', kind)
    if kind == 'tracking':
        while True:
            v = g.choice(['1', '7', '9']) + g.dg(15)
            if not luhn_ok(v):
                return NG(group(v, (4, 4, 4, 4)) if g.p(0.5) else v, 'card', kind)
    v = fmt_card(g, make_card(g, g.choice(LOC[loc]['cards'])))
    return NG(onedigit(g, v, luhn_ok), 'card', 'onedigit_luhn', val='luhn', loc=loc)

def n_secret(g, kind=None):
    kind = kind or g.choice(['git_sha', 'sha256', 'uuid', 'documented_example', 'placeholder', 'public_key', 'publishable', 'git_sha', 'uuid'])
    rb = bytes(g.getrandbits(8) for _ in range(32))
    if kind == 'git_sha':
        v = hashlib.sha1(rb).hexdigest()
        v = v if g.p(0.6) else v[:g.choice([7, 8, 12])]
    elif kind == 'sha256':
        v = hashlib.sha256(rb).hexdigest()
    elif kind == 'uuid':
        h = hashlib.md5(rb).hexdigest()
        v = '%s-%s-4%s-%s%s-%s' % (h[:8], h[8:12], h[13:16], g.choice('89ab'), h[17:20], h[20:32])
    elif kind == 'documented_example':
        v = g.choice(DOC_SECRETS)
    elif kind == 'placeholder':
        v = g.choice(PLACEHOLDER_SECRETS)
    elif kind == 'public_key':
        v = 'ssh-ed25519 ' + base64.b64encode(_sshstr(b'ssh-ed25519') + _sshstr(rb)).decode()
    else:
        v = 'pk_live_51' + g.rs(97)
    return NG(v, 'secret', kind)

def n_ip(g, kind=None):
    kind = kind or g.choice(['documentation', 'documentation', 'private', 'private', 'loopback', 'link_local', 'version'])
    if kind == 'documentation':
        v = g.choice(['192.0.2.%d', '198.51.100.%d', '203.0.113.%d']) % g.randint(1, 254) if g.p(0.8) else '2001:db8::%x' % g.randint(1, 0xffff)
    elif kind == 'private':
        v = g.choice(['10.%d.%d.%d' % (g.randint(0, 255), g.randint(0, 255), g.randint(1, 254)), '192.168.%d.%d' % (g.randint(0, 2), g.randint(1, 254)),
                      '172.%d.%d.%d' % (g.randint(16, 31), g.randint(0, 255), g.randint(1, 254))])
    elif kind == 'loopback':
        v = g.choice(['127.0.0.1', '::1', '127.0.1.1'])
    elif kind == 'link_local':
        v = '169.254.%d.%d' % (g.randint(1, 254), g.randint(1, 254))
    else:
        v = '%d.%d.%d.%d' % (g.randint(1, 9), g.randint(0, 20), g.randint(0, 9), g.randint(0, 300))
    return NG(v, 'ip', kind)

def n_mac(g, kind=None):
    kind = kind or g.choice(['broadcast', 'zero', 'multicast', 'placeholder', 'placeholder'])
    v = {'broadcast': 'FF:FF:FF:FF:FF:FF', 'zero': '00:00:00:00:00:00',
         'multicast': g.choice(['01:00:5E:%02X:%02X:%02X' % (g.randint(0, 127), g.randint(0, 255), g.randint(0, 255)), '33:33:00:00:00:%02X' % g.randint(1, 255)]),
         'placeholder': g.choice(['00:11:22:33:44:55', 'AA:BB:CC:DD:EE:FF', 'aa:bb:cc:dd:ee:ff', '12:34:56:78:9A:BC'])}[kind]
    return NG(v, 'mac', kind)

# ============================================================ phrase tables
PH = {
    'en': dict(name='My name is {name}.', phone='You can reach me on {phone}.', phone2='Could you call me back on {phone}?', email='My email address is {email}.',
               dob='I was born on {dob}.', addr='I live at {addr}.', id='My {idn} is {id}.', iban='Please send the refund to my account {iban}.',
               card='I paid with my card {card}.', hi='Hello, my name is {first}, how can I help you today?', order='I can see order {order} placed on {date}.',
               thanks='Thank you, I have updated your details.', quote='"{q}," said {name}, {age}, of {city}.',
               qs=['We have never seen anything like it', 'The whole street came out to help', 'I just hope the council finally does something'],
               lead='{org} opened a new office in {city} on {date}.', contact='Media enquiries: {name}, {phone}, {email}', dear_m='Dear Mr {last},',
               dear_f='Dear Ms {last},', regards='Kind regards,', born='{name} was born on {dob} in {city}.', appt='Your next appointment is on {date}.'),
    'de': dict(name='Mein Name ist {name}.', phone='Sie erreichen mich unter {phone}.', phone2='Rufen Sie mich bitte unter {phone} zurück.',
               email='Meine E-Mail-Adresse lautet {email}.', dob='Ich bin am {dob} geboren.', addr='Meine neue Adresse ist {addr}.', id='Meine {idn} ist {id}.',
               iban='Bitte überweisen Sie die Erstattung auf {iban}.', card='Ich habe mit meiner Karte {card} bezahlt.',
               hi='Guten Tag, mein Name ist {first}. Wie kann ich Ihnen helfen?', order='Ich sehe die Bestellung {order} vom {date}.',
               thanks='Vielen Dank, ich habe Ihre Daten aktualisiert.', quote='„{q}“, sagte {name} ({age}) aus {city}.',
               qs=['Wir haben so etwas noch nie erlebt', 'Die ganze Straße hat mitgeholfen', 'Ich hoffe, dass die Stadt jetzt endlich handelt'],
               lead='{org} hat am {date} einen neuen Standort in {city} eröffnet.', contact='Pressekontakt: {name}, Tel. {phone}, {email}',
               dear_m='Sehr geehrter Herr {last},', dear_f='Sehr geehrte Frau {last},', regards='Mit freundlichen Grüßen',
               born='{name} wurde am {dob} in {city} geboren.', appt='Ihr nächster Termin ist am {date}.'),
    'fr': dict(name="Je m'appelle {name}.", phone='Vous pouvez me joindre au {phone}.', phone2="Rappelez-moi au {phone} s'il vous plaît.",
               email='Mon adresse e-mail est {email}.', dob='Je suis né le {dob}.', addr="J'habite au {addr}.", id='Mon {idn} est le {id}.',
               iban='Merci de rembourser sur mon compte {iban}.', card="J'ai payé avec ma carte {card}.",
               hi="Bonjour, je m'appelle {first}, comment puis-je vous aider ?", order='Je vois la commande {order} du {date}.',
               thanks='Merci, vos coordonnées ont été mises à jour.', quote='« {q} », a déclaré {name}, {age} ans, habitant de {city}.',
               qs=["On n'avait jamais vu ça", "Tout le quartier s'est mobilisé", 'J’espère que la mairie va enfin agir'],
               lead='{org} a inauguré le {date} un nouveau site à {city}.', contact='Contact presse : {name}, tél. {phone}, {email}', dear_m='Cher Monsieur {last},',
               dear_f='Chère Madame {last},', regards='Cordialement,', born='{name} est né le {dob} à {city}.', appt='Votre prochain rendez-vous est fixé au {date}.'),
    'es': dict(name='Me llamo {name}.', phone='Puede llamarme al {phone}.', phone2='Devuélvame la llamada al {phone}, por favor.', email='Mi correo es {email}.',
               dob='Nací el {dob}.', addr='Vivo en {addr}.', id='Mi {idn} es {id}.', iban='Por favor, hagan el reembolso a mi cuenta {iban}.',
               card='Pagué con la tarjeta {card}.', hi='Hola, le atiende {first}, ¿en qué puedo ayudarle?', order='Veo el pedido {order} del {date}.',
               thanks='Gracias, ya he actualizado sus datos.', quote='«{q}», dijo {name}, de {age} años, vecino de {city}.',
               qs=['Nunca habíamos visto algo así', 'Todo el barrio salió a ayudar', 'Espero que el ayuntamiento haga algo por fin'],
               lead='{org} inauguró el {date} una nueva sede en {city}.', contact='Contacto de prensa: {name}, tel. {phone}, {email}', dear_m='Estimado Sr. {last}:',
               dear_f='Estimada Sra. {last}:', regards='Atentamente,', born='{name} nació el {dob} en {city}.', appt='Su próxima cita es el {date}.'),
    'it': dict(name='Mi chiamo {name}.', phone='Potete contattarmi al {phone}.', phone2='Mi richiami al {phone}, per favore.', email='La mia email è {email}.',
               dob='Sono nato il {dob}.', addr='Abito in {addr}.', id='Il mio {idn} è {id}.', iban='Vi prego di effettuare il rimborso sul conto {iban}.',
               card='Ho pagato con la carta {card}.', hi='Buongiorno, sono {first}, come posso aiutarla?', order="Vedo l'ordine {order} del {date}.",
               thanks='Grazie, ho aggiornato i suoi dati.', quote='«{q}», ha detto {name}, {age} anni, residente a {city}.',
               qs=['Non avevamo mai visto niente del genere', 'Tutto il quartiere si è dato da fare', 'Spero che il Comune intervenga finalmente'],
               lead='{org} ha inaugurato il {date} una nuova sede a {city}.', contact='Contatti stampa: {name}, tel. {phone}, {email}', dear_m='Gentile Sig. {last},',
               dear_f='Gentile Sig.ra {last},', regards='Cordiali saluti,', born='{name} è nato il {dob} a {city}.', appt='Il prossimo appuntamento è il {date}.'),
    'nl': dict(name='Mijn naam is {name}.', phone='U kunt mij bereiken op {phone}.', phone2='Wilt u mij terugbellen op {phone}?', email='Mijn e-mailadres is {email}.',
               dob='Ik ben geboren op {dob}.', addr='Ik woon op {addr}.', id='Mijn {idn} is {id}.', iban='Graag het bedrag terugstorten op {iban}.',
               card='Ik heb betaald met mijn kaart {card}.', hi='Goedemiddag, u spreekt met {first}, waarmee kan ik u helpen?',
               order='Ik zie bestelling {order} van {date}.', thanks='Dank u, uw gegevens zijn bijgewerkt.', quote='"{q}", zegt {name} ({age}) uit {city}.',
               qs=['Zoiets hebben we nog nooit meegemaakt', 'De hele straat hielp mee', 'Ik hoop dat de gemeente nu eindelijk iets doet'],
               lead='{org} opende op {date} een nieuwe vestiging in {city}.', contact='Persvragen: {name}, tel. {phone}, {email}', dear_m='Geachte heer {last},',
               dear_f='Geachte mevrouw {last},', regards='Met vriendelijke groet,', born='{name} werd geboren op {dob} in {city}.',
               appt='Uw volgende afspraak is op {date}.'),
    'pt': dict(name='Meu nome é {name}.', phone='Pode me ligar no {phone}.', phone2='Me liga de volta no {phone}, por favor.', email='Meu e-mail é {email}.',
               dob='Nasci em {dob}.', addr='Moro na {addr}.', id='Meu {idn} é {id}.', iban='Por favor, façam o estorno para a conta {iban}.',
               card='Paguei com o cartão {card}.', hi='Olá, aqui é {first}, em que posso ajudar?', order='Estou vendo o pedido {order} de {date}.',
               thanks='Obrigado, seus dados foram atualizados.', quote='"{q}", disse {name}, de {age} anos, morador de {city}.',
               qs=['Nunca vimos nada parecido', 'A rua inteira ajudou', 'Espero que a prefeitura finalmente faça alguma coisa'],
               lead='A {org} inaugurou em {date} uma nova unidade em {city}.', contact='Contato para imprensa: {name}, tel. {phone}, {email}',
               dear_m='Prezado Sr. {last},', dear_f='Prezada Sra. {last},', regards='Atenciosamente,', born='{name} nasceu em {dob} em {city}.',
               appt='Sua próxima consulta é em {date}.'),
    'pl': dict(name='Nazywam się {name}.', phone='Można się ze mną skontaktować pod numerem {phone}.', phone2='Proszę oddzwonić na {phone}.',
               email='Mój e-mail to {email}.', dob='Urodziłem się {dob}.', addr='Mieszkam pod adresem {addr}.', id='Mój {idn} to {id}.',
               iban='Proszę o zwrot na konto {iban}.', card='Płaciłem kartą {card}.', hi='Dzień dobry, z tej strony {first}, w czym mogę pomóc?',
               order='Widzę zamówienie {order} z dnia {date}.', thanks='Dziękuję, dane zostały zaktualizowane.',
               quote='„{q}” – mówi {name} ({age} l.) z miejscowości {city}.',
               qs=['Czegoś takiego jeszcze nie widzieliśmy', 'Cała ulica pomagała', 'Mam nadzieję, że gmina wreszcie coś zrobi'],
               lead='{org} otworzyła {date} nowy oddział w miejscowości {city}.', contact='Kontakt dla mediów: {name}, tel. {phone}, {email}',
               dear_m='Szanowny Panie {last},', dear_f='Szanowna Pani {last},', regards='Z poważaniem,', born='{name} urodził się {dob} w miejscowości {city}.',
               appt='Kolejna wizyta odbędzie się {date}.'),
    'sv': dict(name='Jag heter {name}.', phone='Du når mig på {phone}.', phone2='Ring tillbaka på {phone}, tack.', email='Min mejladress är {email}.',
               dob='Jag är född den {dob}.', addr='Jag bor på {addr}.', id='Mitt {idn} är {id}.', iban='Sätt in återbetalningen på {iban}.',
               card='Jag betalade med kortet {card}.', hi='Hej, du pratar med {first}, vad kan jag hjälpa till med?', order='Jag ser order {order} från den {date}.',
               thanks='Tack, dina uppgifter är uppdaterade.', quote='– {q}, säger {name}, {age}, från {city}.',
               qs=['Vi har aldrig sett något liknande', 'Hela gatan hjälpte till', 'Jag hoppas att kommunen äntligen gör något'],
               lead='{org} öppnade den {date} ett nytt kontor i {city}.', contact='Presskontakt: {name}, tel. {phone}, {email}', dear_m='Hej {first},',
               dear_f='Hej {first},', regards='Med vänliga hälsningar,', born='{name} föddes den {dob} i {city}.', appt='Din nästa tid är den {date}.'),
    'tr': dict(name='Adım {name}.', phone='Bana {phone} numarasından ulaşabilirsiniz.', phone2='Lütfen beni {phone} numarasından geri arayın.',
               email='E-posta adresim {email}.', dob='{dob} doğumluyum.', addr='{addr} adresinde oturuyorum.', id='{idn} numaram {id}.',
               iban='İadeyi lütfen {iban} hesabıma yapın.', card='{card} numaralı kartımla ödedim.', hi='Merhaba, ben {first}, size nasıl yardımcı olabilirim?',
               order='{date} tarihli {order} numaralı siparişinizi görüyorum.', thanks='Teşekkürler, bilgileriniz güncellendi.',
               quote='"{q}" diyor {city} sakini {name} ({age}).',
               qs=['Böyle bir şeyi daha önce hiç görmedik', 'Bütün sokak yardıma koştu', 'Umarım belediye artık bir şey yapar'],
               lead='{org}, {date} tarihinde {city} şehrinde yeni bir ofis açtı.', contact='Basın iletişim: {name}, tel. {phone}, {email}', dear_m='Sayın {name},',
               dear_f='Sayın {name},', regards='Saygılarımla,', born='{name}, {dob} tarihinde {city} şehrinde doğdu.', appt='Bir sonraki randevunuz {date} tarihinde.'),
    'ru': dict(name='Меня зовут {name}.', phone='Со мной можно связаться по номеру {phone}.', phone2='Перезвоните мне, пожалуйста, на {phone}.',
               email='Моя почта — {email}.', dob='Я родился {dob} года.', addr='Я живу по адресу {addr}.', id='Мой {idn}: {id}.',
               iban='Прошу вернуть деньги на счёт {iban}.', card='Я платил картой {card}.', hi='Здравствуйте, меня зовут {first}, чем могу помочь?',
               order='Я вижу заказ {order} от {date}.', thanks='Спасибо, ваши данные обновлены.', quote='«{q}», — говорит {name} ({age}), город {city}.',
               qs=['Такого мы ещё никогда не видели', 'Вся улица вышла помогать', 'Надеюсь, администрация наконец что-то сделает'],
               lead='{date} компания {org} открыла новый офис в городе {city}.', contact='Контакты для прессы: {name}, тел. {phone}, {email}',
               dear_m='Уважаемый {name}!', dear_f='Уважаемая {name}!', regards='С уважением,', born='{name} родился {dob} года в городе {city}.',
               appt='Ваш следующий приём назначен на {date}.'),
    'ja': dict(name='{name}と申します。', phone='連絡先は{phone}です。', phone2='{phone}に折り返しお電話ください。', email='メールアドレスは{email}です。', dob='{dob}生まれです。', addr='住所は{addr}です。',
               id='{idn}は{id}です。', iban='返金は{iban}の口座にお願いします。', card='カード番号{card}で支払いました。', hi='お電話ありがとうございます。担当の{last}です。', order='{date}のご注文{order}を確認しました。',
               thanks='ありがとうございます。登録情報を更新しました。', quote='「{q}」と{city}在住の{name}さん（{age}）は話した。', qs=['こんなことは初めてです', '近所のみんなが手伝ってくれました', '市には早く対応してほしい'],
               lead='{org}は{date}、{city}に新しい拠点を開設した。', contact='報道関係のお問い合わせ：{name}（電話 {phone}、{email}）', dear_m='{name}様', dear_f='{name}様', regards='よろしくお願いいたします。',
               born='{name}は{dob}、{city}に生まれた。', appt='次回の予約は{date}です。'),
    'zh': dict(name='我叫{name}。', phone='我的电话是{phone}。', phone2='请回拨{phone}。', email='我的邮箱是{email}。', dob='我是{dob}出生的。', addr='我住在{addr}。', id='我的{idn}是{id}。',
               iban='请把退款打到{iban}这个账户。', card='我是用{card}这张卡付的款。', hi='您好，我是客服{first}，请问有什么可以帮您？', order='我看到您{date}的订单{order}。', thanks='好的，已经为您更新了信息。',
               quote='“{q}，”家住{city}的{name}（{age}岁）说。', qs=['我们从没见过这种情况', '整条街的人都来帮忙了', '希望政府能尽快解决'], lead='{org}于{date}在{city}开设了新办公室。',
               contact='媒体联系人：{name}，电话{phone}，邮箱{email}', dear_m='尊敬的{name}：', dear_f='尊敬的{name}：', regards='此致敬礼', born='{name}于{dob}出生在{city}。',
               appt='您的下次预约时间是{date}。'),
    'ko': dict(name='제 이름은 {name}입니다.', phone='제 연락처는 {phone}입니다.', phone2='{phone}로 다시 전화 주세요.', email='이메일은 {email}입니다.', dob='저는 {dob}생입니다.', addr='주소는 {addr}입니다.',
               id='{idn}는 {id}입니다.', iban='환불은 {iban} 계좌로 부탁드립니다.', card='{card} 카드로 결제했어요.', hi='안녕하세요, 상담원 {first}입니다. 무엇을 도와드릴까요?',
               order='{date}에 주문하신 {order} 건 확인했습니다.', thanks='감사합니다. 정보가 업데이트되었습니다.', quote='"{q}"라고 {city}에 사는 {name}({age}) 씨는 말했다.',
               qs=['이런 일은 처음 봅니다', '동네 사람들이 모두 나와서 도왔어요', '시가 빨리 대책을 세웠으면 합니다'], lead='{org}는 {date} {city}에 새 사무소를 열었다.', contact='보도 문의: {name}, 전화 {phone}, {email}',
               dear_m='{name} 님께', dear_f='{name} 님께', regards='감사합니다.', born='{name}은 {dob} {city}에서 태어났다.', appt='다음 예약은 {date}입니다.'),
    'ar': dict(name='اسمي {name}.', phone='يمكنكم التواصل معي على الرقم {phone}.', phone2='أرجو معاودة الاتصال على {phone}.', email='بريدي الإلكتروني هو {email}.',
               dob='وُلدت في {dob}.', addr='أسكن في {addr}.', id='رقم {idn} هو {id}.', iban='أرجو إعادة المبلغ إلى حسابي {iban}.', card='دفعت ببطاقتي {card}.',
               hi='مرحباً، معك {first}، كيف يمكنني مساعدتك؟', order='أرى الطلب رقم {order} بتاريخ {date}.', thanks='شكراً، تم تحديث بياناتك.',
               quote='"{q}"، قال {name} ({age} عاماً) من {city}.', qs=['لم نرَ شيئاً كهذا من قبل', 'خرج الحي كله للمساعدة', 'آمل أن تتحرك البلدية أخيراً'],
               lead='افتتحت {org} في {date} مكتباً جديداً في {city}.', contact='للتواصل الإعلامي: {name}، هاتف {phone}، {email}', dear_m='الأستاذ {name} المحترم،',
               dear_f='الأستاذة {name} المحترمة،', regards='مع خالص التحية،', born='وُلد {name} في {dob} في {city}.', appt='موعدك القادم في {date}.'),
    'hi': dict(name='मेरा नाम {name} है।', phone='मुझसे {phone} पर संपर्क करें।', phone2='कृपया मुझे {phone} पर वापस कॉल करें।', email='मेरा ईमेल {email} है।',
               dob='मेरा जन्म {dob} को हुआ था।', addr='मैं {addr} में रहता हूँ।', id='मेरा {idn} नंबर {id} है।', iban='कृपया पैसे {iban} खाते में लौटाएँ।',
               card='मैंने {card} कार्ड से भुगतान किया।', hi='नमस्ते, मैं {first} बोल रही हूँ, मैं आपकी क्या सहायता कर सकती हूँ?',
               order='मुझे {date} का ऑर्डर {order} दिख रहा है।', thanks='धन्यवाद, आपकी जानकारी अपडेट कर दी गई है।',
               quote='"{q}," {city} के निवासी {name} ({age}) ने कहा।',
               qs=['हमने ऐसा पहले कभी नहीं देखा', 'पूरी गली मदद के लिए आई', 'उम्मीद है कि नगर निगम अब कुछ करेगा'],
               lead='{org} ने {date} को {city} में नया कार्यालय खोला।', contact='मीडिया संपर्क: {name}, फ़ोन {phone}, {email}', dear_m='प्रिय {name} जी,',
               dear_f='प्रिय {name} जी,', regards='सादर,', born='{name} का जन्म {dob} को {city} में हुआ।', appt='आपकी अगली अपॉइंटमेंट {date} को है।'),
}

def ph(p_or_lang, key, **kw):
    lang = p_or_lang if isinstance(p_or_lang, str) else p_or_lang.lang
    return S(PH[lang][key], **kw)

def org(g, loc):
    """A company name (negative) for any locale."""
    if LOC[loc]['lang'] in ('ja', 'zh', 'ko', 'ru', 'ar', 'hi'):
        c = g.fk(loc).company() if loc not in ('hi_IN', 'ar_SA') else g.fk('en_IN' if loc == 'hi_IN' else 'en_US').company()
        return NG(c, 'name', 'company')
    return n_company(g, loc)

# ============================================================ shared prose
def en_loc(g):
    return g.choices(EN, [4, 4, 2, 2])[0]

def ttl(p):
    return p.title() + ' ' if p.lang in TITLES else ''

def opt(g, prob, *xs):
    return flat(list(xs)) if g.p(prob) else []

ROLES = ['Customer Relations Manager', 'Head of Operations', 'Senior Case Officer', 'Practice Manager', 'Office Manager', 'HR Business Partner',
         'Claims Handler', 'Team Lead, Customer Care', 'Project Coordinator', 'Director of Communications', 'Account Manager']

def f_local_news():
    g, w = G('local_news'), W('news/local_news.txt', 'localnews')
    for i in range(18):
        loc = en_loc(g)
        f = g.fk(loc)
        town = f.city()
        kind = i % 5
        a, b, c = P(g, loc, 'F' if kind in (0, 3) else None, age=(30, 85)), P(g, loc, age=(25, 70)), P(g, loc, age=(30, 60))
        w.ln('%s: ' % town.upper(), g.choice(['Residents', 'Neighbours', 'Locals', 'Shop owners']), ' ', g.choice(['count the cost', 'rally round', 'speak out', 'welcome change']))
        w.pl('By ', P(g, loc).name(), ' | ', n_date(g, loc, 'publication', 2023, 2024, 'long'))
        if kind == 0:
            w.ln(S('Police are appealing for witnesses after a break-in at a house on {st} in the early hours of {d}. The homeowner, {n}, {age}, '
                   'said she woke to the sound of breaking glass. "{q}," {t}{s} said.', st=n_street(g, loc), d=n_date(g, loc, 'incident', 2023, 2024, 'long'),
                   n=a.name(), age=str(a.age()), q=g.choice(PH['en']['qs']), t=ttl(a), s=a.sur()))
            w.ln(S('A neighbour, {n}, who lives at {ad}, said the street had seen three similar incidents since the spring.', n=b.name(), ad=b.addr()))
            w.ln(S('Anyone with information should contact Detective Constable {n} on {ph}, quoting reference {ref}.', n=c.name(), ph=c.phone(mobile=False),
                   ref=n_phone(g, loc, 'reference')))
        elif kind == 1:
            w.ln(S('More than 3,000 visitors came to the {town} summer fair on {d}, organisers said. Stalls were run by {o1} and {o2}, and the '
                   'headline act was a local choir.', town=town, d=n_date(g, loc, 'event', 2023, 2024, 'long'), o1=n_company(g, loc), o2=n_company(g, loc)))
            w.ln(S('"{q}," said organiser {n}, {age}. Volunteers for next year can email {em} or ring {ph}.', q=g.choice(PH['en']['qs']), n=a.name(),
                   age=str(a.age()), em=a.email(), ph=a.phone()))
            w.ln(S('{t}{s} thanked {o} for lending the marquee and said the next fair is planned for {d}.', t=ttl(a), s=a.sur(), o=n_company(g, loc),
                   d=n_date(g, loc, 'event', 2025, 2025, 'long')))
        elif kind == 2:
            shop = n_company(g, loc)
            w.ln(S('{shop} will open its new branch at {ad} on {d}, creating twelve jobs.', shop=shop, ad=L(', '.join(make_addr(g, loc)), 'address', 'business', loc),
                   d=n_date(g, loc, 'event', 2024, 2025, 'long')))
            w.ln(S('Owner {n}, who grew up in {town}, said the shop would stock everything from the {pr} to locally made jam. "{q}," {t}{s} added.',
                   n=a.name(), town=n_city(g, loc), pr=NG(g.choice(PRODUCTS), 'name', 'product'), q=g.choice(PH['en']['qs']), t=ttl(a), s=a.sur()))
            w.ln(S('Bookings for the opening evening can be made on {ph} or by emailing {em}.', ph=a.phone(mobile=False), em=L('hello@' + re.sub(r'[^a-z]', '', text(shop).lower())[:14] + '.co', 'email', 'role', loc, val='email')))
        elif kind == 3:
            w.ln(S('Families on {st} were moved to a rest centre after water rose above the kerb on {d}. {n}, {age}, who lives at {ad} with her '
                   'two children, said the ground floor was ruined.', st=n_street(g, loc), d=n_date(g, loc, 'incident', 2023, 2024, 'long'), n=a.name(),
                   age=str(a.age()), ad=a.addr()))
            w.ln(S('"{q}," said {n}, a retired teacher from the same road. {t}{s} has lived there since {y}.', q=g.choice(PH['en']['qs']), n=b.name(),
                   t=ttl(b), s=b.sur(), y=str(g.randint(1975, 2010))))
            w.ln(S('Residents who need help can call the council on {ph}.', ph=n_phone(g, loc, 'fictional') if loc in ('en_GB', 'en_US', 'en_AU') and g.p(0.5) else c.phone(mobile=False)))
        else:
            w.ln(S('Councillor {n} has asked for the closure of the {st} car park to be reviewed at the meeting on {d}.', n=a.name(),
                   st=n_street(g, loc), d=n_date(g, loc, 'meeting', 2024, 2025, 'long')))
            w.ln(S('{t}{s} said more than 400 people had signed a petition started by {n2}, {age}, a mother of three. Comments can be sent to {em} '
                   'before the deadline.', t=ttl(a), s=a.sur(), n2=b.name(), age=str(b.age()), em=a.email()))
            w.ln(S('{n} can be reached on {ph}; the petition is not connected with {o}.', n=a.name(), ph=a.phone(), o=n_company(g, loc)))
        w.ln()
        w.ln('-' * 40)
    w.close()

def f_press_releases():
    g, w = G('press'), W('news/press_releases.md', 'press')
    for i in range(12):
        loc = g.choice(ALL)
        hq = loc if LOC[loc]['lang'] in ('en', 'de', 'fr', 'es', 'it', 'nl', 'pl', 'sv', 'pt') else 'en_US'
        co = n_company(g, hq)
        dom = re.sub(r'[^a-z]', '', ascii_fold(text(co)).lower())[:12] + g.choice(['.com', '.io', '.eu', '.de', '.co.uk'])
        ceo, pr, ir = P(g, loc), P(g, loc), P(g, loc)
        ver = '%d.%d.%d.%d' % (g.randint(1, 9), g.randint(0, 12), g.randint(0, 9), g.randint(0, 400))
        w.pl('# ', co, ' announces ', NG(g.choice(PRODUCTS), 'name', 'product'), ' partnership')
        w.pl('**', n_city(g, hq), ', ', n_date(g, hq, 'publication', 2023, 2024, 'long'), '** – ', co, ' today announced that firmware ',
             NG(ver, 'ip', 'version'), ' of its platform is available to all customers, following a pilot with ', n_company(g, hq), '.')
        w.pl(S('"{q}," said {n}, chief executive of {co}. "{q2}."', q=g.choice(['This is a milestone for our team', 'Customers asked for this and we listened',
                                                                                'We are proud of what the team has delivered']), n=ceo.name(formal=False), co=co,
               q2=g.choice(['The rollout starts next month', 'More markets will follow in the spring', 'We expect strong demand'])))
        w.pl(S('{t}{s} will present the results at the annual meeting on {d}.', t=ttl(ceo), s=ceo.sur(), d=n_date(g, hq, 'event', 2024, 2025, 'long')))
        w.ln('### About ', co)
        w.pl(S('{co} is headquartered at {ad} and employs 1,200 people in {n} countries.', co=co, ad=L(', '.join(make_addr(g, hq)), 'address', 'business', hq),
               n=str(g.randint(3, 30))))
        w.ln('### Media contact')
        w.ln(pr.name(), '  ')
        w.ln(g.choice(['Head of Communications', 'Press Officer', 'PR Manager', 'Media Relations Lead']), '  ')
        w.ln(pr.phone(), '  ')
        w.ln(L('%s.%s@%s' % (re.sub(r'[^a-z]', '', pr.rfirst.lower()) or 'press', re.sub(r'[^a-z]', '', pr.rlast.lower()) or 'team', dom), 'email', 'work', loc, val='email'))
        if g.p(0.6):
            w.ln()
            w.ln(S('Investor relations: {n} ({em}, {ph}). General enquiries: {role}', n=ir.name(), em=ir.email(), ph=ir.phone(),
                   role=L(g.choice(['press', 'media', 'info', 'ir']) + '@' + dom, 'email', 'role', loc, val='email')))
        if g.p(0.4):
            w.ln()
            w.ln(S('Logos and photos: press kit at https://{d}/press (files named like {img}; for testing the API use {ex}).', d=dom,
                   img=n_email(g, kind='image'), ex=n_email(g, kind='example_domain')))
        w.ln()
        w.pl('---')
    w.close()

def world_item(g, loc, ascii_only=False):
    """A short native-language news item: lead, quote, born line, contact."""
    p, q, r = P(g, loc), P(g, loc), P(g, loc)
    city = n_city(g, loc)
    lead = ph(p, 'lead', org=org(g, loc), city=city, date=n_date(g, loc, 'event', 2023, 2024))
    sp = [' '] if p.lang not in ('ja', 'zh') else []
    body = lead + sp + ph(p, 'quote', q=g.choice(PH[p.lang]['qs']), name=p.name(), age=str(p.age()), city=n_city(g, loc))
    if g.p(0.45):
        body += sp + ph(q, 'born', name=q.name(), dob=q.dob_l(), city=n_city(g, loc))
    if g.p(0.8):
        body += ['\n\n'] + ph(r, 'contact', name=r.name(), phone=r.phone(), email=r.email())
    if g.p(0.25):
        body += sp + [n_phone(g, loc, 'order_number') if g.p(0.5) else n_email(g, r)]
    return body

def f_world_desk():
    g, w = G('world'), W('news/world_desk.jsonl', 'worlddesk')
    for i in range(40):
        loc = ALL[i % len(ALL)] if i < 40 else g.choice(ALL)
        jsonl(w, {'id': 'wd-%05d' % (i + 1), 'lang': LOC[loc]['lang'], 'section': g.choice(['local', 'business', 'society']), 'text': world_item(g, loc)})
    w.close()

def f_wire_gz():
    g, w = G('wire'), W('archive/wire_2019.jsonl.gz', 'wiregz')
    for i in range(32):
        loc = g.choice(ALL)
        jsonl(w, {'guid': 'urn:wire:%s' % g.dg(10), 'published': '2019-%02d-%02dT%02d:00:00Z' % (g.randint(1, 12), g.randint(1, 28), g.randint(0, 23)),
                  'body': world_item(g, loc)}, ascii_only=True)
    w.close()

# ================================================================== legal
def f_judgments_uk():
    g, w = G('judg_uk'), W('legal/judgments_uk.txt', 'judguk')
    for i in range(5):
        loc = 'en_GB'
        cl, de, wi, wi2, judge = P(g, loc, 'F'), P(g, loc, 'M'), P(g, loc), P(g, loc), P(g, loc, age=(50, 70))
        case = 'Case No: %s%s%s' % (g.choice(['HQ', 'KB', 'CR', 'F']), g.randint(19, 23), g.dg(5))
        w.ln('IN THE ', g.choice(['HIGH COURT OF JUSTICE', 'COUNTY COURT AT ' + g.fk(loc).city().upper(), 'EMPLOYMENT TRIBUNAL']))
        w.pl(NG(case.split(': ')[1], 'national_id', 'case_number'))
        w.ln('BETWEEN:')
        w.ln('                         ', L(cl.full().upper(), 'name', 'caps', loc))
        w.ln('                                                    Claimant')
        w.ln('                         - and -')
        w.ln('                         ', L(de.full().upper(), 'name', 'caps', loc))
        w.pl('                                                    Defendant')
        w.pl('Hearing date: ', n_date(g, loc, 'hearing', 2023, 2024, 'long'))
        w.pl('JUDGMENT')
        w.pl(S('1. This is the judgment of {j}. The claimant, {c}, was born on {dob} and at the material time lived at {ad}. The defendant, '
               '{d}, is her former landlord and the sole director of {co}.', j=judge.name(), c=cl.name(), dob=cl.dob_l('long'), ad=cl.addr(), d=de.name(),
               co=n_company(g, loc)))
        w.pl(S('2. {t}{s} gave evidence that between {d1} and {d2} she received more than forty calls from {ph}, a mobile number the defendant '
               'accepted was his. Messages were also sent from {em} and, on one occasion, from the IP address {ip}, which the police traced to '
               'a flat at {ad}.', t=ttl(cl), s=cl.sur(), d1=n_date(g, loc, 'incident', 2022, 2022, 'long'), d2=n_date(g, loc, 'incident', 2023, 2023, 'long'),
               ph=de.phone(mobile=True), em=de.email(), ip=ip_l(g, loc), ad=de.addr()))
        w.pl(S('3. The defendant denies sending the messages. He says his router ({mac}) was shared with lodgers and that the address {ip2} '
               'shown in the logs is merely the internal address of that router.', mac=mac_l(g, loc), ip2=n_ip(g, 'private')))
        w.pl(S('4. I heard from {w1}, a neighbour, and from {w2}, a friend of the claimant. {t}{s} produced a screenshot of a message from an '
               'account using the handle {h}; it was not suggested that this was the claimant.', w1=wi.name(), w2=wi2.name(), t=ttl(wi2), s=wi2.sur(),
               h=n_email(g, wi, 'handle')))
        w.pl(S('5. The claimant\'s National Insurance number ({ni}) and NHS number ({nhs}) appear on the medical evidence; a copy of a letter '
               'bearing the number {bad} is, on its face, a clerical error.', ni=cl.nid('gb.nino_rules'), nhs=cl.nid('gb.nhs'), bad=n_id(g, cl, 'onedigit')))
        w.pl(S('6. Damages are to be paid to the claimant\'s account {ib} within 28 days. Costs are reserved to the hearing on {d}.', ib=cl.iban('GB'),
               d=n_date(g, loc, 'hearing', 2024, 2025, 'long')))
        w.ln(S('{j}\n{d}', j=L(judge.full().upper(), 'name', 'caps', loc), d=n_date(g, loc, 'judgment', 2024, 2024, 'long')))
        w.ln('=' * 60)
    w.close()

def f_opinions_us():
    g, w = G('op_us'), W('legal/court_opinions_us.md', 'opus')
    for i in range(5):
        loc = 'en_US'
        de, vic, agent, att = P(g, loc, 'M'), P(g, loc, 'F', age=(60, 85)), P(g, loc), P(g, loc)
        w.pl('## United States v. ', de.name(), ', No. ', NG('%d-cr-%s' % (g.randint(19, 23), g.dg(5)), 'national_id', 'case_number'))
        w.pl(S('Defendant {d} was indicted on counts of wire fraud and aggravated identity theft. According to the evidence at trial, between '
               '{d1} and {d2} he opened credit accounts in the name of {v}, a retired nurse born on {dob}, using her Social Security number, '
               '{ssn}.', d=de.name(), d1=n_date(g, loc, 'incident', 2020, 2021, 'long'), d2=n_date(g, loc, 'incident', 2022, 2022, 'long'),
               v=vic.name(), dob=vic.dob_l('long'), ssn=vic.nid('us.ssn')))
        w.pl(S('Special Agent {a} testified that the applications were submitted from {ip}, an address assigned to the defendant\'s apartment at '
               '{ad}. Card number {cc} was issued on one application and used at {b} the following week. A second card, {bad}, appears in the '
               'exhibits but does not match any issued account.', a=agent.name(), ip=ip_l(g, loc), ad=de.addr(), cc=vic.card(), b=n_name(g),
               bad=n_card(g, loc, 'onedigit')))
        w.pl(S('The Government also introduced e-mails sent from {em} to {em2}. {t}{s} testified that she had never used the first address and '
               'that her telephone number, {ph}, was changed on the accounts to {ph2}.', em=L('%s.%s%s@%s' % (vic.rfirst.lower(), vic.rlast.lower(),
                                                                                              g.dg(2), g.choice(['gmail.com', 'yahoo.com'])), 'email', 'personal', loc, val='email'),
               em2=de.email(), t=ttl(vic), s=vic.sur(), ph=vic.phone(), ph2=de.phone()))
        w.pl(S('The defense argues that the records custodian of {co} lacked personal knowledge. We disagree. Counsel for the defendant, {at}, '
               'conceded at oral argument that the test number {tc} used in the bank\'s training materials is unrelated to this case.',
               co=n_company(g, loc), at=att.name(), tc=n_card(g, loc, 'test_card')))
        w.pl(S('AFFIRMED. Argued {d}.', d=n_date(g, loc, 'hearing', 2023, 2024, 'long')))
    w.close()

TRIB = {
    'de': ('Urteil', 'In dem Rechtsstreit {a}, geboren am {dob}, wohnhaft {ad}, Kläger, gegen {o}, vertreten durch {b}, wegen Forderung.',
           'Die Zeugin {w} bestätigte, dass die Zahlung am {d} vom Konto {ib} veranlasst wurde.', 'Die mündliche Verhandlung fand am {d} statt.',
           '{t}{s} ist unter {ph} erreichbar; Schriftsätze gingen an {em}.'),
    'fr': ('Jugement', "Dans l'affaire opposant {a}, né le {dob}, demeurant {ad}, à {o}, représentée par {b}.",
           'Le témoin {w} a confirmé que le virement du {d} avait été effectué depuis le compte {ib}.', "L'audience s'est tenue le {d}.",
           '{t}{s} peut être joint au {ph} ; les conclusions ont été adressées à {em}.'),
    'es': ('Sentencia', 'En el procedimiento promovido por {a}, nacido el {dob}, con domicilio en {ad}, contra {o}, representada por {b}.',
           'La testigo {w} confirmó que el pago del {d} se realizó desde la cuenta {ib}.', 'La vista se celebró el {d}.',
           '{t}{s} puede ser localizado en el {ph}; los escritos se enviaron a {em}.'),
    'it': ('Sentenza', 'Nella causa promossa da {a}, nato il {dob}, residente in {ad}, contro {o}, rappresentata da {b}.',
           'La testimone {w} ha confermato che il bonifico del {d} è partito dal conto {ib}.', "L'udienza si è tenuta il {d}.",
           '{t}{s} è raggiungibile al {ph}; gli atti sono stati inviati a {em}.'),
    'nl': ('Uitspraak', 'In de zaak van {a}, geboren op {dob}, wonende te {ad}, eiser, tegen {o}, vertegenwoordigd door {b}.',
           'Getuige {w} verklaarde dat de betaling van {d} is gedaan vanaf rekening {ib}.', 'De mondelinge behandeling vond plaats op {d}.',
           '{t}{s} is bereikbaar op {ph}; stukken zijn gestuurd naar {em}.'),
    'pl': ('Wyrok', 'W sprawie z powództwa {a}, urodzonego {dob}, zamieszkałego {ad}, przeciwko {o}, reprezentowanej przez {b}.',
           'Świadek {w} potwierdziła, że przelew z dnia {d} został wykonany z rachunku {ib}.', 'Rozprawa odbyła się {d}.',
           '{t}{s} jest osiągalny pod numerem {ph}; pisma przesłano na adres {em}.'),
}

TRIB_ID = {'de': 'Die {idn} des Klägers lautet {id}; die im Mahnbescheid genannte Nummer {bad} ist fehlerhaft.',
           'fr': 'Le {idn} du demandeur est le {id} ; le numéro {bad} figurant sur la mise en demeure est erroné.',
           'es': 'El {idn} del demandante es {id}; el número {bad} que figura en el requerimiento es erróneo.',
           'it': "Il {idn} dell'attore è {id}; il numero {bad} indicato nella diffida è errato.",
           'nl': 'Het {idn} van eiser is {id}; het nummer {bad} in de aanmaning is onjuist.',
           'pl': '{idn} powoda to {id}; numer {bad} podany w wezwaniu jest błędny.'}

def f_tribunal():
    g, w = G('tribunal'), W('legal/tribunal_decisions_eu.txt', 'tribunal')
    locs = ['de_DE', 'fr_FR', 'es_ES', 'it_IT', 'nl_NL', 'pl_PL']
    for i in range(10):
        loc = locs[i % len(locs)]
        lang = LOC[loc]['lang']
        a, b, wi = P(g, loc, 'M'), P(g, loc), P(g, loc, gender='F')
        t = TRIB[lang]
        w.pl(t[0].upper(), ' – ', {'de': 'Az. ', 'fr': 'RG n° ', 'es': 'N.º ', 'it': 'R.G. ', 'nl': 'zaaknummer ', 'pl': 'Sygn. akt '}[lang],
             NG('%s/%d' % (g.dg(4), g.randint(2020, 2024)), 'national_id', 'case_number'))
        w.ln(S(t[1], a=a.name(), dob=a.dob_l(), ad=a.addr(), o=org(g, loc), b=b.name()))
        w.ln(S(t[2], w=wi.name(), d=n_date(g, loc, 'payment', 2021, 2023), ib=a.iban() if g.p(0.75) else n_iban(g, loc)))
        w.ln(S(t[4], t=ttl(a), s=a.sur(), ph=a.phone(), em=a.email()))
        if g.p(0.7):
            w.ln(S(TRIB_ID[lang], idn=a.idname(), id=a.nid(), bad=n_id(g, a)))
        w.pl(S(t[3], d=n_date(g, loc, 'hearing', 2023, 2024)))
    w.close()

def f_blotter():
    g, w = G('blotter'), W('legal/police_blotter.txt', 'blotter')
    w.pl('POLICE BLOTTER — compiled from public incident logs')
    for i in range(34):
        loc = g.choice(['en_US', 'en_US', 'en_AU', 'en_GB'])
        p, q = P(g, loc, 'F' if i % 6 == 4 else None, age=(18, 70)), P(g, loc)
        day = n_date(g, loc, 'incident', 2024, 2024, 'num')
        k = i % 6
        if k == 0:
            w.ln(S('{d} — {n}, {age}, of {ad}, was arrested on a warrant after a traffic stop near {st}. DOB {dob}.', d=day, n=p.name(), age=str(p.age()),
                   ad=p.addr(), st=n_street(g, loc), dob=p.dob_l('num')))
        elif k == 1:
            w.ln(S('{d} — A caller reported a suspicious vehicle outside {ad}. Officers spoke to the owner, {n}, and no offence was found.', d=day,
                   ad=p.addr(), n=p.name()))
        elif k == 2:
            w.ln(S('{d} — Theft of a {pr} from a car on {st}. The victim, {n}, asks anyone who finds it to call {ph}. Ref {r}.', d=day,
                   pr=NG(g.choice(PRODUCTS), 'name', 'product'), st=n_street(g, loc), n=p.name(), ph=p.phone(), r=n_phone(g, loc, 'reference')))
        elif k == 3:
            w.ln(S('{d} — {n} ({dob}) was cited for shoplifting at {b}. {t}{s} was released pending a court date of {cd}.', d=day, n=p.inverted(),
                   dob=p.dob_l('num'), b=NG(g.choice(BRAND_PERSONS), 'name', 'brand_person'), t=ttl(p), s=p.sur(), cd=n_date(g, loc, 'hearing', 2024, 2025, 'num')))
        elif k == 4:
            w.ln(S('{d} — Fraud report: {n} said she was tricked into reading out her card number, {cc}, to a caller claiming to be from {co}. '
                   'The caller used {ph}.', d=day, n=p.name(), cc=p.card(), co=n_company(g, loc), ph=q.phone() if g.p(0.6) else n_phone(g, loc, 'fictional')))
        else:
            w.ln(S('{d} — Noise complaint at {ad}. The resident, {n}, was given advice. Neighbour {m} (email {em}) has complained before.', d=day,
                   ad=p.addr(), n=p.name(), m=q.name(), em=q.email()))
    w.close()

# ============================================================== community
OBIT = {
    'de': ('In Liebe und Dankbarkeit nehmen wir Abschied von {n}, * {dob} in {c}, † {dd}.', 'In stiller Trauer: {sp} und {ch} mit Familie.',
           'Die Trauerfeier findet am {d} statt. Kondolenzpost bitte an {ad}.'),
    'fr': ('Nous avons la tristesse de vous faire part du décès de {n}, né le {dob} à {c}, survenu le {dd}.', 'De la part de {sp}, son épouse, et de {ch}, son fils.',
           'Les obsèques auront lieu le {d}. Condoléances : {ad}.'),
    'es': ('{n}, nacido el {dob} en {c}, falleció el {dd}.', 'Su esposa, {sp}, y su hijo, {ch}, ruegan una oración por su alma.',
           'El funeral se celebrará el {d}. Condolencias a {ad}.'),
    'it': ("È mancato all'affetto dei suoi cari {n}, nato a {c} il {dob}, scomparso il {dd}.", 'Ne danno il triste annuncio la moglie {sp} e il figlio {ch}.',
           'I funerali si terranno il {d}. Per le condoglianze: {ad}.'),
}

def f_obituaries():
    g, w = G('obits'), W('community/obituaries.txt', 'obit')
    for i in range(14):
        if i % 5 == 4:
            loc = g.choice(['de_DE', 'fr_FR', 'es_ES', 'it_IT'])
            d, sp, ch = P(g, loc, 'M', age=(70, 95)), P(g, loc, 'F', age=(65, 90)), P(g, loc, 'M', age=(35, 60))
            t, died = OBIT[LOC[loc]['lang']], g.date(2024, 2024)
            w.ln(S(t[0], n=d.name(), dob=d.dob_l('long'), c=n_city(g, loc), dd=n_dt(died, loc, 'death', 'long')))
            w.ln(S(t[1], sp=sp.name(), ch=ch.name()))
            w.ln(S(t[2], d=n_dt(died + dt.timedelta(days=g.randint(4, 10)), loc, 'funeral', 'long'), ad=ch.addr()))
        else:
            loc = en_loc(g)
            d = P(g, loc, age=(62, 99))
            he, his = ('he', 'his') if d.gender == 'M' else ('she', 'her')
            sp = P(g, loc, 'F' if d.gender == 'M' else 'M', age=(60, 95))
            sp.kin(d)
            c1, c2, sib = P(g, loc, age=(30, 65)), P(g, loc, age=(30, 65)), P(g, loc, age=(60, 95))
            died = g.date(2024, 2024)
            funeral = died + dt.timedelta(days=g.randint(5, 14))
            c1.kin(d)
            home = n_company(g, loc)
            w.ln(L(d.full().upper(), 'name', 'caps', loc))
            w.ln(S('{n}, {age}, of {town}, passed away peacefully on {dd} surrounded by family. Born on {dob} in {c}, {f} worked for {co} for '
                   'more than thirty years and was a devoted supporter of the local hospice.', n=d.name(), age=str(d.age()), town=n_city(g, loc),
                   dd=n_dt(died, loc, 'death', 'long'), dob=d.dob_l('long'), c=n_city(g, loc), f=d.given(), co=n_company(g, loc)))
            w.ln(S('{He} is survived by {his} {rel} of {y} years, {sp}; {his} children {c1} and {c2} ({c2s}); and {k} grandchildren. {He} was '
                   'predeceased by {his} {sibrel}, {sib}.', He=he.capitalize(), his=his, rel='wife' if d.gender == 'M' else 'husband', y=str(g.randint(30, 65)),
                   sp=sp.given(), c1=c1.name(), c2=c2.name(), c2s=P(g, loc).given(), k=str(g.randint(1, 9)), sibrel='brother' if sib.gender == 'M' else 'sister', sib=sib.name()))
            w.ln(S('Visitation will be held at {home}, {ad}, on {d}. In lieu of flowers, donations to research into {ep} are welcome. '
                   'Condolences may be sent to {em}.', home=home, ad=L(', '.join(make_addr(g, loc)), 'address', 'business', loc),
                   d=n_dt(funeral, loc, 'funeral', 'long'), ep=NG(g.choice(EPONYMS['en'][:4]), 'name', 'eponym'), em=c1.email()))
        w.ln()
    w.close()

def f_announcements():
    g, w = G('announce'), W('community/announcements.md', 'announce')
    w.pl('# Family announcements')
    for i in range(18):
        loc = en_loc(g)
        k = i % 4
        a, b = P(g, loc, 'F', age=(24, 40)), P(g, loc, 'M', age=(24, 42))
        if k == 0:
            w.ln('### Births')
            baby, sib = P(g, loc, dob=g.date(2024, 2024)).kin(b), P(g, loc)
            w.ln(S('{a} and {b} are delighted to announce the safe arrival of {his} {rel}, {baby}, born on {dob} at {h}, weighing {kg} kg. '
                   'A little {sib} for {s}.', a=a.name(), b=b.name(), his='their', rel='son' if baby.gender == 'M' else 'daughter', baby=baby.name(),
                   dob=baby.dob_l(g.choice(['long', 'num'])), h=NG(g.choice(["St Mary's Hospital", 'the Royal Infirmary', 'Mercy Medical Center']), 'name', 'organisation'),
                   kg='%.1f' % g.uniform(2.6, 4.3), sib='brother' if baby.gender == 'M' else 'sister', s=sib.given()))
        elif k == 1:
            w.ln('### Marriages')
            pa = P(g, loc, 'M', age=(50, 75))
            pa.kin(a)
            w.ln(S('The marriage took place on {d} at {place} between {b} and {a}. The bride is the daughter of {pa} and {ma}; the groom is the son '
                   'of {pb}. After a honeymoon in {city} the couple will live at {ad}.', d=n_date(g, loc, 'wedding', 2024, 2024, 'long'),
                   place=NG(g.choice(['St Peter’s Church', 'the Old Town Hall', 'Riverside Barn']), 'name', 'organisation'), b=b.name(), a=a.name(),
                   pa=pa.name(), ma=P(g, loc, 'F', age=(50, 75)).name(), pb=P(g, loc, age=(50, 75)).name(), city=n_city(g, 'en_US'), ad=b.addr()))
        elif k == 2:
            w.ln('### Anniversaries')
            h, s = P(g, loc, 'M', age=(72, 90)), P(g, loc, 'F', age=(70, 88))
            w.ln(S('Golden wedding: {h} and {s} (née {m}) were married on {d} and celebrate fifty years together this month. Cards can be sent '
                   'to {ad}.', h=h.name(), s=s.name(), m=L(P(g, loc).last, 'name', 'maiden', loc), d=n_date(g, loc, 'wedding', 1974, 1974, 'long'),
                   ad=h.addr(multi=False)))
        else:
            w.ln('### Birthdays')
            o = P(g, loc, age=(89, 101))
            w.ln(S('Happy birthday to {n}, who turns {a} this week — born on {dob}! {f} still walks to {shop} every morning. Messages for the card can go to '
                   '{g} on {ph}.', n=o.name(), a=str(o.age() + 1), dob=o.dob_l('long'), f=o.given(), shop=NG(g.choice(BRAND_PERSONS[:6]), 'name', 'brand_person'),
                   g=P(g, loc).name(), ph=P(g, loc).phone()))
        w.ln()
    w.close()

def f_newsletter():
    g, w = G('newsletter'), W('community/newsletter_spring.md', 'newsletter')
    loc = 'en_GB'
    w.pl('# Elm Park Residents’ Association — Spring newsletter')
    items = [
        lambda a, b: S('**Welcome** to {a} and {b}, who have moved into {ad}. Do say hello!', a=a.name(), b=b.name(), ad=a.addr()),
        lambda a, b: S('**Lost cat:** grey tabby, answers to Biscuit, last seen near {st} on {d}. Please ring {a} on {ph}.', st=n_street(g, loc),
                       d=n_date(g, loc, 'incident', 2024, 2024, 'long'), a=a.given(), ph=a.phone(style='national')),
        lambda a, b: S('**Book club** meets on {d} at the home of {a} ({ad}). RSVP to {em}.', d=n_date(g, loc, 'event', 2024, 2024, 'long'),
                       a=a.name(), ad=a.addr(), em=a.email()),
        lambda a, b: S('**Thank you** to {a} for organising the litter pick, and to {b} for the cakes.', a=a.name(), b=b.name()),
        lambda a, b: S('**Happy 90th** to {a}, born on {dob} — still the fastest knitter on the street!', a=a.name(), dob=a.dob_l('long')),
        lambda a, b: S('**Subscriptions** (£12) can be paid to the association account {ib}; our treasurer {a} will send a receipt. '
                       'Please do not use the example account {ex} printed on the old form.', ib=a.iban('GB'), a=a.name(), ex=n_iban(g, loc, 'documented_example')),
        lambda a, b: S('**Bin collections** change on {d}. Questions to {co} on {ph} or to our councillor {a} ({em}).', d=n_date(g, loc, 'event', 2024, 2024, 'long'),
                       co=n_company(g, loc), ph=a.phone(mobile=False), a=a.name(), em=a.email()),
        lambda a, b: S('**For sale:** {pr}, barely used, £80. Text {a} on {ph} or call round to {ad} after six.', pr=NG(g.choice(PRODUCTS), 'name', 'product'),
                       a=a.given(), ph=a.phone(mobile=True), ad=a.addr()),
        lambda a, b: S('**Reminder:** the sample address on the parking permit form ({x}) is not ours — send forms to {a}, {ad}.', x=n_place_addr(g, 'en'),
                       a=a.name(), ad=a.addr()),
        lambda a, b: S('**Wi-Fi at the hall** — if the router (MAC {m}) drops out again, reboot it and tell {a}. Do not use the test number {ph} from the '
                       'manual.', m=mac_l(g, loc), a=a.given(), ph=n_phone(g, loc, 'fictional')),
    ]
    for i in range(28):
        a, b = P(g, loc), P(g, loc)
        w.pl('- ', items[i % len(items)](a, b))
    w.close()

LOSTF = ['Found: a set of keys with a {pr} fob near {st} on {d}. Owner can call {ph}.',
         'LOST wedding ring somewhere between the station and {st} on {d}. Reward! Contact {n} on {ph} or {em}.',
         'Found a wallet belonging to {n} — cards inside, nothing missing. If that is you, ring {ph2}.',
         'Lost dog (black labrador, "Pepper") near {st}. Please call {n} on {ph}. We live at {ad}.',
         'Found a child’s bike outside {ad}. Ask for {f}, or text {ph}.']

def f_lost_found():
    g, w = G('lostfound'), W('community/lost_and_found.txt', 'lostfound')
    for i in range(30):
        loc = en_loc(g)
        a, b = P(g, loc), P(g, loc)
        w.ln(S(LOSTF[i % len(LOSTF)], pr=NG(g.choice(PRODUCTS), 'name', 'product'), st=n_street(g, loc), d=n_date(g, loc, 'incident', 2024, 2024, 'long'),
               ph=a.phone(), n=a.name(), em=a.email(), ph2=b.phone(), ad=a.addr(), f=a.given()))
        if i % 7 == 3:
            w.ln(S('  (Please don’t call {x} — that number on the poster was a misprint.)', x=n_phone(g, loc, 'invalid_onedigit')))
        w.ln()
    w.close()

def f_bios():
    g, w = G('bios'), W('bios/biographies.jsonl', 'bios')
    for i in range(34):
        loc = ALL[i % len(ALL)]
        p = P(g, loc, age=(28, 75))
        if p.lang == 'en':
            he = 'He' if p.gender == 'M' else 'She'
            t = S('{n} (born {dob}) is a {job} based in {c}. Before founding {co}, {he} spent a decade at {co2}. {t}{s} lives with {his} partner, '
                  '{pn}, and can be reached at {em}.', n=p.name(), dob=p.dob_l('long'), job=g.choice(['landscape architect', 'data journalist', 'pastry chef', 'family lawyer']),
                  c=n_city(g, loc), co=n_company(g, loc), he=he.lower(), co2=n_company(g, loc), t=ttl(p), s=p.sur(), his='his' if he == 'He' else 'her',
                  pn=P(g, loc).name(), em=p.email()) + opt(g, 0.3, ' A first book followed in 2021 (ISBN ', n_phone(g, loc, 'isbn'), ').')
        else:
            t = ph(p, 'born', name=p.name(), dob=p.dob_l(), city=n_city(g, loc)) + [' '] + ph(p, 'email', email=p.email())
            if g.p(0.5):
                t += [' '] + ph(p, 'phone', phone=p.phone())
            if g.p(0.3):
                t += [' '] + ph(p, 'lead', org=org(g, loc), city=n_city(g, loc), date=n_date(g, loc, 'event', 2015, 2023))
        jsonl(w, {'id': i + 1, 'lang': p.lang, 'kind': 'speaker_bio', 'text': t})
    w.close()

# ================================================================== mail
LETTER_BODIES = [
    'I am writing about the damp in the back bedroom of the flat, which I first reported to {o} on {d}. Your surveyor, {x}, inspected it but '
    'nothing has been done. My neighbour {y} has had the same problem.',
    'Further to our telephone conversation, I enclose the documents for the transfer. The completion date has been set for {d}. Please ask '
    '{x} in your accounts team to confirm receipt; {y} at {o} is copied in.',
    'We write on behalf of our client, {x}, regarding the outstanding invoice {ref}. Unless payment is received by {d}, we are instructed to '
    'issue proceedings against {o}. Our client\'s former partner, {y}, is not a party to this matter.',
    'Thank you for attending the parents’ evening on {d}. As discussed, {x} will join the reading group next term. {y}, the SENCo, will '
    'contact you separately. Any questions about trips can go to {o}.',
]

def letter_head(g, w, p, multi=True):
    w.ln(p.name())
    w.ln(p.addr(multi=multi))
    w.ln(p.phone())
    w.pl(p.email())

def f_letters_en():
    g, w = G('letters_en'), W('mail/letters_en.txt', 'lettersen')
    for i in range(10):
        loc = en_loc(g)
        s, r, x, y = P(g, loc), P(g, loc), P(g, loc), P(g, loc)
        letter_head(g, w, s, multi=g.p(0.7))
        w.pl(n_date(g, loc, 'letter_date', 2024, 2024, 'long'))
        w.ln(ttl(r), r.name())
        w.pl(r.addr(multi=True))
        w.pl('Our ref: ', NG('%s/%s/%s' % (g.choice(['JS', 'PL', 'HR', 'AC']), g.dg(5), g.dg(2)), 'national_id', 'case_number'))
        w.pl(S(PH['en']['dear_m' if r.gender == 'M' else 'dear_f'], last=r.sur()))
        w.pl(S(LETTER_BODIES[i % len(LETTER_BODIES)], o=n_company(g, loc), d=n_date(g, loc, 'deadline', 2024, 2025, 'long'), x=x.name(), y=y.name(),
               ref=NG('INV-%s' % g.dg(6), 'national_id', 'invoice_number')))
        if g.p(0.5):
            w.pl(S('If it is easier, you can reach me on {ph} during the day, or on my mobile, {mob} (not {bad}, which was a typo on my last letter).',
                   ph=s.phone(mobile=False, key='land'), mob=s.phone(mobile=True), bad=n_phone(g, loc, 'invalid_onedigit')))
        w.pl('Yours sincerely,')
        w.ln(s.name())
        w.pl(g.choice(ROLES))
        w.ln('cc: ', x.name(), ' (', x.email(), '); ', y.name())
        w.ln('\f')
    w.close()

def f_letters_intl():
    g, w = G('letters_intl'), W('mail/letters_intl.txt', 'lettersintl')
    locs = [l for l in ALL if not l.startswith('en')]
    for i in range(20):
        loc = locs[i % len(locs)]
        s, r = P(g, loc), P(g, loc)
        lang = s.lang
        w.ln(s.name())
        w.pl(s.addr(multi=True))
        w.pl(n_date(g, loc, 'letter_date', 2024, 2024, 'long'))
        w.pl(S(PH[lang]['dear_m' if r.gender == 'M' else 'dear_f'], last=r.sur(), first=r.given(), name=r.name()))
        body = ph(lang, 'appt', date=n_date(g, loc, 'appointment', 2024, 2025)) + [' '] + ph(s, 'phone2', phone=s.phone())
        if LOC[loc]['iban'] and g.p(0.6):
            body += [' '] + ph(s, 'iban', iban=s.iban())
        if s.idmod() and g.p(0.5):
            body += [' '] + ph(s, 'id', idn=s.idname(), id=s.nid())
        w.pl(body)
        w.ln(PH[lang]['regards'])
        w.ln(s.name())
        w.pl(s.email())
        w.ln('=' * 30)
    w.close()

def eml_headers(w, frm, to, cc=(), subj='', date='Mon, 13 May 2024 09:14:03 +0100', g=None):
    w.ln('From: "', frm.name(), '" <', frm.email(), '>')
    w.put('To: ')
    for i, t in enumerate(to):
        w.put(', ' if i else '', t.name(), ' <', t.email(), '>')
    w.ln()
    if cc:
        w.put('Cc: ')
        for i, t in enumerate(cc):
            w.put(', ' if i else '', t.name(), ' <', t.email(), '>')
        w.ln()
    w.ln('Subject: ', subj)
    w.ln('Date: ', date)
    w.ln('Message-ID: <', NG('CA%s@mail.gmail.com' % g.rs(40, B62 + '-_'), 'email', 'message_id'), '>')
    w.ln('MIME-Version: 1.0')
    w.ln('Content-Type: text/plain; charset="UTF-8"')
    w.pl('Content-Transfer-Encoding: 8bit')

def f_eml_dev():
    g, w = G('eml_dev'), W('mail/eml/re_staging_access.eml', 'emldev')
    loc = 'en_GB'
    a, b, c = P(g, loc), P(g, loc), P(g, loc)
    eml_headers(w, a, [b], [c], 'Re: staging access', g=g)
    w.pl(S('Hi {f},', f=b.given()))
    w.pl('As promised, the deploy key for the staging box is below (please move it to the vault and delete this mail):')
    w.pl(secret(g, 'ssh', loc))
    w.ln(S('The AWS pair for the backup bucket is {k} / {s} -- not the {ex} one from the docs, that never worked.', k=secret(g, 'aws', loc),
           s=secret(g, 'aws_secret', loc), ex=n_secret(g, 'documented_example')))
    w.ln(S('Database: postgres://app_rw:{pw}@{ip}:5432/orders (the replica at {pr} is read-only).', pw=secret(g, 'dbpass', loc), ip=ip_l(g, loc, False),
           pr=n_ip(g, 'private')))
    w.pl(S('Build that fixed it was commit {sha}; image digest sha256:{dg}.', sha=n_secret(g, 'git_sha'), dg=n_secret(g, 'sha256')))
    w.pl(S('If anything is broken ring me on {ph}.', ph=a.phone(mobile=True)))
    w.ln('Cheers,')
    w.pl(a.given())
    w.ln(S('On Fri, 10 May 2024 at 17:02, {n} <{e}> wrote:', n=b.name(), e=b.email()))
    w.ln(S('> Can someone send me the staging credentials? My laptop is {m} on the guest network if you need to allow-list it,', m=mac_l(g, loc)))
    w.ln(S('> and my home IP is {ip}.', ip=ip_l(g, loc)))
    w.ln('> Thanks!')
    w.close()

def f_eml_reference():
    g, w = G('eml_ref'), W('mail/eml/reference_request.eml', 'emlref')
    loc = 'en_AU'
    hr, ref, cand = P(g, loc), P(g, loc), P(g, loc)
    eml_headers(w, hr, [ref], [], ['Reference request – ', cand.name()], g=g)
    w.pl(S('Dear {t}{s},', t=ttl(ref), s=ref.sur()))
    w.pl(S('{c} has applied for the role of senior analyst with us and has given your name as a referee. For our pre-employment check we hold '
           'the following: born {dob}, currently living at {ad}, tax file number {tfn}.', c=cand.name(), dob=cand.dob_l('num'), ad=cand.addr(), tfn=cand.nid('au.tfn')))
    w.pl(S('Could you confirm the dates {f} worked for {co} and whether you would re-employ? A short call is fine – {ph} – or reply to this e-mail.',
           f=cand.given(), co=n_company(g, loc), ph=hr.phone(mobile=False)))
    w.ln('Kind regards,')
    w.ln(hr.name())
    w.ln('Talent Acquisition')
    w.ln(hr.phone(mobile=True, key='mob'))
    w.close()

def f_eml_bank():
    g, w = G('eml_bank'), W('mail/eml/complaint_double_charge.eml', 'emlbank')
    loc = 'nl_NL'
    c, bank, cc1 = P(g, loc), P(g, loc), P(g, loc)
    eml_headers(w, c, [bank], [cc1], 'Klacht: dubbele afschrijving', g=g)
    w.pl(S('Geachte heer/mevrouw {s},', s=bank.sur()))
    w.pl(S('Op {d} is er twee keer €249,00 afgeschreven van mijn rekening {ib} voor een bestelling bij {co}. Ik heb met mijn creditcard {cc} '
           'betaald, dus de afschrijving van de rekening had helemaal niet mogen plaatsvinden.', d=n_date(g, loc, 'payment', 2024, 2024), ib=c.iban(),
           co=n_company(g, loc), cc=c.card()))
    w.pl(S('Mijn gegevens: {n}, {ad}, geboren op {dob}, BSN {bsn}. U kunt mij bellen op {ph}.', n=c.name(), ad=c.addr(), dob=c.dob_l(), bsn=c.nid(), ph=c.phone()))
    w.pl(S('(Het rekeningnummer {ex} in uw voorbeeldformulier is natuurlijk niet het mijne.)', ex=n_iban(g, loc, 'documented_example')))
    w.ln('Met vriendelijke groet,')
    w.ln(c.name())
    w.close()

def f_eml_rota():
    g, w = G('eml_rota'), W('mail/eml/volunteer_rota.eml', 'emlrota')
    loc = 'en_US'
    org_, ppl = P(g, loc), [P(g, loc) for _ in range(10)]
    eml_headers(w, org_, ppl[:3], ppl[3:5], 'Food bank rota — June', g=g)
    w.pl('Hi all,')
    w.pl('Here is the rota for June. Swaps are fine, just let the person know directly.')
    for i, p in enumerate(ppl):
        w.ln(S('  {d}  {n}  {ph}  {em}', d=n_date(g, loc, 'shift', 2024, 2024, 'num'), n=p.name(), ph=p.phone(), em=p.email()))
    w.ln()
    w.pl(S('Deliveries go to {ad}. The van key is with {f}.', ad=L(', '.join(make_addr(g, loc)), 'address', 'business', loc), f=ppl[0].given()))
    w.ln(S('Thanks,\n{n}\n{ph}', n=org_.name(), ph=org_.phone()))
    w.close()

def f_thread_export():
    g, w = G('thread'), W('mail/thread_export.txt', 'thread')
    for t in range(5):
        loc = g.choice(['en_GB', 'en_US', 'en_IN', 'en_AU'])
        a, b = P(g, loc), P(g, loc)
        w.pl('Subject: ', g.choice(['Viewing on Saturday', 'Invoice query', 'Tutor sessions', 'Sofa collection']))
        w.ln(S('Hi {f}, yes Saturday works. The address is {ad}; buzz flat 2. My number is {ph} if you get lost.', f=b.given(), ad=a.addr(), ph=a.phone()))
        w.pl(a.given())
        w.ln(S('On {d}, {n} <{e}> wrote:', d=n_date(g, loc, 'sent', 2024, 2024, 'long'), n=b.name(), e=b.email()))
        w.ln(S('> Hi {f},', f=a.given()))
        w.ln(S('> Is the room still available? I could come on Saturday. I am on {ph} (WhatsApp is best).', ph=b.phone(style='intl')))
        w.ln(S('> Thanks, {n}', n=b.name()))
        w.ln('>')
        w.ln(S('>> On {d}, {n} <{e}> wrote:', d=n_date(g, loc, 'sent', 2024, 2024, 'long'), n=a.name(), e=a.email()))
        w.pl(S('>> Double room near {st}, bills included. Deposit to {ib} once we have met.', st=n_street(g, loc),
               ib=a.iban('GB') if loc == 'en_GB' else n_iban(g, loc, 'documented_example')))
        w.ln('-' * 50)
    w.close()

# ==================================================================== HR
def f_cvs():
    g, w = G('cvs'), W('hr/cvs.md', 'cv')
    for i in range(10):
        loc = g.choice(EN + ['de_DE', 'fr_FR', 'nl_NL', 'es_ES', 'it_IT', 'pl_PL'])
        p = P(g, loc, age=(22, 55))
        w.pl('# ', p.name())
        w.pl(S('{ad} · {ph} · {em}', ad=p.addr(), ph=p.phone(), em=p.email()))
        if p.lang != 'en' or g.p(0.3):
            w.pl(S('Born {dob} in {c}. Full driving licence, happy to relocate.', dob=p.dob_l('long' if p.lang == 'en' else 'num'), c=n_city(g, loc)))
        w.ln('## Experience')
        for j in range(2):
            w.ln(S('- **{role}**, {co} ({y1}–{y2}) — reported to {boss}; led the migration to {pr}.', role=g.choice(ROLES), co=n_company(g, loc),
                   y1=str(2010 + 3 * j), y2=str(2013 + 3 * j), boss=P(g, loc).name(), pr=NG(g.choice(['Salesforce', 'SAP S/4HANA', 'Workday', 'Kubernetes']), 'name', 'product')))
        w.ln()
        w.ln('## References')
        for j in range(g.randint(2, 3)):
            r = P(g, loc, age=(35, 65))
            w.pl(S('{n}, {rel} at {co}, {ph}, {em}', n=r.name(), rel=g.choice(['former manager', 'team lead', 'director', 'supervisor']), co=n_company(g, loc),
                   ph=r.phone(), em=r.email()))
        w.ln()
    w.close()

def f_cover_letters():
    g, w = G('cover'), W('hr/cover_letters.txt', 'cover')
    for i in range(10):
        loc = en_loc(g)
        p, hm, rec = P(g, loc), P(g, loc), P(g, loc)
        w.ln(p.name(), ' | ', p.phone(), ' | ', p.email())
        w.pl(p.addr())
        w.pl(n_date(g, loc, 'letter_date', 2024, 2024, 'long'))
        w.pl(S(PH['en']['dear_m' if hm.gender == 'M' else 'dear_f'], last=hm.sur()))
        w.pl(S('I was delighted when {r} from your talent team suggested I apply for the {role} position at {co}. In my current role at {co2} I '
               'manage a team of six and have rolled out {pr} across three sites.', r=rec.name(), role=g.choice(ROLES), co=n_company(g, loc),
               co2=n_company(g, loc), pr=NG(g.choice(PRODUCTS + ['Salesforce', 'Workday']), 'name', 'product')))
        w.pl(S('I am available for interview from {d}; my former manager, {m}, is happy to speak to you on {ph}.', d=n_date(g, loc, 'availability', 2024, 2024, 'long'),
               m=P(g, loc).name(), ph=P(g, loc).phone()))
        w.ln('Yours sincerely,')
        w.pl(p.name())
        w.ln('~' * 40)
    w.close()

def f_investigation():
    g, w = G('hrinv'), W('hr/investigation_notes.txt', 'hrinv')
    for i in range(6):
        loc = g.choice(['en_GB', 'en_US', 'en_IN', 'en_AU'])
        e, c, wt, inv = P(g, loc, 'M'), P(g, loc, 'F'), P(g, loc, 'F'), P(g, loc)
        w.pl('CONFIDENTIAL — investigation note ', NG('HR-%d-%s' % (g.randint(2022, 2024), g.dg(4)), 'national_id', 'case_number'))
        w.ln(S('Interview held on {d} with {e} (employee no. {no}), in the presence of {inv}. The complaint was raised by {c} on {d2}.',
               d=n_date(g, loc, 'interview', 2024, 2024, 'long'), e=e.name(), no=NG('E%s' % g.dg(6), 'national_id', 'employee_number'), inv=inv.name(),
               c=c.name(), d2=n_date(g, loc, 'complaint', 2024, 2024, 'long')))
        w.ln(S('{t}{s} said that after the Christmas party {e} sent messages to her personal number ({ph}) and turned up at her home, {ad}. '
               '{e2} accepts sending two messages from {em} but denies visiting.', t=ttl(c), s=c.sur(), e=e.given(), ph=c.phone(mobile=True), ad=c.addr(),
               e2=e.name(), em=e.email()))
        w.ln(S('Witness {w} (ext. {x}) confirmed seeing {e} near the building. {w2} asked that her details not be shared with {e3}.', w=wt.name(),
               x=NG(g.dg(4), 'phone', 'extension'), e=e.sur(), w2=wt.given(), e3=e.given()))
        w.pl(S('Next review: {d}. Occupational health referral for {c} — see separate note; diagnosis of {ep} not relevant to this matter.',
               d=n_date(g, loc, 'review', 2024, 2025, 'long'), c=c.name(), ep=NG(g.choice(EPONYMS['en']), 'name', 'eponym')))
    w.close()

def f_onboarding():
    g, w = G('onboarding'), W('hr/payroll_onboarding.jsonl', 'onboarding')
    locs = [l for l in ALL if LOC[l]['ids'] or LOC[l]['iban']]
    for i in range(32):
        loc = locs[i % len(locs)]
        p, hr = P(g, loc), P(g, loc)
        body = [hr.given(), ',\n\n'] + ph(p, 'name', name=p.name())
        for k in ['id', 'iban', 'dob', 'addr', 'phone']:
            if (k == 'id' and not p.idmod()) or (k == 'iban' and not LOC[loc]['iban']) or g.p(0.25):
                continue
            body += [' '] + ph(p, k, **PERSON_KW[k](p))
        if g.p(0.2):
            body += [' (', n_id(g, p, 'onedigit') if p.idmod() else n_iban(g, loc, 'onedigit'), ' ✗)']
        body += ['\n\n', g.choice(['Thanks!', 'Best', 'Regards', '—'])]
        jsonl(w, {'ticket': 'PAY-%s' % g.dg(5), 'locale': loc, 'subject': 'payroll details', 'body': body})
    w.close()

# =============================================================== support
PERSON_KW = {'name': lambda p: dict(name=p.name()), 'phone': lambda p: dict(phone=p.phone()), 'email': lambda p: dict(email=p.email()),
             'dob': lambda p: dict(dob=p.dob_l()), 'addr': lambda p: dict(addr=p.addr()), 'card': lambda p: dict(card=p.card()),
             'id': lambda p: dict(idn=p.idname(), id=p.nid()), 'iban': lambda p: dict(iban=p.iban())}

def chat_turns(g, loc):
    """A support chat as a list of (speaker, pieces)."""
    c, a = P(g, loc), P(g, loc)
    lang, cs = c.lang, []
    add = lambda who, xs: cs.append((who, xs))
    add('agent', ph(a, 'hi', first=a.given(), last=a.sur()))
    add('customer', ph(c, 'name', name=c.name()))
    if g.p(0.5):
        add('agent', ph(a, 'order', order=n_phone(g, loc, 'order_number'), date=n_date(g, loc, 'order', 2024, 2024)))
    opts = ['phone', 'email', 'dob', 'addr'] + (['id'] if c.idmod() else []) + (['iban'] if LOC[loc]['iban'] else []) + ['card']
    ks = g.sample(opts, g.randint(2, 4))
    if c.idmod() and 'id' not in ks and g.p(0.5):
        ks.append('id')
    for k in ks:
        add('customer', ph(c, k, **PERSON_KW[k](c)))
        if g.p(0.12):
            add('customer', [{'phone': lambda: n_phone(g, loc, 'invalid_onedigit'), 'card': lambda: n_card(g, loc, 'onedigit'),
                              'iban': lambda: n_iban(g, loc, 'onedigit'), 'id': lambda: n_id(g, c, 'onedigit')}.get(k, lambda: n_email(g, c, 'example_domain'))(), ' ?'])
    add('agent', ph(a, 'thanks'))
    return cs

def f_chats():
    g, w = G('chats'), W('support/chat_transcripts.jsonl', 'chat')
    for i in range(70):
        loc = ALL[i % len(ALL)]
        turns = chat_turns(g, loc)
        t = []
        for who, xs in turns:
            t += ['%s: ' % ('Agent' if who == 'agent' else 'Customer')] + xs + ['\n']
        jsonl(w, {'conversation_id': 'c%06d' % g.randint(0, 999999), 'locale': loc, 'channel': g.choice(['web', 'app', 'whatsapp']), 'text': t[:-1]})
    w.close()

def f_call_centre():
    g, w = G('callcentre'), W('support/call_centre_en.txt', 'callcentre')
    for i in range(18):
        loc = g.choice(['en_GB', 'en_GB', 'en_US', 'en_AU', 'en_IN'])
        c, a = P(g, loc), P(g, loc)
        w.ln('=== Call %s — %s ===' % (g.dg(8), g.choice(['billing', 'moving home', 'fraud', 'account access'])))
        w.ln(S('Agent: Thanks for calling {co}, you\'re speaking with {f}. Can I take your full name?', co=n_company(g, loc), f=a.given()))
        w.ln(S('Customer: Yeah, it\'s {n}.', n=c.name()))
        w.ln('Agent: Thank you. And for security, your date of birth?')
        w.ln(S('Customer: I was born on the {dob}.', dob=c.dob_l('ord')) if loc != 'en_US' else S('Customer: {dob}.', dob=c.dob_l('long')))
        w.ln('Agent: Lovely. What\'s the best number to reach you?')
        w.ln(S('Customer: It\'s {ph}, that\'s my mobile.', ph=c.phone(style=g.choice(['national', 'odd', 'plain']))))
        w.ln('Agent: And the address on the account?')
        w.ln(S('Customer: I live at {ad}. Well, I\'m moving next month, to {ad2}.', ad=c.addr(), ad2=L(', '.join(make_addr(g, loc)), 'address', 'oneline', loc)))
        if g.p(0.6):
            w.ln('Agent: Which card would you like to use?')
            w.ln(S('Customer: The one ending in... actually the full number is {cc}, expiry {ex}.', cc=c.card(), ex=NG('%02d/%02d' % (g.randint(1, 12), g.randint(26, 30)), 'dob', 'expiry')))
        if g.p(0.5):
            w.ln(S('Customer: You can email the confirmation to {em}.', em=c.email()))
        if g.p(0.5):
            idm = {'en_GB': 'gb.nino_rules', 'en_US': 'us.ssn', 'en_AU': 'au.tfn', 'en_IN': 'in_.aadhaar'}[loc]
            w.ln('Agent: For the credit check I also need your ', IDN[idm], '.')
            w.ln(S('Customer: Hang on... it\'s {id}.', id=c.nid(idm)))
        if g.p(0.4):
            w.ln(S('Agent: I\'ve logged that under reference {r}; your engineer visit is on {d}.', r=n_phone(g, loc, 'reference'),
                   d=n_date(g, loc, 'appointment', 2024, 2024, 'long')))
        w.ln('Agent: Is there anything else I can help with today?')
        w.pl('Customer: No, that\'s everything, thanks.')
    w.close()

ASR_T = {'en': ['my name is {name} and my number is {phone}', 'i was born on the {dob} and i live at {addr}', 'call {name} on {phone}',
                'send it to {email} please', 'my date of birth is {dob}'],
         'de': ['mein name ist {name} meine nummer ist {phone}', 'ich bin am {dob} geboren', 'ruf {name} unter {phone} an'],
         'fr': ['je m appelle {name} mon numéro c est le {phone}', 'je suis né le {dob}', 'appelle {name} au {phone}'],
         'es': ['me llamo {name} y mi número es el {phone}', 'nací el {dob}', 'llama a {name} al {phone}']}

def f_asr():
    g, w = G('asr'), W('support/asr_voice.jsonl', 'asr')
    locs = ['en_GB', 'en_US', 'en_AU', 'en_IN', 'de_DE', 'fr_FR', 'es_ES', 'es_MX']
    for i in range(70):
        loc = locs[i % len(locs)]
        p = P(g, loc)
        t = g.choice(ASR_T[p.lang])
        name = L(p.full().lower(), 'name', 'asr', loc)
        dob = L(fmt_date(p.dob, loc, 'ord' if p.lang == 'en' and loc != 'en_US' else 'long').lower(), 'dob', 'asr', loc)
        ad = L(', '.join(p.addr_lines()).lower().replace(',', ''), 'address', 'asr', loc)
        parts = S(t, name=name, phone=p.phone(style=g.choice(['odd', 'plain', 'odd'])), dob=dob, addr=ad, email=p.email())
        if g.p(0.2):
            parts += [' um the order number is ', n_phone(g, loc, 'order_number')]
        jsonl(w, {'utt_id': 'utt-%s' % g.dg(7), 'asr_confidence': round(g.uniform(0.62, 0.99), 3), 'locale': loc, 'text': parts})
    w.close()

def f_dev_chat():
    g, w = G('devchat'), W('support/dev_support_chat.txt', 'devchat')
    kinds = ['aws', 'ghp', 'ghpat', 'gitlab', 'slack', 'slack_user', 'webhook', 'stripe', 'openai', 'anthropic', 'google', 'hf', 'sendgrid', 'npm', 'jwt']
    for i in range(52):
        loc = g.choice(['en_US', 'en_GB', 'en_IN', 'de_DE', 'pl_PL', 'pt_BR'])
        u, s = P(g, loc), P(g, 'en_US')
        ts = '2024-%02d-%02d %02d:%02d' % (g.randint(1, 12), g.randint(1, 28), g.randint(8, 20), g.randint(0, 59))
        k = kinds[i % len(kinds)]
        uid, sid = 'U0' + g.rs(8, UP + DIG), 'U0' + g.rs(8, UP + DIG)
        w.ln('[%s] <%s> ' % (ts, uid), g.choice(['help, getting 401s from the API with this key:', 'deploy is failing, here is what I have set:',
                                                    'is this the right token?', 'can you check why this stopped working']))
        w.ln('    ', secret(g, k, loc))
        if k == 'aws':
            w.ln('    ', 'secret: ', secret(g, 'aws_secret', loc))
        elif g.p(0.4):
            w.ln('    also tried the old one: ', secret(g, g.choice(kinds), loc))
        if g.p(0.5):
            w.ln(S('    (running from {ip}, build {sha})', ip=ip_l(g, loc) if g.p(0.7) else n_ip(g), sha=n_secret(g, 'git_sha')))
        w.ln('[%s] <%s> ' % (ts, sid), S('{f}, please never paste keys here — rotate it now. Use {ph} in examples instead. Ticket {u}.',
                                                   f=u.given(), ph=n_secret(g, g.choice(['placeholder', 'documented_example'])), u=n_secret(g, 'uuid')))
        if g.p(0.35):
            w.ln('[%s] <%s> ' % (ts, uid), S('ok rotated. my email for the access request is {em}, device {mac}.', em=u.email(), mac=mac_l(g, loc) if g.p(0.7) else n_mac(g)))
        if i % 8 == 5:
            w.ln('[%s] <%s> ' % (ts, uid), 'and the old signing key, sorry:')
            w.ln(secret(g, g.choice(['rsa', 'ec']), loc))
        w.ln()
    w.close()

def f_helpdesk_csv():
    g, w = G('helpdesk'), W('support/helpdesk_tickets.csv', 'helpdesk')
    cols = ['ticket_id', 'created', 'status', 'category', 'description']
    csv_row(w, cols, cols)
    for i in range(80):
        loc = g.choice(ALL)
        p = P(g, loc)
        k = i % 7
        if k == 6:
            d = S('User pasted their {what} into the ticket form: {s} — asked them to revoke it. Hash of attachment: {h}.', what=g.choice(['API key', 'token', 'credentials']),
                  s=secret(g, g.choice(['openai', 'stripe', 'google', 'ghp', 'slack', 'sendgrid', 'anthropic', 'hf']), loc), h=n_secret(g, 'sha256'))
        elif p.lang == 'en':
            d = [S('Customer {n} says the parcel never arrived; wants a call back on {ph}.', n=p.name(), ph=p.phone()),
                 S('Change of address requested: new address "{ad}". Verified DOB {dob}.', ad=p.addr(), dob=p.dob_l('num')),
                 S('Refund to be sent by bank transfer — customer gave account {ib}.', ib=p.iban('GB') if loc == 'en_GB' else n_iban(g, loc, 'documented_example')),
                 S('Login issue from IP {ip}; user {em} locked out after 5 attempts.', ip=ip_l(g, loc), em=p.email()),
                 S('Duplicate charge on card {cc}, order {o}.', cc=p.card(), o=n_phone(g, loc, 'order_number')),
                 S('Caller refused to give name; test booking used {x}.', x=n_email(g, p, 'example_domain'))][k]
        else:
            d = [ph(p, 'phone2', phone=p.phone()), ph(p, 'addr', addr=p.addr()), ph(p, 'email', email=p.email()), ph(p, 'dob', dob=p.dob_l()),
                 ph(p, 'card', card=p.card()), ph(p, 'order', order=n_phone(g, loc, 'order_number'), date=n_date(g, loc, 'order', 2024, 2024))][k]
        csv_row(w, ['T-%s' % g.dg(6), '2024-%02d-%02d' % (g.randint(1, 12), g.randint(1, 28)), g.choice(['open', 'pending', 'closed']),
                    g.choice(['delivery', 'billing', 'account', 'other']), d], cols)
    w.close()

def f_postmortem():
    g, w = G('postmortem'), W('support/incident_postmortem.md', 'postmortem')
    for i in range(4):
        loc = g.choice(['en_US', 'en_GB', 'en_IN'])
        oc, lead, cust = P(g, loc), P(g, loc), P(g, loc)
        w.pl('# Incident ', NG('INC-%s' % g.dg(5), 'phone', 'reference'), ': credentials exposed in public log bucket')
        w.pl(S('**Summary.** On {d} the on-call engineer, {oc}, noticed requests from {ip1} and {ip2} using a deploy token that had been written '
               'to a debug log. The token ({tok}) was revoked within 40 minutes.', d=n_date(g, loc, 'incident', 2024, 2024, 'long'), oc=oc.name(),
               ip1=ip_l(g, loc, False), ip2=ip_l(g, loc, True), tok=secret(g, 'ghp', loc)))
        w.pl(S('**Impact.** One customer record was read: {c}, {em}, {ph}. {t}{s} was informed by {l} the same day.', c=cust.name(), em=cust.email(),
               ph=cust.phone(), t=ttl(cust), s=cust.sur(), l=lead.name()))
        w.pl(S('**Timeline.** Build {sha} introduced the log line; the bastion ({bip}, MAC {mac}) was not involved; internal traffic from {pr} is '
               'expected. The example key {ex} in the runbook was never valid.', sha=n_secret(g, 'git_sha'), bip=n_ip(g, 'documentation'), mac=mac_l(g, loc),
               pr=n_ip(g, 'private'), ex=n_secret(g, 'documented_example')))
        w.pl(S('**Also found in the same bucket:** a Stripe key {sk}, a Slack webhook {wh} and a service JWT {jwt}. All rotated. Trace id {u}; '
               'upload checksum {sha2}.', sk=secret(g, 'stripe', loc), wh=secret(g, 'webhook', loc), jwt=secret(g, 'jwt', loc), u=n_secret(g, 'uuid'),
               sha2=n_secret(g, 'sha256')))
        w.pl(S('Owner: {l} ({em}). Reviewers: {r1}, {r2}.', l=lead.name(), em=lead.email(dom=g.choice(['gmail.com', 'outlook.com'])), r1=P(g, loc).name(), r2=P(g, loc).name()))
    w.close()

def f_isp_chat():
    g, w = G('isp'), W('support/isp_support_chat.txt', 'isp')
    for i in range(30):
        loc = g.choice(EN + ['de_DE', 'nl_NL', 'pl_PL'])
        c, a = P(g, loc), P(g, 'en_GB')
        cf = lambda: 'Customer'
        w.ln('--- Chat %s · Broadband support ---' % g.dg(6))
        w.ln('Bot: Welcome to ', n_company(g, 'en_GB'), '. Please describe the problem.')
        w.ln(cf(), ': internet keeps dropping since ', n_date(g, 'en_GB', 'incident', 2024, 2024, 'long'))
        w.ln(S('Agent {a}: Sorry to hear that, {f}. Can you confirm the installation address?', a=a.given(), f=c.given()))
        w.ln(cf(), ': ', c.addr())
        w.ln('Agent: Thanks. And a contact number in case we get cut off?')
        w.ln(cf(), ': ', c.phone())
        w.ln('Agent: What does the router status page show as the WAN IP?')
        w.ln(S('{f}: it says {ip}, and the LAN side is {lan}', f=cf(), ip=ip_l(g, loc, False), lan=n_ip(g, g.choice(['private', 'private', 'link_local']))))
        if g.p(0.4):
            w.ln(S('{f}: there is also an IPv6 address, {ip6}', f=cf(), ip6=ip_l(g, loc, True)))
        w.ln('Agent: And the MAC address on the sticker under the router?')
        w.ln(S('{f}: {mac}' + (' (the manual says {ph} but that is just the example)' if g.p(0.35) else ''), f=cf(), mac=mac_l(g, loc), ph=n_mac(g)))
        if g.p(0.5):
            w.ln(S('{f}: my laptop is {mac} if that helps', f=cf(), mac=mac_l(g, loc)))
        w.ln('Agent: Firmware version?')
        w.ln(cf(), ': ', n_ip(g, 'version'))
        w.pl(S('Agent: I have booked an engineer for {d}. The confirmation goes to {em}.', d=n_date(g, 'en_GB', 'appointment', 2024, 2025, 'long'), em=c.email()))
    w.close()

# ============================================================== clinical
def f_clinic_notes():
    g, w = G('clinic'), W('clinical/clinic_notes.txt', 'clinic')
    for i in range(14):
        loc = g.choice(['en_GB', 'en_GB', 'en_US', 'en_AU', 'en_IN'])
        p, gp, nok = P(g, loc, 'F', age=(20, 92)), P(g, loc, age=(35, 65)), P(g, loc)
        idm = {'en_GB': 'gb.nhs', 'en_US': 'us.ssn', 'en_AU': 'au.tfn', 'en_IN': 'in_.aadhaar'}[loc]
        w.pl('Clinic letter — ', n_date(g, loc, 'clinic_date', 2024, 2024, 'long'))
        w.ln(S('{t}{n} (DOB {dob}, {idn} {id}) was seen today in the {clin} clinic, accompanied by her {rel}, {nok}.', t=ttl(p), n=p.name(),
               dob=p.dob_l('num'), idn={'gb.nhs': 'NHS no.', 'us.ssn': 'SSN', 'au.tfn': 'TFN', 'in_.aadhaar': 'Aadhaar'}[idm], id=p.nid(idm),
               clin=g.choice(['respiratory', 'diabetes', 'falls', 'memory', 'rheumatology']), rel=g.choice(['daughter', 'son', 'husband', 'neighbour']), nok=nok.name()))
        w.ln(S('Background of {ep} and {ep2}. {t}{s} lives alone at {ad} and manages stairs with a rail.', ep=NG(g.choice(EPONYMS['en']), 'name', 'eponym'),
               ep2=NG(g.choice(EPONYMS['en']), 'name', 'eponym'), t=ttl(p), s=p.sur(), ad=p.addr()))
        w.ln(S('Plan: repeat bloods, review on {d}. Her GP, Dr {gp}, has been copied in. If there are concerns the family can reach us on {ph}; '
               '{nok}\'s own number is {ph2}.', d=n_date(g, loc, 'appointment', 2024, 2025, 'long'), gp=gp.sur(), ph=gp.phone(mobile=False),
               nok=nok.given(), ph2=nok.phone(mobile=True)))
        if g.p(0.3):
            w.ln(S('Note: an earlier referral quoted the number {bad}, which does not validate; please use the one above.', bad=n_id(g, p, 'onedigit')))
        w.pl(S('Dictated by Dr {c}, consultant. Typed {d}.', c=P(g, loc).name(), d=n_date(g, loc, 'typed', 2024, 2024, 'num')))
    w.close()

DISCH = {
    'de': ('Entlassungsbrief', 'wir berichten über {n}, geb. {dob}, wohnhaft {ad}, der sich vom {d1} bis {d2} in unserer stationären Behandlung befand.',
           'Bekannte {ep}. Die Tochter, {k}, ist unter {ph} erreichbar.', 'Mit kollegialen Grüßen'),
    'fr': ("Compte rendu d'hospitalisation", 'nous avons pris en charge {t}{n}, né le {dob}, demeurant {ad}, hospitalisé du {d1} au {d2}.',
           'Antécédents : {ep}. Sa fille, {k}, est joignable au {ph}.', 'Bien confraternellement'),
    'es': ('Informe de alta', 'le informamos sobre {t}{n}, nacido el {dob}, con domicilio en {ad}, ingresado del {d1} al {d2}.',
           'Antecedentes de {ep}. Su hija, {k}, puede ser localizada en el {ph}.', 'Un cordial saludo'),
    'it': ('Lettera di dimissione', 'Le scriviamo in merito a {t}{n}, nato il {dob}, residente in {ad}, ricoverato dal {d1} al {d2}.',
           'Anamnesi: {ep}. La figlia, {k}, è reperibile al {ph}.', 'Cordiali saluti'),
    'nl': ('Ontslagbrief', 'hierbij berichten wij u over {t}{n}, geboren {dob}, wonende {ad}, opgenomen van {d1} tot {d2}.',
           'Bekend met {ep}. Dochter {k} is bereikbaar op {ph}.', 'Met collegiale groet'),
    'pt': ('Relatório de alta', 'informamos sobre {t}{n}, nascido em {dob}, residente na {ad}, internado de {d1} a {d2}.',
           'Antecedentes: {ep}. A filha, {k}, pode ser contatada pelo {ph}.', 'Atenciosamente'),
    'pl': ('Karta informacyjna', 'informujemy, że {t}{n}, ur. {dob}, zam. {ad}, przebywał w oddziale od {d1} do {d2}.',
           'Rozpoznanie: {ep}. Córka, {k}, tel. {ph}.', 'Z poważaniem'),
    'sv': ('Epikris', '{n}, född {dob}, boende på {ad}, vårdades hos oss från {d1} till {d2}.', 'Känd {ep}. Dottern {k} nås på {ph}.', 'Med vänlig hälsning'),
}

DISCH_ID = {'fr': 'Son numéro de sécurité sociale est le {id}.', 'es': 'Su DNI es {id}.', 'it': 'Il suo codice fiscale è {id}.',
            'nl': 'Het BSN van patiënt is {id}.', 'pt': 'CPF do paciente: {id}.', 'pl': 'Numer PESEL pacjenta: {id}.', 'sv': 'Patientens personnummer är {id}.'}

def f_discharge():
    g, w = G('discharge'), W('clinical/discharge_letters.md', 'discharge')
    locs = ['de_DE', 'fr_FR', 'es_ES', 'it_IT', 'nl_NL', 'pt_BR', 'pl_PL', 'sv_SE']
    for i in range(16):
        loc = locs[i % len(locs)]
        lang = LOC[loc]['lang']
        p, k, doc = P(g, loc, 'M', age=(40, 95)), P(g, loc, 'F', age=(25, 60)), P(g, loc, age=(35, 65))
        t, d1 = DISCH[lang], g.date(2024, 2024)
        w.pl('## ', t[0])
        st = g.choice(['num', 'long'])
        w.pl(S(t[1], t=ttl(p) if lang not in ('sv', 'de') else '', n=p.name(), dob=p.dob_l(), ad=p.addr(), d1=n_dt(d1, loc, 'admission', st),
               d2=n_dt(d1 + dt.timedelta(days=g.randint(2, 20)), loc, 'discharge', st)))
        w.ln(S(t[2], ep=NG(g.choice(EPONYMS.get(lang, EPONYMS['en'])), 'name', 'eponym'), k=k.name(), ph=k.phone()))
        if lang in DISCH_ID and g.p(0.7):
            w.ln(S(DISCH_ID[lang], id=p.nid()))
        w.ln()
        w.ln(t[3], ',  ')
        w.pl(doc.name())
    w.close()

def f_social_work():
    g, w = G('socialwork'), W('clinical/social_work_case_notes.txt', 'socialwork')
    for i in range(9):
        loc = g.choice(['en_GB', 'en_GB', 'en_AU', 'en_US'])
        child, mum, dad, sw = P(g, loc, age=(3, 15)), P(g, loc, 'F', age=(24, 45)), P(g, loc, 'M', age=(24, 50)), P(g, loc)
        child.kin(dad)
        w.ln('Case note ', NG('SW/%s/%s' % (g.dg(4), g.dg(3)), 'national_id', 'case_number'), ' — home visit ', n_date(g, loc, 'visit', 2024, 2024, 'num'))
        w.ln(S('Visited {c} (born {dob}) at the family home, {ad}. Mother {m} present; father {f} arrived later. {c2} was shy but engaged.',
               c=child.name(), dob=child.dob_l('long'), ad=mum.addr(), m=mum.name(), f=dad.name(), c2=child.given()))
        w.ln(S('{t}{s} reports that {f2} has moved to {ad2} and calls from {ph} most evenings. School ({sch}) raised no concerns.', t=ttl(mum),
               s=mum.sur(), f2=dad.given(), ad2=dad.addr(), ph=dad.phone(), sch=NG(g.fk(loc).last_name() + ' Primary School', 'name', 'organisation')))
        w.pl(S('Action: {sw} to phone {m} on {ph} before the review on {d}.', sw=sw.name(), m=mum.given(), ph=mum.phone(), d=n_date(g, loc, 'review', 2024, 2025, 'long')))
    w.close()

# ================================================================ social
POSTS = {'en': ['Anyone lost a {pr}? Found one on the bus, DM or text {ph}', 'Selling my {pr}, collection from {ad}, call {ph}',
                'Worst service ever from {o}. Still no refund. Email me if you had the same: {em}', 'Happy birthday to my best friend {n}! Born {dob} and still the best.'],
         'de': ['Verkaufe {pr}, Abholung {ad}, Tel. {ph}', 'Wer hat meinen Schlüssel gefunden? Bitte melden: {em}'],
         'fr': ['Vends {pr}, à récupérer {ad}, appelez le {ph}', 'Quelqu’un a trouvé un portefeuille ? Écrivez-moi : {em}'],
         'es': ['Vendo {pr}, recogida en {ad}, llamar al {ph}', '¿Alguien ha encontrado unas llaves? Escribidme a {em}'],
         'it': ['Vendo {pr}, ritiro in {ad}, chiamare il {ph}', 'Qualcuno ha trovato un portafoglio? Scrivetemi: {em}'],
         'nl': ['Te koop: {pr}, ophalen {ad}, bel {ph}', 'Sleutels gevonden? Mail me: {em}'],
         'pt': ['Vendo {pr}, retirar na {ad}, ligar {ph}', 'Alguém achou uma carteira? Me chama no {ph}'],
         'pl': ['Sprzedam {pr}, odbiór {ad}, tel. {ph}', 'Znalazłem klucze, właściciel proszony o kontakt: {em}'],
         'sv': ['Säljes: {pr}, hämtas på {ad}, ring {ph}', 'Hittat nycklar, mejla {em}'],
         'tr': ['Satılık {pr}, teslim {ad}, tel {ph}', 'Cüzdanımı bulan olursa {ph} numarasını arasın'],
         'ru': ['Продаю {pr}, самовывоз: {ad}, звоните {ph}', 'Кто нашёл ключи, пишите на {em}'],
         'ja': ['{pr}を譲ります。{ad}まで取りに来られる方、{ph}まで', '鍵を拾いました。心当たりの方は{em}へ'],
         'zh': ['出售{pr}，自提地址：{ad}，电话{ph}', '捡到钥匙，失主请联系{em}'],
         'ko': ['{pr} 팝니다. 직거래 {ad}, 연락 {ph}', '지갑 주우신 분 {em}로 연락 주세요'],
         'ar': ['للبيع {pr}، الاستلام من {ad}، اتصل {ph}', 'من وجد محفظة يرجى التواصل على {em}'],
         'hi': ['{pr} बेचना है, पता {ad}, फ़ोन {ph}', 'चाबियाँ मिलीं, मालिक {em} पर संपर्क करें']}

def f_posts():
    g, w = G('posts'), W('social/posts.jsonl', 'posts')
    for i in range(90):
        loc = ALL[i % len(ALL)]
        p = P(g, loc)
        t = S(g.choice(POSTS[p.lang]), pr=NG(g.choice(PRODUCTS), 'name', 'product'), ph=p.phone(), ad=p.addr(), em=p.email(), o=org(g, loc), n=p.name(), dob=p.dob_l())
        if g.p(0.2):
            t += [' ', n_email(g, p, 'handle')]
        jsonl(w, {'post_id': g.dg(18), 'user': 'u%s' % g.dg(7), 'likes': g.randint(0, 400), 'text': t}, ascii_only=(i % 3 == 0))
    w.close()

def f_reviews():
    g, w = G('reviews'), W('social/reviews.csv', 'reviews')
    cols = ['review_id', 'product', 'stars', 'review_text']
    csv_row(w, cols, cols)
    for i in range(90):
        loc = en_loc(g)
        p, staff = P(g, loc), P(g, loc)
        pr = g.choice(PRODUCTS)
        k = i % 6
        t = [S('Great "{pr}", arrived in two days. Ask for {f} in the shop, she was brilliant.', pr=NG(pr, 'name', 'product'), f=staff.given()),
             S('Item faulty. Order {o}. Nobody answers — if you are from {co} call me on {ph}!', o=n_phone(g, loc, 'order_number'), co=n_company(g, loc), ph=p.phone()),
             S('Delivered to the wrong house ({ad} is MY address, not next door). Driver was rude.', ad=p.addr()),
             S('Does the job. Seller {n} replied to my email ({em}) within an hour.', n=staff.name(), em=p.email()),
             S('Meh. Tracking number {t} never updated.', t=n_card(g, loc, 'tracking')),
             S('Bought the paperback (ISBN {i}) for my dad; the cover arrived bent.', i=n_phone(g, loc, 'isbn'))][k]
        csv_row(w, ['R%s' % g.dg(8), pr, g.randint(1, 5), t], cols)
    w.close()

def f_forum():
    g, w = G('forum'), W('social/forum_expat.md', 'forum')
    topics = [('nl_NL', 'BSN'), ('es_ES', 'NIE'), ('it_IT', 'codice fiscale'), ('de_DE', 'Steuer-ID'), ('pl_PL', 'PESEL'), ('sv_SE', 'personnummer'),
              ('pt_BR', 'CPF'), ('fr_FR', 'numéro de sécu')]
    for i in range(18):
        loc, idn = topics[i % len(topics)]
        p, helper, land = P(g, loc), P(g, en_loc(g)), P(g, loc)
        w.pl('### Re: how long did your ', idn, ' take?')
        w.pl(S('**{u}** wrote: Got mine after three weeks. My {idn} is {id} and it already shows on the tax site. Do not copy the number '
               'from the sample form ({ex}) like I first did.', u=p.given(), idn=idn, id=p.nid(), ex=n_id(g, p, 'documented_example') if p.idmod() in DOC_IDS else n_id(g, p, 'onedigit')))
        w.pl(S('Landlord is {n} ({ph}), flat at {ad}. Rent goes to {ib}.', n=land.name(), ph=land.phone(), ad=p.addr(), ib=land.iban()))
        w.pl(S('> PS the {bad} in my first post was a typo, ignore it.', bad=n_id(g, p, 'onedigit')))
    w.close()

def f_classifieds():
    g, w = G('classifieds'), W('social/marketplace_classifieds.txt', 'classifieds')
    for i in range(40):
        loc = ALL[(i * 7) % len(ALL)]
        p = P(g, loc)
        t = S(POSTS[p.lang][0 if p.lang != 'en' else 1], pr=NG(g.choice(PRODUCTS), 'name', 'product'), ph=p.phone(), ad=p.addr(), em=p.email(),
              o=org(g, loc), n=p.name(), dob=p.dob_l())
        w.ln('[%s] ' % loc, t)
        if g.p(0.4):
            w.ln('    ', ph(p, 'email', email=p.email()))
        if g.p(0.15):
            w.ln('    ', n_phone(g, loc, 'invalid_onedigit'))
    w.close()

# =================================================================== OCR
def ocr_noise(g, s):
    """OCR damage on label-free text: l/1 and O/0 swaps, doubled spaces."""
    out = []
    for ch in s:
        r = g.random()
        if ch == 'l' and r < 0.06:
            ch = '1'
        elif ch == 'O' and r < 0.1:
            ch = '0'
        elif ch == ' ' and r < 0.08:
            ch = '  '
        out.append(ch)
    return ''.join(out)

def f_ocr_forms():
    g, w = G('ocr'), W('ocr/scanned_forms.txt', 'ocrforms')
    for i in range(12):
        loc = g.choice(['en_GB', 'en_GB', 'en_AU', 'en_IN', 'en_US'])
        p, wit = P(g, loc), P(g, loc)
        N = lambda s: ocr_noise(g, s)
        w.ln(N(g.choice(['APPLICATION FOR RESIDENT PARKING PERMIT', 'CHANGE OF CIRCUMSTANCES NOTIFICATION', 'REQUEST FOR ACCESS TO PERSONAL RECORDS'])),
             '          Page 1 of 2')
        w.ln(N('Section A   Applicant details (please write in capitals)'))
        w.ln(N('Surname                        Forename(s)'))
        w.ln(N('Title      Date of birth        Daytime telephone'))
        w.pl(N('Home address (including postcode)'))
        w.ln('      ', L(p.last.upper(), 'name', 'ocr_field', loc), ' ' * g.randint(8, 20), L(p.first.upper(), 'name', 'ocr_field', loc))
        w.ln('      ', p.title() if p.lang == 'en' else '', '   ', p.dob_l('num'), '   ', p.phone(style=g.choice(['national', 'odd'])))
        lines = p.addr_lines()
        w.pl('      ', L('\n      '.join(lines).upper(), 'address', 'ocr_multiline', loc))
        w.ln(N('Section B   Declaration. I confirm the information given is correct and I under-'))
        w.ln(N('stand that giving false information may lead to prosecution.'))
        w.ln(N('Signed  ............ '), p.name(), N(' ...........   Date  '), n_date(g, loc, 'signature', 2024, 2024, 'num'))
        w.ln(N('Witnessed by (name and e-mail)  '), wit.name(), '  ', wit.email())
        w.ln(N('For office use only:  Ref '), NG('%s/%s' % (g.randint(2023, 2024), g.dg(5)), 'phone', 'reference'), N('   Permit no. '),
             NG(g.dg(6), 'national_id', 'permit_number'), N('   Checked by '), NG(g.choice(['JD', 'AK', 'MM']), 'name', 'initials'))
        w.ln('\f')
    w.close()

def f_pdf_extract():
    g, w = G('pdf'), W('ocr/pdf_extract_statements.md', 'pdfextract')
    for i in range(8):
        loc = g.choice(['en_GB', 'de_DE', 'nl_NL', 'fr_FR', 'es_ES', 'it_IT'])
        p, agent = P(g, loc), P(g, loc)
        w.ln('<!-- page 1 -->')
        w.ln('**Landlord statement**  ')
        w.ln(p.name(), '  ')
        w.pl(p.addr(multi=True))
        w.pl(S('Dear {t}{s}, please find below the rent received for the quarter into your account {ib}. The agent fee was collected on {d}.',
               t='Mr ' if p.gender == 'M' else 'Ms ', s=p.sur(), ib=p.iban(), d=n_date(g, loc, 'transaction', 2024, 2024, 'num')))
        w.ln('| Date | Description | Amount |')
        w.ln('|---|---|---|')
        for j in range(g.randint(3, 5)):
            t = P(g, loc)
            w.ln('| ', n_date(g, loc, 'transaction', 2024, 2024, 'num'), ' | Transfer from ', t.name(), ' | ', '%d.00' % g.randint(300, 1500), ' |')
        w.pl('| ', n_date(g, loc, 'transaction', 2024, 2024, 'num'), ' | Card payment ', n_card(g, loc, 'masked'), ' | -%d.%02d |' % (g.randint(5, 80), g.randint(0, 99)))
        w.pl(S('Questions about this state-\nment? Contact {a} on {ph} or {em}. Tenant emergencies out of hours: {ph2}.', a=agent.name(), ph=agent.phone(mobile=False),
               em=agent.email(), ph2=agent.phone(mobile=True, key='mob')))
        w.pl('<!-- page 2 -->')
    w.close()

OCR_ASIA = {'ja': ['{n}様（{dob}生）の住所変更届を受理しました。新しいお届け先は{ad}です。', 'ご不明な点は担当の{a}（{ph}）までお問い合わせください。'],
            'zh': ['兹证明{n}（{dob}出生）现居住于{ad}。', '如有疑问请联系经办人{a}，电话{ph}。'],
            'ko': ['{n}님({dob}생)의 주소 변경 신청이 접수되었습니다. 새 주소는 {ad}입니다.', '문의 사항은 담당자 {a}({ph})에게 연락 주십시오.']}

def f_ocr_asia():
    g, w = G('ocr_asia'), W('ocr/ocr_asia.txt', 'ocrasia')
    locs = ['ja_JP', 'zh_CN', 'ko_KR']
    for i in range(18):
        loc = locs[i % 3]
        p, a = P(g, loc), P(g, loc)
        t = OCR_ASIA[p.lang]
        w.ln('　'.join(['', '', '']), S(t[0], n=p.name(), dob=p.dob_l(), ad=p.addr()))
        w.ln(S(t[1], a=a.name(), ph=a.phone()))
        if g.p(0.5):
            w.ln(S(PH[p.lang]['id'], idn=p.idname(), id=p.nid()), opt(g, 0.4, {'ja': '（誤記：', 'zh': '（误填：', 'ko': '(오기: '}[p.lang], n_id(g, p, 'onedigit'), '）' if p.lang != 'ko' else ')'))
        if g.p(0.4):
            w.ln(S(PH[p.lang]['email'], email=p.email()))
        w.ln('受付日 ' if p.lang == 'ja' else '日期 ' if p.lang == 'zh' else '접수일 ', n_date(g, loc, 'received', 2024, 2024))
        w.ln('― ' * 10)
    w.close()

# ============================================================= subtitles
def srt_ts(ms, sep=','):
    return '%02d:%02d:%02d%s%03d' % (ms // 3600000, ms // 60000 % 60, ms // 1000 % 60, sep, ms % 1000)

def f_srt():
    g, w = G('srt'), W('subtitles/the_long_weekend_s01e03.srt', 'srt')
    loc = 'en_GB'
    cast = [P(g, loc) for _ in range(5)]
    lines = [
        lambda a, b: ['- ', a.given(), ', it\'s me.\n- Where are you?'],
        lambda a, b: S('Call me back on {ph}.\nAny time, day or night.', ph=a.phone(style=g.choice(['odd', 'national']))),
        lambda a, b: S('Who is {n}?', n=b.name()),
        lambda a, b: S('I\'m at {ad}.\nCome quickly.', ad=a.addr()),
        lambda a, b: S('My name is {n}.\nI was born on the {dob}.', n=a.name(), dob=a.dob_l('ord')),
        lambda a, b: S('Her number is... {ph}.', ph=b.phone(style='odd')),
        lambda a, b: S('Thanks, {f}.', f=b.given()),
        lambda a, b: S('Meet me on {st} at nine.', st=n_street(g, loc)),
        lambda a, b: ['I don\'t know anything about it.'],
        lambda a, b: S('Email it to {em}.', em=a.email()),
        lambda a, b: S('She works for {co}.\nHas done for years.', co=n_company(g, loc)),
        lambda a, b: S('That\'s not a real number, {ph}.\nIt\'s from the telly.', ph=n_phone(g, loc, 'fictional')),
        lambda a, b: ['We should go.'],
        lambda a, b: S('{t}{s}? Police. Open the door.', t=ttl(a), s=a.sur()),
    ]
    t = 2000
    for i in range(100):
        a, b = g.sample(cast, 2)
        d = g.randint(1500, 4200)
        w.ln(str(i + 1))
        w.ln('%s --> %s' % (srt_ts(t), srt_ts(t + d)))
        w.pl(lines[g.randrange(len(lines))](a, b))
        t += d + g.randint(200, 3000)
    w.close()

def f_vtt():
    g, w = G('vtt'), W('subtitles/tatort_folge12.de.vtt', 'vtt')
    loc = 'de_DE'
    cast = [P(g, loc) for _ in range(5)]
    lines = [
        lambda a, b: S('Rufen Sie mich unter {ph} an.', ph=a.phone(style=g.choice(['odd', 'national']))),
        lambda a, b: S('Kennen Sie {n}?', n=b.name()),
        lambda a, b: S('Sie wohnt in der {ad}.', ad=b.addr()),
        lambda a, b: S('Geboren am {dob}, sagt der Ausweis.', dob=b.dob_l('long')),
        lambda a, b: S('Danke, {f}.', f=b.given()),
        lambda a, b: S('{t} {s}, bitte setzen Sie sich.', t=b.title(), s=b.sur()),
        lambda a, b: S('Das Geld ging auf {ib}.', ib=b.iban()),
        lambda a, b: S('Treffpunkt {st}, zehn Uhr.', st=n_street(g, loc)),
        lambda a, b: ['Ich weiß von nichts.'],
        lambda a, b: S('Die Firma heißt {co}.', co=n_company(g, loc)),
    ]
    w.pl('WEBVTT')
    t = 1000
    for i in range(64):
        a, b = g.sample(cast, 2)
        d = g.randint(1500, 4000)
        w.ln('%s --> %s' % (srt_ts(t, '.'), srt_ts(t + d, '.')))
        w.pl('<v ', L(a.full(), 'name', 'voice_tag', loc), '>', lines[g.randrange(len(lines))](a, b))
        t += d + g.randint(200, 2500)
    w.close()

# ================================================================== data
def f_parquet():
    g = G('parquet')
    rows = []
    for i in range(200):
        loc = ALL[i % len(ALL)]
        p = P(g, loc)
        keys = ['name', 'phone', 'email', 'dob', 'addr', 'card'] + (['id'] if p.idmod() else []) + (['iban'] if LOC[loc]['iban'] else []) + ['neg', 'neg']
        k = g.choice(keys)
        if k == 'neg':
            txt = g.choice([lambda: ph(p, 'appt', date=n_date(g, loc, 'appointment', 2024, 2025)), lambda: ph(p, 'order', order=n_phone(g, loc, 'order_number'), date=fmt_date(g.date(2024, 2024), loc)),
                            lambda: ph(p, 'email', email=n_email(g, p, 'example_domain')), lambda: ph(p, 'card', card=n_card(g, loc, 'test_card'))])()
        else:
            txt = ph(p, k, **PERSON_KW[k](p))
        if g.p(0.4):
            txt = ph(p, 'thanks') + [' '] + txt
        rows.append({'doc_id': i + 1, 'lang': p.lang, 'source': g.choice(['forum', 'email', 'chat', 'letter']), 'title': g.choice(['Re: question', 'Update', 'Support', 'Hello']),
                     'text': txt})
    schema = pa.schema([('doc_id', pa.int64()), ('lang', pa.string()), ('source', pa.string()), ('title', pa.string()), ('text', pa.string())])
    write_parquet('data/narratives.parquet', 'parquet', schema, rows)

def f_complaints_gz():
    g, w = G('complaints'), W('data/consumer_complaints.csv.gz', 'complaintsgz')
    cols = ['complaint_id', 'date_received', 'product', 'issue', 'consumer_complaint_narrative']
    csv_row(w, cols, cols)
    for i in range(64):
        loc = 'en_US'
        p, rep_ = P(g, loc), P(g, loc)
        k = i % 4
        t = [S('I called {co} on {d} and spoke to a rep named {r}. She said my card {cc} had been used in another state. I gave my SSN {ssn} to '
               'verify and they still closed the account.', co=n_company(g, loc), d=n_date(g, loc, 'call', 2023, 2024, 'num'), r=rep_.given(), cc=p.card(),
               ssn=p.nid('us.ssn')),
             S('They keep sending letters to my old address, {ad}, even though I updated it online. My new phone is {ph} and they call it 10 times a day '
               'about a debt that is not mine.', ad=p.addr(), ph=p.phone()),
             S('My name is {n}, born {dob}. Someone opened a loan using my information. The "case number" they gave me was {cn}.', n=p.name(),
               dob=p.dob_l('num'), cn=n_id(g, p, 'case_number')),
             S('The bank says the payment went to {em}, which is not my email (mine is {em2}). Reference {r}.', em=P(g, loc).email(), em2=p.email(),
               r=n_phone(g, loc, 'reference'))][k]
        csv_row(w, [str(g.randint(5000000, 9000000)), '2024-%02d-%02d' % (g.randint(1, 12), g.randint(1, 28)),
                    g.choice(['Credit card', 'Debt collection', 'Checking or savings account']), g.choice(['Fraud or scam', 'Attempts to collect debt', 'Identity theft']), t], cols)
    w.close()

# =============================================================== finance
def f_finance_letters():
    g, w = G('finletters'), W('finance/complaint_letters.txt', 'finletters')
    for i in range(14):
        loc = g.choice(['en_GB', 'de_DE', 'fr_FR', 'es_ES', 'it_IT', 'nl_NL', 'pl_PL', 'sv_SE', 'tr_TR', 'ar_SA', 'pt_BR'])
        p, payee = P(g, loc), P(g, loc)
        w.pl(p.name(), ', ', p.addr())
        w.pl(S('To whom it may concern: on {d} I transferred 1,250.00 from my account {ib} to {n}, whose account I was told was {ib2}. The money never '
               'arrived. The card linked to the account, {cc}, has since been blocked, and a letter was sent with the account number {bad}, which is wrong.',
               d=n_date(g, loc, 'payment', 2024, 2024), ib=p.iban(), n=payee.name(), ib2=payee.iban(), cc=p.card(), bad=n_iban(g, loc, 'onedigit')))
        w.pl(S('Please call me on {ph} or write to {em}. A card numbered {bad2} appears on your reply; it is not mine.', ph=p.phone(), em=p.email(),
               bad2=n_card(g, loc, 'onedigit')))
        w.pl(p.name())
        w.ln('*' * 20)
    w.close()

def f_faq():
    g, w = G('faq'), W('finance/help_centre_faq.md', 'faq')
    loc = 'en_GB'
    staff = [P(g, loc) for _ in range(4)]
    w.pl('# Help centre — payments and security')
    for i in range(6):
        w.pl('**What does an IBAN look like?** Something like ', n_iban(g, loc, 'documented_example'), ' (a made-up example; never send money to it).')
        w.pl('**Can I test the checkout?** Yes — use the card ', n_card(g, loc, 'test_card'), ' with any future expiry. Masked numbers such as ',
             n_card(g, loc, 'masked'), ' are what you will see in receipts.')
        w.pl('**Which addresses do the examples use?** ', n_email(g, kind='example_domain'), ', ', n_ip(g, 'documentation'), ' and ', n_mac(g, 'placeholder'),
             '; an API key looks like ', n_secret(g, 'documented_example'), ' or ', n_secret(g, 'placeholder'), '.')
        s = staff[i % 4]
        w.pl(S('**Who can I talk to?** Our security lead {n} or the payments desk on {ph} ({em}). Please do not post your full number anywhere; '
               'the sample SSN {ssn} you may see online is not valid.', n=s.name(), ph=s.phone(mobile=False),
               em=L(g.choice(['payments', 'security', 'help']) + '@' + g.choice(['northbank.co.uk', 'paywise.com', 'lendly.io']), 'email', 'role', loc, val='email'),
               ssn=NG(g.choice(DOC_IDS['us.ssn']), 'national_id', 'documented_example')))
        w.pl('**Where do I send forms?** Not to the sample address printed on them (', n_place_addr(g, g.choice(['en', 'de', 'fr', 'es', 'nl', 'it'])),
             ') but to ', L(', '.join(make_addr(g, loc)), 'address', 'business', loc), '.')
        w.pl('**Version?** Client ', n_ip(g, 'version'), ', build ', n_secret(g, 'git_sha'), ', request id ', n_secret(g, 'uuid'), '.')
    w.close()

# ================================================================== main
BUILDERS = [f_local_news, f_press_releases, f_world_desk, f_wire_gz, f_judgments_uk, f_opinions_us, f_tribunal, f_blotter,
            f_obituaries, f_announcements, f_newsletter, f_lost_found, f_bios,
            f_letters_en, f_letters_intl, f_eml_dev, f_eml_reference, f_eml_bank, f_eml_rota, f_thread_export,
            f_cvs, f_cover_letters, f_investigation, f_onboarding,
            f_chats, f_call_centre, f_asr, f_dev_chat, f_helpdesk_csv, f_postmortem, f_isp_chat,
            f_clinic_notes, f_discharge, f_social_work,
            f_posts, f_reviews, f_forum, f_classifieds,
            f_ocr_forms, f_pdf_extract, f_ocr_asia, f_srt, f_vtt,
            f_parquet, f_complaints_gz, f_finance_letters, f_faq]
CATS = ['name', 'dob', 'address', 'national_id', 'phone', 'email', 'iban', 'card', 'secret', 'ip', 'mac']

def oracle(l, v):
    c = l['category']
    if c in ('national_id', 'iban'):
        return valid(l['validator'], v)
    if c == 'card':
        return luhn_ok(v)
    if c == 'phone':
        return phone_ok(v, l.get('region') or LOC[l['locale']]['region'])
    if c == 'email':
        return email_ok(v)
    if c == 'ip':
        return ip_ok(v)
    if c == 'mac':
        return mac_ok(v)
    if c == 'name':
        return v not in PLACEHOLDER_SET
    return True

def verify():
    errs, by_file = [], collections.defaultdict(list)
    for l in LABELS:
        by_file[l['file']].append(l)
    for rel, ls in by_file.items():
        path = os.path.join(OUT, rel)
        if rel.endswith('.parquet'):
            tab, seen = pq.read_table(path).to_pylist(), set()
            for l in ls:
                key = (l['row'], l['column'])
                if key in seen:
                    errs.append('two labels in one Parquet cell %s %s' % (rel, key))
                seen.add(key)
                if l['value'] not in (tab[l['row']].get(l['column']) or ''):
                    errs.append('Parquet value not in cell %s %s %r' % (rel, key, l['value']))
            continue
        data = open(path, 'rb').read()
        if rel.endswith('.gz'):
            data = gzip.decompress(data)
        spans = sorted((l['span'][0], l['span'][1], l['value']) for l in ls)
        for (a, b, v), (c, d, u) in zip(spans, spans[1:]):
            if c < b:
                errs.append('overlapping labels in %s: %r / %r' % (rel, v, u))
        for l in ls:
            s, e = l['span']
            if data[s:e] != l['value'].encode('utf-8'):
                errs.append('span mismatch %s %s: %r != %r' % (rel, l['span'], data[s:e][:50], l['value'][:50]))
            if data.count(b'\n', 0, s) + 1 != l['line']:
                errs.append('line mismatch %s %s' % (rel, l['span']))
    for l in LABELS:
        v, kind = l.get('decoded', l['value']), l.get('kind') or ''
        if l['positive']:
            if not oracle(l, v):
                errs.append('positive fails its oracle: %s %s %r' % (l['file'], l['category'], v))
            if l['category'] in ('national_id', 'iban', 'card', 'phone', 'email', 'ip', 'mac') and not l.get('validator'):
                errs.append('positive without validator: %s %r' % (l['file'], v))
        elif kind.startswith('onedigit_') or kind in ('invalid_onedigit', 'invalid_ssn'):
            if oracle(l, v):
                errs.append('one-digit negative passes its validator: %s %s %r' % (l['file'], kind, v))
        elif (l['category'] == 'email' and kind in ('example_domain', 'reserved_tld')) or (l['category'] == 'ip' and kind != 'version') or l['category'] == 'mac':
            if oracle(l, v):
                errs.append('negative passes its oracle: %s %s %r' % (l['file'], kind, v))
    return errs

def main():
    os.makedirs(OUT, exist_ok=True)
    for b in BUILDERS:
        b()
    LABELS.sort(key=lambda l: (l['file'], l['span'][0] if l['span'] else -1, l.get('row') or 0, l.get('column') or ''))
    with open(os.path.join(OUT, 'labels.jsonl'), 'w', encoding='utf-8') as fh:
        for l in LABELS:
            fh.write(json.dumps(l, ensure_ascii=False) + '\n')
    errs = verify()
    if not ARGS.quiet or errs:
        pf = collections.Counter((l['file'], l['positive']) for l in LABELS)
        print('%-46s %6s %6s %9s' % ('file', 'pos', 'neg', 'bytes'))
        for rel in sorted(FILES):
            print('%-46s %6d %6d %9d' % (rel, pf[(rel, True)], pf[(rel, False)], os.path.getsize(os.path.join(OUT, rel))))
        pc = collections.Counter((l['category'], l['positive']) for l in LABELS)
        print('\n%-12s %6s %6s' % ('category', 'pos', 'neg'))
        for c in CATS:
            print('%-12s %6d %6d' % (c, pc[(c, True)], pc[(c, False)]))
        print('%-12s %6d %6d   (%d files, %d locales, %d forms)' % ('TOTAL', sum(l['positive'] for l in LABELS), sum(not l['positive'] for l in LABELS),
                                                               len(FILES), len({l['locale'] for l in LABELS if l.get('locale')}), len({l['form'] for l in LABELS})))
    if errs:
        for e in errs[:60]:
            print('VERIFY ERROR:', e)
        print('%d verification errors' % len(errs))
        sys.exit(1)
    if not ARGS.quiet:
        print('verification OK')

main()
