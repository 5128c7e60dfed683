#!/usr/bin/env python3
"""Score `mlsec scan` on the unit-test cases of Presidio's predefined recognizers.

What it measures: Presidio's tests for its pattern recognizers
(`presidio-analyzer/tests/test_*_recognizer.py`) list, in
`pytest.mark.parametrize` rows, a text, how many results the recognizer must
return and (usually) their character spans. This script reads those rows at
run time (nothing of Presidio is copied into this repo), writes each text to
its own file, scans each batch with one `mlsec scan DIR --format json
--per-value`, converts mlsec's byte offsets to character offsets, maps the
entity names (`MAP` below) and counts, per Presidio entity:

  * positives found: expected spans that an mlsec finding of the mapped
    entity overlaps;
  * FP on negatives: rows that expect no result where mlsec reports the
    mapped entity;
  * count ok: rows whose test asserts only the number of results, no spans
    (scored on mlsec's number of findings of the mapped entity);
  * extra: mlsec findings of the mapped entity that overlap no expected span;
  * other: rows where mlsec also reports some other entity.

The phone entities are scored twice: without options, and with
`--phone-region US` (PHONE_NUMBER), `PH` (PH_MOBILE_NUMBER) or `TR`
(TR_PHONE_NUMBER). Entities with no mlsec counterpart are listed, not scored.

Getting Presidio's tests: `git clone https://github.com/microsoft/presidio`
and pass the work tree, or pass a bare mirror (`git clone --mirror ...`); for
a mirror the files are read with `git show HEAD:<path>`. The commit read is
printed with the table.

    python3 bench/data/presidio_vectors.py --presidio ~/src/presidio \
        --mlsec-bin target/release/mlsec [--json cases.json]

Caveats:
  * Presidio's phone recognizers always have a region (PhoneRecognizer a
    list of default regions, one test adds JP and CN; the PH and TR ones their
    country). mlsec without `--phone-region` reads only numbers written
    internationally (`+`/`00`), hence the region runs; one region per run
    cannot cover the rows written in another country's national format.
  * Some Presidio positives fail their own checksums or structure rules
    (wrong KR RRN/FRN and codice fiscale check characters, Steuer-IdNr values
    with no repeated digit, ...): Presidio expects a low-score match there,
    mlsec validates and reports nothing. Such misses are mlsec being right.
  * The tests call `recognizer.analyze()` directly. mlsec wants a context
    word before bare digit runs (SIN, TFN, PESEL, ...), which many rows lack.
  * Count-only rows (and rows whose test checks only the first of several
    spans) are scored on the count alone. A few phone texts appear several
    times with different `leniency` values and different expectations.
  * A row's first `entities` value (phone tests) or the file's `entities`
    fixture names its entity; only tests that call `.analyze(` are read.
"""

import argparse
import ast
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from peer_repo import PeerRepo

TEST_DIR = "presidio-analyzer/tests/"
TEST_FILE = re.compile(r"^presidio-analyzer/tests/test_\w+_recognizer\.py$")
# NER-model, generic pattern and base-class tests: not predefined pattern recognizers.
NOT_PREDEFINED = re.compile(r"test_(spacy|stanza|transformers|gliner|huggingface_ner|pattern|entity)_recognizer")

