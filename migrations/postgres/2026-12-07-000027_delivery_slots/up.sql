-- Delivery slots (issue 28): a courier contract may offer slots per local weekday with a
-- capacity per slot and day; a customer choosing a re-delivery takes one place of one slot.
-- JSON: [{"days": ["mon", …], "start": "08:00", "end": "12:00", "capacity": 20}, …]; NULL: none.
ALTER TABLE contracts ADD COLUMN delivery_slots TEXT;
-- Places taken per slot and day (the slot's start, UTC). One row per slot taken from; the
-- conditional upsert that takes a place is what makes the last place go to exactly one.
CREATE TABLE slot_places (
    contract_id TEXT NOT NULL REFERENCES contracts (id),
    slot_start TIMESTAMP NOT NULL,
    taken INTEGER NOT NULL,
    PRIMARY KEY (contract_id, slot_start)
);
-- The slot a shipment holds (at most one: choosing another gives the place back).
CREATE TABLE slot_bookings (
    shipment_id TEXT PRIMARY KEY REFERENCES shipments (id),
    contract_id TEXT NOT NULL REFERENCES contracts (id),
    slot_start TIMESTAMP NOT NULL
);
