#!/usr/bin/env python3
"""blind5: independent blind evaluation set for a PII / secrets scanner, in the
shapes an ML team's training data and data lake hold.

Usage: python blind5_gen.py --seed N --out DIR

Writes ~45 files (well under 4 MB) into DIR plus DIR/labels.jsonl, in the label
schema `blind4_score.py` reads (one JSON object per line: file, value, category,
form, positive, span [start, end) or null, line, and for Parquet row (0-based)
and column (dotted struct path, list levels left out); `validator` names the
python-stdnum module, 'iban' or 'luhn' that decided a checksum label).

Shapes (none of them in blind sets 1-4): ShareGPT / OpenAI-messages / Anthropic
HH / Alpaca / DPO preference data as JSONL, a pretty JSON array and Parquet with
list<struct> columns; ai4privacy-style masking data; a Dolma-like pre-training
shard; The Stack-like code JSONL and Parquet; raw Python, TypeScript, Go, Java,
C#, Rust and shell files with hard-coded credentials; package-lock.json and
go.sum; WET crawl records (.gz); Reddit comment / submission dumps (.bz2 / .xz);
a forum dump as one single-line JSON array; product reviews; classifieds as a
semicolon CSV with decimal commas and multi-line cells; resumes (CSV with
multi-line cells, and a UTF-8-BOM CRLF text CV); medical transcriptions (.xz
CSV); a court opinion; call-centre ASR transcripts (numbers read out digit by
digit or in words); a Common Voice-like TSV; a Windows-1252 CSV; an Excel
"Unicode text" export (UTF-16LE, BOM, tabs, CRLF); Label Studio NER export;
CoNLL NER tokens; a model card, tokenizer config, LFS pointers, a training log,
an eval metrics table, a math word-problem set, a book catalogue, IoT telemetry
and RAG chunks as Parquet, a translation TSV.

Labelling policy (blind4's, applied the same way):
  * Checksum categories (national_id, iban, card): positives validate with
    python-stdnum (Luhn for cards); negatives FAIL their own validator and every
    other id validator used here.  Values that still validate but are known
    test values (4242..., DE89 3704...) are left UNLABELLED (neutral).
  * email: any address on a real-looking domain is positive; RFC 2606 names
    (example.com/.org/.net, *.test, *.invalid, *.example) and look-alikes
    (git@host:, pkg@version, icon@2x.png, Message-IDs) are negatives.
  * phone: real-format numbers that phonenumbers calls valid are positive;
    fictional ranges (US 555-01xx, UK Ofcom drama 07700 900xxx / 020 7946 0xxx,
    AU 0491 570 xxx) and digit strings that are not phones (order numbers,
    docket numbers, token counts, coordinates) are negatives.
  * ip: globally routable IPv4/IPv6 positive; loopback, documentation ranges and
    dotted version strings negative; RFC 1918 neutral.
  * mac: unicast device MACs positive; broadcast / all-zero negative.
  * secret: live-looking credentials positive (test-mode keys such as sk_test_
    and commented-out keys included); placeholders (YOUR_API_KEY, xxxx, <...>,
    ${VAR}, changeme), masked values, AWS documentation keys, public keys,
    hashes, digests, git SHAs, UUIDs, npm/go.sum integrity hashes, LFS oids,
    base64 images are negatives.
  * dob: a date in a birth-date context is positive (also written in words);
    other dates (posted, service, decided, review dates) are dob negatives.
  * name / address: natural persons' names and postal addresses that locate a
    person or a small business are positive.
Where blind5 differs / adds:
  * Spoken forms are labelled with the category of the value they spell out:
    phone numbers read digit by digit or in words ("oh seven seven ...",
    "zéro six, douze, ..."), card numbers read in groups, e-mails spelled
    "j dot smith at gmail dot com", birth dates in words.  These are honest
    positives even though no checksum can be applied (no `validator`).
  * Placeholders that stand for personal data ("[NAME]", "<PHONE_NUMBER>",
    "[FIRSTNAME_1]") are negatives of the category they replace.
  * Names of fictional characters in math word problems, public figures and
    book authors, and GitHub/Reddit user handles are left UNLABELLED (neutral).
  * Parquet: at most ONE label per (row, column path) -- the scorer matches
    Parquet by row and column, so two labels in one cell could not be told apart.
  * Encodings: for the Windows-1252 and UTF-16LE files, spans are byte offsets
    in the UTF-8 encoding of the decoded text with the BOM dropped (the label
    carries "encoding"); for UTF-8 files with a BOM the spans count the BOM's
    three bytes (raw bytes); for .gz/.bz2/.xz they are offsets in the
    decompressed bytes.  The generator asserts, from the files on disk, that
    every text label's span holds exactly its value.
"""
import os, sys
if os.environ.get('PYTHONHASHSEED') != '0':  # Faker iterates over sets: pin hashing for reproducibility
    os.environ['PYTHONHASHSEED'] = '0'
    os.execv(sys.executable, [sys.executable] + sys.argv)
import argparse, base64, bz2, collections, csv, datetime as dt, gzip, hashlib, io, json, lzma, random, re, string, struct, uuid, zlib

AP5 = argparse.ArgumentParser()
AP5.add_argument('--seed', type=int, default=1)
AP5.add_argument('--out', required=True)
OPT = AP5.parse_args()

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
_argv = sys.argv[:]
sys.argv = [_argv[0], '--seed', str(OPT.seed), '--out', OPT.out]  # blind4_gen parses argv on import
import blind4_gen as B4
sys.argv = _argv
B4.SEED = 5000000 + OPT.seed * 7919   # other draws than blind4 with the same seed (Faker seeds use B4.SEED too)
B4.R.seed(B4.SEED)
from blind4_gen import *  # noqa: F401,F403  (L, N, T, json_parts, csv_row, id generators, person, phones, secrets ...)
from blind4_gen import _utr  # noqa
import pyarrow as pa, pyarrow.parquet as pq
import phonenumbers as pn

R = B4.R

# ============================================================================
# documents
# ============================================================================
DOCS5 = []
PQ5 = []


class Doc5:
    """A text file.  Compression from the suffix (.gz/.bz2/.xz); enc is the file's
    encoding; label spans are in UTF-8 bytes of the decoded text (see docstring)."""

    def __init__(self, rel, enc='utf-8', bom=False, check=None):
        self.rel, self.enc, self.bom, self.check = rel, enc, bom, check
        self.parts = []
        DOCS5.append(self)

    def add(self, *parts):
        for p in flat(parts):
            self.parts.append(p if isinstance(p, L) else str(p))
        return self

    def line(self, *parts):
        return self.add(*parts, '\n')

    def text(self):
        return ''.join(p.value if isinstance(p, L) else p for p in self.parts)


def comp_of(rel):
    for s in ('gz', 'bz2', 'xz'):
        if rel.endswith('.' + s):
            return s
    return None


def compress(rel, b):
    c = comp_of(rel)
    if c == 'gz':
        return gzip.compress(b, mtime=0)
    if c == 'bz2':
        return bz2.compress(b, 9)
    if c == 'xz':
        return lzma.compress(b, format=lzma.FORMAT_XZ)
    return b


def decompress(rel, b):
    c = comp_of(rel)
    if c == 'gz':
        return gzip.decompress(b)
    if c == 'bz2':
        return bz2.decompress(b)
    if c == 'xz':
        return lzma.decompress(b)
    return b


def label_space(raw, enc):
    """Bytes the label spans index: raw for UTF-8, else UTF-8 of the decoded text without BOM."""
    if enc == 'utf-8':
        return raw
    t = raw.decode(enc)
    if t.startswith('\ufeff'):
        t = t[1:]
    return t.encode('utf-8')


def pq5(rel, rows, schema):
    """Parquet with labelled leaves; at most one label per (row, column path)."""
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
    plain_rows = [walk(r, [], i) for i, r in enumerate(rows)]
    cnt = collections.Counter((c, r) for _, c, r in labs)
    dup = [k for k, n in cnt.items() if n > 1]
    assert not dup, (rel, dup[:5])
    tbl = pa.Table.from_pylist(plain_rows, schema=schema)
    PQ5.append((rel, tbl, labs))


def jl(obj, ascii_=False):
    """One JSON Lines record (json.dumps default separators)."""
    return json_parts(obj, seps=(', ', ': '), ascii_=ascii_) + ['\n']


def jc(obj, ascii_=False):
    """Compact JSON (separators ',' ':') as written by most dump tools."""
    return json_parts(obj, seps=(',', ':'), ascii_=ascii_)


def render(tpl, S=None, **kw):
    """'text {kind:variant} text' -> parts.  {x} looks in kw first, then asks S(kind, variant)."""
    out = []
    for i, tok in enumerate(re.split(r'\{([a-z_0-9]+(?::[a-z_0-9]+)?)\}', tpl)):
        if i % 2 == 0:
            if tok:
                out.append(tok)
            continue
        if tok in kw:
            v = kw[tok]
            out.extend(v if isinstance(v, list) else [v])
            continue
        kind, _, var = tok.partition(':')
        if kind in kw:
            v = kw[kind]
            out.extend(v if isinstance(v, list) else [v])
            continue
        out.append(S(kind, var or None))
    return out


def slots_of(tpl):
    return {t.partition(':')[0] for t in re.findall(r'\{([a-z_0-9]+(?::[a-z_0-9]+)?)\}', tpl)}


# ============================================================================
# language resources
# ============================================================================
MONTHS = {
    'en': 'January February March April May June July August September October November December',
    'de': 'Januar Februar März April Mai Juni Juli August September Oktober November Dezember',
    'fr': 'janvier février mars avril mai juin juillet août septembre octobre novembre décembre',
    'es': 'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre',
    'it': 'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre',
    'pt': 'janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro',
    'nl': 'januari februari maart april mei juni juli augustus september oktober november december',
    'pl': 'stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia',
    'sv': 'januari februari mars april maj juni juli augusti september oktober november december',
    'da': 'januar februar marts april maj juni juli august september oktober november december',
    'nb': 'januar februar mars april mai juni juli august september oktober november desember',
    'fi': 'tammikuuta helmikuuta maaliskuuta huhtikuuta toukokuuta kesäkuuta heinäkuuta elokuuta syyskuuta lokakuuta marraskuuta joulukuuta',
    'tr': 'Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık',
    'cs': 'ledna února března dubna května června července srpna září října listopadu prosince',
    'ro': 'ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie noiembrie decembrie',
}
MONTHS = {k: v.split() for k, v in MONTHS.items()}
EN_DIG = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']
DE_DIG = ['null', 'eins', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun']
ES_DIG = ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve']
EN_TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen']
EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']
EN_ORD = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth',
          'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth']


def en_num(n):
    if n < 10:
        return EN_DIG[n]
    if n < 20:
        return EN_TEENS[n - 10]
    t, u = divmod(n, 10)
    return EN_TENS[t] + ('' if u == 0 else '-' + EN_DIG[u])


def en_ord(n):
    if n <= 20:
        return EN_ORD[n]
    if n == 30:
        return 'thirtieth'
    t, u = divmod(n, 10)
    return EN_TENS[t] + '-' + EN_ORD[u]


def en_year(y):
    if 2000 <= y < 2010:
        return 'two thousand and ' + EN_DIG[y - 2000] if y > 2000 else 'two thousand'
    hi, lo = divmod(y, 100)
    return en_num(hi) + ' ' + ('hundred' if lo == 0 else ('oh ' + EN_DIG[lo] if lo < 10 else en_num(lo)))


FR_U = ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix', 'onze', 'douze', 'treize', 'quatorze', 'quinze', 'seize',
        'dix-sept', 'dix-huit', 'dix-neuf']


def fr_num(n):
    if n < 20:
        return FR_U[n]
    if n < 70:
        t, u = divmod(n, 10)
        w = {2: 'vingt', 3: 'trente', 4: 'quarante', 5: 'cinquante', 6: 'soixante'}[t]
        return w if u == 0 else w + (' et un' if u == 1 else '-' + FR_U[u])
    if n < 80:
        return 'soixante et onze' if n == 71 else 'soixante-' + FR_U[n - 60]
    r = n - 80
    return 'quatre-vingts' if r == 0 else 'quatre-vingt-' + FR_U[r]


def ordsuf(n):
    return '%d%s' % (n, 'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th'))


def dob_words(b, lang):
    """A birth date written as people write it in free text."""
    if lang == 'en':
        M = MONTHS['en'][b.month - 1]
        return pick(['%d %s %d' % (b.day, M, b.year), '%s %d, %d' % (M, b.day, b.year), '%s of %s %d' % (ordsuf(b.day), M, b.year),
                     '%s %s, %d' % (M, ordsuf(b.day), b.year)])
    if lang in ('de', 'cs', 'nb', 'da', 'fi'):
        return '%d. %s %d' % (b.day, MONTHS[lang][b.month - 1], b.year)
    if lang == 'fr':
        return '%s %s %d' % ('1er' if b.day == 1 else str(b.day), MONTHS['fr'][b.month - 1], b.year)
    if lang in ('es', 'pt'):
        return '%d de %s de %d' % (b.day, MONTHS[lang][b.month - 1], b.year)
    if lang in MONTHS:
        return '%d %s %d' % (b.day, MONTHS[lang][b.month - 1], b.year)
    if lang in ('ja', 'zh'):
        return '%d年%d月%d日' % (b.year, b.month, b.day)
    if lang == 'ko':
        return '%d년 %d월 %d일' % (b.year, b.month, b.day)
    return b.isoformat()


