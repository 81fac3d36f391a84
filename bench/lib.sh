# Shared by the benchmarks; sourced from the repo root. Two uses:
#
# - BENCH_LIB=history (bench/kpis.sh, bench/console.sh): checks the tools, builds, exports the
#   server's environment and defines `history_db N` (below), then returns; the caller runs
#   `history_db` once per size. Expects PG_ADMIN, DB, BASE, PORT, B, WORK, COURIERS, DRIVERS and
#   MARKETPLACES set.
# - otherwise (bench/run.sh and the others): build, start `doorstep serve` on a fresh database and
#   seed a marketplace, a courier, a driver and $SHIPMENTS shipments out for delivery. Writes
#   bench/.seed (driver token, then one shipment id a line); leaves B, SHOP, SPEEDY, DRIVER,
#   DRIVER_ID, COURIER and SERVER (the pid) set. Expects PG_ADMIN, SHIPMENTS, PORT, DB, BASE, B and
#   WORK (and EXTRA_TOOLS, tools to check for besides wrk, jq, curl, psql, python3) set by the
#   caller.

BIN_GIVEN=${BIN:-}
BIN=${BIN:-${CARGO_TARGET_DIR:-target}/release/doorstep}
PW='bench admin password'
json() { curl -sSf -H 'content-type: application/json' "$@"; }
login() { json $B/v1/auth/login -d "{\"email\":\"$1\",\"password\":\"$PW\"}" | jq -r .access_token; }
# org KIND NAME ADMIN-EMAIL (as the platform admin, $ROOT): the new org's id.
org() { json $B/v1/orgs -H "authorization: Bearer $ROOT" \
  -d "{\"kind\":\"$1\",\"name\":\"$2\",\"admin\":{\"email\":\"$3\",\"name\":\"A\",\"password\":\"$PW\"}}" | jq -r .org.id; }
# Start `doorstep serve` on $DATABASE_URL (bootstrapping root@bench.test) and wait until ready.
serve() {
  echo "$PW" | "$BIN" admin bootstrap --email root@bench.test --password-stdin >/dev/null
  "$BIN" serve > "$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 50); do curl -sf $B/readyz >/dev/null && break; sleep 0.2; done
}

# report LABEL: one line from the wrk output in $WORK/wrk.txt (rate, p50, p99, and errors if any).
report() {
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk.txt"); p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")
  errors=$(grep -E 'Non-2xx|Socket errors' "$WORK/wrk.txt" || true)
  printf '%-48s %8s req/s  p50 %8s  p99 %8s %s\n' "$1" "$rps" "$p50" "$p99" "$errors"
}

# history_db N: a fresh PostgreSQL database $DB with $COURIERS couriers, $MARKETPLACES
# marketplaces (admins ops@m<k>.bench) each with a contract and KPI targets for every courier
# (through the API), $DRIVERS drivers per courier, then N shipments of history over the last
# 365 days written straight into PostgreSQL by bench/kpis_gen.sql. Leaves the server running
# (SERVER), COURIER_IDS, GEN_SECONDS (the generator's time), ROOT set.
history_db() {
  local n=$1 t0 t1
  psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
  serve
  ROOT=$(login root@bench.test)
  COURIER_IDS=()
  for c in $(seq 1 "$COURIERS"); do COURIER_IDS+=("$(org courier "Courier $c" ops@c$c.bench)"); done
  for m in $(seq 1 "$MARKETPLACES"); do
    org marketplace "Shop $m" ops@m$m.bench >/dev/null
    local token cid
    token=$(login ops@m$m.bench)
    for c in "${COURIER_IDS[@]}"; do
      cid=$(json $B/v1/contracts -H "authorization: Bearer $token" -d "{\"partner_id\":\"$c\"}" | jq -r .id)
      json -X PUT $B/v1/contracts/$cid/targets -H "authorization: Bearer $token" -d '{"targets":[
        {"kpi":"on_time_rate","value":0.9},{"kpi":"first_attempt_success_rate","value":0.85},
        {"kpi":"average_stars","value":4.5},{"kpi":"lost_rate","value":0.01}]}' >/dev/null
    done
  done
  # Drivers straight into the table (they never log in; hashing 300 passwords is not the point).
  psql "$DATABASE_URL" -q -c "INSERT INTO users (id, org_id, email, name, role, password_hash, created_at)
    SELECT 'usr_bench_' || o.id || '_' || k, o.id, 'd' || k || '@' || o.id || '.bench', 'Driver ' || k, 'driver', 'x', now()
    FROM orgs o, generate_series(1, $DRIVERS) k WHERE o.kind = 'courier'"
  t0=$(date +%s.%N)
  psql "$DATABASE_URL" -q -v n="$n" -f bench/kpis_gen.sql
  t1=$(date +%s.%N)
  GEN_SECONDS=$(echo "$t1 - $t0" | bc)
}

if [ "${BENCH_LIB:-}" = history ]; then
  for tool in wrk psql jq curl bc; do command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 1; }; done
  [ -n "${BIN_GIVEN:-}" ] || cargo build --release -q
  export DATABASE_URL=$BASE/$DB DOORSTEP_BIND=127.0.0.1:$PORT DOORSTEP_JWT_SECRET=$(printf 'k%.0s' {1..40}) \
    DOORSTEP_ACCESS_TOKEN_TTL=7200 DOORSTEP_BLOB_URL=$WORK/blobs DOORSTEP_DB_POOL_SIZE=8 RUST_LOG=warn
  return 0
