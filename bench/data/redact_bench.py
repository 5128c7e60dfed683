#!/usr/bin/env python3
"""Redaction benchmark: `mlsec redact` vs Presidio (analyzer + anonymizer).

    redact_bench.py --mlsec-bin BIN [--corpus DIR] [--out FILE]
        Redact the clean and dense 50 MB CSV corpora (from
        `gen_eval.py --corpus clean|dense --size-mb 50`, in DIR) and a 200 MB
        copy of the dense one (its records four times) with mlsec, whole
        files, timed with /usr/bin/time (wall, CPU, peak RSS). Presidio runs
        on the first 0.25 MiB of each corpus (cut at a record boundary: it
        runs at well under 1 MB/s), set up as score.py sets it up (default
        pattern recognizers on spacy.blank("en")), every CSV cell analysed
        and anonymised on its own (AnonymizerEngine, default operator: the
        entity type, as mlsec's default), the rows written back as CSV, in a
        process of its own so its peak RSS is its own. Prints a markdown
        report (and writes it to FILE), with MB/s per core and the ratio.

    redact_bench.py presidio SRC DST
        (internal) Redact SRC into DST with Presidio; print one JSON line.

Run with the venv from setup-peers.sh (presidio-anonymizer is pinned there).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def cmd_presidio(src: str, dst: str) -> int:
    import logging

    import score
    from presidio_anonymizer import AnonymizerEngine

    logging.getLogger("presidio-anonymizer").setLevel(logging.ERROR)
    engine, _ = score.build_presidio(False)
    anonymizer = AnonymizerEngine()
    w0, c0 = time.perf_counter(), _cpu()
    n = 0
    with open(src, encoding="utf-8", newline="") as fin, open(dst, "w", encoding="utf-8", newline="") as fout:
        rd, wr = csv.reader(fin), csv.writer(fout)
        wr.writerow(next(rd))
        for row in rd:
            out = []
            for cell in row:
                if cell:
                    found = engine.analyze(text=cell, language="en", score_threshold=0.0)
                    if found:
                        n += len(found)
                        cell = anonymizer.anonymize(text=cell, analyzer_results=found).text
                out.append(cell)
            wr.writerow(out)
    print(json.dumps({
        "bytes": Path(src).stat().st_size,
        "wall": time.perf_counter() - w0,
        "cpu": _cpu() - c0,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "values": n,
    }))
    return 0


def run_mlsec(binary: str, src: Path, dst: Path) -> dict:
    tf = dst.with_suffix(".time")
    p = subprocess.run(["/usr/bin/time", "-o", str(tf), "-f", "%e %U %S %M", binary, "redact", str(src), "-o", str(dst)],
                       capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"mlsec redact {src} failed ({p.returncode}): {p.stderr}")
    wall, user, sys_, rss = tf.read_text().split()[-4:]
    summary = p.stderr.strip().splitlines()[0]
    values = int(summary.split("redacted ", 1)[1].split(" ", 1)[0])
    return {"bytes": src.stat().st_size, "wall": float(wall), "cpu": float(user) + float(sys_),
            "rss_mb": int(rss) / 1024, "values": values}


def run_presidio(src: Path, dst: Path) -> dict:
    p = subprocess.run([sys.executable, __file__, "presidio", str(src), str(dst)], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"presidio on {src} failed: {p.stderr[-2000:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "presidio":
        return cmd_presidio(sys.argv[2], sys.argv[3])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mlsec-bin", required=True)
    ap.add_argument("--corpus", type=Path, default=Path("/tmp/mlsec-throughput/50mb"))
    ap.add_argument("--out", type=Path, default=HERE / "redact-results.md")
    ap.add_argument("--sample-mb", type=float, default=0.25)
    args = ap.parse_args()
    import throughput_helper as th

    work = Path(tempfile.mkdtemp(prefix="mlsec-redact-bench-"))
    try:
        clean, dense = args.corpus / "corpus-clean.csv", args.corpus / "corpus-dense.csv"
        for f in (clean, dense):
            if not f.exists():
                sys.exit(f"{f} missing: run gen_eval.py --corpus clean|dense --size-mb 50 --formats csv --out {args.corpus}")
        # The dense corpus four times over: the header once, the records 4x.
        big = work / "corpus-dense-200.csv"
        data = dense.read_bytes()
        nl = data.index(b"\n") + 1
        with open(big, "wb") as fh:
            fh.write(data)
            for _ in range(3):
                fh.write(data[nl:])
        del data
        rows = []
        for name, src in (("clean", clean), ("dense", dense), ("dense x4", big)):
            r = run_mlsec(args.mlsec_bin, src, work / f"out-{src.name}")
            rows.append(("mlsec", name, r))
            (work / f"out-{src.name}").unlink()
        for name, src in (("clean", clean), ("dense", dense)):
            sample = work / f"sample-{src.name}"
            with open(Path(tempfile.gettempdir()) / "redact-bench-sample.log", "w") as log:
                old, sys.stdout = sys.stdout, log
                try:
                    th.cmd_sample(str(src), str(sample), str(args.sample_mb))
                finally:
                    sys.stdout = old
            rows.append(("presidio (sample)", name, run_presidio(sample, work / f"out-{sample.name}")))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    per_core = {(t, c): r["bytes"] / 1e6 / max(r["cpu"], 1e-9) for t, c, r in rows}
    out = ["## Redaction: mlsec vs Presidio (analyzer + anonymizer)", ""]
    out.append(f"- Machine: {platform.machine()}, {os.cpu_count()} vCPUs; Python {platform.python_version()}; "
               f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    out.append(f"- mlsec: `mlsec redact FILE -o OUT` (default operator: the entity type), whole files, "
               f"`/usr/bin/time` (wall, user+sys CPU, peak RSS). Corpora: `{args.corpus}` (gen_eval.py, seed 20240611); "
               "`dense x4` is the dense corpus's records four times.")
    out.append(f"- Presidio: the first {args.sample_mb} MiB of the same file (cut at a record boundary), "
               "default pattern recognizers on spacy.blank(\"en\") as score.py sets them up, AnonymizerEngine with its "
               "default operator, each CSV cell on its own, rows written back as CSV; one process; time of the "
               "redaction alone (setup excluded), peak RSS of its process.")
    out.append("- MB = 10^6 bytes; MB/s per core = bytes / CPU seconds.")
    out.append("")
    out.append("| tool | corpus | bytes | wall s | CPU s | MB/s per core | peak RSS MB | values replaced |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|")
    for t, c, r in rows:
        out.append(f"| {t} | {c} | {r['bytes']:,} | {r['wall']:.2f} | {r['cpu']:.2f} | "
                   f"{per_core[(t, c)]:.3g} | {r['rss_mb']:.0f} | {r['values']:,} |")
    out.append("")
    for c in ("clean", "dense"):
        ratio = per_core[("mlsec", c)] / per_core[("presidio (sample)", c)]
        out.append(f"- {c}: mlsec {per_core[('mlsec', c)]:.3g} MB/s per core, Presidio "
                   f"{per_core[('presidio (sample)', c)]:.3g}: **{ratio:,.0f}x**.")
    d1 = next(r for t, c, r in rows if t == "mlsec" and c == "dense")
    d4 = next(r for t, c, r in rows if t == "mlsec" and c == "dense x4")
    out.append(f"- mlsec's peak RSS on the dense corpus: {d1['rss_mb']:.0f} MB for {d1['bytes'] / 1e6:.0f} MB, "
               f"{d4['rss_mb']:.0f} MB for {d4['bytes'] / 1e6:.0f} MB (the data is streamed, not held).")
    text = "\n".join(out) + "\n"
    print(text)
    args.out.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
