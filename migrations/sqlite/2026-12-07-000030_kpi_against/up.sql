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
) WITHOUT ROWID;
CREATE INDEX kpi_against_marketplace ON kpi_against (marketplace_id, driver_id, kpi, day, shipment_id);
INSERT INTO kpi_against (org_id, driver_id, kpi, day, marketplace_id, shipment_id)
SELECT DISTINCT json_extract(e.value, '$.org'), json_extract(e.value, '$.driver'), k.kpi, json_extract(e.value, '$.day'), s.marketplace_id, s.id
FROM shipments s, json_each(s.kpi_contrib) e,
     (SELECT 'on_time_rate' AS kpi
      UNION ALL SELECT 'upheld_dispute_rate' AS kpi
      UNION ALL SELECT 'early_without_consent_rate' AS kpi
      UNION ALL SELECT 'lost_rate' AS kpi
      UNION ALL SELECT 'custody_gap_rate' AS kpi
      UNION ALL SELECT 'redelivery_in_window_rate' AS kpi) k
WHERE s.kpi_contrib IS NOT NULL AND CASE k.kpi
    WHEN 'on_time_rate' THEN COALESCE(json_extract(e.value, '$.on_time_due'), 0) - COALESCE(json_extract(e.value, '$.on_time'), 0)
    WHEN 'upheld_dispute_rate' THEN COALESCE(json_extract(e.value, '$.upheld_disputes'), 0)
    WHEN 'early_without_consent_rate' THEN COALESCE(json_extract(e.value, '$.early_attempts'), 0)
    WHEN 'lost_rate' THEN COALESCE(json_extract(e.value, '$.lost'), 0)
    WHEN 'custody_gap_rate' THEN COALESCE(json_extract(e.value, '$.custody_gaps'), 0)
    WHEN 'redelivery_in_window_rate' THEN COALESCE(json_extract(e.value, '$.redeliveries'), 0) - COALESCE(json_extract(e.value, '$.redeliveries_in_window'), 0)
  END <> 0;
