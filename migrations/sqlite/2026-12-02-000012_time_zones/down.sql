ALTER TABLE orgs DROP COLUMN time_zone;
ALTER TABLE contracts DROP COLUMN time_zone;
ALTER TABLE shipments DROP COLUMN time_zone;
