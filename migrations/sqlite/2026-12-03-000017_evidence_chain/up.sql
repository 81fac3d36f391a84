-- The evidence chain (issue 17): each event's hash chains the one before it; the shipment row
-- keeps the chain's head and length (written by the one door with the row it already updates).
-- Events written before this migration keep a NULL hash: the chain starts after them.
ALTER TABLE shipments ADD COLUMN chain_head TEXT;
ALTER TABLE shipments ADD COLUMN chain_len BIGINT NOT NULL DEFAULT 0;
-- The secret salt of the contact digests chained in events; erased with the contact data.
ALTER TABLE shipments ADD COLUMN evidence_salt TEXT;
ALTER TABLE shipment_events ADD COLUMN chain_seq BIGINT;
ALTER TABLE shipment_events ADD COLUMN hash TEXT;

-- Signed Merkle roots over chain heads, with the key that signed each (rotation: old keys stay
-- listed from here).
CREATE TABLE evidence_roots (
    id TEXT PRIMARY KEY,
    key_id TEXT NOT NULL,
    public_key TEXT NOT NULL,
    root TEXT NOT NULL,
    leaf_count BIGINT NOT NULL,
    signature TEXT NOT NULL,
    covers_from TIMESTAMP NOT NULL,
    covers_until TIMESTAMP NOT NULL,
    signed_at TIMESTAMP NOT NULL
);

CREATE TABLE evidence_leaves (
    root_id TEXT NOT NULL REFERENCES evidence_roots (id),
    position BIGINT NOT NULL,
    shipment_id TEXT NOT NULL,
    head TEXT NOT NULL,
    chain_len BIGINT NOT NULL,
    PRIMARY KEY (root_id, position)
);
CREATE INDEX evidence_leaves_shipment ON evidence_leaves (shipment_id, root_id);
