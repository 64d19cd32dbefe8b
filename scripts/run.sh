#!/usr/bin/env bash
# Set up and start assessor on SQLite with the demo organisation, at http://127.0.0.1:${PORT:-5000}
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/assessor standards check >/dev/null
.venv/bin/assessor db upgrade
.venv/bin/assessor demo seed
PORT=${PORT:-5000}
echo "==> assessor is starting on http://127.0.0.1:${PORT}  (Ctrl+C to stop)"
exec .venv/bin/gunicorn --workers "${WORKERS:-2}" --bind "127.0.0.1:${PORT}" --access-logfile - assessor.wsgi:app