def dob_num(b, loc):
    if loc in ('en_US', 'fil_PH'):
        return b.strftime('%m/%d/%Y')
    if loc.split('_')[0] in ('de', 'cs', 'pl', 'ru', 'tr', 'fi', 'nb', 'da', 'ro', 'sk', 'uk', 'bg'):
        return b.strftime('%d.%m.%Y')
    if loc.split('_')[0] in ('ja', 'zh', 'ko', 'sv', 'hu', 'lt'):
        return b.strftime('%Y-%m-%d')
    if loc == 'nl_NL':
        return b.strftime('%d-%m-%Y')
    return b.strftime('%d/%m/%Y')


def spoken_digits(s, lang='en', oh=False, doubles=False):
    words = {'en': EN_DIG, 'de': DE_DIG, 'es': ES_DIG}[lang]
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if doubles and lang == 'en' and i + 1 < len(s) and s[i + 1] == c and (i + 2 >= len(s) or s[i + 2] != c):
            out.append('double ' + ('oh' if (oh and c == '0') else EN_DIG[int(c)]))
            i += 2
            continue
        out.append('oh' if (lang == 'en' and oh and c == '0') else words[int(c)])
        i += 1
    return ' '.join(out)


def spoken_phone(nat, lang='en', oh=True, doubles=False):
    """National format '07911 123456' -> 'oh seven nine one one, one two three four five six'."""
    groups = [g for g in re.split(r'[^\d]+', nat) if g]
    return ', '.join(spoken_digits(g, lang, oh, doubles) for g in groups)


def fr_spoken_phone(nat):
    ds = re.sub(r'\D', '', nat)
    pairs = [ds[i:i + 2] for i in range(0, len(ds), 2)]
    return ', '.join(('zéro ' + FR_U[int(p[1])]) if p[0] == '0' else fr_num(int(p)) for p in pairs)


def spoken_email(e):
    local, dom = e.split('@')
    sp = lambda s: s.replace('.', ' dot ').replace('_', ' underscore ').replace('-', ' dash ')
    return sp(local) + ' at ' + sp(dom)


# ============================================================================
# people as "subjects": one person, every slot a labelled value
# ============================================================================
ID_SPEC = {
    'de_DE': ('de.idnr', lambda p: g_de_idnr(), 'Steuer-ID'),
    'fr_FR': ('fr.nir', lambda p: fmt_fr_nir(g_fr_nir(p.dob, '1' if p.sex == 'M' else '2')), 'numéro de sécu'),
    'es_ES': ('es.dni', lambda p: g_es_dni(), 'DNI'),
    'it_IT': ('it.codicefiscale', lambda p: g_it_cf(p.first, p.last, p.dob, p.sex), 'codice fiscale'),
    'nl_NL': ('nl.bsn', lambda p: g_nl_bsn(), 'BSN'),
    'pl_PL': ('pl.pesel', lambda p: g_pl_pesel(p.dob, p.sex), 'PESEL'),
    'pt_BR': ('br.cpf', lambda p: fmt_cpf(g_br_cpf()), 'CPF'),
    'pt_PT': ('pt.nif', lambda p: g_pt_nif(), 'NIF'),
    'sv_SE': ('se.personnummer', lambda p: g_se_pnr(p.dob), 'personnummer'),
    'da_DK': ('dk.cpr', lambda p: (lambda v: v[:6] + '-' + v[6:])(g_dk_cpr(p.dob if p.dob.year < 2000 else None)), 'CPR-nummer'),
    'fi_FI': ('fi.hetu', lambda p: g_fi_hetu(p.dob), 'henkilötunnus'),
    'nb_NO': ('no.fodselsnummer', lambda p: g_no_fnr(p.dob if 1954 <= p.dob.year <= 1999 else None), 'fødselsnummer'),
    'cs_CZ': ('cz.rc', lambda p: fmt_rc(g_cz_rc(p.dob if 1954 <= p.dob.year <= 2003 else None, p.sex)), 'rodné číslo'),
    'ro_RO': ('ro.cnp', lambda p: g_ro_cnp(p.dob, p.sex), 'CNP'),
    'tr_TR': ('tr.tckimlik', lambda p: g_tr_tck(), 'TC kimlik no'),
    'ko_KR': ('kr.rrn', lambda p: fmt_rrn(g_kr_rrn(p.dob if 1955 <= p.dob.year <= 2004 else None, p.sex)), '주민등록번호'),
    'zh_CN': ('cn.ric', lambda p: g_cn_ric(p.dob), '身份证号'),
    'en_IN': ('in_.aadhaar', lambda p: fmt_aadhaar(g_in_aadhaar()), 'Aadhaar'),
    'en_GB': ('gb.nhs', lambda p: fmt_nhs(g_gb_nhs()), 'NHS number'),
    'en_US': ('us.ssn', lambda p: g_us_ssn(), 'SSN'),
    'en_AU': ('au.tfn', lambda p: fmt3(g_au_tfn()), 'TFN'),
    'en_CA': ('ca.sin', lambda p: fmt3(g_ca_sin()), 'SIN'),
    'he_IL': ('il.idnr', lambda p: g_il_idnr(), 'ID number'),
    'th_TH': ('th.pin', lambda p: fmt_th_pin(g_th_pin()), 'ID card number'),
    'id_ID': ('id.nik', lambda p: g_id_nik(p.dob, p.sex), 'NIK'),
    'es_MX': ('mx.curp', lambda p: g_mx_curp(p.first, p.last.split()[0], (p.last.split() + ['Lopez'])[1], p.dob, 'H' if p.sex == 'M' else 'M'), 'CURP'),
    'es_AR': ('ar.cuit', lambda p: fmt_cuit(g_ar_cuit()), 'CUIT'),
    'es_CL': ('cl.rut', lambda p: fmt_rut(g_cl_rut()), 'RUT'),
    'en_ZA': ('za.idnr', lambda p: g_za_id(p.dob, p.sex), 'ID number'),
    'nl_BE': ('be.nn', lambda p: fmt_be_nn(g_be_nn(p.dob if p.dob.year < 2000 else None)), 'rijksregisternummer'),
    'fr_BE': ('be.nn', lambda p: fmt_be_nn(g_be_nn(p.dob if p.dob.year < 2000 else None)), 'numéro de registre national'),
    'de_CH': ('ch.ssn', lambda p: fmt_ahv(g_ch_ahv()), 'AHV-Nummer'),
    'de_AT': ('at.vnr', lambda p: g_at_vnr(p.dob), 'SV-Nummer'),
    'bg_BG': ('bg.egn', lambda p: g_bg_egn(p.dob if p.dob.year < 2000 else None), 'ЕГН'),
    'en_IE': ('ie.pps', lambda p: g_ie_pps(), 'PPS number'),
    'ja_JP': ('jp.in_', lambda p: g_jp_mynumber(), 'マイナンバー'),
    'el_GR': ('gr.amka', lambda p: g_gr_amka(p.dob), 'ΑΜΚΑ'),
}
IBAN_CC = {'DE', 'FR', 'ES', 'IT', 'NL', 'PL', 'PT', 'SE', 'DK', 'FI', 'NO', 'CZ', 'RO', 'TR', 'GR', 'BE', 'CH', 'AT', 'BG', 'IE', 'GB', 'BR', 'IL', 'SA', 'AE', 'HU', 'SK'}


class Subject:
    """A person and a lazily drawn, cached value for every slot; S(kind, variant) -> labelled L."""
    CAT = {'name': 'name', 'first': 'name', 'last': 'name', 'addr': 'address', 'addr_ml': 'address', 'phone': 'phone', 'phone_intl': 'phone',
           'phone_e164': 'phone', 'phone_digits': 'phone', 'phone_spoken': 'phone', 'email': 'email', 'email_spoken': 'email', 'dob': 'dob', 'dob_num': 'dob',
           'nid': 'national_id', 'iban': 'iban', 'iban_c': 'iban', 'card': 'card', 'card_c': 'card', 'ip': 'ip', 'mac': 'mac'}

    def __init__(self, loc, shape, company_domain=None, p=None):
        self.p = p or person(loc, company_domain=company_domain)
        self.loc, self.shape = loc, shape
        self.lang = loc.split('_')[0]
        self.c = {}

    def has(self, kind):
        if kind == 'nid':
            return self.loc in ID_SPEC
        if kind in ('iban', 'iban_c'):
            return self.p.region in IBAN_CC
        return kind in self.CAT

    def raw(self, kind):
        p = self.p
        if kind in self.c:
            return self.c[kind]
        if kind == 'name':
            v = p.full
        elif kind == 'first':
            v = p.first
        elif kind == 'last':
            v = p.last
        elif kind == 'addr':
            v = address(self.loc)
        elif kind == 'addr_ml':
            a = fk(self.loc).address() if self.loc not in ('en_IN', 'tr_TR', 'ar_SA', 'en_NG', 'en_ZA', 'fil_PH', 'vi_VN', 'ja_JP', 'bg_BG') else address(self.loc).replace(', ', '\n', 1)
            v = a.strip()
        elif kind == 'phone_obj':
            v = phone_num(p.region)
        elif kind == 'phone':
            v = pfmt(self.raw('phone_obj'), 'nat')
        elif kind == 'phone_intl':
            v = pfmt(self.raw('phone_obj'), 'intl')
        elif kind == 'phone_e164':
            v = pfmt(self.raw('phone_obj'), 'e164')
        elif kind == 'phone_digits':
            v = pfmt(self.raw('phone_obj'), 'nat_digits')
        elif kind == 'phone_spoken':
            nat = self.raw('phone')
            v = fr_spoken_phone(nat) if self.lang == 'fr' else spoken_phone(nat, self.lang if self.lang in ('de', 'es') else 'en', oh=self.p.region in ('GB', 'IE', 'AU', 'NZ'), doubles=self.p.region in ('GB', 'IE', 'AU') and chance(0.5))
        elif kind == 'email':
            v = p.email
        elif kind == 'email_spoken':
            v = spoken_email(p.email)
        elif kind == 'dob':
            v = dob_words(p.dob, self.lang)
        elif kind == 'dob_num':
            v = dob_num(p.dob, self.loc)
        elif kind == 'nid':
            v = ID_SPEC[self.loc][1](p)
        elif kind == 'iban_c':
            v = gen_iban(p.region)
        elif kind == 'iban':
            v = iban_grp(self.raw('iban_c'))
        elif kind == 'card_c':
            v = gen_card(pick(['visa', 'visa', 'mc', 'mc', 'amex', 'maestro', 'discover', 'jcb']))
        elif kind == 'card':
            v = card_grp(self.raw('card_c'))
        elif kind == 'ip':
            v = pub_ipv4() if chance(0.8) else pub_ipv6()
        elif kind == 'mac':
            v = mac(pick([':', '-']), chance(0.5))
        else:
            raise KeyError(kind)
        self.c[kind] = v
        return v

    def __call__(self, kind, variant=None, fmt=None):
        v = self.raw(kind)
        if fmt:
            v = fmt(v)
        cat = self.CAT[kind]
        form = '%s_%s%s' % (cat, self.shape, '_' + variant if variant else '')
        if kind == 'nid':
            mod = ID_SPEC[self.loc][0]
            return ID(mod, v, form.replace('national_id_', mod.replace('.', '_').replace('in__', 'in_') + '_', 1))
        if kind in ('iban', 'iban_c'):
            return IB(v, form)
        if kind in ('card', 'card_c'):
            return CARD(v, form)
        return L(v, cat, form)

    def idname(self):
        return ID_SPEC[self.loc][2] if self.loc in ID_SPEC else 'ID'


def neg_phone_fictional(region='US'):
    if region == 'US':
        return pick(['(%s) 555-01%02d', '%s-555-01%02d', '+1 %s 555 01%02d']) % (pick(NANP['US']), R.randint(0, 99))
    if region == 'GB':
        return pick(['07700 900%03d', '+44 7700 900%03d', '020 7946 0%03d']) % R.randint(0, 999)
    if region == 'AU':
        return '0491 570 %03d' % R.randint(6, 159)
    raise ValueError(region)


def neg_email():
    first = pick(['jane.doe', 'john.smith', 'max.mustermann', 'user', 'test.user', 'alice', 'bob', 'erika.musterfrau', 'foo'])
    return first + '@' + pick(['example.com', 'example.org', 'example.net', 'shop.test', 'mail.example', 'corp.invalid'])


def neg_id(loc):
    """A national id of loc's kind with a broken checksum (fails every validator)."""
    mod, g, _ = ID_SPEC[loc]
    p = person(loc)
    v = g(p)
    return ID(mod, corrupt(v, mod), 'neg_%s_bad_check' % mod.replace('.', '_'), False)


def other_date(lo=dt.date(2019, 1, 1), hi=dt.date(2024, 3, 1)):
    return rdate(lo, hi)


