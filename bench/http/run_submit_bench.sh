#!/usr/bin/env bash
# Durable EIT submissions over HTTP on loopback with wrk (docs/performance.md).
# Usage: bench/http/run_submit_bench.sh [ITAGAP_BINARY] [DURATION] [CONNECTIONS] [DB_URL]
# DB_URL defaults to a fresh SQLite file; give a postgresql:// URL for PostgreSQL.
# WORKERS (environment, default 16) sets the server's handler threads: each
# thread waits for its submission's group commit, so it bounds a batch.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
binary=${1:-$here/../../build/release/src/itagap}
duration=${2:-10s}
connections=${3:-32}
work=$(mktemp -d)
db=${4:-sqlite:$work/bench.db}
port=$((20000 + RANDOM % 20000))
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT

"$binary" demo --db "$db" --listen 127.0.0.1:$port --submit-rate 0 --workers "${WORKERS:-16}" > "$work/demo.txt" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "serving on" "$work/demo.txt" && break; sleep 0.1; done
path=$(grep -o '/s/[0-9]*/[0-9]*' "$work/demo.txt" | head -1)
page=$(curl -s -c "$work/cookies" "http://127.0.0.1:$port$path")
secret=$(awk '$6 == "itagap_form" {print $7}' "$work/cookies")
csrf=$(printf '%s' "$page" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
items="e1 e2 e3 e4 e5 e6 e7 e8 e9 e10"
before=$(sqlite3 "$work/bench.db" "select count(*) from responses" 2>/dev/null || echo "?")
ITAGAP_FORM_SECRET=$secret ITAGAP_CSRF=$csrf ITAGAP_PATH=$path ITAGAP_ITEMS=$items \
  wrk -t2 -c"$connections" -d"$duration" --latency -s "$here/eit_submit.lua" "http://127.0.0.1:$port"
if [[ $db == sqlite:* ]]; then
  after=$(sqlite3 "$work/bench.db" "select count(*) from responses where instrument = 'EIT'")
  echo "EIT responses stored in the database: $after"
fi
