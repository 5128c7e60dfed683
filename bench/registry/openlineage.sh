#!/usr/bin/env bash
# OpenLineage ingestion throughput of `mlsec serve` (issue 4): 10,000 events
# over HTTP, on the embedded SQLite registry and, when MLSEC_BENCH_PG_URL
# names an empty PostgreSQL database, on PostgreSQL. Then the OpenLineage
# Python client (from bench/registry/setup-venv.sh) emits through its own
# transport to check that a real emitter is accepted unchanged.
# Usage: bench/registry/openlineage.sh [EVENTS] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/mlsec/target}"
cargo build --quiet --release -p mlsec
mlsec="$CARGO_TARGET_DIR/release/mlsec"
py=$(bench/registry/setup-venv.sh 2>/dev/null || echo python3)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
run() { # $1 label, rest: store arguments
  local label=$1; shift
  "$mlsec" serve --listen 127.0.0.1:0 "$@" 2>"$work/serve.log" &
  for _ in $(seq 100); do grep -q 'serving on' "$work/serve.log" && break; sleep 0.1; done
  local token url
  token=$(grep -o 'mlsec_[0-9a-f]*' "$work/serve.log" | head -1)
  url=$(grep -o 'http://[0-9.:]*' "$work/serve.log" | head -1)
  echo "== $label"
  "$py" bench/registry/ingest.py "$url" "$token" "${EVENTS:-${1:-10000}}" "${THREADS:-4}"
  kill %% 2>/dev/null || true; wait 2>/dev/null || true
}
EVENTS=${1:-10000} THREADS=${2:-4} run "SQLite (embedded)" --data-dir "$work/sqlite"
if [ -n "${MLSEC_BENCH_PG_URL:-}" ]; then
  EVENTS=${1:-10000} THREADS=${2:-4} run "PostgreSQL" --database "$MLSEC_BENCH_PG_URL"
fi
echo "Marquez publishes no ingestion throughput figure (its performance-test issue, MarquezProject/marquez#2118, is open), so there is no peer number to print."
