DROP INDEX shipment_events_feed;
ALTER TABLE shipment_events DROP COLUMN txid;
