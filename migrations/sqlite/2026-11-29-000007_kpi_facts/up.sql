-- The facts of a shipment kept in other tables (hand-offs, attempts, contacts, rating) that
-- move its KPI counters, as JSON on its row: a change computes the counters' difference from
-- them without re-reading those tables. NULL on rows written before: read once from the tables.
ALTER TABLE shipments ADD COLUMN kpi_facts TEXT;
