#!/usr/bin/env bash
# Scoring, compared: itagap, SQLite and DuckDB compute the same figures (item
# scores, indicator means, instrument means and ITA total of every unit) from
# the same generated responses; prints one row per measurement with its ratio
# to itagap. SQLite's and DuckDB's figures are checked against itagap's to 1e-9
# and the script fails when one differs. docs/performance.md has the figures.
#
#   bench/compare/run_compare.sh [--units N --responses N | --csv FILE] [--build DIR] [--repeat N]
#
# Defaults: the national size of itagap-bench-generate, the release build
# (build/release), 5 timed runs after a warm-up, median reported.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)

build=$root/build/release
csv=
repeat=5
generate_args=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --units|--responses) generate_args+=("$1" "$2"); shift 2 ;;
    --csv) csv=$(realpath "$2"); shift 2 ;;
    --build) build=$(realpath "$2"); shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    *) echo "usage: $0 [--units N --responses N | --csv FILE] [--build DIR] [--repeat N]" >&2; exit 2 ;;
  esac
done
cd "$root"
questionnaire=data/questionnaires/ita-internal-2568.json
bench=$build/bench
for program in itagap-bench-generate itagap-bench-score itagap-bench-sqlite-score itagap-bench-check-rows; do
  if [[ ! -x $bench/$program ]]; then
    echo "$bench/$program is missing: build it first (cmake --build $build --target $program)" >&2
    exit 2
  fi
done
if [[ ! -d bench/compare/duckdb/node_modules/@duckdb/node-api ]]; then
  npm ci --prefix bench/compare/duckdb --no-audit --no-fund >&2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [[ -z $csv ]]; then
  csv=$tmp/responses.csv
  "$bench/itagap-bench-generate" "${generate_args[@]}" > "$csv"
fi

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# The ms column of the row of a markdown table whose first cell matches $1.
ms_of() { awk -F'|' -v what="$1" '$2 ~ what { print $3 + 0 }'; }

# itagap-bench-score reports the best of its repeats; with --repeat 2 that is
# the run after a warm-up. Run it $repeat times and take the median, as the
# SQL tools report the median of $repeat runs after a warm-up.
: > "$tmp/itagap.txt"
for ((r = 0; r < repeat; ++r)); do
  "$bench/itagap-bench-score" --repeat 2 --questionnaire "$questionnaire" --responses "$csv" \
    > "$tmp/itagap-run.txt"
  cat "$tmp/itagap-run.txt" >> "$tmp/itagap.txt"
done
echo "itagap-bench-score, the last of $repeat runs:"
cat "$tmp/itagap-run.txt"
echo
answers=$(sed -n 's/.*answer cells: \([0-9]*\),.*/\1/p' "$tmp/itagap-run.txt")
floor_ms=$(ms_of "read every answer once .floor., best" < "$tmp/itagap.txt" | median)
itagap_ms=$(ms_of "score every unit and round, best" < "$tmp/itagap.txt" | median)

"$bench/itagap-bench-sqlite-score" --repeat "$repeat" --questionnaire "$questionnaire" \
  --responses "$csv" | tee "$tmp/sqlite.txt"
sqlite_ms=$(ms_of "SQLite" < "$tmp/sqlite.txt")

node bench/compare/duckdb/score.mjs --repeat "$repeat" --questionnaire "$questionnaire" \
  --responses "$csv" --rows-out "$tmp/duckdb-scores.csv" | tee "$tmp/duckdb.txt"
"$bench/itagap-bench-check-rows" --questionnaire "$questionnaire" --responses "$csv" \
  --rows "$tmp/duckdb-scores.csv" > /dev/null
echo "DuckDB's figures equal itagap's to 1e-9"
duckdb_ms=$(ms_of "DuckDB" < "$tmp/duckdb.txt")

sqlite_version=$(pkg-config --modversion sqlite3)
duckdb_version=$(node -p 'require("./bench/compare/duckdb/node_modules/@duckdb/node-api/package.json").version')
echo
printf '| %-44s | %10s | %9s | %12s |\n' "measurement (median of $repeat after a warm-up)" ms "x itagap" "M answers/s"
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..46})" "$(printf -- '-%.0s' {1..12})" \
  "$(printf -- '-%.0s' {1..11})" "$(printf -- '-%.0s' {1..14})"
row() {
  awk -v what="$1" -v ms="$2" -v base="$itagap_ms" -v answers="$answers" 'BEGIN {
    printf "| %-44s | %10.2f | %9.2f | %12.1f |\n", what, ms, ms / base, answers / (ms / 1000) / 1e6 }'
}
row "itagap: read every answer once (floor)" "$floor_ms"
row "itagap: score every unit (score_all)" "$itagap_ms"
row "SQLite $sqlite_version: aggregate and fetch" "$sqlite_ms"
row "DuckDB $duckdb_version: aggregate and fetch" "$duckdb_ms"
