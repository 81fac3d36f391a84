-- Live arrival (issue 26): the latest position of a driver out for delivery, one row per driver
-- and no trail, with the estimate it gives each of their remaining stops. Written by the
-- driver's position report (one upsert), erased when the round ends (their last attempt, a
-- report with nothing out, or the purge of a position nobody refreshed).
CREATE TABLE driver_positions (
    driver_id TEXT PRIMARY KEY REFERENCES users (id),
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    accuracy_m REAL,
    reported_at TIMESTAMP NOT NULL,
    -- {"at": unix seconds, "stops": [[shipment id, stops before it, minutes], ...]}
    estimates TEXT NOT NULL,
    -- When eta.updated was last sent for these stops (at most once per 5 minutes).
    notified_at TIMESTAMP
);
-- A courier's average speed on its rounds (km/h); absent: the default.
ALTER TABLE orgs ADD COLUMN average_speed_kmh INTEGER;
