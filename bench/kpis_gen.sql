-- History generator for the KPI benchmark (PostgreSQL): :n shipments over the last 365 days,
-- spread over the bench drivers (table bench_drivers) and marketplaces (bench_marketplaces),
-- with attempts (a mix of verdicts, 15 % failed first), ratings (60 % of deliveries) and
-- the kpi_daily counters those facts add up to. Set-based inserts: no round trip per row.
\set ON_ERROR_STOP on
CREATE TEMP TABLE d AS SELECT row_number() OVER (ORDER BY id) - 1 AS i, id, org_id FROM users WHERE role = 'driver';
CREATE TEMP TABLE m AS SELECT row_number() OVER (ORDER BY id) - 1 AS i, id FROM orgs WHERE kind = 'marketplace';

CREATE TEMP TABLE g AS
SELECT s AS n,
       (SELECT id FROM m WHERE m.i = (hashint4(s * 3 + 1) & 1073741823) % (SELECT count(*) FROM m)) AS mp,
       dd.id AS driver, dd.org_id AS courier,
       date_trunc('day', now() AT TIME ZONE 'UTC') - ((s % 365) || ' days')::interval + interval '9 hours' AS ws,
       (hashint4(s) & 1023) AS r
FROM generate_series(1, :n) s
JOIN d dd ON dd.i = (hashint4(s * 5 + 2) & 1073741823) % (SELECT count(*) FROM d);

