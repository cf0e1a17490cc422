#!/usr/bin/env bash
# Render times and server memory over a generated data set (docs/performance.md,
# "Dashboard, reports and memory").
#
# Usage: bench/render/run_render_bench.sh [--units N] [--responses N] [--db URL]
#                                         [--requests N] [--build DIR] [--work DIR]
#                                         [--wait-load L] [--cold-starts N]
#
# Generates the CSV (bench/generate.cpp) and loads it (bench/load/load.cpp) once
# per size: both are kept in --work (default /tmp/itagap-render-bench), and an
# existing SQLite file of that size is reused, since loading the national set
# takes minutes. Then starts `itagap serve` on loopback, signs in over HTTP as
# the loader's admin, and times with curl --requests requests (after 2 warm-ups,
# one connection each) of: one unit's dashboard, that unit's KPI report as
# DOCX, PDF and HTML, and the organisation overview. Prints one row per measurement
# (median and p90, ms; the server's peak resident memory, VmHWM, after that
# row's requests), then its resident memory right after start and at the end.
# The overview is timed twice: warm (the closed round's cached summary) and
# cold (--cold-starts server starts, default 5, one request each: the whole
# round read and scored).
#
# --wait-load L waits (up to 20 minutes) for the 1-minute load average to fall
# below L before timing: on a shared machine, and after the load step, which
# keeps both cores busy.
#
# Defaults: the national size (8,317 units, 1,350,000 responses), SQLite,
# 20 requests, the release build.
set -euo pipefail
shopt -s inherit_errexit
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
units=8317
responses=1350000
requests=20
cold_starts=5
db=""
build="$root/build/release"
work=/tmp/itagap-render-bench
wait_load=""

while (($#)); do
  case $1 in
    --units) units=$2; shift 2 ;;
    --responses) responses=$2; shift 2 ;;
    --db) db=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    --cold-starts) cold_starts=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --wait-load) wait_load=$2; shift 2 ;;
    *) echo "run_render_bench: unknown argument $1" >&2; exit 2 ;;
  esac
done

