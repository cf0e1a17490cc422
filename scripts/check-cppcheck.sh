#!/usr/bin/env bash
# cppcheck (warning, performance and portability checks) over src/, tests/ and
# bench/, with the clang preset's compile database. Justified exceptions are in
# .cppcheck-suppressions (a whole check or one file) or inline as
# `// cppcheck-suppress id` with the reason. Fails on any finding.
# Environment: ITAGAP_CPPCHECK_JOBS (default: the number of cores).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
jobs=${ITAGAP_CPPCHECK_JOBS:-$(nproc)}
cmake --preset clang >/dev/null
# The files checked, as a compile database of their own: cppcheck refuses one
# naming a file that does not exist, and the generated sources (the embedded
# files) exist only after a build. (python3 comes with clang-tidy.)
python3 - "$root" <<'PY'
import json, sys
root = sys.argv[1]
db = json.load(open("build/clang/compile_commands.json"))
checked = tuple(f"{root}/{d}/" for d in ("src", "tests", "bench"))
db = [e for e in db if e["file"].startswith(checked)]
json.dump(db, open("build/clang/cppcheck_commands.json", "w"), indent=1)
PY
cache=build/clang/cppcheck-cache
mkdir -p "$cache"

status=0
cppcheck --project=build/clang/cppcheck_commands.json --std=c++20 \
  --enable=warning,performance,portability --inline-suppr \
  --suppressions-list=.cppcheck-suppressions \
  -i "$root/build" --cppcheck-build-dir="$cache" -j "$jobs" --quiet \
  --template='{file}:{line}:{column}: {severity}: {message} [{id}]' \
  --error-exitcode=1 2>build/clang/cppcheck.log || status=$?
sed "s#^$root/##" build/clang/cppcheck.log
if ((status)); then
  echo
  echo "check-cppcheck: findings per file:"
  grep -E '^[^:]+:[0-9]+:' build/clang/cppcheck.log | sed -E "s#^$root/##; s/:[0-9]+:[0-9]+: .*//" |
    sort | uniq -c | sort -rn
  echo "check-cppcheck: failed"
  exit 1
fi
echo "check-cppcheck: no findings"
