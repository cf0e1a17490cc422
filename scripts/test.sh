#!/usr/bin/env bash
# Installs what is missing, checks the sources, builds, and runs every test:
# first the optimised build, then the same suite under AddressSanitizer +
# UndefinedBehaviorSanitizer; then the clang build (-Wthread-safety), whose
# compile database clang-tidy and cppcheck use (opt-in for now, see below).
# The release build treats warnings as errors (ITAGAP_WERROR in
# CMakePresets.json). Each test run has a throw-away
# PostgreSQL server (scripts/with-postgres.sh), so the store and site suites
# run on SQLite and on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

# clang-format is enforced (ITAGAP_CHECK_FORMAT=0 skips it while editing).
check_format=${ITAGAP_CHECK_FORMAT:-1}

echo "== itagap source checks =="
bash scripts/check-includes.sh
if [[ $check_format == 1 ]]; then
  bash scripts/check-format.sh
else
  echo "check-format: not enforced yet (ITAGAP_CHECK_FORMAT=1 runs it)"
fi

for preset in release asan; do
  echo "== itagap tests: $preset =="
  bash scripts/build.sh "$preset"
  bash scripts/with-postgres.sh ctest --preset "$preset" -j "$(nproc)"
done

# clang: the thread-safety analysis (its findings are errors) and the unit
# tests once more on clang's build; then clang-tidy and cppcheck over the
# tree. Not yet part of every run: the whole tree has not passed them since
# they were added (issue 10, part 6), and a gate that fails on every run lands
# nothing. ITAGAP_CLANG_GATES=1 runs them; they become the default once they
# pass on a quiet machine.
if [[ ${ITAGAP_CLANG_GATES:-0} == 1 ]]; then
  echo "== itagap clang build, clang-tidy, cppcheck =="
  bash scripts/build.sh clang
  ctest --preset clang -j "$(nproc)" -L unit
  bash scripts/check-tidy.sh
  bash scripts/check-cppcheck.sh
else
  echo "clang build, clang-tidy, cppcheck: not run (ITAGAP_CLANG_GATES=1 runs them)"
fi

# Benchmarks are measurements, not tests; a smoke run at a small size keeps
# them building and running (docs/performance.md has the real figures).
echo "== itagap benchmark smoke run =="
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
./build/release/bench/itagap-bench-generate --units 50 --responses 2000 > "$tmp/responses.csv"
./build/release/bench/itagap-bench-score --repeat 1 \
  --questionnaire data/questionnaires/ita-internal-2568.json --responses "$tmp/responses.csv"
# itagap next to SQLite and DuckDB on the same figures, checked to 1e-9 (runs
# npm ci for DuckDB's Node package the first time).
bash bench/compare/run_compare.sh --units 50 --responses 2000
# Render benchmark: load a tiny set, serve it on loopback, sign in and fetch
# the overview, a dashboard and the reports over HTTP (a few seconds).
bash bench/render/run_render_bench.sh --units 20 --responses 500 --requests 5 --cold-starts 2 --work "$tmp/render"
# Durable survey submissions over HTTP (wrk, SQLite), and the same wrk against
# nginx serving a static file: the machine's ceiling.
bash bench/http/run_submit_bench.sh build/release/src/itagap 2s 8
bash bench/http/run_static_ceiling.sh 2s 8
