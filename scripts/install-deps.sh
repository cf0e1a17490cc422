#!/usr/bin/env bash
# Installs what itagap needs to build and test, from Debian 12 packages.
# Safe to run twice: apt-get skips what is installed; the package lists are
# refreshed only when a package is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config
  # source checks: the clang build (-Wthread-safety), clang-tidy (with
  # run-clang-tidy), clang-format, cppcheck
  clang clang-tidy clang-format cppcheck
  libfmt-dev nlohmann-json3-dev libcli11-dev
  googletest libgtest-dev
  # storage: SQLite (embedded default) and PostgreSQL (client library, and the
  # server for the tests' throw-away cluster)
  libsqlite3-dev libpq-dev postgresql
  # web: HTTP (Boost.Beast), templates, passwords and tokens, QR codes
  libboost1.81-dev libkainjow-mustache-dev libsodium-dev libqrencode-dev libpng-dev
  # OIT link checking: an HTTP client
  libcurl4-openssl-dev
  # browser tests: Debian's chromium driven by playwright-core from npm; Thai fonts
  chromium fonts-tlwg-laksaman fonts-thai-tlwg fonts-dejavu-core
  # printed documents: cairo and pango; poppler-utils reads PDFs back in tests
  libpango1.0-dev libcairo2-dev poppler-utils
  # reports: DOCX zipped by libzip, XLSX by libxlsxwriter; the tests open the
  # DOCX with LibreOffice and check its XML with xmllint
  libzip-dev libxlsxwriter-dev libreoffice-writer-nogui libxml2-utils unzip
  # the message catalogue: the tests check data/messages/*.po with msgfmt
  gettext
  # benchmarks: wrk as the HTTP load, sqlite3 to count what was stored (also
  # by the shutdown e2e test)
  wrk sqlite3 curl nginx-light
)
# Node.js and npm: the machine's own when it has them (a Node.js build that
# bundles npm conflicts with Debian's npm package), else Debian's.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "itagap: installing ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# playwright-core for the browser tests, pinned by tests/e2e/package-lock.json.
if [[ ! -d tests/e2e/node_modules/playwright-core ]]; then
  npm ci --prefix tests/e2e --no-audit --no-fund
fi
