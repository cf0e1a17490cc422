#!/usr/bin/env bash
# clang-tidy (checks in .clang-tidy; every finding is an error) over src/,
# tests/ and bench/, with the clang preset's compile database, so the compiler
# warnings clang-tidy reports are clang's, -Wthread-safety included.
# Prints the findings, then their count per file; fails when there is one.
# Usage: scripts/check-tidy.sh [FILE_REGEX]   (default: every file of the three)
# Environment: ITAGAP_TIDY_JOBS (default: the number of cores).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build=build/clang
jobs=${ITAGAP_TIDY_JOBS:-$(nproc)}

# Configuring is enough: clang-tidy needs the compile database, not objects.
# The generated sources (embedded files) are not checked, so nothing is built.
cmake --preset clang >/dev/null

regex=${1:-"^$root/(src|tests|bench)/"}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
run-clang-tidy -quiet -p "$build" -j "$jobs" "$regex" >"$log" 2>&1 || status=$?

# A finding in a header shows once per translation unit that includes it.
# (run-clang-tidy colours its output even into a file: the colours go first.)
sed -i 's/\x1b\[[0-9;]*m//g' "$log"
findings=$(grep -E '^/[^:]+:[0-9]+:[0-9]+: (error|warning): ' "$log" | sort -u || true)
if [[ -n $findings ]]; then
  echo "$findings" | sed "s#^$root/##"
  echo
  echo "check-tidy: findings per file:"
  echo "$findings" | sed -E "s#^$root/##; s/:[0-9]+:[0-9]+: .*//" | sort | uniq -c | sort -rn
  echo "check-tidy: $(echo "$findings" | wc -l) finding(s)"
  exit 1
fi
if ((status)); then
  # clang-tidy failed without a finding to show (a file that does not parse).
  grep -v '^clang-tidy-14\|^\[' "$log" | head -50
  echo "check-tidy: run-clang-tidy failed (exit $status)"
  exit 1
fi
echo "check-tidy: no findings"
