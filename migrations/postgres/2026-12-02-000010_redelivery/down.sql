ALTER TABLE kpi_daily DROP COLUMN redeliveries_in_window;
ALTER TABLE kpi_daily DROP COLUMN redeliveries;
ALTER TABLE contracts DROP COLUMN redelivery_horizon_days;
ALTER TABLE shipments DROP COLUMN redelivery_chosen_at;
ALTER TABLE shipments DROP COLUMN redelivery_proposed_end;
ALTER TABLE shipments DROP COLUMN redelivery_proposed_start;
