#!/usr/bin/env bash
# Refresh the Japanese UI catalogue after changing user-facing strings:
#   bash scripts/i18n.sh        extract -> update messages.po (translate new entries) -> compile .mo
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
POT=$(mktemp --suffix=.pot)  # one per run: several checkouts may refresh their catalogues at once
trap 'rm -f "$POT"' EXIT
"$PY" -m babel.messages.frontend extract -F babel.cfg -k _l -k lazy_gettext -o "$POT" . >/dev/null
"$PY" -m babel.messages.frontend update -i "$POT" -d assessor/translations --no-fuzzy-matching
"$PY" -m babel.messages.frontend compile -d assessor/translations
