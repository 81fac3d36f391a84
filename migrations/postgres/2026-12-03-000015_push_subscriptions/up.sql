-- Driver pushes (issue 16): a driver's browsers subscribe (Web Push, RFC 8030); one row per
-- push endpoint (UNIQUE: registering it again updates it, another driver registering it takes
-- it over). The keys are the browser's: p256dh (its P-256 public key) and auth (16 bytes).
CREATE TABLE push_subscriptions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    endpoint TEXT NOT NULL UNIQUE,
    p256dh TEXT NOT NULL,
    auth TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id, id);
-- The push outbox: written by the one door in the change's transaction, sent by a background
-- sender. UNIQUE(event_id, subscription_id): one push per event and device, however often the
-- sender retries. The payload is the plaintext JSON (no contact data); it is encrypted per send.
CREATE TABLE push_outbox (
    id TEXT PRIMARY KEY,
    subscription_id TEXT NOT NULL,
    shipment_id TEXT NOT NULL REFERENCES shipments(id),
    event_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    tries INTEGER NOT NULL DEFAULT 0,
    next_try_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    UNIQUE (event_id, subscription_id)
);
CREATE INDEX push_outbox_due ON push_outbox (status, next_try_at);
CREATE INDEX push_outbox_subscription ON push_outbox (subscription_id);
