#!/usr/bin/env python3
"""Recall of `mlsec scan` on the national identifiers Faker writes, locale by locale.

What it measures: for every Faker locale whose `ssn()` (or, for ru_RU,
`individuals_inn()`) writes a checksummed identifier, this script draws
values, keeps those that the matching python-stdnum module accepts (the
oracle; the Taiwanese number, which stdnum has no module for, is checked
against the published check digit written out below), and writes one CSV
per locale with a `customer_name` and a `national_id` column. One
`mlsec scan DIR --format json --per-value` then reads them all, and the
script prints, per locale, how many values were found at all and how many
as the expected entity. Presidio's analyzer (its default pattern
recognizers on `spacy.blank("en")`, as `score.py` builds it; each value
analysed on its own, as `score.py` does for a CSV cell) runs on the same
values unless `--no-presidio`: "found" counts any entity it reports,
"as the entity" one that `score.py`'s PRESIDIO_MAP maps to the expected one.

Each locale gets a file of its own, as a dataset of one country would be:
mlsec weighs a kind of the country the rest of the file points to above a
foreign one.

    PY=$(bench/data/setup-peers.sh | tail -1)
    $PY bench/data/locale_ids.py --mlsec-bin target/release/mlsec [--n 200] [--out DIR]

Locales whose Faker `ssn()` falls back to the US format, or writes values
no stdnum module accepts (e.g. ko_KR, ru_RU's `ssn()`), are not listed.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def tw_national_id(v: str) -> bool:
    """Taiwanese national id: letter (10-35 in this order), sex digit, seven
    digits, check digit; weights 1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1."""
    letters = "ABCDEFGHJKLMNPQRSTUVXYWZIO"
    if len(v) != 10 or v[0] not in letters or not v[1:].isdigit() or v[1] not in "1289":
        return False
    n = letters.index(v[0]) + 10
    digits = [n // 10, n % 10] + [int(c) for c in v[1:]]
    return sum(d * w for d, w in zip(digits, [1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1])) % 10 == 0


def specs():
    """(locale, expected entity, value maker name, oracle)."""
    from stdnum.ar import cuit
    from stdnum.at import vnr
    from stdnum.be import nn
    from stdnum.br import cpf
    from stdnum.ca import sin
    from stdnum.ch import ssn as ch_ssn
    from stdnum.cn import ric
    from stdnum.ee import ik
    from stdnum.fi import hetu
    from stdnum.fr import nir
    from stdnum.gr import amka
    from stdnum.hr import oib
    from stdnum.il import idnr
    from stdnum.it import codicefiscale
    from stdnum.lv import pvn
    from stdnum.nl import bsn
    from stdnum.no import fodselsnummer
    from stdnum.pl import pesel
    from stdnum.ro import cnp
    from stdnum.ru import inn
    from stdnum.se import personnummer
    from stdnum.si import emso
    from stdnum.th import pin
    from stdnum.tr import tckimlik
    from stdnum.ua import rntrc
    from stdnum.us import ssn

    def ok(mod):
        def check(v: str) -> bool:
            try:
                return bool(mod.is_valid(v))
            except Exception:
                return False

        return check

    return [
        ("en_US", "US_SSN", "ssn", ok(ssn)),
        ("en_CA", "CA_SIN", "ssn", ok(sin)),
        ("pt_BR", "BR_CPF", "ssn", ok(cpf)),
        ("es_AR", "AR_CUIT", "ssn", ok(cuit)),
        ("fr_FR", "FR_NIR", "ssn", ok(nir)),
        ("it_IT", "IT_FISCAL_CODE", "ssn", ok(codicefiscale)),
        ("nl_NL", "NL_BSN", "ssn", ok(bsn)),
        ("nl_BE", "BE_NATIONAL_NUMBER", "ssn", ok(nn)),
        ("de_CH", "CH_AHV", "ssn", ok(ch_ssn)),
        ("de_AT", "AT_SVNR", "ssn", ok(vnr)),
        ("pl_PL", "PL_PESEL", "ssn", ok(pesel)),
        ("sv_SE", "SE_PERSONNUMMER", "ssn", ok(personnummer)),
        ("no_NO", "NO_FODSELSNUMMER", "ssn", ok(fodselsnummer)),
        ("fi_FI", "FI_HETU", "ssn", ok(hetu)),
        ("et_EE", "EE_PERSONAL_CODE", "ssn", ok(ik)),
        ("lv_LV", "LV_PERSONAL_CODE", "ssn", ok(pvn)),
        ("hr_HR", "HR_OIB", "ssn", ok(oib)),
        ("ro_RO", "RO_CNP", "ssn", ok(cnp)),
        ("mk_MK", "JMBG", "ssn", ok(emso)),
        ("sr_BA", "JMBG", "ssn", ok(emso)),
        ("el_GR", "GR_AMKA", "ssn", ok(amka)),
        ("tr_TR", "TR_TCKN", "ssn", ok(tckimlik)),
        ("he_IL", "IL_ID", "ssn", ok(idnr)),
        ("uk_UA", "UA_RNOKPP", "ssn", ok(rntrc)),
        ("ru_RU", "RU_INN", "individuals_inn", ok(inn)),
        ("th_TH", "TH_TNIN", "ssn", ok(pin)),
        ("zh_CN", "CN_RESIDENT_ID", "ssn", ok(ric)),
        ("zh_TW", "TW_NATIONAL_ID", "ssn", tw_national_id),
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--mlsec-bin", default=os.environ.get("MLSEC_BIN", "target/release/mlsec"))
    ap.add_argument("--n", type=int, default=200, help="values per locale (default %(default)s)")
    ap.add_argument("--seed", type=int, default=20261203)
    ap.add_argument("--out", type=Path, help="directory for the CSV files (default: a temporary one)")
    ap.add_argument("--no-presidio", action="store_true", help="skip the Presidio column")
    args = ap.parse_args()

    import faker

    out = args.out or Path(tempfile.mkdtemp(prefix="mlsec-locale-ids-"))
    out.mkdir(parents=True, exist_ok=True)
    planted: dict[str, tuple[str, list[str]]] = {}
    for loc, entity, maker, oracle in specs():
        f = faker.Faker(loc)
        f.seed_instance(args.seed)
        values: list[str] = []
        tries = 0
        while len(values) < args.n and tries < args.n * 20:
            tries += 1
            v = getattr(f, maker)()
            if oracle(v) and v not in values:
                values.append(v)
        if len(values) < args.n // 2:
            print(f"{loc}: only {len(values)} of {tries} values pass the oracle; skipped", file=sys.stderr)
            continue
        with open(out / f"{loc}.csv", "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["customer_name", "national_id"])
            for v in values:
                w.writerow([f.name(), v])
        planted[loc] = (entity, values)

    run = subprocess.run(
        [args.mlsec_bin, "scan", str(out), "--format", "json", "--per-value"],
        capture_output=True,
        text=True,
    )
    if run.returncode not in (0, 1):
        print(run.stderr, file=sys.stderr)
        return 2
    report = json.loads(run.stdout)
    # (file stem, row) -> entities found in the national_id column
    found: dict[tuple[str, int], list[str]] = {}
    for fe in report.get("files", []):
        for fd in fe.get("findings", []):
            loc = fd.get("location") or {}
            if loc.get("column") != "national_id" or not loc.get("row"):
                continue
            stem = Path(loc.get("path", "")).stem
            found.setdefault((stem, loc["row"]), []).append((fd.get("data") or {}).get("entity"))

    presidio = None
    if not args.no_presidio:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from score import PRESIDIO_MAP, build_presidio

        engine, _ = build_presidio(False)

        def presidio(v: str) -> list[str]:
            return [PRESIDIO_MAP.get(r.entity_type, r.entity_type) for r in engine.analyze(text=v, language="en")]

    print(f"mlsec: `{args.mlsec_bin}`; {args.n} values per locale, seed {args.seed}; files in {out}\n")
    head = "| locale | entity | values | found | as the entity | other entities reported |"
    rule = "|---|---|---:|---:|---:|---|"
    if presidio:
        head += " Presidio found | Presidio as the entity | Presidio reports most |"
        rule += "---:|---:|---|"
    print(head)
    print(rule)
    total = hit = right = p_hit = p_right = 0
    for loc, (entity, values) in planted.items():
        rows = [found.get((loc, i + 1), []) for i in range(len(values))]
        n_found = sum(1 for r in rows if r)
        n_right = sum(1 for r in rows if entity in r)
        others: dict[str, int] = {}
        for r in rows:
            for e in r:
                if e != entity:
                    others[e] = others.get(e, 0) + 1
        other = ", ".join(f"{e} {n}" for e, n in sorted(others.items(), key=lambda x: -x[1]))
        line = f"| {loc} | {entity} | {len(values)} | {n_found} | {n_right} | {other} |"
        if presidio:
            got = [presidio(v) for v in values]
            pf = sum(1 for g in got if g)
            pr = sum(1 for g in got if entity in g)
            most: dict[str, int] = {}
            for g in got:
                for e in set(g):
                    most[e] = most.get(e, 0) + 1
            top = ", ".join(f"{e} {n}" for e, n in sorted(most.items(), key=lambda x: -x[1])[:2])
            line += f" {pf} | {pr} | {top} |"
            p_hit += pf
            p_right += pr
        print(line)
        total += len(values)
        hit += n_found
        right += n_right
    share = lambda n: f"{n} ({n / max(total, 1):.3f})"  # noqa: E731
    last = f"| **all** | | {total} | {share(hit)} | {share(right)} | |"
    if presidio:
        last += f" {share(p_hit)} | {share(p_right)} | |"
    print(last)
    return 0


if __name__ == "__main__":
    sys.exit(main())
