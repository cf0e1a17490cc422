#!/usr/bin/env bash
# Usage: scripts/with-postgres.sh COMMAND [ARG...]
#
# Runs COMMAND with a throw-away PostgreSQL 15 server: initdb in a temporary
# directory, start on 127.0.0.1 on a free port (fsync on, as in production),
# wait until it accepts connections, export ITAGAP_TEST_POSTGRES_URL, run
# COMMAND, then stop the server and delete the directory, also when COMMAND
# or this script fails. Exits with COMMAND's exit code.
#
# Run as root, the server runs as the `postgres` system user (created by the
# Debian package), since PostgreSQL refuses to run as root. The Debian-managed
# cluster "main" is not used or touched.
set -euo pipefail

if (($# == 0)); then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi

pg_bin=""
for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
  if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then pg_bin="$dir"; break; fi
done
if [[ -z "$pg_bin" ]]; then
  echo "with-postgres: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
  exit 2
fi

# Runs a server binary as the server's owner.
if [[ $(id -u) -eq 0 ]]; then
  pg_user=postgres
  if ! id "$pg_user" >/dev/null 2>&1; then
    echo "with-postgres: running as root needs the 'postgres' user (apt-get install postgresql)" >&2
    exit 2
  fi
  # From a directory the owner can enter: the caller's may be /root (0700).
  as_owner() { (cd "$work" && runuser -u "$pg_user" -- "$@"); }
else
  pg_user=$(id -un)
  as_owner() { "$@"; }
fi

# A port nobody listens on now. (Another process could take it before the
# server binds it; pg_ctl then fails and we say so.)
free_port() {
  python3 - <<'PY' 2>/dev/null && return
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
PY
  local port
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  return 1
}

work=$(mktemp -d /tmp/itagap-pg.XXXXXX)
data="$work/data"
started=0
cleanup() {
  local rc=$?
  if ((started)); then
    as_owner "$pg_bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The owner must be able to reach the directory (mktemp makes it 0700).
chmod 0755 "$work"
mkdir -m 0700 "$data"
if [[ $(id -u) -eq 0 ]]; then chown "$pg_user:" "$data"; fi

as_owner "$pg_bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 \
  --locale=C.UTF-8 >"$work/initdb.log" 2>&1 || {
  cat "$work/initdb.log" >&2
  echo "with-postgres: initdb failed" >&2
  exit 1
}

port=$(free_port)
# Sockets go in the data directory, which the owner can write (the default
# /var/run/postgresql belongs to the Debian cluster).
if ! as_owner "$pg_bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$data -c fsync=on -c max_connections=200" \
  start >/dev/null; then
  cat "$data/server.log" >&2 || true
  echo "with-postgres: the server did not start" >&2
  exit 1
fi
started=1

for _ in $(seq 60); do
  if "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then break; fi
  sleep 0.5
done
"$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port" || {
  echo "with-postgres: the server is not accepting connections" >&2
  exit 1
}

export ITAGAP_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') at $ITAGAP_TEST_POSTGRES_URL" >&2

set +e
"$@"
status=$?
set -e
exit "$status"