# Paths as given, before the cd below.
[[ $build == /* ]] || build=$PWD/$build
[[ $work == /* ]] || work=$PWD/$work
itagap=$build/src/itagap
mkdir -p "$work"
csv=$work/responses-$units-$responses.csv
db=${db:-sqlite:$work/render-$units-$responses.db}
run=$(mktemp -d)
server=""
stop_server() {
  if [[ -n $server ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$run"
}
trap stop_server EXIT

cd "$root"  # the loader's default questionnaire and plan paths are relative
if [[ ! -s $csv ]]; then
  "$build/bench/itagap-bench-generate" --units "$units" --responses "$responses" > "$csv.part"
  mv "$csv.part" "$csv"
fi
echo "== load ($db)"
"$build/bench/itagap-bench-load" --db "$db" --csv "$csv" | tee "$run/load.txt"
value() { sed -n "s/^$1=//p" "$run/load.txt"; }
round=$(value round_id)
unit=$(value unit_id)
user=$(value admin_user)
password=$(value admin_password)

port=$((20000 + RANDOM % 20000))
base=http://127.0.0.1:$port
jar=$run/cookies
status_kib() { awk -v key="$1:" '$1 == key {print $2}' "/proc/$server/status"; }

# start_server: starts `itagap serve` and signs in. The form's CSRF token is
# bound to the itagap_form cookie set with the page, so both go back with the
# POST from one cookie jar.
start_server() {
  "$itagap" serve --db "$db" --listen "127.0.0.1:$port" > "$run/serve.txt" 2>&1 &
  server=$!
  for _ in $(seq 600); do grep -q "serving on" "$run/serve.txt" && break; sleep 0.1; done
  grep -q "serving on" "$run/serve.txt" || { cat "$run/serve.txt" >&2; exit 1; }
  rm -f "$jar"
  local page csrf location
  page=$(curl -sf -c "$jar" "$base/admin/sign-in")
  csrf=$(printf '%s' "$page" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
  location=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$jar" -c "$jar" \
    --data-urlencode "csrf=$csrf" --data-urlencode "username=$user" \
    --data-urlencode "password=$password" "$base/admin/sign-in")
  if [[ $location != "$base/admin" ]]; then
    echo "run_render_bench: sign-in failed (redirect to '$location')" >&2
    exit 1
  fi
}
stop_only_server() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }

# The first start after loading may migrate the file's schema; timed apart.
migrate_start=$(date +%s.%N)
start_server
echo "first start (with any schema migration): $(awk -v a="$migrate_start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s"
stop_only_server
start_server
rss_at_start=$(status_kib VmRSS)

# time_ms PATH: prints "median p90 bytes" over $requests timed requests.
time_ms() {
  local url=$base$1 out=$run/times i line
  for i in 1 2; do curl -sf -o /dev/null -b "$jar" "$url"; done
  : > "$out"
  for ((i = 0; i < requests; i++)); do
    line=$(curl -s -o /dev/null -b "$jar" -w '%{http_code} %{time_total} %{size_download}' "$url")
    if [[ ${line%% *} != 200 ]]; then
      echo "run_render_bench: $1 answered ${line%% *}" >&2
      return 1
    fi
    echo "$line" >> "$out"
  done
  # Nearest rank: the median of 20 is the 10th value, p90 the 18th.
  sort -k2,2g "$out" | awk '{t[NR] = $2 * 1000; b = $3}
    END {m = int((NR + 1) / 2); p = int(NR * 0.9 + 0.999);
         printf "%9.1f %9.1f %10d\n", t[m], t[p], b}'
}

# The machine may be shared: the load next to the figures says how quiet it was.
if [[ -n $wait_load ]]; then
  for _ in $(seq 120); do
    awk -v limit="$wait_load" '{exit !($1 < limit)}' /proc/loadavg && break
    sleep 10
  done
fi
echo "load average before timing: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== render ($units units, $responses responses; unit $unit with $(value unit_responses) responses; $requests requests each after 2 warm-ups)"
printf '| %-40s | %9s | %9s | %10s | %14s |\n' "request" "median ms" "p90 ms" "bytes" "server peak MB"
printf '|%s|%s|%s|%s|%s|\n' "------------------------------------------" "----------:" "----------:" "-----------:" "---------------:"
row() {
  local times
  times=$(time_ms "$2")
  read -r median p90 bytes <<< "$times"
  printf '| %-40s | %9s | %9s | %10s | %14s |\n' "$1" "$median" "$p90" "$bytes" "$(($(status_kib VmHWM) / 1024))"
}
row "unit dashboard" "/admin/rounds/$round/units/$unit"
row "unit KPI report, DOCX" "/admin/rounds/$round/units/$unit/report/docx"
row "unit KPI report, PDF" "/admin/rounds/$round/units/$unit/report/pdf"
row "unit KPI report, HTML" "/admin/rounds/$round/units/$unit/report/html"
# Last, so that the peak memory of the rows above is the unit pages' alone.
# Warm: the round is closed, so after the first request its summary is
# reused until the round changes.
row "organisation overview (/admin?round=)" "/admin?round=$round"
overview_peak_mb=$(($(status_kib VmHWM) / 1024))
overview_rss_mb=$(($(status_kib VmRSS) / 1024))
# Cold: the first overview after a start reads and scores the whole round
# (as an open round does every 15 s); one request per server start.
cold=$run/cold
: > "$cold"
for ((i = 0; i < cold_starts; i++)); do
  stop_only_server
  start_server
  curl -s -o /dev/null -b "$jar" -w '%{time_total}\n' "$base/admin?round=$round" >> "$cold"
done
read -r cold_median cold_p90 <<< "$(sort -g "$cold" | awk '{t[NR] = $1 * 1000}
  END {m = int((NR + 1) / 2); p = int(NR * 0.9 + 0.999); printf "%.1f %.1f", t[m], t[p]}')"
printf '| %-40s | %9s | %9s | %10s | %14s |\n' "overview, first request after start ($cold_starts)" \
  "$cold_median" "$cold_p90" "" "$(($(status_kib VmHWM) / 1024))"

echo "load average after timing: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server resident memory right after start: $((rss_at_start / 1024)) MB"
echo "server peak resident memory (VmHWM) after every unit page and the overview: $overview_peak_mb MB (resident then: $overview_rss_mb MB)"
