#!/usr/bin/env bash
# A venv with the OpenLineage Python client, to check that a real emitter
# feeds `mlsec serve` unchanged. Prints the venv's python.
set -euo pipefail
venv="${MLSEC_LINEAGE_VENV:-$HOME/.cache/mlsec/lineage-venv}"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import openlineage.client' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'openlineage-python==1.*' >&2
fi
echo "$venv/bin/python"