LANG_LOCS = {
    'en': ['en_US', 'en_GB', 'en_AU', 'en_CA', 'en_IE', 'en_IN', 'en_ZA', 'en_NG', 'fil_PH'],
    'de': ['de_DE', 'de_AT', 'de_CH'], 'fr': ['fr_FR', 'fr_BE'], 'es': ['es_ES', 'es_MX', 'es_AR', 'es_CL', 'es_CO'], 'it': ['it_IT'],
    'pt': ['pt_BR', 'pt_PT'], 'nl': ['nl_NL', 'nl_BE'], 'pl': ['pl_PL'], 'sv': ['sv_SE'], 'tr': ['tr_TR'], 'ja': ['ja_JP'], 'ko': ['ko_KR'],
    'zh': ['zh_CN'], 'cs': ['cs_CZ'], 'da': ['da_DK'], 'ro': ['ro_RO'], 'fi': ['fi_FI'], 'nb': ['nb_NO'],
}


# ============================================================================
# self-disclosure templates (what users type into a chat box)
#   {kind:variant}: kind = Subject slot; variant ends up in the form name
# ============================================================================
USER_TPL = {
    'en': [
        "Can you help me write a complaint to my landlord? I live at {addr:in_sentence} and the heating has been broken for three weeks. They can reach me on {phone:national_fmt}.",
        "{name:nocue_leading}, {addr:in_sentence}, {email:plain} - please turn this into a proper letterhead for my freelance invoices.",
        "I was born on {dob:words} and my passport expires next year. How early can I renew it? My {idname} is {nid:chat} if that matters.",
        "Rewrite this more politely: 'Hey, it's {first:nocue}. I paid the deposit from {iban:grp} last week and still haven't heard back. Call me on {phone:national_fmt}.'",
        "hey so my card {card:grp} got declined at the pharmacy even though there's money on it?? what do i do",
        "Draft an email to HR: from 1 April my new address is {addr:in_sentence} and my new mobile is {phone:national_fmt}. Thanks, {name:signoff}",
        "my bday is {dob:words}, what's my star sign and how many days until I turn 40? lol",
    ],
    'de': [
        "Kannst du mir helfen, eine Kündigung für mein Fitnessstudio zu schreiben? {name:nocue_leading}, {addr:in_sentence}, Mitgliedsnummer {memberno}. Zum nächstmöglichen Termin bitte.",
        "Hallo! Ich bin {first:intro} und wohne seit Januar in der {addr:in_sentence}. Mein Vermieter meldet sich nicht, was kann ich tun? Erreichbar bin ich unter {phone:national_fmt}.",
        "Bitte formuliere eine E-Mail an meine Krankenkasse. Versicherter: {name:field_cue}, geboren am {dob:words}, {idname} {nid:chat}. Die Erstattung bitte auf {iban:grp}.",
        "Übersetze ins Englische: „Sehr geehrte Damen und Herren, ab dem 1. Mai lautet meine neue Anschrift {addr:in_sentence}. Mit freundlichen Grüßen {name:signoff}“",
        "ich hab am {dob:words} geburtstag und werd 40, was kann man da so machen? ruf mich an {phone:national_fmt} lg {first:signoff}",
    ],
    'fr': [
        "Peux-tu m'aider à rédiger une lettre de résiliation ? {name:nocue_leading}, {addr:in_sentence}. Mon numéro : {phone:national_fmt}.",
        "Je suis née le {dob:words} et je voudrais savoir à quel âge je peux partir à la retraite. Mon numéro de sécu c'est {nid:chat}.",
        "Corrige ce mail stp : « Bonjour, c'est {first:nocue}, j'ai bien reçu la facture, le virement part de {iban:grp} demain. Vous pouvez me joindre au {phone:national_fmt}. »",
        "Écris un message pour mon propriétaire : j'habite au {addr:in_sentence} et la chaudière est en panne depuis lundi. Signé {name:signoff}.",
    ],
    'es': [
        "¿Me ayudas a escribir una reclamación? Me llamo {name:cue}, vivo en {addr:in_sentence} y mi {idname} es {nid:chat}.",
        "Nací el {dob:words}. ¿Qué documentos necesito para renovar el pasaporte? Mi móvil es {phone:national_fmt}.",
        "Redacta un correo para el banco: quiero cancelar la domiciliación de la cuenta {iban:grp}. Firma: {name:signoff}",
        "hola!! soy {first:intro}, te paso mi correo {email:plain} para que me mandes el resumen",
    ],
    'it': [
        "Mi aiuti a scrivere una disdetta? {name:nocue_leading}, residente in {addr:in_sentence}, codice fiscale {nid:chat}.",
        "Sono nata il {dob:words} e vorrei sapere quando posso andare in pensione. Il mio cellulare è {phone:national_fmt}.",
        "Scrivi una mail al condominio: abito in {addr:in_sentence}, l'ascensore è rotto. Grazie, {name:signoff}",
    ],
    'pt': [
        "Oi! Sou {first:intro}, moro na {addr:in_sentence}. Pode me ajudar a escrever uma reclamação para a operadora? Meu {idname} é {nid:chat} e meu celular {phone:national_fmt}.",
        "Nasci em {dob:words}. Quantos anos eu tenho? rs",
        "Faz um texto curto pro meu currículo: {name:nocue_leading}, {email:plain}, {phone:national_fmt}.",
    ],
    'nl': [
        "Kun je een opzegbrief schrijven? {name:nocue_leading}, {addr:in_sentence}, {idname} {nid:chat}. Bereikbaar op {phone:national_fmt}.",
        "Ik ben geboren op {dob:words} en wil weten wanneer ik AOW krijg.",
    ],
    'pl': [
        "Pomóż mi napisać reklamację. {name:nocue_leading}, zamieszkała {addr:in_sentence}, PESEL {nid:chat}, tel. {phone:national_fmt}.",
        "Urodziłem się {dob:words}. Ile mam lat i kiedy mogę przejść na emeryturę?",
    ],
    'sv': ["Kan du hjälpa mig skriva ett klagomål till hyresvärden? Jag bor på {addr:in_sentence}, mitt personnummer är {nid:chat} och man når mig på {phone:national_fmt}. Hälsningar {name:signoff}"],
    'tr': ["Merhaba, ben {name:intro}. {addr:in_sentence} adresinde oturuyorum. TC kimlik numaram {nid:chat}, telefonum {phone:national_fmt}. Kargom gelmedi, ne yapmalıyım?"],
    'ja': ["{name:nocue_leading}です。{addr:in_sentence}に住んでいます。電話番号は{phone:national_fmt}です。{dob:words}生まれです。引っ越しの手続きを教えてください。"],
    'ko': ["안녕하세요, {name:intro}입니다. 주소는 {addr:in_sentence}이고 연락처는 {phone:national_fmt}입니다. 생년월일은 {dob:words}입니다. 전입신고 방법 알려주세요."],
    'zh': ["你好，我叫{name:cue}，住在{addr:in_sentence}，手机{phone:national_fmt}，身份证号{nid:chat}。请帮我写一封投诉信。"],
    'cs': ["Dobrý den, potřebuji pomoct s dopisem. {name:nocue_leading}, bytem {addr:in_sentence}, rodné číslo {nid:chat}, tel. {phone:national_fmt}."],
    'da': ["Kan du skrive en opsigelse for mig? {name:nocue_leading}, {addr:in_sentence}, CPR {nid:chat}."],
    'ro': ["Bună, sunt {name:intro}, locuiesc pe {addr:in_sentence}. CNP-ul meu este {nid:chat}. Mă puteți suna la {phone:national_fmt}."],
    'fi': ["Voitko auttaa kirjoittamaan valituksen? Olen {name:intro}, asun osoitteessa {addr:in_sentence}, puhelin {phone:national_fmt}."],
    'nb': ["Kan du skrive en klage for meg? Jeg heter {name:cue} og bor i {addr:in_sentence}. Fødselsnummer {nid:chat}."],
}
INTRO = {'en': "Sure - here's a draft you can use:", 'de': 'Gern, hier ein Entwurf:', 'fr': 'Bien sûr, voici une proposition :', 'es': 'Claro, aquí tienes un borrador:',
         'it': 'Certo, ecco una bozza:', 'pt': 'Claro! Segue um rascunho:', 'nl': 'Natuurlijk, hier is een concept:', 'pl': 'Oczywiście, oto propozycja:',
         'sv': 'Absolut, här är ett utkast:', 'tr': 'Tabii, işte bir taslak:', 'ja': 'はい、下書きです：', 'ko': '네, 초안입니다:', 'zh': '好的，这是草稿：',
         'cs': 'Jistě, tady je návrh:', 'da': 'Selvfølgelig, her er et udkast:', 'ro': 'Sigur, iată o ciornă:', 'fi': 'Toki, tässä luonnos:', 'nb': 'Selvsagt, her er et utkast:'}
BODY = {'en': 'Dear Sir or Madam,\n\nI am writing regarding the matter above and would appreciate a reply within 14 days.\n\nKind regards',
        'de': 'Sehr geehrte Damen und Herren,\n\nhiermit wende ich mich an Sie und bitte um Antwort innerhalb von 14 Tagen.\n\nMit freundlichen Grüßen',
        'fr': 'Madame, Monsieur,\n\nJe vous prie de bien vouloir traiter ma demande dans les meilleurs délais.\n\nCordialement',
        'es': 'Estimados señores:\n\nLes escribo para solicitar que atiendan mi petición lo antes posible.\n\nAtentamente',
        'it': 'Gentili Signori,\n\nvi scrivo per chiedere un riscontro entro 14 giorni.\n\nCordiali saluti', 'pt': 'Prezados,\n\nvenho por meio desta solicitar uma solução.\n\nAtenciosamente',
        'nl': 'Geachte heer/mevrouw,\n\nHierbij verzoek ik u mijn verzoek binnen 14 dagen te behandelen.\n\nMet vriendelijke groet', 'pl': 'Szanowni Państwo,\n\nuprzejmie proszę o rozpatrzenie reklamacji.\n\nZ poważaniem'}


def assistant_echo(S, used, lang):
    """Assistant drafts the letter and repeats what the user gave (labelled again)."""
    parts = [INTRO.get(lang, INTRO['en']), '\n\n']
    for k in ('name', 'addr', 'phone', 'email', 'iban'):
        if k in used or (k == 'name' and 'first' in used and chance(0.3)):
            if k == 'name' and 'name' not in used:
                continue
            parts += [S(k, 'assistant_echo'), '\n']
    parts += ['\n', BODY.get(lang, BODY['en'])]
    if 'name' in used:
        parts += [',\n', S('name', 'assistant_echo_signature')]
    elif 'first' in used:
        parts += [',\n', S('first', 'assistant_echo_signature')]
    return parts


def user_turn(S, tpl_pool=None):
    """Pick a template the subject can fill; returns (parts, used_slots)."""
    lang = S.lang if S.lang in USER_TPL else 'en'
    pool = [t for t in (tpl_pool or USER_TPL[lang]) if all(S.has(k) or k in ('idname', 'memberno') for k in slots_of(t))]
    tpl = pick(pool)
    kw = {'idname': S.idname(), 'memberno': 'M-%06d' % R.randint(1, 999999)}
    parts = render(tpl, S, **kw)
    return parts, slots_of(tpl) - {'idname', 'memberno'}


CHAT_LOCS = ['en_US', 'en_GB', 'en_IN', 'en_AU', 'en_NG', 'de_DE', 'de_AT', 'de_CH', 'fr_FR', 'fr_BE', 'es_ES', 'es_MX', 'es_AR', 'it_IT', 'pt_BR', 'pt_PT',
             'nl_NL', 'nl_BE', 'pl_PL', 'sv_SE', 'tr_TR', 'ja_JP', 'ko_KR', 'zh_CN', 'cs_CZ', 'da_DK', 'ro_RO', 'fi_FI', 'nb_NO', 'en_ZA', 'en_CA', 'en_IE']

GENERIC_Q = [
    ('Explain the difference between a Roth IRA and a traditional IRA.', 'A Roth IRA is funded with after-tax money, so qualified withdrawals are tax-free; a traditional IRA is funded pre-tax and withdrawals are taxed as income.'),
    ('Write a haiku about autumn rain.', 'Grey lanes soak and shine\nmaple leaves drift down like notes\nthe gutter hums low'),
    ('What is the capital of Australia?', 'Canberra.'),
    ('How do I reverse a list in Python?', 'Use `my_list.reverse()` to reverse in place, or `my_list[::-1]` to get a reversed copy.'),
    ('Wie lange muss ein Ei kochen, damit es wachsweich ist?', 'Etwa 6 bis 7 Minuten in sprudelnd kochendem Wasser, danach kurz abschrecken.'),
    ('¿Cuál es la diferencia entre "por" y "para"?', '"Por" expresa causa, medio o duración; "para" expresa finalidad, destino o plazo.'),
    ('Quelle est la hauteur de la tour Eiffel ?', 'Environ 330 mètres avec ses antennes.'),
    ('Summarise the plot of Hamlet in two sentences.', 'Prince Hamlet seeks revenge on his uncle Claudius, who murdered his father and married his mother. His hesitation and feigned madness lead to a tragic chain of deaths, including his own.'),
]


# ============================================================================
# LLM training data
# ============================================================================

