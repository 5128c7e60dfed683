#!/usr/bin/env python3
r"""Check `mlsec redact` on the labelled evaluation set.

For every file of the set (CSV, JSON Lines, Parquet, text) this runs
`mlsec redact` and then checks, with readers that are not mlsec's:

  * the output parses with the input's schema: the same CSV header and
    record count, JSON Lines with the same keys per record, a Parquet
    file whose Arrow schema and row count equal the input's (pyarrow);
  * `mlsec scan` of the output finds none of the input's values (by keyed
    fingerprint): what the scanner finds, redaction removes.

It also counts the labelled values still in the outputs (searched in the
text, or in every Parquet cell, nested values too), and those partly left:
a piece of 20 characters of a longer value (a private key whose header alone
was replaced leaves its body). Those are the values
the scanner missed in the first place (its recall, see score.py), so they
are reported, not failed on.

Pseudonym consistency across files is covered by the test suite.

With `--escape-json`, each JSON Lines file is first rewritten as Python's
`json.dumps` writes by default (every character beyond ASCII as a `\uXXXX`
escape) and that copy is redacted; values are then searched in the output
read back as characters.

Usage: MLSEC_BIN=target/release/mlsec bench/data/redaction_check.py [--escape-json] DIR
(DIR from gen_eval.py). Prints one line per file and a summary; exits 1
when a check fails. Needs pyarrow (bench/data/setup-peers.sh installs it).
"""

import csv
import io
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

import pyarrow.parquet as pq

MLSEC = os.environ.get("MLSEC_BIN", "mlsec")
KEY = "redaction-check-key-0123456789"


def run(args):
    env = dict(os.environ, MLSEC_REDACT_KEY=KEY)
    return subprocess.run([MLSEC, *args], capture_output=True, env=env)


def scan_fingerprints(path):
    p = run(["scan", "--format", "json", "--per-value", "--fail-on", "critical", path])
    if p.returncode not in (0, 1):
        raise RuntimeError(f"scan {path}: {p.stderr.decode(errors='replace')}")
    report = json.loads(p.stdout)
    out = set()
    for f in report.get("files", []):
        for x in f.get("findings", []):
            fp = (x.get("data") or {}).get("fingerprint")
            if fp:
                out.add(fp)
    return out


def cells(value):
    """Every scalar inside a (possibly nested) Arrow value, as text."""
    if isinstance(value, dict):
        for v in value.values():
            yield from cells(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from cells(v)
    elif value is not None:
        yield value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def same_schema(fmt, src, dst):
    if fmt == "parquet":
        a, b = pq.read_table(src), pq.read_table(dst)
        return a.schema.equals(b.schema) and a.num_rows == b.num_rows, " ".join(
            t for t in cells(b.to_pylist())
        )
    text_a = open(src, encoding="utf-8", errors="replace").read()
    text_b = open(dst, encoding="utf-8", errors="replace").read()
    if fmt in ("csv", "tsv"):
        d = "\t" if fmt == "tsv" else ","
        ra = list(csv.reader(io.StringIO(text_a), delimiter=d))
        rb = list(csv.reader(io.StringIO(text_b), delimiter=d))
        ok = ra[:1] == rb[:1] and len(ra) == len(rb) and all(len(x) == len(y) for x, y in zip(ra, rb))
        return ok, text_b
    if fmt == "jsonl":
        la = [json.loads(line) for line in text_a.splitlines() if line.strip()]
        try:
            lb = [json.loads(line) for line in text_b.splitlines() if line.strip()]
        except json.JSONDecodeError:
            return False, text_b
        ok = len(la) == len(lb) and all(
            (set(x) == set(y)) if isinstance(x, dict) else True for x, y in zip(la, lb)
        )
        # Read back as characters, whatever escapes the file uses.
        return ok, "\n".join(json.dumps(x, ensure_ascii=False) for x in lb)
    return text_b.count("\n") == text_a.count("\n"), text_b


def pieces(value, n=20):
    """Pieces of `n` characters of `value` (every `n`th start), if it is
    longer than that, without the dashes and words of a PEM header line."""
    text = "".join(line for line in value.splitlines() if not line.startswith("-----"))
    return [text[i : i + n] for i in range(0, max(len(text) - n + 1, 0), n)] if len(text) > n else []


def escaped_copy(src, dst):
    """`src` (JSON Lines) as `json.dumps` writes it by default."""
    with open(src, encoding="utf-8") as fh, open(dst, "w", encoding="ascii") as out:
        for line in fh:
            if line.strip():
                out.write(json.dumps(json.loads(line)) + "\n")


def main():
    argv = [a for a in sys.argv[1:] if a != "--escape-json"]
    escape = len(argv) != len(sys.argv) - 1
    if len(argv) != 1:
        sys.exit(__doc__)
    root = argv[0]
    labels = defaultdict(list)
    with open(os.path.join(root, "labels.jsonl")) as fh:
        for line in fh:
            r = json.loads(line)
            labels[r["file"]].append(r)
    failures = 0
    total = residue = partial = 0
    with tempfile.TemporaryDirectory() as tmp:
        for rel in sorted(labels):
            fmt = labels[rel][0]["format"]
            src = os.path.join(root, "files", rel)
            dst = os.path.join(tmp, rel.replace("/", "_"))
            if escape and fmt == "jsonl":
                esc = os.path.join(tmp, "escaped_" + rel.replace("/", "_"))
                escaped_copy(src, esc)
                src = esc
            p = run(["redact", src, "-o", dst])
            if p.returncode != 0:
                print(f"FAIL {rel}: redact exit {p.returncode}: {p.stderr.decode(errors='replace').strip()}")
                failures += 1
                continue
            ok_schema, out_text = same_schema(fmt, src, dst)
            left = sorted({r["value"] for r in labels[rel] if r["value"] in out_text})
            partly = sorted(
                {
                    r["value"]
                    for r in labels[rel]
                    if r["value"] not in out_text and any(piece in out_text for piece in pieces(r["value"]))
                }
            )
            again = scan_fingerprints(src) & scan_fingerprints(dst)
            total += len({r["value"] for r in labels[rel]})
            residue += len(left)
            partial += len(partly)
            status = "ok" if ok_schema and not again else "FAIL"
            if status == "FAIL":
                failures += 1
            print(
                f"{status:4} {rel:40} schema={'same' if ok_schema else 'CHANGED'} "
                f"labelled values left={len(left)} partly={len(partly)} rescan hits on input values={len(again)}"
            )
    print(f"\n{len(labels)} files, {failures} failed (schema changed, or a rescan found an input value)")
    print(f"labelled values left in the outputs (missed by the scanner): {residue} of {total} ({residue / max(total, 1):.2%})")
    print(f"labelled values partly left (a 20-character piece of them in the output): {partial}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
