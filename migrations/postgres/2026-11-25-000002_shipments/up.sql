-- A marketplace's agreement with a supplier or courier; settings later features use.
CREATE TABLE contracts (
    id TEXT PRIMARY KEY,
    marketplace_id TEXT NOT NULL REFERENCES orgs (id),
    partner_id TEXT NOT NULL REFERENCES orgs (id),
    partner_kind TEXT NOT NULL CHECK (partner_kind IN ('supplier', 'courier')),
    geofence_radius_m INTEGER NOT NULL,
    retention_days INTEGER NOT NULL,
    custody_gap_hours INTEGER NOT NULL,
    photo_required_unattended BOOLEAN NOT NULL,
    pin_above_value_cents BIGINT,
    active BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (marketplace_id, partner_id)
);
CREATE INDEX contracts_partner_id ON contracts (partner_id, id);

CREATE TABLE shipments (
    id TEXT PRIMARY KEY,
    marketplace_id TEXT NOT NULL REFERENCES orgs (id),
    reference TEXT NOT NULL,
    -- SHA-256 of the creating request, so a retry with the same reference and body is recognised.
    request_hash TEXT NOT NULL,
    supplier_id TEXT REFERENCES orgs (id),
    courier_id TEXT REFERENCES orgs (id),
    driver_id TEXT REFERENCES users (id),
    status TEXT NOT NULL,
    window_start TIMESTAMP NOT NULL,
    window_end TIMESTAMP NOT NULL,
    window_firm BOOLEAN NOT NULL,
    -- Contact fields: NULL once erased after retention.
    recipient_name TEXT,
    recipient_phone TEXT,
    recipient_email TEXT,
    address_line1 TEXT,
    address_line2 TEXT,
    postal_code TEXT,
    city TEXT,
    country TEXT NOT NULL,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    access_notes TEXT,
    call_before_arrival BOOLEAN NOT NULL,
    safe_place_allowed BOOLEAN NOT NULL,
    safe_place TEXT,
    parcel_description TEXT,
    weight_grams INTEGER,
    declared_value_cents BIGINT,
    tracking_token_hash TEXT NOT NULL UNIQUE,
    contact_erased_at TIMESTAMP,
    -- When the customer accepted delivery before a firm window.
    early_consent_at TIMESTAMP,
    -- When a final state was reached; contact data is erased retention days later.
    finalized_at TIMESTAMP,
    -- finalized_at plus the contract's retention days: contact data is erased from then on.
    contact_erase_after TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (marketplace_id, reference)
);
CREATE INDEX shipments_marketplace_id ON shipments (marketplace_id, id);
CREATE INDEX shipments_supplier_id ON shipments (supplier_id, id);
CREATE INDEX shipments_courier_id ON shipments (courier_id, id);
CREATE INDEX shipments_driver_id ON shipments (driver_id, id);
CREATE INDEX shipments_contact_erase_after ON shipments (contact_erase_after);

-- Append-only timeline of a shipment.
CREATE TABLE shipment_events (
    id TEXT PRIMARY KEY,
    shipment_id TEXT NOT NULL REFERENCES shipments (id),
    kind TEXT NOT NULL,
    actor_kind TEXT NOT NULL,
    actor_id TEXT,
    actor_org_id TEXT,
    data TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX shipment_events_shipment_id ON shipment_events (shipment_id, id);

-- Every read of contact fields by anyone but the owning marketplace.
CREATE TABLE contact_access_log (
    id TEXT PRIMARY KEY,
    shipment_id TEXT NOT NULL REFERENCES shipments (id),
    actor_kind TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    actor_org_id TEXT,
    fields TEXT NOT NULL,
    route TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX contact_access_log_shipment_id ON contact_access_log (shipment_id, id);

-- Two-sided custody hand-offs: only acceptance moves custody.
CREATE TABLE handoffs (
    id TEXT PRIMARY KEY,
    shipment_id TEXT NOT NULL REFERENCES shipments (id),
    from_org_id TEXT NOT NULL,
    from_actor_id TEXT NOT NULL,
    to_kind TEXT NOT NULL CHECK (to_kind IN ('supplier', 'courier', 'driver')),
    to_org_id TEXT NOT NULL REFERENCES orgs (id),
    to_driver_id TEXT REFERENCES users (id),
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    note TEXT,
    -- Not accepted by then: a custody gap.
    due_at TIMESTAMP NOT NULL,
    responded_at TIMESTAMP,
    responded_by TEXT,
    parcel_condition TEXT CHECK (parcel_condition IN ('intact', 'damaged')),
    response_note TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX handoffs_shipment_id ON handoffs (shipment_id, id);
CREATE INDEX handoffs_status_due_at ON handoffs (status, due_at);

-- Stored responses of POSTs retried with the same Idempotency-Key.
CREATE TABLE idempotency_keys (
    scope TEXT NOT NULL,
    idem_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response_status INTEGER NOT NULL,
    response_body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (scope, idem_key)
);
