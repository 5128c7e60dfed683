#!/usr/bin/env python3
"""A second labelled evaluation set for `mlsec scan`, written blind.

It was written by an evaluator who had not seen `gen_eval.py` or mlsec's
rules, to plant values in the forms real data takes (varied and foreign
column names, nested JSON, JSON numbers, typed Parquet, semicolon CSV, CSV
with a BOM and CRLF, UTF-16 TSV, gzip, e-mails, logs, chat transcripts,
`.env`, YAML and code) with hard negatives beside them; `blind_score.py`
scores a build on it. The mlsec fixes it prompted are in the history, so it
is no longer blind to mlsec: it measures that they hold, across seeds.

Writes files into --out (default /tmp/mlsec-blind-eval/data) and, next to
it, labels.jsonl with one line per planted value: file, fmt, cat, form,
value, exp (pos|neg|any), cue (column|cue|sibling|eav|none), start/end byte
offsets in the (decompressed) file, or row/column for Parquet.

    python bench/data/blind_gen.py --seed 19
    python bench/data/blind_score.py --mlsec-bin target/release/mlsec
"""
import argparse, base64, gzip, hashlib, importlib, json, os, random, string, uuid
import faker
import phonenumbers
import pyarrow as pa, pyarrow.parquet as pq

ap = argparse.ArgumentParser()
ap.add_argument("--out", default="/tmp/mlsec-blind-eval/data")
ap.add_argument("--seed", type=int, default=19)
ap.add_argument("--rows", type=int, default=90)
args = ap.parse_args()
R = random.Random(args.seed)
faker.Faker.seed(args.seed)
FK = {}
def F(loc):
    if loc not in FK:
        FK[loc] = faker.Faker(loc); FK[loc].seed_instance(R.randrange(1 << 30))
    return FK[loc]
def sn(mod):
    return importlib.import_module("stdnum." + mod)

LABELS = []

# ---------------------------------------------------------------- planting
class P:
    """A planted value."""
    def __init__(self, value, cat, form, exp="pos", cue="column"):
        self.value, self.cat, self.form, self.exp, self.cue = value, cat, form, exp, cue
    def label(self, **kw):
        d = dict(value=self.value, cat=self.cat, form=self.form, exp=self.exp, cue=self.cue); d.update(kw); return d

def pieces_text(pieces):
    return "".join(p.value if isinstance(p, P) else p for p in pieces)

class Doc:
    """Text document built piece by piece with byte offsets."""
    def __init__(self, name, fmt):
        self.name, self.fmt, self.buf, self.pos, self.labels, self.row = name, fmt, [], 0, [], 0
    def add(self, s):
        b = s.encode(); self.buf.append(b); self.pos += len(b)
    def plant(self, p, raw=None, **kw):
        raw = p.value if raw is None else raw
        st = self.pos; self.add(raw)
        self.labels.append(p.label(file=self.name, fmt=self.fmt, start=st, end=self.pos, **kw))
    def addp(self, pieces, **kw):
        for x in pieces:
            if isinstance(x, P): self.plant(x, **kw)
            else: self.add(x)
    def save(self, outdir, gz=False):
        data = b"".join(self.buf)
        with open(os.path.join(outdir, self.name), "wb") as fh: fh.write(data)
        LABELS.extend(self.labels)
        if gz:
            with open(os.path.join(outdir, self.name + ".gz"), "wb") as fh: fh.write(gzip.compress(data, mtime=0))
            for l in self.labels:
                l2 = dict(l); l2["file"] = self.name + ".gz"; l2["fmt"] = self.fmt + ".gz"; LABELS.append(l2)

def write_table(doc, header, rows, delim=","):
    """rows: list of lists of cells; cell = str | P | list of pieces"""
    def q(s): return any(c in s for c in (delim, '"', "\n", "\r"))
    doc.add(delim.join(('"%s"' % h) if q(h) else h for h in header) + "\n")
    for ri, row in enumerate(rows, 1):
        for ci, cell in enumerate(row):
            if ci: doc.add(delim)
            pcs = cell if isinstance(cell, list) else [cell]
            txt = pieces_text(pcs)
            quoted = q(txt)
            if quoted: doc.add('"')
            for x in pcs:
                if isinstance(x, P): doc.plant(x, row=ri, column=header[ci])
                else: doc.add(x.replace('"', '""') if quoted else x)
            if quoted: doc.add('"')
        doc.add("\n")

def json_write(doc, obj, indent=None, level=0, path=""):
    """Serialise obj into doc; P / list-of-pieces (wrapped in Txt) become strings."""
    nl = "\n" + " " * (indent * (level + 1)) if indent else ""
    end = "\n" + " " * (indent * level) if indent else ""
    sep = ": " if indent else ": "
    if isinstance(obj, dict):
        doc.add("{")
        for i, (k, v) in enumerate(obj.items()):
            if i: doc.add(",")
            doc.add(nl + json.dumps(k, ensure_ascii=False) + sep)
            json_write(doc, v, indent, level + 1, (path + "." if path else "") + k)
        doc.add(end + "}")
    elif isinstance(obj, list) and not (obj and isinstance(obj[0], Txt)):
        doc.add("[")
        for i, v in enumerate(obj):
            if i: doc.add(", " if not indent else ",")
            doc.add(nl); json_write(doc, v, indent, level + 1, "%s[%d]" % (path, i))
        doc.add(end + "]")
    elif isinstance(obj, (P, Txt)):
        pcs = obj.pieces if isinstance(obj, Txt) else [obj]
        doc.add('"')
        for x in pcs:
            if isinstance(x, P): doc.plant(x, raw=json.dumps(x.value, ensure_ascii=False)[1:-1], column=path)
            else: doc.add(json.dumps(x, ensure_ascii=False)[1:-1])
        doc.add('"')
    else:
        doc.add(json.dumps(obj, ensure_ascii=False))

class Txt:
    def __init__(self, *pieces): self.pieces = list(pieces)

