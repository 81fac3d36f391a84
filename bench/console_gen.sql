-- What the console pages read besides the counters, for the shipments bench/kpis_gen.sql wrote
-- (PostgreSQL): a timeline of 5 events a shipment and disputes on 2 % of them (open in the last
-- 7 days, responded 7–14 days ago, resolved before). Set-based, like kpis_gen.sql.
\set ON_ERROR_STOP on
CREATE TEMP TABLE s AS
SELECT substr(id, 10)::int AS n, id, marketplace_id, courier_id, driver_id, status, window_start AS ws
FROM shipments WHERE id LIKE 'shp_bench%';

-- Already dispatched: the webhook dispatcher would otherwise start on millions of old events
-- during the load. No evidence chain (no console page reads it). The feed-order trigger (a
-- shipment's events never go back in txid) has nothing to order in one bulk transaction and
-- costs a lookup per row (5 M of them at 1 M shipments): off for the load only.
ALTER TABLE shipment_events DISABLE TRIGGER shipment_events_after_their_shipment;
INSERT INTO shipment_events (id, shipment_id, kind, actor_kind, actor_id, actor_org_id, data, created_at, dispatched)
SELECT 'evt_bench' || n || '_' || k, id,
       CASE k WHEN 1 THEN 'shipment.created' WHEN 2 THEN 'handoff.accepted' WHEN 3 THEN 'handoff.accepted'
              WHEN 4 THEN 'shipment.out_for_delivery' ELSE 'shipment.' || status END,
       CASE WHEN k = 1 THEN 'api_key' ELSE 'user' END,
       CASE WHEN k >= 3 THEN driver_id END,
       CASE WHEN k = 1 THEN marketplace_id ELSE courier_id END,
       '{}',
       ws + (k - 4) * interval '1 hour', true
FROM s, generate_series(1, 5) k;
ALTER TABLE shipment_events ENABLE TRIGGER shipment_events_after_their_shipment;

INSERT INTO disputes (id, shipment_id, attempt_id, marketplace_id, courier_id, reason, comment, status,
  courier_response, responded_at, responded_by, resolution, remedy, resolved_at, resolved_by, created_at)
SELECT 'dsp_bench' || n, id, 'att_bench_a' || n, marketplace_id, courier_id,
       (ARRAY['was_home', 'not_called', 'not_received', 'damaged'])[1 + n % 4], 'bench',
       CASE WHEN ws > now() - interval '7 days' THEN 'open'
            WHEN ws > now() - interval '14 days' THEN 'responded' ELSE 'resolved' END,
       CASE WHEN ws <= now() - interval '7 days' THEN 'bench' END,
       CASE WHEN ws <= now() - interval '7 days' THEN ws + interval '2 days' END,
       CASE WHEN ws <= now() - interval '7 days' THEN 'bench' END,
       CASE WHEN ws <= now() - interval '14 days' THEN CASE WHEN n % 2 = 0 THEN 'upheld' ELSE 'rejected' END END,
       CASE WHEN ws <= now() - interval '14 days' THEN CASE WHEN n % 2 = 0 THEN 'refund' ELSE 'none' END END,
       CASE WHEN ws <= now() - interval '14 days' THEN ws + interval '5 days' END,
       CASE WHEN ws <= now() - interval '14 days' THEN 'bench' END,
       ws + interval '6 hours'
FROM s WHERE (hashint4(n * 7 + 3) & 1023) < 20;
ANALYZE shipment_events;
ANALYZE disputes;
