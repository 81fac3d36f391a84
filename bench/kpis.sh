#!/usr/bin/env bash
# KPI benchmark: generate a history of N shipments straight into PostgreSQL (bench/kpis_gen.sql),
# then load the KPI endpoints over HTTP with wrk and report p50/p99 per endpoint and size.
# Usage: bash bench/kpis.sh   (from the repo root; needs wrk, psql, jq, curl)
# Knobs: PG_ADMIN (default postgres://postgres@127.0.0.1:5432/postgres), SIZES ("10000 1000000"),
#        DURATION (10s), CONNS (4), COURIERS (10), DRIVERS per courier (30), MARKETPLACES (3),
#        FOLD (1: past days' rollup shards folded first, as the server's kpi_fold job keeps them).
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
WORK=$(mktemp -d)
SERVER=
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK" bench/.kpis' EXIT
BENCH_LIB=history
. bench/lib.sh
TODAY=$(date -u +%F); FROM90=$(date -u -d '-89 days' +%F)

for N in $SIZES; do
  history_db "$N"
  ROWS=$(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM kpi_daily")
  SIZE=$(psql "$DATABASE_URL" -tAc "SELECT pg_size_pretty(pg_database_size(current_database()))")
  echo "== $N shipments: generated in $GEN_SECONDS s; kpi_daily rows: $ROWS; database: $SIZE"
  if [ "$N" -le 10000 ]; then
    "$BIN" admin rebuild-kpis
  fi
  # Past days as the server keeps them: its kpi_fold job folds each day's 16 rollup shards into
  # one row (hourly); FOLD=0 measures the shards unfolded.
  if [ "${FOLD:-1}" != 0 ]; then
    "$BIN" admin fold-kpis
    psql "$DATABASE_URL" -qc "VACUUM ANALYZE kpi_daily"
    echo "   kpi_daily rows after the fold: $(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM kpi_daily")"
  fi
  { login ops@m1.bench; printf '%s\n' "${COURIER_IDS[@]}"; } > bench/.kpis
  run() {
    KPI_PATH="$2" wrk -t2 -c"$CONNS" -d"$DURATION" --latency -s bench/kpis.lua $B > "$WORK/wrk.txt"
    report "$1"
  }
  run "90-day courier KPIs (marketplace, by week)" "/v1/kpis?courier_id=%s&from=$FROM90&to=$TODAY&granularity=week"
  run "90-day courier KPIs (marketplace, by day)" "/v1/kpis?courier_id=%s&from=$FROM90&to=$TODAY&granularity=day"
  run "90-day courier scorecard (all couriers)" "/v1/kpis/couriers?from=$FROM90&to=$TODAY&x=%s"
  { login ops@c1.bench; printf '%s\n' "${COURIER_IDS[0]}"; } > bench/.kpis
  run "90-day driver ranking (courier, $DRIVERS drivers)" "/v1/kpis/drivers?from=$FROM90&to=$TODAY&x=%s"
  run "365-day courier KPIs (courier, by month)" "/v1/kpis?from=$(date -u -d '-364 days' +%F)&to=$TODAY&granularity=month&x=%s"
  kill $SERVER; wait $SERVER 2>/dev/null || true; SERVER=
done
