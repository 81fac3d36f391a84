//! Server-to-server API keys: shown once, stored hashed, revocable, `last_used_at` kept.
pub mod model;
pub mod routes;
pub mod store;
