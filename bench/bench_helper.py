#!/usr/bin/env python3
"""Helpers for bench/scan-bench.sh (stdlib only).

  bench_helper.py time --timeout S --slow S --runs N --log FILE --cwd DIR -- CMD...
      Runs CMD (stdin from /dev/null), wall-clock timed with
      time.perf_counter. If the first run takes less than --slow seconds, runs
      it again up to --runs times in all and keeps the best. A run longer than
      --timeout is killed (its whole process group) and counted as timed out.
      The first run's stdout+stderr go to --log. Prints one JSON object:
      {"seconds": best, "runs": [...], "rc": rc, "timed_out": bool}.

  bench_helper.py table RESULTS.tsv
      Renders the markdown table from the rows scan-bench.sh appended
      (input, tool, bytes, json-from-`time`, log path), reading each tool's
      log to say whether it flagged anything.

  bench_helper.py rate JSON BYTES
      "S s for N MiB = R MiB/s" from a `time` result and a byte count.

  bench_helper.py fickling-zip FILE
      fickling's own ZIP/PyTorch scan (fickling.scan_zip_archive, what its
      CLI uses for Hugging Face repos) on a local .pt/.zip, since
      `fickling --check-safety` only reads raw pickle streams. Exits 0 if
      every pickle member is at most LIKELY_SAFE and parsed, 1 otherwise.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time


GNU_TIME = "/usr/bin/time"


def cmd_time(argv: list[str]) -> int:
    opts = {"--timeout": "600", "--slow": "60", "--runs": "3",
            "--log": os.devnull, "--cwd": "."}
    i = 0
    while i < len(argv) and argv[i] != "--":
        if argv[i] not in opts or i + 1 >= len(argv):
            sys.exit(f"bench_helper time: bad argument {argv[i]!r}")
        opts[argv[i]] = argv[i + 1]
        i += 2
    cmd = argv[i + 1:]
    if not cmd:
        sys.exit("bench_helper time: no command after --")
    timeout = float(opts["--timeout"])
    slow = float(opts["--slow"])
    max_runs = int(opts["--runs"])

    runs: list[float] = []
    rss: list[int] = []
    rc = None
    timed_out = False
    for n in range(max_runs):
        log = open(opts["--log"] if n == 0 else os.devnull, "wb")
        expired = threading.Event()
        # Max RSS: the first run goes through GNU time, which forks from a
        # tiny process (ru_maxrss from our own wait4 would include the
        # forked Python's pre-exec high-water mark, ~15 MiB). Repeat runs
        # are spawned directly, so fast tools' best-of-N has no wrapper cost.
        run = cmd
        rss_file = None
        if n == 0 and os.access(GNU_TIME, os.X_OK):
            fd, rss_file = tempfile.mkstemp(prefix="bench-rss-")
            os.close(fd)
            run = [GNU_TIME, "-f", "%M", "-o", rss_file] + cmd
        t0 = time.perf_counter()
        p = subprocess.Popen(run, stdin=subprocess.DEVNULL, stdout=log,
                             stderr=subprocess.STDOUT, cwd=opts["--cwd"],
                             start_new_session=True)

        def kill(pid=p.pid, ev=expired):
            ev.set()
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        # A blocking wait4 (Popen.wait(timeout=...) polls with sleeps of up
        # to 50 ms, which would quantize short timings).
        _pid, status, _usage = os.wait4(p.pid, 0)
        dt = time.perf_counter() - t0
        timer.cancel()
        p.returncode = rc = os.waitstatus_to_exitcode(status)
        log.close()
        runs.append(round(dt, 4))
        if rss_file:
            with open(rss_file) as f:
                last = (f.read().strip().splitlines() or [""])[-1]
            os.unlink(rss_file)
            if last.isdigit():
                rss.append(int(last))
        if expired.is_set():
            timed_out = True
            rc = None
        if timed_out or dt >= slow:
            break
    print(json.dumps({"seconds": min(runs), "runs": runs, "rc": rc,
                      "timed_out": timed_out, "timeout": timeout,
                      "max_rss_kib": max(rss) if rss else None}))
    return 0


# ---------------------------------------------------------------- verdicts


def _read(path: str) -> str:
    try:
        with open(path, "r", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def verdict(tool: str, rc, log: str) -> str:
    """Short 'did it flag anything' text for one tool run."""
    text = _read(log)
    if rc is None:
        return "timed out"
    if tool.startswith("mlsec"):
        # mlsec scan: 0 clean, 1 findings at/above --fail-on (win over
        # errors), 2 error / nothing scanned / incomplete scan.
        return {0: "clean", 1: "flagged", 2: "error"}.get(rc, "error") + f" (rc={rc})"
    if tool == "picklescan":
        inf = re.search(r"Infected files: (\d+)", text)
        scanned = re.search(r"Scanned files: (\d+)", text)
        errs = len(re.findall(r"^ERROR", text, re.M))
        if not inf:
            return f"crashed (rc={rc})"
        s = "flagged" if int(inf.group(1)) else "clean"
        s += f": {inf.group(1)}/{scanned.group(1)} files infected"
        if errs:
            s += f", {errs} parse errors"
        return s + f" (rc={rc})"
    if tool == "modelscan":
        issues = re.search(r"Total Issues: (\d+)", text)
        n = int(issues.group(1)) if issues else 0
        errs = len(re.findall(r"^Error \d+:", text, re.M))
        skipped = re.search(r"Total skipped: (\d+)", text)
        if rc == 3:
            s = "nothing scanned (unsupported input)"
        else:
            s = (f"flagged: {n} issues" if n else "clean")
        if errs:
            s += f", {errs} scan errors"
        if skipped:
            s += f", {skipped.group(1)} files skipped"
        return s + f" (rc={rc})"
    if tool.startswith("fickling"):
        extra = ""
        sev = re.findall(r"severity=(\w+)", text)
        if sev:
            extra = ", " + "/".join(sorted(set(sev)))
            if "not a part of the standard library" in text:
                extra += " (non-stdlib imports, e.g. torch)"
        if "resource limits exceeded" in text.lower():
            extra = ", hit its 1M-opcode limit"
        if "failed to parse" in text.lower():
            extra = ", could not parse"
        s = {0: "clean", 1: "flagged", 2: "error"}.get(rc, "error")
        return s + extra + f" (rc={rc})"
    return f"rc={rc}"


def fmt_secs(r: dict) -> str:
    if r["timed_out"]:
        return f">{r['timeout']:.0f}"
    s = r["seconds"]
    txt = f"{s:.4f}" if s < 1 else f"{s:.3f}" if s < 10 else f"{s:.1f}"
    if len(r["runs"]) > 1:
        txt += f" (best of {len(r['runs'])})"
    return txt


def cmd_table(argv: list[str]) -> int:
    rows = []
    with open(argv[0]) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            inp, tool, nbytes, res, log = line.split("\t")
            rows.append((inp, tool, int(nbytes),
                         json.loads(res) if res.startswith("{") else res, log))
    base = {}
    for inp, tool, _n, r, _log in rows:
        if tool == "mlsec" and isinstance(r, dict) and not r["timed_out"]:
            base[inp] = r["seconds"]

    print("| input | tool | seconds | ratio vs mlsec | MiB/s | max RSS MiB | result |")
    print("|---|---|---:|---:|---:|---:|---|")
    for inp, tool, nbytes, r, log in rows:
        if not isinstance(r, dict):  # "n/a: reason"
            print(f"| {inp} | {tool} | n/a | n/a | n/a | n/a | {r} |")
            continue
        secs = r["seconds"]
        if tool == "mlsec":
            ratio = "1.00"
        elif inp in base and base[inp] > 0:
            ratio = f"{secs / base[inp]:.2f}"
            if r["timed_out"]:
                ratio = ">" + ratio
        else:
            ratio = "n/a"
        mibs = "n/a" if r["timed_out"] or secs <= 0 else f"{nbytes / secs / 2**20:.1f}"
        kib = r.get("max_rss_kib")
        rss = "n/a" if kib is None else f"{kib / 1024:.0f}"
        print(f"| {inp} | {tool} | {fmt_secs(r)} | {ratio} | {mibs} | {rss} | "
              f"{verdict(tool, r['rc'], log)} |")
    return 0


def cmd_rate(argv: list[str]) -> int:
    r = json.loads(argv[0])
    n = int(argv[1])
    secs = r["seconds"]
    print(f"{secs:.3f} s for {n / 2**20:.0f} MiB = {n / secs / 2**20:.0f} MiB/s "
          f"(best of {len(r['runs'])})")
    return 0


def cmd_fickling_zip(argv: list[str]) -> int:
    import fickling  # only available inside the peers' venv

    results = fickling.scan_zip_archive(argv[0], graceful=True)
    if not results:
        print("fickling: no pickle members (.pkl/.pickle/.bin) found")
        return 1
    ok = True
    for name, r in results.items():
        print(f"{name}: severity={r.severity.name} errors={len(r.errors)}")
        for a in r.results:
            for line in str(a.to_string()).splitlines():
                print(f"  {line}")
        ok = ok and bool(r)
    return 0 if ok else 1


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    sub, rest = sys.argv[1], sys.argv[2:]
    if sub == "time":
        return cmd_time(rest)
    if sub == "table":
        return cmd_table(rest)
    if sub == "rate":
        return cmd_rate(rest)
    if sub == "fickling-zip":
        return cmd_fickling_zip(rest)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
