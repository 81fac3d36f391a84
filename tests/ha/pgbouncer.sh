#!/usr/bin/env bash
# PgBouncer in transaction pooling mode in front of the local PostgreSQL, for the test
# ha::pgbouncer_in_transaction_mode_serves_two_nodes (issue 31). Installs pgbouncer if missing.
#   bash tests/ha/pgbouncer.sh start   # on 127.0.0.1:$PGB_PORT, 4 server connections a database
#   bash tests/ha/pgbouncer.sh url     # the admin URL through it
#   bash tests/ha/pgbouncer.sh stop
# Knobs: PGB_DIR (/var/tmp/doorstep-pgbouncer), PGB_PORT (6432), PG_HOST/PG_PORT (127.0.0.1:5432).
set -euo pipefail
PGB_DIR=${PGB_DIR:-/var/tmp/doorstep-pgbouncer}
PGB_PORT=${PGB_PORT:-6432}
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start() {
  command -v pgbouncer >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q pgbouncer >/dev/null
  # Debian starts its own instance on 6432; this one is ours.
  systemctl stop pgbouncer 2>/dev/null || true
  stop
  mkdir -p "$PGB_DIR"
  # Few server connections for many clients: the pooler must hand each transaction to
  # whichever server connection is free, which is what breaks session state.
  cat > "$PGB_DIR/pgbouncer.ini" <<INI
[databases]
* = host=$PG_HOST port=$PG_PORT user=postgres
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $PGB_PORT
auth_type = any
pool_mode = transaction
default_pool_size = 4
max_client_conn = 500
logfile = $PGB_DIR/pgbouncer.log
pidfile = $PGB_DIR/pgbouncer.pid
unix_socket_dir =
INI
  chown -R postgres "$PGB_DIR" 2>/dev/null || true
  as_pg pgbouncer -d "$PGB_DIR/pgbouncer.ini"
  for _ in $(seq 1 50); do
    psql "$(url)" -Atqc "SELECT 1" >/dev/null 2>&1 && { echo "pgbouncer $(pgbouncer --version | head -1) on $PGB_PORT, transaction pooling"; return; }
    sleep 0.1
  done
  echo "pgbouncer did not start" >&2; cat "$PGB_DIR/pgbouncer.log" >&2; exit 1
}

stop() {
  if [ -f "$PGB_DIR/pgbouncer.pid" ]; then
    kill "$(cat "$PGB_DIR/pgbouncer.pid")" 2>/dev/null || true
    for _ in $(seq 1 50); do [ -f "$PGB_DIR/pgbouncer.pid" ] && kill -0 "$(cat "$PGB_DIR/pgbouncer.pid")" 2>/dev/null || break; sleep 0.1; done
    rm -f "$PGB_DIR/pgbouncer.pid"
  fi
}

url() { echo "postgres://postgres@127.0.0.1:$PGB_PORT/postgres?sslmode=disable"; }

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) url ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
