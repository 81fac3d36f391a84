#!/usr/bin/env bash
# Load run: delivery attempts (JSON) over HTTP, each connection one driver of the same courier;
# then the database's own limit for the same work on the same database: pgbench of the minimal
# attempt transaction (bench/attempt_tx*.sql) and of one single-row INSERT (PostgreSQL), or a
# bare loop writing the same rows with the same settings (SQLite); and real 12 MP photo uploads.
# Usage: bash bench/run.sh              (PostgreSQL; needs wrk, pgbench, jq, curl, python3)
#        BACKEND=sqlite bash bench/run.sh
# Knobs: PG_ADMIN (default postgres://postgres@127.0.0.1:5432/postgres), DURATION (20s),
#        CONNS (8, also the number of drivers), SHIPMENTS (1024: a few attempts each, as parcels
#        have, not hundreds).
set -euo pipefail
cd "$(dirname "$0")/.."
PG_ADMIN=${PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}
DURATION=${DURATION:-20s}
CONNS=${CONNS:-8}
SHIPMENTS=${SHIPMENTS:-1024}
PORT=${PORT:-18181}
DB=doorstep_bench
BASE=${PG_ADMIN%/*}
B=http://127.0.0.1:$PORT
WORK=$(mktemp -d)
trap 'kill ${SERVER:-} 2>/dev/null || true; rm -rf "$WORK"' EXIT

DRIVERS=$CONNS
TRACKING_LIMIT=${TRACKING_LIMIT:-10000000}
[ "${BACKEND:-postgres}" = sqlite ] || EXTRA_TOOLS=pgbench
source bench/lib.sh

echo "== tracking link: known tokens vs an unknown token's 404 (JSON and the page), before any attempt"
for what in "UNKNOWN=1" "UNKNOWN=0" "PAGE=1"; do
  env $what wrk -t2 -c"$CONNS" -d10s --latency -s bench/tracking.lua $B > "$WORK/track.txt"
  RATE=$(awk '/Requests\/sec/ {print $2}' "$WORK/track.txt")
  echo "$what: $RATE req/s, $(grep -E '50%|99%' "$WORK/track.txt" | tr -s ' ' | tr '\n' ' ')"
done


echo "== attempts at peak ($CONNS connections, $DURATION)"
wrk -t"$CONNS" -c"$CONNS" -d"$DURATION" --latency -s bench/attempts.lua $B | tee "$WORK/peak.txt"
PEAK=$(awk '/Requests\/sec/ {print $2}' "$WORK/peak.txt")
# wrk waits DELAY after each response, so subtract the latency the peak run saw.
LAT=$(awk '/^ +50%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else {sub(/s/,"",v); v*=1000}; print v; exit}' "$WORK/peak.txt")
DELAY=$(python3 -c "print(max(1, round(1000 * $CONNS / ($PEAK / 2) - $LAT)))")
echo "== attempts at half the peak (~$(python3 -c "print(round($PEAK/2))") req/s: $DELAY ms between requests per connection)"
DELAY_MS=$DELAY wrk -t"$CONNS" -c"$CONNS" -d"$DURATION" --latency -s bench/attempts.lua $B | tee "$WORK/half.txt"

if [ "${BACKEND:-postgres}" = sqlite ]; then
  echo "== SQLite: a bare loop writing the same rows, same settings, same file (server paused)"
  kill -STOP "$SERVER"
  python3 bench/sqlite_baseline.py "$WORK/bench.db" "${DURATION%s}" | tee "$WORK/base.txt"
  kill -CONT "$SERVER"
  BASELINE=$(awk '/tx\/s/ {print $NF}' "$WORK/base.txt"); TPS=$BASELINE
else
  echo "== pgbench: the minimal attempt transaction, same database, $CONNS clients"
  psql "$DATABASE_URL" -qc "DROP TABLE IF EXISTS bench_ids" \
    -c "CREATE TABLE bench_ids AS SELECT row_number() OVER (ORDER BY id) AS n, id FROM shipments"
  for f in attempt_tx attempt_tx_sharded; do
    pgbench -n -M prepared -c "$CONNS" -j 2 -T "${DURATION%s}" -D shipments="$SHIPMENTS" -f bench/$f.sql "$DATABASE_URL" | tee "$WORK/$f.txt"
  done
  BASELINE=$(awk '/^tps/ {print $3; exit}' "$WORK/attempt_tx_sharded.txt")
  ONE_ROW=$(awk '/^tps/ {print $3; exit}' "$WORK/attempt_tx.txt")
  echo "attempt transaction, one rollup row: $ONE_ROW tx/s; sharded rollup: $BASELINE tx/s"
echo "== pgbench: one equivalent single-row INSERT, same database, $CONNS clients"
psql "$DATABASE_URL" -qc "DROP TABLE IF EXISTS bench_attempts" -c "CREATE TABLE bench_attempts (LIKE delivery_attempts INCLUDING ALL)"
cat > "$WORK/insert.sql" <<'SQL'
\set n random(1, 1000000000)
INSERT INTO bench_attempts (id, shipment_id, driver_id, courier_id, outcome, failure_reason, pin_verified, lat, lon, accuracy_m, gps_captured_at, distance_m, intercom_note, occurred_at, received_at, flags, idempotency_key, request_hash)
VALUES ('att_' || :client_id || '_' || :n || '_' || clock_timestamp(), 'shp_x', 'usr_x', 'org_x', 'failed', 'recipient_absent', false, 48.86, 2.33, 8, now(), 0, 'no answer', now(), now(), '', 'k' || :client_id || '_' || :n || '_' || clock_timestamp(), 'h');
SQL
pgbench -n -M prepared -c "$CONNS" -j 2 -T "${DURATION%s}" -f "$WORK/insert.sql" "$DATABASE_URL" | tee "$WORK/pgbench.txt"
TPS=$(awk '/^tps/ {print $3; exit}' "$WORK/pgbench.txt")
fi

echo "== photos: a real 12 MP JPEG (3.0 MB), 4 connections, 10 s"
source bench/photo_step.sh
# SQLite's group commit: how many writes each COMMIT carried over the whole run.
curl -s $B/metrics | awk '/^doorstep_db_write_group_size_(sum|count)/ {v[$1]=$2} END {if (v["doorstep_db_write_group_size_count"]) printf "SQLite group commit: %d writes in %d commits, %.2f a commit\n", v["doorstep_db_write_group_size_sum"], v["doorstep_db_write_group_size_count"], v["doorstep_db_write_group_size_sum"] / v["doorstep_db_write_group_size_count"]}' | tee "$WORK/groups.txt"
echo
echo "== summary"
python3 - "$PEAK" "$BASELINE" "$TPS" "$PHOTOS" <<'PY'
import sys
peak, base, tps, photos = map(float, sys.argv[1:])
print(f"attempts/s at peak: {peak:.0f}; the database's own attempt transaction: {base:.0f}/s; ratio: {100 * peak / base:.0f}%")
print(f"single-row INSERT (PostgreSQL; the bare loop on SQLite): {tps:.0f}/s; ratio: {100 * peak / tps:.0f}%")
print(f"photo uploads (12 MP, 3.0 MB): {photos:.1f}/s = {photos * 3.03:.0f} MB/s")
PY
awk '/Requests\/sec/ {print "half-peak run achieved " $2 " req/s"}' "$WORK/half.txt"
grep -E "50%|99%" "$WORK/half.txt" | sed 's/^/half-peak latency /'
rm -f bench/.tokens bench/.seed bench/.seed_drivers
