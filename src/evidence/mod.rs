//! Evidence nobody can rewrite: every shipment event is hash-chained to the one before it (the
//! one door writes the hash and keeps the chain's head on the shipment row), Merkle roots over
//! the heads are signed with Ed25519 every day and on demand, and a shipment's evidence is
//! exported as a bundle that `doorstep verify` checks offline.
pub mod export;
pub mod facts;
pub mod keys;
pub mod model;
pub mod records;
pub mod routes;
pub mod rules;
pub mod service;
pub mod settings;
pub mod store;
pub mod verify;