-- The counters these facts add up to (what the API keeps transaction by transaction;
-- `doorstep admin rebuild-kpis` recomputes them through the real code path and must find no
-- difference: tests/api/kpis.rs runs both on a small size). One row of contributions per
-- shipment, summed per driver and per rollup shard.
-- The rollup shard of a shipment: FNV-1a of its id, as kpis::rules::rollup_driver.
CREATE FUNCTION pg_temp.rollup_driver(id text) RETURNS text AS $$
DECLARE h bigint := 2166136261; b bytea := convert_to(id, 'UTF8');
BEGIN
  FOR i IN 0 .. length(b) - 1 LOOP
    h := ((h # get_byte(b, i)) * 16777619) & 4294967295;
  END LOOP;
  RETURN CASE WHEN h % 16 = 0 THEN '*' ELSE '*' || to_hex(h % 16) END;
END $$ LANGUAGE plpgsql IMMUTABLE;

CREATE TEMP TABLE c AS
SELECT n, courier, to_char(ws, 'YYYY-MM-DD') AS day, mp, driver,
       pg_temp.rollup_driver('shp_bench' || n) AS shard,
       CASE WHEN r >= 60 AND r < 154 THEN 2 ELSE 1 END AS attempts,
       CASE WHEN r % 10 < 8 THEN 1 ELSE 0 END + CASE WHEN r >= 60 AND r < 154 THEN 1 ELSE 0 END AS verified_attempts,
       1 AS first_attempts,
       CASE WHEN r >= 154 THEN 1 ELSE 0 END AS first_attempt_successes,
       CASE WHEN r >= 60 AND NOT (r >= 154 AND r % 10 = 9) THEN 1 ELSE 0 END AS on_time,
       CASE WHEN r >= 60 THEN 1 ELSE 0 END AS on_time_due,
       1 AS ended,
       CASE WHEN r < 20 THEN 1 ELSE 0 END AS lost,
       CASE WHEN r >= 60 AND r % 5 <> 0 THEN 1 ELSE 0 END AS ratings,
       CASE WHEN r >= 60 AND r % 5 <> 0 THEN
         CASE WHEN r % 20 = 0 THEN 1 WHEN r % 20 = 1 THEN 2 WHEN r % 20 < 4 THEN 3 WHEN r % 20 < 9 THEN 4 ELSE 5 END ELSE 0 END AS stars_sum,
       CASE WHEN r >= 60 AND r % 5 <> 0 AND r % 20 = 0 THEN 1 ELSE 0 END AS stars_1,
       CASE WHEN r >= 60 AND r % 5 <> 0 AND r % 20 = 1 THEN 1 ELSE 0 END AS stars_2,
       CASE WHEN r >= 60 AND r % 5 <> 0 AND r % 20 IN (2, 3) THEN 1 ELSE 0 END AS stars_3,
       CASE WHEN r >= 60 AND r % 5 <> 0 AND r % 20 BETWEEN 4 AND 8 THEN 1 ELSE 0 END AS stars_4,
       CASE WHEN r >= 60 AND r % 5 <> 0 AND r % 20 >= 9 THEN 1 ELSE 0 END AS stars_5,
       CASE WHEN r >= 60 AND r % 5 <> 0 AND r % 20 < 2 THEN 1 ELSE 0 END AS tag_late,
       CASE WHEN r >= 60 AND r % 5 <> 0 AND r % 20 > 15 THEN 1 ELSE 0 END AS tag_friendly
FROM g;

-- What each shipment recorded it added (`kpi_contrib`, the drill-down's source), encoded as the
-- server encodes it: its org's rollup key ('*') and its driver's, each with its non-zero
-- counters in the order `kpis::rules::Counters` declares them.
CREATE FUNCTION pg_temp.entry(day text, org text, driver text, names text[], vals int[])
RETURNS text AS $$
DECLARE out text := '{"day":"' || day || '","org":"' || org || '","driver":"' || driver || '"';
BEGIN
  FOR i IN 1 .. array_length(names, 1) LOOP
    IF vals[i] <> 0 THEN out := out || ',"' || names[i] || '":' || vals[i]; END IF;
  END LOOP;
  RETURN out || '}';
END $$ LANGUAGE plpgsql IMMUTABLE;
CREATE TEMP TABLE contrib AS
SELECT n, '[' || pg_temp.entry(day, courier, '*', k, v) || ',' || pg_temp.entry(day, courier, driver, k, v) || ']' AS json
FROM (SELECT n, day, courier, driver,
             ARRAY['attempts', 'verified_attempts', 'first_attempts', 'first_attempt_successes',
                   'on_time', 'on_time_due', 'ended', 'lost', 'ratings', 'stars_sum', 'stars_1',
                   'stars_2', 'stars_3', 'stars_4', 'stars_5', 'tag_friendly', 'tag_late'] AS k,
             ARRAY[attempts, verified_attempts, first_attempts, first_attempt_successes, on_time,
                   on_time_due, ended, lost, ratings, stars_sum, stars_1, stars_2, stars_3,
                   stars_4, stars_5, tag_friendly, tag_late] AS v
      FROM c) x;

INSERT INTO shipments (id, marketplace_id, reference, request_hash, courier_id, driver_id, status,
  window_start, window_end, window_firm, country, call_before_arrival, safe_place_allowed,
  tracking_token_hash, pin_failures, finalized_at, created_at, updated_at, kpi_contrib)
SELECT 'shp_bench' || n, mp, 'B' || n, 'bench', courier, driver,
       CASE WHEN r < 20 THEN 'lost' WHEN r < 60 THEN 'returned' ELSE 'delivered' END,
       ws, ws + interval '4 hours', true, 'FR', false, false, 'bench' || n, 0,
       ws + interval '3 hours', ws - interval '1 day', ws + interval '5 hours', contrib.json
FROM g JOIN contrib USING (n);

-- First attempts: failed for 15 %, otherwise delivered; 80 % verified, the rest flagged.
INSERT INTO delivery_attempts (id, shipment_id, driver_id, courier_id, outcome, failure_reason,
  placement, pin_verified, occurred_at, received_at, flags, idempotency_key, request_hash)
SELECT 'att_bench_a' || n, 'shp_bench' || n, driver, courier,
       CASE WHEN r < 154 THEN 'failed' ELSE 'delivered' END,
       CASE WHEN r < 154 THEN 'recipient_absent' END,
       CASE WHEN r >= 154 THEN 'handed_to_recipient' END, false,
       ws + interval '1 hour', ws + interval '1 hour',
       CASE WHEN r % 10 < 8 THEN '' WHEN r % 10 = 8 THEN 'no_photo' ELSE 'late' END,
       'a' || n, 'bench'
FROM g;
-- Second attempt after a failed first one: delivered (unless returned or lost).
INSERT INTO delivery_attempts (id, shipment_id, driver_id, courier_id, outcome, placement,
  pin_verified, occurred_at, received_at, flags, idempotency_key, request_hash)
SELECT 'att_bench_b' || n, 'shp_bench' || n, driver, courier, 'delivered', 'handed_to_recipient',
       false, ws + interval '3 hours', ws + interval '3 hours', '', 'b' || n, 'bench'
FROM g WHERE r >= 60 AND r < 154;

INSERT INTO ratings (id, shipment_id, marketplace_id, courier_id, driver_id, attempt_id, stars,
  tags, counted_for, created_at, updated_at)
SELECT 'rat_bench' || n, 'shp_bench' || n, mp, courier, driver,
       CASE WHEN r < 154 THEN 'att_bench_b' ELSE 'att_bench_a' END || n,
       CASE WHEN r % 20 = 0 THEN 1 WHEN r % 20 = 1 THEN 2 WHEN r % 20 < 4 THEN 3 WHEN r % 20 < 9 THEN 4 ELSE 5 END,
       CASE WHEN r % 20 < 2 THEN 'late' WHEN r % 20 > 15 THEN 'friendly' ELSE '' END,
       'driver', ws + interval '5 hours', ws + interval '5 hours'
FROM g WHERE r >= 60 AND r % 5 <> 0;

-- Which shipments count for which org, driver and day: the drill-down's index (kpi_shipments).
INSERT INTO kpi_shipments (org_id, driver_id, day, marketplace_id, shipment_id)
SELECT courier, who, day, mp, 'shp_bench' || n
FROM (SELECT *, driver AS who FROM c UNION ALL SELECT *, '*' AS who FROM c) keys;
-- And which indexed KPIs each key counts against (`Kpi::against_set`): late deliveries and lost
-- parcels among these facts.
INSERT INTO kpi_against (org_id, driver_id, kpi, day, marketplace_id, shipment_id)
SELECT courier, who, kpi, day, mp, 'shp_bench' || n
FROM (SELECT *, driver AS who FROM c UNION ALL SELECT *, '*' AS who FROM c) keys,
     LATERAL (VALUES ('on_time_rate', on_time_due - on_time), ('lost_rate', lost)) v (kpi, n_against)
WHERE n_against <> 0;

INSERT INTO kpi_daily (org_id, day, marketplace_id, driver_id, attempts, verified_attempts,
  first_attempts, first_attempt_successes, on_time, on_time_due, ended, lost, ratings, stars_sum,
  stars_1, stars_2, stars_3, stars_4, stars_5, tag_late, tag_friendly)
SELECT courier, at, mp, who, sum(attempts), sum(verified_attempts), sum(first_attempts),
       sum(first_attempt_successes), sum(on_time), sum(on_time_due), sum(ended), sum(lost),
       sum(ratings), sum(stars_sum), sum(stars_1), sum(stars_2), sum(stars_3), sum(stars_4),
       sum(stars_5), sum(tag_late), sum(tag_friendly)
-- The day and week rows of the driver and of the rollup shard (kpis::rules::stored_rows).
FROM (SELECT *, day AS at, driver AS who FROM c
      UNION ALL SELECT *, day AS at, shard AS who FROM c
      UNION ALL SELECT *, 'W' || to_char(date_trunc('week', day::date), 'YYYY-MM-DD') AS at, driver AS who FROM c
      UNION ALL SELECT *, 'W' || to_char(date_trunc('week', day::date), 'YYYY-MM-DD') AS at, shard AS who FROM c) per
GROUP BY courier, at, mp, who;
ANALYZE;
