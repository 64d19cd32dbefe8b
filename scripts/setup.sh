#!/usr/bin/env bash
# Install everything assessor needs on a fresh Debian machine, idempotently.
#   bash scripts/setup.sh            app + test dependencies (system packages, .venv, pip)
# Environment: SKIP_APT=1 skips apt-get (e.g. when the packages are already there).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # WeasyPrint (PDF reports) and the Japanese font with a real bold
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-morisawa-bizud-gothic
  # reading PDFs back in tests, the browser for end-to-end tests, PostgreSQL for the database tests
  poppler-utils chromium postgresql
  # Java for the Nu HTML checker (vnu-jar from npm) that checks every page's HTML in the tests
  default-jre-headless
  # cairosvg rasterises uploaded SVG logos; LibreOffice opens the Word and PowerPoint files in the tests
  libcairo2 libreoffice-writer-nogui libreoffice-impress-nogui
)

if [ "${SKIP_APT:-0}" != 1 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  # npm installs axe-core for the accessibility tests; Debian's nodejs/npm if the machine has none.
  command -v npm >/dev/null || missing+=(nodejs npm)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> apt-get install ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv"
  "$PYTHON" -m venv .venv
fi
echo "==> pip install -e .[dev]"
.venv/bin/pip install -q --disable-pip-version-check -e ".[dev]"
if command -v npm >/dev/null; then
  echo "==> npm install (axe-core and the Nu HTML checker for the tests)"
  npm install --no-audit --no-fund --silent
fi
