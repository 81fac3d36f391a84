DROP TABLE idempotency_keys;
DROP TABLE handoffs;
DROP TABLE contact_access_log;
DROP TABLE shipment_events;
DROP TABLE shipments;
DROP TABLE contracts;
