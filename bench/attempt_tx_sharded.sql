-- The minimal transaction a delivery attempt needs, for pgbench on the benchmark's database, as the
-- physical limit the API's attempt endpoint is measured against (same database, same clients).
-- Expects bench_ids(n, id) holding the seeded shipment ids 1..N (pgbench -D shipments=N):
--   CREATE TABLE bench_ids AS SELECT row_number() OVER (ORDER BY id) AS n, id FROM shipments;
-- Run: pgbench -n -M prepared -c 8 -j 2 -T 20 -D shipments=1024 -f attempt_tx.sql "$DATABASE_URL"
-- Adapt the column lists when the schema changes; keep the shape: lock, insert, update, events,
-- counters: the driver's row and the courier's rollup row, spread over 16 shards by shipment as
-- the server does (kpis::rules::rollup_driver), and one driver row per client (each client a
-- driver, as each connection of bench/run.sh); attempt_tx.sql writes one rollup row.
\set i random(1, :shipments)
\set n random(1, 1000000000)
BEGIN;
SELECT * FROM shipments WHERE id = (SELECT id FROM bench_ids WHERE n = :i) FOR UPDATE;
INSERT INTO delivery_attempts (id, shipment_id, driver_id, courier_id, outcome, failure_reason, pin_verified, lat, lon, accuracy_m, gps_captured_at, distance_m, intercom_note, occurred_at, received_at, flags, idempotency_key, request_hash)
  SELECT 'att_' || :client_id || '_' || :n || '_' || clock_timestamp(), id, driver_id, courier_id, 'failed', 'recipient_absent', false, 48.86, 2.33, 8, now(), 0, 'no answer', now(), now(), '', 'k' || :client_id || '_' || :n || '_' || clock_timestamp(), 'h' FROM shipments WHERE id = (SELECT id FROM bench_ids WHERE n = :i);
UPDATE shipments SET status = status WHERE id = (SELECT id FROM bench_ids WHERE n = :i);
INSERT INTO shipment_events (id, shipment_id, kind, actor_kind, actor_id, actor_org_id, data, created_at)
  SELECT 'evt_' || :client_id || '_' || :n || '_' || g || clock_timestamp(), b.id, 'attempt.recorded', 'user', 'usr_x', 'org_x', '{"outcome":"failed"}', now() FROM bench_ids b, generate_series(1, 2) g WHERE b.n = :i;
INSERT INTO kpi_daily (org_id, day, marketplace_id, driver_id, attempts) VALUES ('org_b', '2026-11-29', 'mkt_b', 'drv_' || :client_id, 1), ('org_b', '2026-11-29', 'mkt_b', '*' || (:i % 16), 1)
  ON CONFLICT (org_id, day, marketplace_id, driver_id) DO UPDATE SET attempts = kpi_daily.attempts + EXCLUDED.attempts;
COMMIT;
