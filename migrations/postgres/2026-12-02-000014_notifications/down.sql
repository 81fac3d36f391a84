DROP TABLE notifications;
ALTER TABLE shipments DROP COLUMN notify_link;
ALTER TABLE shipments DROP COLUMN notify_channels;
