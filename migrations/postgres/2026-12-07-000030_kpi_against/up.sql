-- What counts against the KPIs whose lists are rare (issue 27): a row per drill-down key of
-- `kpi_shipments` and such KPI its counters work against (`Kpi::against_set`: late deliveries,
-- upheld disputes, early attempts without consent, lost parcels, custody gaps, re-deliveries
-- outside the chosen window). Such a list reads only its rows, instead of decoding every
-- shipment of the range. Written by the one door beside `kpi_shipments`; `rebuild-kpis`
-- rewrites it. Backfilled from each shipment's recorded contribution by the same rule (a test
-- runs this statement against what the door keeps).
CREATE TABLE kpi_against (
    org_id TEXT NOT NULL,
    driver_id TEXT NOT NULL,
    kpi TEXT NOT NULL,
    day TEXT NOT NULL,
    marketplace_id TEXT NOT NULL,
    shipment_id TEXT NOT NULL REFERENCES shipments (id),
    PRIMARY KEY (org_id, driver_id, kpi, day, marketplace_id, shipment_id)
);
CREATE INDEX kpi_against_marketplace ON kpi_against (marketplace_id, driver_id, kpi, day, shipment_id);
INSERT INTO kpi_against (org_id, driver_id, kpi, day, marketplace_id, shipment_id)
SELECT DISTINCT e->>'org', e->>'driver', k.kpi, e->>'day', s.marketplace_id, s.id
FROM shipments s, json_array_elements(s.kpi_contrib::json) e,
     (SELECT 'on_time_rate' AS kpi
      UNION ALL SELECT 'upheld_dispute_rate' AS kpi
      UNION ALL SELECT 'early_without_consent_rate' AS kpi
      UNION ALL SELECT 'lost_rate' AS kpi
      UNION ALL SELECT 'custody_gap_rate' AS kpi
      UNION ALL SELECT 'redelivery_in_window_rate' AS kpi) k
WHERE s.kpi_contrib IS NOT NULL AND CASE k.kpi
    WHEN 'on_time_rate' THEN COALESCE((e->>'on_time_due')::bigint, 0) - COALESCE((e->>'on_time')::bigint, 0)
    WHEN 'upheld_dispute_rate' THEN COALESCE((e->>'upheld_disputes')::bigint, 0)
    WHEN 'early_without_consent_rate' THEN COALESCE((e->>'early_attempts')::bigint, 0)
    WHEN 'lost_rate' THEN COALESCE((e->>'lost')::bigint, 0)
    WHEN 'custody_gap_rate' THEN COALESCE((e->>'custody_gaps')::bigint, 0)
    WHEN 'redelivery_in_window_rate' THEN COALESCE((e->>'redeliveries')::bigint, 0) - COALESCE((e->>'redeliveries_in_window')::bigint, 0)
  END <> 0;
