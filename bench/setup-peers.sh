#!/usr/bin/env bash
# Install the peer scanners (picklescan, modelscan, fickling) into a venv
# outside the repo, for bench/scan-bench.sh.
#
#   MLSEC_BENCH_VENV    venv location (default ~/.cache/mlsec/bench-venv)
#   MLSEC_BENCH_PYTHON  python used to create the venv (default: the first of
#                       python3.12 python3.11 python3.10 python3 whose version
#                       is in 3.10..3.12, which is what modelscan supports)
#
# Idempotent: if the venv already has the pinned versions, nothing is
# downloaded. Prints "name==version" for each pinned package at the end and
# writes the full `pip freeze` to $VENV/bench-freeze.txt.
set -euo pipefail

VENV="${MLSEC_BENCH_VENV:-$HOME/.cache/mlsec/bench-venv}"

# Pinned versions (latest on PyPI when this was written), with the fixes the
# peers need to work at all:
#  - picklescan[7z]: without py7zr, `picklescan -p DIR` aborts the whole
#    directory scan (exit 2, no summary) on the first .7z file it meets.
#  - fickling 0.1.12 imports typing_extensions but declares it only in its
#    dev/lint extras, so on Python < 3.12 its CLI dies at import without it.
#  - modelscan 0.8.8 calls numpy.lib.format._check_version, which numpy >= 2.x
#    (as resolved by pip: 2.4) no longer exposes, so every .npy/.npz scan
#    errors out; numpy 1.26.4 works. modelscan also requires Python < 3.13.
PINS=(
  "picklescan[7z]==1.0.5"
  "py7zr==1.1.4"
  "modelscan==0.8.8"
  "numpy==1.26.4"
  "fickling==0.1.12"
  "typing_extensions==4.16.0"
)
TOOLS=(picklescan modelscan fickling)

log() { printf '[setup-peers] %s\n' "$*" >&2; }

py_ok() {  # is $1 a python in [3.10, 3.13)?
  command -v "$1" >/dev/null 2>&1 &&
    "$1" -c 'import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] < (3, 13) else 1)' 2>/dev/null
}

if [[ ! -x "$VENV/bin/python" ]]; then
  PY="${MLSEC_BENCH_PYTHON:-}"
  if [[ -z "$PY" ]]; then
    for cand in python3.12 python3.11 python3.10 python3; do
      if py_ok "$cand"; then PY="$cand"; break; fi
    done
  fi
  if [[ -z "$PY" ]]; then
    log "no python3.10-3.12 found (modelscan needs < 3.13); set MLSEC_BENCH_PYTHON"
    exit 1
  fi
  log "creating venv at $VENV with $("$PY" --version 2>&1)"
  mkdir -p "$(dirname "$VENV")"
  "$PY" -m venv "$VENV"
fi

# Are all pins already satisfied? (Checking first keeps a re-run offline.)
have_all() {
  "$VENV/bin/python" - "${PINS[@]}" <<'EOF'
import re, sys
from importlib.metadata import version, PackageNotFoundError
for pin in sys.argv[1:]:
    name, want = pin.split("==")
    name = re.sub(r"\[.*\]", "", name)
    try:
        if version(name) != want:
            sys.exit(1)
    except PackageNotFoundError:
        sys.exit(1)
EOF
}

all_tools() {
  local t
  for t in "${TOOLS[@]}"; do [[ -x "$VENV/bin/$t" ]] || return 1; done
}

if have_all && all_tools; then
  log "peers already installed in $VENV"
else
  log "installing ${PINS[*]}"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${PINS[@]}"
  "$VENV/bin/python" -m pip freeze --disable-pip-version-check >"$VENV/bench-freeze.txt"
fi

# Smoke-check that each CLI starts (modelscan in particular imports a lot).
for tool in "${TOOLS[@]}"; do
  if ! "$VENV/bin/$tool" --help >/dev/null 2>&1; then
    log "ERROR: $tool --help failed in $VENV"
    "$VENV/bin/$tool" --help >&2 || true
    exit 1
  fi
done

"$VENV/bin/python" - "${PINS[@]}" <<'EOF'
import re, sys
from importlib.metadata import version
for pin in sys.argv[1:]:
    name = re.sub(r"\[.*\]", "", pin.split("==")[0])
    print(f"{name}=={version(name)}")
EOF
echo "venv: $VENV ($("$VENV/bin/python" --version 2>&1))"