# Presidio entity -> mlsec entity.
MAP = {
    "EMAIL_ADDRESS": "EMAIL", "PHONE_NUMBER": "PHONE",
    "PH_MOBILE_NUMBER": "PHONE", "TR_PHONE_NUMBER": "PHONE",
    "IBAN_CODE": "IBAN", "IP_ADDRESS": "IP_ADDRESS", "MAC_ADDRESS": "MAC_ADDRESS",
    "CREDIT_CARD": "CREDIT_CARD", "US_SSN": "US_SSN", "US_ITIN": "US_ITIN",
    "UK_NINO": "UK_NINO", "UK_NHS": "UK_NHS", "DE_TAX_ID": "DE_TAX_ID",
    "ES_NIF": "ES_NIF", "ES_NIE": "ES_NIE", "IT_FISCAL_CODE": "IT_FISCAL_CODE",
    "PL_PESEL": "PL_PESEL", "SE_PERSONNUMMER": "SE_PERSONNUMMER",
    "FI_PERSONAL_IDENTITY_CODE": "FI_HETU", "IN_AADHAAR": "IN_AADHAAR",
    "IN_PAN": "IN_PAN", "CA_SIN": "CA_SIN", "AU_TFN": "AU_TFN", "KR_RRN": "KR_RRN",
    "KR_FRN": "KR_RRN",  # mlsec's KR_RRN covers foreigners' numbers (7th digit 5-8)
    "ZA_ID_NUMBER": "ZA_ID", "TR_NATIONAL_ID": "TR_TCKN",
    "AU_ABN": "AU_ABN", "AU_ACN": "AU_ACN", "AU_MEDICARE": "AU_MEDICARE", "TH_TNIN": "TH_TNIN",
    "SG_NRIC_FIN": "SG_NRIC_FIN", "IT_VAT_CODE": "IT_VAT", "CRYPTO": "BTC_ADDRESS",
    "ABA_ROUTING_NUMBER": "US_ABA_ROUTING", "DE_VAT_ID": "DE_VAT", "IN_GSTIN": "IN_GSTIN",
    "DE_HEALTH_INSURANCE": "DE_HEALTH_INSURANCE", "DE_SOCIAL_SECURITY": "DE_SOCIAL_SECURITY",
    "KR_BRN": "KR_BRN", "SE_ORGANISATIONSNUMMER": "SE_ORGANISATIONSNUMMER",
    "US_NPI": "US_NPI", "US_MBI": "US_MBI",
    "SG_UEN": "SG_UEN",
    "IN_VOTER": "IN_VOTER", "NG_NIN": "NG_NIN", "PH_TIN": "PH_TIN", "DE_ID_CARD": "DE_ID_CARD",
    "DE_TAX_NUMBER": "DE_TAX_NUMBER", "IT_IDENTITY_CARD": "IT_IDENTITY_CARD", "US_BANK_NUMBER": "BANK_ACCOUNT",
    "DE_LANR": "DE_LANR", "DE_BSNR": "DE_BSNR", "MEDICAL_LICENSE": "US_DEA",
    "US_PASSPORT": "PASSPORT", "UK_PASSPORT": "PASSPORT", "IN_PASSPORT": "PASSPORT", "IT_PASSPORT": "PASSPORT",
    "ES_PASSPORT": "PASSPORT", "DE_PASSPORT": "PASSPORT", "KR_PASSPORT": "PASSPORT",
    "US_DRIVER_LICENSE": "DRIVER_LICENSE", "UK_DRIVING_LICENCE": "DRIVER_LICENSE",
    "IT_DRIVER_LICENSE": "DRIVER_LICENSE", "DE_FUEHRERSCHEIN": "DRIVER_LICENSE", "KR_DRIVER_LICENSE": "DRIVER_LICENSE",
    "UK_POSTCODE": "POSTAL_CODE", "DE_PLZ": "POSTAL_CODE",
}
REGION = {"PHONE_NUMBER": "US", "PH_MOBILE_NUMBER": "PH", "TR_PHONE_NUMBER": "TR"}


# ---------------------------------------------------------------- reading Presidio

def test_files(src):
    """Presidio's tests of its predefined pattern recognizers."""
    return [n for n in src.names() if TEST_FILE.match(n) and not NOT_PREDEFINED.search(n)]


def module_namespace(tree):
    """Module-level constants and helpers that parametrize rows may refer to."""
    ns = {"re": re}
    for node in tree.body:
        plain_fn = isinstance(node, ast.FunctionDef) and not node.decorator_list \
            and not node.name.startswith("test_")
        if plain_fn or isinstance(node, ast.Assign):
            try:
                exec(compile(ast.Module([node], []), "<presidio test>", "exec"), ns)
            except Exception:
                pass
    return ns


