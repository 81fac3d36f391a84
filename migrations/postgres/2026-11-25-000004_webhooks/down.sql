DROP TABLE webhook_tries;
DROP TABLE webhook_deliveries;
DROP TABLE webhook_subscriptions;
DROP INDEX shipment_events_undispatched;
ALTER TABLE shipment_events DROP COLUMN dispatched;
ALTER TABLE handoffs DROP COLUMN gap_reported_at;
