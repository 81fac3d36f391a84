DROP TABLE disputes;
DROP TABLE photos;
DROP TABLE delivery_attempts;
DROP TABLE contact_attempts;
ALTER TABLE shipments DROP COLUMN pin_locked_at;
ALTER TABLE shipments DROP COLUMN pin_failures;
ALTER TABLE shipments DROP COLUMN handover_pin;
ALTER TABLE shipments DROP COLUMN eta_at;