def fixture_entity(tree):
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "entities" \
                and isinstance(node.body[-1], ast.Return):
            return ast.literal_eval(node.body[-1].value)[0]
    return None


def evaluate(node, ns):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return eval(compile(ast.Expression(node), "<row>", "eval"), dict(ns))


def expected_of(row, names):
    """(spans or None when only the count is checked, expected count)."""
    if "expected_positions" in row or "expected_res" in row:
        spans = row.get("expected_positions", row.get("expected_res"))
    elif "expected_position" in row:  # test checks only the first result
        spans = [row["expected_position"]] if row["expected_position"] and row["expected_len"] else []
    elif "expected_start" in row:
        spans = [(row["expected_start"], row["expected_end"])] if row["expected_len"] else []
    else:
        spans = []
    if "expected_len" in row:
        n = row["expected_len"]
    else:
        n = 0 if names == ["text"] else len(spans)  # `text` alone: asserts no result
    spans = sorted(list(s) for s in spans)
    return (spans if len(spans) == n else None), n


def extract(src_obj):
    """All analyze() cases of the predefined-recognizer tests."""
    cases, problems = [], []
    for name in test_files(src_obj):
        src = src_obj.read(name)
        tree = ast.parse(src)
        file_entity, ns = fixture_entity(tree), module_namespace(tree)
        for fn in (n for n in tree.body if isinstance(n, ast.FunctionDef)):
            decs = [d for d in fn.decorator_list if isinstance(d, ast.Call)
                    and getattr(d.func, "attr", "") == "parametrize"]
            body = "\n".join(ast.unparse(s) for s in fn.body)
            if not decs or ".analyze(" not in body:
                continue
            names = [s.strip() for s in ast.literal_eval(decs[0].args[0]).split(",")]
            rows = decs[0].args[1]
            if not isinstance(rows, (ast.List, ast.Tuple)):
                problems.append(f"{name}:{fn.name}: parameter list is not a literal")
                continue
            for el in rows.elts:
                try:
                    vals = evaluate(el, ns)
                except Exception as e:
                    problems.append(f"{name}:{el.lineno}: {e}")
                    continue
                row = dict(zip(names, (vals,) if len(names) == 1 else vals))
                entity = (row.get("entities") or [file_entity])[0]
                text = row.get("text", row.get("iban"))
                if entity is None or not isinstance(text, str):
                    continue
                spans, n = expected_of(row, names)
                cases.append({"entity": entity, "text": text, "expected": spans,
                              "expected_len": n, "source": f"{name}:{el.lineno}"})
    return cases, problems


# ---------------------------------------------------------------- scoring mlsec

def scan(cases, run, args, work, mlsec):
    """Write one file per case, scan the directory once, return findings per case."""
    d = os.path.join(work, f"cases-{run}")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    paths = {}
    for i, c in enumerate(cases):
        p = os.path.abspath(os.path.join(d, f"{i:04d}.txt"))
        with open(p, "w", encoding="utf-8", newline="") as f:
            f.write(c["text"] + "\n")
        paths[p] = c
    out = os.path.join(work, f"report-{run}.json")
    cmd = [mlsec, "scan", d, "--format", "json", "--per-value", "--output", out, *args]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as e:
        sys.exit(f"cannot run {mlsec}: {e} (set --mlsec-bin or $MLSEC_BIN)")
    if r.returncode not in (0, 1, 2) or not os.path.exists(out):
        sys.exit(f"{' '.join(cmd)} failed ({r.returncode}): {r.stderr.strip()}")
    with open(out, encoding="utf-8") as f:
        files = {os.path.abspath(fr["path"]): fr for fr in json.load(f)["files"]}
    result = []
    for p, c in paths.items():
        raw = (c["text"] + "\n").encode("utf-8")
        finds = []
        for f in files.get(p, {}).get("findings", []):
            data, loc = f.get("data") or {}, f.get("location") or {}
            if loc.get("offset") is None:
                finds.append({"entity": data.get("entity") or f["rule"], "span": None})
                continue
            b0, b1 = loc["offset"], loc["offset"] + loc.get("length", 0)
            span = [len(raw[:b0].decode("utf-8", "replace")), len(raw[:b1].decode("utf-8", "replace"))]
            finds.append({"entity": data.get("entity") or f["rule"], "span": span})
        result.append((c, finds))
    return result


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def score(c, run, finds):
    want = MAP[c["entity"]]
    mine = [f["span"] for f in finds if f["entity"] == want and f["span"]]
    row = {"run": run, **c, "mlsec_entity": want, "found": mine,
           "other_entities": sorted({f["entity"] for f in finds if f["entity"] != want})}
    exp = c["expected"]
    if exp is None:
        row["outcome"] = "count_ok" if len(mine) == c["expected_len"] else "count_wrong"
    elif not exp:
        row["outcome"] = "fp" if mine else "tn"
    else:
        hit = [s for s in exp if any(overlaps(s, m) for m in mine)]
        row["missed"] = [s for s in exp if s not in hit]
        row["extra"] = [m for m in mine if not any(overlaps(s, m) for s in exp)]
        row["outcome"] = "found" if not row["missed"] else ("partly_found" if hit else "missed")
    return row


