//! `GET /v1/events`: the events a party's webhooks would carry, shaped as their payloads, in
//! commit order, from an opaque cursor that survives restarts and never skips an event that
//! committed late.
pub mod payloads;
pub mod routes;
pub mod rules;
pub mod store;
