#!/usr/bin/env python3
"""Helpers for bench/data/throughput.sh (run with the venv from setup-peers.sh).

    throughput_helper.py sample SRC DST MB
        Copy the first MB MiB of SRC to DST, cut at a record boundary (a
        newline outside CSV quotes), and print the bytes written.

    throughput_helper.py peer {presidio,detect-secrets} FILE...
        Scan each FILE in this process, one after the other, and print one
        JSON line per file: bytes, wall and CPU (user+sys) seconds of the scan
        alone, and the number of findings. A first line (file = null) gives
        the setup cost (imports, and for Presidio building the engine).
        Presidio is set up exactly as score.py does it (score.build_presidio:
        the default predefined pattern recognizers on spacy.blank("en"), all
        registered for "en"), runs in this single process and analyses each
        CSV cell / JSON leaf on its own, as score.py does. detect-secrets runs
        SecretsCollection().scan_file() under default_settings(), as score.py.

    throughput_helper.py startup N CMD...
        Run CMD N times (stdout to /dev/null) and print "wall cpu" in seconds
        of the fastest run (CPU = user+sys of the child).

    throughput_helper.py count {mlsec,betterleaks} REPORT.json
        Print the number of findings in a tool's JSON report.

    throughput_helper.py report RESULTS.tsv META.json
        Render the markdown tables from the rows throughput.sh collected.
"""

from __future__ import annotations

import csv
import json
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


# ---------------------------------------------------------------------------
# sample
# ---------------------------------------------------------------------------


def cmd_sample(src: str, dst: str, mb: str) -> int:
    limit = int(float(mb) * 1024 * 1024)
    data = Path(src).read_bytes()
    if len(data) <= limit:
        cut = len(data)
    else:
        quoted = src.endswith(".csv")
        in_q = False
        cut = len(data)
        # Quote parity up to `limit`, then walk to the next newline outside quotes.
        if quoted:
            in_q = data.count(b'"', 0, limit) % 2 == 1
        i = limit
        while i < len(data):
            c = data[i]
            if quoted and c == 0x22:
                in_q = not in_q
            elif c == 0x0A and not in_q:
                cut = i + 1
                break
            i += 1
    Path(dst).write_bytes(data[:cut])
    print(cut)
    return 0


# ---------------------------------------------------------------------------
# peers
# ---------------------------------------------------------------------------


def _units(path: Path):
    """Texts as score.py feeds them to Presidio: each CSV cell, each JSON leaf."""
    import score

    if path.suffix == ".csv":
        with open(path, encoding="utf-8", newline="") as fh:
            rd = csv.reader(fh)
            header = next(rd)
            for row in rd:
                for col, val in zip(header, row):
                    if val:
                        yield val
    elif path.suffix == ".jsonl":
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                for _, val in score._leaves(json.loads(line), ""):
                    yield val
    else:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield line.rstrip("\n")


def cmd_peer(tool: str, files: list[str]) -> int:
    sys.path.insert(0, str(HERE))
    w0, c0 = time.perf_counter(), _cpu()
    if tool == "presidio":
        import score

        engine, names = score.build_presidio(False)
        extra = {"recognizers": len(names)}

        def scan(path: Path) -> int:
            n = 0
            for text in _units(path):
                n += len(engine.analyze(text=text, language="en", score_threshold=0.0))
            return n
    elif tool == "detect-secrets":
        from detect_secrets import SecretsCollection
        from detect_secrets.settings import default_settings

        extra = {}

        def scan(path: Path) -> int:
            with default_settings():
                coll = SecretsCollection()
                coll.scan_file(str(path))
                return sum(1 for _ in coll)
    else:
        sys.exit(f"unknown peer {tool}")
    print(json.dumps({"file": None, "wall": time.perf_counter() - w0, "cpu": _cpu() - c0, **extra}), flush=True)
    for f in files:
        p = Path(f)
        w0, c0 = time.perf_counter(), _cpu()
        n = scan(p)
        print(json.dumps({"file": f, "bytes": p.stat().st_size, "wall": time.perf_counter() - w0, "cpu": _cpu() - c0,
                          "findings": n}), flush=True)
    return 0


# ---------------------------------------------------------------------------
# report
# ---------------------------------------------------------------------------


def _mb(b: float) -> float:
    return b / 1e6


def _rate(x: float) -> str:
    return f"{x:,.0f}" if x >= 100 else f"{x:.1f}" if x >= 10 else f"{x:.3g}"


def _ratio(x: float) -> str:
    return f"{x:,.0f}×" if x >= 100 else f"{x:.2f}×" if x < 10 else f"{x:.1f}×"


