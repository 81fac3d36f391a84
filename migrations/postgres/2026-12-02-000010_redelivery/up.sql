-- Re-delivery (issue 15): after a failed attempt the parcel waits with the courier for a new
-- visit. The courier may propose a window (kept until the customer accepts or chooses another);
-- the customer's choice becomes the promised window, and `redelivery_chosen_at` says it was
-- chosen for this wait (cleared by the one door when a new attempt fails).
ALTER TABLE shipments ADD COLUMN redelivery_proposed_start TIMESTAMP;
ALTER TABLE shipments ADD COLUMN redelivery_proposed_end TIMESTAMP;
ALTER TABLE shipments ADD COLUMN redelivery_chosen_at TIMESTAMP;

-- How far ahead a re-delivery window may start (the days the courier keeps the parcel).
ALTER TABLE contracts ADD COLUMN redelivery_horizon_days INTEGER NOT NULL DEFAULT 7;

-- Attempts that followed a chosen re-delivery window, and those inside it.
ALTER TABLE kpi_daily ADD COLUMN redeliveries INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_daily ADD COLUMN redeliveries_in_window INTEGER NOT NULL DEFAULT 0;
