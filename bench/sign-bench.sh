#!/usr/bin/env bash
# Wall-clock benchmark of `mlsec sign` against `model_signing sign key`
# (model-signing 1.1.1, the OpenSSF reference tool) on
#   one.bin   one 4 GiB file
#   dir200/   200 files totalling 4 GiB
# plus the hashing ceiling of the same data with the same cores:
# `sha256sum` (one process per file, as many in parallel as there are cores)
# and `b3sum` (multi-threaded). Prints a markdown table and the ratios.
# Page cache is warm for every tool (one untimed run first); inputs are
# random bytes (not compressible, not sparse).
#
# Environment:
#   MLSEC_BENCH_DIR     inputs (default ~/.cache/mlsec/bench-inputs/sign)
#   MLSEC_SIGN_GIB      total size in GiB (default 4)
#   MLSEC_BENCH_RUNS    timed runs per tool, best kept (default 3)
#   MLSEC_BIN           a prebuilt mlsec binary (default: cargo build --release)
set -euo pipefail
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$SCRIPT_DIR/.." && pwd)"
DIR="${MLSEC_BENCH_DIR:-$HOME/.cache/mlsec/bench-inputs/sign}"
GIB="${MLSEC_SIGN_GIB:-4}"
RUNS="${MLSEC_BENCH_RUNS:-3}"
CORES="$(nproc)"
log() { printf '[sign-bench] %s\n' "$*" >&2; }

if [[ -z "${MLSEC_BIN:-}" ]]; then
  log "building mlsec (release)"
  (cd "$REPO" && cargo build --release --locked -q -p mlsec)
  MLSEC_BIN="${CARGO_TARGET_DIR:-$REPO/target}/release/mlsec"
fi
PY="$(bash "$REPO/crates/mlsec/tests/interop/setup-venv.sh")"
MS="$(dirname "$PY")/model_signing"
TOOLS="$HOME/.cache/mlsec/tools"
if [[ ! -x "$TOOLS/bin/b3sum" ]]; then
  log "installing b3sum into $TOOLS"
  cargo install --quiet --root "$TOOLS" --locked b3sum@1.8.2 >&2
fi
B3SUM="$TOOLS/bin/b3sum"

mkdir -p "$DIR"
bytes=$((GIB * 1024 * 1024 * 1024))
if [[ ! -f "$DIR/one.bin" || "$(stat -c %s "$DIR/one.bin")" != "$bytes" ]]; then
  log "writing $DIR/one.bin ($GIB GiB of random bytes)"
  head -c "$bytes" /dev/urandom >"$DIR/one.bin"
fi
if [[ ! -d "$DIR/dir200" || "$(ls "$DIR/dir200" | wc -l)" != 200 ]]; then
  log "splitting into $DIR/dir200 (200 files)"
  rm -rf "$DIR/dir200" && mkdir -p "$DIR/dir200"
  split -n 200 -d -a 3 "$DIR/one.bin" "$DIR/dir200/part-"
fi
KEYS="$DIR/keys"
if [[ ! -f "$KEYS/p256.pem" ]]; then
  "$PY" "$REPO/crates/mlsec/tests/interop/make_pki.py" "$KEYS" >/dev/null
fi

# best-of-N wall time of a command, in seconds
best() {
  local best="" t0 t1 dt
  "$@" >/dev/null 2>&1 || { log "FAILED: $*"; echo "fail"; return; }
  for _ in $(seq "$RUNS"); do
    t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N)
    dt=$(echo "$t1 - $t0" | bc -l)
    if [[ -z "$best" ]] || (( $(echo "$dt < $best" | bc -l) )); then best=$dt; fi
  done
  printf '%.3f' "$best"
}
sha_par() { find "$1" -type f -print0 | xargs -0 -P "$CORES" -n 1 sha256sum; }
sha_one() { sha256sum "$1"; }
b3_dir() { "$B3SUM" "$1"/*; }
ossl_par() { find "$1" -type f -print0 | xargs -0 -P "$CORES" -n 16 openssl dgst -sha256; }

SIG="$DIR/out.sig"
echo "| input | tool | seconds | GB/s |"
echo "|---|---|---:|---:|"
declare -A T
for input in one.bin dir200; do
  p="$DIR/$input"
  T[$input,ms]=$(best "$MS" sign key "$p" --private_key "$KEYS/p256.pem" --signature "$SIG")
  T[$input,mlsec]=$(best "$MLSEC_BIN" sign "$p" --private-key "$KEYS/p256.pem" --signature "$SIG" -q)
  T[$input,mlsec_shards]=$(best "$MLSEC_BIN" sign "$p" --private-key "$KEYS/p256.pem" --signature "$SIG" -q --shards)
  T[$input,mlsec_b3]=$(best "$MLSEC_BIN" sign "$p" --private-key "$KEYS/p256.pem" --signature "$SIG" -q --hash blake3)
  if [[ $input == one.bin ]]; then T[$input,sha]=$(best sha_one "$p"); else T[$input,sha]=$(best sha_par "$p"); fi
  T[$input,ossl]=$(best ossl_par "$p")
  if [[ $input == one.bin ]]; then T[$input,b3]=$(best "$B3SUM" "$p"); else T[$input,b3]=$(best b3_dir "$p"); fi
  for tool in "ms:model_signing sign key (sha256, files)" "mlsec:mlsec sign (sha256, files)" \
              "mlsec_shards:mlsec sign --shards (sha256, 1 GB shards)" "mlsec_b3:mlsec sign --hash blake3" \
              "sha:sha256sum ($([[ $input == one.bin ]] && echo 1 process || echo "$CORES in parallel"))" \
              "ossl:openssl dgst -sha256 (SHA-NI; $([[ $input == one.bin ]] && echo 1 process || echo "$CORES in parallel"))" "b3:b3sum"; do
    k=${tool%%:*}; name=${tool#*:}; t=${T[$input,$k]}
    gbs=$(echo "$bytes / $t / 1000000000" | bc -l 2>/dev/null || echo 0)
    printf '| %s | %s | %s | %.2f |\n' "$input" "$name" "$t" "$gbs"
  done
done
echo
echo "Ratios (higher is better for mlsec):"
for input in one.bin dir200; do
  printf -- '- %s: model_signing / mlsec = %.1fx (sha256 files); model_signing / mlsec --shards = %.1fx; model_signing / mlsec blake3 = %.1fx\n' \
    "$input" "$(echo "${T[$input,ms]} / ${T[$input,mlsec]}" | bc -l)" "$(echo "${T[$input,ms]} / ${T[$input,mlsec_shards]}" | bc -l)" \
    "$(echo "${T[$input,ms]} / ${T[$input,mlsec_b3]}" | bc -l)"
  printf -- '- %s: mlsec sha256 speed as a share of sha256sum with the same cores = %.0f%%, of openssl dgst = %.0f%%; mlsec blake3 as a share of b3sum = %.0f%%\n' \
    "$input" "$(echo "100 * ${T[$input,sha]} / ${T[$input,mlsec]}" | bc -l)" "$(echo "100 * ${T[$input,ossl]} / ${T[$input,mlsec]}" | bc -l)" \
    "$(echo "100 * ${T[$input,b3]} / ${T[$input,mlsec_b3]}" | bc -l)"
done
echo
echo "Versions: $("$MLSEC_BIN" --version), model-signing $("$PY" -c 'import importlib.metadata as m; print(m.version("model-signing"))'), $(sha256sum --version | head -1), $("$B3SUM" --version)"
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%Y-%m-%d)"
