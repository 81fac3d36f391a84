#!/usr/bin/env bash
# Shipments/s created one by one (POST /v1/shipments, CONNS clients) vs in batches of 500
# (POST /v1/shipments/batch, CONNS clients), on a fresh database.
#   bash bench/batch.sh                    # PostgreSQL (PG_ADMIN, default the local postgres)
#   BACKEND=sqlite bash bench/batch.sh     # SQLite (a file in a temp directory)
# N shipments each way (default 4000), CONNS clients (default 8), BIN the server binary
# (default: a release build of this tree).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-4000}; CONNS=${CONNS:-8}; PORT=${PORT:-18089}; B=http://127.0.0.1:$PORT
PG_ADMIN=${PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}
WORK=$(mktemp -d); DB=doorstep_bench_batch
for tool in curl jq python3; do command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 1; }; done
if [ -z "${BIN:-}" ]; then cargo build --release -q; BIN=${CARGO_TARGET_DIR:-target}/release/doorstep; fi
if [ "${BACKEND:-postgres}" = sqlite ]; then
  export DATABASE_URL=sqlite://$WORK/bench.db
else
  psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
  export DATABASE_URL=${PG_ADMIN%/*}/$DB
fi
export DOORSTEP_BIND=127.0.0.1:$PORT DOORSTEP_JWT_SECRET=$(printf 'b%.0s' {1..40}) \
  DOORSTEP_ACCESS_TOKEN_TTL=7200 DOORSTEP_BLOB_URL=$WORK/blobs DOORSTEP_DB_POOL_SIZE=16 RUST_LOG=warn
echo 'bench admin password' | "$BIN" admin bootstrap --email root@bench.test --password-stdin >/dev/null
"$BIN" serve > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -sf $B/readyz >/dev/null && break; sleep 0.2; done
json() { curl -sSf -H 'content-type: application/json' "$@"; }
login() { json $B/v1/auth/login -d "{\"email\":\"$1\",\"password\":\"bench admin password\"}" | jq -r .access_token; }
ROOT=$(login root@bench.test)
org() { json $B/v1/orgs -H "authorization: Bearer $ROOT" \
  -d "{\"kind\":\"$1\",\"name\":\"$2\",\"admin\":{\"email\":\"$3\",\"name\":\"A\",\"password\":\"bench admin password\"}}" | jq -r .org.id; }
org marketplace Shop ops@shop.bench >/dev/null
COURIER=$(org courier Speedy ops@speedy.bench)
SHOP=$(login ops@shop.bench)
json $B/v1/contracts -H "authorization: Bearer $SHOP" -d "{\"partner_id\":\"$COURIER\"}" >/dev/null
echo "backend ${BACKEND:-postgres}, $N shipments each way, $CONNS clients, $BIN"
python3 - "$PORT" "$SHOP" "$COURIER" "$N" "$CONNS" <<'PY'
import http.client, json, sys, threading, time
port, token, courier, n, conns = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
def shipment(ref):
    return {"reference": ref, "courier_id": courier,
            "recipient": {"name": "R", "phone": "0612345678", "email": "r@example.fr",
                          "address": {"line1": "1 rue", "postal_code": "75001", "city": "Paris", "country": "FR"},
                          "lat": 48.8606, "lon": 2.3376},
            "window": {"start": "2026-12-10T08:00:00Z", "end": "2026-12-10T12:00:00Z", "firm": True},
            "parcel": {"description": "box", "weight_grams": 1200}}
headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
def run(name, jobs, send):
    lock = threading.Lock(); created = [0]; queue = list(jobs)
    def worker():
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while True:
            with lock:
                if not queue: break
                job = queue.pop()
            got = send(c, job)
            with lock: created[0] += got
    t0 = time.time()
    ts = [threading.Thread(target=worker) for _ in range(conns)]
    [t.start() for t in ts]; [t.join() for t in ts]
    dt = time.time() - t0
    print(f"{name}: {created[0]} shipments in {dt:.2f} s = {created[0] / dt:.0f} shipments/s")
    return created[0] / dt
def one(c, i):
    c.request("POST", "/v1/shipments", json.dumps(shipment(f"ONE-{i}")), headers)
    r = c.getresponse(); r.read()
    return 1 if r.status == 201 else 0
def batch(c, k):
    body = {"shipments": [shipment(f"BAT-{k}-{j}") for j in range(500)]}
    c.request("POST", "/v1/shipments/batch", json.dumps(body), headers)
    r = c.getresponse(); res = json.loads(r.read())
    return sum(1 for x in res.get("results", []) if x["status"] == 201)
single = run("one by one", range(n), one)
batched = run("batches of 500", range(n // 500), batch)
print(f"ratio: {batched / single:.1f}x")
PY
