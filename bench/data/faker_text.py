#!/usr/bin/env python3
"""Faker's phone numbers and addresses in free text, with no word that names them.

Phone numbers (mlsec against Presidio): for 36 Faker locales, one text file
each of 40 lines that hold a phone number as Faker writes it, with no phone
word before it (`Noted 0176 123456 in the ticket.`, `Maria Rossi (328 155
6580) ...`, `... Ruth Baker, 415-555-2671`, `Reach Anna on 98765 43210
...`), then 40 lines that hold a number that is not one (an ISBN, an EAN,
an amount with spaces (7 to 9 digits), a date with spaces in any order, `####-######`, `### ### ###`,
`## ## ## ## ##`, a bare integer). The negatives are hard on purpose: the
last three are random digits in phone shapes, so a finder that takes them
is reading the shape, not the number. Scored: recall over all labelled
numbers, recall over those `phonenumbers` calls valid in the locale's
region, and findings outside every label (false positives).

Addresses (mlsec only: Presidio has no address recognizer): for 52 Faker
locales (the 19 this benchmark started with, then 33 more, from Hungary to
Georgia, reported apart), 40 lines each with an address as Faker writes it (its line breaks
as `, `), after a sentence, after `Ship to` or `lives at`, or the street
line and the city alone. Scored: recall (a finding overlapping the
address) and findings outside every label.

`mlsec scan DIR --format json --per-value` reads the files; Presidio (with
`--presidio`) is the analyzer `score.py` builds (default pattern
recognizers on `spacy.blank("en")`), asked for `PHONE_NUMBER` over each
file's whole text.

    PY=$(bench/data/setup-peers.sh | tail -1)
    $PY bench/data/faker_text.py --mlsec-bin target/release/mlsec [--presidio] [--out DIR] [--show]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

LOCALES = [
    "en_US", "en_GB", "en_IN", "en_AU", "en_CA", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pl_PL",
    "pt_BR", "pt_PT", "sv_SE", "da_DK", "no_NO", "fi_FI", "cs_CZ", "ru_RU", "tr_TR", "ja_JP", "ko_KR",
    "zh_CN", "hu_HU", "ro_RO", "el_GR", "uk_UA", "en_NZ", "en_IE", "de_AT", "de_CH", "fr_CH", "es_MX",
    "id_ID", "th_TH", "vi_VN",
]  # fmt: skip

#: Locales whose Faker writes street addresses: the first 19 are the
#: set this benchmark started with (reported apart, to compare with older
#: results), then the rest of the world Faker writes.
ADDRESS_LOCALES = [
    "en_US", "en_GB", "en_AU", "en_CA", "de_DE", "de_AT", "de_CH", "fr_FR", "es_ES", "it_IT", "nl_NL",
    "pl_PL", "sv_SE", "pt_BR", "pt_PT", "da_DK", "no_NO", "fi_FI", "cs_CZ",
    "hu_HU", "ro_RO", "hr_HR", "sk_SK", "sl_SI", "nl_BE", "fr_BE", "fr_CH", "it_CH", "fr_CA", "en_IE",
    "en_NZ", "en_IN", "en_PH", "es_MX", "es_AR", "es_CO", "es_CL", "ru_RU", "uk_UA", "el_GR", "he_IL",
    "tr_TR", "id_ID", "ja_JP", "zh_CN", "zh_TW", "ko_KR", "th_TH", "vi_VN", "ka_GE", "hy_AM", "az_AZ",
]  # fmt: skip
#: How many of ADDRESS_LOCALES the first, older set holds.
FIRST_ADDRESS_LOCALES = 19

LINES = 40


def generate(out: Path, seed: int) -> list[dict]:
    """Write one text file per locale; return the labels (byte spans)."""
    from faker import Faker
    import phonenumbers

    labels = []
    for loc in LOCALES:
        fake = Faker(loc)
        fake.seed_instance(seed)
        rng = random.Random(f"{seed}-{loc}")
        text = ""
        for i in range(LINES):
            phone = fake.phone_number()
            line = [
                f"{fake.sentence()} {phone}. {fake.sentence()}",
                f"{fake.name()} ({phone}) {fake.sentence()}",
                f"{fake.sentence()} {fake.name()}, {phone}",
                f"{fake.sentence()} Reach {fake.first_name()} on {phone} {fake.sentence()}",
            ][i % 4]
            start = len(text.encode()) + len(line[: line.index(phone)].encode())
            region = loc.split("_")[1]
            try:
                valid = phonenumbers.is_valid_number(phonenumbers.parse(phone, region))
            except phonenumbers.NumberParseException:
                valid = False
            labels.append(label(loc, start, phone, valid))
            text += line + "\n"
        for _ in range(LINES):
            negative = rng.choice(
                [
                    fake.isbn13(),
                    fake.ean13(),
                    f"{rng.randint(1_000_000, 99_999_999):,}".replace(",", " "),
                    fake.date_between("-30y", "today").strftime(rng.choice(["%Y %m %d", "%d %m %Y", "%m %d %Y"])),
                    f"{rng.randint(100, 999)} {rng.randint(100, 999):03d} {rng.randint(0, 999):03d}",
                    fake.bothify("####-######"),
                    fake.bothify("### ### ###"),
                    fake.bothify("## ## ## ## ##"),
                    str(fake.pyint(1_000_000, 999_999_999)),
                ]
            )
            text += f"{fake.sentence()} {negative} {fake.sentence()}\n"
        (out / f"{loc}.txt").write_text(text, encoding="utf-8")
    return labels


def label(loc: str, start: int, value: str, valid: bool) -> dict:
    """The label of `value` written at byte `start` of the locale's file."""
    return {
        "file": f"{loc}.txt",
        "locale": loc,
        "start": start,
        "end": start + len(value.encode()),
        "value": value,
        "valid": valid,
    }


