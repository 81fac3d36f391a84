-- Customer messages (issue 16): an outbox written by the one door in the change's transaction
-- and sent by a background sender. UNIQUE(event_id, channel): one message per event and channel,
-- however often the sender retries. Recipient, subject and body are erased with the contact data.
CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    shipment_id TEXT NOT NULL REFERENCES shipments(id),
    event_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    recipient TEXT,
    subject TEXT,
    body TEXT,
    lang TEXT NOT NULL,
    status TEXT NOT NULL,
    tries INTEGER NOT NULL DEFAULT 0,
    next_try_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    UNIQUE (event_id, channel)
);
CREATE INDEX notifications_due ON notifications (status, next_try_at);
CREATE INDEX notifications_shipment ON notifications (shipment_id, id);
-- The channels a shipment's customer hears on (configured at creation, with the contact field,
-- less what the customer switched off; NULL: none), and the tracking link the messages carry
-- (kept only while messages may be sent; erased with the contact data).
ALTER TABLE shipments ADD COLUMN notify_channels TEXT;
ALTER TABLE shipments ADD COLUMN notify_link TEXT;
