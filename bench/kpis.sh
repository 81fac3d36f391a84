#!/usr/bin/env bash
# KPI benchmark: generate a history of N shipments straight into PostgreSQL (bench/kpis_gen.sql),
# then load the KPI endpoints over HTTP with wrk and report p50/p99 per endpoint and size.
# Usage: bash bench/kpis.sh   (from the repo root; needs wrk, psql, jq, curl)
# Knobs: PG_ADMIN (default postgres://postgres@127.0.0.1:5432/postgres), SIZES ("10000 1000000"),
#        DURATION (10s), CONNS (4), COURIERS (10), DRIVERS per courier (30), MARKETPLACES (3).
set -euo pipefail
cd "$(dirname "$0")/.."
PG_ADMIN=${PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}
SIZES=${SIZES:-"10000 1000000"}
DURATION=${DURATION:-10s}
CONNS=${CONNS:-4}
COURIERS=${COURIERS:-10}
DRIVERS=${DRIVERS:-30}
MARKETPLACES=${MARKETPLACES:-3}
PORT=${PORT:-18182}
DB=doorstep_kpis_bench
BASE=${PG_ADMIN%/*}
B=http://127.0.0.1:$PORT
PW='bench admin password'
WORK=$(mktemp -d)
SERVER=
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK" bench/.kpis' EXIT
for tool in wrk psql jq curl; do command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 1; }; done
cargo build --release -q
export DATABASE_URL=$BASE/$DB DOORSTEP_BIND=127.0.0.1:$PORT DOORSTEP_JWT_SECRET=$(printf 'k%.0s' {1..40}) \
  DOORSTEP_ACCESS_TOKEN_TTL=7200 DOORSTEP_BLOB_URL=$WORK/blobs DOORSTEP_DB_POOL_SIZE=8 RUST_LOG=warn
json() { curl -sSf -H 'content-type: application/json' "$@"; }
login() { json $B/v1/auth/login -d "{\"email\":\"$1\",\"password\":\"$PW\"}" | jq -r .access_token; }
TODAY=$(date -u +%F); FROM90=$(date -u -d '-89 days' +%F)

for N in $SIZES; do
  psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
  echo "$PW" | ./target/release/doorstep admin bootstrap --email root@bench.test --password-stdin >/dev/null
  ./target/release/doorstep serve > "$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 50); do curl -sf $B/readyz >/dev/null && break; sleep 0.2; done
  ROOT=$(login root@bench.test)
  org() { json $B/v1/orgs -H "authorization: Bearer $ROOT" \
    -d "{\"kind\":\"$1\",\"name\":\"$2\",\"admin\":{\"email\":\"$3\",\"name\":\"A\",\"password\":\"$PW\"}}" | jq -r .org.id; }
  COURIER_IDS=()
  for c in $(seq 1 "$COURIERS"); do COURIER_IDS+=("$(org courier "Courier $c" ops@c$c.bench)"); done
  for m in $(seq 1 "$MARKETPLACES"); do
    org marketplace "Shop $m" ops@m$m.bench >/dev/null
    TOKEN=$(login ops@m$m.bench)
    for c in "${COURIER_IDS[@]}"; do
      CID=$(json $B/v1/contracts -H "authorization: Bearer $TOKEN" -d "{\"partner_id\":\"$c\"}" | jq -r .id)
      json -X PUT $B/v1/contracts/$CID/targets -H "authorization: Bearer $TOKEN" -d '{"targets":[
        {"kpi":"on_time_rate","value":0.9},{"kpi":"first_attempt_success_rate","value":0.85},
        {"kpi":"average_stars","value":4.5},{"kpi":"lost_rate","value":0.01}]}' >/dev/null
    done
  done
  # Drivers straight into the table (they never log in; hashing 300 passwords is not the point).
  psql "$DATABASE_URL" -q -c "INSERT INTO users (id, org_id, email, name, role, password_hash, created_at)
    SELECT 'usr_bench_' || o.id || '_' || k, o.id, 'd' || k || '@' || o.id || '.bench', 'Driver ' || k, 'driver', 'x', now()
    FROM orgs o, generate_series(1, $DRIVERS) k WHERE o.kind = 'courier'"
  T0=$(date +%s.%N)
  psql "$DATABASE_URL" -q -v n="$N" -f bench/kpis_gen.sql
  T1=$(date +%s.%N)
  ROWS=$(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM kpi_daily")
  SIZE=$(psql "$DATABASE_URL" -tAc "SELECT pg_size_pretty(pg_database_size(current_database()))")
  echo "== $N shipments: generated in $(echo "$T1 - $T0" | bc) s; kpi_daily rows: $ROWS; database: $SIZE"
  if [ "$N" -le 10000 ]; then
    ./target/release/doorstep admin rebuild-kpis
  fi
  { login ops@m1.bench; printf '%s\n' "${COURIER_IDS[@]}"; } > bench/.kpis
  run() {
    KPI_PATH="$2" wrk -t2 -c"$CONNS" -d"$DURATION" --latency -s bench/kpis.lua $B > "$WORK/wrk.txt"
    local rps p50 p99
    rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
    p50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk.txt"); p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")
    local errors; errors=$(grep -E 'Non-2xx|Socket errors' "$WORK/wrk.txt" || true)
    printf '%-48s %8s req/s  p50 %8s  p99 %8s %s\n' "$1" "$rps" "$p50" "$p99" "$errors"
  }
  run "90-day courier KPIs (marketplace, by week)" "/v1/kpis?courier_id=%s&from=$FROM90&to=$TODAY&granularity=week"
  run "90-day courier KPIs (marketplace, by day)" "/v1/kpis?courier_id=%s&from=$FROM90&to=$TODAY&granularity=day"
  run "90-day courier scorecard (all couriers)" "/v1/kpis/couriers?from=$FROM90&to=$TODAY&x=%s"
  { login ops@c1.bench; printf '%s\n' "${COURIER_IDS[0]}"; } > bench/.kpis
  run "90-day driver ranking (courier, $DRIVERS drivers)" "/v1/kpis/drivers?from=$FROM90&to=$TODAY&x=%s"
  run "365-day courier KPIs (courier, by month)" "/v1/kpis?from=$(date -u -d '-364 days' +%F)&to=$TODAY&granularity=month&x=%s"
  kill $SERVER; wait $SERVER 2>/dev/null || true; SERVER=
done
