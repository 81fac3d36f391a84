ALTER TABLE webhook_subscriptions DROP COLUMN previous_secret_key_id;
ALTER TABLE webhook_subscriptions DROP COLUMN secret_key_id;
