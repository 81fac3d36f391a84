ALTER TABLE shipments DROP COLUMN kpi_facts;
