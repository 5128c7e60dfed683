#!/usr/bin/env python3
"""Labelled evaluation set (and benchmark corpora) for `mlsec scan` on data.

Writes, deterministically from --seed, a directory of CSV, JSONL, Parquet and
text/Markdown files with personal data and secrets planted at known byte
offsets, plus hard negatives (hashes, UUIDs, versions, dates, ISBNs, order
numbers, numbers failing the checksum of a nearby kind, low-entropy base64,
secret placeholders):

    OUT/files/{csv,jsonl,parquet,text}/...   the data to scan
    OUT/labels.jsonl                         one line per planted positive
    OUT/negatives.jsonl                      one line per planted hard negative
    OUT/manifest.json                        seed, versions, counts

Every positive is confirmed by an oracle before it is written: python-stdnum
for the national identifiers, IBANs and cards, `phonenumbers` (Presidio's own
dependency) for phone numbers, `ipaddress` for IPs, and for secrets the
gitleaks default rule (regex, entropy, allowlist, stopwords) that the token
was generated for, applied to the text around it. Hard negatives are checked
against the same oracles and must fail all of them.

Benchmark corpora (no labels): `--corpus clean|dense --size-mb N` writes
OUT/corpus-{clean,dense}.{csv,jsonl}, each about N MB: "clean" is business
rows where about 0.1% of cells hold personal data or a secret, "dense" is
rows where most cells do.

Run with the venv from bench/data/setup-peers.sh:

    PY=$(bench/data/setup-peers.sh | tail -1)
    $PY bench/data/gen_eval.py --out /tmp/mlsec-eval
    $PY bench/data/gen_eval.py --corpus dense --size-mb 200 --out /tmp/mlsec-corpus
"""

from __future__ import annotations

import argparse
import base64
import datetime as _dt
import hashlib
import ipaddress
import json
import math
import os
import random
import re
import shutil
import string
import sys
import time
import types
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

try:
    import phonenumbers
    import pyarrow as pa
    import pyarrow.parquet as pq
    from faker import Faker
    from stdnum import iban as std_iban
    from stdnum import isbn as std_isbn
    from stdnum import luhn, verhoeff
    from stdnum.br import cnpj, cpf
    from stdnum.ca import sin
    from stdnum.cn import ric
    from stdnum.de import idnr
    from stdnum.es import dni, nie
    from stdnum.fi import hetu
    from stdnum.fr import nir
    from stdnum.in_ import aadhaar
    from stdnum.iso7064 import mod_11_10
    from stdnum.it import codicefiscale
    from stdnum.nl import bsn
    from stdnum.no import fodselsnummer
    from stdnum.pl import pesel
    from stdnum.se import personnummer
    from stdnum.us import ssn as us_ssn
    from stdnum import bitcoin
    from stdnum.au import abn, acn
    from stdnum.it import iva
    from stdnum.th import pin as th_pin
    from stdnum.us import rtn
    from stdnum.de import vat as de_vat
    from stdnum.in_ import gstin
    from stdnum.iso7064 import mod_11_10
    from stdnum.ec import ci as ec_ci
    from stdnum.gb import utr as gb_utr
    from stdnum.in_ import epic
    from stdnum.mx import rfc as mx_rfc
    from stdnum.my import nric as my_nric
    from stdnum.nz import ird as nz_ird
    from stdnum.pk import cnic as pk_cnic
    from stdnum.us import ein as us_ein
    from stdnum.za import tin as za_tin
    from stdnum.de import stnr as de_stnr
except ImportError as exc:  # pragma: no cover
    sys.exit(f"gen_eval.py: {exc}; run bench/data/setup-peers.sh and use the python it prints")

HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------------------
# Entities and oracles
# ---------------------------------------------------------------------------

#: locale -> (phone region, national identifiers of that locale)
LOCALES: dict[str, tuple[str, list[str]]] = {
    "en_US": ("US", ["US_SSN"]),
    "en_GB": ("GB", ["UK_NINO"]),
    "de_DE": ("DE", ["DE_TAX_ID"]),
    "fr_FR": ("FR", ["FR_NIR"]),
    "es_ES": ("ES", ["ES_NIF", "ES_NIE"]),
    "it_IT": ("IT", ["IT_FISCAL_CODE"]),
    "nl_NL": ("NL", ["NL_BSN"]),
    "pl_PL": ("PL", ["PL_PESEL"]),
    "sv_SE": ("SE", ["SE_PERSONNUMMER"]),
    "fi_FI": ("FI", ["FI_HETU"]),
    "pt_BR": ("BR", ["BR_CPF"]),
    "en_IN": ("IN", ["IN_AADHAAR"]),
    "zh_CN": ("CN", ["CN_RESIDENT_ID"]),
    "en_CA": ("CA", ["CA_SIN"]),
    "no_NO": ("NO", ["NO_FODSELSNUMMER"]),
}
#: locales whose Faker produces valid IBANs of their own country
IBAN_LOCALES = ["de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pl_PL", "fi_FI", "pt_BR", "no_NO", "en_GB"]

NATIONAL_IDS = [e for _, ids in LOCALES.values() for e in ids] + ["BR_CNPJ"]
#: business, account and payment identifiers, planted only in the business-identifier table
EXTRA_IDS = ["AU_ABN", "AU_ACN", "AU_MEDICARE", "IT_VAT", "US_ABA_ROUTING", "TH_TNIN", "SG_NRIC_FIN", "BTC_ADDRESS",
             "DE_VAT", "IN_GSTIN", "US_NPI", "PK_CNIC", "MY_NRIC", "NG_NIN", "IN_VOTER", "PH_TIN", "DE_ID_CARD",
             "UK_UTR", "US_EIN", "MX_RFC", "NZ_IRD", "EC_CI", "ZA_TIN", "DE_TAX_NUMBER", "IT_IDENTITY_CARD", "DE_LANR",
             "DE_BSNR"]
#: extra identifiers with no check digit (structure, dates and prefixes only)
NO_CHECK_EXTRA = ["PK_CNIC", "MY_NRIC", "DE_ID_CARD", "US_EIN", "MX_RFC", "DE_TAX_NUMBER", "IT_IDENTITY_CARD", "DE_BSNR"]
#: extra identifiers whose oracle accepts every number of some lengths (any
#: ten or eleven digits are a Steuernummer, any nine a BSNR): other entities'
#: look-alikes are not held to them, and their own look-alikes change length
ANY_DIGITS_EXTRA = ["DE_TAX_NUMBER", "DE_BSNR"]
CHECKSUM_ENTITIES = (["CREDIT_CARD", "IBAN"] + [e for e in NATIONAL_IDS if e not in ("US_SSN", "UK_NINO")]
                     + [e for e in EXTRA_IDS if e not in NO_CHECK_EXTRA])
ENTITIES = ["EMAIL", "PHONE", "CREDIT_CARD", "IBAN"] + NATIONAL_IDS + ["IP_ADDRESS", "MAC_ADDRESS", "SECRET"] + EXTRA_IDS


def _std(mod):
    def ok(v: str) -> bool:
        try:
            return bool(mod.is_valid(v))
        except Exception:  # stdnum.cn.ric raises on unknown birthplaces
            return False

    return ok


_CARD_PREFIX = re.compile(r"^(?:4|5[1-5]|2[2-7]|3[47]|30[0-5]|36|38|6011|64[4-9]|65|35)")


def valid_card(v: str) -> bool:
    d = re.sub(r"[ -]", "", v)
    return d.isdigit() and 13 <= len(d) <= 19 and bool(_CARD_PREFIX.match(d)) and luhn.is_valid(d)


def luhn_number(v: str) -> bool:
    """Any 12-19 digit Luhn-valid number (used to reject negatives)."""
    d = re.sub(r"[ -]", "", v)
    return d.isdigit() and 12 <= len(d) <= 19 and luhn.is_valid(d)


_NINO = re.compile(r"^([A-CEGHJ-PR-TW-Z])([A-CEGHJ-NPR-TW-Z])(\d{6})([A-D])$")


def valid_nino(v: str) -> bool:
    """HMRC structure rules (NINOs carry no check digit)."""
    m = _NINO.match(v.replace(" ", "").upper())
    return bool(m) and (m.group(1) + m.group(2)) not in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def valid_email(v: str) -> bool:
    return bool(_EMAIL.match(v))


def valid_ip(v: str) -> bool:
    try:
        ipaddress.ip_address(v)
        return True
    except ValueError:
        return False


def valid_mac(v: str) -> bool:
    return bool(re.fullmatch(r"[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}", v))


