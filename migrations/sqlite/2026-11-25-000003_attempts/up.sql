ALTER TABLE shipments ADD COLUMN eta_at TIMESTAMP;
-- The handover PIN: shown only on the customer's link; locked after 5 wrong tries.
ALTER TABLE shipments ADD COLUMN handover_pin TEXT;
ALTER TABLE shipments ADD COLUMN pin_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE shipments ADD COLUMN pin_locked_at TIMESTAMP;

-- Driver → customer: calls, SMS, intercom rings before arriving.
CREATE TABLE contact_attempts (
    id TEXT PRIMARY KEY,
    shipment_id TEXT NOT NULL REFERENCES shipments (id),
    driver_id TEXT NOT NULL REFERENCES users (id),
    channel TEXT NOT NULL CHECK (channel IN ('call', 'sms', 'intercom', 'doorbell', 'in_app')),
    outcome TEXT NOT NULL CHECK (outcome IN ('reached', 'no_answer', 'voicemail', 'sent', 'busy')),
    occurred_at TIMESTAMP NOT NULL,
    note TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX contact_attempts_shipment_id ON contact_attempts (shipment_id, occurred_at);

CREATE TABLE delivery_attempts (
    id TEXT PRIMARY KEY,
    shipment_id TEXT NOT NULL REFERENCES shipments (id),
    driver_id TEXT NOT NULL REFERENCES users (id),
    courier_id TEXT NOT NULL REFERENCES orgs (id),
    outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'failed')),
    failure_reason TEXT,
    placement TEXT,
    recipient_name TEXT,
    pin_verified BOOLEAN NOT NULL,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    accuracy_m DOUBLE PRECISION,
    gps_captured_at TIMESTAMP,
    distance_m DOUBLE PRECISION,
    intercom_note TEXT,
    -- Device time (the driver's clock) and server time of receipt.
    occurred_at TIMESTAMP NOT NULL,
    received_at TIMESTAMP NOT NULL,
    -- Comma-separated accountability flags; empty means verified.
    flags TEXT NOT NULL,
    -- Retries with the same key return this attempt.
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    UNIQUE (driver_id, idempotency_key)
);
CREATE INDEX delivery_attempts_shipment_id ON delivery_attempts (shipment_id, occurred_at);
CREATE INDEX delivery_attempts_driver_id ON delivery_attempts (driver_id, id);

CREATE TABLE photos (
    id TEXT PRIMARY KEY,
    attempt_id TEXT NOT NULL REFERENCES delivery_attempts (id),
    shipment_id TEXT NOT NULL REFERENCES shipments (id),
    kind TEXT NOT NULL CHECK (kind IN ('placement', 'parcel', 'door', 'label', 'damage', 'signature')),
    object_key TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    width INTEGER,
    height INTEGER,
    exif_taken_at TIMESTAMP,
    exif_lat DOUBLE PRECISION,
    exif_lon DOUBLE PRECISION,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX photos_attempt_id ON photos (attempt_id, id);

CREATE TABLE disputes (
    id TEXT PRIMARY KEY,
    shipment_id TEXT NOT NULL REFERENCES shipments (id),
    attempt_id TEXT REFERENCES delivery_attempts (id),
    marketplace_id TEXT NOT NULL REFERENCES orgs (id),
    courier_id TEXT REFERENCES orgs (id),
    reason TEXT NOT NULL,
    comment TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'responded', 'resolved')),
    courier_response TEXT,
    responded_at TIMESTAMP,
    responded_by TEXT,
    resolution TEXT CHECK (resolution IN ('upheld', 'rejected')),
    remedy TEXT,
    resolution_note TEXT,
    resolved_at TIMESTAMP,
    resolved_by TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX disputes_shipment_id ON disputes (shipment_id, id);
CREATE INDEX disputes_marketplace_id ON disputes (marketplace_id, id);
CREATE INDEX disputes_courier_id ON disputes (courier_id, id);
