-- Every authenticated request of a driver is a sighting now (not only route fetches): one row
-- per driver per minute at most (the first request seen in it), written by an upsert that a
-- process does at most once a minute per driver.
DROP TABLE driver_sightings;
CREATE TABLE driver_sightings (
    driver_id TEXT NOT NULL,
    minute BIGINT NOT NULL,
    seen_at TIMESTAMP NOT NULL,
    PRIMARY KEY (driver_id, minute)
);

-- A push endpoint is registered per driver: another driver registering the same endpoint gets
-- a row of their own and never takes over the first one's. (SQLite drops a column constraint
-- by rebuilding the table.)
CREATE TABLE push_subscriptions_new (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    endpoint TEXT NOT NULL,
    p256dh TEXT NOT NULL,
    auth TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
INSERT INTO push_subscriptions_new SELECT id, user_id, endpoint, p256dh, auth, created_at, updated_at FROM push_subscriptions;
DROP TABLE push_subscriptions;
ALTER TABLE push_subscriptions_new RENAME TO push_subscriptions;
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id, id);
CREATE UNIQUE INDEX push_subscriptions_user_endpoint ON push_subscriptions (user_id, endpoint);

-- The per-address daily cap of customer messages counts what one address was sent.
CREATE INDEX notifications_recipient_sent ON notifications (recipient, sent_at);