def valid_phone(v: str, region: str) -> bool:
    if not re.fullmatch(r"[0-9+()./ -]{6,25}", v):
        return False
    try:
        p = phonenumbers.parse(v, region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(p) and not p.extension


ORACLE = {
    "CREDIT_CARD": valid_card,
    "IBAN": _std(std_iban),
    "US_SSN": _std(us_ssn),
    "UK_NINO": valid_nino,
    "DE_TAX_ID": _std(idnr),
    "FR_NIR": _std(nir),
    "ES_NIF": _std(dni),
    "ES_NIE": _std(nie),
    "IT_FISCAL_CODE": _std(codicefiscale),
    "NL_BSN": _std(bsn),
    "PL_PESEL": _std(pesel),
    "SE_PERSONNUMMER": _std(personnummer),
    "FI_HETU": _std(hetu),
    "BR_CPF": _std(cpf),
    "BR_CNPJ": _std(cnpj),
    "IN_AADHAAR": _std(aadhaar),
    "CN_RESIDENT_ID": _std(ric),
    "CA_SIN": _std(sin),
    "NO_FODSELSNUMMER": _std(fodselsnummer),
    "EMAIL": valid_email,
    "IP_ADDRESS": valid_ip,
    "MAC_ADDRESS": valid_mac,
}


def oracle_hits(v: str, regions=("US",)) -> list[str]:
    """Entities whose oracle accepts v (phones checked in the given regions)."""
    hits = [e for e, ok in ORACLE.items() if ok(v)]
    if luhn_number(v) and "CREDIT_CARD" not in hits:
        hits.append("LUHN_NUMBER")
    for r in regions:
        if valid_phone(v, r):
            hits.append(f"PHONE/{r}")
            break
    return hits


# ---------------------------------------------------------------------------
# Secrets: gitleaks default rules (copied verbatim from gitleaks.toml, MIT,
# (c) 2019 Zachary Rice; sendgrid's mid-pattern `(?i)` is rewritten as a
# scoped group for Python's `re`). Entropy thresholds are the rules' own.
# ---------------------------------------------------------------------------

_TAIL = r"""(?:[\x60'"\s;]|\\[nr]|$)"""
GITLEAKS_RULES: dict[str, tuple[str, float]] = {
    "aws-access-token": (r"\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b", 3),
    "github-pat": (r"ghp_[0-9a-zA-Z]{36}", 3),
    "github-fine-grained-pat": (r"github_pat_\w{82}", 3),
    "github-oauth": (r"gho_[0-9a-zA-Z]{36}", 3),
    "github-app-token": (r"(?:ghu|ghs)_[0-9a-zA-Z]{36}", 3),
    "gitlab-pat": (r"glpat-[\w-]{20}", 3),
    "slack-bot-token": (r"xoxb-[0-9]{10,13}-[0-9]{10,13}[a-zA-Z0-9-]*", 3),
    "slack-user-token": (r"xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9-]{28,34}", 2),
    "slack-webhook-url": (r"(?:https?://)?hooks.slack.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56}", 0),
    "stripe-access-token": (r"\b((?:sk|rk)_(?:test|live|prod)_[a-zA-Z0-9]{10,99})" + _TAIL, 2),
    "private-key": (
        r"(?i)-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S-]{64,}?KEY(?: BLOCK)?-----",
        0,
    ),
    "jwt": (r"\b(ey[a-zA-Z0-9]{17,}\.ey[a-zA-Z0-9\/\\_-]{17,}\.(?:[a-zA-Z0-9\/\\_-]{10,}={0,2})?)" + _TAIL, 3),
    "openai-api-key": (
        r"\b(sk-(?:proj|svcacct|admin)-(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})T3BlbkFJ(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})\b|sk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20})"
        + _TAIL,
        3,
    ),
    "anthropic-api-key": (r"\b(sk-ant-api03-[a-zA-Z0-9_\-]{93}AA)" + _TAIL, 0),
    "gcp-api-key": (r"\b(AIza[\w-]{35})" + _TAIL, 4),
    "npm-access-token": (r"(?i)\b(npm_[a-z0-9]{36})" + _TAIL, 2),
    "sendgrid-api-token": (r"\b(SG\.(?i:[a-z0-9=_\-\.]{66}))" + _TAIL, 2),
    "twilio-api-key": (r"SK[0-9a-fA-F]{32}", 3),
    "generic-api-key": (
        r"""(?i)[\w.-]{0,50}?(?:access|auth|(?-i:[Aa]pi|API)|credential|creds|key|passw(?:or)?d|secret|token)(?:[ \t\w.-]{0,20})[\s'"]{0,3}(?:=|>|:{1,3}=|\|\||:|=>|\?=|,)[\x60'"\s=]{0,5}([\w.=-]{10,150}|[a-z0-9][a-z0-9+/]{11,}={0,3})"""
        + _TAIL,
        3.5,
    ),
}
_RULE_RE = {k: re.compile(v[0]) for k, v in GITLEAKS_RULES.items()}
# The generic rule's allowlist regexes (secret target) and the global one.
_GENERIC_ALLOW = re.compile(
    r"(?i)(?:access(?:ibility|or)|access[_.-]?id|random[_.-]?access|api[_.-]?(?:id|name|version)|rapid|capital|"
    r"[a-z0-9-]*?api[a-z0-9-]*?:jar:|author|X-MS-Exchange-Organization-Auth|Authentication-Results|"
    r"(?:credentials?[_.-]?id|withCredentials)|(?:bucket|foreign|hot|idx|natural|primary|pub(?:lic)?|schema|sequence)[_.-]?key|"
    r"(?:turkey)|key[_.-]?(?:alias|board|code|frame|id|length|mesh|name|pair|press(?:ed)?|ring|selector|signature|size|stone|storetype|word|up|down|left|right)|"
    r"key[_.-]?vault[_.-]?(?:id|name)|keyVaultToStoreSecrets|key(?:store|tab)[_.-]?(?:file|path)|issuerkeyhash|(?-i:[DdMm]onkey|[DM]ONKEY)|keying|"
    r"(?:secret)[_.-]?(?:length|name|size)|UserSecretsId|(?:csrf)[_.-]?token|(?:api|credentials|token)[_.-]?(?:endpoint|ur[il])|public[_.-]?token|(?:key|token)[_.-]?file)"
)


def _load_stopwords() -> list[str]:
    words = []
    for line in (HERE / "gitleaks_stopwords.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            words.append(line.lower())
    return words


STOPWORDS = _load_stopwords()


def shannon(s: str) -> float:
    if not s:
        return 0.0
    n = len(s)
    return -sum(c / n * math.log2(c / n) for c in Counter(s).values())


def gitleaks_secrets(text: str):
    """Yield (rule, secret, start, end) for every gitleaks finding in text
    (char offsets of the secret), applying entropy, allowlists, stopwords."""
    for rule, rx in _RULE_RE.items():
        for m in rx.finditer(text):
            if m.groups():
                secret, s, e = m.group(1), m.start(1), m.end(1)
            else:
                secret, s, e = m.group(0), m.start(0), m.end(0)
            if secret is None:
                continue
            if shannon(secret) < GITLEAKS_RULES[rule][1]:
                continue
            low = secret.lower()
            if rule == "aws-access-token" and secret.endswith("EXAMPLE"):
                continue
            if rule == "generic-api-key":
                if re.fullmatch(r"[a-zA-Z_.-]+", secret) or _GENERIC_ALLOW.search(m.group(0)):
                    continue
                if any(w in low for w in STOPWORDS):
                    continue
            if re.match(r"(?i)^(?:true|false|null)$", secret) or re.match(r"^\$\{?[A-Za-z_]+\}?$", secret):
                continue
            yield rule, secret, s, e


def gitleaks_finds(context: str, value: str, rule: str) -> bool:
    """Does gitleaks rule `rule` report `value` in `context`?"""
    return any(r == rule and (sec == value or value in sec) for r, sec, _, _ in gitleaks_secrets(context))


# ---------------------------------------------------------------------------
# Cells: text with planted values at known character offsets
# ---------------------------------------------------------------------------


@dataclass
class Plant:
    start: int  # char offset within the cell text
    value: str
    kind: str  # entity (positive) or negative kind
    negative: bool
    rule: str | None = None  # gitleaks rule for SECRET


@dataclass
class Cell:
    text: str = ""
    plants: list[Plant] = field(default_factory=list)
    number: bool = False  # JSON: emit as a number

    def add(self, s: str) -> "Cell":
        self.text += s
        return self

    def pos(self, value: str, kind: str, rule: str | None = None) -> "Cell":
        self.plants.append(Plant(len(self.text), value, kind, False, rule))
        self.text += value
        return self

    def neg(self, value: str, kind: str) -> "Cell":
        self.plants.append(Plant(len(self.text), value, kind, True))
        self.text += value
        return self


def P(value: str, kind: str, rule: str | None = None) -> Cell:
    return Cell().pos(value, kind, rule)


def N(value: str, kind: str) -> Cell:
    return Cell().neg(value, kind)


def T(text: str) -> Cell:
    return Cell(text)


def valid_au_medicare(v: str) -> bool:
    """Medicare card number (Services Australia's check digit; no stdnum module)."""
    d = v.replace(" ", "")
    return (len(d) == 10 and d.isdigit() and d[0] in "23456" and d[9] != "0"
            and sum(int(a) * w for a, w in zip(d[:8], (1, 3, 7, 9, 1, 3, 7, 9))) % 10 == int(d[8]))


def valid_sg_nric(v: str) -> bool:
    """Singapore NRIC/FIN, S/T/F/G series (ICA's check letter; no stdnum module)."""
    if not re.fullmatch(r"[STFG][0-9]{7}[A-Z]", v):
        return False
    s = sum(int(a) * w for a, w in zip(v[1:8], (2, 7, 6, 5, 4, 3, 2))) + (4 if v[0] in "TG" else 0)
    return v[8] == ("JZIHGFEDCBA" if v[0] in "ST" else "XWUTRQPNMLK")[s % 11]


def valid_ng_nin(v: str) -> bool:
    """Nigerian NIN: eleven digits with a Verhoeff check digit (NIMC, as Presidio checks it; no stdnum module)."""
    return len(v) == 11 and v.isdigit() and verhoeff.is_valid(v)


def valid_ph_tin(v: str) -> bool:
    """Philippine TIN: nine digits (or twelve with a branch code), the ninth the sum of the first eight
    weighted 9..2 mod 11 (BIR, as Presidio checks it; no stdnum module)."""
    d = v.replace("-", "").replace(" ", "")
    return len(d) in (9, 12) and d.isdigit() and sum(int(a) * w for a, w in zip(d, range(9, 1, -1))) % 11 == int(d[8])


DE_ID_LETTERS = "CFGHJKLMNPRTVWXYZ"


def de_id_check(v: str) -> str:
    """ICAO Doc 9303 check digit (weights 7, 3, 1; letters 10-35)."""
    val = lambda c: int(c) if c.isdigit() else ord(c) - 55  # noqa: E731
    return str(sum(val(c) * (7, 3, 1)[i % 3] for i, c in enumerate(v)) % 10)


def valid_de_id_card(v: str) -> bool:
    """German identity card number: nine characters of the document alphabet (a letter first, a digit
    among them), optionally with the machine-readable zone's ICAO check digit (no stdnum module)."""
    n = v[:9]
    return (len(v) in (9, 10) and n[0] in DE_ID_LETTERS and all(c.isdigit() or c in DE_ID_LETTERS for c in n)
            and any(c.isdigit() for c in n) and (len(v) == 9 or v[9] == de_id_check(n)))


def valid_it_identity_card(v: str) -> bool:
    """Italian identity card: CIE `CA12345AB` or paper `AA 1234567` (no check character; no stdnum module)."""
    return bool(re.fullmatch(r"[A-Z]{2}(?:[0-9]{5}[A-Z]{2}| ?[0-9]{7})", v)) and len(set(re.sub(r"[^0-9]", "", v))) > 1


def valid_de_lanr(v: str) -> bool:
    """German physician number: six digits, a check digit (weights 4, 9, 4, 9, 4, 9; KBV's
    Arztnummern-Richtlinie, as Presidio checks it; no stdnum module), two more digits."""
    if not re.fullmatch(r"[0-9]{9}", v) or len(set(v)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(v[:6], [4, 9, 4, 9, 4, 9]))
    return int(v[6]) == (10 - total % 10) % 10


def valid_de_bsnr(v: str) -> bool:
    """German practice number: nine digits (no published check digit; no stdnum module)."""
    return bool(re.fullmatch(r"[0-9]{9}", v)) and len(set(v)) > 1


def valid_us_npi(v: str) -> bool:
    """US National Provider Identifier: Luhn over "80840" and the ten digits (CMS; no stdnum module)."""
    d = v.replace(" ", "").replace("-", "")
    return len(d) == 10 and d.isdigit() and d[0] in "12" and luhn.is_valid("80840" + d)


#: Identifiers of the business-identifier table only (`csv/business_ids.csv`
#: and its Parquet copy): kept apart from ORACLE so that the values of every
#: other file, drawn against ORACLE, stay what they were before they were added.
EXTRA_ORACLE = {
    "AU_ABN": _std(abn),
    "AU_ACN": _std(acn),
    "AU_MEDICARE": valid_au_medicare,
    "IT_VAT": _std(iva),
    "US_ABA_ROUTING": _std(rtn),
    "TH_TNIN": _std(th_pin),
    "SG_NRIC_FIN": valid_sg_nric,
    "BTC_ADDRESS": _std(bitcoin),
    "DE_VAT": _std(de_vat),
    "IN_GSTIN": _std(gstin),
    "US_NPI": valid_us_npi,
    "PK_CNIC": _std(pk_cnic),
    "MY_NRIC": _std(my_nric),
    "NG_NIN": valid_ng_nin,
    "IN_VOTER": _std(epic),
    "PH_TIN": valid_ph_tin,
    "DE_ID_CARD": valid_de_id_card,
    "UK_UTR": _std(gb_utr),
    "US_EIN": _std(us_ein),
    "MX_RFC": _std(mx_rfc),
    "NZ_IRD": _std(nz_ird),
    "EC_CI": _std(ec_ci),
    "ZA_TIN": _std(za_tin),
    "DE_TAX_NUMBER": _std(de_stnr),
    "IT_IDENTITY_CARD": valid_it_identity_card,
    "DE_LANR": valid_de_lanr,
    "DE_BSNR": valid_de_bsnr,
}
#: column -> entity of the business-identifier table; the column names are
#: the context words (`vat_number`, `routing_number`, ...).
EXTRA_COLUMNS = {
    "abn": "AU_ABN", "acn": "AU_ACN", "medicare_number": "AU_MEDICARE", "vat_number": "IT_VAT",
    "routing_number": "US_ABA_ROUTING", "thai_national_id": "TH_TNIN", "nric": "SG_NRIC_FIN",
    "btc_wallet": "BTC_ADDRESS", "de_vat_id": "DE_VAT", "gstin": "IN_GSTIN", "npi": "US_NPI",
    "cnic": "PK_CNIC", "mykad": "MY_NRIC", "nin": "NG_NIN", "voter_id": "IN_VOTER", "tin": "PH_TIN",
    "personalausweis": "DE_ID_CARD", "utr": "UK_UTR", "ein": "US_EIN", "rfc": "MX_RFC", "ird_number": "NZ_IRD",
    "cedula": "EC_CI", "sars_tax_ref": "ZA_TIN", "steuernummer": "DE_TAX_NUMBER", "carta_identita": "IT_IDENTITY_CARD",
    "lanr": "DE_LANR", "bsnr": "DE_BSNR",
}
EXTRA_CONTEXT = {
    "AU_ABN": ["ABN", "Australian Business Number"], "AU_ACN": ["ACN", "company number"],
    "AU_MEDICARE": ["Medicare", "Medicare card"], "IT_VAT": ["P.IVA", "partita IVA", "VAT"],
    "US_ABA_ROUTING": ["routing number", "ABA"], "TH_TNIN": ["Thai ID", "เลขประจำตัวประชาชน"],
    "SG_NRIC_FIN": ["NRIC", "FIN"], "BTC_ADDRESS": ["bitcoin", "BTC wallet"],
    "DE_VAT": ["USt-IdNr.", "VAT ID"], "IN_GSTIN": ["GSTIN", "GST no."], "US_NPI": ["NPI", "provider NPI"],
    "PK_CNIC": ["CNIC", "CNIC no."], "MY_NRIC": ["MyKad", "IC no."], "NG_NIN": ["NIN", "NIMC number"],
    "IN_VOTER": ["voter ID", "EPIC no."], "PH_TIN": ["TIN", "BIR TIN"], "DE_ID_CARD": ["Personalausweis", "Ausweisnummer"],
    "UK_UTR": ["UTR", "unique taxpayer reference"], "US_EIN": ["EIN", "employer identification number"],
    "MX_RFC": ["RFC"], "NZ_IRD": ["IRD number", "IRD no."], "EC_CI": ["cédula", "C.I."],
    "ZA_TIN": ["SARS tax reference", "income tax number"],
    "DE_TAX_NUMBER": ["Steuernummer", "St.-Nr."], "IT_IDENTITY_CARD": ["carta d'identità", "CIE"],
    "DE_LANR": ["LANR", "Arztnummer"], "DE_BSNR": ["BSNR", "Betriebsstättennummer"],
}


# ---------------------------------------------------------------------------
# Value generators
# ---------------------------------------------------------------------------

B62 = string.ascii_letters + string.digits
HEX = "0123456789abcdef"

ID_CONTEXT = {
    "US_SSN": ["SSN", "social security number", "SSN#"],
    "UK_NINO": ["NI number", "National Insurance number", "NINO"],
    "DE_TAX_ID": ["Steuer-ID", "Steueridentifikationsnummer", "IdNr"],
    "FR_NIR": ["numéro de sécurité sociale", "NIR", "n° SS"],
    "ES_NIF": ["DNI", "NIF"],
    "ES_NIE": ["NIE", "número de identidad de extranjero"],
    "IT_FISCAL_CODE": ["codice fiscale", "CF"],
    "NL_BSN": ["BSN", "burgerservicenummer"],
    "PL_PESEL": ["PESEL", "numer PESEL"],
    "SE_PERSONNUMMER": ["personnummer", "pnr"],
    "FI_HETU": ["henkilötunnus", "HETU"],
    "BR_CPF": ["CPF", "nº do CPF"],
    "BR_CNPJ": ["CNPJ"],
    "IN_AADHAAR": ["Aadhaar", "Aadhaar no."],
    "CN_RESIDENT_ID": ["身份证号", "ID card", "居民身份证"],
    "CA_SIN": ["SIN", "social insurance number"],
    "NO_FODSELSNUMMER": ["fødselsnummer", "fnr"],
    "EMAIL": ["email", "e-mail", "mail"],
    "PHONE": ["phone", "tel.", "mobile", "call"],
    "CREDIT_CARD": ["card", "credit card", "visa", "mastercard"],
    "IBAN": ["IBAN", "bank account"],
    "IP_ADDRESS": ["IP", "client ip", "source address"],
    "MAC_ADDRESS": ["MAC", "hw addr"],
}
CTX_TEMPLATES = [
    "{name} gave {ctx} {V} when signing up.",
    "Please update the record, {ctx}: {V}",
    "{ctx} {V} (verified by {name})",
    "Customer {name} confirmed {ctx} {V} on the phone.",
    "{ctx}={V}",
    "New {ctx} for {name} is {V}, old one revoked.",
]
NOCTX_TEMPLATES = [
    "Ref {V} - follow up next week.",
    "{name}, {V}, {city}",
    "{name} wrote from {city}: {V}",
    "Noted {V} in the ticket.",
    "see {V}",
    "{V}",
    "{name} / {V}",
]
NEG_TEMPLATES = {
    "md5": ["etag {V}", "md5sum {V} checked", "file hash: {V}"],
    "sha1": ["sha1 {V}", "fingerprint {V} matches", "digest {V}"],
    "sha256": ["sha256:{V}", "checksum (sha256) {V} ok", "image digest {V}"],
    "git_commit": ["fixed in commit {V}", "cherry-picked {V} onto release", "HEAD is {V}"],
    "uuid": ["request id {V}", "trace {V} failed", "session {V} expired"],
    "version": ["upgraded to {V}", "running {V} in prod", "release {V} is out"],
    "date": ["shipped on {V}", "last login {V}", "due {V}"],
    "isbn": ["ISBN {V}", "ordered book {V}"],
    "order_number": ["order {V} shipped", "refund for {V}", "invoice {V} paid"],
    "low_entropy_base64": ["blob {V}", "padding {V}"],
}


def _group(s: str, sizes, sep: str) -> str:
    out, i = [], 0
    for n in sizes:
        out.append(s[i : i + n])
        i += n
    if i < len(s):
        out.append(s[i:])
    return sep.join(x for x in out if x)


TODAY = _dt.date(2025, 6, 1)  # the generator's fixed "today"


def _freeze_faker_clock():
    """A few Faker SSN providers derive birth dates from the wall clock;
    give them a fixed today so the output depends on --seed alone."""
    class FrozenDate(_dt.date):
        @classmethod
        def today(cls):
            return _dt.date(TODAY.year, TODAY.month, TODAY.day)

    class FrozenDateTime(_dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return _dt.datetime(TODAY.year, TODAY.month, TODAY.day, 12, tzinfo=tz)

    shim = types.ModuleType("datetime")
    shim.__dict__.update({k: v for k, v in _dt.__dict__.items() if not k.startswith("__")})
    shim.date, shim.datetime = FrozenDate, FrozenDateTime
    for loc in ("fi_FI", "sv_SE", "no_NO", "zh_CN"):
        mod = sys.modules.get(f"faker.providers.ssn.{loc}")
        if mod is not None and getattr(mod, "datetime", None) is _dt:
            mod.datetime = shim


class Gen:
    def __init__(self, seed: int, locales: list[str]):
        self.rng = random.Random(seed)
        self.fk: dict[str, Faker] = {}
        for i, loc in enumerate(sorted(set(locales) | set(LOCALES))):
            f = Faker(loc)
            f.seed_instance(seed * 1000 + i)
            self.fk[loc] = f
        _freeze_faker_clock()
        self.seen: set[str] = set()

    # -- helpers -----------------------------------------------------------
    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def rand(self, alphabet: str, n: int) -> str:
        return "".join(self.rng.choice(alphabet) for _ in range(n))

    def digits(self, n: int) -> str:
        return self.rand(string.digits, n)

    def _unique(self, make, check, tries=500):
        for _ in range(tries):
            v = make()
            if v not in self.seen and check(v):
                self.seen.add(v)
                return v
        raise RuntimeError(f"oracle rejected {tries} candidates from {make}")

    # -- positives ----------------------------------------------------------
    def email(self, loc: str) -> str:
        f = self.fk[loc]
        r = self.rng.random()
        make = f.email if r < 0.25 else (f.free_email if r < 0.6 else f.company_email)
        if r < 0.25:
            return self._unique(lambda: f.email(safe=False), valid_email)
        return self._unique(make, valid_email)

    def phone(self, loc: str) -> str:
        f, region = self.fk[loc], LOCALES.get(loc, ("US",))[0]

        def make():
            v = f.phone_number()
            if self.chance(0.25):
                try:
                    p = phonenumbers.parse(v, region)
                    fmt = self.rng.choice([phonenumbers.PhoneNumberFormat.INTERNATIONAL, phonenumbers.PhoneNumberFormat.E164])
                    v = phonenumbers.format_number(p, fmt)
                except phonenumbers.NumberParseException:
                    pass
            return v

        return self._unique(make, lambda v: valid_phone(v, region), tries=2000)

    def card(self) -> str:
        f = self.fk["en_US"]
        kind = self.rng.choices(["visa16", "mastercard", "amex", "discover", "jcb16", "diners"], [35, 30, 12, 8, 8, 7])[0]

        def make():
            d = f.credit_card_number(card_type=kind)
            sep = self.rng.choices([" ", "-", ""], [40, 20, 40])[0]
            if len(d) == 15:
                return _group(d, [4, 6, 5], sep)
            if len(d) == 14:
                return _group(d, [4, 6, 4], sep)
            return _group(d, [4, 4, 4, 4], sep)

        return self._unique(make, valid_card)

    def iban(self, loc: str) -> str:
        src = loc if loc in IBAN_LOCALES else self.rng.choice(IBAN_LOCALES)
        f = self.fk[src]

        def make():
            v = f.iban()
            return _group(v, [4] * 9, " ") if self.chance(0.4) else v

        return self._unique(make, ORACLE["IBAN"])

    def ip(self) -> str:
        f = self.fk["en_US"]
        r = self.rng.random()
        if r < 0.7:
            return f.ipv4_public()
        if r < 0.8:
            return f.ipv4_private()
        return str(ipaddress.IPv6Address(f.ipv6()))

    def mac(self) -> str:
        v = self.fk["en_US"].mac_address()
        if self.chance(0.3):
            v = v.upper().replace(":", "-")
        return v

    def national_id(self, ent: str) -> str:
        r, fk = self.rng, self.fk

        def ssn():
            v = fk["en_US"].ssn()
            c = r.random()
            return v if c < 0.8 else (v.replace("-", " ") if c < 0.9 else v.replace("-", ""))

        def nino():
            a = r.choice("ABCEGHJKLMNOPRSTWXYZ")
            b = r.choice("ABCEGHJKLMNPRSTWXYZ")
            d = self.digits(6)
            s = r.choice("ABCD")
            return f"{a}{b} {d[:2]} {d[2:4]} {d[4:]} {s}" if r.random() < 0.5 else f"{a}{b}{d}{s}"

        def de_tax():
            d = str(r.randint(1, 9)) + self.digits(9)
            v = d + mod_11_10.calc_check_digit(d)
            return _group(v, [2, 3, 3, 3], " ") if r.random() < 0.3 else v

        def fr_nir():
            v = fk["fr_FR"].ssn()
            return _group(v, [1, 2, 2, 2, 3, 3, 2], " ") if r.random() < 0.4 else v

        def es_nif():
            v = fk["es_ES"].nif()
            return f"{v[:-1]}-{v[-1]}" if r.random() < 0.15 else v

        def es_nie():
            v = fk["es_ES"].nie()
            return f"{v[0]}-{v[1:-1]}-{v[-1]}" if r.random() < 0.15 else v

        def nl_bsn():
            v = fk["nl_NL"].ssn()
            return f"{v[:4]}.{v[4:6]}.{v[6:]}" if r.random() < 0.2 else v

        def se_pnr():
            v = fk["sv_SE"].ssn()
            return v.replace("-", "") if r.random() < 0.25 else v

        def cpf_():
            v = fk["pt_BR"].cpf()
            return re.sub(r"\D", "", v) if r.random() < 0.3 else v

        def cnpj_():
            v = fk["pt_BR"].cnpj()
            return re.sub(r"\D", "", v) if r.random() < 0.3 else v

        def aadhaar_():
            d = str(r.randint(2, 9)) + self.digits(10)
            v = d + verhoeff.calc_check_digit(d)
            return _group(v, [4, 4, 4], " ") if r.random() < 0.6 else v

        def ca_sin():
            v = fk["en_CA"].ssn()
            c = r.random()
            return v if c < 0.5 else (v.replace(" ", "-") if c < 0.8 else v.replace(" ", ""))

        def no_fnr():
            v = fk["no_NO"].ssn()
            return f"{v[:6]} {v[6:]}" if r.random() < 0.2 else v

        make = {
            "US_SSN": ssn,
            "UK_NINO": nino,
            "DE_TAX_ID": de_tax,
            "FR_NIR": fr_nir,
            "ES_NIF": es_nif,
            "ES_NIE": es_nie,
            "IT_FISCAL_CODE": lambda: fk["it_IT"].ssn(),
            "NL_BSN": nl_bsn,
            "PL_PESEL": lambda: fk["pl_PL"].pesel(date_of_birth=_dt.datetime.combine(self.birth_date(), _dt.time())),
            "SE_PERSONNUMMER": se_pnr,
            "FI_HETU": lambda: fk["fi_FI"].ssn(),
            "BR_CPF": cpf_,
            "BR_CNPJ": cnpj_,
            "IN_AADHAAR": aadhaar_,
            "CN_RESIDENT_ID": lambda: fk["zh_CN"].ssn(),
            "CA_SIN": ca_sin,
            "NO_FODSELSNUMMER": no_fnr,
        }[ent]
        return self._unique(make, ORACLE[ent], tries=2000)

    def extra_id(self, ent: str) -> str:
        """A value of an EXTRA_ORACLE entity, in one of its usual layouts."""
        r = self.rng

        def b58check(version: int, payload: bytes) -> str:
            raw = bytes([version]) + payload
            raw += hashlib.sha256(hashlib.sha256(raw).digest()).digest()[:4]
            n, out = int.from_bytes(raw, "big"), ""
            alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
            while n:
                n, m = divmod(n, 58)
                out = alphabet[m] + out
            return "1" * (len(raw) - len(raw.lstrip(b"\0"))) + out

        def bech32_v0(program: bytes) -> str:
            charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
            data, acc, bits = [0], 0, 0
            for b in program:
                acc, bits = (acc << 8) | b, bits + 8
                while bits >= 5:
                    bits -= 5
                    data.append((acc >> bits) & 31)
            if bits:
                data.append((acc << (5 - bits)) & 31)
            values = [ord(c) >> 5 for c in "bc"] + [0] + [ord(c) & 31 for c in "bc"] + data + [0] * 6
            chk = bitcoin.bech32_checksum(values) ^ 1
            return "bc1" + "".join(charset[x] for x in data + [(chk >> 5 * (5 - i)) & 31 for i in range(6)])

        def make():
            if ent == "AU_ABN":
                rest = self.digits(9)
                v = abn.calc_check_digits(rest) + rest
                return abn.format(v) if r.random() < 0.6 else v
            if ent == "AU_ACN":
                b = self.digits(8)
                v = b + acn.calc_check_digit(b)
                return acn.format(v) if r.random() < 0.6 else v
            if ent == "AU_MEDICARE":
                b = str(r.randint(2, 6)) + self.digits(7)
                v = b + str(sum(int(a) * w for a, w in zip(b, (1, 3, 7, 9, 1, 3, 7, 9))) % 10) + str(r.randint(1, 9))
                return f"{v[:4]} {v[4:9]} {v[9]}" if r.random() < 0.6 else v
            if ent == "IT_VAT":
                base = self.digits(7) + r.choice([f"{r.randint(1, 100):03d}", "120", "121", "888", "999"])
                v = base + next(c for c in string.digits if luhn.is_valid(base + c))
                return r.choice([v, v, "IT" + v])
            if ent == "US_ABA_ROUTING":
                b = r.choice(["0", "1", "2", "3"]) + self.digits(7)
                return b + rtn.calc_check_digit(b)
            if ent == "TH_TNIN":
                b = str(r.randint(1, 8)) + self.digits(11)
                v = b + th_pin.calc_check_digit(b + "0")
                return th_pin.format(v) if r.random() < 0.5 else v
            if ent == "SG_NRIC_FIN":
                p, d = r.choice("STFG"), self.digits(7)
                s = sum(int(a) * w for a, w in zip(d, (2, 7, 6, 5, 4, 3, 2))) + (4 if p in "TG" else 0)
                return p + d + ("JZIHGFEDCBA" if p in "ST" else "XWUTRQPNMLK")[s % 11]
            if ent == "BTC_ADDRESS":
                c = r.random()
                if c < 0.4:
                    return b58check(0, bytes(r.randrange(256) for _ in range(20)))
                if c < 0.7:
                    return b58check(5, bytes(r.randrange(256) for _ in range(20)))
                return bech32_v0(bytes(r.randrange(256) for _ in range(r.choice([20, 32]))))
            if ent == "DE_VAT":
                b = str(r.randint(1, 9)) + self.digits(7)
                v = b + mod_11_10.calc_check_digit(b)
                return r.choice([v, "DE" + v, "DE" + v, "DE " + v])
            if ent == "IN_GSTIN":
                up = string.ascii_uppercase
                pan = "".join(r.choice(up) for _ in range(3)) + r.choice("ABCFGHLJPTK") + r.choice(up)
                pan += f"{r.randint(1, 9999):04d}" + r.choice(up)
                b = f"{r.randint(1, 37):02d}" + pan + r.choice("123456789ABC") + "Z"
                return b + luhn.calc_check_digit(b, string.digits + up)
            if ent == "US_NPI":
                b = r.choice("12") + self.digits(8)
                v = b + luhn.calc_check_digit("80840" + b)
                return f"{v[:4]} {v[4:7]} {v[7:]}" if r.random() < 0.2 else v
            if ent == "PK_CNIC":
                v = str(r.randint(1, 7)) + self.digits(12)
                return pk_cnic.format(v) if r.random() < 0.7 else v
            if ent == "MY_NRIC":
                d = self.birth_date()
                v = d.strftime("%y%m%d") + f"{r.choice([*range(1, 17), *range(21, 60)]):02d}" + self.digits(4)
                return my_nric.format(v) if r.random() < 0.7 else v
            if ent == "NG_NIN":
                b = self.digits(10)
                return b + verhoeff.calc_check_digit(b)
            if ent == "IN_VOTER":
                b = self.digits(6)
                return "".join(r.choice(string.ascii_uppercase) for _ in range(3)) + b + luhn.calc_check_digit(b)
            if ent == "PH_TIN":
                b = self.digits(8)
                c = sum(int(a) * w for a, w in zip(b, range(9, 1, -1))) % 11
                if c == 10:
                    return ""
                v = b + str(c) + (f"{r.randint(0, 999):03d}" if r.random() < 0.4 else "")
                return "-".join(v[i:i + 3] for i in range(0, len(v), 3)) if r.random() < 0.6 else v
            if ent == "DE_ID_CARD":
                n = r.choice(DE_ID_LETTERS) + "".join(r.choice(DE_ID_LETTERS + "0123456789") for _ in range(7))
                n += r.choice(string.digits)
                return n + de_id_check(n) if r.random() < 0.3 else n
            if ent == "UK_UTR":
                b = self.digits(9)
                v = gb_utr.calc_check_digit(b) + b
                return r.choice([v, v, f"{v[:5]} {v[5:]}"])
            if ent == "US_EIN":
                return f"{r.choice([10, 12, 20, 27, 33, 45, 52, 61, 84, 94]) + r.choice([0, 1]):02d}-{self.digits(7)}"
            if ent == "MX_RFC":
                d = self.birth_date()
                return ("".join(r.choice(string.ascii_uppercase) for _ in range(4)) + d.strftime("%y%m%d")
                        + "".join(r.choice(string.ascii_uppercase + string.digits) for _ in range(3)))
            if ent == "NZ_IRD":
                b = str(r.randint(1000000, 14999999))
                c = nz_ird.calc_check_digit(b)
                if len(c) != 1:
                    return ""
                v = b + c
                return f"{v[:-6]}-{v[-6:-3]}-{v[-3:]}" if r.random() < 0.5 else v
            if ent == "EC_CI":
                b = f"{r.randint(1, 24):02d}" + str(r.randint(0, 5)) + self.digits(6)
                v = next(b + c for c in string.digits if ec_ci.is_valid(b + c))
                return f"{v[:9]}-{v[9]}" if r.random() < 0.3 else v
            if ent == "ZA_TIN":
                b = r.choice("01239") + self.digits(8)
                return b + luhn.calc_check_digit(b)
            if ent == "DE_TAX_NUMBER":
                c = r.random()
                if c < 0.4:
                    return f"{self.digits(2)}/{self.digits(3)}/{self.digits(5)}"
                if c < 0.6:
                    return f"{self.digits(3)}/{self.digits(3)}/{self.digits(5)}"
                if c < 0.7:
                    return f"{self.digits(3)}/{self.digits(4)}/{self.digits(4)}"
                p = r.choice(["28", "9", "11", "30", "24", "22", "26", "40", "23", "5", "27", "10", "32", "31", "21", "41"])
                head = p + self.digits(4 - len(p))
                return head + "0" + self.digits(8)
            if ent == "DE_LANR":
                b = self.digits(6)
                total = sum(int(d) * w for d, w in zip(b, [4, 9, 4, 9, 4, 9]))
                return b + str((10 - total % 10) % 10) + self.digits(2)
            if ent == "DE_BSNR":
                return r.choice(["01", "02", "03", "17", "20", "38", "46", "51", "52", "71", "72", "93"]) + self.digits(7)
            if ent == "IT_IDENTITY_CARD":
                up = string.ascii_uppercase
                if r.random() < 0.7:
                    return r.choice(up) + r.choice(up) + self.digits(5) + r.choice(up) + r.choice(up)
                return r.choice(up) + r.choice(up) + r.choice([" ", ""]) + self.digits(7)
            raise KeyError(ent)

        return self._unique(make, EXTRA_ORACLE[ent], tries=2000)

    def bad_extra_id(self, ent: str) -> str:
        """A look-alike of an EXTRA_ORACLE entity with one character changed
        (a German tax number: one digit too many; a German practice number:
        one too few) that every oracle refutes."""
        def make():
            if ent == "DE_TAX_NUMBER":
                # Every ten or eleven digits are one: a layout with twelve.
                return f"{self.digits(3)}/{self.digits(4)}/{self.digits(5)}"
            if ent == "DE_BSNR":
                # Every nine digits are one: one digit too few.
                return self.digits(8)
            v = self.extra_id(ent)
            # An optional country prefix (`DE`, `IT`) is not changed: the
            # digits after `DU` or `IU` are still a valid number.
            spots = [i for i, c in enumerate(v) if c.isalnum() and (i > 0 or ent != "SG_NRIC_FIN")
                     and (c.isdigit() or ent not in ("DE_VAT", "IT_VAT"))]
            i = self.rng.choice(spots)
            pool = string.digits if v[i].isdigit() else (string.ascii_uppercase if v[i].isupper() else string.ascii_lowercase)
            if ent == "IT_IDENTITY_CARD":
                # Any letter for a letter or digit for a digit is another
                # valid number: a letter becomes a digit or a digit a letter.
                pool = string.ascii_uppercase if v[i].isdigit() else string.digits
            return v[:i] + self.rng.choice([c for c in pool if c != v[i]]) + v[i + 1:]

        def refuted(v: str) -> bool:
            # Every ten or eleven digits are a German tax number to its
            # oracle, and every nine a German practice number: only their
            # own look-alikes are held to them.
            oracles = [ok for e, ok in EXTRA_ORACLE.items() if e not in ANY_DIGITS_EXTRA or ent == e]
            return not any(ok(v) for ok in oracles) and not oracle_hits(v)

        return self._unique(make, refuted, tries=2000)

    def birth_date(self) -> _dt.date:
        return _dt.date(1935, 1, 1) + _dt.timedelta(days=self.rng.randrange(72 * 365))

    def entity(self, ent: str, loc: str) -> str:
        if ent == "EMAIL":
            return self.email(loc)
        if ent == "PHONE":
            return self.phone(loc)
        if ent == "CREDIT_CARD":
            return self.card()
        if ent == "IBAN":
            return self.iban(loc)
        if ent == "IP_ADDRESS":
            return self.ip()
        if ent == "MAC_ADDRESS":
            return self.mac()
        return self.national_id(ent)

    # -- secrets --------------------------------------------------------------
    SECRET_KINDS = [
        # (rule, weight, conventional variable name)
        ("aws-access-token", 10, "aws_access_key_id"),
        ("github-pat", 8, "github_token"),
        ("github-fine-grained-pat", 3, "GH_TOKEN"),
        ("github-oauth", 2, "github_oauth_token"),
        ("github-app-token", 2, "GITHUB_APP_TOKEN"),
        ("gitlab-pat", 4, "gitlab_token"),
        ("slack-bot-token", 5, "slack_bot_token"),
        ("slack-user-token", 2, "SLACK_USER_TOKEN"),
        ("slack-webhook-url", 4, "slack_webhook"),
        ("stripe-access-token", 6, "stripe_secret_key"),
        ("private-key", 6, "private_key"),
        ("jwt", 6, "session_token"),
        ("openai-api-key", 3, "OPENAI_API_KEY"),
        ("anthropic-api-key", 2, "ANTHROPIC_API_KEY"),
        ("gcp-api-key", 4, "google_maps_key"),
        ("npm-access-token", 3, "NPM_TOKEN"),
        ("sendgrid-api-token", 3, "sendgrid_api_key"),
        ("twilio-api-key", 2, "twilio_key_sid"),
        ("generic-api-key", 25, None),
    ]
    GENERIC_NAMES = ["api_key", "apiKey", "API_KEY", "client_secret", "secret_key", "auth_token", "access_token",
                     "db_password", "password", "SECRET_TOKEN", "aws_secret_access_key", "x-api-key", "PRIVATE_TOKEN"]

    def _pem(self) -> str:
        kind = self.rng.choice(["RSA ", "EC ", "OPENSSH ", "", "ENCRYPTED "])
        nlines = self.rng.randint(4, 8)
        body = base64.b64encode(self.rng.randbytes(48 * nlines - self.rng.randint(0, 20))).decode()
        lines = [body[i : i + 64] for i in range(0, len(body), 64)]
        return f"-----BEGIN {kind}PRIVATE KEY-----\n" + "\n".join(lines) + f"\n-----END {kind}PRIVATE KEY-----"

    def _jwt(self) -> str:
        def b64(b: bytes) -> str:
            return base64.urlsafe_b64encode(b).decode().rstrip("=")

        alg = self.rng.choice(["HS256", "RS256", "ES256", "HS512"])
        header = b64(json.dumps({"alg": alg, "typ": "JWT"}, separators=(",", ":")).encode())
        claims = {"sub": str(self.rng.randint(10**6, 10**9)), "iat": self.rng.randint(1.6e9, 1.8e9)}
        if self.chance(0.5):
            claims["scope"] = self.rng.choice(["read", "read write", "admin"])
        payload = b64(json.dumps(claims, separators=(",", ":")).encode())
        return f"{header}.{payload}.{b64(self.rng.randbytes(32))}"

    def _generic_value(self, name: str) -> str:
        if name == "aws_secret_access_key":
            return self.rand(B62 + "/+", 40)
        n = self.rng.randint(20, 40)
        alpha = B62 if self.chance(0.7) else B62 + "-_."
        v = self.rand(alpha, n)
        return v if v[0].isalnum() else "k" + v[1:]

    def secret(self, rule: str | None = None, name: str | None = None) -> tuple[str, str, str]:
        """(value, gitleaks rule, variable name conventionally holding it)."""
        if rule is None:
            kinds = self.SECRET_KINDS
            rule = self.rng.choices([k[0] for k in kinds], [k[1] for k in kinds])[0]
        name = name or next(k[2] for k in self.SECRET_KINDS if k[0] == rule)
        r, U = self.rng, string.ascii_uppercase
        if rule == "aws-access-token":
            v = r.choice(["AKIA", "AKIA", "AKIA", "ASIA"]) + self.rand(U + "234567", 16)
        elif rule == "github-pat":
            v = "ghp_" + self.rand(B62, 36)
        elif rule == "github-fine-grained-pat":
            v = "github_pat_" + self.rand(B62, 22) + "_" + self.rand(B62, 59)
        elif rule == "github-oauth":
            v = "gho_" + self.rand(B62, 36)
        elif rule == "github-app-token":
            v = r.choice(["ghu_", "ghs_"]) + self.rand(B62, 36)
        elif rule == "gitlab-pat":
            v = "glpat-" + self.rand(B62 + "-_", 20)
        elif rule == "slack-bot-token":
            v = f"xoxb-{self.digits(11)}-{self.digits(12)}-{self.rand(B62, 24)}"
        elif rule == "slack-user-token":
            v = f"xoxp-{self.digits(11)}-{self.digits(11)}-{self.digits(12)}-{self.rand(HEX, 32)}"
        elif rule == "slack-webhook-url":
            v = f"https://hooks.slack.com/services/T{self.rand(U + string.digits, 8)}/B{self.rand(U + string.digits, 10)}/{self.rand(B62, 24)}"
        elif rule == "stripe-access-token":
            v = r.choice(["sk_live_", "sk_live_", "rk_live_", "sk_test_"]) + self.rand(B62, r.choice([24, 99]))
        elif rule == "private-key":
            v = self._pem()
        elif rule == "jwt":
            v = self._jwt()
        elif rule == "openai-api-key":
            v = "sk-proj-" + self.rand(B62 + "-_", 74) + "T3BlbkFJ" + self.rand(B62 + "-_", 74)
        elif rule == "anthropic-api-key":
            v = "sk-ant-api03-" + self.rand(B62 + "-_", 93) + "AA"
        elif rule == "gcp-api-key":
            v = "AIza" + self.rand(B62 + "-_", 35)
        elif rule == "npm-access-token":
            v = "npm_" + self.rand(string.ascii_lowercase + string.digits, 36)
        elif rule == "sendgrid-api-token":
            v = "SG." + self.rand(B62 + "-_", 22) + "." + self.rand(B62 + "-_", 43)
        elif rule == "twilio-api-key":
            v = "SK" + self.rand(HEX, 32)
        elif rule == "generic-api-key":
            name = name or r.choice(self.GENERIC_NAMES)
            v = self._generic_value(name)
        else:
            raise ValueError(rule)
        return v, rule, name

    def checked_secret(self, context_fn, rule: str | None = None, name: str | None = None) -> tuple[str, str, str]:
        """A secret that gitleaks reports in context_fn(value, name)."""
        for _ in range(200):
            v, rl, name_ = self.secret(rule, name)
            if v in self.seen:
                continue
            if gitleaks_finds(context_fn(v, name_), v, rl):
                self.seen.add(v)
                return v, rl, name_
        raise RuntimeError(f"could not make a detectable {rule} secret")

    # -- negatives --------------------------------------------------------------
    def negative(self, kind: str, loc: str = "en_US") -> str:
        r = self.rng
        region = LOCALES.get(loc, ("US",))[0]

        def check(v):
            return not oracle_hits(v, (region, "US")) and v not in self.seen

        if kind == "md5":
            return hashlib.md5(r.randbytes(16)).hexdigest()
        if kind == "sha1":
            return hashlib.sha1(r.randbytes(16)).hexdigest()
        if kind == "sha256":
            return hashlib.sha256(r.randbytes(16)).hexdigest()
        if kind == "git_commit":
            h = hashlib.sha1(r.randbytes(16)).hexdigest()
            return h if r.random() < 0.7 else h[: r.randint(7, 12)]
        if kind == "uuid":
            u = str(uuid.UUID(int=r.getrandbits(128), version=4))
            return u.upper() if r.random() < 0.1 else u
        if kind == "version":
            a, b, c = r.randint(0, 12), r.randint(0, 30), r.randint(0, 40)
            return r.choice([f"{a}.{b}.{c}", f"v{a}.{b}.{c}", f"v{a}.{b}.{c}-rc{r.randint(1, 5)}",
                             f"{a}.{b}.{c}-beta.{r.randint(1, 9)}", f"{a}.{b}.{c}.{r.randint(1000, 99999)}", f"{a}.{b}"])
        if kind == "date":
            d = _dt.date(2017, 1, 1) + _dt.timedelta(days=r.randrange(10 * 365))
            return r.choice([d.isoformat(), d.strftime("%d/%m/%Y"), d.strftime("%m/%d/%Y"), d.strftime("%d.%m.%Y"),
                             d.strftime("%Y-%m-%dT%H:%M:%SZ").replace("00:00:00", f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}"),
                             d.strftime("%-d %B %Y")])
        if kind == "isbn":
            def mk():
                v = self.fk["en_US"].isbn13() if r.random() < 0.7 else self.fk["en_US"].isbn10()
                return v
            return self._unique(mk, lambda v: std_isbn.is_valid(v) and check(v))
        if kind == "order_number":
            return self._unique(lambda: r.choice([
                f"ORD-{r.randint(2019, 2026)}-{r.randint(0, 999999):06d}", f"#{r.randint(10**7, 10**8 - 1)}",
                f"PO-{r.randint(10000, 99999)}", f"INV/{r.randint(2019, 2026)}/{r.randint(1, 99999):05d}",
                f"SO{r.randint(10**5, 10**6 - 1)}"]), check)
        if kind == "luhn_fail_card":
            def mk():
                v = self.card()
                d = v[-1]
                return v[:-1] + str((int(d) + r.randint(1, 9)) % 10)
            return self._unique(mk, check)
        if kind == "bad_iban":
            def mk():
                v = self.iban(loc)
                cd = int(v[2:4])
                return v[:2] + f"{(cd + r.randint(1, 96)) % 97 + 2:02d}"[-2:] + v[4:]
            return self._unique(mk, check)
        if kind.startswith("bad_"):
            ent = kind[4:].upper()

            def mk():
                v = self.national_id(ent)
                idx = max(i for i, c in enumerate(v) if c.isalnum())
                c = v[idx]
                repl = str((int(c) + r.randint(1, 9)) % 10) if c.isdigit() else r.choice([x for x in "ABCDEFGHJKLMNPRSTVWXYZ" if x != c])
                return v[:idx] + repl + v[idx + 1 :]

            return self._unique(mk, check)
        if kind == "low_entropy_base64":
            raw = r.choice([b"\x00" * r.randint(24, 90), (b"abc" * 40)[: r.randint(24, 90)], b"\xff" * r.randint(24, 60),
                            (b"test " * 30)[: r.randint(30, 90)]])
            return base64.b64encode(raw).decode()
        raise ValueError(kind)


# ---------------------------------------------------------------------------
# Writers: produce bytes and label records
# ---------------------------------------------------------------------------


class Labels:
    def __init__(self):
        self.pos: list[dict] = []
        self.neg: list[dict] = []

    def add(self, plant: Plant, **where):
        rec = dict(where)
        if plant.negative:
            rec["kind"] = plant.kind
            rec["value"] = plant.value
            self.neg.append(rec)
        else:
            rec["entity"] = plant.kind
            rec["value"] = plant.value
            if plant.rule:
                rec["rule"] = plant.rule
            self.pos.append(rec)


def _blen(s: str) -> int:
    return len(s.encode("utf-8"))


def write_csv(root: Path, rel: str, header: list[str], rows: list[list], labels: Labels):
    buf = bytearray()
    buf += (",".join(header) + "\n").encode()
    for ri, row in enumerate(rows, 1):
        for ci, cell in enumerate(row):
            if ci:
                buf += b","
            if cell is None:
                continue
            if not isinstance(cell, Cell):
                cell = T(str(cell))
            text = cell.text
            quoted = any(c in text for c in ',"\n\r')
            esc = (lambda s: s.replace('"', '""')) if quoted else (lambda s: s)
            if quoted:
                buf += b'"'
            base = len(buf)
            buf += esc(text).encode()
            if quoted:
                buf += b'"'
            for p in cell.plants:
                s = base + _blen(esc(text[: p.start]))
                cs = _blen(text[: p.start])
                labels.add(p, file=rel, format="csv", row=ri, column=header[ci], start=s, end=s + _blen(esc(p.value)),
                           cell_start=cs, cell_end=cs + _blen(p.value))
        buf += b"\n"
    (root / rel).write_bytes(bytes(buf))


def write_jsonl(root: Path, rel: str, records: list, labels: Labels, compact: bool = False):
    item_sep, key_sep = (b",", b":") if compact else (b", ", b": ")
    buf = bytearray()

    def js(s: str) -> str:
        return json.dumps(s, ensure_ascii=False)[1:-1]

    def emit(o, path: str, row: int):
        nonlocal buf
        if isinstance(o, dict):
            buf += b"{"
            for i, (k, v) in enumerate(o.items()):
                if i:
                    buf += item_sep
                buf += json.dumps(k, ensure_ascii=False).encode() + key_sep
                emit(v, f"{path}.{k}" if path else k, row)
            buf += b"}"
        elif isinstance(o, list):
            buf += b"["
            for i, v in enumerate(o):
                if i:
                    buf += item_sep
                emit(v, f"{path}[{i}]", row)
            buf += b"]"
        elif isinstance(o, Cell):
            text = o.text
            if o.number:
                base = len(buf)
                buf += text.encode()
                esc = lambda s: s  # noqa: E731
            else:
                buf += b'"'
                base = len(buf)
                buf += js(text).encode()
                buf += b'"'
                esc = js
            for p in o.plants:
                s = base + _blen(esc(text[: p.start]))
                cs = _blen(text[: p.start])
                labels.add(p, file=rel, format="jsonl", row=row, column=path, start=s, end=s + _blen(esc(p.value)),
                           cell_start=cs, cell_end=cs + _blen(p.value))
        else:
            buf += json.dumps(o, ensure_ascii=False).encode()

    for ri, rec in enumerate(records, 1):
        emit(rec, "", ri)
        buf += b"\n"
    (root / rel).write_bytes(bytes(buf))


def write_parquet(root: Path, rel: str, columns: dict[str, list], labels: Labels, row_group_size: int = 64):
    arrays, names = [], []
    for name, cells in columns.items():
        if any(isinstance(c, dict) for c in cells):
            fields = []
            for c in cells:
                for k in c or {}:
                    if k not in fields:
                        fields.append(k)
            data = []
            for ri, c in enumerate(cells, 1):
                if c is None:
                    data.append(None)
                    continue
                obj = {}
                for k in fields:
                    v = c.get(k)
                    obj[k] = _parquet_cell(v, rel, ri, f"{name}.{k}", labels)
                data.append(obj)
            arrays.append(pa.array(data, type=pa.struct([(k, pa.string()) for k in fields])))
        elif all(isinstance(c, (int, float)) or c is None for c in cells):
            arrays.append(pa.array(cells))
        else:
            arrays.append(pa.array([_parquet_cell(c, rel, ri, name, labels) for ri, c in enumerate(cells, 1)], type=pa.string()))
        names.append(name)
    table = pa.Table.from_arrays(arrays, names=names)
    pq.write_table(table, root / rel, row_group_size=row_group_size, compression="snappy")


def _parquet_cell(c, rel, ri, column, labels):
    if c is None:
        return None
    if not isinstance(c, Cell):
        return str(c)
    for p in c.plants:
        s = _blen(c.text[: p.start])
        labels.add(p, file=rel, format="parquet", row=ri, column=column, start=s, end=s + _blen(p.value),
                   cell_start=s, cell_end=s + _blen(p.value))
    return c.text


def write_text(root: Path, rel: str, lines: list[Cell], labels: Labels):
    buf = bytearray()
    lineno = 1
    for cell in lines:
        base = len(buf)
        for p in cell.plants:
            s = base + _blen(cell.text[: p.start])
            labels.add(p, file=rel, format="text", row=lineno + cell.text[: p.start].count("\n"), column=None,
                       start=s, end=s + _blen(p.value))
        buf += cell.text.encode() + b"\n"
        lineno += cell.text.count("\n") + 1
    (root / rel).write_bytes(bytes(buf))


# ---------------------------------------------------------------------------
# Content builders
# ---------------------------------------------------------------------------

NEG_NUMERIC = ["version", "date", "isbn", "order_number"]
NEG_HEX = ["md5", "sha1", "sha256", "git_commit", "uuid"]
BAD_IDS = {  # checksum-failing look-alikes of the locale's identifier
    "de_DE": "bad_de_tax_id", "fr_FR": "bad_fr_nir", "es_ES": "bad_es_nif", "it_IT": "bad_it_fiscal_code",
    "nl_NL": "bad_nl_bsn", "pl_PL": "bad_pl_pesel", "sv_SE": "bad_se_personnummer", "fi_FI": "bad_fi_hetu",
    "pt_BR": "bad_br_cpf", "en_IN": "bad_in_aadhaar", "zh_CN": "bad_cn_resident_id", "en_CA": "bad_ca_sin",
    "no_NO": "bad_no_fodselsnummer",
}
PLACEHOLDERS = [
    ("api_key", "your-api-key-here"), ("API_KEY", "<YOUR_API_KEY>"), ("aws_access_key_id", "AKIAIOSFODNN7EXAMPLE"),
    ("password", "changeme"), ("client_secret", "xxxxxxxxxxxxxxxxxxxxxxxx"), ("stripe_secret_key", "sk_test_xxxxxxxxxxxxxxxxxxxxxxxx"),
    ("auth_token", "${AUTH_TOKEN}"), ("token", "REDACTED"), ("db_password", "********"), ("secret_key", "{{ secret_key }}"),
    ("GITHUB_TOKEN", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
]


class Builder:
    def __init__(self, gen: Gen, locales: list[str] | None = None):
        self.g = gen
        self.r = gen.rng
        self.locales = locales or list(LOCALES)

    # text snippets ---------------------------------------------------------
    def filler(self, loc: str, words=(5, 12)) -> str:
        s = self.g.fk[loc].sentence(nb_words=self.r.randint(*words))
        return s

    def mention(self, cell: Cell, loc: str, ent: str, value: str, context: bool | None = None):
        f = self.g.fk[loc]
        if context is None:
            context = self.g.chance(0.5)
        tmpl = self.r.choice(CTX_TEMPLATES if context else NOCTX_TEMPLATES)
        ctx = self.r.choice(ID_CONTEXT[ent]) if context else ""
        before, after = tmpl.split("{V}")
        kw = dict(name=f.name(), ctx=ctx, city=f.city())
        cell.add(before.format(**kw)).pos(value, ent).add(after.format(**kw))

    def neg_mention(self, cell: Cell, loc: str, kind: str, value: str):
        tmpl = self.r.choice(NEG_TEMPLATES.get(kind, ["ref {V}", "value {V} looks wrong", "{V} (typo?)"]))
        before, after = tmpl.split("{V}")
        cell.add(before).neg(value, kind).add(after)

    def note(self, loc: str, p_pos=0.35, p_neg=0.25, ents=None, secrets=False) -> Cell:
        """Free text with sometimes a planted value (with or without context)."""
        cell = T(self.filler(loc))
        ids = LOCALES[loc][1]
        if self.g.chance(p_pos):
            ent = self.r.choice(ents or (["EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IP_ADDRESS"] + ids * 2))
            cell.add(" ")
            self.mention(cell, loc, ent, self.g.entity(ent, loc))
        if self.g.chance(p_neg):
            kind = self.r.choice(NEG_NUMERIC + NEG_HEX + ([BAD_IDS[loc]] if loc in BAD_IDS else []) + ["luhn_fail_card"])
            cell.add(" ")
            self.neg_mention(cell, loc, kind, self.g.negative(kind, loc))
        if secrets and self.g.chance(0.15):
            cell.add(" ")
            self.secret_mention(cell)
        if self.g.chance(0.3):
            cell.add(" " + self.filler(loc, (3, 8)))
        return cell

    def secret_mention(self, cell: Cell):
        """Append a sentence carrying a secret in an assignment-like context."""
        def ctx(v, name):
            return f"{cell.text}{prefix_for(name)}{v}{suffix}"

        # multi-line PEM blocks only in dedicated places
        rule = self.r.choice([k[0] for k in Gen.SECRET_KINDS if k[0] != "private-key"])
        suffix = self.r.choice(["", " ", " (rotate asap)", "`"])
        # a generic secret needs its variable name and an assignment
        style = self.r.random() * (0.7 if rule == "generic-api-key" else 1.0)

        def prefix_for(name):
            if style < 0.4:
                return f"{name}={'`' if suffix == '`' else ''}"
            if style < 0.7:
                return f"{name}: {'`' if suffix == '`' else ''}"
            return f"token {'`' if suffix == '`' else ''}"

        v, rl, name = self.g.checked_secret(ctx, rule)
        cell.add(prefix_for(name)).pos(v, "SECRET", rl).add(suffix)

    # ---------------------------------------------------------------------
    def person(self, loc: str) -> dict:
        f = self.g.fk[loc]
        ids = LOCALES[loc][1]
        ent = self.r.choice(ids)
        d = {
            "name": f.name(),
            "email": self.g.email(loc),
            "phone": self.g.phone(loc),
            "dob": self.g.birth_date().isoformat(),
            "address": f.address().replace("\n", ", "),
            "id_entity": ent,
            "id": self.g.national_id(ent),
            "iban": self.g.iban(loc),
            "card": self.g.card(),
            "ip": self.g.ip(),
            "mac": self.g.mac(),
        }
        return d

    def id_cell(self, loc: str, p: dict) -> Cell:
        """The id_number cell: mostly the valid identifier, sometimes a
        checksum-failing look-alike (a typo), sometimes empty."""
        if loc in BAD_IDS and self.g.chance(0.12):
            return N(self.g.negative(BAD_IDS[loc], loc), BAD_IDS[loc])
        return P(p["id"], p["id_entity"])

    def maybe(self, cell, p=0.93):
        return cell if self.g.chance(p) else None

    # customers (per locale) -----------------------------------------------------
    CUSTOMER_HEADER = ["customer_id", "customer_name", "email", "phone", "dob", "address", "id_number", "iban",
                       "card_number", "plan", "balance", "signup_date", "last_login_ip", "device_mac", "company_id", "notes"]

    def customer_rows(self, loc: str, n: int):
        rows = []
        for i in range(n):
            p = self.person(loc)
            company = None
            if loc == "pt_BR" and self.g.chance(0.6):
                company = P(self.g.national_id("BR_CNPJ"), "BR_CNPJ")
            elif self.g.chance(0.3):
                company = T(f"C{self.r.randint(10000, 99999)}-{self.r.choice(string.ascii_uppercase)}")
            rows.append({
                "customer_id": T(f"CUS-{self.r.randint(0, 999999):06d}"),
                "customer_name": T(p["name"]),
                "email": self.maybe(P(p["email"], "EMAIL")),
                "phone": self.maybe(P(p["phone"], "PHONE")),
                "dob": T(p["dob"]),
                "address": T(p["address"]),
                "id_number": self.maybe(self.id_cell(loc, p), 0.95),
                "iban": self.maybe(P(p["iban"], "IBAN"), 0.6),
                "card_number": self.maybe(P(p["card"], "CREDIT_CARD") if self.g.chance(0.92) else N(self.g.negative("luhn_fail_card", loc), "luhn_fail_card"), 0.6),
                "plan": T(self.r.choice(["free", "pro", "team", "enterprise"])),
                "balance": T(f"{self.r.uniform(0, 5000):.2f}"),
                "signup_date": N(self.g.negative("date", loc), "date"),
                "last_login_ip": self.maybe(P(p["ip"], "IP_ADDRESS"), 0.7),
                "device_mac": self.maybe(P(p["mac"], "MAC_ADDRESS"), 0.3),
                "company_id": company,
                "notes": self.maybe(self.note(loc, secrets=True), 0.7),
            })
        return rows

    def users_records(self, loc: str, n: int):
        recs = []
        for i in range(n):
            p = self.person(loc)
            f = self.g.fk[loc]
            phones = [P(p["phone"], "PHONE")]
            if self.g.chance(0.3):
                phones.append(P(self.g.phone(loc), "PHONE"))
            idc = self.id_cell(loc, p)
            if (not idc.plants[0].negative and re.fullmatch(r"[1-9]\d{8,11}", idc.text) and self.g.chance(0.3)):
                idc.number = True
            items = []
            for k in range(self.r.choice([1, 1, 2, 3])):
                it = {"sku": f"SKU-{self.r.randint(1000, 9999)}-{self.r.choice(string.ascii_uppercase)}{self.r.choice(string.ascii_uppercase)}",
                      "qty": self.r.randint(1, 5), "price": round(self.r.uniform(1, 300), 2)}
                if self.g.chance(0.3):
                    it["deliver_to"] = {"name": f.name(), "phone": P(self.g.phone(loc), "PHONE")}
                if self.g.chance(0.15):
                    it["phone"] = P(self.g.phone(loc), "PHONE")
                items.append(it)
            rec = {
                "id": N(self.g.negative("uuid"), "uuid"),
                "created_at": N(self.g.negative("date", loc), "date"),
                "user": {
                    "name": f.name() if self.g.chance(0.1) else p["name"],
                    "dob": p["dob"],
                    "contact": {"email": P(p["email"], "EMAIL"), "phones": phones, "address": p["address"]},
                    "national_id": {"type": p["id_entity"].lower(), "value": idc},
                },
                "payment": {"card": {"number": P(p["card"], "CREDIT_CARD"), "expiry": f"{self.r.randint(1, 12):02d}/{self.r.randint(25, 34)}", "holder": p["name"]},
                            "iban": P(p["iban"], "IBAN")},
                "items": items,
                "meta": {"client_ip": P(p["ip"], "IP_ADDRESS"), "app_version": N(self.g.negative("version"), "version"),
                         "etag": N(self.g.negative("md5"), "md5")},
            }
            if self.g.chance(0.3):
                rec["meta"]["device_mac"] = P(p["mac"], "MAC_ADDRESS")
            if self.g.chance(0.6):
                rec["notes"] = self.note(loc, secrets=True)
            if self.g.chance(0.2):
                del rec["payment"]["iban"]
            recs.append(rec)
        return recs

    def text_lines(self, loc: str, n: int) -> list[Cell]:
        lines = []
        ids = LOCALES[loc][1]
        for i in range(n):
            r = self.r.random()
            if r < 0.2:
                lines.append(T(self.filler(loc, (6, 16))))
            elif r < 0.3:
                cell = T(self.filler(loc) + " ")
                self.secret_mention(cell)
                lines.append(cell)
            elif r < 0.85:
                cell = T("")
                if self.g.chance(0.5):
                    cell.add(self.filler(loc) + " ")
                k = 1 if self.g.chance(0.75) else 2
                for j in range(k):
                    ent = self.r.choice(["EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IP_ADDRESS", "MAC_ADDRESS"] + ids * 3)
                    if j:
                        cell.add(" ")
                    self.mention(cell, loc, ent, self.g.entity(ent, loc))
                lines.append(cell)
            else:
                cell = T(self.filler(loc) + " ")
                kind = self.r.choice(NEG_NUMERIC + NEG_HEX + ([BAD_IDS[loc]] if loc in BAD_IDS else []) + ["luhn_fail_card", "bad_iban"])
                self.neg_mention(cell, loc, kind, self.g.negative(kind, loc))
                lines.append(cell)
        return lines

    # business and account identifiers (EXTRA_ORACLE) ------------------------------
    BUSINESS_HEADER = ["record_id", "holder"] + list(EXTRA_COLUMNS) + ["notes"]

    def business_rows(self, n: int):
        rows = []
        for i in range(n):
            loc = self.any_loc()
            row = {"record_id": T(f"REC-{i:05d}"), "holder": T(self.g.fk[loc].name())}
            for col, ent in EXTRA_COLUMNS.items():
                c = self.r.random()
                if c < 0.55:
                    row[col] = P(self.g.extra_id(ent), ent)
                elif c < 0.8:
                    row[col] = N(self.g.bad_extra_id(ent), "bad_" + ent.lower())
                else:
                    row[col] = None
            note = None
            if self.g.chance(0.5):
                ent = self.r.choice(list(EXTRA_ORACLE))
                note = T(self.filler(loc) + " ")
                note.add(self.r.choice(EXTRA_CONTEXT[ent]) + ": ").pos(self.g.extra_id(ent), ent)
                note.add(".")
            row["notes"] = note
            rows.append(row)
        return rows

    # shared, multi-locale tables --------------------------------------------------
    def any_loc(self):
        return self.r.choice(self.locales)

    TXN_HEADER = ["txn_id", "order_number", "created_at", "amount", "currency", "card_number", "iban", "customer_email",
                  "receipt_sha256", "status", "notes"]

    def txn_rows(self, n: int):
        rows = []
        for _ in range(n):
            loc = self.any_loc()
            card = (P(self.g.card(), "CREDIT_CARD") if self.g.chance(0.85) else N(self.g.negative("luhn_fail_card", loc), "luhn_fail_card"))
            ib = None
            if self.g.chance(0.5):
                ib = P(self.g.iban(loc), "IBAN") if self.g.chance(0.8) else N(self.g.negative("bad_iban", loc), "bad_iban")
            rows.append({
                "txn_id": N(self.g.negative("uuid"), "uuid"),
                "order_number": N(self.g.negative("order_number", loc), "order_number"),
                "created_at": N(self.g.negative("date", loc), "date"),
                "amount": f"{self.r.uniform(1, 2500):.2f}",
                "currency": self.r.choice(["EUR", "USD", "GBP", "BRL", "INR", "SEK", "PLN", "CNY"]),
                "card_number": self.maybe(card, 0.95),
                "iban": ib,
                "customer_email": self.maybe(P(self.g.email(loc), "EMAIL"), 0.8),
                "receipt_sha256": N(self.g.negative("sha256"), "sha256"),
                "status": self.r.choice(["captured", "refunded", "declined", "pending"]),
                "notes": self.maybe(self.note(loc, p_pos=0.2, p_neg=0.3), 0.5),
            })
        return rows

    SETTINGS_HEADER = ["service", "env", "owner_email", "updated_at", "version", "commit", "checksum", "host_ip",
                       "key_name", "key_value"]

    def setting_value(self, sep: str, force_name: str | None = None):
        """(key_name, Cell) for the key_name/key_value pair; sep is how the
        two appear next to each other in the file (for the oracle check)."""
        if force_name:
            v, rule, name = self.g.checked_secret(lambda v, name: f"{name}{sep}{v}\n", "generic-api-key", force_name)
            return name, P(v, "SECRET", rule)
        r = self.r.random()
        if r < 0.72:
            v, rule, name = self.g.checked_secret(lambda v, name: f"{name}{sep}{v}\n")
            return name, P(v, "SECRET", rule)
        if r < 0.86:
            name, v = self.r.choice(PLACEHOLDERS)
            return name, N(v, "placeholder_secret")
        if r < 0.93:
            return self.r.choice(["idempotency_key", "request_token_id", "cache_key"]), N(self.g.negative("uuid"), "uuid")
        kind = self.r.choice(["sha1", "sha256", "md5"])
        return self.r.choice(["cache_key", "content_hash", "etag_key"]), N(self.g.negative(kind), kind)

    def settings_rows(self, n: int):
        rows = []
        pending = None
        for _ in range(n):
            loc = self.any_loc()
            name, val = self.setting_value(",", pending)
            # an AWS key id is usually stored with its secret access key
            pending = "aws_secret_access_key" if name == "aws_access_key_id" and val.plants[0].kind == "SECRET" and self.g.chance(0.8) else None
            rows.append({
                "service": self.r.choice(["payments", "search", "auth", "billing", "ingest", "ml-train", "reports"]),
                "env": self.r.choice(["prod", "staging", "dev"]),
                "owner_email": P(self.g.email(loc), "EMAIL"),
                "updated_at": N(self.g.negative("date", loc), "date"),
                "version": N(self.g.negative("version"), "version"),
                "commit": N(self.g.negative("git_commit"), "git_commit"),
                "checksum": N(self.g.negative("sha256"), "sha256") if self.g.chance(0.6) else N(self.g.negative("md5"), "md5"),
                "host_ip": self.maybe(P(self.g.ip(), "IP_ADDRESS"), 0.7),
                "key_name": name,
                "key_value": val,
            })
        return rows

    def event_records(self, n: int):
        recs = []
        for _ in range(n):
            loc = self.any_loc()
            f = self.g.fk[loc]
            headers = {"User-Agent": f.user_agent(), "X-Request-Id": N(self.g.negative("uuid"), "uuid")}
            if self.g.chance(0.4):
                v, rule, _ = self.g.checked_secret(lambda v, n: f'"Authorization": "Bearer {v}"', "jwt")
                headers["Authorization"] = T("Bearer ").pos(v, "SECRET", rule)
            elif self.g.chance(0.15):
                v, rule, _ = self.g.checked_secret(lambda v, n: f'"x-api-key": "{v}"', "generic-api-key")
                headers["x-api-key"] = P(v, "SECRET", rule)
            msg = self.note(loc, p_pos=0.4, p_neg=0.4, secrets=True)
            rec = {
                "ts": N(self.g.negative("date", loc), "date"),
                "level": self.r.choice(["INFO", "WARN", "ERROR", "DEBUG"]),
                "request_id": N(self.g.negative("uuid"), "uuid"),
                "http": {"method": self.r.choice(["GET", "POST", "PUT"]),
                         "path": f"/api/v{self.r.randint(1, 3)}/orders/{self.r.randint(1000, 99999)}",
                         "status": self.r.choice([200, 201, 400, 401, 403, 500]),
                         "client_ip": P(self.g.ip(), "IP_ADDRESS"), "headers": headers},
                "user": {"email": P(self.g.email(loc), "EMAIL")} if self.g.chance(0.6) else None,
                "build": {"commit": N(self.g.negative("git_commit"), "git_commit"), "version": N(self.g.negative("version"), "version")},
                "message": msg,
            }
            recs.append(rec)
        return recs

    def config_records(self, n: int):
        recs = []
        for _ in range(n):
            loc = self.any_loc()
            creds = {}
            for _k in range(self.r.randint(1, 3)):
                rr = self.r.random()
                if rr < 0.78:
                    v, rule, name = self.g.checked_secret(lambda v, name: json.dumps({name: v})[1:-1])
                    creds[name] = P(v, "SECRET", rule)
                    if rule == "aws-access-token" and self.g.chance(0.8):
                        v, rule, name = self.g.checked_secret(lambda v, name: json.dumps({name: v})[1:-1],
                                                              "generic-api-key", "aws_secret_access_key")
                        creds[name] = P(v, "SECRET", rule)
                elif rr < 0.9:
                    name, v = self.r.choice(PLACEHOLDERS)
                    creds[name] = N(v, "placeholder_secret")
                else:
                    creds["idempotency_key"] = N(self.g.negative("uuid"), "uuid")
            rec = {
                "service": self.r.choice(["payments", "search", "auth", "billing", "ingest", "ml-train"]),
                "env": self.r.choice(["prod", "staging"]),
                "build": {"version": N(self.g.negative("version"), "version"), "commit": N(self.g.negative("git_commit"), "git_commit"),
                          "artifact_sha256": N(self.g.negative("sha256"), "sha256")},
                "credentials": creds,
                "owner": P(self.g.email(loc), "EMAIL"),
                "thumbnail": T("data:image/png;base64,").neg(self.g.negative("low_entropy_base64"), "low_entropy_base64") if self.g.chance(0.2) else None,
            }
            recs.append(rec)
        return recs

    def markdown(self, n_sections: int) -> list[Cell]:
        lines: list[Cell] = [T("# Operations runbook"), T("")]
        for s in range(n_sections):
            loc = self.any_loc()
            f = self.g.fk[loc]
            svc = self.r.choice(["payments", "search", "auth", "billing", "ingest"])
            lines.append(T(f"## {svc} ({self.r.choice(['prod', 'staging'])})"))
            lines.append(T(""))
            lines.append(T("- version: ").neg(self.g.negative("version"), "version"))
            lines.append(T("- commit: ").neg(self.g.negative("git_commit"), "git_commit"))
            lines.append(T("- image: registry.local/" + svc + "@sha256:").neg(self.g.negative("sha256"), "sha256"))
            lines.append(T("- on call: " + f.name() + " <").pos(self.g.email(loc), "EMAIL").add(">, ").pos(self.g.phone(loc), "PHONE"))
            lines.append(T(""))
            lines.append(T(self.filler(loc, (8, 18))))
            lines.append(T(""))
            r = self.r.random()
            if r < 0.3:
                lines.append(T("```"))
                pem, rule, _ = self.g.checked_secret(lambda v, n: v + "\n", "private-key")
                lines.append(P(pem, "SECRET", rule))
                lines.append(T("```"))
            elif r < 0.85:
                lines.append(T("```bash"))
                for _ in range(self.r.randint(1, 3)):
                    rr = self.r.random()
                    if rr < 0.8:
                        v, rule, name = self.g.checked_secret(lambda v, name: f"export {name.upper().replace('-', '_')}={v}\n")
                        lines.append(T(f"export {name.upper().replace('-', '_')}=").pos(v, "SECRET", rule))
                        if rule == "aws-access-token" and self.g.chance(0.8):
                            v, rule, _ = self.g.checked_secret(lambda v, name: f"export AWS_SECRET_ACCESS_KEY={v}\n",
                                                               "generic-api-key", "aws_secret_access_key")
                            lines.append(T("export AWS_SECRET_ACCESS_KEY=").pos(v, "SECRET", rule))
                    else:
                        name, v = self.r.choice(PLACEHOLDERS)
                        lines.append(T(f"export {name.upper()}=").neg(v, "placeholder_secret"))
                lines.append(T("```"))
            else:
                lines.append(T("```yaml"))
                v, rule, name = self.g.checked_secret(lambda v, name: f"  {name}: \"{v}\"\n")
                lines.append(T(f"  {name}: \"").pos(v, "SECRET", rule).add('"'))
                lines.append(T("  request_id: ").neg(self.g.negative("uuid"), "uuid"))
                lines.append(T("```"))
            lines.append(T(""))
            lines.append(self.note(loc, p_pos=0.5, p_neg=0.5))
            lines.append(T(""))
        return lines

    def chat_lines(self, n: int) -> list[Cell]:
        lines = []
        for _ in range(n):
            loc = self.any_loc()
            f = self.g.fk[loc]
            cell = T(f"[{self.g.negative('date', 'en_US')}] {f.first_name()}: ")
            r = self.r.random()
            if r < 0.35:
                cell.add(self.r.choice(["here is the key ", "use ", "temp creds: ", "pasting the token "]))

                v, rule, name = self.g.checked_secret(lambda v, name: cell.text + v + " ")
                cell.pos(v, "SECRET", rule)
                if rule == "aws-access-token" and self.g.chance(0.7):
                    cell.add(" secret=")
                    v, rule, _ = self.g.checked_secret(lambda v, name: f"{cell.text}{v} ", "generic-api-key", "aws_secret_access_key")
                    cell.pos(v, "SECRET", rule)
                cell.add(self.r.choice([" ", " thanks", " - don't share"]))
            elif r < 0.55:
                kind = self.r.choice(NEG_HEX + ["low_entropy_base64"])
                self.neg_mention(cell, loc, kind, self.g.negative(kind, loc))
            elif r < 0.65:
                name, v = self.r.choice(PLACEHOLDERS)
                cell.add(f"set {name}=").neg(v, "placeholder_secret").add(" in your .env")
            else:
                cell = self.note(loc, p_pos=0.6, p_neg=0.3)
            lines.append(cell)
        return lines


# ---------------------------------------------------------------------------
# Eval set
# ---------------------------------------------------------------------------


def rows_to_columns(rows: list[dict], header: list[str]) -> dict[str, list]:
    return {h: [r.get(h) for r in rows] for h in header}


def build_eval(out: Path, seed: int, rows: int, locales: list[str]) -> dict:
    files = out / "files"
    if files.exists():
        shutil.rmtree(files)
    for d in ("csv", "jsonl", "parquet", "text"):
        (files / d).mkdir(parents=True, exist_ok=True)
    gen = Gen(seed, locales)
    b = Builder(gen, locales)
    labels = Labels()

    for loc in locales:
        crows = b.customer_rows(loc, rows)
        write_csv(files, f"csv/customers_{loc}.csv", Builder.CUSTOMER_HEADER,
                  [[r[h] for h in Builder.CUSTOMER_HEADER] for r in crows], labels)
        write_jsonl(files, f"jsonl/users_{loc}.jsonl", b.users_records(loc, rows), labels, compact=gen.chance(0.5))
        prow = b.customer_rows(loc, rows)
        cols = rows_to_columns(prow, [h for h in Builder.CUSTOMER_HEADER if h not in ("email", "phone")])
        cols["contact"] = [{"email": r["email"], "phone": r["phone"]} for r in prow]
        cols["balance"] = [float(r["balance"].text) for r in prow]
        write_parquet(files, f"parquet/customers_{loc}.parquet", cols, labels)
        write_text(files, f"text/notes_{loc}.txt", b.text_lines(loc, 2 * rows), labels)

    shared = max(rows * 3, 30)
    write_csv(files, "csv/transactions.csv", Builder.TXN_HEADER,
              [[r[h] for h in Builder.TXN_HEADER] for r in b.txn_rows(shared)], labels)
    write_csv(files, "csv/settings.csv", Builder.SETTINGS_HEADER,
              [[r[h] for h in Builder.SETTINGS_HEADER] for r in b.settings_rows(shared)], labels)
    write_jsonl(files, "jsonl/events.jsonl", b.event_records(shared), labels)
    write_jsonl(files, "jsonl/config.jsonl", b.config_records(shared), labels, compact=True)
    srows = b.settings_rows(shared)
    # Parquet has no line context: name the value column after the key.
    pcols = rows_to_columns(srows, [h for h in Builder.SETTINGS_HEADER if h not in ("key_name", "key_value")])
    pcols["api_key"] = []
    for r in srows:
        pcols["api_key"].append(r["key_value"] if r["key_name"] in {k[2] for k in Gen.SECRET_KINDS} | set(Gen.GENERIC_NAMES) else None)
    write_parquet(files, "parquet/settings.parquet", pcols, labels)
    write_text(files, "text/runbook.md", b.markdown(max(rows // 2, 8)), labels)
    write_text(files, "text/chat_export.txt", b.chat_lines(shared), labels)
    # Last, so that every file above stays as it was before this table existed.
    brows = b.business_rows(shared)
    write_csv(files, "csv/business_ids.csv", Builder.BUSINESS_HEADER,
              [[r[h] for h in Builder.BUSINESS_HEADER] for r in brows], labels)
    write_parquet(files, "parquet/business_ids.parquet", rows_to_columns(brows, Builder.BUSINESS_HEADER), labels)

    check_labels(files, labels)
    with open(out / "labels.jsonl", "w") as fh:
        for rec in labels.pos:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    with open(out / "negatives.jsonl", "w") as fh:
        for rec in labels.neg:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    manifest = make_manifest(files, labels, seed, rows, locales)
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return manifest


def check_labels(files: Path, labels: Labels):
    """Re-read every file and confirm each label's span holds its value;
    confirm each SECRET is reported by its gitleaks rule in the file text."""
    cache: dict[str, bytes] = {}
    tables: dict[str, dict] = {}
    for rec in labels.pos + labels.neg:
        path = files / rec["file"]
        if rec["format"] == "parquet":
            if rec["file"] not in tables:
                tables[rec["file"]] = pq.read_table(path).to_pylist()
            row = tables[rec["file"]][rec["row"] - 1]
            col = rec["column"]
            cell = row[col.split(".")[0]]
            if "." in col:
                cell = cell[col.split(".", 1)[1]]
            got = cell.encode()[rec["start"] : rec["end"]].decode()
            assert got == rec["value"], (rec, got)
            continue
        data = cache.setdefault(rec["file"], path.read_bytes())
        got = data[rec["start"] : rec["end"]].decode()
        want = rec["value"]
        if rec["format"] == "jsonl":
            want = json.dumps(want, ensure_ascii=False)[1:-1] if not got.isdigit() else want
        elif rec["format"] == "csv" and '"' in want:
            want = want.replace('"', '""')
        assert got == want, (rec, got)
        if rec["format"] == "text":
            assert data[: rec["start"]].count(b"\n") + 1 == rec["row"], rec
    # secrets: gitleaks (the oracle) must report each one where it was planted
    by_file: dict[str, list] = {}
    for rec in labels.pos:
        if rec["entity"] == "SECRET" and rec["format"] != "parquet":
            by_file.setdefault(rec["file"], []).append(rec)
    for rel, recs in by_file.items():
        text = cache[rel].decode()
        spans = []
        for rule, secret, s, e in gitleaks_secrets(text):
            spans.append((rule, _blen(text[:s]), _blen(text[:e])))
        for rec in recs:
            ok = any(rule == rec["rule"] and s < rec["end"] and rec["start"] < e for rule, s, e in spans)
            assert ok, f"gitleaks rule {rec['rule']} does not report {rec['value']!r} in {rel} row {rec['row']}"


def make_manifest(files: Path, labels: Labels, seed: int, rows: int, locales: list[str]) -> dict:
    from importlib.metadata import version

    per_entity = Counter(r["entity"] for r in labels.pos)
    per_format = Counter(r["format"] for r in labels.pos)
    per_entity_format = Counter(f"{r['entity']}/{r['format']}" for r in labels.pos)
    neg_kinds = Counter(r["kind"] for r in labels.neg)
    rules = Counter(r.get("rule") for r in labels.pos if r["entity"] == "SECRET")
    sizes = {str(p.relative_to(files)): p.stat().st_size for p in sorted(files.rglob("*")) if p.is_file()}
    return {
        "generator": "bench/data/gen_eval.py",
        "seed": seed,
        "rows": rows,
        "locales": locales,
        "versions": {k: version(k) for k in ("faker", "python-stdnum", "phonenumbers", "pyarrow")},
        "positives": len(labels.pos),
        "negatives": len(labels.neg),
        "entities": dict(sorted(per_entity.items())),
        "formats": dict(sorted(per_format.items())),
        "entity_format": dict(sorted(per_entity_format.items())),
        "negative_kinds": dict(sorted(neg_kinds.items())),
        "secret_rules": dict(sorted(rules.items())),
        "total_bytes": sum(sizes.values()),
        "files": sizes,
    }


# ---------------------------------------------------------------------------
# Benchmark corpora
# ---------------------------------------------------------------------------


class Pools:
    """Pre-generated values, so that corpora of hundreds of MB are assembled
    by sampling instead of calling Faker per cell."""

    def __init__(self, gen: Gen, n: int):
        b = Builder(gen)
        self.r = gen.rng
        locs = list(LOCALES)
        self.names = [gen.fk[self.r.choice(locs)].name() for _ in range(n)]
        self.cities = [gen.fk[self.r.choice(locs)].city() for _ in range(n // 4)]
        self.words = [gen.fk["en_US"].word() for _ in range(n // 4)]
        self.sentences = [gen.fk[self.r.choice(locs)].sentence(nb_words=self.r.randint(5, 14)) for _ in range(n)]
        self.dates = [gen.negative("date") for _ in range(n // 2)]
        self.uuids = [gen.negative("uuid") for _ in range(n)]
        self.pii: dict[str, list[str]] = {}
        per = max(n // 8, 50)
        for ent in ["EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IP_ADDRESS", "MAC_ADDRESS"]:
            self.pii[ent] = [gen.entity(ent, self.r.choice(locs)) for _ in range(per)]
        for ent in NATIONAL_IDS:
            self.pii[ent] = [gen.national_id(ent) for _ in range(per // 4)]
        self.pii["SECRET"] = [gen.secret(rl)[0] for rl in
                              [k[0] for k in Gen.SECRET_KINDS if k[0] != "private-key"] * max(per // 40, 2)]
        self.secret_lines = []
        for _ in range(per // 4):
            v, rule, name = gen.secret()
            if rule == "private-key":
                continue
            self.secret_lines.append(f"{name}={v}")
        self.ents = list(self.pii)
        del b

    def pick(self, seq):
        return seq[self.r.randrange(len(seq))]

    def pii_value(self) -> str:
        return self.pick(self.pii[self.pick(self.ents)])


def _csv_field(s: str) -> str:
    return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',"\n\r') else s


def build_corpus(out: Path, kind: str, size_mb: float, seed: int, formats: list[str]) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    gen = Gen(seed, list(LOCALES))
    pools = Pools(gen, 4000)
    r = pools.r
    target = int(size_mb * 1024 * 1024)
    pick = pools.pick
    stats = {}
    p_pii = 0.001  # clean: fraction of cells holding PII or a secret

    def clean_row():
        cells = [
            f"ORD-{r.randint(2019, 2026)}-{r.randint(0, 999999):06d}",
            f"SKU-{r.randint(1000, 9999)}",
            f"{pick(pools.words)} {pick(pools.words)}".title(),
            r.choice(["books", "garden", "toys", "electronics", "grocery", "apparel"]),
            str(r.randint(1, 12)),
            f"{r.uniform(1, 500):.2f}",
            r.choice(["EUR", "USD", "GBP", "SEK"]),
            pick(pools.cities),
            r.choice(["shipped", "pending", "returned", "cancelled"]),
            pick(pools.dates),
            pick(pools.uuids),
            pick(pools.sentences),
        ]
        n_pii = 0
        for i in range(len(cells)):
            if r.random() < p_pii:
                n_pii += 1
                if i == len(cells) - 1:
                    cells[i] = f"{cells[i]} {pools.pii_value()}" if r.random() < 0.8 else f"{cells[i]} {pick(pools.secret_lines)}"
                else:
                    cells[i] = pools.pii_value()
        return cells, n_pii

    def dense_row():
        cells = [
            pick(pools.names),
            pick(pools.pii["EMAIL"]),
            pick(pools.pii["PHONE"]),
            pick(pools.pii[r.choice(NATIONAL_IDS)]),
            pick(pools.pii["CREDIT_CARD"]),
            pick(pools.pii["IBAN"]),
            pick(pools.pii["IP_ADDRESS"]),
            pick(pools.pii["MAC_ADDRESS"]),
            pick(pools.secret_lines),
            f"{pick(pools.sentences)} {pools.pii_value()}",
        ]
        return cells, 9

    clean_header = ["order_id", "sku", "product", "category", "quantity", "unit_price", "currency", "warehouse_city",
                    "status", "created_at", "tracking_id", "comment"]
    dense_header = ["customer_name", "email", "phone", "national_id", "card_number", "iban", "last_ip", "device_mac",
                    "credential", "notes"]
    header = clean_header if kind == "clean" else dense_header
    make = clean_row if kind == "clean" else dense_row

    for fmt in formats:
        path = out / f"corpus-{kind}.{fmt}"
        rows = cells_total = pii_cells = 0
        size = 0
        with open(path, "w", encoding="utf-8", newline="") as fh:
            if fmt == "csv":
                line = ",".join(header) + "\n"
                fh.write(line)
                size += _blen(line)
            chunk = []
            while size < target:
                cells, n_pii = make()
                rows += 1
                cells_total += len(cells)
                pii_cells += n_pii
                if fmt == "csv":
                    line = ",".join(_csv_field(c) for c in cells) + "\n"
                elif kind == "clean":
                    line = json.dumps({"order": {"id": cells[0], "status": cells[8], "created_at": cells[9], "tracking_id": cells[10]},
                                       "lines": [{"sku": cells[1], "product": cells[2], "category": cells[3], "qty": cells[4],
                                                  "unit_price": cells[5], "currency": cells[6]}],
                                       "warehouse": {"city": cells[7]}, "comment": cells[11]}, ensure_ascii=False) + "\n"
                else:
                    line = json.dumps({"customer": {"name": cells[0], "contact": {"email": cells[1], "phones": [cells[2]]},
                                                    "national_id": cells[3]},
                                       "payment": {"card": cells[4], "iban": cells[5]},
                                       "session": {"ip": cells[6], "mac": cells[7]},
                                       "config": cells[8], "notes": cells[9]}, ensure_ascii=False) + "\n"
                chunk.append(line)
                size += _blen(line)
                if len(chunk) >= 2000:
                    fh.write("".join(chunk))
                    chunk.clear()
            fh.write("".join(chunk))
        stats[path.name] = {"bytes": path.stat().st_size, "rows": rows, "cells": cells_total, "pii_cells": pii_cells}
    manifest = {"generator": "bench/data/gen_eval.py", "corpus": kind, "seed": seed, "size_mb": size_mb, "files": stats}
    (out / f"corpus-{kind}.manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


# ---------------------------------------------------------------------------


def main(argv=None) -> int:
    # Some Faker providers (it_IT cities, ...) draw from sets, whose order
    # depends on string hashing: fix the hash seed so the output depends on
    # --seed alone.
    if argv is None and os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="See bench/data/README.md.")
    ap.add_argument("--out", type=Path, default=Path("/tmp/mlsec-data-eval"), help="output directory (default %(default)s)")
    ap.add_argument("--seed", type=int, default=20240611, help="random seed (default %(default)s)")
    ap.add_argument("--rows", type=int, default=30,
                    help="rows per locale table (default %(default)s); locale text files get 2x lines, shared files 3x rows")
    ap.add_argument("--locales", default=",".join(LOCALES), help="comma-separated locales (default: all)")
    ap.add_argument("--corpus", choices=["clean", "dense"], help="write a benchmark corpus instead of the eval set")
    ap.add_argument("--size-mb", type=float, default=50, help="corpus size per file in MB (default %(default)s)")
    ap.add_argument("--formats", default="csv,jsonl", help="corpus formats (default %(default)s)")
    args = ap.parse_args(argv)

    t0 = time.time()
    if args.corpus:
        m = build_corpus(args.out, args.corpus, args.size_mb, args.seed, args.formats.split(","))
        for name, st in m["files"].items():
            print(f"{args.out / name}: {st['bytes'] / 1e6:.1f} MB, {st['rows']} rows, {st['pii_cells']}/{st['cells']} PII cells")
    else:
        locales = [l for l in args.locales.split(",") if l]
        unknown = [l for l in locales if l not in LOCALES]
        if unknown:
            ap.error(f"unknown locale(s) {unknown}; known: {', '.join(LOCALES)}")
        m = build_eval(args.out, args.seed, args.rows, locales)
        print(f"{args.out}: {len(m['files'])} files, {m['total_bytes'] / 1e6:.2f} MB, "
              f"{m['positives']} positives, {m['negatives']} hard negatives")
        for ent, n in m["entities"].items():
            print(f"  {ent:18} {n}")
    print(f"done in {time.time() - t0:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
