-- The timeline is the transactional outbox: events are written in the change's transaction;
-- the dispatcher fans each one out to the subscriptions that may see it, then marks it.
ALTER TABLE shipment_events ADD COLUMN dispatched BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX shipment_events_undispatched ON shipment_events (created_at) WHERE dispatched = FALSE;
-- Existing history is not news.
UPDATE shipment_events SET dispatched = TRUE;

-- When the custody gap of a hand-off was reported as an event.
ALTER TABLE handoffs ADD COLUMN gap_reported_at TIMESTAMP;

CREATE TABLE webhook_subscriptions (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs (id),
    url TEXT NOT NULL,
    description TEXT,
    -- Comma-separated event types, or '*'.
    event_types TEXT NOT NULL,
    secret TEXT NOT NULL,
    previous_secret TEXT,
    previous_secret_expires_at TIMESTAMP,
    active BOOLEAN NOT NULL,
    disabled_reason TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX webhook_subscriptions_org_id ON webhook_subscriptions (org_id, id);

CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY,
    subscription_id TEXT NOT NULL REFERENCES webhook_subscriptions (id),
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
    tries INTEGER NOT NULL,
    next_try_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP,
    last_status_code INTEGER,
    last_error TEXT,
    last_latency_ms INTEGER,
    delivered_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_try_at);
CREATE INDEX webhook_deliveries_subscription_id ON webhook_deliveries (subscription_id, id);

CREATE TABLE webhook_tries (
    id TEXT PRIMARY KEY,
    delivery_id TEXT NOT NULL REFERENCES webhook_deliveries (id),
    at TIMESTAMP NOT NULL,
    status_code INTEGER,
    error TEXT,
    latency_ms INTEGER NOT NULL
);
CREATE INDEX webhook_tries_delivery_id ON webhook_tries (delivery_id, id);
