#!/usr/bin/env python3
"""blind5: independent blind evaluation set for a PII / secrets scanner, in the
shapes an ML team's training data and data lake hold.

Usage: python blind5_gen.py --seed N --out DIR

Writes ~50 files (under 1 MB) into DIR plus DIR/labels.jsonl, in the label
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
    plain_rows, labs = B4.labelled_rows(rows)
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


def negnum(gen, cat, form, **kw):
    """A numeric negative that passes none of the checksum validators (else it would be neutral)."""
    for _ in range(1000):
        v = gen()
        if not valid_any(v):
            return N(v, cat, form, **kw)
    raise RuntimeError(form)


def negv(v, cat, form, **kw):
    """Label v as a negative unless it passes a checksum validator (then it stays neutral, unlabelled)."""
    return v if valid_any(v) else N(v, cat, form, **kw)


def _fict(region):
    if region == 'US':
        return pick(['(%s) 555-01%02d', '%s-555-01%02d', '+1 %s 555 01%02d']) % (pick(NANP['US']), R.randint(0, 99))
    if region == 'GB':
        return pick(['07700 900%03d', '+44 7700 900%03d', '020 7946 0%03d']) % R.randint(0, 999)
    if region == 'AU':
        return '0491 570 %03d' % R.randint(6, 159)
    raise ValueError(region)


def neg_phone_fictional(region='US'):
    for _ in range(1000):
        v = _fict(region)
        if not valid_any(v):
            return v
    raise RuntimeError(region)


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


GENERIC_A = {'en': 'Happy to help. Here is what I would do, step by step: check the official website first, then call the office if anything is unclear.',
             'de': 'Gern! Am besten schaust du zuerst auf der offiziellen Website nach und rufst bei Unklarheiten direkt an.',
             'fr': 'Avec plaisir ! Le plus simple est de consulter d\'abord le site officiel, puis d\'appeler en cas de doute.',
             'es': '¡Claro! Lo mejor es consultar primero la web oficial y llamar si tienes dudas.', 'it': 'Certo! Controlla prima il sito ufficiale e chiama in caso di dubbi.',
             'pt': 'Claro! Veja primeiro o site oficial e ligue se tiver dúvidas.', 'nl': 'Graag! Kijk eerst op de officiële website en bel bij twijfel.',
             'pl': 'Jasne! Najpierw sprawdź oficjalną stronę, a w razie wątpliwości zadzwoń.'}


def assistant_echo(S, used, lang):
    """Assistant drafts the letter and repeats what the user gave (labelled again)."""
    if not used & {'name', 'addr', 'phone', 'email', 'iban'}:
        return [GENERIC_A.get(lang, GENERIC_A['en'])]
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
            conv.append({'from': 'human', 'value': T({'de': 'bitte noch in CC an ', 'fr': 'mets aussi en copie ', 'es': 'pon también en copia a '}.get(lang, 'also cc my private address '), S('email', 'followup_turn'))})
            conv.append({'from': 'gpt', 'value': 'Sure, I added it to the CC line.'})
        D.add(jl({'id': cid, 'conversations': conv}))


def f_openai_messages_ascii():
    """OpenAI fine-tuning JSONL written with json.dumps defaults (ensure_ascii=True: \\u00fc escapes)."""
    D = Doc5('llm/openai/ft_support_agent_train_2024-02.jsonl')
    sysmsg = 'You are Mila, the customer-care assistant of a European telecom. Be concise.'
    locs = ['de_DE', 'fr_FR', 'pl_PL', 'cs_CZ', 'tr_TR', 'es_ES', 'it_IT', 'sv_SE', 'ro_RO', 'el_GR', 'hu_HU', 'pt_PT', 'da_DK', 'fi_FI']
    for i in range(56):
        loc = locs[i % len(locs)]
        S = Subject(loc, 'openai_ft_ascii')
        p = S.p
        k = i % 8
        if k == 0:
            u = ['Hi, my contract number is K-', d(8), ', the account holder is ', S('name', 'holder_cue'), '. I moved to ', S('addr', 'in_sentence'), ' - please update it.']
            a = ['Thanks, ', S('first', 'assistant_greeting'), '! I have updated your address. You will get a confirmation by e-mail.']
        elif k == 1:
            u = ['Bitte Rückruf unter ', S('phone_intl', 'callback'), ', Kundennummer ', negnum(lambda: '4' + d(9), 'phone', 'neg_phone_customer_number_10digit'), '.']
            a = ['We will call you back within 24 hours.']
        elif k == 2 and S.has('iban'):
            u = ['Change my direct debit to ', S('iban_c', 'compact'), ' please. ', S('name', 'signoff')]
            a = ['Done. The next invoice will be debited from the account ending in ', N(S.raw('iban_c')[-4:], 'iban', 'neg_iban_last4_only', validator='iban'), '.']
        elif k == 3 and S.has('nid'):
            u = ['For the SIM registration: ', S('name', 'nocue_leading'), ', born ', S('dob_num', 'numeric_after_born'), ', ', S.idname(), ' ', S('nid', 'sim_registration'), '.']
            a = ['Thank you, the registration is complete.']
        elif k == 6 and S.has('nid'):
            u = ['The shop rejected my ', S.idname(), ' ', neg_id(loc), ' - is there a typo? It is the one on my card.']
            a = ['The check digit does not match, so one digit is probably mistyped. Please compare it with your ID card.']
        elif k == 7:
            u = ['Please charge the roaming pack to my card ', S('card', 'payment_grouped') if i % 16 == 7 else S('card_c', 'payment_compact'), ', exp ', '%02d/%02d' % (R.randint(1, 12), R.randint(25, 29)), '.']
            a = ['For your security, please never send card numbers in chat. I have deleted the message; use the payment page instead.']
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
    info = ['Software-Info: ia-web-commons.1.1.10-SNAPSHOT-20240219\r\nExtracted-Date: Fri, 23 Feb 2024 04:17:08 GMT\r\nrobots: checked via crawler-commons 1.5-SNAPSHOT\r\nisPartOf: CC-MAIN-2024-10\r\noperator: Common Crawl Admin (', L('info@commoncrawl.org', 'email', 'email_wet_warcinfo_operator_role_address'), ')\r\ndescription: Wide crawl of the web for February 2024\r\npublisher: Common Crawl\r\n']
    D.add('WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Date: 2024-02-23T04:17:08Z\r\nWARC-Filename: CC-MAIN-20240222-00184.warc.wet.gz\r\nWARC-Record-ID: <urn:uuid:%s>\r\nContent-Type: application/warc-fields\r\nContent-Length: %d\r\n\r\n' % (uid(), len(plain(info).encode())), info, '\r\n\r\n')
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
                      'answer': T('2^%d = ' % e, N(v, 'phone', 'neg_phone_math_power_of_two_grouped') if not valid_any(v) else v, ' slots.\n#### ', str(2 ** e))}))
        elif k == 3:
            t1 = '%02d:%02d' % (R.randint(6, 11), R.choice([5, 15, 35, 50]))
            spd = R.randint(60, 140)
            D.add(jl({'question': 'A train leaves at %s and travels at %d km/h for 3.5 hours. How far does it go?' % (t1, spd), 'answer': '%d * 3.5 = <<%d*3.5=%g>>%g km\n#### %g' % (spd, spd, spd * 3.5, spd * 3.5, spd * 3.5)}))
        elif k == 4:
            lab = negnum(lambda: ' '.join(re.findall('....', nonluhn(16, '45'))), 'card', 'neg_card_luhn_fail_math_problem', validator='luhn')
            c = lab.value.replace(' ', '')
            D.add(jl({'question': T('%s writes the 16-digit number ' % nm, lab, ' on the board and adds up its digits. What is the sum?'),
                      'answer': 'The digits sum to %d.\n#### %d' % (sum(map(int, c)), sum(map(int, c)))}))
        else:
            y0 = R.randint(1950, 2005)
            D.add(jl({'question': '%s was born in %d. How old will %s be in 2030?' % (nm, y0, 'she' if nm in ('Natalia', 'Betty', 'Julie', 'Alexis', 'Tina', 'Joy') else 'he'),
                      'answer': T('2030 - %d = <<2030-%d=%d>>%d\n#### %d' % (y0, y0, 2030 - y0, 2030 - y0, 2030 - y0))}))
            if i % 12 == 5:
                lat, lon = R.uniform(-60, 70), R.uniform(-170, 170)
                D.add(jl({'question': T('A drone flies from ', negv('%.6f, %.6f' % (lat, lon), 'phone', 'neg_phone_coordinates_pair'), ' due north for 10 km. By how many degrees of latitude does it move?'),
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
    """(positive idioms, negative idioms) for a language; each is (where, fn) with fn() -> parts.
    where: 'top' (module level), 'field' (class member), 'body' (inside main), 'entry' (PHP config array), 'attr' (C# attribute)."""
    pw = lambda form: S_(password(), form)
    if lang == 'python':
        pos = [
            ('top', lambda: ['client = OpenAI(api_key="', S_(openai_key(), 'secret_py_openai_client_kwarg'), '")\n']),
            ('top', lambda: ['claude = anthropic.Anthropic(api_key="', S_(anthropic_key(), 'secret_py_anthropic_client_kwarg'), '")\n']),
            ('top', lambda: ["s3 = boto3.client(\n    's3',\n    aws_access_key_id='", S_(aws_akid(), 'secret_py_boto3_akid_kwarg'), "',\n    aws_secret_access_key='", S_(aws_secret(), 'secret_py_boto3_secret_kwarg'), "',\n)\n"]),
            ('top', lambda: ['conn = psycopg2.connect(host="%s", dbname="warehouse", user="etl", password="' % dbhost(), pw('secret_py_psycopg2_password_kwarg'), '")\n']),
            ('top', lambda: ["SQLALCHEMY_DATABASE_URI = 'postgresql+psycopg2://etl:", pw('secret_py_sqlalchemy_url_password'), "@%s:5432/warehouse'\n" % dbhost()]),
            ('top', lambda: ["SECRET_KEY = '", S_(django_key(), 'secret_py_django_insecure_secret_key'), "'\n"]),
            ('top', lambda: ['login(token="', S_(hf_tok(), 'secret_py_hf_login_token'), '")\n']),
            ('top', lambda: ['# OPENAI_API_KEY = "', S_(openai_key(), 'secret_py_commented_out_openai_key'), '"  # old key\n']),
            ('top', lambda: ['slack = WebClient(token="', S_(slack_bot(), 'secret_py_slack_webclient_token'), '")\n']),
            ('top', lambda: ['\n@pytest.fixture\ndef stripe_key():\n    return "', S_(stripe('sk_test_'), 'secret_py_pytest_fixture_stripe_test_key'), '"\n\n']),
            ('top', lambda: ['os.environ["WANDB_API_KEY"] = "', S_(wandb_key(), 'secret_py_os_environ_wandb_key'), '"\n']),
        ]
        neg = [
            ('top', lambda: ['client = OpenAI(api_key="', N('YOUR_API_KEY', 'secret', 'neg_placeholder_your_api_key'), '")\n']),
            ('top', lambda: ['EXPECTED_SHA256 = "', N(rs(HEX, 64), 'secret', 'neg_sha256_constant_code'), '"\n']),
            ('top', lambda: ['MODEL_REVISION = "', N(rs(HEX, 40), 'secret', 'neg_git_sha_revision_code'), '"  # pinned commit\n']),
            ('top', lambda: ['RUN_ID = "', N(uid(), 'secret', 'neg_uuid_code'), '"\n']),
            ('top', lambda: ['DB_PASSWORD = os.getenv("DB_PASSWORD", "', N('changeme', 'secret', 'neg_placeholder_changeme_default'), '")\n']),
            ('top', lambda: ['MAGIC = ', N('0x' + rs(HEX, 16).upper(), 'secret', 'neg_hex_constant_code'), '\n']),
            ('top', lambda: ['AWS_ACCESS_KEY_ID = "', N('AKIAIOSFODNN7EXAMPLE', 'secret', 'neg_aws_documentation_example_akid'), '"  # from the AWS docs\n']),
        ]
    elif lang in ('javascript', 'typescript'):
        pos = [
            ('top', lambda: ["const stripe = require('stripe')('", S_(stripe('sk_live_'), 'secret_js_stripe_require_call'), "');\n"]),
            ('top', lambda: ["const pool = new Pool({ connectionString: 'postgres://app:", pw('secret_js_pg_pool_connection_string_password'), "@%s:5432/app' });\n" % dbhost()]),
            ('top', lambda: ["mongoose.connect('mongodb+srv://admin:", pw('secret_js_mongodb_srv_password'), "@cluster0.%s.mongodb.net/prod?retryWrites=true&w=majority');\n" % rs(LO + DIG, 5)]),
            ('top', lambda: ['const firebaseConfig = {\n  apiKey: "', S_(google_key(), 'secret_js_firebase_config_api_key'), '",\n  authDomain: "acme-prod.firebaseapp.com",\n  projectId: "acme-prod",\n};\n']),
            ('top', lambda: ["const octokit = new Octokit({ auth: '", S_(gh_token(), 'secret_js_octokit_auth_ghp'), "' });\n"]),
            ('top', lambda: ["sgMail.setApiKey('", S_(sendgrid(), 'secret_js_sendgrid_setapikey'), "');\n"]),
            ('top', lambda: ["export const TEST_JWT =\n  '", S_(jwt({'sub': uid(), 'role': 'admin', 'iat': 1709251200}), 'secret_js_test_fixture_jwt'), "';\n"]),
            ('top', lambda: ["// const OPENAI_KEY = '", S_(openai_key(), 'secret_js_commented_out_openai_key'), "';\n"]),
        ]
        neg = [
            ('top', lambda: ["const openai = new OpenAI({ apiKey: '", N('sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'secret', 'neg_placeholder_xxx_openai'), "' }); // replace me\n"]),
            ('top', lambda: ["const logo = '", N(b64png_uri(), 'secret', 'neg_base64_png_data_uri'), "';\n"]),
            ('top', lambda: ['// <script src="https://cdn.jsdelivr.net/npm/chart.js@4.4.1" integrity="', N(sri(), 'secret', 'neg_sri_integrity_sha384'), '" crossorigin="anonymous"></script>\n']),
            ('top', lambda: ["const SESSION_ID_RE = /^[a-f0-9]{32}$/; // e.g. '", N(rs(HEX, 32), 'secret', 'neg_hex32_example_in_comment'), "'\n"]),
            ('top', lambda: ["const apiKey = process.env.STRIPE_KEY ?? '", N('<STRIPE_SECRET_KEY>', 'secret', 'neg_placeholder_angle_brackets'), "';\n"]),
        ]
    elif lang == 'go':
        pos = [
            ('body', lambda: ['db, err := sql.Open("mysql", "root:', pw('secret_go_sql_open_dsn_password'), '@tcp(%s:3306)/orders?parseTime=true")\n' % dbhost()]),
            ('body', lambda: ['cfg.Credentials = credentials.NewStaticCredentialsProvider("', S_(aws_akid(), 'secret_go_aws_static_akid'), '", "', S_(aws_secret(), 'secret_go_aws_static_secret'), '", "")\n']),
            ('top', lambda: ['const githubToken = "', S_(gh_token(), 'secret_go_const_github_token'), '"\n']),
            ('body', lambda: ['api := slack.New("', S_(slack_bot(), 'secret_go_slack_new_token'), '")\n']),
            ('body', lambda: ['bot, _ := tgbotapi.NewBotAPI("', S_(telegram(), 'secret_go_telegram_bot_token'), '")\n']),
        ]
        neg = [
            ('top', lambda: ['var buildCommit = "', N(rs(HEX, 40), 'secret', 'neg_git_sha_go_var'), '"\n']),
            ('top', lambda: ['// checksum: sha256:', N(rs(HEX, 64), 'secret', 'neg_sha256_comment_go'), '\n']),
            ('top', lambda: ['const apiKey = "', N('REPLACE_WITH_YOUR_KEY', 'secret', 'neg_placeholder_replace_with'), '"\n']),
        ]
    elif lang == 'java':
        pos = [
            ('body', lambda: ['Connection c = DriverManager.getConnection("jdbc:mysql://%s:3306/etl", "etl_user", "' % dbhost(), pw('secret_java_drivermanager_password_arg'), '");\n']),
            ('field', lambda: ['private static final String SENDGRID_API_KEY = "', S_(sendgrid(), 'secret_java_static_final_sendgrid'), '";\n']),
            ('body', lambda: ['AWSCredentials creds = new BasicAWSCredentials("', S_(aws_akid(), 'secret_java_basic_aws_akid'), '", "', S_(aws_secret(), 'secret_java_basic_aws_secret'), '");\n']),
            ('body', lambda: ['props.put("mail.smtp.password", "', pw('secret_java_props_smtp_password'), '");\n']),
        ]
        neg = [
            ('field', lambda: ['private static final String CHECKSUM = "', N(rs(HEX, 40), 'secret', 'neg_sha1_java_constant'), '";\n']),
            ('body', lambda: ['UUID tenant = UUID.fromString("', N(uid(), 'secret', 'neg_uuid_java'), '");\n']),
            ('body', lambda: ['String pwd = System.getenv("DB_PASSWORD"); // default: "', N('<password>', 'secret', 'neg_placeholder_angle_password'), '"\n']),
        ]
    elif lang == 'csharp':
        pos = [
            ('body', lambda: ['var cs = "Server=tcp:acme-sql.database.windows.net,1433;Initial Catalog=billing;User ID=billing_app;Password=', pw('secret_cs_sqlserver_connstring_password'), ';Encrypt=True;";\n']),
            ('body', lambda: ['var blob = new BlobServiceClient("DefaultEndpointsProtocol=https;AccountName=acmedata;AccountKey=', S_(azure_storage_key(), 'secret_cs_azure_storage_account_key'), ';EndpointSuffix=core.windows.net");\n']),
            ('body', lambda: ['var mail = new SendGridClient("', S_(sendgrid(), 'secret_cs_sendgridclient_ctor'), '");\n']),
            ('body', lambda: ['var credential = new ClientSecretCredential("%s", "%s", "' % (uid(), uid()), S_(azure_client_secret(), 'secret_cs_azure_ad_client_secret'), '");\n']),
        ]
        neg = [
            ('attr', lambda: ['[Guid("', N(uid().upper(), 'secret', 'neg_uuid_cs_guid_attribute'), '")]\n']),
            ('body', lambda: ['// Newtonsoft.Json 13.0.3, PublicKeyToken=', N(rs(HEX, 16), 'secret', 'neg_public_key_token_cs'), '\n']),
        ]
    elif lang == 'ruby':
        pos = [
            ('top', lambda: ["Stripe.api_key = '", S_(stripe('sk_live_'), 'secret_rb_stripe_api_key_assign'), "'\n"]),
            ('top', lambda: ["Aws.config.update(credentials: Aws::Credentials.new('", S_(aws_akid(), 'secret_rb_aws_credentials_akid'), "', '", S_(aws_secret(), 'secret_rb_aws_credentials_secret'), "'))\n"]),
            ('top', lambda: ["client = Twilio::REST::Client.new('AC%s', '" % rs(HEX, 32), S_(rs(HEX, 32), 'secret_rb_twilio_auth_token'), "')\n"]),
            ('top', lambda: ["ActionMailer::Base.smtp_settings = { address: 'smtp.sendgrid.net', port: 587, user_name: 'apikey', password: '", S_(sendgrid(), 'secret_rb_smtp_settings_sendgrid_password'), "' }\n"]),
        ]
        neg = [
            ('top', lambda: ["# production:\n#   secret_key_base: ", N('<%= ENV["SECRET_KEY_BASE"] %>', 'secret', 'neg_erb_env_template'), "\n"]),
            ('top', lambda: ["# Stripe.api_key = '", N('sk_test_xxxxxxxxxxxxxxxxxxxxxxxx', 'secret', 'neg_placeholder_xxx_stripe'), "'\n"]),
        ]
    elif lang == 'php':
        pos = [
            ('stmt', lambda: ["$pdo = new PDO('mysql:host=127.0.0.1;dbname=shop', 'shop', '", pw('secret_php_pdo_ctor_password_arg'), "');\n"]),
            ('stmt', lambda: ["$mail->Password = '", pw('secret_php_phpmailer_password'), "';\n"]),
            ('entry', lambda: ["'mailgun' => ['domain' => 'mg.acme-shop.de', 'secret' => env('MAILGUN_SECRET', '", S_(mailgun_key(), 'secret_php_env_default_mailgun_key'), "')],\n"]),
        ]
        neg = [
            ('entry', lambda: ["'database' => ['password' => env('DB_PASSWORD', '", N('secret', 'secret', 'neg_placeholder_laravel_default_secret'), "')],\n"]),
            ('entry', lambda: ["'app' => ['key' => env('APP_KEY')],  // e.g. ", N('base64:' + 'A' * 43 + '=', 'secret', 'neg_placeholder_app_key_aaaa'), "\n"]),
        ]
    elif lang == 'rust':
        pos = [
            ('top', lambda: ['const API_TOKEN: &str = "', S_(glpat(), 'secret_rs_const_gitlab_token'), '";\n']),
            ('body', lambda: ['let pool = PgPool::connect("postgres://svc:', pw('secret_rs_pgpool_connect_url_password'), '@%s/app").await?;\n' % dbhost()]),
            ('body', lambda: ['let resp = Client::new().get(url).bearer_auth("', S_(anthropic_key(), 'secret_rs_reqwest_bearer_auth'), '").send().await?;\n']),
        ]
        neg = [
            ('top', lambda: ['const MODEL_SHA256: &str = "', N(rs(HEX, 64), 'secret', 'neg_sha256_rust_const'), '";\n']),
            ('body', lambda: ['let key = std::env::var("API_KEY").unwrap_or_else(|_| "', N('dummy-key-for-tests', 'secret', 'neg_placeholder_dummy_key'), '".into());\n']),
        ]
    elif lang == 'shell':
        pos = [
            ('top', lambda: ['curl -sS -H "Authorization: token ', S_(gh_token(), 'secret_sh_curl_auth_header_ghp'), '" https://api.github.com/repos/acme/ml-platform/releases\n']),
            ('top', lambda: ['export AWS_SECRET_ACCESS_KEY=', S_(aws_secret(), 'secret_sh_export_aws_secret'), '\n']),
            ('top', lambda: ["mysql -h %s -u root -p'" % dbhost(), pw('secret_sh_mysql_dash_p_password'), "' orders < dump.sql\n"]),
            ('top', lambda: ['echo "', S_(docker_pat(), 'secret_sh_docker_login_pat'), '" | docker login -u acmeci --password-stdin\n']),
            ('top', lambda: ['export HF_TOKEN=', S_(hf_tok(), 'secret_sh_export_hf_token'), '\n']),
            ('top', lambda: ['export WANDB_API_KEY=', S_(wandb_key(), 'secret_sh_export_wandb_key'), '\n']),
        ]
        neg = [
            ('top', lambda: ['export OPENAI_API_KEY=', N('${OPENAI_API_KEY:?set me}', 'secret', 'neg_shell_param_expansion'), '\n']),
            ('top', lambda: ['echo "', N(rs(HEX, 64), 'secret', 'neg_sha256sum_check_line'), '  model.safetensors" | sha256sum -c -\n']),
        ]
    else:
        raise KeyError(lang)
    return pos, neg


EXT = {'python': 'py', 'javascript': 'js', 'typescript': 'ts', 'go': 'go', 'java': 'java', 'csharp': 'cs', 'ruby': 'rb', 'php': 'php', 'rust': 'rs', 'shell': 'sh'}
COMMENT = {'python': '#', 'javascript': '//', 'typescript': '//', 'go': '//', 'java': '//', 'csharp': '//', 'ruby': '#', 'php': '//', 'rust': '//', 'shell': '#'}


def indent(parts, pad):
    """Indent every line of an idiom (the labelled values never contain newlines)."""
    out, bol = [], True
    for p in parts:
        if isinstance(p, L):
            if bol:
                out.append(pad)
            out.append(p)
            bol = False
            continue
        s = ''
        for ch in p:
            if bol and ch != '\n':
                s += pad
            s += ch
            bol = ch == '\n'
        out.append(s)
    return out


def code_file(lang, items, author=None):
    """Lay tagged idioms out in a plausible file of the language.  items: list of (where, parts)."""
    g = collections.defaultdict(list)
    for where, parts in items:
        g[where].append(parts)
    cat = lambda where, pad='': [x for it in g[where] for x in indent(it, pad)]
    c = COMMENT[lang]
    head = ([c, ' Author: ', author('name', 'source_header_author'), ' <', author('email', 'source_header_author'), '>\n', c, ' (c) 2023 - internal use only\n\n'] if author and lang != 'java' else [])
    if lang == 'python':
        return head + ['import os\nimport logging\n\nimport boto3\nimport psycopg2\nimport pytest\nimport anthropic\nfrom openai import OpenAI\nfrom slack_sdk import WebClient\nfrom huggingface_hub import login\n\nlog = logging.getLogger(__name__)\n\n'] + \
            cat('top') + ['\n\ndef load_rows(path):\n    with open(path, encoding="utf-8") as fh:\n        return [json.loads(l) for l in fh if l.strip()]\n']
    if lang in ('javascript', 'typescript'):
        imp = "'use strict';\nconst express = require('express');\nconst { Pool } = require('pg');\nconst mongoose = require('mongoose');\n\n" if lang == 'javascript' else \
            "import express from 'express';\nimport { Pool } from 'pg';\nimport mongoose from 'mongoose';\nimport { Octokit } from '@octokit/rest';\nimport sgMail from '@sendgrid/mail';\n\n"
        return head + [imp] + cat('top') + ["\nconst app = express();\napp.get('/health', (_req, res) => res.json({ ok: true }));\napp.listen(process.env.PORT || 3000);\n"]
    if lang == 'go':
        return head + ['package main\n\nimport (\n\t"database/sql"\n\t"log"\n\n\t"github.com/aws/aws-sdk-go-v2/credentials"\n\t"github.com/slack-go/slack"\n)\n\n'] + cat('top') + \
            ['\nfunc main() {\n'] + cat('body', '\t') + ['\tlog.Println("gateway ready")\n}\n']
    if lang == 'java':
        jd = ['/**\n * Nightly export job.\n *\n * @author ', author('name', 'javadoc_author'), ' <', author('email', 'javadoc_author'), '>\n */\n'] if author else []
        return ['package com.acme.etl;\n\nimport java.sql.*;\nimport java.util.*;\nimport com.amazonaws.auth.*;\n\n'] + jd + ['public class ExportJob {\n'] + cat('field', '    ') + \
            ['\n    public static void main(String[] args) throws Exception {\n        Properties props = new Properties();\n'] + cat('body', '        ') + ['        System.out.println("done");\n    }\n}\n']
    if lang == 'csharp':
        return head + ['using System;\nusing Azure.Identity;\nusing Azure.Storage.Blobs;\nusing SendGrid;\n\nnamespace Acme.Billing\n{\n'] + cat('attr', '    ') + \
            ['    public static class Program\n    {\n        public static void Main(string[] args)\n        {\n'] + cat('body', '            ') + ['        }\n    }\n}\n']
    if lang == 'ruby':
        return head + ["require 'stripe'\nrequire 'aws-sdk-s3'\nrequire 'twilio-ruby'\n\n"] + cat('top') + ["\nmodule Billing\n  class Charge\n    def call(amount)\n      Stripe::Charge.create(amount: amount, currency: 'eur')\n    end\n  end\nend\n"]
    if lang == 'php':
        out = ['<?php\n\n'] + head + cat('stmt')
        if g['entry']:
            out += ['\nreturn [\n'] + cat('entry', '    ') + ['];\n']
        return out
    if lang == 'rust':
        return head + ['use reqwest::Client;\nuse sqlx::PgPool;\n\n'] + cat('top') + ['\n#[tokio::main]\nasync fn main() -> anyhow::Result<()> {\n    let url = "https://api.acme-ml.io/v1/jobs";\n'] + \
            cat('body', '    ') + ['    Ok(())\n}\n']
    if lang == 'shell':
        return ['#!/usr/bin/env bash\nset -euo pipefail\n'] + head + ['cd "$(dirname "$0")/.."\n\n'] + cat('top') + ['\necho "release done"\n']
    raise KeyError(lang)


def draw_items(lang, npos, nneg):
    pos, neg = P(lang)
    chosen = R.sample(pos, min(npos, len(pos))) + R.sample(neg, min(nneg, len(neg)))
    R.shuffle(chosen)
    return [(w, fn()) for w, fn in chosen]


def author_subject(shape):
    return Subject(pick(['en_US', 'de_DE', 'fr_FR', 'pl_PL', 'en_IN', 'pt_BR', 'nl_NL']), shape, company_domain=pick(['acme-ml.io', 'northwind-data.com', 'rheinwerk.de']))


STACK_LANGS = ['python', 'python', 'javascript', 'typescript', 'go', 'java', 'csharp', 'ruby', 'php', 'rust', 'shell']


def f_stack_jsonl():
    """The Stack-like JSONL: metadata + `content` holding a whole source file."""
    D = Doc5('code/the-stack-dedup-sample/data/train-00000-of-00001.jsonl')
    for i in range(44):
        lang = STACK_LANGS[i % len(STACK_LANGS)]
        content = code_file(lang, draw_items(lang, R.randint(0, 3), R.randint(1, 2)), author_subject('stack_jsonl') if chance(0.6) else None)
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
        where, parts = draw_items(lang, 1, 0)[0] if i % 3 != 2 else draw_items(lang, 0, 1)[0]
        labs = [x for x in parts if isinstance(x, L)]
        if len(labs) > 1:   # one label per cell: the others stay as plain (unlabelled) text
            parts = [x if (not isinstance(x, L) or x is labs[0]) else x.value for x in parts]
        content = T(*code_file(lang, [(where, parts)]))
        rows.append({'content': content, 'lang': lang, 'path': 'src/%s.%s' % (pick(['app', 'main', 'conf', 'db']), EXT[lang]), 'repo_name': pick(['acme/infra', 'jdoe/dotfiles', 'kitsune/bot']),
                     'hexsha': N(rs(HEX, 40), 'secret', 'neg_git_sha_parquet_hexsha') if i % 5 == 0 else rs(HEX, 40), 'size': len(content.plain()), 'license': 'MIT'})
    pq5('code/the-stack-smol-xl/data/mixed/train-00001-of-00002.parquet', rows, schema)


def f_raw_sources():
    langs = [('python', 'code/repos/ml-platform/services/ingest/settings.py'), ('typescript', 'code/repos/ml-platform/web/src/lib/db.ts'),
             ('go', 'code/repos/ml-platform/services/gateway/main.go'), ('java', 'code/repos/ml-platform/jobs/src/main/java/com/acme/etl/ExportJob.java'),
             ('csharp', 'code/repos/ml-platform/billing/Program.cs'), ('rust', 'code/repos/ml-platform/tools/fetcher/src/main.rs'), ('shell', 'code/repos/ml-platform/scripts/release.sh'),
             ('ruby', 'code/repos/ml-platform/legacy/app/services/billing/charge.rb'), ('php', 'code/repos/ml-platform/legacy/config/services.php')]
    for lang, rel in langs:
        D = Doc5(rel)
        D.add(code_file(lang, draw_items(lang, R.randint(2, 4), R.randint(2, 3)), author_subject('raw_source')))


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
    for j, mod in enumerate(['github.com/aws/aws-sdk-go-v2', 'github.com/go-sql-driver/mysql', 'github.com/slack-go/slack', 'golang.org/x/net', 'golang.org/x/sys', 'google.golang.org/protobuf', 'github.com/google/uuid']):
        ver = 'v%d.%d.%d' % (R.randint(0, 1), R.randint(1, 30), R.randint(0, 12))
        h1 = base64.b64encode(bytes(R.getrandbits(8) for _ in range(32))).decode()
        h2 = base64.b64encode(bytes(R.getrandbits(8) for _ in range(32))).decode()
        G.add(mod, ' ', ver, ' h1:', N(h1, 'secret', 'neg_go_sum_h1_hash') if j % 2 == 0 else h1, '\n', mod, ' ', ver, '/go.mod h1:', h2, '\n')


# ============================================================================
# web / social / documents
# ============================================================================

def reddit_comment(body, sub, created):
    cid = rs(LO + DIG, 7)
    return {'archived': False, 'author': pick(['throwaway_%d' % R.randint(1000, 99999), 'Tech_Wizard%d' % R.randint(1, 99), 'quietmoose', 'dasbootfahrer', '[deleted]', 'xX_gamer_Xx', 'pm_me_ur_dogs']),
            'author_flair_css_class': None, 'author_flair_text': None, 'body': body, 'controversiality': 0, 'created_utc': created, 'distinguished': None, 'edited': False,
            'gilded': 0, 'id': cid, 'link_id': 't3_' + rs(LO + DIG, 6), 'parent_id': 't1_' + rs(LO + DIG, 7), 'retrieved_on': created + R.randint(10 ** 6, 3 * 10 ** 6),
            'score': R.randint(-5, 400), 'stickied': False, 'subreddit': sub, 'subreddit_id': 't5_' + rs(LO + DIG, 5), 'ups': R.randint(0, 400)}


def f_reddit_rc():
    """Pushshift comment dump (ndjson, compact JSON), bzip2."""
    D = Doc5('social/reddit/comments/RC_2016-03.bz2')
    t0 = 1456790400
    for i in range(90):
        k = i % 10
        loc = pick(['en_US', 'en_GB', 'en_CA', 'en_AU', 'de_DE'])
        S = Subject(loc, 'reddit_comment')
        t = t0 + i * R.randint(200, 3000)
        if k == 0:
            body, sub = T('My router keeps dropping. MAC of the laptop is ', S('mac', 'tech_support_body'), ' and the WAN IP it shows is ', S('ip', 'tech_support_body'),
                          ". ISP says it's on my end. Windows build ", N('10.0.%d.%d' % (R.choice([19041, 19045, 22621]), R.randint(100, 3000)), 'ip', 'neg_ip_like_windows_build'), '.'), 'techsupport'
        elif k == 1:
            body, sub = T("Landlord won't return the deposit. Place is ", S('addr', 'legaladvice_in_sentence'), '. I have photos of everything. What are my options?'), 'legaladvice'
        elif k == 2:
            body, sub = T('PSA: scammer calling from ', S('phone', 'scam_warning_national'), ' pretending to be from the bank. Hung up.'), 'Scams'
        elif k == 3:
            body, sub = T('lol no. call ', N(neg_phone_fictional(pick(['US', 'GB'])), 'phone', 'neg_phone_fictional_range_reddit'), ", that's what they use in every movie"), 'movies'
        elif k == 4:
            body, sub = '[deleted]', 'AskReddit'
        elif k == 5:
            body, sub = T('Anyone else getting ', N(pick(['FF:FF:FF:FF:FF:FF', '00:00:00:00:00:00', 'ff-ff-ff-ff-ff-ff']), 'mac', 'neg_mac_broadcast_or_zero_reddit'), ' as the MAC in arp -a? Weird.'), 'networking'
        elif k == 6:
            body, sub = T('If anyone from the meetup wants the slides, email me: ', S('email', 'reddit_body_plain'), ' (not checking PMs)'), 'datascience'
        elif k == 7:
            body, sub = T('Suche Nachmieter für meine Wohnung, ', S('addr', 'nachmieter_in_sentence'), ', 2 Zimmer, 780 warm. Meldet euch unter ', S('phone', 'nachmieter_national'), '.'), 'de'
        elif k == 8:
            body, sub = T('Happy cake day! Mine was ', N(other_date().strftime('%B %d'), 'dob', 'neg_dob_cake_day_partial'), ' lol'), 'AskReddit'
        else:
            body, sub = T('>', pick(['This.', 'Source?', 'Username checks out.']), '\n\nEdit: ', S('first', 'reddit_signoff_first_only'), ' here, thanks for the gold kind stranger'), 'funny'
        D.add(jc(reddit_comment(body, sub, t)), '\n')


def f_reddit_rs():
    """Pushshift submission dump (ndjson), xz."""
    D = Doc5('social/reddit/submissions/RS_2018-07.xz')
    t0 = 1530403200
    for i in range(50):
        k = i % 5
        loc = pick(['en_US', 'en_GB', 'en_CA', 'en_AU', 'en_IE'])
        S = Subject(loc, 'reddit_submission')
        if k == 0:
            title = T('MISSING: ', S('name', 'missing_person_title'), ', last seen Friday')
            st = T('Our friend ', S('name', 'missing_person_body'), ' (born ', S('dob', 'missing_person_words'), ') has not been home since Friday. If you see them please call ', S('phone', 'missing_person_national'), '.')
            sub = 'MissingPersons'
        elif k == 1:
            title = T('[USA-CA] [H] RTX 2080 [W] PayPal, local cash')
            st = T('Timestamps: imgur.com/a/', rs(ALNUM, 7), '\n\nLocal pickup at ', S('addr', 'hardwareswap_pickup'), ' or shipped. PM or text ', S('phone', 'hardwareswap_national'), '.')
            sub = 'hardwareswap'
        elif k == 2:
            title = T('My grandma turned 90 today!')
            st = T('She was born ', S('dob', 'grandma_words'), ' and still does the crossword in pen.')
            sub = 'pics'
        elif k == 3:
            title = T('Found a wallet on the 38 bus')
            st = T('ID says ', S('name', 'found_wallet'), '. Also a card ending ', N(d(4), 'card', 'neg_card_last4_only'), '. Handed it to the driver.')
            sub = 'london'
        else:
            title = T('Server getting hammered by ', S('ip', 'sysadmin_title'))
            st = T('fail2ban shows thousands of attempts from that IP and from ', S('ip', 'sysadmin_body'), '. Also seeing ', N('203.0.113.%d' % R.randint(1, 254), 'ip', 'neg_ip_documentation_range_reddit'), ' in the docs example lol.')
            sub = 'sysadmin'
        created = t0 + i * R.randint(300, 5000)
        rec = {'author': pick(['throwaway_%d' % R.randint(1000, 99999), 'quietmoose', 'bus38regular', 'helpfind_%d' % i]), 'created_utc': created, 'domain': 'self.' + sub,
               'id': rs(LO + DIG, 6), 'num_comments': R.randint(0, 300), 'over_18': False, 'permalink': '/r/%s/comments/%s/' % (sub, rs(LO + DIG, 6)), 'score': R.randint(0, 5000),
               'selftext': st, 'subreddit': sub, 'title': title, 'url': 'https://www.reddit.com/r/%s/' % sub}
        D.add(jc(rec), '\n')


def f_forum_single_line():
    """Discourse posts export: one JSON array on a single line (~300 KB)."""
    D = Doc5('forum/discourse/posts_export_2024-03-01.json')
    posts = []
    for i in range(800):
        loc = pick(['en_US', 'en_GB', 'de_DE', 'fr_FR', 'es_ES', 'it_IT', 'nl_NL', 'pl_PL', 'pt_BR', 'sv_SE'])
        S = Subject(loc, 'discourse_json')
        k = i % 16
        if k == 4 and i % 32 != 4:
            k = 9
        if k == 0:
            raw = T('Selling my old NAS, pick-up only: ', S('addr', 'raw_in_sentence'), '. DM me.')
        elif k == 1:
            raw = T('You can reach me at ', S('email', 'raw_plain'), ' for the config files.')
        elif k == 2:
            raw = T('My number for the carpool: ', S('phone', 'raw_national'))
        elif k == 3:
            raw = T('Here is my token, can someone check why it fails? ', S_(gh_token(), 'secret_discourse_raw_pasted_github_token'))
        elif k == 4:
            raw = T('Use ', N(neg_email(), 'email', 'neg_email_reserved_domain_forum'), ' in the examples, never a real one.')
        else:
            raw = pick(['Thanks, that fixed it!', 'Same problem here on 2.3.1.', 'Did you try clearing the cache?', 'Marking as solved.', '+1'])
        rawtxt = plain(raw)
        cooked = T('<p>', *mapesc(list(flat([raw])), lambda s: s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')), '</p>') if isinstance(raw, T) else '<p>%s</p>' % rawtxt
        if isinstance(cooked, T):   # the cooked copy gets its own forms
            cooked = T(*[p.re(p.value) if isinstance(p, L) else p for p in cooked])
            for p in cooked:
                if isinstance(p, L):
                    p.form = p.form.replace('_raw', '_cooked_html') if '_raw' in p.form else p.form + '_cooked_html'
        ip = S('ip', 'post_ip_address_field') if i % 6 == 0 else '10.%d.%d.%d' % (R.randint(0, 255), R.randint(0, 255), R.randint(1, 254))
        posts.append({'id': 10000 + i, 'username': (translit(S.p.first)[:1] + translit(S.p.last))[:20] or 'user%d' % i, 'name': S('name', 'display_name_field') if i % 4 == 0 else '',
                      'created_at': N(rts().strftime('%Y-%m-%dT%H:%M:%S.%f')[:-3] + 'Z', 'dob', 'neg_dob_post_created_at') if i % 10 == 0 else rts().strftime('%Y-%m-%dT%H:%M:%S.%f')[:-3] + 'Z',
                      'cooked': cooked, 'raw': raw, 'post_number': R.randint(1, 40), 'topic_id': R.randint(100, 900), 'ip_address': ip,
                      'user_agent': pick(UAS), 'reads': R.randint(0, 500), 'score': round(R.uniform(0, 50), 1), 'yours': False, 'trust_level': R.randint(0, 3)})
    D.add(jc(posts))


def f_reviews():
    """Amazon reviews 2014 (McAuley) shape JSONL."""
    D = Doc5('reviews/amazon_2014/reviews_Electronics_5_sample.jsonl')
    for i in range(80):
        loc = pick(['en_US', 'en_US', 'en_GB', 'en_CA'])
        S = Subject(loc, 'amazon_review')
        k = i % 8
        if k in (0, 1, 2):
            rn = S('name', 'reviewername_field')
        elif k == 3:
            rn = L('%s. %s' % (S.p.first[0], S.p.last), 'name', 'name_amazon_review_reviewername_initial_last')
        elif k == 4:
            rn = 'Amazon Customer'
        else:
            rn = pick(['TechGuy42', 'Kindle Fan', 'bargainhunter', 'J'])
        txt = pick(['Works as advertised. Battery lasts about two days.', 'Stopped working after a month, returned it.', 'Great value for the price, five stars.',
                    'The cable is shorter than I expected but does the job.'])
        if k == 1:
            txt = T(txt, ' If yours breaks too, email me at ', S('email', 'review_text'), ' - I found a fix.')
        elif k == 6:
            txt = T(txt, ' Bought it for my dad ', S('name', 'review_text_third_party'), ' who lives at ', S('addr', 'review_text_in_sentence'), ', he loves it.')
        rt = rdate(dt.date(2009, 1, 1), dt.date(2014, 7, 1))
        rec = {'reviewerID': 'A' + rs(UP + DIG, 13), 'asin': 'B00' + rs(UP + DIG, 7), 'reviewerName': rn, 'helpful': [R.randint(0, 9), R.randint(9, 20)], 'reviewText': txt,
               'overall': float(R.randint(1, 5)), 'summary': pick(['Good', 'Meh', 'Love it', 'Broke fast']), 'unixReviewTime': int(dt.datetime(rt.year, rt.month, rt.day).timestamp()),
               'reviewTime': N(rt.strftime('%m %d, %Y'), 'dob', 'neg_dob_review_time') if i % 4 == 0 else rt.strftime('%m %d, %Y')}
        D.add(jl(rec))


def f_classifieds():
    """Scraped classifieds: semicolon CSV, decimal commas, multi-line quoted descriptions, UTF-8."""
    D = Doc5('crawl/classifieds/kleinanzeigen_scrape_2024-02_berlin.csv')
    D.add(csv_row(['anzeige_id', 'titel', 'preis_eur', 'plz', 'ort', 'beschreibung', 'kontakt_name', 'telefon', 'erstellt', 'aufrufe'], ';', '\n'))
    for i in range(46):
        S = Subject(pick(['de_DE', 'de_DE', 'de_AT', 'tr_TR', 'pl_PL']), 'classifieds_csv')
        if S.loc != 'de_DE':
            S.p.region = 'DE'   # lives in Berlin: German number
        price = de_num(R.uniform(5, 2500))
        k = i % 5
        if k == 0:
            desc = T('Verkaufe mein Fahrrad, 28 Zoll.\nAbholung in ', L(address('de_DE'), 'address', 'address_classifieds_csv_multiline_cell'), '.\nTel. ', S('phone', 'csv_description_national'), ' ab 18 Uhr')
        elif k == 1:
            desc = T('Sofa, kaum benutzt.\nNur Abholung!\nKeine Versandanfragen.')
        elif k == 2:
            desc = T('Nachhilfe Mathe/Physik\nKontakt gern per Mail: ', S('email', 'csv_description'))
        elif k == 3:
            desc = T('Biete Wohnung zur Untermiete.\nBesichtigung nach Absprache, Anzeige-Nr. ', negnum(lambda: '2' + d(9), 'phone', 'neg_phone_ad_number_10digit'), '.')
        else:
            desc = T('Kinderwagen "Emmaljunga", Farbe grau;\nmit Regenschutz.')
        name = S('name', 'kontakt_name_field') if i % 3 else S('first', 'kontakt_name_field_first_only')
        tel = S('phone', 'telefon_field_national') if k != 0 else ''
        D.add(csv_row([str(2600000000 + R.randint(0, 99999999)), ['Fahrrad 28"', 'Sofa grau', 'Nachhilfe', 'Untermiete 1 Zi.', 'Kinderwagen'][k], price, d(5), 'Berlin', desc, name, tel,
                       N(rts().strftime('%d.%m.%Y %H:%M'), 'dob', 'neg_dob_classified_created') if i % 6 == 0 else rts().strftime('%d.%m.%Y %H:%M'), str(R.randint(3, 900))], ';', '\n'))


CV_HEAD = {'en': ('Date of birth', 'Nationality', 'EXPERIENCE', 'EDUCATION', 'SKILLS'), 'de': ('Geburtsdatum', 'Staatsangehörigkeit', 'BERUFSERFAHRUNG', 'AUSBILDUNG', 'KENNTNISSE'),
           'fr': ('Date de naissance', 'Nationalité', 'EXPÉRIENCE', 'FORMATION', 'COMPÉTENCES'), 'es': ('Fecha de nacimiento', 'Nacionalidad', 'EXPERIENCIA', 'FORMACIÓN', 'HABILIDADES'),
           'it': ('Data di nascita', 'Nazionalità', 'ESPERIENZA', 'ISTRUZIONE', 'COMPETENZE'), 'pl': ('Data urodzenia', 'Obywatelstwo', 'DOŚWIADCZENIE', 'WYKSZTAŁCENIE', 'UMIEJĘTNOŚCI'),
           'pt': ('Data de nascimento', 'Nacionalidade', 'EXPERIÊNCIA', 'FORMAÇÃO', 'COMPETÊNCIAS')}


def cv_text(S, nl='\n', shape='resume'):
    lang = S.lang if S.lang in CV_HEAD else 'en'
    h = CV_HEAD[lang]
    y1 = R.randint(2012, 2019)
    parts = [S('name', 'cv_header'), nl, S('addr', 'cv_header'), nl, S('phone', 'cv_header_national'), ' | ', S('email', 'cv_header'), ' | linkedin.com/in/', translit(S.p.first) + '-' + translit(S.p.last) + '-' + rs(HEX, 6), nl]
    if lang != 'en' or S.loc == 'en_IN':
        parts += [h[0], ': ', S('dob_num', 'cv_field'), nl, h[1], ': ', {'de': 'deutsch', 'fr': 'française', 'es': 'española', 'it': 'italiana', 'pl': 'polskie', 'pt': 'brasileira'}.get(lang, 'Indian'), nl]
    present = {'de': 'heute', 'fr': "aujourd'hui", 'es': 'actualidad', 'it': 'oggi', 'pl': 'obecnie', 'pt': 'atual'}.get(lang, 'present')
    parts += [nl, h[2], nl, N('%02d/%d' % (R.randint(1, 12), y1), 'dob', 'neg_dob_cv_employment_start'), ' - ', present, '  Data Analyst, ',
              pick(['Northwind GmbH', 'Contoso SARL', 'Initech S.A.', 'Globex Sp. z o.o.']), nl, '- Built dashboards in Power BI; reduced reporting time by 40%', nl,
              '%02d/%d - %02d/%d  Working student, ' % (R.randint(1, 12), y1 - 3, R.randint(1, 12), y1 - 1), pick(['Umbrella AG', 'Hooli Ltd']), nl, nl, h[3], nl,
              '%d - %d  M.Sc. Statistics, ' % (y1 - 5, y1 - 3), pick(['TU München', 'Université Lyon 2', 'Universidad de Granada', 'Politecnico di Milano', 'Uniwersytet Warszawski', 'USP']), nl, nl,
              h[4], nl, 'Python, SQL, R, Spark, Tableau; ', pick(['English C1', 'Deutsch C2', 'Français B2']), nl, nl, 'Referenzen auf Anfrage.' if lang == 'de' else 'References available on request.', nl]
    if chance(0.3):
        R_ = Subject(S.loc, S.shape)
        parts += ['Referenz: ' if lang == 'de' else 'Referee: ', R_('name', 'cv_referee'), ', ', R_('phone', 'cv_referee_national'), nl]
    return parts


def f_resume_csv():
    """Kaggle 'Resume.csv' shape: ID, Resume_str (multi-line), Category."""
    D = Doc5('hr/resume_dataset/Resume.csv')
    D.add(csv_row(['ID', 'Resume_str', 'Category']))
    for i in range(36):
        S = Subject(pick(['en_US', 'en_GB', 'en_IN', 'de_DE', 'fr_FR', 'es_ES', 'it_IT', 'pl_PL', 'pt_BR']), 'resume_csv')
        D.add(csv_row([str(10000000 + R.randint(0, 89999999)), T(*cv_text(S)), pick(['DATA-SCIENCE', 'INFORMATION-TECHNOLOGY', 'FINANCE', 'HR', 'ENGINEERING'])]))


def f_cv_bom_crlf():
    """A CV saved by Windows Notepad: UTF-8 with BOM, CRLF line ends."""
    D = Doc5('hr/inbox/Bewerbung_Lebenslauf_final_v3.txt', bom=True)
    S = Subject('de_DE', 'cv_txt_bom_crlf')
    D.add('LEBENSLAUF\r\n\r\n')
    D.add(cv_text(S, nl='\r\n'))
    D.add('\r\nSteuer-ID: ', S('nid', 'cv_field'), '\r\nBankverbindung für Reisekosten: ', S('iban', 'cv_field'), '\r\n\r\nMünchen, ', N(other_date().strftime('%d.%m.%Y'), 'dob', 'neg_dob_cv_signature_date'), '\r\n', S('name', 'cv_signature'), '\r\n')
    D2 = Doc5('hr/inbox/cover_letter_2024.txt', bom=True)
    S2 = Subject('en_GB', 'cv_txt_bom_crlf')
    D2.add(S2('name', 'cover_letter_header'), '\r\n', S2('addr', 'cover_letter_header'), '\r\n', S2('phone', 'cover_letter_national'),
           '\r\n\r\n', N(other_date().strftime('%d %B %Y'), 'dob', 'neg_dob_letter_date'), '\r\n\r\nDear Hiring Manager,\r\n\r\nI am applying for the Machine Learning Engineer role. ',
           'I can be reached at ', S2('email', 'cover_letter_body'), '.\r\n\r\nYours sincerely,\r\n', S2('name', 'cover_letter_signature'), '\r\n')


def f_mtsamples_xz():
    """MTSamples-like medical transcription CSV (description, medical_specialty, sample_name, transcription, keywords), xz."""
    D = Doc5('medical/mtsamples/mtsamples_deid_failed.csv.xz')
    D.add(csv_row(['', 'description', 'medical_specialty', 'sample_name', 'transcription', 'keywords']))
    for i in range(40):
        S = Subject(pick(['en_US', 'en_US', 'en_US', 'en_GB']), 'mtsamples')
        doc = Subject('en_US', 'mtsamples')
        age = 2024 - S.p.dob.year
        dos = other_date(dt.date(2023, 1, 1), dt.date(2024, 3, 1))
        k = i % 4
        if k == 0:
            tr = T('PATIENT NAME: ', S('name', 'transcription_patient_field'), ',DATE OF BIRTH: ', S('dob_num', 'transcription_field'), ',DATE OF SERVICE: ', N(dos.strftime('%m/%d/%Y'), 'dob', 'neg_dob_date_of_service'),
                   ',HISTORY OF PRESENT ILLNESS: ,The patient is a %d-year-old %s who presents with chest pain radiating to the left arm. ' % (age, 'male' if S.p.sex == 'M' else 'female'),
                   'ATTENDING: ', doc('name', 'transcription_attending'), ', MD.')
        elif k == 1:
            tr = T('SUBJECTIVE:, This %d-year-old %s comes in for follow-up of hypertension. %s lives alone at ' % (age, 'man' if S.p.sex == 'M' else 'woman', 'He' if S.p.sex == 'M' else 'She'), S('addr', 'transcription_in_sentence'),
                   ' and %s daughter can be reached at ' % ('his' if S.p.sex == 'M' else 'her'), S('phone', 'transcription_national'), '.')
        elif k == 2:
            ssn = g_us_ssn()
            tr = T('REGISTRATION: ', S('name', 'transcription_registration'), ', SSN ', ID('us.ssn', ssn, 'us_ssn_transcription_registration'), ', MRN ', d(8), '. ALLERGIES: ,Penicillin.')
        else:
            tr = T('PROCEDURE: , Colonoscopy.,INDICATIONS: , Screening. The patient tolerated the procedure well. Dictated by ', doc('name', 'transcription_dictated_by'), ' on ',
                   N(dos.strftime('%m/%d/%Y'), 'dob', 'neg_dob_dictation_date'), '.')
        D.add(csv_row([str(i), pick([' A 54-year-old with chest pain.', ' Follow-up of hypertension.', ' Screening colonoscopy.']), pick([' Cardiovascular / Pulmonary', ' General Medicine', ' Gastroenterology']),
                       pick([' Chest Pain - H&P', ' Hypertension Follow-up', ' Colonoscopy - 1']), tr, 'cardiovascular / pulmonary, chest pain, hypertension']))


def f_court_opinion():
    D = Doc5('legal/courtlistener/opinions/ca9/2023/21-55%03d.txt' % R.randint(0, 999))
    pl = Subject('en_US', 'court_opinion')
    df = Subject('en_US', 'court_opinion')
    jd = [Subject('en_US', 'court_opinion') for _ in range(3)]
    atty = Subject('en_US', 'court_opinion')
    dock = '21-55%03d' % R.randint(0, 999)
    D.add('FOR PUBLICATION\n\nUNITED STATES COURT OF APPEALS\nFOR THE NINTH CIRCUIT\n\n', pl('name', 'caption_party_upper', fmt=str.upper), ',\n        Plaintiff-Appellant,\n\n    v.\n\n',
          df('name', 'caption_party_upper', fmt=str.upper), '; COUNTY OF RIVERSIDE,\n        Defendants-Appellees.\n\nNo. ', N(dock, 'phone', 'neg_phone_docket_number'),
          '\nD.C. No. 5:19-cv-0%04d-JGB\n\nOPINION\n\nAppeal from the United States District Court\nfor the Central District of California\n\nArgued and Submitted ' % R.randint(1000, 9999),
          N('March %d, 2023' % R.randint(1, 28), 'dob', 'neg_dob_argued_date'), '\nPasadena, California\n\nFiled ', N('July %d, 2023' % R.randint(1, 28), 'dob', 'neg_dob_filed_date'),
          '\n\nBefore: ', jd[0]('name', 'panel_judge'), ', ', jd[1]('name', 'panel_judge'), ', and ', jd[2]('name', 'panel_judge'), ', Circuit Judges.\n\nOpinion by Judge ', jd[0]('last', 'opinion_by_judge_last'), '\n\n',
          'COUNSEL\n\n', atty('name', 'counsel'), ' (argued), Law Office of ', atty('last', 'counsel_firm_last'), ', ', atty('addr', 'counsel_address'), ', for Plaintiff-Appellant.\n\nOPINION\n\n')
    D.add(pl('last', 'opinion_body_last', fmt=lambda v: v), ' was born on ', pl('dob', 'opinion_facts_words'), ', and lived at ', pl('addr', 'opinion_facts_in_sentence'),
          ' until 2018. Deputies stopped ', pl('last', 'opinion_body_last_2'), ' near the intersection of 3rd Street and Main. See 42 U.S.C. § 1983; ', N('579 F.3d 1119', 'phone', 'neg_phone_reporter_citation'),
          '. Officer ', df('last', 'opinion_body_last'), ' testified that he could not recall the stop.\n\nAFFIRMED in part, REVERSED in part, and REMANDED.\n')


def f_asr_callcenter():
    """Call-centre ASR transcripts (JSONL, one call per line, segments); numbers read out."""
    D = Doc5('audio/asr/callcenter_transcripts_2024-03_raw.jsonl')
    for i in range(36):
        loc = ['en_GB', 'en_US', 'en_AU', 'de_DE', 'fr_FR', 'es_ES', 'en_IE', 'en_GB', 'en_US'][i % 9]
        S = Subject(loc, 'asr_transcript')
        lang = S.lang
        segs = []
        tt = [0.0]

        def seg(spk, parts):
            a = tt[0]
            b = a + R.uniform(1.5, 9)
            tt[0] = b + R.uniform(0.1, 0.8)
            segs.append({'speaker': spk, 'start': round(a, 2), 'end': round(b, 2), 'text': T(*parts), 'confidence': round(R.uniform(0.6, 0.99), 3)})
        if lang == 'en':
            seg('agent', ['thank you for calling northwind energy my name is ', pick(['sarah', 'tom', 'priya']), ' how can i help'])
            seg('customer', ['hi yeah i need to update my details the account is in the name of ', S('name', 'customer_lowercase', fmt=str.lower)])
            seg('agent', ['no problem can i take a contact number please'])
            k = i % 3
            if k == 0:
                seg('customer', ['yeah it is ', S('phone_spoken', 'spoken_words_en')])
            elif k == 1:
                seg('customer', ['sure ', S('phone_digits', 'asr_digits_no_separators')])
            else:
                seg('customer', ["it's ", S('phone', 'asr_national_fmt')])
            seg('agent', ['and your date of birth'])
            b = S.p.dob
            seg('customer', [L('the %s of %s %s' % (en_ord(b.day), MONTHS['en'][b.month - 1].lower(), en_year(b.year)), 'dob', 'dob_asr_transcript_spoken_words_en')])
            seg('agent', ['and an email address'])
            seg('customer', [S('email_spoken', 'spoken_dot_at')])
            if i % 2 == 0:
                seg('agent', ["i'll take the payment now what's the long number on the card"])
                c = S.raw('card_c')
                grp = card_grp(c).split()
                spoken = ', '.join(spoken_digits(g, 'en') for g in grp)
                seg('customer', [L(spoken, 'card', 'card_asr_transcript_spoken_words_grouped')])
            else:
                seg('customer', ['the new address is ', S('addr', 'asr_in_sentence', fmt=str.lower)])
            seg('agent', ['your reference is ', N(spoken_digits(d(8), 'en'), 'phone', 'neg_phone_spoken_reference_number'), ' anything else today'])
        elif lang == 'de':
            seg('agent', ['Stadtwerke guten Tag Sie sprechen mit ', pick(['Frau Krause', 'Herrn Yilmaz']), ' was kann ich für Sie tun'])
            seg('customer', ['ja hallo ', S('name', 'customer_intro'), ' ich wollte meine Telefonnummer ändern'])
            seg('customer', ['die neue ist ', S('phone_spoken', 'spoken_words_de') if i % 2 else S('phone', 'asr_national_fmt')])
            seg('agent', ['und Ihr Geburtsdatum bitte'])
            seg('customer', [S('dob', 'asr_words_de')])
            seg('customer', ['und die IBAN ist ', S('iban', 'asr_grouped')])
        elif lang == 'fr':
            seg('agent', ['service client bonjour je vous écoute'])
            seg('customer', ['oui bonjour ', S('name', 'customer_intro'), ' je voudrais changer mon numéro'])
            seg('customer', ["c'est le ", S('phone_spoken', 'spoken_pairs_fr')])
            seg('customer', ['je suis née le ', S('dob', 'asr_words_fr')])
        else:
            seg('agent', ['atención al cliente buenos días'])
            seg('customer', ['hola soy ', S('name', 'customer_intro'), ' mi móvil es el ', S('phone_spoken', 'spoken_words_es')])
            seg('customer', ['y el DNI ', S('nid', 'asr')])
        D.add(jl({'call_id': uid(), 'language': loc.replace('_', '-'), 'duration_s': round(tt[0], 1), 'model': 'whisper-large-v3', 'segments': segs}))


def f_common_voice():
    """Common Voice validated.tsv shape: client_id is a 128-hex hash (negative)."""
    D = Doc5('audio/common_voice/de/validated.tsv')
    D.add('client_id\tpath\tsentence_id\tsentence\tsentence_domain\tup_votes\tdown_votes\tage\tgender\taccents\tvariant\tlocale\tsegment\n')
    sents = ['Das Wetter ist heute schön.', 'Die Sitzung ist eröffnet.', 'Ich danke Ihnen für Ihre Aufmerksamkeit.', 'Wir kommen nun zur Abstimmung.',
             'Der Zug nach Hamburg hat zehn Minuten Verspätung.', 'Bitte schließen Sie die Tür.']
    for i in range(60):
        cid = rs(HEX, 128)
        D.add(N(cid, 'secret', 'neg_sha512_common_voice_client_id') if i % 3 == 0 else cid, '\tcommon_voice_de_%d.mp3\t' % R.randint(17000000, 39000000), rs(HEX, 64), '\t', pick(sents),
              '\t\t%d\t%d\t%s\t%s\t%s\t\tde\t\n' % (R.randint(2, 5), R.randint(0, 1), pick(['twenties', 'thirties', 'fourties', '']), pick(['male_masculine', 'female_feminine', '']), pick(['Deutschland Deutsch', 'Österreichisches Deutsch', ''])))


# ============================================================================
# encodings
# ============================================================================

def cp1252_ok(*vals):
    try:
        for v in vals:
            str(v).encode('cp1252')
        return True
    except UnicodeEncodeError:
        return False


def f_cp1252_csv():
    """Legacy ERP export: Windows-1252 ("ANSI"), semicolon, CRLF, decimal comma, euro sign."""
    D = Doc5('exports/legacy/KUNDEN_ALT.CSV', enc='cp1252')
    D.add(csv_row(['KDNR', 'ANREDE', 'NAME', 'VORNAME', 'STRASSE', 'PLZ', 'ORT', 'LAND', 'TELEFON', 'GEBDAT', 'IBAN', 'EMAIL', 'UMSATZ €', 'BEMERKUNG'], ';', '\r\n'))
    locs = [('de_DE', 'D'), ('de_DE', 'D'), ('fr_FR', 'F'), ('es_ES', 'E'), ('it_IT', 'I'), ('nl_NL', 'NL'), ('pt_PT', 'P'), ('sv_SE', 'S'), ('da_DK', 'DK'), ('de_AT', 'A')]
    i = 0
    while i < 34:
        loc, land = locs[i % len(locs)]
        S = Subject(loc, 'cp1252_csv')
        f = fk(loc)
        street, plz, ort = f.street_address(), f.postcode(), f.city()
        if not cp1252_ok(S.p.first, S.p.last, street, ort, S.p.email):
            continue
        ph = S('phone', 'national') if i % 2 else S('phone_intl', 'intl')
        D.add(csv_row(['%06d' % (10000 + i * 13), 'Herr' if S.p.sex == 'M' else 'Frau', S('last', 'name_col'), S('first', 'vorname_col'),
                       L(street, 'address', 'address_cp1252_csv_strasse_col'), plz, ort, land, ph, S('dob_num', 'gebdat'),
                       S('iban_c', 'compact') if i % 4 else N(corrupt(gen_iban(S.p.region), 'iban'), 'iban', 'neg_iban_bad_check_cp1252_csv', validator='iban'),
                       S('email', 'col'), de_num(R.uniform(0, 50000)), pick(['Stammkunde – zahlt pünktlich', 'Mahnstufe 2', '', 'Lieferung nur werktags', 'Rabatt 3 %'])], ';', '\r\n'))
        i += 1


def f_utf16_tsv():
    """Excel 'Unicode Text' export: UTF-16LE with BOM, tabs, CRLF, quoted multi-line cells."""
    D = Doc5('exports/excel/Teilnehmerliste_Workshop_Unicode.txt', enc='utf-16-le', bom=True)
    D.add(csv_row(['Nachname', 'Vorname', 'Organisation', 'E-Mail', 'Telefon', 'Geburtsdatum', 'Ausweis-Nr.', 'Bemerkung'], '\t', '\r\n'))
    locs = ['pl_PL', 'cs_CZ', 'el_GR', 'tr_TR', 'hu_HU', 'ro_RO', 'bg_BG', 'uk_UA', 'de_DE', 'sk_SK', 'ko_KR', 'ja_JP']
    for i in range(36):
        loc = locs[i % len(locs)]
        S = Subject(loc, 'utf16_tsv')
        nid = S('nid', 'col') if S.has('nid') and i % 5 else ('' if not S.has('nid') else neg_id(loc))
        note = pick(['', 'vegetarisch', T('Anreise am Vortag\nHotel: Ibis Mitte'), T('Rückfragen an\n', S('email', 'multiline_cell'))])
        D.add(csv_row([S('last', 'nachname'), S('first', 'vorname'), pick(['Uniwersytet Jagielloński', 'ČVUT', 'ΕΚΠΑ', 'ODTÜ', 'ELTE', 'UPB', 'СУ', 'КПІ', 'TU Berlin', 'STU', 'KAIST', '東京大学']),
                       S('email', 'col'), S('phone_intl', 'intl'), S('dob_num', 'col'), nid, note], '\t', '\r\n'))


# ============================================================================
# annotation / NLP datasets
# ============================================================================

def f_label_studio():
    """Label Studio JSON export of an NER project (tasks with annotations, char offsets)."""
    D = Doc5('annotations/label_studio/project-12-at-2024-03-08-14-02-5f1c9a2e.json')
    ann = [Subject(pick(['en_US', 'de_DE', 'en_IN']), 'label_studio', company_domain='labelforge.ai') for _ in range(3)]
    TPL = ['Termin mit {name:task_text} am Dienstag, Treffpunkt {addr:task_text}.', 'Please call {name:task_text} back on {phone:task_text_national}.',
           'Rechnung an {name:task_text}, {addr:task_text}, per Mail an {email:task_text}.', 'Le colis pour {name:task_text} est arrivé.']
    tasks = []
    for i in range(30):
        S = Subject(pick(['de_DE', 'en_GB', 'fr_FR', 'de_AT']), 'label_studio')
        parts = render(pick(TPL), S)
        pos, res = 0, []
        for p in parts:
            if isinstance(p, L):
                tag = {'name': 'PER', 'address': 'LOC', 'phone': 'PHONE', 'email': 'EMAIL'}[p.cat]
                cp = p.re(p.value)
                cp.form = p.form.replace('_task_text', '_result_value')
                res.append({'value': {'start': pos, 'end': pos + len(p.value), 'text': cp, 'labels': [tag]}, 'id': rs(ALNUM, 10), 'from_name': 'label', 'to_name': 'text', 'type': 'labels', 'origin': 'manual'})
            pos += len(plain(p))
        a = ann[i % 3]
        tasks.append({'id': 4100 + i, 'annotations': [{'id': 900 + i, 'completed_by': {'id': 3 + i % 3, 'email': a('email', 'completed_by_email'), 'first_name': a('first', 'completed_by_first_name'), 'last_name': a('last', 'completed_by_last_name')},
                                                       'result': res, 'was_cancelled': False, 'ground_truth': False, 'created_at': rts().strftime('%Y-%m-%dT%H:%M:%S.%fZ'), 'lead_time': round(R.uniform(5, 90), 3)}],
                      'data': {'text': T(*parts)}, 'meta': {}, 'created_at': rts().strftime('%Y-%m-%dT%H:%M:%S.%fZ'), 'inner_id': i + 1, 'total_annotations': 1, 'project': 12})
    D.add(json_parts(tasks, indent=2, seps=(', ', ': ')), '\n')


def f_conll():
    """CoNLL-style NER tokens (token<TAB>tag), names split over lines."""
    D = Doc5('datasets/ner/customer_mails_ner_v2/train.conll')
    D.add('-DOCSTART-\tO\n\n')
    for i in range(60):
        S = Subject(pick(['de_DE', 'en_US', 'en_GB', 'nl_NL', 'fr_FR']), 'conll')
        k = i % 4
        if k == 0:
            toks = [(S('first', 'token_b_per'), 'B-PER'), (S('last', 'token_i_per'), 'I-PER'), ('wohnt', 'O'), ('in', 'O'), (fk(S.loc).city().split()[0], 'B-LOC'), ('.', 'O')]
        elif k == 1:
            toks = [('Kontakt', 'O'), (':', 'O'), (S('email', 'token'), 'B-EMAIL')]
        elif k == 2:
            toks = [('Tel', 'O'), ('.', 'O'), (S('phone_e164', 'token_e164'), 'B-PHONE')]
        else:
            toks = [('Angela', 'B-PER'), ('Merkel', 'I-PER'), ('besuchte', 'O'), ('Paris', 'B-LOC'), ('.', 'O')]   # public figure: neutral
        if ' ' in plain(toks[0][0]) or any(' ' in plain(t) for t, _ in toks):
            toks = [(t if not isinstance(t, L) or ' ' not in t.value else t.value.split()[0], g) for t, g in toks]
        for t, g in toks:
            D.add(t, '\t', g, '\n')
        D.add('\n')


# ============================================================================
# model repos, training runs, evals
# ============================================================================

def f_model_card():
    D = Doc5('models/acme-support-8b-sft/README.md')
    C = Subject('de_DE', 'model_card', company_domain='acme-ml.io')
    rev = rs(HEX, 40)
    D.add('---\nlicense: apache-2.0\nbase_model: meta-llama/Meta-Llama-3-8B\ndatasets:\n- acme/support-conversations-v4\nlanguage:\n- en\n- de\n- fr\npipeline_tag: text-generation\ntags:\n- trl\n- sft\n---\n\n',
          '# acme-support-8b-sft\n\n## Model details\n\n- **Developed by:** ACME ML Platform team\n- **Contact:** ', C('name', 'contact_bullet'), ' (', C('email', 'contact_bullet'), ')\n- **Revision:** `',
          N(rev, 'secret', 'neg_git_sha_model_card_revision'), '`\n- **License:** Apache 2.0\n\n## Usage\n\n```python\nfrom huggingface_hub import login\nfrom transformers import AutoModelForCausalLM\n\nlogin(token="',
          S_(hf_tok(), 'secret_model_card_usage_snippet_hf_token'), '")  # TODO remove before making public\nmodel = AutoModelForCausalLM.from_pretrained("acme/acme-support-8b-sft", revision="', rev[:7], '")\n```\n\n',
          'Or set `HF_TOKEN=', N('hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'secret', 'neg_placeholder_hf_xxx'), '` in your shell.\n\n## Training\n\n- 3 epochs, lr 2e-5, cosine, warmup 3%, global batch 128, sequence length 4096\n',
          '- tokens seen: ', negnum(lambda: '{:,}'.format(R.randint(10 ** 9, 4 * 10 ** 9)), 'phone', 'neg_phone_token_count_grouped'), '\n- run: https://wandb.ai/acme-ml/support-sft/runs/', rs(LO + DIG, 8), '\n\n',
          '## Evaluation\n\n| benchmark | shots | score |\n|---|---|---|\n| MMLU | 5 | %.1f |\n| GSM8K | 8 | %.1f |\n| HellaSwag | 10 | %.1f |\n| MT-Bench | - | %.2f |\n\n' % (R.uniform(60, 70), R.uniform(50, 80), R.uniform(78, 84), R.uniform(7, 8.5)),
          'Checkpoint `checkpoint-12000/model.safetensors` sha256: `', N(rs(HEX, 64), 'secret', 'neg_sha256_checkpoint_model_card'), '`\n\n## Data\n\nTraining conversations were scrubbed with our PII filter; placeholders look like `',
          N('<PHONE_NUMBER>', 'phone', 'neg_phone_placeholder_angle'), '` and `', N('<EMAIL_ADDRESS>', 'email', 'neg_email_placeholder_angle'), '`.\n')
    for j in range(1, 4):
        F = Doc5('models/acme-support-8b-sft/model-%05d-of-00003.safetensors' % j)
        F.add('version https://git-lfs.github.com/spec/v1\noid sha256:', N(rs(HEX, 64), 'secret', 'neg_git_lfs_pointer_oid'), '\nsize %d\n' % R.randint(4 * 10 ** 9, 5 * 10 ** 9))


def f_tokenizer_config():
    D = Doc5('models/acme-support-8b-sft/tokenizer_config.json')
    cfg = {'add_bos_token': True, 'add_eos_token': False,
           'added_tokens_decoder': {str(128000 + j): {'content': t, 'lstrip': False, 'normalized': False, 'rstrip': False, 'single_word': False, 'special': True}
                                    for j, t in enumerate(['<|begin_of_text|>', '<|end_of_text|>', '<|reserved_special_token_0|>', '<|start_header_id|>', '<|end_header_id|>', '<|eot_id|>'])},
           'bos_token': '<|begin_of_text|>',
           'chat_template': "{% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'+ message['content'] | trim + '<|eot_id|>' %}{{ content }}{% endfor %}",
           'clean_up_tokenization_spaces': True, 'eos_token': '<|eot_id|>',
           'model_input_names': ['input_ids', 'attention_mask'], 'model_max_length': N('1000000000000000019884624838656', 'card', 'neg_card_hf_model_max_length_int', raw=True),
           'pad_token': '<|end_of_text|>', 'tokenizer_class': 'PreTrainedTokenizerFast',
           '_commit_hash': N(rs(HEX, 40), 'secret', 'neg_git_sha_tokenizer_commit_hash')}
    D.add(json_parts(cfg, indent=2, seps=(', ', ': ')), '\n')


def f_train_log():
    D = Doc5('runs/sft-8b-2024-03-04/logs/train_rank0.log')
    U = Subject('de_DE', 'train_log', company_domain='acme-ml.io')
    t = dt.datetime(2024, 3, 4, 9, 12, 1)

    def ts():
        return t.strftime('%Y-%m-%d %H:%M:%S') + ',%03d' % R.randint(0, 999)
    D.add('[', ts(), '] torch.distributed.run: [WARNING] Setting OMP_NUM_THREADS environment variable for each process to be 1 in default\n')
    D.add('[', ts(), '] INFO launch: MASTER_ADDR=', L(pub_ipv4(), 'ip', 'ip_train_log_master_addr_public'), ' MASTER_PORT=29500 WORLD_SIZE=16 NODE_RANK=0\n')
    D.add('gpu-node-07:3121:3121 [0] NCCL INFO Bootstrap : Using eth0:10.128.0.%d<0>\n' % R.randint(2, 250))
    D.add('gpu-node-07:3121:3121 [0] NCCL INFO NET/Socket : Using [0]eth0:10.128.0.%d<0> [1]ens5:' % R.randint(2, 250), L(pub_ipv4(), 'ip', 'ip_train_log_nccl_socket_public'), '<0>\n')
    D.add('gpu-node-07:3121:3121 [0] NCCL INFO cudaDriverVersion 12020\nNCCL version 2.19.3+cuda12.3\n')
    D.add('wandb: Currently logged in as: ', translit(U.p.first)[0] + translit(U.p.last), ' (acme-ml). Use `wandb login --relogin` to force relogin\n')
    D.add('wandb: Tracking run with wandb version 0.16.3\nwandb: Run data is saved locally in /scratch/wandb/run-20240304_091215-', rs(LO + DIG, 8), '\n')
    D.add('[', ts(), '] DEBUG config: env snapshot {\'CUDA_VISIBLE_DEVICES\': \'0,1,2,3,4,5,6,7\', \'WANDB_API_KEY\': \'', S_(wandb_key(), 'secret_train_log_env_snapshot_wandb_key'),
          '\', \'HF_TOKEN\': \'', S_(hf_tok(), 'secret_train_log_env_snapshot_hf_token'), '\', \'HF_HUB_ENABLE_HF_TRANSFER\': \'1\'}\n')
    D.add('[', ts(), '] INFO trainer: HF_TOKEN=', N('hf_****' + rs(ALNUM, 4), 'secret', 'neg_masked_token_log'), ' (masked)\n')
    for step in range(10, 600, 10):
        t += dt.timedelta(seconds=R.randint(20, 40))
        D.add("{'loss': %.4f, 'grad_norm': %.4f, 'learning_rate': %.3e, 'epoch': %.2f}\n" % (R.uniform(0.8, 2.2), R.uniform(0.2, 3), 2e-5 * (1 - step / 3000), step / 2000))
        if step % 200 == 0:
            D.add('[', ts(), '] INFO trainer: Saving model checkpoint to /ckpt/sft-8b/checkpoint-%d\n' % step)
            D.add('[', ts(), '] INFO hub: Pushed checkpoint-%d, commit ' % step, N(rs(HEX, 40), 'secret', 'neg_git_sha_train_log_commit'), '\n')
    D.add('[', N(t.strftime('%Y-%m-%d %H:%M:%S'), 'dob', 'neg_dob_log_timestamp'), ',001] INFO notify: run finished, mail sent to ', U('email', 'notify_line'), '\n')


def f_eval_csv():
    D = Doc5('eval/results/leaderboard_internal_2024-03.csv')
    D.add(csv_row(['model', 'revision', 'eval_date', 'mmlu_5shot', 'gsm8k_8shot', 'hellaswag', 'arc_c', 'truthfulqa_mc2', 'avg', 'tokens_evaluated', 'job_id', 'submitted_by']))
    for i in range(30):
        S = Subject(pick(['en_US', 'de_DE', 'en_IN', 'fr_FR']), 'eval_csv', company_domain='acme-ml.io')
        sc = [R.uniform(40, 80) for _ in range(5)]
        D.add(csv_row(['acme-%s-%s' % (pick(['1b', '3b', '8b', '8b-sft', '8b-dpo']), pick(['v1', 'v2', 'rc1'])), N(rs(HEX, 40), 'secret', 'neg_git_sha_eval_revision') if i % 2 else rs(HEX, 40),
                       N(other_date(dt.date(2024, 1, 1), dt.date(2024, 3, 10)).isoformat(), 'dob', 'neg_dob_eval_date') if i % 3 == 0 else other_date().isoformat()] +
                      ['%.2f' % x for x in sc] + ['%.2f' % (sum(sc) / 5), negnum(lambda: str(R.randint(10 ** 9, 10 ** 10 - 1)), 'phone', 'neg_phone_token_count_10digit') if i % 3 == 1 else str(R.randint(10 ** 6, 10 ** 8)),
                       N(uid(), 'secret', 'neg_uuid_eval_job_id') if i % 4 == 0 else uid(), S('email', 'submitted_by_col') if i % 2 == 0 else 'ci-bot']))


def f_books():
    D = Doc5('data/catalog/books_goodreads_style.csv')
    D.add(csv_row(['bookID', 'title', 'authors', 'average_rating', 'isbn', 'isbn13', 'language_code', 'num_pages', 'ratings_count', 'publication_date', 'publisher']))
    titles = ['The Silent Orchard', 'Data Pipelines at Scale', 'A Winter in Lisbon', 'Notes on Entropy', 'Die Stadt am Fluss', 'Le Dernier Train']
    for i in range(50):
        core = '978' + d(9)
        s13 = sum(int(c) * (1 if j % 2 == 0 else 3) for j, c in enumerate(core))
        isbn13 = core + str((10 - s13 % 10) % 10)
        b10 = isbn13[3:12]
        c10 = (11 - sum(int(c) * (10 - j) for j, c in enumerate(b10)) % 11) % 11
        isbn10 = b10 + ('X' if c10 == 10 else str(c10))
        i13 = N(isbn13, 'card', 'neg_card_isbn13') if not valid_any(isbn13) else isbn13
        i10 = N(isbn10, 'phone', 'neg_phone_isbn10') if (isbn10.isdigit() and not valid_any(isbn10)) else isbn10
        pd_ = rdate(dt.date(1950, 1, 1), dt.date(2023, 1, 1))
        D.add(csv_row([str(i + 1), pick(titles), pick(['J.K. Rowling', 'Haruki Murakami', 'Elena Ferrante', 'Umberto Eco']), '%.2f' % R.uniform(3, 4.8), i10, i13, pick(['eng', 'ger', 'fre', 'spa']),
                       str(R.randint(90, 900)), str(R.randint(10, 2000000)), N('%d/%d/%d' % (pd_.month, pd_.day, pd_.year), 'dob', 'neg_dob_publication_date') if i % 5 == 0 else '%d/%d/%d' % (pd_.month, pd_.day, pd_.year),
                       pick(['Penguin Books', 'Vintage', 'Suhrkamp', 'Gallimard'])]))


def f_iot_parquet():
    schema = pa.schema([('device_id', pa.string()), ('mac', pa.string()), ('ip', pa.string()), ('firmware', pa.string()),
                        ('location', pa.struct([('lat', pa.float64()), ('lon', pa.float64()), ('label', pa.string())])),
                        ('owner', pa.struct([('name', pa.string()), ('email', pa.string()), ('phone', pa.string())])),
                        ('readings', pa.list_(pa.struct([('ts', pa.timestamp('ms')), ('temp_c', pa.float32()), ('humidity', pa.float32())])))])
    rows = []
    for i in range(48):
        S = Subject(pick(['de_DE', 'nl_NL', 'fr_FR', 'en_GB', 'it_IT', 'es_ES']), 'iot_parquet')
        t = dt.datetime(2024, 3, 11, 0, 0) + dt.timedelta(minutes=i)
        lat, lon = R.uniform(36, 60), R.uniform(-8, 20)
        fw = '%d.%d.%d.%d' % (R.randint(1, 9), R.randint(0, 20), R.randint(0, 200), R.randint(1, 250))
        k = i % 6
        rows.append({'device_id': 'thermo-' + rs(HEX, 8), 'mac': S('mac', 'struct_col') if k != 5 else N(pick(['00:00:00:00:00:00', 'FF:FF:FF:FF:FF:FF']), 'mac', 'neg_mac_zero_or_broadcast_parquet'),
                     'ip': S('ip', 'col_public') if k in (0, 1, 2) else '192.168.%d.%d' % (R.randint(0, 255), R.randint(2, 254)),
                     'firmware': N(fw, 'ip', 'neg_ip_like_firmware_version_parquet') if k in (1, 3) else fw,
                     'location': {'lat': round(lat, 6), 'lon': round(lon, 6), 'label': negv('%.5f,%.5f' % (lat, lon), 'phone', 'neg_phone_coordinates_string_parquet') if k == 4 else pick(['Küche', 'Wohnzimmer', 'Büro'])},
                     'owner': {'name': S('name', 'owner_struct') if k != 4 else None, 'email': S('email', 'owner_struct') if k % 2 == 0 else None, 'phone': S('phone_intl', 'owner_struct') if k in (1, 3) else None},
                     'readings': [{'ts': t + dt.timedelta(seconds=30 * j), 'temp_c': round(R.uniform(17, 24), 1), 'humidity': round(R.uniform(30, 60), 1)} for j in range(4)]})
    pq5('lake/iot/thermostat_telemetry/date=2024-03-11/part-00000-7c1e.snappy.parquet', rows, schema)


def f_rag_parquet():
    schema = pa.schema([('chunk_id', pa.string()), ('doc_uri', pa.string()), ('text', pa.string()), ('embedding', pa.list_(pa.float32())),
                        ('metadata', pa.struct([('author', pa.string()), ('page', pa.int32()), ('ingested_at', pa.timestamp('s'))]))])
    rows = []
    for i in range(40):
        S = Subject(pick(['en_US', 'de_DE', 'en_GB', 'fr_FR', 'nl_NL']), 'rag_parquet')
        A = Subject('en_US', 'rag_parquet', company_domain='acme-ml.io')
        k = i % 6
        if k == 0:
            txt = T('Meeting notes 2024-02-12. Attendees: ', S('name', 'chunk_text_attendee'), ', Platform team. Action: rotate the staging DB password.')
        elif k == 1:
            txt = T('Escalation contact for the Frankfurt site is ', S('phone_intl', 'chunk_text_escalation'), ' (24/7).')
        elif k == 2:
            txt = T('HR policy 4.2: travel refunds are paid to the IBAN stored in Workday, e.g. ', N('DE00 0000 0000 0000 0000 00', 'iban', 'neg_iban_all_zero_placeholder', validator='iban'), '.')
        elif k == 3:
            txt = T('Runbook: connect with psql "host=pg-main.acme.lan user=app password=', S_(password(), 'secret_rag_chunk_runbook_libpq_password'), '" and run VACUUM.')
        elif k == 4:
            txt = T('Customer ', S('name', 'chunk_text_customer'), ' asked to move the delivery to the side entrance.')
        else:
            txt = T('Quarterly revenue grew 12% to 4.1 million EUR; churn fell to 2.3%.')
        cid = hashlib.sha256(('c%d-%d' % (OPT.seed, i)).encode()).hexdigest()
        rows.append({'chunk_id': N(cid, 'secret', 'neg_sha256_chunk_id') if i % 4 == 0 else cid, 'doc_uri': 's3://acme-kb/%s/%s.pdf' % (pick(['hr', 'ops', 'sales']), rs(LO, 8)), 'text': txt,
                     'embedding': [round(R.uniform(-1, 1), 4) for _ in range(24)],
                     'metadata': {'author': A('name', 'metadata_author') if i % 3 == 0 else None, 'page': R.randint(1, 40), 'ingested_at': rts()}})
    pq5('rag/chunks/kb_v7/part-00000.parquet', rows, schema)


def f_coding_help():
    """ShareGPT-style coding help: users paste code and logs with live credentials."""
    D = Doc5('llm/sft/coding_help_sharegpt.jsonl')
    for i in range(30):
        lang = pick(['python', 'python', 'javascript', 'go', 'shell', 'java', 'ruby', 'php'])
        pos, neg = P(lang)
        item = pick(pos)[1]()
        fence = {'python': 'python', 'javascript': 'js', 'go': 'go', 'shell': 'bash', 'java': 'java', 'ruby': 'ruby', 'php': 'php'}[lang]
        q = T(pick(['why does this fail with 401??', 'getting an auth error, what am I doing wrong', 'this worked yesterday, now it times out:', 'can you refactor this to use async?']),
              '\n\n```', fence, '\n', *item, '```\n', pick(['', 'thanks in advance!', 'pls help']))
        a = T('First, **rotate that credential** - it is now in this chat log. Then load it from the environment instead of hard-coding it:\n\n```bash\nexport API_KEY=',
              N(pick(['sk-...', '<your-key>', 'YOUR_API_KEY', '********']), 'secret', 'neg_placeholder_in_assistant_advice'), '\n```\n\nand read it with your language\'s env lookup.')
        conv = [{'from': 'human', 'value': q}, {'from': 'gpt', 'value': a}]
        if i % 4 == 0:
            S = Subject('en_US', 'coding_help')
            conv.append({'from': 'human', 'value': T('ok done. also the git log shows my email ', S('email', 'git_log_paste'), ' in every commit, can I hide that?')})
            conv.append({'from': 'gpt', 'value': 'Yes - use the noreply address GitHub gives you and rewrite history with git filter-repo.'})
        D.add(jl({'id': 'code_%05d' % i, 'conversations': conv}))


# ============================================================================
# main
# ============================================================================
GENERATORS5 = [f_sharegpt_jsonl, f_sharegpt_parquet, f_openai_messages_ascii, f_hh_rlhf, f_alpaca, f_dpo_jsonl, f_dpo_parquet, f_ai4privacy, f_pretrain_shard, f_coding_help,
               f_math, f_translation_tsv, f_stack_jsonl, f_stack_parquet, f_raw_sources, f_lockfiles, f_wet, f_reddit_rc, f_reddit_rs, f_forum_single_line, f_reviews,
               f_classifieds, f_resume_csv, f_cv_bom_crlf, f_mtsamples_xz, f_court_opinion, f_asr_callcenter, f_common_voice, f_cp1252_csv, f_utf16_tsv, f_label_studio,
               f_conll, f_model_card, f_tokenizer_config, f_train_log, f_eval_csv, f_books, f_iot_parquet, f_rag_parquet]


def check_neg(lab):
    """blind4's rule, applied to every numeric negative: it must pass none of the checksum validators."""
    if not lab.pos and lab.cat in ('national_id', 'iban', 'card', 'phone') and sum(c.isdigit() for c in lab.value) >= 6:
        assert not valid_any(lab.value), ('negative passes a validator', lab.form, lab.value, valid_any(lab.value))


def structural_check(rel, text):
    """The files must parse as what they claim to be (escaping bugs show up here)."""
    base = re.sub(r'\.(gz|bz2|xz)$', '', rel)
    if base.endswith('.jsonl') or re.search(r'/R[CS]_\d{4}-\d{2}$', base):
        for n, ln in enumerate(text.splitlines()):
            if ln.strip():
                json.loads(ln)
    elif base.endswith('.json') or base.endswith('.ipynb'):
        json.loads(text)
    elif base.endswith('.csv') or base.endswith('.CSV') or base.endswith('.tsv') or base.endswith('Unicode.txt'):
        delim = '\t' if (base.endswith('.tsv') or base.endswith('.txt')) else (';' if (';' in text.splitlines()[0] and ',' not in text.splitlines()[0]) else ',')
        if base.endswith('corresp.en-de.tsv') or base.endswith('validated.tsv'):
            rows = [l.split('\t') for l in text.splitlines() if l]
        else:
            rows = list(csv.reader(io.StringIO(text, newline=''), delimiter=delim))
        widths = collections.Counter(len(r) for r in rows if r)
        assert len(widths) == 1, (rel, widths)


def main():
    out = OPT.out
    os.makedirs(out, exist_ok=True)
    for g in GENERATORS5:
        g()
    labels = []
    for D in DOCS5:
        path = os.path.join(out, D.rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        text = D.text()
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
        # verify from disk: every span holds exactly its value
        raw = label_space(decompress(D.rel, open(path, 'rb').read()), D.enc)
        for lab, s, e in spans:
            assert raw[s:e] == lab.value.encode('utf-8'), (D.rel, lab.form, lab.value, raw[s:e])
            check_oracle(lab)
            check_neg(lab)
            rec = {'file': D.rel, 'value': lab.value, 'category': lab.cat, 'form': lab.form, 'positive': lab.pos, 'span': [s, e], 'line': raw[:s].count(b'\n') + 1}
            if lab.extra.get('validator'):
                rec['validator'] = lab.extra['validator']
            if D.enc != 'utf-8':
                rec['encoding'] = D.enc
            labels.append(rec)
        ss = sorted((s, e) for _, s, e in spans)
        assert all(ss[j][1] <= ss[j + 1][0] for j in range(len(ss) - 1)), (D.rel, 'overlapping label spans')
        structural_check(D.rel, raw.decode('utf-8'))
    for rel, tbl, labs in PQ5:
        path = os.path.join(out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        pq.write_table(tbl, path, compression='snappy')
        back = pq.read_table(path).to_pylist()
        for lab, col, row in labs:
            strs = B4.cell_strings(back[row], col)
            assert any(lab.value in s for s in strs), (rel, col, row, lab.value, strs)
            check_oracle(lab)
            check_neg(lab)
            rec = {'file': rel, 'value': lab.value, 'category': lab.cat, 'form': lab.form, 'positive': lab.pos, 'span': None, 'line': None, 'column': col, 'row': row}
            if lab.extra.get('validator'):
                rec['validator'] = lab.extra['validator']
            labels.append(rec)
    with open(os.path.join(out, 'labels.jsonl'), 'w', encoding='utf-8') as fh:
        for r in labels:
            fh.write(json.dumps(r, ensure_ascii=False) + '\n')
    files = [os.path.join(dp, f) for dp, _, fs in os.walk(out) for f in fs if f != 'labels.jsonl']
    total = sum(os.path.getsize(f) for f in files)
    labelled = {r['file'] for r in labels}
    unl = sorted(os.path.relpath(f, out) for f in files if os.path.relpath(f, out) not in labelled)
    assert not unl, ('files without labels are not scanned by the scorer', unl)
    pos = sum(1 for r in labels if r['positive'])
    print('wrote %d files (%.1f KB) and %d labels (%d positive, %d negative) to %s' % (len(files), total / 1024, len(labels), pos, len(labels) - pos, out))
    cats = collections.Counter((r['category'], r['positive']) for r in labels)
    for c in sorted({k[0] for k in cats}):
        print('  %-12s pos %4d  neg %4d' % (c, cats[(c, True)], cats[(c, False)]))
    assert total < 4 * 1024 * 1024


if __name__ == '__main__':
    main()
