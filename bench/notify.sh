#!/usr/bin/env bash
# Customer messages: the attempt rate with notifications off, then on (each failed attempt
# queues one SMS in the attempt's transaction: one outbox row), and the messages/s the sender
# delivers to a local SMS receiver (Twilio's shape, answering 200 at once).
# Usage: bash bench/notify.sh            (PostgreSQL; needs wrk, jq, curl, psql, python3)
#        BACKEND=sqlite bash bench/notify.sh
# Knobs: PG_ADMIN, DURATION (10s), CONNS (8, also the number of drivers), SHIPMENTS (256).
set -euo pipefail
cd "$(dirname "$0")/.."
PG_ADMIN=${PG_ADMIN:-postgres://postgres@127.0.0.1:5432/postgres}
DURATION=${DURATION:-10s}
CONNS=${CONNS:-8}
SHIPMENTS=${SHIPMENTS:-256}
PORT=${PORT:-18182}
SMS_PORT=${SMS_PORT:-18183}
DB=doorstep_bench_notify
BASE=${PG_ADMIN%/*}
B=http://127.0.0.1:$PORT
WORK=$(mktemp -d)
trap 'kill ${SERVER:-} ${RECEIVER:-} 2>/dev/null || true; rm -rf "$WORK"' EXIT
DRIVERS=$CONNS

# The SMS receiver: one line (a timestamp) per message received.
cat > "$WORK/receiver.py" <<'PY'
import sys, time
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
out = open(sys.argv[2], "a", buffering=1)
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length", 0)))
        out.write(f"{time.time()} {self.headers.get('x-doorstep-event-id')}\n")
        body = b'{"sid":"SM1","status":"queued"}'
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY

peak() {
  wrk -t"$CONNS" -c"$CONNS" -d"$DURATION" --latency -s bench/attempts.lua $B > "$WORK/$1.txt"
  awk '/Requests\/sec/ {print $2}' "$WORK/$1.txt"
}

echo "== notifications off"
unset DOORSTEP_SMS_URL
source bench/lib.sh
OFF=$(peak off)
echo "attempts/s: $OFF ($(grep -E '^ +(50|99)%' "$WORK/off.txt" | tr -s ' ' | tr '\n' ' '))"
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true

echo "== notifications on: every failed attempt queues an SMS to the local receiver"
python3 "$WORK/receiver.py" "$SMS_PORT" "$WORK/hits.txt" &
RECEIVER=$!
export DOORSTEP_SMS_URL="http://AC1:x@127.0.0.1:$SMS_PORT/2010-04-01/Accounts/AC1/Messages.json"
export DOORSTEP_NOTIFY_CAP=1000000
export DOORSTEP_NOTIFY_PER_RECIPIENT_PER_DAY=100000000
rm -f "$WORK"/bench.db*
source bench/lib.sh
sleep 2; : > "$WORK/hits.txt"   # the seed's own messages are not counted
ON=$(peak on)
END=$(date +%s.%N)
echo "attempts/s: $ON ($(grep -E '^ +(50|99)%' "$WORK/on.txt" | tr -s ' ' | tr '\n' ' '))"
# Let the sender drain what is left (no new messages: the count stops growing).
LAST=-1
while :; do N=$(wc -l < "$WORK/hits.txt"); [ "$N" = "$LAST" ] && break; LAST=$N; sleep 2; done
python3 - "$WORK/hits.txt" "$END" "$OFF" "$ON" <<'PY'
import sys
ts = sorted(float(l.split()[0]) for l in open(sys.argv[1]) if l.strip())
end, off, on = float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
after = [t for t in ts if t > end]
print(f"messages received: {len(ts)} in {ts[-1] - ts[0]:.1f} s -> {len(ts) / max(ts[-1] - ts[0], 1e-9):.0f}/s overall")
if len(after) > 1:
    print(f"backlog after the load: {len(after)} drained at {len(after) / max(after[-1] - end, 1e-9):.0f} messages/s")
print(f"attempts/s off {off:.0f}, on {on:.0f}: {100 * (on - off) / off:+.1f} %")
PY
rm -f bench/.tokens bench/.seed bench/.seed_drivers
