#!/usr/bin/env bash
# clang-format (style in .clang-format) over src/, tests/ and bench/: fails on
# any file that is not formatted, naming it. Fix with
#   clang-format -i $(git ls-files 'src/*.[ch]pp' 'tests/*.[ch]pp' 'bench/*.[ch]pp')
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' \
  'bench/*.cpp' 'bench/*.hpp')
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if clang-format --dry-run --Werror "${files[@]}" 2>"$log"; then
  echo "check-format: ${#files[@]} files formatted"
  exit 0
fi
grep -E '^[^ ]+:[0-9]+:[0-9]+: error' "$log" | sed -E 's/:[0-9]+:[0-9]+: .*//' |
  sort | uniq -c | sort -rn
echo "check-format: the files above are not formatted (count: places to change)"
exit 1
