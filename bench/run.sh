#!/usr/bin/env bash
# Load run: delivery attempts (JSON) over HTTP against PostgreSQL, a pgbench baseline of one
# equivalent single-row INSERT on the same database, and 2 MB photo uploads.
# Usage: bash bench/run.sh   (from the repo root; needs wrk, pgbench, jq, curl, python3)
# Knobs: PG_ADMIN (default postgres://postgres@127.0.0.1:5432/postgres), DURATION (20s),
#        CONNS (8), SHIPMENTS (64).
set -euo pipefail
cd "$(dirname "$0")/.."
PG_ADMIN=${PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}
DURATION=${DURATION:-20s}
CONNS=${CONNS:-8}
SHIPMENTS=${SHIPMENTS:-64}
PORT=${PORT:-18181}
DB=doorstep_bench
BASE=${PG_ADMIN%/*}
B=http://127.0.0.1:$PORT
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT

for tool in wrk pgbench jq curl python3; do command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 1; }; done
cargo build --release -q
psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
export DATABASE_URL=$BASE/$DB DOORSTEP_BIND=127.0.0.1:$PORT DOORSTEP_JWT_SECRET=$(printf 'b%.0s' {1..40}) \
  DOORSTEP_ACCESS_TOKEN_TTL=7200 DOORSTEP_BLOB_URL=$WORK/blobs DOORSTEP_DB_POOL_SIZE=16 \
  DOORSTEP_PHOTO_MAX_BYTES=$((3 * 1024 * 1024)) RUST_LOG=warn
echo 'bench admin password' | ./target/release/doorstep admin bootstrap --email root@bench.test --password-stdin >/dev/null
./target/release/doorstep serve > "$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 50); do curl -sf $B/readyz >/dev/null && break; sleep 0.2; done

json() { curl -sSf -H 'content-type: application/json' "$@"; }
login() { json $B/v1/auth/login -d "{\"email\":\"$1\",\"password\":\"bench admin password\"}" | jq -r .access_token; }
ROOT=$(login root@bench.test)
org() { json $B/v1/orgs -H "authorization: Bearer $ROOT" \
  -d "{\"kind\":\"$1\",\"name\":\"$2\",\"admin\":{\"email\":\"$3\",\"name\":\"A\",\"password\":\"bench admin password\"}}" | jq -r .org.id; }
org marketplace Shop ops@shop.bench >/dev/null
COURIER=$(org courier Speedy ops@speedy.bench)
SHOP=$(login ops@shop.bench); SPEEDY=$(login ops@speedy.bench)
json $B/v1/contracts -H "authorization: Bearer $SHOP" -d "{\"partner_id\":\"$COURIER\"}" >/dev/null
DRIVER_ID=$(json $B/v1/users -H "authorization: Bearer $SPEEDY" \
  -d '{"email":"d@speedy.bench","name":"D","password":"bench admin password","role":"driver"}' | jq -r .id)
DRIVER=$(login d@speedy.bench)
START=$(date -u -d '-1 hour' +%FT%TZ); END=$(date -u -d '+6 hour' +%FT%TZ)
echo "$DRIVER" > bench/.seed
for i in $(seq 1 "$SHIPMENTS"); do
  ID=$(json $B/v1/shipments -H "authorization: Bearer $SHOP" -d "{\"reference\":\"B-$i\",\"courier_id\":\"$COURIER\",
    \"recipient\":{\"name\":\"R\",\"phone\":\"0612345678\",\"address\":{\"line1\":\"1 rue\",\"postal_code\":\"75001\",\"city\":\"Paris\",\"country\":\"FR\"},\"lat\":48.8606,\"lon\":2.3376},
    \"window\":{\"start\":\"$START\",\"end\":\"$END\",\"firm\":true}}" | jq -r .id)
  H=$(json $B/v1/shipments/$ID/handoffs -H "authorization: Bearer $SHOP" -d '{"to":"courier"}' | jq -r .id)
  json $B/v1/shipments/$ID/handoffs/$H/accept -H "authorization: Bearer $SPEEDY" -d '{"condition":"intact"}' >/dev/null
  H=$(json $B/v1/shipments/$ID/handoffs -H "authorization: Bearer $SPEEDY" -d "{\"to\":\"driver\",\"driver_id\":\"$DRIVER_ID\"}" | jq -r .id)
  json $B/v1/shipments/$ID/handoffs/$H/accept -H "authorization: Bearer $DRIVER" -d '{"condition":"intact"}' >/dev/null
  json -X POST $B/v1/shipments/$ID/out-for-delivery -H "authorization: Bearer $DRIVER" >/dev/null
  echo "$ID" >> bench/.seed
done

echo "== attempts at peak ($CONNS connections, $DURATION)"
wrk -t2 -c"$CONNS" -d"$DURATION" --latency -s bench/attempts.lua $B | tee "$WORK/peak.txt"
PEAK=$(awk '/Requests\/sec/ {print $2}' "$WORK/peak.txt")
# wrk waits DELAY after each response, so subtract the latency the peak run saw.
LAT=$(awk '/^ +50%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else {sub(/s/,"",v); v*=1000}; print v; exit}' "$WORK/peak.txt")
DELAY=$(python3 -c "print(max(1, round(1000 * $CONNS / ($PEAK / 2) - $LAT)))")
echo "== attempts at half the peak (~$(python3 -c "print(round($PEAK/2))") req/s: $DELAY ms between requests per connection)"
DELAY_MS=$DELAY wrk -t2 -c"$CONNS" -d"$DURATION" --latency -s bench/attempts.lua $B | tee "$WORK/half.txt"

echo "== pgbench: one equivalent single-row INSERT, same database, $CONNS clients"
psql "$DATABASE_URL" -qc "DROP TABLE IF EXISTS bench_attempts" -c "CREATE TABLE bench_attempts (LIKE delivery_attempts INCLUDING ALL)"
cat > "$WORK/insert.sql" <<'SQL'
\set n random(1, 1000000000)
INSERT INTO bench_attempts (id, shipment_id, driver_id, courier_id, outcome, failure_reason, pin_verified, lat, lon, accuracy_m, gps_captured_at, distance_m, intercom_note, occurred_at, received_at, flags, idempotency_key, request_hash)
VALUES ('att_' || :client_id || '_' || :n || '_' || clock_timestamp(), 'shp_x', 'usr_x', 'org_x', 'failed', 'recipient_absent', false, 48.86, 2.33, 8, now(), 0, 'no answer', now(), now(), '', 'k' || :client_id || '_' || :n || '_' || clock_timestamp(), 'h');
SQL
pgbench -n -M prepared -c "$CONNS" -j 2 -T "${DURATION%s}" -f "$WORK/insert.sql" "$DATABASE_URL" | tee "$WORK/pgbench.txt"
TPS=$(awk '/^tps/ {print $3; exit}' "$WORK/pgbench.txt")

echo "== photos: 2 MB JPEG uploads (4 connections, 10 s)"
NOW=$(date -u +%FT%TZ)
ID=$(sed -n 2p bench/.seed)
ATT=$(curl -sSf $B/v1/shipments/$ID/attempts -H "authorization: Bearer $DRIVER" -H 'content-type: application/json' \
  -H "Idempotency-Key: photo-$(date +%s%N)" -d "{\"outcome\":\"failed\",\"failure_reason\":\"no_access\",\"occurred_at\":\"$NOW\"}" | jq -r .id)
printf '%s\n%s\n' "$DRIVER" "$ATT" > bench/.photo_seed
python3 - <<'PY'
import struct
sof = b"\xff\xc0" + struct.pack(">HBHHB", 17, 8, 3024, 4032, 3) + b"\x01\x22\x00\x02\x11\x01\x03\x11\x01"
body = b"\xff\xd8" + sof + bytes(2 * 1024 * 1024 - len(sof) - 4) + b"\xff\xd9"
open("bench/.photo.jpg", "wb").write(body)
PY
wrk -t2 -c4 -d10s --latency -s bench/photos.lua $B | tee "$WORK/photos.txt"
PHOTOS=$(awk '/Requests\/sec/ {print $2}' "$WORK/photos.txt")

echo
echo "== summary"
python3 - "$PEAK" "$TPS" "$PHOTOS" <<'PY'
import sys
peak, tps, photos = map(float, sys.argv[1:])
print(f"attempts/s at peak: {peak:.0f}; pgbench INSERT tps: {tps:.0f}; ratio: {100 * peak / tps:.0f}%")
print(f"photo uploads: {photos:.1f}/s = {photos * 2:.0f} MB/s")
PY
awk '/Requests\/sec/ {print "half-peak run achieved " $2 " req/s"}' "$WORK/half.txt"
grep -E "50%|99%" "$WORK/half.txt" | sed 's/^/half-peak latency /'
rm -f bench/.seed bench/.photo_seed bench/.photo.jpg
