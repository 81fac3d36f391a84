-- The dispatchers ask `WHERE NOT dispatched` (a bound `dispatched = $1` cannot use a partial
-- index in PostgreSQL's cached plans); SQLite uses a partial index only when the query repeats
-- its predicate, so the indexes say it the same way.
DROP INDEX shipment_events_undispatched;
CREATE INDEX shipment_events_undispatched ON shipment_events (created_at) WHERE NOT dispatched;
DROP INDEX kpi_target_misses_undispatched;
CREATE INDEX kpi_target_misses_undispatched ON kpi_target_misses (created_at) WHERE NOT dispatched;