def f_sharegpt_jsonl():
    """ShareGPT dump: {"id", "conversations": [{"from": "human"|"gpt", "value"}]}, ensure_ascii=False."""
    D = Doc5('llm/sharegpt/sharegpt_multilingual_clean_v2.jsonl')
    for i in range(70):
        cid = rs(ALNUM, 7)
        if i % 5 == 4:
            q, a = pick(GENERIC_Q)
            conv = [{'from': 'human', 'value': q}, {'from': 'gpt', 'value': a}]
            if i % 10 == 9:
                conv[0]['value'] = T(q, ' Please reply to ', N(neg_email(), 'email', 'neg_email_reserved_domain_chat'), ' if unclear, or call ', N(neg_phone_fictional('US'), 'phone', 'neg_phone_us_555_01xx_chat'), '.')
            D.add(jl({'id': cid, 'conversations': conv}))
            continue
        loc = CHAT_LOCS[i % len(CHAT_LOCS)]
        S = Subject(loc, 'sharegpt')
        u, used = user_turn(S)
        lang = S.lang if S.lang in USER_TPL else 'en'
        conv = [{'from': 'human', 'value': T(*u)}, {'from': 'gpt', 'value': T(*assistant_echo(S, used, lang))}]
        if i % 3 == 0:
            d0 = other_date()
            conv.append({'from': 'human', 'value': T(pick(['Add that the contract started on ', 'Mention the contract start date ', 'Der Vertrag begann am ']),
                                                     N(d0.strftime(pick(['%d.%m.%Y', '%Y-%m-%d', '%B %d, %Y'])), 'dob', 'neg_dob_chat_contract_start'), '.')})
            conv.append({'from': 'gpt', 'value': 'Done - I added the start date to the second paragraph.'})
        elif i % 3 == 1 and S.has('email'):
            conv.append({'from': 'human', 'value': T(pick(['also cc my work address ', 'bitte noch an ', 'mets aussi en copie ']), S('email', 'followup_turn'))})
            conv.append({'from': 'gpt', 'value': 'Sure, I added it to the CC line.'})
        D.add(jl({'id': cid, 'conversations': conv}))


def f_openai_messages_ascii():
    """OpenAI fine-tuning JSONL written with json.dumps defaults (ensure_ascii=True: \\u00fc escapes)."""
    D = Doc5('llm/openai/ft_support_agent_train_2024-02.jsonl')
    sysmsg = 'You are Mila, the customer-care assistant of a European telecom. Be concise.'
    locs = ['de_DE', 'fr_FR', 'pl_PL', 'cs_CZ', 'tr_TR', 'es_ES', 'it_IT', 'sv_SE', 'ro_RO', 'el_GR', 'hu_HU', 'pt_PT', 'da_DK', 'fi_FI']
    for i in range(42):
        loc = locs[i % len(locs)]
        S = Subject(loc, 'openai_ft_ascii')
        p = S.p
        k = i % 6
        if k == 0:
            u = ['Hi, my contract number is K-', d(8), ', the account holder is ', S('name', 'holder_cue'), '. I moved to ', S('addr', 'in_sentence'), ' - please update it.']
            a = ['Thanks, ', S('first', 'assistant_greeting'), '! I have updated your address. You will get a confirmation by e-mail.']
        elif k == 1:
            u = ['Bitte Rückruf unter ', S('phone_intl', 'callback'), ', Kundennummer ', N('4' + d(9), 'phone', 'neg_phone_customer_number_10digit'), '.']
            a = ['We will call you back within 24 hours.']
        elif k == 2 and S.has('iban'):
            u = ['Change my direct debit to ', S('iban_c', 'compact'), ' please. ', S('name', 'signoff')]
            a = ['Done. The next invoice will be debited from the account ending in ', N(S.raw('iban_c')[-4:], 'iban', 'neg_iban_last4_only', validator='iban'), '.']
        elif k == 3 and S.has('nid'):
            u = ['For the SIM registration: ', S('name', 'nocue_leading'), ', born ', S('dob_num', 'numeric_after_born'), ', ', S.idname(), ' ', S('nid', 'sim_registration'), '.']
            a = ['Thank you, the registration is complete.']
        elif k == 4:
            u = ['why does my bill show a call to ', N(neg_phone_fictional('GB'), 'phone', 'neg_phone_uk_ofcom_drama_range'), '? never called that. my email is ', S('email', 'plain'), ' pls reply there']
            a = ['That number is a premium service. I have opened a dispute; you will hear from us at the address on file.']
        else:
            u = ['Password reset does not work. I tried ', N('[EMAIL]', 'email', 'neg_email_placeholder_brackets'), ' as the template says, and also my real one ', S('email', 'after_placeholder'), '.']
            a = ['Please use the link in the e-mail we just sent; it is valid for 30 minutes.']
        D.add(jl({'messages': [{'role': 'system', 'content': sysmsg}, {'role': 'user', 'content': T(*u)}, {'role': 'assistant', 'content': T(*a)}]}, ascii_=True))


def hh_turns(turns):
    out = []
    for who, parts in turns:
        out += ['\n\n', 'Human: ' if who == 'h' else 'Assistant: '] + list(parts)
    return T(*out)


def f_hh_rlhf():
    """Anthropic HH-RLHF: {"chosen": "\\n\\nHuman: ...\\n\\nAssistant: ...", "rejected": ...}."""
    D = Doc5('llm/hh-rlhf/harmless-base/train.jsonl')
    for i in range(40):
        loc = pick(['en_US', 'en_US', 'en_GB', 'en_CA', 'en_AU', 'en_IE'])
        S = Subject(loc, 'hh')
        k = i % 5
        if k == 0:   # user asks for a third party's address; rejected answer leaks one
            tgt = Subject(loc, 'hh_rejected')
            h = ['Can you find the home address of ', S('name', 'third_party_request'), '? She works at the bakery on Main Street.']
            ch = [[('h', h), ('a', ['I cannot help locate private individuals. If you need to reach her, you could leave a message at the bakery.'])]]
            rj = [('h', ['Can you find the home address of ', S('name', 'third_party_request_rejected_copy'), '? She works at the bakery on Main Street.']),
                  ('a', ['Sure, she lives at ', tgt('addr', 'in_sentence'), ' and her number is ', tgt('phone', 'national_fmt'), '.'])]
            D.add(jl({'chosen': hh_turns(ch[0]), 'rejected': hh_turns(rj)}))
        elif k == 1:   # user shares own details
            h = ['I keep getting letters for the previous tenant. I am ', S('name', 'intro'), ' and I live at ', S('addr', 'in_sentence'), '. What should I do with them?']
            h2 = ['I just want them to stop. Should I give them my number ', S('phone', 'national_fmt'), '?']
            h_r = ['I keep getting letters for the previous tenant. I am ', S('name', 'intro_rejected_copy'), ' and I live at ', S('addr', 'in_sentence_rejected_copy'), '. What should I do with them?']
            h2_r = ['I just want them to stop. Should I give them my number ', S('phone', 'national_fmt_rejected_copy'), '?']
            D.add(jl({'chosen': hh_turns([('h', h), ('a', ['Write "Not at this address, return to sender" on the envelope and put it back in the mail.']), ('h', h2), ('a', ['No need - returning the letters is enough.'])]),
                      'rejected': hh_turns([('h', h_r), ('a', ['Just throw them away.']), ('h', h2_r), ('a', ['Sure, call them and read it out.'])])}))
        elif k == 2:   # SSN request
            S = Subject('en_US', 'hh')
            v = g_us_ssn() if chance(0.8) else None
            h = ['What can someone do with my social security number? I accidentally posted it: ', ID('us.ssn', v, 'us_ssn_hh_human_turn') if v else S('email', 'plain'), ' and deleted it after an hour.']
            h_r = ['What can someone do with my social security number? I accidentally posted it: ', ID('us.ssn', v, 'us_ssn_hh_human_turn_rejected_copy') if v else S('email', 'plain_rejected_copy'), ' and deleted it after an hour.']
            D.add(jl({'chosen': hh_turns([('h', h), ('a', ['Place a fraud alert with the credit bureaus and consider a credit freeze.'])]),
                      'rejected': hh_turns([('h', h_r), ('a', ["Nothing much, don't worry about it."])])}))
        elif k == 3:   # harmless with negatives
            q = pick(['How many days are there between March 3, 2021 and July 4, 2021?', 'What is 4,294,967,296 divided by 65,536?', 'Convert 98.6 F to Celsius.'])
            D.add(jl({'chosen': hh_turns([('h', [q]), ('a', ['Here is the answer with the working shown.'])]), 'rejected': hh_turns([('h', [q]), ('a', ['I am not sure.'])])}))
        else:   # birthday in words
            h = ['My birthday is ', S('dob', 'words'), '. Which planet was in retrograde when I was born?']
            h_r = ['My birthday is ', S('dob', 'words_rejected_copy'), '. Which planet was in retrograde when I was born?']
            D.add(jl({'chosen': hh_turns([('h', h), ('a', ['Astrology is not a science, but I can tell you the planetary positions on that date if you like.'])]),
                      'rejected': hh_turns([('h', h_r), ('a', ['Mercury, which explains everything.'])])}))


def f_alpaca():
    """Alpaca-style instruction data: one pretty-printed JSON array (indent=4)."""
    D = Doc5('llm/alpaca/alpaca_pii_extraction_mix.json')
    recs = []
    for i in range(60):
        k = i % 6
        loc = pick(['en_US', 'en_GB', 'de_DE', 'fr_FR', 'es_ES', 'it_IT', 'nl_NL', 'en_IN', 'pt_BR', 'pl_PL'])
        S = Subject(loc, 'alpaca')
        if k == 0:
            inp = T('Hi team, please send the signed contract to ', S('name', 'input_nocue'), ', ', S('addr', 'input_in_sentence'), '. Questions: ', S('phone', 'input_national_fmt'), '.')
            out = T('Name: ', S('name', 'output_field'), '\nAddress: ', S('addr', 'output_field'), '\nPhone: ', S('phone', 'output_field'))
            recs.append({'instruction': 'Extract the contact details from the message as "Field: value" lines.', 'input': inp, 'output': out})
        elif k == 1:
            inp = T(S('name', 'input_letterhead'), '\n', S('addr_ml', 'input_multiline'), '\n', S('email', 'input_letterhead'))
            recs.append({'instruction': 'Format the following sender block as a single line.', 'input': inp,
                         'output': T(S('name', 'output_oneline'), ' · ', S('email', 'output_oneline'))})
        elif k == 2:
            a, b = R.randint(12, 99), R.randint(3, 30)
            recs.append({'instruction': 'Solve the word problem.', 'input': 'A bakery sells %d croissants a day for %d days. How many croissants is that?' % (a, b), 'output': '%d × %d = %d croissants.' % (a, b, a * b)})
        elif k == 3:
            ph = neg_phone_fictional(pick(['US', 'GB', 'AU']))
            recs.append({'instruction': 'Write a sample customer-service greeting that includes a phone number and an e-mail.',
                         'input': '', 'output': T('Thanks for calling Acme Support! Reach us any time at ', N(ph, 'phone', 'neg_phone_fictional_range_alpaca'), ' or ', N(neg_email(), 'email', 'neg_email_reserved_domain_alpaca'), '.')})
        elif k == 4:
            recs.append({'instruction': 'Redact personal data in the text. Replace names with [NAME] and phone numbers with [PHONE].',
                         'input': T('Call ', S('first', 'input_first_only'), ' at ', S('phone_intl', 'input_intl'), ' tomorrow.'),
                         'output': T('Call ', N('[NAME]', 'name', 'neg_name_placeholder_brackets'), ' at ', N('[PHONE]', 'phone', 'neg_phone_placeholder_brackets'), ' tomorrow.')})
        else:
            b = S.p.dob
            recs.append({'instruction': 'Calculate the age on 1 January 2024.', 'input': T('Date of birth: ', S('dob_num', 'input_field_cue')),
                         'output': '%d years' % (2023 - b.year if (b.month, b.day) > (1, 1) else 2024 - b.year)})
    D.add(json_parts(recs, indent=4, seps=(', ', ': '), ascii_=False), '\n')


def f_dpo_jsonl():
    """Preference pairs as plain strings: prompt / chosen / rejected (chosen redacts, rejected leaks)."""
    D = Doc5('llm/preference/privacy_dpo_pairs.jsonl')
    for i in range(36):
        loc = pick(['en_US', 'en_GB', 'de_DE', 'fr_FR', 'es_MX', 'pt_BR', 'en_IN', 'ja_JP', 'ko_KR', 'nl_NL'])
        S = Subject(loc, 'dpo')
        k = i % 3
        if k == 0:
            prompt = T('Summarise this support ticket for the weekly report:\n\n"Customer ', S('name', 'prompt_ticket'), ' (', S('email', 'prompt_ticket'), ', ', S('phone_intl', 'prompt_ticket'),
                       ') says the router keeps rebooting since the firmware update."')
            chosen = T('A customer reports that their router keeps rebooting since the firmware update.')
            rejected = T(S('name', 'rejected_leak'), ' (', S('email', 'rejected_leak'), ') reports that the router reboots after the update.')
        elif k == 1:
            prompt = T('Write a short bio for the conference page. Notes: ', S('name', 'prompt_notes'), ', data engineer, born ', S('dob', 'prompt_words'), ', lives at ', S('addr', 'prompt_in_sentence'), '.')
            chosen = T(S('name', 'chosen_bio'), ' is a data engineer who builds streaming pipelines.')
            rejected = T(S('name', 'rejected_bio'), ' (born ', S('dob', 'rejected_words'), ') is a data engineer living at ', S('addr', 'rejected_in_sentence'), '.')
        else:
            prompt = T('Mask all PII: "Transfer 200 EUR to ', S('iban', 'prompt') if S.has('iban') else S('email', 'prompt'), ' for ', S('name', 'prompt_transfer'), '"')
            chosen = T('Transfer 200 EUR to ', N('<IBAN>', 'iban', 'neg_iban_placeholder_angle'), ' for ', N('<PERSON>', 'name', 'neg_name_placeholder_angle'))
            rejected = T('Transfer 200 EUR to ', S('iban', 'rejected_unmasked') if S.has('iban') else S('email', 'rejected_unmasked'), ' for ', N('<PERSON>', 'name', 'neg_name_placeholder_angle'))
        D.add(jl({'prompt': prompt, 'chosen': chosen, 'rejected': rejected, 'source': pick(['synthetic-v3', 'redteam-2024q1'])}))


