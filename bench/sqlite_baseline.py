"""The SQLite baseline for the attempts benchmark: a bare loop that writes, one transaction per
attempt, the same rows an attempt writes (the attempt, the shipment's update, two timeline
events, the driver's and the rollup's counters), with the server's settings (WAL,
synchronous=FULL) on the benchmark's own database file, one writer as the server has.
Usage: python3 bench/sqlite_baseline.py DB_FILE SECONDS  -> prints "sqlite bare loop tx/s: N"."""
import sqlite3
import sys
import time

path, seconds = sys.argv[1], float(sys.argv[2])
db = sqlite3.connect(path, isolation_level=None)
db.executescript("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;")
ids = [r[0] for r in db.execute("SELECT id FROM shipments ORDER BY id")]
n, start = 0, time.monotonic()
while time.monotonic() - start < seconds:
    n += 1
    sid = ids[n % len(ids)]
    key = f"base-{n}-{time.time_ns()}"
    db.execute("BEGIN")
    db.execute("SELECT * FROM shipments WHERE id = ?", (sid,)).fetchone()
    db.execute(
        "INSERT INTO delivery_attempts (id, shipment_id, driver_id, courier_id, outcome, failure_reason,"
        " pin_verified, lat, lon, accuracy_m, gps_captured_at, distance_m, intercom_note, occurred_at,"
        " received_at, flags, idempotency_key, request_hash) VALUES (?, ?, 'usr_x', 'org_x', 'failed',"
        " 'recipient_absent', 0, 48.86, 2.33, 8, datetime('now'), 0, 'no answer', datetime('now'),"
        " datetime('now'), '', ?, 'h')",
        ("att_" + key, sid, key),
    )
    db.execute("UPDATE shipments SET status = status, kpi_facts = kpi_facts WHERE id = ?", (sid,))
    db.executemany(
        "INSERT INTO shipment_events (id, shipment_id, kind, actor_kind, data, created_at)"
        " VALUES (?, ?, 'attempt.recorded', 'user', '{}', datetime('now'))",
        [(f"evt_{key}_{g}", sid) for g in (1, 2)],
    )
    db.execute(
        "INSERT INTO kpi_daily (org_id, day, marketplace_id, driver_id, attempts) VALUES"
        " ('org_b', date('now'), 'mkt_b', 'drv_b', 1), ('org_b', date('now'), 'mkt_b', '*', 1)"
        " ON CONFLICT (org_id, day, marketplace_id, driver_id) DO UPDATE SET attempts = attempts + 1"
    )
    db.execute("COMMIT")
print(f"sqlite bare loop tx/s: {n / (time.monotonic() - start):.0f}")
