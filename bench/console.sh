#!/usr/bin/env bash
# Console pages benchmark: the KPI benchmark's history of N shipments (bench/lib.sh `history_db`,
# bench/kpis_gen.sql) plus timelines and disputes (bench/console_gen.sql), then a marketplace
# admin's console session loaded page by page with wrk; p50/p99 and rate per page and size.
# Usage: bash bench/console.sh   (from the repo root; needs wrk, psql, jq, curl, bc)
# Knobs: PG_ADMIN (default postgres://postgres@127.0.0.1:5432/postgres), SIZES ("10000 1000000"),
#        DURATION (10s), CONNS (4), COURIERS (10), DRIVERS per courier (30), MARKETPLACES (3),
#        KEEP_DB=1 keeps the last size's database (doorstep_console_bench) for EXPLAIN ANALYZE;
#        REUSE_DB=1 (with KEEP_DB=1 and one size) measures again on it without generating;
#        PAGES='*chart*|*against*' measures only the pages whose label matches.
set -euo pipefail
cd "$(dirname "$0")/.."
PG_ADMIN=${PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}
SIZES=${SIZES:-"10000 1000000"}
DURATION=${DURATION:-10s}
CONNS=${CONNS:-4}
COURIERS=${COURIERS:-10}
DRIVERS=${DRIVERS:-30}
MARKETPLACES=${MARKETPLACES:-3}
PORT=${PORT:-18183}
DB=doorstep_console_bench
BASE=${PG_ADMIN%/*}
B=http://127.0.0.1:$PORT
WORK=$(mktemp -d)
SERVER=
cleanup() {
  kill $SERVER 2>/dev/null || true
  rm -rf "$WORK" bench/.console bench/.console_ids
  if [ -z "${KEEP_DB:-}" ]; then psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)"; fi
}
trap cleanup EXIT
BENCH_LIB=history
. bench/lib.sh
TODAY=$(date -u +%F); FROM90=$(date -u -d '-89 days' +%F)

for N in $SIZES; do
  q() { psql "$DATABASE_URL" -tAc "$1"; }
  if [ -n "${REUSE_DB:-}" ]; then
    # Measure again on the database KEEP_DB kept (its migrations applied by the build).
    "$BIN" serve > "$WORK/server.log" 2>&1 &
    SERVER=$!
    for _ in $(seq 1 50); do curl -sf $B/readyz >/dev/null && break; sleep 0.2; done
    GEN_SECONDS=0 T0=0 T1=0
  else
    history_db "$N"
    T0=$(date +%s.%N)
    psql "$DATABASE_URL" -q -f bench/console_gen.sql
    T1=$(date +%s.%N)
  fi
  echo "== $N shipments: generated in $GEN_SECONDS s + $(echo "$T1 - $T0" | bc) s (timelines, disputes);" \
    "events: $(q 'SELECT count(*) FROM shipment_events'); disputes: $(q 'SELECT count(*) FROM disputes')" \
    "($(q "SELECT count(*) FROM disputes WHERE status = 'open'") open);" \
    "database: $(q 'SELECT pg_size_pretty(pg_database_size(current_database()))')"

  # The console's own login form, as a browser posts it: fetched first for its pre-session
  # cookie and CSRF token (issue 24's login CSRF), then posted with both; 303 to /console with
  # the session cookie.
  LOGIN=$(curl -sS -D - $B/console/login | tr -d '\r')
  PRE=$(echo "$LOGIN" | sed -n 's/^set-cookie: \(doorstep_login=[^;]*\).*/\1/Ip')
  CSRF=$(echo "$LOGIN" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
  COOKIE=$(curl -sS -o /dev/null -D - $B/console/login -H "cookie: $PRE" --data-urlencode email=ops@m1.bench \
    --data-urlencode "password=$PW" --data-urlencode "csrf=$CSRF" | tr -d '\r' | sed -n 's/^set-cookie: \(doorstep_console=[^;]*\).*/\1/Ip')
  [ -n "$COOKIE" ] || { echo "console login failed" >&2; exit 1; }
  echo "$COOKIE" > bench/.console
  M1=$(q "SELECT id FROM orgs WHERE name = 'Shop 1'")
  q "SELECT count(*) FROM disputes WHERE marketplace_id = '$M1' AND status = 'open'" | sed 's/^/   open disputes of Shop 1: /'

  # page LABEL PATH [ID-QUERY]: checks the page answers 200 to this session (not a 303 to the
  # login), then loads it; %s in PATH cycles through the ID-QUERY's rows (100 of Shop 1's).
  page() {
    local want=no pat
    IFS='|' read -ra pats <<< "${PAGES:-*}"
    for pat in "${pats[@]}"; do [[ "$1" == $pat ]] && want=yes; done
    [ $want = yes ] || return 0
    if [ -n "${3:-}" ]; then q "$3" > bench/.console_ids; else echo - > bench/.console_ids; fi
    local first code
    first=$(head -1 bench/.console_ids)
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "cookie: $COOKIE" "$B${2//%s/$first}")
    if [ "$code" != 200 ]; then echo "$1: $2 answered $code, not 200" >&2; exit 1; fi
    CONSOLE_PATH="$2" wrk -t2 -c"$CONNS" -d"$DURATION" --latency -s bench/console.lua $B > "$WORK/wrk.txt"
    report "$1"
  }
  SAMPLE="FROM shipments WHERE marketplace_id = '$M1' ORDER BY md5(id) LIMIT 100"
  page "scorecard (this month, $COURIERS couriers)" "/console/scorecard"
  page "scorecard CSV (this month)" "/console/scorecard?format=csv"
  page "90-day weekly chart (first attempt success)" "/console/kpis/first_attempt_success_rate?from=$FROM90&to=$TODAY"
  page "open disputes" "/console/disputes?status=open"
  C1=$(q "SELECT partner_id FROM contracts WHERE marketplace_id = '$M1' AND partner_kind = 'courier' ORDER BY partner_id LIMIT 1")
  page "one courier's drivers, this month ($DRIVERS)" "/console/drivers?courier_id=$C1"
  # The shipments behind a scorecard figure (issue 27): every one it counts this month, and
  # the rarer ones counting against it (lost parcels: a page may scan many to fill).
  page "shipments behind a figure (on time, this month)" "/console/kpis/on_time_rate/shipments?courier_id=$C1&marketplace_id=$M1"
  page "shipments against a figure (lost, 90 days)" "/console/kpis/lost_rate/shipments?courier_id=$C1&marketplace_id=$M1&part=against&from=$FROM90&to=$TODAY"
  # A common "against" (late deliveries, ~10 %): not indexed, the first candidates fill the page.
  page "shipments against a figure (late, 90 days)" "/console/kpis/on_time_rate/shipments?courier_id=$C1&marketplace_id=$M1&part=against&from=$FROM90&to=$TODAY"
  page "low ratings with their attempts" "/console/ratings?max_stars=2"
  page "hand-offs and punctuality, this month" "/console/handoffs"
  page "shipment search by reference" "/console/shipments?reference=%s" "SELECT reference $SAMPLE"
  page "one shipment (timeline, access log)" "/console/shipments/%s" "SELECT id $SAMPLE"
  kill $SERVER; wait $SERVER 2>/dev/null || true; SERVER=
done
