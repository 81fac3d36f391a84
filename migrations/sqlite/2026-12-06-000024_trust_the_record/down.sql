DROP INDEX notifications_recipient_sent;
CREATE TABLE push_subscriptions_old (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    endpoint TEXT NOT NULL UNIQUE,
    p256dh TEXT NOT NULL,
    auth TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
INSERT INTO push_subscriptions_old
    SELECT id, user_id, endpoint, p256dh, auth, created_at, updated_at FROM push_subscriptions a
    WHERE NOT EXISTS (SELECT 1 FROM push_subscriptions b
                      WHERE b.endpoint = a.endpoint AND b.updated_at > a.updated_at);
DROP TABLE push_subscriptions;
ALTER TABLE push_subscriptions_old RENAME TO push_subscriptions;
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id, id);
DROP TABLE driver_sightings;
CREATE TABLE driver_sightings (
    id TEXT PRIMARY KEY NOT NULL,
    driver_id TEXT NOT NULL,
    seen_at TIMESTAMP NOT NULL
);
CREATE INDEX driver_sightings_driver ON driver_sightings (driver_id, seen_at);
