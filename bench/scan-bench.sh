#!/usr/bin/env bash
# Wall-clock benchmark of `mlsec scan` against the peer scanners
# (picklescan, modelscan, fickling) on:
#   dense.pkl      ~5M-opcode protocol-4 pickle (bench/gen-inputs.py)
#   big_torch.pt   ~1 GiB torch.save-style zip checkpoint (bench/gen-inputs.py)
#   the picklescan test corpus directory, ../shared/corpus/picklescan/
# and prints a markdown table on stdout (progress goes to stderr).
#
# Environment:
#   MLSEC_BIN             use this mlsec binary instead of building one
#                         (e.g. MLSEC_BIN=/bin/true to test the script)
#   CARGO_TARGET_DIR      respected by the build; the binary is looked up
#                         from cargo's own artifact report
#   MLSEC_BENCH_DIR       inputs + logs (default ~/.cache/mlsec/bench-inputs)
#   MLSEC_BENCH_VENV      peers' venv (default ~/.cache/mlsec/bench-venv)
#   MLSEC_BENCH_TORCH_MB  size of big_torch.pt in MiB (default 1024)
#   MLSEC_BENCH_DENSE_N   ints in dense.pkl (default 5000000)
#   MLSEC_BENCH_TIMEOUT   per-run cap in seconds (default 600)
#   MLSEC_BENCH_SLOW      a first run at least this long is not repeated;
#                         faster ones are best of 3 (default 60)
#   MLSEC_BENCH_TOOLS     subset of "mlsec picklescan modelscan fickling"
#   MLSEC_BENCH_INPUTS    subset of "dense torch corpus"
#
# Scanners exit non-zero when they find something (or fail to parse an
# input); that is reported in the table, not treated as a failure here.
set -uo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
HELPER="$SCRIPT_DIR/bench_helper.py"

VENV="${MLSEC_BENCH_VENV:-$HOME/.cache/mlsec/bench-venv}"
BENCH_DIR="${MLSEC_BENCH_DIR:-$HOME/.cache/mlsec/bench-inputs}"
TIMEOUT="${MLSEC_BENCH_TIMEOUT:-600}"
SLOW="${MLSEC_BENCH_SLOW:-60}"
TOOLS="${MLSEC_BENCH_TOOLS:-mlsec picklescan modelscan fickling}"
INPUTS="${MLSEC_BENCH_INPUTS:-dense torch corpus}"

