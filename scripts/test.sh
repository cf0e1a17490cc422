#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: first the optimised
# build, then the same suite under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
for preset in release asan; do
  echo "== itagap tests: $preset =="
  bash scripts/build.sh "$preset"
  ctest --preset "$preset" -j "$(nproc)"
done
