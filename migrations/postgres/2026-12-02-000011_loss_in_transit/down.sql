ALTER TABLE shipments DROP COLUMN loss;
