-- Customer messages (issue 16): the language a shipment's customer reads (given at creation,
-- else its courier contract's, else English; rows from before were English and stay so), and
-- per contract the marketplace's default language, the channels its shipments' customers are
-- told on ('email,sms' is what the server did before; '' none) and how far a driver's ETA may
-- move before the customer is told.
ALTER TABLE shipments ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
ALTER TABLE contracts ADD COLUMN language TEXT;
ALTER TABLE contracts ADD COLUMN notify_channels TEXT NOT NULL DEFAULT 'email,sms';
ALTER TABLE contracts ADD COLUMN eta_tolerance_minutes INTEGER NOT NULL DEFAULT 30;
