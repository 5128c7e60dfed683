#!/usr/bin/env python3
"""Per-file detection table: mlsec vs. picklescan, modelscan and fickling.

Usage:
    python3 bench/detection-table.py [options] > detection.md

Runs every scanner over two labelled sets of files and prints markdown on
stdout (progress goes to stderr):

  corpus    the public picklescan test corpus, <corpus>/data and <corpus>/data2
            (default ../shared/corpus/picklescan next to the repo). The
            files listed in CORPUS_BENIGN are benign, every other file is
            malicious.
  fixtures  mlsec's generated fixtures (make_fixtures.py is run into a temp
            dir; its manifest.json gives file / label / why) plus the
            committed real joblib fixtures under
            crates/mlsec-model-scan/resources/test/fixtures/joblib/{benign,malicious}/
            (label = folder name).
  bypass    techniques collected from scanner advisories and loader source
            (make_bypass_fixtures.py, with its index.tsv giving the source of
            each) plus benign files written by scikit-learn, pandas, SciPy,
            xgboost and LightGBM (fixtures/library/benign/).

Output sections:
  (a) summary per set and tool: malicious files flagged / total (recall),
      benign files flagged (false positives), errors, files the tool
      cannot read (n/a);
  (b) per-file table of the malicious files at least one tool missed, with
      each tool's outcome and the "why" from the manifest;
  (c) per-file table of the benign files at least one tool flagged.

What "flagged" means per tool:
  mlsec       max finding severity >= high, taken from ONE
              `mlsec scan FILES... --format json` run per set. Verdict
              could-not-scan without such a finding counts as an error.
  picklescan  `picklescan -p FILE` (one file at a time, so picklescan's
              directory-walk extension filter does not hide files) prints a
              "dangerous import ... FOUND" line. "ERROR: parsing pickle",
              "could not parse ... as pickle", a bad zip member, a crash or a
              missing summary count as an error.
  modelscan   `modelscan -p FILE -r json -o REPORT` (one file at a time, run
              from an empty scratch cwd because modelscan reads
              ./modelscan-settings.toml) reports an issue of severity HIGH or
              CRITICAL. Entries in the report's "errors" list count as an
              error; a report with nothing scanned and no error means
              modelscan does not handle the format (n/a).
  fickling    `fickling --check-safety FILE` exits 1 (unsafe). Its CLI only
              reads raw pickle streams, so files sniffed as NumPy .npy,
              gzip/bz2/xz/lzma/lz4/zlib, 7z or tar are n/a. ZIP files
              (PyTorch .pt, .npz, plain zips) go through
              `bench_helper.py fickling-zip` (fickling.scan_zip_archive, what
              fickling itself uses for Hugging Face repos), marked "(zip API)";
              a zip with no pickle member is n/a there. Exit 2 ("failed to
              parse") or a traceback counts as an error.
  Every peer run is capped at --timeout seconds (default 60); a timeout
  counts as an error.

Outcomes are exclusive: flagged > error > n/a > clean. "flagged despite
error" counts files a tool flagged while also reporting a parse error
(e.g. picklescan on a truncated pickle).

Options:
  --mlsec BIN      mlsec binary (default target/release/mlsec in the repo)
  --venv DIR       peers' venv (default $MLSEC_BENCH_VENV or
                   ~/.cache/mlsec/bench-venv; see bench/setup-peers.sh)
  --corpus DIR     picklescan corpus root (default ../shared/corpus/picklescan)
  --fixtures-dir D generate the fixtures into D and keep them (default: a
                   temp dir that is removed at the end)
  --sets S         comma-separated subset of "corpus,fixtures,bypass"
  --tools T        comma-separated subset of "mlsec,picklescan,modelscan,fickling"
  --timeout S      per-file cap for peer runs (default 60)
  --jobs N         peer runs in parallel (default 1; the machine is shared)
  --json FILE      also dump every per-file outcome as JSON to FILE

Stdlib only; needs Python >= 3.9. Exit status 0 unless setup fails (the
scanners' own exit codes are interpreted, never treated as failures).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH_DIR)
HELPER = os.path.join(BENCH_DIR, "bench_helper.py")
TEST_RES = os.path.join(REPO, "crates", "mlsec-model-scan", "resources", "test")
MAKE_FIXTURES = os.path.join(TEST_RES, "gen", "make_fixtures.py")
JOBLIB_FIXTURES = os.path.join(TEST_RES, "fixtures", "joblib")
MAKE_BYPASS = os.path.join(TEST_RES, "gen", "make_bypass_fixtures.py")
LIBRARY_FIXTURES = os.path.join(TEST_RES, "fixtures", "library", "benign")

TOOLS = ("mlsec", "picklescan", "modelscan", "fickling")
SETS = ("corpus", "fixtures", "bypass")

# Benign files of the picklescan corpus (paths relative to the corpus root);
# everything else under data/ and data2/ is malicious.
CORPUS_BENIGN = {
    "data/benign0_v0.pkl", "data/benign0_v3.pkl", "data/benign0_v4.pkl",
    "data/benign_password_protected.zip", "data/new_pytorch_model.bin",
    "data/pytorch_model.bin", "data/bad_pytorch.pt", "data/not_a_pickle.bin",
    "data2/int_array.npy", "data2/int_arrays.npz",
    "data2/int_arrays_compressed.npz", "data2/object_array.npy",
    "data2/object_arrays.npz", "data2/object_arrays_compressed.npz",
}

# "why" text for the committed joblib fixtures (see
# resources/test/gen/make_joblib_fixtures.py, which made them with real
# joblib / scikit-learn).
JOBLIB_WHY = {
    "payload_after_array": "real joblib.dump of [np.arange(64.0), Payload()]: "
                           "os.system call after inline numpy array bytes",
    "payload_after_object_array": "real joblib.dump of {'o': object ndarray, 'p': Payload()}: "
                                  "os.system call after an object array",
    "payload_in_object_array": "real joblib.dump of an object ndarray holding Payload(): "
                               "os.system call inside the array's pickled items",
}
JOBLIB_COMPRESSION = {"joblib": "uncompressed", "joblib.z": "zlib", "joblib.xz": "xz"}

SEVERITIES = ["info", "low", "medium", "high", "critical"]

# Outcome states, in precedence order.
FLAGGED, ERROR, NA, CLEAN = "flagged", "error", "n/a", "clean"


def log(msg: str) -> None:
    print(f"[detection-table] {msg}", file=sys.stderr, flush=True)


@dataclass
class Sample:
    path: str    # absolute path
    name: str    # display name, relative to the set's root
    label: str   # "malicious" | "benign"
    why: str = ""


@dataclass
class Outcome:
    state: str             # FLAGGED | ERROR | NA | CLEAN
    note: str = ""         # short detail shown in the per-file tables
    had_error: bool = False  # tool reported an error (also when flagged)

    def cell(self) -> str:
        """Text for a per-file table cell."""
        word = {FLAGGED: "flagged", ERROR: "**error**", NA: "n/a",
                CLEAN: "**missed**"}[self.state]
        return f"{word} ({self.note})" if self.note else word


@dataclass
class Context:
    mlsec: str
    venv: str
    scratch: str   # empty cwd for the peers (modelscan-settings.toml!)
    outdir: str    # per-run reports (kept out of the scratch cwd)
    timeout: float
    counter: list = field(default_factory=lambda: [0])


# --------------------------------------------------------------- running


def run(cmd: list[str], cwd: str, timeout: float) -> tuple[int | None, str]:
    """Run cmd (stdin /dev/null, stderr merged into stdout) in its own
    process group; on timeout kill the whole group. Returns (rc, output);
    rc is None on timeout."""
    p = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         start_new_session=True)
    try:
        out, _ = p.communicate(timeout=timeout)
        return p.returncode, out.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, _ = p.communicate()
        return None, out.decode("utf-8", "replace")


def first_line(text: str, pattern: str, limit: int = 60) -> str:
    """First line of text matching pattern, shortened for a table cell."""
    m = re.search(pattern, text, re.M)
    if not m:
        return ""
    line = text[m.start():].splitlines()[0].strip()
    return line if len(line) <= limit else line[: limit - 1] + "…"


# ----------------------------------------------------------------- mlsec


def scan_mlsec(ctx: Context, samples: list[Sample], set_name: str) -> dict[str, Outcome]:
    """One `mlsec scan` run over all files of a set; outcome per file."""
    report = os.path.join(ctx.outdir, f"mlsec-{set_name}.json")
    cmd = [ctx.mlsec, "scan", *[s.path for s in samples],
           "--format", "json", "--quiet", "--output", report]
    rc, out = run(cmd, ctx.scratch, timeout=max(600.0, ctx.timeout))
    try:
        with open(report) as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        note = f"no JSON report (rc={rc}): {e}"
        log(f"mlsec on {set_name}: {note}\n{out[-2000:]}")
        return {s.path: Outcome(ERROR, note, True) for s in samples}
    by_path = {os.path.abspath(f["path"]): f for f in data.get("files", [])}
    res = {}
    for s in samples:
        f = by_path.get(s.path)
        if f is None:
            res[s.path] = Outcome(ERROR, "file missing from report", True)
            continue
        sevs = [x.get("severity", "info") for x in f.get("findings", [])]
        top = max(sevs, key=SEVERITIES.index) if sevs else None
        verdict = f.get("verdict", "?")
        # e.g. "malicious, max critical"; just "max info" on a clean file.
        parts = [] if verdict == "clean" else [verdict]
        if top:
            parts.append(f"max {top}")
        note = ", ".join(parts)
        is_err = verdict == "could-not-scan"
        if top in ("high", "critical"):
            res[s.path] = Outcome(FLAGGED, note, is_err)
        elif is_err:
            res[s.path] = Outcome(ERROR, note, True)
        else:
            res[s.path] = Outcome(CLEAN, note)
    return res


# ------------------------------------------------------------ picklescan


def scan_picklescan(ctx: Context, s: Sample) -> Outcome:
    rc, out = run([os.path.join(ctx.venv, "bin", "picklescan"), "-p", s.path],
                  ctx.scratch, ctx.timeout)
    if rc is None:
        return Outcome(ERROR, f"timeout {ctx.timeout:.0f}s", True)
    # One line per dangerous global:  "<file>: dangerous import 'mod name' FOUND"
    # (sorted: picklescan's order comes from a set and varies between runs)
    dangerous = sorted(set(re.findall(r": dangerous import '([^']*)' FOUND", out)))
    err = (first_line(out, r"^ERROR: parsing pickle") and "parse error"
           or first_line(out, r"could not parse .* as pickle") and "could not parse as pickle"
           or first_line(out, r"^Invalid file .* in zip archive") and "bad zip member"
           or ("Unhandled exception" in out or "Traceback" in out) and "crashed"
           or "SCAN SUMMARY" not in out and f"no summary (rc={rc})"
           or "")
    if dangerous:
        note = dangerous[0] + (f" +{len(dangerous) - 1}" if len(dangerous) > 1 else "")
        if err:
            note += f"; {err}"
        return Outcome(FLAGGED, note, bool(err))
    if err:
        return Outcome(ERROR, err, True)
    sus = re.search(r"Suspicious globals: (\d+)", out)
    return Outcome(CLEAN, f"{sus.group(1)} suspicious" if sus and sus.group(1) != "0" else "")


# ------------------------------------------------------------- modelscan


def scan_modelscan(ctx: Context, s: Sample) -> Outcome:
    with ctx_lock:
        ctx.counter[0] += 1
        report = os.path.join(ctx.outdir, f"modelscan-{ctx.counter[0]}.json")
    rc, out = run([os.path.join(ctx.venv, "bin", "modelscan"), "-p", s.path,
                   "-r", "json", "-o", report], ctx.scratch, ctx.timeout)
    if rc is None:
        return Outcome(ERROR, f"timeout {ctx.timeout:.0f}s", True)
    try:
        with open(report) as f:
            data = json.load(f)
    except (OSError, ValueError):
        return Outcome(ERROR, f"no JSON report (rc={rc})", True)
    issues = data.get("issues") or []
    errors = data.get("errors") or []
    scanned = (data.get("summary", {}).get("scanned") or {}).get("total_scanned", 0)
    high = [i for i in issues if str(i.get("severity", "")).upper() in ("HIGH", "CRITICAL")]
    err = ""
    if errors:
        e = errors[0]
        err = f"{e.get('category', 'error')}: {e.get('description', '')}"
        err = err if len(err) <= 60 else err[:59] + "…"
    if high:
        i = high[0]
        note = f"{i.get('severity')} {i.get('module', '?')}.{i.get('operator', '?')}"
        if len(high) > 1:
            note += f" +{len(high) - 1}"
        return Outcome(FLAGGED, note + (f"; {err}" if err else ""), bool(err))
    if errors:
        return Outcome(ERROR, err, True)
    if not scanned:
        return Outcome(NA, "nothing scanned")
    low = sorted({str(i.get("severity", "?")) for i in issues})
    return Outcome(CLEAN, ("only " + "/".join(low)) if low else "")


# -------------------------------------------------------------- fickling


def sniff(path: str) -> str | None:
    """Container / compression format the fickling CLI cannot read, "zip",
    or None (possibly a raw pickle stream)."""
    with open(path, "rb") as f:
        head = f.read(512)
    if head.startswith(b"\x93NUMPY"):
        return "numpy .npy"
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"):
        return "zip"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"BZh"):
        return "bz2"
    if head.startswith(b"\xfd7zXZ\x00"):
        return "xz"
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        return "7z"
    if head.startswith(b"\x04\x22\x4d\x18"):
        return "lz4"
    if len(head) >= 262 and head[257:262] == b"ustar":
        return "tar"
    # lzma "alone" header: properties byte 0x5d, then a little-endian dict
    # size; "\x00" is no pickle opcode, so "]\x00\x00" cannot start a pickle.
    if head[:3] == b"\x5d\x00\x00":
        return "lzma"
    # zlib (joblib .z): CMF 0x78 ('x' is no pickle opcode) + FCHECK.
    if len(head) >= 2 and head[0] == 0x78 and (head[0] << 8 | head[1]) % 31 == 0:
        return "zlib"
    return None


def scan_fickling(ctx: Context, s: Sample) -> Outcome:
    kind = sniff(s.path)
    if kind == "zip":
        # The CLI only reads raw pickles; use fickling's own zip scan.
        rc, out = run([os.path.join(ctx.venv, "bin", "python"), HELPER,
                       "fickling-zip", s.path], ctx.scratch, ctx.timeout)
        if rc is None:
            return Outcome(ERROR, f"zip API, timeout {ctx.timeout:.0f}s", True)
        if "Traceback" in out:
            exc = first_line(out, r"^\w+(Error|Exception)\b") or "traceback"
            return Outcome(ERROR, f"zip API: {exc}", True)
        if "no pickle members" in out:
            return Outcome(NA, "zip API: no pickle member")
        sevs = sorted(set(re.findall(r"severity=(\w+)", out)))
        note = "zip API" + (": " + "/".join(sevs) if sevs else "")
        if rc == 0:
            return Outcome(CLEAN, note)
        if rc == 1:
            return Outcome(FLAGGED, note)
        return Outcome(ERROR, f"{note}, rc={rc}", True)
    if kind is not None:
        return Outcome(NA, kind)
    with ctx_lock:
        ctx.counter[0] += 1
        report = os.path.join(ctx.outdir, f"fickling-{ctx.counter[0]}.json")
    rc, out = run([os.path.join(ctx.venv, "bin", "fickling"), "--check-safety",
                   "--json-output", report, s.path], ctx.scratch, ctx.timeout)
    if rc is None:
        return Outcome(ERROR, f"timeout {ctx.timeout:.0f}s", True)
    try:
        with open(report, errors="replace") as f:
            # A multi-pickle file (legacy torch) gets one object per pickle.
            sevs = re.findall(r'"severity":\s*"(\w+)"', f.read())
    except OSError:
        sevs = []
    note = "/".join(sorted(set(sevs)))
    if "Traceback" in out and rc != 0:
        exc = first_line(out, r"^\w+(Error|Exception)\b") or "traceback"
        return Outcome(ERROR, f"crashed: {exc}", True)
    if rc == 0:
        return Outcome(CLEAN, note)
    if rc == 1:
        return Outcome(FLAGGED, note)
    if "failed to parse" in out.lower():
        return Outcome(ERROR, "failed to parse", True)
    return Outcome(ERROR, f"rc={rc}", True)


ctx_lock = threading.Lock()  # guards Context.counter (report names)
PEERS = {"picklescan": scan_picklescan, "modelscan": scan_modelscan,
         "fickling": scan_fickling}


# ------------------------------------------------------------------ sets


def corpus_samples(root: str) -> list[Sample]:
    out = []
    for sub in ("data", "data2"):
        d = os.path.join(root, sub)
        for dirpath, _dirs, files in os.walk(d):
            for fn in files:
                p = os.path.join(dirpath, fn)
                rel = os.path.relpath(p, root)
                label = "benign" if rel in CORPUS_BENIGN else "malicious"
                out.append(Sample(os.path.abspath(p), rel, label))
    missing = CORPUS_BENIGN - {s.name for s in out}
    if missing:
        log(f"warning: benign corpus files not found: {sorted(missing)}")
    return sorted(out, key=lambda s: s.name)


def fixture_samples(gen_dir: str) -> list[Sample]:
    log(f"generating fixtures into {gen_dir}")
    subprocess.run([sys.executable, MAKE_FIXTURES, gen_dir], check=True,
                   stdout=subprocess.DEVNULL)
    with open(os.path.join(gen_dir, "manifest.json")) as f:
        manifest = json.load(f)
    out = [Sample(os.path.abspath(os.path.join(gen_dir, m["file"])), m["file"],
                  m["label"], m.get("why", "")) for m in manifest]
    for label in ("benign", "malicious"):
        d = os.path.join(JOBLIB_FIXTURES, label)
        for fn in sorted(os.listdir(d)):
            base, _, ext = fn.partition(".")
            comp = JOBLIB_COMPRESSION.get(ext, ext)
            why = JOBLIB_WHY.get(base, f"real joblib.dump of a scikit-learn / numpy object ({base})")
            out.append(Sample(os.path.join(d, fn), f"joblib/{label}/{fn}", label,
                              f"{why}; {comp}"))
    return out


def bypass_samples(gen_dir: str) -> list[Sample]:
    log(f"generating bypass fixtures into {gen_dir}")
    subprocess.run([sys.executable, MAKE_BYPASS, gen_dir], check=True, stdout=subprocess.DEVNULL)
    why = {}
    with open(os.path.join(gen_dir, "index.tsv")) as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 4:
                why[parts[1]] = f"{parts[2]}; {parts[3]}"
    out = []
    for label in ("malicious", "benign"):
        d = os.path.join(gen_dir, label)
        for fn in sorted(os.listdir(d)):
            out.append(Sample(os.path.join(d, fn), f"{label}/{fn}", label, why.get(fn, "")))
    for fn in sorted(os.listdir(LIBRARY_FIXTURES)):
        out.append(Sample(os.path.join(LIBRARY_FIXTURES, fn), f"library/{fn}", "benign",
                          "written by the real library (make_library_fixtures.py)"))
    return out


# ---------------------------------------------------------------- report


def summarize(set_name: str, samples: list[Sample], results: dict, tools) -> list[str]:
    """Rows of the summary table for one set."""
    mal = [s for s in samples if s.label == "malicious"]
    ben = [s for s in samples if s.label == "benign"]
    rows = []
    for t in tools:
        r = results[t]
        tp = sum(r[s.path].state == FLAGGED for s in mal)
        fp = sum(r[s.path].state == FLAGGED for s in ben)
        errs = sum(r[s.path].state == ERROR for s in samples)
        err_flag = sum(r[s.path].state == FLAGGED and r[s.path].had_error for s in samples)
        na = sum(r[s.path].state == NA for s in samples)
        na_mal = sum(r[s.path].state == NA for s in mal)
        recall = f"{100 * tp / len(mal):.1f}%" if mal else "n/a"
        rows.append(f"| {set_name} | {t} | {tp} / {len(mal)} | {recall} | "
                    f"{fp} / {len(ben)} | {errs} | {err_flag} | {na} ({na_mal} malicious) |")
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mlsec", default=os.path.join(REPO, "target", "release", "mlsec"))
    ap.add_argument("--venv", default=os.environ.get(
        "MLSEC_BENCH_VENV", os.path.expanduser("~/.cache/mlsec/bench-venv")))
    ap.add_argument("--corpus", default=os.path.join(os.path.dirname(REPO), "shared",
                                                     "corpus", "picklescan"))
    ap.add_argument("--fixtures-dir")
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--tools", default=",".join(TOOLS))
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--json")
    args = ap.parse_args()

    sets = [x for x in args.sets.split(",") if x]
    tools = [x for x in args.tools.split(",") if x]
    for x in sets:
        if x not in SETS:
            ap.error(f"unknown set {x!r}")
    for x in tools:
        if x not in TOOLS:
            ap.error(f"unknown tool {x!r}")
    mlsec = os.path.abspath(args.mlsec)
    venv = os.path.abspath(os.path.expanduser(args.venv))
    if "mlsec" in tools and not os.access(mlsec, os.X_OK):
        ap.error(f"mlsec binary not found: {mlsec}")
    for t in tools:
        if t != "mlsec" and not os.access(os.path.join(venv, "bin", t), os.X_OK):
            ap.error(f"{t} not in {venv}/bin (run bench/setup-peers.sh)")

    tmp = tempfile.mkdtemp(prefix="mlsec-detect-")
    try:
        scratch = os.path.join(tmp, "cwd")      # stays empty
        outdir = os.path.join(tmp, "reports")
        os.makedirs(scratch)
        os.makedirs(outdir)
        ctx = Context(mlsec, venv, scratch, outdir, args.timeout)

        samples: dict[str, list[Sample]] = {}
        if "corpus" in sets:
            samples["corpus"] = corpus_samples(os.path.abspath(args.corpus))
        if "fixtures" in sets:
            gen = os.path.abspath(args.fixtures_dir) if args.fixtures_dir \
                else os.path.join(tmp, "fixtures")
            samples["fixtures"] = fixture_samples(gen)
        if "bypass" in sets:
            samples["bypass"] = bypass_samples(os.path.join(tmp, "bypass"))

        # results[set][tool][path] -> Outcome
        results: dict[str, dict[str, dict[str, Outcome]]] = {}
        for set_name, ss in samples.items():
            results[set_name] = {}
            if "mlsec" in tools:
                log(f"{set_name}: mlsec on {len(ss)} files (one run)")
                results[set_name]["mlsec"] = scan_mlsec(ctx, ss, set_name)
            for t in tools:
                if t == "mlsec":
                    continue
                log(f"{set_name}: {t} on {len(ss)} files, one at a time")
                with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as ex:
                    outs = list(ex.map(lambda s, fn=PEERS[t]: fn(ctx, s), ss))
                results[set_name][t] = {s.path: o for s, o in zip(ss, outs)}
            if os.listdir(scratch):
                log(f"warning: a tool wrote into the scratch cwd: {os.listdir(scratch)}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    # ---- (a) summary
    print("## Detection table: mlsec vs picklescan / modelscan / fickling")
    print()
    print(f"- mlsec: `{mlsec}`; peers from `{venv}`; per-file peer timeout {args.timeout:.0f} s")
    for set_name, ss in samples.items():
        nm = sum(s.label == "malicious" for s in ss)
        print(f"- {set_name}: {len(ss)} files ({nm} malicious, {len(ss) - nm} benign)")
    print("- flagged: mlsec max severity >= high; picklescan \"dangerous import\"; "
          "modelscan HIGH/CRITICAL issue; fickling `--check-safety` rc 1 "
          "(zip files via `fickling.scan_zip_archive`, marked \"zip API\")")
    print("- errors: not flagged and the tool reported a parse/scan error, crashed "
          "or timed out; n/a: the tool does not read the format "
          "(modelscan scanned nothing, fickling CLI on non-pickle formats); "
          "recall counts n/a and errors as misses")
    print()
    print("### (a) Summary")
    print()
    print("| set | tool | malicious flagged | recall | benign flagged (FP) | "
          "errors | flagged despite error | n/a |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for set_name, ss in samples.items():
        for row in summarize(set_name, ss, results[set_name], tools):
            print(row)

    # ---- (b) malicious files missed by at least one tool
    print()
    print("### (b) Malicious files missed by at least one tool")
    print()
    print("| set | file | " + " | ".join(tools) + " | why |")
    print("|---|---|" + "---|" * len(tools) + "---|")
    for set_name, ss in samples.items():
        for s in ss:
            if s.label != "malicious":
                continue
            outs = [results[set_name][t][s.path] for t in tools]
            if all(o.state == FLAGGED for o in outs):
                continue
            cells = " | ".join(md(o.cell()) for o in outs)
            print(f"| {set_name} | `{s.name}` | {cells} | {md(s.why)} |")

    # ---- (c) benign files flagged by at least one tool
    print()
    print("### (c) Benign files flagged by at least one tool")
    print()
    print("| set | file | " + " | ".join(tools) + " | why |")
    print("|---|---|" + "---|" * len(tools) + "---|")
    for set_name, ss in samples.items():
        for s in ss:
            if s.label != "benign":
                continue
            outs = [results[set_name][t][s.path] for t in tools]
            if not any(o.state == FLAGGED for o in outs):
                continue
            cells = " | ".join(md(benign_cell(o)) for o in outs)
            print(f"| {set_name} | `{s.name}` | {cells} | {md(s.why)} |")

    if args.json:
        dump = [{"set": set_name, "file": s.name, "label": s.label, "why": s.why,
                 **{t: vars(results[set_name][t][s.path]) for t in tools}}
                for set_name, ss in samples.items() for s in ss]
        with open(args.json, "w") as f:
            json.dump(dump, f, indent=1)
    return 0


def benign_cell(o: Outcome) -> str:
    """On a benign file, flagged is the bad outcome and clean the good one."""
    word = {FLAGGED: "**FLAGGED**", ERROR: "error", NA: "n/a", CLEAN: "clean"}[o.state]
    return f"{word} ({o.note})" if o.note else word


def md(text: str) -> str:
    """Make text safe inside a markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


if __name__ == "__main__":
    sys.exit(main())