log() { printf '[scan-bench] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
want() { [[ " $2 " == *" $1 "* ]]; }

CORPUS="$(cd "$REPO_ROOT/../shared/corpus/picklescan" 2>/dev/null && pwd)" ||
  die "corpus not found at $REPO_ROOT/../shared/corpus/picklescan"

# Tools run from a scratch cwd, so every path handed to them must be absolute.
abspath() { [[ "$1" = /* ]] && printf '%s\n' "$1" || printf '%s\n' "$PWD/$1"; }
VENV="$(abspath "$VENV")"
BENCH_DIR="$(abspath "$BENCH_DIR")"
export MLSEC_BENCH_VENV="$VENV"

# --- 1. peers -------------------------------------------------------------
log "setting up peers in $VENV"
PEER_VERSIONS="$(bash "$SCRIPT_DIR/setup-peers.sh")" || die "setup-peers.sh failed"

# --- 2. inputs ------------------------------------------------------------
log "generating inputs in $BENCH_DIR"
INPUT_INFO="$(python3 "$SCRIPT_DIR/gen-inputs.py" "$BENCH_DIR")" || die "gen-inputs.py failed"
DENSE="$BENCH_DIR/dense.pkl"
TORCH="$BENCH_DIR/big_torch.pt"

# --- 3. mlsec -------------------------------------------------------------
if [[ -n "${MLSEC_BIN:-}" ]]; then
  MLSEC="$MLSEC_BIN"
  if [[ "$MLSEC" == */* ]]; then
    MLSEC="$(abspath "$MLSEC")"
  else
    MLSEC="$(type -P "$MLSEC")" || die "MLSEC_BIN=$MLSEC_BIN not found on PATH"
  fi
  log "using MLSEC_BIN=$MLSEC (not building)"
else
  log "building: cargo build --release -p mlsec"
  # json-render-diagnostics: errors/warnings still render on stderr, and
  # stdout carries artifact records with the binary's real path (whatever
  # CARGO_TARGET_DIR or .cargo/config says).
  ARTIFACTS="$(cd "$REPO_ROOT" &&
    cargo build --release -p mlsec --message-format=json-render-diagnostics)" ||
    die "cargo build failed"
  MLSEC="$(printf '%s\n' "$ARTIFACTS" | python3 -c '
import json, sys
exe = ""
for line in sys.stdin:
    try:
        m = json.loads(line)
    except ValueError:
        continue
    if m.get("reason") == "compiler-artifact" and m.get("executable") \
            and m["target"]["name"] == "mlsec":
        exe = m["executable"]
print(exe)')"
  if [[ -z "$MLSEC" ]]; then
    TD="${CARGO_TARGET_DIR:-target}"
    [[ "$TD" = /* ]] || TD="$REPO_ROOT/$TD"
    MLSEC="$TD/release/mlsec"
  fi
fi
[[ -x "$MLSEC" ]] || die "mlsec binary not found or not executable: $MLSEC"

# --- 4. runs --------------------------------------------------------------
STAMP="$(date +%Y%m%d-%H%M%S)"
LOGDIR="$BENCH_DIR/logs/$STAMP"
mkdir -p "$LOGDIR"
# Peers run from an empty scratch dir: modelscan reads ./modelscan-settings.toml
# if present, and fickling would write ./safety_results.json.
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
RESULTS="$LOGDIR/results.tsv"
: >"$RESULTS"

file_bytes() {  # total size of a file or of the files under a directory
  if [[ -d "$1" ]]; then
    find "$1" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}'
  else
    stat -c %s "$1"
  fi
}

timed() {  # timed LOGFILE CMD... -> JSON on stdout
  local logf="$1"; shift
  python3 "$HELPER" time --timeout "$TIMEOUT" --slow "$SLOW" --runs 3 \
    --log "$logf" --cwd "$SCRATCH" -- "$@"
}

bench_one() {  # bench_one LABEL PATH KIND(file|zip|dir)
  local label="$1" path="$2" kind="$3" bytes tool logf res
  local -a cmd
  bytes="$(file_bytes "$path")"
  for tool in mlsec picklescan modelscan fickling; do
    want "$tool" "$TOOLS" || continue
    local name="$tool"
    case "$tool" in
      mlsec) cmd=("$MLSEC" scan "$path" --format json --quiet --output /dev/null) ;;
      picklescan) cmd=("$VENV/bin/picklescan" -p "$path") ;;
      modelscan) cmd=("$VENV/bin/modelscan" -p "$path") ;;
      fickling)
        case "$kind" in
          file) cmd=("$VENV/bin/fickling" --check-safety --json-output /dev/null "$path") ;;
          zip)
            # The CLI only reads raw pickle streams; use fickling's zip scan.
            name="fickling (scan_zip_archive)"
            cmd=("$VENV/bin/python" "$HELPER" fickling-zip "$path") ;;
          dir)
            printf '%s\t%s\t%s\t%s\t%s\n' "$label" fickling "$bytes" \
              "n/a: no directory mode" "" >>"$RESULTS"
            continue ;;
        esac ;;
    esac
    logf="$LOGDIR/${label//[^A-Za-z0-9._-]/_}.$tool.log"
    log "$label: $name"
    res="$(timed "$logf" "${cmd[@]}")" || die "timing helper failed"
    log "  -> $res"
    printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$name" "$bytes" "$res" "$logf" >>"$RESULTS"
  done
}

CAT_LINE=""
if want torch "$INPUTS"; then
  log "warm read of $TORCH"
  cat "$TORCH" >/dev/null
  res="$(python3 "$HELPER" time --timeout "$TIMEOUT" --slow "$SLOW" --runs 3 \
    --log /dev/null -- cat "$TORCH")"
  CAT_LINE="plain read, \`cat big_torch.pt > /dev/null\` (warm page cache): $(
    python3 "$HELPER" rate "$res" "$(file_bytes "$TORCH")")"
fi

want dense "$INPUTS" && bench_one dense.pkl "$DENSE" file
want torch "$INPUTS" && bench_one big_torch.pt "$TORCH" zip
want corpus "$INPUTS" &&
  bench_one "corpus/picklescan ($(find "$CORPUS" -type f | wc -l) files)" "$CORPUS" dir

# --- 5. report ------------------------------------------------------------
echo "## mlsec scan benchmark ($STAMP)"
echo
echo "- machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- mlsec: $MLSEC"
echo "- peers: $(printf '%s' "$PEER_VERSIONS" | grep '==' | tr '\n' ' ')"
printf '%s\n' "$INPUT_INFO" | sed 's/^/- /'
[[ -n "$CAT_LINE" ]] && echo "- $CAT_LINE"
echo "- runs: best of 3 unless the first run took >= ${SLOW}s; capped at ${TIMEOUT}s; logs in $LOGDIR"
echo
python3 "$HELPER" table "$RESULTS"