fi

for tool in wrk jq curl psql python3 ${EXTRA_TOOLS:-}; do command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 1; }; done
# BIN set by the caller: measure that binary (an earlier build, say) instead of building.
[ -n "${BIN_GIVEN:-}" ] || cargo build --release -q
if [ "${BACKEND:-postgres}" = sqlite ]; then
  export DATABASE_URL=sqlite://$WORK/bench.db
else
  psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
  export DATABASE_URL=$BASE/$DB
fi
export DOORSTEP_BIND=127.0.0.1:$PORT DOORSTEP_JWT_SECRET=$(printf 'b%.0s' {1..40}) \
  DOORSTEP_ACCESS_TOKEN_TTL=7200 DOORSTEP_BLOB_URL=$WORK/blobs DOORSTEP_DB_POOL_SIZE=16 \
  DOORSTEP_PHOTO_MAX_BYTES=$((3 * 1024 * 1024)) RUST_LOG=warn \
  DOORSTEP_TRACKING_PER_TOKEN_PER_MINUTE=${TRACKING_LIMIT:-60} \
  DOORSTEP_TRACKING_PER_ADDRESS_PER_MINUTE=${TRACKING_LIMIT:-${DOORSTEP_TRACKING_PER_ADDRESS_PER_MINUTE:-300}}
serve
ROOT=$(login root@bench.test)
org marketplace Shop ops@shop.bench >/dev/null
COURIER=$(org courier Speedy ops@speedy.bench)
SHOP=$(login ops@shop.bench); SPEEDY=$(login ops@speedy.bench)
json $B/v1/contracts -H "authorization: Bearer $SHOP" -d "{\"partner_id\":\"$COURIER\"}" >/dev/null
DRIVER_ID=$(json $B/v1/users -H "authorization: Bearer $SPEEDY" \
  -d '{"email":"d@speedy.bench","name":"D","password":"bench admin password","role":"driver"}' | jq -r .id)
DRIVER=$(login d@speedy.bench)
# DRIVERS > 1: more drivers of the same courier, shipments dealt round-robin (bench/.seed_drivers:
# "token shipment-id" a line), so a run measures one courier's fleet, not one driver's queue.
TOKENS=("$DRIVER"); IDS=("$DRIVER_ID")
for k in $(seq 2 "${DRIVERS:-1}"); do
  IDS+=("$(json $B/v1/users -H "authorization: Bearer $SPEEDY" \
    -d "{\"email\":\"d$k@speedy.bench\",\"name\":\"D$k\",\"password\":\"bench admin password\",\"role\":\"driver\"}" | jq -r .id)")
  TOKENS+=("$(login d$k@speedy.bench)")
done
START=$(date -u -d '-1 hour' +%FT%TZ); END=$(date -u -d '+6 hour' +%FT%TZ)
echo "$DRIVER" > bench/.seed
: > bench/.seed_drivers; : > bench/.tokens
seed_one() {
  local i=$1 K ID H
  K=$(( (i - 1) % ${#TOKENS[@]} ))
  ID=$(json $B/v1/shipments -H "authorization: Bearer $SHOP" -d "{\"reference\":\"B-$i\",\"courier_id\":\"$COURIER\",
    \"recipient\":{\"name\":\"R\",\"phone\":\"0612345678\",\"address\":{\"line1\":\"1 rue\",\"postal_code\":\"75001\",\"city\":\"Paris\",\"country\":\"FR\"},\"lat\":48.8606,\"lon\":2.3376},
    \"window\":{\"start\":\"$START\",\"end\":\"$END\",\"firm\":true}}" | jq -r '.id + " " + .tracking.token')
  echo "${ID#* }" >> bench/.tokens; ID=${ID%% *}
  H=$(json $B/v1/shipments/$ID/handoffs -H "authorization: Bearer $SHOP" -d '{"to":"courier"}' | jq -r .id)
  json $B/v1/shipments/$ID/handoffs/$H/accept -H "authorization: Bearer $SPEEDY" -d '{"condition":"intact"}' >/dev/null
  H=$(json $B/v1/shipments/$ID/handoffs -H "authorization: Bearer $SPEEDY" -d "{\"to\":\"driver\",\"driver_id\":\"${IDS[$K]}\"}" | jq -r .id)
  json $B/v1/shipments/$ID/handoffs/$H/accept -H "authorization: Bearer ${TOKENS[$K]}" -d '{"condition":"intact"}' >/dev/null
  json -X POST $B/v1/shipments/$ID/out-for-delivery -H "authorization: Bearer ${TOKENS[$K]}" >/dev/null
  if [ "$K" = 0 ]; then echo "$ID" >> bench/.seed; fi
  echo "${TOKENS[$K]} $ID" >> bench/.seed_drivers
}
# Four parcels at a time (each line appended at once, so parallel writers do not mix lines).
# (Wait for these jobs by pid: a bare `wait` would also wait for the server.)
PIDS=()
for i in $(seq 1 "$SHIPMENTS"); do
  seed_one "$i" &
  PIDS+=($!)
  if (( i % 4 == 0 )); then wait "${PIDS[@]}"; PIDS=(); fi
done
if (( ${#PIDS[@]} )); then wait "${PIDS[@]}"; fi