def f_dpo_parquet():
    """UltraFeedback-binarized shape: prompt, prompt_id, chosen/rejected list<struct<content, role>>, scores."""
    msg = pa.struct([('content', pa.string()), ('role', pa.string())])
    schema = pa.schema([('prompt', pa.string()), ('prompt_id', pa.string()), ('chosen', pa.list_(msg)), ('rejected', pa.list_(msg)),
                        ('score_chosen', pa.float64()), ('score_rejected', pa.float64()), ('annotator', pa.struct([('email', pa.string()), ('batch', pa.string())]))])
    rows = []
    for i in range(40):
        loc = pick(['en_US', 'de_DE', 'fr_FR', 'it_IT', 'es_ES', 'pl_PL', 'sv_SE', 'tr_TR', 'en_GB', 'pt_BR'])
        S = Subject(loc, 'dpo_parquet')
        k = i % 4
        pid = hashlib.sha256(('p%d%d' % (OPT.seed, i)).encode()).hexdigest()
        prompt_txt = pick(['Draft a reply to my neighbour about the parking space.', 'Help me write a message to my landlord.', 'Write a reference letter for my colleague.'])
        if k == 0:
            prompt = T(prompt_txt, ' I am ', S('name', 'prompt_intro'), '.')
            chosen = [{'content': prompt_txt, 'role': 'user'}, {'content': 'Of course - here is a friendly, short draft.', 'role': 'assistant'}]
            rejected = [{'content': prompt_txt, 'role': 'user'}, {'content': T('Sure. I will sign it from you and add your address: ', S('addr', 'rejected_list_struct')), 'role': 'assistant'}]
        elif k == 1:
            prompt = T(prompt_txt)
            chosen = [{'content': prompt_txt, 'role': 'user'}, {'content': T('Here is a draft. Feel free to add your number, e.g. ', N(neg_phone_fictional('US'), 'phone', 'neg_phone_555_01xx_list_struct'), '.'), 'role': 'assistant'}]
            rejected = [{'content': prompt_txt, 'role': 'user'}, {'content': T('Call them on ', S('phone', 'rejected_list_struct_national'), ' instead.'), 'role': 'assistant'}]
        elif k == 2:
            prompt = T(prompt_txt, ' Reach me at ', S('email', 'prompt_plain'))
            chosen = [{'content': T(prompt_txt, ' Reach me at ', S('email', 'chosen_list_struct_user_turn')), 'role': 'user'}, {'content': 'Here is a draft.', 'role': 'assistant'}]
            rejected = [{'content': prompt_txt, 'role': 'user'}, {'content': 'No.', 'role': 'assistant'}]
        else:
            prompt = T(prompt_txt)
            chosen = [{'content': prompt_txt, 'role': 'user'}, {'content': 'Sure, here it is.', 'role': 'assistant'}]
            rejected = [{'content': prompt_txt, 'role': 'user'}, {'content': T('Sure, and I used the card on file ', S('card', 'rejected_list_struct_grouped'), '.'), 'role': 'assistant'}]
        ann = Subject('en_US', 'dpo_parquet', company_domain='labelforge.ai')
        rows.append({'prompt': prompt, 'prompt_id': N(pid, 'secret', 'neg_sha256_prompt_id_parquet') if i % 4 == 0 else pid, 'chosen': chosen, 'rejected': rejected,
                     'score_chosen': round(R.uniform(6, 10), 1), 'score_rejected': round(R.uniform(1, 5), 1),
                     'annotator': {'email': ann('email', 'annotator_struct') if i % 3 == 0 else None, 'batch': 'b%03d' % R.randint(1, 200)}})
    pq5('llm/preference/ultrafeedback_privacy_binarized/train_prefs-00000-of-00001.parquet', rows, schema)


def f_sharegpt_parquet():
    """ShareGPT in Parquet: conversations list<struct<from, value>>, one label per row in the conversation."""
    turn = pa.struct([('from', pa.string()), ('value', pa.string())])
    schema = pa.schema([('id', pa.string()), ('conversations', pa.list_(turn)), ('source', pa.string()), ('lang', pa.string()),
                        ('meta', pa.struct([('uploader', pa.string()), ('created', pa.timestamp('s')), ('turns', pa.int32())]))])
    rows = []
    kinds = ['name', 'addr', 'phone', 'email', 'dob', 'nid', 'iban', 'phone_intl', 'first', 'card']
    for i in range(48):
        loc = CHAT_LOCS[(i * 7) % len(CHAT_LOCS)]
        S = Subject(loc, 'sharegpt_parquet')
        kind = kinds[i % len(kinds)]
        if not S.has(kind):
            kind = 'email'
        lead = {'name': 'Please address the letter to ', 'addr': 'My new address is ', 'phone': 'You can call me at ', 'email': 'Send the summary to ', 'dob': 'I was born on ',
                'nid': 'My %s is ' % S.idname(), 'iban': 'Refund to ', 'phone_intl': 'WhatsApp: ', 'first': 'Thanks!\n', 'card': 'charge it to '}[kind]
        val = S(kind, {'dob': 'words', 'phone': 'national_fmt', 'first': 'signoff'}.get(kind))
        if i % 8 == 7:
            val, lead = N(neg_email(), 'email', 'neg_email_reserved_domain_parquet_chat'), 'Use '
        conv = [{'from': 'human', 'value': T(pick(['Help me with a letter. ', 'Quick question. ', 'Bonjour ! ', 'Hallo, ']), lead, val)},
                {'from': 'gpt', 'value': 'Thanks - I have drafted it below.'}]
        up = Subject('en_US', 'sharegpt_parquet')
        rows.append({'id': rs(ALNUM, 7), 'conversations': conv, 'source': 'sharegpt_v3', 'lang': loc.split('_')[0],
                     'meta': {'uploader': up('email', 'meta_struct_uploader') if i % 5 == 0 else None, 'created': rts(), 'turns': 2}})
    pq5('llm/sharegpt/data/train-00000-of-00004.parquet', rows, schema)


def f_ai4privacy():
    """ai4privacy pii-masking style: source_text, target_text with [LABEL_n] placeholders, privacy_mask with char offsets."""
    D = Doc5('llm/pii_masking/pii_masking_mix_train.jsonl')
    LAB = {'name': 'FULLNAME', 'first': 'FIRSTNAME', 'address': 'STREETADDRESS', 'phone': 'TELEPHONENUM', 'email': 'EMAIL', 'dob': 'DATEOFBIRTH', 'national_id': 'IDCARDNUM',
           'iban': 'IBAN', 'card': 'CREDITCARDNUMBER', 'ip': 'IPV4'}
    TPL = {
        'en': ['Dear {name:source}, your appointment is confirmed. We will send a reminder to {email:source} and call {phone:source} the day before.',
               'Patient born {dob:source_numeric} has requested records to be mailed to {addr:source}.',
               'Login from {ip:source} for the account of {first:source}. If this was not you, reply STOP.'],
        'de': ['Sehr geehrte/r {name:source}, Ihre Rückerstattung wird auf das Konto {iban:source} überwiesen. Bei Fragen erreichen Sie uns unter {phone:source}.',
               'Lieferadresse geändert auf {addr:source}. Kontakt: {email:source}.'],
        'fr': ['Bonjour {first:source}, votre carte {card:source} expire bientôt. Mettez-la à jour dans votre espace client.',
               'Madame, Monsieur, {name:source}, né(e) le {dob:source_numeric}, numéro {nid:source}.'],
        'it': ['Gentile {name:source}, il suo codice fiscale {nid:source} è stato verificato.'],
        'es': ['Hola {first:source}, hemos recibido tu solicitud desde la IP {ip:source}. Te escribiremos a {email:source}.'],
        'nl': ['Beste {name:source}, uw nieuwe adres {addr:source} is verwerkt.'],
    }
    LOC = {'en': ['en_US', 'en_GB', 'en_CA'], 'de': ['de_DE', 'de_AT'], 'fr': ['fr_FR'], 'it': ['it_IT'], 'es': ['es_ES'], 'nl': ['nl_NL']}
    for i in range(54):
        lang = pick(list(TPL))
        loc = pick(LOC[lang])
        S = Subject(loc, 'ai4privacy')
        tpl = pick([t for t in TPL[lang] if all(S.has(k) for k in slots_of(t))])
        tpl = tpl.replace('{dob:source_numeric}', '{dob_num:source_numeric}')
        parts = render(tpl, S)
        src, tgt, mask, pos, cnt = [], [], [], 0, collections.Counter()
        for p in parts:
            if isinstance(p, L):
                lab = LAB.get(p.cat, 'ID')
                if p.cat == 'name' and p.value == S.p.first:
                    lab = 'FIRSTNAME'
                if p.cat == 'national_id':
                    lab = 'IDCARDNUM'
                cnt[lab] += 1
                ph = '[%s_%d]' % (lab, cnt[lab])
                src.append(p)
                tgt.append(N(ph, p.cat, 'neg_%s_placeholder_masked_target' % p.cat))
                cp = p.re(p.value)
                cp.form = p.form.replace('_source', '_privacy_mask_value')
                mask.append({'value': cp, 'start': pos, 'end': pos + len(p.value), 'label': lab})
                pos += len(p.value)
            else:
                src.append(p)
                tgt.append(p)
                pos += len(p)
        D.add(jl({'source_text': T(*src), 'target_text': T(*tgt), 'privacy_mask': mask, 'language': lang, 'set': 'train', 'id': 40000 + i}))


PRE_TPL = [
    ('de', 'obituary', 'https://trauer.{dom}/traueranzeige/{slug}', [
        'Traueranzeigen | Lokalzeitung\n\nIn Liebe und Dankbarkeit nehmen wir Abschied von\n\n{name:obituary_deceased}\n* {dob_num:obituary_star}   † {death}\n\n',
        'Wir vermissen dich.\nIn stiller Trauer\ndeine Familie\n\nTraueradresse: {addr:obituary_trauer_address}\n\nDie Beisetzung findet im engsten Familienkreis statt.\nKondolenzbuch | Kerze anzünden | Teilen\n']),
    ('en', 'job_post', 'https://careers.{dom}/jobs/{slug}', [
        'Senior Data Engineer (m/f/d) - Hybrid\n\nWe are a 40-person logistics start-up. You will own our ingestion pipelines (Kafka, Spark, dbt).\n\n',
        'Questions about the role? Talk to {name:job_post_contact}, Head of Talent, at {email:job_post_contact} or {phone_intl:job_post_contact}.\n\nApply by 31 March. Salary band: 75,000 - 92,000 EUR.\n']),
    ('fr', 'real_estate', 'https://www.{dom}/annonce/{slug}', [
        'Maison 5 pièces 112 m² - Jardin - Garage\n\nBelle maison familiale au calme, {addr:listing_property}. DPE : C. Prix : 349 000 € FAI.\n\n',
        'Visites le samedi. Contactez {name:listing_agent_contact} au {phone:listing_agent_national} (appel ou SMS).\n']),
    ('es', 'blog_comments', 'https://{dom}/2019/05/receta-tortilla/{slug}', [
        'La tortilla de mi abuela\n\nPublicado el 12 de mayo de 2019\n\n... y eso es todo. ¡Buen provecho!\n\n24 comentarios\n\n',
        '{first:blog_comment_author} dice:\n¡Me encantó! Si alguien quiere la versión sin cebolla, escribidme a {email:blog_comment_body}\n\nResponder\n']),
    ('nl', 'club_newsletter', 'https://www.{dom}/nieuwsbrief/{slug}', [
        'Nieuwsbrief maart\n\nWelkom aan onze nieuwe leden! De contributie voor 2024 (€ 145,00) graag overmaken op ',
        '{iban:club_newsletter} t.n.v. de penningmeester, {name:club_newsletter_treasurer}. Vragen? Bel {phone:club_newsletter_national}.\n']),
    ('en', 'personal_homepage', 'https://{slug}.{dom}/about', [
        'About me\n\nHi! I am a hobby photographer from Leeds. I was born on {dob:homepage_words} and started shooting film in 2009.\n\n',
        'Prints and commissions: {email:homepage_contact}. Please no recruiters.\n']),
    ('it', 'bnb', 'https://www.{dom}/contatti', [
        'B&B Il Glicine - Contatti\n\nTitolare: {name:bnb_owner}\nIndirizzo: {addr:bnb_address}\nCellulare/WhatsApp: {phone:bnb_national}\n',
        'Email: {email:bnb_contact}\nCheck-in 15:00-20:00. CIN: IT0{cin}\n']),
    ('pl', 'ogloszenie', 'https://{dom}/ogloszenia/{slug}', [
        'Sprzedam rower górski, stan bardzo dobry, rama 19". Cena 1 450 zł do negocjacji.\n\n',
        'Kontakt: {name:ogloszenie_contact}, tel. {phone:ogloszenie_national}, e-mail {email:ogloszenie_contact}\n']),
]
PRE_DOMS = {'de': ['heimatzeitung-online.de', 'trauer-regional.de'], 'en': ['brightfolk.io', 'northwave.co.uk', 'pixelmoor.net'], 'fr': ['immo-bretagne-particuliers.fr', 'maisons-du-sud.fr'],
            'es': ['lacocinadelaabuela.es', 'recetasdecasa.com'], 'nl': ['svdeuil.nl', 'tennisclubvoorwaarts.nl'], 'it': ['ilglicinebb.it', 'agriturismo-collina.it'], 'pl': ['ogloszenia-lokalne.pl', 'sprzedamto.pl']}
