-- Local time: every shipment keeps the IANA zone its times are shown in (resolved at creation:
-- given, else the courier contract's, else the marketplace's, else UTC). Rows from before
-- were shown in UTC and stay so. Stored times remain UTC.
ALTER TABLE shipments ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
-- The default zone of shipments carried under a contract, and of a marketplace's shipments.
ALTER TABLE contracts ADD COLUMN time_zone TEXT;
ALTER TABLE orgs ADD COLUMN time_zone TEXT;
