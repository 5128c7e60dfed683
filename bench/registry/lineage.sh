#!/usr/bin/env bash
# Lineage query latency on a synthetic 100k-node graph in the embedded
# SQLite registry (issue 4: p95 under 50 ms at depth 10). Prints p50/p95/p99.
# Usage: bench/registry/lineage.sh [NODES] [QUERIES]
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/mlsec/target}"
cargo run --quiet --release -p mlsec-registry --example lineage_bench -- "${1:-100000}" "${2:-1000}"