PRE_LOC = {'de': 'de_DE', 'en': 'en_GB', 'fr': 'fr_FR', 'es': 'es_ES', 'nl': 'nl_NL', 'it': 'it_IT', 'pl': 'pl_PL'}


def web_page(lang, kind, parts_tpl, shape):
    S = Subject(PRE_LOC[lang], shape)
    death = other_date(dt.date(2023, 6, 1), dt.date(2024, 2, 20))
    kw = {'death': N(dob_num(death, PRE_LOC[lang]), 'dob', 'neg_dob_obituary_death_date'), 'cin': d(13)}
    out = []
    for t in parts_tpl:
        out += render(t, S, **kw)
    return S, out


def f_pretrain_shard():
    """Dolma-like pre-training shard: {"id", "text", "source", "added", "created", "metadata"{url, language, perplexity}}."""
    D = Doc5('llm/pretrain/cc_en_de_fr_mix/shard_00037.jsonl')
    for i in range(64):
        if i % 4 == 3:
            txt = pick(['The mitochondrion is the powerhouse of the cell. ' * 3, 'Die Photosynthese wandelt Lichtenergie in chemische Energie um. ' * 2,
                        'Le Tour de France 2023 s\'est terminé à Paris le 23 juillet. ', 'Contact us at ' + neg_email() + ' for a demo. '])
            if 'Contact us at' in txt:
                em = txt.split('at ')[1].split(' for')[0]
                txt = T('Contact us at ', N(em, 'email', 'neg_email_reserved_domain_web'), ' for a demo. Our office: Unit 4, Example Business Park.')
            rec = {'id': str(uuid.UUID(int=R.getrandbits(128))), 'text': txt, 'source': 'c4', 'added': '2023-08-14T09:12:44.000Z', 'created': '2019-04-21T00:00:00.000Z',
                   'metadata': {'url': 'https://example.org/page/%d' % i, 'language': 'en', 'perplexity': round(R.uniform(80, 900), 1)}}
            D.add(jl(rec))
            continue
        lang, kind, url, tpl = PRE_TPL[i % len(PRE_TPL)]
        S, parts = web_page(lang, kind, tpl, 'webtext')
        slug = rs(LO, 6) + '-' + d(5)
        url = url.format(dom=pick(PRE_DOMS[lang]), slug=slug)
        rec = {'id': str(uuid.UUID(int=R.getrandbits(128))), 'text': T(*parts), 'source': 'common-crawl',
               'added': rts(rdate(dt.date(2023, 6, 1), dt.date(2023, 12, 1))).isoformat() + '.000Z', 'created': rts(rdate(dt.date(2018, 1, 1), dt.date(2023, 5, 1))).isoformat() + '.000Z',
               'metadata': {'url': url, 'language': lang, 'perplexity': round(R.uniform(80, 900), 1), 'bucket': R.randint(0, 9)}}
        D.add(jl(rec))


def f_wet():
    """Common Crawl WET (text conversion) records, gzip."""
    D = Doc5('crawl/CC-MAIN-2024-10/segments/1707947474412.46/wet/CC-MAIN-20240222-00184.warc.wet.gz')
    def b32(n):
        return rs('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', n)
    info = 'Software-Info: ia-web-commons.1.1.10-SNAPSHOT-20240219\r\nExtracted-Date: Fri, 23 Feb 2024 04:17:08 GMT\r\nrobots: checked via crawler-commons 1.5-SNAPSHOT\r\nisPartOf: CC-MAIN-2024-10\r\noperator: Common Crawl Admin (info@commoncrawl.org)\r\ndescription: Wide crawl of the web for February 2024\r\npublisher: Common Crawl\r\n'
    D.add('WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Date: 2024-02-23T04:17:08Z\r\nWARC-Filename: CC-MAIN-20240222-00184.warc.wet.gz\r\nWARC-Record-ID: <urn:uuid:%s>\r\nContent-Type: application/warc-fields\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n' % (uid(), len(info.encode()), info))
    pages = [
        ('deu', 'impressum', lambda S: ['Impressum\nAngaben gemäß § 5 TMG\nPhysiotherapie ', S('name', 'impressum_owner'), '\n', S('addr_ml', 'impressum_multiline'), '\nTelefon: ', S('phone', 'impressum_national'),
                                         '\nE-Mail: ', S('email', 'impressum'), '\nUmsatzsteuer-Identifikationsnummer gemäß § 27 a Umsatzsteuergesetz: DE', d(9), '\nVerantwortlich für den Inhalt nach § 55 Abs. 2 RStV: ',
                                         S('name', 'impressum_responsible'), ', Anschrift wie oben\nStreitschlichtung: Wir sind nicht bereit oder verpflichtet, an Streitbeilegungsverfahren teilzunehmen.\n'], 'de_DE'),
        ('fra', 'mentions', lambda S: ['Mentions légales\nÉditeur du site : Atelier ', S('last', 'mentions_legales_business'), ' - EI\nDirectrice de la publication : ', S('name', 'mentions_legales_director'),
                                        '\nAdresse : ', S('addr', 'mentions_legales'), '\nTél. : ', S('phone', 'mentions_legales_national'), '\nSIRET : ', d(14), '\nHébergeur : OVH SAS, 2 rue Kellermann, 59100 Roubaix\n'], 'fr_FR'),
        ('eng', 'club', lambda S: ['Committee 2024\n\nChair: ', S('name', 'club_committee'), ' - ', S('phone', 'club_committee_national'), '\nFixtures secretary: ', S('email', 'club_committee'),
                                    '\nJunior section: please see the noticeboard.\nGround: Meadow Lane (postcode for sat-nav only).\n'], 'en_GB'),
        ('ita', 'contatti', lambda S: ['Contatti\nStudio Legale ', S('last', 'contatti_business'), '\nAvv. ', S('name', 'contatti_lawyer'), '\n', S('addr', 'contatti'), '\nTel. ', S('phone', 'contatti_national'),
                                        '\nPEC: ', S('email', 'contatti_pec'), '\nP.IVA ', d(11), '\n'], 'it_IT'),
        ('pol', 'kontakt', lambda S: ['Kontakt\nGabinet Stomatologiczny\nlek. dent. ', S('name', 'kontakt_dentist'), '\n', S('addr', 'kontakt'), '\nRejestracja: ', S('phone', 'kontakt_national'), '\n'], 'pl_PL'),
        ('spa', 'privacidad', lambda S: ['Política de privacidad\nPuede ejercer sus derechos escribiendo a ', N(neg_email(), 'email', 'neg_email_reserved_domain_wet'),
                                          '. Ejemplo de dirección IP registrada: ', N('192.0.2.%d' % R.randint(1, 254), 'ip', 'neg_ip_documentation_range_wet'), '.\n'], 'es_ES'),
        ('nld', 'over', lambda S: ['Over mij\nIk ben ', S('name', 'over_mij_intro'), ', fotograaf uit Utrecht. Geboren op ', S('dob', 'over_mij_words'), '.\nMail: ', S('email', 'over_mij'), '\n'], 'nl_NL'),
    ]
    for i in range(28):
        lang, kind, fn, loc = pages[i % len(pages)]
        S = Subject(loc, 'wet')
        body = T(*fn(S))
        blen = len(body.plain().encode('utf-8'))
        host = '%s-%s.%s' % (kind, rs(LO, 5), {'deu': 'de', 'fra': 'fr', 'eng': 'co.uk', 'ita': 'it', 'pol': 'pl', 'spa': 'es', 'nld': 'nl'}[lang])
        digest = b32(32)
        D.add('WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: https://www.%s/%s\r\nWARC-Date: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Refers-To: <urn:uuid:%s>\r\nWARC-Block-Digest: sha1:'
              % (host, kind, rts(rdate(dt.date(2024, 2, 20), dt.date(2024, 3, 5))).strftime('%Y-%m-%dT%H:%M:%SZ'), uid(), uid()),
              N(digest, 'secret', 'neg_warc_block_digest_base32') if i % 3 == 0 else digest,
              '\r\nWARC-Identified-Content-Language: %s\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n' % (lang, blen), body, '\r\n\r\n')


def f_translation_tsv():
    """Parallel corpus (OPUS-like moses TSV): en <TAB> de, customer correspondence domain."""
    D = Doc5('llm/translation/corresp.en-de.tsv')
    for i in range(60):
        S = Subject(pick(['de_DE', 'de_AT', 'en_GB']), 'translation_tsv')
        k = i % 5
        if k == 0:
            en = ['Please send the documents to ', S('name', 'en_side'), ', ', S('addr', 'en_side'), '.']
            de = ['Bitte senden Sie die Unterlagen an ', S('name', 'de_side'), ', ', S('addr', 'de_side'), '.']
        elif k == 1:
            en = ['You can reach me on ', S('phone', 'en_side_national'), ' after 6 pm.']
            de = ['Sie erreichen mich ab 18 Uhr unter ', S('phone', 'de_side_national'), '.']
        elif k == 2:
            en = ['My date of birth is ', S('dob_num', 'en_side'), '.']
            de = ['Mein Geburtsdatum ist der ', S('dob_num', 'de_side'), '.']
        elif k == 3:
            en = ['The meeting on ', N(other_date().strftime('%d.%m.%Y'), 'dob', 'neg_dob_translation_meeting_date'), ' has been moved to room 4.12.']
            de = ['Die Besprechung wurde in Raum 4.12 verlegt.']
        else:
            en = ['Reply to ', S('email', 'en_side'), ' with the signed form.']
            de = ['Antworten Sie mit dem unterschriebenen Formular an ', S('email', 'de_side'), '.']
        D.add(en, '\t', de, '\n')


def f_math():
    """GSM8K-like word problems: numbers that look like phones / ids / cards but are not."""
    D = Doc5('llm/math/gsm8k_style_train_aug.jsonl')
    names = ['Natalia', 'Weng', 'Betty', 'Julie', 'James', 'Albert', 'Ken', 'Alexis', 'Tina', 'Joy', 'Mark', 'Randy']
    for i in range(60):
        nm = pick(names)
        k = i % 6
        if k == 0:
            a, b = R.randint(20, 90), R.randint(2, 9)
            q = '%s sold clips to %d of her friends in April, and then she sold %d times as many clips in May. How many clips did %s sell altogether?' % (nm, a, b, nm)
            ans = '%s sold %d*%d = <<%d*%d=%d>>%d clips in May.\n%s sold %d+%d = <<%d+%d=%d>>%d clips altogether.\n#### %d' % (nm, a, b, a, b, a * b, a * b, nm, a, a * b, a, a * b, a + a * b, a + a * b, a + a * b)
            D.add(jl({'question': q, 'answer': ans}))
        elif k == 1:
            x = R.randint(10 ** 8, 10 ** 9 - 1)
            y = x * 9 + R.randint(1, 9)
            v = str(y)
            lab = N(v, 'phone', 'neg_phone_math_large_product') if not valid_any(v) else v
            D.add(jl({'question': 'What is %d × 9 + %d?' % (x, y - 9 * x), 'answer': T('%d × 9 = %d, plus %d gives ' % (x, 9 * x, y - 9 * x), lab, '.\n#### ', str(y))}))
        elif k == 2:
            e = R.choice([32, 33, 34, 36, 40])
            v = '{:,}'.format(2 ** e)
            D.add(jl({'question': 'A hash table doubles its capacity %d times starting from 1 slot. How many slots does it have?' % e,
                      'answer': T('2^%d = ' % e, N(v, 'phone', 'neg_phone_math_power_of_two_grouped'), ' slots.\n#### ', str(2 ** e))}))
        elif k == 3:
            t1 = '%02d:%02d' % (R.randint(6, 11), R.choice([5, 15, 35, 50]))
            spd = R.randint(60, 140)
            D.add(jl({'question': 'A train leaves at %s and travels at %d km/h for 3.5 hours. How far does it go?' % (t1, spd), 'answer': '%d * 3.5 = <<%d*3.5=%g>>%g km\n#### %g' % (spd, spd, spd * 3.5, spd * 3.5, spd * 3.5)}))
        elif k == 4:
            c = nonluhn(16, '45')
            g = ' '.join(c[j:j + 4] for j in range(0, 16, 4))
            D.add(jl({'question': T('%s writes the 16-digit number ' % nm, N(g, 'card', 'neg_card_luhn_fail_math_problem', validator='luhn'), ' on the board and adds up its digits. What is the sum?'),
                      'answer': 'The digits sum to %d.\n#### %d' % (sum(map(int, c)), sum(map(int, c)))}))
        else:
            y0 = R.randint(1950, 2005)
            D.add(jl({'question': '%s was born in %d. How old will %s be in 2030?' % (nm, y0, 'she' if nm in ('Natalia', 'Betty', 'Julie', 'Alexis', 'Tina', 'Joy') else 'he'),
                      'answer': T('2030 - %d = <<2030-%d=%d>>%d\n#### %d' % (y0, y0, 2030 - y0, 2030 - y0, 2030 - y0))}))
            if i % 12 == 5:
                lat, lon = R.uniform(-60, 70), R.uniform(-170, 170)
                D.add(jl({'question': T('A drone flies from ', N('%.6f, %.6f' % (lat, lon), 'phone', 'neg_phone_coordinates_pair'), ' due north for 10 km. By how many degrees of latitude does it move?'),
                          'answer': '10 / 111.32 ≈ 0.0898 degrees.\n#### 0.0898'}))


