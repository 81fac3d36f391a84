-- The event feed's order (GET /v1/events). Ids and sequences are taken in one order and
-- committed in another, so each event keeps the id of the transaction that wrote it (the
-- column's default: inserts need no change and no statement of their own). The feed serves
-- only events whose transaction is below the oldest one still running (the snapshot's xmin),
-- ordered by (txid, id): nothing committed later can fall behind a position already served.
-- Rows written before this migration take the migration's own transaction id.
ALTER TABLE shipment_events
    ADD COLUMN txid BIGINT NOT NULL DEFAULT (pg_current_xact_id()::text::bigint);
CREATE INDEX shipment_events_feed ON shipment_events (txid, id);