# ---------------------------------------------------------------- value makers
def luhn_digit(s):
    tot = 0
    for i, c in enumerate(reversed(s)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            if d > 9: d -= 9
        tot += d
    return str((10 - tot % 10) % 10)
def luhn_ok(s):
    return luhn_digit(s[:-1]) == s[-1]

CARD_BRANDS = [("visa", ["4"], 16), ("mastercard", ["51", "52", "53", "54", "55"], 16), ("mc2series", ["2221", "2300", "2720"], 16),
               ("amex", ["34", "37"], 15), ("discover", ["6011", "65"], 16), ("jcb", ["3528", "3566", "3589"], 16),
               ("diners", ["36", "38"], 14), ("maestro19", ["6759", "5018"], 19), ("unionpay", ["62"], 16), ("visa13", ["4"], 13)]
def card(brand=None, valid=True):
    b = [x for x in CARD_BRANDS if x[0] == brand][0] if brand else R.choice(CARD_BRANDS)
    pre = R.choice(b[1]); n = pre + "".join(R.choice(string.digits) for _ in range(b[2] - len(pre) - 1))
    d = luhn_digit(n)
    if not valid: d = str((int(d) + R.randint(1, 9)) % 10)
    return b[0], n + d
def fmt_card(n, style):
    if style == "plain": return n
    if len(n) == 15: g = [n[:4], n[4:10], n[10:]]
    elif len(n) == 14: g = [n[:4], n[4:10], n[10:]]
    else: g = [n[i:i + 4] for i in range(0, len(n), 4)]
    return (" " if style == "spaces" else "-").join(g)

def iban_print(s): return " ".join(s[i:i + 4] for i in range(0, len(s), 4))
IBAN_LOCS = ["de_DE", "en_GB", "fr_FR", "es_ES", "it_IT", "nl_NL", "pl_PL", "pt_PT", "de_AT", "de_CH", "no_NO", "fi_FI", "da_DK", "cs_CZ", "ro_RO", "tr_TR", "el_GR", "hu_HU", "nl_BE", "sv_SE", "en_IE", "bg_BG", "hr_HR", "lt_LT", "et_EE", "sk_SK"]
def iban():
    for _ in range(50):
        loc = R.choice(IBAN_LOCS)
        try: v = F(loc).iban()
        except Exception: continue
        if sn("iban").is_valid(v): return loc, v
    return "de_DE", "DE89370400440532013000"
def iban_bad(v):
    cd = int(v[2:4]); nd = "%02d" % ((cd + R.randint(1, 50)) % 97 + 2)
    return v[:2] + nd + v[4:]

PHONE_REGIONS = ["US", "GB", "DE", "FR", "ES", "IT", "NL", "BR", "IN", "JP", "PL", "SE", "CN", "KR", "AU", "MX", "CH", "AT", "BE", "IE", "NO", "DK", "FI", "ZA", "NG", "TR", "CA", "PT", "AR", "SG"]
def phone_num(region=None, typ=None):
    region = region or R.choice(PHONE_REGIONS)
    for _ in range(200):
        t = typ or R.choice([phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE])
        ex = phonenumbers.example_number_for_type(region, t)
        if ex is None: continue
        nn = str(ex.national_number)
        k = min(5, len(nn) - 3)
        nn = nn[:-k] + "".join(R.choice(string.digits) for _ in range(k))
        n = phonenumbers.PhoneNumber(country_code=ex.country_code, national_number=int(nn))
        if ex.italian_leading_zero: n.italian_leading_zero = True
        if phonenumbers.is_valid_number(n): return region, n
    return region, ex
PNF = phonenumbers.PhoneNumberFormat
def phone_forms(region, n):
    intl = phonenumbers.format_number(n, PNF.INTERNATIONAL); e164 = phonenumbers.format_number(n, PNF.E164)
    nat = phonenumbers.format_number(n, PNF.NATIONAL)
    cc = str(n.country_code); nsn = phonenumbers.national_significant_number(n)
    out = {"intl": intl, "e164": e164, "national": nat, "rfc3966": phonenumbers.format_number(n, PNF.RFC3966),
           "00prefix": "00" + cc + " " + intl.split(" ", 1)[1] if " " in intl else "00" + e164[1:],
           "dots": "+" + cc + "." + ".".join([nsn[:3], nsn[3:6], nsn[6:]]),
           "ext_x": intl + " x" + str(R.randint(10, 9999)), "ext_dot": nat + " ext. " + str(R.randint(1, 999)),
           "msisdn": e164[1:], "dashes_intl": "+" + cc + "-" + "-".join([nsn[:3], nsn[3:6], nsn[6:]])}
    if region in ("GB", "DE", "AT", "CH", "FR", "NL", "BE", "IT") and nat.startswith("0"):
        out["paren0"] = "+" + cc + " (0)" + nat[1:].strip()
    if region in ("US", "CA"):
        out["us_dots"] = "%s.%s.%s" % (nsn[:3], nsn[3:6], nsn[6:])
        out["us_1dash"] = "1-%s-%s-%s" % (nsn[:3], nsn[3:6], nsn[6:])
    return out
def phone(region=None, form=None):
    region, n = phone_num(region)
    fs = phone_forms(region, n)
    form = form if form in fs else R.choice(list(fs))
    return form, fs[form], region

FAKER_PHONE_LOCS = ["en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pt_BR", "ja_JP", "en_IN", "pl_PL", "sv_SE", "zh_CN", "ko_KR", "en_AU", "de_CH", "fi_FI", "da_DK", "no_NO", "cs_CZ", "en_CA", "es_MX"]
LOC_REGION = {"en_US": "US", "en_GB": "GB", "de_DE": "DE", "fr_FR": "FR", "es_ES": "ES", "it_IT": "IT", "nl_NL": "NL", "pt_BR": "BR", "ja_JP": "JP", "en_IN": "IN", "pl_PL": "PL", "sv_SE": "SE", "zh_CN": "CN", "ko_KR": "KR", "en_AU": "AU", "de_CH": "CH", "fi_FI": "FI", "da_DK": "DK", "no_NO": "NO", "cs_CZ": "CZ", "en_CA": "CA", "es_MX": "MX"}
def faker_phone(loc=None):
    """Faker's own phone formats; exp=pos if phonenumbers says valid for the locale region, else 'any'."""
    loc = loc or R.choice(FAKER_PHONE_LOCS)
    v = F(loc).phone_number() if R.random() < 0.8 else F(loc).msisdn()
    try:
        ok = phonenumbers.is_valid_number(phonenumbers.parse(v.split(" x")[0].split("x")[0], LOC_REGION[loc]))
    except Exception: ok = False
    return P(v, "phone", "faker_" + loc + ("" if ok else "_invalid"), exp="pos" if ok else "any")

def email(style=None):
    f = F(R.choice(["en_US", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pt_BR"]))
    user = f.user_name().lower(); dom = f.free_email_domain()
    styles = {"plain": lambda: f.email(), "plus": lambda: "%s+%s@%s" % (user, R.choice(["news", "shop", "2024", "ml-data"]), dom),
              "subdomain": lambda: "%s@%s.%s" % (user, R.choice(["mail", "eu.corp", "dept.cs"]), f.domain_name()),
              "upper": lambda: ("%s.%s@%s" % (f.first_name(), f.last_name(), f.domain_name())).upper(),
              "dotted": lambda: "%s.%s@%s" % (f.first_name().lower(), f.last_name().lower(), R.choice(["company.co.uk", "uni-heidelberg.de", "example.museum", "shop.photography"])),
              "hyphen_digits": lambda: "%s-%d_%s@%s" % (user, R.randint(1, 99), R.choice("abc"), "my-isp.net"),
              "idn_domain": lambda: "%s@%s" % (user, R.choice(["münchen.de", "bücher.example", "café.fr"])),
              "company": lambda: f.company_email()}
    style = style or R.choice(list(styles))
    v = styles[style]()
    import unicodedata
    loc_, dom_ = v.rsplit("@", 1)
    loc_ = "".join(c for c in unicodedata.normalize("NFKD", loc_) if not unicodedata.combining(c)).replace(" ", "").replace("'", "")
    return style, loc_ + "@" + dom_

def us_ssn(form):
    v = F("en_US").ssn()
    a, g, s = v.split("-")
    return {"dashed": v, "spaces": "%s %s %s" % (a, g, s), "compact": a + g + s, "dots": "%s.%s.%s" % (a, g, s)}[form]

def rnd_digits(n, first_nonzero=True):
    s = "".join(R.choice(string.digits) for _ in range(n))
    return (R.choice("123456789") + s[1:]) if first_nonzero else s

def brute(mod, n, tries=200000, gen=None):
    m = sn(mod)
    for _ in range(tries):
        v = gen() if gen else rnd_digits(n)
        try:
            if m.is_valid(v): return v
        except Exception: pass
    raise RuntimeError(mod)

def nino():
    bad1, bad2 = set("DFIQUV"), set("DFIOQUV")
    while True:
        a = R.choice([c for c in string.ascii_uppercase if c not in bad1]); b = R.choice([c for c in string.ascii_uppercase if c not in bad2])
        if a + b not in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"): break
    return a + b + rnd_digits(6, False) + R.choice("ABCD")

def date_pnr_digits(fmt):
    """Random birth date as strings."""
    y = R.randint(1940, 2004); m = R.randint(1, 12); d = R.randint(1, 28)
    return y, m, d

def natid(kind):
    """Return list of (form, value) for a national id kind. All validated with stdnum where possible."""
    if kind == "nl_bsn":
        v = brute("nl.bsn", 9); return [("compact", v), ("dotted", sn("nl.bsn").format(v))]
    if kind == "fi_hetu":
        for _ in range(100):
            v = F("fi_FI").ssn()
            if sn("fi.hetu").is_valid(v): return [("canonical", v)]
    if kind == "se_pnr":
        for _ in range(100):
            v = F("sv_SE").ssn()
            if sn("se.personnummer").is_valid(v):
                c = v.replace("-", ""); y = int(c[:2]); cent = "19" if y > 24 else "20"
                return [("10dash", v), ("12compact", cent + c), ("12dash", cent + v)]
    if kind == "pl_pesel":
        for _ in range(100):
            v = F("pl_PL").ssn()
            if sn("pl.pesel").is_valid(v): return [("compact", v)]
    if kind == "no_fnr":
        for _ in range(100):
            v = F("no_NO").ssn()
            if sn("no.fodselsnummer").is_valid(v): return [("compact", v), ("spaced", v[:6] + " " + v[6:])]
    if kind == "it_cf":
        for _ in range(100):
            v = F("it_IT").ssn()
            if sn("it.codicefiscale").is_valid(v): return [("upper", v), ("lower", v.lower())]
    if kind == "es_dni":
        v = F("es_ES").nif()
        if sn("es.dni").is_valid(v): return [("compact", v), ("dash", v[:8] + "-" + v[8:])]
    if kind == "es_nie":
        v = F("es_ES").nie()
        if sn("es.nie").is_valid(v): return [("compact", v), ("dashes", "%s-%s-%s" % (v[0], v[1:8], v[8]))]
    if kind == "fr_nir":
        for _ in range(100):
            v = F("fr_FR").ssn()
            if sn("fr.nir").is_valid(v): return [("compact", v), ("spaced", sn("fr.nir").format(v))]
    if kind == "de_idnr":
        v = brute("de.idnr", 11); return [("compact", v), ("spaced", "%s %s %s %s" % (v[:2], v[2:5], v[5:8], v[8:]))]
    if kind == "br_cpf":
        v = F("pt_BR").cpf(); c = v.replace(".", "").replace("-", "")
        if sn("br.cpf").is_valid(c): return [("formatted", v), ("compact", c)]
    if kind == "br_cnpj":
        v = F("pt_BR").cnpj(); c = "".join(ch for ch in v if ch.isdigit())
        if sn("br.cnpj").is_valid(c): return [("formatted", v), ("compact", c)]
    if kind == "in_aadhaar":
        for _ in range(100):
            v = F("en_IN").aadhaar_id()
            if sn("in_.aadhaar").is_valid(v): return [("compact", v), ("spaced", "%s %s %s" % (v[:4], v[4:8], v[8:]))]
    if kind == "cn_ric":
        for _ in range(100):
            v = F("zh_CN").ssn()
            if sn("cn.ric").is_valid(v): return [("compact", v)]
    if kind == "kr_rrn":
        for _ in range(2000):
            y, m, d = date_pnr_digits(0)
            g = "1" if y < 2000 else "3"
            base = "%02d%02d%02d%s%s" % (y % 100, m, d, g, rnd_digits(5, False))
            w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
            c = (11 - sum(int(a) * b for a, b in zip(base, w)) % 11) % 10
            v = base + str(c)
            if sn("kr.rrn").is_valid(v): return [("dash", v[:6] + "-" + v[6:]), ("compact", v)]
    if kind == "dk_cpr":
        for _ in range(20000):
            y, m, d = date_pnr_digits(0)
            v = "%02d%02d%02d%s" % (d, m, y % 100, rnd_digits(4, False))
            if sn("dk.cpr").is_valid(v) and sn("dk.cpr").checksum(v) == 0: return [("dash", v[:6] + "-" + v[6:]), ("compact", v)]
    if kind == "ca_sin":
        v = F("en_CA").ssn(); c = v.replace(" ", "")
        if sn("ca.sin").is_valid(c): return [("spaced", v), ("dashed", "%s-%s-%s" % (c[:3], c[3:6], c[6:])), ("compact", c)]
    if kind == "gb_nino":
        v = nino(); return [("compact", v), ("spaced", "%s %s %s %s %s" % (v[:2], v[2:4], v[4:6], v[6:8], v[8]))]
    # extras not explicitly promised
    if kind == "ch_ahv":
        v = F("de_CH").ssn()
        if sn("ch.ssn").is_valid(v): return [("dotted", v)]
    if kind == "be_nn":
        for _ in range(100):
            v = F("nl_BE").ssn()
            if sn("be.nn").is_valid(v): return [("compact", v)]
    if kind == "ro_cnp":
        for _ in range(100):
            v = F("ro_RO").ssn()
            if sn("ro.cnp").is_valid(v): return [("compact", v)]
    if kind == "tr.tckimlik":
        for _ in range(100):
            v = F("tr_TR").ssn()
            if sn("tr.tckimlik").is_valid(v): return [("compact", v)]
    if kind == "ee_ik":
        for _ in range(100):
            v = F("et_EE").ssn()
            if sn("ee.ik").is_valid(v): return [("compact", v)]
    if kind == "at_vnr":
        for _ in range(100):
            v = F("de_AT").ssn()
            if sn("at.vnr").is_valid(v): return [("compact", v)]
    if kind == "hr_oib":
        v = brute("hr.oib", 11); return [("compact", v)]
    if kind == "mx_curp":
        for _ in range(100):
            v = F("es_MX").curp()
            if sn("mx.curp").is_valid(v): return [("compact", v)]
    if kind == "za_idnr":
        for _ in range(100000):
            y, m, d = date_pnr_digits(0)
            v = "%02d%02d%02d%s08" % (y % 100, m, d, rnd_digits(4, False))
            v = v + luhn_digit(v)
            if sn("za.idnr").is_valid(v): return [("compact", v)]
    return natid(kind)  # retry

NATID_MAIN = ["nl_bsn", "fi_hetu", "se_pnr", "pl_pesel", "no_fnr", "it_cf", "es_dni", "es_nie", "fr_nir", "de_idnr", "br_cpf", "br_cnpj",
              "in_aadhaar", "cn_ric", "kr_rrn", "dk_cpr", "ca_sin", "gb_nino"]
NATID_EXTRA = ["ch_ahv", "be_nn", "ro_cnp", "tr.tckimlik", "ee_ik", "at_vnr", "hr_oib", "mx_curp", "za_idnr"]
NATID_COL = {"nl_bsn": ["bsn", "burgerservicenummer"], "fi_hetu": ["hetu", "henkilotunnus"], "se_pnr": ["personnummer", "pnr"],
             "pl_pesel": ["pesel"], "no_fnr": ["fodselsnummer", "fnr"], "it_cf": ["codice_fiscale", "codiceFiscale", "cf"],
             "es_dni": ["dni", "nif"], "es_nie": ["nie"], "fr_nir": ["nir", "numero_securite_sociale"], "de_idnr": ["steuer_id", "Steuer-ID", "steueridentifikationsnummer"],
             "br_cpf": ["cpf"], "br_cnpj": ["cnpj"], "in_aadhaar": ["aadhaar", "aadhaar_no"], "cn_ric": ["shenfenzheng", "id_card_no", "身份证号"],
             "kr_rrn": ["rrn", "jumin_no"], "dk_cpr": ["cpr", "cpr_nr"], "ca_sin": ["sin", "social_insurance_number"], "gb_nino": ["nino", "ni_number"],
             "ch_ahv": ["ahv_nr"], "be_nn": ["rijksregisternummer"], "ro_cnp": ["cnp"], "tr.tckimlik": ["tc_kimlik_no"], "ee_ik": ["isikukood"],
             "at_vnr": ["svnr"], "hr_oib": ["oib"], "mx_curp": ["curp"], "za_idnr": ["id_number"]}
NATID_CUE = {"nl_bsn": ["BSN", "burgerservicenummer"], "fi_hetu": ["henkilötunnus", "HETU"], "se_pnr": ["personnummer"], "pl_pesel": ["PESEL", "numer PESEL"],
             "no_fnr": ["fødselsnummer"], "it_cf": ["codice fiscale", "C.F."], "es_dni": ["DNI", "NIF"], "es_nie": ["NIE"], "fr_nir": ["numéro de sécurité sociale", "NIR"],
             "de_idnr": ["Steuer-ID", "Steueridentifikationsnummer", "IdNr"], "br_cpf": ["CPF"], "br_cnpj": ["CNPJ"], "in_aadhaar": ["Aadhaar", "Aadhaar no."],
             "cn_ric": ["身份证号", "ID card"], "kr_rrn": ["주민등록번호", "RRN"], "dk_cpr": ["CPR-nr.", "CPR"], "ca_sin": ["SIN", "Social Insurance Number"],
             "gb_nino": ["National Insurance number", "NI number", "NINO"], "ch_ahv": ["AHV-Nr."], "be_nn": ["rijksregisternummer"], "ro_cnp": ["CNP"],
             "tr.tckimlik": ["TC Kimlik No"], "ee_ik": ["isikukood"], "at_vnr": ["SV-Nummer"], "hr_oib": ["OIB"], "mx_curp": ["CURP"], "za_idnr": ["ID number"]}

def natid_p(kind, cue="column", formi=None):
    fs = natid(kind)
    form, v = fs[formi % len(fs)] if formi is not None else R.choice(fs)
    return P(v, "natid" if kind in NATID_MAIN else "natid_extra", kind + "/" + form, cue=cue)

def ipv4(kind=None):
    kind = kind or R.choice(["public", "public", "private", "with_port"])
    f = F("en_US")
    if kind == "public": return kind, f.ipv4_public()
    if kind == "private": return kind, f.ipv4_private()
    return kind, f.ipv4_public() + ":" + str(R.choice([80, 443, 8080, 51234]))
def ipv6(kind=None):
    full = F("en_US").ipv6()
    import ipaddress
    a = ipaddress.IPv6Address(full)
    kinds = {"full": a.exploded, "compressed": str(ipaddress.IPv6Address(int(a) & ~((1 << 48) - 1))),
             "zone": "fe80::%x:%x:%x:%x%%eth0" % tuple(R.randrange(1, 65535) for _ in range(4)),
             "v4mapped": "::ffff:" + F("en_US").ipv4_public(), "bracket_port": "[%s]:8443" % str(ipaddress.IPv6Address(int(a) & ~((1 << 32) - 1))),
             "upper": str(a).upper()}
    kind = kind or R.choice(list(kinds))
    return kind, kinds[kind]
def mac(kind=None):
    b = [R.randrange(256) for _ in range(6)]; b[0] &= 0xFC
    h = "".join("%02x" % x for x in b)
    kinds = {"colon": ":".join(h[i:i + 2] for i in range(0, 12, 2)), "dash_upper": "-".join(h[i:i + 2] for i in range(0, 12, 2)).upper(),
             "dash_lower": "-".join(h[i:i + 2] for i in range(0, 12, 2)), "cisco": ".".join(h[i:i + 4] for i in range(0, 12, 4)),
             "colon_upper": ":".join(h[i:i + 2] for i in range(0, 12, 2)).upper(), "bare": h}
    kind = kind or R.choice(list(kinds))
    return kind, kinds[kind]

def dob(style=None):
    f = F("en_US"); d = f.date_of_birth(minimum_age=18, maximum_age=90)
    styles = {"iso": d.isoformat(), "de": d.strftime("%d.%m.%Y"), "us": d.strftime("%m/%d/%Y"), "eu_slash": d.strftime("%d/%m/%Y"),
              "long_en": d.strftime("%B %-d, %Y"), "day_month": d.strftime("%-d %B %Y"), "iso_time": d.isoformat() + "T00:00:00Z"}
    style = style or R.choice(list(styles))
    return style, styles[style]

ADDR_LOCS = ["en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pt_BR", "pl_PL", "en_AU"]
def address(loc=None, oneline=False):
    loc = loc or R.choice(ADDR_LOCS)
    a = F(loc).address()
    if oneline: a = a.replace("\n", ", ")
    return loc, a
def name(loc=None):
    loc = loc or R.choice(["en_US", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pt_BR", "pl_PL", "sv_SE", "ja_JP", "zh_CN", "ko_KR", "en_IN", "tr_TR"])
    return loc, F(loc).name()

# ---------------------------------------------------------------- secrets
AL = string.ascii_letters + string.digits
def rs(n, alphabet=AL): return "".join(R.choice(alphabet) for _ in range(n))
HEX = "0123456789abcdef"
B64 = AL + "+/"
URLS = AL + "_-"
def pem(kind):
    body = base64.b64encode(bytes(R.randrange(256) for _ in range({"RSA": 1190, "EC": 121, "OPENSSH": 400, "": 1216}[kind]))).decode()
    lines = [body[i:i + (70 if kind == "OPENSSH" else 64)] for i in range(0, len(body), 70 if kind == "OPENSSH" else 64)]
    hdr = {"RSA": "RSA PRIVATE KEY", "EC": "EC PRIVATE KEY", "OPENSSH": "OPENSSH PRIVATE KEY", "": "PRIVATE KEY"}[kind]
    return "-----BEGIN %s-----\n%s\n-----END %s-----" % (hdr, "\n".join(lines), hdr)
def jwt():
    b = lambda d: base64.urlsafe_b64encode(json.dumps(d, separators=(",", ":")).encode()).decode().rstrip("=")
    return b({"alg": "HS256", "typ": "JWT"}) + "." + b({"sub": str(R.randint(1000, 99999)), "name": F("en_US").name(), "iat": 1716239022, "exp": 1716325422}) + "." + rs(43, URLS)
SECRETS = {
    "aws_access_key": lambda: "AKIA" + rs(16, string.ascii_uppercase + "234567"),
    "aws_sts_key": lambda: "ASIA" + rs(16, string.ascii_uppercase + "234567"),
    "aws_secret": lambda: rs(40, B64),
    "github_ghp": lambda: "ghp_" + rs(36), "github_oauth_gho": lambda: "gho_" + rs(36),
    "github_fine_pat": lambda: "github_pat_" + rs(22) + "_" + rs(59),
    "gitlab_pat": lambda: "glpat-" + rs(20, URLS),
    "slack_bot": lambda: "xoxb-%s-%s-%s" % (rs(12, string.digits), rs(13, string.digits), rs(24)),
    "slack_user": lambda: "xoxp-%s-%s-%s-%s" % (rs(12, string.digits), rs(12, string.digits), rs(13, string.digits), rs(32, HEX)),
    "slack_webhook": lambda: "https://hooks.slack.com/services/T%s/B%s/%s" % (rs(8, string.ascii_uppercase + string.digits), rs(10, string.ascii_uppercase + string.digits), rs(24)),
    "stripe_sk_live": lambda: "sk_live_" + rs(24), "stripe_rk_live": lambda: "rk_live_" + rs(99),
    "google_api": lambda: "AIza" + rs(35, URLS),
    "openai_proj": lambda: "sk-proj-" + rs(74, URLS) + "T3BlbkFJ" + rs(74, URLS),
    "openai_legacy": lambda: "sk-" + rs(20) + "T3BlbkFJ" + rs(20),
    "anthropic": lambda: "sk-ant-api03-" + rs(93, URLS) + "AA",
    "sendgrid": lambda: "SG." + rs(22, URLS) + "." + rs(43, URLS),
    "twilio_sk": lambda: "SK" + rs(32, HEX),
    "npm": lambda: "npm_" + rs(36), "pypi": lambda: "pypi-AgEIcHlwaS5vcmc" + rs(70, URLS),
    "huggingface": lambda: "hf_" + rs(34, string.ascii_letters),
    "shopify": lambda: "shpat_" + rs(32, HEX), "mailgun": lambda: "key-" + rs(32, HEX),
    "azure_storage_key": lambda: rs(86, B64) + "==",
    "jwt": jwt,
    "pem_rsa": lambda: pem("RSA"), "pem_ec": lambda: pem("EC"), "pem_openssh": lambda: pem("OPENSSH"), "pem_pkcs8": lambda: pem(""),
    "generic_password": lambda: rs(10, AL) + R.choice("!#$%&*") + rs(5, AL),
    "generic_hex40": lambda: rs(40, HEX), "generic_b64_32": lambda: rs(32, AL),
    "db_url_password": lambda: rs(14, AL),
}

# ---------------------------------------------------------------- negatives
def isbn13():
    s = "978" + rnd_digits(9, False); t = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(s)); return s + str((10 - t % 10) % 10)
def ean13():
    s = R.choice(["400", "501", "871", "300", "590"]) + rnd_digits(9, False); t = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(s)); return s + str((10 - t % 10) % 10)
def bad_bsn():
    while True:
        v = rnd_digits(9)
        if not sn("nl.bsn").is_valid(v): return v
def bad_generic(mod, n):
    while True:
        v = rnd_digits(n)
        if not sn(mod).is_valid(v): return v
def bad_ssn():
    return R.choice(["000-%02d-%04d" % (R.randint(1, 99), R.randint(1, 9999)), "666-%02d-%04d" % (R.randint(1, 99), R.randint(1, 9999)),
                     "9%02d-%02d-%04d" % (R.randint(0, 99), R.randint(1, 49), R.randint(1, 9999)), "%03d-00-%04d" % (R.randint(1, 665), R.randint(1, 9999)),
                     "%03d-%02d-0000" % (R.randint(1, 665), R.randint(1, 99))])
def NEG(form, v): return P(v, "neg", form, exp="neg", cue="none")
NEGS = {
    "md5": lambda: hashlib.md5(R.randbytes(8)).hexdigest(), "sha1": lambda: hashlib.sha1(R.randbytes(8)).hexdigest(),
    "sha256": lambda: hashlib.sha256(R.randbytes(8)).hexdigest(), "uuid": lambda: str(uuid.UUID(int=R.getrandbits(128), version=4)),
    "semver": lambda: "%d.%d.%d" % (R.randint(0, 30), R.randint(0, 40), R.randint(0, 200)),
    "version4": lambda: "%d.%d.%d.%d" % (R.randint(1, 12), R.randint(0, 9), R.randint(1000, 22000), R.randint(1, 999)),
    "semver_pre": lambda: "v%d.%d.%d-rc.%d+build.%d" % (R.randint(0, 9), R.randint(0, 9), R.randint(0, 9), R.randint(1, 5), R.randint(100, 9999)),
    "iso_ts": lambda: F("en_US").date_time_this_decade().isoformat() + "Z", "epoch_s": lambda: str(R.randint(1500000000, 1750000000)),
    "epoch_ms": lambda: str(R.randint(1500000000000, 1750000000000)), "order_no": lambda: "ORD-%d-%06d" % (R.randint(2019, 2025), R.randint(1, 999999)),
    "isbn13": isbn13, "isbn13_dashed": lambda: (lambda s: "%s-%s-%s-%s-%s" % (s[:3], s[3], s[4:7], s[7:12], s[12]))(isbn13()), "ean13": ean13,
    "ups_tracking": lambda: "1Z" + rs(6, string.ascii_uppercase + string.digits) + rnd_digits(10, False),
    "fedex_tracking": lambda: rnd_digits(12), "usps_tracking": lambda: "9400" + rnd_digits(18, False),
    "float": lambda: repr(R.uniform(-1000, 1000)), "coords": lambda: "%.6f, %.6f" % (R.uniform(-80, 80), R.uniform(-170, 170)),
    "b64_text": lambda: base64.b64encode(F("en_US").sentence().encode()).decode(),
    "card_luhn_fail": lambda: fmt_card(card(valid=False)[1], R.choice(["plain", "spaces", "dashes"])),
    "iban_bad_check": lambda: (lambda v: R.choice([v, iban_print(v)]))(iban_bad(iban()[1])),
    "ssn_invalid_area": bad_ssn, "bsn_invalid": bad_bsn, "pesel_invalid": lambda: bad_generic("pl.pesel", 11),
    "cpf_invalid": lambda: bad_generic("br.cpf", 11), "steuerid_invalid": lambda: bad_generic("de.idnr", 11),
    "aadhaar_invalid": lambda: bad_generic("in_.aadhaar", 12), "git_sha": lambda: hashlib.sha1(R.randbytes(8)).hexdigest(),
    "oid": lambda: "1.3.6.1.4.1.%d.%d.%d" % (R.randint(1, 60000), R.randint(1, 20), R.randint(1, 9)),
    "price": lambda: "%d.%02d" % (R.randint(1, 99999), R.randint(0, 99)), "invoice": lambda: "INV-%d%07d" % (R.randint(2019, 2025), R.randint(0, 9999999)),
    "hex_color": lambda: "#" + rs(6, HEX), "doi": lambda: F("en_US").doi(),
}
def neg(form=None):
    form = form or R.choice(list(NEGS)); return NEG(form, NEGS[form]())

# ---------------------------------------------------------------- builders
OUT = args.out
MARK = os.path.join(OUT, ".blind-eval")
if os.path.isdir(OUT) and os.listdir(OUT) and not os.path.exists(MARK):
    raise SystemExit(f"{OUT} holds files this script did not write: give an empty or new --out")
os.makedirs(OUT, exist_ok=True)
for fn in os.listdir(OUT):
    os.remove(os.path.join(OUT, fn))
open(MARK, "w").close()
N = args.rows

def cyc(lst, i): return lst[i % len(lst)]

# T1: US-style customers CSV, comma, multi-line addresses, notes, gz copy
def t1():
    d = Doc("customers_us.csv", "csv")
    hdr = ["customer_id", "full_name", "contact", "mobile", "dob", "home_address", "cc", "social", "client_ip", "mac", "created_at", "notes"]
    rows = []
    cardstyles = ["plain", "spaces", "dashes"]; ssnforms = ["dashed", "spaces", "compact", "dots"]
    phforms = ["national", "us_dots", "us_1dash", "e164", "ext_x", "ext_dot", "intl", "rfc3966"]
    for i in range(N):
        es, ev = email(); br, cn = card(); cs = cyc(cardstyles, i)
        pf, pv, _ = phone("US" if i % 3 else R.choice(PHONE_REGIONS), cyc(phforms, i))
        ds, dv = dob(cyc(["us", "iso", "long_en", "eu_slash"], i)); al, av = address("en_US" if i % 2 else None)
        ipk, ipv = (ipv4() if i % 3 else ipv6()); mk, mv = mac()
        sf = cyc(ssnforms, i)
        note = cyc([
            ["Called back on ", P(phone(None, "intl")[1], "phone", "intl_text_called", cue="cue"), ", left voicemail."],
            ["Customer asked to update email to ", P(email()[1], "email", "text_cue_email", cue="cue"), "."],
            ["Paid with card ending ", NEG("card_last4", cn[-4:]), " on ", NEG("iso_ts", NEGS["iso_ts"]())],
            ["Order ", NEG("order_no", NEGS["order_no"]()), " shipped via UPS ", NEG("ups_tracking", NEGS["ups_tracking"]())],
            ["SSN on file: ", P(us_ssn("dashed"), "us_ssn", "text_cue_dashed", cue="cue")],
            ["VIP. Prefers contact by phone."],
            ["Refund to card ", P(fmt_card(card()[1], "spaces"), "card", "text_cue_spaces", cue="cue"), " approved by ", P(name()[1], "name", "text_after_by", cue="none")],
        ], i)
        if i % 9 == 4: cc_cell = NEG("card_luhn_fail_in_cc_col", fmt_card(card(valid=False)[1], cs))
        else: cc_cell = P(fmt_card(cn, cs), "card", br + "/" + cs)
        if i % 11 == 5: ssn_cell = NEG("ssn_invalid_in_ssn_col", bad_ssn())
        else: ssn_cell = P(us_ssn(sf), "us_ssn", sf)
        rows.append([str(1000 + i), P(name()[1], "name", "full_name"), P(ev, "email", es), P(pv, "phone", ("US_" if i % 3 else "intl_") + pf),
                     P(dv, "dob", ds), P(av, "address", "multiline_" + al), cc_cell, ssn_cell,
                     P(ipv, "ip", ("v4_" if i % 3 else "v6_") + ipk),
                     P(mv, "mac", mk), NEG("iso_ts", NEGS["iso_ts"]()), note])
    write_table(d, hdr, rows); d.save(OUT, gz=True)

# T2: German semicolon CSV
def t2():
    d = Doc("kunden_de.csv", "csv_semicolon")
    hdr = ["Kundennummer", "Vorname", "Nachname", "E-Mail-Adresse", "Telefonnummer", "Handy", "Geburtsdatum", "Anschrift", "Steuer-ID", "IBAN", "Kartennummer", "Bemerkung"]
    rows = []
    for i in range(N):
        f = F("de_DE"); rf, rv, _ = phone("DE", cyc(["national", "intl", "paren0", "00prefix", "e164"], i))
        mf, mv, _ = phone(cyc(["DE", "AT", "CH"], i), cyc(["national", "intl", "e164", "dashes_intl"], i))
        ic, iv = iban(); ist = cyc(["compact", "print", "lower", "lower_print"], i)
        ivf = {"compact": iv, "print": iban_print(iv), "lower": iv.lower(), "lower_print": iban_print(iv).lower()}[ist]
        if i % 10 == 3: iban_cell = NEG("iban_bad_check_in_iban_col", iban_print(iban_bad(iv)))
        else: iban_cell = P(ivf, "iban", ist + "_" + iv[:2])
        if i % 10 == 7: tax_cell = NEG("steuerid_invalid_in_col", bad_generic("de.idnr", 11))
        else: tax_cell = natid_p("de_idnr", formi=i)
        bem = cyc([
            ["Bitte rufen Sie mich unter ", P(phone("DE", "national")[1], "phone", "DE_national_text_cue", cue="cue"), " an."],
            ["Neue E-Mail: ", P(email()[1], "email", "text_cue", cue="cue")],
            ["Rückruf erbeten, Tel. ", P(phone("DE", "paren0")[1], "phone", "DE_paren0_text_cue", cue="cue")],
            ["Lastschrift auf IBAN ", P(iban_print(iban()[1]), "iban", "print_text_cue", cue="cue"), " eingerichtet"],
            ["Kunde seit ", NEG("date", "%02d.%02d.%d" % (R.randint(1, 28), R.randint(1, 12), R.randint(2000, 2023))), ", Rabatt ", NEG("percent", "%d,%d %%" % (R.randint(1, 30), R.randint(0, 9)))],
            ["geboren am ", P(dob("de")[1], "dob", "de_text_cue", cue="cue"), " in ", f.city()],
            ["Wohnt jetzt in der ", P(f.street_address() + ", " + f.postcode() + " " + f.city(), "address", "de_oneline_text_cue", cue="cue")],
        ], i)
        kart = P(fmt_card(card("mastercard" if i % 2 else "visa")[1], cyc(["spaces", "plain"], i)), "card", "kartennummer")
        rows.append(["K-%05d" % i, P(f.first_name(), "name", "first_name_col"), P(f.last_name(), "name", "last_name_col"), P(email()[1], "email", "de_col"),
                     P(rv, "phone", "DE_" + rf), P(mv, "phone", "DACH_" + mf), P(dob("de")[1], "dob", "de"), P(f.address().replace("\n", ", "), "address", "de_oneline"),
                     tax_cell, iban_cell, kart, bem])
    write_table(d, hdr, rows, ";"); d.save(OUT)

# T3: Nordic/NL/PL TSV with national IDs
def t3():
    d = Doc("nordic_ids.tsv", "tsv")
    kinds = ["se_pnr", "fi_hetu", "no_fnr", "dk_cpr", "nl_bsn", "pl_pesel"]
    hdr = ["id"] + [R.choice(NATID_COL[k]) for k in kinds] + ["navn", "epost", "telefon"]
    rows = []
    for i in range(N // 2):
        cells = [str(i)]
        for k in kinds:
            if k == "nl_bsn" and i % 8 == 2: cells.append(NEG("bsn_invalid_in_bsn_col", bad_bsn()))
            elif k == "pl_pesel" and i % 8 == 5: cells.append(NEG("pesel_invalid_in_col", bad_generic("pl.pesel", 11)))
            else: cells.append(natid_p(k, formi=i))
        reg = cyc(["SE", "FI", "NO", "DK", "NL", "PL"], i)
        cells += [P(name(cyc(["sv_SE", "fi_FI", "no_NO", "da_DK", "nl_NL", "pl_PL"], i))[1], "name", "navn_col"), P(email()[1], "email", "epost_col"),
                  P(phone(reg, cyc(["national", "intl", "e164"], i))[1], "phone", reg + "_" + cyc(["national", "intl", "e164"], i))]
        rows.append(cells)
    write_table(d, hdr, rows, "\t"); d.save(OUT)

# T4: FR/ES/IT/BR nested JSONL
def t4():
    d = Doc("clients_nested.jsonl", "jsonl")
    for i in range(N):
        m = i % 4
        if m == 0:
            f = F("fr_FR")
            rec = {"id": i, "client": {"nom": P(f.name(), "name", "nom"), "courriel": P(email()[1], "email", "courriel"),
                   "telephone": P(phone("FR", cyc(["national", "intl", "paren0"], i))[1], "phone", "FR_nested"),
                   "date_naissance": P(dob("eu_slash")[1], "dob", "date_naissance"), "adresse": P(f.address(), "address", "fr_multiline_json")},
                   "identite": {"nir": natid_p("fr_nir", formi=i)}, "meta": {"version": NEG("semver", NEGS["semver"]()), "trace_id": NEG("uuid", NEGS["uuid"]())}}
        elif m == 1:
            f = F("es_ES"); k = cyc(["es_dni", "es_nie"], i // 4)
            rec = {"id": i, "datos": {"nombre": P(f.name(), "name", "nombre"), "correo": P(email()[1], "email", "correo"),
                   "telefono": P(phone("ES", cyc(["national", "intl", "e164"], i))[1], "phone", "ES_nested"),
                   "fecha_nacimiento": P(dob("eu_slash")[1], "dob", "fecha_nacimiento"), "direccion": P(f.address().replace("\n", ", "), "address", "direccion")},
                   "documento": {"tipo": "NIE" if k == "es_nie" else "DNI", "numero": natid_p(k, cue="sibling", formi=i)},
                   "mensaje": Txt("Hola, mi correo es ", P(email()[1], "email", "es_text_cue", cue="cue"), " y mi móvil ", P(phone("ES", "national")[1], "phone", "ES_national_text_cue", cue="cue"), ". Gracias")}
        elif m == 2:
            f = F("it_IT")
            rec = {"id": i, "anagrafica": {"nome": P(f.name(), "name", "nome"), "codiceFiscale": natid_p("it_cf", formi=i),
                   "cellulare": P(phone("IT", cyc(["national", "intl", "e164"], i))[1], "phone", "IT_nested"), "email": P(email()[1], "email", "it")},
                   "contatti": [{"tipo": "email", "valore": P(email()[1], "email", "array_sibling", cue="sibling")},
                                {"tipo": "cellulare", "valore": P(phone("IT", "intl")[1], "phone", "IT_array_sibling", cue="sibling")}]}
        else:
            f = F("pt_BR"); k = cyc(["br_cpf", "br_cnpj"], i // 4)
            rec = {"id": i, "cliente": {"nome": P(f.name(), "name", "nome"), k[3:]: natid_p(k, formi=i), "celular": P(phone("BR", cyc(["national", "intl"], i))[1], "phone", "BR_nested"),
                   "endereco": P(f.address().replace("\n", " - "), "address", "endereco")},
                   "pedido": {"numero": NEG("order_no", NEGS["order_no"]()), "valor": NEG("price", NEGS["price"]()), "rastreio": NEG("usps_tracking", NEGS["usps_tracking"]())}}
        json_write(d, rec); d.add("\n")
    d.save(OUT)

# T5: pretty JSON array, Asian IDs + GB/CA
def t5():
    d = Doc("people_array.json", "json")
    arr = []
    for i in range(N // 2):
        k = cyc(["in_aadhaar", "cn_ric", "kr_rrn", "gb_nino", "ca_sin"], i)
        loc = {"in_aadhaar": "en_IN", "cn_ric": "zh_CN", "kr_rrn": "ko_KR", "gb_nino": "en_GB", "ca_sin": "en_CA"}[k]
        reg = LOC_REGION.get(loc, "GB")
        arr.append({"personId": i, "displayName": P(F(loc).name(), "name", "displayName"),
                    NATID_COL[k][i % len(NATID_COL[k])]: natid_p(k, formi=i),
                    "contacts": [{"kind": "phone", "value": P(phone(reg, cyc(["national", "intl", "e164"], i))[1], "phone", reg + "_contacts_array", cue="sibling")},
                                 {"kind": "email", "value": P(email()[1], "email", "contacts_array", cue="sibling")}],
                    "network": {"lastLoginIp": P(ipv4("public")[1], "ip", "v4_public"), "deviceMac": P(mac()[1], "mac", "nested")},
                    "checksum": NEG("sha256", NEGS["sha256"]()), "createdAt": NEG("epoch_ms", NEGS["epoch_ms"]())})
    json_write(d, arr, indent=2); d.save(OUT)

# T6: parquet with generic/terse column names
def t6():
    cols = {"nid": [], "tax_number": [], "acct": [], "pan": [], "tel": [], "ip": [], "hwaddr": [], "birthday": [], "customer": [], "email_address": [],
            "field": [], "value": [], "sku": [], "sha": [], "lat_lon": []}
    labels = []
    for i in range(N):
        row = {}
        k = cyc(NATID_MAIN, i); row["nid"] = natid_p(k, formi=i)
        row["tax_number"] = natid_p(cyc(["de_idnr", "br_cpf", "es_dni", "it_cf", "fr_nir"], i), formi=i + 1)
        ic, iv = iban(); row["acct"] = P(iban_print(iv) if i % 2 else iv, "iban", ("print" if i % 2 else "compact") + "_" + iv[:2])
        br, cn = card(); row["pan"] = P(fmt_card(cn, cyc(["plain", "spaces", "dashes"], i)), "card", br + "/" + cyc(["plain", "spaces", "dashes"], i))
        if i % 2: row["tel"] = faker_phone()
        else:
            pf, pv, reg = phone(); row["tel"] = P(pv, "phone", reg + "_" + pf)
        ipk, ipv = ipv6() if i % 2 else ipv4(); row["ip"] = P(ipv, "ip", ("v6_" if i % 2 else "v4_") + ipk)
        mk, mv = mac(); row["hwaddr"] = P(mv, "mac", mk)
        ds, dv = dob(); row["birthday"] = P(dv, "dob", ds)
        row["customer"] = P(name()[1], "name", "customer_col")
        es, ev = email(); row["email_address"] = P(ev, "email", es)
        fld = cyc(["phone", "email", "ssn", "iban", "passport"], i)
        row["field"] = fld
        if fld == "phone": row["value"] = P(phone()[1], "phone", "eav_value", cue="eav")
        elif fld == "email": row["value"] = P(email()[1], "email", "eav_value", cue="eav")
        elif fld == "ssn": row["value"] = P(us_ssn("dashed"), "us_ssn", "eav_value", cue="eav")
        elif fld == "iban": row["value"] = P(iban()[1], "iban", "eav_value", cue="eav")
        else: row["value"] = NEG("passport_like_unvalidated", rs(2, string.ascii_uppercase) + rnd_digits(7))
        row["sku"] = NEG("ean13", ean13()); row["sha"] = NEG("git_sha", NEGS["git_sha"]()); row["lat_lon"] = NEG("coords", NEGS["coords"]())
        for c, v in row.items():
            if isinstance(v, P):
                cols[c].append(v.value); labels.append(v.label(file="mixed.parquet", fmt="parquet", row=i + 1, column=c))
            else: cols[c].append(v)
    pq.write_table(pa.table(cols), os.path.join(OUT, "mixed.parquet"))
    LABELS.extend(labels)

# T7: free text multilingual notes + bare values
def t7():
    d = Doc("support_notes.txt", "text")
    def S(*pc): d.addp(list(pc)); d.add("\n")
    for i in range(N):
        f = F("en_US")
        j = i % 22
        if j == 0: S("Hi, my name is ", P(f.name(), "name", "text_my_name_is", cue="cue"), " and you can reach me at ", P(email("plus")[1], "email", "text_plus", cue="cue"), ".")
        elif j == 1: S("Bitte rufen Sie mich unter ", P(phone("DE", "national")[1], "phone", "DE_national_text_cue", cue="cue"), " an. Mein Name ist ", P(F("de_DE").name(), "name", "text_de_cue", cue="cue"), ".")
        elif j == 2: S("Hola, mi correo es ", P(email()[1], "email", "es_text", cue="cue"), " y mi teléfono es ", P(phone("ES", "intl")[1], "phone", "ES_intl_text_cue", cue="cue"), ".")
        elif j == 3: S("SSN on file: ", P(us_ssn(cyc(["dashed", "spaces", "compact"], i)), "us_ssn", "text_cue_" + cyc(["dashed", "spaces", "compact"], i), cue="cue"), ". DOB: ", P(dob("us")[1], "dob", "text_DOB_cue", cue="cue"))
        elif j == 4: S("Contact: ", P("%s <%s>" % (f.name(), email()[1]), "email", "angle_bracket_name", cue="cue"))
        elif j == 5:
            k = cyc(NATID_MAIN, i // 22); cue = R.choice(NATID_CUE[k]); S("Please update the records: ", cue, " ", natid_p(k, cue="cue", formi=i // 22), " (verified).")
        elif j == 6:
            k = cyc(NATID_MAIN, i // 22 + 7); S("reference ", natid_p(k, cue="none", formi=i // 22), " closed")
        elif j == 7: S("Je m'appelle ", P(F("fr_FR").name(), "name", "text_fr_cue", cue="cue"), ", joignable au ", P(phone("FR", "national")[1], "phone", "FR_national_text_cue", cue="cue"), ", courriel ", P(email("upper")[1], "email", "upper_text", cue="cue"))
        elif j == 8: S("Card number ", P(fmt_card(card()[1], "dashes"), "card", "text_cue_dashes", cue="cue"), " exp 09/27 cvv ", NEG("cvv", rnd_digits(3)))
        elif j == 9: S("Transfer to IBAN ", P(iban()[1].lower(), "iban", "lower_text_cue", cue="cue"), " done, ref ", NEG("invoice", NEGS["invoice"]()))
        elif j == 10: S("Lives at ", P(address("en_US", oneline=True)[1], "address", "text_lives_at", cue="cue"), ".")
        elif j == 11: S("The build ", NEG("git_sha", NEGS["git_sha"]()), " of version ", NEG("version4", NEGS["version4"]()), " was deployed at ", NEG("iso_ts", NEGS["iso_ts"]()))
        elif j == 12: S("ISBN ", NEG("isbn13_dashed", NEGS["isbn13_dashed"]()), " / EAN ", NEG("ean13", ean13()), " / ", NEG("isbn13", isbn13()))
        elif j == 13: S("Tracking numbers: ", NEG("fedex_tracking", NEGS["fedex_tracking"]()), ", ", NEG("usps_tracking", NEGS["usps_tracking"]()), "; session ", NEG("uuid", NEGS["uuid"]()))
        elif j == 14: S("call me: ", P(phone("US", "national")[1], "phone", "US_national_text_cue", cue="cue"), " or ", P(phone("GB", "paren0")[1], "phone", "GB_paren0_text", cue="cue"))
        elif j == 15: S("Kontakt: ", P(phone("PL", "intl")[1], "phone", "PL_intl_text", cue="cue"), ", PESEL ", natid_p("pl_pesel", cue="cue"), ", ", NEG("pesel_invalid_cue", bad_generic("pl.pesel", 11)))
        elif j == 16: S("Device ", P(mac(cyc(["cisco", "dash_upper", "colon"], i))[1], "mac", "text_device", cue="cue"), " connected from ", P(ipv6(cyc(["compressed", "zone", "v4mapped"], i))[1], "ip", "v6_text", cue="cue"))
        elif j == 17: S("Coordinates ", NEG("coords", NEGS["coords"]()), ", amount ", NEG("float", NEGS["float"]()), ", OID ", NEG("oid", NEGS["oid"]()))
        elif j == 18: S(P(f.name(), "name", "bare_name_text", cue="none"), " will join the call tomorrow.")
        elif j == 19: S("ping ", P(phone("US", "msisdn")[1], "phone", "US_msisdn_bare", cue="none"), " and ", P(phone("DE", "e164")[1], "phone", "DE_e164_bare", cue="none"))
        elif j == 20: S("Aadhaar: ", natid_p("in_aadhaar", cue="cue", formi=1), ", CPF ", natid_p("br_cpf", cue="cue", formi=0), ", 身份证号 ", natid_p("cn_ric", cue="cue"))
        else:
            k = cyc(NATID_EXTRA, i // 22); S(R.choice(NATID_CUE[k]), ": ", natid_p(k, cue="cue"))
    d.save(OUT)

# T8: chat transcripts JSONL (LLM fine-tune style)
def t8():
    d = Doc("chat_finetune.jsonl", "jsonl_chat")
    for i in range(N):
        f = F("en_US"); j = i % 8
        if j == 0: u = Txt("I can't log in. My email is ", P(email()[1], "email", "chat", cue="cue"), " and my phone ", P(phone("US", "national")[1], "phone", "US_national_chat", cue="cue"))
        elif j == 1: u = Txt("my card ", P(fmt_card(card()[1], "spaces"), "card", "chat_spaces", cue="cue"), " was charged twice")
        elif j == 2: u = Txt("Here is my API key, it stopped working: ", P(SECRETS["openai_proj"](), "secret", "openai_proj_chat", cue="cue"))
        elif j == 3: u = Txt("Hi, I'm ", P(f.name(), "name", "chat_im", cue="cue"), ", born ", P(dob("long_en")[1], "dob", "chat_born", cue="cue"), ". Update my address to ", P(address("en_US", True)[1], "address", "chat_update_address", cue="cue"))
        elif j == 4: u = Txt("my social is ", P(us_ssn("spaces"), "us_ssn", "chat_spaces", cue="cue"), " pls hurry")
        elif j == 5: u = Txt("server ", P(ipv4("public")[1], "ip", "v4_chat", cue="none"), " returns 502 since release ", NEG("semver_pre", NEGS["semver_pre"]()))
        elif j == 6: u = Txt("The hash is ", NEG("sha256", NEGS["sha256"]()), " and the request id ", NEG("uuid", NEGS["uuid"]()))
        else: u = Txt("my NI number is ", natid_p("gb_nino", cue="cue", formi=i), " and my mobile ", P(phone("GB", "national")[1], "phone", "GB_national_chat", cue="cue"))
        json_write(d, {"messages": [{"role": "system", "content": "You are a helpful support assistant."}, {"role": "user", "content": u},
                                    {"role": "assistant", "content": "Thanks, I have updated your account."}]}); d.add("\n")
    d.save(OUT)

# T9: app log + nginx access log + email
def t9():
    d = Doc("app.log", "log")
    for i in range(N):
        ts = NEG("iso_ts", NEGS["iso_ts"]())
        j = i % 6
        if j == 0: d.addp([ts, " INFO  auth: login ok user=", P(email()[1], "email", "log_kv", cue="cue"), " ip=", P(ipv4("public")[1], "ip", "v4_log_kv", cue="cue"), " req=", NEG("uuid", NEGS["uuid"]()), "\n"])
        elif j == 1: d.addp([P(ipv4("public")[1], "ip", "v4_nginx_start", cue="none"), ' - - [10/Oct/2024:13:55:36 +0000] "GET /api/v2/items?page=2 HTTP/1.1" 200 ', NEG("bytes", str(R.randint(100, 99999))), ' "-" "Mozilla/5.0"\n'])
        elif j == 2: d.addp([ts, " DEBUG http: Authorization: Bearer ", P(SECRETS["github_ghp"](), "secret", "github_ghp_log_bearer", cue="cue"), "\n"])
        elif j == 3: d.addp([ts, " WARN  sms: delivery failed to=", P(phone(None, "e164")[1], "phone", "e164_log_kv", cue="cue"), " provider_msg_id=", NEG("hex32", rs(32, HEX)), "\n"])
        elif j == 4: d.addp([ts, " INFO  deploy: commit ", NEG("git_sha", NEGS["git_sha"]()), " image sha256:", NEG("sha256", NEGS["sha256"]()), " version ", NEG("semver", NEGS["semver"]()), "\n"])
        else: d.addp([ts, " ERROR dhcp: lease for ", P(mac("colon")[1], "mac", "log_dhcp", cue="cue"), " -> ", P(ipv4("private")[1], "ip", "v4_private_log", cue="cue"), " on ", P(ipv6("full")[1], "ip", "v6_full_log", cue="cue"), "\n"])
    d.save(OUT)
    e = Doc("inbox.eml", "eml")
    for i in range(12):
        f = F(R.choice(["en_US", "en_GB", "de_DE"]))
        e.addp(["From: ", P("%s <%s>" % (f.name(), email()[1]), "email", "eml_from_angle", cue="cue"), "\n",
                "To: ", P(email("company")[1], "email", "eml_to", cue="cue"), "\n",
                "Message-ID: <", NEG("message_id", "%s.%s@mail.gmail.com" % (rs(20, AL), rs(8, HEX))), ">\n",
                "Received: from mx.example.net (", P(ipv4("public")[1], "ip", "v4_received_hdr", cue="cue"), ")\n",
                "Subject: Re: your order ", NEG("order_no", NEGS["order_no"]()), "\n\n",
                "Hello,\n\nplease find the invoice attached.\n\nBest regards\n", P(f.name(), "name", "signature_name", cue="none"), "\n",
                P(f.street_address(), "address", "signature_street", cue="none"), "\n",
                "Tel: ", P(phone(LOC_REGION.get(f.locales[0] if hasattr(f, 'locales') else 'en_US', 'US') if False else R.choice(["US", "GB", "DE"]), "intl")[1], "phone", "eml_signature_tel", cue="cue"), "\n",
                "Mobile: ", P(phone("GB", "national")[1], "phone", "GB_national_eml_mobile", cue="cue"), "\n\n"])
    e.save(OUT)

# T10: secrets in config files
def t10():
    d = Doc("service.env", "env")
    envs = [("AWS_ACCESS_KEY_ID", "aws_access_key"), ("AWS_SECRET_ACCESS_KEY", "aws_secret"), ("GITHUB_TOKEN", "github_fine_pat"), ("GITLAB_TOKEN", "gitlab_pat"),
            ("SLACK_BOT_TOKEN", "slack_bot"), ("SLACK_WEBHOOK_URL", "slack_webhook"), ("STRIPE_SECRET_KEY", "stripe_sk_live"), ("GOOGLE_API_KEY", "google_api"),
            ("OPENAI_API_KEY", "openai_proj"), ("ANTHROPIC_API_KEY", "anthropic"), ("SENDGRID_API_KEY", "sendgrid"), ("TWILIO_API_KEY", "twilio_sk"),
            ("NPM_TOKEN", "npm"), ("PYPI_TOKEN", "pypi"), ("HF_TOKEN", "huggingface"), ("SHOPIFY_ACCESS_TOKEN", "shopify"), ("MAILGUN_API_KEY", "mailgun"),
            ("DB_PASSWORD", "generic_password"), ("SESSION_SECRET", "generic_hex40"), ("JWT_SIGNING_KEY", "generic_b64_32"), ("AWS_SESSION_KEY_ID", "aws_sts_key"),
            ("SLACK_USER_TOKEN", "slack_user"), ("STRIPE_RESTRICTED_KEY", "stripe_rk_live"), ("GH_OAUTH", "github_oauth_gho"), ("OPENAI_KEY_OLD", "openai_legacy")]
    for k, s in envs:
        v = SECRETS[s](); pre = R.choice(["", "export "]); qt = R.choice(["", '"', "'"])
        d.addp([pre + k + "=" + qt, P(v, "secret", s + "/env", cue="cue"), qt + "\n"])
    d.addp(["DATABASE_URL=postgres://app_user:", P(SECRETS["db_url_password"](), "secret", "db_url_password/env", cue="cue"), "@db.internal:5432/prod\n"])
    d.addp(["MONGO_URI=mongodb+srv://admin:", P(SECRETS["db_url_password"](), "secret", "mongo_url_password/env", cue="cue"), "@cluster0.ab1cd.mongodb.net/test\n"])
    d.addp(["AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=mlsecdata;AccountKey=", P(SECRETS["azure_storage_key"](), "secret", "azure_storage_key/env", cue="cue"), ";EndpointSuffix=core.windows.net\n"])
    # placeholders / non-secrets (negatives)
    for k, v in [("API_KEY", "YOUR_API_KEY"), ("DB_PASSWORD", "changeme"), ("SECRET_TOKEN", "xxxxxxxxxxxxxxxxxxxxxxxx"), ("STRIPE_SECRET_KEY", "sk_live_XXXXXXXXXXXXXXXXXXXXXXXX"),
                 ("AWS_SECRET_ACCESS_KEY", "${AWS_SECRET_ACCESS_KEY}"), ("OPENAI_API_KEY", "<your-openai-key>"), ("PASSWORD", "********"), ("GITHUB_TOKEN", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
                 ("APP_VERSION", "4.12.0"), ("BUILD_SHA", hashlib.sha1(R.randbytes(4)).hexdigest()), ("REQUEST_ID", str(uuid.UUID(int=R.getrandbits(128), version=4))), ("CACHE_KEY_PREFIX", "myapp:v2:")]:
        d.addp([k + "=", NEG("placeholder_env:" + (v if len(v) < 30 and not v[0].isdigit() and k not in ("BUILD_SHA", "REQUEST_ID") else k), v), "\n"])
    d.save(OUT)

    y = Doc("config.yaml", "yaml")
    y.addp(["app:\n  name: recommender\n  version: ", NEG("semver", "2.3.1"), "\n  image_digest: sha256:", NEG("sha256", NEGS["sha256"]()), "\n",
            "database:\n  host: db.internal\n  user: svc_ml\n  password: ", P(SECRETS["generic_password"](), "secret", "generic_password/yaml", cue="cue"), "\n",
            "aws:\n  access_key_id: ", P(SECRETS["aws_access_key"](), "secret", "aws_access_key/yaml", cue="cue"), "\n  secret_access_key: ", P(SECRETS["aws_secret"](), "secret", "aws_secret/yaml", cue="cue"), "\n",
            "integrations:\n  slack:\n    token: ", P(SECRETS["slack_bot"](), "secret", "slack_bot/yaml", cue="cue"), "\n  stripe:\n    api_key: ", P(SECRETS["stripe_sk_live"](), "secret", "stripe_sk_live/yaml", cue="cue"), "\n",
            "  huggingface:\n    token: ", P(SECRETS["huggingface"](), "secret", "huggingface/yaml", cue="cue"), "\n",
            "  placeholder:\n    api_key: ", NEG("placeholder_yaml:YOUR_API_KEY_HERE", "YOUR_API_KEY_HERE"), "\n    password: ", NEG("placeholder_yaml:changeme", "changeme"), "\n",
            "tls:\n  key: |\n", P("    " + SECRETS["pem_ec"]().replace("\n", "\n    "), "secret", "pem_ec/yaml_block", cue="cue"), "\n",
            "public_key: ", NEG("ssh_public_key", "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ" + rs(300, B64) + " deploy@ci"), "\n"])
    y.save(OUT)

    j = Doc("settings.json", "json_cfg")
    json_write(j, {"service": {"name": "feature-store", "version": NEG("semver", "1.8.0"),
                               "credentials": {"apiKey": P(SECRETS["google_api"](), "secret", "google_api/json", cue="cue"), "client_secret": P(SECRETS["generic_b64_32"](), "secret", "generic_client_secret/json", cue="cue"),
                                               "sendgrid": P(SECRETS["sendgrid"](), "secret", "sendgrid/json", cue="cue"), "gcp_private_key": P(SECRETS["pem_pkcs8"](), "secret", "pem_pkcs8/json_escaped", cue="cue"),
                                               "token": P(SECRETS["jwt"](), "secret", "jwt/json", cue="cue")}},
                   "dependencies": {"left-pad": {"version": "1.3.0", "integrity": NEG("npm_integrity", "sha512-" + base64.b64encode(R.randbytes(64)).decode())},
                                    "lodash": {"resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz", "integrity": NEG("npm_integrity", "sha512-" + base64.b64encode(R.randbytes(64)).decode())}},
                   "etag": NEG("etag_md5", hashlib.md5(R.randbytes(4)).hexdigest()), "request_id": NEG("uuid", str(uuid.UUID(int=R.getrandbits(128), version=4))), "token_type": NEG("token_type_word", "Bearer"),
                   "example": {"api_key": NEG("placeholder_json:your-api-key", "your-api-key"), "password": NEG("placeholder_json:<password>", "<password>")}}, indent=2)
    j.save(OUT)

    c = Doc("train_job.py", "code")
    c.addp(["import openai, boto3, stripe\n\n",
            "openai.api_key = \"", P(SECRETS["openai_legacy"](), "secret", "openai_legacy/py", cue="cue"), "\"\n",
            "s3 = boto3.client('s3', aws_access_key_id='", P(SECRETS["aws_access_key"](), "secret", "aws_access_key/py", cue="cue"), "',\n                  aws_secret_access_key='", P(SECRETS["aws_secret"](), "secret", "aws_secret/py", cue="cue"), "')\n",
            "stripe.api_key = '", P(SECRETS["stripe_sk_live"](), "secret", "stripe_sk_live/py", cue="cue"), "'\n",
            "HEADERS = {\"Authorization\": \"token ", P(SECRETS["github_ghp"](), "secret", "github_ghp/py_header", cue="cue"), "\"}\n",
            "REPO = 'https://oauth2:", P(SECRETS["gitlab_pat"](), "secret", "gitlab_pat/url_creds", cue="cue"), "@gitlab.com/team/models.git'\n",
            "WEBHOOK = \"", P(SECRETS["slack_webhook"](), "secret", "slack_webhook/py", cue="cue"), "\"\n",
            "DATA_SHA256 = '", NEG("sha256", NEGS["sha256"]()), "'\nMODEL_COMMIT = \"", NEG("git_sha", NEGS["git_sha"]()), "\"\n",
            "RUN_ID = '", NEG("uuid", str(uuid.UUID(int=R.getrandbits(128), version=4))), "'\nLR = ", NEG("float", "3.0e-4"), "\n",
            "api_key = os.environ.get('API_KEY', '", NEG("placeholder_py:dummy-key-for-tests", "dummy-key-for-tests"), "')\n",
            "password = getpass.getpass()\n",
            "# curl -H 'Authorization: Bearer ", P(SECRETS["jwt"](), "secret", "jwt/curl_comment", cue="cue"), "' https://api.example.com\n",
            "# curl -u api:", P(SECRETS["mailgun"](), "secret", "mailgun/curl", cue="cue"), " https://api.mailgun.net/v3\n",
            "url = f'https://maps.googleapis.com/maps/api/geocode/json?address=x&key=", P(SECRETS["google_api"](), "secret", "google_api/url_query", cue="cue"), "'\n",
            "DEPLOY_KEY = '''", P(SECRETS["pem_openssh"](), "secret", "pem_openssh/py", cue="cue"), "'''\n",
            "RSA_KEY = \"\"\"", P(SECRETS["pem_rsa"](), "secret", "pem_rsa/py", cue="cue"), "\"\"\"\n",
            "b64 = '", NEG("b64_text", NEGS["b64_text"]()), "'\n",
            "NPM = 'npm config set //registry.npmjs.org/:_authToken=", P(SECRETS["npm"](), "secret", "npm/cli", cue="cue"), "'\n"])
    c.save(OUT)

    # CSV of tokens with terse column names
    t = Doc("tokens.csv", "csv")
    hdr = ["id", "service", "token", "apiKey", "owner", "created"]
    rows = []
    kinds = [k for k in SECRETS if not k.startswith("pem") and k not in ("db_url_password",)]
    for i in range(40):
        k1 = cyc(kinds, i); k2 = cyc(kinds, i + 7)
        tok = P(SECRETS[k1](), "secret", k1 + "/csv_token_col") if i % 8 != 3 else NEG("placeholder_csv:xxxx", "x" * 32)
        ak = P(SECRETS[k2](), "secret", k2 + "/csv_apiKey_col") if i % 8 != 6 else NEG("placeholder_csv:YOUR_API_KEY", "YOUR_API_KEY")
        rows.append([str(i), k1.split("_")[0], tok, ak, P(email("company")[1], "email", "company_csv"), NEG("iso_ts", NEGS["iso_ts"]())])
    write_table(t, hdr, rows); t.save(OUT)

# T11: hard negatives table (should produce nothing)
def t11():
    d = Doc("hard_negatives.csv", "csv")
    hdr = ["order_id", "md5", "sha1", "uuid", "version", "build", "isbn", "ean", "tracking", "lat", "lon", "amount", "ts_ms", "card_number", "iban", "ssn", "bsn", "cpf", "aadhaar", "blob"]
    rows = []
    for i in range(N // 2):
        rows.append([NEG("order_no", NEGS["order_no"]()), NEG("md5", NEGS["md5"]()), NEG("sha1", NEGS["sha1"]()), NEG("uuid", NEGS["uuid"]()),
                     NEG("semver", NEGS["semver"]()), NEG("version4", NEGS["version4"]()), NEG("isbn13", isbn13()), NEG("ean13", ean13()),
                     NEG(cyc(["ups_tracking", "fedex_tracking", "usps_tracking"], i), NEGS[cyc(["ups_tracking", "fedex_tracking", "usps_tracking"], i)]()),
                     NEG("lat", "%.6f" % R.uniform(-80, 80)), NEG("lon", "%.6f" % R.uniform(-170, 170)), NEG("price", NEGS["price"]()), NEG("epoch_ms", NEGS["epoch_ms"]()),
                     NEG("card_luhn_fail_col", NEGS["card_luhn_fail"]()), NEG("iban_bad_check_col", NEGS["iban_bad_check"]()), NEG("ssn_invalid_col", bad_ssn()),
                     NEG("bsn_invalid_col", bad_bsn()), NEG("cpf_invalid_col", bad_generic("br.cpf", 11)), NEG("aadhaar_invalid_col", bad_generic("in_.aadhaar", 12)),
                     NEG("b64_text", NEGS["b64_text"]())])
    write_table(d, hdr, rows); d.save(OUT)
    b = Doc("build_output.log", "log")
    for i in range(N // 2):
        b.addp(["[", NEG("iso_ts", NEGS["iso_ts"]()), "] step ", str(i), ": pip install torch==", NEG("semver", NEGS["semver"]()), " --hash=sha256:", NEG("sha256", NEGS["sha256"]()),
                " (", NEG("float", "%.2f" % R.uniform(0, 99)), " MB) commit ", NEG("git_sha", NEGS["git_sha"]()), " docker layer ", NEG("sha256_12", rs(12, HEX)),
                " job ", NEG("epoch_s", NEGS["epoch_s"]()), " id=", NEG("uuid", NEGS["uuid"]()), " md5=", NEG("md5", NEGS["md5"]()), " win ", NEG("version4", NEGS["version4"]()), "\n"])
    b.save(OUT)


# T12: Excel-style exports: UTF-8 BOM + CRLF + odd header spellings; UTF-16LE TSV
def t12():
    d = Doc("excel_export.csv", "csv_bom_crlf")
    d.add("\ufeff")
    hdr = ["SSN", " Email Address ", "PHONE_NO", "Mobile No.", "e-mail", "Full Name", "Date of Birth", "Card No.", "IBAN Nr.", "Tel."]
    rows = []
    for i in range(N // 2):
        rows.append([P(us_ssn(cyc(["dashed", "compact"], i)), "us_ssn", "bom_first_col_" + cyc(["dashed", "compact"], i)), P(email()[1], "email", "spaced_header"),
                     P(phone("US", cyc(["national", "us_dots"], i))[1], "phone", "US_PHONE_NO"), P(phone("GB", cyc(["national", "intl"], i))[1], "phone", "GB_mobile_no"),
                     P(email()[1] + "; " + email()[1], "email", "two_in_cell"), P("%s, %s" % (F("en_US").last_name(), F("en_US").first_name()), "name", "last_comma_first"),
                     P(dob("us")[1], "dob", "us_Date_of_Birth"), P(fmt_card(card()[1], "spaces"), "card", "Card_No"), P(iban_print(iban()[1]), "iban", "IBAN_Nr"),
                     P(phone("DE", "national")[1], "phone", "DE_national_Tel.")])
    # CRLF
    buf0 = len(d.buf)
    write_table(d, hdr, rows)
    # convert LF to CRLF while fixing offsets
    data = b"".join(d.buf); out = bytearray(); shift = []
    for b in data:
        if b == 10: out += b"\r\n"
        else: out.append(b)
    # recompute offsets: count LFs before each start
    import bisect
    lfs = [k for k, b in enumerate(data) if b == 10]
    for l in d.labels:
        l["start"] += bisect.bisect_left(lfs, l["start"]); l["end"] += bisect.bisect_left(lfs, l["end"])
    d.buf = [bytes(out)]; d.pos = len(out)
    d.save(OUT)
    # UTF-16LE "Unicode text" export (row/column labels only)
    hdr = ["Name", "E-Mail", "Telefon", "IBAN", "Steuer-ID"]
    lines = ["\t".join(hdr)]
    for i in range(20):
        vals = [P(F("de_DE").name(), "name", "utf16_Name"), P(email()[1], "email", "utf16"), P(phone("DE", "intl")[1], "phone", "utf16_DE_intl"),
                P(iban()[1], "iban", "utf16_compact"), natid_p("de_idnr", formi=0)]
        lines.append("\t".join(v.value for v in vals))
        for c, v in zip(hdr, vals):
            l = v.label(file="unicode_export.txt", fmt="utf16_tsv", row=i + 1, column=c); l["form"] = "utf16/" + l["form"]; LABELS.append(l)
    open(os.path.join(OUT, "unicode_export.txt"), "wb").write(("\r\n".join(lines) + "\r\n").encode("utf-16"))

# T13: typed columns: numbers as int64 / JSON numbers, dates as date32
def t13():
    import datetime
    cols = {"card_number": [], "phone": [], "ssn": [], "bsn": [], "dob": [], "ip_int": [], "order_id": [], "amount_cents": []}
    for i in range(40):
        cn = card(cyc(["visa", "mastercard", "amex", "discover"], i))[1]
        _, n = phone_num("US", phonenumbers.PhoneNumberType.FIXED_LINE)
        ssn = us_ssn("compact"); bsn = brute("nl.bsn", 9)
        dd = F("en_US").date_of_birth(minimum_age=18, maximum_age=90)
        row = {"card_number": P(int(cn), "card", "int64_col"), "phone": P(int(phonenumbers.format_number(n, PNF.E164)[1:]), "phone", "int64_msisdn_col"),
               "ssn": P(int(ssn), "us_ssn", "int64_col"), "bsn": P(int(bsn), "natid", "nl_bsn/int64_col"), "dob": P(dd, "dob", "date32_col"),
               "ip_int": None, "order_id": NEG("int_order_id", int(rnd_digits(16))), "amount_cents": NEG("int_amount", R.randint(100, 10**7))}
        for c, v in row.items():
            if v is None: cols[c].append(R.randint(1, 2**32 - 1)); continue
            cols[c].append(v.value)
            LABELS.append(dict(v.label(file="typed.parquet", fmt="parquet_typed", row=i + 1, column=c), value=str(v.value)))
    del cols["ip_int"]
    pq.write_table(pa.table(cols), os.path.join(OUT, "typed.parquet"))
    d = Doc("typed_numbers.jsonl", "jsonl_numbers")
    for i in range(40):
        cn = card()[1]; _, n = phone_num(R.choice(["US", "DE", "GB"]), phonenumbers.PhoneNumberType.MOBILE)
        ssn = us_ssn("compact")
        rec = {"id": i, "customer": {"card_number": None, "phone": None, "ssn": None}, "total": NEG("json_float", R.uniform(1, 999))}
        d.add('{"id": %d, "customer": {"card_number": ' % i); d.plant(P(cn, "card", "json_number"), column="customer.card_number")
        d.add(', "phone": '); d.plant(P(phonenumbers.format_number(n, PNF.E164)[1:], "phone", "json_number_msisdn"), column="customer.phone")
        d.add(', "ssn": '); d.plant(P(ssn, "us_ssn", "json_number"), column="customer.ssn")
        d.add('}, "total": %.2f}\n' % R.uniform(1, 999))
    d.save(OUT)

# T14: more secret forms and secret-ish negatives
def t14():
    d = Doc("ml_config.json", "json_cfg2")
    basic_user = "svc_" + rs(5, string.ascii_lowercase); basic_pw = rs(18, AL)
    json_write(d, {"model": {"tokenizer_name": NEG("hf_repo_id", "meta-llama/Llama-2-7b-hf"), "max_tokens": 4096, "token_budget": NEG("num_str", "120000")},
                   "aws": {"secret_name": NEG("secret_manager_path", "prod/rds/master-password"), "api_key_id": NEG("uuid_key_id", str(uuid.UUID(int=R.getrandbits(128), version=4)))},
                   "auth": {"password_hash": P("$2b$12$" + rs(53, AL + "./"), "secret", "bcrypt_hash/json", exp="any"), "auth_token_ttl": NEG("duration", "3600s"),
                            "example_key": P("AKIAIOSFODNN7EXAMPLE", "secret", "aws_doc_example", exp="any"),
                            "basic": Txt("Basic ", P(base64.b64encode((basic_user + ":" + basic_pw).encode()).decode(), "secret", "basic_auth_b64/json", cue="cue")),
                            "webhook": Txt("https://", P("%s:%s" % (basic_user, basic_pw), "secret", "url_userinfo/json", cue="cue"), "@hooks.example.com/ingest")},
                   "wandb": {"api_key": P(rs(40, HEX), "secret", "wandb_hex40/json", cue="cue")},
                   "datadog": {"DD_API_KEY": P(rs(32, HEX), "secret", "datadog_hex32/json", cue="cue")},
                   "dataset": {"sha256": NEG("sha256", NEGS["sha256"]()), "revision": NEG("git_sha", NEGS["git_sha"]()), "key": NEG("key_is_column_name", "user_id")}}, indent=2)
    d.save(OUT)
    t = Doc("chat_secrets.txt", "text_secrets")
    for i in range(12):
        k = cyc(["aws_access_key", "github_ghp", "slack_bot", "stripe_sk_live", "google_api", "openai_proj", "sendgrid", "huggingface", "gitlab_pat", "npm", "anthropic", "github_fine_pat"], i)
        t.addp(["[10:%02d] <dev%d> ok try this one " % (i, i % 3), P(SECRETS[k](), "secret", k + "/chat_prose", cue="none"), " it should work now\n"])
    t.addp(["[10:30] <dev1> aws creds are ", P(SECRETS["aws_access_key"](), "secret", "aws_access_key/chat_pair", cue="none"), " / ", P(SECRETS["aws_secret"](), "secret", "aws_secret/chat_pair_no_name", cue="none"), "\n"])
    t.addp(["[10:31] <dev2> and the db is mysql://root:", P(rs(16, AL), "secret", "mysql_url_password/chat", cue="cue"), "@10.0.0.12:3306/app\n"])
    t.addp(["[10:32] <dev2> key:\n", P(SECRETS["pem_rsa"](), "secret", "pem_rsa/chat", cue="cue"), "\n"])
    t.addp(["[10:33] <dev3> placeholder in docs is ", NEG("placeholder_chat:sk-...", "sk-..."), " and ", NEG("placeholder_chat:ghp_XXXX", "ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"), "\n"])
    t.save(OUT)

for fn in (t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14):
    fn()
with open(os.path.join(os.path.dirname(os.path.abspath(OUT)), "labels.jsonl"), "w") as fh:
    for l in LABELS: fh.write(json.dumps(l, ensure_ascii=False) + "\n")
tot = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT) if f != ".blind-eval")
print("files:", len(os.listdir(OUT)) - 1, "bytes:", tot, "labels:", len(LABELS),
      "pos:", sum(l["exp"] == "pos" for l in LABELS), "neg:", sum(l["exp"] == "neg" for l in LABELS))
