#!/usr/bin/env bash
# The ceiling of this machine for the submission benchmark: the same wrk
# (2 threads, keep-alive) against nginx serving a static file of about the
# size of itagap's "thank you" page, so the two share the cores the same way.
# Usage: bench/http/run_static_ceiling.sh [DURATION] [CONNECTIONS]
set -euo pipefail
duration=${1:-10s}
connections=${2:-32}
command -v nginx >/dev/null || { echo "nginx is not installed (apt-get install nginx-light)" >&2; exit 2; }
work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
trap 'kill $(cat "$work/nginx.pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/www" "$work/tmp"
head -c 3000 /dev/zero | tr '\0' 'x' > "$work/www/thanks.html"
# nginx's workers run as an unprivileged user (nobody) when started as root:
# mktemp's 0700 directory would answer every request with 403.
chmod 755 "$work" "$work/www"
chmod 644 "$work/www/thanks.html"
cat > "$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  server { listen 127.0.0.1:$port; root $work/www; }
}
CONF
nginx -c "$work/nginx.conf"
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/thanks.html" >/dev/null && break; sleep 0.1; done
if ! curl -sf "http://127.0.0.1:$port/thanks.html" >/dev/null; then
  echo "run_static_ceiling: nginx does not serve the file:" >&2
  curl -s -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:$port/thanks.html" >&2
  cat "$work/error.log" >&2
  exit 1
fi
wrk -t2 -c"$connections" -d"$duration" --latency "http://127.0.0.1:$port/thanks.html" | tee "$work/wrk.txt"
# A ceiling made of error pages is no ceiling.
if grep -q "Non-2xx" "$work/wrk.txt"; then
  echo "run_static_ceiling: some answers were not 200" >&2
  exit 1
fi
