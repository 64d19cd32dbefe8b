#!/usr/bin/env bash
# Refresh the Japanese UI catalogue after changing user-facing strings:
#   bash scripts/i18n.sh        extract -> update messages.po (translate new entries) -> compile .mo
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
"$PY" -m babel.messages.frontend extract -F babel.cfg -k _l -k lazy_gettext -o /tmp/assessor-messages.pot . >/dev/null
"$PY" -m babel.messages.frontend update -i /tmp/assessor-messages.pot -d assessor/translations --no-fuzzy-matching
"$PY" -m babel.messages.frontend compile -d assessor/translations