def generate_addresses(out: Path, seed: int) -> list[dict]:
    """Write one text file of addresses per locale; return the labels."""
    from faker import Faker

    labels = []
    for loc in ADDRESS_LOCALES:
        fake = Faker(loc)
        fake.seed_instance(seed)
        text = ""
        for i in range(LINES):
            address = fake.address().replace("\n", ", ")
            if i % 4 == 3:
                address = f"{fake.street_address()}, {fake.city()}"
            line = [
                f"{fake.sentence()} {address}. {fake.sentence()}",
                f"Ship to {address}",
                f"{fake.name()} lives at {address}.",
                f"{fake.sentence()} {address}.",
            ][i % 4]
            start = len(text.encode()) + len(line[: line.index(address)].encode())
            labels.append(label(loc, start, address, True))
            text += line + "\n"
        (out / f"{loc}.txt").write_text(text, encoding="utf-8")
    return labels


def mlsec_spans(binary: str, out: Path, entity: str = "PHONE") -> dict[str, list[tuple[int, int]]]:
    run = subprocess.run(
        [binary, "scan", str(out), "--format", "json", "--per-value"], capture_output=True, text=True, check=False
    )
    if run.returncode not in (0, 1):
        sys.exit(f"mlsec failed ({run.returncode}): {run.stderr[-2000:]}")
    spans = collections.defaultdict(list)
    for f in json.loads(run.stdout)["files"]:
        for x in f["findings"]:
            if (x.get("data") or {}).get("entity") == entity:
                loc = x["location"]
                spans[Path(f["path"]).name].append((loc["offset"], loc["offset"] + loc["length"]))
    return spans


def presidio_spans(out: Path) -> dict[str, list[tuple[int, int]]]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from score import build_presidio

    engine, _ = build_presidio(False)
    spans = collections.defaultdict(list)
    for loc in LOCALES:
        text = (out / f"{loc}.txt").read_text(encoding="utf-8")
        for r in engine.analyze(text=text, language="en", entities=["PHONE_NUMBER"]):
            s, e = len(text[: r.start].encode()), len(text[: r.end].encode())
            spans[f"{loc}.txt"].append((s, e))
    return spans


