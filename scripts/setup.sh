#!/usr/bin/env bash
# One-time set-up on a fresh machine: system packages, a virtualenv with every run-time and dev
# dependency, and the package itself (editable). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

# System packages the product needs (PDF/A letters: Pango, HarfBuzz subsetting, DejaVu fonts;
# Chromium for the end-to-end and accessibility tests, driven by Playwright without a browser download;
# Tesseract with the German model and poppler for reading uploaded Nachweise).
DEBIAN_PAKETE="fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 chromium tesseract-ocr tesseract-ocr-deu poppler-utils"
fehlend=""
for paket in $DEBIAN_PAKETE; do
  dpkg -s "$paket" >/dev/null 2>&1 || fehlend="$fehlend $paket"
done
if [ -n "$fehlend" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $fehlend
  else
    echo "Bitte als root installieren:$fehlend" >&2
  fi
fi
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.amtsweg-setup
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/pip install --quiet --upgrade pip
  .venv/bin/pip install --quiet -e '.[dev]'
  touch "$stamp"
fi

# Front-end packages (KERN UX, htmx, axe-core for the accessibility tests) from the npm registry,
# pinned in frontend/package-lock.json, vendored into the git-ignored static folder (no CDN at run time).
vendor=src/amtsweg/web/static/vendor
if [ ! -f "$vendor/.stand" ] || [ frontend/package-lock.json -nt "$vendor/.stand" ]; then
  (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
  rm -rf "$vendor" && mkdir -p "$vendor/kern" "$vendor/htmx" "$vendor/axe"
  cp -r frontend/node_modules/@kern-ux/native/dist/. "$vendor/kern/"
  cp frontend/node_modules/@kern-ux/native/LICENSE.md "$vendor/kern/"
  cp frontend/node_modules/htmx.org/dist/htmx.min.js "$vendor/htmx/"
  cp frontend/node_modules/axe-core/axe.min.js "$vendor/axe/"
  touch "$vendor/.stand"
fi

