#!/usr/bin/env bash
# A streaming standby of the local PostgreSQL (the primary on 127.0.0.1:5432) on port 5433, in a
# directory under /tmp, for the read-replica tests. Idempotent: a standby already running is
# kept, a stopped one is started (or made again if it cannot start). Prints the standby's URL
# on its last line:   TEST_REPLICA_URL=$(bash tests/replica/standby.sh | tail -n1)
# Settings: PRIMARY_PORT (5432), STANDBY_PORT (5433), STANDBY_DIR (/tmp/doorstep-standby).
set -euo pipefail

PRIMARY_PORT=${PRIMARY_PORT:-5432}
STANDBY_PORT=${STANDBY_PORT:-5433}
DIR=${STANDBY_DIR:-/tmp/doorstep-standby}
PRIMARY="host=127.0.0.1 port=$PRIMARY_PORT user=postgres dbname=postgres sslmode=disable"
STANDBY="host=127.0.0.1 port=$STANDBY_PORT user=postgres dbname=postgres sslmode=disable"
URL="postgres://postgres@127.0.0.1:$STANDBY_PORT/postgres?sslmode=disable"

# PostgreSQL's tools refuse to run as root: run them as the postgres user.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

major=$(psql "$PRIMARY" -Atc "SELECT current_setting('server_version_num')::int / 10000")
BIN=${PG_BIN:-/usr/lib/postgresql/$major/bin}
[ -x "$BIN/pg_ctl" ] || { echo "no PostgreSQL $major binaries in $BIN" >&2; exit 1; }

standby_up() {
  [ "$(psql "$STANDBY" -Atc 'SELECT pg_is_in_recovery()' 2>/dev/null)" = t ]
}

if standby_up; then
  # A test that stopped half-way may have left replay paused.
  psql "$STANDBY" -qAtc 'SELECT pg_wal_replay_resume() WHERE pg_is_wal_replay_paused()' >/dev/null
  echo "standby already running on port $STANDBY_PORT" >&2
  echo "$URL"
  exit 0
fi

# The primary must accept replication connections from 127.0.0.1 (a rule for `all` databases
# does not cover them). Add a trust rule if it does not, and reload.
if ! psql "$PRIMARY replication=true" -Atc 'IDENTIFY_SYSTEM' >/dev/null 2>&1; then
  hba=$(psql "$PRIMARY" -Atc 'SHOW hba_file')
  echo "adding a replication rule for 127.0.0.1 to $hba" >&2
  # First, so that no earlier rule (e.g. a password one) shadows it.
  sed -i '1i host replication all 127.0.0.1/32 trust' "$hba"
  psql "$PRIMARY" -qAtc 'SELECT pg_reload_conf()' >/dev/null
  for _ in $(seq 1 20); do
    psql "$PRIMARY replication=true" -Atc 'IDENTIFY_SYSTEM' >/dev/null 2>&1 && break
    sleep 0.25
  done
fi
[ "$(psql "$PRIMARY" -Atc 'SHOW wal_level')" != minimal ] ||
  { echo "the primary has wal_level=minimal: no streaming standby possible" >&2; exit 1; }

start() {
  as_pg "$BIN/pg_ctl" -D "$DIR" -l "$DIR/standby.log" -w -t 60 start >/dev/null
}

make_standby() {
  echo "creating a standby of 127.0.0.1:$PRIMARY_PORT in $DIR" >&2
  as_pg "$BIN/pg_ctl" -D "$DIR" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
  mkdir -p "$DIR"
  chmod 700 "$DIR"
  [ "$(id -u)" != 0 ] || chown postgres:postgres "$DIR"
  # -R: standby.signal and primary_conninfo; -X stream: the WAL written meanwhile comes along.
  as_pg "$BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$DIR" -R -X stream -c fast
  # The standby must allow at least as much as the primary, or it refuses to start.
  settings=$(psql "$PRIMARY" -Atc "SELECT string_agg(name || ' = ' || setting, E'\n') FROM pg_settings
    WHERE name IN ('max_connections', 'max_worker_processes', 'max_wal_senders',
                   'max_prepared_transactions', 'max_locks_per_transaction')")
  # Debian keeps these files in /etc, not in the data directory the backup copied.
  as_pg tee "$DIR/postgresql.conf" >/dev/null <<EOF
port = $STANDBY_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
hot_standby = on
hot_standby_feedback = on
shared_buffers = 32MB
fsync = off
$settings
EOF
  as_pg tee "$DIR/pg_hba.conf" >/dev/null <<EOF
local all all trust
host all all 127.0.0.1/32 trust
host replication all 127.0.0.1/32 trust
EOF
  as_pg touch "$DIR/pg_ident.conf"
  start
}

streaming() {
  for _ in $(seq 1 "$1"); do
    [ "$(psql "$STANDBY" -Atc "SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming'" \
      2>/dev/null)" = 1 ] && return 0
    sleep 0.5
  done
  return 1
}

if [ -f "$DIR/standby.signal" ] && [ -f "$DIR/postgresql.conf" ]; then
  echo "starting the standby in $DIR" >&2
  # One that cannot start, or no longer streams (the primary recycled the WAL it needs), is
  # made again.
  if ! start || ! streaming 20; then make_standby; fi
else
  make_standby
fi
streaming 60 || { echo "the standby does not stream; see $DIR/standby.log" >&2; exit 1; }
standby_up || { echo "the standby did not come up; see $DIR/standby.log" >&2; exit 1; }
psql "$STANDBY" -qAtc 'SELECT pg_wal_replay_resume() WHERE pg_is_wal_replay_paused()' >/dev/null
echo "standby running on port $STANDBY_PORT" >&2
echo "$URL"
