-- Bumped by the one door on every change of the shipment (its row, timeline, attempts,
-- disputes, rating): a reader that cached what it built from them knows whether it is current.
ALTER TABLE shipments ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