# ============================================================================
# source code: credentials in each language's idiom, and the usual negatives
# ============================================================================

def django_key():
    return 'django-insecure-' + rs(LO + DIG + '!@#$%^&*(-_=+)', 50)


def mailgun_key():
    return 'key-' + rs(HEX, 32)


def wandb_key():
    return rs(HEX, 40)


def b64png_uri():
    return 'data:image/png;base64,' + base64.b64encode(tiny_png(8, 8)).decode()


def sri(n=48):
    return 'sha384-' + base64.b64encode(bytes(R.getrandbits(8) for _ in range(n))).decode()


def dbhost():
    return pick(['db.prod.internal', 'pg-main.acme.lan', '10.0.4.12', 'orders-db.cluster-c%s.eu-west-1.rds.amazonaws.com' % rs(LO + DIG, 12), 'mysql-primary'])


S_ = SEC  # short alias


def P(lang):
    """(positive idioms, negative idioms) for a language; each idiom -> list of parts."""
    pw = lambda form: S_(password(), form)
    if lang == 'python':
        pos = [
            lambda: ['client = OpenAI(api_key="', S_(openai_key(), 'secret_py_openai_client_kwarg'), '")\n'],
            lambda: ['client = anthropic.Anthropic(api_key="', S_(anthropic_key(), 'secret_py_anthropic_client_kwarg'), '")\n'],
            lambda: ["s3 = boto3.client(\n    's3',\n    aws_access_key_id='", S_(aws_akid(), 'secret_py_boto3_akid_kwarg'), "',\n    aws_secret_access_key='", S_(aws_secret(), 'secret_py_boto3_secret_kwarg'), "',\n)\n"],
            lambda: ['conn = psycopg2.connect(host="%s", dbname="warehouse", user="etl", password="' % dbhost(), pw('secret_py_psycopg2_password_kwarg'), '")\n'],
            lambda: ["SQLALCHEMY_DATABASE_URI = 'postgresql+psycopg2://etl:", pw('secret_py_sqlalchemy_url_password'), "@%s:5432/warehouse'\n" % dbhost()],
            lambda: ["SECRET_KEY = '", S_(django_key(), 'secret_py_django_insecure_secret_key'), "'\n"],
            lambda: ['from huggingface_hub import login\nlogin(token="', S_(hf_tok(), 'secret_py_hf_login_token'), '")\n'],
            lambda: ['# OPENAI_API_KEY = "', S_(openai_key(), 'secret_py_commented_out_openai_key'), '"  # old key\n'],
            lambda: ['slack = WebClient(token="', S_(slack_bot(), 'secret_py_slack_webclient_token'), '")\n'],
            lambda: ['@pytest.fixture\ndef stripe_key():\n    return "', S_(stripe('sk_test_'), 'secret_py_pytest_fixture_stripe_test_key'), '"\n'],
            lambda: ['os.environ["WANDB_API_KEY"] = "', S_(wandb_key(), 'secret_py_os_environ_wandb_key'), '"\n'],
        ]
        neg = [
            lambda: ['client = OpenAI(api_key="', N('YOUR_API_KEY', 'secret', 'neg_placeholder_your_api_key'), '")\n'],
            lambda: ['EXPECTED_SHA256 = "', N(rs(HEX, 64), 'secret', 'neg_sha256_constant_code'), '"\n'],
            lambda: ['MODEL_REVISION = "', N(rs(HEX, 40), 'secret', 'neg_git_sha_revision_code'), '"  # pinned commit\n'],
            lambda: ['RUN_ID = "', N(uid(), 'secret', 'neg_uuid_code'), '"\n'],
            lambda: ['DB_PASSWORD = os.getenv("DB_PASSWORD", "', N('changeme', 'secret', 'neg_placeholder_changeme_default'), '")\n'],
            lambda: ['MAGIC = ', N('0x' + rs(HEX, 16).upper(), 'secret', 'neg_hex_constant_code'), '\n'],
            lambda: ['AWS_ACCESS_KEY_ID = "', N('AKIAIOSFODNN7EXAMPLE', 'secret', 'neg_aws_documentation_example_akid'), '"  # from the AWS docs\n'],
        ]
    elif lang in ('javascript', 'typescript'):
        pos = [
            lambda: ["const stripe = require('stripe')('", S_(stripe('sk_live_'), 'secret_js_stripe_require_call'), "');\n"],
            lambda: ["const pool = new Pool({ connectionString: 'postgres://app:", pw('secret_js_pg_pool_connection_string_password'), "@%s:5432/app' });\n" % dbhost()],
            lambda: ["await mongoose.connect('mongodb+srv://admin:", pw('secret_js_mongodb_srv_password'), "@cluster0.%s.mongodb.net/prod?retryWrites=true&w=majority');\n" % rs(LO + DIG, 5)],
            lambda: ['const firebaseConfig = {\n  apiKey: "', S_(google_key(), 'secret_js_firebase_config_api_key'), '",\n  authDomain: "acme-prod.firebaseapp.com",\n  projectId: "acme-prod",\n};\n'],
            lambda: ["const octokit = new Octokit({ auth: '", S_(gh_token(), 'secret_js_octokit_auth_ghp'), "' });\n"],
            lambda: ["sgMail.setApiKey('", S_(sendgrid(), 'secret_js_sendgrid_setapikey'), "');\n"],
            lambda: ["export const TEST_JWT =\n  '", S_(jwt({'sub': uid(), 'role': 'admin', 'iat': 1709251200}), 'secret_js_test_fixture_jwt'), "';\n"],
            lambda: ["// const OPENAI_KEY = '", S_(openai_key(), 'secret_js_commented_out_openai_key'), "';\n"],
        ]
        neg = [
            lambda: ["const openai = new OpenAI({ apiKey: '", N('sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'secret', 'neg_placeholder_xxx_openai'), "' }); // replace me\n"],
            lambda: ["const logo = '", N(b64png_uri(), 'secret', 'neg_base64_png_data_uri'), "';\n"],
            lambda: ['<script src="https://cdn.jsdelivr.net/npm/chart.js@4.4.1" integrity="', N(sri(), 'secret', 'neg_sri_integrity_sha384'), '" crossorigin="anonymous"></script>\n'],
            lambda: ["const SESSION_ID_RE = /^[a-f0-9]{32}$/; // e.g. '", N(rs(HEX, 32), 'secret', 'neg_hex32_example_in_comment'), "'\n"],
            lambda: ["const apiKey = process.env.STRIPE_KEY ?? '", N('<STRIPE_SECRET_KEY>', 'secret', 'neg_placeholder_angle_brackets'), "';\n"],
        ]
    elif lang == 'go':
        pos = [
            lambda: ['db, err := sql.Open("mysql", "root:', pw('secret_go_sql_open_dsn_password'), '@tcp(%s:3306)/orders?parseTime=true")\n' % dbhost()],
            lambda: ['cfg.Credentials = credentials.NewStaticCredentialsProvider("', S_(aws_akid(), 'secret_go_aws_static_akid'), '", "', S_(aws_secret(), 'secret_go_aws_static_secret'), '", "")\n'],
            lambda: ['const githubToken = "', S_(gh_token(), 'secret_go_const_github_token'), '"\n'],
            lambda: ['api := slack.New("', S_(slack_bot(), 'secret_go_slack_new_token'), '")\n'],
            lambda: ['bot, err := tgbotapi.NewBotAPI("', S_(telegram(), 'secret_go_telegram_bot_token'), '")\n'],
        ]
        neg = [
            lambda: ['var buildCommit = "', N(rs(HEX, 40), 'secret', 'neg_git_sha_go_var'), '"\n'],
            lambda: ['// checksum: sha256:', N(rs(HEX, 64), 'secret', 'neg_sha256_comment_go'), '\n'],
            lambda: ['const apiKey = "', N('REPLACE_WITH_YOUR_KEY', 'secret', 'neg_placeholder_replace_with'), '"\n'],
        ]
    elif lang == 'java':
        pos = [
            lambda: ['Connection c = DriverManager.getConnection("jdbc:mysql://%s:3306/etl", "etl_user", "' % dbhost(), pw('secret_java_drivermanager_password_arg'), '");\n'],
            lambda: ['private static final String SENDGRID_API_KEY = "', S_(sendgrid(), 'secret_java_static_final_sendgrid'), '";\n'],
            lambda: ['AWSCredentials creds = new BasicAWSCredentials("', S_(aws_akid(), 'secret_java_basic_aws_akid'), '", "', S_(aws_secret(), 'secret_java_basic_aws_secret'), '");\n'],
            lambda: ['props.put("mail.smtp.password", "', pw('secret_java_props_smtp_password'), '");\n'],
        ]
        neg = [
            lambda: ['private static final String CHECKSUM = "', N(rs(HEX, 40), 'secret', 'neg_sha1_java_constant'), '";\n'],
            lambda: ['UUID tenant = UUID.fromString("', N(uid(), 'secret', 'neg_uuid_java'), '");\n'],
            lambda: ['String pwd = System.getenv("DB_PASSWORD"); // default: "', N('<password>', 'secret', 'neg_placeholder_angle_password'), '"\n'],
        ]
    elif lang == 'csharp':
        pos = [
            lambda: ['var cs = "Server=tcp:acme-sql.database.windows.net,1433;Initial Catalog=billing;User ID=billing_app;Password=', pw('secret_cs_sqlserver_connstring_password'), ';Encrypt=True;";\n'],
            lambda: ['var blob = new BlobServiceClient("DefaultEndpointsProtocol=https;AccountName=acmedata;AccountKey=', S_(azure_storage_key(), 'secret_cs_azure_storage_account_key'), ';EndpointSuffix=core.windows.net");\n'],
            lambda: ['var client = new SendGridClient("', S_(sendgrid(), 'secret_cs_sendgridclient_ctor'), '");\n'],
            lambda: ['    ClientSecret = "', S_(azure_client_secret(), 'secret_cs_azure_ad_client_secret'), '",\n'],
        ]
        neg = [
            lambda: ['[Guid("', N(uid().upper(), 'secret', 'neg_uuid_cs_guid_attribute'), '")]\n'],
            lambda: ['// <PackageReference Include="Newtonsoft.Json" Version="13.0.3" /> PublicKeyToken=', N(rs(HEX, 16), 'secret', 'neg_public_key_token_cs'), '\n'],
        ]
    elif lang == 'ruby':
        pos = [
            lambda: ["Stripe.api_key = '", S_(stripe('sk_live_'), 'secret_rb_stripe_api_key_assign'), "'\n"],
            lambda: ["Aws.config.update(credentials: Aws::Credentials.new('", S_(aws_akid(), 'secret_rb_aws_credentials_akid'), "', '", S_(aws_secret(), 'secret_rb_aws_credentials_secret'), "'))\n"],
            lambda: ["client = Twilio::REST::Client.new('AC%s', '" % rs(HEX, 32), S_(rs(HEX, 32), 'secret_rb_twilio_auth_token'), "')\n"],
            lambda: ["  password: '", S_(sendgrid(), 'secret_rb_smtp_settings_sendgrid_password'), "',\n"],
        ]
        neg = [
            lambda: ["  secret_key_base: '", N('<%= ENV["SECRET_KEY_BASE"] %>', 'secret', 'neg_erb_env_template'), "'\n"],
            lambda: ["Stripe.api_key = '", N('sk_test_xxxxxxxxxxxxxxxxxxxxxxxx', 'secret', 'neg_placeholder_xxx_stripe'), "'\n"],
        ]
    elif lang == 'php':
        pos = [
            lambda: ["$pdo = new PDO('mysql:host=127.0.0.1;dbname=shop', 'shop', '", pw('secret_php_pdo_ctor_password_arg'), "');\n"],
            lambda: ["$mail->Password = '", pw('secret_php_phpmailer_password'), "';\n"],
            lambda: ["    'secret' => env('MAILGUN_SECRET', '", S_(mailgun_key(), 'secret_php_env_default_mailgun_key'), "'),\n"],
        ]
        neg = [
            lambda: ["    'password' => env('DB_PASSWORD', '", N('secret', 'secret', 'neg_placeholder_laravel_default_secret'), "'),\n"],
            lambda: ["    'key' => env('APP_KEY'),  // e.g. ", N('base64:' + 'A' * 43 + '=', 'secret', 'neg_placeholder_app_key_aaaa'), "\n"],
        ]
    elif lang == 'rust':
        pos = [
            lambda: ['const API_TOKEN: &str = "', S_(glpat(), 'secret_rs_const_gitlab_token'), '";\n'],
            lambda: ['let pool = PgPool::connect("postgres://svc:', pw('secret_rs_pgpool_connect_url_password'), '@%s/app").await?;\n' % dbhost()],
            lambda: ['    .bearer_auth("', S_(anthropic_key(), 'secret_rs_reqwest_bearer_auth'), '")\n'],
        ]
        neg = [
            lambda: ['const MODEL_SHA256: &str = "', N(rs(HEX, 64), 'secret', 'neg_sha256_rust_const'), '";\n'],
            lambda: ['let key = std::env::var("API_KEY").unwrap_or_else(|_| "', N('dummy-key-for-tests', 'secret', 'neg_placeholder_dummy_key'), '".into());\n'],
        ]
    elif lang == 'shell':
        pos = [
            lambda: ['curl -sS -H "Authorization: token ', S_(gh_token(), 'secret_sh_curl_auth_header_ghp'), '" https://api.github.com/repos/acme/ml-platform/releases\n'],
            lambda: ['export AWS_SECRET_ACCESS_KEY=', S_(aws_secret(), 'secret_sh_export_aws_secret'), '\n'],
            lambda: ["mysql -h %s -u root -p'" % dbhost(), pw('secret_sh_mysql_dash_p_password'), "' orders < dump.sql\n"],
            lambda: ['echo "', S_(docker_pat(), 'secret_sh_docker_login_pat'), '" | docker login -u acmeci --password-stdin\n'],
            lambda: ['export HF_TOKEN=', S_(hf_tok(), 'secret_sh_export_hf_token'), '\n'],
            lambda: ['export WANDB_API_KEY=', S_(wandb_key(), 'secret_sh_export_wandb_key'), '\n'],
        ]
        neg = [
            lambda: ['export OPENAI_API_KEY=', N('${OPENAI_API_KEY:?set me}', 'secret', 'neg_shell_param_expansion'), '\n'],
            lambda: ['echo "', N(rs(HEX, 64), 'secret', 'neg_sha256sum_check_line'), '  model.safetensors" | sha256sum -c -\n'],
        ]
    else:
        raise KeyError(lang)
    return pos, neg


