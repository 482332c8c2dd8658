#!/usr/bin/env bash
# Creates .venv-bench (the Python the roster benchmark runs its CP-SAT reference with) and
# installs Google OR-Tools into it from PyPI, idempotently: a second run checks the import and
# does nothing. Prints the venv's python path on its last line.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
venv="$here/.venv-bench"
ortools_version="9.15.6755"

if [ ! -x "$venv/bin/python3" ]; then
  echo "jasaq: creating $venv" >&2
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python3" -c "import ortools, sys; sys.exit(0 if ortools.__version__ == '$ortools_version' else 1)" 2>/dev/null; then
  echo "jasaq: installing ortools $ortools_version into $venv" >&2
  "$venv/bin/python3" -m pip install --quiet --disable-pip-version-check "ortools==$ortools_version" >&2
fi
echo "$venv/bin/python3"
