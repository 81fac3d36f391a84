-- Which shipments count for which party, driver and local day (issue 27's drill-down): the
-- keys of each shipment's recorded contribution (`shipments.kpi_contrib`), '*' for the org's
-- rollup. Written by the one door beside the counters; `rebuild-kpis` rewrites it.
CREATE TABLE kpi_shipments (
    org_id TEXT NOT NULL,
    driver_id TEXT NOT NULL,
    day TEXT NOT NULL,
    marketplace_id TEXT NOT NULL,
    shipment_id TEXT NOT NULL REFERENCES shipments (id),
    PRIMARY KEY (org_id, driver_id, day, marketplace_id, shipment_id)
);
CREATE INDEX kpi_shipments_marketplace ON kpi_shipments (marketplace_id, driver_id, day, shipment_id);
INSERT INTO kpi_shipments (org_id, driver_id, day, marketplace_id, shipment_id)
SELECT DISTINCT e->>'org', e->>'driver', e->>'day', s.marketplace_id, s.id
FROM shipments s, json_array_elements(s.kpi_contrib::json) e
WHERE s.kpi_contrib IS NOT NULL;
