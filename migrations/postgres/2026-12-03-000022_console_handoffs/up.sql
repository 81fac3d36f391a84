-- The console's hand-off pages: what waits for an org, and the punctuality of what it gave.
CREATE INDEX handoffs_to_org_pending ON handoffs (to_org_id, status, due_at);
CREATE INDEX handoffs_from_org_created ON handoffs (from_org_id, created_at);
