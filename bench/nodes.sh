#!/usr/bin/env bash
# Several nodes and a read replica, on this machine: tracking reads/s from the primary vs from a
# streaming standby; the standby's replay lag under the attempt load; one node vs two nodes on
# the same PostgreSQL (tracking reads, the load split over both). On 2 cores two nodes share the
# same cores, so the second figure shows the coordination overhead, not a gain.
# Usage: bash bench/nodes.sh   (PostgreSQL; needs wrk, jq, curl, psql, python3; makes the
#        standby with tests/replica/standby.sh). Knobs: PG_ADMIN, DURATION (10s), CONNS (8),
#        SHIPMENTS (256).
set -euo pipefail
cd "$(dirname "$0")/.."
PG_ADMIN=${PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}
DURATION=${DURATION:-10s}
CONNS=${CONNS:-8}
SHIPMENTS=${SHIPMENTS:-256}
PORT=${PORT:-18191}
PORT2=$((PORT + 1))
DB=doorstep_bench_nodes
BASE=${PG_ADMIN%/*}
B=http://127.0.0.1:$PORT
B2=http://127.0.0.1:$PORT2
WORK=$(mktemp -d)
trap 'kill ${SERVER:-} ${SERVER2:-} ${SAMPLER:-} 2>/dev/null || true; rm -rf "$WORK"' EXIT
DRIVERS=$CONNS
TRACKING_LIMIT=10000000
STANDBY=$(bash tests/replica/standby.sh | tail -n1)
STANDBY_BASE=${STANDBY%/*}
source bench/lib.sh

rate() { awk '/Requests\/sec/ {print $2}' "$1"; }
p99() { awk '/^ +99%/ {print $2}' "$1"; }
restart() { # restart the first node with extra environment
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
  env "$@" "$BIN" serve > "$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 50); do curl -sf $B/readyz >/dev/null && break; sleep 0.2; done
}
caught_up() { # the standby has replayed everything the primary wrote
  for _ in $(seq 1 100); do
    local lag
    lag=$(psql "$PG_ADMIN" -Atc "SELECT COALESCE(max(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)), -1) FROM pg_stat_replication")
    [ "$lag" = 0 ] && return 0
    sleep 0.1
  done
  echo "standby not caught up" >&2; return 1
}

echo "== tracking reads, primary only ($CONNS connections, $DURATION)"
wrk -t2 -c"$CONNS" -d"$DURATION" --latency -s bench/tracking.lua $B > "$WORK/primary.txt"
echo "primary: $(rate "$WORK/primary.txt") req/s, p99 $(p99 "$WORK/primary.txt")"

caught_up
restart DOORSTEP_READ_DATABASE_URL="$STANDBY_BASE/$DB?sslmode=disable"
sleep 1
wrk -t2 -c"$CONNS" -d"$DURATION" --latency -s bench/tracking.lua $B > "$WORK/replica.txt"
READS=$(curl -s $B/metrics | awk '/^doorstep_db_reads_total\{pool="replica"\}/ {print $2}')
echo "== tracking reads from the standby: $(rate "$WORK/replica.txt") req/s, p99 $(p99 "$WORK/replica.txt") (reads served by the replica: ${READS:-0})"

echo "== the standby's replay lag under the attempt load ($CONNS connections, $DURATION)"
( while :; do
    psql "$PG_ADMIN" -Atc "SELECT COALESCE(EXTRACT(EPOCH FROM replay_lag) * 1000, 0), pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) FROM pg_stat_replication" 2>/dev/null
    sleep 0.25
  done ) > "$WORK/lag.txt" &
SAMPLER=$!
wrk -t"$CONNS" -c"$CONNS" -d"$DURATION" --latency -s bench/attempts.lua $B > "$WORK/attempts.txt"
kill "$SAMPLER"; SAMPLER=
echo "attempts: $(rate "$WORK/attempts.txt") req/s, p99 $(p99 "$WORK/attempts.txt")"
python3 - "$WORK/lag.txt" <<'PY'
import sys
rows = [l.strip().split("|") for l in open(sys.argv[1]) if "|" in l]
ms = sorted(float(a) for a, b in rows); by = sorted(float(b) for a, b in rows)
if ms:
    pick = lambda v, q: v[min(len(v) - 1, int(q * len(v)))]
    print(f"replay lag over {len(ms)} samples: p50 {pick(ms, .5):.1f} ms, p99 {pick(ms, .99):.1f} ms, max {ms[-1]:.1f} ms; bytes behind max {int(by[-1])}")
PY

echo "== one node vs two nodes on the same database (tracking reads, primary only)"
restart DOORSTEP_TRACKING_PER_TOKEN_PER_MINUTE=$TRACKING_LIMIT
DOORSTEP_BIND=127.0.0.1:$PORT2 "$BIN" serve > "$WORK/server2.log" 2>&1 &
SERVER2=$!
for _ in $(seq 1 50); do curl -sf $B2/readyz >/dev/null && break; sleep 0.2; done
wrk -t2 -c"$CONNS" -d"$DURATION" --latency -s bench/tracking.lua $B > "$WORK/one.txt"
echo "one node, $CONNS connections: $(rate "$WORK/one.txt") req/s"
HALF=$((CONNS / 2))
wrk -t1 -c"$HALF" -d"$DURATION" -s bench/tracking.lua $B > "$WORK/a.txt" &
W1=$!
wrk -t1 -c"$HALF" -d"$DURATION" -s bench/tracking.lua $B2 > "$WORK/b.txt"
wait "$W1"
echo "two nodes, $HALF connections each: $(python3 -c "print(round($(rate "$WORK/a.txt") + $(rate "$WORK/b.txt")))") req/s ($(rate "$WORK/a.txt") + $(rate "$WORK/b.txt"))"