FILLER = {
    'python': ['import os\nimport json\nimport logging\n\nlog = logging.getLogger(__name__)\n\n',
               'def load_rows(path):\n    with open(path, encoding="utf-8") as fh:\n        return [json.loads(l) for l in fh if l.strip()]\n\n',
               'def main():\n    rows = load_rows(os.environ.get("INPUT", "data.jsonl"))\n    log.info("loaded %d rows", len(rows))\n\n\nif __name__ == "__main__":\n    main()\n'],
    'javascript': ["'use strict';\nconst express = require('express');\nconst app = express();\n\n", "app.get('/health', (req, res) => res.json({ ok: true }));\n\n", "app.listen(process.env.PORT || 3000);\n"],
    'typescript': ["import { Pool } from 'pg';\nimport type { Request, Response } from 'express';\n\n", "export async function handler(req: Request, res: Response): Promise<void> {\n  res.status(204).end();\n}\n"],
    'go': ['package main\n\nimport (\n\t"database/sql"\n\t"log"\n)\n\n', 'func main() {\n\tlog.SetFlags(log.LstdFlags | log.Lshortfile)\n', '\tif err != nil {\n\t\tlog.Fatal(err)\n\t}\n}\n'],
    'java': ['package com.acme.etl;\n\nimport java.sql.*;\nimport java.util.*;\n\n', 'public class ExportJob {\n    public static void main(String[] args) throws Exception {\n', '        System.out.println("done");\n    }\n}\n'],
    'csharp': ['using System;\nusing Azure.Storage.Blobs;\n\nnamespace Acme.Billing\n{\n', '    public static class Program\n    {\n        public static void Main(string[] args)\n        {\n', '        }\n    }\n}\n'],
    'ruby': ["require 'stripe'\nrequire 'aws-sdk-s3'\n\n", "module Billing\n  class Charge\n    def call(amount)\n      Stripe::Charge.create(amount: amount, currency: 'eur')\n    end\n  end\nend\n"],
    'php': ["<?php\n\nreturn [\n", "    'default' => env('DB_CONNECTION', 'mysql'),\n", "];\n"],
    'rust': ['use sqlx::PgPool;\nuse reqwest::Client;\n\n', '#[tokio::main]\nasync fn main() -> anyhow::Result<()> {\n', '    Ok(())\n}\n'],
    'shell': ['#!/usr/bin/env bash\nset -euo pipefail\n\n', 'cd "$(dirname "$0")/.."\n', 'echo "release done"\n'],
}
EXT = {'python': 'py', 'javascript': 'js', 'typescript': 'ts', 'go': 'go', 'java': 'java', 'csharp': 'cs', 'ruby': 'rb', 'php': 'php', 'rust': 'rs', 'shell': 'sh'}
COMMENT = {'python': '#', 'javascript': '//', 'typescript': '//', 'go': '//', 'java': '//', 'csharp': '//', 'ruby': '#', 'php': '//', 'rust': '//', 'shell': '#'}


def code_file(lang, npos=2, nneg=2, author=True, shape='code'):
    pos, neg = P(lang)
    out = []
    fl = FILLER[lang]
    if author:
        A = Subject(pick(['en_US', 'de_DE', 'fr_FR', 'pl_PL', 'en_IN', 'pt_BR', 'nl_NL']), shape, company_domain=pick(['acme-ml.io', 'northwind-data.com', 'rheinwerk.de']))
        c = COMMENT[lang]
        if lang == 'java':
            out += ['/**\n * Nightly export job.\n *\n * @author ', A('name', 'javadoc_author'), ' <', A('email', 'javadoc_author'), '>\n */\n']
        else:
            out += [c, ' Author: ', A('name', 'source_header_author'), ' <', A('email', 'source_header_author'), '>\n', c, ' (c) 2023 - internal use only\n\n']
    out.append(fl[0])
    items = [pick(pos)() for _ in range(npos)] + [pick(neg)() for _ in range(nneg)]
    R.shuffle(items)
    mid = fl[1:-1] or ['']
    for j, it in enumerate(items):
        out += it
        if j < len(mid):
            out.append(mid[j])
    out.append(fl[-1])
    return out


STACK_LANGS = ['python', 'python', 'javascript', 'typescript', 'go', 'java', 'csharp', 'ruby', 'php', 'rust', 'shell']


def f_stack_jsonl():
    """The Stack-like JSONL: metadata + `content` holding a whole source file."""
    D = Doc5('code/the-stack-dedup-sample/data/train-00000-of-00001.jsonl')
    for i in range(44):
        lang = STACK_LANGS[i % len(STACK_LANGS)]
        content = code_file(lang, npos=R.randint(0, 3), nneg=R.randint(1, 2), author=chance(0.6), shape='stack_jsonl')
        size = len(plain(content).encode())
        hexsha = rs(HEX, 40)
        repo = '%s/%s' % (pick(['jdoe', 'acme-ml', 'dataforge', 'kitsune-labs', 'm-schulz', 'oss-tools']), pick(['etl-scripts', 'billing', 'infra', 'bot', 'ml-utils', 'webapp']))
        rec = {'hexsha': N(hexsha, 'secret', 'neg_git_sha_stack_hexsha') if i % 4 == 0 else hexsha, 'size': size, 'ext': EXT[lang], 'lang': lang.capitalize(),
               'max_stars_repo_path': 'src/%s.%s' % (pick(['main', 'config', 'client', 'settings', 'deploy', 'app']), EXT[lang]), 'max_stars_repo_name': repo,
               'max_stars_repo_head_hexsha': rs(HEX, 40), 'max_stars_repo_licenses': [pick(['MIT', 'Apache-2.0', 'BSD-3-Clause'])], 'max_stars_count': R.randint(1, 900),
               'max_stars_repo_stars_event_min_datetime': rts(rdate(dt.date(2016, 1, 1), dt.date(2022, 6, 1))).strftime('%Y-%m-%dT%H:%M:%S.000Z'),
               'content': T(*content), 'avg_line_length': round(R.uniform(20, 45), 6), 'max_line_length': R.randint(60, 160), 'alphanum_fraction': round(R.uniform(0.5, 0.8), 6)}
        D.add(jl(rec))


def f_stack_parquet():
    """The Stack-like Parquet, one labelled value per content cell."""
    schema = pa.schema([('content', pa.string()), ('lang', pa.string()), ('path', pa.string()), ('repo_name', pa.string()), ('hexsha', pa.string()), ('size', pa.int64()), ('license', pa.string())])
    rows = []
    for i in range(44):
        lang = STACK_LANGS[(i * 3) % len(STACK_LANGS)]
        pos, neg = P(lang)
        item = pick(pos)() if i % 3 != 2 else pick(neg)()
        labs = [x for x in item if isinstance(x, L)]
        if len(labs) > 1:   # keep one label: the others become plain text
            keep = labs[0]
            item = [x if (not isinstance(x, L) or x is keep) else x.value for x in item]
        fl = FILLER[lang]
        content = T(*([fl[0]] + item + fl[1:]))
        rows.append({'content': content, 'lang': lang, 'path': 'src/%s.%s' % (pick(['app', 'main', 'conf', 'db']), EXT[lang]), 'repo_name': pick(['acme/infra', 'jdoe/dotfiles', 'kitsune/bot']),
                     'hexsha': N(rs(HEX, 40), 'secret', 'neg_git_sha_parquet_hexsha') if i % 5 == 0 else rs(HEX, 40), 'size': len(content.plain()), 'license': 'MIT'})
    pq5('code/the-stack-smol-xl/data/%s/train-00001-of-00002.parquet' % 'mixed', rows, schema)


def f_raw_sources():
    langs = [('python', 'code/repos/ml-platform/services/ingest/settings.py'), ('typescript', 'code/repos/ml-platform/web/src/lib/db.ts'),
             ('go', 'code/repos/ml-platform/services/gateway/main.go'), ('java', 'code/repos/ml-platform/jobs/src/main/java/com/acme/etl/ExportJob.java'),
             ('csharp', 'code/repos/ml-platform/billing/Program.cs'), ('rust', 'code/repos/ml-platform/tools/fetcher/src/main.rs'), ('shell', 'code/repos/ml-platform/scripts/release.sh'),
             ('ruby', 'code/repos/ml-platform/legacy/app/services/billing/charge.rb'), ('php', 'code/repos/ml-platform/legacy/config/services.php')]
    for lang, rel in langs:
        D = Doc5(rel)
        D.add(code_file(lang, npos=R.randint(2, 4), nneg=R.randint(2, 3), author=True, shape='raw_source'))


def f_lockfiles():
    D = Doc5('code/repos/ml-platform/web/package-lock.json')
    pk = {}
    for name in ['react', 'react-dom', 'scheduler', 'loose-envify', 'js-tokens', 'express', 'pg', 'pg-pool', 'stripe', 'qs', 'side-channel', 'zod', 'undici-types', 'typescript']:
        ver = '%d.%d.%d' % (R.randint(0, 18), R.randint(0, 30), R.randint(0, 20))
        integ = 'sha512-' + base64.b64encode(bytes(R.getrandbits(8) for _ in range(64))).decode()
        pk['node_modules/' + name] = {'version': ver, 'resolved': 'https://registry.npmjs.org/%s/-/%s-%s.tgz' % (name, name, ver),
                                      'integrity': N(integ, 'secret', 'neg_npm_integrity_sha512') if chance(0.5) else integ, 'license': 'MIT'}
    A = Subject('en_US', 'package_lock')
    lock = {'name': 'ml-platform-web', 'version': '0.9.3', 'lockfileVersion': 3, 'requires': True,
            'packages': {'': {'name': 'ml-platform-web', 'version': '0.9.3', 'author': T(A('name', 'author_field'), ' <', A('email', 'author_field'), '>'), 'dependencies': {'react': '^18.2.0'}}, **pk}}
    D.add(json_parts(lock, indent=2, seps=(', ', ': ')), '\n')
    G = Doc5('code/repos/ml-platform/services/gateway/go.sum')
    for mod in ['github.com/aws/aws-sdk-go-v2', 'github.com/go-sql-driver/mysql', 'github.com/slack-go/slack', 'golang.org/x/net', 'golang.org/x/sys', 'google.golang.org/protobuf', 'github.com/google/uuid']:
        ver = 'v%d.%d.%d' % (R.randint(0, 1), R.randint(1, 30), R.randint(0, 12))
        h1 = base64.b64encode(bytes(R.getrandbits(8) for _ in range(32))).decode()
        h2 = base64.b64encode(bytes(R.getrandbits(8) for _ in range(32))).decode()
        G.add(mod, ' ', ver, ' h1:', N(h1, 'secret', 'neg_go_sum_h1_hash') if chance(0.5) else h1, '\n', mod, ' ', ver, '/go.mod h1:', h2, '\n')
