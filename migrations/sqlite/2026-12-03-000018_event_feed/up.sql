-- The event feed's order (GET /v1/events). SQLite has one writer connection, so insertion
-- order is commit order: each event gets the next number here when inserted (by the trigger,
-- so inserts need no change; one past the largest so far, read from the index, rather than the
-- rowid, which VACUUM may renumber and deletions may let be reused: cursors must outlive both).
ALTER TABLE shipment_events ADD COLUMN txid BIGINT NOT NULL DEFAULT 0;
UPDATE shipment_events SET txid = rowid;
CREATE INDEX shipment_events_feed ON shipment_events (txid, id);
CREATE TRIGGER shipment_events_txid AFTER INSERT ON shipment_events
BEGIN
    UPDATE shipment_events SET txid = (SELECT MAX(txid) FROM shipment_events) + 1
    WHERE rowid = NEW.rowid;
END;
