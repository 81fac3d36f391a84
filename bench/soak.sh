#!/usr/bin/env bash
# Soak: 10 minutes of parcels walked through their life (creation, hand-offs, attempts, tracking
# reads, KPI queries; bench/soak.lua) at half the measured peak rate, against PostgreSQL.
# Reports per minute the rate, p50/p99 and errors, and the server's resident memory after
# minute 1 and at the end.
# Usage: bash bench/soak.sh   (from the repo root; needs wrk, jq, curl, psql, python3)
# Knobs: PG_ADMIN, MINUTES (10), CONNS (4: connections = wrk threads), PEAK_SECONDS (30).
set -euo pipefail
cd "$(dirname "$0")/.."
PG_ADMIN=${PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}
MINUTES=${MINUTES:-10}
CONNS=${CONNS:-4}
# The parcels come from the load itself; lib.sh seeds only the parties.
SHIPMENTS=0
PEAK_SECONDS=${PEAK_SECONDS:-30}
PORT=${PORT:-18182}
DB=doorstep_soak
BASE=${PG_ADMIN%/*}
B=http://127.0.0.1:$PORT
WORK=$(mktemp -d)
trap 'kill ${SERVER:-} 2>/dev/null || true; rm -rf "$WORK" bench/.seed bench/.soak' EXIT
# Every customer comes from 127.0.0.1 here; in production they come from their own addresses.
export DOORSTEP_TRACKING_PER_ADDRESS_PER_MINUTE=1000000

source bench/lib.sh
printf '%s\n' "$SHOP" "$SPEEDY" "$DRIVER" "$COURIER" "$DRIVER_ID" > bench/.soak
rss() { awk '/VmRSS/ {print $2}' "/proc/$SERVER/status"; }
# Production PostgreSQL runs autovacuum; where it is off (as on the development machines), stand
# in for it after each minute, or plans made for the empty tables at start scan them forever.
AUTOVACUUM=$(psql "$DATABASE_URL" -Atc "SHOW autovacuum")
[ "$AUTOVACUUM" = on ] || echo "autovacuum is off here: VACUUM (ANALYZE) after each minute stands in for it"

echo "== the mix at peak ($CONNS connections, ${PEAK_SECONDS}s)"
wrk -t"$CONNS" -c"$CONNS" -d"${PEAK_SECONDS}s" --latency -s bench/soak.lua $B 2>"$WORK/peak.err" | tee "$WORK/peak.txt"
PEAK=$(awk '/Requests\/sec/ {print $2}' "$WORK/peak.txt")
LAT=$(awk '/^ +50%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else {sub(/s/,"",v); v*=1000}; print v; exit}' "$WORK/peak.txt")
DELAY=$(python3 -c "print(max(1, round(1000 * $CONNS / ($PEAK / 2) - $LAT)))")
echo "== soak: $MINUTES minutes at half the peak (~$(python3 -c "print(round($PEAK/2))") req/s, $DELAY ms between requests per connection)"
printf '%-7s %9s %9s %9s %8s %10s\n' minute 'req/s' p50 p99 errors 'RSS (KiB)'
for m in $(seq 1 "$MINUTES"); do
  DELAY_MS=$DELAY wrk -t"$CONNS" -c"$CONNS" -d60s --latency -s bench/soak.lua $B 2>"$WORK/m$m.err" > "$WORK/m$m.txt"
  R=$(rss)
  [ "$AUTOVACUUM" = on ] || psql "$DATABASE_URL" -qc "VACUUM (ANALYZE)"
  [ "$m" = 1 ] && RSS1=$R
  printf '%-7s %9s %9s %9s %8s %10s\n' "$m" \
    "$(awk '/Requests\/sec/ {print $2}' "$WORK/m$m.txt")" \
    "$(awk '/^ +50%/ {print $2}' "$WORK/m$m.txt")" \
    "$(awk '/^ +99%/ {print $2}' "$WORK/m$m.txt")" \
    "$(awk -F'[:,] ' '/^non-2xx/ {print $2 + $4}' "$WORK/m$m.txt")" "$R"
done
RSS_END=$(rss)
python3 -c "print(f'memory: {$RSS1} KiB after minute 1, {$RSS_END} KiB at the end ({100 * ($RSS_END - $RSS1) / $RSS1:+.1f} %)')"
echo "peak of the mix: $PEAK req/s; unexpected statuses seen:"
cat "$WORK"/m*.err | sort | uniq -c || true
