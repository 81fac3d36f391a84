-- The feed orders events by the id of the transaction that wrote them. A transaction can take
-- its id before it waits for a shipment's lock (any earlier write takes one); the transaction
-- holding the lock has a larger id yet commits first, so one shipment's events would be served
-- out of their order. An event is therefore numbered after every event its shipment already has
-- (they committed: the writer holds the shipment's lock). The feed's promise holds: an event's
-- number is never below its own transaction's id, so nothing appears behind a served position.
CREATE FUNCTION shipment_events_after_their_shipment() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    last BIGINT;
BEGIN
    SELECT MAX(txid) INTO last FROM shipment_events WHERE shipment_id = NEW.shipment_id;
    IF last > NEW.txid THEN
        NEW.txid := last + 1;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER shipment_events_after_their_shipment BEFORE INSERT ON shipment_events
    FOR EACH ROW EXECUTE FUNCTION shipment_events_after_their_shipment();
