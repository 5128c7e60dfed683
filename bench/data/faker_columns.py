#!/usr/bin/env python3
"""Recall of `mlsec scan` on Faker's own values under the column names people use.

What it measures: for 53 Faker locales, one CSV each of 60 rows with a
person's name, address, phone number, e-mail, birth date, card number and
IBAN, written as Faker writes them (not re-formatted, not filtered to what
`phonenumbers` calls valid), under column names that change from locale to
locale (`Full Name`, `customer`, `author`, `Home Address`, `location`,
`Mobile`, `cell`, `contact_number`, `Born`, `DateOfBirth`, `PAN`, ...).
`mlsec scan DIR --format json --per-value` reads them all; the script
prints, per entity, how many values were found as that entity, and per
locale and column what was missed, with two examples.

It complements `gen_eval.py` (values planted with an oracle, and hard
negatives) and `locale_ids.py` (national identifiers): here the question is
whether a column a person would read as names, phones or addresses is found
whatever it is called and however the generator wrote its values.

Labels: every value is labelled with its column's entity, except IBANs
that python-stdnum rejects (Faker writes some with a foreign country's
length) and phone numbers, which are counted twice: all of them, and those
`phonenumbers` calls valid in the locale's region.

    PY=$(bench/data/setup-peers.sh | tail -1)
    $PY bench/data/faker_columns.py --mlsec-bin target/release/mlsec [--out DIR] [--names 0|1] [--presidio]
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

LOCALES = [
    "en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pt_BR", "pt_PT", "pl_PL", "sv_SE",
    "da_DK", "fi_FI", "no_NO", "cs_CZ", "hu_HU", "ro_RO", "tr_TR", "ru_RU", "uk_UA", "ja_JP", "zh_CN",
    "ko_KR", "en_IN", "en_AU", "en_CA", "es_MX", "he_IL", "el_GR", "de_AT", "de_CH", "fr_CH", "nl_BE",
    "en_IE", "en_NZ", "id_ID", "th_TH", "vi_VN", "en_PH", "es_CO", "es_AR", "es_CL", "sk_SK", "sl_SI",
    "hr_HR", "bg_BG", "lt_LT", "lv_LV", "et_EE", "ar_SA", "fa_IR", "bn_BD", "zh_TW",
]  # fmt: skip

#: Two sets of column names per entity; locale i takes name i % 6 of the set.
NAMES = [
    {
        "PERSON_NAME": ["Full Name", "customer", "contact_name", "Name", "patient_name", "holder"],
        "POSTAL_ADDRESS": ["Home Address", "address", "shipping_address", "Street Address", "mailing address", "billing_addr"],
        "PHONE": ["Mobile", "phone", "Telephone", "contact_number", "cell", "tel"],
        "EMAIL": ["E-mail", "email", "contact", "Email Address", "mail", "login"],
        "DATE_OF_BIRTH": ["Birthdate", "dob", "date_of_birth", "Born", "birthday", "DOB"],
        "CREDIT_CARD": ["Credit Card", "card_number", "cc", "pan", "payment_card", "card"],
        "IBAN": ["IBAN", "iban", "bank_account", "account", "Account Number", "iban_code"],
    },
    {
        "PERSON_NAME": ["name", "Customer Name", "owner", "author", "user", "Contact"],
        "POSTAL_ADDRESS": ["address_line", "Address", "residence", "location", "street", "home"],
        "PHONE": ["phone_number", "PhoneNumber", "Phone #", "mobile_no", "work_phone", "Contact Phone"],
        "EMAIL": ["email_address", "EmailAddress", "e_mail", "user_email", "contact_email", "Email"],
        "DATE_OF_BIRTH": ["DateOfBirth", "birth_date", "Date of Birth", "dob", "birthDate", "BirthDate"],
        "CREDIT_CARD": ["credit_card_number", "CardNumber", "cc_number", "ccnum", "card_no", "PAN"],
        "IBAN": ["iban", "IBAN Number", "bank_iban", "account_iban", "payout_iban", "Iban"],
    },
]  # fmt: skip

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%B %d, %Y"]


def value(f, entity: str, rng: random.Random) -> str:
    if entity == "PERSON_NAME":
        return f.name()
    if entity == "POSTAL_ADDRESS":
        return f.address().replace("\n", ", ")
    if entity == "PHONE":
        return f.phone_number()
    if entity == "EMAIL":
        return f.email()
    if entity == "DATE_OF_BIRTH":
        return f.date_of_birth().strftime(rng.choice(DATE_FORMATS))
    if entity == "CREDIT_CARD":
        return f.credit_card_number()
    if entity == "IBAN":
        return f.iban()
    raise ValueError(entity)


def value_or_blank(f, entity: str, rng: random.Random) -> str:
    """`value`, or blank where the locale has no such provider (blank
    values are not labelled)."""
    try:
        return value(f, entity, rng)
    except AttributeError:
        return ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--mlsec-bin", default=os.environ.get("MLSEC_BIN", "target/release/mlsec"))
    ap.add_argument("--rows", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--names", type=int, choices=[0, 1], default=None, help="one set of column names (default: both)")
    ap.add_argument("--out", type=Path, help="directory for the CSV files (default: a temporary one)")
    ap.add_argument(
        "--presidio",
        action="store_true",
        help="also run Presidio's analyzer (score.py's default recognizers on spacy.blank) on each labelled value alone",
    )
    args = ap.parse_args()

    presidio = None
    if args.presidio:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from score import PRESIDIO_MAP, build_presidio

        engine, _ = build_presidio(False)

        def presidio(v: str) -> set[str]:
            return {PRESIDIO_MAP.get(r.entity_type, r.entity_type) for r in engine.analyze(text=v, language="en")}

    p_found = collections.Counter()

    import faker
    import phonenumbers
    from stdnum import iban

    warnings.filterwarnings("ignore")
    sets = [args.names] if args.names is not None else [0, 1]
    totals = collections.Counter()
    found_total = collections.Counter()
    valid_phones = [0, 0]
    for s in sets:
        out = (args.out or Path(tempfile.mkdtemp(prefix="mlsec-faker-columns-"))) / f"names-{s}"
        out.mkdir(parents=True, exist_ok=True)
        rng = random.Random(args.seed + s)
        planted = {}
        for li, loc in enumerate(LOCALES):
            f = faker.Faker(loc)
            f.seed_instance(args.seed * 1000 + s * 100 + li)
            cols = {e: names[li % len(names)] for e, names in NAMES[s].items()}
            rows = [{cols[e]: value_or_blank(f, e, rng) for e in cols} for _ in range(args.rows)]
            with open(out / f"{loc}.csv", "w", newline="", encoding="utf-8") as fh:
                w = csv.DictWriter(fh, fieldnames=list(cols.values()))
                w.writeheader()
                w.writerows(rows)
            planted[loc] = (cols, rows)
        r = subprocess.run(
            [args.mlsec_bin, "scan", str(out), "--format", "json", "--per-value"],
            capture_output=True,
            text=True,
            check=False,
        )
        if r.returncode not in (0, 1):
            sys.exit(f"mlsec failed ({r.returncode}): {r.stderr}")
        report = json.loads(r.stdout)
        # (locale, column) -> {(row, entity)}
        got: dict[tuple[str, str], set] = collections.defaultdict(set)
        for fr in report["files"]:
            loc = Path(fr["path"]).stem
            for x in fr["findings"]:
                loc_ = x.get("location", {})
                if loc_.get("column") is not None and x.get("data"):
                    got[(loc, loc_["column"])].add((loc_.get("row"), x["data"]["entity"]))
        print(f"## column names, set {s}\n")
        for li, loc in enumerate(LOCALES):
            cols, rows = planted[loc]
            region = loc.split("_")[1]
            lines = []
            for e, c in cols.items():
                rows_found = {row for (row, ent) in got[(loc, c)] if ent == e}
                labelled = [
                    i
                    for i, row in enumerate(rows, 1)
                    if row[c] and (e != "IBAN" or iban.is_valid(row[c]))
                ]
                missed = [rows[i - 1][c] for i in labelled if i not in rows_found]
                if presidio:
                    p_found[e] += sum(1 for i in labelled if e in presidio(rows[i - 1][c]))
                totals[e] += len(labelled)
                found_total[e] += len(labelled) - len(missed)
                if e == "PHONE":
                    for i in labelled:
                        try:
                            ok = phonenumbers.is_valid_number(phonenumbers.parse(rows[i - 1][c], region))
                        except phonenumbers.NumberParseException:
                            ok = False
                        if ok:
                            valid_phones[0] += 1
                            valid_phones[1] += i in rows_found
                if missed:
                    other = collections.Counter(ent for (_, ent) in got[(loc, c)] if ent != e)
                    lines.append(
                        f"  - {e} under `{c}`: {len(labelled) - len(missed)}/{len(labelled)}"
                        + (f", as other entities: {dict(other)}" if other else "")
                        + f"; missed e.g. {missed[:2]}"
                    )
            if lines:
                print(f"- {loc}")
                print("\n".join(lines))
        print()
    head, rule = "| entity | labelled | found as it | recall |", "|---|---:|---:|---:|"
    if presidio:
        head += " Presidio recall |"
        rule += "---:|"
    print(f"{head}\n{rule}")
    for e in NAMES[0]:
        n, k = totals[e], found_total[e]
        extra = f" {p_found[e] / n if n else 0:.3f} |" if presidio else ""
        print(f"| {e} | {n} | {k} | {k / n if n else 0:.3f} |{extra}")
    n, k = valid_phones
    print(f"| PHONE (valid per phonenumbers) | {n} | {k} | {k / n if n else 0:.3f} |" + (" |" if presidio else ""))
    if presidio:
        print("\nPresidio runs on spacy.blank(\"en\"): it has no model for names and addresses, and dates are DATE_TIME.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
