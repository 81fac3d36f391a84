ALTER TABLE shipments DROP COLUMN version;
