DROP INDEX handoffs_from_org_created;
DROP INDEX handoffs_to_org_pending;