def table(rows):
    agg = collections.OrderedDict()
    for r in rows:
        a = agg.setdefault((r["entity"], r["run"]), collections.Counter())
        if r["expected"]:
            a["spans"] += len(r["expected"])
            a["hit"] += len(r["expected"]) - len(r["missed"])
            a["extra"] += len(r["extra"])
        elif r["expected"] is None:
            a["cnt"] += 1
            a["cnt_ok"] += r["outcome"] == "count_ok"
        else:
            a["neg"] += 1
            a["fp"] += r["outcome"] == "fp"
        a["other"] += bool(r["other_entities"])
    out = ["| Presidio entity | run | positives found | FP on negatives | count-only ok | extra | other entity |",
           "|---|---|--:|--:|--:|--:|--:|"]
    for (e, run), a in agg.items():
        cnt = f"{a['cnt_ok']}/{a['cnt']}" if a["cnt"] else "-"
        out.append(f"| {e} | {run} | {a['hit']}/{a['spans']} | {a['fp']}/{a['neg']} | {cnt} "
                   f"| {a['extra']} | {a['other']} |")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--presidio", required=True, help="Presidio work tree or bare git mirror")
    ap.add_argument("--mlsec-bin", default=os.environ.get("MLSEC_BIN", "target/release/mlsec"))
    ap.add_argument("--json", help="write per-case results here")
    ap.add_argument("--work", help="scratch directory (default: a fresh temporary one, removed)")
    a = ap.parse_args()

    src = PeerRepo(a.presidio, TEST_DIR, "Presidio")
    cases, problems = extract(src)
    for p in problems:
        print(f"warning: {p}", file=sys.stderr)
    supported = [c for c in cases if c["entity"] in MAP]
    missing = sorted({c["entity"] for c in cases} - set(MAP))

    work = a.work or tempfile.mkdtemp(prefix="presidio-vectors-")
    os.makedirs(work, exist_ok=True)
    try:
        rows = [score(c, "default", f) for c, f in scan(supported, "default", [], work, a.mlsec_bin)]
        for ent, region in REGION.items():
            sub = [c for c in supported if c["entity"] == ent]
            run = f"region-{region}"
            rows += [score(c, run, f) for c, f in
                     scan(sub, run, ["--phone-region", region], work, a.mlsec_bin)]
    finally:
        if not a.work:
            shutil.rmtree(work, ignore_errors=True)

    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(rows, f, ensure_ascii=False, indent=1)
    print(f"mlsec on Presidio's predefined-recognizer tests: {len(supported)} of {len(cases)} "
          f"cases have an mlsec counterpart\n")
    print(table(rows))
    print(f"\nNo mlsec counterpart (not scored): {', '.join(missing)}")
    print(f"\nPresidio commit: {src.commit()}")


if __name__ == "__main__":
    main()
