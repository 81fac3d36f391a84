-- Where the chain broke when a parcel was declared lost (JSON, written by the one door with the
-- status): who held it last and since when, and the hand-off that was never accepted. The KPI
-- counters charge the loss to the party that held custody (README "Loss in transit").
ALTER TABLE shipments ADD COLUMN loss TEXT;
