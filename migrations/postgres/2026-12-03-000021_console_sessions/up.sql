-- Operations console sessions (issue 19): the browser holds a random 256-bit token in a cookie;
-- only its SHA-256 is stored (the id). A session ends after an idle time, at logout, or when its
-- user is deactivated (checked on every request).
CREATE TABLE console_sessions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL
);
CREATE INDEX console_sessions_user ON console_sessions (user_id);
