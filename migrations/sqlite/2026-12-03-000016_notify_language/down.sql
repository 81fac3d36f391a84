ALTER TABLE contracts DROP COLUMN eta_tolerance_minutes;
ALTER TABLE contracts DROP COLUMN notify_channels;
ALTER TABLE contracts DROP COLUMN language;
ALTER TABLE shipments DROP COLUMN language;