def cmd_report(results: str, meta_path: str) -> int:
    meta = json.loads(Path(meta_path).read_text())
    rows = []
    with open(results, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            tool, corpus, fmt, nbytes, wall, cpu, findings, note = line.rstrip("\n").split("\t")
            rows.append({"tool": tool, "corpus": corpus, "fmt": fmt, "bytes": int(nbytes), "wall": float(wall),
                         "cpu": float(cpu), "findings": findings, "note": note})
    # Repeated measurements: the lowest wall and the lowest CPU time, each.
    agg: dict = {}
    for r in rows:
        k = (r["tool"], r["corpus"], r["fmt"])
        if k in agg:
            a = agg[k]
            a["wall"], a["cpu"], a["runs"] = min(a["wall"], r["wall"]), min(a["cpu"], r["cpu"]), a["runs"] + 1
        else:
            agg[k] = dict(r, runs=1)
    rows = list(agg.values())
    for r in rows:
        r["mbs"] = _mb(r["bytes"]) / r["wall"] if r["wall"] > 0 else float("nan")
        r["mbs_core"] = _mb(r["bytes"]) / r["cpu"] if r["cpu"] > 0 else float("nan")
    ref = {(r["corpus"], r["fmt"]): r for r in rows if r["tool"] == "mlsec"}
    out = []
    w = out.append
    w("## Data scan throughput: mlsec vs Presidio, detect-secrets, Betterleaks")
    w("")
    w(f"- Machine: {meta['machine']}")
    w(f"- Date: {meta['date']}; load average before the run: {meta['loadavg']}")
    w(f"- Versions: {meta['versions']}")
    w(f"- mlsec binary: `{meta['mlsec_bin']}` (modified {meta['mlsec_mtime']})")
    w(f"- Corpora: `gen_eval.py --corpus clean|dense --size-mb {meta['size_mb']}` (seed {meta['seed']}) in "
      f"`{meta['corpus_dir']}`; formats {meta['formats']}.")
    w(f"- mlsec and Betterleaks scan the whole file. **Presidio and detect-secrets scan only a prefix sample**: "
      f"the first {meta['peer_mb']} MiB of the same file, cut at a record boundary (they run at well under "
      f"1 MB/s). Their times are the scan alone, measured in-process after setup (imports, engine build; "
      f"setup cost is listed below).")
    w("- mlsec: `" + meta["mlsec_cmd"] + "`; Betterleaks: `" + meta["betterleaks_cmd"] + "`; "
      "both timed whole-process with `/usr/bin/time` (startup included), default thread counts, "
      f"best of {meta.get('repeat', 1)} interleaved runs (lowest wall and lowest CPU seconds, taken separately).")
    w("- Presidio: as `score.py` sets it up (default predefined pattern recognizers on `spacy.blank(\"en\")`), "
      "each CSV cell / JSON leaf analysed on its own, one process. detect-secrets: "
      "`SecretsCollection().scan_file()` under `default_settings()`, one process.")
    w("- MB = 10^6 bytes. MB/s per core = bytes / CPU seconds (user+sys). "
      "mlsec ×: mlsec's MB/s per core divided by the peer's on the same corpus and format.")
    w("- The machine is shared (2 vCPUs); wall times can be inflated by other load, CPU seconds less so.")
    w("")
    w("| tool | corpus | format | bytes | wall s | CPU s | MB/s wall | MB/s per core | findings | mlsec × (per core) |")
    w("|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
    order = {"mlsec": 0, "betterleaks": 1, "presidio": 2, "detect-secrets": 3}
    for r in sorted(rows, key=lambda r: (r["corpus"], r["fmt"], order.get(r["tool"], 9), r["tool"])):
        if r["tool"] not in order:
            continue
        m = ref.get((r["corpus"], r["fmt"]))
        ratio = "-" if r["tool"] == "mlsec" or m is None else _ratio(m["mbs_core"] / r["mbs_core"])
        tool = r["tool"] + (" (sample)" if r["note"] == "sample" else "")
        w(f"| {tool} | {r['corpus']} | {r['fmt']} | {r['bytes']:,} | {r['wall']:.2f} | {r['cpu']:.2f} | "
          f"{_rate(r['mbs'])} | {_rate(r['mbs_core'])} | {r['findings']} | {ratio} |")
    w("")
    # Setup costs of the Python peers.
    setups = [r for r in rows if r["tool"].endswith("-setup")]
    if setups:
        w("Python peers' setup (once per process, not in the table above): " + "; ".join(
            f"{r['tool'][:-6]} {r['wall']:.2f} s wall, {r['cpu']:.2f} s CPU" for r in setups) + ".")
        w("")
    # mlsec startup and scaling.
    st = [r for r in rows if r["tool"] == "mlsec-startup"]
    if st:
        r = st[0]
        w(f"**mlsec startup**: `mlsec scan` on a {r['bytes']}-byte CSV, best of 5: {r['wall'] * 1000:.1f} ms wall, "
          f"{r['cpu'] * 1000:.1f} ms CPU ({r['note']}).")
        for b in (x for x in rows if x["tool"] == "betterleaks-startup"):
            w(f"For comparison, Betterleaks on the same file: {b['wall'] * 1000:.1f} ms wall, {b['cpu'] * 1000:.1f} ms CPU.")
        w("")
    sc = [r for r in rows if r["tool"] == "mlsec-1thread"]
    if sc:
        w("**mlsec scaling** (`RAYON_NUM_THREADS=1` vs the default, same command and file):")
        w("")
        w("| corpus | format | bytes | 1 thread wall s | 1 thread CPU s | default wall s | default CPU s | speedup (wall) | CPU overhead | MB/s per core, 1 thread / default |")
        w("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in sc:
            m = ref.get((r["corpus"], r["fmt"]))
            if m is None:
                continue
            w(f"| {r['corpus']} | {r['fmt']} | {r['bytes']:,} | {r['wall']:.2f} | {r['cpu']:.2f} | {m['wall']:.2f} | "
              f"{m['cpu']:.2f} | {r['wall'] / m['wall']:.2f}× | {m['cpu'] / r['cpu']:.2f}× | "
              f"{_rate(r['mbs_core'])} / {_rate(m['mbs_core'])} |")
        w("")
    # Summary of ratios per corpus (all formats).
    w("**mlsec per-core throughput relative to each peer** (same corpus, format; peers on their sample):")
    w("")
    peers = [t for t in ("betterleaks", "presidio", "detect-secrets") if any(r["tool"] == t for r in rows)]
    w("| corpus | format | mlsec MB/s per core | " + " | ".join(f"vs {p}" for p in peers) + " |")
    w("|---|---|---:|" + "---:|" * len(peers))
    for (corpus, fmt), m in sorted(ref.items()):
        cells = []
        for p in peers:
            pr = next((r for r in rows if r["tool"] == p and r["corpus"] == corpus and r["fmt"] == fmt), None)
            cells.append("-" if pr is None else _ratio(m["mbs_core"] / pr["mbs_core"]))
        w(f"| {corpus} | {fmt} | {_rate(m['mbs_core'])} | " + " | ".join(cells) + " |")
    w("")
    print("\n".join(out))
    return 0


def cmd_startup(n: str, cmd: list[str]) -> int:
    import subprocess

    best = None
    for _ in range(int(n)):
        c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        w0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - w0
        c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (c1.ru_utime - c0.ru_utime) + (c1.ru_stime - c0.ru_stime)
        if best is None or wall < best[0]:
            best = (wall, cpu)
    print(f"{best[0]:.6f} {best[1]:.6f}")
    return 0


def cmd_count(tool: str, report: str) -> int:
    try:
        r = json.loads(Path(report).read_text())
    except (OSError, ValueError):
        print("?")
        return 0
    if tool == "mlsec":
        fs = [f for fe in r.get("files", []) for f in fe.get("findings", [])]
        listed = sum(1 for f in fs if f.get("rule") != "MLS-LIM-001")
        capped = [f.get("message", "") for f in fs if f.get("rule") == "MLS-LIM-001"]
        total = None
        for m in capped:  # "40083 values found; only the first 10000 are listed"
            if m.split(" ", 1)[0].isdigit():
                total = int(m.split(" ", 1)[0])
        print(f"{listed:,}" + (f" (of {total:,} values; capped)" if total else ""))
    else:
        fs = r.get("findings", r) if isinstance(r, dict) else r
        print(f"{len(fs):,}")
    return 0


def main(argv: list[str]) -> int:
    if len(argv) >= 4 and argv[0] == "startup":
        return cmd_startup(argv[1], argv[2:])
    if len(argv) == 3 and argv[0] == "count":
        return cmd_count(argv[1], argv[2])
    if len(argv) >= 4 and argv[0] == "sample":
        return cmd_sample(argv[1], argv[2], argv[3])
    if len(argv) >= 2 and argv[0] == "peer":
        return cmd_peer(argv[1], argv[2:])
    if len(argv) == 3 and argv[0] == "report":
        return cmd_report(argv[1], argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
