DROP INDEX disputes_courier_status;
DROP INDEX disputes_marketplace_status;
