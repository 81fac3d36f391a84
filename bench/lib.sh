# Shared by the benchmarks: build, start `doorstep serve` on a fresh PostgreSQL database and seed a
# marketplace, a courier, a driver and $SHIPMENTS shipments out for delivery. Writes bench/.seed
# (driver token, then one shipment id a line); leaves B, SHOP, SPEEDY, DRIVER, DRIVER_ID, COURIER
# and SERVER (the pid) set. Expects PG_ADMIN, SHIPMENTS, PORT, DB, BASE, B and WORK (and
# EXTRA_TOOLS, tools to check for besides wrk, jq, curl, psql, python3) set by the caller, and the
# repo root as working directory.

for tool in wrk jq curl psql python3 ${EXTRA_TOOLS:-}; do command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 1; }; done
cargo build --release -q
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

