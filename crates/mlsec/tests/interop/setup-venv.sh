#!/usr/bin/env bash
# Create (once) the venv the interoperability tests run the peers from:
# model-signing (the OpenSSF reference signer; it needs pyopenssl, which it
# does not declare) and cyclonedx-python-lib with its JSON validator.
#
#   MLSEC_INTEROP_VENV  venv location (default ~/.cache/mlsec/interop-venv)
#
# Idempotent and offline once installed. Prints the venv's python path.
set -euo pipefail
VENV="${MLSEC_INTEROP_VENV:-$HOME/.cache/mlsec/interop-venv}"
PINS=(
  "model-signing==1.1.1"
  "pyopenssl==26.4.0"
  "cyclonedx-python-lib[json-validation]==11.12.0"
)
if [[ ! -x "$VENV/bin/python" ]]; then
  mkdir -p "$(dirname "$VENV")"
  python3 -m venv "$VENV" >&2
fi
if ! "$VENV/bin/python" - "${PINS[@]}" <<'PY' >/dev/null 2>&1
import re, sys
from importlib.metadata import version
for pin in sys.argv[1:]:
    name, want = pin.split("==")
    assert version(re.sub(r"\[.*\]", "", name)) == want
import jsonschema  # the json-validation extra
PY
then
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${PINS[@]}" >&2
fi
echo "$VENV/bin/python"
