DROP TABLE evidence_leaves;
DROP TABLE evidence_roots;
ALTER TABLE shipment_events DROP COLUMN hash;
ALTER TABLE shipment_events DROP COLUMN chain_seq;
ALTER TABLE shipments DROP COLUMN evidence_salt;
ALTER TABLE shipments DROP COLUMN chain_len;
ALTER TABLE shipments DROP COLUMN chain_head;
