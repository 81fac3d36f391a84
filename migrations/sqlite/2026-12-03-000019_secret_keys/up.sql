-- The key that sealed each webhook signing secret (NULL: kept in plain text; see src/secrets.rs).
ALTER TABLE webhook_subscriptions ADD COLUMN secret_key_id TEXT;
ALTER TABLE webhook_subscriptions ADD COLUMN previous_secret_key_id TEXT;
