DROP TABLE kpi_target_misses;
DROP TABLE kpi_targets;
ALTER TABLE shipments DROP COLUMN kpi_contrib;
DROP TABLE kpi_daily;
DROP TABLE ratings;