def score(labels: list[dict], spans: dict[str, list[tuple[int, int]]]) -> dict:
    by_file = collections.defaultdict(list)
    for lab in labels:
        by_file[lab["file"]].append(lab)
    overlap = lambda a, b: a[0] < b[1] and b[0] < a[1]  # noqa: E731
    found = [lab for lab in labels if any(overlap((lab["start"], lab["end"]), s) for s in spans[lab["file"]])]
    valid = [lab for lab in labels if lab["valid"]]
    fps = [
        (f, s)
        for f, ss in spans.items()
        for s in ss
        if not any(overlap((lab["start"], lab["end"]), s) for lab in by_file[f])
    ]
    tp = len(found)
    return {
        "recall": tp / len(labels),
        "found": tp,
        "valid_recall": sum(lab["valid"] for lab in found) / max(1, len(valid)),
        "valid_found": sum(lab["valid"] for lab in found),
        "valid": len(valid),
        "fp": len(fps),
        "precision": tp / max(1, tp + len(fps)),
        "fps": fps,
        "missed": [lab for lab in labels if lab not in found],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mlsec-bin", default=os.environ.get("MLSEC_BIN", "target/release/mlsec"))
    ap.add_argument("--presidio", action="store_true", help="also run Presidio on the same files")
    ap.add_argument("--out", type=Path, help="where to write the files (default: a temporary folder)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--show", action="store_true", help="list false positives and valid numbers missed")
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="mlsec-faker-text-"))
    phones_dir, addresses_dir = out / "phones", out / "addresses"
    phones_dir.mkdir(parents=True, exist_ok=True)
    addresses_dir.mkdir(parents=True, exist_ok=True)
    labels = generate(phones_dir, args.seed)
    tools = {"mlsec": mlsec_spans(args.mlsec_bin, phones_dir)}
    if args.presidio:
        tools["presidio"] = presidio_spans(phones_dir)
    print(f"Phone numbers: {len(LOCALES)} locales, {len(labels)} numbers ({sum(lab['valid'] for lab in labels)} "
          f"valid per phonenumbers), {len(LOCALES) * LINES} hard negatives; files in {phones_dir}\n")
    print("| tool | recall | recall (valid numbers) | false positives | precision |")
    print("|---|---:|---:|---:|---:|")
    results = {}
    for name, spans in tools.items():
        r = results[name] = score(labels, spans)
        print(f"| {name} | {r['recall']:.3f} ({r['found']}/{len(labels)}) | {r['valid_recall']:.3f} "
              f"({r['valid_found']}/{r['valid']}) | {r['fp']} | {r['precision']:.3f} |")
    addresses = generate_addresses(addresses_dir, args.seed)
    a = score(addresses, mlsec_spans(args.mlsec_bin, addresses_dir, "POSTAL_ADDRESS"))
    print(f"\nAddresses: {len(ADDRESS_LOCALES)} locales, {len(addresses)} addresses; files in {addresses_dir}\n")
    print("| tool | recall | false positives | precision |")
    print("|---|---:|---:|---:|")
    print(f"| mlsec | {a['recall']:.3f} ({a['found']}/{len(addresses)}) | {a['fp']} | {a['precision']:.3f} |")
    per = collections.Counter(lab["locale"] for lab in addresses if lab not in a["missed"])
    first = set(ADDRESS_LOCALES[:FIRST_ADDRESS_LOCALES])
    old_found = sum(per[loc] for loc in first)
    print(f"\nThe first {FIRST_ADDRESS_LOCALES} locales (the older set): recall "
          f"{old_found / (LINES * len(first)):.3f} ({old_found}/{LINES * len(first)}); the other "
          f"{len(ADDRESS_LOCALES) - len(first)}: {(a['found'] - old_found) / (LINES * (len(ADDRESS_LOCALES) - len(first))):.3f} "
          f"({a['found'] - old_found}/{LINES * (len(ADDRESS_LOCALES) - len(first))})")
    print("\n| locale | found | of |\n|---|---:|---:|")
    for loc in ADDRESS_LOCALES:
        print(f"| {loc} | {per[loc]} | {LINES} |")
    if args.show:
        for name, r in results.items():
            print(f"\n{name}: false positives (phones)")
            for f, (s, e) in r["fps"]:
                print(f"  {f}: {(phones_dir / f).read_bytes()[s:e].decode(errors='replace')!r}")
            print(f"{name}: valid numbers missed")
            for lab in r["missed"]:
                if lab["valid"]:
                    print(f"  {lab['locale']}: {lab['value']!r}")
        print("\nmlsec: addresses missed")
        for lab in a["missed"]:
            print(f"  {lab['locale']}: {lab['value']!r}")
        print("mlsec: false positives (addresses)")
        for f, (s, e) in a["fps"]:
            print(f"  {f}: {(addresses_dir / f).read_bytes()[s:e].decode(errors='replace')!r}")


if __name__ == "__main__":
    main()
