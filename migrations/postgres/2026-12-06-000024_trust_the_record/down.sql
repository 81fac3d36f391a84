DROP INDEX notifications_recipient_sent;
DROP INDEX push_subscriptions_user_endpoint;
DELETE FROM push_subscriptions a USING push_subscriptions b
    WHERE a.endpoint = b.endpoint AND a.updated_at < b.updated_at;
ALTER TABLE push_subscriptions ADD CONSTRAINT push_subscriptions_endpoint_key UNIQUE (endpoint);
DROP TABLE driver_sightings;
CREATE TABLE driver_sightings (
    id TEXT PRIMARY KEY NOT NULL,
    driver_id TEXT NOT NULL,
    seen_at TIMESTAMP NOT NULL
);
CREATE INDEX driver_sightings_driver ON driver_sightings (driver_id, seen_at);
