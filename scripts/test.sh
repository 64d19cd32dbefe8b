#!/usr/bin/env bash
# Set up and run the whole test suite: lint, then pytest on SQLite and a real PostgreSQL,
# with Debian's chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Everything the suite needs is installed above: a missing component (PostgreSQL, Java for the
# HTML checker) fails the run instead of skipping its tests.
export CI="${CI:-1}"

# A local PostgreSQL cluster for the database tests (peer authentication over the socket).
if [ -z "${ASSESSOR_TEST_POSTGRES_URL:-}" ]; then
  SUDO="" AS_POSTGRES="runuser -u postgres --"
  if [ "$(id -u)" != 0 ]; then SUDO="sudo" AS_POSTGRES="sudo -u postgres"; fi
  cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
  if [ -z "$cluster" ]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -1)
    $SUDO pg_createcluster "$version" main >/dev/null
    cluster="$version main"
  fi
  $SUDO pg_ctlcluster $cluster start 2>/dev/null || true
  me=$(id -un)
  $AS_POSTGRES psql -qtAc "SELECT 1 FROM pg_roles WHERE rolname='$me'" | grep -q 1 \
    || $AS_POSTGRES createuser -s "$me"
  psql -d postgres -qtAc "SELECT 1 FROM pg_database WHERE datname='assessor_test'" | grep -q 1 \
    || createdb assessor_test
  export ASSESSOR_TEST_POSTGRES_URL="postgresql+psycopg:///assessor_test"
fi

echo "==> ruff"
.venv/bin/ruff check .
echo "==> mypy (strict on the pure core and the file format, plain on the rest)"
.venv/bin/mypy --strict assessor/domain.py assessor/numbers.py assessor/plaintext.py assessor/scoring assessor/files \
  assessor/offline assessor/standards assessor/office/cells.py \
  assessor/reports/context.py assessor/reports/rows.py assessor/reports/wording.py assessor/reports/series.py \
  assessor/reports/radar.py assessor/reports/palette.py assessor/reports/logos.py \
  assessor/reports/evidence.py assessor/reports/kpirows.py assessor/reports/planrows.py assessor/reports/trend.py \
  assessor/reports/primer.py
.venv/bin/mypy assessor
echo "==> pytest"
# A fatal crash (SIGSEGV...) writes every thread's stack to this file (tests/crashlog.py); the
# crashing thread is printed last, where a truncated CI log still shows it.
crash_log=$(mktemp --suffix=.crash.txt)
export ASSESSOR_CRASH_LOG="$crash_log"
status=0
.venv/bin/python -m pytest "$@" || status=$?
if [ -s "$crash_log" ]; then
  echo "==> pytest crashed (exit $status); the crashing thread, innermost call first:"
  sed -n '/^Current thread/,/^$/p' "$crash_log" | head -40
  grep -m1 '^Extension modules' "$crash_log" || true
fi
rm -f "$crash_log"
exit "$status"
