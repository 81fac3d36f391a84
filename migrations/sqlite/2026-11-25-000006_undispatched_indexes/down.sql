DROP INDEX kpi_target_misses_undispatched;
CREATE INDEX kpi_target_misses_undispatched ON kpi_target_misses (created_at) WHERE dispatched = FALSE;
DROP INDEX shipment_events_undispatched;
CREATE INDEX shipment_events_undispatched ON shipment_events (created_at) WHERE dispatched = FALSE;
