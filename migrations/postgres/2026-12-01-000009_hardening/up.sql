-- One open dispute per attempt, enforced by the database: two requests sent together (the
-- JSON route and the page) cannot both pass a read-then-insert check.
CREATE UNIQUE INDEX disputes_one_open_per_attempt ON disputes (attempt_id) WHERE status <> 'resolved';

-- When the server saw a driver online (a route fetch): an attempt sent later that claims a time
-- before such a sighting was not queued offline, it was backdated. No position, kept 4 days.
CREATE TABLE driver_sightings (
    id TEXT PRIMARY KEY NOT NULL,
    driver_id TEXT NOT NULL,
    seen_at TIMESTAMP NOT NULL
);
CREATE INDEX driver_sightings_driver ON driver_sightings (driver_id, seen_at);
